/*
 * locale_es.c — the Spanish recogniser word table (playbook "locale": "es").
 * Pure data in the layout of locale.h, phrases in normalised form ("sí" ->
 * "si", "mañana" -> "manana", "miércoles" -> "miercoles"). It exists as much
 * to prove that a language is a table, not code, as to serve Spanish.
 */
#include "locale.h"

static const char *const loc_es_yes[] = {
    "si", "sip", "sep", "claro", "claro que si", "por supuesto", "vale", "ok", "okay", "dale", "de acuerdo",
    "perfecto", "perfecta", "perfe", "perfect", "genial", "bueno", "sale", "va", "esta bien", "me parece bien",
    "ta bien", "ta confirmado", /* Uruguay: "ta, confirmado" ("ta caro" is "está caro") */
    "me parece perfecto",
    "adelante", "hagamoslo", "hazlo", "venga", "obvio", "seguro", "correcto", "exacto", "asi es", "con gusto",
    "por favor", "si por favor", "sin problema", "me interesa", "me encanta", "👍", "✅", "👌", "✔", "☑", "🙌",
    "💯", "❤", "de una", "listo", "hecho", "trato hecho", "🙏", "sisas", "sisa", "fino", "fino pues", "dale pues",
    "listo pues", "nitido", "chevere", "cabal", "confirmelo", "confirmalo", "confirmela", "confirmala",
    "no hay drama", "no hay problema", "tato", "ta to", /* Dominican */ NULL};

/* the whole reply only: Honduras' "cheque" (a bank cheque otherwise) and
 * Guaraní's "heẽ" in Paraguay */
static const char *const loc_es_yes_alone[] = {"s", "cheque", "hee", "ta", NULL};

static const char *const loc_es_no[] = {
    "no", "nop", "nope", "nel", "para nada", "ahora no", "no gracias", "todavia no", "aun no", "nunca",
    "de ninguna manera", "ni hablar", "mejor no", "no me interesa", "no quiero", "paso", "despues", "luego",
    "mas tarde", "en otro momento", "nada mas", "nada mas de momento", "nada mas por ahora", "de momento no",
    "por ahora no", "mas adelante", "👎", "❌", "🚫", "✖", "🙅", NULL};

static const char *const loc_es_no_alone[] = {"n", "ninguna", "ninguno", "tampoco", "na", "nahaniri", NULL};

static const char *const loc_es_yes_soft[] = {"vale", "ok", "okey", "bueno", "ah vale", "ah ok", "pues", NULL};

static const char *const loc_es_unsure[] = {
    "no se", "no lo se", "no estoy seguro", "no estoy segura", "tal vez", "quizas", "quiza", "a lo mejor",
    "puede ser", "si y no", "mas o menos", "depende", "lo pienso", "tengo que pensarlo", "dejame pensarlo",
    "🤔", "🤷", "me lo pienso", "te digo algo", "ya te dire", "ya te digo algo", "lo consulto", "ya te aviso",
    /* consultarlo antes con alguien: "vale, lo hablo con mi marido y te digo" */
    "lo hablo con", "lo consulto con", "le pregunto a", "tengo que preguntarle", "lo tengo que hablar", NULL};

static const char *const loc_es_negations[] = {"no", "ni", "no puedo", "no podemos", "nunca", "en vez de", "en vez del",
                                               "en lugar de", "en lugar del",
                                               "iba a decir",
                                               "iba a decirte", "antes de", "antes del", "cancela", "quita",
                                               "olvida", "no me interesa", "ya no me interesa", "imposible", "excepto",
                                               "salvo", "no tengo", "no tenemos", "aun no tengo",
                                               "todavia no tengo", NULL};

static const char *const loc_es_replacing[] = {"en vez de", "en vez del", "en lugar de", "en lugar del", "iba a decir",
                                               "iba a decirte", "antes de", "antes del", NULL};

/* Otro compromiso: entre varios días, el que le sigue en su frase es el
 * suyo, no uno que se ofrece ("el jueves, que tengo un compromiso el fin
 * de semana"). No lo que un negocio vende (una boda, una fiesta, un viaje). */
/* Abren una frase que da un motivo: el día u opción que nombra no es el
 * elegido cuando otro se mantiene ("por la mañana, que después de comer
 * duerme la peque"). Solo al empezar una frase. */
static const char *const loc_es_cheaper_words[] = {
    "mas barato", "mas barata", "el barato", "la barata", "lo barato", "lo mas barato", "mas economico",
    "mas economica", "el economico", "la economica", "lo mas economico", "menos caro", "menos cara", NULL};
static const char *const loc_es_dearer_words[] = {"mas caro", "mas cara", "el caro", "lo mas caro", NULL};
static const char *const loc_es_earlier_words[] = {"el de antes", "la de antes", "el mas temprano", "la mas temprana",
                                                   "mas pronto", "el primero que", NULL};
static const char *const loc_es_later_words[] = {"el de despues", "la de despues", "el mas tarde", "la mas tarde",
                                                 "el mas tardio", "la mas tardia", NULL};
static const char *const loc_es_no_determiners[] = {
    "no mas", "no te preocupes", "no se preocupe", "no os preocupeis", "no se preocupen", NULL};

/* "va" y "sale" dicen que sí solos ("va, agéndalo", "sale pues"), no
 * como verbo: "mi jefe va a pasar", "¿sale caro?". */
static const char *const loc_es_yes_openers[] = {NULL};
static const char *const loc_es_yes_if_after[] = {
    "sabes",  "sabe",     "saben",   "sabeis",   "sabran",     "sabras",  "sabrias", "sabria", "se",
    "pregunto", "preguntaba", "preguntar", "preguntarte", "preguntaros", "ver", "mira", "miren", "mirad",
    "fijate", "averiguar", "confirmar", "confirmame", "confirmas", "confirmais", "dime", "decime", "decidme",
    "digame", "diganme", "avisame", "avisas", "consultar", "consulto", "idea", NULL};
static const char *const loc_es_yes_verbs[] = {
    "va a", "va al", "va para", "va en", "va con", "va por", "va de", "va bien", "va mal", "va mi", "va su", "va el",
    "va la", "sale a", "sale al", "sale en", "sale por", "sale de", "sale caro", "sale cara", "sale barato",
    "sale barata", "sale mas", "sale menos", "sale con", "sale el", "sale la", NULL};
static const char *const loc_es_swap_verbs[] = {"cambia", "cambiar", "cambiame", "cambiad", "cambiais", "cambiamos",
                                                 "cambiadme", "cambiarme", "sustituye", "sustituir", NULL};
static const char *const loc_es_swap_links[] = {"por", "a", "para", NULL};
static const char *const loc_es_reasons_within[] = {"porque", "pq", "xq", "ya que", NULL};
static const char *const loc_es_reasons[] = {"que", "q", "porque", "pq", "xq", "ya que", "pues", "como", NULL};

/* Dicen que un momento está libre: su frase no nombra un compromiso
 * ("tengo el viernes libre"). */
static const char *const loc_es_free_words[] = {"libre", "libres", "disponible", "disponibles", NULL};

/* Ponen la frase en pasado: el día que nombra ya pasó ("¿viste el partido
 * el sábado?", "el finde fue una locura", "se me rompió la caldera el
 * miércoles": cuando empezó la avería). */
static const char *const loc_es_past_words[] = {"fue", "fui", "fuimos", "fueron", "estuvo", "estuve", "estuvimos",
                                                "hubiera sido", "habria sido", "hubiese sido",
                                                "viste", "vi", "vimos", "visteis", "vio", "tuve", "tuvimos", "hubo",
                                                "escribi", "escribimos", "llame", "llamamos", "respondio",
                                                "respondieron", "contestaron", "dijo", "dijeron", "atendio",
                                                "atendieron", "vine", "vinimos", "marque", "intente",
                                                "llevo toda", "llevamos toda",
                                                "llevo desde", "llevamos desde", "he estado", "hemos estado",
                                                "he llamado", "he intentado", "he escrito", "me he pasado",
                                                "estuve toda", "la semana pasada", "el mes pasado",
                                                "el ano pasado", "la ultima vez", "la otra vez", "el otro dia",
                                                "anoche", "rompio", "averio", "estropeo", "se pincho",
                                                "se me pincho", "pinche", "se cayo", "se me cayo", "se quemo",
                                                "se me quemo", "revento", "se inundo", "dejo de funcionar",
                                                "empezo a", "se le paso", "se me paso", "ya se paso", "se me salto",
                                                "se le salto", "se salto", "se me quebro", "se quebro",
                                                "se me partio", "se partio", "regrese", "devolvi", "entregue",
                                                "pagamos", "rente", "rentamos", "contrate", "contratamos", NULL};
/* "mañana" tras uno de estos es la mañana; sola, el día ("un corte mañana"). */
/* Niegan la opción justo antes y cierran su frase: "color no, solo el corte". */
static const char *const loc_es_negations_after[] = {"no", "tampoco", "no gracias", "ni hablar", "no puedo",
                                                     "no me va", "no me va bien", "no me viene bien",
                                                     "no me interesa", "ya no me interesa", "no me hace falta",
                                                     "no hace falta", "no lo necesito", "no la necesito",
                                                     "no lo quiero", "no la quiero", NULL};
static const char *const loc_es_instead_after[] = {
    "en su lugar", "mejor", "me viene mejor", "me va mejor", "es mejor", "seria mejor", "me vendria mejor",
    "me iria mejor", NULL};
/* Justo antes de un día, lo hacen el de la cita que ya tiene: "mi cita del
 * sábado" no pide el sábado. */
static const char *const loc_es_booked_before[] = {
    "mi cita del", "mi cita de", "mi cita el", "mi cita para el", "la cita del", "la cita de", "mi turno del",
    "mi turno de", "mi turno el", "el turno del", "mi hora del", "mi hora de", "mi reserva del", "mi reserva de",
    "tengo cita el", "tengo cita para el", "tenia cita el", "tenia cita para el", "tengo turno el", "tenia turno el",
    "tengo una cita el", "tenia una cita el", "tengo hora el", "mi cita", "la cita", "mi turno", "el turno",
    "mi reserva", "tengo cita", "tenia cita", "tengo turno", "tenia turno", "tengo una cita", "tenia una cita",
    NULL};
static const char *const loc_es_choose_before[] = {"pues", "entonces", "mejor", "asi que", "en ese caso", "ponlo",
                                                   "ponla", "solo", "solamente", "nomas", NULL};
static const char *const loc_es_deferrals[] = {"lo dejo", "la dejo", "lo dejamos", "la dejamos", "lo dejo para",
                                               "para otro dia", "para otra ocasion", "otro dia", "puede esperar",
                                               "para mas adelante", "para la proxima", NULL};
static const char *const loc_es_and_words[] = {"y", "e", "ademas", "tambien", NULL};
static const char *const loc_es_hesitations[] = {"mmm", "mm", "emm", "eh", "ehh", "hmm", "uhm", "ah", "ahh", "oh",
                                                 NULL};
static const char *const loc_es_name_particles[] = {"de", "del", "la", "las", "los", "y", "e", "da", "do", "dos",
                                                    NULL};
static const char *const loc_es_part_articles[] = {"la", "las", "esta", "una", "cualquier", NULL};
static const char *const loc_es_past_not[] = {"fue lo que", "vi que", "vimos que", "viste si", NULL};

static const char *const loc_es_other_events[] = {
    "surgio algo", "me surgio algo", "salio algo", "me salio algo", "imprevisto", "un imprevisto",
    "cumpleanos", "cumple", "funeral", "entierro", "vacaciones", "examen", "examenes", "entrevista", "aniversario",
    "bautizo", "comunion", "graduacion", "compromiso", "operacion", "despedida", "trabajo", "trabajando", "curro",
    "currando", "ocupado", "ocupada", "fuera", "tengo una boda", "tengo boda", "tengo una fiesta", "tengo fiesta",
    "tengo una cena", "tengo cena", "tengo un viaje", "tengo viaje", "tengo planes", "tengo", "boda", "fiesta",
    "viaje", "vuelo", "partido", "carrera", "concierto", "reunion", "una reunion", "medico", "dentista",
    "turno de noche", "guardia", "estoy en casa de", "estare en", "estoy de viaje", "me pagan", "cobro",
    "cobramos", "me ingresan", "tiene futbol", "tiene partido", "lo hablo", "lo miro", "le pregunto",
    "te confirmo", "te digo", "voy a hablar",
    /* visitas, y lo que la clienta tiene entre manos */
    "llega", "llegan", "de visita", "invitados", "tengo visita", "tengo gente en casa", "cena de empresa",
    "comida familiar", "cocinando", "de viaje", "juega", "juegan", "la final", "el clasico",
    /* un plazo no es el día de venir: "lo necesito listo para el sábado" */
    "listo para", "lista para", "lo necesito para", "la necesito para", "que este listo para",
    "que este lista para",
    /* el tiempo que hace no es el día que se quiere: "q frio hace hoy" */
    "frio hace", "calor hace", "hace frio", "hace calor", "que frio", "q frio", "que calor", "q calor", "llueve",
    "lloviendo", "va a llover", "nevando", NULL};

/* Open a sentence that takes the answer before it back: "no... bueno, si". */
static const char *const loc_es_corrections[] = {
    "en realidad", "espera", "perdon", "mejor dicho", "quiero decir", "pensandolo bien", "o sea",
    "hora equivocada", "la hora esta mal", "me equivoque de hora", NULL};

static const char *const loc_es_question_words[] = {
    "cual", "cuales", "cuanto", "cuanta", "cuantos", "cuantas", "donde", "quien", "quienes", "por que",
    "que precio", "que precios", "que coste", "que tarifa", "que tarifas", "que horario", NULL};

/* Requests ("puedo", "podría") are left out, and proposals below read as
 * answers: "¿puedo el viernes?", "¿qué tal el lunes?". */
static const char *const loc_es_question_aux[] = {"es", "hay", "tienen", "tiene", "tienes", "esta", "estan",
                                                  "seria", NULL};

/* "es un jetta", "es para mi hijo": without a question mark, it tells. */
static const char *const loc_es_question_aux_marked[] = {"es", NULL};
/* "que" and "como" also join clauses; after '¿' they ask */
static const char *const loc_es_knowing[] = {"sabes", "sabe", "saben", "sabeis", "idea", "pregunto", "preguntaba",
                                             "averiguar", "seguro", "segura", NULL};
static const char *const loc_es_question_words_marked[] = {"que", "como", "cuando", "adonde", NULL};

static const char *const loc_es_question_subjects[] = {
    "el", "la", "los", "las", "un", "una", "usted", "ustedes", "tu", "eso", "esto", "posible", "disponible",
    "alguien", "algo", NULL};

static const char *const loc_es_proposals[] = {
    "que tal", "y si", "por que no", "porque no", "xq no", "pq no", "x q no", "podemos", "podriamos", "puedo ir",
    "puedo pasar", "puedo el", "puedo la", "puede ser",
    "podria ser", "nos vamos", "vamos", "estas disponible", "esta disponible", "estan disponibles",
    "estais disponibles", "estas libre", "esta libre", "tienes hueco", "tiene hueco", "tienen hueco", "hay hueco",
    "hay sitio", "te va bien", "le va bien", "os va bien", "les va bien", "te viene bien", "le viene bien",
    "les viene bien", "quizas", "tal vez", "o", "me la puedes pasar", "me la podeis pasar", "me lo puedes pasar",
    "me lo podes pasar", "me la pasas", "me la pasais", "me la podeis cambiar", "me la puedes cambiar",
    "puedes venir", "podeis venir", "puede venir", "pueden venir", "podes venir", "podrias venir", "podrian venir",
    "podria venir", "puedes pasarte", "podes pasarte", "pueden pasarse", "puede pasarse", "tipo", "sobre", "como a",
    "hacia", NULL};
static const char *const loc_es_proposal_joins[] = {"pero", "asi que", "y", NULL};
static const char *const loc_es_conditions[] = {"si", NULL};
static const char *const loc_es_proposal_ends[] = {
    "bien", "vale", "posible", "sirve", "te parece", "le parece", "os parece", "les parece", "libre", "hueco",
    "disponible", "puede ser", NULL};

static const char *const loc_es_fillers[] = {
    "el", "la", "los", "las", "lo", "uno", "una", "un", "opcion", "numero", "letra", "por favor", "porfa",
    "favor", "por", "quiero", "querria", "me", "gustaria", "prefiero", "elijo", "escojo", "tomo", "voy", "con",
    "para", "pa", "si", "vale", "ok", "gracias", "bueno", "pues", "entonces", "es", "esa", "ese", "esta", "este", "de",
    "mi", "yo", "creo", "mejor", "y", "ya", "que", "ahora", "tambien", "solo", "muy", "perdona", "perdon",
    "disculpa", "uy", "ay", "jaja", NULL};

static const char *const loc_es_option_words[] = {"opcion", "numero", "letra", "num", NULL};

static const ty_loc_word loc_es_ordinals[] = {
    {"primero", 1, 0},  {"primera", 1, 0},  {"primer", 1, 0},   {"segundo", 2, 0}, {"segunda", 2, 0},
    {"tercero", 3, 0},  {"tercera", 3, 0},  {"tercer", 3, 0},   {"cuarto", 4, 0},  {"cuarta", 4, 0},
    {"quinto", 5, 0},   {"quinta", 5, 0},   {"sexto", 6, 0},    {"sexta", 6, 0},   {"septimo", 7, 0},
    {"septima", 7, 0},  {"octavo", 8, 0},   {"octava", 8, 0},   {"noveno", 9, 0},  {"novena", 9, 0},
    {"decimo", 10, 0},  {"decima", 10, 0},  {"ultimo", -1, 0},  {"ultima", -1, 0}, {"penultimo", -2, 0},
    {"penultima", -2, 0}, {NULL, 0, 0}};

static const char *const loc_es_rough_suffixes[] = {NULL};
static const char *const loc_es_ordinal_suffixes[] = {"o",  "a",  "er", "ra", "ro", "do", "da", "to",
                                                       "ta", "vo", "va", "mo", "ma", "ero", "era", NULL};

static const ty_loc_word loc_es_weekdays[] = {
    {"lunes", 0, 0},  {"lun", 0, 0},  {"martes", 1, 0}, {"mar", 1, 0},     {"miercoles", 2, 0}, {"mie", 2, 0},
    {"mier", 2, 0},   {"jueves", 3, 0}, {"jue", 3, 0},  {"viernes", 4, 0}, {"vie", 4, 0},       {"sabado", 5, 0},
    {"sab", 5, 0},    {"domingo", 6, 0}, {"dom", 6, 0}, {NULL, 0, 0}};

static const char *const loc_es_weak_words[] = {"mar", NULL};
static const char *const loc_es_move_words[] = {"cambiar", "cambias", "cambia", "cambiame", "cambiamela", "cambiamelo",
                                                "cambiarla", "cambiarlo", "mover", "mueve", "mueves", "muevela",
                                                "muevelo", "moverla", "moverlo", "pasar", "pasas", "pasame",
                                                "pasala", "pasalo", "pasarla", "pasarlo", "aplazar", "adelantar",
                                                NULL};
static const char *const loc_es_move_to[] = {"al", "para el", NULL};
static const char *const loc_es_duration_leads[] = {"por", "durante", NULL};
static const char *const loc_es_size_links[] = {"de", NULL};
static const char *const loc_es_typo_traps[] = {"salado", "salada", "salados", "saladas", "domino", "dominos", NULL};
static const char *const loc_es_move_objects[] = {"la cita", "la reserva", "el turno", NULL};
static const char *const loc_es_weak_day_leads[] = {NULL}; /* "el mar" is the sea */
static const char *const loc_es_meal_parts[] = {"almuerzo", "comida", "cena", "desayuno", "merienda", NULL};

static const ty_loc_word loc_es_months[] = {
    {"enero", 1, 0},     {"ene", 1, 0},      {"febrero", 2, 0},   {"feb", 2, 0},     {"marzo", 3, 0},
    {"mar", 3, 0},       {"abril", 4, 0},    {"abr", 4, 0},       {"mayo", 5, 0},    {"may", 5, 0},
    {"junio", 6, 0},     {"jun", 6, 0},      {"julio", 7, 0},     {"jul", 7, 0},     {"agosto", 8, 0},
    {"ago", 8, 0},       {"septiembre", 9, 0}, {"setiembre", 9, 0}, {"sep", 9, 0},   {"sept", 9, 0},
    {"set", 9, 0},       {"octubre", 10, 0}, {"oct", 10, 0},      {"noviembre", 11, 0}, {"nov", 11, 0},
    {"diciembre", 12, 0}, {"dic", 12, 0},    {NULL, 0, 0}};

static const ty_loc_word loc_es_relative_days[] = {
    {"hoy", 0, 0},         {"esta noche", 0, 0}, {"esta tarde", 0, 0}, {"esta manana", 0, 0},
    {"manana", 1, 0},      {"pasado manana", 2, 0}, {"pasao manana", 2, 0}, {"ayer", -1, 0},   {"anteayer", -2, 0},
    {"antier", -2, 0},     {"antes de ayer", -2, 0}, {"el dia antes de ayer", -2, 0},
    {"dia antes de ayer", -2, 0}, {"despues de manana", 2, 0}, {"el dia despues de manana", 2, 0},
    {"dia despues de manana", 2, 0}, {"el dia siguiente", 1, 0}, {"el proximo dia", 1, 0},
    {"el dia despues", 1, 1}, {"el dia antes", -1, 1}, {"el dia anterior", -1, 0},
    {"ahorita", 0, 0}, {"orita", 0, 0}, {NULL, 0, 0}};

static const ty_loc_word loc_es_weekends[] = {
    {"este fin de semana", 0, 0},  {"el fin de semana", 0, 0},         {"fin de semana", 0, 0},
    {"este finde", 0, 0},          {"el finde", 0, 0},                 {"finde", 0, 0},
    {"el proximo fin de semana", 1, 0}, {"proximo fin de semana", 1, 0}, {"el fin de semana que viene", 1, 0},
    {"fin de semana que viene", 1, 0}, {NULL, 0, 0}};

static const char *const loc_es_this_words[] = {"este", "esta", NULL};
static const char *const loc_es_next_words[] = {"proximo", "proxima", "el proximo", "la proxima", NULL};
static const char *const loc_es_next_suffixes[] = {"que viene", "q viene", "siguiente", NULL};
/* "el próximo martes" y "el martes que viene" son el martes de la semana que viene */
static const char *const loc_es_week_after[] = {NULL};
static const char *const loc_es_verb_marks[] = {"que", "voy a", "vamos a", "tengo que", "hay que", NULL};
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
    {"la semana que viene", 1, 0},   {"de la semana que viene", 1, 0}, {"la semana q viene", 1, 0},
    {"de la semana q viene", 1, 0},  {"la proxima semana", 1, 0},
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
    {"dia internacional del trabajador", 501, 0},
    {"dia de reyes", 106, 0},       {"reyes magos", 106, 0},         {"dia de los inocentes", 1228, 0},
    {"todos los santos", 1101, 0},  {"dia de muertos", 1102, 0},     {"san esteban", 1226, 0},
    {"halloween", 1031, 0},         {"thanksgiving", 0, 0},          {"dia de accion de gracias", 0, 0},
    /* fiestas movibles (valor 0): una fecha que no leemos, así que nada */
    {"pascua", 0, 0},               {"domingo de pascua", 0, 0},     {"lunes de pascua", 0, 0},
    {"semana santa", 0, 0},         {"jueves santo", 0, 0},          {"viernes santo", 0, 0},
    {"viernes negro", 0, 0},        {"dia de la madre", 0, 0},       {"dia del padre", 0, 0},
    {NULL, 0, 0}};

static const char *const loc_es_last_words[] = {"ultimo", "el ultimo", "este pasado", "pasado", NULL};
static const char *const loc_es_last_suffixes[] = {"pasado", "anterior", NULL};

static const ty_loc_word loc_es_date_shifts[] = {
    {"a partir de", 1, 0},   {"despues de", 1, 0},  {"desde", 1, 0},       {"antes de", -1, 0},
    {"a partir del", 1, 0},  {"despues del", 1, 0}, {"desde el", 1, 0},    {"antes del", -1, 0},
    {"a partir de ahora", 1, 1}, {"a partir de hoy", 1, 1}, {"despues", 1, 1}, {"atras", -1, 1},
    {"antes", -1, 1},        {"hace", -1, 2},       {NULL, 0, 0}};
static const char *const loc_es_date_connectors[] = {"de", "del", NULL};
/* "mañana" is also "morning": "por la mañana", "de la mañana" are times. */
static const char *const loc_es_date_stops[] = {"la manana", "mananas", "las mananas", NULL};

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
    {"billon", 12, TY_NUMW_SCALE_EXP}, {"billones", 12, TY_NUMW_SCALE_EXP}, {"docena", 12, TY_NUMW_DOZEN},
    {"docenas", 12, TY_NUMW_DOZEN},   {"dz", 12, TY_NUMW_DOZEN},        {"dzs", 12, TY_NUMW_DOZEN},
    {"par", 2, TY_NUMW_DOZEN},
    {"doz", 12, TY_NUMW_DOZEN},       {"dozs", 12, TY_NUMW_DOZEN},      {NULL, 0, 0}};

/* "i" joins tens and units written as one word: "treintaicinco". */
static const char *const loc_es_number_connectors[] = {"y", "i", NULL};
static const char *const loc_es_minus_words[] = {"menos", NULL};

static const ty_loc_word loc_es_multipliers[] = {
    {"k", 1000, 0}, {"mil", 1000, 0}, {"millon", 1000000, 0}, {"millones", 1000000, 0},
    {"mil millones", 1000000000, 0},
    {"m", 1000000, TY_MULT_UPPER}, {"g", 1000000000, TY_MULT_UPPER}, {NULL, 0, 0}};

#define P TY_FRAC_PLURAL
#define X TY_FRAC_EXP
static const ty_loc_word loc_es_fraction_words[] = {
    {"medio", 2, TY_FRAC_BARE},  {"medios", 2, P},       {"media", 2, TY_FRAC_BARE}, {"medias", 2, P},
    {"mitad", 2, TY_FRAC_BARE},  {"tercio", 3, 0},       {"tercios", 3, P},         {"cuarto", 4, 0},
    {"cuartos", 4, P},           {"quinto", 5, 0},       {"quintos", 5, P},         {"quinta", 5, 0},
    {"quintas", 5, P},           {"sexto", 6, 0},        {"sextos", 6, P},          {"septimo", 7, 0},
    {"septimos", 7, P},          {"octavo", 8, 0},       {"octavos", 8, P},         {"noveno", 9, 0},
    {"novenos", 9, P},           {"decimo", 10, 0},      {"decimos", 10, P},        {"decima", 10, 0},
    {"decimas", 10, P},          {"cincoavo", 5, 0},     {"cincoavos", 5, P},       {"onceavo", 11, 0},
    {"onceavos", 11, P},         {"doceavo", 12, 0},     {"doceavos", 12, P},       {"treceavo", 13, 0},
    {"treceavos", 13, P},        {"catorceavo", 14, 0},  {"catorceavos", 14, P},    {"quinceavo", 15, 0},
    {"quinceavos", 15, P},       {"veinteavo", 20, 0},   {"veinteavos", 20, P},     {"veintiunavo", 21, 0},
    {"veintiunavos", 21, P},     {"veintidosavo", 22, 0}, {"veintidosavos", 22, P}, {"veintitresavo", 23, 0},
    {"veintitresavos", 23, P},   {"veinticuatroavo", 24, 0}, {"veinticuatroavos", 24, P},
    {"veinticincoavo", 25, 0},   {"veinticincoavos", 25, P}, {"treintavo", 30, 0},  {"treintavos", 30, P},
    {"cuarentavo", 40, 0},       {"cuarentavos", 40, P}, {"cincuentavo", 50, 0},    {"cincuentavos", 50, P},
    {"centesimo", 100, 0},       {"centesimos", 100, P}, {"centesima", 100, 0},     {"centesimas", 100, P},
    {"milesimo", 1000, 0},       {"milesimos", 1000, P}, {"milesima", 1000, 0},     {"milesimas", 1000, P},
    {"millonesimo", 6, X},       {"millonesimos", 6, X | P}, {"millonesima", 6, X}, {"millonesimas", 6, X | P},
    {"billonesimo", 12, X},      {"billonesimos", 12, X | P}, {"billonesima", 12, X}, {"billonesimas", 12, X | P},
    {NULL, 0, 0}};
#undef X
#undef P

static const char *const loc_es_none_numbers[] = {NULL};
static const char *const loc_es_fraction_and[] = {"con", NULL};
static const ty_loc_word loc_es_fraction_suffixes[] = {
    {"avo", 1, 0},    {"avos", 1, TY_FRAC_PLURAL},   {"ava", 1, 0},    {"avas", 1, TY_FRAC_PLURAL},
    {"esimo", 1, 0},  {"esimos", 1, TY_FRAC_PLURAL}, {"esima", 1, 0},  {"esimas", 1, TY_FRAC_PLURAL},
    {NULL, 0, 0}};
static const char *const loc_es_fraction_over[] = {"sobre", NULL};
static const char *const loc_es_fraction_of[] = {"de", "de un", NULL};
static const char *const loc_es_decimal_words[] = {"coma", "punto", "con", NULL};

static const ty_loc_word loc_es_time_points[] = {
    {"mediodia", 720, 0}, {"medio dia", 720, 0}, {"medianoche", 0, 0}, {"media noche", 0, 0}, {NULL, 0, 0}};

/* Documented mapping: mañana 09:00, tarde 16:00, noche 21:00 (Spanish
 * afternoons and evenings run later than English ones). */
static const ty_loc_word loc_es_day_periods[] = {
    {"por la manana", 540, 0}, {"en la manana", 540, 0}, {"esta manana", 540, 0}, {"por la tarde", 960, 0},
    {"en la tarde", 960, 0},   {"esta tarde", 960, 0},   {"por la noche", 1260, 0}, {"en la noche", 1260, 0},
    {"esta noche", 1260, 0},   {"a la tarde", 960, 0},   {"a la noche", 1260, 0},
    /* "x" for "por", as texted: "el vier x la tarde tipo 7" */
    {"x la manana", 540, 0},   {"x la tarde", 960, 0},   {"x la noche", 1260, 0},   {NULL, 0, 0}};

/* Para elegir entre partes del día ("Mañana" / "Tarde"). */
static const ty_loc_word loc_es_part_phrases[] = {
    {"a primera hora", 480, 0},      {"primera hora", 480, 0},        {"temprano", 480, 0},
    {"de buena manana", 480, 0},     {"a media manana", 630, 0},      {"media manana", 630, 0},
    {"antes de comer", 600, 0},      {"despues de comer", 900, 0},    {"despues del trabajo", 1020, 0},
    {"al salir del trabajo", 1020, 0}, {"a la salida del cole", 1000, 0}, {"despues del cole", 1000, 0},
    {"a ultima hora de la tarde", 1140, 0}, {"a ultima hora", 1140, 0}, {"mananita", 540, 0}, {"en la mananita", 540, 0},
    {"por la mananita", 540, 0}, {"tardecita", 900, 0}, {"en la tardecita", 900, 0}, {"por la tardecita", 900, 0},
    {NULL, 0, 0}};
static const ty_loc_word loc_es_part_titles[] = {
    {"manana", 540, 0}, {"mananas", 540, 0}, {"por la manana", 540, 0}, {"tarde", 900, 0}, {"tardes", 900, 0},
    {"por la tarde", 900, 0}, {"noche", 1260, 0}, {"por la noche", 1260, 0}, {NULL, 0, 0}};

static const ty_loc_word loc_es_meridiems[] = {
    {"am", 0, 0},           {"a m", 0, 0},          {"pm", 12, 0},          {"p m", 12, 0},
    {"de la manana", 0, 0}, {"de la tarde", 12, 0}, {"de la noche", 12, TY_MER_NIGHT}, {"por la manana", 0, 0},
    {"por la tarde", 12, 0}, {"por la noche", 12, TY_MER_NIGHT}, {"de la madrugada", 0, TY_MER_NIGHT},
    {"de madrugada", 0, TY_MER_NIGHT}, {"del mediodia", 12, 0}, {"de la medianoche", 0, TY_MER_NIGHT},
    {NULL, 0, 0}};

static const char *const loc_es_or_words[] = {"o", "u", NULL};
static const char *const loc_es_oclock[] = {"en punto", NULL};
static const char *const loc_es_time_preps[] = {"a las", "a la", "sobre las", "hacia las", "como a las", "las",
                                                "tipo", NULL};
static const char *const loc_es_time_preps_answer[] = {"sobre", "como", NULL};

static const ty_loc_word loc_es_time_offsets[] = {
    {"y media", 30, TY_TOFF_AFTER}, {"y cuarto", 15, TY_TOFF_AFTER}, {"menos cuarto", -15, TY_TOFF_AFTER},
    {"cuarto pasadas", 15, TY_TOFF_BEFORE}, {"cuarto pasadas de", 15, TY_TOFF_BEFORE},
    {"media pasadas", 30, TY_TOFF_BEFORE}, {"cuarto para", -15, TY_TOFF_BEFORE}, {NULL, 0, 0}};

/* "las dos juntas" is both of them, no two o'clock. */
static const char *const loc_es_time_stops[] = {"buenos dias", "buenas tardes", "buenas noches", "por ciento", "noches",
                                                "juntas",
                                                "juntos", "juntitas", "juntitos", "a la vez", NULL};
static const char *const loc_es_minute_words[] = {"minuto", "minutos", "min", "mins", NULL};
static const ty_loc_word loc_es_minute_links[] = {
    {"pasadas", 1, TY_TOFF_BEFORE}, {"pasadas de", 1, TY_TOFF_BEFORE}, {"pasados", 1, TY_TOFF_BEFORE},
    {"para", -2, TY_TOFF_BEFORE}, {"y", 1, TY_TOFF_AFTER}, {"menos", -1, TY_TOFF_AFTER}, {NULL, 0, 0}};
static const char *const loc_es_hour_marks[] = {"h", "hs", "hrs", "horas", NULL};

static const ty_loc_currency loc_es_currencies[] = {
    {"$", "USD"},   {"usd", "USD"},   {"dolar", "USD"},  {"dolares", "USD"}, {"€", "EUR"},   {"eur", "EUR"},
    {"euro", "EUR"}, {"euros", "EUR"}, {"£", "GBP"},     {"libra", "GBP"},   {"libras", "GBP"}, {"gbp", "GBP"},
    {"mxn", "MXN"}, {"pesos mexicanos", "MXN"}, {"ars", "ARS"}, {"cop", "COP"}, {"clp", "CLP"},
    /* dolares de otros paises, con su codigo o su inicial */
    {"us $", "USD"}, {"usd $", "USD"}, {"c $", "CAD"}, {"cad $", "CAD"}, {"cad", "CAD"},
    {"aud $", "AUD"}, {"aud", "AUD"}, {"nz $", "NZD"}, {"nzd $", "NZD"}, {"nzd", "NZD"}, {"mex $", "MXN"},
    {"mxn $", "MXN"}, {"dolar estadounidense", "USD"}, {"dolares estadounidenses", "USD"},
    {"dolar canadiense", "CAD"}, {"dolares canadienses", "CAD"}, {"dolar australiano", "AUD"},
    {"dolares australianos", "AUD"}, {"peso mexicano", "MXN"}, {"libra esterlina", "GBP"},
    {"libras esterlinas", "GBP"}, {"¥", "JPY"}, {"yen", "JPY"}, {"yenes", "JPY"}, {"jpy", "JPY"},
    {"yuan", "CNY"}, {"yuanes", "CNY"}, {"renminbi", "CNY"}, {"cny", "CNY"}, {"₹", "INR"}, {"rupia", "INR"},
    {"rupias", "INR"}, {"inr", "INR"}, {"franco suizo", "CHF"}, {"francos suizos", "CHF"}, {"chf", "CHF"},
    /* tras un multiplicador: "361 millones de libras" */
    {"de dolares", "USD"}, {"de euros", "EUR"}, {"de libras", "GBP"}, {"de libras esterlinas", "GBP"},
    {"de pesos mexicanos", "MXN"}, {"de yenes", "JPY"}, {"de yuanes", "CNY"}, {"de rupias", "INR"},
    {"de dolares canadienses", "CAD"}, {"de dolares australianos", "AUD"}, {NULL, NULL}};

static const char *const loc_es_range_max[] = {"menos de", "hasta", "como maximo", "maximo", "por debajo de",
                                               "no mas de", "bajo", NULL};
static const char *const loc_es_range_min[] = {"mas de", "desde", "como minimo", "minimo", "por encima de",
                                               "al menos", "arriba de", NULL};
static const char *const loc_es_range_max_after[] = {"o menos", "como maximo", "maximo", "max", NULL};
static const char *const loc_es_range_min_after[] = {"o mas", "como minimo", "minimo", "+", NULL};
static const char *const loc_es_range_between[] = {"entre", NULL};
static const char *const loc_es_range_and[] = {"y", NULL};
static const char *const loc_es_range_to[] = {"a", "hasta", NULL};
static const char *const loc_es_range_until[] = {"al", NULL};
static const char *const loc_es_have_not[] = {"sin", "sin el", "sin la", "sin mi", "sin nuestro", "sin nuestra",
                                              "ningun", "ninguna", NULL};
static const ty_loc_word loc_es_party_sizes[] = {
    {"solo yo", 1, 0},      {"solamente yo", 1, 0},
    {"para mi solo", 1, 0}, {"para mi sola", 1, 0},   {"para mi solita", 1, 0}, {"solo para mi", 1, 0},
    {"yo nomas", 1, 0},     {"nomas yo", 1, 0},       {"voy solo", 1, 0},      {"voy sola", 1, 0},
    {"solo ella", 1, 0},    {"solo el", 1, 0},        {"solamente ella", 1, 0}, {"solamente el", 1, 0},
    {"ella sola", 1, 0},    {"el solito", 1, 0},      {"ella solita", 1, 0},   {"nomas ella", 1, 0},
    {"nomas el", 1, 0},     {"ella nomas", 1, 0},     {"el nomas", 1, 0},       {"mi esposa y yo", 2, 0},
    {"mi esposo y yo", 2, 0}, {"yo y mi esposa", 2, 0}, {"yo y mi esposo", 2, 0},
    {"ambos", 2, 0},        {"ambas", 2, 0},          {"mi pareja y yo", 2, 0}, {"mi marido y yo", 2, 0},
    {"yo y mi pareja", 2, 0}, {"yo y mi novia", 2, 0}, {"yo y mi novio", 2, 0}, {"para mi y mi pareja", 2, 0},
    {"para mi y mi novia", 2, 0}, {"para mi y mi novio", 2, 0}, {"pa mi y mi pareja", 2, 0},
    {"pa mi y mi novia", 2, 0}, {"pa mi y mi novio", 2, 0},
    {"mi mujer y yo", 2, 0}, {"mi novio y yo", 2, 0}, {"mi novia y yo", 2, 0}, {"mi amiga y yo", 2, 0},
    {"mi amigo y yo", 2, 0}, {"mi hermana y yo", 2, 0}, {"mi hermano y yo", 2, 0}, {"mi madre y yo", 2, 0},
    {"mi hija y yo", 2, 0}, {"mi hijo y yo", 2, 0},   {"yo solo", 1, 0},       {"yo sola", 1, 0},
    {"ellos dos", 2, 0},    {"ellas dos", 2, 0},      {"nosotros dos", 2, 0},  {"nosotras dos", 2, 0},
    {"los dos solos", 2, 0}, {"las dos solas", 2, 0}, {NULL, 0, 0}};
static const char *const loc_es_people_minors[] = {"ninos", "ninas", "nenes", "menores", "bebes", "peques", "crios",
                                                   "hijos", NULL};
static const char *const loc_es_self_and[] = {"yo y", "mi y", "yo con", "mi con", "yo mas", "mi mas", NULL};
static const char *const loc_es_and_self[] = {"y yo", "mas yo", "y para mi", "y pa mi", NULL};
static const char *const loc_es_people_determiners[] = {"mis", "mi", "nuestros", "nuestras", "los", "las", NULL};
static const char *const loc_es_get_done[] = {NULL};
static const char *const loc_es_past_periods[] = {
    "la semana pasada", "el mes pasado", "el otro dia", "la otra vez", "la vez pasada", "la ultima vez",
    "el finde pasado", "el fin de semana pasado", "hace unos dias", "hace poco", NULL};
static const char *const loc_es_reason_breaks[] = {"que", "q", "porque", "pq", "xq", NULL};
static const char *const loc_es_name_called[] = {"llamado", "llamada", "se llama", "que se llama", NULL};
static const char *const loc_es_other_possessives[] = {"su", "sus", NULL};
static const char *const loc_es_time_prep_subjects[] = {NULL};
static const char *const loc_es_rank_names[] = {"curso", "grado", "nivel", "piso", "planta", NULL};
static const char *const loc_es_quantity_names[] = {"cantidad", "unidades", "cuantos", "cuantas", "copias",
                                                     "ejemplares", "prendas", "piezas", "articulos", "bultos",
                                                     NULL};
static const char *const loc_es_age_names[] = {"edad", "edades", NULL};
static const char *const loc_es_street_words[] = {"calle", "avenida", "av", "avda", "jiron", "jr", "pasaje", "psje",
                                                  "paseo", "carrera", "cra", "carretera", "ctra", "colonia",
                                                  "urbanizacion", "urb", "dpto", "depto", "apto", "portal", "nro",
                                                  NULL};
static const char *const loc_es_time_unit_names[] = {"noche", "noches", "hora", "horas", "dia", "dias", "semana",
                                                     "semanas", "minuto", "minutos", "mes", "meses", "ano", "anos",
                                                     NULL};
static const char *const loc_es_age_before[] = {"tiene", "tienen", "cumple", "cumplio", "va a cumplir", "edad",
                                                "edad de", NULL};
static const char *const loc_es_kin_words[] = {
    "hijo", "hija", "nene", "nena", "nino", "nina", "peque", "bebe", "sobrino", "sobrina", "nieto", "nieta",
    "guri", "gurisa", "chiquito", "chiquita", "crio", "cria", "chamo", "chama", "pibe", "piba", "hijito", "hijita",
    "chico", "chica", "hermanito", "hermanita", "hermano", "hermana", NULL};
static const char *const loc_es_age_links[] = {"de", NULL};
static const char *const loc_es_name_articles[] = {"el", "la", NULL};
static const char *const loc_es_day_count_names[] = {"dias", "dia", "noches", "noche", "jornadas", NULL};
static const char *const loc_es_weather_words[] = {
    "llover", "llueva", "llueve", "lluvia", "lloviendo", "clima", "pronostico", "nieve", "nevar", "tormenta",
    "soleado", "garua", "chaparron", "frio", "calor", "viento", "nublado", "nieva", "nevando", "helada", "heladas",
    "granizo", "bochorno", "aguacero", "llovizna", "diluvio", "temporal", "tormentas", "chubascos", NULL};
static const char *const loc_es_age_after[] = {"anos", "anitos", "anos de edad", NULL};
static const char *const loc_es_range_from[] = {"del", NULL};
static const char *const loc_es_stay_start_names[] = {"llegada", "entrada", "inicio", "desde", "ida", NULL};
static const char *const loc_es_stay_end_names[] = {"salida", "hasta", "fin", "vuelta", "regreso", "final",
                                                     "partida", NULL};
static const char *const loc_es_stay_end_before[] = {
    "nos vamos", "nos vamos el", "nos iriamos", "nos iriamos el", "nos iremos", "nos iremos el", "se irian",
    "se irian el", "se iran el", "se van el", "salimos", "salimos el", "saldriamos el", "saldremos el",
    "salida", "salida el", "me voy el", "me iria el", "nos marchamos el", "nos marchariamos el", "volvemos el",
    "regresamos el", "hasta", "hasta el", NULL};
static const char *const loc_es_people_kinds[] = {
    "adultos", "adulto", "mayores", "ninos", "nino", "ninas", "nina", "nenes", "nene", "nenas", "peques", "crios",
    "chicos", "chicas", "chavales", "bebes", "bebe", "adolescentes", "jubilados", "estudiantes", "hombres", "mujeres",
    "pibes", "cabros", "jugadores", "pasajeros", "participantes", "huespedes", "escaladores", "nadadores",
    "alumnos", "alumnas", "bailarines", "asistentes", "visitantes", "ciclistas", "invitados", NULL};
static const char *const loc_es_have_with[] = {"mi", "mis", "nuestro", "nuestra", "con mi", "con nuestro",
                                               "con nuestra", "y mi", "traemos", "traemos a", "traigo", "traigo a",
                                               NULL};

/* Hundredths: after an amount they take its currency ("15 dolares y 15 centavos"). */
static const ty_loc_currency loc_es_subunits[] = {
    {"centimo", "EUR"}, {"centimos", "EUR"}, {"centavo", NULL}, {"centavos", NULL}, {"penique", "GBP"},
    {"peniques", "GBP"}, {"centavo de dolar", "USD"}, {"centavos de dolar", "USD"}, {NULL, NULL}};

static const char *const loc_es_money_links[] = {"y", "con", NULL};

/* After a bare number these say what it counts, so it is no amount. */
static const char *const loc_es_not_money[] = {
    "de nosotros", "de ellos", "veces", "vez", "personas", "persona", "invitados", "adultos", "ninos",
    "minutos", "min", "horas", "dias", "semanas", "meses", "anos", "por ciento", NULL};

static const char *const loc_es_phone_words[] = {
    "telefono", "tel", "movil", "celular", "cel", "fijo", "whatsapp", "contacto", "oficina", "casa",
    "trabajo", "llamar", "llamame", NULL};

static const char *const loc_es_id_words[] = {
    "cuenta", "tarjeta", "tarjeta de credito", "pedido", "orden", "factura", "referencia", "ref", "reserva",
    "ticket", "caso", "poliza", "socio", "cliente", "pasaporte", "licencia", "serie", "dni", "nie", "nif",
    "cif", "rfc", "curp", "pin", "iban", "clabe", "codigo postal", "cp", "seguro social", "expediente", NULL};

static const char *const loc_es_label_links[] = {"numero", "num", "no", "nro", "n", "es", "de", "codigo", NULL};

static const char *const loc_es_greetings[] = {
    "hola", "buenas", "buenos dias", "buen dia", "buenas tardes", "buenas noches", "que onda", "quiubo",
    "si", "vale", "claro", "bueno", NULL};

static const char *const loc_es_text_connectors[] = {"entonces", "pues", "bueno", NULL};
static const char *const loc_es_text_leadins[] = {
    "me llamo", "mi nombre es", "soy", "es", "habla", "llamame", "puedes llamarme", "mi nombre", "a nombre de",
    "a nombre d", "ponlo a nombre d", "ponla a nombre d", /* "ponlo a nombre d Yadiel" */
    "me yamo", /* "me yamo Kevin" */
    "ponlo a nombre de", "ponla a nombre de", "pon la cita a nombre de", "apuntalo a nombre de", "apuntala a nombre de",
    "apuntame como", "a mi nombre", "ponlo a mi nombre", "ponla a mi nombre", "atentamente", "un saludo",
    "saludos", "un abrazo", "cordialmente", "reciba un cordial saludo", "un cordial saludo", "es para", "para",
    "se llama", "mi hijo se llama", "mi hija se llama", "el nino se llama", "la nina se llama", "su nombre es",
    "el nombre es",
    /* what a cake or a card should say: "que diga Feliz cumple Mateo" */
    "que diga", "que ponga", "que diga asi", "que ponga asi", "ponle que diga", "con el mensaje", "el mensaje es",
    "la dedicatoria es", "que tenga escrito", NULL};
static const char *const loc_es_place_leadins[] = {
    "mi casa es en", "su casa es en", "mi casa esta en", "su casa esta en", "vivo en", "vive en", "vivimos en",
    "la direccion es", "mi direccion es", "su direccion es", "estamos en", NULL};

static const char *const loc_es_text_signoffs[] = {
    "gracias", "muchas gracias", "mil gracias", "muchisimas gracias", "gracias de antemano", "un saludo",
    "saludos", "un abrazo", "atentamente", "cordialmente", NULL};

static const char *const loc_es_text_riders[] = {
    "porfa", "porfis", "porfavor", "por favor", "xfa", "x fa", "plis", "pls", "rapido", "rapidito",
    "rapido porfa", "rapido por favor", "lo antes posible", "cuanto antes", "gracias", "mil gracias",
    "muchas gracias", "dale", "ya", NULL};
static const char *const loc_es_copulas[] = {"es", "sos", "eres", "son", "era", "fue", "parece", "pareces",
                                             "parecen", "ser", "vaya", "menudo", "menuda", NULL};
static const char *const loc_es_name_heres[] = {"por aqui", "al habla", "aqui", NULL};
static const char *const loc_es_name_labels[] = {"nombre", NULL};
static const char *const loc_es_place_leads[] = {"a", "en", "hacia", "hasta", "para", "pa", NULL};

static const char *const loc_es_possessives[] = {"mi", "mis", "nuestro", "nuestra", NULL};
static const char *const loc_es_count_before[] = {
    "somos", "son", "seran", "seremos", "seriamos", "vamos a ser", "vamos", "iremos",
                                                  "venimos", "vendremos", "para", "pa", "mesa para", "mesa pa",
                                                  "reserva para",
                                                  "reserva pa", "reservar para", "reservar pa", "grupo de", "para los",
                                                  "para las", "pa los", "vamos los", "vamos las", "somos los",
                                                  "somos las",
                                                  "iremos los", "venimos los", "seremos los", "familia de",
                                                  "una familia de", NULL};
static const char *const loc_es_count_after[] = {"personas", "comensales", "adultos", "pax", "de nosotros",
                                                 "de nosotras", "amigos", "amigas", "plazas", "cupos", "lugares", NULL};
static const char *const loc_es_occasions[] = {
    "cumpleanos", "cumple", "funeral", "entierro", "aniversario", "bautizo", "comunion", "graduacion",
    "despedida", "boda", "fiesta", "celebracion", "jubilacion", "baby shower", "primera comunion", "grado",
    "quince", "quinceanera", "novena", NULL};
static const char *const loc_es_occasion_leads[] = {"de la", "del", "de tu", "de su", "es la", "es el", "es tu",
                                                     "es su", NULL};
static const char *const loc_es_purposes[] = {"para", "pa", "pal", NULL};
static const char *const loc_es_named_others[] = {
    "perro", "perra", "perrito", "perrita", "cachorro", "cachorra", "cachorrito", "cachorrita", "gato", "gata",
    "gatito", "gatita", "mascota", "conejo", "coneja", "hijo", "hija", "nene", "nena", "nino", "nina", "peque",
    "marido", "esposo", "esposa", "mujer", "pareja", "novio", "novia", "madre", "padre", "mama", "papa", "abuela",
    "abuelo", "hermano", "hermana", "amigo", "amiga", "tia", "tio", "sobrino", "sobrina", "primo", "prima", "vecino",
    "vecina", "inquilino", "inquilina", "suegra", "suegro", NULL};

static const char *const loc_es_name_intros[] = {
    "me llamo", "mi nombre es", "a nombre de", "ponlo a nombre de", "ponla a nombre de", "pon la cita a nombre de",
    "apuntalo a nombre de", "apuntala a nombre de", "apuntame como", "a mi nombre", "ponlo a mi nombre",
    "ponla a mi nombre", "puedes llamarme", "se llama", "mi hijo se llama", "mi hija se llama", "su nombre es",
    "el nombre es", NULL};

static const struct ty_locale loc_es_table = {
    .code = "es",
    .yes = loc_es_yes,
    .yes_alone = loc_es_yes_alone,
    .no = loc_es_no,
    .no_alone = loc_es_no_alone,
    .yes_soft = loc_es_yes_soft,
    .unsure = loc_es_unsure,
    .negations = loc_es_negations,
    .corrections = loc_es_corrections,
    .replacing = loc_es_replacing,
    .other_events = loc_es_other_events,
    .reasons = loc_es_reasons,
    .reasons_within = loc_es_reasons_within,
    .swap_verbs = loc_es_swap_verbs,
    .no_determiners = loc_es_no_determiners,
    .yes_verbs = loc_es_yes_verbs,
    .yes_openers = loc_es_yes_openers,
    .yes_if_after = loc_es_yes_if_after,
    .cheaper_words = loc_es_cheaper_words,
    .earlier_words = loc_es_earlier_words,
    .later_words = loc_es_later_words,
    .dearer_words = loc_es_dearer_words,
    .swap_links = loc_es_swap_links,
    .free_words = loc_es_free_words,
    .past_words = loc_es_past_words,
    .past_not = loc_es_past_not,
    .part_articles = loc_es_part_articles,
    .name_particles = loc_es_name_particles,
    .hesitations = loc_es_hesitations,
    .and_words = loc_es_and_words,
    .instead_after = loc_es_instead_after,
    .choose_before = loc_es_choose_before,
    .booked_before = loc_es_booked_before,
    .deferrals = loc_es_deferrals,
    .negations_after = loc_es_negations_after,
    .question_words = loc_es_question_words,
    .question_aux = loc_es_question_aux,
    .question_aux_marked = loc_es_question_aux_marked,
    .question_words_marked = loc_es_question_words_marked,
    .knowing = loc_es_knowing,
    .question_subjects = loc_es_question_subjects,
    .proposals = loc_es_proposals,
    .proposal_ends = loc_es_proposal_ends,
    .proposal_joins = loc_es_proposal_joins,
    .conditions = loc_es_conditions,
    .fillers = loc_es_fillers,
    .option_words = loc_es_option_words,
    .ordinals = loc_es_ordinals,
    .ordinal_suffixes = loc_es_ordinal_suffixes,
    .rough_suffixes = loc_es_rough_suffixes,
    .weekdays = loc_es_weekdays,
    .weak_words = loc_es_weak_words,
    .months = loc_es_months,
    .relative_days = loc_es_relative_days,
    .weekends = loc_es_weekends,
    .this_words = loc_es_this_words,
    .next_words = loc_es_next_words,
    .next_suffixes = loc_es_next_suffixes,
    .week_after = loc_es_week_after,
    .verb_marks = loc_es_verb_marks,
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
    .fraction_words = loc_es_fraction_words,
    .number_articles = loc_es_none_numbers,
    .fraction_and = loc_es_fraction_and,
    .fraction_over = loc_es_fraction_over,
    .fraction_of = loc_es_fraction_of,
    .decimal_words = loc_es_decimal_words,
    .one_determiners = loc_es_none_numbers,
    .fraction_suffixes = loc_es_fraction_suffixes,
    .time_points = loc_es_time_points,
    .day_periods = loc_es_day_periods,
    .part_phrases = loc_es_part_phrases,
    .part_titles = loc_es_part_titles,
    .meridiems = loc_es_meridiems,
    .oclock = loc_es_oclock,
    .time_preps = loc_es_time_preps,
    .time_preps_answer = loc_es_time_preps_answer,
    .time_offsets = loc_es_time_offsets,
    .or_words = loc_es_or_words,
    .time_stops = loc_es_time_stops,
    .minute_words = loc_es_minute_words,
    .minute_links = loc_es_minute_links,
    .hour_marks = loc_es_hour_marks,
    .currencies = loc_es_currencies,
    .range_max = loc_es_range_max,
    .range_min = loc_es_range_min,
    .range_max_after = loc_es_range_max_after,
    .range_min_after = loc_es_range_min_after,
    .range_between = loc_es_range_between,
    .range_and = loc_es_range_and,
    .range_to = loc_es_range_to,
    .range_until = loc_es_range_until,
    .have_not = loc_es_have_not,
    .have_with = loc_es_have_with,
    .people_kinds = loc_es_people_kinds,
    .rank_names = loc_es_rank_names,
    .time_prep_subjects = loc_es_time_prep_subjects,
    .name_called = loc_es_name_called,
    .other_possessives = loc_es_other_possessives,
    .quantity_names = loc_es_quantity_names,
    .age_names = loc_es_age_names,
    .time_unit_names = loc_es_time_unit_names,
    .street_words = loc_es_street_words,
    .weak_day_leads = loc_es_weak_day_leads,
    .meal_parts = loc_es_meal_parts,
    .move_words = loc_es_move_words,
    .move_to = loc_es_move_to,
    .move_objects = loc_es_move_objects,
    .duration_leads = loc_es_duration_leads,
    .size_links = loc_es_size_links,
    .typo_traps = loc_es_typo_traps,
    .place_leadins = loc_es_place_leadins,
    .age_before = loc_es_age_before,
    .age_after = loc_es_age_after,
    .kin_words = loc_es_kin_words,
    .weather_words = loc_es_weather_words,
    .day_count_names = loc_es_day_count_names,
    .name_articles = loc_es_name_articles,
    .age_links = loc_es_age_links,
    .range_from = loc_es_range_from,
    .stay_start_names = loc_es_stay_start_names,
    .stay_end_names = loc_es_stay_end_names,
    .stay_end_before = loc_es_stay_end_before,
    .reason_breaks = loc_es_reason_breaks,
    .self_and = loc_es_self_and,
    .and_self = loc_es_and_self,
    .people_determiners = loc_es_people_determiners,
    .get_done = loc_es_get_done,
    .past_periods = loc_es_past_periods,
    .people_minors = loc_es_people_minors,
    .party_sizes = loc_es_party_sizes,
    .subunits = loc_es_subunits,
    .money_links = loc_es_money_links,
    .not_money = loc_es_not_money,
    .phone_words = loc_es_phone_words,
    .id_words = loc_es_id_words,
    .label_links = loc_es_label_links,
    .greetings = loc_es_greetings,
    .text_leadins = loc_es_text_leadins,
    .text_connectors = loc_es_text_connectors,
    .text_signoffs = loc_es_text_signoffs,
    .text_riders = loc_es_text_riders,
    .place_leads = loc_es_place_leads,
    .copulas = loc_es_copulas,
    .name_heres = loc_es_name_heres,
    .name_labels = loc_es_name_labels,
    .possessives = loc_es_possessives,
    .count_before = loc_es_count_before,
    .count_after = loc_es_count_after,
    .occasions = loc_es_occasions,
    .occasion_leads = loc_es_occasion_leads,
    .purposes = loc_es_purposes,
    .named_others = loc_es_named_others,
    .name_intros = loc_es_name_intros,
};

/* The Spanish table (static, immutable). */
const ty_locale *ty_locale_table_es(void) { return &loc_es_table; }
