/* Placeholder until the tui command lands: says so plainly and fails. */
#include "commands.h"
#include "cli_util.h"

int cmd_tui(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    nb_cli_fail("「tui」はまだ実装されていません。");
    return 2;
}
