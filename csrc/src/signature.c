/*
 * signature.c — what a webhook's signature is checked against
 * (docs/inbound.md, "Is it really the platform?").
 *
 * The core computes no HMAC (the bindings use their runtime's: Python's
 * hmac, Node's crypto). It owns the rules that could otherwise differ
 * between them: which header carries the signature on each channel, how
 * that header is written, and which bytes were signed.
 *  - WhatsApp, Messenger, Instagram: X-Hub-Signature-256 is "sha256=" and
 *    the lowercase or uppercase hex of HMAC-SHA256(app secret, raw body).
 *  - Telegram: X-Telegram-Bot-Api-Secret-Token is the secret token given
 *    to setWebhook itself (compared, not hashed).
 *  - SMS (Twilio): X-Twilio-Signature is the base64 of HMAC-SHA1(auth
 *    token, the full URL Twilio requested followed by each POST field's
 *    name and value, the fields sorted by name (then value), a repeated
 *    name and value once).
 * Web chat is the host's own site: there is nothing to verify.
 */
#include "common.h"
#include "inbound.h"
#include "playbook.h"
#include "text.h"

/* The signature header of each channel, lower case (HTTP names are
 * case-insensitive); NULL for web chat. */
static const char *const sig_headers[TY_PB_CHANNEL_COUNT] = {
    [TY_PB_CHANNEL_WHATSAPP] = "x-hub-signature-256",
    [TY_PB_CHANNEL_MESSENGER] = "x-hub-signature-256",
    [TY_PB_CHANNEL_INSTAGRAM] = "x-hub-signature-256",
    [TY_PB_CHANNEL_TELEGRAM] = "x-telegram-bot-api-secret-token",
    [TY_PB_CHANNEL_WEBCHAT] = NULL,
    [TY_PB_CHANNEL_SMS] = "x-twilio-signature",
};

/* The channel, or -1 with err set (unknown, or web chat: no signature). */
static int sig_channel(const char *channel, size_t len, ty_error *err) {
    int ch = ty_pb_channel_arg(channel, len, err);
    if (ch >= 0 && !sig_headers[ch]) {
        ty_err_path(err, "channel");
        ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG,
                   "webchat requests come from your own site: authenticate them as you do the rest of it");
        return -1;
    }
    return ch;
}

const char *ty_signature_header(const char *channel, size_t channel_len, ty_error *err) {
    ty_err_clear(err);
    int ch = sig_channel(channel, channel_len, err);
    return ch < 0 ? NULL : sig_headers[ch];
}

static int sig_b64(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* The 32 bytes of "sha256=<64 hex digits>"; false when it is not that. */
static bool sig_meta_digest(const char *v, size_t n, unsigned char out[32]) {
    if (n != 7 + 64 || memcmp(v, "sha256=", 7)) return false;
    for (size_t i = 0; i < 32; i++) {
        int hi = ty_hex_value((unsigned char)v[7 + 2 * i]), lo = ty_hex_value((unsigned char)v[8 + 2 * i]);
        if (hi < 0 || lo < 0) return false;
        out[i] = (unsigned char)(hi * 16 + lo);
    }
    return true;
}

/* Decodes padded base64 v[0..n) into out (cap bytes); false when it is not
 * base64 or does not fit. *out_n receives the length. */
static bool sig_b64_decode(const char *v, size_t n, unsigned char *out, size_t cap, size_t *out_n) {
    if (n == 0 || n % 4) return false;
    size_t k = 0;
    for (size_t i = 0; i < n; i += 4) {
        bool last = i + 4 == n;
        int pad = last ? (v[i + 3] == '=') + (v[i + 2] == '=' && v[i + 3] == '=') : 0;
        int q[4];
        for (int j = 0; j < 4; j++) {
            q[j] = j >= 4 - pad ? 0 : sig_b64(v[i + (size_t)j]);
            if (q[j] < 0) return false;
        }
        uint32_t w = (uint32_t)q[0] << 18 | (uint32_t)q[1] << 12 | (uint32_t)q[2] << 6 | (uint32_t)q[3];
        if ((pad == 1 && (w & 0xFF)) || (pad == 2 && (w & 0xFFFF))) return false; /* bits past the end: not zero */
        unsigned char b[3] = {(unsigned char)(w >> 16), (unsigned char)(w >> 8), (unsigned char)w};
        if (k + (size_t)(3 - pad) > cap) return false;
        memcpy(out + k, b, (size_t)(3 - pad));
        k += (size_t)(3 - pad);
    }
    *out_n = k;
    return true;
}

/* The 20 bytes of a base64 SHA-1 digest; false when it is not that. */
static bool sig_twilio_digest(const char *v, size_t n, unsigned char out[32]) {
    size_t k;
    return sig_b64_decode(v, n, out, 32, &k) && k == 20;
}

/* One decoded field of a form body. */
typedef struct sig_field {
    const char *name, *value;
    size_t name_len, value_len;
} sig_field;

static int sig_field_cmp(const void *pa, const void *pb) {
    const sig_field *a = pa, *b = pb;
    size_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
    int c = memcmp(a->name, b->name, n);
    if (c || a->name_len != b->name_len) return c ? c : (a->name_len < b->name_len ? -1 : 1);
    n = a->value_len < b->value_len ? a->value_len : b->value_len;
    c = memcmp(a->value, b->value, n);
    return c ? c : (a->value_len < b->value_len ? -1 : a->value_len > b->value_len);
}

/* Twilio's signed text: url, then each form field's name and value,
 * sorted by name, then value (bytes), a repeated pair once. The decoded
 * fields live in arena a. */
static int sig_twilio_message(ty_arena *a, const char *url, size_t url_len, const char *body, size_t len, ty_buf *out,
                              ty_error *err) {
    size_t nf = 0;
    for (size_t i = 0; i < len; i++) nf += body[i] == '&';
    sig_field *f = ty_arena_alloc(a, (nf + 1) * sizeof *f);
    if (!f) return ty_err_nomem(err, TY_DOMAIN_EVENT);
    nf = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && body[j] != '&') j++;
        if (j > i) {
            const char *eq = memchr(body + i, '=', j - i);
            size_t nl = eq ? (size_t)(eq - (body + i)) : j - i;
            sig_field *x = &f[nf++];
            x->name = ty_form_decode(a, body + i, nl, &x->name_len);
            x->value = eq ? ty_form_decode(a, eq + 1, (size_t)(body + j - (eq + 1)), &x->value_len) : "";
            if (!eq) x->value_len = 0;
            if (!x->name || !x->value) return ty_err_nomem(err, TY_DOMAIN_EVENT);
        }
        i = j + 1;
    }
    qsort(f, nf, sizeof *f, sig_field_cmp);
    if (ty_buf_append(out, url, url_len)) return ty_err_nomem(err, TY_DOMAIN_EVENT);
    for (size_t i = 0; i < nf; i++) {
        if (i && !sig_field_cmp(&f[i - 1], &f[i])) continue; /* a field given twice with one value counts once */
        if (ty_buf_append(out, f[i].name, f[i].name_len) || ty_buf_append(out, f[i].value, f[i].value_len))
            return ty_err_nomem(err, TY_DOMAIN_EVENT);
    }
    return TY_OK;
}

int ty_signature_check(const char *channel, size_t channel_len, const char *header, size_t header_len,
                       const char *body, size_t body_len, const char *url, size_t url_len, ty_signature *out,
                       ty_error *err) {
    ty_err_clear(err);
    if (!out || (!body && body_len) || (!header && header_len) || (!url && url_len))
        return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "NULL argument");
    ty_buf_free(&out->message);
    out->algorithm = TY_SIGNATURE_INVALID;
    out->digest_len = 0;
    int ch = sig_channel(channel, channel_len, err);
    if (ch < 0) return TY_E_ARG;
    switch (ch) {
    case TY_PB_CHANNEL_TELEGRAM:
        /* the header is the token itself: the binding compares it */
        out->algorithm = header_len ? TY_SIGNATURE_TOKEN : TY_SIGNATURE_INVALID;
        return TY_OK;
    case TY_PB_CHANNEL_SMS: {
        if (!url || !url_len) {
            ty_err_path(err, "url");
            return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG,
                              "url: missing (Twilio signs the full URL it requested, query string included)");
        }
        if (!header || !sig_twilio_digest(header, header_len, out->digest)) return TY_OK;
        ty_doc *scratch = ty_doc_new(NULL);
        if (!scratch) return ty_err_nomem(err, TY_DOMAIN_EVENT);
        int rc = sig_twilio_message(ty_doc_arena(scratch), url, url_len, body ? body : "", body_len, &out->message, err);
        ty_doc_free(scratch);
        if (rc) {
            ty_buf_free(&out->message);
            return rc;
        }
        out->algorithm = TY_SIGNATURE_HMAC_SHA1;
        out->digest_len = 20;
        return TY_OK;
    }
    default:
        if (!header || !sig_meta_digest(header, header_len, out->digest)) return TY_OK;
        if (ty_buf_append(&out->message, body ? body : "", body_len)) return ty_err_nomem(err, TY_DOMAIN_EVENT);
        out->algorithm = TY_SIGNATURE_HMAC_SHA256;
        out->digest_len = 32;
        return TY_OK;
    }
}

void ty_signature_free(ty_signature *s) {
    if (s) ty_buf_free(&s->message);
}

const char *ty_handshake(const char *mode, size_t mode_len, const char *token, size_t token_len,
                         const char *challenge, size_t challenge_len, const char *verify_token, size_t verify_len) {
    if (!mode || mode_len != 9 || memcmp(mode, "subscribe", 9) || !token || !verify_token || !verify_len ||
        !challenge)
        return NULL;
    /* constant time over the token's length: the verify token is a secret */
    unsigned char diff = (unsigned char)(token_len != verify_len);
    for (size_t i = 0; i < token_len; i++) diff |= (unsigned char)(token[i] ^ verify_token[i % verify_len]);
    (void)challenge_len;
    return diff ? NULL : challenge;
}
