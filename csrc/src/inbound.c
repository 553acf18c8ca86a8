/*
 * inbound.c — the way in (docs/inbound.md): ty_inbound reads one webhook
 * request body of a messaging platform into step() events.
 *
 * Each platform's reader walks its documented shape and appends, in body
 * order, a message event for each thing a customer wrote or tapped, and an
 * "ignored" entry for everything else (delivery receipts, the page's own
 * echoes, photos, stickers, reactions, update kinds tinyyes does not read).
 * What the platform did not send never fails a body that is otherwise
 * read; a body that is not the platform's shape at all fails with the JSON
 * path of the first thing wrong. Taps come back with the option id we sent
 * (payload.c) as "choice" and the title the customer saw as "text".
 *
 * Shapes read (each platform's public webhook reference):
 *  - WhatsApp Cloud API: {"object": "whatsapp_business_account", "entry":
 *    [{"changes": [{"field": "messages", "value": {"messages": [...],
 *    "statuses": [...]}}]}]}; a message has "from", "id", "timestamp"
 *    (decimal seconds, a string) and a "type": text, interactive
 *    (button_reply / list_reply {id, title}), button {payload, text}.
 *  - Messenger ("object": "page") and Instagram ("object": "instagram"):
 *    {"entry": [{"messaging": [{"sender": {"id"}, "timestamp" (ms),
 *    "message" {mid, text, quick_reply {payload}, attachments, is_echo} |
 *    "postback" {mid, title, payload} | "delivery" | "read" | ...}]}]}.
 *  - Telegram Bot API: one Update {"update_id", "message" {chat {id}, date,
 *    text} | "callback_query" {data, message {chat, reply_markup}} | ...};
 *    the id of every event is the update id, which Telegram redelivers.
 *  - SMS (Twilio-style): an application/x-www-form-urlencoded body with
 *    MessageSid, From, Body (NumMedia for pictures); it carries no time.
 *  - Web chat (our widget): {"conversation", "text", "id"?, "at"?,
 *    "choice"?}.
 */
#include "inbound.h"

#include "common.h"
#include "flow.h"
#include "playbook.h"
#include "schema.h"
#include "text.h"

#define IB_PATH_MAX 160

typedef struct ib_cx {
    ty_doc *d;
    ty_value *events, *ignored;
    const char *channel; /* the canonical name, written into each event */
    int64_t at;          /* the host's time, for bodies that carry none */
    bool has_at;
    ty_error *err;
    bool nomem;
} ib_cx;

/* Fails the body: TY_E_EVENT at path (formatted) with "path: what",
 * through sc_fail; owns nothing. */
static int ib_fail(ib_cx *c, const char *what, const char *fmt, ...) TY_PRINTF(3, 4);
static int ib_fail(ib_cx *c, const char *what, const char *fmt, ...) {
    char path[TY_ERROR_PATH_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    sc_path p;
    sc_path_init(&p, path);
    return sc_fail(&p, c->err, TY_DOMAIN_EVENT, TY_E_EVENT, "%s", what);
}

static const ty_value *ib_get(const ty_value *v, const char *key) { return ty_value_get(v, key, strlen(key)); }

/* The string at v[key] (NULL when absent or not a string). */
static const char *ib_str(const ty_value *v, const char *key, size_t *n) {
    *n = 0;
    return ty_value_string(ib_get(v, key), n);
}

/* A Unix time from a number or a string of digits (WhatsApp's) in seconds
 * (div 1) or milliseconds (div 1000); false when it is neither, or later
 * than any time step() reads. */
static bool ib_time(const ty_value *v, int64_t div, int64_t *out) {
    double x;
    size_t n;
    const char *s = ty_value_string(v, &n);
    if (s) {
        if (!n || n > 15) return false;
        int64_t t = 0;
        for (size_t i = 0; i < n; i++) {
            if (s[i] < '0' || s[i] > '9') return false;
            t = t * 10 + (s[i] - '0');
        }
        x = (double)t;
    } else if (ty_value_kind(v) == TY_NUMBER) {
        x = ty_value_number(v);
    } else {
        return false;
    }
    if (!(x >= 0 && x < 9.0e15) || x != (double)(int64_t)x) return false;
    *out = (int64_t)x / div;
    return *out <= TY_FLOW_MAX_TIME; /* a time step() takes */
}

/* An id that is a number (Telegram's chats and updates) or a string, as
 * text in buf (at least 33 bytes); NULL when it is neither. */
static const char *ib_id(const ty_value *v, char *buf, size_t *n) {
    const char *s = ty_value_string(v, n);
    if (s) return *n ? s : NULL;
    if (ty_value_kind(v) != TY_NUMBER) return NULL;
    double x = ty_value_number(v);
    /* a whole number that int64_t holds (Telegram's ids fit in 52 bits);
     * the range is checked before the cast, which past it is undefined */
    if (!(x > -9.0e18 && x < 9.0e18) || x != (double)(int64_t)x) return NULL;
    *n = ty_format_number(x, buf);
    return buf;
}

/* True when text shows nothing: empty, or only spaces, tabs and newlines. */
static bool ib_blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return false;
    return true;
}

static void ib_put(ib_cx *c, ty_value *m, const char *key, const char *s, size_t n) {
    ty_value *v = s ? ty_val_string(c->d, s, n) : NULL;
    if (s && (!v || ty_map_put(c->d, m, key, strlen(key), v))) c->nomem = true;
}

/* Appends {"reason", "type", "id"?} to the ignored list. */
static void ib_ignore(ib_cx *c, const char *reason, const char *type, size_t type_len, const char *id, size_t id_len) {
    ty_value *m = ty_val_map(c->d);
    if (!m) {
        c->nomem = true;
        return;
    }
    ib_put(c, m, "reason", reason, strlen(reason));
    ib_put(c, m, "type", type, type_len);
    ib_put(c, m, "id", id, id_len);
    if (ty_list_push(c->d, c->ignored, m)) c->nomem = true;
}

/* One message or tap: an event for step(), or "empty" when its text shows
 * nothing and it is not a tap. */
typedef struct ib_msg {
    const char *id, *conv, *text, *choice;
    size_t id_len, conv_len, text_len, choice_len;
    int64_t at;
} ib_msg;

static void ib_event(ib_cx *c, ib_msg *m) {
    if (!m->text) { /* a tap with no title: its id is all there is to show */
        m->text = m->choice;
        m->text_len = m->choice_len;
    }
    if (!m->choice && ib_blank(m->text, m->text_len)) {
        ib_ignore(c, "empty", "text", 4, m->id, m->id_len);
        return;
    }
    ty_value *e = ty_val_map(c->d), *at = ty_val_number(c->d, (double)m->at);
    if (!e || !at) {
        c->nomem = true;
        return;
    }
    ib_put(c, e, "type", "message", 7);
    ib_put(c, e, "id", m->id, m->id_len);
    if (ty_map_put(c->d, e, "at", 2, at)) c->nomem = true;
    ib_put(c, e, "conversation", m->conv, m->conv_len);
    ib_put(c, e, "channel", c->channel, strlen(c->channel));
    ib_put(c, e, "text", m->text, m->text_len);
    ib_put(c, e, "choice", m->choice, m->choice_len);
    if (ty_list_push(c->d, c->events, e)) c->nomem = true;
}

/* The host's time for a body without one; fails at path "at" without it. */
static int ib_host_time(ib_cx *c, int64_t *at) {
    if (!c->has_at) return ib_fail(c, "missing: this webhook carries no time; pass the time it arrived", "at");
    *at = c->at;
    return TY_OK;
}

/* ---- WhatsApp Cloud API ------------------------------------------------- */

/* One message of a change (path p = "entry[i].changes[j].value.messages[k]"). */
static int ib_wa_message(ib_cx *c, const ty_value *msg, const char *p) {
    ib_msg m;
    memset(&m, 0, sizeof m);
    if (ty_value_kind(msg) != TY_MAP) return ib_fail(c, "expected an object", "%s", p);
    size_t tn;
    const char *type = ib_str(msg, "type", &tn);
    m.id = ib_str(msg, "id", &m.id_len);
    if (!type) return ib_fail(c, "missing (the message's type)", "%s.type", p);
    if (!(m.conv = ib_str(msg, "from", &m.conv_len)) || !m.conv_len)
        return ib_fail(c, "missing (the customer's WhatsApp id)", "%s.from", p);
    if (!ib_time(ib_get(msg, "timestamp"), 1, &m.at))
        return ib_fail(c, "expected Unix seconds (a string of digits)", "%s.timestamp", p);
    const ty_value *body = ib_get(msg, type), *reply = NULL;
    size_t n;
    if (!strcmp(type, "text") && tn == 4) {
        if (!(m.text = ib_str(body, "body", &m.text_len))) return ib_fail(c, "expected a string", "%s.text.body", p);
    } else if (tn == 11 && !memcmp(type, "interactive", 11)) {
        const char *kind = ib_str(body, "type", &n);
        if (kind) reply = ib_get(body, kind);
        if (!kind || !((n == 12 && !memcmp(kind, "button_reply", 12)) || (n == 10 && !memcmp(kind, "list_reply", 10)))) {
            ib_ignore(c, "unsupported", kind ? kind : type, kind ? n : tn, m.id, m.id_len);
            return TY_OK;
        }
        m.choice = ib_str(reply, "id", &m.choice_len);
        m.text = ib_str(reply, "title", &m.text_len);
        if (!m.choice) return ib_fail(c, "expected a string", "%s.interactive.%s.id", p, kind);
    } else if (tn == 6 && !memcmp(type, "button", 6)) {
        m.choice = ib_str(body, "payload", &m.choice_len);
        m.text = ib_str(body, "text", &m.text_len);
        if (!m.choice) return ib_fail(c, "expected a string", "%s.button.payload", p);
    } else {
        ib_ignore(c, "unsupported", type, tn, m.id, m.id_len);
        return TY_OK;
    }
    ib_event(c, &m);
    return TY_OK;
}

static int ib_whatsapp(ib_cx *c, const ty_value *root) {
    size_t n;
    const char *obj = ib_str(root, "object", &n);
    if (!obj || n != 25 || memcmp(obj, "whatsapp_business_account", 25))
        return ib_fail(c, "expected \"whatsapp_business_account\"", "object");
    const ty_value *entry = ib_get(root, "entry");
    if (ty_value_kind(entry) != TY_LIST) return ib_fail(c, "expected a list", "entry");
    char p[IB_PATH_MAX];
    for (size_t i = 0; i < ty_value_count(entry); i++) {
        const ty_value *changes = ib_get(ty_value_item(entry, i), "changes");
        if (ty_value_kind(changes) != TY_LIST) return ib_fail(c, "expected a list", "entry[%zu].changes", i);
        for (size_t j = 0; j < ty_value_count(changes); j++) {
            const ty_value *ch = ty_value_item(changes, j);
            const char *field = ib_str(ch, "field", &n);
            if (field && !(n == 8 && !memcmp(field, "messages", 8))) {
                ib_ignore(c, "unsupported", field, n, NULL, 0);
                continue;
            }
            const ty_value *value = ib_get(ch, "value");
            if (ty_value_kind(value) != TY_MAP)
                return ib_fail(c, "expected an object", "entry[%zu].changes[%zu].value", i, j);
            const ty_value *msgs = ib_get(value, "messages"), *sts = ib_get(value, "statuses");
            for (size_t k = 0; k < ty_value_count(msgs) && ty_value_kind(msgs) == TY_LIST; k++) {
                snprintf(p, sizeof p, "entry[%zu].changes[%zu].value.messages[%zu]", i, j, k);
                int rc = ib_wa_message(c, ty_value_item(msgs, k), p);
                if (rc) return rc;
            }
            for (size_t k = 0; k < ty_value_count(sts) && ty_value_kind(sts) == TY_LIST; k++) {
                size_t sn, idn;
                const ty_value *st = ty_value_item(sts, k);
                const char *status = ib_str(st, "status", &sn), *id = ib_str(st, "id", &idn);
                ib_ignore(c, "status", status ? status : "status", status ? sn : 6, id, idn);
            }
        }
    }
    return TY_OK;
}

/* ---- Messenger and Instagram -------------------------------------------- */

/* One item of entry[i].messaging (path p). */
static int ib_meta_item(ib_cx *c, const ty_value *it, const char *p) {
    if (ty_value_kind(it) != TY_MAP) return ib_fail(c, "expected an object", "%s", p);
    const ty_value *msg = ib_get(it, "message"), *pb = ib_get(it, "postback");
    ib_msg m;
    memset(&m, 0, sizeof m);
    size_t n;
    if (msg) {
        m.id = ib_str(msg, "mid", &m.id_len);
        if (ty_value_kind(ib_get(msg, "is_echo")) == TY_TRUE) {
            ib_ignore(c, "echo", "message", 7, m.id, m.id_len);
            return TY_OK;
        }
    } else if (!pb) {
        /* receipts and kinds tinyyes does not read */
        const ty_value *rx = ib_get(it, "reaction");
        if (ib_get(it, "delivery")) ib_ignore(c, "status", "delivered", 9, NULL, 0);
        else if (ib_get(it, "read")) ib_ignore(c, "status", "read", 4, NULL, 0);
        else if (rx) {
            const char *id = ib_str(rx, "mid", &n);
            ib_ignore(c, "unsupported", "reaction", 8, id, n);
        } else {
            const char *kind = "unknown";
            for (size_t i = 0; i < ty_value_count(it); i++) {
                const char *k = ty_value_key(it, i, &n);
                if (!(n == 6 && (!memcmp(k, "sender", 6))) && !(n == 9 && !memcmp(k, "recipient", 9)) &&
                    !(n == 9 && !memcmp(k, "timestamp", 9))) {
                    kind = k;
                    break;
                }
            }
            ib_ignore(c, "unsupported", kind, strcmp(kind, "unknown") ? n : 7, NULL, 0);
        }
        return TY_OK;
    }
    const ty_value *sender = ib_get(it, "sender");
    if (ty_value_kind(sender) != TY_MAP) return ib_fail(c, "missing (who wrote)", "%s.sender", p);
    if (!(m.conv = ib_str(sender, "id", &m.conv_len)) || !m.conv_len)
        return ib_fail(c, "expected a string", "%s.sender.id", p);
    if (!ib_time(ib_get(it, "timestamp"), 1000, &m.at))
        return ib_fail(c, "expected Unix milliseconds", "%s.timestamp", p);
    if (pb && !msg) {
        m.id = ib_str(pb, "mid", &m.id_len);
        m.text = ib_str(pb, "title", &m.text_len);
        if (!(m.choice = ib_str(pb, "payload", &m.choice_len)))
            return ib_fail(c, "expected a string", "%s.postback.payload", p);
    } else {
        m.text = ib_str(msg, "text", &m.text_len);
        m.choice = ib_str(ib_get(msg, "quick_reply"), "payload", &m.choice_len);
        if (!m.text && !m.choice) {
            const ty_value *att = ib_get(msg, "attachments");
            const char *type = ib_str(ty_value_item(att, 0), "type", &n);
            ib_ignore(c, "unsupported", type ? type : "message", type ? n : 7, m.id, m.id_len);
            return TY_OK;
        }
    }
    ib_event(c, &m);
    return TY_OK;
}

static int ib_meta(ib_cx *c, const ty_value *root, const char *object) {
    size_t n;
    const char *obj = ib_str(root, "object", &n);
    if (!obj || n != strlen(object) || memcmp(obj, object, n)) {
        char what[48];
        snprintf(what, sizeof what, "expected \"%s\"", object);
        return ib_fail(c, what, "object");
    }
    const ty_value *entry = ib_get(root, "entry");
    if (ty_value_kind(entry) != TY_LIST) return ib_fail(c, "expected a list", "entry");
    char p[IB_PATH_MAX];
    for (size_t i = 0; i < ty_value_count(entry); i++) {
        const ty_value *e = ty_value_item(entry, i), *items = ib_get(e, "messaging");
        if (!items && ib_get(e, "changes")) { /* feed and comment webhooks: not messages */
            ib_ignore(c, "unsupported", "changes", 7, NULL, 0);
            continue;
        }
        if (ty_value_kind(items) != TY_LIST) return ib_fail(c, "expected a list", "entry[%zu].messaging", i);
        for (size_t k = 0; k < ty_value_count(items); k++) {
            snprintf(p, sizeof p, "entry[%zu].messaging[%zu]", i, k);
            int rc = ib_meta_item(c, ty_value_item(items, k), p);
            if (rc) return rc;
        }
    }
    return TY_OK;
}

/* ---- Telegram Bot API ---------------------------------------------------- */

/* The label of the inline keyboard button whose callback_data is data. */
static const char *ib_tg_label(const ty_value *msg, const char *data, size_t dn, size_t *n) {
    const ty_value *kb = ib_get(ib_get(msg, "reply_markup"), "inline_keyboard");
    for (size_t r = 0; r < ty_value_count(kb); r++) {
        const ty_value *row = ty_value_item(kb, r);
        for (size_t b = 0; b < ty_value_count(row); b++) {
            size_t cn;
            const char *cd = ib_str(ty_value_item(row, b), "callback_data", &cn);
            if (cd && cn == dn && !memcmp(cd, data, dn)) return ib_str(ty_value_item(row, b), "text", n);
        }
    }
    return NULL;
}

static int ib_telegram(ib_cx *c, const ty_value *root) {
    if (ty_value_kind(root) != TY_MAP) return ib_fail(c, "expected an Update object", "update_id");
    char idbuf[40], chatbuf[40];
    ib_msg m;
    memset(&m, 0, sizeof m);
    if (ty_value_kind(ib_get(root, "update_id")) != TY_NUMBER || !(m.id = ib_id(ib_get(root, "update_id"), idbuf, &m.id_len)))
        return ib_fail(c, "expected a whole number", "update_id");
    const ty_value *msg = ib_get(root, "message"), *cb = ib_get(root, "callback_query");
    size_t n;
    if (msg) {
        if (!(m.text = ib_str(msg, "text", &m.text_len))) {
            static const char *const kinds[] = {"photo", "sticker", "voice", "audio", "video", "document", "location", "contact"};
            const char *kind = "message";
            for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
                if (ib_get(msg, kinds[i])) {
                    kind = kinds[i];
                    break;
                }
            ib_ignore(c, "unsupported", kind, strlen(kind), m.id, m.id_len);
            return TY_OK;
        }
        if (!(m.conv = ib_id(ib_get(ib_get(msg, "chat"), "id"), chatbuf, &m.conv_len)))
            return ib_fail(c, "expected the chat's id", "message.chat.id");
        if (!ib_time(ib_get(msg, "date"), 1, &m.at)) return ib_fail(c, "expected Unix seconds", "message.date");
    } else if (cb) {
        const ty_value *cm = ib_get(cb, "message");
        if (!(m.choice = ib_str(cb, "data", &m.choice_len)))
            return ib_fail(c, "expected the button's callback_data", "callback_query.data");
        if (!(m.conv = ib_id(ib_get(ib_get(cm, "chat"), "id"), chatbuf, &m.conv_len)))
            return ib_fail(c, "expected the chat's id", "callback_query.message.chat.id");
        int rc = ib_host_time(c, &m.at);
        if (rc) return rc;
        if (!(m.text = ib_tg_label(cm, m.choice, m.choice_len, &m.text_len))) {
            m.text = m.choice;
            m.text_len = m.choice_len;
        }
    } else {
        const char *kind = "unknown";
        for (size_t i = 0; i < ty_value_count(root); i++) {
            const char *k = ty_value_key(root, i, &n);
            if (!(n == 9 && !memcmp(k, "update_id", 9))) {
                kind = k;
                break;
            }
        }
        ib_ignore(c, "unsupported", kind, strcmp(kind, "unknown") ? n : 7, m.id, m.id_len);
        return TY_OK;
    }
    ib_event(c, &m);
    return TY_OK;
}

/* ---- SMS (form-encoded) -------------------------------------------------- */

const char *ty_form_decode(ty_arena *a, const char *s, size_t n, size_t *out_n) {
    char *o = ty_arena_alloc(a, n + 1);
    if (!o) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (s[i] == '+') o[k++] = ' ';
        else if (s[i] == '%' && i + 2 < n && (hi = ty_hex_value((unsigned char)s[i + 1])) >= 0 &&
                   (lo = ty_hex_value((unsigned char)s[i + 2])) >= 0) {
            o[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else o[k++] = s[i];
    }
    o[k] = '\0';
    *out_n = k;
    return o;
}

/* The decoded value of field `name` in a form body; NULL when absent. */
static const char *ib_form_get(ib_cx *c, const char *body, size_t len, const char *name, size_t *n) {
    size_t nl = strlen(name), i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && body[j] != '&') j++;
        const char *eq = memchr(body + i, '=', j - i);
        if (eq && (size_t)(eq - (body + i)) == nl && !memcmp(body + i, name, nl))
        {
            const char *v = ty_form_decode(ty_doc_arena(c->d), eq + 1, (size_t)(body + j - (eq + 1)), n);
            if (!v) c->nomem = true;
            return v;
        }
        i = j + 1;
    }
    return NULL;
}

static int ib_sms(ib_cx *c, const char *body, size_t len) {
    ib_msg m;
    memset(&m, 0, sizeof m);
    static const char *const fields[] = {"MessageSid", "From", "Body"};
    const char **vals[] = {&m.id, &m.conv, &m.text};
    size_t *lens[] = {&m.id_len, &m.conv_len, &m.text_len};
    for (size_t i = 0; i < 3; i++) {
        size_t bad;
        *vals[i] = ib_form_get(c, body, len, fields[i], lens[i]);
        if (c->nomem) return ty_err_nomem(c->err, TY_DOMAIN_EVENT);
        if (*vals[i] && ty_utf8_check(*vals[i], *lens[i], &bad))
            return ib_fail(c, "is not valid UTF-8 once decoded", "%s", fields[i]);
        if (*vals[i] && memchr(*vals[i], 0, *lens[i])) return ib_fail(c, "contains a NUL byte", "%s", fields[i]);
    }
    if (!m.conv || !m.conv_len) return ib_fail(c, "missing (the sender's number)", "From");
    size_t nm;
    const char *media = ib_form_get(c, body, len, "NumMedia", &nm);
    if ((!m.text || !m.text_len) && media && nm && !(nm == 1 && media[0] == '0')) {
        ib_ignore(c, "unsupported", "media", 5, m.id, m.id_len);
        return TY_OK;
    }
    int rc = ib_host_time(c, &m.at);
    if (rc) return rc;
    if (!m.text) m.text = "";
    ib_event(c, &m);
    return TY_OK;
}

/* ---- web chat -------------------------------------------------------------- */

static int ib_webchat(ib_cx *c, const ty_value *root) {
    if (ty_value_kind(root) != TY_MAP) return ib_fail(c, "expected an object", "conversation");
    ib_msg m;
    memset(&m, 0, sizeof m);
    if (!(m.conv = ib_str(root, "conversation", &m.conv_len)) || !m.conv_len)
        return ib_fail(c, "missing (the conversation's id)", "conversation");
    const ty_value *id = ib_get(root, "id"), *text = ib_get(root, "text"), *choice = ib_get(root, "choice");
    if (id && !(m.id = ty_value_string(id, &m.id_len))) return ib_fail(c, "expected a string", "id");
    if (text && !(m.text = ty_value_string(text, &m.text_len))) return ib_fail(c, "expected a string", "text");
    if (choice && !(m.choice = ty_value_string(choice, &m.choice_len))) return ib_fail(c, "expected a string", "choice");
    if (!m.text && !m.choice) return ib_fail(c, "missing (the customer's text, or the choice tapped)", "text");
    const ty_value *at = ib_get(root, "at");
    int rc = TY_OK;
    if (at) {
        if (!ib_time(at, 1, &m.at)) return ib_fail(c, "expected Unix seconds", "at");
    } else if ((rc = ib_host_time(c, &m.at))) {
        return rc;
    }
    ib_event(c, &m);
    return TY_OK;
}

/* ---- entry point ------------------------------------------------------------ */

ty_doc *ty_inbound(const char *channel, size_t channel_len, const char *body, size_t body_len, int64_t at,
                   int has_at, ty_error *err) {
    ty_err_clear(err);
    int ch = ty_pb_channel_arg(channel, channel_len, err);
    if (ch < 0) return NULL;
    if (!body && body_len) {
        ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "body is NULL");
        return NULL;
    }
    ib_cx c;
    memset(&c, 0, sizeof c);
    c.channel = ty_pb_channel_name(ch);
    c.at = at;
    c.has_at = has_at != 0;
    c.err = err;
    c.d = ty_doc_new(NULL);
    ty_doc *parsed = NULL;
    int rc = TY_OK;
    if (!c.d || !(c.events = ty_val_list(c.d)) || !(c.ignored = ty_val_list(c.d))) {
        ty_doc_free(c.d);
        ty_err_nomem(err, TY_DOMAIN_EVENT);
        return NULL;
    }
    if (ch == TY_PB_CHANNEL_SMS) {
        rc = ib_sms(&c, body ? body : "", body_len);
    } else if (!(parsed = ty_doc_parse(body ? body : "", body_len, NULL, err))) {
        if (err) err->domain = TY_DOMAIN_EVENT;
        rc = err ? err->code : TY_E_JSON;
    } else {
        const ty_value *root = ty_doc_root(parsed);
        switch (ch) {
        case TY_PB_CHANNEL_WHATSAPP: rc = ib_whatsapp(&c, root); break;
        case TY_PB_CHANNEL_MESSENGER: rc = ib_meta(&c, root, "page"); break;
        case TY_PB_CHANNEL_INSTAGRAM: rc = ib_meta(&c, root, "instagram"); break;
        case TY_PB_CHANNEL_TELEGRAM: rc = ib_telegram(&c, root); break;
        default: rc = ib_webchat(&c, root); break;
        }
    }
    ty_value *root = rc ? NULL : ty_val_map(c.d);
    if (!rc && (c.nomem || !root || ty_map_put(c.d, root, "events", 6, c.events) ||
                ty_map_put(c.d, root, "ignored", 7, c.ignored)))
        rc = ty_err_nomem(err, TY_DOMAIN_EVENT);
    ty_doc_free(parsed);
    if (rc) {
        ty_doc_free(c.d);
        return NULL;
    }
    ty_doc_set_root(c.d, root);
    return c.d;
}

#undef IB_PATH_MAX
