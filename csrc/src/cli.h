/*
 * cli.h — private text helpers of the command-line sessions (chat.c,
 * lint_report.c): the whitespace, line breaks, lower case and repr()
 * the command lines have always printed with (Python's str methods), so
 * both bindings' command lines print the same bytes.
 */
#ifndef TY_CLI_H
#define TY_CLI_H

#include "common.h"

/* Python's str.isspace() of one code point. */
bool ty_cli_isspace(int32_t cp);
/* Narrows [*s, *s + *n) of valid UTF-8 past leading (lead) and trailing
 * (trail) whitespace, as str.strip()/lstrip()/rstrip(). */
void ty_cli_strip(const char **s, size_t *n, bool lead, bool trail);
/* Byte offset of code point `cp` in valid UTF-8 s (n when past the end). */
size_t ty_cli_cp_offset(const char *s, size_t n, size_t cp);
/* Appends s lower-cased code point by code point (utf8proc_tolower). */
int ty_cli_lower(ty_buf *out, const char *s, size_t n);
/* Appends repr() of s: quoted, with \\n, \\t, \\xNN... for what is not printable. */
int ty_cli_repr(ty_buf *out, const char *s, size_t n);
/* The length of the line at the start of s (str.splitlines() breaks) and,
 * in *next, where the following line starts. */
size_t ty_cli_line(const char *s, size_t n, size_t *next);
/* Appends formatted text (cut at 1 KB, as every line the sessions print fits). */
int ty_cli_printf(ty_buf *out, const char *fmt, ...) TY_PRINTF(2, 3);

#endif /* TY_CLI_H */
