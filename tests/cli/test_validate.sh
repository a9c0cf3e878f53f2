#!/usr/bin/env bash
# validate: the valid fixture passes; each broken fixture is refused naming
# exactly the field that is wrong; unreadable files exit 2.
. "$(dirname "$0")/../lib.sh"
export NANBYO_TODAY=2026-03-20

t_run validate "$FIX/valid.json"
t_eq "valid fixture exits 0" 0 "$RC"
t_match "valid fixture says no problems" '問題はありません' "$OUT"
t_run validate "$FIX/valid-strings.json"
t_eq "values typed as strings (full-width, 円, 和暦) are valid" 0 "$RC"
t_run validate --json "$FIX/valid.json"
t_eq "--json valid is true" "True 0" "$(printf '%s' "$OUT" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["valid"], len(d["problems"]))')"
t_match "running cost is a warning that says why" 'items\[2\].category' "$(printf '%s' "$OUT" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(w["field"]+":"+w["message"] for w in d["warnings"]))')"

expect() { # fixture expected-field
    t_run validate --json "$FIX/broken/$1.json"
    t_eq "$1 exits 1" 1 "$RC"
    local fields
    fields=$(printf '%s' "$OUT" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["valid"], ",".join(p["field"] for p in d["problems"]))')
    t_eq "$1 names exactly $2" "False $2" "$fields"
    t_run validate "$FIX/broken/$1.json"
    t_match "$1 human line starts with the field id" "^$(printf '%s' "$2" | sed 's/[][]/\\&/g'): " "$OUT"
}
expect missing-name institution_name
expect bad-code-checkdigit institution_code
expect bad-code-prefecture institution_code
expect no-doctors doctors_nanbyo
expect xml-without-vendor vendor_name
expect completion-before-start planned_completion
expect start-outside-fy planned_start
expect declaration-false decl_not_cancer_registry_pc
expect bad-phone phone
expect bad-email email
expect bad-postal postal_code
expect control-in-name institution_name
expect negative-price 'items[0].unit_price'
expect bad-category 'items[1].category'
expect zero-quantity 'items[1].quantity'
expect bad-kind institution_kind
expect bad-date planned_start
expect no-items items
expect income-over-total other_income
expect huge-price 'items[0].unit_price'

for f in truncated invalid-utf8 newer-format; do
    t_run validate "$FIX/broken/$f.json"
    t_eq "$f exits 2" 2 "$RC"
    t_match "$f error names the file" "$f.json" "$ERR"
    t_eq "$f error is one line" 1 "$(printf '%s\n' "$ERR" | wc -l)"
done
t_match "newer format says to update the program" '新しい版' "$("$NB_BIN" validate "$FIX/broken/newer-format.json" 2>&1)"
t_run validate "$T_TMP/none.json"
t_eq "missing file exits 2" 2 "$RC"
t_match "missing file says it is missing" 'ありません' "$ERR"
printf '' > "$T_TMP/empty.json"
t_run validate "$T_TMP/empty.json"
t_eq "empty file exits 2" 2 "$RC"
t_run validate "$NB_ROOT/forms"
t_eq "a folder exits 2" 2 "$RC"

# After the deadline: still valid, with a warning that outputs say 期限後.
NANBYO_TODAY=2026-04-01 t_run validate "$FIX/valid.json"
t_eq "after the deadline still exits 0" 0 "$RC"
t_match "after the deadline warns 期限後" '期限後' "$ERR"

# A 10,000-character name is refused by length, not crashed on.
/usr/bin/python3 -c '
import json,sys
d=json.load(open(sys.argv[1])); d["fields"]["institution_name"]="髙"*10000
json.dump(d,open(sys.argv[2],"w"),ensure_ascii=False)' "$FIX/valid.json" "$T_TMP/long.json"
t_run validate "$T_TMP/long.json"
t_eq "10,000-character name exits 1" 1 "$RC"
t_match "10,000-character name: limit in characters" 'institution_name: .*60文字までです' "$OUT"

# Variant kanji are warnings with a suggestion, never problems.
/usr/bin/python3 -c '
import json,sys
d=json.load(open(sys.argv[1])); d["fields"]["representative"]="院長 髙﨑 太郎"
json.dump(d,open(sys.argv[2],"w"),ensure_ascii=False)' "$FIX/valid.json" "$T_TMP/kanji.json"
t_run validate "$T_TMP/kanji.json"
t_eq "髙﨑 stays valid" 0 "$RC"
t_match "髙 warned with 高 suggested" '「髙」.*「高」' "$ERR"

# The second definition validates its own fields.
t_run validate --form "$FIX/forms/testpref-r9.yaml" "$FIX/testpref-valid.json"
t_eq "other definition's answers are valid under it" 0 "$RC"
t_run validate "$FIX/testpref-valid.json"
t_eq "the answers name their survey; without the folder it is not found" 2 "$RC"
NANBYO_FORMS_DIR="$FIX/forms" t_run validate "$FIX/testpref-valid.json"
t_eq "found through NANBYO_FORMS_DIR" 0 "$RC"
t_run validate --form "$FIX/forms/testpref-r9.yaml" "$FIX/valid.json"
t_eq "Yamaguchi answers under the other definition fail" 1 "$RC"
t_match "...on its own field beds" '^beds: ' "$OUT"
t_match "...and its own date range" 'planned_start: 令和9年5月1日から' "$OUT"
t_match "...and its prefecture number" 'institution_code: .*01' "$OUT"
# The 「名前の正しい字であれば」 note only on name fields (issue 13).
/usr/bin/python3 -c '
import json,sys
d=json.load(open(sys.argv[1])); d["fields"]["institution_name"]="髙橋医院"; d["fields"]["address"]="山口市髙町1番1号"
json.dump(d,open(sys.argv[2],"w"),ensure_ascii=False)' "$FIX/valid.json" "$T_TMP/variant.json"
t_run validate "$T_TMP/variant.json"
t_match "a name field's warning says a right variant may stay" '医療機関名に機種依存文字.*名前の正しい字であれば' "$ERR$OUT"
t_nomatch "the address's warning has no note about names" '所在地に機種依存文字[^\n]*名前の正しい字' "$ERR$OUT"
t_done
