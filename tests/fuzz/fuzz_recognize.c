/*
 * fuzz_recognize.c — libFuzzer target over matching and the answer
 * recognisers (ty_playbook_match, ty_playbook_recognize): a customer's
 * reply read by every slot type (choice, yesno, date, time, number, money,
 * email, phone, text) of an English and a Spanish playbook, each with two
 * intents: recognised as each slot, matched plainly and matched expecting
 * each slot.
 *
 * Input: either plain text (any bytes), read at the fixed time 1795000000
 * (2026-11-18) in the playbook's offset; or, when the input starts with the
 * byte 0xFF and is at least 14 bytes long, a clock header and then the
 * text:
 *
 *   0xFF | at: int64, little-endian | utc_offset: int32, little-endian |
 *   flags: bit 0 has_at, bit 1 has_offset | text...
 *
 * so any `at` (negative, huge, the edges of years 1 to 9999) and any offset
 * reach the date arithmetic. scripts/fuzz_seeds.py writes seeds of both
 * kinds from tests/vectors/recognize/ and tests/vectors/match/.
 *
 * Properties: never a crash, a leak or a sanitizer report; a call fails
 * only on bad input, and then exactly as the API says (invalid UTF-8:
 * TY_E_UTF8, a NUL: TY_E_NUL, both at path "text"; an offset of a day or
 * more: TY_E_EVENT at path "utc_offset"), with a message; a reading is
 * {"value", "text", "start", "end"} whose "text" is exactly the original
 * text from "start" to "end" (code points); a match is {"intent", "score",
 * "oos", "ranking", "entities"} (+ "answer" exactly when a slot is
 * expected: null or that slot's reading) with scores in [0, 1], the intent
 * null exactly when oos, the ranking by score, entities by start, each a
 * reading of a known slot with its "slot" and "type";
 * a time outside years 1 to 9999 reads exactly as no clock at all.
 * Seeds: tests/fuzz/fuzz_recognize/ plus the generated ones; words in
 * fuzz_recognize.dict. Build: clang -fsanitize=fuzzer,address,undefined
 * (make fuzz; make test-fuzz, part of make test, runs it for a bounded
 * time).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tinyyes.h"

static const char *const fzr_slots[] = {"choice", "yesno", "date", "time", "number", "money", "email", "phone", "text"};
enum { FZR_NSLOTS = sizeof fzr_slots / sizeof fzr_slots[0] };

/* The header of a clocked input: marker, at, offset, flags. */
enum { FZR_MARK = 0xFF, FZR_HEAD = 1 + 8 + 4 + 1 };

/* Unix seconds of 0001-01-01 and of 9999-12-31 23:59:59: the clock the
 * date reader accepts. */
#define FZR_AT_MIN (-62135596800LL)
#define FZR_AT_MAX 253402300799LL

/* Crashes on purpose (libFuzzer reports it) when a result breaks the API. */
static void fzr_require(int ok) {
    if (!ok) abort();
}

#define FZR_SLOTS_JSON                                                                                           \
    "\"yesno\":{\"type\":\"yesno\"},\"date\":{\"type\":\"date\"},\"time\":{\"type\":\"time\"},"                   \
    "\"number\":{\"type\":\"number\"},\"money\":{\"type\":\"money\"},\"email\":{\"type\":\"email\"},"             \
    "\"phone\":{\"type\":\"phone\"},\"text\":{\"type\":\"text\"}}"

/* The playbook for locale 0 (en) or 1 (es), loaded once and never freed
 * (training per input would drown the fuzzer; it stays reachable). */
static const ty_playbook *fzr_playbook(int es) {
    static ty_playbook *pbs[2];
    if (!pbs[es]) {
        static const char *const json[2] = {
            "{\"tinyyes\":1,\"locale\":\"en\",\"intents\":{"
            "\"book\":{\"examples\":[\"can I book a tune-up\",\"book me in for friday\",\"I'd like an appointment\"]},"
            "\"price\":{\"examples\":[\"how much is a full service\",\"what are your prices\",\"cost of a tune-up\"]}},"
            "\"slots\":{\"choice\":{\"type\":\"choice\",\"options\":["
            "{\"id\":\"a\",\"title\":\"Tune-up\"},{\"id\":\"b\",\"title\":\"Full service\",\"synonyms\":[\"overhaul\"]}]},"
            FZR_SLOTS_JSON ",\"templates\":{\"hi\":\"Hi\"},"
            "\"flows\":{\"f\":{\"steps\":[{\"id\":\"s\",\"say\":\"hi\"}]}}}",
            "{\"tinyyes\":1,\"locale\":\"es\",\"date_order\":\"dmy\",\"utc_offset\":\"-06:00\",\"intents\":{"
            "\"cita\":{\"examples\":[\"quiero pedir cita\",\"me das hora para el viernes\",\"reservar un corte\"]},"
            "\"precio\":{\"examples\":[\"cuanto cuesta un tinte\",\"que precios teneis\",\"precio del corte\"]}},"
            "\"slots\":{\"choice\":{\"type\":\"choice\",\"options\":["
            "{\"id\":\"a\",\"title\":\"Corte\"},{\"id\":\"b\",\"title\":\"Tinte\",\"synonyms\":[\"color\"]}]},"
            FZR_SLOTS_JSON ",\"templates\":{\"hi\":\"Hola\"},"
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

/* A reading's text is the original text between its start and end;
 * returns its start. */
static double fzr_check_reading(const ty_value *r, const char *text, size_t len) {
    fzr_require(ty_value_kind(r) == TY_MAP && ty_value_get(r, "value", 5) != NULL);
    const ty_value *sv = ty_value_get(r, "start", 5), *ev = ty_value_get(r, "end", 3);
    fzr_require(ty_value_kind(sv) == TY_NUMBER && ty_value_kind(ev) == TY_NUMBER);
    double start = ty_value_number(sv), end = ty_value_number(ev);
    fzr_require(start >= 0 && start <= end);
    size_t b0 = fzr_byte_at(text, len, start), b1 = fzr_byte_at(text, len, end);
    fzr_require(b1 <= len);
    size_t tn;
    const char *t = ty_value_string(ty_value_get(r, "text", 4), &tn);
    fzr_require(t != NULL && tn == b1 - b0 && memcmp(t, text + b0, tn) == 0);
    return start;
}

/* A score is a number in [0, 1]; returns it. */
static double fzr_score(const ty_value *v) {
    fzr_require(ty_value_kind(v) == TY_NUMBER);
    double s = ty_value_number(v);
    fzr_require(s >= 0 && s <= 1);
    return s;
}

/* True when name is one of the fuzz playbooks' slots. */
static int fzr_known_slot(const char *name, size_t n) {
    for (size_t k = 0; k < FZR_NSLOTS; k++)
        if (strlen(fzr_slots[k]) == n && !memcmp(fzr_slots[k], name, n)) return 1;
    return 0;
}

/* An entity or an answer: a reading of a known slot with its type; returns its start. */
static double fzr_check_entity(const ty_value *en, const char *text, size_t len) {
    size_t n;
    const char *slot = ty_value_string(ty_value_get(en, "slot", 4), &n);
    fzr_require(slot && fzr_known_slot(slot, n));
    fzr_require(ty_value_string(ty_value_get(en, "type", 4), &n) && n > 0);
    fzr_require(ty_value_count(en) == 6);
    return fzr_check_reading(en, text, len);
}

/* A match result is well formed (see the header); expect: the slot
 * expected, or NULL. */
static void fzr_check_match(const ty_value *m, const char *text, size_t len, const char *expect) {
    fzr_require(ty_value_kind(m) == TY_MAP && ty_value_count(m) == (size_t)(5 + (expect != NULL)));
    const ty_value *intent = ty_value_get(m, "intent", 6), *oos = ty_value_get(m, "oos", 3);
    fzr_require(ty_value_kind(oos) == TY_TRUE || ty_value_kind(oos) == TY_FALSE);
    fzr_require(ty_value_kind(intent) == (ty_value_kind(oos) == TY_TRUE ? TY_NULL : TY_STRING));
    fzr_score(ty_value_get(m, "score", 5));
    const ty_value *ranking = ty_value_get(m, "ranking", 7);
    fzr_require(ty_value_kind(ranking) == TY_LIST);
    double last = 2;
    for (size_t i = 0; i < ty_value_count(ranking); i++) {
        const ty_value *r = ty_value_item(ranking, i);
        size_t n;
        fzr_require(ty_value_kind(r) == TY_MAP && ty_value_string(ty_value_get(r, "intent", 6), &n) && n > 0);
        double s = fzr_score(ty_value_get(r, "score", 5));
        fzr_require(s <= last);
        last = s;
    }
    const ty_value *ents = ty_value_get(m, "entities", 8);
    fzr_require(ty_value_kind(ents) == TY_LIST);
    double at = 0;
    for (size_t i = 0; i < ty_value_count(ents); i++) {
        double start = fzr_check_entity(ty_value_item(ents, i), text, len);
        fzr_require(start >= at);
        at = start;
    }
    if (!expect) return;
    /* "answer": null, or the reading of the expected slot */
    const ty_value *answer = ty_value_get(m, "answer", 6);
    fzr_require(answer != NULL);
    if (ty_value_kind(answer) == TY_NULL) return;
    fzr_check_entity(answer, text, len);
    size_t n;
    const char *slot = ty_value_string(ty_value_get(answer, "slot", 4), &n);
    fzr_require(n == strlen(expect) && !memcmp(slot, expect, n));
}

/* The error a call must give for this input, or TY_OK. */
static int fzr_expected_error(const ty_input *in) {
    const unsigned char *s = (const unsigned char *)in->text;
    for (size_t i = 0; i < in->len;) { /* UTF-8: shortest form, no surrogates, up to U+10FFFF */
        unsigned c = s[i], need = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2
                                               : c >= 0xF0 && c <= 0xF4 ? 3 : 9;
        if (need == 9 || i + need >= in->len) return TY_E_UTF8;
        unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80, hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
        for (unsigned k = 1; k <= need; k++) {
            unsigned b = s[i + k];
            if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return TY_E_UTF8;
        }
        i += need + 1;
    }
    if (in->len && memchr(in->text, 0, in->len)) return TY_E_NUL;
    if (in->has_offset && (in->utc_offset <= -86400 || in->utc_offset >= 86400)) return TY_E_EVENT;
    return TY_OK;
}

/* A failed call failed as the API says (see fzr_expected_error). */
static void fzr_check_error(const ty_error *e, int want) {
    fzr_require(want != TY_OK && e->code == want && e->message[0] != '\0');
    fzr_require(e->domain == TY_DOMAIN_EVENT);
    fzr_require(!strcmp(e->path, want == TY_E_EVENT ? "utc_offset" : "text"));
}

/* The compact JSON of a result (NULL doc: an empty buffer); frees d. */
static ty_buf fzr_json(ty_doc *d) {
    ty_buf b;
    ty_buf_init(&b, NULL);
    if (d) fzr_require(ty_value_write_json(ty_doc_root(d), &b, NULL) == 0);
    ty_doc_free(d);
    return b;
}

/* Both bytes of a and b are the same; frees both. */
static void fzr_same(ty_buf a, ty_buf b) {
    fzr_require(a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0));
    ty_buf_free(&a);
    ty_buf_free(&b);
}

/* Recognises as slot k; returns the doc (NULL when the call failed as it must). */
static ty_doc *fzr_recognize(const ty_playbook *pb, size_t k, const ty_input *in, int want) {
    ty_error e;
    ty_doc *d = ty_playbook_recognize(pb, fzr_slots[k], strlen(fzr_slots[k]), in, &e);
    if (!d) {
        fzr_check_error(&e, want);
        return NULL;
    }
    fzr_require(want == TY_OK);
    const ty_value *root = ty_doc_root(d);
    if (ty_value_kind(root) != TY_NULL) {
        fzr_check_reading(root, in->text, in->len);
        fzr_require(ty_value_count(root) == 4);
    }
    return d;
}

/* Matches (expecting slot k, or nothing when k is FZR_NSLOTS); returns the doc. */
static ty_doc *fzr_match(const ty_playbook *pb, size_t k, const ty_input *in0, int want) {
    ty_input in = *in0;
    if (k < FZR_NSLOTS) {
        in.expect = fzr_slots[k];
        in.expect_len = strlen(fzr_slots[k]);
    }
    ty_error e;
    ty_doc *d = ty_playbook_match(pb, &in, &e);
    if (!d) {
        fzr_check_error(&e, want);
        return NULL;
    }
    fzr_require(want == TY_OK);
    fzr_check_match(ty_doc_root(d), in.text, in.len, in.expect);
    return d;
}

/* Reads the clock header when there is one; else the fixed time. */
static void fzr_read_input(const uint8_t *data, size_t size, ty_input *in) {
    memset(in, 0, sizeof *in);
    in->text = (const char *)data;
    in->len = size;
    in->at = 1795000000;
    in->has_at = 1;
    if (size < FZR_HEAD || data[0] != FZR_MARK) return;
    uint64_t at = 0;
    uint32_t off = 0;
    for (int i = 7; i >= 0; i--) at = at << 8 | data[1 + i];
    for (int i = 3; i >= 0; i--) off = off << 8 | data[9 + i];
    memcpy(&in->at, &at, sizeof at); /* two's complement, without an out-of-range conversion */
    memcpy(&in->utc_offset, &off, sizeof off);
    in->has_at = data[13] & 1;
    in->has_offset = (data[13] >> 1) & 1;
    in->text = (const char *)data + FZR_HEAD;
    in->len = size - FZR_HEAD;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ty_input in;
    fzr_read_input(data, size, &in);
    int want = fzr_expected_error(&in);
    int no_clock = in.has_at && (in.at < FZR_AT_MIN || in.at > FZR_AT_MAX);
    ty_input clockless = in;
    clockless.has_at = 0;
    clockless.at = 0;
    for (int es = 0; es < 2; es++) {
        const ty_playbook *pb = fzr_playbook(es);
        for (size_t k = 0; k <= FZR_NSLOTS; k++) {
            if (k < FZR_NSLOTS) {
                ty_doc *r = fzr_recognize(pb, k, &in, want);
                if (no_clock) fzr_same(fzr_json(r), fzr_json(fzr_recognize(pb, k, &clockless, want)));
                else ty_doc_free(r);
            }
            ty_doc *m = fzr_match(pb, k, &in, want);
            if (no_clock && k == FZR_NSLOTS) fzr_same(fzr_json(m), fzr_json(fzr_match(pb, k, &clockless, want)));
            else ty_doc_free(m);
        }
    }
    return 0;
}
