/*
 * flow_render.c — what the bot says: the template context read lazily
 * through ty_data_ops, the text and wording a conversation is given
 * (flow_pick, flow_wording_of), {{question}}, the send action with its
 * choices and WhatsApp template, the no-repeat rule of flow_send_led, and
 * built-in messages.
 */
#include "flow_internal.h"

#include <stdio.h>

#include "civil.h"
#include "show.h"

/* ===================================================================== *
 * Rendering: the template context is read lazily through ty_data_ops, so
 * nothing is copied: `options` (the current ask), then the filled slots,
 * then the event's data. A choice slot reads as its title ({{slot}}) and
 * has {{slot.id}} and {{slot.title}}; a date, time, money or number slot
 * reads as a person writes it ({{day}} is "Saturday 28 November") and has
 * its parts ({{day.iso}}, {{day.weekday}}, ...: show.c builds them).
 * ===================================================================== */

/* FLOW_REF_SHOWN: a map from ty_show_value; it renders as its "text". */
enum { FLOW_REF_ROOT = 0, FLOW_REF_VALUE, FLOW_REF_CHOICE, FLOW_REF_SHOWN };

typedef struct flow_ref {
    int tag;
    const ty_value *v;
} flow_ref;

enum { FLOW_DOTTED = 4 };

typedef struct flow_render {
    flow_cx *c;
    const ty_value *options; /* list of {id,title,letter,index,first,last} */
    flow_ref root;
    int depth;               /* 1 while rendering for {{question}} */
    /* the ends of up to FLOW_DOTTED values read that end in '.' ("5 p. m."),
     * so a full stop of the text right after one is dropped (flow_absorb_stops) */
    char dotted[FLOW_DOTTED][8];
    int ndotted;
} flow_render;

static int flow_question(flow_render *r, const ty_value **out);

static const flow_ref *flow_ref_new(flow_render *r, int tag, const ty_value *v) {
    flow_ref *f = ty_arena_alloc(r->c->scratch, sizeof *f);
    if (!f) return NULL;
    f->tag = tag;
    f->v = v;
    return f;
}

/* How values are shown to the customer of this event: the playbook's
 * language and clock, relative to the message's local day. */
static ty_show_cx flow_show_cx(const flow_cx *c) {
    ty_show_cx x;
    x.w = c->words;
    x.today = ty_civil_local_day(c->show_at >= 0 ? c->show_at : c->ev.at, flow_offset(c));
    x.has_today = true;
    x.clock = c->pb->clock;
    return x;
}

static int flow_op_kind(void *ctx, ty_ref v) {
    (void)ctx;
    const flow_ref *f = v;
    if (f->tag == FLOW_REF_ROOT) return TY_MAP;
    if (f->tag == FLOW_REF_CHOICE || f->tag == FLOW_REF_SHOWN) return TY_MAP;
    return ty_value_kind(f->v);
}

static int flow_op_get(void *ctx, ty_ref map, const char *key, size_t len, ty_ref *out) {
    flow_render *r = ctx;
    const flow_ref *f = map;
    const ty_value *found = NULL;
    int tag = FLOW_REF_VALUE;
    if (f->tag == FLOW_REF_ROOT) {
        const flow_cx *c = r->c;
        int32_t si;
        if (c->extra && (found = ty_value_get(c->extra, key, len))) {
            /* a built-in message's own values */
        } else if (flow_eq(key, len, "options")) {
            found = r->options;
        } else if (c->reminder && flow_eq(key, len, "reminder") && ty_pb_slot_find(c->pb, key, len) < 0) {
            found = c->reminder;
            tag = FLOW_REF_SHOWN;
        } else if (flow_eq(key, len, "question") && ty_pb_slot_find(c->pb, key, len) < 0 && r->depth == 0) {
            int rc = flow_question(r, &found);
            if (rc) return rc;
        } else if ((si = ty_pb_slot_find(c->pb, key, len)) >= 0 && c->st.slots[si]) {
            found = c->st.slots[si];
            if (c->pb->slots[si].type == TY_SLOT_CHOICE) tag = FLOW_REF_CHOICE;
            int rc;
            ty_show_cx sx = flow_show_cx(r->c);
            const ty_value *shown = ty_show_value(&sx, c->pb->slots[si].type, found, c->tmp, &r->c->showbuf, &rc);
            if (rc) return rc;
            if (shown) {
                found = shown;
                tag = FLOW_REF_SHOWN;
            }
        } else {
            found = ty_value_get(c->ev.data, key, len);
        }
    } else {
        found = ty_value_get(f->v, key, len);
    }
    if (!found) return 0;
    const flow_ref *n = flow_ref_new(r, tag, found);
    if (!n) return TY_E_NOMEM;
    *out = n;
    return 1;
}

static int flow_op_count(void *ctx, ty_ref list, size_t *n) {
    (void)ctx;
    const flow_ref *f = list;
    *n = f->tag == FLOW_REF_VALUE ? ty_value_count(f->v) : 0;
    return TY_OK;
}

static int flow_op_item(void *ctx, ty_ref list, size_t i, ty_ref *out) {
    flow_render *r = ctx;
    const flow_ref *f = list;
    const ty_value *v = f->tag == FLOW_REF_VALUE ? ty_value_item(f->v, i) : NULL;
    if (!v) return TY_E_ARG;
    const flow_ref *n = flow_ref_new(r, FLOW_REF_VALUE, v);
    if (!n) return TY_E_NOMEM;
    *out = n;
    return TY_OK;
}

/* Keeps the last bytes of a value s[0..n) read for the text when it ends
 * in a full stop (flow_render's dotted). */
static void flow_note_dotted(flow_render *r, const char *s, size_t n) {
    if (!n || s[n - 1] != '.' || r->ndotted >= FLOW_DOTTED) return;
    size_t k = n < sizeof r->dotted[0] - 1 ? n : sizeof r->dotted[0] - 1;
    for (int i = 0; i < r->ndotted; i++)
        if (strlen(r->dotted[i]) == k && memcmp(r->dotted[i], s + n - k, k) == 0) return; /* "5 p. m.", "6 p. m." */
    memcpy(r->dotted[r->ndotted], s + n - k, k);
    r->dotted[r->ndotted++][k] = '\0';
}

/* Drops the second of two full stops in dst where the first ends a value
 * noted by flow_note_dotted: "abrimos de 8 a. m. a 7 p. m.." reads "...7 p. m.". */
static void flow_absorb_stops(const flow_render *r, ty_buf *dst) {
    for (size_t i = 1; r->ndotted && i < dst->len; i++) {
        if (dst->ptr[i] != '.' || dst->ptr[i - 1] != '.') continue;
        if ((i >= 2 && dst->ptr[i - 2] == '.') || (i + 1 < dst->len && dst->ptr[i + 1] == '.')) continue; /* "..." */
        for (int k = 0; k < r->ndotted; k++) {
            size_t n = strlen(r->dotted[k]);
            if (n > i || memcmp(dst->ptr + i - n, r->dotted[k], n) != 0) continue;
            memmove(dst->ptr + i, dst->ptr + i + 1, dst->len - i - 1);
            dst->len--;
            break;
        }
    }
}

static int flow_op_string(void *ctx, ty_ref v, const char **s, size_t *len) {
    const flow_ref *f = v;
    const ty_value *x = f->tag == FLOW_REF_CHOICE  ? ty_value_get(f->v, "title", 5)
                        : f->tag == FLOW_REF_SHOWN ? ty_value_get(f->v, "text", 4)
                                                   : f->v;
    *s = ty_value_string(x, len);
    if (*s) flow_note_dotted(ctx, *s, *len);
    return *s ? TY_OK : TY_E_ARG;
}

static int flow_op_number(void *ctx, ty_ref v, double *out) {
    (void)ctx;
    *out = ty_value_number(((const flow_ref *)v)->v);
    return TY_OK;
}

/* A filled choice slot renders as its title through {{slot}}, a shown
 * value as its text. */
static int flow_op_text(void *ctx, ty_ref v, const char **s, size_t *len) {
    const flow_ref *f = v;
    if (f->tag != FLOW_REF_CHOICE && f->tag != FLOW_REF_SHOWN) return 0;
    *s = ty_value_string(ty_value_get(f->v, f->tag == FLOW_REF_CHOICE ? "title" : "text", f->tag == FLOW_REF_CHOICE ? 5 : 4), len);
    if (*s) flow_note_dotted(ctx, *s, *len);
    return *s ? 1 : 0;
}

static const ty_data_ops flow_data_ops = {
    flow_op_kind, flow_op_get, flow_op_count, flow_op_item, flow_op_string, flow_op_number, NULL, flow_op_text,
};

/* Builds the `options` list of the context in c->tmp. */
static const ty_value *flow_options_value(flow_cx *c, const ty_option *opts, size_t n) {
    ty_doc *d = c->tmp;
    ty_value *list = ty_val_list(d);
    for (size_t i = 0; list && i < n; i++) {
        char letter[24];
        if (i < 26) {
            letter[0] = (char)('A' + i);
            letter[1] = '\0';
        } else {
            snprintf(letter, sizeof letter, "%zu", i + 1);
        }
        ty_value *m = ty_val_map(d);
        ty_value *id = ty_val_string(d, opts[i].id, opts[i].id_len);
        ty_value *title = ty_val_string(d, opts[i].title, opts[i].title_len);
        ty_value *lt = ty_val_string(d, letter, strlen(letter));
        ty_value *ix = ty_val_number(d, (double)(i + 1));
        ty_value *first = ty_val_bool(d, i == 0), *last = ty_val_bool(d, i + 1 == n);
        if (!m || !id || !title || !lt || !ix || !first || !last || ty_map_put_nocopy(d, m, "id", 2, id) ||
            ty_map_put_nocopy(d, m, "title", 5, title) || ty_map_put_nocopy(d, m, "letter", 6, lt) ||
            ty_map_put_nocopy(d, m, "index", 5, ix) || ty_map_put_nocopy(d, m, "first", 5, first) ||
            ty_map_put_nocopy(d, m, "last", 4, last) || ty_list_push(d, list, m))
            return NULL;
    }
    return list;
}

/* Template ti in the conversation's language (the playbook's own where the
 * language has no translation of it). */
static const ty_pb_template *flow_tpl(const flow_cx *c, int32_t ti) {
    const ty_pb_template *t = &c->lang->templates[ti];
    return t->text ? t : &c->pb->templates[ti];
}

/* The compiled text to use: the event's (else the state's) channel text
 * when the template has one, else text or a variant picked by FNV-1a over
 * (conversation, step, template). */
static const ty_template *flow_pick(flow_cx *c, const ty_pb_template *t, int32_t flow, int32_t step) {
    flow_str ch = c->ev.channel.s ? c->ev.channel : c->st.channel;
    if (ch.s) {
        int k = ty_pb_channel_parse(ch.s, ch.n);
        if (k >= 0 && t->channels[k]) return t->channels[k];
    }
    if (!t->nvariants) return t->text;
    uint64_t h = FLOW_FNV_BASIS;
    if (c->st.conv.s) h = flow_fnv(h, c->st.conv.s, c->st.conv.n);
    h = flow_fnv(h, "\x1f", 1);
    if (flow >= 0 && step >= 0) h = flow_fnv(h, c->pb->flows[flow].steps[step].id, c->pb->flows[flow].steps[step].id_len);
    h = flow_fnv(h, "\x1f", 1);
    h = flow_fnv(h, t->name, t->name_len);
    /* mix before taking the remainder: FNV-1a's low bits follow the input's
     * parity, which would tie one conversation's wordings across steps */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    uint64_t k = h % (uint64_t)(t->nvariants + 1);
    return k == 0 ? t->text : t->variants[k - 1];
}

/* Writes s after dst[0..at) within cap bytes (cut as snprintf cuts) and
 * NUL-terminates; returns the new length. Borrows nothing. */
static size_t flow_cat(char *dst, size_t cap, size_t at, const char *s) {
    while (*s && at + 1 < cap) dst[at++] = *s++;
    dst[at] = '\0';
    return at;
}

/* The decimal digits of x in dst[24] (returned). */
static const char *flow_utoa(size_t x, char dst[24]) {
    char *p = dst + 23;
    *p = '\0';
    do *--p = (char)('0' + x % 10); while ((x /= 10) != 0);
    return p;
}

/* Sets *w to template t and the id of its wording x: "text", "v1", ...
 * for variants[0], ..., or the channel's name. */
static void flow_wording_of(const flow_cx *c, const ty_pb_template *t, const ty_template *x, flow_wording *w) {
    w->tpl = t->name;
    w->tpl_len = t->name_len;
    char id[24], digits[24];
    flow_cat(id, sizeof id, 0, "text");
    for (size_t i = 0; i < t->nvariants; i++)
        if (x == t->variants[i]) flow_cat(id, sizeof id, flow_cat(id, sizeof id, 0, "v"), flow_utoa(i + 1, digits));
    for (int k = 0; k < TY_PB_CHANNEL_COUNT; k++)
        if (x == t->channels[k]) flow_cat(id, sizeof id, 0, ty_pb_channel_name(k));
    /* a translation's wordings are its own: "es:v1" */
    const ty_pb_lang *l = c->lang;
    bool translated = l && l != c->pb->langs && t >= l->templates && t < l->templates + c->pb->ntemplates;
    size_t at = 0;
    if (translated) at = flow_cat(w->variant, sizeof w->variant, flow_cat(w->variant, sizeof w->variant, 0,
                                                                          l->locale->code), ":");
    flow_cat(w->variant, sizeof w->variant, at, id);
}

/* The wording assigned to the question of step (f, s) (flow.c's
 * header comment);
 * tpl NULL when the step asks nothing or has no `say`. */
static flow_wording flow_assigned(flow_cx *c, int32_t f, int32_t s) {
    flow_wording w = {NULL, 0, ""};
    if (f < 0 || s < 0) return w;
    const ty_pb_step *st = &c->pb->flows[f].steps[s];
    if (st->ask < 0 || st->say < 0) return w;
    const ty_pb_template *t = flow_tpl(c, st->say);
    flow_wording_of(c, t, flow_pick(c, t, f, s), &w);
    return w;
}

/* Renders the compiled text tpl (template `name`, for errors) with `opts`
 * as the options into dst (emptied first); depth 1 for the {{question}}
 * render. */
static int flow_render_named(flow_cx *c, const char *name, const ty_template *tpl, const ty_option *opts,
                             size_t nopts, ty_buf *dst, int depth) {
    flow_render r;
    r.c = c;
    r.root.tag = FLOW_REF_ROOT;
    r.root.v = NULL;
    r.depth = depth;
    r.ndotted = 0;
    if (!(r.options = flow_options_value(c, opts, nopts))) return ty_err_nomem(c->err, TY_DOMAIN_TEMPLATE);
    ty_data data;
    data.ops = &flow_data_ops;
    data.ctx = &r;
    data.root = &r.root;
    dst->len = 0;
    ty_error te;
    ty_err_clear(&te);
    int rc = ty_template_render(tpl, &data, dst, &te);
    if (rc) {
        if (rc == TY_E_NOMEM) return ty_err_nomem(c->err, TY_DOMAIN_TEMPLATE);
        ty_err_path(c->err, "templates.%s", name);
        return ty_err_set(c->err, TY_DOMAIN_TEMPLATE, rc, "templates.%s: %s", name, te.message);
    }
    flow_absorb_stops(&r, dst);
    return TY_OK;
}

/* flow_render_named for template ti. */
static int flow_render_into(flow_cx *c, int32_t ti, const ty_template *tpl, const ty_option *opts, size_t nopts,
                            ty_buf *dst, int depth) {
    return flow_render_named(c, c->pb->templates[ti].name, tpl, opts, nopts, dst, depth);
}

/* Renders into c->buf (flow_render_into). */
static int flow_render_buf(flow_cx *c, int32_t ti, const ty_template *tpl, const ty_option *opts, size_t nopts) {
    return flow_render_into(c, ti, tpl, opts, nopts, &c->buf, 0);
}

/* The last sentence of s[0..n) that asks (ends with '?'), from its opening
 * mark or the end of the sentence before it; n == 0 when none. */
static flow_str flow_last_question(const char *s, size_t n) {
    size_t end = n;
    while (end > 0 && s[end - 1] != '?') end--;
    if (!end) return (flow_str){s, 0};
    size_t i = end - 1;
    while (i > 0 && !((s[i - 1] == '.' || s[i - 1] == '!' || s[i - 1] == '?' || s[i - 1] == ':') && s[i] == ' ')) i--;
    while (i < end && s[i] == ' ') i++;
    for (size_t k = i; k + 1 < end; k++) /* a Spanish opening mark */
        if ((unsigned char)s[k] == 0xC2 && (unsigned char)s[k + 1] == 0xBF) {
            i = k;
            break;
        }
    return (flow_str){s + i, end - i};
}

/* {{question}}: the pending ask in a short form, for follow-ups and
 * re-asks. A choice of two or three: "Tune-up or Full service?"; any other
 * ask: the last sentence of its question that asks. Absent when nothing is
 * pending (or the ask has no text). */
static int flow_question(flow_render *r, const ty_value **out) {
    flow_cx *c = r->c;
    *out = NULL;
    if (c->st.flow < 0) return TY_OK;
    const ty_pb_step *step = &c->pb->flows[c->st.flow].steps[c->st.step];
    const ty_slot *slot = &c->pb->slots[step->ask];
    const ty_option *opts;
    size_t nopts;
    int rc = flow_offer(c, slot, &opts, &nopts);
    if (rc) return rc;
    const ty_words *w = c->words;
    ty_buf b;
    ty_buf_init(&b, c->pb->alloc);
    if (slot->type == TY_SLOT_CHOICE && nopts >= 2 && nopts <= 3) {
        rc = ty_buf_puts(&b, w->question_open);
        for (size_t i = 0; !rc && i < nopts; i++) {
            if (i) rc = ty_buf_puts(&b, i + 1 == nopts ? " " : ", ");
            if (!rc && i && i + 1 == nopts) rc = ty_buf_puts(&b, w->or_word), rc = rc ? rc : ty_buf_putc(&b, ' ');
            if (!rc) rc = ty_buf_append(&b, opts[i].title, opts[i].title_len);
        }
        if (!rc) rc = ty_buf_putc(&b, '?');
    } else if (step->say >= 0) {
        const ty_pb_template *t = flow_tpl(c, step->say);
        rc = flow_render_into(c, step->say, flow_pick(c, t, c->st.flow, c->st.step), opts, nopts, &b, 1);
        flow_str q = rc ? (flow_str){"", 0} : flow_last_question(b.ptr ? b.ptr : "", b.len);
        if (!rc && q.n) memmove(b.ptr, q.s, q.n);
        b.len = q.n;
    }
    if (!rc && b.len) *out = ty_val_string(c->tmp, b.ptr, b.len);
    if (!rc && b.len && !*out) rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
    ty_buf_free(&b);
    return rc;
}

/* Renders template ti for step (flow, step) with the current ask's options
 * into a new string in the output doc (*out). */
static int flow_render_text(flow_cx *c, int32_t ti, int32_t flow, int32_t step, const ty_option *opts, size_t nopts,
                            ty_value **out) {
    int rc = flow_render_buf(c, ti, flow_pick(c, flow_tpl(c, ti), flow, step), opts, nopts);
    if (rc) return rc;
    *out = ty_val_string(c->out, c->buf.ptr ? c->buf.ptr : "", c->buf.len);
    return *out ? TY_OK : ty_err_nomem(c->err, TY_DOMAIN_TEMPLATE);
}

/* True when the bot already sent text[0..n) in the transcript: anywhere in
 * it when `all`, else in this step or in the step before the customer's
 * message (what the customer has just read). Texts over the kept length
 * compare by the part kept. */
static bool flow_said(const flow_cx *c, const char *text, size_t n, bool all) {
    bool before = false; /* past the customer's message */
    int64_t batch = -1;  /* the time of the step before it */
    for (int i = c->st.nturns - 1; i >= 0; i--) {
        const flow_turn *t = &c->st.turns[i];
        if (!t->bot) {
            if (before && !all) break;
            before = true;
            continue;
        }
        if (before && !all) {
            if (batch < 0) batch = t->at;
            if (t->at != batch) break;
        }
        if (t->text.n == n && memcmp(t->text.s, text, n) == 0) return true;
        if (n > TY_FLOW_MAX_TURN_TEXT && t->text.n > 3 && t->text.n - 3 <= n &&
            memcmp(t->text.s, text, t->text.n - 3) == 0)
            return true;
    }
    return false;
}

/* The bot's last message in the transcript, or an empty string. */
static flow_str flow_last_said(const flow_cx *c) {
    for (int i = c->st.nturns - 1; i >= 0; i--)
        if (c->st.turns[i].bot) return c->st.turns[i].text;
    return (flow_str){"", 0};
}

/* [{"id", "title"}] of opts in the output doc: a send's choices, or with
 * `kept` the host's options kept in the state, with their "price"; NULL
 * on OOM. */
static ty_value *flow_option_list(flow_cx *c, const ty_option *opts, size_t n, bool kept) {
    int rc = TY_OK;
    ty_value *list = ty_val_list(c->out);
    for (size_t i = 0; i < n; i++) {
        ty_value *o = ty_val_map(c->out);
        flow_put(c, o, "id", ty_val_string(c->out, opts[i].id, opts[i].id_len), &rc);
        flow_put(c, o, "title", ty_val_string(c->out, opts[i].title, opts[i].title_len), &rc);
        if (kept && opts[i].has_price) flow_put(c, o, "price", ty_val_number(c->out, opts[i].price), &rc);
        flow_push(c, list, o, &rc);
    }
    return rc ? NULL : list;
}

/* {"name", "language", "parameters"} of the WhatsApp template approved for
 * the template w names (channels.whatsapp.templates), its parameters
 * rendered now like the text; NULL (and *rc untouched) when it has none. */
static ty_value *flow_whatsapp_template(flow_cx *c, const flow_wording *w, const ty_option *opts, size_t nopts,
                                        int *rc) {
    if (!c->pb->has_whatsapp_templates || !w->tpl || !strcmp(w->variant, "builtin")) return NULL;
    int32_t ti = ty_pb_template_find(c->pb, w->tpl, w->tpl_len);
    const ty_pb_wa_template *wa = ti >= 0 ? c->pb->templates[ti].whatsapp : NULL;
    if (!wa) return NULL;
    ty_value *m = ty_val_map(c->out), *params = ty_val_list(c->out);
    flow_put(c, m, "name", ty_val_string(c->out, wa->name, wa->name_len), rc);
    flow_put(c, m, "language", ty_val_string(c->out, wa->language, wa->language_len), rc);
    ty_buf b;
    ty_buf_init(&b, c->pb->alloc);
    for (size_t i = 0; !*rc && i < wa->nparams; i++) {
        if ((*rc = flow_render_named(c, c->pb->templates[ti].name, wa->params[i], opts, nopts, &b, 0))) break;
        flow_push(c, params, ty_val_string(c->out, b.ptr ? b.ptr : "", b.len), rc);
    }
    ty_buf_free(&b);
    flow_put(c, m, "parameters", params, rc);
    return m;
}

/* Appends a send action {type, text, choices, template, variant, step}
 * and the bot's turn; c->sent becomes w. */
static int flow_emit(flow_cx *c, ty_value *text, const ty_option *opts, size_t nopts, const flow_wording *w,
                     int32_t flow, int32_t step) {
    int rc = TY_OK;
    ty_value *a = ty_val_map_sized(c->out, 8);
    flow_put(c, a, "type", ty_val_string(c->out, "send", 4), &rc);
    flow_put(c, a, "text", text, &rc);
    flow_put(c, a, "choices", flow_option_list(c, opts, nopts, false), &rc);
    flow_put_wording(c, a, w, &rc);
    flow_put(c, a, "step", flow_v_step(c, flow, step), &rc);
    ty_value *wa = flow_whatsapp_template(c, w, opts, nopts, &rc);
    if (wa) flow_put(c, a, "whatsapp_template", wa, &rc);
    if (rc && rc != TY_E_NOMEM) return rc; /* a parameter that cannot render (its error is set) */
    flow_push(c, c->actions, a, &rc);
    c->sent = *w;
    if (!rc) {
        size_t n;
        const char *s2 = ty_value_string(text, &n);
        rc = flow_turn_add(c, true, s2, n);
    }
    return rc ? ty_err_nomem(c->err, TY_DOMAIN_NONE) : TY_OK;
}

/* lead + " " + c->buf as a new string of the output doc (just c->buf
 * without a lead). */
static ty_value *flow_led(flow_cx *c, const char *lead) {
    const char *b = c->buf.ptr ? c->buf.ptr : "";
    if (!lead) return ty_val_string(c->out, b, c->buf.len);
    size_t ln = strlen(lead), n = ln + 1 + c->buf.len;
    char *t = ty_arena_alloc(ty_doc_arena(c->out), n + 1);
    if (!t) return NULL;
    memcpy(t, lead, ln);
    t[ln] = ' ';
    memcpy(t + ln + 1, b, c->buf.len);
    t[n] = '\0';
    return ty_val_string(c->out, t, n);
}

/* The two quick replies of a confirming question, in the playbook's
 * language. */
static void flow_yes_no(const flow_cx *c, ty_option yn[2]) {
    memset(yn, 0, 2 * sizeof *yn);
    yn[0].id = "yes";
    yn[0].id_len = 3;
    yn[0].title = c->judge->yes_title;
    yn[0].title_len = strlen(yn[0].title);
    yn[1].id = "no";
    yn[1].id_len = 2;
    yn[1].title = c->judge->no_title;
    yn[1].title_len = strlen(yn[1].title);
}

/* What an ask offers as quick replies (and as {{#options}}): a choice
 * slot's options, Yes and No for a yes/no slot, else none. */
static int flow_offer(flow_cx *c, const ty_slot *ask, const ty_option **opts, size_t *n) {
    if (ask && c->reoffer) {
        *opts = c->reoffer;
        *n = c->nreoffer;
        return TY_OK;
    }
    if (!ask || ask->type != TY_SLOT_YESNO) return flow_options(c, ask, opts, n);
    ty_option *yn = ty_arena_alloc(c->scratch, 2 * sizeof *yn);
    if (!yn) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    flow_yes_no(c, yn);
    *opts = yn;
    *n = 2;
    return TY_OK;
}

/* Sends template ti as step (flow, step), offering `ask`'s options as
 * choices (flow_offer). In reply to a message, never the same
 * text the customer has just read (nor, for a question asked again, any
 * text still in the transcript): another variant is taken, then the "back"
 * lead before it. Follow-ups and resumes send as written. `lead` (may be
 * NULL) is put before the text whatever it is. */
static int flow_send_led(flow_cx *c, int32_t ti, int32_t flow, int32_t step, const ty_slot *ask, const char *lead,
                         bool reask) {
    const ty_option *opts = NULL;
    size_t nopts = 0;
    int rc = flow_offer(c, ask, &opts, &nopts);
    if (rc) return rc;
    const ty_pb_template *t = flow_tpl(c, ti);
    const ty_template *first = flow_pick(c, t, flow, step);
    /* candidates: the picked text, then the other texts (a channel's own
     * text has none), each plain and then after the lead */
    const ty_template *cands[1 + 32];
    size_t nc = 0;
    cands[nc++] = first;
    bool is_channel = false;
    for (int k = 0; k < TY_PB_CHANNEL_COUNT; k++) is_channel |= first == t->channels[k];
    for (size_t i = 0; !is_channel && i <= t->nvariants && nc < 33; i++) {
        const ty_template *x = i == 0 ? t->text : t->variants[i - 1];
        if (x != first) cands[nc++] = x;
    }
    bool all = reask && step >= 0 && ask != NULL;
    if (c->ev.type != FLOW_EV_MESSAGE && !lead) nc = 1; /* as written, no lead */
    const char *back = c->ev.type == FLOW_EV_MESSAGE ? c->judge->back_lead : NULL;
    ty_value *text = NULL, *fallback = NULL;
    const ty_template *used = first, *fallback_used = first;
    for (size_t j = 0; j < 2 * nc && !text; j++) {
        const char *l = lead ? lead : j >= nc ? back : NULL;
        if ((lead || !back) && j >= nc) break;
        if ((rc = flow_render_buf(c, ti, cands[j % nc], opts, nopts))) return rc;
        ty_value *v = flow_led(c, l);
        if (!v) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
        size_t n;
        const char *s2 = ty_value_string(v, &n);
        if (!flow_said(c, s2, n, all)) {
            text = v;
            used = cands[j % nc];
        } else if (!fallback && !flow_said(c, s2, n, false)) { /* not in the last round, at least */
            fallback = v;
            fallback_used = cands[j % nc];
        }
    }
    if (!text) {
        text = fallback;
        used = fallback_used;
    }
    if (!text) { /* every wording was just sent: the first, after the lead */
        if ((rc = flow_render_buf(c, ti, first, opts, nopts))) return rc;
        if (!(text = flow_led(c, lead ? lead : back))) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
        used = first;
    }
    flow_wording w;
    flow_wording_of(c, t, used, &w);
    return flow_emit(c, text, opts, nopts, &w, flow, step);
}

static int flow_send(flow_cx *c, int32_t ti, int32_t flow, int32_t step, const ty_slot *ask) {
    const char *lead = ask ? c->lead : NULL;
    bool reask = ask && (c->reasking || (c->st.flow == flow && c->st.step == step));
    if (ask) {
        c->lead = NULL;
        c->reasking = false;
    }
    return flow_send_led(c, ti, flow, step, ask, lead, reask);
}

/* Sends template ti as step (flow, step) without the question that closes
 * it and with no choices: the answer of an offer already taken ("A Full
 * service is £95 ... Shall I find you a day?" when the booking is under
 * way). Nothing is sent when the question is all the text says. */
static int flow_send_statement(flow_cx *c, int32_t ti, int32_t flow, int32_t step) {
    const ty_pb_template *t = flow_tpl(c, ti);
    const ty_template *used = flow_pick(c, t, flow, step);
    int rc = flow_render_buf(c, ti, used, NULL, 0);
    if (rc) return rc;
    const char *b = c->buf.ptr ? c->buf.ptr : "";
    size_t n = c->buf.len;
    while (n > 0 && ty_is_space((unsigned char)b[n - 1])) n--;
    flow_str q = flow_last_question(b, n);
    if (q.n && q.s + q.n == b + n) n = (size_t)(q.s - b);
    while (n > 0 && ty_is_space((unsigned char)b[n - 1])) n--;
    if (n == 0) return TY_OK;
    ty_value *text = ty_val_string(c->out, b, n);
    if (!text) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    flow_wording w;
    flow_wording_of(c, t, used, &w);
    return flow_emit(c, text, NULL, 0, &w, flow, step);
}

/* Appends what step asks of flow f agreed, each slot once, yes/no answers
 * aside, as the customer reads it ("Full service, Friday 27 November,
 * Afternoon, Chris"); *any when something was. */
static int flow_recap_values(flow_cx *c, int32_t f, ty_buf *b, bool *any) {
    const ty_pb_flow *fl = &c->pb->flows[f];
    ty_show_cx sx = flow_show_cx(c);
    for (size_t s = 0; s < fl->nsteps; s++) {
        int32_t si = fl->steps[s].ask;
        if (!flow_first_ask(fl, s) || !c->st.slots[si] || c->pb->slots[si].type == TY_SLOT_YESNO) continue;
        int rc = *any ? ty_buf_puts(b, ", ") : TY_OK;
        const ty_value *shown = rc ? NULL : ty_show_value(&sx, c->pb->slots[si].type, c->st.slots[si], c->tmp,
                                                          &c->showbuf, &rc);
        size_t n;
        const char *txt = shown ? ty_value_string(ty_value_get(shown, "text", 4), &n) : NULL;
        if (!rc) rc = txt ? ty_buf_append(b, txt, n) : flow_show_value(c, &c->pb->slots[si], c->st.slots[si], b);
        if (rc) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
        *any = true;
    }
    return TY_OK;
}

/* After a close, a question about what was agreed ("remind me what day I
 * booked for"): the playbook's "recap" template when it has one (it renders
 * with the slots agreed), else the language table's lead and the values
 * the flow of the closed round's intent asked. *sent is false when that
 * round agreed nothing. */
static int flow_send_recap(flow_cx *c, int32_t intent, bool *sent) {
    *sent = false;
    int32_t f = intent >= 0 ? c->pb->intents[intent].flow : -1;
    if (f < 0) return TY_OK;
    if (ty_pb_template_find(c->pb, "recap", 5) >= 0) {
        *sent = true;
        return flow_send_builtin(c, "recap", "", FLOW_BUILTIN_PLAIN);
    }
    ty_buf b;
    ty_buf_init(&b, c->pb->alloc);
    int rc = ty_buf_puts(&b, c->judge->recap);
    if (!rc) rc = ty_buf_putc(&b, ' ');
    if (rc) rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
    if (!rc) rc = flow_recap_values(c, f, &b, sent);
    if (!rc && *sent) rc = ty_buf_putc(&b, '.') ? ty_err_nomem(c->err, TY_DOMAIN_NONE) : TY_OK;
    ty_value *text = !rc && *sent ? ty_val_string(c->out, b.ptr, b.len) : NULL;
    if (!rc && *sent && !text) rc = ty_err_nomem(c->err, TY_DOMAIN_NONE);
    ty_buf_free(&b);
    if (rc || !*sent) return rc;
    flow_wording w = flow_builtin_wording(c, "recap", -1, false);
    return flow_emit(c, text, NULL, 0, &w, -1, -1);
}

/* The wording of built-in message `name`: "builtin" when the playbook has
 * no template ti of that name, else its text (or, when `picked`, the
 * wording flow_pick gives outside any step). */
static flow_wording flow_builtin_wording(flow_cx *c, const char *name, int32_t ti, bool picked) {
    flow_wording w = {name, strlen(name), "builtin"};
    if (ti < 0) return w;
    const ty_pb_template *t = flow_tpl(c, ti);
    flow_wording_of(c, t, picked ? flow_pick(c, t, -1, -1) : t->text, &w);
    return w;
}

/* Renders the playbook's template ti for a built-in message into *v, in
 * the wording that *w names: its text with FLOW_BUILTIN_ONCE, else a
 * variant picked as flow_pick picks, or the first of the others that the
 * customer has not just read ("Uy, con eso..." twice in a row is never
 * sent when the template has other wordings). */
static int flow_builtin_text(flow_cx *c, int32_t ti, const ty_option *opts, size_t nopts, int how, ty_value **v,
                             flow_wording *w) {
    const ty_pb_template *t = flow_tpl(c, ti);
    const ty_template *first = (how & FLOW_BUILTIN_ONCE) ? t->text : flow_pick(c, t, -1, -1), *used = first;
    *v = NULL;
    for (size_t i = 0; i <= t->nvariants + 1; i++) {
        const ty_template *x = i == 0 ? first : i == 1 ? t->text : t->variants[i - 2];
        if (i > 0 && (x == first || (how & FLOW_BUILTIN_ONCE))) continue;
        int rc = flow_render_buf(c, ti, x, opts, nopts);
        if (rc) return rc;
        ty_value *r = flow_led(c, NULL);
        if (!r) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
        size_t n;
        const char *s = ty_value_string(r, &n);
        if (!*v) *v = r; /* the first wording, when every one was just read */
        if (!flow_said(c, s, n, false)) {
            *v = r;
            used = x;
            break;
        }
    }
    flow_wording_of(c, t, used, w);
    return TY_OK;
}

/* Sends a built-in message: the playbook's template of that reserved name
 * when it has one (flow_builtin_text), else the text of the playbook
 * language's table. With FLOW_BUILTIN_YESNO, Yes/No quick replies go with
 * it; with FLOW_BUILTIN_ONCE, nothing is sent when the customer has just
 * read the same text. */
static int flow_send_builtin(flow_cx *c, const char *name, const char *text, int how) {
    bool yesno = how & FLOW_BUILTIN_YESNO;
    ty_option yn[2];
    flow_yes_no(c, yn);
    int32_t ti = ty_pb_template_find(c->pb, name, strlen(name));
    ty_value *v = NULL;
    flow_wording w = flow_builtin_wording(c, name, ti, false);
    if (ti >= 0) {
        int rc = flow_builtin_text(c, ti, yesno ? yn : NULL, yesno ? 2 : 0, how, &v, &w);
        if (rc) return rc;
    } else {
        v = ty_val_string(c->out, text, strlen(text));
    }
    if (!v) return ty_err_nomem(c->err, TY_DOMAIN_NONE);
    size_t n;
    const char *sent = ty_value_string(v, &n);
    if ((how & FLOW_BUILTIN_ONCE) && sent && flow_said(c, sent, n, false)) return TY_OK;
    return flow_emit(c, v, yesno ? yn : NULL, yesno ? 2 : 0, &w, -1, -1);
}
