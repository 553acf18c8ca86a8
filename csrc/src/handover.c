/*
 * handover.c — "continue in WhatsApp" (docs/inbound.md): a web chat can
 * offer a wa.me link whose prefilled message carries a short signed
 * reference to the conversation, "(ref c-42.1f3a9b0c2d)"; when that message
 * arrives through the WhatsApp webhook, the reference names the web
 * conversation and the chat carries on there.
 *
 * The reference is the conversation id and a tag: the first 10 hex digits
 * of HMAC-SHA256(secret, "tinyyes-handover:" + id). The core writes the
 * signed bytes, the link and the message, and finds a reference in a text;
 * the bindings compute the HMAC with their runtime.
 */
#include "common.h"
#include "judge.h"
#include "playbook.h"
#include "text.h"

#define HO_PREFIX "tinyyes-handover:"
#define HO_TAG_LEN 10
#define HO_ID_MAX 64

/* True when s[0..n) can stand in a reference: 1 to 64 of A-Z a-z 0-9 _ -. */
static bool ho_id_ok(const char *s, size_t n) {
    if (!s || !n || n > HO_ID_MAX) return false;
    for (size_t i = 0; i < n; i++)
        if (!ty_is_alpha((unsigned char)s[i]) && !ty_is_digit((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
            return false;
    return true;
}

static bool ho_tag_ok(const char *s, size_t n) {
    if (!s || n != HO_TAG_LEN) return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return false;
    return true;
}

int ty_handover_signed(const char *conversation, size_t len, ty_buf *out, ty_error *err) {
    ty_err_clear(err);
    if (!ho_id_ok(conversation, len)) {
        ty_err_path(err, "conversation");
        return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG,
                          "conversation: a handover needs an id of 1 to %d letters, digits, _ or - (it travels in "
                          "the customer's message)",
                          HO_ID_MAX);
    }
    if (ty_buf_append(out, HO_PREFIX, sizeof HO_PREFIX - 1) || ty_buf_append(out, conversation, len))
        return ty_err_nomem(err, TY_DOMAIN_NONE);
    return TY_OK;
}

/* Appends s percent-encoded for a URL query value (RFC 3986 unreserved
 * characters as they are). */
static int ho_url_encode(ty_buf *out, const char *s, size_t n) {
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ty_is_alpha(ch) || ty_is_digit(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
            if (ty_buf_putc(out, (char)ch)) return TY_E_NOMEM;
        } else {
            char three[3] = {'%', hex[ch >> 4], hex[ch & 15]};
            if (ty_buf_append(out, three, 3)) return TY_E_NOMEM;
        }
    }
    return TY_OK;
}

int ty_handover_link(const ty_playbook *pb, const char *locale, size_t locale_len, const char *number,
                     size_t number_len, const char *conversation, size_t conversation_len, const char *tag,
                     size_t tag_len, ty_buf *out, ty_error *err) {
    ty_err_clear(err);
    if (!pb || !out || (!number && number_len)) return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "NULL argument");
    char digits[16];
    size_t nd = 0;
    bool bad = false;
    for (size_t i = 0; i < number_len && !bad; i++) { /* "+44 7700 900-123": the digits */
        char ch = number[i];
        if (ch >= '0' && ch <= '9') {
            if (nd == 15) bad = true;
            else digits[nd++] = ch;
        } else if (!(ch == ' ' || ch == '-' || ch == '(' || ch == ')' || (ch == '+' && nd == 0))) {
            bad = true;
        }
    }
    if (bad) nd = 0;
    if (nd < 7 || nd > 15) {
        ty_err_path(err, "number");
        return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG,
                          "number: must be the business's WhatsApp number in international form (7 to 15 digits)");
    }
    if (!ho_id_ok(conversation, conversation_len) || !ho_tag_ok(tag, tag_len)) {
        ty_err_path(err, "conversation");
        return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "conversation: not a handover reference this library wrote");
    }
    int lang = locale && locale_len ? ty_pb_lang_find(pb, locale, locale_len) : -1;
    const ty_judge_lex *lex = pb->langs[lang >= 0 ? lang : 0].judge;
    const char *text = lex && lex->handover_text ? lex->handover_text : "Hi! I'd like to carry on our chat here.";
    ty_buf msg;
    ty_buf_init(&msg, NULL);
    int rc = ty_buf_puts(&msg, text) || ty_buf_puts(&msg, " (ref ") || ty_buf_append(&msg, conversation, conversation_len) ||
             ty_buf_putc(&msg, '.') || ty_buf_append(&msg, tag, tag_len) || ty_buf_putc(&msg, ')');
    if (!rc)
        rc = ty_buf_puts(out, "https://wa.me/") || ty_buf_append(out, digits, nd) || ty_buf_puts(out, "?text=") ||
             ho_url_encode(out, msg.ptr, msg.len);
    ty_buf_free(&msg);
    return rc ? ty_err_nomem(err, TY_DOMAIN_NONE) : TY_OK;
}

int ty_handover_find(const char *text, size_t n, const char **conversation, size_t *conversation_len,
                     const char **tag, size_t *tag_len) {
    *conversation = *tag = NULL;
    *conversation_len = *tag_len = 0;
    if (!text) return 0;
    for (const char *p = memchr(text, '(', n); p; p = memchr(p + 1, '(', n - (size_t)(p + 1 - text))) {
        size_t i = (size_t)(p - text);
        if (i + 5 > n || memcmp(p, "(ref ", 5)) continue;
        size_t a = i + 5, dot = a;
        while (dot < n && text[dot] != '.' && dot - a <= HO_ID_MAX) dot++;
        if (dot >= n || text[dot] != '.' || !ho_id_ok(text + a, dot - a)) continue;
        size_t t = dot + 1;
        if (t + HO_TAG_LEN >= n) continue; /* the tag and its ')' */
        if (text[t + HO_TAG_LEN] != ')' || !ho_tag_ok(text + t, HO_TAG_LEN)) continue;
        *conversation = text + a;
        *conversation_len = dot - a;
        *tag = text + t;
        *tag_len = HO_TAG_LEN;
        return 1;
    }
    return 0;
}

#undef HO_PREFIX
#undef HO_TAG_LEN
#undef HO_ID_MAX
