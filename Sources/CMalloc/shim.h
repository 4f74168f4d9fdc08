#ifndef M365_CMALLOC_SHIM_H
#define M365_CMALLOC_SHIM_H

#include <malloc.h>

// glibc's malloc_trim: gives the free memory at the top of the heap and the free pages inside every arena back to
// the system. Returns 1 when some memory was released.
static inline int m365_malloc_trim(void) {
    return malloc_trim(0);
}

// Fixes glibc's trim and mmap thresholds at `bytes`. By default both grow when a large block is freed (up to 32 MiB
// for the mmap threshold, twice that for the trim threshold): after a run has freed a few large buffers, later large
// blocks come from the arenas and a thread arena's free top is never given back. Fixed thresholds keep large blocks
// in their own mappings (unmapped when freed) and let every arena shrink. Returns 1 when both were set.
static inline int m365_malloc_fix_thresholds(int bytes) {
    return mallopt(M_MMAP_THRESHOLD, bytes) && mallopt(M_TRIM_THRESHOLD, bytes);
}

#endif
