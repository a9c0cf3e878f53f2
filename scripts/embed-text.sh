#!/bin/sh
# Writes a C file that holds a text file as a string, byte for byte (octal
# escapes, so no byte of the text can end the string or start a trigraph).
# Usage: scripts/embed-text.sh SYMBOL FILE LABEL > out.c
# Defines: const char SYMBOL[] (the text) and const char SYMBOL_name[] (LABEL).
set -eu
sym=$1 file=$2 label=$3
case $label in *[\"\\]*) echo "embed-text.sh: LABEL must not contain \" or \\" >&2; exit 2 ;; esac
printf '/* Generated from %s by scripts/embed-text.sh; do not edit. */\n' "$file"
printf 'const char %s_name[] = "%s";\n' "$sym" "$label"
printf 'const char %s[] =\n' "$sym"
od -An -v -to1 "$file" | sed -e 's/ *\([0-7][0-7][0-7]\)/\\\1/g' -e 's/^/    "/' -e 's/$/"/'
printf '    "";\n'
