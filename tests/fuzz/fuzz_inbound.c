/*
 * fuzz_inbound.c — libFuzzer target over the webhook reader (ty_inbound,
 * docs/inbound.md). Input: byte 0 picks the channel (the six real ones and
 * an unknown name), byte 1 whether the host gives a time; the rest is the
 * request body. Properties: never a crash, a hang or a leak; a refusal is
 * one of the documented codes with a message; a result is {"events",
 * "ignored"} where every event is a message for this channel with a time,
 * a non-empty conversation and a text, every ignored item has a known
 * reason, and every event steps through the default playbook (or is
 * refused only for a size limit: a conversation id over 256 bytes).
 * Seeds: tests/fuzz/fuzz_inbound/ and inbound.json's bodies
 * (scripts/fuzz_seeds.py). Build: clang -fsanitize=fuzzer,address,undefined
 * (make fuzz; make test-fuzz, part of make test, runs it for a bounded time).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tinyyes.h"

static void fzi_require(int ok) {
    if (!ok) abort();
}

static const char *const fzi_channels[] = {"whatsapp", "messenger", "instagram", "telegram",
                                           "webchat",  "sms",       "pager"};

static bool fzi_is(const ty_value *v, const char *key, const char *want) {
    size_t n;
    const char *s = ty_value_string(ty_value_get(v, key, strlen(key)), &n);
    return s && n == strlen(want) && !memcmp(s, want, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static ty_playbook *pb; /* loaded once: the fuzzer runs one input at a time */
    if (size < 2) return 0;
    if (!pb) {
        size_t len;
        const char *src = ty_default_playbook(&len);
        ty_error e;
        fzi_require((pb = ty_playbook_load(src, len, NULL, &e)) != NULL);
    }
    const char *channel = fzi_channels[data[0] % 7];
    ty_error e;
    ty_doc *d = ty_inbound(channel, strlen(channel), (const char *)data + 2, size - 2, 1795000000, data[1] & 1, &e);
    if (!d) {
        fzi_require(e.message[0] != '\0');
        fzi_require(e.code == TY_E_ARG || e.code == TY_E_JSON || e.code == TY_E_EVENT || e.code == TY_E_LIMIT ||
                    e.code == TY_E_DEPTH || e.code == TY_E_NUL || e.code == TY_E_UTF8);
        fzi_require(e.code != TY_E_ARG || data[0] % 7 == 6);
        return 0;
    }
    const ty_value *root = ty_doc_root(d), *events = ty_value_get(root, "events", 6),
                   *ignored = ty_value_get(root, "ignored", 7);
    fzi_require(ty_value_kind(events) == TY_LIST && ty_value_kind(ignored) == TY_LIST);
    for (size_t i = 0; i < ty_value_count(events); i++) {
        const ty_value *ev = ty_value_item(events, i);
        size_t n;
        fzi_require(fzi_is(ev, "type", "message") && fzi_is(ev, "channel", channel));
        fzi_require(ty_value_kind(ty_value_get(ev, "at", 2)) == TY_NUMBER && ty_value_number(ty_value_get(ev, "at", 2)) >= 0);
        fzi_require(ty_value_string(ty_value_get(ev, "conversation", 12), &n) && n > 0);
        fzi_require(ty_value_string(ty_value_get(ev, "text", 4), &n) != NULL);
        ty_doc *r = ty_playbook_step(pb, NULL, ev, &e);
        fzi_require(r != NULL || e.code == TY_E_LIMIT);
        ty_doc_free(r);
    }
    for (size_t i = 0; i < ty_value_count(ignored); i++) {
        const ty_value *ig = ty_value_item(ignored, i);
        fzi_require(fzi_is(ig, "reason", "status") || fzi_is(ig, "reason", "echo") ||
                    fzi_is(ig, "reason", "unsupported") || fzi_is(ig, "reason", "empty"));
    }
    ty_doc_free(d);
    return 0;
}
