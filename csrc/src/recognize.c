/*
 * recognize.c — the answer recognisers (docs/recognizers.md): read a customer's words as
 * a value for one slot (choice, yesno, date, time, number, money, email,
 * phone, text), with the span of the evidence in the ORIGINAL text (code
 * points) and the exact value formats these readers guarantee (docs/recognizers.md).
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
 * Decisions made here, documented here once:
 *  - "friday", "this friday": the next friday, today included; "next
 *    friday": one week after that. "this weekend": the coming Saturday, or
 *    today when today is Saturday or Sunday; "next weekend": the Saturday
 *    after that.
 *  - A date without a year is its next occurrence (today or later); "the
 *    15th" is the next 15th; "monday 21" the next day that is both; "the
 *    first friday" this month's, or next month's once it is past; "the
 *    first friday of july" the next July's that is not past.
 *  - Numeric dates: parts joined by one '/', '-' or '.' ("21/04/2016",
 *    "4/22", "5.12", "2019-aug-1", "23/Sep/2020"). A part over 12 is the
 *    day; otherwise the playbook's "date_order" ("dmy", "mdy", "ymd")
 *    decides, else the locale's (English month first, Spanish day first).
 *    Four digits first is year-month-day, never swapped (2026-13-01 is no
 *    date). A two-digit year 00-39 is 2000-2039, 40-99 is 1940-1999. Parts
 *    that run on ("1/2/3/4"), a dotted pair after "at" or an hour before
 *    am/pm are not dates; a pair of numbers ("1.5", "5-10") is still a
 *    number or a range to the number and money readers, and no entity
 *    (extract mode) — nor are eight digits. "21 del 3" (a day, "of", a
 *    month number) reads only in day-first order.
 *  - Past dates the words name ("yesterday", "last friday" = the latest
 *    friday before today, "two weeks ago") are read: refusing them is a
 *    flow's business rule, not the recogniser's.
 *  - Counted dates read as a whole or not at all: "3 days from tuesday" is
 *    tuesday plus 3, and "3 days from the party", "a few days after monday"
 *    or "the day after the party" read nothing (never tuesday, monday or
 *    tomorrow). "the day after" alone is tomorrow. Months and years count
 *    in calendar months (the 31st becomes the month's last day).
 *  - "next week tuesday", "tuesday of last week": that weekday of the week
 *    (Monday to Sunday) one week after or before this one.
 *  - Impossible dates ("feb 30 2019", "2/29/2019") read nothing.
 *  - A weekday named with a month and day picks its next occurrence, or
 *    the last one when only that one is the weekday and it is at most a
 *    month ago ("this friday june 15" said on June 20 is five days ago,
 *    which the flow may refuse); otherwise the date wins as written.
 *  - A number right after a currency sign is money, never a day ("$ 12
 *    December 27" is December 27).
 *  - Fixed-date holidays are table words ("christmas" 12-25); movable
 *    feasts (easter, black friday) are not read. Eight digits make a date
 *    only year first ("20270315", years 1900-2099).
 *  - "in 10 days on monday": the monday of the counted day's week.
 *  - Without a clock (has_at == 0) only dates with an explicit year resolve.
 *  - An hour without am/pm, written without a leading zero, from 1 to 6 is
 *    read in the afternoon (business hours: "at 3" and "3:30" are 15:00 and
 *    15:30; "03:30" and "7:00" are as written), unless a time-of-day word
 *    says otherwise ("3 in the morning", "tonight at 8").
 *  - Times of day (English table): morning 09:00, mid-morning 10:00,
 *    lunchtime 12:00, afternoon 14:00, evening 18:00, tonight 19:00, at
 *    night 21:00; they are weak: an explicit time in the same reply wins,
 *    and they are not entities. An hour without am/pm next to one is read
 *    in the half of the day nearer to it ("11 o'clock lunchtime" 11:00,
 *    "1 o'clock lunchtime" 13:00, "tonight at 12" 00:00). Night meridiems
 *    make 12 midnight ("12 at night", "las 12 de la noche": 00:00).
 *  - Spelt-out times ("eight forty", "siete y cuarenta") are answers, not
 *    entities; minutes 1-9 spelt after an hour need "at" ("at eleven
 *    five"). A count of minutes before the hour ("20 past 8", "twenty to
 *    nine") must be round (a multiple of 5) unless a minute word follows
 *    it ("three minutes to eight"); in digits, taking minutes away always
 *    needs the word: "3 to 5pm" is a range, and "diez para las ocho" (ten
 *    to eight, or ten people for eight) is no time at all. "340pm" needs
 *    its am/pm; an hour over 12 with one ("13pm") is not read; "a las 24"
 *    is 00:00. A time never starts inside a spelt-out number ("five" of
 *    "twenty five"): a time from part of a phrase is worse than none. A
 *    number offered beside a time ("4:45 or five", "ten or eleven am")
 *    leaves no one time. Greetings ("good morning", "buenas noches") hold
 *    no time of day; a time zone after a time is ignored (local HH:MM).
 *  - money: an exact amount is {"amount", "currency"}; a range is
 *    {"min", "max", "currency"} with only the bounds given ("under 100" ->
 *    {"max": 100, "currency": null}). "$" is USD; "C$", "cad$", "AUD", "US$"
 *    name their own dollars. Hundredths: a sub-unit alone is a hundredth of
 *    its currency ("45 cents" 0.45 USD, "5 pence" 0.05 GBP); after an amount
 *    with its currency, [and] N [cents] with N < 100 adds N/100 ("13 dollars
 *    and 45 cents", "15 dolares con 50"); a bare N only when the currency
 *    word followed the amount. A scale word may follow the number or the
 *    currency ("75 USD million"). Not amounts: a percentage ("6.2%") and a
 *    bare number followed by what it counts ("70 of us", "3 times").
 *  - email: ASCII letters are lower-cased; an IP-literal domain
 *    ("a@[192.0.2.1]") is kept; an ASCII address written right after
 *    ideographs or kana starts where they end. A reply that asks ("is
 *    a@b.com valid?") is no answer, like every other question.
 *  - phone: the value is "+" (when written) and the digits.
 *  - yes/no, contrary answers: two contrary phrases in one sentence ("ok
 *    no", "sure, no") read nothing, so the flow asks again. Across a
 *    sentence end (. ! ? ; or an ellipsis) the FIRST answer stands, since
 *    what follows usually qualifies it ("Yes. I said no onions"), unless the
 *    later sentence holds a correction word of the locale ("actually",
 *    "wait", "i mean", "en realidad"): then the later answer wins ("no...
 *    actually yes" is yes). Any unsure phrase ("maybe") reads nothing.
 *  - phone (the reply to "what is your phone number?"): one run of 7-15
 *    digits (16 after "+" or "00") separated by spaces, "-", ".", "/" or one
 *    level of parentheses; a "+" may be glued to a word ("is+45"). Not a
 *    phone: digits glued to letters, "#", a minus sign, a one-letter or
 *    digit-bearing code ("E-1516", "P0-001-"), a formula ("45*31-..."); the
 *    shapes of a decimal, a numeric date, a span of years, a social security
 *    or a card number; a number labelled as something else ("account number",
 *    "card", "OMB No."); a number the reply denies (a negation right before
 *    it, "not 555 1234", or right after it or one linking word, "... is not
 *    a phone number"). Several different numbers read nothing. A numeric
 *    date or clock time after the number ends it; "19) " before it is an
 *    item marker.
 *  - number: a spelt-out number that runs on into number or fraction
 *    words the reader cannot take ("two millionth", "twenty twenty",
 *    "twenty first") is no number at all, never its leading part. A singular
 *    fraction word takes only one ("a third", "one eighth"); "two third" is
 *    no number. After the last "and" of an English number a proper fraction
 *    is the fraction of a mixed number ("one hundred and three quarters" is
 *    100.75), an improper one joins the numerator ("one hundred and thirty
 *    two fifths" is 132/5); Spanish "y" inside a number never splits.
 *    Digits before a fraction word are its numerator ("100 millionths").
 *  - number: letters glued to a number make it a measure, not a number
 *    ("180ml", "29km"), except a multiplier; "M" and "G" multiply only in
 *    capitals ("10M"; "1m" is a metre). A bare "one" after a determiner or
 *    an ordinal is a pronoun ("that one", "the first one"), not a number.
 *    "billion" is 10^9 in English, "billón" 10^12 in Spanish.
 *  - number: thousands may be grouped by the locale's mark, by single
 *    spaces (also no-break and narrow no-break ones: "1 234 567") or, in a
 *    '.'-decimal locale, in Indian groups ("12,34,567"). Digit fractions
 *    need one slash ("3/4", "2 1/4"); "3/4/2026" is no number. A ratio needs
 *    "over" or "out of" ("1 in 3" is not read: "in" is too common), and a
 *    divisor that counts days, weeks or years is a span of time: "$10000
 *    over 3 years" is 10000.
 *  - Questions: a reply that asks is no answer ("is the first one
 *    cheaper?", "do you open on sunday?"), except a question that offers
 *    its own answer, which is one: it opens with a proposal of the locale
 *    ("how about friday?", "can we do 3pm?", "are you free on the 12th?",
 *    "¿qué tal el lunes?") or ends with one ("is tomorrow ok?", "would 4
 *    work?", "¿el martes te va bien?"). A short day or time asked, with
 *    only fillers and words of doubt around it, is one too ("not sure,
 *    maybe 3pm?", "el sábado entonces?"; rec_tentative); "¿a las 5?" and
 *    "do you open at 3?" stay questions.
 *  - A counted weekday ("two sundays from now") is not read: the weekday
 *    alone would be the wrong day.
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

static bool rec_opens_question(const rec_cx *c);

/* Words of a short offer ("wednesday evening", "el sábado por la mañana"). */
#define REC_OFFER_MAX 5

/* True when the last clause (from token `last`) sets a condition the
 * business decides on a short offer before it, in its clause or the one
 * before, that asks nothing: "wednesday evening if yous are open late?",
 * "wednesday evening, if you're open late?"; not "what time do you close
 * if I come wednesday?", nor "can the driver leave it with a neighbour if
 * she's out?", nor a question whether ("oye vos, sabés si va a haber
 * tráfico el sábado?"). */
static bool rec_conditional(const rec_cx *c, size_t last) {
    const ty_tokens *t = c->msg.t;
    for (size_t k = last > 0 ? last : 1; k < t->ntok; k++) {
        if (!rec_list_at(t, k, c->loc->conditions)) continue;
        if (rec_list_before(t, k, c->loc->knowing)) return false; /* "sabés si hay tráfico el sábado?" asks */
        size_t from = last; /* the offer: the clause's words before it, or the clause before */
        if (k == last)
            for (from = k - 1; from > 0 && !rec_gap_cuts(&c->msg, from);) from--;
        if (k - from > REC_OFFER_MAX) return false;
        rec_cx h = *c;
        ty_tokens ht = *t;
        ht.tok = t->tok + from;
        ht.ntok = k - from;
        h.msg.t = &ht;
        return !rec_opens_question(&h);
    }
    return false;
}

/* True when a question offers its own answer: it or its last clause opens
 * with a proposal ("how about friday?", "¿qué tal el lunes?", "ah wait,
 * could we do thursday instead?"), one joined to the clause ("thursday's a
 * no-go but could I bring it friday?"), or it ends with one ("is 3pm ok?",
 * "would tomorrow work?"). */
static bool rec_is_proposal(const rec_cx *c) {
    const ty_tokens *t = c->msg.t;
    if (!t || t->ntok == 0) return false;
    size_t last = t->ntok - 1, first = 0;
    while (last > 0 && !rec_gap_cuts(&c->msg, last)) last--;
    /* "actually wait can we make it wednesday?": a correction opens it */
    for (size_t k; first < t->ntok && (k = rec_list_at(t, first, c->loc->corrections));) first += k;
    if (rec_list_at(t, first, c->loc->proposals) > 0 || (last > 0 && rec_list_at(t, last, c->loc->proposals) > 0) ||
        rec_list_before(t, t->ntok, c->loc->proposal_ends) > 0 || rec_conditional(c, last))
        return true;
    for (size_t i = last, j; i + 1 < t->ntok; i++)
        if ((j = rec_list_at(t, i, c->loc->proposal_joins)) && rec_list_at(t, i + j, c->loc->proposals)) return true;
    return false;
}

/* True when the text opens like a question for information: a question
 * word, or an auxiliary and its subject ("is a tune-up something I can
 * do myself?"); not a request ("can I get a tune-up?"). */
static bool rec_opens_question(const rec_cx *c) {
    const ty_tokens *toks = c->msg.t;
    if (!toks || toks->ntok == 0) return false;
    /* a reply that is wholly a yes/no phrase ("will do") is not asking */
    if (rec_list(c, toks, 0, RL(yes)) == toks->ntok || rec_list(c, toks, 0, RL(no)) == toks->ntok) return false;
    if (rec_list(c, toks, 0, RL(question_words))) return true;
    size_t n = rec_list(c, toks, 0, RL(question_aux));
    if (!n || n >= toks->ntok || !rec_list(c, toks, n, RL(question_subjects))) return false;
    return rec_list(c, toks, 0, RL(question_aux_marked)) != n ||
           (c->msg.text && rec_question_mark(c->msg.text, c->msg.len));
}

/* The question test on a context (which may carry an index). */
static bool rec_is_question(const rec_cx *c) {
    if (rec_is_proposal(c)) return false;
    if (c->msg.text && rec_question_mark(c->msg.text, c->msg.len)) return true;
    return rec_opens_question(c);
}

/* A context of the locale's words only (no slot, no index) over text[0..len)
 * and its tokens, for the questions the flow asks of a message. */
static void rec_cx_plain(rec_cx *c, const ty_locale *loc, const char *text, size_t len, const ty_tokens *toks) {
    memset(c, 0, sizeof *c);
    c->loc = loc ? loc : ty_locale_default();
    c->msg.text = text;
    c->msg.len = text ? len : 0;
    c->msg.t = toks;
}

bool ty_recognize_day_number_only(const ty_locale *loc, const char *text, size_t len, const ty_tokens *toks) {
    rec_cx h;
    rec_cx_plain(&h, loc, text, len, toks);
    const rec_cx *c = &h;
    if (!toks || !text) return false;
    size_t i = rec_list(c, toks, 0, RL(day_markers)), dn;
    if (i >= toks->ntok || toks->tok[i].kind != TY_TOK_NUM || (rec_tok(toks, i, &dn), dn > 2)) return false;
    i++;
    if (rec_glued_to_number(c, i) && rec_tok_in(c, toks, i, RL(ordinal_suffixes))) i++;
    return i == toks->ntok;
}

/* A reply that asks (a question mark, or a question opener). */
bool ty_recognize_is_question(const ty_locale *loc, const char *text, size_t len, const ty_tokens *toks) {
    rec_cx c;
    rec_cx_plain(&c, loc, text, len, toks);
    return rec_is_question(&c);
}

bool ty_recognize_asks_whether(const ty_locale *loc, const char *text, size_t len, const ty_tokens *toks) {
    rec_cx c;
    if (!text || !toks) return false;
    rec_cx_plain(&c, loc, text, len, toks);
    for (size_t k = 1; k < toks->ntok; k++)
        if (rec_list_at(toks, k, c.loc->conditions) && rec_list_before(toks, k, c.loc->knowing)) return rec_is_question(&c);
    return false;
}

/* A reply that opens like a question for information (rec_opens_question),
 * after a greeting ("qué onda, cuánto me cobran x lavar una camioneta?"). */
bool ty_recognize_asks_info(const ty_locale *loc, const char *text, size_t len, const ty_tokens *toks) {
    rec_cx c;
    if (!text || !toks) return false;
    rec_cx_plain(&c, loc, text, len, toks);
    if (rec_is_proposal(&c)) return false;
    size_t g = 0;
    for (size_t k; g < toks->ntok && (k = rec_list_at(toks, g, c.loc->greetings));) g += k;
    ty_tokens rest = *toks; /* the words after the greeting */
    rest.tok += g < toks->ntok ? g : 0;
    rest.ntok -= g < toks->ntok ? g : 0;
    c.msg.t = &rest;
    return rec_opens_question(&c);
}

/* Dispatches to the slot type's recogniser; the value lives in doc, the
 * scratch memory in scratch (both the caller's). */
/* Sets up a recogniser run over text (tokens toks) for ctx. */
static int rec_cx_init(rec_cx *c, const ty_recog_ctx *ctx, const char *text, size_t len, const ty_tokens *toks,
                       ty_arena *scratch, ty_doc *doc) {
    memset(c, 0, sizeof *c);
    c->ctx = ctx;
    c->loc = ctx->locale ? ctx->locale : ty_locale_default();
    c->msg.text = text;
    c->msg.len = len;
    c->msg.t = toks;
    c->scratch = scratch;
    c->doc = doc;
    c->answer = ctx->mode != TY_RECOG_EXTRACT;
    if (ctx->index && ctx->index->locale == c->loc) {
        c->ix = ctx->index;
    } else if (toks->ntok >= REC_INDEX_MIN_TOKENS) { /* a long text pays for its own index */
        ty_locale_index *ix = ty_arena_alloc(scratch, sizeof *ix);
        if (!ix) return TY_E_NOMEM;
        ty_locale_index_build(c->loc, ix);
        c->ix = ix;
    }
    return TY_OK;
}

/* True when the gap before token i holds a space (a sentence ends there,
 * not inside "me@x.org" or "3.5"). */
static bool rec_gap_spaced(const rec_src *s, size_t i) {
    const char *g;
    size_t gn;
    rec_gap(s, i, &g, &gn);
    for (size_t k = 0; k < gn; k++)
        if (ty_is_space((unsigned char)g[k])) return true;
    return false;
}

/* True when s[0..n) holds an opening question mark ('¿'). */
static bool rec_has_open_mark(const char *s, size_t n) {
    for (size_t k = 0; k + 1 < n; k++)
        if ((unsigned char)s[k] == 0xC2 && (unsigned char)s[k + 1] == 0xBF) return true;
    return false;
}

/* rec_opens_question over the message's tokens from token `from` on. */
static bool rec_opens_question_from(const rec_cx *c, size_t from) {
    rec_cx h = *c;
    ty_tokens ht = *c->msg.t;
    ht.tok += from;
    ht.ntok -= from;
    h.msg.t = &ht;
    return rec_opens_question(&h);
}

/* True when the gap before token i holds an opening question mark and a
 * question for information starts there or a word after it ("transferencia,
 * ¿a qué cuenta le transfiero?", "sí, ¿sabes si hay parking cerca?"; not
 * "el horno, ¿podéis el viernes?", which offers). */
static bool rec_gap_opens_question(const rec_cx *c, size_t i) {
    const char *g;
    size_t gn;
    rec_gap(&c->msg, i, &g, &gn);
    if (!rec_has_open_mark(g, gn)) return false;
    const ty_tokens *t = c->msg.t;
    for (size_t from = i; from < i + 2 && from < t->ntok; from++) /* a word before: "¿y qué...", "¿a qué..." */
        if (rec_opens_question_from(c, from) || rec_list_at(t, from, c->loc->question_words_marked) ||
            rec_list_at(t, from, c->loc->knowing))
            return true;
    return false;
}

/* The tokens of the message's first sentence when it asks nothing and a
 * question follows it in the message (the message is a question); 0
 * otherwise. A Spanish question opens a sentence of its own. */
static size_t rec_answer_sentence(const rec_cx *c) {
    const ty_tokens *t = c->msg.t;
    size_t k = 1;
    while (k < t->ntok && !(rec_gap_ends_sentence(&c->msg, k) && rec_gap_spaced(&c->msg, k)) &&
           !rec_gap_opens_question(c, k))
        k++;
    if (k >= t->ntok) return 0;
    rec_cx h = *c;
    ty_tokens ht = *t;
    ht.ntok = k;
    h.msg.t = &ht;
    h.msg.len = t->tok[k].b_start; /* with its end: "aceptan yape no? y tb plin?" */
    return rec_is_question(&h) ? 0 : k;
}

/* True when a short reply that ends with a question mark may only sound
 * unsure of its day or time ("a las 8:30?", "no sé, como a las 8:30?",
 * "friday?" when the day is asked): no word opens a question, no '¿'
 * does, and the slot asked is a day or a time; rec_hedges_only then
 * checks the words around the value. */
static bool rec_tentative(const rec_cx *c, const ty_slot *slot) {
    if (slot->type != TY_SLOT_DATE && slot->type != TY_SLOT_TIME) return false;
    if (c->msg.t->ntok > REC_OFFER_MAX + 2) return false;
    if (rec_has_open_mark(c->msg.text, c->msg.len)) return false;
    for (size_t i = 0; i < c->msg.t->ntok; i++) { /* "no sé, ¿abren el domingo?" aside, any clause that asks */
        if (i > 0 && !rec_gap_cuts(&c->msg, i) && !rec_gap_ends_sentence(&c->msg, i)) continue;
        if (rec_opens_question_from(c, i)) return false;
    }
    return true;
}

/* True when every word of the message outside value v (read from it) only
 * hedges: a filler, a word of doubt, a hesitation ("no sé, como a las
 * 8:30?", "the saturday then?"); not "y atienden el domingo?", "is it
 * 8.50 each?", which ask about the business. */
static bool rec_hedges_only(const rec_cx *c, const ty_value *v) {
    double from = ty_value_number(ty_value_get(v, "start", 5)), to = ty_value_number(ty_value_get(v, "end", 3));
    const ty_tokens *t = c->msg.t;
    const char *const *lists[] = {c->loc->fillers, c->loc->unsure, c->loc->hesitations, c->loc->time_preps_answer};
    for (size_t i = 0; i < t->ntok;) {
        if ((double)t->tok[i].cp_start >= from && (double)t->tok[i].cp_end <= to) {
            i++;
            continue;
        }
        size_t n = 0;
        for (size_t k = 0; !n && k < sizeof lists / sizeof lists[0]; k++) n = rec_list_at(t, i, lists[k]);
        if (!n) return false;
        i += n;
    }
    return true;
}

bool ty_recognize_no_such_day(const ty_recog_ctx *ctx, const char *text, size_t len, const ty_tokens *toks,
                              ty_arena *scratch, int *month, int *day) {
    rec_cx c;
    if (!ctx || !toks || !scratch || toks->ntok == 0 || rec_cx_init(&c, ctx, text, len, toks, scratch, NULL))
        return false;
    if (rec_is_question(&c)) return false;
    return rec_no_such_day(&c, month, day);
}

/* True when id[0..n) is a word that, beside "name", still means the
 * customer's own ("full_name", "nombre_cliente", "first_name"). */
static bool rec_own_name_word(const char *id, size_t n) {
    static const char *const own[] = {"full",   "first",    "last",     "sur",   "given",   "family",  "customer",
                                       "client", "cliente",  "owner",    "dueno", "your",    "tu",      "su",
                                       "my",     "mi",       "contact",  "contacto", "booking", "reserva", "completo",
                                       "apellido", "apellidos", "user", "nick", "display", "preferred",
                                       "s", NULL};
    return rec_in_list(id, n, own);
}

/* Whose name a text slot holds, from its id: REC_NAMES_SELF when it says
 * "name" or "nombre", alone or with words for the customer's own ("name",
 * "full_name", "nombre"); REC_NAMES_OTHER with another word
 * ("nombre_mascota", "pet_name": read after a word for them, "mi perro
 * Toby"); else REC_NAMES_NONE. A name slot also takes a name said in
 * passing. */
static int rec_slot_names(const ty_slot *slot) {
    static const char *const ids[] = {"name", "nombre"};
    const char *s = slot->name;
    size_t len = slot->name_len;
    for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
        size_t n = strlen(ids[k]);
        for (size_t i = 0; i + n <= len; i++) {
            if (memcmp(s + i, ids[k], n) != 0) continue;
            /* the id's other words, parted by anything but a letter */
            for (size_t a = 0; a < len;) {
                if (a == i) {
                    a += n;
                    continue;
                }
                size_t b = a;
                while (b < len && b != i && ty_is_alpha((unsigned char)s[b])) b++;
                if (b > a && !rec_own_name_word(s + a, b - a)) return REC_NAMES_OTHER;
                a = b > a ? b : a + 1;
            }
            return REC_NAMES_SELF;
        }
    }
    return REC_NAMES_NONE;
}

bool ty_recognize_names_other(const ty_slot *slot) {
    return slot && slot->type == TY_SLOT_TEXT && rec_slot_names(slot) == REC_NAMES_OTHER;
}

/* True when a number slot counts the nights of a stay: its name says
 * "night" or "noche" ("nights", "num_noches"). */
static bool rec_counts_nights(const ty_slot *slot) {
    static const char *const words[] = {"night", "noche"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t n = strlen(words[k]);
        for (size_t i = 0; i + n <= slot->name_len; i++)
            if (memcmp(slot->name + i, words[k], n) == 0) return true;
    }
    return false;
}

/* True when the last of toks is kisses that sign a text off: "x", "xx",
 * "xxx" or "xoxo" in small letters after other words ("Lauren Docherty
 * x", "aye go on xx"); never a capital X ("Malcolm X"). */
static bool rec_ends_with_kisses(const char *text, const ty_tokens *toks) {
    if (toks->ntok < 2) return false;
    const ty_token *k = &toks->tok[toks->ntok - 1];
    size_t n = k->b_end - k->b_start;
    const char *s = text + k->b_start;
    if (k->b_start == 0 || !ty_is_space((unsigned char)text[k->b_start - 1])) return false;
    if (n == 4 && memcmp(s, "xoxo", 4) == 0) return true;
    if (n < 1 || n > 3) return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] != 'x') return false;
    return true;
}

/* Reads the slot's value from c as its type reads it; NULL when none (or
 * on error: c->rc). whose: rec_slot_names of a text slot. */
static ty_value *rec_read_slot(rec_cx *c, const ty_slot *slot, int whose) {
    ty_value *v = NULL;
    switch (slot->type) {
    case TY_SLOT_CHOICE: v = rec_read_choice(c); break;
    case TY_SLOT_YESNO: v = rec_read_yesno(c, slot->name, slot->name_len); break;
    case TY_SLOT_DATE: v = rec_read_date(c, slot->name, slot->name_len); break;
    case TY_SLOT_TIME:
        c->time_asked = c->answer;
        v = rec_read_time(c);
        break;
    case TY_SLOT_NUMBER:
        /* "fri to sun", "del 18 al 20": nights, not the number 18 */
        if (rec_counts_nights(slot)) v = rec_read_nights(c);
        if (!v && !c->rc) v = rec_read_number(c, slot->name, slot->name_len);
        break;
    case TY_SLOT_MONEY: v = rec_read_money(c); break;
    case TY_SLOT_EMAIL: v = rec_read_email(c); break;
    case TY_SLOT_PHONE: v = rec_read_phone(c); break;
    case TY_SLOT_TEXT: v = rec_read_text(c, whose, slot->name, slot->name_len); break;
    default: break;
    }
    return v;
}

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
    ty_tokens signed_off;
    ty_recog_ctx kctx;
    if (rec_ends_with_kisses(text, toks)) { /* read without them */
        signed_off = *toks;
        signed_off.ntok--;
        toks = &signed_off;
        len = toks->tok[toks->ntok - 1].b_end;
        kctx = *ctx;
        kctx.memo = NULL; /* what it keeps was read from the whole message */
        ctx = &kctx;
    }
    rec_cx c;
    if ((*rc = rec_cx_init(&c, ctx, text, len, toks, scratch, doc))) return NULL;
    int whose = slot->type == TY_SLOT_TEXT ? rec_slot_names(slot) : REC_NAMES_NONE;
    ty_value *v = NULL;
    ty_tokens head;
    ty_recog_ctx hctx;
    if (c.answer && rec_is_question(&c)) {
        if (rec_tentative(&c, slot)) { /* "no sé, como a las 8:30?" */
            v = rec_read_slot(&c, slot, whose);
            if (c.rc) {
                *rc = c.rc;
                return NULL;
            }
            if (v && rec_hedges_only(&c, v)) return v;
            v = NULL;
        }
        /* "yes that's right. will you text me when it's ready?": a first
         * sentence that asks nothing answers, the question after it aside
         * (free text too: "Ruth Okafor. is the person delivering ok to leave
         * them with a neighbour?"); a name slot reads only a name it
         * introduces ("cancel thurs, end of the wk is better - sat?" is none) */
        size_t k = whose ? 0 : rec_answer_sentence(&c);
        if (!k) { /* a question answers nothing, but a name it introduces stands */
            if (whose && !(v = rec_read_name(&c, whose)) && c.rc) *rc = c.rc;
            return v;
        }
        head = *toks;
        head.ntok = k;
        hctx = *ctx;
        hctx.memo = NULL; /* what it keeps was read from the whole message */
        if ((*rc = rec_cx_init(&c, &hctx, text, toks->tok[k - 1].b_end, &head, scratch, doc))) return NULL;
    }
    v = rec_read_slot(&c, slot, whose);
    if (c.rc) {
        *rc = c.rc;
        return NULL;
    }
    return v;
}

#undef REC_STRING_LISTS
#undef REC_WORD_LISTS
#undef REC_MORE_STRING_LISTS
#undef REC_MORE_WORD_LISTS
#undef REC_MORE_LISTS
#undef RL
#undef RW
#undef REC_BIT
#undef REC_G_TIME
#undef REC_G_DATE
#undef REC_G_DATE_TYPO
#undef REC_HELD_NONE
#undef REC_HELD_MANY
