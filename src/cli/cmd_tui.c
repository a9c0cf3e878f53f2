/* The questionnaire command: `nanbyo-survey`, `nanbyo-survey --answers F`
 * and `nanbyo-survey tui [--form ID] [--answers F]`. Argument parsing
 * only; the terminal UI lives in src/tui. */
#include <stdio.h>
#include <string.h>
#include "cli_util.h"
#include "commands.h"
#include "../tui/app.h"

static const char help[] =
    "使い方: nanbyo-survey [tui] [--form ID|PATH] [--answers FILE]\n"
    "\n"
    "端末で調査票に回答します。入力内容は項目ごとに自動で保存され、\n"
    "次に起動すると前回の続きから再開します。\n"
    "\n"
    "  --form ID|PATH   調査定義 (既定: yamaguchi-r8)\n"
    "  --answers FILE   回答ファイル (既定: $XDG_DATA_HOME/nanbyo-survey/<調査>.json)\n";

int cmd_tui(int argc, char **argv)
{
    const char *form = NULL, *answers = NULL;
    /* argv[0] is "tui" or, without a command, the program itself. */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(help, stdout);
            return 0;
        } else if (strcmp(a, "--form") == 0 && i + 1 < argc) {
            form = argv[++i];
        } else if (strncmp(a, "--form=", 7) == 0) {
            form = a + 7;
        } else if (strcmp(a, "--answers") == 0 && i + 1 < argc) {
            answers = argv[++i];
        } else if (strncmp(a, "--answers=", 10) == 0) {
            answers = a + 10;
        } else {
            nb_cli_fail("「%s」は tui コマンドでは使えません。使えるのは --form と --answers です (nanbyo-survey tui --help)。",
                        a);
            return 2;
        }
    }
    return nb_tui_run(form, answers);
}
