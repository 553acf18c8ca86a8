/*
 * lint.c — the message linter (docs/playbook.md): ty_lint checks one outgoing
 * message against the micro-commitment method for a channel, and
 * ty_playbook_lint renders every template of a playbook with sample values
 * and lints each, then adds the playbook-level checks of lint_reach.c.
 * Severities and spans are documented at ty_lint and ty_playbook_lint in
 * tinyyes.h; docs/playbook.md ("Checking a playbook") explains each code to
 * the people who write playbooks. The codes:
 *
 *   TY001  open-ended closer ("let me know", "any questions?") instead of a next step
 *   TY002  no question and no clear action or stated next step
 *   TY003  more than two options in one ask
 *   TY004  more than one question in one message
 *   TY005  unreplaced placeholder ([topic], {{x}}) (error)
 *   TY006  too long or not scannable for the channel (error over a platform's hard limit)
 *   TY007  a link where the channel wants a summary first, or more than one link
 *   TY008  pressure or false urgency ("last chance", "act now") (error)
 *   TY101  a name the message may miss where it is sent: a slot not filled on every way
 *          there, {{question}} with nothing pending, a part the slot does not have (error)
 *   TY102  a name that is no slot: only the event's data can give it
 *   TY103  {{#options}} in a message sent where no options are offered
 *   TY104  a choice slot with more than three options (the method offers two)
 *   TY105  a step that never runs
 *   TY106  a flow that never starts
 *
 * TY002 and the turn: a message that is not the last of its turn needs no
 * ask of its own, because the customer reads the question that follows
 * it. So TY002 is not reported for a template whose every send is a
 * say-only step (no ask, no end) whose turn goes on to a question: the
 * step after it asks (its slot may still be empty), possibly after more
 * say-only steps or asks whose slot is certainly filled (skipped), on
 * every way on — the default playbook's recommendations ("For everyday
 * riding, a Tune-up ... is all a bike needs.") before "Would you like to
 * book that in?". Nor for the refusal messages (date_closed, time_passed,
 * ...) that "offer" or "offer_none" completes in the same message, nor for
 * "aside", "no_worries" and "clearer", which the pending question follows,
 * nor for "off_topic" in a playbook with a `fallback` (the pending question
 * or the fallback follows it). Sent
 * anywhere else too (an intent's say, an end step), the template is linted
 * as usual. lint_reach.c works out which templates qualify.
 *
 * Words live in per-locale tables (lint.h, lint_<code>.c); this file knows
 * shapes only: sentences (split at . ! ? … and their full-width forms, and
 * at line breaks, when followed by space or the end), tokens (text.c's
 * normalised tokens, which carry their spans in the original text),
 * phrases matched over tokens, commas and colons between tokens, links and
 * placeholders in the raw text. All offsets reported are code points.
 *
 * Heuristics, documented once:
 *  - TY002: a message passes when a sentence is a question, when a sentence
 *    opens (after softeners like "please", "just") with an action verb, or
 *    when an action phrase or a stated next step ("we'll text you") occurs.
 *  - TY003: in the sentence's last "or" list, the chunks between commas
 *    before "or" are items when they are short (at most 4 tokens) and the
 *    list is introduced: by a colon, by an introducer word ("would you
 *    like", "is it") in its first item or in the chunk before, or by being
 *    three or more chunks of at most 2 tokens ("Mon, Tue, Wed or Thu?").
 *    A comma after a greeting ("Great, is it A or B?") is not a list.
 *    Every other "or" in the list adds an item. Three distinct option
 *    markers ("A)", "b)", "3)", or "1." opening a line) are also three
 *    options.
 *  - TY006 guidance (our own, for scannable chat messages): at most 600
 *    characters on WhatsApp and Messenger, 500 on Instagram, 800 on
 *    Telegram and web chat, 2 segments on SMS; paragraphs of at most 300
 *    characters between line breaks (not SMS, where breaks cost).
 *  - TY007 links: http://, https://, www. and bare domains with a common
 *    top-level domain (example.com/x), never an e-mail address.
 */
#include "lint.h"

#include <stdio.h>

#include "civil.h"
#include "payload.h"
#include "playbook.h"
#include "show.h"
#include "text.h"

/* ===================================================================== *
 * Locales
 * ===================================================================== */

static const ty_lint_locale *const ln_locales[] = {&ty_lint_locale_en};

/* See lint.h: the language part of the code, ASCII case-insensitive. */
const ty_lint_locale *ty_lint_locale_find(const char *code, size_t len) {
    if (!code) return &ty_lint_locale_en;
    size_t base = 0;
    while (base < len && code[base] != '-' && code[base] != '_') base++;
    for (size_t i = 0; i < sizeof ln_locales / sizeof ln_locales[0]; i++) {
        const char *c = ln_locales[i]->code;
        size_t n = strlen(c), j = 0;
        if (n != base) continue;
        while (j < n && ty_lower((unsigned char)code[j]) == c[j]) j++;
        if (j == n) return ln_locales[i];
    }
    return &ty_lint_locale_en;
}

/* ===================================================================== *
 * Working state
 * ===================================================================== */

/* Our guidance per channel (ty_pb_channel order), see the header comment. */
static const struct {
    uint32_t soft_chars;     /* code points; 0: none */
    uint32_t paragraph;      /* code points between line breaks; 0: none */
    uint32_t sms_segments;   /* sms only */
    bool summarise_links;    /* any link is TY007 */
} ln_guide[TY_PB_CHANNEL_COUNT] = {
    [TY_PB_CHANNEL_WHATSAPP] = {600, 300, 0, true},
    [TY_PB_CHANNEL_MESSENGER] = {600, 300, 0, false},
    [TY_PB_CHANNEL_INSTAGRAM] = {500, 300, 0, false},
    [TY_PB_CHANNEL_TELEGRAM] = {800, 300, 0, true},
    [TY_PB_CHANNEL_WEBCHAT] = {800, 300, 0, false},
    [TY_PB_CHANNEL_SMS] = {0, 0, 2, true},
};

#define LN_SHORT_CHUNK 4 /* tokens: a list item between commas */
#define LN_QUOTE_MAX 60  /* bytes of the text quoted in a message */
#define LN_MAX_PER_CODE 100 /* findings of one code in one text */

typedef struct ln_find {
    const char *code;
    bool error;
    const char *msg; /* in the arena */
    size_t start, end;
    size_t seq;      /* creation order: a stable sort */
} ln_find;

typedef struct ln_sent {
    size_t b0, b1;   /* bytes, trailing space trimmed */
    size_t t0, t1;   /* tokens */
    bool question;
} ln_sent;

typedef struct ln_cx {
    const char *s;
    size_t n;
    int channel;
    const ty_lint_locale *loc;
    ty_arena *a;
    ty_tokens tk;
    uint32_t *tsent;  /* sentence of each token */
    uint8_t *gap;     /* punctuation before each token: LN_GAP_* bits */
    ln_sent *sent;
    size_t nsent, scap;
    ln_find *f;
    size_t nf, fcap;
    size_t cache_b, cache_cp; /* byte -> code point walk */
    size_t per_code[9];       /* findings so far by code number */
    int rc;
} ln_cx;

enum { LN_GAP_COMMA = 1, LN_GAP_COLON = 2 };

/* Grows an arena array (old copies die with the arena). */
static void *ln_grow(ln_cx *c, void *old, size_t used, size_t *cap, size_t elem) {
    if (used < *cap) return old;
    size_t nc = *cap ? *cap * 2 : 16, bytes;
    if (!ty_size_mul(nc, elem, &bytes)) return NULL;
    void *p = ty_arena_alloc(c->a, bytes);
    if (!p) return NULL;
    if (used) memcpy(p, old, used * elem);
    *cap = nc;
    return p;
}

/* Code point offset of byte offset b (a code point boundary), walking
 * from the last answer in either direction: the rules ask in order, so
 * the total walk stays linear. */
static size_t ln_cp(ln_cx *c, size_t b) {
    if (b >= c->cache_b) {
        for (size_t i = c->cache_b; i < b; i++)
            if (((unsigned char)c->s[i] & 0xC0) != 0x80) c->cache_cp++;
    } else if (b < c->cache_b - b) {
        c->cache_cp = 0;
        for (size_t i = 0; i < b; i++)
            if (((unsigned char)c->s[i] & 0xC0) != 0x80) c->cache_cp++;
    } else {
        for (size_t i = b; i < c->cache_b; i++)
            if (((unsigned char)c->s[i] & 0xC0) != 0x80) c->cache_cp--;
    }
    c->cache_b = b;
    return c->cache_cp;
}

static void ln_add(ln_cx *c, const char *code, bool error, size_t b0, size_t b1, const char *fmt, ...)
    TY_PRINTF(6, 7);

/* Records a finding over bytes [b0, b1) with a formatted message; past
 * LN_MAX_PER_CODE findings of one code the rest are left out. */
static void ln_add(ln_cx *c, const char *code, bool error, size_t b0, size_t b1, const char *fmt, ...) {
    if (c->rc) return;
    int num = code[4] - '0';
    if (num < 0 || num > 8 || c->per_code[num]++ >= LN_MAX_PER_CODE) return;
    char msg[TY_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    size_t k = ty_vformat(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ln_find *f = ln_grow(c, c->f, c->nf, &c->fcap, sizeof *c->f);
    char *m = ty_arena_dup(c->a, msg, k);
    if (!f || !m) {
        c->rc = TY_E_NOMEM;
        return;
    }
    c->f = f;
    ln_find *x = &c->f[c->nf];
    x->code = code;
    x->error = error;
    x->msg = m;
    x->start = ln_cp(c, b0);
    x->end = ln_cp(c, b1);
    x->seq = c->nf++;
}

/* A quotable slice of the text: at most LN_QUOTE_MAX bytes, cut at a code
 * point boundary; line breaks stop it. */
static int ln_quote_len(const char *s, size_t n) {
    size_t k = n < LN_QUOTE_MAX ? n : LN_QUOTE_MAX;
    while (k < n && k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
    const char *nl = memchr(s, '\n', k);
    if (nl) k = (size_t)(nl - s);
    return (int)k;
}

/* ===================================================================== *
 * Sentences and tokens
 * ===================================================================== */

static bool ln_terminator(int32_t cp, bool *question) {
    *question = cp == '?' || cp == 0xFF1F || cp == 0x061F;
    return *question || cp == '.' || cp == '!' || cp == 0x2026 || cp == 0x3002 || cp == 0xFF01;
}

/* Quotes and brackets that may follow a sentence's terminator. */
static bool ln_closing(int32_t cp) {
    return cp == '"' || cp == '\'' || cp == ')' || cp == 0x2019 || cp == 0x201D || cp == 0xBB;
}

/* Records sentence [b0, b1) (trailing space trimmed) in the arena. */
static void ln_sentence(ln_cx *c, size_t b0, size_t b1, bool q) {
    while (b1 > b0 && ty_is_space((unsigned char)c->s[b1 - 1])) b1--;
    if (b1 <= b0 || c->rc) return;
    ln_sent *p = ln_grow(c, c->sent, c->nsent, &c->scap, sizeof *c->sent);
    if (!p) {
        c->rc = TY_E_NOMEM;
        return;
    }
    c->sent = p;
    c->sent[c->nsent++] = (ln_sent){b0, b1, 0, 0, q};
}

/* Splits the text into sentences and maps tokens to them (arena). */
static int ln_split(ln_cx *c) {
    const char *s = c->s;
    size_t n = c->n, i = 0;
    size_t start = SIZE_MAX;
    while (i < n && !c->rc) {
        int32_t cp;
        int k = ty_utf8_decode(s, n, i, &cp);
        if (start == SIZE_MAX && !ty_is_space((unsigned char)s[i])) start = i;
        bool q;
        if (cp == '\n') {
            if (start != SIZE_MAX) ln_sentence(c, start, i, false);
            start = SIZE_MAX;
            i++;
            continue;
        }
        if (ln_terminator(cp, &q)) {
            size_t j = i + (size_t)k;
            while (j < n) {
                int32_t c2;
                int k2 = ty_utf8_decode(s, n, j, &c2);
                bool q2;
                if (ln_terminator(c2, &q2)) q = q || q2;
                else if (!ln_closing(c2)) break;
                j += (size_t)k2;
            }
            if (j == n || ty_is_space((unsigned char)s[j])) {
                if (start != SIZE_MAX) ln_sentence(c, start, j, q);
                start = SIZE_MAX;
            }
            i = j;
            continue;
        }
        i += (size_t)k;
    }
    if (start != SIZE_MAX) ln_sentence(c, start, n, false);
    if (c->rc) return c->rc;
    /* tokens -> sentences, and the punctuation between tokens */
    size_t nt = c->tk.ntok;
    c->tsent = ty_arena_alloc(c->a, (nt ? nt : 1) * sizeof *c->tsent);
    c->gap = ty_arena_alloc(c->a, nt ? nt : 1);
    if (!c->tsent || !c->gap) return c->rc = TY_E_NOMEM;
    size_t si = 0;
    for (size_t t = 0; t < nt; t++) {
        const ty_token *tok = &c->tk.tok[t];
        while (si + 1 < c->nsent && tok->b_start >= c->sent[si].b1) si++;
        c->tsent[t] = (uint32_t)si;
        uint8_t g = 0;
        size_t from = t ? c->tk.tok[t - 1].b_end : 0;
        for (size_t b = from; b < tok->b_start; b++) {
            if (s[b] == ',' || s[b] == ';') g |= LN_GAP_COMMA;
            if (s[b] == ':') g |= LN_GAP_COLON;
        }
        c->gap[t] = g;
    }
    for (size_t x = 0; x < c->nsent; x++) c->sent[x].t0 = c->sent[x].t1 = SIZE_MAX;
    for (size_t t = 0; t < nt; t++) {
        ln_sent *st = c->nsent ? &c->sent[c->tsent[t]] : NULL;
        if (!st) break;
        if (st->t0 == SIZE_MAX) st->t0 = t;
        st->t1 = t + 1;
    }
    for (size_t x = 0; x < c->nsent; x++)
        if (c->sent[x].t0 == SIZE_MAX) c->sent[x].t0 = c->sent[x].t1 = 0;
    return TY_OK;
}

/* Normalised bytes of token t. */
static const char *ln_tok(const ln_cx *c, size_t t, size_t *n) {
    *n = c->tk.tok[t].end - c->tk.tok[t].start;
    return c->tk.norm + c->tk.tok[t].start;
}

/* True when token t normalises to w. */
static bool ln_tok_is(const ln_cx *c, size_t t, const char *w, size_t wl) {
    size_t n;
    const char *s = ln_tok(c, t, &n);
    return n == wl && memcmp(s, w, wl) == 0;
}

/* Whether phrase p matches the tokens from i within one sentence; *end is
 * one past the last token matched. */
static bool ln_match(const ln_cx *c, const char *p, size_t i, size_t *end) {
    size_t k = i, nt = c->tk.ntok;
    uint32_t sent = c->tsent[i];
    const char *q = p;
    while (*q) {
        const char *w = q;
        while (*q && *q != ' ') q++;
        size_t wl = (size_t)(q - w);
        if (*q) q++;
        if (wl == 1 && w[0] == '$') {
            if (k < nt && c->tsent[k] == sent) return false;
            continue;
        }
        if (k >= nt || c->tsent[k] != sent) return false;
        if (wl == 1 && w[0] == '#') {
            if (c->tk.tok[k].kind != TY_TOK_NUM) return false;
        } else if (!ln_tok_is(c, k, w, wl)) {
            return false;
        }
        k++;
    }
    *end = k;
    return k > i;
}

/* The longest phrase of `list` matching at token i (0 when none). */
static size_t ln_longest(const ln_cx *c, const ty_lint_list *list, size_t i) {
    size_t best = 0, n0;
    const char *t0 = ln_tok(c, i, &n0);
    for (size_t p = 0; p < list->n; p++) {
        const char *ph = list->v[p];
        if (ph[0] != '#' && (n0 == 0 || ph[0] != t0[0])) continue;
        size_t end;
        if (ln_match(c, ph, i, &end) && end - i > best) best = end - i;
    }
    return best;
}

/* True when the token is one word of the list (a single-token entry). */
static bool ln_in(const ln_cx *c, const ty_lint_list *list, size_t t) {
    size_t n;
    const char *s = ln_tok(c, t, &n);
    for (size_t p = 0; p < list->n; p++)
        if (strlen(list->v[p]) == n && memcmp(list->v[p], s, n) == 0) return true;
    return false;
}

/* True when some phrase of list matches inside tokens [t0, t1). */
static bool ln_any_in(const ln_cx *c, const ty_lint_list *list, size_t t0, size_t t1) {
    for (size_t t = t0; t < t1; t++) {
        size_t l = ln_longest(c, list, t);
        if (l && t + l <= t1) return true;
    }
    return false;
}

/* ===================================================================== *
 * The rules
 * ===================================================================== */

/* TY001 and TY008: phrases. */
static void ln_phrases(ln_cx *c) {
    for (size_t i = 0; i < c->tk.ntok && !c->rc;) {
        size_t l = ln_longest(c, &c->loc->closers, i);
        bool pressure = false;
        if (!l) {
            l = ln_longest(c, &c->loc->pressure, i);
            pressure = l > 0;
            /* "no hurry", "no need to hurry": a negation up to 3 words before */
            for (size_t k = 1; pressure && k <= 3 && k <= i && c->tsent[i - k] == c->tsent[i]; k++)
                if (ln_in(c, &c->loc->negations, i - k)) l = 0, pressure = false;
        }
        if (!l) {
            i++;
            continue;
        }
        size_t b0 = c->tk.tok[i].b_start, b1 = c->tk.tok[i + l - 1].b_end;
        int ql = ln_quote_len(c->s + b0, b1 - b0);
        if (pressure)
            ln_add(c, "TY008", true, b0, b1,
                   "pressure or false urgency \"%.*s\": give a real reason or none; the customer's yes must be free",
                   ql, c->s + b0);
        else
            ln_add(c, "TY001", false, b0, b1,
                   "open-ended closer \"%.*s\": end with one clear next step (a question answerable in seconds, "
                   "or an action)",
                   ql, c->s + b0);
        i += l;
    }
}

/* TY002 and TY004: questions and actions. */
static void ln_asks(ln_cx *c) {
    size_t nq = 0, q2 = 0, qlast = 0;
    for (size_t x = 0; x < c->nsent; x++) {
        if (!c->sent[x].question) continue;
        if (++nq == 2) q2 = x;
        qlast = x;
    }
    if (nq >= 2)
        ln_add(c, "TY004", false, c->sent[q2].b0, c->sent[qlast].b1,
               "%zu questions in one message: ask one thing at a time", nq);
    if (nq) return;
    for (size_t x = 0; x < c->nsent; x++) {
        size_t t = c->sent[x].t0;
        while (t < c->sent[x].t1 && ln_in(c, &c->loc->softeners, t)) t++;
        if (t < c->sent[x].t1 && ln_in(c, &c->loc->action_verbs, t)) return;
    }
    if (ln_any_in(c, &c->loc->action_phrases, 0, c->tk.ntok)) return;
    size_t b0 = c->nsent ? c->sent[0].b0 : 0, b1 = c->nsent ? c->sent[c->nsent - 1].b1 : 0;
    ln_add(c, "TY002", false, b0, b1,
           "no question and no clear action: end with one ask the customer can answer in seconds, or say what to "
           "do next");
}

/* TY003 in one sentence: the options of its last "or" list. */
static void ln_or_list(ln_cx *c, const ln_sent *st) {
    size_t o = SIZE_MAX, extra = 0;
    for (size_t t = st->t0; t < st->t1; t++)
        if (ln_in(c, &c->loc->or_words, t)) o = t;
    if (o == SIZE_MAX || o == st->t0 || o + 1 >= st->t1) return;
    size_t start = st->t0;
    bool colon = false;
    for (size_t t = st->t0 + 1; t <= o; t++)
        if (c->gap[t] & LN_GAP_COLON) start = t, colon = true;
    /* chunks between commas in [start, o) */
    enum { LN_MAXCH = 64 }; /* the last 64 chunks are enough to read a list */
    size_t cs[LN_MAXCH], ce[LN_MAXCH], k = 0;
    size_t from = start;
    for (size_t t = start + 1; t <= o; t++) {
        if (t != o && !(c->gap[t] & LN_GAP_COMMA)) continue;
        if (t > from) {
            if (k == LN_MAXCH) {
                memmove(cs, cs + 1, (LN_MAXCH - 1) * sizeof cs[0]);
                memmove(ce, ce + 1, (LN_MAXCH - 1) * sizeof ce[0]);
                k--;
            }
            cs[k] = from;
            ce[k] = t;
            k++;
        }
        from = t;
    }
    for (size_t t = start; t < o; t++)
        if (ln_in(c, &c->loc->or_words, t)) extra++;
    size_t left = 1, first = k ? cs[0] : start;
    if (k >= 2) {
        size_t j = k; /* the run of short chunks is [j, k) */
        while (j > 0 && ce[j - 1] - cs[j - 1] <= LN_SHORT_CHUNK) j--;
        size_t m = SIZE_MAX;
        for (size_t x = j; x < k && m == SIZE_MAX; x++)
            if (ln_any_in(c, &c->loc->introducers, cs[x], ce[x])) m = x;
        bool tiny = k - j >= 3;
        for (size_t x = j; x < k && tiny; x++) tiny = ce[x] - cs[x] <= 2;
        if (m != SIZE_MAX) {
            /* "what day suits you, A or B": a lead-in, not an item */
            bool lead = ln_in(c, &c->loc->lead_enders, ce[m] - 1);
            left = k - m - (lead ? 1 : 0);
            /* a lead-in as the last chunk: the items start after it */
            first = !lead ? cs[m] : m + 1 < k ? cs[m + 1] : ce[m];
        } else if (j > 0 && ln_any_in(c, &c->loc->introducers, cs[j - 1], ce[j - 1])) {
            bool lead = ln_in(c, &c->loc->lead_enders, ce[j - 1] - 1);
            left = k - j + (lead ? 0 : 1);
            first = !lead ? cs[j - 1] : j < k ? cs[j] : ce[j - 1];
        } else if (j == 0 && (colon || tiny)) {
            left = k, first = cs[0];
        } else if (tiny) {
            left = k - j, first = cs[j];
        }
    }
    size_t items = left + 1 + extra;
    if (items <= 2) return;
    size_t b0 = c->tk.tok[first].b_start;
    ln_add(c, "TY003", false, b0, st->b1, "%zu options in one ask: offer two clear options", items);
}

/* TY003: three or more distinct option markers ("A)", "2)", "1." at a
 * line's start). */
static void ln_markers(ln_cx *c) {
    const char *s = c->s;
    size_t n = c->n, count = 0, first = 0, last = 0;
    uint64_t seen_letters = 0, seen_nums[2] = {0, 0};
    bool line_start = true; /* only spaces since the last line break */
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            char p = s[i - 1];
            if (p == '\n') line_start = true;
            else if (p != ' ' && p != '\t') line_start = false;
        }
        if (i > 0 && !ty_is_space((unsigned char)s[i - 1]) && s[i - 1] != '(') continue;
        size_t j = i;
        int kind = 0, val = 0;
        if (ty_is_alpha((unsigned char)s[i]) && i + 1 < n && s[i + 1] == ')') {
            kind = 1, val = ty_lower((unsigned char)s[i]) - 'a', j = i + 1;
        } else if (ty_is_digit((unsigned char)s[i])) {
            while (j < n && ty_is_digit((unsigned char)s[j]) && j - i < 2) val = val * 10 + (s[j++] - '0');
            if (j < n && (s[j] == ')' || (s[j] == '.' && line_start)) && j + 1 < n && s[j + 1] == ' ') kind = 2;
        }
        if (!kind) continue;
        bool fresh;
        if (kind == 1) {
            fresh = !(seen_letters >> val & 1);
            seen_letters |= 1ull << val;
        } else {
            fresh = !(seen_nums[val >> 6] >> (val & 63) & 1);
            seen_nums[val >> 6] |= 1ull << (val & 63);
        }
        if (!fresh) continue;
        if (!count) first = i;
        last = j + 1;
        count++;
    }
    if (count < 3) return;
    /* the span runs to the end of the last marker's sentence */
    size_t end = last;
    for (size_t x = 0; x < c->nsent; x++)
        if (c->sent[x].b0 <= last && last <= c->sent[x].b1) end = c->sent[x].b1;
    ln_add(c, "TY003", false, first, end, "%zu options in one ask: offer two clear options", count);
}

/* TY005: every placeholder the template guard would reject. */
static void ln_placeholders(ln_cx *c) {
    size_t off = 0;
    /* each search validates the rest of the text: stop at the cap */
    while (off < c->n && !c->rc && c->per_code[5] < LN_MAX_PER_CODE) {
        ty_error e;
        if (ty_guard_check(c->s + off, c->n - off, &e) != TY_E_GUARD) return;
        size_t at = off + e.offset, len = 2;
        const char *s = c->s;
        if (s[at] == '{') {
            for (size_t j = at + 2; j + 1 < c->n && j < at + 160 && s[j] != '\n'; j++)
                if (s[j] == '}' && s[j + 1] == '}') {
                    len = j + 2 - at;
                    break;
                }
        } else if (s[at] == '[') {
            const char *r = memchr(s + at, ']', c->n - at);
            len = r ? (size_t)(r - (s + at)) + 1 : 1;
        }
        ln_add(c, "TY005", true, at, at + len, "unreplaced placeholder \"%.*s\": never send a placeholder",
               ln_quote_len(s + at, len), s + at);
        off = at + len;
    }
}

/* TY006: length for the channel, and long unbroken paragraphs. */
static void ln_length(ln_cx *c) {
    const ty_channel_limits *L = ty_channel_limits_of(c->channel);
    const char *name = L->label;
    size_t cps = ln_cp(c, c->n);
    size_t b0 = c->nsent ? c->sent[0].b0 : 0, b1 = c->nsent ? c->sent[c->nsent - 1].b1 : 0;
    if (L->text_max) {
        size_t u = ty_text_units(c->s, c->n, L->text_unit);
        if (u > L->text_max) {
            ln_add(c, "TY006", true, b0, b1, "%zu %s: over the %s limit of %u", u,
                   L->text_unit == TY_UNIT_BYTES ? "bytes" : "characters", name, L->text_max);
            return;
        }
    }
    if (ln_guide[c->channel].sms_segments) {
        ty_sms_info info;
        ty_sms_measure(c->s, c->n, &info);
        if (info.segments > ln_guide[c->channel].sms_segments) {
            if (info.gsm) {
                ln_add(c, "TY006", false, b0, b1, "%zu SMS segments (GSM-7): keep a text to %u segments", info.segments,
                       ln_guide[c->channel].sms_segments);
            } else {
                size_t at = info.first_ucs2;
                int32_t cp;
                int k = ty_utf8_decode(c->s, c->n, at, &cp);
                ln_add(c, "TY006", false, b0, b1,
                       "%zu SMS segments (UCS-2, because of \"%.*s\"): keep a text to %u segments", info.segments, k,
                       c->s + at, ln_guide[c->channel].sms_segments);
            }
        }
    } else if (ln_guide[c->channel].soft_chars && cps > ln_guide[c->channel].soft_chars) {
        ln_add(c, "TY006", false, b0, b1, "%zu characters: keep a %s message under %u so it reads at a glance", cps,
               name, ln_guide[c->channel].soft_chars);
    }
    uint32_t para = ln_guide[c->channel].paragraph;
    if (!para) return;
    size_t start = 0;
    for (size_t i = 0; i <= c->n && !c->rc; i++) {
        if (i < c->n && c->s[i] != '\n') continue;
        size_t a = start, e = i;
        while (a < e && ty_is_space((unsigned char)c->s[a])) a++;
        while (e > a && ty_is_space((unsigned char)c->s[e - 1])) e--;
        size_t ca = ln_cp(c, a);
        size_t len = ln_cp(c, e) - ca;
        if (len > para)
            ln_add(c, "TY006", false, a, e, "a paragraph of %zu characters without a line break: keep paragraphs "
                   "under %u", len, para);
        start = i + 1;
    }
}

/* Common top-level domains for links written without http:// or www. */
static const char *const ln_tlds[] = {
    "com", "net", "org", "io", "co", "uk", "us", "de", "fr", "es", "it", "nl", "eu", "ca", "au", "app", "dev",
    "shop", "store", "info", "biz", "me", "ly", "gl", "be", "ch", "at", "se", "no", "dk", "fi", "ie", "pt",
    "br", "mx", "in", "jp", "ai", "tv", "online", "site", "link", "page",
};

/* True when s starts with the lowercase ASCII literal, any case. */
static bool ln_ieq(const char *s, size_t n, const char *lit) {
    size_t m = strlen(lit);
    if (n < m) return false;
    for (size_t i = 0; i < m; i++)
        if (ty_lower((unsigned char)s[i]) != lit[i]) return false;
    return true;
}

static bool ln_label_char(char ch) { return ty_is_alpha((unsigned char)ch) || ty_is_digit((unsigned char)ch) || ch == '-'; }

/* Length of a bare domain at s (example.com, a.b.co.uk), 0 when none. */
static size_t ln_domain(const char *s, size_t n) {
    size_t i = 0, labels = 0, last = 0, last_len = 0;
    for (;;) {
        size_t a = i;
        while (i < n && ln_label_char(s[i])) i++;
        if (i == a) return 0;
        labels++;
        last = a;
        last_len = i - a;
        if (i + 1 < n && s[i] == '.' && ln_label_char(s[i + 1])) {
            i++;
            continue;
        }
        break;
    }
    if (labels < 2) return 0;
    if (i < n && (ty_is_alpha((unsigned char)s[i]) || s[i] == '@' || s[i] == '_')) return 0;
    for (size_t t = 0; t < sizeof ln_tlds / sizeof ln_tlds[0]; t++)
        if (strlen(ln_tlds[t]) == last_len && ln_ieq(s + last, last_len, ln_tlds[t])) return i;
    return 0;
}

/* TY007: links. */
static void ln_links(ln_cx *c) {
    const char *s = c->s;
    size_t n = c->n, count = 0;
    bool summarise = ln_guide[c->channel].summarise_links;
    const char *name = ty_channel_limits_of(c->channel)->label;
    for (size_t i = 0; i < n && !c->rc; i++) {
        if (i > 0 && !ty_is_space((unsigned char)s[i - 1]) && !(s[i - 1] && strchr("(<[\"'", s[i - 1]))) continue;
        size_t e;
        if (ln_ieq(s + i, n - i, "http://") || ln_ieq(s + i, n - i, "https://") || ln_ieq(s + i, n - i, "www.")) {
            e = i + 4;
        } else {
            size_t d = ln_domain(s + i, n - i);
            if (!d) continue;
            e = i + d;
        }
        while (e < n && !ty_is_space((unsigned char)s[e]) && s[e] != '<' && s[e] != '>' && s[e] != '"') e++;
        while (e > i && s[e - 1] && strchr(".,;:!?)'", s[e - 1])) e--;
        while (e > i + 3 && (unsigned char)s[e - 1] >= 0x80) { /* closing typographic quotes */
            size_t b = e - 1;
            while (b > i && ((unsigned char)s[b] & 0xC0) == 0x80) b--;
            int32_t cp;
            ty_utf8_decode(s, n, b, &cp);
            if (cp != 0x2019 && cp != 0x201D && cp != 0xBB) break;
            e = b;
        }
        count++;
        int ql = ln_quote_len(s + i, e - i);
        if (summarise)
            ln_add(c, "TY007", false, i, e,
                   "link \"%.*s\" on %s: summarise the key point in the message first and offer the link as the "
                   "next step",
                   ql, s + i, name);
        else if (count > 1)
            ln_add(c, "TY007", false, i, e, "more than one link (\"%.*s\"): keep one link per message", ql, s + i);
        i = e > i ? e - 1 : i;
    }
}

/* Orders findings by start, then code, then creation. */
static int ln_cmp(const void *x, const void *y) {
    const ln_find *a = x, *b = y;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    int k = strcmp(a->code, b->code);
    if (k) return k;
    return a->seq < b->seq ? -1 : a->seq > b->seq ? 1 : 0;
}

/* Runs every rule over valid UTF-8 s[0..n) for a channel; findings land in
 * c->f (sorted), memory in c->a. */
static int ln_run(ln_cx *c) {
    if (ty_text_tokenize(c->s, c->n, c->a, &c->tk)) return TY_E_NOMEM;
    if (ln_split(c)) return c->rc;
    ln_phrases(c);
    ln_asks(c);
    if (!c->rc) ln_markers(c);
    for (size_t x = 0; x < c->nsent && !c->rc && !c->per_code[3]; x++) ln_or_list(c, &c->sent[x]);
    if (!c->rc) ln_placeholders(c);
    if (!c->rc) ln_length(c);
    if (!c->rc) ln_links(c);
    if (c->rc) return c->rc;
    if (c->nf > 1) qsort(c->f, c->nf, sizeof *c->f, ln_cmp);
    return TY_OK;
}

/* ===================================================================== *
 * Output
 * ===================================================================== */

/* The playbook keys of a finding about a template's text: `pre` in
 * ln_emit. */
typedef struct ln_pre {
    const char *tmpl;
    size_t tmpl_len;
    long variant;        /* -1: null */
    const char *channel; /* NULL: null */
    const char *path;    /* the text's JSON path */
    const char *skip;    /* a code left out (TY002 waived), or NULL */
} ln_pre;

#define LN_PUT(k, v)                                                                   \
    do {                                                                               \
        ty_value *v_ = (v);                                                            \
        if (!rc && (!v_ || ty_map_put(d, m, k, strlen(k), v_))) rc = TY_E_NOMEM;      \
    } while (0)

/* Puts the keys every playbook finding starts with into m. */
static int ln_put_where(ty_doc *d, ty_value *m, const ln_pre *pre) {
    int rc = 0;
    LN_PUT("template", pre->tmpl ? ty_val_string(d, pre->tmpl, pre->tmpl_len) : ty_val_null(d));
    LN_PUT("variant", pre->variant < 0 ? ty_val_null(d) : ty_val_number(d, (double)pre->variant));
    LN_PUT("channel", pre->channel ? ty_val_string(d, pre->channel, strlen(pre->channel)) : ty_val_null(d));
    return rc;
}

/* Appends finding f as a map to list (values live in d); `pre` (NULL for
 * ty_lint) supplies the playbook keys: template, variant and channel
 * first, path last. */
static int ln_emit(ty_doc *d, ty_value *list, const ln_find *f, const ln_pre *pre) {
    if (pre && pre->skip && strcmp(pre->skip, f->code) == 0) return TY_OK;
    ty_value *m = ty_val_map(d);
    if (!m) return TY_E_NOMEM;
    int rc = pre ? ln_put_where(d, m, pre) : 0;
    LN_PUT("code", ty_val_string(d, f->code, 5));
    LN_PUT("severity", ty_val_string(d, f->error ? "error" : "warning", f->error ? 5 : 7));
    LN_PUT("message", ty_val_string(d, f->msg, strlen(f->msg)));
    LN_PUT("start", ty_val_number(d, (double)f->start));
    LN_PUT("end", ty_val_number(d, (double)f->end));
    if (pre) LN_PUT("path", ty_val_string(d, pre->path, strlen(pre->path)));
    if (!rc && ty_list_push(d, list, m)) rc = TY_E_NOMEM;
    return rc;
}

/* Appends a playbook-level note (lint_reach.c) as a finding; `pre` gives
 * its template, variant and channel (template NULL when it is about no
 * template's text). */
static int ln_emit_note(ty_doc *d, ty_value *list, const ty_lint_note *x, const ln_pre *pre) {
    ty_value *m = ty_val_map(d);
    if (!m) return TY_E_NOMEM;
    int rc = ln_put_where(d, m, pre);
    LN_PUT("code", ty_val_string(d, x->code, strlen(x->code)));
    LN_PUT("severity", ty_val_string(d, x->error ? "error" : "warning", x->error ? 5 : 7));
    LN_PUT("message", ty_val_string(d, x->msg, strlen(x->msg)));
    LN_PUT("start", x->span ? ty_val_number(d, (double)x->start) : ty_val_null(d));
    LN_PUT("end", x->span ? ty_val_number(d, (double)x->end) : ty_val_null(d));
    LN_PUT("path", ty_val_string(d, x->path, strlen(x->path)));
    if (!rc && ty_list_push(d, list, m)) rc = TY_E_NOMEM;
    return rc;
}

#undef LN_PUT

/* Lints s for channel into list (with `pre` keys); alloc for scratch. */
static int ln_lint_into(const char *s, size_t n, int channel, const ty_lint_locale *loc, const ty_alloc *alloc,
                        ty_doc *d, ty_value *list, const ln_pre *pre) {
    ty_arena a;
    ty_arena_init(&a, alloc);
    ln_cx c;
    memset(&c, 0, sizeof c);
    c.s = s ? s : "";
    c.n = n;
    c.channel = channel;
    c.loc = loc;
    c.a = &a;
    int rc = ln_run(&c);
    for (size_t i = 0; !rc && i < c.nf; i++) rc = ln_emit(d, list, &c.f[i], pre);
    ty_arena_free(&a);
    return rc;
}

/* The channel for a name (NULL/empty: webchat); -1 with err set. */
static int ln_channel(const char *channel, size_t len, ty_error *err) {
    if (!channel || !len) return TY_PB_CHANNEL_WEBCHAT;
    return ty_pb_channel_arg(channel, len, err);
}

/* Returns a new doc (a list of findings) the caller frees with ty_doc_free. */
ty_doc *ty_lint(const char *text, size_t len, const char *channel, size_t channel_len, const char *locale,
                size_t locale_len, ty_error *err) {
    ty_err_clear(err);
    int ch = ln_channel(channel, channel_len, err);
    if (ch < 0) return NULL;
    if (!text && len) {
        ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "text is NULL");
        return NULL;
    }
    if (ty_text_input(text, len, TY_LINT_MAX_BYTES, false, TY_DOMAIN_NONE, "text", err)) return NULL;
    const ty_lint_locale *loc = ty_lint_locale_find(locale, locale ? locale_len : 0);
    ty_doc *d = ty_doc_new(NULL);
    ty_value *list = d ? ty_val_list(d) : NULL;
    if (!list || ln_lint_into(text, len, ch, loc, NULL, d, list, NULL)) {
        ty_doc_free(d);
        ty_err_nomem(err, TY_DOMAIN_NONE);
        return NULL;
    }
    ty_doc_set_root(d, list);
    return d;
}

/* ===================================================================== *
 * Playbooks: every template rendered with samples
 * ===================================================================== */

/* LNR_SHOWN: a slot sample as ty_show_value shows it (renders as "text"). */
enum { LNR_ROOT = 0, LNR_VALUE, LNR_CHOICE, LNR_ANY, LNR_SHOWN };

/* {{question}} (the pending ask in short) as lint samples it: a question. */
static const char lnr_question[] = "Which one suits you?";

typedef struct lnr_ref {
    int tag;
    const ty_value *v;
} lnr_ref;

typedef struct lnr_cx {
    const ty_playbook *pb;
    ty_arena *a;               /* refs */
    const ty_value *const *slot_sample; /* [nslots] */
    const ty_value *options;   /* the `options` list for this render */
    const ty_value *question;  /* the {{question}} sample */
    lnr_ref root;
} lnr_cx;

/* A ref in the render's arena; NULL on OOM. */
static const lnr_ref *lnr_new(lnr_cx *r, int tag, const ty_value *v) {
    lnr_ref *f = ty_arena_alloc(r->a, sizeof *f);
    if (f) f->tag = tag, f->v = v;
    return f;
}

/* The sample data view (ty_data_ops): roots answer every name. */
static int lnr_kind(void *ctx, ty_ref v) {
    (void)ctx;
    const lnr_ref *f = v;
    return f->tag == LNR_VALUE ? (int)ty_value_kind(f->v) : TY_MAP; /* ROOT, CHOICE, ANY, SHOWN */
}

static int lnr_get(void *ctx, ty_ref map, const char *key, size_t len, ty_ref *out) {
    lnr_cx *r = ctx;
    const lnr_ref *f = map, *n = NULL;
    if (f->tag == LNR_ROOT) {
        int32_t si;
        if (len == 7 && memcmp(key, "options", 7) == 0) {
            n = lnr_new(r, LNR_VALUE, r->options);
        } else if ((si = ty_pb_slot_find(r->pb, key, len)) >= 0) {
            int type = r->pb->slots[si].type;
            bool shown = type == TY_SLOT_DATE || type == TY_SLOT_TIME || type == TY_SLOT_MONEY || type == TY_SLOT_NUMBER;
            n = lnr_new(r, type == TY_SLOT_CHOICE ? LNR_CHOICE : shown ? LNR_SHOWN : LNR_VALUE, r->slot_sample[si]);
        } else if (len == 8 && memcmp(key, "question", 8) == 0) {
            n = lnr_new(r, LNR_VALUE, r->question);
        } else {
            n = lnr_new(r, LNR_ANY, NULL);
        }
    } else if (f->tag == LNR_ANY) {
        n = lnr_new(r, LNR_ANY, NULL);
    } else {
        const ty_value *v = ty_value_get(f->v, key, len);
        if (!v) return 0;
        n = lnr_new(r, LNR_VALUE, v);
    }
    if (!n) return TY_E_NOMEM;
    *out = n;
    return 1;
}

static int lnr_count(void *ctx, ty_ref list, size_t *n) {
    (void)ctx;
    const lnr_ref *f = list;
    *n = f->tag == LNR_VALUE ? ty_value_count(f->v) : 0;
    return TY_OK;
}

static int lnr_item(void *ctx, ty_ref list, size_t i, ty_ref *out) {
    const lnr_ref *f = list;
    const ty_value *v = f->tag == LNR_VALUE ? ty_value_item(f->v, i) : NULL;
    if (!v) return TY_E_ARG;
    const lnr_ref *n = lnr_new(ctx, LNR_VALUE, v);
    if (!n) return TY_E_NOMEM;
    *out = n;
    return TY_OK;
}

static int lnr_string(void *ctx, ty_ref v, const char **s, size_t *len) {
    (void)ctx;
    const lnr_ref *f = v;
    *s = f->tag == LNR_VALUE ? ty_value_string(f->v, len) : NULL;
    if (!*s) {
        *s = "sample";
        *len = 6;
    }
    return TY_OK;
}

static int lnr_number(void *ctx, ty_ref v, double *out) {
    (void)ctx;
    *out = ty_value_number(((const lnr_ref *)v)->v);
    return TY_OK;
}

static int lnr_text(void *ctx, ty_ref v, const char **s, size_t *len) {
    (void)ctx;
    const lnr_ref *f = v;
    if (f->tag == LNR_ANY) {
        *s = "sample";
        *len = 6;
        return 1;
    }
    if (f->tag == LNR_CHOICE || f->tag == LNR_SHOWN) {
        *s = ty_value_string(ty_value_get(f->v, f->tag == LNR_CHOICE ? "title" : "text", f->tag == LNR_CHOICE ? 5 : 4),
                             len);
        return *s ? 1 : 0;
    }
    return 0;
}

static const ty_data_ops lnr_ops = {lnr_kind, lnr_get, lnr_count, lnr_item, lnr_string, lnr_number, NULL, lnr_text};

/* Builds `[{id, title, letter, index, first, last}]` for opts in d. */
static ty_value *lnr_options(ty_doc *d, const ty_option *opts, size_t n) {
    static const char *const samples[2] = {"Option A", "Option B"};
    size_t count = opts ? n : 2;
    ty_value *list = ty_val_list(d);
    for (size_t i = 0; list && i < count; i++) {
        const char *id = opts ? opts[i].id : (i ? "option_b" : "option_a");
        size_t idn = opts ? opts[i].id_len : 8;
        const char *title = opts ? opts[i].title : samples[i];
        size_t tn = opts ? opts[i].title_len : 8;
        char letter[24];
        if (i < 26) letter[0] = (char)('A' + i), letter[1] = '\0';
        else snprintf(letter, sizeof letter, "%zu", i + 1);
        ty_value *m = ty_val_map(d);
        ty_value *vs[6] = {ty_val_string(d, id, idn), ty_val_string(d, title, tn),
                           ty_val_string(d, letter, strlen(letter)), ty_val_number(d, (double)(i + 1)),
                           ty_val_bool(d, i == 0), ty_val_bool(d, i + 1 == count)};
        static const char *const keys[6] = {"id", "title", "letter", "index", "first", "last"};
        if (!m || ty_list_push(d, list, m)) return NULL;
        for (int k = 0; k < 6; k++)
            if (!vs[k] || ty_map_put(d, m, keys[k], strlen(keys[k]), vs[k])) return NULL;
    }
    return list;
}

/* A sample value for each slot, by type. */
static ty_value *lnr_sample(ty_doc *d, const ty_slot *slot) {
    switch (slot->type) {
    case TY_SLOT_CHOICE: {
        ty_value *m = ty_val_map(d);
        const char *id = slot->noptions ? slot->options[0].id : "option_a";
        size_t idn = slot->noptions ? slot->options[0].id_len : 8;
        const char *title = slot->noptions ? slot->options[0].title : "Option A";
        size_t tn = slot->noptions ? slot->options[0].title_len : 8;
        ty_value *a = ty_val_string(d, id, idn), *b = ty_val_string(d, title, tn);
        if (!m || !a || !b || ty_map_put(d, m, "id", 2, a) || ty_map_put(d, m, "title", 5, b)) return NULL;
        return m;
    }
    case TY_SLOT_YESNO: return ty_val_string(d, "yes", 3);
    case TY_SLOT_DATE: return ty_val_string(d, "2026-11-24", 10);
    case TY_SLOT_TIME: return ty_val_string(d, "15:00", 5);
    case TY_SLOT_NUMBER: return ty_val_number(d, 2);
    case TY_SLOT_MONEY: {
        ty_value *m = ty_val_map(d), *a = ty_val_number(d, 50), *cur = ty_val_string(d, "USD", 3);
        if (!m || !a || !cur || ty_map_put(d, m, "amount", 6, a) || ty_map_put(d, m, "currency", 8, cur)) return NULL;
        return m;
    }
    case TY_SLOT_EMAIL: return ty_val_string(d, "name@example.com", 16);
    case TY_SLOT_PHONE: return ty_val_string(d, "+15550100", 9);
    default: return ty_val_string(d, "sample", 6);
    }
}

typedef struct lnp_cx {
    const ty_playbook *pb;
    ty_error *err;
    ty_doc *out;
    ty_value *list;
    ty_doc *tmp;
    const ty_value **samples;   /* shown as ty_show_value shows them, where it does */
    const ty_value *sample_options;
    const ty_value *question;
    const ty_lint_locale *loc;
    ty_buf buf;
    ty_lint_reach reach;        /* the playbook-level checks (lint_reach.c) */
    int channel;                /* the channel linted */
} lnp_cx;

/* See lint.h. */
void ty_lint_template_path(const struct ty_pb_template *t, long variant, int channel, char *out, size_t cap) {
    int k;
    if (variant >= 0) k = snprintf(out, cap, "templates.%s.variants[%ld]", t->name, variant);
    else if (channel >= 0) k = snprintf(out, cap, "templates.%s.channels.%s", t->name, ty_pb_channel_name(channel));
    else k = snprintf(out, cap, t->object ? "templates.%s.text" : "templates.%s", t->name);
    if (k < 0 && cap) out[0] = '\0';
}

/* Appends the notes about one text of template ti (variant, or a channel
 * text when text_channel >= 0): the names it reads, its options. */
static int lnp_notes(lnp_cx *p, int32_t ti, long variant, int text_channel) {
    const ty_pb_template *t = ti >= 0 ? &p->pb->templates[ti] : NULL;
    for (size_t i = 0; i < p->reach.nnotes; i++) {
        const ty_lint_note *x = &p->reach.notes[i];
        if (x->tmpl != ti || (t && (x->variant != variant || x->channel != text_channel))) continue;
        int ch = text_channel >= 0 ? text_channel : p->channel;
        ln_pre pre = {t ? t->name : NULL, t ? t->name_len : 0, x->variant, t ? ty_pb_channel_name(ch) : NULL,
                      x->path, NULL};
        if (ln_emit_note(p->out, p->list, x, &pre)) return ty_err_nomem(p->err, TY_DOMAIN_NONE);
    }
    return TY_OK;
}

/* Renders one source of template ti (variant -1 for the main text;
 * text_channel -1 unless it is that channel's text) and lints it for
 * channel, then adds the playbook-level notes about it. options NULL: the
 * text is never sent on channel (the template has its own text for it),
 * only the notes are added. */
static int lnp_one(lnp_cx *p, size_t ti, long variant, int text_channel, const char *src, size_t n, int channel,
                   const ty_value *options) {
    const ty_pb_template *t = &p->pb->templates[ti];
    if (!options) return lnp_notes(p, (int32_t)ti, variant, text_channel);
    ty_template_opts o;
    memset(&o, 0, sizeof o);
    o.lenient = 1;
    o.no_guard = 1;
    ty_error te;
    ty_template *tpl = ty_pb_compile_text(p->pb, src, n, &o, &te);
    if (!tpl) {
        if (te.code == TY_E_NOMEM) return ty_err_nomem(p->err, TY_DOMAIN_TEMPLATE);
        ty_err_path(p->err, "templates.%s", t->name);
        return ty_err_set(p->err, TY_DOMAIN_TEMPLATE, te.code, "templates.%s: %s", t->name, te.message);
    }
    ty_arena refs;
    ty_arena_init(&refs, p->pb->alloc);
    lnr_cx r;
    r.pb = p->pb;
    r.a = &refs;
    r.slot_sample = p->samples;
    r.options = options;
    r.question = p->question;
    r.root.tag = LNR_ROOT;
    r.root.v = NULL;
    ty_data data = {&lnr_ops, &r, &r.root};
    p->buf.len = 0;
    int rc = ty_template_render(tpl, &data, &p->buf, &te);
    ty_template_free(tpl);
    ty_arena_free(&refs);
    if (rc) {
        if (rc == TY_E_NOMEM) return ty_err_nomem(p->err, TY_DOMAIN_TEMPLATE);
        ty_err_path(p->err, "templates.%s", t->name);
        return ty_err_set(p->err, TY_DOMAIN_TEMPLATE, rc, "templates.%s: %s", t->name, te.message);
    }
    char path[TY_PB_MAX_NAME * 2 + 64];
    ty_lint_template_path(t, variant, text_channel, path, sizeof path);
    ln_pre pre = {t->name, t->name_len, variant, ty_pb_channel_name(channel), path,
                  p->reach.asks_next[ti] ? "TY002" : NULL};
    /* a render of lenient data is valid UTF-8 unless a value was not: ours are */
    rc = ln_lint_into(p->buf.ptr, p->buf.len, channel, p->loc, p->pb->alloc, p->out, p->list, &pre);
    if (rc) return ty_err_nomem(p->err, TY_DOMAIN_NONE);
    return lnp_notes(p, (int32_t)ti, variant, text_channel);
}

/* Lints every template text, variant and channel text of p->pb, then adds
 * the notes about slots, flows and steps. */
static int lnp_all(lnp_cx *p, int channel) {
    const ty_playbook *pb = p->pb;
    size_t bytes;
    if (ty_lint_reach_run(pb, ty_doc_arena(p->tmp), &p->reach)) return ty_err_nomem(p->err, TY_DOMAIN_NONE);
    p->channel = channel;
    if (!ty_size_mul(pb->nslots ? pb->nslots : 1, sizeof *p->samples, &bytes) ||
        !(p->samples = ty_arena_alloc(ty_doc_arena(p->tmp), bytes)))
        return ty_err_nomem(p->err, TY_DOMAIN_NONE);
    /* samples are shown as on the day before the sample date */
    ty_show_cx sx = {pb->words, ty_civil_days(2026, 11, 23), true, pb->clock};
    for (size_t i = 0; i < pb->nslots; i++) {
        if (!(p->samples[i] = lnr_sample(p->tmp, &pb->slots[i]))) return ty_err_nomem(p->err, TY_DOMAIN_NONE);
        int rc;
        const ty_value *shown = ty_show_value(&sx, pb->slots[i].type, p->samples[i], p->tmp, &p->buf, &rc);
        if (rc) return ty_err_nomem(p->err, TY_DOMAIN_NONE);
        if (shown) p->samples[i] = shown;
    }
    if (!(p->question = ty_val_string(p->tmp, lnr_question, sizeof lnr_question - 1)))
        return ty_err_nomem(p->err, TY_DOMAIN_NONE);
    if (!(p->sample_options = lnr_options(p->tmp, NULL, 0))) return ty_err_nomem(p->err, TY_DOMAIN_NONE);
    for (size_t ti = 0; ti < pb->ntemplates; ti++) {
        const ty_pb_template *t = &pb->templates[ti];
        /* the options this template asks with: the first step that says it
         * with a choice ask of static options */
        const ty_value *options = p->sample_options;
        for (size_t f = 0; f < pb->nflows && options == p->sample_options; f++)
            for (size_t s = 0; s < pb->flows[f].nsteps; s++) {
                const ty_pb_step *st = &pb->flows[f].steps[s];
                if (st->say != (int32_t)ti || st->ask < 0) continue;
                const ty_slot *slot = &pb->slots[st->ask];
                if (slot->type != TY_SLOT_CHOICE || !slot->noptions) continue;
                if (!(options = lnr_options(p->tmp, slot->options, slot->noptions)))
                    return ty_err_nomem(p->err, TY_DOMAIN_NONE);
                break;
            }
        /* on a channel with its own text, the text and variants are never sent */
        const ty_value *sent = t->channel_sources[channel] ? NULL : options;
        int rc = lnp_one(p, ti, -1, -1, t->source, t->source_len, channel, sent);
        for (size_t v = 0; !rc && v < t->nvariants; v++)
            rc = lnp_one(p, ti, (long)v, -1, t->variant_sources[v], t->variant_source_lens[v], channel, sent);
        for (int k = 0; !rc && k < TY_PB_CHANNEL_COUNT; k++)
            if (t->channel_sources[k])
                rc = lnp_one(p, ti, -1, k, t->channel_sources[k], t->channel_source_lens[k], k, options);
        if (rc) return rc;
    }
    return lnp_notes(p, -1, -1, -1);
}

/* Returns a new doc (a list of findings) the caller frees with ty_doc_free. */
ty_doc *ty_playbook_lint(const ty_playbook *pb, const char *channel, size_t channel_len, ty_error *err) {
    ty_err_clear(err);
    if (!pb) {
        ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "playbook is required");
        return NULL;
    }
    int ch = ln_channel(channel, channel_len, err);
    if (ch < 0) return NULL;
    lnp_cx p;
    memset(&p, 0, sizeof p);
    p.pb = pb;
    p.err = err;
    p.loc = ty_lint_locale_find(pb->locale_code, pb->locale_code ? pb->locale_code_len : 0);
    ty_buf_init(&p.buf, pb->alloc);
    p.out = ty_doc_new(pb->alloc);
    p.tmp = ty_doc_new(pb->alloc);
    p.list = p.out ? ty_val_list(p.out) : NULL;
    int rc = p.list && p.tmp ? lnp_all(&p, ch) : ty_err_nomem(err, TY_DOMAIN_NONE);
    ty_buf_free(&p.buf);
    ty_doc_free(p.tmp);
    if (rc) {
        ty_doc_free(p.out);
        return NULL;
    }
    ty_doc_set_root(p.out, p.list);
    return p.out;
}

#undef LN_SHORT_CHUNK
#undef LN_QUOTE_MAX
#undef LN_MAX_PER_CODE
