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


/* Marks the message tokens inside dates and times (rec_date.c). */
static void rec_cover_dates_times(const rec_cx *c, bool *covered);

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

