/*
 * flow_migrate.c — ty_playbook_migrate: a state carried across a playbook
 * edit. The state reader drops what no longer fits (recording each path in
 * "dropped"), and the conversation resumes at the nearest sensible step.
 */
#include "flow_internal.h"

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
