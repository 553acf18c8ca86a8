/*
 * rec_choice.c — free text and the choice reader (titles, synonyms,
 * ordinals, letters, typos).
 * Part of the recognisers (recognize.c has the overview and the
 * decisions); included in this order by csrc/tinyyes.c, one translation unit.
 */
/* ---- text --------------------------------------------------------------- */

/* True when token i is written with a capital and then small letters, as a
 * name is ("Irene", "O'Neil", "J"): not "DAN" in a shouted message. */
static bool rec_title_case(const rec_cx *c, size_t i) {
    const ty_token *k = &c->msg.t->tok[i];
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)c->msg.text + k->b_start;
    utf8proc_ssize_t n = (utf8proc_ssize_t)(k->b_end - k->b_start);
    utf8proc_int32_t cp, cp2 = -1;
    utf8proc_ssize_t m = utf8proc_iterate(s, n, &cp);
    if (m <= 0 || utf8proc_category(cp) != UTF8PROC_CATEGORY_LU) return false;
    if (m < n) utf8proc_iterate(s + m, n - m, &cp2);
    return cp2 < 0 || utf8proc_category(cp2) != UTF8PROC_CATEGORY_LU;
}

/* True when token i is an initial or a short title a dot may end: "H",
 * "Mr", "Dra". */
static bool rec_name_short(const rec_cx *c, size_t i) {
    const ty_token *a = &c->msg.t->tok[i];
    return a->kind == TY_TOK_WORD && a->cp_end - a->cp_start <= 3 && rec_title_case(c, i);
}

/* True when only spaces (or, after an initial or a short title, a dot:
 * "H. Pemberton", "Mr. Smith") stand between token i - 1 and token i, or
 * a hyphen glued to both words ("Kerry-Ann", "Smith-Jones"). */
static bool rec_name_joined(const rec_cx *c, size_t i) {
    const ty_token *a = &c->msg.t->tok[i - 1], *b = &c->msg.t->tok[i];
    if (b->b_start == a->b_end + 1 && c->msg.text[a->b_end] == '-' && a->kind == TY_TOK_WORD && b->kind == TY_TOK_WORD)
        return true; /* "Kerry-Ann", "Jean-Luc" */
    bool initial = rec_name_short(c, i - 1);
    for (size_t k = a->b_end; k < b->b_start; k++) {
        char ch = c->msg.text[k];
        if (ch != ' ' && !(ch == '.' && initial)) return false;
    }
    return true;
}

/* True when token i is an everyday word of the locale, not a name: a
 * filler ("please", "and"), yes or no, a greeting, a day, a part of it or
 * a holiday ("for Christmas"). */
/* True when token i names a day or a part of one ("saturday", "tomorrow",
 * "tarde", "diciembre", "navidad"). */
static bool rec_when_word(const rec_cx *c, size_t i) {
    const ty_tokens *t = c->msg.t;
    const ty_loc_word *w;
    return rec_words(c, t, i, RW(weekdays), &w) || rec_words(c, t, i, RW(relative_days), &w) ||
           rec_words(c, t, i, RW(day_periods), &w) || rec_words(c, t, i, RW(months), &w) ||
           rec_words(c, t, i, RW(holidays), &w);
}

static bool rec_not_name(const rec_cx *c, size_t i) {
    const ty_tokens *t = c->msg.t;
    return t->tok[i].kind != TY_TOK_WORD || rec_list(c, t, i, RL(fillers)) || rec_list(c, t, i, RL(yes)) ||
           rec_list(c, t, i, RL(no)) || rec_list(c, t, i, RL(greetings)) || rec_list(c, t, i, RL(weak_words)) ||
           rec_when_word(c, i);
}

/* True when token i is a capitalised month with a capitalised word joined
 * after it that may be a name: a first name ("June Carter", "Abril
 * Pérez"), not "June 5" nor "May Monday". */
static bool rec_month_named(const rec_cx *c, size_t i) {
    const ty_loc_word *w;
    return rec_title_case(c, i) && rec_words(c, c->msg.t, i, RW(months), &w) == 1 && i + 1 < c->msg.t->ntok &&
           rec_name_joined(c, i + 1) && rec_title_case(c, i + 1) && !rec_not_name(c, i + 1);
}

/* True when token k is a capitalised month that goes on a capitalised name
 * (title) as a surname ("Marelvis Julio", "Sarah May"): no number after
 * it ("Ana, May 5" is a day). */
static bool rec_month_surname(const rec_cx *c, size_t k, bool title) {
    const ty_tokens *t = c->msg.t;
    const ty_loc_word *w;
    return title && rec_title_case(c, k) && rec_words(c, t, k, RW(months), &w) == 1 &&
           (k + 1 >= t->ntok || t->tok[k + 1].kind != TY_TOK_NUM);
}

/* The name at token i: how many tokens it takes (0: none). Capitalised,
 * it runs over the capitalised words that follow (four at most); in small
 * letters (only when `any_case`, after "my name is"), two words at most. */
static size_t rec_name_at(const rec_cx *c, size_t i, bool any_case) {
    const ty_tokens *t = c->msg.t;
    if (i >= t->ntok) return 0;
    bool title = rec_title_case(c, i); /* (the cheaper test first) */
    if ((!title && !any_case) || (rec_not_name(c, i) && !rec_month_named(c, i))) return 0;
    size_t n = 1, words = 1, most = title ? 4 : 2;
    while (words < most && i + n < t->ntok && rec_name_joined(c, i + n)) {
        /* particles inside a capitalised name: "Gloria Inés de Castro", "Juan de la Cruz" */
        size_t p = 0;
        while (title && i + n + p < t->ntok && rec_name_joined(c, i + n + p) && !rec_title_case(c, i + n + p) &&
               rec_tok_in(c, t, i + n + p, RL(name_particles)) && !rec_tok_in(c, t, i + n + p, RL(and_words)))
            p++;
        size_t k = i + n + p;
        if (k >= t->ntok || (p && !rec_name_joined(c, k)) || (rec_not_name(c, k) && !rec_month_surname(c, k, title)) ||
            rec_title_case(c, k) != title)
            break;
        n += p + 1;
        words++;
    }
    return n;
}

/* True when gap g[0..n) holds one of the characters of marks. */
static bool rec_gap_any(const char *g, size_t n, const char *marks) {
    for (size_t k = 0; k < n; k++)
        if (strchr(marks, g[k])) return true;
    return false;
}

/* Searching back over the last four tokens, the first token after a gap
 * holding one of `marks` (not a dot after an initial or a title when
 * `skip_short`: "H. Pemberton"), with that gap in *gap, *gn; 0 when none. */
static size_t rec_tail_after(const rec_cx *c, const char *marks, bool skip_short, const char **gap, size_t *gn) {
    const ty_tokens *t = c->msg.t;
    for (size_t i = t->ntok - 1; i > 0 && i + 4 >= t->ntok; i--) {
        rec_gap(&c->msg, i, gap, gn);
        if (rec_gap_any(*gap, *gn, marks) && !(skip_short && rec_name_short(c, i - 1))) return i;
    }
    return 0;
}

/* The length of the name that tokens [i, end) are wholly (first token in
 * *at), or 0. */
static size_t rec_tail_name(const rec_cx *c, size_t i, size_t *at) {
    size_t n = c->msg.t->ntok - i;
    if (!i || rec_name_at(c, i, false) != n) return 0;
    *at = i;
    return n;
}

/* The name a message signs with: its last line, when the line before it
 * ends in a comma ("Atentamente,\nCarmen Ruiz") and the last line is a
 * capitalised name. Its first token in *at; 0 when there is none. */
static size_t rec_signature(const rec_cx *c, size_t *at) {
    const char *gap;
    size_t gn, i = rec_tail_after(c, "\n", false, &gap, &gn);
    const char *comma = i ? memchr(gap, ',', gn) : NULL;
    return comma && comma < (const char *)memchr(gap, '\n', gn) ? rec_tail_name(c, i, at) : 0;
}

/* The name a message signs off with on the same line, after a polite
 * word and a comma: a first name and a surname (two or three capitalised
 * words) after three words or more ("book me a tune up wednesday morning
 * pls, Kofi Mensah"; not "a tune up for friday, Full Service"). One word
 * alone may be whom it is addressed to ("thanks, Sam"), unless the polite
 * word opens a last sentence of its own ("... I'd drop it in myself.
 * Cheers, Rob"). Its first token in *at; 0 when there is none. */
static size_t rec_comma_signature(const rec_cx *c, size_t *at) {
    const char *gap;
    const ty_tokens *t = c->msg.t;
    size_t gn, i = rec_tail_after(c, ",", false, &gap, &gn);
    bool polite = i >= 3 && (rec_tok_in(c, t, i - 1, RL(fillers)) || rec_list(c, t, i - 1, RL(text_signoffs)) == 1);
    size_t n = polite && !memchr(gap, '\n', gn) ? rec_tail_name(c, i, at) : 0;
    return (n >= 2 && n <= 3) || (n == 1 && rec_gap_ends_sentence(&c->msg, i - 1)) ? n : 0;
}

/* The name an answer ends with, as a sentence of its own after others
 * ("ha ok. Ben", "sorry, was driving! Tom Baker"). Its first token in
 * *at; 0 when there is none. */
static size_t rec_last_sentence_name(const rec_cx *c, size_t *at) {
    const char *gap;
    size_t gn;
    return rec_tail_name(c, rec_tail_after(c, ".!?", true, &gap, &gn), at);
}

/* The name an answer starts with, as a sentence or clause of its own
 * before more ("Elena. Y porfa no me escribáis por la noche", "Leo Marsh
 * please, it's his bike"), or with only polite words after it ("Leo Marsh
 * please"). Its length in tokens (from token 0); 0 when there is none. */
static size_t rec_first_sentence_name(const rec_cx *c) {
    size_t n = rec_name_at(c, 0, false);
    if (!n || n >= c->msg.t->ntok) return 0;
    size_t e = n; /* polite words may close it: "Leo Marsh please, it's his bike" */
    while (e < n + 2 && e < c->msg.t->ntok && !rec_gap_cuts(&c->msg, e) && rec_tok_in(c, c->msg.t, e, RL(fillers))) e++;
    if (e >= c->msg.t->ntok) return e > n ? n : 0;
    const char *gap;
    size_t gn;
    rec_gap(&c->msg, e, &gap, &gn);
    return rec_gap_any(gap, gn, ".!,") ? n : 0;
}

/* A capitalised name after up to four words in small letters from token j
 * and a clause mark ("mi novia, Ane", "my partner's name instead - Sam
 * Okafor"; only a comma when `comma`: "para mi mamá, Carmen Soto", not
 * "for a trim. Regards"); its first token in *at, 0 when there is none. */
static size_t rec_name_after_cut(const rec_cx *c, size_t j, bool comma, size_t *at) {
    const ty_tokens *t = c->msg.t;
    for (size_t k = j + 1; k < t->ntok && k <= j + 4 && !rec_title_case(c, k - 1); k++)
        if (rec_gap_cuts(&c->msg, k)) {
            const char *g;
            size_t gn;
            rec_gap(&c->msg, k, &g, &gn);
            if (comma && !memchr(g, ',', gn)) return 0;
            size_t n = rec_name_at(c, k, false);
            if (n) *at = k;
            return n;
        }
    return 0;
}

/* The name after a name lead-in ending before token j: right there, in
 * any case ("my name is dan okafor"); capitalised after up to four words
 * and a comma or dash ("a nombre de mi novia, Ane", "de ella, Rosalba
 * Gómez", "under my partner's name instead - Sam Okafor"); or after
 * filler words ("under my name please, Maria Lopez"). Its first token in
 * *at; 0 when there is none. */
static size_t rec_name_after_intro(const rec_cx *c, size_t j, size_t *at) {
    const ty_tokens *t = c->msg.t;
    size_t n = rec_name_after_cut(c, j, false, at);
    if (n) return n;
    n = rec_name_at(c, j, true);
    for (size_t skip = 0; !n && skip < 2 && j + 1 < t->ntok && rec_not_name(c, j); skip++)
        n = rec_name_at(c, ++j, false);
    *at = j;
    return n;
}

/* True when tokens [t0, t1) are at most four words that read as a name
 * in small letters: no fillers but the particles inside ("maria de la
 * fuente"; not "mi hija"), and not one capital letter among them. */
static bool rec_name_small(const rec_cx *c, size_t t0, size_t t1) {
    const ty_tokens *t = c->msg.t;
    if (t1 - t0 > 4) return false;
    for (size_t k = t0; k < t1; k++)
        if (t->tok[k].kind != TY_TOK_WORD ||
            (rec_tok_in(c, t, k, RL(fillers)) && !(k > t0 && rec_tok_in(c, t, k, RL(name_particles)))))
            return false;
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)c->msg.text;
    for (size_t i = t->tok[t0].b_start, b1 = t->tok[t1 - 1].b_end; i < b1;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t m = utf8proc_iterate(s + i, (utf8proc_ssize_t)(b1 - i), &cp);
        if (m <= 0) break;
        if (utf8proc_category(cp) == UTF8PROC_CATEGORY_LU || utf8proc_category(cp) == UTF8PROC_CATEGORY_LT) return false;
        i += (size_t)m;
    }
    return true;
}

/* The name in tokens [t0, t1) as a value: as written, except that one in
 * small letters (rec_name_small) gets a capital at the start of each word
 * but the particles ("kev" is "Kev", "maria de la fuente" "Maria de la
 * Fuente"). NULL on OOM (c->rc set). */
static ty_value *rec_name_value(rec_cx *c, size_t t0, size_t t1) {
    const ty_tokens *t = c->msg.t;
    if (t1 - t0 >= 2 && rec_tok_in(c, t, t0, RL(name_articles))) t0++; /* "el Beto Ramírez" is "Beto Ramírez" */
    size_t b0 = t->tok[t0].b_start, b1 = t->tok[t1 - 1].b_end;
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)c->msg.text;
    if (!rec_name_small(c, t0, t1)) return rec_str(c, c->msg.text + b0, b1 - b0);
    char *out = ty_arena_alloc(c->scratch, 2 * (b1 - b0) + 1); /* an upper case letter takes at most twice the bytes */
    if (!out) {
        c->rc = TY_E_NOMEM;
        return NULL;
    }
    size_t n = 0, at = b0;
    for (size_t k = t0; k < t1; k++) {
        size_t w = t->tok[k].b_start;
        memcpy(out + n, c->msg.text + at, w - at); /* what stands between the words */
        n += w - at;
        at = w;
        if (t->tok[k].kind != TY_TOK_WORD || (k > t0 && rec_tok_in(c, t, k, RL(name_particles)))) continue;
        utf8proc_int32_t cp;
        utf8proc_ssize_t m = utf8proc_iterate(s + w, (utf8proc_ssize_t)(t->tok[k].b_end - w), &cp);
        if (m <= 0) continue;
        n += (size_t)utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)out + n);
        at = w + (size_t)m;
    }
    memcpy(out + n, c->msg.text + at, b1 - at);
    n += b1 - at;
    return rec_str(c, out, n);
}

/* Whose name a text slot holds (recognize.c reads it from the slot's id). */
enum { REC_NAMES_NONE = 0, REC_NAMES_SELF, REC_NAMES_OTHER };

/* The name of someone else the message gives: capitalised after a
 * possessive and a word for a pet or a person ("mi perro Toby", "de mi
 * gatita Luna", "her dog Sadie", "mi perro se llama Toby"), or after a
 * comma there ("my nan, Dorothy Price"); else after a word that calls
 * what it follows by a name ("a collie called Bonnie", "a little tabby
 * called Pebbles"; not after a function word: "I called Mark"). Its first
 * token in *at; 0 when there is none. */
static size_t rec_other_name(const rec_cx *c, size_t *at) {
    const ty_tokens *t = c->msg.t;
    for (size_t i = 0; i + 2 < t->ntok; i++) {
        size_t m = rec_list(c, t, i, RL(possessives));
        if (!m) m = rec_list(c, t, i, RL(other_possessives));
        size_t w = m ? rec_list(c, t, i + m, RL(named_others)) : 0;
        if (!w) continue;
        size_t j = i + m + w, k = j + rec_list(c, t, j, RL(name_called)), n = rec_name_at(c, k, false);
        if (n) {
            *at = k;
            return n;
        }
        if ((n = rec_name_after_cut(c, j - 1, true, at))) return n;
    }
    const ty_mlex *lex = ty_mlex_for(c->loc->code, strlen(c->loc->code));
    for (size_t i = 1; lex && i + 1 < t->ntok; i++) {
        size_t k = rec_list(c, t, i, RL(name_called)), wn, n;
        const char *w = rec_tok(t, i - 1, &wn);
        if (k && t->tok[i - 1].kind == TY_TOK_WORD && !ty_mlex_is_stop(lex, w, wn) && (n = rec_name_at(c, i + k, false))) {
            *at = i + k;
            return n;
        }
    }
    return 0;
}

/* The name a message opens with, after a greeting at most, before a word
 * that says it is the writer ("Hi, Declan Walsh here", "Ama speaking"):
 * its length (first token in *at), or 0. */
static size_t rec_name_here(const rec_cx *c, size_t *at) {
    const ty_tokens *t = c->msg.t;
    size_t i = rec_list(c, t, 0, RL(greetings)), n = rec_name_at(c, i, false);
    if (!n || i + n >= t->ntok || !rec_list(c, t, i + n, RL(name_heres))) return 0;
    *at = i;
    return n;
}

/* A name the message introduces: after a name lead-in anywhere (the last
 * of several: "...my name is Dan Okafor"), else after another lead-in when capitalised ("soy
 * Irene", "sorry, it's Jon") or "name" ("name Sasha"), as its signature,
 * before "here" at its start ("Declan Walsh here"), or (in an answer) as
 * its first or last sentence. For a slot of someone else's name (`whose`
 * REC_NAMES_OTHER: "nombre_mascota") a name after a word for them comes
 * first, and outside an answer it is the only one read ("soy Caro, ...
 * mi perro Firulais" names the dog Firulais). Emitted as the text;
 * NULL when there is none. */
static ty_value *rec_read_name(rec_cx *c, int whose) {
    const ty_tokens *t = c->msg.t;
    size_t at = 0, n = 0, weak_at = 0, weak_n = 0;
    if (whose == REC_NAMES_OTHER) {
        n = rec_other_name(c, &at);
        if (!n && !c->answer) return NULL;
    }
    for (size_t i = n ? t->ntok : 0; i < t->ntok; i++) {
        size_t m = rec_list(c, t, i, RL(name_intros)), j, k;
        if (m && (k = rec_name_after_intro(c, i + m, &j))) { /* the last one: "me llamo Iker, pero ponla a
                                                                nombre de mi novia, Ane" */
            at = j;
            n = k;
            i = j + k - 1;
        } else if (!m && (m = rec_list(c, t, i, RL(name_labels))) && (k = rec_name_at(c, i + m, false))) {
            at = i + m; /* "name Sasha", never "name on it" */
            n = k;
            i = at + k - 1;
        } else if (!m && !weak_n && (m = rec_list(c, t, i, RL(text_leadins))) && i + m < t->ntok &&
                   !rec_gap_ends_sentence(&c->msg, i + m)) { /* "I'd drop it in myself. Cheers, Rob" */
            weak_n = rec_name_at(c, weak_at = i + m, false);
            if (!weak_n) weak_n = rec_name_after_cut(c, i + m, true, &weak_at);
        }
    }
    if (!n && weak_n) {
        at = weak_at;
        n = weak_n;
    }
    if (!n) n = rec_signature(c, &at);
    if (!n) n = rec_comma_signature(c, &at);
    if (!n) n = rec_name_here(c, &at);
    if (!n && c->answer && (n = rec_first_sentence_name(c))) at = 0;
    if (!n && c->answer) n = rec_last_sentence_name(c, &at);
    if (!n) return NULL;
    size_t b0 = t->tok[at].b_start, b1 = t->tok[at + n - 1].b_end;
    if (b1 <= b0) return NULL; /* a decomposed code point's tokens */
    /* "my daughter Ruby's 7th": the name is Ruby */
    const char *s = c->msg.text;
    size_t cut = b1 - b0 > 2 && s[b1 - 1] == 's' && s[b1 - 2] == '\'' ? 2
                 : b1 - b0 > 4 && memcmp(s + b1 - 4, "\xE2\x80\x99s", 4) == 0 ? 4 : 0;
    if (cut) return rec_emit(c, rec_str(c, s + b0, b1 - cut - b0), b0, b1 - cut);
    return rec_emit(c, rec_name_value(c, at, at + n), b0, b1);
}

/* Tokens of the yes or no phrase at token i ("yes", "thats right"), or 0. */
static size_t rec_yes_no_at(const rec_cx *c, size_t i) {
    size_t y = rec_list(c, c->msg.t, i, RL(yes)), n = rec_list(c, c->msg.t, i, RL(no));
    return y > n ? y : n;
}

/* The most words a name slot takes as the whole answer ("Maria José
 * Fernández de la Cruz" is six). */
#define REC_NAME_ANSWER_MAX 8

/* text: the answer without greeting and lead-in ("my name is"), trimmed
 * to its first and last token (trailing punctuation and symbols dropped).
 * A slot for a name (`names`) takes the name the message introduces when
 * it has one, as the answer ("it's Jon, J-O-N") and anywhere else ("a full
 * service friday, name's Priya Shah"): other free text is never an entity. */
/* Tokens of a label naming the slot (`name`, its words parted by "_")
 * that opens a free-text answer at token i: "the postcode is", "my
 * postcode:", "postcode is"; 0 when none (or nothing follows it). */
static size_t rec_label_leadin(const rec_cx *c, size_t i, const char *name, size_t nlen) {
    const ty_tokens *t = c->msg.t;
    size_t k = i;
    if (k < t->ntok && rec_list_at(t, k, c->loc->one_determiners) == 1) k++;
    bool any = false;
    for (size_t p = 0; p < nlen; p++) {
        size_t q = p;
        while (q < nlen && name[q] != '_') q++;
        if (q == p) continue;
        size_t tn;
        const char *ts = k < t->ntok ? rec_tok(t, k, &tn) : NULL;
        if (!ts || tn != q - p || memcmp(ts, name + p, tn) != 0) return 0;
        k++;
        any = true;
        p = q;
    }
    if (!any || k >= t->ntok) return 0;
    const char *g;
    size_t gn;
    rec_gap(&c->msg, k, &g, &gn);
    if (rec_list_at(t, k, c->loc->label_links) == 1) k++;
    else if (!memchr(g, ':', gn)) return 0;
    return k < t->ntok ? k - i : 0;
}

/* The last token before a closing sentence of nothing but sign-offs
 * ("LS26 0QW. Thank you kindly.") when there is one after token i, else
 * `last`. */
static size_t rec_before_signoff(const rec_cx *c, size_t i, size_t last) {
    const ty_tokens *t = c->msg.t;
    /* a last clause that only urges or thanks: "Blk 21 Sin Ming Rd, faster pls" */
    for (size_t s = last; s > i; s--) {
        if (!rec_gap_cuts(&c->msg, s)) continue;
        size_t n = rec_list(c, t, s, RL(text_riders));
        if (n && s + n > last) last = s - 1;
        break;
    }
    for (size_t s = last; s > i; s--) {
        if (!rec_gap_ends_sentence(&c->msg, s)) continue;
        size_t n = rec_list(c, t, s, RL(text_signoffs));
        return n && s + n > last ? s - 1 : last;
    }
    return last;
}

/* The last token before a last clause that introduces a name ("23
 * Morningside Ave, name's Priya Patel": the name slot takes it in
 * passing) when there is one after token i, else `last`. */
static size_t rec_before_name_clause(const rec_cx *c, size_t i, size_t last) {
    const ty_tokens *t = c->msg.t;
    for (size_t s = last; s > i; s--) {
        if (!rec_gap_cuts(&c->msg, s)) continue;
        size_t m = rec_list(c, t, s, RL(name_intros)), at;
        return m && s + m <= last && rec_name_after_intro(c, s + m, &at) ? s - 1 : last;
    }
    return last;
}

static ty_value *rec_read_text(rec_cx *c, int whose, const char *name, size_t nlen) {
    const ty_tokens *t = c->msg.t;
    bool names = whose != REC_NAMES_NONE;
    if (!t->ntok) return NULL;
    if (names) {
        ty_value *v = rec_read_name(c, whose);
        if (v || c->rc || !c->answer) return v;
    }
    if (!c->answer || (c->ctx && c->ctx->foreign)) return NULL; /* the whole message only in its own language */
    size_t i = 0;
    size_t n = rec_list(c, t, i, RL(greetings));
    if (n && i + n < t->ntok) i += n;
    /* a name's lead-in may come after fillers, yes or no: "yeah its kev",
     * "oh sorry! its dev" */
    size_t j = i;
    while (names && j < t->ntok && !rec_list(c, t, j, RL(text_leadins))) {
        size_t m = rec_yes_no_at(c, j);
        if (!m) m = rec_list(c, t, j, RL(fillers));
        if (!m || j + m >= t->ntok) break;
        j += m;
    }
    if (j > i && rec_list(c, t, j, RL(text_leadins))) i = j;
    /* a yes or no cut off by punctuation or followed by a word that
     * carries on (text_connectors) opens free text without being part of
     * it: "va, entonces 2 docenas de rojos", "no, sin dedicatoria nomás",
     * "ok so it should say Happy birthday Mum" */
    size_t yn = names ? 0 : rec_yes_no_at(c, i);
    if (yn && i + yn + 1 < t->ntok &&
        (rec_gap_cuts(&c->msg, i + yn) || rec_list_at(t, i + yn, c->loc->text_connectors) == 1)) {
        i += yn;
        if (rec_list_at(t, i, c->loc->text_connectors) == 1) i++;
    } else if (!names && i + 1 < t->ntok && rec_list_at(t, i, c->loc->text_connectors) == 1 &&
               rec_list(c, t, i + 1, RL(text_leadins))) {
        i++; /* "so it should say Happy birthday Mum" */
    }
    n = rec_list(c, t, i, RL(text_leadins));
    if (!n && !names) n = rec_label_leadin(c, i, name, nlen);
    if (!n && !names) n = rec_list_at(t, i, c->loc->place_leadins); /* "her place is 17 Glamorgan Ave" */
    if (n && i + n < t->ntok) i += n;
    /* a place answered with its preposition: "a Barranco", "to Mayfair" */
    n = names ? 0 : rec_list(c, t, i, RL(place_leads));
    if (n && i + n < t->ntok && rec_title_case(c, i + n)) i += n;
    size_t last = t->ntok - 1; /* symbols that end it are mood, not text: "Lee 🙂" */
    while (last > i && t->tok[last].kind == TY_TOK_SYM) last--;
    if (!names) last = rec_before_name_clause(c, i, rec_before_signoff(c, i, last));
    /* a name slot's answer of nothing but fillers ("put it under my name,
     * thanks") is none, nor one of more than REC_NAME_ANSWER_MAX words
     * ("could you pump up my kid's scooter tyres while you're at it"), nor
     * one that says yes or no ("yes that's all correct") */
    bool any = !names;
    size_t words = 0;
    for (size_t k = i; k <= last; k++) {
        if (names && rec_yes_no_at(c, k)) return NULL;
        /* nor one that gives a day or time instead ("el sábado a las 5
         * de la tarde", "tarde"): digits, or a day's word in small letters */
        if (names && (t->tok[k].kind == TY_TOK_NUM || (rec_when_word(c, k) && !rec_title_case(c, k)))) return NULL;
        any |= !rec_not_name(c, k);
        words += t->tok[k].kind == TY_TOK_WORD;
    }
    if (!any || (names && words > REC_NAME_ANSWER_MAX)) return NULL;
    size_t b0 = t->tok[i].b_start, b1 = t->tok[last].b_end;
    if (b1 <= b0) return NULL;
    return rec_emit(c, names ? rec_name_value(c, i, last + 1) : rec_str(c, c->msg.text + b0, b1 - b0), b0, b1);
}

/* ---- choice ------------------------------------------------------------- */

typedef struct rec_seg {
    const char *s;
    size_t n;
} rec_seg;

/* True when words a and b (five letters or more, the first three alike)
 * share a stem of four letters or more in the language, or a conjugates
 * the infinitive b: a verb in another form than the name's ("anuláis",
 * "cancelo" for "anular", "cancelar"; "pasáis" for "pasar"). */
static bool rec_same_stem(const rec_cx *c, const char *a, size_t an, const char *b, size_t bn) {
    char sa[64], sb[64];
    if (an < 5 || bn < 5 || an >= sizeof sa || bn >= sizeof sb || memcmp(a, b, 3) != 0) return false;
    const ty_mlex *lex = ty_mlex_for(c->loc->code, strlen(c->loc->code));
    if (!lex || !lex->stem) return false;
    if (lex->conjugates && lex->conjugates(a, an, b, bn)) return true;
    size_t ka = lex->stem(a, an, sa), kb = lex->stem(b, bn, sb);
    return ka >= 4 && ka == kb && memcmp(sa, sb, ka) == 0;
}

/* True when token i is written with a capital inside a sentence (a name:
 * "a nombre de Camila"), where no typo of an option's word is read. */
static bool rec_capital_inside(const rec_cx *c, size_t i) {
    if (i == 0 || rec_gap_ends_sentence(&c->msg, i)) return false;
    utf8proc_int32_t cp;
    size_t b = c->msg.t->tok[i].b_start;
    if (utf8proc_iterate((const utf8proc_uint8_t *)c->msg.text + b, (utf8proc_ssize_t)(c->msg.len - b), &cp) <= 0)
        return false;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* True when token i and name token g share a stem of three letters or
 * more in the language ("ride", "rides", "riding"): the word is no part
 * of one option's name alone when another's has it in another form. */
static bool rec_short_stem_eq(const rec_cx *c, size_t i, const rec_seg *g) {
    size_t tn;
    const char *ts = rec_tok(c->msg.t, i, &tn);
    char sa[64], sb[64];
    if (tn < 3 || g->n < 3 || tn >= sizeof sa || g->n >= sizeof sb || memcmp(ts, g->s, 3) != 0) return false;
    const ty_mlex *lex = ty_mlex_for(c->loc->code, strlen(c->loc->code));
    if (!lex || !lex->stem) return false;
    size_t ka = lex->stem(ts, tn, sa), kb = lex->stem(g->s, g->n, sb), k = ka < kb ? ka : kb;
    /* one stem may keep a last letter the other lost ("ride", "rid") */
    return k >= 3 && (ka > kb ? ka - kb : kb - ka) <= 1 && memcmp(sa, sb, k) == 0;
}

/* The shortest name word a typo is forgiven in: four letters in an
 * answer, five elsewhere, none when the slot is read exactly (a change to
 * what was agreed, ty_recog_ctx.exact). */
static size_t rec_typo_min(const rec_cx *c) {
    if (c->ctx && c->ctx->exact) return SIZE_MAX;
    return c->answer ? 4 : 5;
}

/* Message token i against a name token, typo-tolerant for words. */
static bool rec_seg_eq(const rec_cx *c, size_t i, const rec_seg *g) {
    const ty_tokens *t = c->msg.t;
    size_t tn;
    const char *ts = rec_tok(t, i, &tn);
    if (tn == g->n && memcmp(ts, g->s, tn) == 0) return true;
    /* a plural or a possessive of a short name: "cats", "my cat's booster" (normalised "cats") */
    if (t->tok[i].kind == TY_TOK_WORD && g->n >= 3 && tn == g->n + 1 && ts[g->n] == 's' && memcmp(ts, g->s, g->n) == 0)
        return true;
    if (t->tok[i].kind != TY_TOK_WORD || !tn || !g->n || ts[0] != g->s[0]) return false;
    /* a word of another option's name is that word, no typo ("completo" is no "compacto"), unless
     * one begins the other ("hour" of "2 hours", "follow" of "followup") */
    size_t m = tn < g->n ? tn : g->n;
    bool typo = rec_fuzzy(ts, tn, g->s, g->n, rec_typo_min(c)) &&
                (memcmp(ts, g->s, m) == 0 || !ty_wordset_has(c->ctx->option_words, ts, tn));
    /* a word that turns to a choice is itself: "mejor a las 19" names no "mejorar" */
    return (typo || rec_same_stem(c, ts, tn, g->s, g->n)) && !rec_capital_inside(c, i) &&
           !rec_tok_in(c, t, i, RL(choose_before));
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

/* Where each name token sits: option, name, token of the name. */
typedef struct rec_segref {
    uint32_t o, k, ni; /* option, name, token of the name */
} rec_segref;

/* The options' names in one mode, read-only once built: per option its
 * names (title, synonyms and, in answers, the id last), and every name
 * token of every option grouped by first byte, so a message token is
 * compared only with its group (typos keep the first byte). */
typedef struct rec_choice_set {
    rec_opt *po;
    size_t nopts;
    rec_segref *refs;
    uint32_t start[257];
    int8_t *part;  /* per option, the part of the day its title or a synonym is (rec_name_part), or -1 */
    bool any_part; /* some option is a part of the day */
} rec_choice_set;

/* Both modes' names of one options array (ty_choice_prep_build). */
struct ty_choice_prep {
    rec_choice_set mode[2]; /* [TY_RECOG_ANSWER], [TY_RECOG_EXTRACT] */
};

/* Per-call choice state: the options' names (built at load, or for this
 * call), and for each message token which options have a name holding it
 * (computed on demand): none, one (held[i] is its index) or several
 * (REC_HELD_MANY). */
typedef struct rec_choice_cx {
    const rec_choice_set *nm;
    size_t *held;
    bool *known;
    bool *negated;          /* per option: named only after a negation ("not the morning") */
    size_t neg_t0, neg_t1;  /* the tokens of the last such name */
    bool neg_plain;         /* ... and its negation a plain one (rec_plain_negation), or one after it */
} rec_choice_cx;

/* Groups the options' name tokens of cn by first byte into arena a; false on OOM. */
static bool rec_choice_group(ty_arena *a, rec_choice_set *cn) {
    size_t total = 0;
    memset(cn->start, 0, sizeof cn->start);
    for (size_t o = 0; o < cn->nopts; o++)
        for (size_t k = 0; k < cn->po[o].n; k++)
            for (size_t ni = 0; ni < cn->po[o].names[k].k; ni++) {
                cn->start[(unsigned char)cn->po[o].names[k].g[ni].s[0] + 1]++;
                total++;
            }
    if (total > UINT32_MAX || cn->nopts > UINT32_MAX) return false;
    for (int b = 0; b < 256; b++) cn->start[b + 1] += cn->start[b];
    cn->refs = ty_arena_alloc(a, (total ? total : 1) * sizeof *cn->refs);
    if (!cn->refs) return false;
    uint32_t fill[256];
    memcpy(fill, cn->start, sizeof fill);
    for (size_t o = 0; o < cn->nopts; o++)
        for (size_t k = 0; k < cn->po[o].n; k++)
            for (size_t ni = 0; ni < cn->po[o].names[k].k; ni++)
                cn->refs[fill[(unsigned char)cn->po[o].names[k].g[ni].s[0]]++] =
                    (rec_segref){(uint32_t)o, (uint32_t)k, (uint32_t)ni};
    return true;
}

#define REC_HELD_NONE ((size_t)-1)
#define REC_HELD_MANY ((size_t)-2)

/* Splits normalised name s into nm (segments from arena a, borrowing s). */
static bool rec_name_split(ty_arena *a, const char *s, size_t n, bool is_id, rec_name *nm) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && (i == 0 || s[i - 1] == ' ')) k++;
    if (k > REC_MAX_SEGS) k = REC_MAX_SEGS;
    rec_seg *g = k ? ty_arena_alloc(a, k * sizeof *g) : NULL;
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

/* The part of the day a minute falls in: 0 morning, 1 afternoon, 2
 * evening; -1 at noon, which is neither. */
static int rec_day_part(int minute) {
    return minute < 720 ? 0 : minute == 720 ? -1 : minute < 1080 ? 1 : 2;
}

/* True when the n segments of g, joined by spaces, are the text p. */
static bool rec_segs_are(const rec_seg *g, size_t n, const char *p) {
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && *p++ != ' ') return false;
        if (strncmp(p, g[i].s, g[i].n) != 0) return false;
        p += g[i].n;
    }
    return n > 0 && *p == 0;
}

/* The part of the day name nm is in any built-in language ("Morning",
 * "Tarde", "AM"), or -1. */
static int rec_name_part(const rec_name *nm) {
    const ty_locale *loc;
    for (size_t i = 0; !nm->is_id && (loc = ty_locale_at(i)); i++)
        for (const ty_loc_word *w = loc->part_titles; w && w->text; w++)
            if (rec_segs_are(nm->g, nm->k, w->text)) return rec_day_part(w->value);
    return -1;
}

/* The names every option answers to: its title, its synonyms and (in
 * answers, where a button reply sends it) its id, into cn from arena a
 * (borrowing the options' normalised strings). False on OOM. */
static bool rec_choice_prepare(ty_arena *a, const ty_option *opts, size_t nopts, bool answer, rec_choice_set *cn) {
    rec_opt *po = ty_arena_alloc(a, nopts * sizeof *po);
    if (!po) return false;
    for (size_t o = 0; o < nopts; o++) {
        const ty_option *op = &opts[o];
        size_t max = 2 + op->nsynonyms;
        po[o].n = 0;
        po[o].names = ty_arena_alloc(a, max * sizeof *po[o].names);
        if (!po[o].names) return false;
        if (op->norm_title && !rec_name_split(a, op->norm_title, op->norm_title_len, false, &po[o].names[po[o].n++]))
            return false;
        for (size_t k = 0; k < op->nsynonyms; k++) {
            if (!op->norm_synonyms || !op->norm_synonyms[k]) continue;
            if (!rec_name_split(a, op->norm_synonyms[k], op->norm_synonym_lens[k], false, &po[o].names[po[o].n++]))
                return false;
        }
        if (answer && op->id) {
            size_t idn;
            char *id = ty_text_normalize(op->id, op->id_len, a, &idn);
            if (!id || !rec_name_split(a, id, idn, true, &po[o].names[po[o].n++])) return false;
        }
    }
    cn->po = po;
    cn->nopts = nopts;
    cn->part = ty_arena_alloc(a, nopts ? nopts : 1);
    if (!cn->part) return false;
    cn->any_part = false;
    for (size_t o = 0; o < nopts; o++) {
        cn->part[o] = -1;
        for (size_t k = 0; k < po[o].n && cn->part[o] < 0; k++) cn->part[o] = (int8_t)rec_name_part(&po[o].names[k]);
        cn->any_part |= cn->part[o] >= 0;
    }
    return rec_choice_group(a, cn);
}

/* Builds both modes' names of opts in arena a (which must outlive opts'
 * readers); *out borrows opts' strings. TY_E_NOMEM on OOM. */
int ty_choice_prep_build(const ty_option *opts, size_t nopts, ty_arena *a, const ty_choice_prep **out) {
    *out = NULL;
    ty_choice_prep *p = ty_arena_alloc(a, sizeof *p);
    if (!p || !rec_choice_prepare(a, opts, nopts, true, &p->mode[TY_RECOG_ANSWER]) ||
        !rec_choice_prepare(a, opts, nopts, false, &p->mode[TY_RECOG_EXTRACT]))
        return TY_E_NOMEM;
    *out = p;
    return TY_OK;
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
            for (uint32_t r = cc->nm->start[b]; r < cc->nm->start[b + 1] && h != REC_HELD_MANY; r++) {
                const rec_segref *sr = &cc->nm->refs[r];
                const rec_seg *g = &cc->nm->po[sr->o].names[sr->k].g[sr->ni];
                if (sr->o == h || !(rec_seg_eq(c, mi, g) || rec_short_stem_eq(c, mi, g))) continue;
                h = h == REC_HELD_NONE ? sr->o : REC_HELD_MANY;
            }
            cc->held[mi] = h;
            cc->known[mi] = true;
        }
        return cc->held[mi] != REC_HELD_NONE && cc->held[mi] != o;
    }
    for (size_t p = 0; p < cc->nm->nopts; p++) {
        if (p == o) continue;
        for (size_t k = 0; k < cc->nm->po[p].n; k++)
            if (rec_run_in_name(c, mi, len, &cc->nm->po[p].names[k])) return true;
    }
    return false;
}

/* True when a short negation ends right before token j: one of one or two
 * words ("not", "no puedo"), or a no ("no", "nah"); not a longer one that
 * says interest has gone ("not interested in", "no me interesa"). */
static bool rec_plain_negation(const rec_cx *c, size_t j) {
    if (j == 0) return false;
    if (rec_tok_in(c, c->msg.t, j - 1, RL(no)) || rec_list(c, c->msg.t, j - 1, RL(negations)) == 1) return true;
    return j >= 2 && rec_list(c, c->msg.t, j - 2, RL(negations)) == 2;
}

/* True when tokens t0..t1 lie inside a phrase that holds a time word but
 * names no time ("good morning", "buenas tardes"). */
static bool rec_in_time_stop(const rec_cx *c, size_t t0, size_t t1) {
    for (size_t p = t0 >= 2 ? t0 - 2 : 0; p <= t0; p++) {
        size_t n = rec_list(c, c->msg.t, p, RL(time_stops));
        if (n && p + n >= t1) return true;
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

/* Joins n segments into dst[cap] without spaces; 0 when too long. */
static size_t rec_join(const rec_seg *g, size_t n, char *dst, size_t cap) {
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (len + g[i].n > cap) return 0;
        memcpy(dst + len, g[i].s, g[i].n);
        len += g[i].n;
    }
    return len;
}

/* Message tokens from mi that spell name nm with its words run together or
 * split ("tuneup" for "tune up", "hair cut" for "haircut"): how many (1 or
 * 2), or 0. */
static size_t rec_joined_name(const rec_cx *c, size_t mi, const rec_name *nm) {
    const ty_tokens *t = c->msg.t;
    if (nm->is_id || t->tok[mi].kind != TY_TOK_WORD) return 0;
    char a[64], b[64];
    size_t an, bn, used;
    if (nm->k >= 2) { /* one typed word, a name of several */
        const char *ts = rec_tok(t, mi, &an);
        if (an > sizeof a) return 0;
        memcpy(a, ts, an);
        used = 1;
        bn = rec_join(nm->g, nm->k, b, sizeof b);
    } else { /* two typed words, a name of one */
        if (nm->k != 1 || mi + 1 >= t->ntok || t->tok[mi + 1].kind != TY_TOK_WORD || rec_gap_cuts(&c->msg, mi + 1))
            return 0;
        rec_seg two[2];
        two[0].s = rec_tok(t, mi, &two[0].n);
        two[1].s = rec_tok(t, mi + 1, &two[1].n);
        /* the first word is the name already: the next is its own ("temprano no") */
        if (rec_fuzzy(two[0].s, two[0].n, nm->g[0].s, nm->g[0].n, rec_typo_min(c))) return 0;
        an = rec_join(two, 2, a, sizeof a);
        used = 2;
        bn = nm->g[0].n <= sizeof b ? nm->g[0].n : 0;
        memcpy(b, nm->g[0].s, bn);
        /* split and mistyped at once only from words of three letters or
         * more: "hair cutt" is "haircut", "ver si" no "versa" */
        if ((two[0].n < 3 || two[1].n < 3) && !(an == bn && memcmp(a, b, an) == 0)) return 0;
    }
    return an && bn && rec_fuzzy(a, an, b, bn, rec_typo_min(c)) ? used : 0;
}

/* Evidence for names written run together or split (rec_joined_name). */
static void rec_choice_joined(const rec_cx *c, rec_choice_cx *cc, rec_ev *ev) {
    const ty_tokens *t = c->msg.t;
    for (size_t mi = 0; mi < t->ntok; mi++) {
        unsigned char b = (unsigned char)t->norm[t->tok[mi].start];
        for (uint32_t r = cc->nm->start[b]; r < cc->nm->start[b + 1]; r++) {
            if (cc->nm->refs[r].ni != 0) continue;
            size_t o = cc->nm->refs[r].o;
            size_t used = rec_joined_name(c, mi, &cc->nm->po[o].names[cc->nm->refs[r].k]);
            if (used && !rec_negated(c, mi) && !rec_negated_after(c, mi + used))
                rec_ev_add(&ev[o], mi, mi + used, rec_weight(c, mi, mi + used));
        }
    }
}

/* The end of the run of words of option o's names that starts at token i
 * (at most 3 more): "full" in "full service no" runs to "no". */
static size_t rec_name_run_end(const rec_cx *c, const rec_choice_cx *cc, size_t o, size_t i) {
    const rec_opt *po = &cc->nm->po[o];
    for (size_t more = 0; more < 3 && i < c->msg.t->ntok && !rec_gap_cuts(&c->msg, i); more++) {
        bool in = false;
        for (size_t k = 0; k < po->n && !in; k++)
            for (size_t g = 0; g < po->names[k].k && !in; g++) in = rec_seg_eq(c, i, &po->names[k].g[g]);
        if (!in) break;
        i++;
    }
    return i;
}

/* Title and synonym evidence for every option into ev[]: a whole name
 * anywhere, or a part of one that no other option shares ("the deep one";
 * outside an answer, of a title only). */
/* True when a phrase that comes before a verb ends right before token i
 * ("need to check", "tengo que mirar"): a title's word there is that
 * verb. */
static bool rec_after_verb_mark(const rec_cx *c, size_t i) {
    if (i == 0 || rec_gap_cuts(&c->msg, i)) return false;
    for (size_t k = i >= 2 ? i - 2 : 0; k < i; k++)
        if (rec_list(c, c->msg.t, k, RL(verb_marks)) == i - k) return true;
    return false;
}

/* True when a plain negation (rec_plain_negation) comes right before token
 * k, past a filler ("not the morning"). */
static bool rec_plain_before(const rec_cx *c, size_t k) {
    if (k > 1 && rec_tok_in(c, c->msg.t, k - 1, RL(fillers))) k--;
    return rec_plain_negation(c, k);
}

/* Notes that option o is named at tokens t0..t1 only to be negated. */
static void rec_choice_note_negated(rec_choice_cx *cc, size_t o, size_t t0, size_t t1, bool plain) {
    cc->negated[o] = true;
    cc->neg_t0 = t0;
    cc->neg_t1 = t1;
    cc->neg_plain = plain;
}

/* True when tokens t0..t1 are one meridiem ("am", an option's synonym for
 * Morning) that neither follows an hour or a day ("10 am", "friday am")
 * nor stands alone: then it is a word of the sentence ("I am free on
 * friday", "I am 79"). */
static bool rec_verb_meridiem(const rec_cx *c, size_t t0, size_t t1) {
    const ty_tokens *t = c->msg.t;
    const ty_loc_word *w;
    if (t1 != t0 + 1 || rec_words(c, t, t0, RW(meridiems), &w) != 1) return false;
    bool after = t0 > 0 && (t->tok[t0 - 1].kind == TY_TOK_NUM || rec_day_word_at(c, t0 - 1));
    return !after && !rec_alone(c, t0, t1);
}

/* True when the one number at token i, which names an option ("10" for
 * the 10am sailing), gives a day of the month instead: an ordinal ("the
 * 10th of July") or after a month ("July 10"). */
static bool rec_number_elsewhere(const rec_cx *c, size_t i) {
    const ty_tokens *t = c->msg.t;
    const ty_loc_word *w;
    if (t->tok[i].kind != TY_TOK_NUM) return false;
    if (i > 0 && rec_words(c, t, i - 1, RW(months), &w) && !rec_gap_punct(&c->msg, i)) return true;
    size_t j = i + 1;
    return j < t->ntok && rec_adjacent(&c->msg, j) && rec_tok_in(c, t, j, RL(ordinal_suffixes));
}

static void rec_choice_names(const rec_cx *c, rec_choice_cx *cc, rec_ev *ev) {
    const ty_tokens *t = c->msg.t;
    for (size_t mi = 0; mi < t->ntok; mi++) {
        unsigned char b = (unsigned char)t->norm[t->tok[mi].start];
        for (uint32_t r = cc->nm->start[b]; r < cc->nm->start[b + 1]; r++) {
            size_t o = cc->nm->refs[r].o, ni = cc->nm->refs[r].ni;
            const rec_name *nm = &cc->nm->po[o].names[cc->nm->refs[r].k];
            const rec_seg *g = nm->g;
            size_t gk = nm->k;
            if (!rec_seg_eq(c, mi, &g[ni])) continue;
            if (mi > 0 && ni > 0 && rec_seg_eq(c, mi - 1, &g[ni - 1])) continue; /* not maximal */
            size_t len = 1;
            while (mi + len < t->ntok && ni + len < gk && rec_seg_eq(c, mi + len, &g[ni + len])) len++;
            bool full = ni == 0 && len == gk;
            if (!full) {
                /* in free text, a part names an option only of its title ("how much is the deep
                 * one?"), not of a synonym: "before" is no "before noon" */
                if (nm->is_id || (!c->answer && cc->nm->refs[r].k != 0)) continue;
                bool informative = false;
                const ty_mlex *lex = ty_mlex_for(c->loc->code, strlen(c->loc->code));
                for (size_t q = mi; q < mi + len && !informative; q++) {
                    size_t qn;
                    const char *qs = rec_tok(t, q, &qn);
                    /* a short function word tells nothing: "come up" is no "Tune-up"; read
                     * in another language than the titles', neither does one of any language
                     * ("el miércoles" names no "El precio") */
                    informative = t->tok[q].kind == TY_TOK_WORD && ty_utf8_count(qs, qn) >= 2 &&
                                  !rec_tok_in(c, t, q, RL(fillers)) && !rec_tok_in(c, t, q, RL(option_words)) &&
                                  /* the "th" of "5th" is no "30th", in any language */
                                  !rec_glued_to_number(c, q) &&
                                  !rec_tok_in(c, t, q, RL(yes)) && !rec_tok_in(c, t, q, RL(no)) &&
                                  !(qn <= 5 && ty_mlex_is_stop(lex, qs, qn)) &&
                                  !(c->ctx && c->ctx->foreign && qn <= 5 &&
                                    (ty_mlex_is_stop(ty_mlex_en(), qs, qn) || ty_mlex_is_stop(ty_mlex_es(), qs, qn)));
                }
                if (!informative || rec_run_elsewhere(c, cc, o, mi, len) || rec_after_verb_mark(c, mi)) continue;
            }
            size_t r0 = mi, r1 = mi + len;
            if (!full) { /* a part of a name reports only its telling words: "book", not "book a" */
                while (r1 - r0 > 1 && rec_tok_in(c, t, r1 - 1, RL(fillers))) r1--;
                while (r1 - r0 > 1 && rec_tok_in(c, t, r0, RL(fillers))) r0++;
            }
            if (rec_negated(c, r0)) {
                rec_choice_note_negated(cc, o, r0, r1, rec_plain_before(c, r0));
                continue;
            }
            if (rec_negated_after(c, rec_name_run_end(c, cc, o, r1))) {
                rec_choice_note_negated(cc, o, r0, r1, true);
                continue;
            }
            if (rec_in_time_stop(c, r0, r1) || rec_verb_meridiem(c, r0, r1)) continue;
            if (r1 == r0 + 1 && rec_number_elsewhere(c, r0)) continue; /* "the 10th of July" */
            rec_ev_add(&ev[o], r0, r1, rec_weight(c, r0, r1));
        }
    }
}

/* The part of the day option o names by a title or synonym that is one
 * ("Morning", "Tarde"), or -1 (worked out when the names were built). */
static int rec_option_part(const rec_choice_cx *cc, size_t o) { return cc->nm->part[o]; }

/* How many options are part of the day `part`; the last in *hit. */
static size_t rec_part_count(const rec_choice_cx *cc, size_t nopts, int part, size_t *hit) {
    size_t n = 0;
    for (size_t o = 0; o < nopts; o++)
        if (rec_option_part(cc, o) == part) {
            *hit = o;
            n++;
        }
    return n;
}

/* The one option that is part of the day `part`, or nopts (none, or
 * several); the evening falls to the afternoon when no option is the
 * evening, in an answer, or (`late`) for an hour or a phrase of the
 * business's day in free text ("a última hora", "sobre las 7" are Tarde;
 * "evening" alone is not). */
static size_t rec_part_option(const rec_cx *c, const rec_choice_cx *cc, size_t nopts, int part, bool late) {
    size_t hit = nopts, n = part >= 0 ? rec_part_count(cc, nopts, part, &hit) : 0;
    if (n == 0 && part == 2 && (c->answer || late)) n = rec_part_count(cc, nopts, 1, &hit);
    return n == 1 ? hit : nopts;
}

/* Part-of-day evidence: the reply names one part of the day ("first
 * thing", "después de comer", "in the evening") and one option is that
 * part by name; two parts named, or negated, say nothing. */
static void rec_choice_parts(rec_cx *c, rec_choice_cx *cc, size_t nopts, rec_ev *ev) {
    const ty_tokens *t = c->msg.t;
    if (!cc->nm->any_part) return; /* most choices are no parts of the day: nothing to read */
    int part = -1;
    size_t p0 = 0, p1 = 0;
    bool phrase = false;
    for (size_t i = 0; i < t->ntok; i++) {
        const ty_loc_word *w = NULL, *w2 = NULL;
        size_t n = rec_words(c, t, i, RW(part_phrases), &w), n2 = rec_words(c, t, i, RW(day_periods), &w2);
        bool ph = n >= n2;
        if (n2 > n) {
            n = n2;
            w = w2;
        }
        if (!n) continue;
        int p = rec_day_part(w->value);
        bool before = rec_negated(c, i), negated = before || rec_negated_after(c, i + n);
        size_t neg = p >= 0 && negated ? rec_part_option(c, cc, nopts, p, ph) : nopts;
        if (neg < nopts) { /* its name inside the phrase is negated too: "no por la mañana" */
            rec_choice_note_negated(cc, neg, i, i + n, !before || rec_plain_before(c, i));
            if (ev[neg].set && ev[neg].t0 >= i && ev[neg].t1 <= i + n) ev[neg].set = false;
        }
        if (!negated && p >= 0) {
            if (part >= 0 && p != part) return;
            part = p;
            p0 = i;
            p1 = i + n;
            phrase = ph;
        }
        i += n - 1;
    }
    const ty_loc_word *w1 = NULL; /* a reply of one word for it: "am", "pm" */
    if (part < 0 && c->answer && t->ntok == 1 && rec_words(c, t, 0, RW(part_titles), &w1) == 1) {
        part = rec_day_part(w1->value);
        p1 = 1;
    }
    size_t hit = rec_part_option(c, cc, nopts, part, phrase);
    if (hit < nopts) rec_ev_add(&ev[hit], p0, p1, rec_weight(c, p0, p1));
}

/* The first weekday named in s (-1 when none). */
static int rec_find_weekday(const rec_cx *c, const rec_src *s) {
    const ty_loc_word *w = NULL;
    for (size_t i = 0; i < s->t->ntok; i++)
        if (rec_words_fuzzy(c, s->t, i, RW(weekdays), &w)) return w->value;
    return -1;
}

/* The time scan of a message (rec_time_scan), kept in ty_recog_memo. */
typedef struct rec_times_memo {
    size_t n;
    int hint;
    rec_time hits[REC_MAX_HITS];
} rec_times_memo;

/* Each title's times (four at most, in minutes, -1 for none) into
 * (*tmin)[o * 4 + q] and its weekday (-1 for none) into (*twd)[o], in the
 * scratch arena; false on OOM (c->rc set). */
static bool rec_title_times(rec_cx *c, const ty_option *opts, size_t nopts, int **tmin, int **twd) {
    *tmin = ty_arena_alloc(c->scratch, nopts * 4 * sizeof(int));
    *twd = ty_arena_alloc(c->scratch, nopts * sizeof(int));
    if (!*tmin || !*twd) {
        c->rc = TY_E_NOMEM;
        return false;
    }
    for (size_t o = 0; o < nopts; o++) {
        for (int q = 0; q < 4; q++) (*tmin)[o * 4 + q] = -1;
        (*twd)[o] = -1;
        if (!opts[o].title) continue;
        ty_tokens tt;
        if (ty_text_tokenize(opts[o].title, opts[o].title_len, c->scratch, &tt)) {
            c->rc = TY_E_NOMEM;
            return false;
        }
        rec_src ts = {opts[o].title, opts[o].title_len, &tt};
        rec_time th[4];
        int thint;
        size_t tn = rec_time_scan(c, &ts, th, 4, &thint);
        if (tn > 4) tn = 4;
        for (size_t q = 0; q < tn; q++)
            if (th[q].level >= REC_TL_PREP) (*tmin)[o * 4 + q] = rec_time_minutes(c, &th[q], thint);
        (*twd)[o] = rec_find_weekday(c, &ts);
    }
    return true;
}

/* Time evidence: an explicit time in the reply that equals a time in one
 * option's title ("the 10am one" -> "Tue 10:00"), or when no title has
 * that time, that falls in the part of the day one option is ("at 2pm" ->
 * "Afternoon"). */
static void rec_choice_times(rec_cx *c, rec_choice_cx *cc, const ty_option *opts, size_t nopts, rec_ev *ev) {
    /* no digits, "noon" or spelt-out hour: no explicit time (the usual case) */
    bool maybe = false;
    for (size_t i = 0; i < c->msg.t->ntok && !maybe; i++)
        maybe = c->msg.t->tok[i].kind == TY_TOK_NUM ||
                (rec_may(c, c->msg.t, i, false) & (REC_BIT(time_points) | REC_BIT(number_words) | REC_BIT(time_offsets)));
    if (!maybe) return;
    /* the message's times, scanned once for all the choice slots read from it */
    rec_times_memo *tm = NULL;
    ty_recog_memo *memo = c->ctx->memo;
    const ty_tokens *mt = c->msg.t;
    if (memo && memo->times && memo->norm == mt->norm && memo->norm_len == mt->norm_len &&
        memo->locale == c->ctx->locale && memo->index == (const void *)c->ctx->index) {
        tm = memo->times;
    } else {
        if (!(tm = ty_arena_alloc(c->scratch, sizeof *tm))) {
            c->rc = TY_E_NOMEM;
            return;
        }
        tm->n = rec_time_scan(c, &c->msg, tm->hits, REC_MAX_HITS, &tm->hint);
        if (tm->n > REC_MAX_HITS) tm->n = REC_MAX_HITS;
        if (memo) *memo = (ty_recog_memo){mt->norm, mt->norm_len, c->ctx->locale, c->ctx->index, tm};
    }
    const rec_time *hits = tm->hits;
    int hint = tm->hint;
    size_t n = tm->n;
    /* in free text a time said with a preposition ("sobre las 7", "at 3")
     * counts for a part of the day, and only a strong one for a title */
    int want = c->answer || cc->nm->any_part ? REC_TL_PREP : REC_TL_STRONG;
    bool any = false;
    for (size_t k = 0; k < n; k++) any = any || hits[k].level >= want;
    if (!any) return;
    int msg_wd = rec_find_weekday(c, &c->msg);
    int *tmin, *twd;
    if (!rec_title_times(c, opts, nopts, &tmin, &twd)) return;
    for (size_t k = 0; k < n; k++) {
        if (hits[k].level < want) continue;
        int v = rec_time_minutes(c, &hits[k], hint);
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
        if (match == 0 && hits[k].fixed < 0 && v >= 360 && v <= 1320) {
            /* no title at that time: the option for its part of the day ("at 2pm": Afternoon) */
            int part = rec_day_part(v);
            /* "sobre las 7" at a salon open till 8 */
            bool open = c->ctx->open_to >= 0 && v >= c->ctx->open_from && v < c->ctx->open_to;
            size_t o = part >= 0 ? rec_part_option(c, cc, nopts, part, open) : nopts;
            if (o < nopts) {
                match = 1;
                which = o;
            }
        }
        /* the words of a part of the day read as turned down ("temprano no") */
        bool turned = match == 1 && cc->negated[which] && cc->neg_t0 >= hits[k].t0 && cc->neg_t0 < hits[k].t1;
        if (match == 1 && !turned && (rec_negated(c, hits[k].t0) || rec_negated_after(c, hits[k].t1)))
            rec_choice_note_negated(cc, which, hits[k].t0, hits[k].t1, !rec_negated(c, hits[k].t0) ||
                                                                          rec_plain_before(c, hits[k].t0));
        else if (match == 1 && !turned)
            rec_ev_add(&ev[which], hits[k].t0, hits[k].t1, rec_weight(c, hits[k].t0, hits[k].t1));
    }
}

/* A number token at i read as an option index ("2" is the second, "2nd"
 * too: *end is past the suffix), or false when the number names no option
 * but something else: a time or a decimal ("3:30", "2.5"), "3pm", "a1". */
static bool rec_choice_number(rec_cx *c, size_t i, long *v, size_t *end) {
    const ty_tokens *t = c->msg.t;
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
        *end = i + 2;
    }
    *v = x - 1;
    return true;
}

/* A one-letter word at i read as an option index ("B", "(a)", "a."), or
 * false when it is a filler word to skip: "a" and "I" are words too, so as
 * letters they need a mark ("A)", "(a)", "a.", "option a": after_option)
 * or a capital that names an option. */
static bool rec_choice_letter(rec_cx *c, size_t i, size_t nopts, bool after_option, long *v) {
    const ty_tokens *t = c->msg.t;
    size_t tn;
    const char *ts = rec_tok(t, i, &tn);
    const char *g;
    size_t gn;
    bool marked = after_option;
    char after = t->tok[i].b_end < c->msg.len ? c->msg.text[t->tok[i].b_end] : 0;
    if (after == ')' || after == '.') marked = true;
    rec_gap(&c->msg, i, &g, &gn);
    if (gn && g[gn - 1] == '(') marked = true;
    *v = ts[0] - 'a';
    char orig = c->msg.text[t->tok[i].b_start];
    if (orig >= 'A' && orig <= 'Z' && *v < (long)nopts) marked = true;
    return !(rec_in_list(ts, tn, c->loc->fillers) && !marked && t->ntok > 1);
}

/* The byte where the index found at tokens [e0, ...) starts: a "#" right
 * before the number itself ("#2") belongs to it. */
static size_t rec_choice_start(rec_cx *c, size_t e0, size_t ep) {
    size_t b0 = c->msg.t->tok[e0].b_start;
    if (e0 == ep) {
        const char *g;
        size_t gn;
        rec_gap(&c->msg, ep, &g, &gn);
        if (gn && g[gn - 1] == '#') b0--;
    }
    return b0;
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
            if (!rec_choice_number(c, i, &v, &end)) return false;
        } else if (t->tok[i].kind == TY_TOK_WORD && tn == 1 && ty_is_alpha((unsigned char)ts[0])) {
            if (!rec_choice_letter(c, i, nopts, opt_end == i, &v)) {
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
    *fb0 = rec_choice_start(c, e0, ep);
    return true;
}

/* True when token i sits in a question that opens with a question word a
 * few words before it in its clause, after the start or an and-word ("a
 * tune up on Friday morning and also how much would a full service be"). */
static bool rec_in_question(const rec_cx *c, size_t i) {
    const ty_tokens *t = c->msg.t;
    for (size_t p = i; p > 0 && p + 6 > i && !rec_gap_cuts(&c->msg, p);) {
        --p;
        if (!rec_list(c, t, p, RL(question_words))) continue;
        return p == 0 || rec_gap_cuts(&c->msg, p) || rec_list(c, t, p - 1, RL(and_words));
    }
    return false;
}

/* True when tokens t0..t1 name a part of the day in a clause about the
 * past, in a reply in a conversation ("dropped the bike off this
 * morning"): when something happened, never the part wanted. */
static bool rec_part_in_past(const rec_cx *c, size_t t0, size_t t1) {
    const ty_loc_word *w;
    if (!c->ctx || !c->ctx->offers || !rec_in_past(c, t0, t1)) return false;
    for (size_t p = t0; p < t1; p++)
        if (rec_words(c, c->msg.t, p, RW(part_titles), &w)) return true;
    return false;
}

/* An option named only in a clause that gives a reason, speaks of another
 * engagement, asks a question or (in a conversation) tells of the past is
 * set aside when another is named outside one ("preferably the morning, as
 * the afternoon traffic is awful", "the afternoon, I have my swimming in
 * the mornings", "a tune up on friday and also how much would a full
 * service be", "the tune-up was great, can I book a full service"). In a
 * reply in a conversation, a part of the day named alone, and only in
 * another engagement's clause, is set aside even so, as such a day is ("el
 * sábado tengo la boda de mi prima a las 6": the wedding's time, no
 * afternoon; "I'm baking from 7am": no morning). */
static bool rec_choice_aside(const rec_cx *c, const rec_ev *e) {
    return rec_in_aside(c, e->t0) || rec_in_question(c, e->t0) ||
           (c->ctx && c->ctx->offers && rec_in_past(c, e->t0, e->t1));
}

static void rec_choice_reasons(const rec_cx *c, const rec_choice_cx *cc, rec_ev *ev, size_t nopts) {
    bool stands = false, any = false;
    for (size_t o = 0; o < nopts; o++) {
        if (!ev[o].set) continue;
        bool r = rec_choice_aside(c, &ev[o]);
        stands |= !r;
        any |= r;
    }
    size_t named = 0;
    for (size_t o = 0; o < nopts; o++) named += ev[o].set;
    bool alone = named == 1 && cc->nm->any_part && c->ctx && c->ctx->offers;
    for (size_t o = 0; o < nopts; o++)
        if (ev[o].set && ((stands && any && rec_choice_aside(c, &ev[o])) || (alone && rec_engaged_at(c, ev[o].t0))))
            ev[o].set = false;
    for (size_t o = 0; o < nopts; o++)
        if (ev[o].set && rec_part_in_past(c, ev[o].t0, ev[o].t1)) ev[o].set = false;
}

/* When one named option is said to be chosen instead or settled on ("make
 * it the tune-up instead", "make it a tune-up, the full one is a bit
 * steep"), the others are set aside. */
static void rec_choice_instead(const rec_cx *c, rec_ev *ev, size_t nopts) {
    size_t chosen = nopts, count = 0;
    for (size_t o = 0; o < nopts; o++)
        if (ev[o].set && rec_settled(c, ev[o].t0, ev[o].t1)) {
            chosen = o;
            count++;
        }
    for (size_t o = 0; count == 1 && o < nopts; o++)
        if (o != chosen) ev[o].set = false;
}

/* "swap the tune-up for a full service", "cambia el corte por color": of
 * two options named in one clause, the first after a verb of swapping
 * (a few words before it) and the second after a link word right after
 * the first ("for", "to", "por"), the first is set aside. */
static void rec_choice_swap(const rec_cx *c, rec_ev *ev, size_t nopts) {
    const ty_tokens *t = c->msg.t;
    size_t a = nopts, b = nopts, count = 0;
    for (size_t o = 0; o < nopts; o++) {
        if (!ev[o].set) continue;
        count++;
        if (a == nopts || ev[o].t0 < ev[a].t0) a = o;
    }
    for (size_t o = 0; count == 2 && o < nopts; o++)
        if (ev[o].set && o != a) b = o;
    if (b == nopts || ev[a].t1 > ev[b].t0 || !rec_one_clause(c, ev[a].t0, ev[b].t0)) return;
    bool verb = false;
    for (size_t p = ev[a].t0; p > 0 && p + 4 > ev[a].t0 && !rec_gap_cuts(&c->msg, p) && !verb;)
        verb = rec_list(c, t, --p, RL(swap_verbs)) > 0;
    size_t k = ev[a].t1;
    while (k < ev[b].t0 && k < ev[a].t1 + 2 && rec_tok_in(c, t, k, RL(pronoun_ones))) k++; /* "the regular one to" */
    if (verb && k < ev[b].t0 && rec_list(c, t, k, RL(swap_links)) && k + 3 >= ev[b].t0) ev[a].set = false;
}

static bool rec_is_question(const rec_cx *c); /* recognize.c */

/* The other of two options, in a reply that names one of them only to
 * turn it down and names nothing else ("no mornings please, I'm at work
 * then", "not the tune-up"): with two on offer, that is a pick of the
 * other. nopts when the reply is no such thing (or asks a question). */
static size_t rec_choice_other(const rec_cx *c, const rec_choice_cx *cc, size_t nopts) {
    if (!c->answer || nopts != 2 || cc->negated[0] == cc->negated[1] || rec_is_question(c)) return nopts;
    /* a plain negation: "not interested in booking" is no pick of prices */
    if (!cc->neg_plain) return nopts;
    return cc->negated[0] ? 1 : 0;
}

/* Options ranked by a measure: what they cost ("the cheaper one", "la
 * más barata"), or when they are ("the later one", "el más temprano") for
 * options that are all days or all times of day. */
typedef enum { REC_RANK_PRICE, REC_RANK_TIME } rec_rank;

/* True when s[0..n) is a time of day written "HH:MM". */
static bool rec_is_hhmm(const char *s, size_t n) {
    return n == 5 && s[2] == ':' && ty_is_digit((unsigned char)s[0]) && ty_is_digit((unsigned char)s[1]) &&
           ty_is_digit((unsigned char)s[3]) && ty_is_digit((unsigned char)s[4]);
}

/* True when every option has the rank's measure (for time: all days, or
 * all times of day). */
static bool rec_rank_ok(const ty_option *opts, size_t nopts, rec_rank r) {
    size_t days = 0, times = 0;
    for (size_t o = 0; o < nopts; o++) {
        if (r == REC_RANK_PRICE && !opts[o].has_price) return false;
        int64_t z;
        days += r == REC_RANK_TIME && ty_civil_parse_iso(opts[o].id, opts[o].id_len, &z);
        times += r == REC_RANK_TIME && rec_is_hhmm(opts[o].id, opts[o].id_len);
    }
    return r == REC_RANK_PRICE || days == nopts || times == nopts;
}

/* <0, 0, >0 as option a ranks below, with or above option b. */
static int rec_rank_cmp(const ty_option *a, const ty_option *b, rec_rank r) {
    if (r == REC_RANK_PRICE) return (a->price > b->price) - (a->price < b->price);
    size_t n = a->id_len < b->id_len ? a->id_len : b->id_len; /* ISO days and HH:MM order as text */
    int d = memcmp(a->id, b->id, n);
    return d ? d : (a->id_len > b->id_len) - (a->id_len < b->id_len);
}

/* The option a message that names none asks for by rank: the lowest
 * after a word of `low` ("cheaper", "earlier"), the highest after one of
 * `high` ("pricier", "later"); not in a question, after a negation, with
 * both kinds of word or on a tie; -1 otherwise. *t0, *t1: the words. */
static long rec_choice_by_rank(const rec_cx *c, const ty_option *opts, size_t nopts, rec_rank r,
                               const char *const *low, int low_id, const char *const *high, int high_id, size_t *t0,
                               size_t *t1) {
    const ty_tokens *t = c->msg.t;
    int want = 0; /* 1 low, 2 high, 3 both: unclear */
    if (!rec_rank_ok(opts, nopts, r)) return -1; /* most options have no rank: nothing to read */
    for (size_t i = 0; i < t->ntok; i++) {
        size_t lo = rec_list(c, t, i, low, low_id), hi = rec_list(c, t, i, high, high_id);
        if ((!lo && !hi) || rec_negated(c, i)) continue;
        want |= lo >= hi ? 1 : 2;
        *t0 = i;
        *t1 = i + (lo >= hi ? lo : hi);
        i = *t1 - 1;
    }
    if ((want != 1 && want != 2) || rec_is_question(c)) return -1;
    long best = -1;
    bool tie = false;
    for (size_t o = 0; o < nopts; o++) {
        int d = best < 0 ? 0 : rec_rank_cmp(&opts[o], &opts[best], r);
        if (best >= 0 && d == 0) tie = true;
        else if (best < 0 || (want == 1 ? d < 0 : d > 0)) best = (long)o, tie = false;
    }
    return tie ? -1 : best;
}

/* Choices with more options than this skip the clause-negation test. */
#define REC_CHOICE_NEG_MAX 64

/* An option named after a negation earlier in its clause ("en la tarde
 * porfa, no soy persona de mañanas", "afternoon, I'm not a morning
 * person") is set aside when another is named outside such a clause. */
static void rec_choice_negated_clause(const rec_cx *c, rec_ev *ev, size_t nopts) {
    bool negated[REC_CHOICE_NEG_MAX] = {false}, stands = false;
    if (nopts > REC_CHOICE_NEG_MAX) return;
    for (size_t o = 0; o < nopts; o++) {
        if (!ev[o].set) continue;
        negated[o] = rec_negation_before(c, ev[o].t0, 6);
        stands |= !negated[o];
    }
    for (size_t o = 0; stands && o < nopts; o++)
        if (negated[o]) ev[o].set = false;
}

/* True when the word before token i belongs to someone else by an
 * apostrophe: "my neighbour's dog", "my sister’s cat". */
static bool rec_others_before(const rec_cx *c, size_t i) {
    if (i == 0) return false;
    const char *s = c->msg.text;
    size_t b = c->msg.t->tok[i].b_start;
    while (b > 0 && ty_is_space((unsigned char)s[b - 1])) b--;
    return (b >= 2 && s[b - 1] == 's' && s[b - 2] == '\'') || (b >= 4 && memcmp(s + b - 4, "\xE2\x80\x99s", 4) == 0) ||
           (b >= 2 && s[b - 1] == '\'' && s[b - 2] == 's');
}

/* Of options named after a possessive, one of someone else's ("my
 * neighbour's dog barks all night... can I book my cat in") is set aside
 * when another follows one of the customer's own ("my", "mi"). */
static void rec_choice_others(const rec_cx *c, rec_ev *ev, size_t nopts) {
    bool own = false;
    for (size_t o = 0; o < nopts && !own; o++)
        own = ev[o].set && ev[o].t0 > 0 && rec_list(c, c->msg.t, ev[o].t0 - 1, RL(possessives)) == 1;
    for (size_t o = 0; own && o < nopts; o++)
        if (ev[o].set && rec_others_before(c, ev[o].t0)) ev[o].set = false;
}

/* A part of the day named in a greeting ("Good morning. I'd like...",
 * "Buenas tardes, ¿me pueden...") is none; in free text, neither is one
 * that opens the message before a mark ("Morning! our delivery bike...",
 * "Evening, ..."). */
static void rec_choice_greeting(const rec_cx *c, rec_ev *ev, size_t nopts) {
    const ty_tokens *t = c->msg.t;
    const ty_loc_word *w;
    for (size_t o = 0; o < nopts; o++) {
        if (ev[o].set && rec_in_time_stop(c, ev[o].t0, ev[o].t1)) ev[o].set = false;
        if (c->answer || !ev[o].set || ev[o].t0 != 0 || ev[o].t1 >= t->ntok || !rec_gap_cuts(&c->msg, ev[o].t1))
            continue;
        if (rec_words(c, t, 0, RW(part_titles), &w) == ev[o].t1 || rec_words(c, t, 0, RW(day_periods), &w) == ev[o].t1)
            ev[o].set = false;
    }
}

/* An option named by a word that is a relative day is the day, not the
 * option, right before a part of the day ("mañana en la tarde" is tomorrow
 * afternoon) and, in free text, without an article ("un corte mañana" is
 * tomorrow; "por la mañana" the option). */
static void rec_choice_day_words(const rec_cx *c, rec_ev *ev, size_t nopts) {
    const ty_tokens *t = c->msg.t;
    for (size_t o = 0; o < nopts; o++) {
        if (!ev[o].set) continue;
        const ty_loc_word *w;
        size_t t0 = ev[o].t0, t1 = ev[o].t1;
        if (rec_words(c, t, t0, RW(relative_days), &w) != t1 - t0) continue;
        if (!c->answer && (t0 == 0 || !rec_list(c, t, t0 - 1, RL(part_articles)))) ev[o].set = false;
        else if (t1 < t->ntok && !rec_gap_cuts(&c->msg, t1) &&
                 (rec_words(c, t, t1, RW(day_periods), &w) || rec_words(c, t, t1, RW(part_phrases), &w)))
            ev[o].set = false;
    }
}

/* choice: an id sent by a button, then names and times in the reply (the
 * longest wins; two options named is no answer; one named in a reason
 * beside another is set aside), then (answers only) a
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
    rec_choice_set own; /* built for this call when the options were not prepared at load */
    const ty_choice_prep *prep = c->ctx->choice_prep;
    bool ready = true;
    if (prep) cc.nm = &prep->mode[c->answer ? TY_RECOG_ANSWER : TY_RECOG_EXTRACT];
    else if ((ready = rec_choice_prepare(c->scratch, opts, nopts, c->answer, &own))) cc.nm = &own;
    cc.held = ty_arena_alloc(c->scratch, t->ntok * sizeof *cc.held);
    cc.known = ty_arena_alloc(c->scratch, t->ntok * sizeof *cc.known);
    if (cc.known) memset(cc.known, 0, t->ntok * sizeof *cc.known);
    cc.negated = ty_arena_alloc(c->scratch, nopts * sizeof *cc.negated);
    if (cc.negated) memset(cc.negated, 0, nopts * sizeof *cc.negated);
    if (!ready || !cc.held || !cc.known || !cc.negated) {
        c->rc = TY_E_NOMEM;
        return NULL;
    }
    rec_choice_names(c, &cc, ev);
    rec_choice_joined(c, &cc, ev);
    rec_choice_parts(c, &cc, nopts, ev);
    rec_choice_times(c, &cc, opts, nopts, ev);
    if (c->rc) return NULL;
    rec_choice_day_words(c, ev, nopts);
    rec_choice_greeting(c, ev, nopts);
    rec_choice_reasons(c, &cc, ev, nopts);
    rec_choice_instead(c, ev, nopts);
    rec_choice_swap(c, ev, nopts);
    rec_choice_negated_clause(c, ev, nopts);
    rec_choice_others(c, ev, nopts);
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
    size_t other = rec_choice_other(c, &cc, nopts);
    if (other < nopts) return rec_emit_toks(c, rec_str(c, opts[other].id, opts[other].id_len), cc.neg_t0, cc.neg_t1);
    size_t p0 = 0, p1 = 0;
    long ranked = rec_choice_by_rank(c, opts, nopts, REC_RANK_PRICE, RL(cheaper_words), RL(dearer_words), &p0, &p1);
    if (ranked < 0)
        ranked = rec_choice_by_rank(c, opts, nopts, REC_RANK_TIME, RL(earlier_words), RL(later_words), &p0, &p1);
    if (ranked >= 0) return rec_emit_toks(c, rec_str(c, opts[ranked].id, opts[ranked].id_len), p0, p1);
    if (!c->answer) return NULL;
    size_t which, f0, f1, b0;
    if (!rec_choice_index(c, nopts, &which, &f0, &f1, &b0)) return NULL;
    size_t b1 = t->tok[f1 - 1].b_end;
    return rec_emit(c, rec_str(c, opts[which].id, opts[which].id_len), b0, b1);
}

