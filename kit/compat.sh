#!/bin/sh
# /proc/kallsyms must not change with CONFIG_KALLSYMS_PATHS:
#  - /proc/kallsyms_paths lists exactly the /proc/kallsyms vmlinux lines,
#    in the same order, each followed by PATH:LINE or "-";
#  - /proc/kallsyms lists the same types and names, in the same order, as
#    the same kernel built without the option (addresses after the kallsyms
#    tables move, as the tables grow).
# Usage: compat.sh ON-BOOT-LOG OFF-BOOT-LOG
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

on=${1:-$BUILD/boot-test.log}
off=${2:-$BUILD/boot-test-off.log}
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
	echo "/proc/kallsyms_paths: the $n symbols of /proc/kallsyms, in order"
else
	echo "/proc/kallsyms_paths differs from /proc/kallsyms:"
	diff "$tmp/on.kallsyms" "$tmp/on.paths3" | head -n 10
	status=1
fi
if awk 'NF != 4 || ($4 != "-" && $4 !~ /^[^\/.][^ :]*:[1-9][0-9]*$/)' "$tmp/on.paths" |
	head -n 5 | grep .; then
	echo "/proc/kallsyms_paths: lines above are not ADDR TYPE NAME PATH:LINE"
	status=1
fi

awk '{ print $2, $3 }' "$tmp/on.kallsyms" >"$tmp/on.names"
awk '{ print $2, $3 }' "$tmp/off.kallsyms" >"$tmp/off.names"
if cmp -s "$tmp/on.names" "$tmp/off.names"; then
	echo "/proc/kallsyms: the same $n types and names, in order, as without the option"
else
	echo "/proc/kallsyms: types or names differ from the kernel without the option:"
	diff "$tmp/off.names" "$tmp/on.names" | head -n 10
	status=1
fi
exit $status
