/*
 * audit.h — the chat audit's messages, as the importers (audit_import.c)
 * read them from exports and the analysis (audit.c) reads them
 * (docs/audit.md).
 */
#ifndef TY_AUDIT_H
#define TY_AUDIT_H

#include "common.h"

/* What a message carried. */
enum { AU_TEXT = 0, AU_ATTACHMENT = 1, AU_DELETED = 2 };

/* One message of an export. Texts live in the set's arena. */
typedef struct au_msg {
    uint32_t conv;     /* conversation index (au_set.convs) */
    uint32_t sender;   /* sender index (au_set.senders) */
    int64_t at;        /* Unix seconds */
    const char *text;  /* UTF-8, NUL-terminated */
    size_t len;
    uint32_t input;    /* which input, and its line */
    uint32_t line;
    uint32_t seq;      /* read order: ties of `at` keep it */
    uint8_t kind;      /* AU_TEXT, AU_ATTACHMENT, AU_DELETED */
} au_msg;

/* Interned names: conversation ids, senders. */
typedef struct au_names {
    const char **name;
    size_t *len;
    uint32_t n, cap;
    uint32_t *slot;    /* open addressing: index + 1, 0 empty */
    uint32_t nslot;
} au_names;

/* A line that could not be read, reported with its place. */
typedef struct au_problem {
    uint32_t input, line;
    const char *msg;
} au_problem;

typedef struct au_set {
    const ty_alloc *alloc;
    ty_arena arena;
    au_msg *msg;
    size_t nmsg, cmsg;
    au_names convs, senders;
    au_problem *prob;
    size_t nprob, cprob;
} au_set;

void au_set_init(au_set *s, const ty_alloc *alloc);
void au_set_free(au_set *s);

/* Reads one input into s: an export in `format` ("whatsapp", "csv",
 * "jsonl"; empty: guessed from the text). A WhatsApp export is one
 * conversation, named `name`. Lines that cannot be read become problems;
 * TY_E_ARG (err set) for an unknown format or missing columns, TY_E_UTF8,
 * TY_E_NOMEM. */
int au_read(au_set *s, uint32_t input, const ty_audit_input *in, const ty_audit_opts *opts, ty_error *err);

/* Adds a problem "line N: ..." (formatted into the arena); TY_E_NOMEM. */
int au_problem_add(au_set *s, uint32_t input, uint32_t line, const char *fmt, ...) TY_PRINTF(4, 5);

/* Index of name in names, added when new; UINT32_MAX on OOM. */
uint32_t au_intern(au_set *s, au_names *names, const char *name, size_t len);

#endif /* TY_AUDIT_H */
