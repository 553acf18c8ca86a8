/*
 * pb_lang.c — the languages of a playbook: its own "locale" and the
 * translations under "languages" ({"es": {"templates", "intents",
 * "options"}}), and the detection of the language a customer writes in.
 * Part of the playbook loader (pb_load.c, whose pb_* helpers it uses, as
 * declared in playbook.h); included right after it by csrc/tinyyes.c, one
 * translation unit.
 *
 * Decisions:
 *  - A translation names templates, intents and choice options of the
 *    playbook; anything else is an error. Templates keep the main name and
 *    may have their own variants and channel texts; where a language has no
 *    translation of a template, the main one is sent (lint reports it).
 *  - Translated intent examples and keywords join the intent's own: one
 *    matcher serves every language. A choice's options get a copy per
 *    language (same ids) with the translated titles and synonyms: shown and
 *    read in that language only, so one language's short words never
 *    match in another.
 *  - Detection counts the message's words found in one language's
 *    vocabulary only (its examples, translations and the built-in reading
 *    tables: yes/no, greetings, days, months, numbers) plus the language's
 *    marks ("¿", "¡", "ñ" for Spanish); the language with the most wins
 *    when it has strictly more than every other.
 */
static const char *const pbl_keys[] = {"templates", "intents", "options"};
static const char *const pbl_intent_keys[] = {"examples", "keywords"};
static const sc_member pbl_option_members[] = {{"title", SC_STRING, true, NULL, NULL},
                                               {"synonyms", SC_ANY, false, NULL, NULL}};
static const sc_schema pbl_schema = PB_KEYS(pbl_keys, SC_ANY, NULL);
static const sc_schema pbl_intent_schema = PB_KEYS(pbl_intent_keys, SC_ANY, NULL);
static const sc_schema pbl_option_schema = PB_SCHEMA(pbl_option_members);

/* ---- finding a language ---------------------------------------------- */

/* Length of the primary subtag of code ("es-MX" -> 2). */
static size_t pbl_primary(const char *code, size_t len) {
    size_t n = 0;
    while (n < len && code[n] != '-' && code[n] != '_') n++;
    return n;
}

int ty_pb_lang_find(const ty_playbook *pb, const char *code, size_t len) {
    if (!code) return -1;
    size_t n = pbl_primary(code, len);
    for (size_t i = 0; i < pb->nlangs; i++) {
        const ty_pb_lang *l = &pb->langs[i];
        if (pbl_primary(l->code, l->code_len) == n && n && memcmp(l->code, code, n) == 0) return (int)i;
    }
    return -1;
}

/* ---- vocabulary for detection ----------------------------------------- */

typedef struct pbl_vocab {
    uint32_t *v;
    size_t n, cap;
} pbl_vocab;

static uint32_t pbl_hash(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* Adds the normalised words of text to the vocabulary. */
static int pbl_add_text(pb_ctx *c, pbl_vocab *vo, const char *text, size_t len) {
    ty_tokens toks;
    if (ty_text_tokenize(text, len, &c->tmp, &toks)) return pb_nomem(c);
    for (size_t i = 0; i < toks.ntok; i++) {
        if (toks.tok[i].kind != TY_TOK_WORD) continue;
        if (vo->n == vo->cap) {
            size_t cap = vo->cap ? vo->cap * 2 : 256;
            uint32_t *v = pb_calloc(&c->tmp, cap, sizeof *v);
            if (!v) return pb_nomem(c);
            if (vo->n) memcpy(v, vo->v, vo->n * sizeof *v);
            vo->v = v;
            vo->cap = cap;
        }
        vo->v[vo->n++] = pbl_hash(toks.norm + toks.tok[i].start, toks.tok[i].end - toks.tok[i].start);
    }
    return TY_OK;
}

static int pbl_add_list(pb_ctx *c, pbl_vocab *vo, const char *const *list) {
    for (size_t i = 0; list && list[i]; i++) {
        int rc = pbl_add_text(c, vo, list[i], strlen(list[i]));
        if (rc) return rc;
    }
    return TY_OK;
}

static int pbl_add_words(pb_ctx *c, pbl_vocab *vo, const ty_loc_word *list) {
    for (size_t i = 0; list && list[i].text; i++) {
        int rc = pbl_add_text(c, vo, list[i].text, strlen(list[i].text));
        if (rc) return rc;
    }
    return TY_OK;
}

static int pbl_u32_cmp(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The built-in reading tables' words of a language. */
static int pbl_add_locale(pb_ctx *c, pbl_vocab *vo, const ty_locale *loc) {
    const char *const *lists[] = {loc->yes, loc->no, loc->question_words, loc->greetings, loc->this_words,
                                  loc->next_words, loc->in_words};
    const ty_loc_word *words[] = {loc->weekdays, loc->months, loc->relative_days, loc->number_words, loc->ordinals};
    int rc = TY_OK;
    for (size_t i = 0; !rc && i < sizeof lists / sizeof lists[0]; i++) rc = pbl_add_list(c, vo, lists[i]);
    for (size_t i = 0; !rc && i < sizeof words / sizeof words[0]; i++) rc = pbl_add_words(c, vo, words[i]);
    return rc;
}

/* Sorts and dedups vo into the language (in the playbook's arena). */
static int pbl_vocab_finish(pb_ctx *c, pbl_vocab *vo, ty_pb_lang *l) {
    if (!vo->n) return TY_OK;
    qsort(vo->v, vo->n, sizeof *vo->v, pbl_u32_cmp);
    size_t k = 1;
    for (size_t i = 1; i < vo->n; i++)
        if (vo->v[i] != vo->v[k - 1]) vo->v[k++] = vo->v[i];
    uint32_t *out = pb_calloc(&c->pb->arena, k, sizeof *out);
    if (!out) return pb_nomem(c);
    memcpy(out, vo->v, k * sizeof *out);
    l->vocab = out;
    l->nvocab = k;
    return TY_OK;
}

static bool pbl_in(const ty_pb_lang *l, uint32_t h) {
    size_t lo = 0, hi = l->nvocab;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->vocab[mid] == h) return true;
        if (l->vocab[mid] < h) lo = mid + 1;
        else hi = mid;
    }
    return false;
}

int ty_pb_detect_lang(const ty_playbook *pb, const char *text, size_t len, const ty_tokens *tokens, ty_arena *scratch) {
    if (pb->nlangs < 2) return -1;
    int score[TY_PB_MAX_LANGS] = {0};
    for (size_t k = 0; k < pb->nlangs; k++) /* marks only one language uses */
        for (const char *m = pb->langs[k].words->marks; m && *m; m += strlen(m) + 1)
            if (pb_contains(text, len, m, strlen(m))) score[k] += 2;
    ty_tokens toks;
    if (tokens) toks = *tokens; /* text's, tokenised by the caller */
    else if (ty_text_tokenize(text, len, scratch, &toks)) return -1;
    for (size_t i = 0; i < toks.ntok; i++) {
        if (toks.tok[i].kind != TY_TOK_WORD) continue;
        uint32_t h = pbl_hash(toks.norm + toks.tok[i].start, toks.tok[i].end - toks.tok[i].start);
        int only = -1, found = 0;
        for (size_t k = 0; k < pb->nlangs; k++)
            if (pbl_in(&pb->langs[k], h)) only = (int)k, found++;
        if (found == 1) score[only]++;
    }
    int best = -1;
    for (size_t k = 0; k < pb->nlangs; k++)
        if (score[k] > 0 && (best < 0 || score[k] > score[best])) best = (int)k;
    for (size_t k = 0; best >= 0 && k < pb->nlangs; k++)
        if ((int)k != best && score[k] == score[best]) return -1;
    return best;
}

/* ---- loading ------------------------------------------------------------ */

/* Sets up language l for locale code s[0..n): tables for it (an unknown
 * locale is an error naming the ones there are). */
static int pbl_setup(pb_ctx *c, ty_pb_lang *l, const char *s, size_t n) {
    const ty_locale *loc = ty_locale_find(s, n);
    if (!loc) {
        pb_q q;
        char known[64] = "";
        const ty_locale *x;
        for (size_t i = 0; (x = ty_locale_at(i)); i++)
            snprintf(known + strlen(known), sizeof known - strlen(known), "%s\"%s\"", i ? ", " : "", x->code);
        return pb_fail(c, TY_E_SCHEMA, "%s is not a language tinyyes speaks (it reads and writes %s)",
                       pb_quote(&q, s, n), known);
    }
    if (!(l->code = pb_dup(c, s, n))) return pb_nomem(c);
    l->code_len = n;
    l->locale = loc;
    l->judge = ty_judge_lex_for(loc->code, strlen(loc->code));
    l->words = ty_words_for(loc->code, strlen(loc->code));
    return TY_OK;
}

/* The translations under "languages": their count of examples, for the
 * example table pb_load_intents sizes. */
static size_t pbl_example_count(const pb_ctx *c) {
    const ty_value *langs = ty_value_get(c->root, "languages", 9);
    size_t total = 0;
    for (size_t k = 0; k < ty_value_count(langs); k++) {
        const ty_value *in = ty_value_get(ty_value_item(langs, k), "intents", 7);
        for (size_t i = 0; i < ty_value_count(in); i++) {
            const ty_value *ex = ty_value_get(ty_value_item(in, i), "examples", 8);
            if (ty_value_kind(ex) == TY_LIST) total += ty_value_count(ex);
        }
    }
    return total;
}

/* One language's "intents": examples and keywords added to the intents. */
static int pbl_intents(pb_ctx *c, const ty_value *m) {
    if (ty_value_kind(m) != TY_MAP) return pb_fail(c, TY_E_SCHEMA, "must be an object {intent: {examples, keywords}}");
    ty_playbook *pb = c->pb;
    for (size_t i = 0; i < ty_value_count(m); i++) {
        size_t kn;
        const char *k = ty_value_key(m, i, &kn);
        const ty_value *iv = ty_value_item(m, i);
        size_t o = pb_push(c, k, kn);
        int32_t idx = -1;
        for (size_t j = 0; j < pb->nintents && idx < 0; j++)
            if (pb->intents[j].name_len == kn && memcmp(pb->intents[j].name, k, kn) == 0) idx = (int32_t)j;
        pb_q q;
        if (idx < 0) return pb_fail(c, TY_E_SCHEMA, "unknown intent %s", pb_quote(&q, k, kn));
        int rc;
        if ((rc = pb_object(c, iv, &pbl_intent_schema))) return rc;
        const ty_value *ex = ty_value_get(iv, "examples", 8), *kw = ty_value_get(iv, "keywords", 8);
        if (ex) {
            size_t o2 = pb_push_s(c, "examples");
            if ((rc = pb_string_list(c, ex))) return rc;
            pb_pop(c, o2);
            for (size_t e = 0; e < ty_value_count(ex); e++) {
                ty_match_example *x = &c->examples[c->nexamples++];
                x->intent = (uint32_t)idx;
                x->text = ty_value_string(ty_value_item(ex, e), &x->len);
            }
            pb->intents[idx].nexamples += (uint32_t)ty_value_count(ex);
        }
        if (kw) {
            size_t o2 = pb_push_s(c, "keywords");
            if ((rc = pb_string_list(c, kw))) return rc;
            for (size_t e = 0; e < ty_value_count(kw); e++) {
                size_t n;
                const char *s = ty_value_string(ty_value_item(kw, e), &n);
                size_t o3 = pb_push_i(c, e);
                if ((rc = pb_add_keyword(c, s, n, (uint32_t)idx, (uint32_t)(1000 + e)))) return rc;
                pb_pop(c, o3);
            }
            pb_pop(c, o2);
        }
        pb_pop(c, o);
    }
    return TY_OK;
}

/* The translated examples and keywords of every language (called by
 * pb_load_intents before the keywords are sorted). */
static int pbl_load_intents(pb_ctx *c) {
    const ty_value *langs = ty_value_get(c->root, "languages", 9);
    for (size_t k = 0; k < ty_value_count(langs); k++) {
        size_t kn;
        const char *code = ty_value_key(langs, k, &kn);
        const ty_value *in = ty_value_get(ty_value_item(langs, k), "intents", 7);
        if (k + 1 >= TY_PB_MAX_LANGS) break; /* pb_load_languages reports the count */
        c->lang_examples[k + 1] = c->nexamples;
        c->nlang_examples = k + 1;
        if (!in) continue;
        size_t o = pb_push_s(c, "languages");
        pb_push(c, code, kn);
        pb_push_s(c, "intents");
        int rc = pbl_intents(c, in);
        if (rc) return rc;
        pb_pop(c, o);
    }
    return TY_OK;
}

/* One language's "templates": parsed and compiled, partials resolving to
 * the language's own version where it has one. */
static int pbl_templates(pb_ctx *c, const ty_value *m, ty_pb_lang *l) {
    ty_playbook *pb = c->pb;
    if (ty_value_kind(m) != TY_MAP) return pb_fail(c, TY_E_SCHEMA, "must be an object {template: text}");
    ty_pb_template *t = pb_calloc(&pb->arena, pb->ntemplates ? pb->ntemplates : 1, sizeof *t);
    ty_pb_template *view = pb_calloc(&c->tmp, pb->ntemplates ? pb->ntemplates : 1, sizeof *view);
    if (!t || !view) return pb_nomem(c);
    bool *obj = pb_calloc(&c->tmp, pb->ntemplates ? pb->ntemplates : 1, sizeof *obj);
    if (!obj) return pb_nomem(c);
    l->templates = t;
    for (size_t i = 0; i < ty_value_count(m); i++) {
        size_t kn;
        const char *k = ty_value_key(m, i, &kn);
        size_t o = pb_push(c, k, kn);
        int32_t ti = ty_pb_template_find(pb, k, kn);
        pb_q q;
        if (ti < 0) return pb_fail(c, TY_E_SCHEMA, "unknown template %s (translate the playbook's own)", pb_quote(&q, k, kn));
        t[ti].name = pb->templates[ti].name;
        t[ti].name_len = pb->templates[ti].name_len;
        int rc = pb_parse_template(c, ty_value_item(m, i), &t[ti]);
        if (rc) return rc;
        obj[ti] = ty_value_kind(ty_value_item(m, i)) == TY_MAP;
        pb_pop(c, o);
    }
    for (size_t i = 0; i < pb->ntemplates; i++) view[i] = t[i].source ? t[i] : pb->templates[i];
    pb_parts pp;
    int rc = pb_parts_of(c, view, pb->ntemplates, &pp);
    for (size_t i = 0; !rc && i < pb->ntemplates; i++) {
        if (!t[i].source) continue;
        size_t o = pb_push(c, t[i].name, t[i].name_len);
        rc = pb_compile_template(c, &t[i], &pp, obj[i]);
        if (!rc) pb_pop(c, o);
    }
    return rc;
}

/* One option's translation {title, synonyms} into op (a copy of the
 * option: same id, its own title and readings). */
static int pbl_option(pb_ctx *c, const ty_value *v, ty_option *op) {
    int rc;
    if ((rc = pb_object(c, v, &pbl_option_schema))) return rc;
    const char *s;
    size_t n;
    rc = pb_opt_string(c, v, "title", &s, &n);
    if (rc < 0) return rc;
    return pb_option_words(c, v, op, s, n, c->path.n);
}

/* One language's "options": {slot: {option id: {title, synonyms}}}. */
static int pbl_options(pb_ctx *c, const ty_value *m, size_t li) {
    if (ty_value_kind(m) != TY_MAP) return pb_fail(c, TY_E_SCHEMA, "must be an object {slot: {option: {title}}}");
    for (size_t i = 0; i < ty_value_count(m); i++) {
        size_t kn;
        const char *k = ty_value_key(m, i, &kn);
        const ty_value *sv = ty_value_item(m, i);
        size_t o = pb_push(c, k, kn);
        int32_t si = ty_pb_slot_find(c->pb, k, kn);
        pb_q q;
        if (si < 0 || !c->pb->slots[si].noptions)
            return pb_fail(c, TY_E_SCHEMA, "%s is not a choice slot with options", pb_quote(&q, k, kn));
        int rc = pb_need_map(c, sv);
        if (rc) return rc;
        ty_slot *slot = &c->pb->slots[si];
        ty_option *ops = pb_calloc(&c->pb->arena, slot->noptions, sizeof *ops);
        if (!ops) return pb_nomem(c);
        memcpy(ops, slot->options, slot->noptions * sizeof *ops);
        for (size_t j = 0; j < ty_value_count(sv); j++) {
            size_t idn;
            const char *id = ty_value_key(sv, j, &idn);
            size_t o2 = pb_push(c, id, idn);
            ty_option *op = NULL;
            for (size_t x = 0; x < slot->noptions && !op; x++)
                if (ops[x].id_len == idn && memcmp(ops[x].id, id, idn) == 0) op = &ops[x];
            if (!op) return pb_fail(c, TY_E_SCHEMA, "unknown option %s", pb_quote(&q, id, idn));
            if ((rc = pbl_option(c, ty_value_item(sv, j), op))) return rc;
            pb_pop(c, o2);
        }
        slot->lang_options[li] = ops;
        pb_pop(c, o);
    }
    return TY_OK;
}

/* The vocabulary of language li: built-in tables, its templates' texts,
 * its intents' examples (for li 0: the playbook's own), option titles. */
static int pbl_vocabulary(pb_ctx *c, size_t li) {
    ty_playbook *pb = c->pb;
    ty_pb_lang *l = &pb->langs[li];
    pbl_vocab vo = {NULL, 0, 0};
    int rc = pbl_add_locale(c, &vo, l->locale);
    for (size_t i = 0; !rc && i < pb->ntemplates; i++) {
        const ty_pb_template *t = &l->templates[i];
        if (t->source) rc = pbl_add_text(c, &vo, t->source, t->source_len);
    }
    const ty_value *intents = li == 0 ? ty_value_get(c->root, "intents", 7)
                                      : ty_value_get(ty_value_get(ty_value_get(c->root, "languages", 9), l->code,
                                                                  l->code_len),
                                                     "intents", 7);
    for (size_t i = 0; !rc && i < ty_value_count(intents); i++) {
        const ty_value *ex = ty_value_get(ty_value_item(intents, i), "examples", 8);
        for (size_t e = 0; !rc && e < ty_value_count(ex); e++) {
            size_t n;
            const char *s = ty_value_string(ty_value_item(ex, e), &n);
            if (s) rc = pbl_add_text(c, &vo, s, n);
        }
    }
    for (size_t si = 0; !rc && si < pb->nslots; si++)
        for (size_t o = 0; !rc && o < pb->slots[si].noptions; o++) {
            const ty_option *op = &pb->slots[si].options[o];
            if (li == 0) rc = pbl_add_text(c, &vo, op->title, op->title_len);
            else if (pb->slots[si].lang_options[li])
                rc = pbl_add_text(c, &vo, pb->slots[si].lang_options[li][o].title,
                                  pb->slots[si].lang_options[li][o].title_len);
        }
    return rc ? rc : pbl_vocab_finish(c, &vo, l);
}

/* "languages" (after the main templates compiled): each language's tables,
 * templates and options, and every language's detection vocabulary. */
static int pb_load_languages(pb_ctx *c) {
    ty_playbook *pb = c->pb;
    ty_pb_lang *own = &pb->langs[0];
    own->code = pb->locale->code;
    own->code_len = strlen(pb->locale->code);
    own->locale = pb->locale;
    own->index = &pb->locale_index;
    own->judge = pb->judge;
    own->words = pb->words;
    own->templates = pb->templates;
    pb->nlangs = 1;
    const ty_value *langs = ty_value_get(c->root, "languages", 9);
    if (!langs) return TY_OK;
    size_t old = pb_push_s(c, "languages");
    int rc = pb_need_map(c, langs);
    if (rc) return rc;
    if (ty_value_count(langs) + 1 > TY_PB_MAX_LANGS)
        return pb_fail(c, TY_E_SCHEMA, "at most %d languages besides the playbook's own", TY_PB_MAX_LANGS - 1);
    for (size_t k = 0; k < ty_value_count(langs); k++) {
        size_t kn;
        const char *code = ty_value_key(langs, k, &kn);
        const ty_value *lv = ty_value_item(langs, k);
        size_t o = pb_push(c, code, kn);
        ty_pb_lang *l = &pb->langs[pb->nlangs];
        if (ty_pb_lang_find(pb, code, kn) >= 0)
            return pb_fail(c, TY_E_SCHEMA, "the playbook already speaks this language");
        if ((rc = pbl_setup(c, l, code, kn))) return rc;
        pb->nlangs++; /* from here on ty_playbook_free releases what it holds */
        if ((rc = pb_object(c, lv, &pbl_schema))) return rc;
        ty_locale_index *ix = pb_calloc(&pb->arena, 1, sizeof *ix);
        if (!ix) return pb_nomem(c);
        ty_locale_index_build(l->locale, ix);
        l->index = ix;
        const ty_value *tv = ty_value_get(lv, "templates", 9), *ov = ty_value_get(lv, "options", 7);
        size_t o2 = pb_push_s(c, "templates");
        if (tv && (rc = pbl_templates(c, tv, l))) return rc;
        if (!tv && !(l->templates = pb_calloc(&pb->arena, pb->ntemplates ? pb->ntemplates : 1, sizeof *l->templates)))
            return pb_nomem(c); /* none translated */
        pb_pop(c, o2);
        if (ov) {
            o2 = pb_push_s(c, "options");
            if ((rc = pbl_options(c, ov, pb->nlangs - 1))) return rc;
            pb_pop(c, o2);
        }
        pb_pop(c, o);
    }
    pb_pop(c, old);
    for (size_t li = 0; li < pb->nlangs; li++)
        if ((rc = pbl_vocabulary(c, li))) return rc;
    return TY_OK;
}

#undef PB_N
