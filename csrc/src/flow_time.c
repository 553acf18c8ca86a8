/*
 * flow_time.c — time in a conversation: quiet hours (ty_flow_quiet,
 * ty_flow_defer), the reminders a step schedules, follow-ups and the
 * no-response close (with followups_within_window's 24 h window), and the
 * tick and resume events. flow.c's header comment gives the rules.
 */
#include "flow_internal.h"

#include "civil.h"
#include "show.h"

/* ===================================================================== *
 * Quiet hours
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
 * Reminders a step schedules
 * ===================================================================== */

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

/* A follow-up or reminder (template say) that cannot render (a name
 * missing at this point, a placeholder left) is skipped with an "error"
 * event, so the later follow-ups, the close and the step's own message
 * still come. Other errors are returned. */
static int flow_unrendered(flow_cx *c, int rc, int32_t say, int32_t f, int32_t s) {
    if (rc != TY_E_MISSING && rc != TY_E_GUARD) return rc;
    const ty_pb_template *t = flow_tpl(c, say);
    const char *msg = c->err && c->err->message[0] ? c->err->message : "cannot render";
    int r2 = TY_OK;
    flow_wording w;
    flow_wording_of(c, t, flow_pick(c, t, f, s), &w);
    ty_value *m = flow_metric(c, "error", f, s, &w, &r2);
    flow_put(c, m, "message", ty_val_string(c->out, msg, strlen(msg)), &r2);
    ty_err_clear(c->err);
    return r2 ? ty_err_nomem(c->err, TY_DOMAIN_NONE) : TY_OK;
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
 * earlier one of the list, nor one that cannot render (an "error" event). */
static int flow_remind(flow_cx *c, int32_t f, int32_t s) {
    const ty_playbook *pb = c->pb;
    const ty_pb_step *step = &pb->flows[f].steps[s];
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
        if (rc) { /* not scheduled: the lint's TY101 warns of it */
            if ((rc = flow_unrendered(c, rc, r->say, f, s))) return rc;
            continue;
        }
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

/* ===================================================================== *
 * Follow-ups, the no-response close, ticks and resumes
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
 * cannot be sent inside the window (flow.c's header comment). */
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

/* True when an answer to the pending question leads straight to a step
 * that drops the reminders ("shall I cancel your booking?": its yes goes
 * to a step with "remind": []): the customer has asked to undo what they
 * would be reminded of. */
static bool flow_pending_unreminds(const flow_cx *c) {
    if (c->st.status != FLOW_ACTIVE || c->st.flow < 0) return false;
    const ty_pb_flow *fl = &c->pb->flows[c->st.flow];
    const ty_pb_step *st = &fl->steps[c->st.step];
    if (st->ask < 0) return false;
    for (size_t i = 0; i <= st->nbranches; i++) { /* each branch, or where every answer goes */
        int32_t to = -1;
        if (i < st->nbranches) to = st->branches[i].to.jump ? -1 : st->branches[i].to.step;
        else if (st->nbranches == 0 && st->has_next) to = st->next.jump ? -1 : st->next.step;
        else if (st->nbranches == 0 && (size_t)c->st.step + 1 < fl->nsteps) to = c->st.step + 1;
        if (to >= 0 && fl->steps[to].has_remind && fl->steps[to].nreminders == 0) return true;
    }
    return false;
}

/* Sends the reminders due by this tick, in time order (dropped unsent
 * while a person has the conversation, or while the customer is asked
 * whether to undo the booking: flow_pending_unreminds). */
static int flow_send_reminders(flow_cx *c) {
    flow_state *st = &c->st;
    int n = 0, rc = TY_OK;
    while (n < st->nrem && st->rem[n].at <= c->ev.at) {
        const flow_reminder *r = &st->rem[n++];
        if (st->status == FLOW_HANDOFF || flow_pending_unreminds(c)) continue;
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
        if ((rc = flow_unrendered(c, rc, fu[st->followups].say, c->st.flow, c->st.step))) return rc;
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
