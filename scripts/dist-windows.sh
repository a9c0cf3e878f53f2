#!/bin/sh
# make dist-windows: the zip the prefecture hands to clinics. The .exe and
# dist/はじめにお読みください.txt, which is kept in the repository as UTF-8
# with LF and written into the zip as UTF-8 with a BOM and CRLF line ends
# (what Notepad on every Windows version shows correctly).
# Usage: scripts/dist-windows.sh EXE OUT.zip
set -eu
exe=$1 out=$2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$exe" "$stage/nanbyo-check.exe"
readme="$(dirname "$0")/../dist/はじめにお読みください.txt"
{ printf '\357\273\277'; sed 's/$/\r/' "$readme"; } > "$stage/はじめにお読みください.txt"
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
rm -f "$out.tmp"
(cd "$stage" && /usr/bin/python3 -c '
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name in sys.argv[2:]:
        z.write(name, name)
' "$out.tmp" nanbyo-check.exe "はじめにお読みください.txt")
mv "$out.tmp" "$out"
