/*
 * show.c — slot values in the words a person writes (show.h).
 */
#include "show.h"

#include <math.h>
#include <stdio.h>

#include "civil.h"
#include "playbook.h"
#include "slot.h"

/* Appends a space then s, unless s is empty. */
static int show_word(ty_buf *b, const char *s) {
    if (!s || !*s) return TY_OK;
    int rc = b->len ? ty_buf_putc(b, ' ') : TY_OK;
    return rc ? rc : ty_buf_puts(b, s);
}

/* Appends v in decimal digits (what "%lld" writes, without snprintf). */
static int show_int(ty_buf *b, int64_t v) {
    char num[24];
    size_t at = sizeof num;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        num[--at] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) num[--at] = '-';
    return ty_buf_append(b, num + at, sizeof num - at);
}

int ty_show_date(const ty_show_cx *x, int64_t z, ty_buf *b) {
    int64_t y;
    int m, d;
    ty_civil_date(z, &y, &m, &d);
    const ty_words *w = x->w;
    int rc = ty_buf_puts(b, w->weekdays[ty_civil_weekday(z)]);
    if (!rc) rc = ty_buf_putc(b, ' ');
    if (!rc) rc = show_int(b, d);
    if (!rc) rc = show_word(b, w->month_link);
    if (!rc) rc = ty_buf_putc(b, ' ');
    if (!rc) rc = ty_buf_puts(b, w->months[m - 1]);
    if (!rc && (!x->has_today || z - x->today > 180 || x->today - z > 180)) {
        rc = show_word(b, w->month_link);
        if (!rc) rc = ty_buf_putc(b, ' ');
        if (!rc) rc = show_int(b, y);
    }
    return rc;
}

int ty_show_when(const ty_show_cx *x, int64_t z, ty_buf *b) {
    if (x->has_today && z == x->today) return ty_buf_puts(b, x->w->today);
    if (x->has_today && z == x->today + 1) return ty_buf_puts(b, x->w->tomorrow);
    int rc = ty_buf_puts(b, x->w->on);
    if (!rc) rc = ty_buf_putc(b, ' ');
    return rc ? rc : ty_show_date(x, z, b);
}

static bool show_24(const ty_show_cx *x) { return x->clock ? x->clock == 24 : x->w->clock24; }

int ty_show_time(const ty_show_cx *x, int minutes, ty_buf *b) {
    int h = minutes / 60, m = minutes % 60;
    char t[16];
    int n;
    if (show_24(x)) {
        n = snprintf(t, sizeof t, "%d:%02d", h, m);
        return ty_buf_append(b, t, (size_t)n);
    }
    if (m == 0 && h == 12 && x->w->noon) return ty_buf_puts(b, x->w->noon);
    if (m == 0 && h == 0 && x->w->midnight) return ty_buf_puts(b, x->w->midnight);
    int h12 = h % 12 == 0 ? 12 : h % 12;
    n = m ? snprintf(t, sizeof t, "%d:%02d", h12, m) : snprintf(t, sizeof t, "%d", h12);
    int rc = ty_buf_append(b, t, (size_t)n);
    return rc ? rc : ty_buf_puts(b, h < 12 ? x->w->am : x->w->pm);
}

int ty_show_time_when(const ty_show_cx *x, int minutes, ty_buf *b) {
    int h = minutes / 60;
    bool one = show_24(x) ? h == 1 : h % 12 == 1;
    const char *at = one && x->w->at_one ? x->w->at_one : x->w->at;
    bool named = !show_24(x) && minutes % 60 == 0 && ((h == 12 && x->w->noon) || (h == 0 && x->w->midnight));
    int rc = named ? TY_OK : ty_buf_puts(b, at);
    if (!rc && !named) rc = ty_buf_putc(b, ' ');
    if (!rc && named) rc = ty_buf_puts(b, x->w->at), rc = rc ? rc : ty_buf_putc(b, ' ');
    return rc ? rc : ty_show_time(x, minutes, b);
}

int ty_show_ranges(const ty_show_cx *x, const int *from, const int *to, size_t n, ty_buf *b) {
    const ty_words *w = x->w;
    int rc = TY_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        if (i) {
            rc = ty_buf_puts(b, i + 1 == n ? " " : ", ");
            if (!rc && i + 1 == n) rc = ty_buf_puts(b, w->and_word), rc = rc ? rc : ty_buf_putc(b, ' ');
        }
        if (!rc && *w->range_from) rc = ty_buf_puts(b, w->range_from), rc = rc ? rc : ty_buf_putc(b, ' ');
        if (!rc) rc = ty_show_time(x, from[i], b);
        if (!rc) rc = ty_buf_putc(b, ' ');
        if (!rc) rc = ty_buf_puts(b, w->range);
        if (!rc) rc = ty_buf_putc(b, ' ');
        if (!rc) rc = ty_show_time(x, to[i] % 1440, b);
    }
    return rc;
}

/* Appends the digits of whole, grouped by thousands from group_from. */
static int show_whole(const ty_show_cx *x, uint64_t whole, bool group, ty_buf *b) {
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)whole);
    int rc = TY_OK;
    for (int i = 0; !rc && i < n; i++) {
        if (group && i > 0 && (n - i) % 3 == 0) rc = ty_buf_putc(b, x->w->group_mark);
        if (!rc) rc = ty_buf_putc(b, digits[i]);
    }
    return rc;
}

/* Appends |amount| with two decimals when it has cents, else none. */
static int show_amount_digits(const ty_show_cx *x, double amount, ty_buf *b) {
    double a = fabs(amount);
    if (!(a < 1e15)) { /* beyond cents precision (or not finite): as JSON writes it */
        char num[33];
        return ty_buf_append(b, num, ty_format_number(a, num));
    }
    uint64_t cents = (uint64_t)llround(a * 100.0);
    uint64_t whole = cents / 100, frac = cents % 100;
    int rc = show_whole(x, whole, (double)whole >= x->w->group_from, b);
    if (!rc && frac) {
        char t[4];
        snprintf(t, sizeof t, "%c%02u", x->w->decimal_mark, (unsigned)frac);
        rc = ty_buf_append(b, t, 3);
    }
    return rc;
}

int ty_show_amount(const ty_show_cx *x, double amount, const char *currency, size_t clen, ty_buf *b) {
    const ty_words_currency *cur = NULL;
    for (const ty_words_currency *c = x->w->currencies; currency && c->iso; c++)
        if (strlen(c->iso) == clen && memcmp(c->iso, currency, clen) == 0) cur = c;
    int rc = amount < 0 ? ty_buf_putc(b, '-') : TY_OK;
    if (!rc && cur && !cur->after) rc = ty_buf_puts(b, cur->symbol);
    if (!rc && !cur && currency && clen && !x->w->code_after) {
        rc = ty_buf_append(b, currency, clen);
        if (!rc) rc = ty_buf_putc(b, ' ');
    }
    if (!rc) rc = show_amount_digits(x, amount, b);
    if (!rc && cur && cur->after) rc = ty_buf_putc(b, ' '), rc = rc ? rc : ty_buf_puts(b, cur->symbol);
    if (!rc && !cur && currency && clen && x->w->code_after) {
        rc = ty_buf_putc(b, ' ');
        if (!rc) rc = ty_buf_append(b, currency, clen);
    }
    return rc;
}

int ty_show_number(const ty_show_cx *x, double v, ty_buf *b) {
    char num[33];
    size_t n = ty_format_number(v, num);
    for (size_t i = 0; i < n; i++)
        if (num[i] == '.') num[i] = x->w->decimal_mark;
    return ty_buf_append(b, num, n);
}

/* ---- template values ------------------------------------------------ */

typedef struct show_map {
    ty_doc *doc;
    ty_value *map;
    int rc;
} show_map;

/* Puts v under key, a string literal (not copied). */
static void show_put(show_map *m, const char *key, ty_value *v) {
    if (m->rc) return;
    if (!v || ty_map_put_nocopy(m->doc, m->map, key, strlen(key), v)) m->rc = TY_E_NOMEM;
}

/* Puts buf's text under key, then empties buf. */
static void show_put_buf(show_map *m, const char *key, ty_buf *b) {
    show_put(m, key, ty_val_string(m->doc, b->ptr ? b->ptr : "", b->len));
    b->len = 0;
}

static void show_date_parts(const ty_show_cx *x, int64_t z, const char *iso, show_map *m, ty_buf *b) {
    int64_t y;
    int mo, d;
    ty_civil_date(z, &y, &mo, &d);
    m->rc = ty_show_date(x, z, b);
    show_put_buf(m, "text", b);
    if (!m->rc) m->rc = ty_show_when(x, z, b);
    show_put_buf(m, "when", b);
    show_put(m, "weekday", ty_val_string(m->doc, x->w->weekdays[ty_civil_weekday(z)],
                                         strlen(x->w->weekdays[ty_civil_weekday(z)])));
    show_put(m, "day", ty_val_number(m->doc, d));
    show_put(m, "month", ty_val_string(m->doc, x->w->months[mo - 1], strlen(x->w->months[mo - 1])));
    show_put(m, "year", ty_val_number(m->doc, (double)y));
    show_put(m, "iso", ty_val_string(m->doc, iso, 10));
    show_put(m, "today", ty_val_bool(m->doc, x->has_today && z == x->today));
    show_put(m, "tomorrow", ty_val_bool(m->doc, x->has_today && z == x->today + 1));
}

static void show_time_parts(const ty_show_cx *x, int minutes, const char *iso, show_map *m, ty_buf *b) {
    m->rc = ty_show_time(x, minutes, b);
    show_put_buf(m, "text", b);
    if (!m->rc) m->rc = ty_show_time_when(x, minutes, b);
    show_put_buf(m, "when", b);
    show_put(m, "hour", ty_val_number(m->doc, minutes / 60));
    show_put(m, "minute", ty_val_number(m->doc, minutes % 60));
    show_put(m, "iso", ty_val_string(m->doc, iso, 5));
}

/* Money: {amount, currency} or a range {min?, max?, currency}. */
static void show_money_parts(const ty_show_cx *x, const ty_value *v, show_map *m, ty_buf *b) {
    size_t cn = 0;
    const char *cur = ty_value_string(ty_value_get(v, "currency", 8), &cn);
    const ty_value *amount = ty_value_get(v, "amount", 6);
    const ty_value *lo = ty_value_get(v, "min", 3), *hi = ty_value_get(v, "max", 3);
    if (ty_value_kind(amount) == TY_NUMBER) {
        m->rc = ty_show_amount(x, ty_value_number(amount), cur, cn, b);
    } else if (ty_value_kind(lo) == TY_NUMBER && ty_value_kind(hi) == TY_NUMBER) {
        m->rc = ty_show_amount(x, ty_value_number(lo), cur, cn, b);
        if (!m->rc) m->rc = show_word(b, x->w->range);
        if (!m->rc) m->rc = ty_buf_putc(b, ' ');
        if (!m->rc) m->rc = ty_show_amount(x, ty_value_number(hi), cur, cn, b);
    } else if (ty_value_kind(lo) == TY_NUMBER || ty_value_kind(hi) == TY_NUMBER) {
        bool up = ty_value_kind(lo) == TY_NUMBER;
        m->rc = ty_buf_puts(b, up ? x->w->over : x->w->under);
        if (!m->rc) m->rc = ty_buf_putc(b, ' ');
        if (!m->rc) m->rc = ty_show_amount(x, ty_value_number(up ? lo : hi), cur, cn, b);
    }
    show_put_buf(m, "text", b);
    for (size_t i = 0; !m->rc && i < ty_value_count(v); i++) {
        size_t kn;
        const char *k = ty_value_key(v, i, &kn);
        if (ty_map_put(m->doc, m->map, k, kn, (ty_value *)ty_value_item(v, i))) m->rc = TY_E_NOMEM;
    }
}

ty_value *ty_show_value(const ty_show_cx *x, int slot_type, const ty_value *v, ty_doc *doc, ty_buf *tmp, int *rc) {
    *rc = TY_OK;
    size_t n = 0;
    const char *s = ty_value_string(v, &n);
    int64_t z = 0;
    int minutes = 0;
    bool date = slot_type == TY_SLOT_DATE && ty_civil_parse_iso(s, n, &z);
    bool time = slot_type == TY_SLOT_TIME && ty_pb_parse_clock(s, n, &minutes);
    bool money = slot_type == TY_SLOT_MONEY && ty_value_kind(v) == TY_MAP;
    bool number = slot_type == TY_SLOT_NUMBER && ty_value_kind(v) == TY_NUMBER;
    if (!date && !time && !money && !number) return NULL;
    show_map m = {doc, ty_val_map(doc), TY_OK};
    if (!m.map) {
        *rc = TY_E_NOMEM;
        return NULL;
    }
    ty_buf *b = tmp;
    b->len = 0;
    if (date) show_date_parts(x, z, s, &m, b);
    if (time) show_time_parts(x, minutes, s, &m, b);
    if (money) show_money_parts(x, v, &m, b);
    if (number) {
        m.rc = ty_show_number(x, ty_value_number(v), b);
        show_put_buf(&m, "text", b);
        show_put(&m, "value", (ty_value *)v);
    }
    b->len = 0;
    *rc = m.rc;
    return m.rc ? NULL : m.map;
}
