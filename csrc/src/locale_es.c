/*
 * locale_es.c — the Spanish recogniser word table (playbook "locale": "es").
 * Pure data in the layout of locale.h, phrases in normalised form ("sí" ->
 * "si", "mañana" -> "manana", "miércoles" -> "miercoles"). It exists as much
 * to prove that a language is a table, not code, as to serve Spanish.
 */
#include "locale.h"

static const char *const loc_es_yes[] = {
    "si", "sip", "sep", "claro", "claro que si", "por supuesto", "vale", "ok", "okay", "dale", "de acuerdo",
    "perfecto", "perfecta", "genial", "bueno", "sale", "va", "esta bien", "me parece bien", "me parece perfecto",
    "adelante", "hagamoslo", "hazlo", "venga", "obvio", "seguro", "correcto", "exacto", "asi es", "con gusto",
    "por favor", "si por favor", "sin problema", "me interesa", "me encanta", "👍", "✅", "👌", "✔", "☑", "🙌",
    "💯", "❤", NULL};

static const char *const loc_es_yes_alone[] = {"s", NULL};

static const char *const loc_es_no[] = {
    "no", "nop", "nope", "nel", "para nada", "ahora no", "no gracias", "todavia no", "aun no", "nunca",
    "de ninguna manera", "ni hablar", "mejor no", "no me interesa", "no quiero", "paso", "despues", "luego",
    "mas tarde", "en otro momento", "👎", "❌", "🚫", "✖", "🙅", NULL};

static const char *const loc_es_no_alone[] = {"n", NULL};

static const char *const loc_es_unsure[] = {
    "no se", "no lo se", "no estoy seguro", "no estoy segura", "tal vez", "quizas", "quiza", "a lo mejor",
    "puede ser", "si y no", "mas o menos", "depende", "lo pienso", "tengo que pensarlo", "dejame pensarlo",
    "🤔", "🤷", NULL};

static const char *const loc_es_negations[] = {"no", "nunca", NULL};

static const char *const loc_es_question_words[] = {
    "cual", "cuales", "cuanto", "cuanta", "cuantos", "cuantas", "donde", "quien", "quienes", "por que",
    "que tal", NULL};

/* Requests ("puedo", "podría") are left out: "¿puedo el viernes" is an answer. */
static const char *const loc_es_question_aux[] = {"es", "hay", "tienen", "tiene", "tienes", "esta", "estan",
                                                  "seria", NULL};

static const char *const loc_es_question_subjects[] = {
    "el", "la", "los", "las", "un", "una", "usted", "ustedes", "tu", "eso", "esto", "posible", "disponible",
    "alguien", "algo", NULL};

static const char *const loc_es_fillers[] = {
    "el", "la", "los", "las", "lo", "uno", "una", "un", "opcion", "numero", "letra", "por favor", "porfa",
    "favor", "por", "quiero", "querria", "me", "gustaria", "prefiero", "elijo", "escojo", "tomo", "voy", "con",
    "para", "si", "vale", "ok", "gracias", "bueno", "pues", "entonces", "es", "esa", "ese", "esta", "este", "de",
    "mi", "yo", "creo", "mejor", "y", NULL};

static const char *const loc_es_option_words[] = {"opcion", "numero", "letra", "num", NULL};

static const ty_loc_word loc_es_ordinals[] = {
    {"primero", 1, 0},  {"primera", 1, 0},  {"primer", 1, 0},   {"segundo", 2, 0}, {"segunda", 2, 0},
    {"tercero", 3, 0},  {"tercera", 3, 0},  {"tercer", 3, 0},   {"cuarto", 4, 0},  {"cuarta", 4, 0},
    {"quinto", 5, 0},   {"quinta", 5, 0},   {"sexto", 6, 0},    {"sexta", 6, 0},   {"septimo", 7, 0},
    {"septima", 7, 0},  {"octavo", 8, 0},   {"octava", 8, 0},   {"noveno", 9, 0},  {"novena", 9, 0},
    {"decimo", 10, 0},  {"decima", 10, 0},  {"ultimo", -1, 0},  {"ultima", -1, 0}, {"penultimo", -2, 0},
    {"penultima", -2, 0}, {NULL, 0, 0}};

static const char *const loc_es_ordinal_suffixes[] = {"o", "a", "er", "ra", "ro", "do", "da", "to", "ta", NULL};

static const ty_loc_word loc_es_weekdays[] = {
    {"lunes", 0, 0},  {"lun", 0, 0},  {"martes", 1, 0}, {"mar", 1, 0},     {"miercoles", 2, 0}, {"mie", 2, 0},
    {"mier", 2, 0},   {"jueves", 3, 0}, {"jue", 3, 0},  {"viernes", 4, 0}, {"vie", 4, 0},       {"sabado", 5, 0},
    {"sab", 5, 0},    {"domingo", 6, 0}, {"dom", 6, 0}, {NULL, 0, 0}};

static const char *const loc_es_weak_words[] = {"mar", NULL};

static const ty_loc_word loc_es_months[] = {
    {"enero", 1, 0},     {"ene", 1, 0},      {"febrero", 2, 0},   {"feb", 2, 0},     {"marzo", 3, 0},
    {"mar", 3, 0},       {"abril", 4, 0},    {"abr", 4, 0},       {"mayo", 5, 0},    {"may", 5, 0},
    {"junio", 6, 0},     {"jun", 6, 0},      {"julio", 7, 0},     {"jul", 7, 0},     {"agosto", 8, 0},
    {"ago", 8, 0},       {"septiembre", 9, 0}, {"setiembre", 9, 0}, {"sep", 9, 0},   {"sept", 9, 0},
    {"set", 9, 0},       {"octubre", 10, 0}, {"oct", 10, 0},      {"noviembre", 11, 0}, {"nov", 11, 0},
    {"diciembre", 12, 0}, {"dic", 12, 0},    {NULL, 0, 0}};

static const ty_loc_word loc_es_relative_days[] = {
    {"hoy", 0, 0},         {"esta noche", 0, 0}, {"esta tarde", 0, 0}, {"esta manana", 0, 0},
    {"manana", 1, 0},      {"pasado manana", 2, 0}, {"ayer", -1, 0},   {"anteayer", -2, 0},
    {"antier", -2, 0},     {"antes de ayer", -2, 0}, {"el dia antes de ayer", -2, 0},
    {"dia antes de ayer", -2, 0}, {"despues de manana", 2, 0}, {"el dia despues de manana", 2, 0},
    {"dia despues de manana", 2, 0}, {"el dia siguiente", 1, 0}, {"el proximo dia", 1, 0},
    {"el dia despues", 1, 1}, {"el dia antes", -1, 1}, {"el dia anterior", -1, 0}, {NULL, 0, 0}};

static const ty_loc_word loc_es_weekends[] = {
    {"este fin de semana", 0, 0},  {"el fin de semana", 0, 0},         {"fin de semana", 0, 0},
    {"este finde", 0, 0},          {"el finde", 0, 0},                 {"finde", 0, 0},
    {"el proximo fin de semana", 1, 0}, {"proximo fin de semana", 1, 0}, {"el fin de semana que viene", 1, 0},
    {"fin de semana que viene", 1, 0}, {NULL, 0, 0}};

static const char *const loc_es_this_words[] = {"este", "esta", NULL};
static const char *const loc_es_next_words[] = {"proximo", "proxima", "el proximo", "la proxima", NULL};
static const char *const loc_es_next_suffixes[] = {"que viene", "siguiente", NULL};
static const char *const loc_es_in_words[] = {"en", "dentro de", NULL};

static const ty_loc_word loc_es_count_words[] = {{"un", 1, 0}, {"una", 1, 0}, {"un par de", 2, 0}, {NULL, 0, 0}};

static const ty_loc_word loc_es_day_units[] = {
    {"dia", 1, 0}, {"dias", 1, 0}, {"semana", 7, 0}, {"semanas", 7, 0}, {"quincena", 14, 0},
    {"mes", 1, 1}, {"meses", 1, 1}, {"ano", 12, 1}, {"anos", 12, 1}, {NULL, 0, 0}};

static const char *const loc_es_day_markers[] = {"el", "el dia", "dia", NULL};

static const ty_loc_word loc_es_day_words[] = {
    {"undecimo", 11, 0}, {"duodecimo", 12, 0}, {"vigesimo", 20, 1}, {"vigesima", 20, 1},
    {"trigesimo", 30, 1}, {"trigesima", 30, 1}, {NULL, 0, 0}};

static const ty_loc_word loc_es_week_refs[] = {
    {"la semana que viene", 1, 0},   {"de la semana que viene", 1, 0}, {"la proxima semana", 1, 0},
    {"de la proxima semana", 1, 0},  {"de proxima semana", 1, 0},      {"proxima semana", 1, 0},
    {"la siguiente semana", 1, 0},   {"de la siguiente semana", 1, 0}, {"la semana siguiente", 1, 0},
    {"de la semana siguiente", 1, 0}, {"la semana pasada", -1, 0},     {"de la semana pasada", -1, 0},
    {"de semana pasada", -1, 0},     {"semana pasada", -1, 0},         {"la ultima semana", -1, 0},
    {"de la ultima semana", -1, 0},  {"la semana anterior", -1, 0},    {"de la semana anterior", -1, 0},
    {"esta semana", 0, 0},           {"de esta semana", 0, 0},         {NULL, 0, 0}};

static const ty_loc_word loc_es_month_refs[] = {
    {"del proximo mes", 1, 0}, {"del mes que viene", 1, 0}, {"del mes siguiente", 1, 0},
    {"de este mes", 0, 0},    {"este mes", 0, 0},          {"del mes pasado", -1, 0},
    {"del mes anterior", -1, 0}, {"proximo mes", 1, 0}, {"mes que viene", 1, 0}, {"mes siguiente", 1, 0},
    {"mes pasado", -1, 0}, {"mes anterior", -1, 0}, {NULL, 0, 0}};

static const ty_loc_word loc_es_holidays[] = {
    {"navidad", 1225, 0},           {"dia de navidad", 1225, 0},     {"nochebuena", 1224, 0},
    {"ano nuevo", 101, 0},          {"dia de ano nuevo", 101, 0},    {"nochevieja", 1231, 0},
    {"san valentin", 214, 0},       {"dia de san valentin", 214, 0}, {"san patricio", 317, 0},
    {"dia de san patricio", 317, 0}, {"dia de la tierra", 422, 0},   {"dia del trabajador", 501, 0},
    {"dia de los trabajadores", 501, 0}, {"dia internacional de los trabajadores", 501, 0},
    {"dia internacional del trabajador", 501, 0}, {NULL, 0, 0}};

static const char *const loc_es_last_words[] = {"ultimo", "el ultimo", "este pasado", "pasado", NULL};
static const char *const loc_es_last_suffixes[] = {"pasado", "anterior", NULL};

static const ty_loc_word loc_es_date_shifts[] = {
    {"a partir de", 1, 0},   {"despues de", 1, 0},  {"desde", 1, 0},       {"antes de", -1, 0},
    {"a partir del", 1, 0},  {"despues del", 1, 0}, {"desde el", 1, 0},    {"antes del", -1, 0},
    {"a partir de ahora", 1, 1}, {"a partir de hoy", 1, 1}, {"despues", 1, 1}, {"atras", -1, 1},
    {"antes", -1, 1},        {"hace", -1, 2},       {NULL, 0, 0}};
static const char *const loc_es_date_connectors[] = {"de", "del", NULL};
/* "mañana" is also "morning": "por la mañana", "de la mañana" are times. */
static const char *const loc_es_date_stops[] = {"la manana", NULL};

static const ty_loc_word loc_es_number_words[] = {
    {"cero", 0, TY_NUMW_ADD},         {"uno", 1, TY_NUMW_ADD},          {"una", 1, TY_NUMW_ADD},
    {"un", 1, TY_NUMW_ADD},           {"dos", 2, TY_NUMW_ADD},          {"tres", 3, TY_NUMW_ADD},
    {"cuatro", 4, TY_NUMW_ADD},       {"cinco", 5, TY_NUMW_ADD},        {"seis", 6, TY_NUMW_ADD},
    {"siete", 7, TY_NUMW_ADD},        {"ocho", 8, TY_NUMW_ADD},         {"nueve", 9, TY_NUMW_ADD},
    {"diez", 10, TY_NUMW_ADD},        {"once", 11, TY_NUMW_ADD},        {"doce", 12, TY_NUMW_ADD},
    {"trece", 13, TY_NUMW_ADD},       {"catorce", 14, TY_NUMW_ADD},     {"quince", 15, TY_NUMW_ADD},
    {"dieciseis", 16, TY_NUMW_ADD},   {"diecisiete", 17, TY_NUMW_ADD},  {"dieciocho", 18, TY_NUMW_ADD},
    {"diecinueve", 19, TY_NUMW_ADD},  {"veinte", 20, TY_NUMW_ADD},      {"veintiuno", 21, TY_NUMW_ADD},
    {"veintiun", 21, TY_NUMW_ADD},    {"veintidos", 22, TY_NUMW_ADD},   {"veintitres", 23, TY_NUMW_ADD},
    {"veinticuatro", 24, TY_NUMW_ADD}, {"veinticinco", 25, TY_NUMW_ADD}, {"veintiseis", 26, TY_NUMW_ADD},
    {"veintisiete", 27, TY_NUMW_ADD}, {"veintiocho", 28, TY_NUMW_ADD},  {"veintinueve", 29, TY_NUMW_ADD},
    {"treinta", 30, TY_NUMW_ADD},     {"cuarenta", 40, TY_NUMW_ADD},    {"cincuenta", 50, TY_NUMW_ADD},
    {"sesenta", 60, TY_NUMW_ADD},     {"setenta", 70, TY_NUMW_ADD},     {"ochenta", 80, TY_NUMW_ADD},
    {"noventa", 90, TY_NUMW_ADD},     {"cien", 100, TY_NUMW_ADD},       {"ciento", 100, TY_NUMW_ADD},
    {"doscientos", 200, TY_NUMW_ADD}, {"doscientas", 200, TY_NUMW_ADD}, {"trescientos", 300, TY_NUMW_ADD},
    {"cuatrocientos", 400, TY_NUMW_ADD}, {"quinientos", 500, TY_NUMW_ADD}, {"seiscientos", 600, TY_NUMW_ADD},
    {"setecientos", 700, TY_NUMW_ADD}, {"ochocientos", 800, TY_NUMW_ADD}, {"novecientos", 900, TY_NUMW_ADD},
    {"mil", 1000, TY_NUMW_SCALE},     {"millon", 1000000, TY_NUMW_SCALE}, {"millones", 1000000, TY_NUMW_SCALE},
    {NULL, 0, 0}};

static const char *const loc_es_number_connectors[] = {"y", NULL};
static const char *const loc_es_minus_words[] = {"menos", NULL};

static const ty_loc_word loc_es_multipliers[] = {
    {"k", 1000, 0}, {"mil", 1000, 0}, {"millon", 1000000, 0}, {"millones", 1000000, 0}, {NULL, 0, 0}};

static const ty_loc_word loc_es_time_points[] = {
    {"mediodia", 720, 0}, {"medio dia", 720, 0}, {"medianoche", 0, 0}, {"media noche", 0, 0}, {NULL, 0, 0}};

/* Documented mapping: mañana 09:00, tarde 16:00, noche 21:00 (Spanish
 * afternoons and evenings run later than English ones). */
static const ty_loc_word loc_es_day_periods[] = {
    {"por la manana", 540, 0}, {"en la manana", 540, 0}, {"esta manana", 540, 0}, {"por la tarde", 960, 0},
    {"en la tarde", 960, 0},   {"esta tarde", 960, 0},   {"por la noche", 1260, 0}, {"en la noche", 1260, 0},
    {"esta noche", 1260, 0},   {NULL, 0, 0}};

static const ty_loc_word loc_es_meridiems[] = {
    {"am", 0, 0},           {"a m", 0, 0},          {"pm", 12, 0},          {"p m", 12, 0},
    {"de la manana", 0, 0}, {"de la tarde", 12, 0}, {"de la noche", 12, 0}, {"por la manana", 0, 0},
    {"por la tarde", 12, 0}, {"por la noche", 12, 0}, {NULL, 0, 0}};

static const char *const loc_es_or_words[] = {"o", "u", NULL};
static const char *const loc_es_oclock[] = {"en punto", NULL};
static const char *const loc_es_time_preps[] = {"a las", "a la", "sobre las", "hacia las", "como a las", "las",
                                                NULL};

static const ty_loc_word loc_es_time_offsets[] = {
    {"y media", 30, TY_TOFF_AFTER}, {"y cuarto", 15, TY_TOFF_AFTER}, {"menos cuarto", -15, TY_TOFF_AFTER},
    {NULL, 0, 0}};

static const ty_loc_currency loc_es_currencies[] = {
    {"$", "USD"},   {"usd", "USD"},   {"dolar", "USD"},  {"dolares", "USD"}, {"€", "EUR"},   {"eur", "EUR"},
    {"euro", "EUR"}, {"euros", "EUR"}, {"£", "GBP"},     {"libra", "GBP"},   {"libras", "GBP"}, {"gbp", "GBP"},
    {"mxn", "MXN"}, {"pesos mexicanos", "MXN"}, {"ars", "ARS"}, {"cop", "COP"}, {"clp", "CLP"}, {NULL, NULL}};

static const char *const loc_es_range_max[] = {"menos de", "hasta", "como maximo", "maximo", "por debajo de",
                                               "no mas de", "bajo", NULL};
static const char *const loc_es_range_min[] = {"mas de", "desde", "como minimo", "minimo", "por encima de",
                                               "al menos", "arriba de", NULL};
static const char *const loc_es_range_max_after[] = {"o menos", "como maximo", "maximo", "max", NULL};
static const char *const loc_es_range_min_after[] = {"o mas", "como minimo", "minimo", "+", NULL};
static const char *const loc_es_range_between[] = {"entre", NULL};
static const char *const loc_es_range_and[] = {"y", NULL};
static const char *const loc_es_range_to[] = {"a", "hasta", NULL};

static const char *const loc_es_greetings[] = {
    "hola", "buenas", "buenos dias", "buenas tardes", "buenas noches", "si", "vale", "claro", "bueno", NULL};

static const char *const loc_es_text_leadins[] = {
    "me llamo", "mi nombre es", "soy", "es", "habla", "llamame", "puedes llamarme", "mi nombre", NULL};

static const struct ty_locale loc_es_table = {
    .code = "es",
    .yes = loc_es_yes,
    .yes_alone = loc_es_yes_alone,
    .no = loc_es_no,
    .no_alone = loc_es_no_alone,
    .unsure = loc_es_unsure,
    .negations = loc_es_negations,
    .question_words = loc_es_question_words,
    .question_aux = loc_es_question_aux,
    .question_subjects = loc_es_question_subjects,
    .fillers = loc_es_fillers,
    .option_words = loc_es_option_words,
    .ordinals = loc_es_ordinals,
    .ordinal_suffixes = loc_es_ordinal_suffixes,
    .weekdays = loc_es_weekdays,
    .weak_words = loc_es_weak_words,
    .months = loc_es_months,
    .relative_days = loc_es_relative_days,
    .weekends = loc_es_weekends,
    .this_words = loc_es_this_words,
    .next_words = loc_es_next_words,
    .next_suffixes = loc_es_next_suffixes,
    .in_words = loc_es_in_words,
    .count_words = loc_es_count_words,
    .day_units = loc_es_day_units,
    .date_connectors = loc_es_date_connectors,
    .day_markers = loc_es_day_markers,
    .date_stops = loc_es_date_stops,
    .date_order = TY_DATE_ORDER_DMY,
    .day_words = loc_es_day_words,
    .week_refs = loc_es_week_refs,
    .month_refs = loc_es_month_refs,
    .last_words = loc_es_last_words,
    .last_suffixes = loc_es_last_suffixes,
    .date_shifts = loc_es_date_shifts,
    .holidays = loc_es_holidays,
    .number_words = loc_es_number_words,
    .number_connectors = loc_es_number_connectors,
    .minus_words = loc_es_minus_words,
    .multipliers = loc_es_multipliers,
    .decimal_mark = ',',
    .time_points = loc_es_time_points,
    .day_periods = loc_es_day_periods,
    .meridiems = loc_es_meridiems,
    .oclock = loc_es_oclock,
    .time_preps = loc_es_time_preps,
    .time_offsets = loc_es_time_offsets,
    .or_words = loc_es_or_words,
    .currencies = loc_es_currencies,
    .range_max = loc_es_range_max,
    .range_min = loc_es_range_min,
    .range_max_after = loc_es_range_max_after,
    .range_min_after = loc_es_range_min_after,
    .range_between = loc_es_range_between,
    .range_and = loc_es_range_and,
    .range_to = loc_es_range_to,
    .greetings = loc_es_greetings,
    .text_leadins = loc_es_text_leadins,
};

/* The Spanish table (static, immutable). */
const ty_locale *ty_locale_table_es(void) { return &loc_es_table; }
