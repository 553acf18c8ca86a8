/*
 * flow_implied.c — a choice the customer's details already imply: a step
 * that asks a choice and branches on it is not asked when a slot filled
 * earlier is asked on one option's way on alone and is a kind of that
 * option ("un descontracturante" fills the kind of massage, so "massage,
 * facial or circuit?" is not asked). flow.c's flow_run takes the option.
 */
#include "flow_internal.h"

/* Marks in asked[] (pb->nslots) the slots the steps of flow f reached from
 * step `from` ask, following every way on (each branch within the flow,
 * `next`, the following step); seen[] (the flow's nsteps, false on entry)
 * marks the steps visited. */
static void flow_reach_asks(const ty_playbook *pb, int32_t f, int32_t from, bool *seen, bool *asked) {
    const ty_pb_flow *fl = &pb->flows[f];
    if (from < 0 || (size_t)from >= fl->nsteps || seen[from]) return;
    seen[from] = true;
    const ty_pb_step *st = &fl->steps[from];
    if (st->ask >= 0) asked[st->ask] = true;
    if (st->end) return;
    for (size_t i = 0; i < st->nbranches; i++)
        if (st->branches[i].to.flow == f && !st->branches[i].to.jump)
            flow_reach_asks(pb, f, st->branches[i].to.step, seen, asked);
    if (st->has_next) {
        if (st->next.flow == f && !st->next.jump) flow_reach_asks(pb, f, st->next.step, seen, asked);
    } else {
        flow_reach_asks(pb, f, from + 1, seen, asked);
    }
}

/* True when a[0..an) holds b[0..bn) on word boundaries (space-separated
 * normalised words), or bn is 0. */
static bool flow_words_hold(const char *a, size_t an, const char *b, size_t bn) {
    for (size_t i = 0; bn && i + bn <= an; i++)
        if ((i == 0 || a[i - 1] == ' ') && (i + bn == an || a[i + bn] == ' ') && memcmp(a + i, b, bn) == 0)
            return true;
    return false;
}

/* Lowercase ASCII letters of name[0..n) without underscores and dashes,
 * at most cap of them, into out; returns how many. */
static size_t flow_name_letters(const char *name, size_t n, char *out, size_t cap) {
    size_t m = 0;
    for (size_t i = 0; i < n && m < cap; i++)
        if (name[i] != '_' && name[i] != '-') out[m++] = (char)ty_lower((unsigned char)name[i]);
    return m;
}

/* True when one of the names a and b holds the other (underscores and
 * dashes aside, four letters or more): "kayak_type" and "kayak",
 * "latino" and "latinos". */
static bool flow_names_hold(const char *a, size_t an, const char *b, size_t bn) {
    char x[64], y[64];
    size_t xn = flow_name_letters(a, an, x, sizeof x), yn = flow_name_letters(b, bn, y, sizeof y);
    const char *in = xn >= yn ? x : y, *part = xn >= yn ? y : x;
    size_t inn = xn >= yn ? xn : yn, pn = xn >= yn ? yn : xn;
    for (size_t i = 0; pn >= 4 && i + pn <= inn; i++)
        if (memcmp(in + i, part, pn) == 0) return true;
    return false;
}

/* True when option o of a choice names what slot k holds as a kind of it:
 * k is named for o ("masaje" for the option "masaje", "kayak_type" for
 * "kayak"), or k's value is named in o's title or synonyms ("Salsa o
 * bachata" for "salsa"). */
static bool flow_kind_of(const flow_cx *c, const ty_option *o, int32_t k) {
    const ty_slot *ks = &c->pb->slots[k];
    if (flow_names_hold(ks->name, ks->name_len, o->id, o->id_len)) return true;
    size_t idn;
    const char *id = ks->type == TY_SLOT_CHOICE ? ty_value_string(ty_value_get(c->st.slots[k], "id", 2), &idn) : NULL;
    for (size_t i = 0; id && i < ks->noptions; i++) {
        const ty_option *v = &ks->options[i];
        if (v->id_len != idn || memcmp(v->id, id, idn) != 0) continue;
        if (flow_words_hold(o->norm_title, o->norm_title_len, v->norm_title, v->norm_title_len)) return true;
        for (size_t j = 0; j < o->nsynonyms; j++)
            if (flow_words_hold(o->norm_synonyms[j], o->norm_synonym_lens[j], v->norm_title, v->norm_title_len))
                return true;
    }
    return false;
}

/* The option of the choice asked at step (f, s), a step that branches on
 * it, that slots already filled imply: "un descontracturante el domingo"
 * fills the kind of massage, which only the massage branch goes on to ask,
 * so "massage, facial or circuit?" is not asked. An option is implied by a
 * filled slot asked on its way on alone that holds a kind of it
 * (flow_kind_of: a day asked only when booking ahead says nothing of
 * walking in), when no filled slot points to another; NULL when none is,
 * or when a branch leaves the flow. */
static const ty_option *flow_implied_option(flow_cx *c, int32_t f, int32_t s) {
    const ty_playbook *pb = c->pb;
    const ty_pb_step *st = &pb->flows[f].steps[s];
    const ty_slot *slot = &pb->slots[st->ask];
    if (slot->type != TY_SLOT_CHOICE || !st->nbranches || !slot->options || slot->noptions < 2) return NULL;
    size_t nopts = slot->noptions, nsteps = pb->flows[f].nsteps, ns = pb->nslots;
    bool *asked = ty_arena_alloc(c->scratch, nopts * ns * sizeof *asked);
    bool *seen = ty_arena_alloc(c->scratch, nsteps * sizeof *seen);
    if (!asked || !seen) return NULL; /* an answer asked for instead: no harm */
    memset(asked, 0, nopts * ns * sizeof *asked);
    for (size_t o = 0; o < nopts; o++) {
        bool none;
        flow_str key = {slot->options[o].id, slot->options[o].id_len};
        ty_pb_target t = flow_next(c, f, s, key, &none);
        if (none) continue;
        if (t.flow != f || t.jump) return NULL;
        memset(seen, 0, nsteps * sizeof *seen);
        seen[s] = true; /* the choice itself again is no way on */
        flow_reach_asks(pb, f, t.step, seen, asked + o * ns);
    }
    size_t implied = nopts;
    for (size_t k = 0; k < ns; k++) {
        if (!c->st.slots[k] || (int32_t)k == st->ask) continue;
        size_t only = nopts, count = 0;
        for (size_t o = 0; o < nopts; o++)
            if (asked[o * ns + k]) {
                only = o;
                count++;
            }
        if (count != 1 || !flow_kind_of(c, &slot->options[only], (int32_t)k)) continue;
        if (implied != nopts && implied != only) return NULL; /* details of two branches */
        implied = only;
    }
    return implied < nopts ? &slot->options[implied] : NULL;
}
