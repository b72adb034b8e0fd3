#!/bin/sh
# Print the demo report from a boot log; fail when the log lacks any part of it.
# With --paths, the kernel must also show CONFIG_KALLSYMS_PATHS at work.
# Usage: report.sh [--paths] BOOT-LOG
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

paths=
if [ "${1:-}" = --paths ]; then
	paths=1
	shift
fi
log=${1:?usage: report.sh [--paths] BOOT-LOG}
[ -f "$log" ] || die "$log missing: boot the kernel first"
clean=$BUILD/report.tmp
tr -d '\r' <"$log" >"$clean"
status=0
need() {
	echo "missing in $log: $*" >&2
	status=1
}

# A frame: optional "? ", name+0xOFF/0xSIZE, then anything (module, path).
frame_re='^ *(\? )?[A-Za-z0-9_.]+\+0x[0-9a-f]+/0x[0-9a-f]+'

kernel=$(sed -n 's/^kit: ==== kernel //p' "$clean")
[ -n "$kernel" ] || need "the kernel version line"
echo "kernel:    $kernel"

echo "symbols:"
sed -n '/^kit: ==== symbols (\/proc\/kallsyms)/,/^kit: ====/s/^kit:   /  /p' "$clean" |
	grep . || need "symbol lines from /proc/kallsyms"
[ -z "$paths" ] || grep -q '^kit: ==== symbols with source' "$clean" ||
	need "/proc/kallsyms_paths"
if grep -q '^kit: ==== symbols with source' "$clean"; then
	echo "symbols with source (/proc/kallsyms_paths):"
	sed -n '/^kit: ==== symbols with source/,/^kit: ====/s/^kit:   /  /p' "$clean" |
		grep . || need "symbol lines from /proc/kallsyms_paths"
fi

echo "backtrace (sysrq l, first frames):"
sed -n '/^kit: ==== backtrace/,$p' "$clean" | grep -E "$frame_re" | head -n 8 |
	sed 's/^ */  /' >"$clean.frames"
cat "$clean.frames"
[ "$(wc -l <"$clean.frames")" -ge 3 ] || need "at least 3 backtrace frames after sysrq l"
# With CONFIG_KALLSYMS_PATHS, frames end in " (PATH:LINE)".
if [ -n "$paths" ]; then
	grep -Eq '\+0x[0-9a-f]+/0x[0-9a-f]+ \([a-z][^ ():]*\.[chS]:[0-9]+\)$' "$clean.frames" ||
		need "backtrace frames with a (PATH:LINE) annotation"
fi

echo "instruction pointers (the line of the instruction itself):"
grep -E '(RIP: 0010:|idling at )[A-Za-z0-9_.]+\+0x' "$clean" | head -n 2 | sed 's/^/  /' >"$clean.ips"
cat "$clean.ips"
if [ -n "$paths" ]; then
	grep -Eq '\+0x[0-9a-f]+/0x[0-9a-f]+( \[[a-z_]+\])? \([a-z][^ ():]*\.[chS]:[0-9]+\)$' "$clean.ips" ||
		need "an instruction pointer with a (PATH:LINE) annotation"
fi

if grep -q '^kit: ==== module kp_extmod' "$clean"; then
	echo "backtrace in a module built with M= (kit/extmod):"
	sed -n '/^kit: ==== module kp_extmod (\/kp_extmod.ko)/,/^kit: kp_extmod unloaded/p' "$clean" |
		grep -E "$frame_re" | grep -F '[kp_extmod]' | head -n 4 | sed 's/^ */  /' >"$clean.frames"
	cat "$clean.frames"
	[ -z "$paths" ] || grep -Eq '\[kp_extmod\] \([a-z][^ ():]*\.c:[0-9]+\)$' "$clean.frames" ||
		need "module frames with a (FILE:LINE) annotation"
fi

grep -q '^kit: ==== done (ok)' "$clean" || need "'kit: ==== done (ok)' from init"
# kit/extmod warns when asked, for its RIP line: that warning is expected.
if grep -E '^(BUG|WARNING|UBSAN|Oops)[: ]|Kernel panic' "$clean" |
	grep -v '^WARNING: .* kp_extmod_warn_set+0x[0-9a-f]*/0x[0-9a-f]* \[kp_extmod\]$' |
	head -n 5 | grep .; then
	need "no kernel BUG, WARNING, Oops or panic (above)"
fi
echo "full log:  $log"
rm -f "$clean" "$clean.frames" "$clean.ips"
exit $status
