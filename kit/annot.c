// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's annotation decoder (kernel/kallsyms_annot.c, compiled in
 * here unchanged) run in userspace on the tables of a vmlinux:
 *
 *   annot [--absolute-percpu] VMLINUX lookup   < hex addresses
 *	prints "ADDR PATH:LINE", "ADDR PATH" or "ADDR -" per address; fails
 *	when a short buffer does not get the start of the same path
 *   annot [--absolute-percpu] VMLINUX fuzz N SEED
 *	N times: mutate a few bytes of the annotations or their markers,
 *	look up random symbols and offsets, restore. Built with ASan, any
 *	read outside a table aborts; a path must be a NUL-terminated string
 *	made only of bytes the decoder wrote.
 *   annot --module KO lookup   < "SECTION OFFSET OFF" lines
 *	the module's own table (.kallsyms_paths): the symbol at OFFSET of
 *	SECTION, OFF bytes into it; prints "PATH:LINE", "PATH" or "-"
 *   annot --module KO parts
 *	prints the bytes of the module's table by part: header, markers,
 *	code tables, heads, line programs, paths, keys; then its records and
 *	the bytes of its init entries (heads and programs of init symbols)
 *   annot --module KO fuzz N SEED
 *	N times: mutate a copy of the module's table (and sometimes cut it
 *	short), check it as the loader does and, if it passes, look up
 *	random records, offsets and files.
 *
 * Every table is copied to a buffer of exactly its size for ASan.
 */
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CONFIG_KALLSYMS_PATHS 1
#define CONFIG_MODULES 1
#define LINUX_KALLSYMS_INTERNAL_H_	/* the tables are ours, below */
#include <linux/kallsyms_paths.h>
#include <linux/module_symbol.h>

static const u8 *kallsyms_names;
static const unsigned int *kallsyms_markers;
static const char *kallsyms_token_table;
static const u16 *kallsyms_token_index;
static unsigned int kallsyms_num_syms, kallsyms_names_size, kallsyms_markers_size;

int kallsyms_annot_lookup(unsigned int pos, unsigned long off, char *path,
			  size_t size, unsigned int *line);

#include "kernel/kallsyms_annot.c"

static Elf *elf;
static unsigned long long *addrs;	/* of the symbols, in kallsyms order */

static void die(const char *msg, const char *what)
{
	fprintf(stderr, "annot: %s%s%s\n", msg, what ? ": " : "", what ? what : "");
	exit(2);
}

/* A copy of @size bytes at symbol @name, or of its u32 value with size 0. */
static void *table(const char *name, size_t size, unsigned int *value)
{
	Elf_Scn *scn = NULL, *sym_scn = NULL;
	GElf_Shdr shdr;
	GElf_Sym sym;
	Elf_Data *data;
	size_t i, n;
	void *copy;

	while ((scn = elf_nextscn(elf, scn)))
		if (gelf_getshdr(scn, &shdr) && shdr.sh_type == SHT_SYMTAB)
			sym_scn = scn;
	if (!sym_scn)
		die("no symbol table", NULL);
	gelf_getshdr(sym_scn, &shdr);
	data = elf_getdata(sym_scn, NULL);
	n = shdr.sh_size / shdr.sh_entsize;
	for (i = 0; i < n; i++) {
		gelf_getsym(data, i, &sym);
		if (!strcmp(elf_strptr(elf, shdr.sh_link, sym.st_name), name))
			break;
	}
	if (i == n)
		die("no such symbol (a kernel without CONFIG_KALLSYMS_PATHS?)", name);
	scn = elf_getscn(elf, sym.st_shndx);
	gelf_getshdr(scn, &shdr);
	data = elf_getdata(scn, NULL);
	if (value)
		size = 4;
	if (!data || sym.st_value < shdr.sh_addr ||
	    sym.st_value - shdr.sh_addr + size > data->d_size)
		die("symbol outside its section", name);
	copy = malloc(size);
	memcpy(copy, (char *)data->d_buf + (sym.st_value - shdr.sh_addr), size);
	if (value) {
		*value = *(unsigned int *)copy;
		free(copy);
		return NULL;
	}
	return copy;
}

static void load(const char *vmlinux, int absolute_percpu)
{
	const int *offsets;
	unsigned long long *base;
	unsigned int i, len;
	int fd = open(vmlinux, O_RDONLY);

	elf_version(EV_CURRENT);
	elf = fd < 0 ? NULL : elf_begin(fd, ELF_C_READ, NULL);
	if (!elf)
		die("cannot read", vmlinux);
	table("kallsyms_num_syms", 0, &kallsyms_num_syms);
	table("kallsyms_names_size", 0, &kallsyms_names_size);
	table("kallsyms_markers_size", 0, &kallsyms_markers_size);
	kallsyms_names = table("kallsyms_names", kallsyms_names_size, NULL);
	kallsyms_markers = table("kallsyms_markers", 4 * kallsyms_markers_size, NULL);
	kallsyms_token_index = table("kallsyms_token_index", 512, NULL);
	len = kallsyms_token_index[255] + 256;	/* the last token and more */
	kallsyms_token_table = table("kallsyms_token_table", len, NULL);
	len = kallsyms_token_index[255] + strlen(kallsyms_token_table + kallsyms_token_index[255]) + 1;
	kallsyms_token_table = realloc((void *)kallsyms_token_table, len);
	offsets = table("kallsyms_offsets", 4 * kallsyms_num_syms, NULL);
	base = table("kallsyms_relative_base", 8, NULL);
	addrs = malloc(sizeof(*addrs) * kallsyms_num_syms);
	for (i = 0; i < kallsyms_num_syms; i++) {
		if (!absolute_percpu)
			addrs[i] = *base + (unsigned int)offsets[i];
		else if (offsets[i] >= 0)
			addrs[i] = offsets[i];
		else
			addrs[i] = *base - 1 - offsets[i];
	}
}

/* As get_symbol_pos(): the first of the symbols at the highest address <= @addr. */
static long symbol_pos(unsigned long long addr)
{
	long lo = 0, hi = kallsyms_num_syms;

	while (hi - lo > 1) {
		long mid = lo + (hi - lo) / 2;

		if (addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (addrs[lo] > addr)
		return -1;
	while (lo > 0 && addrs[lo - 1] == addrs[lo])
		lo--;
	return lo;
}

/* A short buffer must get the start of the same path, and its length. */
static void check_short(long pos, unsigned long off, const char *path, int n)
{
	char start[9];
	unsigned int line;

	if (kallsyms_annot_lookup(pos, off, start, sizeof(start), &line) != n ||
	    strlen(start) != (size_t)min(n, (int)sizeof(start) - 1) ||
	    strncmp(start, path, sizeof(start) - 1)) {
		fprintf(stderr, "annot: lookup: %s in a short buffer, not the start of %s\n",
			start, path);
		exit(1);
	}
}

static void lookup(void)
{
	char path[KSYM_PATH_LEN], buf[64];
	unsigned long long addr;
	unsigned int line;
	long pos;
	int n;

	while (fgets(buf, sizeof(buf), stdin)) {
		addr = strtoull(buf, NULL, 16);
		pos = symbol_pos(addr);
		n = pos < 0 ? -1 : kallsyms_annot_lookup(pos, addr - addrs[pos], path,
							  sizeof(path), &line);
		if (n >= 0)
			check_short(pos, addr - addrs[pos], path, n);
		if (n < 0)
			printf("%llx -\n", addr);
		else if (line)
			printf("%llx %s:%u\n", addr, path, line);
		else
			printf("%llx %s\n", addr, path);
	}
}

/* A path the decoder returned must be exactly what it says it wrote. */
static void check_path(const char *path, size_t size, int n)
{
	size_t len;

	if (n < 0)
		return;
	len = strnlen(path, size);
	if (len == size || len != ((size_t)n < size - 1 ? (size_t)n : size - 1) ||
	    memchr(path, 0xaa, len)) {
		fprintf(stderr, "annot: fuzz: bad path of %d bytes: %.*s\n", n,
			(int)size, path);
		abort();
	}
}

static void fuzz(unsigned long iterations, unsigned int seed)
{
	unsigned int first = kallsyms_markers[(kallsyms_num_syms + 255) / 256];
	unsigned long i, results[3] = { 0 };
	struct kallsyms_paths_stats st;
	char path[KSYM_PATH_LEN];
	unsigned int line, k, m;
	struct {
		u8 *at, old;
	} undo[8 * 4];
	size_t size;
	int n;

	srandom(seed);
	for (i = 0; i < iterations; i++) {
		m = 0;
		for (k = 1 + random() % 8; k > 0; k--) {
			u8 *at;

			if (random() % 10) {
				at = (u8 *)kallsyms_names + first +
				     random() % (kallsyms_names_size - first);
			} else {
				unsigned int marker = (kallsyms_num_syms + 255) / 256 +
					random() % (kallsyms_markers_size -
						    (kallsyms_num_syms + 255) / 256);

				at = (u8 *)&kallsyms_markers[marker] + random() % 4;
			}
			undo[m].at = at;
			undo[m++].old = *at;
			switch (random() % 4) {
			case 0:
				*at = random();
				break;
			case 1:
				*at ^= 1 << (random() % 8);
				break;
			default:
				*at = (u8[]){ 0x00, 0x7f, 0x80, 0xff }[random() % 4];
				break;
			}
		}
		for (k = 0; k < 8; k++) {
			unsigned int pos = random() % kallsyms_num_syms;
			unsigned long off = k == 0 ? ULONG_MAX : random() % 4096;

			size = k == 1 ? 1 + random() % 40 : sizeof(path);
			memset(path, 0xaa, sizeof(path));
			n = kallsyms_annot_lookup(pos, off, path, size, &line);
			check_path(path, size, n);
			results[n >= 0 ? 0 : n == -ENOENT ? 1 : 2]++;
		}
		if (i % 1000 == 0)
			kallsyms_paths_stats(&st);
		while (m > 0) {
			m--;
			*undo[m].at = undo[m].old;
		}
	}
	printf("%lu mutated streams, %lu lookups: %lu with a path, %lu without, %lu malformed\n",
	       iterations, results[0] + results[1] + results[2], results[0],
	       results[1], results[2]);
}

/* A section of the module, in a buffer of its exact size; NULL if none. */
static u8 *module_section(const char *ko, const char *name, size_t *size)
{
	int fd = open(ko, O_RDONLY);
	Elf_Scn *scn = NULL;
	GElf_Shdr shdr;
	Elf_Data *data;
	size_t shstrndx;
	u8 *copy;

	elf_version(EV_CURRENT);
	elf = fd < 0 ? NULL : elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_getshdrstrndx(elf, &shstrndx))
		die("cannot read", ko);
	while ((scn = elf_nextscn(elf, scn)))
		if (gelf_getshdr(scn, &shdr) &&
		    !strcmp(elf_strptr(elf, shstrndx, shdr.sh_name), name))
			break;
	data = scn ? elf_getdata(scn, NULL) : NULL;
	*size = 0;
	if (!data || !data->d_size)
		return NULL;
	copy = malloc(data->d_size);
	memcpy(copy, data->d_buf, data->d_size);
	*size = data->d_size;
	return copy;
}

/* The module's table: its section and that of its init entries. */
struct module_table {
	u8 *data, *init;
	size_t size, init_size;
};

static void module_table(const char *ko, struct module_table *m)
{
	m->init = module_section(ko, KSYM_ANNOT_INIT_SECTION, &m->init_size);
	m->data = module_section(ko, KSYM_ANNOT_SECTION, &m->size);
	if (!m->data)
		die("no " KSYM_ANNOT_SECTION " section", ko);
}

static int check_table(struct kallsyms_annot_table *t, const struct module_table *m)
{
	return kallsyms_annot_module_table(t, m->data, m->size, m->init, m->init_size);
}

/*
 * The symbols that the keys count, found as the loader finds them, with
 * the record that the keys give them (-1: none).
 */
struct key_sym {
	u64 key;	/* init section << 32 | hash */
	unsigned long offset;
	long rec;
};

static int cmp_key_sym(const void *a, const void *b)
{
	const struct key_sym *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static struct key_sym *key_syms(size_t *n)
{
	struct key_sym *ks = NULL;
	Elf_Scn *scn = NULL;
	GElf_Shdr shdr, sec;
	size_t shstrndx, i, cnt = 0;

	if (elf_getshdrstrndx(elf, &shstrndx))
		die("cannot read", "section headers");
	while ((scn = elf_nextscn(elf, scn))) {
		Elf_Data *data = elf_getdata(scn, NULL);

		if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_SYMTAB || !data)
			continue;
		ks = realloc(ks, (cnt + shdr.sh_size / shdr.sh_entsize + 1) * sizeof(*ks));
		for (i = 1; i < shdr.sh_size / shdr.sh_entsize; i++) {
			const char *name;
			GElf_Sym sym;

			if (!gelf_getsym(data, i, &sym) || !sym.st_name ||
			    sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE ||
			    GELF_ST_TYPE(sym.st_info) == STT_SECTION ||
			    is_mapping_symbol(elf_strptr(elf, shdr.sh_link, sym.st_name)) ||
			    !gelf_getshdr(elf_getscn(elf, sym.st_shndx), &sec) ||
			    !(sec.sh_flags & SHF_ALLOC))
				continue;
			name = elf_strptr(elf, shstrndx, sec.sh_name);
			if (!strcmp(name, ".modinfo") || !strcmp(name, "__versions") ||
			    !strcmp(name, ".data..percpu"))
				continue;
			ks[cnt++] = (struct key_sym){
				(u64)!strncmp(name, KSYM_ANNOT_INIT_PREFIX,
					      strlen(KSYM_ANNOT_INIT_PREFIX)) << 32 |
				ksym_annot_section_hash(name), sym.st_value, -1 };
		}
	}
	qsort(ks, cnt, sizeof(*ks), cmp_key_sym);
	*n = cnt;
	return ks;
}

struct key_join {
	struct key_sym *ks;
	size_t nr, pos;
	u32 check;
};

/* The loader's join (kernel/module/kallsyms.c), on the file's symbols. */
static int join_section(void *data, u32 section, bool init, unsigned int rec,
			unsigned int nr, const u8 *bitmap)
{
	struct key_join *j = data;
	u64 key = (u64)init << 32 | section;
	unsigned int i;
	size_t k;
	int has;

	while (j->pos < j->nr && j->ks[j->pos].key < key)
		j->pos++;
	for (i = 0; j->pos < j->nr && j->ks[j->pos].key == key; i++) {
		unsigned long offset = j->ks[j->pos].offset;

		if (i == nr)
			return -ENOENT;
		has = !bitmap || bitmap[i / 8] & (1 << i % 8);
		j->check = ksym_annot_check(j->check, offset);
		for (k = j->pos; k < j->nr && j->ks[k].key == key &&
		     j->ks[k].offset == offset; k++)
			j->ks[k].rec = has ? (long)rec : -1;
		rec += has;
		j->pos = k;
	}
	return i == nr ? 0 : -ENOENT;
}

static void module_lookup(const char *ko)
{
	char path[KSYM_PATH_LEN], buf[512], section[256], off[32];
	struct kallsyms_annot_table t;
	struct key_join j = { .check = KSYM_ANNOT_FNV_BASIS };
	struct key_sym want, *found;
	struct module_table m;
	unsigned int line;
	u32 check;
	int n;

	module_table(ko, &m);
	j.ks = key_syms(&j.nr);
	if (check_table(&t, &m) ||
	    kallsyms_annot_module_keys(&t, join_section, &j, &check) || check != j.check)
		die("malformed " KSYM_ANNOT_SECTION " or other symbols", ko);
	kallsyms_annot_module_markers(&t);
	while (fgets(buf, sizeof(buf), stdin)) {
		if (sscanf(buf, "%255s %lx %31s", section, &want.offset, off) != 3)
			die("bad input line", buf);
		want.key = (u64)!strncmp(section, KSYM_ANNOT_INIT_PREFIX,
					 strlen(KSYM_ANNOT_INIT_PREFIX)) << 32 |
			   ksym_annot_section_hash(section);
		found = bsearch(&want, j.ks, j.nr, sizeof(*j.ks), cmp_key_sym);
		n = !found || found->rec < 0 ? -1 :
		    kallsyms_annot_line(&t, found->rec, off[0] == '-' ?
					ULONG_MAX : strtoul(off, NULL, 16), &line);
		if (n >= 0)
			n = kallsyms_annot_path(&t, n, path, sizeof(path));
		if (n < 0)
			printf("-\n");
		else if (line)
			printf("%s:%u\n", path, line);
		else
			printf("%s\n", path);
	}
	free(j.ks);
	free(m.data);
	free(m.init);
}

static int count_section(void *data, u32 section, bool init, unsigned int first,
			 unsigned int nr, const u8 *bitmap)
{
	(*(unsigned long *)data)++;
	return 0;
}

/* Mutate a copy of @from, sometimes cut short; 1 + random() % 8 bytes. */
static u8 *mutate(const u8 *from, size_t size, size_t *len, bool header)
{
	unsigned int k;
	u8 *buf;

	*len = random() % 16 ? size : random() % (size + 1);
	buf = malloc(*len + !*len);
	memcpy(buf, from, *len);
	for (k = 1 + random() % 8; k > 0 && *len; k--) {
		/* The header and markers one time in four. */
		size_t at = random() % 4 || !header ? random() % *len :
			    random() % min(*len, (size_t)64);

		switch (random() % 4) {
		case 0:
			buf[at] = random();
			break;
		case 1:
			buf[at] ^= 1 << (random() % 8);
			break;
		default:
			buf[at] = (u8[]){ 0x00, 0x7f, 0x80, 0xff }[random() % 4];
			break;
		}
	}
	return buf;
}

static void module_fuzz(const char *ko, unsigned long iterations, unsigned int seed)
{
	unsigned long i, keys, results[5] = { 0 };
	struct kallsyms_annot_table t;
	struct module_table orig, m;
	char path[KSYM_PATH_LEN];
	unsigned int line, k;
	bool init;
	u32 check;
	int n;

	module_table(ko, &orig);
	srandom(seed);
	for (i = 0; i < iterations; i++) {
		/* The init entries one time in four, if there are any. */
		init = orig.init && random() % 4 == 0;
		m = orig;
		if (init)
			m.init = mutate(orig.init, orig.init_size, &m.init_size, false);
		else
			m.data = mutate(orig.data, orig.size, &m.size, true);
		keys = 0;
		if (check_table(&t, &m)) {
			results[0]++;
		} else if (kallsyms_annot_module_keys(&t, count_section, &keys, &check)) {
			results[1]++;
		} else {
			kallsyms_annot_module_markers(&t);
			/* After init, the table has no init entries. */
			if (random() % 4 == 0)
				t.init_entries = NULL;
			for (k = 0; k < 8; k++) {
				unsigned int rec = random() % (t.nr_syms + 2);
				unsigned long off = k == 0 ? ULONG_MAX : random() % 4096;
				size_t psize = k == 1 ? 1 + random() % 40 : sizeof(path);

				memset(path, 0xaa, sizeof(path));
				n = kallsyms_annot_line(&t, rec, off, &line);
				if (n >= 0)
					n = kallsyms_annot_path(&t, n, path, psize);
				check_path(path, psize, n);
				results[n >= 0 ? 2 : n == -ENOENT ? 3 : 4]++;
			}
		}
		free(init ? m.init : m.data);
	}
	printf("%lu mutated module tables: %lu refused by the header check, %lu by the keys check; "
	       "lookups: %lu with a path, %lu without, %lu malformed\n", iterations,
	       results[0], results[1], results[2], results[3], results[4]);
	free(orig.data);
	free(orig.init);
}

/* The bytes of the entry at @off: its ULEB128 length, then that many. */
static unsigned long entry_bytes(const struct kallsyms_annot_table *t, unsigned long off)
{
	struct annot_reader r = { .bad = false };

	unsigned long len, n = 1;

	annot_entry_at(t, &r, off);
	if (r.bad)
		die("malformed " KSYM_ANNOT_SECTION, "entry length");
	/* The entry may be in the init entries: count its length's bytes. */
	for (len = r.end - r.p; len > 0x7f; len >>= 7)
		n++;
	return n + (r.end - r.p);
}

/* The offset of the entry at @marker: a module's first two have none. */
static unsigned long marker_off(const struct kallsyms_annot_table *t, unsigned int marker)
{
	if (marker < 2)
		return marker ? entry_bytes(t, 0) : 0;
	return marker - 2 < t->nr_markers ? t->markers[marker - 2] : t->entries_size;
}

static void module_parts(const char *ko)
{
	unsigned long groups, g, heads = 0, files;
	struct kallsyms_annot_table t;
	struct module_table m;

	module_table(ko, &m);
	if (check_table(&t, &m))
		die("malformed " KSYM_ANNOT_SECTION, ko);
	kallsyms_annot_module_markers(&t);
	groups = (t.nr_syms + KSYM_ANNOT_GROUP - 1) / KSYM_ANNOT_GROUP;
	/* The file entries end the entries of the section; init groups follow. */
	files = t.entries_size - marker_off(&t, groups + 1);
	for (g = 0; g < groups; g++)
		heads += entry_bytes(&t, marker_off(&t, 1 + g));
	printf("%lu %u %lu %lu %lu %lu %u %u %u\n", (unsigned long)((u8 *)t.markers - m.data),
	       4 * t.nr_markers, entry_bytes(&t, 0), heads,
	       t.entries_size + t.init_size - entry_bytes(&t, 0) - heads - files, files,
	       t.keys_size, t.nr_syms, t.init_size);
	free(m.data);
	free(m.init);
}

int main(int argc, char **argv)
{
	int absolute_percpu = argc > 1 && !strcmp(argv[1], "--absolute-percpu");

	if (argc == 4 && !strcmp(argv[1], "--module") && !strcmp(argv[3], "lookup")) {
		module_lookup(argv[2]);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "--module") && !strcmp(argv[3], "parts")) {
		module_parts(argv[2]);
		return 0;
	}
	if (argc == 6 && !strcmp(argv[1], "--module") && !strcmp(argv[3], "fuzz")) {
		module_fuzz(argv[2], strtoul(argv[4], NULL, 10), strtoul(argv[5], NULL, 10));
		return 0;
	}

	argv += absolute_percpu;
	argc -= absolute_percpu;
	if (argc == 3 && !strcmp(argv[2], "lookup")) {
		load(argv[1], absolute_percpu);
		lookup();
	} else if (argc == 5 && !strcmp(argv[2], "fuzz")) {
		load(argv[1], absolute_percpu);
		fuzz(strtoul(argv[3], NULL, 10), strtoul(argv[4], NULL, 10));
	} else {
		die("usage: annot [--absolute-percpu] VMLINUX lookup|fuzz N SEED", NULL);
	}
	return 0;
}
