#!/bin/sh
# All tests, in order. Each stage prints its name, result and wall time; its
# output goes to build/check-STAGE.log. The last line is "N passed, N failed".
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

passed=0
failed=0
mkdir -p "$BUILD"

stage() {
	name=$1
	shift
	log=$BUILD/check-$name.log
	start=$(date +%s)
	if "$@" >"$log" 2>&1; then
		passed=$((passed + 1))
		printf '%-18s PASS  %4ss\n' "$name" "$(($(date +%s) - start))"
	else
		failed=$((failed + 1))
		printf '%-18s FAIL  %4ss  (log: %s)\n' "$name" "$(($(date +%s) - start))" "$log"
		tail -n 30 "$log" | sed 's/^/    /'
	fi
}

setup() {
	"$KIT/deps.sh" && "$KIT/tree.sh"
}

# Every patch passes checkpatch --strict. Allowed: the missing sign-off,
# CamelCase for the type names of elfutils' API (Dwarf_Die, GElf_Sym, ...),
# and a printk() without KERN_<LEVEL> in a line that only swaps %pS for
# KSYM_PATHS_*: its level is the caller's loglvl ("%s") or the default one,
# as the line had it before.
checkpatch() {
	n=0
	bad=0
	for p in $(series); do
		n=$((n + 1))
		# spdxcheck.py needs python3-ply from /usr/bin/python3.
		(cd "$TREE" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict \
			--ignore MISSING_SIGN_OFF --show-types "$p") >"$BUILD/checkpatch.out" 2>&1
		if awk '/^(ERROR|WARNING|CHECK):/ { if (msg != "") print msg; msg = $0; n = 0; next }
			msg ~ /PRINTK_WITHOUT_KERN_LEVEL/ && ++n <= 2 && /KSYM_PATHS_/ { msg = "" }
			END { if (msg != "") print msg }' "$BUILD/checkpatch.out" |
			grep -vE '^CHECK:CAMELCASE: Avoid CamelCase: <(Dwarf|Dwfl|G?Elf)[A-Za-z_]*>$' |
			grep .; then
			echo "checkpatch: $(basename "$p") is not clean:"
			cat "$BUILD/checkpatch.out"
			bad=1
		elif grep -q 'Traceback\|spdxcheck' "$BUILD/checkpatch.out"; then
			cat "$BUILD/checkpatch.out"
			bad=1
		else
			echo "checkpatch: $(basename "$p"): $(grep '^total:' "$BUILD/checkpatch.out")"
		fi
	done
	[ "$n" -gt 0 ] || { echo "no patches in patches/"; return 1; }
	[ "$bad" = 0 ]
}

build_test() {
	"$KIT/build.sh" test bzImage modules && "$KIT/extmod.sh"
}

# The test kernel loads the external module and its corrupted copy.
boot_test() {
	KIT_MODULES="$(cd "$BUILD/extmod" && echo "$PWD"/kp_extmod*.ko) $BUILD/out-test/lib/tests/kallsyms_paths_module_kunit.ko $BUILD/out-test/lib/test_printf.ko" "$KIT/boot.sh" test
}

# KUnit results from the boot log, parsed by the kernel's own parser. With
# the option on, no case may be skipped.
kunit() {
	python3 "$TREE/tools/testing/kunit/kunit.py" parse "$BUILD/boot-test.log" || return 1
	! tr -d '\r' <"$BUILD/boot-test.log" | grep -E '^ *ok [0-9]+ kp_test_.*# SKIP'
}

# With the option off, the suite still tests and times the name APIs (the
# bench's baseline); the cases that need paths are skipped, for that reason.
kunit_off() {
	log=$BUILD/boot-bench-off.log
	{ "$KIT/build.sh" bench-off bzImage && "$KIT/boot.sh" bench-off &&
		python3 "$TREE/tools/testing/kunit/kunit.py" parse "$log"; } || return 1
	tr -d '\r' <"$log" | grep -E '^ *ok [0-9]+ kp_test_' >"$BUILD/kunit-off.results"
	for t in kp_test_bare_names kp_test_bogus_address; do
		grep -qE "ok [0-9]+ $t\$" "$BUILD/kunit-off.results" ||
			{ echo "$t did not pass with the option off"; return 1; }
	done
	for t in kp_test_functions kp_test_data kp_test_lines kp_test_twins kp_test_truncation \
		kp_test_all_symbols kp_test_size; do
		grep -qE "ok [0-9]+ $t # SKIP CONFIG_KALLSYMS_PATHS is off\$" "$BUILD/kunit-off.results" ||
			{ echo "$t was not skipped for the option being off"; return 1; }
	done
	cat "$BUILD/kunit-off.results"
}

# lib/test_printf.c, a module loaded by the test boot; with the option on,
# it checks %pSl (of one of its own functions).
printf_test() {
	grep 'test_printf:' "$BUILD/boot-test.log"
	grep -q 'test_printf: all [0-9]* tests passed' "$BUILD/boot-test.log"
}

# The boot log shows what the demo promises.
demo_output() {
	"$KIT/report.sh" --paths "$BUILD/boot-test.log"
}

boot_off() {
	"$KIT/build.sh" test-off bzImage && "$KIT/boot.sh" test-off
}

kallsyms_selftest() {
	log=$BUILD/boot-test.log
	grep 'kallsyms_selftest:' "$log"
	grep -q 'kallsyms_selftest: finish' "$log" || { echo "kallsyms_selftest did not finish"; return 1; }
	! grep -E 'kallsyms_selftest: .*(failed|abort|mismatch|Never found)' "$log"
}

# The decoder on 100,000 mutated streams, and the module loader's checks
# and the decoder on 100,000 mutated module tables, under ASan and UBSan.
fuzz() {
	annot=$(annot_tool) || return 1
	percpu=
	grep -q '^CONFIG_KALLSYMS_ABSOLUTE_PERCPU=y' "$BUILD/out-test/.config" &&
		percpu=--absolute-percpu
	"$annot" $percpu "$BUILD/out-test/vmlinux" fuzz 100000 "${SEED:-1}" &&
		"$annot" --module "$BUILD/extmod/kp_extmod.ko" fuzz 100000 "${SEED:-1}" &&
		"$annot" --module "$BUILD/out-test/lib/test_xarray.ko" fuzz 100000 "${SEED:-1}"
}

sparse_w1() {
	"$KIT/sparse.sh"
}

shellcheck_kit() {
	shellcheck -x "$KIT"/*.sh .ci/run && echo "shellcheck: clean"
}

round_trip() {
	"$KIT/export.sh" --check
}

cd "$TOP" || exit 1
total_start=$(date +%s)
stage setup setup
stage checkpatch checkpatch
stage build build_test
stage generator "$KIT/generator.sh"
stage boot boot_test
stage kunit kunit
stage printf printf_test
stage demo-output demo_output
stage kallsyms-selftest kallsyms_selftest
stage oracle "$KIT/oracle.sh"
stage lines "$KIT/lines.sh"
stage modules "$KIT/modules.sh"
stage fuzz fuzz
stage btf "$KIT/btf.sh"
stage clang "$KIT/variant.sh" clang
stage arm64 "$KIT/variant.sh" arm64
stage decode-stacktrace "$KIT/decode.sh"
stage boot-off boot_off
stage kunit-off kunit_off
stage compat "$KIT/compat.sh"
stage off-identical "$KIT/identical.sh"
stage build-messages "$KIT/quiet.sh"
stage reproducible "$KIT/repro.sh"
stage sparse-w1 sparse_w1
stage shellcheck shellcheck_kit
stage export-check round_trip
echo "total: $(($(date +%s) - total_start))s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
