/*
 * cli_text.c — the text helpers of cli.h: Python's whitespace, line
 * breaks, lower case and repr(), written once for the chat and lint
 * sessions.
 */
#include "cli.h"

#include <stdio.h>
#include <utf8proc.h>

bool ty_cli_isspace(int32_t cp) {
    if (cp <= 0x20) return cp == 0x20 || (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1f);
    if (cp < 0x85) return false;
    return cp == 0x85 || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/* The code point that ends at s[n) of valid UTF-8, and its start in *at. */
static int32_t cli_last_cp(const char *s, size_t n, size_t *at) {
    size_t i = n - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    int32_t cp;
    ty_utf8_decode(s, n, i, &cp);
    *at = i;
    return cp;
}

void ty_cli_strip(const char **s, size_t *n, bool lead, bool trail) {
    int32_t cp;
    while (lead && *n) {
        int k = ty_utf8_decode(*s, *n, 0, &cp);
        if (!ty_cli_isspace(cp)) break;
        *s += k;
        *n -= (size_t)k;
    }
    size_t at;
    while (trail && *n && ty_cli_isspace(cli_last_cp(*s, *n, &at))) *n = at;
}

size_t ty_cli_cp_offset(const char *s, size_t n, size_t cp) {
    size_t i = 0;
    int32_t c;
    while (cp-- && i < n) i += (size_t)ty_utf8_decode(s, n, i, &c);
    return i;
}

int ty_cli_lower(ty_buf *out, const char *s, size_t n) {
    int rc = TY_OK;
    int32_t cp;
    char enc[4];
    for (size_t i = 0; i < n && !rc;) {
        i += (size_t)ty_utf8_decode(s, n, i, &cp);
        rc = ty_buf_append(out, enc, (size_t)ty_utf8_encode(utf8proc_tolower(cp), enc));
    }
    return rc;
}

/* Python's str.isprintable() of one code point (space is printable). */
static bool cli_printable(int32_t cp) {
    if (cp == ' ') return true;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CN:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_ZS: return false;
    default: return true;
    }
}

/* One code point of a repr(): itself, or its escape. */
static int cli_repr_cp(ty_buf *out, int32_t cp, char quote) {
    char tmp[16];
    if (cp == quote || cp == '\\') return ty_cli_printf(out, "\\%c", (char)cp);
    if (cp == '\n') return ty_buf_append(out, "\\n", 2);
    if (cp == '\r') return ty_buf_append(out, "\\r", 2);
    if (cp == '\t') return ty_buf_append(out, "\\t", 2);
    if (cli_printable(cp)) return ty_buf_append(out, tmp, (size_t)ty_utf8_encode(cp, tmp));
    if (cp < 0x100) return ty_cli_printf(out, "\\x%02x", (unsigned)cp);
    if (cp < 0x10000) return ty_cli_printf(out, "\\u%04x", (unsigned)cp);
    return ty_cli_printf(out, "\\U%08x", (unsigned)cp);
}

int ty_cli_repr(ty_buf *out, const char *s, size_t n) {
    bool single = memchr(s, '\'', n) != NULL, dbl = memchr(s, '"', n) != NULL;
    char quote = single && !dbl ? '"' : '\'';
    int rc = ty_buf_putc(out, quote);
    int32_t cp;
    for (size_t i = 0; i < n && !rc;) {
        i += (size_t)ty_utf8_decode(s, n, i, &cp);
        rc = cli_repr_cp(out, cp, quote);
    }
    return rc ? rc : ty_buf_putc(out, quote);
}

/* A line break of str.splitlines(); its length at s[i] (0: none). */
static size_t cli_break(const char *s, size_t n, size_t i) {
    int32_t cp;
    int k = ty_utf8_decode(s, n, i, &cp);
    if (cp == '\r') return i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
    bool brk = cp == '\n' || cp == 0x0b || cp == 0x0c || (cp >= 0x1c && cp <= 0x1e) || cp == 0x85 || cp == 0x2028 ||
               cp == 0x2029;
    return brk ? (size_t)k : 0;
}

size_t ty_cli_line(const char *s, size_t n, size_t *next) {
    int32_t cp;
    for (size_t i = 0; i < n; i += (size_t)ty_utf8_decode(s, n, i, &cp)) {
        size_t k = cli_break(s, n, i);
        if (k) {
            *next = i + k;
            return i;
        }
    }
    *next = n;
    return n;
}

int ty_cli_printf(ty_buf *out, const char *fmt, ...) {
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    size_t k = ty_vformat(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    return ty_buf_append(out, tmp, k);
}
