#!/bin/sh
# /proc/kallsyms and the name data must not change with CONFIG_KALLSYMS_PATHS:
#  1. /proc/kallsyms_paths lists exactly the /proc/kallsyms vmlinux lines,
#     in the same order, each followed by PATH:LINE or "-";
#  2. /proc/kallsyms lists the same types and names as the same config
#     built without the option, but for the symbols of the code the series
#     adds (addresses, and so the order of aliases, move);
#  3. scripts/kallsyms, given the same symbols with and without
#     --paths, writes the same name entries, token table, offsets,
#     kallsyms_seqs_of_names and name markers;
#  4. none of the calls of <linux/kallsyms_paths.h> is exported to modules.
# Usage: compat.sh [ON-BOOT-LOG OFF-BOOT-LOG]
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

on=${1:-$BUILD/boot-test.log}
off=${2:-$BUILD/boot-test-off.log}
out=$BUILD/out-test
tmp=$BUILD/compat
mkdir -p "$tmp"
dump() {
	tr -d '\r' <"$1" | sed -n "s/^$2: //p"
}

dump "$on" kk | awk 'NF == 3' >"$tmp/on.kallsyms"
dump "$on" kp >"$tmp/on.paths"
dump "$off" kk | awk 'NF == 3' >"$tmp/off.kallsyms"
n=$(wc -l <"$tmp/on.kallsyms")
[ "$n" -gt 1000 ] || die "too few /proc/kallsyms lines ($n) in $on"
[ -s "$tmp/off.kallsyms" ] || die "no /proc/kallsyms dump in $off"

status=0
awk '{ print $1, $2, $3 }' "$tmp/on.paths" >"$tmp/on.paths3"
if cmp -s "$tmp/on.kallsyms" "$tmp/on.paths3"; then
	echo "1. /proc/kallsyms_paths: the $n symbols of /proc/kallsyms, in order"
else
	echo "1. /proc/kallsyms_paths differs from /proc/kallsyms:"
	diff "$tmp/on.kallsyms" "$tmp/on.paths3" | head -n 10
	status=1
fi
if awk 'NF != 4 || ($4 != "-" && $4 !~ /^[^\/.][^ :]*:[1-9][0-9]*$/)' "$tmp/on.paths" |
	head -n 5 | grep .; then
	echo "1. /proc/kallsyms_paths: the lines above are not ADDR TYPE NAME PATH:LINE"
	status=1
fi

# 2. Symbols only in one kernel must come from the C files of the series:
# defined there (or clones of such), or export entries of such symbols.
git -C "$TREE" diff --name-only base HEAD -- '*.c' >"$tmp/series.files"
# Out-of-line copies of the static inline functions of a header that one
# of these files includes, which GCC emits once the series adds a caller
# (is_mapping_symbol), count too.
while read -r f; do
	sed -n -e 's|^#include <\([^>]*\.h\)>.*|include/\1|p' \
		-e "s|^#include \"\\([^\"]*\\.h\\)\".*|$(dirname "$f")/\\1|p" "$TREE/$f"
done <"$tmp/series.files" | sort -u >"$tmp/series.headers"
# scripts/kallsyms --paths also emits the sizes that bound the decoder.
{ awk 'FILENAME == ARGV[1] { f[$1] = 1; next }
       FILENAME == ARGV[2] { h[$1] = 1; next }
       { split($4, a, ":") } a[1] in f || ($2 ~ /^[tT]$/ && a[1] in h) {
	b = $3; sub(/\..*/, "", b); print b }' \
	"$tmp/series.files" "$tmp/series.headers" "$tmp/on.paths"
  printf 'kallsyms_names_size\nkallsyms_markers_size\n'; } | sort -u >"$tmp/series.syms"
# GCC numbers its switch tables (CSWTCH.N) by a count of the temporaries
# of the whole file before them, which code of the series in the same file
# (lib/vsprintf.c) moves: compare them without the number.
awk '{ print $2, $3 }' "$tmp/on.kallsyms" | sed 's/^\(. CSWTCH\)\.[0-9]*$/\1/' | sort -u >"$tmp/on.names"
awk '{ print $2, $3 }' "$tmp/off.kallsyms" | sed 's/^\(. CSWTCH\)\.[0-9]*$/\1/' | sort -u >"$tmp/off.names"
# A symbol of the series: defined in its files, a clone, an export entry or
# an initcall of such a symbol.
comm -3 "$tmp/off.names" "$tmp/on.names" | sed 's/^\t//' |
	awk 'NR == FNR { s[$1] = 1; next }
	     { b = $2; sub(/\..*/, "", b); sub(/^__(ksymtab|kstrtab|kstrtabns|export_symbol)_/, "", b)
	       if (sub(/^__initcall__kmod_[a-z_]+__[0-9]+_[0-9]+_/, "", b)) sub(/[0-9]$/, "", b) }
	     !(b in s)' "$tmp/series.syms" - >"$tmp/unexpected"
if [ -s "$tmp/unexpected" ]; then
	echo "2. /proc/kallsyms: types or names differ from the kernel without the option:"
	head -n 10 "$tmp/unexpected"
	status=1
else
	echo "2. /proc/kallsyms: the $(wc -l <"$tmp/off.names") distinct types and names of the kernel without" \
		"the option, and $(comm -13 "$tmp/off.names" "$tmp/on.names" | wc -l) from the series' own code"
fi

# 3. The encoder, with and without the annotations, on the same symbols.
# The generator reads the first temporary vmlinux; so does this test.
paths=$out/.tmp_vmlinux1.paths
syms=$out/.tmp_vmlinux1.syms
if [ ! -f "$paths" ] || [ ! -f "$syms" ]; then
	die "no .tmp_vmlinux*.paths in $out"
fi
opts=--all-symbols
grep -q '^CONFIG_KALLSYMS_ABSOLUTE_PERCPU=y' "$out/.config" && opts="$opts --absolute-percpu"
# shellcheck disable=SC2086
"$out/scripts/kallsyms" $opts "$syms" >"$tmp/plain.S" 2>/dev/null
# shellcheck disable=SC2086
"$out/scripts/kallsyms" $opts --paths="$paths" "$syms" >"$tmp/paths.S" 2>/dev/null
blocks=$(awk '/^kallsyms_num_syms:/ { getline; print int(($2 + 255) / 256) }' "$tmp/plain.S")
section() {	# section LABEL FILE [LINES]: the lines after the label, up to the next
	awk -v l="$1:" -v max="${3:-0}" '$0 == l { f = 1; next } /^\.globl/ { f = 0 }
		f && /\.(byte|long|short|asciz|quad)|PTR/ && (!max || n++ < max)' "$2" >"$2.$1"
}
same=0
for s in kallsyms_names kallsyms_token_table kallsyms_token_index kallsyms_offsets \
	kallsyms_relative_base kallsyms_seqs_of_names; do
	section "$s" "$tmp/plain.S"
	section "$s" "$tmp/paths.S"
	if [ "$s" = kallsyms_names ]; then
		# The annotations follow the names: compare the names' part.
		head -n "$(wc -l <"$tmp/plain.S.$s")" "$tmp/paths.S.$s" >"$tmp/x" &&
			mv "$tmp/x" "$tmp/paths.S.$s"
	fi
	if cmp -s "$tmp/plain.S.$s" "$tmp/paths.S.$s"; then
		same=$((same + 1))
	else
		echo "3. scripts/kallsyms: $s differs with --paths"
		status=1
	fi
done
section kallsyms_markers "$tmp/plain.S" "$blocks"
section kallsyms_markers "$tmp/paths.S" "$blocks"
if cmp -s "$tmp/plain.S.kallsyms_markers" "$tmp/paths.S.kallsyms_markers"; then
	same=$((same + 1))
else
	echo "3. scripts/kallsyms: the name markers differ with --paths"
	status=1
fi
echo "3. scripts/kallsyms: $same of 7 tables identical with and without --paths" \
	"($(wc -l <"$tmp/plain.S.kallsyms_names") name entries, $blocks name markers)"

# 4. None of the calls of <linux/kallsyms_paths.h> is exported to modules.
api=$(sed -n 's/^[a-z ]*[ *]\(kallsyms_[a-z_]*\)(.*/\1/p' "$TREE/include/linux/kallsyms_paths.h" |
	sort -u | tr '\n' ' ')
{ [ -n "$api" ] && [ -f "$out/Module.symvers" ]; } || die "no API in kallsyms_paths.h or no $out/Module.symvers"
exported=
for f in $api; do
	awk -v f="$f" '$2 == f { found = 1 } END { exit !found }' "$out/Module.symvers" &&
		exported="$exported $f"
done
if [ -n "$exported" ]; then
	echo "4. exported to modules:$exported"
	status=1
else
	echo "4. not exported to modules: $api"
fi
exit $status
