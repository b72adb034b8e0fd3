#!/bin/sh
# Prepare build/linux: Debian's linux-source-6.12 as a git tree with one base
# commit (tag "base") and the series from patches/ applied with git am.
# An existing tree is reused when it already matches patches/; a tree holding
# commits that are not in patches/ is never thrown away.
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

TARBALL=/usr/src/linux-source-6.12.tar.xz
STATE=$TREE/.git/kit-state
BASE_DATE="2026-01-01T00:00:00Z"

patches_sum() {
	series | xargs cat /dev/null | sha1sum | cut -d' ' -f1
}

tree_head() {
	git -C "$TREE" rev-parse HEAD
}

make_base() {
	[ -f "$TARBALL" ] || die "$TARBALL missing: install linux-source-6.12 (make deps)"
	have=$(dpkg-query -W -f='${Version}' linux-source-6.12)
	want=$(cat "$KIT/linux-source.version")
	[ "$have" = "$want" ] ||
		echo "note: kernel source is $have, the series was made against $want; applying anyway"
	say "extracting $TARBALL"
	rm -rf "$TREE" "$TREE.tmp"
	mkdir -p "$TREE.tmp"
	tar -xJf "$TARBALL" -C "$TREE.tmp" --strip-components=1 ||
		die "cannot extract $TARBALL"
	# Debian's .gitignore ignores everything at the top level: drop that.
	sed -i -e '/^\/\*$/d' -e '/^!\/debian\/$/d' "$TREE.tmp/.gitignore"
	say "creating the base commit"
	(
		cd "$TREE.tmp" &&
		git init -q -b master &&
		git config core.autocrlf false &&
		git config am.threeWay false &&
		git add -f -A . &&
		GIT_AUTHOR_DATE=$BASE_DATE GIT_COMMITTER_DATE=$BASE_DATE \
			git commit -q -m "Debian linux-source-6.12 $have" &&
		git tag base
	) || die "cannot create the base commit in $TREE.tmp"
	mv "$TREE.tmp" "$TREE"
}

apply_series() {
	git -C "$TREE" am --abort >/dev/null 2>&1
	if ! git -C "$TREE" reset -q --hard base || ! git -C "$TREE" clean -qfdx; then
		die "cannot reset $TREE to base"
	fi
	rm -f "$STATE"
	n=$(series | wc -l)
	say "applying $n patches"
	for p in $(series); do
		if ! out=$(git -C "$TREE" am -q "$p" 2>&1); then
			git -C "$TREE" am --abort >/dev/null 2>&1
			git -C "$TREE" reset -q --hard base
			file=$(echo "$out" | sed -n 's/^error: patch failed: \([^:]*\):.*/\1/p;
				s/^error: \([^:]*\): does not exist in index/\1/p' | head -n 1)
			echo "$out" >&2
			die "$(basename "$p") does not apply${file:+ (failing file: $file)}"
		fi
	done
	record
}

record() {
	printf 'patches=%s\nhead=%s\n' "$(patches_sum)" "$(tree_head)" >"$STATE"
}

state() {
	sed -n "s/^$1=//p" "$STATE" 2>/dev/null
}

if [ ! -d "$TREE/.git" ] || ! git -C "$TREE" rev-parse -q --verify base >/dev/null; then
	make_base
fi

if [ "$(state head)" = "$(tree_head)" ]; then
	# The tree holds exactly what we applied last time.
	if [ "$(state patches)" = "$(patches_sum)" ]; then
		say "tree ready: $TREE (as applied from patches/)"
		exit 0
	fi
	[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
		die "$TREE has uncommitted changes and patches/ changed: commit or drop them first"
	apply_series
elif [ -f "$STATE" ] && "$KIT/export.sh" --check >/dev/null 2>&1; then
	# New commits in the tree, already exported to patches/.
	record
elif [ -f "$STATE" ]; then
	die "$TREE does not match patches/ (see 'make export-check'): run 'make export' to keep the tree's commits, or 'make tree-reset' to drop them"
else
	# No record: a fresh base or an interrupted apply; never trust it.
	apply_series
fi
say "tree ready: $TREE ($(git -C "$TREE" rev-list --count base..HEAD) patches on base)"
