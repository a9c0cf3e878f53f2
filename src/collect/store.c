/* SQLite storage of the collection (see store.h). One statement per
 * concern; every text is bound, never pasted into SQL. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>
#include "store.h"
#include "nanbyo/atomic_file.h"
#include "nanbyo/xalloc.h"

struct nb_store {
    sqlite3 *db;
    char *hash;
    char now[40];
    bool failed;
};

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS inputs(hash TEXT PRIMARY KEY, path TEXT NOT NULL, received_at TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS responses(id INTEGER PRIMARY KEY, survey TEXT NOT NULL,"
    " input_hash TEXT NOT NULL, source TEXT NOT NULL, channel TEXT NOT NULL, received_at TEXT NOT NULL,"
    " institution_code TEXT NOT NULL, saved_at TEXT NOT NULL, answers TEXT NOT NULL,"
    " same TEXT NOT NULL UNIQUE);"
    "CREATE TABLE IF NOT EXISTS unreadable(id INTEGER PRIMARY KEY, input_hash TEXT NOT NULL,"
    " source TEXT NOT NULL, reason TEXT NOT NULL, received_at TEXT NOT NULL);";

nb_store *nb_store_open(const char *path, nb_error *err)
{
    char dir[4096];
    if (nb_dir_of(path, dir, sizeof dir) && nb_mkdirs(dir, 0700) != 0) {
        nb_error_set(err, "集計データベースのフォルダー「%s」を作れません。%s", dir, nb_errno_text(errno));
        return NULL;
    }
    sqlite3 *db = NULL;
    char *msg = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
        sqlite3_busy_timeout(db, 10000) != SQLITE_OK ||
        sqlite3_exec(db, schema, NULL, NULL, &msg) != SQLITE_OK) {
        nb_error_set(err, "集計データベース「%s」を開けません (%s)。--db で別のファイルを指定してください。", path,
                     msg ? msg : db ? sqlite3_errmsg(db) : "メモリ不足");
        sqlite3_free(msg);
        sqlite3_close(db);
        return NULL;
    }
    nb_store *s = xcalloc(1, sizeof *s);
    s->db = db;
    return s;
}

void nb_store_close(nb_store *s)
{
    if (!s)
        return;
    sqlite3_close(s->db);
    free(s->hash);
    free(s);
}

static sqlite3_stmt *prep(nb_store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        s->failed = true;
    return st;
}

static void bind(sqlite3_stmt *st, int i, const char *text)
{
    sqlite3_bind_text(st, i, text ? text : "", -1, SQLITE_TRANSIENT);
}

bool nb_store_has_input(nb_store *s, const char *hash)
{
    sqlite3_stmt *st = prep(s, "SELECT 1 FROM inputs WHERE hash = ?");
    bind(st, 1, hash);
    bool has = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return has;
}

static void step_once(nb_store *s, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        s->failed = true;
    sqlite3_finalize(st);
}

void nb_store_begin(nb_store *s, const char *hash, const char *path)
{
    free(s->hash);
    s->hash = xstrdup(hash);
    s->failed = false;
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(s->now, sizeof s->now, "%Y-%m-%dT%H:%M:%S%z", &tm);
    sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    sqlite3_stmt *st = prep(s, "INSERT INTO inputs(hash, path, received_at) VALUES (?, ?, ?)");
    bind(st, 1, hash);
    bind(st, 2, path);
    bind(st, 3, s->now);
    step_once(s, st);
}

void nb_store_found(nb_store *s, const char *survey, const nb_found *f)
{
    if (!f->answers) {
        sqlite3_stmt *st = prep(s, "INSERT INTO unreadable(input_hash, source, reason, received_at) VALUES (?, ?, ?, ?)");
        bind(st, 1, s->hash);
        bind(st, 2, f->source);
        bind(st, 3, f->reason);
        bind(st, 4, s->now);
        step_once(s, st);
        return;
    }
    char *json = nb_answers_dump(f->answers);
    char *code = nb_answers_get(f->answers, "institution_code");
    const char *saved = nb_answers_saved_at(f->answers);
    /* the same save of the same institution is one response however many
     * ways it arrived (mail and fax); without a code or a time, the
     * content itself is the identity */
    char same[600];
    if (code && *code && saved && *saved)
        snprintf(same, sizeof same, "%.64s|%.200s|%.200s", survey, code, saved);
    else
        snprintf(same, sizeof same, "%.64s|%.100s|%.400s", survey, s->hash, f->source);
    sqlite3_stmt *st = prep(s, "INSERT OR IGNORE INTO responses(survey, input_hash, source, channel, received_at,"
                               " institution_code, saved_at, answers, same) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind(st, 1, survey);
    bind(st, 2, s->hash);
    bind(st, 3, f->source);
    bind(st, 4, f->channel);
    bind(st, 5, s->now);
    bind(st, 6, code);
    bind(st, 7, saved);
    bind(st, 8, json);
    bind(st, 9, same);
    step_once(s, st);
    free(json);
    free(code);
}

int nb_store_commit(nb_store *s, nb_error *err)
{
    if (s->failed || sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        nb_error_set(err, "集計データベースに書き込めません (%s)。空き容量とファイルの権限を確認してください。",
                     sqlite3_errmsg(s->db));
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

static char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return xstrdup(t ? (const char *)t : "");
}

size_t nb_store_responses(nb_store *s, const char *survey, nb_stored **out)
{
    sqlite3_stmt *st = prep(s, "SELECT id, source, channel, received_at, answers, institution_code, saved_at"
                               " FROM responses WHERE survey = ? ORDER BY institution_code, saved_at, id");
    bind(st, 1, survey);
    size_t n = 0, cap = 0;
    nb_stored *v = NULL;
    while (sqlite3_step(st) == SQLITE_ROW) {
        v = xgrowarray(v, &cap, n + 1, sizeof *v, 64);
        v[n++] = (nb_stored){col(st, 1), col(st, 2), col(st, 3), col(st, 4), col(st, 5), col(st, 6),
                             sqlite3_column_int64(st, 0)};
    }
    sqlite3_finalize(st);
    *out = v;
    return n;
}

size_t nb_store_unreadable(nb_store *s, nb_stored_bad **out)
{
    sqlite3_stmt *st = prep(s, "SELECT source, reason FROM unreadable ORDER BY id");
    size_t n = 0, cap = 0;
    nb_stored_bad *v = NULL;
    while (sqlite3_step(st) == SQLITE_ROW) {
        v = xgrowarray(v, &cap, n + 1, sizeof *v, 16);
        v[n++] = (nb_stored_bad){col(st, 0), col(st, 1)};
    }
    sqlite3_finalize(st);
    *out = v;
    return n;
}

void nb_stored_free(nb_stored *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].source);
        free(v[i].channel);
        free(v[i].received_at);
        free(v[i].answers);
        free(v[i].code);
        free(v[i].saved_at);
    }
    free(v);
}

void nb_stored_bad_free(nb_stored_bad *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].source);
        free(v[i].reason);
    }
    free(v);
}
