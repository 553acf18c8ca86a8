/*
 * audit.c — where momentum died in past chats (docs/audit.md): the
 * business's side, each conversation's findings and where it stopped,
 * and the totals. The messages come from audit_import.c.
 *
 * A business message is read with lint (TY001 open closer, TY002 no next
 * step, TY003 more than two options, TY004 several questions, TY008
 * pressure) and by the moment it is: the first reply, a price, a
 * recommendation, a booking, a follow-up, a permission close, the answer
 * to "I need to think" or to a request for a person, else a clarifying
 * turn. A customer message is read for a question, "I'll think about it"
 * and a request for a person (the judge's). The findings:
 *   open_closer, no_next_step, price_no_next_step  the business's last
 *       message leaves no next step and nothing came after it but the
 *       customer's "ok" (no next step counts only when nothing was booked);
 *   too_many_options, several_questions, pressure  any business message;
 *   late_answer  a customer question answered after more than late_after
 *       seconds of opening hours;
 *   unanswered_question  a customer question no business message followed;
 *   think_no_followup  "I'll think about it" and nothing from the business
 *       after it with a next step ("No problem!" is no follow-up);
 *   answer_unanswered  the customer answered the business's question
 *       ("wednesday works") and heard nothing back.
 */
#include "audit.h"

#include "civil.h"
#include "hours.h"
#include "judge.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>

/* ---- moments and findings ------------------------------------------------ */

enum {
    AU_M_FIRST = 0, AU_M_CLARIFY, AU_M_PRICE, AU_M_RECOMMEND, AU_M_BOOKING, AU_M_FOLLOWUP, AU_M_CLOSE,
    AU_M_THINK, AU_M_HANDOFF, AU_NMOMENTS
};
static const char *const au_moment_name[AU_NMOMENTS] = {
    "first_reply", "clarify", "price", "recommendation", "booking", "follow_up", "permission_close",
    "need_to_think", "handoff"};

enum {
    AU_F_OPEN_CLOSER = 0, AU_F_NO_NEXT_STEP, AU_F_PRICE_NO_NEXT, AU_F_OPTIONS, AU_F_QUESTIONS, AU_F_PRESSURE,
    AU_F_LATE, AU_F_UNANSWERED, AU_F_THINK, AU_F_ANSWER_LEFT, AU_NFINDINGS
};
static const char *const au_finding_name[AU_NFINDINGS] = {
    "open_closer", "no_next_step", "price_no_next_step", "too_many_options", "several_questions", "pressure",
    "late_answer", "unanswered_question", "think_no_followup", "answer_unanswered"};
static const char *const au_finding_lint[AU_NFINDINGS] = {"TY001", "TY002", "TY002", "TY003", "TY004", "TY008",
                                                           NULL,    NULL,    NULL,    NULL};

/* Lint codes as bits. */
enum { AU_L001 = 1, AU_L002 = 2, AU_L003 = 4, AU_L004 = 8, AU_L008 = 16 };

/* What one message is, read once. */
typedef struct au_look {
    bool biz;
    unsigned lint;      /* AU_L* (business messages) */
    bool money, recommend, booking, booked, close_words, asks; /* asks: has a '?' */
    bool question, think, person; /* customer messages */
} au_look;

#define AU_FOLLOWUP_GAP (4 * 3600) /* a business message this long after its own last one follows up */
#define AU_TEXT_MAX 200            /* bytes of a message's text quoted in a finding */

/* ---- phrases ---------------------------------------------------------------- */

/* Phrases in normalised form (lower case, no accents), matched on token
 * boundaries. */
static const char *const au_question_words[] = {
    "what", "whats", "when", "where", "how", "why", "which", "who", "can", "could", "do", "does", "did", "is",
    "are", "will", "would", "should", "any", "have you", "que", "cuando", "donde", "como", "cuanto", "cuanta",
    "cuantos", "cual", "cuales", "puedo", "pueden", "puedes", "tienen", "tienes", "hay", "hacen", NULL};
static const char *const au_think[] = {
    "think about it", "have a think", "let me think", "ill think", "i will think", "think it over", "sleep on it",
    "get back to you", "come back to you", "let you know", "check with my", "talk to my", "ask my", "lo pienso",
    "lo pensare", "lo voy a pensar", "pensarlo", "te digo algo", "te aviso", "lo consulto", "ya te dire",
    "ya te digo", NULL};
static const char *const au_recommend[] = {
    "recommend", "id suggest", "i suggest", "i would suggest", "you need", "youll need", "you will need",
    "best option", "best bet", "te recomiendo", "recomiendo", "necesitas", NULL};
static const char *const au_booking[] = {
    "book", "booking", "booked", "appointment", "slot", "reserve", "reservation", "drop it off", "drop it in",
    "bring it in", "bring it over", "pick it up", "collect it", "cita", "reserva", "reservar", "turno", NULL};
static const char *const au_booked[] = {
    "booked you", "booked in", "youre booked", "you are booked", "youre in", "see you then", "see you on",
    "see you at", "see you in", "see you this", "see you soon", "see you later", "see you tomorrow", "see you saturday",
    "confirmed", "all set", "te esperamos", "nos vemos", "alli estare", "ahi estare", "reservado", "reservada",
    "apuntado", "apuntada", "confirmado", "confirmada", NULL};
static const char *const au_close[] = {
    "anything else", "have a great", "have a good", "enjoy the ride", "enjoy your", "take care", "algo mas",
    "que tengas", "que disfrutes", NULL};
static const char *const au_money_words[] = {"pounds", "quid", "euros", "euro", "eur", "dollars", "gbp", "usd",
                                              "libras", "dolares", NULL};
static const char *const au_stop_words[] = {
    "a", "an", "the", "i", "you", "we", "my", "your", "it", "is", "are", "do", "does", "to", "for", "of", "on", "in",
    "and", "or", "can", "could", "what", "when", "how", "any", "me", "there", "this", "that", "be", "have", "hi",
    "hello", "please", "thanks", "el", "la", "los", "las", "un", "una", "de", "en", "y", "o", "que", "me", "mi",
    "tu", "es", "para", "por", "hola", "gracias", "con", "se", NULL};

/* True when norm[0..n) has phrase p on token boundaries. */
static bool au_phrase(const char *norm, size_t n, const char *p) {
    size_t m = strlen(p);
    for (size_t i = 0; i + m <= n; i++) {
        if (norm[i] != p[0] || (i && norm[i - 1] != ' ')) continue;
        if (memcmp(norm + i, p, m) == 0 && (i + m == n || norm[i + m] == ' ')) return true;
    }
    return false;
}

/* True when norm[0..n) has a phrase of list, or (prefix) a token starting
 * with one. */
static bool au_any(const char *norm, size_t n, const char *const *list) {
    for (; *list; list++)
        if (au_phrase(norm, n, *list)) return true;
    return false;
}

/* True when norm starts with one of list's phrases. */
static bool au_starts(const char *norm, size_t n, const char *const *list) {
    for (; *list; list++) {
        size_t m = strlen(*list);
        if (m <= n && memcmp(norm, *list, m) == 0 && (m == n || norm[m] == ' ')) return true;
    }
    return false;
}

/* A price in raw text: a currency sign next to a digit ("£85", "85 €",
 * "$ 40"), or a number before a currency word (normalised). */
static bool au_money(const char *s, size_t n, const char *norm, size_t nn) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        size_t w = c == '$' ? 1 : (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA3) ? 2
              : (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x82 && (unsigned char)s[i + 2] == 0xAC) ? 3
                                                                                                                : 0;
        if (!w) continue;
        size_t j = i + w;
        while (j < n && s[j] == ' ') j++;
        if (j < n && ty_is_digit((unsigned char)s[j])) return true;
        size_t k = i;
        while (k > 0 && s[k - 1] == ' ') k--;
        if (k > 0 && ty_is_digit((unsigned char)s[k - 1])) return true;
    }
    for (size_t i = 0; i < nn; i++) {
        if (!ty_is_digit((unsigned char)norm[i]) || (i && norm[i - 1] != ' ')) continue;
        size_t j = i;
        while (j < nn && norm[j] != ' ') j++;
        if (j < nn && au_starts(norm + j + 1, nn - j - 1, au_money_words)) return true;
    }
    return false;
}

/* ---- opening hours --------------------------------------------------------- */

static const char *const au_days[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static int au_day(const char *s, size_t n, size_t *i) {
    if (*i + 3 > n) return -1;
    for (int d = 0; d < 7; d++)
        if (ty_lower((unsigned char)s[*i]) == au_days[d][0] && ty_lower((unsigned char)s[*i + 1]) == au_days[d][1] &&
            ty_lower((unsigned char)s[*i + 2]) == au_days[d][2]) {
            *i += 3;
            while (*i < n && ty_is_alpha((unsigned char)s[*i])) (*i)++; /* "monday" */
            return d;
        }
    return -1;
}

static bool au_hhmm(const char *s, size_t n, size_t *i, int *minutes) {
    int h = 0, m = 0, k = 0;
    while (*i < n && ty_is_digit((unsigned char)s[*i]) && k < 2) h = h * 10 + (s[(*i)++] - '0'), k++;
    if (!k || *i + 3 > n || s[*i] != ':' || !ty_is_digit((unsigned char)s[*i + 1]) ||
        !ty_is_digit((unsigned char)s[*i + 2]))
        return false;
    m = (s[*i + 1] - '0') * 10 + (s[*i + 2] - '0');
    *i += 3;
    if (h > 24 || m > 59 || (h == 24 && m)) return false;
    *minutes = h * 60 + m;
    return true;
}

/* Reads "mon-fri 09:00-17:30, sat 10:00-14:00" into week (Monday first);
 * false with *at the byte where it went wrong. */
static bool au_hours_parse(const char *s, size_t n, ty_hours_day week[7], size_t *at) {
    memset(week, 0, 7 * sizeof *week);
    size_t i = 0;
    for (;;) {
        while (i < n && (s[i] == ' ' || s[i] == ',' || s[i] == ';')) i++;
        if (i >= n) return true;
        *at = i;
        int d0 = au_day(s, n, &i), d1 = d0;
        if (d0 < 0) return false;
        if (i < n && s[i] == '-') {
            i++;
            if ((d1 = au_day(s, n, &i)) < 0) return false;
        }
        while (i < n && s[i] == ' ') i++;
        int from, to;
        *at = i;
        if (!au_hhmm(s, n, &i, &from) || i >= n || s[i++] != '-' || !au_hhmm(s, n, &i, &to) || from >= to) return false;
        for (int d = d0;; d = (d + 1) % 7) {
            ty_hours_day *day = &week[d];
            if (day->n == TY_HOURS_MAX_RANGES) return false;
            day->r[day->n++] = (ty_hours_range){(int16_t)from, (int16_t)to};
            if (d == d1) break;
        }
    }
}

/* Seconds of [t0, t1) inside opening hours (week NULL: all of them). */
static int64_t au_open_seconds(const ty_hours_day *week, int32_t off, int64_t t0, int64_t t1) {
    if (t1 <= t0) return 0;
    if (!week) return t1 - t0;
    int64_t total = 0, d0 = ty_civil_local_day(t0, off), d1 = ty_civil_local_day(t1, off);
    if (d1 - d0 > 400) d1 = d0 + 400;
    for (int64_t z = d0; z <= d1; z++) {
        const ty_hours_day *day = &week[ty_civil_weekday(z)];
        for (int r = 0; r < day->n; r++) {
            int64_t a = z * 86400 + day->r[r].from * 60 - off, b = z * 86400 + day->r[r].to * 60 - off;
            if (a < t0) a = t0;
            if (b > t1) b = t1;
            if (b > a) total += b - a;
        }
    }
    return total;
}

/* ---- one audit --------------------------------------------------------------- */

typedef struct au_ctx {
    au_set set;
    const ty_audit_opts *opts;
    ty_hours_day week[7];
    bool has_hours;
    int64_t late_after;
    uint32_t biz;
    au_look *rd;        /* per message (set.msg order) */
    ty_arena scratch;
    ty_judge_index judge; /* for requests for a person */
    ty_doc *out;
    ty_value *convs;
    /* totals */
    size_t nconv, with_biz, replied, booked;
    size_t ended[AU_NMOMENTS], found[AU_NFINDINGS];
    double *first_resp;
    size_t nfirst;
    uint32_t *unanswered; /* message indexes of unanswered questions */
    size_t nunans;
    ty_error *err;
} au_ctx;

static int au_cmp_msg(const void *pa, const void *pb) {
    const au_msg *a = pa, *b = pb;
    if (a->conv != b->conv) return a->conv < b->conv ? -1 : 1;
    if (a->at != b->at) return a->at < b->at ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The business's sender: the option's, or the sender in the most
 * conversations, then the one who opened the fewest of them, then the one
 * with the most messages. */
static int au_business(au_ctx *c) {
    au_set *s = &c->set;
    if (c->opts && c->opts->business) {
        for (uint32_t i = 0; i < s->senders.n; i++)
            if (s->senders.len[i] == c->opts->business_len &&
                memcmp(s->senders.name[i], c->opts->business, c->opts->business_len) == 0) {
                c->biz = i;
                return TY_OK;
            }
        ty_err_set(c->err, TY_DOMAIN_NONE, TY_E_ARG, "business \"%.*s\" sent no message in these chats (senders: %.*s%s)",
                   (int)(c->opts->business_len > 60 ? 60 : c->opts->business_len), c->opts->business,
                   (int)(s->senders.len[0] > 60 ? 60 : s->senders.len[0]), s->senders.name[0],
                   s->senders.n > 1 ? ", ..." : "");
        snprintf(c->err->path, sizeof c->err->path, "business");
        return TY_E_ARG;
    }
    size_t ns = s->senders.n;
    uint64_t *convs = ty_mem_alloc(s->alloc, ns * 3 * sizeof *convs);
    if (!convs) return TY_E_NOMEM;
    uint64_t *opened = convs + ns, *msgs = convs + 2 * ns;
    memset(convs, 0, ns * 3 * sizeof *convs);
    uint32_t *last = ty_mem_alloc(s->alloc, ns * sizeof *last);
    if (!last) {
        ty_mem_free(s->alloc, convs);
        return TY_E_NOMEM;
    }
    for (size_t i = 0; i < ns; i++) last[i] = UINT32_MAX;
    for (size_t i = 0; i < s->nmsg; i++) {
        const au_msg *m = &s->msg[i];
        msgs[m->sender]++;
        if (last[m->sender] != m->conv) convs[m->sender]++, last[m->sender] = m->conv;
        if (i == 0 || s->msg[i - 1].conv != m->conv) opened[m->sender]++;
    }
    uint32_t best = 0;
    for (uint32_t i = 1; i < ns; i++) {
        bool better = convs[i] != convs[best] ? convs[i] > convs[best]
                    : opened[i] != opened[best] ? opened[i] < opened[best]
                                                : msgs[i] > msgs[best];
        if (better) best = i;
    }
    c->biz = best;
    ty_mem_free(s->alloc, convs);
    ty_mem_free(s->alloc, last);
    return TY_OK;
}

/* Lint codes of a business message as AU_L* bits. */
static int au_lint(const char *text, size_t len, unsigned *bits) {
    *bits = 0;
    ty_error e;
    memset(&e, 0, sizeof e);
    size_t n = len > TY_LINT_MAX_BYTES ? TY_LINT_MAX_BYTES : len;
    ty_doc *d = ty_lint(text, n, NULL, 0, NULL, 0, &e);
    if (!d) return e.code == TY_E_NOMEM ? TY_E_NOMEM : TY_OK; /* text lint cannot read: no findings */
    const ty_value *l = ty_doc_root(d);
    for (size_t i = 0; i < ty_value_count(l); i++) {
        size_t vl;
        const char *v = ty_value_string(ty_value_get(ty_value_item(l, i), "code", 4), &vl);
        if (!v || vl != 5) continue;
        *bits |= v[4] == '1' && v[3] == '0' ? AU_L001 : v[4] == '2' ? AU_L002 : v[4] == '3' ? AU_L003
               : v[4] == '4' ? AU_L004 : v[4] == '8' ? AU_L008 : 0;
    }
    ty_doc_free(d);
    return TY_OK;
}

/* Reads every message once (au_look). */
static int au_look_all(au_ctx *c) {
    au_set *s = &c->set;
    c->rd = ty_mem_alloc(s->alloc, (s->nmsg ? s->nmsg : 1) * sizeof *c->rd);
    if (!c->rd) return TY_E_NOMEM;
    memset(c->rd, 0, (s->nmsg ? s->nmsg : 1) * sizeof *c->rd);
    for (size_t i = 0; i < s->nmsg; i++) {
        const au_msg *m = &s->msg[i];
        au_look *r = &c->rd[i];
        r->biz = m->sender == c->biz;
        if (m->kind != AU_TEXT) continue;
        size_t nn;
        char *norm = ty_text_normalize(m->text, m->len, &c->scratch, &nn);
        if (!norm) return TY_E_NOMEM;
        r->booked = au_any(norm, nn, au_booked);
        if (r->biz) {
            int rc = au_lint(m->text, m->len, &r->lint);
            if (rc) return rc;
            r->money = au_money(m->text, m->len, norm, nn);
            r->recommend = au_any(norm, nn, au_recommend);
            r->booking = au_any(norm, nn, au_booking);
            r->close_words = au_any(norm, nn, au_close);
            r->asks = memchr(m->text, '?', m->len) != NULL;
        } else {
            r->question = memchr(m->text, '?', m->len) || au_starts(norm, nn, au_question_words);
            r->think = au_any(norm, nn, au_think);
            r->person = ty_judge_read_exit(&c->judge, norm, nn, NULL) == TY_JUDGE_HANDOFF;
        }
        /* the arena holds one message's scratch at a time */
        ty_arena_free(&c->scratch);
        ty_arena_init(&c->scratch, s->alloc);
    }
    return TY_OK;
}

/* The moment business message i (of the conversation starting at a) is:
 * the answer to "I'll think" or to a request for a person just before it;
 * a follow-up after its own silence; else by what it says (a price, a
 * recommendation, a booking); else the first reply, a close or a
 * clarifying turn. */
static int au_moment(const au_ctx *c, size_t a, size_t i) {
    const au_msg *m = c->set.msg;
    const au_look *r = c->rd;
    /* back to the business's previous message: the customer's last words
     * since it, if any (each message is walked over once per conversation) */
    size_t prev_biz = SIZE_MAX, prev_cust = SIZE_MAX;
    for (size_t j = i; j-- > a;) {
        if (r[j].biz) {
            prev_biz = j;
            break;
        }
        if (prev_cust == SIZE_MAX) prev_cust = j;
    }
    if (prev_cust != SIZE_MAX) {
        if (r[prev_cust].think) return AU_M_THINK;
        if (r[prev_cust].person) return AU_M_HANDOFF;
    } else if (prev_biz != SIZE_MAX && m[i].at - m[prev_biz].at >= AU_FOLLOWUP_GAP) {
        return AU_M_FOLLOWUP;
    }
    if (r[i].money) return AU_M_PRICE;
    if (r[i].recommend) return AU_M_RECOMMEND;
    if (r[i].booking || r[i].booked) return AU_M_BOOKING;
    if (prev_biz == SIZE_MAX) return AU_M_FIRST;
    if (r[i].close_words) return AU_M_CLOSE;
    return AU_M_CLARIFY;
}

/* ---- output ------------------------------------------------------------------ */

static int au_put(au_ctx *c, ty_value *map, const char *key, ty_value *v) {
    if (!v || ty_map_put_nocopy(c->out, map, key, strlen(key), v) < 0) return TY_E_NOMEM;
    return TY_OK;
}

static int au_put_str(au_ctx *c, ty_value *map, const char *key, const char *s, size_t n) {
    return au_put(c, map, key, ty_val_string(c->out, s, n));
}

static int au_put_num(au_ctx *c, ty_value *map, const char *key, double x) {
    return au_put(c, map, key, ty_val_number(c->out, x));
}

/* The length of s[0..n) cut at most max bytes on a code point boundary. */
static size_t au_cut(const char *s, size_t n, size_t max) {
    if (n <= max) return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
    return max;
}

/* Adds a finding on message i (index k within its conversation). */
static int au_finding(au_ctx *c, ty_value *list, int code, size_t i, size_t k, int moment, double waited) {
    const au_msg *m = &c->set.msg[i];
    ty_value *f = ty_val_map_sized(c->out, 8);
    if (!f) return TY_E_NOMEM;
    int rc = au_put_str(c, f, "code", au_finding_name[code], strlen(au_finding_name[code]));
    if (!rc) rc = au_put_num(c, f, "message", (double)k);
    if (!rc) rc = au_put_num(c, f, "at", (double)m->at);
    if (!rc) rc = au_put_str(c, f, "from", c->rd[i].biz ? "business" : "customer", c->rd[i].biz ? 8 : 8);
    if (!rc) rc = au_put_str(c, f, "text", m->text, au_cut(m->text, m->len, AU_TEXT_MAX));
    if (!rc) rc = au_put(c, f, "lint", au_finding_lint[code] ? ty_val_string(c->out, au_finding_lint[code], 5)
                                                              : ty_val_null(c->out));
    if (!rc) rc = au_put_str(c, f, "moment", au_moment_name[moment], strlen(au_moment_name[moment]));
    if (!rc && code == AU_F_LATE) rc = au_put_num(c, f, "waited", waited);
    if (!rc && ty_list_push(c->out, list, f) < 0) rc = TY_E_NOMEM;
    if (!rc) c->found[code]++;
    return rc;
}

/* Findings on any business message: options, questions, pressure. */
static int au_message_findings(au_ctx *c, ty_value *list, size_t a, size_t b) {
    for (size_t i = a; i < b; i++) {
        const au_look *r = &c->rd[i];
        if (!r->biz) continue;
        int mo = au_moment(c, a, i), rc = TY_OK;
        if (r->lint & AU_L003) rc = au_finding(c, list, AU_F_OPTIONS, i, i - a, mo, 0);
        if (!rc && (r->lint & AU_L004)) rc = au_finding(c, list, AU_F_QUESTIONS, i, i - a, mo, 0);
        if (!rc && (r->lint & AU_L008)) rc = au_finding(c, list, AU_F_PRESSURE, i, i - a, mo, 0);
        if (rc) return rc;
    }
    return TY_OK;
}

/* Late answers: the first business message after a customer question,
 * when more than late_after open seconds passed since the question. Also
 * records the first response time (wall clock) of a conversation the
 * customer opened. */
static int au_late(au_ctx *c, ty_value *list, size_t a, size_t b) {
    size_t asked = SIZE_MAX;
    bool first = true;
    for (size_t i = a; i < b; i++) {
        const au_look *r = &c->rd[i];
        const au_msg *m = &c->set.msg[i];
        if (!r->biz) {
            if (asked == SIZE_MAX && (r->question || i == a)) asked = i;
            continue;
        }
        if (asked != SIZE_MAX) {
            int64_t at = c->set.msg[asked].at;
            if (first && !c->rd[a].biz) c->first_resp[c->nfirst++] = (double)(m->at - at);
            int64_t open = au_open_seconds(c->has_hours ? c->week : NULL, c->opts ? c->opts->utc_offset : 0, at, m->at);
            if ((c->rd[asked].question) && open > c->late_after) {
                int rc = au_finding(c, list, AU_F_LATE, i, i - a, au_moment(c, a, i), (double)(m->at - at));
                if (rc) return rc;
            }
        }
        asked = SIZE_MAX;
        first = false;
    }
    return TY_OK;
}

/* What the end of a conversation says: findings on the customer's last
 * unanswered question or "I'll think", on the customer's answer to the
 * business's last question when nothing came back, or on the business's
 * last message when the chat died after it (an open closer or a bare price always; no
 * next step only when nothing was booked: "All done, ready to collect"
 * after a booking needs none). *stopped gets the moment it stopped at. */
static int au_ending(au_ctx *c, ty_value *list, size_t a, size_t b, bool booked, int *stopped) {
    size_t last_biz = SIZE_MAX;
    for (size_t i = b; i-- > a;)
        if (c->rd[i].biz) {
            last_biz = i;
            break;
        }
    *stopped = last_biz == SIZE_MAX ? AU_M_FIRST : au_moment(c, a, last_biz);
    size_t tail = last_biz == SIZE_MAX ? a : last_biz + 1, q = SIZE_MAX, think = SIZE_MAX;
    for (size_t i = tail; i < b; i++)
        if (c->rd[i].question || c->rd[i].person) q = i;
    /* "I'll think about it" answered at most by a "no problem" with no next step */
    for (size_t i = b; i-- > a && think == SIZE_MAX;) {
        if (c->rd[i].biz && !(c->rd[i].lint & AU_L002)) break;
        if (!c->rd[i].biz && c->rd[i].think) think = i;
    }
    int rc = TY_OK;
    if (think != SIZE_MAX && q == SIZE_MAX) {
        *stopped = AU_M_THINK;
        return au_finding(c, list, AU_F_THINK, think, think - a, AU_M_THINK, 0);
    }
    if (q != SIZE_MAX) {
        int mo = c->rd[q].person ? AU_M_HANDOFF : last_biz == SIZE_MAX ? AU_M_FIRST : AU_M_CLARIFY;
        *stopped = mo;
        c->unanswered[c->nunans++] = (uint32_t)q;
        return au_finding(c, list, AU_F_UNANSWERED, q, q - a, mo, 0);
    }
    if (last_biz == SIZE_MAX) return TY_OK;
    const au_look *r = &c->rd[last_biz];
    if (r->asks && tail < b && !booked) { /* answered, and left waiting */
        size_t k = b - 1;
        return au_finding(c, list, AU_F_ANSWER_LEFT, k, k - a, *stopped, 0);
    }
    if (r->money && (r->lint & AU_L002)) rc = au_finding(c, list, AU_F_PRICE_NO_NEXT, last_biz, last_biz - a, *stopped, 0);
    else if (r->lint & AU_L001) rc = au_finding(c, list, AU_F_OPEN_CLOSER, last_biz, last_biz - a, *stopped, 0);
    else if ((r->lint & AU_L002) && !booked)
        rc = au_finding(c, list, AU_F_NO_NEXT_STEP, last_biz, last_biz - a, *stopped, 0);
    return rc;
}

/* One conversation's entry: {"id", "customer", "messages", "started",
 * "ended", "ended_by", "stopped_at", "outcome", "replied", "findings"}. */
static int au_conversation(au_ctx *c, size_t a, size_t b) {
    const au_msg *m = c->set.msg;
    ty_value *e = ty_val_map_sized(c->out, 10), *fl = ty_val_list(c->out);
    if (!e || !fl) return TY_E_NOMEM;
    uint32_t cust = UINT32_MAX;
    size_t first_biz = SIZE_MAX;
    bool booked = false, replied = false;
    for (size_t i = a; i < b; i++) {
        if (!c->rd[i].biz && cust == UINT32_MAX) cust = m[i].sender;
        if (c->rd[i].biz && first_biz == SIZE_MAX) first_biz = i;
        if (!c->rd[i].biz && first_biz != SIZE_MAX && i > first_biz) replied = true;
        booked |= c->rd[i].booked;
    }
    int stopped, rc = au_message_findings(c, fl, a, b);
    if (!rc) rc = au_late(c, fl, a, b);
    if (!rc) rc = au_ending(c, fl, a, b, booked, &stopped);
    if (rc) return rc;
    const au_names *cv = &c->set.convs, *sd = &c->set.senders;
    rc = au_put_str(c, e, "id", cv->name[m[a].conv], cv->len[m[a].conv]);
    if (!rc) rc = au_put(c, e, "customer", cust == UINT32_MAX ? ty_val_null(c->out)
                                                               : ty_val_string(c->out, sd->name[cust], sd->len[cust]));
    if (!rc) rc = au_put_num(c, e, "messages", (double)(b - a));
    if (!rc) rc = au_put_num(c, e, "started", (double)m[a].at);
    if (!rc) rc = au_put_num(c, e, "ended", (double)m[b - 1].at);
    if (!rc) rc = au_put_str(c, e, "ended_by", c->rd[b - 1].biz ? "business" : "customer", 8);
    if (!rc) rc = au_put_str(c, e, "stopped_at", au_moment_name[stopped], strlen(au_moment_name[stopped]));
    if (!rc) rc = au_put_str(c, e, "outcome", booked ? "booked" : "open", booked ? 6 : 4);
    if (!rc) rc = au_put(c, e, "replied", ty_val_bool(c->out, replied));
    if (!rc) rc = au_put(c, e, "findings", fl);
    if (!rc && ty_list_push(c->out, c->convs, e) < 0) rc = TY_E_NOMEM;
    c->nconv++;
    c->with_biz += first_biz != SIZE_MAX;
    c->replied += replied;
    c->booked += booked;
    if (!booked) c->ended[stopped]++;
    return rc;
}

/* ---- totals ---------------------------------------------------------------------- */

static int au_cmp_double(const void *pa, const void *pb) {
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

/* Content words of a question as hashes (stop words dropped), at most 16. */
static size_t au_words(au_ctx *c, const au_msg *m, uint32_t *h, int *rc) {
    size_t nn, k = 0;
    char *norm = ty_text_normalize(m->text, m->len, &c->scratch, &nn);
    if (!norm) {
        *rc = TY_E_NOMEM;
        return 0;
    }
    for (size_t i = 0; i < nn && k < 16;) {
        size_t j = i;
        while (j < nn && norm[j] != ' ') j++;
        bool stop = false;
        for (const char *const *p = au_stop_words; *p && !stop; p++)
            stop = strlen(*p) == j - i && memcmp(*p, norm + i, j - i) == 0;
        if (!stop && j > i) {
            uint32_t x = 2166136261u;
            for (size_t q = i; q < j; q++) x = (x ^ (unsigned char)norm[q]) * 16777619u;
            h[k++] = x;
        }
        i = j + 1;
    }
    return k;
}

/* Jaccard similarity of two small hash sets. */
static double au_jaccard(const uint32_t *a, size_t na, const uint32_t *b, size_t nb) {
    size_t both = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (a[i] == b[j]) {
                both++;
                break;
            }
    size_t any = na + nb - both;
    return any ? (double)both / (double)any : 1.0;
}

/* One group of unanswered questions: its label and members. */
typedef struct au_group {
    const char *label;  /* an intent name, or NULL: the first member's words */
    size_t label_len;
    uint32_t first;     /* the first member (message index) */
    uint32_t words[16];
    size_t nwords;
    size_t count;
    uint32_t ex[3];     /* up to three members' message indexes */
    uint32_t seq;       /* creation order */
} au_group;

/* Which wording groups have a word: per word (open addressing on its
 * hash), a chain of postings in group creation order. */
typedef struct au_post {
    uint32_t group, next; /* next: posting index + 1, 0 ends */
} au_post;
typedef struct au_wslot {
    uint32_t word, head, tail; /* head/tail: posting index + 1, 0: an empty slot */
} au_wslot;
typedef struct au_windex {
    au_wslot *slot;
    uint32_t mask;
    au_post *post;
    uint32_t npost;
} au_windex;

#define AU_GROUP_SCAN 256 /* postings of one word looked at per question: bounded time */

static au_wslot *au_wslot_of(au_windex *ix, uint32_t word) {
    uint32_t p = (word * 2654435761u) & ix->mask;
    while (ix->slot[p].head && ix->slot[p].word != word) p = (p + 1) & ix->mask;
    return &ix->slot[p];
}

/* The first-created wording group (of those indexed) that shares half of
 * its words with w[0..nw), or UINT32_MAX. A group shares a word to qualify,
 * so only the groups on w's words' chains are looked at (the first
 * AU_GROUP_SCAN of each). */
static uint32_t au_group_find(au_windex *ix, const au_group *g, const uint32_t *w, size_t nw) {
    uint32_t best = UINT32_MAX;
    for (size_t i = 0; i < nw; i++) {
        const au_wslot *sl = au_wslot_of(ix, w[i]);
        uint32_t seen = 0;
        for (uint32_t q = sl->head; q && seen < AU_GROUP_SCAN; q = ix->post[q - 1].next, seen++) {
            uint32_t k = ix->post[q - 1].group;
            if (k >= best) break; /* chains are in creation order */
            if (au_jaccard(w, nw, g[k].words, g[k].nwords) >= 0.5) best = k;
        }
    }
    return best;
}

/* Puts group k on the chains of its words. */
static void au_group_index(au_windex *ix, const au_group *gk, uint32_t k) {
    for (size_t i = 0; i < gk->nwords; i++) {
        au_wslot *sl = au_wslot_of(ix, gk->words[i]);
        if (sl->tail && ix->post[sl->tail - 1].group == k) continue; /* a word twice */
        ix->post[ix->npost] = (au_post){k, 0};
        if (!sl->head) {
            sl->word = gk->words[i];
            sl->head = ix->npost + 1;
        } else {
            ix->post[sl->tail - 1].next = ix->npost + 1;
        }
        sl->tail = ++ix->npost;
    }
}

static int au_cmp_group(const void *pa, const void *pb) {
    const au_group *a = pa, *b = pb;
    if (a->count != b->count) return a->count > b->count ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The intent a question matches in the option's playbook, or NULL. */
static const char *au_intent(au_ctx *c, const au_msg *m, size_t *len, char *buf, size_t cap) {
    if (!c->opts || !c->opts->playbook) return NULL;
    ty_input in;
    memset(&in, 0, sizeof in);
    in.text = m->text;
    in.len = m->len;
    ty_error e;
    memset(&e, 0, sizeof e);
    ty_doc *d = ty_playbook_match(c->opts->playbook, &in, &e);
    if (!d) return NULL;
    const ty_value *r = ty_doc_root(d), *intent = ty_value_get(r, "intent", 6);
    const char *out = NULL;
    bool oos = ty_value_kind(ty_value_get(r, "oos", 3)) == TY_TRUE;
    size_t vl;
    const char *name = ty_value_kind(intent) == TY_STRING ? ty_value_string(intent, &vl) : NULL;
    if (name && vl < cap) {
        memcpy(buf, name, vl);
        *len = vl;
        out = buf;
    }
    ty_doc_free(d);
    return oos ? NULL : out;
}

/* Appends one group of unanswered questions to list: {"intent" (or null),
 * "label" (the intent, else the first question cut to 80 bytes), "count",
 * "examples": up to three questions}. */
static int au_put_group(au_ctx *c, const au_group *gk, ty_value *list) {
    int rc = TY_OK;
    const au_msg *m = &c->set.msg[gk->first];
    ty_value *e = ty_val_map_sized(c->out, 4), *ex = ty_val_list(c->out);
    if (!e || !ex) rc = TY_E_NOMEM;
    if (!rc) rc = au_put(c, e, "intent", gk->label ? ty_val_string(c->out, gk->label, gk->label_len)
                                                   : ty_val_null(c->out));
    if (!rc) rc = au_put_str(c, e, "label", gk->label ? gk->label : m->text,
                             gk->label ? gk->label_len : au_cut(m->text, m->len, 80));
    if (!rc) rc = au_put_num(c, e, "count", (double)gk->count);
    for (size_t x = 0; x < gk->count && x < 3 && !rc; x++) {
        const au_msg *mx = &c->set.msg[gk->ex[x]];
        ty_value *s = ty_val_string(c->out, mx->text, au_cut(mx->text, mx->len, AU_TEXT_MAX));
        if (!s || ty_list_push(c->out, ex, s) < 0) rc = TY_E_NOMEM;
    }
    if (!rc) rc = au_put(c, e, "examples", ex);
    if (!rc && ty_list_push(c->out, list, e) < 0) rc = TY_E_NOMEM;
    return rc;
}

/* Groups the unanswered questions by intent (with a playbook) or by
 * wording (shared content words), most frequent first. */
static int au_unanswered(au_ctx *c, ty_value *summary) {
    const ty_alloc *al = c->set.alloc;
    size_t n = c->nunans ? c->nunans : 1, nslot = 64;
    while (nslot < 2 * 16 * n) nslot *= 2;
    au_group *g = ty_mem_alloc(al, n * sizeof *g);
    au_windex ix = {ty_mem_alloc(al, nslot * sizeof *ix.slot), (uint32_t)nslot - 1,
                    ty_mem_alloc(al, 16 * n * sizeof *ix.post), 0};
    int rc = g && ix.slot && ix.post ? TY_OK : TY_E_NOMEM;
    if (ix.slot) memset(ix.slot, 0, nslot * sizeof *ix.slot);
    size_t ng = 0;
    uint32_t wordless = UINT32_MAX; /* the group of questions without content words */
    for (size_t u = 0; u < c->nunans && !rc; u++) {
        const au_msg *m = &c->set.msg[c->unanswered[u]];
        char ib[128];
        size_t il = 0;
        const char *intent = au_intent(c, m, &il, ib, sizeof ib);
        uint32_t w[16];
        size_t nw = au_words(c, m, w, &rc);
        uint32_t k = UINT32_MAX;
        if (intent) {
            for (size_t j = 0; j < ng && k == UINT32_MAX; j++)
                if (g[j].label && g[j].label_len == il && !memcmp(g[j].label, intent, il)) k = (uint32_t)j;
        } else {
            k = nw ? au_group_find(&ix, g, w, nw) : wordless;
        }
        if (k == UINT32_MAX) {
            k = (uint32_t)ng++;
            memset(&g[k], 0, sizeof g[k]);
            if (intent && !(g[k].label = ty_arena_dup(&c->scratch, intent, il))) rc = TY_E_NOMEM;
            g[k].label_len = il;
            g[k].first = c->unanswered[u];
            g[k].seq = k;
            memcpy(g[k].words, w, nw * sizeof *w);
            g[k].nwords = nw;
            if (!intent && nw) au_group_index(&ix, &g[k], k);
            if (!intent && !nw) wordless = k;
        }
        if (g[k].count < 3) g[k].ex[g[k].count] = c->unanswered[u];
        g[k].count++;
    }
    /* most members first, then first seen */
    if (!rc) qsort(g, ng, sizeof *g, au_cmp_group);
    ty_value *list = ty_val_list(c->out);
    if (!list) rc = TY_E_NOMEM;
    for (size_t k = 0; k < ng && !rc; k++) rc = au_put_group(c, &g[k], list);
    if (!rc) rc = au_put(c, summary, "unanswered", list);
    ty_mem_free(al, g);
    ty_mem_free(al, ix.slot);
    ty_mem_free(al, ix.post);
    return rc;
}

/* {"conversations", "messages", "customers", "reply_rate", "replied",
 * "first_response": {"median", "count"}, "booked", "ended_at": {moment:
 * n, "booked": n}, "findings": [{"code", "count"}], "unanswered": [...]}. */
static int au_summary(au_ctx *c, ty_value *root) {
    ty_value *s = ty_val_map_sized(c->out, 10);
    if (!s) return TY_E_NOMEM;
    int rc = au_put_num(c, s, "conversations", (double)c->nconv);
    if (!rc) rc = au_put_num(c, s, "messages", (double)c->set.nmsg);
    if (!rc) rc = au_put_num(c, s, "customers", (double)(c->set.senders.n - 1));
    if (!rc) rc = au_put(c, s, "reply_rate", c->with_biz ? ty_val_number(c->out, (double)c->replied / (double)c->with_biz)
                                                         : ty_val_null(c->out));
    if (!rc) rc = au_put_num(c, s, "replied", (double)c->replied);
    ty_value *fr = ty_val_map_sized(c->out, 2);
    if (!fr) rc = TY_E_NOMEM;
    if (!rc) {
        qsort(c->first_resp, c->nfirst, sizeof *c->first_resp, au_cmp_double);
        /* nearest rank: the value at ceil(n / 2) */
        rc = au_put(c, fr, "median", c->nfirst ? ty_val_number(c->out, c->first_resp[(c->nfirst + 1) / 2 - 1])
                                                : ty_val_null(c->out));
    }
    if (!rc) rc = au_put_num(c, fr, "count", (double)c->nfirst);
    if (!rc) rc = au_put(c, s, "first_response", fr);
    if (!rc) rc = au_put_num(c, s, "booked", (double)c->booked);
    ty_value *ended = ty_val_map_sized(c->out, AU_NMOMENTS);
    if (!ended) rc = TY_E_NOMEM;
    for (int k = 0; k < AU_NMOMENTS && !rc; k++)
        if (c->ended[k]) rc = au_put_num(c, ended, au_moment_name[k], (double)c->ended[k]);
    if (!rc && c->booked) rc = au_put_num(c, ended, "booked", (double)c->booked);
    if (!rc) rc = au_put(c, s, "ended_at", ended);
    ty_value *fl = ty_val_list(c->out);
    if (!fl) rc = TY_E_NOMEM;
    bool done[AU_NFINDINGS] = {false};
    for (int n = 0; n < AU_NFINDINGS && !rc; n++) {
        int best = -1;
        for (int k = 0; k < AU_NFINDINGS; k++)
            if (!done[k] && c->found[k] && (best < 0 || c->found[k] > c->found[best])) best = k;
        if (best < 0) break;
        done[best] = true;
        ty_value *e = ty_val_map_sized(c->out, 2);
        if (!e) rc = TY_E_NOMEM;
        if (!rc) rc = au_put_str(c, e, "code", au_finding_name[best], strlen(au_finding_name[best]));
        if (!rc) rc = au_put_num(c, e, "count", (double)c->found[best]);
        if (!rc && ty_list_push(c->out, fl, e) < 0) rc = TY_E_NOMEM;
    }
    if (!rc) rc = au_put(c, s, "findings", fl);
    if (!rc) rc = au_unanswered(c, s);
    if (!rc) rc = au_put(c, root, "summary", s);
    return rc;
}

/* {"input", "line", "message"} for each line not read. */
static int au_problems(au_ctx *c, ty_value *root, const ty_audit_input *in) {
    ty_value *list = ty_val_list(c->out);
    if (!list) return TY_E_NOMEM;
    int rc = TY_OK;
    for (size_t i = 0; i < c->set.nprob && !rc; i++) {
        const au_problem *p = &c->set.prob[i];
        ty_value *e = ty_val_map_sized(c->out, 3);
        if (!e) return TY_E_NOMEM;
        char name[32];
        const char *nm = in[p->input].name;
        size_t nl = in[p->input].name_len;
        if (!nm || !nl) {
            nl = (size_t)snprintf(name, sizeof name, "input %u", (unsigned)p->input + 1);
            nm = name;
        }
        rc = au_put_str(c, e, "input", nm, nl);
        if (!rc) rc = au_put_num(c, e, "line", (double)p->line);
        if (!rc) rc = au_put_str(c, e, "message", p->msg, strlen(p->msg));
        if (!rc && ty_list_push(c->out, list, e) < 0) rc = TY_E_NOMEM;
    }
    return rc ? rc : au_put(c, root, "problems", list);
}

static int au_options(au_ctx *c, const ty_audit_opts *o) {
    c->late_after = o && o->late_after ? o->late_after : 3600;
    if (o && o->late_after < 0)
        return ty_err_set(c->err, TY_DOMAIN_NONE, TY_E_ARG, "late_after must be positive seconds");
    if (o && o->date_order && o->date_order != 1 && o->date_order != 2)
        return ty_err_set(c->err, TY_DOMAIN_NONE, TY_E_ARG, "date_order must be 0, 1 (day first) or 2 (month first)");
    if (o && (o->utc_offset > TY_UTC_OFFSET_MAX || o->utc_offset < -TY_UTC_OFFSET_MAX))
        return ty_err_set(c->err, TY_DOMAIN_NONE, TY_E_ARG, "utc_offset out of range");
    if (o && o->hours) {
        size_t at = 0;
        if (!au_hours_parse(o->hours, o->hours_len, c->week, &at)) {
            ty_err_set(c->err, TY_DOMAIN_NONE, TY_E_ARG,
                       "hours: cannot read \"%.*s\" at byte %zu: expected days and times such as "
                       "\"mon-fri 09:00-17:30, sat 10:00-14:00\"",
                       (int)(o->hours_len > 80 ? 80 : o->hours_len), o->hours, at);
            snprintf(c->err->path, sizeof c->err->path, "hours");
            return TY_E_ARG;
        }
        c->has_hours = true;
    }
    return TY_OK;
}

static int au_run(au_ctx *c, const ty_audit_input *in, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (!in[i].text && in[i].len) return ty_err_set(c->err, TY_DOMAIN_NONE, TY_E_ARG, "input %zu has no text", i);
        int rc = au_read(&c->set, (uint32_t)i, &in[i], c->opts, c->err);
        if (rc) return rc;
    }
    if (!c->set.nmsg) {
        if (c->set.nprob)
            return ty_err_set(c->err, TY_DOMAIN_NONE, TY_E_ARG, "no message could be read: %s", c->set.prob[0].msg);
        return ty_err_set(c->err, TY_DOMAIN_NONE, TY_E_ARG, "no messages in the input");
    }
    qsort(c->set.msg, c->set.nmsg, sizeof *c->set.msg, au_cmp_msg);
    int rc = au_business(c);
    if (!rc) rc = au_look_all(c);
    if (rc) return rc;
    const ty_alloc *al = c->set.alloc;
    c->first_resp = ty_mem_alloc(al, c->set.convs.n * sizeof *c->first_resp + 1);
    c->unanswered = ty_mem_alloc(al, c->set.convs.n * sizeof *c->unanswered + 1);
    if (!c->first_resp || !c->unanswered || !(c->out = ty_doc_new(al))) return TY_E_NOMEM;
    ty_value *root = ty_val_map_sized(c->out, 4);
    if (!root || !(c->convs = ty_val_list(c->out))) return TY_E_NOMEM;
    ty_doc_set_root(c->out, root);
    const au_names *sd = &c->set.senders;
    rc = au_put_str(c, root, "business", sd->name[c->biz], sd->len[c->biz]);
    for (size_t a = 0; !rc && a < c->set.nmsg;) {
        size_t b = a + 1;
        while (b < c->set.nmsg && c->set.msg[b].conv == c->set.msg[a].conv) b++;
        rc = au_conversation(c, a, b);
        a = b;
    }
    if (!rc) rc = au_put(c, root, "conversations", c->convs);
    if (!rc) rc = au_summary(c, root);
    if (!rc) rc = au_problems(c, root, in);
    return rc;
}

ty_doc *ty_audit(const ty_audit_input *inputs, size_t n, const ty_audit_opts *opts, ty_error *err) {
    ty_err_clear(err);
    if (n && !inputs) {
        ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "audit: inputs missing");
        return NULL;
    }
    au_ctx c;
    memset(&c, 0, sizeof c);
    c.opts = opts;
    c.err = err;
    const ty_alloc *al = opts ? opts->alloc : NULL;
    au_set_init(&c.set, al);
    ty_arena_init(&c.scratch, al);
    ty_judge_index_build(&c.judge);
    int rc = au_options(&c, opts);
    if (!rc) rc = au_run(&c, inputs, n);
    ty_mem_free(c.set.alloc, c.rd);
    ty_mem_free(c.set.alloc, c.first_resp);
    ty_mem_free(c.set.alloc, c.unanswered);
    au_set_free(&c.set);
    ty_arena_free(&c.scratch);
    if (rc) {
        if (rc == TY_E_NOMEM) ty_err_nomem(err, TY_DOMAIN_NONE);
        ty_doc_free(c.out);
        return NULL;
    }
    return c.out;
}
