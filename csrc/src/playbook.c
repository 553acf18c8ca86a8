/*
 * playbook.c — what the playbook's loader (pb_load.c) and its readers
 * (pb_match.c, flow.c, lint.c) share: the channel names, the small string
 * helpers of the pb_* files, the scalar readers (durations, UTC offsets,
 * clock times), the lookups by name, stats, and ty_playbook_free.
 *
 * The playbook itself (docs/playbook.md) is described in playbook.h. The
 * pb_* files follow this one in csrc/tinyyes.c (one translation unit):
 * pb_load.c reads and validates the JSON document into a ty_playbook,
 * pb_lang.c its languages, pb_match.c matches a message against it.
 */
#include "playbook.h"
#include "api_table.h" /* api_channels: the channel names, in TY_PB_CHANNEL_* order */

#include <math.h>

#define PB_N(a) (sizeof(a) / sizeof((a)[0]))

/* ===================================================================== *
 * Tables
 * ===================================================================== */

const char *ty_pb_channel_name(int channel) {
    return channel >= 0 && channel < TY_PB_CHANNEL_COUNT ? api_channels[channel] : NULL;
}

/* Channel index for a name (see playbook.h); -1 when it is not one. */
int ty_pb_channel_parse(const char *s, size_t len) {
    for (int i = 0; s && i < TY_PB_CHANNEL_COUNT; i++)
        if (strlen(api_channels[i]) == len && memcmp(api_channels[i], s, len) == 0) return i;
    return -1;
}

int ty_pb_channel_arg(const char *s, size_t len, ty_error *err) {
    int k = ty_pb_channel_parse(s, len);
    if (k >= 0) return k;
    char shown[48];
    size_t m = s ? (len < 40 ? len : 40) : 0, bad;
    if (m) memcpy(shown, s, m);
    shown[m] = '\0';
    if (ty_utf8_check(shown, m, &bad)) shown[bad] = '\0';
    ty_err_path(err, "channel");
    ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG,
               "unknown channel \"%s\" (allowed: whatsapp, messenger, instagram, telegram, webchat, sms)", shown);
    return -1;
}

/* ===================================================================== *
 * Helpers shared by the pb_* files (declared in playbook.h)
 * ===================================================================== */

/* Fills q with "s" (cut at 60 bytes with an ellipsis); returns q->s. */
static const char *pb_quote(pb_q *q, const char *s, size_t len) {
    size_t n = sc_cut(s, len, 60), k = 0;
    q->s[k++] = '"';
    memcpy(q->s + k, s, n);
    k += n;
    if (n < len) {
        memcpy(q->s + k, "\xE2\x80\xA6", 3);
        k += 3;
    }
    q->s[k++] = '"';
    q->s[k] = '\0';
    return q->s;
}

/* Byte-wise order of two (ptr, len) strings. */
static int pb_bytes_cmp(const char *a, size_t alen, const char *b, size_t blen) {
    size_t m = alen < blen ? alen : blen;
    int r = m ? memcmp(a, b, m) : 0;
    if (r) return r;
    return alen < blen ? -1 : alen > blen ? 1 : 0;
}

/* See playbook.h; reads the table through `at` only. */
static size_t pb_sorted_find(const void *table, size_t n, pb_text_at at, const char *s, size_t len) {
    size_t lo = 0, hi = n, tl;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *t = at(table, mid, &tl);
        if (pb_bytes_cmp(t, tl, s, len) < 0) lo = mid + 1;
        else hi = mid;
    }
    if (lo == n) return n;
    const char *t = at(table, lo, &tl);
    return pb_bytes_cmp(t, tl, s, len) == 0 ? lo : n;
}

/* True when every byte is ASCII white space (or there are none). */
static bool pb_blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!ty_is_space((unsigned char)s[i])) return false;
    return true;
}

/* Zeroed n*size bytes from an arena (overflow-checked); NULL on OOM. */
static void *pb_calloc(ty_arena *a, size_t n, size_t size) {
    size_t bytes;
    if (!ty_size_mul(n ? n : 1, size, &bytes)) return NULL;
    void *p = ty_arena_alloc(a, bytes);
    if (p) memset(p, 0, bytes);
    return p;
}

/* ===================================================================== *
 * Scalars: durations, UTC offsets, clock times, locale codes
 * ===================================================================== */

/* Reads a duration value into seconds (see playbook.h). */
bool ty_pb_parse_duration(const ty_value *v, int64_t *seconds) {
    if (ty_value_kind(v) == TY_NUMBER) {
        double x = ty_value_number(v);
        if (!(x >= 0) || x > (double)TY_PB_MAX_DURATION || x != floor(x)) return false;
        *seconds = (int64_t)x;
        return true;
    }
    size_t n;
    const char *s = ty_value_string(v, &n);
    if (!s || n < 2 || n > 10) return false;
    int64_t num = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (!ty_is_digit((unsigned char)s[i])) return false;
        num = num * 10 + (s[i] - '0');
    }
    int64_t unit;
    switch (s[n - 1]) {
    case 's': unit = 1; break;
    case 'm': unit = 60; break;
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    default: return false;
    }
    if (num > TY_PB_MAX_DURATION / unit) return false;
    *seconds = num * unit;
    return true;
}

/* Two ASCII digits at s as a number, or -1. */
static int pb_two_digits(const char *s) {
    if (!ty_is_digit((unsigned char)s[0]) || !ty_is_digit((unsigned char)s[1])) return -1;
    return (s[0] - '0') * 10 + (s[1] - '0');
}

int ty_utc_offset_parse(const char *s, size_t len, int32_t *seconds) {
    if (s && len == 1 && (s[0] == 'Z' || s[0] == 'z')) {
        *seconds = 0;
        return TY_OK;
    }
    if (!s || (len != 6 && len != 5) || (s[0] != '+' && s[0] != '-') || (len == 6 && s[3] != ':'))
        return TY_E_SYNTAX;
    int h = pb_two_digits(s + 1), m = pb_two_digits(s + len - 2);
    if (h < 0 || m < 0 || m > 59) return TY_E_SYNTAX;
    int32_t v = (int32_t)(h * 3600 + m * 60);
    *seconds = s[0] == '-' ? -v : v;
    return TY_OK;
}

/* Reads a playbook's "+HH:MM" / "-HH:MM" (the written form only) within
 * ±14:00 into seconds east of UTC (see playbook.h). */
bool ty_pb_parse_utc_offset(const char *s, size_t len, int32_t *seconds) {
    int32_t v;
    if (len != 6 || ty_utc_offset_parse(s, len, &v) || v > TY_UTC_OFFSET_MAX || v < -TY_UTC_OFFSET_MAX) return false;
    *seconds = v;
    return true;
}

/* Reads "HH:MM" into minutes after midnight (see playbook.h). */
bool ty_pb_parse_clock(const char *s, size_t len, int *minutes) {
    if (!s || len != 5 || s[2] != ':') return false;
    int h = pb_two_digits(s), m = pb_two_digits(s + 3);
    if (h < 0 || m < 0 || h > 23 || m > 59) return false;
    *minutes = h * 60 + m;
    return true;
}

/* ===================================================================== *
 * Free
 * ===================================================================== */

/* Releases the playbook: compiled templates, the matcher, the arena. */
void ty_playbook_free(ty_playbook *pb) {
    if (!pb) return;
    for (size_t i = 0; i < pb->ntemplates; i++) {
        ty_pb_template *t = &pb->templates[i];
        ty_template_free(t->text);
        for (size_t j = 0; j < t->nvariants; j++) ty_template_free(t->variants[j]);
        for (size_t j = 0; j < TY_PB_CHANNEL_COUNT; j++) ty_template_free(t->channels[j]);
        for (size_t j = 0; t->whatsapp && j < t->whatsapp->nparams; j++) ty_template_free(t->whatsapp->params[j]);
    }
    ty_matcher_free(pb->matcher);
    for (size_t li = 1; li < pb->nlangs; li++) {
        ty_pb_lang *l = &pb->langs[li];
        ty_matcher_free(l->matcher);
        for (size_t i = 0; l->templates && i < pb->ntemplates; i++) {
            ty_pb_template *t = &l->templates[i];
            ty_template_free(t->text);
            for (size_t j = 0; j < t->nvariants; j++) ty_template_free(t->variants[j]);
            for (size_t j = 0; j < TY_PB_CHANNEL_COUNT; j++) ty_template_free(t->channels[j]);
        }
    }
    ty_arena_free(&pb->arena);
    ty_mem_free(pb->alloc, pb);
}

/* ===================================================================== *
 * Lookups shared with the flow engine
 * ===================================================================== */

/* Slot index by name, or -1 (linear; see playbook.h). */
int32_t ty_pb_slot_find(const ty_playbook *pb, const char *name, size_t len) {
    for (size_t i = 0; i < pb->nslots; i++)
        if (pb->slots[i].name_len == len && memcmp(pb->slots[i].name, name, len) == 0) return (int32_t)i;
    return -1;
}

/* Template index by name, or -1 (linear; see playbook.h). */
int32_t ty_pb_template_find(const ty_playbook *pb, const char *name, size_t len) {
    for (size_t i = 0; i < pb->ntemplates; i++)
        if (pb->templates[i].name_len == len && memcmp(pb->templates[i].name, name, len) == 0) return (int32_t)i;
    return -1;
}

/* Flow index by name, or -1 (linear; see playbook.h). */
int32_t ty_pb_flow_find(const ty_playbook *pb, const char *name, size_t len) {
    for (size_t i = 0; i < pb->nflows; i++)
        if (pb->flows[i].name_len == len && memcmp(pb->flows[i].name, name, len) == 0) return (int32_t)i;
    return -1;
}

/* ===================================================================== *
 * Stats
 * ===================================================================== */

/* Returns a new doc (caller frees with ty_doc_free). */
ty_doc *ty_playbook_stats(const ty_playbook *pb, ty_error *err) {
    ty_err_clear(err);
    if (!pb) {
        ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "playbook is required");
        return NULL;
    }
    ty_doc *doc = ty_doc_new(pb->alloc);
    ty_value *root = doc ? ty_val_map(doc) : NULL;
    const char *keys[] = {"bytes", "intents", "examples", "features", "slots", "templates", "flows"};
    double vals[] = {
        (double)(sizeof *pb + pb->arena.total + pb->counter.live),
        (double)pb->nintents,
        (double)pb->nexamples,
        (double)(pb->matcher ? ty_matcher_features(pb->matcher) : 0),
        (double)pb->nslots,
        (double)pb->ntemplates,
        (double)pb->nflows,
    };
    for (size_t i = 0; root && i < PB_N(keys); i++) {
        ty_value *v = ty_val_number(doc, vals[i]);
        if (!v || ty_map_put(doc, root, keys[i], strlen(keys[i]), v)) root = NULL;
    }
    if (!root) {
        ty_doc_free(doc);
        ty_err_nomem(err, TY_DOMAIN_NONE);
        return NULL;
    }
    ty_doc_set_root(doc, root);
    return doc;
}

/* PB_N is #undef-ined at the end of pb_lang.c, the last file that uses it. */
