/*
 * flow_event.c — reading the event a step is given (docs/playbook.md): its
 * type, time, text, data, ids, channel, UTC offset and language into
 * c->ev, every error naming its path under "event."; the field readers the
 * state reader shares (flow_int, flow_read_name, flow_read_offset); and the
 * options a choice slot takes from the event's data (`options_from`), or
 * from the state for the pending ask when the event has none.
 */
#include "flow_internal.h"

/* ===================================================================== *
 * Reading an event
 * ===================================================================== */

/* The event error at "event.<member>" ("event" for ""); owns nothing. */
static int flow_ev_fail(flow_cx *c, int code, const char *member, const char *msg) {
    sc_path p;
    sc_path_init(&p, "event");
    if (member[0]) sc_path_key_s(&p, member);
    return sc_fail(&p, c->err, TY_DOMAIN_EVENT, code, "%s", msg);
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

/* Reads a name member `what` of the event (at most max bytes) into *out;
 * the event error for anything else. */
static int flow_event_name(flow_cx *c, const ty_value *v, size_t max, const char *what, flow_str *out) {
    char longer[48];
    switch (flow_read_name(v, max, out)) {
    case 0: return TY_OK;
    case 1: return flow_ev_fail(c, TY_E_EVENT, what, "must be a string");
    case 2:
        snprintf(longer, sizeof longer, "is longer than %zu bytes", max);
        return flow_ev_fail(c, TY_E_LIMIT, what, longer);
    case 3: return flow_ev_fail(c, TY_E_UTF8, what, "is not valid UTF-8 text");
    default: return flow_ev_fail(c, TY_E_NUL, what, "contains a NUL byte");
    }
}

/* The event's members, in the order they are checked and listed. */
enum {
    FLOW_E_TYPE, FLOW_E_AT, FLOW_E_ID, FLOW_E_TEXT, FLOW_E_CHOICE, FLOW_E_DATA, FLOW_E_CONV, FLOW_E_CHANNEL,
    FLOW_E_OFFSET, FLOW_E_LOCALE, FLOW_NE
};
static const sc_member flow_event_members[FLOW_NE] = {
    {"type", SC_STRING, true, "must be \"message\", \"tick\" or \"resume\"",
     "missing (\"message\", \"tick\" or \"resume\")"},
    {"at", SC_INTEGER, true, "must be a whole number of seconds since 1970 (>= 0)",
     "missing (the event time in Unix seconds)"},
    {"id", SC_STRING, false, NULL, NULL},
    {"text", SC_STRING, false, NULL, NULL},
    {"choice", SC_STRING, false, NULL, NULL},
    {"data", SC_MAP, false, NULL, NULL},
    {"conversation", SC_STRING, false, NULL, NULL},
    {"channel", SC_STRING, false, NULL, NULL},
    {"utc_offset", SC_STRING | SC_NUMBER, false,
     "must be \"+HH:MM\"/\"-HH:MM\" or whole seconds, within 14 hours of UTC", NULL},
    {"locale", SC_STRING, false, NULL, NULL},
};
static const sc_schema flow_event_schema = {
    .members = flow_event_members, .n = FLOW_NE, .domain = TY_DOMAIN_EVENT, .code = TY_E_EVENT,
    .not_map = "must be an object", .unknown = "unknown key", .list_allowed = true, .key_max = 40};

/* The event type named s[0..n), or -1. */
static int flow_event_type(const char *s, size_t n) {
    static const char *const names[] = {"message", "tick", "resume"};
    static const int types[] = {FLOW_EV_MESSAGE, FLOW_EV_TICK, FLOW_EV_RESUME};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (flow_eq(s, n, names[k])) return types[k];
    return -1;
}

/* Reads member i (of the right kind) into the caller's c->ev: what the
 * table cannot say (values, ranges, lengths). Owns nothing. */
static int flow_event_member(void *ctx, size_t i, const ty_value *v, const sc_path *p) {
    flow_cx *c = ctx;
    flow_event *ev = &c->ev;
    const char *what = flow_event_members[i].key, *bad = flow_event_members[i].wrong;
    size_t n = 0;
    const char *s = ty_value_string(v, &n);
    switch (i) {
    case FLOW_E_TYPE: bad = (ev->type = flow_event_type(s, n)) >= 0 ? NULL : bad; break;
    case FLOW_E_AT: bad = flow_int(v, &ev->at) ? NULL : bad; break;
    case FLOW_E_ID: return flow_event_name(c, v, TY_FLOW_MAX_ID, what, &ev->id);
    case FLOW_E_CHOICE: return flow_event_name(c, v, TY_FLOW_MAX_ID, what, &ev->choice);
    case FLOW_E_CONV: return flow_event_name(c, v, TY_FLOW_MAX_ID, what, &ev->conv);
    case FLOW_E_CHANNEL: return flow_event_name(c, v, TY_FLOW_MAX_CHANNEL, what, &ev->channel);
    case FLOW_E_DATA: ev->data = v, bad = NULL; break;
    case FLOW_E_OFFSET: bad = (ev->has_offset = flow_read_offset(v, &ev->offset)) ? NULL : bad; break;
    case FLOW_E_LOCALE:
        bad = (ev->lang = ty_pb_lang_find(c->pb, s, n)) >= 0 ? NULL : "is not a language of this playbook";
        break;
    default: bad = NULL; break; /* text: read by flow_event_text */
    }
    return bad ? sc_fail_key(p, what, c->err, TY_DOMAIN_EVENT, TY_E_EVENT, "%s", bad) : TY_OK;
}

/* What an event of its type must and must not carry: a message its text
 * (within the playbook's size limit, valid text), others no text or choice. */
static int flow_event_text(flow_cx *c, const ty_value *text) {
    flow_event *ev = &c->ev;
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

/* Reads event e into c->ev; TY_E_EVENT (or the text's own error) naming
 * the first bad member. */
static int flow_event_read(flow_cx *c, const ty_value *e) {
    flow_event *ev = &c->ev;
    memset(ev, 0, sizeof *ev);
    ev->at = -1;
    ev->type = -1;
    ev->lang = -1;
    const ty_value *found[FLOW_NE];
    sc_path p;
    sc_path_init(&p, "event");
    int rc = sc_check(&flow_event_schema, e, &p, c->err, found, flow_event_member, c);
    if (rc) return rc;
    return flow_event_text(c, found[FLOW_E_TEXT]);
}

/* ===================================================================== *
 * Options from the event's data
 * ===================================================================== */

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
