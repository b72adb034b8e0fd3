#!/bin/sh
# Export the commits of build/linux (base..HEAD) to patches/, deterministically:
# no commit hashes, no version signature, the cover letter dated like the
# newest patch and filled from kit/cover-letter.txt (first line: subject).
# With --check, change nothing and report how patches/ differs from the tree.
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

[ -d "$TREE/.git" ] || die "no kernel tree at $TREE: run 'make tree' first"
tmp=$(mktemp -d) || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT

n=$(git -C "$TREE" rev-list --count base..HEAD)
if [ "$n" -gt 0 ]; then
	date=$(git -C "$TREE" log -1 --format=%aD HEAD)
	GIT_COMMITTER_DATE=$date git -C "$TREE" -c core.abbrev=12 format-patch -q \
		--cover-letter --zero-commit --no-signature --no-thread \
		--no-attach --subject-prefix="PATCH v8" -o "$tmp" base..HEAD ||
		die "git format-patch failed in $TREE"
	cover=$KIT/cover-letter.txt
	[ -f "$cover" ] || die "$cover missing"
	awk -v cover="$cover" '
		/\*\*\* SUBJECT HERE \*\*\*/ {
			getline subj < cover
			sub(/\*\*\* SUBJECT HERE \*\*\*/, subj)
			print; next
		}
		/^\*\*\* BLURB HERE \*\*\*$/ {
			while ((getline line < cover) > 0) {
				if (line != "")
					started = 1
				if (started)
					print line
			}
			next
		}
		{ print }' "$tmp/0000-cover-letter.patch" >"$tmp/cover" ||
		die "cannot fill the cover letter"
	mv "$tmp/cover" "$tmp/0000-cover-letter.patch"
fi

if [ "${1:-}" = --check ]; then
	status=0
	for f in "$tmp"/*.patch; do
		[ -e "$f" ] || continue
		b=$(basename "$f")
		if [ ! -f "$PATCHES/$b" ]; then
			echo "patches/$b: missing (the tree has it)"; status=1
		elif ! cmp -s "$f" "$PATCHES/$b"; then
			echo "patches/$b: differs from the tree:"
			diff -u "$PATCHES/$b" "$f" | head -n 20
			status=1
		fi
	done
	for f in "$PATCHES"/*.patch; do
		[ -e "$f" ] || continue
		b=$(basename "$f")
		[ -f "$tmp/$b" ] || { echo "patches/$b: not in the tree"; status=1; }
	done
	[ $status = 0 ] && echo "patches/ matches $TREE ($n patches)"
	exit $status
fi

mkdir -p "$PATCHES"
rm -f "$PATCHES"/*.patch
for f in "$tmp"/*.patch; do
	[ -e "$f" ] && cp "$f" "$PATCHES/"
done
say "exported $n patches to patches/"
