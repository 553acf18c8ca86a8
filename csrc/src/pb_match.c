/*
 * pb_match.c — reading one message against a loaded playbook: match
 * (intent, ranking, entities and the expected answer) and recognize (one
 * slot's value), with the choice options a host supplies per call
 * (docs/recognizers.md).
 *
 * Everything here only reads the playbook and allocates from a per-call
 * scratch arena and the result doc, so any number of threads may match
 * against one playbook at once. Included by csrc/tinyyes.c after
 * playbook.c, whose shared helpers (sc_cut, pb_quote, pb_calloc, ...) it
 * uses.
 */
#include "playbook.h"

#include <math.h>
#include <string.h>

/* ===================================================================== *
 * Per-call work: options from data, match, recognize
 * ===================================================================== */

/* Sets an event-domain error at the path "data.<key>[i]" (i SIZE_MAX:
 * "data.<key>", the list itself). */
static int pb_data_fail(ty_error *err, const ty_slot *slot, size_t i, const char *what) {
    if (!err) return TY_E_EVENT;
    int klen = (int)sc_cut(slot->options_from, slot->options_from_len, 64);
    if (i == SIZE_MAX) ty_err_path(err, "data.%.*s", klen, slot->options_from);
    else ty_err_path(err, "data.%.*s[%zu]", klen, slot->options_from, i);
    return ty_err_set(err, TY_DOMAIN_EVENT, TY_E_EVENT, "%s: %s", err->path, what);
}

bool ty_pb_option_price(const ty_value *v, double *out) {
    *out = ty_value_number(v);
    return ty_value_kind(v) == TY_NUMBER && isfinite(*out) && *out >= 0;
}

/* A choice slot's options for one call; those built from data live in
 * `arena` (see playbook.h). */
int ty_pb_slot_options(const ty_slot *slot, const ty_value *data, ty_arena *arena, const ty_option **opts,
                       size_t *n, ty_error *err) {
    *opts = slot->options;
    *n = slot->noptions;
    if (!slot->options_from) return TY_OK;
    *opts = NULL;
    *n = 0;
    const ty_value *list = ty_value_get(data, slot->options_from, slot->options_from_len);
    if (!list || ty_value_kind(list) == TY_NULL) return TY_OK;
    if (ty_value_kind(list) != TY_LIST) return pb_data_fail(err, slot, SIZE_MAX, "must be a list of options");
    size_t count = ty_value_count(list);
    if (count == 0) return TY_OK;
    ty_option *ops = pb_calloc(arena, count, sizeof *ops);
    if (!ops) return TY_E_NOMEM;
    for (size_t i = 0; i < count; i++) {
        const ty_value *it = ty_value_item(list, i);
        ty_option *op = &ops[i];
        const ty_value *title = NULL, *syn = NULL;
        if (ty_value_kind(it) == TY_STRING) {
            op->id = ty_value_string(it, &op->id_len);
        } else if (ty_value_kind(it) == TY_MAP) {
            op->id = ty_value_string(ty_value_get(it, "id", 2), &op->id_len);
            title = ty_value_get(it, "title", 5);
            syn = ty_value_get(it, "synonyms", 8);
            if (title && ty_value_kind(title) != TY_STRING)
                return pb_data_fail(err, slot, i, "an option's \"title\" must be a string");
            if (syn && ty_value_kind(syn) != TY_LIST)
                return pb_data_fail(err, slot, i, "an option's \"synonyms\" must be a list of strings");
            const ty_value *price = ty_value_get(it, "price", 5);
            if (price && !(op->has_price = ty_pb_option_price(price, &op->price)))
                return pb_data_fail(err, slot, i, "an option's \"price\" must be a number of 0 or more");
        }
        if (!op->id || pb_blank(op->id, op->id_len))
            return pb_data_fail(err, slot, i, "an option must be a non-empty string or an object with an \"id\"");
        op->title = op->id;
        op->title_len = op->id_len;
        if (title) op->title = ty_value_string(title, &op->title_len);
        op->norm_title = ty_text_normalize(op->title, op->title_len, arena, &op->norm_title_len);
        if (!op->norm_title) return TY_E_NOMEM;
        size_t ns = ty_value_count(syn);
        if (ns) {
            op->synonyms = pb_calloc(arena, ns, sizeof *op->synonyms);
            op->norm_synonyms = pb_calloc(arena, ns, sizeof *op->norm_synonyms);
            op->norm_synonym_lens = pb_calloc(arena, ns, sizeof *op->norm_synonym_lens);
            if (!op->synonyms || !op->norm_synonyms || !op->norm_synonym_lens) return TY_E_NOMEM;
            for (size_t s = 0; s < ns; s++) {
                size_t sl;
                const char *sv = ty_value_string(ty_value_item(syn, s), &sl);
                if (!sv) return pb_data_fail(err, slot, i, "an option's \"synonyms\" must be a list of strings");
                op->synonyms[s] = sv;
                op->norm_synonyms[s] = ty_text_normalize(sv, sl, arena, &op->norm_synonym_lens[s]);
                if (!op->norm_synonyms[s]) return TY_E_NOMEM;
            }
            op->nsynonyms = ns;
        }
    }
    *opts = ops;
    *n = count;
    return TY_OK;
}

/* See tinyyes.h: the one wording of an oversized message. */
int ty_playbook_check_size(const ty_playbook *pb, size_t len, int in_event, ty_error *err) {
    if (!pb) return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "playbook is required");
    if (len <= pb->max_message) return TY_OK;
    ty_err_path(err, "%s", in_event ? "event.text" : "text");
    return ty_err_set(err, TY_DOMAIN_EVENT, TY_E_LIMIT, "%s is %zu bytes, over the limit of %zu bytes%s",
                      in_event ? "event.text" : "message", len, pb->max_message, in_event ? "" : " (max_message)");
}

/* Checks a message input at the API boundary (event domain). */
static int pb_check_input(const ty_playbook *pb, const ty_input *in, ty_error *err) {
    if (!pb || !in) return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "playbook and input are required");
    int rc = ty_playbook_check_size(pb, in->len, 0, err);
    if (!rc) rc = ty_text_input(in->text, in->len, 0, false, TY_DOMAIN_EVENT, "message", err);
    if (rc) {
        if (err) memcpy(err->path, "text", 5);
        return rc;
    }
    if (in->data && ty_value_kind(in->data) != TY_MAP && ty_value_kind(in->data) != TY_NULL) {
        if (err) memcpy(err->path, "data", 5);
        return ty_err_set(err, TY_DOMAIN_EVENT, TY_E_EVENT, "data: must be an object");
    }
    if (in->has_offset && (in->utc_offset <= -86400 || in->utc_offset >= 86400)) {
        if (err) memcpy(err->path, "utc_offset", 11);
        return ty_err_set(err, TY_DOMAIN_EVENT, TY_E_EVENT,
                          "utc_offset: must be whole seconds within a day (-86399..86399), not %ld",
                          (long)in->utc_offset);
    }
    return TY_OK;
}

/* The slot named (name, len), or NULL with TY_E_NOTFOUND set. */
static const ty_slot *pb_find_slot(const ty_playbook *pb, const char *name, size_t len, ty_error *err) {
    int32_t i = name || !len ? ty_pb_slot_find(pb, name ? name : "", len) : -1;
    if (i >= 0) return &pb->slots[i];
    if (name && !ty_utf8_check(name, len, NULL) && !memchr(name, '\0', len)) {
        pb_q q;
        ty_err_path(err, "slots.%.*s", (int)sc_cut(name, len, 64), name);
        ty_err_set(err, TY_DOMAIN_PLAYBOOK, TY_E_NOTFOUND, "unknown slot %s", pb_quote(&q, name, len));
    } else {
        ty_err_set(err, TY_DOMAIN_PLAYBOOK, TY_E_NOTFOUND, "unknown slot (the name is not valid UTF-8)");
    }
    return NULL;
}

/* The recogniser context for an input: locale, time, offset and mode. */
static void pb_recog_ctx(const ty_playbook *pb, const ty_input *in, const ty_locale *loc, int mode,
                         ty_recog_ctx *ctx) {
    memset(ctx, 0, sizeof *ctx);
    ctx->locale = pb->locale;
    ctx->index = &pb->locale_index;
    if (loc && loc != pb->locale) { /* another language's table: its index when the playbook speaks it */
        ctx->locale = loc;
        ctx->index = NULL;
        for (size_t i = 1; i < pb->nlangs; i++)
            if (pb->langs[i].locale == loc) ctx->index = pb->langs[i].index;
    }
    ctx->at = in->at;
    ctx->has_at = in->has_at;
    ctx->utc_offset = in->has_offset ? in->utc_offset : pb->utc_offset;
    ctx->mode = mode;
    ctx->date_order = pb->date_order;
    ctx->open_from = pb->hours.set ? pb->hours.open_from : -1;
    ctx->open_to = pb->hours.set ? pb->hours.open_to : -1;
    ctx->hours = pb->hours.set ? &pb->hours : NULL;
    ctx->option_words = &pb->option_words;
    ctx->slot_words = &pb->slot_words;
    ctx->option_numbers = &pb->option_numbers;
}

bool ty_pb_no_such_day(const ty_playbook *pb, const ty_input *in, ty_arena *scratch, int *month, int *day) {
    ty_recog_ctx ctx;
    pb_recog_ctx(pb, in, NULL, TY_RECOG_ANSWER, &ctx);
    ty_tokens toks;
    if (ty_text_tokenize(in->text, in->len, scratch, &toks)) return false;
    return ty_recognize_no_such_day(&ctx, in->text, in->len, &toks, scratch, month, day);
}

bool ty_pb_tells_past(const ty_playbook *pb, const ty_input *in, const ty_locale *loc, ty_arena *scratch,
                      ty_doc *doc) {
    ty_slot day;
    memset(&day, 0, sizeof day);
    day.name = "day";
    day.name_len = 3;
    day.type = TY_SLOT_DATE;
    day.range = TY_RANGE_FUTURE;
    day.date_slot = -1;
    ty_recog_ctx ctx;
    pb_recog_ctx(pb, in, loc, TY_RECOG_EXTRACT, &ctx);
    ty_tokens toks;
    int rc;
    if (!in->has_at || ty_text_tokenize(in->text, in->len, scratch, &toks)) return false;
    ty_value *v = ty_recognize(&day, &ctx, in->text, in->len, &toks, scratch, doc, &rc);
    size_t n;
    const char *iso = v ? ty_value_string(ty_value_get(v, "value", 5), &n) : NULL;
    int64_t z;
    return iso && ty_civil_parse_iso(iso, n, &z) && z < ty_civil_local_day(in->at, ctx.utc_offset);
}

/* Runs one slot's recogniser with the options o (NULL: the playbook's
 * language, no conversation); *out is NULL when there is no value. */
static int pb_run_recognizer(const ty_playbook *pb, const ty_slot *slot, const ty_input *in, const ty_pb_match_opts *o,
                             int mode, const ty_tokens *toks, ty_arena *scratch, ty_recog_memo *memo, ty_doc *doc,
                             ty_value **out, ty_error *err) {
    *out = NULL;
    ty_recog_ctx ctx;
    pb_recog_ctx(pb, in, o ? o->locale : NULL, mode, &ctx);
    ctx.exact = mode == TY_RECOG_EXTRACT && o && o->exact_slots && slot >= pb->slots &&
                slot < pb->slots + pb->nslots && o->exact_slots[slot - pb->slots];
    ctx.memo = memo;
    ctx.past = slot->type == TY_SLOT_DATE && slot->range == TY_RANGE_PAST;
    ctx.offers = o && o->offers &&
                 ((slot->type == TY_SLOT_DATE && slot->range == TY_RANGE_FUTURE) || slot->type == TY_SLOT_CHOICE);
    ctx.foreign = o && o->foreign;
    ctx.pending = mode == TY_RECOG_EXTRACT && o && o->expect && o->offers;
    ctx.count_words = slot->count_words;
    ctx.occasion = slot->occasion_asked;
    int rc = ty_pb_slot_options(slot, in->data, scratch, &ctx.options, &ctx.noptions, err);
    if (rc) return rc == TY_E_NOMEM ? ty_err_nomem(err, TY_DOMAIN_EVENT) : rc;
    if (ctx.options && ctx.options == slot->options) ctx.choice_prep = slot->choice_prep;
    for (size_t i = 1; i < pb->nlangs && ctx.options == slot->options; i++) /* read in the language's words */
        if (pb->langs[i].locale == ctx.locale && slot->lang_options[i]) {
            ctx.options = slot->lang_options[i];
            ctx.choice_prep = slot->lang_choice_prep[i];
        }
    if (slot->type == TY_SLOT_CHOICE && ctx.noptions == 0) return TY_OK;
    *out = ty_recognize(slot, &ctx, in->text, in->len, toks, scratch, doc, &rc);
    if (rc) return ty_err_nomem(err, TY_DOMAIN_EVENT);
    return TY_OK;
}

/* {"slot", "type", then the recogniser's value, text, start, end}. */
static ty_value *pb_entity(ty_doc *doc, const ty_slot *slot, ty_value *found) {
    ty_value *m = ty_val_map(doc);
    const char *type = ty_slot_type_name(slot->type);
    ty_value *name = ty_val_string(doc, slot->name, slot->name_len);
    ty_value *tv = ty_val_string(doc, type, strlen(type));
    if (!m || !name || !tv || ty_map_put_nocopy(doc, m, "slot", 4, name) || ty_map_put_nocopy(doc, m, "type", 4, tv)) return NULL;
    for (size_t i = 0; i < ty_value_count(found); i++) {
        size_t kl;
        const char *k = ty_value_key(found, i, &kl);
        /* the value and its key belong to this doc: relinking copies nothing */
        if (ty_map_put_nocopy(doc, m, k, kl, (ty_value *)ty_value_item(found, i))) return NULL;
    }
    return m;
}

static double pb_round4(double x) { return floor(x * 10000.0 + 0.5) / 10000.0; }

/* One entity on its way into the sorted list. */
typedef struct pb_ent {
    double start;
    ty_value *v;
} pb_ent;

/* A new string value in doc holding intent i's name; NULL on OOM. */
static ty_value *pb_intent_name(ty_doc *doc, const ty_playbook *pb, uint32_t i) {
    return ty_val_string(doc, pb->intents[i].name, pb->intents[i].name_len);
}

/* The tokens the model reads (from scratch; *out = *toks when nothing
 * changes): words of an address the customer typed (an email or a web link:
 * a run of tokens with no space between them holding '@' or "://" or
 * "www.") are data, not what the message is about, so they are marked as
 * symbols and leave the model's coverage. Returns false on OOM. */
static bool pb_model_tokens(const ty_input *in, const ty_tokens *toks, ty_arena *scratch, ty_tokens *out) {
    *out = *toks;
    if (!memchr(in->text, '@', in->len) && !memchr(in->text, '/', in->len) && !memchr(in->text, '.', in->len)) return true;
    ty_token *copy = NULL;
    for (size_t i = 0; i < toks->ntok;) {
        size_t j = i + 1;
        while (j < toks->ntok && toks->tok[j].b_start > toks->tok[j - 1].b_end) {
            bool space = false;
            for (uint32_t b = toks->tok[j - 1].b_end; b < toks->tok[j].b_start; b++)
                space |= ty_is_space((unsigned char)in->text[b]);
            if (space) break;
            j++;
        }
        size_t a = toks->tok[i].b_start, z = toks->tok[j - 1].b_end;
        bool address = false;
        for (size_t b = a; b < z && !address; b++)
            address = in->text[b] == '@' || (b + 3 <= z && memcmp(in->text + b, "://", 3) == 0) ||
                      (b + 4 <= z && (in->text[b] | 32) == 'w' && (in->text[b + 1] | 32) == 'w' &&
                       (in->text[b + 2] | 32) == 'w' && in->text[b + 3] == '.');
        if (address && j - i > 1) {
            if (!copy) {
                copy = ty_arena_alloc(scratch, toks->ntok * sizeof *copy);
                if (!copy) return false;
                memcpy(copy, toks->tok, toks->ntok * sizeof *copy);
                out->tok = copy;
            }
            for (size_t k = i; k < j; k++) copy[k].kind = TY_TOK_SYM;
        }
        i = j;
    }
    return true;
}

/* The intent a message names: its intent, the confidence in it (0 when
 * nothing fits) and whether it is out of scope. */
typedef struct pb_pick {
    int32_t intent;
    double score;
    bool oos;
} pb_pick;

/* Keyword i of a playbook, for pb_sorted_find. */
static const char *pb_keyword_at(const void *table, size_t i, size_t *len) {
    const ty_playbook *pb = table;
    *len = pb->keywords[i].len;
    return pb->keywords[i].norm;
}

/* The keyword equal to the whole normalised message (one binary search
 * over pb->keywords), or -1. */
static int32_t pb_keyword_find(const ty_playbook *pb, const char *norm, size_t len) {
    size_t i = pb_sorted_find(pb, pb->nkeywords, pb_keyword_at, norm, len);
    return i < pb->nkeywords ? (int32_t)i : -1;
}

/* Appends {"intent", "score"} for intent i to the ranking list (values in
 * doc). False on OOM. */
static bool pb_rank_add(ty_doc *doc, ty_value *ranking, const ty_playbook *pb, uint32_t i, double score) {
    ty_value *e = ty_val_map(doc), *nm = pb_intent_name(doc, pb, i), *sc = ty_val_number(doc, score);
    return e && nm && sc && !ty_map_put_nocopy(doc, e, "intent", 6, nm) && !ty_map_put_nocopy(doc, e, "score", 5, sc) &&
           !ty_list_push(doc, ranking, e);
}

/* Scores the message with the intent model (the language's own when it
 * has one) into pick and the ranking (the top five with a score). */
static int pb_model_rank(const ty_playbook *pb, const ty_input *in, const ty_pb_match_opts *o, const ty_tokens *toks,
                         ty_arena *scratch, ty_doc *doc, ty_value *ranking, pb_pick *pick, ty_error *err) {
    int rc;
    const ty_matcher *model = pb->matcher; /* the language's own model when it has one */
    for (size_t li = 1; li < pb->nlangs && o->locale; li++)
        if (pb->langs[li].locale == o->locale && pb->langs[li].matcher) model = pb->langs[li].matcher;
    ty_match_score top[5];
    ty_tokens mtoks;
    if (!pb_model_tokens(in, toks, scratch, &mtoks)) return ty_err_nomem(err, TY_DOMAIN_EVENT);
    size_t k = ty_matcher_score(model, &mtoks, scratch, top, 5, &pick->oos, &rc);
    if (rc) return ty_err_nomem(err, TY_DOMAIN_EVENT);
    /* `score` is the confidence in `intent`: 0 when nothing fits
     * (the ranking still shows how close the best ones came) */
    if (k && !pick->oos) {
        pick->intent = (int32_t)top[0].intent;
        pick->score = pb_round4(top[0].score);
    }
    if (!k) pick->oos = true;
    for (size_t i = 0; i < k; i++) {
        if (pb_round4(top[i].score) <= 0) break; /* ranked, not merely listed */
        if (!pb_rank_add(doc, ranking, pb, top[i].intent, pb_round4(top[i].score)))
            return ty_err_nomem(err, TY_DOMAIN_EVENT);
    }
    return TY_OK;
}

/* Every slot's recogniser over the message (those o->entity_slots
 * leaves out excepted), appended to the entities list in order of start. */
static int pb_entities(const ty_playbook *pb, const ty_input *in, const ty_pb_match_opts *o, const ty_tokens *toks,
                       ty_arena *scratch, ty_recog_memo *memo, ty_doc *doc, ty_value *entities, ty_error *err) {
    int rc;
    pb_ent *ents = pb_calloc(scratch, pb->nslots, sizeof *ents);
    if (!ents) return ty_err_nomem(err, TY_DOMAIN_EVENT);
    size_t ne = 0;
    ty_input win = *in; /* o->written, tokenised when a text slot first reads it */
    ty_tokens wtoks = {0};
    ty_recog_memo wmemo;
    memset(&wmemo, 0, sizeof wmemo);
    for (size_t s = 0; s < pb->nslots; s++) {
        ty_value *found;
        if (o->entity_slots && !o->entity_slots[s]) continue;
        bool written = o->written != NULL;
        if (written && !wtoks.tok) {
            win.text = o->written;
            win.len = o->written_len;
            if (ty_text_tokenize(win.text, win.len, scratch, &wtoks)) return ty_err_nomem(err, TY_DOMAIN_EVENT);
        }
        if ((rc = pb_run_recognizer(pb, &pb->slots[s], written ? &win : in, o, TY_RECOG_EXTRACT,
                                     written ? &wtoks : toks, scratch, written ? &wmemo : memo, doc, &found, err)))
            return rc;
        /* the rewrite, where a respelling may have made a word readable
         * ("ful servis"); never for names, whose capitals it lost */
        if (!found && written && pb->slots[s].type != TY_SLOT_TEXT) {
            if ((rc = pb_run_recognizer(pb, &pb->slots[s], in, o, TY_RECOG_EXTRACT, toks, scratch, memo, doc, &found,
                                        err)))
                return rc;
            written = false;
        }
        if (!found) continue;
        ty_value *e = pb_entity(doc, &pb->slots[s], found);
        if (!e) return ty_err_nomem(err, TY_DOMAIN_EVENT);
        if (written && o->mark_written && ty_map_put_nocopy(doc, e, "written", 7, ty_val_bool(doc, true)))
            return ty_err_nomem(err, TY_DOMAIN_EVENT);
        /* stable insertion by start: slots keep document order on ties */
        double st = ty_value_number(ty_value_get(found, "start", 5));
        size_t at = ne;
        while (at > 0 && ents[at - 1].start > st) {
            ents[at] = ents[at - 1];
            at--;
        }
        ents[at] = (pb_ent){st, e};
        ne++;
    }
    for (size_t i = 0; i < ne; i++)
        if (ty_list_push(doc, entities, ents[i].v)) return ty_err_nomem(err, TY_DOMAIN_EVENT);
    return TY_OK;
}

/* Builds the match result into doc; returns a ty_code. */
static int pb_match_into(const ty_playbook *pb, const ty_input *in, const ty_pb_match_opts *o, ty_arena *scratch,
                         ty_doc *doc, ty_error *err) {
    const ty_slot *expect = o->expect;
    ty_tokens toks;
    if (o->toks) toks = *o->toks; /* the same text, tokenised once by the caller */
    else if (ty_text_tokenize(in->text, in->len, scratch, &toks)) return ty_err_nomem(err, TY_DOMAIN_EVENT);
    int rc;
    ty_recog_memo memo; /* what the slots' readers share about this message */
    memset(&memo, 0, sizeof memo);
    ty_value *root = ty_val_map(doc), *ranking = ty_val_list(doc), *entities = ty_val_list(doc);
    if (!root || !ranking || !entities) return ty_err_nomem(err, TY_DOMAIN_EVENT);
    ty_doc_set_root(doc, root);

    ty_value *answer = NULL;
    if (expect && toks.ntok) {
        if ((rc = pb_run_recognizer(pb, expect, in, o, TY_RECOG_ANSWER, &toks, scratch, &memo, doc, &answer, err))) return rc;
        if (answer && !(answer = pb_entity(doc, expect, answer))) return ty_err_nomem(err, TY_DOMAIN_EVENT);
    }

    pb_pick pick = {-1, 0, true};
    if (toks.ntok) {
        /* keywords: the whole normalised message equals one */
        int32_t kw = pb_keyword_find(pb, toks.norm, toks.norm_len);
        if (kw >= 0) {
            pick = (pb_pick){(int32_t)pb->keywords[kw].intent, 1, false};
            if (!pb_rank_add(doc, ranking, pb, (uint32_t)pick.intent, 1)) return ty_err_nomem(err, TY_DOMAIN_EVENT);
        } else if (pb->matcher && !o->no_model) {
            if ((rc = pb_model_rank(pb, in, o, &toks, scratch, doc, ranking, &pick, err))) return rc;
        }
    }

    /* entities: every slot's recogniser over the message */
    if (toks.ntok && pb->nslots && !o->no_entities &&
        (rc = pb_entities(pb, in, o, &toks, scratch, &memo, doc, entities, err)))
        return rc;

    ty_value *iv = pick.intent >= 0 ? pb_intent_name(doc, pb, (uint32_t)pick.intent) : ty_val_null(doc);
    ty_value *sv = ty_val_number(doc, pick.score), *ov = ty_val_bool(doc, pick.oos);
    if (!iv || !sv || !ov || ty_map_put_nocopy(doc, root, "intent", 6, iv) || ty_map_put_nocopy(doc, root, "score", 5, sv) ||
        ty_map_put_nocopy(doc, root, "oos", 3, ov) || ty_map_put_nocopy(doc, root, "ranking", 7, ranking) ||
        ty_map_put_nocopy(doc, root, "entities", 8, entities))
        return ty_err_nomem(err, TY_DOMAIN_EVENT);
    if (expect) {
        if (!answer && !(answer = ty_val_null(doc))) return ty_err_nomem(err, TY_DOMAIN_EVENT);
        if (ty_map_put_nocopy(doc, root, "answer", 6, answer)) return ty_err_nomem(err, TY_DOMAIN_EVENT);
    }
    return TY_OK;
}

/* A new result doc on pb's allocator, or NULL with err set (out of memory). */
static ty_doc *pb_doc_new(const ty_playbook *pb, ty_error *err) {
    ty_doc *doc = ty_doc_new(pb->alloc);
    if (!doc) ty_err_nomem(err, TY_DOMAIN_EVENT);
    return doc;
}

/* doc when rc is TY_OK; else frees doc and returns NULL (err is set). */
static ty_doc *pb_doc_done(ty_doc *doc, int rc) {
    if (!rc) return doc;
    ty_doc_free(doc);
    return NULL;
}

/* Returns a new doc (caller frees with ty_doc_free); reads pb only. */
ty_doc *ty_playbook_match(const ty_playbook *pb, const ty_input *in, ty_error *err) {
    ty_err_clear(err);
    if (pb_check_input(pb, in, err)) return NULL;
    ty_pb_match_opts o;
    memset(&o, 0, sizeof o);
    if (in->expect && !(o.expect = pb_find_slot(pb, in->expect, in->expect_len, err))) return NULL;
    return ty_pb_match_ex(pb, in, &o, err);
}

/* Returns a new doc (caller frees with ty_doc_free); reads pb only. */
ty_doc *ty_pb_match_ex(const ty_playbook *pb, const ty_input *in, const ty_pb_match_opts *o, ty_error *err) {
    ty_pb_match_opts none;
    if (!o) {
        memset(&none, 0, sizeof none);
        o = &none;
    }
    ty_doc *doc = pb_doc_new(pb, err);
    if (!doc) return NULL;
    ty_arena scratch;
    ty_arena_init(&scratch, pb->alloc);
    int rc = pb_match_into(pb, in, o, &scratch, doc, err);
    ty_arena_free(&scratch);
    return pb_doc_done(doc, rc);
}

/* Returns a new doc (caller frees with ty_doc_free); reads pb only. */
ty_doc *ty_playbook_recognize(const ty_playbook *pb, const char *slot, size_t slot_len, const ty_input *in,
                              ty_error *err) {
    ty_err_clear(err);
    if (pb_check_input(pb, in, err)) return NULL;
    const ty_slot *s = pb_find_slot(pb, slot, slot_len, err);
    if (!s) return NULL;
    ty_doc *doc = pb_doc_new(pb, err);
    if (!doc) return NULL;
    ty_arena scratch;
    ty_arena_init(&scratch, pb->alloc);
    ty_tokens toks;
    ty_value *found = NULL;
    int rc = ty_text_tokenize(in->text, in->len, &scratch, &toks) ? ty_err_nomem(err, TY_DOMAIN_EVENT) : TY_OK;
    if (!rc && toks.ntok) rc = pb_run_recognizer(pb, s, in, NULL, TY_RECOG_ANSWER, &toks, &scratch, NULL, doc, &found, err);
    if (!rc && !found && !(found = ty_val_null(doc))) rc = ty_err_nomem(err, TY_DOMAIN_EVENT);
    ty_arena_free(&scratch);
    if (!rc) ty_doc_set_root(doc, found);
    return pb_doc_done(doc, rc);
}
