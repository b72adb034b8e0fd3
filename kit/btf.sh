#!/bin/sh
# CONFIG_DEBUG_INFO_BTF_MODULES with the option (configs/btf.config): the
# test config builds with BTF for vmlinux and modules; every module has
# .BTF, which pahole adds after the link that adds .kallsyms_paths, and a
# table that the loader's checks accept against the module's own symbols
# (kit/annot); the kernel boots and loads the module KUnit suite and
# test_printf, which check their own paths and lines.
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

out=$BUILD/out-test-btf
log=$BUILD/boot-test-btf.log
"$KIT/build.sh" test-btf bzImage modules || exit 1
annot=$(annot_tool) || exit 1
status=0
n=0
for m in $(find "$out" -name '*.ko' | sort); do
	sections=$(readelf -SW "$m")
	if ! echo "$sections" | grep -q ' \.BTF ' ||
	   ! echo "$sections" | grep -q ' \.kallsyms_paths '; then
		echo "FAIL: $m: no .BTF or no .kallsyms_paths"
		status=1
	elif ! "$annot" --module "$m" lookup </dev/null; then
		echo "FAIL: $m: the table does not fit the module's symbols"
		status=1
	else
		n=$((n + 1))
	fi
done
echo "btf: $n modules with .BTF and a good .kallsyms_paths"
[ "$n" -gt 0 ] || status=1

KIT_MODULES="$out/lib/tests/kallsyms_paths_module_kunit.ko $out/lib/test_printf.ko" \
	"$KIT/boot.sh" test-btf || status=1
# Not in the symbol dumps (kk:, kp:, km: lines), which have btf_* names.
if tr -d '\r' <"$log" | grep -v '^k[kpm]: ' | grep -iE 'btf.*(fail|error|invalid|mismatch)'; then
	echo "FAIL: the loader complained about a module's BTF"
	status=1
fi
if ! module_kunit "$log"; then
	echo "FAIL: the module KUnit suite did not pass on the BTF kernel"
	status=1
fi
exit $status
