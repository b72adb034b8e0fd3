#!/bin/sh
# The paths must not depend on how the tree was built. Build the test config
# (up to vmlinux) three more ways and compare each with build/out-test,
# which is built with O= outside the tree:
#   intree:     in the source tree itself (a worktree of build/linux at HEAD);
#   symlink:    configured from a path to the tree through a symlink into an
#               O= directory reached through a symlink, then built by running
#               make in that directory through its symlinked path (gcc then
#               records the symlinked path as the compilation directory);
#   inside-map: with O=build inside the source tree (kbuild then names the
#               sources ../FILE) and
#               KCFLAGS=-fdebug-prefix-map=TREE=/usr/src/linux, which maps
#               the compilation directory as well as the sources.
# Each must give the same paths file as out-test and the same System.map and
# kallsyms tables (the assembler file of the last kallsyms pass), byte for
# byte: /proc/kallsyms_paths is made from those tables alone, so its content
# is the same too. The builds are kept, so a
# second run only relinks.
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

ref=$BUILD/out-test
[ -f "$ref/vmlinux" ] || die "$ref/vmlinux missing: build the test kernel first"
intree=$BUILD/linux-intree
status=0

# A worktree at the tree's HEAD, for the in-tree build.
head=$(git -C "$TREE" rev-parse HEAD)
if [ ! -d "$intree" ] || [ "$(git -C "$intree" rev-parse HEAD 2>/dev/null)" != "$head" ]; then
	rm -rf "$intree"
	git -C "$TREE" worktree prune
	git -C "$TREE" worktree add -q --detach "$intree" "$head" || die "cannot create $intree"
fi
ln -sfn linux "$BUILD/linux-link"
mkdir -p "$BUILD/out-repro-symlink.real"
ln -sfn out-repro-symlink.real "$BUILD/out-repro-symlink"

# repro NAME DIR OUT [make args]: configure like out-test and build vmlinux
# from DIR (the current directory of make) into OUT.
repro() {
	_name=$1 _dir=$2 _out=$3
	shift 3
	_log=$BUILD/repro-$_name.log
	mkdir -p "$_out"
	cmp -s "$ref/.config" "$_out/.config" || cp "$ref/.config" "$_out/.config"
	say "building $_name (log: $_log)"
	(cd "$_dir" && make O="$_out" ARCH=x86_64 -j"$(nproc)" CC="ccache gcc" \
		HOSTCC="ccache gcc" "$@" olddefconfig vmlinux) >"$_log" 2>&1 ||
		die_log "building $_name failed" "$_log"
}

# The make of the in-tree build writes into the source tree: no O=.
say "building intree (log: $BUILD/repro-intree.log)"
cp "$ref/.config" "$intree/.config.new"
cmp -s "$intree/.config.new" "$intree/.config" || mv "$intree/.config.new" "$intree/.config"
(cd "$intree" && make ARCH=x86_64 -j"$(nproc)" CC="ccache gcc" HOSTCC="ccache gcc" \
	olddefconfig vmlinux) >"$BUILD/repro-intree.log" 2>&1 ||
	die_log "building intree failed" "$BUILD/repro-intree.log"
# symlink: configure through the symlinked tree, build from the symlinked O=.
out=$BUILD/out-repro-symlink
log=$BUILD/repro-symlink.log
say "building symlink (log: $log)"
cmp -s "$ref/.config" "$out/.config" || cp "$ref/.config" "$out/.config"
{
	(cd "$BUILD/linux-link" && make O="$out" ARCH=x86_64 olddefconfig) &&
	(cd "$out" && PWD=$out make ARCH=x86_64 -j"$(nproc)" CC="ccache gcc" \
		HOSTCC="ccache gcc" vmlinux)
} >"$log" 2>&1 || die_log "building symlink failed" "$log"
strings "$out/init/main.o" | grep -qx "$out" ||
	die "the symlink build did not record its symlinked directory $out"
repro inside-map "$TREE" "$TREE/build" KCFLAGS="-fdebug-prefix-map=$TREE=/usr/src/linux"

# The generator's paths file (read once per link) and the tables that the
# last kallsyms pass of a build wrote.
paths() {
	echo "$1/.tmp_vmlinux1.paths"
}
tables() {
	for _s in "$1"/.tmp_vmlinux[0-9].kallsyms.S; do :; done
	echo "$_s"
}

n=$(grep -c . "$(paths "$ref")")
for name in intree symlink inside-map; do
	case $name in
	intree) out=$intree ;;
	inside-map) out=$TREE/build ;;
	*) out=$BUILD/out-repro-$name ;;
	esac
	bad=
	cmp -s "$(paths "$ref")" "$(paths "$out")" || bad="$bad paths"
	cmp -s "$ref/System.map" "$out/System.map" || bad="$bad System.map"
	cmp -s "$(tables "$ref")" "$(tables "$out")" || bad="$bad kallsyms-tables"
	if [ -z "$bad" ]; then
		echo "ok: $name: the same $n paths, System.map and kallsyms tables as O= outside the tree"
	else
		echo "FAIL: $name differs from O= outside the tree in:$bad"
		diff "$(paths "$ref")" "$(paths "$out")" | head -n 5
		status=1
	fi
done
exit $status
