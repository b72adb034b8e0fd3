#!/bin/sh
# The path generator on small programs:
#  - the same source gives the same relative path however it was compiled:
#    in the tree, or from a build directory by absolute or "../" path;
#  - bad input stops the build with a message that names the problem: a
#    path over the limit or with a byte that /proc/kallsyms_paths cannot
#    carry, and a malformed --source-paths file for scripts/kallsyms.
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

out=$BUILD/out-test
gen=$out/scripts/gen_kallsyms_paths
[ -x "$gen" ] || die "$gen missing: build the test kernel first"
tmp=$BUILD/generator
rm -rf "$tmp"
mkdir -p "$tmp/src"
src=$(cd "$tmp/src" && pwd -P)
status=0

# expect NAME FILE MESSAGE: a program built from FILE (relative to src) with
# a function NAME must make the generator fail, saying MESSAGE.
expect() {
	mkdir -p "$src/$(dirname "$2")"
	printf 'int %s(void) { return 0; }\nint main(void) { return %s(); }\n' "$1" "$1" >"$src/$2"
	(cd "$src" && gcc -g -O0 -o "$tmp/prog" "$2") || die "cannot compile $2"
	if "$gen" "$src" "$tmp" "$tmp/prog" >"$tmp/out" 2>"$tmp/err"; then
		echo "FAIL: $2: accepted"
		status=1
	elif grep -q "symbol $1 " "$tmp/err" && grep -q "$3" "$tmp/err"; then
		echo "ok: $(cat "$tmp/err")"
	else
		echo "FAIL: $2: unclear message: $(cat "$tmp/err")"
		status=1
	fi
}

long=$(printf 'd%.0s' $(seq 1 120))
expect long_path_fn "$long/$long/$long/f.c" "over the limit of 255"
expect colon_fn "a:b.c" "byte 0x3a"
expect space_fn "a b.c" "byte 0x20"

# The same file compiled three ways: in the tree, and from a build
# directory beside it by absolute and by relative path.
mkdir -p "$src/sub" "$tmp/obj"
obj=$(cd "$tmp/obj" && pwd -P)
printf '\nint good_fn(void) { return 0; }\nint main(void) { return good_fn(); }\n' >"$src/sub/good.c"
for how in tree absolute relative; do
	case $how in
	tree) (cd "$src" && gcc -g -O0 -o "$tmp/prog" sub/good.c) ;;
	absolute) (cd "$obj" && gcc -g -O0 -o "$tmp/prog" "$src/sub/good.c") ;;
	relative) (cd "$obj" && gcc -g -O0 -o "$tmp/prog" ../src/sub/good.c) ;;
	esac || die "cannot compile sub/good.c ($how)"
	if "$gen" "$src" "$obj" "$tmp/prog" | grep -q ' good_fn sub/good.c 2$'; then
		echo "ok: compiled from the $how path: good_fn -> sub/good.c:2"
	else
		echo "FAIL: compiled from the $how path: good_fn has no path sub/good.c:2"
		"$gen" "$src" "$obj" "$tmp/prog" | grep good_fn
		status=1
	fi
done

# scripts/kallsyms refuses a malformed --source-paths file.
printf 'ffffffff81000000 T _text\n' >"$tmp/map"
printf 'ffffffff81000000 _text\n' >"$tmp/paths"
if "$out/scripts/kallsyms" --source-paths="$tmp/paths" "$tmp/map" >/dev/null 2>"$tmp/err"; then
	echo "FAIL: scripts/kallsyms accepted a malformed --source-paths file"
	status=1
elif grep -q "$tmp/paths: bad line" "$tmp/err"; then
	echo "ok: $(head -n 1 "$tmp/err")"
else
	echo "FAIL: scripts/kallsyms: unclear message: $(cat "$tmp/err")"
	status=1
fi
exit $status
