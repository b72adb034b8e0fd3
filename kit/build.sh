#!/bin/sh
# Build the kernel for one config into build/out-NAME (kept between runs).
#   NAME=test:     configs/test.config + configs/paths-on.config
#   NAME=test-off: configs/test.config + configs/paths-off.config
#   NAME=base:     like test-off, on the unpatched tree (build/linux-base)
# Usage: build.sh NAME [make targets...]
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

name=${1:?usage: build.sh NAME [targets]}
shift
case $name in
test) frags="$KIT/configs/test.config $KIT/configs/paths-on.config" ;;
test-off | base) frags="$KIT/configs/test.config $KIT/configs/paths-off.config" ;;
*) die "unknown config '$name' (test, test-off, base)" ;;
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
stamp=$(cat $frags | sha1sum | cut -d' ' -f1)
if [ ! -f "$out/.config" ] || [ "$(cat "$out/.kit-config" 2>/dev/null)" != "$stamp" ]; then
	say "configuring $name"
	# shellcheck disable=SC2086
	{
		kmake "$src" "$out" tinyconfig &&
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
