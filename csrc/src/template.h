/*
 * template.h — what the template engine shares with other modules: its
 * escape modes as a plain append, so channel payloads escape exactly as
 * templates do (one table per mode, kept in template.c), and a walk over
 * the tags a compiled template reads, so the linter (lint_reach.c) can
 * check names without rendering.
 */
#ifndef TY_TEMPLATE_H
#define TY_TEMPLATE_H

#include "common.h"

/* Appends s[0..n) to b escaped with mode (a ty_escape; TY_ESCAPE_NONE copies).
 * Returns TY_OK or TY_E_NOMEM. */
int ty_escape_append(ty_buf *b, const char *s, size_t n, int mode);

/* What ty_template_walk reports, in source order. */
typedef enum ty_tpl_tag {
    TY_TPL_VAR = 0,   /* {{name}}, {{{name}}}, {{&name}} */
    TY_TPL_SECTION,   /* {{#name}}: its content follows, up to the matching END */
    TY_TPL_INVERTED,  /* {{^name}}: likewise */
    TY_TPL_END,       /* the innermost SECTION or INVERTED reported ends */
    TY_TPL_DYNAMIC    /* {{>*name}} or {{<*name}}: a partial named by data */
} ty_tpl_tag;

typedef struct ty_tpl_item {
    int tag;                 /* a ty_tpl_tag */
    const char *name;        /* dotted, as written ("." for the implicit
                                iterator); NULL for END. Borrowed from t. */
    size_t len;
    const char *partial;     /* the partial the tag is written in, or NULL
                                for the main text. Borrowed from t. */
    size_t partial_len;
    uint32_t line, col;      /* 1-based, col in code points, in the main
                                text: of the tag itself, or of the partial
                                or parent call there that brings it in */
} ty_tpl_item;

/* Called for each item; a nonzero return stops the walk and is returned. */
typedef int (*ty_tpl_visit)(void *ctx, const ty_tpl_item *it);

/* Walks every tag t reads as a render would reach it, but without data:
 * both branches of every section (a section's content is reported between
 * its SECTION or INVERTED item and its END), the content of each partial,
 * parent and block where it is called (a block's argument where one is
 * passed, else its default content). A partial already being walked is not
 * entered again (recursion), and once the walk has visited 16 times the
 * template's nodes, further calls are not entered (bounds a partial that
 * includes another many times over). Reads t only: thread-safe, no
 * allocation. Returns 0, or the first nonzero value of visit. */
int ty_template_walk(const ty_template *t, ty_tpl_visit visit, void *ctx);

#endif /* TY_TEMPLATE_H */
