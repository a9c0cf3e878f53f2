/* Quoting text that came from a file or a user in a message for the
 * terminal, a log or JSON, and recognising the characters that must never
 * be passed on as they are: controls (they move the cursor, set the window
 * title, forge lines) and bidi/invisible characters (they reorder or hide
 * what is shown, so a name can read differently from what it is). */
#ifndef NANBYO_QUOTE_H
#define NANBYO_QUOTE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* C0 controls, DEL, C1 controls, U+2028/U+2029. */
bool nb_cp_is_control(int32_t cp);

/* Bidi controls and invisible characters: U+200B-U+200F, U+202A-U+202E,
 * U+2066-U+2069, U+061C, U+FEFF. */
bool nb_cp_is_invisible(int32_t cp);

/* The first bidi/invisible code point in s (valid UTF-8 or not), 0 if none. */
int32_t nb_find_invisible(const char *s);

/* s made safe to show, into out (n bytes, always NUL-terminated valid
 * UTF-8): controls and bidi/invisible characters become <U+XXXX>, bytes
 * that are not UTF-8 become <0xNN>. At most max_chars characters of s are
 * shown (an escape counts as one); when s is longer, or out is too small,
 * it is cut at a character boundary and "…" is added. Returns out. */
const char *nb_quote(char *out, size_t n, const char *s, size_t max_chars);

/* Room for nb_quote of up to c characters: "<U+XXXX>" is 8 bytes, "…" 3. */
#define NB_QUOTE_SIZE(c) ((c) * 8 + 4)

/* nb_quote into a temporary that lives until the end of the enclosing
 * block (a compound literal): for one argument of a message, as in
 * nb_error_set(err, "区分「%s」…", NB_QUOTED(category, 40)). */
#define NB_QUOTED(s, max_chars) \
    nb_quote((char[NB_QUOTE_SIZE(max_chars)]){0}, NB_QUOTE_SIZE(max_chars), (s), (max_chars))

#endif
