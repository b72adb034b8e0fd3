#include <limits.h>
#include <linux/types.h>
#define BITS_PER_LONG (8 * (int)sizeof(long))
#define min(a, b) ((a) < (b) ? (a) : (b))
