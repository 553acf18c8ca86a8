/*
 * words_en.c — what the bot writes in English (words.h).
 */
#include "words.h"

static const ty_words_currency wen_currencies[] = {
    {"GBP", "\302\243", false}, {"USD", "$", false}, {"EUR", "\342\202\254", false},
    {"JPY", "\302\245", false}, {"INR", "\342\202\271", false}, {NULL, NULL, false},
};

static const ty_words wen_words = {
    .code = "en",
    .weekdays = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
    .months = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"},
    .month_link = "",
    .today = "today",
    .tomorrow = "tomorrow",
    .on = "on",
    .at = "at",
    .at_one = NULL,
    .clock24 = false,
    .am = "am",
    .pm = "pm",
    .noon = "noon",
    .midnight = "midnight",
    .range = "to",
    .range_from = "",
    .and_word = "and",
    .or_word = "or",
    .question_open = "",
    .decimal_mark = '.',
    .group_mark = ',',
    .group_from = 1000.0,
    .currencies = wen_currencies,
    .code_after = true,
    .under = "under",
    .over = "over",
    .marks = NULL,
    .date_passed = "Sorry, {{date}} has already passed.",
    .date_future = "Sorry, {{date}} hasn't come yet: which day was it?",
    .date_closed = "Sorry, we're closed {{when}}.",
    .date_too_soon = "Sorry, we can't fit you in {{when}}.",
    .date_invalid = "Sorry, {{month}} only has {{days}} days.",
    .time_closed = "Sorry, we're open {{hours}} {{when}}.",
    .time_passed = "Sorry, that time has already passed today.",
    .time_too_soon = "Sorry, that's too soon for us to fit in today.",
    .offer = "Would {{#options}}{{title}}{{^last}} or {{/last}}{{/options}} suit you?",
    .offer_none = "When else would suit you?",
};

/* The English table (static, immutable). */
const ty_words *ty_words_en(void) { return &wen_words; }
