#!/usr/bin/env bash
# requirements: the definition's pc_requirements as the key=value file that
# nanbyo-check.exe reads (the wine tests check the .exe side; this one runs
# the Linux side on its own, so the sanitizer build covers it too).
. "$(dirname "$0")/../lib.sh"

t_run requirements
t_eq "requirements exits 0" 0 "$RC"
t_match "a comment names the definition it came from" '^# .*yamaguchi-r8' "$OUT"
t_match "RAM threshold from the definition" '^ram_gb=8$' "$OUT"
t_match "disk threshold from the definition" '^disk_free_gb=40$' "$OUT"
t_match "nested keys are joined with a dot" '^display_min\.width=1280$' "$OUT"
t_match "lists are comma-separated" '^browsers=edge,chrome,safari$' "$OUT"
t_nomatch "every other line is key=value" '^[^#][^=]*$' "$OUT"

t_run requirements --form "$FIX/forms/testpref-strict.yaml"
t_eq "requirements --form FILE exits 0" 0 "$RC"
t_match "the second definition's own display minimum" '^display_min\.width=2560$' "$OUT"

t_run requirements --form no-such-form
t_eq "an unknown definition exits 2" 2 "$RC"
t_match "and says so in Japanese, naming it" '「no-such-form」が見つかりません' "$ERR"
t_eq "nothing on stdout then" "" "$OUT"
t_done
