/*
 * template.h — what the template engine shares with other modules: its
 * escape modes as a plain append, so channel payloads escape exactly as
 * templates do (one table per mode, kept in template.c).
 */
#ifndef TY_TEMPLATE_H
#define TY_TEMPLATE_H

#include "common.h"

/* Appends s[0..n) to b escaped with mode (a ty_escape; TY_ESCAPE_NONE copies).
 * Returns TY_OK or TY_E_NOMEM. */
int ty_escape_append(ty_buf *b, const char *s, size_t n, int mode);

#endif /* TY_TEMPLATE_H */
