/*
 * template.c — Mustache templates for customer messages.
 *
 * ty_template_compile turns template text (and the named partials given with
 * it) into ONE flat, immutable array of nodes: literal text spans, names
 * pre-split into their dotted segments, and sections/partials/blocks as jump
 * offsets. ty_template_render walks that array with an explicit frame stack
 * and context stack held in fixed-size arrays on the C stack, so it never
 * recurses, never allocates (except by growing the caller's ty_buf) and can
 * run on one template from many threads at once.
 *
 * Spec coverage: the required Mustache v1.4 modules (interpolation, sections,
 * inverted, comments, partials, set delimiters) plus the optional
 * inheritance ({{<parent}} {{$block}}) and dynamic-names ({{>*name}})
 * modules. Lambdas are deliberately absent: templates are data.
 *
 * On top of the spec, for messaging (README.md):
 *  - strict by default: every missing interpolated name is collected and
 *    reported at once ("missing: topic, option_b");
 *  - escape modes for interpolated values only (none, html, telegram_html,
 *    telegram_md);
 *  - the placeholder guard: no "{{", "}}" or "[bracketed placeholder]" may
 *    survive into the output.
 *
 * Indentation model (standalone partials, parents and blocks): a call that
 * stands alone on its line carries that line's leading whitespace; every
 * non-blank line of the callee's own text begins with an INDENT node that
 * emits the whole chain of indentations of the enclosing standalone calls.
 * Interpolated values are never re-indented. This is the spec's "prepend the
 * indentation to each line of the partial", done at render time so partials
 * compile once.
 */
#include "common.h"
#include "template.h"

#include <stdio.h>
#include <utf8proc.h>

/* Hard cap on sections + partials + blocks nested at render time (and on
 * the static nesting of a source); opts.max_depth is clamped to it. */
#define TPL_DEPTH_CAP 256u
#define TPL_NONE UINT32_MAX
/* Distinct missing names remembered for one error message; more than fit in
 * TY_ERROR_MESSAGE_MAX could never be printed anyway. */
#define TPL_MISSING_MAX 192u
/* Offsets are 32-bit: all sources of one template together stay below. */
#define TPL_TOTAL_MAX ((size_t)1 << 30)
/* Work budget of one render: section iterations plus calls may not exceed
 * TPL_WORK_PER_BYTE * max_output + TPL_WORK_BASE. Output size alone cannot
 * stop nested loops with empty bodies ({{#l}}{{#l}}...{{/l}}{{/l}} runs
 * len(l)^depth times and prints nothing). */
#define TPL_WORK_PER_BYTE 4u
#define TPL_WORK_BASE 1000000u
/* Longest placeholder the guard recognises, in code points. */
#define TPL_GUARD_MAX_CP 40u

/* ===================================================================== *
 * Compiled form
 * ===================================================================== */

enum tpl_op {
    TPL_TEXT,        /* a: pool offset, b: length */
    TPL_INDENT,      /* start of a line of a callee: emit the indentation chain */
    TPL_VAR,         /* a: first segment, nseg, id: full name; F_RAW: no escaping */
    TPL_SECTION,     /* a/nseg/id: name; b: node after its SECTION_END */
    TPL_SECTION_END, /* a: its SECTION node */
    TPL_INVERTED,    /* a/nseg/id: name; b: node after its body */
    TPL_PARTIAL,     /* a: program (or segments when F_DYNAMIC); ind: indentation */
    TPL_PARENT,      /* like PARTIAL; b: node after its body; c: first ARG */
    TPL_ARG,         /* a block argument of a PARENT: id: block name; b: after; c: next ARG */
    TPL_BLOCK,       /* a block site: id: block name; b: after its default content */
    TPL_RET          /* end of a program, a block's content or an argument */
};

#define TPL_F_RAW 1u        /* VAR: {{{x}}} / {{&x}} */
#define TPL_F_DYNAMIC 2u    /* PARTIAL/PARENT: {{>*name}}, name read from data */
#define TPL_F_STANDALONE 4u /* call alone on its line: keeps the indentation chain */

typedef struct tpl_str {
    uint32_t off, len; /* into the pool */
} tpl_str;

typedef struct tpl_pos {
    uint32_t line, col;
} tpl_pos;

typedef struct tpl_node {
    uint8_t op, flags;
    uint16_t nseg; /* 0 with a name means the implicit iterator "." */
    uint32_t id;
    uint32_t a, b, c;
    /* PARTIAL/PARENT/BLOCK: indentation of a standalone call; VAR, SECTION,
     * INVERTED, SECTION_END: literal text emitted first (a TEXT node fused
     * into them: one dispatch fewer per tag, the render loop's main cost) */
    uint32_t ind, ind_len;
} tpl_node;

typedef struct tpl_prog {
    uint32_t start; /* first node */
    tpl_str name;   /* partial name; empty for the main template */
} tpl_prog;

/* An interned string table; `h` is an open-addressing index used only while
 * compiling. */
typedef struct tpl_tab {
    tpl_str *v;
    uint32_t n, cap;
    uint32_t *h;
    uint32_t hcap;
} tpl_tab;

struct ty_template {
    ty_alloc alloc_copy;
    const ty_alloc *alloc; /* &alloc_copy or NULL */
    tpl_node *nodes;
    tpl_pos *pos; /* line/col of each node, for render-time errors */
    uint32_t nnodes, cnodes, cpos;
    tpl_str *segs;
    uint32_t nsegs, csegs;
    char *pool;
    size_t pool_len, pool_cap;
    tpl_tab names;  /* full dotted names, for missing-name reports */
    tpl_tab tops;   /* first segments, for ty_template_name */
    tpl_tab blocks; /* block names */
    tpl_prog *progs;
    uint32_t nprogs;
    int escape;
    bool strict, guard, guard_text_only;
    unsigned max_depth;
    size_t max_output;
};

/* ===================================================================== *
 * Escaping
 * ===================================================================== */

/* Maps an escape mode name to its ty_escape; TY_E_ARG for anything else. */
int ty_escape_parse(const char *name, size_t len) {
    static const char *const names[] = {"none", "html", "telegram_html", "telegram_md"};
    if (!name) return TY_E_ARG;
    for (int i = 0; i < 4; i++)
        if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0) return i;
    return TY_E_ARG;
}

typedef struct tpl_rep {
    uint8_t len;
    char s[7];
} tpl_rep;

static const tpl_rep tpl_rep_html[256] = {
    ['&'] = {5, "&amp;"}, ['<'] = {4, "&lt;"},    ['>'] = {4, "&gt;"},
    ['"'] = {6, "&quot;"}, ['\''] = {5, "&#39;"},
};

static const tpl_rep tpl_rep_tghtml[256] = {
    ['&'] = {5, "&amp;"},
    ['<'] = {4, "&lt;"},
    ['>'] = {4, "&gt;"},
};

/* Telegram MarkdownV2: every special character, and backslash itself. */
static const tpl_rep tpl_rep_tgmd[256] = {
    ['_'] = {2, "\\_"}, ['*'] = {2, "\\*"}, ['['] = {2, "\\["},   [']'] = {2, "\\]"},
    ['('] = {2, "\\("}, [')'] = {2, "\\)"}, ['~'] = {2, "\\~"},   ['`'] = {2, "\\`"},
    ['>'] = {2, "\\>"}, ['#'] = {2, "\\#"}, ['+'] = {2, "\\+"},   ['-'] = {2, "\\-"},
    ['='] = {2, "\\="}, ['|'] = {2, "\\|"}, ['{'] = {2, "\\{"},   ['}'] = {2, "\\}"},
    ['.'] = {2, "\\."}, ['!'] = {2, "\\!"}, ['\\'] = {2, "\\\\"},
};

static const tpl_rep *const tpl_escape_tables[4] = {NULL, tpl_rep_html, tpl_rep_tghtml, tpl_rep_tgmd};

int ty_escape_append(ty_buf *b, const char *s, size_t n, int mode) {
    const tpl_rep *tab = mode > 0 && mode < 4 ? tpl_escape_tables[mode] : NULL;
    size_t run = 0;
    int rc = TY_OK;
    for (size_t i = 0; tab && !rc && i < n; i++) {
        const tpl_rep *rep = &tab[(unsigned char)s[i]];
        if (!rep->len) continue;
        rc = ty_buf_append(b, s + run, i - run);
        if (!rc) rc = ty_buf_append(b, rep->s, rep->len);
        run = i + 1;
    }
    return rc ? rc : ty_buf_append(b, s + run, n - run);
}

/* ===================================================================== *
 * Small helpers
 * ===================================================================== */

/* Whitespace inside tags (names are trimmed of it). */
static bool tpl_is_ws(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

/* FNV-1a, for the compile-time intern tables. */
static uint32_t tpl_hash(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* Finds needle in s[from..n); returns its offset or n. */
static size_t tpl_find(const char *s, size_t n, size_t from, const char *needle, size_t nl) {
    if (nl == 0 || from > n) return n;
    while (from + nl <= n) {
        const char *p = memchr(s + from, needle[0], n - from - nl + 1);
        if (!p) return n;
        size_t at = (size_t)(p - s);
        if (memcmp(p, needle, nl) == 0) return at;
        from = at + 1;
    }
    return n;
}

/* ===================================================================== *
 * Compiler
 * ===================================================================== */

enum tpl_tk {
    TPL_TK_TEXT,
    TPL_TK_VAR,
    TPL_TK_RAW,
    TPL_TK_SECTION,
    TPL_TK_INVERTED,
    TPL_TK_CLOSE,
    TPL_TK_COMMENT,
    TPL_TK_PARTIAL,
    TPL_TK_DELIM,
    TPL_TK_BLOCK,
    TPL_TK_PARENT
};

#define TPL_TKF_DEAD 1u        /* whitespace of a standalone line: dropped */
#define TPL_TKF_STANDALONE 2u  /* tag on a standalone line */
#define TPL_TKF_LINE_START 4u  /* first token of a source line */
#define TPL_TKF_NONBLANK 8u    /* (on LINE_START) the line has a tag or non-space text */
#define TPL_TKF_DYNAMIC 16u    /* {{>*name}} / {{<*name}} */
#define TPL_TKF_FIRST 32u      /* first tag of its standalone line: owns its indentation */

typedef struct tpl_tok {
    uint8_t type, flags;
    uint32_t start, end; /* text bytes, or the whole tag with its delimiters */
    uint32_t ns, ne;     /* name (trimmed; after the '*' of a dynamic name) */
    uint32_t line, col;
    uint32_t match;  /* open section <-> its close tag */
    uint32_t lstart; /* offset where the token's line begins */
} tpl_tok;

/* One open section/block/parent while emitting nodes. */
typedef struct tpl_open {
    uint32_t node;
    uint32_t last_arg;
    uint32_t strip;
    uint8_t type;
    bool dedent, indentable;
} tpl_open;

typedef struct tpl_comp {
    ty_template *t;
    const ty_alloc *alloc;
    ty_error *err;
    const ty_template_opts *opts;
    unsigned max_depth;
    /* the source being compiled */
    const char *src;
    size_t len;
    uint32_t prog;
    /* its tokens */
    tpl_tok *toks;
    size_t ntoks, ctoks;
    size_t line_first;
    /* emission */
    bool can_merge;
} tpl_comp;

/* Grows arr (elements of `elem` bytes, capacity *cap) to hold `need`;
 * returns the (possibly moved) array, or NULL on failure with arr intact. */
static void *tpl_grow(const ty_alloc *a, void *arr, uint32_t *cap, size_t need, size_t elem) {
    if (need <= *cap) return arr;
    if (need > UINT32_MAX / 2) return NULL;
    size_t ncap = *cap ? (size_t)*cap * 2 : 16;
    while (ncap < need) ncap *= 2;
    size_t bytes, old;
    if (!ty_size_mul(ncap, elem, &bytes) || !ty_size_mul(*cap, elem, &old)) return NULL;
    void *p = arr ? ty_mem_realloc(a, arr, old, bytes) : ty_mem_alloc(a, bytes);
    if (p) *cap = (uint32_t)ncap;
    return p;
}

/* Appends bytes to the template's pool; *off receives their offset. */
static int tpl_pool_add(tpl_comp *c, const char *s, size_t n, uint32_t *off) {
    ty_template *t = c->t;
    if (t->pool_len + n > TPL_TOTAL_MAX * 2) return TY_E_LIMIT;
    if (t->pool_len + n > t->pool_cap) {
        size_t ncap = t->pool_cap ? t->pool_cap * 2 : 256;
        while (ncap < t->pool_len + n) ncap *= 2;
        char *p = t->pool ? ty_mem_realloc(c->alloc, t->pool, t->pool_cap, ncap) : ty_mem_alloc(c->alloc, ncap);
        if (!p) return TY_E_NOMEM;
        t->pool = p;
        t->pool_cap = ncap;
    }
    if (n) memcpy(t->pool + t->pool_len, s, n);
    *off = (uint32_t)t->pool_len;
    t->pool_len += n;
    return TY_OK;
}

/* Interns s[0..n) in tab (copying it into the pool once); *id receives its
 * index. */
static int tpl_intern(tpl_comp *c, tpl_tab *tab, const char *s, size_t n, uint32_t *id) {
    if ((size_t)(tab->n + 1) * 2 > tab->hcap) {
        uint32_t ncap = tab->hcap ? tab->hcap * 2 : 64;
        if (ncap < tab->hcap) return TY_E_LIMIT;
        uint32_t *h = ty_mem_alloc(c->alloc, (size_t)ncap * sizeof *h);
        if (!h) return TY_E_NOMEM;
        memset(h, 0, (size_t)ncap * sizeof *h);
        for (uint32_t i = 0; i < tab->n; i++) {
            uint32_t slot = tpl_hash(c->t->pool + tab->v[i].off, tab->v[i].len) & (ncap - 1);
            while (h[slot]) slot = (slot + 1) & (ncap - 1);
            h[slot] = i + 1;
        }
        ty_mem_free(c->alloc, tab->h);
        tab->h = h;
        tab->hcap = ncap;
    }
    uint32_t mask = tab->hcap - 1, slot = tpl_hash(s, n) & mask;
    while (tab->h[slot]) {
        const tpl_str *e = &tab->v[tab->h[slot] - 1];
        if (e->len == n && memcmp(c->t->pool + e->off, s, n) == 0) {
            *id = tab->h[slot] - 1;
            return TY_OK;
        }
        slot = (slot + 1) & mask;
    }
    tpl_str *v = tpl_grow(c->alloc, tab->v, &tab->cap, (size_t)tab->n + 1, sizeof *tab->v);
    if (!v) return TY_E_NOMEM;
    tab->v = v;
    uint32_t off;
    int rc = tpl_pool_add(c, s, n, &off);
    if (rc) return rc;
    tab->v[tab->n].off = off;
    tab->v[tab->n].len = (uint32_t)n;
    tab->h[slot] = tab->n + 1;
    *id = tab->n++;
    return TY_OK;
}

/* Reports a compile error at a position of the current source (and names
 * the partial in `path`). Returns code. */
static int tpl_cerr(tpl_comp *c, int code, size_t offset, const char *fmt, ...) TY_PRINTF(4, 5);
static int tpl_cerr(tpl_comp *c, int code, size_t offset, const char *fmt, ...) {
    if (!c->err) return code;
    va_list ap;
    va_start(ap, fmt);
    ty_err_setv(c->err, TY_DOMAIN_TEMPLATE, code, NULL, fmt, ap);
    va_end(ap);
    ty_err_at(c->err, c->src, c->len, offset);
    if (c->prog > 0) {
        const tpl_str *nm = &c->t->progs[c->prog].name;
        ty_err_path(c->err, "partial \"%.*s\"", (int)nm->len, c->t->pool + nm->off);
    }
    return code;
}

/* Reports a failure that has no position (NOMEM, LIMIT of the pool). */
static int tpl_cfail(tpl_comp *c, int rc) {
    if (rc == TY_E_NOMEM) return ty_err_nomem(c->err, TY_DOMAIN_TEMPLATE);
    return ty_err_set(c->err, TY_DOMAIN_TEMPLATE, rc, "template is too large to compile");
}

/* Tags that may stand alone on a line (everything but interpolation). */
static bool tpl_standalone_kind(int type) {
    return type == TPL_TK_SECTION || type == TPL_TK_INVERTED || type == TPL_TK_CLOSE || type == TPL_TK_COMMENT ||
           type == TPL_TK_PARTIAL || type == TPL_TK_DELIM || type == TPL_TK_BLOCK || type == TPL_TK_PARENT;
}

/* True when text s[0..n) is spaces/tabs, optionally ending in "\n" or "\r\n". */
static bool tpl_ws_line(const char *s, size_t n) {
    if (n && s[n - 1] == '\n') {
        n--;
        if (n && s[n - 1] == '\r') n--;
    }
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t') return false;
    return true;
}

/* Applies the standalone rule to the tokens of the line that just ended: a
 * line holding only whitespace and at least one non-interpolation tag is
 * removed whole (its whitespace and line ending), as the spec asks. */
static void tpl_end_line(tpl_comp *c) {
    size_t a = c->line_first, b = c->ntoks;
    c->line_first = b;
    if (a == b) return;
    tpl_tok *tk = c->toks;
    unsigned ntags = 0;
    bool capable = true, blank_text = true;
    size_t first = b, second = b;
    for (size_t k = a; k < b; k++) {
        if (tk[k].type == TPL_TK_TEXT) {
            if (!tpl_ws_line(c->src + tk[k].start, tk[k].end - tk[k].start)) blank_text = false;
        } else {
            if (ntags == 0) first = k;
            else if (ntags == 1) second = k;
            ntags++;
            if (!tpl_standalone_kind(tk[k].type)) capable = false;
        }
    }
    tk[a].flags |= TPL_TKF_LINE_START;
    bool only_ws = true; /* no tag, and text that is whitespace up to the line end */
    if (ntags || !blank_text) only_ws = false;
    if (!only_ws) tk[a].flags |= TPL_TKF_NONBLANK;
    if (!(ntags && capable && blank_text)) return;
    for (size_t k = a; k < b; k++) {
        if (tk[k].type == TPL_TK_TEXT) tk[k].flags |= TPL_TKF_DEAD;
        else tk[k].flags |= TPL_TKF_STANDALONE;
    }
    tk[first].flags |= TPL_TKF_FIRST;
    /* An empty block site "  {{$b}}{{/b}}" keeps its line ending: the block
     * stands in for the whole line, including its end (spec: "Standalone
     * block"). */
    tpl_tok *last = &tk[b - 1];
    if (ntags == 2 && tk[first].type == TPL_TK_BLOCK && tk[second].type == TPL_TK_CLOSE &&
        tk[first].end == tk[second].start && last->type == TPL_TK_TEXT && last->end > last->start &&
        c->src[last->end - 1] == '\n') {
        uint32_t nl = last->end - 1;
        if (nl > last->start && c->src[nl - 1] == '\r') nl--;
        last->start = nl;
        last->flags &= (uint8_t)~TPL_TKF_DEAD;
    }
}

/* Appends a zeroed token to the compiler's (temporary) token array. */
static int tpl_tok_push(tpl_comp *c, tpl_tok **out) {
    if (c->ntoks + 1 > c->ctoks) {
        size_t ncap = c->ctoks ? c->ctoks * 2 : 64;
        size_t bytes;
        if (!ty_size_mul(ncap, sizeof(tpl_tok), &bytes)) return TY_E_NOMEM;
        tpl_tok *p = c->toks ? ty_mem_realloc(c->alloc, c->toks, c->ctoks * sizeof(tpl_tok), bytes)
                             : ty_mem_alloc(c->alloc, bytes);
        if (!p) return TY_E_NOMEM;
        c->toks = p;
        c->ctoks = ncap;
    }
    *out = &c->toks[c->ntoks++];
    memset(*out, 0, sizeof **out);
    (*out)->match = TPL_NONE;
    return TY_OK;
}

/* Checks a (dotted) name: no whitespace, no empty segment; "." alone is the
 * implicit iterator. */
static bool tpl_name_ok(const char *s, size_t n, bool dotted) {
    if (n == 0) return false;
    for (size_t i = 0; i < n; i++)
        if (tpl_is_ws(s[i])) return false;
    if (!dotted || (n == 1 && s[0] == '.')) return true;
    if (s[0] == '.' || s[n - 1] == '.') return false;
    for (size_t i = 1; i < n; i++)
        if (s[i] == '.' && s[i - 1] == '.') return false;
    return true;
}

static const char *tpl_tag_kind_name(int type) {
    switch (type) {
    case TPL_TK_SECTION: return "section";
    case TPL_TK_INVERTED: return "inverted section";
    case TPL_TK_BLOCK: return "block";
    case TPL_TK_PARENT: return "parent";
    default: return "tag";
    }
}

/* Two open/close names match: same dynamic flag and same bytes. */
static bool tpl_same_name(const tpl_comp *c, const tpl_tok *x, const tpl_tok *y) {
    return (x->flags & TPL_TKF_DYNAMIC) == (y->flags & TPL_TKF_DYNAMIC) && x->ne - x->ns == y->ne - y->ns &&
           memcmp(c->src + x->ns, c->src + y->ns, x->ne - x->ns) == 0;
}

/* The delimiters in force while tokenising (set-delimiter tags change them). */
typedef struct tpl_delims {
    const char *od, *cd;
    size_t ol, cl;
} tpl_delims;

/* The tag whose opening delimiter is at q: its type, its content
 * [*cs, *ce) (after the sigil) and *te, the byte after its closing
 * delimiter. A syntax error when it never closes. */
static int tpl_scan_tag(tpl_comp *c, const tpl_delims *d, size_t q, int *type, size_t *cs, size_t *ce, size_t *te) {
    const char *s = c->src;
    size_t n = c->len;
    *cs = q + d->ol;
    char sig = *cs < n ? s[*cs] : 0;
    if (sig == '{' || sig == '=') {
        /* {{{name}}} and {{=<% %>=}} end at "}" or "=" + the closing delimiter */
        char endc = sig == '{' ? '}' : '=';
        *type = sig == '{' ? TPL_TK_RAW : TPL_TK_DELIM;
        size_t from = *cs + 1;
        for (;;) {
            *ce = tpl_find(s, n, from, d->cd, d->cl);
            if (*ce >= n || s[*ce - 1] == endc) break;
            from = *ce + 1;
        }
        if (*ce >= n || *ce - 1 < *cs + 1)
            return tpl_cerr(c, TY_E_SYNTAX, q, "unclosed tag (expected \"%c%.*s\")", endc, (int)d->cl, d->cd);
        *te = *ce + d->cl;
        *ce -= 1;
        *cs += 1;
        return TY_OK;
    }
    *ce = tpl_find(s, n, *cs, d->cd, d->cl);
    if (*ce >= n) return tpl_cerr(c, TY_E_SYNTAX, q, "unclosed tag (expected \"%.*s\")", (int)d->cl, d->cd);
    *te = *ce + d->cl;
    *type = TPL_TK_VAR;
    if (*cs < *ce) {
        switch (s[*cs]) {
        case '#': *type = TPL_TK_SECTION; break;
        case '^': *type = TPL_TK_INVERTED; break;
        case '/': *type = TPL_TK_CLOSE; break;
        case '!': *type = TPL_TK_COMMENT; break;
        case '>': *type = TPL_TK_PARTIAL; break;
        case '&': *type = TPL_TK_RAW; break;
        case '$': *type = TPL_TK_BLOCK; break;
        case '<': *type = TPL_TK_PARENT; break;
        default: break;
        }
        if (*type != TPL_TK_VAR) (*cs)++;
    }
    return TY_OK;
}

/* {{=<% %>=}} with content [ns, ne): two delimiters separated by
 * whitespace, neither with '='; they replace d. */
static int tpl_set_delims(tpl_comp *c, size_t q, size_t ns, size_t ne, tpl_delims *d) {
    const char *s = c->src;
    size_t a1 = ns, a2 = a1;
    while (a2 < ne && !tpl_is_ws(s[a2])) a2++;
    size_t b1 = a2;
    while (b1 < ne && tpl_is_ws(s[b1])) b1++;
    size_t b2 = b1;
    while (b2 < ne && !tpl_is_ws(s[b2])) b2++;
    bool ok = a2 > a1 && b2 > b1 && b2 == ne && memchr(s + a1, '=', a2 - a1) == NULL &&
              memchr(s + b1, '=', b2 - b1) == NULL;
    if (!ok) return tpl_cerr(c, TY_E_SYNTAX, q, "bad delimiter change: expected two delimiters, like {{=<%% %%>=}}");
    *d = (tpl_delims){s + a1, s + b1, a2 - a1, b2 - b1};
    return TY_OK;
}

/* The name of tag tk (of `type`, at q) in [*ns, ne): a leading '*' makes it
 * dynamic (partials, parents and their closing tags); then it must be a
 * valid (dotted, where allowed) name. */
static int tpl_tag_name(tpl_comp *c, tpl_tok *tk, int type, size_t q, size_t *ns, size_t ne) {
    const char *s = c->src;
    if ((type == TPL_TK_PARTIAL || type == TPL_TK_PARENT || type == TPL_TK_CLOSE) && *ns < ne && s[*ns] == '*') {
        tk->flags |= TPL_TKF_DYNAMIC;
        (*ns)++;
        while (*ns < ne && tpl_is_ws(s[*ns])) (*ns)++;
    }
    if (*ns == ne) return tpl_cerr(c, TY_E_SYNTAX, q, "empty tag name");
    bool dotted = type == TPL_TK_VAR || type == TPL_TK_RAW || type == TPL_TK_SECTION || type == TPL_TK_INVERTED ||
                  (tk->flags & TPL_TKF_DYNAMIC);
    if (!tpl_name_ok(s + *ns, ne - *ns, dotted))
        return tpl_cerr(c, TY_E_SYNTAX, q, "invalid tag name \"%.*s\"", (int)(ne - *ns), s + *ns);
    if (dotted) {
        size_t dots = 0;
        for (size_t i = *ns; i < ne; i++) dots += s[i] == '.';
        if (dots >= UINT16_MAX) return tpl_cerr(c, TY_E_SYNTAX, q, "tag name has too many parts");
    }
    return TY_OK;
}

/* Opens token `me` (a section, block or parent) on open[], or matches a
 * closing tag with the innermost open one. */
static int tpl_match_tag(tpl_comp *c, uint32_t *open, unsigned *nopen, uint32_t me, size_t q) {
    const char *s = c->src;
    const tpl_tok *k = &c->toks[me];
    int type = k->type;
    if (type == TPL_TK_SECTION || type == TPL_TK_INVERTED || type == TPL_TK_BLOCK || type == TPL_TK_PARENT) {
        if (*nopen >= c->max_depth) return tpl_cerr(c, TY_E_DEPTH, q, "sections nested deeper than %u", c->max_depth);
        open[(*nopen)++] = me;
    } else if (type == TPL_TK_CLOSE) {
        if (*nopen == 0)
            return tpl_cerr(c, TY_E_SYNTAX, q, "closing tag \"%.*s\" has no open section", (int)(k->ne - k->ns),
                            s + k->ns);
        tpl_tok *o = &c->toks[open[*nopen - 1]];
        if (!tpl_same_name(c, o, k))
            return tpl_cerr(c, TY_E_SYNTAX, q, "closing tag \"%.*s\" does not match open %s \"%.*s\"",
                            (int)(k->ne - k->ns), s + k->ns, tpl_tag_kind_name(o->type), (int)(o->ne - o->ns),
                            s + o->ns);
        o->match = me;
        c->toks[me].match = open[--(*nopen)];
    }
    return TY_OK;
}

/* Splits the current source into text and tag tokens, applying set-delimiter
 * tags as it goes, matching sections and marking standalone lines. */
static int tpl_tokenize(tpl_comp *c) {
    const char *s = c->src;
    size_t n = c->len;
    tpl_delims d = {"{{", "}}", 2, 2};
    size_t p = 0, line_off = 0, col_off = 0;
    uint32_t line = 1, col = 1;
    uint32_t open[TPL_DEPTH_CAP];
    unsigned nopen = 0;
    int rc;
    tpl_tok *tk;

    c->ntoks = 0;
    c->line_first = 0;
    while (p < n) {
        size_t q = tpl_find(s, n, p, d.od, d.ol);
        while (p < q) { /* text up to the tag, one token per line */
            const char *nl = memchr(s + p, '\n', q - p);
            size_t e = nl ? (size_t)(nl - s) + 1 : q;
            if ((rc = tpl_tok_push(c, &tk))) return tpl_cfail(c, rc);
            tk->type = TPL_TK_TEXT;
            tk->start = (uint32_t)p;
            tk->end = (uint32_t)e;
            tk->lstart = (uint32_t)line_off;
            p = e;
            if (nl) {
                tpl_end_line(c);
                line++;
                line_off = col_off = e;
                col = 1;
            }
        }
        if (q >= n) break;

        col += (uint32_t)ty_utf8_count(s + col_off, q - col_off);
        col_off = q;
        size_t cs = 0, ce = 0, te = 0;
        int type = TPL_TK_VAR;
        if ((rc = tpl_scan_tag(c, &d, q, &type, &cs, &ce, &te))) return rc;
        /* trimmed tag content */
        size_t ns = cs, ne = ce;
        while (ns < ne && tpl_is_ws(s[ns])) ns++;
        while (ne > ns && tpl_is_ws(s[ne - 1])) ne--;

        if ((rc = tpl_tok_push(c, &tk))) return tpl_cfail(c, rc);
        tk->type = (uint8_t)type;
        tk->start = (uint32_t)q;
        tk->end = (uint32_t)te;
        tk->line = line;
        tk->col = col;
        tk->lstart = (uint32_t)line_off;
        if (type == TPL_TK_DELIM) rc = tpl_set_delims(c, q, ns, ne, &d);
        else if (type != TPL_TK_COMMENT) rc = tpl_tag_name(c, tk, type, q, &ns, ne);
        if (rc) return rc;
        tk->ns = (uint32_t)ns;
        tk->ne = (uint32_t)ne;
        if ((rc = tpl_match_tag(c, open, &nopen, (uint32_t)(c->ntoks - 1), q))) return rc;

        /* lines counted inside the tag (multi-line comments) */
        for (size_t i = q; i < te; i++) {
            if (s[i] == '\n') {
                line++;
                line_off = col_off = i + 1;
                col = 1;
            }
        }
        p = te;
    }
    tpl_end_line(c);
    if (nopen) {
        tpl_tok *o = &c->toks[open[nopen - 1]];
        return tpl_cerr(c, TY_E_SYNTAX, o->start, "unclosed %s \"%.*s\"", tpl_tag_kind_name(o->type),
                        (int)(o->ne - o->ns), s + o->ns);
    }
    return TY_OK;
}

/* Appends a node (owned by the template) at token k's position; *out is
 * valid until the next push. */
static int tpl_node_push(tpl_comp *c, int op, const tpl_tok *k, tpl_node **out) {
    ty_template *t = c->t;
    if (c->can_merge && (op == TPL_VAR || op == TPL_SECTION || op == TPL_INVERTED || op == TPL_SECTION_END)) {
        /* the TEXT node just before becomes this node's prefix; it takes
         * the TEXT's place, so a jump to the TEXT still lands right */
        tpl_node *nd = &t->nodes[t->nnodes - 1];
        uint32_t off = nd->a, len = nd->b;
        memset(nd, 0, sizeof *nd);
        nd->op = (uint8_t)op;
        nd->a = nd->b = nd->c = TPL_NONE;
        nd->ind = off;
        nd->ind_len = len;
        t->pos[t->nnodes - 1].line = k ? k->line : 0;
        t->pos[t->nnodes - 1].col = k ? k->col : 0;
        c->can_merge = false;
        *out = nd;
        return TY_OK;
    }
    tpl_node *nodes = tpl_grow(c->alloc, t->nodes, &t->cnodes, (size_t)t->nnodes + 1, sizeof *t->nodes);
    if (!nodes) return TY_E_NOMEM;
    t->nodes = nodes;
    tpl_pos *pos = tpl_grow(c->alloc, t->pos, &t->cpos, (size_t)t->nnodes + 1, sizeof *t->pos);
    if (!pos) return TY_E_NOMEM;
    t->pos = pos;
    tpl_node *nd = &t->nodes[t->nnodes];
    memset(nd, 0, sizeof *nd);
    nd->op = (uint8_t)op;
    nd->a = nd->b = nd->c = TPL_NONE;
    t->pos[t->nnodes].line = k ? k->line : 0;
    t->pos[t->nnodes].col = k ? k->col : 0;
    t->nnodes++;
    c->can_merge = false;
    *out = nd;
    return TY_OK;
}

static bool tpl_guard_find(const char *s, size_t n, size_t *at, size_t *qlen);

/* guard_text_only: the placeholder guard over the literal text src[a..e)
 * of the template's own source (a partial is checked where it is compiled
 * as a template of its own); TY_E_GUARD at the placeholder's position. */
static int tpl_guard_source(tpl_comp *c, size_t a, size_t e) {
    size_t at, ql;
    if (!tpl_guard_find(c->src + a, e - a, &at, &ql)) return TY_OK;
    return tpl_cerr(c, TY_E_GUARD, a + at, "placeholder in the template's text: \"%.*s\"", (int)ql, c->src + a + at);
}

/* Copies literal text into the pool as a TEXT node, extending the previous
 * TEXT node when nothing (no jump target) lies between them. */
static int tpl_emit_text(tpl_comp *c, const char *s, size_t n, const tpl_tok *k) {
    if (n == 0) return TY_OK;
    ty_template *t = c->t;
    tpl_node *last = t->nnodes ? &t->nodes[t->nnodes - 1] : NULL;
    uint32_t off;
    int rc = tpl_pool_add(c, s, n, &off);
    if (rc) return rc;
    if (c->can_merge && last && last->op == TPL_TEXT && (size_t)last->a + last->b == off) {
        last->b += (uint32_t)n;
        return TY_OK;
    }
    tpl_node *nd;
    if ((rc = tpl_node_push(c, TPL_TEXT, k, &nd))) return rc;
    nd->a = off;
    nd->b = (uint32_t)n;
    c->can_merge = true;
    return TY_OK;
}

/* Interns the token's (dotted) name and stores its segments in nd. */
static int tpl_emit_name(tpl_comp *c, const tpl_tok *k, tpl_node *nd) {
    ty_template *t = c->t;
    const char *s = c->src + k->ns;
    size_t n = k->ne - k->ns;
    uint32_t id, top;
    int rc = tpl_intern(c, &t->names, s, n, &id);
    if (rc) return rc;
    nd->id = id;
    if (n == 1 && s[0] == '.') { /* implicit iterator */
        nd->nseg = 0;
        nd->a = t->nsegs;
        return TY_OK;
    }
    uint32_t base = t->names.v[id].off;
    uint32_t first = t->nsegs;
    size_t i = 0;
    uint16_t nseg = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && s[j] != '.') j++;
        tpl_str *segs = tpl_grow(c->alloc, t->segs, &t->csegs, (size_t)t->nsegs + 1, sizeof *t->segs);
        if (!segs) return TY_E_NOMEM;
        t->segs = segs;
        t->segs[t->nsegs].off = base + (uint32_t)i;
        t->segs[t->nsegs].len = (uint32_t)(j - i);
        t->nsegs++;
        if (nseg == 0 && (rc = tpl_intern(c, &t->tops, s + i, j - i, &top))) return rc;
        nseg++;
        i = j + 1;
    }
    nd->nseg = nseg;
    nd->a = first;
    return TY_OK;
}

/* Looks up a partial given in opts by name; its program index or TPL_NONE. */
static uint32_t tpl_find_prog(const ty_template *t, const char *s, size_t n) {
    for (uint32_t i = 1; i < t->nprogs; i++)
        if (t->progs[i].name.len == n && memcmp(t->pool + t->progs[i].name.off, s, n) == 0) return i;
    return TPL_NONE;
}

/* Sets the indentation a standalone call (partial, parent, block site)
 * carries: the whitespace before it on its line, less what a dedented
 * enclosing block strips. */
static int tpl_call_indent(tpl_comp *c, const tpl_tok *k, tpl_node *nd, uint32_t strip) {
    if (!(k->flags & TPL_TKF_STANDALONE)) return TY_OK;
    nd->flags |= TPL_F_STANDALONE;
    if (!(k->flags & TPL_TKF_FIRST)) return TY_OK;
    size_t bs = k->lstart, be = k->start;
    bs += strip < be - bs ? strip : be - bs;
    if (be == bs) return TY_OK;
    int rc = tpl_pool_add(c, c->src + bs, be - bs, &nd->ind);
    if (rc) return rc;
    nd->ind_len = (uint32_t)(be - bs);
    return TY_OK;
}

/* Common leading whitespace of the non-blank lines of src[cs..ce) (as
 * Python's textwrap.dedent sees it) and the first line's: what a
 * standalone block's content is dedented by. *found is false when every
 * line is blank. */
static uint32_t tpl_margin(const char *s, size_t cs, size_t ce, bool *found, uint32_t *first_ws, bool *first_blank) {
    size_t ref = 0, margin = 0, pos = cs;
    bool first = true;
    *found = false;
    *first_ws = 0;
    *first_blank = true;
    while (pos < ce) {
        const char *nl = memchr(s + pos, '\n', ce - pos);
        size_t le = nl ? (size_t)(nl - s) : ce;
        size_t w = pos;
        while (w < le && (s[w] == ' ' || s[w] == '\t')) w++;
        bool blank = w == le;
        if (first) {
            *first_ws = (uint32_t)(w - pos);
            *first_blank = blank;
            first = false;
        }
        if (!blank) {
            if (!*found) {
                ref = pos;
                margin = w - pos;
                *found = true;
            } else {
                size_t m = 0;
                while (m < margin && pos + m < w && s[ref + m] == s[pos + m]) m++;
                margin = m;
            }
        }
        pos = le + 1;
    }
    return (uint32_t)margin;
}

/* The emitter's state while it walks one source's tokens: the open
 * sections, blocks and parents, and the indentation rules in force. */
typedef struct tpl_emitter {
    tpl_open st[TPL_DEPTH_CAP + 1];
    unsigned sd;
    uint32_t strip; /* leading whitespace to drop from each line of a block */
    bool dedent;    /* inside a standalone block: lines lose `strip` */
    bool indentable; /* lines may get the callers' indentation (partials, blocks) */
} tpl_emitter;

/* Opens a section, block or parent at node `node`, saving the indentation
 * rules to restore when it closes. */
static void tpl_open_push(tpl_emitter *e, uint32_t node, int type) {
    e->st[e->sd++] = (tpl_open){.node = node,
                                .last_arg = TPL_NONE,
                                .type = type,
                                .strip = e->strip,
                                .dedent = e->dedent,
                                .indentable = e->indentable};
}

/* Literal text (dedented inside a standalone block; guarded when asked). */
static int tpl_emit_text_tok(tpl_comp *c, const tpl_emitter *e, const tpl_tok *k) {
    const char *s = c->src;
    size_t a = k->start, end = k->end;
    if ((k->flags & TPL_TKF_LINE_START) && e->dedent) {
        size_t w = a;
        while (w < end && (s[w] == ' ' || s[w] == '\t')) w++;
        if (!(k->flags & TPL_TKF_NONBLANK)) a = w; /* textwrap empties blank lines */
        else a += e->strip < w - a ? e->strip : w - a;
    }
    int rc;
    if (c->t->guard_text_only && c->prog == 0 && (rc = tpl_guard_source(c, a, end))) return rc;
    return tpl_emit_text(c, s + a, end - a, k);
}

/* {{name}} and {{{name}}}. */
static int tpl_emit_var(tpl_comp *c, const tpl_tok *k) {
    tpl_node *nd;
    int rc = tpl_node_push(c, TPL_VAR, k, &nd);
    if (rc) return rc;
    if (k->type == TPL_TK_RAW) nd->flags |= TPL_F_RAW;
    return tpl_emit_name(c, k, nd);
}

/* {{#name}} and {{^name}}. */
static int tpl_emit_open(tpl_comp *c, tpl_emitter *e, const tpl_tok *k) {
    tpl_node *nd;
    int rc = tpl_node_push(c, k->type == TPL_TK_SECTION ? TPL_SECTION : TPL_INVERTED, k, &nd);
    if (!rc) rc = tpl_emit_name(c, k, nd);
    if (!rc) tpl_open_push(e, c->t->nnodes - 1, k->type);
    return rc;
}

/* {{/name}}: ends the innermost section, block or parent. */
static int tpl_emit_close(tpl_comp *c, tpl_emitter *e, const tpl_tok *k) {
    ty_template *t = c->t;
    tpl_open *o = &e->st[--e->sd];
    tpl_node *nd;
    int rc = TY_OK;
    if (o->type == TPL_TK_SECTION) {
        if ((rc = tpl_node_push(c, TPL_SECTION_END, k, &nd))) return rc;
        nd->a = o->node;
    } else if (o->type == TPL_TK_BLOCK) {
        if ((rc = tpl_node_push(c, TPL_RET, k, &nd))) return rc;
    }
    t->nodes[o->node].b = t->nnodes;
    e->strip = o->strip;
    e->dedent = o->dedent;
    e->indentable = o->indentable;
    c->can_merge = false; /* the next node is a jump target */
    return rc;
}

/* {{>name}} and {{<name}} (static or dynamic). */
static int tpl_emit_call(tpl_comp *c, tpl_emitter *e, const tpl_tok *k, bool in_parent) {
    ty_template *t = c->t;
    const char *s = c->src;
    uint32_t prog = TPL_NONE;
    bool dyn = (k->flags & TPL_TKF_DYNAMIC) != 0;
    if (in_parent && k->type == TPL_TK_PARTIAL) return TY_OK;
    if (!dyn) {
        prog = tpl_find_prog(t, s + k->ns, k->ne - k->ns);
        if (prog == TPL_NONE && t->strict)
            return tpl_cerr(c, TY_E_MISSING, k->start, "missing partial: %.*s", (int)(k->ne - k->ns), s + k->ns);
        if (prog == TPL_NONE && k->type == TPL_TK_PARTIAL) return TY_OK; /* lenient: renders nothing */
    }
    tpl_node *nd;
    int rc = tpl_node_push(c, k->type == TPL_TK_PARTIAL ? TPL_PARTIAL : TPL_PARENT, k, &nd);
    if (rc) return rc;
    if (dyn) {
        nd->flags |= TPL_F_DYNAMIC;
        if ((rc = tpl_emit_name(c, k, nd))) return rc;
    } else {
        nd->a = prog;
    }
    if ((rc = tpl_call_indent(c, k, nd, e->dedent ? e->strip : 0))) return rc;
    if (k->type == TPL_TK_PARENT) tpl_open_push(e, t->nnodes - 1, TPL_TK_PARENT);
    return TY_OK;
}

/* A standalone block's content is dedented by its common margin: sets the
 * emitter's strip, and *off and *len to the block's own indentation (the part
 * of the margin beyond `outer`), or *len = 0. */
static void tpl_block_margin(tpl_comp *c, tpl_emitter *e, const tpl_tok *k, uint32_t outer, uint32_t *off,
                             uint32_t *len) {
    const char *s = c->src;
    const tpl_tok *cl = &c->toks[k->match];
    size_t cs = k->end, ce = cl->start;
    const char *nl = memchr(s + cs, '\n', ce > cs ? ce - cs : 0);
    if (nl) cs = (size_t)(nl - s) + 1;
    if ((cl->flags & TPL_TKF_STANDALONE) && cl->lstart < ce) ce = cl->lstart;
    if (ce < cs) ce = cs;
    bool found, first_blank;
    uint32_t first_ws;
    uint32_t m = tpl_margin(s, cs, ce, &found, &first_ws, &first_blank);
    e->strip = found && m > outer ? m : outer;
    e->dedent = true;
    *off = *len = 0;
    if (found && !first_blank && m > outer) {
        *off = (uint32_t)cs + outer;
        *len = m - outer;
    }
}

/* {{$name}}: a block site, or inside a parent an argument for it. */
static int tpl_emit_block(tpl_comp *c, tpl_emitter *e, const tpl_tok *k, bool in_parent) {
    ty_template *t = c->t;
    uint32_t id;
    tpl_node *nd;
    int rc = tpl_intern(c, &t->blocks, c->src + k->ns, k->ne - k->ns, &id);
    if (!rc) rc = tpl_node_push(c, in_parent ? TPL_ARG : TPL_BLOCK, k, &nd);
    if (rc) return rc;
    uint32_t me = t->nnodes - 1;
    nd->id = id;
    if (in_parent) {
        tpl_open *par = &e->st[e->sd - 1];
        if (par->last_arg == TPL_NONE) t->nodes[par->node].c = me;
        else t->nodes[par->last_arg].c = me;
        par->last_arg = me;
    }
    tpl_open_push(e, me, TPL_TK_BLOCK);
    uint32_t outer = e->dedent ? e->strip : 0;
    uint32_t intrinsic_off = 0, intrinsic_len = 0;
    if (k->flags & TPL_TKF_STANDALONE) tpl_block_margin(c, e, k, outer, &intrinsic_off, &intrinsic_len);
    e->indentable = true;
    if (in_parent) return TY_OK;
    /* intrinsic indentation (of the default content) wins over the
     * whitespace before the tag */
    if (!intrinsic_len) return tpl_call_indent(c, k, &t->nodes[me], outer);
    t->nodes[me].flags |= TPL_F_STANDALONE;
    if ((rc = tpl_pool_add(c, c->src + intrinsic_off, intrinsic_len, &t->nodes[me].ind))) return rc;
    t->nodes[me].ind_len = intrinsic_len;
    return TY_OK;
}

/* Turns the tokens of the current source into nodes of program c->prog. */
static int tpl_emit(tpl_comp *c) {
    tpl_emitter e;
    e.sd = 0;
    e.strip = 0;
    e.dedent = false;
    e.indentable = c->prog > 0;
    int rc = TY_OK;
    tpl_node *nd;

    c->can_merge = false;
    for (size_t i = 0; i < c->ntoks && !rc; i++) {
        const tpl_tok *k = &c->toks[i];
        bool in_parent = e.sd && e.st[e.sd - 1].type == TPL_TK_PARENT;
        if ((k->flags & TPL_TKF_LINE_START) && (k->flags & TPL_TKF_NONBLANK) && e.indentable && !in_parent) {
            bool standalone = (k->flags & TPL_TKF_DEAD) || (k->type != TPL_TK_TEXT && (k->flags & TPL_TKF_STANDALONE));
            if (!standalone && (rc = tpl_node_push(c, TPL_INDENT, k, &nd))) return rc;
        }
        if (k->flags & TPL_TKF_DEAD) continue;
        switch (k->type) {
        case TPL_TK_TEXT: /* text inside {{<parent}} is ignored (spec) */
            if (!in_parent) rc = tpl_emit_text_tok(c, &e, k);
            break;
        case TPL_TK_VAR:
        case TPL_TK_RAW:
            if (!in_parent) rc = tpl_emit_var(c, k);
            break;
        case TPL_TK_SECTION:
        case TPL_TK_INVERTED: rc = tpl_emit_open(c, &e, k); break;
        case TPL_TK_CLOSE: rc = tpl_emit_close(c, &e, k); break;
        case TPL_TK_PARTIAL:
        case TPL_TK_PARENT: rc = tpl_emit_call(c, &e, k, in_parent); break;
        case TPL_TK_BLOCK: rc = tpl_emit_block(c, &e, k, in_parent); break;
        default: break; /* comments and delimiter changes emit nothing */
        }
    }
    return rc ? rc : tpl_node_push(c, TPL_RET, NULL, &nd);
}

/* Compiles one source as program c->prog. */
static int tpl_compile_prog(tpl_comp *c, const char *src, size_t len, uint32_t prog) {
    c->src = src;
    c->len = len;
    c->prog = prog;
    c->t->progs[prog].start = c->t->nnodes;
    int rc = tpl_tokenize(c);
    if (rc) return rc; /* err already set */
    rc = tpl_emit(c);
    if (rc == TY_E_NOMEM || rc == TY_E_LIMIT) return tpl_cfail(c, rc);
    return rc;
}

/* Releases the template and every array it owns. Accepts NULL. */
void ty_template_free(ty_template *t) {
    if (!t) return;
    const ty_alloc *a = t->alloc;
    ty_mem_free(a, t->nodes);
    ty_mem_free(a, t->pos);
    ty_mem_free(a, t->segs);
    ty_mem_free(a, t->pool);
    ty_mem_free(a, t->names.v);
    ty_mem_free(a, t->names.h);
    ty_mem_free(a, t->tops.v);
    ty_mem_free(a, t->tops.h);
    ty_mem_free(a, t->blocks.v);
    ty_mem_free(a, t->blocks.h);
    ty_mem_free(a, t->progs);
    ty_mem_free(a, t);
}

/* Validates every input, then compiles the main source (program 0) and each
 * partial (program i + 1) into one node array. The caller owns the result. */
static uint32_t tpl_prog_of(const ty_template *t, uint32_t at);

/* End (one past the last node) of program p's nodes. */
static uint32_t tpl_prog_end(const ty_template *t, uint32_t p) {
    return p + 1 < t->nprogs ? t->progs[p + 1].start : t->nnodes;
}

/* no_recursion: the first static partial or parent call reachable from the
 * template that leads back into a program already on the call path, or
 * TPL_NONE. Depth-first over programs with an explicit stack (a program's
 * frame resumes at its next node), so a long chain of partials costs no C
 * stack; every program is finished once. NOMEM sets *rc. */
static uint32_t tpl_find_recursion(const ty_template *t, int *rc) {
    uint8_t *colour = ty_mem_alloc(t->alloc, t->nprogs);   /* 0 new, 1 on the path, 2 done */
    uint32_t *next = ty_mem_alloc(t->alloc, (size_t)t->nprogs * sizeof *next); /* per program: node to resume at */
    uint32_t *path = ty_mem_alloc(t->alloc, (size_t)t->nprogs * sizeof *path);
    uint32_t found = TPL_NONE;
    if (!colour || !next || !path) {
        *rc = TY_E_NOMEM;
    } else {
        memset(colour, 0, t->nprogs);
        size_t depth = 1;
        path[0] = 0;
        colour[0] = 1;
        next[0] = t->progs[0].start;
        while (depth && found == TPL_NONE) {
            uint32_t p = path[depth - 1], end = tpl_prog_end(t, p), q = TPL_NONE, call = TPL_NONE;
            while (q == TPL_NONE && next[p] < end) {
                uint32_t i = next[p]++;
                const tpl_node *nd = &t->nodes[i];
                if ((nd->op == TPL_PARTIAL || nd->op == TPL_PARENT) && !(nd->flags & TPL_F_DYNAMIC) &&
                    nd->a != TPL_NONE && colour[nd->a] != 2) {
                    q = nd->a;
                    call = i;
                }
            }
            if (q == TPL_NONE) { /* every call of p explored */
                colour[p] = 2;
                depth--;
            } else if (colour[q] == 1) {
                found = call; /* back into the path: a cycle */
            } else {
                colour[q] = 1;
                next[q] = t->progs[q].start;
                path[depth++] = q;
            }
        }
    }
    ty_mem_free(t->alloc, colour);
    ty_mem_free(t->alloc, next);
    ty_mem_free(t->alloc, path);
    return found;
}

/* no_recursion: TY_E_SYNTAX at the call that closes a cycle, naming the
 * partial it calls (and the partial it is in, as the path). */
static int tpl_recursion_error(const ty_template *t, ty_error *err) {
    int rc = TY_OK;
    uint32_t at = tpl_find_recursion(t, &rc);
    if (rc) return ty_err_nomem(err, TY_DOMAIN_TEMPLATE);
    if (at == TPL_NONE) return TY_OK;
    const tpl_str *callee = &t->progs[t->nodes[at].a].name;
    uint32_t in = tpl_prog_of(t, at);
    ty_err_set(err, TY_DOMAIN_TEMPLATE, TY_E_SYNTAX,
               "partial \"%.*s\" includes itself, directly or through other partials: recursion is not allowed here",
               (int)callee->len, t->pool + callee->off);
    if (err) {
        err->line = t->pos[at].line;
        err->col = t->pos[at].col;
        if (in > 0)
            ty_err_path(err, "partial \"%.*s\"", (int)t->progs[in].name.len, t->pool + t->progs[in].name.off);
    }
    return TY_E_SYNTAX;
}

ty_template *ty_template_compile(const char *source, size_t len, const ty_template_opts *opts, ty_error *err) {
    static const ty_template_opts defaults;
    ty_err_clear(err);
    if (!opts) opts = &defaults;
    if (opts->escape < TY_ESCAPE_NONE || opts->escape > TY_ESCAPE_TELEGRAM_MD) {
        ty_err_set(err, TY_DOMAIN_TEMPLATE, TY_E_ARG, "unknown escape mode %d", opts->escape);
        return NULL;
    }
    if (opts->npartials && !opts->partials) {
        ty_err_set(err, TY_DOMAIN_TEMPLATE, TY_E_ARG, "partials is NULL with npartials %zu", opts->npartials);
        return NULL;
    }
    if (opts->npartials >= UINT32_MAX / 4) {
        ty_err_set(err, TY_DOMAIN_TEMPLATE, TY_E_LIMIT, "too many partials");
        return NULL;
    }
    size_t max_source = opts->max_source ? opts->max_source : TY_TEMPLATE_MAX_SOURCE;
    if (max_source > TPL_TOTAL_MAX) max_source = TPL_TOTAL_MAX;
    unsigned max_depth = opts->max_depth ? opts->max_depth : TY_TEMPLATE_MAX_DEPTH;
    if (max_depth > TPL_DEPTH_CAP) max_depth = TPL_DEPTH_CAP;

    /* validate every input before allocating anything */
    if (ty_text_input(source, len, max_source, false, TY_DOMAIN_TEMPLATE, "template", err)) return NULL;
    size_t total = len;
    for (size_t i = 0; i < opts->npartials; i++) {
        const ty_partial *p = &opts->partials[i];
        if (ty_text_input(p->name, p->name_len, 256, false, TY_DOMAIN_TEMPLATE, "partial name", err)) return NULL;
        if (p->name_len == 0) {
            ty_err_set(err, TY_DOMAIN_TEMPLATE, TY_E_ARG, "partial name is empty");
            return NULL;
        }
        for (size_t j = 0; j < i; j++) {
            const ty_partial *q = &opts->partials[j];
            if (q->name_len == p->name_len && memcmp(q->name, p->name, p->name_len) == 0) {
                ty_err_set(err, TY_DOMAIN_TEMPLATE, TY_E_ARG, "duplicate partial \"%.*s\"", (int)p->name_len,
                           p->name);
                return NULL;
            }
        }
        char what[300];
        snprintf(what, sizeof what, "partial \"%.*s\"", (int)p->name_len, p->name);
        if (ty_text_input(p->source, p->source_len, max_source, false, TY_DOMAIN_TEMPLATE, what, err)) {
            if (err) ty_err_path(err, "%s", what);
            return NULL;
        }
        total += p->source_len + p->name_len;
        if (total > TPL_TOTAL_MAX) {
            ty_err_set(err, TY_DOMAIN_TEMPLATE, TY_E_LIMIT, "template and partials are over %zu bytes together",
                       TPL_TOTAL_MAX);
            return NULL;
        }
    }

    ty_template *t = ty_mem_alloc(opts->alloc, sizeof *t);
    if (!t) {
        ty_err_nomem(err, TY_DOMAIN_TEMPLATE);
        return NULL;
    }
    memset(t, 0, sizeof *t);
    if (opts->alloc) {
        t->alloc_copy = *opts->alloc;
        t->alloc = &t->alloc_copy;
    }
    t->escape = opts->escape;
    t->strict = !opts->lenient;
    t->guard = !opts->no_guard;
    t->guard_text_only = t->guard && opts->guard_text_only;
    t->max_depth = max_depth;
    t->max_output = opts->max_output ? opts->max_output : TY_TEMPLATE_MAX_OUTPUT;

    tpl_comp c;
    memset(&c, 0, sizeof c);
    c.t = t;
    c.alloc = t->alloc;
    c.err = err;
    c.opts = opts;
    c.max_depth = max_depth;

    int rc = TY_OK;
    t->nprogs = (uint32_t)opts->npartials + 1;
    t->progs = ty_mem_alloc(t->alloc, (size_t)t->nprogs * sizeof *t->progs);
    if (!t->progs) rc = tpl_cfail(&c, TY_E_NOMEM);
    for (uint32_t i = 0; !rc && i < t->nprogs; i++) {
        memset(&t->progs[i], 0, sizeof t->progs[i]);
        if (i == 0) continue;
        const ty_partial *p = &opts->partials[i - 1];
        rc = tpl_pool_add(&c, p->name, p->name_len, &t->progs[i].name.off);
        if (rc) rc = tpl_cfail(&c, rc);
        t->progs[i].name.len = (uint32_t)p->name_len;
    }
    if (!rc) rc = tpl_compile_prog(&c, source ? source : "", len, 0);
    for (uint32_t i = 1; !rc && i < t->nprogs; i++) {
        const ty_partial *p = &opts->partials[i - 1];
        rc = tpl_compile_prog(&c, p->source ? p->source : "", p->source_len, i);
    }
    ty_mem_free(t->alloc, c.toks);
    if (!rc && opts->no_recursion) rc = tpl_recursion_error(t, err);
    if (rc) {
        ty_template_free(t);
        return NULL;
    }
    /* the intern indexes are only needed while compiling */
    ty_mem_free(t->alloc, t->names.h);
    ty_mem_free(t->alloc, t->tops.h);
    ty_mem_free(t->alloc, t->blocks.h);
    t->names.h = t->tops.h = t->blocks.h = NULL;
    return t;
}

/* Distinct first name segments read by the template and its partials. */
size_t ty_template_name_count(const ty_template *t) { return t ? t->tops.n : 0; }

/* Bytes t holds: the struct and every array it owns, at its capacity. */
size_t ty_template_bytes(const ty_template *t) {
    if (!t) return 0;
    size_t n = sizeof *t + (size_t)t->cnodes * sizeof *t->nodes + (size_t)t->cpos * sizeof *t->pos +
               (size_t)t->csegs * sizeof *t->segs + t->pool_cap + (size_t)t->nprogs * sizeof *t->progs;
    const tpl_tab *tabs[] = {&t->names, &t->tops, &t->blocks};
    for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++)
        n += (size_t)tabs[i]->cap * sizeof *tabs[i]->v + (tabs[i]->h ? (size_t)tabs[i]->hcap * sizeof *tabs[i]->h : 0);
    return n;
}

/* The i-th of them, borrowed from the template's pool (not NUL-terminated). */
const char *ty_template_name(const ty_template *t, size_t i, size_t *len) {
    if (!t || i >= t->tops.n) {
        if (len) *len = 0;
        return NULL;
    }
    if (len) *len = t->tops.v[i].len;
    return t->pool + t->tops.v[i].off;
}

/* ===================================================================== *
 * Static walk (template.h): the tags a template reads, without data
 * ===================================================================== */

/* A call being walked: the node that made it and where to go back. */
typedef struct tpl_wcall {
    uint32_t node, ret, prog; /* prog: TPL_NONE for a block */
} tpl_wcall;

/* A section being walked: where its content ends, in which call. */
typedef struct tpl_wend {
    uint32_t at, call;
} tpl_wend;

typedef struct tpl_walk {
    const ty_template *t;
    ty_tpl_visit visit;
    void *ctx;
    tpl_wcall calls[TPL_DEPTH_CAP];
    tpl_wend ends[TPL_DEPTH_CAP];
    uint32_t ncall, nend, main_end;
} tpl_walk;

/* Program holding node `at`: programs are compiled one after another, so
 * their start nodes ascend. */
static uint32_t tpl_walk_prog(const ty_template *t, uint32_t at) {
    uint32_t lo = 0, hi = t->nprogs;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (t->progs[mid].start <= at) lo = mid;
        else hi = mid;
    }
    return lo;
}

/* Reports node `at` as an item of kind tag. */
static int tpl_walk_item(tpl_walk *w, int tag, uint32_t at) {
    const ty_template *t = w->t;
    const tpl_node *nd = &t->nodes[at];
    ty_tpl_item it;
    memset(&it, 0, sizeof it);
    it.tag = tag;
    if (tag != TY_TPL_END) {
        it.name = t->pool + t->names.v[nd->id].off;
        it.len = t->names.v[nd->id].len;
    }
    /* the position in the main text: the tag's own, or the innermost call
     * made from the main text */
    uint32_t where = at;
    if (at >= w->main_end)
        for (uint32_t i = w->ncall; i-- > 0;)
            if (w->calls[i].node < w->main_end) {
                where = w->calls[i].node;
                break;
            }
    it.line = t->pos[where].line;
    it.col = t->pos[where].col;
    uint32_t p = tpl_walk_prog(t, at);
    if (p > 0) {
        it.partial = t->pool + t->progs[p].name.off;
        it.partial_len = t->progs[p].name.len;
    }
    return w->visit(w->ctx, &it);
}

/* True when program prog is being walked already (a recursive partial). */
static bool tpl_walk_in(const tpl_walk *w, uint32_t prog) {
    for (uint32_t i = 0; i < w->ncall; i++)
        if (w->calls[i].prog == prog) return true;
    return false;
}

/* The argument a block site receives from the parents being walked
 * (outermost first, as tpl_find_arg), or TPL_NONE. */
static uint32_t tpl_walk_arg(const tpl_walk *w, uint32_t id) {
    const tpl_node *nodes = w->t->nodes;
    for (uint32_t i = 0; i < w->ncall; i++) {
        const tpl_node *c = &nodes[w->calls[i].node];
        if (c->op != TPL_PARENT) continue;
        for (uint32_t a = c->c; a != TPL_NONE; a = nodes[a].c)
            if (nodes[a].id == id) return a;
    }
    return TPL_NONE;
}

/* Pushes a call from node `at` returning to ret; false when the walk is
 * too deep or over its budget (the callee is then skipped). */
static bool tpl_walk_call(tpl_walk *w, uint32_t at, uint32_t ret, uint32_t prog, size_t work, size_t budget) {
    if (w->ncall + w->nend >= TPL_DEPTH_CAP || work > budget) return false;
    w->calls[w->ncall].node = at;
    w->calls[w->ncall].ret = ret;
    w->calls[w->ncall].prog = prog;
    w->ncall++;
    return true;
}

int ty_template_walk(const ty_template *t, ty_tpl_visit visit, void *ctx) {
    if (!t || !visit) return TY_E_ARG;
    tpl_walk w;
    w.t = t;
    w.visit = visit;
    w.ctx = ctx;
    w.ncall = w.nend = 0;
    w.main_end = t->nprogs > 1 ? t->progs[1].start : t->nnodes;
    const tpl_node *nodes = t->nodes;
    size_t work = 0, budget = (size_t)t->nnodes * 16;
    uint32_t pc = t->progs[0].start;
    int rc = 0;
    for (;;) {
        while (w.nend && w.ends[w.nend - 1].at == pc && w.ends[w.nend - 1].call == w.ncall) {
            w.nend--;
            if ((rc = tpl_walk_item(&w, TY_TPL_END, pc))) return rc;
        }
        const tpl_node *nd = &nodes[pc];
        work++;
        switch (nd->op) {
        case TPL_VAR:
            if (nd->nseg && (rc = tpl_walk_item(&w, TY_TPL_VAR, pc))) return rc;
            pc++;
            break;
        case TPL_SECTION:
        case TPL_INVERTED:
            if (w.ncall + w.nend >= TPL_DEPTH_CAP) { /* deeper than any render: skip it */
                pc = nd->b;
                break;
            }
            if ((rc = tpl_walk_item(&w, nd->op == TPL_SECTION ? TY_TPL_SECTION : TY_TPL_INVERTED, pc))) return rc;
            w.ends[w.nend].at = nd->b;
            w.ends[w.nend].call = w.ncall;
            w.nend++;
            pc++;
            break;
        case TPL_PARTIAL:
        case TPL_PARENT: {
            uint32_t ret = nd->op == TPL_PARENT ? nd->b : pc + 1;
            if (nd->flags & TPL_F_DYNAMIC) {
                if ((rc = tpl_walk_item(&w, TY_TPL_DYNAMIC, pc))) return rc;
                pc = ret;
            } else if (nd->a == TPL_NONE || tpl_walk_in(&w, nd->a) ||
                       !tpl_walk_call(&w, pc, ret, nd->a, work, budget)) {
                pc = ret;
            } else {
                pc = t->progs[nd->a].start;
            }
            break;
        }
        case TPL_BLOCK: {
            uint32_t arg = tpl_walk_arg(&w, nd->id);
            if (!tpl_walk_call(&w, pc, nd->b, TPL_NONE, work, budget)) pc = nd->b;
            else pc = arg == TPL_NONE ? pc + 1 : arg + 1;
            break;
        }
        case TPL_ARG: pc = nd->b; break;
        case TPL_RET:
            if (w.ncall == 0) return 0;
            pc = w.calls[--w.ncall].ret;
            break;
        default: pc++; break; /* TEXT, INDENT, SECTION_END */
        }
    }
}

/* ===================================================================== *
 * Placeholder guard
 * ===================================================================== */

/* Decodes one code point of possibly invalid UTF-8 (a bad byte reads as
 * U+FFFD, one byte long), so the guard never over-reads. */
static int tpl_decode(const char *s, size_t n, size_t i, int32_t *cp) {
    const unsigned char *u = (const unsigned char *)s + i;
    size_t left = n - i;
    int len = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 1;
    if ((size_t)len > left || u[0] >= 0xF8 || (u[0] >= 0x80 && u[0] < 0xC0)) {
        *cp = 0xFFFD;
        return 1;
    }
    if (len == 1) {
        *cp = u[0];
        return 1;
    }
    for (int k = 1; k < len; k++)
        if ((u[k] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
    return ty_utf8_decode(s, n, i, cp);
}

/* Whether "[" at s[i] opens a bracketed placeholder: 1..40 code points of
 * letters (any script, with their marks), digits, spaces, _ - ' and ’,
 * at least one letter, then "]" not followed by "(" (a Markdown link). */
static bool tpl_bracket_at(const char *s, size_t n, size_t i, size_t *plen) {
    size_t j = i + 1;
    unsigned cps = 0;
    bool letter = false;
    while (j < n && s[j] != ']') {
        unsigned char ch = (unsigned char)s[j];
        int step = 1;
        if (ch < 0x80) {
            if ((ch | 32) >= 'a' && (ch | 32) <= 'z') letter = true;
            else if (!((ch >= '0' && ch <= '9') || ch == ' ' || ch == '_' || ch == '-' || ch == '\''))
                return false;
        } else {
            int32_t cp;
            step = tpl_decode(s, n, j, &cp);
            switch (utf8proc_category(cp)) {
            case UTF8PROC_CATEGORY_LU:
            case UTF8PROC_CATEGORY_LL:
            case UTF8PROC_CATEGORY_LT:
            case UTF8PROC_CATEGORY_LM:
            case UTF8PROC_CATEGORY_LO: letter = true; break;
            case UTF8PROC_CATEGORY_MN:
            case UTF8PROC_CATEGORY_MC:
            case UTF8PROC_CATEGORY_ME:
            case UTF8PROC_CATEGORY_ND:
            case UTF8PROC_CATEGORY_ZS: break;
            default:
                if (cp != 0x2019) return false;
            }
        }
        if (++cps > TPL_GUARD_MAX_CP) return false;
        j += (size_t)step;
    }
    if (j >= n || cps == 0 || !letter) return false;
    if (j + 1 < n && s[j + 1] == '(') return false;
    *plen = j + 1 - i;
    return true;
}

#define TPL_ONES 0x0101010101010101ull
#define TPL_HIGHS 0x8080808080808080ull

/* Non-zero when some byte of x equals b (SWAR). */
static inline uint64_t tpl_has_byte(uint64_t x, unsigned char b) {
    uint64_t y = x ^ (TPL_ONES * b);
    return (y - TPL_ONES) & ~y & TPL_HIGHS;
}

/* Finds the first placeholder in s[0..n): true with its offset and the
 * length of the text to quote. Only '{', '}' and '[' can start one; the
 * next of each is found with memchr (vectorised in every libc), so clean
 * text costs a few wide scans. */
static bool tpl_guard_find(const char *s, size_t n, size_t *at, size_t *qlen) {
    static const char starts[3] = {'{', '}', '['};
    const char *next[3];
    for (int k = 0; k < 3; k++) next[k] = memchr(s, starts[k], n);
    for (;;) {
        int k = -1;
        for (int j = 0; j < 3; j++)
            if (next[j] && (k < 0 || next[j] < next[k])) k = j;
        if (k < 0) return false;
        size_t i = (size_t)(next[k] - s);
        char ch = s[i];
        if ((ch == '{' || ch == '}') && i + 1 < n && s[i + 1] == ch) {
            *at = i;
            *qlen = 2;
            if (ch == '{') { /* quote the whole "{{name}}" when it closes soon */
                size_t lim = n - i > 4 * TPL_GUARD_MAX_CP ? i + 4 * TPL_GUARD_MAX_CP : n;
                size_t e = tpl_find(s, lim, i + 2, "}}", 2);
                if (e < lim && !memchr(s + i, '\n', e - i)) *qlen = e + 2 - i;
            }
            return true;
        }
        if (ch == '[' && (i == 0 || s[i - 1] != '\\') && tpl_bracket_at(s, n, i, qlen)) {
            *at = i;
            return true;
        }
        next[k] = memchr(s + i + 1, starts[k], n - i - 1);
    }
}

/* Runs the guard on s[0..n); fills err on a hit. */
static int tpl_guard(const char *s, size_t n, ty_error *err) {
    size_t at, ql;
    if (!tpl_guard_find(s, n, &at, &ql)) return TY_OK;
    if (err) {
        ty_err_set(err, TY_DOMAIN_TEMPLATE, TY_E_GUARD, "placeholder left in output: \"%.*s\"", (int)ql, s + at);
        err->offset = at;
    }
    return TY_E_GUARD;
}

/* The placeholder guard on caller text (validated as UTF-8 first). */
int ty_guard_check(const char *text, size_t len, ty_error *err) {
    ty_err_clear(err);
    int rc = ty_text_input(text, len, 0, true, TY_DOMAIN_TEMPLATE, "text", err);
    if (rc) return rc;
    return tpl_guard(text ? text : "", len, err);
}

/* ===================================================================== *
 * Renderer
 * ===================================================================== */

enum { TPL_FR_LIST, TPL_FR_ONCE, TPL_FR_CALL };

typedef struct tpl_ctx {
    ty_ref ref;
    int kind;
    bool owned; /* release when popped */
} tpl_ctx;

typedef struct tpl_frame {
    uint8_t kind;
    bool list_owned; /* LIST: release `list` when the section ends */
    bool chained;    /* CALL: indentation continues the caller's chain */
    bool has_indent; /* CALL: the effective indentation is not empty */
    uint32_t node;   /* SECTION node, or the calling node */
    uint32_t ret;    /* CALL: where to continue */
    int32_t prev_call;
    uint32_t ind, ind_len;
    ty_ref list; /* LIST */
    size_t i, n;
} tpl_frame;

typedef struct tpl_render {
    const ty_template *t;
    const ty_data_ops *ops;
    void *dctx;
    ty_buf *out;
    size_t start, limit; /* out->len at entry; the largest allowed out->len */
    size_t work, max_work; /* section iterations + calls so far, and the budget */
    ty_error *err;
    bool failed; /* err already describes the failure */
    int32_t call_top;
    unsigned nctx, nfr;
    unsigned nmissing;
    bool missing_more;
    uint32_t missing[TPL_MISSING_MAX];
    tpl_ctx ctx[TPL_DEPTH_CAP + 1];
    tpl_frame fr[TPL_DEPTH_CAP];
} tpl_render;

/* Slow path of tpl_put: checks the output limit, then grows the caller's buffer. */
static int tpl_grow_out(tpl_render *r, size_t n) {
    if (n > r->limit - r->out->len) return TY_E_LIMIT;
    return ty_buf_reserve(r->out, n);
}

/* Appends to the output within max_output; the only allocation of a render. */
static inline int tpl_put(tpl_render *r, const char *s, size_t n) {
    ty_buf *b = r->out;
    if (n >= b->cap - b->len || n > r->limit - b->len) {
        int rc = tpl_grow_out(r, n);
        if (rc) return rc;
    }
    memcpy(b->ptr + b->len, s, n);
    b->len += n;
    return TY_OK;
}

/* Appends s with the template's escape mode. */
static int tpl_put_escaped(tpl_render *r, const char *s, size_t n, const tpl_rep *tab) {
    if (!tab) return tpl_put(r, s, n);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const tpl_rep *rep = &tab[(unsigned char)s[i]];
        if (!rep->len) continue;
        int rc = tpl_put(r, s + run, i - run);
        if (!rc) rc = tpl_put(r, rep->s, rep->len);
        if (rc) return rc;
        run = i + 1;
    }
    return tpl_put(r, s + run, n - run);
}

/* Program holding node `at` (for error paths). */
static uint32_t tpl_prog_of(const ty_template *t, uint32_t at) {
    uint32_t p = 0;
    for (uint32_t i = 1; i < t->nprogs; i++)
        if (t->progs[i].start <= at && t->progs[i].start >= t->progs[p].start) p = i;
    return p;
}

/* Fills err for a failure at node `at`; returns code. */
static int tpl_rfail(tpl_render *r, int code, uint32_t at, const char *fmt, ...) TY_PRINTF(4, 5);
static int tpl_rfail(tpl_render *r, int code, uint32_t at, const char *fmt, ...) {
    r->failed = true;
    if (!r->err) return code;
    va_list ap;
    va_start(ap, fmt);
    ty_err_setv(r->err, TY_DOMAIN_TEMPLATE, code, NULL, fmt, ap);
    va_end(ap);
    if (at != TPL_NONE) {
        r->err->line = r->t->pos[at].line;
        r->err->col = r->t->pos[at].col;
        uint32_t p = tpl_prog_of(r->t, at);
        if (p > 0)
            ty_err_path(r->err, "partial \"%.*s\"", (int)r->t->progs[p].name.len,
                        r->t->pool + r->t->progs[p].name.off);
    }
    return code;
}

/* Reports a failed host callback, keeping its (negative) code. */
static int tpl_host_fail(tpl_render *r, int rc, uint32_t at) {
    if (rc >= 0) rc = TY_E_HOST;
    return tpl_rfail(r, rc, at, "data callback failed");
}

/* Gives a ref from get/item back to the host. */
static inline void tpl_release(tpl_render *r, ty_ref v) {
    if (r->ops->release) r->ops->release(r->dctx, v);
}

/* Words a value the host refused as data (kind returned TY_E_ARG): the
 * value of node `at`'s name, item `item` of it (SIZE_MAX: not an item), or
 * the root data. The binding may add what the value was. */
static int tpl_not_data(tpl_render *r, uint32_t at, size_t item) {
    static const char want[] = "is not data: expected a map, list, string, number, boolean or null";
    if (at == TPL_NONE) return tpl_rfail(r, TY_E_ARG, at, "the root value %s", want);
    const tpl_str *nm = &r->t->names.v[r->t->nodes[at].id];
    const char *name = r->t->pool + nm->off;
    if (item != SIZE_MAX)
        return tpl_rfail(r, TY_E_ARG, at, "item %zu of \"%.*s\" %s", item, (int)nm->len, name, want);
    return tpl_rfail(r, TY_E_ARG, at, "value of \"%.*s\" %s", (int)nm->len, name, want);
}

/* Words a string the host could not give as text (string() returned
 * TY_E_UTF8, e.g. a lone surrogate): the value of node `at`'s name. The
 * binding may add where in the string. */
static int tpl_not_text(tpl_render *r, uint32_t at) {
    const tpl_str *nm = &r->t->names.v[r->t->nodes[at].id];
    return tpl_rfail(r, TY_E_UTF8, at, "value of \"%.*s\" is not valid Unicode text", (int)nm->len,
                     r->t->pool + nm->off);
}

/* Asks the host for a value's kind and checks it is a ty_kind; `item` is
 * the value's index when it is an item of node `at`'s list (else SIZE_MAX). */
static int tpl_kind(tpl_render *r, ty_ref v, uint32_t at, size_t item, int *kind) {
    int k = r->ops->kind(r->dctx, v);
    if (k == TY_E_ARG) return tpl_not_data(r, at, item);
    if (k < 0) return tpl_host_fail(r, k, at);
    if (k > TY_MAP) return tpl_rfail(r, TY_E_HOST, at, "data callback returned unknown kind %d", k);
    *kind = k;
    return TY_OK;
}

/* Resolves the name of node `at` against the context stack, the spec's way:
 * the first segment in the innermost context that has it, the rest inside
 * that value with no fallback. 1 with *out (owned unless "."), 0 when
 * missing, <0 on failure. */
static int tpl_lookup(tpl_render *r, uint32_t at, tpl_ctx *out) {
    const tpl_node *nd = &r->t->nodes[at];
    if (nd->nseg == 0) {
        *out = r->ctx[r->nctx - 1];
        out->owned = false;
        return 1;
    }
    const tpl_str *sg = &r->t->segs[nd->a];
    const char *pool = r->t->pool;
    ty_ref v = NULL;
    int rc = 0;
    for (unsigned k = r->nctx; k-- > 0;) {
        if (r->ctx[k].kind != TY_MAP) continue;
        rc = r->ops->get(r->dctx, r->ctx[k].ref, pool + sg[0].off, sg[0].len, &v);
        if (rc < 0) return tpl_host_fail(r, rc, at);
        if (rc > 0) break;
    }
    if (rc == 0) return 0;
    int kind;
    for (unsigned s = 1;; s++) {
        if ((rc = tpl_kind(r, v, at, SIZE_MAX, &kind))) {
            tpl_release(r, v);
            return rc;
        }
        if (s == nd->nseg) break;
        if (kind != TY_MAP) {
            tpl_release(r, v);
            return 0;
        }
        ty_ref w;
        rc = r->ops->get(r->dctx, v, pool + sg[s].off, sg[s].len, &w);
        tpl_release(r, v);
        if (rc < 0) return tpl_host_fail(r, rc, at);
        if (rc == 0) return 0;
        v = w;
    }
    out->ref = v;
    out->kind = kind;
    out->owned = true;
    return 1;
}

/* Releases a looked-up value if this render owns its ref. */
static inline void tpl_drop(tpl_render *r, const tpl_ctx *v) {
    if (v->owned) tpl_release(r, v->ref);
}

/* Remembers a missing name once, in first-occurrence order. */
static void tpl_note_missing(tpl_render *r, uint32_t id) {
    for (unsigned i = 0; i < r->nmissing; i++)
        if (r->missing[i] == id) return;
    if (r->nmissing < TPL_MISSING_MAX) r->missing[r->nmissing++] = id;
    else r->missing_more = true;
}

/* Fetches a STRING value's bytes and checks them (valid UTF-8, no NUL). */
static int tpl_string(tpl_render *r, ty_ref v, uint32_t at, const char **s, size_t *n) {
    int rc = r->ops->string(r->dctx, v, s, n);
    if (rc == TY_E_UTF8) return tpl_not_text(r, at);
    if (rc < 0) return tpl_host_fail(r, rc, at);
    if (!*s) {
        *n = 0;
        *s = "";
    }
    const unsigned char *u = (const unsigned char *)*s;
    size_t i = 0;
    for (; i + 8 <= *n; i += 8) { /* ASCII without NUL, 8 bytes at a time */
        uint64_t w;
        memcpy(&w, u + i, 8);
        if ((w & TPL_HIGHS) | tpl_has_byte(w, 0)) break;
    }
    while (i < *n && u[i] && u[i] < 0x80) i++;
    if (i == *n) return TY_OK;
    size_t bad;
    const tpl_str *nm = &r->t->names.v[r->t->nodes[at].id];
    if (ty_utf8_check(*s, *n, &bad))
        return tpl_rfail(r, TY_E_UTF8, at, "value of \"%.*s\" is not valid UTF-8 (byte %zu)", (int)nm->len,
                         r->t->pool + nm->off, bad);
    if (memchr(*s, '\0', *n))
        return tpl_rfail(r, TY_E_NUL, at, "value of \"%.*s\" contains a NUL byte", (int)nm->len,
                         r->t->pool + nm->off);
    return TY_OK;
}

/* {{name}} / {{{name}}} */
static int tpl_do_var(tpl_render *r, uint32_t at) {
    const tpl_node *nd = &r->t->nodes[at];
    tpl_ctx v;
    int rc = tpl_put(r, r->t->pool + nd->ind, nd->ind_len);
    if (rc) return rc;
    rc = tpl_lookup(r, at, &v);
    if (rc < 0) return rc;
    if (rc == 0) {
        if (r->t->strict) tpl_note_missing(r, nd->id);
        return TY_OK;
    }
    const tpl_rep *tab = (nd->flags & TPL_F_RAW) ? NULL : tpl_escape_tables[r->t->escape];
    if (v.kind == TY_STRING) { /* the common case, kept out of the jump table */
        const char *s;
        size_t n;
        rc = tpl_string(r, v.ref, at, &s, &n);
        if (!rc) rc = tpl_put_escaped(r, s, n, tab);
        tpl_drop(r, &v);
        return rc;
    }
    rc = TY_OK;
    switch (v.kind) {
    case TY_NUMBER: {
        double x;
        rc = r->ops->number(r->dctx, v.ref, &x);
        if (rc < 0) {
            rc = tpl_host_fail(r, rc, at);
            break;
        }
        char tmp[33];
        size_t n = ty_format_number(x, tmp);
        rc = tpl_put_escaped(r, tmp, n, tab);
        break;
    }
    case TY_TRUE: rc = tpl_put(r, "true", 4); break;
    case TY_FALSE: rc = tpl_put(r, "false", 5); break;
    case TY_NULL: break; /* the spec renders null as nothing, in both modes */
    default:
        if (v.kind == TY_MAP && r->ops->text) {
            const char *s = NULL;
            size_t n = 0;
            rc = r->ops->text(r->dctx, v.ref, &s, &n);
            if (rc < 0) {
                rc = tpl_host_fail(r, rc, at);
                break;
            }
            if (rc == 1) {
                rc = tpl_put_escaped(r, s, n, tab);
                break;
            }
            rc = TY_OK;
        }
        /* a list, or a map without a text form: a mistake in strict mode */
        if (r->t->strict) {
            const tpl_str *nm = &r->t->names.v[nd->id];
            rc = tpl_rfail(r, TY_E_ARG, at, "cannot interpolate a %s: \"%.*s\"", v.kind == TY_LIST ? "list" : "map",
                           (int)nm->len, r->t->pool + nm->off);
        }
        break;
    }
    tpl_drop(r, &v);
    return rc;
}

/* Whether a value opens a section: false, null, "" and [] do not. For a
 * list, *count receives its length. */
static int tpl_truthy(tpl_render *r, const tpl_ctx *v, uint32_t at, bool *yes, size_t *count) {
    *yes = true;
    switch (v->kind) {
    case TY_NULL:
    case TY_FALSE: *yes = false; return TY_OK;
    case TY_LIST: {
        int rc = r->ops->count(r->dctx, v->ref, count);
        if (rc < 0) return tpl_host_fail(r, rc, at);
        *yes = *count > 0;
        return TY_OK;
    }
    case TY_STRING: {
        const char *s;
        size_t n;
        int rc = r->ops->string(r->dctx, v->ref, &s, &n);
        if (rc == TY_E_UTF8) return tpl_not_text(r, at);
        if (rc < 0) return tpl_host_fail(r, rc, at);
        *yes = s && n > 0;
        return TY_OK;
    }
    default: return TY_OK;
    }
}

/* Counts one unit of loop/call work against the budget. */
static int tpl_work(tpl_render *r, uint32_t at) {
    if (++r->work <= r->max_work) return TY_OK;
    return tpl_rfail(r, TY_E_LIMIT, at, "rendering stopped: more than %zu section iterations and calls", r->max_work);
}

/* Takes the next frame of the fixed frame stack, or fails with TY_E_DEPTH. */
static int tpl_push_frame(tpl_render *r, uint32_t at, tpl_frame **f) {
    int rc = tpl_work(r, at);
    if (rc) return rc;
    if (r->nfr >= r->t->max_depth)
        return tpl_rfail(r, TY_E_DEPTH, at, "sections and partials nested deeper than %u", r->t->max_depth);
    *f = &r->fr[r->nfr++];
    return TY_OK;
}

/* {{#name}}: enters the section or jumps past it. Missing names are simply
 * falsy here, in strict mode too: a section is a question ("is there a
 * discount?"), not a value that must be filled. */
static int tpl_do_section(tpl_render *r, uint32_t at, uint32_t *pc) {
    const tpl_node *nd = &r->t->nodes[at];
    tpl_ctx v;
    int rc = tpl_put(r, r->t->pool + nd->ind, nd->ind_len);
    if (rc) return rc;
    rc = tpl_lookup(r, at, &v);
    if (rc < 0) return rc;
    if (rc == 0) {
        *pc = nd->b;
        return TY_OK;
    }
    bool yes;
    size_t count = 0;
    if ((rc = tpl_truthy(r, &v, at, &yes, &count)) || !yes) {
        tpl_drop(r, &v);
        *pc = nd->b;
        return rc;
    }
    tpl_frame *f = NULL;
    if ((rc = tpl_push_frame(r, at, &f))) {
        tpl_drop(r, &v);
        return rc;
    }
    f->node = at;
    if (v.kind == TY_LIST) {
        ty_ref item;
        /* the list ref now belongs to the frame (released when it ends) */
        f->kind = TPL_FR_LIST;
        f->list = v.ref;
        f->list_owned = v.owned;
        f->i = 0;
        f->n = count;
        rc = r->ops->item(r->dctx, v.ref, 0, &item);
        if (rc < 0) return tpl_host_fail(r, rc, at);
        tpl_ctx *c = &r->ctx[r->nctx++];
        c->ref = item;
        c->owned = true;
        c->kind = TY_NULL;
        if ((rc = tpl_kind(r, item, at, 0, &c->kind))) return rc;
    } else {
        f->kind = TPL_FR_ONCE;
        f->list_owned = false;
        r->ctx[r->nctx++] = v;
    }
    *pc = at + 1;
    return TY_OK;
}

/* The SECTION_END of a section: next list item, or leave. */
static int tpl_section_next(tpl_render *r, uint32_t at, uint32_t *pc) {
    const tpl_node *nd = &r->t->nodes[at];
    int rc0 = tpl_put(r, r->t->pool + nd->ind, nd->ind_len);
    if (rc0) return rc0;
    tpl_frame *f = &r->fr[r->nfr - 1];
    tpl_ctx *c = &r->ctx[--r->nctx];
    tpl_drop(r, c);
    if (f->kind == TPL_FR_LIST && ++f->i < f->n) {
        const tpl_node *sec = &r->t->nodes[f->node];
        ty_ref item;
        int rc = tpl_work(r, f->node);
        if (rc) return rc;
        rc = r->ops->item(r->dctx, f->list, f->i, &item);
        if (rc < 0) return tpl_host_fail(r, rc, at);
        c = &r->ctx[r->nctx++];
        c->ref = item;
        c->owned = true;
        c->kind = TY_NULL;
        if ((rc = tpl_kind(r, item, f->node, f->i, &c->kind))) return rc;
        *pc = (uint32_t)(sec - r->t->nodes) + 1;
        return TY_OK;
    }
    if (f->list_owned) tpl_release(r, f->list);
    r->nfr--;
    *pc = at + 1;
    return TY_OK;
}

/* Pushes a call frame (partial, parent, block) whose callee returns to ret. */
static int tpl_push_call(tpl_render *r, uint32_t at, uint32_t ret, bool chained, uint32_t ind, uint32_t ind_len) {
    tpl_frame *f = NULL;
    int rc = tpl_push_frame(r, at, &f);
    if (rc) return rc;
    f->kind = TPL_FR_CALL;
    f->node = at;
    f->ret = ret;
    f->chained = chained;
    f->ind = ind;
    f->ind_len = ind_len;
    f->list_owned = false;
    f->prev_call = r->call_top;
    f->has_indent = chained && (ind_len > 0 || (r->call_top >= 0 && r->fr[r->call_top].has_indent));
    r->call_top = (int32_t)(r->nfr - 1);
    return TY_OK;
}

/* Emits the indentation chain of the innermost call, outermost first. */
static int tpl_do_indent(tpl_render *r) {
    uint16_t chain[TPL_DEPTH_CAP];
    unsigned n = 0;
    for (int32_t i = r->call_top; i >= 0 && r->fr[i].has_indent; i = r->fr[i].chained ? r->fr[i].prev_call : -1)
        chain[n++] = (uint16_t)i;
    while (n--) {
        const tpl_frame *f = &r->fr[chain[n]];
        int rc = tpl_put(r, r->t->pool + f->ind, f->ind_len);
        if (rc) return rc;
    }
    return TY_OK;
}

/* Finds the program named by a dynamic name ({{>*name}}): 1 with *prog,
 * 0 when the name or the partial is missing (already noted), <0 on failure. */
static int tpl_dynamic_prog(tpl_render *r, uint32_t at, uint32_t *prog) {
    const tpl_node *nd = &r->t->nodes[at];
    tpl_ctx v;
    int rc = tpl_lookup(r, at, &v);
    if (rc < 0) return rc;
    if (rc == 0 || v.kind != TY_STRING) {
        if (rc) tpl_drop(r, &v);
        if (r->t->strict) tpl_note_missing(r, nd->id);
        return 0;
    }
    const char *s;
    size_t n;
    rc = tpl_string(r, v.ref, at, &s, &n);
    if (rc) {
        tpl_drop(r, &v);
        return rc;
    }
    *prog = tpl_find_prog(r->t, s, n);
    if (*prog == TPL_NONE && r->t->strict) {
        rc = tpl_rfail(r, TY_E_MISSING, at, "missing partial: %.*s", (int)n, s);
        tpl_drop(r, &v);
        return rc;
    }
    tpl_drop(r, &v);
    return *prog != TPL_NONE;
}

/* Finds the argument a {{$block}} site receives: the outermost parent call
 * that passes one wins (spec: top-level substitutions take precedence). */
static uint32_t tpl_find_arg(const tpl_render *r, uint32_t id) {
    const tpl_node *nodes = r->t->nodes;
    for (unsigned i = 0; i < r->nfr; i++) {
        const tpl_frame *f = &r->fr[i];
        if (f->kind != TPL_FR_CALL || nodes[f->node].op != TPL_PARENT) continue;
        for (uint32_t a = nodes[f->node].c; a != TPL_NONE; a = nodes[a].c)
            if (nodes[a].id == id) return a;
    }
    return TPL_NONE;
}

/* The render loop: one pass over the node array. */
static int tpl_run(tpl_render *r) {
    const ty_template *t = r->t;
    const tpl_node *nodes = t->nodes;
    uint32_t pc = t->progs[0].start;
    int rc = TY_OK;
    for (;;) {
        const tpl_node *nd = &nodes[pc];
        switch (nd->op) {
        case TPL_TEXT:
            rc = tpl_put(r, t->pool + nd->a, nd->b);
            pc++;
            break;
        case TPL_INDENT:
            if (r->call_top >= 0 && r->fr[r->call_top].has_indent) rc = tpl_do_indent(r);
            pc++;
            break;
        case TPL_VAR:
            rc = tpl_do_var(r, pc);
            pc++;
            break;
        case TPL_SECTION: rc = tpl_do_section(r, pc, &pc); break;
        case TPL_SECTION_END: rc = tpl_section_next(r, pc, &pc); break;
        case TPL_INVERTED: {
            tpl_ctx v;
            bool yes = false;
            size_t count;
            rc = tpl_put(r, t->pool + nd->ind, nd->ind_len);
            if (!rc) rc = tpl_lookup(r, pc, &v);
            if (rc > 0) {
                rc = tpl_truthy(r, &v, pc, &yes, &count);
                tpl_drop(r, &v);
            }
            pc = yes ? nd->b : pc + 1;
            break;
        }
        case TPL_PARTIAL:
        case TPL_PARENT: {
            uint32_t prog = nd->a, ret = nd->op == TPL_PARENT ? nd->b : pc + 1;
            if (nd->flags & TPL_F_DYNAMIC) {
                rc = tpl_dynamic_prog(r, pc, &prog);
                if (rc <= 0) {
                    pc = ret;
                    break;
                }
            } else if (prog == TPL_NONE) { /* lenient: an unknown parent renders nothing */
                pc = ret;
                break;
            }
            rc = tpl_push_call(r, pc, ret, (nd->flags & TPL_F_STANDALONE) != 0, nd->ind, nd->ind_len);
            pc = t->progs[prog].start;
            break;
        }
        case TPL_BLOCK: {
            uint32_t arg = tpl_find_arg(r, nd->id);
            bool standalone = (nd->flags & TPL_F_STANDALONE) != 0;
            /* an argument is foreign text: it keeps the caller's indentation
             * only when the site stands alone; the default content is the
             * site's own text and always does */
            rc = tpl_push_call(r, pc, nd->b, standalone || arg == TPL_NONE, nd->ind, nd->ind_len);
            pc = arg == TPL_NONE ? pc + 1 : arg + 1;
            break;
        }
        case TPL_ARG: pc = nd->b; break;
        case TPL_RET:
            if (r->call_top < 0) return TY_OK;
            pc = r->fr[r->call_top].ret;
            r->nfr = (unsigned)r->call_top;
            r->call_top = r->fr[r->call_top].prev_call;
            break;
        default: return tpl_rfail(r, TY_E_ARG, pc, "corrupt template");
        }
        if (rc < 0) return rc;
        rc = TY_OK;
    }
}

/* Builds "missing: a, b" into err, cut with ", …" when it would overflow. */
static int tpl_missing_error(tpl_render *r) {
    char msg[TY_ERROR_MESSAGE_MAX];
    const size_t cap = sizeof msg - 1;
    static const char more[] = ", \xE2\x80\xA6";
    size_t m = 0;
    memcpy(msg, "missing: ", 9);
    m = 9;
    for (unsigned i = 0; i < r->nmissing; i++) {
        const tpl_str *nm = &r->t->names.v[r->missing[i]];
        size_t sep = i ? 2 : 0;
        bool last = i + 1 == r->nmissing && !r->missing_more;
        size_t need = m + sep + nm->len + (last ? 0 : sizeof more - 1);
        if (need > cap) {
            if (i == 0) { /* one huge name: cut it at a character boundary */
                size_t room = cap - m - (sizeof more - 1 - 2);
                while (room > 0 && (r->t->pool[nm->off + room] & 0xC0) == 0x80) room--;
                memcpy(msg + m, r->t->pool + nm->off, room);
                m += room;
                memcpy(msg + m, more + 2, sizeof more - 3);
                m += sizeof more - 3;
            } else {
                memcpy(msg + m, more, sizeof more - 1);
                m += sizeof more - 1;
            }
            break;
        }
        if (sep) {
            memcpy(msg + m, ", ", 2);
            m += 2;
        }
        memcpy(msg + m, r->t->pool + nm->off, nm->len);
        m += nm->len;
        if (i + 1 == r->nmissing && r->missing_more) {
            memcpy(msg + m, more, sizeof more - 1);
            m += sizeof more - 1;
        }
    }
    msg[m] = '\0';
    return ty_err_set(r->err, TY_DOMAIN_TEMPLATE, TY_E_MISSING, "%s", msg);
}

/* Renders into out (restored on error), then reports missing names or runs
 * the guard. All render state lives in one tpl_render on the C stack. */
int ty_template_render(const ty_template *t, const ty_data *data, ty_buf *out, ty_error *err) {
    ty_err_clear(err);
    if (!t || !data || !data->ops || !out)
        return ty_err_set(err, TY_DOMAIN_TEMPLATE, TY_E_ARG, "template, data, data ops and out are required");
    tpl_render r;
    r.t = t;
    r.ops = data->ops;
    r.dctx = data->ctx;
    r.out = out;
    r.start = out->len;
    r.limit = t->max_output > SIZE_MAX - out->len ? SIZE_MAX : out->len + t->max_output;
    r.err = err;
    r.work = 0;
    r.max_work = t->max_output > (SIZE_MAX - TPL_WORK_BASE) / TPL_WORK_PER_BYTE
                     ? SIZE_MAX
                     : t->max_output * TPL_WORK_PER_BYTE + TPL_WORK_BASE;
    r.failed = false;
    r.call_top = -1;
    r.nfr = 0;
    r.nmissing = 0;
    r.missing_more = false;
    r.nctx = 1;
    r.ctx[0].ref = data->root;
    r.ctx[0].owned = false;
    int rc = tpl_kind(&r, data->root, TPL_NONE, SIZE_MAX, &r.ctx[0].kind);
    if (!rc) rc = tpl_run(&r);
    if (rc) {
        /* release whatever the stacks still hold */
        while (r.nctx > 1) tpl_drop(&r, &r.ctx[--r.nctx]);
        while (r.nfr > 0) {
            tpl_frame *f = &r.fr[--r.nfr];
            if (f->list_owned) tpl_release(&r, f->list);
        }
    } else if (r.nmissing) {
        rc = tpl_missing_error(&r);
        r.failed = true;
    } else if (t->guard && !t->guard_text_only && out->len > r.start) {
        rc = tpl_guard(out->ptr + r.start, out->len - r.start, err);
        r.failed = true;
    }
    if (!rc) rc = ty_buf_reserve(out, 0); /* room for the terminating NUL */
    if (rc) {
        if (!r.failed) {
            if (rc == TY_E_NOMEM) ty_err_nomem(err, TY_DOMAIN_TEMPLATE);
            else if (rc == TY_E_LIMIT)
                ty_err_set(err, TY_DOMAIN_TEMPLATE, TY_E_LIMIT, "output is over the limit of %zu bytes",
                           t->max_output);
            else ty_err_set(err, TY_DOMAIN_TEMPLATE, rc, "rendering failed");
        }
        out->len = r.start;
        if (out->ptr) out->ptr[out->len] = '\0';
        return rc;
    }
    out->ptr[out->len] = '\0';
    return TY_OK;
}

#undef TPL_DEPTH_CAP
#undef TPL_NONE
#undef TPL_MISSING_MAX
#undef TPL_TOTAL_MAX
#undef TPL_GUARD_MAX_CP
#undef TPL_WORK_PER_BYTE
#undef TPL_WORK_BASE
#undef TPL_F_RAW
#undef TPL_F_DYNAMIC
#undef TPL_F_STANDALONE
#undef TPL_TKF_DEAD
#undef TPL_TKF_STANDALONE
#undef TPL_TKF_LINE_START
#undef TPL_TKF_NONBLANK
#undef TPL_TKF_DYNAMIC
#undef TPL_TKF_FIRST
#undef TPL_ONES
#undef TPL_HIGHS
