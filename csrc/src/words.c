/*
 * words.c — the registry of what-the-bot-writes tables (words.h).
 */
#include "words.h"

#include <string.h>

const ty_words *ty_words_for(const char *code, size_t len) {
    static const ty_words *(*const tables[])(void) = {TY_WORDS_TABLES};
    size_t n = 0;
    while (code && n < len && code[n] != '-' && code[n] != '_') n++;
    for (size_t i = 0; n && i < sizeof tables / sizeof tables[0]; i++) {
        const ty_words *w = tables[i]();
        if (strlen(w->code) == n && memcmp(w->code, code, n) == 0) return w;
    }
    return ty_words_en();
}
