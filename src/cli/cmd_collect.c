/* collect PATH...: the prefecture's side (docs/collect.md). Every received file
 * (e-mail, answers file, fax image) is read once into the collection
 * database, each response validated; then the whole collection is
 * reported: one row per institution, totals, superseded saves and the
 * inputs that could not be read, each with its reason. Lives in
 * nanbyo-survey-collect.so. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli_util.h"
#include "commands.h"
#include "../collect/collect.h"
#include "../collect/report.h"
#include "../collect/store.h"
#include "../collect/walk.h"
#include "nanbyo/atomic_file.h"
#include "nanbyo/paths.h"
#include "nanbyo/quote.h"
#include "nanbyo/xalloc.h"
#include "nanbyo/yen.h"

static const char help[] =
    "使い方: nanbyo-survey collect [--form ID] [--db FILE] [--xlsx F] [--csv F] [--json] PATH...\n"
    "(県の担当者用) 届いた回答を集計します。PATH はファイルかフォルダー (中を全部読みます) で、\n"
    "メール (.eml、添付の回答 JSON)、回答ファイル (.json)、調査票 (.xlsx)、\n"
    "FAX の画像 (.tif .tiff .png .pdf、調査票の QR コードを読みます) を読みます。\n"
    "同じファイルを2回読んでも1回分です。同じ医療機関から新しい回答が届くと、\n"
    "古い回答は「置き換えられた回答」として残ります。\n"
    "  --db FILE   集計データベース (既定: ~/.local/share/nanbyo-survey/collect.sqlite)\n"
    "  --xlsx F    医療機関ごとに1行の集計表 (合計行、置き換えられた回答、読めなかったファイル)\n"
    "  --csv F     集計表の回答一覧を CSV (Shift_JIS) で\n"
    "  --json      結果を JSON で出力する\n"
    "終了コード: 0 すべて読めた、1 読めない・問題のある回答がある (一覧に出ます)、2 使い方の誤り\n"
    "例: nanbyo-survey collect 受信フォルダー --xlsx 集計.xlsx\n";

typedef struct {
    nb_store *store;
    const char *survey;
} sink;

static void store_found(void *ctx, const nb_found *f)
{
    sink *s = ctx;
    nb_store_found(s->store, s->survey, f);
    nb_answers_free(f->answers); /* the reader handed it over */
}

/* One sentence for a file that cannot even be opened as a regular file. */
static void refuse_file(sink *s, const char *path, const char *reason)
{
    char key[4300];
    snprintf(key, sizeof key, "unreadable:%.200s:%.4000s", reason, path);
    if (nb_store_has_input(s->store, key))
        return;
    nb_store_begin(s->store, key, path);
    nb_found f = {path, NB_CH_JSON, NULL, reason};
    store_found(s, &f);
    nb_error err = {{0}};
    if (nb_store_commit(s->store, &err) != 0)
        nb_cli_fail("%s", err.msg);
}

/* Read the file without blocking on a FIFO and without reading more than
 * NB_COLLECT_MAX_FILE: NULL and *why when it cannot be read. */
static char *read_input(const char *path, size_t *len, const char **why)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *why = nb_errno_read_text(errno);
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        *why = "ふつうのファイルではありません (フォルダーへのリンク、FIFO、デバイスなど)。";
        return NULL;
    }
    if (st.st_size > NB_COLLECT_MAX_FILE) {
        close(fd);
        *why = "ファイルが大きすぎます (64 MB まで)。回答のファイルか確認してください。";
        return NULL;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
        if (n == cap) /* grew while we read: stop at the size we checked */
            break;
    }
    close(fd);
    buf[n < cap ? n : cap - 1] = '\0';
    *len = n < cap ? n : cap - 1;
    return buf;
}

static void collect_file(sink *s, const nb_definition *def, const char *path, int *added)
{
    size_t len = 0;
    const char *why = NULL;
    char *data = read_input(path, &len, &why);
    if (!data) {
        refuse_file(s, path, why);
        return;
    }
    char *hash = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
    if (!nb_store_has_input(s->store, hash)) {
        nb_store_begin(s->store, hash, path);
        nb_collect_read(def, path, data, len, store_found, s);
        nb_error err = {{0}};
        if (nb_store_commit(s->store, &err) != 0)
            nb_cli_fail("%s", err.msg);
        else
            (*added)++;
    }
    g_free(hash);
    free(data);
}

static void print_summary(const nb_definition *def, const nb_listing *l, int added)
{
    (void)def;
    size_t current = 0;
    for (size_t i = 0; i < l->n; i++)
        current += !l->r[i].superseded;
    char total[48];
    nb_yen_format(l->subsidy, total, sizeof total);
    printf("新しく読んだファイル %d 件。医療機関 %zu 件 (有効 %lld 件)、補助所要額の合計 %s。\n", added, current,
           l->count, total);
    /* File names and what came from inside the files reach the terminal
     * quoted: a name with a line break must not forge a line of this list,
     * nor an ESC sequence move the cursor. Printable text passes as it is. */
    for (size_t i = 0; i < l->n; i++) {
        const nb_listed *x = &l->r[i];
        if (x->valid || x->superseded)
            continue;
        fprintf(stderr, "問題のある回答: %s (%s)\n", NB_QUOTED(x->row->source, 4096), NB_QUOTED(x->row->code, 64));
        for (size_t k = 0; x->a && k < x->rep.n_problems; k++)
            fprintf(stderr, "  %s: %s\n", NB_QUOTED(x->rep.problems[k].field, 256),
                    NB_QUOTED(x->rep.problems[k].message, 2048));
    }
    for (size_t i = 0; i < l->n_bad; i++)
        fprintf(stderr, "読めなかったファイル: %s: %s\n", NB_QUOTED(l->bad[i].source, 4096),
                NB_QUOTED(l->bad[i].reason, 2048));
}

int cmd_collect(int argc, char **argv)
{
    if (nb_cli_wants_help(argc, argv, help))
        return 0;
    enum { O_FORM = 1, O_DB, O_XLSX, O_CSV, O_JSON };
    static const struct option opts[] = {
        {"form", required_argument, NULL, O_FORM}, {"db", required_argument, NULL, O_DB},
        {"xlsx", required_argument, NULL, O_XLSX}, {"csv", required_argument, NULL, O_CSV},
        {"json", no_argument, NULL, O_JSON},       {NULL, 0, NULL, 0}};
    const char *form = NULL, *db = NULL, *xlsx = NULL, *csv = NULL;
    bool json = false;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case O_FORM: form = optarg; break;
        case O_DB: db = optarg; break;
        case O_XLSX: xlsx = optarg; break;
        case O_CSV: csv = optarg; break;
        case O_JSON: json = true; break;
        default:
            nb_cli_fail(optopt ? "collect のオプション「%s」には値が必要です。nanbyo-survey collect --help を見てください。"
                               : "collect のオプション「%s」は使えません。nanbyo-survey collect --help を見てください。",
                        argv[optind - 1]);
            return 2;
        }
    }
    if (optind >= argc) {
        nb_cli_fail("集計するファイルかフォルダーを1つ以上指定してください。nanbyo-survey collect --help を見てください。");
        return 2;
    }
    nb_definition *def = nb_cli_definition(form);
    if (!def)
        return 2;
    char *dbpath = NULL;
    if (db) {
        dbpath = xstrdup(db);
    } else {
        char *dir = nb_data_dir();
        size_t n = strlen(dir) + 32;
        dbpath = xmalloc(n);
        snprintf(dbpath, n, "%s/collect.sqlite", dir);
        free(dir);
    }
    nb_error err = {{0}};
    nb_store *store = nb_store_open(dbpath, &err);
    free(dbpath);
    if (!store) {
        nb_cli_fail("%s", err.msg);
        nb_def_free(def);
        return 2;
    }
    sink s = {store, def->id};
    int added = 0;
    for (int i = optind; i < argc; i++) {
        nb_paths files = {0};
        nb_paths_collect(&files, argv[i]);
        for (size_t k = 0; k < files.n; k++)
            collect_file(&s, def, files.v[k], &added);
        nb_paths_free(&files);
    }
    nb_listing l;
    nb_listing_build(store, def, &l);
    int rc = 0;
    for (size_t i = 0; i < l.n; i++)
        if (!l.r[i].valid && !l.r[i].superseded)
            rc = 1;
    if (l.n_bad)
        rc = 1;
    if (xlsx && nb_collect_xlsx(def, &l, xlsx, &err) != 0) {
        nb_cli_fail("%s", err.msg);
        rc = 1;
    }
    if (csv && nb_collect_csv(def, &l, csv, &err) != 0) {
        nb_cli_fail("%s", err.msg);
        rc = 1;
    }
    if (json)
        nb_cli_print_json(nb_collect_json(&l));
    else
        print_summary(def, &l, added);
    nb_listing_free(&l);
    nb_store_close(store);
    nb_def_free(def);
    return rc;
}
