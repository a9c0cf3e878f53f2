/* Pages of the PDF other than the form itself. */
#ifndef NANBYO_PDF_FORM_H
#define NANBYO_PDF_FORM_H
#include "export_model.h"
#include "pdf_layout.h"

/* The FAX送付状: one page addressed to the definition's recipient and FAX
 * number, from the institution, with the date and the page count. */
void nb_pdf_fax_cover(nb_pdf *p, const nb_xdoc *d);

#endif
