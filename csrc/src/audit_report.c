/*
 * audit_report.c — the readable report of an audit (ty_audit's doc), as
 * `python -m tinyyes audit` and `npx tinyyes audit` print it: the totals,
 * where conversations ended (with bars), the most frequent findings, the
 * questions left unanswered, each conversation with a finding, and the
 * lines that could not be read. Written here once so both command lines
 * print the same bytes.
 */
#include "common.h"

#include <stdarg.h>
#include <stdio.h>

/* The member key of map m, or NULL (m may be NULL or not a map). */
static const ty_value *ar_get(const ty_value *m, const char *key) {
    return m && ty_value_kind(m) == TY_MAP ? ty_value_get(m, key, strlen(key)) : NULL;
}

static double ar_num(const ty_value *m, const char *key) {
    const ty_value *v = ar_get(m, key);
    return v && ty_value_kind(v) == TY_NUMBER ? ty_value_number(v) : 0;
}

static const char *ar_str(const ty_value *m, const char *key, size_t *n) {
    const ty_value *v = ar_get(m, key);
    const char *s = v ? ty_value_string(v, n) : NULL;
    if (!s) {
        *n = 0;
        return "";
    }
    return s;
}

static int ar_printf(ty_buf *b, const char *fmt, ...) TY_PRINTF(2, 3);
static int ar_printf(ty_buf *b, const char *fmt, ...) {
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k < 0) return TY_OK;
    return ty_buf_append(b, tmp, (size_t)k < sizeof tmp ? (size_t)k : sizeof tmp - 1);
}

/* A duration as "45s", "12m", "3h 05m" or "2d 4h". */
static void ar_duration(double s, char *buf, size_t cap) {
    long long x = (long long)(s + 0.5);
    if (x < 60) snprintf(buf, cap, "%llds", x);
    else if (x < 3600) snprintf(buf, cap, "%lldm", x / 60);
    else if (x < 86400) snprintf(buf, cap, "%lldh %02lldm", x / 3600, x / 60 % 60);
    else snprintf(buf, cap, "%lldd %lldh", x / 86400, x / 3600 % 24);
}

/* A text on one line: newlines as spaces, cut at max bytes (whole code points). */
static int ar_quote(ty_buf *b, const char *s, size_t n, size_t max) {
    bool cut = n > max;
    if (cut) {
        while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
        n = max;
    }
    int rc = ty_buf_putc(b, '"');
    for (size_t i = 0; i < n && !rc; i++) rc = ty_buf_putc(b, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
    if (!rc && cut) rc = ty_buf_puts(b, "...");
    return rc ? rc : ty_buf_putc(b, '"');
}

static int ar_totals(const ty_value *doc, const ty_value *sum, ty_buf *b) {
    size_t bn;
    const char *biz = ar_str(doc, "business", &bn);
    double conv = ar_num(sum, "conversations");
    double msgs = ar_num(sum, "messages"), custs = ar_num(sum, "customers");
    int rc = ar_printf(b, "Audit of %.0f conversation%s (%.0f message%s, %.0f customer%s); the business is \"%.*s\".\n\n",
                       conv, conv == 1 ? "" : "s", msgs, msgs == 1 ? "" : "s", custs, custs == 1 ? "" : "s", (int)bn,
                       biz);
    const ty_value *rr = ar_get(sum, "reply_rate");
    if (!rc && rr && ty_value_kind(rr) == TY_NUMBER)
        rc = ar_printf(b, "Customers who replied after the business's first message: %.0f%% (%.0f)\n",
                       ty_value_number(rr) * 100, ar_num(sum, "replied"));
    const ty_value *fr = ar_get(sum, "first_response"), *med = ar_get(fr, "median");
    if (!rc && med && ty_value_kind(med) == TY_NUMBER) {
        char d[32];
        ar_duration(ty_value_number(med), d, sizeof d);
        rc = ar_printf(b, "Median time to the first response: %s (%.0f conversations)\n", d, ar_num(fr, "count"));
    }
    if (!rc) rc = ar_printf(b, "Booked: %.0f of %.0f\n", ar_num(sum, "booked"), conv);
    return rc;
}

/* "name  count  ####" rows of a map or of a list of {key, "count"}. */
static int ar_bars(ty_buf *b, const char *title, const ty_value *v, const char *key) {
    size_t n = v ? ty_value_count(v) : 0;
    if (!n) return TY_OK;
    double top = 1;
    for (size_t i = 0; i < n; i++) {
        double x = key ? ar_num(ty_value_item(v, i), "count") : ty_value_number(ty_value_item(v, i));
        if (x > top) top = x;
    }
    int rc = ar_printf(b, "\n%s\n", title);
    for (size_t i = 0; i < n && !rc; i++) {
        size_t kl;
        const ty_value *it = ty_value_item(v, i);
        const char *k = key ? ar_str(it, key, &kl) : ty_value_key(v, i, &kl);
        double x = key ? ar_num(it, "count") : ty_value_number(it);
        int bar = (int)(x * 30 / top + 0.5);
        rc = ar_printf(b, "  %-20.*s %5.0f  ", (int)kl, k, x);
        for (int j = 0; j < bar && !rc; j++) rc = ty_buf_putc(b, '#');
        if (!rc) rc = ty_buf_putc(b, '\n');
    }
    return rc;
}

static int ar_unanswered(ty_buf *b, const ty_value *list) {
    size_t n = list ? ty_value_count(list) : 0;
    if (!n) return TY_OK;
    int rc = ar_printf(b, "\nCustomer questions left unanswered\n");
    for (size_t i = 0; i < n && i < 10 && !rc; i++) {
        const ty_value *g = ty_value_item(list, i);
        size_t ln;
        const char *label = ar_str(g, "label", &ln);
        rc = ar_printf(b, "  %3.0f  ", ar_num(g, "count"));
        const ty_value *intent = ar_get(g, "intent");
        if (!rc) rc = intent && ty_value_kind(intent) == TY_STRING ? ar_printf(b, "%.*s", (int)ln, label)
                                                                   : ar_quote(b, label, ln, 70);
        if (!rc) rc = ty_buf_putc(b, '\n');
    }
    return rc;
}

static int ar_conversations(ty_buf *b, const ty_value *list) {
    int rc = ar_printf(b, "\nConversations with findings\n");
    size_t shown = 0;
    for (size_t i = 0; list && i < ty_value_count(list) && !rc; i++) {
        const ty_value *c = ty_value_item(list, i), *fl = ar_get(c, "findings");
        if (!fl || !ty_value_count(fl)) continue;
        size_t il, sl;
        const char *id = ar_str(c, "id", &il), *st = ar_str(c, "stopped_at", &sl);
        rc = ar_printf(b, "  %.*s (%.0f messages, stopped at %.*s)\n", (int)il, id, ar_num(c, "messages"), (int)sl, st);
        for (size_t k = 0; k < ty_value_count(fl) && !rc; k++) {
            const ty_value *f = ty_value_item(fl, k);
            size_t cl, tl, ml;
            const char *code = ar_str(f, "code", &cl), *text = ar_str(f, "text", &tl), *mo = ar_str(f, "moment", &ml);
            rc = ar_printf(b, "    %-20.*s #%-3.0f ", (int)cl, code, ar_num(f, "message"));
            if (!rc) rc = ar_quote(b, text, tl, 60);
            if (!rc) rc = ar_printf(b, " -> %.*s\n", (int)ml, mo);
        }
        shown++;
    }
    if (!rc && !shown) rc = ar_printf(b, "  none\n");
    return rc;
}

static int ar_problems(ty_buf *b, const ty_value *list) {
    size_t n = list ? ty_value_count(list) : 0;
    if (!n) return TY_OK;
    int rc = ar_printf(b, "\nLines not read (%zu)\n", n);
    for (size_t i = 0; i < n && !rc; i++) {
        const ty_value *p = ty_value_item(list, i);
        size_t il, ml;
        const char *in = ar_str(p, "input", &il), *msg = ar_str(p, "message", &ml);
        rc = ar_printf(b, "  %.*s: %.*s\n", (int)il, in, (int)ml, msg);
    }
    return rc;
}

int ty_audit_report(const ty_value *audit, ty_buf *out, ty_error *err) {
    ty_err_clear(err);
    const ty_value *sum = ar_get(audit, "summary"), *convs = ar_get(audit, "conversations");
    if (!out || !sum || ty_value_kind(sum) != TY_MAP || !convs || ty_value_kind(convs) != TY_LIST)
        return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "audit report: not an audit result");
    int rc = ar_totals(audit, sum, out);
    if (!rc) rc = ar_bars(out, "Where conversations ended", ar_get(sum, "ended_at"), NULL);
    if (!rc) rc = ar_bars(out, "Most frequent findings", ar_get(sum, "findings"), "code");
    if (!rc) rc = ar_unanswered(out, ar_get(sum, "unanswered"));
    if (!rc) rc = ar_conversations(out, convs);
    if (!rc) rc = ar_problems(out, ar_get(audit, "problems"));
    return rc ? ty_err_nomem(err, TY_DOMAIN_NONE) : TY_OK;
}
