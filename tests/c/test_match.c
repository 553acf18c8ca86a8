/*
 * test_match.c — Check tests for csrc/src/match.c, the intent matcher:
 * unseen paraphrases, typos, case, accents and emoji on a small English
 * playbook; Spanish, Portuguese, Russian and Arabic playbooks; out-of-scope
 * messages; tiny playbooks (one intent, two examples); intents without
 * examples; bit-for-bit determinism; ties; bad arguments; allocation failure
 * at every site (training and scratch); huge and empty messages; and three
 * threads scoring one shared matcher; and a fit held partly or wholly in
 * the dual (thousands of intents) agreeing with the primal one.
 *
 * The sentences below were written for this test and never used to tune
 * the matcher (its hyper-parameters come from CLINC150's validation split).
 * Few-shot matching is statistical, so each group asserts a success rate as
 * well as a handful of clear cases one by one.
 */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include "../../csrc/src/match.h"

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------- */

typedef struct intent_def {
    const char *name;
    const char *examples[10]; /* NULL-terminated */
} intent_def;

typedef struct probe {
    const char *text;
    int intent; /* expected intent index, -1: out of scope */
} probe;

typedef struct result {
    size_t n;
    ty_match_score top[8];
    bool oos;
    int rc;
} result;

/* Trains a matcher from intent definitions in the language of lex (alloc
 * may be NULL). */
static ty_matcher *train_defs_lex(const intent_def *defs, uint32_t nintents, const ty_mlex *lex, const ty_alloc *alloc,
                                  ty_error *err) {
    ty_match_example ex[128];
    size_t n = 0;
    for (uint32_t i = 0; i < nintents; i++)
        for (size_t j = 0; defs[i].examples[j]; j++) {
            ck_assert_uint_lt(n, 128);
            ex[n].intent = i;
            ex[n].text = defs[i].examples[j];
            ex[n].len = strlen(defs[i].examples[j]);
            n++;
        }
    return ty_matcher_train(ex, n, nintents, lex, alloc, err);
}

/* The same in English. */
static ty_matcher *train_defs(const intent_def *defs, uint32_t nintents, const ty_alloc *alloc, ty_error *err) {
    return train_defs_lex(defs, nintents, ty_mlex_en(), alloc, err);
}

/* Scores text with a fresh scratch arena (the way pb_match.c does). */
static result score_text(const ty_matcher *m, const char *text, size_t len, size_t k, const ty_alloc *alloc) {
    result r;
    memset(&r, 0, sizeof r);
    ty_arena ar;
    ty_arena_init(&ar, alloc);
    ty_tokens tk;
    r.rc = ty_text_tokenize(text, len, &ar, &tk);
    if (!r.rc) r.n = ty_matcher_score(m, &tk, &ar, r.top, k, &r.oos, &r.rc);
    ty_arena_free(&ar);
    return r;
}

static result score(const ty_matcher *m, const char *text) { return score_text(m, text, strlen(text), 3, NULL); }

/* True when text is matched to want (or flagged out of scope when want < 0). */
static bool probe_ok(const ty_matcher *m, const intent_def *defs, const probe *p) {
    result r = score(m, p->text);
    ck_assert_int_eq(r.rc, TY_OK);
    bool ok = p->intent < 0 ? r.oos : (!r.oos && r.n > 0 && (int)r.top[0].intent == p->intent);
    if (!ok)
        fprintf(stderr, "  miss: \"%s\" -> %s (%.4f%s), want %s\n", p->text,
                r.n ? defs[r.top[0].intent].name : "-", r.n ? r.top[0].score : 0.0, r.oos ? ", oos" : "",
                p->intent < 0 ? "oos" : defs[p->intent].name);
    return ok;
}

/* Runs probes, returns how many passed. */
static size_t run_probes(const ty_matcher *m, const intent_def *defs, const probe *ps, size_t n) {
    size_t ok = 0;
    for (size_t i = 0; i < n; i++) ok += probe_ok(m, defs, &ps[i]);
    return ok;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- an English cleaning business ------------------------------------------ */

static const intent_def en_defs[] = {
    {"pricing",
     {"how much is a clean", "what are your prices", "how much does a deep clean cost",
      "what do you charge for a standard clean", "price list please", "is it expensive", NULL}},
    {"booking",
     {"can I book a cleaning", "I want to schedule a visit", "do you have availability this week",
      "book me in for tuesday", "can someone come and clean my flat", "I'd like to make an appointment", NULL}},
    {"hours",
     {"what are your opening hours", "when are you open", "are you open on sunday", "what time do you close",
      "opening times", NULL}},
    {"refund",
     {"I want my money back", "can I get a refund", "the clean was bad and I want a refund",
      "how do I get reimbursed", "what is your refund policy", NULL}},
};

static const probe en_inscope[] = {
    {"how mch does a deep clen cost", 0},
    {"HOW MUCH IS A CLEAN??", 0},
    {"what's the price of a standard clean 💰", 0},
    {"how much do you charge", 0},
    {"could I schedule a cleaning for friday", 1},
    {"I'd like to book a visit", 1},
    {"any availability next week?", 1},
    {"when do you open on saturday", 2},
    {"what time do you open", 2},
    {"Opening hours?", 2},
    {"give me my money back please", 3},
    {"I'd like a refund", 3},
    {"Réfund plèase", 3},
    {"rfund policy", 3},
};

static const probe en_oos[] = {
    {"what is the capital of france", -1},
    {"my cat ate a spider", -1},
    {"tell me a joke about penguins", -1},
    {"the weather is lovely today", -1},
    {"who won the football match yesterday", -1},
    {"xqzt vbnm plok", -1},
};

START_TEST(test_english_paraphrases) {
    ty_error err;
    ty_matcher *m = train_defs(en_defs, COUNT(en_defs), NULL, &err);
    ck_assert_msg(m != NULL, "%s", err.message);
    /* the typo example from the issue, one by one */
    result r = score(m, "how mch does a deep clen cost");
    ck_assert_uint_ge(r.n, 1);
    ck_assert_uint_eq(r.top[0].intent, 0);
    ck_assert(!r.oos);
    size_t ok = run_probes(m, en_defs, en_inscope, COUNT(en_inscope));
    ck_assert_msg(ok * 10 >= COUNT(en_inscope) * 8, "in-scope %zu/%zu", ok, COUNT(en_inscope));
    ok = run_probes(m, en_defs, en_oos, COUNT(en_oos));
    ck_assert_msg(ok * 10 >= COUNT(en_oos) * 8, "out-of-scope %zu/%zu", ok, COUNT(en_oos));
    ty_matcher_free(m);
}
END_TEST

START_TEST(test_scores_are_ranked_probabilities) {
    ty_error err;
    ty_matcher *m = train_defs(en_defs, COUNT(en_defs), NULL, &err);
    ck_assert_ptr_nonnull(m);
    const char *texts[] = {"how much is it", "book", "hello", "🙂", "refund refund refund", "a"};
    for (size_t i = 0; i < COUNT(texts); i++) {
        result r = score_text(m, texts[i], strlen(texts[i]), 8, NULL);
        ck_assert_int_eq(r.rc, TY_OK);
        ck_assert_uint_eq(r.n, 4); /* k > intents: every intent once */
        double sum = 0;
        for (size_t j = 0; j < r.n; j++) {
            ck_assert(r.top[j].score >= 0 && r.top[j].score <= 1);
            if (j) ck_assert(r.top[j - 1].score >= r.top[j].score);
            for (size_t k = 0; k < j; k++) ck_assert_uint_ne(r.top[k].intent, r.top[j].intent);
            sum += r.top[j].score;
        }
        ck_assert(sum <= 1.0 + 1e-9);
    }
    /* k = 1 and k = 0 */
    result r = score_text(m, "how much", 8, 1, NULL);
    ck_assert_uint_eq(r.n, 1);
    r = score_text(m, "how much", 8, 0, NULL);
    ck_assert_uint_eq(r.n, 0);
    ck_assert_uint_gt(ty_matcher_features(m), 0);
    ck_assert_uint_gt(ty_matcher_bytes(m), 0);
    ty_matcher_free(m);
}
END_TEST

/* ---- other languages (our own sentences) --------------------------------- */

static const intent_def es_defs[] = {
    {"precios", {"cuánto cuesta una limpieza", "cuáles son sus precios", "qué precio tiene la limpieza profunda", NULL}},
    {"reservar", {"quiero reservar una cita", "puedo agendar una limpieza", "tienen disponibilidad esta semana", NULL}},
    {"horario", {"a qué hora abren", "cuál es su horario", "están abiertos el domingo", NULL}},
};
static const probe es_probes[] = {
    {"cuanto cuesta la limpieza profunda", 0},
    {"CUÁNTO CUESTAN SUS SERVICIOS?", 0},
    {"quisiera reservar una cita para el viernes", 1},
    {"a que hora cierran", 2},
    {"cuál es el horario del sábado", 2},
    {"mi perro come zanahorias", -1},
};

static const intent_def pt_defs[] = {
    {"preco", {"quanto custa uma limpeza", "quais são os preços", "qual é o valor da limpeza", NULL}},
    {"agendar", {"quero agendar uma visita", "posso marcar uma limpeza", "vocês têm vaga esta semana", NULL}},
    {"horario", {"que horas vocês abrem", "qual é o horário de funcionamento", "vocês abrem no domingo", NULL}},
};
static const probe pt_probes[] = {
    {"quanto custa a limpeza", 0},
    {"qual o preço?", 0},
    {"quero marcar uma visita para sexta", 1},
    {"que horas abrem no sábado", 2},
    {"o gato subiu no telhado", -1},
};

static const intent_def ru_defs[] = {
    {"cena", {"сколько стоит уборка", "какие у вас цены", "сколько стоит генеральная уборка", NULL}},
    {"zapis", {"хочу записаться на уборку", "можно заказать уборку на завтра", "запишите меня на пятницу", NULL}},
    {"chasy", {"во сколько вы открываетесь", "какой у вас график работы", "вы работаете в воскресенье", NULL}},
};
static const probe ru_probes[] = {
    {"СКОЛЬКО СТОИТ УБОРКА КВАРТИРЫ", 0},
    {"какие цены на уборку?", 0},
    {"хочу заказать уборку на субботу", 1},
    {"вы работаете в субботу", 2},
    {"мой кот любит рыбу", -1},
};

static const intent_def ar_defs[] = {
    {"price", {"كم سعر التنظيف", "ما هي أسعاركم", "كم تكلفة التنظيف العميق", NULL}},
    {"book", {"أريد حجز موعد", "هل يمكنني حجز تنظيف", "احجز لي موعدا يوم الجمعة", NULL}},
    {"hours", {"متى تفتحون", "ما هي ساعات العمل", "هل أنتم مفتوحون يوم الأحد", NULL}},
};
static const probe ar_probes[] = {
    {"كم سعر التنظيف العميق", 0},
    {"كَمْ سِعْرُ التَّنْظِيف", 0}, /* with vowel marks: stripped by the normaliser */
    {"أريد حجز موعد للتنظيف", 1},
    {"ما هي ساعات العمل يوم السبت", 2},
    {"القطة تنام على الكرسي", -1},
};

static void check_language(const char *lang, const intent_def *defs, uint32_t nd, const probe *ps, size_t np) {
    ty_error err;
    ty_matcher *m = train_defs_lex(defs, nd, ty_mlex_for(lang, strlen(lang)), NULL, &err);
    ck_assert_msg(m != NULL, "%s: %s", lang, err.message);
    size_t ok = run_probes(m, defs, ps, np);
    ck_assert_msg(ok * 10 >= np * 8, "%s: %zu/%zu", lang, ok, np);
    /* the first probe is a near-copy of an example: always right */
    ck_assert_msg(probe_ok(m, defs, &ps[0]), "%s: first probe", lang);
    ty_matcher_free(m);
}

START_TEST(test_spanish) { check_language("es", es_defs, COUNT(es_defs), es_probes, COUNT(es_probes)); }
END_TEST
START_TEST(test_portuguese) { check_language("pt", pt_defs, COUNT(pt_defs), pt_probes, COUNT(pt_probes)); }
END_TEST
START_TEST(test_russian) { check_language("ru", ru_defs, COUNT(ru_defs), ru_probes, COUNT(ru_probes)); }
END_TEST
START_TEST(test_arabic) { check_language("ar", ar_defs, COUNT(ar_defs), ar_probes, COUNT(ar_probes)); }
END_TEST


/* ---- the concept lexicon --------------------------------------------------- */

/* Checks that every '|'-separated phrase of list is normalised already. */
static void check_normalised(const char *code, const char *what, const char *list) {
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, '|');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        ck_assert_msg(n > 0, "%s %s: empty phrase", code, what);
        ty_arena ar;
        ty_arena_init(&ar, NULL);
        size_t nl;
        char *norm = ty_text_normalize(p, n, &ar, &nl);
        ck_assert_ptr_nonnull(norm);
        ck_assert_msg(nl == n && memcmp(norm, p, n) == 0, "%s %s: \"%.*s\" is not normalised (\"%.*s\")", code, what,
                      (int)n, p, (int)nl, norm);
        ty_arena_free(&ar);
        p = e ? e + 1 : p + n;
    }
}

START_TEST(test_lexicon_tables_are_normalised) {
    const ty_mlex *lexes[] = {ty_mlex_en(), ty_mlex_es()};
    for (size_t l = 0; l < COUNT(lexes); l++) {
        const ty_mlex *lx = lexes[l];
        ck_assert_ptr_eq(ty_mlex_for(lx->code, strlen(lx->code)), lx);
        check_normalised(lx->code, "stop", lx->stop);
        for (size_t c = 0; c < lx->nconcepts; c++) {
            check_normalised(lx->code, lx->concepts[c].name, lx->concepts[c].phrases);
            for (size_t d = 0; d < c; d++) ck_assert_str_ne(lx->concepts[c].name, lx->concepts[d].name);
        }
        /* stems never grow and are stable */
        const char *words[] = {"prices", "booking", "cancelled", "opening", "reservaciones", "cancelar", "ab", "x"};
        for (size_t w = 0; w < COUNT(words); w++) {
            char out[32];
            size_t n = strlen(words[w]);
            size_t k = lx->stem(words[w], n, out);
            ck_assert_uint_le(k, n);
            ck_assert_uint_gt(k, 0);
        }
    }
    ck_assert_ptr_eq(ty_mlex_for("es-MX", 5), ty_mlex_es());
    ck_assert_ptr_eq(ty_mlex_for("en_GB", 5), ty_mlex_en());
    ck_assert_ptr_null(ty_mlex_for("fr", 2));
    ck_assert_ptr_null(ty_mlex_for(NULL, 0));
}
END_TEST

/* A small playbook with no word in common between an example and a probe:
 * the lexicon carries the meaning; off-topic text stays out of scope. */
static const intent_def few_defs[] = {
    {"prices", {"what do you charge for a session", "is the monthly plan expensive", "price of a class pass",
                "do you have student discounts", NULL}},
    {"hours", {"when are you open", "what time do you close on saturday", "are you open on sundays",
               "opening hours on weekdays", NULL}},
    {"location", {"where is the studio", "what's your address", "is there parking nearby",
                  "how do I get there by bus", NULL}},
    {"cancel", {"I need to cancel my class", "can I move my booking to another day", "please reschedule",
                "I can't make it tonight", NULL}},
};
static const probe few_probes[] = {
    {"how much is it", 0},
    {"any cheaper rates?", 0},
    {"r u shut on bank holidays", 1},
    {"whats the postcode for the satnav", 2},
    {"where do I park?", 2},
    {"something came up, I won't make it tomorrow", 3},
    {"what's the capital of australia", -1},
    {"tell me a joke", -1},
    {"who won the football last night", -1},
};

START_TEST(test_few_examples_generalise_through_the_lexicon) {
    ty_error err;
    ty_matcher *m = train_defs(few_defs, COUNT(few_defs), NULL, &err);
    ck_assert_ptr_nonnull(m);
    for (size_t i = 0; i < COUNT(few_probes); i++)
        ck_assert_msg(probe_ok(m, few_defs, &few_probes[i]), "probe \"%s\"", few_probes[i].text);
    ty_matcher_free(m);
    /* without the lexicon the same playbook still trains and matches its own words */
    m = train_defs_lex(few_defs, COUNT(few_defs), NULL, NULL, &err);
    ck_assert_ptr_nonnull(m);
    probe own = {"when are you open", 1};
    ck_assert(probe_ok(m, few_defs, &own));
    ty_matcher_free(m);
}
END_TEST

/* ---- tiny playbooks -------------------------------------------------------- */

START_TEST(test_one_intent_two_examples) {
    static const intent_def defs[] = {{"pricing", {"how much is a clean", "what are your prices", NULL}}};
    ty_error err;
    ty_matcher *m = train_defs(defs, 1, NULL, &err);
    ck_assert_ptr_nonnull(m);
    result r = score(m, "how much is a deep clean?");
    ck_assert_uint_eq(r.n, 1);
    ck_assert_uint_eq(r.top[0].intent, 0);
    ck_assert(!r.oos);
    ck_assert(r.top[0].score > 0 && r.top[0].score <= 1);
    r = score(m, "What are your prices");
    ck_assert(!r.oos);
    ck_assert(r.top[0].score > 0.5);
    static const probe oos[] = {
        {"I like turtles", -1},
        {"the bus was late again", -1},
        {"send me a photo of your dog", -1},
        {"ok", -1},
    };
    /* with two examples a shared word ("your") can still pull a message in */
    ck_assert_uint_ge(run_probes(m, defs, oos, COUNT(oos)), COUNT(oos) - 1);
    ty_matcher_free(m);
}
END_TEST

START_TEST(test_two_intents_two_examples) {
    static const intent_def defs[] = {
        {"hours", {"when are you open", "what are your opening hours", NULL}},
        {"human", {"can I talk to a person", "I want to speak to someone", NULL}},
    };
    ty_error err;
    ty_matcher *m = train_defs(defs, 2, NULL, &err);
    ck_assert_ptr_nonnull(m);
    static const probe ps[] = {
        {"are you open today", 0},
        {"opening hours please", 0},
        {"let me talk to a real person", 1},
        {"can I speak to a human", 1},
        {"my fridge is broken", -1},
        {"do you sell bicycles", -1},
    };
    size_t ok = run_probes(m, defs, ps, COUNT(ps));
    ck_assert_msg(ok >= COUNT(ps) - 1, "%zu/%zu", ok, COUNT(ps));
    ty_matcher_free(m);
}
END_TEST

START_TEST(test_zero_examples) {
    ty_error err;
    ty_matcher *m = ty_matcher_train(NULL, 0, 3, ty_mlex_en(), NULL, &err);
    ck_assert_ptr_nonnull(m);
    result r = score(m, "hello there");
    ck_assert_int_eq(r.rc, TY_OK);
    ck_assert_uint_eq(r.n, 0);
    ck_assert(r.oos);
    ty_matcher_free(m);
    /* zero intents too */
    m = ty_matcher_train(NULL, 0, 0, ty_mlex_en(), NULL, &err);
    ck_assert_ptr_nonnull(m);
    r = score(m, "hello");
    ck_assert_uint_eq(r.n, 0);
    ck_assert(r.oos);
    ty_matcher_free(m);
}
END_TEST

START_TEST(test_intent_without_examples_is_never_ranked) {
    /* intent 1 ("keywords only" in a playbook) has no examples */
    ty_match_example ex[] = {
        {0, "what are your prices", 20}, {0, "how much is it", 14}, {2, "when are you open", 17}, {2, "opening hours", 13}};
    ty_error err;
    ty_matcher *m = ty_matcher_train(ex, 4, 3, ty_mlex_en(), NULL, &err);
    ck_assert_ptr_nonnull(m);
    result r = score_text(m, "when do you open", 16, 8, NULL);
    ck_assert_uint_eq(r.n, 2);
    ck_assert_uint_eq(r.top[0].intent, 2);
    ck_assert_uint_eq(r.top[1].intent, 0);
    ty_matcher_free(m);
}
END_TEST

START_TEST(test_ties_prefer_lower_index) {
    ty_match_example ex[] = {{0, "hello there", 11}, {1, "good morning", 12}, {2, "goodbye now", 11}};
    ty_error err;
    ty_matcher *m = ty_matcher_train(ex, 3, 3, ty_mlex_en(), NULL, &err);
    ck_assert_ptr_nonnull(m);
    /* nothing known: every intent scores the same (0), listed by index */
    result r = score_text(m, "zzz qqq", 7, 3, NULL);
    ck_assert_uint_eq(r.n, 3);
    ck_assert(r.oos);
    for (uint32_t i = 0; i < 3; i++) {
        ck_assert_uint_eq(r.top[i].intent, i);
        ck_assert(r.top[i].score == 0);
    }
    ty_matcher_free(m);
}
END_TEST

START_TEST(test_examples_without_words) {
    /* punctuation-only examples carry no features: still a valid matcher */
    ty_match_example ex[] = {{0, "!!!", 3}, {1, "...", 3}, {1, "hi", 2}};
    ty_error err;
    ty_matcher *m = ty_matcher_train(ex, 3, 2, ty_mlex_en(), NULL, &err);
    ck_assert_ptr_nonnull(m);
    result r = score(m, "???");
    ck_assert_int_eq(r.rc, TY_OK);
    ck_assert(r.oos);
    r = score(m, "hi");
    ck_assert_int_eq(r.rc, TY_OK);
    ck_assert_uint_ge(r.n, 1);
    ck_assert_uint_eq(r.top[0].intent, 1);
    ty_matcher_free(m);
}
END_TEST

/* ---- determinism ------------------------------------------------------------ */

START_TEST(test_deterministic_bit_for_bit) {
    ty_error err;
    ty_matcher *a = train_defs(en_defs, COUNT(en_defs), NULL, &err);
    ty_matcher *b = train_defs(en_defs, COUNT(en_defs), NULL, &err);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(ty_matcher_bytes(a), ty_matcher_bytes(b));
    ck_assert_uint_eq(ty_matcher_features(a), ty_matcher_features(b));
    for (size_t i = 0; i < COUNT(en_inscope) + COUNT(en_oos); i++) {
        const char *t = i < COUNT(en_inscope) ? en_inscope[i].text : en_oos[i - COUNT(en_inscope)].text;
        result ra = score_text(a, t, strlen(t), 4, NULL), rb = score_text(b, t, strlen(t), 4, NULL);
        ck_assert_uint_eq(ra.n, rb.n);
        ck_assert_int_eq(ra.oos, rb.oos);
        for (size_t j = 0; j < ra.n; j++) {
            ck_assert_uint_eq(ra.top[j].intent, rb.top[j].intent);
            ck_assert(memcmp(&ra.top[j].score, &rb.top[j].score, sizeof(double)) == 0);
        }
    }
    ty_matcher_free(a);
    ty_matcher_free(b);
}
END_TEST

/* ---- bad input -------------------------------------------------------------- */

START_TEST(test_bad_arguments) {
    ty_error err;
    ty_match_example ex[] = {{5, "hello", 5}};
    ck_assert_ptr_null(ty_matcher_train(ex, 1, 2, ty_mlex_en(), NULL, &err));
    ck_assert_int_eq(err.code, TY_E_ARG);
    ck_assert_int_eq(err.domain, TY_DOMAIN_PLAYBOOK);
    ck_assert_ptr_null(ty_matcher_train(NULL, 3, 2, ty_mlex_en(), NULL, &err));
    ck_assert_int_eq(err.code, TY_E_ARG);
    ty_match_example nul_text[] = {{0, NULL, 4}};
    ck_assert_ptr_null(ty_matcher_train(nul_text, 1, 1, ty_mlex_en(), NULL, &err));
    ck_assert_int_eq(err.code, TY_E_ARG);
    ty_match_example bad_utf8[] = {{0, "caf\xc3", 4}};
    ck_assert_ptr_null(ty_matcher_train(bad_utf8, 1, 1, ty_mlex_en(), NULL, &err));
    ck_assert_int_eq(err.code, TY_E_UTF8);
    ck_assert_ptr_null(ty_matcher_train(ex, 1, 2, ty_mlex_en(), NULL, NULL)); /* err may be NULL */
    ty_matcher_free(NULL);
    ck_assert_uint_eq(ty_matcher_bytes(NULL), 0);
    ck_assert_uint_eq(ty_matcher_features(NULL), 0);
    /* scoring with a NULL matcher or tokens is "no match" */
    bool oos = false;
    int rc = 1;
    ty_match_score top[1];
    ck_assert_uint_eq(ty_matcher_score(NULL, NULL, NULL, top, 1, &oos, &rc), 0);
    ck_assert(oos);
    ck_assert_int_eq(rc, TY_OK);
}
END_TEST

START_TEST(test_huge_and_odd_messages) {
    ty_error err;
    ty_matcher *m = train_defs(en_defs, COUNT(en_defs), NULL, &err);
    ck_assert_ptr_nonnull(m);
    /* 64 KiB: many words and one giant word */
    size_t n = 64 * 1024;
    char *big = malloc(n);
    ck_assert_ptr_nonnull(big);
    for (size_t i = 0; i < n; i++) big[i] = "how much is a clean "[i % 20];
    result r = score_text(m, big, n, 3, NULL);
    ck_assert_int_eq(r.rc, TY_OK);
    ck_assert_uint_eq(r.top[0].intent, 0);
    memset(big, 'a', n);
    r = score_text(m, big, n, 3, NULL);
    ck_assert_int_eq(r.rc, TY_OK);
    ck_assert(r.oos);
    free(big);
    r = score_text(m, "", 0, 3, NULL);
    ck_assert_int_eq(r.rc, TY_OK);
    ck_assert(r.oos);
    r = score(m, "👍👍👍");
    ck_assert_int_eq(r.rc, TY_OK);
    ck_assert(r.oos);
    /* NUL bytes are data */
    r = score_text(m, "how much\0is a clean", 19, 3, NULL);
    ck_assert_int_eq(r.rc, TY_OK);
    ck_assert_uint_eq(r.top[0].intent, 0);
    ty_matcher_free(m);
}
END_TEST

/* Trains n examples (the fit's float budget dense_max, dense_part) with an
 * allocator failing at each site in turn: every failure is TY_E_NOMEM in
 * the playbook domain leaving nothing allocated, and the model that
 * finally trains scores text exactly as one trained with libc. */
static void check_alloc_failure(const ty_match_example *ex, size_t n, uint32_t nintents, size_t dense_max,
                                size_t dense_part, const char *text) {
    ty_error err;
    ty_matcher *ref = ty_matcher_train_split(ex, n, nintents, ty_mlex_en(), dense_max, dense_part, NULL, &err);
    ck_assert_ptr_nonnull(ref);
    long live0 = ty_test_live_allocs();
    int failures = 0;
    for (long budget = 0;; budget++) {
        long countdown = budget;
        ty_alloc a = ty_test_failing_alloc(&countdown);
        ty_matcher *m = ty_matcher_train_split(ex, n, nintents, ty_mlex_en(), dense_max, dense_part, &a, &err);
        if (m) {
            /* the same model whatever allocator trained it */
            result r1 = score(m, text), r2 = score(ref, text);
            ck_assert(memcmp(&r1.top[0].score, &r2.top[0].score, sizeof(double)) == 0);
            ty_matcher_free(m);
            break;
        }
        ck_assert_int_eq(err.code, TY_E_NOMEM);
        ck_assert_int_eq(err.domain, TY_DOMAIN_PLAYBOOK);
        ck_assert_int_eq(ty_test_live_allocs(), live0);
        failures++;
        ck_assert_int_lt(budget, 100000);
    }
    ck_assert_int_gt(failures, 10);
    ck_assert_int_eq(ty_test_live_allocs(), live0);
    ty_matcher_free(ref);
}

/* ---- the fit's forms: primal, dual and both --------------------------------- */

/* Examples of many intents, one each, built from word lists (as the
 * training bench does): the shape that makes a fit hold features in the
 * dual. Fills ex and the backing text; returns how many. */
#define GEN_N 240
static size_t gen_examples(ty_match_example *ex, char (*buf)[96]) {
    static const char *open[] = {"can I", "I want to", "how do I", "please", "I need to", "help me"};
    static const char *act[] = {"book", "cancel", "change", "return", "renew", "track", "repair", "clean"};
    static const char *noun[] = {"bike", "jacket", "table", "laptop", "parcel", "room", "ticket", "sofa", "phone",
                                 "boiler", "window", "kettle", "kayak", "tent", "guitar"};
    size_t n = 0;
    for (size_t i = 0; n < GEN_N; i++) {
        snprintf(buf[n], 96, "%s %s my %s %s", open[i % 6], act[(i / 6) % 8], noun[(i / 48 + i) % 15],
                 i % 2 ? "today" : "for my mum");
        ex[n] = (ty_match_example){(uint32_t)n, buf[n], strlen(buf[n])};
        n++;
    }
    return n;
}

/* Scores every example's text with its first word dropped under a and b:
 * the same best intent for at least 95% of them, and each score within
 * 0.05. Returns how many best intents agree. */
static size_t compare_forms(const ty_matcher *a, const ty_matcher *b, const ty_match_example *ex, size_t n) {
    size_t same = 0;
    for (size_t i = 0; i < n; i++) {
        const char *t = strchr(ex[i].text, ' ') + 1;
        result ra = score(a, t), rb = score(b, t);
        ck_assert_uint_ge(ra.n, 1);
        ck_assert_uint_ge(rb.n, 1);
        same += ra.top[0].intent == rb.top[0].intent;
        double d = ra.top[0].score - rb.top[0].score;
        ck_assert_msg(d < 0.05 && d > -0.05, "\"%s\": %.4f vs %.4f", t, ra.top[0].score, rb.top[0].score);
    }
    ck_assert_msg(same * 100 >= n * 95, "best intents agree on %zu/%zu", same, n);
    return same;
}

START_TEST(test_dual_fit_agrees_with_primal) {
    static ty_match_example ex[GEN_N];
    static char buf[GEN_N][96];
    size_t n = gen_examples(ex, buf);
    ty_error err;
    ty_matcher *primal = ty_matcher_train(ex, n, GEN_N, ty_mlex_en(), NULL, &err);
    /* every feature in the dual; then a few rows kept as floats */
    ty_matcher *dual = ty_matcher_train_split(ex, n, GEN_N, ty_mlex_en(), 0, 0, NULL, &err);
    ty_matcher *both = ty_matcher_train_split(ex, n, GEN_N, ty_mlex_en(), 0, 20 * 240 * sizeof(float), NULL, &err);
    ck_assert_ptr_nonnull(primal);
    ck_assert_ptr_nonnull(dual);
    ck_assert_ptr_nonnull(both);
    ck_assert_uint_eq(ty_matcher_features(primal), ty_matcher_features(dual));
    compare_forms(primal, dual, ex, n);
    compare_forms(primal, both, ex, n);
    /* and on a small playbook with several examples per intent */
    ty_matcher *p2 = train_defs(en_defs, COUNT(en_defs), NULL, &err);
    ty_match_example ex2[64];
    size_t n2 = 0;
    for (uint32_t i = 0; i < COUNT(en_defs); i++)
        for (size_t j = 0; en_defs[i].examples[j]; j++)
            ex2[n2++] = (ty_match_example){i, en_defs[i].examples[j], strlen(en_defs[i].examples[j])};
    ty_matcher *d2 = ty_matcher_train_split(ex2, n2, COUNT(en_defs), ty_mlex_en(), 0, 0, NULL, &err);
    ck_assert_ptr_nonnull(d2);
    ck_assert_uint_eq(run_probes(d2, en_defs, en_inscope, COUNT(en_inscope)),
                      run_probes(p2, en_defs, en_inscope, COUNT(en_inscope)));
    ck_assert_uint_eq(run_probes(d2, en_defs, en_oos, COUNT(en_oos)), run_probes(p2, en_defs, en_oos, COUNT(en_oos)));
    /* deterministic in the dual too */
    ty_matcher *again = ty_matcher_train_split(ex, n, GEN_N, ty_mlex_en(), 0, 20 * 240 * sizeof(float), NULL, &err);
    ck_assert_ptr_nonnull(again);
    for (size_t i = 0; i < n; i += 7) {
        result r1 = score(both, ex[i].text), r2 = score(again, ex[i].text);
        ck_assert(memcmp(&r1.top[0], &r2.top[0], sizeof r1.top[0]) == 0);
    }
    ty_matcher_free(again);
    ty_matcher_free(d2);
    ty_matcher_free(p2);
    ty_matcher_free(both);
    ty_matcher_free(dual);
    ty_matcher_free(primal);
}
END_TEST

START_TEST(test_alloc_failure_training_dual) {
    static ty_match_example ex[GEN_N];
    static char buf[GEN_N][96];
    size_t n = gen_examples(ex, buf) / 4;
    check_alloc_failure(ex, n, (uint32_t)n, 0, 8 * 64 * sizeof(float), ex[3].text);
}
END_TEST

/* ---- allocation failure ----------------------------------------------------- */

START_TEST(test_alloc_failure_training) {
    ty_match_example ex[64];
    size_t n = 0;
    for (uint32_t i = 0; i < COUNT(en_defs); i++)
        for (size_t j = 0; en_defs[i].examples[j]; j++) ex[n++] = (ty_match_example){i, en_defs[i].examples[j], strlen(en_defs[i].examples[j])};
    check_alloc_failure(ex, n, COUNT(en_defs), (size_t)32 << 20, (size_t)8 << 20, "how much for a deep clean");
}
END_TEST

START_TEST(test_alloc_failure_scoring) {
    ty_error err;
    ty_matcher *m = train_defs(en_defs, COUNT(en_defs), NULL, &err);
    ck_assert_ptr_nonnull(m);
    const char *t = "could I schedule a cleaning for friday";
    ty_tokens tk;
    ty_arena tok_ar;
    ty_arena_init(&tok_ar, NULL);
    ck_assert_int_eq(ty_text_tokenize(t, strlen(t), &tok_ar, &tk), TY_OK);
    long live0 = ty_test_live_allocs();
    for (long budget = 0;; budget++) {
        long countdown = budget;
        ty_alloc a = ty_test_failing_alloc(&countdown);
        ty_arena ar;
        ty_arena_init(&ar, &a);
        ty_match_score top[3];
        bool oos = false;
        int rc = 1;
        size_t got = ty_matcher_score(m, &tk, &ar, top, 3, &oos, &rc);
        ty_arena_free(&ar);
        ck_assert_int_eq(ty_test_live_allocs(), live0);
        if (rc == TY_OK) {
            ck_assert_uint_eq(got, 3);
            ck_assert_uint_eq(top[0].intent, 1);
            break;
        }
        ck_assert_int_eq(rc, TY_E_NOMEM);
        ck_assert_uint_eq(got, 0);
        ck_assert_int_lt(budget, 1000);
    }
    ty_arena_free(&tok_ar);
    ty_matcher_free(m);
}
END_TEST

/* ---- threads ------------------------------------------------------------------ */

typedef struct thread_job {
    const ty_matcher *m;
    result want[COUNT(en_inscope)];
    int bad;
} thread_job;

static void *thread_main(void *arg) {
    thread_job *j = arg;
    for (int rep = 0; rep < 200; rep++)
        for (size_t i = 0; i < COUNT(en_inscope); i++) {
            result r = score(j->m, en_inscope[i].text);
            if (r.rc || r.n != j->want[i].n || r.oos != j->want[i].oos ||
                memcmp(r.top, j->want[i].top, r.n * sizeof r.top[0]) != 0)
                j->bad++;
        }
    return NULL;
}

START_TEST(test_three_threads_share_a_matcher) {
    ty_error err;
    ty_matcher *m = train_defs(en_defs, COUNT(en_defs), NULL, &err);
    ck_assert_ptr_nonnull(m);
    thread_job jobs[3];
    for (int t = 0; t < 3; t++) {
        jobs[t].m = m;
        jobs[t].bad = 0;
        for (size_t i = 0; i < COUNT(en_inscope); i++) jobs[t].want[i] = score(m, en_inscope[i].text);
    }
    pthread_t th[3];
    for (int t = 0; t < 3; t++) ck_assert_int_eq(pthread_create(&th[t], NULL, thread_main, &jobs[t]), 0);
    for (int t = 0; t < 3; t++) ck_assert_int_eq(pthread_join(th[t], NULL), 0);
    for (int t = 0; t < 3; t++) ck_assert_int_eq(jobs[t].bad, 0);
    ty_matcher_free(m);
}
END_TEST

/* ---- suite -------------------------------------------------------------------- */

static Suite *match_suite(void) {
    Suite *s = suite_create("match");
    TCase *tc = tcase_create("match");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_english_paraphrases);
    tcase_add_test(tc, test_scores_are_ranked_probabilities);
    tcase_add_test(tc, test_spanish);
    tcase_add_test(tc, test_portuguese);
    tcase_add_test(tc, test_russian);
    tcase_add_test(tc, test_arabic);
    tcase_add_test(tc, test_lexicon_tables_are_normalised);
    tcase_add_test(tc, test_few_examples_generalise_through_the_lexicon);
    tcase_add_test(tc, test_one_intent_two_examples);
    tcase_add_test(tc, test_two_intents_two_examples);
    tcase_add_test(tc, test_zero_examples);
    tcase_add_test(tc, test_intent_without_examples_is_never_ranked);
    tcase_add_test(tc, test_ties_prefer_lower_index);
    tcase_add_test(tc, test_examples_without_words);
    tcase_add_test(tc, test_deterministic_bit_for_bit);
    tcase_add_test(tc, test_bad_arguments);
    tcase_add_test(tc, test_huge_and_odd_messages);
    tcase_add_test(tc, test_alloc_failure_training);
    tcase_add_test(tc, test_dual_fit_agrees_with_primal);
    tcase_add_test(tc, test_alloc_failure_training_dual);
    tcase_add_test(tc, test_alloc_failure_scoring);
    tcase_add_test(tc, test_three_threads_share_a_matcher);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(match_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
