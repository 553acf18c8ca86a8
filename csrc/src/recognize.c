/*
 * recognize.c — the answer recognisers (SPEC §5): read a customer's words as
 * a value for one slot (choice, yesno, date, time, number, money, email,
 * phone, text), with the span of the evidence in the ORIGINAL text (code
 * points) and the exact value formats the SPEC fixes.
 *
 * Every word of every language lives in a locale table (locale.h,
 * locale_<code>.c); this file only knows shapes: token sequences, digits,
 * separators. Matching runs on the tokens of text.c, whose normalised form
 * (case folded, accents stripped) is what the tables are written in, and
 * whose spans point back into the original text.
 *
 * Two modes (slot.h): TY_RECOG_ANSWER reads a reply to the slot's own ask;
 * TY_RECOG_EXTRACT looks for an entity in any message and takes only strong
 * evidence (option titles and synonyms, explicit dates, times, money, email
 * addresses and phone numbers) — never bare letters, numbers or ordinals,
 * never yes/no words, never free text.
 *
 * Decisions the SPEC leaves open, documented here once:
 *  - "friday", "this friday": the next friday, today included; "next
 *    friday": one week after that. "this weekend": the coming Saturday, or
 *    today when today is Saturday or Sunday; "next weekend": the Saturday
 *    after that.
 *  - A date without a year is its next occurrence (today or later); "the
 *    15th" is the next 15th. Numeric day/month forms ("3/12") are ambiguous
 *    and never read; only year-first forms (2026-12-03, 2026/12/03) are.
 *  - Without a clock (has_at == 0) only dates with an explicit year resolve.
 *  - An hour without am/pm, written without a leading zero, from 1 to 6 is
 *    read in the afternoon (business hours: "at 3" and "3:30" are 15:00 and
 *    15:30; "03:30" and "7:00" are as written), unless a time-of-day word
 *    says otherwise ("3 in the morning", "tonight at 8").
 *  - Times of day (English table): morning 09:00, lunchtime 12:00,
 *    afternoon 14:00, evening 18:00, tonight 19:00; they are weak: an
 *    explicit time in the same reply wins, and they are not entities.
 *  - money: an exact amount is {"amount", "currency"}; a range is
 *    {"min", "max", "currency"} with only the bounds given ("under 100" ->
 *    {"max": 100, "currency": null}). "$" is USD.
 *  - email: ASCII letters are lower-cased; phone: "+" and the digits.
 */
#include "locale.h"
#include "slot.h"

#include <utf8proc.h>

/* ===================================================================== *
 * Slot types and locales
 * ===================================================================== */

static const char *const rec_type_names[TY_SLOT_TYPE_COUNT] = {"choice", "yesno", "date",  "time", "number",
                                                               "money",  "email", "phone", "text"};

/* Static name of a slot type; "unknown" when out of range. */
const char *ty_slot_type_name(int type) {
    return type >= 0 && type < TY_SLOT_TYPE_COUNT ? rec_type_names[type] : "unknown";
}

/* The slot type named s[0..len), or -1. */
int ty_slot_type_parse(const char *s, size_t len) {
    if (!s) return -1;
    for (int i = 0; i < TY_SLOT_TYPE_COUNT; i++)
        if (strlen(rec_type_names[i]) == len && memcmp(rec_type_names[i], s, len) == 0) return i;
    return -1;
}

typedef const ty_locale *(*rec_locale_fn)(void);
static const rec_locale_fn rec_locales[] = {TY_LOCALE_TABLES};

/* The table for a locale code by its primary subtag ("es-MX" -> "es"),
 * compared without regard to ASCII case; NULL when there is none. */
const ty_locale *ty_locale_find(const char *code, size_t len) {
    if (!code) return NULL;
    size_t n = 0;
    while (n < len && code[n] != '-' && code[n] != '_') n++;
    for (size_t i = 0; i < sizeof rec_locales / sizeof rec_locales[0]; i++) {
        const ty_locale *loc = rec_locales[i]();
        size_t cn = strlen(loc->code);
        if (cn != n) continue;
        size_t k = 0;
        while (k < n && ty_lower((unsigned char)code[k]) == loc->code[k]) k++;
        if (k == n) return loc;
    }
    return NULL;
}

/* English, the default table. */
const ty_locale *ty_locale_default(void) { return ty_locale_table_en(); }

const ty_locale *ty_locale_at(size_t i) {
    return i < sizeof rec_locales / sizeof rec_locales[0] ? rec_locales[i]() : NULL;
}

/* ===================================================================== *
 * Tokens and phrases
 * ===================================================================== */

/* A text and its tokens: the message, or an option title being read. */
typedef struct rec_src {
    const char *text;
    size_t len;
    const ty_tokens *t;
} rec_src;

typedef struct rec_cx {
    const ty_recog_ctx *ctx;
    const ty_locale *loc;
    rec_src msg;
    ty_arena *scratch;
    ty_doc *doc;
    bool answer; /* TY_RECOG_ANSWER */
    int rc;      /* TY_E_NOMEM once an allocation failed */
    const ty_locale_index *ix; /* NULL: scan the tables directly */
} rec_cx;

enum { REC_MAX_HITS = 16, REC_MAX_SEGS = 32, REC_MAX_CPS = 32 };

/* Token i's normalised text (borrowed from t). */
static const char *rec_tok(const ty_tokens *t, size_t i, size_t *n) {
    *n = t->tok[i].end - t->tok[i].start;
    return t->norm + t->tok[i].start;
}

/* True when token i is made of ASCII digits only. */
static bool rec_tok_is_ascii_digits(const ty_tokens *t, size_t i) {
    if (i >= t->ntok || t->tok[i].kind != TY_TOK_NUM) return false;
    size_t n;
    const char *s = rec_tok(t, i, &n);
    for (size_t k = 0; k < n; k++)
        if (!ty_is_digit((unsigned char)s[k])) return false;
    return n > 0;
}

/* Value of an all-ASCII-digit token of at most 9 digits; -1 otherwise. */
static long rec_tok_int(const ty_tokens *t, size_t i, size_t *ndigits) {
    if (!rec_tok_is_ascii_digits(t, i)) return -1;
    size_t n;
    const char *s = rec_tok(t, i, &n);
    if (ndigits) *ndigits = n;
    if (n > 9) return -1;
    long v = 0;
    for (size_t k = 0; k < n; k++) v = v * 10 + (s[k] - '0');
    return v;
}

/* Raw bytes between token i-1 (or the text start) and token i (or the end). */
static void rec_gap(const rec_src *s, size_t i, const char **g, size_t *gn) {
    size_t a = i ? s->t->tok[i - 1].b_end : 0;
    size_t b = i < s->t->ntok ? s->t->tok[i].b_start : s->len;
    if (b < a) b = a; /* two tokens of one decomposed code point */
    *g = s->text + a;
    *gn = b - a;
}

/* True when token i directly follows token i-1 (nothing between). */
static bool rec_adjacent(const rec_src *s, size_t i) {
    if (i == 0 || i >= s->t->ntok) return false;
    const char *g;
    size_t gn;
    rec_gap(s, i, &g, &gn);
    return gn == 0;
}

/* True when the gap before token i is exactly the one byte ch. */
static bool rec_gap_is(const rec_src *s, size_t i, char ch) {
    if (i == 0 || i >= s->t->ntok) return false;
    const char *g;
    size_t gn;
    rec_gap(s, i, &g, &gn);
    return gn == 1 && g[0] == ch;
}

/* True when the gap before token i holds sentence punctuation that cuts a
 * phrase in two ("no, the deep one"). */
static bool rec_gap_cuts(const rec_src *s, size_t i) {
    const char *g;
    size_t gn;
    rec_gap(s, i, &g, &gn);
    for (size_t k = 0; k < gn; k++)
        if (g[k] == ',' || g[k] == '.' || g[k] == ';' || g[k] == '!' || g[k] == ':') return true;
    return false;
}

/* Tokens of t matched by the normalised phrase p at token i; 0 if none.
 * Called for every token against every table entry, so the first byte is
 * compared before anything else: almost every entry fails right there. */
static size_t rec_phrase(const ty_tokens *t, size_t i, const char *p) {
    if (i >= t->ntok || (unsigned char)p[0] != (unsigned char)t->norm[t->tok[i].start]) return 0;
    size_t k = 0;
    while (*p) {
        if (i + k >= t->ntok) return 0;
        size_t tn;
        const char *ts = rec_tok(t, i + k, &tn);
        size_t n = 0;
        while (n < tn && p[n] == ts[n]) n++;
        if (n != tn || (p[n] != ' ' && p[n] != '\0')) return 0;
        k++;
        p += n;
        if (*p == ' ') p++;
    }
    return k;
}

/* ---- list ids and the locale index ----------------------------------------
 * Every word list of struct ty_locale has an id (its bit in the index). Call
 * sites name a list by field, RL(fillers), which passes both the pointer and
 * the id. */
#define REC_STRING_LISTS(X)                                                                                    \
    X(yes) X(yes_alone) X(no) X(no_alone) X(unsure) X(negations) X(question_words) X(question_aux)            \
    X(question_subjects) X(fillers) X(option_words) X(ordinal_suffixes) X(weak_words) X(this_words)           \
    X(next_words) X(next_suffixes) X(in_words) X(date_connectors) X(day_markers) X(date_stops)                \
    X(number_connectors) X(minus_words) X(oclock) X(time_preps) X(or_words) X(range_max) X(range_min)         \
    X(range_max_after) X(range_min_after) X(range_between) X(range_and) X(range_to) X(greetings)              \
    X(text_leadins)
#define REC_WORD_LISTS(X)                                                                                      \
    X(ordinals) X(weekdays) X(months) X(relative_days) X(weekends) X(count_words) X(day_units)               \
    X(number_words) X(multipliers) X(time_points) X(day_periods) X(meridiems) X(time_offsets)

enum {
#define REC_X(f) REC_L_##f,
    REC_STRING_LISTS(REC_X) REC_WORD_LISTS(REC_X)
#undef REC_X
    REC_L_currencies,
    REC_L_COUNT
};
_Static_assert(REC_L_COUNT <= 64, "one bit per list in a uint64_t");

#define RL(f) c->loc->f, REC_L_##f
#define RW(f) c->loc->f, REC_L_##f
#define REC_BIT(f) ((uint64_t)1 << REC_L_##f)

/* What can start a time or a date (and, with a typo, a date word). */
#define REC_G_TIME                                                                                             \
    (REC_BIT(time_points) | REC_BIT(day_periods) | REC_BIT(time_offsets) | REC_BIT(time_preps) | REC_BIT(number_words))
#define REC_G_DATE                                                                                             \
    (REC_BIT(relative_days) | REC_BIT(weekends) | REC_BIT(in_words) | REC_BIT(this_words) | REC_BIT(next_words) | \
     REC_BIT(weekdays) | REC_BIT(months) | REC_BIT(ordinals) | REC_BIT(day_markers) | REC_BIT(date_stops))
#define REC_G_DATE_TYPO (REC_BIT(relative_days) | REC_BIT(weekdays) | REC_BIT(months))

/* Texts this long build their own index when the caller gave none. */
enum { REC_INDEX_MIN_TOKENS = 24 };

/* The hashed two-byte key of a token or table entry; a second byte of ' '
 * (a phrase whose first word is one letter) or none counts as 0. */
static unsigned rec_key2(const char *s, size_t n) {
    unsigned b0 = (unsigned char)s[0], b1 = n > 1 && s[1] != ' ' ? (unsigned char)s[1] : 0;
    return (b0 * 31u + b1 * 7u) & 1023u;
}

/* Marks entry e of list id in the index. */
static void rec_ix_add(ty_locale_index *ix, const char *e, int id) {
    if (!e[0]) return;
    ix->two[rec_key2(e, e[1] ? 2 : 1)] |= (uint64_t)1 << id;
    ix->one[(unsigned char)e[0]] |= (uint64_t)1 << id;
}

/* Fills ix from loc's lists (no allocation). */
void ty_locale_index_build(const ty_locale *loc, ty_locale_index *ix) {
    if (!ix) return;
    memset(ix, 0, sizeof *ix);
    ix->locale = loc;
    if (!loc) return;
#define REC_X(f)                                                                                               \
    for (const char *const *l = loc->f; l && *l; l++) rec_ix_add(ix, *l, REC_L_##f);
    REC_STRING_LISTS(REC_X)
#undef REC_X
#define REC_X(f)                                                                                               \
    for (const ty_loc_word *w = loc->f; w && w->text; w++) rec_ix_add(ix, w->text, REC_L_##f);
    REC_WORD_LISTS(REC_X)
#undef REC_X
    for (const ty_loc_currency *cu = loc->currencies; cu && cu->text; cu++) rec_ix_add(ix, cu->text, REC_L_currencies);
}

/* The lists (bits) that may hold an entry starting with token i; with
 * typo, also those with an entry sharing its first byte (typo matching
 * keeps only the first letter). All lists when there is no index. */
static uint64_t rec_may(const rec_cx *c, const ty_tokens *t, size_t i, bool typo) {
    if (!c->ix) return ~(uint64_t)0;
    size_t n;
    const char *s = rec_tok(t, i, &n);
    uint64_t m = c->ix->two[rec_key2(s, n)];
    if (typo) m |= c->ix->one[(unsigned char)s[0]];
    return m;
}

/* True when digits, or an entry of the lists in group (typo_group for words
 * long enough to be typo-matched), may start at token i. */
static bool rec_may_start(const rec_cx *c, const ty_tokens *t, size_t i, uint64_t group, uint64_t typo_group) {
    if (t->tok[i].kind == TY_TOK_NUM) return true;
    size_t n;
    rec_tok(t, i, &n);
    return (rec_may(c, t, i, false) & group) || (n >= 6 && (rec_may(c, t, i, true) & typo_group));
}

/* Longest phrase of list matching at token i (tokens matched; 0 if none). */
static size_t rec_list(const rec_cx *c, const ty_tokens *t, size_t i, const char *const *list, int id) {
    size_t best = 0;
    if (!list || i >= t->ntok || !((rec_may(c, t, i, false) >> id) & 1)) return 0;
    char b = t->norm[t->tok[i].start];
    for (; *list; list++) {
        if ((*list)[0] != b) continue;
        size_t n = rec_phrase(t, i, *list);
        if (n > best) best = n;
    }
    return best;
}

/* Longest entry of list matching at token i; *hit receives it. */
static size_t rec_words(const rec_cx *c, const ty_tokens *t, size_t i, const ty_loc_word *list, int id,
                        const ty_loc_word **hit) {
    size_t best = 0;
    if (!list || i >= t->ntok || !((rec_may(c, t, i, false) >> id) & 1)) return 0;
    char b = t->norm[t->tok[i].start];
    for (; list->text; list++) {
        if (list->text[0] != b) continue;
        size_t n = rec_phrase(t, i, list->text);
        if (n > best) {
            best = n;
            *hit = list;
        }
    }
    return best;
}

/* True when s[0..n) is one of the single-token entries of list. */
static bool rec_in_list(const char *s, size_t n, const char *const *list) {
    if (!list || !n) return false;
    for (; *list; list++)
        if ((*list)[0] == s[0] && strlen(*list) == n && memcmp(*list, s, n) == 0) return true;
    return false;
}

/* True when token i alone is a single-token entry of list. */
static bool rec_tok_in(const rec_cx *c, const ty_tokens *t, size_t i, const char *const *list, int id) {
    if (i >= t->ntok || !((rec_may(c, t, i, false) >> id) & 1)) return false;
    size_t n;
    const char *s = rec_tok(t, i, &n);
    return rec_in_list(s, n, list);
}

/* ---- fuzzy equality ------------------------------------------------------ */

/* Decodes valid UTF-8 into at most REC_MAX_CPS code points; false if longer. */
static bool rec_cps(const char *s, size_t n, int32_t *out, size_t *count) {
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (k == REC_MAX_CPS) return false;
        i += (size_t)ty_utf8_decode(s, n, i, &out[k++]);
    }
    *count = k;
    return true;
}

/* Optimal-string-alignment distance (edits and adjacent swaps). */
static int rec_osa(const int32_t *a, size_t la, const int32_t *b, size_t lb) {
    int d[REC_MAX_CPS + 1][REC_MAX_CPS + 1];
    for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    }
    return d[la][lb];
}

/* Typo-tolerant equality of a typed word a against a known word b: the
 * allowed distance scales with b's length (none under min_len code points,
 * 1 up to 7, 2 from 8), and the first letter must agree — typos rarely hit
 * it, and requiring it keeps "keep" from reading as "deep". */
static bool rec_fuzzy(const char *a, size_t an, const char *b, size_t bn, size_t min_len) {
    if (an == bn && memcmp(a, b, an) == 0) return true;
    if (!an || !bn || a[0] != b[0] || an > REC_MAX_CPS * 4 || bn > REC_MAX_CPS * 4) return false;
    /* letter counts bound the distance from below: a cheap early no */
    bool ascii = true;
    for (size_t k = 0; k < an && ascii; k++) ascii = ty_is_alpha((unsigned char)a[k]);
    for (size_t k = 0; k < bn && ascii; k++) ascii = ty_is_alpha((unsigned char)b[k]);
    if (ascii) {
        if (bn < min_len || an < 3) return false;
        size_t maxd = bn >= 8 ? 2 : 1;
        if ((an > bn ? an - bn : bn - an) > maxd) return false;
        int h[26] = {0};
        for (size_t k = 0; k < an; k++) h[(a[k] | 32) - 'a']++;
        for (size_t k = 0; k < bn; k++) h[(b[k] | 32) - 'a']--;
        size_t plus = 0, minus = 0;
        for (int k = 0; k < 26; k++) {
            if (h[k] > 0) plus += (size_t)h[k];
            else minus += (size_t)-h[k];
        }
        if (plus > maxd || minus > maxd) return false;
    }
    int32_t ca[REC_MAX_CPS], cb[REC_MAX_CPS];
    size_t la, lb;
    if (!rec_cps(a, an, ca, &la) || !rec_cps(b, bn, cb, &lb)) return false;
    if (lb < min_len || la < 3) return false;
    size_t maxd = lb >= 8 ? 2 : 1;
    if ((la > lb ? la - lb : lb - la) > maxd) return false;
    if (ca[0] != cb[0]) return false;
    for (size_t k = 0; k < la; k++)
        if (utf8proc_category(ca[k]) < UTF8PROC_CATEGORY_LU || utf8proc_category(ca[k]) > UTF8PROC_CATEGORY_LO)
            return false;
    return rec_osa(ca, la, cb, lb) <= (int)maxd;
}

/* Longest entry of list at token i; single words of 6+ letters also match
 * with a typo ("wendsday", "tomorow"), when exactly one entry is that close. */
static size_t rec_words_fuzzy(const rec_cx *c, const ty_tokens *t, size_t i, const ty_loc_word *list, int id,
                              const ty_loc_word **hit) {
    size_t n = rec_words(c, t, i, list, id, hit);
    if (n || !list || i >= t->ntok || t->tok[i].kind != TY_TOK_WORD || !((rec_may(c, t, i, true) >> id) & 1))
        return n;
    size_t tn;
    const char *ts = rec_tok(t, i, &tn);
    if (tn < 5) return 0; /* too short to be a typo of a 6-letter word */
    const ty_loc_word *found = NULL;
    for (; list->text; list++) {
        if (list->text[0] != ts[0]) continue;
        size_t ln = strlen(list->text);
        if (ln < 6 || strchr(list->text, ' ')) continue;
        if (rec_fuzzy(ts, tn, list->text, ln, 6)) {
            if (found && found->value != list->value) return 0;
            found = list;
        }
    }
    if (!found) return 0;
    *hit = found;
    return 1;
}

/* True when every token of the message outside [t0, t1) is a filler word or
 * a symbol: the evidence stands alone ("the second one please"). */
static bool rec_alone(const rec_cx *c, size_t t0, size_t t1) {
    const ty_tokens *t = c->msg.t;
    for (size_t i = 0; i < t->ntok;) {
        if (i >= t0 && i < t1) {
            i = t1;
            continue;
        }
        if (t->tok[i].kind == TY_TOK_SYM) {
            i++;
            continue;
        }
        size_t n = rec_list(c, t, i, RL(fillers));
        if (!n) return false;
        i += n;
    }
    return true;
}

/* ===================================================================== *
 * Results
 * ===================================================================== */

/* {"value": val, "text": text[b0..b1), "start", "end"} in code points. */
static ty_value *rec_emit(rec_cx *c, ty_value *val, size_t b0, size_t b1) {
    ty_doc *d = c->doc;
    if (!val) {
        c->rc = TY_E_NOMEM;
        return NULL;
    }
    size_t cp0 = ty_utf8_count(c->msg.text, b0);
    size_t cp1 = cp0 + ty_utf8_count(c->msg.text + b0, b1 - b0);
    ty_value *m = ty_val_map(d);
    ty_value *txt = ty_val_string(d, c->msg.text + b0, b1 - b0);
    ty_value *st = ty_val_number(d, (double)cp0);
    ty_value *en = ty_val_number(d, (double)cp1);
    if (!m || !txt || !st || !en || ty_map_put(d, m, "value", 5, val) || ty_map_put(d, m, "text", 4, txt) ||
        ty_map_put(d, m, "start", 5, st) || ty_map_put(d, m, "end", 3, en)) {
        c->rc = TY_E_NOMEM;
        return NULL;
    }
    return m;
}

/* Byte span of tokens [t0, t1) of the message. */
static void rec_span(const rec_cx *c, size_t t0, size_t t1, size_t *b0, size_t *b1) {
    *b0 = c->msg.t->tok[t0].b_start;
    *b1 = c->msg.t->tok[t1 - 1].b_end;
    if (*b1 < *b0) *b1 = *b0;
}

/* rec_emit for the span of message tokens [t0, t1). */
static ty_value *rec_emit_toks(rec_cx *c, ty_value *val, size_t t0, size_t t1) {
    size_t b0, b1;
    rec_span(c, t0, t1, &b0, &b1);
    return rec_emit(c, val, b0, b1);
}

/* A string value copied into the result doc (NULL on OOM). */
static ty_value *rec_str(rec_cx *c, const char *s, size_t n) { return ty_val_string(c->doc, s, n); }

/* ===================================================================== *
 * Civil dates (proleptic Gregorian; no mktime, no TZ)
 * ===================================================================== */

/* Days since 1970-01-01 of y-m-d (H. Hinnant's days_from_civil). */
static int64_t rec_days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Inverse of rec_days_from_civil. */
static void rec_civil_from_days(int64_t z, int64_t *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
static int rec_weekday(int64_t z) {
    int64_t w = (z + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

/* Gregorian leap year. */
static bool rec_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* Days in month m of year y. */
static int rec_dim(int64_t y, int m) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && rec_leap(y) ? 29 : days[m - 1];
}

/* The customer's local day (days since the epoch), when there is a clock. */
static bool rec_today(const rec_cx *c, int64_t *z) {
    const ty_recog_ctx *x = c->ctx;
    /* years 1 to 9999 only: keeps every sum below far from overflow */
    if (!x->has_at || x->at < -62135596800LL || x->at > 253402300799LL) return false;
    int64_t s = x->at + (int64_t)x->utc_offset;
    int64_t q = s / 86400;
    if (s % 86400 < 0) q--;
    *z = q;
    return true;
}

/* ===================================================================== *
 * Numbers
 * ===================================================================== */

typedef struct rec_num {
    double v;
    size_t t0, t1;  /* tokens */
    size_t b0;      /* first byte (a '-' sign may precede token t0) */
    bool words;     /* spelt out */
    bool integer;   /* no fraction */
} rec_num;

/* Largest power of ten dividing x (x > 0): 20 -> 10, 500 -> 100. */
static long rec_place(long x) {
    long p = 1;
    while (x % (p * 10) == 0) p *= 10;
    return p;
}

/* A spelt-out number at token i ("twenty five", "ciento veinte", "two
 * thousand"). */
static bool rec_number_words(const rec_cx *c, const rec_src *s, size_t i, rec_num *out) {
    const ty_tokens *t = s->t;
    double total = 0, cur = 0;
    long last_add = 0;
    size_t j = i, end = i;
    bool any = false;
    while (j < t->ntok) {
        const ty_loc_word *w = NULL;
        size_t n = rec_words(c, t, j, RW(number_words), &w);
        if (n) {
            if (w->kind == TY_NUMW_ADD) {
                if (any && last_add != 0 && !(last_add % 10 == 0 && w->value < rec_place(last_add))) break;
                cur += w->value;
                last_add = w->value;
            } else if (w->kind == TY_NUMW_MUL) {
                if (cur == 0) cur = 1;
                cur *= w->value;
                last_add = 0;
            } else {
                total += (cur == 0 ? 1 : cur) * w->value;
                cur = 0;
                last_add = 0;
            }
            any = true;
            j += n;
            end = j;
            continue;
        }
        size_t cn = any ? rec_list(c, t, j, RL(number_connectors)) : 0;
        const ty_loc_word *w2 = NULL;
        if (cn && rec_words(c, t, j + cn, RW(number_words), &w2) && w2->kind == TY_NUMW_ADD &&
            (last_add == 0 || (last_add % 10 == 0 && w2->value < rec_place(last_add)))) {
            j += cn;
            continue;
        }
        break;
    }
    if (!any) return false;
    out->v = total + cur;
    out->t0 = i;
    out->t1 = end;
    out->b0 = t->tok[i].b_start;
    out->words = true;
    out->integer = true;
    return true;
}

/* A number at token i: digits with the locale's decimal mark and thousands
 * groups ("1,250.50"; "1.250,50" in Spanish), a sign when allow_sign, or
 * words when allow_words. A number glued to letters before it ("t15") is
 * part of a code, not a number. */
static bool rec_number_at(const rec_cx *c, const rec_src *s, size_t i, bool allow_words, bool allow_sign,
                          rec_num *out) {
    const ty_tokens *t = s->t;
    if (i >= t->ntok) return false;
    memset(out, 0, sizeof *out);
    bool neg = false;
    size_t start = i;
    if (allow_sign) {
        size_t mn = rec_list(c, t, i, RL(minus_words));
        if (mn && i + mn < t->ntok) {
            rec_num inner;
            if (rec_number_at(c, s, i + mn, allow_words, false, &inner)) {
                *out = inner;
                out->v = -inner.v;
                out->t0 = i;
                out->b0 = t->tok[i].b_start;
                return true;
            }
        }
    }
    if (t->tok[i].kind != TY_TOK_NUM) return allow_words && rec_number_words(c, s, i, out);
    if (!rec_tok_is_ascii_digits(t, i)) return false;
    if (i > 0 && rec_adjacent(s, i) && t->tok[i - 1].kind == TY_TOK_WORD) return false;
    char buf[72];
    size_t bl = 0;
    size_t n;
    const char *d = rec_tok(t, i, &n);
    if (n > 30) return false;
    size_t z = 0;
    while (z + 1 < n && d[z] == '0') z++; /* JSON grammar: no leading zeros */
    memcpy(buf, d + z, n - z);
    bl = n - z;
    size_t j = i + 1;
    char dec = c->loc->decimal_mark, grp = dec == '.' ? ',' : '.';
    /* thousands groups: 1-3 digits, then exactly three after each mark */
    if (n <= 3) {
        while (j < t->ntok && rec_gap_is(s, j, grp) && rec_tok_is_ascii_digits(t, j) && bl < 30) {
            size_t gn;
            const char *gd = rec_tok(t, j, &gn);
            if (gn != 3) break;
            memcpy(buf + bl, gd, 3);
            bl += 3;
            j++;
        }
    }
    bool integer = true;
    if (j < t->ntok && (rec_gap_is(s, j, dec) || rec_gap_is(s, j, grp)) && rec_tok_is_ascii_digits(t, j)) {
        size_t fn;
        const char *fd = rec_tok(t, j, &fn);
        /* a group mark reads as a decimal point only where it cannot group */
        if ((rec_gap_is(s, j, dec) || fn != 3 || j > i + 1) && fn <= 30) {
            buf[bl++] = '.';
            memcpy(buf + bl, fd, fn);
            bl += fn;
            j++;
            integer = false;
        }
    }
    double v;
    if (!ty_parse_number(buf, bl, &v)) return false;
    size_t b0 = t->tok[start].b_start;
    if (allow_sign) {
        const char *g;
        size_t gn;
        rec_gap(s, i, &g, &gn);
        if (gn >= 1 && g[gn - 1] == '-' && (gn == 1 ? i == 0 : (ty_is_space((unsigned char)g[gn - 2]) || g[gn - 2] == '('))) {
            neg = true;
            b0--;
        } else if (gn >= 3 && (unsigned char)g[gn - 3] == 0xE2 && (unsigned char)g[gn - 2] == 0x88 &&
                   (unsigned char)g[gn - 1] == 0x92) {
            neg = true; /* U+2212 MINUS SIGN */
            b0 -= 3;
        } else if (i > 0 && rec_adjacent(s, i)) {
            size_t pn;
            const char *p = rec_tok(t, i - 1, &pn);
            if (pn == 3 && memcmp(p, "\xE2\x88\x92", 3) == 0) {
                neg = true;
                b0 = t->tok[i - 1].b_start;
            }
        }
    }
    out->v = neg ? -v : v;
    out->t0 = start;
    out->t1 = j;
    out->b0 = b0;
    out->integer = integer;
    return true;
}

/* ===================================================================== *
 * Times
 * ===================================================================== */

enum { REC_TL_PERIOD = 1, REC_TL_BARE = 2, REC_TL_PREP = 3, REC_TL_STRONG = 4 };

typedef struct rec_time {
    size_t t0, t1;
    int level;      /* REC_TL_* */
    int fixed;      /* minutes of a point or period word, else -1 */
    int hour, min;  /* as written (hour already 24h when a meridiem was given) */
    int off;        /* "half past": minutes added */
    bool meridiem;
    bool lead_zero;
} rec_time;

/* An hour token at j: 1-2 ASCII digits (0..24), or a spelt-out 0..12 when
 * words are allowed. */
static bool rec_hour_at(const rec_cx *c, const rec_src *s, size_t j, int *h, bool *word, bool *lead_zero) {
    const ty_tokens *t = s->t;
    if (j >= t->ntok) return false;
    *word = false;
    *lead_zero = false;
    if (t->tok[j].kind == TY_TOK_NUM) {
        size_t nd;
        long v = rec_tok_int(t, j, &nd);
        if (v < 0 || nd > 2 || v > 24) return false;
        if (j > 0 && rec_adjacent(s, j)) return false; /* "t15", "$3" */
        *lead_zero = nd == 2 && rec_tok(t, j, &nd)[0] == '0';
        *h = (int)v;
        return true;
    }
    const ty_loc_word *w = NULL;
    if (rec_words(c, t, j, RW(number_words), &w) == 1 && w->kind == TY_NUMW_ADD && w->value >= 1 &&
        w->value <= 12) {
        *h = w->value;
        *word = true;
        return true;
    }
    return false;
}

/* A time expression starting at token i of s. */
static bool rec_time_at(const rec_cx *c, const rec_src *s, size_t i, rec_time *out) {
    const ty_tokens *t = s->t;
    const ty_loc_word *w = NULL;
    memset(out, 0, sizeof *out);
    out->t0 = i;
    out->fixed = -1;
    size_t n = rec_words(c, t, i, RW(time_points), &w);
    if (n) {
        out->t1 = i + n;
        out->level = REC_TL_STRONG;
        out->fixed = w->value;
        return true;
    }
    n = rec_words(c, t, i, RW(day_periods), &w);
    if (n) {
        out->t1 = i + n;
        out->level = REC_TL_PERIOD;
        out->fixed = w->value;
        return true;
    }
    size_t j = i;
    bool has_off = false, prep = false;
    n = rec_words(c, t, j, RW(time_offsets), &w);
    if (n && w->kind == TY_TOFF_BEFORE) {
        out->off = w->value;
        has_off = true;
        j += n;
    } else if ((n = rec_list(c, t, j, RL(time_preps))) != 0) {
        prep = true;
        j += n;
    }
    int h;
    bool word, lz;
    if (!rec_hour_at(c, s, j, &h, &word, &lz)) return false;
    j++;
    bool colon = false, dot = false;
    if (!word && j < t->ntok && (rec_gap_is(s, j, ':') || rec_gap_is(s, j, '.'))) {
        size_t nd;
        long m = rec_tok_int(t, j, &nd);
        if (m >= 0 && nd == 2) {
            if (m > 59) return false;
            colon = rec_gap_is(s, j, ':');
            dot = !colon;
            out->min = (int)m;
            j++;
            if (colon && j < t->ntok && rec_gap_is(s, j, ':') && rec_tok_int(t, j, &nd) >= 0 && nd == 2) j++;
        }
    }
    if (!has_off && !colon && !dot) {
        n = rec_words(c, t, j, RW(time_offsets), &w);
        if (n && w->kind == TY_TOFF_AFTER) {
            out->off = w->value;
            has_off = true;
            j += n;
        }
    }
    int mer = -1;
    n = rec_words(c, t, j, RW(meridiems), &w);
    if (n) {
        mer = w->value;
        j += n;
    }
    bool oc = false;
    n = rec_list(c, t, j, RL(oclock));
    if (n) {
        oc = true;
        j += n;
    }
    if (colon || mer >= 0 || oc || has_off || (dot && prep)) out->level = REC_TL_STRONG;
    else if (prep) out->level = REC_TL_PREP;
    else out->level = REC_TL_BARE;
    if (word && out->level == REC_TL_BARE) return false;
    if (out->level == REC_TL_BARE && j < t->ntok && rec_adjacent(s, j) && t->tok[j].kind == TY_TOK_WORD)
        return false; /* "3rd", "2x" */
    if (mer >= 0) {
        if (h < 1 || h > 12) return false;
        h = h % 12 + mer;
        out->meridiem = true;
    } else if (h > 23) {
        return false;
    }
    out->hour = h;
    out->lead_zero = lz;
    out->t1 = j;
    return true;
}

/* Minutes after midnight of a time; hint is 0 (morning), 12 (afternoon or
 * later) or -1 (none) from a time-of-day word in the same text. */
static int rec_time_minutes(const rec_time *h, int hint) {
    if (h->fixed >= 0) return h->fixed;
    int hr = h->hour;
    if (!h->meridiem) {
        if (hint == 12) {
            if (hr >= 1 && hr <= 11) hr += 12;
        } else if (hint != 0 && !h->lead_zero && hr >= 1 && hr <= 6) {
            hr += 12;
        }
    }
    int m = (hr * 60 + h->min + h->off) % 1440;
    return m < 0 ? m + 1440 : m;
}

/* All time expressions of s (up to cap stored; the count is returned) and
 * the morning/afternoon hint of its time-of-day words. */
static size_t rec_time_scan(const rec_cx *c, const rec_src *s, rec_time *hits, size_t cap, int *hint) {
    size_t k = 0;
    *hint = -1;
    bool conflict = false;
    for (size_t i = 0; i < s->t->ntok;) {
        rec_time h;
        if (rec_may_start(c, s->t, i, REC_G_TIME, 0) && rec_time_at(c, s, i, &h)) {
            if (h.level == REC_TL_PERIOD) {
                int hh = h.fixed >= 720 ? 12 : 0;
                if (*hint >= 0 && *hint != hh) conflict = true;
                *hint = hh;
            }
            if (k < cap) hits[k] = h;
            k++;
            i = h.t1;
        } else {
            i++;
        }
    }
    if (conflict) *hint = -1;
    return k;
}

/* ===================================================================== *
 * Dates
 * ===================================================================== */

enum { REC_D_YMD = 1, REC_D_MD, REC_D_DOM, REC_D_REL, REC_D_WD, REC_D_WEEKEND };

typedef struct rec_date {
    size_t t0, t1;
    int kind;   /* REC_D_* */
    int64_t y;
    int m, d;
    int n;      /* REL: days from today; WD: weekday; WEEKEND: 0 this, 1 next */
    int next;   /* WD: weeks after the coming one */
    bool weak;  /* not an entity in extract mode */
} rec_date;

/* A day of the month at token j: "3", "3rd", "third"; *ordinal says whether
 * it was written as an ordinal. */
static bool rec_day_at(const rec_cx *c, const rec_src *s, size_t j, int *day, size_t *end, bool *ordinal,
                       bool *word) {
    const ty_tokens *t = s->t;
    if (j >= t->ntok) return false;
    *ordinal = false;
    *word = false;
    if (t->tok[j].kind == TY_TOK_NUM) {
        size_t nd;
        long v = rec_tok_int(t, j, &nd);
        if (v < 1 || v > 31 || nd > 2) return false;
        if (j > 0 && rec_adjacent(s, j)) return false;
        size_t k = j + 1;
        if (k < t->ntok && (rec_gap_is(s, k, ':') || rec_gap_is(s, k, '.')) && t->tok[k].kind == TY_TOK_NUM)
            return false; /* a time or a decimal */
        if (k < t->ntok && rec_adjacent(s, k) && rec_tok_in(c, t, k, RL(ordinal_suffixes))) {
            *ordinal = true;
            k++;
        } else if (k < t->ntok && rec_adjacent(s, k) && t->tok[k].kind == TY_TOK_WORD) {
            return false; /* "3pm" */
        }
        *day = (int)v;
        *end = k;
        return true;
    }
    const ty_loc_word *w = NULL;
    size_t n = rec_words(c, t, j, RW(ordinals), &w);
    if (n && w->value >= 1 && w->value <= 31) {
        *day = w->value;
        *end = j + n;
        *ordinal = true;
        *word = true;
        return true;
    }
    return false;
}

/* A four-digit year at token j. */
static bool rec_year_at(const rec_src *s, size_t j, int64_t *y) {
    size_t nd;
    long v = rec_tok_int(s->t, j, &nd);
    if (nd != 4 || v < 1000) return false;
    *y = v;
    return true;
}

/* Skips date connectors ("of", "the", "de") from token j. */
static size_t rec_skip_connectors(const rec_cx *c, const ty_tokens *t, size_t j) {
    size_t n;
    while ((n = rec_list(c, t, j, RL(date_connectors))) != 0) j += n;
    return j;
}

/* Absolute forms at token i: ISO, day-month, month-day, day-of-month. */
static bool rec_date_abs_at(const rec_cx *c, const rec_src *s, size_t i, rec_date *out) {
    const ty_tokens *t = s->t;
    const ty_loc_word *w = NULL;
    memset(out, 0, sizeof *out);
    out->t0 = i;
    /* year first: 2026-12-03, 2026/12/03, 2026.12.03 */
    int64_t y;
    if (rec_year_at(s, i, &y) && i + 2 < t->ntok && !(i > 0 && rec_adjacent(s, i))) {
        const char *g;
        size_t gn;
        rec_gap(s, i + 1, &g, &gn);
        size_t n1, n2;
        long m = rec_tok_int(t, i + 1, &n1), d = rec_tok_int(t, i + 2, &n2);
        if (gn == 1 && (g[0] == '-' || g[0] == '/' || g[0] == '.') && rec_gap_is(s, i + 2, g[0]) && m >= 1 &&
            n1 <= 2 && d >= 1 && n2 <= 2) {
            out->kind = REC_D_YMD;
            out->y = y;
            out->m = (int)m;
            out->d = (int)d;
            out->t1 = i + 3;
            return true;
        }
    }
    int day;
    size_t k;
    bool ord, word;
    /* day [of] month [[of] year] */
    if (rec_day_at(c, s, i, &day, &k, &ord, &word)) {
        size_t j = rec_skip_connectors(c, t, k);
        size_t n = rec_words_fuzzy(c, t, j, RW(months), &w);
        if (n) {
            out->m = w->value;
            out->d = day;
            out->t1 = j + n;
            out->kind = REC_D_MD;
            size_t yj = rec_skip_connectors(c, t, j + n);
            if (rec_year_at(s, yj, &y)) {
                out->kind = REC_D_YMD;
                out->y = y;
                out->t1 = yj + 1;
            }
            return true;
        }
        if (ord && !word) { /* "the 15th" (but "second" alone is no day) */
            out->kind = REC_D_DOM;
            out->d = day;
            out->t1 = k;
            out->weak = true;
            return true;
        }
        return false;
    }
    /* month [the] day [, year] */
    size_t n = rec_words_fuzzy(c, t, i, RW(months), &w);
    if (n) {
        size_t j = rec_skip_connectors(c, t, i + n);
        if (rec_day_at(c, s, j, &day, &k, &ord, &word)) {
            out->m = w->value;
            out->d = day;
            out->t1 = k;
            out->kind = REC_D_MD;
            size_t yj = rec_skip_connectors(c, t, k);
            if (rec_year_at(s, yj, &y)) {
                out->kind = REC_D_YMD;
                out->y = y;
                out->t1 = yj + 1;
            }
            return true;
        }
    }
    return false;
}

/* The longest date expression starting at token i of the message. */
static bool rec_date_at(const rec_cx *c, size_t i, rec_date *out) {
    const rec_src *s = &c->msg;
    const ty_tokens *t = s->t;
    const ty_loc_word *w = NULL;
    rec_date best, cand;
    memset(&best, 0, sizeof best);
    bool found = false;
#define REC_TAKE(x)                                   \
    do {                                              \
        if (!found || (x).t1 > best.t1) best = (x);   \
        found = true;                                 \
    } while (0)
    if (rec_date_abs_at(c, s, i, &cand)) REC_TAKE(cand);
    size_t n = rec_words_fuzzy(c, t, i, RW(relative_days), &w);
    if (n) {
        memset(&cand, 0, sizeof cand);
        cand.t0 = i;
        cand.t1 = i + n;
        cand.kind = REC_D_REL;
        cand.n = w->value;
        REC_TAKE(cand);
    }
    n = rec_words(c, t, i, RW(weekends), &w);
    if (n) {
        memset(&cand, 0, sizeof cand);
        cand.t0 = i;
        cand.t1 = i + n;
        cand.kind = REC_D_WEEKEND;
        cand.n = w->value;
        REC_TAKE(cand);
    }
    /* in 3 days, in a week, dentro de dos semanas */
    n = rec_list(c, t, i, RL(in_words));
    if (n) {
        size_t j = i + n;
        long count = -1;
        size_t cn = rec_words(c, t, j, RW(count_words), &w);
        rec_num num;
        if (cn) {
            count = w->value;
            j += cn;
        } else if (rec_number_at(c, s, j, true, false, &num) && num.integer && num.v >= 0 && num.v <= 3660) {
            count = (long)num.v;
            j = num.t1;
        }
        size_t un = count >= 0 ? rec_words(c, t, j, RW(day_units), &w) : 0;
        if (un) {
            memset(&cand, 0, sizeof cand);
            cand.t0 = i;
            cand.t1 = j + un;
            cand.kind = REC_D_REL;
            cand.n = (int)(count * w->value);
            REC_TAKE(cand);
        }
    }
    /* [this|next] weekday [que viene] */
    {
        size_t j = i;
        int next = 0;
        size_t pn = rec_list(c, t, j, RL(this_words));
        size_t nn = rec_list(c, t, j, RL(next_words));
        if (nn > pn) {
            next = 1;
            j += nn;
        } else {
            j += pn;
        }
        size_t wn = rec_words_fuzzy(c, t, j, RW(weekdays), &w);
        if (wn) {
            memset(&cand, 0, sizeof cand);
            cand.t0 = i;
            cand.t1 = j + wn;
            cand.kind = REC_D_WD;
            cand.n = w->value;
            size_t sn = rec_list(c, t, cand.t1, RL(next_suffixes));
            if (sn) {
                next = 1;
                cand.t1 += sn;
            }
            cand.next = next;
            cand.weak = j == i && !sn && wn == 1 && rec_tok_in(c, t, j, RL(weak_words));
            /* "friday the 4th", "Fri 4 Dec": the absolute date decides */
            size_t k = rec_skip_connectors(c, t, cand.t1);
            rec_date abs;
            if (rec_date_abs_at(c, s, k, &abs)) {
                abs.t0 = i;
                abs.weak = false;
                cand = abs;
            }
            REC_TAKE(cand);
        }
    }
    /* "el 15", "the 15": a marker makes a bare number a day of the month */
    n = rec_list(c, t, i, RL(day_markers));
    if (n) {
        int day;
        size_t k;
        bool ord, word;
        if (rec_day_at(c, s, i + n, &day, &k, &ord, &word) && !word && !rec_date_abs_at(c, s, i + n, &cand)) {
            memset(&cand, 0, sizeof cand);
            cand.t0 = i + n;
            cand.t1 = k;
            cand.kind = REC_D_DOM;
            cand.d = day;
            cand.weak = true;
            REC_TAKE(cand);
        }
    }
#undef REC_TAKE
    if (found) *out = best;
    return found;
}

/* Resolves a date to a day number; false when it cannot be (no clock for a
 * relative date, or no such day). */
static bool rec_date_resolve(const rec_cx *c, const rec_date *d, int64_t *z) {
    if (d->kind == REC_D_YMD) {
        if (d->y < 1 || d->y > 9999 || d->m < 1 || d->m > 12 || d->d < 1 || d->d > rec_dim(d->y, d->m)) return false;
        *z = rec_days_from_civil(d->y, d->m, d->d);
        return true;
    }
    int64_t today;
    if (!rec_today(c, &today)) return false;
    int64_t ty;
    int tm, td;
    rec_civil_from_days(today, &ty, &tm, &td);
    int wd = rec_weekday(today);
    switch (d->kind) {
    case REC_D_MD: {
        if (d->m < 1 || d->m > 12 || d->d < 1 || d->d > 31) return false;
        int64_t y = ty;
        if (d->m < tm || (d->m == tm && d->d < td)) y++;
        if (d->m == 2 && d->d == 29)
            while (!rec_leap(y)) y++;
        if (d->d > rec_dim(y, d->m)) return false;
        *z = rec_days_from_civil(y, d->m, d->d);
        return true;
    }
    case REC_D_DOM: {
        int64_t y = ty;
        int m = tm;
        if (d->d < td) {
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
        for (int k = 0; k < 12 && d->d > rec_dim(y, m); k++)
            if (++m > 12) {
                m = 1;
                y++;
            }
        if (d->d > rec_dim(y, m)) return false;
        *z = rec_days_from_civil(y, m, d->d);
        return true;
    }
    case REC_D_REL: *z = today + d->n; return true;
    case REC_D_WD: *z = today + (d->n - wd + 7) % 7 + 7 * d->next; return true;
    case REC_D_WEEKEND: {
        int delta = wd >= 5 ? 0 : 5 - wd;
        if (d->n) delta = wd == 5 ? 7 : wd == 6 ? 6 : delta + 7;
        *z = today + delta;
        return true;
    }
    default: return false;
    }
}

/* "YYYY-MM-DD" of day z into buf (11 bytes). */
static size_t rec_format_date(int64_t z, char *buf) {
    int64_t y;
    int m, d;
    rec_civil_from_days(z, &y, &m, &d);
    int yy = (int)y;
    buf[0] = (char)('0' + yy / 1000 % 10);
    buf[1] = (char)('0' + yy / 100 % 10);
    buf[2] = (char)('0' + yy / 10 % 10);
    buf[3] = (char)('0' + yy % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
    return 10;
}

/* Marks the message tokens that belong to dates and explicit times, so a
 * number or amount is not read out of "3 Dec" or "at 3pm". */
static void rec_cover_dates_times(const rec_cx *c, bool *covered) {
    const ty_tokens *t = c->msg.t;
    for (size_t i = 0; i < t->ntok;) {
        if (!rec_may_start(c, t, i, REC_G_DATE, REC_G_DATE_TYPO)) {
            i++;
            continue;
        }
        size_t n = rec_list(c, t, i, RL(date_stops));
        if (n) {
            i += n;
            continue;
        }
        rec_date d;
        if (rec_date_at(c, i, &d)) {
            for (size_t k = d.t0; k < d.t1; k++) covered[k] = true;
            i = d.t1;
            continue;
        }
        i++;
    }
    for (size_t i = 0; i < t->ntok;) {
        rec_time h;
        if (rec_may_start(c, t, i, REC_G_TIME, 0) && rec_time_at(c, &c->msg, i, &h)) {
            if (h.level >= REC_TL_PREP)
                for (size_t k = h.t0; k < h.t1; k++) covered[k] = true;
            i = h.t1;
        } else {
            i++;
        }
    }
}

/* ===================================================================== *
 * The recognisers
 * ===================================================================== */

/* ---- date --------------------------------------------------------------- */

/* date: "YYYY-MM-DD" of the one day the text names. */
static ty_value *rec_read_date(rec_cx *c) {
    const ty_tokens *t = c->msg.t;
    bool have = false;
    int64_t first = 0;
    size_t f0 = 0, f1 = 0;
    for (size_t i = 0; i < t->ntok;) {
        if (!rec_may_start(c, t, i, REC_G_DATE, REC_G_DATE_TYPO)) {
            i++;
            continue;
        }
        size_t n = rec_list(c, t, i, RL(date_stops));
        if (n) {
            i += n;
            continue;
        }
        rec_date d;
        if (!rec_date_at(c, i, &d)) {
            i++;
            continue;
        }
        i = d.t1;
        int64_t z;
        if (d.weak && !c->answer) continue;
        if (!rec_date_resolve(c, &d, &z)) continue;
        if (have && z != first) return NULL; /* "friday or saturday" */
        if (!have) {
            have = true;
            first = z;
            f0 = d.t0;
            f1 = d.t1;
        }
    }
    if (!have) return NULL;
    int64_t y;
    int m, dd;
    rec_civil_from_days(first, &y, &m, &dd);
    if (y < 1 || y > 9999) return NULL;
    char buf[11];
    size_t bn = rec_format_date(first, buf);
    return rec_emit_toks(c, rec_str(c, buf, bn), f0, f1);
}

/* ---- time --------------------------------------------------------------- */

/* "HH:MM" of minutes after midnight, in the result doc. */
static ty_value *rec_hhmm(rec_cx *c, int minutes) {
    char b[6] = {(char)('0' + minutes / 600), (char)('0' + minutes / 60 % 10), ':', (char)('0' + minutes % 60 / 10),
                 (char)('0' + minutes % 10), 0};
    return rec_str(c, b, 5);
}

/* True when bare hour b and time e are joined as alternatives or a range
 * ("3 or 4pm", "between 3 and 5pm", "3-5pm"): then there is no one time. */
static bool rec_time_joined(const rec_cx *c, const rec_time *b, const rec_time *e) {
    const ty_tokens *t = c->msg.t;
    if (b->t1 > e->t0) return false;
    size_t between = e->t0 - b->t1;
    if (between == 0) {
        const char *g;
        size_t gn;
        rec_gap(&c->msg, e->t0, &g, &gn);
        return memchr(g, '-', gn) != NULL || (gn >= 3 && (memcmp(g, "\xE2\x80\x93", 3) == 0));
    }
    size_t n = rec_list(c, t, b->t1, RL(or_words));
    if (!n) n = rec_list(c, t, b->t1, RL(range_and));
    if (!n) n = rec_list(c, t, b->t1, RL(range_to));
    return n == between;
}

/* time: "HH:MM" of the one time the text names. */
static ty_value *rec_read_time(rec_cx *c) {
    rec_time hits[REC_MAX_HITS];
    int hint;
    size_t n = rec_time_scan(c, &c->msg, hits, REC_MAX_HITS, &hint);
    if (n > REC_MAX_HITS) return NULL;
    int want = c->answer ? REC_TL_PREP : REC_TL_STRONG;
    for (size_t a = 0; a + 1 < n; a++)
        if (hits[a].level == REC_TL_BARE && hits[a + 1].level >= want && rec_time_joined(c, &hits[a], &hits[a + 1]))
            return NULL;
    /* explicit times first; then (answers only) a time of day; then a bare
     * hour that is the whole reply */
    for (int pass = 0; pass < 3; pass++) {
        if (pass > 0 && !c->answer) break;
        const rec_time *pick = NULL;
        int value = -1;
        for (size_t k = 0; k < n; k++) {
            const rec_time *h = &hits[k];
            bool take = pass == 0   ? h->level >= want
                        : pass == 1 ? h->level == REC_TL_PERIOD
                                    : h->level == REC_TL_BARE && rec_alone(c, h->t0, h->t1);
            if (!take) continue;
            int v = rec_time_minutes(h, pass == 1 ? -1 : hint);
            if (pick && v != value) return NULL; /* "3 or 4pm" */
            if (!pick) {
                pick = h;
                value = v;
            }
        }
        if (pick) return rec_emit_toks(c, rec_hhmm(c, value), pick->t0, pick->t1);
    }
    return NULL;
}

/* ---- number ------------------------------------------------------------- */

/* number: the one number of an answer (not inside a date or time). */
static ty_value *rec_read_number(rec_cx *c) {
    if (!c->answer) return NULL; /* a bare number is no entity */
    const ty_tokens *t = c->msg.t;
    bool *covered = ty_arena_alloc(c->scratch, t->ntok * sizeof(bool));
    if (!covered) {
        c->rc = TY_E_NOMEM;
        return NULL;
    }
    memset(covered, 0, t->ntok * sizeof(bool));
    rec_cover_dates_times(c, covered);
    bool have = false;
    rec_num first;
    memset(&first, 0, sizeof first);
    for (size_t i = 0; i < t->ntok;) {
        rec_num num;
        if (covered[i] || !rec_number_at(c, &c->msg, i, true, true, &num)) {
            i++;
            continue;
        }
        i = num.t1;
        /* a multiplier: "50k", "2 million" */
        const ty_loc_word *w = NULL;
        size_t mn = rec_words(c, t, num.t1, RW(multipliers), &w);
        if (mn && !num.words) {
            num.v *= w->value;
            num.t1 += mn;
            i = num.t1;
        }
        if (have && num.v != first.v) return NULL;
        if (!have) {
            have = true;
            first = num;
        }
    }
    if (!have) return NULL;
    size_t b0 = first.b0, b1 = t->tok[first.t1 - 1].b_end;
    return rec_emit(c, ty_val_number(c->doc, first.v), b0, b1);
}

/* ---- money -------------------------------------------------------------- */

typedef struct rec_amt {
    double v;
    size_t t0, t1;
    const char *cur; /* ISO code, or NULL */
} rec_amt;

/* A currency word or symbol at token i: tokens matched, *iso set. */
static size_t rec_currency_at(const rec_cx *c, size_t i, const char **iso) {
    size_t best = 0;
    if (i >= c->msg.t->ntok || !((rec_may(c, c->msg.t, i, false) >> REC_L_currencies) & 1)) return 0;
    char b = c->msg.t->norm[c->msg.t->tok[i].start];
    for (const ty_loc_currency *cu = c->loc->currencies; cu && cu->text; cu++) {
        if (cu->text[0] != b) continue;
        size_t n = rec_phrase(c->msg.t, i, cu->text);
        if (n > best) {
            best = n;
            *iso = cu->iso;
        }
    }
    return best;
}

/* An amount at token i: [currency] number [multiplier] [currency]. */
static bool rec_amount_at(const rec_cx *c, size_t i, const bool *covered, rec_amt *a) {
    const ty_tokens *t = c->msg.t;
    memset(a, 0, sizeof a[0]);
    size_t j = i;
    const char *cur = NULL;
    size_t n = rec_currency_at(c, j, &cur);
    j += n;
    rec_num num;
    if (j >= t->ntok || (covered && covered[j] && !cur)) return false;
    if (!rec_number_at(c, &c->msg, j, true, false, &num)) return false;
    size_t k = num.t1;
    const ty_loc_word *w = NULL;
    size_t mn = rec_words(c, t, k, RW(multipliers), &w);
    if (mn && !num.words) {
        num.v *= w->value;
        k += mn;
    }
    if (!cur) {
        n = rec_currency_at(c, k, &cur);
        k += n;
    }
    a->v = num.v;
    a->t0 = i;
    a->t1 = k;
    a->cur = cur;
    return true;
}

typedef struct rec_money {
    size_t t0, t1;
    bool range, has_min, has_max, explicit_;
    double amount, min, max;
    const char *cur;
} rec_money;

/* A range connector at token j: a word of list ("to", "and": *n tokens) or
 * a dash between the two amounts ("50-80", "50 – 80": *n = 0). */
static bool rec_range_conn(const rec_cx *c, size_t j, const char *const *list, int id, size_t *n) {
    *n = rec_list(c, c->msg.t, j, list, id);
    if (*n) return true;
    if (j >= c->msg.t->ntok) return false;
    const char *g;
    size_t gn;
    rec_gap(&c->msg, j, &g, &gn);
    while (gn && ty_is_space((unsigned char)*g)) g++, gn--;
    while (gn && ty_is_space((unsigned char)g[gn - 1])) gn--;
    return (gn == 1 && g[0] == '-') || (gn == 3 && memcmp(g, "\xE2\x80\x93", 3) == 0) ||
           (gn == 3 && memcmp(g, "\xE2\x80\x94", 3) == 0);
}

/* Both ends of a range share one currency; false when they name two. */
static bool rec_range_currency(const rec_amt *a, const rec_amt *b, const char **cur) {
    if (a->cur && b->cur && strcmp(a->cur, b->cur) != 0) return false;
    *cur = a->cur ? a->cur : b->cur;
    return true;
}

/* One money expression at token i. */
static bool rec_money_at(const rec_cx *c, size_t i, const bool *covered, rec_money *m, bool *bad) {
    const ty_tokens *t = c->msg.t;
    memset(m, 0, sizeof *m);
    m->t0 = i;
    rec_amt a, b;
    size_t n;
    size_t cn;
    if ((n = rec_list(c, t, i, RL(range_between))) != 0 && rec_amount_at(c, i + n, NULL, &a) &&
        (rec_range_conn(c, a.t1, RL(range_and), &cn) || rec_range_conn(c, a.t1, RL(range_to), &cn)) &&
        rec_amount_at(c, a.t1 + cn, NULL, &b)) {
        if (!rec_range_currency(&a, &b, &m->cur)) return *bad = true, false;
        m->range = m->has_min = m->has_max = m->explicit_ = true;
        m->min = a.v < b.v ? a.v : b.v;
        m->max = a.v < b.v ? b.v : a.v;
        m->t1 = b.t1;
        return true;
    }
    size_t xn = rec_list(c, t, i, RL(range_max)), nn = rec_list(c, t, i, RL(range_min));
    if ((xn || nn) && rec_amount_at(c, i + (xn > nn ? xn : nn), NULL, &a)) {
        if (nn >= xn && rec_range_conn(c, a.t1, RL(range_to), &cn) && rec_amount_at(c, a.t1 + cn, NULL, &b)) {
            if (!rec_range_currency(&a, &b, &m->cur)) return *bad = true, false;
            m->range = m->has_min = m->has_max = m->explicit_ = true;
            m->min = a.v < b.v ? a.v : b.v;
            m->max = a.v < b.v ? b.v : a.v;
            m->t1 = b.t1;
            return true;
        }
        m->range = m->explicit_ = true;
        if (xn > nn) {
            m->has_max = true;
            m->max = a.v;
        } else {
            m->has_min = true;
            m->min = a.v;
        }
        m->cur = a.cur;
        m->t1 = a.t1;
        return true;
    }
    if (!rec_amount_at(c, i, covered, &a)) return false;
    if (rec_range_conn(c, a.t1, RL(range_to), &cn) && rec_amount_at(c, a.t1 + cn, NULL, &b)) {
        if (!rec_range_currency(&a, &b, &m->cur)) return *bad = true, false;
        m->range = m->has_min = m->has_max = m->explicit_ = true;
        m->min = a.v < b.v ? a.v : b.v;
        m->max = a.v < b.v ? b.v : a.v;
        m->t1 = b.t1;
        return true;
    }
    m->cur = a.cur;
    m->t1 = a.t1;
    if ((n = rec_list(c, t, a.t1, RL(range_max_after))) != 0) {
        m->range = m->has_max = m->explicit_ = true;
        m->max = a.v;
        m->t1 += n;
    } else if ((n = rec_list(c, t, a.t1, RL(range_min_after))) != 0) {
        m->range = m->has_min = m->explicit_ = true;
        m->min = a.v;
        m->t1 += n;
    } else {
        m->amount = a.v;
        m->explicit_ = a.cur != NULL;
    }
    return true;
}

/* True when two money readings are the same value. */
static bool rec_money_same(const rec_money *a, const rec_money *b) {
    if (a->range != b->range || a->has_min != b->has_min || a->has_max != b->has_max) return false;
    if ((a->cur == NULL) != (b->cur == NULL) || (a->cur && strcmp(a->cur, b->cur) != 0)) return false;
    if (!a->range) return a->amount == b->amount;
    return (!a->has_min || a->min == b->min) && (!a->has_max || a->max == b->max);
}

/* The money value map in the result doc (NULL on OOM). */
static ty_value *rec_money_value(rec_cx *c, const rec_money *m) {
    ty_doc *d = c->doc;
    ty_value *v = ty_val_map(d);
    ty_value *cur = m->cur ? ty_val_string(d, m->cur, strlen(m->cur)) : ty_val_null(d);
    if (!v || !cur) return NULL;
    if (!m->range) {
        ty_value *a = ty_val_number(d, m->amount);
        if (!a || ty_map_put(d, v, "amount", 6, a)) return NULL;
    } else {
        ty_value *lo = m->has_min ? ty_val_number(d, m->min) : NULL;
        ty_value *hi = m->has_max ? ty_val_number(d, m->max) : NULL;
        if ((m->has_min && (!lo || ty_map_put(d, v, "min", 3, lo))) ||
            (m->has_max && (!hi || ty_map_put(d, v, "max", 3, hi))))
            return NULL;
    }
    if (ty_map_put(d, v, "currency", 8, cur)) return NULL;
    return v;
}

/* money: one amount or range; explicit ones (a currency, a range word)
 * win over bare numbers, which count only in answers. */
static ty_value *rec_read_money(rec_cx *c) {
    const ty_tokens *t = c->msg.t;
    bool *covered = NULL;
    if (c->answer) { /* bare amounts count only in answers, and not inside dates and times */
        covered = ty_arena_alloc(c->scratch, t->ntok * sizeof(bool));
        if (!covered) {
            c->rc = TY_E_NOMEM;
            return NULL;
        }
        memset(covered, 0, t->ntok * sizeof(bool));
        rec_cover_dates_times(c, covered);
    } else { /* an entity names its currency */
        bool any = false;
        const char *iso;
        for (size_t i = 0; i < t->ntok && !any; i++)
            any = t->tok[i].kind != TY_TOK_NUM && rec_currency_at(c, i, &iso);
        if (!any) return NULL;
    }
    rec_money best, bare;
    memset(&best, 0, sizeof best);
    memset(&bare, 0, sizeof bare);
    bool have = false, have_bare = false, bare_conflict = false;
    for (size_t i = 0; i < t->ntok;) {
        rec_money m;
        bool bad = false;
        if (!rec_money_at(c, i, covered, &m, &bad)) {
            if (bad) return NULL;
            i++;
            continue;
        }
        i = m.t1;
        if (!m.explicit_) {
            if (have_bare && !rec_money_same(&bare, &m)) bare_conflict = true;
            if (!have_bare) bare = m;
            have_bare = true;
            continue;
        }
        if (!c->answer && !m.cur) continue; /* entities need a currency */
        if (have && !rec_money_same(&best, &m)) return NULL;
        if (!have) best = m;
        have = true;
    }
    if (!have) {
        if (!c->answer || !have_bare || bare_conflict) return NULL;
        best = bare;
    }
    ty_value *v = rec_money_value(c, &best);
    if (!v) {
        c->rc = TY_E_NOMEM;
        return NULL;
    }
    return rec_emit_toks(c, v, best.t0, best.t1);
}

/* ---- yes / no ----------------------------------------------------------- */

/* s without runs of a repeated character ("yesss" -> "yes"), into out. */
static size_t rec_squeeze(const char *s, size_t n, char *out, size_t cap) {
    size_t k = 0;
    for (size_t i = 0; i < n && k < cap; i++)
        if (k == 0 || out[k - 1] != s[i]) out[k++] = s[i];
    return k;
}

/* Like rec_list, but a single word also matches with letters held down
 * ("yesss", "noooo", "okkk"). */
static size_t rec_yn_list(const rec_cx *c, const ty_tokens *t, size_t i, const char *const *list, int id) {
    size_t n = rec_list(c, t, i, list, id);
    if (n || i >= t->ntok || t->tok[i].kind != TY_TOK_WORD || !((rec_may(c, t, i, true) >> id) & 1)) return n;
    size_t tn;
    const char *ts = rec_tok(t, i, &tn);
    if (tn < 3 || tn > 64) return 0;
    char a[64], b[64];
    size_t an = rec_squeeze(ts, tn, a, sizeof a);
    if (an == tn) return 0; /* nothing held down */
    for (; *list; list++) {
        if ((*list)[0] != a[0]) continue;
        size_t ln = strlen(*list);
        if (ln > 64 || strchr(*list, ' ')) continue;
        size_t bn = rec_squeeze(*list, ln, b, sizeof b);
        if (an == bn && memcmp(a, b, an) == 0) return 1;
    }
    return 0;
}

/* yesno: "yes" or "no" when every yes/no phrase agrees and none is unsure. */
static ty_value *rec_read_yesno(rec_cx *c) {
    if (!c->answer) return NULL; /* yes/no only answers its own question */
    const ty_tokens *t = c->msg.t;
    int value = 0; /* 1 yes, 2 no */
    size_t f0 = 0, f1 = 0;
    bool only_one = t->ntok == 1;
    for (size_t i = 0; i < t->ntok;) {
        size_t un = rec_list(c, t, i, RL(unsure));
        size_t yn = rec_yn_list(c, t, i, RL(yes));
        size_t nn = rec_yn_list(c, t, i, RL(no));
        if (only_one) {
            if (!yn) yn = rec_list(c, t, i, RL(yes_alone));
            if (!nn) nn = rec_list(c, t, i, RL(no_alone));
        }
        /* a negation before a yes: "not ok", "dont want to" */
        size_t gn = rec_list(c, t, i, RL(negations));
        size_t gy = gn ? rec_yn_list(c, t, i + gn, RL(yes)) : 0;
        int kind = 0;
        size_t best = 0;
        if (yn > best) best = yn, kind = 1;
        if (nn > best) best = nn, kind = 2;
        if (gy && gn + gy > best) best = gn + gy, kind = 2;
        if (un && un >= best) best = un, kind = 3;
        if (!kind) {
            i++;
            continue;
        }
        if (kind == 3) return NULL; /* "not sure", "yes and no" */
        if (value && value != kind) return NULL;
        if (!value) {
            value = kind;
            f0 = i;
            f1 = i + best;
        }
        i += best;
    }
    if (!value) return NULL;
    return rec_emit_toks(c, value == 1 ? rec_str(c, "yes", 3) : rec_str(c, "no", 2), f0, f1);
}

/* ---- email -------------------------------------------------------------- */

/* A code point allowed in an address local part. */
static bool rec_email_local(int32_t cp) {
    if (cp < 0x80)
        return ty_is_alpha(cp) || ty_is_digit(cp) || cp == '.' || cp == '_' || cp == '%' || cp == '+' ||
               cp == '-' || cp == '\'';
    int cat = utf8proc_category(cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/* A code point allowed in an address domain. */
static bool rec_email_domain(int32_t cp) {
    if (cp < 0x80) return ty_is_alpha(cp) || ty_is_digit(cp) || cp == '.' || cp == '-';
    int cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) || cat == UTF8PROC_CATEGORY_ND;
}

/* The start of the code point that ends just before byte i. */
static size_t rec_prev_cp(const char *s, size_t i) {
    do i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

/* An address around the '@' at byte at; [*b0, *b1) when valid. */
static bool rec_email_around(const char *s, size_t len, size_t at, size_t *b0, size_t *b1) {
    size_t l = at;
    while (l > 0) {
        size_t p = rec_prev_cp(s, l);
        int32_t cp;
        ty_utf8_decode(s, len, p, &cp);
        if (!rec_email_local(cp)) break;
        l = p;
    }
    while (l < at && (s[l] == '.' || s[l] == '\'' || s[l] == '-')) l++;
    size_t r = at + 1;
    while (r < len) {
        int32_t cp;
        int n = ty_utf8_decode(s, len, r, &cp);
        if (!rec_email_domain(cp)) break;
        r += (size_t)n;
    }
    while (r > at + 1 && (s[r - 1] == '.' || s[r - 1] == '-')) r--;
    if (l == at || at - l > 64 || r - at - 1 > 255) return false;
    /* labels: non-empty; at least two; a top-level label of 2+ letters */
    size_t dots = 0, label = 0, tld = 0;
    bool tld_alpha = true;
    for (size_t k = at + 1; k < r; k++) {
        if (s[k] == '.') {
            if (label == 0) return false;
            dots++;
            label = 0;
            tld = 0;
            tld_alpha = true;
            continue;
        }
        label++;
        tld++;
        if (ty_is_digit((unsigned char)s[k]) || s[k] == '-') tld_alpha = false;
    }
    if (!dots || label == 0 || tld < 2 || !tld_alpha) return false;
    if (s[at - 1] == '.') return false;
    *b0 = l;
    *b1 = r;
    return true;
}

/* email: the one address in the text, ASCII lower-cased. */
static ty_value *rec_read_email(rec_cx *c) {
    const char *s = c->msg.text;
    size_t len = c->msg.len;
    bool have = false;
    size_t f0 = 0, f1 = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '@') continue;
        size_t b0, b1;
        if (!rec_email_around(s, len, i, &b0, &b1)) continue;
        if (have) {
            if (b1 - b0 != f1 - f0) return NULL;
            for (size_t k = 0; k < b1 - b0; k++)
                if (ty_lower((unsigned char)s[b0 + k]) != ty_lower((unsigned char)s[f0 + k])) return NULL;
        } else {
            have = true;
            f0 = b0;
            f1 = b1;
        }
        i = b1 - 1;
    }
    if (!have) return NULL;
    char *low = ty_arena_alloc(c->scratch, f1 - f0 + 1);
    if (!low) {
        c->rc = TY_E_NOMEM;
        return NULL;
    }
    for (size_t k = f0; k < f1; k++) low[k - f0] = (char)ty_lower((unsigned char)s[k]);
    return rec_emit(c, rec_str(c, low, f1 - f0), f0, f1);
}

/* ---- phone -------------------------------------------------------------- */

/* Separators allowed between the digits of a phone number. */
static bool rec_phone_sep(char ch) { return ch == ' ' || ch == '-' || ch == '.' || ch == '(' || ch == ')'; }

/* A phone number starting at byte i: [*b0, *b1), its digits in digits. */
static bool rec_phone_at(const rec_cx *c, size_t i, size_t *b1, char *digits, size_t *nd, size_t *next) {
    const char *s = c->msg.text;
    size_t len = c->msg.len;
    size_t k = i;
    bool plus = s[k] == '+' || (s[k] == '(' && k + 1 < len && s[k + 1] == '+');
    if (plus) k += s[k] == '+' ? 1 : 2;
    size_t n = 0, last = 0, dots = 0, seps = 0, groups = 0;
    bool in_digit = false;
    char prev = 0;
    while (k < len) {
        char ch = s[k];
        if (ty_is_digit((unsigned char)ch)) {
            if (n < 16) digits[n] = ch;
            n++;
            last = k + 1;
            if (!in_digit) groups++;
            in_digit = true;
        } else if (rec_phone_sep(ch)) {
            if (ch == ' ' && prev == ' ') break;
            if (ch == '.') dots++;
            if (ch != '(' && ch != ')') seps++;
            in_digit = false;
        } else {
            break;
        }
        prev = ch;
        k++;
    }
    *next = last > i ? last : i + 1;
    if (n < 7 || n > 15) return false;
    if (last < len && ty_is_alpha((unsigned char)s[last])) return false; /* "12345678x" */
    if (dots == 1 && seps == 1) return false;                               /* 1234.5678: a decimal */
    /* year-first dates are dates: 2026-12-03 */
    if (groups == 3 && n <= 8 && last - i == n + 2 && s[i + 4] == '-') return false;
    if (!c->answer && !plus && n < 9) return false; /* entities: clearly a phone number */
    *b1 = last;
    *nd = n;
    digits[n] = '\0';
    return true;
}

/* phone: the one number of 7-15 digits in the text, "+" kept. */
static ty_value *rec_read_phone(rec_cx *c) {
    const char *s = c->msg.text;
    size_t len = c->msg.len;
    bool have = false;
    char first[20], cur[20];
    size_t fn = 0, f0 = 0, f1 = 0;
    for (size_t i = 0; i < len;) {
        char ch = s[i];
        bool start = ty_is_digit((unsigned char)ch) || ch == '(' ||
                     (ch == '+' && i + 1 < len && (ty_is_digit((unsigned char)s[i + 1]) || s[i + 1] == '('));
        if (start && i > 0) {
            size_t p = rec_prev_cp(s, i);
            int32_t cp;
            ty_utf8_decode(s, len, p, &cp);
            if (cp < 0x80 ? (ty_is_alpha(cp) || ty_is_digit(cp) || cp == '+' || cp == '.' || cp == '/' ||
                             cp == '$' || cp == ',')
                          : utf8proc_category(cp) <= UTF8PROC_CATEGORY_ME)
                start = false;
        }
        if (!start) {
            i++;
            continue;
        }
        size_t b1, n, next;
        bool plus = ch == '+' || (ch == '(' && i + 1 < len && s[i + 1] == '+');
        size_t b0 = i;
        if (!rec_phone_at(c, i, &b1, cur + 1, &n, &next)) {
            i = next;
            continue;
        }
        size_t vn = n;
        char *v = cur + 1;
        if (plus) {
            cur[0] = '+';
            v = cur;
            vn++;
        }
        if (have && (vn != fn || memcmp(v, first, vn) != 0)) return NULL;
        if (!have) {
            have = true;
            memcpy(first, v, vn);
            fn = vn;
            f0 = b0;
            f1 = b1;
        }
        i = b1;
    }
    if (!have) return NULL;
    return rec_emit(c, rec_str(c, first, fn), f0, f1);
}

/* ---- text --------------------------------------------------------------- */

/* text: the answer without greeting and lead-in ("my name is"), trimmed
 * to its first and last token (trailing punctuation dropped). */
static ty_value *rec_read_text(rec_cx *c) {
    if (!c->answer) return NULL; /* free text is never an entity */
    const ty_tokens *t = c->msg.t;
    size_t i = 0;
    size_t n = rec_list(c, t, i, RL(greetings));
    if (n && i + n < t->ntok) i += n;
    n = rec_list(c, t, i, RL(text_leadins));
    if (n && i + n < t->ntok) i += n;
    size_t b0 = t->tok[i].b_start, b1 = t->tok[t->ntok - 1].b_end;
    if (b1 <= b0) return NULL;
    return rec_emit(c, rec_str(c, c->msg.text + b0, b1 - b0), b0, b1);
}

/* ---- choice ------------------------------------------------------------- */

typedef struct rec_seg {
    const char *s;
    size_t n;
} rec_seg;

/* Message token i against a name token, typo-tolerant for words. */
static bool rec_seg_eq(const rec_cx *c, size_t i, const rec_seg *g) {
    const ty_tokens *t = c->msg.t;
    size_t tn;
    const char *ts = rec_tok(t, i, &tn);
    if (tn == g->n && memcmp(ts, g->s, tn) == 0) return true;
    if (t->tok[i].kind != TY_TOK_WORD || !tn || !g->n || ts[0] != g->s[0]) return false;
    return rec_fuzzy(ts, tn, g->s, g->n, c->answer ? 4 : 5);
}

/* One name of an option (title, synonym or id), split into its tokens. */
typedef struct rec_name {
    const rec_seg *g;
    size_t k;
    bool is_id; /* ids count only when matched whole */
} rec_name;

typedef struct rec_opt {
    rec_name *names;
    size_t n;
} rec_opt;

/* Per-call choice state: the options' names, and for each message token
 * which options have a name holding it (computed on demand): none, one
 * (held[i] is its index) or several (REC_HELD_MANY). */
typedef struct rec_segref {
    uint32_t o, k, ni; /* option, name, token of the name */
} rec_segref;

typedef struct rec_choice_cx {
    rec_opt *po;
    size_t nopts;
    size_t *held;
    bool *known;
    /* every name token of every option, grouped by first byte: a message
     * token is compared only with its group (typos keep the first byte) */
    rec_segref *refs;
    uint32_t start[257];
} rec_choice_cx;

/* Groups the options' name tokens by first byte; false on OOM. */
static bool rec_choice_group(rec_cx *c, rec_choice_cx *cc) {
    size_t total = 0;
    memset(cc->start, 0, sizeof cc->start);
    for (size_t o = 0; o < cc->nopts; o++)
        for (size_t k = 0; k < cc->po[o].n; k++)
            for (size_t ni = 0; ni < cc->po[o].names[k].k; ni++) {
                cc->start[(unsigned char)cc->po[o].names[k].g[ni].s[0] + 1]++;
                total++;
            }
    if (total > UINT32_MAX || cc->nopts > UINT32_MAX) return false;
    for (int b = 0; b < 256; b++) cc->start[b + 1] += cc->start[b];
    cc->refs = ty_arena_alloc(c->scratch, (total ? total : 1) * sizeof *cc->refs);
    if (!cc->refs) return false;
    uint32_t fill[256];
    memcpy(fill, cc->start, sizeof fill);
    for (size_t o = 0; o < cc->nopts; o++)
        for (size_t k = 0; k < cc->po[o].n; k++)
            for (size_t ni = 0; ni < cc->po[o].names[k].k; ni++)
                cc->refs[fill[(unsigned char)cc->po[o].names[k].g[ni].s[0]]++] =
                    (rec_segref){(uint32_t)o, (uint32_t)k, (uint32_t)ni};
    return true;
}

#define REC_HELD_NONE ((size_t)-1)
#define REC_HELD_MANY ((size_t)-2)

/* Splits normalised name s into nm (segments from the scratch arena). */
static bool rec_name_split(rec_cx *c, const char *s, size_t n, bool is_id, rec_name *nm) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && (i == 0 || s[i - 1] == ' ')) k++;
    if (k > REC_MAX_SEGS) k = REC_MAX_SEGS;
    rec_seg *g = k ? ty_arena_alloc(c->scratch, k * sizeof *g) : NULL;
    if (k && !g) return false;
    size_t at = 0;
    for (size_t i = 0; i < n && at < k;) {
        size_t j = i;
        while (j < n && s[j] != ' ') j++;
        if (j > i) g[at++] = (rec_seg){s + i, j - i};
        i = j + 1;
    }
    *nm = (rec_name){g, at, is_id};
    return true;
}

/* The names every option answers to: its title, its synonyms and (in
 * answers, where a button reply sends it) its id. NULL on OOM. */
static rec_opt *rec_choice_prepare(rec_cx *c, const ty_option *opts, size_t nopts) {
    rec_opt *po = ty_arena_alloc(c->scratch, nopts * sizeof *po);
    if (!po) return NULL;
    for (size_t o = 0; o < nopts; o++) {
        const ty_option *op = &opts[o];
        size_t max = 2 + op->nsynonyms;
        po[o].n = 0;
        po[o].names = ty_arena_alloc(c->scratch, max * sizeof *po[o].names);
        if (!po[o].names) return NULL;
        if (op->norm_title && !rec_name_split(c, op->norm_title, op->norm_title_len, false, &po[o].names[po[o].n++]))
            return NULL;
        for (size_t k = 0; k < op->nsynonyms; k++) {
            if (!op->norm_synonyms || !op->norm_synonyms[k]) continue;
            if (!rec_name_split(c, op->norm_synonyms[k], op->norm_synonym_lens[k], false, &po[o].names[po[o].n++]))
                return NULL;
        }
        if (c->answer && op->id) {
            size_t idn;
            char *id = ty_text_normalize(op->id, op->id_len, c->scratch, &idn);
            if (!id || !rec_name_split(c, id, idn, true, &po[o].names[po[o].n++])) return NULL;
        }
    }
    return po;
}

/* True when message tokens [mi, mi+len) occur inside name nm. */
static bool rec_run_in_name(const rec_cx *c, size_t mi, size_t len, const rec_name *nm) {
    for (size_t ni = 0; ni + len <= nm->k; ni++) {
        size_t l = 0;
        while (l < len && rec_seg_eq(c, mi + l, &nm->g[ni + l])) l++;
        if (l == len) return true;
    }
    return false;
}

/* True when the run [mi, mi+len) occurs in a name of any option but o:
 * then it does not tell the options apart ("clean" in two titles). One-token
 * runs, the usual case, are answered from a per-token cache so that long
 * messages stay linear. */
static bool rec_run_elsewhere(const rec_cx *c, rec_choice_cx *cc, size_t o, size_t mi, size_t len) {
    if (len == 1) {
        if (!cc->known[mi]) {
            size_t h = REC_HELD_NONE;
            unsigned char b = (unsigned char)c->msg.t->norm[c->msg.t->tok[mi].start];
            for (uint32_t r = cc->start[b]; r < cc->start[b + 1] && h != REC_HELD_MANY; r++) {
                const rec_segref *sr = &cc->refs[r];
                if (sr->o == h || !rec_seg_eq(c, mi, &cc->po[sr->o].names[sr->k].g[sr->ni])) continue;
                h = h == REC_HELD_NONE ? sr->o : REC_HELD_MANY;
            }
            cc->held[mi] = h;
            cc->known[mi] = true;
        }
        return cc->held[mi] != REC_HELD_NONE && cc->held[mi] != o;
    }
    for (size_t p = 0; p < cc->nopts; p++) {
        if (p == o) continue;
        for (size_t k = 0; k < cc->po[p].n; k++)
            if (rec_run_in_name(c, mi, len, &cc->po[p].names[k])) return true;
    }
    return false;
}

/* True when a negation phrase ends right before token i, perhaps with one
 * filler word between ("not the deep one"), and no punctuation cuts them
 * apart ("no, the deep one" is not negated in Spanish either). */
static bool rec_negated(const rec_cx *c, size_t i) {
    const ty_tokens *t = c->msg.t;
    size_t j = i;
    for (int skip = 0; skip < 2; skip++) {
        if (j == 0 || rec_gap_cuts(&c->msg, j)) return false;
        for (size_t k = j >= 3 ? j - 3 : 0; k < j; k++)
            if (rec_list(c, t, k, RL(negations)) == j - k) return true;
        if (!rec_tok_in(c, t, j - 1, RL(fillers))) return false;
        j--;
    }
    return false;
}

typedef struct rec_ev {
    size_t t0, t1;
    size_t weight;
    bool set;
} rec_ev;

/* Keeps the heavier of two pieces of evidence for one option. */
static void rec_ev_add(rec_ev *e, size_t t0, size_t t1, size_t weight) {
    if (!e->set || weight > e->weight) *e = (rec_ev){t0, t1, weight, true};
}

/* Normalised bytes of message tokens [t0, t1): how much was matched. */
static size_t rec_weight(const rec_cx *c, size_t t0, size_t t1) {
    size_t w = 0;
    for (size_t i = t0; i < t1; i++) w += c->msg.t->tok[i].end - c->msg.t->tok[i].start;
    return w;
}

/* Title and synonym evidence for every option into ev[]: a whole name
 * anywhere, or a part of one that no other option shares ("the deep one"). */
static void rec_choice_names(const rec_cx *c, rec_choice_cx *cc, rec_ev *ev) {
    const ty_tokens *t = c->msg.t;
    for (size_t mi = 0; mi < t->ntok; mi++) {
        unsigned char b = (unsigned char)t->norm[t->tok[mi].start];
        for (uint32_t r = cc->start[b]; r < cc->start[b + 1]; r++) {
            size_t o = cc->refs[r].o, ni = cc->refs[r].ni;
            const rec_name *nm = &cc->po[o].names[cc->refs[r].k];
            const rec_seg *g = nm->g;
            size_t gk = nm->k;
            if (!rec_seg_eq(c, mi, &g[ni])) continue;
            if (mi > 0 && ni > 0 && rec_seg_eq(c, mi - 1, &g[ni - 1])) continue; /* not maximal */
            size_t len = 1;
            while (mi + len < t->ntok && ni + len < gk && rec_seg_eq(c, mi + len, &g[ni + len])) len++;
            bool full = ni == 0 && len == gk;
            if (!full) {
                if (nm->is_id) continue;
                bool informative = false;
                for (size_t q = mi; q < mi + len && !informative; q++) {
                    size_t qn;
                    const char *qs = rec_tok(t, q, &qn);
                    informative = t->tok[q].kind == TY_TOK_WORD && ty_utf8_count(qs, qn) >= 2 &&
                                  !rec_in_list(qs, qn, c->loc->fillers) && !rec_in_list(qs, qn, c->loc->option_words);
                }
                if (!informative || rec_run_elsewhere(c, cc, o, mi, len)) continue;
            }
            size_t r0 = mi, r1 = mi + len;
            if (!full) { /* a part of a name reports only its telling words: "book", not "book a" */
                while (r1 - r0 > 1 && rec_tok_in(c, t, r1 - 1, RL(fillers))) r1--;
                while (r1 - r0 > 1 && rec_tok_in(c, t, r0, RL(fillers))) r0++;
            }
            if (rec_negated(c, r0)) continue;
            rec_ev_add(&ev[o], r0, r1, rec_weight(c, r0, r1));
        }
    }
}

/* The first weekday named in s (-1 when none). */
static int rec_find_weekday(const rec_cx *c, const rec_src *s) {
    const ty_loc_word *w = NULL;
    for (size_t i = 0; i < s->t->ntok; i++)
        if (rec_words_fuzzy(c, s->t, i, RW(weekdays), &w)) return w->value;
    return -1;
}

/* Time evidence: an explicit time in the reply that equals a time in one
 * option's title ("the 10am one" -> "Tue 10:00"). */
static void rec_choice_times(rec_cx *c, const ty_option *opts, size_t nopts, rec_ev *ev) {
    /* no digits, "noon" or spelt-out hour: no explicit time (the usual case) */
    bool maybe = false;
    for (size_t i = 0; i < c->msg.t->ntok && !maybe; i++)
        maybe = c->msg.t->tok[i].kind == TY_TOK_NUM ||
                (rec_may(c, c->msg.t, i, false) & (REC_BIT(time_points) | REC_BIT(number_words) | REC_BIT(time_offsets)));
    if (!maybe) return;
    rec_time hits[REC_MAX_HITS];
    int hint;
    size_t n = rec_time_scan(c, &c->msg, hits, REC_MAX_HITS, &hint);
    if (n > REC_MAX_HITS) n = REC_MAX_HITS;
    int want = c->answer ? REC_TL_PREP : REC_TL_STRONG;
    bool any = false;
    for (size_t k = 0; k < n; k++) any = any || hits[k].level >= want;
    if (!any) return;
    int msg_wd = rec_find_weekday(c, &c->msg);
    /* each title's times, once */
    int *tmin = ty_arena_alloc(c->scratch, nopts * 4 * sizeof(int));
    int *twd = ty_arena_alloc(c->scratch, nopts * sizeof(int));
    if (!tmin || !twd) {
        c->rc = TY_E_NOMEM;
        return;
    }
    for (size_t o = 0; o < nopts; o++) {
        for (int q = 0; q < 4; q++) tmin[o * 4 + q] = -1;
        twd[o] = -1;
        if (!opts[o].title) continue;
        ty_tokens tt;
        if (ty_text_tokenize(opts[o].title, opts[o].title_len, c->scratch, &tt)) {
            c->rc = TY_E_NOMEM;
            return;
        }
        rec_src ts = {opts[o].title, opts[o].title_len, &tt};
        rec_time th[4];
        int thint;
        size_t tn = rec_time_scan(c, &ts, th, 4, &thint);
        if (tn > 4) tn = 4;
        for (size_t q = 0; q < tn; q++)
            if (th[q].level >= REC_TL_PREP) tmin[o * 4 + q] = rec_time_minutes(&th[q], thint);
        twd[o] = rec_find_weekday(c, &ts);
    }
    for (size_t k = 0; k < n; k++) {
        if (hits[k].level < want) continue;
        int v = rec_time_minutes(&hits[k], hint);
        size_t match = 0, which = 0;
        for (size_t o = 0; o < nopts; o++) {
            if (msg_wd >= 0 && twd[o] >= 0 && twd[o] != msg_wd) continue; /* "thursday at 3" vs "Tue 15:00" */
            for (int q = 0; q < 4; q++)
                if (tmin[o * 4 + q] == v) {
                    match++;
                    which = o;
                    break;
                }
        }
        if (match == 1 && !rec_negated(c, hits[k].t0))
            rec_ev_add(&ev[which], hits[k].t0, hits[k].t1, rec_weight(c, hits[k].t0, hits[k].t1));
    }
}

/* Letters, numbers and ordinals ("B", "2", "#2", "option b", "the second
 * one", "2nd", "last") — only as the whole reply, among filler words: inside
 * a sentence a number is weak evidence ("thursday at 3"). */
static bool rec_choice_index(rec_cx *c, size_t nopts, size_t *which, size_t *f0, size_t *f1, size_t *fb0) {
    const ty_tokens *t = c->msg.t;
    const ty_locale *L = c->loc;
    long idx = -1;
    size_t e0 = 0, e1 = 0, ep = 0;
    bool have = false;
    long filler_num = -1;
    size_t opt_end = (size_t)-1, opt_start = 0;
    for (size_t i = 0; i < t->ntok;) {
        long v = -1;
        size_t end = i + 1;
        const ty_loc_word *w = NULL;
        size_t n;
        size_t tn;
        const char *ts = rec_tok(t, i, &tn);
        if (t->tok[i].kind == TY_TOK_SYM) {
            i++;
            continue;
        }
        if ((n = rec_list(c, t, i, RL(option_words))) != 0) {
            opt_start = i;
            opt_end = i + n;
            i += n;
            continue;
        }
        if ((n = rec_words(c, t, i, RW(ordinals), &w)) != 0) {
            v = w->value > 0 ? w->value - 1 : (long)nopts + w->value;
            end = i + n;
        } else if (t->tok[i].kind == TY_TOK_NUM) {
            size_t nd;
            long x = rec_tok_int(t, i, &nd);
            if (x < 0 || nd > 3) return false;
            if (i + 1 < t->ntok && (rec_gap_is(&c->msg, i + 1, ':') || rec_gap_is(&c->msg, i + 1, '.') ||
                                    rec_gap_is(&c->msg, i + 1, ',')) &&
                t->tok[i + 1].kind == TY_TOK_NUM)
                return false; /* a time or a decimal */
            if (i > 0 && rec_adjacent(&c->msg, i) && t->tok[i - 1].kind == TY_TOK_WORD) return false;
            if (i + 1 < t->ntok && rec_adjacent(&c->msg, i + 1) && t->tok[i + 1].kind == TY_TOK_WORD) {
                if (!rec_tok_in(c, t, i + 1, RL(ordinal_suffixes))) return false; /* "3pm" */
                end = i + 2;
            }
            v = x - 1;
        } else if (t->tok[i].kind == TY_TOK_WORD && tn == 1 && ty_is_alpha((unsigned char)ts[0])) {
            /* "a" and "I" are words too: as letters they need a mark ("A)",
             * "(a)", "a.", "option a") or a capital that names an option */
            const char *g;
            size_t gn;
            bool marked = opt_end == i;
            char after = t->tok[i].b_end < c->msg.len ? c->msg.text[t->tok[i].b_end] : 0;
            if (after == ')' || after == '.') marked = true;
            rec_gap(&c->msg, i, &g, &gn);
            if (gn && g[gn - 1] == '(') marked = true;
            v = ts[0] - 'a';
            char orig = c->msg.text[t->tok[i].b_start];
            if (orig >= 'A' && orig <= 'Z' && v < (long)nopts) marked = true;
            if (rec_in_list(ts, tn, L->fillers) && !marked && t->ntok > 1) {
                i++;
                continue;
            }
        } else if ((n = rec_words(c, t, i, RW(number_words), &w)) == 1 && w->kind == TY_NUMW_ADD) {
            if (rec_in_list(ts, tn, L->fillers)) {
                if (t->ntok == 1) filler_num = w->value - 1;
                i++;
                continue;
            }
            v = w->value - 1;
        } else if ((n = rec_list(c, t, i, RL(fillers))) != 0) {
            i += n;
            continue;
        } else {
            return false; /* other words: the number is weak evidence */
        }
        if (v < 0 || v >= (long)nopts) return false; /* names no option */
        if (have && v != idx) return false;          /* "1 or 2" */
        if (!have) {
            have = true;
            idx = v;
            e0 = opt_end == i ? opt_start : i;
            e1 = end;
            ep = i;
        }
        i = end;
    }
    if (!have && filler_num >= 0 && filler_num < (long)nopts) {
        have = true;
        idx = filler_num;
        e0 = 0;
        e1 = 1;
        ep = 0;
    }
    if (!have) return false;
    *which = (size_t)idx;
    *f0 = e0;
    *f1 = e1;
    size_t b0 = t->tok[e0].b_start;
    if (e0 == ep) {
        const char *g;
        size_t gn;
        rec_gap(&c->msg, ep, &g, &gn);
        if (gn && g[gn - 1] == '#') b0--;
    }
    *fb0 = b0;
    return true;
}

/* choice: an id sent by a button, then names and times in the reply (the
 * longest wins; two options named is no answer), then (answers only) a
 * letter, number or ordinal standing alone. */
static ty_value *rec_read_choice(rec_cx *c) {
    const ty_option *opts = c->ctx->options;
    size_t nopts = c->ctx->noptions;
    const ty_tokens *t = c->msg.t;
    if (!opts || !nopts) return NULL;
    /* a button reply sends the id itself */
    if (c->answer) {
        size_t a = 0, b = c->msg.len;
        while (a < b && ty_is_space((unsigned char)c->msg.text[a])) a++;
        while (b > a && ty_is_space((unsigned char)c->msg.text[b - 1])) b--;
        for (size_t o = 0; o < nopts; o++)
            if (opts[o].id && opts[o].id_len == b - a && b > a && memcmp(opts[o].id, c->msg.text + a, b - a) == 0)
                return rec_emit(c, rec_str(c, opts[o].id, opts[o].id_len), a, b);
    }
    rec_ev *ev = ty_arena_alloc(c->scratch, nopts * sizeof *ev);
    if (!ev) {
        c->rc = TY_E_NOMEM;
        return NULL;
    }
    memset(ev, 0, nopts * sizeof *ev);
    rec_choice_cx cc;
    memset(&cc, 0, sizeof cc);
    cc.po = rec_choice_prepare(c, opts, nopts);
    cc.nopts = nopts;
    cc.held = ty_arena_alloc(c->scratch, t->ntok * sizeof *cc.held);
    cc.known = ty_arena_alloc(c->scratch, t->ntok * sizeof *cc.known);
    if (cc.known) memset(cc.known, 0, t->ntok * sizeof *cc.known);
    if (!cc.po || !cc.held || !cc.known || !rec_choice_group(c, &cc)) {
        c->rc = TY_E_NOMEM;
        return NULL;
    }
    rec_choice_names(c, &cc, ev);
    rec_choice_times(c, opts, nopts, ev);
    if (c->rc) return NULL;
    size_t best = nopts;
    for (size_t o = 0; o < nopts; o++)
        if (ev[o].set && (best == nopts || ev[o].weight > ev[best].weight)) best = o;
    if (best < nopts) {
        for (size_t o = 0; o < nopts; o++) {
            if (o == best || !ev[o].set) continue;
            if (ev[o].weight == ev[best].weight) return NULL;                  /* a tie */
            if (ev[o].t1 <= ev[best].t0 || ev[o].t0 >= ev[best].t1) return NULL; /* both named */
        }
        return rec_emit_toks(c, rec_str(c, opts[best].id, opts[best].id_len), ev[best].t0, ev[best].t1);
    }
    if (!c->answer) return NULL;
    size_t which, f0, f1, b0;
    if (!rec_choice_index(c, nopts, &which, &f0, &f1, &b0)) return NULL;
    size_t b1 = t->tok[f1 - 1].b_end;
    return rec_emit(c, rec_str(c, opts[which].id, opts[which].id_len), b0, b1);
}

/* ===================================================================== *
 * Entry points
 * ===================================================================== */

/* True when a question mark ends the text (or '¿' opens it). */
static bool rec_question_mark(const char *s, size_t len) {
    size_t b = len;
    while (b > 0) {
        unsigned char ch = (unsigned char)s[b - 1];
        if (ty_is_space(ch) || ch == '!' || ch == '.' || ch == ')' || ch == '"') {
            b--;
            continue;
        }
        break;
    }
    if (b >= 1 && s[b - 1] == '?') return true;
    if (b >= 3 && memcmp(s + b - 3, "\xEF\xBC\x9F", 3) == 0) return true; /* fullwidth */
    if (b >= 2 && memcmp(s + b - 2, "\xD8\x9F", 2) == 0) return true;     /* Arabic */
    size_t a = 0;
    while (a < len && ty_is_space((unsigned char)s[a])) a++;
    return len - a >= 2 && memcmp(s + a, "\xC2\xBF", 2) == 0; /* Spanish opening mark */
}

/* The question test on a context (which may carry an index). */
static bool rec_is_question(const rec_cx *c) {
    const ty_tokens *toks = c->msg.t;
    if (c->msg.text && rec_question_mark(c->msg.text, c->msg.len)) return true;
    if (!toks || toks->ntok == 0) return false;
    /* a reply that is wholly a yes/no phrase ("will do") is not asking */
    if (rec_list(c, toks, 0, RL(yes)) == toks->ntok || rec_list(c, toks, 0, RL(no)) == toks->ntok) return false;
    if (rec_list(c, toks, 0, RL(question_words))) return true;
    size_t n = rec_list(c, toks, 0, RL(question_aux));
    return n && n < toks->ntok && rec_list(c, toks, n, RL(question_subjects));
}

/* A reply that asks (a question mark, or a question opener). */
bool ty_recognize_is_question(const ty_locale *loc, const char *text, size_t len, const ty_tokens *toks) {
    rec_cx c;
    memset(&c, 0, sizeof c);
    c.loc = loc ? loc : ty_locale_default();
    c.msg.text = text;
    c.msg.len = text ? len : 0;
    c.msg.t = toks;
    return rec_is_question(&c);
}

/* Dispatches to the slot type's recogniser; the value lives in doc, the
 * scratch memory in scratch (both the caller's). */
ty_value *ty_recognize(const ty_slot *slot, const ty_recog_ctx *ctx, const char *text, size_t len,
                       const ty_tokens *toks, ty_arena *scratch, ty_doc *doc, int *rc) {
    int dummy;
    if (!rc) rc = &dummy;
    *rc = TY_OK;
    if (!slot || !ctx || !toks || !scratch || !doc || (!text && len)) {
        *rc = TY_E_ARG;
        return NULL;
    }
    if (toks->ntok == 0) return NULL;
    rec_cx c;
    memset(&c, 0, sizeof c);
    c.ctx = ctx;
    c.loc = ctx->locale ? ctx->locale : ty_locale_default();
    c.msg.text = text;
    c.msg.len = len;
    c.msg.t = toks;
    c.scratch = scratch;
    c.doc = doc;
    c.answer = ctx->mode != TY_RECOG_EXTRACT;
    if (ctx->index && ctx->index->locale == c.loc) {
        c.ix = ctx->index;
    } else if (toks->ntok >= REC_INDEX_MIN_TOKENS) { /* a long text pays for its own index */
        ty_locale_index *ix = ty_arena_alloc(scratch, sizeof *ix);
        if (!ix) {
            *rc = TY_E_NOMEM;
            return NULL;
        }
        ty_locale_index_build(c.loc, ix);
        c.ix = ix;
    }
    if (c.answer && rec_is_question(&c)) return NULL;
    ty_value *v = NULL;
    switch (slot->type) {
    case TY_SLOT_CHOICE: v = rec_read_choice(&c); break;
    case TY_SLOT_YESNO: v = rec_read_yesno(&c); break;
    case TY_SLOT_DATE: v = rec_read_date(&c); break;
    case TY_SLOT_TIME: v = rec_read_time(&c); break;
    case TY_SLOT_NUMBER: v = rec_read_number(&c); break;
    case TY_SLOT_MONEY: v = rec_read_money(&c); break;
    case TY_SLOT_EMAIL: v = rec_read_email(&c); break;
    case TY_SLOT_PHONE: v = rec_read_phone(&c); break;
    case TY_SLOT_TEXT: v = rec_read_text(&c); break;
    default: break;
    }
    if (c.rc) {
        *rc = c.rc;
        return NULL;
    }
    return v;
}

#undef REC_STRING_LISTS
#undef REC_WORD_LISTS
#undef RL
#undef RW
#undef REC_BIT
#undef REC_G_TIME
#undef REC_G_DATE
#undef REC_G_DATE_TYPO
#undef REC_HELD_NONE
#undef REC_HELD_MANY
