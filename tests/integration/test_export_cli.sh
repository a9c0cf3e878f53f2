# export command behaviour: usage errors (exit 2), refusal of invalid
# answers with every problem listed (exit 1), --force, --json, the late
# mark, write failures named in Japanese, and no temp files left behind.
. "$(dirname "$0")/../lib.sh"
VALID=$FIX/valid.json
export NANBYO_TODAY=2026-03-20
O=$T_TMP/out
mkdir -p "$O"

t_run export "$VALID"
t_eq "no output option: exit 2" 2 "$RC"
t_match "no output option: says which options" "--xlsx" "$ERR"

t_run export --xlsx "$O/a.xlsx"
t_eq "no answers file: exit 2" 2 "$RC"

t_run export "$T_TMP/missing.json" --xlsx "$O/a.xlsx"
t_eq "missing answers file: exit 2" 2 "$RC"
t_match "missing answers file: named" "missing.json" "$ERR"

t_run export "$VALID" --xlsx
t_eq "option without its value: exit 2" 2 "$RC"

t_run export "$VALID" --bogus --xlsx "$O/a.xlsx"
t_eq "unknown option: exit 2" 2 "$RC"

t_run export "$VALID" --csv "$O/a.csv" --fax-cover
t_eq "--fax-cover without --pdf: exit 2" 2 "$RC"

t_run export "$VALID" --xlsx "$O/a.xlsx" --pdf "$O/a.pdf" --csv "$O/a.csv"
t_eq "valid answers: exit 0" 0 "$RC"
for f in a.xlsx a.pdf a.csv; do
    if [ -s "$O/$f" ]; then ok "wrote $f"; else not_ok "wrote $f"; fi
done
t_nomatch "valid answers: no draft/late note" "下書き|期限後" "$OUT$ERR"
left=$(ls -A "$O" | grep -c '^\.nanbyo-export' || true)
t_eq "no temp files left beside the outputs" 0 "$left"

# Invalid answers: refused, every problem listed as "field: message".
/usr/bin/python3 - "$VALID" "$T_TMP/bad.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["fields"]["phone"] = "abc"
d["fields"]["institution_code"] = "123"
del d["fields"]["contact_name"]
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
EOF
t_run export "$T_TMP/bad.json" --xlsx "$O/bad.xlsx"
t_eq "invalid answers: exit 1" 1 "$RC"
t_match "problem phone listed" "^phone: " "$ERR"
t_match "problem institution_code listed" "^institution_code: " "$ERR"
t_match "problem contact_name listed" "^contact_name: " "$ERR"
t_match "says how to write a draft" "--force" "$ERR"
if [ -e "$O/bad.xlsx" ]; then not_ok "nothing written when refused"; else ok "nothing written when refused"; fi

t_run export "$T_TMP/bad.json" --xlsx "$O/bad.xlsx" --force --json
t_eq "--force: exit 0" 0 "$RC"
draft=$(printf '%s' "$OUT" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["draft"], d["written"], len(d["problems"]), d["outputs"][0]["ok"])')
t_eq "--json reports draft, written, problems, outputs" "True True 3 True" "$draft"

# After the deadline: every output says 期限後; the command tells the clerk.
NANBYO_TODAY=2026-04-01 t_run export "$VALID" --csv "$O/late.csv" --json
t_eq "late: exit 0" 0 "$RC"
late=$(printf '%s' "$OUT" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["late"])')
t_eq "late: --json says late" "True" "$late"
status=$(iconv -f CP932 -t UTF-8 "$O/late.csv" | /usr/bin/python3 -c 'import csv,sys; r=list(csv.reader(sys.stdin)); print(dict(zip(r[0],r[1]))["状態"])')
t_eq "late: CSV status code late" "late" "$status"
NANBYO_TODAY=2026-03-31 t_run export "$VALID" --csv "$O/ontime.csv"
t_nomatch "deadline day itself is not late" "期限後" "$ERR"

# Write failures are named; the other outputs are still written.
t_run export "$VALID" --xlsx /proc/nanbyo/a.xlsx --csv "$O/still.csv"
t_eq "unwritable output: exit 1" 1 "$RC"
t_match "unwritable output named in Japanese" "/proc/nanbyo/a.xlsx.*(書き出せ|作れ)" "$ERR"
if [ -s "$O/still.csv" ]; then ok "the other output is still written"; else not_ok "the other output is still written"; fi

# Existing files are replaced whole.
printf 'old' > "$O/replace.pdf"
t_run export "$VALID" --pdf "$O/replace.pdf"
head=$(head -c 5 "$O/replace.pdf")
t_eq "existing PDF replaced" "%PDF-" "$head"

# Without a Japanese font the PDF is refused (no page of empty boxes).
mkdir -p "$T_TMP/fc"
cat > "$T_TMP/fc/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>$T_TMP/fc/cache</cachedir></fontconfig>
EOF
FONTCONFIG_FILE=$T_TMP/fc/fonts.conf t_run export "$VALID" --pdf "$O/nofont.pdf"
t_eq "no Japanese font: exit 1" 1 "$RC"
t_match "no Japanese font: says which package" "fonts-ipaexfont-gothic" "$ERR"
if [ -e "$O/nofont.pdf" ]; then not_ok "no Japanese font: no PDF written"; else ok "no Japanese font: no PDF written"; fi

# --eml goes through the message builder and is written whole.
t_run export "$VALID" --eml "$O/a.eml" --from clerk@example.jp
t_eq "--eml: exit 0" 0 "$RC"
eml=$(/usr/bin/python3 - "$O/a.eml" <<'PY'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
kinds = [p.get_content_type() for p in m.iter_attachments()]
print(m["Subject"], "xlsx" if any("spreadsheetml" in k for k in kinds) else "no-xlsx", "clerk@example.jp" in str(m["From"]))
PY
)
t_eq "--eml: subject, xlsx attached, --from used" "オンライン登録所要額調査(やまぐち内科クリニック) xlsx True" "$eml"
t_run export "$VALID" --eml /proc/nanbyo/a.eml
t_eq "--eml to an unwritable place: exit 1" 1 "$RC"
t_match "--eml failure names the file" "/proc/nanbyo/a.eml" "$ERR"

# SOURCE_DATE_EPOCH makes the xlsx and the PDF byte-reproducible.
for n in 1 2; do
    SOURCE_DATE_EPOCH=1774000000 t_run export "$VALID" --xlsx "$O/r$n.xlsx" --pdf "$O/r$n.pdf"
done
t_eq "reproducible xlsx" "$(sha256sum < "$O/r1.xlsx")" "$(sha256sum < "$O/r2.xlsx")"
t_eq "reproducible PDF" "$(sha256sum < "$O/r1.pdf")" "$(sha256sum < "$O/r2.pdf")"

t_run export --help
t_eq "--help: exit 0" 0 "$RC"
t_match "--help explains --fax-cover" "fax-cover" "$OUT"
t_done
