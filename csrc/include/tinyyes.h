/*
 * tinyyes.h — the one public header of the tinyyes C11 core.
 *
 * tinyyes makes micro-commitment customer messaging executable: Mustache
 * templates with messaging extensions, intent matching and answer
 * recognisers, and conversation-flow stepping. The Python and Node bindings
 * wrap exactly this header.
 *
 * Conventions (read once, they hold everywhere):
 *  - Inputs are (pointer, length) pairs; NUL is data, nothing relies on
 *    terminators. Every text input must be valid UTF-8 (checked).
 *  - Objects are opaque handles with create/free pairs. Free functions accept
 *    NULL. Anything the library returns is released with the library's own
 *    free function named in its comment.
 *  - Errors: functions return NULL or a negative ty_code and fill the
 *    caller-provided ty_error (which may be NULL). Filling it never
 *    allocates, so out-of-memory is reported like any other error.
 *    Functions never abort and never print.
 *  - No global mutable state, no locale dependence, no clock, no randomness.
 *    Compiled objects (templates, playbooks) are immutable after creation and
 *    may be used from many threads at once without locking.
 *  - Options structs are zero-initialised for defaults: every field's zero
 *    value means "the documented default".
 */
#ifndef TINYYES_H
#define TINYYES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* TY_API marks the public functions below: the shared library exports them
 * and hides everything else in the core (every build compiles with
 * -fvisibility=hidden). On Windows, define TY_STATIC when linking the
 * static library. A program that compiles the core into itself (the Python
 * and Node bindings) defines TY_API empty, so it exports none of it. */
#ifdef TY_API
/* given by the build */
#elif defined(_WIN32) && !defined(TY_STATIC)
#ifdef TY_BUILDING
#define TY_API __declspec(dllexport)
#else
#define TY_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define TY_API __attribute__((visibility("default")))
#else
#define TY_API
#endif

/* The version of this header. ty_version() and ty_version_number() give the
 * library's, so a program can check at run time that the two agree. */
#define TY_VERSION_MAJOR 0
#define TY_VERSION_MINOR 1
#define TY_VERSION_PATCH 0
#define TY_VERSION "0.1.0"
#define TY_VERSION_NUMBER (TY_VERSION_MAJOR * 10000 + TY_VERSION_MINOR * 100 + TY_VERSION_PATCH)

/* The library's TY_VERSION ("0.1.0"), static. */
TY_API const char *ty_version(void);
/* The library's TY_VERSION_NUMBER (major * 10000 + minor * 100 + patch). */
TY_API int ty_version_number(void);

/* ===================================================================== *
 * Errors
 * ===================================================================== */

/* Error codes: a stable, append-only list. 0 is success. */
typedef enum ty_code {
    TY_OK = 0,
    TY_E_NOMEM = -1,     /* an allocation failed; everything was released */
    TY_E_ARG = -2,       /* a bad argument (NULL where not allowed, bad enum) */
    TY_E_UTF8 = -3,      /* text input is not valid UTF-8 */
    TY_E_NUL = -4,       /* text input contains a NUL byte where not allowed */
    TY_E_LIMIT = -5,     /* an input or output exceeded a documented limit */
    TY_E_SYNTAX = -6,    /* template syntax error (line/col set) */
    TY_E_MISSING = -7,   /* strict rendering: one or more names are missing */
    TY_E_GUARD = -8,     /* placeholder guard: output still has a placeholder */
    TY_E_DEPTH = -9,     /* nesting (sections, partials, JSON) past the limit */
    TY_E_HOST = -10,     /* a host data callback failed (binding exception) */
    TY_E_JSON = -11,     /* malformed JSON text (offset/line/col set) */
    TY_E_SCHEMA = -12,   /* a document violates its schema (path set) */
    TY_E_STATE = -13,    /* a conversation state is malformed or foreign */
    TY_E_EVENT = -14,    /* an event is malformed */
    TY_E_NOTFOUND = -15, /* a named thing (slot, template) does not exist */
    TY_E_STALE = -16,    /* a state names what its playbook no longer has
                            (an edit since it was written): migrate it */
    TY_E_EXPIRED = -17,  /* a state past its "expires" time */
    TY_E_LATE = -18      /* an event older than the state's last event:
                            delivered out of order; drop it (docs/playbook.md) */
} ty_code;

/* Which family of error the host should raise (Python exception subclass,
 * Node `code`). Set by the public entry point that failed. */
typedef enum ty_domain {
    TY_DOMAIN_NONE = 0,     /* generic tinyyes.Error / 'TY_ERROR' */
    TY_DOMAIN_TEMPLATE = 1, /* TemplateError / 'TY_TEMPLATE' */
    TY_DOMAIN_PLAYBOOK = 2, /* PlaybookError / 'TY_PLAYBOOK' */
    TY_DOMAIN_STATE = 3,    /* StateError    / 'TY_STATE' */
    TY_DOMAIN_EVENT = 4     /* EventError    / 'TY_EVENT' */
} ty_domain;

#define TY_ERROR_MESSAGE_MAX 512
#define TY_ERROR_PATH_MAX 160

/* Caller-provided error report. Fixed size, filled without allocating.
 * Fields that do not apply are 0 / empty. */
typedef struct ty_error {
    int code;                /* a ty_code */
    int domain;              /* a ty_domain */
    size_t offset;           /* byte offset into the failing input */
    unsigned line, col;      /* 1-based; col counts code points; 0 = n/a */
    char path[TY_ERROR_PATH_MAX];       /* JSON path, e.g. flows.booking.steps[2].ask */
    char message[TY_ERROR_MESSAGE_MAX]; /* human-readable, NUL-terminated */
} ty_error;

/* Static name of a code ("TY_E_NOMEM"); "TY_E_UNKNOWN" for others. */
TY_API const char *ty_code_name(int code);
/* Static short reason word for a code ("nomem", "syntax", "missing", ...). */
TY_API const char *ty_code_reason(int code);
/* Static family name of a domain ("TY_TEMPLATE", "TY_PLAYBOOK", ...). */
TY_API const char *ty_domain_name(int domain);

/* ===================================================================== *
 * Allocation
 * ===================================================================== */

/* Allocator hooks with a context pointer, passed per object (never global).
 * A NULL `const ty_alloc *` anywhere means the C library's malloc family.
 * realloc receives the old size so arena or counting allocators work. */
typedef struct ty_alloc {
    void *(*malloc)(void *ctx, size_t size);
    void *(*realloc)(void *ctx, void *ptr, size_t old_size, size_t size);
    void (*free)(void *ctx, void *ptr);
    void *ctx;
} ty_alloc;

/* ===================================================================== *
 * Output buffer
 * ===================================================================== */

/* A growable byte buffer the library appends to. The caller owns it:
 * init it, pass it to any number of calls, then ty_buf_free it. On error a
 * call restores `len` to what it was, so partial output never leaks out.
 * `ptr` is always NUL-terminated after a successful append (not counted). */
typedef struct ty_buf {
    char *ptr;
    size_t len;
    size_t cap;
    const ty_alloc *alloc; /* NULL: libc */
} ty_buf;

TY_API void ty_buf_init(ty_buf *b, const ty_alloc *alloc);
/* Releases b->ptr and resets b to empty. */
TY_API void ty_buf_free(ty_buf *b);

/* ===================================================================== *
 * Values: JSON-shaped trees owned by a ty_doc
 * ===================================================================== */

typedef enum ty_kind {
    TY_NULL = 0,
    TY_FALSE = 1,
    TY_TRUE = 2,
    TY_NUMBER = 3,
    TY_STRING = 4,
    TY_LIST = 5,
    TY_MAP = 6
} ty_kind;

/* A ty_doc owns an immutable tree of ty_value nodes in one arena. Results of
 * match, recognize and step are returned as docs; bindings convert them to
 * native objects with the read functions below. */
typedef struct ty_doc ty_doc;
typedef struct ty_value ty_value;

typedef struct ty_json_opts {
    const ty_alloc *alloc;  /* NULL: libc */
    size_t max_bytes;       /* 0: 16 MiB */
    unsigned max_depth;     /* 0: 64 (at most 1000) */
    size_t max_values;      /* 0: 1,000,000 values in one text */
} ty_json_opts;

/* Parses strict JSON text (RFC 8259) into a new doc in one linear pass. Map
 * keys keep their order. Errors name the line, column and what was expected:
 * TY_E_JSON for bad syntax, a duplicate key (with the path), a raw control
 * character in a string, a lone surrogate, a number out of a double's range
 * or an integer past 2^53; TY_E_NUL for "\u0000"; TY_E_DEPTH and TY_E_LIMIT
 * for the opts limits (checked while parsing). A leading BOM is ignored.
 * Caller frees with ty_doc_free. */
TY_API ty_doc *ty_doc_parse(const char *json, size_t len, const ty_json_opts *opts, ty_error *err);
/* Releases the doc and every value in it. Accepts NULL. */
TY_API void ty_doc_free(ty_doc *doc);
/* The root value (borrowed from the doc). */
TY_API const ty_value *ty_doc_root(const ty_doc *doc);

TY_API ty_kind ty_value_kind(const ty_value *v);
TY_API double ty_value_number(const ty_value *v);                  /* 0 unless NUMBER */
TY_API const char *ty_value_string(const ty_value *v, size_t *len); /* NULL unless STRING */
TY_API size_t ty_value_count(const ty_value *v);                    /* items / entries */
TY_API const ty_value *ty_value_item(const ty_value *v, size_t i);  /* list item or map value */
TY_API const char *ty_value_key(const ty_value *v, size_t i, size_t *len); /* map key */
/* Map lookup by key (exact bytes); NULL when absent or not a map. */
TY_API const ty_value *ty_value_get(const ty_value *v, const char *key, size_t len);
/* Building values (the core builds its results this way; bindings use it to
 * convert native objects without a JSON round trip). Every node belongs to
 * the doc it was made in and dies with it; constructors return NULL on OOM.
 * Strings and keys are copied. A doc is not thread-safe while being built. */
/* Creates an empty doc whose root is null. Caller frees with ty_doc_free. */
TY_API ty_doc *ty_doc_new(const ty_alloc *alloc);
TY_API void ty_doc_set_root(ty_doc *doc, ty_value *root);
TY_API ty_value *ty_val_null(ty_doc *d);
TY_API ty_value *ty_val_bool(ty_doc *d, int b);
TY_API ty_value *ty_val_number(ty_doc *d, double x);
TY_API ty_value *ty_val_string(ty_doc *d, const char *s, size_t n);
TY_API ty_value *ty_val_list(ty_doc *d);
TY_API ty_value *ty_val_map(ty_doc *d);
/* Appends item to list; TY_E_NOMEM or TY_E_ARG on failure. */
TY_API int ty_list_push(ty_doc *d, ty_value *list, ty_value *item);
/* Appends key -> val to map without a duplicate check; TY_E_NOMEM/TY_E_ARG. */
TY_API int ty_map_put(ty_doc *d, ty_value *map, const char *key, size_t klen, ty_value *val);
/* Deep-copies v (from any doc) into d; NULL on OOM. */
TY_API ty_value *ty_val_copy(ty_doc *d, const ty_value *v);

/* Appends v as compact JSON (keys in stored order, numbers via
 * ty_format_number) to out: ty_value_write with no flags. */
TY_API int ty_value_write_json(const ty_value *v, ty_buf *out, ty_error *err);

/* A checked builder, fed one value at a time while a binding walks a host
 * value (a dict, a JS object), so JSON's rules are checked in one place:
 * NaN and infinities, integers past +-2^53, nesting past
 * TY_VALUE_MAX_DEPTH. Every error names the path of the value it is about:
 * `root` ("state", "event.data"; "" for none), then ".key" and "[i]"
 * steps, with `base` added to a top-level list index (a chunk's place in a
 * stream). Value errors have the code of `domain` (TY_E_STATE, TY_E_EVENT,
 * else TY_E_ARG), depth errors TY_E_DEPTH. After an error every call
 * returns that error's code. Not thread-safe; one builder, one value. */
typedef struct ty_builder ty_builder;

/* Creates a builder (alloc NULL: libc); NULL on OOM. Free with ty_builder_free. */
TY_API ty_builder *ty_builder_new(const char *root, int domain, size_t base, const ty_alloc *alloc);
/* Frees b and any doc it still holds (accepts NULL). */
TY_API void ty_builder_free(ty_builder *b);
/* Each adds one value at the builder's place (the root, the next item of
 * the open list, or the value of the open map's last key) and returns
 * TY_OK or a negative code (see ty_builder_error). Strings are copied. */
TY_API int ty_builder_null(ty_builder *b);
TY_API int ty_builder_bool(ty_builder *b, int x);
TY_API int ty_builder_number(ty_builder *b, double x);             /* NaN, infinities refused */
TY_API int ty_builder_integer(ty_builder *b, int64_t x, int overflow); /* past +-2^53 refused */
TY_API int ty_builder_string(ty_builder *b, const char *s, size_t n);
/* Opens a list or map there: values go into it until ty_builder_end. */
TY_API int ty_builder_list(ty_builder *b);
TY_API int ty_builder_map(ty_builder *b);
/* The key of the next value in the open map (copied: k may change or go
 * as soon as this returns). */
TY_API int ty_builder_key(ty_builder *b, const char *k, size_t n);
/* Closes the innermost open list or map. */
TY_API int ty_builder_end(ty_builder *b);
/* Fails the value at the builder's place, for a host value JSON cannot
 * carry: code (domain as above), message "<path>: <message>". Returns code. */
TY_API int ty_builder_fail(ty_builder *b, int code, const char *message);
/* Writes the path of the value at the builder's place into dst (cut to
 * cap - 1 bytes, NUL-terminated when cap > 0); returns its full length. */
TY_API size_t ty_builder_path(const ty_builder *b, char *dst, size_t cap);
/* The error that stopped b, or NULL. Valid until ty_builder_free. */
TY_API const ty_error *ty_builder_error(const ty_builder *b);
/* Takes the finished doc (caller frees with ty_doc_free); NULL after an
 * error or while the value is incomplete. */
TY_API ty_doc *ty_builder_finish(ty_builder *b);

/* How ty_value_write writes JSON (flags are or-ed). */
typedef enum ty_write_flag {
    TY_WRITE_COMPACT = 0,   /* no spaces, keys in stored order: the fast form */
    TY_WRITE_CANONICAL = 1, /* every map's keys in UTF-8 byte order (a shorter
                               key first): the bytes a state signature covers */
    TY_WRITE_NO_SIG = 2     /* leave out the top-level map's "sig" member */
} ty_write_flag;

/* Appends v as JSON written as `flags` (ty_write_flag) say to out. Errors
 * (out restored): TY_E_NOMEM, TY_E_DEPTH past 512 levels. */
TY_API int ty_value_write(const ty_value *v, unsigned flags, ty_buf *out, ty_error *err);

/* Formats a double the one way all bindings agree on: integers in
 * [-2^53, 2^53] without a fraction ("3"), others in the shortest form that
 * reads back exactly ("0.1", "1e+21"); NaN/Inf are "null" in JSON.
 * Writes at most 32 bytes plus NUL into dst; returns the length. */
TY_API size_t ty_format_number(double x, char dst[33]);

/* ===================================================================== *
 * Host data: how the template engine reads the binding's own objects
 * ===================================================================== */

/* An opaque host value (PyObject *, napi_value, const ty_value *). */
typedef const void *ty_ref;

/* Callbacks that let the core read a host object tree lazily, so rendering
 * touches only the names a template uses. Every callback returns a negative
 * ty_code (usually TY_E_HOST, after recording the host's exception) on
 * failure. Refs returned by get/item are released with `release` (may be
 * NULL when refs are borrowed). */
typedef struct ty_data_ops {
    /* The kind of v (a ty_kind >= 0). A host value that is not data (not
     * map, list, string, number, boolean or null-like) may be refused with
     * TY_E_ARG: the render fails with TY_E_ARG naming the value ("value of
     * \"x\" is not data: ..."). */
    int (*kind)(void *ctx, ty_ref v);
    /* Map lookup: 1 and *out set when present, 0 when absent. */
    int (*get)(void *ctx, ty_ref map, const char *key, size_t len, ty_ref *out);
    /* List length. */
    int (*count)(void *ctx, ty_ref list, size_t *n);
    /* List item i (< count). */
    int (*item)(void *ctx, ty_ref list, size_t i, ty_ref *out);
    /* UTF-8 bytes of a STRING value, valid until the next callback. A host
     * string that has no UTF-8 form (a lone surrogate) may be refused with
     * TY_E_UTF8: the render fails with TY_E_UTF8 naming the value ("value
     * of \"x\" is not valid Unicode text"). */
    int (*string)(void *ctx, ty_ref v, const char **s, size_t *len);
    /* Value of a NUMBER. */
    int (*number)(void *ctx, ty_ref v, double *out);
    /* Releases a ref from get/item; NULL when refs are borrowed. */
    void (*release)(void *ctx, ty_ref v);
    /* Optional (may be NULL): the text form of a MAP that has one, e.g. a
     * choice slot that renders as its title via {{slot}}. Returns 1 and sets
     * s/len (valid until the next callback) when v has a text form, 0 when
     * not (then interpolating the map is an error in strict mode). */
    int (*text)(void *ctx, ty_ref v, const char **s, size_t *len);
} ty_data_ops;

typedef struct ty_data {
    const ty_data_ops *ops;
    void *ctx;
    ty_ref root;
} ty_data;

/* A ty_data reading a ty_value tree (borrowed; the doc must outlive use). */
TY_API ty_data ty_value_data(const ty_value *root);

/* ===================================================================== *
 * Templates (Mustache + messaging extensions)
 * ===================================================================== */

typedef enum ty_escape {
    TY_ESCAPE_NONE = 0,          /* chat channels: values as they are */
    TY_ESCAPE_HTML = 1,          /* web chat: & < > " ' */
    TY_ESCAPE_TELEGRAM_HTML = 2, /* Telegram parse_mode HTML: & < > */
    TY_ESCAPE_TELEGRAM_MD = 3    /* Telegram MarkdownV2: backslash before specials */
} ty_escape;

/* Parses an escape mode name ("none", "html", "telegram_html",
 * "telegram_md"); returns the mode or TY_E_ARG. */
TY_API int ty_escape_parse(const char *name, size_t len);

typedef struct ty_partial {
    const char *name;
    size_t name_len;
    const char *source;
    size_t source_len;
} ty_partial;

/* Defaults (0 in a field): */
#define TY_TEMPLATE_MAX_SOURCE (1u << 20)  /* 1 MiB of template text */
#define TY_TEMPLATE_MAX_DEPTH 64           /* sections + partials nesting */
#define TY_TEMPLATE_MAX_OUTPUT (4u << 20)  /* 4 MiB rendered */

typedef struct ty_template_opts {
    const ty_alloc *alloc;      /* NULL: libc */
    const ty_partial *partials; /* copied and compiled at compile time */
    size_t npartials;
    int escape;                 /* a ty_escape */
    int lenient;                /* 0: strict (missing name is an error); 1: spec */
    int no_guard;               /* 0: placeholder guard on */
    int no_recursion;           /* 1: a partial or parent that calls itself,
                                   directly or through others, is a
                                   TY_E_SYNTAX compile error (the spec allows
                                   recursion; messages never need it) */
    int guard_text_only;        /* 1: the guard checks the template's own text,
                                   when it is compiled (a TY_E_GUARD compile
                                   error), and never the values it renders:
                                   for values that come from customers */
    size_t max_source;          /* bytes per source; 0: TY_TEMPLATE_MAX_SOURCE */
    unsigned max_depth;         /* 0: TY_TEMPLATE_MAX_DEPTH */
    size_t max_output;          /* 0: TY_TEMPLATE_MAX_OUTPUT */
} ty_template_opts;

typedef struct ty_template ty_template;

/* Compiles source (and the partials in opts) into an immutable template.
 * Syntax errors are TY_E_SYNTAX with line/col (code points) and the partial's
 * name in `path` when the error is inside a partial. Caller frees with
 * ty_template_free. The result is safe to render from many threads at once. */
TY_API ty_template *ty_template_compile(const char *source, size_t len,
                                        const ty_template_opts *opts, ty_error *err);
/* Releases the template. Accepts NULL. */
TY_API void ty_template_free(ty_template *t);

/* Renders t with data appended to out. Allocates only by growing `out`.
 * Strict mode: every missing interpolated name is collected and reported in
 * one TY_E_MISSING error ("missing: topic, option_b"). Thread-safe on a
 * shared template. On error out->len is restored. */
TY_API int ty_template_render(const ty_template *t, const ty_data *data, ty_buf *out, ty_error *err);

/* The distinct top-level names the template (and its partials) reads, in
 * first-use order, for bindings that pre-extract data. Borrowed. */
TY_API size_t ty_template_name_count(const ty_template *t);
TY_API const char *ty_template_name(const ty_template *t, size_t i, size_t *len);

/* Bytes of memory t holds (itself and its arrays at their capacity), for
 * bindings that report native memory to a garbage collector. 0 for NULL. */
TY_API size_t ty_template_bytes(const ty_template *t);

/* Checks text with the placeholder guard: returns 0 when clean, or TY_E_GUARD
 * with the offset and a message naming the placeholder. */
TY_API int ty_guard_check(const char *text, size_t len, ty_error *err);


/* ===================================================================== *
 * Playbooks: intents, slots, templates, flows (docs/playbook.md)
 * ===================================================================== */

/* Defaults (0 in a field): */
#define TY_PLAYBOOK_MAX_BYTES (16u << 20)  /* playbook JSON text */
#define TY_PLAYBOOK_MAX_INTENTS 4096u
#define TY_PLAYBOOK_MAX_EXAMPLES 200000u   /* over all intents */
#define TY_PLAYBOOK_MAX_SLOTS 1024u
#define TY_MESSAGE_MAX_BYTES (64u << 10)   /* one customer message */

typedef struct ty_playbook_opts {
    const ty_alloc *alloc;   /* NULL: libc */
    size_t max_bytes;        /* 0: TY_PLAYBOOK_MAX_BYTES */
    size_t max_intents;      /* 0: TY_PLAYBOOK_MAX_INTENTS */
    size_t max_examples;     /* 0: TY_PLAYBOOK_MAX_EXAMPLES */
    size_t max_message;      /* 0: TY_MESSAGE_MAX_BYTES */
    int64_t state_ttl;       /* seconds a state lives after its last event
                                (its "expires"); 0: states do not expire */
} ty_playbook_opts;

typedef struct ty_playbook ty_playbook;

/* Loads and validates a playbook (JSON text), trains its matcher and compiles
 * its templates. Every error names the JSON path in err->path and message
 * ("flows.booking.steps[2].ask: unknown slot \"dayy\""); unknown keys are
 * errors. Caller frees with ty_playbook_free. Immutable once loaded: safe to
 * share across threads. */
TY_API ty_playbook *ty_playbook_load(const char *json, size_t len, const ty_playbook_opts *opts, ty_error *err);
/* Releases the playbook. Accepts NULL. */
TY_API void ty_playbook_free(ty_playbook *pb);

/* One customer input for match/recognize. Zero-initialise, then set fields. */
typedef struct ty_input {
    const char *text;        /* the message (UTF-8, no NUL) */
    size_t len;
    const char *expect;      /* slot name the flow waits for, or NULL */
    size_t expect_len;
    int64_t at;              /* event time, Unix seconds (when has_at); a time
                                outside years 1 to 9999 UTC reads as no clock */
    int has_at;              /* 0: relative dates cannot be resolved */
    int32_t utc_offset;      /* seconds east of UTC (when has_offset), within
                                a day: -86399..86399, else TY_E_EVENT */
    int has_offset;          /* 0: the playbook's utc_offset */
    const ty_value *data;    /* event data: options_from lists; may be NULL */
} ty_input;

/* Matches text (docs/recognizers.md): returns a new doc whose root is
 * {"intent", "score", "oos", "ranking", "entities"} (plus "answer" when
 * `expect` was given and recognised). Scores are rounded to 4 decimals.
 * Caller frees with ty_doc_free. Thread-safe on a shared playbook. */
TY_API ty_doc *ty_playbook_match(const ty_playbook *pb, const ty_input *in, ty_error *err);

/* Runs one slot's recogniser over the whole text as an answer. Returns a new
 * doc whose root is {"value", "text", "start", "end"} or null when the text
 * is not an answer. Unknown slot: TY_E_NOTFOUND. Caller frees with
 * ty_doc_free. */
TY_API ty_doc *ty_playbook_recognize(const ty_playbook *pb, const char *slot, size_t slot_len,
                                     const ty_input *in, ty_error *err);

/* The size check every customer message gets, without the message: TY_OK
 * when len bytes of UTF-8 are within pb's max_message, else TY_E_LIMIT with
 * err set exactly as ty_playbook_match (in_event 0: path "text", "message
 * is N bytes, ...") or ty_playbook_step (in_event 1: path "event.text")
 * would set it. Bindings call it with the size of a long host string before
 * they copy it, so an oversized message costs no copy. Static, thread-safe. */
TY_API int ty_playbook_check_size(const ty_playbook *pb, size_t len, int in_event, ty_error *err);

/* Memory and model figures: {"bytes", "intents", "examples", "features",
 * "slots", "templates", "flows"}. Caller frees with ty_doc_free. */
TY_API ty_doc *ty_playbook_stats(const ty_playbook *pb, ty_error *err);

/* ===================================================================== *
 * Flows: stepping a conversation (docs/playbook.md)
 * ===================================================================== */

/* Limits of a conversation state (fixed; a state over them is TY_E_LIMIT
 * in the state domain, and the engine never writes one):
 *  - 64 KiB of compact JSON per state;
 *  - the transcript keeps the last 10 turns, each cut to 500 bytes + "…";
 *  - a slot value is at most 1024 bytes of JSON (a longer answer is not
 *    taken as an answer);
 *  - at most 4 asks suspended by digressions, 64 host-supplied options per
 *    ask, 256 steps visited per event, conversation ids of 256 bytes. */
#define TY_STATE_MAX_BYTES (64u << 10)

/* Steps a conversation (docs/playbook.md): state may be NULL (new conversation); event is a map. Returns a new doc whose root is {"state", "actions", "events"}. Pure: no clock, no randomness; the input state is untouched. Errors: TY_E_STATE (domain TY_DOMAIN_STATE) for a malformed/foreign state, TY_E_STALE for a state that names what an edit removed (see ty_playbook_migrate), TY_E_EXPIRED for one past its "expires", TY_E_LATE for an event older than the state's last one, TY_E_EVENT (domain TY_DOMAIN_EVENT) for a malformed event, both naming the path. Caller frees with ty_doc_free. Thread-safe on a shared playbook. */
TY_API ty_doc *ty_playbook_step(const ty_playbook *pb, const ty_value *state, const ty_value *event, ty_error *err);

/* A state the host stored as JSON text (a database column, Redis, a
 * cookie), for stepping without parsing or serialising it in the host:
 * ty_state_parse reads the text (at most TY_STATE_MAX_BYTES, nesting at
 * most TY_VALUE_MAX_DEPTH) into a doc whose root is the state (a map) or
 * null (a new conversation), errors in the state domain naming line and
 * column (a text over the limit is refused before any byte of it is read,
 * so a host may pass the length of a text it has not copied yet); pass its
 * root to ty_playbook_step (NULL for a null root). Caller
 * frees with ty_doc_free. ty_result_state_text replaces the "state" of a
 * step or migrate result by its compact JSON text (a string value: the
 * bytes to store; a host adds any "sig" before). */
TY_API ty_doc *ty_state_parse(const char *json, size_t len, ty_error *err);
TY_API int ty_result_state_text(ty_doc *result, ty_error *err);

/* Carries a state across an edit of its playbook (docs/playbook.md,
 * "Editing a live playbook"). A state names its playbook by "id" (else
 * "name") and records its "version"; stepping refuses one that names what
 * the playbook no longer has (a removed step, flow, intent, slot, template
 * or language, a slot whose type changed, counts over new maxima) with
 * TY_E_STALE, naming the first such path. Migrating keeps everything that
 * still fits and drops the rest: a pending ask whose step is gone resumes at
 * the first step of its flow that asks a slot still empty, one whose flow is
 * gone gives way to the innermost suspended ask; an active conversation is
 * asked that question now (time `at`, Unix seconds, not before the state's
 * last event). Returns a new doc {"state", "actions", "events", "dropped":
 * [paths]}, like a step; a state of another playbook is TY_E_STATE, one past
 * "expires" TY_E_EXPIRED. Caller frees with ty_doc_free. Thread-safe on a
 * shared playbook. */
TY_API ty_doc *ty_playbook_migrate(const ty_playbook *pb, const ty_value *state, int64_t at, ty_error *err);
/* A UTC offset as hosts write it: "Z" (or "z"), "+HH:MM" or "+HHMM" (and
 * "-"), minutes under 60, into *seconds east of UTC. Returns 0, or
 * TY_E_SYNTAX for any other shape (*seconds untouched). The range is the
 * caller's to check against TY_UTC_OFFSET_MAX, as for offsets given in
 * seconds. Both bindings read offsets with it. */
#define TY_UTC_OFFSET_MAX (14 * 3600)
TY_API int ty_utc_offset_parse(const char *s, size_t len, int32_t *seconds);
/* Nesting of a host value (list or map inside another) that the bindings
 * convert to a ty_value; deeper, or a container that contains itself, is
 * an error naming the path. */
#define TY_VALUE_MAX_DEPTH 64
/* Events a binding hands to ty_metrics_add at once when it reads an
 * iterable of them (bounded memory for a stream of any length). */
#define TY_METRICS_CHUNK 10000

/* One documented limit: its name in upper snake case (Python exports it
 * so; Node camel-cases it: TEMPLATE_MAX_SOURCE -> templateMaxSource), its
 * default value, and what it bounds. */
typedef struct ty_limit {
    const char *name;
    int64_t value;
    const char *what;
} ty_limit;

/* The documented limits, one table both bindings export: *n entries
 * (static, in a fixed order). */
TY_API const ty_limit *ty_limits(size_t *n);

/* The default playbook shipped with tinyyes (JSON text, static). */
TY_API const char *ty_default_playbook(size_t *len);

/* ===================================================================== *
 * Channels: a send action as the platform's own message JSON (README.md)
 * ===================================================================== */

/* Channel names everywhere (payload, lint, playbook "channels" keys):
 * "whatsapp", "messenger", "instagram", "telegram", "webchat", "sms". */
/* The number of channels, and channel i's name (static; NULL when i is
 * past the end), in the order above: the one list both bindings export. */
TY_API size_t ty_channel_count(void);
TY_API const char *ty_channel_name(size_t i);

/* How Telegram text is escaped (ty_payload_opts.parse_mode). */
typedef enum ty_parse_mode {
    TY_PARSE_MODE_HTML = 0,       /* default: "parse_mode": "HTML"; & < > escaped */
    TY_PARSE_MODE_MARKDOWNV2 = 1, /* "parse_mode": "MarkdownV2"; _*[]()~`>#+-=|{}.!\ escaped */
    TY_PARSE_MODE_NONE = 2        /* no parse_mode: the text goes as it is */
} ty_parse_mode;

/* Parses "html", "markdownv2" or "none" (ASCII case-insensitive): returns
 * the mode or TY_E_ARG. Static, thread-safe. */
TY_API int ty_parse_mode_parse(const char *name, size_t len);

#define TY_PAYLOAD_MAX_CHOICES 256u     /* choices in one send action */
#define TY_PAYLOAD_MAX_TEXT (64u << 10) /* bytes of a send action's text */

/* Options of ty_payload; zero-initialise for defaults. */
typedef struct ty_payload_opts {
    const ty_alloc *alloc;    /* NULL: libc */
    int64_t at;               /* when the message will be sent, Unix seconds */
    int has_at;               /* 0: `at` unknown */
    int64_t last_customer_at; /* the customer's last message, Unix seconds */
    int has_last_customer_at; /* 0: unknown */
    int parse_mode;           /* a ty_parse_mode (Telegram only) */
    int human_agent;          /* 1: a person sends it (Messenger/Instagram
                                 HUMAN_AGENT tag, 7-day window) */
    const char *to;           /* recipient id/number; NULL: left out (the
                                 host adds it) */
    size_t to_len;
    const char *locale;       /* words for SMS options and the WhatsApp list
                                 button ("Reply", "or", "Choose"); NULL or
                                 unknown: English */
    size_t locale_len;
    const char *whatsapp_link; /* web chat only: a "continue in WhatsApp"
                                  link (ty_handover_link) offered with the
                                  message; NULL: none */
    size_t whatsapp_link_len;
} ty_payload_opts;

/* Turns a flow `send` action ({"type": "send", "text", "choices": [{"id",
 * "title"}], ...}; other keys are ignored) into the message JSON of
 * `channel`. Returns a new doc whose root is
 *   {"channel": name,
 *    "payload": {...the platform's request body...},
 *    "window": "open" | "closed" | "unknown" | "n/a",
 *    "requires": ...          only when the window is closed,
 *    "removed": n             only when characters were removed (below),
 *    "segments", "encoding", "units"   sms only}.
 *
 * Forms (the first that fits the platform's limits wins):
 *  - whatsapp: text (no choices); interactive reply buttons (1-3 choices,
 *    body <= 1024); interactive list (<= 10 choices, body <= 4096); text
 *    with numbered lines "1) title" (beyond, or when titles collide).
 *  - messenger, instagram: text with quick_replies (<= 13), else numbered
 *    text. "messaging_type" is "RESPONSE", or "MESSAGE_TAG" with "tag":
 *    "HUMAN_AGENT" when human_agent is set and the 24 h window has passed.
 *  - telegram: sendMessage {"chat_id"?, "text", "parse_mode"?,
 *    "reply_markup": {"inline_keyboard": one button per row}} (<= 100
 *    buttons and 10 KiB of markup), else numbered text. Only the message
 *    text is escaped for the parse mode; button labels are plain text.
 *  - webchat: {"text", "buttons": [{"id" (the title), "title"}]}, every
 *    string HTML-escaped (safe as HTML text and as a quoted attribute).
 *  - sms: {"to"?, "body"}: the text plus "\nReply A) title or B) title"
 *    (A-Z then 27, 28...) unless the text already shows every choice's
 *    "A)" marker; "segments" counts GSM-7 (160 alone, 153 per part, the
 *    extension table's characters take two septets and never straddle a
 *    part) or, when any character is outside GSM 03.38, UCS-2 (70 / 67
 *    UTF-16 units, surrogate pairs never split); "units" is the septets or
 *    UTF-16 units counted. SMS text is never cut.
 * Limits (one table in payload.c, each figure cited there) count UTF-16
 * code units for "characters" (Instagram text and Telegram callback_data:
 * bytes). Titles over a limit are cut at a grapheme boundary (utf8proc:
 * never inside a code point, an emoji ZWJ sequence or a combining
 * sequence), trailing spaces dropped, and end in "…"; the reply id the
 * platform sends back is the choice's id (an event's "choice": the flow
 * reads it exactly), or the full title (whitespace-trimmed, read by the
 * choice recogniser) when the id is too long for the platform's id field
 * (WhatsApp button 256 chars, list row 200, Messenger payload 1000,
 * Telegram callback_data 64 bytes); when
 * neither fits, or two choices would show the same cut title or send back
 * the same id, the form is skipped for the next one (numbered text shows
 * full titles and is answered by number). A list row whose title was cut
 * shows the full title as its description (itself cut to 72). Bodies are
 * never cut: a text over the platform's limit for every form is
 * TY_E_LIMIT.
 *
 * What a payload carries (payload_clean.c): C0 controls but tab, line
 * feed and carriage return, DEL, C1 controls and the bidi embeddings,
 * overrides and isolates (U+202A-U+202E, U+2066-U+2069) are removed from
 * the text and titles, "removed" counts them; in a title tab and line
 * breaks become a space. A text or title that then shows nothing (only
 * spaces and invisible characters such as U+200B, U+FEFF) is TY_E_SCHEMA,
 * and so is a choice id holding any control or bidi formatting character
 * or showing nothing; a `to` with a control character is TY_E_ARG.
 *
 * Windows: WhatsApp allows free-form messages for 24 h after the customer's
 * last message, Messenger and Instagram 24 h (7 days with human_agent).
 * With both times known the result says "open" or "closed"; closed adds
 * "requires": "template" (WhatsApp: an approved message template),
 * "HUMAN_AGENT" (Meta, 24 h - 7 days: only a person, with that tag) or
 * "customer_message" (Meta, past 7 days: wait for the customer). A
 * last_customer_at after `at` counts as open (clock skew). Either time
 * unknown: "unknown"; telegram, webchat, sms: "n/a". The payload is built
 * either way.
 *
 * Errors (domain TY_DOMAIN_NONE, err->path names the field): NULL action
 * or unknown channel: TY_E_ARG (the message lists the channels); an action
 * that is not {"type": "send", "text": string, "choices"?: [{"id": string,
 * "title": string}]}, an empty text or title (or one that shows nothing),
 * a choice id that is not plain text: TY_E_SCHEMA; invalid UTF-8:
 * TY_E_UTF8; a NUL byte: TY_E_NUL; text over TY_PAYLOAD_MAX_TEXT, more than
 * TY_PAYLOAD_MAX_CHOICES choices, or a text too long for the channel:
 * TY_E_LIMIT; out of memory: TY_E_NOMEM. Caller frees the doc with
 * ty_doc_free. Pure and thread-safe (reads action and opts only). */
TY_API ty_doc *ty_payload(const ty_value *action, const char *channel, size_t channel_len, const ty_payload_opts *opts,
                          ty_error *err);

/* Reads one webhook request body of a messaging platform (docs/inbound.md).
 * channel: "whatsapp" (Cloud API), "messenger", "instagram", "telegram"
 * (one Bot API Update), "sms" (a Twilio-style form-encoded body) or
 * "webchat" ({"conversation", "text", "id"?, "at"?, "choice"?}). Returns a
 * new doc whose root is {"events": [...], "ignored": [...]}: in body order,
 * each message or tap as an event ready for ty_playbook_step
 * ({"type": "message", "id", "at", "conversation", "channel", "text",
 * "choice"?}: a tap's "choice" is the option id payload.c sent, its text
 * the title shown), and each thing not read as {"reason", "type", "id"?}:
 * reason "status" (delivery and read receipts), "echo" (the page's own
 * messages), "unsupported" (photos, stickers, reactions, other update
 * kinds) or "empty" (a text that shows nothing). `at` (when has_at) is the
 * time the request arrived, used where the body carries none (SMS,
 * Telegram taps, web chat without "at"); without it such a body is
 * TY_E_EVENT at path "at". Errors: TY_E_ARG for an unknown channel;
 * TY_E_JSON (line, column) for a body that is not JSON; TY_E_EVENT with the
 * JSON path of the first thing that is not the platform's shape ("object",
 * "entry[0].changes[0].value.messages[0].from"). Pure and thread-safe.
 * Caller frees with ty_doc_free. */
TY_API ty_doc *ty_inbound(const char *channel, size_t channel_len, const char *body, size_t body_len, int64_t at,
                          int has_at, ty_error *err);

/* Webhook signatures (docs/inbound.md). The core names the header and says
 * which bytes were signed and what digest the header claims; the binding
 * computes the HMAC with its runtime and compares in constant time. */
typedef enum ty_signature_algorithm {
    TY_SIGNATURE_INVALID = 0,   /* the header is missing or malformed: not verified */
    TY_SIGNATURE_TOKEN = 1,     /* the header is the secret itself (Telegram): compare it */
    TY_SIGNATURE_HMAC_SHA256 = 2, /* HMAC-SHA256(secret, message) == digest (Meta) */
    TY_SIGNATURE_HMAC_SHA1 = 3  /* HMAC-SHA1(secret, message) == digest (Twilio) */
} ty_signature_algorithm;

typedef struct ty_signature {
    int algorithm;            /* a ty_signature_algorithm */
    unsigned char digest[32]; /* the digest the header claims (digest_len bytes) */
    size_t digest_len;
    ty_buf message;           /* the bytes that were signed (HMAC algorithms) */
} ty_signature;

/* The header that carries the channel's signature, in lower case
 * ("x-hub-signature-256", "x-telegram-bot-api-secret-token",
 * "x-twilio-signature"); NULL with TY_E_ARG for an unknown channel or
 * "webchat" (your own site: nothing to verify). */
TY_API const char *ty_signature_header(const char *channel, size_t channel_len, ty_error *err);
/* Reads the signature header's value (NULL: absent) of a request to the
 * channel with this raw body into *out (zero it first; free with
 * ty_signature_free). url is the full URL the platform requested, needed
 * for SMS (Twilio signs it). A missing or malformed header is not an
 * error: out->algorithm is TY_SIGNATURE_INVALID and the request must be
 * refused. Errors: TY_E_ARG (unknown channel, webchat, SMS without url),
 * TY_E_NOMEM. */
TY_API int ty_signature_check(const char *channel, size_t channel_len, const char *header, size_t header_len,
                              const char *body, size_t body_len, const char *url, size_t url_len, ty_signature *out,
                              ty_error *err);
/* Releases out->message. Accepts NULL. */
TY_API void ty_signature_free(ty_signature *s);
/* Meta's webhook verification request (GET ?hub.mode=subscribe&
 * hub.verify_token=...&hub.challenge=...): returns challenge (to send
 * back as the body) when mode is "subscribe" and token equals
 * verify_token (compared in constant time), else NULL (answer 403). */
TY_API const char *ty_handshake(const char *mode, size_t mode_len, const char *token, size_t token_len,
                                const char *challenge, size_t challenge_len, const char *verify_token,
                                size_t verify_len);

/* "Continue in WhatsApp" from a web chat (docs/inbound.md). A reference is
 * the conversation id (1 to 64 of A-Z a-z 0-9 _ -) and a tag, the first 10
 * lower-case hex digits of HMAC-SHA256(secret, the bytes
 * ty_handover_signed writes); the binding computes the HMAC. */
/* Appends the bytes a handover tag signs for this conversation to out;
 * TY_E_ARG when the id cannot travel in a message. */
TY_API int ty_handover_signed(const char *conversation, size_t len, ty_buf *out, ty_error *err);
/* Appends the wa.me link to the business's WhatsApp number (digits, with
 * any "+", spaces, dashes, brackets) whose prefilled message, in the
 * playbook language `locale` (NULL: the playbook's own), ends with
 * "(ref <conversation>.<tag>)". TY_E_ARG for a bad number or reference. */
TY_API int ty_handover_link(const ty_playbook *pb, const char *locale, size_t locale_len, const char *number,
                            size_t number_len, const char *conversation, size_t conversation_len, const char *tag,
                            size_t tag_len, ty_buf *out, ty_error *err);
/* Finds the first "(ref <conversation>.<tag>)" in text: 1 and the two
 * parts (pointers into text), or 0. The caller checks the tag. */
TY_API int ty_handover_find(const char *text, size_t n, const char **conversation, size_t *conversation_len,
                            const char **tag, size_t *tag_len);

/* ===================================================================== *
 * Lint: does a message follow the method? (docs/playbook.md)
 * ===================================================================== */

#define TY_LINT_MAX_BYTES (1u << 20) /* text linted at once */

/* Lints one outgoing message for `channel` (NULL/empty: "webchat") with the
 * phrase tables of `locale` (NULL/empty or without a table: English; "en-GB"
 * uses "en"). Returns a new doc whose root is a list of findings
 *   {"code": "TY001".."TY008", "severity": "error" | "warning",
 *    "message", "start", "end"}
 * ordered by start, then code; start/end are code point offsets of the
 * text ([start, end)). Severities: errors are TY005 (unreplaced
 * placeholder), TY008 (pressure or false urgency) and TY006 when the text
 * is over the platform's hard limit; everything else is a warning:
 *   TY001 open-ended closer ("let me know", "any questions?", ...);
 *   TY002 no question and no clear action or stated next step;
 *   TY003 more than two options in one ask (an "A, B or C" list or three
 *         "A)"/"1)" markers);
 *   TY004 more than one question (span: the second to the last question);
 *   TY006 longer than the channel's guidance (sms: over 2 segments), or a
 *         paragraph over 300 characters without a line break (not sms);
 *   TY007 a link on whatsapp/telegram/sms (summarise first), or a second
 *         link on any channel.
 * At most 100 findings of one code are reported per text. The heuristics
 * (sentences, what counts as a list or an action) are described in lint.c.
 * Errors: unknown channel TY_E_ARG; invalid UTF-8 TY_E_UTF8 (offset set);
 * NUL TY_E_NUL; over TY_LINT_MAX_BYTES TY_E_LIMIT; TY_E_NOMEM. Caller frees
 * with ty_doc_free. Pure and thread-safe. */
TY_API ty_doc *ty_lint(const char *text, size_t len, const char *channel, size_t channel_len, const char *locale,
                       size_t locale_len, ty_error *err);

/* Lints every template of pb: its text and each variant with `channel`
 * (NULL/empty: "webchat"; the channel the business sends on) unless the
 * template has its own text for that channel (then they are never sent
 * there), and each channel text with its own channel, in the playbook's
 * locale. Templates
 * render (lenient, placeholder guard off) with sample values: `options` is
 * the asked slot's options when the template asks a choice slot, else two
 * samples ("Option A", "Option B"); a choice slot reads as its first
 * option's title; other slots as a sample of their type; any other name as
 * "sample". Then the playbook itself (TY101-TY106, see lint.c): which slots
 * are certainly filled wherever each template is sent, so a name a message
 * may miss is found before a customer does; {{#options}} where nothing is
 * offered; choice slots of more than three options; steps and flows that
 * never run. A say-only step whose turn goes on to a question needs no ask
 * of its own: TY002 is not reported for a template only sent that way.
 * Returns a new doc whose root is a list of
 *   {"template", "variant": index or null, "channel", "code", "severity",
 *    "message", "start", "end", "path"}
 * in template order (text, variants, channel texts; each text's message
 * findings, then the playbook findings about it), then findings about
 * slots, flows and steps. "path" is the JSON path of what a finding is
 * about ("templates.nudge", "templates.ask.variants[0]",
 * "templates.ask.channels.sms", "slots.size.options",
 * "flows.booking.steps[2]", "flows.extra"). Offsets (code points) index
 * the rendered text for TY001-TY008 and the template text at "path" for
 * TY101 and on; a finding about a slot, step or flow has null template,
 * variant, channel, start and end. Errors: unknown channel TY_E_ARG; a
 * render that fails (depth, output limit) with its code and
 * "templates.<name>" in err->path; TY_E_NOMEM. Caller frees with
 * ty_doc_free. Thread-safe on a shared pb. */
TY_API ty_doc *ty_playbook_lint(const ty_playbook *pb, const char *channel, size_t channel_len, ty_error *err);

/* ===================================================================== *
 * Metrics: the numbers of the method over many conversations (docs/metrics.md)
 * ===================================================================== */

/* A streaming accumulator over the metric events of ty_playbook_step
 * ("events"), from any number of conversations, in any order. Memory grows
 * with distinct conversations (about 180 bytes each with the id: a
 * hash table entry kept at most 70 % full), distinct flow steps and
 * distinct wordings, plus 12 bytes per commit (latencies are kept for
 * exact percentiles) — never with the other events. One accumulator is not
 * thread-safe: use one per thread, or add lists from one thread at a time. */
typedef struct ty_metrics ty_metrics;

/* Creates an empty accumulator. Caller frees with ty_metrics_free. */
TY_API ty_metrics *ty_metrics_new(const ty_alloc *alloc, ty_error *err);
/* Releases m and everything it holds. Accepts NULL. */
TY_API void ty_metrics_free(ty_metrics *m);
/* Bytes of memory m holds now (itself, its tables at their capacity and
 * its key arena); it grows as ty_metrics_add counts new conversations,
 * steps, wordings and commits. 0 for NULL. */
TY_API size_t ty_metrics_bytes(const ty_metrics *m);

/* Adds a list of events (borrowed; only read). Every event is a map with
 * "type" (ask, commit, reprompt, followup, handoff, opt_out, close),
 * "conversation" (string) and "at" (number >= 0); ask and commit need
 * "flow" and "step" strings, commit a "latency" >= 0, handoff "filled" and
 * "asked" (whole numbers, filled <= asked), close an "outcome" string (and
 * flow/step strings when the outcome is "no_response"). "template" and
 * "variant" are strings or null (or absent); an ask or commit with both
 * counts for that wording. Other keys are ignored. The whole list is checked before anything is counted: a bad
 * event is TY_E_EVENT (domain TY_DOMAIN_EVENT) naming it, e.g. path
 * "events[12].type", and m is unchanged. On TY_E_NOMEM the events before
 * the one named in err->path were counted; m stays usable. Returns 0 or
 * the negative ty_code. */
TY_API int ty_metrics_add(ty_metrics *m, const ty_value *events, ty_error *err);
/* ty_metrics_add for one chunk of a longer stream: `base` (the chunk's
 * first event's place in the stream) is added to the index an error names,
 * so "events[10003].at" points into the whole stream. */
TY_API int ty_metrics_add_at(ty_metrics *m, const ty_value *events, size_t base, ty_error *err);

/* The metrics so far, as a new doc whose root is
 *   {"conversations": N,
 *    "reply_rate": replied / N,
 *    "time_to_next_step": {"median", "p90"},
 *    "completion": {"overall": commits / asks, "by_step": {"flow.step": commits / asks}},
 *    "handoffs": handoff events,
 *    "handoff_context": mean of filled / asked over handoffs with asked > 0,
 *    "drop_off": {"flow.step": closes with outcome no_response there},
 *    "opt_outs": opt_out events,
 *    "variants": [{"flow", "step", "template", "variant",
 *                  "asks", "replies", "reply_rate": replies / asks, "reply_rate_ci": [low, high],
 *                  "commits", "completion": commits / asks, "completion_ci": [low, high],
 *                  "time_to_next_step": {"median", "p90"}}]}
 * Ratios and interval ends are rounded to 4 decimals; a ratio or statistic
 * with nothing to measure is null (an empty stream: conversations 0,
 * handoffs 0, opt_outs 0, by_step {}, drop_off {}, variants [], everything
 * else null). Map keys are sorted by bytes. A conversation "replied" when
 * its events show a customer message after its first ask: a commit or a
 * reprompt; a handoff or an opt_out with a pending step, or later than the
 * first ask; or a second ask later than the first (a digression). A
 * message that leaves no event (answered by a `say` intent, an off-topic
 * remark) is not seen. time_to_next_step is the commit latency in seconds,
 * nearest-rank percentiles over every commit: the value at rank
 * ceil(p/100 * n) of the sorted latencies (median p = 50). by_step lists
 * steps with at least one ask.
 *
 * "variants" has a row per wording of a step's question — the ask events'
 * (flow, step, template, variant) — with at least one ask, ordered by
 * "flow.step" and template bytes, then variant: "text", "v1", "v2", ...
 * by number, then other names by bytes. commits and time_to_next_step
 * count the commits naming that wording. An ask was replied to when a
 * later event of its conversation shows a customer message (an ask,
 * commit, reprompt, handoff or opt_out), or one of the same second is a
 * commit, reprompt, handoff or opt_out at the ask's step; of more than two
 * asks in one second of one conversation, those past the second count as
 * replied. The intervals are 95 % Wilson score intervals of the rate over
 * the asks; completion_ci is null when commits exceed asks (a log that
 * lacks asks). Caller frees with ty_doc_free. Does not change m. */
TY_API ty_doc *ty_metrics_result(const ty_metrics *m, ty_error *err);

/* ===================================================================== *
 * Audit: where momentum died in chats a business already has (docs/audit.md)
 * ===================================================================== */

/* One export to audit: its text and format ("whatsapp": WhatsApp's
 * "Export chat" text, one conversation; "csv": a header row, then one
 * message a row; "jsonl": one JSON object a line; NULL/empty: guessed from
 * the text). name names a WhatsApp export's conversation (a file name). */
typedef struct ty_audit_input {
    const char *name;
    size_t name_len;
    const char *text;
    size_t len;
    const char *format;
    size_t format_len;
} ty_audit_input;

/* Options; zero them for the defaults. */
typedef struct ty_audit_opts {
    const char *business;     /* the business's sender name; NULL: guessed */
    size_t business_len;
    int date_order;           /* WhatsApp dates: 0 guessed (day first when unclear), 1 day/month, 2 month/day */
    int32_t utc_offset;       /* seconds east of UTC of the exports' local times */
    /* csv/jsonl column (key) names of conversation, time, sender and text;
     * NULL: the first of the usual names present (docs/audit.md) */
    const char *columns[4];
    size_t column_lens[4];
    const char *hours;        /* opening hours, "mon-fri 09:00-17:30, sat 10:00-14:00"; NULL: always open */
    size_t hours_len;
    int64_t late_after;       /* open seconds after which an answer is late; 0: 3600 */
    const ty_playbook *playbook; /* NULL: unanswered questions grouped by wording, else by its intents */
    const ty_alloc *alloc;    /* the result's and the work's memory; NULL: libc */
} ty_audit_opts;

/* Audits n exports (docs/audit.md): reads their messages (each line that
 * cannot be read is listed in "problems" with its input and line, never
 * dropped unsaid), tells the business's side, and for each conversation
 * where it stopped, who spoke last and what went wrong ("findings", each
 * naming the message, the lint code where one applies and the
 * micro-commitment moment it calls for); then the totals ("summary").
 * Returns a new doc {"business", "conversations": [...], "summary": {...},
 * "problems": [...]}. Errors: TY_E_ARG (bad options, unknown format, a
 * csv/jsonl export without a needed column, no messages at all, naming
 * err->path), TY_E_UTF8, TY_E_NOMEM. Pure and thread-safe. Caller frees
 * with ty_doc_free. */
TY_API ty_doc *ty_audit(const ty_audit_input *inputs, size_t n, const ty_audit_opts *opts, ty_error *err);

/* Appends the readable report of an audit (ty_audit's doc) to out: what
 * the command-line tools print. TY_E_ARG for a doc of another shape. */
TY_API int ty_audit_report(const ty_value *audit, ty_buf *out, ty_error *err);

/* ===================================================================== *
 * Command lines: what `chat` and `lint` print (docs/playbook.md)
 * ===================================================================== */

/* Appends v as JSON for people to read, as Python's json.dumps(v,
 * ensure_ascii=False, indent=indent) writes it: ", " and ": " between
 * items; with indent >= 0 one item a line, indented by `indent` spaces a
 * level (empty lists and maps stay "[]" and "{}"); indent < 0: one line.
 * Numbers as ty_format_number. TY_E_DEPTH past 1000 levels; on error out
 * is as it was. */
TY_API int ty_value_write_json_pretty(const ty_value *v, int indent, ty_buf *out, ty_error *err);

/* What ty_lint_report writes the findings of. */
typedef struct ty_lint_report_opts {
    const char *label;      /* what was linted: a file name, "<stdin>"; NULL: "message" with
                               text, else "default playbook" */
    size_t label_len;
    const char *text;       /* the message of ty_lint's findings; NULL: ty_playbook_lint's */
    size_t text_len;
    const char *channel;    /* the channel the message was linted for; NULL/empty: "webchat" */
    size_t channel_len;
    const char *source;     /* the playbook's JSON text, quoted from; NULL: the default playbook */
    size_t source_len;
    int json;               /* 1: the findings as a JSON list (indent 2) */
} ty_lint_report_opts;

/* Appends what `tinyyes lint` prints for findings (a list from ty_lint,
 * when opts->text is set, else from ty_playbook_lint) to out: one line per
 * finding, "label: path [channel] CODE severity: message", then for a
 * message finding (TY001-TY008) the part found, quoted (at most 60 code
 * points, newlines as spaces, "…" when cut) from the message or from the
 * template's source when it has no tags, else "(code points A-B of the
 * rendered text)"; then "N errors, M warnings". With opts->json the
 * findings as a JSON list instead. Returns the exit status, 1 when a
 * finding is an error, else 0; or TY_E_ARG (not a list), TY_E_UTF8,
 * TY_E_NOMEM (out as it was). Pure and thread-safe. */
TY_API int ty_lint_report(const ty_value *findings, const ty_lint_report_opts *opts, ty_buf *out, ty_error *err);

/* A terminal conversation with a playbook on a virtual clock: what
 * `tinyyes chat` does with each line typed (and tinyyes.simulate with each
 * line of a script). Lines are customer messages, except commands:
 * /wait 4h (also 90s, 15m, 2d, 1h30m; no duration: 4h) lets time pass and
 * sends a tick at each due time on the way (nudges, quiet hours, the
 * no-response close), at most TY_CHAT_MAX_TICKS_PER_WAIT; /resume hands
 * the conversation back from a person; /state prints the state (JSON,
 * indent 2); /note text prints "# text" (after a blank line); /help;
 * /quit (also /exit, /q) ends. The clock starts at opts->start and moves
 * on TY_CHAT_STEP_SECONDS before each message after the first. Bot
 * messages print as "bot: text" with their choices as "[A] Title  [B]
 * ...", so a customer answers "B". Errors of a step print as "error: ..."
 * and the chat goes on. One chat is not thread-safe; it borrows pb. */
typedef struct ty_chat ty_chat;

#define TY_CHAT_EPOCH 1795514400LL     /* Tue 2026-11-24 10:00 UTC: opening hours, outside quiet hours */
#define TY_CHAT_STEP_SECONDS 15        /* the customer takes a few seconds to type each reply */
#define TY_CHAT_MAX_TICKS_PER_WAIT 50  /* a /wait never loops for ever, whatever the playbook schedules */

enum {
    TY_CHAT_ECHO_NONE = 0,     /* print nothing of the input (a terminal shows it) */
    TY_CHAT_ECHO_LINES = 1,    /* "> line" before each line but blank ones and /note (a pipe) */
    TY_CHAT_ECHO_MESSAGES = 2  /* "you: text" before each message (a transcript) */
};

typedef struct ty_chat_opts {
    int64_t start;              /* Unix seconds the clock starts at (when has_start) */
    int has_start;              /* 0: TY_CHAT_EPOCH */
    const char *conversation;   /* the events' "conversation"; NULL: "chat-1" */
    size_t conversation_len;
    const char *channel;        /* the events' "channel"; NULL/empty: none */
    size_t channel_len;
    const ty_value *data;       /* every message's "data" (copied); NULL: none */
    int32_t utc_offset;         /* how the clock is shown, seconds east of UTC, within a day */
    int has_utc_offset;         /* 0: the playbook's utc_offset */
    int verbose;                /* 1: also schedules and metric events */
    int echo;                   /* TY_CHAT_ECHO_* */
    int is_default;             /* 1: the header says pb is the default playbook */
    int record;                 /* 1: keep what each feed did (ty_chat_log) */
    const ty_alloc *alloc;      /* NULL: libc */
} ty_chat_opts;

/* A new chat with pb (borrowed: it must outlive the chat); opts NULL: the
 * defaults. TY_E_ARG, TY_E_UTF8, TY_E_NOMEM. Free with ty_chat_free. */
TY_API ty_chat *ty_chat_new(const ty_playbook *pb, const ty_chat_opts *opts, ty_error *err);
/* Appends the greeting: "tinyyes chat with NAME", the virtual clock and
 * the commands, and a blank line. */
TY_API int ty_chat_header(ty_chat *chat, ty_buf *out, ty_error *err);
/* Handles one line of input (UTF-8; a trailing newline is dropped) and
 * appends what it prints to out. Returns 1 to go on, 0 when the chat
 * ends (/quit), or TY_E_UTF8 / TY_E_NOMEM (out as it was). */
TY_API int ty_chat_feed(ty_chat *chat, const char *line, size_t len, ty_buf *out, ty_error *err);
/* The conversation's state (borrowed until the next feed), NULL before the first step. */
TY_API const ty_value *ty_chat_state(const ty_chat *chat);
/* With opts->record, what the last feed did, in order (borrowed until the
 * next feed): a list of {"type": "step", "event", "result": the step's
 * result or null when it failed} and {"type": "wait", "at", "seconds",
 * "text": "4h later"}. NULL without record. */
TY_API const ty_value *ty_chat_log(const ty_chat *chat);
/* Releases the chat. Accepts NULL. */
TY_API void ty_chat_free(ty_chat *chat);
/* Seconds in "90s", "15m", "4h", "2d", "1h30m" or a bare number, as /wait
 * reads them (past INT64_MAX: INT64_MAX). TY_E_SYNTAX for anything else. */
TY_API int ty_duration_parse(const char *text, size_t len, int64_t *seconds, ty_error *err);

#ifdef __cplusplus
}
#endif
#endif /* TINYYES_H */
