#!/bin/sh
# A kernel other than the test kernel: build it (build.sh NAME) and
# kit/extmod against it, boot them under QEMU (TCG, 2 CPUs) and check what
# the series promises there: the KUnit suites pass with no case skipped;
# the instruction pointer of the external module's warning ("RIP: 0010:"
# on x86_64, "pc : " on arm64, and there also the frame of its Call trace
# that repeats that pc) carries the line of the WARN() itself (no minus
# one); backtrace frames carry paths; the oracle and the lines of random
# addresses and of every printed frame agree with the oracle for that
# build (binutils; llvm-symbolizer for clang, see lines.sh).
#   NAME=clang: the test config built with clang-16, LLD and ThinLTO
#               (clang14 and clang16, without LTO, work the same way);
#   NAME=arm64: the arm64 test config, cross-built with gcc, booted with
#               pointer authentication on.
# Usage: variant.sh NAME
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

name=${1:?usage: variant.sh NAME}
out=$BUILD/out-$name
log=$BUILD/boot-$name.log
case $name in
arm64) image=Image ip='pc : ' ;;
*) image=bzImage ip='RIP: 0010:' ;;
esac
"$KIT/build.sh" "$name" "$image" modules || exit 1
kos=$("$KIT/extmod.sh" "$name") || exit 1
KIT_MODULES="$kos $out/lib/tests/kallsyms_paths_module_kunit.ko" "$KIT/boot.sh" "$name" ||
	exit 1

python3 "$TREE/tools/testing/kunit/kunit.py" parse "$log" || die "KUnit failed on $name"
! tr -d '\r' <"$log" | grep -E '^ *ok [0-9]+ kpm?_test_.*# SKIP' ||
	die "KUnit cases were skipped on $name"
module_kunit "$log" || die "the module KUnit suite did not pass on $name"

# The warning of kp_extmod: its instruction pointer at the line of the
# WARN() in main.c, and on arm64 the first frame of its Call trace too.
warn=$(grep -n 'WARN(1, "kp_extmod: warning as asked' "$KIT/extmod/main.c" | cut -d: -f1)
want="kp_extmod_warn_set+0x[0-9a-f]*/0x[0-9a-f]* \\[kp_extmod\\] (main.c:$warn)"
tr -d '\r' <"$log" | grep "$ip$want\$" ||
	die "no '${ip}kp_extmod_warn_set ... (main.c:$warn)' line in $log"
if [ "$name" = arm64 ]; then
	tr -d '\r' <"$log" | grep -A1 'Call trace:' | grep " $want\$" ||
		die "the Call trace of the warning does not start at main.c:$warn"
fi
# Frames of vmlinux with paths, in the backtraces of sysrq l and the warning.
n=$(tr -d '\r' <"$log" |
	grep -cE '^(\[ *[0-9.]+\] )? (\? )?[A-Za-z0-9_.]+\+0x[0-9a-f]+/0x[0-9a-f]+ \([a-z][^)]*:[0-9]+\)$')
echo "$name: $n backtrace frames of vmlinux with a path"
[ "$n" -ge 5 ] || die "fewer than 5 annotated vmlinux frames in $log"

"$KIT/oracle.sh" "$log" "$out/vmlinux" && "$KIT/lines.sh" "$log" "$out/vmlinux"
