/*
 * hours.h — what the business allows: opening hours per weekday, dated
 * exceptions (holidays, short days), and a lead time, in the business's UTC
 * offset. The flow engine checks a date or time answer against them and
 * against the message time, and offers the nearest days or times that are
 * open instead of one that is not. Pure functions: the time comes in.
 */
#ifndef TY_HOURS_H
#define TY_HOURS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TY_HOURS_MAX_RANGES 4     /* opening ranges in one day */
#define TY_HOURS_MAX_EXCEPTIONS 512
#define TY_HOURS_SEARCH_DAYS 366  /* how far alternatives are looked for */

/* One opening range, minutes after local midnight: from < to <= 1440. */
typedef struct ty_hours_range {
    int16_t from, to;
} ty_hours_range;

/* A day's opening: n == 0 is closed. */
typedef struct ty_hours_day {
    ty_hours_range r[TY_HOURS_MAX_RANGES];
    int n;
} ty_hours_day;

/* A dated exception: one day (`day`, a day number), or the same day
 * every year (`day` < 0, `mmdd` = month * 100 + day). */
typedef struct ty_hours_exception {
    int64_t day;
    int mmdd;
    ty_hours_day hours;
} ty_hours_exception;

typedef struct ty_hours {
    bool set;                 /* the playbook has "hours": else every day is open all day */
    ty_hours_day week[7];     /* Monday first */
    const ty_hours_exception *exceptions; /* dated ones win over yearly ones */
    size_t nexceptions;
    int64_t lead;             /* "lead_time" in seconds (0: none) */
    int32_t utc_offset;       /* the business's, seconds east of UTC */
    int open_from, open_to;   /* minutes: the week's earliest opening and latest closing (-1: not set) */
} ty_hours;

/* Which days a date slot takes (slot key "range"). */
enum { TY_RANGE_FUTURE = 0, TY_RANGE_PAST = 1, TY_RANGE_ANY = 2 };

/* Why a day or time is refused (TY_BOOK_OK: it is not). */
typedef enum ty_book {
    TY_BOOK_OK = 0,
    TY_BOOK_PASSED,     /* a day before today (range "future") */
    TY_BOOK_FUTURE,     /* a day after today (range "past") */
    TY_BOOK_CLOSED,     /* a closed weekday, holiday or exception */
    TY_BOOK_TOO_SOON,   /* inside the lead time */
    TY_BOOK_TIME_CLOSED, /* a time outside the day's opening */
    TY_BOOK_TIME_PASSED, /* a time already past today */
    TY_BOOK_NO_SUCH_DAY  /* a day its month does not have ("31 November"): the flow's, not checked here */
} ty_book;

/* The opening of day z: its exception when it has one, else its weekday. */
ty_hours_day ty_hours_on(const ty_hours *h, int64_t z);

/* The business's local day at Unix time now. */
int64_t ty_hours_today(const ty_hours *h, int64_t now);

/* Checks day z for a date slot of `range` asked at Unix time now;
 * `check_hours` false skips opening hours and lead time. */
ty_book ty_hours_check_date(const ty_hours *h, int64_t now, int64_t z, int range, bool check_hours);

/* Checks `minutes` on day z (a bookable day) at Unix time now. */
ty_book ty_hours_check_time(const ty_hours *h, int64_t now, int64_t z, int minutes);

/* The bookable days nearest to z (at most max, in date order), for a
 * future date slot; returns how many. */
size_t ty_hours_near_days(const ty_hours *h, int64_t now, int64_t z, int64_t *out, size_t max);

/* The bookable times on day z nearest to `minutes` (at most max, in time
 * order): each range's start and each full hour after it before its end,
 * not before now plus the lead time. Returns how many. */
size_t ty_hours_near_times(const ty_hours *h, int64_t now, int64_t z, int minutes, int *out, size_t max);

#endif /* TY_HOURS_H */
