/* forms: the installed survey definitions, from every search folder. */
#include <dirent.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_util.h"
#include "commands.h"

static const char help[] =
    "使い方: nanbyo-survey forms [--json]\n"
    "使える調査定義 (--form に指定する ID) を一覧にします。\n"
    "例: nanbyo-survey forms\n";

int cmd_forms(int argc, char **argv)
{
    if (nb_cli_wants_help(argc, argv, help))
        return 0;
    bool json = argc > 1 && strcmp(argv[1], "--json") == 0;
    if (argc > (json ? 2 : 1)) {
        nb_cli_fail("forms には「%s」を指定できません。nanbyo-survey forms --help を見てください。", argv[json ? 2 : 1]);
        return 2;
    }
    cJSON *arr = cJSON_CreateArray();
    int found = 0;
    for (const char *const *dir = nb_def_search_dirs(); *dir; dir++) {
        DIR *d = opendir(*dir);
        if (!d)
            continue;
        struct dirent *e;
        while ((e = readdir(d))) {
            size_t n = strlen(e->d_name);
            if (n < 6 || strcmp(e->d_name + n - 5, ".yaml") != 0 || e->d_name[0] == '.')
                continue;
            char path[PATH_MAX + 256];
            snprintf(path, sizeof path, "%s/%s", *dir, e->d_name);
            nb_error err = {{0}};
            nb_definition *def = nb_def_load(path, &err);
            if (!def) {
                fprintf(stderr, "注意: %s\n", err.msg);
                continue;
            }
            char deadline[40];
            nb_date_wareki(def->deadline, deadline, sizeof deadline);
            if (json) {
                cJSON *o = cJSON_CreateObject();
                cJSON_AddStringToObject(o, "id", def->id);
                cJSON_AddStringToObject(o, "title", def->title);
                cJSON_AddStringToObject(o, "authority", def->authority);
                cJSON_AddNumberToObject(o, "fiscal_year", (double)def->fiscal_year);
                char iso[16];
                nb_date_iso(def->deadline, iso, sizeof iso);
                cJSON_AddStringToObject(o, "deadline", iso);
                cJSON_AddStringToObject(o, "path", path);
                cJSON_AddItemToArray(arr, o);
            } else {
                char real[PATH_MAX];
                printf("%-16s %s %s (%lld年度 %s, 提出期限 %s)\n                 %s\n", def->id, def->authority,
                       def->title, (long long)def->fiscal_year, def->stage, deadline,
                       realpath(path, real) ? real : path);
            }
            found++;
            nb_def_free(def);
        }
        closedir(d);
    }
    if (json)
        nb_cli_print_json(arr);
    else
        cJSON_Delete(arr);
    if (!found && !json)
        printf("調査定義が見つかりません。NANBYO_FORMS_DIR で定義のフォルダーを指定してください。\n");
    return 0;
}
