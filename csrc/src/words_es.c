/*
 * words_es.c — what the bot writes in Spanish (words.h). Non-ASCII bytes are
 * octal escapes so the file stays ASCII.
 */
#include "words.h"

static const ty_words_currency wes_currencies[] = {
    {"EUR", "\342\202\254", true}, {"GBP", "\302\243", true}, {"USD", "US$", true},
    {"MXN", "MXN", true},           {NULL, NULL, false},
};

static const ty_words wes_words = {
    .code = "es",
    .weekdays = {"lunes", "martes", "mi\303\251rcoles", "jueves", "viernes", "s\303\241bado", "domingo"},
    .months = {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
               "noviembre", "diciembre"},
    .month_link = "de",
    .today = "hoy",
    .tomorrow = "ma\303\261ana",
    .on = "el",
    .at = "a las",
    .at_one = "a la",
    .clock24 = true,
    .am = " a. m.", /* "9 a. m.", with its space */
    .pm = " p. m.",
    .noon = NULL,
    .midnight = NULL,
    .range = "a",
    .range_from = "de",
    .and_word = "y",
    .or_word = "o",
    .question_open = "\302\277",
    .decimal_mark = ',',
    .group_mark = '.',
    .group_from = 10000.0,
    .currencies = wes_currencies,
    .code_after = true,
    .under = "menos de",
    .over = "m\303\241s de",
    .marks = "\302\277\0\302\241\0\303\261\0",
    .date_passed = "Lo siento, el {{date}} ya ha pasado.",
    .date_future = "Lo siento, el {{date}} todav\303\255a no ha llegado: \302\277qu\303\251 d\303\255a fue?",
    .date_closed = "Lo siento, {{when}} estamos cerrados.",
    .date_too_soon = "Lo siento, {{when}} no podemos atenderte.",
    .date_invalid = "Lo siento, {{month}} solo tiene {{days}} d\303\255as.",
    .time_closed = "Lo siento, {{when}} abrimos {{hours}}.",
    .time_passed = "Lo siento, esa hora de hoy ya ha pasado.",
    .time_too_soon = "Lo siento, esa hora de hoy es demasiado pronto para nosotros.",
    .offer = "Tengo libre {{#options}}{{title}}{{^last}} o {{/last}}{{/options}}. \302\277Te va bien?",
    .offer_none = "\302\277Qu\303\251 otro momento te vendr\303\255a bien?",
};

/* The Spanish table (static, immutable). */
const ty_words *ty_words_es(void) { return &wes_words; }
