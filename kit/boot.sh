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
kernel=$out/arch/x86/boot/bzImage
cc=gcc
if grep -q '^CONFIG_ARM64=y' "$out/.config" 2>/dev/null; then
	kernel=$out/arch/arm64/boot/Image
	cc=aarch64-linux-gnu-gcc
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
if [ "$cc" = gcc ]; then
	timeout -k 5 "$timeout" qemu-system-x86_64 -accel tcg -bios /usr/share/qemu/qboot.rom \
		-m 512 -smp "$smp" -nographic -monitor none -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$kernel" -initrd "$initrd" \
		-append "console=ttyS0 loglevel=7 panic=-1 nokaslr $*" </dev/null >"$log" 2>&1
	rc=$?
else
	# -cpu max has pointer authentication (its IMPDEF algorithm, cheaper under
	# TCG than QARMA5). No debug-exit device: init's exit panics, which reboots, and
	# -no-reboot ends QEMU; the result is init's "done" line.
	timeout -k 5 "$timeout" qemu-system-aarch64 -M virt -cpu max,pauth-impdef=on \
		-accel tcg -m 512 -smp "$smp" -nographic -monitor none -no-reboot \
		-kernel "$kernel" -initrd "$initrd" \
		-append "console=ttyAMA0 loglevel=7 panic=-1 nokaslr $*" </dev/null >"$log" 2>&1
	rc=$?
	case $rc in
	0) rc=3 && grep -q '^kit: ==== done (ok)' "$log" && rc=1 ;;
	esac
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
