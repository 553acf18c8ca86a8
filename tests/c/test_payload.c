/*
 * test_payload.c — Check tests for csrc/src/payload.c (README.md): the
 * shared vectors in tests/vectors/payloads.json, the limits table, cutting
 * at grapheme boundaries (checked against every boundary utf8proc reports),
 * the SMS encodings and segment rules, titles of 1 KiB on every channel,
 * bad inputs (invalid UTF-8, NUL, sizes, shapes, options), allocation
 * failure at every site, a reply to a rendered payload recognised by the
 * flow on every channel (end to end), followups_within_window, and the
 * cleaning rule of payload_clean.c over every code point.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "testutil.h"
#include "tinyyes.h"

/* White-box: the limits table, measuring and cutting, SMS. */
#include "../../csrc/src/payload.h"

static char *pt_json(const ty_value *v) {
    ty_buf b;
    ty_buf_init(&b, NULL);
    ck_assert_int_eq(ty_value_write_json(v, &b, NULL), 0);
    return b.ptr ? b.ptr : strdup("");
}

static ty_doc *pt_parse(const char *json) {
    ty_error e;
    ty_doc *d = ty_test_parse_json(json, strlen(json), &e);
    ck_assert_msg(d != NULL, "%s: %s", json, e.message);
    return d;
}

/* The payload of an action (JSON text) for a channel, as JSON, or
 * "ERR <reason> [<path>] <message>". */
static char *pt_payload(const char *action, const char *channel, const ty_payload_opts *o) {
    ty_doc *a = pt_parse(action);
    ty_error e;
    ty_doc *d = ty_payload(ty_doc_root(a), channel, strlen(channel), o, &e);
    ty_doc_free(a);
    if (!d) {
        char *s = malloc(800);
        snprintf(s, 800, "ERR %s [%s] %s", ty_code_reason(e.code), e.path, e.message);
        return s;
    }
    char *s = pt_json(ty_doc_root(d));
    ty_doc_free(d);
    return s;
}

/* ===================================================================== *
 * Vectors
 * ===================================================================== */

static void pt_options(const ty_value *ov, ty_payload_opts *o) {
    memset(o, 0, sizeof *o);
    const ty_value *v;
    if ((v = ty_test_get(ov, "at"))) o->has_at = 1, o->at = (int64_t)ty_value_number(v);
    if ((v = ty_test_get(ov, "last_customer_at")))
        o->has_last_customer_at = 1, o->last_customer_at = (int64_t)ty_value_number(v);
    size_t n;
    const char *s;
    if ((s = ty_test_get_string(ov, "parse_mode", &n))) {
        o->parse_mode = ty_parse_mode_parse(s, n);
        ck_assert_int_ge(o->parse_mode, 0);
    }
    if ((v = ty_test_get(ov, "human_agent"))) o->human_agent = ty_value_kind(v) == TY_TRUE;
    if ((s = ty_test_get_string(ov, "to", &n))) o->to = s, o->to_len = n;
    if ((s = ty_test_get_string(ov, "locale", &n))) o->locale = s, o->locale_len = n;
    if ((s = ty_test_get_string(ov, "whatsapp_link", &n))) o->whatsapp_link = s, o->whatsapp_link_len = n;
}

START_TEST(shared_vectors) {
    char path[1024];
    ty_error e;
    ty_doc *vd = ty_test_load_json(ty_test_path(path, sizeof path, ty_test_vectors_dir(), "payloads.json"), &e);
    ck_assert_msg(vd != NULL, "%s: %s", path, e.message);
    const ty_value *tests = ty_test_get(ty_doc_root(vd), "tests");
    size_t n = ty_value_count(tests), failed = 0;
    ck_assert_uint_ge(n, 40);
    bool channels[TY_PB_CHANNEL_COUNT] = {false};
    for (size_t i = 0; i < n; i++) {
        const ty_value *t = ty_value_item(tests, i);
        const char *name = ty_test_get_string(t, "name", NULL);
        ck_assert_ptr_nonnull(ty_test_get_string(t, "description", NULL));
        size_t cl;
        const char *ch = ty_test_get_string(t, "channel", &cl);
        ty_payload_opts o;
        pt_options(ty_test_get(t, "options"), &o);
        ty_doc *d = ty_payload(ty_test_get(t, "action"), ch, cl, &o, &e);
        const ty_value *want_err = ty_test_get(t, "error");
        if (want_err) {
            if (d || strcmp(ty_domain_name(e.domain), ty_test_get_string(want_err, "code", NULL)) ||
                strcmp(ty_code_reason(e.code), ty_test_get_string(want_err, "reason", NULL)) ||
                strcmp(e.path, ty_test_get_string(want_err, "path", NULL)) ||
                strcmp(e.message, ty_test_get_string(want_err, "message", NULL))) {
                fprintf(stderr, "payload vector %s: got %s [%s] %s\n", name, d ? "a payload" : ty_code_reason(e.code),
                        e.path, e.message);
                failed++;
            }
            ty_doc_free(d);
            continue;
        }
        if (!d) {
            fprintf(stderr, "payload vector %s: %s\n", name, e.message);
            failed++;
            continue;
        }
        char *got = pt_json(ty_doc_root(d)), *want = pt_json(ty_test_get(t, "expected"));
        if (strcmp(got, want)) {
            fprintf(stderr, "payload vector %s:\n  got  %s\n  want %s\n", name, got, want);
            failed++;
        }
        int k = ty_pb_channel_parse(ch, cl);
        if (k >= 0) channels[k] = true;
        free(got);
        free(want);
        ty_doc_free(d);
    }
    for (int k = 0; k < TY_PB_CHANNEL_COUNT; k++) ck_assert_msg(channels[k], "no vector for %s", ty_pb_channel_name(k));
    ty_doc_free(vd);
    ck_assert_msg(failed == 0, "%zu of %zu payload vectors failed", failed, n);
}
END_TEST

/* ===================================================================== *
 * The table, measuring, cutting
 * ===================================================================== */

START_TEST(limits_table) {
    for (int k = 0; k < TY_PB_CHANNEL_COUNT; k++) {
        const ty_channel_limits *L = ty_channel_limits_of(k);
        ck_assert_ptr_nonnull(L);
        ck_assert_str_eq(L->name, ty_pb_channel_name(k));
        ck_assert_ptr_nonnull(L->label);
    }
    ck_assert_ptr_null(ty_channel_limits_of(-1));
    ck_assert_ptr_null(ty_channel_limits_of(TY_PB_CHANNEL_COUNT));
    const ty_channel_limits *w = ty_channel_limits_of(TY_PB_CHANNEL_WHATSAPP);
    ck_assert_uint_eq(w->buttons_max, 3);
    ck_assert_uint_eq(w->button_title_max, 20);
    ck_assert_uint_eq(w->list_rows_max, 10);
    ck_assert_int_eq(w->window, 86400);
    ck_assert_uint_eq(ty_channel_limits_of(TY_PB_CHANNEL_MESSENGER)->buttons_max, 13);
    ck_assert_int_eq(ty_channel_limits_of(TY_PB_CHANNEL_INSTAGRAM)->agent_window, 7 * 86400);
    ck_assert_uint_eq(ty_channel_limits_of(TY_PB_CHANNEL_TELEGRAM)->button_id_max, 64);
    ck_assert_int_eq(ty_channel_limits_of(TY_PB_CHANNEL_TELEGRAM)->button_id_unit, TY_UNIT_BYTES);
    const ty_channel_limits *s = ty_channel_limits_of(TY_PB_CHANNEL_SMS);
    ck_assert_uint_eq(s->sms_gsm_single, 160);
    ck_assert_uint_eq(s->sms_gsm_part, 153);
    ck_assert_uint_eq(s->sms_ucs2_single, 70);
    ck_assert_uint_eq(s->sms_ucs2_part, 67);
}
END_TEST

START_TEST(measuring) {
    ck_assert_uint_eq(ty_text_units("abc", 3, TY_UNIT_UTF16), 3);
    ck_assert_uint_eq(ty_text_units("\xc3\xa9", 2, TY_UNIT_UTF16), 1);         /* é */
    ck_assert_uint_eq(ty_text_units("\xe2\x82\xac", 3, TY_UNIT_UTF16), 1);     /* € */
    ck_assert_uint_eq(ty_text_units("\xf0\x9f\x91\x8b", 4, TY_UNIT_UTF16), 2); /* 👋 */
    ck_assert_uint_eq(ty_text_units("\xf0\x9f\x91\x8b", 4, TY_UNIT_BYTES), 4);
    ck_assert_int_eq(ty_parse_mode_parse("HTML", 4), TY_PARSE_MODE_HTML);
    ck_assert_int_eq(ty_parse_mode_parse("MarkdownV2", 10), TY_PARSE_MODE_MARKDOWNV2);
    ck_assert_int_eq(ty_parse_mode_parse("none", 4), TY_PARSE_MODE_NONE);
    ck_assert_int_eq(ty_parse_mode_parse("markdown", 8), TY_E_ARG);
    ck_assert_int_eq(ty_parse_mode_parse(NULL, 0), TY_E_ARG);
}
END_TEST

/* Grapheme boundaries of s, computed independently with utf8proc_iterate. */
static size_t pt_boundaries(const char *s, size_t n, size_t *out) {
    size_t k = 0, i = 0;
    utf8proc_int32_t prev = -1, state = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        ck_assert_int_gt(len, 0);
        if (prev < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state)) out[k++] = i;
        prev = cp;
        i += (size_t)len;
    }
    out[k++] = n;
    return k;
}

/* Every cut, at every limit, ends at a grapheme boundary, is the longest
 * such prefix, and never exceeds the limit. */
START_TEST(cuts_land_on_grapheme_boundaries) {
    static const char *const samples[] = {
        "Family \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7\xe2\x80\x8d\xf0\x9f\x91\xa6 day",
        "Cafe\xcc\x81\xcc\x81\xcc\x81 au lait", /* a letter with three combining marks */
        "\xf0\x9f\x87\xac\xf0\x9f\x87\xa7\xf0\x9f\x87\xab\xf0\x9f\x87\xb7\xf0\x9f\x87\xa9", /* flags and a lone indicator */
        "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd ok \xe2\x9d\xa4\xef\xb8\x8f",                     /* skin tone, VS16 */
        "\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d\xe0\xa4\xa4\xe0\xa5\x87",           /* Devanagari namaste */
        "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 \xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab",         /* Hangul, and jamo */
        "a\r\nb",
    };
    for (size_t k = 0; k < sizeof samples / sizeof samples[0]; k++) {
        const char *s = samples[k];
        size_t n = strlen(s), b[256];
        size_t nb = pt_boundaries(s, n, b);
        for (int unit = 0; unit < 2; unit++)
            for (size_t max = 0; max <= ty_text_units(s, n, unit) + 1; max++) {
                size_t cut = ty_grapheme_prefix(s, n, max, unit);
                bool at = false;
                size_t best = 0;
                for (size_t j = 0; j < nb; j++) {
                    if (b[j] == cut) at = true;
                    if (ty_text_units(s, b[j], unit) <= max) best = b[j];
                }
                ck_assert_msg(at, "sample %zu max %zu: cut %zu is not a boundary", k, max, cut);
                ck_assert_msg(cut == best, "sample %zu max %zu: cut %zu, longest %zu", k, max, cut, best);
                ck_assert_uint_le(ty_text_units(s, cut, unit), max);
            }
    }
}
END_TEST

START_TEST(sms_encoding_and_segments) {
    ty_sms_info i;
    char buf[1024];
    ty_sms_measure("", 0, &i);
    ck_assert(i.gsm);
    ck_assert_uint_eq(i.segments, 0);
    /* the whole basic set and extension table are GSM-7 */
    static const char basic[] = "@\xc2\xa3$\xc2\xa5\xc3\xa8\xc3\xa9\xc3\xb9\xc3\xac\xc3\xb2\xc3\x87\n\xc3\x98\xc3\xb8\r"
                                "\xc3\x85\xc3\xa5\xce\x94_\xce\xa6\xce\x93\xce\x9b\xce\xa9\xce\xa0\xce\xa8\xce\xa3\xce\x98"
                                "\xce\x9e\xc3\x86\xc3\xa6\xc3\x9f\xc3\x89 !\"#\xc2\xa4%&'()*+,-./0123456789:;<=>?\xc2\xa1"
                                "ABCDEFGHIJKLMNOPQRSTUVWXYZ\xc3\x84\xc3\x96\xc3\x91\xc3\x9c\xc2\xa7\xc2\xbf"
                                "abcdefghijklmnopqrstuvwxyz\xc3\xa4\xc3\xb6\xc3\xb1\xc3\xbc\xc3\xa0";
    ty_sms_measure(basic, sizeof basic - 1, &i);
    ck_assert(i.gsm);
    ck_assert_uint_eq(i.units, 127); /* 128 positions less ESC */
    static const char ext[] = "\f^{}\\[~]|\xe2\x82\xac";
    ty_sms_measure(ext, sizeof ext - 1, &i);
    ck_assert(i.gsm);
    ck_assert_uint_eq(i.units, 20);
    /* outside: backtick, tab, ç (only Ç is GSM), ’, emoji, Cyrillic */
    static const char *const ucs[] = {"`", "\t", "\xc3\xa7", "\xe2\x80\x99", "\xf0\x9f\x98\x80", "\xd0\x96"};
    for (size_t k = 0; k < 6; k++) {
        snprintf(buf, sizeof buf, "ok %s", ucs[k]);
        ty_sms_measure(buf, strlen(buf), &i);
        ck_assert_msg(!i.gsm, "%s should be UCS-2", ucs[k]);
        ck_assert_uint_eq(i.first_ucs2, 3);
    }
    /* GSM-7: 160 / 161 / 306 / 307 */
    size_t sizes[][2] = {{160, 1}, {161, 2}, {306, 2}, {307, 3}, {459, 3}, {460, 4}};
    for (size_t k = 0; k < 6; k++) {
        memset(buf, 'a', sizes[k][0]);
        ty_sms_measure(buf, sizes[k][0], &i);
        ck_assert_uint_eq(i.segments, sizes[k][1]);
    }
    /* UCS-2: 70 / 71 / 134 / 135 (Cyrillic Ж is two bytes, one unit) */
    size_t usz[][2] = {{70, 1}, {71, 2}, {134, 2}, {135, 3}};
    for (size_t k = 0; k < 4; k++) {
        for (size_t j = 0; j < usz[k][0]; j++) memcpy(buf + 2 * j, "\xd0\x96", 2);
        ty_sms_measure(buf, 2 * usz[k][0], &i);
        ck_assert(!i.gsm);
        ck_assert_uint_eq(i.units, usz[k][0]);
        ck_assert_uint_eq(i.segments, usz[k][1]);
    }
    /* a surrogate pair never straddles: 66 Ж + 😀 + 67 Ж = 135 units; naively
     * 3 parts of 67, but the emoji moves whole into part 2: 66 | 2+65 | 2 */
    size_t o = 0;
    for (size_t j = 0; j < 66; j++) memcpy(buf + o, "\xd0\x96", 2), o += 2;
    memcpy(buf + o, "\xf0\x9f\x98\x80", 4), o += 4;
    for (size_t j = 0; j < 67; j++) memcpy(buf + o, "\xd0\x96", 2), o += 2;
    ty_sms_measure(buf, o, &i);
    ck_assert_uint_eq(i.units, 135);
    ck_assert_uint_eq(i.segments, 3);
    /* 67 Ж + 😀 + 66 Ж = 135 as well, with the pair after a full part */
    o = 0;
    for (size_t j = 0; j < 67; j++) memcpy(buf + o, "\xd0\x96", 2), o += 2;
    memcpy(buf + o, "\xf0\x9f\x98\x80", 4), o += 4;
    for (size_t j = 0; j < 65; j++) memcpy(buf + o, "\xd0\x96", 2), o += 2;
    ty_sms_measure(buf, o, &i);
    ck_assert_uint_eq(i.units, 134);
    ck_assert_uint_eq(i.segments, 2);
}
END_TEST

/* ===================================================================== *
 * Titles of 1 KiB, many choices, bad inputs
 * ===================================================================== */

START_TEST(kilobyte_titles_on_every_channel) {
    char title[1100], action[4000];
    memset(title, 'T', 1024);
    title[1024] = '\0';
    snprintf(action, sizeof action,
             "{\"type\":\"send\",\"text\":\"Which?\",\"choices\":[{\"id\":\"big\",\"title\":\"%s\"},{\"id\":\"s\","
             "\"title\":\"Small\"}]}",
             title);
    static const char *const channels[] = {"whatsapp", "messenger", "instagram", "telegram", "webchat", "sms"};
    static const char *const expect[] = {
        /* whatsapp: the choice id, the title cut */
        "\"reply\":{\"id\":\"big\",\"title\":\"TTTTTTTTTTTTTTTTTTT\xe2\x80\xa6\"}",
        /* messenger and instagram: the same */
        "{\"content_type\":\"text\",\"title\":\"TTTTTTTTTTTTTTTTTTT\xe2\x80\xa6\",\"payload\":\"big\"}",
        "\"payload\":\"big\"",
        /* telegram: the label cut at 64, callback_data the id */
        "\"callback_data\":\"big\"",
        /* web chat: the id, and the title whole; SMS: the title whole */
        "\"id\":\"big\",\"title\":\"TTTT",
        "A) TTTT",
    };
    for (size_t c = 0; c < 6; c++) {
        char *got = pt_payload(action, channels[c], NULL);
        ck_assert_msg(strstr(got, expect[c]) != NULL, "%s: %s", channels[c], got);
        free(got);
    }
    /* a title that fits neither as an id nor whose id fits: numbered text */
    char id[400];
    memset(id, 'i', 300);
    id[300] = '\0';
    snprintf(action, sizeof action,
             "{\"type\":\"send\",\"text\":\"Which?\",\"choices\":[{\"id\":\"%s\",\"title\":\"%s\"},{\"id\":\"s\","
             "\"title\":\"Small\"}]}",
             id, title);
    char *got = pt_payload(action, "whatsapp", NULL);
    ck_assert_msg(strstr(got, "\"type\":\"text\"") && strstr(got, "\\n\\n1) TTT"), "%s", got);
    free(got);
}
END_TEST

START_TEST(telegram_markup_over_ten_kib_is_numbered) {
    ty_buf b;
    ty_buf_init(&b, NULL);
    ty_buf_puts(&b, "{\"type\":\"send\",\"text\":\"Pick\",\"choices\":[");
    /* 100 titles and ids of 35 characters: the keyboard is 3321 + 200 * 35 =
     * 10321 bytes of JSON, over 10240; the numbered text is 3997 characters */
    for (int i = 0; i < 100; i++) {
        char one[200];
        snprintf(one, sizeof one,
                 "%s{\"id\":\"a-fairly-long-option-id-number-%03dx\",\"title\":\"A fairly long option title, no %03d.\"}",
                 i ? "," : "", i, i);
        ty_buf_puts(&b, one);
    }
    ty_buf_puts(&b, "]}");
    char *got = pt_payload(b.ptr, "telegram", NULL);
    ck_assert_msg(!strstr(got, "reply_markup") && strstr(got, "100) A fairly"), "%s", got);
    free(got);
    /* 30 short ones fit: a keyboard */
    b.len = 0;
    ty_buf_puts(&b, "{\"type\":\"send\",\"text\":\"Pick\",\"choices\":[");
    for (int i = 0; i < 30; i++) {
        char one[100];
        snprintf(one, sizeof one, "%s{\"id\":\"c%d\",\"title\":\"T%d\"}", i ? "," : "", i, i);
        ty_buf_puts(&b, one);
    }
    ty_buf_puts(&b, "]}");
    got = pt_payload(b.ptr, "telegram", NULL);
    ck_assert_msg(strstr(got, "reply_markup"), "%s", got);
    free(got);
    ty_buf_free(&b);
}
END_TEST

START_TEST(bad_inputs) {
    ty_error e;
    /* NULL action, NULL or unknown channel */
    ck_assert_ptr_null(ty_payload(NULL, "sms", 3, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ty_doc *a = pt_parse("{\"type\":\"send\",\"text\":\"Hi?\"}");
    ck_assert_ptr_null(ty_payload(ty_doc_root(a), NULL, 0, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ck_assert_ptr_null(ty_payload(ty_doc_root(a), "sms\0x", 5, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_ARG);
    ck_assert_ptr_null(ty_payload(ty_doc_root(a), "\xff\xfe", 2, NULL, &e));
    ck_assert_str_eq(e.message, "unknown channel \"\" (allowed: whatsapp, messenger, instagram, telegram, webchat, sms)");
    ck_assert_ptr_null(ty_payload(ty_doc_root(a), "WhatsApp", 8, NULL, NULL)); /* names are exact; err may be NULL */
    /* options */
    ty_payload_opts o;
    memset(&o, 0, sizeof o);
    o.parse_mode = 7;
    ck_assert_ptr_null(ty_payload(ty_doc_root(a), "telegram", 8, &o, &e));
    ck_assert_str_eq(e.path, "options.parse_mode");
    memset(&o, 0, sizeof o);
    o.to = "a\0b";
    o.to_len = 3;
    ck_assert_ptr_null(ty_payload(ty_doc_root(a), "sms", 3, &o, &e));
    ck_assert_str_eq(e.path, "options.to");
    o.to = "";
    o.to_len = 0;
    ck_assert_ptr_null(ty_payload(ty_doc_root(a), "sms", 3, &o, &e));
    ty_doc_free(a);
    /* invalid UTF-8 and NUL, built without the JSON parser (which rejects them) */
    ty_doc *d = ty_doc_new(NULL);
    ty_value *m = ty_val_map(d), *list = ty_val_list(d), *c = ty_val_map(d);
    ty_map_put(d, m, "type", 4, ty_val_string(d, "send", 4));
    ty_map_put(d, m, "text", 4, ty_val_string(d, "ok \xc3\x28", 5));
    ck_assert_ptr_null(ty_payload(m, "whatsapp", 8, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_UTF8);
    ck_assert_str_eq(e.path, "action.text");
    ck_assert_uint_eq(e.offset, 3);
    ty_doc_free(d);
    d = ty_doc_new(NULL);
    m = ty_val_map(d);
    list = ty_val_list(d);
    c = ty_val_map(d);
    ty_map_put(d, m, "type", 4, ty_val_string(d, "send", 4));
    ty_map_put(d, m, "text", 4, ty_val_string(d, "ok?", 3));
    ty_map_put(d, c, "id", 2, ty_val_string(d, "a", 1));
    ty_map_put(d, c, "title", 5, ty_val_string(d, "A\0B", 3));
    ty_list_push(d, list, c);
    ty_map_put(d, m, "choices", 7, list);
    ck_assert_ptr_null(ty_payload(m, "messenger", 9, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_NUL);
    ck_assert_str_eq(e.path, "action.choices[0].title");
    ty_doc_free(d);
    /* over 64 KiB of text */
    size_t big = TY_PAYLOAD_MAX_TEXT + 1;
    d = ty_doc_new(NULL);
    m = ty_val_map(d);
    char *s = malloc(big);
    memset(s, 'a', big);
    ty_map_put(d, m, "type", 4, ty_val_string(d, "send", 4));
    ty_map_put(d, m, "text", 4, ty_val_string(d, s, big));
    ck_assert_ptr_null(ty_payload(m, "webchat", 7, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_LIMIT);
    free(s);
    ty_doc_free(d);
    /* shapes */
    struct {
        const char *action, *want;
    } cases[] = {
        {"[]", "ERR schema [action] action: must be an object (a send action)"},
        {"{\"text\":\"x\"}", "ERR schema [action.type] action.type: must be \"send\" (only send actions become messages)"},
        {"{\"type\":\"send\",\"text\":\"x\",\"choices\":[1]}",
         "ERR schema [action.choices[0]] action.choices[0]: must be an object {\"id\", \"title\"}"},
        {"{\"type\":\"send\",\"text\":\"x\",\"choices\":[{\"title\":\"T\"}]}",
         "ERR schema [action.choices[0].id] action.choices[0].id: missing"},
        {"{\"type\":\"send\",\"text\":\"x\",\"choices\":[{\"id\":\" \",\"title\":\"T\"}]}",
         "ERR schema [action.choices[0].id] action.choices[0].id: is empty"},
        {"{\"type\":\"send\",\"text\":\"x\",\"choices\":null}",
         "{\"channel\":\"webchat\",\"payload\":{\"text\":\"x\",\"buttons\":[]},\"window\":\"n/a\"}"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *got = pt_payload(cases[k].action, "webchat", NULL);
        ck_assert_str_eq(got, cases[k].want);
        free(got);
    }
    /* a text too long for a channel in every form */
    ty_buf b;
    ty_buf_init(&b, NULL);
    ty_buf_puts(&b, "{\"type\":\"send\",\"text\":\"");
    for (int k = 0; k < 2001; k++) ty_buf_putc(&b, 'a');
    ty_buf_puts(&b, "\",\"choices\":[{\"id\":\"a\",\"title\":\"A\"}]}");
    char *got = pt_payload(b.ptr, "messenger", NULL);
    ck_assert_str_eq(got, "ERR limit [action.text] action.text: 2007 characters; a Messenger message takes at most 2000");
    free(got);
    ty_buf_free(&b);
}
END_TEST

/* ===================================================================== *
 * Allocation failure
 * ===================================================================== */

START_TEST(allocation_failure_at_every_site) {
    static const char action[] =
        "{\"type\":\"send\",\"text\":\"Fish & chips, or <salad>?\",\"choices\":[{\"id\":\"a\",\"title\":\"Standard "
        "clean, weekly visit\"},{\"id\":\"b\",\"title\":\"Deep clean\"},{\"id\":\"c\",\"title\":\"Family "
        "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 day at the park\"},{\"id\":\"d\","
        "\"title\":\"Other\"}]}";
    static const char *const channels[] = {"whatsapp", "messenger", "instagram", "telegram", "webchat", "sms"};
    ty_doc *a = pt_parse(action);
    long before = ty_test_live_allocs();
    for (size_t c = 0; c < 6; c++) {
        ty_payload_opts o;
        memset(&o, 0, sizeof o);
        o.has_at = o.has_last_customer_at = 1;
        o.at = 100000;
        o.last_customer_at = 1;
        ty_error e;
        ty_doc *ref = ty_payload(ty_doc_root(a), channels[c], strlen(channels[c]), &o, &e);
        char *want = pt_json(ty_doc_root(ref));
        ty_doc_free(ref);
        bool done = false;
        for (long n = 0; n < 10000 && !done; n++) {
            long countdown = n;
            ty_alloc al = ty_test_failing_alloc(&countdown);
            o.alloc = &al;
            ty_doc *d = ty_payload(ty_doc_root(a), channels[c], strlen(channels[c]), &o, &e);
            o.alloc = NULL;
            if (!d) {
                ck_assert_msg(e.code == TY_E_NOMEM, "%s n=%ld: %s", channels[c], n, e.message);
                ck_assert_int_eq(ty_test_live_allocs(), before);
                continue;
            }
            char *got = pt_json(ty_doc_root(d));
            ck_assert_str_eq(got, want);
            free(got);
            ty_doc_free(d);
            done = true;
        }
        ck_assert(done);
        free(want);
    }
    ck_assert_int_eq(ty_test_live_allocs(), before);
    ty_doc_free(a);
}
END_TEST

/* ===================================================================== *
 * End to end: the reply to a rendered payload is recognised
 * ===================================================================== */

/* Steps a message (a tap when choice is not NULL: the option id it carries). */
static ty_doc *pt_step_tap(const ty_playbook *pb, const ty_value *state, const char *text, const char *choice, long at) {
    char ev[800];
    if (choice)
        snprintf(ev, sizeof ev,
                 "{\"type\":\"message\",\"text\":\"%s\",\"choice\":\"%s\",\"at\":%ld,\"conversation\":\"e2e\"}",
                 text, choice, at);
    else
        snprintf(ev, sizeof ev, "{\"type\":\"message\",\"text\":\"%s\",\"at\":%ld,\"conversation\":\"e2e\"}", text, at);
    ty_doc *evd = pt_parse(ev);
    ty_error e;
    ty_doc *r = ty_playbook_step(pb, state, ty_doc_root(evd), &e);
    ck_assert_msg(r != NULL, "%s: %s", text, e.message);
    ty_doc_free(evd);
    return r;
}

static ty_doc *pt_step(const ty_playbook *pb, const ty_value *state, const char *text, long at) {
    return pt_step_tap(pb, state, text, NULL, at);
}

/* What the platform sends back when the customer taps choice i: the reply
 * id (the event's "choice"), or for SMS the letter the customer types. */
static const char *pt_reply(const ty_value *root, const char *channel, size_t i, char *buf, size_t cap) {
    const ty_value *p = ty_test_get(root, "payload");
    const char *s = NULL;
    if (!strcmp(channel, "whatsapp")) {
        const ty_value *in = ty_test_get(p, "interactive");
        const ty_value *act = ty_test_get(in, "action");
        const ty_value *buttons = ty_test_get(act, "buttons");
        s = ty_test_get_string(ty_test_get(ty_value_item(buttons, i), "reply"), "id", NULL);
    } else if (!strcmp(channel, "messenger") || !strcmp(channel, "instagram")) {
        const ty_value *qr = ty_test_get(ty_test_get(p, "message"), "quick_replies");
        s = ty_test_get_string(ty_value_item(qr, i), "payload", NULL);
    } else if (!strcmp(channel, "telegram")) {
        const ty_value *kb = ty_test_get(ty_test_get(p, "reply_markup"), "inline_keyboard");
        s = ty_test_get_string(ty_value_item(ty_value_item(kb, i), 0), "callback_data", NULL);
    } else if (!strcmp(channel, "webchat")) {
        s = ty_test_get_string(ty_value_item(ty_test_get(p, "buttons"), i), "id", NULL);
    } else {
        snprintf(buf, cap, "%c", (char)('A' + i)); /* "Reply A) ... or B) ..." */
        return buf;
    }
    ck_assert_ptr_nonnull(s);
    snprintf(buf, cap, "%s", s);
    return buf;
}

START_TEST(replies_to_payloads_are_recognised_end_to_end) {
    size_t len;
    const char *json = ty_default_playbook(&len);
    ty_error e;
    ty_playbook *pb = ty_playbook_load(json, len, NULL, &e);
    ck_assert_ptr_nonnull(pb);
    ty_doc *first = pt_step(pb, NULL, "start", 1795000000);
    const ty_value *send = ty_value_item(ty_test_get(ty_doc_root(first), "actions"), 0);
    ck_assert_str_eq(ty_test_get_string(send, "type", NULL), "send");
    char *state_json = pt_json(ty_test_get(ty_doc_root(first), "state"));
    ty_doc *state = pt_parse(state_json);
    static const char *const channels[] = {"whatsapp", "messenger", "instagram", "telegram", "webchat", "sms"};
    for (size_t c = 0; c < 6; c++) {
        ty_doc *pd = ty_payload(send, channels[c], strlen(channels[c]), NULL, &e);
        ck_assert_msg(pd != NULL, "%s: %s", channels[c], e.message);
        for (size_t i = 0; i < 2; i++) {
            char reply[300];
            /* the platform's reply (a tap: the title shown and the option id;
             * SMS: the letter), then what a customer might type instead */
            const char *tap = pt_reply(ty_doc_root(pd), channels[c], i, reply, sizeof reply);
            const char *title = ty_test_get_string(ty_value_item(ty_test_get(send, "choices"), i), "title", NULL);
            bool sms = !strcmp(channels[c], "sms");
            const char *texts[4] = {sms ? tap : title, i ? "2" : "1", i ? "b)" : "a)", i ? "See prices" : "Book a service"};
            for (size_t t = 0; t < 4; t++) {
                ty_doc *r = pt_step_tap(pb, ty_doc_root(state), texts[t], t == 0 && !sms ? tap : NULL, 1795000030);
                const ty_value *evs = ty_test_get(ty_doc_root(r), "events");
                const ty_value *ev0 = ty_value_item(evs, 0);
                ck_assert_msg(ev0 && !strcmp(ty_test_get_string(ev0, "type", NULL), "commit"),
                              "%s: reply \"%s\" was not an answer", channels[c], texts[t]);
                const ty_value *menu = ty_test_get(ty_test_get(ty_test_get(ty_doc_root(r), "state"), "slots"), "menu");
                ck_assert_str_eq(ty_test_get_string(menu, "id", NULL), i ? "prices" : "book");
                ty_doc_free(r);
            }
        }
        ty_doc_free(pd);
    }
    free(state_json);
    ty_doc_free(state);
    ty_doc_free(first);
    ty_playbook_free(pb);
}
END_TEST

/* A title cut on the button: the tap carries the option id, and that is
 * what is read. */
START_TEST(cut_titles_come_back_whole) {
    static const char src[] =
        "{\"tinyyes\": 1, \"intents\": {\"go\": {\"keywords\": [\"go\"], \"flow\": \"f\"}},"
        " \"slots\": {\"plan\": {\"type\": \"choice\", \"options\": [{\"id\": \"w\", \"title\": \"Standard clean, weekly "
        "visit\"}, {\"id\": \"m\", \"title\": \"Standard clean, monthly visit\"}]}},"
        " \"templates\": {\"ask\": \"Which plan?\"},"
        " \"flows\": {\"f\": {\"steps\": [{\"id\": \"a\", \"say\": \"ask\", \"ask\": \"plan\"}]}}}";
    ty_error e;
    ty_playbook *pb = ty_playbook_load(src, sizeof src - 1, NULL, &e);
    ck_assert_msg(pb != NULL, "%s", e.message);
    ty_doc *first = pt_step(pb, NULL, "go", 1795000000);
    const ty_value *send = ty_value_item(ty_test_get(ty_doc_root(first), "actions"), 0);
    char *sj = pt_json(ty_test_get(ty_doc_root(first), "state"));
    ty_doc *state = pt_parse(sj);
    ty_doc *pd = ty_payload(send, "messenger", 9, NULL, &e);
    char *pj = pt_json(ty_doc_root(pd));
    ck_assert_msg(strstr(pj, "\"title\":\"Standard clean, mon\xe2\x80\xa6\",\"payload\":\"m\""), "%s", pj);
    char reply[300];
    ty_doc *r = pt_step_tap(pb, ty_doc_root(state), "Standard clean, mon\xe2\x80\xa6",
                            pt_reply(ty_doc_root(pd), "messenger", 1, reply, sizeof reply), 1795000009);
    const ty_value *plan = ty_test_get(ty_test_get(ty_test_get(ty_doc_root(r), "state"), "slots"), "plan");
    ck_assert_str_eq(ty_test_get_string(plan, "id", NULL), "m");
    ty_doc_free(r);
    free(pj);
    free(sj);
    ty_doc_free(pd);
    ty_doc_free(state);
    ty_doc_free(first);
    ty_playbook_free(pb);
}
END_TEST

/* ===================================================================== *
 * followups_within_window
 * ===================================================================== */

START_TEST(followups_within_window_is_validated) {
    static const char bad[] = "{\"tinyyes\": 1, \"followups_within_window\": \"yes\"}";
    ty_error e;
    ck_assert_ptr_null(ty_playbook_load(bad, sizeof bad - 1, NULL, &e));
    ck_assert_int_eq(e.code, TY_E_SCHEMA);
    ck_assert_str_eq(e.path, "followups_within_window");
    ck_assert_str_eq(e.message, "followups_within_window: must be true or false");
    static const char good[] = "{\"tinyyes\": 1, \"followups_within_window\": false}";
    ty_playbook *pb = ty_playbook_load(good, sizeof good - 1, NULL, &e);
    ck_assert_ptr_nonnull(pb);
    ty_playbook_free(pb);
}
END_TEST

/* Without the flag the same playbook schedules past the window (the
 * shared vector conversations/followups_within_window.json has it on). */
START_TEST(without_the_flag_followups_keep_their_times) {
    static const char src[] =
        "{\"tinyyes\": 1, \"utc_offset\": \"+00:00\", \"intents\": {\"book\": {\"keywords\": [\"book\"], \"flow\": \"b\"}},"
        " \"slots\": {\"s\": {\"type\": \"yesno\"}}, \"templates\": {\"q\": \"Shall I book it?\", \"n\": \"Still keen?\"},"
        " \"flows\": {\"b\": {\"steps\": [{\"id\": \"k\", \"say\": \"q\", \"ask\": \"s\"}]}},"
        " \"followups\": [{\"after\": \"4h\", \"say\": \"n\"}, {\"after\": \"1d\", \"say\": \"n\"}], \"close_after\": \"2d\"%s}";
    for (int on = 0; on < 2; on++) {
        char json[1200];
        snprintf(json, sizeof json, src, on ? ", \"followups_within_window\": true" : "");
        ty_error e;
        ty_playbook *pb = ty_playbook_load(json, strlen(json), NULL, &e);
        ck_assert_msg(pb != NULL, "%s", e.message);
        ty_doc *r1 = pt_step(pb, NULL, "book", 1794996000);
        char *s1 = pt_json(ty_test_get(ty_doc_root(r1), "state"));
        ty_doc *st = pt_parse(s1);
        ty_doc *tick = pt_parse("{\"type\":\"tick\",\"at\":1795010400}");
        ty_doc *r2 = ty_playbook_step(pb, ty_doc_root(st), ty_doc_root(tick), &e);
        ck_assert_ptr_nonnull(r2);
        const ty_value *sched = ty_value_item(ty_test_get(ty_doc_root(r2), "actions"), 1);
        /* 14:00 + 1d = 1795096800 without; moved to 09:00 (+23 h) with */
        ck_assert_int_eq((long)ty_value_number(ty_test_get(sched, "at")), on ? 1795078800L : 1795096800L);
        free(s1);
        ty_doc_free(st);
        ty_doc_free(tick);
        ty_doc_free(r1);
        ty_doc_free(r2);
        ty_playbook_free(pb);
    }
}
END_TEST

/* The paths the shared vector does not take: a tick long after the window
 * closes at once; a late tick inside quiet hours (still in the window)
 * cannot defer past it, so the follow-ups drop. */
START_TEST(followups_within_window_edges) {
    static const char src[] =
        "{\"tinyyes\": 1, \"utc_offset\": \"+00:00\", \"intents\": {\"book\": {\"keywords\": [\"book\"], \"flow\": \"b\"}},"
        " \"slots\": {\"s\": {\"type\": \"yesno\"}}, \"templates\": {\"q\": \"Shall I book it?\", \"n\": \"Still keen?\"},"
        " \"flows\": {\"b\": {\"steps\": [{\"id\": \"k\", \"say\": \"q\", \"ask\": \"s\"}]}},"
        " \"followups\": [{\"after\": \"4h\", \"say\": \"n\"}, {\"after\": \"1d\", \"say\": \"n\"}], \"close_after\": \"2d\","
        " \"quiet_hours\": {\"from\": \"21:00\", \"to\": \"08:00\"}, \"followups_within_window\": true}";
    ty_error e;
    ty_playbook *pb = ty_playbook_load(src, sizeof src - 1, NULL, &e);
    ck_assert_msg(pb != NULL, "%s", e.message);
    /* (a) 'book' at 10:00 day 0 (1794996000); nudge at 14:00; then a tick 5 days later */
    ty_doc *r = pt_step(pb, NULL, "book", 1794996000);
    char *s1 = pt_json(ty_test_get(ty_doc_root(r), "state"));
    ty_doc_free(r);
    static const long ticks_a[] = {1795010400, 1795428000};
    static const char *const want_a[] = {"send,schedule@1795078800", "close"};
    for (int k = 0; k < 2; k++) {
        ty_doc *st = pt_parse(s1);
        char ev[100];
        snprintf(ev, sizeof ev, "{\"type\":\"tick\",\"at\":%ld}", ticks_a[k]);
        ty_doc *evd = pt_parse(ev);
        r = ty_playbook_step(pb, ty_doc_root(st), ty_doc_root(evd), &e);
        ck_assert_ptr_nonnull(r);
        const ty_value *acts = ty_test_get(ty_doc_root(r), "actions");
        char got[100] = "";
        for (size_t i = 0; i < ty_value_count(acts); i++) {
            const ty_value *a = ty_value_item(acts, i);
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? "," : "", ty_test_get_string(a, "type", NULL));
            if (ty_test_get(a, "at")) snprintf(got + strlen(got), sizeof got - strlen(got), "@%ld", (long)ty_value_number(ty_test_get(a, "at")));
        }
        ck_assert_str_eq(got, want_a[k]);
        if (k == 1) {
            const ty_value *ev0 = ty_value_item(ty_test_get(ty_doc_root(r), "events"), 0);
            ck_assert_str_eq(ty_test_get_string(ev0, "outcome", NULL), "no_response");
        }
        free(s1);
        s1 = pt_json(ty_test_get(ty_doc_root(r), "state"));
        ty_doc_free(r);
        ty_doc_free(st);
        ty_doc_free(evd);
    }
    free(s1);
    /* (b) 'book' at 23:30 (1795044600): the nudge (03:30) defers to 08:00
     * (1795075200); the next would be 08:00 + 1d, past the latest send
     * 22:30, which is quiet: moved to 20:59 (1795121940). The tick comes
     * at 21:30 (1795123800), quiet and still in the window (until 23:30):
     * deferring would pass the window, so the follow-up drops and the
     * close is due 2d after the bot's last message (08:00 + 2d). */
    r = pt_step(pb, NULL, "book", 1795044600);
    s1 = pt_json(ty_test_get(ty_doc_root(r), "state"));
    ck_assert_int_eq((long)ty_value_number(ty_test_get(ty_test_get(ty_doc_root(r), "state"), "due")), 1795075200L);
    ty_doc_free(r);
    static const long ticks_b[] = {1795075200, 1795123800};
    static const long due_b[] = {1795121940, 1795075200 + 172800};
    for (int k = 0; k < 2; k++) {
        ty_doc *st = pt_parse(s1);
        char ev[100];
        snprintf(ev, sizeof ev, "{\"type\":\"tick\",\"at\":%ld}", ticks_b[k]);
        ty_doc *evd = pt_parse(ev);
        r = ty_playbook_step(pb, ty_doc_root(st), ty_doc_root(evd), &e);
        ck_assert_ptr_nonnull(r);
        const ty_value *state = ty_test_get(ty_doc_root(r), "state");
        ck_assert_int_eq((long)ty_value_number(ty_test_get(state, "due")), due_b[k]);
        ck_assert_int_eq((int)ty_value_number(ty_test_get(state, "followups")), k ? 2 : 1);
        const ty_value *acts = ty_test_get(ty_doc_root(r), "actions");
        const ty_value *last = ty_value_item(acts, ty_value_count(acts) - 1);
        ck_assert_str_eq(ty_test_get_string(last, "why", NULL), k ? "close" : "followup");
        free(s1);
        s1 = pt_json(state);
        ty_doc_free(r);
        ty_doc_free(st);
        ty_doc_free(evd);
    }
    free(s1);
    ty_playbook_free(pb);
}
END_TEST

/* The cleaning rule (payload_clean.c) over every Unicode scalar value, each
 * between two letters, against the rule written out independently here:
 * removed exactly when a control (but tab, LF, CR), DEL, C1 or a bidi
 * embedding, override or isolate; in a title tab and line breaks become a
 * space; untouched input is returned as is, without a copy. */
static bool pt_should_go(int32_t cp) {
    return (cp < 0x20 && cp != 9 && cp != 10 && cp != 13) || (cp >= 0x7F && cp <= 0x9F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

START_TEST(cleaning_every_code_point) {
    /* plain checks in the loop: every ck_assert reports to the runner */
    ty_arena a;
    ty_arena_init(&a, NULL);
    size_t gone = 0;
    int32_t wrong = -1;
    for (int32_t cp = 0; cp <= 0x10FFFF && wrong < 0; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        char in[8] = "a";
        size_t n = 1 + (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)in + 1);
        in[n++] = 'b';
        for (int mode = TY_CLEAN_TEXT; mode <= TY_CLEAN_LINE; mode++) {
            size_t on, removed;
            const char *out = ty_text_clean(&a, in, n, mode, &on, &removed);
            bool ok;
            if (!out) ok = false;
            else if (pt_should_go(cp)) ok = removed == 1 && on == 2 && memcmp(out, "ab", 2) == 0;
            else if (mode == TY_CLEAN_LINE && (cp == 9 || cp == 10 || cp == 13))
                ok = removed == 0 && on == 3 && memcmp(out, "a b", 3) == 0;
            else ok = removed == 0 && out == in && on == n;
            if (!ok) wrong = cp;
            gone += mode == TY_CLEAN_TEXT && removed;
        }
    }
    ck_assert_msg(wrong < 0, "U+%04X is not cleaned by the rule", (unsigned)wrong);
    ck_assert_uint_eq(gone, 29 + 33 + 5 + 4);
    ty_arena_free(&a);
    /* what shows nothing, and what does */
    static const char *const blank[] = {"", " ", "\xC2\xA0", "\xE2\x80\x8B", "\xEF\xBB\xBF", "\xE2\x81\xA0",
                                        "\xE3\x85\xA4", "\xE2\xA0\x80", "\xE1\xA0\x8E", "\xE2\x80\x8F",
                                        "\xEF\xB8\x8F", "\xE3\x80\x80\xE2\x80\x8D"};
    static const char *const shown[] = {"a", "\xCC\x81", "\xF0\x9F\x98\x80", "\xE2\x80\x8B.",
                                        "\xD7\xA9", "\xE2\x80\x94"};
    for (size_t i = 0; i < sizeof blank / sizeof *blank; i++)
        ck_assert_msg(ty_text_blank(blank[i], strlen(blank[i])), "blank[%zu] shows something", i);
    for (size_t i = 0; i < sizeof shown / sizeof *shown; i++)
        ck_assert_msg(!ty_text_blank(shown[i], strlen(shown[i])), "shown[%zu] shows nothing", i);
}
END_TEST

static Suite *pt_suite(void) {
    Suite *s = suite_create("payload");
    TCase *t = tcase_create("vectors");
    tcase_add_test(t, shared_vectors);
    suite_add_tcase(s, t);
    t = tcase_create("limits");
    tcase_add_test(t, limits_table);
    tcase_add_test(t, measuring);
    tcase_add_test(t, cuts_land_on_grapheme_boundaries);
    tcase_add_test(t, sms_encoding_and_segments);
    tcase_add_test(t, kilobyte_titles_on_every_channel);
    tcase_add_test(t, telegram_markup_over_ten_kib_is_numbered);
    tcase_add_test(t, cleaning_every_code_point);
    suite_add_tcase(s, t);
    t = tcase_create("errors");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, bad_inputs);
    tcase_add_test(t, allocation_failure_at_every_site);
    suite_add_tcase(s, t);
    t = tcase_create("flows");
    tcase_add_test(t, replies_to_payloads_are_recognised_end_to_end);
    tcase_add_test(t, cut_titles_come_back_whole);
    tcase_add_test(t, followups_within_window_is_validated);
    tcase_add_test(t, without_the_flag_followups_keep_their_times);
    tcase_add_test(t, followups_within_window_edges);
    suite_add_tcase(s, t);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(pt_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
