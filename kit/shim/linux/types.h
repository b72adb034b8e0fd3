/* Userspace stand-ins for the kernel headers that kernel/kallsyms_annot.c uses. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef int8_t s8;
typedef int16_t s16;
typedef uint64_t u64;
