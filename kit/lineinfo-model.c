// SPDX-License-Identifier: GPL-2.0
/*
 * Size model of the CONFIG_KALLSYMS_LINEINFO table (2026 series, v1 3/3 and
 * later, see shared/research/anchors.md B.3), computed over a vmlinux so that
 * it can be compared with CONFIG_KALLSYMS_PATHS on the same image:
 *
 *  - rows: every .debug_line row in [_stext, _etext), sorted by address
 *    (then file, line); a row repeating the previous file:line is dropped,
 *    and so is a second row at the same address;
 *  - blocks of 64 rows; an index of u32 block address and u32 data offset
 *    per block;
 *  - per block, row 0 is ULEB128 file id and line, rows 1..63 are ULEB128
 *    address delta, SLEB128 file id delta and SLEB128 line delta;
 *  - a file name table: NUL-terminated relative paths and a u32 offset each.
 *
 * Modules (--module, v5 of that series, anchors.md B.7): the rows of the
 * .text, .init.text and .exit.text of the .ko (DWARF relocated by
 * libdwfl). Each of these sections with rows has a self-contained table
 * (the blocks and index above, its own file name table, and a header of
 * five u32: entries, files, file names size, blocks, data size), a
 * descriptor of u64 anchor, u32 size and u32 offset, and the anchor's
 * relocation (an Elf64_Rela, 24 bytes, in the .ko); the descriptors are
 * in a table of the core sections and one of .init.text, each with a u32
 * count.
 *
 * Usage: lineinfo-model [--module] SRCTREE vmlinux|file.ko
 * Prints: rows files index_bytes data_bytes filename_bytes total_bytes
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <gelf.h>

struct row {
	unsigned long long addr;
	const char *file;
	int line;
	int id;		/* file id, in order of first use */
	int sec;	/* module: 1 + its section in text[] */
};

/* File path -> id, chained hash. */
#define HASH 65536
struct file {
	struct file *next;
	const char *path;
	int id;
};
static struct file *hash[HASH];
static int nfiles;
static unsigned long long names;

static int file_id(const char *path)
{
	unsigned int h = 5381;
	struct file *f;

	for (const char *p = path; *p; p++)
		h = h * 33 + (unsigned char)*p;
	for (f = hash[h % HASH]; f; f = f->next)
		if (!strcmp(f->path, path))
			return f->id;
	f = malloc(sizeof(*f));
	*f = (struct file){ hash[h % HASH], path, nfiles++ };
	hash[h % HASH] = f;
	names += strlen(path) + 1 + 4;	/* the name and its u32 offset */
	return f->id;
}

static struct row *rows;
static size_t nrows, size;

static int cmp_row(const void *a, const void *b)
{
	const struct row *ra = a, *rb = b;
	int c;

	if (ra->sec != rb->sec)
		return ra->sec - rb->sec;
	if (ra->addr != rb->addr)
		return ra->addr < rb->addr ? -1 : 1;
	c = strcmp(ra->file, rb->file);
	return c ? c : ra->line - rb->line;
}

static size_t uleb(unsigned long long v)
{
	size_t n = 1;

	while (v > 0x7f) {
		v >>= 7;
		n++;
	}
	return n;
}

static size_t sleb(long long v)
{
	size_t n = 1;

	while (v < -64 || v > 63) {
		v >>= 7;
		n++;
	}
	return n;
}

static unsigned long long symbol(Elf *elf, const char *want)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr shdr;

	while ((scn = elf_nextscn(elf, scn))) {
		Elf_Data *data = elf_getdata(scn, NULL);
		size_t i;

		if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_SYMTAB)
			continue;
		for (i = 0; i < shdr.sh_size / shdr.sh_entsize; i++) {
			GElf_Sym sym;
			const char *name;

			if (!gelf_getsym(data, i, &sym))
				continue;
			name = elf_strptr(elf, shdr.sh_link, sym.st_name);
			if (name && !strcmp(name, want))
				return sym.st_value;
		}
	}
	fprintf(stderr, "lineinfo-model: no symbol %s\n", want);
	exit(1);
}

/* The code of a module: the sections that the v5 tables cover. */
static struct { unsigned long long lo, hi; int init; } text[3];
static int ntext;

static Dwarf *module_dwarf(const char *path, Elf **elf)
{
	static const Dwfl_Callbacks cb = {
		.find_debuginfo = dwfl_standard_find_debuginfo,
		.section_address = dwfl_offline_section_address,
	};
	Dwfl *dwfl = dwfl_begin(&cb);
	Dwfl_Module *mod = dwfl ? dwfl_report_offline(dwfl, path, path, -1) : NULL;
	Elf_Scn *scn = NULL;
	Dwarf_Addr bias;
	GElf_Shdr shdr;
	size_t shstrndx;
	const char *name;
	Dwarf *dw;

	if (!mod || dwfl_report_end(dwfl, NULL, NULL))
		return NULL;
	dw = dwfl_module_getdwarf(mod, &bias);
	*elf = dwfl_module_getelf(mod, &bias);
	if (!*elf || elf_getshdrstrndx(*elf, &shstrndx))
		return NULL;
	while ((scn = elf_nextscn(*elf, scn)) && ntext < 3) {
		if (!gelf_getshdr(scn, &shdr) || !shdr.sh_size ||
		    !(name = elf_strptr(*elf, shstrndx, shdr.sh_name)) ||
		    (strcmp(name, ".text") && strcmp(name, ".init.text") &&
		     strcmp(name, ".exit.text")))
			continue;
		text[ntext].lo = shdr.sh_addr;
		text[ntext].hi = shdr.sh_addr + shdr.sh_size;
		text[ntext++].init = !strcmp(name, ".init.text");
	}
	return dw;
}

/* 1 + the section of text[] that holds @addr, 0 for none. */
static int in_text(unsigned long long addr)
{
	int i;

	for (i = 0; i < ntext; i++)
		if (addr >= text[i].lo && addr < text[i].hi)
			return i + 1;
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long stext = 0, etext = 0, index, data = 0, tables[2] = { 0 };
	int module = argc == 4 && !strcmp(argv[1], "--module");
	size_t srclen, kept = 0, i, first;
	int files = 0;
	Dwarf_CU *cu = NULL;
	Dwarf_Die cudie;
	Dwarf *dw;
	Elf *elf = NULL;
	int fd;

	argv += module;
	argc -= module;
	if (argc != 3) {
		fprintf(stderr, "usage: lineinfo-model [--module] SRCTREE vmlinux|file.ko\n");
		return 2;
	}
	srclen = strlen(argv[1]);
	elf_version(EV_CURRENT);
	if (module) {
		dw = module_dwarf(argv[2], &elf);
	} else {
		fd = open(argv[2], O_RDONLY);
		elf = fd < 0 ? NULL : elf_begin(fd, ELF_C_READ_MMAP, NULL);
		dw = elf ? dwarf_begin_elf(elf, DWARF_C_READ, NULL) : NULL;
	}
	if (!dw) {
		fprintf(stderr, "lineinfo-model: %s: no DWARF\n", argv[2]);
		return 1;
	}
	if (!module) {
		stext = symbol(elf, "_stext");
		etext = symbol(elf, "_etext");
	}

	while (dwarf_get_units(dw, cu, &cu, NULL, NULL, &cudie, NULL) == 0) {
		Dwarf_Lines *lines;
		size_t n;

		if (dwarf_getsrclines(&cudie, &lines, &n) != 0)
			continue;
		for (i = 0; i < n; i++) {
			Dwarf_Line *l = dwarf_onesrcline(lines, i);
			Dwarf_Addr addr;
			const char *file;
			int line;

			if (dwarf_lineaddr(l, &addr) ||
			    (module ? !in_text(addr) : addr < stext || addr >= etext) ||
			    dwarf_lineno(l, &line) || !(file = dwarf_linesrc(l, NULL, NULL)))
				continue;
			if (!strncmp(file, argv[1], srclen) && file[srclen] == '/')
				file += srclen + 1;
			if (nrows == size) {
				size = size ? 2 * size : 1 << 20;
				rows = realloc(rows, size * sizeof(*rows));
			}
			rows[nrows++] = (struct row){ addr, file, line, 0,
						      module ? in_text(addr) : 0 };
		}
	}
	qsort(rows, nrows, sizeof(*rows), cmp_row);

	for (i = 0; i < nrows; i++) {
		if (kept && rows[i].sec == rows[kept - 1].sec &&
		    (rows[i].addr == rows[kept - 1].addr ||
		     (rows[i].line == rows[kept - 1].line &&
		      !strcmp(rows[i].file, rows[kept - 1].file))))
			continue;
		rows[kept++] = rows[i];
	}

	/*
	 * File ids in order of first use; the table holds each path once,
	 * per section for a module.
	 */
	index = 0;
	for (i = 0, first = 0; i < kept; i++) {
		if (i && rows[i].sec != rows[i - 1].sec) {
			memset(hash, 0, sizeof(hash));
			files += nfiles;
			nfiles = 0;
			first = i;
		}
		if (i == first && module) {
			index += 20 + 16 + 24;	/* header, descriptor, relocation */
			tables[text[rows[i].sec - 1].init] = 4;	/* the count */
		}
		rows[i].id = file_id(rows[i].file);
		if ((i - first) % 64 == 0) {
			data += uleb(rows[i].id) + uleb(rows[i].line);
			index += 8;
		} else {
			data += uleb(rows[i].addr - rows[i - 1].addr) +
				sleb(rows[i].id - rows[i - 1].id) +
				sleb((long long)rows[i].line - rows[i - 1].line);
		}
	}
	index += tables[0] + tables[1];
	printf("%zu %d %llu %llu %llu %llu\n", kept, files + nfiles, index, data, names,
	       index + data + names);
	return 0;
}
