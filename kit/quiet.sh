#!/bin/sh
# The build says what it needs before it starts, and nothing when all is well:
#  - without libdw's headers (hidden by a private mount over
#    /usr/include/elfutils), building the test config stops at its start
#    with a message that names the package, not with a compiler error in
#    the final link;
#  - with them, relinking vmlinux with "make -s" prints nothing.
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

ref=$BUILD/out-test
[ -f "$ref/vmlinux" ] || die "$ref/vmlinux missing: build the test kernel first"
out=$BUILD/out-nolibdw
log=$BUILD/nolibdw.log
status=0

mkdir -p "$out" "$BUILD/empty"
cp "$ref/.config" "$out/.config"
# shellcheck disable=SC2016 # expanded by the inner shell
if unshare -m sh -c 'mount --bind "$1" /usr/include/elfutils && shift && exec "$@"' sh \
	"$BUILD/empty" make -C "$TREE" O="$out" ARCH=x86_64 -j"$(nproc)" \
	CC="ccache gcc" HOSTCC="ccache gcc" olddefconfig vmlinux >"$log" 2>&1; then
	echo "FAIL: the build without libdw succeeded"
	status=1
elif grep -q 'CONFIG_KALLSYMS_PATHS needs libdw.*install libdw-dev' "$log" &&
	! grep -q 'No such file\|gen_kallsyms_paths\.c' "$log" &&
	! grep -qE '^  (CC|LD|AR) +(init|kernel|mm|vmlinux)' "$log"; then
	echo "ok: without libdw: $(grep -o 'CONFIG_KALLSYMS_PATHS needs libdw.*' "$log")"
else
	echo "FAIL: without libdw, no clear message at the start of the build:"
	tail -n 15 "$log"
	status=1
fi

rm -f "$ref/vmlinux"
kmake "$TREE" "$ref" -s vmlinux >"$BUILD/quiet.log" 2>&1 || die_log "relinking failed" "$BUILD/quiet.log"
if [ -s "$BUILD/quiet.log" ]; then
	echo "FAIL: 'make -s' printed while relinking vmlinux:"
	head -n 10 "$BUILD/quiet.log"
	status=1
else
	echo "ok: 'make -s' relinks vmlinux without a word"
fi
exit $status
