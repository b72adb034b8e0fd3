#!/bin/sh
# Boot build/out-NAME under QEMU (TCG) with the kit's init; the serial console
# goes to build/boot-NAME.log. Exit status: 0 when init reported success,
# 1 otherwise (guest failure, panic, hang after TIMEOUT seconds).
# KIT_MODULES: .ko files that init loads and unloads.
# Usage: boot.sh NAME [extra kernel command line]
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

name=${1:?usage: boot.sh NAME [cmdline]}
shift
out=$BUILD/out-$name
log=$BUILD/boot-$name.log
timeout=${TIMEOUT:-600}
smp=${SMP:-2}	# vCPUs
# The machine: x86_64 exits through isa-debug-exit. arm64 has no such device:
# init's exit panics, which reboots, -no-reboot ends QEMU, and the result is
# init's "done" line. Its -cpu max has pointer authentication (the IMPDEF
# algorithm, cheaper under TCG than QARMA5).
kernel=$out/arch/x86/boot/bzImage
cc=gcc
qemu="qemu-system-x86_64 -bios /usr/share/qemu/qboot.rom -device isa-debug-exit,iobase=0xf4,iosize=0x04"
console=ttyS0
if grep -q '^CONFIG_ARM64=y' "$out/.config" 2>/dev/null; then
	kernel=$out/arch/arm64/boot/Image
	cc=aarch64-linux-gnu-gcc
	qemu="qemu-system-aarch64 -M virt -cpu max,pauth-impdef=on"
	console=ttyAMA0
fi
[ -f "$kernel" ] || die "$kernel missing: build it first (make build)"
[ -x "$out/usr/gen_init_cpio" ] || die "$out/usr/gen_init_cpio missing: build it first"

# The initramfs: our static init, plus /dev/console (gen_init_cpio needs no root).
initrd=$BUILD/initramfs-$name.cpio
$cc -static -O2 -Wall -o "$BUILD/init" "$KIT/init.c" || die "cannot build $KIT/init.c"
cat >"$BUILD/initramfs.list" <<LIST
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
dir /proc 0755 0 0
dir /sys 0755 0 0
file /init $BUILD/init 0755 0 0
LIST
# Modules for init to load (KIT_MODULES: paths), at the root.
for ko in ${KIT_MODULES:-}; do
	echo "file /$(basename "$ko") $ko 0644 0 0" >>"$BUILD/initramfs.list"
done
"$out/usr/gen_init_cpio" "$BUILD/initramfs.list" >"$initrd" || die "cannot make $initrd"

say "booting $name under QEMU (TCG, timeout ${timeout}s, log: $log)"
start=$(date +%s)
# $qemu is a command and its options, without spaces in any of them.
# shellcheck disable=SC2086
timeout -k 5 "$timeout" $qemu -accel tcg -m 512 -smp "$smp" -nographic -monitor none \
	-no-reboot -kernel "$kernel" -initrd "$initrd" \
	-append "console=$console loglevel=7 panic=-1 nokaslr $*" </dev/null >"$log" 2>&1
rc=$?
if [ "$console" = ttyAMA0 ] && [ "$rc" = 0 ]; then
	if grep -q '^kit: ==== done (ok)' "$log"; then
		rc=1
	elif grep -q '^kit: ==== done' "$log"; then
		rc=3
	fi
fi
secs=$(($(date +%s) - start))
# isa-debug-exit makes QEMU exit with (status << 1) | 1.
case $rc in
1) say "guest finished in ${secs}s"; exit 0 ;;
3) echo "error: the guest's init reported a failure (log: $log)" >&2 ;;
124 | 137) echo "error: the guest hung: no result after ${timeout}s" >&2 ;;
0) echo "error: the guest ended without a result (panic?)" >&2 ;;
*) echo "error: qemu exited with status $rc" >&2 ;;
esac
echo "---- last 30 lines of $log ----" >&2
tail -n 30 "$log" >&2
exit 1
