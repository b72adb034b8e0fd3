# kallsyms-paths: build, boot, test and export the CONFIG_KALLSYMS_PATHS series.
# See README.md. Every target installs what it needs.
SHELL := /bin/sh

.PHONY: help demo check bench deps tree tree-reset build boot export export-check clean

help:
	@echo "make demo          build the patched test kernel, boot it, show the report"
	@echo "make check         run every test; last line: N passed, N failed"
	@echo "make bench         measure the option off against on (bench/test.md)"
	@echo "make bench CONFIG=defconfig   the same on x86_64 defconfig (about 1.5 h)"
	@echo "make bench CONFIG=clang       sizes and link times, clang-16 ThinLTO kernel"
	@echo "make bench CONFIG=arm64       sizes and link times, arm64 kernel"
	@echo "make tree          build/linux: Debian's 6.12 source + patches/ (git am)"
	@echo "make export        export build/linux's commits back to patches/"
	@echo "make export-check  fail when patches/ does not match build/linux"
	@echo "make tree-reset    throw build/linux's commits away, re-apply patches/"
	@echo "make clean         remove build/ (the ccache stays)"

demo:
	@kit/demo.sh

check:
	@kit/check.sh

# CONFIG=test (default), defconfig (x86_64 defconfig + DWARF 5, long), clang
# or arm64 (the kernels of make check's stages clang and arm64);
# RUNS: link runs per side.
CONFIG ?= test
RUNS ?= 3
bench: tree
	@kit/bench.sh $(CONFIG) $(RUNS)

deps:
	@kit/deps.sh

tree: deps
	@kit/tree.sh

tree-reset:
	@rm -f build/linux/.git/kit-state
	@kit/tree.sh

build: tree
	@kit/build.sh test bzImage modules

boot: build
	@kit/boot.sh test

export:
	@kit/export.sh

export-check:
	@kit/export.sh --check

clean:
	rm -rf build
