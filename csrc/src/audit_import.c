/*
 * audit_import.c — reads chat exports into the audit's messages (audit.h):
 * WhatsApp's "Export chat" text (the Android "12/03/2026, 14:05 - Name:
 * text" and iOS "[12/03/2026, 14:05:09] Name: text" styles, 12- and
 * 24-hour times, multi-line messages, attachments, deleted messages and
 * system lines), CSV (RFC 4180, a header row) and JSON lines.
 *
 * WhatsApp writes dates in the phone's order: an export whose first field
 * goes past 12 somewhere is day/month, one whose second does is
 * month/day, and one that never tells is day/month unless the options say
 * otherwise. Times are the phone's local time (ty_audit_opts.utc_offset).
 * Every line that is neither a message, its continuation, a system line
 * nor blank is a problem with its line number.
 */
#include "audit.h"

#include "civil.h"
#include "text.h"

#include <stdarg.h>
#include <stdio.h>

/* ---- the set ----------------------------------------------------------- */

void au_set_init(au_set *s, const ty_alloc *alloc) {
    memset(s, 0, sizeof *s);
    s->alloc = alloc;
    ty_arena_init(&s->arena, alloc);
}

static void au_names_free(const ty_alloc *a, au_names *n) {
    ty_mem_free(a, n->name);
    ty_mem_free(a, n->len);
    ty_mem_free(a, n->slot);
}

void au_set_free(au_set *s) {
    ty_mem_free(s->alloc, s->msg);
    ty_mem_free(s->alloc, s->prob);
    au_names_free(s->alloc, &s->convs);
    au_names_free(s->alloc, &s->senders);
    ty_arena_free(&s->arena);
}

static uint32_t au_hash(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* Doubles the slot table of names and re-inserts every name. */
static int au_names_grow(au_set *s, au_names *nm) {
    uint32_t ns = nm->nslot ? nm->nslot * 2 : 64;
    uint32_t *slot = ty_mem_alloc(s->alloc, (size_t)ns * sizeof *slot);
    if (!slot) return TY_E_NOMEM;
    memset(slot, 0, (size_t)ns * sizeof *slot);
    for (uint32_t i = 0; i < nm->n; i++) {
        uint32_t p = au_hash(nm->name[i], nm->len[i]) & (ns - 1);
        while (slot[p]) p = (p + 1) & (ns - 1);
        slot[p] = i + 1;
    }
    ty_mem_free(s->alloc, nm->slot);
    nm->slot = slot;
    nm->nslot = ns;
    return TY_OK;
}

uint32_t au_intern(au_set *s, au_names *nm, const char *name, size_t len) {
    if (2 * (nm->n + 1) > nm->nslot && au_names_grow(s, nm)) return UINT32_MAX;
    uint32_t p = au_hash(name, len) & (nm->nslot - 1);
    for (; nm->slot[p]; p = (p + 1) & (nm->nslot - 1)) {
        uint32_t i = nm->slot[p] - 1;
        if (nm->len[i] == len && memcmp(nm->name[i], name, len) == 0) return i;
    }
    if (nm->n == nm->cap) {
        uint32_t nc = nm->cap ? nm->cap * 2 : 16;
        const char **nn = ty_mem_realloc(s->alloc, nm->name, nm->cap * sizeof *nn, nc * sizeof *nn);
        if (!nn) return UINT32_MAX;
        nm->name = nn;
        size_t *nl = ty_mem_realloc(s->alloc, nm->len, nm->cap * sizeof *nl, nc * sizeof *nl);
        if (!nl) return UINT32_MAX;
        nm->len = nl;
        nm->cap = nc;
    }
    char *copy = ty_arena_dup(&s->arena, name, len);
    if (!copy) return UINT32_MAX;
    nm->name[nm->n] = copy;
    nm->len[nm->n] = len;
    nm->slot[p] = ++nm->n;
    return nm->n - 1;
}

/* Doubles the array *p of *cap items of size bytes (first: first items). */
static int au_grow(au_set *s, void **p, size_t *cap, size_t size, size_t first) {
    size_t nc = *cap ? *cap * 2 : first;
    void *np = ty_mem_realloc(s->alloc, *p, *cap * size, nc * size);
    if (!np) return TY_E_NOMEM;
    *p = np;
    *cap = nc;
    return TY_OK;
}

int au_problem_add(au_set *s, uint32_t input, uint32_t line, const char *fmt, ...) {
    if (s->nprob == s->cprob && au_grow(s, (void **)&s->prob, &s->cprob, sizeof *s->prob, 16)) return TY_E_NOMEM;
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    size_t n = k < 0 ? 0 : (size_t)k >= sizeof buf ? sizeof buf - 1 : (size_t)k;
    const char *msg = ty_arena_dup(&s->arena, buf, n);
    if (!msg) return TY_E_NOMEM;
    s->prob[s->nprob++] = (au_problem){input, line, msg};
    return TY_OK;
}

/* Adds a message (text copied into the arena). */
static int au_add(au_set *s, uint32_t input, uint32_t line, const char *conv, size_t conv_len, const char *sender,
                  size_t sender_len, int64_t at, const char *text, size_t len, uint8_t kind) {
    if (s->nmsg == s->cmsg && au_grow(s, (void **)&s->msg, &s->cmsg, sizeof *s->msg, 256)) return TY_E_NOMEM;
    uint32_t c = au_intern(s, &s->convs, conv, conv_len);
    uint32_t who = c == UINT32_MAX ? c : au_intern(s, &s->senders, sender, sender_len);
    char *t = who == UINT32_MAX ? NULL : ty_arena_dup(&s->arena, text, len);
    if (!t) return TY_E_NOMEM;
    s->msg[s->nmsg] = (au_msg){c, who, at, t, len, input, line, (uint32_t)s->nmsg, kind};
    s->nmsg++;
    return TY_OK;
}

/* ---- text helpers ------------------------------------------------------- */

/* Length of an invisible mark at s[0..n) (left-to-right and embedding
 * marks, the byte order mark), or 0. */
static size_t au_mark(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) return 3;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x8E || u[2] == 0x8F || (u[2] >= 0xAA && u[2] <= 0xAE)))
        return 3;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9) return 3;
    return 0;
}

/* Length of a blank at s[0..n): a space, a tab, U+00A0 or U+202F; or 0. */
static size_t au_blank(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 1 && (u[0] == ' ' || u[0] == '\t')) return 1;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0) return 2;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF) return 3;
    return 0;
}

/* Trims blanks and marks from both ends of s[*a..*b). */
static void au_trim(const char *s, size_t *a, size_t *b) {
    for (size_t k; *a < *b && ((k = au_blank(s + *a, *b - *a)) || (k = au_mark(s + *a, *b - *a)));) *a += k;
    while (*a < *b && (s[*b - 1] == ' ' || s[*b - 1] == '\t' || s[*b - 1] == '\r')) (*b)--;
}

/* True when s[0..n) starts (ends) with w, ignoring ASCII case. */
static bool au_starts_ci(const char *s, size_t n, const char *w) {
    size_t m = strlen(w);
    if (m > n) return false;
    for (size_t k = 0; k < m; k++)
        if (ty_lower((unsigned char)s[k]) != w[k]) return false;
    return true;
}

static bool au_ends_ci(const char *s, size_t n, const char *w) {
    size_t m = strlen(w);
    return m <= n && au_starts_ci(s + n - m, m, w);
}

/* What a WhatsApp message text carries, told by the markers the apps
 * write as the whole message: an attachment ("<Media omitted>",
 * "<attached: ...>", "image omitted", "IMG-1.jpg (file attached)"), a
 * deletion ("This message was deleted") or text. s is trimmed. */
static uint8_t au_kind(const char *s, size_t n) {
    static const char *const ends[] = {"omitted>", "omitted", "omitido>", "omitida", "omitido", "(file attached)",
                                       "(archivo adjunto)", NULL};
    static const char *const deleted[] = {"this message was deleted", "you deleted this message", "se elimin",
                                          "eliminaste este mensaje", NULL};
    while (n && (s[n - 1] == '.' || s[n - 1] == ' ')) n--;
    if (n > 200 || !n) return AU_TEXT;
    if (au_starts_ci(s, n, "<attached:") || au_starts_ci(s, n, "<adjunto:")) return AU_ATTACHMENT;
    for (const char *const *p = ends; *p; p++)
        if (au_ends_ci(s, n, *p) && n < 80) return AU_ATTACHMENT;
    for (const char *const *p = deleted; *p; p++)
        if (au_starts_ci(s, n, *p) && n < 40) return AU_DELETED;
    return AU_TEXT;
}

/* Reads 1 to max digits at s[*i]; false when there are none. */
static bool au_num(const char *s, size_t n, size_t *i, int max, int *out, int *ndig) {
    int v = 0, k = 0;
    while (*i < n && k < max && ty_is_digit((unsigned char)s[*i])) v = v * 10 + (s[(*i)++] - '0'), k++;
    *out = v;
    if (ndig) *ndig = k;
    return k > 0;
}

/* ---- WhatsApp ------------------------------------------------------------ */

/* A WhatsApp line's timestamp: the date's three fields as written, the
 * minutes and seconds of the day, and where the rest starts. */
typedef struct wa_stamp {
    int a, b, y;
    int minute, second;
    size_t rest;
} wa_stamp;

/* Reads an am/pm marker at s[*i] ("am", "p.m.", "a. m."): 1 am, 2 pm, 0. */
static int wa_ampm(const char *s, size_t n, size_t *i) {
    size_t j = *i;
    int c = j < n ? ty_lower((unsigned char)s[j]) : 0;
    if (c != 'a' && c != 'p') return 0;
    j++;
    if (j < n && s[j] == '.') j++;
    while (j < n && s[j] == ' ') j++;
    if (j >= n || ty_lower((unsigned char)s[j]) != 'm') return 0;
    j++;
    if (j < n && s[j] == '.') j++;
    *i = j;
    return c == 'a' ? 1 : 2;
}

/* The date of a WhatsApp timestamp at s[*i]: two numbers and a year
 * ("12/03/26", "3.12.2026") into w->a, w->b and w->y; false when there is
 * none. */
static bool wa_stamp_date(const char *s, size_t n, size_t *i, wa_stamp *w) {
    int yd;
    if (!au_num(s, n, i, 2, &w->a, NULL) || *i >= n || !strchr("/.-", s[*i])) return false;
    char sep = s[(*i)++];
    if (!au_num(s, n, i, 2, &w->b, NULL) || *i >= n || s[*i] != sep) return false;
    (*i)++;
    if (!au_num(s, n, i, 4, &w->y, &yd) || (yd != 2 && yd != 4)) return false;
    if (yd == 2) w->y += 2000;
    return true;
}

/* The time of a WhatsApp timestamp at s[*i] (after the date's blanks):
 * "14:05", "14:05:09", "2:05 pm" into *h (0-23), *mi and *se; false when
 * there is none. */
static bool wa_stamp_clock(const char *s, size_t n, size_t *i, int *h, int *mi, int *se) {
    int md;
    if (!au_num(s, n, i, 2, h, NULL) || *i >= n || s[*i] != ':') return false;
    (*i)++;
    if (!au_num(s, n, i, 2, mi, &md) || md != 2) return false;
    if (*i < n && s[*i] == ':') {
        (*i)++;
        if (!au_num(s, n, i, 2, se, &md) || md != 2) return false;
    }
    size_t j = *i, k;
    while (j < n && (k = au_blank(s + j, n - j))) j += k;
    int ap = wa_ampm(s, n, &j);
    if (ap) *i = j;
    if (ap == 2 && *h < 12) *h += 12;
    if (ap == 1 && *h == 12) *h = 0;
    return !(*h > 23 || *mi > 59 || *se > 59 || (ap && *h > 23));
}

/* What closes a WhatsApp timestamp at s[*i]: "] " after a bracketed one,
 * else " - " (or an en dash); *i moves past it. False when it is missing. */
static bool wa_stamp_end(const char *s, size_t n, size_t *i, bool bracket) {
    size_t k;
    if (bracket) {
        if (*i >= n || s[*i] != ']') return false;
        (*i)++;
        if (*i < n && s[*i] == ' ') (*i)++;
        return true;
    }
    while (*i < n && (k = au_blank(s + *i, n - *i))) *i += k;
    if (*i < n && s[*i] == '-') (*i)++;
    else if (*i + 2 < n && (unsigned char)s[*i] == 0xE2 && (unsigned char)s[*i + 1] == 0x80 &&
             (unsigned char)s[*i + 2] == 0x93)
        *i += 3;
    else return false;
    if (*i < n && s[*i] == ' ') (*i)++;
    return true;
}

/* Parses a line's WhatsApp timestamp; false when the line has none. */
static bool wa_parse_stamp(const char *s, size_t n, wa_stamp *w) {
    size_t i = 0;
    while (i < n && au_mark(s + i, n - i)) i += au_mark(s + i, n - i);
    bool bracket = i < n && s[i] == '[';
    if (bracket) i++;
    int h, mi, se = 0;
    if (!wa_stamp_date(s, n, &i, w)) return false;
    if (i < n && s[i] == ',') i++;
    size_t k, sp = 0;
    while (i < n && (k = au_blank(s + i, n - i))) i += k, sp++;
    if (!sp || !wa_stamp_clock(s, n, &i, &h, &mi, &se) || !wa_stamp_end(s, n, &i, bracket)) return false;
    w->minute = h * 60 + mi;
    w->second = se;
    w->rest = i;
    return true;
}

/* The next line of text[*pos..len): its start and length (no newline). */
static bool au_next_line(const char *text, size_t len, size_t *pos, const char **line, size_t *n) {
    if (*pos >= len) return false;
    const char *s = text + *pos, *nl = memchr(s, '\n', len - *pos);
    size_t m = nl ? (size_t)(nl - s) : len - *pos;
    *pos += m + (nl ? 1 : 0);
    if (m && s[m - 1] == '\r') m--;
    *line = s;
    *n = m;
    return true;
}

/* Day/month (1) or month/day (2) for an export, from its dates. */
static int wa_order(const char *text, size_t len, int want) {
    bool a_big = false, b_big = false;
    size_t pos = 0, n;
    const char *line;
    wa_stamp w;
    while (au_next_line(text, len, &pos, &line, &n))
        if (wa_parse_stamp(line, n, &w)) {
            a_big |= w.a > 12;
            b_big |= w.b > 12;
        }
    if (a_big != b_big) return a_big ? 1 : 2;
    return want ? want : 1;
}

/* One message being read: continuation lines add to its text. */
typedef struct wa_pending {
    bool open;
    uint32_t line;
    int64_t at;
    const char *who;
    size_t who_len;
    ty_buf text;
} wa_pending;

static int wa_flush(au_set *s, uint32_t input, const char *conv, size_t conv_len, wa_pending *p) {
    if (!p->open) return TY_OK;
    p->open = false;
    size_t a = 0, b = p->text.len;
    au_trim(p->text.ptr ? p->text.ptr : "", &a, &b);
    const char *t = p->text.ptr ? p->text.ptr + a : "";
    uint8_t kind = au_kind(t, b - a);
    return au_add(s, input, p->line, conv, conv_len, p->who, p->who_len, p->at, t, b - a, kind);
}

/* Reads one timestamped line into p (after flushing the previous one):
 * system lines (no "Name: ", or iOS's mark-led notices) are skipped. */
static int wa_line(au_set *s, uint32_t input, uint32_t ln, const char *conv, size_t conv_len, const char *line,
                   size_t n, const wa_stamp *w, int order, int32_t utc_offset, wa_pending *p) {
    int rc = wa_flush(s, input, conv, conv_len, p);
    if (rc) return rc;
    int d = order == 1 ? w->a : w->b, m = order == 1 ? w->b : w->a;
    if (m < 1 || m > 12 || d < 1 || d > ty_civil_month_days(w->y, m))
        return au_problem_add(s, input, ln, "line %u: %02d/%02d/%d is not a date (%s first)", (unsigned)ln, w->a,
                              w->b, w->y, order == 1 ? "day" : "month");
    const char *rest = line + w->rest, *colon = NULL;
    size_t rn = n - w->rest;
    for (size_t i = 0; i + 1 < rn; i++)
        if (rest[i] == ':' && rest[i + 1] == ' ') {
            colon = rest + i;
            break;
        }
    if (!colon) return TY_OK; /* "Messages and calls are end-to-end encrypted." and the like */
    size_t na = 0, nb = (size_t)(colon - rest);
    au_trim(rest, &na, &nb);
    size_t ta = (size_t)(colon - rest) + 2;
    if (ta < rn && au_mark(rest + ta, rn - ta)) {
        size_t ka = ta, kb = rn;
        au_trim(rest, &ka, &kb);
        if (au_kind(rest + ka, kb - ka) == AU_TEXT)
            return TY_OK; /* iOS's notices: "<name>: \u200eMessages and calls are end-to-end encrypted." */
    }
    if (na == nb) return au_problem_add(s, input, ln, "line %u: a message without a sender", (unsigned)ln);
    p->open = true;
    p->line = ln;
    p->at = (ty_civil_days(w->y, m, d) * 86400 + (int64_t)w->minute * 60 + w->second) - utc_offset;
    p->who = rest + na;
    p->who_len = nb - na;
    p->text.len = 0;
    return ty_buf_append(&p->text, rest + ta, rn - ta);
}

static int au_read_whatsapp(au_set *s, uint32_t input, const ty_audit_input *in, const ty_audit_opts *opts) {
    char dflt[32];
    const char *conv = in->name;
    size_t conv_len = in->name_len;
    if (!conv || !conv_len) {
        conv_len = (size_t)snprintf(dflt, sizeof dflt, "chat-%u", (unsigned)input + 1);
        conv = dflt;
    }
    int order = wa_order(in->text, in->len, opts ? opts->date_order : 0);
    int32_t off = opts ? opts->utc_offset : 0;
    wa_pending p;
    memset(&p, 0, sizeof p);
    ty_buf_init(&p.text, s->alloc);
    size_t pos = 0, n;
    const char *line;
    uint32_t ln = 0;
    int rc = TY_OK;
    while (!rc && au_next_line(in->text, in->len, &pos, &line, &n)) {
        ln++;
        wa_stamp w;
        if (wa_parse_stamp(line, n, &w)) {
            rc = wa_line(s, input, ln, conv, conv_len, line, n, &w, order, off, &p);
        } else if (p.open) {
            rc = ty_buf_append(&p.text, "\n", 1);
            if (!rc) rc = ty_buf_append(&p.text, line, n);
        } else {
            size_t a = 0, b = n;
            au_trim(line, &a, &b);
            if (a < b)
                rc = au_problem_add(s, input, ln, "line %u: expected a message such as \"12/03/2026, 14:05 - Name: text\"",
                                    (unsigned)ln);
        }
    }
    if (!rc) rc = wa_flush(s, input, conv, conv_len, &p);
    ty_buf_free(&p.text);
    return rc;
}

/* ---- times, columns ----------------------------------------------------- */

/* The clock of an ISO 8601 time at s[*i] ("14:05", "14:05:09.123") into
 * *h, *mi and *se (fractions skipped); false when it is not one. */
static bool au_iso_clock(const char *s, size_t n, size_t *i, int *h, int *mi, int *se) {
    int nd;
    if (!au_num(s, n, i, 2, h, &nd) || nd != 2 || *i >= n || s[(*i)++] != ':' || !au_num(s, n, i, 2, mi, &nd) ||
        nd != 2)
        return false;
    if (*i < n && s[*i] == ':') {
        (*i)++;
        if (!au_num(s, n, i, 2, se, &nd) || nd != 2) return false;
        if (*i < n && (s[*i] == '.' || s[*i] == ','))
            for ((*i)++; *i < n && ty_is_digit((unsigned char)s[*i]);) (*i)++;
    }
    return !(*h > 23 || *mi > 59 || *se > 60);
}

/* An ISO 8601 "2026-03-12[T14:05[:09[.123]]][Z|+01:00]" (trimmed s, at
 * least 10 bytes) as Unix seconds; without an offset it is local time at
 * utc_offset. */
static bool au_iso_time(const char *s, size_t n, int32_t utc_offset, int64_t *out) {
    size_t i = 0;
    int y, mo, d, h = 0, mi = 0, se = 0, nd;
    if (!au_num(s, n, &i, 4, &y, &nd) || nd != 4 || s[i++] != '-' || !au_num(s, n, &i, 2, &mo, &nd) || nd != 2 ||
        s[i++] != '-' || !au_num(s, n, &i, 2, &d, &nd) || nd != 2)
        return false;
    if (mo < 1 || mo > 12 || d < 1 || d > ty_civil_month_days(y, mo)) return false;
    if (i < n && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
        i++;
        if (!au_iso_clock(s, n, &i, &h, &mi, &se)) return false;
    }
    int32_t off = utc_offset;
    if (i < n && ty_utc_offset_parse(s + i, n - i, &off)) return false;
    *out = ty_civil_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - off;
    return true;
}

/* Unix seconds written as digits (a fraction ignored), at most about 2^40. */
static bool au_unix_time(const char *s, size_t n, int64_t *out) {
    size_t i = 0;
    int64_t v = 0;
    for (; i < n && ty_is_digit((unsigned char)s[i]); i++) {
        if (v > (INT64_C(1) << 40)) return false;
        v = v * 10 + (s[i] - '0');
    }
    if (i == 0) return false;
    if (i < n && s[i] == '.')
        for (i++; i < n && ty_is_digit((unsigned char)s[i]);) i++;
    if (i != n) return false;
    *out = v;
    return true;
}

/* Reads a time as an export writes it: Unix seconds ("1773324300",
 * fractions ignored) or ISO 8601 "2026-03-12T14:05[:09[.123]]" with "T" or
 * a space, and "Z" or an offset (none: local, utc_offset). */
static bool au_time(const char *s, size_t n, int32_t utc_offset, int64_t *out) {
    size_t a = 0, b = n;
    au_trim(s, &a, &b);
    s += a;
    n = b - a;
    if (!n) return false;
    if (n >= 10 && s[4] == '-' && s[7] == '-') return au_iso_time(s, n, utc_offset, out);
    return au_unix_time(s, n, out);
}

enum { AU_COL_CONV = 0, AU_COL_TIME, AU_COL_SENDER, AU_COL_TEXT, AU_NCOL };
static const char *const au_col_what[AU_NCOL] = {"conversation", "time", "sender", "text"};
/* The usual names of each column, '|'-separated, compared ignoring case. */
static const char *const au_col_names[AU_NCOL] = {
    "conversation|conversation_id|chat|chat_id|thread|thread_id|ticket|ticket_id",
    "time|timestamp|date|datetime|sent_at|created_at|at",
    "sender|from|author|name|user|speaker",
    "text|message|body|content|msg"};

/* True when key[0..n) is one of column k's names (the option's, if given). */
static bool au_col_is(const ty_audit_opts *opts, int k, const char *key, size_t n) {
    if (opts && opts->columns[k])
        return opts->column_lens[k] == n && memcmp(opts->columns[k], key, n) == 0;
    for (const char *p = au_col_names[k]; *p;) {
        const char *e = strchr(p, '|');
        size_t m = e ? (size_t)(e - p) : strlen(p);
        if (m == n) {
            size_t j = 0;
            while (j < n && ty_lower((unsigned char)key[j]) == p[j]) j++;
            if (j == n) return true;
        }
        p += m + (e ? 1 : 0);
    }
    return false;
}

/* The names looked for, for an error: the option's or the usual ones. */
static void au_col_wanted(const ty_audit_opts *opts, int k, char *buf, size_t cap) {
    if (opts && opts->columns[k]) snprintf(buf, cap, "\"%.*s\"", (int)opts->column_lens[k], opts->columns[k]);
    else snprintf(buf, cap, "one of %s", au_col_names[k]);
}

/* Adds one row's message after reading its time; a bad row is a problem. */
static int au_row(au_set *s, uint32_t input, uint32_t ln, const char *const f[AU_NCOL], const size_t fn[AU_NCOL],
                  const ty_audit_opts *opts) {
    for (int k = 0; k < AU_NCOL; k++)
        if (!f[k] || (!fn[k] && k != AU_COL_TEXT))
            return au_problem_add(s, input, ln, "line %u: no %s", (unsigned)ln, au_col_what[k]);
    int64_t at;
    if (!au_time(f[AU_COL_TIME], fn[AU_COL_TIME], opts ? opts->utc_offset : 0, &at))
        return au_problem_add(s, input, ln, "line %u: time \"%.*s\" is neither ISO 8601 nor Unix seconds", (unsigned)ln,
                              (int)(fn[AU_COL_TIME] > 40 ? 40 : fn[AU_COL_TIME]), f[AU_COL_TIME]);
    size_t a = 0, b = fn[AU_COL_TEXT];
    au_trim(f[AU_COL_TEXT], &a, &b);
    if (a == b) return au_problem_add(s, input, ln, "line %u: empty text", (unsigned)ln);
    const char *t = f[AU_COL_TEXT] + a;
    return au_add(s, input, ln, f[AU_COL_CONV], fn[AU_COL_CONV], f[AU_COL_SENDER], fn[AU_COL_SENDER], at, t, b - a,
                  au_kind(t, b - a));
}

/* ---- CSV ------------------------------------------------------------------- */

#define AU_CSV_MAXF 64

/* Reads one CSV record at text[*pos..len) into fields (pointers into
 * text; a quoted field with "" escapes unescaped into arena, at its own
 * size); *lines counts the newlines it spans. Returns the
 * field count, -1 on OOM, -2 for a quote left open. */
static int au_csv_record(ty_arena *ar, const char *text, size_t len, size_t *pos, const char **f, size_t *fn,
                         uint32_t *lines) {
    int nf = 0;
    size_t i = *pos;
    for (;;) {
        const char *start = text + i;
        size_t flen;
        if (i < len && text[i] == '"') {
            /* find the closing quote; only a field with "" is copied */
            size_t j = i + 1, escapes = 0;
            for (;; j++) {
                if (j >= len) return -2;
                if (text[j] == '\n') (*lines)++;
                if (text[j] != '"') continue;
                if (j + 1 < len && text[j + 1] == '"') {
                    escapes++;
                    j++;
                    continue;
                }
                break;
            }
            start = text + i + 1;
            flen = j - i - 1;
            if (escapes) {
                char *buf = ty_arena_alloc(ar, flen - escapes + 1);
                if (!buf) return -1;
                size_t out = 0;
                for (size_t k = 0; k < flen; k++) {
                    buf[out++] = start[k];
                    if (start[k] == '"') k++; /* "" is one quote */
                }
                start = buf;
                flen = out;
            }
            j++;
            while (j < len && text[j] != ',' && text[j] != '\n') j++; /* after the closing quote */
            i = j;
        } else {
            size_t j = i;
            while (j < len && text[j] != ',' && text[j] != '\n') j++;
            flen = j - i;
            if (flen && j < len && text[j] == '\n' && start[flen - 1] == '\r') flen--;
            else if (flen && j == len && start[flen - 1] == '\r') flen--;
            i = j;
        }
        if (nf < AU_CSV_MAXF) {
            f[nf] = start;
            fn[nf] = flen;
        }
        nf++;
        if (i < len && text[i] == ',') {
            i++;
            continue;
        }
        if (i < len) i++; /* the newline */
        (*lines)++;
        break;
    }
    *pos = i;
    return nf;
}

static int au_read_csv(au_set *s, uint32_t input, const ty_audit_input *in, const ty_audit_opts *opts,
                       ty_error *err) {
    const char *f[AU_CSV_MAXF];
    size_t fn[AU_CSV_MAXF], pos = 0;
    uint32_t lines = 0;
    int nf = au_csv_record(&s->arena, in->text, in->len, &pos, f, fn, &lines);
    if (nf < 0) return nf == -1 ? TY_E_NOMEM : ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "line 1: a quote left open");
    int col[AU_NCOL];
    for (int k = 0; k < AU_NCOL; k++) {
        col[k] = -1;
        for (int j = 0; j < nf && j < AU_CSV_MAXF && col[k] < 0; j++) {
            size_t a = 0, b = fn[j];
            au_trim(f[j], &a, &b);
            if (au_col_is(opts, k, f[j] + a, b - a)) col[k] = j;
        }
        if (col[k] < 0) {
            char want[160];
            au_col_wanted(opts, k, want, sizeof want);
            ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "line 1: no %s column (looked for %s)", au_col_what[k], want);
            return TY_E_ARG;
        }
    }
    while (pos < in->len) {
        uint32_t ln = lines + 1;
        nf = au_csv_record(&s->arena, in->text, in->len, &pos, f, fn, &lines);
        if (nf == -1) return TY_E_NOMEM;
        if (nf == -2) return au_problem_add(s, input, ln, "line %u: a quote left open", (unsigned)ln);
        if (nf == 1 && fn[0] == 0) continue; /* a blank line */
        const char *v[AU_NCOL];
        size_t vn[AU_NCOL];
        for (int k = 0; k < AU_NCOL; k++) {
            v[k] = col[k] < nf && col[k] < AU_CSV_MAXF ? f[col[k]] : NULL;
            vn[k] = v[k] ? fn[col[k]] : 0;
        }
        int rc = au_row(s, input, ln, v, vn, opts);
        if (rc) return rc;
    }
    return TY_OK;
}

/* ---- JSON lines ---------------------------------------------------------- */

/* A scalar member of a JSON object as text: strings as they are, numbers
 * as JSON writes them (into buf). */
static const char *au_json_text(const ty_value *v, char *buf, size_t cap, size_t *n) {
    if (ty_value_kind(v) == TY_STRING) return ty_value_string(v, n);
    if (ty_value_kind(v) == TY_NUMBER) {
        double x = ty_value_number(v);
        int k = x == (double)(int64_t)x ? snprintf(buf, cap, "%lld", (long long)x) : snprintf(buf, cap, "%.3f", x);
        *n = k < 0 ? 0 : (size_t)k;
        return buf;
    }
    return NULL;
}

static int au_read_jsonl(au_set *s, uint32_t input, const ty_audit_input *in, const ty_audit_opts *opts) {
    size_t pos = 0, n;
    const char *line;
    uint32_t ln = 0;
    while (au_next_line(in->text, in->len, &pos, &line, &n)) {
        ln++;
        size_t a = 0, b = n;
        au_trim(line, &a, &b);
        if (a == b) continue;
        ty_error e;
        memset(&e, 0, sizeof e);
        ty_doc *d = ty_doc_parse(line + a, b - a, NULL, &e);
        const ty_value *o = d ? ty_doc_root(d) : NULL;
        int rc;
        if (!d) rc = au_problem_add(s, input, ln, "line %u: %s", (unsigned)ln, e.message);
        else if (ty_value_kind(o) != TY_MAP) rc = au_problem_add(s, input, ln, "line %u: expected a JSON object", (unsigned)ln);
        else {
            const char *v[AU_NCOL] = {NULL, NULL, NULL, NULL};
            size_t vn[AU_NCOL] = {0, 0, 0, 0};
            char nb[AU_NCOL][40];
            for (size_t i = 0; i < ty_value_count(o); i++) {
                size_t kl;
                const char *key = ty_value_key(o, i, &kl);
                for (int k = 0; k < AU_NCOL; k++)
                    if (!v[k] && au_col_is(opts, k, key, kl))
                        v[k] = au_json_text(ty_value_item(o, i), nb[k], sizeof nb[k], &vn[k]);
            }
            rc = au_row(s, input, ln, v, vn, opts);
        }
        ty_doc_free(d);
        if (rc) return rc;
    }
    return TY_OK;
}

/* ---- one input --------------------------------------------------------------- */

/* The format of a text: JSON lines when its first line is an object, a
 * WhatsApp export when it is a timestamped line, else CSV. */
static const char *au_guess(const char *text, size_t len) {
    size_t pos = 0, n;
    const char *line;
    while (au_next_line(text, len, &pos, &line, &n)) {
        size_t a = 0, b = n;
        au_trim(line, &a, &b);
        if (a == b) continue;
        wa_stamp w;
        if (line[a] == '{') return "jsonl";
        return wa_parse_stamp(line + a, b - a, &w) ? "whatsapp" : "csv";
    }
    return "csv";
}

static bool au_is(const char *s, size_t n, const char *w) { return strlen(w) == n && memcmp(s, w, n) == 0; }

int au_read(au_set *s, uint32_t input, const ty_audit_input *in, const ty_audit_opts *opts, ty_error *err) {
    size_t bad;
    if (in->len && ty_utf8_check(in->text, in->len, &bad)) {
        ty_err_set(err, TY_DOMAIN_NONE, TY_E_UTF8, "input %u is not valid UTF-8 (byte %zu)", (unsigned)input, bad);
        err->offset = bad;
        return TY_E_UTF8;
    }
    const char *fmt = in->format;
    size_t fl = in->format_len;
    if (!fmt || !fl) {
        fmt = au_guess(in->text, in->len);
        fl = strlen(fmt);
    }
    int rc;
    if (au_is(fmt, fl, "whatsapp")) rc = au_read_whatsapp(s, input, in, opts);
    else if (au_is(fmt, fl, "csv")) rc = au_read_csv(s, input, in, opts, err);
    else if (au_is(fmt, fl, "jsonl")) rc = au_read_jsonl(s, input, in, opts);
    else
        return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "unknown format \"%.*s\" (whatsapp, csv or jsonl)",
                          (int)(fl > 40 ? 40 : fl), fmt);
    if (rc == TY_E_NOMEM) return ty_err_nomem(err, TY_DOMAIN_NONE);
    return rc;
}
