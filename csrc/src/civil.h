/*
 * civil.h — the proleptic Gregorian calendar on day numbers (days since
 * 1970-01-01), with no mktime, no TZ and no locale: what the date reader,
 * the value display and the opening-hours checks share.
 */
#ifndef TY_CIVIL_H
#define TY_CIVIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Days since 1970-01-01 of y-m-d (H. Hinnant's days_from_civil). */
int64_t ty_civil_days(int64_t y, int m, int d);
/* Inverse of ty_civil_days. */
void ty_civil_date(int64_t z, int64_t *y, int *m, int *d);
/* 0 = Monday ... 6 = Sunday. */
int ty_civil_weekday(int64_t z);
/* Gregorian leap year. */
bool ty_civil_leap(int64_t y);
/* Days in month m (1..12) of year y. */
int ty_civil_month_days(int64_t y, int m);
/* The local day of Unix time t at utc_offset seconds east of UTC. */
int64_t ty_civil_local_day(int64_t t, int32_t utc_offset);
/* Reads "YYYY-MM-DD" (a real date, years 1..9999) into a day number. */
bool ty_civil_parse_iso(const char *s, size_t n, int64_t *z);
/* Writes "YYYY-MM-DD" of day z into dst (NUL-terminated, 10 chars). */
void ty_civil_format_iso(int64_t z, char dst[16]);

#endif /* TY_CIVIL_H */
