#!/usr/bin/env bash
# calc: the subsidy rule through the command line, with the amounts a clerk
# types, and bad input refused with exit 2 and one Japanese sentence.
. "$(dirname "$0")/../lib.sh"

calc_json() { "$NB_BIN" calc --json -- "$1" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["subsidy"], d["selected"], d["binding"])'; }

t_eq "150,000 gives 50,000 bound by base" "50000 100000 base" "$(calc_json 150000)"
t_eq "0 gives 0" "0 0 none" "$(calc_json 0)"
t_eq "1,999 gives 0" "0 1999 eligible" "$(calc_json 1999)"
t_eq "2,000 gives 1,000" "1000 2000 eligible" "$(calc_json 2000)"
t_eq "70,000 gives 35,000" "35000 70000 eligible" "$(calc_json 70000)"
t_eq "99,999 gives 49,000" "49000 99999 eligible" "$(calc_json 99999)"
t_eq "100,000 gives 50,000" "50000 100000 eligible" "$(calc_json 100000)"
t_eq "100,001 gives 50,000 bound by base" "50000 100000 base" "$(calc_json 100001)"
t_eq "120,000 gives 50,000" "50000 100000 base" "$(calc_json 120000)"
t_eq "full-width digits, comma and 円" "50000 100000 base" "$(calc_json '１２３，４５６円')"
t_eq "yen sign and commas" "32000 64980 eligible" "$(calc_json '¥64,980')"
t_eq "option after the amount" "49000" "$("$NB_BIN" calc 99999 --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["subsidy"])')"

t_run calc '１２３，４５６円'
t_eq "human output exits 0" 0 "$RC"
t_match "human output names 補助所要額 and its amount" '補助所要額 +50,000円' "$OUT"
t_match "human output says the base decided" '選定額を決めたもの: 基準額' "$OUT"

for bad in -5 1.5 abc 10000000000000 '12,34' '' "$(printf 'x\001')" "$(printf '\377\376')" \
           "$(head -c 10000 /dev/zero | tr '\0' 9)"; do
    t_run calc -- "$bad"
    t_eq "bad amount [${bad:0:20}] exits 2" 2 "$RC"
    t_eq "bad amount [${bad:0:20}] prints nothing on stdout" "" "$OUT"
    t_match "bad amount [${bad:0:20}] explains in Japanese" '金額' "$ERR"
    t_eq "bad amount [${bad:0:20}] is one line" 1 "$(printf '%s\n' "$ERR" | wc -l)"
done
t_run calc -5
t_eq "calc -5 without -- also exits 2" 2 "$RC"
t_match "calc -5 says minus is not allowed" 'マイナス' "$ERR"
t_run calc
t_eq "calc without an amount exits 2" 2 "$RC"
t_run calc --form no-such-form 1000
t_eq "unknown definition exits 2" 2 "$RC"
t_match "unknown definition is named" 'no-such-form' "$ERR"

# A second definition with other numbers changes the result without recompiling.
t_eq "other definition: 150,000 x 2/3 = 100,000 (unit 100)" "100000 150000 eligible" \
    "$("$NB_BIN" calc --json --form "$FIX/forms/testpref-r9.yaml" 150000 | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["subsidy"], d["selected"], d["binding"])')"
t_eq "other definition: 190,000 hits its cap 120,000" "120000 190000 cap" \
    "$("$NB_BIN" calc --json --form "$FIX/forms/testpref-r9.yaml" 190000 | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["subsidy"], d["selected"], d["binding"])')"
t_eq "other definition: 1,050 truncates to 100s" "700" \
    "$("$NB_BIN" calc --json --form "$FIX/forms/testpref-r9.yaml" 1050 | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["subsidy"])')"
t_done
