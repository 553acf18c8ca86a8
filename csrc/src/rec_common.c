/*
 * rec_common.c — tokens, phrases, the locale list index, fuzzy word
 * equality and result spans: what every recogniser reads with.
 * Part of the recognisers (recognize.c has the overview and the
 * decisions); included in this order by csrc/tinyyes.c, one translation unit.
 */
#include "civil.h"
#include "locale.h"
#include "match.h"
#include "slot.h"

#include <utf8proc.h>

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
    bool time_asked; /* an answer to a time question: "about 4" is a time (time_preps_answer) */
    const char *slot_name; /* the date slot being read, and whether it is named after an occasion */
    size_t slot_name_len;  /* ("wedding_date": its day is no other engagement): 0 not worked out yet, */
    int occasion;          /* 1 yes, -1 no (rec_occasion_day) */
    int rc;      /* TY_E_NOMEM once an allocation failed */
    const ty_locale_index *ix; /* NULL: scan the tables directly */
    bool units;  /* the message holds a day, week, month or year word: counted
                    dates are looked for only then (set where dates are read) */
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
 * phrase in two ("no, the deep one"). Numbers read across dashes ("fifty -
 * two"), so their readers look only at this. */
static bool rec_gap_punct(const rec_src *s, size_t i) {
    const char *g;
    size_t gn;
    rec_gap(s, i, &g, &gn);
    for (size_t k = 0; k < gn; k++)
        if (g[k] == ',' || g[k] == '.' || g[k] == ';' || g[k] == '!' || g[k] == ':') return true;
    return false;
}

/* True when token i is written as a contraction (ty_token_contraction):
 * "we'd" reads "wed" once normalised, and is no Wednesday. */
static bool rec_contraction(const rec_src *s, size_t i) {
    return ty_token_contraction(s->text, &s->t->tok[i]);
}

/* True when token i is a pictograph: an emoji of U+1F000 to U+1FAFF, or a
 * symbol of U+2600 to U+27BF ("☺", "✌"); not a currency or math sign. */
static bool rec_pictograph(const rec_src *s, size_t i) {
    const ty_token *k = &s->t->tok[i];
    if (k->kind != TY_TOK_SYM) return false;
    const unsigned char *u = (const unsigned char *)s->text + k->b_start;
    size_t n = k->b_end - k->b_start;
    if (n >= 4 && u[0] == 0xF0 && u[1] == 0x9F) return true;
    return n >= 3 && u[0] == 0xE2 && u[1] >= 0x98 && u[1] <= 0x9E;
}

/* rec_gap_punct, a dash between words that parts two clauses ("friday's
 * gone sideways at work - could we do thursday", "–", "—"; not the hyphen
 * of "tune-up"), or the end of an emoji between words ("nadie me respondió
 * 😒 necesito un corte"). */
static bool rec_gap_cuts(const rec_src *s, size_t i) {
    if (rec_gap_punct(s, i)) return true;
    if (i > 0 && i < s->t->ntok && rec_pictograph(s, i - 1) && !rec_pictograph(s, i)) return true;
    const char *g;
    size_t gn;
    rec_gap(s, i, &g, &gn);
    for (size_t k = 0; k < gn; k++)
        if (g[k] == '?' || ty_dash_at(g, 0, gn, k)) return true;
    return false;
}

/* True when the gap before token i ends a sentence (. ! ? ; an ellipsis,
 * or a dash between words: "yes please - and please don't stop the
 * reminder"). */
static bool rec_gap_ends_sentence(const rec_src *s, size_t i) {
    const char *g;
    size_t gn;
    rec_gap(s, i, &g, &gn);
    for (size_t k = 0; k < gn; k++) {
        if (g[k] == '.' || g[k] == '!' || g[k] == '?' || g[k] == ';') return true;
        if (ty_dash_at(g, 0, gn, k)) return true;
        if (k + 2 < gn && memcmp(g + k, "\xE2\x80\xA6", 3) == 0) return true;
    }
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

bool ty_wordset_has(const ty_wordset *set, const char *w, size_t n) {
    if (!set) return false;
    size_t lo = 0, hi = set->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, m = set->len[mid] < n ? set->len[mid] : n;
        int r = m ? memcmp(set->w[mid], w, m) : 0;
        if (!r) r = set->len[mid] < n ? -1 : set->len[mid] > n;
        if (!r) return true;
        if (r < 0) lo = mid + 1;
        else hi = mid;
    }
    return false;
}

/* ---- list ids and the locale index ----------------------------------------
 * Every word list of struct ty_locale has an id (its bit in the index). Call
 * sites name a list by field, RL(fillers), which passes both the pointer and
 * the id. */
#define REC_STRING_LISTS(X)                                                                                    \
    X(yes) X(yes_alone) X(no) X(no_alone) X(yes_soft) X(unsure) X(negations) X(replacing) X(other_events) X(question_words) X(question_aux)            \
    X(question_subjects) X(fillers) X(option_words) X(ordinal_suffixes) X(weak_words) X(this_words)           \
    X(next_words) X(next_suffixes) X(in_words) X(date_connectors) X(day_markers) X(date_stops)                \
    X(number_connectors) X(minus_words) X(oclock) X(time_preps) X(or_words) X(range_max) X(range_min)         \
    X(range_max_after) X(range_min_after) X(range_between) X(range_and) X(range_to) X(greetings)              \
    X(text_leadins) X(name_intros) X(time_stops) X(minute_words) X(hour_marks) X(last_words) X(last_suffixes)
#define REC_WORD_LISTS(X)                                                                                      \
    X(ordinals) X(weekdays) X(months) X(relative_days) X(weekends) X(count_words) X(day_units)               \
    X(number_words) X(multipliers) X(time_points) X(day_periods) X(meridiems) X(time_offsets)               \
    X(fraction_words) X(minute_links) X(day_words) X(week_refs) X(month_refs) X(date_shifts) X(holidays)
/* Lists past the index's first 64 bits: each has a bit in its second
 * words (two_more, one_more). */
#define REC_MORE_STRING_LISTS(X)                                                                               \
    X(reasons) X(cheaper_words) X(dearer_words) X(earlier_words) X(later_words) X(reasons_within)            \
    X(no_determiners) X(swap_verbs) X(swap_links) X(free_words) X(past_words)                                \
    X(past_not) X(part_articles) X(negations_after) X(instead_after) X(deferrals) X(name_particles)           \
    X(hesitations) X(and_words) X(choose_before) X(booked_before) X(pronoun_ones) X(week_after)              \
    X(verb_marks) X(text_signoffs) X(possessives) X(named_others) X(count_before) X(count_after)    \
    X(occasions) X(purposes) X(question_aux_marked) X(yes_verbs) X(yes_openers) X(yes_if_after)     \
    X(time_preps_answer) X(range_until) X(have_not) X(have_with) X(people_kinds)        \
    X(stay_end_before) X(range_from) X(age_before) X(age_after) X(kin_words) X(age_links) X(weather_words) X(rank_names) X(time_prep_subjects) X(name_called) X(other_possessives) X(name_articles) \
    X(self_and) X(and_self) X(people_determiners) X(get_done) X(text_riders) X(place_leads) X(copulas) X(name_heres) X(name_labels)
#define REC_MORE_WORD_LISTS(X) X(part_phrases) X(part_titles) X(party_sizes)
#define REC_MORE_LISTS(X) REC_MORE_STRING_LISTS(X) REC_MORE_WORD_LISTS(X)

enum {
#define REC_X(f) REC_L_##f,
    REC_STRING_LISTS(REC_X) REC_WORD_LISTS(REC_X)
    REC_L_currencies,
    REC_L_INDEXED, /* the lists above have a bit each in ty_locale_index.two and .one */
    REC_L_MORE_BEFORE = REC_L_INDEXED - 1, /* so the next list is REC_L_INDEXED: bit 0 of two_more, one_more */
    REC_MORE_LISTS(REC_X)
#undef REC_X
    REC_L_COUNT
};
_Static_assert(REC_L_INDEXED <= 64, "one bit per indexed list in a uint64_t");
_Static_assert(REC_L_COUNT - REC_L_INDEXED <= 64, "one bit per further list in a uint64_t");

#define RL(f) c->loc->f, REC_L_##f
#define RW(f) c->loc->f, REC_L_##f
#define REC_BIT(f) ((uint64_t)1 << REC_L_##f)

/* What can start a time or a date (and, with a typo, a date word). */
#define REC_G_TIME                                                                                             \
    (REC_BIT(time_points) | REC_BIT(day_periods) | REC_BIT(time_offsets) | REC_BIT(time_preps) | REC_BIT(number_words))
#define REC_G_DATE                                                                                             \
    (REC_BIT(relative_days) | REC_BIT(weekends) | REC_BIT(in_words) | REC_BIT(this_words) | REC_BIT(next_words) | \
     REC_BIT(weekdays) | REC_BIT(months) | REC_BIT(ordinals) | REC_BIT(day_markers) | REC_BIT(date_stops) | \
     REC_BIT(number_words) | REC_BIT(day_words) | REC_BIT(week_refs) | REC_BIT(last_words) | REC_BIT(date_shifts) | \
     REC_BIT(count_words) | REC_BIT(holidays))
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
    bool more = id >= REC_L_INDEXED;
    uint64_t bit = (uint64_t)1 << (more ? id - REC_L_INDEXED : id);
    (more ? ix->two_more : ix->two)[rec_key2(e, e[1] ? 2 : 1)] |= bit;
    (more ? ix->one_more : ix->one)[(unsigned char)e[0]] |= bit;
}

/* Fills ix from loc's lists (no allocation). */
void ty_locale_index_build(const ty_locale *loc, ty_locale_index *ix) {
    if (!ix) return;
    memset(ix, 0, sizeof *ix);
    ix->locale = loc;
    if (!loc) return;
#define REC_X(f)                                                                                               \
    for (const char *const *l = loc->f; l && *l; l++) rec_ix_add(ix, *l, REC_L_##f);
    REC_STRING_LISTS(REC_X) REC_MORE_STRING_LISTS(REC_X)
#undef REC_X
#define REC_X(f)                                                                                               \
    for (const ty_loc_word *w = loc->f; w && w->text; w++) rec_ix_add(ix, w->text, REC_L_##f);
    REC_WORD_LISTS(REC_X) REC_MORE_WORD_LISTS(REC_X)
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

/* True when list id may hold an entry starting with token i (rec_may, or
 * for the lists past the first 64 the index's second words). */
static bool rec_may_in(const rec_cx *c, const ty_tokens *t, size_t i, bool typo, int id) {
    if (id < REC_L_INDEXED) return (rec_may(c, t, i, typo) >> id) & 1;
    if (!c->ix) return true;
    size_t n;
    const char *s = rec_tok(t, i, &n);
    uint64_t m = c->ix->two_more[rec_key2(s, n)];
    if (typo) m |= c->ix->one_more[(unsigned char)s[0]];
    return (m >> (id - REC_L_INDEXED)) & 1;
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
    if (!list || i >= t->ntok || !rec_may_in(c, t, i, false, id)) return 0;
    char b = t->norm[t->tok[i].start];
    for (; *list; list++) {
        if ((*list)[0] != b) continue;
        size_t n = rec_phrase(t, i, *list);
        if (n > best) best = n;
    }
    return best;
}

/* Longest phrase at token i of list `off` (REC_OTHER) of the built-in
 * languages other than c's (tokens matched; 0 if none): a message read with
 * another language's words keeps what its own words say. */
#define REC_OTHER(f) offsetof(ty_locale, f)
static size_t rec_list_other(const rec_cx *c, size_t i, size_t off) {
    const ty_locale *loc;
    size_t best = 0;
    for (size_t l = 0; (loc = ty_locale_at(l)); l++) {
        const char *const *list = *(const char *const *const *)(const void *)((const char *)loc + off);
        for (size_t n; loc != c->loc && list && *list; list++)
            if ((n = rec_phrase(c->msg.t, i, *list)) > best) best = n;
    }
    return best;
}

/* True when no sentence ends between tokens a and b (a <= b). */
static bool rec_same_sentence(const rec_cx *c, size_t a, size_t b) {
    for (size_t k = a + 1; k <= b; k++)
        if (rec_gap_ends_sentence(&c->msg, k)) return false;
    return true;
}

/* True when token i sits in a clause that gives a reason: one that a
 * reason word opens after punctuation ("..., as the afternoon traffic"),
 * or the part of a clause after a reason word within it ("afternoon is
 * better cause I work mornings"). */
static bool rec_in_reason(const rec_cx *c, size_t i) {
    size_t p = i;
    while (p > 0 && !rec_gap_cuts(&c->msg, p)) {
        --p;
        /* a hesitation ends what was said before it, as a comma would
         * ("...the brakes squeak um probably the morning") */
        if (p < i && rec_list(c, c->msg.t, p, RL(hesitations))) return false;
        size_t w = p < i ? rec_list(c, c->msg.t, p, RL(reasons_within)) : 0;
        if (w && p + w <= i) return true;
    }
    size_t n = p > 0 ? rec_list(c, c->msg.t, p, RL(reasons)) : 0;
    return n && p + n <= i;
}

/* True when the clause of token i says the customer is free ("I have
 * friday off", "tengo la mañana libre"): what it names is no engagement. */
static bool rec_clause_free(const rec_cx *c, size_t i) {
    const ty_tokens *t = c->msg.t;
    size_t a = i, b = i + 1;
    while (a > 0 && !rec_gap_cuts(&c->msg, a)) a--;
    while (b < t->ntok && !rec_gap_cuts(&c->msg, b)) b++;
    for (size_t p = a; p < b; p++)
        if (rec_list(c, t, p, RL(free_words))) return true;
    return false;
}

/* True when no clause punctuation parts tokens [from, to]. */
static bool rec_one_clause(const rec_cx *c, size_t from, size_t to) {
    for (size_t i = from + 1; i <= to; i++)
        if (rec_gap_cuts(&c->msg, i)) return false;
    return true;
}

/* True when a phrase of `list` (at most `back` tokens long) ends right
 * before token t0, in its clause. */
static bool rec_phrase_ends_at(const rec_cx *c, size_t t0, size_t back, const char *const *list, int id) {
    for (size_t k = t0 >= back ? t0 - back : 0; k < t0; k++)
        if (rec_list(c, c->msg.t, k, list, id) == t0 - k && rec_one_clause(c, k, t0)) return true;
    return false;
}

/* True when a want of something done ("need", "get") stands two to four
 * words before token p, in its clause: "need a parcel collected", "can I
 * get a small parcel picked up". */
static bool rec_wants_done(const rec_cx *c, size_t p) {
    for (size_t k = p >= 4 ? p - 4 : 0; k + 1 < p; k++)
        if (rec_list(c, c->msg.t, k, RL(get_done)) == 1 && rec_one_clause(c, k, p)) return true;
    return false;
}

/* True when token p starts a past-tense word the phrases that still look
 * ahead do not take back ("did", not "did you say"), nor a want of it done
 * before it ("need a parcel collected"). */
static bool rec_past_at(const rec_cx *c, size_t p) {
    return rec_list(c, c->msg.t, p, RL(past_words)) && !rec_list(c, c->msg.t, p, RL(past_not)) &&
           !rec_wants_done(c, p);
}

/* Longest phrase of a list outside the index at token i (0 if none): for
 * lists read only next to evidence already found, never scanned for. */
static size_t rec_list_at(const ty_tokens *t, size_t i, const char *const *list) {
    size_t best = 0;
    if (!list || i >= t->ntok) return 0;
    for (; *list; list++) {
        size_t n = rec_phrase(t, i, *list);
        if (n > best) best = n;
    }
    return best;
}

/* True when token p joins another proposal and so turns from what came
 * before ("but", "so"; "and" goes on with it: "el sabado juega la final y
 * ahorita ando nervioso"). */
static bool rec_join_at(const rec_cx *c, size_t p) {
    return rec_list_at(c->msg.t, p, c->loc->proposal_joins) && !rec_list(c, c->msg.t, p, RL(and_words));
}

/* True when a word of rec_join_at stands among tokens [from, to). */
static bool rec_join_between(const rec_cx *c, size_t from, size_t to) {
    for (size_t k = from; k < to; k++)
        if (rec_join_at(c, k)) return true;
    return false;
}

/* True when tokens t0..t1 (a day) sit in a clause in the past: a past-tense
 * word earlier in the clause, or a few words after ("the weekend was mad",
 * "the tune-up you did was great"), with no word between that turns to
 * another thought ("tuve que cancelar mi viaje asi que me viene bien el
 * sabado"). */
static bool rec_in_past(const rec_cx *c, size_t t0, size_t t1) {
    for (size_t p = t0; p > 0 && !rec_gap_cuts(&c->msg, p);) {
        if (rec_past_at(c, --p)) return true;
        if (rec_join_at(c, p)) break;
    }
    for (size_t p = t1; p < c->msg.t->ntok && p < t1 + 3 && !rec_gap_cuts(&c->msg, p) && !rec_join_at(c, p); p++)
        if (rec_past_at(c, p)) return true;
    return false;
}

/* True when the occasion at token p is what the order is for: a purpose
 * word a few words before it in its clause ("una torta pal cumple de mi
 * hija", "a wreath for his funeral", "mesa pa un cumple"), so its day is
 * the day wanted, no other engagement's. */
static bool rec_occasion_for(const rec_cx *c, size_t p) {
    if (!rec_list(c, c->msg.t, p, RL(occasions))) return false;
    for (size_t k = p; k > 0 && k + 5 > p && !rec_gap_cuts(&c->msg, k);)
        if (rec_list(c, c->msg.t, --k, RL(purposes))) return true;
    return false;
}

/* True when token p is a word of one of the playbook's option names. */
static bool rec_option_word_at(const rec_cx *c, size_t p) {
    size_t wn;
    const char *w = rec_tok(c->msg.t, p, &wn);
    return c->ctx && ty_wordset_has(c->ctx->option_words, w, wn);
}

/* Tokens of the other engagement named at token p ("birthday", "a
 * meeting"), or 0; none when it is a word the playbook's own options name,
 * alone or after an article ("party" at a venue that sells parties, "el
 * clásico" at a farm whose classic tour is booked: what is booked), nor
 * one alone that a slot's name holds ("vuelo" where the flight is asked:
 * what is booked), nor a verb of moving with its object ("can you shift
 * it?"). */
static bool rec_in_list(const char *s, size_t n, const char *const *list);

/* (the word of "the flight's at 9" counts too) */
static size_t rec_other_event(const rec_cx *c, size_t p) {
    const ty_tokens *t = c->msg.t;
    size_t n = rec_list(c, t, p, RL(other_events)), wn;
    const char *w = rec_tok(t, p, &wn);
    /* "the flight's at 9": the word of the contraction */
    const char *raw = c->msg.text + t->tok[p].b_start;
    size_t rn = t->tok[p].b_end - t->tok[p].b_start;
    if (!n && wn > 2 && rn > 2 && raw[rn - 2] == '\'' && (raw[rn - 1] | 32) == 's' &&
        rec_in_list(w, wn - 1, c->loc->other_events))
        n = 1;
    if (n == 1 && c->ctx && ty_wordset_has(c->ctx->slot_words, w, wn)) return 0;
    if (n == 1 && rec_list_at(t, p, c->loc->move_words) == 1 && rec_list_at(t, p + 1, c->loc->move_objects))
        return 0; /* "can you shift it?": the verb, no work shift */
    bool article = n == 2 && (rec_list(c, t, p, RL(name_articles)) == 1 || rec_list(c, t, p, RL(part_articles)) == 1);
    return (n == 1 || article) && rec_option_word_at(c, p + n - 1) ? 0 : n;
}

/* True when an engagement word ("birthday", "working", "tengo una boda")
 * ends at or before token i in its clause, at most `span` tokens back and
 * after token lo, with no word between that turns to the choice ("had to
 * cancel my holiday so im around saturday now"); not an occasion the
 * order is for (rec_occasion_for). */
static bool rec_event_before(const rec_cx *c, size_t i, size_t lo, size_t span) {
    for (size_t p = i; p > lo && p + span > i && !rec_gap_cuts(&c->msg, p);) {
        if (rec_list(c, c->msg.t, --p, RL(choose_before)) || rec_join_at(c, p)) return false;
        size_t n = rec_other_event(c, p);
        if (n && p + n <= i) return !rec_occasion_for(c, p);
    }
    return false;
}

/* True when token i sits in a clause about something else the customer
 * has on: a reason (rec_in_reason), or another engagement named earlier in
 * the clause ("..., I have my swimming in the mornings"; not "I have the
 * mornings free"). */
static bool rec_in_aside(const rec_cx *c, size_t i) {
    if (rec_in_reason(c, i)) return true;
    return !rec_clause_free(c, i) && rec_event_before(c, i, 0, 8);
}

/* Longest entry of list matching at token i; *hit receives it. */
static size_t rec_words(const rec_cx *c, const ty_tokens *t, size_t i, const ty_loc_word *list, int id,
                        const ty_loc_word **hit) {
    size_t best = 0;
    if (!list || i >= t->ntok || !rec_may_in(c, t, i, false, id)) return 0;
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

/* True when token p names a weekday or a day from today ("friday",
 * "tmrw", "mañana"). */
static bool rec_day_word_at(const rec_cx *c, size_t p) {
    const ty_loc_word *w;
    return rec_words(c, c->msg.t, p, RW(weekdays), &w) || rec_words(c, c->msg.t, p, RW(relative_days), &w);
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
    if (i >= t->ntok || !rec_may_in(c, t, i, false, id)) return false;
    size_t n;
    const char *s = rec_tok(t, i, &n);
    return rec_in_list(s, n, list);
}

/* True when token k is glued to a number before it: the "th" of "5th",
 * the "st" of "1st". */
static bool rec_glued_to_number(const rec_cx *c, size_t k) {
    return k > 0 && k < c->msg.t->ntok && c->msg.t->tok[k - 1].kind == TY_TOK_NUM && rec_adjacent(&c->msg, k);
}

/* ---- negations (read by the choice and time readers) ----------------------- */

/* True when a negation of another built-in language than c's ends right
 * before token j: a message read in another language keeps its own "not"
 * ("not morning" read with Spanish tables names no Morning). */
static bool rec_negated_foreign(const rec_cx *c, size_t j) {
    for (size_t k = j >= 3 ? j - 3 : 0; k < j; k++)
        if (rec_list_other(c, k, REC_OTHER(negations)) == j - k) return true;
    return false;
}

/* True when a negation phrase ends right before token i, perhaps with one
 * filler word between ("not the deep one"), and no punctuation cuts them
 * apart ("no, the deep one" is not negated in Spanish either). */
static bool rec_negated(const rec_cx *c, size_t i) {
    const ty_tokens *t = c->msg.t;
    size_t j = i;
    /* a no right before it, with no mark between: "no mornings please" (but "no, mornings") */
    if (j > 0 && !rec_gap_cuts(&c->msg, j) && rec_tok_in(c, t, j - 1, RL(no))) return true;
    for (int skip = 0; skip < 2; skip++) {
        if (j == 0 || rec_gap_cuts(&c->msg, j)) return false;
        for (size_t k = j >= 3 ? j - 3 : 0; k < j; k++)
            if (rec_list(c, t, k, RL(negations)) == j - k) return true;
        if (c->ctx && c->ctx->foreign && rec_negated_foreign(c, j)) return true;
        if (!rec_tok_in(c, t, j - 1, RL(fillers))) return false;
        j--;
    }
    return false;
}

/* True when a negation opens one of the `span` words before token t0, in
 * its clause: "no not in the morning", "en la tarde porfa, no soy persona
 * de mañanas". */
static bool rec_negation_before(const rec_cx *c, size_t t0, size_t span) {
    for (size_t p = t0; p > 0 && p + span > t0 && !rec_gap_cuts(&c->msg, p);)
        if (rec_list(c, c->msg.t, --p, RL(negations))) return true;
    return false;
}

/* True when a negation that ends its clause, or gives its reason next,
 * follows the name ending before token i ("color no, solo el corte", "the
 * full one no", "terraza no q con el frio q hace"), or words that put it
 * off ("el color lo dejo para el mes que viene"). */
static bool rec_negated_after(const rec_cx *c, size_t i) {
    const ty_tokens *t = c->msg.t;
    if (i >= t->ntok || rec_gap_cuts(&c->msg, i)) return false;
    if (rec_list(c, t, i, RL(deferrals))) return true;
    size_t n = rec_list(c, t, i, RL(negations_after));
    if (!n) return false;
    size_t e = i + n; /* past fillers that close it: "mornings are no good for me" */
    for (; e < t->ntok && !rec_gap_cuts(&c->msg, e); e++) {
        if (rec_list(c, t, e, RL(reasons))) return true; /* "no q con el frio q hace" */
        if (!rec_tok_in(c, t, e, RL(fillers))) return false;
    }
    return true;
}

/* True when a negation that replaces ("instead of", "en vez de") ends at
 * one of the three tokens before token p: "instead of just the bath"
 * settles on no bath. */
static bool rec_replaced_before(const rec_cx *c, size_t p) {
    for (size_t q = p >= 3 ? p - 3 : 1; q < p; q++)
        if (rec_phrase_ends_at(c, q, 3, RL(replacing))) return true;
    return false;
}

/* True when tokens [t0, t1) (a day or an option) are the one the customer
 * settles on: "instead" follows ("can we do friday instead"), or a word
 * that settles stands before, a filler or day marker or two between ("pues
 * el martes", "make it a tune-up", "change it to a tune-up"). */
static bool rec_settled(const rec_cx *c, size_t t0, size_t t1) {
    const ty_tokens *t = c->msg.t;
    if (t1 < t->ntok && !rec_gap_cuts(&c->msg, t1) && rec_list(c, t, t1, RL(instead_after))) return true;
    for (size_t p = t0, skip = 0; p > 0 && skip <= 2 && !rec_gap_cuts(&c->msg, p); p--, skip++) {
        if (rec_phrase_ends_at(c, p, 3, RL(choose_before))) return !rec_replaced_before(c, p);
        if (!rec_tok_in(c, t, p - 1, RL(fillers)) && !rec_tok_in(c, t, p - 1, RL(day_markers))) break;
    }
    return false;
}

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

/* True when token i sits in a clause about another engagement named
 * earlier in it ("tengo la boda ... a las 6"), not one the customer has to
 * do ("tengo que anular": the words before a verb are no engagement). A
 * reading with another language's words (c->ctx->foreign) keeps the
 * message's own ("im working from 9am" read with the Spanish tables). */
static bool rec_engaged_at(const rec_cx *c, size_t i) {
    if (rec_clause_free(c, i)) return false;
    for (size_t p = i; p > 0 && p + 8 > i && !rec_gap_cuts(&c->msg, p);) {
        /* an engagement's own time comes first ("a meeting at 9 but can do
         * the afternoon", "working till 1 then afternoon"), and a choice or
         * a "but" opens another thought ("my shift at 12 so afternoon") */
        if (c->msg.t->tok[--p].kind == TY_TOK_NUM || rec_list(c, c->msg.t, p, RL(choose_before)) ||
            rec_list_at(c->msg.t, p, c->loc->proposal_joins))
            return false;
        size_t n = rec_other_event(c, p);
        size_t o = c->ctx && c->ctx->foreign ? rec_list_other(c, p, REC_OTHER(other_events)) : 0;
        if (o > n) n = o;
        if (n && p + n <= i && !rec_list(c, c->msg.t, p, RL(verb_marks))) return true;
    }
    return false;
}

/* True when the sentence holding token i ends with a question mark
 * ("atienden sin cita?", "what time do you close on saturdays?"). */
static bool rec_sentence_asks(const rec_cx *c, size_t i) {
    size_t e = i + 1;
    while (e < c->msg.t->ntok && !rec_gap_ends_sentence(&c->msg, e)) e++;
    const char *g;
    size_t gn;
    rec_gap(&c->msg, e, &g, &gn);
    return memchr(g, '?', gn) != NULL;
}

/* True when the sentence holding token i has a correction ("actually",
 * "i mean", "en realidad"); one word only where it opens a clause: "well,
 * yes" but not "knock on the back door as well". */
static bool rec_corrected(const rec_cx *c, size_t i) {
    const ty_tokens *t = c->msg.t;
    size_t a = i;
    while (a > 0 && !rec_gap_ends_sentence(&c->msg, a)) a--;
    for (size_t k = a; k < t->ntok && (k == a || !rec_gap_ends_sentence(&c->msg, k)); k++) {
        size_t n = rec_list_at(t, k, c->loc->corrections);
        if (n > 1 || (n == 1 && (k == a || rec_gap_cuts(&c->msg, k)))) return true;
    }
    return false;
}

/* Tokens of the longest phrase of list (at most three words) ending just
 * before token i (0 if none). */
static size_t rec_list_before(const ty_tokens *t, size_t i, const char *const *list) {
    size_t best = 0;
    if (!list || i == 0 || i > t->ntok) return 0;
    size_t most = i < 3 ? i : 3;
    char first[3];
    for (size_t w = 1; w <= most; w++) first[w - 1] = t->norm[t->tok[i - w].start];
    for (; *list; list++)
        for (size_t w = best + 1; w <= most; w++)
            if ((*list)[0] == first[w - 1] && rec_phrase(t, i - w, *list) == w) best = w;
    return best;
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
 * 1 up to 7, 2 from 8; one more when a has exactly b's letters in another
 * order: "frydai" is "friday"), and the first letter must agree — typos
 * rarely hit it, and requiring it keeps "keep" from reading as "deep". */
static bool rec_fuzzy(const char *a, size_t an, const char *b, size_t bn, size_t min_len) {
    if (an == bn && memcmp(a, b, an) == 0) return true;
    if (!an || !bn || a[0] != b[0] || an > REC_MAX_CPS * 4 || bn > REC_MAX_CPS * 4) return false;
    /* letter counts bound the distance from below: a cheap early no */
    bool ascii = true, anagram = false;
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
        anagram = plus == 0 && minus == 0;
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
    return rec_osa(ca, la, cb, lb) <= (int)maxd + anagram;
}

/* The one entry of list (a single word of 6+ letters, or several with one
 * value) within typing distance of word w[0..n) (rec_fuzzy), in *hit:
 * 1; 0 when none or entries of different values are. */
static size_t rec_words_near(const char *w, size_t n, const ty_loc_word *list, const ty_loc_word **hit) {
    const ty_loc_word *found = NULL;
    for (; list->text; list++) {
        if (list->text[0] != w[0]) continue;
        size_t ln = strlen(list->text);
        if (ln < 6 || strchr(list->text, ' ')) continue;
        if (rec_fuzzy(w, n, list->text, ln, 6)) {
            if (found && found->value != list->value) return 0;
            found = list;
        }
    }
    if (!found) return 0;
    *hit = found;
    return 1;
}

/* A word of list split in two at token i, the second part being how the
 * entry ends ("fri day", "wednes day", and a slip of the ear, "thirst
 * day" for "thursday"): the two tokens joined are read like one typed
 * word (rec_words_near), and the entry must end with the second. 2 with
 * *hit set; 0 when none. */
static size_t rec_words_split(const rec_cx *c, const ty_tokens *t, size_t i, const ty_loc_word *list,
                              const ty_loc_word **hit) {
    if (t != c->msg.t || i + 1 >= t->ntok || t->tok[i + 1].kind != TY_TOK_WORD ||
        t->tok[i + 1].b_start != t->tok[i].b_end + 1 ||
        c->msg.text[t->tok[i].b_end] != ' ' || rec_list(c, t, i, RL(fillers)))
        return 0; /* "this day" is no "thursday" */
    size_t an, bn;
    const char *a = rec_tok(t, i, &an), *b = rec_tok(t, i + 1, &bn);
    char joined[32];
    if (an < 2 || bn < 3 || an + bn > sizeof joined) return 0;
    memcpy(joined, a, an);
    memcpy(joined + an, b, bn);
    const ty_loc_word *w = NULL;
    if (!rec_words_near(joined, an + bn, list, &w)) return 0;
    size_t ln = strlen(w->text);
    if (ln <= bn || memcmp(w->text + ln - bn, b, bn) != 0) return 0;
    *hit = w;
    return 2;
}

/* Longest entry of list at token i; single words of 6+ letters also match
 * with a typo ("wendsday", "tomorow"), when exactly one entry is that close,
 * the word is no word of its own (typo_traps: "qué salado" is no sábado)
 * and the locale is the conversation's (not ty_recog_ctx.foreign). */
static size_t rec_words_fuzzy(const rec_cx *c, const ty_tokens *t, size_t i, const ty_loc_word *list, int id,
                              const ty_loc_word **hit) {
    size_t n = rec_words(c, t, i, list, id, hit);
    if (n || (c->ctx && c->ctx->foreign) || !list || i >= t->ntok || t->tok[i].kind != TY_TOK_WORD || !rec_may_in(c, t, i, true, id))
        return n;
    size_t tn;
    const char *ts = rec_tok(t, i, &tn);
    if ((n = rec_words_split(c, t, i, list, hit))) return n;
    if (tn < 5 || rec_in_list(ts, tn, c->loc->typo_traps)) return 0; /* too short, or a word of its own ("salado") */
    return rec_words_near(ts, tn, list, hit);
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
    if (!m || !txt || !st || !en || ty_map_put_nocopy(d, m, "value", 5, val) || ty_map_put_nocopy(d, m, "text", 4, txt) ||
        ty_map_put_nocopy(d, m, "start", 5, st) || ty_map_put_nocopy(d, m, "end", 3, en)) {
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

