#!/bin/sh
# Install what the kit needs from Debian's archive, once.
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

PKGS="build-essential bc bison flex libssl-dev libelf-dev libdw-dev elfutils
binutils cpio xz-utils git ccache qemu-system-x86 sparse shellcheck python3
gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu qemu-system-arm clang
clang-16 lld-16 llvm-16
perl time python3-ply python3-git dwarves linux-source-6.12"

missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q ' installed$' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

say "installing:$missing"
[ "$(id -u)" = 0 ] || die "need root to install:$missing"
export DEBIAN_FRONTEND=noninteractive
log=$BUILD/apt.log
mkdir -p "$BUILD"
apt-get update >"$log" 2>&1 || die_log "apt-get update failed (no network?)" "$log"
want=$(cat "$KIT/linux-source.version")
for p in $missing; do
	# Prefer the exact kernel source version the series was made against.
	if [ "$p" = linux-source-6.12 ] &&
	   apt-cache madison linux-source-6.12 | grep -q "| $want |"; then
		p="linux-source-6.12=$want"
	fi
	apt-get install -y --no-install-recommends "$p" >>"$log" 2>&1 ||
		die_log "apt-get install $p failed" "$log"
done
