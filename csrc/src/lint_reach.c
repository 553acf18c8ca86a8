/*
 * lint_reach.c — the playbook-level checks of ty_playbook_lint (TY101 to
 * TY106, listed in lint.c's header comment): what a playbook does at run
 * time, found without a customer.
 *
 * Which slots are certainly filled where a template is sent is a forward
 * dataflow over the steps of every flow, each step holding the set of
 * slots filled on EVERY way to it (a bitset; meet = intersection):
 *  - a flow that an intent starts begins with nothing certain (it may be the
 *    customer's first message, and a digression starts it from any pending
 *    ask with whatever that ask had, which is more); "@flow" and step ids in
 *    `next` (single or per answer) carry the set along;
 *  - a step's `set` adds its slots when it is reached; an ask adds its slot
 *    for the steps after it (answered, or skipped because it was filled);
 *    entities a message carries add nothing (they may not come);
 *  - a step whose slot may be empty waits there: it is "pending". Follow-ups
 *    and the refusal messages (date_closed, offer, ...) are sent at any
 *    pending ask, so they get the intersection over all pending asks; an
 *    intent's `say`, the fallback, confirm_stop, offer_person and off_topic
 *    can answer a first message, so they get nothing.
 * Each step's set only shrinks and is queued again only when it does, so the
 * fixed point costs O(steps x slots / 64) words per visit, at most
 * (slots + 1) visits per step: linear in the playbook for any real one.
 *
 * The names a template reads come from ty_template_walk (both branches of
 * every section, partials where they are included), resolved the way the
 * flow engine resolves them (flow_render.c, flow_op_get): a refusal's own values,
 * `options`, `question` (only while a question is pending), the filled
 * slots, then the event's `data`. Sections change the lookup as Mustache
 * does: inside {{#options}} an option's keys come first, inside a choice or
 * date slot its parts, and inside a section over the host's data anything
 * may come from it (not checked). A section or inverted section on a name,
 * its parent or its part "tests" it: the name is not reported inside.
 *
 * Shape: choice slots with more than three options, steps no way reaches
 * and flows nothing starts. A say-only step whose turn goes on to a
 * question (its next step asks, possibly after more say-only steps or
 * skipped asks) sends a message that needs no ask of its own, and so does a
 * refusal that "offer" completes: ty_lint_reach_run marks the templates
 * only ever sent that way, and lint.c waives TY002 for them (the rule is in
 * lint.c's header comment).
 *
 * Everything lives in the caller's arena; nothing is kept between calls.
 */
#include "lint.h"

#include <stdio.h>

#include "playbook.h"
#include "template.h"

typedef uint64_t lr_word;

/* Where a template is sent from. */
enum { LR_STEP = 0, LR_INTENT, LR_FALLBACK, LR_FOLLOWUP, LR_BUILTIN, LR_REMIND };
/* Whether `options` has items there. */
enum { LR_OPTS_SOME = 0, LR_OPTS_NONE, LR_OPTS_MAYBE };

/* The built-in messages a template can replace (docs/judgment.md,
 * docs/playbook.md), as the flow engine sends them. */
static const struct {
    const char *name;
    int opts;
    bool refusal;    /* sent at a pending ask, with the refusal's own values */
    int needs;       /* 1: a pending date ask, 2: a pending time ask, 3: either */
    bool then_offer; /* "offer" or "offer_none" follows in the same message */
    bool then_ask;   /* the pending question follows in the same turn */
    bool then_menu;  /* the pending question follows, or the playbook's fallback when none is pending */
} lr_builtins[] = {
    {"confirm_stop", LR_OPTS_SOME, false, 0, false, false, false},
    {"offer_person", LR_OPTS_SOME, false, 0, false, false, false},
    {"confirm_person", LR_OPTS_SOME, false, 0, false, false, false},
    {"sorry_person", LR_OPTS_SOME, false, 0, false, false, false},
    {"off_topic", LR_OPTS_NONE, false, 0, false, false, true},
    {"date_passed", LR_OPTS_MAYBE, true, 1, true, false, false},
    {"date_future", LR_OPTS_MAYBE, true, 1, false, false, false},
    {"date_closed", LR_OPTS_MAYBE, true, 1, true, false, false},
    {"date_too_soon", LR_OPTS_MAYBE, true, 1, true, false, false},
    {"date_invalid", LR_OPTS_MAYBE, true, 1, true, false, false},
    {"time_closed", LR_OPTS_MAYBE, true, 2, true, false, false},
    {"time_passed", LR_OPTS_MAYBE, true, 2, true, false, false},
    {"time_too_soon", LR_OPTS_MAYBE, true, 2, true, false, false},
    {"offer", LR_OPTS_SOME, true, 3, false, false, false},
    {"offer_none", LR_OPTS_NONE, true, 3, false, false, false},
    {"thanks_reply", LR_OPTS_NONE, false, 0, false, false, false},
    {"goodbye", LR_OPTS_NONE, false, 0, false, false, false},
    {"aside", LR_OPTS_NONE, false, 0, false, true, false},
    {"no_worries", LR_OPTS_NONE, false, 0, false, true, false},
    {"clearer", LR_OPTS_NONE, false, 0, false, true, false},
    {"apology", LR_OPTS_NONE, false, 0, false, false, false},
    {"recap", LR_OPTS_NONE, false, 0, false, false, false},
};
#define LR_NBUILTINS (sizeof lr_builtins / sizeof lr_builtins[0])

/* The values a refusal message renders with (flow_refusal.c, flow_refusal_values). */
static const char *const lr_refusal_names[] = {"when", "date", "time", "hours", "month", "days", NULL};

/* One send of a template. */
typedef struct lr_site {
    int kind;
    int32_t tmpl;
    int32_t index;        /* STEP, REMIND: global step; INTENT, FOLLOWUP, BUILTIN: their index */
    int32_t sub;          /* REMIND: which of the step's reminders */
    const lr_word *filled; /* certainly filled; NULL: nothing */
    int32_t asks;         /* the slot the send asks for (empty then), or -1 */
    int32_t no_question;  /* -1: {{question}} is there; -2: nothing may be
                             pending; else a pending step whose question
                             has no sentence to repeat */
    bool refusal;
    int opts;
} lr_site;

/* One step in the dataflow. */
typedef struct lr_step {
    int32_t flow, step;
    bool reached, queued, pending;
    bool all_answers;  /* its `next` map names every answer (lr_all_answers) */
    lr_word *in, *out; /* certainly filled on arrival / after its `set` */
} lr_step;

/* What a section pushes on Mustache's context stack, for the names inside. */
enum { LR_CX_NONE = 0, LR_CX_UNKNOWN, LR_CX_OPTION, LR_CX_CHOICE, LR_CX_DATE, LR_CX_TIME, LR_CX_MONEY, LR_CX_NUMBER };

#define LR_MAX_OPEN 256  /* sections open at once (the walk's own cap) */
#define LR_MAX_SEEN 64   /* names reported once per text */

typedef struct lr_cx {
    const ty_playbook *pb;
    ty_arena *a;
    ty_lint_reach *r;
    size_t words;          /* lr_words per slot set */
    size_t nsteps;
    size_t *base;          /* [nflows]: global index of each flow's step 0 */
    lr_step *steps;
    uint32_t *queue;
    lr_word *empty, *pending_all; /* nothing; filled at every pending ask */
    bool any_pending, date_pending, time_pending;
    lr_site *sites;
    size_t nsites, csites;
    size_t *first;         /* [ntemplates + 1]: sites of template t are
                              sites[first[t] .. first[t+1]) once sorted */
    int8_t *turn;          /* [nsteps]: memo of lr_turn_asks (0 unknown, 1, 2 no, 3 busy) */
    int rc;
} lr_cx;

/* ===================================================================== *
 * Notes
 * ===================================================================== */

static void lr_note(lr_cx *c, const char *code, bool error, int32_t tmpl, long variant, int channel, bool span,
                    size_t start, size_t end, const char *path, const char *fmt, ...) TY_PRINTF(11, 12);

/* Appends a note with a formatted message (arena copies). */
static void lr_note(lr_cx *c, const char *code, bool error, int32_t tmpl, long variant, int channel, bool span,
                    size_t start, size_t end, const char *path, const char *fmt, ...) {
    if (c->rc) return;
    ty_lint_reach *r = c->r;
    if (r->nnotes == r->cnotes) {
        size_t nc = r->cnotes ? r->cnotes * 2 : 16, bytes;
        ty_lint_note *p = ty_size_mul(nc, sizeof *p, &bytes) ? ty_arena_alloc(c->a, bytes) : NULL;
        if (!p) {
            c->rc = TY_E_NOMEM;
            return;
        }
        if (r->nnotes) memcpy(p, r->notes, r->nnotes * sizeof *p);
        r->notes = p;
        r->cnotes = nc;
    }
    char msg[TY_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    size_t k = ty_vformat(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ty_lint_note *x = &r->notes[r->nnotes];
    x->code = code;
    x->error = error;
    x->tmpl = tmpl;
    x->variant = variant;
    x->channel = channel;
    x->span = span;
    x->start = start;
    x->end = end;
    x->path = ty_arena_dup(c->a, path, strlen(path));
    x->msg = ty_arena_dup(c->a, msg, k);
    if (!x->path || !x->msg) c->rc = TY_E_NOMEM;
    else r->nnotes++;
}

/* ===================================================================== *
 * Slot sets and the dataflow
 * ===================================================================== */

static bool lr_has(const lr_word *set, int32_t slot) {
    return set && slot >= 0 && (set[(size_t)slot / 64] >> ((size_t)slot % 64) & 1);
}

static void lr_add(lr_word *set, int32_t slot) { set[(size_t)slot / 64] |= (lr_word)1 << ((size_t)slot % 64); }

/* A new empty set in the arena (NULL on OOM, with c->rc set). */
static lr_word *lr_set(lr_cx *c) {
    lr_word *s = ty_arena_alloc(c->a, c->words * sizeof *s);
    if (!s) c->rc = TY_E_NOMEM;
    else memset(s, 0, c->words * sizeof *s);
    return s;
}

static size_t lr_global(const lr_cx *c, int32_t flow, int32_t step) { return c->base[flow] + (size_t)step; }

/* Arrives at global step g with `set` filled: the first arrival takes it,
 * later ones keep what both have; the step is queued when that changed. */
static void lr_meet(lr_cx *c, size_t g, const lr_word *set, size_t *tail) {
    lr_step *t = &c->steps[g];
    bool changed = !t->reached;
    if (!t->reached) {
        t->reached = true;
        memcpy(t->in, set, c->words * sizeof *set);
    } else {
        for (size_t w = 0; w < c->words; w++) {
            lr_word x = t->in[w] & set[w];
            changed |= x != t->in[w];
            t->in[w] = x;
        }
    }
    if (changed && !t->queued) {
        t->queued = true;
        c->queue[*tail % c->nsteps] = (uint32_t)g;
        (*tail)++;
    }
}

/* True when the `next` map of st names every answer its ask can give, so
 * no answer goes on to the following step. */
static bool lr_all_answers(const ty_playbook *pb, const ty_pb_step *st) {
    if (st->ask < 0 || !st->nbranches) return false;
    const ty_slot *slot = &pb->slots[st->ask];
    static const char *const yn[2] = {"yes", "no"};
    size_t n = slot->type == TY_SLOT_YESNO ? 2 : slot->type == TY_SLOT_CHOICE && !slot->options_from ? slot->noptions : 0;
    if (!n) return false;
    for (size_t i = 0; i < n; i++) {
        const char *id = slot->type == TY_SLOT_YESNO ? yn[i] : slot->options[i].id;
        size_t idn = strlen(id);
        bool named = false;
        for (size_t b = 0; b < st->nbranches && !named; b++)
            named = st->branches[b].answer_len == idn && memcmp(st->branches[b].answer, id, idn) == 0;
        if (!named) return false;
    }
    return true;
}

/* The k-th step that global step g can go to next (its `next` map's
 * targets, then `next` or the following step unless the map names every
 * answer), as a global index; SIZE_MAX past the last. Running past the
 * flow's end, or an `end`, goes nowhere. */
static size_t lr_next_k(const lr_cx *c, size_t g, size_t k) {
    const lr_step *st = &c->steps[g];
    const ty_pb_flow *fl = &c->pb->flows[st->flow];
    const ty_pb_step *ps = &fl->steps[st->step];
    if (ps->ask < 0 && ps->end) return SIZE_MAX;
    if (k < ps->nbranches) return lr_global(c, ps->branches[k].to.flow, ps->branches[k].to.step);
    if (k > ps->nbranches || st->all_answers) return SIZE_MAX;
    if (ps->has_next) return lr_global(c, ps->next.flow, ps->next.step);
    return (size_t)st->step + 1 < fl->nsteps ? g + 1 : SIZE_MAX;
}

/* Runs the dataflow to its fixed point. */
static void lr_flow(lr_cx *c) {
    const ty_playbook *pb = c->pb;
    size_t head = 0, tail = 0;
    lr_word *tmp = lr_set(c);
    if (!tmp) return;
    for (size_t i = 0; i < pb->nintents; i++) {
        const ty_pb_intent *in = &pb->intents[i];
        if (in->flow >= 0 && in->does != TY_PB_DOES_OPT_OUT && in->does != TY_PB_DOES_HANDOFF)
            lr_meet(c, lr_global(c, in->flow, 0), c->empty, &tail);
    }
    while (head < tail) {
        size_t g = c->queue[head % c->nsteps];
        head++;
        lr_step *st = &c->steps[g];
        st->queued = false;
        const ty_pb_step *ps = &pb->flows[st->flow].steps[st->step];
        memcpy(st->out, st->in, c->words * sizeof *tmp);
        for (size_t k = 0; k < ps->nsets; k++) lr_add(st->out, ps->sets[k].slot);
        memcpy(tmp, st->out, c->words * sizeof *tmp);
        if (ps->ask >= 0) lr_add(tmp, ps->ask);
        size_t to;
        for (size_t k = 0; (to = lr_next_k(c, g, k)) != SIZE_MAX; k++) lr_meet(c, to, tmp, &tail);
    }
}

/* True when every text of template ti has a sentence ending in "?" for
 * {{question}} to repeat (or may have one through a partial). */
static bool lr_has_question(const ty_playbook *pb, int32_t ti) {
    const ty_pb_template *t = &pb->templates[ti];
    for (size_t k = 0; k <= t->nvariants + TY_PB_CHANNEL_COUNT; k++) {
        const char *s = k == 0 ? t->source : k <= t->nvariants ? t->variant_sources[k - 1] : t->channel_sources[k - 1 - t->nvariants];
        size_t n = k == 0 ? t->source_len : k <= t->nvariants ? t->variant_source_lens[k - 1] : t->channel_source_lens[k - 1 - t->nvariants];
        if (!s) continue;
        bool q = memchr(s, '?', n) != NULL;
        for (size_t i = 0; !q && i + 2 < n; i++) q = s[i] == '{' && s[i + 1] == '{' && s[i + 2] == '>';
        if (!q) return false;
    }
    return true;
}

/* ===================================================================== *
 * Where each template is sent
 * ===================================================================== */

static lr_site *lr_site_new(lr_cx *c, int kind, int32_t tmpl, int32_t index) {
    if (c->rc || tmpl < 0) return NULL;
    if (c->nsites == c->csites) {
        size_t nc = c->csites ? c->csites * 2 : 32, bytes;
        lr_site *p = ty_size_mul(nc, sizeof *p, &bytes) ? ty_arena_alloc(c->a, bytes) : NULL;
        if (!p) {
            c->rc = TY_E_NOMEM;
            return NULL;
        }
        if (c->nsites) memcpy(p, c->sites, c->nsites * sizeof *p);
        c->sites = p;
        c->csites = nc;
    }
    lr_site *x = &c->sites[c->nsites++];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->tmpl = tmpl;
    x->index = index;
    x->asks = -1;
    x->no_question = -2;
    x->opts = LR_OPTS_NONE;
    return x;
}

/* Whether an ask of slot si offers options (choice and yes/no do). */
static bool lr_offers(const ty_playbook *pb, int32_t si) {
    return si >= 0 && (pb->slots[si].type == TY_SLOT_CHOICE || pb->slots[si].type == TY_SLOT_YESNO);
}

/* The pending asks: which there are, what every one has filled, what
 * options and question a follow-up finds there. */
static void lr_pending(lr_cx *c, int *opts, int32_t *no_question) {
    const ty_playbook *pb = c->pb;
    bool some = false, none = false;
    *no_question = -1;
    for (size_t g = 0; g < c->nsteps; g++) {
        lr_step *st = &c->steps[g];
        const ty_pb_step *ps = &pb->flows[st->flow].steps[st->step];
        if (!st->reached || ps->ask < 0 || lr_has(st->out, ps->ask)) continue;
        st->pending = true;
        const ty_slot *slot = &pb->slots[ps->ask];
        if (!c->any_pending) memcpy(c->pending_all, st->out, c->words * sizeof *st->out);
        for (size_t w = 0; w < c->words; w++) c->pending_all[w] &= st->out[w];
        c->any_pending = true;
        c->date_pending |= slot->type == TY_SLOT_DATE;
        c->time_pending |= slot->type == TY_SLOT_TIME;
        if (lr_offers(pb, ps->ask)) some = true;
        else none = true;
        bool listed = slot->type == TY_SLOT_CHOICE && !slot->options_from && slot->noptions >= 2 && slot->noptions <= 3;
        if (*no_question == -1 && !listed && !lr_has_question(pb, ps->say)) *no_question = (int32_t)g;
    }
    *opts = some && none ? LR_OPTS_MAYBE : none ? LR_OPTS_NONE : LR_OPTS_SOME;
}

/* A flow's own follow-ups: sent at any of its pending asks, so only the
 * slots filled at every one of them count. Their site index is
 * -(1 + flow * TY_PB_MAX_FOLLOWUPS + j). */
static void lr_flow_followups(lr_cx *c, int opts, int32_t no_q) {
    const ty_playbook *pb = c->pb;
    for (size_t f = 0; f < pb->nflows; f++) {
        const ty_pb_flow *fl = &pb->flows[f];
        if (!fl->has_followups || !fl->nfollowups) continue;
        lr_word *filled = lr_set(c);
        bool any = false;
        for (size_t g = 0; filled && g < c->nsteps; g++) {
            const lr_step *st = &c->steps[g];
            if (st->flow != (int32_t)f || !st->pending) continue;
            for (size_t w = 0; w < c->words; w++) filled[w] = any ? filled[w] & st->out[w] : st->out[w];
            any = true;
        }
        for (size_t j = 0; any && j < fl->nfollowups; j++) {
            lr_site *x = lr_site_new(c, LR_FOLLOWUP, fl->followups[j].say, -(int32_t)(1 + f * TY_PB_MAX_FOLLOWUPS + j));
            if (!x) continue;
            x->filled = filled;
            x->no_question = no_q;
            x->opts = opts;
        }
    }
}

/* Lists every send of every template, then groups them by template. */
static void lr_sites(lr_cx *c) {
    const ty_playbook *pb = c->pb;
    lr_site *x;
    int opts;
    int32_t no_q;
    lr_pending(c, &opts, &no_q);
    for (size_t g = 0; g < c->nsteps; g++) {
        const lr_step *st = &c->steps[g];
        const ty_pb_step *ps = &pb->flows[st->flow].steps[st->step];
        if (!st->reached || (ps->ask >= 0 && !st->pending)) continue;
        if (!(x = lr_site_new(c, LR_STEP, ps->say, (int32_t)g))) continue;
        x->filled = st->out;
        x->asks = ps->ask;
        x->opts = lr_offers(pb, ps->ask) ? LR_OPTS_SOME : LR_OPTS_NONE;
    }
    /* a step's reminders render when it runs, with what it has */
    for (size_t g = 0; g < c->nsteps; g++) {
        const lr_step *st = &c->steps[g];
        const ty_pb_step *ps = &pb->flows[st->flow].steps[st->step];
        for (size_t r = 0; st->reached && r < ps->nreminders; r++) {
            if (!(x = lr_site_new(c, LR_REMIND, ps->reminders[r].say, (int32_t)g))) continue;
            x->sub = (int32_t)r;
            x->filled = st->out;
        }
    }
    for (size_t i = 0; i < pb->nintents; i++) {
        const ty_pb_intent *in = &pb->intents[i];
        if (in->say >= 0 && (in->flow < 0 || in->does == TY_PB_DOES_OPT_OUT || in->does == TY_PB_DOES_HANDOFF))
            lr_site_new(c, LR_INTENT, in->say, (int32_t)i);
    }
    if ((x = lr_site_new(c, LR_FALLBACK, pb->fallback, 0))) x->opts = LR_OPTS_MAYBE;
    for (size_t j = 0; c->any_pending && j < pb->nfollowups; j++) {
        if (!(x = lr_site_new(c, LR_FOLLOWUP, pb->followups[j].say, (int32_t)j))) continue;
        x->filled = c->pending_all;
        x->no_question = no_q;
        x->opts = opts;
    }
    lr_flow_followups(c, opts, no_q);
    for (size_t b = 0; b < LR_NBUILTINS; b++) {
        int needs = lr_builtins[b].needs;
        if (needs && !((needs & 1 && c->date_pending) || (needs & 2 && c->time_pending))) continue;
        int32_t ti = ty_pb_template_find(pb, lr_builtins[b].name, strlen(lr_builtins[b].name));
        if (!(x = lr_site_new(c, LR_BUILTIN, ti, (int32_t)b))) continue;
        x->refusal = lr_builtins[b].refusal;
        x->filled = x->refusal ? c->pending_all : NULL;
        x->opts = lr_builtins[b].opts;
    }
    if (c->rc) return;
    /* group by template, keeping the order above (a counting sort) */
    size_t nt = pb->ntemplates;
    lr_site *sorted = ty_arena_alloc(c->a, (c->nsites ? c->nsites : 1) * sizeof *sorted);
    c->first = ty_arena_alloc(c->a, (nt + 2) * sizeof *c->first);
    if (!sorted || !c->first) {
        c->rc = TY_E_NOMEM;
        return;
    }
    memset(c->first, 0, (nt + 2) * sizeof *c->first);
    for (size_t i = 0; i < c->nsites; i++) c->first[c->sites[i].tmpl + 2]++;
    for (size_t t = 2; t < nt + 2; t++) c->first[t] += c->first[t - 1];
    for (size_t i = 0; i < c->nsites; i++) sorted[c->first[c->sites[i].tmpl + 1]++] = c->sites[i];
    c->sites = sorted;
}

/* ===================================================================== *
 * A say-only step followed by a question (TY002 waived)
 * ===================================================================== */

/* True when arriving at global step g, the bot asks a question before the
 * turn ends on every way on: g asks (and its slot may be empty), or g is
 * skipped or only says, and every step it goes on to does. Memoised; a
 * loop counts as no. */
static bool lr_turn_asks(lr_cx *c, size_t g, unsigned depth) {
    if (c->turn[g]) return c->turn[g] == 1;
    const lr_step *st = &c->steps[g];
    const ty_pb_step *ps = &c->pb->flows[st->flow].steps[st->step];
    if (ps->ask >= 0 && !lr_has(st->out, ps->ask)) return (c->turn[g] = 1) == 1;
    if ((ps->ask < 0 && ps->end) || depth > 64) return false;
    c->turn[g] = 3;
    size_t to = lr_next_k(c, g, 0);
    bool yes = to != SIZE_MAX;
    for (size_t k = 1; yes && to != SIZE_MAX; to = lr_next_k(c, g, k++)) yes = lr_turn_asks(c, to, depth + 1);
    c->turn[g] = yes ? 1 : 2;
    return yes;
}

/* Marks the templates every send of which is a say-only step whose turn
 * goes on to a question. */
static void lr_waivers(lr_cx *c) {
    const ty_playbook *pb = c->pb;
    c->r->asks_next = ty_arena_alloc(c->a, (pb->ntemplates ? pb->ntemplates : 1) * sizeof *c->r->asks_next);
    c->turn = ty_arena_alloc(c->a, c->nsteps ? c->nsteps : 1);
    if (!c->r->asks_next || !c->turn) {
        c->rc = TY_E_NOMEM;
        return;
    }
    memset(c->turn, 0, c->nsteps ? c->nsteps : 1);
    for (size_t t = 0; t < pb->ntemplates; t++) {
        bool all = c->first[t + 1] > c->first[t];
        for (size_t i = c->first[t]; all && i < c->first[t + 1]; i++) {
            const lr_site *x = &c->sites[i];
            if (x->kind == LR_BUILTIN && (lr_builtins[x->index].then_offer || lr_builtins[x->index].then_ask ||
                                          (lr_builtins[x->index].then_menu && pb->fallback >= 0)))
                continue;
            if (x->kind != LR_STEP) {
                all = false;
                break;
            }
            const lr_step *st = &c->steps[x->index];
            const ty_pb_step *ps = &pb->flows[st->flow].steps[st->step];
            size_t to = lr_next_k(c, (size_t)x->index, 0);
            all = ps->ask < 0 && !ps->end && to != SIZE_MAX && lr_turn_asks(c, to, 0);
        }
        c->r->asks_next[t] = all;
    }
}

/* ===================================================================== *
 * The names a template reads
 * ===================================================================== */

/* One section open during a walk. */
typedef struct lr_open {
    const char *name;
    size_t len;
    int cx; /* LR_CX_* it pushes */
} lr_open;

typedef struct lr_walk {
    lr_cx *c;
    int32_t ti;
    long variant;
    int channel;      /* a channel text's own channel, or -1 */
    const char *path; /* JSON path of the text */
    const char *src;  /* the text, for spans */
    size_t n;
    const lr_site *sites;
    size_t nsites;
    lr_open open[LR_MAX_OPEN];
    size_t nopen, skipped; /* sections over the cap are counted, not kept */
    bool inverted_options; /* the text (or a partial) has {{^options}} */
    bool options_done;
    const char *seen[LR_MAX_SEEN];
    size_t seen_len[LR_MAX_SEEN], nseen;
} lr_walk;

/* The first segment of a dotted name, its length in *n; *rest the rest
 * after the dot (NULL when none). */
static const char *lr_first(const char *name, size_t len, size_t *n, const char **rest, size_t *rest_len) {
    const char *dot = memchr(name, '.', len);
    *n = dot ? (size_t)(dot - name) : len;
    *rest = dot ? dot + 1 : NULL;
    *rest_len = dot ? len - *n - 1 : 0;
    return name;
}

static bool lr_eq(const char *a, size_t an, const char *lit) { return an == strlen(lit) && memcmp(a, lit, an) == 0; }

/* True when the word w is one of the NULL-terminated list. */
static bool lr_in(const char *w, size_t n, const char *const *list) {
    for (; *list; list++)
        if (lr_eq(w, n, *list)) return true;
    return false;
}

static const char *const lr_keys_option[] = {"id", "title", "letter", "index", "first", "last", NULL};
static const char *const lr_keys_choice[] = {"id", "title", NULL};
static const char *const lr_keys_date[] = {"text", "when", "weekday", "day", "month", "year", "iso", "today", "tomorrow", NULL};
static const char *const lr_keys_time[] = {"text", "when", "hour", "minute", "iso", NULL};
static const char *const lr_keys_money[] = {"text", "currency", "amount", "min", "max", NULL};
static const char *const lr_keys_number[] = {"text", "value", NULL};

static const char *const *lr_keys_of(int cx) {
    switch (cx) {
    case LR_CX_OPTION: return lr_keys_option;
    case LR_CX_CHOICE: return lr_keys_choice;
    case LR_CX_DATE: return lr_keys_date;
    case LR_CX_TIME: return lr_keys_time;
    case LR_CX_MONEY: return lr_keys_money;
    case LR_CX_NUMBER: return lr_keys_number;
    default: return NULL;
    }
}

/* The context a slot's value pushes (its parts), by type. */
static int lr_slot_cx(int type) {
    switch (type) {
    case TY_SLOT_CHOICE: return LR_CX_CHOICE;
    case TY_SLOT_DATE: return LR_CX_DATE;
    case TY_SLOT_TIME: return LR_CX_TIME;
    case TY_SLOT_MONEY: return LR_CX_MONEY;
    case TY_SLOT_NUMBER: return LR_CX_NUMBER;
    default: return LR_CX_NONE;
    }
}

/* How a name resolves before the root: 1 when an open section's value
 * answers it (or may: the host's data), 0 when it falls to the root. */
static int lr_inner(const lr_walk *w, const char *s0, size_t n0) {
    for (size_t i = w->nopen; i-- > 0;) {
        if (w->open[i].cx == LR_CX_UNKNOWN) return 1;
        const char *const *keys = lr_keys_of(w->open[i].cx);
        if (keys && lr_in(s0, n0, keys)) return 1;
    }
    return w->skipped ? 1 : 0;
}

/* True when an open section tests the name: the same name, a parent of it
 * or a part of it. */
static bool lr_tested(const lr_walk *w, const char *name, size_t len) {
    for (size_t i = 0; i < w->nopen; i++) {
        const char *g = w->open[i].name;
        size_t gl = w->open[i].len, m = gl < len ? gl : len;
        if (memcmp(g, name, m) != 0) continue;
        if (gl == len || (gl < len && name[gl] == '.') || (len < gl && g[len] == '.')) return true;
    }
    return false;
}

/* The JSON-path-like words for where site x sends from ("flows.a.steps[1]"). */
static void lr_where(const lr_cx *c, const lr_site *x, char *out, size_t cap) {
    const ty_playbook *pb = c->pb;
    if (x->kind == LR_STEP) {
        const lr_step *st = &c->steps[x->index];
        snprintf(out, cap, "flows.%s.steps[%d]", pb->flows[st->flow].name, (int)st->step);
    } else if (x->kind == LR_INTENT) {
        snprintf(out, cap, "intents.%s.say", pb->intents[x->index].name);
    } else if (x->kind == LR_FALLBACK) {
        snprintf(out, cap, "fallback");
    } else if (x->kind == LR_FOLLOWUP && x->index < 0) {
        int32_t k = -x->index - 1;
        snprintf(out, cap, "flows.%s.followups[%d]", pb->flows[k / TY_PB_MAX_FOLLOWUPS].name,
                 (int)(k % TY_PB_MAX_FOLLOWUPS));
    } else if (x->kind == LR_FOLLOWUP) {
        snprintf(out, cap, "followups[%d]", (int)x->index);
    } else if (x->kind == LR_REMIND) {
        const lr_step *st = &c->steps[x->index];
        snprintf(out, cap, "flows.%s.steps[%d].remind[%d]", pb->flows[st->flow].name, (int)st->step, (int)x->sub);
    } else {
        snprintf(out, cap, "the built-in \"%s\" message", lr_builtins[x->index].name);
    }
}

/* The first pending step (of flow, or any when -1) where slot si may be
 * empty (for follow-ups and refusals), as a path; "" when none. */
static void lr_pending_without(const lr_cx *c, int32_t si, int32_t flow, char *out, size_t cap) {
    out[0] = '\0';
    for (size_t g = 0; g < c->nsteps; g++)
        if (c->steps[g].pending && (flow < 0 || c->steps[g].flow == flow) && !lr_has(c->steps[g].out, si)) {
            snprintf(out, cap, "flows.%s.steps[%d]", c->pb->flows[c->steps[g].flow].name, (int)c->steps[g].step);
            return;
        }
}

/* Describes site x for "when ..." in a message about slot si (or -1). */
static void lr_when(const lr_cx *c, const lr_site *x, int32_t si, char *out, size_t cap) {
    char where[160], at[160];
    lr_where(c, x, where, sizeof where);
    at[0] = '\0';
    if (x->filled == c->pending_all && si >= 0) lr_pending_without(c, si, -1, at, sizeof at);
    if (x->kind == LR_FOLLOWUP && x->index < 0 && si >= 0)
        lr_pending_without(c, si, (-x->index - 1) / TY_PB_MAX_FOLLOWUPS, at, sizeof at);
    if (x->kind == LR_STEP) snprintf(out, cap, "%s sends this", where);
    else if (x->kind == LR_REMIND) snprintf(out, cap, "%s schedules this", where);
    else if (at[0]) snprintf(out, cap, "%s is sent while %s waits", where, at);
    else if (x->kind == LR_FALLBACK) snprintf(out, cap, "the fallback answers a first message");
    else snprintf(out, cap, "%s answers a first message", where);
}

/* The code point offsets [*a, *b) of the tag at (line, col) of w->src. */
static void lr_span(const lr_walk *w, uint32_t line, uint32_t col, size_t *a, size_t *b) {
    const char *s = w->src;
    size_t n = w->n, i = 0, cp = 0;
    for (uint32_t l = 1; l < line && i < n; i++) {
        if (s[i] == '\n') l++;
        if (((unsigned char)s[i] & 0xC0) != 0x80) cp++;
    }
    for (uint32_t k = 1; k < col && i < n; k++) {
        i++;
        cp++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
    }
    *a = cp;
    size_t e = i;
    if (i + 1 < n && s[i] == '{' && s[i + 1] == '{') {
        const char *close = NULL;
        for (size_t j = i + 2; j + 1 < n && !close; j++)
            if (s[j] == '}' && s[j + 1] == '}') close = s + j;
        e = close ? (size_t)(close - s) + 2 : n;
        if (e < n && s[e] == '}' && i + 2 < n && s[i + 2] == '{') e++;
    } else {
        while (e < n && !ty_is_space((unsigned char)s[e])) e++;
    }
    *b = cp;
    for (size_t j = i; j < e; j++)
        if (((unsigned char)s[j] & 0xC0) != 0x80) (*b)++;
}

/* True (and remembered) the first time a name is reported in this text. */
static bool lr_first_time(lr_walk *w, const char *name, size_t len) {
    for (size_t i = 0; i < w->nseen; i++)
        if (w->seen_len[i] == len && memcmp(w->seen[i], name, len) == 0) return false;
    if (w->nseen < LR_MAX_SEEN) {
        w->seen[w->nseen] = name;
        w->seen_len[w->nseen++] = len;
    }
    return true;
}

/* Adds a note about the text being walked, at the item's tag. */
#define LR_AT(w, it, code, error, ...)                                                                        \
    do {                                                                                                      \
        size_t a_, b_;                                                                                        \
        lr_span((w), (it)->line, (it)->col, &a_, &b_);                                                        \
        lr_note((w)->c, code, error, (w)->ti, (w)->variant, (w)->channel, true, a_, b_, (w)->path, __VA_ARGS__); \
    } while (0)

/* "in partial "x": " before a message about a tag written in a partial. */
static void lr_inside(const ty_tpl_item *it, char *out, size_t cap) {
    if (it->partial) snprintf(out, cap, "in partial \"%.*s\": ", (int)it->partial_len, it->partial);
    else out[0] = '\0';
}

/* The parts a slot type has, for a message. */
static const char *lr_parts_text(int type) {
    switch (type) {
    case TY_SLOT_CHOICE: return "a choice slot has .id and .title";
    case TY_SLOT_DATE: return "a date slot has .when, .weekday, .day, .month, .year, .iso, .today and .tomorrow";
    case TY_SLOT_TIME: return "a time slot has .when, .hour, .minute and .iso";
    case TY_SLOT_MONEY: return "a money slot has .amount (or .min and .max for a range) and .currency";
    case TY_SLOT_NUMBER: return "a number slot has .value";
    default: return NULL;
    }
}

/* What a check needs about the name being checked. */
typedef struct lr_name {
    const ty_tpl_item *it;
    const char *s0, *rest; /* first segment; the rest after its dot, or NULL */
    size_t n0, rn;
    char pre[160];         /* "in partial "x": " or "" */
} lr_name;

/* {{question}}: there only while a question waits (TY101). */
static void lr_check_question(lr_walk *w, const lr_name *nm) {
    const ty_tpl_item *it = nm->it;
    for (size_t i = 0; i < w->nsites; i++) {
        const lr_site *x = &w->sites[i];
        if (x->no_question == -1) continue;
        char when[400];
        if (x->no_question >= 0) {
            const lr_step *st = &w->c->steps[x->no_question];
            lr_where(w->c, x, when, sizeof when);
            LR_AT(w, it, "TY101", true,
                  "%s{{%.*s}} may be missing: %s is also sent while flows.%s.steps[%d] waits, and that question "
                  "has no sentence ending in \"?\" to repeat; write {{#question}}...{{/question}}",
                  nm->pre, (int)it->len, it->name, when, w->c->pb->flows[st->flow].name, (int)st->step);
        } else {
            lr_when(w->c, x, -1, when, sizeof when);
            LR_AT(w, it, "TY101", true,
                  "%s{{%.*s}} may be missing: no question is pending when %s; write {{#question}}...{{/question}}",
                  nm->pre, (int)it->len, it->name, when);
        }
        return;
    }
}

/* A name that is no slot: the event's data (TY102), unless every send is
 * a refusal and it is one of the refusal's own values. */
static void lr_check_data(lr_walk *w, const lr_name *nm) {
    bool all_refusals = true;
    for (size_t i = 0; i < w->nsites; i++) all_refusals &= w->sites[i].refusal;
    if (all_refusals && lr_in(nm->s0, nm->n0, lr_refusal_names)) return;
    const ty_tpl_item *it = nm->it;
    int n0 = (int)nm->n0;
    LR_AT(w, it, "TY102", false,
          "%s{{%.*s}} is not a slot: only the event's data can give it, and the message fails when it does not; "
          "write {{#%.*s}}...{{/%.*s}} if it may be missing",
          nm->pre, (int)it->len, it->name, n0, nm->s0, n0, nm->s0);
}

/* A part the slot's type does not have: missing whatever is filled (TY101);
 * true when reported. */
static bool lr_check_part(lr_walk *w, const lr_name *nm, const ty_slot *slot) {
    const char *const *keys = lr_keys_of(lr_slot_cx(slot->type));
    if (!nm->rest || (keys && !memchr(nm->rest, '.', nm->rn) && lr_in(nm->rest, nm->rn, keys))) return false;
    const ty_tpl_item *it = nm->it;
    const char *parts = lr_parts_text(slot->type);
    if (parts)
        LR_AT(w, it, "TY101", true, "%s{{%.*s}} is always missing: %s", nm->pre, (int)it->len, it->name, parts);
    else
        LR_AT(w, it, "TY101", true, "%s{{%.*s}} is always missing: a %s slot has no parts", nm->pre, (int)it->len,
              it->name, ty_slot_type_name(slot->type));
    return true;
}

/* A slot: filled at every send (TY101), and a money part that a range
 * lacks. */
static void lr_check_slot(lr_walk *w, const lr_name *nm, int32_t si) {
    const ty_slot *slot = &w->c->pb->slots[si];
    const ty_tpl_item *it = nm->it;
    int nl = (int)it->len;
    if (lr_check_part(w, nm, slot)) return;
    for (size_t i = 0; i < w->nsites; i++) {
        const lr_site *x = &w->sites[i];
        if ((x->refusal && lr_in(nm->s0, nm->n0, lr_refusal_names)) || lr_has(x->filled, si)) continue;
        char when[400];
        if (x->asks == si) {
            lr_where(w->c, x, when, sizeof when);
            LR_AT(w, it, "TY101", true,
                  "%s{{%.*s}} is always missing here: %s sends this message to ask for \"%s\", so it is not "
                  "filled yet",
                  nm->pre, nl, it->name, when, slot->name);
        } else {
            lr_when(w->c, x, si, when, sizeof when);
            LR_AT(w, it, "TY101", true,
                  "%s{{%.*s}} may be missing: slot \"%s\" can still be empty when %s; fill it before, or write "
                  "{{#%s}}...{{/%s}}",
                  nm->pre, nl, it->name, slot->name, when, slot->name, slot->name);
        }
        return;
    }
    if (slot->type == TY_SLOT_MONEY && nm->rest && !lr_eq(nm->rest, nm->rn, "text") &&
        !lr_eq(nm->rest, nm->rn, "currency"))
        LR_AT(w, it, "TY101", true,
              "%s{{%.*s}} may be missing: a money answer has .amount, or .min and .max for a range (\"between 50 "
              "and 80\", \"under 100\"); write {{#%.*s}}...{{/%.*s}}",
              nm->pre, nl, it->name, nl, it->name, nl, it->name);
}

/* Checks one name read at the root against every send of the template
 * (TY101, TY102), once per text. */
static void lr_check_name(lr_walk *w, const ty_tpl_item *it) {
    lr_name nm;
    nm.it = it;
    nm.s0 = lr_first(it->name, it->len, &nm.n0, &nm.rest, &nm.rn);
    if (!w->nsites || lr_inner(w, nm.s0, nm.n0) || lr_tested(w, it->name, it->len)) return;
    int32_t si = ty_pb_slot_find(w->c->pb, nm.s0, nm.n0);
    bool options = lr_eq(nm.s0, nm.n0, "options");
    if (options && it->tag != TY_TPL_VAR) return;
    if (!lr_first_time(w, it->name, it->len)) return;
    lr_inside(it, nm.pre, sizeof nm.pre);
    if (options)
        LR_AT(w, it, "TY101", true,
              "%s{{%.*s}} fails whenever it is sent: options is a list; write "
              "{{#options}}{{title}}{{^last}} or {{/last}}{{/options}}",
              nm.pre, (int)it->len, it->name);
    else if (si < 0 && lr_eq(nm.s0, nm.n0, "question")) lr_check_question(w, &nm);
    else if (si < 0) lr_check_data(w, &nm);
    else lr_check_slot(w, &nm, si);
}

/* TY103: {{#options}} in a text some send of which offers no options. */
static void lr_check_options(lr_walk *w, const ty_tpl_item *it) {
    if (w->inverted_options || w->options_done || lr_tested(w, "options", 7)) return;
    lr_cx *c = w->c;
    const ty_playbook *pb = c->pb;
    for (size_t i = 0; i < w->nsites; i++) {
        const lr_site *x = &w->sites[i];
        if (x->opts == LR_OPTS_SOME) continue;
        char where[160], why[320];
        lr_where(c, x, where, sizeof where);
        if (x->kind == LR_STEP && x->asks >= 0)
            snprintf(why, sizeof why, "%s sends this to ask for \"%s\", a %s slot, which offers no options", where,
                     pb->slots[x->asks].name, ty_slot_type_name(pb->slots[x->asks].type));
        else if (x->kind == LR_STEP || x->kind == LR_INTENT)
            snprintf(why, sizeof why, "%s sends this and asks nothing, so no options are offered", where);
        else if (x->kind == LR_FALLBACK)
            snprintf(why, sizeof why, "the fallback is also sent with no question pending, or one that offers no "
                                      "options");
        else if (x->kind == LR_FOLLOWUP)
            snprintf(why, sizeof why, "%s is also sent at a pending question that offers no options", where);
        else
            snprintf(why, sizeof why, "%s may offer no options", where);
        char pre[160];
        lr_inside(it, pre, sizeof pre);
        LR_AT(w, it, "TY103", false, "%s{{%s%.*s}} shows nothing when %s; add {{^options}}...{{/options}} for that case",
              pre, it->tag == TY_TPL_SECTION ? "#" : "", (int)it->len, it->name, why);
        w->options_done = true;
        return;
    }
}

/* The context a section on a name pushes. */
static int lr_section_cx(const lr_walk *w, const char *name, size_t len) {
    size_t n0, rn;
    const char *rest;
    const char *s0 = lr_first(name, len, &n0, &rest, &rn);
    for (size_t i = w->nopen; i-- > 0;) {
        if (w->open[i].cx == LR_CX_UNKNOWN) return LR_CX_UNKNOWN;
        const char *const *keys = lr_keys_of(w->open[i].cx);
        if (keys && lr_in(s0, n0, keys)) return LR_CX_NONE; /* a part: a string, number or flag */
    }
    if (w->skipped) return LR_CX_UNKNOWN;
    if (lr_eq(s0, n0, "options")) return rest ? LR_CX_NONE : LR_CX_OPTION;
    int32_t si = ty_pb_slot_find(w->c->pb, s0, n0);
    if (si >= 0) return rest ? LR_CX_NONE : lr_slot_cx(w->c->pb->slots[si].type);
    if (lr_eq(s0, n0, "question") || lr_in(s0, n0, lr_refusal_names)) return LR_CX_NONE;
    return LR_CX_UNKNOWN;
}

/* ty_tpl_visit: the checks, item by item. */
static int lr_visit(void *ctx, const ty_tpl_item *it) {
    lr_walk *w = ctx;
    if (w->c->rc) return w->c->rc;
    if (it->tag == TY_TPL_END) {
        if (w->skipped) w->skipped--;
        else if (w->nopen) w->nopen--;
        return 0;
    }
    if (it->len == 1 && it->name[0] == '.') {
        if (it->tag == TY_TPL_SECTION || it->tag == TY_TPL_INVERTED) {
            if (w->nopen < LR_MAX_OPEN) w->open[w->nopen++] = (lr_open){".", 1, LR_CX_UNKNOWN};
            else w->skipped++;
        }
        return 0;
    }
    size_t n0, rn;
    const char *rest;
    const char *s0 = lr_first(it->name, it->len, &n0, &rest, &rn);
    bool root = !lr_inner(w, s0, n0);
    if (root && lr_eq(s0, n0, "options") && it->tag == TY_TPL_SECTION) lr_check_options(w, it);
    if (it->tag == TY_TPL_VAR || it->tag == TY_TPL_DYNAMIC) {
        lr_check_name(w, it);
        return 0;
    }
    /* a section: money parts are worth a test; the rest only open it */
    int cx = lr_section_cx(w, it->name, it->len);
    if (w->nopen < LR_MAX_OPEN) w->open[w->nopen++] = (lr_open){it->name, it->len, it->tag == TY_TPL_INVERTED ? LR_CX_NONE : cx};
    else w->skipped++;
    return 0;
}

/* ty_tpl_visit for the first pass: is there an {{^options}} at the root? */
static int lr_visit_inverted(void *ctx, const ty_tpl_item *it) {
    lr_walk *w = ctx;
    if (it->tag == TY_TPL_INVERTED && lr_eq(it->name, it->len, "options")) w->inverted_options = true;
    return 0;
}

/* Walks one compiled text of template ti against its sends; w is the
 * caller's scratch, reset here. */
static void lr_text(lr_cx *c, lr_walk *w, int32_t ti, const ty_template *tpl, long variant, int channel,
                    const char *src, size_t n, const char *path) {
    memset(w, 0, sizeof *w);
    w->c = c;
    w->ti = ti;
    w->variant = variant;
    w->channel = channel;
    w->path = path;
    w->src = src;
    w->n = n;
    w->sites = c->sites + c->first[ti];
    w->nsites = c->first[ti + 1] - c->first[ti];
    if (!w->nsites) return;
    ty_template_walk(tpl, lr_visit_inverted, w);
    ty_template_walk(tpl, lr_visit, w);
}

/* Walks every text of every template. */
static void lr_templates(lr_cx *c) {
    const ty_playbook *pb = c->pb;
    char path[TY_PB_MAX_NAME * 2 + 64];
    lr_walk *w = ty_arena_alloc(c->a, sizeof *w);
    if (!w) {
        c->rc = TY_E_NOMEM;
        return;
    }
    for (size_t ti = 0; ti < pb->ntemplates && !c->rc; ti++) {
        const ty_pb_template *t = &pb->templates[ti];
        ty_lint_template_path(t, -1, -1, path, sizeof path);
        lr_text(c, w, (int32_t)ti, t->text, -1, -1, t->source, t->source_len, path);
        for (size_t v = 0; v < t->nvariants && !c->rc; v++) {
            ty_lint_template_path(t, (long)v, -1, path, sizeof path);
            lr_text(c, w, (int32_t)ti, t->variants[v], (long)v, -1, t->variant_sources[v], t->variant_source_lens[v],
                    path);
        }
        for (int k = 0; k < TY_PB_CHANNEL_COUNT && !c->rc; k++) {
            if (!t->channels[k]) continue;
            ty_lint_template_path(t, -1, k, path, sizeof path);
            lr_text(c, w, (int32_t)ti, t->channels[k], -1, k, t->channel_sources[k], t->channel_source_lens[k], path);
        }
    }
}

/* ===================================================================== *
 * Shape: options, steps and flows
 * ===================================================================== */

static void lr_shape(lr_cx *c) {
    const ty_playbook *pb = c->pb;
    char path[TY_PB_MAX_NAME * 2 + 64];
    for (size_t i = 0; i < pb->nslots; i++) {
        const ty_slot *s = &pb->slots[i];
        if (s->type != TY_SLOT_CHOICE || s->noptions <= 3) continue;
        snprintf(path, sizeof path, "slots.%s.options", s->name);
        lr_note(c, "TY104", false, -1, -1, -1, false, 0, 0, path,
                "slot \"%s\" offers %zu options: the method offers two clear options per question (three at "
                "most); split the question or trim the list",
                s->name, s->noptions);
    }
    for (size_t f = 0; f < pb->nflows; f++) {
        const ty_pb_flow *fl = &pb->flows[f];
        if (!c->steps[c->base[f]].reached) {
            snprintf(path, sizeof path, "flows.%s", fl->name);
            lr_note(c, "TY106", false, -1, -1, -1, false, 0, 0, path,
                    "flow \"%s\" never starts: no intent has \"flow\": \"%s\" and no step that runs has \"@%s\" in "
                    "its next",
                    fl->name, fl->name, fl->name);
            continue;
        }
        for (size_t s = 1; s < fl->nsteps; s++) {
            if (c->steps[c->base[f] + s].reached) continue;
            snprintf(path, sizeof path, "flows.%s.steps[%zu]", fl->name, s);
            lr_note(c, "TY105", false, -1, -1, -1, false, 0, 0, path,
                    "step \"%s\" never runs: no step that runs names it in its next, and the step before it never "
                    "goes on to it",
                    fl->steps[s].id);
        }
    }
}

/* ===================================================================== *
 * Entry point
 * ===================================================================== */

/* Sets up the steps, their sets and the queue. */
static void lr_init(lr_cx *c) {
    const ty_playbook *pb = c->pb;
    c->words = pb->nslots / 64 + 1;
    c->base = ty_arena_alloc(c->a, (pb->nflows ? pb->nflows : 1) * sizeof *c->base);
    if (!c->base) {
        c->rc = TY_E_NOMEM;
        return;
    }
    for (size_t f = 0; f < pb->nflows; f++) {
        c->base[f] = c->nsteps;
        c->nsteps += pb->flows[f].nsteps;
    }
    size_t n = c->nsteps ? c->nsteps : 1;
    c->steps = ty_arena_alloc(c->a, n * sizeof *c->steps);
    c->queue = ty_arena_alloc(c->a, n * sizeof *c->queue);
    c->empty = lr_set(c);
    c->pending_all = lr_set(c);
    if (!c->steps || !c->queue || !c->empty || !c->pending_all) {
        c->rc = TY_E_NOMEM;
        return;
    }
    for (size_t f = 0; f < pb->nflows; f++)
        for (size_t s = 0; s < pb->flows[f].nsteps; s++) {
            lr_step *st = &c->steps[c->base[f] + s];
            memset(st, 0, sizeof *st);
            st->flow = (int32_t)f;
            st->step = (int32_t)s;
            st->all_answers = lr_all_answers(pb, &pb->flows[f].steps[s]);
            st->in = lr_set(c);
            st->out = lr_set(c);
        }
}

/* See lint.h. */
int ty_lint_reach_run(const ty_playbook *pb, ty_arena *a, ty_lint_reach *r) {
    memset(r, 0, sizeof *r);
    lr_cx c;
    memset(&c, 0, sizeof c);
    c.pb = pb;
    c.a = a;
    c.r = r;
    lr_init(&c);
    if (!c.rc) lr_flow(&c);
    if (!c.rc) lr_sites(&c);
    if (!c.rc) lr_waivers(&c);
    if (!c.rc) lr_templates(&c);
    if (!c.rc) lr_shape(&c);
    return c.rc;
}

#undef LR_NBUILTINS
#undef LR_MAX_OPEN
#undef LR_MAX_SEEN
#undef LR_AT
