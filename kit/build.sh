#!/bin/sh
# Build the kernel for one config into build/out-NAME (kept between runs).
#   NAME=test:     configs/test.config + configs/paths-on.config
#   NAME=test-off: configs/test.config + configs/paths-off.config
#   NAME=test-btf: test + configs/btf.config (BTF for vmlinux and modules)
#   NAME=base:     like test-off, on the unpatched tree (build/linux-base)
#   NAME=bench-off: like test-off, with the KUnit tests (the speed baseline)
#   NAME=defconfig-off: x86_64 defconfig + configs/defconfig.config, option
#                  off, KUnit tests on (make bench CONFIG=defconfig toggles it)
#   NAME=defconfig-on: the same with the option on (defconfig's modules)
#   NAME=clang:    test + configs/clang.config, built with clang-16, LLD
#                  and ThinLTO (LLVM=-16)
#   NAME=clang14:  test + configs/paths-on.config, built with Debian 12's
#                  default clang (clang-14, LLVM=-14), without LTO
#   NAME=clang16:  the same with clang-16 (LLVM=-16), without LTO
#   NAME=clang-off, arm64-off: the same without the option (make bench)
#   NAME=arm64:    arm64's tinyconfig + configs/arm64.config +
#                  configs/paths-on.config, cross-built (aarch64-linux-gnu-)
# Usage: build.sh NAME [make targets...]
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

name=${1:?usage: build.sh NAME [targets]}
shift
start=tinyconfig
side=on
case $name in *-off) side=off ;; esac
case $name in
test) frags="$KIT/configs/test.config $KIT/configs/paths-on.config" ;;
test-off | base) frags="$KIT/configs/test.config $KIT/configs/paths-off.config" ;;
test-btf) frags="$KIT/configs/test.config $KIT/configs/paths-on.config $KIT/configs/btf.config" ;;
bench-off) frags="$KIT/configs/test.config $KIT/configs/paths-off-kunit.config" ;;
defconfig-off) start=defconfig frags="$KIT/configs/defconfig.config $KIT/configs/paths-off-kunit.config" ;;
defconfig-on) start=defconfig frags="$KIT/configs/defconfig.config $KIT/configs/paths-on-kunit.config" ;;
clang | clang-off)
	frags="$KIT/configs/test.config $KIT/configs/paths-$side.config $KIT/configs/clang.config"
	export KLLVM=-16
	;;
clang14 | clang16)
	frags="$KIT/configs/test.config $KIT/configs/paths-on.config"
	export KLLVM="-${name#clang}"
	;;
arm64 | arm64-off)
	frags="$KIT/configs/arm64.config $KIT/configs/paths-$side.config"
	export KARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
	;;
*) die "unknown config '$name' (test, test-btf, test-off, base, bench-off, defconfig-off, defconfig-on, clang, clang-off, clang14, clang16, arm64, arm64-off)" ;;
esac
[ -d "$TREE/.git" ] || die "no kernel tree at $TREE: run 'make tree' first"
src=$TREE
if [ "$name" = base ]; then
	base_tree
	src=$BASE_TREE
fi

out=$BUILD/out-$name
log=$BUILD/build-$name.log
mkdir -p "$out"

# $frags is a list of paths without spaces: split it.
# shellcheck disable=SC2086
stamp=$( ([ "$start" = tinyconfig ] || echo "$start"; cat $frags) | sha1sum | cut -d' ' -f1)
# A make with another compiler or ARCH in $out rewrites its .config:
# configure again when a line of the fragments is gone.
frags_in_config() {
	for f in $frags; do
		grep '^CONFIG_' "$f" | grep -vxFf "$out/.config" | grep -q . && return 1
	done
	return 0
}
if [ ! -f "$out/.config" ] || [ "$(cat "$out/.kit-config" 2>/dev/null)" != "$stamp" ] ||
	! frags_in_config; then
	say "configuring $name"
	# shellcheck disable=SC2086
	{
		kmake "$src" "$out" "$start" &&
		"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" $frags &&
		kmake "$src" "$out" olddefconfig
	} >"$log" 2>&1 || die_log "configuring $name failed" "$log"
	# Every line of the fragments must have survived olddefconfig.
	for f in $frags; do
		grep '^CONFIG_' "$f" | while read -r line; do
			grep -qx "$line" "$out/.config" ||
				die "$(basename "$f"): '$line' is not in $out/.config (missing dependency?)"
		done || exit 1
	done
	echo "$stamp" >"$out/.kit-config"
fi

say "building $name (log: $log)"
start=$(date +%s)
[ $# -gt 0 ] || set -- bzImage
kmake "$src" "$out" "$@" >"$log" 2>&1 || die_log "building $name failed" "$log"
say "built $name in $(($(date +%s) - start)) s"
