/* The outbox: a message is written here before any attempt to send it,
 * and only moves to sent/ once the server has accepted it, so a failed or
 * interrupted send never loses the clerk's message. Files are private
 * (0600): they hold the clinic's contact details. */
#include "nanbyo/deliver.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "nanbyo/atomic_file.h"
#include "nanbyo/date.h"
#include "nanbyo/paths.h"
#include "nanbyo/xalloc.h"

int nb_outbox_put(const char *msg, size_t len, char **path, nb_error *err)
{
    char *dir = nb_outbox_dir();
    if (!dir) {
        nb_error_set(err, "送信待ちフォルダーの場所が決められません。環境変数 HOME か XDG_DATA_HOME を設定してください。");
        return -1;
    }
    /* Name sorts by time; the random part keeps two sends in the same
     * second apart. */
    char stamp[32];
    nb_now_jst("%Y%m%d-%H%M%S", stamp, sizeof stamp);
    unsigned int r = 0;
    if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
        r = (unsigned int)getpid() ^ (unsigned int)clock();
    size_t n = strlen(dir) + 64;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%s-%08x.eml", dir, stamp, r);
    free(dir);
    if (nb_atomic_write(p, msg, len, 0600, err) != 0) {
        free(p);
        return -1;
    }
    if (path)
        *path = p;
    else
        free(p);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int nb_outbox_list(char ***paths, size_t *n, nb_error *err)
{
    *paths = NULL;
    *n = 0;
    char *dir = nb_outbox_dir();
    if (!dir) {
        nb_error_set(err, "送信待ちフォルダーの場所が決められません。環境変数 HOME か XDG_DATA_HOME を設定してください。");
        return -1;
    }
    DIR *d = opendir(dir);
    if (!d) {
        int e = errno;
        if (e == ENOENT) {
            free(dir);
            return 0; /* nothing was ever queued */
        }
        nb_error_set(err, "送信待ちフォルダー %s を開けませんでした。%s", dir,
                     nb_errno_read_text(e));
        free(dir);
        return -1;
    }
    size_t cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        /* Only finished messages: temp files of an interrupted write start
         * with a dot or lack the .eml ending. */
        if (de->d_name[0] == '.' || l < 5 || strcmp(de->d_name + l - 4, ".eml") != 0)
            continue;
        *paths = xgrowarray(*paths, &cap, *n + 1, sizeof **paths, 8);
        (*paths)[(*n)++] = xasprintf("%s/%s", dir, de->d_name);
    }
    closedir(d);
    free(dir);
    if (*n)
        qsort(*paths, *n, sizeof **paths, by_name);
    return 0;
}

void nb_outbox_list_free(char **paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
}

int nb_outbox_mark_sent(const char *path, char **sent_path, nb_error *err)
{
    char *dir = nb_sent_dir();
    if (!dir || nb_mkdirs(dir, 0700) != 0) {
        nb_error_set(err, "送信済みフォルダー %s を作れませんでした。%s メールは送信されましたが、送信待ちフォルダーにも残っています。再送しないよう、そのファイルを削除してください。",
                     dir ? dir : "sent", nb_errno_text(errno));
        free(dir);
        return -1;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(dir) + strlen(base) + 2;
    char *dst = xmalloc(n);
    snprintf(dst, n, "%s/%s", dir, base);
    free(dir);
    if (rename(path, dst) != 0) {
        nb_error_set(err, "送信したメール %s を送信済みフォルダーへ移せませんでした。%s 再送しないよう、そのファイルを削除してください。",
                     path, nb_errno_read_text(errno));
        free(dst);
        return -1;
    }
    if (sent_path)
        *sent_path = dst;
    else
        free(dst);
    return 0;
}
