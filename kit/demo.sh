#!/bin/sh
# make demo: install, prepare the tree, build and boot the test kernel, report.
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

start=$(date +%s)
"$KIT/deps.sh" || exit 1
"$KIT/tree.sh" || exit 1
"$KIT/build.sh" test bzImage modules || exit 1
"$KIT/extmod.sh" >/dev/null || exit 1
KIT_MODULES="$(cd "$BUILD/extmod" && echo "$PWD"/kp_extmod*.ko) $BUILD/out-test/lib/tests/kallsyms_paths_module_kunit.ko $BUILD/out-test/lib/test_printf.ko" "$KIT/boot.sh" test || exit 1
echo
echo "==== kallsyms-paths demo ===="
"$KIT/report.sh" --paths "$BUILD/boot-test.log" || exit 1
echo "demo took $(($(date +%s) - start))s"
