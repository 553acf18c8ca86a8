/*
 * fuzz_playbook.c — libFuzzer target over playbook loading, matching and
 * recognising: loads arbitrary bytes as a playbook; when they load, matches
 * the same bytes as a customer message (plainly, and expecting each slot)
 * and runs every slot's recogniser over them, then checks the results are
 * well-formed. Input: a playbook's JSON text. Seeds: tests/fuzz/fuzz_playbook/,
 * and playbook_errors.json, the vectors' playbooks, examples/playbooks/ and
 * the default playbook (scripts/fuzz_seeds.py). Build: clang
 * -fsanitize=fuzzer,address,undefined (make fuzz; make test-fuzz, part of
 * make test, runs it for a bounded time).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tinyyes.h"

/* Crashes on purpose (libFuzzer reports it) when a result breaks the API. */
static void fz_require(int ok) {
    if (!ok) abort();
}

static void fz_check_result(ty_doc *d, const ty_error *e) {
    if (!d) {
        fz_require(e->code < 0 && e->message[0] != '\0');
        return;
    }
    ty_buf b;
    ty_buf_init(&b, NULL);
    fz_require(ty_value_write_json(ty_doc_root(d), &b, NULL) == 0);
    ty_buf_free(&b);
    ty_doc_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    ty_error e;
    ty_playbook *pb = ty_playbook_load(text, size, NULL, &e);
    if (!pb) {
        /* every failure is a playbook error whose message starts with its path */
        fz_require(e.code < 0 && e.domain == TY_DOMAIN_PLAYBOOK && e.message[0] != '\0');
        if (e.path[0] && e.code == TY_E_SCHEMA) fz_require(strncmp(e.message, e.path, strlen(e.path)) == 0);
        return 0;
    }
    ty_doc *st = ty_playbook_stats(pb, &e);
    fz_require(st != NULL);
    const ty_value *slots_n = ty_value_get(ty_doc_root(st), "slots", 5);
    size_t nslots = (size_t)ty_value_number(slots_n);
    ty_doc_free(st);

    /* the message, with a fixed time so date recognisers resolve */
    ty_input in;
    memset(&in, 0, sizeof in);
    in.text = text;
    in.len = size;
    in.has_at = 1;
    in.at = 1795000000;
    fz_check_result(ty_playbook_match(pb, &in, &e), &e);

    /* event data for options_from slots: the message's first words as
     * options (strings, and one {id, title} object) */
    ty_doc *pbdoc = ty_doc_parse(text, size, NULL, &e);
    fz_require(pbdoc != NULL); /* it loaded, so it parses */
    const ty_value *slots = ty_value_get(ty_doc_root(pbdoc), "slots", 5);
    ty_doc *ev = ty_doc_new(NULL);
    fz_require(ev != NULL);
    ty_value *dm = ty_val_map(ev);
    fz_require(dm != NULL);
    ty_doc_set_root(ev, dm);
    for (size_t i = 0; i < ty_value_count(slots); i++) {
        size_t kl;
        const char *key = ty_value_string(ty_value_get(ty_value_item(slots, i), "options_from", 12), &kl);
        if (!key || ty_value_get(dm, key, kl)) continue;
        ty_value *list = ty_val_list(ev);
        fz_require(list && ty_map_put(ev, dm, key, kl, list) == 0);
        size_t at = 0;
        for (int w = 0; w < 4 && at < size; w++) {
            size_t from = at;
            while (at < size && text[at] != ' ' && text[at] != ',') at++;
            if (at > from && !memchr(text + from, 0, at - from)) {
                ty_value *opt = ty_val_string(ev, text + from, at - from);
                if (w == 3) { /* an object option */
                    ty_value *o = ty_val_map(ev), *id = ty_val_string(ev, "o3", 2);
                    fz_require(o && id && opt && ty_map_put(ev, o, "id", 2, id) == 0 &&
                               ty_map_put(ev, o, "title", 5, opt) == 0);
                    opt = o;
                }
                fz_require(opt && ty_list_push(ev, list, opt) == 0);
            }
            at++;
        }
    }
    in.data = dm;

    for (size_t i = 0; i < nslots && i < ty_value_count(slots); i++) {
        size_t nl;
        const char *name = ty_value_key(slots, i, &nl);
        fz_check_result(ty_playbook_recognize(pb, name, nl, &in, &e), &e);
        in.expect = name;
        in.expect_len = nl;
        fz_check_result(ty_playbook_match(pb, &in, &e), &e);
        in.expect = NULL;
        in.expect_len = 0;
    }
    fz_check_result(ty_playbook_match(pb, &in, &e), &e);
    ty_doc_free(ev);
    ty_doc_free(pbdoc);
    ty_playbook_free(pb);
    return 0;
}
