/* SMTP settings kept in a file so the clerk types the server once:
 * $XDG_CONFIG_HOME/nanbyo-survey/smtp.conf, simple "key = value" lines.
 * A password in a file others can read is a leak waiting to happen, so
 * such a file is refused with the reason and the fix (chmod 600). */
#include "nanbyo/deliver.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "nanbyo/paths.h"
#include "nanbyo/atomic_file.h"
#include "nanbyo/input_file.h"
#include "nanbyo/quote.h"
#include "nanbyo/xalloc.h"

void nb_password_free(char *password)
{
    if (!password)
        return;
    /* volatile so the compiler keeps the wipe of memory about to be freed */
    for (volatile char *p = password; *p; p++)
        *p = 0;
    free(password);
}

void nb_smtp_config_free(nb_smtp_config *c)
{
    free(c->path); free(c->url); free(c->user); free(c->password_file); free(c->from); free(c->cacert);
    nb_password_free(c->password);
    memset(c, 0, sizeof *c);
    c->starttls = -1;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
        e--;
    *e = '\0';
    return s;
}

/* Open for reading and refuse group/world access when secret. */
static FILE *open_private(const char *path, bool must_be_private, const char *what, nb_error *err, bool *missing)
{
    struct stat st;
    int fd = nb_open_input(path, &st); /* a FIFO or device: refused, never waited on */
    if (fd < 0) {
        if (missing && errno == ENOENT) {
            *missing = true;
            return NULL;
        }
        if (errno == NB_ENOTREG)
            nb_error_set(err, "%s %s は普通のファイルではありません (%sです)。ファイル名を確認してください。", what, path,
                         nb_file_kind_text(st.st_mode));
        else
            nb_error_set(err, "%s %s を開けませんでした。%s", what, path, nb_errno_read_text(errno));
        return NULL;
    }
    if (must_be_private && (st.st_mode & 077)) {
        nb_error_set(err, "%s %s にはパスワードがあるのに、ほかの利用者も読める権限 (%03o) になっているため使いません。chmod 600 %s で本人だけが読めるようにしてください。",
                     what, path, (unsigned)(st.st_mode & 0777), path);
        close(fd);
        return NULL;
    }
    FILE *f = fdopen(fd, "r");
    if (!f)
        close(fd);
    return f;
}

int nb_smtp_config_load_file(nb_smtp_config *c, const char *path, nb_error *err)
{
    memset(c, 0, sizeof *c);
    c->starttls = -1;
    bool missing = false;
    FILE *f = open_private(path, false, "メール設定ファイル", err, &missing);
    if (!f)
        return missing ? 0 : -1;
    c->path = xstrdup(path);
    char line[4096];
    int n = 0;
    bool has_password = false;
    while (fgets(line, sizeof line, f)) {
        n++;
        char *s = trim(line);
        if (!*s || *s == '#' || *s == ';')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            nb_error_set(err, "メール設定ファイル %s の %d 行目に「=」がありません。「キー = 値」の形で書いてください。", path, n);
            goto fail;
        }
        *eq = '\0';
        char *key = trim(s), *val = trim(eq + 1);
        char **slot = NULL;
        if (strcmp(key, "smtp") == 0 || strcmp(key, "url") == 0)
            slot = &c->url;
        else if (strcmp(key, "user") == 0)
            slot = &c->user;
        else if (strcmp(key, "password") == 0) {
            slot = &c->password;
            has_password = true;
        } else if (strcmp(key, "password_file") == 0)
            slot = &c->password_file;
        else if (strcmp(key, "from") == 0)
            slot = &c->from;
        else if (strcmp(key, "cacert") == 0)
            slot = &c->cacert;
        else if (strcmp(key, "starttls") == 0) {
            if (!strcasecmp(val, "yes") || !strcasecmp(val, "true") || !strcmp(val, "1") || !strcasecmp(val, "on"))
                c->starttls = 1;
            else if (!strcasecmp(val, "no") || !strcasecmp(val, "false") || !strcmp(val, "0") || !strcasecmp(val, "off"))
                c->starttls = 0;
            else {
                nb_error_set(err, "メール設定ファイル %s の %d 行目: starttls には yes か no を書いてください。", path, n);
                goto fail;
            }
            continue;
        } else if (strcmp(key, "timeout") == 0) {
            char *end;
            long v = strtol(val, &end, 10);
            if (*end || v < 1 || v > 3600) {
                nb_error_set(err, "メール設定ファイル %s の %d 行目: timeout には 1 から 3600 までの秒数を書いてください。", path, n);
                goto fail;
            }
            c->timeout_s = v;
            continue;
        } else {
            nb_error_set(err, "メール設定ファイル %s の %d 行目の「%s」は知らない設定です。使えるのは smtp, starttls, user, password, password_file, from, cacert, timeout です。",
                         path, n, NB_QUOTED(key, 40));
            goto fail;
        }
        free(*slot);
        *slot = xstrdup(val);
    }
    if (has_password) {
        struct stat st;
        if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077)) {
            nb_error_set(err, "メール設定ファイル %s にはパスワードがあるのに、ほかの利用者も読める権限 (%03o) になっているため使いません。chmod 600 %s で本人だけが読めるようにしてください。",
                         path, (unsigned)(st.st_mode & 0777), path);
            goto fail;
        }
    }
    fclose(f);
    return 0;
fail:
    fclose(f);
    nb_smtp_config_free(c);
    return -1;
}

int nb_smtp_config_load(nb_smtp_config *c, nb_error *err)
{
    char *dir = nb_config_dir();
    if (!dir) {
        memset(c, 0, sizeof *c);
        c->starttls = -1;
        return 0;
    }
    size_t n = strlen(dir) + 16;
    char *path = xmalloc(n);
    snprintf(path, n, "%s/smtp.conf", dir);
    free(dir);
    int rc = nb_smtp_config_load_file(c, path, err);
    free(path);
    return rc;
}

char *nb_read_password_file(const char *path, nb_error *err)
{
    FILE *f = open_private(path, true, "パスワードファイル", err, NULL);
    if (!f)
        return NULL;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, f);
    fclose(f);
    if (n <= 0) {
        free(line);
        nb_error_set(err, "パスワードファイル %s が空です。1 行目にパスワードを書いてください。", path);
        return NULL;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    if (n == 0) {
        nb_password_free(line);
        nb_error_set(err, "パスワードファイル %s の 1 行目が空です。1 行目にパスワードを書いてください。", path);
        return NULL;
    }
    return line;
}
