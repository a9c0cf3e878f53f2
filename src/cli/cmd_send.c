/* Placeholder until the send command lands: says so plainly and fails. */
#include "commands.h"
#include "cli_util.h"

int cmd_send(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    nb_cli_fail("「send」はまだ実装されていません。");
    return 2;
}
