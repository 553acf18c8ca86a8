/*
 * lint_report.c — what `python -m tinyyes lint` and `npx tinyyes lint`
 * print (ty_lint_report's doc): one line per finding named by its JSON
 * path, with the part found quoted from the message or the template's
 * source, then "N errors, M warnings"; or the findings as a JSON list.
 * Written here once so both command lines print the same bytes.
 */
#include "cli.h"

#define LR_QUOTE_MAX 60 /* code points of a finding's span quoted in a line */

/* The string member key of map m, or NULL. */
static const char *lr_str(const ty_value *m, const char *key, size_t *n) {
    const char *s = ty_value_string(ty_value_get(m, key, strlen(key)), n);
    if (!s) *n = 0;
    return s;
}

/* The text of `value` when it is a string, else NULL. */
static const char *lr_strv(const ty_value *value, size_t *n) { return ty_value_string(value, n); }

/* The template text a playbook finding's path names, or NULL when the
 * playbook does not have it there or it has tags (then a message
 * finding's offsets, which index the rendered text, do not index it). */
static const char *lr_source(const ty_value *meta, const ty_value *f, size_t *n) {
    size_t nl, pl;
    const char *name = lr_str(f, "template", &nl), *path = lr_str(f, "path", &pl);
    if (!path) return NULL;
    const ty_value *tpls = ty_value_get(meta, "templates", 9);
    const ty_value *tpl = name && ty_value_kind(tpls) == TY_MAP ? ty_value_get(tpls, name, nl) : NULL;
    /* the path past "templates.<name>" (a null name reads "None") */
    size_t skip = ty_cli_cp_offset(path, pl, 10 + (name ? ty_utf8_count(name, nl) : 4));
    const char *rest = path + skip;
    size_t rl = pl - skip;
    bool obj = ty_value_kind(tpl) == TY_MAP;
    const char *src = NULL;
    if (rl == 0) {
        src = lr_strv(tpl, n);
    } else if (obj && rl == 5 && !memcmp(rest, ".text", 5)) {
        src = lr_strv(ty_value_get(tpl, "text", 4), n);
    } else if (obj && rl >= 10 && !memcmp(rest, ".variants[", 10)) {
        const ty_value *vars = ty_value_get(tpl, "variants", 8), *i = ty_value_get(f, "variant", 7);
        double k = ty_value_number(i);
        if (ty_value_kind(vars) == TY_LIST && ty_value_kind(i) == TY_NUMBER && k >= 0 && k < ty_value_count(vars))
            src = lr_strv(ty_value_item(vars, (size_t)k), n);
    } else if (obj && rl >= 10 && !memcmp(rest, ".channels.", 10)) {
        src = lr_strv(ty_value_get(ty_value_get(tpl, "channels", 8), rest + 10, rl - 10), n);
    }
    for (size_t i = 0; src && i + 1 < *n; i++)
        if (src[i] == '{' && src[i + 1] == '{') return NULL;
    return src;
}

/* The code points [start, end) of text quoted, newlines as spaces, cut to
 * LR_QUOTE_MAX with trailing space dropped and "…". */
static int lr_quote(ty_buf *out, const char *text, size_t n, double start, double end) {
    size_t cps = ty_utf8_count(text, n);
    size_t a = start < 0 ? 0 : start > (double)cps ? cps : (size_t)start;
    size_t b = end < (double)a ? a : end > (double)cps ? cps : (size_t)end;
    size_t from = ty_cli_cp_offset(text, n, a), to = from + ty_cli_cp_offset(text + from, n - from, b - a);
    const char *s = text + from;
    size_t len = to - from;
    bool cut = b - a > LR_QUOTE_MAX;
    if (cut) {
        len = ty_cli_cp_offset(s, len, LR_QUOTE_MAX - 1);
        /* rstrip() sees a newline as space too: it is printed as one */
        ty_cli_strip(&s, &len, false, true);
    }
    int rc = ty_buf_putc(out, '"');
    for (size_t i = 0; i < len && !rc; i++) rc = ty_buf_putc(out, s[i] == '\n' ? ' ' : s[i]);
    if (!rc && cut) rc = ty_buf_puts(out, "\xe2\x80\xa6");
    return rc ? rc : ty_buf_putc(out, '"');
}

/* One finding as a line: label, where (a JSON path, or nothing for a
 * message), the channel when there is one, code, severity and message;
 * then, for a message finding (TY001-TY008), the part found quoted from
 * text (the message or the template's source) or its code points in the
 * rendered text. Findings about the playbook (TY101 and on) name their
 * tag in the message. */
static int lr_line(ty_buf *out, const char *label, size_t ll, const ty_value *f, const char *channel, size_t cl,
                   const char *text, size_t tl) {
    size_t wl, kl, sl, ml;
    const char *where = lr_str(f, "path", &wl), *code = lr_str(f, "code", &kl);
    const char *sev = lr_str(f, "severity", &sl), *msg = lr_str(f, "message", &ml);
    int rc = ty_cli_printf(out, "%.*s: ", (int)ll, label);
    if (!rc && wl) rc = ty_cli_printf(out, "%.*s ", (int)wl, where);
    if (!rc && cl) rc = ty_cli_printf(out, "[%.*s] ", (int)cl, channel);
    if (!rc) rc = ty_cli_printf(out, "%.*s %.*s: ", (int)kl, code ? code : "", (int)sl, sev ? sev : "");
    if (!rc) rc = ty_buf_append(out, msg ? msg : "", ml);
    bool playbook = kl >= 5 && memcmp(code, "TY100", 5) >= 0;
    if (rc || playbook) return rc ? rc : ty_buf_putc(out, '\n');
    double start = ty_value_number(ty_value_get(f, "start", 5)), end = ty_value_number(ty_value_get(f, "end", 3));
    if (text) {
        rc = ty_buf_append(out, ": ", 2);
        if (!rc) rc = lr_quote(out, text, tl, start, end);
    } else {
        rc = ty_cli_printf(out, " (code points %.0f-%.0f of the rendered text)", start, end);
    }
    return rc ? rc : ty_buf_putc(out, '\n');
}

/* The lines of every finding and the count of errors and warnings. */
static int lr_lines(const ty_value *findings, const ty_lint_report_opts *o, const ty_value *meta, ty_buf *out,
                    size_t errors) {
    bool message = o->text != NULL;
    const char *label = o->label ? o->label : message ? "message" : "default playbook";
    size_t ll = o->label ? o->label_len : strlen(label);
    int rc = TY_OK;
    for (size_t i = 0; i < ty_value_count(findings) && !rc; i++) {
        const ty_value *f = ty_value_item(findings, i);
        size_t cl = 0, tl = 0;
        const char *ch = message ? (o->channel_len ? o->channel : "webchat") : lr_str(f, "channel", &cl);
        if (message) cl = o->channel_len ? o->channel_len : 7;
        const char *text = message ? o->text : lr_source(meta, f, &tl);
        if (message) tl = o->text_len;
        rc = lr_line(out, label, ll, f, ch, ch ? cl : 0, text, tl);
    }
    size_t warnings = ty_value_count(findings) - errors;
    if (!rc)
        rc = ty_cli_printf(out, "%zu error%s, %zu warning%s\n", errors, errors == 1 ? "" : "s", warnings,
                           warnings == 1 ? "" : "s");
    return rc;
}

/* The findings whose severity is "error". */
static size_t lr_errors(const ty_value *findings) {
    size_t errors = 0, sl;
    for (size_t i = 0; i < ty_value_count(findings); i++) {
        const char *sev = lr_str(ty_value_item(findings, i), "severity", &sl);
        errors += sev && sl == 5 && !memcmp(sev, "error", 5);
    }
    return errors;
}

/* Checks the inputs of ty_lint_report; TY_OK or the error set. */
static int lr_check(const ty_value *findings, const ty_lint_report_opts *o, ty_buf *out, ty_error *err) {
    if (!out || !o || ty_value_kind(findings) != TY_LIST)
        return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "lint report: findings must be a list of lint findings");
    size_t bad;
    const char *what = ty_utf8_check(o->text ? o->text : "", o->text ? o->text_len : 0, &bad) ? "text"
                       : ty_utf8_check(o->label ? o->label : "", o->label ? o->label_len : 0, &bad) ? "label"
                       : ty_utf8_check(o->channel ? o->channel : "", o->channel ? o->channel_len : 0, &bad) ? "channel"
                                                                                                      : NULL;
    if (what) return ty_err_set(err, TY_DOMAIN_NONE, TY_E_UTF8, "lint report: %s is not valid UTF-8", what);
    return TY_OK;
}

int ty_lint_report(const ty_value *findings, const ty_lint_report_opts *opts, ty_buf *out, ty_error *err) {
    ty_err_clear(err);
    int rc = lr_check(findings, opts, out, err);
    if (rc) return rc;
    size_t errors = lr_errors(findings), mark = out->len;
    if (opts->json) {
        rc = ty_value_write_json_pretty(findings, 2, out, err);
        if (!rc) rc = ty_buf_putc(out, '\n');
    } else {
        size_t sl = opts->source_len;
        const char *src = opts->text ? NULL : opts->source ? opts->source : ty_default_playbook(&sl);
        /* a source that is not JSON quotes nothing, as in a playbook without the template */
        ty_json_opts jo = {out->alloc, sl, 1000, 0};
        ty_error perr;
        ty_doc *meta = src ? ty_doc_parse(src, sl, &jo, &perr) : NULL;
        rc = src && !meta && perr.code == TY_E_NOMEM ? TY_E_NOMEM
                                                      : lr_lines(findings, opts, meta ? ty_doc_root(meta) : NULL, out, errors);
        ty_doc_free(meta);
    }
    if (rc) {
        out->len = mark;
        if (out->ptr) out->ptr[mark] = '\0';
        return rc == TY_E_NOMEM ? ty_err_nomem(err, TY_DOMAIN_NONE) : rc;
    }
    return errors ? 1 : 0;
}

#undef LR_QUOTE_MAX
