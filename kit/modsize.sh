#!/bin/sh
# The size of modules' annotations (.kallsyms_paths and .init.kallsyms_paths)
# against the LINEINFO model of the same .ko files (kit/lineinfo-model.c,
# its v5 module tables). make bench runs it on the test config's modules
# and kit/extmod; it takes any built modules.
# Usage: modsize.sh BUILD-DIR [EXTMOD-DIR] -- MODULE.ko...
# Prints bench rows (what, off, on, note; tab-separated).
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

on=$1
ext=
[ "$2" = -- ] || { ext=$2; shift; }
shift 2 || die "usage: modsize.sh BUILD-DIR [EXTMOD-DIR] -- MODULE.ko..."
tmp=$(mktemp -d) || die "cannot make a temporary directory"
trap 'rm -rf "$tmp"' EXIT
annot=$(annot_tool) || die "cannot build kit/annot.c"
gcc -O2 -Wall -o "$tmp/lineinfo-model" "$KIT/lineinfo-model.c" -ldw -lelf ||
	die "cannot build kit/lineinfo-model.c"

bytes=0 init=0 recs=0 rows=0 model=0 n=0 parts="0 0 0 0 0 0 0"
for m in "$@"; do
	readelf -SW "$m" | grep -q ' \.kallsyms_paths ' || continue
	n=$((n + 1))
	# Both sections: seven parts, records, init entries' bytes.
	p=$("$annot" --module "$m" parts) || die "$m: malformed .kallsyms_paths"
	# shellcheck disable=SC2086
	set -- $p
	bytes=$((bytes + $1 + $2 + $3 + $4 + $5 + $6 + $7))
	recs=$((recs + $8))
	init=$((init + $9))
	parts=$(echo "$parts $p" | awk '{ for (i = 1; i <= 7; i++) printf "%d ", $i + $(i + 7) }')
	dir=
	case $m in "$ext/"*) dir=$ext ;; esac
	"$on/scripts/gen_kallsyms_paths" --module="$dir" "$(realpath "$TREE")" "$on" "$m" \
		"$tmp/mod.paths" || die "gen_kallsyms_paths failed on $m"
	rows=$((rows + $(awk 'NF > 7 { n += NF - 7 } END { print n + 0 }' "$tmp/mod.paths")))
	# Six numbers: rows files index data names total.
	# shellcheck disable=SC2046
	set -- $("$tmp/lineinfo-model" --module "$(realpath "$TREE")" "$m")
	model=$((model + $6))
done
[ "$n" -gt 0 ] || die "no module with a .kallsyms_paths section"

row() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}"; }
row "modules: .kallsyms_paths and .init.kallsyms_paths bytes, $n modules" "0" "$bytes" \
	"$(awk -v b="$bytes" -v s="$recs" -v r="$rows" -v i="$init" 'BEGIN { printf "%d records (with those that start the init records on a group), %.1f bytes per record; %d rows, %.2f bytes per row; %d bytes freed after init", s, b / s, r, b / r, i }')"
# shellcheck disable=SC2086
row "modules: of which header, markers, code tables, heads, line programs, paths, keys (bytes)" \
	"-" "$(echo $parts | tr ' ' /)" \
	"$(echo $parts | awk -v b="$bytes" '{ for (i = 1; i <= 7; i++) printf "%s%.0f%%", (i > 1 ? "/" : ""), 100 * $i / b }')"
row "modules: model of 2026 LINEINFO for the same .ko files (bytes)" "0" "$model"
row "modules: annotations against the LINEINFO model (%)" "-" \
	"$(awk -v a="$bytes" -v b="$model" 'BEGIN { printf "%.1f", 100 * a / b }')" "must be at most 30"
