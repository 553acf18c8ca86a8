/*
 * flow_out.c — building the step's output doc (c->out): helpers that put
 * and push values and record out-of-memory in *rc, the values of names and
 * times, metric events with their wording, and the transcript's turns.
 */
#include "flow_internal.h"

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

/* Puts "template" and "variant" of w (both null when w->tpl is NULL). */
static void flow_put_wording(flow_cx *c, ty_value *map, const flow_wording *w, int *rc) {
    flow_put(c, map, "template", w->tpl ? ty_val_string(c->out, w->tpl, w->tpl_len) : ty_val_null(c->out), rc);
    flow_put(c, map, "variant", w->tpl ? ty_val_string(c->out, w->variant, strlen(w->variant)) : ty_val_null(c->out),
             rc);
}

/* Appends a metric event {"type","at","conversation","flow","step","slot",
 * "template","variant"} about (flow, step) and returns it for extra fields
 * (NULL on OOM). The wording is `sent` (a message this step sent), or with
 * NULL the one assigned to the step's question (flow.c's header comment). */
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
