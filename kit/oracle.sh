#!/bin/sh
# Check /proc/kallsyms_paths of the booted test kernel against an independent
# reading of vmlinux's DWARF by binutils (readelf): for every function symbol
# at the low_pc of a DWARF subprogram of the same name (through
# DW_AT_abstract_origin or DW_AT_specification; foo.isra.0 is foo), PATH:LINE
# must be the subprogram's DW_AT_decl_file:DW_AT_decl_line. Fails below
# 99.5% agreement.
# Usage: oracle.sh [BOOT-LOG [VMLINUX]]
# shellcheck source=kit/lib.sh
. "$(dirname "$0")/lib.sh"

log=${1:-$BUILD/boot-test.log}
vmlinux=${2:-$BUILD/out-test/vmlinux}
tmp=$BUILD/oracle
mkdir -p "$tmp"
[ -f "$log" ] || die "$log missing: boot the test kernel first"
[ -f "$vmlinux" ] || die "$vmlinux missing: build the test kernel first"

# Our side: the dump that init printed, "kp: ADDR TYPE NAME PATH:LINE".
tr -d '\r' <"$log" | sed -n 's/^kp: //p' |
	awk 'NF == 4 && $2 ~ /^[tTwW]$/' >"$tmp/ours"
[ -s "$tmp/ours" ] || die "no /proc/kallsyms_paths dump (kp: lines) in $log"

# The oracle: file tables from .debug_line, subprograms from .debug_info.
readelf --debug-dump=rawline "$vmlinux" 2>/dev/null |
	awk '/^  Offset:/ { off = $2 }
	     /The Directory Table/ { mode = "dir"; next }
	     /The File Name Table/ { mode = "file"; next }
	     /^ *$/ || /^ Line Number Statements/ { mode = "" }
	     mode == "dir" && $1 ~ /^[0-9]+$/ {
		# Relative directories are relative to entry 0, the comp dir.
		dir[off, $1] = ($NF ~ /^\// ? "" : dir[off, 0] "/") $NF
	     }
	     mode == "file" && $1 ~ /^[0-9]+$/ { print off, $1, dir[off, $2] "/" $NF }' \
	>"$tmp/files"
readelf --debug-dump=info --dwarf-depth=2 "$vmlinux" 2>/dev/null |
	awk 'function flush() {
		if (die != "")
			print die, cu, tag, (name == "" ? "-" : name), (file == "" ? "-" : file),
			      (line == "" ? "-" : line), (pc == "" ? "-" : pc), (org == "" ? "-" : org)
		die = name = file = line = pc = org = ""
	     }
	     /^ <[0-9]+><[0-9a-f]+>: Abbrev/ {
		flush(); die = $1; sub(/^<[0-9]+></, "", die); sub(/>:$/, "", die)
		tag = $NF; gsub(/[()]/, "", tag); next
	     }
	     /DW_AT_stmt_list/ { cu = $NF }
	     /DW_AT_name / { name = $NF }
	     /DW_AT_decl_file/ { file = $NF }
	     /DW_AT_decl_line/ { line = $NF }
	     /DW_AT_low_pc/ { pc = $NF; sub(/^0x/, "", pc) }
	     /DW_AT_abstract_origin|DW_AT_specification/ { org = $NF; gsub(/[<>]|0x/, "", org) }
	     END { flush() }' >"$tmp/dies"

awk -v src="$(realpath "$TREE")/" -v obj="$(realpath "$(dirname "$vmlinux")")/" '
	function canon(p,   n, i, k, part, out) {
		n = split(p, part, "/"); k = 0
		for (i = 1; i <= n; i++) {
			if (part[i] == "" || part[i] == ".") continue
			if (part[i] == "..") { if (k) k--; continue }
			out[++k] = part[i]
		}
		p = ""
		for (i = 1; i <= k; i++) p = p "/" out[i]
		return p
	}
	FILENAME ~ /files$/ { f[$1, $2] = $3; next }
	FILENAME ~ /dies$/ {
		cu[$1] = $2; name[$1] = $4; file[$1] = $5; line[$1] = $6; org[$1] = $8
		if ($3 == "DW_TAG_subprogram" && $7 != "-" && $7 != "0") at[$7] = at[$7] " " $1
		next
	}
	{
		addr = $1; sub(/^0+/, "", addr)
		if (!(addr in at)) next
		base = $3; sub(/\..*/, "", base)
		# The subprogram at this address whose name is the symbol'"'"'s.
		k = split(at[addr], cand, " "); d = ""
		for (j = 1; j <= k && d == ""; j++) {
			e = cand[j]
			for (n = 0; name[e] == "-" && org[e] != "-" && n < 4; n++) e = org[e]
			if (name[e] == base) d = cand[j]
		}
		if (d == "") next
		for (n = 0; line[d] == "-" && org[d] != "-" && n < 4; n++) d = org[d]
		if (line[d] == "-") next
		p = canon(f[cu[d], file[d]])
		if (index(p, src) == 1) p = substr(p, length(src) + 1)
		else if (index(p, obj) == 1) p = substr(p, length(obj) + 1)
		want = p ":" line[d]
		total++
		if ($4 == want) ok++
		else if (bad++ < 10) print "  disagree: " $3 " ours " $4 ", DWARF " want
	}
	END {
		printf "oracle: %d of %d function symbols agree (%.2f%%)\n", ok, total, total ? 100 * ok / total : 0
		exit !(total > 0 && ok * 1000 >= total * 995)
	}' "$tmp/files" "$tmp/dies" "$tmp/ours"
