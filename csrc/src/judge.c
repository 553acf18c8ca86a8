/*
 * judge.c — the safe exits, greetings, short forms and action bars of
 * judge.h. Phrases are matched on token boundaries of the normalised text
 * (tokens joined by single spaces), so "stop texting me!!" holds "stop
 * texting me" and "stopwatch" holds no "stop".
 *
 * The bars (score, margin) an intent must clear, by what acting costs when
 * wrong, were set on the conversation-quality vectors and the few-shot
 * evaluation (docs/judgment.md gives the figures):
 *   answer a say-only intent      0.20, 0.10
 *   start a flow (nothing pending, 0.20, 0.10
 *     or a menu asking what the customer wants)
 *   leave a pending ask            0.55, 0.25
 *   hand off to a person           0.70, 0.40   (0.55, 0.35 when the message
 *                                               asks or is upset; ask first
 *                                               from 0.25, 0.20)
 *   opt out for good               0.95, 0.80   (ask first from 0.60, 0.35)
 * The built-in phrases and keywords do not go through the bars: they are
 * evidence in themselves.
 */
#include "judge.h"

#include <stddef.h>

typedef const ty_judge_lex *(*judge_lex_fn)(void);
static const judge_lex_fn judge_tables[TY_JUDGE_NLEX] = {TY_JUDGE_TABLES};

/* act: the bar to act; pressed: the bar to act on a message that asks
 * or is upset (ty_judge_clears_pressed); ask: the bar to ask first */
static const struct {
    double act_score, act_margin, pressed_score, pressed_margin, ask_score, ask_margin;
} judge_bars[TY_JUDGE_NCOST] = {
    [TY_JUDGE_COST_SAY] = {0.20, 0.10, 0.20, 0.10, 2, 2},
    [TY_JUDGE_COST_START] = {0.20, 0.10, 0.20, 0.10, 2, 2},
    [TY_JUDGE_COST_ASIDE] = {0.35, 0.25, 0.35, 0.25, 2, 2},
    [TY_JUDGE_COST_SWITCH] = {0.55, 0.25, 0.55, 0.25, 2, 2},
    /* "can someone from your office call me?" (0.60) is passed on; "someone
     * from your office called me yesterday, all sorted" is asked about */
    [TY_JUDGE_COST_HANDOFF] = {0.70, 0.40, 0.55, 0.35, 0.25, 0.20},
    /* an opt-out only the model reads is asked, never acted on: the model
     * compares words, and "you didnt text me" is close to "dont text me" */
    [TY_JUDGE_COST_OPT_OUT] = {2, 2, 2, 2, 0.60, 0.35},
};

bool ty_judge_clears(ty_judge_cost cost, double score, double margin) {
    return cost < TY_JUDGE_NCOST && score >= judge_bars[cost].act_score && margin >= judge_bars[cost].act_margin;
}

bool ty_judge_clears_pressed(ty_judge_cost cost, double score, double margin) {
    return cost < TY_JUDGE_NCOST && score >= judge_bars[cost].pressed_score &&
           margin >= judge_bars[cost].pressed_margin;
}

bool ty_judge_worth_asking(ty_judge_cost cost, double score, double margin) {
    return cost < TY_JUDGE_NCOST && score >= judge_bars[cost].ask_score && margin >= judge_bars[cost].ask_margin;
}

const ty_judge_lex *ty_judge_lex_for(const char *code, size_t len) {
    size_t n = 0;
    while (code && n < len && code[n] != '-' && code[n] != '_') n++;
    for (size_t i = 0; i < TY_JUDGE_NLEX; i++) {
        const ty_judge_lex *l = judge_tables[i]();
        if (strlen(l->code) == n && n && memcmp(l->code, code, n) == 0) return l;
    }
    return judge_tables[0]();
}

/* ---- phrases on token boundaries ---------------------------------------- */

/* p's length when p (normalised) occurs in s[0..n) at byte i on token
 * boundaries, else 0. The first byte is compared before anything else:
 * this runs for every phrase at every token of every message. */
static size_t judge_at(const char *s, size_t n, size_t i, const char *p) {
    if (i >= n || s[i] != p[0] || (i > 0 && s[i - 1] != ' ')) return 0;
    size_t k = 1; /* compared byte by byte: most phrases part at their second or third letter */
    while (p[k] && i + k < n && s[i + k] == p[k]) k++;
    return !p[k] && (i + k == n || s[i + k] == ' ') ? k : 0;
}

/* Length of the longest phrase of `list` at byte i of s, or 0. */
static size_t judge_longest_at(const char *s, size_t n, size_t i, const char *const *list) {
    size_t best = 0;
    if (i >= n || (i > 0 && s[i - 1] != ' ')) return 0; /* no phrase starts inside a token */
    for (; list && *list; list++) {
        size_t pn = judge_at(s, n, i, *list);
        if (pn > best) best = pn;
    }
    return best;
}

/* Start of the token that begins `back` tokens before byte i (i itself is a
 * token start), or 0. */
static size_t judge_tokens_before(const char *s, size_t i, int back) {
    while (back-- > 0 && i > 0) {
        i--; /* the space before the current token */
        while (i > 0 && s[i - 1] != ' ') i--;
    }
    return i;
}

/* True when a phrase of `list` occurs in s[from..to) on token boundaries
 * (to is a token end or a space before one). */
static bool judge_in_range(const char *s, size_t from, size_t to, const char *const *list) {
    for (size_t i = from; i < to; i++)
        if (judge_longest_at(s, to, i, list)) return true;
    return false;
}

/* ---- the first-token index ---------------------------------------------- */

static const char *const *judge_list_of(const ty_judge_lex *lex, int list) {
    switch (list) {
    case TY_JUDGE_L_STOP_PHRASES: return lex->stop_phrases;
    case TY_JUDGE_L_STOP_MAYBE: return lex->stop_maybe;
    case TY_JUDGE_L_HANDOFF: return lex->handoff_phrases;
    case TY_JUDGE_L_FRUSTRATION: return lex->frustration;
    case TY_JUDGE_L_NO_PERSON: return lex->no_person;
    case TY_JUDGE_L_REFUSE_NEGS: return lex->refuse_negs;
    case TY_JUDGE_L_TALK_ENDS: return lex->talk_ends;
    case TY_JUDGE_L_NO_UNDO: return lex->no_undo;
    default: return lex->bot_words;
    }
}

/* 8-bit FNV-1a of the token that starts at s[i] (up to a space or n). */
static unsigned judge_token_hash(const char *s, size_t n, size_t i) {
    uint32_t h = 2166136261u;
    for (; i < n && s[i] != ' '; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return (h ^ (h >> 8) ^ (h >> 16) ^ (h >> 24)) & 255u;
}

void ty_judge_index_build(ty_judge_index *ix) {
    memset(ix, 0, sizeof *ix);
    for (size_t t = 0; t < TY_JUDGE_NLEX; t++)
        for (int l = 0; l < TY_JUDGE_NLISTS; l++)
            for (const char *const *p = judge_list_of(judge_tables[t](), l); p && *p; p++) {
                unsigned h = judge_token_hash(*p, strlen(*p), 0);
                ix->first[t][l][h >> 6] |= 1ull << (h & 63);
            }
}

/* True when list l of table t may have a phrase starting with the token
 * whose hash is h (always, without an index). */
static bool judge_may(const ty_judge_index *ix, size_t t, int l, unsigned h) {
    return !ix || (ix->first[t][l][h >> 6] >> (h & 63)) & 1;
}

/* Start of the token `back` tokens before byte i (a token start), or of
 * i's clause when that starts later (clause from ty_judge_clauses, or
 * NULL: one clause). */
static size_t judge_clause_back(const char *s, size_t i, int back, const uint8_t *clause) {
    size_t from = judge_tokens_before(s, i, back);
    for (size_t b = i; clause && b > from; b--)
        if (clause[b]) return b;
    return from;
}

/* True when a phrase of list ends right before s[i] (one space between). */
static bool judge_ends_at(const char *s, size_t i, const char *const *list) {
    for (; list && *list; list++) {
        size_t pn = strlen(*list);
        if (i >= pn + 1 && s[i - 1] == ' ' && memcmp(s + i - 1 - pn, *list, pn) == 0 &&
            (i == pn + 1 || s[i - pn - 2] == ' '))
            return true;
    }
    return false;
}

/* True when a subject right before byte i, in its clause, tells of what
 * follows instead of asking for it: "you never text me", "they dont
 * message me"; a stop word after it still asks ("can you stop texting me"). */
static bool judge_told(const ty_judge_lex *lex, const char *s, size_t n, size_t i, const uint8_t *clause) {
    if (!i || (clause && clause[i]) || judge_longest_at(s, n, i, lex->stop_words)) return false;
    size_t b = judge_tokens_before(s, i, 1);
    if (!judge_longest_at(s, i - 1, b, lex->refuse_subjects)) return false;
    /* "can you take my number off": a modal before the subject asks */
    return !(b && !(clause && clause[b]) && judge_ends_at(s, b, lex->request_modals));
}

/* Byte position of the first phrase of list l of table t in s that no
 * negation of the table governs (one of the three tokens before it, in the
 * same clause: clause, when not NULL, marks the tokens that start one;
 * words naming the bot and refusals of a person are never negated), or
 * SIZE_MAX; *len gets the phrase's length. */
/* True when the frustration word at s[i..i+pn) is one of lex->describing
 * said of the word right after it in its clause, after a determiner and
 * before a word not among lex->aimed_after (judge.h). */
static bool judge_describes(const ty_judge_lex *lex, const char *s, size_t n, size_t i, size_t pn,
                            const uint8_t *clause) {
    size_t j = i + pn + 1;
    if (!lex->describing || !i || j >= n || s[j - 1] != ' ' || (clause && (clause[j] || clause[i]))) return false;
    if (!judge_ends_at(s, i, lex->determiners)) return false;
    bool listed = false;
    for (const char *const *p = lex->describing; *p && !listed; p++) listed = judge_at(s, n, i, *p) == pn;
    return listed && !judge_longest_at(s, n, j, lex->aimed_after);
}

/* True when the frustration word at s[i..i+pn) is one of lex->slowness
 * telling a symptom (judge.h): a link right after it, and nothing of
 * lex->slow_aimed right before it or after the link, all in its clause. */
static bool judge_symptom(const ty_judge_lex *lex, const char *s, size_t n, size_t i, size_t pn,
                          const uint8_t *clause) {
    size_t j = i + pn + 1;
    if (!lex->slowness || j >= n || s[j - 1] != ' ' || (clause && clause[j])) return false;
    bool listed = false;
    for (const char *const *p = lex->slowness; *p && !listed; p++) listed = judge_at(s, n, i, *p) == pn;
    size_t ln = listed ? judge_longest_at(s, n, j, lex->slow_links) : 0;
    if (!ln || j + ln + 1 >= n || (clause && clause[j + ln + 1])) return false;
    if (judge_longest_at(s, n, j + ln + 1, lex->slow_aimed)) return false;
    return !(i && !(clause && clause[i]) && judge_ends_at(s, i, lex->slow_aimed));
}

static size_t judge_find(const ty_judge_index *ix, size_t t, const char *s, size_t n, const uint8_t *clause, int l,
                         size_t *len) {
    const ty_judge_lex *lex = judge_tables[t]();
    const char *const *list = judge_list_of(lex, l);
    for (size_t i = 0; i < n; i++) {
        if (i && s[i - 1] != ' ') continue;
        if (!judge_may(ix, t, l, judge_token_hash(s, n, i))) continue;
        for (const char *const *p = list; p && *p; p++) {
            size_t pn = judge_at(s, n, i, *p);
            if (!pn) continue;
            /* a refusal of a person is said in one clause: "no, necesito hablar con una persona" asks for one */
            bool cut = false;
            for (size_t k = i + 1; l == TY_JUDGE_L_NO_PERSON && clause && k < i + pn && !cut; k++) cut = clause[k];
            if (cut) continue;
            size_t from = judge_clause_back(s, i, 3, clause);
            /* told, not asked: "you never text me" */
            if (l == TY_JUDGE_L_STOP_PHRASES && judge_told(lex, s, n, i, clause)) continue;
            /* a when, not a stop: "dont text me before 2pm" */
            if (l == TY_JUDGE_L_STOP_PHRASES && i + pn + 1 < n && judge_longest_at(s, n, i + pn + 1, lex->timings))
                continue;
            /* a when, not a request: "antes de que me llame mi jefe", "before you call me" */
            if (l == TY_JUDGE_L_HANDOFF && i && judge_in_range(s, judge_tokens_before(s, i, 2), i - 1, lex->timing_leads))
                continue;
            /* a thing described, not us: "an awful squeal every time i stop" */
            if (l == TY_JUDGE_L_FRUSTRATION && judge_describes(lex, s, n, i, pn, clause)) continue;
            /* a thing's slowness, not ours: "now it takes forever to do anything" */
            if (l == TY_JUDGE_L_FRUSTRATION && judge_symptom(lex, s, n, i, pn, clause)) continue;
            /* a person asked about, not for: "am i talking to a real person?" */
            if (l == TY_JUDGE_L_HANDOFF && judge_ends_at(s, i, lex->identity_asks)) continue;
            /* bot words and refusals of a person say what they say after a negation too */
            if (from < i && l != TY_JUDGE_L_BOT_WORDS && l != TY_JUDGE_L_NO_PERSON && l != TY_JUDGE_L_NO_UNDO &&
                judge_in_range(s, from, i - 1, lex->negations))
                continue;
            *len = pn;
            return i;
        }
    }
    return SIZE_MAX;
}

static bool judge_has(const ty_judge_index *ix, size_t t, const char *s, size_t n, const uint8_t *clause, int l) {
    size_t len;
    return judge_find(ix, t, s, n, clause, l, &len) != SIZE_MAX;
}

/* The first-token hashes (judge_token_hash) of every token of s, as a
 * 256-bit set in seen[4]: read once per message. */
static void judge_seen(const char *s, size_t n, uint64_t seen[4]) {
    seen[0] = seen[1] = seen[2] = seen[3] = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && s[i - 1] != ' ') continue;
        unsigned h = judge_token_hash(s, n, i);
        seen[h >> 6] |= 1ull << (h & 63);
    }
}

/* False when no token of the message (seen, from judge_seen) may start a
 * phrase of list l of table t (without an index: true). */
static bool judge_seen_may(const ty_judge_index *ix, size_t t, int l, const uint64_t seen[4]) {
    return !ix || ((ix->first[t][l][0] & seen[0]) | (ix->first[t][l][1] & seen[1]) | (ix->first[t][l][2] & seen[2]) |
                   (ix->first[t][l][3] & seen[3]));
}

/* judge_has, answered false at once when no token of the message (seen,
 * from judge_seen) may start a phrase of list l: judge_find would try none. */
static bool judge_has_seen(const ty_judge_index *ix, size_t t, const char *s, size_t n, const uint8_t *clause, int l,
                           const uint64_t seen[4]) {
    if (ix && !((ix->first[t][l][0] & seen[0]) | (ix->first[t][l][1] & seen[1]) | (ix->first[t][l][2] & seen[2]) |
                (ix->first[t][l][3] & seen[3])))
        return false;
    return judge_has(ix, t, s, n, clause, l);
}

/* Length of the politeness phrase of lex at s[i..n) (on a boundary), or 0. */
static size_t judge_polite_at(const ty_judge_lex *lex, const char *s, size_t n, size_t i) {
    return judge_longest_at(s, n, i, lex->politeness);
}

/* True when the whole message, politeness words aside, is a stop word. */
static bool judge_stop_word(const ty_judge_lex *lex, const char *s, size_t n) {
    /* a keyword and a few polite words: longer messages are never one (and
     * the trim below stays linear) */
    if (ty_judge_words(s, n) > 8) return false;
    size_t a = 0, b = n;
    for (size_t k; a < b && (k = judge_polite_at(lex, s, b, a));) a += k + (a + k < b);
    for (bool cut = true; cut && a < b;) {
        cut = false;
        for (size_t i = b; i > a; i--) {
            if (s[i - 1] != ' ') continue;
            size_t k = judge_polite_at(lex, s, b, i);
            if (k && i + k == b) {
                b = i - 1;
                cut = true;
                break;
            }
        }
    }
    for (const char *const *p = lex->stop_words; p && *p; p++)
        if (strlen(*p) == b - a && memcmp(s + a, *p, b - a) == 0) return true;
    return false;
}

/* True when original bytes s[a..b) hold clause punctuation. */
static bool judge_breaks(const char *s, size_t a, size_t b) {
    for (size_t i = a; i < b; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == ',' || ch == ';' || ch == ':' || ch == '.' || ch == '!' || ch == '?' || ch == '\n') return true;
        if (ty_dash_at(s, a, b, i)) return true;
        /* the Spanish openers U+00A1 and U+00BF */
        if (ch == 0xC2 && i + 1 < b && ((unsigned char)s[i + 1] == 0xA1 || (unsigned char)s[i + 1] == 0xBF)) return true;
    }
    return false;
}

uint8_t *ty_judge_clauses(const ty_tokens *toks, const char *text, ty_arena *arena, bool *oom) {
    uint8_t *clause = NULL;
    *oom = false;
    for (size_t k = 1; k < toks->ntok; k++) {
        const ty_token *prev = &toks->tok[k - 1], *tok = &toks->tok[k];
        if (!judge_breaks(text, prev->b_end, tok->b_start)) continue;
        if (!clause) {
            if (!(clause = ty_arena_alloc(arena, toks->norm_len + 1))) {
                *oom = true;
                return NULL;
            }
            memset(clause, 0, toks->norm_len + 1);
        }
        clause[tok->start] = 1;
    }
    return clause;
}

size_t ty_judge_words(const char *s, size_t n) {
    size_t k = n ? 1 : 0;
    for (size_t i = 0; i < n; i++) k += s[i] == ' ';
    return k;
}


/* ---- a refusal of contact from its parts -------------------------------- */

/* True when byte i of s starts a clause (clause from ty_judge_clauses, or
 * NULL: one clause) or is past the end. */
static bool judge_clause_starts(const uint8_t *clause, size_t n, size_t i) {
    return i >= n || (clause && clause[i]);
}

/* True when the negation at s[i..i+k) may open a refusal: no question
 * word comes right before it ("why not text me"), no subject tells of it
 * (judge_told), and no negation takes it back ("I don't want you to stop
 * texting me"). */
static bool judge_refusal_opens(const ty_judge_lex *lex, const char *s, size_t n, size_t i, const uint8_t *clause) {
    if (!i || (clause && clause[i])) return true;
    size_t b = judge_tokens_before(s, i, 1), from = judge_clause_back(s, i, 4, clause);
    if (judge_told(lex, s, n, i, clause) || (!lex->wh_needs_mark && judge_longest_at(s, i - 1, b, lex->wh_words)))
        return false;
    return !judge_in_range(s, from, i - 1, lex->negations);
}

/* True when the negation at s[i..i+k) opens a refusal of contact (judge.h:
 * refuse_negs ... contact_ends) that runs to the end of its clause: no
 * time after it ("don't text me before 9" says when), nothing else sent
 * ("don't send me any more photos of the price list"). */
static bool judge_refusal_at(const ty_judge_lex *lex, const char *s, size_t n, const uint8_t *clause, size_t i,
                             size_t k) {
    size_t j = i + k + 1;
    bool obj = false;
    for (int m = 0; m < 3 && !judge_clause_starts(clause, n, j); m++) { /* "quiero que me sigáis" */
        size_t o = judge_longest_at(s, n, j, lex->contact_objects);
        size_t b = o ? o : judge_longest_at(s, n, j, lex->refuse_between);
        if (!b) break;
        obj |= o > 0;
        j += b + 1;
    }
    size_t v = judge_clause_starts(clause, n, j) ? 0 : judge_longest_at(s, n, j, lex->contact_verbs);
    if (!v) return false;
    j += v + 1;
    /* then objects and ends up to the end of the clause: "me again please",
     * "any more messages to this number"; not "any more photos" */
    bool ends = false;
    while (!judge_clause_starts(clause, n, j)) {
        size_t o = judge_longest_at(s, n, j, lex->contact_objects), e = judge_longest_at(s, n, j, lex->contact_ends);
        if (!o && !e) return false;
        obj |= o >= e;
        ends |= e > o;
        j += (o > e ? o : e) + 1;
    }
    return obj || ends;
}

/* True when one of lex->person_words starts within the three tokens after
 * s[from] in its clause ("comentarlo antes con alguna de vosotras"). */
static bool judge_person_soon(const ty_judge_lex *lex, const char *s, size_t n, size_t from, const uint8_t *clause) {
    for (int k = 0; k < 3 && from + 1 < n && !(clause && clause[from + 1]); k++) {
        if (judge_longest_at(s, n, from + 1, lex->person_words)) return true;
        const char *sp = memchr(s + from + 1, ' ', n - from - 1);
        if (!sp) return false;
        from = (size_t)(sp - s);
    }
    return false;
}

/* True when a clause of s has one of lex->talk_ends at its end or before
 * one of lex->talk_topics ("...I could speak to about my wheel"), and one
 * of lex->person_words before it, not negated (judge.h: "is there anyone
 * at the shop I could speak to?"); or one of lex->talk_ends, not negated,
 * with a person word shortly after it ("preferiría comentarlo antes con
 * alguna de vosotras"). */
static bool judge_asks_person_at_end(const ty_judge_index *ix, size_t t, const char *s, size_t n,
                                     const uint8_t *clause) {
    const ty_judge_lex *lex = judge_tables[t]();
    if (!lex->talk_ends || !lex->person_words) return false;
    for (size_t i = 0; i < n; i++) {
        if ((i && s[i - 1] != ' ') || !judge_may(ix, t, TY_JUDGE_L_TALK_ENDS, judge_token_hash(s, n, i))) continue;
        size_t pn = judge_longest_at(s, n, i, lex->talk_ends), end = i + pn;
        if (pn && end < n && judge_person_soon(lex, s, n, end, clause) &&
            !(i && judge_in_range(s, judge_clause_back(s, i, 4, clause), i - 1, lex->negations)))
            return true;
        if (!pn || !(end >= n || (clause && clause[end + 1]) || judge_longest_at(s, n, end + 1, lex->talk_topics)))
            continue;
        for (size_t p = judge_clause_back(s, i, 12, clause); p + 1 < i; p++)
            if ((p == 0 || s[p - 1] == ' ') && judge_longest_at(s, n, p, lex->person_words) &&
                !(p && judge_in_range(s, judge_clause_back(s, p, 4, clause), p - 1, lex->negations)))
                return true;
    }
    return false;
}

/* True when a clause of s refuses contact in table t's words (judge.h);
 * only the tokens the index lets start a negation are tried. */
static bool judge_refuses_contact(const ty_judge_index *ix, size_t t, const char *s, size_t n, const uint8_t *clause) {
    const ty_judge_lex *lex = judge_tables[t]();
    if (!lex->refuse_negs || !lex->contact_verbs) return false;
    for (size_t i = 0; i < n; i++) {
        if ((i && s[i - 1] != ' ') || !judge_may(ix, t, TY_JUDGE_L_REFUSE_NEGS, judge_token_hash(s, n, i))) continue;
        size_t k = judge_longest_at(s, n, i, lex->refuse_negs);
        if (k && judge_refusal_opens(lex, s, n, i, clause) && judge_refusal_at(lex, s, n, clause, i, k)) return true;
    }
    return false;
}
/* True when s gives a phone number (seven digits or more in one run,
 * spaces between them allowed): a way to be reached instead. */
static bool judge_gives_number(const char *s, size_t n) {
    size_t digits = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            if (++digits >= 7) return true;
        } else if (s[i] != ' ') {
            digits = 0;
        }
    }
    return false;
}

ty_judge_exit ty_judge_read_exit(const ty_judge_index *ix, const char *norm, size_t n, const uint8_t *clause) {
    ty_judge_exit best = TY_JUDGE_NONE;
    if (!norm || !n) return best;
    uint64_t seen[4];
    judge_seen(norm, n, seen);
    for (size_t t = 0; t < TY_JUDGE_NLEX; t++) {
        if (judge_stop_word(judge_tables[t](), norm, n) ||
            judge_has_seen(ix, t, norm, n, clause, TY_JUDGE_L_STOP_PHRASES, seen))
            return TY_JUDGE_STOP;
        /* a refusal read from its parts that gives another number ("don't
         * use this number, use 07700 900123") may only move us: ask */
        if (judge_refuses_contact(ix, t, norm, n, clause))
            return judge_gives_number(norm, n) ? TY_JUDGE_STOP_MAYBE : TY_JUDGE_STOP;
    }
    size_t decl;
    for (size_t t = 0; t < TY_JUDGE_NLEX && best != TY_JUDGE_STOP_MAYBE; t++) {
        if (judge_has_seen(ix, t, norm, n, clause, TY_JUDGE_L_STOP_MAYBE, seen)) best = TY_JUDGE_STOP_MAYBE;
        else if (best == TY_JUDGE_NONE &&
                 (judge_has_seen(ix, t, norm, n, clause, TY_JUDGE_L_HANDOFF, seen) ||
                  (judge_seen_may(ix, t, TY_JUDGE_L_TALK_ENDS, seen) && judge_asks_person_at_end(ix, t, norm, n, clause))))
            best = TY_JUDGE_HANDOFF;
    }
    /* a message that declines a person never asks for one */
    if (best == TY_JUDGE_HANDOFF && ty_judge_no_person(ix, norm, n, clause, &decl) != SIZE_MAX) best = TY_JUDGE_NONE;
    if (best != TY_JUDGE_NONE) return best;
    for (size_t t = 0; t < TY_JUDGE_NLEX; t++) {
        if (!judge_has_seen(ix, t, norm, n, clause, TY_JUDGE_L_FRUSTRATION, seen)) continue;
        size_t len, at = judge_find(ix, t, norm, n, clause, TY_JUDGE_L_FRUSTRATION, &len);
        if (at == SIZE_MAX) continue;
        /* aimed at us: it names us, or it is most of what was said */
        bool rude = judge_has(ix, t, norm, n, clause, TY_JUDGE_L_BOT_WORDS) ||
                    2 * ty_judge_words(norm + at, len) >= ty_judge_words(norm, n);
        if (rude) return TY_JUDGE_RUDE;
        best = TY_JUDGE_FRUSTRATED;
    }
    return best;
}

/* The first phrase of list l of any table in norm: its byte offset (its
 * length in *len), or SIZE_MAX. */
static size_t judge_find_any(const ty_judge_index *ix, const char *norm, size_t n, const uint8_t *clause, int l,
                             size_t *len) {
    for (size_t t = 0; norm && t < TY_JUDGE_NLEX; t++) {
        size_t at = judge_find(ix, t, norm, n, clause, l, len);
        if (at != SIZE_MAX) return at;
    }
    return SIZE_MAX;
}

/* See judge.h. */
size_t ty_judge_no_person(const ty_judge_index *ix, const char *norm, size_t n, const uint8_t *clause, size_t *len) {
    return judge_find_any(ix, norm, n, clause, TY_JUDGE_L_NO_PERSON, len);
}

/* See judge.h. */
size_t ty_judge_frustration(const ty_judge_index *ix, const char *norm, size_t n, const uint8_t *clause, size_t *len) {
    return judge_find_any(ix, norm, n, clause, TY_JUDGE_L_FRUSTRATION, len);
}

/* See judge.h. */
size_t ty_judge_no_undo(const ty_judge_index *ix, const char *norm, size_t n, const uint8_t *clause, size_t *len) {
    return judge_find_any(ix, norm, n, clause, TY_JUDGE_L_NO_UNDO, len);
}

/* See judge.h. */
bool ty_judge_asks_identity(const char *norm, size_t n) {
    for (size_t i = 1; norm && i < n; i++) {
        if (norm[i - 1] != ' ') continue;
        for (size_t t = 0; t < TY_JUDGE_NLEX; t++) {
            const ty_judge_lex *lex = judge_tables[t]();
            if (judge_ends_at(norm, i, lex->identity_asks) &&
                (judge_longest_at(norm, n, i, lex->handoff_phrases) || judge_longest_at(norm, n, i, lex->bot_words)))
                return true;
        }
    }
    return false;
}

/* Length of the longest phrase at s[i..n) of one of the lists at byte
 * offset `off` of the tables' ty_judge_lex (any table), or 0. */
static size_t judge_any_list_at(const char *s, size_t n, size_t i, size_t off) {
    size_t best = 0;
    for (size_t t = 0; t < TY_JUDGE_NLEX; t++) {
        const char *const *list = *(const char *const *const *)(const void *)((const char *)judge_tables[t]() + off);
        size_t pn = judge_longest_at(s, n, i, list);
        if (pn > best) best = pn;
    }
    return best;
}

/* True when every token of norm is covered by a phrase of the list at
 * offset `core` of the tables, at least once, or of the lists at the
 * offsets in side[0..nside) (the words that may go with it). */
static bool judge_only(const char *norm, size_t n, size_t core, const size_t *side, size_t nside) {
    bool seen = false;
    for (size_t i = 0; i < n;) {
        size_t k = judge_any_list_at(norm, n, i, core);
        seen |= k > 0;
        for (size_t l = 0; !k && l < nside; l++) k = judge_any_list_at(norm, n, i, side[l]);
        if (!k) return false;
        i += k + 1;
    }
    return seen;
}

bool ty_judge_any_option(const char *norm, size_t n) {
    static const size_t side[] = {offsetof(ty_judge_lex, politeness)};
    return judge_only(norm, n, offsetof(ty_judge_lex, any_option), side, 1);
}

size_t ty_judge_talk_with_at(const char *norm, size_t n, size_t i) {
    size_t best = 0;
    for (size_t t = 0; t < TY_JUDGE_NLEX; t++) {
        const ty_judge_lex *lex = judge_tables[t]();
        size_t pn = judge_longest_at(norm, n, i, lex->talk_with);
        /* "I don't need to talk to Shaz" asks for nobody */
        if (pn > best && !(i && judge_in_range(norm, judge_tokens_before(norm, i, 3), i - 1, lex->negations))) best = pn;
    }
    return best;
}

bool ty_judge_other_option(const char *norm, size_t n) {
    static const size_t side[] = {offsetof(ty_judge_lex, other_leads), offsetof(ty_judge_lex, apologies),
                                  offsetof(ty_judge_lex, politeness)};
    return judge_only(norm, n, offsetof(ty_judge_lex, other_option), side, 3);
}

/* See judge.h: each token is covered by the longest phrase of any table
 * (thanks before goodbyes, acknowledgements and politeness words). */
ty_judge_pleasantry ty_judge_pleasantry_of(const char *norm, size_t n) {
    ty_judge_pleasantry most = TY_JUDGE_PL_NONE;
    for (size_t i = 0; i < n;) {
        size_t best = 0;
        ty_judge_pleasantry kind = TY_JUDGE_PL_NONE;
        for (size_t t = 0; t < TY_JUDGE_NLEX; t++) {
            const ty_judge_lex *lex = judge_tables[t]();
            const char *const *lists[] = {lex->thanks, lex->farewells, lex->acks, lex->politeness};
            const ty_judge_pleasantry kinds[] = {TY_JUDGE_PL_THANKS, TY_JUDGE_PL_BYE, TY_JUDGE_PL_ACK, TY_JUDGE_PL_ACK};
            for (size_t l = 0; l < 4; l++) {
                size_t pn = judge_longest_at(norm, n, i, lists[l]);
                if (pn > best) {
                    best = pn;
                    kind = kinds[l];
                }
            }
        }
        /* a word addressing the reader after one: "cheers hen", "ta love" */
        if (!best && most != TY_JUDGE_PL_NONE) {
            best = judge_any_list_at(norm, n, i, offsetof(ty_judge_lex, vocatives));
            kind = most;
        }
        if (!best) return TY_JUDGE_PL_NONE;
        if (kind > most) most = kind;
        i += best + 1;
    }
    return most;
}

/* True when a phrase of the `which` list (0 change words, 1 booking
 * words, 2 same day, 3 same time, 4 another, 5 recap asks, 6 suppositions,
 * 7 meaning asks, 8 unhappy, 9 in touch, 10 urgent, 11 advice asks) of any
 * table occurs in norm. */
static bool judge_any_table_has(const char *norm, size_t n, int which) {
    for (size_t t = 0; t < TY_JUDGE_NLEX; t++) {
        const ty_judge_lex *lex = judge_tables[t]();
        const char *const *lists[] = {lex->change_words, lex->booking_words, lex->same_day, lex->same_time,
                                      lex->another, lex->recap_asks, lex->suppositions, lex->meaning_asks,
                                      lex->unhappy, lex->in_touch, lex->urgent, lex->advice_asks, lex->hedges, lex->requests};
        if (judge_in_range(norm, 0, n, lists[which])) return true;
    }
    return false;
}

void ty_judge_says_same(const char *norm, size_t n, bool *day, bool *time) {
    *day = norm && judge_any_table_has(norm, n, 2);
    *time = norm && judge_any_table_has(norm, n, 3);
}

bool ty_judge_asks_another(const char *norm, size_t n) { return norm && judge_any_table_has(norm, n, 4); }

bool ty_judge_has_after(const char *norm, size_t n, const char *const *leads, const char *const *list) {
    for (size_t i = 0; norm && leads && i < n; i++) {
        size_t k = judge_longest_at(norm, n, i, leads);
        if (k && i + k + 1 < n && judge_longest_at(norm, n, i + k + 1, list)) return true;
    }
    return false;
}

bool ty_judge_has_phrase(const char *norm, size_t n, const char *const *list) {
    return norm && judge_in_range(norm, 0, n, list);
}

bool ty_judge_asks_recap(const char *norm, size_t n) { return norm && judge_any_table_has(norm, n, 5); }

bool ty_judge_supposes(const char *norm, size_t n) { return norm && judge_any_table_has(norm, n, 6); }

bool ty_judge_asks_meaning(const char *norm, size_t n) { return norm && judge_any_table_has(norm, n, 7); }

/* True when the token at s[j] is a verb of service of lex in the past:
 * one of served_verbs, or a longer word that ends with one of
 * served_endings ("disteis", "mandaron"). */
static bool judge_served_verb(const ty_judge_lex *lex, const char *s, size_t n, size_t j) {
    size_t e = j;
    while (e < n && s[e] != ' ') e++;
    if (judge_longest_at(s, n, j, lex->served_verbs) == e - j) return true;
    for (const char *const *p = lex->served_endings; p && *p; p++) {
        size_t el = strlen(*p);
        if (e - j > el && memcmp(s + e - el, *p, el) == 0) return true;
    }
    return false;
}

/* True when s tells of a thing table t's words say we did for the
 * customer (judge.h: served_leads and a verb of service, or a phrase of
 * served_phrases). */
static bool judge_served(const ty_judge_lex *lex, const char *s, size_t n) {
    if (judge_in_range(s, 0, n, lex->served_phrases)) return true;
    for (size_t i = 0; lex->served_leads && i < n; i++) {
        size_t k = judge_longest_at(s, n, i, lex->served_leads), j = i + k + 1;
        if (!k || j >= n) continue;
        if (judge_served_verb(lex, s, n, j)) return true;
        size_t sk = judge_longest_at(s, n, j, lex->served_skips);
        if (sk && j + sk + 1 < n && judge_served_verb(lex, s, n, j + sk + 1)) return true;
    }
    return false;
}

/* True when s names another business than us in table t's words
 * (judge.h: elsewhere). */
static bool judge_elsewhere(const ty_judge_lex *lex, const char *s, size_t n) {
    if (judge_in_range(s, 0, n, lex->elsewhere)) return true;
    for (size_t i = 0; lex->elsewhere_heads && i < n; i++) {
        size_t k = judge_longest_at(s, n, i, lex->elsewhere_heads);
        if (k && i + k + 1 < n && !judge_longest_at(s, n, i + k + 1, lex->elsewhere_not)) return true;
    }
    return false;
}

bool ty_judge_unhappy(const char *norm, size_t n) {
    if (!norm) return false;
    if (judge_any_table_has(norm, n, 8)) return true;
    for (size_t t = 0; t < TY_JUDGE_NLEX; t++) {
        const ty_judge_lex *lex = judge_tables[t]();
        if (lex->defects && judge_in_range(norm, 0, n, lex->defects) && judge_served(lex, norm, n) &&
            !judge_elsewhere(lex, norm, n))
            return true;
    }
    return false;
}

bool ty_judge_asks_advice(const char *norm, size_t n) { return norm && judge_any_table_has(norm, n, 11); }

bool ty_judge_hedges(const char *norm, size_t n) { return norm && judge_any_table_has(norm, n, 12); }

bool ty_judge_requests(const char *norm, size_t n) { return norm && judge_any_table_has(norm, n, 13); }

bool ty_judge_small_talk(const char *norm, size_t n) {
    if (!norm) return false;
    bool chat = false; /* the openers first: most messages have none, and the rest is read only then */
    for (size_t t = 0; t < TY_JUDGE_NLEX && !chat; t++) {
        const ty_judge_lex *lex = judge_tables[t]();
        chat = judge_in_range(norm, 0, n, lex->chat_openers) && judge_in_range(norm, 0, n, lex->chat_events) &&
               !judge_in_range(norm, 0, n, lex->chat_pivots);
    }
    return chat && !judge_any_table_has(norm, n, 1) && !judge_any_table_has(norm, n, 13);
}

bool ty_judge_in_touch(const char *norm, size_t n) { return norm && judge_any_table_has(norm, n, 9); }

bool ty_judge_urgent(const char *norm, size_t n) { return norm && judge_any_table_has(norm, n, 10); }

bool ty_judge_asks_change(const char *norm, size_t n, bool detail) {
    return judge_any_table_has(norm, n, 0) && (detail || judge_any_table_has(norm, n, 1));
}

/* Bytes of the pictograph code point at p (left bytes there): a four-byte
 * one ("🐶", "😊"), one of U+2600-U+27BF ("☀", "✨"), a zero-width joiner or
 * a variation selector; 0 for anything else. */
static size_t judge_symbol_len(const unsigned char *p, size_t left) {
    if (p[0] >= 0xF0) return left >= 4 ? 4 : 0;
    if (left < 3) return 0;
    if (p[0] == 0xE2 && ((p[1] >= 0x98 && p[1] <= 0x9E) || (p[1] == 0x80 && p[2] == 0x8D))) return 3;
    return p[0] == 0xEF && p[1] == 0xB8 && p[2] == 0x8F ? 3 : 0;
}

/* Bytes of the word of pictographs at norm[at] ("🐶", "☀️"), 0 when it is
 * no such word. */
static size_t judge_symbols_at(const char *norm, size_t n, size_t at) {
    size_t i = at;
    while (i < n && norm[i] != ' ') {
        size_t k = judge_symbol_len((const unsigned char *)norm + i, n - i);
        if (!k) return 0;
        i += k;
    }
    return i - at;
}

/* Bytes of norm that greetings open it with, each with a word addressing
 * the reader after it ("hola bo") and pictographs ("hola buenas! 🐶"), the
 * whole text when it is only that. */
static size_t judge_greeting_span(const char *norm, size_t n) {
    size_t at = 0;
    for (bool more = true; more && at < n;) {
        more = false;
        size_t best = 0;
        for (size_t t = 0; t < TY_JUDGE_NLEX; t++) {
            size_t pn = judge_longest_at(norm, n, at, judge_tables[t]()->greetings);
            if (pn > best) best = pn;
        }
        if (best) {
            at += best + (at + best < n);
            more = true;
            size_t vn = 0; /* "hi mate", "hola bo" */
            for (size_t t = 0; t < TY_JUDGE_NLEX; t++) {
                size_t pn = judge_longest_at(norm, n, at, judge_tables[t]()->vocatives);
                if (pn > vn) vn = pn;
            }
            at += vn ? vn + (at + vn < n) : 0;
            for (size_t sn; at < n && (sn = judge_symbols_at(norm, n, at)) > 0;) at += sn + (at + sn < n);
        }
    }
    return at;
}

size_t ty_judge_greeting(const char *norm, size_t n) {
    size_t at = judge_greeting_span(norm, n);
    return at < n ? at : 0;
}

bool ty_judge_only_greeting(const char *norm, size_t n) { return n && judge_greeting_span(norm, n) >= n; }

bool ty_judge_habitual(const char *norm, size_t n, const char *own, size_t own_n) {
    for (size_t t = 0; t < TY_JUDGE_NLEX; t++)
        if (judge_in_range(norm, 0, n, judge_tables[t]()->habitual) ||
            (own && judge_in_range(own, 0, own_n, judge_tables[t]()->habit_days)))
            return true;
    return false;
}

bool ty_judge_no_longer(const char *norm, size_t n) {
    for (size_t t = 0; t < TY_JUDGE_NLEX; t++)
        if (judge_in_range(norm, 0, n, judge_tables[t]()->no_longer)) return true;
    return false;
}

/* Byte after the opener of any table at byte i (the longest, its length in
 * *k), or i with *k = 0. */
static size_t judge_skip_one_opener(const char *s, size_t n, size_t i, size_t *k) {
    *k = 0;
    for (size_t t = 0; i < n && t < TY_JUDGE_NLEX; t++) {
        size_t pn = judge_longest_at(s, n, i, judge_tables[t]()->openers);
        if (pn > *k) *k = pn;
    }
    return *k ? i + *k + (i + *k < n) : i;
}

/* Byte after the openers ("so", "oye, y") of any table from byte i. */
static size_t judge_skip_openers(const char *s, size_t n, size_t i) {
    for (size_t k = 1; k;) i = judge_skip_one_opener(s, n, i, &k);
    return i;
}

/* See judge.h. */
bool ty_judge_apologises(const char *norm, size_t n) {
    for (size_t i = 0, at = 1; at; i = judge_skip_one_opener(norm, n, i, &at)) /* "sorry" is an opener too */
        for (size_t t = 0; t < TY_JUDGE_NLEX; t++)
            if (judge_longest_at(norm, n, i, judge_tables[t]()->apologies)) return true;
    return false;
}

size_t ty_judge_opening(const char *norm, size_t n) {
    size_t i = judge_skip_openers(norm, n, judge_greeting_span(norm, n));
    return i < n ? i : n;
}

bool ty_judge_asks_back(const char *norm, size_t n, bool marked) {
    size_t i = ty_judge_opening(norm, n);
    if (i >= n) return false;
    bool wh = false;
    for (size_t t = 0; t < TY_JUDGE_NLEX; t++) {
        const ty_judge_lex *lex = judge_tables[t]();
        if (judge_longest_at(norm, n, i, lex->proposals)) return false;
        wh |= (marked || !lex->wh_needs_mark) && judge_longest_at(norm, n, i, lex->wh_words) > 0;
    }
    return wh;
}

char *ty_judge_squeeze(const char *norm, size_t n, ty_arena *arena, size_t *out_n, bool *oom) {
    *oom = false;
    *out_n = 0;
    bool held = false;
    for (size_t i = 2; i < n && !held; i++)
        held = ty_is_alpha((unsigned char)norm[i]) && norm[i] == norm[i - 1] && norm[i] == norm[i - 2];
    if (!held) return NULL;
    char *out = ty_arena_alloc(arena, n + 1);
    if (!out) {
        *oom = true;
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && norm[j] == norm[i]) j++;
        bool end = j == n || norm[j] == ' ';
        size_t keep = j - i >= 3 && ty_is_alpha((unsigned char)norm[i]) ? (end ? 1 : 2) : j - i;
        memset(out + k, norm[i], keep);
        k += keep;
        i = j;
    }
    out[k] = '\0';
    *out_n = k;
    return out;
}

/* The replacement of the token (or two tokens) norm[i..j) in lex, or NULL. */
static const char *judge_respelled(const ty_judge_lex *lex, const char *w, size_t wn) {
    for (const ty_judge_respell *r = lex->respell; r->from; r++)
        if ((wn == 0 || r->from[0] == w[0]) && strlen(r->from) == wn && memcmp(r->from, w, wn) == 0) return r->to;
    return NULL;
}

/* True when norm[0..n) is one of keep[0..nkeep). */
static bool judge_kept(const ty_judge_word *keep, size_t nkeep, const char *w, size_t n) {
    for (size_t k = 0; k < nkeep; k++)
        if (keep[k].n == n && memcmp(keep[k].s, w, n) == 0) return true;
    return false;
}

char *ty_judge_respell_text(const ty_judge_lex *lex, const char *norm, size_t n, const ty_judge_word *keep,
                            size_t nkeep, ty_arena *arena, size_t *out_n, bool *oom) {
    *oom = false;
    *out_n = 0;
    if (!lex || !lex->respell || !norm) return NULL;
    /* two passes over the tokens: measure, then write */
    size_t total = 0;
    bool changed = false;
    char *out = NULL;
    for (int pass = 0; pass < 2; pass++) {
        size_t k = 0;
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && norm[j] != ' ') j++;
            /* two tokens first: "2moro" is normalised to "2 moro" */
            size_t j2 = j + 1;
            while (j2 < n && norm[j2] != ' ') j2++;
            const char *to = j < n ? judge_respelled(lex, norm + i, j2 - i) : NULL;
            if (to) j = j2;
            else if (!judge_kept(keep, nkeep, norm + i, j - i)) to = judge_respelled(lex, norm + i, j - i);
            const char *w = to ? to : norm + i;
            size_t wn = to ? strlen(to) : j - i;
            changed |= to != NULL;
            if (out) {
                if (k) out[k] = ' ';
                memcpy(out + k + (k != 0), w, wn);
            }
            k += (k != 0) + wn;
            i = j + 1;
        }
        if (pass == 0) {
            if (!changed) return NULL;
            total = k;
            if (!(out = ty_arena_alloc(arena, total + 1))) {
                *oom = true;
                return NULL;
            }
        }
    }
    out[total] = '\0';
    *out_n = total;
    return out;
}
