/*
 * fuzz_payload.c — libFuzzer target over channel payloads (README.md). Input:
 * byte 0 picks the channel (six real ones and an unknown name), byte 1 the
 * options (parse mode, human agent, window times, recipient, locale), byte
 * 2 an allocation budget; the rest is a send action as JSON text. When it
 * does not parse, the raw bytes become the text of a send action and each
 * line after the first a choice (so invalid UTF-8, NUL and huge titles
 * reach the checks). Properties: never a crash, a hang or a leak; a
 * failure has a known code; a success has "channel", "payload" and a valid
 * "window", serialises to JSON, and is the same whether or not the
 * allocator fails later (a failing allocator only ever gives TY_E_NOMEM).
 * Seeds: tests/fuzz/fuzz_payload/, and payloads.json's actions, channels and
 * options (scripts/fuzz_seeds.py). Build: clang -fsanitize=fuzzer,address,
 * undefined (make fuzz; make test-fuzz, part of make test, runs it for a
 * bounded time).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tinyyes.h"

static void fzp_require(int ok) {
    if (!ok) abort();
}

typedef struct fzp_budget {
    long left;
} fzp_budget;

static void *fzp_malloc(void *ctx, size_t n) {
    fzp_budget *b = ctx;
    if (b->left-- <= 0) return NULL;
    return malloc(n);
}

static void *fzp_realloc(void *ctx, void *p, size_t old, size_t n) {
    (void)old;
    fzp_budget *b = ctx;
    if (b->left-- <= 0) return NULL;
    return realloc(p, n);
}

static void fzp_free(void *ctx, void *p) {
    (void)ctx;
    free(p);
}

/* A send action built from raw bytes: text = first line, choices = the
 * other lines (id = line number). */
static ty_doc *fzp_raw_action(const char *s, size_t n) {
    ty_doc *d = ty_doc_new(NULL);
    ty_value *m = ty_val_map(d), *list = ty_val_list(d);
    size_t nl = 0;
    while (nl < n && s[nl] != '\n') nl++;
    ty_map_put(d, m, "type", 4, ty_val_string(d, "send", 4));
    ty_map_put(d, m, "text", 4, ty_val_string(d, s, nl));
    size_t i = nl < n ? nl + 1 : n, k = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != '\n') e++;
        ty_value *c = ty_val_map(d);
        char id[24];
        int il = 0;
        for (size_t v = ++k; v; v /= 10) il++;
        for (int j = il, v = (int)k; j > 0; j--, v /= 10) id[j - 1] = (char)('0' + v % 10);
        ty_map_put(d, c, "id", 2, ty_val_string(d, id, (size_t)il));
        ty_map_put(d, c, "title", 5, ty_val_string(d, s + i, e - i));
        ty_list_push(d, list, c);
        i = e + 1;
    }
    ty_map_put(d, m, "choices", 7, list);
    ty_doc_set_root(d, m);
    return d;
}

static const char *const fzp_channels[] = {"whatsapp", "messenger", "instagram", "telegram", "webchat", "sms", "fax"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 3) return 0;
    const char *channel = fzp_channels[data[0] % 7];
    uint8_t ob = data[1];
    long budget = data[2];
    const char *body = (const char *)data + 3;
    size_t n = size - 3;

    ty_error e;
    ty_doc *ad = ty_doc_parse(body, n, NULL, &e);
    if (!ad) ad = fzp_raw_action(body, n);
    const ty_value *action = ty_doc_root(ad);

    ty_payload_opts o;
    memset(&o, 0, sizeof o);
    o.parse_mode = ob & 3; /* 3 is out of range: an argument error */
    o.human_agent = (ob >> 2) & 1;
    if (ob & 8) {
        o.has_at = o.has_last_customer_at = 1;
        o.last_customer_at = 1795000000;
        o.at = o.last_customer_at + (int64_t)((ob >> 4) & 7) * 43200 - 3600;
    }
    if (ob & 0x80) {
        o.to = "447700900123";
        o.to_len = 12;
        o.locale = "es-MX";
        o.locale_len = 5;
    }

    ty_doc *d = ty_payload(action, channel, strlen(channel), &o, &e);
    ty_buf ref;
    ty_buf_init(&ref, NULL);
    if (d) {
        const ty_value *r = ty_doc_root(d);
        fzp_require(ty_value_get(r, "channel", 7) && ty_value_get(r, "payload", 7));
        size_t wn;
        const char *w = ty_value_string(ty_value_get(r, "window", 6), &wn);
        fzp_require(w && (!strcmp(w, "open") || !strcmp(w, "closed") || !strcmp(w, "unknown") || !strcmp(w, "n/a")));
        fzp_require(ty_value_write_json(r, &ref, NULL) == 0);
        ty_doc_free(d);
    } else {
        fzp_require(e.code == TY_E_ARG || e.code == TY_E_SCHEMA || e.code == TY_E_UTF8 || e.code == TY_E_NUL ||
                    e.code == TY_E_LIMIT);
        fzp_require(e.message[0] != '\0');
    }

    /* the same call with an allocator that fails after `budget` allocations */
    fzp_budget b = {budget};
    ty_alloc al = {fzp_malloc, fzp_realloc, fzp_free, &b};
    o.alloc = &al;
    ty_doc *d2 = ty_payload(action, channel, strlen(channel), &o, &e);
    if (d2) {
        ty_buf again;
        ty_buf_init(&again, NULL);
        fzp_require(ty_value_write_json(ty_doc_root(d2), &again, NULL) == 0);
        fzp_require(again.len == ref.len && memcmp(again.ptr, ref.ptr, ref.len) == 0);
        ty_buf_free(&again);
        ty_doc_free(d2);
    } else {
        fzp_require(e.code == TY_E_NOMEM || !ref.len);
    }
    ty_buf_free(&ref);
    ty_doc_free(ad);
    return 0;
}
