/* Child processes for pages (see job.h). The protocol is one JSON object
 * per line on a pipe that carries the child's stderr as well, so a library
 * that complains on stderr, or a missing plugin, still reaches the clerk
 * as words instead of silence. */
#include "job.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "nanbyo/buf.h"
#include "nanbyo/xalloc.h"

struct nb_job {
    pid_t pid;
    int fd;             /* read end; -1 after EOF */
    bool ended;
    int status;
    nb_buf line;        /* bytes of an unfinished line */
    char last_words[600];
    struct timespec started;
};

static void child_setup(int fd)
{
    /* Own process group: keys typed at the terminal never signal it. */
    setpgid(0, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGWINCH, &sa, NULL);
    /* When the questionnaire is gone, writes fail quietly and the work
     * (a mail going out) still completes. */
    signal(SIGPIPE, SIG_IGN);
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
        dup2(devnull, STDIN_FILENO);
        dup2(devnull, STDOUT_FILENO);
        close(devnull);
    }
    dup2(fd, STDERR_FILENO);
    /* The screen is the parent's: a child that runs out of memory only
     * says so on the pipe (its last words) and exits 3. */
    nb_xalloc_on_die(NULL);
}

nb_job *nb_job_start(void (*fn)(void *ctx, int fd), void *ctx)
{
    int p[2];
    if (pipe(p) != 0)
        return NULL;
    nb_job *job = xcalloc(1, sizeof *job);
    clock_gettime(CLOCK_MONOTONIC, &job->started);
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        free(job);
        return NULL;
    }
    if (pid == 0) {
        close(p[0]);
        child_setup(p[1]);
        fn(ctx, p[1]);
        _exit(0);
    }
    close(p[1]);
    setpgid(pid, pid); /* as the child does: whichever runs first */
    fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
    fcntl(p[0], F_SETFD, FD_CLOEXEC);
    job->pid = pid;
    job->fd = p[0];
    return job;
}

void nb_job_send(int fd, const cJSON *obj)
{
    char *s = cJSON_PrintUnformatted(obj);
    if (!s)
        return;
    size_t n = strlen(s);
    s[n] = '\n'; /* replaces the terminator: written with its length */
    const char *p = s;
    size_t left = n + 1;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        p += w;
        left -= (size_t)w;
    }
    free(s);
}

void nb_job_send_text(int fd, const char *key, const char *text)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return;
    cJSON_AddStringToObject(o, key, text ? text : "");
    nb_job_send(fd, o);
    cJSON_Delete(o);
}

static void take_line(nb_job *job, char *line, void (*on_line)(void *, const cJSON *), void *ctx)
{
    cJSON *obj = cJSON_Parse(line);
    if (cJSON_IsObject(obj))
        on_line(ctx, obj);
    else if (*line)
        snprintf(job->last_words, sizeof job->last_words, "%s", line);
    cJSON_Delete(obj);
}

bool nb_job_poll(nb_job *job, void (*on_line)(void *ctx, const cJSON *obj), void *ctx)
{
    while (job->fd >= 0) {
        nb_buf *b = &job->line;
        nb_buf_grow(b, 4096);
        ssize_t r = read(job->fd, b->data + b->len, b->alloc - b->len - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            break; /* EAGAIN: nothing more for now */
        if (r == 0) {
            close(job->fd);
            job->fd = -1;
            if (b->len)
                take_line(job, b->data, on_line, ctx);
            nb_buf_setlen(b, 0);
            break;
        }
        nb_buf_setlen(b, b->len + (size_t)r);
        char *start = b->data, *nl;
        while ((nl = memchr(start, '\n', b->len - (size_t)(start - b->data)))) {
            *nl = '\0';
            take_line(job, start, on_line, ctx);
            start = nl + 1;
        }
        size_t rest = b->len - (size_t)(start - b->data);
        memmove(b->data, start, rest);
        nb_buf_setlen(b, rest);
    }
    if (!job->ended && job->fd < 0) {
        int st;
        pid_t w = waitpid(job->pid, &st, WNOHANG);
        if (w == job->pid) {
            job->ended = true;
            job->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
        } else if (w < 0) {
            job->ended = true;
            job->status = 255;
        }
    }
    return job->ended;
}

const char *nb_job_last_words(const nb_job *job)
{
    static const char prefix[] = "nanbyo-survey: ";
    const char *w = job->last_words;
    return strncmp(w, prefix, sizeof prefix - 1) == 0 ? w + sizeof prefix - 1 : w;
}

int nb_job_exit_status(const nb_job *job)
{
    return job->status;
}

long nb_job_elapsed_s(const nb_job *job)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(now.tv_sec - job->started.tv_sec);
}

void nb_job_free(nb_job *job, bool kill_it)
{
    if (!job)
        return;
    if (!job->ended && kill_it) {
        kill(-job->pid, SIGTERM);
        kill(job->pid, SIGTERM);
        waitpid(job->pid, NULL, 0);
    } else if (!job->ended) {
        waitpid(job->pid, NULL, WNOHANG); /* reaped later by init if it outlives us */
    }
    if (job->fd >= 0)
        close(job->fd);
    nb_buf_release(&job->line);
    free(job);
}
