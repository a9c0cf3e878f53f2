/* The one list of functions that are called across a part's boundary
 * (an X-macro: no include guard). Each line names the part the function
 * lives in, its return type, its name, and its parameter types; the
 * stand-ins that load the part and forward the call are generated from
 * it (standin.h), so parameter and argument lists are never written by
 * hand. A stand-in that disagrees with the function's declaration in its
 * header does not compile.
 *   NB_FN(part, return type, name, number of parameters, (types))
 *   NB_PROC(part, name, number of parameters, (types))   returns void
 * Adding a function to a part: one line here (and its header). */

/* io: the commands, and the PC check the questionnaire's child runs. */
NB_FN(IO, int, cmd_check, 2, (int, char **))
NB_FN(IO, int, cmd_export, 2, (int, char **))
NB_FN(IO, int, cmd_send, 2, (int, char **))
NB_FN(IO, int, cmd_print, 2, (int, char **))
NB_FN(IO, nb_check_run *, nb_check_start, 2, (const nb_definition *, const nb_check_options *))
NB_FN(IO, bool, nb_check_poll, 1, (nb_check_run *))
NB_FN(IO, size_t, nb_check_count, 1, (const nb_check_run *))
NB_FN(IO, nb_check_result, nb_check_result_at, 2, (const nb_check_run *, size_t))
NB_FN(IO, char *, nb_check_to_json, 1, (const nb_check_run *))
NB_FN(IO, bool, nb_check_busy, 1, (const nb_check_run *))
NB_PROC(IO, nb_check_free, 1, (nb_check_run *))

/* docs: the workbook and the PDF. */
NB_FN(DOCS, int, nb_export_xlsx, 5,
      (const nb_definition *, const nb_answers *, const nb_export_opts *, const char *, nb_error *))
NB_FN(DOCS, int, nb_export_xlsx_buf, 6,
      (const nb_definition *, const nb_answers *, const nb_export_opts *, char **, size_t *, nb_error *))
NB_FN(DOCS, int, nb_export_pdf, 5,
      (const nb_definition *, const nb_answers *, const nb_export_opts *, const char *, nb_error *))
NB_FN(DOCS, int, nb_export_pdf_buf, 6,
      (const nb_definition *, const nb_answers *, const nb_export_opts *, char **, size_t *, nb_error *))

/* net: mail and the HTTPS check. */
NB_FN(NET, int, nb_smtp_check_options, 2, (const nb_smtp_options *, nb_error *))
NB_FN(NET, int, nb_smtp_send_file, 3, (const nb_smtp_options *, const char *, nb_error *))
NB_PROC(NET, nb_https_init, 0, ())
NB_PROC(NET, nb_probe_https, 5, (const nb_probe_ctx *, const char *, const char *, int64_t, nb_https_facts *))

/* print: printing and the printer check. */
NB_FN(PRINT, int, nb_print_pdf, 5, (const char *, const char *, const char *, int *, nb_error *))
NB_FN(PRINT, int, nb_print_wait, 4, (const char *, int, long, nb_error *))
NB_PROC(PRINT, nb_probe_printers, 2, (const char *, nb_printer_facts *))

/* collect: the prefecture's command. */
NB_FN(COLLECT, int, cmd_collect, 2, (int, char **))
