#!/usr/bin/env bash
# summary and forms: derived amounts of the fixture and the definition list.
. "$(dirname "$0")/../lib.sh"

t_run summary --json "$FIX/valid.json"
t_eq "summary exits 0" 0 "$RC"
t_eq "summary amounts" "218800 152800 218800 100000 50000 base" \
  "$(printf '%s' "$OUT" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], d["eligible"], d["net"], d["selected"], d["subsidy"], d["binding"])')"
# The 100,000 base is never called 「上限 50,000円」: the cap has its own line (issue 13).
t_run summary "$FIX/valid.json"
t_match "the cap is on its own line" '補助所要額の上限: 50,000円' "$OUT"
t_nomatch "the binding base is not followed by the cap" '決めたもの: 基準額 \(' "$OUT"
t_run summary --json "$FIX/valid-strings.json"
t_eq "amounts written as strings give the same sums" "218800 152800 50000" \
  "$(printf '%s' "$OUT" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], d["eligible"], d["subsidy"])')"

# Other income below the eligible amount makes the net amount bind.
/usr/bin/python3 -c '
import json,sys
d=json.load(open(sys.argv[1])); d["fields"]["other_income"]=160000
d["items"]=[{"category":"pc","description":"PC","quantity":1,"unit_price":150000},{"category":"running_cost","description":"保守","quantity":1,"unit_price":60000}]
json.dump(d,open(sys.argv[2],"w"),ensure_ascii=False)' "$FIX/valid.json" "$T_TMP/net.json"
t_eq "net (210,000 - 160,000 = 50,000) binds" "210000 150000 50000 50000 25000 net" \
  "$("$NB_BIN" summary --json "$T_TMP/net.json" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], d["eligible"], d["net"], d["selected"], d["subsidy"], d["binding"])')"
t_run summary "$T_TMP/net.json"
t_match "human summary marks 差引額 as applied" '差引額 +50,000円  <- 選定額に適用' "$OUT"

t_run summary --form "$FIX/forms/testpref-r9.yaml" --json "$FIX/valid.json"
t_eq "other definition: base 200,000, 2/3, cap 120,000" "152800 101800 eligible" \
  "$(printf '%s' "$OUT" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["selected"], d["subsidy"], d["binding"])')"
t_run summary "$FIX/broken/truncated.json"
t_eq "summary of a broken file exits 2" 2 "$RC"

t_run forms
t_eq "forms exits 0" 0 "$RC"
t_match "forms lists yamaguchi-r8" '^yamaguchi-r8 ' "$OUT"
t_run forms --json
t_eq "forms --json gives the id and deadline" "yamaguchi-r8 2026-03-31" \
  "$(printf '%s' "$OUT" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["id"], d[0]["deadline"])')"
NANBYO_FORMS_DIR="$FIX/forms" t_run forms --json
t_match "NANBYO_FORMS_DIR adds its definitions" 'testpref-r9' "$OUT"

t_run --version
t_match "--version" '^nanbyo-survey [0-9]' "$OUT"
t_run --help
t_match "--help lists every command" 'calc.*validate.*summary.*check.*export.*send.*print.*forms' "$(printf '%s' "$OUT" | tr '\n' ' ')"
t_run frobnicate
t_eq "unknown command exits 2" 2 "$RC"
t_match "unknown command is named" 'frobnicate' "$ERR"
t_done
