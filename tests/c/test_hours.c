/*
 * test_hours.c — opening hours, exceptions and lead time (csrc/src/hours.c):
 * which days and times are bookable at a given message time, and which
 * are offered instead of one that is not.
 */
#include "../../csrc/src/civil.h"
#include "../../csrc/src/hours.h"
#include "testutil.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* Tuesday to Saturday; Tuesday split 09:00-13:00 and 15:00-19:00; 24
 * December short, 25 December every year closed; UTC+1. */
static ty_hours_exception ex[2];

static ty_hours shop(int64_t lead) {
    ty_hours h;
    memset(&h, 0, sizeof h);
    h.set = true;
    for (int d = 1; d <= 5; d++) h.week[d] = (ty_hours_day){{{9 * 60, 18 * 60}}, 1};
    h.week[1] = (ty_hours_day){{{9 * 60, 13 * 60}, {15 * 60, 19 * 60}}, 2};
    memset(ex, 0, sizeof ex);
    ex[0].day = ty_civil_days(2026, 12, 24);
    ex[0].hours = (ty_hours_day){{{9 * 60, 13 * 60}}, 1};
    ex[1].day = -1;
    ex[1].mmdd = 1225;
    h.exceptions = ex;
    h.nexceptions = 2;
    h.lead = lead;
    h.utc_offset = 3600;
    return h;
}

static int64_t day(int y, int m, int d) { return ty_civil_days(y, m, d); }
/* Unix time of local y-m-d hh:mm at UTC+1. */
static int64_t at(int y, int m, int d, int hh, int mm) { return day(y, m, d) * 86400 + hh * 3600 + mm * 60 - 3600; }

START_TEST(days) {
    ty_hours h = shop(0);
    int64_t now = at(2026, 12, 3, 11, 0); /* Thursday 11:00 */
    ck_assert_int_eq(ty_hours_check_date(&h, now, day(2026, 12, 3), TY_RANGE_FUTURE, true), TY_BOOK_OK);
    ck_assert_int_eq(ty_hours_check_date(&h, now, day(2026, 12, 2), TY_RANGE_FUTURE, true), TY_BOOK_PASSED);
    ck_assert_int_eq(ty_hours_check_date(&h, now, day(2026, 12, 6), TY_RANGE_FUTURE, true), TY_BOOK_CLOSED);
    ck_assert_int_eq(ty_hours_check_date(&h, now, day(2026, 12, 7), TY_RANGE_FUTURE, true), TY_BOOK_CLOSED);
    ck_assert_int_eq(ty_hours_check_date(&h, now, day(2026, 12, 25), TY_RANGE_FUTURE, true), TY_BOOK_CLOSED);
    ck_assert_int_eq(ty_hours_check_date(&h, now, day(2027, 12, 25), TY_RANGE_FUTURE, true), TY_BOOK_CLOSED);
    ck_assert_int_eq(ty_hours_check_date(&h, now, day(2026, 12, 24), TY_RANGE_FUTURE, true), TY_BOOK_OK);
    /* without the hours check only the past is refused */
    ck_assert_int_eq(ty_hours_check_date(&h, now, day(2026, 12, 6), TY_RANGE_FUTURE, false), TY_BOOK_OK);
    ck_assert_int_eq(ty_hours_check_date(&h, now, day(2026, 12, 2), TY_RANGE_FUTURE, false), TY_BOOK_PASSED);
    /* a slot of past days */
    ck_assert_int_eq(ty_hours_check_date(&h, now, day(2026, 12, 4), TY_RANGE_PAST, true), TY_BOOK_FUTURE);
    ck_assert_int_eq(ty_hours_check_date(&h, now, day(2026, 11, 4), TY_RANGE_PAST, true), TY_BOOK_OK);
    ck_assert_int_eq(ty_hours_check_date(&h, now, day(1990, 1, 1), TY_RANGE_ANY, true), TY_BOOK_OK);
    /* today after closing time */
    ck_assert_int_eq(ty_hours_check_date(&h, at(2026, 12, 3, 18, 0), day(2026, 12, 3), TY_RANGE_FUTURE, true),
                     TY_BOOK_CLOSED);
    /* the business's day, not UTC's: 23:30 UTC on the 3rd is the 4th at UTC+1 */
    ck_assert_int_eq(ty_hours_today(&h, day(2026, 12, 3) * 86400 + 23 * 3600 + 1800), day(2026, 12, 4));
}
END_TEST

START_TEST(lead_times) {
    int64_t now = at(2026, 12, 3, 17, 0); /* Thursday 17:00 */
    ty_hours h = shop(86400);            /* "1d": no same-day bookings, whatever the hour */
    ck_assert_int_eq(ty_hours_check_date(&h, now, day(2026, 12, 3), TY_RANGE_FUTURE, true), TY_BOOK_TOO_SOON);
    ck_assert_int_eq(ty_hours_check_date(&h, now, day(2026, 12, 4), TY_RANGE_FUTURE, true), TY_BOOK_OK);
    ck_assert_int_eq(ty_hours_check_time(&h, now, day(2026, 12, 4), 9 * 60), TY_BOOK_OK);
    h = shop(2 * 3600); /* "2h": counted from the message */
    ck_assert_int_eq(ty_hours_check_date(&h, now, day(2026, 12, 3), TY_RANGE_FUTURE, true), TY_BOOK_TOO_SOON);
    ck_assert_int_eq(ty_hours_check_date(&h, at(2026, 12, 3, 15, 0), day(2026, 12, 3), TY_RANGE_FUTURE, true),
                     TY_BOOK_OK);
    ck_assert_int_eq(ty_hours_check_time(&h, at(2026, 12, 3, 15, 0), day(2026, 12, 3), 16 * 60), TY_BOOK_TOO_SOON);
    ck_assert_int_eq(ty_hours_check_time(&h, at(2026, 12, 3, 15, 0), day(2026, 12, 3), 14 * 60), TY_BOOK_TIME_PASSED);
    ck_assert_int_eq(ty_hours_check_time(&h, at(2026, 12, 3, 15, 0), day(2026, 12, 3), 17 * 60), TY_BOOK_OK);
}
END_TEST

START_TEST(times) {
    ty_hours h = shop(0);
    int64_t now = at(2026, 12, 3, 11, 0);
    int64_t tue = day(2026, 12, 8);
    ck_assert_int_eq(ty_hours_check_time(&h, now, tue, 9 * 60), TY_BOOK_OK);
    ck_assert_int_eq(ty_hours_check_time(&h, now, tue, 13 * 60), TY_BOOK_TIME_CLOSED); /* closing time itself */
    ck_assert_int_eq(ty_hours_check_time(&h, now, tue, 14 * 60), TY_BOOK_TIME_CLOSED); /* the lunch gap */
    ck_assert_int_eq(ty_hours_check_time(&h, now, tue, 18 * 60 + 59), TY_BOOK_OK);
    ck_assert_int_eq(ty_hours_check_time(&h, now, day(2026, 12, 3), 10 * 60), TY_BOOK_TIME_PASSED);
    int t[2];
    /* the lunch gap: 15:00 is nearest; 12:00 and 16:00 tie, and the later wins */
    ck_assert_uint_eq(ty_hours_near_times(&h, now, tue, 14 * 60, t, 2), 2);
    ck_assert_int_eq(t[0], 15 * 60);
    ck_assert_int_eq(t[1], 16 * 60);
    ck_assert_uint_eq(ty_hours_near_times(&h, now, tue, 13 * 60 + 20, t, 2), 2);
    ck_assert_int_eq(t[0], 12 * 60);
    ck_assert_int_eq(t[1], 15 * 60);
    /* after closing: the last two hours */
    ck_assert_uint_eq(ty_hours_near_times(&h, now, day(2026, 12, 9), 20 * 60, t, 2), 2);
    ck_assert_int_eq(t[0], 16 * 60);
    ck_assert_int_eq(t[1], 17 * 60);
    /* today at 11:05: nothing already past is offered */
    ck_assert_uint_eq(ty_hours_near_times(&h, now + 300, day(2026, 12, 3), 9 * 60, t, 2), 2);
    ck_assert_int_eq(t[0], 12 * 60);
    ck_assert_int_eq(t[1], 13 * 60);
    ck_assert_uint_eq(ty_hours_near_times(&h, now, day(2026, 12, 6), 10 * 60, t, 2), 0); /* closed day */
}
END_TEST

START_TEST(near_days) {
    ty_hours h = shop(0);
    int64_t now = at(2026, 12, 3, 11, 0);
    int64_t d[2];
    /* Sunday: Saturday before it, then Tuesday after (a tie goes to the later day) */
    ck_assert_uint_eq(ty_hours_near_days(&h, now, day(2026, 12, 6), d, 2), 2);
    ck_assert_int_eq(d[0], day(2026, 12, 5));
    ck_assert_int_eq(d[1], day(2026, 12, 8));
    /* Monday: Tuesday, then Wednesday (Saturday is as far as Wednesday) */
    ck_assert_uint_eq(ty_hours_near_days(&h, now, day(2026, 12, 7), d, 2), 2);
    ck_assert_int_eq(d[0], day(2026, 12, 8));
    ck_assert_int_eq(d[1], day(2026, 12, 9));
    /* a past day: the first open days from today */
    ck_assert_uint_eq(ty_hours_near_days(&h, now, day(2026, 11, 20), d, 2), 2);
    ck_assert_int_eq(d[0], day(2026, 12, 3));
    ck_assert_int_eq(d[1], day(2026, 12, 4));
    /* Christmas: the short day before it, and the Saturday after */
    ck_assert_uint_eq(ty_hours_near_days(&h, now, day(2026, 12, 25), d, 2), 2);
    ck_assert_int_eq(d[0], day(2026, 12, 24));
    ck_assert_int_eq(d[1], day(2026, 12, 26));
    /* never open: nothing to offer, in bounded time */
    ty_hours shut = shop(0);
    for (int i = 0; i < 7; i++) shut.week[i].n = 0;
    shut.nexceptions = 0;
    ck_assert_uint_eq(ty_hours_near_days(&shut, now, day(2026, 12, 6), d, 2), 0);
    /* no hours set: every day is open all day */
    ty_hours none;
    memset(&none, 0, sizeof none);
    ck_assert_int_eq(ty_hours_check_date(&none, now, day(2026, 12, 6), TY_RANGE_FUTURE, true), TY_BOOK_OK);
    ck_assert_int_eq(ty_hours_check_time(&none, now, day(2026, 12, 6), 23 * 60 + 59), TY_BOOK_OK);
}
END_TEST

int main(void) {
    Suite *s = suite_create("hours");
    TCase *tc = tcase_create("hours");
    tcase_add_test(tc, days);
    tcase_add_test(tc, lead_times);
    tcase_add_test(tc, times);
    tcase_add_test(tc, near_days);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
