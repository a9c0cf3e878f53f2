/* Where the program keeps its files: $XDG_DATA_HOME/nanbyo-survey
 * (default ~/.local/share/nanbyo-survey) and $XDG_CONFIG_HOME. */
#ifndef NANBYO_PATHS_H
#define NANBYO_PATHS_H
#include <stdbool.h>
#include <stddef.h>

/* malloc'd paths. */
char *nb_data_dir(void);                       /* .../nanbyo-survey */
char *nb_config_dir(void);                     /* .../nanbyo-survey */
char *nb_default_answers_path(const char *survey_id);
char *nb_outbox_dir(void);                     /* .../nanbyo-survey/outbox */
char *nb_sent_dir(void);                       /* .../nanbyo-survey/sent */
/* The clerk's documents folder: $XDG_DOCUMENTS_DIR, else XDG_DOCUMENTS_DIR
 * in user-dirs.dirs, else the home folder (never the working directory);
 * NULL when not even a home folder is known. */
char *nb_documents_dir(void);

/* The folder of the running program (from /proc/self/exe) into out;
 * false when it cannot be told. Forms and the plugin are found relative
 * to it, so a build tree and an install under any PREFIX both work. */
bool nb_program_dir(char *out, size_t n);

#endif
