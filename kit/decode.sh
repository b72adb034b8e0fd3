#!/bin/sh
# scripts/decode_stacktrace.sh must decode the frames of the test kernel's
# backtrace, which end in " (PATH:LINE)", into "name (PATH:LINE...)" with a
# vmlinux, leave them as they are with a vmlinux without debug info, and
# still decode a "(%pS)" word such as "(dump_stack_lvl+0x1/0x2)", which is
# not a path.
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

log=${1:-$BUILD/boot-test.log}
out=$BUILD/out-test
tmp=$BUILD/decode
mkdir -p "$tmp"
tr -d '\r' <"$log" | sed -n '/^kit: ==== backtrace/,$p' |
	grep -E '^ (\? )?[A-Za-z0-9_.]+\+0x[0-9a-f]+/0x[0-9a-f]+ \([^ ]+\)$' |
	head -n 20 >"$tmp/frames"
n=$(wc -l <"$tmp/frames")
[ "$n" -ge 3 ] || die "fewer than 3 frames with a (PATH:LINE) in $log"
bash "$TREE/scripts/decode_stacktrace.sh" "$out/vmlinux" "$TREE" "$out" \
	<"$tmp/frames" >"$tmp/decoded" || die "decode_stacktrace.sh failed"
paste -d'\n' "$tmp/frames" "$tmp/decoded" | sed 's/^/  /'
good=$(grep -cE '^(\? )?[A-Za-z0-9_.]+ \([^ ()]+:[0-9]+' "$tmp/decoded")
echo "decode_stacktrace.sh: $good of $n frames decoded to PATH:LINE"
[ "$good" = "$n" ] || exit 1

# A %pS in parentheses, as in "RIP: ... (func+0x1/0x2)" style lines.
sym=$(head -n 1 "$tmp/frames" | sed -E 's/^ (\? )?([^ ]+) .*/\2/')
echo "called from ($sym)" | bash "$TREE/scripts/decode_stacktrace.sh" "$out/vmlinux" \
	"$TREE" "$out" >"$tmp/pS" || die "decode_stacktrace.sh failed"
if grep -qE '\([^ ()]+:[0-9]+' "$tmp/pS"; then
	echo "decode_stacktrace.sh: ($sym) decoded: $(cat "$tmp/pS")"
else
	echo "decode_stacktrace.sh: ($sym) not decoded: $(cat "$tmp/pS")"
	exit 1
fi

# Without debug info nothing decodes: each frame must come out as it went in.
objcopy --strip-debug "$out/vmlinux" "$tmp/vmlinux.nodebug" || die "objcopy failed"
bash "$TREE/scripts/decode_stacktrace.sh" "$tmp/vmlinux.nodebug" "$TREE" "$out" \
	<"$tmp/frames" >"$tmp/nodebug" || die "decode_stacktrace.sh failed"
kept=$(sed 's/ *$//' "$tmp/nodebug" | sed 's/^/ /' | grep -cxFf "$tmp/frames")
echo "decode_stacktrace.sh without debug info: $kept of $n frames left as they are"
[ "$kept" = "$n" ] || { paste -d'\n' "$tmp/frames" "$tmp/nodebug" | head -n 6; exit 1; }
