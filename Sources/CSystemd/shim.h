#ifndef M365_CSYSTEMD_SHIM_H
#define M365_CSYSTEMD_SHIM_H

#include <sys/uio.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>

// sd_journal_send is variadic; the Swift code uses sd_journal_sendv through this wrapper.
static inline int m365_journal_sendv(const struct iovec *iov, int n) {
    return sd_journal_sendv(iov, n);
}

static inline int m365_notify(int unset_environment, const char *state) {
    return sd_notify(unset_environment, state);
}

static inline int m365_watchdog_enabled(int unset_environment, uint64_t *usec) {
    return sd_watchdog_enabled(unset_environment, usec);
}

#endif
