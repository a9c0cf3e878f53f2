/* The rules (see probe_rules.h): facts in, one judged result out, with
 * the measured value, the requirement, why, and what to do, in Japanese.
 * Pure: no I/O, no clock, no environment. Thresholds only from the
 * definition. Sizes are compared as integers; only display uses %.1f. */
#include "probe_rules.h"
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define GIB (1024.0 * 1024.0 * 1024.0)

NB_PRINTF(3, 4)
static void cat(char *buf, size_t n, const char *fmt, ...)
{
    size_t used = strlen(buf);
    if (used >= n - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + used, n - used, fmt, ap);
    va_end(ap);
}
NB_PRINTF(3, 4)
static void put(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, n, fmt, ap);
    va_end(ap);
}
#define CAT(field, ...) cat(r->field, sizeof r->field, __VA_ARGS__)

/* The words that name one platform's tools and places. Everything else
 * the rules say is the same on Linux and on Windows. */
typedef struct {
    const char *disk_source;   /* how free space was measured */
    const char *mem_missing;   /* why memory could not be read */
    const char *spooler;       /* what lists the printers */
    const char *app_places;    /* where applications were looked for */
    const char *proxy_source;  /* where the proxy settings were read */
} platform_texts;

static const platform_texts LINUX_TEXTS = {
    .disk_source = "statvfs",
    .mem_missing = "/proc/meminfo がありません",
    .spooler = "印刷の仕組み (CUPS)",
    .app_places = "デスクトップ項目やプログラム",
    .proxy_source = "環境変数",
};
static const platform_texts WINDOWS_TEXTS = {
    .disk_source = "GetDiskFreeSpaceExW",
    .mem_missing = "GlobalMemoryStatusEx が失敗しました",
    .spooler = "Windows の印刷スプーラー",
    .app_places = "レジストリの App Paths とアンインストール情報",
    .proxy_source = "Windows のプロキシ設定",
};

static const platform_texts *texts(const nb_session_facts *s)
{
    return s && s->windows ? &WINDOWS_TEXTS : &LINUX_TEXTS;
}

void nb_rule_init(nb_check_result *r, const char *id, const char *title, bool required)
{
    memset(r, 0, sizeof *r);
    r->id = id;
    r->title = title;
    r->required = required;
    r->status = NB_CHECK_PENDING;
}

static void session_note(const nb_session_facts *s, nb_check_result *r)
{
    if (s && s->container)
        CAT(detail, "%sコンテナ (%s) の中で測った値で、PC 本体の値とは限りません。",
            "", s->container_kind);
    else if (s && s->vm)
        CAT(detail, "%s仮想マシンの中で測った値で、PC 本体の値ではありません。", "");
}

void nb_rule_not_run(nb_check_result *r)
{
    r->network = true;
    r->status = NB_CHECK_NA;
    put(r->measured, sizeof r->measured, "実行しませんでした");
    put(r->detail, sizeof r->detail,
             "ネットワークの確認をしない指定のため、実行しませんでした。");
    put(r->advice, sizeof r->advice,
             "ネットワークの確認もするには、接続に同意してもう一度確認してください。");
}

void nb_rule_deadline(nb_check_result *r, double timeout_s, bool network)
{
    r->status = network ? NB_CHECK_FAIL : NB_CHECK_UNKNOWN;
    put(r->measured, sizeof r->measured, "制限時間 %.0f 秒以内に終わりませんでした", timeout_s);
    put(r->detail, sizeof r->detail, "%s",
             network ? "接続先が時間内に応答しませんでした。途中の機器が通信を止めている可能性があります。"
                     : "確認が時間内に終わらなかったため、結果が分かりません。");
    put(r->advice, sizeof r->advice, "%s",
             network ? "ネットワークの接続を確かめ、もう一度実行してください。続く場合はネットワーク管理者に相談してください。"
                     : "もう一度実行してください。");
}

/* ---- OS ---------------------------------------------------------------- */
void nb_rule_os(const nb_session_facts *s, nb_check_result *r)
{
    nb_rule_init(r, "os", "OS と利用環境", false);
    put(r->required_text, sizeof r->required_text,
             "Windows または macOS の PC 本体で実行していること");
    CAT(measured, "%s", s->os_name);
    if (s->arch[0])
        CAT(measured, " (%s)", s->arch);
    if (s->ssh)
        CAT(measured, "、SSH 接続");
    if (s->wsl)
        CAT(measured, "、WSL");
    if (s->container)
        CAT(measured, "、コンテナ (%s)", s->container_kind);
    if (s->vm)
        CAT(measured, "、仮想マシン (%s)", s->vm_kind);
    if (s->wsl) {
        r->status = NB_CHECK_WARN;
        CAT(detail, "WSL の中で動いているため、メモリ・ディスク・画面の値は Windows 本体ではなく WSL のものです。");
        CAT(advice, "Windows の「設定」の「システム」の「バージョン情報」で、実装 RAM などを確かめてください。");
        return;
    }
    if (s->container) {
        r->status = NB_CHECK_WARN;
        CAT(detail, "コンテナ (%s) の中で動いているため、ハードウェアの値は PC 本体のものとは限りません。",
            s->container_kind);
        CAT(advice, "オンライン登録に使う PC 本体で、この確認を実行してください。");
        return;
    }
    if (s->vm) {
        r->status = NB_CHECK_WARN;
        CAT(detail, "仮想マシン (%s) の中で動いているため、メモリなどは仮想マシンへの割り当て量です。",
            s->vm_kind);
        CAT(advice, "オンライン登録に使う PC 本体で、この確認を実行してください。");
        return;
    }
    if (s->windows) {
        if (s->rdp) {
            CAT(measured, "、リモートデスクトップ");
            r->status = NB_CHECK_WARN;
            CAT(detail, "リモートデスクトップで接続しているため、画面とプリンターは接続元の PC のものが見えています。");
            CAT(advice, "オンライン登録に使う PC の前で、直接この確認を実行してください。");
        } else if (s->win_major >= 10) {
            r->status = NB_CHECK_PASS;
        } else {
            r->status = NB_CHECK_WARN;
            CAT(detail, "この Windows はマイクロソフトのサポートが終わっています。");
            CAT(advice, "Windows 10 または 11 の PC を使ってください。");
        }
        return;
    }
    if (s->macos) {
        r->status = s->ssh ? NB_CHECK_WARN : NB_CHECK_PASS;
    } else {
        r->status = NB_CHECK_WARN;
        CAT(detail, "Linux には Acrobat Reader と Excel がなく、AWS VPN Client は Ubuntu 版だけです。");
        CAT(advice, "オンライン登録には Windows 10/11 または macOS の PC を使うことをお勧めします。");
    }
    if (s->ssh) {
        CAT(detail, "%sSSH 経由で実行しているため、画面が測れないことがあります。", "");
        CAT(advice, "%sPC の前で直接実行すると、画面も測れます。", "");
    }
}

/* ---- RAM --------------------------------------------------------------- */
void nb_rule_ram(const nb_pc_requirements *pc, const nb_mem_facts *m,
                 const nb_session_facts *s, nb_check_result *r)
{
    nb_rule_init(r, "ram", "メモリ (RAM)", pc->ram_required);
    uint64_t need = (uint64_t)(pc->ram_gb > 0 ? pc->ram_gb : 0) * 1000000000ULL;
    int64_t tol = pc->ram_tolerance_percent;
    if (tol < 0 || tol > 50)
        tol = 0;
    uint64_t need_usable = need / 100 * (uint64_t)(100 - tol);
    put(r->required_text, sizeof r->required_text,
             "%" PRId64 " GB 以上 (%s; OS が使える量なら %.1f GB 以上)", pc->ram_gb,
             pc->ram_required ? "必須" : "推奨", need_usable / 1e9);
    if (m->installed)
        CAT(measured, "搭載 %.1f GB (%s)", m->installed / 1e9, m->installed_src);
    if (m->usable)
        CAT(measured, "%s使用可能 %.1f GB (%s)", r->measured[0] ? "、" : "", m->usable / 1e9,
            m->usable_src);
    if (s && s->wsl) {
        r->status = NB_CHECK_UNKNOWN;
        CAT(detail, "WSL のメモリは Windows が割り当てた上限で、PC の搭載量ではありません。");
        CAT(advice, "Windows の「設定」の「システム」の「バージョン情報」で実装 RAM を確かめてください。");
        return;
    }
    bool ok;
    if (m->installed) {
        ok = m->installed >= need;
        if (!ok)
            CAT(detail, "搭載量 %.1f GB は %s の %" PRId64 " GB に足りません。", m->installed / 1e9,
                pc->ram_required ? "要件" : "推奨値", pc->ram_gb);
    } else if (m->usable) {
        ok = m->usable >= need_usable;
        CAT(detail, "搭載量は管理者権限なしでは読めないため、OS が使える量から判断しました "
                    "(%" PRId64 " GB の PC でも、OS が使える量は少し少なく表示されます)。", pc->ram_gb);
        if (!ok)
            CAT(detail, "使用可能 %.1f GB は %.1f GB に足りません。", m->usable / 1e9, need_usable / 1e9);
    } else {
        r->status = NB_CHECK_UNKNOWN;
        put(r->measured, sizeof r->measured, "読み取れませんでした");
        CAT(detail, "メモリの量を読み取れませんでした (%s)。", texts(s)->mem_missing);
        CAT(advice, "PC のシステム情報の画面で、メモリ (RAM) の量を確かめてください。");
        session_note(s, r);
        return;
    }
    if (ok) {
        r->status = NB_CHECK_PASS;
    } else {
        r->status = pc->ram_required && !(s && s->vm) ? NB_CHECK_FAIL : NB_CHECK_WARN;
        CAT(advice, "メモリを %" PRId64 " GB 以上に増やすか、%" PRId64 " GB 以上のメモリを積んだ PC を使ってください。%s",
            pc->ram_gb, pc->ram_gb, pc->ram_required ? "" : " 推奨値を下回ると、動作が遅くなることがあります。");
    }
    session_note(s, r);
}

/* ---- disk -------------------------------------------------------------- */
void nb_rule_disk(const nb_pc_requirements *pc, const nb_disk_facts *d,
                  const nb_session_facts *s, nb_check_result *r)
{
    nb_rule_init(r, "disk", "ディスクの空き容量", true);
    uint64_t need = (uint64_t)(pc->disk_free_gb > 0 ? pc->disk_free_gb : 0) << 30;
    put(r->required_text, sizeof r->required_text,
             "空き %" PRId64 " GB 以上 (1 GB = 1024^3 バイト)", pc->disk_free_gb);
    const nb_volume *worst = NULL;
    for (size_t i = 0; i < d->n; i++) {
        const nb_volume *v = &d->v[i];
        if (v->ok) {
            CAT(measured, "%s%s %s: 空き %.1f GB / 全体 %.1f GB", i ? "、" : "", v->label, v->path,
                v->space.avail / GIB, v->space.total / GIB);
            if (!worst || v->space.avail < worst->space.avail)
                worst = v;
        } else {
            CAT(measured, "%s%s %s: %s", i ? "、" : "", v->label, v->path, v->err);
        }
    }
    if (r->measured[0])
        CAT(measured, " (%s)", texts(s)->disk_source);
    if (s && s->wsl) {
        r->status = NB_CHECK_UNKNOWN;
        CAT(detail, "WSL の中の値で、Windows の C ドライブの空きではありません。");
        CAT(advice, "Windows のエクスプローラーで C ドライブの空き容量を確かめてください。");
        return;
    }
    if (!worst) {
        r->status = NB_CHECK_UNKNOWN;
        CAT(detail, "空き容量を読み取れませんでした。");
        CAT(advice, "PC のファイル管理の画面で、ディスクの空き容量を確かめてください。");
        return;
    }
    if (worst->space.avail >= need) {
        r->status = NB_CHECK_PASS;
    } else {
        /* Only the Downloads folder (a separate volume) is short: files can
         * be saved elsewhere, so it is a warning. */
        bool others_ok = true;
        for (size_t i = 0; i < d->n; i++)
            if (d->v[i].ok && &d->v[i] != worst && d->v[i].space.avail < need)
                others_ok = false;
        bool downloads = strcmp(worst->label, "ダウンロード") == 0;
        r->status = downloads && others_ok ? NB_CHECK_WARN : NB_CHECK_FAIL;
        CAT(detail, "%s (%s) の空き %.1f GB が %" PRId64 " GB に足りません。", worst->label, worst->path,
            worst->space.avail / GIB, pc->disk_free_gb);
        CAT(advice, "不要なファイルを削除して %" PRId64 " GB 以上空けるか、空きの多いディスクの PC を使ってください。",
            pc->disk_free_gb);
    }
    session_note(s, r);
}

/* ---- display ----------------------------------------------------------- */
void nb_rule_display(const nb_pc_requirements *pc, const nb_display_facts *d,
                     const nb_session_facts *s, nb_check_result *r)
{
    nb_rule_init(r, "display", "画面の解像度", true);
    int minw = (int)pc->display_min_w, minh = (int)pc->display_min_h;
    int recw = (int)pc->display_rec_w, rech = (int)pc->display_rec_h;
    put(r->required_text, sizeof r->required_text, "%dx%d 以上 (推奨 %dx%d 以上)", minw, minh,
             recw, rech);
    if (d->n == 0) {
        r->status = NB_CHECK_UNKNOWN;
        put(r->measured, sizeof r->measured, "測れませんでした");
        CAT(detail, "%s", d->why_none[0] ? d->why_none : "画面の情報が見つかりません。");
        CAT(advice, "画面の解像度 (例: 1920x1080) を手入力できます (調査票の「PCの要件確認」ページの「画面の大きさを入力」)。"
                    "Windows では「設定」の「ディスプレイ」で確かめられます。");
        return;
    }
    const nb_monitor *best = NULL;
    bool rec = false, min = false;
    for (size_t i = 0; i < d->n; i++) {
        const nb_monitor *m = &d->m[i];
        CAT(measured, "%s%s %dx%d", i ? "、" : "", m->name, m->w, m->h);
        if (m->w >= recw && m->h >= rech)
            rec = true;
        if (m->w >= minw && m->h >= minh)
            min = true;
        if (!best || (long)m->w * m->h > (long)best->w * best->h)
            best = m;
    }
    CAT(measured, " (%s)", d->source);
    if (rec) {
        r->status = NB_CHECK_PASS;
    } else if (min) {
        r->status = NB_CHECK_WARN;
        CAT(detail, "最低の %dx%d は満たしますが、推奨の %dx%d には届きません。", minw, minh, recw, rech);
        CAT(advice, "%dx%d 以上の画面を使うと、入力画面の全体が見やすくなります。", recw, rech);
    } else {
        r->status = NB_CHECK_FAIL;
        CAT(detail, "どの画面も %dx%d に届きません。%s %dx%d は", minw, minh, best->name, best->w, best->h);
        if (best->w < minw)
            CAT(detail, "幅 %d が %d 未満", best->w, minw);
        if (best->w < minw && best->h < minh)
            CAT(detail, "、");
        if (best->h < minh)
            CAT(detail, "高さ %d が %d 未満", best->h, minh);
        CAT(detail, "です。");
        CAT(advice, "%dx%d 以上の画面をつないでください (幅と高さの両方が必要です。1366x768 などのノート PC の画面は高さが足りません)。",
            minw, minh);
    }
    if (d->manual)
        CAT(detail, "%s手入力された値で判断しました。", "");
    else if (s && s->wayland && strstr(d->source, "xrandr"))
        CAT(detail, "Wayland の画面では、拡大表示の設定によって実際より小さい値になることがあります。");
    else if (s && s->ssh && strstr(d->source, "drm"))
        CAT(detail, "%sSSH 経由のため、この PC につながった画面の推奨解像度を読みました。", "");
}

/* ---- browsers ---------------------------------------------------------- */
static bool listed(char *const *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] && strcmp(list[i], id) == 0)
            return true;
    return false;
}

void nb_rule_browser(const nb_pc_requirements *pc, const nb_browser_facts *b,
                     const nb_session_facts *s, nb_check_result *r)
{
    nb_rule_init(r, "browser", "ブラウザー", true);
    static const struct { const char *id, *name; size_t off; } all[] = {
        {"edge", "Microsoft Edge", offsetof(nb_browser_facts, edge)},
        {"chrome", "Google Chrome", offsetof(nb_browser_facts, chrome)},
        {"safari", "Safari", offsetof(nb_browser_facts, safari)},
    };
    int found = 0;
    for (size_t i = 0; i < 3; i++) {
        if (!listed(pc->browsers, pc->n_browsers, all[i].id))
            continue;
        CAT(required_text, "%s%s%s", r->required_text[0] ? " / " : "", all[i].name,
            strcmp(all[i].id, "safari") == 0 ? " (macOS)" : "");
        const nb_app_hit *h = (const nb_app_hit *)((const char *)b + all[i].off);
        if (h->found) {
            CAT(measured, "%s%s%s%s (%s)", found ? "、" : "", all[i].name, h->version[0] ? " " : "",
                h->version, h->where);
            found++;
        }
    }
    CAT(required_text, " のどれか");
    if (found) {
        r->status = NB_CHECK_PASS;
        return;
    }
    if (listed(pc->browsers, pc->n_browsers, "safari") && !(s && s->macos))
        CAT(detail, "Safari は macOS だけのブラウザーのため、この PC では対象外です。");
    if (b->firefox.found || b->chromium.found) {
        r->status = NB_CHECK_WARN;
        put(r->measured, sizeof r->measured, "%s%s%s", b->firefox.found ? "Firefox" : "",
                 b->firefox.found && b->chromium.found ? "、" : "", b->chromium.found ? "Chromium" : "");
        CAT(measured, " だけ");
        CAT(detail, "%s見つかったブラウザーは、難病・小慢 DB の対応ブラウザーではありません。",
            "");
    } else if (s && s->container) {
        r->status = NB_CHECK_UNKNOWN;
        put(r->measured, sizeof r->measured, "見つかりません (コンテナの中)");
        CAT(detail, "%sコンテナ (%s) の中のため、PC 本体のブラウザーは確かめられません。",
            "", s->container_kind);
        CAT(advice, "オンライン登録に使う PC 本体で確かめてください。");
        return;
    } else {
        r->status = NB_CHECK_FAIL;
        put(r->measured, sizeof r->measured, "見つかりません");
        CAT(detail, "対応ブラウザーのアプリ (%s) が見つかりません。", texts(s)->app_places);
    }
    CAT(advice, "Microsoft Edge または Google Chrome をインストールしてください。");
}

/* ---- software ---------------------------------------------------------- */
const char *nb_rule_software_title(const char *id)
{
    if (strcmp(id, "acrobat_reader") == 0)
        return "Acrobat Reader";
    if (strcmp(id, "excel") == 0)
        return "Microsoft Excel";
    if (strcmp(id, "aws_vpn_client") == 0)
        return "AWS VPN Client";
    return id;
}

void nb_rule_software(const char *id, const nb_software_facts *sw,
                      const nb_session_facts *s, nb_check_result *r)
{
    nb_rule_init(r, id, nb_rule_software_title(id), false);
    put(r->required_text, sizeof r->required_text, "%s がインストールされていること",
             nb_rule_software_title(id));
    bool mac = s && s->macos;
    if (s && s->windows) {
        const nb_app_hit *h = strcmp(id, "acrobat_reader") == 0 ? &sw->acrobat
                            : strcmp(id, "excel") == 0 ? &sw->excel
                            : strcmp(id, "aws_vpn_client") == 0 ? &sw->awsvpn : NULL;
        if (!h) {
            r->status = NB_CHECK_UNKNOWN;
            CAT(measured, "確かめられませんでした");
            CAT(detail, "この項目 (%s) を確かめる方法がありません。", id);
            CAT(advice, "アプリの一覧で %s があるか確かめてください。", nb_rule_software_title(id));
        } else if (h->found) {
            r->status = NB_CHECK_PASS;
            CAT(measured, "%s%s%s (%s)", nb_rule_software_title(id), h->version[0] ? " " : "",
                h->version, h->where);
        } else {
            r->status = NB_CHECK_FAIL;
            CAT(measured, "見つかりません");
            CAT(detail, "%s のインストールの記録がレジストリにありません。", nb_rule_software_title(id));
            CAT(advice, "%s をインストールしてください。%s", nb_rule_software_title(id),
                strcmp(id, "aws_vpn_client") == 0
                    ? "AWS が配布する Windows 用の AWS VPN Client を使います。"
                    : strcmp(id, "acrobat_reader") == 0
                          ? "アクセスキー付きの PDF を開いて印刷するために使います (アドビの無料版で足ります)。"
                          : "");
        }
        return;
    }
    if (strcmp(id, "acrobat_reader") == 0 && !mac) {
        r->status = NB_CHECK_NA;
        if (sw->acrobat.found)
            CAT(measured, "古い Linux 版 (%s)、", sw->acrobat.where);
        CAT(measured, "Linux 版なし");
        CAT(detail, "Adobe Acrobat Reader は Linux 版の提供が終わっています (2013 年)。");
        CAT(advice, "アクセスキー付き臨床調査個人票などの PDF は、Windows か macOS の PC の Acrobat Reader で開いて印刷してください。");
    } else if (strcmp(id, "excel") == 0 && !mac) {
        r->status = NB_CHECK_NA;
        CAT(measured, "Linux 版なし");
        CAT(detail, "Microsoft Excel には Linux 版がありません。");
        CAT(advice, "Excel が要る作業は、Windows か macOS の PC で行ってください。");
    } else if (strcmp(id, "aws_vpn_client") == 0 && !mac) {
        if (sw->awsvpn.found) {
            r->status = NB_CHECK_PASS;
            CAT(measured, "%s", sw->awsvpn.where);
        } else if (s && strcmp(s->os_id, "ubuntu") == 0) {
            r->status = NB_CHECK_WARN;
            CAT(measured, "見つかりません");
            CAT(detail, "AWS VPN Client (Ubuntu 版) がインストールされていません。");
            CAT(advice, "AWS が配布する Ubuntu 用の AWS VPN Client をインストールしてください (公式の対応は Ubuntu の 64 ビット版)。");
        } else {
            r->status = NB_CHECK_NA;
            CAT(measured, "この Linux 用はありません");
            CAT(detail, "AWS VPN Client の Linux 版は Ubuntu 用だけが提供されています。");
            CAT(advice, "VPN 接続には Windows か macOS の PC を使ってください。");
        }
    } else {
        r->status = NB_CHECK_UNKNOWN;
        CAT(measured, "確かめられませんでした");
        CAT(detail, "この OS ではこの項目を確かめる方法がまだありません。");
        CAT(advice, "アプリの一覧で %s があるか確かめてください。", nb_rule_software_title(id));
    }
}

/* ---- printer ----------------------------------------------------------- */
void nb_rule_printer(const nb_pc_requirements *pc, const nb_printer_facts *p,
                     const nb_session_facts *s, nb_check_result *r)
{
    const char *paper = pc->printer_paper && *pc->printer_paper ? pc->printer_paper : "A4";
    nb_rule_init(r, "printer", "プリンター", true);
    put(r->required_text, sizeof r->required_text, "%s 用紙に印刷できるプリンターがあること", paper);
    if (!p->reachable) {
        r->status = NB_CHECK_UNKNOWN;
        put(r->measured, sizeof r->measured, "%s", p->err[0] ? p->err : "プリンターの一覧を読めませんでした");
        CAT(detail, "%sから一覧を受け取れなかったため、分かりません。", texts(s)->spooler);
        CAT(advice, "プリンターの設定画面でプリンターが登録されているか確かめ、%s で試し印刷してください。", paper);
        return;
    }
    if (p->n == 0) {
        r->status = NB_CHECK_FAIL;
        put(r->measured, sizeof r->measured, "登録されたプリンターがありません");
        CAT(detail, "患者さんに渡すアクセスキー付きの書類を印刷するため、%s のプリンターが必要です。", paper);
        CAT(advice, "%s で印刷できるプリンターをつなぎ、OS に登録してください。", paper);
        return;
    }
    bool real_ok = false, virt_ok = false, default_ok = false, has_default = false;
    for (size_t i = 0; i < p->n; i++) {
        const nb_printer *q = &p->p[i];
        CAT(measured, "%s%s (%s%s%s %s)", i ? "、" : "", q->name, q->is_default ? "既定, " : "",
            q->is_virtual ? "PDF 作成用, " : "", paper, q->has_paper ? "可" : "不可");
        if (q->has_paper && !q->is_virtual)
            real_ok = true;
        if (q->has_paper && q->is_virtual)
            virt_ok = true;
        if (q->is_default) {
            has_default = true;
            default_ok = q->has_paper && !q->is_virtual;
        }
    }
    if (real_ok) {
        r->status = NB_CHECK_PASS;
        if (has_default && !default_ok)
            CAT(detail, "既定のプリンターでは %s が選べません。印刷のときに %s 対応のプリンターを選んでください。",
                paper, paper);
        return;
    }
    r->status = NB_CHECK_WARN;
    if (virt_ok) {
        CAT(detail, "%s に対応しているのは PDF を作る仮想プリンターだけで、紙には印刷できません。", paper);
        CAT(advice, "%s で印刷できる実際のプリンターをつなぎ、登録してください。", paper);
    } else {
        CAT(detail, "登録されたプリンターでは %s 用紙を選べません。", paper);
        CAT(advice, "プリンターのドライバーで %s 用紙を選べるようにするか、%s 対応のプリンターを登録してください。",
            paper, paper);
    }
}

/* ---- proxy ------------------------------------------------------------- */
/* Windows keeps one proxy (or one per scheme in its own syntax), a
 * bypass list, an automatic configuration script and "detect
 * automatically"; they are named as the Settings app names them. */
static void windows_proxy_measured(const nb_proxy_facts *p, nb_check_result *r)
{
    if (p->https[0])
        CAT(measured, "プロキシ %s", p->https);
    if (p->pac[0])
        CAT(measured, "%s自動構成スクリプト %s", r->measured[0] ? "、" : "", p->pac);
    if (p->autodetect)
        CAT(measured, "%s設定を自動的に検出する", r->measured[0] ? "、" : "");
}

void nb_rule_proxy(const nb_proxy_facts *p, const nb_session_facts *s, nb_check_result *r)
{
    nb_rule_init(r, "proxy", "プロキシ設定", false);
    put(r->required_text, sizeof r->required_text,
             "VPN の接続先へプロキシを通らずに直接つながること");
    bool win = s && s->windows;
    if (win)
        windows_proxy_measured(p, r);
    else if (p->https[0])
        CAT(measured, "https_proxy=%s", p->https);
    if (p->http[0])
        CAT(measured, "%shttp_proxy=%s", r->measured[0] ? "、" : "", p->http);
    if (p->all[0])
        CAT(measured, "%sall_proxy=%s", r->measured[0] ? "、" : "", p->all);
    if (!r->measured[0]) {
        r->status = NB_CHECK_PASS;
        put(r->measured, sizeof r->measured, "なし (%s)", texts(s)->proxy_source);
        if (!win)
            CAT(detail, "ブラウザー独自のプロキシ設定 (PAC など) は確かめていません。");
    } else {
        if (p->no[0])
            CAT(measured, win ? "、例外 %s" : "、no_proxy=%s", p->no);
        r->status = NB_CHECK_WARN;
        CAT(detail, "プロキシが設定されています。AWS VPN Client はプロキシを通れないため、VPN には直接の接続が必要です。");
        CAT(advice, "ネットワーク管理者に、VPN の接続先 (.ovpn の remote とポート) への直接の通信が許可されているか確かめてください。");
    }
    if (p->upper_http_only)
        CAT(detail, "%s大文字の HTTP_PROXY は、安全のため使われません (小文字の http_proxy を使います)。",
            "");
}

/* ---- DNS --------------------------------------------------------------- */
static void net_fail_advice(const nb_pc_requirements *pc, nb_check_result *r)
{
    CAT(advice, "ネットワークのケーブルや Wi-Fi、プロキシの設定を確かめてください。続く場合は、ネットワーク管理者に外部への HTTPS (TCP %" PRId64 ") が許可されているか確かめてください。",
        pc->tcp_port);
}

void nb_rule_dns(const nb_dns_facts *d, nb_check_result *r)
{
    nb_rule_init(r, "dns", "名前解決 (DNS)", true);
    r->network = true;
    put(r->required_text, sizeof r->required_text, "確認先の名前 (%s) を IP アドレスに変換できること",
             d->host[0] ? d->host : "URL のホスト名");
    if (d->outcome == NB_NET_NOT_RUN) {
        nb_rule_not_run(r);
        return;
    }
    if (d->literal) {
        r->status = NB_CHECK_NA;
        put(r->measured, sizeof r->measured, "%s (IP アドレス)", d->host);
        CAT(detail, "確認先が IP アドレスのため、名前解決はしていません。");
        return;
    }
    if (d->outcome == NB_NET_OK) {
        r->status = NB_CHECK_PASS;
        put(r->measured, sizeof r->measured, "%s は %s (%ld ミリ秒)", d->host, d->addrs, d->elapsed_ms);
        return;
    }
    r->status = NB_CHECK_FAIL;
    put(r->measured, sizeof r->measured, "%s: %s", d->host, d->err[0] ? d->err : "解決できません");
    CAT(detail, "名前を IP アドレスに変換できませんでした。");
    CAT(advice, "ネットワークの設定 (DNS サーバー) を確かめてください。病院のネットワークでは、管理者に外部の名前が引けるか確かめてください。");
}

/* ---- HTTPS ------------------------------------------------------------- */
void nb_rule_https(const nb_pc_requirements *pc, const nb_https_facts *h, nb_check_result *r)
{
    nb_rule_init(r, "https", "HTTPS 接続", true);
    r->network = true;
    put(r->required_text, sizeof r->required_text,
             "%s に HTTPS で接続でき、証明書を確認できること", h->url[0] ? h->url : "確認先");
    if (h->outcome == NB_NET_NOT_RUN) {
        nb_rule_not_run(r);
        return;
    }
    if (h->outcome == NB_NET_OK) {
        CAT(measured, "HTTP %ld 応答 (%ld ミリ秒)", h->http_code, h->elapsed_ms);
        if (h->issuer[0])
            CAT(measured, "、証明書の発行者: %s", h->issuer);
        if (h->via_proxy)
            CAT(measured, "、プロキシ %s 経由", h->proxy);
        if (h->intercept) {
            r->status = NB_CHECK_WARN;
            CAT(detail, "証明書は確認できましたが、発行者が通信の中身を調べる機器 (TLS 検査) のものです (%s)。",
                h->intercept_why);
            CAT(advice, "ブラウザーは使えますが、VPN 接続が妨げられることがあります。ネットワーク管理者に、難病・小慢 DB と VPN の通信を検査から外せるか相談してください。");
        } else {
            r->status = NB_CHECK_PASS;
        }
        return;
    }
    r->status = NB_CHECK_FAIL;
    CAT(measured, "%s", h->err[0] ? h->err : "接続できませんでした");
    if (h->not_https) {
        CAT(detail, "http:// の接続では証明書を確かめられないため、HTTPS の確認になりません。");
        CAT(advice, "https:// で始まる確認先の URL を指定してください (--https-url)。");
        return;
    }
    if (h->outcome == NB_NET_TLS_FAIL) {
        if (h->issuer[0])
            CAT(measured, " (証明書の発行者: %s)", h->issuer);
        CAT(detail, "サーバーの証明書を確かめられなかったため、安全に接続できません。");
        if (h->issuer[0] && nb_issuer_is_inspector(h->issuer, NULL, 0))
            CAT(detail, "発行者は通信の中身を調べる機器 (TLS 検査) のようです。");
        CAT(advice, "PC の日付と時刻が正しいか確かめてください。病院のネットワークが通信を検査している場合は、その証明書を PC に登録する必要があります。ネットワーク管理者に相談してください。");
        return;
    }
    if (h->outcome == NB_NET_PROXY_FAIL) {
        if (h->http_code == 407)
            r->status = NB_CHECK_WARN;
        CAT(detail, "プロキシ (%s) を通れませんでした。", h->proxy[0] ? h->proxy : "設定なし");
        CAT(advice, "プロキシの設定と、ID・パスワードが要るかを、ネットワーク管理者に確かめてください。VPN はプロキシを通れません。");
        return;
    }
    if (h->outcome == NB_NET_TIMEOUT)
        CAT(detail, "接続先が時間内に応答しませんでした。途中の機器が通信を止めている可能性があります。");
    else
        CAT(detail, "確認先のサーバーに接続できませんでした。");
    net_fail_advice(pc, r);
}

/* ---- clock ------------------------------------------------------------- */
void nb_rule_clock(const nb_pc_requirements *pc, const nb_https_facts *h, nb_check_result *r)
{
    nb_rule_init(r, "clock", "時計のずれ", true);
    r->network = true;
    put(r->required_text, sizeof r->required_text,
             "ずれが %" PRId64 " 秒以内 (%" PRId64 " 秒を超えると不合格)", pc->clock_skew_warn_s,
             pc->clock_skew_fail_s);
    if (h->outcome == NB_NET_NOT_RUN) {
        nb_rule_not_run(r);
        return;
    }
    if (!h->have_date) {
        r->status = NB_CHECK_UNKNOWN;
        put(r->measured, sizeof r->measured, "比べられませんでした");
        CAT(detail, "%s", h->outcome == NB_NET_OK
                              ? "サーバーの応答に日時 (Date) がなかったため、PC の時計と比べられません。"
                              : "HTTPS 接続ができなかったため、PC の時計と比べられません。");
        CAT(advice, "PC の日付と時刻が正しいか、画面の時計で確かめてください。");
        return;
    }
    int64_t a = h->skew_s < 0 ? -h->skew_s : h->skew_s;
    put(r->measured, sizeof r->measured, "%" PRId64 " 秒 (PC の時計が%s; サーバーの Date と比較)", a,
             h->skew_s > 0 ? "遅れています" : h->skew_s < 0 ? "進んでいます" : "合っています");
    if (a <= pc->clock_skew_warn_s) {
        r->status = NB_CHECK_PASS;
        return;
    }
    r->status = a <= pc->clock_skew_fail_s ? NB_CHECK_WARN : NB_CHECK_FAIL;
    CAT(detail, "PC の時計が %" PRId64 " 分ほどずれています。大きくずれると、証明書や VPN の確認に失敗します。",
        (a + 30) / 60);
    CAT(advice, "PC の日付と時刻を合わせ、自動で合わせる設定 (NTP) を有効にしてください。");
}

/* ---- VPN --------------------------------------------------------------- */
void nb_rule_vpn(const nb_pc_requirements *pc, const nb_vpn_facts *v, nb_check_result *r)
{
    (void)pc;
    nb_rule_init(r, "vpn", "VPN 接続先", v->configured);
    r->network = true;
    if (v->host[0])
        put(r->required_text, sizeof r->required_text,
                 "%s の %s %d 番に、プロキシなしで直接届くこと", v->host, v->proto, v->port);
    else
        put(r->required_text, sizeof r->required_text,
                 "VPN 設定ファイル (.ovpn) の接続先に、プロキシなしで直接届くこと");
    if (v->outcome == NB_NET_NOT_RUN && v->configured) {
        nb_rule_not_run(r);
        return;
    }
    if (!v->configured) {
        r->status = NB_CHECK_NA;
        put(r->measured, sizeof r->measured, "VPN 設定ファイルの指定なし");
        CAT(detail, "VPN 設定ファイル (.ovpn) が指定されていないため、確かめていません。");
        CAT(advice, "AWS VPN の設定ファイル (.ovpn) を受け取っていれば、指定すると接続先に届くか確かめられます (check --ovpn ファイル)。");
        return;
    }
    if (v->file_err[0]) {
        r->status = NB_CHECK_UNKNOWN;
        put(r->measured, sizeof r->measured, "設定ファイルを使えませんでした");
        CAT(detail, "%s", v->file_err);
        CAT(advice, "AWS のコンソールから書き出した .ovpn ファイルを指定してください。");
        return;
    }
    if (v->random_host && strcmp(v->looked_up, v->host) != 0)
        CAT(detail, "remote-random-hostname のため、名前の前に乱数を付けて (%s) 引きました。", v->looked_up);
    if (v->outcome == NB_NET_OK) {
        /* Only the server's own reset proves an OpenVPN server: a port
         * that accepts may be anything (a firewall, another service). */
        bool spoke = strcmp(v->proto, "tcp") != 0 || v->handshake == NB_VPN_HS_ANSWERED;
        r->status = spoke ? NB_CHECK_PASS : NB_CHECK_WARN;
        put(r->measured, sizeof r->measured, "%s:%d (%s) に%s (%s, %ld ミリ秒)", v->host, v->port,
            v->proto, spoke ? "接続し、OpenVPN サーバーが応答しました" : "接続できましたが、OpenVPN の応答はありません",
            v->addr, v->elapsed_ms);
        if (v->handshake == NB_VPN_HS_SILENT)
            CAT(detail, "TCP の接続は受け付けられましたが、OpenVPN の接続要求を送ってから %.1f 秒待っても何も返りませんでした。",
                (double)v->handshake_waited_ms / 1000.0);
        else if (v->handshake == NB_VPN_HS_OTHER)
            CAT(detail, "TCP の接続は受け付けられましたが、OpenVPN の接続要求に OpenVPN サーバーの応答が返りませんでした (切断されたか、別の種類の応答でした)。");
        else if (v->handshake == NB_VPN_HS_NOT_TRIED)
            CAT(detail, "tls-auth/tls-crypt の設定があるため OpenVPN の応答は確かめられず、接続できることだけを確かめました。");
        if (!spoke)
            CAT(advice, "接続先の %s:%d が VPN の接続先か、途中の機器 (ファイアウォールなど) が OpenVPN の通信を止めていないか、ネットワーク管理者に確かめてください。",
                v->host, v->port);
        return;
    }
    put(r->measured, sizeof r->measured, "%s:%d (%s): %s", v->host, v->port, v->proto,
             v->err[0] ? v->err : "接続できませんでした");
    if (strcmp(v->proto, "udp") == 0 && v->outcome == NB_NET_TIMEOUT) {
        r->status = NB_CHECK_WARN;
        CAT(detail, "%sUDP では応答がありませんでした。通信が遮断されているか、応答が返らないだけかは区別できません。",
            "");
        CAT(advice, "ネットワーク管理者に、UDP %d 番の外向きの通信が許可されているか確かめてください。", v->port);
        return;
    }
    r->status = NB_CHECK_FAIL;
    if (v->outcome == NB_NET_DNS_FAIL) {
        CAT(detail, "%sVPN の接続先の名前を解決できませんでした。", "");
        CAT(advice, "病院の DNS が外部の名前を引けるか、ネットワーク管理者に確かめてください。プロキシ経由でしか外に出られないネットワークでは VPN は使えません。");
    } else {
        CAT(detail, "%sVPN の接続先に直接つながりませんでした。", "");
        CAT(advice, "ファイアウォールで %s %d 番の外向きの通信が許可されているか、ネットワーク管理者に確かめてください。VPN はプロキシを通れません。",
            strcmp(v->proto, "tcp") == 0 ? "TCP" : "UDP", v->port);
    }
}
