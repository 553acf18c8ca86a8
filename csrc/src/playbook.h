/*
 * playbook.h — the loaded playbook (docs/playbook.md) as plain structs, private to the
 * core. pb_load.c parses and validates the JSON document once and resolves
 * every name to an index, so the matcher and the flow engine read arrays and
 * never look anything up by name or re-parse at run time.
 *
 * Ownership: everything reachable from a ty_playbook (strings, arrays, the
 * slots' options, the compiled templates, the trained matcher) belongs to the
 * playbook and is released by ty_playbook_free. Nothing changes after
 * ty_playbook_load returns, so any number of threads may read it at once.
 *
 * Conventions used below:
 *  - An index of -1 means "not set" (no flow, no template, no slot).
 *  - Every string is NUL-terminated and its length is stored beside it.
 *  - Arrays keep document order (the order keys appear in the JSON text),
 *    so index i of pb->intents is the i-th key of "intents", and so on.
 */
#ifndef TY_PLAYBOOK_H
#define TY_PLAYBOOK_H

#include "common.h"
#include "hours.h"
#include "judge.h"
#include "words.h"
#include "match.h"
#include "schema.h"
#include "slot.h"
#include "text.h"

/* Built-in behaviours an intent can trigger with "does". */
typedef enum ty_pb_does {
    TY_PB_DOES_NONE = 0,
    TY_PB_DOES_OPT_OUT = 1, /* "opt_out": stop everything (STOP, UNSUBSCRIBE) */
    TY_PB_DOES_HANDOFF = 2, /* "handoff": hand over to a person */
    TY_PB_DOES_OPT_IN = 3   /* "opt_in": the explicit START that lifts an opt-out */
} ty_pb_does;

/* Channels a template can have its own text for ("channels" keys). */
typedef enum ty_pb_channel {
    TY_PB_CHANNEL_WHATSAPP = 0,
    TY_PB_CHANNEL_MESSENGER,
    TY_PB_CHANNEL_INSTAGRAM,
    TY_PB_CHANNEL_TELEGRAM,
    TY_PB_CHANNEL_WEBCHAT,
    TY_PB_CHANNEL_SMS,
    TY_PB_CHANNEL_COUNT
} ty_pb_channel;

/* Static name of a channel ("whatsapp", ...); NULL when out of range. */
const char *ty_pb_channel_name(int channel);
/* The channel for a name, or -1 when it is not one. */
int ty_pb_channel_parse(const char *s, size_t len);
/* The channel for a name, or -1 with err set (TY_E_ARG at path "channel",
 * naming the channels allowed): for API arguments. */
int ty_pb_channel_arg(const char *s, size_t len, ty_error *err);

typedef struct ty_pb_intent {
    const char *name;
    size_t name_len;
    int32_t flow;        /* "flow": index into pb->flows, or -1 */
    int32_t say;         /* "say": index into pb->templates, or -1 */
    int does;            /* "does": a ty_pb_does */
    uint32_t nexamples;  /* examples trained for this intent (may be 0) */
    uint32_t nkeywords;  /* keywords of this intent (in pb->keywords) */
    uint32_t nchanges;   /* its examples that ask to change a booking ("¿puedo cambiar mi cita?") */
} ty_pb_intent;

/* One keyword trigger. pb->keywords is sorted by (norm bytes) so a message's
 * normalised text is looked up with one binary search. Two intents cannot
 * share a keyword (rejected at load), so a hit is never ambiguous. */
typedef struct ty_pb_keyword {
    const char *norm; /* ty_text_normalize form */
    size_t len;
    uint32_t intent;  /* index into pb->intents */
} ty_pb_keyword;

/* A compiled template: the main text, its variants (the flow engine picks
 * one deterministically from text + variants) and per-channel texts (NULL
 * where the channel has none: the main text and variants apply). Every
 * template was compiled strict, with the placeholder guard on, escape
 * "none", and with all the playbook's templates (their main texts) as
 * partials. */
/* The WhatsApp template approved for a playbook template (top-level
 * channels.whatsapp.templates): what a closed 24-hour window sends instead
 * of the text. */
#define TY_PB_MAX_WA_PARAMS 20
typedef struct ty_pb_wa_template {
    const char *name; /* the approved template's name */
    size_t name_len;
    const char *language; /* its language code ("en_US") */
    size_t language_len;
    ty_template **params; /* [nparams] body parameters, rendered like the text */
    size_t nparams;
} ty_pb_wa_template;

typedef struct ty_pb_template {
    const char *name;
    size_t name_len;
    ty_template *text;
    ty_template **variants;
    size_t nvariants;
    ty_template *channels[TY_PB_CHANNEL_COUNT];
    /* The sources as written, kept so the linter (lint.c) can compile them
     * again without the placeholder guard and see what a render leaves. */
    const char *source;
    size_t source_len;
    const char **variant_sources; /* [nvariants] */
    size_t *variant_source_lens;
    const char *channel_sources[TY_PB_CHANNEL_COUNT]; /* NULL where none */
    size_t channel_source_lens[TY_PB_CHANNEL_COUNT];
    bool object; /* written as {"text", ...}: lint paths name "text" */
    ty_pb_wa_template *whatsapp; /* the approved template for a closed window, or NULL */
} ty_pb_template;

/* Where a `next` leads: a step of a flow. A plain step id resolves to a step
 * of the same flow (jump false); "@flow" resolves to step 0 of that flow
 * (jump true: the flow engine starts the other flow). */
typedef struct ty_pb_target {
    int32_t flow; /* index into pb->flows */
    int32_t step; /* index into that flow's steps */
    bool jump;    /* written as "@flow" */
} ty_pb_target;

/* One entry of a `next` map: the answer value (a choice option's id, or
 * "yes"/"no" for a yesno slot) and where it leads. Answers the map does not
 * name continue like a step without `next`. */
typedef struct ty_pb_branch {
    const char *answer;
    size_t answer_len;
    ty_pb_target to;
} ty_pb_branch;

/* One entry of a step's "set": a slot and the value the step gives it (a
 * choice option's id, "yes"/"no", or the text for a text slot). */
typedef struct ty_pb_set {
    int32_t slot;
    const char *value;
    size_t value_len;
} ty_pb_set;

typedef struct ty_pb_step {
    const char *id;
    size_t id_len;
    int32_t say;                  /* "say": template index, or -1 */
    int32_t ask;                  /* "ask": slot index, or -1 */
    bool has_next;                /* "next" was a single target ... */
    ty_pb_target next;            /* ... here */
    const ty_pb_branch *branches; /* "next" was a map (only with a choice or
                                     yesno ask), in document order */
    size_t nbranches;
    const ty_pb_set *sets;        /* "set": slots this step fills when reached
                                     (a recommendation fills what it recommends) */
    size_t nsets;
    const char *end;              /* "end": the outcome word, or NULL */
    size_t end_len;
    bool has_remind;              /* "remind" given (an empty list cancels reminders) */
    const struct ty_pb_reminder *reminders; /* "remind": what to send before the booked day */
    size_t nreminders;
    /* Without `next` (or for an answer the map does not name) the flow
     * continues with the following step; after the last step the flow is
     * over (the flow engine decides the outcome). */
} ty_pb_step;

typedef struct ty_pb_followup ty_pb_followup;

typedef struct ty_pb_flow {
    const char *name;
    size_t name_len;
    const ty_pb_step *steps; /* at least one */
    size_t nsteps;
    bool has_followups;      /* "followups": this flow's own, instead of the playbook's */
    const ty_pb_followup *followups;
    size_t nfollowups;
} ty_pb_flow;

/* A reminder a step schedules ("remind"): `before` seconds before the
 * booked moment (the date slot's day at the time slot's time, else at the
 * day's opening, else at midnight); with `at` (minutes after midnight, -1
 * when absent) it is sent at that time of the day `before` whole days
 * earlier ("the day before at 18:00"). */
typedef struct ty_pb_reminder {
    int64_t before;
    int at;
    int32_t say;       /* template */
    int32_t date_slot; /* "date", else the playbook's only date slot */
    int32_t time_slot; /* "time", else the time slot on that date, or -1 */
} ty_pb_reminder;

struct ty_pb_followup {
    int64_t after; /* seconds */
    int32_t say;   /* template index */
};

/* Defaults for optional top-level fields. */
#define TY_PB_DEFAULT_REPROMPTS 2
#define TY_PB_MAX_REPROMPTS 10
#define TY_PB_MAX_FOLLOWUPS 16
#define TY_PB_MAX_REMINDERS 4               /* reminders one step schedules */
#define TY_PB_MAX_LANGS TY_SLOT_MAX_LANGS   /* the playbook's locale and up to 3 more ("languages") */
#define TY_PB_MAX_NAME 64                   /* bytes in a name or id */
#define TY_PB_MAX_SET_TEXT 256              /* bytes of a text a step's "set" gives */
#define TY_PB_MAX_DURATION (366 * 86400LL)  /* longest duration: 366 days */

/* Counts the allocator hooks see, so stats() can report real bytes held by
 * the compiled templates and the matcher. Written only during load and
 * free (compiled objects do not allocate once built). */
typedef struct ty_pb_counter {
    const ty_alloc *base; /* the caller's allocator (NULL: libc) */
    size_t live;          /* bytes currently held through `hooks` */
} ty_pb_counter;

/* One language a playbook speaks: langs[0] is its own "locale", the others
 * come from "languages". A translated template has the main template's
 * name; where a language has none, the main one is used. */
typedef struct ty_pb_lang {
    const char *code;                 /* as written: "es", "es-MX" */
    size_t code_len;
    const ty_locale *locale;          /* the recognisers' table */
    const ty_locale_index *index;     /* over `locale` */
    const ty_judge_lex *judge;        /* built-in conversation words and messages */
    const ty_words *words;            /* what the bot writes */
    ty_pb_template *templates;        /* [ntemplates] (langs[0]: pb->templates); text NULL: not translated */
    ty_matcher *matcher;              /* trained on the language's examples (NULL: pb->matcher) */
    const uint32_t *vocab;            /* sorted hashes of the language's words, for detection */
    size_t nvocab;
} ty_pb_lang;

struct ty_playbook {
    const ty_alloc *alloc;  /* the caller's allocator (NULL: libc) */
    ty_arena arena;         /* every string and array below */
    ty_pb_counter counter;  /* ctx of `hooks` */
    ty_alloc hooks;         /* counting allocator for templates + matcher */

    const char *name;       /* "name", or NULL */
    size_t name_len;
    const char *ident;      /* what a state names its playbook by: "id", else
                               "name", else "" (never NULL) */
    size_t ident_len;
    const char *version;    /* "version" as text (an integer in decimal), or NULL */
    size_t version_len;
    const char *locale_code; /* "locale" as written, or NULL (English) */
    size_t locale_code_len;
    const ty_locale *locale; /* the recognisers' table (English fallback) */
    ty_locale_index locale_index; /* lookup index over `locale`, built at load */
    const ty_judge_lex *judge; /* built-in conversation words and messages for `locale` */
    ty_judge_index judge_index; /* first-token index over every judge table, built at load */
    char fingerprint[17];    /* ty_flow_fingerprint of this playbook, set at load */
    int32_t utc_offset;      /* "utc_offset" in seconds east of UTC (0) */
    int date_order;          /* "date_order": TY_DATE_ORDER_* (0: the locale's) */
    const ty_words *words;   /* what the bot writes for `locale` (show.c) */
    ty_pb_lang langs[TY_PB_MAX_LANGS]; /* [0]: `locale`; then "languages" */
    size_t nlangs;
    int clock;               /* "clock": 12 or 24 (0: the locale's) */

    ty_pb_intent *intents;
    size_t nintents;
    ty_pb_keyword *keywords; /* sorted, see ty_pb_keyword */
    size_t nkeywords;
    size_t nexamples;        /* over all intents */
    ty_matcher *matcher;     /* NULL when no intent has examples */

    ty_slot *slots;          /* options carry precomputed normalised forms */
    size_t nslots;
    ty_wordset option_words; /* every word of every choice option's names (pb_wordset) */
    ty_wordset slot_words;   /* every word of every slot's name, in lower case (pb_wordset) */
    ty_wordset option_numbers; /* the option names that are one number in digits ("15") */
    ty_pb_template *templates;
    size_t ntemplates;
    ty_pb_flow *flows;
    size_t nflows;

    int32_t fallback;        /* "fallback" template, or -1 */
    int32_t greeting;        /* the intent most of whose examples are only greetings ("hi", "hola"), or -1 */
    int32_t change_intent;   /* the intent for changing a booking: the one with a flow whose examples most often
                                ask a change (two at least; the first on a tie), or -1 */
    int32_t person_intent;   /* the handoff intent whose words the built-in requests for a person use: the one
                                the largest share of whose examples ask for a person (the first on a tie), or
                                -1 (then the first handoff intent) */
    int reprompts;           /* "reprompts" (TY_PB_DEFAULT_REPROMPTS) */
    const ty_pb_followup *followups;
    size_t nfollowups;
    int64_t close_after;     /* "close_after" seconds, or -1 when unset */
    bool has_quiet_hours;
    int quiet_from, quiet_to; /* minutes after local midnight, 0..1439 */
    bool has_whatsapp_templates; /* some template maps to one (channels.whatsapp.templates) */
    bool followups_within_window; /* "followups_within_window": keep follow-ups
                                     inside the 24 h messaging window (flow_time.c) */
    ty_hours hours;          /* "hours", "lead_time" and the business's utc_offset */

    size_t max_message;      /* opts->max_message or TY_MESSAGE_MAX_BYTES */
    int64_t state_ttl;       /* opts->state_ttl: seconds a state lives (0: forever) */
};

/* ty_recognize_no_such_day over in's text ("31 November") with the
 * playbook's recogniser settings; scratch holds the tokens. */
bool ty_pb_no_such_day(const ty_playbook *pb, const ty_input *in, ty_arena *scratch, int *month, int *day);
/* True when in's text names a day before its own ("el domingo pasado",
 * "last Saturday", "hace 3 semanas"), read in loc (NULL: the playbook's
 * language); the value is built in doc. */
bool ty_pb_tells_past(const ty_playbook *pb, const ty_input *in, const ty_locale *loc, ty_arena *scratch,
                      ty_doc *doc);


/* The language of the playbook for a locale code (its primary subtag: "es-MX"
 * finds "es"), or -1. */
int ty_pb_lang_find(const ty_playbook *pb, const char *code, size_t len);

/* The language a customer's message is written in, among the playbook's:
 * the one with the most words found only in its vocabulary (and its marks,
 * like "¿"), or -1 when none stands out. scratch holds the tokens. */
int ty_pb_detect_lang(const ty_playbook *pb, const char *text, size_t len, const ty_tokens *tokens, ty_arena *scratch);

/* Index of a slot / template / flow by name, or -1. Linear in the count:
 * for the flow engine's rare lookups (state restore), not per message. */
int32_t ty_pb_slot_find(const ty_playbook *pb, const char *name, size_t len);
int32_t ty_pb_template_find(const ty_playbook *pb, const char *name, size_t len);
int32_t ty_pb_flow_find(const ty_playbook *pb, const char *name, size_t len);

/* Parses a duration value: "90s", "15m", "4h", "2d" or a non-negative
 * integer number of seconds, at most TY_PB_MAX_DURATION. */
bool ty_pb_parse_duration(const ty_value *v, int64_t *seconds);
/* Parses a UTC offset "+01:00" / "-05:30" (within ±14:00) into seconds. */
bool ty_pb_parse_utc_offset(const char *s, size_t len, int32_t *seconds);
/* Parses "HH:MM" (00:00..23:59) into minutes after midnight. */
bool ty_pb_parse_clock(const char *s, size_t len, int *minutes);

/* Compiles src (a template text of pb, or any text) with pb's templates as
 * partials, exactly as ty_playbook_load compiles a template, but with the
 * options in base (lenient, no_guard, escape; alloc/partials are ignored:
 * pb->alloc and pb's templates are used). Returns a template the caller
 * frees with ty_template_free, or NULL with err set. For the linter, which
 * needs renders that keep their placeholders. */
ty_template *ty_pb_compile_text(const ty_playbook *pb, const char *src, size_t n, const ty_template_opts *base,
                                ty_error *err);

/* The options of a choice slot for one call: its static options, or the
 * list data[slot->options_from] supplied by the host (strings, or objects
 * {"id", "title"?, "synonyms"?, "price"?}) with normalised forms built in `arena`.
 * *opts is NULL and *n 0 when the host supplied none. A malformed list is
 * TY_E_EVENT (domain TY_DOMAIN_EVENT, path "data.<key>[i]"). */
int ty_pb_slot_options(const ty_slot *slot, const ty_value *data, ty_arena *arena, const ty_option **opts,
                       size_t *n, ty_error *err);

/* An option's "price" v: true with *out set when it is a number of 0 or
 * more (the playbook's options, the host's, those kept in a state). */
bool ty_pb_option_price(const ty_value *v, double *out);

/* What one internal match computes (ty_pb_match_ex). */
typedef struct ty_pb_match_opts {
    const ty_slot *expect;   /* read the message as an answer to this slot, or NULL */
    const ty_locale *locale; /* the recognisers' table; NULL: the playbook's */
    bool no_model;           /* skip the intent model (intent null, ranking empty) */
    bool no_entities;        /* skip entity extraction (entities empty) */
    const ty_tokens *toks;   /* in->text's tokens when the caller has them (they must
                                outlive the call), or NULL: tokenised here */
    const bool *entity_slots; /* per slot (pb->nslots): false leaves its entity unread
                                 (the caller will not look at it), or NULL: every slot */
    const bool *exact_slots;  /* per slot, or NULL: true reads its entity with no typo
                                 (ty_recog_ctx.exact) */
    const char *written;     /* the message as the customer wrote it when in->text is a
                                rewrite of it (squeezed, respelled), or NULL: entities are
                                read there first, where punctuation and capitals still
                                show (names only there), then in the rewrite */
    size_t written_len;
    bool mark_written;       /* an entity read from `written` gets "written": true (its
                                start and end count in that text, not in in->text) */
    bool offers;             /* the message is a reply in a conversation: a day it names
                                in a clause about the past is no day offered */
    bool foreign;            /* `locale` is not the conversation's (ty_recog_ctx.foreign) */
} ty_pb_match_opts;

/* ty_playbook_match with the parts to compute chosen by o (o NULL: all,
 * no expect). The flow engine reads an answer first and runs the model only
 * when the message is not one. Returns a new doc (ty_doc_free). */
ty_doc *ty_pb_match_ex(const ty_playbook *pb, const ty_input *in, const ty_pb_match_opts *o, ty_error *err);

#ifdef TY_BUILDING
/* ===================================================================== *
 * Shared by the playbook's own files, in csrc/tinyyes.c order: playbook.c,
 * pb_load.c, pb_lang.c, pb_match.c. They are one translation unit, so these
 * stay static (no exported symbol); a test that includes this header
 * without the amalgamation does not see them.
 * ===================================================================== */

/* ---- playbook.c: small helpers for every pb_* file ---- */

/* A quoted, length-capped copy of a string for messages. */
typedef struct pb_q {
    char s[80];
} pb_q;
/* Fills q with "s" (cut at 60 bytes with an ellipsis); returns q->s. */
static const char *pb_quote(pb_q *q, const char *s, size_t len);
/* Byte-wise order of two (ptr, len) strings. */
static int pb_bytes_cmp(const char *a, size_t alen, const char *b, size_t blen);
/* Entry i of a table sorted by pb_bytes_cmp: its text, length in *len. */
typedef const char *(*pb_text_at)(const void *table, size_t i, size_t *len);
/* The first of the n entries equal to s[0..len) (binary search), or n. */
static size_t pb_sorted_find(const void *table, size_t n, pb_text_at at, const char *s, size_t len);
/* True when every byte is ASCII white space (or there are none). */
static bool pb_blank(const char *s, size_t n);
/* Zeroed n*size bytes from an arena (overflow-checked); NULL on OOM. */
static void *pb_calloc(ty_arena *a, size_t n, size_t size);

/* ---- pb_load.c: the loader's context, used by pb_lang.c ---- */

/* The load context: the playbook being built, the JSON path, name tables. */
typedef struct pb_ctx pb_ctx;
/* A partial table over the playbook's templates (pb_parts_of). */
typedef struct pb_parts pb_parts;
/* Appends ".key" (or "key" at the root); returns the length to pop back to. */
static size_t pb_push(pb_ctx *c, const char *key, size_t klen);
/* pb_push of a NUL-terminated key. */
static size_t pb_push_s(pb_ctx *c, const char *key);
/* Appends "[i]" to the path; returns the length to pop back to. */
static size_t pb_push_i(pb_ctx *c, size_t i);
/* Cuts the path back to a length returned by a push. */
static void pb_pop(pb_ctx *c, size_t old);
/* Reports an error at the current path (the message starts with it); returns code. */
TY_PRINTF(3, 4) static int pb_fail(pb_ctx *c, int code, const char *fmt, ...);
/* Reports out-of-memory (with no path). */
static int pb_nomem(pb_ctx *c);
/* A copy of s[0..n) in the playbook's arena; NULL on OOM. */
static char *pb_dup(pb_ctx *c, const char *s, size_t n);
/* Errors at the current path unless v is an object that passes table s. */
static int pb_object(pb_ctx *c, const ty_value *v, const sc_schema *s);
/* The most members a playbook object's table has (the top level's 22). */
#define PB_MAX_MEMBERS 24
/* The table of a playbook object, in the loader's wording ("unknown key
 * (allowed: ...)", "required", "must be an object"). */
#define PB_SCHEMA(m)                                                                                                 \
    {.members = (m), .n = PB_N(m), .domain = TY_DOMAIN_PLAYBOOK, .code = TY_E_SCHEMA, .not_map = "must be an object", \
     .unknown = "unknown key", .list_allowed = true, .missing = "required"}
/* The same for keys that all take one kind (skip: a key passed over). */
#define PB_KEYS(k, kinds, skipped)                                                                                   \
    {.names = (k), .n = PB_N(k), .each = {NULL, (kinds), false, NULL, NULL}, .domain = TY_DOMAIN_PLAYBOOK,            \
     .code = TY_E_SCHEMA, .not_map = "must be an object", .unknown = "unknown key", .list_allowed = true,             \
     .missing = "required", .skip = (skipped)}
/* Errors at the current path unless v is an object. */
static int pb_need_map(pb_ctx *c, const ty_value *v);
/* map[key] as a non-blank string: 1 when present, 0 when absent, <0 on error. */
static int pb_opt_string(pb_ctx *c, const ty_value *map, const char *key, const char **s, size_t *n);
/* Errors at the current path unless v is a list of non-blank strings. */
static int pb_string_list(pb_ctx *c, const ty_value *v);
/* True when needle occurs in hay. */
static bool pb_contains(const char *hay, size_t n, const char *needle, size_t m);
/* An option's title and synonyms (from ov) into op with normalised forms. */
static int pb_option_words(pb_ctx *c, const ty_value *ov, ty_option *op, const char *s, size_t n, size_t base);
/* Appends one keyword (normalised) to the load-time list. */
static int pb_add_keyword(pb_ctx *c, const char *s, size_t n, uint32_t intent, uint32_t k);
/* One template's shape (a string, or {text, variants, channels}) into t's sources. */
static int pb_parse_template(pb_ctx *c, const ty_value *tv, ty_pb_template *t);
/* The partial table over templates t[0..n) (their texts), in c->tmp. */
static int pb_parts_of(pb_ctx *c, const ty_pb_template *t, size_t n, pb_parts *pp);
/* Compiles t's sources into t with the partials of pp (obj: paths end in ".text"). */
static int pb_compile_template(pb_ctx *c, ty_pb_template *t, const pb_parts *pp, bool obj);

/* ---- pb_lang.c: the "languages" section, called by pb_load.c ---- */

/* The translations' count of examples, for the example table pb_load_intents sizes. */
static size_t pbl_example_count(const pb_ctx *c);
/* The translated intents' examples and keywords, joined to the intents' own. */
static int pbl_load_intents(pb_ctx *c);
/* "languages": each translation's templates, options and vocabulary. */
static int pb_load_languages(pb_ctx *c);
#endif /* TY_BUILDING */

#endif /* TY_PLAYBOOK_H */
