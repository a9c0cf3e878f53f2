/* Cell formats of the xlsx 調査票 (see xlsx_style.h). Black on white with
 * a light grey behind labels, thin rules inside and a medium rule under
 * headings: the look of a prefecture's Excel form. */
#include "xlsx_style.h"
#include <stdio.h>
#include <string.h>

static lxw_format *base(lxw_workbook *wb, double size)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, NB_XLSX_FONT);
    format_set_font_size(f, size);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
}

static lxw_format *boxed(lxw_workbook *wb, double size)
{
    lxw_format *f = base(wb, size);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_text_wrap(f);
    return f;
}

/* A boxed number: shrunk to its column when wider, never wrapped (a
 * wrapped number is drawn as ### once it does not fit, and Excel ignores
 * shrink on a wrapped cell): an amount the reader cannot see is hidden. */
static lxw_format *boxed_figure(lxw_workbook *wb, double size)
{
    lxw_format *f = base(wb, size);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_shrink(f);
    return f;
}

void nb_xlsx_styles_init(lxw_workbook *wb, nb_xlsx_styles *s)
{
    s->title = base(wb, 16);
    format_set_bold(s->title);
    format_set_align(s->title, LXW_ALIGN_CENTER);

    s->plain = base(wb, NB_XLSX_SIZE);
    s->plain_right = base(wb, NB_XLSX_SIZE);
    format_set_align(s->plain_right, LXW_ALIGN_RIGHT);

    s->mark = base(wb, 12);
    format_set_bold(s->mark);
    format_set_border(s->mark, LXW_BORDER_MEDIUM);
    format_set_align(s->mark, LXW_ALIGN_CENTER);
    format_set_text_wrap(s->mark);

    s->heading = base(wb, 11);
    format_set_bold(s->heading);
    format_set_bottom(s->heading, LXW_BORDER_MEDIUM);
    /* the row is taller than the text: the room goes above the heading */
    format_set_align(s->heading, LXW_ALIGN_VERTICAL_BOTTOM);
    s->heading_note = base(wb, 9);
    format_set_bottom(s->heading_note, LXW_BORDER_MEDIUM);
    format_set_align(s->heading_note, LXW_ALIGN_RIGHT);
    format_set_align(s->heading_note, LXW_ALIGN_VERTICAL_BOTTOM);

    /* left-aligned boxes keep one indent off the rule, as on paper forms */
    s->label = boxed(wb, NB_XLSX_SIZE);
    format_set_bg_color(s->label, 0xF2F2F2);
    format_set_indent(s->label, 1);

    s->text = boxed(wb, NB_XLSX_SIZE);
    format_set_indent(s->text, 1);

    s->count = boxed(wb, NB_XLSX_SIZE);
    format_set_num_format(s->count, "#,##0\"人\"");
    format_set_align(s->count, LXW_ALIGN_LEFT);
    format_set_indent(s->count, 1);

    s->yen = boxed_figure(wb, NB_XLSX_SIZE);
    format_set_num_format(s->yen, "#,##0\"円\"");
    format_set_align(s->yen, LXW_ALIGN_RIGHT);
    format_set_indent(s->yen, 1);

    s->number = boxed_figure(wb, NB_XLSX_SIZE);
    format_set_num_format(s->number, "#,##0");
    format_set_align(s->number, LXW_ALIGN_RIGHT);

    s->date = boxed(wb, NB_XLSX_SIZE);
    format_set_num_format(s->date, "[$-411]ggge\"年\"m\"月\"d\"日\"");
    format_set_align(s->date, LXW_ALIGN_LEFT);
    format_set_indent(s->date, 1);

    s->th = boxed(wb, NB_XLSX_SIZE);
    format_set_bg_color(s->th, 0xF2F2F2);
    format_set_align(s->th, LXW_ALIGN_CENTER);

    s->center = boxed(wb, NB_XLSX_SIZE);
    format_set_align(s->center, LXW_ALIGN_CENTER);

    /* one line, shrunk a little where a definition's rule is longer */
    s->rule = base(wb, 9);
    format_set_border(s->rule, LXW_BORDER_THIN);
    format_set_shrink(s->rule);
    format_set_indent(s->rule, 1);

    s->strong_label = boxed(wb, 12);
    format_set_bold(s->strong_label);
    format_set_bg_color(s->strong_label, 0xF2F2F2);
    format_set_border(s->strong_label, LXW_BORDER_MEDIUM);
    format_set_indent(s->strong_label, 1);

    s->strong_yen = boxed_figure(wb, 12);
    format_set_bold(s->strong_yen);
    format_set_num_format(s->strong_yen, "#,##0\"円\"");
    format_set_align(s->strong_yen, LXW_ALIGN_RIGHT);
    format_set_indent(s->strong_yen, 1);
    format_set_border(s->strong_yen, LXW_BORDER_MEDIUM);

    s->note = base(wb, 9);
    format_set_text_wrap(s->note);
    format_set_align(s->note, LXW_ALIGN_VERTICAL_TOP);
}

lxw_format *nb_xlsx_quantity_format(lxw_workbook *wb, nb_xlsx_styles *s, const char *unit)
{
    if (!unit || !*unit || strlen(unit) >= sizeof s->qty[0].unit || strpbrk(unit, "\"\\"))
        return s->number;
    for (int i = 0; i < s->n_qty; i++)
        if (strcmp(s->qty[i].unit, unit) == 0)
            return s->qty[i].f;
    if (s->n_qty == (int)(sizeof s->qty / sizeof s->qty[0]))
        return s->number;
    char fmt[64];
    snprintf(fmt, sizeof fmt, "#,##0\"%s\"", unit);
    /* not wrapped: a number that does not fit would show ### in Excel and
     * break inside 「か月」 in LibreOffice; shrunk to fit instead */
    lxw_format *f = boxed_figure(wb, NB_XLSX_SIZE);
    format_set_num_format(f, fmt);
    format_set_align(f, LXW_ALIGN_RIGHT);
    snprintf(s->qty[s->n_qty].unit, sizeof s->qty[0].unit, "%s", unit);
    s->qty[s->n_qty++].f = f;
    return f;
}
