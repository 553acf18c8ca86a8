/*
 * flow_state.c — the conversation state codec: reading a state into c->st
 * (every field checked, each error naming its path under "state."; what a
 * playbook edit left behind is refused as TY_E_STALE, or dropped while
 * migrating), writing c->st back, the playbook fingerprint a state is bound
 * to, and the exact compact-JSON size that bounds states and slot values.
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
 * and, only while a "handoff" check confirms a handoff intent the message
 * read (absent reads as none: the playbook's first):
 *   check_intent  that intent, whose words and handoff a yes brings
 * and, once an event carried an "id" (absent reads as none):
 *   seen          the ids of the last TY_FLOW_MAX_SEEN events, oldest first: an
 *                 event whose id is there is a redelivery, answered with
 *                 nothing and the state unchanged ("duplicate": true)
 * A top-level "sig" key is ignored on input (the bindings sign states).
 */
#include "flow_internal.h"

#include <stdio.h>

/* ===================================================================== *
 * Fingerprint and hashing
 * ===================================================================== */

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

static const char *const flow_status_names[FLOW_NSTATUS] = {"active", "opted_out", "handoff", "closed"};

/* The names of state.check, by FLOW_CHECK_* (none for FLOW_CHECK_NONE). */
static const char *const flow_check_names[FLOW_NCHECK] = {NULL, "opt_out", "handoff"};

/* The index of the step of f with id s[0..n), or -1. */
static int32_t flow_find_step(const ty_pb_flow *f, const char *s, size_t n) {
    for (size_t i = 0; i < f->nsteps; i++)
        if (f->steps[i].id_len == n && memcmp(f->steps[i].id, s, n) == 0) return (int32_t)i;
    return -1;
}

/* ===================================================================== *
 * Reading a state
 * ===================================================================== */

/* fmt is "path: message"; the part before ": " becomes err->path (the
 * error is sc_fail's). Owns nothing. */
static int flow_st_fail(flow_cx *c, int code, const char *fmt, ...) {
    if (!c->err) return code;
    char msg[TY_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *colon = strstr(msg, ": ");
    int pn = colon ? (int)(colon - msg) : 0;
    sc_path p;
    sc_path_set(&p, "%.*s", pn, msg);
    return sc_fail(&p, c->err, TY_DOMAIN_STATE, code, "%s", colon ? colon + 2 : msg);
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
    FLOW_K_LOCALE, FLOW_K_PLAYBOOK_VERSION, FLOW_K_EXPIRES, FLOW_K_SEEN, FLOW_K_CHECK_INTENT, FLOW_NKEYS
};
/* The state's members: all required up to "check" (those after came later:
 * absent reads as none); kinds are checked with the values. */
#define FLOW_NEED(k) {k, SC_ANY, true, NULL, NULL}
#define FLOW_MAY(k) {k, SC_ANY, false, NULL, NULL}
static const sc_member flow_state_members[FLOW_NKEYS] = {
    {"v", SC_ANY, true, NULL, "missing (not a tinyyes conversation state)"},
    FLOW_NEED("playbook"), FLOW_NEED("conversation"), FLOW_NEED("channel"), FLOW_NEED("status"),
    FLOW_NEED("intent"), FLOW_NEED("flow"), FLOW_NEED("step"), FLOW_NEED("slots"), FLOW_NEED("options"),
    FLOW_NEED("stack"), FLOW_NEED("asked_at"), FLOW_NEED("reprompts"), FLOW_NEED("followups"), FLOW_NEED("due"),
    FLOW_NEED("utc_offset"), FLOW_NEED("last_at"), FLOW_NEED("turns"), FLOW_MAY("check"), FLOW_MAY("followup_due"),
    FLOW_MAY("reminders"), FLOW_MAY("locale"), FLOW_MAY("playbook_version"), FLOW_MAY("expires"), FLOW_MAY("seen"),
    FLOW_MAY("check_intent")};
#undef FLOW_NEED
#undef FLOW_MAY
/* "sig" is the binding's signature, verified before the core is called. */
static const sc_schema flow_state_schema = {
    .members = flow_state_members, .n = FLOW_NKEYS, .domain = TY_DOMAIN_STATE, .code = TY_E_STATE,
    .unknown = "unknown key", .key_max = 40, .repeated = "given twice", .missing = "missing", .skip = "sig"};

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
        const ty_value *o = ty_value_item(v, i), *price = ty_value_get(o, "price", 5);
        flow_str id, title;
        double p;
        bool priced = price && ty_pb_option_price(price, &p);
        if (ty_value_kind(o) != TY_MAP || ty_value_count(o) != 2u + (price != NULL) || (price && !priced) ||
            flow_read_name(ty_value_get(o, "id", 2), TY_FLOW_MAX_VALUE, &id) ||
            flow_read_name(ty_value_get(o, "title", 5), TY_FLOW_MAX_VALUE, &title))
            return flow_st_fail(c, TY_E_STATE,
                                "state.options[%zu]: must be {\"id\", \"title\"} with text values, and a \"price\" "
                                "of 0 or more when it has one",
                                i);
    }
    c->st.options = v;
    return TY_OK;
}

/* state.<key> must be a list of at most max items (`items` names them). */
static int flow_st_list(flow_cx *c, const ty_value *v, const char *key, int max, const char *items) {
    if (ty_value_kind(v) != TY_LIST) return flow_st_fail(c, TY_E_STATE, "state.%s: must be a list", key);
    if (ty_value_count(v) > (size_t)max)
        return flow_st_fail(c, TY_E_LIMIT, "state.%s: more than %d %s", key, max, items);
    return TY_OK;
}

static int flow_read_stack(flow_cx *c, const ty_value *v) {
    int rc0 = flow_st_list(c, v, "stack", TY_FLOW_MAX_STACK, "suspended asks");
    if (rc0) return rc0;
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
    int rc0 = flow_st_list(c, v, "turns", TY_FLOW_MAX_TURNS, "turns");
    if (rc0) return rc0;
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

/* A fresh conversation (state null). */
static void flow_state_init(flow_cx *c) {
    flow_state *st = &c->st;
    st->conv.s = st->channel.s = NULL;
    st->conv.n = st->channel.n = 0;
    st->status = FLOW_ACTIVE;
    st->intent = st->flow = st->step = -1;
    st->check = FLOW_CHECK_NONE;
    st->check_intent = -1;
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

/* The version, checked as soon as the table has it (schema.h): a foreign
 * state says so rather than failing on a missing key. Owns nothing. */
static int flow_state_version(void *ctx, size_t i, const ty_value *v, const sc_path *p) {
    flow_cx *c = ctx;
    if (i != FLOW_K_V || (ty_value_kind(v) == TY_NUMBER && ty_value_number(v) == TY_FLOW_STATE_VERSION)) return TY_OK;
    char num[33] = "?";
    if (ty_value_kind(v) == TY_NUMBER) ty_format_number(ty_value_number(v), num);
    return sc_fail_key(p, "v", c->err, TY_DOMAIN_STATE, TY_E_STATE, "unsupported state version %s (this library reads %d)", num,
                   TY_FLOW_STATE_VERSION);
}

/* The owner (a state of another playbook says so rather than failing on a
 * detail), the playbook's version and the expiry. */
static int flow_read_owner(flow_cx *c, const ty_value *const *kv) {
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
    if (kv[FLOW_K_EXPIRES]) return flow_read_time(c, kv[FLOW_K_EXPIRES], "state.expires", false, &c->st.expires);
    return TY_OK;
}

/* The conversation id, the channel and the status. */
static int flow_read_ids(flow_cx *c, const ty_value *const *kv) {
    flow_state *st = &c->st;
    int r = flow_read_name(kv[FLOW_K_CONVERSATION], TY_FLOW_MAX_ID, &st->conv);
    if (r && ty_value_kind(kv[FLOW_K_CONVERSATION]) != TY_NULL)
        return flow_st_fail(c, TY_E_STATE, "state.conversation: must be text of at most %d bytes or null", TY_FLOW_MAX_ID);
    r = flow_read_name(kv[FLOW_K_CHANNEL], TY_FLOW_MAX_CHANNEL, &st->channel);
    if (r && ty_value_kind(kv[FLOW_K_CHANNEL]) != TY_NULL)
        return flow_st_fail(c, TY_E_STATE, "state.channel: must be text of at most %d bytes or null",
                            TY_FLOW_MAX_CHANNEL);
    size_t n;
    const char *s = ty_value_string(kv[FLOW_K_STATUS], &n);
    st->status = -1;
    for (int j = 0; s && j < FLOW_NSTATUS; j++)
        if (flow_eq(s, n, flow_status_names[j])) st->status = j;
    if (st->status < 0)
        return flow_st_fail(c, TY_E_STATE, "state.status: must be \"active\", \"opted_out\", \"handoff\" or \"closed\"");
    return TY_OK;
}

/* state.check_intent: the handoff intent a "handoff" check confirms (absent
 * or null: none, the playbook's first); one the playbook no longer has is
 * dropped as a stale intent is. */
static int flow_read_check_intent(flow_cx *c, const ty_value *v) {
    size_t n;
    if (!v || ty_value_kind(v) == TY_NULL) return TY_OK;
    const char *s = ty_value_string(v, &n);
    if (!s) return flow_st_fail(c, TY_E_STATE, "state.check_intent: must name an intent of this playbook or be null");
    if (c->st.check != FLOW_CHECK_HANDOFF)
        return flow_st_fail(c, TY_E_STATE, "state.check_intent: only a \"handoff\" check has one");
    int32_t i = flow_find_intent(c->pb, s, n);
    if (i >= 0 && c->pb->intents[i].does != TY_PB_DOES_HANDOFF)
        return flow_st_fail(c, TY_E_STATE, "state.check_intent: intent \"%.*s\" does not hand off",
                            (int)(n > 64 ? 64 : n), s);
    if (i < 0) {
        int rc = flow_stale(c, "state.check_intent: this playbook has no intent \"%.*s\"", (int)(n > 64 ? 64 : n), s);
        return rc == FLOW_DROPPED ? TY_OK : rc;
    }
    c->st.check_intent = i;
    return TY_OK;
}

/* Where the conversation is: its intent, the pending ask (flow and step)
 * and a confirming question ("check"). */
static int flow_read_position(flow_cx *c, const ty_value *const *kv) {
    flow_state *st = &c->st;
    size_t n;
    int rc;
    if (ty_value_kind(kv[FLOW_K_INTENT]) != TY_NULL) {
        const char *s = ty_value_string(kv[FLOW_K_INTENT], &n);
        if (!s) return flow_st_fail(c, TY_E_STATE, "state.intent: must name an intent of this playbook or be null");
        if ((st->intent = flow_find_intent(c->pb, s, n)) < 0 &&
            (rc = flow_stale(c, "state.intent: this playbook has no intent \"%.*s\"", (int)(n > 64 ? 64 : n), s)) !=
                FLOW_DROPPED)
            return rc;
    }
    rc = flow_read_pending(c, kv[FLOW_K_FLOW], kv[FLOW_K_STEP], "state", &st->flow, &st->step);
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
        const char *s = ty_value_string(kv[FLOW_K_CHECK], &n);
        for (int j = 1; s && j < FLOW_NCHECK; j++)
            if (flow_eq(s, n, flow_check_names[j])) st->check = j;
        if (!st->check)
            return flow_st_fail(c, TY_E_STATE, "state.check: must be \"opt_out\", \"handoff\" or null");
        if (st->status != FLOW_ACTIVE)
            return flow_st_fail(c, TY_E_STATE, "state.check: only an active conversation has one");
    }
    return flow_read_check_intent(c, kv[FLOW_K_CHECK_INTENT]);
}

/* What the pending ask carries (slots, options, suspended asks) and its
 * clock: when it was asked, reprompts, follow-ups, reminders, what is due,
 * the last event and the ids seen, each checked against the others. */
static int flow_read_progress(flow_cx *c, const ty_value *const *kv) {
    flow_state *st = &c->st;
    int rc;
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
    return TY_OK;
}

/* The customer's language and UTC offset. */
static int flow_read_locale(flow_cx *c, const ty_value *const *kv) {
    flow_state *st = &c->st;
    if (kv[FLOW_K_LOCALE]) {
        size_t n;
        const char *s = ty_value_string(kv[FLOW_K_LOCALE], &n);
        int rc;
        if (!s) return flow_st_fail(c, TY_E_STATE, "state.locale: must name a language of this playbook");
        if ((st->lang = ty_pb_lang_find(c->pb, s, n)) < 0 &&
            (rc = flow_stale(c, "state.locale: this playbook does not speak \"%.*s\"", (int)(n > 16 ? 16 : n), s)) !=
                FLOW_DROPPED)
            return rc;
    }
    if (ty_value_kind(kv[FLOW_K_UTC_OFFSET]) != TY_NULL) {
        if (ty_value_kind(kv[FLOW_K_UTC_OFFSET]) != TY_NUMBER || !flow_read_offset(kv[FLOW_K_UTC_OFFSET], &st->offset))
            return flow_st_fail(c, TY_E_STATE, "state.utc_offset: must be whole seconds within 14 hours of UTC, or null");
        st->has_offset = true;
    }
    return TY_OK;
}

/* Reads state s (NULL or null: a new conversation) into c->st, checking
 * every field against the playbook; TY_E_STATE (or TY_E_STALE, TY_E_LIMIT)
 * naming the first bad one. */
static int flow_state_read(flow_cx *c, const ty_value *s) {
    flow_state_init(c);
    if (!s || ty_value_kind(s) == TY_NULL) return TY_OK;
    if (ty_value_kind(s) != TY_MAP) return flow_st_fail(c, TY_E_STATE, "state: must be an object or null");
    if (!flow_json_fits(s, TY_FLOW_MAX_STATE_BYTES))
        return flow_st_fail(c, TY_E_LIMIT, "state: larger than %u bytes of JSON (or nested too deep)",
                            TY_FLOW_MAX_STATE_BYTES);
    const ty_value *kv[FLOW_NKEYS];
    sc_path p;
    sc_path_init(&p, "state");
    int rc;
    if ((rc = sc_check(&flow_state_schema, s, &p, c->err, kv, flow_state_version, c)) || (rc = flow_read_owner(c, kv)) || (rc = flow_read_ids(c, kv)) ||
        (rc = flow_read_position(c, kv)) || (rc = flow_read_progress(c, kv)) || (rc = flow_read_locale(c, kv)))
        return rc;
    return flow_read_turns(c, kv[FLOW_K_TURNS]);
}

/* ===================================================================== *
 * Writing a state
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
    if (st->check == FLOW_CHECK_HANDOFF && st->check_intent >= 0)
        flow_put(c, m, "check_intent", flow_v_intent(c, st->check_intent), rc);
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

/* A state past its "expires" (at or after it) is over: TY_E_EXPIRED. */
static int flow_check_expiry(flow_cx *c) {
    if (c->st.expires < 0 || c->ev.at < c->st.expires) return TY_OK;
    return flow_st_fail(c, TY_E_EXPIRED, "state.expires: the conversation expired at %lld; the event is at %lld "
                                         "(start a new conversation with state null)",
                        (long long)c->st.expires, (long long)c->ev.at);
}
