#!/bin/sh
# make bench: measure CONFIG_KALLSYMS_PATHS off against on, same config, in
# one run on this machine. Writes bench/CONFIG.md and bench/CONFIG.tsv.
# Usage: bench.sh [CONFIG [RUNS]]
#   CONFIG: test (default; kit/configs/test.config), defconfig (x86_64
#           defconfig + DWARF 5, about 1.5 hours on 2 cores), or clang or
#           arm64 (the test kernels of make check's stages of those names:
#           sizes and link times only, no boots)
#   RUNS:   link-time runs per side, alternating; default 3
# BOOTS (environment): boots per side, alternating; default RUNS
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

config=${1:-test}
runs=${2:-3}
boots=${BOOTS:-$runs}
res=$TOP/bench
tmp=$BUILD/bench-$config
mkdir -p "$res" "$tmp"
# Sizes, link and toggle compare ON with OFF; the lookup speeds compare ON
# with SPEED_OFF, which has the KUnit tests and the lookup benchmark
# (CONFIG_KALLSYMS_PATHS_BENCHMARK) too.
# lite: sizes and link times alone; cross: binutils for the kernel's
# architecture.
lite='' cross='' image=arch/x86/boot/bzImage
case $config in
test) on_name=test off_name=test-off speed_off=bench-off ;;
defconfig) on_name=defconfig off_name=defconfig-off speed_off=defconfig-off ;;
# The link runs below call kmake directly: give it build.sh's toolchain,
# or make would configure the build directory again for gcc and x86_64.
clang) on_name=clang off_name=clang-off lite=1
	export KLLVM=-16 ;;
arm64) on_name=arm64 off_name=arm64-off lite=1 cross=aarch64-linux-gnu- image=arch/arm64/boot/Image
	export KARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- ;;
*) die "unknown bench config '$config' (test, defconfig, clang, arm64)" ;;
esac
on=$BUILD/out-$on_name
off=$BUILD/out-$off_name
built=$on	# the build directory of the "on" kernel

tsv=$tmp/rows.tsv
: >"$tsv"
row() {	# what off on [note]
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >>"$tsv"
}
since() { echo "$(date +%s.%N) - $1" | bc; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
seconds() { median <"$1" | awk '{ printf "%.1f", $1 }'; }	# FILE of times

# Switch the option in the off build directory and rebuild there.
ON="CONFIG_KALLSYMS_PATHS=y"
OFF="# CONFIG_KALLSYMS_PATHS is not set"
toggle() {	# FROM TO LOG
	sed -i "s/^$1\$/$2/" "$off/.config"
	kmake "$TREE" "$off" olddefconfig bzImage >"$3" 2>&1 || die_log "toggle build failed" "$3"
}
objs() {	# the objects a build log compiled, but for the link's own
	grep -E '^  (CC|AS) +[^ ]+\.o$' "$1" | awk '{ print $2 }' |
		grep -v -e '^\.tmp_vmlinux' -e '^arch/x86/boot/' -e '^init/version-timestamp.o$'
}
# An interrupted run may have left the off directory switched on.
[ ! -f "$off/.config" ] || sed -i "s/^$ON\$/$OFF/" "$off/.config"

# Stack below symbol_string() for %pB: the deepest path from
# sprint_backtrace() through the functions of kernel/kallsyms.o and
# kernel/kallsyms_annot.o (frames from gcc -fstack-usage, calls from
# objdump). A sibling call (a jump to a function) replaces the caller's
# frame. Callees elsewhere (sprintf(), the module lookup) are not counted,
# on either side.
stack_depth() {	# BUILD-DIR: prints "BYTES: PATH"
	objs=kernel/kallsyms.o
	! grep -q '^CONFIG_KALLSYMS_PATHS=y' "$1/.config" || objs="$objs kernel/kallsyms_annot.o"
	# shellcheck disable=SC2086 # one or two objects
	kmake "$TREE" "$1" KCFLAGS=-fstack-usage $objs >"$tmp/su.log" 2>&1 ||
		die_log "stack usage build failed" "$tmp/su.log"
	for o in kallsyms kallsyms_annot; do
		[ -f "$1/kernel/$o.su" ] || continue
		cat "$1/kernel/$o.su"
		objdump -dr --no-show-raw-insn "$1/kernel/$o.o"
		rm -f "$1/kernel/$o.su" "$1/kernel/$o.o"	# rebuilt without -fstack-usage next time
	done | awk -F'\t' '
	function flush() {	# foo.constprop.0 is foo.constprop in the .su
		sub(/\.[0-9]+$/, "", fn)
		sub(/\.[0-9]+$/, "", target)
		if (kind != "" && target != "")
			edge[fn, ++n[fn]] = kind " " target
		kind = target = ""
	}
	function depth(f,	i, e, g, d, call, tail, cv, tv) {
		if (f in memo)
			return memo[f]
		memo[f] = su[f]		# a recursion adds nothing
		for (i = 1; i <= n[f]; i++) {
			split(edge[f, i], e, " ")
			g = e[2]
			if (!(g in su))
				continue
			d = depth(g)
			if (e[1] == "call" && d > call) {
				call = d
				cv = g
			} else if (e[1] != "call" && d > tail) {
				tail = d
				tv = g
			}
		}
		if (su[f] + call >= tail) {
			memo[f] = su[f] + call
			how[f] = f " " su[f] (cv != "" ? ", " how[cv] : "")
		} else {
			memo[f] = tail
			how[f] = f " => " how[tv]
		}
		return memo[f]
	}
	/\t(static|dynamic)/ && split($1, a, ":") >= 4 { su[a[4]] = $2; next }
	/^[0-9a-f]+ <[^>]+>:$/ { flush(); fn = $0; sub(/.*</, "", fn); sub(/>:$/, "", fn); next }
	/^ +[0-9a-f]+:\t/ {
		flush()
		split($2, ins, " ")
		if (ins[1] ~ /^(call|j[a-z]+)$/) {
			kind = ins[1] == "call" ? "call" : "jump"
			if (match($2, /<[^>+]+>$/))
				target = substr($2, RSTART + 1, RLENGTH - 2)
		}
		next
	}
	/R_X86_64_(PLT|PC)32/ && kind != "" { target = $NF; sub(/[-+]0x[0-9a-f]+$/, "", target); next }
	END {
		flush()
		printf "%d: %s\n", depth("sprint_backtrace"), how["sprint_backtrace"]
	}'
}
stack_row() {	# from $s_off and $s_on, stack_depth of each side
	row "stack below symbol_string() for %pB, deepest path in kernel/kallsyms*.o (bytes, -fstack-usage)" \
		"${s_off%%:*}" "${s_on%%:*}" "on:${s_on#*:}; off:${s_off#*:}; => is a sibling call"
}

if [ "$config" = defconfig ]; then
	# One build directory: a second one would cost another hour of
	# compiling. The option is toggled in it, alternating, and $on keeps
	# what the first "on" build produced.
	"$KIT/build.sh" "$off_name" bzImage >/dev/null || exit 1
	: >"$tmp/toggle.on"
	: >"$tmp/toggle.off"
	i=0
	while [ $i -lt "$runs" ]; do
		say "toggling the option on, then off ($((i + 1)) of $runs)"
		s=$(date +%s.%N)
		toggle "$OFF" "$ON" "$tmp/toggle-on.log"
		since "$s" >>"$tmp/toggle.on"
		if [ $i = 0 ]; then
			rm -rf "$on"
			mkdir -p "$on/arch/x86/boot" "$on/usr" "$on/scripts"
			cp "$off/vmlinux" "$off/.config" "$off"/.tmp_vmlinux[0-9].* "$on/"
			cp "$off/arch/x86/boot/bzImage" "$on/arch/x86/boot/"
			cp "$off/usr/gen_init_cpio" "$on/usr/"
			cp "$off/scripts/gen_kallsyms_paths" "$on/scripts/"
			s_on=$(stack_depth "$off")
		fi
		s=$(date +%s.%N)
		toggle "$ON" "$OFF" "$tmp/toggle-off.log"
		since "$s" >>"$tmp/toggle.off"
		i=$((i + 1))
	done
	s_off=$(stack_depth "$off")
	built=$off
	row "rebuild after switching the option, median of $runs (s)" \
		"$(seconds "$tmp/toggle.off")" "$(seconds "$tmp/toggle.on")" "off: switched off; on: switched on"
elif [ -n "$lite" ]; then
	"$KIT/build.sh" "$on_name" "$(basename $image)" >/dev/null || exit 1
	"$KIT/build.sh" "$off_name" "$(basename $image)" >/dev/null || exit 1
else
	"$KIT/build.sh" "$on_name" bzImage modules >/dev/null || exit 1
	"$KIT/extmod.sh" >/dev/null || exit 1
	"$KIT/build.sh" "$off_name" bzImage >/dev/null || exit 1
	"$KIT/build.sh" "$speed_off" bzImage >/dev/null || exit 1
fi

# kallsyms_num_syms, from the last kallsyms pass of the link.
num_syms() {
	for s in "$1"/.tmp_vmlinux[0-9].kallsyms.S; do :; done
	awk '/^kallsyms_num_syms:/ { getline; print $2; exit }' "$s"
}

# Sizes of the kallsyms tables: from each label to the next higher address
# (so alignment padding counts), kallsyms_seqs_of_names from its length.
tables() {
	n=$(num_syms "$1")
	"${cross}nm" -n "$1/vmlinux" | awk '
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
names=$(awk '/^kallsyms_markers:/ { getline; print $2; exit }' "$s")	# 0: names start
annot_markers=$(awk -v n="$nks" '/^kallsyms_markers:/ { f = 1; next } /^\.globl/ { f = 0 }
	f && /\.long/ { i++; if (i == int((n + 255) / 256) + 1) print $2 }' "$s")
names_size=$(awk '/^kallsyms_names_size:/ { getline; print $2; exit }' "$s")
marks=$(awk '/^kallsyms_markers_size:/ { getline; print $2; exit }' "$s")
if [ "$names" != 0 ] || [ -z "$annot_markers" ] || [ -z "$names_size" ] || [ -z "$marks" ]; then
	die "cannot find the annotations in $s"
fi
annot=$((names_size - annot_markers + 4 * (marks - (nks + 255) / 256)))
# The rows of the line programs, from the generator's list.
rows_of() {	# PATHS-FILE: one "ADDR-DELTA LINE-DELTA" per row with a line
	awk '{ a = 0; l = $6
	       for (i = 7; i <= NF; i++) {
		split($i, r, ":"); o = 0
		for (k = 1; k <= length(r[1]); k++)
			o = o * 16 + index("0123456789abcdef", substr(r[1], k, 1)) - 1
		if (r[2] != "-") { print o - a, r[2] - l; l = r[2] }
		a = o
	       } }' "$1"
}
rows_of "$on/.tmp_vmlinux1.paths" >"$tmp/rows"
nrows=$(wc -l <"$tmp/rows")
# Rows without a line (DWARF line 0, clang has many) are coded too.
nl=$(awk '{ for (i = 7; i <= NF; i++) if ($i ~ /:-$/) n++ } END { print n + 0 }' "$on/.tmp_vmlinux1.paths")
row "annotation bytes (entries after the names, and their markers)" "0" "$annot" \
	"$(awk -v a="$annot" -v n="$nks" -v r="$nrows" -v z="$nl" 'BEGIN { printf "%.2f bytes per symbol; %d line rows and %d without a line, %.2f bytes per row, all included", a / n, r, z, a / (r + z) }')"
# What the rows alone would take at best: order-0 entropy of their
# (address delta, line delta) pairs, and xz -9e of the pairs as LEB128.
ent=$(sort "$tmp/rows" | uniq -c | awk '{ c[NR] = $1; n += $1 }
	END { for (i in c) h -= c[i] / n * log(c[i] / n) / log(2); printf "%.2f", h / 8 }')
python3 -c '
import sys
out = bytearray()
for line in open(sys.argv[1]):
    a, l = map(int, line.split())
    while True:
        b = a & 0x7f; a >>= 7
        out.append(b | (0x80 if a else 0))
        if not a: break
    while True:
        b = l & 0x7f; l >>= 7
        done = (l == 0 and not b & 0x40) or (l == -1 and b & 0x40)
        out.append(b | (0 if done else 0x80))
        if done: break
sys.stdout.buffer.write(out)' "$tmp/rows" | xz -9e >"$tmp/rows.xz"
row "floors for the rows alone (bytes per row)" "-" "-" \
	"order-0 entropy of the pairs $ent; xz -9e of the pairs as LEB128 $(awk -v b="$(wc -c <"$tmp/rows.xz")" -v r="$nrows" 'BEGIN { printf "%.2f", b / r }')"

"${cross}objcopy" --strip-debug "$off/vmlinux" "$tmp/off.vmlinux"
"${cross}objcopy" --strip-debug "$on/vmlinux" "$tmp/on.vmlinux"
rodata() { "${cross}size" -A -d "$1" | awk '$1 == ".rodata" { print $2 }'; }
row ".rodata section (bytes)" "$(rodata "$tmp/off.vmlinux")" "$(rodata "$tmp/on.vmlinux")"
row "vmlinux without debug info (bytes)" "$(wc -c <"$tmp/off.vmlinux")" "$(wc -c <"$tmp/on.vmlinux")"
row "$(basename $image) (bytes)" "$(wc -c <"$off/$image")" "$(wc -c <"$on/$image")"

# The earlier designs, modelled on the same symbols of the same vmlinux.
last=$on/.tmp_vmlinux1.paths	# the generator's, read by every pass
syms=$on/.tmp_vmlinux1.syms
opts=--all-symbols
grep -q '^CONFIG_KALLSYMS_ABSOLUTE_PERCPU=y' "$on/.config" && opts="$opts --absolute-percpu"
# 2022 RFC: "path:name" fed to the unpatched scripts/kallsyms.
git -C "$TREE" show base:scripts/kallsyms.c >"$tmp/kallsyms-stock.c"
gcc -O2 -I"$TREE/scripts/include" -o "$tmp/kallsyms-stock" "$tmp/kallsyms-stock.c" ||
	die "cannot build the unpatched scripts/kallsyms"
awk 'NR == FNR { k = $1; sub(/^0+/, "", k); p[k " " $2] = $5; next }
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
row "annotations against the LINEINFO model (%)" "-" \
	"$(awk -v a="$annot" -v b="$6" 'BEGIN { printf "%.1f", 100 * a / b }')" "must be at most 30"
# Modules, boots and the floor: the test and defconfig configs only.
if [ -z "$lite" ]; then
	# Modules: the tables of the test config's modules and of kit/extmod, or
	# of defconfig's modules, against the LINEINFO model of each .ko.
	if [ "$config" != defconfig ]; then
		# shellcheck disable=SC2046
		"$KIT/modsize.sh" "$on" "$BUILD/extmod" -- $(find "$on" -name '*.ko' | sort) \
			"$BUILD/extmod/kp_extmod.ko" >>"$tsv" || exit 1
		export KIT_MODULES="$BUILD/extmod/kp_extmod.ko $BUILD/extmod/kp_extmod_nopaths.ko"
	else
		# defconfig's modules, from a build with the option on: the toggled
		# directory builds bzImage only.
		"$KIT/build.sh" defconfig-on bzImage modules >/dev/null || exit 1
		# shellcheck disable=SC2046
		"$KIT/modsize.sh" "$BUILD/out-defconfig-on" -- \
			$(find "$BUILD/out-defconfig-on" -name '*.ko' | sort) >>"$tsv" || exit 1
	fi

	# Boot both kernels now: the floor and the lookup speeds come from them.
	# Boot both kernels BOOTS times, alternating; the speeds below are medians.
	# defconfig's self-tests take minutes under TCG. It boots with one CPU:
	# with two, a CPU can run code that the other has just patched (static
	# keys) from a stale translation, an int3 oops in sched_clock_cpu() seen
	# once here; and a second CPU's work would be timed with the lookups.
	if [ "$config" = defconfig ]; then
		export TIMEOUT="${TIMEOUT:-1800}"
		export SMP="${SMP:-1}"
	fi
	rm -f "$tmp"/boot-*.log
	i=0
	while [ $i -lt "$boots" ]; do
		"$KIT/boot.sh" "$speed_off" >/dev/null || exit 1
		tr -d '\r' <"$BUILD/boot-$speed_off.log" >"$tmp/boot-off.$i.log"
		"$KIT/boot.sh" "$on_name" >/dev/null || exit 1
		tr -d '\r' <"$BUILD/boot-$on_name.log" >"$tmp/boot-on.$i.log"
		i=$((i + 1))
	done

	# A floor: the same annotations as text, in /proc/kallsyms_paths order,
	# compressed with xz -9 (no random access).
	sed -n 's/^kp: //p' "$tmp/boot-on.0.log" | awk '{ print $4 }' >"$tmp/annotations"
	floor=$(xz -9 <"$tmp/annotations" | wc -c)
	row "floor: PATH:LINE per symbol, xz -9 (bytes)" "-" "$floor" \
		"$(awk -v b="$floor" -v n="$nks" 'BEGIN { printf "%.2f bytes per symbol", b / n }')"
fi

if [ "$config" != defconfig ]; then
	# The final link (link-vmlinux.sh), off and on alternating.
	link() {
		rm -f "$1/vmlinux"
		s=$(date +%s.%N)
		kmake "$TREE" "$1" vmlinux >"$tmp/link.log" 2>&1 || die_log "link failed in $1" "$tmp/link.log"
		since "$s"
		# A link that compiles is not a link: $1 was not up to date.
		! objs "$tmp/link.log" | grep -v '^\.vmlinux' | grep -q . ||
			die_log "the link in $1 compiled objects" "$tmp/link.log"
	}
	: >"$tmp/link.off"
	: >"$tmp/link.on"
	i=0
	while [ $i -lt "$runs" ]; do
		link "$off" >>"$tmp/link.off"
		link "$on" >>"$tmp/link.on"
		i=$((i + 1))
	done
	row "final link, median of $runs (s)" "$(seconds "$tmp/link.off")" "$(seconds "$tmp/link.on")"

	# Of that, the DWARF that the first link keeps for gen_kallsyms_paths
	# (without the option it is linked --strip-debug): that link's own
	# command, timed both ways.
	rm -f "$on/vmlinux"
	kmake "$TREE" "$on" KBUILD_VERBOSE=1 vmlinux >"$tmp/link-v.log" 2>&1 ||
		die_log "link failed in $on" "$tmp/link-v.log"
	ld1=$(sed -n 's/^+ \(.*\) -o \.tmp_vmlinux1 \(.*\)$/\1 \2/p' "$tmp/link-v.log" | head -n 1)
	[ -n "$ld1" ] || die_log "no command for .tmp_vmlinux1 in the link log" "$tmp/link-v.log"
	: >"$tmp/ld1.strip"
	: >"$tmp/ld1.debug"
	i=0
	while [ $i -lt "$runs" ]; do
		for how in strip debug; do
			flag=
			[ $how = debug ] || flag=--strip-debug
			s=$(date +%s.%N)
			# shellcheck disable=SC2086 # the command, as the script ran it
			(cd "$on" && $ld1 $flag -o "$tmp/ld1.out") || die "the first link failed: $ld1"
			since "$s" >>"$tmp/ld1.$how"
		done
		i=$((i + 1))
	done
	rm -f "$tmp/ld1.out"
	row "of which: first link (.tmp_vmlinux1), median of $runs (s)" \
		"$(seconds "$tmp/ld1.strip")" "$(seconds "$tmp/ld1.debug")" "off: --strip-debug; on: with the DWARF that gen_kallsyms_paths reads"
fi

# The generator alone, on the final vmlinux.
/usr/bin/time -v "$on/scripts/gen_kallsyms_paths" "$(realpath "$TREE")" "$(realpath "$built")" \
	"$on/vmlinux" "$tmp/gen.paths" 2>"$tmp/gen.time" || die "gen_kallsyms_paths failed: $(cat "$tmp/gen.time")"
row "gen_kallsyms_paths wall (s)" "-" "$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$tmp/gen.time" | awk -F: '{ print $NF + 60 * $(NF - 1) }')"
row "gen_kallsyms_paths peak memory (KiB)" "-" "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/gen.time")"

# Speeds, toggling and stack: the test and defconfig configs only.
if [ -z "$lite" ]; then
	# Lookup speed in the kernels booted above (TCG: compare ratios, not times).
	for l in "$tmp"/boot-*.log; do
		! grep -E '^(\[[ 0-9.]*\] )? *not ok [0-9]+ kp_test_' "$l" || die "KUnit failed in $l"
	done
	each_boot() {	# SIDE SED-SCRIPT: the median of what the script prints per boot
		for l in "$tmp/boot-$1".*.log; do
			sed -n "$2" "$l"
		done | median
	}
	selftest_avg() {	# kallsyms_selftest's mean kallsyms_lookup_name() time
		each_boot "$1" 's/.*The time spent on each symbol is (ns):.*avg=\([0-9]*\).*/\1/p'
	}
	row "kallsyms_lookup_name(), kallsyms_selftest mean (ns, TCG, median of $boots boots)" \
		"$(selftest_avg off)" "$(selftest_avg on)"
	speed() {	# CONFIG_KALLSYMS_PATHS_BENCHMARK's ns per call of one function
		each_boot "$1" "s/.*kallsyms_paths_benchmark: $2: \([0-9]*\) ns per call.*/\1/p"
	}
	for f in kallsyms_lookup kallsyms_lookup_name sprint_backtrace; do
		a=$(speed off $f)
		b=$(speed on $f)
		{ [ -n "$a" ] && [ -n "$b" ]; } || die "no kallsyms_paths_benchmark line for $f in $tmp/boot-*.log"
		row "$f() (ns per call, kallsyms_paths_benchmark, TCG, median of $boots boots)" "$a" "$b"
	done
	# The new lookups exist only with the option: compare them with their
	# counterparts on the same kernel.
	relative() {	# what on-value base-value base-name
		row "$1" "-" "$2" "$(awk -v a="$2" -v b="$3" -v w="$4" 'BEGIN { printf "%.2f times %s on the same kernel", a / b, w }')"
	}
	lp=$(speed on kallsyms_lookup_path)
	lw=$(speed on "kallsyms_lookup_path, worst")
	lnp=$(speed on kallsyms_lookup_name_path)
	{ [ -n "$lp" ] && [ -n "$lw" ] && [ -n "$lnp" ]; } || die "no kallsyms_paths_benchmark lines for the path lookups in $tmp/boot-on.*.log"
	relative "kallsyms_lookup_path(), path and line at random offsets (ns per call)" "$lp" \
		"$(speed on kallsyms_lookup)" "kallsyms_lookup()"
	relative "kallsyms_lookup_path(), worst case: last of a group, last byte (ns per call)" "$lw" \
		"$(speed on kallsyms_lookup)" "kallsyms_lookup()"
	relative "kallsyms_lookup_name_path() (ns per call)" "$lnp" "$(speed on kallsyms_lookup_name)" \
		"kallsyms_lookup_name()"
	if [ "$config" != defconfig ]; then
		# kit/extmod, loaded in the "on" boots: a frame in a module, and loading.
		pS=$(each_boot on 's/^kp_extmod: %pS \([0-9]*\) ns, %pB [0-9]* ns per call .*(.*)).*/\1/p')
		pB=$(each_boot on 's/^kp_extmod: %pS [0-9]* ns, %pB \([0-9]*\) ns per call .*(.*)).*/\1/p')
		{ [ -n "$pS" ] && [ -n "$pB" ]; } || die "no kp_extmod %pS/%pB times in $tmp/boot-on.*.log"
		relative "modules: %pB of a module address, with path and line (ns per call)" "$pB" "$pS" \
			"%pS (kallsyms_lookup()) of that address"
		lw=$(each_boot on 's/^kit: load kp_extmod: \([0-9]*\) us with .*/\1/p')
		lo=$(each_boot on 's/^kit: load kp_extmod: [0-9]* us with .kallsyms_paths, \([0-9]*\) us without.*/\1/p')
		{ [ -n "$lw" ] && [ -n "$lo" ]; } || die "no kp_extmod load times in $tmp/boot-on.*.log"
		row "modules: load and unload kp_extmod (us, TCG, fastest of 5, median of $boots boots)" \
			"$lo" "$lw" "off: the same .ko without .kallsyms_paths"
	fi
	readtime() {	# microseconds of the fastest full read of a /proc file
		each_boot "$1" "s|^kit: read $2: [0-9]* bytes in \([0-9]*\) us.*|\1|p"
	}
	a=$(readtime off /proc/kallsyms)
	b=$(readtime on /proc/kallsyms)
	{ [ -n "$a" ] && [ -n "$b" ]; } || die "no /proc/kallsyms read time in $tmp/boot-*.log"
	row "read all of /proc/kallsyms (us, TCG, fastest of 3 per boot, median of $boots boots)" "$a" "$b"
	c=$(readtime on /proc/kallsyms_paths)
	[ -n "$c" ] || die "no /proc/kallsyms_paths read time in $tmp/boot-on.*.log"
	relative "read all of /proc/kallsyms_paths (us, as above)" "$c" "$b" "/proc/kallsyms"

	# Objects rebuilt when the option is toggled in an existing build
	# directory: the off one, switched on and back off.
	if [ "$config" != defconfig ]; then
		toggle "$OFF" "$ON" "$tmp/toggle-on.log"
		toggle "$ON" "$OFF" "$tmp/toggle-off.log"
	fi
	row "objects rebuilt when toggled (off->on, on->off)" "$(objs "$tmp/toggle-on.log" | wc -l)" \
		"$(objs "$tmp/toggle-off.log" | wc -l)" "$(objs "$tmp/toggle-on.log" | tr '\n' ' ')"

	# Last: building with -fstack-usage changes the flags of what it builds.
	if [ "$config" != defconfig ]; then
		s_off=$(stack_depth "$off")
		s_on=$(stack_depth "$on")
	fi
	stack_row
fi

# The table.
{
	echo "# CONFIG_KALLSYMS_PATHS on the $config config"
	echo
	echo "Measured by \`${BOOTS:+BOOTS=$BOOTS }make bench CONFIG=$config RUNS=$runs\` on $(date -u +%Y-%m-%d),"
	echo "$(nproc) cores, kernel source linux-source-6.12 $(dpkg-query -W -f='${Version}' linux-source-6.12),"
	# Name the compiler: clang's line where there is one (a clang
	# vmlinux can hold a GCC line too).
	cc=$(readelf -p .comment "$on/vmlinux" | sed -n 's/^ *\[ *[0-9a-f]*\]  //p' |
		awk '/clang version/ { c = $0 } NR == 1 { f = $0 } END { print c ? c : f }')
	echo "$cc, $(uname -m) host. Off and on are the same config (kit/build.sh, names"
	if [ -n "$lite" ]; then
		echo "$off_name and $on_name), each in its own build directory; sizes and link"
		echo "times only (make check boots this kernel; bench/test.md has the speeds)."
	elif [ "$config" = defconfig ]; then
		echo "$off_name and $on_name): one build directory where the option is switched on"
		echo "and off, $runs times each way; both sides include the KUnit suite and"
		echo "CONFIG_KALLSYMS_PATHS_BENCHMARK, which times the lookups."
	else
		echo "$off_name and $on_name); the lookup speeds compare $on_name with $speed_off,"
		echo "which is $off_name plus the KUnit suite and CONFIG_KALLSYMS_PATHS_BENCHMARK,"
		echo "which times the lookups."
	fi
	echo
	echo "| what | off | on | on/off | note |"
	echo "|---|---:|---:|---:|---|"
	awk -F'\t' '{
		r = ($2 ~ /^[0-9.]+$/ && $3 ~ /^[0-9.]+$/ && $2 > 0) ? sprintf("%.3f", $3 / $2) : "-"
		printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, r, $4
	}' "$tsv"
} >"$res/$config.md"
cp "$tsv" "$res/$config.tsv"
cat "$res/$config.md"
