/*
 * rec_yesno.c — the yes/no reader.
 * Part of the recognisers (recognize.c has the overview and the
 * decisions); included in this order by csrc/tinyyes.c, one translation unit.
 */
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

