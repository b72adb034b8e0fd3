#!/bin/sh
# Build kit/extmod, an external module (make M=), against build/out-test in
# build/extmod, a copy whose .kallsyms_paths is corrupted
# (kp_extmod_bad.ko) and one without it (kp_extmod_nopaths.ko, for the
# load time). Prints the three paths.
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

out=$BUILD/out-test
ext=$BUILD/extmod
log=$BUILD/build-extmod.log
[ -f "$out/Module.symvers" ] || die "build the test kernel first (make build)"
mkdir -p "$ext/sub"
# Copy only what changed, so that make sees the objects up to date.
for f in Kbuild main.c sub/helper.c sub/helper.h; do
	cmp -s "$KIT/extmod/$f" "$ext/$f" || cp "$KIT/extmod/$f" "$ext/$f"
done
kmake "$TREE" "$out" M="$ext" modules >"$log" 2>&1 ||
	die_log "building the external module failed" "$log"
ko=$ext/kp_extmod.ko
readelf -S "$ko" | grep -q ' \.kallsyms_paths ' || die "$ko has no .kallsyms_paths section"

# The table's header says version 1 and more markers than it has bytes.
printf '\001\000\000\000\001\000\000\000\377\377\377\377\000\000\000\000\000\000\000\000' \
	>"$ext/bad.bin"
objcopy --update-section .kallsyms_paths="$ext/bad.bin" "$ko" "$ext/kp_extmod_bad.ko" ||
	die "cannot make $ext/kp_extmod_bad.ko"
rm -f "$ext/bad.bin"
objcopy --remove-section .kallsyms_paths "$ko" "$ext/kp_extmod_nopaths.ko" ||
	die "cannot make $ext/kp_extmod_nopaths.ko"
echo "$ko $ext/kp_extmod_bad.ko $ext/kp_extmod_nopaths.ko"
