#ifndef M365_CMALLOC_SHIM_H
#define M365_CMALLOC_SHIM_H

#include <malloc.h>

// glibc's malloc_trim: gives the free memory at the top of the heap and the free pages inside every arena back to
// the system. Returns 1 when some memory was released.
static inline int m365_malloc_trim(void) {
    return malloc_trim(0);
}

#endif
