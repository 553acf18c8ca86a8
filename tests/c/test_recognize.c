/*
 * test_recognize.c — Check tests for the answer recognisers (recognize.c,
 * locale_en.c, locale_es.c) through their private interface (slot.h): the
 * shared vectors in tests/vectors/recognize/ run straight through
 * ty_recognize (slots built here from each vector's playbook), then the
 * extract mode, questions, spans after accents and emoji, the calendar
 * against gmtime over two centuries, the locale tables, bad and huge input,
 * and allocation failure at every site.
 */
#define _POSIX_C_SOURCE 200809L
#include "../../csrc/src/locale.h"
#include "../../csrc/src/slot.h"
#include "../../csrc/src/text.h"
#include "testutil.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ===================================================================== *
 * Helpers
 * ===================================================================== */

/* One recognise call's world: options, context, arena, result doc. */
typedef struct rt {
    ty_arena arena;
    ty_slot slot;
    ty_recog_ctx ctx;
    ty_option opts[16];
} rt;

static void rt_init(rt *r, int type, const char *locale) {
    memset(r, 0, sizeof *r);
    ty_arena_init(&r->arena, NULL);
    r->slot.name = "s";
    r->slot.name_len = 1;
    r->slot.type = type;
    r->ctx.locale = locale ? ty_locale_find(locale, strlen(locale)) : ty_locale_default();
}

/* Adds an option "id=Title|syn1,syn2" (id defaults to the title). */
static void rt_option(rt *r, const char *spec) {
    ty_option *o = &r->opts[r->ctx.noptions++];
    char *copy = ty_arena_dup(&r->arena, spec, strlen(spec));
    char *bar = strchr(copy, '|');
    if (bar) *bar = '\0';
    char *eq = strchr(copy, '=');
    char *title = copy;
    if (eq) {
        *eq = '\0';
        title = eq + 1;
    }
    o->id = copy;
    o->id_len = strlen(copy);
    o->title = title;
    o->title_len = strlen(title);
    o->norm_title = ty_text_normalize(title, strlen(title), &r->arena, &o->norm_title_len);
    if (bar) {
        const char **syn = ty_arena_alloc(&r->arena, 8 * sizeof *syn);
        const char **ns = ty_arena_alloc(&r->arena, 8 * sizeof *ns);
        size_t *nl = ty_arena_alloc(&r->arena, 8 * sizeof *nl);
        size_t k = 0;
        for (char *p = bar + 1; p && *p && k < 8; k++) {
            char *comma = strchr(p, ',');
            if (comma) *comma = '\0';
            syn[k] = p;
            ns[k] = ty_text_normalize(p, strlen(p), &r->arena, &nl[k]);
            p = comma ? comma + 1 : NULL;
        }
        o->synonyms = syn;
        o->norm_synonyms = ns;
        o->norm_synonym_lens = nl;
        o->nsynonyms = k;
    }
    r->ctx.options = r->opts;
}

/* Recognises text; returns the result as compact JSON ("null" when none),
 * malloc'd. */
static char *rt_run(rt *r, const char *text) {
    ty_tokens toks;
    ck_assert_int_eq(ty_text_tokenize(text, strlen(text), &r->arena, &toks), TY_OK);
    ty_doc *d = ty_doc_new(NULL);
    ck_assert_ptr_nonnull(d);
    int rc = -99;
    ty_value *v = ty_recognize(&r->slot, &r->ctx, text, strlen(text), &toks, &r->arena, d, &rc);
    ck_assert_int_eq(rc, TY_OK);
    ty_buf b;
    ty_buf_init(&b, NULL);
    if (v) ck_assert_int_eq(ty_value_write_json(v, &b, NULL), TY_OK);
    else ty_buf_append(&b, "null", 4);
    char *out = strdup(b.ptr);
    ty_buf_free(&b);
    ty_doc_free(d);
    return out;
}

static void rt_free(rt *r) { ty_arena_free(&r->arena); }

#define RT_EQ(r, text, want)                                                         \
    do {                                                                             \
        char *got_ = rt_run((r), (text));                                            \
        ck_assert_msg(strcmp(got_, (want)) == 0, "%s\n  got  %s\n  want %s", (text), got_, (want)); \
        free(got_);                                                                  \
    } while (0)

/* The "value" member of a result, as JSON text ("null" when no result). */
static char *rt_value(rt *r, const char *text) {
    char *all = rt_run(r, text);
    if (strcmp(all, "null") == 0) return all;
    ck_assert(strncmp(all, "{\"value\":", 9) == 0);
    char *tx = strstr(all, ",\"text\":");
    ck_assert_ptr_nonnull(tx);
    *tx = '\0';
    char *v = strdup(all + 9);
    free(all);
    return v;
}

#define RT_VALUE(r, text, want)                                                      \
    do {                                                                             \
        char *got_ = rt_value((r), (text));                                          \
        ck_assert_msg(strcmp(got_, (want)) == 0, "%s\n  got  %s\n  want %s", (text), got_, (want)); \
        free(got_);                                                                  \
    } while (0)

/* "+01:00" -> 3600. */
static bool rt_parse_offset(const char *s, size_t n, int32_t *out) {
    if (n != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return false;
    int h = (s[1] - '0') * 10 + (s[2] - '0'), m = (s[4] - '0') * 10 + (s[5] - '0');
    *out = (int32_t)((h * 3600 + m * 60) * (s[0] == '-' ? -1 : 1));
    return true;
}

/* ===================================================================== *
 * Shared vectors, run through ty_recognize directly
 * ===================================================================== */

/* Builds slot `name` of a vector playbook, with options from `data`. */
static bool vec_slot(const ty_value *pb, const char *name, size_t nlen, const ty_value *data, ty_arena *a,
                     ty_slot *slot, ty_recog_ctx *ctx) {
    const ty_value *sv = ty_value_get(ty_value_get(pb, "slots", 5), name, nlen);
    if (!sv) return false;
    memset(slot, 0, sizeof *slot);
    slot->name = name;
    slot->name_len = nlen;
    size_t tl;
    const char *type = ty_value_string(ty_value_get(sv, "type", 4), &tl);
    slot->type = ty_slot_type_parse(type, tl);
    ck_assert_int_ge(slot->type, 0);
    const ty_value *list = ty_value_get(sv, "options", 7);
    size_t fl;
    const char *from = ty_value_string(ty_value_get(sv, "options_from", 12), &fl);
    if (from) list = ty_value_get(data, from, fl);
    size_t n = ty_value_count(list);
    ty_option *opts = n ? ty_arena_alloc(a, n * sizeof *opts) : NULL;
    for (size_t i = 0; i < n; i++) {
        const ty_value *it = ty_value_item(list, i);
        ty_option *o = &opts[i];
        memset(o, 0, sizeof *o);
        if (ty_value_kind(it) == TY_STRING) {
            o->id = ty_value_string(it, &o->id_len);
            o->title = o->id;
            o->title_len = o->id_len;
        } else {
            o->id = ty_value_string(ty_value_get(it, "id", 2), &o->id_len);
            o->title = ty_value_string(ty_value_get(it, "title", 5), &o->title_len);
            if (!o->title) {
                o->title = o->id;
                o->title_len = o->id_len;
            }
            const ty_value *price = ty_value_get(it, "price", 5);
            o->has_price = price != NULL;
            o->price = ty_value_number(price);
            const ty_value *syn = ty_value_get(it, "synonyms", 8);
            o->nsynonyms = ty_value_count(syn);
            if (o->nsynonyms) {
                o->synonyms = ty_arena_alloc(a, o->nsynonyms * sizeof(char *));
                o->norm_synonyms = ty_arena_alloc(a, o->nsynonyms * sizeof(char *));
                o->norm_synonym_lens = ty_arena_alloc(a, o->nsynonyms * sizeof(size_t));
                for (size_t k = 0; k < o->nsynonyms; k++) {
                    size_t sl;
                    o->synonyms[k] = ty_value_string(ty_value_item(syn, k), &sl);
                    o->norm_synonyms[k] = ty_text_normalize(o->synonyms[k], sl, a, &o->norm_synonym_lens[k]);
                }
            }
        }
        o->norm_title = ty_text_normalize(o->title, o->title_len, a, &o->norm_title_len);
    }
    ctx->options = opts;
    ctx->noptions = n;
    return true;
}

/* Runs one vector file; returns the number of cases, adds failures. With
 * an index (built for the file's locale) the results must be the same. */
static size_t vec_file(const char *path, bool with_index, size_t *failed) {
    ty_error e;
    ty_doc *vd = ty_test_load_json(path, &e);
    ck_assert_msg(vd != NULL, "%s: %s", path, e.message);
    const ty_value *root = ty_doc_root(vd);
    const ty_value *pb = ty_value_get(root, "playbook", 8);
    const ty_value *tests = ty_value_get(root, "tests", 5);
    ck_assert_int_eq(ty_value_kind(tests), TY_LIST);
    size_t ll, ol;
    const char *locale = ty_value_string(ty_value_get(pb, "locale", 6), &ll);
    const char *pboff = ty_value_string(ty_value_get(pb, "utc_offset", 10), &ol);
    size_t dl;
    const char *order = ty_value_string(ty_value_get(pb, "date_order", 10), &dl);
    int date_order = !order                                   ? TY_DATE_ORDER_LOCALE
                     : dl == 3 && memcmp(order, "dmy", 3) == 0 ? TY_DATE_ORDER_DMY
                     : dl == 3 && memcmp(order, "mdy", 3) == 0 ? TY_DATE_ORDER_MDY
                                                               : TY_DATE_ORDER_YMD;
    size_t n = ty_value_count(tests);
    for (size_t i = 0; i < n; i++) {
        const ty_value *t = ty_value_item(tests, i);
        ty_arena a;
        ty_arena_init(&a, NULL);
        ty_slot slot;
        ty_recog_ctx ctx;
        memset(&ctx, 0, sizeof ctx);
        ctx.mode = TY_RECOG_ANSWER;
        ctx.date_order = date_order;
        ctx.locale = locale ? ty_locale_find(locale, ll) : ty_locale_default();
        ck_assert_ptr_nonnull(ctx.locale);
        static ty_locale_index ix; /* tests run one at a time */
        if (with_index) {
            ty_locale_index_build(ctx.locale, &ix);
            ctx.index = &ix;
        }
        size_t sl, tl;
        const char *sname = ty_value_string(ty_value_get(t, "slot", 4), &sl);
        const char *name = ty_test_get_string(t, "name", NULL);
        const char *text = ty_value_string(ty_value_get(t, "text", 4), &tl);
        ck_assert_msg(sname && text && name, "%s: case %zu lacks slot/text/name", path, i);
        ck_assert_msg(vec_slot(pb, sname, sl, ty_value_get(t, "data", 4), &a, &slot, &ctx), "%s / %s: no slot", path,
                      name);
        const ty_value *at = ty_value_get(t, "at", 2);
        if (at) {
            ctx.has_at = 1;
            ctx.at = (int64_t)ty_value_number(at);
        }
        size_t xl;
        const char *off = ty_value_string(ty_value_get(t, "utc_offset", 10), &xl);
        if (!off && pboff) {
            off = pboff;
            xl = ol;
        }
        if (off) ck_assert(rt_parse_offset(off, xl, &ctx.utc_offset));
        ty_tokens toks;
        ck_assert_int_eq(ty_text_tokenize(text, tl, &a, &toks), TY_OK);
        ty_doc *d = ty_doc_new(NULL);
        int rc;
        ty_value *v = ty_recognize(&slot, &ctx, text, tl, &toks, &a, d, &rc);
        ck_assert_int_eq(rc, TY_OK);
        ty_buf got, want;
        ty_buf_init(&got, NULL);
        ty_buf_init(&want, NULL);
        if (v) ty_value_write_json(v, &got, NULL);
        else ty_buf_append(&got, "null", 4);
        ty_value_write_json(ty_value_get(t, "expected", 8), &want, NULL);
        if (strcmp(got.ptr, want.ptr) != 0) {
            fprintf(stderr, "%s / %s (%s \"%s\"%s):\n  got  %s\n  want %s\n", path, name, sname, text,
                    with_index ? ", indexed" : "", got.ptr, want.ptr);
            (*failed)++;
        }
        ty_buf_free(&got);
        ty_buf_free(&want);
        ty_doc_free(d);
        ty_arena_free(&a);
    }
    ty_doc_free(vd);
    return n;
}

START_TEST(shared_vectors) {
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/recognize", ty_test_vectors_dir());
    DIR *dh = opendir(dir);
    ck_assert_msg(dh != NULL, "no vectors at %s (run from the repository root)", dir);
    size_t files = 0, cases = 0, failed = 0;
    struct dirent *ent;
    while ((ent = readdir(dh)) != NULL) {
        size_t nl = strlen(ent->d_name);
        if (nl < 6 || strcmp(ent->d_name + nl - 5, ".json") != 0) continue;
        char path[1400];
        snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
        cases += vec_file(path, false, &failed);
        vec_file(path, true, &failed);
        files++;
    }
    closedir(dh);
    fprintf(stderr, "recognize vectors: %zu files, %zu cases, %zu failed\n", files, cases, failed);
    ck_assert_uint_ge(cases, 150);
    ck_assert_msg(failed == 0, "%zu of %zu vectors failed", failed, cases);
}
END_TEST

/* ===================================================================== *
 * Slot types and locales
 * ===================================================================== */

START_TEST(slot_types) {
    for (int t = 0; t < TY_SLOT_TYPE_COUNT; t++) {
        const char *n = ty_slot_type_name(t);
        ck_assert_int_eq(ty_slot_type_parse(n, strlen(n)), t);
    }
    ck_assert_str_eq(ty_slot_type_name(TY_SLOT_MONEY), "money");
    ck_assert_str_eq(ty_slot_type_name(-1), "unknown");
    ck_assert_str_eq(ty_slot_type_name(TY_SLOT_TYPE_COUNT), "unknown");
    ck_assert_int_eq(ty_slot_type_parse("Choice", 6), -1);
    ck_assert_int_eq(ty_slot_type_parse("choicex", 7), -1);
    ck_assert_int_eq(ty_slot_type_parse("choice", 5), -1);
    ck_assert_int_eq(ty_slot_type_parse("date\0", 5), -1);
    ck_assert_int_eq(ty_slot_type_parse(NULL, 0), -1);
}
END_TEST

START_TEST(locale_find) {
    const ty_locale *en = ty_locale_default();
    ck_assert_ptr_nonnull(en);
    ck_assert_str_eq(en->code, "en");
    ck_assert_ptr_eq(ty_locale_find("en", 2), en);
    ck_assert_ptr_eq(ty_locale_find("EN", 2), en);
    ck_assert_ptr_eq(ty_locale_find("en-GB", 5), en);
    ck_assert_ptr_eq(ty_locale_find("en_US", 5), en);
    const ty_locale *es = ty_locale_find("es-MX", 5);
    ck_assert_ptr_nonnull(es);
    ck_assert_str_eq(es->code, "es");
    ck_assert_ptr_null(ty_locale_find("fr", 2));
    ck_assert_ptr_null(ty_locale_find("e", 1));
    ck_assert_ptr_null(ty_locale_find("eng", 3));
    ck_assert_ptr_null(ty_locale_find("", 0));
    ck_assert_ptr_null(ty_locale_find(NULL, 0));
}
END_TEST

/* Every phrase of a table must be in the normalised form it is matched in. */
static size_t tbl_check_list(ty_arena *a, const char *code, const char *field, const char *const *list) {
    size_t n = 0;
    ck_assert_msg(list != NULL, "%s.%s is NULL (use an empty list)", code, field);
    for (; *list; list++, n++) {
        size_t nl;
        const char *norm = ty_text_normalize(*list, strlen(*list), a, &nl);
        ck_assert_ptr_nonnull(norm);
        ck_assert_msg(nl == strlen(*list) && memcmp(norm, *list, nl) == 0,
                      "%s.%s: \"%s\" is not normalised (\"%.*s\")", code, field, *list, (int)nl, norm);
    }
    return n;
}

static size_t tbl_check_words(ty_arena *a, const char *code, const char *field, const ty_loc_word *w) {
    size_t n = 0;
    ck_assert_msg(w != NULL, "%s.%s is NULL", code, field);
    for (; w->text; w++, n++) {
        const char *one[2] = {w->text, NULL};
        tbl_check_list(a, code, field, one);
    }
    return n;
}

static void tbl_check(const ty_locale *L) {
    ty_arena a;
    ty_arena_init(&a, NULL);
    const char *c = L->code;
    size_t total = 0;
#define TL(f) total += tbl_check_list(&a, c, #f, L->f)
#define TW(f) total += tbl_check_words(&a, c, #f, L->f)
    TL(yes); TL(yes_alone); TL(no); TL(no_alone); TL(unsure); TL(negations);
    TL(question_words); TL(question_aux); TL(question_aux_marked); TL(question_words_marked); TL(knowing); TL(yes_verbs); TL(yes_openers); TL(yes_if_after); TL(question_subjects); TL(proposals); TL(proposal_ends); TL(conditions); TL(fillers); TL(option_words);
    TW(ordinals); TL(ordinal_suffixes); TL(rough_suffixes); TL(occasions); TL(occasion_leads); TL(text_connectors); TW(weekdays); TL(weak_words); TW(months); TW(relative_days);
    TW(weekends); TL(this_words); TL(next_words); TL(next_suffixes); TL(in_words); TW(count_words);
    TW(day_units); TL(date_connectors); TL(day_markers); TL(date_stops); TW(number_words);
    TL(number_connectors); TL(minus_words); TW(multipliers); TW(time_points); TW(day_periods);
    TW(meridiems); TL(oclock); TL(time_preps); TW(time_offsets); TL(or_words); TL(time_preps_answer); TL(range_until); TL(have_not); TL(have_with); TL(people_kinds); TL(quantity_names); TL(rank_names); TL(time_prep_subjects); TL(name_called); TL(other_possessives); TL(age_names); TL(time_unit_names); TL(street_words); TL(weak_day_leads); TL(meal_parts); TL(move_words); TL(move_to); TL(move_objects); TL(duration_leads); TL(size_links); TL(typo_traps); TL(place_leadins); TL(age_before); TL(age_after); TL(kin_words); TL(age_links); TL(weather_words); TL(day_count_names); TL(name_articles); TL(range_from); TL(stay_start_names); TL(stay_end_names); TL(stay_end_before); TW(party_sizes); TL(reason_breaks); TL(people_minors); TL(self_and); TL(and_self); TL(people_determiners); TL(get_done); TL(past_periods); TL(text_riders); TL(place_leads); TL(copulas); TL(name_heres); TL(name_labels);
    TL(time_stops); TL(minute_words); TW(minute_links); TL(hour_marks);
    TL(range_max); TL(range_min); TL(range_max_after); TL(range_min_after); TL(range_between);
    TL(range_and); TL(range_to); TL(greetings); TL(text_leadins);
    TW(fraction_words); TL(number_articles); TL(fraction_and); TL(fraction_over); TL(fraction_of);
    TL(decimal_words); TL(one_determiners); TW(fraction_suffixes);
    TL(corrections); TL(money_links); TL(not_money); TL(phone_words); TL(id_words); TL(label_links);
#undef TL
#undef TW
    ck_assert_ptr_nonnull(L->currencies);
    for (const ty_loc_currency *cu = L->currencies; cu->text; cu++) {
        const char *one[2] = {cu->text, NULL};
        total += tbl_check_list(&a, c, "currencies", one);
        ck_assert_msg(strlen(cu->iso) == 3, "%s: currency %s has no ISO code", c, cu->text);
    }
    ck_assert_ptr_nonnull(L->subunits);
    for (const ty_loc_currency *cu = L->subunits; cu->text; cu++) {
        const char *one[2] = {cu->text, NULL};
        total += tbl_check_list(&a, c, "subunits", one);
        ck_assert_msg(!cu->iso || strlen(cu->iso) == 3, "%s: sub-unit %s has a bad ISO code", c, cu->text);
    }
    ck_assert(L->decimal_mark == '.' || L->decimal_mark == ',');
    /* the table must be complete enough to be a language */
    ck_assert_uint_ge(total, 300);
    for (const ty_loc_word *w = L->weekdays; w->text; w++) ck_assert(w->value >= 0 && w->value <= 6);
    for (const ty_loc_word *w = L->months; w->text; w++) ck_assert(w->value >= 1 && w->value <= 12);
    ty_arena_free(&a);
}

START_TEST(locale_index) {
    ty_locale_index en, es;
    ty_locale_index_build(ty_locale_find("en", 2), &en);
    ty_locale_index_build(ty_locale_find("es", 2), &es);
    ck_assert_ptr_eq(en.locale, ty_locale_default());
    /* an index built for another table is ignored, never misused */
    rt r;
    rt_init(&r, TY_SLOT_YESNO, "en");
    r.ctx.index = &es;
    RT_VALUE(&r, "sounds good", "\"yes\"");
    r.ctx.index = &en;
    RT_VALUE(&r, "sounds good", "\"yes\"");
    rt_free(&r);
    /* long texts (which build their own index) agree with an explicit one */
    const char *longs[] = {
        "well, I was thinking that maybe, if it is not too much trouble, we could do it next friday in the "
        "afternoon around 3pm, or so",
        "my budget, all things considered and after talking it over with my partner at length, is about "
        "between $50 and $80 for the whole thing",
    };
    int types[] = {TY_SLOT_DATE, TY_SLOT_MONEY};
    const char *want[] = {"\"2026-11-27\"", "{\"min\":50,\"max\":80,\"currency\":\"USD\"}"};
    for (size_t i = 0; i < 2; i++) {
        rt_init(&r, types[i], "en");
        r.ctx.has_at = 1;
        r.ctx.at = 1795000000;
        RT_VALUE(&r, longs[i], want[i]);
        r.ctx.index = &en;
        RT_VALUE(&r, longs[i], want[i]);
        rt_free(&r);
    }
    ty_locale_index_build(NULL, &en);
    ck_assert_ptr_null(en.locale);
}
END_TEST

START_TEST(locale_tables_normalised) {
    tbl_check(ty_locale_find("en", 2));
    tbl_check(ty_locale_find("es", 2));
}
END_TEST

/* ===================================================================== *
 * Extract mode: only strong evidence
 * ===================================================================== */

START_TEST(extract_mode) {
    rt r;
    rt_init(&r, TY_SLOT_CHOICE, NULL);
    rt_option(&r, "standard=Standard clean|regular,basic");
    rt_option(&r, "deep=Deep clean|thorough,full");
    r.ctx.mode = TY_RECOG_EXTRACT;
    RT_EQ(&r, "need a deep clean tomorrow", "{\"value\":\"deep\",\"text\":\"deep clean\",\"start\":7,\"end\":17}");
    RT_VALUE(&r, "can I book a thorough clean on friday?", "\"deep\""); /* questions still carry entities */
    RT_VALUE(&r, "the second one", "null");
    RT_VALUE(&r, "2", "null");
    RT_VALUE(&r, "B", "null");
    RT_VALUE(&r, "first", "null");
    RT_VALUE(&r, "keep it simple", "null"); /* no "deep" out of "keep" */
    RT_VALUE(&r, "standard", "\"standard\"");
    RT_VALUE(&r, "standard or deep", "null");
    r.ctx.mode = TY_RECOG_ANSWER;
    RT_VALUE(&r, "the second one", "\"deep\"");
    rt_free(&r);

    /* times in titles need an explicit time in extract mode */
    rt_init(&r, TY_SLOT_CHOICE, NULL);
    rt_option(&r, "Tue 10:00");
    rt_option(&r, "t15=Tue 15:00");
    r.ctx.mode = TY_RECOG_EXTRACT;
    RT_VALUE(&r, "the 10am one", "\"Tue 10:00\"");
    RT_VALUE(&r, "at 3", "null");
    RT_VALUE(&r, "t15", "null"); /* ids are for button replies */
    rt_free(&r);

    static const struct {
        int type;
        const char *text, *want;
    } cases[] = {
        {TY_SLOT_YESNO, "yes I want a deep clean", "null"},
        {TY_SLOT_TEXT, "my name is Maria", "null"},
        {TY_SLOT_NUMBER, "3 people", "3"},
        {TY_SLOT_NUMBER, "we are 4", "4"},
        {TY_SLOT_NUMBER, "room 3", "null"},
        {TY_SLOT_NUMBER, "3", "null"},
        {TY_SLOT_MONEY, "under 100", "null"},
        {TY_SLOT_MONEY, "50", "null"},
        {TY_SLOT_MONEY, "my budget is $50", "{\"amount\":50,\"currency\":\"USD\"}"},
        {TY_SLOT_MONEY, "between 50 and 80 euros", "{\"min\":50,\"max\":80,\"currency\":\"EUR\"}"},
        {TY_SLOT_TIME, "good morning", "null"},
        {TY_SLOT_TIME, "at 3", "null"},
        {TY_SLOT_TIME, "book me for 3pm", "\"15:00\""},
        {TY_SLOT_TIME, "see you at noon", "\"12:00\""},
        {TY_SLOT_DATE, "the sun is out", "null"},
        {TY_SLOT_DATE, "see you this sun", "\"2026-11-22\""},
        {TY_SLOT_DATE, "on the 15th floor", "null"},
        {TY_SLOT_DATE, "the 15th works", "null"},
        {TY_SLOT_DATE, "see you on the 15th", "\"2026-12-15\""},
        {TY_SLOT_DATE, "book me for friday", "\"2026-11-20\""},
        {TY_SLOT_DATE, "dec 3", "\"2026-12-03\""},
        {TY_SLOT_PHONE, "order 1234567", "null"},
        {TY_SLOT_PHONE, "call +44 20 7946 0958 pls", "\"+442079460958\""},
        {TY_SLOT_PHONE, "ring 0161 496 0000", "\"01614960000\""},
        {TY_SLOT_EMAIL, "write to Me@Example.org please", "\"me@example.org\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rt_init(&r, cases[i].type, NULL);
        r.ctx.mode = TY_RECOG_EXTRACT;
        r.ctx.has_at = 1;
        r.ctx.at = 1795000000;
        RT_VALUE(&r, cases[i].text, cases[i].want);
        rt_free(&r);
    }
}
END_TEST

/* ===================================================================== *
 * Questions
 * ===================================================================== */

static bool q(const char *locale, const char *text) {
    ty_arena a;
    ty_arena_init(&a, NULL);
    ty_tokens t;
    ck_assert_int_eq(ty_text_tokenize(text, strlen(text), &a, &t), TY_OK);
    bool r = ty_recognize_is_question(ty_locale_find(locale, strlen(locale)), text, strlen(text), &t);
    ty_arena_free(&a);
    return r;
}

START_TEST(questions) {
    ck_assert(q("en", "is the first one cheaper?"));
    ck_assert(!q("en", "what about friday")); /* a proposal offers its answer */
    ck_assert(!q("en", "how about friday?"));
    ck_assert(!q("en", "is tomorrow ok?"));
    ck_assert(!q("en", "would 3pm work?"));
    ck_assert(!q("en", "are you free on the 12th?"));
    ck_assert(q("en", "do you open on sunday?"));  /* information questions stay questions */
    ck_assert(q("en", "is the first one better?"));
    ck_assert(!q("es", "¿qué tal el lunes?"));
    ck_assert(!q("es", "¿el martes te va bien?"));
    ck_assert(q("es", "¿abrís el domingo?"));
    ck_assert(q("en", "which one is cheaper"));
    ck_assert(q("en", "is the first one cheaper"));
    ck_assert(q("en", "do you do fridays"));
    ck_assert(!q("en", "can I get the deep one")); /* a request, which answers */
    ck_assert(q("en", "friday?"));
    ck_assert(q("en", "friday?!  "));
    ck_assert(q("en", "friday？"));
    ck_assert(!q("en", "friday"));
    ck_assert(!q("en", "can do"));   /* a yes phrase, not a question */
    ck_assert(!q("en", "will do"));
    ck_assert(!q("en", "would love to"));
    ck_assert(!q("en", "the first one"));
    ck_assert(!q("en", "is"));
    ck_assert(!q("en", ""));
    ck_assert(q("es", "¿el viernes?"));
    ck_assert(q("es", "¿el viernes"));
    ck_assert(q("es", "cuál es más barato"));
    ck_assert(q("es", "es el primero más barato?"));
    ck_assert(q("es", "hay alguien en la tienda")); /* an auxiliary and its subject, no mark needed */
    ck_assert(!q("es", "es el primero más barato")); /* "es" asks only with a question mark */
    ck_assert(!q("es", "es un jetta"));
    ck_assert(!q("es", "el primero"));
    ck_assert(!q("es", "es Maria"));
    /* NULL locale means English; NULL tokens look at punctuation only */
    ck_assert(ty_recognize_is_question(NULL, "what", 4, NULL) == false);
    ck_assert(ty_recognize_is_question(NULL, "ok?", 3, NULL));
    /* every recogniser refuses a question as an answer */
    for (int type = 0; type < TY_SLOT_TYPE_COUNT; type++) {
        rt r;
        rt_init(&r, type, NULL);
        rt_option(&r, "Friday 3pm");
        r.ctx.has_at = 1;
        r.ctx.at = 1795000000;
        RT_EQ(&r, "is friday 3pm ok with me@x.org, +44 20 7946 0958 and $50?", "null");
        rt_free(&r);
    }
}
END_TEST

/* ===================================================================== *
 * Spans: code points of the original text
 * ===================================================================== */

START_TEST(spans_after_accents_and_emoji) {
    rt r;
    rt_init(&r, TY_SLOT_DATE, NULL);
    r.ctx.has_at = 1;
    r.ctx.at = 1795000000;
    /* family emoji: 5 code points (ZWJ sequence), then a space */
    RT_EQ(&r, "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 tomorrow",
          "{\"value\":\"2026-11-19\",\"text\":\"tomorrow\",\"start\":6,\"end\":14}");
    /* decomposed accent: e + U+0301 are two code points */
    RT_EQ(&r, "cafe\xCC\x81 tomorrow", "{\"value\":\"2026-11-19\",\"text\":\"tomorrow\",\"start\":6,\"end\":14}");
    /* the match itself holds an accent: Spanish "mañana" precomposed */
    rt_free(&r);
    rt_init(&r, TY_SLOT_DATE, "es");
    r.ctx.has_at = 1;
    r.ctx.at = 1795000000;
    RT_EQ(&r, "\xC2\xA1\xC2\xA1 no, ma\xC3\xB1" "ana", "{\"value\":\"2026-11-19\",\"text\":\"ma\xC3\xB1" "ana\",\"start\":7,\"end\":13}");
    rt_free(&r);
    /* fullwidth letters normalise but keep their own span */
    rt_init(&r, TY_SLOT_CHOICE, NULL);
    rt_option(&r, "standard=Standard clean");
    rt_option(&r, "deep=Deep clean");
    RT_EQ(&r, "\xF0\x9F\x98\x80 \xEF\xBC\xA4\xEF\xBC\xA5\xEF\xBC\xA5\xEF\xBC\xB0 one",
          "{\"value\":\"deep\",\"text\":\"\xEF\xBC\xA4\xEF\xBC\xA5\xEF\xBC\xA5\xEF\xBC\xB0\",\"start\":2,\"end\":6}");
    rt_free(&r);
    /* raw scanners (email, phone, text) count code points too */
    rt_init(&r, TY_SLOT_EMAIL, NULL);
    RT_EQ(&r, "\xC3\xA9\xC3\xA9 a@b.io", "{\"value\":\"a@b.io\",\"text\":\"a@b.io\",\"start\":3,\"end\":9}");
    rt_free(&r);
    rt_init(&r, TY_SLOT_PHONE, NULL);
    RT_EQ(&r, "\xF0\x9F\x93\x9E: 555-1234", "{\"value\":\"5551234\",\"text\":\"555-1234\",\"start\":3,\"end\":11}");
    rt_free(&r);
    rt_init(&r, TY_SLOT_TEXT, NULL);
    RT_EQ(&r, "I'm Zo\xC3\xAB \xF0\x9F\x98\x8A Smith.",
          "{\"value\":\"Zo\xC3\xAB \xF0\x9F\x98\x8A Smith\",\"text\":\"Zo\xC3\xAB \xF0\x9F\x98\x8A Smith\",\"start\":4,\"end\":15}");
    /* an emoji that ends it is dropped */
    RT_EQ(&r, "I'm Zo\xC3\xAB \xF0\x9F\x98\x8A.", "{\"value\":\"Zo\xC3\xAB\",\"text\":\"Zo\xC3\xAB\",\"start\":4,\"end\":7}");
    rt_free(&r);
}
END_TEST

/* ===================================================================== *
 * The calendar against gmtime, over two centuries and every offset
 * ===================================================================== */

static void ymd_of(int64_t t, char out[11]) {
    time_t tt = (time_t)t;
    struct tm tm;
    ck_assert_ptr_nonnull(gmtime_r(&tt, &tm));
    unsigned y = (unsigned)(tm.tm_year + 1900) % 10000u, m = (unsigned)(tm.tm_mon + 1) % 100u,
             d = (unsigned)tm.tm_mday % 100u;
    snprintf(out, 11, "%04u-%02u-%02u", y, m, d);
}

static int wday_of(int64_t t) { /* 0 = Monday */
    time_t tt = (time_t)t;
    struct tm tm;
    ck_assert_ptr_nonnull(gmtime_r(&tt, &tm));
    return (tm.tm_wday + 6) % 7;
}

START_TEST(calendar_matches_gmtime) {
    static const char *const wd[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    static const int32_t offsets[] = {0, 3600, -18000, 19800, 50400, -43200, 45 * 60};
    size_t checked = 0;
    /* 1970 .. ~2100 in steps that wander through every hour and weekday;
     * steps of 97 days instead of 29 under valgrind (the lighter mode) */
    int lighter = ty_test_lighter();
    int64_t stride = 86400LL * (lighter ? 97 : 29) + 3607;
    for (int64_t at = 0; at < 4102444800LL; at += stride) {
        for (size_t k = 0; k < sizeof offsets / sizeof offsets[0]; k++) {
            int32_t off = offsets[k];
            rt r;
            rt_init(&r, TY_SLOT_DATE, NULL);
            r.ctx.has_at = 1;
            r.ctx.at = at;
            r.ctx.utc_offset = off;
            char want[11], json[16];
            int64_t local = at + off;
            ymd_of(local, want);
            snprintf(json, sizeof json, "\"%s\"", want);
            RT_VALUE(&r, "today", json);
            ymd_of(local + 86400 * 40, want);
            snprintf(json, sizeof json, "\"%s\"", want);
            RT_VALUE(&r, "in 40 days", json);
            /* a weekday is within the coming week, today included */
            int w = (int)((at / 86400 + k) % 7);
            int today_w = wday_of(local);
            int delta = (w - today_w + 7) % 7;
            ymd_of(local + 86400LL * delta, want);
            snprintf(json, sizeof json, "\"%s\"", want);
            RT_VALUE(&r, wd[w], json);
            /* ISO text round-trips */
            ymd_of(local, want);
            snprintf(json, sizeof json, "\"%s\"", want);
            RT_VALUE(&r, want, json);
            rt_free(&r);
            checked++;
        }
    }
    ck_assert_uint_gt(checked, lighter ? 3000 : 10000);
}
END_TEST

START_TEST(clock_edges) {
    rt r;
    rt_init(&r, TY_SLOT_DATE, NULL);
    /* no clock: only dates with a year */
    RT_VALUE(&r, "tomorrow", "null");
    RT_VALUE(&r, "2026-12-03", "\"2026-12-03\"");
    /* clocks outside years 1..9999 are treated as no clock */
    r.ctx.has_at = 1;
    r.ctx.at = INT64_MAX;
    RT_VALUE(&r, "tomorrow", "null");
    r.ctx.at = INT64_MIN;
    RT_VALUE(&r, "today", "null");
    RT_VALUE(&r, "9999-12-31", "\"9999-12-31\"");
    /* the last representable day has no tomorrow */
    r.ctx.at = 253402300799LL; /* 9999-12-31 23:59:59 */
    RT_VALUE(&r, "today", "\"9999-12-31\"");
    RT_VALUE(&r, "tomorrow", "null");
    /* before the epoch */
    r.ctx.at = -1;
    RT_VALUE(&r, "today", "\"1969-12-31\"");
    r.ctx.at = -86400LL * 365 * 100;
    RT_VALUE(&r, "today", "\"1870-01-25\"");
    /* Feb 29 without a year goes to the next leap year */
    r.ctx.at = 4107542400LL; /* 2100-03-01: 2100 is not a leap year */
    RT_VALUE(&r, "feb 29", "\"2104-02-29\"");
    RT_VALUE(&r, "2100-02-29", "null");
    RT_VALUE(&r, "2000-02-29", "\"2000-02-29\"");
    /* impossible days */
    RT_VALUE(&r, "april 31", "null");
    RT_VALUE(&r, "2026-13-01", "null");
    RT_VALUE(&r, "0 dec", "null");
    rt_free(&r);
}
END_TEST

/* ===================================================================== *
 * Bad and huge input
 * ===================================================================== */

START_TEST(bad_arguments) {
    ty_slot slot;
    memset(&slot, 0, sizeof slot);
    slot.type = TY_SLOT_YESNO;
    ty_recog_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ty_arena a;
    ty_arena_init(&a, NULL);
    ty_tokens toks;
    ck_assert_int_eq(ty_text_tokenize("yes", 3, &a, &toks), TY_OK);
    ty_doc *d = ty_doc_new(NULL);
    int rc;
    ck_assert_ptr_null(ty_recognize(NULL, &ctx, "yes", 3, &toks, &a, d, &rc));
    ck_assert_int_eq(rc, TY_E_ARG);
    ck_assert_ptr_null(ty_recognize(&slot, NULL, "yes", 3, &toks, &a, d, &rc));
    ck_assert_int_eq(rc, TY_E_ARG);
    ck_assert_ptr_null(ty_recognize(&slot, &ctx, NULL, 3, &toks, &a, d, &rc));
    ck_assert_int_eq(rc, TY_E_ARG);
    ck_assert_ptr_null(ty_recognize(&slot, &ctx, "yes", 3, NULL, &a, d, &rc));
    ck_assert_int_eq(rc, TY_E_ARG);
    ck_assert_ptr_null(ty_recognize(&slot, &ctx, "yes", 3, &toks, NULL, d, &rc));
    ck_assert_int_eq(rc, TY_E_ARG);
    ck_assert_ptr_null(ty_recognize(&slot, &ctx, "yes", 3, &toks, &a, NULL, &rc));
    ck_assert_int_eq(rc, TY_E_ARG);
    /* a NULL locale is English; NULL rc is allowed */
    ty_value *v = ty_recognize(&slot, &ctx, "yes", 3, &toks, &a, d, NULL);
    ck_assert_ptr_nonnull(v);
    /* an unknown slot type recognises nothing */
    slot.type = 99;
    ck_assert_ptr_null(ty_recognize(&slot, &ctx, "yes", 3, &toks, &a, d, &rc));
    ck_assert_int_eq(rc, TY_OK);
    /* a choice slot without options */
    slot.type = TY_SLOT_CHOICE;
    ck_assert_ptr_null(ty_recognize(&slot, &ctx, "yes", 3, &toks, &a, d, &rc));
    ck_assert_int_eq(rc, TY_OK);
    /* NUL bytes are data: they separate tokens and never end the text */
    ty_tokens t2;
    ck_assert_int_eq(ty_text_tokenize("no\0yes", 6, &a, &t2), TY_OK);
    slot.type = TY_SLOT_YESNO;
    ck_assert_ptr_null(ty_recognize(&slot, &ctx, "no\0yes", 6, &t2, &a, d, &rc));
    ck_assert_int_eq(rc, TY_OK);
    slot.type = TY_SLOT_EMAIL;
    ty_tokens t3;
    ck_assert_int_eq(ty_text_tokenize("a\0@b.io", 7, &a, &t3), TY_OK);
    ck_assert_ptr_null(ty_recognize(&slot, &ctx, "a\0@b.io", 7, &t3, &a, d, &rc));
    ty_doc_free(d);
    ty_arena_free(&a);
}
END_TEST

/* Runs every recogniser over text; returns the seconds it took. */
static double huge_run(const char *text, size_t len) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int type = 0; type < TY_SLOT_TYPE_COUNT; type++) {
        for (int mode = 0; mode < 2; mode++) {
            rt r;
            rt_init(&r, type, NULL);
            for (int o = 0; o < 8; o++) {
                char spec[96];
                snprintf(spec, sizeof spec, "o%d=Option number %d deep clean|thorough%d", o, o, o);
                rt_option(&r, spec);
            }
            r.ctx.mode = mode;
            r.ctx.has_at = 1;
            r.ctx.at = 1795000000;
            ty_tokens toks;
            ck_assert_int_eq(ty_text_tokenize(text, len, &r.arena, &toks), TY_OK);
            ty_doc *d = ty_doc_new(NULL);
            int rc;
            ty_recognize(&r.slot, &r.ctx, text, len, &toks, &r.arena, d, &rc);
            ck_assert_int_eq(rc, TY_OK);
            ty_doc_free(d);
            rt_free(&r);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

START_TEST(huge_input) {
    /* 64 KiB (the default message limit) of adversarial patterns; 4 KiB
     * under valgrind (the lighter mode), where time is not asserted */
    static const char *const pats[] = {"deep ", "1 ", "a@", "a.", "+1 ", "yes no ", "thorogh ",
                                       "between 5 and ", "3pm ", "friday ", "12-", "\xF0\x9F\x91\x8D"};
    int lighter = ty_test_lighter();
    size_t len = lighter ? 4u << 10 : 64u << 10;
    char *buf = malloc(len);
    for (size_t p = 0; p < sizeof pats / sizeof pats[0]; p++) {
        size_t pl = strlen(pats[p]);
        for (size_t i = 0; i < len; i++) buf[i] = pats[p][i % pl];
        size_t n = len - len % pl;
        double s = huge_run(buf, n);
        fprintf(stderr, "huge input \"%s\"x%zu: all recognisers, both modes: %.3f s\n", pats[p], n / pl, s);
        ck_assert_msg(lighter || s < 5.0, "pattern %zu took %.2f s", p, s);
    }
    free(buf);
}
END_TEST

/* ===================================================================== *
 * Allocation failure at every site
 * ===================================================================== */

static void oom_case(int type, const char *text, const char *locale, bool with_options, int mode) {
    size_t len = strlen(text);
    bool succeeded = false;
    for (long n = 0; n < 10000 && !succeeded; n++) {
        long countdown = n;
        ty_alloc al = ty_test_failing_alloc(&countdown);
        long live0 = ty_test_live_allocs();
        ty_arena a;
        ty_arena_init(&a, &al);
        ty_slot slot;
        memset(&slot, 0, sizeof slot);
        slot.type = type;
        ty_recog_ctx ctx;
        memset(&ctx, 0, sizeof ctx);
        ctx.locale = ty_locale_find(locale, strlen(locale));
        ctx.has_at = 1;
        ctx.at = 1795000000;
        ctx.mode = mode;
        ty_option opts[3];
        memset(opts, 0, sizeof opts);
        static const char *const titles[3] = {"Tue 10:00", "Deep clean", "Standard clean"};
        static const char *const ids[3] = {"t10", "deep", "std"};
        if (with_options) {
            for (int i = 0; i < 3; i++) {
                opts[i].id = ids[i];
                opts[i].id_len = strlen(ids[i]);
                opts[i].title = titles[i];
                opts[i].title_len = strlen(titles[i]);
                /* normalised by hand so the countdown only hits the recogniser */
                static const char *const nt[3] = {"tue 10 00", "deep clean", "standard clean"};
                opts[i].norm_title = nt[i];
                opts[i].norm_title_len = strlen(nt[i]);
            }
            ctx.options = opts;
            ctx.noptions = 3;
        }
        ty_arena ta;
        ty_arena_init(&ta, NULL);
        ty_tokens toks;
        ck_assert_int_eq(ty_text_tokenize(text, len, &ta, &toks), TY_OK);
        ty_doc *d = ty_doc_new(&al);
        if (d) {
            int rc = -99;
            ty_value *v = ty_recognize(&slot, &ctx, text, len, &toks, &a, d, &rc);
            if (rc == TY_OK) {
                succeeded = true;
                ck_assert_msg(v != NULL, "%s: no value once allocation succeeds", text);
            } else {
                ck_assert_int_eq(rc, TY_E_NOMEM);
                ck_assert_ptr_null(v);
            }
            ty_doc_free(d);
        }
        ty_arena_free(&a);
        ty_arena_free(&ta);
        ck_assert_int_eq(ty_test_live_allocs(), live0);
    }
    ck_assert_msg(succeeded, "%s never succeeded", text);
}

START_TEST(allocation_failure) {
    oom_case(TY_SLOT_CHOICE, "the 10am one", "en", true, TY_RECOG_ANSWER);
    oom_case(TY_SLOT_CHOICE, "a thorough deep clean", "en", true, TY_RECOG_ANSWER);
    oom_case(TY_SLOT_CHOICE, "the second one", "en", true, TY_RECOG_ANSWER);
    oom_case(TY_SLOT_CHOICE, "need a deep clean please", "en", true, TY_RECOG_EXTRACT);
    oom_case(TY_SLOT_CHOICE, "book me in at 10:00", "en", true, TY_RECOG_EXTRACT);
    oom_case(TY_SLOT_YESNO, "yes please", "en", false, TY_RECOG_ANSWER);
    oom_case(TY_SLOT_DATE, "next friday", "en", false, TY_RECOG_ANSWER);
    oom_case(TY_SLOT_TIME, "tonight at 8", "en", false, TY_RECOG_ANSWER);
    oom_case(TY_SLOT_NUMBER, "twenty five", "en", false, TY_RECOG_ANSWER);
    oom_case(TY_SLOT_MONEY, "between $50 and $80", "en", false, TY_RECOG_ANSWER);
    oom_case(TY_SLOT_EMAIL, "Me@X.org", "en", false, TY_RECOG_ANSWER);
    oom_case(TY_SLOT_PHONE, "+44 20 7946 0958", "en", false, TY_RECOG_ANSWER);
    oom_case(TY_SLOT_TEXT, "my name is Maria", "en", false, TY_RECOG_ANSWER);
    oom_case(TY_SLOT_DATE, "el lunes que viene", "es", false, TY_RECOG_ANSWER);
}
END_TEST

/* ===================================================================== *
 * A few more behaviours worth pinning down beyond the vectors
 * ===================================================================== */

START_TEST(choice_details) {
    rt r;
    rt_init(&r, TY_SLOT_CHOICE, NULL);
    rt_option(&r, "Morning (9am)");
    rt_option(&r, "Afternoon (2pm)");
    RT_VALUE(&r, "morning", "\"Morning (9am)\"");
    RT_VALUE(&r, "the 2pm one", "\"Afternoon (2pm)\"");
    RT_VALUE(&r, "at 2", "\"Afternoon (2pm)\"");
    RT_VALUE(&r, "2", "\"Afternoon (2pm)\"");  /* an index, which happens to agree */
    RT_VALUE(&r, "1", "\"Morning (9am)\"");
    RT_VALUE(&r, "9", "null");                  /* option 9 does not exist; a bare 9 is no time */
    RT_VALUE(&r, "I'd prefer not the morning", "\"Afternoon (2pm)\""); /* of two, the other */
    rt_free(&r);
    /* many options from the host, typos scale with length */
    rt_init(&r, TY_SLOT_CHOICE, NULL);
    rt_option(&r, "Window cleaning");
    rt_option(&r, "Carpet shampoo");
    rt_option(&r, "Oven degreasing");
    rt_option(&r, "Gutter clearing");
    RT_VALUE(&r, "carpett", "\"Carpet shampoo\"");
    RT_VALUE(&r, "oven degresing", "\"Oven degreasing\"");
    RT_VALUE(&r, "gutter", "\"Gutter clearing\"");
    RT_VALUE(&r, "window", "\"Window cleaning\"");
    RT_VALUE(&r, "cleaning", "null"); /* one typo away from "clearing": ambiguous */
    RT_VALUE(&r, "D", "\"Gutter clearing\"");
    RT_VALUE(&r, "4th", "\"Gutter clearing\"");
    RT_VALUE(&r, "fourth", "\"Gutter clearing\"");
    RT_VALUE(&r, "5", "null");
    RT_VALUE(&r, "window and oven", "null");
    rt_free(&r);
}
END_TEST

static Suite *rec_suite(void) {
    Suite *s = suite_create("recognize");
    TCase *vec = tcase_create("vectors");
    tcase_add_test(vec, shared_vectors);
    suite_add_tcase(s, vec);
    TCase *api = tcase_create("api");
    tcase_add_test(api, slot_types);
    tcase_add_test(api, locale_find);
    tcase_add_test(api, locale_tables_normalised);
    tcase_add_test(api, locale_index);
    tcase_add_test(api, extract_mode);
    tcase_add_test(api, questions);
    tcase_add_test(api, spans_after_accents_and_emoji);
    tcase_add_test(api, clock_edges);
    tcase_add_test(api, bad_arguments);
    tcase_add_test(api, choice_details);
    suite_add_tcase(s, api);
    TCase *slow = tcase_create("slow");
    tcase_set_timeout(slow, 120);
    tcase_add_test(slow, calendar_matches_gmtime);
    tcase_add_test(slow, huge_input);
    tcase_add_test(slow, allocation_failure);
    suite_add_tcase(s, slow);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(rec_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
