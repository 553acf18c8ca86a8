/*
 * fuzz_audit.c — libFuzzer target over the chat audit (ty_audit and
 * ty_audit_report, docs/audit.md). Input: byte 0 picks the format
 * (whatsapp, csv, jsonl, guessed), byte 1 the options (bit 0 opening hours,
 * bit 1 month first, bit 2 a business name); the rest is the export.
 * Properties: never a crash, a hang or a leak; a refusal is TY_E_ARG or
 * TY_E_UTF8 with a message; a result has at least one conversation, every
 * finding names a message of its conversation, and its report is written.
 * Seeds: tests/fuzz/fuzz_audit/ and audit.json's inputs
 * (scripts/fuzz_seeds.py). Build: clang -fsanitize=fuzzer,address,undefined
 * (make fuzz; make test-fuzz, part of make test, runs it for a bounded time).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tinyyes.h"

static void fza_require(int ok) {
    if (!ok) abort();
}

static const char *const fza_formats[] = {"whatsapp", "csv", "jsonl", NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2) return 0;
    const char *fmt = fza_formats[data[0] % 4];
    ty_audit_input in = {"fuzz.txt", 8, (const char *)data + 2, size - 2, fmt, fmt ? strlen(fmt) : 0};
    ty_audit_opts o;
    memset(&o, 0, sizeof o);
    if (data[1] & 1) {
        o.hours = "mon-fri 09:00-17:30, sat 10:00-14:00";
        o.hours_len = strlen(o.hours);
    }
    o.date_order = data[1] & 2 ? 2 : 0;
    if (data[1] & 4) {
        o.business = "Northbank Bike Workshop";
        o.business_len = strlen(o.business);
    }
    ty_error e;
    ty_doc *d = ty_audit(&in, 1, &o, &e);
    if (!d) {
        fza_require(e.message[0] != '\0');
        fza_require(e.code == TY_E_ARG || e.code == TY_E_UTF8);
        return 0;
    }
    const ty_value *root = ty_doc_root(d), *convs = ty_value_get(root, "conversations", 13);
    fza_require(ty_value_kind(convs) == TY_LIST && ty_value_count(convs) >= 1);
    for (size_t i = 0; i < ty_value_count(convs); i++) {
        const ty_value *c = ty_value_item(convs, i), *fl = ty_value_get(c, "findings", 8);
        double n = ty_value_number(ty_value_get(c, "messages", 8));
        fza_require(n >= 1);
        for (size_t k = 0; k < ty_value_count(fl); k++) {
            double m = ty_value_number(ty_value_get(ty_value_item(fl, k), "message", 7));
            fza_require(m >= 0 && m < n);
        }
    }
    ty_buf b;
    ty_buf_init(&b, NULL);
    fza_require(ty_audit_report(root, &b, &e) == TY_OK && b.len > 0);
    ty_buf_free(&b);
    ty_doc_free(d);
    return 0;
}
