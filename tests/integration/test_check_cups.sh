#!/usr/bin/env bash
# The printer check against a private cupsd started here (its own config
# folder, a unix socket in a temporary folder, file: queues): an A4 queue,
# a Letter-only queue, a cups-pdf queue (virtual), no queues, and no
# scheduler at all. CUPS_SERVER points libcups at it.
. "$(dirname "$0")/../lib.sh"

if ! command -v cupsd >/dev/null || ! command -v lpadmin >/dev/null; then
    echo "# cupsd or lpadmin missing (cups-daemon, cups-client): printer tests cannot run"
    not_ok "private cupsd available"
    t_done
fi
if [ "$(id -u)" != 0 ]; then
    echo "ok 1 # SKIP a private cupsd needs root here (it switches to the lp user)"
    echo "1..1"
    exit 0
fi

D=$T_TMP/cups
mkdir -p "$D"/{conf,spool/tmp,cache,state,log}
cat >"$D/conf/cupsd.conf" <<EOF
Listen $D/cups.sock
LogLevel warn
WebInterface No
Browsing Off
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
cat >"$D/conf/cups-files.conf" <<EOF
ServerRoot $D/conf
RequestRoot $D/spool
TempDir $D/spool/tmp
CacheDir $D/cache
StateDir $D/state
ErrorLog $D/log/error_log
AccessLog $D/log/access_log
PageLog $D/log/page_log
FileDevice Yes
User lp
Group lp
SystemGroup root
EOF
chmod 755 "$T_TMP"
chown -R root:lp "$D"
chmod -R go+rX "$D/conf"
chmod 770 "$D"/{spool,spool/tmp,cache,state,log}

# A minimal PPD offering one page size.
ppd() { # name size width height
    cat <<EOF
*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "NBTEST.PPD"
*Manufacturer: "nanbyo tests"
*Product: "(nanbyo test printer)"
*ModelName: "nanbyo $1"
*ShortNickName: "nanbyo $1"
*NickName: "nanbyo $1"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: False
*DefaultColorSpace: Gray
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsFilter: "application/vnd.cups-postscript 0 -"
*OpenUI *PageSize: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: $2
*PageSize $2/$2: "<</PageSize[$3 $4]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: $2
*PageRegion $2/$2: "<</PageSize[$3 $4]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: $2
*ImageableArea $2/$2: "18 18 $(($3 - 18)) $(($4 - 18))"
*DefaultPaperDimension: $2
*PaperDimension $2/$2: "$3 $4"
EOF
}
ppd TestA4 A4 595 842 >"$D/a4.ppd"
ppd TestLetter Letter 612 792 >"$D/letter.ppd"

cupsd -f -c "$D/conf/cupsd.conf" -s "$D/conf/cups-files.conf" >"$D/log/stdout" 2>&1 &
CUPSD_PID=$!
trap 'kill "$CUPSD_PID" 2>/dev/null; wait "$CUPSD_PID" 2>/dev/null; rm -rf "$T_TMP"' EXIT
for _ in $(seq 50); do [ -S "$D/cups.sock" ] && break; sleep 0.1; done
export CUPS_SERVER=$D/cups.sock
if [ ! -S "$D/cups.sock" ]; then
    not_ok "private cupsd started" "$(tail -5 "$D/log/stdout" "$D/log/error_log" 2>/dev/null)"
    t_done
fi
ok "private cupsd started on a unix socket"

# printer field of `check --json`: status<TAB>measured<TAB>detail
printer() {
    "$NB_BIN" check --json --no-network | /usr/bin/python3 -c '
import json, sys
c = [x for x in json.load(sys.stdin)["checks"] if x["id"] == "printer"][0]
print(c["status"] + "\t" + c["measured"] + "\t" + c["detail"])'
}
admin() { lpadmin "$@" 2>&1 | grep -v 'deprecated' || true; }

P=$(printer)
t_eq "no queues: fail" "fail" "${P%%$'\t'*}"
t_match "no queues: says none are registered" "登録されたプリンターがありません" "$P"

admin -p TestA4 -E -v file:///dev/null -P "$D/a4.ppd"
admin -p TestLetter -E -v file:///dev/null -P "$D/letter.ppd"
admin -d TestA4
P=$(printer)
t_eq "A4 default queue: pass" "pass" "${P%%$'\t'*}"
t_match "A4 queue measured as A4-capable and default" "TestA4 \(既定, A4 可\)" "$P"
t_match "Letter-only queue measured as not A4" "TestLetter \(A4 不可\)" "$P"

admin -d TestLetter
P=$(printer)
t_eq "default Letter, A4 elsewhere: still pass" "pass" "${P%%$'\t'*}"
t_match "default Letter: the clerk is told to pick the A4 queue" "既定のプリンターでは A4 が選べません" "$P"

admin -x TestA4
P=$(printer)
t_eq "Letter-only: warn" "warn" "${P%%$'\t'*}"
t_match "Letter-only: says A4 cannot be chosen" "A4 用紙を選べません" "$P"

if [ -f /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd ]; then
    admin -p PDF -E -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
    P=$(printer)
    t_eq "only a PDF queue has A4: warn" "warn" "${P%%$'\t'*}"
    t_match "PDF queue flagged as virtual" "PDF \(PDF 作成用, A4 可\)" "$P"
    t_match "virtual-only explained" "仮想プリンター" "$P"
else
    echo "# printer-driver-cups-pdf not installed: virtual queue case not run"
fi

kill "$CUPSD_PID"
wait "$CUPSD_PID" 2>/dev/null
P=$(printer)
t_eq "no scheduler: unknown, not fail" "unknown" "${P%%$'\t'*}"
t_match "no scheduler: names the server" "cups.sock" "$P"
t_done
