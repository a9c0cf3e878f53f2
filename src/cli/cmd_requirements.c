/* `requirements`: the definition's PC requirements as the small key=value
 * file that nanbyo-check.exe reads (requirements.h, docs/check.md). The
 * Windows build embeds this output as the .exe's defaults. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_util.h"
#include "commands.h"
#include "nanbyo/requirements.h"

static const char HELP[] =
    "使い方: nanbyo-survey requirements [--form ID|PATH]\n"
    "\n"
    "調査定義の PC の要件 (pc_requirements) を、Windows 用の確認プログラム\n"
    "nanbyo-check.exe が読む「キー=値」の形 (UTF-8) で表示します。\n"
    "例: nanbyo-survey requirements --form yamaguchi-r8 > 要件.txt\n"
    "    nanbyo-check.exe --requirements 要件.txt\n";

int cmd_requirements(int argc, char **argv)
{
    if (nb_cli_wants_help(argc, argv, HELP))
        return 0;
    const char *form = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--form") == 0 && i + 1 < argc) {
            form = argv[++i];
        } else {
            nb_cli_fail("requirements では「%s」は使えません。nanbyo-survey requirements --help で使い方を確かめてください。",
                        argv[i]);
            return 2;
        }
    }
    nb_definition *def = nb_cli_definition(form);
    if (!def)
        return 2;
    nb_error err = {{0}};
    char *text = nb_requirements_format(&def->pc, def->id, &err);
    if (!text) {
        nb_cli_fail("%s", err.msg);
        nb_def_free(def);
        return 2;
    }
    fputs(text, stdout);
    free(text);
    nb_def_free(def);
    return fflush(stdout) == 0 ? 0 : 2;
}
