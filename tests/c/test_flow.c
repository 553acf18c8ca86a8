/*
 * test_flow.c — Check tests for the flow engine (csrc/src/flow*.c): ty_playbook_step (docs/playbook.md)
 * through the public API. Every behaviour docs/playbook.md describes has its own test (first
 * message and entities, answers, digressions, re-asks and the handoff after
 * them, opt-out and START, handoff and resume, follow-ups with quiet hours
 * and the no-response close, ends, state and event validation, metric
 * events), plus 10,000 events in one conversation, allocation failure at
 * every site, determinism, the default playbook, and the shared vectors in
 * tests/vectors/conversations/ (found from the repository root, or
 * TINYYES_VECTORS). Every step's state goes through JSON text and back, as a
 * host storing it in a database would.
 */
#define _POSIX_C_SOURCE 200809L /* strdup, dirent */
#include <check.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tinyyes.h"

/* White-box: the quiet-hours arithmetic, the fingerprint and the doc builder. */
#include "../../csrc/src/flow.h"

/* ===================================================================== *
 * Playbooks
 * ===================================================================== */

/* A small studio: keyword intents (deterministic whatever the model), a
 * booking flow with a host-supplied choice (options_from), a flow that runs
 * past its end (tips), one that jumps back with "@booking" (deal), one
 * re-ask before the handoff, two follow-ups and quiet hours 21:00-08:00 at
 * +01:00. */
static const char ft_pb_a[] =
    "{\n"
    "  \"tinyyes\": 1,\n"
    "  \"name\": \"Test Studio\",\n"
    "  \"utc_offset\": \"+01:00\",\n"
    "  \"intents\": {\n"
    "    \"book\": {\"examples\": [\"book a haircut\", \"I want to book an appointment\", \"can I book a colour\", \"booking please\"], \"keywords\": [\"book\"], \"flow\": \"booking\"},\n"
    "    \"price\": {\"keywords\": [\"prices\", \"how much\"], \"say\": \"prices\"},\n"
    "    \"tips\": {\"keywords\": [\"tips\"], \"flow\": \"tips\"},\n"
    "    \"deal\": {\"keywords\": [\"deal\"], \"flow\": \"deal\"},\n"
    "    \"info\": {\"keywords\": [\"info\"]},\n"
    "    \"human\": {\"keywords\": [\"human\", \"person\"], \"does\": \"handoff\", \"say\": \"connect\"},\n"
    "    \"stop\": {\"keywords\": [\"stop\", \"unsubscribe\"], \"does\": \"opt_out\", \"say\": \"bye\"},\n"
    "    \"back\": {\"keywords\": [\"resubscribe\"], \"does\": \"opt_in\", \"say\": \"welcome_back\"}\n"
    "  },\n"
    "  \"slots\": {\n"
    "    \"service\": {\"type\": \"choice\", \"options\": [{\"id\": \"cut\", \"title\": \"Haircut\"}, {\"id\": \"color\", \"title\": \"Colour\"}]},\n"
    "    \"day\": {\"type\": \"date\"},\n"
    "    \"visit\": {\"type\": \"choice\", \"options_from\": \"times\"},\n"
    "    \"name\": {\"type\": \"text\"},\n"
    "    \"go\": {\"type\": \"yesno\"}\n"
    "  },\n"
    "  \"templates\": {\n"
    "    \"ask_service\": \"Is it a {{#options}}{{title}}{{^last}} or a {{/last}}{{/options}}?\",\n"
    "    \"ask_day\": {\"text\": \"A {{service.title}}. Which day suits you?\", \"variants\": [\"{{service.title}} it is. What day works?\", \"Which day for the {{service.id}}?\"], \"channels\": {\"sms\": \"Which day? (reply e.g. tomorrow)\"}},\n"
    "    \"ask_visit\": \"On {{day}} I have {{#options}}{{letter}}) {{title}}{{^last}} or {{/last}}{{/options}}. Which one?\",\n"
    "    \"ask_name\": \"What name should I use?\",\n"
    "    \"confirm\": \"Booked: {{service.title}} on {{day}} at {{visit.title}} for {{name}}. See you then; reply here to change it.\",\n"
    "    \"prices\": \"A haircut is {{cur}}30 and a colour is {{cur}}60.\",\n"
    "    \"tip_text\": \"Tip: wash your hair the day before.\",\n"
    "    \"deal_intro\": \"This week a colour comes with a free trim.\",\n"
    "    \"deal_q\": \"Shall I book you in?\",\n"
    "    \"deal_no\": \"No problem at all.\",\n"
    "    \"connect\": \"Sure, a person will reply here.\",\n"
    "    \"bye\": \"You're unsubscribed. Send START to come back.\",\n"
    "    \"welcome_back\": \"Welcome back!\",\n"
    "    \"clarify\": \"Sorry, I didn't get that.{{#options}}{{#first}} Is it {{/first}}{{title}}{{^last}} or {{/last}}{{#last}}?{{/last}}{{/options}}\",\n"
    "    \"nudge\": \"Still there? One quick answer keeps this moving.\",\n"
    "    \"last\": \"Shall I close this for now?\"\n"
    "  },\n"
    "  \"flows\": {\n"
    "    \"booking\": {\"steps\": [\n"
    "      {\"id\": \"kind\", \"ask\": \"service\", \"say\": \"ask_service\"},\n"
    "      {\"id\": \"when\", \"ask\": \"day\", \"say\": \"ask_day\"},\n"
    "      {\"id\": \"pick\", \"ask\": \"visit\", \"say\": \"ask_visit\"},\n"
    "      {\"id\": \"who\", \"ask\": \"name\", \"say\": \"ask_name\"},\n"
    "      {\"id\": \"done\", \"say\": \"confirm\", \"end\": \"completed\"}]},\n"
    "    \"tips\": {\"steps\": [{\"id\": \"tip\", \"say\": \"tip_text\"}]},\n"
    "    \"deal\": {\"steps\": [\n"
    "      {\"id\": \"intro\", \"say\": \"deal_intro\"},\n"
    "      {\"id\": \"q\", \"ask\": \"go\", \"say\": \"deal_q\", \"next\": {\"yes\": \"@booking\", \"no\": \"nope\"}},\n"
    "      {\"id\": \"nope\", \"say\": \"deal_no\", \"end\": \"declined\"}]}\n"
    "  },\n"
    "  \"fallback\": \"clarify\",\n"
    "  \"reprompts\": 1,\n"
    "  \"followups\": [{\"after\": \"4h\", \"say\": \"nudge\"}, {\"after\": \"1d\", \"say\": \"last\"}],\n"
    "  \"close_after\": \"2d\",\n"
    "  \"quiet_hours\": {\"from\": \"21:00\", \"to\": \"08:00\"}\n"
    "}\n";

/* Two yesno asks that lead to each other, no fallback, no re-asks, no
 * follow-ups but a close after an hour. */
static const char ft_pb_b[] =
    "{\n"
    "  \"tinyyes\": 1,\n"
    "  \"intents\": {\n"
    "    \"go\": {\"keywords\": [\"go\"], \"flow\": \"loop\"},\n"
    "    \"stop\": {\"keywords\": [\"stop\"], \"does\": \"opt_out\"}\n"
    "  },\n"
    "  \"slots\": {\"x\": {\"type\": \"yesno\"}, \"y\": {\"type\": \"yesno\"}},\n"
    "  \"templates\": {\"ask_x\": \"X?\", \"ask_y\": \"Y?\"},\n"
    "  \"flows\": {\"loop\": {\"steps\": [\n"
    "    {\"id\": \"a\", \"ask\": \"x\", \"say\": \"ask_x\", \"next\": \"b\"},\n"
    "    {\"id\": \"b\", \"ask\": \"y\", \"say\": \"ask_y\", \"next\": \"a\"}]}},\n"
    "  \"reprompts\": 0,\n"
    "  \"close_after\": \"1h\"\n"
    "}\n";

/* 2026-11-18 11:06:40 UTC: 12:06:40 at +01:00, outside quiet hours. */
#define T0 1795000000LL
/* 2026-11-18 00:00:00 UTC */
#define DAY0 1794960000LL

/* ===================================================================== *
 * Helpers
 * ===================================================================== */

static ty_playbook *ft_load(const char *json) {
    ty_error err;
    ty_playbook *pb = ty_playbook_load(json, strlen(json), NULL, &err);
    ck_assert_msg(pb != NULL, "load: %s: %s", err.path, err.message);
    return pb;
}

/* Strings returned by helpers live in a ring of 256 (tests are short). */
static char *ft_ring[256];
static unsigned ft_nring;

static const char *ft_keep(char *s) {
    ck_assert_ptr_nonnull(s);
    unsigned i = ft_nring++ % 256;
    free(ft_ring[i]);
    ft_ring[i] = s;
    return s;
}

static const char *ft_json(const ty_value *v) {
    ty_buf b;
    ty_buf_init(&b, NULL);
    ck_assert_int_eq(ty_value_write_json(v, &b, NULL), TY_OK);
    char *s = strdup(b.ptr ? b.ptr : "");
    ty_buf_free(&b);
    return ft_keep(s);
}

static const char *ft_fmt(const char *fmt, ...) TY_PRINTF(1, 2);
static const char *ft_fmt(const char *fmt, ...) {
    size_t cap = 96 * 1024;
    char *s = malloc(cap);
    ck_assert_ptr_nonnull(s);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s, cap, fmt, ap);
    va_end(ap);
    ck_assert_msg(n >= 0 && (size_t)n < cap, "ft_fmt: too long");
    return ft_keep(s);
}

/* Replaces the first `from` in s by `to` (asserting it is there). */
static const char *ft_sub(const char *s, const char *from, const char *to) {
    const char *at = strstr(s, from);
    ck_assert_msg(at != NULL, "\"%s\" not in %s", from, s);
    size_t pre = (size_t)(at - s), fl = strlen(from), tl = strlen(to), sl = strlen(s);
    char *r = malloc(sl - fl + tl + 1);
    ck_assert_ptr_nonnull(r);
    memcpy(r, s, pre);
    memcpy(r + pre, to, tl);
    memcpy(r + pre + tl, at + fl, sl - pre - fl + 1);
    return ft_keep(r);
}

/* A conversation: the last state (always one that went through JSON text)
 * and the last result. */
typedef struct ft_conv {
    const ty_playbook *pb;
    ty_doc *state;
    ty_doc *res;
} ft_conv;

static void ft_init(ft_conv *c, const ty_playbook *pb) {
    c->pb = pb;
    c->state = NULL;
    c->res = NULL;
}

static void ft_done(ft_conv *c) {
    ty_doc_free(c->state);
    ty_doc_free(c->res);
    c->state = c->res = NULL;
}

static const ty_value *ft_state_root(const ft_conv *c) { return c->state ? ty_doc_root(c->state) : NULL; }

/* Sets the conversation's state from JSON text (NULL: no state). */
static void ft_set_state(ft_conv *c, const char *json) {
    ty_doc_free(c->state);
    c->state = NULL;
    if (!json) return;
    ty_error err;
    c->state = ty_doc_parse(json, strlen(json), NULL, &err);
    ck_assert_msg(c->state != NULL, "state JSON: %s", err.message);
}

static const ty_value *ft_step_ev(ft_conv *c, const char *event) {
    ty_error err;
    ty_doc *ev = ty_doc_parse(event, strlen(event), NULL, &err);
    ck_assert_msg(ev != NULL, "event JSON %s: %s", event, err.message);
    const char *before = c->state ? ft_json(ft_state_root(c)) : NULL;
    ty_doc *res = ty_playbook_step(c->pb, ft_state_root(c), ty_doc_root(ev), &err);
    ck_assert_msg(res != NULL, "step %s failed: %s [%s] %s", event, ty_code_name(err.code), err.path, err.message);
    if (before) ck_assert_str_eq(before, ft_json(ft_state_root(c))); /* the input is untouched */
    const ty_value *root = ty_doc_root(res);
    ck_assert_int_eq(ty_value_kind(root), TY_MAP);
    ck_assert_uint_eq(ty_value_count(root), 3);
    /* the host's round trip: compact JSON text and back, byte-identical */
    const char *text = ft_json(ty_test_get(root, "state"));
    ty_doc *back = ty_doc_parse(text, strlen(text), NULL, &err);
    ck_assert_msg(back != NULL, "state JSON does not parse: %s", err.message);
    ck_assert_str_eq(ft_json(ty_doc_root(back)), text);
    ty_doc_free(c->state);
    c->state = back;
    ty_doc_free(c->res);
    c->res = res;
    ty_doc_free(ev);
    return root;
}

static const ty_value *ft_step(ft_conv *c, const char *fmt, ...) TY_PRINTF(2, 3);
static const ty_value *ft_step(ft_conv *c, const char *fmt, ...) {
    char buf[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return ft_step_ev(c, buf);
}

/* Steps expecting failure: returns the code; the conversation's state is
 * unchanged. */
static int ft_fail(ft_conv *c, ty_error *err, const char *fmt, ...) TY_PRINTF(3, 4);
static int ft_fail(ft_conv *c, ty_error *err, const char *fmt, ...) {
    char buf[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    ty_error perr;
    ty_doc *ev = ty_doc_parse(buf, strlen(buf), NULL, &perr);
    ck_assert_msg(ev != NULL, "event JSON %s: %s", buf, perr.message);
    ty_doc *res = ty_playbook_step(c->pb, ft_state_root(c), ty_doc_root(ev), err);
    ck_assert_msg(res == NULL, "step %s should fail", buf);
    ck_assert_int_ne(err->code, TY_OK);
    ck_assert_msg(err->message[0] != '\0', "an error has a message");
    ty_doc_free(ev);
    return err->code;
}

/* "send,schedule": the types of a list of actions or events. */
static const char *ft_types(const ty_value *list) {
    ty_buf b;
    ty_buf_init(&b, NULL);
    ty_buf_puts(&b, "");
    for (size_t i = 0; i < ty_value_count(list); i++) {
        if (i) ty_buf_puts(&b, ",");
        const char *t = ty_test_get_string(ty_value_item(list, i), "type", NULL);
        ty_buf_puts(&b, t ? t : "?");
    }
    char *s = strdup(b.ptr ? b.ptr : "");
    ty_buf_free(&b);
    return ft_keep(s);
}

static const char *ft_acts(const ty_value *r) { return ft_types(ty_test_get(r, "actions")); }
static const char *ft_evs(const ty_value *r) { return ft_types(ty_test_get(r, "events")); }
static const ty_value *ft_act(const ty_value *r, size_t i) { return ty_value_item(ty_test_get(r, "actions"), i); }
static const ty_value *ft_ev(const ty_value *r, size_t i) { return ty_value_item(ty_test_get(r, "events"), i); }

static const char *ft_text(const ty_value *r, size_t i) {
    const char *t = ty_test_get_string(ft_act(r, i), "text", NULL);
    ck_assert_msg(t != NULL, "action %zu has no text: %s", i, ft_json(ty_test_get(r, "actions")));
    return t;
}

/* A state field as compact JSON ("\"active\"", "null", "3", ...). */
static const char *ft_st(const ft_conv *c, const char *key) {
    const ty_value *v = ty_test_get(ft_state_root(c), key);
    ck_assert_msg(v != NULL, "state has no %s", key);
    return ft_json(v);
}

static void ft_err_is(const ty_error *err, int code, int domain, const char *path) {
    ck_assert_msg(err->code == code, "code %s, expected %s (%s: %s)", ty_code_name(err->code), ty_code_name(code),
                  err->path, err->message);
    ck_assert_int_eq(err->domain, domain);
    ck_assert_str_eq(err->path, path);
}

#define EVM(text, at) "{\"type\":\"message\",\"text\":\"" text "\",\"at\":%lld}", (long long)(at)
#define EVMC(text, at) "{\"type\":\"message\",\"text\":\"" text "\",\"at\":%lld,\"conversation\":\"c-1\"}", (long long)(at)
#define EVT(at) "{\"type\":\"tick\",\"at\":%lld}", (long long)(at)
#define EVR(at) "{\"type\":\"resume\",\"at\":%lld}", (long long)(at)
#define TIMES "\"data\":{\"times\":[\"10:00\",\"15:30\"],\"cur\":\"€\"}"

/* ===================================================================== *
 * 1. The first message; answers; sends
 * ===================================================================== */

START_TEST(first_message_entities_fill_slots_and_skip_steps) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    const ty_value *r = ft_step(&c, "{\"type\":\"message\",\"text\":\"book a colour for tomorrow\",\"at\":%lld,"
                                    "\"conversation\":\"c-1\"," TIMES "}",
                                (long long)T0);
    /* service and day came with the message: the first ask is the time */
    ck_assert_str_eq(ft_acts(r), "send,schedule");
    ck_assert_str_eq(ft_json(ft_act(r, 0)),
                     "{\"type\":\"send\",\"text\":\"On Thursday 19 November I have A) 10:00 or B) 15:30. Which one?\","
                     "\"choices\":[{\"id\":\"10:00\",\"title\":\"10:00\"},{\"id\":\"15:30\",\"title\":\"15:30\"}],"
                     "\"template\":\"ask_visit\",\"variant\":\"text\",\"step\":\"pick\"}");
    ck_assert_str_eq(ft_evs(r), "ask");
    ck_assert_str_eq(ft_st(&c, "intent"), "\"book\"");
    ck_assert_str_eq(ft_st(&c, "step"), "\"pick\"");
    ck_assert_str_eq(ft_st(&c, "slots"), "{\"service\":{\"id\":\"color\",\"title\":\"Colour\"},\"day\":\"2026-11-19\"}");
    /* the host's options are kept, so "B" is read without them */
    ck_assert_str_eq(ft_st(&c, "options"), "[{\"id\":\"10:00\",\"title\":\"10:00\"},{\"id\":\"15:30\",\"title\":\"15:30\"}]");
    r = ft_step(&c, EVM("B", T0 + 60));
    ck_assert_str_eq(ft_acts(r), "send,schedule");
    ck_assert_str_eq(ft_text(r, 0), "What name should I use?");
    ck_assert_str_eq(ft_json(ty_test_get(ft_state_root(&c), "slots")),
                     "{\"service\":{\"id\":\"color\",\"title\":\"Colour\"},\"day\":\"2026-11-19\","
                     "\"visit\":{\"id\":\"15:30\",\"title\":\"15:30\"}}");
    ck_assert_str_eq(ft_st(&c, "options"), "null");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(send_schedule_and_metric_shapes) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    const ty_value *r = ft_step(&c, EVMC("book", T0));
    ck_assert_str_eq(ft_json(ty_test_get(r, "actions")),
                     "[{\"type\":\"send\",\"text\":\"Is it a Haircut or a Colour?\",\"choices\":[{\"id\":\"cut\","
                     "\"title\":\"Haircut\"},{\"id\":\"color\",\"title\":\"Colour\"}],\"template\":\"ask_service\","
                     "\"variant\":\"text\",\"step\":\"kind\"},{\"type\":\"schedule\",\"at\":1795014400,\"why\":\"followup\"}]");
    ck_assert_str_eq(ft_json(ty_test_get(r, "events")),
                     "[{\"type\":\"ask\",\"at\":1795000000,\"conversation\":\"c-1\",\"flow\":\"booking\","
                     "\"step\":\"kind\",\"slot\":\"service\",\"template\":\"ask_service\",\"variant\":\"text\"}]");
    ck_assert_str_eq(ft_json(ft_state_root(&c)),
                     ft_fmt("{\"v\":1,\"playbook\":\"%s\",\"conversation\":\"c-1\",\"channel\":null,"
                            "\"status\":\"active\",\"intent\":\"book\",\"flow\":\"booking\",\"step\":\"kind\","
                            "\"slots\":{},\"options\":null,\"stack\":[],\"asked_at\":1795000000,\"reprompts\":0,"
                            "\"followups\":0,\"due\":1795014400,\"utc_offset\":null,\"last_at\":1795000000,"
                            "\"turns\":[{\"from\":\"customer\",\"text\":\"book\",\"at\":1795000000},{\"from\":\"bot\","
                            "\"text\":\"Is it a Haircut or a Colour?\",\"at\":1795000000}]}",
                            "Test Studio"));
    /* an answer commits with its latency and the next ask follows */
    r = ft_step(&c, EVM("Colour", T0 + 95));
    ck_assert_str_eq(ft_json(ty_test_get(r, "events")),
                     "[{\"type\":\"commit\",\"at\":1795000095,\"conversation\":\"c-1\",\"flow\":\"booking\","
                     "\"step\":\"kind\",\"slot\":\"service\",\"template\":\"ask_service\",\"variant\":\"text\","
                     "\"latency\":95},{\"type\":\"ask\",\"at\":1795000095,\"conversation\":\"c-1\","
                     "\"flow\":\"booking\",\"step\":\"when\",\"slot\":\"day\",\"template\":\"ask_day\","
                     "\"variant\":\"v2\"}]");
    ck_assert_str_eq(ft_acts(r), "send,schedule");
    ck_assert_str_eq(ty_test_get_string(ft_act(r, 0), "step", NULL), "when");
    ck_assert_str_eq(ft_json(ty_test_get(ft_act(r, 0), "choices")), "[]"); /* a date ask offers no choices */
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(choice_slot_renders_as_its_title) {
    /* {{slot}} is the title; {{slot.id}} and {{slot.title}} exist too */
    const char *pbj =
        "{\"tinyyes\":1,\"intents\":{\"go\":{\"keywords\":[\"go\"],\"flow\":\"f\"}},"
        "\"slots\":{\"s\":{\"type\":\"choice\",\"options\":[{\"id\":\"a\",\"title\":\"Apple\"},{\"id\":\"b\","
        "\"title\":\"Banana\"}]},\"n\":{\"type\":\"text\"}},"
        "\"templates\":{\"q\":\"Which?\",\"r\":\"{{s}} / {{s.id}} / {{s.title}} / {{#s}}{{title}}{{/s}}. Name?\"},"
        "\"flows\":{\"f\":{\"steps\":[{\"id\":\"one\",\"ask\":\"s\",\"say\":\"q\"},{\"id\":\"two\",\"ask\":\"n\","
        "\"say\":\"r\"}]}}}";
    ty_playbook *pb = ft_load(pbj);
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, EVM("go", 10));
    const ty_value *r = ft_step(&c, EVM("Banana", 20));
    ck_assert_str_eq(ft_text(r, 0), "Banana / b / Banana / Banana. Name?");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(event_ids_taps_and_late_events) {
    const char *pbj =
        "{\"tinyyes\":1,\"intents\":{\"go\":{\"keywords\":[\"go\"],\"flow\":\"f\"},"
        "\"stop\":{\"keywords\":[\"stop\"],\"does\":\"opt_out\"}},"
        "\"slots\":{\"s\":{\"type\":\"choice\",\"options\":[{\"id\":\"a\",\"title\":\"Apple\"},{\"id\":\"b\","
        "\"title\":\"Stop\"}]},\"ok\":{\"type\":\"yesno\"},\"n\":{\"type\":\"text\"}},"
        "\"templates\":{\"q\":\"Which?\",\"y\":\"Sure?\",\"r\":\"{{s}}. Name?\"},"
        "\"flows\":{\"f\":{\"steps\":[{\"id\":\"one\",\"ask\":\"s\",\"say\":\"q\"},{\"id\":\"two\",\"ask\":\"ok\","
        "\"say\":\"y\"},{\"id\":\"three\",\"ask\":\"n\",\"say\":\"r\"}]}}}";
    ty_playbook *pb = ft_load(pbj);
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, "{\"type\":\"message\",\"id\":\"m0\",\"text\":\"go\",\"at\":100}");
    ck_assert_str_eq(ft_st(&c, "seen"), "[\"m0\"]");
    /* a tap is read by its id: the title "Stop" is an option here, not an opt-out */
    const ty_value *r = ft_step(&c, "{\"type\":\"message\",\"id\":\"m1\",\"text\":\"Stop\",\"choice\":\"b\",\"at\":110}");
    ck_assert_str_eq(ft_st(&c, "status"), "\"active\"");
    ck_assert_str_eq(ft_st(&c, "step"), "\"two\"");
    ck_assert_str_eq(ft_json(ty_test_get(ty_test_get(ft_state_root(&c), "slots"), "s")), "{\"id\":\"b\",\"title\":\"Stop\"}");
    /* a yes/no ask takes the "yes" quick reply whatever its words */
    r = ft_step(&c, "{\"type\":\"message\",\"id\":\"m2\",\"text\":\"\\ud83d\\udc4d\",\"choice\":\"yes\",\"at\":120}");
    ck_assert_str_eq(ft_st(&c, "step"), "\"three\"");
    (void)r;
    /* redelivered, even with an older time: nothing, and the state as it was */
    const char *before = ft_json(ft_state_root(&c));
    ty_error err;
    const char *again = "{\"type\":\"message\",\"id\":\"m1\",\"text\":\"Stop\",\"at\":110}";
    ty_doc *ev = ty_doc_parse(again, strlen(again), NULL, &err);
    ck_assert_ptr_nonnull(ev);
    ty_doc *res = ty_playbook_step(pb, ft_state_root(&c), ty_doc_root(ev), &err);
    ck_assert_ptr_nonnull(res);
    ck_assert_str_eq(ft_json(ty_test_get(ty_doc_root(res), "state")), before);
    ck_assert_str_eq(ft_acts(ty_doc_root(res)), "");
    ck_assert_str_eq(ft_evs(ty_doc_root(res)), "");
    ck_assert_str_eq(ft_json(ty_test_get(ty_doc_root(res), "duplicate")), "true");
    ty_doc_free(res);
    ty_doc_free(ev);
    /* a new event older than the last one is late: its own code */
    ft_fail(&c, &err, "{\"type\":\"message\",\"id\":\"m9\",\"text\":\"Ana\",\"at\":115}");
    ft_err_is(&err, TY_E_LATE, TY_DOMAIN_EVENT, "event.at");
    ft_fail(&c, &err, "{\"type\":\"tick\",\"choice\":\"a\",\"at\":130}");
    ft_err_is(&err, TY_E_EVENT, TY_DOMAIN_EVENT, "event.choice");
    ft_fail(&c, &err, "{\"type\":\"message\",\"id\":7,\"text\":\"Ana\",\"at\":130}");
    ft_err_is(&err, TY_E_EVENT, TY_DOMAIN_EVENT, "event.id");
    /* the state remembers the last 16 ids; the oldest are forgotten */
    for (int i = 3; i < 25; i++) ft_step(&c, "{\"type\":\"message\",\"id\":\"m%d\",\"text\":\"Ana\",\"at\":%d}", i, 200 + i);
    const ty_value *seen = ty_test_get(ft_state_root(&c), "seen");
    ck_assert_uint_eq(ty_value_count(seen), 16);
    ck_assert_str_eq(ft_json(ty_value_item(seen, 0)), "\"m9\"");
    ck_assert_str_eq(ft_json(ty_value_item(seen, 15)), "\"m24\"");
    ft_set_state(&c, ft_sub(ft_json(ft_state_root(&c)), "\"seen\":[", "\"seen\":[\"x\","));
    ft_fail(&c, &err, "{\"type\":\"tick\",\"at\":900}");
    ft_err_is(&err, TY_E_STATE, TY_DOMAIN_STATE, "state.seen");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(say_intent_answers_and_repeats_the_pending_ask) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    /* with no ask pending: the answer alone, nothing scheduled */
    const ty_value *r = ft_step(&c, "{\"type\":\"message\",\"text\":\"prices\",\"at\":%lld," TIMES "}", (long long)T0);
    ck_assert_str_eq(ft_acts(r), "send");
    ck_assert_str_eq(ft_json(ft_act(r, 0)), "{\"type\":\"send\",\"text\":\"A haircut is €30 and a colour is €60.\","
                                            "\"choices\":[],\"template\":\"prices\",\"variant\":\"text\",\"step\":null}");
    ck_assert_str_eq(ft_evs(r), "");
    ck_assert_str_eq(ft_st(&c, "intent"), "\"price\"");
    ck_assert_str_eq(ft_st(&c, "step"), "null");
    ck_assert_str_eq(ft_st(&c, "due"), "null");
    /* mid-flow: the answer, then the pending ask again (no new ask event,
     * asked_at kept for the commit latency) */
    ft_step(&c, EVM("book", T0 + 10));
    r = ft_step(&c, "{\"type\":\"message\",\"text\":\"how much\",\"at\":%lld," TIMES "}", (long long)T0 + 20);
    ck_assert_str_eq(ft_acts(r), "send,send,schedule");
    ck_assert_str_eq(ft_text(r, 0), "A haircut is €30 and a colour is €60.");
    /* never the same words twice: the ask comes back after a lead */
    ck_assert_str_eq(ft_text(r, 1), "Back to where we were: Is it a Haircut or a Colour?");
    ck_assert_int_eq(ty_value_count(ty_test_get(ft_act(r, 1), "choices")), 2);
    ck_assert_str_eq(ft_evs(r), "");
    ck_assert_str_eq(ft_st(&c, "step"), "\"kind\"");
    ck_assert_str_eq(ft_st(&c, "asked_at"), "1795000010");
    ck_assert_str_eq(ft_st(&c, "reprompts"), "0");
    r = ft_step(&c, EVM("Haircut", T0 + 70));
    ck_assert_str_eq(ft_json(ty_value_get(ft_ev(r, 0), "latency", 7)), "60");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(no_intent_or_no_behaviour_gets_the_fallback) {
    ty_playbook *pb = ft_load(ft_pb_a);
    const char *msgs[] = {"qwertyuiop zxcvbnm", "info"};
    for (size_t i = 0; i < 2; i++) {
        ft_conv c;
        ft_init(&c, pb);
        const ty_value *r = ft_step(&c, "{\"type\":\"message\",\"text\":\"%s\",\"at\":5}", msgs[i]);
        ck_assert_str_eq(ft_acts(r), "send");
        ck_assert_str_eq(ft_json(ft_act(r, 0)), "{\"type\":\"send\",\"text\":\"Sorry, I didn't get that.\","
                                                "\"choices\":[],\"template\":\"clarify\",\"variant\":\"text\",\"step\":null}");
        ck_assert_str_eq(ft_evs(r), "");
        ck_assert_str_eq(ft_st(&c, "status"), "\"active\"");
        ck_assert_str_eq(ft_st(&c, "flow"), "null");
        ck_assert_str_eq(ft_st(&c, "due"), "null");
        ft_done(&c);
    }
    ty_playbook_free(pb);
}
END_TEST

START_TEST(a_template_that_cannot_render_is_an_error) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, EVM("book", 100));
    const char *before = ft_json(ft_state_root(&c));
    ty_error err;
    ft_fail(&c, &err, EVM("prices", 200)); /* {{cur}} comes from event data, absent here */
    ft_err_is(&err, TY_E_MISSING, TY_DOMAIN_TEMPLATE, "templates.prices");
    ck_assert_ptr_nonnull(strstr(err.message, "cur"));
    ck_assert_str_eq(ft_json(ft_state_root(&c)), before);
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

/* ===================================================================== *
 * 2. Digressions, re-asks, the handoff after them
 * ===================================================================== */

START_TEST(reprompt_with_same_options_then_handoff) {
    ty_playbook *pb = ft_load(ft_pb_a); /* reprompts: 1 */
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, EVMC("book", T0));
    const ty_value *r = ft_step(&c, EVM("qwertyuiop zxcvbnm", T0 + 30));
    ck_assert_str_eq(ft_acts(r), "send,schedule");
    ck_assert_str_eq(ft_json(ft_act(r, 0)),
                     "{\"type\":\"send\",\"text\":\"Sorry, I didn't get that. Is it Haircut or Colour?\","
                     "\"choices\":[{\"id\":\"cut\",\"title\":\"Haircut\"},{\"id\":\"color\",\"title\":\"Colour\"}],"
                     "\"template\":\"clarify\",\"variant\":\"text\",\"step\":\"kind\"}");
    ck_assert_str_eq(ft_json(ty_test_get(r, "events")),
                     "[{\"type\":\"reprompt\",\"at\":1795000030,\"conversation\":\"c-1\",\"flow\":\"booking\","
                     "\"step\":\"kind\",\"slot\":\"service\",\"template\":\"clarify\",\"variant\":\"text\"}]");
    ck_assert_str_eq(ft_st(&c, "reprompts"), "1");
    /* the re-asks are used up: the next failure offers a person, with
     * Yes/No replies, and a yes hands off for the failures */
    r = ft_step(&c, EVM("asdfghjkl", T0 + 60));
    ck_assert_str_eq(ft_acts(r), "send,schedule");
    ck_assert_str_eq(ft_json(ft_act(r, 0)),
                     "{\"type\":\"send\",\"text\":\"Sorry, I haven't been much help. Would you like me to pass you "
                     "to a person?\",\"choices\":[{\"id\":\"yes\",\"title\":\"Yes\"},{\"id\":\"no\",\"title\":\"No\"}],"
                     "\"template\":\"offer_person\",\"variant\":\"builtin\",\"step\":null}");
    ck_assert_str_eq(ft_st(&c, "check"), "\"handoff\"");
    r = ft_step(&c, EVM("yes please", T0 + 60));
    ck_assert_str_eq(ft_acts(r), "handoff");
    const ty_value *h = ft_act(r, 0);
    ck_assert_str_eq(ty_test_get_string(h, "reason", NULL), "failures");
    ck_assert_str_eq(ty_test_get_string(h, "summary", NULL),
                     "Intent: book\nKnown: nothing yet\nPending question: service (booking.kind): Is it a Haircut "
                     "or a Colour?");
    ck_assert_str_eq(ft_json(ty_test_get(h, "slots")), "{}");
    ck_assert_str_eq(ft_json(ty_test_get(h, "transcript")),
                     "[{\"from\":\"customer\",\"text\":\"book\",\"at\":1795000000},{\"from\":\"bot\",\"text\":\"Is "
                     "it a Haircut or a Colour?\",\"at\":1795000000},{\"from\":\"customer\",\"text\":\"qwertyuiop "
                     "zxcvbnm\",\"at\":1795000030},{\"from\":\"bot\",\"text\":\"Sorry, I didn't get that. Is it "
                     "Haircut or Colour?\",\"at\":1795000030},{\"from\":\"customer\",\"text\":\"asdfghjkl\",\"at\":"
                     "1795000060},{\"from\":\"bot\",\"text\":\"Sorry, I haven't been much help. Would you like me to "
                     "pass you to a person?\",\"at\":1795000060},{\"from\":\"customer\",\"text\":\"yes please\","
                     "\"at\":1795000060}]");
    ck_assert_str_eq(ft_json(ty_test_get(r, "events")),
                     "[{\"type\":\"handoff\",\"at\":1795000060,\"conversation\":\"c-1\",\"flow\":\"booking\","
                     "\"step\":\"kind\",\"slot\":\"service\",\"template\":\"ask_service\",\"variant\":\"text\","
                     "\"reason\":\"failures\",\"filled\":0,\"asked\":1}]");
    ck_assert_str_eq(ft_st(&c, "status"), "\"handoff\"");
    ck_assert_str_eq(ft_st(&c, "due"), "null");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(digression_into_a_flow_then_back_to_the_pending_ask) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, EVMC("book", T0));
    ft_step(&c, EVM("Haircut", T0 + 10));
    /* "tips" runs a say-only flow past its end: the day is asked again */
    const ty_value *r = ft_step(&c, EVM("tips", T0 + 20));
    ck_assert_str_eq(ft_acts(r), "send,send,schedule");
    ck_assert_str_eq(ft_text(r, 0), "Tip: wash your hair the day before.");
    ck_assert_str_eq(ty_test_get_string(ft_act(r, 0), "step", NULL), "tip");
    ck_assert_str_eq(ty_test_get_string(ft_act(r, 1), "template", NULL), "ask_day");
    ck_assert_str_eq(ft_evs(r), "");
    ck_assert_str_eq(ft_st(&c, "step"), "\"when\"");
    ck_assert_str_eq(ft_st(&c, "asked_at"), "1795000010");
    ck_assert_str_eq(ft_st(&c, "stack"), "[]");
    ck_assert_str_eq(ft_st(&c, "intent"), "\"book\"");
    /* "deal" offers the booking that is under way (its yes is @booking,
     * suspended): the offer is taken, not asked ("Shall I book you in?" is
     * all its text, so nothing of it is sent), and the suspended ask
     * resumes with its asked_at, filled steps skipped, no ask or commit */
    r = ft_step(&c, EVM("deal", T0 + 30));
    ck_assert_str_eq(ft_acts(r), "send,send,schedule");
    ck_assert_str_eq(ft_text(r, 0), "This week a colour comes with a free trim.");
    ck_assert_str_eq(ty_test_get_string(ft_act(r, 1), "template", NULL), "ask_day");
    ck_assert_str_eq(ft_evs(r), "");
    ck_assert_str_eq(ft_st(&c, "stack"), "[]");
    ck_assert_str_eq(ft_st(&c, "flow"), "\"booking\"");
    ck_assert_str_eq(ft_st(&c, "asked_at"), "1795000010");
    ck_assert_str_eq(ft_st(&c, "slots"), "{\"service\":{\"id\":\"cut\",\"title\":\"Haircut\"},\"go\":\"yes\"}");
    r = ft_step(&c, "{\"type\":\"message\",\"text\":\"tomorrow\",\"at\":%lld," TIMES "}", (long long)T0 + 50);
    ck_assert_str_eq(ft_json(ty_value_get(ft_ev(r, 0), "latency", 7)), "40");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(a_digression_question_fills_what_it_mentions) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, EVMC("deal", T0));
    /* not a yes or no, but a booking request naming the service, which
     * the yes leads to: an implicit yes, and the booking goes on with the
     * service known (nothing waits on the stack) */
    const ty_value *r = ft_step(&c, EVM("can I book a colour", T0 + 10));
    ck_assert_str_eq(ft_acts(r), "send,schedule");
    ck_assert_str_eq(ty_test_get_string(ft_act(r, 0), "template", NULL), "ask_day");
    ck_assert_str_eq(ft_st(&c, "stack"), "[]");
    ck_assert_str_eq(ft_st(&c, "slots"), "{\"service\":{\"id\":\"color\",\"title\":\"Colour\"},\"go\":\"yes\"}");
    ck_assert_str_eq(ft_st(&c, "intent"), "\"book\"");
    ft_done(&c);
    /* without another intent, a detail for the asked slot in a longer
     * message is the answer */
    ft_init(&c, pb);
    ft_step(&c, EVMC("book", T0));
    r = ft_step(&c, EVM("I think the colour this time", T0 + 10));
    ck_assert_str_eq(ft_evs(r), "commit,ask");
    ck_assert_str_eq(ft_st(&c, "step"), "\"when\"");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

/* A booking and a deal whose yes stays in its own flow (no @booking). */
static const char ft_pb_deal[] =
    "{\"tinyyes\":1,\"intents\":{\"book\":{\"keywords\":[\"book\"],\"flow\":\"booking\"},"
    "\"deal\":{\"keywords\":[\"deal\"],\"flow\":\"deal\"}},"
    "\"slots\":{\"service\":{\"type\":\"choice\",\"options\":[{\"id\":\"cut\",\"title\":\"Haircut\"},"
    "{\"id\":\"color\",\"title\":\"Colour\"}]},\"go\":{\"type\":\"yesno\"}},"
    "\"templates\":{\"ask_service\":\"Is it a {{#options}}{{title}}{{^last}} or a {{/last}}{{/options}}?\","
    "\"deal_q\":\"A colour comes with a free trim this week. Want the voucher?\",\"deal_yes\":\"Sent!\","
    "\"deal_no\":\"No problem at all.\"},"
    "\"flows\":{\"booking\":{\"steps\":[{\"id\":\"kind\",\"ask\":\"service\",\"say\":\"ask_service\"}]},"
    "\"deal\":{\"steps\":[{\"id\":\"q\",\"ask\":\"go\",\"say\":\"deal_q\",\"next\":{\"yes\":\"yes\",\"no\":\"no\"}},"
    "{\"id\":\"yes\",\"say\":\"deal_yes\",\"end\":\"completed\"},{\"id\":\"no\",\"say\":\"deal_no\",\"end\":\"declined\"}]}}}";

START_TEST(an_end_inside_a_digression_ends_only_the_digression) {
    ty_playbook *pb = ft_load(ft_pb_deal);
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, EVMC("book", T0));
    const ty_value *r0 = ft_step(&c, EVM("deal", T0 + 10));
    ck_assert_str_eq(ft_text(r0, 0), "A colour comes with a free trim this week. Want the voucher?");
    ck_assert_str_eq(ft_evs(r0), "ask");
    /* declining the deal ends the deal, not the booking: its `end` step
     * speaks, and the suspended ask comes back (reworded) */
    const ty_value *r = ft_step(&c, EVM("no", T0 + 20));
    ck_assert_str_eq(ft_acts(r), "send,send");
    ck_assert_str_eq(ft_text(r, 0), "No problem at all.");
    ck_assert_str_eq(ft_text(r, 1), "Back to where we were: Is it a Haircut or a Colour?");
    ck_assert_str_eq(ft_evs(r), "commit");
    ck_assert_str_eq(ft_st(&c, "status"), "\"active\"");
    ck_assert_str_eq(ft_st(&c, "step"), "\"kind\"");
    ck_assert_str_eq(ft_st(&c, "stack"), "[]");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(safe_exit_keywords_win_over_answers) {
    /* an option titled like the STOP keyword is still a stop */
    const char *pbj =
        "{\"tinyyes\":1,\"intents\":{\"go\":{\"keywords\":[\"go\"],\"flow\":\"f\"},\"stop\":{\"keywords\":[\"stop\"],"
        "\"does\":\"opt_out\"},\"human\":{\"keywords\":[\"agent\"],\"does\":\"handoff\"}},"
        "\"slots\":{\"s\":{\"type\":\"choice\",\"options\":[{\"id\":\"stop\",\"title\":\"Stop\"},{\"id\":\"agent\","
        "\"title\":\"Agent\"}]}},\"templates\":{\"q\":\"Stop or agent?\"},"
        "\"flows\":{\"f\":{\"steps\":[{\"id\":\"one\",\"ask\":\"s\",\"say\":\"q\"}]}}}";
    ty_playbook *pb = ft_load(pbj);
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, EVM("go", 10));
    const ty_value *r = ft_step(&c, EVM("agent", 20));
    ck_assert_str_eq(ft_acts(r), "handoff");
    ck_assert_str_eq(ty_test_get_string(ft_act(r, 0), "reason", NULL), "requested");
    ft_done(&c);
    ft_init(&c, pb);
    ft_step(&c, EVM("go", 10));
    r = ft_step(&c, EVM("STOP", 20));
    ck_assert_str_eq(ft_acts(r), "");
    ck_assert_str_eq(ft_evs(r), "opt_out");
    ck_assert_str_eq(ft_st(&c, "status"), "\"opted_out\"");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

/* ===================================================================== *
 * 3. Opt-out and START
 * ===================================================================== */

START_TEST(opt_out_is_silent_for_good_until_start) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, EVMC("book", T0));
    ft_step(&c, EVM("Haircut", T0 + 10));
    const ty_value *r = ft_step(&c, EVM("Unsubscribe", T0 + 20));
    ck_assert_str_eq(ft_acts(r), "send");
    ck_assert_str_eq(ft_text(r, 0), "You're unsubscribed. Send START to come back.");
    ck_assert_str_eq(ft_json(ty_test_get(r, "events")),
                     "[{\"type\":\"opt_out\",\"at\":1795000020,\"conversation\":\"c-1\",\"flow\":\"booking\","
                     "\"step\":\"when\",\"slot\":\"day\",\"template\":\"ask_day\",\"variant\":\"v2\"}]");
    ck_assert_str_eq(ft_st(&c, "status"), "\"opted_out\"");
    ck_assert_str_eq(ft_st(&c, "slots"), "{}");
    ck_assert_str_eq(ft_st(&c, "turns"), "[]");
    ck_assert_str_eq(ft_st(&c, "due"), "null");
    /* nothing at all: ticks, questions, intents, another stop */
    const char *evs[] = {
        "{\"type\":\"tick\",\"at\":1795014420}",        "{\"type\":\"tick\",\"at\":1795999999}",
        "{\"type\":\"message\",\"text\":\"book\",\"at\":1796000000}",
        "{\"type\":\"message\",\"text\":\"hello?\",\"at\":1796000001}",
        "{\"type\":\"message\",\"text\":\"stop\",\"at\":1796000002}",
        "{\"type\":\"resume\",\"at\":1796000003}",
        "{\"type\":\"message\",\"text\":\"start over please\",\"at\":1796000004}",
    };
    for (size_t i = 0; i < sizeof evs / sizeof evs[0]; i++) {
        r = ft_step_ev(&c, evs[i]);
        ck_assert_msg(strcmp(ft_acts(r), "") == 0 && strcmp(ft_evs(r), "") == 0, "%s made %s / %s", evs[i],
                      ft_acts(r), ft_evs(r));
        ck_assert_str_eq(ft_st(&c, "status"), "\"opted_out\"");
        ck_assert_str_eq(ft_st(&c, "turns"), "[]");
    }
    /* START lifts it; nothing serves "start" in this playbook, so it stays quiet */
    r = ft_step(&c, EVM("START", 1796000100));
    ck_assert_str_eq(ft_acts(r), "");
    ck_assert_str_eq(ft_st(&c, "status"), "\"active\"");
    r = ft_step(&c, EVM("book", 1796000200));
    ck_assert_str_eq(ft_acts(r), "send,schedule");
    ck_assert_str_eq(ft_text(r, 0), "Is it a Haircut or a Colour?");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(unstop_and_opt_in_intents_lift_an_opt_out) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    const ty_value *r = ft_step(&c, EVM("stop", 10)); /* a first message may be STOP */
    ck_assert_str_eq(ft_acts(r), "send");
    ck_assert_str_eq(ft_st(&c, "status"), "\"opted_out\"");
    r = ft_step(&c, EVM("resubscribe", 20)); /* an intent with does: opt_in */
    ck_assert_str_eq(ft_acts(r), "send");
    ck_assert_str_eq(ft_text(r, 0), "Welcome back!");
    ck_assert_str_eq(ft_st(&c, "status"), "\"active\"");
    ft_step(&c, EVM("stop", 30));
    r = ft_step(&c, EVM("unstop", 40));
    ck_assert_str_eq(ft_st(&c, "status"), "\"active\"");
    ck_assert_str_eq(ft_acts(r), "");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

/* ===================================================================== *
 * 4. Handoff and resume
 * ===================================================================== */

START_TEST(handoff_with_context_then_silence_until_resume) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, EVMC("book", T0));
    ft_step(&c, EVM("Haircut", T0 + 10));
    const ty_value *r = ft_step(&c, EVM("person", T0 + 20));
    ck_assert_str_eq(ft_acts(r), "send,handoff");
    ck_assert_str_eq(ft_text(r, 0), "Sure, a person will reply here.");
    const ty_value *h = ft_act(r, 1);
    ck_assert_str_eq(ty_test_get_string(h, "reason", NULL), "requested");
    const char *day_q = ft_fmt("%s", ty_test_get_string(ft_act(r, 1), "summary", NULL));
    ck_assert_msg(strncmp(day_q, "Intent: book\nKnown: service: Haircut\nPending question: day (booking.when): ", 75) == 0,
                  "summary: %s", day_q);
    ck_assert_str_eq(ft_json(ty_test_get(h, "slots")), "{\"service\":{\"id\":\"cut\",\"title\":\"Haircut\"}}");
    const ty_value *tr = ty_test_get(h, "transcript");
    ck_assert_uint_eq(ty_value_count(tr), 6); /* book, ask, Haircut, ask, person, connect */
    ck_assert_str_eq(ty_test_get_string(ty_value_item(tr, 5), "text", NULL), "Sure, a person will reply here.");
    ck_assert_str_eq(ft_evs(r), "handoff");
    ck_assert_str_eq(ft_st(&c, "status"), "\"handoff\"");
    ck_assert_str_eq(ft_st(&c, "step"), "\"when\""); /* kept for the resume */
    /* silent while a person has it */
    r = ft_step(&c, EVM("hello? anyone?", T0 + 30));
    ck_assert_str_eq(ft_acts(r), "");
    r = ft_step(&c, EVT(T0 + 86400));
    ck_assert_str_eq(ft_acts(r), "");
    r = ft_step(&c, EVM("book", T0 + 86500));
    ck_assert_str_eq(ft_acts(r), "");
    /* resume: the pending ask comes back, with its follow-up scheduled */
    r = ft_step(&c, EVR(T0 + 90000));
    ck_assert_str_eq(ft_acts(r), "send,schedule");
    ck_assert_str_eq(ty_test_get_string(ft_act(r, 0), "template", NULL), "ask_day");
    ck_assert_str_eq(ft_json(ty_value_get(ft_act(r, 1), "at", 2)), "1795104400");
    ck_assert_str_eq(ft_evs(r), "");
    ck_assert_str_eq(ft_st(&c, "status"), "\"active\"");
    /* a second resume, or one with nothing pending, does nothing */
    r = ft_step(&c, EVR(T0 + 90001));
    ck_assert_str_eq(ft_acts(r), "");
    ft_done(&c);
    ft_init(&c, pb);
    r = ft_step(&c, EVM("human", 5)); /* a handoff as the first message */
    ck_assert_str_eq(ft_acts(r), "send,handoff");
    ck_assert_str_eq(ty_test_get_string(ft_act(r, 1), "summary", NULL),
                     "Intent: human\nKnown: nothing yet\nPending question: none");
    r = ft_step(&c, EVR(6));
    ck_assert_str_eq(ft_acts(r), "");
    ck_assert_str_eq(ft_st(&c, "status"), "\"active\"");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(stop_during_handoff_opts_out_silently) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, EVMC("book", T0));
    ft_step(&c, EVM("person", T0 + 10));
    const ty_value *r = ft_step(&c, EVM("stop", T0 + 20));
    ck_assert_str_eq(ft_acts(r), "");
    ck_assert_str_eq(ft_evs(r), "opt_out");
    ck_assert_str_eq(ft_st(&c, "status"), "\"opted_out\"");
    r = ft_step(&c, EVR(T0 + 30));
    ck_assert_str_eq(ft_acts(r), "");
    ck_assert_str_eq(ft_st(&c, "status"), "\"opted_out\"");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

/* ===================================================================== *
 * 5. Silence: follow-ups, quiet hours, the no-response close
 * ===================================================================== */

START_TEST(followups_then_no_response_close) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, EVMC("book", T0));
    const ty_value *r = ft_step(&c, EVT(T0 + 3600)); /* early */
    ck_assert_str_eq(ft_acts(r), "");
    r = ft_step(&c, EVT(T0 + 14400)); /* due: the first follow-up, with the ask's options */
    ck_assert_str_eq(ft_json(ty_test_get(r, "actions")),
                     "[{\"type\":\"send\",\"text\":\"Still there? One quick answer keeps this moving.\","
                     "\"choices\":[{\"id\":\"cut\",\"title\":\"Haircut\"},{\"id\":\"color\",\"title\":\"Colour\"}],"
                     "\"template\":\"nudge\",\"variant\":\"text\",\"step\":\"kind\"},{\"type\":\"schedule\",\"at\":1795100800,"
                     "\"why\":\"followup\"}]");
    ck_assert_str_eq(ft_json(ty_test_get(r, "events")),
                     "[{\"type\":\"followup\",\"at\":1795014400,\"conversation\":\"c-1\",\"flow\":\"booking\","
                     "\"step\":\"kind\",\"slot\":\"service\",\"template\":\"nudge\",\"variant\":\"text\"}]");
    ck_assert_str_eq(ft_st(&c, "followups"), "1");
    r = ft_step(&c, EVT(T0 + 14400)); /* repeated */
    ck_assert_str_eq(ft_acts(r), "");
    r = ft_step(&c, EVT(T0 + 20000)); /* early for the second */
    ck_assert_str_eq(ft_acts(r), "");
    r = ft_step(&c, EVT(1795100800));
    ck_assert_str_eq(ft_acts(r), "send,schedule");
    ck_assert_str_eq(ft_text(r, 0), "Shall I close this for now?");
    ck_assert_str_eq(ft_json(ft_act(r, 1)), "{\"type\":\"schedule\",\"at\":1795273600,\"why\":\"close\"}");
    r = ft_step(&c, EVT(1795273599));
    ck_assert_str_eq(ft_acts(r), "");
    r = ft_step(&c, EVT(1795273600));
    ck_assert_str_eq(ft_json(ty_test_get(r, "actions")), "[{\"type\":\"close\",\"outcome\":\"no_response\"}]");
    ck_assert_str_eq(ft_json(ty_test_get(r, "events")),
                     "[{\"type\":\"close\",\"at\":1795273600,\"conversation\":\"c-1\",\"flow\":\"booking\","
                     "\"step\":\"kind\",\"slot\":\"service\",\"template\":\"ask_service\",\"variant\":\"text\","
                     "\"outcome\":\"no_response\"}]");
    ck_assert_str_eq(ft_st(&c, "status"), "\"closed\"");
    r = ft_step(&c, EVT(1795999999));
    ck_assert_str_eq(ft_acts(r), "");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(a_reply_makes_old_ticks_stale) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, EVMC("book", T0));
    const ty_value *r = ft_step(&c, EVM("Haircut", T0 + 7200));
    ck_assert_str_eq(ft_json(ft_act(r, 1)), "{\"type\":\"schedule\",\"at\":1795021600,\"why\":\"followup\"}");
    r = ft_step(&c, EVT(T0 + 14400)); /* the tick the first ask scheduled */
    ck_assert_str_eq(ft_acts(r), "");
    ck_assert_str_eq(ft_st(&c, "followups"), "0");
    /* a reply after a follow-up starts the count again */
    r = ft_step(&c, EVT(1795021600));
    ck_assert_str_eq(ft_acts(r), "send,schedule");
    ck_assert_str_eq(ft_st(&c, "followups"), "1");
    r = ft_step(&c, EVM("qwertyuiop", 1795021700));
    ck_assert_str_eq(ft_st(&c, "followups"), "0");
    /* 18:08 local + 4h is 22:08, quiet: deferred to 08:00 */
    ck_assert_str_eq(ft_st(&c, "due"), "1795071600");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(quiet_hours_defer_followups) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    /* asked at 19:00 local (+01:00): 23:00 is quiet, so 08:00 next morning */
    const ty_value *r = ft_step(&c, EVM("book", DAY0 + 18 * 3600));
    ck_assert_str_eq(ft_json(ft_act(r, 1)),
                     ft_fmt("{\"type\":\"schedule\",\"at\":%lld,\"why\":\"followup\"}", DAY0 + 86400 + 7 * 3600));
    ft_done(&c);
    /* the customer's own offset: 13:00 at -05:00, so 17:00 is fine */
    ft_init(&c, pb);
    r = ft_step(&c, "{\"type\":\"message\",\"text\":\"book\",\"at\":%lld,\"utc_offset\":\"-05:00\"}",
                (long long)(DAY0 + 18 * 3600));
    ck_assert_str_eq(ft_json(ty_value_get(ft_act(r, 1), "at", 2)), ft_fmt("%lld", DAY0 + 22 * 3600));
    ck_assert_str_eq(ft_st(&c, "utc_offset"), "-18000");
    ft_done(&c);
    /* a late tick that lands in quiet hours defers instead of sending */
    ft_init(&c, pb);
    ft_step(&c, EVM("book", T0));
    r = ft_step(&c, EVT(DAY0 + 21 * 3600 + 60)); /* 22:01 local */
    ck_assert_str_eq(ft_json(ty_test_get(r, "actions")),
                     ft_fmt("[{\"type\":\"schedule\",\"at\":%lld,\"why\":\"followup\"}]", DAY0 + 86400 + 7 * 3600));
    ck_assert_str_eq(ft_evs(r), "");
    ck_assert_str_eq(ft_st(&c, "followups"), "0");
    r = ft_step(&c, EVT(DAY0 + 86400 + 7 * 3600));
    ck_assert_str_eq(ft_acts(r), "send,schedule");
    ck_assert_str_eq(ty_test_get_string(ft_act(r, 0), "template", NULL), "nudge");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(quiet_hours_arithmetic) {
    const int from = 21 * 60, to = 8 * 60; /* wraps midnight */
    ck_assert(!ty_flow_quiet(DAY0 + 20 * 3600 + 3599, 0, from, to));
    ck_assert(ty_flow_quiet(DAY0 + 21 * 3600, 0, from, to));
    ck_assert(ty_flow_quiet(DAY0 + 3 * 3600, 0, from, to));
    ck_assert(ty_flow_quiet(DAY0 + 8 * 3600 - 1, 0, from, to));
    ck_assert(!ty_flow_quiet(DAY0 + 8 * 3600, 0, from, to));
    ck_assert_int_eq(ty_flow_defer(DAY0 + 22 * 3600 + 30 * 60, 0, from, to), DAY0 + 86400 + 8 * 3600);
    ck_assert_int_eq(ty_flow_defer(DAY0 + 7 * 3600 + 59 * 60 + 30, 0, from, to), DAY0 + 8 * 3600);
    ck_assert_int_eq(ty_flow_defer(DAY0 + 12 * 3600, 0, from, to), DAY0 + 12 * 3600);
    /* offsets: 02:00 UTC is 21:00 at -05:00 (quiet) and 11:00 at +09:00 */
    ck_assert(ty_flow_quiet(DAY0 + 2 * 3600, -5 * 3600, from, to));
    ck_assert(!ty_flow_quiet(DAY0 + 2 * 3600, 9 * 3600, from, to));
    ck_assert_int_eq(ty_flow_defer(DAY0 + 2 * 3600, -5 * 3600, from, to), DAY0 + 13 * 3600);
    /* a non-wrapping window, 12:00-14:00; equal ends mean none */
    ck_assert(ty_flow_quiet(DAY0 + 13 * 3600, 0, 720, 840));
    ck_assert(!ty_flow_quiet(DAY0 + 14 * 3600, 0, 720, 840));
    ck_assert_int_eq(ty_flow_defer(DAY0 + 13 * 3600, 0, 720, 840), DAY0 + 14 * 3600);
    ck_assert(!ty_flow_quiet(DAY0 + 13 * 3600, 0, 720, 720));
    /* before 1970 local midnight (negative local times) still works */
    ck_assert(ty_flow_quiet(0, -3600, from, to));
    ck_assert_int_eq(ty_flow_defer(0, -3600, from, to), 9 * 3600);
}
END_TEST

START_TEST(close_after_without_followups_and_no_fallback) {
    ty_playbook *pb = ft_load(ft_pb_b); /* reprompts 0, no fallback, close_after 1h */
    ft_conv c;
    ft_init(&c, pb);
    const ty_value *r = ft_step(&c, EVM("go", 100));
    ck_assert_str_eq(ft_json(ft_act(r, 1)), "{\"type\":\"schedule\",\"at\":3700,\"why\":\"close\"}");
    r = ft_step(&c, EVT(3700));
    ck_assert_str_eq(ft_json(ty_test_get(r, "actions")), "[{\"type\":\"close\",\"outcome\":\"no_response\"}]");
    ft_done(&c);
    /* no re-asks: the first failure offers a person; yes hands off */
    ft_init(&c, pb);
    ft_step(&c, EVM("go", 100));
    r = ft_step(&c, EVM("perhaps", 200));
    ck_assert_str_eq(ft_st(&c, "check"), "\"handoff\"");
    r = ft_step(&c, EVM("yes", 210));
    ck_assert_str_eq(ft_acts(r), "handoff");
    ck_assert_str_eq(ty_test_get_string(ft_act(r, 0), "reason", NULL), "failures");
    ft_done(&c);
    /* STOP without a confirmation template: no message at all */
    ft_init(&c, pb);
    ft_step(&c, EVM("go", 100));
    r = ft_step(&c, EVM("stop", 200));
    ck_assert_str_eq(ft_acts(r), "");
    ck_assert_str_eq(ft_evs(r), "opt_out");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

/* ===================================================================== *
 * 6. Ends and the next round
 * ===================================================================== */

START_TEST(end_sends_the_summary_and_closes) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, EVMC("book", T0));
    ft_step(&c, EVM("Colour", T0 + 10));
    ft_step(&c, "{\"type\":\"message\",\"text\":\"tomorrow\",\"at\":%lld," TIMES "}", (long long)T0 + 20);
    ft_step(&c, EVM("A", T0 + 30));
    const ty_value *r = ft_step(&c, EVM("Maria", T0 + 40));
    ck_assert_str_eq(ft_json(ty_test_get(r, "actions")),
                     "[{\"type\":\"send\",\"text\":\"Booked: Colour on Thursday 19 November at 10:00 for Maria. See you then; "
                     "reply here to change it.\",\"choices\":[],\"template\":\"confirm\",\"variant\":\"text\",\"step\":\"done\"},"
                     "{\"type\":\"close\",\"outcome\":\"completed\"}]");
    ck_assert_str_eq(ft_evs(r), "commit,close");
    ck_assert_str_eq(ft_st(&c, "status"), "\"closed\"");
    ck_assert_str_eq(ft_st(&c, "due"), "null");
    /* the closed state keeps what was agreed */
    ck_assert_str_eq(ft_st(&c, "slots"), "{\"service\":{\"id\":\"color\",\"title\":\"Colour\"},\"day\":\"2026-11-19\","
                                         "\"visit\":{\"id\":\"10:00\",\"title\":\"10:00\"},\"name\":\"Maria\"}");
    /* a message after the close starts a new round, matched afresh, that
     * keeps what we know of the customer (the service and the name) and
     * asks again for the day and the time */
    r = ft_step(&c, EVM("book", T0 + 100000));
    ck_assert_str_eq(ft_acts(r), "send,schedule");
    ck_assert_str_eq(ft_text(r, 0), "Which day for the color?"); /* the other variant: not what was asked before */
    ck_assert_str_eq(ft_st(&c, "status"), "\"active\"");
    ck_assert_str_eq(ft_st(&c, "slots"), "{\"service\":{\"id\":\"color\",\"title\":\"Colour\"},\"name\":\"Maria\"}");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

/* ===================================================================== *
 * Variants and channels
 * ===================================================================== */

START_TEST(variants_are_deterministic_and_channels_win) {
    ty_playbook *pb = ft_load(ft_pb_a);
    const char *seen[3] = {NULL, NULL, NULL};
    size_t nseen = 0;
    for (int i = 0; i < 24; i++) {
        const char *texts[2];
        for (int k = 0; k < 2; k++) {
            ft_conv c;
            ft_init(&c, pb);
            ft_step(&c, "{\"type\":\"message\",\"text\":\"book\",\"at\":10,\"conversation\":\"conv-%d\"}", i);
            const ty_value *r = ft_step(&c, EVM("Haircut", 20));
            texts[k] = ft_fmt("%s", ft_text(r, 0));
            ft_done(&c);
        }
        ck_assert_str_eq(texts[0], texts[1]); /* same conversation, same text */
        bool known = false;
        for (size_t j = 0; j < nseen; j++) known = known || strcmp(seen[j], texts[0]) == 0;
        if (!known && nseen < 3) seen[nseen++] = strdup(texts[0]);
    }
    ck_assert_uint_eq(nseen, 3); /* text and both variants all occur */
    for (size_t j = 0; j < nseen; j++) free((char *)seen[j]);
    /* the state's channel picks the channel text; the event's overrides it */
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, "{\"type\":\"message\",\"text\":\"book\",\"at\":10,\"channel\":\"sms\"}");
    const ty_value *r = ft_step(&c, EVM("Haircut", 20));
    ck_assert_str_eq(ft_text(r, 0), "Which day? (reply e.g. tomorrow)");
    ck_assert_str_eq(ft_st(&c, "channel"), "\"sms\"");
    ft_done(&c);
    ft_init(&c, pb);
    ft_step(&c, "{\"type\":\"message\",\"text\":\"book\",\"at\":10,\"channel\":\"whatsapp\",\"conversation\":\"x\"}");
    r = ft_step(&c, "{\"type\":\"message\",\"text\":\"Haircut\",\"at\":20,\"channel\":\"sms\"}");
    ck_assert_str_eq(ft_text(r, 0), "Which day? (reply e.g. tomorrow)");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

/* A field of an action or event as compact JSON ("\"v1\"", "null"). */
static const char *ft_field(const ty_value *v, const char *key) {
    const ty_value *f = ty_test_get(v, key);
    ck_assert_msg(f != NULL, "no %s in %s", key, ft_json(v));
    return ft_json(f);
}

/* "template" and "variant" of sends and metric events (the header comment
 * of flow.c): a send names the wording that went out; an ask and every
 * commit of it name the wording the conversation is assigned, so a commit
 * counts with its ask even when another wording was sent. */
START_TEST(sends_and_events_name_their_wording) {
    ty_playbook *pb = ft_load(ft_pb_a);
    static const char *const wordings[3][2] = {{"\"text\"", "A Haircut. Which day suits you?"},
                                               {"\"v1\"", "Haircut it is. What day works?"},
                                               {"\"v2\"", "Which day for the cut?"}};
    bool seen[3] = {false, false, false};
    for (int i = 0; i < 24; i++) {
        ft_conv c;
        ft_init(&c, pb);
        ft_step(&c, "{\"type\":\"message\",\"text\":\"book\",\"at\":%lld,\"conversation\":\"w-%d\"}", T0, i);
        const ty_value *r = ft_step(&c, EVM("Haircut", T0 + 10));
        const char *v = ft_field(ft_act(r, 0), "variant");
        int k = 0;
        while (k < 3 && strcmp(v, wordings[k][0])) k++;
        ck_assert_msg(k < 3, "variant %s", v);
        seen[k] = true;
        ck_assert_str_eq(ft_text(r, 0), wordings[k][1]);
        ck_assert_str_eq(ft_field(ft_act(r, 0), "template"), "\"ask_day\"");
        ck_assert_str_eq(ft_evs(r), "commit,ask");
        ck_assert_str_eq(ft_field(ft_ev(r, 0), "template"), "\"ask_service\""); /* no variants: its text */
        ck_assert_str_eq(ft_field(ft_ev(r, 0), "variant"), "\"text\"");
        ck_assert_str_eq(ft_field(ft_ev(r, 1), "template"), "\"ask_day\"");
        ck_assert_str_eq(ft_field(ft_ev(r, 1), "variant"), v);
        /* a reprompt names the wording as sent (a question without options:
         * itself again, after the apology); the commit, the ask's wording */
        r = ft_step(&c, EVM("qwertyuiop", T0 + 20));
        ck_assert_str_eq(ft_evs(r), "reprompt");
        ck_assert_str_eq(ft_field(ft_ev(r, 0), "template"), "\"ask_day\"");
        ck_assert_str_eq(ft_field(ft_ev(r, 0), "variant"), v);
        ck_assert(strncmp(ft_text(r, 0), "Sorry, I didn't catch that. ", 28) == 0);
        r = ft_step(&c, "{\"type\":\"message\",\"text\":\"tomorrow\",\"at\":%lld," TIMES "}", (long long)T0 + 40);
        ck_assert_str_eq(ft_evs(r), "commit,ask");
        ck_assert_str_eq(ft_field(ft_ev(r, 0), "template"), "\"ask_day\"");
        ck_assert_str_eq(ft_field(ft_ev(r, 0), "variant"), v);
        ft_done(&c);
    }
    ck_assert(seen[0] && seen[1] && seen[2]);

    /* a channel's own text is named by the channel, in the send, the ask,
     * the follow-up (as sent), and the commit of a reply without a channel */
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, "{\"type\":\"message\",\"text\":\"book\",\"at\":%lld,\"channel\":\"sms\",\"conversation\":\"s\"}", T0);
    const ty_value *r = ft_step(&c, EVM("Haircut", T0 + 10));
    ck_assert_str_eq(ft_field(ft_act(r, 0), "variant"), "\"sms\"");
    ck_assert_str_eq(ft_field(ft_ev(r, 1), "variant"), "\"sms\"");
    r = ft_step(&c, EVT(T0 + 10 + 4 * 3600));
    ck_assert_str_eq(ft_evs(r), "followup");
    ck_assert_str_eq(ft_field(ft_ev(r, 0), "template"), "\"nudge\"");
    ck_assert_str_eq(ft_field(ft_ev(r, 0), "variant"), "\"text\"");
    r = ft_step(&c, "{\"type\":\"message\",\"text\":\"tomorrow\",\"at\":%lld," TIMES "}",
                (long long)T0 + 20 + 4 * 3600);
    ck_assert_str_eq(ft_field(ft_ev(r, 0), "variant"), "\"sms\"");
    /* handoff and opt-out: the pending question's wording; a built-in
     * message the playbook has no template for is "builtin" */
    r = ft_step(&c, EVM("human", T0 + 30 + 4 * 3600));
    ck_assert_str_eq(ft_evs(r), "handoff");
    ck_assert_str_eq(ft_field(ft_ev(r, 0), "template"), "\"ask_visit\"");
    ck_assert_str_eq(ft_field(ft_ev(r, 0), "variant"), "\"text\"");
    ft_done(&c);
    ft_init(&c, pb);
    r = ft_step(&c, EVMC("human", T0));
    ck_assert_str_eq(ft_evs(r), "handoff");
    ck_assert_str_eq(ft_field(ft_ev(r, 0), "template"), "null"); /* nothing pending */
    ck_assert_str_eq(ft_field(ft_ev(r, 0), "variant"), "null");
    ft_done(&c);

    /* the first ask went out as a refusal (a past day): the send names the
     * refusal, the ask the question's assigned wording, as its commit will */
    ft_init(&c, pb);
    r = ft_step(&c, EVMC("book a haircut for yesterday", T0));
    ck_assert_str_eq(ft_field(ft_act(r, 0), "template"), "\"date_passed\"");
    ck_assert_str_eq(ft_field(ft_act(r, 0), "variant"), "\"builtin\"");
    ck_assert_str_eq(ft_evs(r), "ask");
    ck_assert_str_eq(ft_field(ft_ev(r, 0), "template"), "\"ask_day\"");
    const char *assigned = ft_field(ft_ev(r, 0), "variant");
    r = ft_step(&c, "{\"type\":\"message\",\"text\":\"A\",\"at\":%lld," TIMES "}", (long long)T0 + 30);
    ck_assert_str_eq(ft_evs(r), "commit,ask");
    ck_assert_str_eq(ft_field(ft_ev(r, 0), "template"), "\"ask_day\"");
    ck_assert_str_eq(ft_field(ft_ev(r, 0), "variant"), assigned);
    ft_done(&c);

    /* an `end` step asks nothing: its close names no wording */
    ft_init(&c, pb);
    ft_step(&c, EVMC("book", T0));
    ft_step(&c, EVM("Colour", T0 + 10));
    ft_step(&c, "{\"type\":\"message\",\"text\":\"tomorrow\",\"at\":%lld," TIMES "}", (long long)T0 + 20);
    ft_step(&c, EVM("A", T0 + 30));
    r = ft_step(&c, EVM("Maria", T0 + 40));
    ck_assert_str_eq(ft_evs(r), "commit,close");
    ck_assert_str_eq(ft_field(ft_ev(r, 1), "template"), "null");
    ft_done(&c);
    ty_playbook_free(pb);

    /* two steps ask with one template: when the second is assigned the
     * wording the customer has just read, the no-repeat rule sends the other
     * one; the send says which, the ask keeps the assignment */
    pb = ft_load("{\"tinyyes\": 1, \"intents\": {\"go\": {\"keywords\": [\"go\"], \"flow\": \"f\"}},"
                 " \"slots\": {\"x\": {\"type\": \"yesno\"}, \"y\": {\"type\": \"yesno\"}},"
                 " \"templates\": {\"q\": {\"text\": \"Ready?\", \"variants\": [\"Shall we?\", \"Go ahead?\"]}},"
                 " \"flows\": {\"f\": {\"steps\": [{\"id\": \"a\", \"ask\": \"x\", \"say\": \"q\"},"
                 " {\"id\": \"b\", \"ask\": \"y\", \"say\": \"q\"}]}}}");
    int swapped = 0;
    for (int i = 0; i < 16; i++) {
        ft_init(&c, pb);
        r = ft_step(&c, "{\"type\":\"message\",\"text\":\"go\",\"at\":%lld,\"conversation\":\"r-%d\"}", T0, i);
        const char *first = ft_field(ft_act(r, 0), "variant");
        r = ft_step(&c, EVM("yes", T0 + 10));
        ck_assert_str_eq(ft_evs(r), "commit,ask");
        assigned = ft_field(ft_ev(r, 1), "variant");
        const char *sent = ft_field(ft_act(r, 0), "variant");
        ck_assert_str_ne(sent, first); /* never the text just read */
        if (strcmp(assigned, first) == 0) {
            ck_assert_str_ne(sent, assigned);
            swapped++;
        } else {
            ck_assert_str_eq(sent, assigned);
        }
        r = ft_step(&c, EVM("no", T0 + 20));
        ck_assert_str_eq(ft_field(ft_ev(r, 0), "variant"), assigned); /* the commit names the assignment */
        ft_done(&c);
    }
    ck_assert_int_gt(swapped, 0);
    ck_assert_int_lt(swapped, 16);
    ty_playbook_free(pb);
}
END_TEST

/* ===================================================================== *
 * 7. State validation
 * ===================================================================== */

/* A valid mid-flow state of playbook A (pending "when", one slot filled). */
static const char *ft_base_state(const ty_playbook *pb) {
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, EVMC("book", T0));
    ft_step(&c, EVM("Haircut", T0 + 10));
    const char *s = ft_json(ft_state_root(&c));
    ft_done(&c);
    return s;
}

typedef struct ft_bad {
    const char *from, *to; /* edit applied to the base state */
    int code;
    const char *path;
    const char *msg; /* a part of the message, or NULL */
} ft_bad;

/* Steps the state JSON `state` with the event JSON `event`; returns the
 * result's JSON (owned by the test's string pool). */
static const char *ft_step_json(const ty_playbook *pb, const char *state, const char *event) {
    ty_error err;
    ty_doc *sd = ty_doc_parse(state, strlen(state), NULL, &err), *ev = ty_doc_parse(event, strlen(event), NULL, &err);
    ck_assert_ptr_nonnull(sd);
    ck_assert_ptr_nonnull(ev);
    ty_doc *res = ty_playbook_step(pb, ty_doc_root(sd), ty_doc_root(ev), &err);
    ck_assert_msg(res != NULL, "%s: %s", err.path, err.message);
    const char *out = ft_json(ty_doc_root(res));
    ty_doc_free(res);
    ty_doc_free(ev);
    ty_doc_free(sd);
    return out;
}

START_TEST(check_is_optional_in_states) {
    ty_playbook *pb = ft_load(ft_pb_a);
    const char *base = ft_base_state(pb);
    /* states written before "check" existed, and an explicit null, load */
    ck_assert_ptr_null(strstr(base, "\"check\""));
    const char *tick = "{\"type\":\"tick\",\"at\":1795000100}";
    const char *r = ft_step_json(pb, ft_sub(base, "\"step\":\"when\"", "\"step\":\"when\",\"check\":null"), tick);
    ck_assert_ptr_null(strstr(r, "\"check\""));
    /* a waiting confirmation is read back: yes opts out */
    r = ft_step_json(pb, ft_sub(base, "\"step\":\"when\"", "\"step\":\"when\",\"check\":\"opt_out\""),
                     "{\"type\":\"message\",\"text\":\"yes\",\"at\":1795000100}");
    ck_assert_ptr_nonnull(strstr(r, "\"status\":\"opted_out\""));
    ty_playbook_free(pb);
}
END_TEST

START_TEST(bad_states_are_clear_errors) {
    ty_playbook *pb = ft_load(ft_pb_a);
    const char *base = ft_base_state(pb);
    const ft_bad cases[] = {
        {"\"v\":1", "\"v\":2", TY_E_STATE, "state.v", "unsupported state version 2"},
        {"\"v\":1,", "", TY_E_STATE, "state.v", "missing"},
        {"\"v\":1", "\"v\":\"1\"", TY_E_STATE, "state.v", NULL},
        {"\"Test Studio\"", "\"Other Studio\"", TY_E_STATE, "state.playbook", "belongs to another playbook"},
        {"\"Test Studio\"", "\"0123456789abcdef\"", TY_E_STATE, "state.playbook", "belongs to another playbook"},
        {"\"Test Studio\"", "7", TY_E_STATE, "state.playbook", "belongs to another playbook"},
        {"\"turns\":[", "\"playbook_version\":3,\"turns\":[", TY_E_STATE, "state.playbook_version", "string"},
        {"\"turns\":[", "\"expires\":-1,\"turns\":[", TY_E_STATE, "state.expires", NULL},
        {"\"turns\":[", "\"expires\":1795000100,\"turns\":[", TY_E_EXPIRED, "state.expires", "expired at 1795000100"},
        {"\"status\"", "\"extra\":1,\"status\"", TY_E_STATE, "state.extra", "unknown key"},
        {",\"reprompts\":0", "", TY_E_STATE, "state.reprompts", "missing"},
        {"\"active\"", "\"paused\"", TY_E_STATE, "state.status", NULL},
        {"\"step\":\"when\"", "\"step\":\"when\",\"check\":\"maybe\"", TY_E_STATE, "state.check", "\"opt_out\""},
        {"\"step\":\"when\"", "\"step\":\"when\",\"check\":1", TY_E_STATE, "state.check", NULL},
        {"\"status\":\"active\"", "\"check\":\"handoff\",\"status\":\"handoff\"", TY_E_STATE, "state.check",
         "only an active conversation"},
        {"\"step\":\"when\"", "\"step\":\"when\",\"check_intent\":\"human\"", TY_E_STATE, "state.check_intent",
         "only a \"handoff\" check"},
        {"\"step\":\"when\"", "\"step\":\"when\",\"check\":\"handoff\",\"check_intent\":\"book\"", TY_E_STATE,
         "state.check_intent", "does not hand off"},
        {"\"step\":\"when\"", "\"step\":\"when\",\"check\":\"handoff\",\"check_intent\":7", TY_E_STATE,
         "state.check_intent", "must name"},
        {"\"step\":\"when\"", "\"step\":\"when\",\"check\":\"handoff\",\"check_intent\":\"humane\"", TY_E_STALE,
         "state.check_intent", "no intent \"humane\""},
        {"\"flow\":\"booking\"", "\"flow\":\"bookin\"", TY_E_STALE, "state.flow", "no flow \"bookin\""},
        {"\"step\":\"when\"", "\"step\":\"whenever\"", TY_E_STALE, "state.step", "no step \"whenever\""},
        {"\"step\":\"when\"", "\"step\":\"done\"", TY_E_STALE, "state.step", "asks nothing"},
        {"\"step\":\"when\"", "\"step\":null", TY_E_STATE, "state.step", NULL},
        {"\"intent\":\"book\"", "\"intent\":\"cook\"", TY_E_STALE, "state.intent", "migrate"},
        {"\"intent\":\"book\"", "\"intent\":5", TY_E_STATE, "state.intent", NULL},
        {"\"slots\":{", "\"slots\":{\"colour\":\"x\",", TY_E_STALE, "state.slots.colour", "no such slot"},
        {"\"id\":\"cut\"", "\"id\":\"perm\"", TY_E_STALE, "state.slots.service", "option"},
        {"\"title\":\"Haircut\"}", "\"title\":7}", TY_E_STALE, "state.slots.service", NULL},
        {"\"slots\":{", "\"slots\":{\"day\":\"tomorrow\",", TY_E_STALE, "state.slots.day", "YYYY-MM-DD"},
        {"\"slots\":{", "\"slots\":{\"name\":5,", TY_E_STALE, "state.slots.name", "string"},
        {"\"slots\":{", "\"slots\":{\"go\":\"maybe\",", TY_E_STALE, "state.slots.go", "yes"},
        {"\"reprompts\":0", "\"reprompts\":5", TY_E_STALE, "state.reprompts", "over this playbook's 1"},
        {"\"reprompts\":0", "\"reprompts\":0.5", TY_E_STATE, "state.reprompts", NULL},
        {"\"followups\":0", "\"followups\":-1", TY_E_STATE, "state.followups", NULL},
        {"\"asked_at\":1795000010", "\"asked_at\":-5", TY_E_STATE, "state.asked_at", NULL},
        {"\"asked_at\":1795000010", "\"asked_at\":null", TY_E_STATE, "state.asked_at", NULL},
        {"\"last_at\":1795000010", "\"last_at\":1e300", TY_E_STATE, "state.last_at", NULL},
        {"\"utc_offset\":null", "\"utc_offset\":\"soon\"", TY_E_STATE, "state.utc_offset", NULL},
        {"\"utc_offset\":null", "\"utc_offset\":99999", TY_E_STATE, "state.utc_offset", NULL},
        {"\"conversation\":\"c-1\"", "\"conversation\":5", TY_E_STATE, "state.conversation", NULL},
        {"\"channel\":null", "\"channel\":[]", TY_E_STATE, "state.channel", NULL},
        {"\"options\":null", "\"options\":[{\"id\":\"a\"}]", TY_E_STATE, "state.options[0]", NULL},
        {"\"options\":null", "\"options\":[]", TY_E_STATE, "state.options", NULL},
        {"\"options\":null", "\"options\":[{\"id\":\"a\",\"title\":\"A\",\"price\":-1}]", TY_E_STATE,
         "state.options[0]", "price"},
        {"\"options\":null", "\"options\":[{\"id\":\"a\",\"title\":\"A\",\"price\":\"9\"}]", TY_E_STATE,
         "state.options[0]", "price"},
        {"\"turns\":[", "\"reminders\":[{\"at\":1795100000,\"template\":\"nope\",\"text\":\"x\"}],\"followup_due\":null,\"turns\":[",
         TY_E_STALE, "state.reminders[0].template", "no template \"nope\""},
        {"\"turns\":[", "\"reminders\":[{\"at\":1795100000,\"template\":\"ask_day\",\"text\":\"x\"}],\"turns\":[",
         TY_E_STATE, "state.followup_due", "missing"},
        {"\"turns\":[", "\"reminders\":{},\"followup_due\":null,\"turns\":[", TY_E_STATE, "state.reminders", NULL},
        {"\"stack\":[]", "\"stack\":[{\"flow\":\"deal\"}]", TY_E_STATE, "state.stack[0]", NULL},
        {"\"stack\":[]", "\"stack\":[{\"flow\":\"deal\",\"step\":\"intro\",\"intent\":null,\"asked_at\":1}]",
         TY_E_STALE, "state.stack[0].step", "asks nothing"},
        {"\"stack\":[]", "\"stack\":[1,2,3,4,5]", TY_E_LIMIT, "state.stack", NULL},
        {"\"status\":\"active\"", "\"status\":\"closed\"", TY_E_STATE, "state.flow", NULL},
        {"\"turns\":[", "\"turns\":[{\"from\":\"alien\",\"text\":\"x\",\"at\":1},", TY_E_STATE, "state.turns[0]", NULL},
        {"\"turns\":[", "\"turns\":[{\"from\":\"bot\",\"text\":\"x\",\"at\":\"now\"},", TY_E_STATE, "state.turns[0].at",
         NULL},
        {"\"turns\":[", "\"turns\":[{\"from\":\"bot\",\"text\":\"x\",\"at\":1},{\"from\":\"bot\",\"text\":\"x\",\"at\":1},"
                        "{\"from\":\"bot\",\"text\":\"x\",\"at\":1},{\"from\":\"bot\",\"text\":\"x\",\"at\":1},"
                        "{\"from\":\"bot\",\"text\":\"x\",\"at\":1},{\"from\":\"bot\",\"text\":\"x\",\"at\":1},"
                        "{\"from\":\"bot\",\"text\":\"x\",\"at\":1},",
         TY_E_LIMIT, "state.turns", "more than 10"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const ft_bad *b = &cases[i];
        const char *bad = ft_sub(base, b->from, b->to);
        ty_error err;
        ty_doc *sd = ty_doc_parse(bad, strlen(bad), NULL, &err);
        ck_assert_msg(sd != NULL, "case %zu: %s", i, err.message);
        const char *tick = "{\"type\":\"tick\",\"at\":1795000100}";
        ty_doc *ev = ty_doc_parse(tick, strlen(tick), NULL, &err);
        ck_assert_ptr_nonnull(ev);
        ty_doc *res = ty_playbook_step(pb, ty_doc_root(sd), ty_doc_root(ev), &err);
        ck_assert_msg(res == NULL, "case %zu (%s -> %s) was accepted", i, b->from, b->to);
        ck_assert_msg(err.code == b->code && err.domain == TY_DOMAIN_STATE && strcmp(err.path, b->path) == 0,
                      "case %zu: %s %s [%s] %s", i, ty_code_name(err.code), ty_domain_name(err.domain), err.path,
                      err.message);
        if (b->msg) ck_assert_msg(strstr(err.message, b->msg) != NULL, "case %zu: %s", i, err.message);
        ck_assert_msg(strncmp(err.message, b->path, strlen(b->path)) == 0, "case %zu: message names the path: %s", i,
                      err.message);
        ty_doc_free(ev);
        ty_doc_free(sd);
    }
    /* not an object at all */
    ft_conv c;
    ft_init(&c, pb);
    ft_set_state(&c, "[1,2]");
    ty_error err;
    ft_fail(&c, &err, EVT(5));
    ft_err_is(&err, TY_E_STATE, TY_DOMAIN_STATE, "state");
    ft_set_state(&c, "\"hello\"");
    ft_fail(&c, &err, EVT(5));
    ft_err_is(&err, TY_E_STATE, TY_DOMAIN_STATE, "state");
    /* a state of another playbook */
    ty_playbook *other = ft_load(ft_pb_b);
    ft_conv o;
    ft_init(&o, other);
    ft_set_state(&o, base);
    ft_fail(&o, &err, EVT(T0 + 100));
    ft_err_is(&err, TY_E_STATE, TY_DOMAIN_STATE, "state.playbook");
    ft_done(&o);
    ty_playbook_free(other);
    /* huge: a 70 KiB turn text */
    char *big = malloc(72 * 1024);
    ck_assert_ptr_nonnull(big);
    memset(big, 'a', 70 * 1024);
    big[70 * 1024] = '\0';
    ft_set_state(&c, ft_sub(base, "\"turns\":[", ft_fmt("\"turns\":[{\"from\":\"bot\",\"text\":\"%s\",\"at\":1},", big)));
    free(big);
    ft_fail(&c, &err, EVT(T0 + 100));
    ft_err_is(&err, TY_E_LIMIT, TY_DOMAIN_STATE, "state");
    /* "sig" belongs to the bindings: ignored */
    ft_set_state(&c, ft_sub(base, "{\"v\":1", "{\"sig\":\"abc123\",\"v\":1"));
    const ty_value *r = ft_step(&c, EVT(T0 + 100));
    ck_assert_str_eq(ft_acts(r), "");
    ck_assert_ptr_null(ty_test_get(ft_state_root(&c), "sig"));
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

/* ===================================================================== *
 * Event validation
 * ===================================================================== */

typedef struct ft_badev {
    const char *event;
    int code;
    const char *path;
} ft_badev;

START_TEST(bad_events_are_clear_errors) {
    ty_playbook *pb = ft_load(ft_pb_a);
    const char *base = ft_base_state(pb); /* last_at 1795000010, conversation c-1 */
    const ft_badev cases[] = {
        {"[]", TY_E_EVENT, "event"},
        {"\"tick\"", TY_E_EVENT, "event"},
        {"{}", TY_E_EVENT, "event.type"},
        {"{\"at\":1795000100}", TY_E_EVENT, "event.type"},
        {"{\"type\":\"poke\",\"at\":1795000100}", TY_E_EVENT, "event.type"},
        {"{\"type\":7,\"at\":1795000100}", TY_E_EVENT, "event.type"},
        {"{\"type\":\"tick\"}", TY_E_EVENT, "event.at"},
        {"{\"type\":\"tick\",\"at\":-1}", TY_E_EVENT, "event.at"},
        {"{\"type\":\"tick\",\"at\":1795000100.5}", TY_E_EVENT, "event.at"},
        {"{\"type\":\"tick\",\"at\":\"1795000100\"}", TY_E_EVENT, "event.at"},
        {"{\"type\":\"tick\",\"at\":1e300}", TY_E_EVENT, "event.at"},
        {"{\"type\":\"tick\",\"at\":1795000009}", TY_E_LATE, "event.at"}, /* before last_at: late */
        {"{\"type\":\"message\",\"at\":1795000100}", TY_E_EVENT, "event.text"},
        {"{\"type\":\"message\",\"at\":1795000100,\"text\":5}", TY_E_EVENT, "event.text"},
        {"{\"type\":\"tick\",\"at\":1795000100,\"text\":\"hi\"}", TY_E_EVENT, "event.text"},
        {"{\"type\":\"tick\",\"at\":1795000100,\"data\":[]}", TY_E_EVENT, "event.data"},
        {"{\"type\":\"tick\",\"at\":1795000100,\"conversation\":5}", TY_E_EVENT, "event.conversation"},
        {"{\"type\":\"tick\",\"at\":1795000100,\"conversation\":\"c-2\"}", TY_E_EVENT, "event.conversation"},
        {"{\"type\":\"tick\",\"at\":1795000100,\"channel\":true}", TY_E_EVENT, "event.channel"},
        {"{\"type\":\"tick\",\"at\":1795000100,\"utc_offset\":\"+25:00\"}", TY_E_EVENT, "event.utc_offset"},
        {"{\"type\":\"tick\",\"at\":1795000100,\"utc_offset\":1.5}", TY_E_EVENT, "event.utc_offset"},
        {"{\"type\":\"tick\",\"at\":1795000100,\"foo\":1}", TY_E_EVENT, "event.foo"},
        {"{\"type\":\"message\",\"text\":\"tomorrow\",\"at\":1795000100,\"data\":{\"times\":[5]}}", TY_E_EVENT,
         "event.data.times[0]"},
        {"{\"type\":\"message\",\"text\":\"tomorrow\",\"at\":1795000100,\"data\":{\"times\":\"10:00\"}}", TY_E_EVENT,
         "event.data.times"},
        {"{\"type\":\"message\",\"text\":\"tomorrow\",\"at\":1795000100,\"data\":{\"times\":[{\"id\":\"a\",\"price\":\"9\"}]}}",
         TY_E_EVENT, "event.data.times[0]"},
        {"{\"type\":\"message\",\"text\":\"tomorrow\",\"at\":1795000100,\"data\":{\"times\":[{\"id\":\"a\",\"price\":-2}]}}",
         TY_E_EVENT, "event.data.times[0]"},
        /* the time ask needs the host's options, which this event lacks */
        {"{\"type\":\"message\",\"text\":\"tomorrow\",\"at\":1795000100}", TY_E_EVENT, "event.data.times"},
    };
    ft_conv c;
    ft_init(&c, pb);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ft_set_state(&c, base);
        ty_error err;
        ft_fail(&c, &err, "%s", cases[i].event);
        ck_assert_msg(err.code == cases[i].code && err.domain == TY_DOMAIN_EVENT && strcmp(err.path, cases[i].path) == 0,
                      "case %zu %s: %s %s [%s] %s", i, cases[i].event, ty_code_name(err.code),
                      ty_domain_name(err.domain), err.path, err.message);
        ck_assert_msg(strncmp(err.message, cases[i].path, strlen(cases[i].path)) == 0, "case %zu: %s", i, err.message);
    }
    /* text: too long, invalid UTF-8, NUL (built directly: JSON cannot carry them) */
    ty_playbook_opts po;
    memset(&po, 0, sizeof po);
    po.max_message = 100;
    ty_error err;
    ty_playbook *small = ty_playbook_load(ft_pb_a, strlen(ft_pb_a), &po, &err);
    ck_assert_ptr_nonnull(small);
    const struct {
        const char *s;
        size_t n;
        int code;
        const ty_playbook *pb;
    } texts[] = {
        {"\xff\xfe", 2, TY_E_UTF8, pb},
        {"a\0b", 3, TY_E_NUL, pb},
        {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 101,
         TY_E_LIMIT, small},
    };
    for (size_t i = 0; i < 3; i++) {
        ty_doc *d = ty_doc_new(NULL);
        ty_value *m = ty_val_map(d);
        ck_assert_int_eq(ty_map_put(d, m, "type", 4, ty_val_string(d, "message", 7)), 0);
        ck_assert_int_eq(ty_map_put(d, m, "at", 2, ty_val_number(d, 5)), 0);
        ck_assert_int_eq(ty_map_put(d, m, "text", 4, ty_val_string(d, texts[i].s, texts[i].n)), 0);
        ty_doc_set_root(d, m);
        ck_assert_ptr_null(ty_playbook_step(texts[i].pb, NULL, m, &err));
        ck_assert_msg(err.code == texts[i].code, "text %zu: %s", i, ty_code_name(err.code));
        ck_assert_int_eq(err.domain, TY_DOMAIN_EVENT);
        ck_assert_str_eq(err.path, "event.text");
        ty_doc_free(d);
    }
    ty_playbook_free(small);
    /* arguments */
    const char *tick = "{\"type\":\"tick\",\"at\":1}";
    ty_doc *ev = ty_doc_parse(tick, strlen(tick), NULL, &err);
    ck_assert_ptr_null(ty_playbook_step(NULL, NULL, ty_doc_root(ev), &err));
    ck_assert_int_eq(err.code, TY_E_ARG);
    ck_assert_ptr_null(ty_playbook_step(pb, NULL, NULL, &err));
    ck_assert_int_eq(err.code, TY_E_ARG);
    ck_assert_ptr_null(ty_playbook_step(pb, NULL, NULL, NULL)); /* err may be NULL */
    ty_doc_free(ev);
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(new_conversations_ticks_and_resumes) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    const ty_value *r = ft_step(&c, "{\"type\":\"tick\",\"at\":50,\"conversation\":\"z\",\"utc_offset\":3600}");
    ck_assert_str_eq(ft_acts(r), "");
    ck_assert_str_eq(ft_st(&c, "status"), "\"active\"");
    ck_assert_str_eq(ft_st(&c, "last_at"), "50");
    ck_assert_str_eq(ft_st(&c, "conversation"), "\"z\"");
    ck_assert_str_eq(ft_st(&c, "utc_offset"), "3600");
    r = ft_step(&c, EVR(60));
    ck_assert_str_eq(ft_acts(r), "");
    r = ft_step(&c, EVR(60)); /* the same time again is fine */
    ck_assert_str_eq(ft_acts(r), "");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

/* ===================================================================== *
 * Bounds, loops, allocation failure, determinism
 * ===================================================================== */

START_TEST(turns_are_bounded_and_cut) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    for (int i = 0; i < 12; i++) ft_step(&c, "{\"type\":\"message\",\"text\":\"qwerty %d\",\"at\":%d}", i, 10 + i);
    ck_assert_uint_eq(ty_value_count(ty_test_get(ft_state_root(&c), "turns")), 10);
    /* 300 two-byte letters: kept as 250 of them and an ellipsis */
    char msg[700] = "";
    for (int i = 0; i < 300; i++) strcat(msg, "\xc3\xa9");
    ft_step(&c, "{\"type\":\"message\",\"text\":\"%s\",\"at\":100}", msg);
    const ty_value *turns = ty_test_get(ft_state_root(&c), "turns");
    size_t n = 0;
    const char *t = ty_test_get_string(ty_value_item(turns, ty_value_count(turns) - 2), "text", &n);
    ck_assert_uint_eq(n, 503);
    ck_assert_int_eq(memcmp(t + 500, "\xe2\x80\xa6", 3), 0);
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(an_answer_too_large_to_keep_is_not_an_answer) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, EVM("book", 10));
    ft_step(&c, EVM("Haircut", 20));
    ft_step(&c, "{\"type\":\"message\",\"text\":\"tomorrow\",\"at\":30," TIMES "}");
    ft_step(&c, EVM("A", 40));
    char name[1500];
    memset(name, 'x', 1400);
    name[1400] = '\0';
    const ty_value *r = ft_step(&c, "{\"type\":\"message\",\"text\":\"%s\",\"at\":50}", name);
    ck_assert_str_eq(ft_evs(r), "reprompt");
    ck_assert_str_eq(ft_st(&c, "step"), "\"who\"");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(filled_slots_that_loop_are_stopped) {
    ty_playbook *pb = ft_load(ft_pb_b);
    ft_conv c;
    ft_init(&c, pb);
    ft_step(&c, EVM("go", 100));
    ft_set_state(&c, ft_sub(ft_json(ft_state_root(&c)), "\"slots\":{}", "\"slots\":{\"y\":\"no\"}"));
    ty_error err;
    /* x answered, y already filled: a -> b -> a -> ... never asks */
    ft_fail(&c, &err, EVM("yes", 200));
    ck_assert_int_eq(err.code, TY_E_LIMIT);
    ck_assert_int_eq(err.domain, TY_DOMAIN_PLAYBOOK);
    ck_assert_str_eq(err.path, "flows.loop.steps[1]");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

/* A varied script: every kind of event, over and over. */
static const char *ft_script(int i, char *buf, size_t cap, long long at) {
    static const char *texts[] = {"book", "Haircut", "qwerty", "tomorrow", "B", "Ana", "tips", "deal", "yes",
                                  "no", "person", "stop", "START", "Colour", "xyzzy", "book a colour for tomorrow"};
    int k = i % 19;
    if (k == 16) snprintf(buf, cap, "{\"type\":\"tick\",\"at\":%lld}", at);
    else if (k == 17) snprintf(buf, cap, "{\"type\":\"resume\",\"at\":%lld}", at);
    else if (k == 18) snprintf(buf, cap, "{\"type\":\"tick\",\"at\":%lld}", at); /* long after the last */
    else
        snprintf(buf, cap, "{\"type\":\"message\",\"text\":\"%s\",\"at\":%lld,\"conversation\":\"long\"," TIMES "}",
                 texts[k % 16], at);
    return buf;
}

START_TEST(ten_thousand_events_in_one_conversation) {
    ty_playbook *pb = ft_load(ft_pb_a);
    ft_conv c;
    ft_init(&c, pb);
    long long at = T0;
    size_t max = 0;
    char buf[512];
    int events = ty_test_lighter() ? 2000 : 10000; /* under valgrind: still far past the transcript's 10 turns */
    for (int i = 0; i < events; i++) {
        at += 997 + (i % 7) * 3000;
        if (i % 19 == 18) at += 200000;
        const ty_value *r = ft_step_ev(&c, ft_script(i, buf, sizeof buf, at));
        (void)r;
        size_t n = strlen(ft_json(ft_state_root(&c)));
        if (n > max) max = n;
    }
    ck_assert_msg(max < 4096, "state grew to %zu bytes", max);
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

/* Runs one event against a state with every allocation count until it
 * succeeds; each failure must be TY_E_NOMEM with nothing leaked. */
static void ft_oom_event(const ty_playbook *pb, long *countdown, const char *state, const char *event) {
    ty_error err;
    ty_doc *sd = state ? ty_doc_parse(state, strlen(state), NULL, &err) : NULL;
    ty_doc *ev = ty_doc_parse(event, strlen(event), NULL, &err);
    ck_assert_ptr_nonnull(ev);
    long base = ty_test_live_allocs();
    for (long n = 0;; n++) {
        *countdown = n;
        ty_doc *res = ty_playbook_step(pb, sd ? ty_doc_root(sd) : NULL, ty_doc_root(ev), &err);
        *countdown = -1;
        if (res) {
            ty_doc_free(res);
            ck_assert_int_eq(ty_test_live_allocs(), base);
            ck_assert_msg(n > 0, "a step allocates");
            break;
        }
        ck_assert_msg(err.code == TY_E_NOMEM, "n=%ld: %s %s", n, ty_code_name(err.code), err.message);
        ck_assert_int_eq(ty_test_live_allocs(), base);
        ck_assert_msg(n < 100000, "never succeeds");
    }
    ty_doc_free(sd);
    ty_doc_free(ev);
}

START_TEST(allocation_failure_at_every_site) {
    long countdown = -1;
    ty_alloc a = ty_test_failing_alloc(&countdown);
    ty_playbook_opts po;
    memset(&po, 0, sizeof po);
    po.alloc = &a;
    ty_error err;
    ty_playbook *pb = ty_playbook_load(ft_pb_a, strlen(ft_pb_a), &po, &err);
    ck_assert_ptr_nonnull(pb);
    const char *mid = ft_base_state(pb);
    /* a first message with entities (match, recognisers, options_from) */
    ft_oom_event(pb, &countdown, NULL,
                 "{\"type\":\"message\",\"text\":\"book a colour for tomorrow\",\"at\":1795000000,\"conversation\":"
                 "\"c-1\"," TIMES "}");
    /* a digression into a flow, a say intent, a re-ask, a handoff, a follow-up */
    ft_oom_event(pb, &countdown, mid, "{\"type\":\"message\",\"text\":\"deal\",\"at\":1795000100}");
    ft_oom_event(pb, &countdown, mid, "{\"type\":\"message\",\"text\":\"how much\",\"at\":1795000100," TIMES "}");
    ft_oom_event(pb, &countdown, mid, "{\"type\":\"message\",\"text\":\"qwerty\",\"at\":1795000100}");
    ft_oom_event(pb, &countdown, mid, "{\"type\":\"message\",\"text\":\"person\",\"at\":1795000100}");
    ft_oom_event(pb, &countdown, mid, "{\"type\":\"tick\",\"at\":1795100000}");
    ft_oom_event(pb, &countdown, mid, "{\"type\":\"message\",\"text\":\"stop\",\"at\":1795000100}");
    ty_playbook_free(pb);
    ck_assert_int_eq(ty_test_live_allocs(), 0);
}
END_TEST

START_TEST(stepping_is_deterministic) {
    const char *events[] = {
        "{\"type\":\"message\",\"text\":\"book a colour for tomorrow\",\"at\":1795000000,\"conversation\":\"d\"," TIMES "}",
        "{\"type\":\"message\",\"text\":\"the second one\",\"at\":1795000100}",
        "{\"type\":\"message\",\"text\":\"deal\",\"at\":1795000200}",
        "{\"type\":\"tick\",\"at\":1795090000}",
        "{\"type\":\"message\",\"text\":\"yes\",\"at\":1795090100," TIMES "}",
        "{\"type\":\"message\",\"text\":\"Ana\",\"at\":1795090200}",
    };
    char *out[2];
    for (int k = 0; k < 2; k++) {
        ty_playbook *pb = ft_load(ft_pb_a);
        ft_conv c;
        ft_init(&c, pb);
        ty_buf all;
        ty_buf_init(&all, NULL);
        for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
            ft_step_ev(&c, events[i]);
            ty_value_write_json(ty_doc_root(c.res), &all, NULL);
        }
        out[k] = strdup(all.ptr);
        ty_buf_free(&all);
        ft_done(&c);
        ty_playbook_free(pb);
    }
    ck_assert_str_eq(out[0], out[1]);
    free(out[0]);
    free(out[1]);
}
END_TEST

/* ===================================================================== *
 * The default playbook
 * ===================================================================== */

START_TEST(default_playbook_loads_and_follows_the_method) {
    size_t len = 0;
    const char *json = ty_default_playbook(&len);
    ck_assert_ptr_nonnull(json);
    ck_assert_uint_eq(len, strlen(json));
    ck_assert_ptr_eq(ty_default_playbook(NULL), json);
    ty_error err;
    ty_playbook *pb = ty_playbook_load(json, len, NULL, &err);
    ck_assert_msg(pb != NULL, "default playbook: %s: %s", err.path, err.message);
    /* every message: at most one question, no pressure or false urgency */
    ty_doc *d = ty_doc_parse(json, len, NULL, &err);
    ck_assert_ptr_nonnull(d);
    const ty_value *tpls = ty_test_get(ty_doc_root(d), "templates");
    ck_assert_uint_ge(ty_value_count(tpls), 20);
    static const char *const pressure[] = {"last chance", "act now", "only today", "hurry", "don't miss",
                                           "limited time", "let me know", "any questions", "feel free"};
    for (size_t i = 0; i < ty_value_count(tpls); i++) {
        const ty_value *t = ty_value_item(tpls, i);
        const ty_value *texts[8];
        size_t nt = 0;
        if (ty_value_kind(t) == TY_STRING) {
            texts[nt++] = t;
        } else {
            texts[nt++] = ty_test_get(t, "text");
            for (size_t k = 0; k < ty_value_count(ty_test_get(t, "variants")) && nt < 6; k++)
                texts[nt++] = ty_value_item(ty_test_get(t, "variants"), k);
            for (size_t k = 0; k < ty_value_count(ty_test_get(t, "channels")) && nt < 8; k++)
                texts[nt++] = ty_value_item(ty_test_get(t, "channels"), k);
        }
        for (size_t k = 0; k < nt; k++) {
            const char *s = ty_value_string(texts[k], NULL);
            ck_assert_ptr_nonnull(s);
            int q = 0;
            for (const char *p = s; *p; p++) q += *p == '?';
            ck_assert_msg(q <= 1, "template %s asks %d questions: %s", ty_value_key(tpls, i, NULL), q, s);
            char low[1024];
            size_t n = strlen(s) < sizeof low - 1 ? strlen(s) : sizeof low - 1;
            for (size_t j = 0; j < n; j++) low[j] = (char)(s[j] >= 'A' && s[j] <= 'Z' ? s[j] + 32 : s[j]);
            low[n] = '\0';
            for (size_t j = 0; j < sizeof pressure / sizeof pressure[0]; j++)
                ck_assert_msg(strstr(low, pressure[j]) == NULL, "template %s says \"%s\"", ty_value_key(tpls, i, NULL),
                              pressure[j]);
        }
    }
    /* choice slots offer two options */
    const ty_value *slots = ty_test_get(ty_doc_root(d), "slots");
    for (size_t i = 0; i < ty_value_count(slots); i++) {
        const ty_value *o = ty_test_get(ty_value_item(slots, i), "options");
        if (o) ck_assert_uint_eq(ty_value_count(o), 2);
    }
    ty_doc_free(d);
    ty_playbook_free(pb);
}
END_TEST

START_TEST(default_playbook_conversations) {
    size_t len;
    const char *json = ty_default_playbook(&len);
    ty_error err;
    ty_playbook *pb = ty_playbook_load(json, len, NULL, &err);
    ck_assert_ptr_nonnull(pb);
    ft_conv c;
    /* START opens the menu; "See prices" -> @pricing; "Full service" picks
     * the quote; "yes" -> @booking with the service already known */
    ft_init(&c, pb);
    const ty_value *r = ft_step(&c, EVMC("start", T0));
    ck_assert_str_eq(ft_acts(r), "send,schedule");
    ck_assert_str_eq(ty_test_get_string(ft_act(r, 0), "template", NULL), "welcome");
    ck_assert_uint_eq(ty_value_count(ty_test_get(ft_act(r, 0), "choices")), 2);
    r = ft_step(&c, EVM("See prices", T0 + 10));
    ck_assert_str_eq(ty_test_get_string(ft_act(r, 0), "template", NULL), "ask_service");
    ck_assert_str_eq(ft_st(&c, "flow"), "\"pricing\"");
    ck_assert_str_eq(ft_st(&c, "intent"), "\"pricing\"");
    r = ft_step(&c, EVM("Full service", T0 + 20));
    ck_assert_str_eq(ty_test_get_string(ft_act(r, 0), "template", NULL), "quote_full");
    r = ft_step(&c, EVM("yes", T0 + 30));
    ck_assert_str_eq(ty_test_get_string(ft_act(r, 0), "template", NULL), "ask_day");
    ck_assert_str_eq(ft_st(&c, "step"), "\"when\"");
    /* a person, on request, with the context */
    r = ft_step(&c, EVM("human", T0 + 40));
    ck_assert_str_eq(ft_acts(r), "send,handoff");
    ck_assert_ptr_nonnull(strstr(ty_test_get_string(ft_act(r, 1), "summary", NULL), "service: Full service"));
    ft_done(&c);
    /* STOP first thing: one confirmation, then silence */
    ft_init(&c, pb);
    r = ft_step(&c, EVMC("STOP", T0));
    ck_assert_str_eq(ft_acts(r), "send");
    ck_assert_str_eq(ty_test_get_string(ft_act(r, 0), "template", NULL), "stopped");
    r = ft_step(&c, EVM("hi", T0 + 10));
    ck_assert_str_eq(ft_acts(r), "");
    r = ft_step(&c, EVM("START", T0 + 20));
    ck_assert_str_eq(ty_test_get_string(ft_act(r, 0), "template", NULL), "welcome");
    ft_done(&c);
    ty_playbook_free(pb);
}
END_TEST

/* ===================================================================== *
 * Shared vectors: every JSON file in tests/vectors/conversations/
 * ===================================================================== */

/* The host that stores the state as text (ty_state_parse, then
 * ty_result_state_text) gets the same step as the one that keeps trees: the
 * same actions and events, and as the state the compact JSON of want's. */
static void ft_same_from_text(const ty_playbook *pb, const ty_doc *state, const ty_value *event, const ty_value *want,
                              const char *path, size_t i) {
    ty_error err;
    const char *prev = state ? ft_json(ty_doc_root(state)) : "null";
    ty_doc *sd = ty_state_parse(prev, strlen(prev), &err);
    ck_assert_msg(sd != NULL, "%s step %zu: %s", path, i, err.message);
    const ty_value *sv = ty_doc_root(sd);
    ty_doc *res = ty_playbook_step(pb, ty_value_kind(sv) == TY_NULL ? NULL : sv, event, &err);
    ck_assert_msg(res != NULL, "%s step %zu from text: %s", path, i, err.message);
    ck_assert_int_eq(ty_result_state_text(res, &err), TY_OK);
    const ty_value *r = ty_doc_root(res);
    size_t n;
    const char *text = ty_value_string(ty_test_get(r, "state"), &n);
    ck_assert_ptr_nonnull(text);
    const char *want_state = ft_json(ty_test_get(want, "state"));
    ck_assert_msg(n == strlen(want_state) && memcmp(text, want_state, n) == 0, "%s step %zu: state text", path, i);
    for (size_t k = 0; k < ty_value_count(r); k++) {
        size_t kl;
        const char *key = ty_value_key(r, k, &kl);
        if (kl == 5 && !memcmp(key, "state", 5)) continue;
        char name[32];
        snprintf(name, sizeof name, "%.*s", (int)kl, key);
        const char *got = ft_json(ty_value_item(r, k));
        ck_assert_msg(strcmp(got, ft_json(ty_test_get(want, name))) == 0, "%s step %zu: %s from text", path, i, name);
    }
    ty_doc_free(res);
    ty_doc_free(sd);
}

static void ft_run_vector(const char *path) {
    ty_error err;
    ty_doc *vd = ty_test_load_json(path, &err);
    ck_assert_msg(vd != NULL, "%s: %s", path, err.message);
    const ty_value *v = ty_doc_root(vd);
    ck_assert_msg(ty_test_get_string(v, "description", NULL) != NULL, "%s: no description", path);
    const ty_value *pbv = ty_test_get(v, "playbook");
    ty_playbook *pb;
    if (ty_value_kind(pbv) == TY_STRING) {
        ck_assert_str_eq(ty_value_string(pbv, NULL), "default");
        size_t len;
        const char *json = ty_default_playbook(&len);
        pb = ty_playbook_load(json, len, NULL, &err);
    } else {
        const char *json = ft_json(pbv);
        pb = ty_playbook_load(json, strlen(json), NULL, &err);
    }
    ck_assert_msg(pb != NULL, "%s: playbook: %s: %s", path, err.path, err.message);
    const ty_value *steps = ty_test_get(v, "steps");
    ck_assert_msg(ty_value_count(steps) > 0, "%s: no steps", path);
    ty_doc *state = NULL;
    for (size_t i = 0; i < ty_value_count(steps); i++) {
        const ty_value *st = ty_value_item(steps, i);
        const ty_value *exp = ty_test_get(st, "expected");
        ty_doc *res = ty_playbook_step(pb, state ? ty_doc_root(state) : NULL, ty_test_get(st, "event"), &err);
        ck_assert_msg(res != NULL, "%s step %zu: %s [%s] %s", path, i, ty_code_name(err.code), err.path, err.message);
        const ty_value *r = ty_doc_root(res);
        /* the whole result: "duplicate" is there only for a redelivered event */
        const char *got = ft_json(r), *want = ft_json(exp);
        ck_assert_msg(strcmp(got, want) == 0, "%s step %zu:\n got  %s\n want %s", path, i, got, want);
        const char *text = ft_json(ty_test_get(r, "state"));
        ft_same_from_text(pb, state, ty_test_get(st, "event"), r, path, i);
        ty_doc_free(state);
        state = ty_state_parse(text, strlen(text), &err);
        ck_assert_ptr_nonnull(state);
        ty_doc_free(res);
    }
    ty_doc_free(state);
    ty_playbook_free(pb);
    ty_doc_free(vd);
}

static int ft_cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* tests/vectors/state_edits.json: a state saved before each kind of edit,
 * stepped and migrated on the edited playbook, exactly as the vector says. */
static void ft_edit_expect(const char *what, const char *name, ty_doc *got, const ty_error *err, const ty_value *want) {
    const ty_value *we = ty_test_get(want, "error");
    if (we) {
        ck_assert_msg(got == NULL, "%s %s: accepted", name, what);
        ck_assert_str_eq(ty_domain_name(err->domain), ty_test_get_string(we, "code", NULL));
        ck_assert_str_eq(ty_code_reason(err->code), ty_test_get_string(we, "reason", NULL));
        ck_assert_str_eq(err->path, ty_test_get_string(we, "path", NULL));
        ck_assert_str_eq(err->message, ty_test_get_string(we, "message", NULL));
        return;
    }
    ck_assert_msg(got != NULL, "%s %s: %s: %s", name, what, err->path, err->message);
    ck_assert_str_eq(ft_json(ty_doc_root(got)), ft_json(ty_test_get(want, "expected")));
    ty_doc_free(got);
}

/* tests/vectors/state_text.json: stored texts ty_state_parse reads (and
 * the step's status) or refuses (code, reason, path, message, place); and
 * a text over the limit, refused by its length alone: the bytes are never read. */
START_TEST(state_text_vectors) {
    char path[1024];
    snprintf(path, sizeof path, "%s/state_text.json", ty_test_vectors_dir());
    ty_error err;
    ty_doc *vd = ty_test_load_json(path, &err);
    ck_assert_msg(vd != NULL, "%s: %s", path, err.message);
    size_t len;
    const char *json = ty_default_playbook(&len);
    ty_playbook *pb = ty_playbook_load(json, len, NULL, &err);
    ck_assert_ptr_nonnull(pb);
    const ty_value *event = ty_test_get(ty_doc_root(vd), "event"), *tests = ty_test_get(ty_doc_root(vd), "tests");
    ck_assert_uint_gt(ty_value_count(tests), 10);
    for (size_t i = 0; i < ty_value_count(tests); i++) {
        const ty_value *t = ty_value_item(tests, i), *want = ty_test_get(t, "error");
        const char *name = ty_test_get_string(t, "name", NULL);
        size_t n;
        const char *src = ty_value_string(ty_test_get(t, "source"), &n);
        memset(&err, 0, sizeof err);
        ty_doc *sd = ty_state_parse(src, n, &err);
        ty_doc *res = NULL;
        if (sd) {
            const ty_value *sv = ty_doc_root(sd);
            res = ty_playbook_step(pb, ty_value_kind(sv) == TY_NULL ? NULL : sv, event, &err);
        }
        if (!ty_value_kind(want)) {
            ck_assert_msg(res != NULL, "%s: %s", name, err.message);
            const char *status = ty_value_string(ty_test_get(ty_test_get(ty_doc_root(res), "state"), "status"), NULL);
            ck_assert_str_eq(status, ty_test_get_string(t, "status", NULL));
        } else {
            ck_assert_msg(res == NULL, "%s: accepted", name);
            ck_assert_int_eq(err.domain, TY_DOMAIN_STATE);
            ck_assert_str_eq(ty_domain_name(err.domain), ty_test_get_string(want, "code", NULL));
            ck_assert_str_eq(ty_code_reason(err.code), ty_test_get_string(want, "reason", NULL));
            ck_assert_str_eq(err.path, ty_test_get_string(want, "path", NULL));
            ck_assert_str_eq(err.message, ty_test_get_string(want, "message", NULL));
            ck_assert_uint_eq(err.line, (unsigned)ty_value_number(ty_test_get(want, "line")));
            ck_assert_uint_eq(err.col, (unsigned)ty_value_number(ty_test_get(want, "col")));
        }
        ty_doc_free(res);
        ty_doc_free(sd);
    }
    static const char one[] = "{";
    ck_assert_ptr_null(ty_state_parse(one, (size_t)TY_STATE_MAX_BYTES + 1, &err));
    ck_assert_int_eq(err.code, TY_E_LIMIT);
    ck_assert_int_eq(err.domain, TY_DOMAIN_STATE);
    ty_playbook_free(pb);
    ty_doc_free(vd);
}
END_TEST

START_TEST(state_edit_vectors) {
    char path[1024];
    ty_error err;
    ty_doc *vd = ty_test_load_json(ty_test_path(path, sizeof path, ty_test_vectors_dir(), "state_edits.json"), &err);
    ck_assert_msg(vd != NULL, "%s", err.message);
    const ty_value *root = ty_doc_root(vd), *before = ty_test_get(root, "before");
    /* the saved state is what the base playbook leaves */
    ty_playbook *base = ft_load(ft_json(ty_test_get(before, "playbook")));
    ft_conv c;
    ft_init(&c, base);
    const ty_value *evs = ty_test_get(before, "events");
    for (size_t i = 0; i < ty_value_count(evs); i++) ft_step(&c, "%s", ft_json(ty_value_item(evs, i)));
    ck_assert_str_eq(ft_json(ft_state_root(&c)), ft_json(ty_test_get(root, "state")));
    ft_done(&c);
    ty_playbook_free(base);
    const ty_value *state = ty_test_get(root, "state"), *next = ty_test_get(root, "next");
    const ty_value *tests = ty_test_get(root, "tests");
    for (size_t i = 0; i < ty_value_count(tests); i++) {
        const ty_value *t = ty_value_item(tests, i);
        const char *name = ty_test_get_string(t, "name", NULL);
        ty_playbook *pb = ft_load(ft_json(ty_test_get(t, "after")));
        ty_doc *r = ty_playbook_step(pb, state, next, &err);
        ft_edit_expect("step", name, r, &err, ty_test_get(t, "step"));
        const ty_value *mig = ty_test_get(t, "migrate");
        r = ty_playbook_migrate(pb, state, (int64_t)ty_value_number(ty_test_get(mig, "at")), &err);
        ft_edit_expect("migrate", name, r, &err, mig);
        ty_playbook_free(pb);
    }
    /* migrating fails cleanly at every allocation: out of memory, nothing leaked, then the same result */
    const ty_value *t = ty_value_item(tests, 4); /* remove_pending_step: drops, resumes, asks */
    ck_assert_str_eq(ty_test_get_string(t, "name", NULL), "remove_pending_step");
    long countdown = -1;
    ty_alloc a = ty_test_failing_alloc(&countdown);
    ty_playbook_opts o = {.alloc = &a};
    const char *src = ft_json(ty_test_get(t, "after"));
    ty_playbook *pb = ty_playbook_load(src, strlen(src), &o, &err);
    ck_assert_ptr_nonnull(pb);
    const char *want = ft_json(ty_test_get(ty_test_get(t, "migrate"), "expected"));
    long live = ty_test_live_allocs(), n = 0;
    ty_doc *r;
    for (;; n++) {
        ck_assert_int_lt(n, 100000);
        countdown = n;
        if ((r = ty_playbook_migrate(pb, state, 1795000600, &err))) break;
        ck_assert_int_eq(err.code, TY_E_NOMEM);
        ck_assert_int_eq(ty_test_live_allocs(), live);
    }
    countdown = -1;
    ck_assert_int_gt(n, 0);
    ck_assert_str_eq(ft_json(ty_doc_root(r)), want);
    ty_doc_free(r);
    ty_playbook_free(pb);
    ty_doc_free(vd);
}
END_TEST

/* A state written before playbooks had ids names the structure's
 * fingerprint: read while the structure is the same; state_ttl stamps
 * "expires"; migrate's own argument errors. */
START_TEST(legacy_states_expiry_and_migrate_arguments) {
    ty_playbook *pb = ft_load(ft_pb_a);
    const char *base = ft_base_state(pb);
    char fp[17];
    ty_flow_fingerprint(pb, fp);
    const char *legacy = ft_sub(base, "\"Test Studio\"", ft_fmt("\"%s\"", fp));
    const char *r = ft_step_json(pb, legacy, "{\"type\":\"tick\",\"at\":1795000100}");
    ck_assert_ptr_nonnull(strstr(r, "\"playbook\":\"Test Studio\""));
    ty_playbook *other = ft_load(ft_pb_b);
    ty_error err;
    ty_doc *sd = ty_doc_parse(legacy, strlen(legacy), NULL, &err);
    ck_assert_ptr_null(ty_playbook_migrate(other, ty_doc_root(sd), 1795000100, &err));
    ck_assert_int_eq(err.code, TY_E_STATE);
    ck_assert_str_eq(err.path, "state.playbook");
    ck_assert_ptr_null(ty_playbook_migrate(pb, ty_doc_root(sd), -1, &err));
    ck_assert_int_eq(err.code, TY_E_ARG);
    ck_assert_ptr_null(ty_playbook_migrate(pb, ty_doc_root(sd), 1795000000, &err)); /* before its last event */
    ck_assert_int_eq(err.code, TY_E_ARG);
    ck_assert_str_eq(err.path, "at");
    ck_assert_ptr_null(ty_playbook_migrate(pb, NULL, 1795000100, &err));
    ck_assert_int_eq(err.code, TY_E_ARG);
    ty_doc_free(sd);
    ty_playbook_free(other);
    ty_playbook_free(pb);
    /* state_ttl */
    ty_playbook_opts o = {.state_ttl = 600};
    pb = ty_playbook_load(ft_pb_a, strlen(ft_pb_a), &o, &err);
    ck_assert_msg(pb != NULL, "%s", err.message);
    r = ft_step_json(pb, "null", "{\"type\":\"message\",\"text\":\"book\",\"at\":1795000000}");
    ck_assert_ptr_nonnull(strstr(r, "\"expires\":1795000600"));
    ty_playbook_free(pb);
    o.state_ttl = -5;
    ck_assert_ptr_null(ty_playbook_load(ft_pb_a, strlen(ft_pb_a), &o, &err));
    ck_assert_int_eq(err.code, TY_E_ARG);
}
END_TEST

START_TEST(shared_conversation_vectors) {
    char dir[1024];
    ty_test_path(dir, sizeof dir, ty_test_vectors_dir(), "conversations");
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s (run from the repository root or set TINYYES_VECTORS)", dir);
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t l = strlen(e->d_name);
        if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0) names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], ft_cmp_names);
    ck_assert_msg(n >= 6, "expected at least 6 conversation vectors in %s, found %zu", dir, n);
    for (size_t i = 0; i < n; i++) {
        char path[1400];
        ft_run_vector(ty_test_path(path, sizeof path, dir, names[i]));
        free(names[i]);
    }
}
END_TEST

/* ===================================================================== *
 * main
 * ===================================================================== */

static Suite *ft_suite(void) {
    Suite *s = suite_create("flow");
    TCase *t;
    t = tcase_create("first_message");
    tcase_add_test(t, first_message_entities_fill_slots_and_skip_steps);
    tcase_add_test(t, send_schedule_and_metric_shapes);
    tcase_add_test(t, choice_slot_renders_as_its_title);
    tcase_add_test(t, say_intent_answers_and_repeats_the_pending_ask);
    tcase_add_test(t, no_intent_or_no_behaviour_gets_the_fallback);
    tcase_add_test(t, a_template_that_cannot_render_is_an_error);
    suite_add_tcase(s, t);
    t = tcase_create("replies");
    tcase_add_test(t, reprompt_with_same_options_then_handoff);
    tcase_add_test(t, digression_into_a_flow_then_back_to_the_pending_ask);
    tcase_add_test(t, a_digression_question_fills_what_it_mentions);
    tcase_add_test(t, an_end_inside_a_digression_ends_only_the_digression);
    tcase_add_test(t, safe_exit_keywords_win_over_answers);
    suite_add_tcase(s, t);
    t = tcase_create("exits");
    tcase_add_test(t, opt_out_is_silent_for_good_until_start);
    tcase_add_test(t, unstop_and_opt_in_intents_lift_an_opt_out);
    tcase_add_test(t, handoff_with_context_then_silence_until_resume);
    tcase_add_test(t, stop_during_handoff_opts_out_silently);
    suite_add_tcase(s, t);
    t = tcase_create("time");
    tcase_add_test(t, followups_then_no_response_close);
    tcase_add_test(t, a_reply_makes_old_ticks_stale);
    tcase_add_test(t, quiet_hours_defer_followups);
    tcase_add_test(t, quiet_hours_arithmetic);
    tcase_add_test(t, close_after_without_followups_and_no_fallback);
    suite_add_tcase(s, t);
    t = tcase_create("ends");
    tcase_add_test(t, end_sends_the_summary_and_closes);
    tcase_add_test(t, variants_are_deterministic_and_channels_win);
    tcase_add_test(t, sends_and_events_name_their_wording);
    suite_add_tcase(s, t);
    t = tcase_create("validation");
    tcase_add_test(t, bad_states_are_clear_errors);
    tcase_add_test(t, check_is_optional_in_states);
    tcase_add_test(t, bad_events_are_clear_errors);
    tcase_add_test(t, new_conversations_ticks_and_resumes);
    suite_add_tcase(s, t);
    t = tcase_create("robustness");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, turns_are_bounded_and_cut);
    tcase_add_test(t, an_answer_too_large_to_keep_is_not_an_answer);
    tcase_add_test(t, filled_slots_that_loop_are_stopped);
    tcase_add_test(t, ten_thousand_events_in_one_conversation);
    tcase_add_test(t, allocation_failure_at_every_site);
    tcase_add_test(t, stepping_is_deterministic);
    suite_add_tcase(s, t);
    t = tcase_create("default");
    tcase_add_test(t, default_playbook_loads_and_follows_the_method);
    tcase_add_test(t, default_playbook_conversations);
    suite_add_tcase(s, t);
    t = tcase_create("vectors");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, shared_conversation_vectors);
    tcase_add_test(t, event_ids_taps_and_late_events);
    tcase_add_test(t, state_edit_vectors);
    tcase_add_test(t, state_text_vectors);
    tcase_add_test(t, legacy_states_expiry_and_migrate_arguments);
    suite_add_tcase(s, t);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(ft_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    for (unsigned i = 0; i < 256; i++) free(ft_ring[i]);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
