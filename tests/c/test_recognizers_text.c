/*
 * test_recognizers_text.c — the Recognizers-Text conformance run through the
 * public API (ty_playbook_recognize): the reply-shaped cases that
 * tests/conformance/recognizers_cases.py selects from ../shared and writes to
 * out/conformance/recognizers.json (make does). Every case passes unless
 * it is listed in tests/conformance/recognizers_known.json, and every listed
 * case still fails, so the list stays exact; the table per slot type and
 * locale is printed. Python and Node run the same cases with the same rules.
 */
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ty_doc *cases_doc;
static const ty_value *cases;
static ty_playbook *pbs[2]; /* en, es */

/* The playbook for a case's locale. */
static const ty_playbook *case_playbook(const ty_value *c) {
    const char *loc = ty_test_get_string(c, "locale", NULL);
    return strcmp(loc, "es") == 0 ? pbs[1] : pbs[0];
}

/* Whether recognised value got equals one expected value want: strings
 * equal, numbers within 1e-9 relative, maps member by member. */
static bool same(const ty_value *got, const ty_value *want) {
    ty_kind k = ty_value_kind(want);
    if (ty_value_kind(got) != k) return false;
    if (k == TY_NUMBER) {
        double a = ty_value_number(got), b = ty_value_number(want);
        return fabs(a - b) <= 1e-9 * fmax(1.0, fabs(b));
    }
    if (k == TY_STRING) {
        size_t an, bn;
        const char *a = ty_value_string(got, &an), *b = ty_value_string(want, &bn);
        return an == bn && memcmp(a, b, an) == 0;
    }
    if (k == TY_MAP) {
        if (ty_value_count(got) != ty_value_count(want)) return false;
        for (size_t i = 0; i < ty_value_count(want); i++) {
            size_t kn;
            const char *key = ty_value_key(want, i, &kn);
            const ty_value *g = ty_value_get(got, key, kn);
            if (!g || !same(g, ty_value_item(want, i))) return false;
        }
        return true;
    }
    return k == TY_NULL;
}

/* Runs case c: 1 when it passes, 0 when not, -1 when the call failed (err
 * set). shown (optional) receives the value read as JSON, nothing when none
 * was read (caller frees it). */
static int run_case(const ty_value *c, ty_buf *shown, ty_error *err) {
    size_t n, tn;
    const char *text = ty_test_get_string(c, "input", &n);
    const char *type = ty_test_get_string(c, "type", &tn);
    ty_input in = {.text = text, .len = n, .at = (int64_t)ty_value_number(ty_test_get(c, "at")), .has_at = 1,
                   .has_offset = 1};
    ty_doc *d = ty_playbook_recognize(case_playbook(c), type, tn, &in, err);
    if (!d) return -1;
    const ty_value *got = ty_value_get(ty_doc_root(d), "value", 5);
    const ty_value *expect = ty_test_get(c, "expect");
    bool ok;
    if (ty_value_kind(expect) == TY_NULL) {
        ok = got == NULL;
    } else {
        ok = false;
        for (size_t i = 0; got && i < ty_value_count(expect) && !ok; i++) ok = same(got, ty_value_item(expect, i));
    }
    if (shown && got) ty_value_write_json(got, shown, err);
    ty_doc_free(d);
    return ok ? 1 : 0;
}

START_TEST(test_case) {
    const ty_value *c = ty_value_item(cases, (size_t)_i);
    const ty_value *known = ty_test_get(c, "known");
    bool expect_fail = known && ty_value_kind(known) == TY_STRING;
    ty_buf shown;
    ty_buf_init(&shown, NULL);
    ty_error err;
    int rc = run_case(c, &shown, &err);
    ck_assert_msg(rc >= 0, "%s: %s", ty_test_get_string(c, "id", NULL), err.message);
    bool ok = rc == 1;
    const char *read = shown.len ? shown.ptr : "nothing";
    const char *id = ty_test_get_string(c, "id", NULL);
    if (expect_fail)
        ck_assert_msg(!ok, "%s %s now passes (read %s): remove it from recognizers_known.json", id,
                      ty_test_get_string(c, "input", NULL), read);
    else
        ck_assert_msg(ok, "%s %s: read %s, not what the spec expects", id, ty_test_get_string(c, "input", NULL),
                      read);
    ty_buf_free(&shown);
}
END_TEST

/* Prints passed/total per locale and slot type (answers, then negatives). */
static void print_table(void) {
    static const char *const types[] = {"yesno", "number", "money", "date", "time", "email", "phone"};
    static const char *const locs[] = {"en", "es"};
    for (size_t l = 0; l < 2; l++)
        for (size_t t = 0; t < 7; t++) {
            size_t counts[4] = {0};
            for (size_t i = 0; i < ty_value_count(cases); i++) {
                const ty_value *c = ty_value_item(cases, i);
                if (strcmp(ty_test_get_string(c, "locale", NULL), locs[l]) != 0 ||
                    strcmp(ty_test_get_string(c, "type", NULL), types[t]) != 0)
                    continue;
                size_t k = ty_value_kind(ty_test_get(c, "expect")) == TY_NULL ? 2 : 0;
                ty_error err;
                counts[k] += run_case(c, NULL, &err) == 1;
                counts[k + 1]++;
            }
            if (counts[1] + counts[3])
                printf("recognizers-text %s %-6s answers %3zu/%-3zu  must not read %3zu/%-3zu\n", locs[l], types[t],
                       counts[0], counts[1], counts[2], counts[3]);
        }
}

/* Loads the cases and the two playbooks; false (after printing why) when
 * the run must skip. */
static bool load(void) {
    if (!ty_test_shared_dir()) {
        printf("SKIP: ../shared not found (Recognizers-Text conformance skipped)\n");
        return false;
    }
    const char *path = getenv("TINYYES_RT_CASES");
    if (!path) path = "out/conformance/recognizers.json";
    ty_error err;
    cases_doc = ty_test_load_json(path, &err);
    if (!cases_doc) {
        printf("SKIP: %s: %s (make writes it from ../shared)\n", path, err.message);
        return false;
    }
    const ty_value *root = ty_doc_root(cases_doc);
    const ty_value *skip = ty_test_get(root, "skip");
    if (skip) {
        printf("SKIP: %s\n", ty_value_string(skip, NULL));
        return false;
    }
    cases = ty_test_get(root, "cases");
    const char *locs[] = {"en", "es"};
    for (size_t l = 0; l < 2; l++) {
        size_t n;
        const char *pj = ty_test_get_string(ty_test_get(root, "playbooks"), locs[l], &n);
        pbs[l] = ty_playbook_load(pj, n, NULL, &err);
        if (!pbs[l]) {
            fprintf(stderr, "playbook %s: %s\n", locs[l], err.message);
            exit(1);
        }
    }
    return true;
}

int main(void) {
    int failed = 0;
    if (load()) {
        Suite *s = suite_create("recognizers-text");
        print_table();
        TCase *tc = tcase_create("cases");
        tcase_add_loop_test(tc, test_case, 0, (int)ty_value_count(cases));
        suite_add_tcase(s, tc);
        SRunner *sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        for (size_t l = 0; l < 2; l++) ty_playbook_free(pbs[l]);
        ty_doc_free(cases_doc);
    }
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
