/*
 * testutil.h — helpers shared by every C test executable: reading files,
 * locating the shared material and the vectors, the lighter mode under
 * valgrind, a fail-after-N allocator
 * that counts live allocations, and loading JSON files as ty_docs.
 * Linked into every tests/c/test_*.c binary; keep it generic.
 */
#ifndef TY_TESTUTIL_H
#define TY_TESTUTIL_H

#include "tinyyes.h"

#include <stddef.h>

/* Reads a whole file into a fresh malloc'd buffer (NUL-terminated, the NUL
 * not counted in *len). NULL when it cannot be read. Caller frees. */
char *ty_test_read_file(const char *path, size_t *len);

/* The shared material directory: $TINYYES_SHARED, else "../shared" when it
 * exists, else NULL (tests then print "SKIP: ../shared not found"). */
const char *ty_test_shared_dir(void);

/* The vectors directory: $TINYYES_VECTORS, else "tests/vectors". */
const char *ty_test_vectors_dir(void);

/* True when $TINYYES_VALGRIND is set and not "0" (make test-c-valgrind):
 * the tests' lighter mode. Loops that dominate under valgrind (allocation
 * failure at every site, big corpora, million-item streams) take fewer
 * rounds but still reach every code path, and timings are not asserted. */
int ty_test_lighter(void);

/* Joins dir and name with '/' into buf (cap bytes); returns buf. */
char *ty_test_path(char *buf, size_t cap, const char *dir, const char *name);

/* A fail-after-N allocator: each malloc/realloc first decrements
 * *countdown and fails once it was 0 (so *countdown = N lets N allocations
 * succeed); a negative *countdown never fails. The ty_alloc borrows
 * countdown. Every allocation made through any such allocator is counted
 * in ty_test_live_allocs() until freed, so a test can assert no leaks. */
ty_alloc ty_test_failing_alloc(long *countdown);

/* Allocations made through ty_test_failing_alloc allocators and not yet
 * freed (process-wide, thread-safe). */
long ty_test_live_allocs(void);

/* Parses JSON text into a doc (default limits); NULL with err set. */
ty_doc *ty_test_parse_json(const char *text, size_t len, ty_error *err);

/* Reads and parses a JSON file; NULL (err set, or code TY_E_NOTFOUND when
 * the file is unreadable). Caller frees with ty_doc_free. */
ty_doc *ty_test_load_json(const char *path, ty_error *err);

/* Map lookup by NUL-terminated key (NULL when absent or not a map). */
const ty_value *ty_test_get(const ty_value *map, const char *key);

/* A map's string member as a NUL-terminated pointer into the doc (NULL when
 * absent or not a string); *len (optional) receives its byte length. */
const char *ty_test_get_string(const ty_value *map, const char *key, size_t *len);

#endif /* TY_TESTUTIL_H */
