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
    if (n || i >= t->ntok || t->tok[i].kind != TY_TOK_WORD || !rec_may_in(c, t, i, true, id)) return n;
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

/* The yes/no phrase at token i: 1 yes, 2 no, 3 unsure, 0 none; *n tokens. */
static int rec_yn_at(const rec_cx *c, size_t i, size_t *n) {
    const ty_tokens *t = c->msg.t;
    size_t un = rec_list(c, t, i, RL(unsure));
    if (c->ctx && c->ctx->foreign) { /* "ok, I'll have a think" read with Spanish words is still unsure */
        size_t uo = rec_list_other(c, i, REC_OTHER(unsure));
        if (uo > un) un = uo;
    }
    for (size_t k = i + 1; k < i + un; k++) /* "yes, and no need to call" is no "yes and no" */
        if (rec_gap_cuts(&c->msg, k)) un = 0;
    size_t yn = rec_yn_list(c, t, i, RL(yes));
    size_t nn = rec_yn_list(c, t, i, RL(no));
    size_t vn = yn == 1 ? rec_list(c, t, i, RL(yes_verbs)) : 0; /* "va a pasar": the verb, no yes */
    if (vn && !rec_gap_cuts(&c->msg, i + 1)) yn = 0;
    /* "I get the bus right past you": "right" inside a clause is no yes */
    if (yn == 1 && i > 0 && !rec_gap_cuts(&c->msg, i) && rec_list(c, t, i, RL(yes_openers)) == 1 &&
        !rec_yn_list(c, t, i - 1, RL(yes)) && !rec_list(c, t, i - 1, RL(hesitations)))
        yn = 0;
    /* "sabéis si el bar abre los lunes?": after a word of knowing or asking, "si" is "if" */
    if (yn == 1 && i > 0 && !rec_gap_cuts(&c->msg, i) && rec_list(c, t, i - 1, RL(yes_if_after)) == 1) yn = 0;
    if (i == 0) { /* words that are a yes or a no only as the whole reply: "k", "can can", "ar ta" */
        if (!yn && rec_list(c, t, i, RL(yes_alone)) == t->ntok) yn = t->ntok;
        if (!nn && rec_list(c, t, i, RL(no_alone)) == t->ntok) nn = t->ntok;
    }
    /* "no more changes", "no hace falta nada más": a no that says what, not an answer */
    size_t nm = nn ? rec_list(c, t, i, RL(no_determiners)) : 0;
    if (nm && i + nm < t->ntok && !rec_gap_cuts(&c->msg, i + nm)) nn = 0;
    /* a negation before a yes: "not ok", "dont want to" */
    size_t gn = rec_list(c, t, i, RL(negations));
    size_t gy = gn ? rec_yn_list(c, t, i + gn, RL(yes)) : 0;
    int kind = 0;
    size_t best = 0;
    if (yn > best) best = yn, kind = 1;
    if (nn > best) best = nn, kind = 2;
    if (gy && gn + gy > best) best = gn + gy, kind = 2;
    if (un && un >= best) best = un, kind = 3;
    *n = best;
    return kind;
}

/* True when a clause opening with an and-word ("y", "but") parts tokens
 * [from, i): the answer at i, with more words after it, adds to one before
 * it, it does not contradict it ("sí, anúlala, y no me mandéis el
 * recordatorio"). */
static bool rec_yn_added(const rec_cx *c, size_t from, size_t i) {
    for (size_t k = i; k >= from && k > 0; k--)
        if (rec_gap_cuts(&c->msg, k)) return rec_list(c, c->msg.t, k, RL(and_words)) > 0;
    return false;
}

/* True when punctuation comes before token i at or after token `from`
 * (the first token after an answer ending there). */
static bool rec_gap_cuts_between(const rec_cx *c, size_t from, size_t i) {
    for (size_t k = from; k <= i; k++)
        if (rec_gap_cuts(&c->msg, k)) return true;
    return false;
}

/* yesno: "yes" or "no". Contrary answers in one sentence, or any unsure
 * phrase, read nothing, except that a no after a soft yes opening the
 * message or a sentence stands when it is a phrase or thanks follow the
 * yes ("ok no thanks", "vale, de momento no", "ok thanks, no"; "ok no"
 * stays unclear), and a soft yes before what the slot names gives way to
 * it ("bueno, sin niños"); a tag "no?" closing a clause is no answer
 * ("tela de caro no? bueno venga"); across sentences the first answer
 * stands ("Yes. I said no onions") unless a correction marks the later
 * sentence as taking it back ("no... actually yes"). */
/* True when token i is a word of the slot's name (a part between "_" of
 * three letters or more, or its plural): "dog" of slot "dog", "dogs" of
 * "dogs_coming", "perro" of "perro". */
static bool rec_names_part(const rec_cx *c, size_t i, const char *name, size_t nlen) {
    size_t tn;
    const char *ts = rec_tok(c->msg.t, i, &tn);
    for (size_t a = 0, b; a < nlen; a = b + 1) {
        for (b = a; b < nlen && name[b] != '_'; b++) {}
        size_t pn = b - a;
        if (pn < 3 || tn < pn || tn > pn + 2 || memcmp(ts, name + a, pn) != 0) continue;
        if (tn == pn || (tn == pn + 1 && ts[pn] == 's') || (tn == pn + 2 && memcmp(ts + pn, "es", 2) == 0))
            return true;
    }
    return false;
}

/* A yes/no slot named after something the customer may bring or have
 * ("dog", "perro"), said of it in passing: "no dog", "sin perro" are no;
 * "our dog", "bringing the dog", "con mi perro" are yes. NULL when the
 * message says neither. */
static ty_value *rec_yesno_named(rec_cx *c, const char *name, size_t nlen) {
    const ty_tokens *t = c->msg.t;
    for (size_t k = 0; k + 1 < t->ntok; k++) {
        size_t hn = rec_list(c, t, k, RL(have_not)), hy = rec_list(c, t, k, RL(have_with));
        size_t n = hn > hy ? hn : hy, i = k + n;
        if (!n || i >= t->ntok || !rec_names_part(c, i, name, nlen) || rec_gap_cuts_between(c, k + 1, i) ||
            rec_sentence_asks(c, i))
            continue;
        /* a slot named after the phrase itself ("seguir_sin_cita") is no thing brought */
        for (size_t a = 0, b; a < nlen; a = b + 1) {
            for (b = a; b < nlen && name[b] != '_'; b++) {}
            for (const char *const *w = c->loc->have_not; w && *w; w++)
                if (strlen(*w) == b - a && memcmp(*w, name + a, b - a) == 0) return NULL;
        }
        return rec_emit_toks(c, hn >= hy ? rec_str(c, "no", 2) : rec_str(c, "yes", 3), k, i + 1);
    }
    return NULL;
}

/* True when the no at token i is a tag asking agreement at the end of a
 * clause of other words, a "?" right after its first word: "tela de caro
 * no?", "está lejos, no?". */
static bool rec_tag_no(const rec_cx *c, size_t i) {
    if (i == 0 || rec_gap_ends_sentence(&c->msg, i)) return false;
    const char *g;
    size_t gn;
    rec_gap(&c->msg, i + 1, &g, &gn);
    return memchr(g, '?', gn) != NULL;
}

static ty_value *rec_read_yesno(rec_cx *c, const char *name, size_t nlen) {
    if (!c->answer) return rec_yesno_named(c, name, nlen); /* else yes/no only answers its own question */
    const ty_tokens *t = c->msg.t;
    int value = 0; /* 1 yes, 2 no */
    size_t f0 = 0, f1 = 0;
    size_t sent = 0, seen = 0, value_sent = 0; /* sentences ended before token seen */
    size_t checked = (size_t)-1;               /* the sentence last checked for a correction */
    bool soft = false;                         /* the answer so far is a soft yes opening a sentence */
    size_t lead = 0;                           /* "ah ok no gracias": an interjection before it */
    for (size_t k; lead < t->ntok && (k = rec_list(c, t, lead, RL(hesitations)));) lead += k;
    for (size_t i = 0; i < t->ntok;) {
        for (; seen < i; seen++) sent += rec_gap_ends_sentence(&c->msg, seen + 1);
        size_t best;
        int kind = rec_yn_at(c, i, &best);
        if (!kind) {
            i++;
            continue;
        }
        if (kind == 3 && i == 0 && best < t->ntok && rec_list(c, t, i, RL(hesitations)) == best) {
            i += best; /* "hmm nah you're alright": the hesitation opens, the answer follows */
            continue;
        }
        /* a hedge in a later clause keeps a no ("no not right now, maybe after
         * payday") but undoes a yes ("ok, I'll have a think") */
        if (kind == 3 && value == 2 && rec_gap_cuts_between(c, f1, i)) {
            i += best;
            continue;
        }
        if (kind == 3) return NULL; /* "not sure", "yes and no" */
        if (kind == 2 && rec_tag_no(c, i)) { /* "caro no? bueno venga" */
            i++;
            continue;
        }
        if (value == 1 && kind == 2 && soft && (best > 1 || rec_list(c, t, f1, RL(text_signoffs))) &&
            sent == value_sent) {
            /* "ok no thanks", "ok gracias, no x ahora": the opening ok only
             * acknowledges ("ok no" stays unclear) */
            value = 0;
        } else if (value && value != kind) {
            if (sent == value_sent && i + best < t->ntok && !rec_gap_cuts(&c->msg, i + best) &&
                rec_yn_added(c, f1, i)) { /* "yes, and don't ..." (not a bare "sí, pero no") */
                i += best;
                continue;
            }
            if (sent == value_sent) return NULL; /* "sure no" */
            if (checked != sent) {               /* the correction wins: "no... actually yes" */
                checked = sent;
                if (rec_corrected(c, i)) value = 0;
            }
        }
        if (!value) {
            /* a soft yes ("ok", "vale") that opens the message or a sentence */
            soft = kind == 1 && (i == lead || rec_gap_ends_sentence(&c->msg, i)) &&
                   rec_list(c, t, i, RL(yes_soft)) == best;
            value = kind;
            value_sent = sent;
            f0 = i;
            f1 = i + best;
        }
        i += best;
    }
    if (!value) return rec_yesno_named(c, name, nlen); /* "just the two of us, no dog" */
    if (soft && f1 < t->ntok) { /* "que frío no? bueno, sin niños": what the slot names answers */
        ty_value *named = rec_yesno_named(c, name, nlen);
        if (named || c->rc) return named;
    }
    return rec_emit_toks(c, value == 1 ? rec_str(c, "yes", 3) : rec_str(c, "no", 2), f0, f1);
}
