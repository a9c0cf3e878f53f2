/* The font maps the PDF is drawn with (see pdf_fonts.h).
 *
 * Why two: for every face a form asks for (about 17), pango has
 * fontconfig sort all installed fonts and sum their coverage, and on a
 * system with ~200 fonts, big CJK collections among them, that sorting
 * was a third of a one-page form's instructions. The forms name three
 * families, so the first map holds only those: a fontconfig configuration
 * with the system's font folders and caches (fonts are read from the
 * caches, not scanned again), which accepts only fonts of those families,
 * and which keeps the system's synthetic bold rule (IPAexGothic has no
 * bold face). A document with a character none of them has is drawn
 * again with the second map, the system's whole set (pdf.c), so such a
 * character gets the same fallback face it always had. */
#include "pdf_fonts.h"
#include "nanbyo/buf.h"
#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>

/* The families the forms name (pdf_fonts.h). */
static const char *const form_families[] = {NB_PDF_FAMILY_GOTHIC, NB_PDF_FAMILY_CJK, NB_PDF_FAMILY_FIGURES};

/* One element per path in list, the path escaped as XML text; false when
 * a path is not UTF-8, which an XML configuration cannot hold (the forms'
 * map is then not made, rather than made without that folder's fonts). */
static bool put_elements(nb_buf *b, const char *name, FcStrList *list)
{
    bool ok = true;
    if (!list)
        return ok;
    for (FcChar8 *s; ok && (s = FcStrListNext(list));) {
        ok = g_utf8_validate((const char *)s, -1, NULL);
        if (ok) {
            char *text = g_markup_escape_text((const char *)s, -1);
            nb_buf_addf(b, " <%s>%s</%s>\n", name, text, name);
            g_free(text);
        }
    }
    FcStrListDone(list);
    return ok;
}

/* The configuration: the system's folders and caches, only the forms'
 * families, and synthetic bold where bold is asked of a font without it
 * (the rule of fontconfig's own 90-synthetic.conf). */
static FcConfig *form_config(void)
{
    FcConfig *sys = FcConfigGetCurrent(); /* loads the system's configuration */
    if (!sys)
        return NULL;
    nb_buf b = {0};
    nb_buf_adds(&b, "<?xml version=\"1.0\"?>\n<fontconfig>\n");
    if (!put_elements(&b, "dir", FcConfigGetFontDirs(sys)) || /* with their subfolders */
        !put_elements(&b, "cachedir", FcConfigGetCacheDirs(sys))) {
        nb_buf_release(&b);
        return NULL;
    }
    nb_buf_adds(&b, " <selectfont>\n  <acceptfont>\n");
    for (size_t i = 0; i < sizeof form_families / sizeof *form_families; i++)
        nb_buf_addf(&b, "   <pattern><patelt name=\"family\"><string>%s</string></patelt></pattern>\n",
                      form_families[i]);
    nb_buf_adds(&b, "  </acceptfont>\n  <rejectfont><pattern/></rejectfont>\n </selectfont>\n"
                    " <match target=\"font\">\n"
                    "  <test name=\"weight\" compare=\"less_eq\"><const>medium</const></test>\n"
                    "  <test target=\"pattern\" name=\"weight\" compare=\"more_eq\"><const>bold</const></test>\n"
                    "  <edit name=\"embolden\" mode=\"assign\"><bool>true</bool></edit>\n"
                    "  <edit name=\"weight\" mode=\"assign\"><const>bold</const></edit>\n"
                    " </match>\n</fontconfig>\n");
    FcConfig *cfg = FcConfigCreate();
    if (cfg && (!FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)b.data, FcFalse) ||
                !FcConfigBuildFonts(cfg))) {
        FcConfigDestroy(cfg);
        cfg = NULL;
    }
    nb_buf_release(&b);
    return cfg;
}

PangoFontMap *nb_pdf_font_map(bool whole_system)
{
    /* process-lifetime on purpose: faces are loaded once per process, not
     * once per document (a TUI session or export --pdf --eml makes
     * several); reachable, so leak checkers do not report them */
    static PangoFontMap *maps[2];
    static bool form_tried;
    if (!whole_system && !form_tried) {
        form_tried = true;
        FcConfig *cfg = form_config();
        if (cfg) {
            maps[0] = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
            if (maps[0])
                pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(maps[0]), cfg);
            FcConfigDestroy(cfg); /* the map holds its own reference */
        }
    }
    if (!whole_system && maps[0])
        return maps[0];
    if (!maps[1])
        maps[1] = pango_cairo_font_map_new();
    return maps[1];
}
