/*
 * text.c — normalisation and tokenisation (see text.h). Each original code
 * point is decomposed on its own with utf8proc (compatibility decomposition,
 * case fold, marks stripped), which keeps an exact map from every output
 * character back to the code point it came from.
 */
#include "text.h"

#include <utf8proc.h>

enum { TXT_BREAK = 0, TXT_LETTER, TXT_DIGIT, TXT_SYMBOL, TXT_DROP, TXT_APOS };

/* Classifies one normalised code point for tokenising. */
static int txt_class(int32_t cp) {
    if (cp == '\'' || cp == 0x2019 || cp == 0x02BC) return TXT_APOS;
    if (cp >= 0x1F3FB && cp <= 0x1F3FF) return TXT_DROP; /* skin tones */
    if (cp == 0x200D || cp == 0xFE0F || cp == 0xFE0E) return TXT_DROP;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: /* marks that survive (e.g. Indic vowel signs) stay in the word */
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: return TXT_LETTER;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return TXT_DIGIT;
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SO: return TXT_SYMBOL;
    case UTF8PROC_CATEGORY_SK: return TXT_DROP;
    case UTF8PROC_CATEGORY_CF: return TXT_DROP;
    default: return TXT_BREAK;
    }
}

typedef struct txt_out {
    ty_arena *arena;
    char *norm;
    size_t len, cap;
    ty_token *tok;
    size_t ntok, tcap;
} txt_out;

/* Grows an arena-backed array by doubling (old copies die with the arena). */
static void *txt_grow(ty_arena *a, void *old, size_t used, size_t *cap, size_t elem, size_t need) {
    if (need <= *cap) return old;
    size_t nc = *cap ? *cap : 16;
    while (nc < need) nc *= 2;
    size_t bytes;
    if (!ty_size_mul(nc, elem, &bytes)) return NULL;
    void *p = ty_arena_alloc(a, bytes);
    if (!p) return NULL;
    if (used) memcpy(p, old, used * elem);
    *cap = nc;
    return p;
}

int ty_text_tokenize(const char *s, size_t len, ty_arena *arena, ty_tokens *out) {
    txt_out o;
    memset(&o, 0, sizeof o);
    o.arena = arena;
    int cur = TXT_BREAK; /* class of the open token, BREAK when none */
    bool sep = true;
    size_t cpi = 0;
    const int opts = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                     UTF8PROC_IGNORE;
    for (size_t i = 0; i < len; cpi++) {
        int32_t cp;
        int n = ty_utf8_decode(s, len, i, &cp);
        utf8proc_int32_t dec[32];
        int last = 0;
        utf8proc_ssize_t nd = utf8proc_decompose_char(cp, dec, 32, (utf8proc_option_t)opts, &last);
        if (nd < 0 || nd > 32) { /* cannot happen for valid input; keep it as is */
            dec[0] = cp;
            nd = 1;
        }
        for (utf8proc_ssize_t k = 0; k < nd; k++) {
            int32_t c = dec[k];
            int cls = txt_class(c);
            if (cls == TXT_DROP) continue;
            if (cls == TXT_APOS) {
                /* inside a word the apostrophe joins ("don't"); else it breaks */
                if (cur == TXT_LETTER && i + (size_t)n < len) {
                    int32_t nx;
                    ty_utf8_decode(s, len, i + (size_t)n, &nx);
                    if (txt_class(nx) == TXT_LETTER) continue;
                }
                cls = TXT_BREAK;
            }
            if (cls == TXT_BREAK) {
                cur = TXT_BREAK;
                sep = true;
                continue;
            }
            bool extend = cls == cur && cls != TXT_SYMBOL;
            if (!extend) {
                o.tok = txt_grow(arena, o.tok, o.ntok, &o.tcap, sizeof(ty_token), o.ntok + 1);
                if (!o.tok) return TY_E_NOMEM;
                if (o.ntok) {
                    o.norm = txt_grow(arena, o.norm, o.len, &o.cap, 1, o.len + 1);
                    if (!o.norm) return TY_E_NOMEM;
                    o.norm[o.len++] = ' ';
                }
                ty_token *t = &o.tok[o.ntok++];
                t->start = t->end = (uint32_t)o.len;
                t->cp_start = (uint32_t)cpi;
                t->b_start = (uint32_t)i;
                t->kind = cls == TXT_LETTER ? TY_TOK_WORD : cls == TXT_DIGIT ? TY_TOK_NUM : TY_TOK_SYM;
                t->space_before = sep ? 1 : 0;
                cur = cls;
            }
            char enc[4];
            int el = ty_utf8_encode(c, enc);
            o.norm = txt_grow(arena, o.norm, o.len, &o.cap, 1, o.len + (size_t)el + 1);
            if (!o.norm) return TY_E_NOMEM;
            memcpy(o.norm + o.len, enc, (size_t)el);
            o.len += (size_t)el;
            ty_token *t = &o.tok[o.ntok - 1];
            t->end = (uint32_t)o.len;
            t->cp_end = (uint32_t)(cpi + 1);
            t->b_end = (uint32_t)(i + (size_t)n);
            sep = false;
            if (cls == TXT_SYMBOL) cur = TXT_BREAK; /* each symbol is its own token */
        }
        i += (size_t)n;
    }
    if (!o.norm) {
        o.norm = ty_arena_alloc(arena, 1);
        if (!o.norm) return TY_E_NOMEM;
    }
    o.norm[o.len] = '\0'; /* txt_grow always left room for one more byte */
    out->norm = o.norm;
    out->norm_len = o.len;
    out->tok = o.tok;
    out->ntok = o.ntok;
    return TY_OK;
}

char *ty_text_normalize(const char *s, size_t len, ty_arena *arena, size_t *out_len) {
    ty_tokens t;
    if (ty_text_tokenize(s, len, arena, &t)) return NULL;
    if (out_len) *out_len = t.norm_len;
    return (char *)t.norm;
}

bool ty_token_contraction(const char *text, const ty_token *tok) {
    const char *w = text + tok->b_start;
    size_t n = tok->b_end - tok->b_start;
    for (size_t b = 1; b < n; b++) {
        size_t al = w[b] == '\'' ? 1 : (b + 2 < n && memcmp(w + b, "\xE2\x80\x99", 3) == 0) ? 3 : 0;
        if (!al || b + al >= n) continue;
        return !((w[b + al] | 32) == 's' && b + al + 1 == n);
    }
    return false;
}
