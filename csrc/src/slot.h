/*
 * slot.h — slot definitions (as loaded from a playbook) and the answer
 * recognisers that read a customer's words as a value for a slot (docs/recognizers.md).
 * pb_load.c fills these structs; recognize.c implements ty_recognize.
 * All strings are owned by the playbook's arena and NUL-terminated.
 */
#ifndef TY_SLOT_H
#define TY_SLOT_H

#include "common.h"
#include "hours.h"
#include "text.h"

typedef enum ty_slot_type {
    TY_SLOT_CHOICE = 0,
    TY_SLOT_YESNO,
    TY_SLOT_DATE,
    TY_SLOT_TIME,
    TY_SLOT_NUMBER,
    TY_SLOT_MONEY,
    TY_SLOT_EMAIL,
    TY_SLOT_PHONE,
    TY_SLOT_TEXT,
    TY_SLOT_TYPE_COUNT
} ty_slot_type;

/* Static name of a slot type ("choice", ...); ty_slot_type_parse is its
 * inverse (returns -1 when unknown). */
const char *ty_slot_type_name(int type);
int ty_slot_type_parse(const char *s, size_t len);

/* One choice option. `norm_*` are ty_text_normalize forms, precomputed at
 * load so recognising never normalises the playbook again. */
typedef struct ty_option {
    const char *id;
    size_t id_len;
    const char *title;
    size_t title_len;
    const char *norm_title;
    size_t norm_title_len;
    const char **synonyms;      /* raw */
    const char **norm_synonyms; /* normalised (a translation's title and synonyms included) */
    size_t *norm_synonym_lens;
    size_t nsynonyms;
    double price;   /* "price": what it costs, so "the cheaper one" can pick it */
    bool has_price; /* false: no price given */
} ty_option;

#define TY_SLOT_MAX_LANGS 4 /* = TY_PB_MAX_LANGS: the playbook's languages */

/* An options array's names split into tokens and indexed for the choice
 * reader, both modes; built once at load (rec_choice.c), read-only after. */
typedef struct ty_choice_prep ty_choice_prep;

/* Builds the choice reader's names of opts[0..nopts) in arena a (freed
 * with it); *out borrows opts' strings. TY_E_NOMEM on OOM. */
int ty_choice_prep_build(const ty_option *opts, size_t nopts, ty_arena *a, const ty_choice_prep **out);

typedef struct ty_slot {
    const char *name;
    size_t name_len;
    int type;                  /* ty_slot_type */
    const ty_option *options;  /* static options (choice) */
    size_t noptions;
    const char *options_from;  /* key in event data for host-supplied options, or NULL */
    size_t options_from_len;
    int range;                 /* date: "range", a TY_RANGE_* (hours.h); future by default */
    bool hours;                /* date or time: checked against the playbook's "hours" (default true) */
    int32_t date_slot;         /* time: the date slot it is on ("date"), or -1 */
    const ty_option *lang_options[TY_SLOT_MAX_LANGS]; /* the static options as another language of
                                 the playbook shows and reads them (same ids), or NULL: `options` */
    const ty_choice_prep *choice_prep;                   /* `options` prepared, or NULL */
    const ty_choice_prep *lang_choice_prep[TY_SLOT_MAX_LANGS]; /* lang_options[i] prepared, or NULL */
    const struct ty_wordset *count_words; /* number: the one-word option titles of the choice question a
                                             flow asks next after it, which a count may name ("una familiar"
                                             to "how many pizzas?" then "which size?"), or NULL */
    bool occasion_asked;       /* date: a flow asks it in words of an occasion ("What's the date of
                                  the wedding?", "¿Qué día es la fiesta?"): the occasion's day is it */
} ty_slot;

/* Per-locale word lists are data (locale_<code>.c), not code. */
typedef struct ty_locale ty_locale;
/* The built-in table for a locale code ("en", "en-GB" -> "en"); NULL when
 * no table exists (callers fall back to English). */
const ty_locale *ty_locale_find(const char *code, size_t len);
const ty_locale *ty_locale_default(void); /* English */
/* The i-th built-in table of the registry (English first), NULL past the
 * end: for reading a customer who writes in another language. */
const ty_locale *ty_locale_at(size_t i);

typedef enum ty_recog_mode {
    TY_RECOG_ANSWER = 0,  /* the whole message replies to this slot's ask */
    TY_RECOG_EXTRACT = 1  /* find an entity inside any message (stricter:
                             bare numbers/ordinals/letters are not evidence) */
} ty_recog_mode;

/* A lookup index over one locale table: for each two-byte token prefix
 * (hashed) the set of word lists that have an entry starting there, and the
 * same per first byte for typo matching. With it a recogniser skips, for each
 * token, every list that cannot match — most tokens then cost a few
 * instructions instead of a walk through every table. It is derived from the
 * table alone, built without allocating by ty_locale_index_build, and
 * read-only afterwards, so one index per playbook can serve every call and
 * thread. Optional: without one the recognisers scan the tables directly
 * (same results, slower). */
typedef struct ty_locale_index {
    const ty_locale *locale; /* the table it was built for */
    uint64_t two[1024];      /* by a token's first two bytes: the lists that may start there */
    uint64_t one[256];       /* by its first byte (typo matching) */
    uint64_t two_more[1024]; /* the same for the lists past the first 64 */
    uint64_t one_more[256];
} ty_locale_index;

/* Fills ix for loc (no allocation; about 20 KiB, embed it by value). */
void ty_locale_index_build(const ty_locale *loc, ty_locale_index *ix);

/* How numeric dates read ("3/4/2026"); LOCALE: the locale's order. */
enum { TY_DATE_ORDER_LOCALE = 0, TY_DATE_ORDER_DMY = 1, TY_DATE_ORDER_MDY = 2, TY_DATE_ORDER_YMD = 3 };

/* What the readers of one message may share (ty_recog_ctx.memo): the
 * caller owns it (zeroed, for one scratch arena), the readers fill it. */
typedef struct ty_recog_memo {
    const char *norm;         /* the tokens (their normalised text) the entries read */
    size_t norm_len;
    const ty_locale *locale;  /* and the table and index they read with */
    const void *index;
    void *times;              /* the choice reader's scan for times (in scratch), or NULL */
} ty_recog_memo;

/* A sorted set of words (byte order, no duplicates): every word of a
 * playbook's option names. Read-only once built. */
typedef struct ty_wordset {
    const char **w;
    size_t *len;
    size_t n;
} ty_wordset;

/* True when w[0..n) is one of set's words (NULL set: false). */
bool ty_wordset_has(const ty_wordset *set, const char *w, size_t n);

typedef struct ty_recog_ctx {
    const ty_locale *locale;
    int64_t at;               /* event time (Unix seconds) */
    int has_at;               /* 0: relative dates/times not resolvable */
    int32_t utc_offset;       /* seconds east of UTC for local dates */
    const ty_option *options; /* options for a choice slot (static, or built
                                 from event data by the caller) */
    size_t noptions;
    int mode;                 /* ty_recog_mode */
    const ty_locale_index *index; /* optional: built for `locale` (else ignored) */
    int date_order;           /* TY_DATE_ORDER_*: numeric dates (0: the locale's) */
    int past;                 /* 1: a date named without its year or week ("3 november",
                                 "monday") is the latest one up to today, not the next */
    const ty_choice_prep *choice_prep; /* optional: `options` prepared at load (else per call) */
    ty_recog_memo *memo;      /* optional: shared by the reads of one message in one scratch arena */
    int offers;               /* 1: a conversation's reply offering a day ahead (a date slot
                                 of days to come, or a choice): a day, or a part of the day,
                                 named in a clause about the past ("did anyone see the rugby
                                 at the weekend", "dropped it off this morning") is none */
    int open_from, open_to;   /* minutes after midnight: the business's earliest opening and
                                 latest closing in the week, or -1: "at 7" is 19:00 when only
                                 that half of the day falls inside */
    int foreign;              /* 1: `locale` is not the conversation's: its words (days,
                                 months) are read only as written, with no typo ("mates" is
                                 no "martes" in an English chat), and free text only when
                                 introduced ("me llamo Lucía"), never the whole message */
    int exact;                /* 1: a choice's names only as written or by stem, with no typo:
                                 the slot is filled, and a change to what was agreed needs
                                 its word ("medico" is no "medio") */
    const ty_wordset *option_words; /* optional: every word of the playbook's option names: one
                                       is never read as a typo of another ("completo" of one
                                       question is no "compacto" of another) */
    const ty_wordset *option_numbers; /* optional: the playbook's option names that are one
                                         number in digits: after a word that links a size ("un gas
                                         de 15" where "15" names the 15 kg cylinder) it is that
                                         option, no count */
    const ty_wordset *slot_words; /* optional: every word of the playbook's slot names: an
                                     engagement word among them is what is booked ("vuelo" at
                                     a transfer that asks the flight), no other engagement */
    const ty_hours *hours;    /* optional: the business's days open: of days offered as
                                 alternatives ("monday or tuesday") the first open one is taken */
    const ty_wordset *count_words; /* optional: a number slot's count_words (ty_slot) */
    int occasion;             /* 1: a date slot asked in words of an occasion (ty_slot
                                 occasion_asked): the occasion's day is the one asked */
    int pending;              /* 1: a reply while the conversation asks something: an hour
                                 with a preposition is a time in passing too ("la recojo a
                                 las 5" to "pick-up or delivery?") */
} ty_recog_ctx;

/* Recognises slot in text (already validated UTF-8; toks is its
 * tokenisation). On success builds {"value","text","start","end"} in doc
 * (start/end in code points of the original text) and returns it; returns
 * NULL with *rc = TY_OK when the text holds no value for the slot, or NULL
 * with *rc = TY_E_NOMEM (or TY_E_ARG for a NULL slot, ctx, toks, scratch or
 * doc). scratch is per-call memory. Reads slot, ctx and the locale tables
 * only: safe to call from many threads on shared playbook data. */
ty_value *ty_recognize(const ty_slot *slot, const ty_recog_ctx *ctx, const char *text, size_t len,
                       const ty_tokens *toks, ty_arena *scratch, ty_doc *doc, int *rc);

/* True when text names a day its month does not have ("31 November",
 * "30/2", "29 February 2027") and no real date: *month (1..12) and *day
 * get the first one. Reads ctx, the tables and scratch only. */
bool ty_recognize_no_such_day(const ty_recog_ctx *ctx, const char *text, size_t len, const ty_tokens *toks,
                              ty_arena *scratch, int *month, int *day);

/* True when the message reads as a new question (ends with '?', or opens
 * with a question word of the locale): then it is not an answer. */
bool ty_recognize_is_question(const ty_locale *loc, const char *text, size_t len, const ty_tokens *toks);

/* True when the message asks whether something is so ("¿sabés si va a
 * haber tráfico el sábado?", "do you know if it'll rain on saturday?"): a
 * word of knowing right before a condition's word, in a question. */
bool ty_recognize_asks_whether(const ty_locale *loc, const char *text, size_t len, const ty_tokens *toks);

/* True when toks (of text[0..len)) give a day of the month alone: the
 * locale's day markers at most, one or two digits and an ordinal suffix
 * glued to them ("26th", "the 24th", "el 26"): no month. */
bool ty_recognize_day_number_only(const ty_locale *loc, const char *text, size_t len, const ty_tokens *toks);

/* True when text slot `slot` holds someone else's name by its id
 * ("pet_name", "nombre_mascota", "child_name"). */
bool ty_recognize_names_other(const ty_slot *slot);

/* True when toks open like a question for information: a question word,
 * or an auxiliary and its subject ("is a tune-up something I can do
 * myself?"), not a request or a proposal ("can I get a tune-up?"). */
bool ty_recognize_asks_info(const ty_locale *loc, const char *text, size_t len, const ty_tokens *toks);

/* Locale word lists for the matcher and flows: does the normalised token
 * sequence mean START / STOP-like words? (used by the flow engine later) */

#endif /* TY_SLOT_H */
