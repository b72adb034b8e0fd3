#!/bin/sh
# Modules (CONFIG_KALLSYMS_PATHS): checks the test boot, which loaded the
# external module of kit/extmod (make M=) and copies of it (kit/extmod.sh):
#  - frames in its init and core code end in (FILE:LINE), FILE relative to
#    its directory, LINE what addr2line -i says of that return address - 1;
#  - /proc/kallsyms_paths lists as many of its symbols as /proc/kallsyms,
#    as "ADDR TYPE NAME PATH:LINE\t[kp_extmod]", and its core functions'
#    lines are their DW_AT_decl_line (readelf), their files addr2line's;
#  - after rmmod, neither file lists any of its symbols;
#  - the corrupted copy loads with one warning and frames without paths;
#  - a copy without DWARF has the same paths, one also without one of its
#    symbols none (and no warning);
#  - the KUnit suite kallsyms_paths_module, built as a module, passes.
# Then the oracle: for every function of the external module and of the
# test config's in-tree modules, at its start and 3 random offsets, the
# module's table (decoded by kit/annot, the kernel's decoder) and
# addr2line -i on the .ko (outermost line) must agree on 99.5%. Where
# binutils' addr2line disagrees, elfutils' eu-addr2line decides: binutils
# 2.40 names the CU's file for an out-of-line static inline function of a
# header in a module (its readelf --debug-dump=decodedline names the
# header); both counts are printed.
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

log=$BUILD/boot-test.log
out=$BUILD/out-test
ext=$BUILD/extmod
tmp=$BUILD/modules
mkdir -p "$tmp"
[ -f "$log" ] || die "$log missing: boot the test kernel first"
tr -d '\r' <"$log" >"$tmp/log"
annot=$(annot_tool) || exit 1
status=0
fail() {
	echo "FAIL: $*"
	status=1
}

# "path:line" of the outermost function at ADDR of SECTION in KO, relative
# to the trees, or "-"; with ADDR2LINE=eu-addr2line, elfutils' answer.
where() {
	${ADDR2LINE:-addr2line} -i -e "$1" -j "$2" "$3" | tail -n 1 |
		sed -e 's/ (discriminator [0-9]*)$//' -e 's/^\(.*:[0-9][0-9]*\):[0-9]*$/\1/' \
		-e "s|^$ext/||" -e "s|^$TREE/||" -e "s|^$out/||" -e 's|^??:0$|-|' -e 's|:?$||'
}

# The two loads of the good module, then the bad one.
good=$(sed -n '/^kit: ==== module kp_extmod (\/kp_extmod.ko)/,/^kit: kp_extmod unloaded/p' "$tmp/log")
bad=$(sed -n '/^kit: ==== module kp_extmod (\/kp_extmod_bad.ko)/,/^kit: kp_extmod unloaded/p' "$tmp/log")
[ -n "$good" ] || die "the boot did not load kp_extmod.ko"
[ -n "$bad" ] || die "the boot did not load kp_extmod_bad.ko"

ko=$ext/kp_extmod.ko
readelf -SW "$ko" | sed -n 's/^ *\[ *\([0-9]*\)\] \([^ ]*\) .*/\1 \2/p' >"$tmp/sections"
readelf -sW "$ko" | awk '$4 == "FUNC" && $3 > 0 { print $8, $2, $3, $7 }' >"$tmp/funcs"
for f in kp_extmod_init_frame kp_extmod_trace_set kp_extmod_helper; do
	frames=$(echo "$good" | grep -E "^ *$f\+0x[0-9a-f]+/0x[0-9a-f]+ \[kp_extmod\]")
	[ -n "$frames" ] || { fail "no frame of $f in the traces of kp_extmod"; continue; }
	echo "$frames" | while read -r frame rest; do
		off=$(echo "$frame" | sed 's/.*+\(0x[0-9a-f]*\)\/.*/\1/')
		value=$(awk -v f="$f" '$1 == f { print $2 }' "$tmp/funcs")
		ndx=$(awk -v f="$f" '$1 == f { print $4 }' "$tmp/funcs")
		sec=$(awk -v n="$ndx" '$1 == n { print $2 }' "$tmp/sections")
		want=$(where "$ko" "$sec" "$(printf '%#x' $((0x$value + off - 1)))")
		got=$(echo "$rest" | sed -n 's/^\[kp_extmod\] (\(.*\))$/\1/p')
		echo "$frame $rest   addr2line: $want"
		[ "$got" = "$want" ] || echo "MISMATCH"
	done
done >"$tmp/frames"
cat "$tmp/frames"
grep -q MISMATCH "$tmp/frames" && fail "module frames disagree with addr2line"
# The warning's RIP line: the line of that very instruction, not of the
# one before; the corrupted copy prints it without a path.
rip=$(echo "$good" | sed -n 's/^RIP: 0010:\(kp_extmod_warn_set\)+\(0x[0-9a-f]*\)\/0x[0-9a-f]* \[kp_extmod\] (\(.*\))$/\1 \2 \3/p')
if [ -z "$rip" ]; then
	fail "no RIP line with a path in the warning of kp_extmod"
else
	# shellcheck disable=SC2086
	set -- $rip
	value=$(awk -v f="$1" '$1 == f { print $2 }' "$tmp/funcs")
	ndx=$(awk -v f="$1" '$1 == f { print $4 }' "$tmp/funcs")
	sec=$(awk -v n="$ndx" '$1 == n { print $2 }' "$tmp/sections")
	want=$(where "$ko" "$sec" "$(printf '%#x' $((0x$value + $2)))")
	echo "RIP: $1+$2 ($3)   addr2line: $want"
	[ "$3" = "$want" ] || fail "the RIP line of kp_extmod's warning: $3, addr2line: $want"
fi
echo "$bad" | grep -E '^RIP: 0010:kp_extmod_warn_set\+0x[0-9a-f]+/0x[0-9a-f]+ \[kp_extmod\]$' ||
	fail "the warning of the corrupted module: no RIP line without a path"
echo "$good" | grep -q '^kit: kp_extmod unloaded: 0 symbols in /proc/kallsyms, 0 in' ||
	fail "kp_extmod's symbols are still listed after rmmod"

# /proc/kallsyms_paths, against /proc/kallsyms and the DWARF.
n=$(echo "$good" | sed -n 's/^kit: kp_extmod: \([0-9]*\) symbols in \/proc\/kallsyms$/\1/p')
p=$(echo "$good" | sed -n 's/^kit: kp_extmod: \([0-9]*\) symbols in \/proc\/kallsyms_paths$/\1/p')
if [ -z "$n" ] || [ "$n" = 0 ] || [ "$n" != "$p" ]; then
	fail "kp_extmod: ${n:-no} symbols in /proc/kallsyms, ${p:-none} in /proc/kallsyms_paths"
fi
echo "$good" | sed -n 's/^km: //p' >"$tmp/paths"
awk -F'\t' 'NF != 2 || $2 != "[kp_extmod]" || split($1, f, " ") != 4' "$tmp/paths" | head -n 3 |
	grep . && fail "lines of /proc/kallsyms_paths not in the form ADDR TYPE NAME PATH:LINE\t[MOD]"
readelf --debug-dump=info "$ko" 2>/dev/null |
	awk 'function flush() { if (name != "" && line != "" && !decl) print name, line }
	     /DW_TAG_/ { flush(); name = line = ""; decl = 0 }
	     /DW_AT_name/ { name = $NF }
	     /DW_AT_decl_line/ { line = $NF }
	     /DW_AT_declaration/ { decl = 1 }
	     END { flush() }' >"$tmp/decl"
# After init, only the core functions are listed.
for f in kp_extmod_trace_set kp_extmod_helper; do
	got=$(awk -v f="$f" '$3 == f { print $4 }' "$tmp/paths")
	value=$(awk -v f="$f" '$1 == f { print $2 }' "$tmp/funcs")
	ndx=$(awk -v f="$f" '$1 == f { print $4 }' "$tmp/funcs")
	sec=$(awk -v n="$ndx" '$1 == n { print $2 }' "$tmp/sections")
	file=$(where "$ko" "$sec" "0x$value" | sed 's/:[0-9]*$//')
	want=$file:$(awk -v f="$f" '$1 == f { print $2; exit }' "$tmp/decl")
	echo "/proc/kallsyms_paths: $f $got   DWARF: $want"
	[ "$got" = "$want" ] || fail "$f: $got in /proc/kallsyms_paths, $want in the DWARF"
done

# Without DWARF, the same frames and paths; without one of its symbols,
# none, and no warning: the table is good, the symbols are not its own.
nodebug=$(sed -n '/^kit: ==== module kp_extmod (\/kp_extmod_nodebug.ko)/,/^kit: kp_extmod unloaded/p' "$tmp/log")
stripped=$(sed -n '/^kit: ==== module kp_extmod (\/kp_extmod_stripped.ko)/,/^kit: kp_extmod unloaded/p' "$tmp/log")
if [ -z "$nodebug" ] || [ -z "$stripped" ]; then
	die "the boot did not load kp_extmod_nodebug.ko and kp_extmod_stripped.ko"
fi
want=$(echo "$good" | grep -E '^ *kp_extmod_helper\+0x[0-9a-f]+/0x[0-9a-f]+ \[kp_extmod\] \(sub/helper\.c:[0-9]+\)$' | head -n 1)
if [ -z "$want" ] || ! echo "$nodebug" | grep -qxF "$want"; then
	fail "kp_extmod_nodebug.ko: no frame '$want' as in kp_extmod.ko"
fi
echo "$stripped" | grep -E '^ *kp_extmod_helper\+0x[0-9a-f]+/0x[0-9a-f]+ \[kp_extmod\]$' ||
	fail "kp_extmod_stripped.ko: no frame of kp_extmod_helper without a path"
if echo "$stripped" | grep -E '\[kp_extmod\] \(|malformed'; then
	fail "kp_extmod_stripped.ko: a path or a warning, with symbols that are not those it was built with"
fi

n=$(echo "$bad" | grep -c 'kp_extmod: .kallsyms_paths is malformed: no paths or lines')
[ "$n" = 1 ] || fail "the corrupted table gave $n warnings, not 1"
echo "$bad" | grep -E '^ *kp_extmod_helper\+0x[0-9a-f]+/0x[0-9a-f]+ \[kp_extmod\]$' ||
	fail "kp_extmod_helper of the corrupted module: no frame without a path"

# The module KUnit suite (TAP from its load, after the built-in suite's).
module_kunit "$tmp/log" || fail "the KUnit suite kallsyms_paths_module did not pass"

# The oracle over every function of every module.
agree=0 total=0 binutils=0
for m in "$ko" $(find "$out" -name '*.ko' | sort); do
	readelf -SW "$m" | sed -n 's/^ *\[ *\([0-9]*\)\] \([^ ]*\) .*/\1 \2/p' >"$tmp/sections"
	readelf -sW "$m" | awk -v seed="$(cksum <"$m" | cut -d' ' -f1)" '
		BEGIN { srand(seed) }
		$4 == "FUNC" && $3 > 0 && $7 ~ /^[0-9]+$/ {
			print $7, $2, 0
			for (i = 0; i < 3; i++)
				print $7, $2, int(rand() * $3)
		}' | sort -u >"$tmp/points"
	awk 'NR == FNR { sec[$1] = $2; next } { printf "%s %s %x\n", sec[$1], $2, $3 }' \
		"$tmp/sections" "$tmp/points" >"$tmp/queries"
	"$annot" --module "$m" lookup <"$tmp/queries" >"$tmp/ours" || die "kit/annot failed on $m"
	while read -r sec value off; do
		where "$m" "$sec" "$(printf '%#x' $((0x$value + 0x$off)))"
	done <"$tmp/queries" >"$tmp/theirs"
	# Where binutils disagrees, elfutils' answer as a sixth field.
	paste -d' ' "$tmp/queries" "$tmp/ours" "$tmp/theirs" |
		while read -r sec value off ours theirs; do
			other=-
			[ "$ours" = "$theirs" ] || [ "$theirs" = - ] ||
				other=$(ADDR2LINE=eu-addr2line where "$m" "$sec" \
					"$(printf '%#x' $((0x$value + 0x$off)))")
			echo "$sec $value $off $ours $theirs $other"
		done >"$tmp/$(basename "$m").cmp"
	cmp=$tmp/$(basename "$m").cmp
	n=$(awk '$5 != "-"' "$cmp" | wc -l)
	bin=$(awk '$5 != "-" && $4 == $5' "$cmp" | wc -l)
	ok=$(awk '$5 != "-" && ($4 == $5 || $4 == $6)' "$cmp" | wc -l)
	echo "oracle: $(basename "$m"): $ok of $n addresses agree ($bin with addr2line, $((ok - bin)) more with eu-addr2line)"
	awk '$5 != "-" && $4 != $5' "$cmp" | head -n 3
	agree=$((agree + ok)) total=$((total + n)) binutils=$((binutils + bin))
done
[ "$total" -gt 0 ] || die "the oracle compared nothing"
echo "oracle: $agree of $total module addresses agree ($((agree * 1000 / total / 10)).$((agree * 1000 / total % 10))%; $binutils with binutils' addr2line alone)"
[ $((agree * 1000)) -ge $((total * 995)) ] || fail "below 99.5%"
exit $status
