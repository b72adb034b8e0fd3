#define get_unaligned_le16(p) ((u16)((p)[0] | (p)[1] << 8))
