/* Stand-ins, in the program binary only, for the functions that live in
 * nanbyo-survey-io.so: each looks its real function up on first call and
 * forwards to it. The list is exactly what the light part calls (the link
 * of the program fails if one is missing); adding an entry point to the
 * plugin means adding one line here. */
#include "io_plugin.h"
#include "../cli/commands.h"
#include "nanbyo/check.h"
#include "nanbyo/deliver.h"
#include "nanbyo/export.h"
#include "nanbyo/message.h"

/* Defines `ret name params` forwarding `args` to the plugin's `name`.
 * The pointer is read through a void * (the POSIX dlsym idiom) and kept
 * for later calls. */
#define NB_THUNK(ret, name, params, args)                                                          \
    ret name params                                                                                \
    {                                                                                              \
        static ret(*fn) params;                                                                    \
        if (!fn)                                                                                   \
            *(void **)(&fn) = nb_io_symbol(#name);                                                 \
        return fn args;                                                                            \
    }
#define NB_THUNK_VOID(name, params, args)                                                          \
    void name params                                                                               \
    {                                                                                              \
        static void(*fn) params;                                                                   \
        if (!fn)                                                                                   \
            *(void **)(&fn) = nb_io_symbol(#name);                                                 \
        fn args;                                                                                   \
    }

/* The commands that write documents, send, print or check the PC. */
NB_THUNK(int, cmd_check, (int argc, char **argv), (argc, argv))
NB_THUNK(int, cmd_export, (int argc, char **argv), (argc, argv))
NB_THUNK(int, cmd_send, (int argc, char **argv), (argc, argv))
NB_THUNK(int, cmd_print, (int argc, char **argv), (argc, argv))

/* What the questionnaire's child processes call (src/tui/job.c). */
NB_THUNK(nb_check_run *, nb_check_start, (const nb_definition *def, const nb_check_options *opt),
         (def, opt))
NB_THUNK(bool, nb_check_poll, (nb_check_run * run), (run))
NB_THUNK(size_t, nb_check_count, (const nb_check_run *run), (run))
NB_THUNK(nb_check_result, nb_check_result_at, (const nb_check_run *run, size_t i), (run, i))
NB_THUNK(char *, nb_check_to_json, (const nb_check_run *run), (run))
NB_THUNK(bool, nb_check_busy, (const nb_check_run *run), (run))
NB_THUNK_VOID(nb_check_free, (nb_check_run * run), (run))

NB_THUNK(int, nb_export_xlsx,
         (const nb_definition *def, const nb_answers *a, const nb_export_opts *o, const char *path,
          nb_error *err),
         (def, a, o, path, err))
NB_THUNK(int, nb_export_pdf,
         (const nb_definition *def, const nb_answers *a, const nb_export_opts *o, const char *path,
          nb_error *err),
         (def, a, o, path, err))
NB_THUNK(int, nb_export_csv,
         (const nb_definition *def, const nb_answers *a, const nb_export_opts *o, const char *path,
          nb_error *err),
         (def, a, o, path, err))
NB_THUNK(char *, nb_message_build,
         (const nb_definition *def, const nb_answers *a, const nb_export_opts *eo,
          const nb_message_opts *mo, size_t *len, nb_error *err),
         (def, a, eo, mo, len, err))
NB_THUNK(int, nb_smtp_send_file, (const nb_smtp_options *o, const char *path, nb_error *err),
         (o, path, err))
NB_THUNK(int, nb_print_pdf,
         (const char *pdf_path, const char *printer, const char *title, int *job_id, nb_error *err),
         (pdf_path, printer, title, job_id, err))

/* The prefecture's command, in the second plugin (nanbyo-survey-collect.so),
 * so that export and the questionnaire never load zbar, libtiff, sqlite,
 * GMime or poppler. */
int cmd_collect(int argc, char **argv)
{
    static int (*fn)(int, char **);
    if (!fn)
        *(void **)(&fn) = nb_plugin_symbol(&nb_collect_plugin, "cmd_collect");
    return fn(argc, argv);
}
