#define get_unaligned_le16(p) ((u16)((p)[0] | (p)[1] << 8))
#define get_unaligned_le32(p) ((u32)(((const u8 *)(p))[0] | ((const u8 *)(p))[1] << 8 | \
	((const u8 *)(p))[2] << 16 | (u32)((const u8 *)(p))[3] << 24))
