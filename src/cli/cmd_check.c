/* Placeholder until the check command lands: says so plainly and fails. */
#include "commands.h"
#include "cli_util.h"

int cmd_check(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    nb_cli_fail("「check」はまだ実装されていません。");
    return 2;
}
