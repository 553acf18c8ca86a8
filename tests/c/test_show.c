/*
 * test_show.c — slot values in the words a person writes (csrc/src/show.c):
 * dates with and without the year, today/tomorrow, 12- and 24-hour times,
 * money by currency and language, numbers with a decimal comma, and the
 * template parts of each value.
 */
#include "../../csrc/src/civil.h"
#include "../../csrc/src/show.h"
#include "../../csrc/src/slot.h"
#include "testutil.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* Thursday 3 December 2026 */
#define TODAY_Y 2026
#define TODAY_M 12
#define TODAY_D 3

static ty_show_cx sx(const char *lang, int clock) {
    ty_show_cx x;
    x.w = ty_words_for(lang, strlen(lang));
    x.today = ty_civil_days(TODAY_Y, TODAY_M, TODAY_D);
    x.has_today = true;
    x.clock = clock;
    return x;
}

static char out[256];

/* The text of one show function's output, in `out`. */
#define SHOW(call)                                                                                                     \
    do {                                                                                                               \
        ty_buf b;                                                                                                      \
        ty_buf_init(&b, NULL);                                                                                         \
        ck_assert_int_eq(call, TY_OK);                                                                                 \
        ck_assert_uint_lt(b.len, sizeof out);                                                                          \
        memcpy(out, b.ptr ? b.ptr : "", b.len);                                                                        \
        out[b.len] = '\0';                                                                                             \
        ty_buf_free(&b);                                                                                               \
    } while (0)

static int64_t day(int y, int m, int d) { return ty_civil_days(y, m, d); }

START_TEST(dates_en) {
    ty_show_cx x = sx("en", 0);
    SHOW(ty_show_date(&x, day(2026, 11, 28), &b));
    ck_assert_str_eq(out, "Saturday 28 November");
    SHOW(ty_show_date(&x, day(2027, 1, 2), &b));
    ck_assert_str_eq(out, "Saturday 2 January"); /* next month: no year */
    SHOW(ty_show_date(&x, day(2027, 11, 30), &b));
    ck_assert_str_eq(out, "Tuesday 30 November 2027");
    SHOW(ty_show_date(&x, day(2026, 2, 1), &b));
    ck_assert_str_eq(out, "Sunday 1 February 2026");
    SHOW(ty_show_when(&x, day(2026, 12, 3), &b));
    ck_assert_str_eq(out, "today");
    SHOW(ty_show_when(&x, day(2026, 12, 4), &b));
    ck_assert_str_eq(out, "tomorrow");
    SHOW(ty_show_when(&x, day(2026, 12, 5), &b));
    ck_assert_str_eq(out, "on Saturday 5 December");
    SHOW(ty_show_when(&x, day(2026, 12, 2), &b));
    ck_assert_str_eq(out, "on Wednesday 2 December");
    x.has_today = false; /* no message time: no relative words, the year always */
    SHOW(ty_show_when(&x, day(2026, 12, 4), &b));
    ck_assert_str_eq(out, "on Friday 4 December 2026");
}
END_TEST

START_TEST(dates_es) {
    ty_show_cx x = sx("es-MX", 0);
    SHOW(ty_show_date(&x, day(2026, 11, 28), &b));
    ck_assert_str_eq(out, "s\303\241bado 28 de noviembre");
    SHOW(ty_show_date(&x, day(2027, 11, 30), &b));
    ck_assert_str_eq(out, "martes 30 de noviembre de 2027");
    SHOW(ty_show_when(&x, day(2026, 12, 4), &b));
    ck_assert_str_eq(out, "ma\303\261ana");
    SHOW(ty_show_when(&x, day(2026, 12, 3), &b));
    ck_assert_str_eq(out, "hoy");
    SHOW(ty_show_when(&x, day(2026, 12, 9), &b));
    ck_assert_str_eq(out, "el mi\303\251rcoles 9 de diciembre");
}
END_TEST

START_TEST(times) {
    ty_show_cx en = sx("en", 0), en24 = sx("en", 24), es = sx("es", 0), es12 = sx("es", 12);
    SHOW(ty_show_time(&en, 14 * 60 + 30, &b));
    ck_assert_str_eq(out, "2:30pm");
    SHOW(ty_show_time(&en, 9 * 60, &b));
    ck_assert_str_eq(out, "9am");
    SHOW(ty_show_time(&en, 12 * 60, &b));
    ck_assert_str_eq(out, "noon");
    SHOW(ty_show_time(&en, 0, &b));
    ck_assert_str_eq(out, "midnight");
    SHOW(ty_show_time(&en, 12 * 60 + 5, &b));
    ck_assert_str_eq(out, "12:05pm");
    SHOW(ty_show_time(&en, 5, &b));
    ck_assert_str_eq(out, "12:05am");
    SHOW(ty_show_time(&en24, 9 * 60 + 5, &b));
    ck_assert_str_eq(out, "9:05");
    SHOW(ty_show_time(&es, 18 * 60, &b));
    ck_assert_str_eq(out, "18:00");
    SHOW(ty_show_time(&es12, 18 * 60, &b));
    ck_assert_str_eq(out, "6 p. m.");
    SHOW(ty_show_time_when(&en, 15 * 60, &b));
    ck_assert_str_eq(out, "at 3pm");
    SHOW(ty_show_time_when(&en, 12 * 60, &b));
    ck_assert_str_eq(out, "at noon");
    SHOW(ty_show_time_when(&es, 60, &b));
    ck_assert_str_eq(out, "a la 1:00");
    SHOW(ty_show_time_when(&es, 13 * 60, &b));
    ck_assert_str_eq(out, "a las 13:00");
    SHOW(ty_show_time_when(&es12, 13 * 60, &b));
    ck_assert_str_eq(out, "a la 1 p. m.");
    int from[2] = {9 * 60, 14 * 60}, to[2] = {13 * 60, 18 * 60 + 30};
    SHOW(ty_show_ranges(&en, from, to, 2, &b));
    ck_assert_str_eq(out, "9am to 1pm and 2pm to 6:30pm");
    SHOW(ty_show_ranges(&es, from, to, 2, &b));
    ck_assert_str_eq(out, "de 9:00 a 13:00 y de 14:00 a 18:30");
    SHOW(ty_show_ranges(&en, from, to, 1, &b));
    ck_assert_str_eq(out, "9am to 1pm");
}
END_TEST

START_TEST(amounts) {
    ty_show_cx en = sx("en", 0), es = sx("es", 0);
    SHOW(ty_show_amount(&en, 45, "GBP", 3, &b));
    ck_assert_str_eq(out, "\302\24345");
    SHOW(ty_show_amount(&en, 45.5, "GBP", 3, &b));
    ck_assert_str_eq(out, "\302\24345.50");
    SHOW(ty_show_amount(&en, 1250.05, "USD", 3, &b));
    ck_assert_str_eq(out, "$1,250.05");
    SHOW(ty_show_amount(&en, 1234567, "EUR", 3, &b));
    ck_assert_str_eq(out, "\342\202\2541,234,567");
    SHOW(ty_show_amount(&en, 80, "CHF", 3, &b));
    ck_assert_str_eq(out, "80 CHF");
    SHOW(ty_show_amount(&en, 19.99, NULL, 0, &b));
    ck_assert_str_eq(out, "19.99");
    SHOW(ty_show_amount(&en, -5, "GBP", 3, &b));
    ck_assert_str_eq(out, "-\302\2435");
    SHOW(ty_show_amount(&es, 45.5, "EUR", 3, &b));
    ck_assert_str_eq(out, "45,50 \342\202\254");
    SHOW(ty_show_amount(&es, 1250, "EUR", 3, &b));
    ck_assert_str_eq(out, "1250 \342\202\254"); /* four digits are not grouped in Spanish */
    SHOW(ty_show_amount(&es, 12500, "EUR", 3, &b));
    ck_assert_str_eq(out, "12.500 \342\202\254");
    SHOW(ty_show_number(&es, 2.5, &b));
    ck_assert_str_eq(out, "2,5");
    SHOW(ty_show_number(&en, 2.5, &b));
    ck_assert_str_eq(out, "2.5");
}
END_TEST

/* The value maps templates read: {{day}}, {{day.iso}}, {{price}}, ... */
START_TEST(template_values) {
    ty_show_cx en = sx("en", 0);
    ty_doc *d = ty_doc_new(NULL);
    ck_assert_ptr_nonnull(d);
    ty_buf tmp;
    ty_buf_init(&tmp, NULL);
    int rc;
    ty_value *date = ty_show_value(&en, TY_SLOT_DATE, ty_val_string(d, "2026-12-04", 10), d, &tmp, &rc);
    ck_assert_int_eq(rc, TY_OK);
    ck_assert_ptr_nonnull(date);
    size_t n;
    ck_assert_str_eq(ty_value_string(ty_value_get(date, "text", 4), &n), "Friday 4 December");
    ck_assert_str_eq(ty_value_string(ty_value_get(date, "when", 4), &n), "tomorrow");
    ck_assert_str_eq(ty_value_string(ty_value_get(date, "weekday", 7), &n), "Friday");
    ck_assert_str_eq(ty_value_string(ty_value_get(date, "iso", 3), &n), "2026-12-04");
    ck_assert_str_eq(ty_value_string(ty_value_get(date, "month", 5), &n), "December");
    ck_assert(ty_value_number(ty_value_get(date, "day", 3)) == 4);
    ck_assert(ty_value_number(ty_value_get(date, "year", 4)) == 2026);
    ck_assert_int_eq(ty_value_kind(ty_value_get(date, "tomorrow", 8)), TY_TRUE);
    ck_assert_int_eq(ty_value_kind(ty_value_get(date, "today", 5)), TY_FALSE);

    ty_value *t = ty_show_value(&en, TY_SLOT_TIME, ty_val_string(d, "14:30", 5), d, &tmp, &rc);
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(ty_value_string(ty_value_get(t, "text", 4), &n), "2:30pm");
    ck_assert_str_eq(ty_value_string(ty_value_get(t, "when", 4), &n), "at 2:30pm");
    ck_assert(ty_value_number(ty_value_get(t, "hour", 4)) == 14);

    ty_value *m = ty_val_map(d);
    ty_map_put(d, m, "min", 3, ty_val_number(d, 50));
    ty_map_put(d, m, "max", 3, ty_val_number(d, 80));
    ty_map_put(d, m, "currency", 8, ty_val_string(d, "GBP", 3));
    ty_value *money = ty_show_value(&en, TY_SLOT_MONEY, m, d, &tmp, &rc);
    ck_assert_str_eq(ty_value_string(ty_value_get(money, "text", 4), &n), "\302\24350 to \302\24380");
    ck_assert(ty_value_number(ty_value_get(money, "max", 3)) == 80);
    ty_value *under = ty_val_map(d);
    ty_map_put(d, under, "max", 3, ty_val_number(d, 50));
    ty_map_put(d, under, "currency", 8, ty_val_string(d, "GBP", 3));
    money = ty_show_value(&en, TY_SLOT_MONEY, under, d, &tmp, &rc);
    ck_assert_str_eq(ty_value_string(ty_value_get(money, "text", 4), &n), "under \302\24350");

    /* text, choices and values that are not what the type says are shown as they are */
    ck_assert_ptr_null(ty_show_value(&en, TY_SLOT_TEXT, ty_val_string(d, "2026-12-04", 10), d, &tmp, &rc));
    ck_assert_int_eq(rc, TY_OK);
    ck_assert_ptr_null(ty_show_value(&en, TY_SLOT_DATE, ty_val_string(d, "2026-11-31", 10), d, &tmp, &rc));
    ck_assert_ptr_null(ty_show_value(&en, TY_SLOT_TIME, ty_val_string(d, "25:00", 5), d, &tmp, &rc));
    ty_buf_free(&tmp);
    ty_doc_free(d);
}
END_TEST

START_TEST(civil_iso) {
    int64_t z;
    ck_assert(ty_civil_parse_iso("2024-02-29", 10, &z));
    char iso[16];
    ty_civil_format_iso(z, iso);
    ck_assert_str_eq(iso, "2024-02-29");
    ck_assert(!ty_civil_parse_iso("2023-02-29", 10, &z));
    ck_assert(!ty_civil_parse_iso("2026-13-01", 10, &z));
    ck_assert(!ty_civil_parse_iso("2026-1-01x", 10, &z));
    ck_assert(!ty_civil_parse_iso("0000-01-01", 10, &z));
    ck_assert_int_eq(ty_civil_weekday(ty_civil_days(2026, 12, 3)), 3); /* Thursday */
    ck_assert_int_eq(ty_civil_local_day(-1, 0), -1);
    ck_assert_int_eq(ty_civil_local_day(86399, 1), 1);
}
END_TEST

int main(void) {
    Suite *s = suite_create("show");
    TCase *tc = tcase_create("show");
    tcase_add_test(tc, dates_en);
    tcase_add_test(tc, dates_es);
    tcase_add_test(tc, times);
    tcase_add_test(tc, amounts);
    tcase_add_test(tc, template_values);
    tcase_add_test(tc, civil_iso);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
