#!/bin/sh
# Check the per-address lines against binutils: 5,000 random addresses
# inside vmlinux functions (nm -S), and every frame of the sysrq-l
# backtrace in the boot log, decoded by the kernel's own decoder
# (kernel/kallsyms_annot.c, built into kit/annot.c), must give the file and
# line of the last (outermost) frame of "addr2line -i". Fails below 99.5%
# and lists the first disagreements.
# Usage: lines.sh [BOOT-LOG [VMLINUX]]
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

log=${1:-$BUILD/boot-test.log}
vmlinux=${2:-$BUILD/out-test/vmlinux}
tmp=$BUILD/lines
mkdir -p "$tmp"
[ -f "$vmlinux" ] || die "$vmlinux missing: build the test kernel first"
annot=$(annot_tool) || exit 1
# binutils for the vmlinux's architecture (aarch64-linux-gnu- for arm64).
cross=
readelf -h "$vmlinux" | grep -q 'Machine: *AArch64' && cross=aarch64-linux-gnu-
percpu=
grep -q '^CONFIG_KALLSYMS_ABSOLUTE_PERCPU=y' "$(dirname "$vmlinux")/.config" &&
	percpu=--absolute-percpu

# 5,000 addresses at random offsets of random function symbols.
"${cross}nm" -S "$vmlinux" | python3 -c '
import random, sys
random.seed(int(sys.argv[1]))
funcs = []
for line in sys.stdin:
    f = line.split()
    if len(f) == 4 and f[2] in "tT" and int(f[1], 16) > 0:
        funcs.append((int(f[0], 16), int(f[1], 16)))
for _ in range(5000):
    addr, size = random.choice(funcs)
    print("%x" % (addr + random.randrange(size)))' "${SEED:-1}" >"$tmp/addrs" ||
	die "cannot pick the addresses"

# sysrq-l frames: "NAME+OFF/SIZE (PATH:LINE)" is the line of OFF - 1; an
# instruction pointer ("RIP: 0010:" of show_regs(), arm64's "pc : ", "idling
# at" of an idle CPU's NMI backtrace) has the line of OFF itself, and so has
# the frame of arm64's backtrace that repeats it (the pc of its pt_regs).
ip='\(RIP: 0010:\|pc : \|idling at \)'
if [ -f "$log" ]; then
	tr -d '\r' <"$log" |
		sed -n "s/^.*$ip\\([A-Za-z0-9_.]*\\)+\\(0x[0-9a-f]*\\)\\/0x[0-9a-f]* (\\([^)]*\\))\$/\\2 \\3 \\4 0/p" |
		sort -u >"$tmp/ips"
	tr -d '\r' <"$log" | grep -v "$ip" |
		sed -n 's/^.* \([A-Za-z0-9_.]*\)+\(0x[0-9a-f]*\)\/0x[0-9a-f]* (\([^)]*\))$/\1 \2 \3 1/p' |
		sort -u | awk 'FILENAME == ARGV[1] { ip[$1 " " $2] = 1; next } !(($1 " " $2) in ip)' \
		"$tmp/ips" - >"$tmp/frames"
fi
[ -s "$tmp/frames" ] || die "no backtrace frames with a path in $log"
[ -s "$tmp/ips" ] || die "no instruction pointer with a path in $log"
python3 -c '
import sys
syms = {}
for line in open(sys.argv[1]):
    f = line.split()
    syms.setdefault(f[2], int(f[0], 16))
for line in open(sys.argv[2]).readlines() + open(sys.argv[3]).readlines():
    name, off, shown, minus = line.split()
    if name in syms:
        print("%x %s %s" % (syms[name] + int(off, 16) - int(minus), name, shown))' \
	"$(dirname "$vmlinux")/System.map" "$tmp/frames" "$tmp/ips" >"$tmp/frame-addrs"
cut -d' ' -f1 "$tmp/frame-addrs" >>"$tmp/addrs"

"$annot" $percpu "$vmlinux" lookup <"$tmp/addrs" >"$tmp/ours" ||
	die "kit/annot failed"
# The oracle: binutils' addr2line; for a clang build, LLVM's own reader in
# the same output format. binutils 2.40 and elfutils 0.188 lose the inlined
# subroutines of clang 16's DWARF 5 at many addresses (addr2line -i gives
# the innermost line alone, eu-addr2line none).
if readelf -p .comment "$vmlinux" 2>/dev/null | grep -q 'clang version'; then
	oracle=llvm-symbolizer-16
	sed 's/^/0x/' "$tmp/addrs" | "$oracle" --obj="$vmlinux" --output-style=GNU \
		--functions=none --addresses --inlines >"$tmp/a2l" || die "$oracle failed"
else
	oracle="addr2line -i"
	"${cross}addr2line" -i -a -e "$vmlinux" <"$tmp/addrs" >"$tmp/a2l" ||
		die "addr2line failed"
fi

# The outermost frame: the last line before the next address.
python3 -c '
import os, re, sys
src, obj = sys.argv[1] + "/", sys.argv[2] + "/"
addr = last = None
def flush():
    if addr is not None:
        print(addr, last)
for line in open(sys.argv[3]):
    line = line.rstrip("\n")
    if line.startswith("0x"):
        flush()
        addr, last = line[2:].lstrip("0"), "-"
        continue
    f = re.sub(r" \(discriminator [0-9]+\)$", "", line)
    path, _, num = f.rpartition(":")
    if not num.isdigit() or num == "0" or not path.startswith("/"):
        last = "-"
        continue
    path = os.path.normpath(path)
    for tree in (obj, src) if obj.startswith(src) else (src, obj):
        if path.startswith(tree):
            path = path[len(tree):]
            break
    last = path + ":" + num
flush()' "$(realpath "$TREE")" "$(realpath "$(dirname "$vmlinux")")" "$tmp/a2l" >"$tmp/theirs"

# The frames as printed must agree with our decoder on the same address.
printed_bad=$(awk 'NR == FNR { ours[$1] = $2; next }
	($1 in ours) && ours[$1] != $3 { print "  printed " $2 " " $3 ", decoder " ours[$1]; n++ }
	END { exit n > 0 }' "$tmp/ours" "$tmp/frame-addrs") ||
	{ echo "$printed_bad"; die "sysrq-l frames print other lines than the decoder gives"; }

# Disagreements where the line is the same and binutils names the unit's
# own file are binutils PR 30783 (a DWARF 5 sequence starting at file 0,
# not 1); a symbol without a line ("-") is absent, not wrong.
python3 -c '
import sys
theirs = dict(l.split() for l in open(sys.argv[1]))
n = same = absent = pr30783 = 0
wrong = []
for l in open(sys.argv[2]):
    a, ours = l.split()
    n += 1
    t = theirs.get(a, "?")
    if t == ours:
        same += 1
    elif ours == "-" or ":" not in ours:
        absent += 1
    elif t != "-" and t.split(":")[1] == ours.split(":")[1] and not t.endswith(".h:" + t.split(":")[1]):
        pr30783 += 1
    else:
        wrong.append("  %s: ours %s, %s %s" % (a, ours, sys.argv[3], t))
print("\n".join(wrong[:10]))
print("lines: %d addresses: %d agree with %s, %d differ only by binutils PR 30783, %d without a line, %d wrong (%.2f%%)" %
      (n, same, sys.argv[3], pr30783, absent, len(wrong), 100.0 * len(wrong) / n))
sys.exit(len(wrong) * 1000 > n * 5)' "$tmp/theirs" "$tmp/ours" "$oracle" ||
	die "over 0.5% of the lines disagree with $oracle"
echo "lines: $(wc -l <"$tmp/frame-addrs") sysrq-l frames and instruction pointers among them ($(wc -l <"$tmp/ips") of these)"
