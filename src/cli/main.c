/* Entry point: picks the subcommand. With no command, or with only options
 * such as --answers, the questionnaire opens (README.md, "Commands"). */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include "commands.h"
#include "cli_util.h"
#include "nanbyo/version.h"

static const struct {
    const char *name;
    int (*run)(int, char **);
    const char *summary;
} commands[] = {
    {"tui", cmd_tui, "端末で調査票に回答する (既定)"},
    {"calc", cmd_calc, "対象経費の額から補助所要額を計算する"},
    {"validate", cmd_validate, "回答ファイルの問題を一覧にする"},
    {"summary", cmd_summary, "回答ファイルの金額 (総事業費・補助所要額など) を表示する"},
    {"check", cmd_check, "このPCがオンライン登録の要件を満たすか確認する"},
    {"export", cmd_export, "調査票を xlsx / PDF / CSV / メール (.eml) に書き出す"},
    {"send", cmd_send, "調査票を県へメールで送る"},
    {"print", cmd_print, "調査票を A4 で印刷する"},
    {"forms", cmd_forms, "使える調査定義を一覧にする"},
    {"collect", cmd_collect, "(県の担当者用) 届いたメール・回答ファイル・FAX を集計する"},
    {"requirements", cmd_requirements, "PC の要件を nanbyo-check.exe (Windows) 用に書き出す"},
};

static void usage(FILE *out)
{
    fprintf(out,
            "使い方: " NB_PROGRAM " [コマンド] [オプション]\n"
            "\n"
            "コマンドを省略すると、端末で調査票への回答を始めます。\n"
            "\n"
            "コマンド:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-13s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "共通オプション:\n"
            "  --form ID|PATH   調査定義 (既定: yamaguchi-r8)\n"
            "  --json           機械で読める JSON で出力する\n"
            "  --help           この説明\n"
            "  --version        版数\n"
            "\n"
            "各コマンドの説明: " NB_PROGRAM " コマンド --help\n");
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
                      strcmp(argv[1], "help") == 0)) {
        usage(stdout);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("%s %s\n", NB_PROGRAM, NB_VERSION);
        return 0;
    }
    if (argc < 2 || argv[1][0] == '-')
        return cmd_tui(argc, argv);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    nb_cli_fail("「%s」というコマンドはありません。" NB_PROGRAM " --help で使えるコマンドを確認してください。",
                argv[1]);
    return 2;
}
