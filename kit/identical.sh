#!/bin/sh
# With CONFIG_KALLSYMS_PATHS off, the patched kernel must be the unpatched
# one: same symbols at the same addresses, same bytes in every loaded
# section. Only the GNU build IDs (of vmlinux and of the vDSO it embeds)
# may differ: they hash the debug info too, which names the (different)
# source directories and lines.
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

tmp=$BUILD/identical
mkdir -p "$tmp"
"$KIT/build.sh" test-off >/dev/null || exit 1
"$KIT/build.sh" base >/dev/null || exit 1

status=0
for cfg in base test-off; do
	v=$BUILD/out-$cfg/vmlinux
	objcopy -O binary "$v" "$tmp/$cfg.bin" || die "objcopy failed on $v"
	# Blank every GNU build ID note (vmlinux's and the vDSO's).
	perl -0777 -pi -e 's/\x04\0\0\0\x14\0\0\0\x03\0\0\0GNU\0\K.{20}/"\0" x 20/gse' "$tmp/$cfg.bin"
	cp "$BUILD/out-$cfg/System.map" "$tmp/$cfg.map"
done
# same EXT WHAT: compare base.EXT with test-off.EXT.
same() {
	if cmp -s "$tmp/base.$1" "$tmp/test-off.$1"; then
		echo "$2: identical"
	else
		echo "$2: differs:"
		cmp -l "$tmp/base.$1" "$tmp/test-off.$1" | head -n 5
		status=1
	fi
}
same map "System.map ($(wc -l <"$tmp/base.map") symbols)"
same bin "vmlinux loaded image ($(wc -c <"$tmp/base.bin") bytes, build IDs aside)"
exit $status
