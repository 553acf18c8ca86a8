/*
 * match.h — the intent matcher: a discriminative model trained at load time
 * from each intent's examples (word and character n-gram features that
 * survive typos, and for English and Spanish the concepts of a built-in
 * customer-service lexicon, so that a few examples cover wordings they do
 * not share), calibrated scores that weigh how much of a message the
 * intent's examples explain, and an out-of-scope threshold calibrated from
 * the training examples alone. Deterministic: no random
 * seeds; identical scores for identical input on every binding.
 * Keywords are NOT handled here (pb_match.c checks them first).
 */
#ifndef TY_MATCH_H
#define TY_MATCH_H

#include "common.h"
#include "text.h"

typedef struct ty_matcher ty_matcher;

/* What a concept is to coverage (see match.c): an act is what a customer
 * asks or wants done (the price, a booking, a cancellation): its words
 * weigh less than the rest of a message, as most businesses share them; a
 * topic is what a message is about (hair, a boiler, food, a pet): its words
 * weigh as much as any other content word, so that a question about a
 * topic the business never wrote of stays out of scope even when the act
 * is familiar; weak concepts (days, parts of the day) add features but are
 * not what a message is about at all. */
enum { TY_MLEX_ACT = 0, TY_MLEX_WEAK = 1, TY_MLEX_TOPIC = 2 };

/* A concept of the built-in lexicon: a name shared by every language (it is
 * the feature's identity), its kind (TY_MLEX_ACT, _WEAK or _TOPIC) and its
 * phrases in one language, normalised and separated by '|'. */
typedef struct ty_mlex_concept {
    const char *name;
    int kind;
    const char *phrases;
} ty_mlex_concept;

/* One language's concept lexicon (match_lexicon_<code>.c). */
typedef struct ty_mlex {
    const char *code; /* "en", "es": the primary language subtag */
    const ty_mlex_concept *concepts;
    size_t nconcepts;
    const char *stop; /* function words and fillers, '|'-separated */
    /* Light stemming of one normalised word w[0..n) into out (room for n + 1
     * bytes); returns the stem's length (at most n). */
    size_t (*stem)(const char *w, size_t n, char *out);
    /* True when word a is a present or imperative form of the infinitive b
     * (normalised), its pronouns joined or not: "pasais", "pasamela" for
     * "pasar", which share too short a stem for `stem` to tell. NULL: the
     * language has no such test. */
    bool (*conjugates)(const char *a, size_t an, const char *b, size_t bn);
    /* The language's background (match_background_<code>.c): messages out
     * of scope for nearly every business; a message much nearer one of
     * them than any example is out of scope (see match.c). Sets *n and
     * returns the lines. NULL: none. */
    const char *const *(*background)(size_t *n);
} ty_mlex;

const ty_mlex *ty_mlex_en(void);
const ty_mlex *ty_mlex_es(void);
const char *const *ty_mbg_en(size_t *n);

/* The lexicon for a locale code ("en", "es-MX" -> "es"); NULL for a
 * language without one (the matcher then works on the words alone). */
const ty_mlex *ty_mlex_for(const char *code, size_t len);

/* True when the normalised word w[0..n) is one of lex's function words
 * (its `stop` list, single words and phrases alike); false for NULL lex. */
bool ty_mlex_is_stop(const ty_mlex *lex, const char *w, size_t n);

/* One training example: the intent's index and its text (raw UTF-8). */
typedef struct ty_match_example {
    uint32_t intent;
    const char *text;
    size_t len;
} ty_match_example;

/* Trains a matcher over nintents intents from n examples (an intent may have
 * zero examples: it can then never be predicted), written in the language
 * of lex (NULL: no concept lexicon). Returns NULL and sets err (domain
 * TY_DOMAIN_PLAYBOOK) on failure. Free with ty_matcher_free.
 * Immutable after training; safe to share across threads. */
ty_matcher *ty_matcher_train(const ty_match_example *ex, size_t n, uint32_t nintents, const ty_mlex *lex,
                             const ty_alloc *alloc, ty_error *err);
/* ty_matcher_train with the largest float weight matrix a fit may hold
 * (dense_max bytes; the default is 32 MiB) and, past it, the bytes of rows
 * it keeps for the most common features (dense_part; default 8 MiB), the
 * other features' part of the fit held as the examples' duals. For tests
 * comparing the two forms. */
ty_matcher *ty_matcher_train_split(const ty_match_example *ex, size_t n, uint32_t nintents, const ty_mlex *lex,
                                   size_t dense_max, size_t dense_part, const ty_alloc *alloc, ty_error *err);
void ty_matcher_free(ty_matcher *m);

typedef struct ty_match_score {
    uint32_t intent;
    double score; /* calibrated probability-like score in [0,1] */
} ty_match_score;

/* Scores a tokenised message. Writes up to k best intents, best first (ties
 * broken by intent index), into top and returns how many were written (0 if
 * the matcher has no intents). *oos is set when the best score falls below
 * the calibrated threshold. scratch is per-call memory (arena). */
size_t ty_matcher_score(const ty_matcher *m, const ty_tokens *toks, ty_arena *scratch, ty_match_score *top,
                        size_t k, bool *oos, int *rc);

/* Figures for stats(): features in the model and bytes held. */
size_t ty_matcher_features(const ty_matcher *m);
size_t ty_matcher_bytes(const ty_matcher *m);

#endif /* TY_MATCH_H */
