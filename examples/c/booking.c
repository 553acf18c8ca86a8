/*
 * booking.c — the tinyyes C library on its own: the default playbook, a
 * customer who books a tune-up over four messages, and what the bot sends.
 * Each event is built with ty_builder (no JSON text to escape by hand);
 * the state a step returns is serialised to JSON and read back before the
 * next step, as a server storing conversations would do.
 *
 *   cc booking.c $(pkg-config --cflags --libs tinyyes) -o booking && ./booking
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <tinyyes.h>

/* Prints every "send" action's text of a step result. */
static void print_sends(const ty_value *result) {
    const ty_value *actions = ty_value_get(result, "actions", 7);
    for (size_t i = 0; i < ty_value_count(actions); i++) {
        const ty_value *a = ty_value_item(actions, i);
        size_t n;
        const char *type = ty_value_string(ty_value_get(a, "type", 4), &n);
        if (!type || n != 4 || memcmp(type, "send", 4) != 0) continue;
        const char *text = ty_value_string(ty_value_get(a, "text", 4), &n);
        printf("bot: %.*s\n", (int)n, text);
    }
}

/* The message event {"type", "text", "at", "conversation"} as a new doc
 * (caller frees), or NULL with err set. */
static ty_doc *message_event(const char *text, long long at, ty_error *err) {
    ty_builder *b = ty_builder_new("event", TY_DOMAIN_EVENT, 0, NULL);
    if (!b) return NULL;
    int rc = ty_builder_map(b);
    if (!rc) rc = ty_builder_key(b, "type", 4);
    if (!rc) rc = ty_builder_string(b, "message", 7);
    if (!rc) rc = ty_builder_key(b, "text", 4);
    if (!rc) rc = ty_builder_string(b, text, strlen(text));
    if (!rc) rc = ty_builder_key(b, "at", 2);
    if (!rc) rc = ty_builder_integer(b, at, 0);
    if (!rc) rc = ty_builder_key(b, "conversation", 12);
    if (!rc) rc = ty_builder_string(b, "c-1", 3);
    if (!rc) rc = ty_builder_end(b);
    ty_doc *d = rc ? NULL : ty_builder_finish(b);
    if (!d && ty_builder_error(b)) *err = *ty_builder_error(b);
    ty_builder_free(b);
    return d;
}

int main(void) {
    if (strcmp(ty_version(), TY_VERSION) != 0) {
        fprintf(stderr, "header %s, library %s\n", TY_VERSION, ty_version());
        return 1;
    }
    ty_error err;
    size_t len;
    const char *source = ty_default_playbook(&len);
    ty_playbook *pb = ty_playbook_load(source, len, NULL, &err);
    if (!pb) {
        fprintf(stderr, "%s: %s\n", err.path, err.message);
        return 1;
    }
    const char *messages[] = {"hi, I'd like to book a \"tune-up\"", "friday", "morning please", "Sam", "yes"};
    ty_buf stored; /* the state as JSON between steps */
    ty_buf_init(&stored, NULL);
    int rc = 0;
    long long at = 1795514400; /* Tue 24 November 2026 10:00 UTC */
    for (size_t i = 0; i < sizeof messages / sizeof messages[0] && rc == 0; i++) {
        printf("customer: %s\n", messages[i]);
        ty_doc *event = message_event(messages[i], at + 60 * (long long)i, &err);
        ty_doc *state = stored.len ? ty_doc_parse(stored.ptr, stored.len, NULL, &err) : NULL;
        ty_doc *out = event && (state || !stored.len)
                          ? ty_playbook_step(pb, state ? ty_doc_root(state) : NULL, ty_doc_root(event), &err)
                          : NULL;
        bool ok = out != NULL;
        if (ok) {
            print_sends(ty_doc_root(out));
            stored.len = 0;
            ok = ty_value_write_json(ty_value_get(ty_doc_root(out), "state", 5), &stored, &err) == 0;
        }
        if (!ok) {
            fprintf(stderr, "error: %s %s\n", err.path, err.message);
            rc = 1;
        }
        ty_doc_free(out);
        ty_doc_free(state);
        ty_doc_free(event);
    }
    ty_buf_free(&stored);
    ty_playbook_free(pb);
    return rc;
}
