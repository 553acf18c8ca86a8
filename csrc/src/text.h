/*
 * text.h — Unicode text work for matching and recognising: normalisation
 * (NFKC compatibility, case folding, marks stripped, via utf8proc — never
 * hand-written tables) and tokenisation into words, numbers and symbols,
 * each token keeping its span in the ORIGINAL text (code points and bytes),
 * so entities can report offsets against what the customer typed.
 */
#ifndef TY_TEXT_H
#define TY_TEXT_H

#include "common.h"

typedef enum ty_tok_kind {
    TY_TOK_WORD = 1, /* letters (any script) */
    TY_TOK_NUM = 2,  /* digits */
    TY_TOK_SYM = 3   /* one symbol: emoji, currency sign, math sign */
} ty_tok_kind;

typedef struct ty_token {
    uint32_t start, end;       /* bytes in the normalised text */
    uint32_t cp_start, cp_end; /* code points in the original text */
    uint32_t b_start, b_end;   /* bytes in the original text */
    uint8_t kind;              /* ty_tok_kind */
    uint8_t space_before;      /* 1 if a separator/punctuation preceded it */
} ty_token;

/* A tokenised text. `norm` holds the normalised tokens joined by single
 * spaces (so token i is norm[tok[i].start .. tok[i].end)). All memory lives
 * in the arena passed to ty_text_tokenize. */
typedef struct ty_tokens {
    const char *norm;
    size_t norm_len;
    ty_token *tok;
    size_t ntok;
} ty_tokens;

/* Tokenises valid UTF-8 s into out, allocating from arena. Apostrophes
 * inside words are dropped ("don't" -> "dont"); letters and digits are split
 * apart ("3pm" -> "3" "pm"); emoji skin-tone modifiers and default-ignorable
 * code points vanish. Returns TY_OK or TY_E_NOMEM. */
int ty_text_tokenize(const char *s, size_t len, ty_arena *arena, ty_tokens *out);

/* True when token tok of text is written as a contraction: an apostrophe
 * (' or ’) inside it with letters after that are no possessive "s"
 * ("we'd", "I'll"; not "thursday's"). Normalising drops the apostrophe, so
 * "we'd" reads "wed". */
bool ty_token_contraction(const char *text, const ty_token *tok);

/* Normalises a phrase to its canonical matching form (tokens joined by one
 * space), allocated in arena; *out_len receives its length. NULL on OOM. */
char *ty_text_normalize(const char *s, size_t len, ty_arena *arena, size_t *out_len);

/* ASCII helpers that never consult the locale. */
static inline bool ty_is_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool ty_is_alpha(int c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static inline int ty_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
/* The value of a hex digit (either case), or -1. */
static inline int ty_hex_value(int c) {
    return ty_is_digit(c) ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
}
static inline bool ty_is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

#endif /* TY_TEXT_H */
