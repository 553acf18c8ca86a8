/*
 * flow.h — private helpers of the flow engine (flow*.c, docs/playbook.md) that tests
 * and other modules may reach: the documented limits of a conversation
 * state, the quiet-hours arithmetic and the playbook fingerprint a state is
 * bound to. The public entry point is ty_playbook_step in tinyyes.h.
 */
#ifndef TY_FLOW_H
#define TY_FLOW_H

#include "common.h"
#include "playbook.h"

/* Version written to (and the only one read from) state.v. */
#define TY_FLOW_STATE_VERSION 1

/* Limits of a conversation state (documented in tinyyes.h, "Flows"). */
#define TY_FLOW_MAX_STATE_BYTES TY_STATE_MAX_BYTES /* compact JSON size of a state */
#define TY_FLOW_MAX_TURNS 10                /* transcript turns kept */
#define TY_FLOW_MAX_TURN_TEXT 500           /* bytes of one turn's text kept */
#define TY_FLOW_MAX_STACK 4                 /* suspended asks (digressions) */
#define TY_FLOW_MAX_VALUE 1024              /* compact JSON bytes of one slot value */
#define TY_FLOW_MAX_ID 256                  /* bytes of a conversation id */
#define TY_FLOW_MAX_CHANNEL 64              /* bytes of a channel name */
#define TY_FLOW_MAX_SEEN 16                 /* event ids a state remembers (duplicates) */
#define TY_FLOW_MAX_OPTIONS 64              /* host-supplied options kept */
#define TY_FLOW_MAX_HOPS 256                /* steps visited in one event */
#define TY_FLOW_MAX_TIME 9007199254740991LL /* 2^53 - 1: exact in every binding */
/* followups_within_window: the messaging window (WhatsApp, Messenger and
 * Instagram allow free-form messages for 24 h after the customer's last
 * message) and how long before its end the last follow-up is placed, so a
 * host whose ticks run a little late still sends inside it. */
#define TY_FLOW_WINDOW 86400
#define TY_FLOW_WINDOW_MARGIN 3600

/* True when the local time of t (Unix seconds; offset in seconds east of
 * UTC) falls in the quiet hours [from, to) given in minutes after local
 * midnight. from > to wraps midnight (21:00-08:00); from == to is no quiet
 * hours at all. */
bool ty_flow_quiet(int64_t t, int32_t offset, int from, int to);

/* t itself when it is outside the quiet hours, else the first second after
 * them (their local end, on the same or the next local day). */
int64_t ty_flow_defer(int64_t t, int32_t offset, int from, int to);

/* The 16 lowercase hex digits identifying the parts of pb a state refers to
 * (intent names, slot names/types/option ids, flow names, step ids and
 * asks, reprompts and follow-up counts). Rewording a template keeps it;
 * renaming or reordering flows, steps or slots changes it. Writes 17 bytes
 * (with the NUL) into out. */
void ty_flow_fingerprint(const ty_playbook *pb, char out[17]);

#endif /* TY_FLOW_H */
