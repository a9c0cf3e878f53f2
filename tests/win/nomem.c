/* Runs out of memory the way nanbyo-check.exe would: its console set up
 * (nb_con_init, which gives xalloc the console's writer), then an
 * allocation that cannot succeed. The Windows tests
 * (tests/integration/test_win_check.py) require exit status 3 and
 * xalloc's one sentence written as every other line of the .exe is:
 * when redirected, the bare UTF-8 bytes (xalloc's default write(2) would
 * add a CR before the newline and the "nanbyo-survey: " prefix). */
#include "../../src/check/win/winrun.h"
#include "nanbyo/xalloc.h"
#include <stdint.h>

int main(void)
{
    nb_con_init();
    volatile size_t huge = SIZE_MAX / 2; /* not a constant the compiler could fold */
    char *p = xmalloc(huge);
    p[0] = 'x';
    return 0; /* not reached */
}
