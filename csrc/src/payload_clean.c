/*
 * payload_clean.c — what a channel payload may carry (README.md, "What a
 * payload carries"). A send action's text is rendered from the playbook
 * and from what customers typed, so it can hold characters that no
 * message should: control codes that some apps show as boxes and others
 * act on, and the bidirectional embeddings, overrides and isolates that
 * reorder what a reader sees ("Trojan Source", CVE-2021-42574). The rule:
 *
 *  - removed from texts and titles: C0 controls except tab, line feed and
 *    carriage return; DEL; C1 controls (U+0080-U+009F); U+202A-U+202E and
 *    U+2066-U+2069. In a title (one line on every platform) tab, line feed
 *    and carriage return become a space. The result counts what was
 *    removed ("removed"), so nothing disappears unreported.
 *  - refused: a text or title that shows nothing once cleaned (only
 *    whitespace and invisible characters such as U+200B or U+FEFF), and an
 *    id that holds any of the removed characters or tab, line feed,
 *    carriage return, or shows nothing: ids come from the playbook, so a
 *    control character there is a mistake to report, not to hide.
 *
 * The bidi marks U+200E, U+200F and U+061C stay: they only hint at
 * direction and are what right-to-left text legitimately needs.
 */
#include "payload.h"

#include <utf8proc.h>

/* True when cp is removed from texts and titles (tab, LF and CR aside). */
static bool pc_removed(int32_t cp) {
    if (cp < 0x20) return cp != '\t' && cp != '\n' && cp != '\r';
    if (cp >= 0x7F && cp <= 0x9F) return true;
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* True when cp shows nothing by itself: a control, a space or line/paragraph
 * separator, a format character, or Unicode's Default_Ignorable_Code_Point
 * (fillers, variation selectors, U+034F), and U+2800 BRAILLE PATTERN BLANK. */
static bool pc_invisible(int32_t cp) {
    if (cp == 0x2800) return true;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    switch (p->category) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: return true;
    default: return p->ignorable != 0;
    }
}

/* See payload.h; reads s only, copies into a when something changes. */
const char *ty_text_clean(ty_arena *a, const char *s, size_t n, int mode, size_t *out_n, size_t *removed) {
    size_t drop = 0, spaces = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = ty_utf8_decode(s, n, i, &cp);
        if (pc_removed(cp)) drop++;
        else if (mode == TY_CLEAN_LINE && (cp == '\t' || cp == '\n' || cp == '\r')) spaces++;
        i += (size_t)k;
    }
    *removed = drop;
    *out_n = n;
    if (!drop && !spaces) return s;
    char *p = ty_arena_alloc(a, n + 1);
    if (!p) return NULL;
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = ty_utf8_decode(s, n, i, &cp);
        if (mode == TY_CLEAN_LINE && (cp == '\t' || cp == '\n' || cp == '\r')) p[w++] = ' ';
        else if (!pc_removed(cp)) {
            memcpy(p + w, s + i, (size_t)k);
            w += (size_t)k;
        }
        i += (size_t)k;
    }
    p[w] = '\0';
    *out_n = w;
    return p;
}

/* See payload.h. */
bool ty_text_blank(const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = ty_utf8_decode(s, n, i, &cp);
        if (!pc_invisible(cp)) return false;
        i += (size_t)k;
    }
    return true;
}

/* See payload.h. */
size_t ty_id_bad_char(const char *s, size_t n, int32_t *cp_out) {
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = ty_utf8_decode(s, n, i, &cp);
        if (cp < 0x20 || pc_removed(cp)) {
            *cp_out = cp;
            return i;
        }
        i += (size_t)k;
    }
    return n;
}
