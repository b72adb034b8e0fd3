#!/bin/sh
# The path generator on small programs, then on the test kernel:
#  - the same source gives the same relative path however it was compiled:
#    in the tree, from a build directory by absolute or "../" path, from a
#    build directory inside the tree, through a symlink, with a prefix map;
#  - clang's DWARF 5 (file 0, DW_OP_addrx) and compressed DWARF give the
#    paths gcc's does;
#  - a symbol gets a path only if DWARF describes it (or it is an alias of
#    one that it describes): a linker-defined symbol at a function's address
#    and a label inside a function get none;
#  - bad input ends in a one-line error that names the problem (and the
#    symbol), with no output file left behind: no DWARF, truncated DWARF,
#    a path over the limit or with a newline, space or ':', DWARF names
#    that match neither tree; and a malformed paths file for scripts/kallsyms;
#  - on the test kernel: per-CPU variables at address 0 have paths, linker
#    script symbols have none, the output is the same on every run.
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

out=$BUILD/out-test
gen=$out/scripts/gen_kallsyms_paths
[ -x "$gen" ] || die "$gen missing: build the test kernel first"
tmp=$BUILD/generator
rm -rf "$tmp"
mkdir -p "$tmp/src" "$tmp/obj"
src=$(cd "$tmp/src" && pwd -P)
obj=$(cd "$tmp/obj" && pwd -P)
status=0

ok() { echo "ok: $*"; }
fail() {
	echo "FAIL: $*"
	status=1
}

# run NAME [gen options...]: the generator on $tmp/prog, output $tmp/NAME.
run() {
	_n=$1
	shift
	"$gen" "$@" "$src" "$obj" "$tmp/prog" "$tmp/$_n" 2>"$tmp/err"
}

# refused WHAT MESSAGE [gen options...]: the generator must fail on
# $tmp/prog with one line that says MESSAGE, and write no output.
refused() {
	_what=$1 _msg=$2
	shift 2
	if run refused "$@"; then
		fail "$_what: accepted"
	elif [ "$(wc -l <"$tmp/err")" != 1 ] || ! grep -q -- "$_msg" "$tmp/err"; then
		fail "$_what: unclear message: $(cat "$tmp/err")"
	elif ls "$tmp"/refused* >/dev/null 2>&1; then
		fail "$_what: output left behind: $(ls "$tmp"/refused*)"
	else
		ok "$_what: $(cat "$tmp/err")"
	fi
}

prog() {
	(cd "$src" && gcc -g -O0 "$@" -o "$tmp/prog") || die "cannot compile: $*"
}

# --- bad paths: each names the symbol -------------------------------------
long=$(printf 'd%.0s' $(seq 1 120))
printf 'int long_path_fn(void) { return 0; }\nint main(void) { return long_path_fn(); }\n' >"$tmp/c.c"
mkdir -p "$src/$long/$long/$long"
cp "$tmp/c.c" "$src/$long/$long/$long/f.c"
prog "$long/$long/$long/f.c"
refused "path over the limit" "symbol [a-z_]* is [0-9]* bytes, over the limit of 255"
for name in 'a:b' 'a b' "$(printf 'a\nb')"; do
	rm -rf "${src:?}"/*
	printf 'int odd_fn(void) { return 0; }\nint main(void) { return odd_fn(); }\n' >"$src/$name.c"
	prog "$name.c"
	refused "path '$name.c'" "symbol [a-z_]* has byte 0x[0-9a-f]*, not allowed in a path"
done
rm -rf "${src:?}"/*

# --- no DWARF, truncated DWARF, DWARF of another tree ---------------------
printf 'int plain_fn(void) { return 0; }\nint main(void) { return plain_fn(); }\n' >"$src/plain.c"
(cd "$src" && gcc -O0 -o "$tmp/prog" plain.c) || die "cannot compile plain.c"
refused "no DWARF" "no DWARF"
prog plain.c
objcopy -O binary --only-section=.debug_info "$tmp/prog" "$tmp/info.bin"
head -c 40 "$tmp/info.bin" >"$tmp/info.short"
objcopy --update-section .debug_info="$tmp/info.short" "$tmp/prog" "$tmp/prog.short"
mv "$tmp/prog.short" "$tmp/prog"
refused "truncated DWARF" "DWARF"
prog plain.c
"$gen" "$obj" "$obj" "$tmp/prog" "$tmp/refused" 2>"$tmp/err" && fail "wrong tree: accepted"
if grep -q "paths for 0 of [0-9]* functions: DWARF files outside" "$tmp/err" &&
	[ ! -e "$tmp/refused" ]; then
	ok "wrong tree: $(cat "$tmp/err")"
else
	fail "wrong tree: unclear message: $(cat "$tmp/err")"
fi

# --- clang's DWARF 4 and 5, compressed DWARF ------------------------------
# DWARF 5 from clang names the unit's own file as file 0 (which elfutils
# 0.188's dwarf_decl_file() takes for none) and places variables with
# DW_OP_addrx: the same paths and lines as gcc's. Compressed debug
# sections (-gz, CONFIG_DEBUG_INFO_COMPRESSED_*) give the same too.
cat >"$src/cl.c" <<'EOF'
int clang_var = 1;
int clang_fn(int x)
{
	return x + clang_var;
}
int main(void) { return clang_fn(1); }
EOF
for cc in gcc clang; do
	for flags in -gdwarf-4 -gdwarf-5 "-gdwarf-5 -gz=zlib"; do
		# $flags: one or two options.
		# shellcheck disable=SC2086
		(cd "$src" && "$cc" -g $flags -O1 -o "$tmp/prog" cl.c) ||
			die "cannot compile cl.c with $cc $flags"
		if ! run cl; then
			fail "$cc $flags: $(cat "$tmp/err")"
		elif grep -Eq ' clang_fn 0 1 cl.c 2 0:[0-9]+' "$tmp/cl" &&
			grep -q ' clang_var 0 1 cl.c 1$' "$tmp/cl"; then
			ok "$cc $flags: clang_fn cl.c:2 with line rows, clang_var cl.c:1"
		else
			fail "$cc $flags: clang_fn or clang_var without their path: $(cat "$tmp/cl")"
		fi
	done
done
rm -rf "${src:?}"/*

# --- only what DWARF describes --------------------------------------------
cat >"$src/only.c" <<'EOF'
int described_fn(int x)
{
	asm volatile(".globl inner_label\ninner_label:");
	return x + 1;
}
int alias_fn(int x) __attribute__((alias("described_fn")));
int main(void) { return described_fn(1); }
EOF
prog -Wl,--defsym=linker_sym=described_fn only.c
run only || fail "only.c: $(cat "$tmp/err")"
# NAME RANK COUNT PATH LINE, then the rows of a function: offset:line.
if grep -Eq ' described_fn 0 1 only.c 1 0:[0-9]+ ' "$tmp/only" &&
	grep -Eq ' alias_fn 0 1 only.c 1 0:[0-9]+ ' "$tmp/only"; then
	ok "described_fn and its alias alias_fn: only.c:1, with line rows"
else
	fail "described_fn or alias_fn lack only.c:1: $(cat "$tmp/only")"
fi
for s in linker_sym inner_label; do
	if grep -q " $s " "$tmp/only"; then
		fail "$s has a path: $(grep " $s " "$tmp/only")"
	else
		ok "$s has no path"
	fi
done

# --- one relative path however the file was compiled ----------------------
mkdir -p "$src/sub" "$src/build"
printf '\nint good_fn(void) { return 0; }\n' >"$src/sub/good.c"
printf 'static inline int gen_fn(void) { return 1; }\nint use_gen(void) { return gen_fn(); }\n' \
	>"$src/build/gen.h"
printf '#include "gen.h"\nint main(void) { return use_gen(); }\n' >"$src/build/main.c"
ln -s "$src" "$tmp/srclink"
for how in tree absolute relative inside symlink prefix-map; do
	mapopt=
	case $how in
	tree) (cd "$src" && gcc -g -O0 -c -o "$tmp/good.o" sub/good.c) ;;
	absolute) (cd "$obj" && gcc -g -O0 -c -o "$tmp/good.o" "$src/sub/good.c") ;;
	relative) (cd "$obj" && gcc -g -O0 -c -o "$tmp/good.o" ../src/sub/good.c) ;;
	inside) (cd "$src/build" && gcc -g -O0 -c -o "$tmp/good.o" ../sub/good.c) ;;
	symlink) (cd "$tmp/srclink" && gcc -g -O0 -c -o "$tmp/good.o" sub/good.c) ;;
	prefix-map)
		(cd "$src" && gcc -g -O0 -fdebug-prefix-map="$src"=/usr/src/kp \
			-c -o "$tmp/good.o" "$src/sub/good.c")
		mapopt=--prefix-map=$src=/usr/src/kp
		;;
	esac || die "cannot compile sub/good.c ($how)"
	# main.c from the object tree, which is inside the source tree here.
	(cd "$src/build" && gcc -g -O0 -o "$tmp/prog" main.c "$tmp/good.o") ||
		die "cannot link ($how)"
	if ! "$gen" ${mapopt:+"$mapopt"} "$src" "$src/build" "$tmp/prog" "$tmp/$how" 2>"$tmp/err"; then
		fail "compiled from the $how path: $(cat "$tmp/err")"
	elif grep -Eq ' good_fn 0 1 sub/good.c 2( |$)' "$tmp/$how" &&
		grep -Eq ' use_gen 0 1 gen.h 2( |$)' "$tmp/$how"; then
		ok "compiled from the $how path: good_fn -> sub/good.c:2, use_gen -> gen.h:2"
	else
		fail "compiled from the $how path: good_fn or use_gen without its path"
		grep 'good_fn\|use_gen' "$tmp/$how"
	fi
done
if (cd "$src" && gcc -g -O0 -fdebug-prefix-map="$src"=/usr/src/kp \
	-o "$tmp/prog" "$src/sub/good.c" "$src/build/main.c"); then
	refused "prefix map not given" "paths for 0 of [0-9]* functions"
fi

# --- scripts/kallsyms refuses a malformed paths file ----------------------
printf 'ffffffff81000000 T _text\n' >"$tmp/map"
printf 'ffffffff81000000 _text\n' >"$tmp/paths"
if "$out/scripts/kallsyms" --paths="$tmp/paths" "$tmp/map" >/dev/null 2>"$tmp/err"; then
	fail "scripts/kallsyms accepted a malformed paths file"
elif grep -q "$tmp/paths:1: too few fields" "$tmp/err"; then
	ok "$(head -n 1 "$tmp/err")"
else
	fail "scripts/kallsyms: unclear message: $(cat "$tmp/err")"
fi

# --- the test kernel -------------------------------------------------------
vm=$out/.tmp_vmlinux1
[ -f "$vm" ] || die "$vm missing: build the test kernel first"
{ "$gen" "$TREE" "$out" "$vm" "$tmp/k1" && "$gen" "$TREE" "$out" "$vm" "$tmp/k2"; } ||
	die "gen_kallsyms_paths failed on $vm"
if cmp -s "$tmp/k1" "$tmp/k2"; then ok "the same output on every run"; else fail "two runs differ"; fi
if cmp -s "$tmp/k1" "$out/.tmp_vmlinux1.paths"; then
	ok "the same output as the build's"
else
	fail "differs from the build's $out/.tmp_vmlinux1.paths"
fi
if grep -q '^0 fixed_percpu_data 0 1 arch/x86/kernel/cpu/common.c [0-9]*$' "$tmp/k1"; then
	ok "per-CPU variable at address 0: $(grep ' fixed_percpu_data ' "$tmp/k1")"
else
	fail "fixed_percpu_data (address 0) has no path"
fi
for s in _text _stext _etext __bss_start __start___param _sdata jiffies; do
	if grep -q " $s " "$tmp/k1"; then
		fail "linker script symbol $s has a path: $(grep " $s " "$tmp/k1")"
	fi
done
ok "linker script symbols have no path"
exit $status
