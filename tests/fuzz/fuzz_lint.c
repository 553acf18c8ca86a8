/*
 * fuzz_lint.c — libFuzzer target over the message linter (docs/playbook.md). Input:
 * byte 0 picks the channel (six real ones, NULL for the default, and an
 * unknown name), byte 1 an allocation budget; the rest is the text. The
 * text is linted directly, then (when it compiles as a template) as the
 * one template of a playbook through ty_playbook_lint with an allocator
 * that fails after the budget. The playbook sends that template from a
 * step, as its fallback and as a follow-up, so the playbook-level checks
 * (lint_reach.c) walk it too. Properties: never a crash, a hang or a
 * leak; invalid text is TY_E_UTF8/TY_E_NUL; findings are well formed (a
 * TY00x or TY10x code, error or warning, 0 <= start <= end <= code points
 * of the text, ordered by start; in a playbook a path, and a template
 * unless the finding is about a slot, step or flow, which has null
 * offsets); a failing allocator only ever gives TY_E_NOMEM. Seeds:
 * tests/fuzz/fuzz_lint/, and lint.json's texts (scripts/fuzz_seeds.py).
 * Build: clang -fsanitize=fuzzer,address,undefined (make fuzz; make
 * test-fuzz, part of make test, runs it for a bounded time).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tinyyes.h"

static void fzl_require(int ok) {
    if (!ok) abort();
}

typedef struct fzl_budget {
    long left;
} fzl_budget;

/* left < 0: never fails; else `left` more allocations succeed. */
static int fzl_take(fzl_budget *b) {
    if (b->left == 0) return 0;
    if (b->left > 0) b->left--;
    return 1;
}

static void *fzl_malloc(void *ctx, size_t n) { return fzl_take(ctx) ? malloc(n) : NULL; }

static void *fzl_realloc(void *ctx, void *p, size_t old, size_t n) {
    (void)old;
    return fzl_take(ctx) ? realloc(p, n) : NULL;
}

static void fzl_free(void *ctx, void *p) {
    (void)ctx;
    free(p);
}

static const char *const fzl_channels[] = {"whatsapp", "messenger", "instagram", "telegram", "webchat",
                                           "sms",      NULL,        "carrier-pigeon"};

/* A growable text for building the playbook JSON (the ty_buf appenders
 * are private to the core). */
typedef struct fzl_text {
    char *p;
    size_t n, cap;
} fzl_text;

static void fzl_put(fzl_text *t, const char *s, size_t n) {
    if (t->n + n + 1 > t->cap) {
        t->cap = (t->n + n + 1) * 2;
        t->p = realloc(t->p, t->cap);
        fzl_require(t->p != NULL);
    }
    memcpy(t->p + t->n, s, n);
    t->n += n;
}

static void fzl_puts(fzl_text *t, const char *s) { fzl_put(t, s, strlen(s)); }

static size_t fzl_cps(const char *s, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* Checks a list of findings against text of ncp code points. */
static void fzl_check(const ty_value *list, size_t ncp, int playbook) {
    double last = 0;
    const char *tmpl = NULL;
    for (size_t i = 0; i < ty_value_count(list); i++) {
        const ty_value *f = ty_value_item(list, i);
        size_t n;
        const char *code = ty_value_string(ty_value_get(f, "code", 4), &n);
        bool message = code && n == 5 && !memcmp(code, "TY00", 4) && code[4] >= '1' && code[4] <= '8';
        bool whole = code && n == 5 && !memcmp(code, "TY10", 4) && code[4] >= '1' && code[4] <= '6';
        fzl_require(message || (playbook && whole));
        const char *sev = ty_value_string(ty_value_get(f, "severity", 8), &n);
        fzl_require(sev && (!strcmp(sev, "error") || !strcmp(sev, "warning")));
        fzl_require(ty_value_string(ty_value_get(f, "message", 7), &n) && n > 0);
        const ty_value *sv = ty_value_get(f, "start", 5), *ev = ty_value_get(f, "end", 3);
        bool about_text = !playbook || ty_value_string(ty_value_get(f, "template", 8), &n) != NULL;
        if (!about_text) {
            /* a slot, step or flow: no template, no offsets */
            fzl_require(whole && ty_value_kind(sv) == TY_NULL && ty_value_kind(ev) == TY_NULL);
        } else {
            fzl_require(ty_value_kind(sv) == TY_NUMBER && ty_value_kind(ev) == TY_NUMBER);
            double s = ty_value_number(sv), e = ty_value_number(ev);
            fzl_require(s >= 0 && s <= e);
            if (!playbook) {
                fzl_require(e <= (double)ncp);
                fzl_require(s >= last);
                last = s;
            }
        }
        if (playbook) fzl_require(ty_value_string(ty_value_get(f, "path", 4), &n) != NULL && n > 0);
        (void)tmpl;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2) return 0;
    const char *channel = fzl_channels[data[0] % 8];
    long budget = data[1] * 4;
    const char *text = (const char *)data + 2;
    size_t n = size - 2;
    size_t cl = channel ? strlen(channel) : 0;

    ty_error e;
    ty_doc *d = ty_lint(text, n, channel, cl, "en", 2, &e);
    if (!d) {
        fzl_require(e.code == TY_E_UTF8 || e.code == TY_E_NUL || e.code == TY_E_ARG || e.code == TY_E_LIMIT);
        return 0;
    }
    fzl_check(ty_doc_root(d), fzl_cps(text, n), 0);
    ty_doc_free(d);

    /* the text as a template of a playbook: {"tinyyes": 1, "templates": {"t": text}} */
    fzl_text json = {NULL, 0, 0};
    fzl_puts(&json, "{\"tinyyes\": 1, \"intents\": {\"go\": {\"keywords\": [\"go\"], \"flow\": \"f\"}}, "
                       "\"slots\": {\"pick\": {\"type\": \"choice\", \"options\": [{\"id\": \"a\", "
                       "\"title\": \"Alpha\"}, {\"id\": \"b\", \"title\": \"Beta\"}, {\"id\": \"c\", \"title\": "
                       "\"Gamma\"}]}, \"when\": {\"type\": \"date\"}}, \"templates\": {\"t\": ");
    static const char hex[] = "0123456789abcdef";
    fzl_puts(&json, "\"");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '"' || c == '\\') {
            char two[2] = {'\\', (char)c};
            fzl_put(&json, two, 2);
        } else if (c < 0x20) {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            fzl_put(&json, u, 6);
        } else {
            fzl_put(&json, (const char *)&text[i], 1);
        }
    }
    fzl_puts(&json, "\", \"u\": \"Which one? {{> t}}\"}, \"flows\": {\"f\": {\"steps\": [{\"id\": \"s\", \"say\": "
                       "\"t\", \"ask\": \"pick\"}, {\"id\": \"s2\", \"say\": \"u\", \"ask\": \"when\"}]}}, "
                       "\"fallback\": \"t\", \"followups\": [{\"after\": \"1h\", \"say\": \"t\"}]}");
    ty_playbook *pb = ty_playbook_load(json.p, json.n, NULL, &e);
    free(json.p);
    if (!pb) return 0;
    ty_doc *full = ty_playbook_lint(pb, channel, cl, &e);
    if (full) {
        fzl_check(ty_doc_root(full), 0, 1);
    } else {
        /* a render can fail on its own limits (depth, output size) */
        fzl_require(e.code == TY_E_DEPTH || e.code == TY_E_LIMIT || e.code == TY_E_ARG || e.code == TY_E_NOMEM);
    }
    ty_doc_free(full);
    ty_playbook_free(pb);

    /* again with an allocator that fails after the budget (a template that
     * loads: a placeholder like "[x]" is refused at load) */
    fzl_budget b = {-1};
    ty_alloc al = {fzl_malloc, fzl_realloc, fzl_free, &b};
    ty_playbook_opts po;
    memset(&po, 0, sizeof po);
    po.alloc = &al;
    static const char fixed[] = "{\"tinyyes\": 1, \"templates\": {\"t\": \"Last chance: A, B or C? Let me know\"}}";
    pb = ty_playbook_load(fixed, sizeof fixed - 1, &po, &e);
    fzl_require(pb != NULL);
    b.left = budget;
    ty_doc *d2 = ty_playbook_lint(pb, channel, cl, &e);
    if (d2) fzl_check(ty_doc_root(d2), 0, 1);
    else fzl_require(e.code == TY_E_NOMEM || e.code == TY_E_ARG);
    ty_doc_free(d2);
    b.left = -1;
    ty_playbook_free(pb);
    return 0;
}
