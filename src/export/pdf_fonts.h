/* The font maps the PDF is drawn with: the forms' own few families
 * first, the system's whole set when text needs more (see pdf_fonts.c). */
#ifndef NANBYO_PDF_FONTS_H
#define NANBYO_PDF_FONTS_H
#include <pango/pangocairo.h>
#include <stdbool.h>

/* The map of only the forms' families (false), or of every installed
 * font (true, and also when the first cannot be made). Made on first
 * use and kept for the life of the process. */
PangoFontMap *nb_pdf_font_map(bool whole_system);

#endif
