#ifndef M365_CSYSTEMD_SHIM_H
#define M365_CSYSTEMD_SHIM_H

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <systemd/sd-daemon.h>
// Without this, sd-journal.h turns sd_journal_sendv into a macro that adds CODE_FILE/LINE/FUNC of this
// shim; the Swift side sends the caller's own location fields.
#define SD_JOURNAL_SUPPRESS_LOCATION 1
#include <systemd/sd-journal.h>
#include <time.h>
#include <unistd.h>

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

// Sends one sd_notify datagram to an explicit socket (path, or abstract when it starts with '@').
// sd_notify(3) only reads NOTIFY_SOCKET from the process environment; this takes it as an argument
// so that a notifier built from an injected environment (tests) speaks the same documented protocol.
// A datagram socket blocks its sender while the receiver's queue is full (net.unix.max_dgram_qlen): the send
// waits at most timeout_ms, and with 0 not at all, so a receiver that stops reading never stalls the caller.
// Returns 0 or a negative errno (-EAGAIN when the queue stayed full).
static inline int m365_notify_to(const char *socket_path, const char *state, size_t length, int timeout_ms) {
    struct sockaddr_un address;
    size_t path_length = strlen(socket_path);
    if (path_length == 0 || path_length >= sizeof(address.sun_path)) {
        return -EINVAL;
    }
    if (socket_path[0] != '/' && socket_path[0] != '@') {
        return -EAFNOSUPPORT;
    }
    memset(&address, 0, sizeof(address));
    address.sun_family = AF_UNIX;
    memcpy(address.sun_path, socket_path, path_length);
    if (address.sun_path[0] == '@') {
        address.sun_path[0] = 0;
    }
    socklen_t address_length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + path_length);
    if (socket_path[0] == '/') {
        address_length += 1;
    }
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -errno;
    }
    int flags = MSG_NOSIGNAL;
    if (timeout_ms <= 0) {
        flags |= MSG_DONTWAIT;
    } else {
        struct timeval timeout = {.tv_sec = timeout_ms / 1000, .tv_usec = (timeout_ms % 1000) * 1000};
        if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout)) != 0) {
            int error = errno;
            close(fd);
            return -error;
        }
    }
    ssize_t sent = sendto(fd, state, length, flags, (const struct sockaddr *)&address, address_length);
    int result = sent < 0 ? -errno : ((size_t)sent == length ? 0 : -EMSGSIZE);
    close(fd);
    return result;
}

// CLOCK_MONOTONIC in microseconds, as MONOTONIC_USEC= of RELOADING=1 expects.
static inline uint64_t m365_monotonic_usec(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000ULL + (uint64_t)ts.tv_nsec / 1000ULL;
}

#endif
