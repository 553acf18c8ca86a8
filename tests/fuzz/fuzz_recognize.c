/*
 * fuzz_recognize.c — libFuzzer target over the answer recognisers: the
 * input is a customer's reply (any bytes), read by every slot type of an
 * English and a Spanish playbook. Properties: never a crash or a leak;
 * invalid UTF-8 is refused with an input error; a reading is a map whose
 * "text" is exactly the original text from "start" to "end" (code points).
 * Seeds: tests/fuzz/fuzz_recognize/. Build: clang -fsanitize=fuzzer,address,
 * undefined (make fuzz).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tinyyes.h"

static const char *const fzr_slots[] = {"choice", "yesno", "date", "time", "number", "money", "email", "phone", "text"};
enum { FZR_NSLOTS = sizeof fzr_slots / sizeof fzr_slots[0] };

/* Crashes on purpose (libFuzzer reports it) when a result breaks the API. */
static void fzr_require(int ok) {
    if (!ok) abort();
}

/* The playbook for locale 0 (en) or 1 (es), loaded once and never freed. */
static const ty_playbook *fzr_playbook(int es) {
    static ty_playbook *pbs[2];
    if (!pbs[es]) {
        static const char *const json[2] = {
            "{\"tinyyes\":1,\"locale\":\"en\",\"slots\":{\"choice\":{\"type\":\"choice\",\"options\":["
            "{\"id\":\"a\",\"title\":\"Tune-up\"},{\"id\":\"b\",\"title\":\"Full service\"}]},"
            "\"yesno\":{\"type\":\"yesno\"},\"date\":{\"type\":\"date\"},\"time\":{\"type\":\"time\"},"
            "\"number\":{\"type\":\"number\"},\"money\":{\"type\":\"money\"},\"email\":{\"type\":\"email\"},"
            "\"phone\":{\"type\":\"phone\"},\"text\":{\"type\":\"text\"}},\"templates\":{\"hi\":\"Hi\"},"
            "\"flows\":{\"f\":{\"steps\":[{\"id\":\"s\",\"say\":\"hi\"}]}}}",
            "{\"tinyyes\":1,\"locale\":\"es\",\"date_order\":\"dmy\",\"slots\":{\"choice\":{\"type\":\"choice\","
            "\"options\":[{\"id\":\"a\",\"title\":\"Corte\"},{\"id\":\"b\",\"title\":\"Tinte\"}]},"
            "\"yesno\":{\"type\":\"yesno\"},\"date\":{\"type\":\"date\"},\"time\":{\"type\":\"time\"},"
            "\"number\":{\"type\":\"number\"},\"money\":{\"type\":\"money\"},\"email\":{\"type\":\"email\"},"
            "\"phone\":{\"type\":\"phone\"},\"text\":{\"type\":\"text\"}},\"templates\":{\"hi\":\"Hola\"},"
            "\"flows\":{\"f\":{\"steps\":[{\"id\":\"s\",\"say\":\"hi\"}]}}}"};
        ty_error e;
        pbs[es] = ty_playbook_load(json[es], strlen(json[es]), NULL, &e);
        fzr_require(pbs[es] != NULL);
    }
    return pbs[es];
}

/* Byte offset of code point cp in s[0..n) (s is valid UTF-8), or n + 1. */
static size_t fzr_byte_at(const char *s, size_t n, double cp) {
    size_t b = 0;
    for (double k = 0; k < cp; k++) {
        if (b >= n) return n + 1;
        b++;
        while (b < n && ((unsigned char)s[b] & 0xC0) == 0x80) b++;
    }
    return b;
}

/* A reading's text is the original text between its start and end. */
static void fzr_check_reading(const ty_value *r, const char *text, size_t len) {
    fzr_require(ty_value_kind(r) == TY_MAP && ty_value_get(r, "value", 5) != NULL);
    double start = ty_value_number(ty_value_get(r, "start", 5));
    double end = ty_value_number(ty_value_get(r, "end", 3));
    fzr_require(start >= 0 && start <= end);
    size_t b0 = fzr_byte_at(text, len, start), b1 = fzr_byte_at(text, len, end);
    fzr_require(b1 <= len);
    size_t tn;
    const char *t = ty_value_string(ty_value_get(r, "text", 4), &tn);
    fzr_require(t != NULL && tn == b1 - b0 && memcmp(t, text + b0, tn) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    for (int es = 0; es < 2; es++) {
        for (size_t k = 0; k < FZR_NSLOTS; k++) {
            ty_input in = {.text = text, .len = size, .at = 1795000000, .has_at = 1};
            ty_error e;
            ty_doc *d = ty_playbook_recognize(fzr_playbook(es), fzr_slots[k], strlen(fzr_slots[k]), &in, &e);
            if (!d) {
                fzr_require(e.code < 0 && e.message[0] != '\0');
                continue;
            }
            const ty_value *root = ty_doc_root(d);
            if (ty_value_kind(root) != TY_NULL) fzr_check_reading(root, text, size);
            ty_doc_free(d);
        }
    }
    return 0;
}
