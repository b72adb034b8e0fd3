#!/bin/sh
# arm64: cross-build the arm64 test kernel (configs/arm64.config) and
# kit/extmod, boot them under qemu-system-aarch64 (TCG, 2 CPUs, pointer
# authentication on) and check what the series promises there: the KUnit
# suites pass with no case skipped; the "pc : " line of the external
# module's warning and the frame of its Call trace that repeats that pc
# carry the line of the WARN() itself (an instruction pointer: no minus
# one); backtrace frames carry paths; the oracle and the lines of random
# addresses and of every printed frame agree with binutils for arm64.
# Usage: arm64.sh
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

out=$BUILD/out-arm64
log=$BUILD/boot-arm64.log
"$KIT/build.sh" arm64 Image modules || exit 1
kos=$("$KIT/extmod.sh" arm64) || exit 1
KIT_MODULES="$kos $out/lib/tests/kallsyms_paths_module_kunit.ko" "$KIT/boot.sh" arm64 ||
	exit 1

python3 "$TREE/tools/testing/kunit/kunit.py" parse "$log" || die "KUnit failed on arm64"
! tr -d '\r' <"$log" | grep -E '^ *ok [0-9]+ kpm?_test_.*# SKIP' ||
	die "KUnit cases were skipped on arm64"
# kunit.py parses the first suite only: the module's, by itself.
kunit=$(tr -d '\r' <"$log" | sed -n '/^kit: ==== module kallsyms_paths_module_kunit/,/^kit: ====/p')
echo "$kunit" | grep -E '^ *(not )?ok [0-9]+ kpm_test_'
if ! echo "$kunit" | grep -qE '^ *ok [0-9]+ kpm_test_' ||
	echo "$kunit" | grep -qE '^ *not ok'; then
	die "the module KUnit suite did not pass on arm64"
fi

# The warning of kp_extmod: its pc, and the first frame of its Call trace,
# at the line of the WARN() in main.c.
warn=$(grep -n 'WARN(1, "kp_extmod: warning as asked' "$KIT/extmod/main.c" | cut -d: -f1)
want="kp_extmod_warn_set+0x[0-9a-f]*/0x[0-9a-f]* \\[kp_extmod\\] (main.c:$warn)"
tr -d '\r' <"$log" | grep "pc : $want\$" ||
	die "no 'pc : kp_extmod_warn_set ... (main.c:$warn)' line in $log"
tr -d '\r' <"$log" | grep -A1 'Call trace:' | grep " $want\$" ||
	die "the Call trace of the warning does not start at main.c:$warn"
# Frames of vmlinux with paths, in the backtraces of sysrq l and the warning.
n=$(tr -d '\r' <"$log" |
	grep -cE '^(\[ *[0-9.]+\] )? [A-Za-z0-9_.]+\+0x[0-9a-f]+/0x[0-9a-f]+ \([a-z][^)]*:[0-9]+\)$')
echo "arm64: $n backtrace frames of vmlinux with a path"
[ "$n" -ge 5 ] || die "fewer than 5 annotated vmlinux frames in $log"

"$KIT/oracle.sh" "$log" "$out/vmlinux" && "$KIT/lines.sh" "$log" "$out/vmlinux"
