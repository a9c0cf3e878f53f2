/* Placeholder until the print command lands: says so plainly and fails. */
#include "commands.h"
#include "cli_util.h"

int cmd_print(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    nb_cli_fail("「print」はまだ実装されていません。");
    return 2;
}
