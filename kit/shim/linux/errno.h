#define ENOENT 2
#define EINVAL 22
#define EOPNOTSUPP 95
#define ENOEXEC 8
