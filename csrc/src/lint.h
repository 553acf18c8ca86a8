/*
 * lint.h — the per-locale word lists of the message linter (lint.c,
 * docs/playbook.md) and of the few words channel payloads add (payload.c). The lists are
 * DATA, one file per locale (lint_<code>.c); lint.c only knows shapes.
 *
 * Phrase syntax: normalised tokens (ty_text_normalize: case folded, accents
 * stripped, apostrophes inside words dropped, so "don't" is "dont" and
 * "we'll" is "well") separated by single spaces, plus two markers:
 *   "#"  any number token ("only # left" matches "only 3 left");
 *   "$"  the end of the sentence ("let me know $" matches "Let me know!"
 *        but not "let me know which day suits you").
 * A phrase never matches across a sentence boundary. tests/c/test_lint.c
 * checks every entry is already in normalised form.
 *
 * It also declares what lint.c and lint_reach.c (the playbook-level checks,
 * TY101 to TY106) share.
 */
#ifndef TY_LINT_H
#define TY_LINT_H

#include "common.h"

typedef struct ty_lint_list {
    const char *const *v;
    size_t n;
} ty_lint_list;

typedef struct ty_lint_locale {
    const char *code;             /* "en" */
    ty_lint_list closers;         /* TY001: open-ended closers */
    ty_lint_list action_verbs;    /* TY002: an imperative at a sentence's start */
    ty_lint_list softeners;       /* TY002: words that may come before it ("please") */
    ty_lint_list action_phrases;  /* TY002: a clear action or stated next step anywhere */
    ty_lint_list or_words;        /* TY003: the word joining alternatives */
    ty_lint_list introducers;     /* TY003: words before a list of options ("would you like") */
    ty_lint_list lead_enders;     /* TY003: a lead-in ending in one holds no item ("what suits you,") */
    ty_lint_list pressure;        /* TY008: pressure and false urgency */
    ty_lint_list negations;       /* TY008: up to 3 words before a phrase, it is not pressure ("no hurry") */
    /* Words channel payloads write (payload.c). */
    const char *reply;            /* SMS: "Reply" A) ... */
    const char *or_word;          /* SMS: ... "or" B) ... */
    const char *list_button;      /* WhatsApp: the button that opens a list */
} ty_lint_locale;

/* The English tables (lint_en.c). */
extern const ty_lint_locale ty_lint_locale_en;

/* The table for a locale code ("en", "en-GB" -> "en"), English when there
 * is none. Never NULL. */
const ty_lint_locale *ty_lint_locale_find(const char *code, size_t len);

/* ---- playbook-level checks (lint_reach.c) -------------------------------- */

struct ty_pb_template;

/* One playbook-level finding, before lint.c writes it out. */
typedef struct ty_lint_note {
    const char *code;   /* "TY101" ... (static) */
    bool error;
    int32_t tmpl;       /* the template whose text it is about, or -1 */
    long variant;       /* that text is this variant, or -1 */
    int channel;        /* that text is this channel's text, or -1 */
    bool span;          /* start/end are set: code points into the text at path */
    size_t start, end;
    const char *path;   /* JSON path: "templates.nudge", "flows.booking.steps[2]" */
    const char *msg;
} ty_lint_note;

/* What ty_lint_reach_run finds; everything lives in its arena. */
typedef struct ty_lint_reach {
    ty_lint_note *notes;  /* in template order (text, variants, channel
                             texts), then slots, then flows and steps */
    size_t nnotes, cnotes;
    bool *asks_next;      /* [ntemplates]: every send of the template is a
                             say-only step whose turn goes on to a question:
                             it needs no ask of its own (TY002 waived) */
} ty_lint_reach;

/* Runs the playbook-level checks of pb (see lint_reach.c) into *r, with
 * all memory in a. Returns TY_OK or TY_E_NOMEM. Reads pb only. */
int ty_lint_reach_run(const ty_playbook *pb, ty_arena *a, ty_lint_reach *r);

/* The JSON path of a text of template t: "templates.x" (written as a
 * string), "templates.x.text", "templates.x.variants[1]" (variant >= 0) or
 * "templates.x.channels.sms" (channel >= 0), cut to fit cap. */
void ty_lint_template_path(const struct ty_pb_template *t, long variant, int channel, char *out, size_t cap);

#endif /* TY_LINT_H */
