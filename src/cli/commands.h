/* The subcommands. Each lives in its own file, cmd_<name>.c, and returns
 * the process exit status. argv[0] is the command name. */
#ifndef NANBYO_CLI_COMMANDS_H
#define NANBYO_CLI_COMMANDS_H
#include <stdbool.h>

int cmd_tui(int argc, char **argv);
int cmd_calc(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_check(int argc, char **argv);
/* `check --import RESULT --answers ANSWERS` (cmd_check_import.c). */
int cmd_check_import(const char *result, const char *answers, const char *form, bool json);
int cmd_export(int argc, char **argv);
int cmd_send(int argc, char **argv);
int cmd_print(int argc, char **argv);
int cmd_forms(int argc, char **argv);
int cmd_collect(int argc, char **argv);
int cmd_requirements(int argc, char **argv);

#endif
