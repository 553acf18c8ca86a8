/*
 * inbound.h — private helpers of the way in (inbound.c), shared with
 * signature.c.
 */
#ifndef TY_INBOUND_H
#define TY_INBOUND_H

#include "common.h"

/* Decodes s[0..n) of a form-encoded body ('+' is a space, %XX a byte; a
 * lone or bad '%' stays as written) into arena a, NUL-terminated; NULL
 * when out of memory. *out_n receives the length. */
const char *ty_form_decode(ty_arena *a, const char *s, size_t n, size_t *out_n);

#endif
