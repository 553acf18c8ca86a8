/*
 * flow_refusal.c — days and times the business cannot take: checking a
 * value against the opening hours, range and lead time (flow_bookable), a
 * day its month does not have, the message that says why and offers the
 * nearest open days or times, and reading a reply that picks one of them.
 */
#include "flow_internal.h"

#include <stdio.h>

#include "civil.h"
#include "show.h"

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

static const char *const flow_refusal_names[] = {"date_passed", "date_future", "date_closed",  "date_too_soon",
                                                  "time_closed", "time_passed", "date_invalid", "time_too_soon"};

/* Which of flow_refusal_names says why c->refusal cannot be taken. */
static size_t flow_refusal_kind(const flow_cx *c) {
    static const int whys[] = {TY_BOOK_PASSED,      TY_BOOK_FUTURE,      TY_BOOK_CLOSED,      TY_BOOK_TOO_SOON,
                               TY_BOOK_TIME_CLOSED, TY_BOOK_TIME_PASSED, TY_BOOK_NO_SUCH_DAY, TY_BOOK_TOO_SOON};
    size_t k = 0;
    while (k + 1 < sizeof whys / sizeof whys[0] && whys[k] != c->refusal.why) k++;
    if (c->refusal.minutes >= 0 && c->refusal.why == TY_BOOK_TOO_SOON) k = 7; /* a time, not a day */
    return k;
}

/* Renders why c->refusal cannot be taken (kind k) into *why (emptied
 * first), and the offer of alts after it into c->buf. */
static int flow_refusal_why(flow_cx *c, size_t k, const ty_option *alts, size_t nalts, ty_buf *why) {
    const ty_words *w = c->words;
    const char *texts[] = {w->date_passed, w->date_future, w->date_closed,  w->date_too_soon,
                           w->time_closed, w->time_passed, w->date_invalid, w->time_too_soon};
    ty_value *values = NULL; /* set when rc is 0; gcc -O1 cannot tell */
    int rc = flow_refusal_values(c, &values);
    if (rc) return rc;
    c->extra = values;
    why->len = 0;
    rc = flow_render_builtin(c, flow_refusal_names[k], texts[k], alts, nalts, why);
    c->buf.len = 0;
    if (!rc && c->refusal.why != TY_BOOK_FUTURE) /* that one asks its own question */
        rc = flow_render_builtin(c, nalts ? "offer" : "offer_none", nalts ? w->offer : w->offer_none, alts, nalts,
                                 &c->buf);
    c->extra = NULL;
    return rc;
}

/* A day or time the message gave in passing that the business cannot
 * take, while another question is asked ("a drop-in on saturday at 3pm,
 * something gentle" when Saturdays close at noon): why, as a lead (in
 * scratch) for that question, so the customer is told at once; NULL when
 * the refusal asks its own question or on error (*rc set). */
static const char *flow_refusal_lead(flow_cx *c, int *rc) {
    size_t k = flow_refusal_kind(c);
    if (c->refusal.why == TY_BOOK_FUTURE || c->refusal.why == TY_BOOK_NO_SUCH_DAY) return NULL;
    ty_buf why;
    ty_buf_init(&why, c->pb->alloc);
    *rc = flow_refusal_why(c, k, NULL, 0, &why);
    const char *lead = NULL;
    if (!*rc && why.len && !(lead = ty_arena_dup(c->scratch, why.ptr, why.len)))
        *rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
    ty_buf_free(&why);
    return lead;
}

/* Tells the customer why c->refusal cannot be taken and offers the
 * nearest days or times that can (as choices), as step (f, s). *kept gets
 * the offer as a state options list (in the output doc) so the reply can
 * pick one, or NULL when nothing is offered. */
static int flow_refuse(flow_cx *c, int32_t f, int32_t s, const ty_value **kept) {
    size_t k = flow_refusal_kind(c);
    ty_option *alts;
    size_t nalts;
    int rc = flow_alternatives(c, &alts, &nalts);
    if (rc) return rc;
    ty_buf why;
    ty_buf_init(&why, c->pb->alloc);
    rc = flow_refusal_why(c, k, alts, nalts, &why);
    ty_value *text = NULL;
    /* the same refusal as just before ("monday's the only day i'm free"):
     * a shorter why, so the words are never the same twice in a row */
    bool again = false;
    if (!rc && why.len && c->buf.len) {
        size_t n0 = why.len;
        rc = ty_buf_putc(&why, ' ');
        if (!rc) rc = ty_buf_append(&why, c->buf.ptr, c->buf.len);
        again = !rc && flow_said(c, why.ptr, why.len, false);
        why.len = n0;
        if (again) {
            why.len = 0;
            rc = ty_buf_append(&why, c->judge->refused_again, strlen(c->judge->refused_again));
        }
    }
    if (!rc) {
        if (c->buf.len) rc = ty_buf_putc(&why, ' ');
        if (!rc) rc = ty_buf_append(&why, c->buf.ptr ? c->buf.ptr : "", c->buf.len);
        if (!rc && !(text = ty_val_string(c->out, why.ptr, why.len))) rc = TY_E_NOMEM;
        if (rc) rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
    }
    ty_buf_free(&why);
    const char *name = flow_refusal_names[k];
    int32_t ti = ty_pb_template_find(c->pb, name, strlen(name));
    flow_wording said = flow_builtin_wording(c, name, ti, true);
    if (!rc) rc = flow_emit(c, text, alts, nalts, &said, f, s);
    *kept = NULL;
    if (rc || !nalts) return rc;
    if (!(*kept = flow_option_list(c, alts, nalts, true))) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    return TY_OK;
}

/* The day time slot ts is booked on: its date slot's value, or the value
 * the message gives that slot as the answer to the ask ("el sábado a las 4
 * de la tarde" when the day is asked), or NULL. */
static const ty_value *flow_date_for(const flow_cx *c, const ty_slot *ts) {
    if (ts->date_slot < 0) return NULL;
    if (c->st.slots[ts->date_slot]) return c->st.slots[ts->date_slot];
    return c->answering && c->answering_slot == ts->date_slot ? c->answering : NULL;
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
    const ty_value *date;
    if (slot->type == TY_SLOT_DATE && ty_civil_parse_iso(s, n, &z)) {
        why = ty_hours_check_date(h, c->ev.at, z, slot->range, slot->hours);
    } else if (slot->type == TY_SLOT_TIME && slot->hours && (date = flow_date_for(c, slot)) &&
               ty_pb_parse_clock(s, n, &minutes)) {
        const ty_slot *ds = &c->pb->slots[slot->date_slot];
        size_t dn;
        const char *d = ty_value_string(date, &dn);
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

/* *pick becomes a choice slot over the days or times offered after a
 * refusal (state.options), found in *data (scratch). TY_E_NOMEM or TY_OK. */
static int flow_offered_slot(flow_cx *c, ty_slot *pick, ty_value **data) {
    static const char key[] = "\x1foffered";
    memset(pick, 0, sizeof *pick);
    pick->name = "offered";
    pick->name_len = 7;
    pick->type = TY_SLOT_CHOICE;
    pick->options_from = key;
    pick->options_from_len = sizeof key - 1;
    pick->date_slot = -1;
    *data = ty_val_map(c->tmp);
    if (!*data || ty_map_put(c->tmp, *data, key, sizeof key - 1, (ty_value *)c->st.options)) return TY_E_NOMEM;
    return TY_OK;
}

/* The days or times offered after a refusal as options (scratch) in
 * *opts, *n; none when nothing is offered. */
static int flow_offered_options(flow_cx *c, const ty_option **opts, size_t *n) {
    ty_slot pick;
    ty_value *data;
    *opts = NULL;
    *n = 0;
    if (!c->st.options) return TY_OK;
    if (flow_offered_slot(c, &pick, &data)) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    int rc = ty_pb_slot_options(&pick, data, c->scratch, opts, n, c->err);
    return rc ? flow_data_error(c, rc) : TY_OK;
}

/* A reply to the days or times offered after a refusal (kept in
 * state.options) read as a pick among them: "the first one", "B", "the
 * later one". *out is the picked option's id (a date or time), in *doc. */
static int flow_read_offered(flow_cx *c, ty_doc **doc, const ty_value **out) {
    ty_slot pick;
    ty_value *data;
    if (flow_offered_slot(c, &pick, &data)) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    ty_input in = flow_input(c, c->ev.text.s, c->ev.text.n);
    in.data = data;
    ty_pb_match_opts o = flow_answer_only(&pick);
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

/* "ok then the 26th" after 24 or 26 December were offered: a date read
 * from a day of the month alone (the answer's words s[0..n):
 * ty_recognize_day_number_only) is the offered date with that day, when
 * exactly one has it and raw is none of them. That option's id, or NULL
 * (also when out of memory: the date as read stands). */
static const ty_value *flow_offered_day_number(flow_cx *c, const ty_value *raw, const char *s, size_t n) {
    size_t rn, found = 0;
    const char *r = ty_value_string(raw, &rn);
    const ty_value *hit = NULL;
    ty_tokens toks;
    if (!r || rn != 10 || !c->st.options || ty_text_tokenize(s, n, c->scratch, &toks) ||
        !ty_recognize_day_number_only(c->lang->locale, s, n, &toks))
        return NULL;
    for (size_t i = 0; i < ty_value_count(c->st.options); i++) {
        size_t idn;
        const ty_value *id = ty_value_get(ty_value_item(c->st.options, i), "id", 2);
        const char *d = ty_value_string(id, &idn);
        if (!d || idn != 10) continue;
        if (memcmp(d, r, 10) == 0) return NULL; /* raw is one of them */
        if (memcmp(d + 8, r + 8, 2) == 0) hit = id, found++;
    }
    return found == 1 ? hit : NULL;
}

/* flow_offered_day_number for answer a (its value *raw, its words from
 * "start" to "end"): *raw becomes the offered date, and *picked true,
 * when that reads one. */
static void flow_pick_day_number(flow_cx *c, const ty_value *a, const ty_value **raw, bool *picked) {
    int64_t a0, a1;
    if (!flow_int(ty_value_get(a, "start", 5), &a0) || !flow_int(ty_value_get(a, "end", 3), &a1)) return;
    size_t b0 = flow_cp_byte(c->ev.text.s, c->ev.text.n, a0), b1 = flow_cp_byte(c->ev.text.s, c->ev.text.n, a1);
    const ty_value *day = b1 > b0 ? flow_offered_day_number(c, *raw, c->ev.text.s + b0, b1 - b0) : NULL;
    if (day) *raw = day, *picked = true;
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
