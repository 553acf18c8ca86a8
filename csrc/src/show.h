/*
 * show.h — slot values in the words a person writes: a date as "Saturday
 * 28 November" or "tomorrow", a time as "2:30pm" or "14:30", money as
 * "£45.50" or "45,50 €", by the conversation's language (words.h). Pure
 * functions of their arguments: the message time comes in, no clock is read.
 */
#ifndef TY_SHOW_H
#define TY_SHOW_H

#include "common.h"
#include "words.h"

typedef struct ty_show_cx {
    const ty_words *w;
    int64_t today;   /* the message's local day (ty_civil_local_day) */
    bool has_today;  /* false: no relative words ("today", "tomorrow") */
    int clock;       /* 12 or 24; 0: the language's */
} ty_show_cx;

/* Appends day z: "Saturday 28 November" ("sábado 28 de noviembre"), with
 * the year when the day is over 180 days from today or today is unknown. */
int ty_show_date(const ty_show_cx *x, int64_t z, ty_buf *b);
/* Appends day z as a phrase after a verb: "today", "tomorrow", or "on
 * Saturday 28 November" ("hoy", "mañana", "el sábado 28 de noviembre"). */
int ty_show_when(const ty_show_cx *x, int64_t z, ty_buf *b);
/* Appends minutes after midnight as a clock time: "2:30pm", "9am", "noon"
 * (12-hour) or "14:30" (24-hour). */
int ty_show_time(const ty_show_cx *x, int minutes, ty_buf *b);
/* Appends a time as a phrase: "at 2:30pm", "a las 14:30", "a la 1:00". */
int ty_show_time_when(const ty_show_cx *x, int minutes, ty_buf *b);
/* Appends opening ranges (minutes, pairs from[i]..to[i]) as a phrase: "9am
 * to 1pm and 2pm to 6pm", "de 9:00 a 14:00 y de 16:00 a 20:00". */
int ty_show_ranges(const ty_show_cx *x, const int *from, const int *to, size_t n, ty_buf *b);
/* Appends an amount of `currency` (ISO code, or NULL): "£45", "£1,250.50",
 * "45,50 €", "45 CHF". */
int ty_show_amount(const ty_show_cx *x, double amount, const char *currency, size_t clen, ty_buf *b);
/* Appends a plain number with the language's decimal mark: "2.5", "2,5". */
int ty_show_number(const ty_show_cx *x, double v, ty_buf *b);

/* A slot value of type `slot_type` (TY_SLOT_*) for templates: a new map in
 * doc with "text" (how {{slot}} renders) and its parts ({{slot.weekday}},
 * {{slot.iso}}, ...; docs/playbook.md lists them), or NULL with *rc ==
 * TY_OK when the value is shown as it is (text, choices, e-mail, phone).
 * *rc = TY_E_NOMEM on allocation failure. tmp is the caller's scratch
 * buffer (emptied on return). The map may share parts of v. */
ty_value *ty_show_value(const ty_show_cx *x, int slot_type, const ty_value *v, ty_doc *doc, ty_buf *tmp, int *rc);

#endif /* TY_SHOW_H */
