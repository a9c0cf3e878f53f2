/* Placeholder until the export command lands: says so plainly and fails. */
#include "commands.h"
#include "cli_util.h"

int cmd_export(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    nb_cli_fail("「export」はまだ実装されていません。");
    return 2;
}
