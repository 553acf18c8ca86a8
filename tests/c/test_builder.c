/*
 * test_builder.c — the checked builder the bindings feed: values in, JSON's
 * rules (NaN, integers past 2^53, nesting) refused with the path of the
 * value, batch offsets in paths, misuse refused, allocation failure at every
 * site survived.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tinyyes.h"

/* The doc's JSON, for comparing (static buffer). */
static const char *bt_json(const ty_doc *d) {
    static char out[4096];
    ty_buf b;
    ty_buf_init(&b, NULL);
    ck_assert_int_eq(ty_value_write_json(ty_doc_root(d), &b, NULL), TY_OK);
    snprintf(out, sizeof out, "%s", b.ptr);
    ty_buf_free(&b);
    return out;
}

/* Builds {"a":[1,true,null,"x",{"b":2.5}],"c":{}} on b; the last rc. */
static int bt_sample(ty_builder *b) {
    int rc = ty_builder_map(b);
    if (!rc) rc = ty_builder_key(b, "a", 1);
    if (!rc) rc = ty_builder_list(b);
    if (!rc) rc = ty_builder_integer(b, 1, 0);
    if (!rc) rc = ty_builder_bool(b, 1);
    if (!rc) rc = ty_builder_null(b);
    if (!rc) rc = ty_builder_string(b, "x", 1);
    if (!rc) rc = ty_builder_map(b);
    if (!rc) rc = ty_builder_key(b, "b", 1);
    if (!rc) rc = ty_builder_number(b, 2.5);
    if (!rc) rc = ty_builder_end(b);
    if (!rc) rc = ty_builder_end(b);
    if (!rc) rc = ty_builder_key(b, "c", 1);
    if (!rc) rc = ty_builder_map(b);
    if (!rc) rc = ty_builder_end(b);
    if (!rc) rc = ty_builder_end(b);
    return rc;
}

START_TEST(builds_values) {
    ty_builder *b = ty_builder_new("state", TY_DOMAIN_STATE, 0, NULL);
    ck_assert_int_eq(bt_sample(b), TY_OK);
    ck_assert_ptr_null(ty_builder_error(b));
    ty_doc *d = ty_builder_finish(b);
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(bt_json(d), "{\"a\":[1,true,null,\"x\",{\"b\":2.5}],\"c\":{}}");
    ck_assert_ptr_null(ty_builder_finish(b)); /* taken once */
    ty_doc_free(d);
    ty_builder_free(b);
}
END_TEST

/* Feeds a map {"k": [0, 1, <bad>]} under root and returns the error. */
static ty_error bt_bad_third(const char *root, int domain, size_t base, int which) {
    ty_builder *b = ty_builder_new(root, domain, base, NULL);
    ck_assert_int_eq(ty_builder_map(b), 0);
    ck_assert_int_eq(ty_builder_key(b, "k", 1), 0);
    ck_assert_int_eq(ty_builder_list(b), 0);
    ck_assert_int_eq(ty_builder_integer(b, 0, 0), 0);
    ck_assert_int_eq(ty_builder_number(b, 1), 0);
    int rc = which == 0 ? ty_builder_number(b, NAN)
             : which == 1 ? ty_builder_integer(b, 9007199254740993LL, 0)
             : which == 2 ? ty_builder_integer(b, 0, 1)
                          : ty_builder_fail(b, TY_E_UTF8, "lone surrogate");
    ck_assert_int_lt(rc, 0);
    ck_assert_int_eq(ty_builder_null(b), rc); /* after an error, every call says it again */
    ck_assert_ptr_null(ty_builder_finish(b));
    ty_error e = *ty_builder_error(b);
    ty_builder_free(b);
    return e;
}

START_TEST(errors_name_the_path) {
    ty_error e = bt_bad_third("state", TY_DOMAIN_STATE, 0, 0);
    ck_assert_int_eq(e.code, TY_E_STATE);
    ck_assert_int_eq(e.domain, TY_DOMAIN_STATE);
    ck_assert_str_eq(e.path, "state.k[2]");
    ck_assert_str_eq(e.message, "state.k[2]: NaN and infinity are not JSON");
    e = bt_bad_third("event.data", TY_DOMAIN_EVENT, 0, 1);
    ck_assert_int_eq(e.code, TY_E_EVENT);
    ck_assert_str_eq(e.message,
                     "event.data.k[2]: integer beyond +-2^53 cannot be carried exactly (pass it as a str)");
    e = bt_bad_third("", TY_DOMAIN_NONE, 0, 2);
    ck_assert_int_eq(e.code, TY_E_ARG);
    ck_assert_str_eq(e.path, "k[2]"); /* no root: no leading dot */
    e = bt_bad_third("x", TY_DOMAIN_EVENT, 0, 3);
    ck_assert_int_eq(e.code, TY_E_UTF8);
    ck_assert_str_eq(e.message, "x.k[2]: lone surrogate");
    /* 2^53 itself is exact */
    ty_builder *b = ty_builder_new("v", TY_DOMAIN_NONE, 0, NULL);
    ck_assert_int_eq(ty_builder_integer(b, -9007199254740992LL, 0), TY_OK);
    ty_builder_free(b);
}
END_TEST

START_TEST(a_stream_chunk_names_its_place) {
    ty_builder *b = ty_builder_new("events", TY_DOMAIN_EVENT, 10000, NULL);
    ck_assert_int_eq(ty_builder_list(b), 0);
    ck_assert_int_eq(ty_builder_map(b), 0);
    ck_assert_int_eq(ty_builder_end(b), 0);
    ck_assert_int_eq(ty_builder_map(b), 0);
    ck_assert_int_eq(ty_builder_key(b, "at", 2), 0);
    char path[64];
    ck_assert_uint_eq(ty_builder_path(b, path, sizeof path), strlen("events[10001].at"));
    ck_assert_str_eq(path, "events[10001].at");
    ck_assert_int_eq(ty_builder_number(b, INFINITY), TY_E_EVENT);
    ck_assert_str_eq(ty_builder_error(b)->path, "events[10001].at");
    ty_builder_free(b);
}
END_TEST

START_TEST(paths_follow_the_place) {
    ty_builder *b = ty_builder_new("s", TY_DOMAIN_STATE, 7, NULL);
    char path[8];
    ck_assert_int_eq(ty_builder_map(b), 0);
    ty_builder_path(b, path, sizeof path);
    ck_assert_str_eq(path, "s"); /* no key yet: the map itself */
    ck_assert_int_eq(ty_builder_key(b, "long-key", 8), 0);
    ck_assert_uint_eq(ty_builder_path(b, path, sizeof path), 10);
    ck_assert_str_eq(path, "s.long-"); /* cut to the buffer */
    ck_assert_int_eq(ty_builder_string(b, "v", 1), 0);
    ty_builder_path(b, path, sizeof path);
    ck_assert_str_eq(path, "s"); /* the key was used */
    ck_assert_int_eq(ty_builder_key(b, "l", 1), 0);
    ck_assert_int_eq(ty_builder_list(b), 0);
    ck_assert_int_eq(ty_builder_null(b), 0);
    ty_builder_path(b, path, sizeof path);
    ck_assert_str_eq(path, "s.l[1]"); /* base only at the top level */
    ck_assert_int_eq(ty_builder_end(b), 0);
    ck_assert_int_eq(ty_builder_null(b), TY_E_ARG); /* a map value without a key */
    ck_assert_str_eq(ty_builder_error(b)->message, "s: a map value without a key");
    ty_builder_free(b);
}
END_TEST

START_TEST(keys_are_copied) {
    /* the caller's key buffer is reused at once (as the bindings' scratch
     * is); long keys at several levels grow the key stack */
    ty_builder *b = ty_builder_new("r", TY_DOMAIN_NONE, 0, NULL);
    char scratch[200];
    ck_assert_int_eq(ty_builder_map(b), 0);
    memset(scratch, 'a', 100);
    ck_assert_int_eq(ty_builder_key(b, scratch, 100), 0);
    ck_assert_int_eq(ty_builder_map(b), 0);
    memset(scratch, 'b', 150);
    ck_assert_int_eq(ty_builder_key(b, scratch, 150), 0);
    memset(scratch, 'c', sizeof scratch);
    ck_assert_int_eq(ty_builder_string(b, scratch, 3), 0);
    ck_assert_int_eq(ty_builder_key(b, "k", 1), 0);
    char path[400];
    ck_assert_uint_eq(ty_builder_path(b, path, sizeof path), 1 + 1 + 100 + 1 + 1);
    ck_assert_int_eq(ty_builder_end(b), 0);
    ck_assert_int_eq(ty_builder_end(b), 0);
    ty_doc *d = ty_builder_finish(b);
    const ty_value *inner = ty_value_item(ty_doc_root(d), 0);
    size_t klen;
    const char *k = ty_value_key(ty_doc_root(d), 0, &klen);
    ck_assert_uint_eq(klen, 100);
    ck_assert_int_eq(k[0], 'a');
    k = ty_value_key(inner, 0, &klen);
    ck_assert_uint_eq(klen, 150);
    ck_assert_int_eq(k[149], 'b');
    ck_assert_str_eq(ty_value_string(ty_value_item(inner, 0), NULL), "ccc");
    ty_doc_free(d);
    ty_builder_free(b);
}
END_TEST

START_TEST(nesting_is_bounded) {
    ty_builder *b = ty_builder_new("data", TY_DOMAIN_EVENT, 0, NULL);
    int rc = TY_OK, n = 0;
    while (!rc && n < 1000) rc = ty_builder_list(b), n++;
    ck_assert_int_eq(rc, TY_E_DEPTH);
    ck_assert_int_eq(n, TY_VALUE_MAX_DEPTH + 2); /* levels 0..64 open, the 65th refused */
    const ty_error *e = ty_builder_error(b);
    ck_assert_int_eq(e->domain, TY_DOMAIN_EVENT);
    ck_assert_ptr_nonnull(strstr(e->message, "nested deeper than 64 levels"));
    ck_assert_int_eq(strncmp(e->path, "data[0][0]", 10), 0);
    ty_builder_free(b);
    /* a scalar at depth 65 too */
    b = ty_builder_new("d", TY_DOMAIN_NONE, 0, NULL);
    for (int i = 0; i <= TY_VALUE_MAX_DEPTH; i++) ck_assert_int_eq(ty_builder_list(b), 0);
    ck_assert_int_eq(ty_builder_integer(b, 1, 0), TY_E_DEPTH);
    ty_builder_free(b);
}
END_TEST

START_TEST(misuse_is_refused) {
    ty_builder *b = ty_builder_new(NULL, TY_DOMAIN_NONE, 0, NULL);
    ck_assert_int_eq(ty_builder_key(b, "k", 1), TY_E_ARG); /* a key outside a map */
    ty_builder_free(b);
    b = ty_builder_new("r", TY_DOMAIN_NONE, 0, NULL);
    ck_assert_int_eq(ty_builder_end(b), TY_E_ARG);
    ty_builder_free(b);
    b = ty_builder_new("r", TY_DOMAIN_NONE, 0, NULL);
    ck_assert_int_eq(ty_builder_null(b), 0);
    ck_assert_int_eq(ty_builder_null(b), TY_E_ARG); /* a second root */
    ty_builder_free(b);
    b = ty_builder_new("r", TY_DOMAIN_NONE, 0, NULL);
    ck_assert_int_eq(ty_builder_list(b), 0);
    ck_assert_ptr_null(ty_builder_finish(b)); /* incomplete */
    ty_builder_free(b);
    ty_builder_free(NULL);
}
END_TEST

START_TEST(allocation_failure_at_every_site) {
    for (long n = 0;; n++) {
        long countdown = n;
        ty_alloc fa = ty_test_failing_alloc(&countdown);
        ty_builder *b = ty_builder_new("state", TY_DOMAIN_STATE, 0, &fa);
        if (!b) {
            ck_assert_int_eq(ty_test_live_allocs(), 0);
            continue;
        }
        int rc = bt_sample(b);
        ty_doc *d = ty_builder_finish(b);
        ty_builder_free(b);
        if (rc == TY_OK) {
            ck_assert_str_eq(bt_json(d), "{\"a\":[1,true,null,\"x\",{\"b\":2.5}],\"c\":{}}");
            ty_doc_free(d);
            ck_assert_int_eq(ty_test_live_allocs(), 0);
            ck_assert_int_gt(n, 2);
            break;
        }
        ck_assert_int_eq(rc, TY_E_NOMEM);
        ck_assert_ptr_null(d);
        ck_assert_int_eq(ty_test_live_allocs(), 0);
    }
}
END_TEST

int main(void) {
    Suite *s = suite_create("builder");
    TCase *tc = tcase_create("builder");
    tcase_add_test(tc, builds_values);
    tcase_add_test(tc, errors_name_the_path);
    tcase_add_test(tc, a_stream_chunk_names_its_place);
    tcase_add_test(tc, paths_follow_the_place);
    tcase_add_test(tc, keys_are_copied);
    tcase_add_test(tc, nesting_is_bounded);
    tcase_add_test(tc, misuse_is_refused);
    tcase_add_test(tc, allocation_failure_at_every_site);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
