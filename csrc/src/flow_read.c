/*
 * flow_read.c — what the customer said: the playbook's matcher over the
 * message and its rewrites (without the greeting, short forms spelled out,
 * other languages), keywords, values stored for slots, entities filling
 * free slots, questions back and habits around an entity, yes/no replies,
 * changes of mind, an implicit yes and the model's guess. Deciding what to
 * do with it is flow.c's.
 */
#include "flow_internal.h"
#include "civil.h"

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

/* True when another flow an answer to step (f, s) can lead to (a branch,
 * or its next) asks slot si: a menu's "book" leads to the booking, which
 * asks the service. */
static bool flow_leads_to_ask(const ty_playbook *pb, int32_t f, int32_t s, int32_t si) {
    const ty_pb_step *st = &pb->flows[f].steps[s];
    for (size_t i = 0; i < st->nbranches; i++)
        if (st->branches[i].to.flow != f && flow_asks(pb, st->branches[i].to.flow, si)) return true;
    return st->has_next && st->next.flow != f && flow_asks(pb, st->next.flow, si);
}

/* True when a step of flow f that is no menu (not every answer of it
 * leads away) goes on into another flow that asks slot si: a price whose
 * "shall I book it?" leads to the booking, so "how much for a full service
 * on a 1.4 corsa" is about the booking's service too. */
static bool flow_goes_on_to_ask(const ty_playbook *pb, int32_t f, int32_t si) {
    for (size_t s = 0; f >= 0 && s < pb->flows[f].nsteps; s++) {
        const ty_pb_step *st = &pb->flows[f].steps[s];
        size_t jumps = 0;
        for (size_t b = 0; b < st->nbranches; b++) jumps += st->branches[b].to.jump;
        if ((st->nbranches == 0 || jumps < st->nbranches) && flow_leads_to_ask(pb, f, (int32_t)s, si)) return true;
    }
    return false;
}

/* True when a step of flow f sets slot si (a recommendation). */
static bool flow_sets(const ty_playbook *pb, int32_t f, int32_t si) {
    for (size_t s = 0; f >= 0 && s < pb->flows[f].nsteps; s++)
        for (size_t i = 0; i < pb->flows[f].steps[s].nsets; i++)
            if (pb->flows[f].steps[s].sets[i].slot == si) return true;
    return false;
}

/* True when the message asks about a change rather than for one: a
 * question for information ("is there a fee if I cancel?"), or a question
 * about a supposed case ("quick q, if I have to cancel nearer the time do
 * you charge anything?", "si llego tarde, ¿pasa algo?"). */
static bool flow_asks_about(const flow_cx *c) {
    const ty_tokens *t = c->has_toks ? &c->toks : NULL;
    if (ty_recognize_asks_info(c->lang->locale, c->ev.text.s, c->ev.text.n, t)) return true;
    /* a question mark, not is_question: "¿y si llego tarde?" reads as a proposal there */
    bool marked = c->ev.text.s && memchr(c->ev.text.s, '?', c->ev.text.n);
    return (marked || ty_recognize_is_question(c->lang->locale, c->ev.text.s, c->ev.text.n, t)) &&
           ty_judge_supposes(c->norm, c->norm_len);
}

/* True when flow f can drop the reminders of what was agreed (a step
 * with "remind": []): it undoes a booking. */
static bool flow_undoes(const ty_playbook *pb, int32_t f) {
    for (size_t s = 0; f >= 0 && s < pb->flows[f].nsteps; s++)
        if (pb->flows[f].steps[s].has_remind && pb->flows[f].steps[s].nreminders == 0) return true;
    return false;
}

/* True when intent i changes or undoes what was agreed: its flow drops the
 * reminders (flow_undoes), or it is the playbook's intent for changes
 * (pb->change_intent, found at load). */
static bool flow_alters(const ty_playbook *pb, int32_t i) {
    return flow_undoes(pb, pb->intents[i].flow) || i == pb->change_intent;
}

/* True when some step of flow f asks a slot other than a yes/no one (a
 * detail a request can carry). */
static bool flow_asks_details(const ty_playbook *pb, int32_t f) {
    for (size_t s = 0; s < pb->flows[f].nsteps; s++) {
        int32_t k = pb->flows[f].steps[s].ask;
        if (k >= 0 && pb->slots[k].type != TY_SLOT_YESNO) return true;
    }
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

/* True when one of the message's entities (root's "entities") is a value
 * for slot k, in a question too ("¿el viernes?"). */
static bool flow_entity_for(const flow_cx *c, const ty_value *root, int32_t k) {
    const ty_value *ents = ty_value_get(root, "entities", 8);
    for (size_t i = 0; k >= 0 && i < ty_value_count(ents); i++)
        if (flow_entity_slot(c, ty_value_item(ents, i)) == k) return true;
    return false;
}

/* True when one of the message's entities (root's "entities") is a value
 * for slot k outside a question back: "long rides, can I bring it
 * friday?" may answer which riding; "what time do you shut on
 * saturdays?" asks about Saturday. */
static bool flow_answers_slot(flow_cx *c, const ty_value *root, int32_t k, int *rc) {
    const ty_value *ents = ty_value_get(root, "entities", 8);
    for (size_t i = 0; k >= 0 && i < ty_value_count(ents) && !*rc; i++) {
        const ty_value *e = ty_value_item(ents, i);
        int64_t cp;
        if (flow_entity_slot(c, e) == k && flow_int(ty_value_get(e, "start", 5), &cp) && !flow_asks_back_at(c, cp, rc))
            return !*rc;
    }
    return false;
}

/* True when the message's answer (root's "answer") holds no entity of
 * the message: a name introduced apart from the day it changes ("could we
 * do friday instead? name's Priya Anand"), not the whole message taken as
 * free text. */
static bool flow_answer_apart(const ty_value *root) {
    const ty_value *a = ty_value_get(root, "answer", 6), *ents = ty_value_get(root, "entities", 8);
    int64_t a0, a1, s0, s1;
    if (ty_value_kind(a) != TY_MAP || !flow_int(ty_value_get(a, "start", 5), &a0) ||
        !flow_int(ty_value_get(a, "end", 3), &a1))
        return false;
    for (size_t i = 0; i < ty_value_count(ents); i++) {
        const ty_value *e = ty_value_item(ents, i);
        if (!flow_int(ty_value_get(e, "start", 5), &s0) || !flow_int(ty_value_get(e, "end", 3), &s1) ||
            (s0 < a1 && s1 > a0))
            return false;
    }
    return true;
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

/* True when the answer read from the message (code points [a0, a1)) comes
 * right after one of root's entities, with nothing but spaces between: a
 * yes that goes with the detail it follows ("a full service please",
 * "friday works"), not with the question asked. */
static bool flow_answer_follows_detail(const flow_cx *c, const ty_value *root, int64_t a0) {
    const ty_value *ents = ty_value_get(root, "entities", 8);
    const char *s = c->ev.text.s;
    size_t n = c->ev.text.n, b = flow_cp_byte(s, n, a0);
    for (size_t i = 0; i < ty_value_count(ents); i++) {
        int64_t e1;
        if (!flow_int(ty_value_get(ty_value_item(ents, i), "end", 3), &e1) || e1 > a0) continue;
        size_t j = flow_cp_byte(s, n, e1);
        while (j < b && s[j] == ' ') j++;
        if (j == b) return true;
    }
    return false;
}

/* True when s[i] starts a break: a sentence ends at . ? ! or a line end;
 * with `clause`, also at , ; : and a Spanish ¿ or ¡ opens a new one. */
static bool flow_break_at(const char *s, size_t n, size_t i, bool clause) {
    char ch = s[i];
    if (ch == '.' || ch == '?' || ch == '!' || ch == '\n') return true;
    if (clause && (ch == ',' || ch == ';' || ch == ':')) return true;
    if (clause && ty_dash_at(s, 0, n, i)) return true;
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

/* True when entity e (a date or time read from c->read, or from the
 * message as written when it says so) sits in a clause that speaks of a
 * habit ("mostly trails at the weekend"). */
static bool flow_habitual(flow_cx *c, const ty_value *e, int *rc) {
    int64_t cp;
    flow_str r = ty_value_kind(ty_value_get(e, "written", 7)) == TY_TRUE ? c->ev.text : c->read;
    if (!r.s || !flow_int(ty_value_get(e, "start", 5), &cp)) return false;
    bool marked;
    size_t n;
    const char *norm = flow_span_norm(c, r.s, r.n, flow_cp_byte(r.s, r.n, cp), true, &marked, &n);
    if (!norm) *rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
    size_t wn;
    const char *w = ty_value_string(ty_value_get(e, "text", 4), &wn);
    char own[32]; /* the date's own words in lower case: "Saturdays" */
    size_t on = 0;
    for (size_t i = 0; w && i < wn && on < sizeof own; i++)
        if (w[i] != '\'') own[on++] = (char)ty_lower((unsigned char)w[i]);
    return norm && ty_judge_habitual(norm, n, own, on);
}

/* True when the sentence of the message holding code point cp asks a
 * question back instead of answering ("¿qué tiempo hará el sábado?"), or,
 * with `any`, is a question of any kind, marked or asking back ("are you
 * open on saturday?"). */
static bool flow_sentence_asks(flow_cx *c, int64_t cp, bool any, int *rc) {
    bool marked;
    size_t n;
    const char *norm = flow_span_norm(c, c->ev.text.s, c->ev.text.n, flow_cp_byte(c->ev.text.s, c->ev.text.n, cp),
                                      false, &marked, &n);
    if (!norm) *rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
    return norm && ((any && marked) || ty_judge_asks_back(norm, n, marked));
}

/* flow_sentence_asks: a question back. */
static bool flow_asks_back_at(flow_cx *c, int64_t cp, int *rc) { return flow_sentence_asks(c, cp, false, rc); }

/* flow_sentence_asks: a question of any kind. */
static bool flow_question_at(flow_cx *c, int64_t cp, int *rc) { return flow_sentence_asks(c, cp, true, rc); }

/* True when norm[0..n) holds a letter or a digit (an emoji alone, "🙄",
 * says nothing). */
static bool flow_has_word(const char *norm, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)norm[i];
        if (ty_is_alpha(ch) || (ch >= '0' && ch <= '9') || (ch >= 0xC3 && ch <= 0xDF)) return true;
    }
    return false;
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
        bool says = norm && ty_judge_opening(norm, nn) < nn && flow_has_word(norm, nn); /* more than a greeting, or an emoji */
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

/* The value entity e gives slot si, stored in c->out (flow_store_value):
 * NULL when it speaks of a habit or cannot be stored, and on error (*rc
 * set). */
static const ty_value *flow_entity_value(flow_cx *c, int32_t si, const ty_value *e, int *rc) {
    if (flow_habit_entity(c, si, e, rc) || *rc) return NULL;
    return flow_store_value(c, si, ty_value_get(e, "value", 5), rc);
}

/* True when text nv is the first word or words of text old ("Marta" of
 * "Marta Ruiz", ASCII case aside): a customer who says "soy Marta" again
 * keeps the full name already given. */
static bool flow_name_shortened(const ty_value *old, const ty_value *nv) {
    size_t on, nn;
    const char *o = ty_value_string(old, &on), *s = ty_value_string(nv, &nn);
    if (!o || !s || nn == 0 || nn >= on || o[nn] != ' ') return false;
    for (size_t i = 0; i < nn; i++)
        if (ty_lower((unsigned char)o[i]) != ty_lower((unsigned char)s[i])) return false;
    return true;
}

/* True when flow f is the one under way or a suspended one. */
static bool flow_under_way(const flow_cx *c, int32_t f) {
    for (int k = 0; k < c->st.nstack; k++)
        if (c->st.stack[k].flow == f) return true;
    return f >= 0 && c->st.flow == f;
}

/* True when the flow under way or a suspended one asks slot si: its value
 * belongs to what is being agreed. */
static bool flow_slot_under_way(const flow_cx *c, int32_t si) {
    for (int k = 0; k < c->st.nstack; k++)
        if (flow_asks(c->pb, c->st.stack[k].flow, si)) return true;
    return c->st.flow >= 0 && flow_asks(c->pb, c->st.flow, si);
}

/* The byte offsets of entity e's words: *start to *end. */
static void flow_span_of(const ty_value *e, double *start, double *end) {
    *start = ty_value_number(ty_value_get(e, "start", 5));
    *end = ty_value_number(ty_value_get(e, "end", 3));
}

/* The index, from j on, of the next entity of ents other than e that is
 * for a slot and spans e's very words; the count of ents when none is. */
static size_t flow_next_same_span(const flow_cx *c, const ty_value *ents, const ty_value *e, size_t j) {
    double s0, e0, s1, e1;
    flow_span_of(e, &s0, &e0);
    for (; j < ty_value_count(ents); j++) {
        const ty_value *o = ty_value_item(ents, j);
        if (o == e || flow_entity_slot(c, o) < 0) continue;
        flow_span_of(o, &s1, &e1);
        if (s1 == s0 && e1 == e0) return j;
    }
    return j;
}

/* True when another entity of ents spans e's very words for a slot flow
 * f1 or f2 asks: there the words mean that slot ("friday" given for the
 * booking's day is no day for a complaint's return visit). */
static bool flow_span_taken(const flow_cx *c, const ty_value *ents, const ty_value *e, int32_t f1, int32_t f2) {
    for (size_t j = 0; (j = flow_next_same_span(c, ents, e, j)) < ty_value_count(ents); j++) {
        int32_t sj = flow_entity_slot(c, ty_value_item(ents, j));
        if (flow_asks(c->pb, f1, sj) || flow_asks(c->pb, f2, sj)) return true;
    }
    return false;
}

/* True when e is a choice read from a number alone inside the longer
 * words of another choice of ents: the number belongs to them (the 4 of
 * "every 4 weeks" is no "4 bedrooms plus"; "every" there still says a
 * regular round). */
static bool flow_inside_choice(const flow_cx *c, const ty_value *ents, const ty_value *e, int32_t si) {
    size_t tn;
    const char *t = ty_value_string(ty_value_get(e, "text", 4), &tn);
    if (c->pb->slots[si].type != TY_SLOT_CHOICE || !t || !tn) return false;
    for (size_t k = 0; k < tn; k++)
        if (!ty_is_digit((unsigned char)t[k])) return false;
    double s0, e0, s1, e1;
    flow_span_of(e, &s0, &e0);
    for (size_t j = 0; j < ty_value_count(ents); j++) {
        const ty_value *o = ty_value_item(ents, j);
        int32_t sj = flow_entity_slot(c, o);
        if (o == e || sj < 0 || sj == si || c->pb->slots[sj].type != TY_SLOT_CHOICE) continue;
        flow_span_of(o, &s1, &e1);
        if (s1 <= s0 && e1 >= e0 && e1 - s1 > e0 - s0) return true;
    }
    return false;
}

/* True when entity e is for slot si of a flow that flow f1 or f2 goes on
 * into (flow_goes_on_to_ask): "how much for a full service on a 1.4
 * corsa" gives the booking its service. Not from words read for a slot f1
 * or f2 asks ("every morning" for the walks is no morning for the visit
 * first), nor from a message that asks advice ("do I need a full
 * service?", "which one is cheaper": it chooses nothing). */
static bool flow_about_later(const flow_cx *c, const ty_value *ents, const ty_value *e, int32_t si, int32_t f1,
                             int32_t f2) {
    if (!flow_goes_on_to_ask(c->pb, f1, si) && !flow_goes_on_to_ask(c->pb, f2, si)) return false;
    return !ty_judge_asks_advice(c->norm, c->norm_len) && !flow_span_taken(c, ents, e, f1, f2);
}

/* True when slot si is asked on the way from step (f, s) on: its next
 * steps, branches (unless `straight`: then a step that branches is another
 * decision, and the way stops there) and the flows they jump to, until an
 * `end` (at most FLOW_REACH_STEPS steps looked at). A cancel's yes that
 * ends the flow asks nothing more, though the flow's other branch (a
 * change) asks a time. */
#define FLOW_REACH_STEPS 64
static bool flow_reaches_ask(const ty_playbook *pb, int32_t f, int32_t s, int32_t si, bool straight) {
    ty_pb_target stack[FLOW_REACH_STEPS];
    size_t n = 0, seen = 0;
    stack[n++] = (ty_pb_target){f, s, false};
    while (n && seen++ < FLOW_REACH_STEPS) {
        ty_pb_target t = stack[--n];
        if (t.flow < 0 || (size_t)t.step >= pb->flows[t.flow].nsteps) continue;
        const ty_pb_step *st = &pb->flows[t.flow].steps[t.step];
        if (st->ask == si) return true;
        if (st->end || (straight && st->nbranches)) continue;
        for (size_t b = 0; b < st->nbranches && n < FLOW_REACH_STEPS; b++) stack[n++] = st->branches[b].to;
        if (n < FLOW_REACH_STEPS) stack[n++] = st->has_next ? st->next : (ty_pb_target){t.flow, t.step + 1, false};
    }
    return n > 0; /* past the bound: taken as asked, as the whole flow was before */
}

/* True when an entity of ents names another option for a choice the flow
 * under way holds ("make it regular" after a one-off): the way on may
 * change with it. */
static bool flow_names_other_option(const flow_cx *c, const ty_value *ents) {
    for (size_t j = 0; j < ty_value_count(ents); j++) {
        const ty_value *o = ty_value_item(ents, j);
        int32_t sj = flow_entity_slot(c, o);
        if (sj < 0 || c->pb->slots[sj].type != TY_SLOT_CHOICE || !c->st.slots[sj]) continue;
        size_t an, bn;
        const char *a = ty_value_string(ty_value_get(o, "value", 5), &an);
        const char *b = ty_value_string(ty_value_get(c->st.slots[sj], "id", 2), &bn);
        if (a && b && (an != bn || memcmp(a, b, an) != 0)) return true;
    }
    return false;
}

/* True when choice slot si is asked in the flow under way only on a way
 * it has not taken and can no longer take (no step from the pending one
 * reaches it, and the message changes no choice, nor has changed one
 * already: c->rebranch), and no other flow the
 * message is about (f1, f2) asks it: a word read as one of its options is
 * no detail of what is being agreed ("q frio hace hoy" names no fridge
 * once the booking is for a dishwasher). */
static bool flow_choice_passed(const flow_cx *c, const ty_value *ents, int32_t si, int32_t f1, int32_t f2) {
    int32_t f = c->st.flow;
    if (c->pb->slots[si].type != TY_SLOT_CHOICE || f < 0 || c->st.step < 0) return false;
    if ((f1 != f && flow_asks(c->pb, f1, si)) || (f2 != f && flow_asks(c->pb, f2, si))) return false;
    return c->rebranch < 0 && !flow_reaches_ask(c->pb, f, c->st.step, si, false) && !flow_names_other_option(c, ents);
}

/* The option id choice slot k holds, or else that the message gives it
 * (the answer being stored, c->answering, or an entity of ents: the
 * message's own choice is stored after its details); {NULL, 0} when none. */
static flow_str flow_known_option(const flow_cx *c, const ty_value *ents, int32_t k) {
    flow_str id = {NULL, 0};
    if (c->st.slots[k]) id.s = ty_value_string(ty_value_get(c->st.slots[k], "id", 2), &id.n);
    if (!id.s && c->answering && c->answering_slot == k) id = flow_answer_key(&c->pb->slots[k], c->answering);
    for (size_t j = 0; !id.s && j < ty_value_count(ents); j++)
        if (flow_entity_slot(c, ty_value_item(ents, j)) == k)
            id.s = ty_value_string(ty_value_get(ty_value_item(ents, j), "value", 5), &id.n);
    return id;
}

/* True when flow f asks slot si on the way its known choices take: from
 * its first step on, a step that branches on a choice whose option is
 * known (flow_known_option) goes on that option's way alone (at most
 * FLOW_REACH_STEPS steps looked at; past them, taken as asked). */
static bool flow_asks_on_known_way(const flow_cx *c, const ty_value *ents, int32_t f, int32_t si) {
    ty_pb_target stack[FLOW_REACH_STEPS];
    size_t n = 0, seen = 0;
    stack[n++] = (ty_pb_target){f, 0, false};
    while (n && seen++ < FLOW_REACH_STEPS) {
        ty_pb_target t = stack[--n];
        if (t.flow < 0 || (size_t)t.step >= c->pb->flows[t.flow].nsteps) continue;
        const ty_pb_step *st = &c->pb->flows[t.flow].steps[t.step];
        if (st->ask == si) return true;
        if (st->end) continue;
        flow_str key = st->nbranches && st->ask >= 0 && c->pb->slots[st->ask].type == TY_SLOT_CHOICE
                           ? flow_known_option(c, ents, st->ask) : (flow_str){NULL, 0};
        bool none;
        if (key.s) {
            ty_pb_target to = flow_next(c, t.flow, t.step, key, &none);
            if (!none) stack[n++] = to;
            continue;
        }
        for (size_t b = 0; b < st->nbranches && n < FLOW_REACH_STEPS; b++) stack[n++] = st->branches[b].to;
        if (n < FLOW_REACH_STEPS) stack[n++] = st->has_next ? st->next : (ty_pb_target){t.flow, t.step + 1, false};
    }
    return n > 0;
}

/* True when one of the flows the message is about (the one under way, f1,
 * f2) asks slot si on its known way (flow_asks_on_known_way); *any tells
 * whether one of them asks it at all. */
static bool flow_known_way_asks(const flow_cx *c, const ty_value *ents, int32_t si, int32_t f1, int32_t f2,
                                bool *any) {
    int32_t fs[3] = {c->st.flow, f1, f2};
    *any = false;
    for (size_t i = 0; i < 3; i++) {
        if (fs[i] < 0 || !flow_asks(c->pb, fs[i], si)) continue;
        *any = true;
        if (flow_asks_on_known_way(c, ents, fs[i], si)) return true;
    }
    return false;
}

/* True when the flows the message is about ask slot si, but only off the
 * way their known choices take, and the message changes no choice, nor has
 * changed one already (c->rebranch): "un sofá de 7 plazas" is no 7 square
 * metres of carpet where the metres are asked on the carpet's way alone. */
static bool flow_off_known_way(const flow_cx *c, const ty_value *ents, int32_t si, int32_t f1, int32_t f2) {
    bool any;
    return c->pb->slots[si].type != TY_SLOT_CHOICE && c->rebranch < 0 && !flow_names_other_option(c, ents) &&
           !flow_known_way_asks(c, ents, si, f1, f2, &any) && any;
}

/* True when entity e, for a slot of free text that names no one else,
 * spans the words another entity of ents gives someone else's name
 * ("mi perrita se llama Kira": the dog's name, not the customer's). */
static bool flow_name_of_other(const flow_cx *c, const ty_value *ents, const ty_value *e, int32_t si) {
    if (c->pb->slots[si].type != TY_SLOT_TEXT || ty_recognize_names_other(&c->pb->slots[si])) return false;
    for (size_t j = 0; (j = flow_next_same_span(c, ents, e, j)) < ty_value_count(ents); j++)
        if (ty_recognize_names_other(&c->pb->slots[flow_entity_slot(c, ty_value_item(ents, j))])) return true;
    return false;
}

/* Which slots flow_fill_from fills. */
typedef enum flow_fill_mode {
    FLOW_FILL_FREE,    /* free slots; a choice only when f1 or f2 asks it */
    FLOW_FILL_ASKED,   /* free slots f1 or f2 asks */
    FLOW_FILL_RENAMED  /* filled slots f1 or f2 asks: the message names another value (lent when a flow under way asks it) */
} flow_fill_mode;

/* Fills slots from a match's entities (not `skip`, the slot being
 * answered, nor from the words that answered it), as `mode` says. A
 * choice is filled only when flow f1 or f2 (the flows the message is
 * about) asks it: option synonyms are everyday words ("see prices" must
 * not answer an unrelated "price or fit?" menu), while dates, times,
 * numbers, emails and the like are specific enough to keep for any later
 * flow, unless the same words are read for a slot flow f1 or f2 asks
 * (flow_span_taken). */
static int flow_fill_from(flow_cx *c, const ty_value *m, int32_t skip, int32_t f1, int32_t f2, flow_fill_mode mode) {
    const ty_value *ents = ty_value_get(m, "entities", 8);
    for (size_t i = 0; i < ty_value_count(ents); i++) {
        const ty_value *e = ty_value_item(ents, i);
        int32_t si = flow_entity_slot(c, e);
        if (si < 0 || si == skip || (c->st.slots[si] != NULL) != (mode == FLOW_FILL_RENAMED) || flow_in_answer(c, e))
            continue;
        if (flow_inside_choice(c, ents, e, si) || flow_name_of_other(c, ents, e, si) ||
            flow_off_known_way(c, ents, si, f1, f2))
            continue;
        bool about = flow_asks(c->pb, f1, si) || flow_asks(c->pb, f2, si) ||
                     (mode == FLOW_FILL_FREE && flow_about_later(c, ents, e, si, f1, f2));
        if (about && mode == FLOW_FILL_FREE && flow_choice_passed(c, ents, si, f1, f2)) continue;
        if (!about && (mode != FLOW_FILL_FREE || c->pb->slots[si].type == TY_SLOT_CHOICE ||
                       flow_span_taken(c, ents, e, f1, f2)))
            continue;
        /* a value a flow under way holds is only lent to the digression */
        bool lend = mode == FLOW_FILL_RENAMED && flow_slot_under_way(c, si);
        if (lend && c->nlent >= FLOW_LENT_MAX) continue;
        int rc = TY_OK;
        const ty_value *v = flow_entity_value(c, si, e, &rc);
        if (rc) return rc;
        if (v && !(mode == FLOW_FILL_RENAMED && flow_name_shortened(c->st.slots[si], v))) {
            if (lend) {
                c->lent_slot[c->nlent] = si;
                c->lent_old[c->nlent++] = c->st.slots[si];
            }
            c->st.slots[si] = v;
        }
    }
    return TY_OK;
}

/* Entities fill free slots (flow_fill_from; choices only for f1, f2). */
static int flow_fill_entities(flow_cx *c, const ty_value *m, int32_t skip, int32_t f1, int32_t f2) {
    return flow_fill_from(c, m, skip, f1, f2, FLOW_FILL_FREE);
}

/* flow_fill_entities for the details beside value, the answer to the ask
 * k not stored yet: a time given with the day asked is checked against
 * that day's hours. */
static int flow_fill_beside(flow_cx *c, const ty_value *m, int32_t k, const ty_value *value, int32_t f1, int32_t f2) {
    c->answering = value;
    c->answering_slot = k;
    int rc = flow_fill_entities(c, m, k, f1, f2);
    c->answering = NULL;
    return rc;
}

/* Entities fill only the slots flow f asks (a question into f). */
static int flow_fill_asked(flow_cx *c, const ty_value *m, int32_t f) {
    return flow_fill_from(c, m, -1, f, -1, FLOW_FILL_ASKED);
}

/* With nothing pending, a request naming a value for a slot already
 * filled (kept from an earlier round: "how much is the colour?" after a
 * haircut was booked) replaces it when flow f asks that slot. */
static int flow_fill_renamed(flow_cx *c, const ty_value *m, int32_t f) {
    return flow_fill_from(c, m, -1, f, -1, FLOW_FILL_RENAMED);
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

static ty_pb_match_opts flow_answer_only(const ty_slot *slot) {
    ty_pb_match_opts o;
    memset(&o, 0, sizeof o);
    o.expect = slot;
    o.no_model = o.no_entities = true;
    return o;
}

/* Runs the playbook's matcher over text[0..n) (the message or a rewrite of
 * it) with the parts chosen by o. Caller frees *out. */
static int flow_match(flow_cx *c, const ty_pb_match_opts *o, const char *text, size_t n, ty_doc **out) {
    ty_input in = flow_input(c, text, n);
    ty_pb_match_opts lo = *o; /* answers read with the conversation's language first */
    if (!lo.locale && c->lang->locale != c->pb->locale) lo.locale = c->lang->locale;
    if (c->has_toks && text == c->ev.text.s && n == c->ev.text.n) lo.toks = &c->toks; /* the message's, made once */
    lo.offers = true;
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

/* ---- reading the message --------------------------------------------- */

static const ty_slot flow_yesno_slot = {"check", 5, TY_SLOT_YESNO, NULL, 0, NULL, 0, TY_RANGE_ANY, false, -1, {NULL}, NULL, {NULL}, NULL, false};

/* The recogniser tables of the other built-in languages, for a customer
 * who writes in one the playbook does not (k-th, or NULL past the end). */
static const ty_locale *flow_other_locale(const flow_cx *c, size_t k) {
    const ty_locale *loc;
    for (size_t i = 0; (loc = ty_locale_at(i)); i++)
        if (loc != c->lang->locale && k-- == 0) return loc;
    return NULL;
}

#define FLOW_KEPT_MAX 8 /* contractions kept from respelling, at most */

/* The words of the message written as contractions ("we'd"), at most
 * FLOW_KEPT_MAX, into keep; returns how many. */
static size_t flow_contractions(const flow_cx *c, ty_judge_word *keep) {
    size_t n = 0;
    for (size_t i = 0; c->has_toks && i < c->toks.ntok && n < FLOW_KEPT_MAX; i++)
        if (ty_token_contraction(c->ev.text.s, &c->toks.tok[i]))
            keep[n++] = (ty_judge_word){c->toks.norm + c->toks.tok[i].start, c->toks.tok[i].end - c->toks.tok[i].start};
    return n;
}

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
    ty_judge_word keep[FLOW_KEPT_MAX];
    size_t nkeep = flow_contractions(c, keep);
    char *r = ty_judge_respell_text(c->judge, base, bn, keep, nkeep, c->scratch, &n, &oom);
    if (oom) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    if (r) x->t[2] = (flow_str){r, n};
    return TY_OK;
}

/* Reads the message as a value of `slot` (answer mode): as written (unless
 * `skip_written`: the caller read it so already), then its rewrites, then
 * in the other built-in languages, unless it says the customer is losing
 * interest (the conversation's language read the option named in it as
 * turned down: "ya no me interesa reservar"). *out is the answer value (in
 * a doc the caller frees, *doc), or NULL. */
/* True when the message asks whether something is so
 * (ty_recognize_asks_whether), read once per message. */
static bool flow_asks_whether(flow_cx *c) {
    if (!c->whether)
        c->whether = c->has_toks && ty_recognize_asks_whether(c->lang->locale, c->ev.text.s, c->ev.text.n, &c->toks) ? 2 : 1;
    return c->whether == 2;
}

static int flow_read_value(flow_cx *c, const ty_slot *slot, const flow_texts *x, bool skip_written, ty_doc **doc,
                           const ty_value **out) {
    *out = NULL;
    *doc = NULL;
    ty_pb_match_opts o = flow_answer_only(slot);
    bool waning = ty_judge_read_exit(&c->pb->judge_index, c->norm, c->norm_len, c->clause) == TY_JUDGE_STOP_MAYBE;
    /* a rewrite has lost the question mark: free text asked as a question
     * ("btw is there parking near u?" for a name) is no answer in it either */
    bool asked = slot->type == TY_SLOT_TEXT &&
                 ty_recognize_is_question(c->lang->locale, c->ev.text.s, c->ev.text.n, c->has_toks ? &c->toks : NULL);
    /* nor is a day in a question whether something is so ("¿tú sabes si hay
     * guagua pa' El Cobre hoy?" to "which day?") */
    asked = asked || flow_asks_whether(c);
    for (size_t k = 0;; k++) {
        const ty_locale *loc = k == 0 ? NULL : flow_other_locale(c, k - 1);
        if (k > 0 && (!loc || waning)) return TY_OK;
        o.locale = loc;
        o.foreign = k > 0; /* "mates" is no "martes", "yes thats correct" no Spanish name */
        for (size_t j = 0; j < 3; j++) {
            if (!x->t[j].s || (k > 0 && j == 2) || (k == 0 && j == 0 && skip_written) || (j > 0 && asked)) continue;
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

/* True when the message says nothing but yes ("yes", "yep 👍", "yes
 * please, thanks"): no answer to a question of free text (a name).
 * *rc is set on error. */
static bool flow_only_yes(flow_cx *c, int *rc) {
    ty_pb_match_opts o = flow_answer_only(&flow_yesno_slot);
    ty_doc *d;
    if ((*rc = flow_match(c, &o, c->ev.text.s, c->ev.text.n, &d))) return false;
    const ty_value *a = ty_value_get(ty_doc_root(d), "answer", 6);
    size_t vn, n = c->ev.text.n;
    const char *v = ty_value_string(ty_value_get(a, "value", 5), &vn), *s = c->ev.text.s;
    int64_t s0, s1;
    bool only = false;
    if (v && flow_eq(v, vn, "yes") && flow_int(ty_value_get(a, "start", 5), &s0) &&
        flow_int(ty_value_get(a, "end", 3), &s1)) {
        size_t b0 = flow_cp_byte(s, n, s0), b1 = flow_cp_byte(s, n, s1), rn;
        char *rest = ty_arena_alloc(c->scratch, n - (b1 - b0) + 2);
        const char *norm = NULL;
        if (rest) {
            memcpy(rest, s, b0);
            rest[b0] = ' ';
            memcpy(rest + b0 + 1, s + b1, n - b1);
            norm = ty_text_normalize(rest, n - (b1 - b0) + 1, c->scratch, &rn);
        }
        if (!norm) *rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
        else only = rn == 0 || ty_judge_pleasantry_of(norm, rn) != TY_JUDGE_PL_NONE;
    }
    ty_doc_free(d);
    return only;
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

/* ---- a week said before the day --------------------------------------- */

/* The reading of text[0..n) as an answer to `slot` (*out NULL: none); the
 * value lives in *doc, which the caller frees. */
static int flow_answer_of(flow_cx *c, const ty_slot *slot, const char *text, size_t n, ty_doc **doc,
                          const ty_value **out) {
    ty_pb_match_opts o = flow_answer_only(slot);
    *out = NULL;
    int rc = flow_match(c, &o, text, n, doc);
    if (rc) return rc;
    const ty_value *a = ty_value_get(ty_doc_root(*doc), "answer", 6);
    *out = ty_value_kind(a) == TY_MAP ? ty_value_get(a, "value", 5) : NULL;
    return TY_OK;
}

/* "a, b" in the scratch arena, or NULL (out of memory). */
static char *flow_joined(flow_cx *c, flow_str a, flow_str b, size_t *n) {
    *n = a.n + 2 + b.n;
    char *s = ty_arena_alloc(c->scratch, *n + 1);
    if (!s) return NULL;
    memcpy(s, a.s, a.n);
    memcpy(s + a.n, ", ", 2);
    memcpy(s + a.n + 2, b.s, b.n);
    s[*n] = '\0';
    return s;
}

/* True when dates a and b ("YYYY-MM-DD") lie one to five whole weeks apart, as
 * a weekday does read alone and in a week said with it ("friday", "friday
 * next week"); not as it does with a day of the month ("the first one":
 * the next Wednesday that is a 1st is months away). */
static bool flow_weeks_apart(const ty_value *a, const ty_value *b) {
    size_t an, bn;
    const char *as = ty_value_string(a, &an), *bs = ty_value_string(b, &bn);
    int64_t za, zb;
    if (!as || !bs || !ty_civil_parse_iso(as, an, &za) || !ty_civil_parse_iso(bs, bn, &zb)) return false;
    int64_t d = za > zb ? za - zb : zb - za;
    return d > 0 && d % 7 == 0 && d <= 35;
}

/* True (in *week) when text names a week and no day ("next week", "la
 * semana que viene"): it reads as no date for the date slot, but a
 * weekday said with it ("wednesday, next week") reads as another day than
 * the weekday alone. Wednesday is tried, then Thursday (a business may be
 * closed on one). */
static int flow_names_week(flow_cx *c, const ty_slot *slot, flow_str text, bool *week) {
    *week = false;
    const ty_loc_word *days = c->lang->locale ? c->lang->locale->weekdays : NULL;
    ty_doc *d = NULL;
    const ty_value *v;
    int rc = flow_answer_of(c, slot, text.s, text.n, &d, &v);
    bool dated = v != NULL;
    ty_doc_free(d);
    for (int wd = 2; !rc && !dated && days && wd <= 3; wd++) {
        const ty_loc_word *w = days;
        while (w->text && w->value != wd) w++;
        if (!w->text) return TY_OK;
        flow_str day = {w->text, strlen(w->text)};
        size_t jn;
        char *joined = flow_joined(c, day, text, &jn);
        if (!joined) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
        ty_doc *d1 = NULL, *d2 = NULL;
        const ty_value *alone = NULL, *with = NULL;
        if (!(rc = flow_answer_of(c, slot, day.s, day.n, &d1, &alone)))
            rc = flow_answer_of(c, slot, joined, jn, &d2, &with);
        bool both = !rc && alone && with;
        *week = both && flow_weeks_apart(alone, with);
        ty_doc_free(d1);
        ty_doc_free(d2);
        if (both) break;
    }
    return rc;
}

/* The customer's message before this one, when it came after the pending
 * ask was made (a turn of the bot's at or after asked_at before it), or
 * {NULL, 0}. */
static flow_str flow_prev_reply(const flow_cx *c) {
    const flow_state *st = &c->st;
    int i = st->nturns - 2;
    while (i >= 0 && st->turns[i].bot) i--;
    for (int b = i - 1; i >= 0 && st->asked_at >= 0 && b >= 0 && st->turns[b].at >= st->asked_at; b--)
        if (st->turns[b].bot) return st->turns[i].text;
    return (flow_str){NULL, 0};
}

/* A day answered after a week was said alone ("next week" to "which
 * day?", then "friday"): *raw, read from this message, is read again with
 * that message after it ("friday, next week") and replaced when that
 * reads as another day. The new value lives in *doc (caller frees). */
static int flow_day_in_week(flow_cx *c, const ty_slot *slot, ty_doc **doc, const ty_value **raw) {
    flow_str prev = flow_prev_reply(c);
    bool week;
    int rc = prev.s ? flow_names_week(c, slot, prev, &week) : TY_OK;
    if (rc || !prev.s || !week) return rc;
    size_t jn;
    char *joined = flow_joined(c, c->ev.text, prev, &jn);
    if (!joined) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    const ty_value *v;
    if ((rc = flow_answer_of(c, slot, joined, jn, doc, &v)) || !v) return rc;
    if (!flow_same_value(slot, v, *raw)) *raw = v;
    return TY_OK;
}

/* True when the pending flow or a suspended one asks slot si. */
static bool flow_in_play(const flow_cx *c, int32_t si) {
    if (flow_asks(c->pb, c->st.flow, si)) return true;
    for (int i = 0; i < c->st.nstack; i++)
        if (flow_asks(c->pb, c->st.stack[i].flow, si)) return true;
    return false;
}

/* Before slot si changes from old to nv: when an earlier step of the
 * pending flow asked si and branches on it, and nv leads elsewhere than
 * old did ("mejor no la anules, pásala al viernes" after "anularla"),
 * c->rebranch becomes that step, for the flow to go on from there. */
static void flow_note_rebranch(flow_cx *c, int32_t si, const ty_value *old, const ty_value *nv) {
    int32_t f = c->st.flow;
    if (f < 0) return;
    const ty_slot *slot = &c->pb->slots[si];
    for (size_t s = 0; s < c->pb->flows[f].nsteps; s++) {
        const ty_pb_step *st = &c->pb->flows[f].steps[s];
        if (st->ask != si || !st->nbranches || (int32_t)s == c->st.step) continue;
        bool n1, n2;
        ty_pb_target a = flow_next(c, f, (int32_t)s, flow_answer_key(slot, old), &n1);
        ty_pb_target b = flow_next(c, f, (int32_t)s, flow_answer_key(slot, nv), &n2);
        if (n1 != n2 || a.flow != b.flow || a.step != b.step) c->rebranch = (int32_t)s;
        return;
    }
}

/* True when choice entity e is read from words that are a time for a
 * time slot of the conversation (another entity of ents): the part of the
 * day that time falls in is no choice made ("el sábado a las 9" for the
 * exam's time keeps the Saturday class). */
static bool flow_time_as_part(const flow_cx *c, const ty_value *ents, const ty_value *e, int32_t si) {
    if (c->pb->slots[si].type != TY_SLOT_CHOICE) return false;
    for (size_t j = 0; (j = flow_next_same_span(c, ents, e, j)) < ty_value_count(ents); j++) {
        int32_t sj = flow_entity_slot(c, ty_value_item(ents, j));
        if (c->pb->slots[sj].type == TY_SLOT_TIME && flow_in_play(c, sj)) return true;
    }
    return false;
}

/* The other value entity e (of ents) gives for a slot already filled that
 * the conversation is still about (its slot in *si), not the asked one;
 * NULL when it gives none (or on error: *rc). */
static const ty_value *flow_changed_value(flow_cx *c, const ty_value *ents, const ty_value *e, int32_t asked,
                                          int32_t *si, int *rc) {
    *si = flow_entity_slot(c, e);
    if (*si < 0 || *si == asked || !c->st.slots[*si] || !flow_in_play(c, *si) || flow_in_answer(c, e) ||
        flow_time_as_part(c, ents, e, *si))
        return NULL;
    const ty_value *v = flow_entity_value(c, *si, e, rc);
    return v && !*rc && !flow_same_value(&c->pb->slots[*si], c->st.slots[*si], v) ? v : NULL;
}

/* After date slot si changed: a time kept for it that the new day cannot
 * take ("can we do saturday instead, same time" when Saturdays close
 * before it) is emptied, its refusal kept in c->refusal, and the pending
 * flow goes back to ask it (c->rebranch). */
static void flow_recheck_times(flow_cx *c, int32_t si) {
    if (c->pb->slots[si].type != TY_SLOT_DATE || c->st.flow < 0) return;
    const ty_pb_flow *fl = &c->pb->flows[c->st.flow];
    for (size_t t = 0; t < c->pb->nslots; t++) {
        const ty_slot *ts = &c->pb->slots[t];
        if (ts->type != TY_SLOT_TIME || ts->date_slot != si || !c->st.slots[t] ||
            flow_bookable(c, (int32_t)t, c->st.slots[t]))
            continue;
        c->st.slots[t] = NULL;
        for (int32_t s = 0; (size_t)s < fl->nsteps && s < c->st.step; s++)
            if (fl->steps[s].ask == (int32_t)t && (c->rebranch < 0 || s < c->rebranch)) c->rebranch = s;
    }
}

/* A change of mind: the message names another value for a slot already
 * filled that the conversation is still about; that slot changes. */
static int flow_change_of_mind(flow_cx *c, const ty_value *root, int32_t asked, bool *changed) {
    const ty_value *ents = ty_value_get(root, "entities", 8);
    for (size_t i = 0; i < ty_value_count(ents); i++) {
        int rc = TY_OK;
        int32_t si;
        const ty_value *v = flow_changed_value(c, ents, ty_value_item(ents, i), asked, &si, &rc);
        if (rc) return rc;
        if (v) {
            flow_note_rebranch(c, si, c->st.slots[si], v);
            c->st.slots[si] = v;
            flow_recheck_times(c, si);
            *changed = true;
        }
    }
    return TY_OK;
}

/* A "no" that brings the new value of a day, time or number the flow
 * asked before slot `asked` ("no sorry, can we do 11 instead of 10?",
 * "ay no, mejor que sean dos"), which details in passing do not read
 * (a bare hour, a bare count): the message read as the answer to each of
 * those slots (a count only with a word of change: "no, la chiquita tiene
 * 8" is an age); when exactly one reads a value other than its own, that
 * slot changes (*changed). */
static int flow_no_with_value(flow_cx *c, const flow_texts *x, int32_t asked, bool *changed) {
    const ty_pb_flow *fl = &c->pb->flows[c->st.flow];
    int32_t found = -1;
    const ty_value *nv = NULL;
    int rc = TY_OK;
    bool change = ty_judge_asks_change(c->norm, c->norm_len, true);
    for (int32_t s = 0; s < c->st.step && !rc; s++) {
        int32_t si = fl->steps[s].ask;
        if (si < 0 || si == asked || !c->st.slots[si] || si == found) continue;
        const ty_slot *slot = &c->pb->slots[si];
        if (slot->type != TY_SLOT_DATE && slot->type != TY_SLOT_TIME && slot->type != TY_SLOT_NUMBER) continue;
        if (slot->type == TY_SLOT_NUMBER && !change) continue; /* "no, la chiquita tiene 8" is an age */
        ty_doc *d;
        const ty_value *raw;
        if ((rc = flow_read_value(c, slot, x, false, &d, &raw))) break;
        const ty_value *v = raw ? flow_store_value(c, si, raw, &rc) : NULL;
        ty_doc_free(d);
        if (rc || !v || flow_same_value(slot, c->st.slots[si], v)) continue;
        if (found >= 0) { /* two could change: "no, 2" for a time and a count */
            found = -2;
            break;
        }
        found = si;
        nv = v;
    }
    if (rc || found < 0) return rc;
    flow_note_rebranch(c, found, c->st.slots[found], nv);
    c->st.slots[found] = nv;
    flow_recheck_times(c, found);
    *changed = true;
    return TY_OK;
}

/* "No, the other one" with slot `asked` pending: the choice of two
 * options answered last before it in the pending flow (the latest step
 * with a value) takes its other option. *changed says it did. */
static int flow_other_option(flow_cx *c, int32_t asked, bool *changed) {
    *changed = false;
    const ty_pb_flow *fl = &c->pb->flows[c->st.flow];
    for (int32_t s = c->st.step - 1; s >= 0; s--) {
        int32_t si = fl->steps[s].ask;
        if (si < 0 || si == asked || !c->st.slots[si]) continue;
        const ty_slot *slot = &c->pb->slots[si];
        const ty_option *opts;
        size_t nopts, n;
        if (slot->type != TY_SLOT_CHOICE) return TY_OK;
        int rc = flow_options(c, slot, &opts, &nopts);
        const char *id = ty_value_string(ty_value_get(c->st.slots[si], "id", 2), &n);
        if (rc || nopts != 2 || !id) return rc;
        const ty_option *other = opts[0].id_len == n && memcmp(opts[0].id, id, n) == 0 ? &opts[1] : &opts[0];
        ty_value *ov = ty_val_string(c->out, other->id, other->id_len);
        const ty_value *v = ov ? flow_store_value(c, si, ov, &rc) : NULL;
        if (!ov) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
        if (rc || !v) return rc;
        flow_note_rebranch(c, si, c->st.slots[si], v);
        c->st.slots[si] = v;
        *changed = true;
        return TY_OK;
    }
    return TY_OK;
}

/* True when the message names a change of mind (flow_change_of_mind would
 * change a slot). *rc on error. */
static bool flow_names_change(flow_cx *c, const ty_value *root, int32_t asked, int *rc) {
    const ty_value *ents = ty_value_get(root, "entities", 8);
    int32_t si;
    for (size_t i = 0; i < ty_value_count(ents) && !*rc; i++)
        if (flow_changed_value(c, ents, ty_value_item(ents, i), asked, &si, rc)) return true;
    return false;
}

/* The flow an answer with key `key` to step (f, s) goes on in, or -1 when
 * it ends there. */
static int32_t flow_key_flow(const flow_cx *c, int32_t f, int32_t s, flow_str key) {
    bool none;
    ty_pb_target t = flow_next(c, f, s, key, &none);
    return none ? -1 : t.flow;
}

/* The flow `value`, the answer to the pending ask, goes on in, or -1 when
 * the conversation ends there. */
static int32_t flow_answer_flow(const flow_cx *c, const ty_value *value) {
    const ty_slot *slot = &c->pb->slots[c->pb->flows[c->st.flow].steps[c->st.step].ask];
    return flow_key_flow(c, c->st.flow, c->st.step, flow_answer_key(slot, value));
}

/* True when the answer `key` to the pending step leads on to a step that
 * asks a free slot (not k) the message gives a detail for, outside habits
 * and questions back ("¿sabéis si el bar abre los lunes?" gives no day)
 * (`straight`: with no other decision on the way). *rc on error. */
static bool flow_key_gets_detail(flow_cx *c, const ty_value *root, int32_t k, flow_str key, bool straight, int *rc) {
    bool none;
    ty_pb_target t = flow_next(c, c->st.flow, c->st.step, key, &none);
    const ty_value *ents = ty_value_get(root, "entities", 8);
    for (size_t i = 0; !none && !*rc && i < ty_value_count(ents); i++) {
        const ty_value *e = ty_value_item(ents, i);
        int32_t si = flow_entity_slot(c, e);
        if (si >= 0 && si != k && !c->st.slots[si] && flow_reaches_ask(c->pb, t.flow, t.step, si, straight) &&
            !flow_habit_entity(c, si, e, rc) && !flow_asks_back_at(c, (int64_t)ty_value_number(ty_value_get(e, "start", 5)), rc))
            return true;
    }
    return false;
}

/* An implicit yes: at a yes/no ask, a reply that gives what the yes leads
 * to ("saturday then" to "would you like to book?") says yes. The value
 * "yes" (in the output doc), or NULL when the message gives no detail the
 * steps after the yes still have to ask (outside habits): a new value for a
 * filled slot is a change of mind, not a yes, and "por la mañana" is no yes
 * to "shall I cancel it?". */
static const ty_value *flow_implicit_yes(flow_cx *c, const ty_value *root, int32_t k, int *rc) {
    if (!flow_key_gets_detail(c, root, k, (flow_str){"yes", 3}, false, rc) || *rc) return NULL;
    ty_value *yes = ty_val_string(c->out, "yes", 3);
    if (!yes) *rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
    return yes ? flow_store_value(c, k, yes, rc) : NULL;
}

/* An implicit option: at a choice whose options lead different ways, a
 * reply that names none but gives a detail only one option's way asks
 * before another decision ("go on then, thursday afternoon" to "the
 * price, or finding a day?", where the price ends in "shall I find you a
 * day?") picks that option. The option's id (in the output doc), or NULL. */
static const ty_value *flow_implicit_option(flow_cx *c, const ty_value *root, int32_t k, int *rc) {
    const ty_option *opts;
    size_t nopts, hit = 0, hits = 0;
    if ((*rc = flow_options(c, &c->pb->slots[k], &opts, &nopts))) return NULL;
    for (size_t o = 0; o < nopts && hits < 2 && !*rc; o++)
        if (flow_key_gets_detail(c, root, k, (flow_str){opts[o].id, opts[o].id_len}, true, rc)) {
            hit = o;
            hits++;
        }
    if (hits != 1 || *rc) return NULL;
    ty_value *id = ty_val_string(c->out, opts[hit].id, opts[hit].id_len);
    if (!id) *rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
    return id ? flow_store_value(c, k, id, rc) : NULL;
}

/* The slots whose entities flow_try_answer can use while slot k is asked:
 * a filled slot still in play (a change of mind), a free one (a detail; a
 * choice only when the pending flow or a flow its answers lead to asks
 * it), never k itself; a slot with options from the event's data always
 * (reading them may find the data malformed). NULL on OOM. */
static const bool *flow_answer_entities(flow_cx *c, int32_t k) {
    const ty_playbook *pb = c->pb;
    bool *want = ty_arena_alloc(c->scratch, pb->nslots ? pb->nslots : 1);
    if (!want) return NULL;
    for (size_t i = 0; i < pb->nslots; i++) {
        int32_t si = (int32_t)i;
        const ty_slot *sl = &pb->slots[i];
        if (sl->options_from) want[i] = true;
        else if (si == k) want[i] = false;
        else if (c->st.slots[i]) want[i] = flow_in_play(c, si);
        else
            want[i] = sl->type != TY_SLOT_CHOICE || flow_asks(pb, c->st.flow, si) ||
                      flow_leads_to_ask(pb, c->st.flow, c->st.step, si);
    }
    return want;
}

/* Per slot, true when it is filled: its entity is read with no typo (a
 * change to what was agreed needs its word). NULL on OOM. */
static const bool *flow_exact_slots(flow_cx *c) {
    bool *filled = ty_arena_alloc(c->scratch, c->pb->nslots ? c->pb->nslots : 1);
    for (size_t i = 0; filled && i < c->pb->nslots; i++) filled[i] = c->st.slots[i] != NULL;
    return filled;
}

/* The playbook's intent of entry k of a match's ranking, or -1. */
static int32_t flow_ranked(const flow_cx *c, const ty_value *rk, size_t k) {
    size_t n;
    const char *name = ty_value_string(ty_value_get(ty_value_item(rk, k), "intent", 6), &n);
    return name ? flow_find_intent(c->pb, name, n) : -1;
}

/* The score of entry k of a match's ranking, 0 past its end. */
static double flow_rank_score(const ty_value *rk, size_t k) {
    return k < ty_value_count(rk) ? ty_value_number(ty_value_get(ty_value_item(rk, k), "score", 5)) : 0;
}

static flow_guess flow_guess_of(const flow_cx *c, const ty_value *root) {
    flow_guess g = {-1, 0, 0};
    size_t n;
    const char *name = ty_value_string(ty_value_get(root, "intent", 6), &n);
    g.intent = name ? flow_find_intent(c->pb, name, n) : -1;
    if (g.intent < 0) return g;
    const ty_value *rk = ty_value_get(root, "ranking", 7);
    g.score = ty_value_number(ty_value_get(root, "score", 5));
    g.margin = g.score - flow_rank_score(rk, 1);
    return g;
}

/* The model's reading of the whole message as written, for a request
 * that might stand beside the pending ask: *d (freed by the caller, NULL
 * on error) holds it; an intent that opts out, hands off or opts in is no
 * such request (intent -1). *rc on error. */
static flow_guess flow_guess_message(flow_cx *c, ty_doc **d, int *rc) {
    ty_pb_match_opts o;
    memset(&o, 0, sizeof o);
    flow_guess g = {-1, 0, 0};
    *d = NULL;
    if ((*rc = flow_match(c, &o, c->ev.text.s, c->ev.text.n, d))) return g;
    g = flow_guess_of(c, ty_doc_root(*d));
    if (g.intent >= 0 && c->pb->intents[g.intent].does != TY_PB_DOES_NONE) g.intent = -1;
    return g;
}

/* The parts of a message a second request may stand in: runs of tokens
 * between clause punctuation and the language's and-words ("..., and how
 * much will that set me back?", "what time do you open on saturday and
 * also can I get a tune up booked in"). At most FLOW_CLAUSES_MAX parts of
 * FLOW_CLAUSE_MIN_TOKENS tokens or more are read. A part asks for flow f
 * when the model reads it as an intent of f clearly enough to start, it
 * gives one detail f asks or more ("oh the bike place" gives none), and
 * it says more than its details (flow_clause_says_more). */
enum { FLOW_CLAUSES_MAX = 6, FLOW_CLAUSE_MIN_TOKENS = 4 };

/* True when token i of the message is one of the and-words ands, and
 * not inside a detail read from the message an intent was acted on by
 * (the "y" of the option "Pulido y encerado"). */
static bool flow_and_word(const flow_cx *c, size_t i, const char *const *ands) {
    const ty_token *k = &c->toks.tok[i];
    bool and = false;
    for (size_t j = 0; ands && ands[j] && !and; j++) and = flow_eq(c->toks.norm + k->start, k->end - k->start, ands[j]);
    const ty_value *ents = and && c->acted ? ty_value_get(c->acted, "entities", 8) : NULL;
    for (size_t e = 0; e < ty_value_count(ents); e++) {
        const ty_value *v = ty_value_item(ents, e);
        double s0 = ty_value_number(ty_value_get(v, "start", 5)), s1 = ty_value_number(ty_value_get(v, "end", 3));
        if (k->cp_start >= s0 && k->cp_end <= s1) return false;
    }
    return and;
}

static bool flow_clause_asks_for(flow_cx *c, int32_t f, int *rc) { return flow_clause_intent(c, f, rc) >= 0; }

/* True when tokens [a, b) of the message hold one of the language's past
 * words: a part that tells what happened ("la semana pasada me corté el
 * pelo en otro sitio") asks for nothing. Nor does a part that declines
 * what it names ("no quiero anular ni nada"), or that supposes a case in a
 * message that asks a question ("pero si llego 10 minutillos tarde, ¿pasa
 * algo?"). */
static bool flow_clause_asks_nothing(const flow_cx *c, size_t a, size_t b) {
    const ty_tokens *t = &c->toks;
    const char *const *past = c->lang->locale ? c->lang->locale->past_words : NULL;
    size_t at = t->tok[a].start, n = t->tok[b - 1].end - at, len;
    const char *s = t->norm + at;
    const uint8_t *cl = c->clause ? c->clause + at : NULL;
    if ((past && ty_judge_has_phrase(s, n, past)) || ty_judge_no_undo(&c->pb->judge_index, s, n, cl, &len) != SIZE_MAX ||
        ty_judge_no_person(&c->pb->judge_index, s, n, cl, &len) != SIZE_MAX)
        return true;
    return ty_judge_supposes(s, n) && flow_asks_about(c);
}

/* True when tokens [a, b) of the message hold a word that is neither
 * inside one of the details of flow f read from that part (ents: start
 * and end in code points from token a) nor one of the language's fillers:
 * "could I drop it in on wednesday" asks ("drop"), "just the tune up" only
 * names a detail (an answer, not a request). */
static bool flow_clause_says_more(const flow_cx *c, size_t a, size_t b, const ty_value *ents, int32_t f) {
    const ty_tokens *t = &c->toks;
    const char *const *fillers = c->lang->locale ? c->lang->locale->fillers : NULL;
    uint32_t base = t->tok[a].cp_start;
    for (size_t k = a; k < b; k++) {
        const ty_token *tk = &t->tok[k];
        if (tk->kind != TY_TOK_WORD) continue;
        bool covered = false;
        for (size_t i = 0; !covered && i < ty_value_count(ents); i++) {
            const ty_value *e = ty_value_item(ents, i);
            double s0 = ty_value_number(ty_value_get(e, "start", 5)), s1 = ty_value_number(ty_value_get(e, "end", 3));
            int32_t si = flow_entity_slot(c, e);
            covered = si >= 0 && flow_asks(c->pb, f, si) && tk->cp_start - base >= s0 && tk->cp_end - base <= s1;
        }
        for (size_t j = 0; !covered && fillers && fillers[j]; j++)
            covered = flow_eq(t->norm + tk->start, tk->end - tk->start, fillers[j]);
        if (!covered) return true;
    }
    return false;
}

/* The intent of the first part of the message that asks for flow f (any
 * flow when f < 0) as flow_clause_asks_for reads it, or -1: "... I'm away
 * on Wednesday and Thursday, so could I drop it in for a tune-up on
 * Friday?" is a booking said among other things. The part gives a detail
 * of that flow, unless the flow asks only yes or no ("ah sorry, can you
 * cancel that actually? something's come up at work"). */
static int32_t flow_clause_intent(flow_cx *c, int32_t f, int *rc) {
    if (c->ev.type != FLOW_EV_MESSAGE || !c->has_toks || !c->ev.text.s) return -1;
    const ty_tokens *t = &c->toks;
    const char *const *ands = c->lang->locale ? c->lang->locale->and_words : NULL;
    /* a reason given after a request parts it too: "uy cancela la clase
     * del jueves porfa q me ha salido un viaje" */
    const char *const *why = c->lang->locale ? c->lang->locale->reason_breaks : NULL;
    size_t tried = 0;
    for (size_t a = 0; a < t->ntok && tried < FLOW_CLAUSES_MAX && !*rc;) {
        while (a < t->ntok && (flow_and_word(c, a, ands) || flow_and_word(c, a, why))) a++;
        size_t b = a + 1;
        while (b < t->ntok && !(c->clause && c->clause[t->tok[b].start]) && !flow_and_word(c, b, ands) &&
               !flow_and_word(c, b, why))
            b++;
        if (b > t->ntok) break;
        if (b - a >= FLOW_CLAUSE_MIN_TOKENS && b - a < t->ntok && !flow_clause_asks_nothing(c, a, b)) {
            tried++;
            ty_pb_match_opts o;
            memset(&o, 0, sizeof o);
            ty_doc *d = NULL;
            size_t from = t->tok[a].b_start, to = t->tok[b - 1].b_end;
            if ((*rc = flow_match(c, &o, c->ev.text.s + from, to - from, &d))) return -1;
            flow_guess g = flow_guess_of(c, ty_doc_root(d));
            int32_t gf = g.intent >= 0 ? c->pb->intents[g.intent].flow : -1;
            const ty_value *ents = ty_value_get(ty_doc_root(d), "entities", 8);
            bool asks = gf >= 0 && (f < 0 || gf == f) && c->pb->intents[g.intent].does == TY_PB_DOES_NONE &&
                        g.intent != c->pb->greeting && ty_judge_clears(TY_JUDGE_COST_START, g.score, g.margin) &&
                        (flow_details_for(c, ents, gf, rc) >= 1 || !flow_asks_details(c->pb, gf)) &&
                        !(flow_alters(c->pb, g.intent) && flow_asks_about(c)) &&
                        flow_clause_says_more(c, a, b, ents, gf);
            ty_doc_free(d);
            if (asks && !*rc) return g.intent;
        }
        a = b;
    }
    return -1;
}

/* The first token of the message's last sentence (after . ! ? or a line
 * break, of three tokens or more, after one of some other), or 0 when
 * there is no such sentence. */
static size_t flow_last_sentence(const flow_cx *c) {
    if (c->ev.type != FLOW_EV_MESSAGE || !c->has_toks || !c->ev.text.s || c->toks.ntok < 4) return 0;
    const ty_tokens *t = &c->toks;
    size_t k = t->ntok;
    while (k > 1) {
        /* the bytes between two tokens (none when one character made both) */
        size_t a = t->tok[k - 2].b_end, b = t->tok[k - 1].b_start;
        const char *g = c->ev.text.s + a;
        size_t gn = b > a && b <= c->ev.text.n ? b - a : 0;
        if (memchr(g, '.', gn) || memchr(g, '!', gn) || memchr(g, '?', gn) || memchr(g, '\n', gn)) break;
        k--;
    }
    k--; /* the last sentence's first token */
    return k == 0 || t->ntok - k < 3 ? 0 : k;
}

/* "hiya, I commute 10 miles a day ... my mate says you're the best in
 * town. how much is a tune up?": when the whole message reads as nothing
 * clear, its last sentence (after . ! ? or a line break, of three tokens or
 * more, after one of some other) that asks something, read alone, may be
 * the request: its intent when it clears an aside's bar (a clear request),
 * else -1. *rc on error. */
static int32_t flow_last_sentence_intent(flow_cx *c, int *rc) {
    size_t k = flow_last_sentence(c);
    if (!k) return -1;
    const ty_tokens *t = &c->toks;
    ty_pb_match_opts o;
    memset(&o, 0, sizeof o);
    ty_doc *d = NULL;
    size_t from = t->tok[k].b_start;
    /* a request asks ("... how much is a tune up?"); a statement at the end
     * ("don't cancel it, I'll be there") is no request */
    if (!ty_recognize_is_question(c->lang->locale, c->ev.text.s + from, c->ev.text.n - from, NULL)) return -1;
    if ((*rc = flow_match(c, &o, c->ev.text.s + from, c->ev.text.n - from, &d))) return -1;
    flow_guess g = flow_guess_of(c, ty_doc_root(d));
    ty_doc_free(d);
    const ty_pb_intent *in = g.intent >= 0 ? &c->pb->intents[g.intent] : NULL;
    return in && in->does == TY_PB_DOES_NONE && flow_actionable(in) && g.intent != c->pb->greeting &&
                   !(flow_alters(c->pb, g.intent) && flow_asks_about(c)) &&
                   ty_judge_clears(TY_JUDGE_COST_ASIDE, g.score, g.margin)
               ? g.intent
               : -1;
}

/* "la ultima vez me dejaron esperando media hora, espero q esta vez no
 * pase lo mismo. necesito un descontracturante el domingo a las 10": an
 * unhappy word about before, then a new request in a last sentence of its
 * own with no unhappy word in it, which names a detail of the flow it asks
 * for: that request's intent when it clears a flow start's bar read alone,
 * with *said the sentence and *doc its match (the caller frees it), else
 * -1 (and *doc NULL). */
static int32_t flow_request_apart(flow_cx *c, flow_str *said, ty_doc **doc, int *rc) {
    *doc = NULL;
    size_t k = flow_last_sentence(c);
    if (!k) return -1;
    const ty_tokens *t = &c->toks;
    size_t at = t->tok[k].start;
    if (at >= c->norm_len || ty_judge_unhappy(c->norm + at, c->norm_len - at)) return -1;
    ty_pb_match_opts o;
    memset(&o, 0, sizeof o);
    size_t from = t->tok[k].b_start;
    *said = (flow_str){c->ev.text.s + from, c->ev.text.n - from};
    if ((*rc = flow_match(c, &o, said->s, said->n, doc))) return -1;
    flow_guess g = flow_guess_of(c, ty_doc_root(*doc));
    const ty_pb_intent *in = g.intent >= 0 ? &c->pb->intents[g.intent] : NULL;
    bool asks = in && in->does == TY_PB_DOES_NONE && in->flow >= 0 && flow_actionable(in) &&
                g.intent != c->pb->greeting && !flow_alters(c->pb, g.intent) &&
                ty_judge_clears(TY_JUDGE_COST_START, g.score, g.margin) &&
                flow_details_for(c, ty_value_get(ty_doc_root(*doc), "entities", 8), in->flow, rc) >= 1;
    if (asks && !*rc) return g.intent;
    ty_doc_free(*doc);
    *doc = NULL;
    return -1;
}

/* True when some step of flow f sets a slot that no step of it asks (it
 * advises: the fitting service). */
static bool flow_advises(const ty_playbook *pb, int32_t f) {
    for (size_t s = 0; f >= 0 && s < pb->flows[f].nsteps; s++)
        for (size_t k = 0; k < pb->flows[f].steps[s].nsets; k++)
            if (!flow_asks(pb, f, pb->flows[f].steps[s].sets[k].slot)) return true;
    return false;
}

/* The intent ranked next after i, or -1. */
static int32_t flow_runner_up(const flow_cx *c, const ty_value *root, int32_t i) {
    const ty_value *rk = ty_value_get(root, "ranking", 7);
    for (size_t k = 0; k < ty_value_count(rk); k++) {
        int32_t j = flow_ranked(c, rk, k);
        if (j >= 0 && j != i) return j;
    }
    return -1;
}

/* "need a full service": the model reads intent i, whose flow advises
 * (it sets a slot, like the service that fits), but the message, neither
 * a question nor unsure ("do I need a full service?", "not sure I need a
 * full service"), already names that slot's value: the request is for the
 * flow that asks it, the best-ranked intent whose flow does. -1 when there
 * is none. The same when the model reads the asking intent first but
 * only just, over an advising runner-up ("full service please": a
 * booking, not a question of which service fits): then the first, or -1.
 * *rc on error. */
static int32_t flow_advice_given(flow_cx *c, const ty_value *root, int32_t i, int *rc) {
    const ty_playbook *pb = c->pb;
    int32_t top = i;
    if (i >= 0 && !flow_advises(pb, pb->intents[i].flow)) i = flow_runner_up(c, root, i);
    int32_t f = i >= 0 ? pb->intents[i].flow : -1, si = -1;
    if (f < 0 || ty_recognize_is_question(c->lang->locale, c->ev.text.s, c->ev.text.n, c->has_toks ? &c->toks : NULL) ||
        ty_judge_has_phrase(c->norm, c->norm_len, c->lang->locale->unsure))
        return -1;
    const ty_value *ents = ty_value_get(root, "entities", 8);
    for (size_t k = 0; si < 0 && k < ty_value_count(ents) && !*rc; k++) {
        const ty_value *e = ty_value_item(ents, k);
        int32_t s = flow_entity_slot(c, e);
        if (s >= 0 && flow_sets(pb, f, s) && !flow_asks(pb, f, s) && !flow_habit_entity(c, s, e, rc)) si = s;
    }
    const ty_value *rk = ty_value_get(root, "ranking", 7);
    for (size_t k = 0; si >= 0 && k < ty_value_count(rk); k++) {
        int32_t j = flow_ranked(c, rk, k);
        if (j >= 0 && j != i && pb->intents[j].does == TY_PB_DOES_NONE && flow_asks(pb, pb->intents[j].flow, si))
            return j == top || top == i ? j : -1;
    }
    return -1;
}

/* True when the message asks nothing (flow_clause_asks_nothing) and asks
 * nobody to do anything: "ah something came up at work, can u cancel my
 * booking" tells of the past and asks too (ty_judge_requests). */
static bool flow_tells_only(const flow_cx *c) {
    return c->has_toks && c->toks.ntok && flow_clause_asks_nothing(c, 0, c->toks.ntok) &&
           !ty_judge_requests(c->norm, c->norm_len);
}

/* True when the message, more than a bare yes, makes a request of its own
 * that the model reads clearly enough to start ("can i just book it in for
 * friday then" to the offer of a person: the "book it in" is no yes to
 * the person). *rc is set on error. */
static bool flow_asks_else(flow_cx *c, int *rc) {
    if (flow_only_yes(c, rc) || *rc) return false;
    ty_doc *d;
    flow_guess g = flow_guess_message(c, &d, rc);
    ty_doc_free(d);
    return !*rc && g.intent >= 0 && (c->pb->intents[g.intent].flow >= 0 || c->pb->intents[g.intent].say >= 0) &&
           ty_judge_clears(TY_JUDGE_COST_START, g.score, g.margin);
}

/* The best score root's ranking gives an intent whose flow is f (0 when
 * none is ranked). */
static double flow_best_for_flow(const flow_cx *c, const ty_value *root, int32_t f) {
    const ty_value *rk = ty_value_get(root, "ranking", 7);
    for (size_t k = 0; f >= 0 && k < ty_value_count(rk); k++) {
        int32_t j = flow_ranked(c, rk, k);
        if (j >= 0 && c->pb->intents[j].flow == f) return flow_rank_score(rk, k);
    }
    return 0;
}

/* At a question of free text ("what's going on with the bike?"): true
 * when the message is no answer but a request for another flow, which the
 * model reads clearly enough to leave for, and which gives two details or
 * more of it ("can i just book a tune up on friday then") or, asking for
 * no information ("¿y cuánto cuesta el corte?" is a digression), reads as
 * nothing of the flow asking ("can I bring it in this week to get it
 * looked at?" when asked what is wrong: no fault in it). *rc on error. */
#define FLOW_TEXT_NOTHING_OF 0.05
static bool flow_text_elsewhere(flow_cx *c, int *rc) {
    if (!c->has_toks || c->toks.ntok < 4) return false; /* "Priya Anand": a name is short; a request is not */
    ty_doc *d;
    flow_guess g = flow_guess_message(c, &d, rc);
    int32_t f = !*rc && g.intent >= 0 ? c->pb->intents[g.intent].flow : -1;
    bool away = f >= 0 && f != c->st.flow && ty_judge_clears(TY_JUDGE_COST_SWITCH, g.score, g.margin) &&
                (flow_details_for(c, ty_value_get(ty_doc_root(d), "entities", 8), f, rc) >= 2 ||
                 (flow_best_for_flow(c, ty_doc_root(d), c->st.flow) < FLOW_TEXT_NOTHING_OF &&
                  !flow_only_asks_back(c, rc)));
    ty_doc_free(d);
    return away && !*rc;
}

/* True when entity e of slot si gives the value the closed round agreed. */
static bool flow_closed_same(const flow_cx *c, int32_t si, const ty_value *e) {
    const ty_value *was = c->closed_slots ? c->closed_slots[si] : NULL;
    if (was && c->pb->slots[si].type == TY_SLOT_CHOICE) was = ty_value_get(was, "id", 2); /* stored with its title */
    size_t an, bn;
    const char *as = ty_value_string(was, &an), *bs = ty_value_string(ty_value_get(e, "value", 5), &bn);
    return as && bs && an == bn && memcmp(as, bs, an) == 0;
}

/* How many of the slots flow f asks the message's entities give a value
 * for (each slot once; not a habit: "every saturday" books no day); with
 * `fresh`, only values the closed round did not agree. */
static int flow_count_details(flow_cx *c, const ty_value *ents, int32_t f, bool fresh, int *rc) {
    const ty_pb_flow *fl = &c->pb->flows[f];
    int n = 0;
    for (size_t s = 0; s < fl->nsteps && !*rc; s++) {
        int32_t si = fl->steps[s].ask;
        /* a pet's or a child's name tells who it is for, not what is wanted ("su gata Mora, cuánto sale?") */
        bool seen = !flow_first_ask(fl, s) || (si >= 0 && ty_recognize_names_other(&c->pb->slots[si]));
        for (size_t i = 0; !seen && i < ty_value_count(ents); i++) {
            const ty_value *e = ty_value_item(ents, i);
            if (flow_entity_slot(c, e) == si && !(fresh && flow_closed_same(c, si, e)) &&
                !flow_habit_entity(c, si, e, rc)) {
                n++;
                seen = true;
            }
        }
    }
    return n;
}

/* flow_count_details of every value the message gives. */
static int flow_details_for(flow_cx *c, const ty_value *ents, int32_t f, int *rc) {
    return flow_count_details(c, ents, f, false, rc);
}

/* True when, after a close, the message gives a value of some slot other
 * than the one the closed round agreed (or that round agreed none). */
static bool flow_names_new(const flow_cx *c, const ty_value *ents) {
    for (size_t i = 0; i < ty_value_count(ents); i++) {
        const ty_value *e = ty_value_item(ents, i);
        int32_t si = flow_entity_slot(c, e);
        if (si >= 0 && !flow_closed_same(c, si, e)) return true;
    }
    return false;
}

/* flow_count_details of the values the closed round did not agree: after
 * a close, "cancel the saturday booking, I'll just buy a new laptop" names
 * the booking kept, no new one. */
static int flow_new_details_for(flow_cx *c, const ty_value *ents, int32_t f, int *rc) {
    return flow_count_details(c, ents, f, true, rc);
}

/* With nothing pending and no intent sure enough: the intent the
 * message's details point to ("full service friday morning", "un tinte el
 * sábado"). Its flow is asked two or more of the slots the message gives
 * values for, no fewer than any other intent's flow, and the model ranks it
 * above every other intent but the greeting and the built-in behaviours
 * (their own bars guard them; "somos dos personas... cortar el pelo el
 * sábado" is no request for a person). One detail is enough when the model
 * ranks that intent first of all, however weakly, by FLOW_ONE_DETAIL_MARGIN
 * ("hiya can i get a tuneup?? last 1 was back in june lol", "quiero un
 * corte como el que me hizo la chica de la otra vez": a request said among
 * other things), and the message is no question for information ("is a
 * tune-up something I can do myself at home?"). -1 when there is none. */
#define FLOW_ONE_DETAIL_MARGIN 0.08
#define FLOW_DETAIL_NOISE 0.03

/* True when the intent the model ranks second is a flow that is asked none
 * of the details the message gives, so that they tell the first from it
 * ("can i book kettlebells": the class booking asks the class, the
 * induction ranked next asks nothing the message says). A say-only or
 * built-in runner-up is told by no detail. */
static bool flow_runner_up_told(flow_cx *c, const ty_value *ents, const ty_value *rk, int *rc) {
    int32_t r = flow_ranked(c, rk, 1);
    if (r < 0 || c->pb->intents[r].flow < 0 || c->pb->intents[r].does != TY_PB_DOES_NONE) return false;
    return flow_details_for(c, ents, c->pb->intents[r].flow, rc) == 0;
}
static int32_t flow_detail_intent(flow_cx *c, const ty_value *root, int *rc) {
    const ty_playbook *pb = c->pb;
    const ty_value *ents = ty_value_get(root, "entities", 8);
    int most = 0;
    for (size_t i = 0; i < pb->nintents && !*rc; i++) {
        const ty_pb_intent *in = &pb->intents[i];
        if (in->flow < 0 || in->does != TY_PB_DOES_NONE || (int32_t)i == pb->greeting) continue;
        int n = flow_details_for(c, ents, in->flow, rc);
        if (n > most) most = n;
    }
    const ty_value *rk = ty_value_get(root, "ranking", 7);
    if (most == 1 && !*rc) { /* the model's first, if its flow is asked the one detail */
        int32_t top = flow_ranked(c, rk, 0);
        double first = flow_rank_score(rk, 0), second = flow_rank_score(rk, 1);
        bool ok = top >= 0 && top != pb->greeting && pb->intents[top].flow >= 0 &&
                  pb->intents[top].does == TY_PB_DOES_NONE &&
                  (first - second >= FLOW_ONE_DETAIL_MARGIN ||
                   (first - second >= FLOW_DETAIL_NOISE && flow_runner_up_told(c, ents, rk, rc))) &&
                  !ty_recognize_asks_info(c->lang->locale, c->ev.text.s, c->ev.text.n, &c->toks);
        ok = ok && !(flow_alters(pb, top) && flow_asks_about(c));
        return ok && flow_details_for(c, ents, pb->intents[top].flow, rc) == 1 && !*rc ? top : -1;
    }
    /* of the intents whose flows are asked the most details, the one the
     * model ranks first: "el jueves por la tarde me viene genial" is the
     * day and part of a booking and of a change alike, and reads as the
     * booking */
    for (size_t i = 0; most >= 2 && i < ty_value_count(rk) && !*rc; i++) {
        int32_t r = flow_ranked(c, rk, i);
        if (r < 0 || r == pb->greeting || pb->intents[r].does != TY_PB_DOES_NONE) continue;
        if (pb->intents[r].flow >= 0 && flow_details_for(c, ents, pb->intents[r].flow, rc) == most)
            return flow_alters(pb, r) && flow_asks_about(c) ? -1 : r;
        /* a say-only answer ranked above blocks only when the model reads
         * it clearly enough to give ("great, I'll order a regular seasonal
         * one to collect today then": the delivery answer at 0.10, just
         * above the order it gives four details of, does not); a flow
         * does unless its score is noise (the hours at 0.004 above a
         * booking given "wednesday afternoon suits my tenant best") */
        double sc = flow_rank_score(rk, i);
        if ((pb->intents[r].flow >= 0 && sc >= FLOW_DETAIL_NOISE) ||
            ty_judge_clears(TY_JUDGE_COST_SAY, sc, sc - flow_rank_score(rk, i + 1)))
            return -1;
    }
    return -1;
}

/* A request the model read without certainty (top, below
 * FLOW_RIVAL_BELOW) that the message's details point past: another intent
 * the model ranks whose flow is asked more of them, and two at least
 * ("tengo cita el jueves y quiero cambiarla al viernes por la tarde, a
 * nombre de Lorena" gives a change, days, a part and a name: the change
 * flow asks all of them, the booking flow no change). That intent, or -1.
 * Not when the message asks for information that the request's flow is
 * not asked a detail of: "que precio tiene la visita? es para una
 * lavadora" gets the price, its details being what the question is about
 * (the price flow's offer may still lead on to the booking). */
#define FLOW_RIVAL_BELOW 0.5
static int32_t flow_detail_rival(flow_cx *c, const ty_value *root, int32_t top, double score, int *rc) {
    const ty_playbook *pb = c->pb;
    /* a change read with nothing agreed, in words that change nothing ("can
     * we do headshots on monday the 30th?"), is weighed however sure */
    bool unmoored = top >= 0 && top == pb->change_intent && c->closed_intent < 0 &&
                    !ty_judge_asks_change(c->norm, c->norm_len, true);
    if (top < 0 || pb->intents[top].flow < 0 || (score >= FLOW_RIVAL_BELOW && !unmoored)) return -1;
    const ty_value *ents = ty_value_get(root, "entities", 8), *rk = ty_value_get(root, "ranking", 7);
    int most = flow_details_for(c, ents, pb->intents[top].flow, rc);
    if (ty_recognize_asks_info(c->lang->locale, c->ev.text.s, c->ev.text.n, &c->toks)) return -1;
    int32_t best = -1;
    for (size_t i = 0; i < ty_value_count(rk) && !*rc; i++) {
        int32_t r = flow_ranked(c, rk, i);
        if (r < 0 || r == top || pb->intents[r].flow < 0 || pb->intents[r].does != TY_PB_DOES_NONE || r == pb->greeting)
            continue;
        int d = flow_details_for(c, ents, pb->intents[r].flow, rc);
        if (c->closed_slots && flow_new_details_for(c, ents, pb->intents[r].flow, rc) < 2) continue;
        if (d > most && d >= 2) {
            most = d;
            best = r;
        }
    }
    return *rc ? -1 : best;
}

/* How many of the slots flow f asks hold a value now. */
static size_t flow_known_of(const flow_cx *c, int32_t f) {
    const ty_pb_flow *fl = &c->pb->flows[f];
    size_t n = 0;
    for (size_t s = 0; s < fl->nsteps; s++) n += flow_first_ask(fl, s) && c->st.slots[fl->steps[s].ask] != NULL;
    return n;
}

/* The intent whose flow asks the most of what is known of the customer
 * (two slots at least; the first on a tie), or -1: the booking a customer
 * who is cancelling it still means ("actually, could I just move it to
 * saturday instead?"). */
static int32_t flow_known_intent(const flow_cx *c) {
    int32_t best = -1;
    size_t most = 1;
    for (size_t i = 0; i < c->pb->nintents; i++) {
        int32_t f = c->pb->intents[i].flow;
        size_t n = f >= 0 && c->pb->intents[i].does == TY_PB_DOES_NONE ? flow_known_of(c, f) : 0;
        if (n > most) {
            most = n;
            best = (int32_t)i;
        }
    }
    return best;
}

/* While a yes/no question of a flow that asks none of the message's
 * details is pending ("shall I cancel your booking?"), a change to those
 * details of what is known ("actually could I move it to saturday
 * instead?": a change word and a detail): the intent of the flow they
 * belong to (flow_known_intent), which takes over from the pending one;
 * -1 otherwise. */
static int32_t flow_change_over(flow_cx *c, const ty_value *root, int32_t k, int *rc) {
    int32_t f = c->st.flow, i = flow_known_intent(c);
    if (k < 0 || c->pb->slots[k].type != TY_SLOT_YESNO || i < 0 || c->pb->intents[i].flow == f) return -1;
    const ty_value *ents = ty_value_get(root, "entities", 8);
    if (flow_details_for(c, ents, f, rc) > 0 || *rc) return -1;
    int d = flow_details_for(c, ents, c->pb->intents[i].flow, rc);
    return !*rc && d > 0 && ty_judge_asks_change(c->norm, c->norm_len, true) ? i : -1;
}

/* After a close, when the message changes what the closed round agreed
 * ("could I move it to saturday instead?", "can I change the day?": a
 * change word, and a detail its flow asks or a word for the booking): the
 * playbook's intent for changes when it has one (pb->change_intent), so
 * that a change is measured as one; else the closed round's intent, whose
 * flow asks again what the new round cleared (dates, times, the final
 * yes), or when that flow asks none of the message's details (a booking
 * was cancelled), the one of what is known (flow_known_intent). -1
 * otherwise. */
static int32_t flow_reopen_intent(flow_cx *c, const ty_value *root, int *rc) {
    int32_t i = c->closed_intent;
    if (i < 0 || flow_asks_about(c)) return -1; /* "si llego 10 minutos tarde, ¿pasa algo?" */
    if (i >= 0 && c->pb->intents[i].flow >= 0 &&
        flow_details_for(c, ty_value_get(root, "entities", 8), c->pb->intents[i].flow, rc) == 0) {
        int32_t known = flow_known_intent(c);
        if (known >= 0) i = known;
    }
    if (*rc) return -1;
    if (i < 0 || c->pb->intents[i].flow < 0) return -1;
    bool detail = flow_details_for(c, ty_value_get(root, "entities", 8), c->pb->intents[i].flow, rc) > 0;
    if (*rc || !ty_judge_asks_change(c->norm, c->norm_len, detail)) return -1;
    int32_t ch = c->pb->change_intent;
    return ch >= 0 ? ch : i;
}

/* The message as written without the tokens that normalised bytes
 * [at, at + len) hold, its punctuation kept ("un corte el viernes, no hace
 * falta hablar con nadie": the comma still ends the day's clause); NULL
 * when no tokens start and end there. *n gets its length. */
static char *flow_written_without(flow_cx *c, size_t at, size_t len, size_t *n) {
    const ty_tokens *t = &c->toks;
    size_t ka = t->ntok, kb = t->ntok;
    for (size_t k = 0; c->has_toks && k < t->ntok; k++) {
        if (t->tok[k].start == at) ka = k;
        if (t->tok[k].end == at + len) kb = k;
    }
    if (ka >= t->ntok || kb >= t->ntok || kb < ka) return NULL;
    size_t b0 = t->tok[ka].b_start, b1 = t->tok[kb].b_end;
    *n = c->ev.text.n - (b1 - b0);
    char *rest = ty_arena_alloc(c->scratch, *n + 1);
    if (!rest) return NULL;
    memcpy(rest, c->ev.text.s, b0);
    memcpy(rest + b0, c->ev.text.s + b1, c->ev.text.n - b1);
    rest[*n] = '\0';
    return rest;
}

/* "no quiero hablar con nadie, solo reservar", "don't cancel it, I'll be
 * there": in a message that declines a person or a cancel, the declining
 * phrase is taken out and the rest is read again (the phrase pulls the
 * model towards what it declines); that reading replaces *d and *g (and
 * c->read), and a person, or a flow that undoes a booking, read again is
 * nothing. Messages without such a phrase are untouched. */
static int flow_without_declined(flow_cx *c, const ty_pb_match_opts *o, ty_doc **d, flow_guess *g) {
    size_t len, at = ty_judge_no_person(&c->pb->judge_index, c->norm, c->norm_len, c->clause, &len);
    bool person = at != SIZE_MAX;
    if (!person) at = ty_judge_no_undo(&c->pb->judge_index, c->norm, c->norm_len, c->clause, &len);
    if (at == SIZE_MAX) return TY_OK;
    size_t n;
    char *rest = flow_written_without(c, at, len, &n);
    if (!rest) {
        n = c->norm_len - len;
        if (!(rest = ty_arena_alloc(c->scratch, n + 1))) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
        memcpy(rest, c->norm, at);
        memcpy(rest + at, c->norm + at + len, c->norm_len - at - len);
        rest[n] = '\0';
    }
    ty_doc *again;
    int rc = flow_match(c, o, rest, n, &again);
    if (rc) return rc;
    ty_doc_free(*d);
    *d = again;
    c->read = (flow_str){rest, n};
    *g = flow_guess_of(c, ty_doc_root(again));
    const ty_pb_intent *in = g->intent >= 0 ? &c->pb->intents[g->intent] : NULL;
    if (in && (person ? in->does == TY_PB_DOES_HANDOFF : flow_undoes(c->pb, in->flow))) g->intent = -1;
    return TY_OK;
}

/* What the message says when it is nothing but pleasantries, letters held
 * for emphasis squeezed ("thanksss", "byeee"); *rc is set on OOM. */
static ty_judge_pleasantry flow_pleasantry_of(flow_cx *c, int *rc) {
    bool oom;
    size_t n;
    const char *sq = ty_judge_squeeze(c->norm, c->norm_len, c->scratch, &n, &oom);
    *rc = oom ? ty_err_nomem(c->err, TY_DOMAIN_NONE) : TY_OK;
    return oom ? TY_JUDGE_PL_NONE : sq ? ty_judge_pleasantry_of(sq, n) : ty_judge_pleasantry_of(c->norm, c->norm_len);
}

#define FLOW_CALM_CUTS 4 /* frustration phrases taken out at most */

/* The normalised message without its frustration phrases (at most
 * FLOW_CALM_CUTS of them, each with the space after it), in scratch: *n
 * its length, *cut how many went; NULL when out of memory. */
static char *flow_calm_text(flow_cx *c, size_t *n, size_t *cut) {
    char *rest = ty_arena_alloc(c->scratch, c->norm_len + 1);
    if (!rest) return NULL;
    memcpy(rest, c->norm, c->norm_len);
    size_t len, at;
    *n = c->norm_len;
    *cut = 0;
    while (*cut < FLOW_CALM_CUTS && (at = ty_judge_frustration(&c->pb->judge_index, rest, *n, NULL, &len)) != SIZE_MAX) {
        size_t end = at + len < *n ? at + len + 1 : *n;
        memmove(rest + at, rest + end, *n - end);
        *n -= end - at;
        (*cut)++;
    }
    while (*n && rest[*n - 1] == ' ') (*n)--; /* a phrase cut at the end leaves the space before it */
    rest[*n] = '\0';
    return rest;
}

/* True when an upset message says nothing but its frustration (a word at
 * most besides): "uff cuántas preguntas, ya me estoy cansando" is no
 * answer to "which bike?" (free text takes anything else). *rc on error. */
static bool flow_only_frustration(flow_cx *c, int *rc) {
    if (!c->upset) return false;
    size_t n, cut;
    const char *rest = flow_calm_text(c, &n, &cut);
    if (!rest) *rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
    return rest && cut && ty_judge_words(rest, n) < 2;
}

/* True when the message asks something of its own: it is a question, or
 * one of its sentences ends with a question mark before more is said
 * ("dónde quedan? xq vivo en Parque Patricios"). */
static bool flow_asks_something(const flow_cx *c) {
    if (ty_recognize_is_question(c->lang->locale, c->ev.text.s, c->ev.text.n, NULL)) return true;
    for (const char *q = c->ev.text.s; q && (q = memchr(q, '?', c->ev.text.n - (size_t)(q - c->ev.text.s)));) {
        q++;
        if (q < c->ev.text.s + c->ev.text.n && ty_is_space((unsigned char)*q)) return true;
    }
    return false;
}

/* True when the message reads as off-topic rather than as a failed try at
 * the pending question: a question of its own, or four words or more. */
static bool flow_looks_off_topic(const flow_cx *c) {
    return ty_judge_words(c->norm, c->norm_len) >= 4 || flow_asks_something(c);
}
