/* The output formats, one row each (export.h): what `export` offers and
 * writes, in this order, and what the submit page saves. The writers of
 * the xlsx and the PDF are reached through stand-ins that load the docs
 * part (src/ioload/plugin_fns.h); the CSVs are light code (NB_PLUGIN_NONE),
 * and the message is too, but it attaches the xlsx and the PDF. */
#include "nanbyo/export.h"

const nb_export_format nb_export_formats[] = {
    {.name = "xlsx", .option = "xlsx", .ext = ".xlsx", .default_name = "shoyogaku-chosa.xlsx",
     .write = nb_export_xlsx, .part = NB_PLUGIN_DOCS, .saved_by_tui = true},
    {.name = "pdf", .option = "pdf", .ext = ".pdf", .default_name = "shoyogaku-chosa.pdf",
     .write = nb_export_pdf, .part = NB_PLUGIN_DOCS, .saved_by_tui = true},
    {.name = "csv", .option = "csv", .ext = ".csv", .default_name = "shoyogaku-chosa.csv",
     .write = nb_export_csv, .part = NB_PLUGIN_NONE, .saved_by_tui = true},
    {.name = "items-csv", .option = "items-csv", .ext = ".csv", .default_name = "shoyogaku-chosa-items.csv",
     .write = nb_export_items_csv, .part = NB_PLUGIN_NONE},
    {.name = "eml", .option = "eml", .ext = ".eml", .default_name = "shoyogaku-chosa.eml",
     .write = nb_export_eml, .part = NB_PLUGIN_DOCS},
};
const size_t nb_export_formats_len = sizeof nb_export_formats / sizeof nb_export_formats[0];
