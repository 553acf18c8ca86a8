/*
 * flow.c — conversation stepping (docs/playbook.md): ty_playbook_step, a pure
 * function from (playbook, state, event) to {state, actions, events}.
 *
 * The engine never reads the clock and never draws random numbers: time is
 * the event's `at`, and template variants are picked by an FNV-1a hash of
 * the conversation id, the step and the template. The input state and event
 * are only read; everything returned lives in one new doc.
 *
 * This file steps: it reads the state and the event (flow_state.c,
 * flow_event.c), moves through flows (asks, answers, digressions, `end`),
 * acts on what the message says (flow_read.c) by the judgment's bar,
 * hands off and opts out, and writes the result. flow_internal.h lists the
 * other flow files and what they share.
 *
 * Decisions where docs/playbook.md is silent (each is tested in tests/c/test_flow.c):
 *  - Safe exits first: a message that is exactly a keyword of an intent
 *    whose `does` is opt_out or handoff wins over reading it as an answer;
 *    other keywords and the model come after the answer.
 *  - A digression into another flow suspends the pending ask on `stack`;
 *    when that flow runs past its last step the suspended ask is repeated.
 *    A yes/no ask whose yes jumps to a suspended flow, or to one another
 *    part of the message asks for, is taken as yes without asking
 *    (flow_offer_taken): its message goes without its closing question.
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
 *  - After close, thanks or goodbyes alone get their short answer and the
 *    conversation stays closed; any other message starts a new round
 *    (flow_new_round: the intent, the pending ask and the slots a new
 *    booking asks again are cleared, the transcript is kept) and is matched
 *    afresh. A round that starts nothing is undone: the conversation stays
 *    closed with the slots that were agreed, for the host to read.
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
#include "flow_internal.h"

#include <stdio.h>

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
/* A day or time given in passing for a later question that the business
 * cannot take is told before the question at hand (flow_refusal_lead),
 * after any lead already set, and is done with. */
static int flow_lead_refusal(flow_cx *c) {
    int rc = TY_OK;
    const char *why = flow_refusal_lead(c, &rc);
    c->refusal.set = false;
    if (rc || !why) return rc;
    if (!c->lead) {
        c->lead = why;
        return TY_OK;
    }
    size_t a = strlen(c->lead), b = strlen(why);
    char *both = ty_arena_alloc(c->scratch, a + b + 2);
    if (!both) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    memcpy(both, c->lead, a);
    both[a] = ' ';
    memcpy(both + a + 1, why, b + 1);
    c->lead = both;
    return TY_OK;
}

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
    } else {
        if (c->refusal.set && !c->st.slots[c->refusal.slot] && flow_asks(c->pb, f, c->refusal.slot) &&
            (rc = flow_lead_refusal(c)))
            return rc;
        if (step->say >= 0 && (rc = flow_send(c, step->say, f, s, slot))) return rc;
    }
    c->reasking = false;
    /* keep the host's options so the reply can be read without them */
    if (slot->options_from) {
        if (ty_value_get(c->ev.data, slot->options_from, slot->options_from_len)) {
            if (!(kept = flow_option_list(c, opts, nopts, true))) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
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
/* A suspended flow resumes: the values lent to the digression go back. */
static void flow_give_back(flow_cx *c) {
    for (int k = c->nlent; k-- > 0;) c->st.slots[c->lent_slot[k]] = c->lent_old[k];
    c->nlent = 0;
}

static int flow_finish(flow_cx *c) {
    flow_clear_pending(c);
    if (c->st.nstack == 0) return TY_OK;
    flow_frame fr = c->st.stack[--c->st.nstack];
    flow_give_back(c);
    c->st.intent = fr.intent;
    return flow_run(c, fr.flow, fr.step, &fr);
}

/* Entering flow f by "@flow": a suspended ask of f resumes (its frame goes
 * to *fr, returns true); otherwise the round's intent becomes the first
 * intent that starts f, so summaries name what the customer is doing now. */
static bool flow_jump(flow_cx *c, int32_t f, flow_frame *fr) {
    if (flow_unstack(c, f, fr)) {
        c->st.intent = fr->intent;
        flow_give_back(c);
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

enum { FLOW_OFFER_OPEN = 0, FLOW_OFFER_UNDER_WAY, FLOW_OFFER_ASKED };

/* True when the message an intent was acted on offers a day or a time
 * that flow to asks and flow f does not, in a sentence that is no
 * question and speaks of no habit: "do you have room this week? ... wednesday
 * I'm free" offers to come (not "are you open on saturday?"). *rc on
 * error. */
static bool flow_offers_when(flow_cx *c, int32_t to, int32_t f, int *rc) {
    const ty_value *ents = c->acted ? ty_value_get(c->acted, "entities", 8) : NULL;
    for (size_t i = 0; i < ty_value_count(ents) && !*rc; i++) {
        const ty_value *e = ty_value_item(ents, i);
        int32_t si = flow_entity_slot(c, e);
        int64_t cp;
        bool own = ty_value_kind(ty_value_get(e, "written", 7)) == TY_TRUE || c->read.s == c->ev.text.s;
        if (si < 0 || !own || (c->pb->slots[si].type != TY_SLOT_DATE && c->pb->slots[si].type != TY_SLOT_TIME) ||
            !flow_asks(c->pb, to, si) || flow_asks(c->pb, f, si) || !flow_int(ty_value_get(e, "end", 3), &cp) || cp < 1)
            continue;
        cp--; /* its last code point: "this week? thursday" is said after the question */
        if (!flow_question_at(c, cp, rc) && !*rc && !flow_habit_entity(c, si, e, rc) && !*rc) return true;
    }
    return false;
}

/* Whether step (f, s) offers what is already under way: a yes/no ask
 * whose yes leads to another flow (*to) that a suspended ask belongs to
 * (FLOW_OFFER_UNDER_WAY: a price asked mid-booking, "Shall I find you a
 * day?" is not asked, unless the digression filled that ask's slot), or
 * that the message asks for too (FLOW_OFFER_ASKED: "can I book a full
 * service for wednesday, and how much will that set me back?") or offers
 * a day or time for (flow_offers_when);
 * FLOW_OFFER_OPEN otherwise. *rc on error. */
static int flow_offer_taken(flow_cx *c, int32_t f, int32_t s, int32_t *to, int *rc) {
    const ty_pb_step *st = &c->pb->flows[f].steps[s];
    if (c->pb->slots[st->ask].type != TY_SLOT_YESNO || c->ev.type != FLOW_EV_MESSAGE) return FLOW_OFFER_OPEN;
    bool none;
    ty_pb_target yes = flow_next(c, f, s, (flow_str){"yes", 3}, &none);
    if (none || !yes.jump || yes.flow == f) return FLOW_OFFER_OPEN;
    *to = yes.flow;
    for (int i = 0; i < c->st.nstack; i++) {
        const flow_frame *fr = &c->st.stack[i];
        int32_t a = fr->flow == yes.flow ? c->pb->flows[fr->flow].steps[fr->step].ask : -1;
        /* unless the digression filled what was asked there ("before I
         * choose, how much is the tune-up?", or a recommendation): the
         * offer asks whether that is the choice */
        if (fr->flow == yes.flow) return a >= 0 && c->st.slots[a] ? FLOW_OFFER_OPEN : FLOW_OFFER_UNDER_WAY;
    }
    if (flow_offers_when(c, yes.flow, f, rc)) return FLOW_OFFER_ASKED;
    return !*rc && flow_clause_asks_for(c, yes.flow, rc) ? FLOW_OFFER_ASKED : FLOW_OFFER_OPEN;
}

/* Takes the offer of step (f, s) as accepted (flow_offer_taken says how):
 * its message goes without the question that closes it, and its slot is
 * yes (*v), with no ask or commit event, as nothing was asked. An offer
 * the message asks for takes the message's details for the flow it leads
 * to (to): "can I get a tune up booked in" gives the service. */
static int flow_take_offer(flow_cx *c, int32_t f, int32_t s, int how, int32_t to, const ty_value **v) {
    const ty_pb_step *st = &c->pb->flows[f].steps[s];
    int rc = st->say >= 0 ? flow_send_statement(c, st->say, f, s) : TY_OK;
    if (rc) return rc;
    ty_value *yes = ty_val_string(c->out, "yes", 3);
    if (!yes) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    *v = flow_store_value(c, st->ask, yes, &rc);
    if (rc) return rc;
    if (!*v) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    c->st.slots[st->ask] = *v;
    return how == FLOW_OFFER_ASKED && c->acted ? flow_fill_entities(c, c->acted, st->ask, to, to) : TY_OK;
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
        if (!rc0 && st->has_remind) rc0 = flow_remind(c, f, s);
        if (rc0) return rc0;
        if (st->ask >= 0) {
            const ty_value *v = c->st.slots[st->ask];
            if (!v) {
                int rc = TY_OK;
                int32_t to = -1;
                int how = hint && hint->flow == f && hint->step == s ? FLOW_OFFER_OPEN
                                                                    : flow_offer_taken(c, f, s, &to, &rc);
                if (rc) return rc;
                const ty_option *io = how == FLOW_OFFER_OPEN ? flow_implied_option(c, f, s) : NULL;
                if (how == FLOW_OFFER_OPEN && !io) return flow_ask(c, f, s, hint);
                if (io) {
                    ty_value *id = ty_val_string(c->out, io->id, io->id_len);
                    if (!id) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
                    if (!(v = flow_store_value(c, st->ask, id, &rc))) return rc ? rc : flow_ask(c, f, s, hint);
                    c->st.slots[st->ask] = v;
                } else if ((rc = flow_take_offer(c, f, s, how, to, &v))) {
                    return rc;
                }
            }
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

/* After a change of mind: the pending question again, or, when the change
 * sent an earlier branch elsewhere (c->rebranch), the flow from that step
 * on, which skips what is known and asks what the new branch needs. */
static int flow_after_change(flow_cx *c) {
    flow_frame fr = {c->st.flow, c->st.step, c->st.intent, c->st.asked_at};
    int32_t s = c->rebranch >= 0 ? c->rebranch : fr.step;
    c->rebranch = -1;
    return flow_run(c, fr.flow, s, &fr);
}

/* flow_after_change led by "Got it, I've changed that." when rc is TY_OK;
 * rc otherwise. */
static int flow_changed_lead(flow_cx *c, int rc) {
    if (rc) return rc;
    c->lead = c->judge->updated_lead;
    rc = flow_after_change(c);
    c->lead = NULL;
    return rc;
}

/* Sends the built-in `name` (the playbook's template of that name, else
 * text) as a confirming micro-question with Yes/No replies, and marks
 * state.check as waiting for its answer. */
static int flow_send_check(flow_cx *c, int check, const char *name, const char *text) {
    int rc = flow_send_builtin(c, name, text, FLOW_BUILTIN_YESNO);
    if (!rc) c->st.check = check;
    c->st.check_intent = -1;
    return rc;
}

/* Asks a confirming micro-question (state.check) with Yes/No replies:
 * confirm_stop for an opt-out, offer_person for a handoff. */
static int flow_ask_check(flow_cx *c, int check) {
    return check == FLOW_CHECK_OPT_OUT ? flow_send_check(c, check, "confirm_stop", c->judge->confirm_stop)
                                       : flow_send_check(c, check, "offer_person", c->judge->offer_person);
}

/* The offer of a person to a customer who is upset or rude: sorry_person
 * ("I'm sorry to hear that.") for a complaint in the first message, where
 * nothing in this chat can have gone wrong yet ("yis charged me 90 quid
 * for a screen and its already flickering. absolute joke"); else
 * offer_person, which owns that the chat has not helped. */
static int flow_offer_person(flow_cx *c) {
    if (flow_last_said(c).n) return flow_ask_check(c, FLOW_CHECK_HANDOFF);
    return flow_send_check(c, FLOW_CHECK_HANDOFF, "sorry_person", c->judge->sorry_person);
}

/* A handoff the model read only fairly clearly (intent i: "we'd like a
 * wreath for his funeral" to a playbook that passes funerals on): asked
 * first, with no apology, since nothing has gone wrong; a yes brings i's
 * own words (an emergency's advice) and handoff. */
static int flow_confirm_person(flow_cx *c, int32_t i) {
    int rc = flow_send_check(c, FLOW_CHECK_HANDOFF, "confirm_person", c->judge->confirm_person);
    if (!rc) c->st.check_intent = i;
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
    /* the fallback lists the options; a question without any (a day, a
     * name) is asked again after a short apology */
    bool listed = slot->type == TY_SLOT_CHOICE || slot->type == TY_SLOT_YESNO || st->options;
    int32_t ti = c->pb->fallback >= 0 && listed ? c->pb->fallback : step->say;
    if (c->pb->fallback >= 0 && !listed) c->lead = st->reprompts % 2 ? c->judge->reprompt_lead : c->judge->reprompt_lead_again;
    /* after a refusal, the days or times offered are the options */
    int rc = slot->type != TY_SLOT_CHOICE && slot->type != TY_SLOT_YESNO
                 ? flow_offered_options(c, &c->reoffer, &c->nreoffer) : TY_OK;
    if (!rc && ti >= 0) rc = flow_send(c, ti, st->flow, st->step, slot);
    c->lead = NULL;
    c->reoffer = NULL;
    if (rc) return rc;
    flow_wording none = {NULL, 0, ""};
    flow_metric(c, "reprompt", st->flow, st->step, ti >= 0 ? &c->sent : &none, &rc);
    return rc ? ty_err_nomem(c->err, TY_DOMAIN_NONE) : TY_OK;
}

/* True when the message asks what an option of a choice of type kt means
 * ("what does that mean, a slot?"): it chooses none. */
static bool flow_asks_meaning(const flow_cx *c, ty_slot_type kt) {
    return kt == TY_SLOT_CHOICE && ty_judge_asks_meaning(c->norm, c->norm_len);
}

/* An off-topic message: a short honest answer, then the pending question
 * again, or the fallback (the menu) when nothing is pending. */
static int flow_off_topic(flow_cx *c, bool quiet) {
    if (quiet) return TY_OK;
    /* "what does that mean, a slot?" at a choice no intent explains: the
     * question again, in other words, after owning the muddle */
    const ty_slot *asked = flow_step_slot(c->pb, c->st.flow, c->st.step);
    if (asked && flow_asks_meaning(c, asked->type)) {
        int rc = flow_send_builtin(c, "clearer", c->judge->clearer, FLOW_BUILTIN_ONCE);
        return rc ? rc : flow_repeat(c);
    }
    const char *text = c->judge->off_topic;
    if (flow_said(c, text, strlen(text), false)) text = c->judge->off_topic_again;
    int rc = flow_send_builtin(c, "off_topic", text, FLOW_BUILTIN_PLAIN);
    if (rc) return rc;
    if (c->st.flow >= 0) return flow_repeat(c);
    return c->pb->fallback >= 0 ? flow_send(c, c->pb->fallback, -1, -1, NULL) : TY_OK;
}

/* How many slots hold a value. */
static size_t flow_filled_count(const flow_cx *c) {
    size_t n = 0;
    for (size_t i = 0; i < c->pb->nslots; i++) n += c->st.slots[i] != NULL;
    return n;
}

/* Hands off on the customer's request: the handoff intent's words (i < 0:
 * the built-in words asked for a person: the playbook's person_intent),
 * then the handoff. The handoff intent becomes the conversation's when it
 * had none, or nothing is known yet (a complaint after "hi" is handed on
 * as a complaint, not a greeting; one in the middle of a booking keeps the
 * booking, whose details the summary gives). */
static int flow_requested_handoff(flow_cx *c, int32_t i) {
    int rc;
    if (i < 0) i = c->pb->person_intent;
    if (i < 0) i = flow_does(c->pb, TY_PB_DOES_HANDOFF);
    if (i >= 0 && c->pb->intents[i].say >= 0 && (rc = flow_send(c, c->pb->intents[i].say, -1, -1, NULL)))
        return rc;
    if ((c->st.intent < 0 || !flow_filled_count(c)) && i >= 0 && c->pb->intents[i].flow < 0) c->st.intent = i;
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

static int flow_try_answer(flow_cx *c, const flow_texts *x, bool *done);
static int flow_aside(flow_cx *c);

/* A reply to the confirming question: yes does it, no carries on where
 * the conversation was; anything else is read as a new message. */
static int flow_on_check(flow_cx *c, const flow_texts *x, bool *handled) {
    int check = c->st.check, rc;
    int32_t confirms = check == FLOW_CHECK_HANDOFF ? c->st.check_intent : -1;
    c->st.check = FLOW_CHECK_NONE;
    c->st.check_intent = -1;
    int yn = flow_yes_no_reply(c, x, &rc);
    /* a request that reads as yes is the request, not a yes to a person */
    if (!rc && yn == 1 && check == FLOW_CHECK_HANDOFF && flow_asks_else(c, &rc)) yn = 0;
    /* "no thanks, I'll just book a check-up": with nothing pending, a no
     * that makes a request of its own is read as that request (not one
     * that tells of the past: "no, tranqui, ya se le pasó" moves nothing) */
    if (!rc && yn == 2 && c->st.flow < 0 && !flow_tells_only(c) && flow_asks_else(c, &rc)) yn = 0;
    *handled = rc || yn;
    if (rc || !yn) return rc;
    if (yn == 1 && check == FLOW_CHECK_OPT_OUT) return flow_opt_out(c, flow_does(c->pb, TY_PB_DOES_OPT_OUT), false);
    /* "fine, the saturday one" to the offer of a person answers the pending
     * ask instead: handing off costs more than going on */
    bool pending = c->st.flow >= 0 &&
                   c->pb->slots[c->pb->flows[c->st.flow].steps[c->st.step].ask].type != TY_SLOT_YESNO;
    if (yn == 1 && check == FLOW_CHECK_HANDOFF && pending && !flow_only_yes(c, &rc) && !rc) {
        bool done;
        if ((rc = flow_try_answer(c, x, &done)) || done) return rc;
    }
    if (rc) return rc;
    /* the offer after the re-asks ran out hands off for the failures */
    if (yn == 1 && c->st.flow >= 0 && c->st.reprompts >= c->pb->reprompts) return flow_handoff(c, "failures");
    if (yn == 1) return flow_requested_handoff(c, confirms);
    if (check == FLOW_CHECK_HANDOFF) c->st.reprompts = 0;
    if (pending) {
        /* "no no, carry on: the afternoon" answers the pending ask too */
        bool done;
        if ((rc = flow_try_answer(c, x, &done)) || done) return rc;
    }
    if (c->st.flow >= 0) return flow_repeat(c);
    /* nothing pending: the no is taken as said ("no it's fine" to the
     * offer of a person), never answered with the fallback's "sorry, I
     * didn't follow" */
    return flow_send_builtin(c, "aside", c->judge->aside, FLOW_BUILTIN_ONCE);
}

/* True when flow f alone asks slot si. */
static bool flow_only_asker(const ty_playbook *pb, int32_t f, int32_t si) {
    for (size_t g = 0; g < pb->nflows; g++)
        if (flow_asks(pb, (int32_t)g, si) != ((int32_t)g == f)) return false;
    return true;
}

/* Empties the details for slots other than choices that flow f alone
 * asks, and only off the way its choices now take
 * (flow_asks_on_known_way): "7 plazas" said before the sofa was chosen is
 * no size of carpet. */
static void flow_drop_off_way(flow_cx *c, int32_t f) {
    for (size_t j = 0; j < c->pb->nslots; j++)
        if (c->st.slots[j] && c->pb->slots[j].type != TY_SLOT_CHOICE && flow_only_asker(c->pb, f, (int32_t)j) &&
            !flow_asks_on_known_way(c, NULL, f, (int32_t)j))
            c->st.slots[j] = NULL;
}

/* Commits `value` as the answer to the pending ask and moves on. */
static int flow_commit(flow_cx *c, const ty_value *value) {
    flow_state *st = &c->st;
    int32_t f = st->flow, s = st->step, k = c->pb->flows[f].steps[s].ask;
    st->slots[k] = value;
    if (c->pb->flows[f].steps[s].nbranches) flow_drop_off_way(c, f);
    int rc = TY_OK;
    ty_value *ev = flow_metric(c, "commit", f, s, NULL, &rc);
    flow_put(c, ev, "latency", ty_val_number(c->out, (double)(c->ev.at - st->asked_at)), &rc);
    if (rc) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    bool none;
    ty_pb_target t = flow_next(c, f, s, flow_answer_key(&c->pb->slots[k], value), &none);
    return flow_goto(c, t, none);
}

/* After days or times were offered (not a slot's own options_from), a
 * reply that picks one ("the first one", "B", "tuesday" for the Tuesday
 * offered) replaces *raw when it is the better reading; *picked says so.
 * A reply that names the very value it read itself ("el martes 1 de
 * diciembre a primera hora") is an ordinary answer, details and all.
 * *offered holds the doc the pick lives in (caller frees). */
static int flow_pick_offered(flow_cx *c, const ty_slot *slot, ty_doc **offered, const ty_value **raw, bool *picked) {
    *picked = false;
    if (!c->st.options || slot->options_from) return TY_OK;
    const ty_value *pick = NULL;
    int rc = flow_read_offered(c, offered, &pick);
    size_t rn, pn;
    const char *rs = ty_value_string(*raw, &rn), *ps = ty_value_string(pick, &pn);
    if (rs && ps && rn == pn && memcmp(rs, ps, rn) == 0) return rc;
    if (!rc && pick && flow_prefer_pick(slot, *raw, pick)) {
        *raw = pick;
        *picked = true;
    }
    return rc;
}

/* True when the message, or a clause that ends it, says any option will
 * do ("pfff otra pregunta más?? me da igual, cuando sea"). */
static bool flow_any_option(const flow_cx *c) {
    for (size_t i = 0; i < c->norm_len; i++)
        if ((i == 0 || (c->clause && c->clause[i])) && ty_judge_any_option(c->norm + i, c->norm_len - i)) return true;
    return false;
}

/* True when the message, or the clauses that begin it before a statement
 * (no question), say "the other one": "no sorry, the other one, I've work
 * at 8". */
static bool flow_says_other_option(const flow_cx *c) {
    if (ty_judge_other_option(c->norm, c->norm_len)) return true;
    for (size_t i = 1; c->clause && i < c->norm_len; i++)
        if (c->clause[i] && ty_judge_other_option(c->norm, i - 1)) return !flow_asks_something(c);
    return false;
}

/* No answer in the words as written for slot k: "either" or "whichever"
 * takes a choice's first option, a yes/no reads an implied yes, and a date
 * that is no day is marked for the refusal. The stored value, or NULL. */
static const ty_value *flow_answer_otherwise(flow_cx *c, const ty_slot *slot, int32_t k, const ty_value *root,
                                             int *rc) {
    const ty_value *value = NULL;
    if (slot->type == TY_SLOT_CHOICE && flow_any_option(c)) {
        const ty_option *opts;
        size_t nopts;
        if (!(*rc = flow_options(c, slot, &opts, &nopts)) && nopts) {
            ty_value *id = ty_val_string(c->out, opts[0].id, opts[0].id_len);
            value = id ? flow_store_value(c, k, id, rc) : NULL;
            if (!id) *rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
        }
    }
    if (!*rc && !value && slot->type == TY_SLOT_YESNO) value = flow_implicit_yes(c, root, k, rc);
    if (!*rc && !value && slot->type == TY_SLOT_CHOICE && !slot->options_from) value = flow_implicit_option(c, root, k, rc);
    if (!*rc && !value && !c->refusal.set && slot->type == TY_SLOT_DATE) flow_no_such_day(c, k);
    return value;
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
    o.entity_slots = flow_answer_entities(c, k);
    o.exact_slots = flow_exact_slots(c);
    if (!o.entity_slots || !o.exact_slots) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    /* "no, the other one" just after a choice of two: that choice changes */
    bool changed = false;
    int rc = flow_says_other_option(c) ? flow_other_option(c, k, &changed) : TY_OK;
    if (rc || changed) {
        *done = true;
        return flow_changed_lead(c, rc);
    }
    ty_doc *d, *alt = NULL, *offered = NULL, *weekd = NULL;
    rc = flow_match(c, &o, c->ev.text.s, c->ev.text.n, &d);
    if (rc) return rc;
    c->read = c->ev.text;
    const ty_value *root = ty_doc_root(d);
    if (slot->type == TY_SLOT_TEXT) {
        /* free text takes anything: a change of mind is read first (with
         * the answer too only when it stands apart from the change), and a
         * bare yes ("yes" to "what name?") is no answer */
        rc = flow_change_of_mind(c, root, k, &changed);
        if (rc || (changed && !flow_answer_apart(root))) {
            *done = true;
            rc = flow_changed_lead(c, rc);
            goto out;
        }
        if (flow_only_yes(c, &rc) || rc) goto out;
        if (c->vents) goto out; /* "uff cuántas preguntas" names no bike */
        /* "nah not interested anymore tbh" to "what's the idea?" is no
         * idea: a want that has ended may mean stop altogether, so that is
         * asked ("not interested in a full service, just the brakes" is
         * the text asked for) */
        if (ty_judge_no_longer(c->norm, c->norm_len) &&
            ty_judge_read_exit(&c->pb->judge_index, c->norm, c->norm_len, c->clause) == TY_JUDGE_STOP_MAYBE) {
            *done = true;
            rc = flow_ask_check(c, FLOW_CHECK_OPT_OUT);
            goto out;
        }
        /* a clear request for another flow instead of the text asked for
         * ("can i just book a tune up on friday then") leaves the question
         * behind: the request starts as if nothing were pending */
        if (flow_text_elsewhere(c, &rc)) flow_clear_pending(c);
        if (rc || c->st.flow < 0) goto out;
    }
    const ty_value *a = ty_value_get(root, "answer", 6);
    const ty_value *raw = ty_value_kind(a) == TY_MAP ? ty_value_get(a, "value", 5) : NULL;
    if (!raw && (rc = flow_read_value(c, slot, x, true, &alt, &raw))) goto out;
    /* after days or times were offered, a reply that picks one ("the first
     * one", "B", "tuesday" for the Tuesday offered) takes it, and says
     * nothing else */
    bool picked;
    if ((rc = flow_pick_offered(c, slot, &offered, &raw, &picked))) goto out;
    /* "ok then the 26th" when 24 or 26 December were offered */
    if (raw && !picked && slot->type == TY_SLOT_DATE && raw == ty_value_get(a, "value", 5))
        flow_pick_day_number(c, a, &raw, &picked);
    /* "next week" to "which day?", then "friday": the Friday of that week */
    if (raw && !picked && slot->type == TY_SLOT_DATE && (rc = flow_day_in_week(c, slot, &weekd, &raw))) goto out;
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
    if (raw && !picked && flow_asks_meaning(c, slot->type)) {
        c->answer_start = c->answer_end = 0;
        goto out;
    }
    const ty_value *value = raw ? flow_store_value(c, k, raw, &rc) : NULL;
    if (!rc && !value) value = flow_answer_otherwise(c, slot, k, root, &rc);
    if (!rc && !value && c->refusal.set && c->refusal.slot == k && !picked) {
        /* "actually no saturday is better, morning time" at "what time on
         * monday?": the change of mind goes first, and the question is
         * asked again for the new day (the refusal was of the old one) */
        if ((rc = flow_change_of_mind(c, root, k, &changed)) || changed) {
            c->refusal.set = false;
            *done = true;
            rc = flow_changed_lead(c, rc);
            goto out;
        }
    }
    if (!rc && !value && c->refusal.set && c->refusal.slot == k) {
        /* an answer the business cannot take: why, and what it can */
        *done = true;
        const ty_value *kept;
        rc = flow_refuse(c, c->st.flow, c->st.step, &kept);
        c->refusal.set = false;
        if (!rc) c->st.options = kept;
        goto out;
    }
    /* "next week" to "which day?" names no day but is no failed answer:
     * noted, and the day asked again (in other words) */
    if (!rc && !value && slot->type == TY_SLOT_DATE && !flow_asks_something(c)) {
        bool week;
        if (!(rc = flow_names_week(c, slot, c->ev.text, &week)) && week) {
            *done = true;
            rc = flow_aside(c);
            goto out;
        }
    }
    if (rc || !value) goto out;
    /* other details the message gives: new slots, and changes of mind */
    if (!picked) rc = flow_fill_beside(c, root, k, value, c->st.flow, flow_answer_flow(c, value));
    if (!rc && !picked) rc = flow_change_of_mind(c, root, k, &changed);
    *done = true;
    size_t vn;
    const char *vs = ty_value_string(value, &vn);
    bool no = slot->type == TY_SLOT_YESNO && vs && flow_eq(vs, vn, "no");
    if (!rc && no && !changed && !picked) rc = flow_no_with_value(c, x, k, &changed);
    /* "sorry, change that to a full service please": the yes goes with the change */
    bool with_change = changed && slot->type == TY_SLOT_YESNO && !no && spanned &&
                       flow_answer_follows_detail(c, root, c->answer_start);
    if (!rc && changed && (no || with_change || c->rebranch >= 0)) {
        /* "ay no, mejor nomás un corte": a no that brings a change asks
         * again, and so does a yes that goes with the change; an answer on
         * a branch the change left is dropped */
        rc = flow_changed_lead(c, rc);
        goto out;
    }
    if (!rc && no && ty_judge_no_longer(c->norm, c->norm_len) &&
        ty_judge_read_exit(&c->pb->judge_index, c->norm, c->norm_len, c->clause) == TY_JUDGE_STOP_MAYBE) {
        rc = flow_ask_check(c, FLOW_CHECK_OPT_OUT); /* "not interested anymore": a no, perhaps to everything */
        goto out;
    }
    if (!rc) rc = flow_commit(c, value);
out:
    ty_doc_free(weekd);
    ty_doc_free(offered);
    ty_doc_free(alt);
    ty_doc_free(d);
    return rc;
}

/* What acting on intent i costs when wrong, here. */
static ty_judge_cost flow_cost(const flow_cx *c, int32_t i) {
    const ty_pb_intent *in = &c->pb->intents[i];
    if (in->does == TY_PB_DOES_OPT_OUT) return TY_JUDGE_COST_OPT_OUT;
    if (in->does == TY_PB_DOES_HANDOFF) return TY_JUDGE_COST_HANDOFF;
    if (in->flow < 0) return TY_JUDGE_COST_SAY;
    /* a menu asks what the customer wants: a request answers it; a
     * question of the customer's own is owed its answer sooner than a
     * statement is followed elsewhere */
    bool leaving = c->st.flow >= 0 && !flow_is_menu(c->pb, c->st.flow, c->st.step);
    if (!leaving) return TY_JUDGE_COST_START;
    return flow_asks_something(c) ? TY_JUDGE_COST_ASIDE : TY_JUDGE_COST_SWITCH;
}

/* Acts on intent i, whose confidence cleared the bar: what the message
 * says goes into the flow it serves, then the intent is served, after an
 * apology when the message is upset ("joder, me habéis cobrado dos veces
 * la mudanza"; not before a handoff, whose own words answer a complaint). */
static int flow_act_on(flow_cx *c, int32_t i, const ty_value *root, bool mid) {
    int32_t f = c->pb->intents[i].flow;
    if (c->upset && c->pb->intents[i].does == TY_PB_DOES_NONE) {
        int rc = flow_send_builtin(c, "apology", c->judge->apology, FLOW_BUILTIN_ONCE);
        if (rc) return rc;
    }
    c->acted = root;
    /* a question into another flow ("are you open on saturday?") asks
     * about the day, it does not choose it: only what that flow asks */
    bool asking = mid && flow_asks_something(c);
    /* a new round of a flow not under way takes the values the message
     * names over those kept ("also can I book my son's bike in too? full
     * service, same day" after a Tune-up was booked) */
    int rc = f >= 0 && (!mid || !flow_under_way(c, f)) ? flow_fill_renamed(c, root, f) : TY_OK;
    if (!rc) rc = asking ? flow_fill_asked(c, root, f) : flow_fill_entities(c, root, -1, mid ? c->st.flow : f, f);
    if (!rc) rc = flow_serve(c, i, mid);
    c->acted = NULL; /* root is the caller's, freed after this */
    return rc;
}

/* "how much is a day pass? also wanna book the belay class for tmrw":
 * after a say-only answer (intent i) to a message with nothing pending, a
 * clause of the message that asks for a flow that takes details
 * (flow_clause_intent: it names one) starts it too, with the message's
 * details (root), so the request is not lost; not a request held back
 * ("might stop by tomorrow", ty_judge_hedges), which waits for the answer. */
static int flow_then_request(flow_cx *c, int32_t i, const ty_value *root) {
    if (c->pb->intents[i].flow >= 0 || c->pb->intents[i].does != TY_PB_DOES_NONE || c->st.flow >= 0 ||
        ty_judge_hedges(c->norm, c->norm_len))
        return TY_OK;
    int rc = TY_OK;
    int32_t r = flow_clause_intent(c, -1, &rc);
    if (rc || r < 0 || r == i || c->pb->intents[r].flow < 0 || !flow_asks_details(c->pb, c->pb->intents[r].flow))
        return rc;
    return flow_act_on(c, r, root, false);
}

/* True when the customer is upset (ex: rude or frustrated) or unhappy with
 * what they got ("im not happy with it, one of the lines is wonky"). An
 * upset customer's complaint that a handoff intent reads fairly clearly
 * ("WTF you've charged me TWICE for my membership") is passed on at once
 * with that intent's own words (a complaint's, which say sorry in the
 * owner's voice), as asking first would keep an unhappy customer waiting. */
static bool flow_upset(const flow_cx *c, ty_judge_exit ex) {
    return ex == TY_JUDGE_FRUSTRATED || ex == TY_JUDGE_RUDE || ty_judge_unhappy(c->norm, c->norm_len);
}

/* True when an intent read at score with margin clears the bar for acting
 * at cost: the lower one for a message that asks something, is upset or
 * cannot wait ("can someone from your office call me?", "el ruedo quedó
 * torcido... qué hago?"), rather than one that only tells. */
static bool flow_clears(flow_cx *c, ty_judge_exit ex, ty_judge_cost cost, double score, double margin) {
    if (ty_judge_clears(cost, score, margin)) return true;
    bool pressed = flow_asks_something(c) || ty_judge_requests(c->norm, c->norm_len) || flow_upset(c, ex) ||
                   ty_judge_urgent(c->norm, c->norm_len);
    return pressed && ty_judge_clears_pressed(cost, score, margin);
}

/* The handoff intent the model ranks highest for the message, one for a
 * person only when it is the only one (a complaint's words say sorry for
 * what went wrong), or -1. */
static int32_t flow_ranked_complaint(const flow_cx *c, const ty_value *root) {
    const ty_value *rk = ty_value_get(root, "ranking", 7);
    int32_t person = -1;
    for (size_t i = 0; i < ty_value_count(rk); i++) {
        int32_t k = flow_ranked(c, rk, i);
        if (k < 0 || c->pb->intents[k].does != TY_PB_DOES_HANDOFF) continue;
        if (k != c->pb->person_intent) return k;
        if (person < 0) person = k;
    }
    return person;
}

/* True when the message names a day before today ("el domingo pasado",
 * "last Saturday", "hace 3 semanas") or a time gone by ("last week", "la
 * semana pasada"): it tells of something past. */
static bool flow_tells_past(flow_cx *c) {
    const char *const *periods = c->lang->locale ? c->lang->locale->past_periods : NULL;
    if (periods && ty_judge_has_phrase(c->norm, c->norm_len, periods)) return true;
    ty_input in = flow_input(c, c->ev.text.s, c->ev.text.n);
    return ty_pb_tells_past(c->pb, &in, c->lang->locale, c->scratch, c->tmp);
}

/* An unhappy customer (not one frustrated at not being answered) who
 * tells of a past visit and asks nothing ("fui el
 * domingo pasado y el instructor nos dejó solos... eso no se hace",
 * "arrendé hace 3 semanas y todavía no me liberan la garantía, es el
 * colmo") complains, whatever request the model reads in the words: the
 * playbook's complaint intent that the model ranks highest, or -1. */
static int32_t flow_told_complaint(flow_cx *c, const ty_value *root, ty_judge_exit ex, ty_judge_cost cost) {
    if (cost >= TY_JUDGE_COST_HANDOFF || ex == TY_JUDGE_FRUSTRATED || !ty_judge_unhappy(c->norm, c->norm_len) ||
        flow_asks_something(c) || !flow_tells_past(c))
        return -1;
    return flow_ranked_complaint(c, root);
}

/* "ok sod it, let's do thursday" while hesitating over a booking: a
 * statement (no question) with a value for the ask of the innermost
 * suspended flow answers it: that flow comes back with the value and
 * the message's other details, and the digression is left. *done when it
 * did. */
static int flow_resume_suspended(flow_cx *c, const ty_value *root, bool *done) {
    flow_state *st = &c->st;
    *done = false;
    if (!st->nstack || flow_asks_something(c)) return TY_OK;
    flow_frame fr = st->stack[st->nstack - 1];
    int32_t a = c->pb->flows[fr.flow].steps[fr.step].ask;
    int rc = TY_OK;
    if (a < 0 || st->slots[a] || !flow_answers_slot(c, root, a, &rc)) return rc;
    const ty_value *ents = ty_value_get(root, "entities", 8), *v = NULL;
    for (size_t j = 0; !rc && !v && j < ty_value_count(ents); j++)
        if (flow_entity_slot(c, ty_value_item(ents, j)) == a)
            v = flow_store_value(c, a, ty_value_get(ty_value_item(ents, j), "value", 5), &rc);
    if (rc || !v) return rc;
    st->slots[a] = v;
    st->nstack--;
    st->intent = fr.intent;
    flow_clear_pending(c);
    if ((rc = flow_fill_entities(c, root, -1, fr.flow, fr.flow))) return rc;
    *done = true;
    return flow_run(c, fr.flow, fr.step, &fr);
}

/* No intent acted on while slot k is asked: a change of mind, an entity
 * for the asked slot inside a longer message (not a day or time in a
 * question back), or a day or time the business cannot take. *done is set
 * when one of them answered the message. */
static int flow_pending_read(flow_cx *c, const ty_value *root, int32_t k, bool own, bool *done) {
    flow_state *st = &c->st;
    bool changed = false;
    /* a question no intent covers that requests nothing ("¿tú sabes si hoy
     * hay racionamiento en Caricuao?"), or any that asks whether something
     * is so ("sabés si va a haber tráfico el sábado?"), gives no detail in
     * passing: it gets the off-topic answer; one that opens like a question
     * for information or asks whether changes nothing either ("¿quién ganó
     * el clásico ayer?"; "cancel thurs, end of the wk is better - sat?" and
     * "friday instead?" do) */
    bool whether = flow_asks_whether(c);
    bool aside = (ty_value_kind(ty_value_get(root, "oos", 3)) == TY_TRUE || whether) && flow_asks_something(c) &&
                 !ty_judge_requests(c->norm, c->norm_len);
    bool asks = aside && !ty_judge_asks_change(c->norm, c->norm_len, true) &&
                (whether || ty_recognize_asks_info(c->lang->locale, c->ev.text.s, c->ev.text.n, c->has_toks ? &c->toks : NULL));
    int rc = asks ? TY_OK : flow_change_of_mind(c, root, k, &changed);
    const ty_value *ents = ty_value_get(root, "entities", 8);
    const ty_value *value = NULL;
    ty_slot_type kt = c->pb->slots[k].type;
    bool back = !rc && !own && (kt == TY_SLOT_DATE || kt == TY_SLOT_TIME) && flow_only_asks_back(c, &rc);
    back = back || flow_asks_meaning(c, kt);
    back = back || (kt == TY_SLOT_TEXT && c->vents);
    back = back || whether; /* "¿tú sabes si hay guagua pa' El Cobre hoy?" to "which day?" */
    for (size_t j = 0; !rc && !back && !value && j < ty_value_count(ents); j++) {
        const ty_value *e = ty_value_item(ents, j);
        if (flow_entity_slot(c, e) == k) value = flow_store_value(c, k, ty_value_get(e, "value", 5), &rc);
    }
    if (!rc && changed && (!value || c->rebranch >= 0)) { /* a change alone: the pending question again */
        rc = flow_changed_lead(c, flow_fill_entities(c, root, k, st->flow, -1));
        *done = true;
        return rc;
    }
    /* (a change that answers the pending ask too goes on: "actually make
     * that a full service... friday?") */
    if (!rc && !value && (rc = flow_resume_suspended(c, root, done)) == TY_OK && *done) return TY_OK;
    size_t before = flow_filled_count(c);
    bool elsewhere = !value && aside;
    if (!rc && !elsewhere) rc = flow_fill_beside(c, root, k, value, st->flow, -1);
    c->noted = !rc && flow_filled_count(c) > before;
    if (!rc && value) {
        *done = true;
        return flow_commit(c, value);
    }
    /* a day or time the business cannot take, for the ask or a change */
    if (!rc && c->refusal.set && (c->refusal.slot == k || flow_in_play(c, c->refusal.slot))) {
        const ty_value *kept;
        rc = flow_refuse(c, st->flow, st->step, &kept);
        if (!rc && c->refusal.slot == k) st->options = kept;
        c->refusal.set = false;
        *done = true;
    }
    return rc;
}

/* A message of nothing but pleasantries (ty_judge_pleasantry_of) that
 * answered nothing: thanks get the thanks reply, goodbyes the goodbye
 * (once: the same again gets nothing), a bare acknowledgement nothing. A
 * pending ask stays pending, for the follow-ups. */
static int flow_pleasantry(flow_cx *c, ty_judge_pleasantry pl) {
    if (pl == TY_JUDGE_PL_NONE || pl == TY_JUDGE_PL_ACK) return TY_OK;
    return pl == TY_JUDGE_PL_THANKS ? flow_send_builtin(c, "thanks_reply", c->judge->thanks_reply, FLOW_BUILTIN_ONCE)
                                    : flow_send_builtin(c, "goodbye", c->judge->goodbye, FLOW_BUILTIN_ONCE);
}

/* A remark at a pending ask that answers nothing and asks nothing ("sorry
 * its manic here lol", "I need it back for the weekend"): "No worries at
 * all." after an apology, else "Noted, thanks." (worded differently a
 * second time in a row), then the pending question again. */
static int flow_aside(flow_cx *c) {
    bool sorry = ty_judge_apologises(c->norm, c->norm_len);
    const char *text = sorry ? c->judge->no_worries : c->judge->aside;
    if (!sorry && flow_said(c, text, strlen(text), false)) text = c->judge->aside_again;
    int rc = flow_send_builtin(c, sorry ? "no_worries" : "aside", text, FLOW_BUILTIN_ONCE);
    return rc ? rc : flow_repeat(c);
}

/* True when intent i may be served from a message of frustration: it
 * only answers or starts a flow (not the pending one, nor the greeting),
 * and leaving the pending ask for it costs no more than an aside. */
static bool flow_calm_serves(const flow_cx *c, int32_t i) {
    const ty_pb_intent *in = &c->pb->intents[i];
    return in->does == TY_PB_DOES_NONE && flow_actionable(in) && (c->st.flow < 0 || in->flow != c->st.flow) &&
           i != c->pb->greeting && flow_cost(c, i) <= TY_JUDGE_COST_ASIDE;
}

/* "q garrón, me contesta un bot 🙄 bueno, el viernes": a rude message that
 * also answers the pending ask with a detail (a choice, a day, a time, a
 * number; never a yes or no, nor free text, which rudeness could fill)
 * gets an apology and the answer taken, not the offer of a person. *served
 * when it was. */
static int flow_calm_answer(flow_cx *c, const flow_texts *x, bool *served) {
    *served = false;
    if (c->st.flow < 0) return TY_OK;
    const ty_slot *slot = &c->pb->slots[c->pb->flows[c->st.flow].steps[c->st.step].ask];
    if (slot->type == TY_SLOT_YESNO || slot->type == TY_SLOT_TEXT) return TY_OK;
    ty_pb_match_opts o;
    memset(&o, 0, sizeof o);
    o.expect = slot;
    o.no_model = true;
    o.no_entities = true;
    ty_doc *d;
    int rc = flow_match(c, &o, c->ev.text.s, c->ev.text.n, &d);
    if (rc) return rc;
    bool answers = ty_value_kind(ty_value_get(ty_doc_root(d), "answer", 6)) == TY_MAP;
    ty_doc_free(d);
    if (!answers) return TY_OK;
    if ((rc = flow_send_builtin(c, "apology", c->judge->apology, FLOW_BUILTIN_ONCE))) return rc;
    return flow_try_answer(c, x, served);
}

/* "your website is a bit rubbish tbh, couldn't find prices anywhere.
 * what's ur call out fee?": a message of frustration that also makes a
 * clear request (read without its frustration phrases, it clears the bar
 * for leaving a pending ask to answer an aside, or its last sentence asks
 * for it) gets an apology and the request served (a say-only answer, a
 * flow to start, or a digression from the pending ask), not the offer of a
 * person. A complaint that only tells what happened and asks nothing
 * ("you lot charged me 60 quid for brakes last week and they're already
 * squealing. absolute joke") makes no request, unless a handoff intent
 * reads it fairly clearly: then it is passed on (see flow_upset). *served
 * when it was. */
static int flow_calm_request(flow_cx *c, bool *served) {
    *served = false;
    size_t n, cut;
    /* every frustration phrase goes ("this bot is useless. are you open on sundays or not ffs") */
    char *rest = flow_calm_text(c, &n, &cut);
    if (!rest) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    if (!cut || ty_judge_words(rest, n) < 2) return TY_OK; /* nothing but frustration asks for nothing */
    ty_pb_match_opts o;
    memset(&o, 0, sizeof o);
    o.written = c->ev.text.s; /* details keep their punctuation, names their capitals */
    o.written_len = c->ev.text.n;
    o.mark_written = true;
    ty_doc *d;
    int rc = flow_match(c, &o, rest, n, &d);
    if (rc) return rc;
    flow_guess g = flow_guess_of(c, ty_doc_root(d));
    if (g.intent >= 0 && c->pb->intents[g.intent].does == TY_PB_DOES_HANDOFF &&
        ty_judge_worth_asking(TY_JUDGE_COST_HANDOFF, g.score, g.margin)) {
        c->read = (flow_str){rest, n};
        rc = flow_act_on(c, g.intent, ty_doc_root(d), c->st.flow >= 0);
        *served = !rc;
        ty_doc_free(d);
        return rc;
    }
    /* a clear request: an aside's bar; else one the last sentence asks */
    bool told = flow_tells_only(c) && !flow_asks_something(c);
    int32_t i = !told && g.intent >= 0 && flow_calm_serves(c, g.intent) &&
                        ty_judge_clears(TY_JUDGE_COST_ASIDE, g.score, g.margin)
                    ? g.intent
                    : -1;
    if (!told && i < 0 && (i = flow_last_sentence_intent(c, &rc)) >= 0 && !flow_calm_serves(c, i)) i = -1;
    /* an accusation asks for no answer: "ustedes son unos ladrones, cobran carísimo" names the prices but asks
     * for none */
    if (i >= 0 && c->pb->intents[i].flow < 0 && !flow_asks_something(c) && !ty_judge_requests(c->norm, c->norm_len))
        i = -1;
    if (!rc && i >= 0) {
        c->read = (flow_str){rest, n};
        rc = flow_act_on(c, i, ty_doc_root(d), c->st.flow >= 0); /* after an apology (c->upset) */
        *served = !rc;
    }
    ty_doc_free(d);
    return rc;
}

/* A complaint about before and then, with nothing pending, a new request
 * in a sentence of its own (flow_request_apart): the request is served
 * after an apology with the details of that sentence (not "una hora" of
 * the wait complained of), not lost to a handoff. *served when it was. */
static int flow_request_after_complaint(flow_cx *c, bool *served) {
    *served = false;
    if (c->st.flow >= 0) return TY_OK;
    int rc = TY_OK;
    ty_doc *d;
    flow_str said;
    int32_t r = flow_request_apart(c, &said, &d, &rc);
    if (rc || r < 0) return rc;
    c->upset = true;
    c->read = said;
    rc = flow_act_on(c, r, ty_doc_root(d), false);
    *served = !rc;
    ty_doc_free(d);
    return rc;
}

#define FLOW_COMPLAINT_FLOOR 0.10 /* the least score of a handoff intent read first that takes a complaint */

/* A complaint in the customer's own words that asks nothing ("the battery
 * died halfway... not impressed", "me habéis pasado el recibo de agosto...
 * quiero que me lo devolváis ya"), or asks only what a handoff intent
 * reads best ("q paso con mi camisa?? me la devolvieron con una mancha...
 * es la segunda vez"), and that no flow of the playbook takes on clearly
 * (a complaints flow would; an answer would not): never read as an answer
 * to the pending ask or as a request for what it names. A handoff intent
 * that reads it best, even weakly (the words already say it is a
 * complaint), passes it on at once with its own words (a complaint's,
 * which say sorry); else sympathy and the offer of a person (not "I
 * haven't been much help": nothing went wrong here). *done when the
 * message was one. */
static int flow_complaint(flow_cx *c, ty_judge_exit ex, bool *done) {
    *done = false;
    bool exits_ok = ex == TY_JUDGE_NONE || ex == TY_JUDGE_FRUSTRATED || ex == TY_JUDGE_RUDE;
    if (!exits_ok || !ty_judge_unhappy(c->norm, c->norm_len)) return TY_OK;
    int rc;
    ty_doc *d;
    flow_guess_message(c, &d, &rc);
    if (rc) return rc;
    const ty_value *rk = ty_value_get(ty_doc_root(d), "ranking", 7);
    int32_t top = flow_ranked(c, rk, 0);
    double score = flow_rank_score(rk, 0), margin = score - flow_rank_score(rk, 1);
    /* read weakly, or below a question it asks nothing about, it still is
     * one when it tells of a past visit: "arrendé hace 3 semanas y todavía
     * no me liberan la garantía, es el colmo" */
    int does = top >= 0 ? c->pb->intents[top].does : TY_PB_DOES_NONE;
    bool clear = does == TY_PB_DOES_HANDOFF && score >= FLOW_COMPLAINT_FLOOR;
    int32_t told = !clear && ex != TY_JUDGE_FRUSTRATED && flow_tells_past(c) ? flow_ranked_complaint(c, ty_doc_root(d))
                                                                             : -1;
    ty_doc_free(d);
    /* a complaint that asks is a request ("the last garage was shocking,
     * can you do an MOT on friday?"), unless a handoff intent reads it best */
    if (does != TY_PB_DOES_HANDOFF && flow_asks_something(c)) return TY_OK;
    if (top >= 0 && does == TY_PB_DOES_NONE && c->pb->intents[top].flow >= 0 &&
        ty_judge_clears(TY_JUDGE_COST_START, score, margin))
        return TY_OK;
    *done = true;
    bool served;
    if ((rc = flow_request_after_complaint(c, &served)) || served) return rc;
    if (clear) return flow_requested_handoff(c, top);
    if (told >= 0) return flow_requested_handoff(c, told);
    return flow_send_check(c, FLOW_CHECK_HANDOFF, "sorry_person", c->judge->sorry_person);
}

#define FLOW_PERSON_COMPLAINT 0.20 /* the least score of another handoff intent that words a request for a person */

/* The handoff intent whose words pass on a request for a person in the
 * built-in words (*i; -1: the playbook's person_intent): another handoff
 * intent among the model's first three readings, at FLOW_PERSON_COMPLAINT
 * or more, when the request comes with what it hands on ("the pizza came
 * cold, I want to talk to the manager": a complaint's words, which say
 * sorry; a request alone reads near 0 for it). */
static int flow_person_words(flow_cx *c, int32_t *i) {
    *i = -1;
    int rc;
    ty_doc *d;
    flow_guess_message(c, &d, &rc);
    if (rc) return rc;
    const ty_value *rk = ty_value_get(ty_doc_root(d), "ranking", 7);
    for (size_t k = 0; k < 3 && *i < 0; k++) {
        int32_t in = flow_ranked(c, rk, k);
        if (in >= 0 && in != c->pb->person_intent && c->pb->intents[in].does == TY_PB_DOES_HANDOFF &&
            flow_rank_score(rk, k) >= FLOW_PERSON_COMPLAINT)
            *i = in;
    }
    ty_doc_free(d);
    return TY_OK;
}

/* Nothing in the message was acted on: the exits the judgment read (a
 * maybe-stop, frustration) are checked, then thanks and goodbyes, else the
 * ask is repeated, the aside acknowledged, or the off-topic answer or
 * fallback sent (nothing when quiet). */
static int flow_nothing_read(flow_cx *c, ty_judge_exit ex, bool quiet, bool mid) {
    if (ex == TY_JUDGE_STOP_MAYBE) return flow_ask_check(c, FLOW_CHECK_OPT_OUT);
    int rc = TY_OK;
    bool served;
    /* "no estoy nada contenta con la mudanza de ayer" is as upset */
    bool upset = ex == TY_JUDGE_FRUSTRATED || (ex == TY_JUDGE_NONE && ty_judge_unhappy(c->norm, c->norm_len));
    if (upset && ((rc = flow_calm_request(c, &served)) || served)) return rc;
    if (upset) return flow_offer_person(c);
    /* (a first message of thanks or "ok" gets the fallback: it answers
     * something we did not send) */
    ty_judge_pleasantry pl = quiet || !flow_last_said(c).n ? TY_JUDGE_PL_NONE : flow_pleasantry_of(c, &rc);
    if (rc || pl > TY_JUDGE_PL_ACK || (pl && !mid)) return rc ? rc : flow_pleasantry(c, pl);
    if (mid && flow_looks_off_topic(c)) return flow_asks_something(c) ? flow_off_topic(c, false) : flow_aside(c);
    /* a detail for later ("friday" while the size is asked) is progress, not a failure */
    if (mid) return c->noted ? flow_aside(c) : flow_reprompt(c);
    if (quiet) return TY_OK;
    return flow_looks_off_topic(c) || c->pb->fallback < 0 ? flow_off_topic(c, quiet)
                                                           : flow_send(c, c->pb->fallback, -1, -1, NULL);
}

#define FLOW_BARE_WORDS 4 /* at most this many words for a bare yes or no */

/* True when the opt-out or handoff the model read (at `cost`) is not what
 * the message says: a bare yes or no is never read as leaving, nor a
 * question whether we are a person ("is this a real person?") or word
 * that the customer will be in touch ("we'll text you back") as asking
 * for one. */
static bool flow_not_leaving(flow_cx *c, const flow_texts *x, ty_judge_cost cost, int *rc) {
    if (cost == TY_JUDGE_COST_HANDOFF &&
        (ty_judge_asks_identity(c->norm, c->norm_len) || ty_judge_in_touch(c->norm, c->norm_len)))
        return true;
    /* bare: a few words ("no thanks", "nah im good"), not a yes word inside
     * a sentence ("my tooth is absolutely killing me") */
    if (ty_judge_words(c->norm, c->norm_len) > FLOW_BARE_WORDS) return false;
    int yn = flow_yes_no_reply(c, x, rc);
    return !*rc && yn;
}

/* True when token k of the message lies inside one of the entities of
 * root for a slot the pending flow asks other than the pending one, read
 * from the message as written (or from c->read when that is the message). */
static bool flow_token_in_detail(const flow_cx *c, const ty_value *ents, size_t k, int32_t pending) {
    const ty_token *tk = &c->toks.tok[k];
    for (size_t i = 0; i < ty_value_count(ents); i++) {
        const ty_value *e = ty_value_item(ents, i);
        int64_t s0, s1;
        int32_t si = flow_entity_slot(c, e);
        bool written = ty_value_kind(ty_value_get(e, "written", 7)) == TY_TRUE;
        if (si >= 0 && si != pending && flow_asks(c->pb, c->st.flow, si) && (written || c->read.s == c->ev.text.s) &&
            flow_int(ty_value_get(e, "start", 5), &s0) && flow_int(ty_value_get(e, "end", 3), &s1) &&
            tk->cp_start >= s0 && tk->cp_end <= s1)
            return true;
    }
    return false;
}

/* True when leaving the pending ask for intent g rests on the words of
 * the message's details for the rest of the pending flow (see
 * flow_token_in_detail; pending: the slot asked): read again without
 * them, the model no longer reads g even clearly enough to start it ("a
 * última hora si puede ser" is a time for the booking, though "hora" is a
 * word of the examples for moving an appointment; "lo que quiero es
 * cambiarla a última hora" still moves it). *rc on error. */
static bool flow_rests_on_details(flow_cx *c, const ty_value *root, flow_guess g, int32_t pending, int *rc) {
    const ty_value *ents = ty_value_get(root, "entities", 8);
    if (!c->has_toks || !ty_value_count(ents)) return false;
    char *rest = ty_arena_alloc(c->scratch, c->ev.text.n + 1);
    if (!rest) return (*rc = ty_err_nomem(c->err, TY_DOMAIN_NONE)), false;
    size_t n = 0, from = 0;
    bool cut = false;
    for (size_t k = 0; k < c->toks.ntok; k++) {
        if (!flow_token_in_detail(c, ents, k, pending)) continue;
        memcpy(rest + n, c->ev.text.s + from, c->toks.tok[k].b_start - from);
        n += c->toks.tok[k].b_start - from;
        rest[n++] = ' ';
        from = c->toks.tok[k].b_end;
        cut = true;
    }
    if (!cut) return false;
    memcpy(rest + n, c->ev.text.s + from, c->ev.text.n - from);
    n += c->ev.text.n - from;
    ty_pb_match_opts o;
    memset(&o, 0, sizeof o);
    o.no_entities = true;
    ty_doc *d;
    if ((*rc = flow_match(c, &o, rest, n, &d))) return false;
    flow_guess again = flow_guess_of(c, ty_doc_root(d));
    ty_doc_free(d);
    return again.intent != g.intent || !ty_judge_clears(TY_JUDGE_COST_START, again.score, again.margin);
}

/* The message is not an answer: intents compete, each acted on only when
 * its confidence clears the bar of what acting costs; below it, the exits
 * the judgment read, a change of mind, an entity for the pending ask, the
 * re-ask or the off-topic answer. */
/* A change after a close (by flow f) that names a detail f asks ("can you
 * just switch it to the afternoon?") keeps the day and time agreed that it
 * does not name; one that names none ("can I change the day?", "I want to
 * move my booking", whose "booking" only names a menu's option) asks them
 * again. */
static void flow_keep_unchanged(flow_cx *c, const ty_value *ents, int32_t f) {
    bool named = false;
    for (size_t i = 0; i < ty_value_count(ents) && !named; i++) {
        int32_t si = flow_entity_slot(c, ty_value_item(ents, i));
        named = si >= 0 && flow_asks(c->pb, f, si);
    }
    for (size_t s = 0; named && c->closed_slots && s < c->pb->nslots; s++) {
        int t = c->pb->slots[s].type;
        bool given = false;
        for (size_t i = 0; i < ty_value_count(ents) && !given; i++)
            given = flow_entity_slot(c, ty_value_item(ents, i)) == (int32_t)s;
        if ((t == TY_SLOT_DATE || t == TY_SLOT_TIME) && !given && !c->st.slots[s]) c->st.slots[s] = c->closed_slots[s];
    }
}

/* The first intent the model ranks that undoes a booking (a cancel), when
 * its score is more than noise, or -1. */
#define FLOW_UNDO_FLOOR 0.05
static int32_t flow_ranked_undo(const flow_cx *c, const ty_value *root) {
    const ty_value *rk = ty_value_get(root, "ranking", 7);
    for (size_t k = 0; k < ty_value_count(rk) && flow_rank_score(rk, k) >= FLOW_UNDO_FLOOR; k++) {
        int32_t r = flow_ranked(c, rk, k);
        if (r >= 0 && c->pb->intents[r].flow >= 0 && c->pb->intents[r].does == TY_PB_DOES_NONE &&
            flow_undoes(c->pb, c->pb->intents[r].flow))
            return r;
    }
    return -1;
}

/* After a close, a change to what was agreed (flow_reopen_intent) before
 * a request whose flow takes none of its details: "something came up,
 * could I move it to friday instead?" moves the booking even though
 * "something came up" reads as cancelling it; -1 otherwise. A new round
 * of the closed request whose details only say again what was agreed
 * names that booking: a cancel the model reads too is what is asked ("ah
 * here, can you cancel the saturday laptop screen booking"). */
static int32_t flow_change_first(flow_cx *c, const ty_value *root, int32_t i, int *rc) {
    if (c->closed_intent < 0) return -1; /* not after a close: nothing agreed to change */
    int32_t f = i >= 0 ? c->pb->intents[i].flow : -1;
    const ty_value *ents = ty_value_get(root, "entities", 8);
    int given = f >= 0 ? flow_details_for(c, ents, f, rc) : 0;
    if (given > 0 && i == c->closed_intent && !flow_new_details_for(c, ents, f, rc)) {
        int32_t u = flow_ranked_undo(c, root);
        if (u >= 0) return u;
    }
    if (given > 0) return -1;
    /* "thursday's not gonna work, can you cancel it" names the day agreed */
    if (*rc || (i >= 0 && !flow_names_new(c, ents))) return -1;
    return flow_reopen_intent(c, root, rc);
}

static int flow_try_intent(flow_cx *c, const flow_texts *x, ty_judge_exit ex, bool quiet) {
    flow_state *st = &c->st;
    const ty_playbook *pb = c->pb;
    bool mid = st->flow >= 0;
    flow_str t = x->t[2].s ? x->t[2] : x->t[1].s ? x->t[1] : x->t[0];
    /* nothing but frustration ("uff cuántas preguntas, ya me estoy cansando") asks for no business intent: the
     * apology and the offer of a person */
    if (c->vents) return flow_offer_person(c);
    ty_pb_match_opts o;
    memset(&o, 0, sizeof o);
    if (!(o.exact_slots = flow_exact_slots(c))) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    if (t.s != c->ev.text.s) { /* details keep their punctuation, names their capitals */
        o.written = c->ev.text.s;
        o.written_len = c->ev.text.n;
        o.mark_written = true;
    }
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
    if ((rc = flow_without_declined(c, &o, &d, &g))) goto out;
    root = ty_doc_root(d);
    /* with a question pending, the greeting is no request: "morning" to
     * "which day?" is a part of the day, never the welcome again */
    if (mid && g.intent >= 0 && g.intent == pb->greeting) g.intent = -1;
    if (g.intent >= 0 && (!flow_actionable(&pb->intents[g.intent]) || (mid && pb->intents[g.intent].flow == st->flow &&
                                                                      pb->intents[g.intent].flow >= 0)))
        g.intent = -1;
    /* "is there a fee if I cancel?" asks about cancelling; it is no request to */
    if (g.intent >= 0 && flow_alters(pb, g.intent) && flow_asks_about(c)) g.intent = -1;
    /* "actually make it a check-up instead" while booking changes the
     * round under way: the playbook's intent for changes is for what was
     * agreed, and its cancel for a booking made */
    if (mid && g.intent >= 0 && flow_alters(pb, g.intent) &&
        flow_names_change(c, root, pb->flows[st->flow].steps[st->step].ask, &rc))
        g.intent = -1;
    /* "el jueves no puedo, ¿el viernes?" to "which day?" with nothing
     * agreed yet: the answer, in a question too, no change of a booking
     * ("ya tengo una cita y quiero cambiarla al viernes" to "which
     * service?" still is one) */
    if (mid && !rc && g.intent >= 0 && g.intent == pb->change_intent && c->closed_intent < 0 &&
        flow_entity_for(c, root, pb->flows[st->flow].steps[st->step].ask))
        g.intent = -1;
    if (rc) goto out;
    ty_judge_cost cost = g.intent >= 0 ? flow_cost(c, g.intent) : TY_JUDGE_COST_SAY;
    int32_t told = flow_told_complaint(c, root, ex, cost);
    if (told >= 0) {
        rc = flow_act_on(c, told, root, mid);
        goto out;
    }
    /* "no no, el otro, el completo" names another option of what was
     * chosen: a change of mind, not a question about that option (which
     * asks: "¿cuánto tarda el completo?") */
    if (mid && g.intent >= 0 && cost == TY_JUDGE_COST_SAY && !flow_asks_something(c) &&
        !ty_recognize_asks_info(c->lang->locale, c->ev.text.s, c->ev.text.n, c->has_toks ? &c->toks : NULL) &&
        flow_names_change(c, root, pb->flows[st->flow].steps[st->step].ask, &rc))
        g.intent = -1;
    if (rc) goto out;
    if (g.intent >= 0 && cost >= TY_JUDGE_COST_HANDOFF && flow_not_leaving(c, x, cost, &rc)) g.intent = -1;
    if (rc) goto out;
    /* "wait sorry, make it 11am not 10": a change of what the flow under
     * way holds outweighs a handoff the model reads only weakly */
    if (mid && g.intent >= 0 && cost == TY_JUDGE_COST_HANDOFF && !flow_clears(c, ex, cost, g.score, g.margin) &&
        flow_names_change(c, root, pb->flows[st->flow].steps[st->step].ask, &rc))
        g.intent = -1;
    if (rc) goto out;
    /* a complaint the model reads, then a new request in a sentence of its own */
    if (g.intent >= 0 && cost == TY_JUDGE_COST_HANDOFF && g.intent != pb->person_intent) {
        bool served;
        if ((rc = flow_request_after_complaint(c, &served)) || served) goto out;
    }
    int32_t k = mid ? pb->flows[st->flow].steps[st->step].ask : -1;
    /* a message that also names a value for the pending ask outside its
     * question may answer it ("long rides, can I bring it friday?"):
     * leaving needs more */
    if (mid && g.intent >= 0 && (cost == TY_JUDGE_COST_ASIDE || cost == TY_JUDGE_COST_SWITCH) &&
        flow_rests_on_details(c, root, g, k, &rc))
        g.intent = -1;
    if (rc) goto out;
    if (cost == TY_JUDGE_COST_ASIDE && flow_answers_slot(c, root, k, &rc)) cost = TY_JUDGE_COST_SWITCH;
    if (rc) goto out;
    /* a statement that answers the ask a digression suspended ("nah go on
     * then, saturday" while hesitating over the booking) goes back to it
     * rather than into a new flow */
    if (mid && cost < TY_JUDGE_COST_HANDOFF && g.intent >= 0) {
        bool resumed;
        if ((rc = flow_resume_suspended(c, root, &resumed)) || resumed) goto out;
    }
    if (!mid && cost < TY_JUDGE_COST_HANDOFF) { /* details that point past a request read weakly */
        int32_t r = flow_change_first(c, root, g.intent, &rc);
        if (!rc && r >= 0) flow_keep_unchanged(c, ty_value_get(root, "entities", 8), pb->intents[r].flow);
        /* the model's reading of a change after a close stands against a
         * flow that takes more of its details ("can we change it to the
         * 12th-14th instead?": a day and two nights for a new booking) */
        bool change = c->closed_intent >= 0 && g.intent >= 0 && g.intent == pb->change_intent &&
                      ty_judge_asks_change(c->norm, c->norm_len, true);
        if (!rc && r < 0 && !change) r = flow_detail_rival(c, root, g.intent, g.score, &rc);
        if (!rc && r < 0) r = flow_advice_given(c, root, g.intent, &rc); /* "need a full service" */
        if (rc) goto out;
        if (r >= 0) {
            rc = flow_act_on(c, r, root, false);
            goto out;
        }
    }
    /* "ya no me interesa": a maybe-stop outweighs a request that names nothing */
    if (ex == TY_JUDGE_STOP_MAYBE && g.intent >= 0 && cost < TY_JUDGE_COST_HANDOFF &&
        ty_value_count(ty_value_get(root, "entities", 8)) == 0) {
        rc = flow_ask_check(c, FLOW_CHECK_OPT_OUT);
        goto out;
    }
    if (g.intent >= 0 && flow_clears(c, ex, cost, g.score, g.margin)) {
        rc = flow_act_on(c, g.intent, root, mid);
        if (!rc && !mid) rc = flow_then_request(c, g.intent, root);
        goto out;
    }
    if (g.intent >= 0 && cost >= TY_JUDGE_COST_HANDOFF && ty_judge_worth_asking(cost, g.score, g.margin)) {
        rc = cost == TY_JUDGE_COST_OPT_OUT ? flow_ask_check(c, FLOW_CHECK_OPT_OUT)
             : flow_upset(c, ex) || ty_judge_urgent(c->norm, c->norm_len) ? flow_act_on(c, g.intent, root, mid)
                                           : flow_confirm_person(c, g.intent);
        goto out;
    }
    if (mid) {
        int32_t over = flow_change_over(c, root, k, &rc);
        if (!rc && over >= 0) { /* the pending flow is left, not put on hold */
            flow_clear_pending(c);
            c->st.flow = -1;
            rc = flow_act_on(c, over, root, false);
            goto out;
        }
        bool done = false;
        if (!rc) rc = flow_pending_read(c, root, k, own, &done);
        if (rc || done) goto out;
    } else {
        int32_t di = flow_detail_intent(c, root, &rc);
        /* a request among other things, or beside another that the
         * whole message reads about as clearly */
        if (!rc && di < 0) di = flow_clause_intent(c, -1, &rc);
        if (!rc && di < 0) di = flow_last_sentence_intent(c, &rc); /* the request at the end */
        if (!rc && di >= 0) {
            rc = flow_act_on(c, di, root, false);
            goto out;
        }
        /* details kept for a later request, not from an off-topic message */
        if (rc || (!flow_looks_off_topic(c) && (rc = flow_fill_entities(c, root, -1, -1, -1)))) goto out;
    }
    rc = flow_nothing_read(c, ex, quiet, mid);
out:
    ty_doc_free(d);
    return rc;
}

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

/* True when the message asks to talk with someone it names: a capitalised
 * word right after a talk_with phrase ("can i just talk to Shaz please",
 * "¿puedo hablar con Marta?"), unless it declines a person. */
static bool flow_asks_named(const flow_cx *c) {
    const ty_tokens *t = &c->toks;
    size_t decl;
    for (size_t k = 0; c->has_toks && k + 1 < t->ntok; k++) {
        size_t at = t->tok[k].start, len = ty_judge_talk_with_at(t->norm, t->norm_len, at);
        size_t j = k + 1;
        while (len && j < t->ntok && t->tok[j].start < at + len + 1) j++;
        if (!len || j >= t->ntok || t->tok[j].start != at + len + 1 || t->tok[j].kind != TY_TOK_WORD) continue;
        unsigned char ch = (unsigned char)c->ev.text.s[t->tok[j].b_start];
        if (ch >= 'A' && ch <= 'Z')
            return ty_judge_no_person(&c->pb->judge_index, c->norm, c->norm_len, c->clause, &decl) == SIZE_MAX;
    }
    return false;
}

/* Sets *gives when the pending ask is a phone or an email and the message
 * gives one: "best to call me on 07700 900456" answers "what number shall
 * we ring?", it asks for no person. */
static int flow_gives_contact(const flow_cx *c, bool *gives) {
    *gives = false;
    if (c->st.flow < 0) return TY_OK;
    const ty_slot *slot = &c->pb->slots[c->pb->flows[c->st.flow].steps[c->st.step].ask];
    if (slot->type != TY_SLOT_PHONE && slot->type != TY_SLOT_EMAIL) return TY_OK;
    ty_input in;
    memset(&in, 0, sizeof in);
    in.text = c->ev.text.s;
    in.len = c->ev.text.n;
    ty_doc *found = ty_playbook_recognize(c->pb, slot->name, slot->name_len, &in, c->err);
    if (!found) return c->err && c->err->code ? c->err->code : TY_E_NOMEM;
    *gives = ty_value_kind(ty_doc_root(found)) != TY_NULL;
    ty_doc_free(found);
    return TY_OK;
}

/* The judgment's exit for the message (x: its rewrites), read as written
 * and, when that finds neither a stop nor a handoff, as respelled: "pls
 * take me off ur list" is "take me off your list". */
static ty_judge_exit flow_read_exit(const flow_cx *c, const flow_texts *x) {
    const ty_judge_index *ix = &c->pb->judge_index;
    ty_judge_exit ex = ty_judge_read_exit(ix, c->norm, c->norm_len, c->clause);
    if ((ex != TY_JUDGE_NONE && ex != TY_JUDGE_STOP_MAYBE) || !x->t[2].s) return ex;
    ty_judge_exit rx = ty_judge_read_exit(ix, x->t[2].s, x->t[2].n, NULL);
    return rx == TY_JUDGE_STOP || rx == TY_JUDGE_HANDOFF ? rx : ex;
}

/* A message in an active conversation: the safe exits first (the
 * playbook's keywords, then the built-in words of every language), then a
 * pending confirming question, rudeness, the answer to the pending ask,
 * and last the intents. */
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
    flow_texts x;
    int rc = flow_texts_of(c, &x);
    if (rc) return rc;
    ty_judge_exit ex = flow_read_exit(c, &x);
    bool gives = false;
    if (ex == TY_JUDGE_HANDOFF && (rc = flow_gives_contact(c, &gives))) return rc;
    if (gives) ex = TY_JUDGE_NONE;
    c->upset = ex == TY_JUDGE_RUDE || ex == TY_JUDGE_FRUSTRATED;
    c->vents = flow_only_frustration(c, &rc);
    if (rc) return rc;
    if (ex == TY_JUDGE_STOP) return flow_opt_out(c, flow_does(pb, TY_PB_DOES_OPT_OUT), false);
    if (ex == TY_JUDGE_HANDOFF || (ex == TY_JUDGE_NONE && flow_asks_named(c))) {
        int32_t words;
        return (rc = flow_person_words(c, &words)) ? rc : flow_requested_handoff(c, words);
    }
    if (st->check) {
        bool handled;
        if ((rc = flow_on_check(c, &x, &handled)) || handled) return rc;
    }
    /* "did you see the Dubs at the weekend? shocking stuff": chat, no
     * complaint, answer nor request */
    if (ex == TY_JUDGE_NONE && ty_judge_small_talk(c->norm, c->norm_len)) return flow_off_topic(c, quiet);
    bool complained;
    if ((rc = flow_complaint(c, ex, &complained)) || complained) return rc;
    if (ex == TY_JUDGE_RUDE) {
        bool served;
        if ((rc = flow_calm_answer(c, &x, &served)) || served) return rc;
        if ((rc = flow_calm_request(c, &served)) || served) return rc;
        return flow_offer_person(c);
    }
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

/* In a new round for a booking as well as the one closed ("can I book my
 * son's bike in too", "can I book another service?"): the choices of the
 * closed one are asked again (the service, the part of the day), unless
 * the message keeps the time ("same day and time"), while what the bot
 * knows of the customer (a name, a phone) stays. */
static void flow_forget_choices(flow_cx *c) {
    for (size_t i = 0; i < c->pb->nslots; i++)
        if (c->pb->slots[i].type == TY_SLOT_CHOICE) c->st.slots[i] = NULL;
}

/* In a new round, the day and the time of what was agreed when the
 * message names them again ("same day, tune-up, afternoon", "a la misma
 * hora"): the kept values come back before the message is read. A booking
 * as well as the closed one forgets its choices (flow_forget_choices). */
static void flow_keep_same(flow_cx *c, const ty_value *const *kept) {
    bool day, time;
    ty_judge_says_same(c->norm, c->norm_len, &day, &time);
    if (!time && ty_judge_asks_another(c->norm, c->norm_len)) flow_forget_choices(c);
    for (size_t i = 0; (day || time) && i < c->pb->nslots; i++) {
        int t = c->pb->slots[i].type;
        if ((day && t == TY_SLOT_DATE) || (time && t == TY_SLOT_TIME)) c->st.slots[i] = kept[i];
    }
}

/* A message after a close. Thanks or a goodbye get their short answer, a
 * question about what was agreed its recap (flow_send_recap); anything
 * else starts a new round (flow_new_round), but one that starts
 * nothing (off-topic chat, a detail without a request) leaves the
 * conversation closed with what was agreed. */
static int flow_after_close(flow_cx *c, int32_t kw) {
    flow_state *st = &c->st;
    int rc = TY_OK;
    ty_judge_pleasantry pl = kw < 0 ? flow_pleasantry_of(c, &rc) : TY_JUDGE_PL_NONE;
    if (rc) return rc;
    if (flow_turn_add(c, false, c->ev.text.s, c->ev.text.n)) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    if (pl) return flow_pleasantry(c, pl);
    if (kw < 0 && ty_judge_asks_recap(c->norm, c->norm_len)) { /* "remind me what day I booked for" */
        bool sent;
        if ((rc = flow_send_recap(c, st->intent, &sent)) || sent) return rc;
    }
    size_t n = c->pb->nslots ? c->pb->nslots : 1;
    const ty_value **kept = ty_arena_alloc(c->scratch, n * sizeof *kept);
    if (!kept) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    memcpy(kept, st->slots, c->pb->nslots * sizeof *kept);
    int32_t intent = st->intent;
    int64_t due = st->due;
    c->closed_intent = intent;
    c->closed_slots = kept;
    flow_new_round(c);
    flow_keep_same(c, kept);
    if ((rc = flow_read_message(c, kw, false))) return rc;
    if (st->status == FLOW_ACTIVE && st->flow < 0 && st->intent < 0 && st->check == FLOW_CHECK_NONE) {
        st->status = FLOW_CLOSED;
        st->intent = intent;
        st->due = due;
        memcpy(st->slots, kept, c->pb->nslots * sizeof *kept);
    }
    return TY_OK;
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
    }
    if (st->status == FLOW_CLOSED) return flow_after_close(c, kw);
    int rc = flow_turn_add(c, false, c->ev.text.s, c->ev.text.n);
    if (rc) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    return flow_read_message(c, kw, quiet);
}

/* ===================================================================== *
 * The entry point
 * ===================================================================== */

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
    c->closed_intent = -1;
    c->rebranch = -1;
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
