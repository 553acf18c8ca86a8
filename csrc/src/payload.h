/*
 * payload.h — private helpers of the channel payloads (payload.c, README.md)
 * that the linter (lint.c) shares: the one table of platform limits, text
 * measured the way the platforms count it, grapheme-safe cutting and the
 * SMS encoding and segment count. The public entry point is ty_payload in
 * tinyyes.h.
 */
#ifndef TY_PAYLOAD_H
#define TY_PAYLOAD_H

#include "common.h"
#include "playbook.h" /* ty_pb_channel: the channel order */

/* How a limit is counted. */
enum { TY_UNIT_UTF16 = 0, TY_UNIT_BYTES = 1 };

/* Every platform limit tinyyes applies, one row per channel (ty_pb_channel
 * order). 0 means "no limit of this kind" (or, for counts, "no such
 * control"). The figures and their sources are in payload.c. */
typedef struct ty_channel_limits {
    const char *name;           /* "whatsapp" */
    const char *label;          /* "WhatsApp", for messages */
    uint32_t text_max;          /* a plain text message body */
    uint8_t text_unit;          /* TY_UNIT_* of text_max */
    uint32_t buttons_text_max;  /* body of a message with reply buttons */
    uint32_t buttons_max;       /* reply buttons / quick replies / keyboard buttons */
    uint32_t button_title_max;  /* a button's visible title */
    uint32_t button_id_max;     /* what the platform sends back on a tap */
    uint8_t button_id_unit;     /* TY_UNIT_* of button_id_max */
    uint32_t markup_max;        /* bytes of the whole keyboard JSON (Telegram) */
    uint32_t list_text_max;     /* body of a list message */
    uint32_t list_rows_max;     /* rows of a list message */
    uint32_t list_row_title_max;
    uint32_t list_row_id_max;
    uint32_t list_row_desc_max;
    uint32_t list_button_max;   /* the label of the button that opens the list */
    int64_t window;             /* seconds of free-form messaging after the
                                   customer's last message; 0: no window */
    int64_t agent_window;       /* the same with the HUMAN_AGENT tag; 0: none */
    uint16_t sms_gsm_single;    /* GSM-7 septets in a single SMS */
    uint16_t sms_gsm_part;      /* ... in each part of a concatenated SMS */
    uint16_t sms_ucs2_single;   /* UCS-2 (UTF-16) units in a single SMS */
    uint16_t sms_ucs2_part;     /* ... in each part */
} ty_channel_limits;

/* The row of a channel (a ty_pb_channel); NULL when out of range. */
const ty_channel_limits *ty_channel_limits_of(int channel);

/* Length of valid UTF-8 s[0..n) in `unit` (UTF-16 code units or bytes). */
size_t ty_text_units(const char *s, size_t n, int unit);

/* The longest prefix of valid UTF-8 s[0..n) that ends at a grapheme
 * boundary (utf8proc's extended grapheme clusters) and measures at most
 * `max` units: its byte length. */
size_t ty_grapheme_prefix(const char *s, size_t n, size_t max, int unit);

/* How an SMS carries s: GSM-7 when every character is in the GSM 03.38
 * basic set or its extension table, else UCS-2. */
typedef struct ty_sms_info {
    bool gsm;             /* GSM-7, else UCS-2 */
    size_t units;         /* septets (GSM-7) or UTF-16 units (UCS-2) */
    size_t segments;      /* 0 for empty text */
    size_t first_ucs2;    /* byte offset of the first non-GSM character
                             (valid when !gsm) */
} ty_sms_info;

void ty_sms_measure(const char *s, size_t n, ty_sms_info *out);

/* ---- what a payload may carry (payload_clean.c) ---- */

/* How ty_text_clean treats tab, line feed and carriage return: kept in a
 * message text, each made a space in a one-line title. */
enum { TY_CLEAN_TEXT = 0, TY_CLEAN_LINE = 1 };

/* Valid UTF-8 s[0..n) without C0 controls (but tab, LF, CR), DEL, C1
 * controls and the bidi embeddings, overrides and isolates U+202A-U+202E,
 * U+2066-U+2069. Returns s itself when nothing changes, else a copy in
 * arena a (NUL-terminated; NULL when out of memory); *out_n is its length
 * and *removed the number of code points dropped. */
const char *ty_text_clean(ty_arena *a, const char *s, size_t n, int mode, size_t *out_n, size_t *removed);

/* True when valid UTF-8 s[0..n) shows nothing: only spaces, controls,
 * format characters and default-ignorable code points (also when n == 0). */
bool ty_text_blank(const char *s, size_t n);

/* The byte offset of the first character an id may not hold (any control,
 * tab and line breaks included, and the bidi controls above), with the
 * code point in *cp; n when there is none. */
size_t ty_id_bad_char(const char *s, size_t n, int32_t *cp);

#endif /* TY_PAYLOAD_H */
