/* The font maps the PDF is drawn with: the forms' own few families
 * first, the system's whole set when text needs more (see pdf_fonts.c). */
#ifndef NANBYO_PDF_FONTS_H
#define NANBYO_PDF_FONTS_H
#include <pango/pangocairo.h>
#include <stdbool.h>

/* The families the forms are drawn in (pdf_layout.c puts them in order
 * for each face); the first font map holds only these. */
#define NB_PDF_FAMILY_GOTHIC "IPAexGothic"
#define NB_PDF_FAMILY_CJK "Noto Sans CJK JP"          /* where IPAexGothic is missing */
#define NB_PDF_FAMILY_FIGURES "DejaVu Sans Condensed" /* amounts and numbers */

/* The map of only the forms' families (false), or of every installed
 * font (true, and also when the first cannot be made). Made on first
 * use and kept for the life of the process. */
PangoFontMap *nb_pdf_font_map(bool whole_system);

#endif
