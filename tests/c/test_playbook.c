/*
 * test_playbook.c — Check tests for csrc/src/playbook.c: loading and
 * validating playbooks (docs/playbook.md), match / recognize / stats through the
 * public API (docs/recognizers.md), limits, allocation failure at every site, and
 * concurrent matching on one playbook. Runs the shared vectors
 * tests/vectors/playbook_errors.json and every JSON file in
 * tests/vectors/match/ and tests/vectors/recognize/ (found from the
 * repository root, or TINYYES_VECTORS).
 */
#define _POSIX_C_SOURCE 200809L /* strdup, clock_gettime, dirent */
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"
#include "tinyyes.h"

/* White-box checks read the loaded structs the flow engine will read. */
#include "../../csrc/src/playbook.h"

/* ===================================================================== *
 * Helpers
 * ===================================================================== */

/* The docs/playbook.md example playbook, verbatim. */
static const char pbt_spec[] =
    "{\n"
    "  \"tinyyes\": 1,\n"
    "  \"name\": \"Northside Cleaning\",\n"
    "  \"locale\": \"en\",\n"
    "  \"utc_offset\": \"+01:00\",\n"
    "  \"intents\": {\n"
    "    \"pricing\": {\"examples\": [\"how much is a clean\", \"what are your prices\"], \"flow\": \"pricing\"},\n"
    "    \"booking\": {\"examples\": [\"can I book a cleaning\", \"I want to schedule a visit\"], \"flow\": \"booking\"},\n"
    "    \"stop\":    {\"examples\": [\"stop\", \"unsubscribe\"], \"keywords\": [\"stop\", \"unsubscribe\", \"stopall\"], "
    "\"does\": \"opt_out\"},\n"
    "    \"human\":   {\"examples\": [\"can I talk to a person\"], \"does\": \"handoff\"},\n"
    "    \"think\":   {\"examples\": [\"I need to think about it\"], \"flow\": \"hesitation\"}\n"
    "  },\n"
    "  \"slots\": {\n"
    "    \"service\": {\"type\": \"choice\", \"options\": [\n"
    "                 {\"id\": \"standard\", \"title\": \"Standard clean\", \"synonyms\": [\"regular\", \"basic\"]},\n"
    "                 {\"id\": \"deep\", \"title\": \"Deep clean\", \"synonyms\": [\"thorough\", \"full\"]}]},\n"
    "    \"day\":     {\"type\": \"date\"},\n"
    "    \"visit\":   {\"type\": \"choice\", \"options_from\": \"times\"},\n"
    "    \"name\":    {\"type\": \"text\"},\n"
    "    \"go\":      {\"type\": \"yesno\"},\n"
    "    \"concern\": {\"type\": \"choice\", \"options\": [\n"
    "                 {\"id\": \"fit\", \"title\": \"Fit\"}, {\"id\": \"timing\", \"title\": \"Timing\"}, {\"id\": "
    "\"price\", \"title\": \"Price\"}]}\n"
    "  },\n"
    "  \"templates\": {\n"
    "    \"ask_service\": \"Happy to help! Is this for a {{#options}}{{title}}{{^last}} or a "
    "{{/last}}{{/options}}?\",\n"
    "    \"ask_day\": {\"text\": \"Great choice. Which day suits you best?\",\n"
    "                \"variants\": [\"Got it. What day works for you?\"],\n"
    "                \"channels\": {\"sms\": \"Which day suits you?\"}},\n"
    "    \"offer_times\": \"I can do {{day}}. Which works better?\",\n"
    "    \"confirm\": \"You're booked: {{service.title}} on {{day}} at {{visit.title}}. We'll text you the day "
    "before.\",\n"
    "    \"clarify\": \"Sorry, I didn't catch that. Is it {{#options}}{{title}}{{^last}} or "
    "{{/last}}{{/options}}?\",\n"
    "    \"nudge\": \"Still keen on a {{service.title}}? I have openings this week.\",\n"
    "    \"ask_name\": \"Last thing: what name should I put on the booking?\",\n"
    "    \"quote\": \"A {{service.title}} starts at {{price}}. Want me to find you a time?\",\n"
    "    \"goodbye\": \"No problem. If anything changes, just reply here.\",\n"
    "    \"ask_worry\": \"Totally fair. What do you want to be sure about first?\",\n"
    "    \"close_permission\": \"Should I close this out for now, or send two options you can pick from "
    "later?\"\n"
    "  },\n"
    "  \"flows\": {\n"
    "    \"booking\": {\"steps\": [\n"
    "      {\"id\": \"kind\", \"ask\": \"service\", \"say\": \"ask_service\"},\n"
    "      {\"id\": \"when\", \"ask\": \"day\",     \"say\": \"ask_day\"},\n"
    "      {\"id\": \"pick\", \"ask\": \"visit\",   \"say\": \"offer_times\"},\n"
    "      {\"id\": \"who\",  \"ask\": \"name\",    \"say\": \"ask_name\"},\n"
    "      {\"id\": \"done\", \"say\": \"confirm\", \"end\": \"completed\"}]},\n"
    "    \"pricing\": {\"steps\": [\n"
    "      {\"id\": \"which\", \"ask\": \"service\", \"say\": \"ask_service\"},\n"
    "      {\"id\": \"quote\", \"ask\": \"go\", \"say\": \"quote\", \"next\": {\"yes\": \"@booking\", \"no\": "
    "\"bye\"}},\n"
    "      {\"id\": \"bye\", \"say\": \"goodbye\", \"end\": \"declined\"}]},\n"
    "    \"hesitation\": {\"steps\": [\n"
    "      {\"id\": \"worry\", \"ask\": \"concern\", \"say\": \"ask_worry\", \"next\": {\"price\": \"@pricing\", "
    "\"fit\": \"@booking\", \"timing\": \"@booking\"}}]}\n"
    "  },\n"
    "  \"fallback\": \"clarify\",\n"
    "  \"reprompts\": 2,\n"
    "  \"followups\": [{\"after\": \"4h\", \"say\": \"nudge\"}, {\"after\": \"1d\", \"say\": "
    "\"close_permission\"}],\n"
    "  \"close_after\": \"2d\",\n"
    "  \"quiet_hours\": {\"from\": \"21:00\", \"to\": \"08:00\"}\n"
    "}\n";

static ty_playbook *pbt_load(const char *json, ty_error *err) {
    return ty_playbook_load(json, strlen(json), NULL, err);
}

/* Loads json expecting failure with the given code, path and message. */
static void pbt_expect_error(const char *json, size_t len, int code, const char *path, const char *message) {
    ty_error e;
    ty_playbook *pb = ty_playbook_load(json, len, NULL, &e);
    ck_assert_msg(pb == NULL, "loaded, expected %s: %s", ty_code_name(code), message);
    ck_assert_str_eq(ty_code_name(e.code), ty_code_name(code));
    ck_assert_int_eq(e.domain, TY_DOMAIN_PLAYBOOK);
    ck_assert_str_eq(e.path, path);
    ck_assert_str_eq(e.message, message);
}

static char *pbt_json(const ty_value *v) {
    ty_buf b;
    ty_buf_init(&b, NULL);
    ck_assert_int_eq(ty_value_write_json(v, &b, NULL), 0);
    return b.ptr;
}

static ty_doc *pbt_parse_file(const char *path) {
    ty_error e;
    ty_doc *d = ty_test_load_json(path, &e);
    ck_assert_msg(d != NULL, "%s: %s", path, e.message);
    return d;
}

/* Deep equality of two values; map key order does not matter. */
static bool pbt_equal(const ty_value *a, const ty_value *b) {
    if (ty_value_kind(a) != ty_value_kind(b)) return false;
    switch (ty_value_kind(a)) {
    case TY_NUMBER: return ty_value_number(a) == ty_value_number(b);
    case TY_STRING: {
        size_t la, lb;
        const char *sa = ty_value_string(a, &la), *sb = ty_value_string(b, &lb);
        return la == lb && memcmp(sa, sb, la) == 0;
    }
    case TY_LIST:
        if (ty_value_count(a) != ty_value_count(b)) return false;
        for (size_t i = 0; i < ty_value_count(a); i++)
            if (!pbt_equal(ty_value_item(a, i), ty_value_item(b, i))) return false;
        return true;
    case TY_MAP:
        if (ty_value_count(a) != ty_value_count(b)) return false;
        for (size_t i = 0; i < ty_value_count(a); i++) {
            size_t kl;
            const char *k = ty_value_key(a, i, &kl);
            const ty_value *o = ty_value_get(b, k, kl);
            if (!o || !pbt_equal(ty_value_item(a, i), o)) return false;
        }
        return true;
    default: return true;
    }
}

/* Sorted *.json names in dir (caller frees each and the array); 0 if none. */
static size_t pbt_list_json(const char *dir, char ***out) {
    *out = NULL;
    DIR *d = opendir(dir);
    if (!d) return 0;
    size_t n = 0, cap = 0;
    char **v = NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".json") != 0) continue;
        if (n == cap) v = realloc(v, (cap = cap ? cap * 2 : 16) * sizeof *v);
        v[n++] = strdup(e->d_name);
    }
    closedir(d);
    for (size_t i = 1; i < n; i++) /* insertion sort: a handful of names */
        for (size_t j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
            char *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    *out = v;
    return n;
}

/* Fills a ty_input from a vector test object (text, expect, at,
 * utc_offset, data); pointers borrow from the vector doc. */
static void pbt_input(const ty_value *t, ty_input *in) {
    memset(in, 0, sizeof *in);
    in->text = ty_value_string(ty_value_get(t, "text", 4), &in->len);
    in->expect = ty_value_string(ty_value_get(t, "expect", 6), &in->expect_len);
    const ty_value *at = ty_value_get(t, "at", 2);
    if (at) {
        in->has_at = 1;
        in->at = (int64_t)ty_value_number(at);
    }
    size_t ol;
    const char *off = ty_value_string(ty_value_get(t, "utc_offset", 10), &ol);
    if (off) {
        in->has_offset = 1;
        ck_assert_msg(ty_pb_parse_utc_offset(off, ol, &in->utc_offset), "bad utc_offset in vector");
    }
    in->data = ty_value_get(t, "data", 4);
}

static ty_input pbt_text(const char *s) {
    ty_input in;
    memset(&in, 0, sizeof in);
    in.text = s;
    in.len = strlen(s);
    return in;
}

/* ===================================================================== *
 * Loading
 * ===================================================================== */

START_TEST(spec_example_loads) {
    ty_error e;
    ty_playbook *pb = pbt_load(pbt_spec, &e);
    ck_assert_msg(pb != NULL, "%s", e.message);
    ck_assert_int_eq(e.code, 0);
    ck_assert_str_eq(pb->name, "Northside Cleaning");
    ck_assert_str_eq(pb->locale_code, "en");
    ck_assert_int_eq(pb->utc_offset, 3600);

    ck_assert_uint_eq(pb->nintents, 5);
    ck_assert_str_eq(pb->intents[0].name, "pricing");
    ck_assert_int_eq(pb->intents[0].flow, 1); /* flows: booking, pricing, hesitation */
    ck_assert_int_eq(pb->intents[1].flow, 0);
    ck_assert_int_eq(pb->intents[2].does, TY_PB_DOES_OPT_OUT);
    ck_assert_int_eq(pb->intents[2].flow, -1);
    ck_assert_uint_eq(pb->intents[2].nkeywords, 3);
    ck_assert_uint_eq(pb->intents[2].nexamples, 2);
    ck_assert_int_eq(pb->intents[3].does, TY_PB_DOES_HANDOFF);
    ck_assert_int_eq(pb->intents[4].flow, 2);
    ck_assert_uint_eq(pb->nexamples, 8);
    ck_assert_ptr_nonnull(pb->matcher);
    /* keywords are sorted for binary search */
    ck_assert_uint_eq(pb->nkeywords, 3);
    ck_assert_str_eq(pb->keywords[0].norm, "stop");
    ck_assert_str_eq(pb->keywords[1].norm, "stopall");
    ck_assert_str_eq(pb->keywords[2].norm, "unsubscribe");

    ck_assert_uint_eq(pb->nslots, 6);
    const ty_slot *service = &pb->slots[0];
    ck_assert_int_eq(service->type, TY_SLOT_CHOICE);
    ck_assert_uint_eq(service->noptions, 2);
    ck_assert_str_eq(service->options[1].id, "deep");
    ck_assert_str_eq(service->options[1].norm_title, "deep clean");
    ck_assert_uint_eq(service->options[1].nsynonyms, 2);
    ck_assert_str_eq(service->options[1].norm_synonyms[0], "thorough");
    ck_assert_int_eq(pb->slots[1].type, TY_SLOT_DATE);
    ck_assert_str_eq(pb->slots[2].options_from, "times");
    ck_assert_ptr_null(pb->slots[2].options);
    ck_assert_int_eq(pb->slots[4].type, TY_SLOT_YESNO);
    ck_assert_uint_eq(pb->slots[5].noptions, 3);

    ck_assert_uint_eq(pb->ntemplates, 11);
    const ty_pb_template *ask_day = &pb->templates[1];
    ck_assert_str_eq(ask_day->name, "ask_day");
    ck_assert_ptr_nonnull(ask_day->text);
    ck_assert_uint_eq(ask_day->nvariants, 1);
    ck_assert_ptr_nonnull(ask_day->variants[0]);
    ck_assert_ptr_nonnull(ask_day->channels[TY_PB_CHANNEL_SMS]);
    ck_assert_ptr_null(ask_day->channels[TY_PB_CHANNEL_WHATSAPP]);
    for (size_t i = 0; i < pb->ntemplates; i++) ck_assert_ptr_nonnull(pb->templates[i].text);

    ck_assert_uint_eq(pb->nflows, 3);
    const ty_pb_flow *booking = &pb->flows[0], *pricing = &pb->flows[1], *hes = &pb->flows[2];
    ck_assert_uint_eq(booking->nsteps, 5);
    ck_assert_int_eq(booking->steps[0].ask, 0);
    ck_assert_int_eq(booking->steps[0].say, 0);
    ck_assert_int_eq(booking->steps[2].ask, 2);
    ck_assert_str_eq(booking->steps[4].end, "completed");
    ck_assert_int_eq(booking->steps[4].ask, -1);
    const ty_pb_step *quote = &pricing->steps[1];
    ck_assert_str_eq(quote->id, "quote");
    ck_assert(!quote->has_next);
    ck_assert_uint_eq(quote->nbranches, 2);
    ck_assert_str_eq(quote->branches[0].answer, "yes");
    ck_assert_int_eq(quote->branches[0].to.flow, 0);
    ck_assert_int_eq(quote->branches[0].to.step, 0);
    ck_assert(quote->branches[0].to.jump);
    ck_assert_str_eq(quote->branches[1].answer, "no");
    ck_assert_int_eq(quote->branches[1].to.flow, 1);
    ck_assert_int_eq(quote->branches[1].to.step, 2);
    ck_assert(!quote->branches[1].to.jump);
    ck_assert_uint_eq(hes->steps[0].nbranches, 3);
    ck_assert_str_eq(hes->steps[0].branches[0].answer, "price");
    ck_assert_int_eq(hes->steps[0].branches[0].to.flow, 1);

    ck_assert_int_eq(pb->fallback, 4);
    ck_assert_int_eq(pb->reprompts, 2);
    ck_assert_uint_eq(pb->nfollowups, 2);
    ck_assert_int_eq(pb->followups[0].after, 4 * 3600);
    ck_assert_int_eq(pb->followups[0].say, 5);
    ck_assert_int_eq(pb->followups[1].after, 86400);
    ck_assert_int_eq(pb->close_after, 2 * 86400);
    ck_assert(pb->has_quiet_hours);
    ck_assert_int_eq(pb->quiet_from, 21 * 60);
    ck_assert_int_eq(pb->quiet_to, 8 * 60);

    ck_assert_int_eq(ty_pb_slot_find(pb, "visit", 5), 2);
    ck_assert_int_eq(ty_pb_template_find(pb, "goodbye", 7), 8);
    ck_assert_int_eq(ty_pb_flow_find(pb, "hesitation", 10), 2);
    ck_assert_int_eq(ty_pb_flow_find(pb, "nope", 4), -1);
    ty_playbook_free(pb);
    ty_playbook_free(NULL);
}
END_TEST

START_TEST(minimal_playbooks_load) {
    ty_error e;
    /* only the version */
    ty_playbook *pb = pbt_load("{\"tinyyes\": 1}", &e);
    ck_assert_msg(pb != NULL, "%s", e.message);
    ck_assert_uint_eq(pb->nintents, 0);
    ck_assert_ptr_null(pb->matcher);
    ck_assert_int_eq(pb->fallback, -1);
    ck_assert_int_eq(pb->close_after, -1);
    ck_assert_int_eq(pb->reprompts, TY_PB_DEFAULT_REPROMPTS);
    ck_assert(!pb->has_quiet_hours);
    ty_input in = pbt_text("hello");
    ty_doc *d = ty_playbook_match(pb, &in, &e);
    ck_assert_ptr_nonnull(d);
    char *j = pbt_json(ty_doc_root(d));
    ck_assert_str_eq(j, "{\"intent\":null,\"score\":0,\"oos\":true,\"ranking\":[],\"entities\":[]}");
    free(j);
    ty_doc_free(d);
    ty_playbook_free(pb);

    /* a pure matcher: only intents */
    pb = pbt_load("{\"tinyyes\": 1, \"intents\": {"
                  "\"greet\": {\"examples\": [\"hello\", \"hi there\", \"good morning\"]},"
                  "\"bye\": {\"examples\": [\"goodbye\", \"see you later\", \"bye for now\"]},"
                  "\"цены\": {\"examples\": [\"сколько стоит\"]}}}",
                  &e);
    ck_assert_msg(pb != NULL, "%s", e.message);
    ck_assert_uint_eq(pb->nintents, 3);
    ck_assert_uint_eq(pb->nslots + pb->ntemplates + pb->nflows, 0);
    in = pbt_text("see you later!");
    d = ty_playbook_match(pb, &in, &e);
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(ty_test_get_string(ty_doc_root(d), "intent", NULL), "bye");
    ty_doc_free(d);
    ty_playbook_free(pb);

    /* a template set: only templates */
    pb = pbt_load("{\"tinyyes\": 1, \"templates\": {\"hello\": \"Hi {{name}}!\", "
                  "\"bye\": {\"text\": \"Bye {{name}}.\", \"variants\": [\"See you, {{name}}.\"], "
                  "\"channels\": {\"whatsapp\": \"Bye!\", \"webchat\": \"<b>Bye</b>\"}}}}",
                  &e);
    ck_assert_msg(pb != NULL, "%s", e.message);
    ck_assert_uint_eq(pb->ntemplates, 2);
    ck_assert_uint_eq(pb->nintents, 0);
    ck_assert_ptr_nonnull(pb->templates[1].channels[TY_PB_CHANNEL_WEBCHAT]);
    ck_assert_ptr_nonnull(pb->templates[1].channels[TY_PB_CHANNEL_WHATSAPP]);
    ty_playbook_free(pb);

    /* durations as numbers, negative offsets, keywords-only intents */
    pb = pbt_load("{\"tinyyes\": 1, \"utc_offset\": \"-05:30\", \"close_after\": 90, "
                  "\"intents\": {\"start\": {\"keywords\": [\"START\", \"unstop\"], \"does\": \"opt_in\"}}}",
                  &e);
    ck_assert_msg(pb != NULL, "%s", e.message);
    ck_assert_int_eq(pb->utc_offset, -(5 * 3600 + 30 * 60));
    ck_assert_int_eq(pb->close_after, 90);
    ck_assert_int_eq(pb->intents[0].does, TY_PB_DOES_OPT_IN);
    ck_assert_ptr_null(pb->matcher); /* no examples: keywords only */
    in = pbt_text("Start.");
    d = ty_playbook_match(pb, &in, &e);
    ck_assert_str_eq(ty_test_get_string(ty_doc_root(d), "intent", NULL), "start");
    ty_doc_free(d);
    in = pbt_text("start again please");
    d = ty_playbook_match(pb, &in, &e);
    ck_assert_int_eq(ty_value_kind(ty_value_get(ty_doc_root(d), "intent", 6)), TY_NULL);
    ty_doc_free(d);
    ty_playbook_free(pb);
}
END_TEST

/* An editor's "$schema" key is accepted at the top level only, and must
 * be a string; it changes nothing in the playbook. */
START_TEST(schema_key_is_ignored_at_the_top) {
    ty_error e;
    ty_playbook *pb = pbt_load("{\"$schema\": \"../playbook.schema.json\", \"tinyyes\": 1, "
                               "\"templates\": {\"hi\": \"Hello!\"}}",
                               &e);
    ck_assert_msg(pb != NULL, "%s", e.message);
    ck_assert_uint_eq(pb->ntemplates, 1);
    ty_playbook_free(pb);

    pb = pbt_load("{\"tinyyes\": 1, \"$schema\": 1}", &e);
    ck_assert_ptr_null(pb);
    ck_assert_str_eq(e.path, "$schema");

    /* nowhere else: an intent with "$schema" is an unknown key */
    pb = pbt_load("{\"tinyyes\": 1, \"intents\": {\"hi\": {\"$schema\": \"x\", \"keywords\": [\"hi\"]}}}", &e);
    ck_assert_ptr_null(pb);
    ck_assert_str_eq(e.path, "intents.hi.$schema");
}
END_TEST

START_TEST(loops_through_an_ask_are_allowed) {
    /* a menu that returns to itself through an ask is a conversation, not a hang */
    ty_error e;
    ty_playbook *pb = pbt_load(
        "{\"tinyyes\": 1, \"slots\": {\"more\": {\"type\": \"yesno\"}},"
        "\"templates\": {\"menu\": \"Anything else?\", \"bye\": \"Bye.\"},"
        "\"flows\": {\"menu\": {\"steps\": [{\"id\": \"intro\", \"say\": \"menu\"},"
        "{\"id\": \"ask\", \"say\": \"menu\", \"ask\": \"more\", \"next\": {\"yes\": \"@menu\", \"no\": \"bye\"}},"
        "{\"id\": \"bye\", \"say\": \"bye\", \"end\": \"completed\"}]},"
        "\"fwd\": {\"steps\": [{\"id\": \"a\", \"next\": \"c\"}, {\"id\": \"b\", \"say\": \"bye\"}, {\"id\": \"c\", "
        "\"next\": \"@menu\"}]}}}",
        &e);
    ck_assert_msg(pb != NULL, "%s", e.message);
    ck_assert(pb->flows[1].steps[0].has_next);
    ck_assert_int_eq(pb->flows[1].steps[0].next.step, 2);
    ck_assert_int_eq(pb->flows[1].steps[2].next.flow, 0);
    ty_playbook_free(pb);
}
END_TEST

/* A JSON object of n keys "k0".."k<n-1>" (plus a repeat of "k<dup>" when
 * dup >= 0), as a malloc'd string. */
static char *tp_big_object(size_t n, long dup, size_t *len) {
    char *s = malloc(n * 24 + 64);
    ck_assert_ptr_nonnull(s);
    size_t k = 0;
    s[k++] = '{';
    for (size_t i = 0; i < n; i++) k += (size_t)sprintf(s + k, "%s\"k%zu\": %zu", i ? "," : "", i, i);
    if (dup >= 0) k += (size_t)sprintf(s + k, ",\"k%ld\": 0", dup);
    s[k++] = '}';
    s[k] = '\0';
    *len = k;
    return s;
}

START_TEST(big_objects_parse_in_linear_time) {
    /* 200,000 keys: the duplicate check used to compare every key with all
     * the earlier ones (about 28 s for 160,000); hashing makes it linear, so
     * this finishes well within the test's timeout */
    size_t n;
    char *s = tp_big_object(200000, -1, &n);
    ty_error e;
    ty_doc *d = ty_doc_parse(s, n, NULL, &e);
    ck_assert_msg(d != NULL, "%s", e.message);
    ck_assert_uint_eq(ty_value_count(ty_doc_root(d)), 200000);
    ty_doc_free(d);
    free(s);
    s = tp_big_object(200000, 123456, &n);
    ck_assert_ptr_null(ty_doc_parse(s, n, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_JSON);
    ck_assert_str_eq(e.path, "k123456");
    ck_assert_str_eq(e.message, "k123456: duplicate key \"k123456\"");
    free(s);
    /* small objects take the other path: the same answer */
    ck_assert_ptr_null(ty_doc_parse("{\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}}", 31, NULL, &e));
    ck_assert_str_eq(e.message, "b.c: duplicate key \"c\"");
}
END_TEST

/* Parses text (NUL-terminated) with the given max_values; returns the code. */
static int tp_parse_code(const char *text, size_t max_values, ty_error *e) {
    ty_json_opts o;
    memset(&o, 0, sizeof o);
    o.max_values = max_values;
    ty_doc *d = ty_doc_parse(text, strlen(text), &o, e);
    ty_doc_free(d);
    return d ? TY_OK : e->code;
}

START_TEST(json_limits_apply_while_parsing) {
    ty_error e;
    /* five values (the list and four numbers) fit a limit of five, not four */
    ck_assert_int_eq(tp_parse_code("[1, 2, 3, 4]", 5, &e), TY_OK);
    ck_assert_int_eq(tp_parse_code("[1, 2, 3, 4]", 4, &e), TY_E_LIMIT);
    ck_assert_str_eq(e.message, "more than 4 values in one JSON text (max_values) at line 1, column 11");
    /* a text past the default million values stops at the million-and-first */
    size_t n = 1100000;
    char *big = malloc(n * 2 + 2);
    ck_assert_ptr_nonnull(big);
    big[0] = '[';
    for (size_t i = 0; i < n; i++) memcpy(big + 1 + 2 * i, i + 1 < n ? "0," : "0]", 2);
    big[n * 2 + 1] = '\0';
    ck_assert_int_eq(tp_parse_code(big, 0, &e), TY_E_LIMIT);
    ck_assert_uint_eq(e.offset, 2 * 999999 + 1);
    free(big);
    /* integers load when a double keeps them exactly, else they are an error */
    ck_assert_int_eq(tp_parse_code("[9007199254740992, -9007199254740992, 9007199254740994, 1e300, 0.5e-400]", 0, &e),
                     TY_OK);
    ck_assert_int_eq(tp_parse_code("[9007199254740993]", 0, &e), TY_E_JSON);
    ck_assert_int_eq(tp_parse_code("[-18446744073709551617]", 0, &e), TY_E_JSON);
    ck_assert_int_eq(tp_parse_code("[18446744073709551616]", 0, &e), TY_OK); /* 2^64 is a double */
    ck_assert_int_eq(tp_parse_code("[-1e309]", 0, &e), TY_E_JSON);
    /* a leading byte order mark is ignored; one anywhere else is an error */
    ck_assert_int_eq(tp_parse_code("\xEF\xBB\xBF{\"a\": 1}", 0, &e), TY_OK);
    ck_assert_int_eq(tp_parse_code("{\"a\": 1}\xEF\xBB\xBF", 0, &e), TY_E_JSON);
    ck_assert_str_eq(e.message, "invalid JSON at line 1, column 9: expected the end of the text after the JSON value, found U+FEFF");
    /* a surrogate pair decodes to one code point */
    ty_doc *d = ty_doc_parse("\"\\ud83d\\ude00\"", 14, NULL, &e);
    ck_assert_msg(d != NULL, "%s", e.message);
    size_t len;
    ck_assert_str_eq(ty_value_string(ty_doc_root(d), &len), "\xF0\x9F\x98\x80");
    ty_doc_free(d);
}
END_TEST

START_TEST(utc_offsets_as_hosts_write_them) {
    /* the one parser both bindings use: shapes here, range by the caller */
    struct {
        const char *s;
        int rc;
        int32_t secs;
    } cases[] = {
        {"+01:00", 0, 3600},       {"-0530", 0, -19800},      {"Z", 0, 0},           {"z", 0, 0},
        {"+14:00", 0, 50400},      {"+23:59", 0, 86340},      {"+1:00", TY_E_SYNTAX, 0}, {"+01:60", TY_E_SYNTAX, 0},
        {"01:00", TY_E_SYNTAX, 0}, {"+01:00x", TY_E_SYNTAX, 0}, {"", TY_E_SYNTAX, 0},    {"+01-00", TY_E_SYNTAX, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int32_t secs = 12345;
        int rc = ty_utc_offset_parse(cases[i].s, strlen(cases[i].s), &secs);
        ck_assert_msg(rc == cases[i].rc, "%s: rc %d", cases[i].s, rc);
        ck_assert_msg(secs == (rc ? 12345 : cases[i].secs), "%s: %d seconds", cases[i].s, (int)secs);
    }
    ck_assert_int_eq(TY_UTC_OFFSET_MAX, 14 * 3600);
}
END_TEST

START_TEST(json_write_flags) {
    /* canonical: keys in UTF-8 byte order at every level, a prefix first;
     * NO_SIG: only the top-level map's "sig" is left out */
    const char *src = "{\"b\":1,\"sig\":\"x\",\"a\":{\"z\":[{\"y\":1,\"x\":2,\"sig\":0}],"
                      "\"\xC3\xA9\":0,\"ab\":1,\"a\":2,\"\xEF\xBF\xBF\":3,\"\xF0\x9F\x98\x80\":4}}";
    ty_error err;
    ty_doc *d = ty_doc_parse(src, strlen(src), NULL, &err);
    ck_assert_ptr_nonnull(d);
    struct {
        unsigned flags;
        const char *want;
    } cases[] = {
        {TY_WRITE_COMPACT, src},
        {TY_WRITE_CANONICAL, "{\"a\":{\"a\":2,\"ab\":1,\"z\":[{\"sig\":0,\"x\":2,\"y\":1}],\"\xC3\xA9\":0,"
                             "\"\xEF\xBF\xBF\":3,\"\xF0\x9F\x98\x80\":4},\"b\":1,\"sig\":\"x\"}"},
        {TY_WRITE_CANONICAL | TY_WRITE_NO_SIG,
         "{\"a\":{\"a\":2,\"ab\":1,\"z\":[{\"sig\":0,\"x\":2,\"y\":1}],\"\xC3\xA9\":0,"
         "\"\xEF\xBF\xBF\":3,\"\xF0\x9F\x98\x80\":4},\"b\":1}"},
        {TY_WRITE_NO_SIG, "{\"b\":1,\"a\":{\"z\":[{\"y\":1,\"x\":2,\"sig\":0}],\"\xC3\xA9\":0,\"ab\":1,\"a\":2,"
                          "\"\xEF\xBF\xBF\":3,\"\xF0\x9F\x98\x80\":4}}"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ty_buf b;
        ty_buf_init(&b, NULL);
        ck_assert_int_eq(ty_value_write(ty_doc_root(d), cases[i].flags, &b, &err), TY_OK);
        ck_assert_str_eq(b.ptr, cases[i].want);
        ty_buf_free(&b);
    }
    /* a doc built with the same key twice still writes in one order */
    ty_doc *two = ty_doc_new(NULL);
    ty_value *m = ty_val_map(two);
    ck_assert_int_eq(ty_map_put(two, m, "k", 1, ty_val_number(two, 2)), 0);
    ck_assert_int_eq(ty_map_put(two, m, "k", 1, ty_val_number(two, 1)), 0);
    ck_assert_int_eq(ty_map_put(two, m, "a", 1, ty_val_null(two)), 0);
    ty_buf b;
    ty_buf_init(&b, NULL);
    ck_assert_int_eq(ty_value_write(m, TY_WRITE_CANONICAL, &b, &err), TY_OK);
    ck_assert_str_eq(b.ptr, "{\"a\":null,\"k\":2,\"k\":1}");
    ty_buf_free(&b);
    ty_doc_free(two);
    /* out of memory at any allocation: an error, the buffer as it was */
    for (long n = 0;; n++) {
        long countdown = n;
        ty_alloc fa = ty_test_failing_alloc(&countdown);
        ty_buf_init(&b, &fa);
        int rc = ty_value_write(ty_doc_root(d), TY_WRITE_CANONICAL, &b, &err);
        if (rc == TY_OK) {
            ck_assert_str_eq(b.ptr, cases[1].want);
            ty_buf_free(&b);
            break;
        }
        ck_assert_int_eq(rc, TY_E_NOMEM);
        ck_assert_uint_eq(b.len, 0);
        ty_buf_free(&b);
        ck_assert_int_eq(ty_test_live_allocs(), 0);
    }
    ty_doc_free(d);
}
END_TEST

/* The reference escaper json_escapes compares the writer (and the reader) with: byte by
 * byte, JSON's short escapes, \u00XX for other control characters. */
static void ref_escape(const char *s, size_t n, char *out) {
    static const char hex[] = "0123456789abcdef";
    *out++ = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *e = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                      : c == '\t' ? "\\t" : c == '\b' ? "\\b" : c == '\f' ? "\\f" : NULL;
        if (e) {
            memcpy(out, e, 2);
            out += 2;
        } else if (c < 0x20) {
            memcpy(out, "\\u00", 4);
            out[4] = hex[c >> 4];
            out[5] = hex[c & 15];
            out += 6;
        } else {
            *out++ = (char)c;
        }
    }
    *out++ = '"';
    *out = '\0';
}

START_TEST(json_escapes) {
    /* every byte that needs escaping, at every offset of strings up to 40
     * bytes (the writer skips 8 plain bytes at a time), beside bytes that
     * look close: DEL, space, UTF-8 past ASCII */
    static const char specials[] = {'"', '\\', '\n', '\r', '\t', '\b', '\f', 0x01, 0x1f, 0x00, 0x7f, ' ', (char)0xC3};
    char s[41], want[41 * 6 + 3];
    for (size_t len = 1; len <= 40; len++) {
        for (size_t at = 0; at < len; at++) {
            for (size_t k = 0; k < sizeof specials; k++) {
                for (size_t i = 0; i < len; i++) s[i] = (char)('a' + i % 26);
                s[at] = specials[k];
                if (specials[k] == (char)0xC3) { /* valid UTF-8: an é where it fits, else an x */
                    s[at] = at + 1 < len ? (char)0xC3 : 'x';
                    if (at + 1 < len) s[at + 1] = (char)0xA9;
                }
                ty_doc *d = ty_doc_new(NULL);
                ty_value *v = ty_val_string(d, s, len);
                ck_assert_ptr_nonnull(v);
                ty_buf b;
                ty_buf_init(&b, NULL);
                ty_error err;
                ck_assert_int_eq(ty_value_write(v, TY_WRITE_COMPACT, &b, &err), TY_OK);
                ref_escape(s, len, want);
                ck_assert_msg(b.len == strlen(want) && memcmp(b.ptr, want, b.len) == 0, "len %zu at %zu byte %02x",
                              len, at, (unsigned)(unsigned char)specials[k]);
                if (specials[k] != 0x00) { /* and the reader (8 bytes at a time too) gives the string back */
                    ty_doc *back = ty_doc_parse(b.ptr, b.len, NULL, &err);
                    size_t bn = 0;
                    const char *bs = back ? ty_value_string(ty_doc_root(back), &bn) : NULL;
                    ck_assert_msg(bs && bn == len && memcmp(bs, s, len) == 0, "read back: len %zu at %zu", len, at);
                    ty_doc_free(back);
                }
                ty_buf_free(&b);
                ty_doc_free(d);
            }
        }
    }
    /* whole numbers are written as %lld would, the rest as before */
    static const double nums[] = {1, -1, 9, 10, -10, 1795514420, -1795514420, 9007199254740992.0,
                                  -9007199254740992.0, 123456789012345.0, 0.5, -2.5e-7, 1e21};
    static const char *const texts[] = {"1", "-1", "9", "10", "-10", "1795514420", "-1795514420", "9007199254740992",
                                        "-9007199254740992", "123456789012345", "0.5", "-2.5e-07", "1e+21"};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        char out[33];
        ck_assert_uint_eq(ty_format_number(nums[i], out), strlen(texts[i]));
        ck_assert_str_eq(out, texts[i]);
    }
}
END_TEST

/* ty_parse_number against strtod (the C locale here): numbers of 1 to 18
 * significant digits with the point anywhere and exponents from -30 to 30,
 * so both its short path (15 digits, exponent within 22) and strtod's are
 * crossed; the bits must be the same, zeros' signs included. */
START_TEST(numbers_parse) {
    uint64_t seed = 0x9E3779B97F4A7C15u;
    char text[64];
    for (int k = 0; k < 200000; k++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        uint64_t r = seed >> 11;
        int digits = 1 + (int)(r % 18), point = (int)((r >> 5) % (uint64_t)(digits + 1));
        int exp = (int)((r >> 10) % 61) - 30, form = (int)((r >> 17) % 4);
        size_t n = 0;
        if (r >> 19 & 1) text[n++] = '-';
        uint64_t d = seed;
        for (int i = 0; i < digits; i++) {
            if (i == point && i > 0) text[n++] = '.';
            int digit = (int)(d % 10);
            d /= 10;
            if (i == 0 && (digits > 1 && point != 1) && digit == 0) digit = 7; /* no leading zero */
            text[n++] = (char)('0' + digit);
        }
        if (form == 1) n += (size_t)snprintf(text + n, sizeof text - n, "e%d", exp);
        if (form == 2) n += (size_t)snprintf(text + n, sizeof text - n, "E+%d", exp < 0 ? -exp : exp);
        text[n] = '\0';
        double got = 0, want = strtod(text, NULL);
        ck_assert_msg(ty_parse_number(text, n, &got), "%s refused", text);
        ck_assert_msg(memcmp(&got, &want, sizeof got) == 0, "%s: %.17g, strtod %.17g", text, got, want);
    }
    double z = 1;
    ck_assert(ty_parse_number("-0", 2, &z) && z == 0 && signbit(z));
    ck_assert(ty_parse_number("0.0e5", 5, &z) && z == 0 && !signbit(z));
    ck_assert(!ty_parse_number("1e", 2, &z) && !ty_parse_number("01", 2, &z) && !ty_parse_number(".5", 2, &z));
}
END_TEST

START_TEST(limits_and_channels_tables) {
    /* the tables both bindings export: every channel a playbook, payload and
     * lint accept, in order, and each limit with the value its macro has */
    ck_assert_uint_eq(ty_channel_count(), 6);
    for (size_t i = 0; i < ty_channel_count(); i++) {
        ty_error err;
        const char *ch = ty_channel_name(i);
        ty_doc *d = ty_lint("Tuesday at 10?", 14, ch, strlen(ch), NULL, 0, &err);
        ck_assert_msg(d != NULL, "%s: %s", ch, err.message);
        ty_doc_free(d);
    }
    ck_assert_ptr_null(ty_channel_name(ty_channel_count()));
    size_t n = 0;
    const ty_limit *lim = ty_limits(&n);
    ck_assert_uint_ge(n, 14);
    int seen = 0;
    for (size_t i = 0; i < n; i++) {
        ck_assert_ptr_nonnull(lim[i].what);
        if (!strcmp(lim[i].name, "STATE_MAX_BYTES")) seen += lim[i].value == TY_STATE_MAX_BYTES;
        if (!strcmp(lim[i].name, "VALUE_MAX_DEPTH")) seen += lim[i].value == TY_VALUE_MAX_DEPTH;
        for (size_t j = 0; j < i; j++) ck_assert_str_ne(lim[i].name, lim[j].name);
    }
    ck_assert_int_eq(seen, 2);
}
END_TEST

START_TEST(error_vectors) {
    char path[1200];
    snprintf(path, sizeof path, "%s/playbook_errors.json", ty_test_vectors_dir());
    ty_doc *vd = pbt_parse_file(path);
    const ty_value *tests = ty_value_get(ty_doc_root(vd), "tests", 5);
    size_t n = ty_value_count(tests), failed = 0;
    ck_assert_uint_ge(n, 40);
    for (size_t i = 0; i < n; i++) {
        const ty_value *t = ty_value_item(tests, i);
        const char *name = ty_test_get_string(t, "name", NULL);
        const ty_value *want = ty_value_get(t, "error", 5);
        ty_playbook_opts o;
        memset(&o, 0, sizeof o);
        const ty_value *ov = ty_value_get(t, "options", 7);
        o.max_intents = (size_t)ty_value_number(ty_value_get(ov, "max_intents", 11));
        o.max_examples = (size_t)ty_value_number(ty_value_get(ov, "max_examples", 12));
        o.max_bytes = (size_t)ty_value_number(ty_value_get(ov, "max_bytes", 9));
        char *src;
        size_t len;
        const ty_value *sv = ty_value_get(t, "source", 6);
        if (sv) {
            const char *s = ty_value_string(sv, &len);
            src = malloc(len + 1);
            memcpy(src, s, len);
        } else {
            src = pbt_json(ty_value_get(t, "playbook", 8));
            len = strlen(src);
        }
        ty_error e;
        ty_playbook *pb = ty_playbook_load(src, len, &o, &e);
        free(src);
        if (pb) {
            fprintf(stderr, "error vector %s: loaded\n", name);
            ty_playbook_free(pb);
            failed++;
            continue;
        }
        const char *code = ty_domain_name(e.domain), *reason = ty_code_reason(e.code);
        if (strcmp(code, ty_test_get_string(want, "code", NULL)) || strcmp(reason, ty_test_get_string(want, "reason", NULL)) ||
            strcmp(e.path, ty_test_get_string(want, "path", NULL)) || strcmp(e.message, ty_test_get_string(want, "message", NULL))) {
            fprintf(stderr, "error vector %s:\n  got  %s %s [%s] %s\n  want %s %s [%s] %s\n", name, code, reason,
                    e.path, e.message, ty_test_get_string(want, "code", NULL), ty_test_get_string(want, "reason", NULL), ty_test_get_string(want, "path", NULL),
                    ty_test_get_string(want, "message", NULL));
            failed++;
        }
    }
    ty_doc_free(vd);
    ck_assert_msg(failed == 0, "%zu of %zu error vectors failed", failed, n);
}
END_TEST

START_TEST(bad_text_is_a_playbook_error) {
    /* invalid UTF-8 (cannot live in a JSON vectors file) */
    const char bad[] = "{\"tinyyes\": 1, \"name\": \"caf\xC3\"}";
    ty_error e;
    ck_assert_ptr_null(ty_playbook_load(bad, sizeof bad - 1, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_UTF8);
    ck_assert_int_eq(e.domain, TY_DOMAIN_PLAYBOOK);
    ck_assert_uint_eq(e.offset, 27);
    ck_assert_uint_eq(e.line, 1);
    /* a NUL byte in the text, and a \u0000 escape */
    const char nul[] = "{\"tinyyes\": 1,\0 \"name\": \"x\"}";
    ck_assert_ptr_null(ty_playbook_load(nul, sizeof nul - 1, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_NUL);
    ck_assert_int_eq(e.domain, TY_DOMAIN_PLAYBOOK);
    ck_assert_ptr_null(pbt_load("{\"tinyyes\": 1, \"name\": \"a\\u0000b\"}", &e));
    ck_assert_int_eq(e.code, TY_E_NUL);
    ck_assert_int_eq(e.domain, TY_DOMAIN_PLAYBOOK);
    /* empty text, NULL with a length */
    ck_assert_ptr_null(ty_playbook_load("", 0, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_JSON);
    ck_assert_int_eq(e.domain, TY_DOMAIN_PLAYBOOK);
    ck_assert_ptr_null(ty_playbook_load(NULL, 5, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    /* nesting past the JSON depth limit */
    char deep[400];
    size_t k = (size_t)snprintf(deep, sizeof deep, "{\"tinyyes\": 1, \"name\": ");
    for (int i = 0; i < 100; i++) deep[k++] = '[';
    for (int i = 0; i < 100; i++) deep[k++] = ']';
    deep[k++] = '}';
    ck_assert_ptr_null(ty_playbook_load(deep, k, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_DEPTH);
    ck_assert_int_eq(e.domain, TY_DOMAIN_PLAYBOOK);
    /* a NULL err is fine */
    ck_assert_ptr_null(pbt_load("{\"tinyyes\": 3}", NULL));
    ck_assert_ptr_null(pbt_load("{\"tinyyes\": 1, \"slots\": {\"d\": {\"type\": \"date\", \"x\": 1}}}", NULL));
}
END_TEST

START_TEST(error_paths_in_detail) {
    /* the exact example of docs/playbook.md */
    const char *spec_err = "{\"tinyyes\": 1, \"slots\": {\"day\": {\"type\": \"date\"}, \"go\": {\"type\": \"yesno\"}},"
                           "\"templates\": {\"t\": \"Which?\"}, \"flows\": {\"booking\": {\"steps\": ["
                           "{\"id\": \"a\", \"say\": \"t\"}, {\"id\": \"b\", \"say\": \"t\"},"
                           "{\"id\": \"c\", \"ask\": \"dayy\", \"say\": \"t\"}]}}}";
    pbt_expect_error(spec_err, strlen(spec_err), TY_E_SCHEMA, "flows.booking.steps[2].ask",
                     "flows.booking.steps[2].ask: unknown slot \"dayy\"");
    /* template errors keep the template's line and column */
    const char *tpl = "{\"tinyyes\": 1, \"templates\": {\"a\": {\"text\": \"ok\", \"variants\": [\"fine\", \"x\\n  {{#s}}\"]}}}";
    ty_error e;
    ck_assert_ptr_null(pbt_load(tpl, &e));
    ck_assert_int_eq(e.code, TY_E_SYNTAX);
    ck_assert_int_eq(e.domain, TY_DOMAIN_PLAYBOOK);
    ck_assert_str_eq(e.path, "templates.a.variants[1]");
    ck_assert_uint_eq(e.line, 2);
    ck_assert_uint_eq(e.col, 3);
    ck_assert_str_eq(e.message, "templates.a.variants[1]: line 2, column 3: unclosed section \"s\"");
    /* long names are cut in messages at a character boundary */
    char big[600];
    size_t k = (size_t)snprintf(big, sizeof big, "{\"tinyyes\": 1, \"fallback\": \"");
    for (int i = 0; i < 100; i++) k += (size_t)snprintf(big + k, sizeof big - k, "é");
    k += (size_t)snprintf(big + k, sizeof big - k, "\"}");
    ck_assert_ptr_null(ty_playbook_load(big, k, NULL, &e));
    ck_assert_str_eq(e.path, "fallback");
    ck_assert_msg(strstr(e.message, "…\"") != NULL, "%s", e.message);
    ck_assert_uint_lt(strlen(e.message), 120);
    /* a path longer than the path buffer is cut, not overflowed */
    char deep[800];
    k = (size_t)snprintf(deep, sizeof deep, "{\"tinyyes\": 1, \"intents\": {\"");
    for (int i = 0; i < 64; i++) deep[k++] = 'x';
    k += (size_t)snprintf(deep + k, sizeof deep - k, "\": {\"examples\": [\"a\"], \"");
    for (int i = 0; i < 200; i++) deep[k++] = 'y';
    k += (size_t)snprintf(deep + k, sizeof deep - k, "\": 1}}}");
    ck_assert_ptr_null(ty_playbook_load(deep, k, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_SCHEMA);
    ck_assert_uint_eq(strlen(e.path), TY_ERROR_PATH_MAX - 1);
    ck_assert_msg(strncmp(e.message, "intents.xxx", 11) == 0, "%s", e.message);
}
END_TEST

/* ===================================================================== *
 * Limits
 * ===================================================================== */

static double pbt_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

START_TEST(ten_thousand_intents) {
    size_t cap = 10000 * 40 + 100, k = 0;
    char *s = malloc(cap);
    k += (size_t)snprintf(s + k, cap - k, "{\"tinyyes\": 1, \"intents\": {");
    for (int i = 0; i < 10000; i++)
        k += (size_t)snprintf(s + k, cap - k, "%s\"i%d\": {\"examples\": [\"x%d\"]}", i ? "," : "", i, i);
    k += (size_t)snprintf(s + k, cap - k, "}}");
    ty_error e;
    double t0 = pbt_now();
    ck_assert_ptr_null(ty_playbook_load(s, k, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_LIMIT);
    ck_assert_int_eq(e.domain, TY_DOMAIN_PLAYBOOK);
    ck_assert_str_eq(e.path, "intents");
    ck_assert_str_eq(e.message, "intents: 10000 intents, over the limit of 4096 (max_intents)");
    ck_assert_msg(ty_test_lighter() || pbt_now() - t0 < 5.0, "limit error took %.2fs", pbt_now() - t0);
    free(s);
}
END_TEST

START_TEST(million_examples_fail_fast) {
    size_t n = 1000000, cap = n * 4 + 100, k = 0;
    char *s = malloc(cap);
    k += (size_t)snprintf(s + k, cap - k, "{\"tinyyes\":1,\"intents\":{\"a\":{\"examples\":[");
    for (size_t i = 0; i < n; i++) {
        memcpy(s + k, i ? ",\"x\"" : "\"x\"", i ? 4 : 3);
        k += i ? 4 : 3;
    }
    k += (size_t)snprintf(s + k, cap - k, "]}}}");
    ty_error e;
    double t0 = pbt_now();
    ck_assert_ptr_null(ty_playbook_load(s, k, NULL, &e));
    double dt = pbt_now() - t0;
    ck_assert_int_eq(e.code, TY_E_LIMIT);
    /* the JSON value limit stops the text while it is parsed, before the
     * examples are counted */
    ck_assert_str_eq(e.message, "more than 1000000 values in one JSON text (max_values) at line 1, column 4000022");
    ck_assert_msg(ty_test_lighter() || dt < 20.0, "limit error took %.2fs", dt);
    fprintf(stderr, "1,000,000 examples (%zu bytes) rejected in %.3f s\n", k, dt);
    free(s);
}
END_TEST

START_TEST(many_intents_within_limits_load) {
    /* many intents within the limits: a successful load in bounded time;
     * 128 under valgrind (the lighter mode: training is what costs there) */
    size_t n = ty_test_lighter() ? 128 : 512, cap = n * 80 + 100, k = 0;
    char *s = malloc(cap);
    k += (size_t)snprintf(s + k, cap - k, "{\"tinyyes\": 1, \"intents\": {");
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(s + k, cap - k, "%s\"i%zu\": {\"examples\": [\"word%zu thing\", \"other%zu item\"]}",
                              i ? "," : "", i, i, i);
    k += (size_t)snprintf(s + k, cap - k, "}}");
    ty_error e;
    double t0 = pbt_now();
    ty_playbook *pb = ty_playbook_load(s, k, NULL, &e);
    double dt = pbt_now() - t0;
    ck_assert_msg(pb != NULL, "%s", e.message);
    fprintf(stderr, "%zu intents loaded in %.3f s\n", n, dt);
    ty_input in = pbt_text("word17 thing");
    ty_doc *d = ty_playbook_match(pb, &in, &e);
    ck_assert_ptr_nonnull(d);
    ty_doc_free(d);
    ty_playbook_free(pb);
    free(s);
}
END_TEST

/* The n-th of the generated sentences below: distinct for n < 5 * 8 * 9 * 16. */
static size_t pbt_sentence(size_t n, char *out, size_t cap) {
    static const char *const open[] = {"can I", "I want to", "please help me", "how do I", "I need to"};
    static const char *const verb[] = {"book", "cancel", "change", "return", "renew", "track", "repair", "price"};
    static const char *const adj[] = {"blue", "spare", "family", "premium", "broken", "electric", "annual", "kids",
                                      "garden"};
    static const char *const noun[] = {"bike", "membership", "jacket", "table", "laptop", "parcel", "ticket", "sofa",
                                       "boiler", "printer", "tent", "kayak", "locker", "charger", "helmet", "lamp"};
    size_t m = n * 2039 % (5 * 8 * 9 * 16); /* 2039 is prime to the count: a permutation */
    return (size_t)snprintf(out, cap, "%s %s my %s %s", open[m % 5], verb[m / 5 % 8], adj[m / 40 % 9],
                            noun[m / 360 % 16]);
}

START_TEST(four_thousand_one_example_intents_load) {
    /* training cost grows with intents x features: 4,000 intents with one
     * example each must load and match (bench/bench_training.py has the
     * figures) */
    size_t n = 4000, cap = n * 80 + 100, k = 0;
    char *s = malloc(cap), ex[80];
    ck_assert_ptr_nonnull(s);
    k += (size_t)snprintf(s + k, cap - k, "{\"tinyyes\": 1, \"locale\": \"en\", \"intents\": {");
    for (size_t i = 0; i < n; i++) {
        pbt_sentence(i, ex, sizeof ex);
        k += (size_t)snprintf(s + k, cap - k, "%s\"i%zu\": {\"examples\": [\"%s\"]}", i ? "," : "", i, ex);
    }
    k += (size_t)snprintf(s + k, cap - k, "}}");
    ty_error e;
    ty_playbook *pb = ty_playbook_load(s, k, NULL, &e);
    ck_assert_msg(pb != NULL, "%s", e.message);
    ck_assert_uint_eq(pb->nintents, n);
    ck_assert_ptr_nonnull(pb->matcher);
    for (size_t i = 0; i < n; i += 997) {
        size_t len = pbt_sentence(i, ex, sizeof ex);
        ty_input in = pbt_text("");
        in.text = ex;
        in.len = len;
        ty_doc *d = ty_playbook_match(pb, &in, &e);
        ck_assert_ptr_nonnull(d);
        /* its own intent ranks first (near-twins keep the score low) */
        char *j = pbt_json(ty_doc_root(d)), want[48];
        snprintf(want, sizeof want, "\"ranking\":[{\"intent\":\"i%zu\",", i);
        ck_assert_msg(strstr(j, want) != NULL, "%s: %.120s", ex, j);
        free(j);
        ty_doc_free(d);
    }
    ty_playbook_free(pb);
    free(s);
}
END_TEST

START_TEST(message_limits_and_bad_text) {
    ty_error e;
    ty_playbook *pb = pbt_load(pbt_spec, &e);
    ck_assert_ptr_nonnull(pb);
    /* 1 MiB message: over the 64 KiB default */
    size_t big = 1u << 20;
    char *s = malloc(big);
    memset(s, 'a', big);
    ty_input in = pbt_text("");
    in.text = s;
    in.len = big;
    ck_assert_ptr_null(ty_playbook_match(pb, &in, &e));
    ck_assert_int_eq(e.code, TY_E_LIMIT);
    ck_assert_int_eq(e.domain, TY_DOMAIN_EVENT);
    ck_assert_str_eq(e.path, "text");
    ck_assert_str_eq(e.message, "message is 1048576 bytes, over the limit of 65536 bytes (max_message)");
    ck_assert_ptr_null(ty_playbook_recognize(pb, "day", 3, &in, &e));
    ck_assert_int_eq(e.code, TY_E_LIMIT);
    free(s);
    /* invalid UTF-8, NUL */
    in = pbt_text("caf\xC3");
    ck_assert_ptr_null(ty_playbook_match(pb, &in, &e));
    ck_assert_int_eq(e.code, TY_E_UTF8);
    ck_assert_int_eq(e.domain, TY_DOMAIN_EVENT);
    ck_assert_uint_eq(e.offset, 3);
    in.text = "st\0op";
    in.len = 5;
    ck_assert_ptr_null(ty_playbook_match(pb, &in, &e));
    ck_assert_int_eq(e.code, TY_E_NUL);
    ck_assert_ptr_null(ty_playbook_recognize(pb, "go", 2, &in, &e));
    ck_assert_int_eq(e.code, TY_E_NUL);
    /* NULL text with a length; NULL input */
    in.text = NULL;
    in.len = 3;
    ck_assert_ptr_null(ty_playbook_match(pb, &in, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ck_assert_ptr_null(ty_playbook_match(pb, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ck_assert_ptr_null(ty_playbook_match(NULL, &in, &e));
    ck_assert_ptr_null(ty_playbook_stats(NULL, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    /* empty and blank text: not an error, out of scope */
    const char *blanks[] = {"", "   \t\n", "?!...", "\xE2\x80\x8B"};
    for (size_t i = 0; i < sizeof blanks / sizeof blanks[0]; i++) {
        in = pbt_text(blanks[i]);
        in.expect = "go";
        in.expect_len = 2;
        ty_doc *d = ty_playbook_match(pb, &in, &e);
        ck_assert_msg(d != NULL, "%s", e.message);
        char *j = pbt_json(ty_doc_root(d));
        ck_assert_str_eq(j, "{\"intent\":null,\"score\":0,\"oos\":true,\"ranking\":[],\"entities\":[],\"answer\":null}");
        free(j);
        ty_doc_free(d);
        d = ty_playbook_recognize(pb, "service", 7, &in, &e);
        ck_assert_ptr_nonnull(d);
        ck_assert_int_eq(ty_value_kind(ty_doc_root(d)), TY_NULL);
        ty_doc_free(d);
    }
    /* a custom message limit */
    ty_playbook_opts o;
    memset(&o, 0, sizeof o);
    o.max_message = 8;
    ty_playbook *small = ty_playbook_load(pbt_spec, strlen(pbt_spec), &o, &e);
    ck_assert_ptr_nonnull(small);
    in = pbt_text("tomorrow please");
    ck_assert_ptr_null(ty_playbook_match(small, &in, &e));
    ck_assert_str_eq(e.message, "message is 15 bytes, over the limit of 8 bytes (max_message)");
    in = pbt_text("stop");
    ty_doc *d = ty_playbook_match(small, &in, &e);
    ck_assert_ptr_nonnull(d);
    ty_doc_free(d);
    ty_playbook_free(small);
    ty_playbook_free(pb);
}
END_TEST

/* ===================================================================== *
 * match / recognize / stats
 * ===================================================================== */

START_TEST(match_api) {
    ty_error e;
    ty_playbook *pb = pbt_load(pbt_spec, &e);
    ck_assert_ptr_nonnull(pb);
    /* keywords win and score 1, whatever the case and punctuation */
    const char *kw[] = {"STOP", "stop!", "  Unsubscribe. ", "StopAll"};
    for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++) {
        ty_input in = pbt_text(kw[i]);
        ty_doc *d = ty_playbook_match(pb, &in, &e);
        ck_assert_ptr_nonnull(d);
        char *j = pbt_json(ty_doc_root(d));
        ck_assert_str_eq(j, "{\"intent\":\"stop\",\"score\":1,\"oos\":false,\"ranking\":[{\"intent\":\"stop\",\"score\":1}],"
                            "\"entities\":[]}");
        free(j);
        ty_doc_free(d);
    }
    /* the result shape: scores rounded to 4 decimals, ranking of at most 5 */
    ty_input in = pbt_text("can I book a deep clean");
    ty_doc *d = ty_playbook_match(pb, &in, &e);
    ck_assert_ptr_nonnull(d);
    const ty_value *r = ty_doc_root(d);
    ck_assert_str_eq(ty_value_key(r, 0, NULL), "intent");
    ck_assert_str_eq(ty_value_key(r, 1, NULL), "score");
    ck_assert_str_eq(ty_value_key(r, 2, NULL), "oos");
    ck_assert_str_eq(ty_value_key(r, 3, NULL), "ranking");
    ck_assert_str_eq(ty_value_key(r, 4, NULL), "entities");
    ck_assert_uint_eq(ty_value_count(r), 5);
    ck_assert_str_eq(ty_test_get_string(r, "intent", NULL), "booking");
    const ty_value *rank = ty_value_get(r, "ranking", 7);
    ck_assert_uint_ge(ty_value_count(rank), 1);
    ck_assert_uint_le(ty_value_count(rank), 5);
    for (size_t i = 0; i < ty_value_count(rank); i++) {
        double sc = ty_value_number(ty_value_get(ty_value_item(rank, i), "score", 5));
        ck_assert(sc >= 0 && sc <= 1);
        ck_assert(floor(sc * 10000.0 + 0.5) / 10000.0 == sc); /* already rounded to 4 decimals */
        if (i) ck_assert(sc <= ty_value_number(ty_value_get(ty_value_item(rank, i - 1), "score", 5)));
    }
    const ty_value *ents = ty_value_get(r, "entities", 8);
    ck_assert_uint_ge(ty_value_count(ents), 1);
    const ty_value *ent = ty_value_item(ents, 0);
    ck_assert_str_eq(ty_test_get_string(ent, "slot", NULL), "service");
    ck_assert_str_eq(ty_test_get_string(ent, "type", NULL), "choice");
    ck_assert_str_eq(ty_test_get_string(ent, "value", NULL), "deep");
    ck_assert_str_eq(ty_value_key(ent, 0, NULL), "slot");
    ck_assert_str_eq(ty_value_key(ent, 1, NULL), "type");
    ty_doc_free(d);

    /* expect: the answer comes first, and is reported; null when none */
    in = pbt_text("the deep one");
    in.expect = "service";
    in.expect_len = 7;
    d = ty_playbook_match(pb, &in, &e);
    ck_assert_ptr_nonnull(d);
    const ty_value *ans = ty_value_get(ty_doc_root(d), "answer", 6);
    ck_assert_int_eq(ty_value_kind(ans), TY_MAP);
    ck_assert_str_eq(ty_test_get_string(ans, "slot", NULL), "service");
    ck_assert_str_eq(ty_test_get_string(ans, "value", NULL), "deep");
    ty_doc_free(d);
    in = pbt_text("how much is it?");
    in.expect = "service";
    in.expect_len = 7;
    d = ty_playbook_match(pb, &in, &e);
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(ty_value_kind(ty_value_get(ty_doc_root(d), "answer", 6)), TY_NULL);
    ty_doc_free(d);

    /* unknown expect slot */
    in.expect = "dayy";
    in.expect_len = 4;
    ck_assert_ptr_null(ty_playbook_match(pb, &in, &e));
    ck_assert_int_eq(e.code, TY_E_NOTFOUND);
    ck_assert_str_eq(e.message, "unknown slot \"dayy\"");
    in.expect = "\xFF";
    in.expect_len = 1;
    ck_assert_ptr_null(ty_playbook_match(pb, &in, &e));
    ck_assert_int_eq(e.code, TY_E_NOTFOUND);
    ck_assert_str_eq(e.message, "unknown slot (the name is not valid UTF-8)");

    /* data must be an object; options_from lists must be well formed */
    ty_doc *data = ty_doc_parse("[1]", 3, NULL, &e);
    in = pbt_text("tue 10:00");
    in.data = ty_doc_root(data);
    ck_assert_ptr_null(ty_playbook_match(pb, &in, &e));
    ck_assert_int_eq(e.code, TY_E_EVENT);
    ck_assert_int_eq(e.domain, TY_DOMAIN_EVENT);
    ck_assert_str_eq(e.message, "data: must be an object");
    ty_doc_free(data);
    const char *bad_data[] = {"{\"times\": \"Tue 10:00\"}", "{\"times\": [\"Tue 10:00\", 5]}",
                              "{\"times\": [{\"title\": \"x\"}]}", "{\"times\": [\"\"]}",
                              "{\"times\": [{\"id\": \"a\", \"title\": 3}]}",
                              "{\"times\": [{\"id\": \"a\", \"synonyms\": [1]}]}"};
    const char *bad_path[] = {"data.times", "data.times[1]", "data.times[0]", "data.times[0]", "data.times[0]",
                              "data.times[0]"};
    for (size_t i = 0; i < sizeof bad_data / sizeof bad_data[0]; i++) {
        data = ty_doc_parse(bad_data[i], strlen(bad_data[i]), NULL, &e);
        ck_assert_ptr_nonnull(data);
        in.data = ty_doc_root(data);
        ck_assert_ptr_null(ty_playbook_match(pb, &in, &e));
        ck_assert_int_eq(e.code, TY_E_EVENT);
        ck_assert_int_eq(e.domain, TY_DOMAIN_EVENT);
        ck_assert_str_eq(e.path, bad_path[i]);
        ck_assert_msg(strncmp(e.message, bad_path[i], strlen(bad_path[i])) == 0, "%s", e.message);
        ck_assert_ptr_null(ty_playbook_recognize(pb, "visit", 5, &in, &e));
        ck_assert_int_eq(e.code, TY_E_EVENT);
        /* a slot that does not read data does not care */
        d = ty_playbook_recognize(pb, "go", 2, &in, &e);
        ck_assert_ptr_nonnull(d);
        ty_doc_free(d);
        ty_doc_free(data);
    }
    ty_playbook_free(pb);
}
END_TEST

START_TEST(recognize_api) {
    ty_error e;
    ty_playbook *pb = pbt_load(pbt_spec, &e);
    ck_assert_ptr_nonnull(pb);
    ty_input in = pbt_text("deep clean please");
    ty_doc *d = ty_playbook_recognize(pb, "service", 7, &in, &e);
    ck_assert_msg(d != NULL, "%s", e.message);
    const ty_value *r = ty_doc_root(d);
    ck_assert_int_eq(ty_value_kind(r), TY_MAP);
    ck_assert_str_eq(ty_test_get_string(r, "value", NULL), "deep");
    ck_assert_str_eq(ty_test_get_string(r, "text", NULL), "deep clean");
    ck_assert(ty_value_number(ty_value_get(r, "start", 5)) == 0);
    ck_assert(ty_value_number(ty_value_get(r, "end", 3)) == 10);
    ty_doc_free(d);
    /* options_from reads the host's data: strings or {id, title} */
    const char *times = "{\"times\": [\"Tue 10:00\", {\"id\": \"t15\", \"title\": \"Tue 15:00\"}]}";
    ty_doc *data = ty_doc_parse(times, strlen(times), NULL, &e);
    ck_assert_ptr_nonnull(data);
    in = pbt_text("Tue 15:00 works");
    in.data = ty_doc_root(data);
    d = ty_playbook_recognize(pb, "visit", 5, &in, &e);
    ck_assert_msg(d != NULL, "%s", e.message);
    ck_assert_str_eq(ty_test_get_string(ty_doc_root(d), "value", NULL), "t15");
    ty_doc_free(d);
    /* without data the slot has no options: no answer, not an error */
    in.data = NULL;
    d = ty_playbook_recognize(pb, "visit", 5, &in, &e);
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(ty_value_kind(ty_doc_root(d)), TY_NULL);
    ty_doc_free(d);
    ty_doc_free(data);
    /* unknown slot */
    ck_assert_ptr_null(ty_playbook_recognize(pb, "dayy", 4, &in, &e));
    ck_assert_int_eq(e.code, TY_E_NOTFOUND);
    ck_assert_int_eq(e.domain, TY_DOMAIN_PLAYBOOK);
    ck_assert_str_eq(e.path, "slots.dayy");
    ck_assert_str_eq(e.message, "unknown slot \"dayy\"");
    ck_assert_ptr_null(ty_playbook_recognize(pb, NULL, 0, &in, &e));
    ck_assert_int_eq(e.code, TY_E_NOTFOUND);
    ty_playbook_free(pb);
}
END_TEST

/* The value "day" reads from text at (at, offset seconds), as JSON ("null"
 * when nothing), or the error code when the call fails. */
static char *pbt_day_at(const ty_playbook *pb, const char *text, int64_t at, int32_t offset, int *code) {
    ty_input in = pbt_text(text);
    in.at = at;
    in.has_at = 1;
    in.utc_offset = offset;
    in.has_offset = 1;
    ty_error e;
    ty_doc *d = ty_playbook_recognize(pb, "day", 3, &in, &e);
    *code = d ? TY_OK : e.code;
    if (!d) return NULL;
    const ty_value *r = ty_doc_root(d);
    char *j = pbt_json(ty_value_kind(r) == TY_NULL ? r : ty_value_get(r, "value", 5));
    ty_doc_free(d);
    return j;
}

/* (text, at, offset, value read): the edges of the accepted clock. */
typedef struct pbt_clock_case {
    const char *text;
    int64_t at;
    int32_t offset;
    const char *value;
} pbt_clock_case;

START_TEST(clock_and_offset_edges) {
    ty_error e;
    ty_playbook *pb = pbt_load(pbt_spec, &e);
    ck_assert_ptr_nonnull(pb);
    static const pbt_clock_case cases[] = {
        /* the last second of 9999: a day behind UTC it is still 9999-12-31;
           a day ahead it is year 10000, out of range, so nothing relative */
        {"today", 253402300799LL, -86399, "\"9999-12-31\""},
        {"tomorrow", 253402300799LL, -86399, "null"},
        {"today", 253402300799LL, 86399, "null"},
        {"yesterday", 253402300799LL, 86399, "\"9999-12-31\""},
        /* the first second of year 1: a day behind UTC is year 0 */
        {"today", -62135596800LL, 86399, "\"0001-01-01\""},
        {"today", -62135596800LL, -86399, "null"},
        {"tomorrow", -62135596800LL, -86399, "\"0001-01-01\""},
        /* outside years 1 to 9999 the clock is ignored: a full date still reads */
        {"today", INT64_MAX, 86399, "null"},
        {"today", INT64_MIN, -86399, "null"},
        {"today", 253402300800LL, 0, "null"},
        {"today", -62135596801LL, 0, "null"},
        {"2026-11-19", INT64_MAX, -86399, "\"2026-11-19\""},
        {"2026-11-19", INT64_MIN, 86399, "\"2026-11-19\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int code;
        char *j = pbt_day_at(pb, cases[i].text, cases[i].at, cases[i].offset, &code);
        ck_assert_msg(j != NULL, "case %zu: %s", i, ty_code_name(code));
        ck_assert_msg(!strcmp(j, cases[i].value), "case %zu (%s): %s, not %s", i, cases[i].text, j, cases[i].value);
        free(j);
    }
    /* an offset of a day or more is an input error, for match and recognize alike */
    static const int32_t bad[] = {86400, -86400, INT32_MAX, INT32_MIN};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int code;
        ck_assert_ptr_null(pbt_day_at(pb, "today", 1795000000, bad[i], &code));
        ck_assert_int_eq(code, TY_E_EVENT);
        ty_input in = pbt_text("book a deep clean tomorrow");
        in.utc_offset = bad[i];
        in.has_offset = 1;
        ck_assert_ptr_null(ty_playbook_match(pb, &in, &e));
        ck_assert_int_eq(e.code, TY_E_EVENT);
        ck_assert_int_eq(e.domain, TY_DOMAIN_EVENT);
        ck_assert_str_eq(e.path, "utc_offset");
        char want[96];
        snprintf(want, sizeof want, "utc_offset: must be whole seconds within a day (-86399..86399), not %ld",
                 (long)bad[i]);
        ck_assert_str_eq(e.message, want);
        /* without has_offset the field is not read */
        in.has_offset = 0;
        ty_doc *d = ty_playbook_match(pb, &in, &e);
        ck_assert_msg(d != NULL, "%s", e.message);
        ty_doc_free(d);
    }
    ty_playbook_free(pb);
}
END_TEST

START_TEST(stats_api) {
    ty_error e;
    ty_playbook *pb = pbt_load(pbt_spec, &e);
    ck_assert_ptr_nonnull(pb);
    ty_doc *d = ty_playbook_stats(pb, &e);
    ck_assert_ptr_nonnull(d);
    const ty_value *r = ty_doc_root(d);
    const char *keys[] = {"bytes", "intents", "examples", "features", "slots", "templates", "flows"};
    ck_assert_uint_eq(ty_value_count(r), 7);
    for (size_t i = 0; i < 7; i++) ck_assert_str_eq(ty_value_key(r, i, NULL), keys[i]);
    ck_assert(ty_value_number(ty_value_get(r, "bytes", 5)) > 2000);
    ck_assert(ty_value_number(ty_value_get(r, "intents", 7)) == 5);
    ck_assert(ty_value_number(ty_value_get(r, "examples", 8)) == 8);
    ck_assert(ty_value_number(ty_value_get(r, "features", 8)) > 0);
    ck_assert(ty_value_number(ty_value_get(r, "slots", 5)) == 6);
    ck_assert(ty_value_number(ty_value_get(r, "templates", 9)) == 11);
    ck_assert(ty_value_number(ty_value_get(r, "flows", 5)) == 3);
    ty_doc_free(d);
    ty_playbook_free(pb);
}
END_TEST

/* ===================================================================== *
 * Allocation failure
 * ===================================================================== */

START_TEST(load_fails_cleanly_at_every_allocation) {
    long countdown = -1;
    ty_alloc a = ty_test_failing_alloc(&countdown);
    ty_playbook_opts o;
    memset(&o, 0, sizeof o);
    o.alloc = &a;
    long base = ty_test_live_allocs();
    ty_error e;
    /* fail the 1st, 2nd, ... allocation until a load needs no more */
    long n = 0;
    for (;; n++) {
        ck_assert_int_lt(n, 100000);
        countdown = n;
        ty_playbook *pb = ty_playbook_load(pbt_spec, strlen(pbt_spec), &o, &e);
        if (pb) {
            ty_playbook_free(pb);
            break;
        }
        ck_assert_msg(e.code == TY_E_NOMEM, "allocation %ld: %s %s", n, ty_code_name(e.code), e.message);
        ck_assert_int_eq(e.domain, TY_DOMAIN_PLAYBOOK);
        ck_assert_msg(ty_test_live_allocs() == base, "allocation %ld failing leaks %ld blocks", n,
                      ty_test_live_allocs() - base);
    }
    ck_assert_int_gt(n, 10); /* parse, arena, templates and matcher all allocate */
    ck_assert_int_eq(ty_test_live_allocs(), base);
}
END_TEST

/* One of the per-message calls, by number. */
static ty_doc *pbt_call(int call, const ty_playbook *pb, const ty_input *in, ty_error *e) {
    if (call == 0) return ty_playbook_match(pb, in, e);
    if (call == 1) return ty_playbook_recognize(pb, "visit", 5, in, e);
    return ty_playbook_stats(pb, e);
}

START_TEST(calls_fail_cleanly_at_every_allocation) {
    long countdown = -1;
    ty_alloc a = ty_test_failing_alloc(&countdown);
    ty_playbook_opts o;
    memset(&o, 0, sizeof o);
    o.alloc = &a;
    long before = ty_test_live_allocs();
    ty_error e;
    ty_playbook *pb = ty_playbook_load(pbt_spec, strlen(pbt_spec), &o, &e);
    ck_assert_ptr_nonnull(pb);
    long base = ty_test_live_allocs();
    const char *times = "{\"times\": [\"Tue 10:00\", \"Tue 15:00\"]}";
    ty_doc *data = ty_doc_parse(times, strlen(times), NULL, &e);
    ck_assert_ptr_nonnull(data);
    ty_input in = pbt_text("need a deep clean tomorrow, Tue 15:00 if you can");
    in.data = ty_doc_root(data);
    in.expect = "visit";
    in.expect_len = 5;
    in.has_at = 1;
    in.at = 1795000000;
    for (int call = 0; call < 3; call++) {
        countdown = -1;
        ty_doc *d = pbt_call(call, pb, &in, &e);
        ck_assert_ptr_nonnull(d);
        char *want = pbt_json(ty_doc_root(d));
        ty_doc_free(d);
        long n = 0;
        for (;; n++) {
            ck_assert_int_lt(n, 100000);
            countdown = n;
            d = pbt_call(call, pb, &in, &e);
            if (d) break;
            ck_assert_int_eq(e.code, TY_E_NOMEM);
            ck_assert_msg(ty_test_live_allocs() == base, "call %d, allocation %ld failing leaks %ld blocks", call,
                          n, ty_test_live_allocs() - base);
        }
        ck_assert_int_gt(n, 0);
        char *again = pbt_json(ty_doc_root(d));
        ck_assert_str_eq(again, want); /* failures left the playbook untouched */
        free(again);
        free(want);
        ty_doc_free(d);
    }
    ty_doc_free(data);
    ty_playbook_free(pb);
    ck_assert_int_eq(ty_test_live_allocs(), before);
}
END_TEST

/* ===================================================================== *
 * Concurrency
 * ===================================================================== */

static const char *const pbt_msgs[] = {
    "how much is a deep clean?", "can I book for tomorrow", "STOP", "I need to think about it",
    "can I talk to a person please", "basic clean on friday", "what's the weather like", "unsubscribe",
};
#define PBT_NMSGS (sizeof pbt_msgs / sizeof pbt_msgs[0])

typedef struct pbt_thread {
    const ty_playbook *pb;
    char *const *want;
    int bad;
} pbt_thread;

static void *pbt_worker(void *arg) {
    pbt_thread *t = arg;
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < PBT_NMSGS; i++) {
            ty_input in = pbt_text(pbt_msgs[i]);
            in.has_at = 1;
            in.at = 1795000000;
            ty_error e;
            ty_doc *d = ty_playbook_match(t->pb, &in, &e);
            if (!d) {
                t->bad++;
                continue;
            }
            ty_buf b;
            ty_buf_init(&b, NULL);
            ty_value_write_json(ty_doc_root(d), &b, NULL);
            if (strcmp(b.ptr, t->want[i]) != 0) t->bad++;
            ty_buf_free(&b);
            ty_doc_free(d);
        }
    }
    return NULL;
}

START_TEST(three_threads_share_one_playbook) {
    ty_error e;
    ty_playbook *pb = pbt_load(pbt_spec, &e);
    ck_assert_ptr_nonnull(pb);
    char *want[PBT_NMSGS];
    for (size_t i = 0; i < PBT_NMSGS; i++) {
        ty_input in = pbt_text(pbt_msgs[i]);
        in.has_at = 1;
        in.at = 1795000000;
        ty_doc *d = ty_playbook_match(pb, &in, &e);
        ck_assert_ptr_nonnull(d);
        want[i] = pbt_json(ty_doc_root(d));
        ty_doc_free(d);
    }
    pthread_t th[3];
    pbt_thread ts[3];
    for (int i = 0; i < 3; i++) {
        ts[i] = (pbt_thread){pb, want, 0};
        ck_assert_int_eq(pthread_create(&th[i], NULL, pbt_worker, &ts[i]), 0);
    }
    for (int i = 0; i < 3; i++) {
        pthread_join(th[i], NULL);
        ck_assert_int_eq(ts[i].bad, 0);
    }
    for (size_t i = 0; i < PBT_NMSGS; i++) free(want[i]);
    ty_playbook_free(pb);
}
END_TEST

/* ===================================================================== *
 * Shared vectors: match and recognize
 * ===================================================================== */

/* Runs every JSON file in <vectors>/<sub>/ through match or recognize. */
static void pbt_run_vector_dir(const char *sub, bool match, size_t *files, size_t *cases, size_t *failed) {
    char dir[1200];
    snprintf(dir, sizeof dir, "%s/%s", ty_test_vectors_dir(), sub);
    char **names;
    size_t n = pbt_list_json(dir, &names);
    *files = n;
    for (size_t f = 0; f < n; f++) {
        char path[1500];
        snprintf(path, sizeof path, "%s/%s", dir, names[f]);
        ty_doc *vd = pbt_parse_file(path);
        const ty_value *root = ty_doc_root(vd);
        char *src = pbt_json(ty_value_get(root, "playbook", 8));
        ty_error e;
        ty_playbook *pb = ty_playbook_load(src, strlen(src), NULL, &e);
        free(src);
        if (!pb) {
            fprintf(stderr, "%s: playbook does not load: %s\n", path, e.message);
            (*failed)++;
            ty_doc_free(vd);
            free(names[f]);
            continue;
        }
        const ty_value *tests = ty_value_get(root, "tests", 5);
        for (size_t i = 0; i < ty_value_count(tests); i++) {
            const ty_value *t = ty_value_item(tests, i);
            ty_input in;
            pbt_input(t, &in);
            ty_doc *d;
            if (match) {
                d = ty_playbook_match(pb, &in, &e);
            } else {
                size_t sl;
                const char *slot = ty_value_string(ty_value_get(t, "slot", 4), &sl);
                d = ty_playbook_recognize(pb, slot, sl, &in, &e);
            }
            (*cases)++;
            const ty_value *want = ty_value_get(t, "expected", 8);
            if (!d) {
                fprintf(stderr, "%s / %s: error %s\n", names[f], ty_test_get_string(t, "name", NULL), e.message);
                (*failed)++;
                continue;
            }
            if (!pbt_equal(ty_doc_root(d), want)) {
                char *got = pbt_json(ty_doc_root(d)), *exp = pbt_json(want);
                fprintf(stderr, "%s / %s:\n  got  %s\n  want %s\n", names[f], ty_test_get_string(t, "name", NULL), got, exp);
                free(got);
                free(exp);
                (*failed)++;
            }
            ty_doc_free(d);
        }
        ty_playbook_free(pb);
        ty_doc_free(vd);
        free(names[f]);
    }
    free(names);
}

/* tests/vectors/message_size.json: the one limit on a customer message
 * through match, recognize and step, with the exact error; and
 * ty_playbook_check_size says the same as the calls without the text. */
static char *pt_repeat(const char *unit, size_t times, size_t *len) {
    size_t k = strlen(unit);
    char *s = malloc(k * times + 1);
    ck_assert_ptr_nonnull(s);
    for (size_t i = 0; i < times; i++) memcpy(s + i * k, unit, k);
    s[k * times] = '\0';
    *len = k * times;
    return s;
}

static ty_doc *pt_size_call(const ty_playbook *pb, const ty_value *c, const char *text, size_t len, ty_error *e) {
    const char *call = ty_test_get_string(c, "call", NULL);
    ty_input in = {.text = text, .len = len, .at = 1795000000, .has_at = 1};
    if (!strcmp(call, "match")) return ty_playbook_match(pb, &in, e);
    if (!strcmp(call, "recognize")) return ty_playbook_recognize(pb, "day", 3, &in, e);
    ty_buf b;
    ty_buf_init(&b, NULL);
    ck_assert(!ty_buf_puts(&b, "{\"type\":\"message\",\"at\":1795000000,\"text\":\"") && !ty_buf_append(&b, text, len) &&
              !ty_buf_puts(&b, "\"}"));
    ty_json_opts jo = {.max_bytes = b.len + 1};
    ty_doc *ev = ty_doc_parse(b.ptr, b.len, &jo, e);
    ck_assert_msg(ev != NULL, "%s", e->message);
    ty_buf_free(&b);
    ty_doc *r = ty_playbook_step(pb, NULL, ty_doc_root(ev), e);
    ty_doc_free(ev);
    return r;
}

START_TEST(message_size_vectors) {
    char path[1024];
    ty_error e;
    ty_doc *vd = ty_test_load_json(ty_test_path(path, sizeof path, ty_test_vectors_dir(), "message_size.json"), &e);
    ck_assert_msg(vd != NULL, "%s", e.message);
    const ty_value *tests = ty_test_get(ty_doc_root(vd), "tests");
    size_t ndef;
    const char *def = ty_default_playbook(&ndef);
    for (size_t i = 0; i < ty_value_count(tests); i++) {
        const ty_value *c = ty_value_item(tests, i);
        const char *name = ty_test_get_string(c, "name", NULL);
        const ty_value *mm = ty_test_get(c, "max_message");
        ty_playbook_opts po = {.max_message = mm ? (size_t)ty_value_number(mm) : 0};
        ty_playbook *pb = ty_playbook_load(def, ndef, &po, &e);
        ck_assert_msg(pb != NULL, "%s", e.message);
        const ty_value *spec = ty_test_get(c, "text");
        size_t len;
        char *text = pt_repeat(ty_test_get_string(spec, "repeat", NULL), (size_t)ty_value_number(ty_test_get(spec, "times")), &len);
        ty_doc *r = pt_size_call(pb, c, text, len, &e);
        const ty_value *want = ty_test_get(c, "error");
        ty_error pre;
        memset(&pre, 0, sizeof pre);
        int in_event = !strcmp(ty_test_get_string(c, "call", NULL), "step");
        int prc = ty_playbook_check_size(pb, len, in_event, &pre);
        if (!want) {
            ck_assert_msg(r != NULL, "%s: %s", name, e.message);
            ck_assert_int_eq(prc, TY_OK);
        } else {
            ck_assert_msg(r == NULL, "%s: accepted", name);
            ck_assert_str_eq(ty_domain_name(e.domain), ty_test_get_string(want, "code", NULL));
            ck_assert_str_eq(ty_code_reason(e.code), ty_test_get_string(want, "reason", NULL));
            ck_assert_str_eq(e.path, ty_test_get_string(want, "path", NULL));
            ck_assert_str_eq(e.message, ty_test_get_string(want, "message", NULL));
            ck_assert_int_eq(prc, e.code);
            ck_assert_str_eq(pre.message, e.message);
            ck_assert_str_eq(pre.path, e.path);
        }
        ty_doc_free(r);
        free(text);
        ty_playbook_free(pb);
    }
    ty_doc_free(vd);
}
END_TEST

START_TEST(match_vectors) {
    size_t files = 0, cases = 0, failed = 0;
    pbt_run_vector_dir("match", true, &files, &cases, &failed);
    ck_assert_msg(files > 0, "no match vectors in %s/match", ty_test_vectors_dir());
    fprintf(stderr, "match vectors: %zu files, %zu cases, %zu failed\n", files, cases, failed);
    ck_assert_msg(failed == 0, "%zu of %zu match vectors failed", failed, cases);
}
END_TEST

START_TEST(recognize_vectors) {
    size_t files = 0, cases = 0, failed = 0;
    pbt_run_vector_dir("recognize", false, &files, &cases, &failed);
    if (files == 0) {
        fprintf(stderr, "SKIP recognize vectors: none in %s/recognize\n", ty_test_vectors_dir());
        return;
    }
    fprintf(stderr, "recognize vectors: %zu files, %zu cases, %zu failed\n", files, cases, failed);
    ck_assert_msg(failed == 0, "%zu of %zu recognize vectors failed", failed, cases);
}
END_TEST

static Suite *pbt_suite(void) {
    Suite *s = suite_create("playbook");
    TCase *load = tcase_create("load");
    tcase_add_test(load, spec_example_loads);
    tcase_add_test(load, limits_and_channels_tables);
    tcase_add_test(load, json_write_flags);
    tcase_add_test(load, json_escapes);
    tcase_add_test(load, numbers_parse);
    tcase_add_test(load, minimal_playbooks_load);
    tcase_add_test(load, schema_key_is_ignored_at_the_top);
    tcase_add_test(load, loops_through_an_ask_are_allowed);
    tcase_add_test(load, big_objects_parse_in_linear_time);
    tcase_add_test(load, utc_offsets_as_hosts_write_them);
    tcase_add_test(load, error_vectors);
    tcase_add_test(load, bad_text_is_a_playbook_error);
    tcase_add_test(load, error_paths_in_detail);
    suite_add_tcase(s, load);

    TCase *limits = tcase_create("limits");
    tcase_set_timeout(limits, 60);
    tcase_add_test(limits, ten_thousand_intents);
    tcase_add_test(limits, million_examples_fail_fast);
    tcase_add_test(limits, many_intents_within_limits_load);
    tcase_add_test(limits, four_thousand_one_example_intents_load);
    tcase_add_test(limits, message_limits_and_bad_text);
    tcase_add_test(limits, json_limits_apply_while_parsing);
    suite_add_tcase(s, limits);

    TCase *api = tcase_create("api");
    tcase_add_test(api, match_api);
    tcase_add_test(api, recognize_api);
    tcase_add_test(api, clock_and_offset_edges);
    tcase_add_test(api, stats_api);
    suite_add_tcase(s, api);

    TCase *oom = tcase_create("nomem");
    tcase_set_timeout(oom, 120);
    tcase_add_test(oom, load_fails_cleanly_at_every_allocation);
    tcase_add_test(oom, calls_fail_cleanly_at_every_allocation);
    suite_add_tcase(s, oom);

    TCase *thr = tcase_create("threads");
    tcase_set_timeout(thr, 60);
    tcase_add_test(thr, three_threads_share_one_playbook);
    suite_add_tcase(s, thr);

    TCase *vec = tcase_create("vectors");
    tcase_set_timeout(vec, 60);
    tcase_add_test(vec, match_vectors);
    tcase_add_test(vec, recognize_vectors);
    tcase_add_test(vec, message_size_vectors);
    suite_add_tcase(s, vec);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(pbt_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
