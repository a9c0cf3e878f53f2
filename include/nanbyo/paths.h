/* Where the program keeps its files: $XDG_DATA_HOME/nanbyo-survey
 * (default ~/.local/share/nanbyo-survey) and $XDG_CONFIG_HOME. */
#ifndef NANBYO_PATHS_H
#define NANBYO_PATHS_H

/* malloc'd paths. */
char *nb_data_dir(void);                       /* .../nanbyo-survey */
char *nb_config_dir(void);                     /* .../nanbyo-survey */
char *nb_default_answers_path(const char *survey_id);
char *nb_outbox_dir(void);                     /* .../nanbyo-survey/outbox */
char *nb_sent_dir(void);                       /* .../nanbyo-survey/sent */

#endif
