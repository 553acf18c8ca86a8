/*
 * flow.c — conversation stepping (docs/playbook.md): ty_playbook_step, a pure
 * function from (playbook, state, event) to {state, actions, events}.
 *
 * The engine never reads the clock and never draws random numbers: time is
 * the event's `at`, and template variants are picked by an FNV-1a hash of
 * the conversation id, the step and the template. The input state and event
 * are only read; everything returned lives in one new doc.
 *
 * The state (version 1) is one JSON object with every key present, always
 * written in this order:
 *   v           1
 *   playbook    the playbook's fingerprint (ty_flow_fingerprint)
 *   conversation, channel   strings or null (from events)
 *   status      "active" | "opted_out" | "handoff" | "closed"
 *   intent      the intent that started the current round, or null
 *   flow, step  the pending ask (a step with `ask`), or both null
 *   slots       {slot: value} in playbook order; a choice is {"id","title"}
 *   options     [{"id","title"}] of a pending ask whose options came from
 *               event data (`options_from`), so the reply can be read
 *               without the host sending them again; else null
 *   stack       asks suspended by a digression into another flow:
 *               [{"flow","step","intent","asked_at"}], innermost last
 *   asked_at    when the pending ask was first made (commit latency)
 *   reprompts   fallback re-asks made for the pending ask
 *   followups   follow-ups sent since the last customer message
 *   due         when the next tick has something to do: the next follow-up
 *               (or the no-response close), or the first reminder
 *   utc_offset  seconds east of UTC from the last event that gave one
 *   last_at     the last event's time (events may not go backwards)
 *   turns       the last TY_FLOW_MAX_TURNS turns [{"from","text","at"}]
 * and, once the conversation's language is known (absent: not yet):
 *   locale        a language of the playbook ("es"): the host's (event
 *                 "locale") or the one the customer's first telling message
 *                 is written in; it picks templates, option titles, words
 *                 and the readers
 * and, only while reminders wait (absent reads as none):
 *   followup_due  when the next follow-up or the close is due (or null)
 *   reminders     [{"at","template","text"}] by time, each text rendered when
 *                 it was scheduled, as it reads at its time
 * and, once an event carried an "id" (absent reads as none):
 *   seen          the ids of the last TY_FLOW_MAX_SEEN events, oldest first: an
 *                 event whose id is there is a redelivery, answered with
 *                 nothing and the state unchanged ("duplicate": true)
 * A top-level "sig" key is ignored on input (the bindings sign states).
 *
 * Decisions where docs/playbook.md is silent (each is tested in tests/c/test_flow.c):
 *  - Safe exits first: a message that is exactly a keyword of an intent
 *    whose `does` is opt_out or handoff wins over reading it as an answer;
 *    other keywords and the model come after the answer.
 *  - A digression into another flow suspends the pending ask on `stack`;
 *    when that flow runs past its last step the suspended ask is repeated.
 *    An `end` step closes the conversation, unless asks are suspended:
 *    then it ends the digression and the innermost suspended ask returns.
 *  - `ask` metric events count first asks only; repeats (after a
 *    digression, a re-ask, a resume, a follow-up) do not, so completion =
 *    commits / asks stays meaningful.
 *  - Wordings are named so metrics can compare them. A wording's id is
 *    "text" (the template's text), "v1", "v2", ... (variants[0], [1], ...),
 *    a channel name ("sms") for a channel's own text, or "builtin" for a
 *    built-in message the playbook has no template for (the language
 *    table's text). Every `send` action carries "template" and "variant":
 *    what was actually sent. Every metric event carries "template" and
 *    "variant" (both null when there is none):
 *      ask, commit      the wording the conversation is ASSIGNED for the
 *                       step's question: the step's `say` template and
 *                       flow_pick's choice for it (the channel's own text,
 *                       else the hashed variant). The state does not keep
 *                       what was sent, but the assignment is a pure function
 *                       of conversation, step, template and channel, so a
 *                       commit names the wording its ask named (unless the
 *                       conversation moved to a channel with its own text
 *                       meanwhile). It is the wording sent except when the
 *                       first ask went out as a refusal (a day we cannot
 *                       take) or the no-repeat rule of flow_send_led sent
 *                       another wording; then the send action says what went
 *                       out and the events keep the assignment, which is
 *                       what an A/B test counts by: it does not depend on
 *                       what the customer wrote, so it keeps the wordings'
 *                       groups comparable, and an ask never loses its commit
 *                       to another wording's row.
 *      followup         the follow-up's template and wording as sent.
 *      reprompt         the re-ask's (the fallback, else the step's
 *                       question) as sent; null when nothing is sent.
 *      handoff, opt_out, close
 *                       the assigned wording of the pending step's question
 *                       (as for ask), null when no ask is pending (a close
 *                       at an `end` step has none).
 *  - After close, a message starts a new round: slots, intent and the
 *    pending ask are cleared (the transcript is kept) and it is matched
 *    afresh. The closed state keeps its slots so the host can read what was
 *    agreed.
 *  - After an opt-out the slots and the transcript are dropped. START
 *    (normalised text "start"/"unstop", or a keyword of a `does: opt_in`
 *    intent) starts a new round with that message; when no intent serves
 *    it, nothing is sent.
 *  - During a handoff the bot is silent; a STOP keyword still opts the
 *    customer out (silently, with an opt_out event), so a later resume
 *    cannot wake the bot.
 *  - The no-response close sends no message (the last follow-up asked
 *    permission to close); it is a close action with outcome "no_response".
 *  - A follow-up is due `after` seconds after the previous outbound message
 *    (the ask, then each follow-up as sent); the close is due close_after
 *    after the last follow-up (after the ask when there are none). A due
 *    time in quiet hours moves to their end; a due tick that itself falls
 *    in quiet hours defers instead of sending.
 *  - A template that cannot render (a missing name, a placeholder left) is
 *    an error (domain TY_DOMAIN_TEMPLATE, path "templates.<name>"), never a
 *    message; the state is then unchanged.
 *  - A flow that runs past its last step without `end` leaves the
 *    conversation active and idle: the next message is matched afresh.
 *  - An answer whose value is over TY_FLOW_MAX_VALUE bytes of JSON is not
 *    an answer, so states stay bounded.
 *  - Entities fill only slots not yet filled (answers to the pending ask
 *    always set theirs), and a choice slot only when the flow the message
 *    is about (the one it starts, the pending one, a digression's) asks
 *    it; dates, times, numbers and the like fill any slot. In a reply that is not an answer, an entity for
 *    the asked slot is the answer, unless the message is a digression into
 *    another intent: then it just fills the slot, and the step is skipped
 *    (with its commit) when the flow comes back to it.
 *  - A question that starts another flow mid-ask ("are you open on
 *    saturday?") fills only the slots that flow asks: it asks about the
 *    day, it does not choose it.
 *  - "@flow" makes the round's intent the first intent that starts that
 *    flow, so a handoff summary names what the customer is doing now.
 *  - When the playbook has no `fallback`, the re-ask repeats the step's own
 *    question; with no pending ask and no fallback nothing is sent.
 *  - Sends that are not a step's (an intent's `say`, a fallback with no
 *    pending ask) carry "step": null; a follow-up or re-ask carries the
 *    pending step and its choices.
 *  - A message for another conversation than the state's (both named) is
 *    an event error; the event's channel and utc_offset update the state's.
 *  - Host-supplied options (`options_from`) are kept for the pending ask
 *    only: a new ask of such a slot, or one suspended on the stack and
 *    asked again, needs them in that event's data (else TY_E_EVENT naming
 *    event.data.<key>).
 *  - The handoff metric event carries "filled" (slots filled) and "asked"
 *    (filled slots plus the distinct unfilled slots still waited for: the
 *    pending ask and the suspended ones), so metrics can average how much
 *    of what the bot needed a person receives.
 *  - A flow's own "followups" replace the playbook's while one of its asks
 *    waits. A follow-up that cannot render there (a name not filled yet, a
 *    placeholder left) is skipped with an "error" event {template, message}
 *    and counts as sent, so the later follow-ups and the close still come.
 *  - A step's "remind" replaces the reminders waiting (an empty list cancels
 *    them): each goes at its time, moved out of quiet hours, and is dropped
 *    when that is not after the message or not before the booking, or
 *    repeats an earlier one's time. Its text is rendered at once, as it
 *    reads then ("today"), so a reminder needs no slot later. Ticks send the
 *    reminders due (even after the booking closed the conversation, which
 *    they do not reopen), each with a "reminder" event; STOP drops them;
 *    during a handoff a due reminder is dropped unsent. {{reminder}} in the
 *    step's message says when the first goes ({{reminder.when}}).
 *  - `followups_within_window: true` keeps every follow-up inside the 24 h
 *    messaging window after the customer's last message (the event's time
 *    for a message, else the last customer turn of the transcript, else the
 *    pending ask's asked_at). A follow-up that would be due later than
 *    TY_FLOW_WINDOW_MARGIN (1 h) before the window ends is MOVED EARLIER to
 *    that point (and, when that falls in quiet hours, to the minute before
 *    they begin), because the last chance to write freely is worth taking;
 *    when the moved time is not after the previous outbound message (or
 *    the tick), it and every later follow-up are DROPPED: `followups` is set
 *    to the number of follow-ups (the budget is used up) and the
 *    no-response close is scheduled as after the last follow-up. A tick
 *    that arrives after the window has ended drops them the same way
 *    instead of sending (the close then follows close_after after the last
 *    message the bot sent, at once if that time has passed).
 */
#include "flow.h"

#include <stdio.h>

#include "civil.h"
#include "show.h"
#include "text.h"

/* ===================================================================== *
 * Time
 * ===================================================================== */

static int64_t flow_mod(int64_t a, int64_t m) {
    int64_t r = a % m;
    return r < 0 ? r + m : r;
}

bool ty_flow_quiet(int64_t t, int32_t offset, int from, int to) {
    if (from == to) return false;
    int64_t minute = flow_mod(t + offset, 86400) / 60;
    if (from < to) return minute >= from && minute < to;
    return minute >= from || minute < to;
}

int64_t ty_flow_defer(int64_t t, int32_t offset, int from, int to) {
    if (!ty_flow_quiet(t, offset, from, to)) return t;
    int64_t sod = flow_mod(t + offset, 86400);
    return t + flow_mod((int64_t)to * 60 - sod, 86400);
}

/* ===================================================================== *
 * Fingerprint and hashing
 * ===================================================================== */

#define FLOW_FNV_BASIS 0xcbf29ce484222325ULL
#define FLOW_FNV_PRIME 0x100000001b3ULL

static uint64_t flow_fnv(uint64_t h, const void *p, size_t n) {
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= FLOW_FNV_PRIME;
    }
    return h;
}

/* Hashes a string followed by a unit separator, so ("ab","c") != ("a","bc"). */
static uint64_t flow_fnv_str(uint64_t h, const char *s, size_t n) {
    h = flow_fnv(h, s, n);
    return flow_fnv(h, "\x1f", 1);
}

static uint64_t flow_fnv_int(uint64_t h, int64_t x) {
    unsigned char b[8];
    for (int i = 0; i < 8; i++) b[i] = (unsigned char)((uint64_t)x >> (8 * i));
    return flow_fnv(h, b, 8);
}

void ty_flow_fingerprint(const ty_playbook *pb, char out[17]) {
    static const char hex[] = "0123456789abcdef";
    uint64_t h = flow_fnv_str(FLOW_FNV_BASIS, "tinyyes-state-1", 15);
    for (size_t i = 0; i < pb->nintents; i++) h = flow_fnv_str(h, pb->intents[i].name, pb->intents[i].name_len);
    h = flow_fnv(h, "\x1e", 1);
    for (size_t i = 0; i < pb->nslots; i++) {
        const ty_slot *s = &pb->slots[i];
        h = flow_fnv_str(h, s->name, s->name_len);
        h = flow_fnv_int(h, s->type);
        for (size_t j = 0; j < s->noptions; j++) h = flow_fnv_str(h, s->options[j].id, s->options[j].id_len);
        if (s->options_from) h = flow_fnv_str(h, s->options_from, s->options_from_len);
        h = flow_fnv(h, "\x1d", 1);
    }
    h = flow_fnv(h, "\x1e", 1);
    for (size_t i = 0; i < pb->nflows; i++) {
        const ty_pb_flow *f = &pb->flows[i];
        h = flow_fnv_str(h, f->name, f->name_len);
        for (size_t j = 0; j < f->nsteps; j++) {
            h = flow_fnv_str(h, f->steps[j].id, f->steps[j].id_len);
            h = flow_fnv_int(h, f->steps[j].ask);
        }
        if (f->has_followups) h = flow_fnv_int(h, (int64_t)f->nfollowups + 1000);
        h = flow_fnv(h, "\x1d", 1);
    }
    h = flow_fnv_int(h, pb->reprompts);
    h = flow_fnv_int(h, (int64_t)pb->nfollowups);
    for (int i = 15; i >= 0; i--) {
        out[i] = hex[h & 15];
        h >>= 4;
    }
    out[16] = '\0';
}

/* ===================================================================== *
 * Working state
 * ===================================================================== */

enum { FLOW_ACTIVE = 0, FLOW_OPTED_OUT, FLOW_HANDOFF, FLOW_CLOSED, FLOW_NSTATUS };
static const char *const flow_status_names[FLOW_NSTATUS] = {"active", "opted_out", "handoff", "closed"};

enum { FLOW_EV_MESSAGE = 0, FLOW_EV_TICK, FLOW_EV_RESUME };

/* A confirming micro-question the bot asked and waits on (state.check). */
enum { FLOW_CHECK_NONE = 0, FLOW_CHECK_OPT_OUT, FLOW_CHECK_HANDOFF, FLOW_NCHECK };
static const char *const flow_check_names[FLOW_NCHECK] = {NULL, "opt_out", "handoff"};

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
 * the header comment); tpl NULL for none. */
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
    flow_wording sent;    /* the wording of the last send action */
    bool migrating;       /* ty_playbook_migrate: what no longer fits is dropped, not refused */
    bool duplicate;       /* the event's id was seen: answered with nothing */
    ty_value *dropped;    /* migrating: the paths dropped (a list in out) */
    int32_t lost_flow;    /* migrating: the pending ask's flow when only its step is gone, else -1 */
    bool *slot_dropped;   /* migrating: [pb->nslots], the slots whose values were dropped */
} flow_cx;

static int32_t flow_find_intent(const ty_playbook *pb, const char *s, size_t n) {
    for (size_t i = 0; i < pb->nintents; i++)
        if (pb->intents[i].name_len == n && memcmp(pb->intents[i].name, s, n) == 0) return (int32_t)i;
    return -1;
}

static int32_t flow_find_step(const ty_pb_flow *f, const char *s, size_t n) {
    for (size_t i = 0; i < f->nsteps; i++)
        if (f->steps[i].id_len == n && memcmp(f->steps[i].id, s, n) == 0) return (int32_t)i;
    return -1;
}

static bool flow_eq(const char *a, size_t an, const char *b) {
    size_t bn = strlen(b);
    return an == bn && memcmp(a, b, an) == 0;
}

static bool flow_str_eq(flow_str a, flow_str b) {
    if (!a.s || !b.s) return a.s == b.s;
    return a.n == b.n && memcmp(a.s, b.s, a.n) == 0;
}

/* The slot a pending step asks, or NULL. */
static const ty_slot *flow_step_slot(const ty_playbook *pb, int32_t flow, int32_t step) {
    if (flow < 0 || step < 0) return NULL;
    int32_t a = pb->flows[flow].steps[step].ask;
    return a >= 0 ? &pb->slots[a] : NULL;
}

static int32_t flow_offset(const flow_cx *c) {
    if (c->ev.has_offset) return c->ev.offset;
    if (c->st.has_offset) return c->st.offset;
    return c->pb->utc_offset;
}

/* ===================================================================== *
 * JSON size (exactly what ty_value_write_json writes)
 * ===================================================================== */

/* True when one of the 8 bytes of w is a control character, '"' or '\\'
 * (the bytes JSON escapes): exact for the word, not per byte. */
static bool flow_json_word_escapes(uint64_t w) {
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    return ((((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b)) & high) != 0;
}

static size_t flow_json_str_size(const char *s, size_t n) {
    /* extra bytes an escape adds: \" \\ \b \f \n \r \t one, other controls five */
    static const unsigned char extra[256] = {
        5, 5, 5, 5, 5, 5, 5, 5, 1, 1, 1, 5, 1, 1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
        0, 0, 1, ['\\'] = 1};
    size_t k = n + 2, i = 0;
    /* eight bytes at a time while none of them needs an escape (the usual case) */
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (flow_json_word_escapes(w))
            for (size_t j = i; j < i + 8; j++) k += extra[(unsigned char)s[j]];
    }
    for (; i < n; i++) k += extra[(unsigned char)s[i]];
    return k;
}

/* Size of v as compact JSON; SIZE_MAX past depth 64 or past `cap` (the
 * walk stops early so a huge state costs no more than its limit). */
static size_t flow_json_size(const ty_value *v, unsigned depth, size_t cap) {
    if (depth > 64) return SIZE_MAX;
    switch (ty_value_kind(v)) {
    case TY_NULL: return 4;
    case TY_FALSE: return 5;
    case TY_TRUE: return 4;
    case TY_NUMBER: {
        double x = ty_value_number(v);
        if (x >= -9007199254740992.0 && x <= 9007199254740992.0 && (double)(int64_t)x == x) {
            /* integers print as their digits: count them without formatting */
            int64_t i = (int64_t)x;
            size_t k = i < 0 ? 2 : 1;
            for (uint64_t u = i < 0 ? (uint64_t)-i : (uint64_t)i; u >= 10; u /= 10) k++;
            return k;
        }
        char tmp[33];
        return ty_format_number(x, tmp);
    }
    case TY_STRING: {
        size_t n;
        const char *s = ty_value_string(v, &n);
        return flow_json_str_size(s, n);
    }
    default: break;
    }
    size_t total = 2, count = ty_value_count(v);
    bool map = ty_value_kind(v) == TY_MAP;
    for (size_t i = 0; i < count; i++) {
        if (i) total++;
        if (map) {
            size_t kn;
            const char *k = ty_value_key(v, i, &kn);
            total += flow_json_str_size(k, kn) + 1;
        }
        size_t s = flow_json_size(ty_value_item(v, i), depth + 1, cap);
        if (s == SIZE_MAX || s > cap || total > cap - s) return SIZE_MAX;
        total += s;
    }
    return total;
}

/* True when v's compact JSON takes at most cap bytes (and nests at most 64
 * deep): the cheap bound first, the exact size only when that is over. */
static bool flow_json_fits(const ty_value *v, size_t cap) {
    size_t bound = ty_val_json_bound(v, 0, cap);
    if (bound != SIZE_MAX && bound <= cap) return true;
    return flow_json_size(v, 0, cap) <= cap;
}

/* ===================================================================== *
 * Reading an event
 * ===================================================================== */

static int flow_ev_fail(flow_cx *c, int code, const char *path, const char *msg) {
    ty_err_path(c->err, "event%s%s", path[0] ? "." : "", path);
    return ty_err_set(c->err, TY_DOMAIN_EVENT, code, "event%s%s: %s", path[0] ? "." : "", path, msg);
}

/* An integer in [0, TY_FLOW_MAX_TIME]; false otherwise. */
static bool flow_int(const ty_value *v, int64_t *out) {
    if (ty_value_kind(v) != TY_NUMBER) return false;
    double x = ty_value_number(v);
    if (!(x >= 0 && x <= (double)TY_FLOW_MAX_TIME)) return false;
    int64_t i = (int64_t)x;
    if ((double)i != x) return false;
    *out = i;
    return true;
}

/* Reads a UTC offset: "+01:00" or integer seconds within ±14:00. */
static bool flow_read_offset(const ty_value *v, int32_t *out) {
    if (ty_value_kind(v) == TY_STRING) {
        size_t n;
        const char *s = ty_value_string(v, &n);
        return ty_pb_parse_utc_offset(s, n, out);
    }
    if (ty_value_kind(v) != TY_NUMBER) return false;
    double x = ty_value_number(v);
    if (!(x >= -50400 && x <= 50400)) return false;
    int32_t i = (int32_t)x;
    if ((double)i != x) return false;
    *out = i;
    return true;
}

/* A string field of at most max bytes of valid UTF-8 without NUL: 0, or 1
 * not a string, 2 too long, 3 invalid UTF-8, 4 a NUL byte. */
static int flow_read_name(const ty_value *v, size_t max, flow_str *out) {
    if (ty_value_kind(v) != TY_STRING) return 1;
    size_t n, bad;
    const char *s = ty_value_string(v, &n);
    if (n > max) return 2;
    if (ty_utf8_check(s, n, &bad)) return 3;
    if (memchr(s, 0, n)) return 4;
    out->s = s;
    out->n = n;
    return 0;
}

static int flow_event_read(flow_cx *c, const ty_value *e) {
    flow_event *ev = &c->ev;
    memset(ev, 0, sizeof *ev);
    ev->at = -1;
    ev->type = -1;
    ev->lang = -1;
    if (ty_value_kind(e) != TY_MAP) return flow_ev_fail(c, TY_E_EVENT, "", "must be an object");
    const ty_value *text = NULL;
    for (size_t i = 0; i < ty_value_count(e); i++) {
        size_t kn;
        const char *k = ty_value_key(e, i, &kn);
        const ty_value *v = ty_value_item(e, i);
        if (flow_eq(k, kn, "type")) {
            size_t n;
            const char *s = ty_value_string(v, &n);
            if (s && flow_eq(s, n, "message")) ev->type = FLOW_EV_MESSAGE;
            else if (s && flow_eq(s, n, "tick")) ev->type = FLOW_EV_TICK;
            else if (s && flow_eq(s, n, "resume")) ev->type = FLOW_EV_RESUME;
            else return flow_ev_fail(c, TY_E_EVENT, "type", "must be \"message\", \"tick\" or \"resume\"");
        } else if (flow_eq(k, kn, "at")) {
            if (!flow_int(v, &ev->at))
                return flow_ev_fail(c, TY_E_EVENT, "at", "must be a whole number of seconds since 1970 (>= 0)");
        } else if (flow_eq(k, kn, "text")) {
            if (ty_value_kind(v) != TY_STRING) return flow_ev_fail(c, TY_E_EVENT, "text", "must be a string");
            text = v;
        } else if (flow_eq(k, kn, "data")) {
            if (ty_value_kind(v) != TY_MAP) return flow_ev_fail(c, TY_E_EVENT, "data", "must be an object");
            ev->data = v;
        } else if (flow_eq(k, kn, "conversation")) {
            int r = flow_read_name(v, TY_FLOW_MAX_ID, &ev->conv);
            if (r == 1) return flow_ev_fail(c, TY_E_EVENT, "conversation", "must be a string");
            if (r == 2) return flow_ev_fail(c, TY_E_LIMIT, "conversation", "is longer than 256 bytes");
            if (r == 3) return flow_ev_fail(c, TY_E_UTF8, "conversation", "is not valid UTF-8 text");
            if (r == 4) return flow_ev_fail(c, TY_E_NUL, "conversation", "contains a NUL byte");
        } else if (flow_eq(k, kn, "id") || flow_eq(k, kn, "choice")) {
            const char *what = kn == 2 ? "id" : "choice";
            int r = flow_read_name(v, TY_FLOW_MAX_ID, kn == 2 ? &ev->id : &ev->choice);
            if (r == 1) return flow_ev_fail(c, TY_E_EVENT, what, "must be a string");
            if (r == 2) return flow_ev_fail(c, TY_E_LIMIT, what, "is longer than 256 bytes");
            if (r == 3) return flow_ev_fail(c, TY_E_UTF8, what, "is not valid UTF-8 text");
            if (r == 4) return flow_ev_fail(c, TY_E_NUL, what, "contains a NUL byte");
        } else if (flow_eq(k, kn, "channel")) {
            int r = flow_read_name(v, TY_FLOW_MAX_CHANNEL, &ev->channel);
            if (r == 1) return flow_ev_fail(c, TY_E_EVENT, "channel", "must be a string");
            if (r == 2) return flow_ev_fail(c, TY_E_LIMIT, "channel", "is longer than 64 bytes");
            if (r == 3) return flow_ev_fail(c, TY_E_UTF8, "channel", "is not valid UTF-8 text");
            if (r == 4) return flow_ev_fail(c, TY_E_NUL, "channel", "contains a NUL byte");
        } else if (flow_eq(k, kn, "utc_offset")) {
            if (!flow_read_offset(v, &ev->offset))
                return flow_ev_fail(c, TY_E_EVENT, "utc_offset",
                                    "must be \"+HH:MM\"/\"-HH:MM\" or whole seconds, within 14 hours of UTC");
            ev->has_offset = true;
        } else if (flow_eq(k, kn, "locale")) {
            size_t ln;
            const char *ls = ty_value_string(v, &ln);
            if (!ls) return flow_ev_fail(c, TY_E_EVENT, "locale", "must be a string");
            if ((ev->lang = ty_pb_lang_find(c->pb, ls, ln)) < 0)
                return flow_ev_fail(c, TY_E_EVENT, "locale", "is not a language of this playbook");
        } else {
            char key[48];
            size_t kl = kn < 40 ? kn : 40;
            memcpy(key, k, kl);
            key[kl] = '\0';
            if (ty_utf8_check(key, kl, &kl)) key[kl] = '\0';
            return flow_ev_fail(c, TY_E_EVENT, key,
                                "unknown key (allowed: type, at, id, text, choice, data, conversation, channel, "
                                "utc_offset, locale)");
        }
    }
    if (ev->type < 0) return flow_ev_fail(c, TY_E_EVENT, "type", "missing (\"message\", \"tick\" or \"resume\")");
    if (ev->at < 0) return flow_ev_fail(c, TY_E_EVENT, "at", "missing (the event time in Unix seconds)");
    if (ev->type == FLOW_EV_MESSAGE) {
        if (!text) return flow_ev_fail(c, TY_E_EVENT, "text", "missing (a message event carries the customer's text)");
        size_t n;
        const char *s = ty_value_string(text, &n);
        int rc = ty_playbook_check_size(c->pb, n, 1, c->err);
        if (!rc) rc = ty_text_input(s, n, 0, false, TY_DOMAIN_EVENT, "event.text", c->err);
        if (rc) {
            ty_err_path(c->err, "event.text");
            return rc;
        }
        ev->text.s = s;
        ev->text.n = n;
    } else if (text) {
        return flow_ev_fail(c, TY_E_EVENT, "text", "only message events carry text");
    } else if (ev->choice.s) {
        return flow_ev_fail(c, TY_E_EVENT, "choice", "only message events carry a choice");
    }
    return TY_OK;
}

/* ===================================================================== *
 * Reading a state
 * ===================================================================== */

static int flow_st_fail(flow_cx *c, int code, const char *fmt, ...) TY_PRINTF(3, 4);

/* fmt is "path: message"; the part before ": " becomes err->path. */
static int flow_st_fail(flow_cx *c, int code, const char *fmt, ...) {
    if (!c->err) return code;
    char msg[TY_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *colon = strstr(msg, ": ");
    size_t pn = colon ? (size_t)(colon - msg) : 0;
    ty_err_path(c->err, "%.*s", (int)pn, msg);
    return ty_err_set(c->err, TY_DOMAIN_STATE, code, "%s", msg);
}

/* A state that names what this playbook no longer has (an edit since it
 * was written). Stepping refuses it with TY_E_STALE ("path: message");
 * migrating records the path in c->dropped and returns FLOW_DROPPED, and
 * the caller drops that part. */
enum { FLOW_DROPPED = 1 };
static int flow_stale(flow_cx *c, const char *fmt, ...) TY_PRINTF(2, 3);

static int flow_stale(flow_cx *c, const char *fmt, ...) {
    char msg[TY_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *colon = strstr(msg, ": ");
    size_t pn = colon ? (size_t)(colon - msg) : strlen(msg);
    if (c->migrating) {
        ty_value *p = ty_val_string(c->out, msg, pn);
        if (!p || ty_list_push(c->out, c->dropped, p)) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
        return FLOW_DROPPED;
    }
    return flow_st_fail(c, TY_E_STALE, "%s (the playbook changed since this state was written: migrate it)", msg);
}

/* Writes a map key for an error path: at most 40 bytes, cut at a UTF-8
 * boundary, NUL bytes ending it. */
static const char *flow_key_text(const char *k, size_t n, char dst[48]) {
    size_t kl = n < 40 ? n : 40, bad;
    memcpy(dst, k, kl);
    dst[kl] = '\0';
    if (ty_utf8_check(dst, kl, &bad)) dst[bad] = '\0';
    return dst;
}

static bool flow_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!ty_is_digit((unsigned char)s[i])) return false;
    return true;
}

/* Checks one stored slot value against its slot's type. Returns NULL when
 * fine, else a short reason. */
static const char *flow_check_value(const ty_slot *slot, const ty_value *v) {
    if (!flow_json_fits(v, TY_FLOW_MAX_VALUE)) return "is larger than 1024 bytes of JSON";
    size_t n;
    const char *s = ty_value_string(v, &n);
    switch (slot->type) {
    case TY_SLOT_CHOICE: {
        if (ty_value_kind(v) != TY_MAP || ty_value_count(v) != 2) return "must be {\"id\", \"title\"}";
        const ty_value *id = ty_value_get(v, "id", 2), *title = ty_value_get(v, "title", 5);
        if (ty_value_kind(id) != TY_STRING || ty_value_kind(title) != TY_STRING)
            return "must be {\"id\", \"title\"} with string values";
        if (!slot->options_from) {
            const char *is = ty_value_string(id, &n);
            for (size_t i = 0; i < slot->noptions; i++)
                if (slot->options[i].id_len == n && memcmp(slot->options[i].id, is, n) == 0) return NULL;
            return "names an option this slot does not have";
        }
        return NULL;
    }
    case TY_SLOT_YESNO:
        return s && (flow_eq(s, n, "yes") || flow_eq(s, n, "no")) ? NULL : "must be \"yes\" or \"no\"";
    case TY_SLOT_DATE:
        return s && n == 10 && s[4] == '-' && s[7] == '-' && flow_digits(s, 4) && flow_digits(s + 5, 2) &&
                       flow_digits(s + 8, 2)
                   ? NULL
                   : "must be a date \"YYYY-MM-DD\"";
    case TY_SLOT_TIME:
        return s && n == 5 && s[2] == ':' && flow_digits(s, 2) && flow_digits(s + 3, 2) ? NULL
                                                                                        : "must be a time \"HH:MM\"";
    case TY_SLOT_NUMBER: return ty_value_kind(v) == TY_NUMBER ? NULL : "must be a number";
    case TY_SLOT_MONEY:
        return ty_value_kind(v) == TY_MAP || ty_value_kind(v) == TY_NUMBER ? NULL : "must be a money object";
    default: return s ? NULL : "must be a string";
    }
}

/* Resolves "flow"/"step" names of the state (or a stack frame). */
static int flow_read_pending(flow_cx *c, const ty_value *fv, const ty_value *sv, const char *where, int32_t *flow,
                             int32_t *step) {
    *flow = *step = -1;
    if (ty_value_kind(fv) == TY_NULL && ty_value_kind(sv) == TY_NULL) return TY_OK;
    size_t fn, sn;
    const char *f = ty_value_string(fv, &fn), *s = ty_value_string(sv, &sn);
    if (!f) return flow_st_fail(c, TY_E_STATE, "%s.flow: must be a flow name (or null with step null)", where);
    if (!s) return flow_st_fail(c, TY_E_STATE, "%s.step: must be a step id (or null with flow null)", where);
    int32_t fi = ty_pb_flow_find(c->pb, f, fn);
    if (fi < 0) return flow_stale(c, "%s.flow: this playbook has no flow \"%.*s\"", where, (int)(fn > 64 ? 64 : fn), f);
    *flow = fi; /* kept when only the step is gone: migrating resumes the flow */
    int32_t si = flow_find_step(&c->pb->flows[fi], s, sn);
    if (si < 0)
        return flow_stale(c, "%s.step: flow \"%s\" has no step \"%.*s\"", where, c->pb->flows[fi].name,
                          (int)(sn > 64 ? 64 : sn), s);
    if (c->pb->flows[fi].steps[si].ask < 0)
        return flow_stale(c, "%s.step: step \"%s\" of flow \"%s\" asks nothing, so it cannot be pending", where,
                          c->pb->flows[fi].steps[si].id, c->pb->flows[fi].name);
    *step = si;
    return TY_OK;
}

static int flow_read_time(flow_cx *c, const ty_value *v, const char *path, bool nullable, int64_t *out) {
    *out = -1;
    if (nullable && ty_value_kind(v) == TY_NULL) return TY_OK;
    if (!flow_int(v, out))
        return flow_st_fail(c, TY_E_STATE, "%s: must be a whole number of seconds >= 0%s", path,
                            nullable ? " or null" : "");
    return TY_OK;
}

static int flow_read_count(flow_cx *c, const ty_value *v, const char *path, int max, int *out) {
    int64_t x;
    if (!flow_int(v, &x) || x > INT32_MAX)
        return flow_st_fail(c, TY_E_STATE, "%s: must be a whole number from 0 to %d", path, max);
    *out = (int)x;
    if (x <= max) return TY_OK;
    *out = max;
    int rc = flow_stale(c, "%s: is %lld, over this playbook's %d", path, (long long)x, max);
    return rc == FLOW_DROPPED ? TY_OK : rc;
}

/* Order of the keys as written; reading requires all of them. */
enum {
    FLOW_K_V, FLOW_K_PLAYBOOK, FLOW_K_CONVERSATION, FLOW_K_CHANNEL, FLOW_K_STATUS, FLOW_K_INTENT, FLOW_K_FLOW,
    FLOW_K_STEP, FLOW_K_SLOTS, FLOW_K_OPTIONS, FLOW_K_STACK, FLOW_K_ASKED_AT, FLOW_K_REPROMPTS, FLOW_K_FOLLOWUPS,
    FLOW_K_DUE, FLOW_K_UTC_OFFSET, FLOW_K_LAST_AT, FLOW_K_TURNS, FLOW_K_CHECK, FLOW_K_FOLLOWUP_DUE, FLOW_K_REMINDERS,
    FLOW_K_LOCALE, FLOW_K_PLAYBOOK_VERSION, FLOW_K_EXPIRES, FLOW_K_SEEN, FLOW_NKEYS
};
static const char *const flow_keys[FLOW_NKEYS] = {
    "v",        "playbook", "conversation", "channel",   "status",     "intent",  "flow",   "step",  "slots",
    "options",  "stack",    "asked_at",     "reprompts", "followups",  "due",     "utc_offset", "last_at", "turns",
    "check",    "followup_due", "reminders", "locale", "playbook_version", "expires", "seen"};
static const unsigned char flow_key_lens[FLOW_NKEYS] = {1, 8, 12, 7, 6, 6, 4, 4, 5, 7, 5, 8, 9, 9, 3, 10, 7, 5,
                                                        5, 12, 9, 6, 16, 7, 4};

static int flow_read_slots(flow_cx *c, const ty_value *v) {
    if (ty_value_kind(v) != TY_MAP) return flow_st_fail(c, TY_E_STATE, "state.slots: must be an object");
    char kb[48];
    for (size_t i = 0; i < ty_value_count(v); i++) {
        size_t kn;
        const char *k = ty_value_key(v, i, &kn);
        int32_t si = ty_pb_slot_find(c->pb, k, kn);
        int rc = TY_OK;
        if (si < 0)
            rc = flow_stale(c, "state.slots.%s: this playbook has no such slot", flow_key_text(k, kn, kb));
        else if (c->st.slots[si])
            return flow_st_fail(c, TY_E_STATE, "state.slots.%s: given twice", flow_key_text(k, kn, kb));
        const char *why = si < 0 ? NULL : flow_check_value(&c->pb->slots[si], ty_value_item(v, i));
        if (why) rc = flow_stale(c, "state.slots.%s: %s", c->pb->slots[si].name, why);
        if (why && rc == FLOW_DROPPED) c->slot_dropped[si] = true;
        if (rc == FLOW_DROPPED) continue;
        if (rc) return rc;
        c->st.slots[si] = ty_value_item(v, i);
    }
    return TY_OK;
}

static int flow_read_options(flow_cx *c, const ty_value *v) {
    c->st.options = NULL;
    if (ty_value_kind(v) == TY_NULL) return TY_OK;
    const ty_slot *slot = flow_step_slot(c->pb, c->st.flow, c->st.step);
    if (!slot || (!slot->options_from && slot->type != TY_SLOT_DATE && slot->type != TY_SLOT_TIME)) {
        int rc = flow_stale(c, "state.options: must be null unless the pending ask takes its options from event "
                               "data, or is a date or time offered alternatives");
        return rc == FLOW_DROPPED ? TY_OK : rc;
    }
    if (ty_value_kind(v) != TY_LIST || ty_value_count(v) == 0 || ty_value_count(v) > TY_FLOW_MAX_OPTIONS)
        return flow_st_fail(c, TY_E_STATE, "state.options: must be a list of 1 to %d options", TY_FLOW_MAX_OPTIONS);
    for (size_t i = 0; i < ty_value_count(v); i++) {
        const ty_value *o = ty_value_item(v, i);
        flow_str id, title;
        if (ty_value_kind(o) != TY_MAP || ty_value_count(o) != 2 ||
            flow_read_name(ty_value_get(o, "id", 2), TY_FLOW_MAX_VALUE, &id) ||
            flow_read_name(ty_value_get(o, "title", 5), TY_FLOW_MAX_VALUE, &title))
            return flow_st_fail(c, TY_E_STATE, "state.options[%zu]: must be {\"id\", \"title\"} with text values", i);
    }
    c->st.options = v;
    return TY_OK;
}

static int flow_read_stack(flow_cx *c, const ty_value *v) {
    if (ty_value_kind(v) != TY_LIST) return flow_st_fail(c, TY_E_STATE, "state.stack: must be a list");
    if (ty_value_count(v) > TY_FLOW_MAX_STACK)
        return flow_st_fail(c, TY_E_LIMIT, "state.stack: more than %d suspended asks", TY_FLOW_MAX_STACK);
    for (size_t i = 0; i < ty_value_count(v); i++) {
        const ty_value *e = ty_value_item(v, i);
        char where[48];
        snprintf(where, sizeof where, "state.stack[%zu]", i);
        if (ty_value_kind(e) != TY_MAP || ty_value_count(e) != 4 || !ty_value_get(e, "flow", 4) ||
            !ty_value_get(e, "step", 4) || !ty_value_get(e, "intent", 6) || !ty_value_get(e, "asked_at", 8))
            return flow_st_fail(c, TY_E_STATE, "%s: must be {\"flow\", \"step\", \"intent\", \"asked_at\"}", where);
        flow_frame *fr = &c->st.stack[c->st.nstack];
        int rc = flow_read_pending(c, ty_value_get(e, "flow", 4), ty_value_get(e, "step", 4), where, &fr->flow,
                                   &fr->step);
        if (rc == FLOW_DROPPED) continue; /* migrating: a suspended ask that is gone is not resumed */
        if (rc) return rc;
        if (fr->flow < 0) return flow_st_fail(c, TY_E_STATE, "%s.flow: must name a flow", where);
        const ty_value *iv = ty_value_get(e, "intent", 6);
        fr->intent = -1;
        if (ty_value_kind(iv) != TY_NULL) {
            size_t n;
            const char *s = ty_value_string(iv, &n);
            fr->intent = s ? flow_find_intent(c->pb, s, n) : -1;
            if (fr->intent < 0 && !s)
                return flow_st_fail(c, TY_E_STATE, "%s.intent: must name an intent of this playbook or be null", where);
            if (fr->intent < 0 && (rc = flow_stale(c, "%s.intent: this playbook has no intent \"%.*s\"", where,
                                                   (int)(n > 64 ? 64 : n), s)) != FLOW_DROPPED)
                return rc;
        }
        char path[64];
        snprintf(path, sizeof path, "%s.asked_at", where);
        rc = flow_read_time(c, ty_value_get(e, "asked_at", 8), path, false, &fr->asked_at);
        if (rc) return rc;
        c->st.nstack++;
    }
    return TY_OK;
}

static int flow_read_turns(flow_cx *c, const ty_value *v) {
    if (ty_value_kind(v) != TY_LIST) return flow_st_fail(c, TY_E_STATE, "state.turns: must be a list");
    if (ty_value_count(v) > TY_FLOW_MAX_TURNS)
        return flow_st_fail(c, TY_E_LIMIT, "state.turns: more than %d turns", TY_FLOW_MAX_TURNS);
    for (size_t i = 0; i < ty_value_count(v); i++) {
        const ty_value *t = ty_value_item(v, i);
        flow_turn *tu = &c->st.turns[i];
        const ty_value *from = ty_value_get(t, "from", 4);
        size_t n;
        const char *s = ty_value_string(from, &n);
        if (ty_value_kind(t) != TY_MAP || ty_value_count(t) != 3 || !s || !(flow_eq(s, n, "customer") || flow_eq(s, n, "bot")))
            return flow_st_fail(c, TY_E_STATE, "state.turns[%zu]: must be {\"from\": \"customer\"|\"bot\", \"text\", \"at\"}", i);
        tu->bot = flow_eq(s, n, "bot");
        int r = flow_read_name(ty_value_get(t, "text", 4), TY_FLOW_MAX_TURN_TEXT + 3, &tu->text);
        if (r) return flow_st_fail(c, r == 2 ? TY_E_LIMIT : TY_E_STATE,
                                   "state.turns[%zu].text: must be text of at most %d bytes", i, TY_FLOW_MAX_TURN_TEXT + 3);
        if (!flow_int(ty_value_get(t, "at", 2), &tu->at)) { /* the path is written only for the error */
            char path[48];
            snprintf(path, sizeof path, "state.turns[%zu].at", i);
            return flow_read_time(c, ty_value_get(t, "at", 2), path, false, &tu->at);
        }
    }
    c->st.nturns = (int)ty_value_count(v);
    return TY_OK;
}

/* A fresh conversation (state null). */
/* The most follow-ups any pending ask can have: the playbook's or a flow's. */
static int flow_max_followups(const ty_playbook *pb) {
    size_t most = pb->nfollowups;
    for (size_t f = 0; f < pb->nflows; f++)
        if (pb->flows[f].has_followups && pb->flows[f].nfollowups > most) most = pb->flows[f].nfollowups;
    return (int)most;
}

/* state.reminders (absent: none): [{"at", "template", "text"}] by time. */
static int flow_read_reminders(flow_cx *c, const ty_value *v) {
    flow_state *st = &c->st;
    st->nrem = 0;
    if (!v) return TY_OK;
    if (ty_value_kind(v) != TY_LIST || ty_value_count(v) > TY_PB_MAX_REMINDERS)
        return flow_st_fail(c, TY_E_STATE, "state.reminders: must be a list of at most %d reminders",
                            TY_PB_MAX_REMINDERS);
    for (size_t i = 0; i < ty_value_count(v); i++) {
        const ty_value *e = ty_value_item(v, i);
        flow_reminder *r = &st->rem[st->nrem];
        flow_str name;
        int64_t at;
        if (ty_value_kind(e) != TY_MAP || ty_value_count(e) != 3 || !flow_int(ty_value_get(e, "at", 2), &at) ||
            at < 0 || at > TY_FLOW_MAX_TIME || flow_read_name(ty_value_get(e, "template", 8), TY_PB_MAX_NAME, &name) ||
            flow_read_name(ty_value_get(e, "text", 4), TY_FLOW_MAX_STATE_BYTES, &r->text) ||
            (st->nrem && at < st->rem[st->nrem - 1].at))
            return flow_st_fail(c, TY_E_STATE,
                                "state.reminders[%zu]: must be {\"at\", \"template\", \"text\"}, in time order", i);
        if ((r->say = ty_pb_template_find(c->pb, name.s, name.n)) < 0) {
            int rc = flow_stale(c, "state.reminders[%zu].template: this playbook has no template \"%.*s\"", i,
                                (int)(name.n > 64 ? 64 : name.n), name.s);
            if (rc == FLOW_DROPPED) continue;
            return rc;
        }
        r->at = at;
        st->nrem++;
    }
    return TY_OK;
}

/* state.followup_due: the follow-up's time when reminders wait (then
 * state.due is the earliest of both); absent, state.due is it. */
static int flow_read_followup_due(flow_cx *c, const ty_value *v) {
    if (!v && c->st.nrem)
        return flow_st_fail(c, TY_E_STATE, "state.followup_due: missing (a state with reminders has one)");
    return v ? flow_read_time(c, v, "state.followup_due", true, &c->st.due) : TY_OK;
}

static void flow_state_init(flow_cx *c) {
    flow_state *st = &c->st;
    st->conv.s = st->channel.s = NULL;
    st->conv.n = st->channel.n = 0;
    st->status = FLOW_ACTIVE;
    st->intent = st->flow = st->step = -1;
    st->check = FLOW_CHECK_NONE;
    st->options = NULL;
    st->nstack = 0;
    st->asked_at = -1;
    st->reprompts = st->followups = 0;
    st->due = -1;
    st->nrem = 0;
    st->lang = -1;
    st->has_offset = false;
    st->offset = 0;
    st->last_at = -1;
    st->expires = -1;
    st->nseen = 0;
    st->nturns = 0;
}

/* Reads state.seen (absent: none): at most TY_FLOW_MAX_SEEN event ids. */
static int flow_read_seen(flow_cx *c, const ty_value *v) {
    if (!v) return TY_OK;
    size_t n = ty_value_count(v);
    if (ty_value_kind(v) != TY_LIST || n > TY_FLOW_MAX_SEEN)
        return flow_st_fail(c, TY_E_STATE, "state.seen: must be a list of at most %d event ids", TY_FLOW_MAX_SEEN);
    for (size_t i = 0; i < n; i++)
        if (flow_read_name(ty_value_item(v, i), TY_FLOW_MAX_ID, &c->st.seen[i]))
            return flow_st_fail(c, TY_E_STATE, "state.seen[%zu]: must be text of at most %d bytes", i, TY_FLOW_MAX_ID);
    c->st.nseen = (int)n;
    return TY_OK;
}

/* True when the event's id is one the state has seen. */
static bool flow_seen(const flow_cx *c) {
    for (int i = 0; c->ev.id.s && i < c->st.nseen; i++)
        if (flow_str_eq(c->st.seen[i], c->ev.id)) return true;
    return false;
}

/* Remembers the event's id (the oldest is forgotten past TY_FLOW_MAX_SEEN). */
static void flow_remember_id(flow_cx *c) {
    flow_state *st = &c->st;
    if (!c->ev.id.s) return;
    if (st->nseen == TY_FLOW_MAX_SEEN) {
        memmove(st->seen, st->seen + 1, (TY_FLOW_MAX_SEEN - 1) * sizeof st->seen[0]);
        st->nseen--;
    }
    st->seen[st->nseen++] = c->ev.id;
}

static int flow_state_read(flow_cx *c, const ty_value *s) {
    flow_state_init(c);
    flow_state *st = &c->st;
    int rc0;
    if (!s || ty_value_kind(s) == TY_NULL) return TY_OK;
    if (ty_value_kind(s) != TY_MAP) return flow_st_fail(c, TY_E_STATE, "state: must be an object or null");
    if (!flow_json_fits(s, TY_FLOW_MAX_STATE_BYTES))
        return flow_st_fail(c, TY_E_LIMIT, "state: larger than %u bytes of JSON (or nested too deep)",
                            TY_FLOW_MAX_STATE_BYTES);
    const ty_value *kv[FLOW_NKEYS] = {0};
    char kb[48];
    int next = 0; /* a state we wrote has its keys in flow_keys' order: try the one after the last first */
    for (size_t i = 0; i < ty_value_count(s); i++) {
        size_t kn;
        const char *k = ty_value_key(s, i, &kn);
        if (flow_eq(k, kn, "sig")) continue; /* the binding's signature: verified before we are called */
        int j = next < FLOW_NKEYS && flow_key_lens[next] == kn && memcmp(k, flow_keys[next], kn) == 0 ? next : 0;
        while (j < FLOW_NKEYS && !(flow_key_lens[j] == kn && memcmp(k, flow_keys[j], kn) == 0)) j++;
        next = j + 1;
        if (j == FLOW_NKEYS)
            return flow_st_fail(c, TY_E_STATE, "state.%s: unknown key", flow_key_text(k, kn, kb));
        if (kv[j]) return flow_st_fail(c, TY_E_STATE, "state.%s: given twice", flow_keys[j]);
        kv[j] = ty_value_item(s, i);
    }
    /* version and owner first: a foreign state says so rather than failing on a detail */
    if (!kv[FLOW_K_V]) return flow_st_fail(c, TY_E_STATE, "state.v: missing (not a tinyyes conversation state)");
    if (ty_value_kind(kv[FLOW_K_V]) != TY_NUMBER || ty_value_number(kv[FLOW_K_V]) != TY_FLOW_STATE_VERSION) {
        char num[33] = "?";
        if (ty_value_kind(kv[FLOW_K_V]) == TY_NUMBER) ty_format_number(ty_value_number(kv[FLOW_K_V]), num);
        return flow_st_fail(c, TY_E_STATE, "state.v: unsupported state version %s (this library reads %d)", num,
                            TY_FLOW_STATE_VERSION);
    }
    for (int j = 0; j < FLOW_K_CHECK; j++) /* "check" and the reminders' keys came later: absent reads as none */
        if (!kv[j]) return flow_st_fail(c, TY_E_STATE, "state.%s: missing", flow_keys[j]);
    size_t n;
    const char *fp = ty_value_string(kv[FLOW_K_PLAYBOOK], &n);
    /* the playbook's id (or name); a 16-digit fingerprint of its structure
     * is what states written before ids said, read while it still fits */
    bool mine = fp && n == c->pb->ident_len && memcmp(fp, c->pb->ident, n) == 0;
    if (!mine && !(fp && n == 16 && memcmp(fp, c->fingerprint, 16) == 0)) {
        char shown[48];
        return flow_st_fail(c, TY_E_STATE, "state.playbook: the state belongs to another playbook (\"%s\"; this one is "
                                           "\"%.40s\")",
                            fp ? flow_key_text(fp, n, shown) : "?", c->pb->ident);
    }
    if (kv[FLOW_K_PLAYBOOK_VERSION] && ty_value_kind(kv[FLOW_K_PLAYBOOK_VERSION]) != TY_STRING)
        return flow_st_fail(c, TY_E_STATE, "state.playbook_version: must be a string");
    if (kv[FLOW_K_EXPIRES] && (rc0 = flow_read_time(c, kv[FLOW_K_EXPIRES], "state.expires", false, &st->expires)))
        return rc0;
    int r = flow_read_name(kv[FLOW_K_CONVERSATION], TY_FLOW_MAX_ID, &st->conv);
    if (r && ty_value_kind(kv[FLOW_K_CONVERSATION]) != TY_NULL)
        return flow_st_fail(c, TY_E_STATE, "state.conversation: must be text of at most %d bytes or null", TY_FLOW_MAX_ID);
    r = flow_read_name(kv[FLOW_K_CHANNEL], TY_FLOW_MAX_CHANNEL, &st->channel);
    if (r && ty_value_kind(kv[FLOW_K_CHANNEL]) != TY_NULL)
        return flow_st_fail(c, TY_E_STATE, "state.channel: must be text of at most %d bytes or null",
                            TY_FLOW_MAX_CHANNEL);
    const char *s2 = ty_value_string(kv[FLOW_K_STATUS], &n);
    st->status = -1;
    for (int j = 0; s2 && j < FLOW_NSTATUS; j++)
        if (flow_eq(s2, n, flow_status_names[j])) st->status = j;
    if (st->status < 0)
        return flow_st_fail(c, TY_E_STATE, "state.status: must be \"active\", \"opted_out\", \"handoff\" or \"closed\"");
    if (ty_value_kind(kv[FLOW_K_INTENT]) != TY_NULL) {
        s2 = ty_value_string(kv[FLOW_K_INTENT], &n);
        if (!s2) return flow_st_fail(c, TY_E_STATE, "state.intent: must name an intent of this playbook or be null");
        if ((st->intent = flow_find_intent(c->pb, s2, n)) < 0 &&
            (rc0 = flow_stale(c, "state.intent: this playbook has no intent \"%.*s\"", (int)(n > 64 ? 64 : n), s2)) !=
                FLOW_DROPPED)
            return rc0;
    }
    int rc = flow_read_pending(c, kv[FLOW_K_FLOW], kv[FLOW_K_STEP], "state", &st->flow, &st->step);
    if (rc == FLOW_DROPPED) {
        c->lost_flow = st->flow; /* the flow, when only the step is gone */
        st->flow = st->step = -1;
    } else if (rc) {
        return rc;
    }
    if (st->flow >= 0 && (st->status == FLOW_OPTED_OUT || st->status == FLOW_CLOSED))
        return flow_st_fail(c, TY_E_STATE, "state.flow: a %s conversation has no pending ask",
                            flow_status_names[st->status]);
    if (kv[FLOW_K_CHECK] && ty_value_kind(kv[FLOW_K_CHECK]) != TY_NULL) {
        s2 = ty_value_string(kv[FLOW_K_CHECK], &n);
        for (int j = 1; s2 && j < FLOW_NCHECK; j++)
            if (flow_eq(s2, n, flow_check_names[j])) st->check = j;
        if (!st->check)
            return flow_st_fail(c, TY_E_STATE, "state.check: must be \"opt_out\", \"handoff\" or null");
        if (st->status != FLOW_ACTIVE)
            return flow_st_fail(c, TY_E_STATE, "state.check: only an active conversation has one");
    }
    if ((rc = flow_read_slots(c, kv[FLOW_K_SLOTS])) || (rc = flow_read_options(c, kv[FLOW_K_OPTIONS])) ||
        (rc = flow_read_stack(c, kv[FLOW_K_STACK])))
        return rc;
    if (st->nstack && st->flow < 0 && !c->migrating)
        return flow_st_fail(c, TY_E_STATE, "state.stack: suspended asks need a pending ask");
    if ((rc = flow_read_time(c, kv[FLOW_K_ASKED_AT], "state.asked_at", true, &st->asked_at)) ||
        (rc = flow_read_count(c, kv[FLOW_K_REPROMPTS], "state.reprompts", c->pb->reprompts, &st->reprompts)) ||
        (rc = flow_read_count(c, kv[FLOW_K_FOLLOWUPS], "state.followups", flow_max_followups(c->pb), &st->followups)) ||
        (rc = flow_read_reminders(c, kv[FLOW_K_REMINDERS])) ||
        (rc = flow_read_time(c, kv[FLOW_K_DUE], "state.due", true, &st->due)) ||
        (rc = flow_read_followup_due(c, kv[FLOW_K_FOLLOWUP_DUE])) ||
        (rc = flow_read_time(c, kv[FLOW_K_LAST_AT], "state.last_at", true, &st->last_at)) ||
        (rc = flow_read_seen(c, kv[FLOW_K_SEEN])))
        return rc;
    if (c->migrating && st->flow < 0) { /* the pending ask was dropped: nothing waits on it */
        st->asked_at = st->due = -1;
        st->reprompts = st->followups = 0;
        st->options = NULL;
    }
    if ((st->flow >= 0) != (st->asked_at >= 0))
        return flow_st_fail(c, TY_E_STATE, "state.asked_at: must be set exactly when an ask is pending");
    if (st->due >= 0 && (st->flow < 0 || st->status != FLOW_ACTIVE))
        return flow_st_fail(c, TY_E_STATE, "state.%s: only an active conversation with a pending ask has one",
                            st->nrem ? "followup_due" : "due");
    if (kv[FLOW_K_LOCALE]) {
        s2 = ty_value_string(kv[FLOW_K_LOCALE], &n);
        if (!s2) return flow_st_fail(c, TY_E_STATE, "state.locale: must name a language of this playbook");
        if ((st->lang = ty_pb_lang_find(c->pb, s2, n)) < 0 &&
            (rc = flow_stale(c, "state.locale: this playbook does not speak \"%.*s\"", (int)(n > 16 ? 16 : n), s2)) !=
                FLOW_DROPPED)
            return rc;
    }
    if (ty_value_kind(kv[FLOW_K_UTC_OFFSET]) != TY_NULL) {
        if (ty_value_kind(kv[FLOW_K_UTC_OFFSET]) != TY_NUMBER || !flow_read_offset(kv[FLOW_K_UTC_OFFSET], &st->offset))
            return flow_st_fail(c, TY_E_STATE, "state.utc_offset: must be whole seconds within 14 hours of UTC, or null");
        st->has_offset = true;
    }
    return flow_read_turns(c, kv[FLOW_K_TURNS]);
}

/* ===================================================================== *
 * Building output values (any NULL from a constructor is out of memory:
 * the helpers record it in *rc and later calls do nothing)
 * ===================================================================== */

/* Puts v under key, a string literal (not copied: it outlives every doc). */
static void flow_put(flow_cx *c, ty_value *map, const char *key, ty_value *v, int *rc) {
    if (*rc) return;
    if (!map || !v || ty_map_put_nocopy(c->out, map, key, strlen(key), v)) *rc = TY_E_NOMEM;
}

/* Puts v under a copy of key (a slot's name: the playbook may go first). */
static void flow_put_copy(flow_cx *c, ty_value *map, const char *key, ty_value *v, int *rc) {
    if (*rc) return;
    if (!map || !v || ty_map_put(c->out, map, key, strlen(key), v)) *rc = TY_E_NOMEM;
}

static void flow_push(flow_cx *c, ty_value *list, ty_value *v, int *rc) {
    if (*rc) return;
    if (!list || !v || ty_list_push(c->out, list, v)) *rc = TY_E_NOMEM;
}

static ty_value *flow_v_str(flow_cx *c, flow_str s) {
    return s.s ? ty_val_string(c->out, s.s, s.n) : ty_val_null(c->out);
}

static ty_value *flow_v_time(flow_cx *c, int64_t t) {
    return t < 0 ? ty_val_null(c->out) : ty_val_number(c->out, (double)t);
}

static ty_value *flow_v_flow(flow_cx *c, int32_t f) {
    return f < 0 ? ty_val_null(c->out) : ty_val_string(c->out, c->pb->flows[f].name, c->pb->flows[f].name_len);
}

static ty_value *flow_v_step(flow_cx *c, int32_t f, int32_t s) {
    if (f < 0 || s < 0) return ty_val_null(c->out);
    const ty_pb_step *st = &c->pb->flows[f].steps[s];
    return ty_val_string(c->out, st->id, st->id_len);
}

static ty_value *flow_v_intent(flow_cx *c, int32_t i) {
    return i < 0 ? ty_val_null(c->out) : ty_val_string(c->out, c->pb->intents[i].name, c->pb->intents[i].name_len);
}

static flow_wording flow_assigned(flow_cx *c, int32_t f, int32_t s);

/* Puts "template" and "variant" of w (both null when w->tpl is NULL). */
static void flow_put_wording(flow_cx *c, ty_value *map, const flow_wording *w, int *rc) {
    flow_put(c, map, "template", w->tpl ? ty_val_string(c->out, w->tpl, w->tpl_len) : ty_val_null(c->out), rc);
    flow_put(c, map, "variant", w->tpl ? ty_val_string(c->out, w->variant, strlen(w->variant)) : ty_val_null(c->out),
             rc);
}

/* Appends a metric event {"type","at","conversation","flow","step","slot",
 * "template","variant"} about (flow, step) and returns it for extra fields
 * (NULL on OOM). The wording is `sent` (a message this step sent), or with
 * NULL the one assigned to the step's question (header comment). */
static ty_value *flow_metric(flow_cx *c, const char *type, int32_t flow, int32_t step, const flow_wording *sent,
                             int *rc) {
    if (*rc) return NULL;
    ty_value *m = ty_val_map_sized(c->out, 10); /* its eight keys and the caller's extras */
    const ty_slot *slot = flow_step_slot(c->pb, flow, step);
    flow_wording w = sent ? *sent : flow_assigned(c, flow, step);
    flow_put(c, m, "type", ty_val_string(c->out, type, strlen(type)), rc);
    flow_put(c, m, "at", flow_v_time(c, c->ev.at), rc);
    flow_put(c, m, "conversation", flow_v_str(c, c->st.conv), rc);
    flow_put(c, m, "flow", flow_v_flow(c, flow), rc);
    flow_put(c, m, "step", flow_v_step(c, flow, step), rc);
    flow_put(c, m, "slot", slot ? ty_val_string(c->out, slot->name, slot->name_len) : ty_val_null(c->out), rc);
    flow_put_wording(c, m, &w, rc);
    flow_push(c, c->events, m, rc);
    return *rc ? NULL : m;
}

/* Adds a turn, dropping the oldest past TY_FLOW_MAX_TURNS. The text is cut
 * at a code point boundary to TY_FLOW_MAX_TURN_TEXT bytes plus "…" (the
 * transcript is an excerpt for a person; the full message went to the
 * host). text must live as long as the step (event, input state or out). */
static int flow_turn_add(flow_cx *c, bool bot, const char *text, size_t n) {
    flow_state *st = &c->st;
    if (n > TY_FLOW_MAX_TURN_TEXT) {
        size_t cut = TY_FLOW_MAX_TURN_TEXT;
        while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80) cut--;
        char *t = ty_arena_alloc(ty_doc_arena(c->out), cut + 4);
        if (!t) return TY_E_NOMEM;
        memcpy(t, text, cut);
        memcpy(t + cut, "\xE2\x80\xA6", 4);
        text = t;
        n = cut + 3;
    }
    if (st->nturns == TY_FLOW_MAX_TURNS) {
        memmove(st->turns, st->turns + 1, (TY_FLOW_MAX_TURNS - 1) * sizeof st->turns[0]);
        st->nturns--;
    }
    flow_turn *t = &st->turns[st->nturns++];
    t->bot = bot;
    t->text.s = text;
    t->text.n = n;
    t->at = c->ev.at;
    return TY_OK;
}

/* Re-paths an error from ty_pb_slot_options ("data.x[0]") under "event.". */
static int flow_data_error(flow_cx *c, int rc) {
    if (rc == TY_E_NOMEM) return ty_err_nomem(c->err, TY_DOMAIN_EVENT);
    if (c->err && strncmp(c->err->path, "event.", 6) != 0) {
        char path[TY_ERROR_PATH_MAX];
        memcpy(path, c->err->path, sizeof path);
        ty_err_path(c->err, "event.%s", path);
        char msg[TY_ERROR_MESSAGE_MAX];
        memcpy(msg, c->err->message, sizeof msg);
        ty_err_set(c->err, TY_DOMAIN_EVENT, rc, "event.%s", msg);
    }
    return rc;
}

/* The options of a choice slot for this event: static ones; for
 * `options_from`, the event's data list when it has one, else (for the
 * pending ask only) the list kept in the state. *n == 0 when none. */
static int flow_options(flow_cx *c, const ty_slot *slot, const ty_option **opts, size_t *n) {
    *opts = NULL;
    *n = 0;
    if (!slot || slot->type != TY_SLOT_CHOICE) return TY_OK;
    const ty_value *data = c->ev.data;
    if (slot->options_from && !ty_value_get(data, slot->options_from, slot->options_from_len)) {
        if (!c->st.options || flow_step_slot(c->pb, c->st.flow, c->st.step) != slot) return TY_OK;
        ty_value *m = ty_val_map(c->tmp);
        if (!m || ty_map_put(c->tmp, m, slot->options_from, slot->options_from_len, (ty_value *)c->st.options))
            return ty_err_nomem(c->err, TY_DOMAIN_EVENT);
        data = m;
    }
    int rc = ty_pb_slot_options(slot, data, c->scratch, opts, n, c->err);
    if (rc) return flow_data_error(c, rc);
    const ty_option *own = slot->lang_options[c->lang - c->pb->langs]; /* in the conversation's language */
    if (own && *opts == slot->options) *opts = own;
    return TY_OK;
}

/* event.data with the pending ask's kept options added under its
 * options_from key when the event did not bring them (for match). */
static int flow_match_data(flow_cx *c, const ty_slot *slot, const ty_value **out) {
    *out = c->ev.data;
    if (!slot || !slot->options_from || !c->st.options ||
        ty_value_get(c->ev.data, slot->options_from, slot->options_from_len))
        return TY_OK;
    ty_value *m = ty_val_map(c->tmp);
    if (!m) return ty_err_nomem(c->err, TY_DOMAIN_EVENT);
    for (size_t i = 0; i < ty_value_count(c->ev.data); i++) {
        size_t kn;
        const char *k = ty_value_key(c->ev.data, i, &kn);
        if (ty_map_put(c->tmp, m, k, kn, (ty_value *)ty_value_item(c->ev.data, i)))
            return ty_err_nomem(c->err, TY_DOMAIN_EVENT);
    }
    if (ty_map_put(c->tmp, m, slot->options_from, slot->options_from_len, (ty_value *)c->st.options))
        return ty_err_nomem(c->err, TY_DOMAIN_EVENT);
    *out = m;
    return TY_OK;
}

/* ===================================================================== *
 * Rendering: the template context is read lazily through ty_data_ops, so
 * nothing is copied: `options` (the current ask), then the filled slots,
 * then the event's data. A choice slot reads as its title ({{slot}}) and
 * has {{slot.id}} and {{slot.title}}; a date, time, money or number slot
 * reads as a person writes it ({{day}} is "Saturday 28 November") and has
 * its parts ({{day.iso}}, {{day.weekday}}, ...: show.c builds them).
 * ===================================================================== */

/* FLOW_REF_SHOWN: a map from ty_show_value; it renders as its "text". */
enum { FLOW_REF_ROOT = 0, FLOW_REF_VALUE, FLOW_REF_CHOICE, FLOW_REF_SHOWN };

typedef struct flow_ref {
    int tag;
    const ty_value *v;
} flow_ref;

typedef struct flow_render {
    flow_cx *c;
    const ty_value *options; /* list of {id,title,letter,index,first,last} */
    flow_ref root;
    int depth;               /* 1 while rendering for {{question}} */
} flow_render;

static int flow_question(flow_render *r, const ty_value **out);

static const flow_ref *flow_ref_new(flow_render *r, int tag, const ty_value *v) {
    flow_ref *f = ty_arena_alloc(r->c->scratch, sizeof *f);
    if (!f) return NULL;
    f->tag = tag;
    f->v = v;
    return f;
}

/* How values are shown to the customer of this event: the playbook's
 * language and clock, relative to the message's local day. */
static ty_show_cx flow_show_cx(const flow_cx *c) {
    ty_show_cx x;
    x.w = c->words;
    x.today = ty_civil_local_day(c->show_at >= 0 ? c->show_at : c->ev.at, flow_offset(c));
    x.has_today = true;
    x.clock = c->pb->clock;
    return x;
}

static int flow_op_kind(void *ctx, ty_ref v) {
    (void)ctx;
    const flow_ref *f = v;
    if (f->tag == FLOW_REF_ROOT) return TY_MAP;
    if (f->tag == FLOW_REF_CHOICE || f->tag == FLOW_REF_SHOWN) return TY_MAP;
    return ty_value_kind(f->v);
}

static int flow_op_get(void *ctx, ty_ref map, const char *key, size_t len, ty_ref *out) {
    flow_render *r = ctx;
    const flow_ref *f = map;
    const ty_value *found = NULL;
    int tag = FLOW_REF_VALUE;
    if (f->tag == FLOW_REF_ROOT) {
        const flow_cx *c = r->c;
        int32_t si;
        if (c->extra && (found = ty_value_get(c->extra, key, len))) {
            /* a built-in message's own values */
        } else if (flow_eq(key, len, "options")) {
            found = r->options;
        } else if (c->reminder && flow_eq(key, len, "reminder") && ty_pb_slot_find(c->pb, key, len) < 0) {
            found = c->reminder;
            tag = FLOW_REF_SHOWN;
        } else if (flow_eq(key, len, "question") && ty_pb_slot_find(c->pb, key, len) < 0 && r->depth == 0) {
            int rc = flow_question(r, &found);
            if (rc) return rc;
        } else if ((si = ty_pb_slot_find(c->pb, key, len)) >= 0 && c->st.slots[si]) {
            found = c->st.slots[si];
            if (c->pb->slots[si].type == TY_SLOT_CHOICE) tag = FLOW_REF_CHOICE;
            int rc;
            ty_show_cx sx = flow_show_cx(r->c);
            const ty_value *shown = ty_show_value(&sx, c->pb->slots[si].type, found, c->tmp, &r->c->showbuf, &rc);
            if (rc) return rc;
            if (shown) {
                found = shown;
                tag = FLOW_REF_SHOWN;
            }
        } else {
            found = ty_value_get(c->ev.data, key, len);
        }
    } else {
        found = ty_value_get(f->v, key, len);
    }
    if (!found) return 0;
    const flow_ref *n = flow_ref_new(r, tag, found);
    if (!n) return TY_E_NOMEM;
    *out = n;
    return 1;
}

static int flow_op_count(void *ctx, ty_ref list, size_t *n) {
    (void)ctx;
    const flow_ref *f = list;
    *n = f->tag == FLOW_REF_VALUE ? ty_value_count(f->v) : 0;
    return TY_OK;
}

static int flow_op_item(void *ctx, ty_ref list, size_t i, ty_ref *out) {
    flow_render *r = ctx;
    const flow_ref *f = list;
    const ty_value *v = f->tag == FLOW_REF_VALUE ? ty_value_item(f->v, i) : NULL;
    if (!v) return TY_E_ARG;
    const flow_ref *n = flow_ref_new(r, FLOW_REF_VALUE, v);
    if (!n) return TY_E_NOMEM;
    *out = n;
    return TY_OK;
}

static int flow_op_string(void *ctx, ty_ref v, const char **s, size_t *len) {
    (void)ctx;
    const flow_ref *f = v;
    const ty_value *x = f->tag == FLOW_REF_CHOICE  ? ty_value_get(f->v, "title", 5)
                        : f->tag == FLOW_REF_SHOWN ? ty_value_get(f->v, "text", 4)
                                                   : f->v;
    *s = ty_value_string(x, len);
    return *s ? TY_OK : TY_E_ARG;
}

static int flow_op_number(void *ctx, ty_ref v, double *out) {
    (void)ctx;
    *out = ty_value_number(((const flow_ref *)v)->v);
    return TY_OK;
}

/* A filled choice slot renders as its title through {{slot}}, a shown
 * value as its text. */
static int flow_op_text(void *ctx, ty_ref v, const char **s, size_t *len) {
    (void)ctx;
    const flow_ref *f = v;
    if (f->tag != FLOW_REF_CHOICE && f->tag != FLOW_REF_SHOWN) return 0;
    *s = ty_value_string(ty_value_get(f->v, f->tag == FLOW_REF_CHOICE ? "title" : "text", f->tag == FLOW_REF_CHOICE ? 5 : 4), len);
    return *s ? 1 : 0;
}

static const ty_data_ops flow_data_ops = {
    flow_op_kind, flow_op_get, flow_op_count, flow_op_item, flow_op_string, flow_op_number, NULL, flow_op_text,
};

/* Builds the `options` list of the context in c->tmp. */
static const ty_value *flow_options_value(flow_cx *c, const ty_option *opts, size_t n) {
    ty_doc *d = c->tmp;
    ty_value *list = ty_val_list(d);
    for (size_t i = 0; list && i < n; i++) {
        char letter[24];
        if (i < 26) {
            letter[0] = (char)('A' + i);
            letter[1] = '\0';
        } else {
            snprintf(letter, sizeof letter, "%zu", i + 1);
        }
        ty_value *m = ty_val_map(d);
        ty_value *id = ty_val_string(d, opts[i].id, opts[i].id_len);
        ty_value *title = ty_val_string(d, opts[i].title, opts[i].title_len);
        ty_value *lt = ty_val_string(d, letter, strlen(letter));
        ty_value *ix = ty_val_number(d, (double)(i + 1));
        ty_value *first = ty_val_bool(d, i == 0), *last = ty_val_bool(d, i + 1 == n);
        if (!m || !id || !title || !lt || !ix || !first || !last || ty_map_put_nocopy(d, m, "id", 2, id) ||
            ty_map_put_nocopy(d, m, "title", 5, title) || ty_map_put_nocopy(d, m, "letter", 6, lt) ||
            ty_map_put_nocopy(d, m, "index", 5, ix) || ty_map_put_nocopy(d, m, "first", 5, first) ||
            ty_map_put_nocopy(d, m, "last", 4, last) || ty_list_push(d, list, m))
            return NULL;
    }
    return list;
}

/* Template ti in the conversation's language (the playbook's own where the
 * language has no translation of it). */
static const ty_pb_template *flow_tpl(const flow_cx *c, int32_t ti) {
    const ty_pb_template *t = &c->lang->templates[ti];
    return t->text ? t : &c->pb->templates[ti];
}

/* The compiled text to use: the event's (else the state's) channel text
 * when the template has one, else text or a variant picked by FNV-1a over
 * (conversation, step, template). */
static const ty_template *flow_pick(flow_cx *c, const ty_pb_template *t, int32_t flow, int32_t step) {
    flow_str ch = c->ev.channel.s ? c->ev.channel : c->st.channel;
    if (ch.s) {
        int k = ty_pb_channel_parse(ch.s, ch.n);
        if (k >= 0 && t->channels[k]) return t->channels[k];
    }
    if (!t->nvariants) return t->text;
    uint64_t h = FLOW_FNV_BASIS;
    if (c->st.conv.s) h = flow_fnv(h, c->st.conv.s, c->st.conv.n);
    h = flow_fnv(h, "\x1f", 1);
    if (flow >= 0 && step >= 0) h = flow_fnv(h, c->pb->flows[flow].steps[step].id, c->pb->flows[flow].steps[step].id_len);
    h = flow_fnv(h, "\x1f", 1);
    h = flow_fnv(h, t->name, t->name_len);
    /* mix before taking the remainder: FNV-1a's low bits follow the input's
     * parity, which would tie one conversation's wordings across steps */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    uint64_t k = h % (uint64_t)(t->nvariants + 1);
    return k == 0 ? t->text : t->variants[k - 1];
}

/* Writes s after dst[0..at) within cap bytes (cut as snprintf cuts) and
 * NUL-terminates; returns the new length. Borrows nothing. */
static size_t flow_cat(char *dst, size_t cap, size_t at, const char *s) {
    while (*s && at + 1 < cap) dst[at++] = *s++;
    dst[at] = '\0';
    return at;
}

/* The decimal digits of x in dst[24] (returned). */
static const char *flow_utoa(size_t x, char dst[24]) {
    char *p = dst + 23;
    *p = '\0';
    do *--p = (char)('0' + x % 10); while ((x /= 10) != 0);
    return p;
}

/* Sets *w to template t and the id of its wording x: "text", "v1", ...
 * for variants[0], ..., or the channel's name. */
static void flow_wording_of(const flow_cx *c, const ty_pb_template *t, const ty_template *x, flow_wording *w) {
    w->tpl = t->name;
    w->tpl_len = t->name_len;
    char id[24], digits[24];
    flow_cat(id, sizeof id, 0, "text");
    for (size_t i = 0; i < t->nvariants; i++)
        if (x == t->variants[i]) flow_cat(id, sizeof id, flow_cat(id, sizeof id, 0, "v"), flow_utoa(i + 1, digits));
    for (int k = 0; k < TY_PB_CHANNEL_COUNT; k++)
        if (x == t->channels[k]) flow_cat(id, sizeof id, 0, ty_pb_channel_name(k));
    /* a translation's wordings are its own: "es:v1" */
    const ty_pb_lang *l = c->lang;
    bool translated = l && l != c->pb->langs && t >= l->templates && t < l->templates + c->pb->ntemplates;
    size_t at = 0;
    if (translated) at = flow_cat(w->variant, sizeof w->variant, flow_cat(w->variant, sizeof w->variant, 0,
                                                                          l->locale->code), ":");
    flow_cat(w->variant, sizeof w->variant, at, id);
}

/* The wording assigned to the question of step (f, s) (header comment);
 * tpl NULL when the step asks nothing or has no `say`. */
static flow_wording flow_assigned(flow_cx *c, int32_t f, int32_t s) {
    flow_wording w = {NULL, 0, ""};
    if (f < 0 || s < 0) return w;
    const ty_pb_step *st = &c->pb->flows[f].steps[s];
    if (st->ask < 0 || st->say < 0) return w;
    const ty_pb_template *t = flow_tpl(c, st->say);
    flow_wording_of(c, t, flow_pick(c, t, f, s), &w);
    return w;
}

/* Renders the compiled text tpl (template `name`, for errors) with `opts`
 * as the options into dst (emptied first); depth 1 for the {{question}}
 * render. */
static int flow_render_named(flow_cx *c, const char *name, const ty_template *tpl, const ty_option *opts,
                             size_t nopts, ty_buf *dst, int depth) {
    flow_render r;
    r.c = c;
    r.root.tag = FLOW_REF_ROOT;
    r.root.v = NULL;
    r.depth = depth;
    if (!(r.options = flow_options_value(c, opts, nopts))) return ty_err_nomem(c->err, TY_DOMAIN_TEMPLATE);
    ty_data data;
    data.ops = &flow_data_ops;
    data.ctx = &r;
    data.root = &r.root;
    dst->len = 0;
    ty_error te;
    ty_err_clear(&te);
    int rc = ty_template_render(tpl, &data, dst, &te);
    if (rc) {
        if (rc == TY_E_NOMEM) return ty_err_nomem(c->err, TY_DOMAIN_TEMPLATE);
        ty_err_path(c->err, "templates.%s", name);
        return ty_err_set(c->err, TY_DOMAIN_TEMPLATE, rc, "templates.%s: %s", name, te.message);
    }
    return TY_OK;
}

/* flow_render_named for template ti. */
static int flow_render_into(flow_cx *c, int32_t ti, const ty_template *tpl, const ty_option *opts, size_t nopts,
                            ty_buf *dst, int depth) {
    return flow_render_named(c, c->pb->templates[ti].name, tpl, opts, nopts, dst, depth);
}

/* Renders into c->buf (flow_render_into). */
static int flow_render_buf(flow_cx *c, int32_t ti, const ty_template *tpl, const ty_option *opts, size_t nopts) {
    return flow_render_into(c, ti, tpl, opts, nopts, &c->buf, 0);
}

/* The last sentence of s[0..n) that asks (ends with '?'), from its opening
 * mark or the end of the sentence before it; n == 0 when none. */
static flow_str flow_last_question(const char *s, size_t n) {
    size_t end = n;
    while (end > 0 && s[end - 1] != '?') end--;
    if (!end) return (flow_str){s, 0};
    size_t i = end - 1;
    while (i > 0 && !((s[i - 1] == '.' || s[i - 1] == '!' || s[i - 1] == '?' || s[i - 1] == ':') && s[i] == ' ')) i--;
    while (i < end && s[i] == ' ') i++;
    for (size_t k = i; k + 1 < end; k++) /* a Spanish opening mark */
        if ((unsigned char)s[k] == 0xC2 && (unsigned char)s[k + 1] == 0xBF) {
            i = k;
            break;
        }
    return (flow_str){s + i, end - i};
}

static int flow_offer(flow_cx *c, const ty_slot *ask, const ty_option **opts, size_t *n);
static const ty_template *flow_pick(flow_cx *c, const ty_pb_template *t, int32_t flow, int32_t step);

/* {{question}}: the pending ask in a short form, for follow-ups and
 * re-asks. A choice of two or three: "Tune-up or Full service?"; any other
 * ask: the last sentence of its question that asks. Absent when nothing is
 * pending (or the ask has no text). */
static int flow_question(flow_render *r, const ty_value **out) {
    flow_cx *c = r->c;
    *out = NULL;
    if (c->st.flow < 0) return TY_OK;
    const ty_pb_step *step = &c->pb->flows[c->st.flow].steps[c->st.step];
    const ty_slot *slot = &c->pb->slots[step->ask];
    const ty_option *opts;
    size_t nopts;
    int rc = flow_offer(c, slot, &opts, &nopts);
    if (rc) return rc;
    const ty_words *w = c->words;
    ty_buf b;
    ty_buf_init(&b, c->pb->alloc);
    if (slot->type == TY_SLOT_CHOICE && nopts >= 2 && nopts <= 3) {
        rc = ty_buf_puts(&b, w->question_open);
        for (size_t i = 0; !rc && i < nopts; i++) {
            if (i) rc = ty_buf_puts(&b, i + 1 == nopts ? " " : ", ");
            if (!rc && i && i + 1 == nopts) rc = ty_buf_puts(&b, w->or_word), rc = rc ? rc : ty_buf_putc(&b, ' ');
            if (!rc) rc = ty_buf_append(&b, opts[i].title, opts[i].title_len);
        }
        if (!rc) rc = ty_buf_putc(&b, '?');
    } else if (step->say >= 0) {
        const ty_pb_template *t = flow_tpl(c, step->say);
        rc = flow_render_into(c, step->say, flow_pick(c, t, c->st.flow, c->st.step), opts, nopts, &b, 1);
        flow_str q = rc ? (flow_str){"", 0} : flow_last_question(b.ptr ? b.ptr : "", b.len);
        if (!rc && q.n) memmove(b.ptr, q.s, q.n);
        b.len = q.n;
    }
    if (!rc && b.len) *out = ty_val_string(c->tmp, b.ptr, b.len);
    if (!rc && b.len && !*out) rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
    ty_buf_free(&b);
    return rc;
}

/* Renders template ti for step (flow, step) with the current ask's options
 * into a new string in the output doc (*out). */
static int flow_render_text(flow_cx *c, int32_t ti, int32_t flow, int32_t step, const ty_option *opts, size_t nopts,
                            ty_value **out) {
    int rc = flow_render_buf(c, ti, flow_pick(c, flow_tpl(c, ti), flow, step), opts, nopts);
    if (rc) return rc;
    *out = ty_val_string(c->out, c->buf.ptr ? c->buf.ptr : "", c->buf.len);
    return *out ? TY_OK : ty_err_nomem(c->err, TY_DOMAIN_TEMPLATE);
}

/* True when the bot already sent text[0..n) in the transcript: anywhere in
 * it when `all`, else in this step or in the step before the customer's
 * message (what the customer has just read). Texts over the kept length
 * compare by the part kept. */
static bool flow_said(const flow_cx *c, const char *text, size_t n, bool all) {
    bool before = false; /* past the customer's message */
    int64_t batch = -1;  /* the time of the step before it */
    for (int i = c->st.nturns - 1; i >= 0; i--) {
        const flow_turn *t = &c->st.turns[i];
        if (!t->bot) {
            if (before && !all) break;
            before = true;
            continue;
        }
        if (before && !all) {
            if (batch < 0) batch = t->at;
            if (t->at != batch) break;
        }
        if (t->text.n == n && memcmp(t->text.s, text, n) == 0) return true;
        if (n > TY_FLOW_MAX_TURN_TEXT && t->text.n > 3 && t->text.n - 3 <= n &&
            memcmp(t->text.s, text, t->text.n - 3) == 0)
            return true;
    }
    return false;
}

/* The bot's last message in the transcript, or an empty string. */
static flow_str flow_last_said(const flow_cx *c) {
    for (int i = c->st.nturns - 1; i >= 0; i--)
        if (c->st.turns[i].bot) return c->st.turns[i].text;
    return (flow_str){"", 0};
}

/* [{"id", "title"}] of opts in the output doc (choices, kept options);
 * NULL on OOM. */
static ty_value *flow_option_list(flow_cx *c, const ty_option *opts, size_t n) {
    int rc = TY_OK;
    ty_value *list = ty_val_list(c->out);
    for (size_t i = 0; i < n; i++) {
        ty_value *o = ty_val_map(c->out);
        flow_put(c, o, "id", ty_val_string(c->out, opts[i].id, opts[i].id_len), &rc);
        flow_put(c, o, "title", ty_val_string(c->out, opts[i].title, opts[i].title_len), &rc);
        flow_push(c, list, o, &rc);
    }
    return rc ? NULL : list;
}

/* Appends a send action {type, text, choices, template, variant, step}
 * and the bot's turn; c->sent becomes w. */
/* {"name", "language", "parameters"} of the WhatsApp template approved for
 * the template w names (channels.whatsapp.templates), its parameters
 * rendered now like the text; NULL (and *rc untouched) when it has none. */
static ty_value *flow_whatsapp_template(flow_cx *c, const flow_wording *w, const ty_option *opts, size_t nopts,
                                        int *rc) {
    if (!c->pb->has_whatsapp_templates || !w->tpl || !strcmp(w->variant, "builtin")) return NULL;
    int32_t ti = ty_pb_template_find(c->pb, w->tpl, w->tpl_len);
    const ty_pb_wa_template *wa = ti >= 0 ? c->pb->templates[ti].whatsapp : NULL;
    if (!wa) return NULL;
    ty_value *m = ty_val_map(c->out), *params = ty_val_list(c->out);
    flow_put(c, m, "name", ty_val_string(c->out, wa->name, wa->name_len), rc);
    flow_put(c, m, "language", ty_val_string(c->out, wa->language, wa->language_len), rc);
    ty_buf b;
    ty_buf_init(&b, c->pb->alloc);
    for (size_t i = 0; !*rc && i < wa->nparams; i++) {
        if ((*rc = flow_render_named(c, c->pb->templates[ti].name, wa->params[i], opts, nopts, &b, 0))) break;
        flow_push(c, params, ty_val_string(c->out, b.ptr ? b.ptr : "", b.len), rc);
    }
    ty_buf_free(&b);
    flow_put(c, m, "parameters", params, rc);
    return m;
}

static int flow_emit(flow_cx *c, ty_value *text, const ty_option *opts, size_t nopts, const flow_wording *w,
                     int32_t flow, int32_t step) {
    int rc = TY_OK;
    ty_value *a = ty_val_map_sized(c->out, 8);
    flow_put(c, a, "type", ty_val_string(c->out, "send", 4), &rc);
    flow_put(c, a, "text", text, &rc);
    flow_put(c, a, "choices", flow_option_list(c, opts, nopts), &rc);
    flow_put_wording(c, a, w, &rc);
    flow_put(c, a, "step", flow_v_step(c, flow, step), &rc);
    ty_value *wa = flow_whatsapp_template(c, w, opts, nopts, &rc);
    if (wa) flow_put(c, a, "whatsapp_template", wa, &rc);
    if (rc && rc != TY_E_NOMEM) return rc; /* a parameter that cannot render (its error is set) */
    flow_push(c, c->actions, a, &rc);
    c->sent = *w;
    if (!rc) {
        size_t n;
        const char *s2 = ty_value_string(text, &n);
        rc = flow_turn_add(c, true, s2, n);
    }
    return rc ? ty_err_nomem(c->err, TY_DOMAIN_NONE) : TY_OK;
}

/* lead + " " + c->buf as a new string of the output doc (just c->buf
 * without a lead). */
static ty_value *flow_led(flow_cx *c, const char *lead) {
    const char *b = c->buf.ptr ? c->buf.ptr : "";
    if (!lead) return ty_val_string(c->out, b, c->buf.len);
    size_t ln = strlen(lead), n = ln + 1 + c->buf.len;
    char *t = ty_arena_alloc(ty_doc_arena(c->out), n + 1);
    if (!t) return NULL;
    memcpy(t, lead, ln);
    t[ln] = ' ';
    memcpy(t + ln + 1, b, c->buf.len);
    t[n] = '\0';
    return ty_val_string(c->out, t, n);
}

/* The two quick replies of a confirming question, in the playbook's
 * language. */
static void flow_yes_no(const flow_cx *c, ty_option yn[2]) {
    memset(yn, 0, 2 * sizeof *yn);
    yn[0].id = "yes";
    yn[0].id_len = 3;
    yn[0].title = c->judge->yes_title;
    yn[0].title_len = strlen(yn[0].title);
    yn[1].id = "no";
    yn[1].id_len = 2;
    yn[1].title = c->judge->no_title;
    yn[1].title_len = strlen(yn[1].title);
}

/* What an ask offers as quick replies (and as {{#options}}): a choice
 * slot's options, Yes and No for a yes/no slot, else none. */
static int flow_offer(flow_cx *c, const ty_slot *ask, const ty_option **opts, size_t *n) {
    if (!ask || ask->type != TY_SLOT_YESNO) return flow_options(c, ask, opts, n);
    ty_option *yn = ty_arena_alloc(c->scratch, 2 * sizeof *yn);
    if (!yn) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    flow_yes_no(c, yn);
    *opts = yn;
    *n = 2;
    return TY_OK;
}

/* Sends template ti as step (flow, step), offering `ask`'s options as
 * choices (flow_offer). In reply to a message, never the same
 * text the customer has just read (nor, for a question asked again, any
 * text still in the transcript): another variant is taken, then the "back"
 * lead before it. Follow-ups and resumes send as written. `lead` (may be
 * NULL) is put before the text whatever it is. */
static int flow_send_led(flow_cx *c, int32_t ti, int32_t flow, int32_t step, const ty_slot *ask, const char *lead,
                         bool reask) {
    const ty_option *opts = NULL;
    size_t nopts = 0;
    int rc = flow_offer(c, ask, &opts, &nopts);
    if (rc) return rc;
    const ty_pb_template *t = flow_tpl(c, ti);
    const ty_template *first = flow_pick(c, t, flow, step);
    /* candidates: the picked text, then the other texts (a channel's own
     * text has none), each plain and then after the lead */
    const ty_template *cands[1 + 32];
    size_t nc = 0;
    cands[nc++] = first;
    bool is_channel = false;
    for (int k = 0; k < TY_PB_CHANNEL_COUNT; k++) is_channel |= first == t->channels[k];
    for (size_t i = 0; !is_channel && i <= t->nvariants && nc < 33; i++) {
        const ty_template *x = i == 0 ? t->text : t->variants[i - 1];
        if (x != first) cands[nc++] = x;
    }
    bool all = reask && step >= 0 && ask != NULL;
    if (c->ev.type != FLOW_EV_MESSAGE && !lead) nc = 1; /* as written, no lead */
    const char *back = c->ev.type == FLOW_EV_MESSAGE ? c->judge->back_lead : NULL;
    flow_str last = flow_last_said(c);
    ty_value *text = NULL, *fallback = NULL;
    const ty_template *used = first, *fallback_used = first;
    for (size_t j = 0; j < 2 * nc && !text; j++) {
        const char *l = lead ? lead : j >= nc ? back : NULL;
        if ((lead || !back) && j >= nc) break;
        if ((rc = flow_render_buf(c, ti, cands[j % nc], opts, nopts))) return rc;
        ty_value *v = flow_led(c, l);
        if (!v) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
        size_t n;
        const char *s2 = ty_value_string(v, &n);
        if (!flow_said(c, s2, n, all)) {
            text = v;
            used = cands[j % nc];
        } else if (!fallback && !(last.n == n && memcmp(last.s, s2, n) == 0)) {
            fallback = v;
            fallback_used = cands[j % nc];
        }
    }
    if (!text) {
        text = fallback;
        used = fallback_used;
    }
    if (!text) { /* every wording was just sent: the first, after the lead */
        if ((rc = flow_render_buf(c, ti, first, opts, nopts))) return rc;
        if (!(text = flow_led(c, lead ? lead : back))) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
        used = first;
    }
    flow_wording w;
    flow_wording_of(c, t, used, &w);
    return flow_emit(c, text, opts, nopts, &w, flow, step);
}

static int flow_send(flow_cx *c, int32_t ti, int32_t flow, int32_t step, const ty_slot *ask) {
    const char *lead = ask ? c->lead : NULL;
    bool reask = ask && (c->reasking || (c->st.flow == flow && c->st.step == step));
    if (ask) {
        c->lead = NULL;
        c->reasking = false;
    }
    return flow_send_led(c, ti, flow, step, ask, lead, reask);
}

/* The wording of built-in message `name`: "builtin" when the playbook has
 * no template ti of that name, else its text (or, when `picked`, the
 * wording flow_pick gives outside any step). */
static flow_wording flow_builtin_wording(flow_cx *c, const char *name, int32_t ti, bool picked) {
    flow_wording w = {name, strlen(name), "builtin"};
    if (ti < 0) return w;
    const ty_pb_template *t = flow_tpl(c, ti);
    flow_wording_of(c, t, picked ? flow_pick(c, t, -1, -1) : t->text, &w);
    return w;
}

/* Sends a built-in message: the playbook's template of that reserved name
 * when it has one, else the text of the playbook language's table. With
 * `yesno`, Yes/No quick replies go with it. */
static int flow_send_builtin(flow_cx *c, const char *name, const char *text, bool yesno) {
    ty_option yn[2];
    flow_yes_no(c, yn);
    int32_t ti = ty_pb_template_find(c->pb, name, strlen(name));
    ty_value *v = NULL;
    flow_wording w = flow_builtin_wording(c, name, ti, false);
    if (ti >= 0) {
        int rc = flow_render_buf(c, ti, flow_tpl(c, ti)->text, yesno ? yn : NULL, yesno ? 2 : 0);
        if (rc) return rc;
        v = flow_led(c, NULL);
    } else {
        v = ty_val_string(c->out, text, strlen(text));
    }
    if (!v) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    return flow_emit(c, v, yesno ? yn : NULL, yesno ? 2 : 0, &w, -1, -1);
}

/* ===================================================================== *
 * Days and times the business cannot take
 * ===================================================================== */

/* Renders the built-in message `name` into dst: the playbook's template of
 * that name when it has one, else `text` from the language's table. */
static int flow_render_builtin(flow_cx *c, const char *name, const char *text, const ty_option *opts, size_t nopts,
                               ty_buf *dst) {
    int32_t ti = ty_pb_template_find(c->pb, name, strlen(name));
    if (ti >= 0) return flow_render_into(c, ti, flow_pick(c, flow_tpl(c, ti), -1, -1), opts, nopts, dst, 0);
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    ty_error te;
    ty_template *tpl = ty_pb_compile_text(c->pb, text, strlen(text), &o, &te);
    if (!tpl) return te.code == TY_E_NOMEM ? ty_err_nomem(c->err, TY_DOMAIN_TEMPLATE)
                                           : ty_err_set(c->err, TY_DOMAIN_TEMPLATE, te.code, "%s: %s", name, te.message);
    int rc = flow_render_named(c, name, tpl, opts, nopts, dst, 0);
    ty_template_free(tpl);
    return rc;
}

/* The alternatives to offer for c->refusal: the open days, or the open
 * times of that day, nearest to the one refused, as options in scratch. */
static int flow_alternatives(flow_cx *c, ty_option **out, size_t *n) {
    const flow_refusal *r = &c->refusal;
    const ty_slot *slot = &c->pb->slots[r->slot];
    ty_show_cx sx = flow_show_cx(c);
    int64_t days[2];
    int times[2];
    *n = 0;
    int64_t today = ty_civil_local_day(c->ev.at, flow_offset(c));
    bool far = r->why == TY_BOOK_NO_SUCH_DAY && r->day - today > 62; /* "31 November" in December: ask again */
    if (slot->type == TY_SLOT_DATE && slot->range == TY_RANGE_FUTURE && !far)
        *n = ty_hours_near_days(&c->pb->hours, c->ev.at, r->day, days, 2);
    if (slot->type == TY_SLOT_TIME) *n = ty_hours_near_times(&c->pb->hours, c->ev.at, r->day, r->minutes, times, 2);
    *out = *n ? ty_arena_alloc(c->scratch, *n * sizeof **out) : NULL;
    if (*n && !*out) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    for (size_t i = 0; i < *n; i++) {
        ty_option *o = &(*out)[i];
        memset(o, 0, sizeof *o);
        char id[16];
        if (slot->type == TY_SLOT_DATE) ty_civil_format_iso(days[i], id);
        else snprintf(id, sizeof id, "%02d:%02d", times[i] / 60, times[i] % 60);
        c->showbuf.len = 0;
        int rc = slot->type == TY_SLOT_DATE ? ty_show_date(&sx, days[i], &c->showbuf)
                                            : ty_show_time(&sx, times[i], &c->showbuf);
        o->id = ty_arena_dup(c->scratch, id, strlen(id));
        o->id_len = strlen(id);
        o->title = rc ? NULL : ty_arena_dup(c->scratch, c->showbuf.ptr, c->showbuf.len);
        o->title_len = c->showbuf.len;
        if (!o->id || !o->title) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    }
    return TY_OK;
}

/* The values a refusal renders with: {{when}}, {{date}}, {{time}},
 * {{hours}} (the day's opening), {{month}} and {{days}}. */
static int flow_refusal_values(flow_cx *c, ty_value **out) {
    const flow_refusal *r = &c->refusal;
    ty_show_cx sx = flow_show_cx(c);
    ty_hours_day day = ty_hours_on(&c->pb->hours, r->day);
    int from[TY_HOURS_MAX_RANGES], to[TY_HOURS_MAX_RANGES];
    for (int i = 0; i < day.n; i++) from[i] = day.r[i].from, to[i] = day.r[i].to;
    int64_t y;
    int m, d;
    ty_civil_date(r->day, &y, &m, &d);
    ty_value *map = ty_val_map(c->tmp);
    if (!map) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    static const char *const keys[] = {"when", "date", "time", "hours"};
    int rc = TY_OK;
    for (int k = 0; !rc && k < 4; k++) {
        ty_buf *b = &c->showbuf;
        b->len = 0;
        rc = k == 0   ? ty_show_when(&sx, r->day, b)
             : k == 1 ? ty_show_date(&sx, r->day, b)
             : k == 2 ? (r->minutes >= 0 ? ty_show_time(&sx, r->minutes, b) : TY_OK)
                      : ty_show_ranges(&sx, from, to, (size_t)day.n, b);
        ty_value *v = rc ? NULL : ty_val_string(c->tmp, b->ptr ? b->ptr : "", b->len);
        if (!v || ty_map_put(c->tmp, map, keys[k], strlen(keys[k]), v)) rc = TY_E_NOMEM;
    }
    const char *month = c->words->months[m - 1];
    ty_value *mv = ty_val_string(c->tmp, month, strlen(month));
    ty_value *dv = ty_val_number(c->tmp, ty_civil_month_days(y, m));
    if (rc || !mv || !dv || ty_map_put_nocopy(c->tmp, map, "month", 5, mv) || ty_map_put_nocopy(c->tmp, map, "days", 4, dv))
        return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    *out = map;
    return TY_OK;
}

/* Tells the customer why c->refusal cannot be taken and offers the
 * nearest days or times that can (as choices), as step (f, s). *kept gets
 * the offer as a state options list (in the output doc) so the reply can
 * pick one, or NULL when nothing is offered. */
static int flow_refuse(flow_cx *c, int32_t f, int32_t s, const ty_value **kept) {
    static const int whys[] = {TY_BOOK_PASSED,      TY_BOOK_FUTURE,      TY_BOOK_CLOSED,      TY_BOOK_TOO_SOON,
                               TY_BOOK_TIME_CLOSED, TY_BOOK_TIME_PASSED, TY_BOOK_NO_SUCH_DAY, TY_BOOK_TOO_SOON};
    static const char *const names[] = {"date_passed", "date_future", "date_closed",  "date_too_soon",
                                        "time_closed", "time_passed", "date_invalid", "time_too_soon"};
    const ty_words *w = c->words;
    const char *texts[] = {w->date_passed, w->date_future, w->date_closed,  w->date_too_soon,
                           w->time_closed, w->time_passed, w->date_invalid, w->time_too_soon};
    size_t k = 0;
    while (k + 1 < sizeof whys / sizeof whys[0] && whys[k] != c->refusal.why) k++;
    if (c->refusal.minutes >= 0 && c->refusal.why == TY_BOOK_TOO_SOON) k = 7; /* a time, not a day */
    ty_option *alts;
    size_t nalts;
    ty_value *values = NULL; /* set when rc is 0; gcc -O1 cannot tell */
    int rc = flow_alternatives(c, &alts, &nalts);
    if (!rc) rc = flow_refusal_values(c, &values);
    if (rc) return rc;
    c->extra = values;
    ty_buf why;
    ty_buf_init(&why, c->pb->alloc);
    rc = flow_render_builtin(c, names[k], texts[k], alts, nalts, &why);
    c->buf.len = 0;
    if (!rc && c->refusal.why != TY_BOOK_FUTURE) /* that one asks its own question */
        rc = flow_render_builtin(c, nalts ? "offer" : "offer_none", nalts ? w->offer : w->offer_none, alts, nalts,
                                      &c->buf);
    c->extra = NULL;
    ty_value *text = NULL;
    if (!rc) {
        if (c->buf.len) rc = ty_buf_putc(&why, ' ');
        if (!rc) rc = ty_buf_append(&why, c->buf.ptr ? c->buf.ptr : "", c->buf.len);
        if (!rc && !(text = ty_val_string(c->out, why.ptr, why.len))) rc = TY_E_NOMEM;
        if (rc) rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
    }
    ty_buf_free(&why);
    int32_t ti = ty_pb_template_find(c->pb, names[k], strlen(names[k]));
    flow_wording said = flow_builtin_wording(c, names[k], ti, true);
    if (!rc) rc = flow_emit(c, text, alts, nalts, &said, f, s);
    *kept = NULL;
    if (rc || !nalts) return rc;
    if (!(*kept = flow_option_list(c, alts, nalts))) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    return TY_OK;
}

/* ===================================================================== *
 * Slot values
 * ===================================================================== */

/* The intent whose keyword the whole normalised message is, or -1. */
static int32_t flow_keyword(const flow_cx *c) {
    const ty_playbook *pb = c->pb;
    size_t lo = 0, hi = pb->nkeywords;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ty_pb_keyword *k = &pb->keywords[mid];
        size_t m = k->len < c->norm_len ? k->len : c->norm_len;
        int r = m ? memcmp(k->norm, c->norm, m) : 0;
        if (!r) r = k->len < c->norm_len ? -1 : k->len > c->norm_len ? 1 : 0;
        if (r < 0) lo = mid + 1;
        else hi = mid;
    }
    if (lo < pb->nkeywords && pb->keywords[lo].len == c->norm_len &&
        (c->norm_len == 0 || memcmp(pb->keywords[lo].norm, c->norm, c->norm_len) == 0))
        return (int32_t)pb->keywords[lo].intent;
    return -1;
}

/* True when the business can take v for date or time slot si (any other
 * slot: always): a date of the slot's range that is open and outside the
 * lead time; a time inside the opening hours of the day its date slot holds
 * and not already past. The first value refused in a step is kept in
 * c->refusal, for flow_refuse to explain. */
static bool flow_bookable(flow_cx *c, int32_t si, const ty_value *v) {
    const ty_slot *slot = &c->pb->slots[si];
    const ty_hours *h = &c->pb->hours;
    size_t n;
    const char *s = ty_value_string(v, &n);
    int64_t z = 0;
    int minutes = -1, why = TY_BOOK_OK;
    if (slot->type == TY_SLOT_DATE && ty_civil_parse_iso(s, n, &z)) {
        why = ty_hours_check_date(h, c->ev.at, z, slot->range, slot->hours);
    } else if (slot->type == TY_SLOT_TIME && slot->hours && slot->date_slot >= 0 && c->st.slots[slot->date_slot] &&
               ty_pb_parse_clock(s, n, &minutes)) {
        const ty_slot *ds = &c->pb->slots[slot->date_slot];
        size_t dn;
        const char *d = ty_value_string(c->st.slots[slot->date_slot], &dn);
        if (ds->range == TY_RANGE_FUTURE && ds->hours && ty_civil_parse_iso(d, dn, &z))
            why = ty_hours_check_time(h, c->ev.at, z, minutes);
    }
    if (why == TY_BOOK_OK) return true;
    if (!c->refusal.set) {
        c->refusal.set = true;
        c->refusal.slot = si;
        c->refusal.why = why;
        c->refusal.day = z;
        c->refusal.minutes = minutes;
    }
    return false;
}

/* The value to store for a recognised value of slot si (NULL: not storable:
 * an unknown option, or over TY_FLOW_MAX_VALUE). A choice becomes
 * {"id","title"}. Sets *rc on OOM. */
static const ty_value *flow_store_value(flow_cx *c, int32_t si, const ty_value *v, int *rc) {
    const ty_slot *slot = &c->pb->slots[si];
    ty_value *out = NULL;
    if (slot->type == TY_SLOT_CHOICE) {
        size_t n, nopts;
        const char *id = ty_value_string(v, &n);
        const ty_option *opts;
        if (!id) return NULL;
        if ((*rc = flow_options(c, slot, &opts, &nopts))) return NULL;
        for (size_t i = 0; i < nopts; i++) {
            if (opts[i].id_len != n || memcmp(opts[i].id, id, n) != 0) continue;
            out = ty_val_map(c->out);
            flow_put(c, out, "id", ty_val_string(c->out, opts[i].id, opts[i].id_len), rc);
            flow_put(c, out, "title", ty_val_string(c->out, opts[i].title, opts[i].title_len), rc);
            break;
        }
        if (!out) return NULL;
    } else {
        out = ty_val_copy(c->out, v);
        if (!out) *rc = TY_E_NOMEM;
    }
    if (*rc) {
        if (*rc == TY_E_NOMEM) ty_err_nomem(c->err, TY_DOMAIN_NONE);
        return NULL;
    }
    if (flow_check_value(slot, out)) return NULL; /* too large, or a shape the state could not read back */
    if (!flow_bookable(c, si, out)) return NULL;  /* a day or time the business cannot take */
    return out;
}

/* The key a `next` map is looked up by: a choice's id, "yes"/"no". */
static flow_str flow_answer_key(const ty_slot *slot, const ty_value *v) {
    flow_str k = {NULL, 0};
    if (slot->type == TY_SLOT_CHOICE) k.s = ty_value_string(ty_value_get(v, "id", 2), &k.n);
    else if (slot->type == TY_SLOT_YESNO) k.s = ty_value_string(v, &k.n);
    return k;
}

/* True when a step of flow f asks slot si. */
static bool flow_asks(const ty_playbook *pb, int32_t f, int32_t si) {
    if (f < 0) return false;
    for (size_t i = 0; i < pb->flows[f].nsteps; i++)
        if (pb->flows[f].steps[i].ask == si) return true;
    return false;
}

/* The slot an entity of a match is for, or -1. */
static int32_t flow_entity_slot(const flow_cx *c, const ty_value *e) {
    size_t n;
    const char *name = ty_value_string(ty_value_get(e, "slot", 4), &n);
    return name ? ty_pb_slot_find(c->pb, name, n) : -1;
}

/* True when entity e lies inside the words that answered the pending ask
 * (c->answer_start..end): "mañana" that answered the day is not also the
 * morning. */
static bool flow_in_answer(const flow_cx *c, const ty_value *e) {
    int64_t s0, s1;
    if (c->answer_end <= c->answer_start || !flow_int(ty_value_get(e, "start", 5), &s0) ||
        !flow_int(ty_value_get(e, "end", 3), &s1))
        return false;
    return s0 >= c->answer_start && s1 <= c->answer_end;
}

/* Byte offset of code point cp in s[0..n) (n past the end). */
static size_t flow_cp_byte(const char *s, size_t n, int64_t cp) {
    size_t i = 0;
    for (int64_t k = 0; k < cp && i < n; k++) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
    }
    return i;
}

/* True when s[i] starts a break: a sentence ends at . ? ! or a line end;
 * with `clause`, also at , ; : and a Spanish ¿ or ¡ opens a new one. */
static bool flow_break_at(const char *s, size_t n, size_t i, bool clause) {
    char ch = s[i];
    if (ch == '.' || ch == '?' || ch == '!' || ch == '\n') return true;
    if (clause && (ch == ',' || ch == ';' || ch == ':')) return true;
    return (unsigned char)ch == 0xC2 && i + 1 < n && ((unsigned char)s[i + 1] == 0xBF || (unsigned char)s[i + 1] == 0xA1);
}

#define FLOW_SPAN_MAX 256

/* True when s[0..b) ends with a Spanish opening mark, ¿ or ¡ (two bytes). */
static bool flow_opener_before(const char *s, size_t b) {
    return b >= 2 && (unsigned char)s[b - 2] == 0xC2 &&
           ((unsigned char)s[b - 1] == 0xBF || (unsigned char)s[b - 1] == 0xA1);
}

/* The sentence (or clause) of s[0..n) around byte at, normalised into the
 * scratch arena; *marked when it carries a question mark. NULL on OOM. */
static const char *flow_span_norm(flow_cx *c, const char *s, size_t n, size_t at, bool clause, bool *marked,
                                  size_t *out_n) {
    size_t b0 = at, b1 = at;
    /* at most FLOW_SPAN_MAX bytes either side: words further away say
     * nothing of this value, and long texts stay linear */
    size_t lo = at > FLOW_SPAN_MAX ? at - FLOW_SPAN_MAX : 0, hi = n - at > FLOW_SPAN_MAX ? at + FLOW_SPAN_MAX : n;
    while (b0 > lo && !flow_break_at(s, n, b0 - 1, clause) && !flow_opener_before(s, b0)) b0--;
    while (b1 < hi && !flow_break_at(s, n, b1, clause)) b1++;
    while (b0 < at && ((unsigned char)s[b0] & 0xC0) == 0x80) b0++; /* whole code points */
    while (b1 > at && b1 < n && ((unsigned char)s[b1] & 0xC0) == 0x80) b1--;
    *marked = (b1 < n && s[b1] == '?') || (flow_opener_before(s, b0) && (unsigned char)s[b0 - 1] == 0xBF);
    return ty_text_normalize(s + b0, b1 - b0, c->scratch, out_n);
}

/* True when entity e (a date or time read from c->read) sits in a clause
 * that speaks of a habit ("mostly trails at the weekend"). */
static bool flow_habitual(flow_cx *c, const ty_value *e, int *rc) {
    int64_t cp;
    if (!c->read.s || !flow_int(ty_value_get(e, "start", 5), &cp)) return false;
    bool marked;
    size_t n;
    const char *norm = flow_span_norm(c, c->read.s, c->read.n, flow_cp_byte(c->read.s, c->read.n, cp), true, &marked, &n);
    if (!norm) *rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
    return norm && ty_judge_habitual(norm, n);
}

/* True when the sentence of the message holding code point cp asks a
 * question back instead of answering ("¿qué tiempo hará el sábado?"). */
static bool flow_asks_back_at(flow_cx *c, int64_t cp, int *rc) {
    bool marked;
    size_t n;
    const char *norm = flow_span_norm(c, c->ev.text.s, c->ev.text.n, flow_cp_byte(c->ev.text.s, c->ev.text.n, cp),
                                      false, &marked, &n);
    if (!norm) *rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
    return norm && ty_judge_asks_back(norm, n, marked);
}

/* True when every sentence of the message that says more than a greeting
 * asks a question back (then no entity in it answers the pending ask). */
static bool flow_only_asks_back(flow_cx *c, int *rc) {
    const char *s = c->ev.text.s;
    size_t n = c->ev.text.n, i = 0;
    bool any = false;
    while (i < n && !*rc) {
        bool marked;
        size_t nn, j = i;
        while (j < n && !flow_break_at(s, n, j, false)) j++;
        const char *norm = flow_span_norm(c, s, n, i, false, &marked, &nn);
        bool says = norm && ty_judge_opening(norm, nn) < nn; /* more than a greeting */
        if (!norm) *rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
        else if (says && !ty_judge_asks_back(norm, nn, marked)) return false;
        any |= says;
        i = j + ((j < n && (unsigned char)s[j] == 0xC2) ? 2 : 1);
    }
    return any && !*rc;
}

/* True when entity e is for a date or time slot and speaks of a habit. */
static bool flow_habit_entity(flow_cx *c, int32_t si, const ty_value *e, int *rc) {
    ty_slot_type ty = c->pb->slots[si].type;
    return (ty == TY_SLOT_DATE || ty == TY_SLOT_TIME) && flow_habitual(c, e, rc);
}

/* Fills unfilled slots from a match's entities (not `skip`, the slot being
 * answered). A choice slot is filled only when flow f1 or f2 (the flows
 * the message is about) asks it: option synonyms are everyday words ("see
 * prices" must not answer an unrelated "price or fit?" menu), while dates,
 * times, numbers, emails and the like are specific enough to keep for any
 * later flow; with `any_asked`, every slot needs f1 or f2 to ask it. */
static int flow_fill_from(flow_cx *c, const ty_value *m, int32_t skip, int32_t f1, int32_t f2, bool any_asked) {
    const ty_value *ents = ty_value_get(m, "entities", 8);
    for (size_t i = 0; i < ty_value_count(ents); i++) {
        const ty_value *e = ty_value_item(ents, i);
        int32_t si = flow_entity_slot(c, e);
        if (si < 0 || si == skip || c->st.slots[si] || flow_in_answer(c, e)) continue;
        if ((any_asked || c->pb->slots[si].type == TY_SLOT_CHOICE) && !flow_asks(c->pb, f1, si) &&
            !flow_asks(c->pb, f2, si))
            continue;
        int rc = TY_OK;
        if (flow_habit_entity(c, si, e, &rc) || rc) {
            if (rc) return rc;
            continue;
        }
        const ty_value *v = flow_store_value(c, si, ty_value_get(e, "value", 5), &rc);
        if (rc) return rc;
        if (v) c->st.slots[si] = v;
    }
    return TY_OK;
}

/* Entities fill free slots (flow_fill_from; choices only for f1, f2). */
static int flow_fill_entities(flow_cx *c, const ty_value *m, int32_t skip, int32_t f1, int32_t f2) {
    return flow_fill_from(c, m, skip, f1, f2, false);
}

/* Entities fill only the slots flow f asks (a question into f). */
static int flow_fill_asked(flow_cx *c, const ty_value *m, int32_t f) {
    return flow_fill_from(c, m, -1, f, -1, true);
}

/* The matcher's input for text[0..n) at this event's time and offset. */
static ty_input flow_input(const flow_cx *c, const char *text, size_t n) {
    ty_input in;
    memset(&in, 0, sizeof in);
    in.text = text;
    in.len = n;
    in.at = c->ev.at;
    in.has_at = 1;
    in.utc_offset = flow_offset(c);
    in.has_offset = 1;
    return in;
}

/* Runs the playbook's matcher over text[0..n) (the message or a rewrite of
 * it) with the parts chosen by o. Caller frees *out. */
static int flow_match(flow_cx *c, const ty_pb_match_opts *o, const char *text, size_t n, ty_doc **out) {
    ty_input in = flow_input(c, text, n);
    ty_pb_match_opts lo = *o; /* answers read with the conversation's language first */
    if (!lo.locale && c->lang->locale != c->pb->locale) lo.locale = c->lang->locale;
    if (c->has_toks && text == c->ev.text.s && n == c->ev.text.n) lo.toks = &c->toks; /* the message's, made once */
    o = &lo;
    int rc = flow_match_data(c, flow_step_slot(c->pb, c->st.flow, c->st.step), &in.data);
    if (rc) return rc;
    *out = ty_pb_match_ex(c->pb, &in, o, c->err);
    if (!*out) {
        if (c->err && c->err->code == TY_E_EVENT) flow_data_error(c, TY_E_EVENT);
        return c->err && c->err->code ? c->err->code : TY_E_NOMEM;
    }
    return TY_OK;
}

/* ===================================================================== *
 * Moving through flows
 * ===================================================================== */

static int flow_run(flow_cx *c, int32_t f, int32_t s, const flow_frame *hint);

static void flow_clear_pending(flow_cx *c) {
    c->st.flow = c->st.step = -1;
    c->st.asked_at = -1;
    c->st.options = NULL;
    c->st.reprompts = 0;
}

/* Takes flow f off the suspended stack (with everything suspended after
 * it): entering it again resumes it. Returns its frame in *out. */
static bool flow_unstack(flow_cx *c, int32_t f, flow_frame *out) {
    for (int i = 0; i < c->st.nstack; i++) {
        if (c->st.stack[i].flow != f) continue;
        *out = c->st.stack[i];
        c->st.nstack = i;
        return true;
    }
    return false;
}

/* Ends the conversation with an outcome (an `end` step, or no_response
 * at the pending step). */
static int flow_close(flow_cx *c, const char *outcome, size_t n, int32_t f, int32_t s) {
    int rc = TY_OK;
    ty_value *a = ty_val_map(c->out);
    flow_put(c, a, "type", ty_val_string(c->out, "close", 5), &rc);
    flow_put(c, a, "outcome", ty_val_string(c->out, outcome, n), &rc);
    flow_push(c, c->actions, a, &rc);
    ty_value *m = flow_metric(c, "close", f, s, NULL, &rc);
    flow_put(c, m, "outcome", ty_val_string(c->out, outcome, n), &rc);
    if (rc) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    flow_clear_pending(c);
    c->st.status = FLOW_CLOSED;
    c->st.check = FLOW_CHECK_NONE;
    c->st.nstack = 0;
    c->st.due = -1;
    c->st.followups = 0;
    return TY_OK;
}

/* Makes step (f, s) the pending ask and sends its question. A repeat (the
 * same ask again after a digression, a resume) keeps asked_at and emits no
 * `ask` event. */
static int flow_ask(flow_cx *c, int32_t f, int32_t s, const flow_frame *repeat) {
    const ty_pb_step *step = &c->pb->flows[f].steps[s];
    const ty_slot *slot = &c->pb->slots[step->ask];
    const ty_option *opts = NULL;
    size_t nopts = 0;
    int rc = flow_options(c, slot, &opts, &nopts);
    if (rc) return rc;
    if (slot->type == TY_SLOT_CHOICE && nopts == 0) {
        ty_err_path(c->err, "event.data.%.*s", (int)(slot->options_from_len > 64 ? 64 : slot->options_from_len),
                    slot->options_from ? slot->options_from : "");
        return ty_err_set(c->err, TY_DOMAIN_EVENT, TY_E_EVENT,
                          "%s: step \"%s\" of flow \"%s\" asks \"%s\", whose options come from this data; the event "
                          "has none",
                          c->err ? c->err->path : "event.data", step->id, c->pb->flows[f].name, slot->name);
    }
    if (slot->options_from && nopts > TY_FLOW_MAX_OPTIONS) {
        ty_err_path(c->err, "event.data.%.*s", (int)(slot->options_from_len > 64 ? 64 : slot->options_from_len),
                    slot->options_from);
        return ty_err_set(c->err, TY_DOMAIN_EVENT, TY_E_LIMIT, "%s: %zu options; an ask offers at most %d",
                          c->err ? c->err->path : "event.data", nopts, TY_FLOW_MAX_OPTIONS);
    }
    c->reasking = repeat && repeat->flow == f && repeat->step == s;
    const ty_value *kept = NULL;
    bool refused = c->refusal.set && c->refusal.slot == step->ask; /* this message named a day we cannot take */
    if (refused) {
        c->lead = NULL;
        if ((rc = flow_refuse(c, f, s, &kept))) return rc;
        c->refusal.set = false;
    } else if (step->say >= 0 && (rc = flow_send(c, step->say, f, s, slot))) {
        return rc;
    }
    c->reasking = false;
    /* keep the host's options so the reply can be read without them */
    if (slot->options_from) {
        if (ty_value_get(c->ev.data, slot->options_from, slot->options_from_len)) {
            if (!(kept = flow_option_list(c, opts, nopts))) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
        } else {
            kept = c->st.options;
        }
    }
    bool again = repeat && repeat->flow == f && repeat->step == s;
    int keep_reprompts = again && c->st.flow == f && c->st.step == s ? c->st.reprompts : 0;
    c->st.flow = f;
    c->st.step = s;
    c->st.options = kept;
    c->st.reprompts = keep_reprompts;
    c->st.asked_at = again ? repeat->asked_at : c->ev.at;
    if (!again) flow_metric(c, "ask", f, s, NULL, &rc);
    return rc ? ty_err_nomem(c->err, TY_DOMAIN_NONE) : TY_OK;
}

/* A flow ran past its last step: the innermost suspended ask comes back,
 * or the conversation idles. */
static int flow_finish(flow_cx *c) {
    flow_clear_pending(c);
    if (c->st.nstack == 0) return TY_OK;
    flow_frame fr = c->st.stack[--c->st.nstack];
    c->st.intent = fr.intent;
    return flow_run(c, fr.flow, fr.step, &fr);
}

/* Entering flow f by "@flow": a suspended ask of f resumes (its frame goes
 * to *fr, returns true); otherwise the round's intent becomes the first
 * intent that starts f, so summaries name what the customer is doing now. */
static bool flow_jump(flow_cx *c, int32_t f, flow_frame *fr) {
    if (flow_unstack(c, f, fr)) {
        c->st.intent = fr->intent;
        return true;
    }
    for (size_t i = 0; i < c->pb->nintents; i++) {
        if (c->pb->intents[i].flow == f) {
            c->st.intent = (int32_t)i;
            break;
        }
    }
    return false;
}

/* Follows a target: none (flow over), a step of this flow, or "@flow". */
static int flow_goto(flow_cx *c, ty_pb_target t, bool none) {
    if (none) return flow_finish(c);
    flow_frame fr;
    const flow_frame *hint = t.jump && flow_jump(c, t.flow, &fr) ? &fr : NULL;
    flow_clear_pending(c);
    return flow_run(c, t.flow, t.step, hint);
}

/* Where step (f, s) leads given the answer key (may be empty). *none when
 * the flow is over. */
static ty_pb_target flow_next(const flow_cx *c, int32_t f, int32_t s, flow_str key, bool *none) {
    const ty_pb_step *st = &c->pb->flows[f].steps[s];
    ty_pb_target t = {f, s + 1, false};
    *none = false;
    if (key.s)
        for (size_t i = 0; i < st->nbranches; i++)
            if (st->branches[i].answer_len == key.n && memcmp(st->branches[i].answer, key.s, key.n) == 0)
                return st->branches[i].to;
    if (st->has_next) return st->next;
    if ((size_t)(s + 1) >= c->pb->flows[f].nsteps) *none = true;
    return t;
}

/* Gives the slots of a step's "set" their values (a recommendation fills
 * what it recommends, so the booking after it does not ask again). */
static int flow_apply_sets(flow_cx *c, const ty_pb_step *st) {
    for (size_t i = 0; i < st->nsets; i++) {
        int rc = TY_OK;
        ty_value *raw = ty_val_string(c->out, st->sets[i].value, st->sets[i].value_len);
        if (!raw) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
        const ty_value *v = flow_store_value(c, st->sets[i].slot, raw, &rc);
        if (rc) return rc;
        if (v) c->st.slots[st->sets[i].slot] = v;
    }
    return TY_OK;
}

/* The booked moment of reminder r (Unix time), from its date slot's day at
 * its time slot's time, else the day's opening, else midnight (the
 * business's day); false when the date slot is not filled. */
static bool flow_booked_at(const flow_cx *c, const ty_pb_reminder *r, int64_t *day, int64_t *out) {
    const ty_playbook *pb = c->pb;
    size_t n;
    const char *s = ty_value_string(c->st.slots[r->date_slot], &n);
    if (!ty_civil_parse_iso(s, n, day)) return false;
    int minutes = 0;
    ty_hours_day open = ty_hours_on(&pb->hours, *day);
    if (r->time_slot >= 0 && (s = ty_value_string(c->st.slots[r->time_slot], &n)) && ty_pb_parse_clock(s, n, &minutes)) {
        /* the time given */
    } else if (pb->hours.set && open.n) {
        minutes = open.r[0].from;
    }
    *out = *day * 86400 + (int64_t)minutes * 60 - pb->utc_offset;
    return true;
}

/* Renders reminder r's text as it will read at `at` into the output doc. */
static int flow_reminder_text(flow_cx *c, const ty_pb_reminder *r, int64_t at, flow_str *out) {
    c->show_at = at;
    int rc = flow_render_buf(c, r->say, flow_pick(c, flow_tpl(c, r->say), -1, -1), NULL, 0);
    c->show_at = -1;
    if (rc) return rc;
    char *t = ty_arena_dup(ty_doc_arena(c->out), c->buf.ptr ? c->buf.ptr : "", c->buf.len);
    if (!t) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    *out = (flow_str){t, c->buf.len};
    return TY_OK;
}

/* {{reminder}}: when the first reminder goes, as a shown value
 * {"text": "Friday 27 November at 6pm", "when": "tomorrow at 6pm"}. */
static int flow_reminder_value(flow_cx *c, int64_t at) {
    ty_show_cx sx = flow_show_cx(c);
    int32_t off = flow_offset(c);
    int64_t z = ty_civil_local_day(at, off);
    int minutes = (int)((at + off - z * 86400) / 60);
    ty_value *m = ty_val_map(c->tmp);
    if (!m) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    for (int k = 0; k < 2; k++) {
        ty_buf *b = &c->showbuf;
        b->len = 0;
        int rc = k ? ty_show_when(&sx, z, b) : ty_show_date(&sx, z, b);
        if (!rc) rc = ty_buf_putc(b, ' ');
        if (!rc) rc = ty_show_time_when(&sx, minutes, b);
        ty_value *v = rc ? NULL : ty_val_string(c->tmp, b->ptr, b->len);
        if (!v || ty_map_put_nocopy(c->tmp, m, k ? "when" : "text", 4, v)) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    }
    c->reminder = m;
    return TY_OK;
}

/* A step's "remind": replaces the reminders waiting with this step's, each
 * at its time (moved out of quiet hours), rendered as it will read then.
 * One whose time has passed, or would not come before the booking, is not
 * scheduled (a reminder is never late), nor one at the same time as an
 * earlier one of the list. */
static int flow_remind(flow_cx *c, const ty_pb_step *step) {
    const ty_playbook *pb = c->pb;
    flow_state *st = &c->st;
    st->nrem = 0;
    c->reminder = NULL;
    for (size_t i = 0; i < step->nreminders; i++) {
        const ty_pb_reminder *r = &step->reminders[i];
        int64_t day, booked, at;
        if (!flow_booked_at(c, r, &day, &booked)) continue;
        if (r->at >= 0) at = (day - r->before / 86400) * 86400 + (int64_t)r->at * 60 - pb->utc_offset;
        else at = booked - r->before;
        if (pb->has_quiet_hours) at = ty_flow_defer(at, flow_offset(c), pb->quiet_from, pb->quiet_to);
        if (at <= c->ev.at || at >= booked || at > TY_FLOW_MAX_TIME) continue;
        bool twice = false; /* two reminders moved to one time: the first is enough */
        for (int k = 0; k < st->nrem; k++) twice |= st->rem[k].at == at;
        if (twice) continue;
        flow_reminder rem = {at, r->say, {NULL, 0}};
        int rc = flow_reminder_text(c, r, at, &rem.text);
        if (rc) return rc;
        int k = st->nrem++;
        while (k > 0 && st->rem[k - 1].at > at) {
            st->rem[k] = st->rem[k - 1];
            k--;
        }
        st->rem[k] = rem;
        rc = TY_OK;
        ty_value *a = ty_val_map(c->out);
        flow_put(c, a, "type", ty_val_string(c->out, "schedule", 8), &rc);
        flow_put(c, a, "at", flow_v_time(c, at), &rc);
        flow_put(c, a, "why", ty_val_string(c->out, "reminder", 8), &rc);
        flow_push(c, c->actions, a, &rc);
        if (rc) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    }
    return st->nrem ? flow_reminder_value(c, st->rem[0].at) : TY_OK;
}

/* Continues at step s of flow f: steps whose slot is filled are skipped,
 * `say` steps send and go on, and it stops at the first ask still to be
 * answered, at an `end`, or past the flow's last step. `hint` marks an ask
 * being repeated (see flow_ask). */
static int flow_run(flow_cx *c, int32_t f, int32_t s, const flow_frame *hint) {
    const ty_playbook *pb = c->pb;
    flow_frame fr;
    for (;;) {
        const ty_pb_step *st = &pb->flows[f].steps[s];
        if (++c->hops > TY_FLOW_MAX_HOPS) {
            ty_err_path(c->err, "flows.%s.steps[%d]", pb->flows[f].name, (int)s);
            return ty_err_set(c->err, TY_DOMAIN_PLAYBOOK, TY_E_LIMIT,
                              "flows.%s.steps[%d]: more than %d steps in one event (the filled slots make the "
                              "flow loop)",
                              pb->flows[f].name, (int)s, TY_FLOW_MAX_HOPS);
        }
        flow_str key = {NULL, 0};
        int rc0 = flow_apply_sets(c, st);
        if (!rc0 && st->has_remind) rc0 = flow_remind(c, st);
        if (rc0) return rc0;
        if (st->ask >= 0) {
            const ty_value *v = c->st.slots[st->ask];
            if (!v) return flow_ask(c, f, s, hint);
            key = flow_answer_key(&pb->slots[st->ask], v);
            if (hint && hint->flow == f && hint->step == s) {
                /* the ask being repeated was answered in passing (an entity
                 * in a digression): that is its commit */
                int rc = TY_OK;
                ty_value *m = flow_metric(c, "commit", f, s, NULL, &rc);
                flow_put(c, m, "latency", ty_val_number(c->out, (double)(c->ev.at - hint->asked_at)), &rc);
                if (rc) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
                hint = NULL;
            }
        } else {
            int rc;
            if (st->say >= 0 && (rc = flow_send(c, st->say, f, s, NULL))) return rc;
            /* an `end` inside a digression ends the digression: the
             * suspended ask comes back; otherwise it closes the round */
            if (st->end && c->st.nstack > 0) return flow_finish(c);
            if (st->end) return flow_close(c, st->end, st->end_len, f, s);
        }
        bool none;
        ty_pb_target t = flow_next(c, f, s, key, &none);
        if (none) return flow_finish(c);
        if (t.jump && flow_jump(c, t.flow, &fr)) hint = &fr;
        f = t.flow;
        s = t.step;
    }
}

/* ===================================================================== *
 * Safe exits: handoff and opt-out
 * ===================================================================== */

/* Appends a slot value the way a person reads it. */
static int flow_show_value(flow_cx *c, const ty_slot *slot, const ty_value *v, ty_buf *b) {
    size_t n;
    const char *s;
    if (slot->type == TY_SLOT_CHOICE && (s = ty_value_string(ty_value_get(v, "title", 5), &n)))
        return ty_buf_append(b, s, n);
    if ((s = ty_value_string(v, &n))) return ty_buf_append(b, s, n);
    if (ty_value_kind(v) == TY_NUMBER) {
        char num[33];
        return ty_buf_append(b, num, ty_format_number(ty_value_number(v), num));
    }
    const ty_value *amount = ty_value_get(v, "amount", 6);
    if (slot->type == TY_SLOT_MONEY && ty_value_kind(amount) == TY_NUMBER) {
        char num[33];
        int rc = ty_buf_append(b, num, ty_format_number(ty_value_number(amount), num));
        if (!rc && (s = ty_value_string(ty_value_get(v, "currency", 8), &n)) && n) {
            rc = ty_buf_putc(b, ' ');
            if (!rc) rc = ty_buf_append(b, s, n);
        }
        return rc;
    }
    (void)c;
    return ty_value_write_json(v, b, NULL);
}

/* The handoff summary: the intent, every filled slot and the pending
 * question, one per line. */
static int flow_summary(flow_cx *c, ty_value **out) {
    const ty_playbook *pb = c->pb;
    const flow_state *st = &c->st;
    *out = NULL;
    ty_buf b;
    ty_buf_init(&b, pb->alloc);
    int rc = ty_buf_puts(&b, "Intent: ");
    if (!rc) rc = st->intent >= 0 ? ty_buf_append(&b, pb->intents[st->intent].name, pb->intents[st->intent].name_len)
                                  : ty_buf_puts(&b, "none recognised");
    if (!rc) rc = ty_buf_puts(&b, "\nKnown: ");
    bool any = false;
    for (size_t i = 0; !rc && i < pb->nslots; i++) {
        if (!st->slots[i]) continue;
        if (any) rc = ty_buf_puts(&b, "; ");
        if (!rc) rc = ty_buf_append(&b, pb->slots[i].name, pb->slots[i].name_len);
        if (!rc) rc = ty_buf_puts(&b, ": ");
        if (!rc) rc = flow_show_value(c, &pb->slots[i], st->slots[i], &b);
        any = true;
    }
    if (!rc && !any) rc = ty_buf_puts(&b, "nothing yet");
    if (!rc) rc = ty_buf_puts(&b, "\nPending question: ");
    if (!rc && st->flow < 0) rc = ty_buf_puts(&b, "none");
    if (!rc && st->flow >= 0) {
        const ty_pb_step *step = &pb->flows[st->flow].steps[st->step];
        const ty_slot *slot = &pb->slots[step->ask];
        rc = ty_buf_append(&b, slot->name, slot->name_len);
        if (!rc) rc = ty_buf_puts(&b, " (");
        if (!rc) rc = ty_buf_append(&b, pb->flows[st->flow].name, pb->flows[st->flow].name_len);
        if (!rc) rc = ty_buf_putc(&b, '.');
        if (!rc) rc = ty_buf_append(&b, step->id, step->id_len);
        if (!rc) rc = ty_buf_putc(&b, ')');
        if (!rc && step->say >= 0) {
            const ty_option *opts;
            size_t nopts;
            ty_value *q = NULL;
            if ((rc = flow_offer(c, slot, &opts, &nopts)) ||
                (rc = flow_render_text(c, step->say, st->flow, st->step, opts, nopts, &q))) {
                ty_buf_free(&b);
                return rc;
            }
            size_t n;
            const char *s = ty_value_string(q, &n);
            rc = ty_buf_puts(&b, ": ");
            if (!rc) rc = ty_buf_append(&b, s, n);
        }
    }
    if (!rc) *out = ty_val_string(c->out, b.ptr, b.len);
    if (!rc && !*out) rc = TY_E_NOMEM;
    ty_buf_free(&b);
    return rc ? ty_err_nomem(c->err, TY_DOMAIN_NONE) : TY_OK;
}

/* Hands the conversation to a person: the handoff action, then silence
 * until a resume event. The pending ask is kept for the resume. */
static int flow_handoff(flow_cx *c, const char *reason) {
    ty_value *summary = NULL;
    int rc = flow_summary(c, &summary);
    if (rc) return rc;
    ty_value *a = ty_val_map(c->out), *slots = ty_val_map(c->out), *tr = ty_val_list(c->out);
    flow_put(c, a, "type", ty_val_string(c->out, "handoff", 7), &rc);
    flow_put(c, a, "reason", ty_val_string(c->out, reason, strlen(reason)), &rc);
    flow_put(c, a, "summary", summary, &rc);
    for (size_t i = 0; i < c->pb->nslots; i++)
        if (c->st.slots[i]) flow_put_copy(c, slots, c->pb->slots[i].name, ty_val_copy(c->out, c->st.slots[i]), &rc);
    flow_put(c, a, "slots", slots, &rc);
    for (int i = 0; i < c->st.nturns; i++) {
        const flow_turn *t = &c->st.turns[i];
        ty_value *m = ty_val_map(c->out);
        flow_put(c, m, "from", ty_val_string(c->out, t->bot ? "bot" : "customer", t->bot ? 3 : 8), &rc);
        flow_put(c, m, "text", flow_v_str(c, t->text), &rc);
        flow_put(c, m, "at", flow_v_time(c, t->at), &rc);
        flow_push(c, tr, m, &rc);
    }
    flow_put(c, a, "transcript", tr, &rc);
    flow_push(c, c->actions, a, &rc);
    /* context for metrics: filled slots, and filled plus still awaited */
    size_t filled = 0, waiting = 0;
    int32_t seen[TY_FLOW_MAX_STACK + 1];
    for (size_t i = 0; i < c->pb->nslots; i++) filled += c->st.slots[i] != NULL;
    for (int i = -1; i < c->st.nstack; i++) {
        int32_t f = i < 0 ? c->st.flow : c->st.stack[i].flow, s = i < 0 ? c->st.step : c->st.stack[i].step;
        const ty_slot *slot = flow_step_slot(c->pb, f, s);
        if (!slot) continue;
        int32_t k = (int32_t)(slot - c->pb->slots);
        bool dup = c->st.slots[k] != NULL;
        for (size_t j = 0; j < waiting && !dup; j++) dup = seen[j] == k;
        if (!dup) seen[waiting++] = k;
    }
    ty_value *m = flow_metric(c, "handoff", c->st.flow, c->st.step, NULL, &rc);
    flow_put(c, m, "reason", ty_val_string(c->out, reason, strlen(reason)), &rc);
    flow_put(c, m, "filled", ty_val_number(c->out, (double)filled), &rc);
    flow_put(c, m, "asked", ty_val_number(c->out, (double)(filled + waiting)), &rc);
    if (rc) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    c->st.status = FLOW_HANDOFF;
    c->st.check = FLOW_CHECK_NONE; /* only an active conversation waits for one */
    c->st.due = -1;
    c->st.followups = 0;
    return TY_OK;
}

/* Stops everything: at most the intent's confirmation, then no action ever
 * again until START. What the customer told us is dropped. */
static int flow_opt_out(flow_cx *c, int32_t intent, bool silent) {
    int rc = TY_OK;
    if (!silent && intent >= 0 && c->pb->intents[intent].say >= 0 &&
        (rc = flow_send(c, c->pb->intents[intent].say, -1, -1, NULL)))
        return rc;
    flow_metric(c, "opt_out", c->st.flow, c->st.step, NULL, &rc);
    if (rc) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    flow_clear_pending(c);
    c->st.status = FLOW_OPTED_OUT;
    c->st.check = FLOW_CHECK_NONE;
    c->st.intent = -1;
    c->st.nstack = 0;
    c->st.due = -1;
    c->st.nrem = 0; /* no reminder after STOP */
    c->st.followups = 0;
    c->st.nturns = 0;
    memset(c->st.slots, 0, c->pb->nslots * sizeof *c->st.slots);
    return TY_OK;
}

/* ===================================================================== *
 * Messages
 * ===================================================================== */

static bool flow_actionable(const ty_pb_intent *in) {
    return in->flow >= 0 || in->say >= 0 || in->does == TY_PB_DOES_OPT_OUT || in->does == TY_PB_DOES_HANDOFF;
}

/* The first intent whose `does` is d (its `say` confirms), or -1. */
static int32_t flow_does(const ty_playbook *pb, int d) {
    for (size_t i = 0; i < pb->nintents; i++)
        if (pb->intents[i].does == d) return (int32_t)i;
    return -1;
}

/* Repeats the pending ask (after a digression's answer), or moves on when
 * the message filled its slot meanwhile. */
static int flow_repeat(flow_cx *c) {
    flow_frame fr = {c->st.flow, c->st.step, c->st.intent, c->st.asked_at};
    return flow_run(c, fr.flow, fr.step, &fr);
}

/* Asks a confirming micro-question (state.check) with Yes/No replies. */
static int flow_ask_check(flow_cx *c, int check) {
    const ty_judge_lex *lx = c->judge;
    int rc = check == FLOW_CHECK_OPT_OUT ? flow_send_builtin(c, "confirm_stop", lx->confirm_stop, true)
                                         : flow_send_builtin(c, "offer_person", lx->offer_person, true);
    if (!rc) c->st.check = check;
    return rc;
}

/* The fallback re-ask of the pending ask with the same options; once the
 * re-asks are used up, the offer of a person. */
static int flow_reprompt(flow_cx *c) {
    flow_state *st = &c->st;
    if (st->reprompts >= c->pb->reprompts) return flow_ask_check(c, FLOW_CHECK_HANDOFF);
    const ty_pb_step *step = &c->pb->flows[st->flow].steps[st->step];
    const ty_slot *slot = &c->pb->slots[step->ask];
    st->reprompts++;
    int32_t ti = c->pb->fallback >= 0 ? c->pb->fallback : step->say;
    int rc = ti >= 0 ? flow_send(c, ti, st->flow, st->step, slot) : TY_OK;
    if (rc) return rc;
    flow_wording none = {NULL, 0, ""};
    flow_metric(c, "reprompt", st->flow, st->step, ti >= 0 ? &c->sent : &none, &rc);
    return rc ? ty_err_nomem(c->err, TY_DOMAIN_NONE) : TY_OK;
}

/* An off-topic message: a short honest answer, then the pending question
 * again, or the fallback (the menu) when nothing is pending. */
static int flow_off_topic(flow_cx *c, bool quiet) {
    if (quiet) return TY_OK;
    const char *text = c->judge->off_topic;
    if (flow_said(c, text, strlen(text), false)) text = c->judge->off_topic_again;
    int rc = flow_send_builtin(c, "off_topic", text, false);
    if (rc) return rc;
    if (c->st.flow >= 0) return flow_repeat(c);
    return c->pb->fallback >= 0 ? flow_send(c, c->pb->fallback, -1, -1, NULL) : TY_OK;
}

/* Hands off on the customer's request: the handoff intent's words, then
 * the handoff. */
static int flow_requested_handoff(flow_cx *c, int32_t i) {
    int rc;
    if (i < 0) i = flow_does(c->pb, TY_PB_DOES_HANDOFF);
    if (i >= 0 && c->pb->intents[i].say >= 0 && (rc = flow_send(c, c->pb->intents[i].say, -1, -1, NULL)))
        return rc;
    if (c->st.intent < 0 && i >= 0 && c->pb->intents[i].flow < 0) c->st.intent = i;
    return flow_handoff(c, "requested");
}

/* True when step (f, s) is a menu: every answer leads to another flow
 * ("book" -> @booking). A request that starts a flow from a menu answers
 * it, so the menu is not suspended and does not come back afterwards. */
static bool flow_is_menu(const ty_playbook *pb, int32_t f, int32_t s) {
    const ty_pb_step *st = &pb->flows[f].steps[s];
    if (st->nbranches == 0 || (st->has_next && !st->next.jump)) return false;
    for (size_t i = 0; i < st->nbranches; i++)
        if (!st->branches[i].to.jump || st->branches[i].to.flow == f) return false;
    return true;
}

/* Starts intent i's flow. Mid-flow the pending ask is suspended (unless
 * the flow is one already suspended: then that one resumes, or the ask is
 * a menu: then the request answered it). */
static int flow_start(flow_cx *c, int32_t i) {
    int32_t f = c->pb->intents[i].flow;
    flow_frame fr;
    const flow_frame *hint = NULL;
    if (flow_unstack(c, f, &fr)) {
        hint = &fr;
    } else if (c->st.flow >= 0 && !flow_is_menu(c->pb, c->st.flow, c->st.step)) {
        if (c->st.nstack == TY_FLOW_MAX_STACK) {
            memmove(c->st.stack, c->st.stack + 1, (TY_FLOW_MAX_STACK - 1) * sizeof c->st.stack[0]);
            c->st.nstack--;
        }
        c->st.stack[c->st.nstack++] = (flow_frame){c->st.flow, c->st.step, c->st.intent, c->st.asked_at};
    }
    flow_clear_pending(c);
    c->st.intent = i;
    return flow_run(c, f, 0, hint);
}

/* Serves intent i, which the judgment has cleared. mid: an ask is pending. */
static int flow_serve(flow_cx *c, int32_t i, bool mid) {
    const ty_pb_intent *in = &c->pb->intents[i];
    int rc;
    if (in->does == TY_PB_DOES_OPT_OUT) return flow_opt_out(c, i, false);
    if (in->does == TY_PB_DOES_HANDOFF) return flow_requested_handoff(c, i);
    if (in->flow >= 0) return flow_start(c, i);
    if ((rc = flow_send(c, in->say, -1, -1, NULL))) return rc;
    if (mid) return flow_repeat(c);
    c->st.intent = i;
    return TY_OK;
}

/* ---- reading the message --------------------------------------------- */

static const ty_slot flow_yesno_slot = {"check", 5, TY_SLOT_YESNO, NULL, 0, NULL, 0, TY_RANGE_ANY, false, -1, {NULL}, NULL, {NULL}};

/* The recogniser tables of the other built-in languages, for a customer
 * who writes in one the playbook does not (k-th, or NULL past the end). */
static const ty_locale *flow_other_locale(const flow_cx *c, size_t k) {
    const ty_locale *loc;
    for (size_t i = 0; (loc = ty_locale_at(i)); i++)
        if (loc != c->lang->locale && k-- == 0) return loc;
    return NULL;
}

/* The message as the texts to read it by, best first: as written, without
 * the greeting that opens it, with short forms spelled out. Empty entries
 * have s == NULL. */
typedef struct flow_texts {
    flow_str t[3];
} flow_texts;

static int flow_texts_of(flow_cx *c, flow_texts *x) {
    memset(x, 0, sizeof *x);
    x->t[0] = c->ev.text;
    bool oom;
    size_t n, sn;
    const char *sq = ty_judge_squeeze(c->norm, c->norm_len, c->scratch, &sn, &oom);
    if (oom) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    if (!sq) {
        sq = c->norm;
        sn = c->norm_len;
    }
    size_t g = ty_judge_greeting(sq, sn);
    if (g || sq != c->norm) x->t[1] = (flow_str){sq + g, sn - g};
    const char *base = sq + g;
    size_t bn = sn - g;
    char *r = ty_judge_respell_text(c->judge, base, bn, c->scratch, &n, &oom);
    if (oom) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    if (r) x->t[2] = (flow_str){r, n};
    return TY_OK;
}

/* Reads the message as a value of `slot` (answer mode): as written (unless
 * `skip_written`: the caller read it so already), then its rewrites, then
 * in the other built-in languages. *out is the answer value (in a doc the
 * caller frees, *doc), or NULL. */
static int flow_read_value(flow_cx *c, const ty_slot *slot, const flow_texts *x, bool skip_written, ty_doc **doc,
                           const ty_value **out) {
    *out = NULL;
    *doc = NULL;
    ty_pb_match_opts o;
    memset(&o, 0, sizeof o);
    o.expect = slot;
    o.no_model = o.no_entities = true;
    for (size_t k = 0;; k++) {
        const ty_locale *loc = k == 0 ? NULL : flow_other_locale(c, k - 1);
        if (k > 0 && !loc) return TY_OK;
        o.locale = loc;
        for (size_t j = 0; j < 3; j++) {
            if (!x->t[j].s || (k > 0 && j == 2) || (k == 0 && j == 0 && skip_written)) continue;
            int rc = flow_match(c, &o, x->t[j].s, x->t[j].n, doc);
            if (rc) return rc;
            const ty_value *a = ty_value_get(ty_doc_root(*doc), "answer", 6);
            if (ty_value_kind(a) == TY_MAP) {
                *out = ty_value_get(a, "value", 5);
                return TY_OK;
            }
            ty_doc_free(*doc);
            *doc = NULL;
        }
    }
}

/* A reply to the days or times offered after a refusal (kept in
 * state.options) read as a pick among them: "the first one", "B", "the
 * later one". *out is the picked option's id (a date or time), in *doc. */
static int flow_read_offered(flow_cx *c, ty_doc **doc, const ty_value **out) {
    static const char key[] = "\x1foffered";
    ty_slot pick;
    memset(&pick, 0, sizeof pick);
    pick.name = "offered";
    pick.name_len = 7;
    pick.type = TY_SLOT_CHOICE;
    pick.options_from = key;
    pick.options_from_len = sizeof key - 1;
    pick.date_slot = -1;
    ty_value *data = ty_val_map(c->tmp);
    if (!data || ty_map_put(c->tmp, data, key, sizeof key - 1, (ty_value *)c->st.options))
        return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    ty_input in = flow_input(c, c->ev.text.s, c->ev.text.n);
    in.data = data;
    ty_pb_match_opts o;
    memset(&o, 0, sizeof o);
    o.expect = &pick;
    o.no_model = o.no_entities = true;
    if (c->lang->locale != c->pb->locale) o.locale = c->lang->locale; /* "el primero" */
    ty_doc_free(*doc);
    *doc = ty_pb_match_ex(c->pb, &in, &o, c->err);
    if (!*doc) return c->err && c->err->code ? c->err->code : TY_E_NOMEM;
    const ty_value *a = ty_value_get(ty_doc_root(*doc), "answer", 6);
    *out = ty_value_kind(a) == TY_MAP ? ty_value_get(a, "value", 5) : NULL;
    if (!*out) {
        ty_doc_free(*doc);
        *doc = NULL;
    }
    return TY_OK;
}

/* 1 when the whole message is a yes, 2 a no, 0 neither. */
static int flow_yes_no_reply(flow_cx *c, const flow_texts *x, int *rc) {
    flow_str ch = c->ev.choice; /* a tap on the "yes" or "no" quick reply */
    if (ch.s && (flow_eq(ch.s, ch.n, "yes") || flow_eq(ch.s, ch.n, "no"))) {
        *rc = TY_OK;
        return ch.n == 3 ? 1 : 2;
    }
    ty_doc *d;
    const ty_value *v;
    *rc = flow_read_value(c, &flow_yesno_slot, x, false, &d, &v);
    size_t n;
    const char *s2 = v ? ty_value_string(v, &n) : NULL;
    int yn = s2 && flow_eq(s2, n, "yes") ? 1 : s2 && flow_eq(s2, n, "no") ? 2 : 0;
    ty_doc_free(d);
    return yn;
}

/* A reply to the confirming question: yes does it, no carries on where
 * the conversation was; anything else is read as a new message. */
static int flow_on_check(flow_cx *c, const flow_texts *x, bool *handled) {
    int check = c->st.check, rc;
    c->st.check = FLOW_CHECK_NONE;
    int yn = flow_yes_no_reply(c, x, &rc);
    *handled = rc || yn;
    if (rc || !yn) return rc;
    if (yn == 1 && check == FLOW_CHECK_OPT_OUT) return flow_opt_out(c, flow_does(c->pb, TY_PB_DOES_OPT_OUT), false);
    /* the offer after the re-asks ran out hands off for the failures */
    if (yn == 1 && c->st.flow >= 0 && c->st.reprompts >= c->pb->reprompts) return flow_handoff(c, "failures");
    if (yn == 1) return flow_requested_handoff(c, -1);
    if (check == FLOW_CHECK_HANDOFF) c->st.reprompts = 0;
    if (c->st.flow >= 0) return flow_repeat(c);
    return c->pb->fallback >= 0 ? flow_send(c, c->pb->fallback, -1, -1, NULL) : TY_OK;
}

/* True when two stored values of slot are the same answer. */
static bool flow_same_value(const ty_slot *slot, const ty_value *a, const ty_value *b) {
    if (slot->type == TY_SLOT_CHOICE) {
        a = ty_value_get(a, "id", 2);
        b = ty_value_get(b, "id", 2);
    }
    size_t an, bn;
    const char *as = ty_value_string(a, &an), *bs = ty_value_string(b, &bn);
    if (as || bs) return as && bs && an == bn && memcmp(as, bs, an) == 0;
    if (ty_value_kind(a) == TY_NUMBER && ty_value_kind(b) == TY_NUMBER) return ty_value_number(a) == ty_value_number(b);
    return false; /* money and the like: a new mention is a new value */
}

/* True when the pending flow or a suspended one asks slot si. */
static bool flow_in_play(const flow_cx *c, int32_t si) {
    if (flow_asks(c->pb, c->st.flow, si)) return true;
    for (int i = 0; i < c->st.nstack; i++)
        if (flow_asks(c->pb, c->st.stack[i].flow, si)) return true;
    return false;
}

/* A change of mind: the message names another value for a slot already
 * filled that the conversation is still about; that slot changes. */
static int flow_change_of_mind(flow_cx *c, const ty_value *root, int32_t asked, bool *changed) {
    const ty_value *ents = ty_value_get(root, "entities", 8);
    for (size_t i = 0; i < ty_value_count(ents); i++) {
        const ty_value *e = ty_value_item(ents, i);
        int32_t si = flow_entity_slot(c, e);
        if (si < 0 || si == asked || !c->st.slots[si] || !flow_in_play(c, si) || flow_in_answer(c, e)) continue;
        int rc = TY_OK;
        if (flow_habit_entity(c, si, e, &rc) || rc) {
            if (rc) return rc;
            continue;
        }
        const ty_value *v = flow_store_value(c, si, ty_value_get(e, "value", 5), &rc);
        if (rc) return rc;
        if (v && !flow_same_value(&c->pb->slots[si], c->st.slots[si], v)) {
            c->st.slots[si] = v;
            *changed = true;
        }
    }
    return TY_OK;
}

/* Commits `value` as the answer to the pending ask and moves on. */
static int flow_commit(flow_cx *c, const ty_value *value) {
    flow_state *st = &c->st;
    int32_t f = st->flow, s = st->step, k = c->pb->flows[f].steps[s].ask;
    st->slots[k] = value;
    int rc = TY_OK;
    ty_value *ev = flow_metric(c, "commit", f, s, NULL, &rc);
    flow_put(c, ev, "latency", ty_val_number(c->out, (double)(c->ev.at - st->asked_at)), &rc);
    if (rc) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    bool none;
    ty_pb_target t = flow_next(c, f, s, flow_answer_key(&c->pb->slots[k], value), &none);
    return flow_goto(c, t, none);
}

/* Whether a pick among the offered days or times wins over what the
 * slot's own reader found in the same reply (raw, may be NULL): always
 * when it found nothing or the same; for a date, when both fall on the same
 * weekday ("tuesday" read as today, a Tuesday, when next Tuesday was
 * offered); otherwise what the customer wrote out wins. */
static bool flow_prefer_pick(const ty_slot *slot, const ty_value *raw, const ty_value *pick) {
    size_t rn, pn;
    const char *r = ty_value_string(raw, &rn), *p = ty_value_string(pick, &pn);
    if (!r || (p && rn == pn && memcmp(r, p, rn) == 0)) return true;
    int64_t zr, zp;
    return slot->type == TY_SLOT_DATE && ty_civil_parse_iso(r, rn, &zr) && ty_civil_parse_iso(p, pn, &zp) &&
           ty_civil_weekday(zr) == ty_civil_weekday(zp);
}

/* A date answer naming a day its month does not have ("31 November")
 * becomes c->refusal, on the last day of that month (this year's, or next
 * year's when the month has passed). */
static void flow_no_such_day(flow_cx *c, int32_t k) {
    ty_input in = flow_input(c, c->ev.text.s, c->ev.text.n);
    int m, d;
    if (!ty_pb_no_such_day(c->pb, &in, c->scratch, &m, &d)) return;
    int64_t today = ty_civil_local_day(c->ev.at, flow_offset(c)), y;
    int tm, td;
    ty_civil_date(today, &y, &tm, &td);
    if (m < tm) y++;
    c->refusal.set = true;
    c->refusal.slot = k;
    c->refusal.why = TY_BOOK_NO_SUCH_DAY;
    c->refusal.day = ty_civil_days(y, m, ty_civil_month_days(y, m));
    c->refusal.minutes = -1;
}

/* The flow a "yes" to step (f, s) goes on in, or -1 when it ends there. */
static int32_t flow_yes_flow(const flow_cx *c, int32_t f, int32_t s) {
    bool none;
    ty_pb_target t = flow_next(c, f, s, (flow_str){"yes", 3}, &none);
    return none ? -1 : t.flow;
}

/* An implicit yes: at a yes/no ask, a reply that gives what the yes leads
 * to ("saturday then" to "would you like to book?") says yes. The value
 * "yes" (in the output doc), or NULL when the message gives no detail the
 * flow after the yes still has to ask (outside habits): a new value for a
 * filled slot is a change of mind, not a yes. */
static const ty_value *flow_implicit_yes(flow_cx *c, const ty_value *root, int32_t k, int *rc) {
    int32_t yf = flow_yes_flow(c, c->st.flow, c->st.step);
    const ty_value *ents = ty_value_get(root, "entities", 8);
    bool gives = false;
    for (size_t i = 0; yf >= 0 && !gives && !*rc && i < ty_value_count(ents); i++) {
        const ty_value *e = ty_value_item(ents, i);
        int32_t si = flow_entity_slot(c, e);
        gives = si >= 0 && si != k && !c->st.slots[si] && flow_asks(c->pb, yf, si) &&
                !flow_habit_entity(c, si, e, rc);
    }
    if (!gives || *rc) return NULL;
    ty_value *yes = ty_val_string(c->out, "yes", 3);
    if (!yes) *rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
    return yes ? flow_store_value(c, k, yes, rc) : NULL;
}

/* The slots whose entities flow_try_answer can use while slot k is asked
 * (yf: the flow a yes leads to, or -1): a filled slot still in play (a
 * change of mind), a free one (a detail; a choice only when the pending
 * flow or yf asks it), never k itself; a slot with options from the
 * event's data always (reading them may find the data malformed). NULL on
 * OOM. */
static const bool *flow_answer_entities(flow_cx *c, int32_t k, int32_t yf) {
    const ty_playbook *pb = c->pb;
    bool *want = ty_arena_alloc(c->scratch, pb->nslots ? pb->nslots : 1);
    if (!want) return NULL;
    for (size_t i = 0; i < pb->nslots; i++) {
        int32_t si = (int32_t)i;
        const ty_slot *sl = &pb->slots[i];
        if (sl->options_from) want[i] = true;
        else if (si == k) want[i] = false;
        else if (c->st.slots[i]) want[i] = flow_in_play(c, si);
        else want[i] = sl->type != TY_SLOT_CHOICE || flow_asks(pb, c->st.flow, si) || flow_asks(pb, yf, si);
    }
    return want;
}

/* With an ask pending, the message read as its answer first. *done when
 * it was one (and the conversation moved on). */
static int flow_try_answer(flow_cx *c, const flow_texts *x, bool *done) {
    int32_t k = c->pb->flows[c->st.flow].steps[c->st.step].ask;
    const ty_slot *slot = &c->pb->slots[k];
    *done = false;
    /* one pass over the message as written: the answer and the details
     * this step can use */
    ty_pb_match_opts o;
    memset(&o, 0, sizeof o);
    o.expect = slot;
    o.no_model = true;
    o.entity_slots = flow_answer_entities(c, k, slot->type == TY_SLOT_YESNO ? flow_yes_flow(c, c->st.flow, c->st.step) : -1);
    if (!o.entity_slots) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    ty_doc *d, *alt = NULL, *offered = NULL;
    int rc = flow_match(c, &o, c->ev.text.s, c->ev.text.n, &d);
    if (rc) return rc;
    c->read = c->ev.text;
    const ty_value *root = ty_doc_root(d);
    bool changed = false;
    if (slot->type == TY_SLOT_TEXT) {
        /* free text takes anything: a change of mind is read first */
        rc = flow_change_of_mind(c, root, k, &changed);
        if (rc || changed) {
            *done = true;
            c->lead = c->judge->updated_lead;
            if (!rc) rc = flow_repeat(c);
            c->lead = NULL;
            goto out;
        }
    }
    const ty_value *a = ty_value_get(root, "answer", 6);
    const ty_value *raw = ty_value_kind(a) == TY_MAP ? ty_value_get(a, "value", 5) : NULL;
    if (!raw && (rc = flow_read_value(c, slot, x, true, &alt, &raw))) goto out;
    /* after days or times were offered, a reply that picks one ("the first
     * one", "B", "tuesday" for the Tuesday offered) takes it, and says
     * nothing else */
    bool picked = false;
    if (c->st.options && !slot->options_from) {
        const ty_value *pick = NULL;
        if ((rc = flow_read_offered(c, &offered, &pick))) goto out;
        if (pick && flow_prefer_pick(slot, raw, pick)) {
            raw = pick;
            picked = true;
        }
    }
    /* the words that answered say nothing else (only the first pass's
     * offsets are the message's own) */
    bool spanned = raw && ty_value_kind(a) == TY_MAP && raw == ty_value_get(a, "value", 5);
    if (spanned &&
        (!flow_int(ty_value_get(a, "start", 5), &c->answer_start) || !flow_int(ty_value_get(a, "end", 3), &c->answer_end)))
        c->answer_start = c->answer_end = spanned = 0;
    /* a question back that names a day or time ("¿qué tiempo hará el
     * sábado?") is not its answer: intents read it (a question naming an
     * option, "how much is the full service?", is about that option) */
    if (raw && !picked && (slot->type == TY_SLOT_DATE || slot->type == TY_SLOT_TIME) &&
        (spanned ? flow_asks_back_at(c, c->answer_start, &rc) : flow_only_asks_back(c, &rc))) {
        c->answer_start = c->answer_end = 0;
        goto out;
    }
    if (rc) goto out;
    const ty_value *value = raw ? flow_store_value(c, k, raw, &rc) : NULL;
    if (!rc && !value && slot->type == TY_SLOT_CHOICE && ty_judge_any_option(c->norm, c->norm_len)) {
        /* "either", "whichever": the first option on offer */
        const ty_option *opts;
        size_t nopts;
        if (!(rc = flow_options(c, slot, &opts, &nopts)) && nopts) {
            ty_value *id = ty_val_string(c->out, opts[0].id, opts[0].id_len);
            value = id ? flow_store_value(c, k, id, &rc) : NULL;
            if (!id) rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
        }
    }
    if (!rc && !value && slot->type == TY_SLOT_YESNO) value = flow_implicit_yes(c, root, k, &rc);
    if (!rc && !value && !c->refusal.set && slot->type == TY_SLOT_DATE) flow_no_such_day(c, k);
    if (!rc && !value && c->refusal.set && c->refusal.slot == k) {
        /* an answer the business cannot take: why, and what it can */
        *done = true;
        const ty_value *kept;
        rc = flow_refuse(c, c->st.flow, c->st.step, &kept);
        c->refusal.set = false;
        if (!rc) c->st.options = kept;
        goto out;
    }
    if (rc || !value) goto out;
    /* other details the message gives: new slots, and changes of mind */
    if (!picked) rc = flow_fill_entities(c, root, k, c->st.flow,
                                         slot->type == TY_SLOT_YESNO ? flow_yes_flow(c, c->st.flow, c->st.step) : -1);
    if (!rc && !picked) rc = flow_change_of_mind(c, root, k, &changed);
    *done = true;
    if (!rc) rc = flow_commit(c, value);
out:
    ty_doc_free(offered);
    ty_doc_free(alt);
    ty_doc_free(d);
    return rc;
}

/* The model's reading: the intent (-1 out of scope), its score and its
 * margin over the runner-up. */
typedef struct flow_guess {
    int32_t intent;
    double score, margin;
} flow_guess;

static flow_guess flow_guess_of(const flow_cx *c, const ty_value *root) {
    flow_guess g = {-1, 0, 0};
    size_t n;
    const char *name = ty_value_string(ty_value_get(root, "intent", 6), &n);
    g.intent = name ? flow_find_intent(c->pb, name, n) : -1;
    if (g.intent < 0) return g;
    const ty_value *rk = ty_value_get(root, "ranking", 7);
    g.score = ty_value_number(ty_value_get(root, "score", 5));
    double second = ty_value_count(rk) > 1 ? ty_value_number(ty_value_get(ty_value_item(rk, 1), "score", 5)) : 0;
    g.margin = g.score - second;
    return g;
}

/* "no quiero hablar con nadie, solo reservar": in a message that declines
 * a person, the declining phrase is taken out and the rest is read again
 * (the phrase pulls the model towards the person it declines); that
 * reading replaces *d and *g (and c->read), and a person read again is
 * nobody. Messages without such a phrase are untouched. */
static int flow_without_person(flow_cx *c, const ty_pb_match_opts *o, ty_doc **d, flow_guess *g) {
    size_t len, at = ty_judge_no_person(&c->pb->judge_index, c->norm, c->norm_len, c->clause, &len);
    if (at == SIZE_MAX) return TY_OK;
    size_t n = c->norm_len - len;
    char *rest = ty_arena_alloc(c->scratch, n + 1);
    if (!rest) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    memcpy(rest, c->norm, at);
    memcpy(rest + at, c->norm + at + len, c->norm_len - at - len);
    rest[n] = '\0';
    ty_doc *again;
    int rc = flow_match(c, o, rest, n, &again);
    if (rc) return rc;
    ty_doc_free(*d);
    *d = again;
    c->read = (flow_str){rest, n};
    *g = flow_guess_of(c, ty_doc_root(again));
    if (g->intent >= 0 && c->pb->intents[g->intent].does == TY_PB_DOES_HANDOFF) g->intent = -1;
    return TY_OK;
}

/* What acting on intent i costs when wrong, here. */
static ty_judge_cost flow_cost(const flow_cx *c, int32_t i) {
    const ty_pb_intent *in = &c->pb->intents[i];
    if (in->does == TY_PB_DOES_OPT_OUT) return TY_JUDGE_COST_OPT_OUT;
    if (in->does == TY_PB_DOES_HANDOFF) return TY_JUDGE_COST_HANDOFF;
    if (in->flow < 0) return TY_JUDGE_COST_SAY;
    /* a menu asks what the customer wants: a request answers it */
    bool leaving = c->st.flow >= 0 && !flow_is_menu(c->pb, c->st.flow, c->st.step);
    return leaving ? TY_JUDGE_COST_SWITCH : TY_JUDGE_COST_START;
}

/* True when the message reads as off-topic rather than as a failed try at
 * the pending question: a question of its own, or four words or more. */
static bool flow_looks_off_topic(const flow_cx *c) {
    return ty_judge_words(c->norm, c->norm_len) >= 4 || ty_recognize_is_question(c->lang->locale, c->ev.text.s, c->ev.text.n, NULL);
}

/* The message is not an answer: intents compete, each acted on only when
 * its confidence clears the bar of what acting costs; below it, the exits
 * the judgment read, a change of mind, an entity for the pending ask, the
 * re-ask or the off-topic answer. */
static int flow_try_intent(flow_cx *c, const flow_texts *x, ty_judge_exit ex, bool quiet) {
    flow_state *st = &c->st;
    const ty_playbook *pb = c->pb;
    bool mid = st->flow >= 0;
    flow_str t = x->t[2].s ? x->t[2] : x->t[1].s ? x->t[1] : x->t[0];
    ty_pb_match_opts o;
    memset(&o, 0, sizeof o);
    ty_doc *d;
    int rc = flow_match(c, &o, t.s, t.n, &d);
    if (rc) return rc;
    c->read = t;
    const ty_value *root = ty_doc_root(d);
    flow_guess g = flow_guess_of(c, root);
    /* a question about what the pending flow is for ("how much is a
     * haircut?" when asked which service to price) still answers it */
    bool own = mid && g.intent >= 0 && pb->intents[g.intent].flow == st->flow &&
               ty_judge_clears(TY_JUDGE_COST_START, g.score, g.margin);
    /* nothing but a greeting ("👋", "hiii") with nothing pending is the
     * playbook's greeting, whatever the model made of it */
    if (!mid && pb->greeting >= 0 && ty_judge_only_greeting(c->norm, c->norm_len))
        g = (flow_guess){pb->greeting, 1.0, 1.0};
    if ((rc = flow_without_person(c, &o, &d, &g))) goto out;
    root = ty_doc_root(d);
    if (g.intent >= 0 && (!flow_actionable(&pb->intents[g.intent]) || (mid && pb->intents[g.intent].flow == st->flow &&
                                                                      pb->intents[g.intent].flow >= 0)))
        g.intent = -1;
    ty_judge_cost cost = g.intent >= 0 ? flow_cost(c, g.intent) : TY_JUDGE_COST_SAY;
    /* a bare yes or no is never read as leaving */
    if (g.intent >= 0 && cost >= TY_JUDGE_COST_HANDOFF) {
        int yn = flow_yes_no_reply(c, x, &rc);
        if (rc) goto out;
        if (yn) g.intent = -1;
    }
    int32_t k = mid ? pb->flows[st->flow].steps[st->step].ask : -1;
    if (g.intent >= 0 && ty_judge_clears(cost, g.score, g.margin)) {
        int32_t f = pb->intents[g.intent].flow;
        /* a question into another flow ("are you open on saturday?") asks
         * about the day, it does not choose it: only what that flow asks */
        bool asking = mid && ty_recognize_is_question(c->lang->locale, c->ev.text.s, c->ev.text.n, NULL);
        rc = asking ? flow_fill_asked(c, root, f) : flow_fill_entities(c, root, -1, mid ? st->flow : f, f);
        if (!rc) rc = flow_serve(c, g.intent, mid);
        goto out;
    }
    if (g.intent >= 0 && cost >= TY_JUDGE_COST_HANDOFF && ty_judge_worth_asking(cost, g.score, g.margin)) {
        rc = flow_ask_check(c, cost == TY_JUDGE_COST_OPT_OUT ? FLOW_CHECK_OPT_OUT : FLOW_CHECK_HANDOFF);
        goto out;
    }
    if (mid) {
        bool changed = false;
        rc = flow_change_of_mind(c, root, k, &changed);
        if (!rc && changed) {
            rc = flow_fill_entities(c, root, k, st->flow, -1);
            c->lead = c->judge->updated_lead;
            if (!rc) rc = flow_repeat(c);
            c->lead = NULL;
            goto out;
        }
        /* an entity for the asked slot inside a longer message (not a day
         * or time in a question back) */
        const ty_value *ents = ty_value_get(root, "entities", 8);
        const ty_value *value = NULL;
        ty_slot_type kt = pb->slots[k].type;
        bool back = !rc && !own && (kt == TY_SLOT_DATE || kt == TY_SLOT_TIME) && flow_only_asks_back(c, &rc);
        for (size_t j = 0; !rc && !back && !value && j < ty_value_count(ents); j++) {
            const ty_value *e = ty_value_item(ents, j);
            if (flow_entity_slot(c, e) == k) value = flow_store_value(c, k, ty_value_get(e, "value", 5), &rc);
        }
        if (!rc) rc = flow_fill_entities(c, root, k, st->flow, -1);
        if (!rc && value) {
            rc = flow_commit(c, value);
            goto out;
        }
        /* a day or time the business cannot take, for the ask or a change */
        if (!rc && c->refusal.set && (c->refusal.slot == k || flow_in_play(c, c->refusal.slot))) {
            const ty_value *kept;
            rc = flow_refuse(c, st->flow, st->step, &kept);
            if (!rc && c->refusal.slot == k) st->options = kept;
            c->refusal.set = false;
            goto out;
        }
    } else {
        rc = flow_fill_entities(c, root, -1, -1, -1);
    }
    if (rc) goto out;
    if (ex == TY_JUDGE_STOP_MAYBE) rc = flow_ask_check(c, FLOW_CHECK_OPT_OUT);
    else if (ex == TY_JUDGE_FRUSTRATED) rc = flow_ask_check(c, FLOW_CHECK_HANDOFF);
    else if (mid) rc = flow_looks_off_topic(c) ? flow_off_topic(c, false) : flow_reprompt(c);
    else if (!quiet) rc = flow_looks_off_topic(c) || pb->fallback < 0 ? flow_off_topic(c, quiet)
                                                                     : flow_send(c, pb->fallback, -1, -1, NULL);
out:
    ty_doc_free(d);
    return rc;
}

/* A message in an active conversation: the safe exits first (the
 * playbook's keywords, then the built-in words of every language), then a
 * pending confirming question, rudeness, the answer to the pending ask,
 * and last the intents. */
/* A button or list tap: the event's "choice" is the id of an option we
 * sent. When it names an option of the pending ask (or "yes"/"no" for a
 * yes/no ask) that is the answer, whatever the title's words would say;
 * otherwise (an old button, a foreign id) the message is read as text. */
static int flow_try_choice(flow_cx *c, bool *done) {
    *done = false;
    flow_str ch = c->ev.choice;
    if (!ch.s || c->st.flow < 0 || c->st.check) return TY_OK;
    int32_t k = c->pb->flows[c->st.flow].steps[c->st.step].ask;
    const ty_slot *slot = &c->pb->slots[k];
    bool yn = flow_eq(ch.s, ch.n, "yes") || flow_eq(ch.s, ch.n, "no");
    if (slot->type != TY_SLOT_CHOICE && !(slot->type == TY_SLOT_YESNO && yn)) return TY_OK;
    ty_value *id = ty_val_string(c->out, ch.s, ch.n);
    if (!id) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    int rc = TY_OK;
    const ty_value *value = flow_store_value(c, k, id, &rc);
    if (rc || !value) return rc;
    *done = true;
    c->read = c->ev.text;
    return flow_commit(c, value);
}

static int flow_read_message(flow_cx *c, int32_t kw, bool quiet) {
    const ty_playbook *pb = c->pb;
    flow_state *st = &c->st;
    bool tapped;
    int rc0 = flow_try_choice(c, &tapped);
    if (rc0 || tapped) return rc0;
    /* a web chat carried on in WhatsApp (handover.c): its prefilled message
     * says hello and brings no answer: the pending ask again */
    const char *hc, *ht;
    size_t hcn, htn;
    if (st->flow >= 0 && ty_handover_find(c->ev.text.s, c->ev.text.n, &hc, &hcn, &ht, &htn)) return flow_repeat(c);
    if (kw >= 0 && pb->intents[kw].does == TY_PB_DOES_OPT_OUT) return flow_opt_out(c, kw, false);
    if (kw >= 0 && pb->intents[kw].does == TY_PB_DOES_HANDOFF) return flow_requested_handoff(c, kw);
    ty_judge_exit ex = ty_judge_read_exit(&pb->judge_index, c->norm, c->norm_len, c->clause);
    if (ex == TY_JUDGE_STOP) return flow_opt_out(c, flow_does(pb, TY_PB_DOES_OPT_OUT), false);
    if (ex == TY_JUDGE_HANDOFF) return flow_requested_handoff(c, -1);
    flow_texts x;
    int rc = flow_texts_of(c, &x);
    if (rc) return rc;
    if (st->check) {
        bool handled;
        if ((rc = flow_on_check(c, &x, &handled)) || handled) return rc;
    }
    if (ex == TY_JUDGE_RUDE) return flow_ask_check(c, FLOW_CHECK_HANDOFF);
    /* "hello?" mid-flow asks whether we are there: the pending ask again */
    if (st->flow >= 0 && ty_judge_only_greeting(c->norm, c->norm_len)) return flow_repeat(c);
    if (kw >= 0 && flow_actionable(&pb->intents[kw]) && st->flow < 0) return flow_serve(c, kw, false);
    if (st->flow >= 0) {
        bool done;
        if ((rc = flow_try_answer(c, &x, &done)) || done) return rc;
        if (kw >= 0 && flow_actionable(&pb->intents[kw]) && pb->intents[kw].flow != st->flow)
            return flow_serve(c, kw, true);
    }
    return flow_try_intent(c, &x, ex, quiet);
}

/* Forgets the finished round (after close or opt-out): a message starts a
 * new one. The transcript stays; after a close, what we know of the
 * customer (choices, text, numbers, contact details) stays too, while
 * yes/no decisions, dates, times and choices among the host's options (a
 * day's free times) are asked again. */
static void flow_new_round(flow_cx *c) {
    flow_clear_pending(c);
    c->st.status = FLOW_ACTIVE;
    c->st.intent = -1;
    c->st.nstack = 0;
    c->st.due = -1;
    c->st.followups = 0;
    c->st.check = FLOW_CHECK_NONE;
    for (size_t i = 0; i < c->pb->nslots; i++) {
        int t = c->pb->slots[i].type;
        if (t == TY_SLOT_YESNO || t == TY_SLOT_DATE || t == TY_SLOT_TIME || c->pb->slots[i].options_from)
            c->st.slots[i] = NULL;
    }
}

static int flow_on_message(flow_cx *c) {
    const ty_playbook *pb = c->pb;
    flow_state *st = &c->st;
    if (!c->has_toks && ty_text_tokenize(c->ev.text.s, c->ev.text.n, c->scratch, &c->toks))
        return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    c->has_toks = true;
    c->norm = c->toks.norm;
    c->norm_len = c->toks.norm_len;
    bool oom;
    c->clause = ty_judge_clauses(&c->toks, c->ev.text.s, c->scratch, &oom);
    if (oom) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    int32_t kw = flow_keyword(c);
    bool quiet = false;
    if (st->status == FLOW_OPTED_OUT) {
        bool start = flow_eq(c->norm, c->norm_len, "start") || flow_eq(c->norm, c->norm_len, "unstop") ||
                     (kw >= 0 && pb->intents[kw].does == TY_PB_DOES_OPT_IN);
        if (!start) return TY_OK;
        flow_new_round(c);
        quiet = true;
    } else if (st->status == FLOW_HANDOFF) {
        if (kw >= 0 && pb->intents[kw].does == TY_PB_DOES_OPT_OUT) return flow_opt_out(c, kw, true);
        if (ty_judge_read_exit(&pb->judge_index, c->norm, c->norm_len, c->clause) == TY_JUDGE_STOP)
            return flow_opt_out(c, flow_does(pb, TY_PB_DOES_OPT_OUT), true);
        return TY_OK;
    } else if (st->status == FLOW_CLOSED) {
        flow_new_round(c);
    }
    int rc = flow_turn_add(c, false, c->ev.text.s, c->ev.text.n);
    if (rc) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    return flow_read_message(c, kw, quiet);
}

/* ===================================================================== *
 * Time: follow-ups, quiet hours, the no-response close
 * ===================================================================== */

static int flow_schedule_action(flow_cx *c, const char *why) {
    int rc = TY_OK;
    ty_value *a = ty_val_map(c->out);
    flow_put(c, a, "type", ty_val_string(c->out, "schedule", 8), &rc);
    flow_put(c, a, "at", flow_v_time(c, c->st.due), &rc);
    flow_put(c, a, "why", ty_val_string(c->out, why, strlen(why)), &rc);
    flow_push(c, c->actions, a, &rc);
    return rc ? ty_err_nomem(c->err, TY_DOMAIN_NONE) : TY_OK;
}

/* When the customer last wrote, for followups_within_window: this
 * message's time, else the last customer turn kept, else when the pending
 * ask was made; -1 when none is known. */
static int64_t flow_customer_at(const flow_cx *c) {
    if (c->ev.type == FLOW_EV_MESSAGE) return c->ev.at;
    for (int i = c->st.nturns - 1; i >= 0; i--)
        if (!c->st.turns[i].bot) return c->st.turns[i].at;
    return c->st.asked_at;
}

/* followups_within_window: a follow-up due at `due` (already out of quiet
 * hours), after an outbound message or tick at `base`. Returns the time to
 * send it (due itself, or moved earlier into the window), or -1 when it
 * cannot be sent inside the window (see the header comment). */
static int64_t flow_window_fit(const flow_cx *c, int64_t base, int64_t due) {
    const ty_playbook *pb = c->pb;
    int64_t cust = flow_customer_at(c);
    if (!pb->followups_within_window || cust < 0) return due;
    int64_t latest = cust + TY_FLOW_WINDOW - TY_FLOW_WINDOW_MARGIN;
    if (due <= latest) return due;
    int64_t t = latest;
    int32_t off = flow_offset(c);
    if (pb->has_quiet_hours && ty_flow_quiet(t, off, pb->quiet_from, pb->quiet_to)) {
        /* back to the minute before these quiet hours began */
        int64_t into = flow_mod(flow_mod(t + off, 86400) - (int64_t)pb->quiet_from * 60, 86400);
        t = t - into - 60;
    }
    return t > base ? t : -1;
}

/* The follow-ups of the pending ask: its flow's own, else the playbook's. */
static size_t flow_followups(const flow_cx *c, const ty_pb_followup **list) {
    const ty_playbook *pb = c->pb;
    if (c->st.flow >= 0 && pb->flows[c->st.flow].has_followups) {
        *list = pb->flows[c->st.flow].followups;
        return pb->flows[c->st.flow].nfollowups;
    }
    *list = pb->followups;
    return pb->nfollowups;
}

/* Schedules what follows an outbound message sent at `base`: the next
 * follow-up (out of quiet hours, inside the window when asked to), else the
 * no-response close. */
static int flow_schedule(flow_cx *c, int64_t base) {
    const ty_playbook *pb = c->pb;
    flow_state *st = &c->st;
    const char *why = NULL;
    const ty_pb_followup *fu;
    size_t nfu = flow_followups(c, &fu);
    if ((size_t)st->followups < nfu) {
        st->due = base + fu[st->followups].after;
        if (pb->has_quiet_hours) st->due = ty_flow_defer(st->due, flow_offset(c), pb->quiet_from, pb->quiet_to);
        st->due = flow_window_fit(c, base, st->due);
        if (st->due >= 0) why = "followup";
        else st->followups = (int)nfu; /* dropped: the window closes first */
    }
    if (!why) {
        if (pb->close_after < 0) {
            st->due = -1;
            return TY_OK;
        }
        st->due = base + pb->close_after;
        why = "close";
    }
    if (st->due > TY_FLOW_MAX_TIME) st->due = TY_FLOW_MAX_TIME;
    return flow_schedule_action(c, why);
}

/* followups_within_window, at a due tick: the follow-ups are dropped
 * (the window ended, or the quiet hours would push it out); the close
 * follows close_after after the bot's last message, now if that passed. */
static int flow_tick_drop(flow_cx *c) {
    const ty_playbook *pb = c->pb;
    flow_state *st = &c->st;
    const ty_pb_followup *fu;
    st->followups = (int)flow_followups(c, &fu);
    if (pb->close_after < 0) {
        st->due = -1;
        return TY_OK;
    }
    int64_t last = c->ev.at;
    for (int i = st->nturns - 1; i >= 0; i--)
        if (st->turns[i].bot) {
            last = st->turns[i].at;
            break;
        }
    st->due = last + pb->close_after;
    if (st->due > TY_FLOW_MAX_TIME) st->due = TY_FLOW_MAX_TIME;
    if (st->due <= c->ev.at) return flow_close(c, "no_response", 11, st->flow, st->step);
    return flow_schedule_action(c, "close");
}

/* Sends the reminders due by this tick, in time order (dropped unsent
 * while a person has the conversation). */
static int flow_send_reminders(flow_cx *c) {
    flow_state *st = &c->st;
    int n = 0, rc = TY_OK;
    while (n < st->nrem && st->rem[n].at <= c->ev.at) {
        const flow_reminder *r = &st->rem[n++];
        if (st->status == FLOW_HANDOFF) continue;
        const ty_pb_template *t = flow_tpl(c, r->say);
        ty_value *text = flow_v_str(c, r->text);
        if (!text) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
        flow_wording w;
        flow_wording_of(c, t, flow_pick(c, t, -1, -1), &w); /* as flow_reminder_text picked it */
        if ((rc = flow_emit(c, text, NULL, 0, &w, -1, -1))) return rc;
        flow_metric(c, "reminder", -1, -1, &w, &rc);
        if (rc) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    }
    memmove(st->rem, st->rem + n, (size_t)(st->nrem - n) * sizeof st->rem[0]);
    st->nrem -= n;
    return TY_OK;
}

/* A follow-up that cannot render (a name missing at this point, a
 * placeholder left) is skipped with an "error" event, so the later
 * follow-ups and the close still come. */
static int flow_followup_failed(flow_cx *c, int rc, const ty_pb_followup *f) {
    if (rc != TY_E_MISSING && rc != TY_E_GUARD) return rc;
    const ty_pb_template *t = flow_tpl(c, f->say);
    const char *msg = c->err && c->err->message[0] ? c->err->message : "cannot render";
    int r2 = TY_OK;
    flow_wording w;
    flow_wording_of(c, t, flow_pick(c, t, c->st.flow, c->st.step), &w);
    ty_value *m = flow_metric(c, "error", c->st.flow, c->st.step, &w, &r2);
    flow_put(c, m, "message", ty_val_string(c->out, msg, strlen(msg)), &r2);
    ty_err_clear(c->err);
    return r2 ? ty_err_nomem(c->err, TY_DOMAIN_NONE) : TY_OK;
}

static int flow_on_tick(flow_cx *c) {
    const ty_playbook *pb = c->pb;
    flow_state *st = &c->st;
    int rc = flow_send_reminders(c);
    if (rc) return rc;
    if (st->status != FLOW_ACTIVE || st->flow < 0 || st->due < 0 || c->ev.at < st->due) return TY_OK;
    const ty_pb_followup *fu;
    size_t nfu = flow_followups(c, &fu);
    if ((size_t)st->followups >= nfu) return flow_close(c, "no_response", 11, st->flow, st->step);
    int32_t off = flow_offset(c);
    if (pb->followups_within_window) {
        int64_t cust = flow_customer_at(c);
        if (cust >= 0 && c->ev.at >= cust + TY_FLOW_WINDOW) return flow_tick_drop(c);
    }
    if (pb->has_quiet_hours && ty_flow_quiet(c->ev.at, off, pb->quiet_from, pb->quiet_to)) {
        st->due = flow_window_fit(c, c->ev.at, ty_flow_defer(c->ev.at, off, pb->quiet_from, pb->quiet_to));
        if (st->due < 0) return flow_tick_drop(c);
        return flow_schedule_action(c, "followup");
    }
    const ty_pb_step *step = &pb->flows[st->flow].steps[st->step];
    rc = flow_send(c, fu[st->followups].say, st->flow, st->step, &pb->slots[step->ask]);
    if (rc) {
        if ((rc = flow_followup_failed(c, rc, &fu[st->followups]))) return rc;
    } else {
        flow_metric(c, "followup", st->flow, st->step, &c->sent, &rc);
        if (rc) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    }
    st->followups++;
    return flow_schedule(c, c->ev.at);
}

static int flow_on_resume(flow_cx *c) {
    flow_state *st = &c->st;
    if (st->status != FLOW_HANDOFF) return TY_OK;
    st->status = FLOW_ACTIVE;
    st->reprompts = 0;
    if (st->flow < 0) return TY_OK;
    int rc = flow_repeat(c);
    if (!rc && st->status == FLOW_ACTIVE && st->flow >= 0) {
        st->followups = 0;
        rc = flow_schedule(c, c->ev.at);
    }
    return rc;
}

/* ===================================================================== *
 * Writing the state, the entry point
 * ===================================================================== */

static ty_value *flow_state_write(flow_cx *c, int *rc) {
    const ty_playbook *pb = c->pb;
    const flow_state *st = &c->st;
    ty_doc *d = c->out;
    ty_value *m = ty_val_map_sized(d, FLOW_NKEYS); /* the state's keys, without regrowing */
    flow_put(c, m, "v", ty_val_number(d, TY_FLOW_STATE_VERSION), rc);
    flow_put(c, m, "playbook", ty_val_string(d, pb->ident, pb->ident_len), rc);
    flow_put(c, m, "conversation", flow_v_str(c, st->conv), rc);
    flow_put(c, m, "channel", flow_v_str(c, st->channel), rc);
    const char *status = flow_status_names[st->status];
    flow_put(c, m, "status", ty_val_string(d, status, strlen(status)), rc);
    flow_put(c, m, "intent", flow_v_intent(c, st->intent), rc);
    flow_put(c, m, "flow", flow_v_flow(c, st->flow), rc);
    flow_put(c, m, "step", flow_v_step(c, st->flow, st->step), rc);
    const char *check = flow_check_names[st->check]; /* written only while one waits */
    if (check) flow_put(c, m, "check", ty_val_string(d, check, strlen(check)), rc);
    ty_value *slots = ty_val_map(d);
    for (size_t i = 0; i < pb->nslots; i++)
        if (st->slots[i]) flow_put_copy(c, slots, pb->slots[i].name, ty_val_copy(d, st->slots[i]), rc);
    flow_put(c, m, "slots", slots, rc);
    flow_put(c, m, "options", st->options ? ty_val_copy(d, st->options) : ty_val_null(d), rc);
    ty_value *stack = ty_val_list(d);
    for (int i = 0; i < st->nstack; i++) {
        const flow_frame *fr = &st->stack[i];
        ty_value *e = ty_val_map(d);
        flow_put(c, e, "flow", flow_v_flow(c, fr->flow), rc);
        flow_put(c, e, "step", flow_v_step(c, fr->flow, fr->step), rc);
        flow_put(c, e, "intent", flow_v_intent(c, fr->intent), rc);
        flow_put(c, e, "asked_at", flow_v_time(c, fr->asked_at), rc);
        flow_push(c, stack, e, rc);
    }
    flow_put(c, m, "stack", stack, rc);
    flow_put(c, m, "asked_at", flow_v_time(c, st->asked_at), rc);
    flow_put(c, m, "reprompts", ty_val_number(d, st->reprompts), rc);
    flow_put(c, m, "followups", ty_val_number(d, st->followups), rc);
    int64_t due = st->due;
    if (st->nrem && (due < 0 || st->rem[0].at < due)) due = st->rem[0].at;
    flow_put(c, m, "due", flow_v_time(c, due), rc);
    flow_put(c, m, "utc_offset", st->has_offset ? ty_val_number(d, st->offset) : ty_val_null(d), rc);
    flow_put(c, m, "last_at", flow_v_time(c, st->last_at), rc);
    ty_value *turns = ty_val_list(d);
    for (int i = 0; i < st->nturns; i++) {
        const flow_turn *t = &st->turns[i];
        ty_value *e = ty_val_map(d);
        flow_put(c, e, "from", ty_val_string(d, t->bot ? "bot" : "customer", t->bot ? 3 : 8), rc);
        flow_put(c, e, "text", flow_v_str(c, t->text), rc);
        flow_put(c, e, "at", flow_v_time(c, t->at), rc);
        flow_push(c, turns, e, rc);
    }
    flow_put(c, m, "turns", turns, rc);
    if (st->lang >= 0) { /* written once the conversation's language is known */
        const ty_pb_lang *l = &pb->langs[st->lang];
        flow_put(c, m, "locale", ty_val_string(d, l->code, l->code_len), rc);
    }
    if (st->nrem) { /* written only while reminders wait */
        flow_put(c, m, "followup_due", flow_v_time(c, st->due), rc);
        ty_value *rem = ty_val_list(d);
        for (int i = 0; i < st->nrem; i++) {
            const flow_reminder *r = &st->rem[i];
            ty_value *e = ty_val_map(d);
            const ty_pb_template *t = &pb->templates[r->say];
            flow_put(c, e, "at", flow_v_time(c, r->at), rc);
            flow_put(c, e, "template", ty_val_string(d, t->name, t->name_len), rc);
            flow_put(c, e, "text", flow_v_str(c, r->text), rc);
            flow_push(c, rem, e, rc);
        }
        flow_put(c, m, "reminders", rem, rc);
    }
    if (pb->version) flow_put(c, m, "playbook_version", ty_val_string(d, pb->version, pb->version_len), rc);
    if (st->nseen) { /* written once an event carried an id */
        ty_value *seen = ty_val_list(d);
        for (int i = 0; i < st->nseen; i++) flow_push(c, seen, flow_v_str(c, st->seen[i]), rc);
        flow_put(c, m, "seen", seen, rc);
    }
    if (pb->state_ttl) { /* from the last event: a conversation left alone that long is over */
        int64_t exp = st->last_at > TY_FLOW_MAX_TIME - pb->state_ttl ? TY_FLOW_MAX_TIME : st->last_at + pb->state_ttl;
        flow_put(c, m, "expires", flow_v_time(c, exp), rc);
    }
    return *rc ? NULL : m;
}

/* The conversation's language: the host's ("locale" in the event), else the
 * one kept in the state, else the one the customer's message is written in
 * (kept from then on), else for now the playbook's own. */
static void flow_choose_language(flow_cx *c) {
    flow_state *st = &c->st;
    if (c->ev.lang >= 0) st->lang = c->ev.lang;
    if (st->lang < 0 && c->ev.type == FLOW_EV_MESSAGE && c->ev.text.s) {
        /* the message's tokens, kept for the step (flow_on_message) */
        if (c->pb->nlangs >= 2 && !c->has_toks && !ty_text_tokenize(c->ev.text.s, c->ev.text.n, c->scratch, &c->toks))
            c->has_toks = true;
        st->lang = ty_pb_detect_lang(c->pb, c->ev.text.s, c->ev.text.n, c->has_toks ? &c->toks : NULL, c->scratch);
    }
    c->lang = &c->pb->langs[st->lang >= 0 ? st->lang : 0];
    c->judge = c->lang->judge;
    c->words = c->lang->words;
}

/* A state past its "expires" (at or after it) is over: TY_E_EXPIRED. */
static int flow_check_expiry(flow_cx *c) {
    if (c->st.expires < 0 || c->ev.at < c->st.expires) return TY_OK;
    return flow_st_fail(c, TY_E_EXPIRED, "state.expires: the conversation expired at %lld; the event is at %lld "
                                         "(start a new conversation with state null)",
                        (long long)c->st.expires, (long long)c->ev.at);
}

/* Writes the result root into c->out: {"state", "actions", "events"}, and
 * "dropped" when migrating. */
static int flow_result(flow_cx *c) {
    int rc = TY_OK;
    ty_value *sv = flow_state_write(c, &rc);
    ty_value *root = ty_val_map(c->out);
    flow_put(c, root, "state", sv, &rc);
    flow_put(c, root, "actions", c->actions, &rc);
    flow_put(c, root, "events", c->events, &rc);
    if (c->migrating) flow_put(c, root, "dropped", c->dropped, &rc);
    if (c->duplicate) flow_put(c, root, "duplicate", ty_val_bool(c->out, 1), &rc);
    if (rc) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    if (!flow_json_fits(sv, TY_FLOW_MAX_STATE_BYTES))
        return flow_st_fail(c, TY_E_LIMIT, "state: the new state would be larger than %u bytes of JSON",
                            TY_FLOW_MAX_STATE_BYTES);
    ty_doc_set_root(c->out, root);
    return TY_OK;
}

static int flow_step_into(flow_cx *c, const ty_value *state, const ty_value *event) {
    int rc = flow_event_read(c, event);
    if (rc) return rc;
    if ((rc = flow_state_read(c, state))) return rc;
    flow_state *st = &c->st;
    flow_event *ev = &c->ev;
    if (flow_seen(c)) { /* delivered again: nothing to do, the state as it was */
        c->duplicate = true;
        return flow_result(c);
    }
    if (st->last_at >= 0 && ev->at < st->last_at) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "is earlier than the state's last event (%lld): it arrived out of order; drop it, or step it with a "
                 "later at to read it anyway",
                 (long long)st->last_at);
        return flow_ev_fail(c, TY_E_LATE, "at", msg);
    }
    if ((rc = flow_check_expiry(c))) return rc;
    if (ev->conv.s && st->conv.s && !flow_str_eq(ev->conv, st->conv))
        return flow_ev_fail(c, TY_E_EVENT, "conversation", "names another conversation than the state's");
    if (ev->conv.s) st->conv = ev->conv;
    if (ev->channel.s) st->channel = ev->channel;
    if (ev->has_offset) {
        st->has_offset = true;
        st->offset = ev->offset;
    }
    flow_choose_language(c);
    switch (ev->type) {
    case FLOW_EV_MESSAGE:
        rc = flow_on_message(c);
        if (!rc && st->status == FLOW_ACTIVE && st->flow >= 0) {
            st->followups = 0;
            rc = flow_schedule(c, ev->at);
        } else if (!rc) {
            st->due = -1;
        }
        break;
    case FLOW_EV_TICK: rc = flow_on_tick(c); break;
    default: rc = flow_on_resume(c); break;
    }
    if (rc) return rc;
    st->last_at = ev->at;
    flow_remember_id(c);
    return flow_result(c);
}

/* Sets c up for a call on pb: the result and scratch docs, the action and
 * event lists, the slot table. On failure (TY_E_NOMEM, err set) the caller
 * still calls flow_cx_close. */
static int flow_cx_open(flow_cx *c, const ty_playbook *pb, ty_error *err) {
    memset(c, 0, sizeof *c);
    c->show_at = -1;
    c->lost_flow = -1;
    c->pb = pb;
    c->err = err;
    memcpy(c->fingerprint, pb->fingerprint, sizeof c->fingerprint);
    ty_buf_init(&c->buf, pb->alloc);
    ty_buf_init(&c->showbuf, pb->alloc);
    c->out = ty_doc_new(pb->alloc);
    c->tmp = ty_doc_new(pb->alloc);
    if (!c->out || !c->tmp) return ty_err_nomem(err, TY_DOMAIN_NONE);
    c->scratch = ty_doc_arena(c->tmp);
    c->actions = ty_val_list(c->out);
    c->events = ty_val_list(c->out);
    size_t bytes;
    if (!c->actions || !c->events || !ty_size_mul(pb->nslots ? pb->nslots : 1, sizeof *c->st.slots, &bytes) ||
        !(c->st.slots = ty_arena_alloc(c->scratch, bytes)))
        return ty_err_nomem(err, TY_DOMAIN_NONE);
    memset(c->st.slots, 0, bytes);
    return TY_OK;
}

/* Frees c's scratch; returns c->out on success (rc 0), else frees it too
 * and returns NULL. */
static ty_doc *flow_cx_close(flow_cx *c, int rc) {
    ty_buf_free(&c->buf);
    ty_buf_free(&c->showbuf);
    ty_doc_free(c->tmp);
    if (!rc) return c->out;
    ty_doc_free(c->out);
    return NULL;
}

/* Returns a new doc the caller frees with ty_doc_free; reads pb, state and
 * event only. */
ty_doc *ty_playbook_step(const ty_playbook *pb, const ty_value *state, const ty_value *event, ty_error *err) {
    ty_err_clear(err);
    if (!pb || !event) {
        ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "playbook and event are required");
        return NULL;
    }
    flow_cx c;
    int rc = flow_cx_open(&c, pb, err);
    if (!rc) rc = flow_step_into(&c, state, event);
    return flow_cx_close(&c, rc);
}

/* ===================================================================== *
 * Migrating a state across a playbook edit
 * ===================================================================== */

/* The step of flow f a migrated conversation resumes at: the first one
 * (in the flow's order) that asks a slot whose value was dropped, before
 * step `upto` (-1: anywhere); with `open`, else the first that asks a slot
 * still empty. Steps whose options come from event data are skipped (a
 * migration cannot supply them). -1 for none. */
static int32_t flow_resume_step(const flow_cx *c, int32_t f, int32_t upto, bool open) {
    const ty_pb_flow *fl = &c->pb->flows[f];
    for (size_t i = 0; i < fl->nsteps && (upto < 0 || (int32_t)i < upto); i++) {
        int32_t a = fl->steps[i].ask;
        if (a < 0 || c->pb->slots[a].options_from) continue;
        if (c->slot_dropped[a] || (open && !c->st.slots[a])) return (int32_t)i;
    }
    return -1;
}

/* After the reader dropped what no longer fits, the conversation resumes
 * at the nearest sensible step: when the pending step is gone, the first
 * step of its flow still open; when its flow is gone, the innermost
 * suspended ask, else the flow of the conversation's intent; when a slot
 * an earlier step of the pending flow asks lost its value, that step. An
 * active conversation is asked that question now; one with a person keeps
 * it for the resume event. */
static int flow_migrate_resume(flow_cx *c) {
    flow_state *st = &c->st;
    if (st->status == FLOW_CLOSED || st->status == FLOW_OPTED_OUT) return TY_OK;
    int32_t f = -1, s = -1;
    int64_t asked_at = c->ev.at;
    if (st->flow >= 0) {
        f = st->flow;
        if ((s = flow_resume_step(c, f, st->step, false)) < 0) return TY_OK; /* the pending ask stands */
    } else if (c->lost_flow >= 0) {
        f = c->lost_flow;
        s = flow_resume_step(c, f, -1, true);
    } else if (st->nstack) {
        const flow_frame fr = st->stack[--st->nstack];
        f = fr.flow;
        s = fr.step;
        st->intent = fr.intent;
        asked_at = fr.asked_at;
    } else if (st->intent >= 0 && (f = c->pb->intents[st->intent].flow) >= 0) {
        s = flow_resume_step(c, f, -1, true);
    }
    if (f < 0 || s < 0) return TY_OK;
    int rc = TY_OK;
    if (st->status == FLOW_ACTIVE) {
        rc = flow_ask(c, f, s, NULL);
        if (!rc) st->asked_at = asked_at;
        if (!rc && st->flow >= 0) {
            st->followups = 0;
            rc = flow_schedule(c, c->ev.at);
        }
    } else { /* with a person: the resume event asks it */
        st->flow = f;
        st->step = s;
        st->asked_at = asked_at;
        st->reprompts = 0;
    }
    return rc;
}

static int flow_migrate_into(flow_cx *c, const ty_value *state, int64_t at) {
    c->migrating = true;
    size_t nb = (c->pb->nslots ? c->pb->nslots : 1) * sizeof *c->slot_dropped;
    if (!(c->slot_dropped = ty_arena_alloc(c->scratch, nb))) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    memset(c->slot_dropped, 0, nb);
    c->ev.type = FLOW_EV_TICK;
    c->ev.lang = -1;
    c->ev.at = at;
    if (!(c->dropped = ty_val_list(c->out))) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    int rc = flow_state_read(c, state);
    if (rc) return rc;
    flow_state *st = &c->st;
    if (st->last_at > at) {
        ty_err_path(c->err, "at");
        return ty_err_set(c->err, TY_DOMAIN_NONE, TY_E_ARG, "at: %lld is earlier than the state's last event (%lld)",
                          (long long)at, (long long)st->last_at);
    }
    if ((rc = flow_check_expiry(c))) return rc;
    flow_choose_language(c);
    if ((rc = flow_migrate_resume(c))) return rc;
    st->last_at = at;
    return flow_result(c);
}

/* See tinyyes.h; reads pb and state only. */
ty_doc *ty_playbook_migrate(const ty_playbook *pb, const ty_value *state, int64_t at, ty_error *err) {
    ty_err_clear(err);
    if (!pb || !state || ty_value_kind(state) != TY_MAP) {
        ty_err_path(err, "state");
        ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "state: must be a conversation state (an object)");
        return NULL;
    }
    if (at < 0 || at > TY_FLOW_MAX_TIME) {
        ty_err_path(err, "at");
        ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "at: must be Unix seconds from 0 to 2^53 - 1");
        return NULL;
    }
    flow_cx c;
    int rc = flow_cx_open(&c, pb, err);
    if (!rc) rc = flow_migrate_into(&c, state, at);
    return flow_cx_close(&c, rc);
}
