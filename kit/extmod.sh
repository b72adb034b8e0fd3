#!/bin/sh
# Build kit/extmod, an external module (make M=), against build/out-test in
# build/extmod (or against build/out-NAME in build/extmod-NAME), a copy whose .kallsyms_paths is corrupted
# (kp_extmod_bad.ko), one without its tables (kp_extmod_nopaths.ko, for
# the load time), one stripped of DWARF (kp_extmod_nodebug.ko) and one
# also of a symbol (kp_extmod_stripped.ko). Prints their paths.
# Usage: extmod.sh [NAME]
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

name=${1:-test}
out=$BUILD/out-$name
ext=$BUILD/extmod
log=$BUILD/build-extmod.log
if [ "$name" != test ]; then
	ext=$BUILD/extmod-$name
	log=$BUILD/build-extmod-$name.log
fi
# binutils and the kernel's make for the kernel's architecture and
# compiler (a module is built with the kernel's compiler).
cross=
if grep -q '^CONFIG_ARM64=y' "$out/.config" 2>/dev/null; then
	cross=aarch64-linux-gnu-
	export KARCH=arm64 CROSS_COMPILE=$cross
fi
clang=$(sed -n 's/^CONFIG_CLANG_VERSION=\([1-9][0-9]*\)[0-9]\{4\}$/\1/p' "$out/.config" 2>/dev/null)
[ -z "$clang" ] || export KLLVM="-$clang"
[ -f "$out/Module.symvers" ] || die "build the test kernel first (make build)"
mkdir -p "$ext/sub"
# Copy only what changed, so that make sees the objects up to date.
for f in Kbuild main.c sub/helper.c sub/helper.h; do
	cmp -s "$KIT/extmod/$f" "$ext/$f" || cp "$KIT/extmod/$f" "$ext/$f"
done
kmake "$TREE" "$out" M="$ext" modules >"$log" 2>&1 ||
	die_log "building the external module failed" "$log"
ko=$ext/kp_extmod.ko
"${cross}readelf" -S "$ko" | grep -q ' \.kallsyms_paths ' || die "$ko has no .kallsyms_paths section"

# The table's header says version 1, one record and more markers than it
# has bytes.
printf '\001\001\377\377\377\377\017\000\000\000\000\000' \
	>"$ext/bad.bin"
"${cross}objcopy" --update-section .kallsyms_paths="$ext/bad.bin" "$ko" "$ext/kp_extmod_bad.ko" ||
	die "cannot make $ext/kp_extmod_bad.ko"
rm -f "$ext/bad.bin"
"${cross}objcopy" --remove-section .kallsyms_paths --remove-section .init.kallsyms_paths "$ko" \
	"$ext/kp_extmod_nopaths.ko" ||
	die "cannot make $ext/kp_extmod_nopaths.ko"
# Copies as an installer or a user may make them: without DWARF (what
# INSTALL_MOD_STRIP=1 does), which keeps the paths, then also without one
# of its symbols, which must leave it without paths rather than wrong ones.
"${cross}strip" --strip-debug -o "$ext/kp_extmod_nodebug.ko" "$ko" ||
	die "cannot make $ext/kp_extmod_nodebug.ko"
"${cross}objcopy" --strip-symbol=kp_extmod_bench_set "$ext/kp_extmod_nodebug.ko" \
	"$ext/kp_extmod_stripped.ko" || die "cannot make $ext/kp_extmod_stripped.ko"
echo "$ko $ext/kp_extmod_bad.ko $ext/kp_extmod_nopaths.ko $ext/kp_extmod_nodebug.ko" \
	"$ext/kp_extmod_stripped.ko"
