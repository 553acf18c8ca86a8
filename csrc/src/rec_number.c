/*
 * rec_number.c — numbers in digits and in words, and the number reader.
 * Part of the recognisers (recognize.c has the overview and the
 * decisions); included in this order by csrc/tinyyes.c, one translation unit.
 */
/* ===================================================================== *
 * Numbers
 * ===================================================================== */

typedef struct rec_num {
    double v;
    size_t t0, t1;  /* tokens */
    size_t b0;      /* first byte (a '-' sign may precede token t0) */
    bool words;     /* spelt out */
    bool integer;   /* no fraction */
    bool bad;       /* (on false) the phrase runs on into words it cannot read */
} rec_num;

/* Largest power of ten dividing x (x > 0): 20 -> 10, 500 -> 100. */
static long rec_place(long x) {
    long p = 1;
    while (x % (p * 10) == 0) p *= 10;
    return p;
}

/* 10^e for 0 <= e <= 308 (exact for the scales the tables hold). */
static double rec_pow10(int e) {
    double p = 1;
    while (e-- > 0) p *= 10;
    return p;
}

/* b to the integer power e (|e| <= 400), by squaring. */
static double rec_powi(double b, long e) {
    bool inv = e < 0;
    unsigned long k = (unsigned long)(inv ? -e : e);
    double r = 1;
    while (k) {
        if (k & 1) r *= b;
        b *= b;
        k >>= 1;
    }
    return inv ? 1 / r : r;
}

/* True when v is a whole number a double holds exactly. */
static bool rec_is_whole(double v) { return v > -9e15 && v < 9e15 && v == (double)(long long)v; }

/* A fraction word read: its denominator and TY_FRAC_* flags. */
typedef struct rec_fw {
    double den;
    int kind;
} rec_fw;

/* Bytes of a number connector at the start of s[0..n) ("i" in
 * "treintaicinco"), 0 when none. */
static size_t rec_glued_connector(const rec_cx *c, const char *s, size_t n) {
    for (const char *const *l = c->loc->number_connectors; l && *l; l++) {
        size_t ln = strlen(*l);
        if (ln < n && memcmp(*l, s, ln) == 0) return ln;
    }
    return 0;
}

/* The value of a stem of number words written as one word ("doscientos",
 * "dosmil", "cientocinco"), longest word first; 0 when it is none. */
static double rec_glued_number(const rec_cx *c, const char *s, size_t n) {
    double total = 0, cur = 0;
    size_t k = 0;
    while (k < n) {
        const ty_loc_word *best = NULL;
        size_t bn = 0;
        for (const ty_loc_word *w = c->loc->number_words; w && w->text; w++) {
            size_t wn = strlen(w->text);
            if (wn > bn && wn <= n - k && memcmp(w->text, s + k, wn) == 0 && !strchr(w->text, ' ')) {
                best = w;
                bn = wn;
            }
        }
        size_t cn = best ? 0 : rec_glued_connector(c, s + k, n - k);
        if (cn) { /* "treintaicinco" */
            k += cn;
            continue;
        }
        if (!best) return 0;
        double v = best->kind == TY_NUMW_SCALE_EXP ? rec_pow10(best->value) : (double)best->value;
        if (best->kind == TY_NUMW_ADD) cur += v;
        else if (best->kind == TY_NUMW_MUL) cur = (cur == 0 ? 1 : cur) * v;
        else if (best->kind == TY_NUMW_DOZEN) return 0;
        else total = (total + (cur == 0 ? 1 : cur)) * v, cur = 0;
        k += bn;
    }
    return total + cur;
}

/* A fraction word built on a number ("doscientosavos", "dosmilesimos"):
 * a locale fraction suffix after a glued stem of number words. */
static bool rec_glued_frac(const rec_cx *c, const char *s, size_t n, rec_fw *fw) {
    for (const ty_loc_word *x = c->loc->fraction_suffixes; x && x->text; x++) {
        size_t xn = strlen(x->text);
        if (xn + 2 > n || memcmp(s + n - xn, x->text, xn) != 0) continue;
        double v = rec_glued_number(c, s, n - xn);
        if (v <= 1) continue;
        fw->den = v * (x->value ? x->value : 1);
        fw->kind = x->kind;
        return true;
    }
    return false;
}

/* Longest fraction word at token i ("thirds", "quinto"); *fw receives it. */
static size_t rec_frac_word(const rec_cx *c, const ty_tokens *t, size_t i, rec_fw *fw) {
    const ty_loc_word *l = NULL;
    if (i >= t->ntok || t->tok[i].kind != TY_TOK_WORD) return 0;
    size_t best = rec_words(c, t, i, RW(fraction_words), &l);
    if (best) {
        fw->den = (l->kind & TY_FRAC_EXP) ? rec_pow10(l->value) : (double)l->value;
        fw->kind = l->kind;
        return best;
    }
    size_t n;
    const char *s = rec_tok(t, i, &n);
    return rec_glued_frac(c, s, n, fw) ? 1 : 0;
}

/* One item of a spelt-out number. */
typedef struct rec_nw {
    double v;
    int kind;    /* TY_NUMW_* (SCALE_EXP read as SCALE) */
    size_t n;    /* tokens */
    bool digits; /* a plain digit token standing in for a word ("3 hundred") */
} rec_nw;

/* True when digit token j is part of a written number with marks ("1.5",
 * "3/4", "1,000"): it cannot stand in for a word. */
static bool rec_digits_marked(const rec_src *s, size_t j) {
    const ty_tokens *t = s->t;
    if (j + 1 < t->ntok && t->tok[j + 1].kind == TY_TOK_NUM &&
        (rec_gap_is(s, j + 1, '.') || rec_gap_is(s, j + 1, ',') || rec_gap_is(s, j + 1, '/')))
        return true;
    if (j > 0 && t->tok[j - 1].kind == TY_TOK_NUM &&
        (rec_gap_is(s, j, '.') || rec_gap_is(s, j, ',') || rec_gap_is(s, j, '/')))
        return true;
    if (j + 1 < t->ntok && t->tok[j + 1].kind == TY_TOK_SYM && t->tok[j + 1].b_start == t->tok[j].b_start)
        return true; /* a vulgar fraction */
    size_t b = t->tok[j].b_end;
    return b < s->len && (s->text[b] == '^' || s->text[b] == 'e' || s->text[b] == 'E');
}

/* A number word at token j, or (digits) a plain digit token read as one. */
static bool rec_nw_at(const rec_cx *c, const rec_src *s, size_t j, bool digits, rec_nw *w) {
    const ty_tokens *t = s->t;
    if (j >= t->ntok) return false;
    const ty_loc_word *lw = NULL;
    size_t n = t->tok[j].kind == TY_TOK_NUM ? 0 : rec_words(c, t, j, RW(number_words), &lw);
    if (n) {
        w->n = n;
        w->kind = lw->kind == TY_NUMW_SCALE_EXP ? TY_NUMW_SCALE : lw->kind;
        w->v = lw->kind == TY_NUMW_SCALE_EXP ? rec_pow10(lw->value) : (double)lw->value;
        w->digits = false;
        return true;
    }
    if (!digits) return false;
    long v = rec_tok_int(t, j, NULL);
    if (v < 0 || (j > 0 && rec_adjacent(s, j) && t->tok[j - 1].kind == TY_TOK_WORD) || rec_digits_marked(s, j))
        return false;
    w->n = 1;
    w->kind = TY_NUMW_ADD;
    w->v = (double)v;
    w->digits = true;
    return true;
}

/* True when token j-1 is one tens word ("twenty"). */
static bool rec_tens_before(const rec_cx *c, const rec_src *s, size_t j) {
    rec_nw w;
    return j > 0 && rec_nw_at(c, s, j - 1, false, &w) && w.n == 1 && w.kind == TY_NUMW_ADD && w.v >= 20 && w.v <= 90 &&
           (long)w.v % 10 == 0;
}

/* A fraction word at token j that can close a fraction there: a word that
 * only ends a compound ("first") needs a tens word before it. */
static size_t rec_frac_usable(const rec_cx *c, const rec_src *s, size_t j, rec_fw *fw) {
    size_t n = rec_frac_word(c, s->t, j, fw);
    return n && (!(fw->kind & TY_FRAC_COMPOUND) || rec_tens_before(c, s, j)) ? n : 0;
}

/* An article standing for one before a scale or a fraction word ("a
 * hundred", "a half") at token j: its tokens, or 0. */
static size_t rec_article_one(const rec_cx *c, const rec_src *s, size_t j) {
    size_t an = rec_list_at(s->t, j, c->loc->number_articles);
    if (!an) return 0;
    rec_nw nx;
    rec_fw fwv, *fw = &fwv;
    if ((rec_nw_at(c, s, j + an, false, &nx) && nx.kind != TY_NUMW_ADD) || rec_frac_usable(c, s, j + an, fw))
        return an;
    /* "a twenty-first" */
    if (rec_nw_at(c, s, j + an, false, &nx) && nx.v >= 20 && nx.v <= 90 && rec_frac_word(c, s->t, j + an + nx.n, fw) &&
        (fw->kind & TY_FRAC_UNIT))
        return an;
    return 0;
}

/* A whole number in words (and plain digits: "3 hundred and 21"), as
 * rec_int_phrase reads it. */
typedef struct rec_ip {
    double v;
    size_t end;            /* first token after */
    double scale;          /* the scale word it ends on, 0 when none */
    size_t split;          /* first token after its last "and", 0 when none */
    size_t split_conn;     /* that "and" */
    double split_v, split_scale; /* the value (and its closing scale) before that "and" */
} rec_ip;

enum { REC_MAX_GROUPS = 8 };

/* The running state of rec_int_phrase: closed scale groups and the open one. */
typedef struct rec_ipst {
    double gv[REC_MAX_GROUPS], gs[REC_MAX_GROUPS]; /* group values and their scales */
    int ng;
    double cur, last_add, last_scale;
    bool any, last_digits, last_zero;
} rec_ipst;

/* Sum of the closed groups and the open one. */
static double rec_ip_sum(const rec_ipst *st) {
    double v = st->cur;
    for (int k = 0; k < st->ng; k++) v += st->gv[k];
    return v;
}

/* Whether an ADD item may follow: units after tens, anything after a
 * scale; never after a digit token or zero, never zero after anything. */
static bool rec_add_ok(const rec_ipst *st, const rec_nw *w) {
    if (!st->any) return true;
    if (st->last_digits || st->last_zero || w->v == 0) return false;
    if (st->last_add == 0) return true;
    long la = (long)st->last_add;
    return !w->digits && la % 10 == 0 && w->v < rec_place(la);
}

/* Closes the groups below scale w->v into one group of that scale ("dos
 * mil millones" is 2000 millions); false when there is no room. */
static bool rec_ip_scale(rec_ipst *st, const rec_nw *w) {
    double x = st->cur;
    while (st->ng && st->gs[st->ng - 1] < w->v) x += st->gv[--st->ng];
    if (st->ng == REC_MAX_GROUPS) return false;
    st->gv[st->ng] = (x == 0 ? 1 : x) * w->v;
    st->gs[st->ng++] = w->v;
    st->cur = 0;
    return true;
}

/* Adds one item to the running number; false when it cannot follow. */
static bool rec_ip_take(rec_ipst *st, const rec_nw *w) {
    if (w->kind == TY_NUMW_ADD) {
        if (!rec_add_ok(st, w)) return false;
        st->cur += w->v;
    } else if (w->kind == TY_NUMW_MUL) {
        st->cur = (st->cur == 0 ? 1 : st->cur) * w->v;
    } else if (w->kind == TY_NUMW_DOZEN) { /* of the last word: "two hundred and two dozen" */
        st->cur = st->last_add != 0 ? st->cur + st->last_add * (w->v - 1) : (st->cur == 0 ? 1 : st->cur) * w->v;
    } else if (!rec_ip_scale(st, w)) {
        return false;
    }
    st->last_add = w->kind == TY_NUMW_ADD ? w->v : 0;
    st->last_scale = w->kind == TY_NUMW_SCALE ? w->v : 0;
    st->last_digits = w->digits;
    st->last_zero = w->kind == TY_NUMW_ADD && w->v == 0;
    st->any = true;
    return true;
}

/* The item at token j: a number word, a digit token (digits), or an
 * article standing for one at the start ("a hundred"). */
static bool rec_ip_item(const rec_cx *c, const rec_src *s, size_t j, bool digits, bool first, rec_nw *w) {
    if (rec_nw_at(c, s, j, digits, w)) return true;
    if (!first || (w->n = rec_article_one(c, s, j)) == 0) return false;
    w->v = 1;
    w->kind = TY_NUMW_ADD;
    w->digits = false;
    return true;
}

/* A whole number in words read from token i, before token lim; "and"
 * joins a following unit ("one hundred and six") and is remembered. */
static bool rec_int_phrase(const rec_cx *c, const rec_src *s, size_t i, size_t lim, bool digits, rec_ip *p) {
    const ty_tokens *t = s->t;
    rec_ipst st;
    memset(&st, 0, sizeof st);
    memset(p, 0, sizeof *p);
    size_t j = i, end = i;
    if (lim > t->ntok) lim = t->ntok;
    while (j < lim && !(st.any && rec_gap_punct(s, j))) {
        rec_nw w;
        if (rec_ip_item(c, s, j, digits, !st.any, &w)) {
            if (!rec_ip_take(&st, &w)) break;
            j += w.n;
            end = j;
            continue;
        }
        size_t cn = st.any ? rec_list(c, t, j, RL(number_connectors)) : 0;
        if (!cn || j + cn >= lim || !rec_nw_at(c, s, j + cn, digits, &w) || w.kind != TY_NUMW_ADD || !rec_add_ok(&st, &w))
            break;
        p->split = j + cn;
        p->split_conn = j;
        p->split_v = rec_ip_sum(&st);
        p->split_scale = st.last_scale;
        j += cn;
    }
    if (!st.any) return false;
    p->v = rec_ip_sum(&st);
    p->end = end;
    p->scale = st.last_scale;
    return true;
}

/* A scale (or dozen) word at token j, optionally after "of a" when of:
 * its value, and *j moved past it; 0 when none. */
static double rec_scale_after(const rec_cx *c, const rec_src *s, size_t *j, bool of) {
    size_t on = of ? rec_list_at(s->t, *j, c->loc->fraction_of) : 0;
    rec_nw w;
    for (int pass = 0; pass < 2; pass++, on = 0) {
        if (rec_nw_at(c, s, *j + on, false, &w) && (w.kind == TY_NUMW_SCALE || w.kind == TY_NUMW_DOZEN)) {
            *j += on + w.n;
            return w.v;
        }
    }
    return 0;
}

/* whole (closed by scale ws) and the fraction f read up to *j: a scale
 * after the fraction scales it ("one billion and a half million") or the
 * sum ("five and a half million"); a bare fraction scales with "of a"
 * ("two thirds of a million", "half a dozen"); else the scale of the whole
 * scales it ("three million and a quarter"). */
static double rec_mixed(const rec_cx *c, const rec_src *s, double whole, double ws, double f, bool mixed, size_t *j) {
    double sc = rec_scale_after(c, s, j, !mixed);
    if (!mixed) return sc ? f * sc : f;
    if (sc) return ws ? whole + f * sc : (whole + f) * sc;
    return ws ? whole + f * ws : whole + f;
}

/* The compound denominator ending at fraction word k ("thirty fifths",
 * "twenty-first"), whose numerator the words from i read: true with *v. */
static bool rec_frac_compound(const rec_cx *c, const rec_src *s, size_t i, size_t k, bool digits, const rec_fw *fw,
                              double *v, bool *bad) {
    rec_nw tw;
    if (!(fw->kind & TY_FRAC_UNIT) || k < i + 2 || !rec_nw_at(c, s, k - 1, false, &tw) || tw.n != 1 ||
        tw.kind != TY_NUMW_ADD || tw.v < 20 || tw.v > 90 || (long)tw.v % 10 != 0 ||
        rec_list(c, s->t, k - 2, RL(number_connectors)))
        return false;
    rec_ip num;
    if (!rec_int_phrase(c, s, i, k - 1, digits, &num) || num.end != k - 1) return false;
    if (!(fw->kind & TY_FRAC_PLURAL) && num.v != 1) return *bad = true, false;
    *v = num.v / (tw.v + fw->den);
    return true;
}

/* A fraction whose denominator word is at token k and whose numerator is
 * the whole number a read from i ("two thirds", "one hundred and three
 * quarters" = 100 + 3/4: a proper fraction after the last "and" is the
 * fraction of a mixed number). *end receives the token after. */
static bool rec_frac_tail(const rec_cx *c, const rec_src *s, size_t i, const rec_ip *a, size_t k, bool digits,
                          double *v, size_t *end, bool *bad) {
    rec_fw fwv, *fw = &fwv;
    size_t fn = rec_frac_word(c, s->t, k, fw);
    if (!fn) return false;
    *end = k + fn;
    if (rec_frac_compound(c, s, i, k, digits, fw, v, bad)) {
        *v = rec_mixed(c, s, 0, 0, *v, false, end);
        return true;
    }
    if (*bad || (fw->kind & TY_FRAC_COMPOUND)) return *bad = true, false;
    double den = fw->den, whole = 0, ws = 0, numer = a->v;
    bool mixed = false;
    if (a->split && rec_list_at(s->t, a->split_conn, c->loc->fraction_and) && a->v - a->split_v > 0 && a->v - a->split_v < den) {
        whole = a->split_v;
        ws = a->split_scale;
        numer = a->v - a->split_v;
        mixed = true;
    }
    if (!(fw->kind & TY_FRAC_PLURAL) && numer != 1) return *bad = true, false;
    *v = rec_mixed(c, s, whole, ws, numer / den, mixed, end);
    return true;
}

/* A fraction after "and"/"con" at token j (connector excluded): "a half",
 * "three fifths", "medio"; proper only. *f and *end receive it. */
static bool rec_frac_after_and(const rec_cx *c, const rec_src *s, size_t j, bool digits, double *f, size_t *end) {
    rec_fw fwv, *fw = &fwv;
    rec_ip b;
    double numer;
    size_t k;
    if (rec_int_phrase(c, s, j, s->t->ntok, digits, &b) && rec_frac_word(c, s->t, b.end, fw)) {
        numer = b.v;
        k = b.end;
    } else if (rec_frac_word(c, s->t, j, fw) && (fw->kind & TY_FRAC_BARE)) {
        numer = 1;
        k = j;
    } else {
        return false;
    }
    double den = fw->den;
    if ((fw->kind & TY_FRAC_COMPOUND) || numer >= den || numer <= 0 || (!(fw->kind & TY_FRAC_PLURAL) && numer != 1))
        return false;
    *f = numer / den;
    *end = k + rec_frac_word(c, s->t, k, fw);
    return true;
}

/* Appends the decimal digits of whole v >= 0 to buf (cap bytes). */
static bool rec_append_int(char *buf, size_t *bl, size_t cap, double v) {
    char tmp[24];
    size_t n = 0;
    if (!rec_is_whole(v) || v < 0) return false;
    long long x = (long long)v;
    do {
        tmp[n++] = (char)('0' + x % 10);
        x /= 10;
    } while (x && n < sizeof tmp);
    if (*bl + n >= cap) return false;
    while (n) buf[(*bl)++] = tmp[--n];
    return true;
}

/* Spelt-out decimals after a decimal word at token j ("point zero three",
 * "coma veintiocho"): the fraction 0.03 in *f, *end after it. */
static bool rec_decimal_words(const rec_cx *c, const rec_src *s, size_t j, bool digits, double *f, size_t *end) {
    char buf[48] = "0.";
    size_t bl = 2, k = j;
    while (k < s->t->ntok) {
        rec_nw w;
        rec_ip d;
        if (!rec_nw_at(c, s, k, digits, &w)) break;
        if (w.kind == TY_NUMW_ADD && w.v == 0) {
            if (bl + 1 >= sizeof buf) return false;
            buf[bl++] = '0';
            k += w.n;
            continue;
        }
        if (!rec_int_phrase(c, s, k, s->t->ntok, digits, &d) || !rec_append_int(buf, &bl, sizeof buf, d.v)) break;
        k = d.end;
    }
    if (bl == 2 || !ty_parse_number(buf, bl, f)) return false;
    *end = k;
    return true;
}

/* True when token j goes on with number words the reader could not take
 * ("two thirds" read as far as "two"): the phrase is then no number. */
static bool rec_runs_on(const rec_cx *c, const rec_src *s, size_t j) {
    rec_fw fwv, *fw = &fwv;
    rec_nw w;
    if (j >= s->t->ntok || rec_gap_punct(s, j)) return false;
    return rec_nw_at(c, s, j, false, &w) || rec_frac_usable(c, s, j, fw);
}

/* A ratio after the whole number a at token *end: "over"/"out of" and a
 * divisor ("one over three", "2 out of 500"); a divisor that counts days,
 * weeks or years is a span of time ("$10000 over 3 years"), not a ratio. */
static bool rec_ratio(const rec_cx *c, const rec_src *s, const rec_ip *a, size_t *end, double *v) {
    size_t on = rec_list_at(s->t, *end, c->loc->fraction_over);
    rec_ip b;
    const ty_loc_word *unit;
    if (!on || !rec_int_phrase(c, s, *end + on, s->t->ntok, true, &b) || b.v == 0 || rec_runs_on(c, s, b.end) ||
        rec_words(c, s->t, b.end, RW(day_units), &unit))
        return false;
    *v = a->v / b.v;
    *end = b.end;
    return true;
}

/* What may follow the whole number a read from token i: a fraction word
 * ("two thirds"), "and" and a fraction ("one and a half"), a decimal word
 * ("five point five"), a ratio ("one over three"). *v and *end receive the
 * whole reading; false (with *bad) when a fraction cannot be read. */
static bool rec_words_tail(const rec_cx *c, const rec_src *s, size_t i, const rec_ip *a, bool digits, double *v,
                           size_t *end, bool *bad) {
    const ty_tokens *t = s->t;
    rec_fw fwv, *fw = &fwv;
    double f;
    size_t k, fn, dn, e = a->end;
    size_t an = rec_list_at(t, e, c->loc->fraction_and);
    size_t cn = an ? 0 : rec_list(c, t, e, RL(number_connectors));
    if (cn && rec_frac_word(c, t, e + cn, fw) && (fw->kind & TY_FRAC_BARE)) an = cn; /* "tres y medio" */
    *v = a->v;
    *end = e;
    if (rec_frac_usable(c, s, e, fw)) return rec_frac_tail(c, s, i, a, e, digits, v, end, bad);
    if ((fn = rec_frac_word(c, t, e + 1, fw)) != 0 && rec_frac_compound(c, s, i, e + 1, digits, fw, v, bad)) {
        *end = e + 1 + fn; /* "one twenty-fifth": the tens word did not join the numerator */
        *v = rec_mixed(c, s, 0, 0, *v, false, end);
    } else if (an && rec_frac_after_and(c, s, e + an, digits, &f, &k)) {
        *end = k;
        *v = rec_mixed(c, s, a->v, a->scale, f, true, end);
    } else if ((dn = rec_list_at(t, e, c->loc->decimal_words)) && rec_decimal_words(c, s, e + dn, digits, &f, &k)) {
        *v = a->v + f;
        *end = k;
    } else {
        rec_ratio(c, s, a, end, v);
    }
    return true;
}

/* A spelt-out number at token i ("twenty five", "ciento veinte", "two
 * thousand"), a fraction ("two thirds", "one and a half", "tres cuartos",
 * "one over three", "half"), a spelt-out decimal ("five point five"); with
 * digits, plain digit tokens may stand for words ("3 hundred and 21"). A
 * phrase that runs on into number words it cannot read is no number
 * (out->bad). */
static bool rec_number_words_d(const rec_cx *c, const rec_src *s, size_t i, bool digits, rec_num *out) {
    const ty_tokens *t = s->t;
    rec_ip a;
    double v = 0;
    size_t end = i;
    memset(out, 0, sizeof *out);
    rec_fw fwv, *fw = &fwv;
    if (rec_int_phrase(c, s, i, t->ntok, digits, &a)) {
        if (!rec_words_tail(c, s, i, &a, digits, &v, &end, &out->bad)) return false;
    } else if (rec_frac_word(c, t, i, fw) && (fw->kind & TY_FRAC_BARE)) {
        end = i + rec_frac_word(c, t, i, fw);
        v = rec_mixed(c, s, 0, 0, 1 / fw->den, false, &end);
    } else {
        return false;
    }
    if (rec_runs_on(c, s, end)) {
        out->bad = true;
        return false;
    }
    out->v = v;
    out->t0 = i;
    out->t1 = end;
    out->b0 = t->tok[i].b_start;
    out->words = true;
    out->integer = rec_is_whole(v);
    return true;
}

/* The whole number in words at token i as far as it reads, with nothing
 * after it checked: a time reads "eight forty" as two of these. */
static bool rec_int_words(const rec_cx *c, const rec_src *s, size_t i, double *v, size_t *end) {
    rec_ip a;
    if (!rec_int_phrase(c, s, i, s->t->ntok, false, &a)) return false;
    *v = a.v;
    *end = a.end;
    return true;
}

/* A spelt-out number at token i (words only). */
static bool rec_number_words(const rec_cx *c, const rec_src *s, size_t i, rec_num *out) {
    return rec_number_words_d(c, s, i, false, out);
}

/* A '-' (or U+2212) written before token i; *b receives its byte. "- 10"
 * with spaces after the dash counts only when it opens the message. */
static bool rec_minus_before(const rec_src *s, size_t i, size_t *b) {
    const ty_tokens *t = s->t;
    const char *g;
    size_t gn;
    rec_gap(s, i, &g, &gn);
    size_t a = (size_t)(g - s->text);
    if (gn >= 1 && g[gn - 1] == '-' &&
        (gn == 1 ? i == 0 : (ty_is_space((unsigned char)g[gn - 2]) || g[gn - 2] == '('))) {
        *b = a + gn - 1;
        return true;
    }
    if (gn >= 3 && memcmp(g + gn - 3, "\xE2\x88\x92", 3) == 0) { /* U+2212 MINUS SIGN */
        *b = a + gn - 3;
        return true;
    }
    if (i > 0 && rec_adjacent(s, i)) {
        size_t pn;
        const char *p = rec_tok(t, i - 1, &pn);
        if (pn == 3 && memcmp(p, "\xE2\x88\x92", 3) == 0) {
            *b = t->tok[i - 1].b_start;
            return true;
        }
    }
    if (i != 0) return false;
    size_t k = gn;
    while (k && ty_is_space((unsigned char)g[k - 1])) k--;
    if (!k || k == gn || g[k - 1] != '-') return false;
    for (size_t q = 0; q + 1 < k; q++)
        if (!ty_is_space((unsigned char)g[q])) return false;
    *b = a + k - 1;
    return true;
}

/* The separator of space-grouped thousands before token j ("1 234 567",
 * also a no-break or narrow no-break space): its bytes, or 0. */
static size_t rec_space_group(const rec_src *s, size_t j, const char **sep) {
    const char *g;
    size_t gn;
    if (j >= s->t->ntok) return 0;
    rec_gap(s, j, &g, &gn);
    if ((gn == 1 && g[0] == ' ') || (gn == 2 && memcmp(g, "\xC2\xA0", 2) == 0) ||
        (gn == 3 && (memcmp(g, "\xE2\x80\xAF", 3) == 0 || memcmp(g, "\xE2\x80\x89", 3) == 0))) {
        *sep = g;
        return gn;
    }
    return 0;
}

/* Appends the n digits of token j to buf (72 bytes); false when too long. */
static bool rec_put_digits(const rec_src *s, size_t j, char *buf, size_t *bl) {
    size_t n;
    const char *d = rec_tok(s->t, j, &n);
    if (*bl + n > 64) return false;
    memcpy(buf + *bl, d, n);
    *bl += n;
    return true;
}

/* Thousands groups after the digits of token i into buf: the locale's mark
 * ("1,234"), spaces ("1 234"), or Indian groups ("12,34,567"). *j moves
 * past them. */
static void rec_groups(const rec_cx *c, const rec_src *s, size_t i, char *buf, size_t *bl, size_t *j) {
    const ty_tokens *t = s->t;
    char grp = c->loc->decimal_mark == '.' ? ',' : '.';
    size_t n;
    rec_tok(t, i, &n);
    if (n > 3) return;
    size_t k = i + 1;
    while (k < t->ntok && rec_gap_is(s, k, grp) && rec_tok_is_ascii_digits(t, k) && t->tok[k].end - t->tok[k].start == 3 &&
           rec_put_digits(s, k, buf, bl))
        k++;
    const char *sep = NULL, *sep2;
    size_t sn = k == i + 1 ? rec_space_group(s, k, &sep) : 0;
    while (sn && rec_space_group(s, k, &sep2) == sn && memcmp(sep, sep2, sn) == 0 && rec_tok_is_ascii_digits(t, k) &&
           t->tok[k].end - t->tok[k].start == 3 && rec_put_digits(s, k, buf, bl))
        k++;
    if (k == i + 1 && grp == ',' && n <= 2) { /* Indian: 2-digit groups, then one of 3 */
        size_t q = k, len2 = *bl;
        while (q < t->ntok && q - k < 8 && rec_gap_is(s, q, ',') && rec_tok_is_ascii_digits(t, q) &&
               t->tok[q].end - t->tok[q].start == 2)
            q++;
        if (q > k && q < t->ntok && rec_gap_is(s, q, ',') && rec_tok_is_ascii_digits(t, q) &&
            t->tok[q].end - t->tok[q].start == 3 && !(q + 1 < t->ntok && rec_gap_is(s, q + 1, ','))) {
            for (size_t r = k; r <= q; r++)
                if (!rec_put_digits(s, r, buf, bl)) {
                    *bl = len2;
                    return;
                }
            k = q + 1;
        }
    }
    *j = k;
}

/* An exponent written at byte e of the original text: "e-1", "E+14",
 * "x10^6" (*pow false: times 10^x) or "^23", "^-1" (*pow true: to the
 * power x). *after receives the byte after it. */
static bool rec_exponent(const rec_src *s, size_t e, bool *pow, long *x, size_t *after) {
    const char *p = s->text;
    size_t n = s->len, q = e;
    if (q < n && (p[q] == 'e' || p[q] == 'E')) {
        q++;
        *pow = false;
    } else if (q < n && p[q] == '^') {
        q++;
        *pow = true;
    } else if (q + 3 < n && (p[q] == 'x' || p[q] == 'X') && memcmp(p + q + 1, "10^", 3) == 0) {
        q += 4;
        *pow = false;
    } else if (q + 4 < n && memcmp(p + q, "\xC3\x97" "10^", 5) == 0) {
        q += 5;
        *pow = false;
    } else {
        return false;
    }
    int sign = 1;
    for (int k = 0; k < 2 && q < n && (p[q] == '+' || p[q] == '-'); k++, q++)
        if (p[q] == '-') sign = -sign;
    size_t d = q;
    long v = 0;
    while (q < n && ty_is_digit((unsigned char)p[q]) && q - d < 4) v = v * 10 + (p[q++] - '0');
    if (q == d || (q < n && (ty_is_alpha((unsigned char)p[q]) || ty_is_digit((unsigned char)p[q])))) return false;
    *x = sign * v;
    *after = q;
    return true;
}

/* The first token at or after byte b, when no token straddles b. */
static bool rec_tok_at_byte(const rec_src *s, size_t from, size_t b, size_t *j) {
    size_t k = from;
    while (k < s->t->ntok && s->t->tok[k].b_start < b) k++;
    if (k > 0 && s->t->tok[k - 1].b_end > b) return false;
    *j = k;
    return true;
}

/* Applies an exponent after the mantissa buf (tokens up to *j): the last
 * token may hold a caret the normaliser dropped ("1^23" read "123").
 * *v receives the value; false when the written exponent is malformed. */
static bool rec_apply_exponent(const rec_src *s, char *buf, size_t *bl, size_t *j, double *v, bool *integer) {
    const ty_token *last = &s->t->tok[*j - 1];
    const char *caret = memchr(s->text + last->b_start, '^', last->b_end - last->b_start);
    size_t e = caret ? (size_t)(caret - s->text) : last->b_end;
    if (caret) {
        size_t cut = last->b_end - e - 1; /* ASCII digits after the caret */
        if (cut >= *bl || buf[*bl - cut - 1] == '.') return false;
        *bl -= cut;
    }
    bool pow;
    long x;
    size_t after;
    if (!ty_parse_number(buf, *bl, v)) return false;
    if (!rec_exponent(s, e, &pow, &x, &after)) return !caret;
    if (!rec_tok_at_byte(s, *j - 1, after, j)) return false;
    if (pow) {
        if (x > 400 || x < -400) return false;
        *v = rec_powi(*v, x);
    } else {
        int k = snprintf(buf + *bl, 16, "e%ld", x);
        if (k <= 0 || !ty_parse_number(buf, *bl + (size_t)k, v)) return false;
    }
    *integer = rec_is_whole(*v);
    return true;
}

/* The token of the denominator after a fraction slash before token j
 * ("3/4"; "¾" is read "3⁄4" with U+2044), or 0 when none. */
static size_t rec_slash_den(const rec_src *s, size_t j) {
    const ty_tokens *t = s->t;
    size_t d = 0;
    if (j < t->ntok && rec_gap_is(s, j, '/')) d = j;
    else if (j + 1 < t->ntok && t->tok[j].kind == TY_TOK_SYM && t->tok[j].end - t->tok[j].start == 3 &&
             memcmp(t->norm + t->tok[j].start, "\xE2\x81\x84", 3) == 0 && !rec_gap_punct(s, j + 1))
        d = j + 1;
    if (!d || !rec_tok_is_ascii_digits(t, d) || (d + 1 < t->ntok && rec_gap_is(s, d + 1, '/'))) return 0;
    return d;
}

/* A fraction in digits after whole number token i ("3/4", "2 1/4"): *v
 * and *j updated; the slash may not follow another one (dates). */
static void rec_digit_fraction(const rec_src *s, size_t i, double *v, size_t *j) {
    const ty_tokens *t = s->t;
    if (i > 0 && rec_gap_is(s, i, '/')) return;
    size_t d = rec_slash_den(s, *j);
    long den = d ? rec_tok_int(t, d, NULL) : -1;
    if (den > 0) {
        *v /= (double)den;
        *j = d + 1;
        return;
    }
    const char *g;
    size_t gn;
    if (*j >= t->ntok || !rec_tok_is_ascii_digits(t, *j)) return;
    rec_gap(s, *j, &g, &gn);
    if (!gn || !ty_is_space((unsigned char)g[0]) || rec_gap_punct(s, *j)) return;
    d = rec_slash_den(s, *j + 1);
    long num = rec_tok_int(t, *j, NULL);
    den = d ? rec_tok_int(t, d, NULL) : -1;
    if (den > 0 && num >= 0 && num < den) {
        *v += (double)num / (double)den;
        *j = d + 1;
    }
}

/* The digits of a number at token i into buf (JSON shape): a leading
 * decimal mark (".08", *b0 moves onto it), thousands groups, a decimal
 * part; *j moves past them. True when it is a whole number. */
static bool rec_mantissa(const rec_cx *c, const rec_src *s, size_t i, char *buf, size_t *bl, size_t *j, size_t *b0) {
    const ty_tokens *t = s->t;
    size_t n, gn;
    const char *d = rec_tok(t, i, &n), *g;
    char dec = c->loc->decimal_mark, grp = dec == '.' ? ',' : '.';
    rec_gap(s, i, &g, &gn);
    if (gn && g[gn - 1] == dec && (gn == 1 ? i == 0 : ty_is_space((unsigned char)g[gn - 2]))) {
        memcpy(buf, "0.", 2); /* ".08" */
        memcpy(buf + 2, d, n);
        *bl = n + 2;
        (*b0)--;
        return false;
    }
    size_t z = 0;
    while (z + 1 < n && d[z] == '0') z++; /* JSON grammar: no leading zeros */
    memcpy(buf, d + z, n - z);
    *bl = n - z;
    rec_groups(c, s, i, buf, bl, j);
    size_t k = *j;
    if (k >= t->ntok || !(rec_gap_is(s, k, dec) || rec_gap_is(s, k, grp)) || !rec_tok_is_ascii_digits(t, k)) return true;
    size_t fn = t->tok[k].end - t->tok[k].start;
    /* a group mark reads as a decimal point only where it cannot group */
    if (!(rec_gap_is(s, k, dec) || fn != 3 || k > i + 1) || fn > 30) return true;
    buf[(*bl)++] = '.';
    rec_put_digits(s, k, buf, bl);
    *j = k + 1;
    return false;
}

/* A number in digits at token i: groups, decimals (".08" too), exponents
 * ("1.3e6", "2.5^-1", "6.2x10^-4"), fractions ("3/4", "2 1/4", "¾"), and
 * a sign when allow_sign. A number glued to letters before it ("t15") is
 * part of a code, not a number. */
static bool rec_digits_at(const rec_cx *c, const rec_src *s, size_t i, bool allow_sign, rec_num *out) {
    const ty_tokens *t = s->t;
    if (!rec_tok_is_ascii_digits(t, i) || t->tok[i].end - t->tok[i].start > 30) return false;
    if (i > 0 && rec_adjacent(s, i) && t->tok[i - 1].kind == TY_TOK_WORD) return false;
    char buf[96];
    size_t bl = 0, j = i + 1, b0 = t->tok[i].b_start;
    bool integer = rec_mantissa(c, s, i, buf, &bl, &j, &b0);
    double v;
    if (!rec_apply_exponent(s, buf, &bl, &j, &v, &integer)) return false;
    if (integer && j == i + 1) {
        rec_digit_fraction(s, i, &v, &j);
        integer = rec_is_whole(v);
    }
    size_t mb;
    if (allow_sign && rec_minus_before(s, i, &mb)) {
        v = -v;
        b0 = mb;
    }
    out->v = v;
    out->t0 = i;
    out->t1 = j;
    out->b0 = b0;
    out->integer = integer;
    return true;
}

/* A number at token i: digits (rec_digits_at), words when allow_words
 * (rec_number_words; digits may then lead a spelt-out number: "3 hundred",
 * "2 mil millones", "1 over 3"), a minus word before either when
 * allow_sign. */
static bool rec_number_at(const rec_cx *c, const rec_src *s, size_t i, bool allow_words, bool allow_sign,
                          rec_num *out) {
    const ty_tokens *t = s->t;
    if (i >= t->ntok) return false;
    memset(out, 0, sizeof *out);
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
            if (inner.bad) return out->bad = true, false;
        }
    }
    if (t->tok[i].kind != TY_TOK_NUM) return allow_words && rec_number_words(c, s, i, out);
    if (!rec_digits_at(c, s, i, allow_sign, out)) return false;
    rec_nw w;
    if (!allow_words || out->t1 >= t->ntok || t->tok[out->t1].kind != TY_TOK_WORD) return true; /* words go on */
    if (out->integer && out->t1 == i + 1 && rec_nw_at(c, s, i, true, &w)) {
        rec_num wn;
        if (rec_number_words_d(c, s, i, true, &wn) && wn.t1 > out->t1) {
            bool neg = out->v < 0;
            size_t b0 = out->b0;
            *out = wn;
            out->v = neg ? -wn.v : wn.v;
            out->b0 = b0;
            out->words = false;
        } else if (wn.bad) {
            out->bad = true;
            return false;
        }
    } else if (rec_nw_at(c, s, out->t1, false, &w) && w.kind != TY_NUMW_ADD) {
        out->v *= w.v; /* "1.5 trillion", "2,5 docenas" */
        out->t1 += w.n;
        out->integer = rec_is_whole(out->v);
    }
    return true;
}


/* Marks the message tokens inside dates and times (rec_date.c). */
static void rec_cover_dates_times(rec_cx *c, bool *covered);

/* ---- number ------------------------------------------------------------- */

/* A multiplier after a number at token j ("50k", "10M", "1.2 bn"): its
 * entry, or NULL; a capitals-only one must be written in capitals. */
static const ty_loc_word *rec_multiplier(const rec_cx *c, size_t j, size_t *n) {
    const ty_tokens *t = c->msg.t;
    const ty_loc_word *w = NULL;
    *n = rec_words(c, t, j, RW(multipliers), &w);
    if (!*n) return NULL;
    unsigned char first = (unsigned char)c->msg.text[t->tok[j].b_start];
    if (w->kind == TY_MULT_UPPER && !(first >= 'A' && first <= 'Z')) return NULL;
    return w;
}

/* True when a bare "one" is a pronoun ("that one is good", "the one you
 * said", "the first one"): a determiner or an ordinal stands before it. */
static bool rec_pronoun_one(const rec_cx *c, const rec_num *num) {
    const ty_tokens *t = c->msg.t;
    if (!num->words || num->v != 1 || num->t1 != num->t0 + 1 || num->t0 == 0) return false;
    size_t n;
    const char *p = rec_tok(t, num->t0 - 1, &n);
    const ty_loc_word *w;
    return !rec_gap_punct(&c->msg, num->t0) &&
           (rec_in_list(p, n, c->loc->one_determiners) || rec_words(c, t, num->t0 - 1, RW(ordinals), &w) == 1);
}

/* True when letters are glued to the end of the number ("180ml", "29km"):
 * a measure, not a number answer. An ordinal suffix ("2nd") or a word
 * that says it roughly ("120ish") is not a unit. */
static bool rec_glued_unit(const rec_cx *c, size_t j) {
    const ty_tokens *t = c->msg.t;
    return j < t->ntok && t->tok[j].kind == TY_TOK_WORD && rec_adjacent(&c->msg, j) &&
           !rec_tok_in(c, t, j, RL(ordinal_suffixes)) && rec_list_at(t, j, c->loc->rough_suffixes) != 1;
}

static bool rec_counts_word(const rec_cx *c, const rec_num *num);

/* True when num, in digits, is the whole name of an option (option_numbers)
 * after a word and a word that links a size ("un gas de 15", "el normal de
 * 15" where "15" names the 15 kg cylinder): it names that option, no count
 * ("un grupo de 15" counts where no option is named "15"). */
static bool rec_names_option(const rec_cx *c, const rec_num *num) {
    const ty_tokens *t = c->msg.t;
    if (num->words || !c->ctx || !c->ctx->option_numbers || num->t1 != num->t0 + 1 || num->t0 < 2) return false;
    if (rec_list_at(t, num->t0 - 1, c->loc->size_links) != 1 || t->tok[num->t0 - 2].kind != TY_TOK_WORD) return false;
    size_t n;
    const char *w = rec_tok(t, num->t0, &n);
    return ty_wordset_has(c->ctx->option_numbers, w, n);
}

/* True when num gives the size of an option the playbook names, after a
 * word that links them ("la serenata de 5", "un sofá de 3"), with no
 * unit, currency or range after it ("de 9 a 5", "de 500 pesos"). */
static bool rec_sized(const rec_cx *c, const rec_num *num) {
    const ty_tokens *t = c->msg.t;
    const char *iso;
    size_t wn;
    if (num->t0 < 2 || !c->ctx || rec_list_at(t, num->t0 - 1, c->loc->size_links) != 1 || rec_gap_cuts(&c->msg, num->t0) ||
        rec_gap_cuts(&c->msg, num->t0 - 1))
        return false;
    const char *w = rec_tok(t, num->t0 - 2, &wn);
    if (!ty_wordset_has(c->ctx->option_words, w, wn)) return false;
    return num->t1 >= t->ntok || rec_gap_cuts(&c->msg, num->t1) ||
           (!rec_currency_at(c, num->t1, &iso) && !rec_list_at(t, num->t1, c->loc->not_money) &&
            !rec_list_at(t, num->t1, c->loc->time_unit_names) && !rec_list(c, t, num->t1, RL(range_to)) &&
            t->tok[num->t1].kind == TY_TOK_WORD && !rec_counts_word(c, num));
}

/* True when num counts people, so that it is read in passing too: after
 * words that give a count in its clause ("somos 6 el sábado", "a table
 * for 4", "son 5", "una torta para 20") unless a word after it says it
 * counts something else ("son 5 euros", "for 2 nights") or it is an
 * article ("para una despedida"), or before a word for people ("4
 * personas", "six of us"). A bare number in passing is no entity. */
static bool rec_counted(const rec_cx *c, const rec_num *num) {
    const char *iso;
    if (rec_list(c, c->msg.t, num->t1, RL(count_after)) || rec_sized(c, num)) return true;
    return rec_phrase_ends_at(c, num->t0, 3, RL(count_before)) && !(num->words && num->v == 1) &&
           !rec_currency_at(c, num->t1, &iso) && !rec_list_at(c->msg.t, num->t1, c->loc->not_money) &&
           !rec_list_at(c->msg.t, num->t1, c->loc->time_unit_names);
}

/* True when token j names what the number slot `name` counts: the name,
 * or a part of it between underscores, in the same stem ("3 habitaciones"
 * for "habitaciones", "3 bed" for "beds", "2 rooms" for "num_rooms"), or
 * the one cut short of the other ("2 bed 1 bath" for "bedrooms" and
 * "bathrooms"; three letters at least, and no stop word: "20 per" is no
 * "personas"), or one or two letters and a name of five letters or more,
 * a typo allowed ("2 ebiks" for "bikes"). */
static bool rec_names_slot(const rec_cx *c, size_t j, const char *name, size_t nlen) {
    const ty_tokens *t = c->msg.t;
    if (!name || j >= t->ntok || t->tok[j].kind != TY_TOK_WORD) return false;
    size_t tn;
    const char *ts = rec_tok(t, j, &tn);
    const ty_mlex *lex = ty_mlex_for(c->loc->code, strlen(c->loc->code));
    char st[64], sp[64];
    if (!lex || !lex->stem || tn < 3 || tn >= sizeof st) return false;
    size_t kt = lex->stem(ts, tn, st);
    for (size_t a = 0; a < nlen;) {
        size_t b = a;
        while (b < nlen && name[b] != '_') b++;
        if (b - a >= 3 && b - a < sizeof sp) {
            size_t kp = lex->stem(name + a, b - a, sp);
            size_t k = kp < kt ? kp : kt;
            if (kp >= 3 && k >= 3 && memcmp(sp, st, k) == 0 && (kp == kt || !ty_mlex_is_stop(lex, ts, tn)))
                return true;
        }
        /* a compound of one or two letters and the name, a typo allowed:
         * "2 ebikes", "2 ebiks" for "bikes" */
        for (size_t pre = 1; pre <= 2 && b - a >= 5 && tn > pre + 3; pre++)
            if (rec_fuzzy(ts + pre, tn - pre, name + a, b - a, 5)) return true;
        a = b + 1;
    }
    return false;
}

/* True when num is written like a time of day with a dot ("11.30",
 * "9.45"): digits, a '.', two more digits, up to 23.59. A count is never
 * that; a time said where a count was asked is no count of anything. */
static bool rec_dotted_time(const rec_cx *c, const rec_num *num) {
    const ty_tokens *t = c->msg.t;
    const char *s = c->msg.text + num->b0;
    size_t n = t->tok[num->t1 - 1].b_end - num->b0, dot = 0;
    if (num->words || num->integer || n < 4 || n > 5) return false;
    while (dot < n && s[dot] >= '0' && s[dot] <= '9') dot++;
    if (dot == 0 || dot > 2 || dot + 3 != n || s[dot] != '.') return false;
    if (s[dot + 1] < '0' || s[dot + 1] > '5' || s[dot + 2] < '0' || s[dot + 2] > '9') return false; /* :00 to :59 */
    int h = 0;
    for (size_t i = 0; i < dot; i++) h = h * 10 + (s[i] - '0');
    return h <= 23;
}

/* True when the word after the one or two at token j, with no punctuation
 * or stop word between, names the slot: "2 classic bikes", "2 e-bikes". */
static bool rec_names_slot_after(const rec_cx *c, size_t j, const char *name, size_t nlen) {
    const ty_tokens *t = c->msg.t;
    const ty_mlex *lex = ty_mlex_for(c->loc->code, strlen(c->loc->code));
    for (size_t k = j; lex && k < j + 2 && k + 1 < t->ntok; k++) {
        size_t n;
        const char *w = rec_tok(t, k, &n);
        if (t->tok[k].kind != TY_TOK_WORD || rec_gap_punct(&c->msg, k + 1) || ty_mlex_is_stop(lex, w, n)) return false;
        /* "4 llantas rin 15": the name labels the number after it */
        if (rec_names_slot(c, k + 1, name, nlen)) return !(k + 2 < t->ntok && t->tok[k + 2].kind == TY_TOK_NUM);
    }
    return false;
}

/* True when the word right before num, in digits, is the slot's name, with
 * only a space between, and nothing after num but the end of its clause or
 * a stop word: "rin 15" for a slot "rin", "talla 38" for "talla" ("4
 * llantas nuevas rin 15" is 15). */
static bool rec_names_slot_before(const rec_cx *c, const rec_num *num, const char *name, size_t nlen) {
    const ty_tokens *t = c->msg.t;
    if (num->words || num->t0 == 0 || rec_gap_punct(&c->msg, num->t0) || rec_adjacent(&c->msg, num->t0)) return false;
    size_t n;
    const char *w = rec_tok(t, num->t0 - 1, &n);
    if (n != nlen || memcmp(w, name, n) != 0) return false; /* the whole name: "2 bed 1 bath" counts beds */
    if (num->t1 >= t->ntok || rec_gap_punct(&c->msg, num->t1)) return true;
    const ty_mlex *lex = ty_mlex_for(c->loc->code, strlen(c->loc->code));
    w = rec_tok(t, num->t1, &n);
    return t->tok[num->t1].kind == TY_TOK_WORD && lex && ty_mlex_is_stop(lex, w, n); /* "rin 15 para el sábado" */
}

/* The numbers of a message that each count a kind of people ("2 adults
 * 3 kids", "dos adultos y un niño"): their sum, their span, and whether
 * another number stands among them. */
typedef struct rec_heads {
    size_t n;
    double sum;
    size_t b0, b1;
    bool other;
} rec_heads;

/* Adds num to h: to the sum when a kind of people follows it; as another
 * number when nothing it counts follows it ("4", "6 of us", "5 and 7"). A
 * number of something else ("2 lanes") stands aside. */
static void rec_heads_add(const rec_cx *c, rec_heads *h, const rec_num *num) {
    const ty_tokens *t = c->msg.t;
    size_t kn = rec_list(c, t, num->t1, RL(people_kinds));
    if (!kn) {
        bool counts_else = num->t1 < t->ntok && t->tok[num->t1].kind == TY_TOK_WORD && !rec_gap_punct(&c->msg, num->t1) &&
                           !rec_list(c, t, num->t1, RL(and_words)) && !rec_list(c, t, num->t1, RL(or_words)) &&
                           !rec_list(c, t, num->t1, RL(count_after));
        h->other |= !counts_else;
        return;
    }
    if (!h->n) h->b0 = num->b0;
    h->b1 = t->tok[num->t1 + kn - 1].b_end;
    h->sum += num->v;
    h->n++;
}

/* True when a part of the slot's name (between underscores) is, in stem, a
 * one-word entry of one of the lists (nl of them). */
static bool rec_slot_named_in(const rec_cx *c, const char *name, size_t nlen, const char *const *const *lists, size_t nl) {
    const ty_mlex *lex = ty_mlex_for(c->loc->code, strlen(c->loc->code));
    if (!name || !lex || !lex->stem) return false;
    char sp[64], sw[64];
    for (size_t a = 0; a < nlen;) {
        size_t b = a;
        while (b < nlen && name[b] != '_') b++;
        size_t kp = b - a >= 3 && b - a < sizeof sp ? lex->stem(name + a, b - a, sp) : 0;
        for (size_t l = 0; kp >= 3 && l < nl; l++)
            for (const char *const *w = lists[l]; w && *w; w++) {
                size_t wn = strlen(*w);
                if (wn < sizeof sw && !memchr(*w, ' ', wn) && lex->stem(*w, wn, sw) == kp && memcmp(sw, sp, kp) == 0)
                    return true;
            }
        a = b + 1;
    }
    return false;
}

/* True when the slot counts people by its name: a word of the locale's for
 * people (count_after, people_kinds): "personas", "guests", "num_players". */
static bool rec_slot_counts_people(const rec_cx *c, const char *name, size_t nlen) {
    const char *const *lists[2] = {c->loc->count_after, c->loc->people_kinds};
    return rec_slot_named_in(c, name, nlen, lists, 2);
}

/* True when the slot counts children (people_minors): a count said in
 * passing ("somos 2", "a table for 4") is not theirs unless it names them. */
static bool rec_slot_counts_minors(const rec_cx *c, const char *name, size_t nlen) {
    const char *const *lists[1] = {c->loc->people_minors};
    return rec_slot_named_in(c, name, nlen, lists, 1);
}

/* A head count said without a number ("just me", "para mí sola", "both of
 * us") for a slot named after people (never "solo yo" for the hours of a
 * rental), not children ("mi esposo y yo" are no two children); NULL when
 * none. */
static ty_value *rec_party_size(rec_cx *c, const char *name, size_t nlen) {
    const ty_tokens *t = c->msg.t;
    if (!rec_slot_counts_people(c, name, nlen) || rec_slot_counts_minors(c, name, nlen)) return NULL;
    for (size_t i = 0; i < t->ntok; i++) {
        const ty_loc_word *w = NULL;
        size_t n = rec_words(c, t, i, RW(party_sizes), &w);
        /* "just me and my son" says more than "just me"; in "solo el
         * snorkel" the "el" is an article before an option's word (no
         * function word: "para mí sola el jueves") */
        if (n && i + n < t->ntok && c->ctx && c->ctx->option_words) {
            size_t wn;
            const char *nw = rec_tok(t, i + n, &wn);
            const ty_mlex *lex = ty_mlex_for(c->loc->code, strlen(c->loc->code));
            if (ty_wordset_has(c->ctx->option_words, nw, wn) && lex && !ty_mlex_is_stop(lex, nw, wn)) continue;
        }
        if (n && !(i + n < t->ntok && rec_list(c, t, i + n, RL(and_words))))
            return rec_emit(c, ty_val_number(c->doc, w->value), t->tok[i].b_start, t->tok[i + n - 1].b_end);
    }
    return NULL;
}

/* Tokens of a word for people at token j (people_kinds, people_minors:
 * "kids", "nenas"), or 0. */
static size_t rec_people_word(const rec_cx *c, size_t j) {
    size_t k = rec_list(c, c->msg.t, j, RL(people_kinds));
    return k ? k : rec_list_at(c->msg.t, j, c->loc->people_minors);
}

/* The number of people said at token j, a determiner before it allowed
 * ("my 2 kids", "mis dos nenas"): *num, and in *end the token after the
 * word for them. */
static bool rec_people_count_at(const rec_cx *c, size_t j, rec_num *num, size_t *end) {
    if (j < c->msg.t->ntok && rec_list(c, c->msg.t, j, RL(people_determiners)) == 1) j++;
    if (!rec_number_at(c, &c->msg, j, true, false, num) || !rec_is_whole(num->v) || num->v < 1 || num->v > 99)
        return false;
    size_t k = rec_people_word(c, num->t1);
    *end = num->t1 + k;
    return k > 0;
}

/* The customer and a count of others said with a word for them, as a head
 * count: "pa mí y mis dos nenas" and "me and my 2 kids" are 3, "mis 3
 * hijos y yo" 4; NULL when the message says none. */
static ty_value *rec_self_and_count(rec_cx *c) {
    const ty_tokens *t = c->msg.t;
    rec_num num;
    size_t end, n;
    for (size_t i = 0; i < t->ntok; i++) {
        if ((n = rec_list(c, t, i, RL(self_and))) && rec_people_count_at(c, i + n, &num, &end))
            return rec_emit(c, ty_val_number(c->doc, num.v + 1), t->tok[i].b_start, t->tok[end - 1].b_end);
        if (rec_people_count_at(c, i, &num, &end) && (n = rec_list(c, t, end, RL(and_self))))
            return rec_emit(c, ty_val_number(c->doc, num.v + 1), t->tok[i].b_start, t->tok[end + n - 1].b_end);
    }
    return NULL;
}

/* True when num follows a word for a child or a relative and a link, a
 * name at most between, in one clause, and no unit of time nor the end of
 * a range comes after it ("de 3 meses", "de 8 a 9"): "mi nene de 4", "mi
 * hija Sofi de 8". */
static bool rec_kin_age(const rec_cx *c, const rec_num *num) {
    const ty_tokens *t = c->msg.t;
    if (num->t0 < 2 || rec_list(c, t, num->t0 - 1, RL(age_links)) != 1 || !rec_one_clause(c, num->t0 - 2, num->t1 - 1) ||
        rec_list_at(t, num->t1, c->loc->time_unit_names))
        return false;
    size_t to = rec_list(c, t, num->t1, RL(range_to));
    if (to && num->t1 + to < t->ntok && t->tok[num->t1 + to].kind == TY_TOK_NUM) return false;
    size_t k = num->t0 - 2;
    return rec_list(c, t, k, RL(kin_words)) == 1 ||
           (k > 0 && rec_one_clause(c, k - 1, k + 1) && rec_list(c, t, k - 1, RL(kin_words)) == 1);
}

/* For a slot of days: num made a number of days ("una semana" is 7, "2
 * weeks" 14); false when it counts people ("somos 4", "para 8 personas")
 * and is no number of days. */
static bool rec_as_days(const rec_cx *c, rec_num *num) {
    if (rec_counted(c, num) || rec_list(c, c->msg.t, num->t1, RL(people_kinds))) return false;
    const ty_loc_word *u;
    if (rec_words(c, c->msg.t, num->t1, RW(day_units), &u) && u->kind == 0 && u->value > 1) num->v *= u->value;
    return true;
}

/* True when num is said to be an age: "7 yr old", "she's 10", "just
 * turned 8", "de 9 años", "tiene 12", "mi nene de 4". */
static bool rec_says_age(const rec_cx *c, const rec_num *num) {
    return rec_list(c, c->msg.t, num->t1, RL(age_after)) || rec_phrase_ends_at(c, num->t0, 3, RL(age_before)) ||
           rec_kin_age(c, num);
}

/* True when num is digits two words or less from a street word (either
 * side): part of an address ("Calle Alcanfores 789", "Av. Grau 410",
 * "27 Clifford Road"), no count. */
static bool rec_in_address(const rec_cx *c, const rec_num *num) {
    const ty_tokens *t = c->msg.t;
    if (num->words) return false;
    size_t from = num->t0 > 3 ? num->t0 - 3 : 0, to = num->t1 + 3 < t->ntok ? num->t1 + 3 : t->ntok;
    for (size_t k = from; k < to; k++)
        if ((k < num->t0 || k >= num->t1) && rec_list_at(t, k, c->loc->street_words) && !rec_glued_to_number(c, k))
            return true; /* (the "st" of "1st" is no street) */
    return false;
}

/* True when the word right after num could say what it counts: no stop
 * word, unit, currency or word for people. */
static bool rec_counts_word(const rec_cx *c, const rec_num *num) {
    const ty_tokens *t = c->msg.t;
    const ty_mlex *lex = ty_mlex_for(c->loc->code, strlen(c->loc->code));
    size_t j = num->t1, n;
    const char *iso;
    if (!lex || j >= t->ntok || t->tok[j].kind != TY_TOK_WORD || rec_gap_punct(&c->msg, j)) return false;
    const char *w = rec_tok(t, j, &n);
    return !ty_mlex_is_stop(lex, w, n) && !rec_list_at(t, j, c->loc->not_money) &&
           !rec_list(c, t, j, RL(count_after)) && !rec_list(c, t, j, RL(people_kinds)) && !rec_currency_at(c, j, &iso);
}

/* True when a word right after num says what it counts, for a slot named
 * for how many of a thing ("500 flyers", "mil tarjetas a6"), or an
 * option's word after one word that links a part to its whole ("30 de
 * pino", "100 de cóctel": fraction_of), and no "una" that is an article
 * ("una pregunta"). */
static bool rec_counts_thing(const rec_cx *c, const rec_num *num) {
    if (num->words && num->v == 1) return false;
    const ty_tokens *t = c->msg.t;
    rec_num of = *num;
    if (c->ctx && c->ctx->option_words && of.t1 + 1 < t->ntok && rec_list_at(t, of.t1, c->loc->fraction_of) == 1 &&
        !rec_gap_punct(&c->msg, of.t1 + 1)) {
        size_t n;
        const char *w = rec_tok(t, of.t1 + 1, &n);
        if (ty_wordset_has(c->ctx->option_words, w, n)) of.t1++;
    }
    return rec_counts_word(c, &of);
}

/* True when the word right after num is an option's one-word title among
 * those the slot's flow asks about after it (count_words), as written or
 * without a plural "s" or "es": num counts things the options name ("2
 * medianas", "una familiar", "two large"), "una" too; never a unit of time
 * ("one day") or a number word of an option's name ("tres leches"). */
static bool rec_counts_option(const rec_cx *c, const rec_num *num) {
    const ty_wordset *set = c->ctx ? c->ctx->count_words : NULL;
    if (!set || !rec_counts_word(c, num) || rec_list_at(c->msg.t, num->t1, c->loc->time_unit_names)) return false;
    if (num->words && num->t1 == num->t0 + 1) {
        size_t k;
        const char *nw = rec_tok(c->msg.t, num->t0, &k);
        if (ty_wordset_has(c->ctx->option_words, nw, k)) return false;
    }
    size_t n;
    const char *w = rec_tok(c->msg.t, num->t1, &n);
    return ty_wordset_has(set, w, n) || (n > 3 && w[n - 1] == 's' && ty_wordset_has(set, w, n - 1)) ||
           (n > 4 && w[n - 2] == 'e' && w[n - 1] == 's' && ty_wordset_has(set, w, n - 2));
}

/* The rank said for a slot named for one (rank_names: "grade", "curso"):
 * an ordinal ("8th", "eighth", "3ro"), in an answer; or a number or an
 * ordinal beside a word for a rank ("class 10", "10th standard", "in 8th
 * std"), in passing too. NULL when none is (the slot is then read as any
 * number). */
static ty_value *rec_said_rank(rec_cx *c) {
    const ty_tokens *t = c->msg.t;
    for (size_t i = 0; i < t->ntok; i++) {
        const ty_loc_word *w;
        rec_num num;
        size_t wn = rec_words(c, t, i, RW(ordinals), &w), i1;
        double v;
        bool ord;
        if (wn && w->value > 0) {
            v = w->value, i1 = i + wn, ord = true;
        } else if (t->tok[i].kind == TY_TOK_NUM && rec_number_at(c, &c->msg, i, false, false, &num) && num.integer) {
            ord = rec_glued_to_number(c, num.t1) && rec_tok_in(c, t, num.t1, RL(ordinal_suffixes));
            v = num.v, i1 = num.t1 + ord;
        } else {
            continue;
        }
        bool beside = (i > 0 && rec_tok_in(c, t, i - 1, RL(rank_names))) || rec_tok_in(c, t, i1, RL(rank_names));
        if (v >= 1 && v <= 99 && (beside || (ord && c->answer)))
            return rec_emit(c, ty_val_number(c->doc, v), t->tok[i].b_start, t->tok[i1 - 1].b_end);
    }
    return NULL;
}

/* True when num is no count a slot could take: a one in words after a
 * copula ("sos un bot inútil", "esto es una pérdida de tiempo"); and for
 * a slot of no age: for one of people, a thousand or more in words before
 * what else it counts ("son mil preguntas"); for one of no days or unit
 * of time, a span of time in a message that says more ("me demoré como 3
 * horas en inmigración"). */
static bool rec_no_count(const rec_cx *c, const rec_num *num, bool age, bool days, bool people, bool units) {
    const ty_tokens *t = c->msg.t;
    bool one = num->words && num->v == 1;
    if (one && rec_phrase_ends_at(c, num->t0, 1, RL(copulas))) return true;
    if (age) return false;
    if (num->words && num->v >= 1000 && people && rec_counts_word(c, num)) return true;
    return !days && !units && rec_list_at(t, num->t1, c->loc->time_unit_names) &&
           (num->t0 > 0 || num->t1 + 1 < t->ntok);
}

/* True when num is a one in words before a word that is no age nor unit
 * of time: an article ("tiene un cumpleaños"), no age ("un año", "he is
 * one" are). */
static bool rec_article_no_age(const rec_cx *c, const rec_num *num) {
    const ty_tokens *t = c->msg.t;
    return num->words && num->v == 1 && num->t1 < t->ntok && t->tok[num->t1].kind == TY_TOK_WORD &&
           !rec_gap_punct(&c->msg, num->t1) && !rec_list(c, t, num->t1, RL(age_after)) &&
           !rec_list_at(t, num->t1, c->loc->time_unit_names);
}

/* number: the one number of an answer (not inside a date or time); in
 * passing, the one that counts people (rec_counted) or names what slot
 * `name` counts right after it (rec_names_slot), or said to be an age for
 * a slot named for one (rec_says_age; never a count of people). Else,
 * for a slot of no people, age or time, the sum of the numbers said before
 * a word of the options asked next after it (rec_counts_option: "2 medianas y
 * una familiar" is 3), before any other number, in an answer too. */
static ty_value *rec_read_number(rec_cx *c, const char *name, size_t nlen) {
    const ty_tokens *t = c->msg.t;
    const char *const *rank_lists[1] = {c->loc->rank_names};
    ty_value *rank = rec_slot_named_in(c, name, nlen, rank_lists, 1) ? rec_said_rank(c) : NULL;
    if (rank || c->rc) return rank;
    bool *covered = ty_arena_alloc(c->scratch, t->ntok * sizeof(bool));
    if (!covered) {
        c->rc = TY_E_NOMEM;
        return NULL;
    }
    memset(covered, 0, t->ntok * sizeof(bool));
    rec_cover_dates_times(c, covered);
    bool have = false, clash = false;
    rec_num first, named; /* the first number kept; the first that names the slot */
    memset(&first, 0, sizeof first);
    memset(&named, 0, sizeof named);
    rec_heads heads = {0};
    /* a slot for children takes no count of people said in passing */
    bool minors = !c->answer && rec_slot_counts_minors(c, name, nlen);
    if (!rec_slot_counts_minors(c, name, nlen) && rec_slot_counts_people(c, name, nlen)) {
        ty_value *both = rec_self_and_count(c); /* "pa mí y mis dos nenas" */
        if (both || c->rc) return both;
    }
    const char *const *age_lists[1] = {c->loc->age_names}, *const *quantity_lists[1] = {c->loc->quantity_names};
    const char *const *unit_lists[1] = {c->loc->time_unit_names};
    bool age = false, quantity = false, named_for = false; /* what the slot's name says, once a number stands */
    bool days = false; /* the slot counts days or nights */
    bool people = false, units = false; /* it counts people; it is named for a unit of time ("hours") */
    bool things = false;   /* the slot may count what the options name: no people, ages or time */
    rec_heads counted = {0}; /* the numbers of things the options name ("2 medianas y una familiar") */
    for (size_t i = 0; i < t->ntok;) {
        rec_num num;
        if (covered[i]) {
            i++;
            continue;
        }
        if (!rec_number_at(c, &c->msg, i, true, true, &num)) {
            if (num.bad) return NULL;
            i++;
            continue;
        }
        i = num.t1;
        /* read in another language than the conversation's, only its
         * number words count: its digits were read in the conversation's,
         * which may have found them a time ("a las 6 de la mañana") */
        if (c->ctx && c->ctx->foreign && !num.words) continue;
        /* a multiplier: "50k", "10M" */
        size_t mn;
        const ty_loc_word *w = num.words ? NULL : rec_multiplier(c, num.t1, &mn);
        if (w) {
            num.v *= w->value;
            num.t1 += mn;
            i = num.t1;
        }
        if (!named_for) {
            named_for = true;
            age = rec_slot_named_in(c, name, nlen, age_lists, 1);
            quantity = !age && rec_slot_named_in(c, name, nlen, quantity_lists, 1);
            const char *const *day_lists[1] = {c->loc->day_count_names};
            days = !age && !quantity && rec_slot_named_in(c, name, nlen, day_lists, 1);
            people = rec_slot_counts_people(c, name, nlen);
            units = rec_slot_named_in(c, name, nlen, unit_lists, 1);
            /* only a slot with a choice asked after it can (count_words) */
            things = c->ctx && c->ctx->count_words && !age && !people && !rec_slot_counts_minors(c, name, nlen) &&
                     !units;
        }
        /* "2 horas", after "of" a number in words ("un par de horas"), or
         * a word or two of the kind between ("2 classic bikes", "2 e-bikes") */
        size_t of = num.words && rec_list_at(t, num.t1, c->loc->fraction_of) == 1 ? 1 : 0;
        if (age && rec_article_no_age(c, &num)) continue;
        bool aged = age && rec_says_age(c, &num); /* "7yo" too */
        bool names = aged || (quantity && rec_counts_thing(c, &num)) || rec_names_slot(c, num.t1 + of, name, nlen) ||
                     rec_names_slot_after(c, num.t1 + of, name, nlen) || rec_names_slot_before(c, &num, name, nlen);
        if ((rec_glued_unit(c, num.t1) && !aged) || rec_pronoun_one(c, &num) || rec_dotted_time(c, &num) ||
            rec_in_address(c, &num) || (!names && rec_names_option(c, &num)))
            continue;
        if (!names && rec_no_count(c, &num, age, days, people, units)) continue;
        if (days && !rec_as_days(c, &num)) continue; /* "somos 4", "para 8 personas": people, no days */
        if (days && rec_says_age(c, &num)) continue;  /* "mi hija de 2 años": an age, no days */
        if (!names && things && rec_counts_option(c, &num)) {
            if (!counted.n) counted.b0 = num.b0;
            counted.b1 = t->tok[num.t1 - 1].b_end;
            counted.sum += num.v;
            counted.n++;
            continue;
        }
        rec_heads_add(c, &heads, &num);
        if (!c->answer && !names && (minors || age || !rec_counted(c, &num))) continue;
        if (names && named.t1 && num.v != named.v) return NULL;
        if (names && !named.t1) named = num;
        clash |= have && num.v != first.v;
        if (!have) {
            have = true;
            first = num;
        }
    }
    /* "somos 4 compis, el piso es de 3 habitaciones": the number said with
     * what the slot counts wins over another */
    if (named.t1 && named.t0 >= 2 && rec_list(c, t, named.t0 - 1, RL(or_words)) == 1 &&
        t->tok[named.t0 - 2].kind == TY_TOK_NUM)
        return NULL; /* "3 o 4 habitaciones": no one number */
    if (named.t1) first = named;
    else if (counted.n) return rec_emit(c, ty_val_number(c->doc, counted.sum), counted.b0, counted.b1);
    else if (heads.n >= 2 && !heads.other) return rec_emit(c, ty_val_number(c->doc, heads.sum), heads.b0, heads.b1);
    else if (!have) return rec_party_size(c, name, nlen);
    else if (clash && !(heads.n >= 2 && heads.sum == first.v)) return NULL; /* "familia de 4 (2 adultos y 2 niños)" */
    size_t b0 = first.b0, b1 = t->tok[first.t1 - 1].b_end;
    return rec_emit(c, ty_val_number(c->doc, first.v), b0, b1);
}
