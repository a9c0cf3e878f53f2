/* Validators for the typed answers whose shape is fixed by outside rules:
 * 保険医療機関コード (prefecture, 点数表, Luhn check digit), phone/FAX,
 * postal code and e-mail address. Each normalises what a clerk may type
 * (full-width digits, various hyphens, 〒) and, when the value is wrong,
 * returns one Japanese sentence saying what to fix. */
#include "nanbyo/fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nanbyo/text.h"

/* Messages that carry a number are built here; the pointer stays valid
 * until the next call on the same thread. */
static _Thread_local char msgbuf[256];

static const char *const pref_names[48] = {
    "", "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
    "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
    "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県",
    "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県",
    "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県",
    "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県",
    "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
};

/* Length of a hyphen-like mark at p (after NFKC), 0 if none. IMEs give
 * "－" (NFKC '-'), "ー", "−", "‐" and dashes depending on settings. */
static size_t hyphen_len(const char *p)
{
    static const char *const marks[] = {
        "-", "\xE2\x88\x92", "\xE2\x80\x90", "\xE2\x80\x91", "\xE2\x80\x92",
        "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x95", "\xE3\x83\xBC",
        "\xEF\xB9\xA3",
    };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t n = strlen(marks[i]);
        if (strncmp(p, marks[i], n) == 0)
            return n;
    }
    return 0;
}

int nb_luhn_check_digit(const char *nine)
{
    int sum = 0;

    if (nine == NULL || strlen(nine) < 9)
        return -1;
    for (int i = 8, w = 2; i >= 0; i--, w = 3 - w) {
        if (nine[i] < '0' || nine[i] > '9')
            return -1;
        int prod = (nine[i] - '0') * w;
        sum += prod / 10 + prod % 10;
    }
    return (10 - sum % 10) % 10;
}

/* Keep only the digits of an NFKC string; separators are hyphens and
 * spaces. Returns the digit count, or -1 when another character is found
 * or more than cap digits. */
static int collect_digits(const char *p, char *digits, int cap)
{
    int n = 0;

    while (*p) {
        size_t h;
        if (*p >= '0' && *p <= '9') {
            if (n >= cap)
                return -1;
            digits[n++] = *p++;
        } else if (*p == ' ' || *p == '\t') {
            p++;
        } else if ((h = hyphen_len(p)) > 0) {
            p += h;
        } else {
            return -1;
        }
    }
    digits[n] = '\0';
    return n;
}

const char *nb_check_inst_code(const char *in, int prefecture, int tensu_digit, char *out)
{
    char digits[16], code[11];
    char *norm;
    int n;

    if (in == NULL)
        return "保険医療機関コードが入力されていません (数字10桁)";
    norm = nb_nfkc(in);
    if (norm == NULL)
        return "保険医療機関コードに読み取れない文字が含まれています。数字10桁で入力し直してください";
    n = collect_digits(norm, digits, 12);
    free(norm);
    if (n == 0)
        return "保険医療機関コードが入力されていません (数字10桁)";
    if (n != 10 && n != 7) {
        if (n < 0)
            return "保険医療機関コードは数字10桁で入力してください (ハイフン以外の文字は使えません)";
        snprintf(msgbuf, sizeof msgbuf,
                 "保険医療機関コードは数字10桁で入力してください (いま%d桁です)", n);
        return msgbuf;
    }
    if (n == 7) {
        if (prefecture < 1 || prefecture > 47 || (tensu_digit != 1 && tensu_digit != 3))
            return "保険医療機関コードは数字10桁で入力してください (都道府県番号と点数表番号を含めた10桁)";
        code[0] = (char)('0' + prefecture / 10);
        code[1] = (char)('0' + prefecture % 10);
        code[2] = (char)('0' + tensu_digit);
        memcpy(code + 3, digits, 8);            /* 7 digits and the NUL */
    } else {
        memcpy(code, digits, 11);
    }
    int pref = (code[0] - '0') * 10 + (code[1] - '0');
    if (prefecture >= 1 && prefecture <= 47 && pref != prefecture) {
        snprintf(msgbuf, sizeof msgbuf,
                 "保険医療機関コードの先頭2桁は%sの都道府県番号%02dにしてください",
                 pref_names[prefecture], prefecture);
        return msgbuf;
    }
    if (code[2] != '1' && code[2] != '3')
        return "保険医療機関コードの3桁目 (点数表番号) は医科なら1、歯科なら3です";
    if (nb_luhn_check_digit(code) != code[9] - '0')
        return "保険医療機関コードの最後の1桁 (検証番号) が合いません。番号を確かめてください";
    if (out)
        memcpy(out, code, 11);
    return NULL;
}

const char *nb_check_phone(const char *in, char *out, size_t n)
{
    char buf[64];
    char *norm;
    const char *p;
    int digits = 0, k = 0;
    bool pending_sep = false;

    if (out && n > 0)
        out[0] = '\0';
    if (in == NULL)
        return "番号が入力されていません (例: 083-933-2969)";
    norm = nb_nfkc(in);
    if (norm == NULL)
        return "番号に読み取れない文字が含まれています。数字とハイフンで入力し直してください";
    /* Rebuild the number: any run of separators (hyphens, spaces,
     * parentheses) between digits becomes one '-'. */
    for (p = norm; *p;) {
        size_t h;
        if (*p >= '0' && *p <= '9') {
            if (pending_sep && k > 0)
                buf[k++] = '-';
            pending_sep = false;
            if (++digits > 20)
                break;
            buf[k++] = *p++;
        } else if (*p == ' ' || *p == '\t' || *p == '(' || *p == ')') {
            pending_sep = true;
            p++;
        } else if ((h = hyphen_len(p)) > 0) {
            pending_sep = true;
            p += h;
        } else {
            free(norm);
            return "番号は数字とハイフンだけで入力してください (例: 083-933-2969)";
        }
    }
    free(norm);
    buf[k] = '\0';
    if (digits == 0)
        return "番号が入力されていません (例: 083-933-2969)";
    if (digits > 20)
        return "番号の桁数が多すぎます。市外局番からの10桁か11桁で入力してください";
    if (buf[0] != '0' && digits <= 11)
        return "番号は市外局番から、0で始まるように入力してください (例: 083-933-2969)";
    if (digits != 10 && digits != 11) {
        snprintf(msgbuf, sizeof msgbuf,
                 "番号の桁数が合いません (いま%d桁です。市外局番からの10桁か11桁で入力してください)",
                 digits);
        return msgbuf;
    }
    if (out && n > (size_t)k)
        memcpy(out, buf, (size_t)k + 1);
    return NULL;
}

const char *nb_check_postal(const char *in, char *out, size_t n)
{
    char digits[16];
    char *norm;
    const char *p;
    int nd = 0, hyphen_at = -1, hyphens = 0;

    if (out && n > 0)
        out[0] = '\0';
    if (in == NULL)
        return "郵便番号が入力されていません (例: 753-8501)";
    norm = nb_nfkc(in);
    if (norm == NULL)
        return "郵便番号に読み取れない文字が含まれています。数字7桁で入力し直してください";
    p = norm;
    while (*p == ' ' || *p == '\t')
        p++;
    if (strncmp(p, "〒", strlen("〒")) == 0)
        p += strlen("〒");
    for (; *p; ) {
        size_t h;
        if (*p >= '0' && *p <= '9') {
            if (nd >= 7) {
                nd++;
                break;
            }
            digits[nd++] = *p++;
        } else if (*p == ' ' || *p == '\t') {
            p++;
        } else if ((h = hyphen_len(p)) > 0) {
            hyphens++;
            hyphen_at = nd;
            p += h;
        } else {
            free(norm);
            return "郵便番号は数字7桁で入力してください (例: 753-8501)";
        }
    }
    free(norm);
    if (nd == 0)
        return "郵便番号が入力されていません (例: 753-8501)";
    if (nd != 7)
        return "郵便番号は数字7桁で入力してください (例: 753-8501)";
    if (hyphens > 1 || (hyphens == 1 && hyphen_at != 3))
        return "郵便番号のハイフンは3桁目の後ろに入れてください (例: 753-8501)";
    if (out && n >= 9)
        snprintf(out, n, "%.3s-%.4s", digits, digits + 3);
    return NULL;
}

static bool is_alnum(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* nb_check_email on a copy without the trailing spaces. */
static const char *email_trimmed(const char *in, size_t len)
{
    char buf[300];

    if (len >= sizeof buf)
        return "メールアドレスが長すぎます (254文字まで)";
    memcpy(buf, in, len);
    buf[len] = '\0';
    return nb_check_email(buf);
}

const char *nb_check_email(const char *in)
{
    const char *at, *p, *label;
    size_t len;

    if (in == NULL)
        return "メールアドレスが入力されていません (例: info@example.jp)";
    /* Spaces around are forgiven (callers store the trimmed value); spaces
     * inside are not. */
    while (*in == ' ')
        in++;
    len = strlen(in);
    while (len > 0 && in[len - 1] == ' ')
        len--;
    if (len == 0)
        return "メールアドレスが入力されていません (例: info@example.jp)";
    if (in[len] != '\0')
        return email_trimmed(in, len);
    for (p = in; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80)
            return "メールアドレスは半角の英数字と記号で入力してください (全角文字は使えません)";
        if (c <= 0x20 || c == 0x7F)
            return "メールアドレスに空白や制御文字は使えません";
    }
    if (len > 254)
        return "メールアドレスが長すぎます (254文字まで)";
    at = strchr(in, '@');
    if (at == NULL)
        return "メールアドレスに@がありません (例: info@example.jp)";
    if (strchr(at + 1, '@') != NULL)
        return "メールアドレスの@は1つだけにしてください";
    if (at == in)
        return "メールアドレスの@の前が空です (例: info@example.jp)";
    if (at - in > 64)
        return "メールアドレスの@の前が長すぎます (64文字まで)";
    for (p = in; p < at; p++)
        if (strchr("()<>[]:;,\\\"", *p) != NULL)
            return "メールアドレスの@の前に使えない記号があります";
    /* Domain: dot-separated labels of letters, digits and inner hyphens. */
    label = at + 1;
    if (*label == '\0')
        return "メールアドレスの@の後ろ (ドメイン) が空です (例: info@example.jp)";
    if (strchr(label, '.') == NULL)
        return "メールアドレスの@の後ろ (ドメイン) にドットがありません (例: example.jp)";
    for (p = label;; p++) {
        if (*p == '.' || *p == '\0') {
            size_t ll = (size_t)(p - label);
            if (ll == 0)
                return "メールアドレスのドメインでドットの位置が正しくありません (例: example.jp)";
            if (ll > 63 || label[0] == '-' || p[-1] == '-')
                return "メールアドレスのドメインの書き方が正しくありません (例: example.jp)";
            if (*p == '\0')
                break;
            label = p + 1;
        } else if (!is_alnum(*p) && *p != '-') {
            return "メールアドレスのドメインには英数字・ハイフン・ドットだけが使えます";
        }
    }
    return NULL;
}
