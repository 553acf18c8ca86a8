/*
 * limits.c — the tables both bindings export as they are: the documented
 * limits (name, default, what it bounds) and the channel names, written
 * from csrc/data/api.json into api_table.h. A binding that walks them
 * cannot miss one the other has.
 */
#include "tinyyes.h"
#include "playbook.h"
#include "api_table.h"

#define LIM_N(a) (sizeof(a) / sizeof((a)[0]))

_Static_assert(LIM_N(api_channels) == TY_PB_CHANNEL_COUNT, "csrc/data/api.json: channels");

const ty_limit *ty_limits(size_t *n) {
    if (n) *n = LIM_N(api_limits);
    return api_limits;
}

size_t ty_channel_count(void) { return LIM_N(api_channels); }

const char *ty_channel_name(size_t i) { return i < LIM_N(api_channels) ? api_channels[i] : NULL; }

#undef LIM_N
