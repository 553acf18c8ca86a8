/*
 * flow_internal.h — what the flow engine's files share, and only they (the
 * amalgamation includes them in order; tests and other modules include
 * flow.h): the step context flow_cx with the state and event it works on,
 * a few lookups, and the functions one flow file calls in another, under
 * the file that defines them.
 *
 * Those functions stay `static`: the core is one translation unit
 * (csrc/tinyyes.c), so a static declared here and defined in any flow file
 * is visible to all of them. This header is therefore included by the flow
 * files only; a separate unit including it would declare statics it never
 * defines.
 *
 * The files, in the amalgamation's order:
 *   flow_event.c    reading an event; the options a slot takes from its data
 *   flow_state.c    the state codec: reading (with errors) and writing a
 *                   state, the playbook fingerprint, JSON sizes
 *   flow_out.c      building the output doc: put helpers, metric events,
 *                   transcript turns
 *   flow_render.c   what the bot says: templates, wordings, send actions
 *   flow_refusal.c  days and times the business cannot take
 *   flow_read.c     what the customer said: matching, entities, yes/no
 *   flow_time.c     quiet hours, reminders, follow-ups, ticks and resumes
 *   flow.c          stepping: asks, answers, intents, handoff, opt-out,
 *                   ty_playbook_step
 *   flow_migrate.c  ty_playbook_migrate
 */
#ifndef TY_FLOW_INTERNAL_H
#define TY_FLOW_INTERNAL_H

#include "flow.h"

#include "schema.h"
#include "text.h"

/* FNV-1a (the fingerprint and flow_pick's variant choice). */
#define FLOW_FNV_BASIS 0xcbf29ce484222325ULL
#define FLOW_FNV_PRIME 0x100000001b3ULL
#define FLOW_LENT_MAX 4 /* slot values one event lends to a digression (flow_cx.lent_slot) */

/* ---- the working state ------------------------------------------------- */

enum { FLOW_ACTIVE = 0, FLOW_OPTED_OUT, FLOW_HANDOFF, FLOW_CLOSED, FLOW_NSTATUS };

enum { FLOW_EV_MESSAGE = 0, FLOW_EV_TICK, FLOW_EV_RESUME };

/* A confirming micro-question the bot asked and waits on (state.check). */
enum { FLOW_CHECK_NONE = 0, FLOW_CHECK_OPT_OUT, FLOW_CHECK_HANDOFF, FLOW_NCHECK };

/* A borrowed string; s == NULL stands for JSON null. */
typedef struct flow_str {
    const char *s;
    size_t n;
} flow_str;

typedef struct flow_frame {
    int32_t flow, step, intent;
    int64_t asked_at;
} flow_frame;

/* A reminder waiting to be sent (state.reminders): its text was rendered
 * when it was scheduled, as it reads at its time. */
typedef struct flow_reminder {
    int64_t at;
    int32_t say; /* the template */
    flow_str text;
} flow_reminder;

typedef struct flow_turn {
    bool bot;
    flow_str text; /* already cut to TY_FLOW_MAX_TURN_TEXT */
    int64_t at;
} flow_turn;

/* The state being stepped. Strings and values are borrowed from the input
 * state, the event or the output doc, all alive until the step returns.
 * Times are -1 for null. */
typedef struct flow_state {
    flow_str conv, channel;
    int status;
    int32_t intent, flow, step;
    int check;              /* a FLOW_CHECK_*: the confirming question waiting */
    int32_t check_intent;   /* with FLOW_CHECK_HANDOFF: the handoff intent it confirms, or -1 */
    const ty_value **slots; /* [pb->nslots], NULL = not filled */
    const ty_value *options;
    flow_frame stack[TY_FLOW_MAX_STACK];
    int nstack;
    int64_t asked_at;
    int reprompts, followups;
    int64_t due;            /* the next follow-up or the close ("followup_due" when reminders wait) */
    flow_reminder rem[TY_PB_MAX_REMINDERS]; /* by time */
    int nrem;
    int lang;               /* the conversation's language (pb->langs), -1 until known */
    bool has_offset;
    int32_t offset;
    int64_t last_at;
    int64_t expires;        /* "expires" of the state read, or -1 */
    flow_str seen[TY_FLOW_MAX_SEEN]; /* recent event ids, oldest first */
    int nseen;
    flow_turn turns[TY_FLOW_MAX_TURNS];
    int nturns;
} flow_state;

typedef struct flow_event {
    int type;
    int lang;              /* "locale": a language of the playbook, or -1 */
    int64_t at;
    flow_str text;
    const ty_value *data;
    flow_str conv, channel;
    flow_str id;           /* the platform's message id, or none */
    flow_str choice;       /* the option id of a button or list tap, or none */
    bool has_offset;
    int32_t offset;
} flow_event;

/* A date or time the business cannot take (flow_bookable). */
typedef struct flow_refusal {
    bool set;
    int32_t slot;
    int why;         /* a ty_book */
    int64_t day;     /* the day refused, or the day of the time refused */
    int minutes;     /* the time refused, or -1 */
} flow_refusal;

/* A template and the id of its wording ("text", "v1", "sms", "builtin"; see
 * flow.c's header comment); tpl NULL for none. */
typedef struct flow_wording {
    const char *tpl;
    size_t tpl_len;
    char variant[48];
} flow_wording;

typedef struct flow_cx {
    const ty_playbook *pb;
    ty_error *err;
    ty_doc *out;          /* the result */
    ty_value *actions, *events;
    ty_doc *tmp;          /* per-step scratch values (template context, data) */
    ty_arena *scratch;    /* = ty_doc_arena(tmp) */
    ty_tokens toks;       /* the message's tokens (in scratch), once has_toks */
    bool has_toks;
    ty_buf buf;           /* rendering */
    ty_buf showbuf;       /* slot values shown to a person (show.c) */
    flow_state st;
    flow_event ev;
    char fingerprint[17];
    int hops;
    const char *norm;     /* the message's normalised text */
    size_t norm_len;
    const uint8_t *clause; /* its clause starts (ty_judge_clauses), NULL: one clause */
    const char *lead;     /* put before the next step's question, then cleared */
    bool reasking;        /* the next question is the pending ask again */
    const ty_pb_lang *lang; /* the conversation's language (its templates, words, tables) */
    const ty_judge_lex *judge; /* = lang->judge */
    const ty_words *words; /* = lang->words */
    const ty_value *extra; /* values a built-in message renders with, else NULL */
    int64_t show_at;      /* >= 0: render as if at this time (a reminder's); else the event's */
    const ty_value *reminder; /* {{reminder}}: when the first reminder this step scheduled goes, or NULL */
    int64_t answer_start, answer_end; /* code points of the message that answered the ask (end <= start: none) */
    flow_str read;        /* the text the entities at hand were read from (their offsets are code points in it) */
    flow_refusal refusal; /* the first date or time of this message the business cannot take */
    /* the ask's value while the message's other details are read, before
     * it is stored (else NULL), and the slot it answers */
    const ty_value *answering;
    int32_t answering_slot;
    const ty_option *reoffer; /* the options a re-ask lists instead of its slot's (the days offered), else NULL */
    size_t nreoffer;
    flow_wording sent;    /* the wording of the last send action */
    bool migrating;       /* ty_playbook_migrate: what no longer fits is dropped, not refused */
    bool duplicate;       /* the event's id was seen: answered with nothing */
    ty_value *dropped;    /* migrating: the paths dropped (a list in out) */
    int32_t lost_flow;    /* migrating: the pending ask's flow when only its step is gone, else -1 */
    bool *slot_dropped;   /* migrating: [pb->nslots], the slots whose values were dropped */
    int32_t closed_intent; /* a message after a close: the intent of the round it closed, else -1 */
    const ty_value *const *closed_slots; /* ... and that round's slots (scratch), else NULL */
    int32_t rebranch;     /* a change of mind altered where this earlier step of the pending flow branched, else -1 */
    bool noted;           /* the message filled a slot the pending flow asks later ("friday" while the size is asked) */
    bool upset;           /* the message is rude or frustrated: a request served from it is served after an apology */
    bool vents;           /* upset, and nothing but its frustration (flow_only_frustration): it answers nothing */
    uint8_t whether;      /* flow_asks_whether's answer for this message: 0 not yet read, 1 no, 2 yes */
    const ty_value *acted; /* the match of the message an intent was acted on by (flow_act_on), else NULL */
    /* values of slots a flow under way asks, lent to a digression that
     * names others ("how much is a full service?" mid-way through booking
     * a Tune-up): given back when the suspended flow resumes */
    int32_t lent_slot[FLOW_LENT_MAX];
    const ty_value *lent_old[FLOW_LENT_MAX];
    int nlent;
} flow_cx;

/* The message as the texts to read it by, best first: as written, without
 * the greeting that opens it, with short forms spelled out. Empty entries
 * have s == NULL. */
typedef struct flow_texts {
    flow_str t[3];
} flow_texts;

/* The model's reading: the intent (-1 out of scope), its score and its
 * margin over the runner-up. */
typedef struct flow_guess {
    int32_t intent;
    double score, margin;
} flow_guess;

/* ---- lookups every file uses ------------------------------------------- */

/* The index of the intent named s[0..n), or -1. */
static inline int32_t flow_find_intent(const ty_playbook *pb, const char *s, size_t n) {
    for (size_t i = 0; i < pb->nintents; i++)
        if (pb->intents[i].name_len == n && memcmp(pb->intents[i].name, s, n) == 0) return (int32_t)i;
    return -1;
}

/* True when a[0..an) is the C string b. */
static inline bool flow_eq(const char *a, size_t an, const char *b) {
    size_t bn = strlen(b);
    return an == bn && memcmp(a, b, an) == 0;
}

/* True when a and b are the same text (or both null). */
static inline bool flow_str_eq(flow_str a, flow_str b) {
    if (!a.s || !b.s) return a.s == b.s;
    return a.n == b.n && memcmp(a.s, b.s, a.n) == 0;
}

/* True when step s of flow fl asks a slot no step before it asks (a slot
 * asked twice is counted once). */
static inline bool flow_first_ask(const ty_pb_flow *fl, size_t s) {
    int32_t si = fl->steps[s].ask;
    for (size_t t = 0; si >= 0 && t < s; t++)
        if (fl->steps[t].ask == si) return false;
    return si >= 0;
}

/* The slot a pending step asks, or NULL. */
static inline const ty_slot *flow_step_slot(const ty_playbook *pb, int32_t flow, int32_t step) {
    if (flow < 0 || step < 0) return NULL;
    int32_t a = pb->flows[flow].steps[step].ask;
    return a >= 0 ? &pb->slots[a] : NULL;
}

/* The UTC offset in force: the event's, else the state's, else the playbook's. */
static inline int32_t flow_offset(const flow_cx *c) {
    if (c->ev.has_offset) return c->ev.offset;
    if (c->st.has_offset) return c->st.offset;
    return c->pb->utc_offset;
}

/* ---- flow_event.c: reading an event ------------------------------------ */

/* Sets an event error at event.<path>; returns code. */
static int flow_ev_fail(flow_cx *c, int code, const char *path, const char *msg);

/* Reads an integer in [0, TY_FLOW_MAX_TIME]; false otherwise. */
static bool flow_int(const ty_value *v, int64_t *out);

/* Byte offset of code point cp in s[0..n) (n past the end; flow_read.c). */
static size_t flow_cp_byte(const char *s, size_t n, int64_t cp);

/* Reads a UTC offset: "+01:00" or integer seconds within 14 hours. */
static bool flow_read_offset(const ty_value *v, int32_t *out);

/* Borrows a string of at most max bytes of UTF-8 without NUL: 0, else 1-4 (why not). */
static int flow_read_name(const ty_value *v, size_t max, flow_str *out);

/* Reads event e into c->ev (borrowing its strings); errors name event.<key>. */
static int flow_event_read(flow_cx *c, const ty_value *e);

/* Re-paths an error from ty_pb_slot_options under "event.". */
static int flow_data_error(flow_cx *c, int rc);

/* The options of a choice slot for this event (static, the event's data, or kept ones). */
static int flow_options(flow_cx *c, const ty_slot *slot, const ty_option **opts, size_t *n);

/* event.data with the pending ask's kept options added (for match), in c->tmp. */
static int flow_match_data(flow_cx *c, const ty_slot *slot, const ty_value **out);

/* ---- flow_state.c: the state codec ------------------------------------- */

/* FNV-1a of p[0..n) continued from h. */
static uint64_t flow_fnv(uint64_t h, const void *p, size_t n);

/* True when v's compact JSON takes at most cap bytes (and nests at most 64 deep). */
static bool flow_json_fits(const ty_value *v, size_t cap);

/* Sets a state error from "path: message"; returns code. */
static int flow_st_fail(flow_cx *c, int code, const char *fmt, ...) TY_PRINTF(3, 4);

/* NULL when v fits its slot's type and size, else a short reason. */
static const char *flow_check_value(const ty_slot *slot, const ty_value *v);

/* True when the event's id is one the state has seen. */
static bool flow_seen(const flow_cx *c);

/* Remembers the event's id in c->st (the oldest is forgotten). */
static void flow_remember_id(flow_cx *c);

/* Reads state s (NULL or null: a fresh one) into c->st, borrowing from s. */
static int flow_state_read(flow_cx *c, const ty_value *s);

/* The state c->st as a new map in c->out (NULL and *rc set on OOM). */
static ty_value *flow_state_write(flow_cx *c, int *rc);

/* TY_E_EXPIRED when the event is at or after the state's "expires". */
static int flow_check_expiry(flow_cx *c);

/* ---- flow_out.c: building the output doc ------------------------------- */

/* Puts v under key, a string literal (not copied); OOM goes to *rc. */
static void flow_put(flow_cx *c, ty_value *map, const char *key, ty_value *v, int *rc);

/* Puts v under a copy of key; OOM goes to *rc. */
static void flow_put_copy(flow_cx *c, ty_value *map, const char *key, ty_value *v, int *rc);

/* Appends v to list; OOM goes to *rc. */
static void flow_push(flow_cx *c, ty_value *list, ty_value *v, int *rc);

/* A string of c->out, or null for s.s == NULL. */
static ty_value *flow_v_str(flow_cx *c, flow_str s);

/* A time of c->out, or null for -1. */
static ty_value *flow_v_time(flow_cx *c, int64_t t);

/* Flow f's name in c->out, or null for -1. */
static ty_value *flow_v_flow(flow_cx *c, int32_t f);

/* The id of step (f, s) in c->out, or null. */
static ty_value *flow_v_step(flow_cx *c, int32_t f, int32_t s);

/* Intent i's name in c->out, or null for -1. */
static ty_value *flow_v_intent(flow_cx *c, int32_t i);

/* Puts "template" and "variant" of w (both null when w->tpl is NULL). */
static void flow_put_wording(flow_cx *c, ty_value *map, const flow_wording *w, int *rc);

/* Appends a metric event about (flow, step) and returns it for extra fields. */
static ty_value *flow_metric(flow_cx *c, const char *type, int32_t flow, int32_t step, const flow_wording *sent,
                             int *rc);

/* Adds a turn to the transcript (cut to TY_FLOW_MAX_TURN_TEXT), dropping the oldest. */
static int flow_turn_add(flow_cx *c, bool bot, const char *text, size_t n);

/* ---- flow_render.c: what the bot says ---------------------------------- */

/* How values are shown to this event's customer (language, clock, local day). */
static ty_show_cx flow_show_cx(const flow_cx *c);

/* Template ti in the conversation's language (else the playbook's own). */
static const ty_pb_template *flow_tpl(const flow_cx *c, int32_t ti);

/* The compiled text of t for this conversation: its channel's, else a hashed variant. */
static const ty_template *flow_pick(flow_cx *c, const ty_pb_template *t, int32_t flow, int32_t step);

/* Sets *w to template t and the id of its wording x ("text", "v1", "sms", "es:v1"). */
static void flow_wording_of(const flow_cx *c, const ty_pb_template *t, const ty_template *x, flow_wording *w);

/* The wording assigned to the question of step (f, s), tpl NULL when none. */
static flow_wording flow_assigned(flow_cx *c, int32_t f, int32_t s);

/* Renders compiled text tpl (template `name`) with opts into dst. */
static int flow_render_named(flow_cx *c, const char *name, const ty_template *tpl, const ty_option *opts,
                             size_t nopts, ty_buf *dst, int depth);

/* flow_render_named for template ti. */
static int flow_render_into(flow_cx *c, int32_t ti, const ty_template *tpl, const ty_option *opts, size_t nopts,
                            ty_buf *dst, int depth);

/* Renders template ti's text tpl into c->buf. */
static int flow_render_buf(flow_cx *c, int32_t ti, const ty_template *tpl, const ty_option *opts, size_t nopts);

/* Renders template ti for step (flow, step) into a new string of c->out. */
static int flow_render_text(flow_cx *c, int32_t ti, int32_t flow, int32_t step, const ty_option *opts, size_t nopts,
                            ty_value **out);

/* True when the bot already sent text[0..n) (lately, or anywhere with `all`). */
static bool flow_said(const flow_cx *c, const char *text, size_t n, bool all);

/* [{"id", "title"}] of opts in the output doc (kept: with each "price"); NULL on OOM. */
static ty_value *flow_option_list(flow_cx *c, const ty_option *opts, size_t n, bool kept);

/* Appends a send action and the bot's turn; c->sent becomes w. */
static int flow_emit(flow_cx *c, ty_value *text, const ty_option *opts, size_t nopts, const flow_wording *w,
                     int32_t flow, int32_t step);

/* What an ask offers as quick replies: a choice's options, Yes and No, or none. */
static int flow_offer(flow_cx *c, const ty_slot *ask, const ty_option **opts, size_t *n);

/* Sends template ti as step (flow, step), offering `ask`'s options, never repeating itself. */
static int flow_send(flow_cx *c, int32_t ti, int32_t flow, int32_t step, const ty_slot *ask);

/* Sends template ti as step (flow, step) without its closing question (an offer already taken). */
static int flow_send_statement(flow_cx *c, int32_t ti, int32_t flow, int32_t step);

/* Appends a slot value the way a person reads it (flow.c). */
static int flow_show_value(flow_cx *c, const ty_slot *slot, const ty_value *v, ty_buf *b);

/* After a close, answers a question about what was agreed with a recap (*sent: something was). */
static int flow_send_recap(flow_cx *c, int32_t intent, bool *sent);

/* The wording of built-in message `name` ("builtin" without template ti). */
static flow_wording flow_builtin_wording(flow_cx *c, const char *name, int32_t ti, bool picked);

/* Sends a built-in message: the playbook's template of that name, else `text`. */
enum { FLOW_BUILTIN_PLAIN = 0, FLOW_BUILTIN_YESNO = 1, FLOW_BUILTIN_ONCE = 2 };
static int flow_send_builtin(flow_cx *c, const char *name, const char *text, int how);

/* ---- flow_refusal.c: days and times the business cannot take ----------- */

/* Says why c->refusal cannot be taken and offers the nearest alternatives (*kept). */
static int flow_refuse(flow_cx *c, int32_t f, int32_t s, const ty_value **kept);

/* True when the business can take v for slot si; else keeps the first refusal. */
static bool flow_bookable(flow_cx *c, int32_t si, const ty_value *v);

/* Reads the reply as a pick among the offered days or times (*out, in *doc). */
static int flow_read_offered(flow_cx *c, ty_doc **doc, const ty_value **out);

/* Whether a pick among the offered values wins over what the slot's reader found. */
static bool flow_prefer_pick(const ty_slot *slot, const ty_value *raw, const ty_value *pick);

/* A date answer naming a day its month lacks becomes c->refusal. */
static void flow_no_such_day(flow_cx *c, int32_t k);

/* ---- flow_read.c: what the customer said ------------------------------- */

/* The intent whose keyword the whole normalised message is, or -1. */
static int32_t flow_keyword(const flow_cx *c);

/* The value to store for slot si in c->out, or NULL (not storable, or *rc set). */
static const ty_value *flow_store_value(flow_cx *c, int32_t si, const ty_value *v, int *rc);

/* The key a `next` map is looked up by: a choice's id, "yes"/"no". */
static flow_str flow_answer_key(const ty_slot *slot, const ty_value *v);

/* The intent whose flow asks what the advice read (intent i) would set, named in a statement; -1 if none. */
static int32_t flow_advice_given(flow_cx *c, const ty_value *root, int32_t i, int *rc);

/* True when a clause of the message asks for flow f clearly enough to start it (*rc on error). */
static bool flow_clause_asks_for(flow_cx *c, int32_t f, int *rc);

/* The intent a clause of the message asks for (flow f, or any when f < 0), or -1 (*rc on error). */
static int32_t flow_clause_intent(flow_cx *c, int32_t f, int *rc);

/* The slot an entity of a match is for, or -1. */
static int32_t flow_entity_slot(const flow_cx *c, const ty_value *e);

/* True when one of a match's entities is a value for slot k outside a
 * question back (*rc set on error). */
static bool flow_answers_slot(flow_cx *c, const ty_value *root, int32_t k, int *rc);

/* True when one of a match's entities is a value for slot k, in a
 * question too ("¿el viernes?"). */
static bool flow_entity_for(const flow_cx *c, const ty_value *root, int32_t k);

/* True when a match's answer holds none of its entities (a name given
 * apart from the day it changes). */
static bool flow_answer_apart(const ty_value *root);

/* True when the sentence holding code point cp asks a question back. */
static bool flow_asks_back_at(flow_cx *c, int64_t cp, int *rc);
static bool flow_question_at(flow_cx *c, int64_t cp, int *rc);

/* True when every sentence that says more than a greeting asks a question back. */
static bool flow_only_asks_back(flow_cx *c, int *rc);

/* Entities fill free slots (choices only when flow f1 or f2 asks them). */
static int flow_fill_entities(flow_cx *c, const ty_value *m, int32_t skip, int32_t f1, int32_t f2);

/* Entities fill only the slots flow f asks. */
static int flow_fill_asked(flow_cx *c, const ty_value *m, int32_t f);

/* The matcher's input for text[0..n) at this event's time and offset. */
static ty_input flow_input(const flow_cx *c, const char *text, size_t n);

/* Runs the playbook's matcher over text[0..n); the caller frees *out. */
static int flow_match(flow_cx *c, const ty_pb_match_opts *o, const char *text, size_t n, ty_doc **out);

/* Match options that read a text only as an answer to `slot` (no intents,
 * no entities). */
static ty_pb_match_opts flow_answer_only(const ty_slot *slot);

/* The message as the texts to read it by (as written, without greeting, respelt). */
static int flow_texts_of(flow_cx *c, flow_texts *x);

/* Reads the message as a value of `slot` (*out in *doc, which the caller frees). */
static int flow_read_value(flow_cx *c, const ty_slot *slot, const flow_texts *x, bool skip_written, ty_doc **doc,
                           const ty_value **out);

/* 1 when the whole message is a yes, 2 a no, 0 neither. */
static int flow_yes_no_reply(flow_cx *c, const flow_texts *x, int *rc);

/* True when the pending flow or a suspended one asks slot si. */
static bool flow_in_play(const flow_cx *c, int32_t si);

/* A new value for a filled slot still in play replaces it (*changed); a
 * change that sends an earlier branch elsewhere sets c->rebranch. */
static int flow_change_of_mind(flow_cx *c, const ty_value *root, int32_t asked, bool *changed);

/* The flow the answer `value` to the pending ask goes on in, or -1. */
static int32_t flow_answer_flow(const flow_cx *c, const ty_value *value);

/* The intent a message's last sentence asks for when read alone, or -1. */
static int32_t flow_last_sentence_intent(flow_cx *c, int *rc);

/* True when intent `in` does something: a flow, a say-only answer, an exit. */
static bool flow_actionable(const ty_pb_intent *in);

/* Per slot, true when filled (read with no typo); NULL on OOM. */
static const bool *flow_exact_slots(flow_cx *c);

/* A reply giving what the yes leads to, read as "yes" for slot k; else NULL. */
static const ty_value *flow_implicit_yes(flow_cx *c, const ty_value *root, int32_t k, int *rc);
/* A reply naming no option but a detail only one option's way asks, read
 * as that option of slot k; else NULL. */
static const ty_value *flow_implicit_option(flow_cx *c, const ty_value *root, int32_t k, int *rc);

/* True when the message says nothing but yes (*rc on error). */
static bool flow_only_yes(flow_cx *c, int *rc);

/* True when the message is more than a yes: a request the model reads
 * clearly enough to start (*rc on error). */
static bool flow_asks_else(flow_cx *c, int *rc);
/* True when the whole message asks nothing: it tells of the past or
 * declines (flow_read.c: "no, tranqui, ya se le pasó"). */
static bool flow_tells_only(const flow_cx *c);

/* How many of the slots flow f asks the entities give (*rc on OOM). */
static int flow_details_for(flow_cx *c, const ty_value *ents, int32_t f, int *rc);

/* At a free-text ask: true when the message is a clear request for
 * another flow with two details of it (*rc on error). */
static bool flow_text_elsewhere(flow_cx *c, int *rc);

/* The message's pleasantries (ty_judge_pleasantry_of, squeezed); *rc on OOM. */
static ty_judge_pleasantry flow_pleasantry_of(flow_cx *c, int *rc);

/* The slots whose entities an answer to slot k may fill (in scratch). */
static const bool *flow_answer_entities(flow_cx *c, int32_t k);

/* With nothing pending, entities replace filled slots flow f asks. */
static int flow_fill_renamed(flow_cx *c, const ty_value *m, int32_t f);

/* After a close, the intent for a message that changes what the round
 * agreed (the playbook's change intent, else the closed one, else the one
 * of what is known), or -1 (*rc on OOM). */
static int32_t flow_reopen_intent(flow_cx *c, const ty_value *root, int *rc);

/* While yes/no slot k is pending, the intent of what is known that a
 * change of its details goes to, leaving the pending flow, or -1 (*rc on
 * OOM). */
static int32_t flow_change_over(flow_cx *c, const ty_value *root, int32_t k, int *rc);

/* The intent a fresh message's details point to, or -1 (*rc on OOM). */
static int32_t flow_detail_intent(flow_cx *c, const ty_value *root, int *rc);

/* The model's intent, score and margin in match result root. */
static flow_guess flow_guess_of(const flow_cx *c, const ty_value *root);

/* Reads the message again without a phrase declining a person or a cancel. */
static int flow_without_declined(flow_cx *c, const ty_pb_match_opts *o, ty_doc **d, flow_guess *g);

/* True when, after a close, the message names a value the closed round did
 * not agree. */
static bool flow_names_new(const flow_cx *c, const ty_value *ents);

/* True when the message asks about a change rather than for one. */
static bool flow_asks_about(const flow_cx *c);

/* True when flow f can drop the reminders of what was agreed. */
static bool flow_undoes(const ty_playbook *pb, int32_t f);

/* True when intent i changes or undoes what was agreed. */
static bool flow_alters(const ty_playbook *pb, int32_t i);

/* True when the message reads as off-topic rather than a failed answer. */
static bool flow_looks_off_topic(const flow_cx *c);
static bool flow_asks_something(const flow_cx *c);

/* ---- flow_time.c: time: reminders, follow-ups, ticks ------------------- */

/* Replaces the reminders waiting with step s of flow f's own, each rendered as it will read. */
static int flow_remind(flow_cx *c, int32_t f, int32_t s);

/* Schedules the next follow-up, else the no-response close, after `base`. */
static int flow_schedule(flow_cx *c, int64_t base);

/* A tick: reminders due, then the follow-up or close due. */
static int flow_on_tick(flow_cx *c);

/* A resume: the bot takes the conversation back from a person. */
static int flow_on_resume(flow_cx *c);

/* ---- flow.c: stepping -------------------------------------------------- */

/* Ends the conversation with an outcome at step (f, s). */
static int flow_close(flow_cx *c, const char *outcome, size_t n, int32_t f, int32_t s);

/* Makes step (f, s) the pending ask and sends its question. */
static int flow_ask(flow_cx *c, int32_t f, int32_t s, const flow_frame *repeat);

/* Where step (f, s) leads given the answer key; *none when the flow is over. */
static ty_pb_target flow_next(const flow_cx *c, int32_t f, int32_t s, flow_str key, bool *none);

/* The option of the branching choice asked at step (f, s) that the slots
 * already filled imply (flow_implied.c), or NULL. */
static const ty_option *flow_implied_option(flow_cx *c, int32_t f, int32_t s);

/* Repeats the pending ask, or moves on when its slot was filled meanwhile. */
static int flow_repeat(flow_cx *c);

/* Sets the conversation's language (event, state, detected, else the playbook's). */
static void flow_choose_language(flow_cx *c);

/* Writes the result root {"state", "actions", "events"} into c->out. */
static int flow_result(flow_cx *c);

/* Sets c up for a call on pb; the caller calls flow_cx_close even on failure. */
static int flow_cx_open(flow_cx *c, const ty_playbook *pb, ty_error *err);

/* Frees c's scratch; returns c->out when rc is 0, else frees it and returns NULL. */
static ty_doc *flow_cx_close(flow_cx *c, int rc);

#endif /* TY_FLOW_INTERNAL_H */
