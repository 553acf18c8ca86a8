/*
 * hours.c — opening hours, exceptions and lead time (hours.h).
 *
 * A lead time of whole days counts calendar days ("1d": no same-day
 * bookings, whatever the hour); any other lead time counts from the message
 * time ("2h": a day is too soon when it closes within two hours from now).
 */
#include "hours.h"

#include "civil.h"

ty_hours_day ty_hours_on(const ty_hours *h, int64_t z) {
    ty_hours_day all = {{{0, 1440}}, 1};
    if (!h->set) return all;
    int64_t y;
    int m, d;
    ty_civil_date(z, &y, &m, &d);
    const ty_hours_exception *yearly = NULL;
    for (size_t i = 0; i < h->nexceptions; i++) {
        const ty_hours_exception *e = &h->exceptions[i];
        if (e->day == z) return e->hours;
        if (e->day < 0 && e->mmdd == m * 100 + d) yearly = e;
    }
    return yearly ? yearly->hours : h->week[ty_civil_weekday(z)];
}

int64_t ty_hours_today(const ty_hours *h, int64_t now) { return ty_civil_local_day(now, h->utc_offset); }

/* Unix time of `minutes` after local midnight of day z. */
static int64_t hours_instant(const ty_hours *h, int64_t z, int minutes) {
    return z * 86400 + (int64_t)minutes * 60 - h->utc_offset;
}

static bool hours_lead_days(const ty_hours *h) { return h->lead > 0 && h->lead % 86400 == 0; }

/* The earliest Unix time a booking may start (time-counted lead times). */
static int64_t hours_earliest(const ty_hours *h, int64_t now) { return hours_lead_days(h) ? now : now + h->lead; }

ty_book ty_hours_check_date(const ty_hours *h, int64_t now, int64_t z, int range, bool check_hours) {
    int64_t today = ty_hours_today(h, now);
    if (range == TY_RANGE_ANY) return TY_BOOK_OK;
    if (range == TY_RANGE_PAST) return z > today ? TY_BOOK_FUTURE : TY_BOOK_OK;
    if (z < today) return TY_BOOK_PASSED;
    if (!check_hours) return TY_BOOK_OK;
    ty_hours_day day = ty_hours_on(h, z);
    if (day.n == 0) return TY_BOOK_CLOSED;
    if (hours_lead_days(h) && z < today + h->lead / 86400) return TY_BOOK_TOO_SOON;
    /* open at some moment after the earliest start */
    if (hours_instant(h, z, day.r[day.n - 1].to) <= hours_earliest(h, now))
        return h->lead > 0 ? TY_BOOK_TOO_SOON : TY_BOOK_CLOSED;
    return TY_BOOK_OK;
}

ty_book ty_hours_check_time(const ty_hours *h, int64_t now, int64_t z, int minutes) {
    ty_hours_day day = ty_hours_on(h, z);
    bool open = false;
    for (int i = 0; i < day.n; i++) open |= day.r[i].from <= minutes && minutes < day.r[i].to;
    if (!open) return TY_BOOK_TIME_CLOSED;
    int64_t t = hours_instant(h, z, minutes);
    if (t < now) return TY_BOOK_TIME_PASSED;
    if (t < hours_earliest(h, now)) return TY_BOOK_TOO_SOON;
    return TY_BOOK_OK;
}

/* Keeps the `max` candidates nearest to `at` in out (sorted ascending);
 * ties go to the later one (what comes next is offered first). n is how
 * many out holds. */
static size_t hours_keep_near(int64_t *out, size_t n, size_t max, int64_t cand, int64_t at) {
    int64_t dc = cand > at ? cand - at : at - cand;
    if (n == max) {
        /* the farthest kept one */
        size_t far = 0;
        int64_t dfar = -1;
        for (size_t i = 0; i < n; i++) {
            int64_t d = out[i] > at ? out[i] - at : at - out[i];
            if (d > dfar || (d == dfar && out[i] < out[far])) dfar = d, far = i;
        }
        if (dc > dfar || (dc == dfar && cand < out[far])) return n;
        for (size_t i = far; i + 1 < n; i++) out[i] = out[i + 1];
        n--;
    }
    size_t i = n;
    while (i > 0 && out[i - 1] > cand) {
        out[i] = out[i - 1];
        i--;
    }
    out[i] = cand;
    return n + 1;
}

size_t ty_hours_near_days(const ty_hours *h, int64_t now, int64_t z, int64_t *out, size_t max) {
    int64_t today = ty_hours_today(h, now);
    int64_t from = z - TY_HOURS_SEARCH_DAYS < today ? today : z - TY_HOURS_SEARCH_DAYS;
    size_t n = 0;
    for (int64_t d = from; max && d <= z + TY_HOURS_SEARCH_DAYS; d++) {
        if (d == z || ty_hours_check_date(h, now, d, TY_RANGE_FUTURE, true) != TY_BOOK_OK) continue;
        n = hours_keep_near(out, n, max, d, z);
        /* out is sorted: its farthest day from z is its first or its last */
        int64_t lo = z - out[0], hi = out[n - 1] - z;
        if (n == max && d > z && d - z >= (lo > hi ? lo : hi)) break;
    }
    return n;
}

size_t ty_hours_near_times(const ty_hours *h, int64_t now, int64_t z, int minutes, int *out, size_t max) {
    ty_hours_day day = ty_hours_on(h, z);
    int64_t kept[8];
    if (max > 8) max = 8;
    size_t n = 0;
    for (int i = 0; max && i < day.n; i++) {
        for (int t = day.r[i].from; t < day.r[i].to; t = t % 60 ? t + 60 - t % 60 : t + 60) {
            if (t == minutes || ty_hours_check_time(h, now, z, t) != TY_BOOK_OK) continue;
            n = hours_keep_near(kept, n, max, t, minutes);
        }
    }
    for (size_t i = 0; i < n; i++) out[i] = (int)kept[i];
    return n;
}
