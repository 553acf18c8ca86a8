/*
 * fuzz_step.c — libFuzzer target over conversation stepping (docs/playbook.md): the
 * input is a state and an event as JSON text, split at the first 0 byte
 * (no 0 byte: no state, the whole input is the event), stepped against the
 * default playbook. Properties: never a crash or a leak; a failure is a
 * state, event, template or playbook error (or out of memory) whose message
 * starts with its path; a success is well-formed and its state is accepted
 * again (stepped with a tick at the same time). Seeds: tests/fuzz/fuzz_step/,
 * and the events of tests/vectors/conversations/ (after the state before
 * them for the default playbook's conversations; scripts/fuzz_seeds.py).
 * Build: clang -fsanitize=fuzzer,address,undefined (make fuzz; make
 * test-fuzz, part of make test, runs it for a bounded time).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tinyyes.h"

/* Crashes on purpose (libFuzzer reports it) when a result breaks the API. */
static void fzs_require(int ok) {
    if (!ok) abort();
}

/* The default playbook, loaded once: training per input would drown the
 * fuzzer. It is never freed, so it stays reachable (not a leak). */
static const ty_playbook *fzs_playbook(void) {
    static ty_playbook *pb;
    if (!pb) {
        size_t len;
        const char *json = ty_default_playbook(&len);
        ty_error e;
        pb = ty_playbook_load(json, len, NULL, &e);
        fzs_require(pb != NULL);
    }
    return pb;
}

static void fzs_check_error(const ty_error *e) {
    fzs_require(e->code < 0 && e->message[0] != '\0');
    fzs_require(e->domain == TY_DOMAIN_STATE || e->domain == TY_DOMAIN_EVENT || e->domain == TY_DOMAIN_TEMPLATE ||
                e->domain == TY_DOMAIN_PLAYBOOK || e->code == TY_E_NOMEM);
    if ((e->domain == TY_DOMAIN_STATE || e->domain == TY_DOMAIN_EVENT) && e->path[0])
        fzs_require(strncmp(e->message, e->path, strlen(e->path)) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    const char *zero = memchr(text, 0, size);
    const char *ev_text = zero ? zero + 1 : text;
    size_t ev_len = zero ? size - (size_t)(zero + 1 - text) : size;
    ty_error e;
    ty_doc *state = NULL;
    if (zero) {
        state = ty_doc_parse(text, (size_t)(zero - text), NULL, &e);
        if (!state) return 0;
    }
    ty_doc *event = ty_doc_parse(ev_text, ev_len, NULL, &e);
    if (!event) {
        ty_doc_free(state);
        return 0;
    }
    const ty_playbook *pb = fzs_playbook();
    ty_doc *res = ty_playbook_step(pb, state ? ty_doc_root(state) : NULL, ty_doc_root(event), &e);
    if (!res) {
        fzs_check_error(&e);
    } else {
        const ty_value *root = ty_doc_root(res);
        /* {"state", "actions", "events"}, and "duplicate": true (with
         * nothing to do) for an event whose id the state has seen */
        const ty_value *dup = ty_value_get(root, "duplicate", 9);
        fzs_require(ty_value_kind(root) == TY_MAP && ty_value_count(root) == (dup ? 4u : 3u));
        fzs_require(ty_value_kind(ty_value_get(root, "actions", 7)) == TY_LIST);
        fzs_require(ty_value_kind(ty_value_get(root, "events", 6)) == TY_LIST);
        fzs_require(!dup || (ty_value_kind(dup) == TY_TRUE && !ty_value_count(ty_value_get(root, "actions", 7)) &&
                             !ty_value_count(ty_value_get(root, "events", 6))));
        const ty_value *st = ty_value_get(root, "state", 5);
        fzs_require(ty_value_kind(st) == TY_MAP);
        /* what the engine writes it must read back: JSON text, then a tick */
        ty_buf b;
        ty_buf_init(&b, NULL);
        fzs_require(ty_value_write_json(st, &b, NULL) == 0);
        ty_doc *back = ty_doc_parse(b.ptr, b.len, NULL, &e);
        fzs_require(back != NULL);
        char tick[64];
        double at = ty_value_number(ty_value_get(st, "last_at", 7));
        size_t n = 0;
        memcpy(tick, "{\"type\":\"tick\",\"at\":", 20);
        n = 20;
        char num[33];
        size_t k = ty_format_number(at, num);
        memcpy(tick + n, num, k);
        n += k;
        tick[n++] = '}';
        ty_doc *tev = ty_doc_parse(tick, n, NULL, &e);
        fzs_require(tev != NULL);
        ty_doc *again = ty_playbook_step(pb, ty_doc_root(back), ty_doc_root(tev), &e);
        fzs_require(again != NULL || e.code == TY_E_NOMEM || e.domain == TY_DOMAIN_TEMPLATE);
        ty_doc_free(again);
        ty_doc_free(tev);
        ty_doc_free(back);
        ty_buf_free(&b);
        ty_doc_free(res);
    }
    ty_doc_free(event);
    ty_doc_free(state);
    return 0;
}
