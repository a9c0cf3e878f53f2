/* XDG locations of the answers, the outbox and the configuration, and the
 * folder of the running program. */
#include "nanbyo/paths.h"
#include "nanbyo/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *join(const char *a, const char *b)
{
    return xasprintf("%s/%s", a, b);
}

static char *xdg(const char *var, const char *fallback)
{
    const char *v = getenv(var);
    if (v && v[0] == '/')
        return join(v, "nanbyo-survey");
    const char *home = getenv("HOME");
    char *base = join(home && *home ? home : "/tmp", fallback);
    char *r = join(base, "nanbyo-survey");
    free(base);
    return r;
}

char *nb_data_dir(void) { return xdg("XDG_DATA_HOME", ".local/share"); }
char *nb_config_dir(void) { return xdg("XDG_CONFIG_HOME", ".config"); }

static char *in_data(const char *name)
{
    char *d = nb_data_dir();
    char *r = join(d, name);
    free(d);
    return r;
}

char *nb_default_answers_path(const char *survey_id)
{
    char name[128];
    snprintf(name, sizeof name, "%s.json", survey_id);
    return in_data(name);
}

char *nb_outbox_dir(void) { return in_data("outbox"); }
char *nb_sent_dir(void) { return in_data("sent"); }

bool nb_program_dir(char *out, size_t n)
{
    if (n < 2)
        return false;
    ssize_t len = readlink("/proc/self/exe", out, n - 1);
    if (len <= 0 || (size_t)len >= n - 1)
        return false; /* unreadable, or possibly cut short */
    out[len] = '\0';
    char *slash = strrchr(out, '/');
    if (!slash)
        return false;
    *slash = '\0';
    return true;
}

static bool is_dir(const char *p)
{
    struct stat st;
    return p && p[0] == '/' && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* XDG_DOCUMENTS_DIR="..." from user-dirs.dirs ("$HOME/..." expanded). */
static char *user_dirs_documents(const char *home)
{
    const char *cfg = getenv("XDG_CONFIG_HOME");
    char path[1024], line[1024];
    if (cfg && cfg[0] == '/')
        snprintf(path, sizeof path, "%.1000s/user-dirs.dirs", cfg);
    else
        snprintf(path, sizeof path, "%.1000s/.config/user-dirs.dirs", home);
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    char *out = NULL;
    static const char key[] = "XDG_DOCUMENTS_DIR=\"";
    while (!out && fgets(line, sizeof line, f)) {
        if (strncmp(line, key, sizeof key - 1) != 0)
            continue;
        char *v = line + sizeof key - 1, *end = strchr(v, '"');
        if (!end)
            break;
        *end = '\0';
        if (strncmp(v, "$HOME/", 6) == 0)
            out = join(home, v + 6);
        else if (v[0] == '/')
            out = xstrdup(v);
    }
    fclose(f);
    return out;
}

char *nb_documents_dir(void)
{
    const char *home = getenv("HOME");
    if (!home || home[0] != '/') {
        struct passwd *pw = getpwuid(getuid());
        home = pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
    }
    const char *env = getenv("XDG_DOCUMENTS_DIR");
    if (is_dir(env))
        return xstrdup(env);
    char *docs = home ? user_dirs_documents(home) : NULL;
    if (is_dir(docs))
        return docs;
    free(docs);
    return home ? xstrdup(home) : NULL;
}
