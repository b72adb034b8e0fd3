# Common settings for the kit's scripts; sourced, not run.
# shellcheck shell=sh

KIT=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$KIT")
BUILD=${BUILD:-$TOP/build}
TREE=$BUILD/linux
BASE_TREE=$BUILD/linux-base
PATCHES=$TOP/patches

# The project's identity, used for every kernel commit we make.
IDENT_NAME="kallsyms-paths"
IDENT_EMAIL="kallsyms-paths@example.org"
export GIT_AUTHOR_NAME="$IDENT_NAME" GIT_AUTHOR_EMAIL="$IDENT_EMAIL"
export GIT_COMMITTER_NAME="$IDENT_NAME" GIT_COMMITTER_EMAIL="$IDENT_EMAIL"

# Reproducible kernel builds: fixed strings in init/version.c keep ccache warm.
export KBUILD_BUILD_USER=kit KBUILD_BUILD_HOST=kit KBUILD_BUILD_VERSION=1
export KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2026"

# The patch files of the series, without the cover letter, in order.
series() {
	for _p in "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch; do
		case $_p in
		*/0000-cover-letter.patch) ;;
		*) [ -f "$_p" ] && echo "$_p" ;;
		esac
	done
}

die() {
	echo "error: $*" >&2
	exit 1
}

say() {
	echo "==> $*"
}

# Show the tail of a log and its path, then fail.
die_log() {
	echo "error: $1" >&2
	echo "---- last 30 lines of $2 ----" >&2
	tail -n 30 "$2" >&2
	echo "---- full log: $2 ----" >&2
	exit 1
}

# kmake SRC OUT ARGS...: the kernel's make with the kit's flags; KARCH and
# CROSS_COMPILE (arm64 and aarch64-linux-gnu- for build.sh arm64) choose the
# target, x86_64 by default; KLLVM=-16 (or -14) builds with that clang and
# LLVM's binutils (the kernel's LLVM=-16), gcc otherwise.
kmake() {
	_src=$1 _out=$2
	shift 2
	if [ -n "${KLLVM:-}" ]; then
		set -- LLVM="$KLLVM" CC="ccache clang$KLLVM" "$@"
	else
		set -- CROSS_COMPILE="${CROSS_COMPILE:-}" CC="ccache ${CROSS_COMPILE:-}gcc" "$@"
	fi
	make -C "$_src" O="$_out" ARCH="${KARCH:-x86_64}" -j"$(nproc)" \
		HOSTCC="ccache gcc" "$@"
}

# The unpatched tree, as a worktree of build/linux at tag "base".
base_tree() {
	if [ ! -d "$BASE_TREE" ]; then
		git -C "$TREE" worktree prune
		git -C "$TREE" worktree add -q --detach "$BASE_TREE" base ||
			die "cannot create $BASE_TREE"
	fi
}

# module_kunit LOG: the result of the module KUnit suite that init loaded
# (kunit.py parses only the first suite of a log: this one is later). Prints
# its cases; fails unless the suite and its cases passed and none failed.
module_kunit() {
	_kunit=$(tr -d '\r' <"$1" |
		sed -n '/^kit: ==== module kallsyms_paths_module_kunit/,/^kit: ====/p')
	echo "$_kunit" | grep -E '^ *(not )?ok [0-9]+ kpm_test_'
	for _t in kpm_test_frames kpm_test_definitions; do
		echo "$_kunit" | grep -qE "^ *ok [0-9]+ $_t\$" ||
			{ echo "KUnit case $_t (module) did not pass"; return 1; }
	done
	echo "$_kunit" | grep -qE '^ok [0-9]+ kallsyms_paths_module$' &&
		! echo "$_kunit" | grep -qE '^ *not ok'
}

# Build kit/annot.c, the kernel's annotation decoder in userspace, with
# ASan and UBSan; prints its path.
annot_tool() {
	out=$BUILD/annot
	if [ ! -x "$out" ] || [ -n "$(find "$KIT/annot.c" "$KIT/shim" \
		"$TREE/kernel/kallsyms_annot.c" "$TREE/include/linux/kallsyms_annot.h" \
		"$TREE/include/linux/kallsyms_paths.h" -newer "$out" 2>/dev/null)" ]; then
		gcc -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
			-Wall -Werror -I"$KIT/shim" -I"$TREE/include" -I"$TREE" \
			-o "$out" "$KIT/annot.c" -lelf >&2 ||
			die "cannot build kit/annot.c"
	fi
	echo "$out"
}
export ASAN_OPTIONS=detect_leaks=0
