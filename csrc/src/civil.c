/*
 * civil.c — the proleptic Gregorian calendar on day numbers (civil.h).
 */
#include "civil.h"

#include <stdio.h>

int64_t ty_civil_days(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void ty_civil_date(int64_t z, int64_t *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

int ty_civil_weekday(int64_t z) {
    int64_t w = (z + 3) % 7; /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w);
}

bool ty_civil_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int ty_civil_month_days(int64_t y, int m) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ty_civil_leap(y) ? 29 : days[m - 1];
}

int64_t ty_civil_local_day(int64_t t, int32_t utc_offset) {
    int64_t s = t + (int64_t)utc_offset;
    int64_t q = s / 86400;
    if (s % 86400 < 0) q--;
    return q;
}

/* The value of n ASCII digits at s, or -1. */
static int civil_digits(const char *s, size_t n) {
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool ty_civil_parse_iso(const char *s, size_t n, int64_t *z) {
    if (!s || n != 10 || s[4] != '-' || s[7] != '-') return false;
    int y = civil_digits(s, 4), m = civil_digits(s + 5, 2), d = civil_digits(s + 8, 2);
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > ty_civil_month_days(y, m)) return false;
    *z = ty_civil_days(y, m, d);
    return true;
}

void ty_civil_format_iso(int64_t z, char dst[16]) {
    int64_t y;
    int m, d;
    ty_civil_date(z, &y, &m, &d);
    snprintf(dst, 16, "%04d-%02d-%02d", (int)(y % 10000), m, d);
}
