/*
 * pb_load.c — loading a playbook (docs/playbook.md): the JSON document in,
 * a validated, compiled ty_playbook (playbook.h) out, or an error naming
 * the JSON path.
 *
 * Loading validates the whole version-1 format in one pass over the parsed
 * document (every error names its JSON path and starts its message with it),
 * resolves every reference to an index, precomputes what matching needs
 * (normalised keywords and option names, the trained matcher) and compiles
 * every template. The result is immutable: pb_match.c and flow.c only read
 * it, so one playbook serves any number of threads.
 *
 * Included by csrc/tinyyes.c after playbook.c (whose shared helpers it
 * uses) and before pb_lang.c (the "languages" section, which uses the
 * pb_ctx helpers below).
 */
#include "playbook.h"
#include "flow.h"
#include "civil.h"
#include "judge.h" /* ty_judge_asks_change, ty_judge_has_after */
#include "text.h"
#include "payload.h" /* ty_id_bad_char */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <utf8proc.h>

/* ===================================================================== *
 * Tables
 * ===================================================================== */

static const char *const pb_does_names[] = {"opt_out", "handoff", "opt_in"};
static const int pb_does_values[] = {TY_PB_DOES_OPT_OUT, TY_PB_DOES_HANDOFF, TY_PB_DOES_OPT_IN};

/* The members of each object, in the order the messages list them and the
 * table check (schema.h) checks them; a kind or "required" is given where
 * the message for it is the table's ("must be a string", "required"). */
static const char *const pb_top_keys[] = {"tinyyes",   "id", "version", "name",      "locale",    "utc_offset",  "intents",
                                          "slots",     "templates", "flows",     "fallback",    "reprompts",
                                          "followups", "close_after", "quiet_hours", "followups_within_window",
                                          "date_order", "clock", "hours", "lead_time", "languages", "channels"};
static const char *const pb_intent_keys[] = {"examples", "keywords", "flow", "say", "does"};
static const char *const pb_slot_keys[] = {"type", "options", "options_from", "range", "hours", "date"};
static const char *const pb_weekday_keys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const pb_hours_keys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "closed", "exceptions"};
static const sc_member pb_option_members[] = {
    {"id", SC_STRING, true, NULL, NULL},
    {"title", SC_STRING, false, NULL, NULL},
    {"synonyms", SC_ANY, false, NULL, NULL},
    {"price", SC_NUMBER, false, "must be a number (what the option costs)", NULL}};
static const sc_member pb_template_members[] = {
    {"text", SC_STRING, true, NULL, NULL},
    {"variants", SC_LIST, false, "must be a list of strings", NULL},
    {"channels", SC_MAP, false, NULL, NULL}};
static const sc_member pb_flow_members[] = {{"steps", SC_LIST, true, "must be a list of steps", NULL},
                                            {"followups", SC_LIST, false, "must be a list of {after, say}", NULL}};
static const sc_member pb_step_members[] = {
    {"id", SC_STRING, true, NULL, NULL},  {"say", SC_STRING, false, NULL, NULL}, {"ask", SC_STRING, false, NULL, NULL},
    {"next", SC_ANY, false, NULL, NULL},  {"set", SC_MAP, false, NULL, NULL},    {"end", SC_STRING, false, NULL, NULL},
    {"remind", SC_LIST, false, "must be a list of {before, at, say}", NULL}};
static const sc_member pb_reminder_members[] = {
    {"before", SC_ANY, true, NULL, "required (how long before the booking, e.g. \"1d\" or \"2h\")"},
    {"at", SC_STRING, false, NULL, NULL},
    {"say", SC_STRING, true, NULL, NULL},
    {"date", SC_STRING, false, NULL, NULL},
    {"time", SC_STRING, false, NULL, NULL}};
static const sc_member pb_followup_members[] = {{"after", SC_ANY, true, NULL, NULL}, {"say", SC_STRING, true, NULL, NULL}};
static const sc_member pb_quiet_members[] = {{"from", SC_STRING, true, NULL, NULL}, {"to", SC_STRING, true, NULL, NULL}};
static const sc_member pb_wa_members[] = {
    {"name", SC_STRING, true, NULL, "required (the approved template's name)"},
    {"language", SC_STRING, true, NULL, "required (the approved template's language)"},
    {"parameters", SC_ANY, false, NULL, NULL}};
static const sc_member pb_chan_members[] = {{"whatsapp", SC_MAP, false, NULL, NULL}};
static const sc_member pb_wa_chan_members[] = {{"templates", SC_MAP, false, NULL, NULL}};

static const sc_schema pb_top_schema = PB_KEYS(pb_top_keys, SC_ANY, "$schema");
_Static_assert(PB_N(pb_top_keys) <= PB_MAX_MEMBERS, "pb_object's buffer holds the top level's members");
static const sc_schema pb_intent_schema = PB_KEYS(pb_intent_keys, SC_ANY, NULL);
static const sc_schema pb_slot_schema = PB_KEYS(pb_slot_keys, SC_ANY, NULL);
static const sc_schema pb_hours_schema = PB_KEYS(pb_hours_keys, SC_ANY, NULL);
static const sc_schema pb_channels_schema = PB_KEYS(api_channels, SC_STRING, NULL);
static const sc_schema pb_option_schema = PB_SCHEMA(pb_option_members);
static const sc_schema pb_template_schema = PB_SCHEMA(pb_template_members);
static const sc_schema pb_flow_schema = PB_SCHEMA(pb_flow_members);
static const sc_schema pb_step_schema = PB_SCHEMA(pb_step_members);
static const sc_schema pb_reminder_schema = PB_SCHEMA(pb_reminder_members);
static const sc_schema pb_followup_schema = PB_SCHEMA(pb_followup_members);
static const sc_schema pb_quiet_schema = PB_SCHEMA(pb_quiet_members);
static const sc_schema pb_wa_schema = PB_SCHEMA(pb_wa_members);
static const sc_schema pb_chan_schema = PB_SCHEMA(pb_chan_members);
static const sc_schema pb_wa_chan_schema = PB_SCHEMA(pb_wa_chan_members);

/* ===================================================================== *
 * Counting allocator (stats: bytes held by templates and the matcher)
 * ===================================================================== */

/* Each block carries its size in a header so free can subtract it; 16 bytes
 * keep the caller's alignment for any scalar type. */
#define PB_HDR 16u

/* Allocates n bytes (plus the size header) from the base allocator. */
static void *pb_hook_malloc(void *ctx, size_t n) {
    ty_pb_counter *k = ctx;
    if (n > SIZE_MAX - PB_HDR) return NULL;
    unsigned char *p = ty_mem_alloc(k->base, n + PB_HDR);
    if (!p) return NULL;
    memcpy(p, &n, sizeof n);
    k->live += n + PB_HDR;
    return p + PB_HDR;
}

/* Resizes a block from pb_hook_malloc; the header keeps the count right. */
static void *pb_hook_realloc(void *ctx, void *ptr, size_t old_n, size_t n) {
    ty_pb_counter *k = ctx;
    (void)old_n; /* the header knows the true size */
    if (!ptr) return pb_hook_malloc(ctx, n);
    if (n > SIZE_MAX - PB_HDR) return NULL;
    unsigned char *b = (unsigned char *)ptr - PB_HDR;
    size_t had;
    memcpy(&had, b, sizeof had);
    unsigned char *p = ty_mem_realloc(k->base, b, had + PB_HDR, n + PB_HDR);
    if (!p) return NULL;
    memcpy(p, &n, sizeof n);
    k->live = k->live - had + n;
    return p + PB_HDR;
}

/* Frees a block from pb_hook_malloc and subtracts it from the count. */
static void pb_hook_free(void *ctx, void *ptr) {
    ty_pb_counter *k = ctx;
    if (!ptr) return;
    unsigned char *b = (unsigned char *)ptr - PB_HDR;
    size_t had;
    memcpy(&had, b, sizeof had);
    k->live -= had + PB_HDR;
    ty_mem_free(k->base, b);
}

/* ===================================================================== *
 * Load context: JSON path, errors, name tables
 * ===================================================================== */

/* A name and its index, sorted by bytes (then index) for binary search. */
typedef struct pb_name {
    const char *s;
    size_t len;
    uint32_t idx;
} pb_name;

typedef struct pb_names {
    pb_name *v;
    size_t n;
} pb_names;

/* One keyword as read, before sorting and de-duplication. */
typedef struct pb_kw {
    const char *raw;
    size_t raw_len;
    const char *norm;
    size_t len;
    uint32_t intent;
    uint32_t k; /* index in the intent's "keywords" list (for the path) */
} pb_kw;

typedef struct pb_ctx {
    ty_playbook *pb;
    ty_error *err;
    ty_arena tmp; /* load-time scratch, released when load returns */
    const ty_value *root;
    size_t max_intents, max_examples;
    sc_path path; /* where the loader is: every error names it */
    pb_names slot_names, template_names, flow_names;
    ty_match_example *examples; /* borrowed from the parsed doc: the playbook's own, then each language's */
    size_t nexamples;
    size_t lang_examples[TY_PB_MAX_LANGS]; /* [1..nlang_examples]: where each language's examples start */
    size_t nlang_examples;
    pb_kw *kws;
    size_t nkws, kws_cap;
} pb_ctx;

/* The path helpers (schema.h) on the loader's path, which c owns. */
static size_t pb_push(pb_ctx *c, const char *key, size_t klen) { return sc_path_key(&c->path, key, klen); }
static size_t pb_push_s(pb_ctx *c, const char *key) { return sc_path_key_s(&c->path, key); }
static size_t pb_push_i(pb_ctx *c, size_t i) { return sc_path_index(&c->path, i); }
static void pb_pop(pb_ctx *c, size_t old) { sc_path_pop(&c->path, old); }

/* Reports an error at the current path (sc_fail); owns nothing. */
TY_PRINTF(3, 4) static int pb_fail(pb_ctx *c, int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int rc = sc_failv(&c->path, c->err, TY_DOMAIN_PLAYBOOK, code, fmt, ap);
    va_end(ap);
    return rc;
}

/* Reports out-of-memory (no path: it belongs to no part of the document). */
static int pb_nomem(pb_ctx *c) {
    if (c->err) c->err->path[0] = '\0';
    return ty_err_nomem(c->err, TY_DOMAIN_PLAYBOOK);
}

/* qsort order of name table entries: bytes, then document order. */
static int pb_name_cmp(const void *x, const void *y) {
    const pb_name *a = x, *b = y;
    int r = pb_bytes_cmp(a->s, a->len, b->s, b->len);
    if (r) return r;
    return a->idx < b->idx ? -1 : a->idx > b->idx ? 1 : 0;
}

/* Entry i of a name table, for pb_sorted_find. */
static const char *pb_name_at(const void *table, size_t i, size_t *len) {
    const pb_name *e = &((const pb_names *)table)->v[i];
    *len = e->len;
    return e->s;
}

/* Index of name in the table (the first one in document order), or -1. */
static int32_t pb_names_find(const pb_names *t, const char *s, size_t len) {
    size_t i = pb_sorted_find(t, t->n, pb_name_at, s, len);
    return i < t->n ? (int32_t)t->v[i].idx : -1;
}

/* True when (a, alen) equals the literal. */
static bool pb_streq(const char *a, size_t alen, const char *lit) {
    size_t n = strlen(lit);
    return alen == n && memcmp(a, lit, n) == 0;
}

/* Names (intent, slot, template, flow, step and option ids, outcomes):
 * letters and digits of any script, "_" and "-" — so they work unquoted in
 * Mustache tags, in "@flow" jumps and in paths. */
static bool pb_name_ok(const char *s, size_t len) {
    if (len == 0 || len > TY_PB_MAX_NAME) return false;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += (size_t)ty_utf8_decode(s, len, i, &cp);
        if (cp == '_' || cp == '-') continue;
        switch (utf8proc_category(cp)) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO:
        case UTF8PROC_CATEGORY_MN:
        case UTF8PROC_CATEGORY_MC:
        case UTF8PROC_CATEGORY_ND:
        case UTF8PROC_CATEGORY_NL:
        case UTF8PROC_CATEGORY_NO: break;
        default: return false;
        }
    }
    return true;
}

/* Errors at the current path unless s is a valid name. */
static int pb_check_name(pb_ctx *c, const char *s, size_t len) {
    if (pb_name_ok(s, len)) return TY_OK;
    pb_q q;
    return pb_fail(c, TY_E_SCHEMA, "%s is not a valid name (use letters, digits, \"_\" or \"-\", at most %d bytes)",
                   pb_quote(&q, s, len), TY_PB_MAX_NAME);
}

static char *pb_dup(pb_ctx *c, const char *s, size_t n) { return ty_arena_dup(&c->pb->arena, s, n); }

/* Errors at the current path unless v is an object. */
static int pb_need_map(pb_ctx *c, const ty_value *v) {
    return ty_value_kind(v) == TY_MAP ? TY_OK : pb_fail(c, TY_E_SCHEMA, "must be an object");
}

/* Errors at the current path unless v is an object that passes its table
 * (schema.h): no unknown key (typos must not pass silently), no required
 * member missing, none of the wrong kind. */
static int pb_object(pb_ctx *c, const ty_value *v, const sc_schema *s) {
    const ty_value *found[PB_MAX_MEMBERS];
    return sc_check(s, v, &c->path, c->err, found, NULL, NULL);
}

/* v as a non-blank string at the current path. */
static int pb_string(pb_ctx *c, const ty_value *v, const char **s, size_t *n) {
    if (ty_value_kind(v) != TY_STRING) return pb_fail(c, TY_E_SCHEMA, "must be a string");
    *s = ty_value_string(v, n);
    if (pb_blank(*s, *n)) return pb_fail(c, TY_E_SCHEMA, "must not be empty");
    return TY_OK;
}

/* map[key] as a non-blank string: 1 when present, 0 when absent, <0 on error. */
static int pb_opt_string(pb_ctx *c, const ty_value *map, const char *key, const char **s, size_t *n) {
    *s = NULL;
    *n = 0;
    const ty_value *v = ty_value_get(map, key, strlen(key));
    if (!v) return 0;
    size_t old = pb_push_s(c, key);
    int rc = pb_string(c, v, s, n);
    if (rc) return rc;
    pb_pop(c, old);
    return 1;
}

/* Checks s[0..n) as a playbook id or version: 1 to max bytes, no control
 * character. */
static int pb_label(pb_ctx *c, const char *key, const char *s, size_t n, size_t max) {
    int32_t cp;
    if (n <= max && ty_id_bad_char(s, n, &cp) == n) return TY_OK;
    pb_push_s(c, key);
    return pb_fail(c, TY_E_SCHEMA, "must be 1 to %zu bytes of text without control characters", max);
}

/* "id" and "version": pb->ident, what a state names its playbook by (the
 * id, else the name, else ""), and pb->version, which states record. */
static int pb_identity(pb_ctx *c, const ty_value *root) {
    ty_playbook *pb = c->pb;
    const char *s;
    size_t n;
    int rc = pb_opt_string(c, root, "id", &s, &n);
    if (rc < 0) return rc;
    if (rc) {
        if ((rc = pb_label(c, "id", s, n, 128))) return rc;
        if (!(pb->ident = pb_dup(c, s, n))) return pb_nomem(c);
        pb->ident_len = n;
    } else {
        pb->ident = pb->name ? pb->name : "";
        pb->ident_len = pb->name ? pb->name_len : 0;
    }
    const ty_value *v = ty_value_get(root, "version", 7);
    if (!v) return TY_OK;
    char num[33];
    if (ty_value_kind(v) == TY_NUMBER) {
        double x = ty_value_number(v);
        if (!(x >= 0 && x <= 9007199254740992.0 && x == floor(x))) {
            pb_push_s(c, "version");
            return pb_fail(c, TY_E_SCHEMA, "must be a string or a whole number >= 0");
        }
        ty_format_number(x, num);
        s = num;
        n = strlen(num);
    } else {
        size_t old = pb_push_s(c, "version");
        if ((rc = pb_string(c, v, &s, &n))) return rc;
        pb_pop(c, old);
        if ((rc = pb_label(c, "version", s, n, 64))) return rc;
    }
    if (!(pb->version = pb_dup(c, s, n))) return pb_nomem(c);
    pb->version_len = n;
    return TY_OK;
}

/* map[key] as a reference to a named thing; *idx -1 when absent. */
static int pb_opt_ref(pb_ctx *c, const ty_value *map, const char *key, const pb_names *t, const char *what,
                      int32_t *idx) {
    *idx = -1;
    const char *s;
    size_t n;
    int rc = pb_opt_string(c, map, key, &s, &n);
    if (rc <= 0) return rc;
    *idx = pb_names_find(t, s, n);
    if (*idx >= 0) return TY_OK;
    pb_push_s(c, key);
    pb_q q;
    return pb_fail(c, TY_E_SCHEMA, "unknown %s %s", what, pb_quote(&q, s, n));
}

/* v as a list of non-blank strings at the current path. */
static int pb_string_list(pb_ctx *c, const ty_value *v) {
    if (ty_value_kind(v) != TY_LIST) return pb_fail(c, TY_E_SCHEMA, "must be a list of strings");
    if (ty_value_count(v) == 0) return pb_fail(c, TY_E_SCHEMA, "must not be empty");
    for (size_t i = 0; i < ty_value_count(v); i++) {
        size_t old = pb_push_i(c, i);
        const char *s;
        size_t n;
        int rc = pb_string(c, ty_value_item(v, i), &s, &n);
        if (rc) return rc;
        pb_pop(c, old);
    }
    return TY_OK;
}

/* Builds a sorted name table from a map's keys (each checked as a name). */
static int pb_names_from_map(pb_ctx *c, const ty_value *map, pb_names *t) {
    t->n = ty_value_count(map);
    t->v = pb_calloc(&c->tmp, t->n, sizeof *t->v);
    if (!t->v) return pb_nomem(c);
    for (size_t i = 0; i < t->n; i++) {
        t->v[i].s = ty_value_key(map, i, &t->v[i].len);
        t->v[i].idx = (uint32_t)i;
        size_t old = pb_push(c, t->v[i].s, t->v[i].len);
        int rc = pb_check_name(c, t->v[i].s, t->v[i].len);
        if (rc) return rc;
        pb_pop(c, old);
    }
    if (t->n > 1) qsort(t->v, t->n, sizeof *t->v, pb_name_cmp);
    return TY_OK;
}

/* "en", "es", "pt-BR", "zh_Hant": 2-3 letters, then "-"/"_" subtags. */
static bool pb_locale_ok(const char *s, size_t len) {
    size_t i = 0;
    while (i < len && ty_is_alpha((unsigned char)s[i])) i++;
    if (i < 2 || i > 3) return false;
    while (i < len) {
        if (s[i] != '-' && s[i] != '_') return false;
        size_t st = ++i;
        while (i < len && (ty_is_alpha((unsigned char)s[i]) || ty_is_digit((unsigned char)s[i]))) i++;
        if (i - st < 1 || i - st > 8) return false;
    }
    return len <= 35;
}

/* ===================================================================== *
 * Sections
 * ===================================================================== */

/* Counts intents and examples before any costly work, so a playbook with a
 * million examples fails in the time it takes to count them. */
static int pb_check_limits(pb_ctx *c) {
    const ty_value *intents = ty_value_get(c->root, "intents", 7);
    if (ty_value_kind(intents) == TY_MAP) {
        size_t n = ty_value_count(intents), total = 0;
        if (n > c->max_intents) {
            sc_path_set(&c->path, "intents");
            return pb_fail(c, TY_E_LIMIT, "%zu intents, over the limit of %zu (max_intents)", n, c->max_intents);
        }
        for (size_t i = 0; i < n; i++) {
            const ty_value *ex = ty_value_get(ty_value_item(intents, i), "examples", 8);
            if (ty_value_kind(ex) == TY_LIST) total += ty_value_count(ex);
        }
        if (total > c->max_examples) {
            sc_path_set(&c->path, "intents");
            return pb_fail(c, TY_E_LIMIT, "%zu examples, over the limit of %zu (max_examples)", total,
                           c->max_examples);
        }
    }
    const ty_value *slots = ty_value_get(c->root, "slots", 5);
    if (ty_value_kind(slots) == TY_MAP && ty_value_count(slots) > TY_PLAYBOOK_MAX_SLOTS) {
        sc_path_set(&c->path, "slots");
        return pb_fail(c, TY_E_LIMIT, "%zu slots, over the limit of %u", ty_value_count(slots),
                       (unsigned)TY_PLAYBOOK_MAX_SLOTS);
    }
    return TY_OK;
}

/* An optional top-level key whose string value is one of names[0..n):
 * *out gets the matching values[i]; absent leaves *out as it is. */
static int pb_load_enum(pb_ctx *c, const char *key, const char *const *names, const int *values, size_t n,
                        int *out) {
    const ty_value *v = ty_value_get(c->root, key, strlen(key));
    if (!v) return TY_OK;
    pb_push_s(c, key);
    size_t len;
    const char *s = ty_value_string(v, &len);
    for (size_t i = 0; s && i < n; i++) {
        if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0) {
            *out = values[i];
            pb_pop(c, 0);
            return TY_OK;
        }
    }
    char list[96] = "";
    for (size_t i = 0; i < n; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s\"%s\"", i == 0 ? "" : i + 1 == n ? " or " : ", ",
                 names[i]);
    if (!s) return pb_fail(c, TY_E_SCHEMA, "must be a string: %s", list);
    pb_q q;
    return pb_fail(c, TY_E_SCHEMA, "%s is not one of %s", pb_quote(&q, s, len), list);
}

/* The optional "date_order" ("dmy", "mdy", "ymd"): how numeric dates
 * read; the locale decides when it is absent. */
static int pb_load_date_order(pb_ctx *c) {
    static const char *const names[] = {"dmy", "mdy", "ymd"};
    static const int values[] = {TY_DATE_ORDER_DMY, TY_DATE_ORDER_MDY, TY_DATE_ORDER_YMD};
    return pb_load_enum(c, "date_order", names, values, PB_N(names), &c->pb->date_order);
}

/* The optional "clock" ("12h", "24h"): how times are written to
 * customers; the locale decides when it is absent. */
static int pb_load_clock(pb_ctx *c) {
    static const char *const names[] = {"12h", "24h"};
    static const int values[] = {12, 24};
    return pb_load_enum(c, "clock", names, values, PB_N(names), &c->pb->clock);
}

/* Top-level keys, version, limits, name, locale, utc_offset and the
 * name tables of slots, templates and flows. */
static int pb_load_header(pb_ctx *c) {
    ty_playbook *pb = c->pb;
    const ty_value *root = c->root;
    int rc = pb_object(c, root, &pb_top_schema);
    if (rc) return rc;
    const ty_value *schema = ty_value_get(root, "$schema", 7);
    if (schema && ty_value_kind(schema) != TY_STRING) {
        pb_push_s(c, "$schema");
        return pb_fail(c, TY_E_SCHEMA, "must be a string (the address of the playbook's JSON Schema)");
    }
    const ty_value *ver = ty_value_get(root, "tinyyes", 7);
    pb_push_s(c, "tinyyes");
    if (!ver) return pb_fail(c, TY_E_SCHEMA, "required (the format version: \"tinyyes\": 1)");
    if (ty_value_kind(ver) != TY_NUMBER) return pb_fail(c, TY_E_SCHEMA, "must be the number 1");
    if (ty_value_number(ver) != 1) {
        char num[33];
        ty_format_number(ty_value_number(ver), num);
        return pb_fail(c, TY_E_SCHEMA, "unsupported version %s (this library reads version 1)", num);
    }
    pb_pop(c, 0);

    rc = pb_check_limits(c);
    if (rc) return rc;

    const char *s;
    size_t n;
    rc = pb_opt_string(c, root, "name", &s, &n);
    if (rc < 0) return rc;
    if (rc && !(pb->name = pb_dup(c, s, n))) return pb_nomem(c);
    pb->name_len = n;
    if ((rc = pb_identity(c, root))) return rc;

    pb->locale = ty_locale_default();
    rc = pb_opt_string(c, root, "locale", &s, &n);
    if (rc < 0) return rc;
    if (rc) {
        if (!pb_locale_ok(s, n)) {
            pb_q q;
            pb_push_s(c, "locale");
            return pb_fail(c, TY_E_SCHEMA, "%s is not a locale code (e.g. \"en\", \"es\", \"pt-BR\")",
                           pb_quote(&q, s, n));
        }
        if (!(pb->locale_code = pb_dup(c, s, n))) return pb_nomem(c);
        pb->locale_code_len = n;
        const ty_locale *loc = ty_locale_find(s, n);
        /* a conversation needs our words in its language; matching intents
         * and options does not, so a playbook without templates or flows may
         * carry any well-formed code */
        bool speaks = ty_value_get(root, "templates", 9) || ty_value_get(root, "flows", 5);
        if (!loc && speaks) {
            pb_q q;
            pb_push_s(c, "locale");
            return pb_fail(c, TY_E_SCHEMA,
                           "%s is not a language tinyyes speaks (\"en\" or \"es\"); only a playbook without "
                           "templates and flows may use another",
                           pb_quote(&q, s, n));
        }
        if (loc) pb->locale = loc;
    }
    ty_locale_index_build(pb->locale, &pb->locale_index);
    pb->judge = ty_judge_lex_for(pb->locale->code, strlen(pb->locale->code));
    pb->words = ty_words_for(pb->locale->code, strlen(pb->locale->code));
    ty_judge_index_build(&pb->judge_index);

    const ty_value *off = ty_value_get(root, "utc_offset", 10);
    if (off) {
        pb_push_s(c, "utc_offset");
        s = ty_value_string(off, &n);
        if (!s) return pb_fail(c, TY_E_SCHEMA, "must be a string like \"+01:00\"");
        if (!ty_pb_parse_utc_offset(s, n, &pb->utc_offset)) {
            pb_q q;
            return pb_fail(c, TY_E_SCHEMA,
                           "%s is not a UTC offset (use \"+01:00\" or \"-05:30\", from -14:00 to +14:00)",
                           pb_quote(&q, s, n));
        }
        pb_pop(c, 0);
    }

    rc = pb_load_date_order(c);
    if (!rc) rc = pb_load_clock(c);
    if (rc) return rc;

    /* section types and name tables, so references resolve in any order */
    static const char *const maps[] = {"intents", "slots", "templates", "flows"};
    pb_names *tables[] = {NULL, &c->slot_names, &c->template_names, &c->flow_names};
    for (size_t i = 0; i < PB_N(maps); i++) {
        const ty_value *m = ty_value_get(root, maps[i], strlen(maps[i]));
        if (!m) continue;
        pb_push_s(c, maps[i]);
        if ((rc = pb_need_map(c, m))) return rc;
        if (tables[i] && (rc = pb_names_from_map(c, m, tables[i]))) return rc;
        pb_pop(c, 0);
    }
    return TY_OK;
}

/* Normalised form of s in the playbook arena; an error when nothing is left
 * to match (only punctuation or spaces). */
static int pb_norm(pb_ctx *c, const char *s, size_t n, const char **norm, size_t *norm_len) {
    char *out = ty_text_normalize(s, n, &c->pb->arena, norm_len);
    if (!out) return pb_nomem(c);
    if (*norm_len == 0) {
        pb_q q;
        return pb_fail(c, TY_E_SCHEMA, "%s has nothing to match (only punctuation or spaces)", pb_quote(&q, s, n));
    }
    *norm = out;
    return TY_OK;
}

/* One entry of a choice slot's name index (titles and synonyms). */
typedef struct pb_optname {
    const char *norm;
    size_t len;
    uint32_t option;
    int32_t which; /* -1: title, else synonym index */
} pb_optname;

/* qsort order of option names: normalised bytes, then document order. */
static int pb_optname_cmp(const void *x, const void *y) {
    const pb_optname *a = x, *b = y;
    int r = pb_bytes_cmp(a->norm, a->len, b->norm, b->len);
    if (r) return r;
    if (a->option != b->option) return a->option < b->option ? -1 : 1;
    return a->which < b->which ? -1 : a->which > b->which ? 1 : 0;
}

/* Two options answering to the same words would make answers ambiguous:
 * reports the first such name in document order. */
static int pb_check_option_names(pb_ctx *c, const ty_slot *slot) {
    size_t total = 0;
    for (size_t o = 0; o < slot->noptions; o++) total += 1 + slot->options[o].nsynonyms;
    pb_optname *v = pb_calloc(&c->tmp, total, sizeof *v);
    if (!v) return pb_nomem(c);
    size_t k = 0;
    for (size_t o = 0; o < slot->noptions; o++) {
        const ty_option *op = &slot->options[o];
        v[k++] = (pb_optname){op->norm_title, op->norm_title_len, (uint32_t)o, -1};
        for (size_t s = 0; s < op->nsynonyms; s++)
            v[k++] = (pb_optname){op->norm_synonyms[s], op->norm_synonym_lens[s], (uint32_t)o, (int32_t)s};
    }
    qsort(v, total, sizeof *v, pb_optname_cmp);
    const pb_optname *bad = NULL, *first = NULL;
    for (size_t i = 0; i < total;) {
        size_t j = i + 1;
        while (j < total && pb_bytes_cmp(v[j].norm, v[j].len, v[i].norm, v[i].len) == 0) j++;
        for (size_t m = i + 1; m < j; m++) {
            if (v[m].option == v[i].option) continue;
            if (!bad || v[m].option < bad->option || (v[m].option == bad->option && v[m].which < bad->which)) {
                bad = &v[m];
                first = &v[i];
            }
            break;
        }
        i = j;
    }
    if (!bad) return TY_OK;
    const ty_option *op = &slot->options[bad->option];
    const ty_option *other = &slot->options[first->option];
    const char *raw = bad->which < 0 ? op->title : op->synonyms[bad->which];
    if (bad->which < 0) sc_path_set(&c->path, "slots.%s.options[%u].title", slot->name, bad->option);
    else sc_path_set(&c->path, "slots.%s.options[%u].synonyms[%d]", slot->name, bad->option, bad->which);
    pb_q q, q2;
    return pb_fail(c, TY_E_SCHEMA, "%s also names option %s", pb_quote(&q, raw, strlen(raw)),
                   pb_quote(&q2, other->id, other->id_len));
}

/* An option's title s[0..n) and the "synonyms" of ov, with their
 * normalised forms (the option's own, or a translation's); the path is
 * popped to `base` once the title is read. */
static int pb_option_words(pb_ctx *c, const ty_value *ov, ty_option *op, const char *s, size_t n, size_t base) {
    int rc;
    if (!(op->title = pb_dup(c, s, n))) return pb_nomem(c);
    op->title_len = n;
    if ((rc = pb_norm(c, s, n, &op->norm_title, &op->norm_title_len))) return rc;
    pb_pop(c, base);
    op->synonyms = NULL;
    op->norm_synonyms = NULL;
    op->norm_synonym_lens = NULL;
    op->nsynonyms = 0;
    const ty_value *syn = ty_value_get(ov, "synonyms", 8);
    if (!syn) return TY_OK;
    size_t old = pb_push_s(c, "synonyms");
    if ((rc = pb_string_list(c, syn))) return rc;
    size_t ns = ty_value_count(syn);
    op->synonyms = pb_calloc(&c->pb->arena, ns, sizeof *op->synonyms);
    op->norm_synonyms = pb_calloc(&c->pb->arena, ns, sizeof *op->norm_synonyms);
    op->norm_synonym_lens = pb_calloc(&c->pb->arena, ns, sizeof *op->norm_synonym_lens);
    if (!op->synonyms || !op->norm_synonyms || !op->norm_synonym_lens) return pb_nomem(c);
    for (size_t i = 0; i < ns; i++) {
        s = ty_value_string(ty_value_item(syn, i), &n);
        size_t o2 = pb_push_i(c, i);
        if (!(op->synonyms[i] = pb_dup(c, s, n))) return pb_nomem(c);
        if ((rc = pb_norm(c, s, n, &op->norm_synonyms[i], &op->norm_synonym_lens[i]))) return rc;
        pb_pop(c, o2);
    }
    op->nsynonyms = ns;
    pb_pop(c, old);
    return TY_OK;
}

/* One static option of a choice slot: id, title, synonyms (normalised into
 * the playbook arena); prev holds the options already read. */
static int pb_load_option(pb_ctx *c, const ty_value *ov, ty_option *op, const ty_option *prev, size_t nprev) {
    int rc;
    if ((rc = pb_object(c, ov, &pb_option_schema))) return rc;
    const char *s;
    size_t n;
    rc = pb_opt_string(c, ov, "id", &s, &n);
    if (rc < 0) return rc;
    size_t old = pb_push_s(c, "id");
    if ((rc = pb_check_name(c, s, n))) return rc;
    for (size_t p = 0; p < nprev; p++) {
        if (prev[p].id_len == n && memcmp(prev[p].id, s, n) == 0) {
            pb_q q;
            return pb_fail(c, TY_E_SCHEMA, "duplicate option id %s", pb_quote(&q, s, n));
        }
    }
    pb_pop(c, old);
    if (!(op->id = pb_dup(c, s, n))) return pb_nomem(c);
    op->id_len = n;
    const ty_value *price = ty_value_get(ov, "price", 5);
    if (price && !(op->has_price = ty_pb_option_price(price, &op->price))) { /* (the schema checked it is a number) */
        pb_push_s(c, "price");
        return pb_fail(c, TY_E_SCHEMA, "must be a number of 0 or more (what the option costs)");
    }
    rc = pb_opt_string(c, ov, "title", &s, &n);
    if (rc < 0) return rc;
    old = pb_push_s(c, rc ? "title" : "id");
    if (rc == 0) { /* the id doubles as the title */
        s = op->id;
        n = op->id_len;
    }
    return pb_option_words(c, ov, op, s, n, old);
}

/* A date or time slot's "range", "hours" and "date" keys (the date slot's
 * index is resolved by pb_link_time_slots once every slot is loaded). */
static int pb_load_slot_when(pb_ctx *c, const ty_value *sv, ty_slot *slot) {
    static const char *const ranges[] = {"future", "past", "any"};
    slot->range = TY_RANGE_FUTURE;
    slot->hours = true;
    slot->date_slot = -1;
    const ty_value *range = ty_value_get(sv, "range", 5), *hours = ty_value_get(sv, "hours", 5);
    const ty_value *date = ty_value_get(sv, "date", 4);
    bool dated = slot->type == TY_SLOT_DATE, timed = slot->type == TY_SLOT_TIME;
    if ((range && !dated) || (hours && !dated && !timed) || (date && !timed)) {
        pb_push_s(c, range && !dated ? "range" : hours && !dated && !timed ? "hours" : "date");
        return pb_fail(c, TY_E_SCHEMA, "only %s slots have this key",
                       range && !dated ? "date" : hours && !dated && !timed ? "date and time" : "time");
    }
    if (range) {
        pb_push_s(c, "range");
        size_t n;
        const char *s = ty_value_string(range, &n);
        int k = -1;
        for (int i = 0; s && i < 3; i++)
            if (strlen(ranges[i]) == n && memcmp(ranges[i], s, n) == 0) k = i;
        if (k < 0) return pb_fail(c, TY_E_SCHEMA, "must be \"future\", \"past\" or \"any\"");
        slot->range = k;
        pb_pop(c, 0);
    }
    if (hours) {
        pb_push_s(c, "hours");
        if (ty_value_kind(hours) != TY_TRUE && ty_value_kind(hours) != TY_FALSE)
            return pb_fail(c, TY_E_SCHEMA, "must be true or false");
        slot->hours = ty_value_kind(hours) == TY_TRUE;
        pb_pop(c, 0);
    }
    int rc = date ? pb_opt_ref(c, sv, "date", &c->slot_names, "slot", &slot->date_slot) : TY_OK;
    return rc;
}

/* A time slot is on the date slot its "date" names, else on the
 * playbook's only date slot when there is exactly one. */
static int pb_link_time_slots(pb_ctx *c) {
    ty_playbook *pb = c->pb;
    int32_t only = -1;
    size_t ndates = 0;
    for (size_t i = 0; i < pb->nslots; i++)
        if (pb->slots[i].type == TY_SLOT_DATE) only = (int32_t)i, ndates++;
    for (size_t i = 0; i < pb->nslots; i++) {
        ty_slot *slot = &pb->slots[i];
        if (slot->type != TY_SLOT_TIME) continue;
        if (slot->date_slot < 0) {
            slot->date_slot = ndates == 1 ? only : -1;
        } else if (pb->slots[slot->date_slot].type != TY_SLOT_DATE) {
            pb_push_s(c, "slots");
            pb_push(c, slot->name, slot->name_len);
            pb_push_s(c, "date");
            return pb_fail(c, TY_E_SCHEMA, "\"%s\" is not a date slot", pb->slots[slot->date_slot].name);
        }
    }
    return TY_OK;
}

/* One slot definition: type and, for choice, its options or options_from. */
static int pb_load_slot(pb_ctx *c, const ty_value *sv, ty_slot *slot) {
    int rc;
    if ((rc = pb_object(c, sv, &pb_slot_schema))) return rc;
    const char *s;
    size_t n;
    rc = pb_opt_string(c, sv, "type", &s, &n);
    if (rc < 0) return rc;
    size_t old = pb_push_s(c, "type");
    char list[160];
    size_t ln = 0;
    for (int t = 0; t < TY_SLOT_TYPE_COUNT; t++) {
        int w = snprintf(list + ln, sizeof list - ln, "%s%s", t ? ", " : "", ty_slot_type_name(t));
        if (w > 0 && (size_t)w < sizeof list - ln) ln += (size_t)w;
    }
    if (rc == 0) return pb_fail(c, TY_E_SCHEMA, "required (one of %s)", list);
    slot->type = ty_slot_type_parse(s, n);
    if (slot->type < 0) {
        pb_q q;
        return pb_fail(c, TY_E_SCHEMA, "unknown slot type %s (allowed: %s)", pb_quote(&q, s, n), list);
    }
    pb_pop(c, old);

    if ((rc = pb_load_slot_when(c, sv, slot))) return rc;
    const ty_value *opts = ty_value_get(sv, "options", 7);
    const ty_value *from = ty_value_get(sv, "options_from", 12);
    if (slot->type != TY_SLOT_CHOICE) {
        if (opts || from) {
            pb_push_s(c, opts ? "options" : "options_from");
            return pb_fail(c, TY_E_SCHEMA, "only choice slots have options");
        }
        return TY_OK;
    }
    if (!opts && !from) return pb_fail(c, TY_E_SCHEMA, "a choice slot needs \"options\" or \"options_from\"");
    if (opts && from) {
        pb_push_s(c, "options_from");
        return pb_fail(c, TY_E_SCHEMA, "\"options\" and \"options_from\" cannot both be set");
    }
    if (from) {
        rc = pb_opt_string(c, sv, "options_from", &s, &n);
        if (rc < 0) return rc;
        if (!(slot->options_from = pb_dup(c, s, n))) return pb_nomem(c);
        slot->options_from_len = n;
        return TY_OK;
    }
    old = pb_push_s(c, "options");
    if (ty_value_kind(opts) != TY_LIST) return pb_fail(c, TY_E_SCHEMA, "must be a list of options");
    size_t no = ty_value_count(opts);
    if (no < 2) return pb_fail(c, TY_E_SCHEMA, "a choice needs at least two options");
    ty_option *ops = pb_calloc(&c->pb->arena, no, sizeof *ops);
    if (!ops) return pb_nomem(c);
    for (size_t i = 0; i < no; i++) {
        size_t o2 = pb_push_i(c, i);
        if ((rc = pb_load_option(c, ty_value_item(opts, i), &ops[i], ops, i))) return rc;
        pb_pop(c, o2);
    }
    pb_pop(c, old);
    slot->options = ops;
    slot->noptions = no;
    return pb_check_option_names(c, slot);
}

/* The "slots" section into pb->slots (document order). */
static int pb_load_slots(pb_ctx *c) {
    const ty_value *m = ty_value_get(c->root, "slots", 5);
    size_t n = ty_value_count(m);
    if (!m || n == 0) return TY_OK;
    ty_playbook *pb = c->pb;
    pb->slots = pb_calloc(&pb->arena, n, sizeof *pb->slots);
    if (!pb->slots) return pb_nomem(c);
    pb->nslots = n;
    size_t old = pb_push_s(c, "slots");
    for (size_t i = 0; i < n; i++) {
        ty_slot *slot = &pb->slots[i];
        const char *k = ty_value_key(m, i, &slot->name_len);
        if (!(slot->name = pb_dup(c, k, slot->name_len))) return pb_nomem(c);
        size_t o2 = pb_push(c, k, slot->name_len);
        int rc = pb_load_slot(c, ty_value_item(m, i), slot);
        if (rc) return rc;
        pb_pop(c, o2);
    }
    pb_pop(c, old);
    return pb_link_time_slots(c);
}

/* Templates: structure now, compilation after all cheap checks passed. */
/* One template's shape (a string, or {text, variants, channels}) into t's
 * sources; compiled later by pb_compile_template. */
static int pb_parse_template(pb_ctx *c, const ty_value *tv, ty_pb_template *t) {
    ty_playbook *pb = c->pb;
    const char *s;
    size_t sn;
    int rc;
    if (ty_value_kind(tv) == TY_STRING) {
        if ((rc = pb_string(c, tv, &s, &sn))) return rc;
        if (!(t->source = pb_dup(c, s, sn))) return pb_nomem(c);
        t->source_len = sn;
    } else if (ty_value_kind(tv) == TY_MAP) {
        if ((rc = pb_object(c, tv, &pb_template_schema))) return rc;
        t->object = true;
        rc = pb_opt_string(c, tv, "text", &s, &sn);
        if (rc < 0) return rc;
        if (!(t->source = pb_dup(c, s, sn))) return pb_nomem(c);
        t->source_len = sn;
        const ty_value *var = ty_value_get(tv, "variants", 8);
        if (var) {
            size_t o3 = pb_push_s(c, "variants");
            if ((rc = pb_string_list(c, var))) return rc;
            pb_pop(c, o3);
            t->nvariants = ty_value_count(var);
            t->variants = pb_calloc(&pb->arena, t->nvariants, sizeof *t->variants);
            t->variant_sources = pb_calloc(&pb->arena, t->nvariants, sizeof *t->variant_sources);
            t->variant_source_lens = pb_calloc(&pb->arena, t->nvariants, sizeof *t->variant_source_lens);
            if (!t->variants || !t->variant_sources || !t->variant_source_lens) return pb_nomem(c);
            for (size_t j = 0; j < t->nvariants; j++) {
                const char *vs = ty_value_string(ty_value_item(var, j), &t->variant_source_lens[j]);
                if (!(t->variant_sources[j] = pb_dup(c, vs, t->variant_source_lens[j]))) return pb_nomem(c);
            }
        }
        const ty_value *ch = ty_value_get(tv, "channels", 8);
        if (ch) {
            size_t o3 = pb_push_s(c, "channels");
            if ((rc = pb_object(c, ch, &pb_channels_schema))) return rc;
            for (size_t j = 0; j < ty_value_count(ch); j++) {
                size_t kl;
                const char *ck = ty_value_key(ch, j, &kl);
                size_t o4 = pb_push(c, ck, kl);
                if ((rc = pb_string(c, ty_value_item(ch, j), &s, &sn))) return rc;
                int chn = ty_pb_channel_parse(ck, kl);
                if (!(t->channel_sources[chn] = pb_dup(c, s, sn))) return pb_nomem(c);
                t->channel_source_lens[chn] = sn;
                pb_pop(c, o4);
            }
            pb_pop(c, o3);
        }
    } else {
        return pb_fail(c, TY_E_SCHEMA, "must be a string or an object {text, variants, channels}");
    }
    return TY_OK;
}

static int pb_check_templates(pb_ctx *c) {
    const ty_value *m = ty_value_get(c->root, "templates", 9);
    size_t n = ty_value_count(m);
    if (!m || n == 0) return TY_OK;
    ty_playbook *pb = c->pb;
    pb->templates = pb_calloc(&pb->arena, n, sizeof *pb->templates);
    if (!pb->templates) return pb_nomem(c);
    pb->ntemplates = n;
    size_t old = pb_push_s(c, "templates");
    for (size_t i = 0; i < n; i++) {
        ty_pb_template *t = &pb->templates[i];
        const char *k = ty_value_key(m, i, &t->name_len);
        if (!(t->name = pb_dup(c, k, t->name_len))) return pb_nomem(c);
        size_t o2 = pb_push(c, k, t->name_len);
        int rc = pb_parse_template(c, ty_value_item(m, i), t);
        if (rc) return rc;
        pb_pop(c, o2);
    }
    pb_pop(c, old);
    return TY_OK;
}

/* Appends one keyword (normalised) to the load-time list. */
static int pb_add_keyword(pb_ctx *c, const char *s, size_t n, uint32_t intent, uint32_t k) {
    if (c->nkws == c->kws_cap) {
        size_t cap = c->kws_cap ? c->kws_cap * 2 : 16;
        pb_kw *v = pb_calloc(&c->tmp, cap, sizeof *v);
        if (!v) return pb_nomem(c);
        if (c->nkws) memcpy(v, c->kws, c->nkws * sizeof *v);
        c->kws = v;
        c->kws_cap = cap;
    }
    pb_kw *kw = &c->kws[c->nkws];
    kw->raw = s;
    kw->raw_len = n;
    kw->intent = intent;
    kw->k = k;
    int rc = pb_norm(c, s, n, &kw->norm, &kw->len);
    if (rc) return rc;
    c->nkws++;
    return TY_OK;
}

/* One intent: examples (borrowed for training), keywords, flow/say/does. */
static int pb_load_intent(pb_ctx *c, const ty_value *iv, uint32_t index) {
    ty_pb_intent *in = &c->pb->intents[index];
    int rc;
    if ((rc = pb_object(c, iv, &pb_intent_schema))) return rc;
    const ty_value *ex = ty_value_get(iv, "examples", 8);
    const ty_value *kw = ty_value_get(iv, "keywords", 8);
    if (!ex && !kw) return pb_fail(c, TY_E_SCHEMA, "needs \"examples\" or \"keywords\"");
    if (ex) {
        size_t old = pb_push_s(c, "examples");
        if ((rc = pb_string_list(c, ex))) return rc;
        pb_pop(c, old);
        for (size_t i = 0; i < ty_value_count(ex); i++) {
            ty_match_example *e = &c->examples[c->nexamples++];
            e->intent = index;
            e->text = ty_value_string(ty_value_item(ex, i), &e->len);
            size_t nn;
            const char *norm = ty_text_normalize(e->text, e->len, &c->tmp, &nn);
            if (!norm) return pb_nomem(c);
            in->nchanges += ty_judge_asks_change(norm, nn, false);
        }
        in->nexamples = (uint32_t)ty_value_count(ex);
    }
    if (kw) {
        size_t old = pb_push_s(c, "keywords");
        if ((rc = pb_string_list(c, kw))) return rc;
        for (size_t i = 0; i < ty_value_count(kw); i++) {
            size_t n;
            const char *s = ty_value_string(ty_value_item(kw, i), &n);
            size_t o2 = pb_push_i(c, i);
            if ((rc = pb_add_keyword(c, s, n, index, (uint32_t)i))) return rc;
            pb_pop(c, o2);
        }
        pb_pop(c, old);
    }
    if ((rc = pb_opt_ref(c, iv, "flow", &c->flow_names, "flow", &in->flow))) return rc;
    if ((rc = pb_opt_ref(c, iv, "say", &c->template_names, "template", &in->say))) return rc;
    const char *s;
    size_t n;
    rc = pb_opt_string(c, iv, "does", &s, &n);
    if (rc < 0) return rc;
    if (rc) {
        size_t o = pb_push_s(c, "does");
        for (size_t d = 0; d < PB_N(pb_does_names) && !in->does; d++)
            if (pb_streq(s, n, pb_does_names[d])) in->does = pb_does_values[d];
        pb_q q;
        if (!in->does)
            return pb_fail(c, TY_E_SCHEMA, "unknown behaviour %s (allowed: opt_out, handoff, opt_in)",
                           pb_quote(&q, s, n));
        if (in->flow >= 0) return pb_fail(c, TY_E_SCHEMA, "\"does\" and \"flow\" cannot both be set");
        pb_pop(c, o);
    }
    if (in->flow >= 0 && in->say >= 0) {
        pb_push_s(c, "say");
        return pb_fail(c, TY_E_SCHEMA, "\"say\" and \"flow\" cannot both be set (the flow's first step speaks)");
    }
    return TY_OK;
}

/* qsort order of keywords: normalised bytes, then document order. */
static int pb_kw_cmp(const void *x, const void *y) {
    const pb_kw *a = x, *b = y;
    int r = pb_bytes_cmp(a->norm, a->len, b->norm, b->len);
    if (r) return r;
    if (a->intent != b->intent) return a->intent < b->intent ? -1 : 1;
    return a->k < b->k ? -1 : a->k > b->k ? 1 : 0;
}

/* Sorts the keywords for lookup; a keyword of two intents is an error (the
 * first such in document order), repeats within one intent are dropped. */
static int pb_finish_keywords(pb_ctx *c) {
    ty_playbook *pb = c->pb;
    if (c->nkws == 0) return TY_OK;
    qsort(c->kws, c->nkws, sizeof *c->kws, pb_kw_cmp);
    const pb_kw *bad = NULL, *owner = NULL;
    size_t unique = 0;
    for (size_t i = 0; i < c->nkws;) {
        size_t j = i + 1;
        while (j < c->nkws && pb_bytes_cmp(c->kws[j].norm, c->kws[j].len, c->kws[i].norm, c->kws[i].len) == 0) j++;
        for (size_t m = i + 1; m < j; m++) {
            if (c->kws[m].intent == c->kws[i].intent) continue;
            if (!bad || c->kws[m].intent < bad->intent || (c->kws[m].intent == bad->intent && c->kws[m].k < bad->k)) {
                bad = &c->kws[m];
                owner = &c->kws[i];
            }
            break;
        }
        unique++;
        i = j;
    }
    if (bad) {
        const ty_pb_intent *in = &pb->intents[bad->intent], *other = &pb->intents[owner->intent];
        sc_path_set(&c->path, "intents.%s.keywords[%u]", in->name, bad->k);
        pb_q q, q2;
        return pb_fail(c, TY_E_SCHEMA, "%s is already a keyword of intent %s", pb_quote(&q, bad->raw, bad->raw_len),
                       pb_quote(&q2, other->name, other->name_len));
    }
    pb->keywords = pb_calloc(&pb->arena, unique, sizeof *pb->keywords);
    if (!pb->keywords) return pb_nomem(c);
    for (size_t i = 0; i < c->nkws; i++) {
        if (i && pb_bytes_cmp(c->kws[i].norm, c->kws[i].len, c->kws[i - 1].norm, c->kws[i - 1].len) == 0) continue;
        ty_pb_keyword *k = &pb->keywords[pb->nkeywords++];
        k->norm = c->kws[i].norm;
        k->len = c->kws[i].len;
        k->intent = c->kws[i].intent;
        pb->intents[k->intent].nkeywords++;
    }
    return TY_OK;
}

/* The "intents" section into pb->intents, then the keyword index. */
static int pb_load_intents(pb_ctx *c) {
    const ty_value *m = ty_value_get(c->root, "intents", 7);
    size_t n = ty_value_count(m);
    if (!m || n == 0) return TY_OK;
    ty_playbook *pb = c->pb;
    pb->intents = pb_calloc(&pb->arena, n, sizeof *pb->intents);
    if (!pb->intents) return pb_nomem(c);
    pb->nintents = n;
    size_t total = 0; /* bounded by the limits check */
    for (size_t i = 0; i < n; i++) {
        const ty_value *ex = ty_value_get(ty_value_item(m, i), "examples", 8);
        if (ty_value_kind(ex) == TY_LIST) total += ty_value_count(ex);
    }
    total += pbl_example_count(c); /* translations' examples join their intents */
    c->examples = pb_calloc(&c->tmp, total, sizeof *c->examples);
    if (!c->examples) return pb_nomem(c);
    size_t old = pb_push_s(c, "intents");
    for (size_t i = 0; i < n; i++) {
        ty_pb_intent *in = &pb->intents[i];
        const char *k = ty_value_key(m, i, &in->name_len);
        if (!(in->name = pb_dup(c, k, in->name_len))) return pb_nomem(c);
        in->flow = in->say = -1;
        size_t o2 = pb_push(c, k, in->name_len);
        int rc = pb_check_name(c, k, in->name_len);
        if (!rc) rc = pb_load_intent(c, ty_value_item(m, i), (uint32_t)i);
        if (rc) return rc;
        pb_pop(c, o2);
    }
    pb_pop(c, old);
    int rc = pbl_load_intents(c);
    if (rc) return rc;
    pb->nexamples = c->nexamples;
    return pb_finish_keywords(c);
}

/* A step's `next` target: "step" in this flow or "@flow". */
static int pb_target(pb_ctx *c, const char *s, size_t n, uint32_t flow, const pb_names *steps, ty_pb_target *t) {
    pb_q q, q2;
    if (n && s[0] == '@') {
        int32_t f = pb_names_find(&c->flow_names, s + 1, n - 1);
        if (f < 0) return pb_fail(c, TY_E_SCHEMA, "unknown flow %s", pb_quote(&q, s, n));
        *t = (ty_pb_target){f, 0, true};
        return TY_OK;
    }
    int32_t st = pb_names_find(steps, s, n);
    if (st < 0) {
        const ty_pb_flow *fl = &c->pb->flows[flow];
        return pb_fail(c, TY_E_SCHEMA, "unknown step %s in flow %s", pb_quote(&q, s, n),
                       pb_quote(&q2, fl->name, fl->name_len));
    }
    *t = (ty_pb_target){(int32_t)flow, st, false};
    return TY_OK;
}

/* A step's `next`: one target, or a map from answers to targets. */
static int pb_load_next(pb_ctx *c, const ty_value *nv, ty_pb_step *st, uint32_t flow, const pb_names *steps) {
    const char *s;
    size_t n;
    int rc;
    if (st->end) return pb_fail(c, TY_E_SCHEMA, "a step with \"end\" cannot have \"next\"");
    if (ty_value_kind(nv) == TY_STRING) {
        if ((rc = pb_string(c, nv, &s, &n))) return rc;
        st->has_next = true;
        return pb_target(c, s, n, flow, steps, &st->next);
    }
    if (ty_value_kind(nv) != TY_MAP)
        return pb_fail(c, TY_E_SCHEMA, "must be a step id, \"@flow\", or an object mapping answers to steps");
    const ty_slot *slot = st->ask >= 0 ? &c->pb->slots[st->ask] : NULL;
    if (!slot || (slot->type != TY_SLOT_CHOICE && slot->type != TY_SLOT_YESNO))
        return pb_fail(c, TY_E_SCHEMA, "an answer map needs the step to ask a choice or yesno slot");
    size_t nb = ty_value_count(nv);
    if (nb == 0) return pb_fail(c, TY_E_SCHEMA, "must not be empty");
    ty_pb_branch *br = pb_calloc(&c->pb->arena, nb, sizeof *br);
    if (!br) return pb_nomem(c);
    for (size_t i = 0; i < nb; i++) {
        size_t kl;
        const char *k = ty_value_key(nv, i, &kl);
        size_t old = pb_push(c, k, kl);
        pb_q q, q2;
        if (slot->type == TY_SLOT_YESNO && !pb_streq(k, kl, "yes") && !pb_streq(k, kl, "no"))
            return pb_fail(c, TY_E_SCHEMA, "%s is not an answer of yesno slot %s (use \"yes\" or \"no\")",
                           pb_quote(&q, k, kl), pb_quote(&q2, slot->name, slot->name_len));
        if (slot->type == TY_SLOT_CHOICE && slot->options_from && pb_blank(k, kl))
            return pb_fail(c, TY_E_SCHEMA, "an answer must not be empty");
        if (slot->type == TY_SLOT_CHOICE && !slot->options_from) {
            bool found = false;
            for (size_t o = 0; o < slot->noptions && !found; o++)
                found = slot->options[o].id_len == kl && memcmp(slot->options[o].id, k, kl) == 0;
            if (!found)
                return pb_fail(c, TY_E_SCHEMA, "%s is not an option of slot %s", pb_quote(&q, k, kl),
                               pb_quote(&q2, slot->name, slot->name_len));
        }
        if ((rc = pb_string(c, ty_value_item(nv, i), &s, &n))) return rc;
        if ((rc = pb_target(c, s, n, flow, steps, &br[i].to))) return rc;
        if (!(br[i].answer = pb_dup(c, k, kl))) return pb_nomem(c);
        br[i].answer_len = kl;
        pb_pop(c, old);
    }
    st->branches = br;
    st->nbranches = nb;
    return TY_OK;
}

/* A step's references (say, ask), outcome (end) and next; its id is
 * already read. */
/* A step's "set" (an object: the step's table says so): {slot: value},
 * each value a valid answer of its slot (an option id of a static choice,
 * "yes"/"no", or text for a text slot). */
static int pb_load_set(pb_ctx *c, const ty_value *v, ty_pb_step *st) {
    int rc;
    size_t n = ty_value_count(v);
    ty_pb_set *sets = pb_calloc(&c->pb->arena, n ? n : 1, sizeof *sets);
    if (!sets) return pb_nomem(c);
    for (size_t i = 0; i < n; i++) {
        size_t kn, vn;
        const char *k = ty_value_key(v, i, &kn);
        size_t old = pb_push(c, k, kn);
        int32_t si = pb_names_find(&c->slot_names, k, kn);
        pb_q q;
        if (si < 0) return pb_fail(c, TY_E_SCHEMA, "unknown slot %s", pb_quote(&q, k, kn));
        const ty_slot *slot = &c->pb->slots[si];
        const char *val;
        if ((rc = pb_string(c, ty_value_item(v, i), &val, &vn))) return rc;
        if (vn > TY_PB_MAX_SET_TEXT)
            return pb_fail(c, TY_E_LIMIT, "%zu bytes; a value a step sets is at most %d bytes", vn, TY_PB_MAX_SET_TEXT);
        bool ok = slot->type == TY_SLOT_TEXT ? vn > 0
                  : slot->type == TY_SLOT_YESNO ? pb_streq(val, vn, "yes") || pb_streq(val, vn, "no")
                                                : false;
        for (size_t o = 0; slot->type == TY_SLOT_CHOICE && o < slot->noptions; o++)
            ok |= slot->options[o].id_len == vn && memcmp(slot->options[o].id, val, vn) == 0;
        if (!ok)
            return pb_fail(c, TY_E_SCHEMA, "%s is not a value a step can give slot \"%s\" (%s): %s", pb_quote(&q, val, vn),
                           slot->name, ty_slot_type_name(slot->type),
                           slot->type == TY_SLOT_CHOICE ? "an option id of its static options"
                           : slot->type == TY_SLOT_YESNO ? "\"yes\" or \"no\""
                           : slot->type == TY_SLOT_TEXT  ? "non-empty text"
                                                         : "only choice, yesno and text slots can be set");
        sets[i].slot = si;
        if (!(sets[i].value = pb_dup(c, val, vn))) return pb_nomem(c);
        sets[i].value_len = vn;
        pb_pop(c, old);
    }
    st->sets = sets;
    st->nsets = n;
    return TY_OK;
}

static int pb_duration_field(pb_ctx *c, const ty_value *v, int64_t *out);
static int pb_load_followups(pb_ctx *c, const ty_value *v, const ty_pb_followup **out, size_t *count);

/* The time slot on date slot ds: the only time slot whose "date" is ds, or -1. */
static int32_t pb_time_on(const ty_playbook *pb, int32_t ds) {
    int32_t found = -1;
    for (size_t i = 0; i < pb->nslots; i++) {
        if (pb->slots[i].type != TY_SLOT_TIME || pb->slots[i].date_slot != ds) continue;
        if (found >= 0) return -1;
        found = (int32_t)i;
    }
    return found;
}

/* A reference to a slot of one type under `key` of map, else *out = def;
 * a missing default is an error naming what to add. */
static int pb_typed_slot(pb_ctx *c, const ty_value *map, const char *key, int type, int32_t def, int32_t *out) {
    int rc = pb_opt_ref(c, map, key, &c->slot_names, "slot", out);
    if (rc) return rc;
    if (*out < 0) *out = def;
    if (*out >= 0 && c->pb->slots[*out].type != type) {
        pb_push_s(c, key);
        return pb_fail(c, TY_E_SCHEMA, "\"%s\" is not a %s slot", c->pb->slots[*out].name, ty_slot_type_name(type));
    }
    return TY_OK;
}

/* One reminder {before, at?, say, date?, time?}. */
static int pb_load_reminder(pb_ctx *c, const ty_value *rv, ty_pb_reminder *r) {
    int rc;
    if ((rc = pb_object(c, rv, &pb_reminder_schema))) return rc;
    const ty_value *before = ty_value_get(rv, "before", 6);
    size_t o = pb_push_s(c, "before");
    if ((rc = pb_duration_field(c, before, &r->before))) return rc;
    pb_pop(c, o);
    r->at = -1;
    const char *s;
    size_t n;
    rc = pb_opt_string(c, rv, "at", &s, &n);
    if (rc < 0) return rc;
    if (rc) {
        o = pb_push_s(c, "at");
        if (!ty_pb_parse_clock(s, n, &r->at)) {
            pb_q q;
            return pb_fail(c, TY_E_SCHEMA, "%s is not a time of day (use \"HH:MM\")", pb_quote(&q, s, n));
        }
        if (r->before % 86400)
            return pb_fail(c, TY_E_SCHEMA, "\"at\" needs \"before\" in whole days (\"1d\": the day before at this time)");
        pb_pop(c, o);
    }
    if ((rc = pb_opt_ref(c, rv, "say", &c->template_names, "template", &r->say))) return rc;
    int32_t only = -1;
    size_t ndates = 0;
    for (size_t i = 0; i < c->pb->nslots; i++)
        if (c->pb->slots[i].type == TY_SLOT_DATE) only = (int32_t)i, ndates++;
    if ((rc = pb_typed_slot(c, rv, "date", TY_SLOT_DATE, ndates == 1 ? only : -1, &r->date_slot))) return rc;
    if (r->date_slot < 0) {
        pb_push_s(c, "date");
        return pb_fail(c, TY_E_SCHEMA, ndates ? "required: the playbook has several date slots, name the booked one"
                                              : "a reminder needs a date slot (the booked day)");
    }
    return pb_typed_slot(c, rv, "time", TY_SLOT_TIME, pb_time_on(c->pb, r->date_slot), &r->time_slot);
}

/* A step's "remind": a list of reminders (empty: cancel the pending ones). */
static int pb_load_remind(pb_ctx *c, const ty_value *v, ty_pb_step *st) {
    size_t n = ty_value_count(v);
    if (n > TY_PB_MAX_REMINDERS) return pb_fail(c, TY_E_SCHEMA, "at most %d reminders", TY_PB_MAX_REMINDERS);
    ty_pb_reminder *list = n ? pb_calloc(&c->pb->arena, n, sizeof *list) : NULL;
    if (n && !list) return pb_nomem(c);
    for (size_t i = 0; i < n; i++) {
        size_t o = pb_push_i(c, i);
        int rc = pb_load_reminder(c, ty_value_item(v, i), &list[i]);
        if (rc) return rc;
        pb_pop(c, o);
    }
    st->has_remind = true;
    st->reminders = list;
    st->nreminders = n;
    return TY_OK;
}

static int pb_load_step(pb_ctx *c, const ty_value *sv, ty_pb_step *st, uint32_t flow, const pb_names *steps) {
    int rc;
    if ((rc = pb_opt_ref(c, sv, "say", &c->template_names, "template", &st->say))) return rc;
    if ((rc = pb_opt_ref(c, sv, "ask", &c->slot_names, "slot", &st->ask))) return rc;
    if (st->ask >= 0 && st->say < 0) return pb_fail(c, TY_E_SCHEMA, "a step that asks needs \"say\" (the question)");
    const char *s;
    size_t n;
    rc = pb_opt_string(c, sv, "end", &s, &n);
    if (rc < 0) return rc;
    if (rc) {
        size_t old = pb_push_s(c, "end");
        if ((rc = pb_check_name(c, s, n))) return rc;
        pb_pop(c, old);
        if (!(st->end = pb_dup(c, s, n))) return pb_nomem(c);
        st->end_len = n;
    }
    const ty_value *nv = ty_value_get(sv, "next", 4);
    if (nv) {
        size_t old = pb_push_s(c, "next");
        if ((rc = pb_load_next(c, nv, st, flow, steps))) return rc;
        pb_pop(c, old);
    }
    const ty_value *setv = ty_value_get(sv, "set", 3);
    if (setv) {
        size_t old = pb_push_s(c, "set");
        if ((rc = pb_load_set(c, setv, st))) return rc;
        pb_pop(c, old);
    }
    const ty_value *rv = ty_value_get(sv, "remind", 6);
    if (rv) {
        size_t old = pb_push_s(c, "remind");
        if ((rc = pb_load_remind(c, rv, st))) return rc;
        pb_pop(c, old);
    }
    return TY_OK;
}

/* One flow: its steps' ids first (so `next` may point forward), then the
 * rest of each step. */
static int pb_load_flow(pb_ctx *c, const ty_value *fv, uint32_t flow) {
    ty_pb_flow *fl = &c->pb->flows[flow];
    int rc;
    if ((rc = pb_object(c, fv, &pb_flow_schema))) return rc;
    const ty_value *fu = ty_value_get(fv, "followups", 9);
    if (fu) {
        size_t o = pb_push_s(c, "followups");
        if ((rc = pb_load_followups(c, fu, &fl->followups, &fl->nfollowups))) return rc;
        fl->has_followups = true;
        pb_pop(c, o);
    }
    const ty_value *sv = ty_value_get(fv, "steps", 5);
    size_t old = pb_push_s(c, "steps");
    size_t n = ty_value_count(sv);
    if (n == 0) return pb_fail(c, TY_E_SCHEMA, "a flow needs at least one step");
    ty_pb_step *steps = pb_calloc(&c->pb->arena, n, sizeof *steps);
    pb_names ids = {pb_calloc(&c->tmp, n, sizeof(pb_name)), n};
    if (!steps || !ids.v) return pb_nomem(c);
    /* pass 1: shapes and ids, so `next` may point forward */
    for (size_t i = 0; i < n; i++) {
        const ty_value *st = ty_value_item(sv, i);
        size_t o2 = pb_push_i(c, i);
        if ((rc = pb_object(c, st, &pb_step_schema))) return rc;
        const char *s;
        size_t sn;
        rc = pb_opt_string(c, st, "id", &s, &sn);
        if (rc < 0) return rc;
        size_t o3 = pb_push_s(c, "id");
        if ((rc = pb_check_name(c, s, sn))) return rc;
        pb_pop(c, o3);
        pb_pop(c, o2);
        if (!(steps[i].id = pb_dup(c, s, sn))) return pb_nomem(c);
        steps[i].id_len = sn;
        steps[i].say = steps[i].ask = -1;
        ids.v[i] = (pb_name){steps[i].id, sn, (uint32_t)i};
    }
    qsort(ids.v, n, sizeof *ids.v, pb_name_cmp);
    fl->steps = steps;
    fl->nsteps = n;
    /* a repeated id: report the earliest repeat in document order, naming
     * the first step that has the id */
    size_t bad = SIZE_MAX, orig = 0;
    for (size_t i = 1, run = 0; i < n; i++) {
        if (pb_bytes_cmp(ids.v[i].s, ids.v[i].len, ids.v[i - 1].s, ids.v[i - 1].len) != 0) {
            run = i;
            continue;
        }
        if (ids.v[i].idx < bad) {
            bad = ids.v[i].idx;
            orig = ids.v[run].idx;
        }
    }
    if (bad != SIZE_MAX) {
        pb_push_i(c, bad);
        pb_push_s(c, "id");
        pb_q q;
        return pb_fail(c, TY_E_SCHEMA, "duplicate step id %s (also steps[%zu])",
                       pb_quote(&q, steps[bad].id, steps[bad].id_len), orig);
    }
    /* pass 2: references */
    for (size_t i = 0; i < n; i++) {
        size_t o2 = pb_push_i(c, i);
        if ((rc = pb_load_step(c, ty_value_item(sv, i), &steps[i], flow, &ids))) return rc;
        pb_pop(c, o2);
    }
    pb_pop(c, old);
    return TY_OK;
}

/* The "flows" section into pb->flows (names first, for "@flow" jumps). */
static int pb_load_flows(pb_ctx *c) {
    const ty_value *m = ty_value_get(c->root, "flows", 5);
    size_t n = ty_value_count(m);
    if (!m || n == 0) return TY_OK;
    ty_playbook *pb = c->pb;
    pb->flows = pb_calloc(&pb->arena, n, sizeof *pb->flows);
    if (!pb->flows) return pb_nomem(c);
    pb->nflows = n;
    for (size_t i = 0; i < n; i++) {
        ty_pb_flow *fl = &pb->flows[i];
        const char *k = ty_value_key(m, i, &fl->name_len);
        if (!(fl->name = pb_dup(c, k, fl->name_len))) return pb_nomem(c);
    }
    size_t old = pb_push_s(c, "flows");
    for (size_t i = 0; i < n; i++) {
        size_t o2 = pb_push(c, pb->flows[i].name, pb->flows[i].name_len);
        int rc = pb_load_flow(c, ty_value_item(m, i), (uint32_t)i);
        if (rc) return rc;
        pb_pop(c, o2);
    }
    pb_pop(c, old);
    return TY_OK;
}

/* Steps without an ask run straight on; a chain of them that comes back to
 * itself would spin forever. Each such step has exactly one successor, so
 * following successors from every step finds every cycle. */
static int pb_check_cycles(pb_ctx *c) {
    ty_playbook *pb = c->pb;
    size_t total = 0;
    for (size_t f = 0; f < pb->nflows; f++) total += pb->flows[f].nsteps;
    if (total == 0) return TY_OK;
    size_t *base = pb_calloc(&c->tmp, pb->nflows, sizeof *base);
    uint8_t *color = pb_calloc(&c->tmp, total, 1);
    size_t *chain = pb_calloc(&c->tmp, total, sizeof *chain);
    uint32_t *flow_of = pb_calloc(&c->tmp, total, sizeof *flow_of);
    if (!base || !color || !chain || !flow_of) return pb_nomem(c);
    for (size_t f = 0, b = 0; f < pb->nflows; b += pb->flows[f].nsteps, f++) {
        base[f] = b;
        for (size_t s = 0; s < pb->flows[f].nsteps; s++) flow_of[b + s] = (uint32_t)f;
    }
    for (size_t start = 0; start < total; start++) {
        size_t len = 0, node = start;
        while (1) {
            if (color[node] == 2) break;
            if (color[node] == 1) { /* a cycle: chain[k..len) where chain[k] == node */
                size_t k = 0;
                while (chain[k] != node) k++;
                /* report at the first step (document order) with an explicit next */
                size_t at = SIZE_MAX;
                for (size_t i = k; i < len; i++) {
                    const ty_pb_flow *fl = &pb->flows[flow_of[chain[i]]];
                    if (fl->steps[chain[i] - base[flow_of[chain[i]]]].has_next && chain[i] < at) at = chain[i];
                }
                size_t pos = k;
                while (chain[pos] != at) pos++;
                char list[320];
                size_t ln = 0;
                for (size_t i = 0; i <= len - k; i++) {
                    size_t nd = chain[k + (pos - k + i) % (len - k)];
                    const ty_pb_flow *fl = &pb->flows[flow_of[nd]];
                    const ty_pb_step *st = &fl->steps[nd - base[flow_of[nd]]];
                    int w = snprintf(list + ln, sizeof list - ln, "%s%.*s.%.*s", i ? " -> " : "", (int)fl->name_len,
                                     fl->name, (int)st->id_len, st->id);
                    if (w < 0 || (size_t)w >= sizeof list - ln) {
                        ln = sc_cut(list, strlen(list), sizeof list - 4);
                        memcpy(list + ln, "\xE2\x80\xA6", 4);
                        break;
                    }
                    ln += (size_t)w;
                }
                uint32_t f = flow_of[at];
                sc_path_set(&c->path, "flows.%s.steps[%zu].next", pb->flows[f].name, at - base[f]);
                return pb_fail(c, TY_E_SCHEMA, "loops forever without an ask (%s)", list);
            }
            color[node] = 1;
            chain[len++] = node;
            uint32_t f = flow_of[node];
            const ty_pb_flow *fl = &pb->flows[f];
            const ty_pb_step *st = &fl->steps[node - base[f]];
            if (st->ask >= 0 || st->end) break;
            if (st->has_next) node = base[st->next.flow] + (size_t)st->next.step;
            else if (node - base[f] + 1 < fl->nsteps) node = node + 1;
            else break;
        }
        for (size_t i = 0; i < len; i++) color[chain[i]] = 2;
    }
    return TY_OK;
}

/* Reads a duration at the current path or reports what is wrong with it. */
static int pb_duration_field(pb_ctx *c, const ty_value *v, int64_t *out) {
    if (ty_pb_parse_duration(v, out)) return TY_OK;
    char shown[80];
    if (ty_value_kind(v) == TY_NUMBER) {
        ty_format_number(ty_value_number(v), shown);
    } else if (ty_value_kind(v) == TY_STRING) {
        size_t n;
        const char *s = ty_value_string(v, &n);
        pb_q q;
        snprintf(shown, sizeof shown, "%s", pb_quote(&q, s, n));
    } else {
        return pb_fail(c, TY_E_SCHEMA, "must be a duration (\"90s\", \"15m\", \"4h\", \"2d\" or seconds)");
    }
    return pb_fail(c, TY_E_SCHEMA,
                   "%s is not a duration (use \"90s\", \"15m\", \"4h\", \"2d\" or whole seconds, at most 366 days)",
                   shown);
}

/* A list of follow-ups {after, say} (the playbook's or a flow's). */
static int pb_load_followups(pb_ctx *c, const ty_value *v, const ty_pb_followup **out, size_t *count) {
    ty_playbook *pb = c->pb;
    int rc;
    if (ty_value_kind(v) != TY_LIST) return pb_fail(c, TY_E_SCHEMA, "must be a list of {after, say}");
    size_t n = ty_value_count(v);
    if (n > TY_PB_MAX_FOLLOWUPS) return pb_fail(c, TY_E_SCHEMA, "at most %d follow-ups", TY_PB_MAX_FOLLOWUPS);
    ty_pb_followup *list = pb_calloc(&pb->arena, n, sizeof *list);
    if (!list) return pb_nomem(c);
    for (size_t i = 0; i < n; i++) {
        const ty_value *fv = ty_value_item(v, i);
        size_t o2 = pb_push_i(c, i);
        if ((rc = pb_object(c, fv, &pb_followup_schema))) return rc;
        const ty_value *after = ty_value_get(fv, "after", 5);
        size_t o3 = pb_push_s(c, "after");
        if ((rc = pb_duration_field(c, after, &list[i].after))) return rc;
        pb_pop(c, o3);
        if ((rc = pb_opt_ref(c, fv, "say", &c->template_names, "template", &list[i].say))) return rc;
        pb_pop(c, o2);
    }
    *out = list;
    *count = n;
    return TY_OK;
}

/* One day's opening: "09:00-18:00", a list of such ranges in order, or
 * "closed" (or null). */
static int pb_load_day(pb_ctx *c, const ty_value *v, ty_hours_day *day) {
    memset(day, 0, sizeof *day);
    size_t n;
    const char *s = ty_value_string(v, &n);
    if (ty_value_kind(v) == TY_NULL || (s && pb_streq(s, n, "closed"))) return TY_OK;
    bool list = ty_value_kind(v) == TY_LIST;
    size_t count = list ? ty_value_count(v) : 1;
    if ((!s && !list) || (list && count == 0))
        return pb_fail(c, TY_E_SCHEMA, "must be \"HH:MM-HH:MM\", a list of such ranges, or \"closed\"");
    if (count > TY_HOURS_MAX_RANGES) return pb_fail(c, TY_E_SCHEMA, "at most %d ranges in a day", TY_HOURS_MAX_RANGES);
    for (size_t i = 0; i < count; i++) {
        size_t o = list ? pb_push_i(c, i) : 0;
        if (list) s = ty_value_string(ty_value_item(v, i), &n);
        int from = -1, to = -1;
        bool ok = s && n == 11 && s[5] == '-' && ty_pb_parse_clock(s, 5, &from) &&
                  (ty_pb_parse_clock(s + 6, 5, &to) || (memcmp(s + 6, "24:00", 5) == 0 && (to = 1440)));
        if (!ok) {
            pb_q q;
            return pb_fail(c, TY_E_SCHEMA, "%s is not an opening range (use \"09:00-18:00\"; \"24:00\" may end a day)",
                           s ? pb_quote(&q, s, n) : "this");
        }
        if (to <= from) return pb_fail(c, TY_E_SCHEMA, "a range must end after it starts (no ranges over midnight)");
        if (day->n && from < day->r[day->n - 1].to)
            return pb_fail(c, TY_E_SCHEMA, "ranges must be in order and must not overlap");
        day->r[day->n].from = (int16_t)from;
        day->r[day->n].to = (int16_t)to;
        day->n++;
        if (list) pb_pop(c, o);
    }
    return TY_OK;
}

/* A dated exception key: "2026-12-24" (that day) or "12-25" (every year). */
static bool pb_exception_day(const char *s, size_t n, ty_hours_exception *e) {
    e->day = -1;
    e->mmdd = 0;
    if (ty_civil_parse_iso(s, n, &e->day)) return true;
    char iso[11];
    if (n != 5 || s[2] != '-') return false;
    memcpy(iso, "2000-", 5); /* a leap year, so "02-29" is a day */
    memcpy(iso + 5, s, 5);
    int64_t z;
    if (!ty_civil_parse_iso(iso, 10, &z)) return false;
    e->mmdd = ((s[0] - '0') * 10 + (s[1] - '0')) * 100 + (s[3] - '0') * 10 + (s[4] - '0');
    return true;
}

/* "exceptions" ({day: opening}) and "closed" ([day]) into h. */
static int pb_load_exceptions(pb_ctx *c, const ty_value *hv, ty_hours *h) {
    const ty_value *ex = ty_value_get(hv, "exceptions", 10), *closed = ty_value_get(hv, "closed", 6);
    if (ex && ty_value_kind(ex) != TY_MAP) {
        pb_push_s(c, "exceptions");
        return pb_fail(c, TY_E_SCHEMA, "must be an object of {\"2026-12-24\" or \"12-24\": opening}");
    }
    if (closed && ty_value_kind(closed) != TY_LIST) {
        pb_push_s(c, "closed");
        return pb_fail(c, TY_E_SCHEMA, "must be a list of days (\"2026-12-25\" or \"12-25\")");
    }
    size_t n = ty_value_count(ex) + ty_value_count(closed);
    if (n > TY_HOURS_MAX_EXCEPTIONS) return pb_fail(c, TY_E_SCHEMA, "at most %d exceptions", TY_HOURS_MAX_EXCEPTIONS);
    ty_hours_exception *all = n ? pb_calloc(&c->pb->arena, n, sizeof *all) : NULL;
    if (n && !all) return pb_nomem(c);
    size_t k = 0;
    for (int pass = 0; pass < 2; pass++) {
        const ty_value *v = pass ? closed : ex;
        size_t old = pb_push_s(c, pass ? "closed" : "exceptions");
        for (size_t i = 0; i < ty_value_count(v); i++, k++) {
            size_t len;
            const char *key = pass ? ty_value_string(ty_value_item(v, i), &len) : ty_value_key(v, i, &len);
            size_t o2 = pass ? pb_push_i(c, i) : pb_push(c, key, len);
            if (!key || !pb_exception_day(key, len, &all[k])) {
                pb_q q;
                return pb_fail(c, TY_E_SCHEMA, "%s is not a day (use \"2026-12-25\", or \"12-25\" for every year)",
                               key ? pb_quote(&q, key, len) : "this");
            }
            int rc = pass ? TY_OK : pb_load_day(c, ty_value_item(v, i), &all[k].hours);
            if (rc) return rc;
            pb_pop(c, o2);
        }
        pb_pop(c, old);
    }
    h->exceptions = all;
    h->nexceptions = n;
    return TY_OK;
}

/* "hours" (weekly opening, exceptions, closed days) and "lead_time". */
static int pb_load_hours(pb_ctx *c) {
    ty_hours *h = &c->pb->hours;
    h->utc_offset = c->pb->utc_offset;
    h->open_from = h->open_to = -1;
    const ty_value *lead = ty_value_get(c->root, "lead_time", 9);
    int rc;
    if (lead) {
        pb_push_s(c, "lead_time");
        if ((rc = pb_duration_field(c, lead, &h->lead))) return rc;
        pb_pop(c, 0);
    }
    const ty_value *hv = ty_value_get(c->root, "hours", 5);
    if (!hv) return TY_OK;
    pb_push_s(c, "hours");
    if ((rc = pb_object(c, hv, &pb_hours_schema))) return rc;
    bool any = false;
    for (int d = 0; d < 7; d++) {
        const ty_value *v = ty_value_get(hv, pb_weekday_keys[d], 3);
        size_t o = pb_push_s(c, pb_weekday_keys[d]);
        if (v && (rc = pb_load_day(c, v, &h->week[d]))) return rc;
        any |= h->week[d].n > 0;
        pb_pop(c, o);
        const ty_hours_day *w = &h->week[d];
        if (w->n && (h->open_from < 0 || w->r[0].from < h->open_from)) h->open_from = w->r[0].from;
        if (w->n && w->r[w->n - 1].to > h->open_to) h->open_to = w->r[w->n - 1].to;
    }
    if (!any) return pb_fail(c, TY_E_SCHEMA, "no weekday is open (name at least one, e.g. \"mon\": \"09:00-17:00\")");
    if ((rc = pb_load_exceptions(c, hv, h))) return rc;
    h->set = true;
    pb_pop(c, 0);
    return TY_OK;
}

/* fallback, reprompts, followups, close_after, quiet_hours and
 * followups_within_window. */
static int pb_load_tail(pb_ctx *c) {
    ty_playbook *pb = c->pb;
    const ty_value *root = c->root;
    int rc;
    if ((rc = pb_opt_ref(c, root, "fallback", &c->template_names, "template", &pb->fallback))) return rc;

    pb->reprompts = TY_PB_DEFAULT_REPROMPTS;
    const ty_value *v = ty_value_get(root, "reprompts", 9);
    if (v) {
        pb_push_s(c, "reprompts");
        double x = ty_value_number(v);
        if (ty_value_kind(v) != TY_NUMBER || x != floor(x) || x < 0 || x > TY_PB_MAX_REPROMPTS)
            return pb_fail(c, TY_E_SCHEMA, "must be an integer from 0 to %d", TY_PB_MAX_REPROMPTS);
        pb->reprompts = (int)x;
        pb_pop(c, 0);
    }

    v = ty_value_get(root, "followups", 9);
    if (v) {
        pb_push_s(c, "followups");
        if ((rc = pb_load_followups(c, v, &pb->followups, &pb->nfollowups))) return rc;
        pb_pop(c, 0);
    }

    pb->close_after = -1;
    v = ty_value_get(root, "close_after", 11);
    if (v) {
        pb_push_s(c, "close_after");
        if ((rc = pb_duration_field(c, v, &pb->close_after))) return rc;
        pb_pop(c, 0);
    }

    v = ty_value_get(root, "quiet_hours", 11);
    if (v) {
        pb_push_s(c, "quiet_hours");
        if ((rc = pb_object(c, v, &pb_quiet_schema))) return rc;
        int *dst[2] = {&pb->quiet_from, &pb->quiet_to};
        for (size_t i = 0; i < 2; i++) {
            const char *s;
            size_t n;
            rc = pb_opt_string(c, v, pb_quiet_members[i].key, &s, &n);
            if (rc < 0) return rc;
            size_t o2 = pb_push_s(c, pb_quiet_members[i].key);
            if (!ty_pb_parse_clock(s, n, dst[i])) {
                pb_q q;
                return pb_fail(c, TY_E_SCHEMA, "%s is not a time of day (use \"HH:MM\", 00:00 to 23:59)",
                               pb_quote(&q, s, n));
            }
            pb_pop(c, o2);
        }
        if (pb->quiet_from == pb->quiet_to)
            return pb_fail(c, TY_E_SCHEMA, "\"from\" and \"to\" are the same time");
        pb->has_quiet_hours = true;
        pb_pop(c, 0);
    }

    v = ty_value_get(root, "followups_within_window", 23);
    if (v) {
        pb_push_s(c, "followups_within_window");
        if (ty_value_kind(v) != TY_TRUE && ty_value_kind(v) != TY_FALSE)
            return pb_fail(c, TY_E_SCHEMA, "must be true or false");
        pb->followups_within_window = ty_value_kind(v) == TY_TRUE;
        pb_pop(c, 0);
    }
    return pb_load_hours(c);
}

/* True when needle occurs in hay. */
static bool pb_contains(const char *hay, size_t n, const char *needle, size_t m) {
    if (m == 0) return true;
    for (size_t i = 0; i + m <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0) return true;
    return false;
}

/* The playbook's templates a source can reach as partials. The template
 * engine compiles every partial it is given, so handing all N templates to
 * each of N templates would cost N^2: a partial or parent tag needs '>' or
 * '<' and the partial's name in the text, so only names found in the
 * source (and, transitively, in the partials found) are passed. A dynamic
 * name ("{{>*var}}") could reach any template: then all are passed. */
static size_t pb_partials_for(const char *src, size_t n, const ty_partial *all, size_t nall, uint8_t *mark,
                              size_t *queue, ty_partial *out) {
    if (!memchr(src, '>', n) && !memchr(src, '<', n)) return 0;
    memset(mark, 0, nall);
    size_t nq = 0;
    const char *s = src;
    size_t sn = n;
    for (size_t qi = 0;; qi++) {
        if (memchr(s, '*', sn)) {
            memcpy(out, all, nall * sizeof *out);
            return nall;
        }
        if (memchr(s, '>', sn) || memchr(s, '<', sn)) {
            for (size_t p = 0; p < nall; p++) {
                if (mark[p] || !pb_contains(s, sn, all[p].name, all[p].name_len)) continue;
                mark[p] = 1;
                queue[nq++] = p;
            }
        }
        if (qi >= nq) break;
        s = all[queue[qi]].source;
        sn = all[queue[qi]].source_len;
    }
    size_t k = 0;
    for (size_t p = 0; p < nall; p++)
        if (mark[p]) out[k++] = all[p];
    return k;
}

/* Compile-time tables for pb_compile. */
typedef struct pb_parts {
    const ty_partial *all;
    size_t n;
    uint8_t *mark;
    size_t *queue;
    ty_partial *use;
} pb_parts;

/* Compiles one template source; maps a template error to the playbook path
 * of the template it is in (a partial's own path when inside a partial). */
static int pb_compile(pb_ctx *c, const char *src, size_t n, const pb_parts *pp, ty_template **out) {
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    o.alloc = &c->pb->hooks;
    o.guard_text_only = 1; /* values come from customers: only the playbook's own words are checked */
    o.no_recursion = 1;    /* a template that includes itself would fail on every step that reaches it */
    o.partials = pp->use;
    o.npartials = pb_partials_for(src, n, pp->all, pp->n, pp->mark, pp->queue, pp->use);
    ty_error te;
    ty_err_clear(&te);
    *out = ty_template_compile(src, n, &o, &te);
    if (*out) return TY_OK;
    if (te.code == TY_E_NOMEM) return pb_nomem(c);
    if (te.code == TY_OK) te.code = TY_E_SYNTAX;
    /* inside a partial (path `partial "name"`): that template's own path */
    size_t pl = strlen(te.path);
    if (pl > 10 && memcmp(te.path, "partial \"", 9) == 0 && te.path[pl - 1] == '"') {
        int32_t p = pb_names_find(&c->template_names, te.path + 9, pl - 10);
        if (p >= 0) {
            const ty_value *tv = ty_value_item(ty_value_get(c->root, "templates", 9), (size_t)p);
            sc_path_set(&c->path, "templates.%s%s", c->pb->templates[p].name, ty_value_kind(tv) == TY_MAP ? ".text" : "");
        }
    }
    if (!te.line) return pb_fail(c, te.code, "%s", te.message);
    pb_fail(c, te.code, "line %u, column %u: %s", te.line, te.col, te.message);
    if (c->err) {
        c->err->offset = te.offset;
        c->err->line = te.line;
        c->err->col = te.col;
    }
    return te.code;
}

/* Compiles every template text, variant and channel text, each with the
 * partials it can reach; the compiled templates belong to the playbook. */
/* Compiles t's sources (its text, variants and channel texts) with the
 * partials of pp; `obj`: the template was written as an object, so paths
 * end in ".text" (the caller has pushed the template's own path). */
static int pb_compile_template(pb_ctx *c, ty_pb_template *t, const pb_parts *pp, bool obj) {
    size_t base = c->path.n;
    if (obj) pb_push_s(c, "text");
    int rc = pb_compile(c, t->source, t->source_len, pp, &t->text);
    if (rc) return rc;
    pb_pop(c, base);
    for (size_t j = 0; j < t->nvariants; j++) {
        pb_push_s(c, "variants");
        pb_push_i(c, j);
        if ((rc = pb_compile(c, t->variant_sources[j], t->variant_source_lens[j], pp, &t->variants[j]))) return rc;
        pb_pop(c, base);
    }
    for (int k = 0; k < TY_PB_CHANNEL_COUNT; k++) {
        if (!t->channel_sources[k]) continue;
        pb_push_s(c, "channels");
        pb_push_s(c, api_channels[k]);
        if ((rc = pb_compile(c, t->channel_sources[k], t->channel_source_lens[k], pp, &t->channels[k]))) return rc;
        pb_pop(c, base);
    }
    return TY_OK;
}

/* The partial table over templates t[0..n) (their texts), in c->tmp. */
static int pb_parts_of(pb_ctx *c, const ty_pb_template *t, size_t n, pb_parts *pp) {
    ty_partial *parts = pb_calloc(&c->tmp, n, sizeof *parts);
    *pp = (pb_parts){parts, n, pb_calloc(&c->tmp, n, 1), pb_calloc(&c->tmp, n, sizeof(size_t)),
                     pb_calloc(&c->tmp, n, sizeof(ty_partial))};
    if (!parts || !pp->mark || !pp->queue || !pp->use) return pb_nomem(c);
    for (size_t i = 0; i < n; i++) {
        parts[i].name = t[i].name;
        parts[i].name_len = t[i].name_len;
        parts[i].source = t[i].source;
        parts[i].source_len = t[i].source_len;
    }
    return TY_OK;
}

static int pb_compile_templates(pb_ctx *c) {
    ty_playbook *pb = c->pb;
    const ty_value *m = ty_value_get(c->root, "templates", 9);
    if (!pb->ntemplates) return TY_OK;
    pb_parts pp;
    int rc = pb_parts_of(c, pb->templates, pb->ntemplates, &pp);
    for (size_t i = 0; !rc && i < pb->ntemplates; i++) {
        ty_pb_template *t = &pb->templates[i];
        size_t old = pb_push_s(c, "templates");
        pb_push(c, t->name, t->name_len);
        rc = pb_compile_template(c, t, &pp, ty_value_kind(ty_value_item(m, i)) == TY_MAP);
        if (!rc) pb_pop(c, old);
    }
    return rc;
}

/* True when s[0..n) is a WhatsApp template name: 1 to 512 lower-case
 * letters, digits and underscores. */
static bool pb_wa_name(const char *s, size_t n) {
    if (!n || n > 512) return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_')) return false;
    return true;
}

/* True when s[0..n) is a language code as WhatsApp writes them: "en",
 * "fil", "en_US", "zh_Hant_HK" (letters, then "_"-separated parts). */
static bool pb_wa_language(const char *s, size_t n) {
    if (n < 2 || n > 16) return false;
    for (size_t i = 0; i < n; i++) {
        bool letter = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z');
        if (!letter && !(s[i] == '_' && i >= 2 && i + 1 < n && s[i - 1] != '_')) return false;
    }
    return true;
}

/* One entry of channels.whatsapp.templates (the caller pushed its path). */
static int pb_load_wa_template(pb_ctx *c, const ty_value *v, const pb_parts *pp, ty_pb_template *t) {
    int rc;
    if ((rc = pb_object(c, v, &pb_wa_schema))) return rc;
    ty_pb_wa_template *w = pb_calloc(&c->pb->arena, 1, sizeof *w);
    if (!w) return pb_nomem(c);
    const char *s[2];
    size_t n[2];
    for (int i = 0; i < 2; i++) {
        rc = pb_opt_string(c, v, pb_wa_members[i].key, &s[i], &n[i]);
        if (rc < 0) return rc;
        size_t old = pb_push_s(c, pb_wa_members[i].key);
        if (i == 0 && !pb_wa_name(s[0], n[0]))
            return pb_fail(c, TY_E_SCHEMA, "must be a WhatsApp template name: lower-case letters, digits and _");
        if (i == 1 && !pb_wa_language(s[1], n[1]))
            return pb_fail(c, TY_E_SCHEMA, "must be a language code as WhatsApp writes it (\"en\", \"en_US\")");
        pb_pop(c, old);
    }
    if (!(w->name = pb_dup(c, s[0], n[0])) || !(w->language = pb_dup(c, s[1], n[1]))) return pb_nomem(c);
    w->name_len = n[0];
    w->language_len = n[1];
    const ty_value *ps = ty_value_get(v, "parameters", 10);
    if (ps) {
        size_t old = pb_push_s(c, "parameters");
        if (ty_value_kind(ps) != TY_LIST || ty_value_count(ps) > TY_PB_MAX_WA_PARAMS)
            return pb_fail(c, TY_E_SCHEMA, "must be a list of at most %d texts (the body's {{1}}, {{2}}, ...)",
                           TY_PB_MAX_WA_PARAMS);
        w->nparams = ty_value_count(ps);
        if (w->nparams && !(w->params = pb_calloc(&c->pb->arena, w->nparams, sizeof *w->params))) return pb_nomem(c);
        t->whatsapp = w; /* from here ty_playbook_free frees the compiled parameters */
        for (size_t i = 0; i < w->nparams; i++) {
            size_t o2 = pb_push_i(c, i);
            const char *src;
            size_t sn;
            if ((rc = pb_string(c, ty_value_item(ps, i), &src, &sn)) || (rc = pb_compile(c, src, sn, pp, &w->params[i])))
                return rc;
            pb_pop(c, o2);
        }
        pb_pop(c, old);
    }
    t->whatsapp = w;
    c->pb->has_whatsapp_templates = true;
    return TY_OK;
}

/* The top-level "channels": {"whatsapp": {"templates": {template: {name,
 * language, parameters}}}}, after the templates compiled. */
static int pb_load_channels(pb_ctx *c) {
    const ty_value *v = ty_value_get(c->root, "channels", 8);
    if (!v) return TY_OK;
    size_t base = pb_push_s(c, "channels");
    int rc;
    if ((rc = pb_object(c, v, &pb_chan_schema))) return rc;
    const ty_value *wa = ty_value_get(v, "whatsapp", 8);
    if (!wa) {
        pb_pop(c, base);
        return TY_OK;
    }
    pb_push_s(c, "whatsapp");
    if ((rc = pb_object(c, wa, &pb_wa_chan_schema))) return rc;
    const ty_value *ts = ty_value_get(wa, "templates", 9);
    if (ts) {
        pb_push_s(c, "templates");
        pb_parts pp;
        if ((rc = pb_parts_of(c, c->pb->templates, c->pb->ntemplates, &pp))) return rc;
        for (size_t i = 0; i < ty_value_count(ts); i++) {
            size_t kn;
            const char *k = ty_value_key(ts, i, &kn);
            size_t old = pb_push(c, k, kn);
            int32_t ti = pb_names_find(&c->template_names, k, kn);
            if (ti < 0) return pb_fail(c, TY_E_SCHEMA, "names no template of this playbook");
            if ((rc = pb_load_wa_template(c, ty_value_item(ts, i), &pp, &c->pb->templates[ti]))) return rc;
            pb_pop(c, old);
        }
    }
    pb_pop(c, base);
    return TY_OK;
}

/* See playbook.h. The partial tables live only for this call. */
ty_template *ty_pb_compile_text(const ty_playbook *pb, const char *src, size_t n, const ty_template_opts *base,
                                ty_error *err) {
    ty_err_clear(err);
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    if (base) o = *base;
    o.alloc = pb->alloc;
    o.partials = NULL;
    o.npartials = 0;
    size_t nt = pb->ntemplates ? pb->ntemplates : 1;
    size_t pbytes, qbytes;
    if (!ty_size_mul(nt, sizeof(ty_partial), &pbytes) || !ty_size_mul(nt, sizeof(size_t), &qbytes)) {
        ty_err_nomem(err, TY_DOMAIN_TEMPLATE);
        return NULL;
    }
    ty_partial *all = ty_mem_alloc(pb->alloc, pbytes);
    ty_partial *use = ty_mem_alloc(pb->alloc, pbytes);
    size_t *queue = ty_mem_alloc(pb->alloc, qbytes);
    uint8_t *mark = ty_mem_alloc(pb->alloc, nt);
    ty_template *t = NULL;
    if (!all || !use || !queue || !mark) {
        ty_err_nomem(err, TY_DOMAIN_TEMPLATE);
    } else {
        for (size_t i = 0; i < pb->ntemplates; i++) {
            all[i].name = pb->templates[i].name;
            all[i].name_len = pb->templates[i].name_len;
            all[i].source = pb->templates[i].source ? pb->templates[i].source : "";
            all[i].source_len = pb->templates[i].source_len;
        }
        o.partials = use;
        o.npartials = pb_partials_for(src, n, all, pb->ntemplates, mark, queue, use);
        t = ty_template_compile(src, n, &o, err);
    }
    ty_mem_free(pb->alloc, all);
    ty_mem_free(pb->alloc, use);
    ty_mem_free(pb->alloc, queue);
    ty_mem_free(pb->alloc, mark);
    return t;
}

/* The playbook's intent for changes (playbook.h, change_intent), found
 * once here rather than on every message. */
static void pb_find_change_intent(ty_playbook *pb) {
    uint32_t most = 1;
    for (size_t i = 0; i < pb->nintents; i++) {
        const ty_pb_intent *in = &pb->intents[i];
        if (in->flow >= 0 && in->does == TY_PB_DOES_NONE && in->nchanges > most) {
            most = in->nchanges;
            pb->change_intent = (int32_t)i;
        }
    }
}

/* Says whether one example (normalised) reads as something: a greeting
 * alone, a request for a person. */
typedef bool (*pb_example_test)(const ty_playbook *pb, const char *norm, size_t n);

static bool pb_example_greets(const ty_playbook *pb, const char *norm, size_t n) {
    (void)pb;
    return ty_judge_only_greeting(norm, n);
}

static bool pb_example_asks_person(const ty_playbook *pb, const char *norm, size_t n) {
    return ty_judge_read_exit(&pb->judge_index, norm, n, NULL) == TY_JUDGE_HANDOFF;
}

/* *count (in c->tmp): per intent, how many of its examples `test` says
 * yes to, counting only handoff intents' when `handoffs`. */
static int pb_count_examples(pb_ctx *c, pb_example_test test, bool handoffs, uint32_t **count) {
    const ty_playbook *pb = c->pb;
    *count = pb_calloc(&c->tmp, pb->nintents ? pb->nintents : 1, sizeof **count);
    if (!*count) return pb_nomem(c);
    for (size_t i = 0; i < c->nexamples; i++) {
        if (handoffs && pb->intents[c->examples[i].intent].does != TY_PB_DOES_HANDOFF) continue;
        size_t n;
        char *norm = ty_text_normalize(c->examples[i].text, c->examples[i].len, &c->tmp, &n);
        if (!norm) return pb_nomem(c);
        if (test(pb, norm, n)) (*count)[c->examples[i].intent]++;
    }
    return TY_OK;
}

/* The intent the largest share of whose examples `count` holds, among
 * those with min_count of them or more making min_share of its examples or
 * more (the first on a tie), or -1. */
static int32_t pb_most_examples(const ty_playbook *pb, const uint32_t *count, uint32_t min_count, double min_share) {
    int32_t found = -1;
    double best = 0;
    for (size_t i = 0; i < pb->nintents; i++) {
        double share = count[i] ? (double)count[i] / pb->intents[i].nexamples : 0;
        if (count[i] >= min_count && share >= min_share && share > best) {
            best = share;
            found = (int32_t)i;
        }
    }
    return found;
}

/* Finds pb->person_intent (playbook.h): a complaint handed on is not the
 * words for "can I talk to someone". */
static int pb_find_person_intent(pb_ctx *c) {
    uint32_t *count;
    int rc = pb_count_examples(c, pb_example_asks_person, true, &count);
    if (!rc) c->pb->person_intent = pb_most_examples(c->pb, count, 1, 0);
    return rc;
}

/* Finds pb->greeting: the intent most of whose examples are only
 * greetings, when they are at least half of its examples and two or more
 * (a lone "👋" then reaches it even where the model cannot read it). */
static int pb_find_greeting(pb_ctx *c) {
    uint32_t *count;
    int rc = pb_count_examples(c, pb_example_greets, false, &count);
    if (!rc) c->pb->greeting = pb_most_examples(c->pb, count, 2, 0.5);
    return rc;
}

/* Trains the matcher over every example (the playbook owns it). */
static int pb_train(pb_ctx *c) {
    ty_playbook *pb = c->pb;
    if (c->nexamples == 0) return TY_OK;
    ty_error te;
    ty_err_clear(&te);
    /* one model per language, so a translation never moves the calibration
     * of the playbook's own language */
    size_t own = c->nlang_examples ? c->lang_examples[1] : c->nexamples;
    const ty_mlex *lex = pb->locale_code ? ty_mlex_for(pb->locale_code, pb->locale_code_len) : ty_mlex_en();
    pb->matcher = ty_matcher_train(c->examples, own, (uint32_t)pb->nintents, lex, &pb->hooks, &te);
    for (size_t li = 1; pb->matcher && li < pb->nlangs; li++) {
        size_t from = c->lang_examples[li], to = li < c->nlang_examples ? c->lang_examples[li + 1] : c->nexamples;
        lex = ty_mlex_for(pb->langs[li].code, pb->langs[li].code_len);
        if (to > from && !(pb->langs[li].matcher = ty_matcher_train(c->examples + from, to - from,
                                                                    (uint32_t)pb->nintents, lex, &pb->hooks, &te)))
            break;
    }
    if (pb->matcher && !te.code) return TY_OK;
    if (te.code == TY_E_NOMEM) return pb_nomem(c);
    if (!te.code) te.code = TY_E_SCHEMA;
    sc_path_set(&c->path, "intents");
    return pb_fail(c, te.code, "%s", te.message);
}

/* ===================================================================== *
 * Load
 * ===================================================================== */

/* The words of s[0..n) between the characters of seps, stored in set (when
 * not NULL) from index count on (not NUL-terminated); returns count plus
 * their number. */
static size_t pb_split_words(const char *s, size_t n, const char *seps, ty_wordset *set, size_t count) {
    for (size_t a = 0, b; a < n; a = b + 1) {
        for (b = a; b < n && (s[b] == '\0' || !strchr(seps, s[b])); b++) {}
        if (b == a) continue;
        if (set) {
            set->w[count] = s + a;
            set->len[count] = b - a;
        }
        count++;
    }
    return count;
}

/* Counts the words of every static option name (the titles and synonyms,
 * normalised, of each language) of the choice slots `pick` marks (NULL:
 * every one; else only titles of one word), and with set non-NULL stores
 * each (not NUL-terminated) in set->w and set->len. */
static size_t pb_each_option_word(const ty_playbook *pb, const bool *pick, ty_wordset *set) {
    size_t count = 0;
    for (size_t si = 0; si < pb->nslots; si++) {
        const ty_slot *slot = &pb->slots[si];
        if (slot->type != TY_SLOT_CHOICE || (pick && !pick[si])) continue;
        for (size_t li = 0; li <= TY_SLOT_MAX_LANGS; li++) {
            const ty_option *opts = li == 0 ? slot->options : slot->lang_options[li - 1];
            for (size_t o = 0; opts && o < slot->noptions; o++)
                for (size_t k = 0; k <= (pick ? 0 : opts[o].nsynonyms); k++) {
                    const char *s = k == 0                  ? opts[o].norm_title
                                    : opts[o].norm_synonyms ? opts[o].norm_synonyms[k - 1]
                                                            : NULL;
                    size_t n = !s ? 0 : k == 0 ? opts[o].norm_title_len : opts[o].norm_synonym_lens[k - 1];
                    if (pick && memchr(s, ' ', n)) continue;
                    count = pb_split_words(s, n, " ", set, count);
                }
        }
    }
    return count;
}

/* Counts the option names (titles and synonyms, normalised, of each
 * language) that are one number in digits ("15", "45"), and with set
 * non-NULL stores each in set->w and set->len; pick is unused. */
static size_t pb_each_option_number(const ty_playbook *pb, const bool *pick, ty_wordset *set) {
    (void)pick;
    size_t count = 0;
    for (size_t si = 0; si < pb->nslots; si++) {
        const ty_slot *slot = &pb->slots[si];
        if (slot->type != TY_SLOT_CHOICE) continue;
        for (size_t li = 0; li <= TY_SLOT_MAX_LANGS; li++) {
            const ty_option *opts = li == 0 ? slot->options : slot->lang_options[li - 1];
            for (size_t o = 0; opts && o < slot->noptions; o++)
                for (size_t k = 0; k <= opts[o].nsynonyms; k++) {
                    const char *s = k == 0 ? opts[o].norm_title : opts[o].norm_synonyms ? opts[o].norm_synonyms[k - 1] : NULL;
                    size_t n = !s ? 0 : k == 0 ? opts[o].norm_title_len : opts[o].norm_synonym_lens[k - 1], d = 0;
                    while (d < n && s[d] >= '0' && s[d] <= '9') d++;
                    if (!n || d < n || n > 9) continue;
                    if (set) {
                        set->w[count] = s;
                        set->len[count] = n;
                    }
                    count++;
                }
        }
    }
    return count;
}

/* The byte order of two NUL-terminated words, for qsort. */
static int pb_word_cmp(const void *x, const void *y) {
    const char *const *a = x, *const *b = y;
    return strcmp(*a, *b);
}

/* Each word of each slot's name (split at '_' and '-': "vuelo" and "numero"
 * of "vuelo_numero"), counted, and stored in set unless it is NULL; pick
 * is unused (the shape of pb_each_option_word). */
static size_t pb_each_slot_word(const ty_playbook *pb, const bool *pick, ty_wordset *set) {
    (void)pick;
    size_t count = 0;
    for (size_t si = 0; si < pb->nslots; si++)
        count = pb_split_words(pb->slots[si].name, pb->slots[si].name_len, "_-", set, count);
    return count;
}

/* How a wordset's words are listed: each(pb, pick, NULL) counts them,
 * each(pb, pick, set) stores them in set->w, set->len. */
typedef size_t (*pb_each_word_fn)(const ty_playbook *pb, const bool *pick, ty_wordset *set);

/* *set: the words `each` lists (ASCII letters in lower case), sorted and
 * unique, in the playbook's arena. */
static int pb_wordset(pb_ctx *c, pb_each_word_fn each, const bool *pick, ty_wordset *set) {
    ty_playbook *pb = c->pb;
    size_t n = each(pb, pick, NULL);
    if (!n) return TY_OK;
    const char **tmp_w = pb_calloc(&c->tmp, n, sizeof *tmp_w); /* load-time scratch */
    size_t *tmp_len = pb_calloc(&c->tmp, n, sizeof *tmp_len);
    set->w = pb_calloc(&pb->arena, n, sizeof *set->w);
    set->len = pb_calloc(&pb->arena, n, sizeof *set->len);
    if (!tmp_w || !tmp_len || !set->w || !set->len) return pb_nomem(c);
    ty_wordset tmp = {tmp_w, tmp_len, 0};
    each(pb, pick, &tmp);
    for (size_t i = 0; i < n; i++) { /* each a string of its own, for qsort and strcmp */
        char *w = ty_arena_alloc(&pb->arena, tmp_len[i] + 1);
        if (!w) return pb_nomem(c);
        for (size_t k = 0; k < tmp_len[i]; k++) w[k] = (char)ty_lower((unsigned char)tmp_w[i][k]);
        w[tmp_len[i]] = '\0';
        tmp_w[i] = w;
    }
    qsort(tmp_w, n, sizeof *tmp_w, pb_word_cmp);
    for (size_t i = 0; i < n; i++)
        if (set->n == 0 || strcmp(set->w[set->n - 1], tmp_w[i]) != 0) {
            set->w[set->n] = tmp_w[i];
            set->len[set->n++] = strlen(tmp_w[i]);
        }
    return TY_OK;
}

/* Marks in pick[] the choice slots a flow asks next after number slot si
 * (the next step that asks, in document order: "how many pizzas?", then
 * "which size?"); true when there is one. */
static bool pb_asked_next(const ty_playbook *pb, size_t si, bool *pick) {
    bool any = false;
    for (size_t f = 0; f < pb->nflows; f++) {
        const ty_pb_flow *fl = &pb->flows[f];
        bool after = false;
        for (size_t k = 0; k < fl->nsteps; k++) {
            int32_t ask = fl->steps[k].ask;
            if (ask < 0) continue;
            if (after && pb->slots[ask].type == TY_SLOT_CHOICE) any = pick[ask] = true;
            after = (size_t)ask == si;
        }
    }
    return any;
}

/* Each number slot's count_words (slot.h), for the number reader. */
static int pb_count_words(pb_ctx *c) {
    ty_playbook *pb = c->pb;
    bool *pick = pb_calloc(&c->tmp, pb->nslots ? pb->nslots : 1, sizeof *pick);
    if (!pick) return pb_nomem(c);
    for (size_t si = 0; si < pb->nslots; si++) {
        if (pb->slots[si].type != TY_SLOT_NUMBER) continue;
        memset(pick, 0, pb->nslots * sizeof *pick);
        if (!pb_asked_next(pb, si, pick)) continue;
        ty_wordset *set = pb_calloc(&pb->arena, 1, sizeof *set);
        if (!set) return pb_nomem(c);
        int rc = pb_wordset(c, pb_each_option_word, pick, set);
        if (rc) return rc;
        pb->slots[si].count_words = set;
    }
    return TY_OK;
}

/* In flow f, marks in occ[] the date slots a step asks as the day of an
 * occasion (its text has one of the locale's occasion_leads right before
 * one of its occasions: "date of the wedding", "es la fiesta"), and in
 * plain[] those a step asks otherwise. */
static int pb_occasion_steps(pb_ctx *c, size_t f, bool *occ, bool *plain) {
    const ty_locale *loc = c->pb->locale;
    const ty_playbook *pb = c->pb;
    for (size_t k = 0; k < pb->flows[f].nsteps; k++) {
        const ty_pb_step *st = &pb->flows[f].steps[k];
        if (st->ask < 0 || pb->slots[st->ask].type != TY_SLOT_DATE) continue;
        const ty_pb_template *tp = st->say >= 0 ? &pb->templates[st->say] : NULL;
        size_t n = 0;
        char *norm = tp && tp->source ? ty_text_normalize(tp->source, tp->source_len, &c->tmp, &n) : NULL;
        if (tp && tp->source && !norm) return pb_nomem(c);
        if (norm && ty_judge_has_after(norm, n, loc->occasion_leads, loc->occasions)) occ[st->ask] = true;
        else plain[st->ask] = true;
    }
    return TY_OK;
}

/* Marks each date slot asked only as the day of an occasion
 * (occasion_asked, slot.h): a step asks it so (pb_occasion_steps:
 * "What's the date of the wedding?"; not
 * "Which day would you like your engagement shoot?"), and no other flow
 * than that one and the playbook's flow for changes asks it ("What's the
 * new date?"): a pick-up day asked elsewhere is no party's. */
static int pb_occasion_slots(pb_ctx *c) {
    ty_playbook *pb = c->pb;
    size_t ns = pb->nslots ? pb->nslots : 1;
    bool *occ = pb_calloc(&c->tmp, 4 * ns, sizeof *occ);
    if (!occ) return pb_nomem(c);
    bool *plain = occ + ns, *any_occ = occ + 2 * ns, *any_plain = occ + 3 * ns;
    int32_t change = pb->change_intent >= 0 ? pb->intents[pb->change_intent].flow : -1;
    for (size_t f = 0; f < pb->nflows; f++) {
        memset(occ, 0, 2 * ns * sizeof *occ);
        int rc = pb_occasion_steps(c, f, occ, plain);
        if (rc) return rc;
        for (size_t s = 0; s < pb->nslots; s++) {
            any_occ[s] |= occ[s];
            any_plain[s] |= plain[s] && !occ[s] && (int32_t)f != change;
        }
    }
    for (size_t s = 0; s < pb->nslots; s++) pb->slots[s].occasion_asked = any_occ[s] && !any_plain[s];
    return TY_OK;
}

/* Prepares every static options array (each language's too) for the
 * choice reader, in the playbook's arena, so a step never splits names. */
static int pb_prepare_choices(pb_ctx *c) {
    ty_playbook *pb = c->pb;
    int rc = pb_wordset(c, pb_each_option_word, NULL, &pb->option_words);
    if (!rc) rc = pb_wordset(c, pb_each_slot_word, NULL, &pb->slot_words);
    if (!rc) rc = pb_wordset(c, pb_each_option_number, NULL, &pb->option_numbers);
    if (!rc) rc = pb_count_words(c);
    if (!rc) rc = pb_occasion_slots(c);
    if (rc) return rc;
    for (size_t si = 0; si < pb->nslots; si++) {
        ty_slot *slot = &pb->slots[si];
        if (slot->type != TY_SLOT_CHOICE || !slot->options || !slot->noptions) continue;
        if (ty_choice_prep_build(slot->options, slot->noptions, &pb->arena, &slot->choice_prep)) return pb_nomem(c);
        for (size_t li = 0; li < TY_SLOT_MAX_LANGS; li++)
            if (slot->lang_options[li] &&
                ty_choice_prep_build(slot->lang_options[li], slot->noptions, &pb->arena, &slot->lang_choice_prep[li]))
                return pb_nomem(c);
    }
    return TY_OK;
}

/* Parses, validates and compiles; the caller owns the result (free with
 * ty_playbook_free). The parsed document and scratch die here. */
ty_playbook *ty_playbook_load(const char *json, size_t len, const ty_playbook_opts *opts, ty_error *err) {
    ty_err_clear(err);
    const ty_alloc *alloc = opts ? opts->alloc : NULL;
    size_t max_bytes = opts && opts->max_bytes ? opts->max_bytes : TY_PLAYBOOK_MAX_BYTES;
    if (!json && len) {
        ty_err_set(err, TY_DOMAIN_PLAYBOOK, TY_E_ARG, "playbook: NULL pointer with length %zu", len);
        return NULL;
    }
    if (len > max_bytes) {
        ty_err_set(err, TY_DOMAIN_PLAYBOOK, TY_E_LIMIT, "playbook is %zu bytes, over the limit of %zu bytes (max_bytes)",
                   len, max_bytes);
        return NULL;
    }
    if (opts && (opts->state_ttl < 0 || opts->state_ttl > TY_FLOW_MAX_TIME)) {
        ty_err_set(err, TY_DOMAIN_PLAYBOOK, TY_E_ARG, "state_ttl must be 0 (states do not expire) to %lld seconds",
                   (long long)TY_FLOW_MAX_TIME);
        return NULL;
    }
    ty_doc *doc = ty_doc_parse_in(json, len, alloc, max_bytes, 0, TY_DOMAIN_PLAYBOOK, err);
    if (!doc) return NULL;
    ty_playbook *pb = ty_mem_alloc(alloc, sizeof *pb);
    if (!pb) {
        ty_doc_free(doc);
        ty_err_nomem(err, TY_DOMAIN_PLAYBOOK);
        return NULL;
    }
    memset(pb, 0, sizeof *pb);
    pb->alloc = alloc;
    ty_arena_init(&pb->arena, alloc);
    pb->counter.base = alloc;
    pb->hooks.malloc = pb_hook_malloc;
    pb->hooks.realloc = pb_hook_realloc;
    pb->hooks.free = pb_hook_free;
    pb->hooks.ctx = &pb->counter;
    pb->fallback = -1;
    pb->greeting = -1;
    pb->change_intent = -1;
    pb->person_intent = -1;
    pb->close_after = -1;
    pb->reprompts = TY_PB_DEFAULT_REPROMPTS;
    pb->max_message = opts && opts->max_message ? opts->max_message : TY_MESSAGE_MAX_BYTES;
    pb->state_ttl = opts ? opts->state_ttl : 0;

    pb_ctx c;
    memset(&c, 0, sizeof c);
    c.pb = pb;
    c.err = err;
    c.root = ty_doc_root(doc);
    c.max_intents = opts && opts->max_intents ? opts->max_intents : TY_PLAYBOOK_MAX_INTENTS;
    c.max_examples = opts && opts->max_examples ? opts->max_examples : TY_PLAYBOOK_MAX_EXAMPLES;
    ty_arena_init(&c.tmp, alloc);

    int rc;
    if (ty_value_kind(c.root) != TY_MAP) rc = pb_fail(&c, TY_E_SCHEMA, "a playbook must be a JSON object");
    else if (!(rc = pb_load_header(&c)) && !(rc = pb_load_slots(&c)) && !(rc = pb_check_templates(&c)) &&
             !(rc = pb_load_intents(&c)) && !(rc = pb_load_flows(&c)) && !(rc = pb_load_tail(&c)) &&
             !(rc = pb_check_cycles(&c)) && !(rc = pb_compile_templates(&c)) && !(rc = pb_load_channels(&c)) &&
             !(rc = pb_load_languages(&c)) &&
             !(rc = pb_find_greeting(&c)) && !(rc = pb_find_person_intent(&c))) {
        pb_find_change_intent(pb); /* before pb_prepare_choices, which reads it */
        if (!(rc = pb_prepare_choices(&c))) rc = pb_train(&c);
    }
    ty_arena_free(&c.tmp);
    ty_doc_free(doc);
    if (rc) {
        ty_playbook_free(pb);
        return NULL;
    }
    /* computed once here so every step compares states against it for free */
    ty_flow_fingerprint(pb, pb->fingerprint);
    return pb;
}
#undef PB_HDR
