/*
 * payload.c — channel payloads (README.md): ty_payload turns a flow `send`
 * action into the request body each messaging platform expects, applying
 * that platform's limits from ONE table (pl_limits below, every figure
 * cited), its messaging window, and its escaping. The form for each channel
 * and every decision are documented at ty_payload in tinyyes.h.
 *
 * Cutting text: titles over a limit are cut at an extended grapheme cluster
 * boundary found with utf8proc_grapheme_break_stateful, so a cut never
 * lands inside a code point, an emoji ZWJ sequence, a flag or a base letter
 * with its combining marks; the cut is visible ("…") and the full title
 * goes back to the flow as the reply id. Bodies are never cut: losing the
 * end of a message would lose its ask.
 */
#include "payload.h"
#include "schema.h"
#include "template.h"

#include <utf8proc.h>

#include "lint.h"

/* ===================================================================== *
 * The limits
 * ===================================================================== */

#define PL_DAY 86400

/*
 * Sources (checked 2026; "characters" are counted as UTF-16 code units,
 * which is never less than what the platforms count):
 *  - WhatsApp Cloud API, "Interactive reply buttons messages" and
 *    "Interactive list messages" (developers.facebook.com/documentation/
 *    business-messaging/whatsapp/messages/...): at most 3 reply buttons,
 *    button title 20 characters (unique, not empty), button id 256
 *    characters, body text 1024 characters; a list has one button label of
 *    20 characters, body 4096, at most 10 rows over all sections, row title
 *    24, row id 200, row description 72. Text messages: body 4096
 *    characters ("Text messages", text.body). The customer service window:
 *    free-form messages only within 24 hours of the user's last message,
 *    otherwise a template message ("Customer service windows").
 *  - Messenger Platform, "Quick Replies" (developers.facebook.com/
 *    documentation/business-messaging/messenger-platform/send-messages/
 *    quick-replies): at most 13 quick replies, title 20 characters, payload
 *    1000 characters. Send API: message.text 2000 characters. "Messaging
 *    window": 24 hours standard messaging; the HUMAN_AGENT message tag lets
 *    a person reply within 7 days of the user's last message.
 *  - Instagram Messaging (Messenger Platform for Instagram, "Quick
 *    Replies"): at most 13, title 20 characters; text messages at most
 *    1000 bytes of UTF-8; the same 24-hour window and HUMAN_AGENT tag.
 *  - Telegram Bot API (core.telegram.org/bots/api): sendMessage text 1-4096
 *    characters after entities parsing; InlineKeyboardButton callback_data
 *    1-64 bytes. The API documents no limit for a button's label nor for
 *    the number of buttons; the server rejects keyboards over 100 buttons
 *    or about 10 KiB of reply_markup ("REPLY_MARKUP_TOO_LONG", recorded in
 *    tginfo/Telegram-Limits). Our own cap on a label is 64 characters
 *    (a phone shows far fewer). No messaging window for bots.
 *  - SMS, 3GPP TS 23.038 (the GSM 7-bit default alphabet and extension
 *    table) and TS 23.040 (concatenation header): 160 septets alone, 153
 *    per part; UCS-2: 70 units alone, 67 per part.
 *  - Web chat is our own widget: no platform limit (TY_PAYLOAD_MAX_TEXT
 *    and TY_PAYLOAD_MAX_CHOICES apply to every channel).
 */
static const ty_channel_limits pl_limits[TY_PB_CHANNEL_COUNT] = {
    [TY_PB_CHANNEL_WHATSAPP] = {.name = "whatsapp",
                                .label = "WhatsApp",
                                .text_max = 4096,
                                .text_unit = TY_UNIT_UTF16,
                                .buttons_text_max = 1024,
                                .buttons_max = 3,
                                .button_title_max = 20,
                                .button_id_max = 256,
                                .button_id_unit = TY_UNIT_UTF16,
                                .list_text_max = 4096,
                                .list_rows_max = 10,
                                .list_row_title_max = 24,
                                .list_row_id_max = 200,
                                .list_row_desc_max = 72,
                                .list_button_max = 20,
                                .window = PL_DAY},
    [TY_PB_CHANNEL_MESSENGER] = {.name = "messenger",
                                 .label = "Messenger",
                                 .text_max = 2000,
                                 .text_unit = TY_UNIT_UTF16,
                                 .buttons_text_max = 2000,
                                 .buttons_max = 13,
                                 .button_title_max = 20,
                                 .button_id_max = 1000,
                                 .button_id_unit = TY_UNIT_UTF16,
                                 .window = PL_DAY,
                                 .agent_window = 7 * PL_DAY},
    [TY_PB_CHANNEL_INSTAGRAM] = {.name = "instagram",
                                 .label = "Instagram",
                                 .text_max = 1000,
                                 .text_unit = TY_UNIT_BYTES,
                                 .buttons_text_max = 1000,
                                 .buttons_max = 13,
                                 .button_title_max = 20,
                                 .button_id_max = 1000,
                                 .button_id_unit = TY_UNIT_UTF16,
                                 .window = PL_DAY,
                                 .agent_window = 7 * PL_DAY},
    [TY_PB_CHANNEL_TELEGRAM] = {.name = "telegram",
                                .label = "Telegram",
                                .text_max = 4096,
                                .text_unit = TY_UNIT_UTF16,
                                .buttons_text_max = 4096,
                                .buttons_max = 100,
                                .button_title_max = 64,
                                .button_id_max = 64,
                                .button_id_unit = TY_UNIT_BYTES,
                                .markup_max = 10240},
    [TY_PB_CHANNEL_WEBCHAT] = {.name = "webchat", .label = "web chat"},
    [TY_PB_CHANNEL_SMS] = {.name = "sms",
                           .label = "SMS",
                           .sms_gsm_single = 160,
                           .sms_gsm_part = 153,
                           .sms_ucs2_single = 70,
                           .sms_ucs2_part = 67},
};

/* The row for a channel; NULL when out of range. */
const ty_channel_limits *ty_channel_limits_of(int channel) {
    return channel >= 0 && channel < TY_PB_CHANNEL_COUNT ? &pl_limits[channel] : NULL;
}

/* ===================================================================== *
 * Measuring and cutting
 * ===================================================================== */

size_t ty_text_units(const char *s, size_t n, int unit) {
    if (unit == TY_UNIT_BYTES) return n;
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if ((b & 0xC0) != 0x80) u += b >= 0xF0 ? 2 : 1; /* 4-byte sequences are surrogate pairs */
    }
    return u;
}

/* See payload.h: walks the boundaries utf8proc reports, keeps the last that fits. */
size_t ty_grapheme_prefix(const char *s, size_t n, size_t max, int unit) {
    size_t i = 0, best = 0, used = 0;
    int32_t prev = -1;
    utf8proc_int32_t state = 0;
    while (i < n) {
        int32_t cp;
        int k = ty_utf8_decode(s, n, i, &cp);
        if (prev < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state)) best = i;
        used += unit == TY_UNIT_BYTES ? (size_t)k : (cp >= 0x10000 ? 2u : 1u);
        if (used > max) return best;
        prev = cp;
        i += (size_t)k;
    }
    return n;
}

/* GSM 03.38: the non-ASCII characters of the basic set, sorted. */
static const uint16_t pl_gsm_basic[] = {
    0x00A1, 0x00A3, 0x00A4, 0x00A5, 0x00A7, 0x00BF, 0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C9, 0x00D1, 0x00D6,
    0x00D8, 0x00DC, 0x00DF, 0x00E0, 0x00E4, 0x00E5, 0x00E6, 0x00E8, 0x00E9, 0x00EC, 0x00F1, 0x00F2, 0x00F6,
    0x00F8, 0x00F9, 0x00FC, 0x0393, 0x0394, 0x0398, 0x039B, 0x039E, 0x03A0, 0x03A3, 0x03A6, 0x03A8, 0x03A9,
};

/* Septets of one code point in GSM-7: 1 (basic), 2 (extension table, sent
 * as ESC + char), 0 (not representable). */
static int pl_gsm_septets(int32_t cp) {
    if (cp < 0x80) {
        if (cp == '\n' || cp == '\r') return 1;
        if (cp == '\f') return 2;
        if (cp < 0x20 || cp == 0x7F || cp == '`') return 0;
        switch (cp) {
        case '^': case '{': case '}': case '\\': case '[': case '~': case ']': case '|': return 2;
        default: return 1;
        }
    }
    if (cp == 0x20AC) return 2; /* € */
    size_t lo = 0, hi = sizeof pl_gsm_basic / sizeof pl_gsm_basic[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (pl_gsm_basic[mid] < cp) lo = mid + 1;
        else hi = mid;
    }
    return lo < sizeof pl_gsm_basic / sizeof pl_gsm_basic[0] && pl_gsm_basic[lo] == cp ? 1 : 0;
}

/* See payload.h; fills *out, allocates nothing. */
void ty_sms_measure(const char *s, size_t n, ty_sms_info *out) {
    const ty_channel_limits *L = &pl_limits[TY_PB_CHANNEL_SMS];
    memset(out, 0, sizeof *out);
    out->gsm = true;
    size_t septets = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = ty_utf8_decode(s, n, i, &cp);
        int w = pl_gsm_septets(cp);
        if (!w) {
            out->gsm = false;
            out->first_ucs2 = i;
            break;
        }
        septets += (size_t)w;
        i += (size_t)k;
    }
    size_t total = out->gsm ? septets : ty_text_units(s, n, TY_UNIT_UTF16);
    size_t single = out->gsm ? L->sms_gsm_single : L->sms_ucs2_single;
    size_t part = out->gsm ? L->sms_gsm_part : L->sms_ucs2_part;
    out->units = total;
    if (total == 0) return;
    if (total <= single) {
        out->segments = 1;
        return;
    }
    /* Parts fill up to `part` units; a two-unit character (an escape pair,
     * a surrogate pair) never straddles two parts. */
    size_t seg = 1, cur = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int k = ty_utf8_decode(s, n, i, &cp);
        size_t w = out->gsm ? (size_t)pl_gsm_septets(cp) : (cp >= 0x10000 ? 2u : 1u);
        if (cur + w > part) {
            seg++;
            cur = 0;
        }
        cur += w;
        i += (size_t)k;
    }
    out->segments = seg;
}

/* ===================================================================== *
 * The action
 * ===================================================================== */

typedef struct pl_choice {
    const char *id; /* the option id */
    size_t id_len;
    const char *title; /* trimmed */
    size_t title_len;
    const char *shown; /* the title as shown (cut when needed) */
    size_t shown_len;
    bool cut;
    const char *reply; /* what the platform sends back */
    size_t reply_len;
} pl_choice;

typedef struct pl_cx {
    const ty_payload_opts *o;
    ty_error *err;
    int channel;
    const ty_channel_limits *L;
    const ty_lint_locale *words;
    ty_doc *d;
    int rc; /* first failure while building (TY_E_NOMEM) */
    const char *text;
    size_t text_len;
    pl_choice *ch;
    size_t n;
    size_t removed; /* code points payload_clean.c took out of texts and titles */
    ty_buf buf;
    const ty_value *wa_template; /* the action's "whatsapp_template", or NULL */
} pl_cx;

static int pl_fail(pl_cx *c, int code, const char *path, const char *fmt, ...) TY_PRINTF(4, 5);

/* Sets err (domain none) with `path: message` through sc_failv; owns
 * nothing. */
static int pl_fail(pl_cx *c, int code, const char *path, const char *fmt, ...) {
    sc_path p;
    sc_path_init(&p, path);
    va_list ap;
    va_start(ap, fmt);
    int rc = sc_failv(&p, c->err, TY_DOMAIN_NONE, code, fmt, ap);
    va_end(ap);
    return rc;
}

/* True when a[0..an) is the literal. */
static bool pl_eq(const char *a, size_t an, const char *lit) {
    size_t n = strlen(lit);
    return an == n && memcmp(a, lit, n) == 0;
}

/* A text field: a string of valid UTF-8 without NUL. */
static int pl_text_field(pl_cx *c, const ty_value *v, const char *path, const char **s, size_t *n) {
    if (ty_value_kind(v) != TY_STRING) return pl_fail(c, TY_E_SCHEMA, path, v ? "must be a string" : "missing");
    *s = ty_value_string(v, n);
    size_t bad;
    if (ty_utf8_check(*s, *n, &bad)) {
        int rc = pl_fail(c, TY_E_UTF8, path, "is not valid UTF-8 (byte %zu)", bad);
        if (c->err) c->err->offset = bad;
        return rc;
    }
    if (memchr(*s, 0, *n)) return pl_fail(c, TY_E_NUL, path, "contains a NUL byte");
    return TY_OK;
}

/* Narrows s to its text without surrounding ASCII whitespace. */
static void pl_trim(const char **s, size_t *n) {
    while (*n && ty_is_space((unsigned char)(*s)[0])) {
        (*s)++;
        (*n)--;
    }
    while (*n && ty_is_space((unsigned char)(*s)[*n - 1])) (*n)--;
}

/* Replaces s[0..*n) with its ty_text_clean copy (mode TY_CLEAN_*) and
 * counts what was removed. */
static int pl_clean(pl_cx *c, const char **s, size_t *n, int mode) {
    size_t removed;
    const char *t = ty_text_clean(ty_doc_arena(c->d), *s, *n, mode, n, &removed);
    if (!t) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    *s = t;
    c->removed += removed;
    return TY_OK;
}

/* Refuses s[0..n) when, trimmed, it is empty or shows nothing. */
static int pl_shows(pl_cx *c, const char *path, const char *s, size_t n, const char *why) {
    pl_trim(&s, &n);
    if (!n) return pl_fail(c, TY_E_SCHEMA, path, "is empty (%s)", why);
    if (ty_text_blank(s, n))
        return pl_fail(c, TY_E_SCHEMA, path, "shows nothing: only spaces or invisible characters (%s)", why);
    return TY_OK;
}

/* A choice id: trimmed, plain text (no control or bidi character), not blank. */
static int pl_choice_id(pl_cx *c, const char *path, const char **s, size_t *n) {
    pl_trim(s, n);
    if (!*n) return pl_fail(c, TY_E_SCHEMA, path, "is empty");
    int32_t cp;
    size_t at = ty_id_bad_char(*s, *n, &cp);
    if (at < *n)
        return pl_fail(c, TY_E_SCHEMA, path, "holds U+%04X, a control or bidi formatting character, at byte %zu (ids are plain text)",
                       (unsigned)cp, at);
    if (ty_text_blank(*s, *n)) return pl_fail(c, TY_E_SCHEMA, path, "shows nothing: only spaces or invisible characters");
    return TY_OK;
}

/* Validates the action's "whatsapp_template" (absent or null: none): the
 * approved template step() names for this message, {"name", "language",
 * "parameters": [text...]}. Parameters are cleaned as one line each. */
static int pl_read_wa_template(pl_cx *c, const ty_value *w) {
    if (!w || ty_value_kind(w) == TY_NULL) return TY_OK;
    if (ty_value_kind(w) != TY_MAP)
        return pl_fail(c, TY_E_SCHEMA, "action.whatsapp_template", "must be an object {\"name\", \"language\", \"parameters\"}");
    size_t n;
    static const char *const keys[] = {"name", "language"};
    for (int i = 0; i < 2; i++) {
        char path[48];
        snprintf(path, sizeof path, "action.whatsapp_template.%s", keys[i]);
        const char *s = ty_value_string(ty_value_get(w, keys[i], strlen(keys[i])), &n);
        if (!s || !n || n > 512) return pl_fail(c, TY_E_SCHEMA, path, "must be a string of 1 to 512 bytes");
    }
    const ty_value *ps = ty_value_get(w, "parameters", 10);
    if (ps && (ty_value_kind(ps) != TY_LIST || ty_value_count(ps) > 100))
        return pl_fail(c, TY_E_SCHEMA, "action.whatsapp_template.parameters", "must be a list of texts");
    for (size_t i = 0; ps && i < ty_value_count(ps); i++) {
        char path[64];
        snprintf(path, sizeof path, "action.whatsapp_template.parameters[%zu]", i);
        if (ty_value_kind(ty_value_item(ps, i)) != TY_STRING) return pl_fail(c, TY_E_SCHEMA, path, "must be a string");
    }
    c->wa_template = w;
    return TY_OK;
}

/* Validates the send action into c (text, choices in the doc arena). */
static int pl_read_action(pl_cx *c, const ty_value *a) {
    if (ty_value_kind(a) != TY_MAP) return pl_fail(c, TY_E_SCHEMA, "action", "must be an object (a send action)");
    size_t n;
    const char *type = ty_value_string(ty_value_get(a, "type", 4), &n);
    if (!type || !pl_eq(type, n, "send"))
        return pl_fail(c, TY_E_SCHEMA, "action.type", "must be \"send\" (only send actions become messages)");
    int rc = pl_text_field(c, ty_value_get(a, "text", 4), "action.text", &c->text, &c->text_len);
    if (rc) return rc;
    if (c->text_len > TY_PAYLOAD_MAX_TEXT)
        return pl_fail(c, TY_E_LIMIT, "action.text", "is %zu bytes, over the limit of %u", c->text_len,
                       TY_PAYLOAD_MAX_TEXT);
    if ((rc = pl_clean(c, &c->text, &c->text_len, TY_CLEAN_TEXT))) return rc;
    if ((rc = pl_shows(c, "action.text", c->text, c->text_len, "the platforms reject empty messages"))) return rc;
    if ((rc = pl_read_wa_template(c, ty_value_get(a, "whatsapp_template", 17)))) return rc;
    const ty_value *list = ty_value_get(a, "choices", 7);
    if (!list || ty_value_kind(list) == TY_NULL) return TY_OK;
    if (ty_value_kind(list) != TY_LIST) return pl_fail(c, TY_E_SCHEMA, "action.choices", "must be a list");
    c->n = ty_value_count(list);
    if (c->n > TY_PAYLOAD_MAX_CHOICES)
        return pl_fail(c, TY_E_LIMIT, "action.choices", "%zu choices, over the limit of %u", c->n,
                       TY_PAYLOAD_MAX_CHOICES);
    if (!c->n) return TY_OK;
    c->ch = ty_arena_alloc(ty_doc_arena(c->d), c->n * sizeof *c->ch);
    if (!c->ch) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    memset(c->ch, 0, c->n * sizeof *c->ch);
    for (size_t i = 0; i < c->n; i++) {
        const ty_value *e = ty_value_item(list, i);
        char path[64];
        snprintf(path, sizeof path, "action.choices[%zu]", i);
        if (ty_value_kind(e) != TY_MAP) return pl_fail(c, TY_E_SCHEMA, path, "must be an object {\"id\", \"title\"}");
        pl_choice *ch = &c->ch[i];
        snprintf(path, sizeof path, "action.choices[%zu].id", i);
        if ((rc = pl_text_field(c, ty_value_get(e, "id", 2), path, &ch->id, &ch->id_len))) return rc;
        if ((rc = pl_choice_id(c, path, &ch->id, &ch->id_len))) return rc;
        snprintf(path, sizeof path, "action.choices[%zu].title", i);
        if ((rc = pl_text_field(c, ty_value_get(e, "title", 5), path, &ch->title, &ch->title_len))) return rc;
        if ((rc = pl_clean(c, &ch->title, &ch->title_len, TY_CLEAN_LINE))) return rc;
        pl_trim(&ch->title, &ch->title_len);
        if ((rc = pl_shows(c, path, ch->title, ch->title_len, "a button needs a title"))) return rc;
    }
    return TY_OK;
}

/* ===================================================================== *
 * Building values
 * ===================================================================== */

/* A string value in c->d; NULL with c->rc = TY_E_NOMEM on failure (the
 * setters below then do nothing, so building code needs no checks). */
static ty_value *pl_str(pl_cx *c, const char *s, size_t n) {
    ty_value *v = ty_val_string(c->d, s, n);
    if (!v) c->rc = TY_E_NOMEM;
    return v;
}

static ty_value *pl_lit(pl_cx *c, const char *s) { return pl_str(c, s, strlen(s)); }

/* Constructors and setters that record OOM in c->rc (see pl_str). */
static ty_value *pl_map(pl_cx *c) {
    ty_value *v = ty_val_map(c->d);
    if (!v) c->rc = TY_E_NOMEM;
    return v;
}

static ty_value *pl_list(pl_cx *c) {
    ty_value *v = ty_val_list(c->d);
    if (!v) c->rc = TY_E_NOMEM;
    return v;
}

static void pl_put(pl_cx *c, ty_value *map, const char *key, ty_value *v) {
    if (c->rc) return;
    if (!map || !v || ty_map_put(c->d, map, key, strlen(key), v)) c->rc = TY_E_NOMEM;
}

static void pl_push(pl_cx *c, ty_value *list, ty_value *v) {
    if (c->rc) return;
    if (!list || !v || ty_list_push(c->d, list, v)) c->rc = TY_E_NOMEM;
}

/* s cut to `max` units (0: no limit) with "…" when it is longer; the cut
 * copy lives in the doc's arena. */
static const char *pl_cut(pl_cx *c, const char *s, size_t n, size_t max, int unit, size_t *out_n, bool *cut) {
    *out_n = n;
    if (cut) *cut = false;
    if (!max || ty_text_units(s, n, unit) <= max) return s;
    size_t ell = unit == TY_UNIT_BYTES ? 3 : 1;
    size_t k = max > ell ? ty_grapheme_prefix(s, n, max - ell, unit) : 0;
    while (k > 0 && ty_is_space((unsigned char)s[k - 1])) k--;
    char *p = ty_arena_alloc(ty_doc_arena(c->d), k + 4);
    if (!p) {
        c->rc = TY_E_NOMEM;
        return s;
    }
    memcpy(p, s, k);
    memcpy(p + k, "\xE2\x80\xA6", 3);
    p[k + 3] = '\0';
    *out_n = k + 3;
    if (cut) *cut = true;
    return p;
}

/* Prepares titles and reply ids for a form with these limits. The reply id
 * is the choice's id (ids on the way out, ids on the way in: ty_inbound
 * hands it back as the event's "choice"), else, when the id is too long
 * for the form, the full title, which the flow reads as text. False when
 * the form cannot carry the choices faithfully: a reply id that fits
 * neither way, or two choices whose shown titles or reply ids are the same. */
static bool pl_fit_choices(pl_cx *c, size_t title_max, size_t id_max, int id_unit) {
    for (size_t i = 0; i < c->n; i++) {
        pl_choice *ch = &c->ch[i];
        ch->shown = pl_cut(c, ch->title, ch->title_len, title_max, TY_UNIT_UTF16, &ch->shown_len, &ch->cut);
        if (!id_max || ty_text_units(ch->id, ch->id_len, id_unit) <= id_max) {
            ch->reply = ch->id;
            ch->reply_len = ch->id_len;
        } else if (ty_text_units(ch->title, ch->title_len, id_unit) <= id_max) {
            ch->reply = ch->title;
            ch->reply_len = ch->title_len;
        } else {
            return false;
        }
    }
    for (size_t i = 0; i < c->n; i++)
        for (size_t j = 0; j < i; j++) {
            const pl_choice *a = &c->ch[i], *b = &c->ch[j];
            if ((a->shown_len == b->shown_len && memcmp(a->shown, b->shown, a->shown_len) == 0) ||
                (a->reply_len == b->reply_len && memcmp(a->reply, b->reply, a->reply_len) == 0))
                return false;
        }
    return !c->rc;
}

/* The letter of choice i as the flow writes it: A..Z, then 27, 28, ... */
static size_t pl_letter(size_t i, char out[24]) {
    if (i < 26) {
        out[0] = (char)('A' + i);
        out[1] = '\0';
        return 1;
    }
    return (size_t)snprintf(out, 24, "%zu", i + 1);
}

/* The text followed by "\n\n1) title\n2) title..." in c->buf. */
static int pl_numbered(pl_cx *c) {
    c->buf.len = 0;
    int rc = ty_buf_append(&c->buf, c->text, c->text_len);
    if (!rc) rc = ty_buf_puts(&c->buf, "\n");
    for (size_t i = 0; !rc && i < c->n; i++) {
        char num[24];
        int k = snprintf(num, sizeof num, "\n%zu) ", i + 1);
        rc = ty_buf_append(&c->buf, num, (size_t)k);
        if (!rc) rc = ty_buf_append(&c->buf, c->ch[i].title, c->ch[i].title_len);
    }
    return rc;
}

/* Replaces b's contents with s escaped for web chat HTML, Telegram HTML or
 * Telegram MarkdownV2: the template engine's own escape modes. */
enum { PL_ESC_HTML = TY_ESCAPE_HTML, PL_ESC_TG_HTML = TY_ESCAPE_TELEGRAM_HTML, PL_ESC_TG_MD = TY_ESCAPE_TELEGRAM_MD };

static int pl_escape(ty_buf *b, const char *s, size_t n, int mode) {
    b->len = 0;
    return ty_escape_append(b, s, n, mode);
}

/* Body check: the text over `max` units is TY_E_LIMIT naming the form. */
static int pl_body_limit(pl_cx *c, const char *s, size_t n, size_t max, int unit, const char *what) {
    size_t u = ty_text_units(s, n, unit);
    if (max && u > max)
        return pl_fail(c, TY_E_LIMIT, "action.text", "%zu %s; %s takes at most %zu", u,
                       unit == TY_UNIT_BYTES ? "bytes" : "characters", what, max);
    return TY_OK;
}

/* WhatsApp's template message for a closed window: the approved template
 * and its body parameters, each one line (WhatsApp refuses newlines, tabs
 * and long runs of spaces in a parameter). False when a parameter shows
 * nothing once cleaned: the template cannot be sent as it is. */
static bool pl_whatsapp_template(pl_cx *c, ty_value *p) {
    const ty_value *w = c->wa_template, *ps = ty_value_get(w, "parameters", 10);
    size_t n, ln;
    const char *name = ty_value_string(ty_value_get(w, "name", 4), &n);
    const char *lang = ty_value_string(ty_value_get(w, "language", 8), &ln);
    ty_value *params = pl_list(c);
    for (size_t i = 0; i < ty_value_count(ps); i++) {
        size_t pn;
        const char *s = ty_value_string(ty_value_item(ps, i), &pn);
        char *one = ty_arena_alloc(ty_doc_arena(c->d), pn + 1);
        if (!one) {
            c->rc = TY_E_NOMEM;
            return true;
        }
        size_t k = 0;
        for (size_t j = 0; j < pn; j++) { /* newlines and tabs become spaces, runs of spaces one */
            char ch = s[j] == '\n' || s[j] == '\r' || s[j] == '\t' ? ' ' : s[j];
            if (ch == ' ' && (k == 0 || one[k - 1] == ' ')) continue;
            one[k++] = ch;
        }
        while (k && one[k - 1] == ' ') k--;
        if (!k) return false;
        const char *t = one;
        size_t tn = k;
        if (pl_clean(c, &t, &tn, TY_CLEAN_LINE) || ty_text_blank(t, tn)) return false;
        ty_value *pm = pl_map(c);
        pl_put(c, pm, "type", pl_lit(c, "text"));
        pl_put(c, pm, "text", pl_str(c, t, tn));
        pl_push(c, params, pm);
    }
    ty_value *tpl = pl_map(c), *language = pl_map(c);
    pl_put(c, p, "messaging_product", pl_lit(c, "whatsapp"));
    pl_put(c, p, "recipient_type", pl_lit(c, "individual"));
    if (c->o->to) pl_put(c, p, "to", pl_str(c, c->o->to, c->o->to_len));
    pl_put(c, p, "type", pl_lit(c, "template"));
    pl_put(c, tpl, "name", pl_str(c, name, n));
    pl_put(c, language, "code", pl_str(c, lang, ln));
    pl_put(c, tpl, "language", language);
    if (ty_value_count(ps)) {
        ty_value *comps = pl_list(c), *body = pl_map(c);
        pl_put(c, body, "type", pl_lit(c, "body"));
        pl_put(c, body, "parameters", params);
        pl_push(c, comps, body);
        pl_put(c, tpl, "components", comps);
    }
    pl_put(c, p, "template", tpl);
    return true;
}

/* ===================================================================== *
 * The channels
 * ===================================================================== */

static int pl_whatsapp(pl_cx *c, ty_value *p) {
    const ty_channel_limits *L = c->L;
    pl_put(c, p, "messaging_product", pl_lit(c, "whatsapp"));
    pl_put(c, p, "recipient_type", pl_lit(c, "individual"));
    if (c->o->to) pl_put(c, p, "to", pl_str(c, c->o->to, c->o->to_len));
    size_t units = ty_text_units(c->text, c->text_len, TY_UNIT_UTF16);
    if (c->n && c->n <= L->buttons_max && units <= L->buttons_text_max &&
        pl_fit_choices(c, L->button_title_max, L->button_id_max, L->button_id_unit)) {
        ty_value *in = pl_map(c), *body = pl_map(c), *action = pl_map(c), *buttons = pl_list(c);
        pl_put(c, p, "type", pl_lit(c, "interactive"));
        pl_put(c, in, "type", pl_lit(c, "button"));
        pl_put(c, body, "text", pl_str(c, c->text, c->text_len));
        pl_put(c, in, "body", body);
        for (size_t i = 0; i < c->n; i++) {
            ty_value *b = pl_map(c), *r = pl_map(c);
            pl_put(c, b, "type", pl_lit(c, "reply"));
            pl_put(c, r, "id", pl_str(c, c->ch[i].reply, c->ch[i].reply_len));
            pl_put(c, r, "title", pl_str(c, c->ch[i].shown, c->ch[i].shown_len));
            pl_put(c, b, "reply", r);
            pl_push(c, buttons, b);
        }
        pl_put(c, action, "buttons", buttons);
        pl_put(c, in, "action", action);
        pl_put(c, p, "interactive", in);
        return c->rc;
    }
    if (c->n && c->n <= L->list_rows_max && units <= L->list_text_max &&
        pl_fit_choices(c, L->list_row_title_max, L->list_row_id_max, L->button_id_unit)) {
        ty_value *in = pl_map(c), *body = pl_map(c), *action = pl_map(c), *sections = pl_list(c),
                 *section = pl_map(c), *rows = pl_list(c);
        pl_put(c, p, "type", pl_lit(c, "interactive"));
        pl_put(c, in, "type", pl_lit(c, "list"));
        pl_put(c, body, "text", pl_str(c, c->text, c->text_len));
        pl_put(c, in, "body", body);
        size_t bn;
        const char *button = pl_cut(c, c->words->list_button, strlen(c->words->list_button), L->list_button_max,
                                    TY_UNIT_UTF16, &bn, NULL);
        pl_put(c, action, "button", pl_str(c, button, bn));
        for (size_t i = 0; i < c->n; i++) {
            const pl_choice *ch = &c->ch[i];
            ty_value *r = pl_map(c);
            pl_put(c, r, "id", pl_str(c, ch->reply, ch->reply_len));
            pl_put(c, r, "title", pl_str(c, ch->shown, ch->shown_len));
            if (ch->cut) { /* the description shows what the title could not */
                size_t dn;
                const char *desc = pl_cut(c, ch->title, ch->title_len, L->list_row_desc_max, TY_UNIT_UTF16, &dn, NULL);
                pl_put(c, r, "description", pl_str(c, desc, dn));
            }
            pl_push(c, rows, r);
        }
        pl_put(c, section, "rows", rows);
        pl_push(c, sections, section);
        pl_put(c, action, "sections", sections);
        pl_put(c, in, "action", action);
        pl_put(c, p, "interactive", in);
        return c->rc;
    }
    const char *body = c->text;
    size_t bn = c->text_len;
    if (c->n) {
        if (pl_numbered(c)) return TY_E_NOMEM;
        body = c->buf.ptr;
        bn = c->buf.len;
    }
    int rc = pl_body_limit(c, body, bn, L->text_max, L->text_unit,
                           c->n ? "a WhatsApp text message (with the numbered choices)" : "a WhatsApp text message");
    if (rc) return rc;
    ty_value *t = pl_map(c);
    pl_put(c, p, "type", pl_lit(c, "text"));
    pl_put(c, t, "body", pl_str(c, body, bn));
    pl_put(c, p, "text", t);
    return c->rc;
}

/* Messenger and Instagram share the Send API shape. `tagged`: sent by a
 * person past the 24 h window, with the HUMAN_AGENT tag. */
static int pl_meta(pl_cx *c, ty_value *p, bool tagged) {
    const ty_channel_limits *L = c->L;
    const char *label = c->channel == TY_PB_CHANNEL_MESSENGER ? "a Messenger message" : "an Instagram message";
    if (c->o->to) {
        ty_value *r = pl_map(c);
        pl_put(c, r, "id", pl_str(c, c->o->to, c->o->to_len));
        pl_put(c, p, "recipient", r);
    }
    pl_put(c, p, "messaging_type", pl_lit(c, tagged ? "MESSAGE_TAG" : "RESPONSE"));
    if (tagged) pl_put(c, p, "tag", pl_lit(c, "HUMAN_AGENT"));
    ty_value *msg = pl_map(c);
    if (c->n && c->n <= L->buttons_max && ty_text_units(c->text, c->text_len, L->text_unit) <= L->buttons_text_max &&
        pl_fit_choices(c, L->button_title_max, L->button_id_max, L->button_id_unit)) {
        ty_value *qr = pl_list(c);
        pl_put(c, msg, "text", pl_str(c, c->text, c->text_len));
        for (size_t i = 0; i < c->n; i++) {
            ty_value *q = pl_map(c);
            pl_put(c, q, "content_type", pl_lit(c, "text"));
            pl_put(c, q, "title", pl_str(c, c->ch[i].shown, c->ch[i].shown_len));
            pl_put(c, q, "payload", pl_str(c, c->ch[i].reply, c->ch[i].reply_len));
            pl_push(c, qr, q);
        }
        pl_put(c, msg, "quick_replies", qr);
    } else {
        const char *body = c->text;
        size_t bn = c->text_len;
        if (c->n) {
            if (pl_numbered(c)) return TY_E_NOMEM;
            body = c->buf.ptr;
            bn = c->buf.len;
        }
        int rc = pl_body_limit(c, body, bn, L->text_max, L->text_unit, label);
        if (rc) return rc;
        pl_put(c, msg, "text", pl_str(c, body, bn));
    }
    pl_put(c, p, "message", msg);
    return c->rc;
}

/* Telegram sendMessage: keyboard when it fits, escaped text. */
static int pl_telegram(pl_cx *c, ty_value *p) {
    const ty_channel_limits *L = c->L;
    int mode = c->o->parse_mode;
    if (c->o->to) pl_put(c, p, "chat_id", pl_str(c, c->o->to, c->o->to_len));
    ty_value *markup = NULL;
    if (c->n && c->n <= L->buttons_max &&
        pl_fit_choices(c, L->button_title_max, L->button_id_max, L->button_id_unit)) {
        ty_value *rows = pl_list(c);
        markup = pl_map(c);
        for (size_t i = 0; i < c->n; i++) {
            ty_value *row = pl_list(c), *b = pl_map(c);
            pl_put(c, b, "text", pl_str(c, c->ch[i].shown, c->ch[i].shown_len));
            pl_put(c, b, "callback_data", pl_str(c, c->ch[i].reply, c->ch[i].reply_len));
            pl_push(c, row, b);
            pl_push(c, rows, row);
        }
        pl_put(c, markup, "inline_keyboard", rows);
        if (c->rc) return c->rc;
        c->buf.len = 0;
        int rc = ty_value_write_json(markup, &c->buf, NULL);
        if (rc) return TY_E_NOMEM;
        if (c->buf.len > L->markup_max) markup = NULL; /* too big for Telegram: numbered text */
    }
    const char *raw = c->text;
    size_t rn = c->text_len;
    if (c->n && !markup) {
        if (pl_numbered(c)) return TY_E_NOMEM;
        raw = c->buf.ptr;
        rn = c->buf.len;
    }
    int rc = pl_body_limit(c, raw, rn, L->text_max, L->text_unit, "a Telegram message");
    if (rc) return rc;
    if (mode != TY_PARSE_MODE_NONE) {
        /* a second buffer: raw may live in c->buf */
        ty_buf esc;
        ty_buf_init(&esc, c->o->alloc);
        rc = pl_escape(&esc, raw, rn, mode == TY_PARSE_MODE_HTML ? PL_ESC_TG_HTML : PL_ESC_TG_MD);
        if (!rc) pl_put(c, p, "text", pl_str(c, esc.ptr, esc.len));
        ty_buf_free(&esc);
        if (rc) return TY_E_NOMEM;
        pl_put(c, p, "parse_mode", pl_lit(c, mode == TY_PARSE_MODE_HTML ? "HTML" : "MarkdownV2"));
    } else {
        pl_put(c, p, "text", pl_str(c, raw, rn));
    }
    if (markup) pl_put(c, p, "reply_markup", markup);
    return c->rc;
}

/* Puts key: s HTML-escaped into map (c->buf is the scratch). */
static int pl_put_html(pl_cx *c, ty_value *map, const char *key, const char *s, size_t n) {
    if (pl_escape(&c->buf, s, n, PL_ESC_HTML)) return TY_E_NOMEM;
    pl_put(c, map, key, pl_str(c, c->buf.ptr ? c->buf.ptr : "", c->buf.len));
    return TY_OK;
}

/* Web chat: every string HTML-escaped (text, and each button's id and
 * title), ready for HTML text or a quoted attribute. The widget posts the
 * id back as "choice" (ty_inbound). */
static int pl_webchat(pl_cx *c, ty_value *p) {
    if (pl_put_html(c, p, "text", c->text, c->text_len)) return TY_E_NOMEM;
    ty_value *buttons = pl_list(c);
    for (size_t i = 0; i < c->n; i++) {
        ty_value *b = pl_map(c);
        if (pl_put_html(c, b, "id", c->ch[i].id, c->ch[i].id_len)) return TY_E_NOMEM;
        if (pl_put_html(c, b, "title", c->ch[i].title, c->ch[i].title_len)) return TY_E_NOMEM;
        pl_push(c, buttons, b);
    }
    pl_put(c, p, "buttons", buttons);
    if (c->o->whatsapp_link && pl_put_html(c, p, "whatsapp_link", c->o->whatsapp_link, c->o->whatsapp_link_len))
        return TY_E_NOMEM;
    return c->rc;
}

/* True when text shows `marker` ("A)") not glued to a word before it. */
static bool pl_has_marker(const char *s, size_t n, const char *marker, size_t m) {
    for (size_t i = 0; i + m <= n; i++) {
        if (memcmp(s + i, marker, m) != 0) continue;
        if (i == 0) return true;
        unsigned char b = (unsigned char)s[i - 1];
        if (!ty_is_alpha(b) && !ty_is_digit(b)) return true;
    }
    return false;
}

/* SMS: the text and its reply line; *info measures the body. */
static int pl_sms(pl_cx *c, ty_value *p, ty_sms_info *info) {
    c->buf.len = 0;
    int rc = ty_buf_append(&c->buf, c->text, c->text_len);
    bool shown = c->n > 0;
    for (size_t i = 0; shown && i < c->n; i++) {
        char mk[26];
        size_t k = pl_letter(i, mk);
        mk[k++] = ')';
        shown = pl_has_marker(c->text, c->text_len, mk, k);
    }
    if (c->n && !shown) {
        if (!rc) rc = ty_buf_putc(&c->buf, '\n');
        if (!rc) rc = ty_buf_puts(&c->buf, c->words->reply);
        for (size_t i = 0; !rc && i < c->n; i++) {
            char mk[26];
            size_t k = pl_letter(i, mk);
            mk[k++] = ')';
            if (i == 0) {
                rc = ty_buf_putc(&c->buf, ' ');
            } else if (i + 1 < c->n) {
                rc = ty_buf_puts(&c->buf, ", ");
            } else {
                rc = ty_buf_putc(&c->buf, ' ');
                if (!rc) rc = ty_buf_puts(&c->buf, c->words->or_word);
                if (!rc) rc = ty_buf_putc(&c->buf, ' ');
            }
            if (!rc) rc = ty_buf_append(&c->buf, mk, k);
            if (!rc) rc = ty_buf_putc(&c->buf, ' ');
            if (!rc) rc = ty_buf_append(&c->buf, c->ch[i].title, c->ch[i].title_len);
        }
    }
    if (rc) return TY_E_NOMEM;
    if (c->o->to) pl_put(c, p, "to", pl_str(c, c->o->to, c->o->to_len));
    pl_put(c, p, "body", pl_str(c, c->buf.ptr, c->buf.len));
    ty_sms_measure(c->buf.ptr, c->buf.len, info);
    return c->rc;
}

/* ===================================================================== *
 * Windows and the entry point
 * ===================================================================== */

/* The window state word, and what the platform needs when it is closed
 * (*requires) and whether the HUMAN_AGENT tag opens it (*tagged). */
static const char *pl_window(const pl_cx *c, const char **requires, bool *tagged) {
    const ty_channel_limits *L = c->L;
    *requires = NULL;
    *tagged = false;
    if (!L->window) return "n/a";
    if (!c->o->has_at || !c->o->has_last_customer_at) return "unknown";
    int64_t elapsed = c->o->at - c->o->last_customer_at;
    if (elapsed < L->window) return "open";
    if (L->agent_window && elapsed < L->agent_window) {
        if (c->o->human_agent) {
            *tagged = true;
            return "open";
        }
        *requires = "HUMAN_AGENT";
        return "closed";
    }
    *requires = L->agent_window ? "customer_message" : "template";
    return "closed";
}

/* See tinyyes.h; static, allocates nothing. */
int ty_parse_mode_parse(const char *name, size_t len) {
    static const char *const names[] = {"html", "markdownv2", "none"};
    if (!name) return TY_E_ARG;
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(names[i]);
        if (n != len) continue;
        size_t j = 0;
        while (j < n && ty_lower((unsigned char)name[j]) == names[i][j]) j++;
        if (j == n) return i;
    }
    return TY_E_ARG;
}

/* Builds the result root into c->d (the caller frees it on failure). */
static int pl_build(pl_cx *c, const ty_value *action, const char *channel, size_t channel_len) {
    if ((c->channel = ty_pb_channel_arg(channel, channel_len, c->err)) < 0) return TY_E_ARG;
    if (c->o->parse_mode < TY_PARSE_MODE_HTML || c->o->parse_mode > TY_PARSE_MODE_NONE)
        return pl_fail(c, TY_E_ARG, "options.parse_mode", "must be html, markdownv2 or none");
    if (c->o->to) {
        size_t bad;
        int32_t cp;
        if (ty_utf8_check(c->o->to, c->o->to_len, &bad) || !c->o->to_len || c->o->to_len > 256 ||
            ty_id_bad_char(c->o->to, c->o->to_len, &cp) < c->o->to_len)
            return pl_fail(c, TY_E_ARG, "options.to", "must be 1 to 256 bytes of UTF-8 text without NUL or control characters");
    }
    if (c->o->whatsapp_link) {
        size_t bad;
        int32_t cp;
        if (c->channel != TY_PB_CHANNEL_WEBCHAT)
            return pl_fail(c, TY_E_ARG, "options.whatsapp_link", "only a web chat payload offers the WhatsApp link");
        if (c->o->whatsapp_link_len < 14 || memcmp(c->o->whatsapp_link, "https://wa.me/", 14) ||
            ty_utf8_check(c->o->whatsapp_link, c->o->whatsapp_link_len, &bad) ||
            ty_id_bad_char(c->o->whatsapp_link, c->o->whatsapp_link_len, &cp) < c->o->whatsapp_link_len)
            return pl_fail(c, TY_E_ARG, "options.whatsapp_link", "must be a https://wa.me/ link (handover_link)");
    }
    c->L = &pl_limits[c->channel];
    c->words = ty_lint_locale_find(c->o->locale, c->o->locale ? c->o->locale_len : 0);
    int rc = pl_read_action(c, action);
    if (rc) return rc;
    const char *requires;
    bool tagged;
    const char *window = pl_window(c, &requires, &tagged);
    ty_value *root = pl_map(c), *p = pl_map(c);
    ty_sms_info info;
    memset(&info, 0, sizeof info);
    bool templated = false;
    if (c->channel == TY_PB_CHANNEL_WHATSAPP && requires && c->wa_template) {
        ty_value *tp = pl_map(c);
        if ((templated = pl_whatsapp_template(c, tp))) {
            p = tp;
            requires = NULL; /* the approved template opens the window */
        }
    }
    switch (templated ? -1 : c->channel) {
    case -1: break;
    case TY_PB_CHANNEL_WHATSAPP: rc = pl_whatsapp(c, p); break;
    case TY_PB_CHANNEL_MESSENGER:
    case TY_PB_CHANNEL_INSTAGRAM: rc = pl_meta(c, p, tagged); break;
    case TY_PB_CHANNEL_TELEGRAM: rc = pl_telegram(c, p); break;
    case TY_PB_CHANNEL_WEBCHAT: rc = pl_webchat(c, p); break;
    default: rc = pl_sms(c, p, &info); break;
    }
    if (rc == TY_E_NOMEM || c->rc) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    if (rc) return rc;
    pl_put(c, root, "channel", pl_lit(c, c->L->name));
    pl_put(c, root, "payload", p);
    pl_put(c, root, "window", pl_lit(c, window));
    if (requires) pl_put(c, root, "requires", pl_lit(c, requires));
    if (c->removed) pl_put(c, root, "removed", ty_val_number(c->d, (double)c->removed));
    if (c->channel == TY_PB_CHANNEL_SMS) {
        pl_put(c, root, "segments", ty_val_number(c->d, (double)info.segments));
        pl_put(c, root, "encoding", pl_lit(c, info.gsm ? "GSM-7" : "UCS-2"));
        pl_put(c, root, "units", ty_val_number(c->d, (double)info.units));
    }
    if (c->rc) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    ty_doc_set_root(c->d, root);
    return TY_OK;
}

/* Returns a new doc (caller frees with ty_doc_free); reads action and
 * opts only. */
ty_doc *ty_payload(const ty_value *action, const char *channel, size_t channel_len, const ty_payload_opts *opts,
                   ty_error *err) {
    ty_err_clear(err);
    ty_payload_opts none;
    memset(&none, 0, sizeof none);
    pl_cx c;
    memset(&c, 0, sizeof c);
    c.o = opts ? opts : &none;
    c.err = err;
    if (!action) {
        ty_err_path(err, "action");
        ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "action: required (a send action)");
        return NULL;
    }
    c.d = ty_doc_new(c.o->alloc);
    if (!c.d) {
        ty_err_nomem(err, TY_DOMAIN_NONE);
        return NULL;
    }
    ty_buf_init(&c.buf, c.o->alloc);
    int rc = pl_build(&c, action, channel, channel_len);
    ty_buf_free(&c.buf);
    if (rc) {
        ty_doc_free(c.d);
        return NULL;
    }
    return c.d;
}

#undef PL_DAY
