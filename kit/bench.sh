#!/bin/sh
# make bench: measure CONFIG_KALLSYMS_PATHS on the test config, off against
# on, in one run on this machine. Writes bench/test.md and bench/test.tsv.
# Usage: bench.sh [RUNS]   (link-time runs per side, alternating; default 3)
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

runs=${1:-3}
res=$TOP/bench
tmp=$BUILD/bench
mkdir -p "$res" "$tmp"
on=$BUILD/out-test
off=$BUILD/out-test-off
"$KIT/build.sh" test bzImage modules >/dev/null || exit 1
"$KIT/build.sh" test-off bzImage >/dev/null || exit 1
# The toggle below leaves out-test-off as it was; start from a clean state.

tsv=$tmp/rows.tsv
: >"$tsv"
row() {	# what off on [note]
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >>"$tsv"
}

# kallsyms_num_syms, from the last kallsyms pass of the link.
num_syms() {
	for s in "$1"/.tmp_vmlinux[0-9].kallsyms.S; do :; done
	awk '/^kallsyms_num_syms:/ { getline; print $2; exit }' "$s"
}

# Sizes of the kallsyms tables: from each label to the next higher address
# (so alignment padding counts), kallsyms_seqs_of_names from its length.
tables() {
	n=$(num_syms "$1")
	nm -n "$1/vmlinux" | awk '
		cur != "" && $1 != start { print cur, start, $1; cur = "" }
		/ [dDrR] kallsyms_(num_syms|names|markers|token_table|token_index|offsets|relative_base|seqs_of_names)$/ {
			cur = $3; start = $1
		}' | while read -r name start end; do
		# The tables lie in the top 4 GiB: the low 32 bits suffice.
		echo "$name $((0x${end#????????} - 0x${start#????????}))"
	done | awk -v n="$n" '$1 == "kallsyms_seqs_of_names" { $2 = 3 * n } { print }' | sort
}
tables "$off" >"$tmp/off.tables"
tables "$on" >"$tmp/on.tables"
for t in kallsyms_names kallsyms_markers kallsyms_token_table kallsyms_offsets kallsyms_seqs_of_names; do
	row "$t (bytes)" "$(awk -v t=$t '$1 == t { print $2 }' "$tmp/off.tables")" \
		"$(awk -v t=$t '$1 == t { print $2 }' "$tmp/on.tables")"
done
total() { awk '{ s += $2 } END { print s }' "$1"; }
row "kallsyms tables, all (bytes)" "$(total "$tmp/off.tables")" "$(total "$tmp/on.tables")"
nks=$(num_syms "$on")
row "kallsyms symbols (the option's own code adds some)" "$(num_syms "$off")" "$nks"
# The annotation entries of the last kallsyms pass: everything in
# kallsyms_names after the name entries, and the markers they add.
for s in "$on"/.tmp_vmlinux[0-9].kallsyms.S; do :; done
# Every name entry is one line ending in a comment; the first line without
# one starts the annotations.
annot=$(awk '/^kallsyms_names:/ { f = 1; next } /^\.globl/ { f = 0 }
	     f && /\.byte/ && !/\*\/$/ { a = 1 }
	     f && a && /\.byte/ { sub(/\/\*.*/, ""); n += split($0, x, ",") }
	     END { print n + 0 }' "$s")
marks=$(awk '/^kallsyms_markers:/ { f = 1; next } /^\.globl/ { f = 0 } f && /\.long/ { n++ } END { print n }' "$s")
row "annotation bytes in kallsyms_names" "0" "$annot" \
	"$(awk -v a="$annot" -v n="$nks" 'BEGIN { printf "%.2f bytes per symbol", a / n }')"
row "annotation bytes per symbol, with their markers" "0" \
	"$(awk -v a="$annot" -v m="$marks" -v n="$nks" 'BEGIN { printf "%.2f", (a + 4 * (m - int((n + 255) / 256))) / n }')"

objcopy --strip-debug "$off/vmlinux" "$tmp/off.vmlinux"
objcopy --strip-debug "$on/vmlinux" "$tmp/on.vmlinux"
row "vmlinux without debug info (bytes)" "$(wc -c <"$tmp/off.vmlinux")" "$(wc -c <"$tmp/on.vmlinux")"
row "bzImage (bytes)" "$(wc -c <"$off/arch/x86/boot/bzImage")" "$(wc -c <"$on/arch/x86/boot/bzImage")"

# The earlier designs, modelled on the same symbols of the same vmlinux.
for last in "$on"/.tmp_vmlinux[0-9].paths; do :; done	# the last pass
syms=${last%.paths}.syms
opts=--all-symbols
grep -q '^CONFIG_KALLSYMS_ABSOLUTE_PERCPU=y' "$on/.config" && opts="$opts --absolute-percpu"
# 2022 RFC: "path:name" fed to the unpatched scripts/kallsyms.
git -C "$TREE" show base:scripts/kallsyms.c >"$tmp/kallsyms-stock.c"
gcc -O2 -I"$TREE/scripts/include" -o "$tmp/kallsyms-stock" "$tmp/kallsyms-stock.c" ||
	die "cannot build the unpatched scripts/kallsyms"
awk 'NR == FNR { k = $1; sub(/^0+/, "", k); p[k " " $2] = $3; next }
     { k = $1; sub(/^0+/, "", k); k = k " " $3; if (k in p) $3 = p[k] ":" $3; print }' \
	"$last" "$syms" >"$tmp/rfc.syms"
names_bytes() {	# bytes of kallsyms_names in a scripts/kallsyms output
	awk '/^kallsyms_names:/ { f = 1; next } /^\.globl/ { f = 0 }
	     f && /\.byte/ { sub(/\/\*.*/, ""); n += split($0, a, ",") } END { print n }' "$1"
}
# shellcheck disable=SC2086
"$tmp/kallsyms-stock" $opts "$syms" >"$tmp/stock.S"
# shellcheck disable=SC2086
"$tmp/kallsyms-stock" $opts "$tmp/rfc.syms" >"$tmp/rfc.S"
stock=$(names_bytes "$tmp/stock.S")
rfc=$(names_bytes "$tmp/rfc.S")
row "model: 2022 RFC path:name kallsyms_names (bytes)" "$stock" "$rfc" \
	"$(awk -v a="$stock" -v b="$rfc" -v n="$nks" 'BEGIN { printf "%.2f bytes per symbol for the path alone", (b - a) / n }')"
# 2026 LINEINFO: its block format over the .debug_line rows.
gcc -O2 -Wall -o "$tmp/lineinfo-model" "$KIT/lineinfo-model.c" -ldw -lelf ||
	die "cannot build kit/lineinfo-model.c"
# Six numbers: rows files index data names total.
# shellcheck disable=SC2046
set -- $("$tmp/lineinfo-model" "$(realpath "$TREE")" "$on/vmlinux")
row "model: 2026 LINEINFO table (bytes)" "0" "$6" \
	"$1 rows, $2 files; $(awk -v b="$6" -v r="$1" -v n="$nks" 'BEGIN { printf "%.2f bytes per row, %.1f per symbol", b / r, b / n }')"
# Boot both kernels now: the floor and the lookup speeds come from them.
"$KIT/boot.sh" test-off >/dev/null || exit 1
"$KIT/boot.sh" test >/dev/null || exit 1

# A floor: the same annotations as text, in /proc/kallsyms_paths order,
# compressed with xz -9 (no random access).
tr -d '\r' <"$BUILD/boot-test.log" | sed -n 's/^kp: //p' | awk '{ print $4 }' >"$tmp/annotations"
floor=$(xz -9 <"$tmp/annotations" | wc -c)
row "floor: PATH:LINE per symbol, xz -9 (bytes)" "-" "$floor" \
	"$(awk -v b="$floor" -v n="$nks" 'BEGIN { printf "%.2f bytes per symbol", b / n }')"

# The final link (link-vmlinux.sh), off and on alternating.
link() {
	rm -f "$1/vmlinux"
	s=$(date +%s.%N)
	kmake "$TREE" "$1" vmlinux >"$tmp/link.log" 2>&1 || die_log "link failed in $1" "$tmp/link.log"
	echo "$(date +%s.%N) - $s" | bc
}
: >"$tmp/link.off"
: >"$tmp/link.on"
i=0
while [ $i -lt "$runs" ]; do
	link "$off" >>"$tmp/link.off"
	link "$on" >>"$tmp/link.on"
	i=$((i + 1))
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] }'; }
row "final link, median of $runs (s)" "$(median "$tmp/link.off")" "$(median "$tmp/link.on")"

# The generator alone, on the final vmlinux.
/usr/bin/time -v "$on/scripts/gen_kallsyms_paths" "$(realpath "$TREE")" "$(realpath "$on")" \
	"$on/vmlinux" >/dev/null 2>"$tmp/gen.time"
row "gen_kallsyms_paths wall (s)" "-" "$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$tmp/gen.time" | awk -F: '{ print $NF + 60 * $(NF - 1) }')"
row "gen_kallsyms_paths peak memory (KiB)" "-" "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/gen.time")"

# Lookup speed in the kernels booted above (TCG: compare ratios, not times).
selftest_avg() {	# kallsyms_selftest's mean kallsyms_lookup_name() time
	tr -d '\r' <"$1" | sed -n 's/.*The time spent on each symbol is (ns):.*avg=\([0-9]*\).*/\1/p'
}
row "kallsyms_lookup_name(), kallsyms_selftest mean (ns, TCG)" \
	"$(selftest_avg "$BUILD/boot-test-off.log")" "$(selftest_avg "$BUILD/boot-test.log")"
speed=$(tr -d '\r' <"$BUILD/boot-test.log" | sed -n 's/.*kp_test_speed: ns per call over //p')
[ -n "$speed" ] || die "no kp_test_speed line in $BUILD/boot-test.log"
row "KUnit kp_test_speed, ns per call (TCG)" "-" "-" "over $speed"

# Stack use of the lookup path (gcc -fstack-usage on kernel/kallsyms.c).
kmake "$TREE" "$on" KCFLAGS=-fstack-usage kernel/kallsyms.o >"$tmp/su.log" 2>&1 ||
	die_log "stack usage build failed" "$tmp/su.log"
su=$(awk -F'\t' '$1 ~ /:(annot_[a-z]+|kallsyms_source|kallsyms_file_path|kallsyms_lookup_path|kallsyms_add_path|kallsyms_lookup_buildid|__sprint_symbol)$/ {
	n = $1; sub(/.*:/, "", n); printf "%s %s, ", n, $2 }' "$on/kernel/kallsyms.su")
rm -f "$on/kernel/kallsyms.o"	# rebuilt without -fstack-usage next time
row "stack bytes per function (-fstack-usage)" "-" "-" "${su%, }"

# Objects rebuilt when the option is toggled in an existing build
# directory: out-test-off, switched on and back off.
toggle() {	# toggle FROM TO LOG
	sed -i "s/^$1\$/$2/" "$off/.config"
	kmake "$TREE" "$off" olddefconfig bzImage >"$3" 2>&1 || die_log "toggle build failed" "$3"
}
objs() {
	grep -E '^  (CC|AS) +[^ ]+\.o$' "$1" | awk '{ print $2 }' |
		grep -v -e '^\.tmp_vmlinux' -e '^arch/x86/boot/' -e '^init/version-timestamp.o$'
}
toggle "# CONFIG_KALLSYMS_PATHS is not set" "CONFIG_KALLSYMS_PATHS=y" "$tmp/toggle-on.log"
toggle "CONFIG_KALLSYMS_PATHS=y" "# CONFIG_KALLSYMS_PATHS is not set" "$tmp/toggle-off.log"
row "objects rebuilt when toggled (off->on, on->off)" "$(objs "$tmp/toggle-on.log" | wc -l)" \
	"$(objs "$tmp/toggle-off.log" | wc -l)" "$(objs "$tmp/toggle-on.log" | tr '\n' ' ')"

# The table.
{
	echo "# CONFIG_KALLSYMS_PATHS on the test config"
	echo
	echo "Measured by \`make bench\` ($runs link runs per side) on $(date -u +%Y-%m-%d),"
	echo "$(nproc) cores, kernel source linux-source-6.12 $(dpkg-query -W -f='${Version}' linux-source-6.12),"
	echo "$(gcc --version | head -n 1). Off and on are the same config (kit/configs)."
	echo
	echo "| what | off | on | on/off | note |"
	echo "|---|---:|---:|---:|---|"
	awk -F'\t' '{
		r = ($2 ~ /^[0-9.]+$/ && $3 ~ /^[0-9.]+$/ && $2 > 0) ? sprintf("%.3f", $3 / $2) : "-"
		printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, r, $4
	}' "$tsv"
} >"$res/test.md"
cp "$tsv" "$res/test.tsv"
cat "$res/test.md"
