/* The QR code of the answers on the printed 調査票 (read back by collect, docs/collect.md): one code,
 * version 18 or larger, ECC M, 1.0 mm modules. Fax at standard
 * resolution (204x98 dpi) reads nothing under 0.8 mm, so when the answers
 * need more than version 18 the code gets a larger version on a page of
 * its own rather than smaller modules. */
#ifndef NANBYO_PDF_QR_H
#define NANBYO_PDF_QR_H
#include "export_model.h"
#include "pdf_layout.h"

typedef struct nb_pdf_qr nb_pdf_qr;

/* The code for the document's answers; NULL when --no-qr. When the
 * answers do not fit any code that fits a page at 1.0 mm, the result
 * carries a sentence saying so instead of a code. */
nb_pdf_qr *nb_pdf_qr_new(const nb_xdoc *d);
void nb_pdf_qr_free(nb_pdf_qr *qr);

/* On the first form page, just after it starts: draws a version-18 code
 * at the foot of the page (keeping that room free), or one line saying
 * where the code is / why there is none. */
void nb_pdf_qr_first_page(nb_pdf *p, const nb_pdf_qr *qr);
/* After the form: the page of a code larger than version 18. */
void nb_pdf_qr_own_page(nb_pdf *p, const nb_pdf_qr *qr);

#endif
