/*
 * chat.c — the terminal conversation of `python -m tinyyes chat` and
 * `npx tinyyes chat` (ty_chat_new's doc): a virtual clock, the slash
 * commands, how bot messages, handoffs and closes are printed. The
 * bindings read lines and write what this returns, so the two command
 * lines (and tinyyes.simulate) print the same bytes.
 */
#include "cli.h"
#include "civil.h"
#include "playbook.h"

#include <stdio.h>

#define CHAT_LETTERS "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define CHAT_TIME_MAX 253402300799LL /* 9999-12-31 23:59:59 UTC */

static const char chat_help[] =
    "Type replies as the customer. Commands: /wait 4h (also 90s, 15m, 2d) lets time pass, "
    "/resume hands back from a person, /state prints the state, /quit ends.";

struct ty_chat {
    const ty_alloc *alloc;
    const ty_playbook *pb; /* borrowed */
    ty_doc *keep;          /* the copies of conversation, channel and data */
    const char *conversation, *channel;
    size_t conversation_len, channel_len;
    const ty_value *data;  /* in keep; NULL: none */
    ty_doc *result;        /* the last step's result, which holds the state */
    ty_doc *log;           /* what the last feed did, when recording */
    int64_t now;
    double due;            /* the state's "due", when has_due */
    int32_t offset;
    int echo;
    bool has_due, verbose, record, started, blank, is_default;
};

/* ---- printing -------------------------------------------------------- */

/* Appends one line (s, n) and its newline; remembers whether it was blank. */
static int chat_say(ty_chat *c, ty_buf *out, const char *s, size_t n) {
    int rc = ty_buf_append(out, s, n);
    c->blank = n == 0;
    return rc ? rc : ty_buf_putc(out, '\n');
}

/* "Tue 24 Nov 10:00" of at, shown offset seconds east of UTC; false (and
 * the year in *year) outside years 1 to 9999. */
static bool chat_clock(const ty_chat *c, int64_t at, char dst[40], int64_t *year) {
    static const char days[7][4] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (at > CHAT_TIME_MAX * 10000 || at < -CHAT_TIME_MAX * 10000) { /* beyond any year civil.c reads */
        *year = at > 0 ? 10000 : 0;
        return false;
    }
    int64_t t = at + c->offset, day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400), secs = t - day * 86400;
    int m, d;
    ty_civil_date(day, year, &m, &d);
    if (*year < 1 || *year > 9999) return false;
    snprintf(dst, 40, "%s %02d %s %02d:%02d", days[ty_civil_weekday(day)], d, months[m - 1], (int)(secs / 3600),
             (int)(secs / 60 % 60));
    return true;
}

/* A scalar as %s prints it (None, True, 3, text); others as JSON. */
static int chat_str(ty_buf *out, const ty_value *v) {
    size_t n;
    const char *s = ty_value_string(v, &n);
    switch (ty_value_kind(v)) {
    case TY_STRING: return ty_buf_append(out, s, n);
    case TY_NULL: return ty_buf_puts(out, "None");
    case TY_TRUE: return ty_buf_puts(out, "True");
    case TY_FALSE: return ty_buf_puts(out, "False");
    default: return ty_value_write_json_pretty(v, -1, out, NULL);
    }
}

/* A member of map m as chat_str prints it, or dflt when absent. */
static int chat_member(ty_buf *out, const ty_value *m, const char *key, const char *dflt) {
    const ty_value *v = ty_value_get(m, key, strlen(key));
    return v ? chat_str(out, v) : ty_buf_puts(out, dflt);
}

/* Ends a line begun in out at `start`: says it. */
static int chat_end(ty_chat *c, ty_buf *out, size_t start, int rc) {
    c->blank = out->len == start;
    return rc ? rc : ty_buf_putc(out, '\n');
}

/* "bot: text" (lines after the first indented) and the lettered choices. */
static int chat_send(ty_chat *c, ty_buf *out, const ty_value *a) {
    size_t n, start = out->len;
    const char *s = ty_value_string(ty_value_get(a, "text", 4), &n);
    int rc = ty_buf_puts(out, "bot: ");
    for (size_t i = 0; s && i < n && !rc; i++) rc = s[i] == '\n' ? ty_buf_puts(out, "\n     ") : ty_buf_putc(out, s[i]);
    rc = chat_end(c, out, start, rc);
    const ty_value *choices = ty_value_get(a, "choices", 7);
    size_t k = ty_value_kind(choices) == TY_LIST ? ty_value_count(choices) : 0;
    if (rc || !k) return rc;
    start = out->len;
    rc = ty_buf_puts(out, "    ");
    for (size_t i = 0; i < k && !rc; i++) {
        rc = i < 26 ? ty_cli_printf(out, "%s[%c] ", i ? "  " : " ", CHAT_LETTERS[i])
                    : ty_cli_printf(out, "  [%zu] ", i + 1);
        if (!rc) rc = chat_member(out, ty_value_item(choices, i), "title", "None");
    }
    return chat_end(c, out, start, rc);
}

/* "--- handed off to a person (reason) ---", the summary's lines, the note. */
static int chat_handoff(ty_chat *c, ty_buf *out, const ty_value *a) {
    size_t start = out->len, n, next;
    int rc = ty_buf_puts(out, "--- handed off to a person (");
    if (!rc) rc = chat_member(out, a, "reason", "requested");
    if (!rc) rc = ty_buf_puts(out, ") ---");
    rc = chat_end(c, out, start, rc);
    const char *s = ty_value_string(ty_value_get(a, "summary", 7), &n);
    for (size_t i = 0; s && i < n && !rc; i = next) {
        size_t end = i + ty_cli_line(s + i, n - i, &next);
        next += i;
        start = out->len;
        rc = ty_buf_puts(out, "    ");
        if (!rc) rc = ty_buf_append(out, s + i, end - i);
        rc = chat_end(c, out, start, rc);
    }
    static const char silent[] = "    (the bot stays silent until /resume hands the chat back)";
    return rc ? rc : chat_say(c, out, silent, sizeof silent - 1);
}

/* "     (follow-up due Tue 24 Nov 14:00)" when verbose. */
static int chat_schedule(ty_chat *c, ty_buf *out, const ty_value *a) {
    if (!c->verbose) return TY_OK;
    ty_buf why;
    ty_buf_init(&why, out->alloc);
    int rc = chat_member(&why, a, "why", "followup");
    size_t start = out->len;
    if (!rc) rc = ty_buf_puts(out, "     (");
    for (size_t i = 0; !rc && i < why.len; i++)
        rc = i + 8 <= why.len && !memcmp(why.ptr + i, "followup", 8) ? (i += 7, ty_buf_puts(out, "follow-up"))
                                                                   : ty_buf_putc(out, why.ptr[i]);
    ty_buf_free(&why);
    char clock[40];
    int64_t year;
    double at = ty_value_number(ty_value_get(a, "at", 2));
    if (!rc) rc = ty_cli_printf(out, " due %s)", chat_clock(c, (int64_t)at, clock, &year) ? clock : "?");
    return chat_end(c, out, start, rc);
}

/* "--- kind: {json} ---" for an action this session does not know. */
static int chat_other(ty_chat *c, ty_buf *out, const ty_value *a) {
    size_t start = out->len;
    int rc = ty_buf_puts(out, "--- ");
    if (!rc) rc = chat_member(out, a, "type", "None");
    if (!rc) rc = ty_buf_puts(out, ": ");
    if (!rc) rc = ty_value_write_json_pretty(a, -1, out, NULL);
    if (!rc) rc = ty_buf_puts(out, " ---");
    return chat_end(c, out, start, rc);
}

/* Whether v is the string s. */
static bool chat_is(const ty_value *v, const char *s) {
    size_t n;
    const char *t = ty_value_string(v, &n);
    return t && n == strlen(s) && !memcmp(t, s, n);
}

/* One action as the customer (or, for the rest, the operator) sees it. */
static int chat_action(ty_chat *c, ty_buf *out, const ty_value *a) {
    const ty_value *type = ty_value_get(a, "type", 4);
    if (chat_is(type, "send")) return chat_send(c, out, a);
    if (chat_is(type, "schedule")) return chat_schedule(c, out, a);
    if (chat_is(type, "handoff")) return chat_handoff(c, out, a);
    if (!chat_is(type, "close")) return chat_other(c, out, a);
    size_t start = out->len;
    int rc = ty_buf_puts(out, "--- conversation closed: ");
    if (!rc) rc = chat_member(out, a, "outcome", "closed");
    if (!rc) rc = ty_buf_puts(out, " ---");
    return chat_end(c, out, start, rc);
}

/* A step result's actions, then its events (an opt-out; all when verbose). */
static int chat_show(ty_chat *c, ty_buf *out, const ty_value *result) {
    const ty_value *actions = ty_value_get(result, "actions", 7), *events = ty_value_get(result, "events", 6);
    int rc = TY_OK;
    for (size_t i = 0; i < ty_value_count(actions) && !rc; i++) rc = chat_action(c, out, ty_value_item(actions, i));
    for (size_t i = 0; i < ty_value_count(events) && !rc; i++) {
        const ty_value *e = ty_value_item(events, i);
        static const char opted[] = "--- opted out: no more messages unless the customer sends START ---";
        if (chat_is(ty_value_get(e, "type", 4), "opt_out")) rc = chat_say(c, out, opted, sizeof opted - 1);
        if (rc || !c->verbose) continue;
        size_t start = out->len;
        rc = ty_buf_puts(out, "     event ");
        if (!rc) rc = ty_value_write_json_pretty(e, -1, out, NULL);
        rc = chat_end(c, out, start, rc);
    }
    return rc;
}

/* ---- stepping ---------------------------------------------------------- */

/* The state of the last step, or NULL before the first. */
static const ty_value *chat_state(const ty_chat *c) {
    return c->result ? ty_value_get(ty_doc_root(c->result), "state", 5) : NULL;
}

/* Adds {"type": "step", "event", "result"} (result NULL: it failed) to the log. */
static int chat_log_step(ty_chat *c, const ty_value *event, const ty_value *result) {
    if (!c->record) return TY_OK;
    ty_doc *d = c->log;
    ty_value *m = ty_val_map(d), *ev = ty_val_copy(d, event);
    ty_value *res = result ? ty_val_copy(d, result) : ty_val_null(d), *type = ty_val_string(d, "step", 4);
    if (!m || !ev || !res || !type) return TY_E_NOMEM;
    if (ty_map_put(d, m, "type", 4, type) || ty_map_put(d, m, "event", 5, ev) || ty_map_put(d, m, "result", 6, res))
        return TY_E_NOMEM;
    return ty_list_push(d, (ty_value *)ty_doc_root(d), m) ? TY_E_NOMEM : TY_OK;
}

/* Steps the conversation with event: the result is shown and becomes the
 * state, or "error: ..." is printed. *ok tells which; returns a code only
 * for running out of memory. */
static int chat_step(ty_chat *c, ty_buf *out, const ty_value *event, bool *ok) {
    ty_error e;
    ty_doc *res = ty_playbook_step(c->pb, chat_state(c), event, &e);
    *ok = res != NULL;
    if (!res && e.code == TY_E_NOMEM) return TY_E_NOMEM;
    int rc = chat_log_step(c, event, res ? ty_doc_root(res) : NULL);
    if (!res) {
        size_t start = out->len;
        if (!rc) rc = ty_cli_printf(out, "error: %s", e.message);
        return chat_end(c, out, start, rc);
    }
    if (rc) {
        ty_doc_free(res);
        return rc;
    }
    ty_doc_free(c->result);
    c->result = res;
    const ty_value *due = ty_value_get(chat_state(c), "due", 3);
    c->has_due = ty_value_kind(due) == TY_NUMBER;
    c->due = ty_value_number(due);
    return chat_show(c, out, ty_doc_root(res));
}

/* A new event {"type", "at", "conversation"[, "channel"][, "text"[, "data"]]} in d. */
static ty_value *chat_event(const ty_chat *c, ty_doc *d, const char *type, const char *text, size_t n) {
    ty_value *ev = ty_val_map(d), *t = ty_val_string(d, type, strlen(type)), *at = ty_val_number(d, (double)c->now);
    ty_value *conv = ty_val_string(d, c->conversation, c->conversation_len);
    if (!ev || !t || !at || !conv || ty_map_put(d, ev, "type", 4, t) || ty_map_put(d, ev, "at", 2, at) ||
        ty_map_put(d, ev, "conversation", 12, conv))
        return NULL;
    ty_value *ch = c->channel_len ? ty_val_string(d, c->channel, c->channel_len) : NULL;
    if (c->channel_len && (!ch || ty_map_put(d, ev, "channel", 7, ch))) return NULL;
    if (!text) return ev;
    ty_value *tv = ty_val_string(d, text, n), *data = c->data ? ty_val_copy(d, c->data) : NULL;
    if (!tv || ty_map_put(d, ev, "text", 4, tv)) return NULL;
    if (c->data && (!data || ty_map_put(d, ev, "data", 4, data))) return NULL;
    return ev;
}

/* Steps with a new event of `type` (text: a message's) at the clock. */
static int chat_send_event(ty_chat *c, ty_buf *out, const char *type, const char *text, size_t n, bool *ok) {
    *ok = false;
    ty_doc *d = ty_doc_new(c->alloc);
    ty_value *ev = d ? chat_event(c, d, type, text, n) : NULL;
    int rc = ev ? chat_step(c, out, ev, ok) : TY_E_NOMEM;
    ty_doc_free(d);
    return rc;
}

/* A customer message: STEP_SECONDS after the one before. */
static int chat_message(ty_chat *c, ty_buf *out, const char *text, size_t n) {
    if (c->started) c->now += TY_CHAT_STEP_SECONDS;
    c->started = true;
    int rc = TY_OK;
    if (c->echo == TY_CHAT_ECHO_MESSAGES) {
        size_t start = out->len;
        rc = chat_end(c, out, start, ty_buf_puts(out, "you: ") || ty_buf_append(out, text, n) ? TY_E_NOMEM : TY_OK);
    }
    bool ok;
    return rc ? rc : chat_send_event(c, out, "message", text, n, &ok);
}

/* ---- time passing -------------------------------------------------------- */

/* "1d2h3m4s" of secs ("0s" for none). */
static void chat_human(int64_t secs, char dst[64]) {
    static const struct { char unit; int64_t n; } units[] = {{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};
    size_t k = 0;
    for (size_t i = 0; i < 4; i++) {
        if (secs < units[i].n) continue;
        k += (size_t)snprintf(dst + k, 64 - k, "%lld%c", (long long)(secs / units[i].n), units[i].unit);
        secs %= units[i].n;
    }
    if (!k) snprintf(dst, 64, "0s");
}

/* Adds {"type": "wait", "at", "seconds", "text": "4h later"} to the log. */
static int chat_log_wait(ty_chat *c, int64_t secs, const char *human) {
    if (!c->record) return TY_OK;
    ty_doc *d = c->log;
    char text[80];
    int n = snprintf(text, sizeof text, "%s later", human);
    ty_value *m = ty_val_map(d), *type = ty_val_string(d, "wait", 4), *at = ty_val_number(d, (double)c->now);
    ty_value *s = ty_val_number(d, (double)secs), *t = ty_val_string(d, text, (size_t)n);
    if (!m || !type || !at || !s || !t || ty_map_put(d, m, "type", 4, type) || ty_map_put(d, m, "at", 2, at) ||
        ty_map_put(d, m, "seconds", 7, s) || ty_map_put(d, m, "text", 4, t))
        return TY_E_NOMEM;
    return ty_list_push(d, (ty_value *)ty_doc_root(d), m) ? TY_E_NOMEM : TY_OK;
}

/* Lets secs pass: a tick at each due time on the way (at most
 * TY_CHAT_MAX_TICKS_PER_WAIT), then the clock moves to the end. */
static int chat_wait(ty_chat *c, ty_buf *out, int64_t secs) {
    char human[64], clock[40];
    int64_t year, end = secs > CHAT_TIME_MAX * 20000 ? INT64_MAX : c->now + secs;
    chat_human(secs, human);
    int rc = chat_log_wait(c, secs, human);
    size_t start = out->len;
    if (!rc && !chat_clock(c, end, clock, &year))
        return chat_end(c, out, start, ty_cli_printf(out, "error: year %lld is out of range", (long long)year));
    if (!rc) rc = chat_end(c, out, start, ty_cli_printf(out, "... %s later: %s", human, clock));
    for (int i = 0; i < TY_CHAT_MAX_TICKS_PER_WAIT && !rc; i++) {
        if (!chat_state(c) || !c->has_due || c->due > (double)end || c->due < (double)c->now) break;
        c->has_due = false;
        c->now = (int64_t)c->due;
        start = out->len;
        rc = chat_end(c, out, start, ty_cli_printf(out, "[%s]", chat_clock(c, c->now, clock, &year) ? clock : "?"));
        bool ok = false;
        if (!rc) rc = chat_send_event(c, out, "tick", NULL, 0, &ok);
        if (!ok) break;
    }
    if (!rc) c->now = end;
    return rc;
}

/* Reads digits then a unit ("90s", "4 h") at s[*i]: its seconds (past
 * INT64_MAX: INT64_MAX), and *i moves past it; false when there is none. */
static bool chat_duration_part(const char *s, size_t n, size_t *i, int64_t *secs) {
    size_t j = *i, d = 0;
    int64_t x = 0;
    for (; j < n && s[j] >= '0' && s[j] <= '9'; j++, d++) x = x > (INT64_MAX - 9) / 10 ? INT64_MAX : x * 10 + (s[j] - '0');
    const char *rest = s + j;
    size_t rl = n - j;
    ty_cli_strip(&rest, &rl, true, false);
    char u = rl ? (char)(*rest | 0x20) : 0;
    if (!d || !u || !strchr("smhd", u)) return false;
    int64_t unit = u == 's' ? 1 : u == 'm' ? 60 : u == 'h' ? 3600 : 86400;
    *secs = x > INT64_MAX / unit ? INT64_MAX : x * unit;
    *i = (size_t)(rest + 1 - s);
    return true;
}

/* Seconds in "90s", "15m", "4h", "2d", "1h30m" or a bare number of seconds
 * (spaces around and between the parts; upper-case units too). */
static bool chat_duration(const char *s, size_t n, int64_t *secs) {
    ty_cli_strip(&s, &n, true, true);
    bool digits = n > 0;
    for (size_t k = 0; k < n; k++) digits = digits && s[k] >= '0' && s[k] <= '9';
    int64_t total = 0, part;
    for (size_t k = 0; digits && k < n; k++) total = total > (INT64_MAX - 9) / 10 ? INT64_MAX : total * 10 + (s[k] - '0');
    *secs = total;
    if (digits) return true;
    size_t i = 0, j;
    bool any = false;
    for (;;) {
        const char *p = s + i;
        size_t pn = n - i;
        ty_cli_strip(&p, &pn, true, false);
        j = (size_t)(p - s);
        if (j == n || !chat_duration_part(s, n, &j, &part)) break;
        total = total > INT64_MAX - part ? INT64_MAX : total + part;
        i = j;
        any = true;
    }
    *secs = total;
    return any && i == n;
}

/* Appends "not a duration: 'text' (try ...)" of text stripped and lower-cased. */
static int chat_duration_error(ty_buf *out, const char *arg, size_t n) {
    ty_buf low;
    ty_buf_init(&low, out->alloc);
    ty_cli_strip(&arg, &n, true, true);
    int rc = ty_cli_lower(&low, arg, n);
    if (!rc) rc = ty_buf_puts(out, "not a duration: ");
    if (!rc) rc = ty_cli_repr(out, low.ptr ? low.ptr : "", low.len);
    if (!rc) rc = ty_buf_puts(out, " (try 90s, 15m, 4h or 2d)");
    ty_buf_free(&low);
    return rc;
}

int ty_duration_parse(const char *text, size_t len, int64_t *seconds, ty_error *err) {
    ty_err_clear(err);
    size_t bad;
    if (!text || !seconds) return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "duration: no text");
    if (ty_utf8_check(text, len, &bad)) return ty_err_set(err, TY_DOMAIN_NONE, TY_E_UTF8, "duration: not UTF-8");
    if (chat_duration(text, len, seconds)) return TY_OK;
    ty_buf msg;
    ty_buf_init(&msg, NULL);
    int rc = chat_duration_error(&msg, text, len) ? ty_err_nomem(err, TY_DOMAIN_NONE)
                                                  : ty_err_set(err, TY_DOMAIN_NONE, TY_E_SYNTAX, "%s", msg.ptr);
    ty_buf_free(&msg);
    return rc;
}

/* ---- commands ---------------------------------------------------------- */

/* /wait [duration] (default 4h), or "error: not a duration: '...'". */
static int chat_cmd_wait(ty_chat *c, ty_buf *out, const char *arg, size_t n) {
    int64_t secs;
    if (!n) return chat_wait(c, out, 4 * 3600);
    if (chat_duration(arg, n, &secs)) return chat_wait(c, out, secs);
    size_t start = out->len;
    int rc = ty_buf_puts(out, "error: ");
    return chat_end(c, out, start, rc ? rc : chat_duration_error(out, arg, n));
}

/* /resume: a person hands the conversation back. */
static int chat_cmd_resume(ty_chat *c, ty_buf *out) {
    static const char back[] = "--- a person hands the chat back to the bot ---", none[] = "error: nothing to resume yet";
    int rc = chat_say(c, out, back, sizeof back - 1);
    if (rc) return rc;
    if (!chat_state(c)) return chat_say(c, out, none, sizeof none - 1);
    bool ok;
    return chat_send_event(c, out, "resume", NULL, 0, &ok);
}

/* Whether cmd (lower-cased) is name. */
static bool chat_cmd_is(const ty_buf *cmd, const char *name) {
    return cmd->len == strlen(name) && !memcmp(cmd->ptr, name, cmd->len);
}

/* One slash command (text past the "/"): 1 to go on, 0 to quit, or a code. */
static int chat_command(ty_chat *c, ty_buf *out, const char *text, size_t n) {
    const char *sp = memchr(text, ' ', n);
    size_t cl = sp ? (size_t)(sp - text) : n;
    const char *arg = sp ? sp + 1 : "";
    size_t al = sp ? n - cl - 1 : 0;
    ty_buf cmd;
    ty_buf_init(&cmd, out->alloc);
    int rc = ty_cli_lower(&cmd, text, cl);
    size_t start = out->len;
    if (rc || chat_cmd_is(&cmd, "quit") || chat_cmd_is(&cmd, "exit") || chat_cmd_is(&cmd, "q")) {
        ty_buf_free(&cmd);
        return rc ? rc : 0;
    }
    if (chat_cmd_is(&cmd, "wait")) {
        rc = chat_cmd_wait(c, out, arg, al);
    } else if (chat_cmd_is(&cmd, "state")) {
        rc = chat_end(c, out, start, ty_value_write_json_pretty(chat_state(c), 2, out, NULL));
    } else if (chat_cmd_is(&cmd, "resume")) {
        rc = chat_cmd_resume(c, out);
    } else if (chat_cmd_is(&cmd, "note")) {
        if (!c->blank) rc = chat_say(c, out, "", 0);
        start = out->len;
        if (!rc) rc = chat_end(c, out, start, ty_buf_puts(out, "# ") || ty_buf_append(out, arg, al) ? TY_E_NOMEM : 0);
    } else if (chat_cmd_is(&cmd, "help")) {
        rc = chat_say(c, out, chat_help, sizeof chat_help - 1);
    } else {
        rc = chat_end(c, out, start, ty_cli_printf(out, "error: unknown command /%.*s (try /help)", (int)cmd.len,
                                                   cmd.ptr ? cmd.ptr : ""));
    }
    ty_buf_free(&cmd);
    return rc ? rc : 1;
}

/* "> line" for a line read from a pipe (not blank, not a /note). */
static int chat_echo(ty_chat *c, ty_buf *out, const char *line, size_t n) {
    const char *s = line;
    size_t k = n;
    ty_cli_strip(&s, &k, true, false);
    if (!k || (k >= 5 && !memcmp(s, "/note", 5))) return TY_OK;
    size_t start = out->len;
    return chat_end(c, out, start, ty_buf_puts(out, "> ") || ty_buf_append(out, line, n) ? TY_E_NOMEM : TY_OK);
}

/* ---- the session ----------------------------------------------------------- */

/* Starts the log of this feed (recording only): a new empty list. */
static int chat_log_reset(ty_chat *c) {
    if (!c->record) return TY_OK;
    ty_doc_free(c->log);
    c->log = ty_doc_new(c->alloc);
    ty_value *list = c->log ? ty_val_list(c->log) : NULL;
    if (!list) return TY_E_NOMEM;
    ty_doc_set_root(c->log, list);
    return TY_OK;
}

int ty_chat_feed(ty_chat *chat, const char *line, size_t len, ty_buf *out, ty_error *err) {
    ty_err_clear(err);
    size_t bad;
    if (!chat || !out || (!line && len)) return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "chat feed: no chat or output");
    if (!line) line = "";
    if (ty_utf8_check(line, len, &bad)) {
        ty_err_at(err, line, len, bad);
        return ty_err_set(err, TY_DOMAIN_NONE, TY_E_UTF8, "chat feed: the line is not valid UTF-8");
    }
    size_t mark = out->len;
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
    int rc = chat_log_reset(chat);
    if (!rc && chat->echo == TY_CHAT_ECHO_LINES) rc = chat_echo(chat, out, line, len);
    ty_cli_strip(&line, &len, true, true);
    if (!rc && len && line[0] == '/') rc = chat_command(chat, out, line + 1, len - 1);
    else if (!rc && len) rc = chat_message(chat, out, line, len) ? TY_E_NOMEM : 1;
    else if (!rc) rc = 1; /* a blank line */
    if (rc >= 0) return rc;
    out->len = mark;
    if (out->ptr) out->ptr[mark] = '\0';
    return ty_err_nomem(err, TY_DOMAIN_NONE);
}

/* Copies the options' strings and data into c->keep; false when out of memory. */
static bool chat_keep(ty_chat *c, const ty_chat_opts *o) {
    ty_doc *d = c->keep = ty_doc_new(c->alloc);
    const char *conv = o->conversation ? o->conversation : "chat-1";
    size_t cl = o->conversation ? o->conversation_len : 6;
    ty_value *cv = d ? ty_val_string(d, conv, cl) : NULL, *ch = d ? ty_val_string(d, o->channel ? o->channel : "",
                                                                                   o->channel ? o->channel_len : 0)
                                                                 : NULL;
    ty_value *data = d && o->data ? ty_val_copy(d, o->data) : NULL;
    if (!cv || !ch || (o->data && !data)) return false;
    c->conversation = ty_value_string(cv, &c->conversation_len);
    c->channel = ty_value_string(ch, &c->channel_len);
    c->data = data;
    return true;
}

ty_chat *ty_chat_new(const ty_playbook *pb, const ty_chat_opts *opts, ty_error *err) {
    ty_err_clear(err);
    ty_chat_opts none;
    memset(&none, 0, sizeof none);
    const ty_chat_opts *o = opts ? opts : &none;
    size_t bad;
    if (!pb) return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "chat: no playbook"), NULL;
    if (o->has_utc_offset && (o->utc_offset <= -86400 || o->utc_offset >= 86400))
        return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "chat: utc_offset must be within a day"), NULL;
    if ((o->conversation && ty_utf8_check(o->conversation, o->conversation_len, &bad)) ||
        (o->channel && ty_utf8_check(o->channel, o->channel_len, &bad)))
        return ty_err_set(err, TY_DOMAIN_NONE, TY_E_UTF8, "chat: conversation and channel must be UTF-8"), NULL;
    ty_chat *c = ty_mem_alloc(o->alloc, sizeof *c);
    if (!c) return ty_err_nomem(err, TY_DOMAIN_NONE), NULL;
    memset(c, 0, sizeof *c);
    c->alloc = o->alloc;
    c->pb = pb;
    c->now = o->has_start ? o->start : TY_CHAT_EPOCH;
    c->offset = o->has_utc_offset ? o->utc_offset : pb->utc_offset;
    c->echo = o->echo;
    c->verbose = o->verbose != 0;
    c->record = o->record != 0;
    c->is_default = o->is_default != 0;
    c->blank = true;
    if (!chat_keep(c, o) || chat_log_reset(c)) {
        ty_chat_free(c);
        return ty_err_nomem(err, TY_DOMAIN_NONE), NULL;
    }
    return c;
}

int ty_chat_header(ty_chat *chat, ty_buf *out, ty_error *err) {
    ty_err_clear(err);
    if (!chat || !out) return ty_err_set(err, TY_DOMAIN_NONE, TY_E_ARG, "chat header: no chat or output");
    size_t mark = out->len;
    const ty_playbook *pb = chat->pb;
    int rc = ty_cli_printf(out, "tinyyes chat with %.*s%s\n", pb->name_len ? (int)pb->name_len : 8,
                           pb->name_len ? pb->name : "playbook", chat->is_default ? " (the default playbook)" : "");
    char clock[40], zone[16] = "";
    int64_t year;
    int32_t a = chat->offset < 0 ? -chat->offset : chat->offset;
    if (chat->offset)
        snprintf(zone, sizeof zone, a % 60 ? "%c%02d%02d%02d" : "%c%02d%02d", chat->offset < 0 ? '-' : '+',
                 (int)(a / 3600), (int)(a / 60 % 60), (int)(a % 60));
    if (!rc)
        rc = ty_cli_printf(out, "Virtual clock: %s (UTC%s). %s\n\n",
                           chat_clock(chat, chat->now, clock, &year) ? clock : "?", zone, chat_help);
    chat->blank = true;
    if (!rc) return TY_OK;
    out->len = mark;
    if (out->ptr) out->ptr[mark] = '\0';
    return ty_err_nomem(err, TY_DOMAIN_NONE);
}

const ty_value *ty_chat_state(const ty_chat *chat) { return chat ? chat_state(chat) : NULL; }

const ty_value *ty_chat_log(const ty_chat *chat) { return chat && chat->log ? ty_doc_root(chat->log) : NULL; }

void ty_chat_free(ty_chat *chat) {
    if (!chat) return;
    ty_doc_free(chat->keep);
    ty_doc_free(chat->result);
    ty_doc_free(chat->log);
    ty_mem_free(chat->alloc, chat);
}

#undef CHAT_LETTERS
#undef CHAT_TIME_MAX
