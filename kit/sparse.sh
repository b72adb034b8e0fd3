#!/bin/sh
# Every .c file the series touches, built with sparse (C=2) and W=1, must not
# warn more than the same file in the unpatched tree (same config, feature off).
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

files=$(git -C "$TREE" diff --name-only base HEAD -- '*.c')
[ -n "$files" ] || { echo "the series touches no .c file"; exit 0; }
"$KIT/build.sh" test-off >/dev/null || exit 1
"$KIT/build.sh" base prepare >/dev/null || exit 1

# warnings SRC OUT OBJ: the normalised warnings of one object file.
warnings() {
	rm -f "$2/$3"
	kmake "$1" "$2" C=2 W=1 "$3" 2>&1 |
		grep -E '(warning|error):' | sed -E 's/:[0-9]+:[0-9]+:/:/' | sed "s|^$1/||" | sort -u
}

status=0
checked=0
for f in $files; do
	obj=${f%.c}.o
	for cfg in test test-off; do
		# Only objects that this config links (a stale one may lie around).
		ar t "$BUILD/out-$cfg/vmlinux.a" | awk -v o="/$obj" '
			substr($0, length($0) - length(o) + 1) == o { found = 1 }
			END { exit !found }' || continue
		checked=$((checked + 1))
		warnings "$TREE" "$BUILD/out-$cfg" "$obj" >"$BUILD/sparse.new"
		if [ -f "$BASE_TREE/$f" ]; then
			warnings "$BASE_TREE" "$BUILD/out-base" "$obj" >"$BUILD/sparse.old"
		else
			: >"$BUILD/sparse.old"
		fi
		new=$(comm -13 "$BUILD/sparse.old" "$BUILD/sparse.new")
		if [ -n "$new" ]; then
			echo "$f ($cfg): new warnings:"
			echo "$new"
			status=1
		else
			echo "$f ($cfg): no new warnings ($(wc -l <"$BUILD/sparse.new") in all)"
		fi
	done
done
echo "checked $checked object builds"
exit $status
