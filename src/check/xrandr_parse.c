/* Pure parser for `xrandr --query` output: one monitor per connected
 * output that has a mode (WxH+X+Y after "connected [primary]"). */
#include "nanbyo/probe.h"
#include <stdio.h>
#include <string.h>

size_t nb_xrandr_parse(const char *text, nb_monitor *out, size_t max)
{
    size_t n = 0;
    for (const char *line = text; line && *line && n < max;) {
        const char *eol = strchr(line, '\n');
        size_t len = eol ? (size_t)(eol - line) : strlen(line);
        char buf[512];
        if (len >= sizeof buf)
            len = sizeof buf - 1;
        memcpy(buf, line, len);
        buf[len] = '\0';
        line = eol ? eol + 1 : NULL;
        if (buf[0] == ' ' || buf[0] == '\t' || strncmp(buf, "Screen ", 7) == 0)
            continue;
        char name[48], state[32], geo[64], geo2[64];
        geo[0] = geo2[0] = '\0';
        int k = sscanf(buf, "%47s %31s %63s %63s", name, state, geo, geo2);
        if (k < 3 || strcmp(state, "connected") != 0)
            continue;
        const char *g = strcmp(geo, "primary") == 0 ? geo2 : geo;
        int w, h, x, y;
        char tail;
        if (sscanf(g, "%dx%d+%d+%d%c", &w, &h, &x, &y, &tail) != 4 || w <= 0 || h <= 0 ||
            w > 100000 || h > 100000)
            continue;
        snprintf(out[n].name, sizeof out[n].name, "%s", name);
        out[n].w = w;
        out[n].h = h;
        n++;
    }
    return n;
}
