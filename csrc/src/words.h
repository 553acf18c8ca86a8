/*
 * words.h — what the bot writes, per language: the names and patterns that
 * turn a slot value into the words a person would write ("Saturday 28
 * November", "sábado 28 de noviembre", "2:30pm", "£45.50", "45,50 €"), and
 * the built-in messages about bookable days and times. Reading customers'
 * words is locale.h's and judge.h's; these tables only ever write.
 *
 * The tables are data (words_<code>.c); show.c holds the code. Adding a
 * language is a new table, one declaration and one registry entry below.
 */
#ifndef TY_WORDS_H
#define TY_WORDS_H

#include <stdbool.h>
#include <stddef.h>

/* A currency as written: `symbol` before the amount ("£45") or, with
 * `after`, after it and a space ("45 €"). */
typedef struct ty_words_currency {
    const char *iso;
    const char *symbol;
    bool after;
} ty_words_currency;

typedef struct ty_words {
    const char *code;               /* "en", "es" */
    const char *weekdays[7];        /* Monday first, as written mid-sentence */
    const char *months[12];
    const char *month_link;         /* between day and month, and month and year: "" / "de" */
    const char *today, *tomorrow;   /* relative names of the message's day and the next */
    const char *on;                 /* before a date as a phrase: "on" / "el" */
    const char *at, *at_one;        /* before a time: "at" / "a las"; at_one for one o'clock ("a la"), or NULL */
    bool clock24;                   /* 14:30 rather than 2:30pm */
    const char *am, *pm;            /* 12-hour suffixes as written after the hour: "9am", "9 a. m." */
    const char *noon, *midnight;    /* 12-hour names of 12:00 and 00:00, or NULL */
    const char *range;              /* between two times: "to" / "a" ("9am to 6pm") */
    const char *range_from;         /* before a range, or "": "de" ("de 9:00 a 18:00") */
    const char *and_word;           /* joins the last two of a list: "and" / "y" */
    const char *or_word;            /* "or" / "o" */
    const char *question_open;      /* opens a question: "" / "¿" */
    char decimal_mark, group_mark;  /* '.' ',' / ',' '.' */
    double group_from;              /* amounts from which thousands are grouped */
    const ty_words_currency *currencies; /* ends with {NULL} */
    bool code_after;                /* an unknown currency code after the amount ("45 CHF") */
    const char *under, *over;       /* money bounds: "under £50", "over £50" */
    const char *marks;              /* characters only this language writes, NUL-separated, ending
                                       with an empty one ("¿\0¡\0ñ\0"), or NULL: for detection */

    /* Built-in messages (Mustache; a playbook template of the same name
     * replaces one). Variables: {{when}} the refused day as a phrase,
     * {{date}} the refused day, {{time}}, {{hours}} the opening hours of the
     * day as a phrase, {{#options}} the alternatives offered. */
    const char *date_passed;   /* "date_passed": a day before today */
    const char *date_future;   /* "date_future": a day after today, for a slot of past days */
    const char *date_closed;   /* "date_closed": a closed day or holiday */
    const char *date_too_soon; /* "date_too_soon": inside the lead time */
    const char *date_invalid;  /* "date_invalid": no such day ("31 November") */
    const char *time_closed;   /* "time_closed": outside the day's hours */
    const char *time_passed;   /* "time_passed": earlier today than now */
    const char *time_too_soon; /* "time_too_soon": today, inside the lead time */
    const char *offer;         /* "offer": offers the alternatives after any of these */
    const char *offer_none;    /* "offer_none": when there is none to offer */
} ty_words;

const ty_words *ty_words_en(void);
const ty_words *ty_words_es(void);
#define TY_WORDS_TABLES ty_words_en, ty_words_es

/* The table for a locale code ("es-MX" -> "es"); English otherwise. */
const ty_words *ty_words_for(const char *code, size_t len);

#endif /* TY_WORDS_H */
