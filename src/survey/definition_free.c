/* Releasing a definition (kept apart from the loader, which is long). */
#include <stdlib.h>
#include "nanbyo/definition.h"

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void free_field(nb_field *f)
{
    free(f->id);
    free(f->label);
    free(f->help);
    free(f->placeholder);
    for (size_t i = 0; i < f->n_choices; i++) {
        free(f->choices[i].value);
        free(f->choices[i].label);
    }
    free(f->choices);
}

void nb_def_free(nb_definition *d)
{
    if (!d)
        return;
    char **strings[] = {
        &d->path, &d->id, &d->authority, &d->department, &d->section, &d->program, &d->title,
        &d->audience, &d->form_number, &d->stage, &d->source_url, &d->tax_basis, &d->email_to,
        &d->subject_template, &d->attachment_template, &d->attachment_ascii, &d->fax,
        &d->postal_code, &d->postal_address, &d->recipient, &d->phone, &d->contact,
        &d->pc.printer_paper, &d->pc.https_url,
    };
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        free(*strings[i]);
    free_list(d->pc.browsers, d->pc.n_browsers);
    free_list(d->pc.software, d->pc.n_software);
    for (size_t i = 0; i < d->n_notices; i++) {
        free(d->notices[i].id);
        free(d->notices[i].title);
        free(d->notices[i].text);
    }
    free(d->notices);
    for (size_t i = 0; i < d->n_fields; i++)
        free_field(&d->fields[i]);
    free(d->fields);
    for (size_t i = 0; i < d->n_pages; i++) {
        free(d->pages[i].id);
        free(d->pages[i].title);
        free(d->pages[i].intro);
        free(d->pages[i].fields);
    }
    free(d->pages);
    for (size_t i = 0; i < d->n_categories; i++) {
        free(d->categories[i].id);
        free(d->categories[i].label);
        free(d->categories[i].reason);
        free(d->categories[i].help);
        free(d->categories[i].unit);
    }
    free(d->categories);
    for (size_t i = 0; i < d->n_rules; i++) {
        nb_rule *r = &d->rules[i];
        free(r->field);
        free(r->other);
        free(r->message);
        free_list(r->fields, r->n_fields);
        free_list(r->values, r->n_values);
    }
    free(d->rules);
    free(d);
}
