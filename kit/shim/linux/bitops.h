#define BIT(n) (1UL << (n))
#define hweight32(x) __builtin_popcount((unsigned int)(x))
