/*
 * judge_es.c — the Spanish words of judge.h: safe exits, frustration,
 * greetings, short forms and the built-in messages. Pure data; every phrase
 * is in normalised form (lower case, accents stripped: "déjame" is
 * "dejame", "más" is "mas"). tests/c/test_judge.c checks each entry.
 */
#include "judge.h"

static const char *const jes_stop_words[] = {
    "stop", "baja", "parar", "para", "alto", "cancelar", "detener", "darme de baja", "dar de baja",
    "de baja", "basta", "ya basta", "anular suscripcion", "cancelar suscripcion", NULL};

static const char *const jes_stop_phrases[] = {
    "dejame en paz", "dejenme en paz", "dejadme en paz", "no me escribas mas", "no me escriban mas",
    "no me mandeis mas", "no me envieis mas", "no me mandeis mensajes", "no me envieis mensajes",
    "no me escribais mas", "no me mandes mas", "no me manden mas", "no me envies mas", "no me envien mas",
    "no quiero mas mensajes", "no quiero recibir mas mensajes", "no quiero recibir mensajes",
    "no necesito mas mensajes", "ya no necesito mas mensajes", "no necesito estos mensajes",
    "ya no necesito estos mensajes", "no necesito mas recordatorios", "no hace falta que me escribas mas",
    "no hace falta que me escriban mas", "no hace falta que me escribais mas",
    "no quiero mas mensajes", "deja de escribirme", "dejen de escribirme", "deja de mandarme",
    "dejen de mandarme", "dejen de enviarme", "deja de enviarme", "deja de molestarme", "dejen de molestarme",
    "no me molesten mas", "no me molestes mas", "borrame de la lista", "borrenme de la lista",
    "sacame de la lista", "saquenme de la lista", "borrame de esto", "borrenme de esto", "sacame de esto",
    "saquenme de esto", "borrame de aqui", "borrenme de aqui", "quiero darme de baja", "darme de baja", "dame de baja",
    "denme de baja", "no me contacten", "no me contactes", "no me vuelvas a escribir",
    "no me vuelvan a escribir", "revoco mi consentimiento", "olvidad mi numero", "olvida mi numero",
    "olvidaos de mi numero", "olvidense de mi numero", "borra mi numero", "borrad mi numero", "borren mi numero",
    "no quiero saber nada mas", "no quiero saber nada de vosotros", "no quiero saber nada de ustedes",
    "dejad de molestarme", "dejad de escribirme", "no me molesteis mas", "basta de mensajes",
    "ya basta de mensajes", "no mas mensajes",
    "quitadme de vuestros mensajes", "quitame de vuestros mensajes", "quitenme de sus mensajes",
    "quitadme de la lista", "quitame de la lista", "quitenme de la lista", "sacadme de la lista",
    "sacadme de vuestros mensajes", "no vuelvan a escribir", "no volvais a escribir", "no vuelvas a escribir",
    "no vuelvan a escribirme", "no escriban a este numero", "no escribais a este numero",
    "no me escriban mas a este numero", "no vuelvan a mandar", "no volvais a mandar", "no vuelvan a contactar",
    "borren este numero", "borrad este numero", "eliminad mi numero", "elimina mi numero", "eliminen mi numero",
    "elimine mi numero", "eliminad este numero", "eliminen este numero", 
    "prefiero no recibir mensajes", "prefiero que no me escriban", "prefiero que no me escribais",
    "prefiero no recibir whatsapps",
    "prefiero no recibir mas mensajes", "prefiero no recibir mas", "no quiero recibir mas",
    "prefiero que no me escribais",
    "prefiero que no me escriban", "prefiero que no me escribas",
    "no hace falta que me sigais escribiendo", "no hace falta que me sigas escribiendo",
    "no hace falta que me sigan escribiendo", "no hace falta que me escribais mas",
    "no hace falta que me escribas mas", "no hace falta que me escriban mas", "no me sigais escribiendo",
    "no me sigas escribiendo", "no me sigan escribiendo", "no hace falta que sigais escribiendome",
    "no hace falta que sigan escribiendome", "no tiene sentido que me escribais", "no tiene sentido que me escriban",
    "preferiria que no me escribieran", "preferiria que no me escribierais", "preferiria que no me escribieras",
    "preferiria que no me escriban", "preferiria que no me escribais", "preferiria no recibir mensajes",
    "preferiria no recibir mas mensajes", "mejor no me escriban mas", "mejor no me escribais mas",
    "mejor no me escribas mas", "preferiria que dejaran de escribirme", "preferiria que dejarais de escribirme",
    NULL};

/* Una negativa a que le escriban, por partes (judge.h): formas de petición
 * (subjuntivo, infinitivo tras "vuelvan a", gerundio tras "sigan"), no el
 * indicativo, que cuenta lo que pasa ("nunca me escriben"). */
static const char *const jes_refuse_negs[] = {"no", "ya no", "nunca", "nunca mas", "jamas", "deja de", "dejad de",
                                              "deje de", "dejen de", NULL};
static const char *const jes_refuse_between[] = {"mas", "vuelvas a", "vuelva a", "vuelvan a", "volvais a", "sigas",
                                                 "siga", "sigan", "sigais", "por favor", "quiero", "quiero que",
                                                 "quiero seguir", "seguir", NULL};
static const char *const jes_contact_verbs[] = {
    "escribas", "escriba", "escriban", "escribais", "escribieras", "escribiera", "escribieran", "escribierais",
    "escribiesen", "escribir", "escribiendo", "mandes", "mande", "manden", "mandeis", "mandaras", "mandara",
    "mandaran", "mandarais", "mandasen", "mandar", "mandando", "envies", "envie", "envien", "envieis", "enviaras",
    "enviara", "enviaran", "enviarais", "enviasen", "enviar", "enviando", "contactes", "contacte", "contacten",
    "contacteis", "contactaras", "contactara", "contactaran", "contactarais", "contactar", "contactando",
    "molestes", "moleste", "molesten", "molesteis", "molestaras", "molestara", "molestaran", "molestarais",
    "molestar", "molestando", "llegue", "lleguen", "recibir", "recibiendo", "useis", "uses", "use", "usen", "usar",
    /* Spanglish, as in Miami: "no me textees más" */
    "textees", "textee", "texteen", "textear", "texteando", "texties", "textie", "textien", "mensajees", "mensajee",
    "mensajeen", "mensajear", NULL};
static const char *const jes_contact_objects[] = {"me", "nos", "a este numero", "a mi numero", "a mi movil",
                                                  "mi numero", "este numero", NULL};
static const char *const jes_contact_ends[] = {
    "mas", "mensajes", "mas mensajes", "nada", "nada mas", "de nuevo", "otra vez", "nunca mas", "por favor", "porfa",
    "x favor", "xfavor", "xfa", "porfi", "porfis", "plis", "gracias", "muchas gracias", "a este numero", "ya",
    "para nada", "de vosotros", "de ustedes", "vuestro",
    "vuestros", "suyo", "suyos", "por aqui", "del salon", "de la tienda", "del taller", "de la clinica",
    "de la empresa", "estos mensajes", "tantos mensajes", "vuestros mensajes", "sus mensajes", "recordatorios",
    "mas de estos mensajes", "mas mensajes de estos", "ninguno de estos mensajes", "promociones",
    "sus promociones", "vuestras promociones", "mas promociones", "ofertas", "sus ofertas", "vuestras ofertas",
    "mas ofertas", "promos", "sus promos", "publicidad", "mas publicidad", "anuncios", "boletines", NULL};

static const char *const jes_stop_maybe[] = {
    "no me interesa", "no me interesa nada", "no estoy interesado", "no estoy interesada", "ya no me interesa",
    "numero equivocado",
    "te equivocaste de numero", "quien eres", "quien es", "de donde sacaron mi numero", NULL};

static const char *const jes_identity_asks[] = {
    "eres", "eres un", "eres una", "es usted", "es usted un", "es usted una", "estoy hablando", "hablo",
    "estoy chateando", "estoy hablando con",
    "estoy hablando con un", "estoy hablando con una", "estoy chateando con", "estoy chateando con una",
    "esto es", "esto es un", "esto es una", NULL};

/* Una hora o momento tras "no me escribas" lo hace un cuándo, no una baja:
 * "no me escribas antes de las 2". */
static const char *const jes_timings[] = {
    "antes", "despues", "hasta", "por la noche", "por la manana", "por la tarde", "de noche", "los fines de semana",
    "el fin de semana", "mientras", "cuando", "entre", "temprano", "tarde", "hoy", "esta manana", "esta tarde", NULL};

static const char *const jes_timing_leads[] = {"antes de", "antes de que", "despues de", "despues de que", "hasta que",
                                               "cuando", "mientras", NULL};
static const char *const jes_talk_ends[] = {"hablar", "pueda hablar", "puedo hablar", "hablarlo", "comentarlo",
                                             "consultar", "consultarlo", "comentar", NULL};
static const char *const jes_talk_topics[] = {"sobre", "de lo", NULL};
static const char *const jes_talk_with[] = {"hablar con", "hablarlo con", "comentarlo con", "que me atienda",
                                            "pasame con", "paseme con", "me pasas con", "me pasa con",
                                            "me comunicas con", "me comunica con", NULL};
static const char *const jes_person_words[] = {"alguien", "una persona", "alguna persona", "alguna peluquera",
                                                "alguno de", "alguna de", "el responsable", "la responsable",
                                                "un responsable", "algun responsable", "el encargado",
                                                "la encargada", "el jefe", "la jefa", "el dueno", "la duena",
                                                "el gerente", "la gerente", "el supervisor", "la supervisora",
                                                "el propietario", "la propietaria", "el tecnico", "la tecnica",
                                                "el doctor", "la doctora", "el veterinario", "la veterinaria",
                                                "el instructor", "la instructora", "el profesor", "la profesora",
                                                "el estilista", "la estilista", "el mecanico", NULL};

static const char *const jes_handoff[] = {
    "que me pueda atender", "que me pueda atender alguien", "alguien que me atienda",
    "que me escriba ella", "que me escriba el", "escribir directamente", "escribirme directamente",
    "me escriba directamente", "hablar con ella", "hablarlo con ella", "hablar con el directamente",
    "comentarlo con la peluquera", "comentarlo con el peluquero", "hablarlo con la peluquera",
    "hablarlo con el peluquero", "hablar con la peluquera", "hablar con el peluquero", "comentarlo con alguien",
    "hablarlo con alguien", "con la peluquera directamente", "con el peluquero directamente",
    "hablar con una persona", "hablar con alguien", "hablar con un humano", "una persona real",
    "persona de verdad", "un humano", "un agente", "hablar con un agente", "con una persona",
    "hablar con el encargado", "hablar con la encargada", "que me llamen", "llamame", "llamenme",
    "atencion al cliente", "hablar con recepcion", "pasame con alguien", "paseme con alguien",
    "quiero una persona", "prefiero una persona", "necesito una persona", "quiero un humano",
    "alguien de carne y hueso", "de carne y hueso", "que me conteste alguien", "que me atienda alguien",
    "que me atienda una persona", "una persona de verdad", "hablar con el jefe", "hablar con la jefa",
    /* Mexico: "¿me puede atender una persona de a de veras?" */
    "me puede atender una persona", "me pueden atender una persona", "atender una persona",
    "una persona de a de veras", "persona de a deveras",
    "hablar con el dueno", "hablar con la duena", "esta el dueno", "esta la duena", "esta el encargado",
    "esta la encargada", "hablar directamente con el", "hablar directamente con la", "pasame con el encargado",
    "pasame con la encargada",
    "paseme con", "pasame con", "paseme a", "con un asesor", "con una asesora", "con un operador",
    "con una operadora",
    "me pasas con", "me pasa con", "me pasais con", "me puedes pasar con", "me podeis pasar con",
    "me podrias pasar con", "pasadme con", "me comunica con", "me comunicas con", "comunicame con",
    "comuniqueme con", "me puede comunicar con", "me podria comunicar con", "me puedes comunicar con",
    "paseme con la", "paseme con el", "pasame con la", "pasame con el",
    "alguna de las peluqueras", "alguno de los peluqueros", "alguna de las chicas", "alguno de los chicos",
    "una de las chicas", "uno de los chicos", "alguien del salon", "alguien del equipo", "alguien de la peluqueria",
    "una de las peluqueras", "uno de los peluqueros",
    "me conteste una persona", "me responda una persona", "me conteste una peluquera", "me conteste un peluquero",
    "con una maquina no", "con un robot no", "con un bot no", "no un robot", "no una maquina", "no un bot",
    "peluquera de verdad", "peluquero de verdad", "que me atienda una peluquera", "que me atienda un peluquero",
    "no quiero hablar con una maquina",
    "no quiero hablar con un robot", "no quiero hablar con un bot",
    "me puede llamar alguien", "me pueden llamar", "pueden llamarme", "puede llamarme alguien",
    "me podria llamar alguien", "me podrian llamar", "podrian llamarme", "me llama alguien",
    "que me llame", "quiero que me llame", "que me llame alguien", "que me llamen hoy", "q me llame",
    "que me llame la encargada", "que me llame el encargado", "llamadme", "que me llameis",
    NULL};

static const char *const jes_slowness[] = {"tarda una eternidad", "tardan una eternidad", "tardais una eternidad",
                                           "tarda siglos", "tardan siglos", NULL};
static const char *const jes_slow_links[] = {"en", NULL};
static const char *const jes_slow_aimed[] = {"usted", "ustedes", "tu", "esto", "el bot", "bot", "chat", "responder",
                                             "contestar", "atender", "atenderme", "responderme", "contestarme",
                                             "la respuesta", NULL};
static const char *const jes_frustration[] = {
    "inutil", "estupido", "estupida", "tonto", "tonta", "idiota", "ridiculo", "no sirve", "no sirves",
    "no sirve para nada", "perdida de tiempo", "no entiendes", "no me entiendes", "no me ayudas",
    "no ayudas", "que pesado", "que pesada", "harto", "harta", "me tienes harto", "me tienes harta", "mierda",
    "joder", "hostia", "carajo", "por dios", "😡", "🤬", "que lento", "muy lento", "lentisimo", "va lento",
    "tarda una eternidad", "tardan una eternidad", "tardais una eternidad", "tarda siglos", "tardan siglos",
    "no avanzamos", "no hay manera", "vaya tela", "🙄", "que ladilla", "burda de ladilla", "una ladilla",
    "que porqueria", "una porqueria", "esto es un relajo", "que relajo",
    "gracias por nada", "no ayudas nada", "es una verguenza", "inaceptable", "lamentable", "indignante",
    "impresentable", "una tomadura de pelo", "conchesumadre", "conchetumadre", "ctm", "csm", "puta la wea",
    "q weas", "que weas", "preguntan weas", "chinga", "chingada",
    /* the questions themselves: "uff cuántas preguntas", "q pesao con tanta pregunta" */
    "cuantas preguntas", "cuanta pregunta", "tanta pregunta", "tantas preguntas", "ya me estoy cansando",
    "me estoy cansando", "no sirven pa nada", "no sirven para nada", "ladrones", "unos ladrones", "rateros",
    "😤",
    /* Mexico and Chile: "q bot tan menso", "neta q desesperante, llevo media hora", "nadie me pescó" */
    "ni entiendes", "ni me entiendes", "menso", "mensa", "desesperante", "llevo media hora", "llevo una hora",
    "llevo horas", "nadie me pesca", "nadie me pesco", "nadie me responde", "nadie me contesta",
    "nadie me contesto", "nadie me respondio", "nadie contesta", "nadie responde", "nadie contesto",
    "nadie respondio", "nadie me atiende", "nadie atiende",
    /* Peru, Uruguay, Argentina, Guatemala: "qué webada... son unos inútiles", "¿sos tarado?", "me tenés podrida,
     * no entendés nada", "qué bot más bruto" */
    "inutiles", "unos inutiles", "webada", "que webada", "sos tarado", "sos tarada", "la puta madre", "no entendes",
    "me tenes podrida", "me tenes podrido", "me tienen podrida", "me tienen podrido", "bot mas bruto",
    "que bot tan bruto",
    /* "estoy hasta las narices de repetir lo mismo a una máquina" */
    "hasta las narices", "hasta el gorro", "hasta la madre", "hasta la coronilla",
    /* Honduras and Costa Rica: "no le entiendo nada a esta babosada", "esto no me entiende nada" */
    "babosada", "esta babosada", "que babosada", "no me entiende nada",
    /* Dominican and Nicaraguan: "tú eres un bot bien pendejo", "qué jodido este chunche" */
    "pendejo", "pendeja", "bien pendejo", "que jodido", "jodido este", "este chunche",
    /* Córdoba and Santiago: "qué bot más pelotudo", "eres más lento que el Transantiago" */
    "pelotudo", "pelotuda", "bot mas pelotudo", "la concha de la lora", "eres mas lento", "sos mas lento",
    "eres lento", "sos lento", "mas lento que una tortuga",
    NULL};

static const char *const jes_bot_words[] = {
    "eres", "tu", "bot", "robot", "maquina", "este chat", "esto", "usted", "ustedes", "vosotros", NULL};

static const char *const jes_no_undo[] = {
    "no anules", "no la anules", "no lo anules", "no me la anules", "no quiero anular", "no quiero anularla",
    "no hace falta anular", "no hace falta anularla", "no canceles", "no la canceles", "no quiero cancelar",
    "no quiero cancelarla", "no hace falta cancelar", "no la quiero anular", "no la quiero cancelar",
    "sin anular", "sin cancelar", "mantener la cita", "mantengo la cita", "mantener la reserva", "no cancelen",
    "no me cancelen", "no la cancelen", "no me la cancelen", "no cancele", "no me cancele", "no la cancele",
    "no me la cancele", "no me canceles", "no me la canceles", "no anulen", "no me anulen", "no la anulen",
    "no me la anulen", "no anule", "no me anule", "no la anule", "no me anules", "no voy a cancelar",
    "no voy a anular", NULL};

static const char *const jes_no_person[] = {
    "hablar con nadie", "con nadie", "que me atienda nadie", "no necesito a nadie", "no necesito una persona",
    "no hace falta una persona", "no hace falta que me atienda", "no quiero una persona", "no quiero un humano",
    "no me pases con nadie", "no me pase con nadie", "sin pasar por nadie", "que me llame nadie", "q me llame nadie",
    "me llame nadie",
    "no necesito hablar con una persona", "no necesito hablar con nadie", "no necesito hablar con alguien",
    "no hace falta hablar con una persona", "no hace falta hablar con alguien", "no quiero hablar con una persona",
    "no quiero hablar con nadie", NULL};

static const char *const jes_negations[] = {"no quiero", "nunca", "tampoco", "sin", "no hace falta", "no necesito",
                                            "no hace falta que", "no necesito que", NULL};

static const char *const jes_other_option[] = {
    "el otro", "la otra", "lo otro", "la otra opcion", "el otro mejor", "la otra mejor", "el otro entonces",
    "la otra entonces", "el otro servicio", NULL};
static const char *const jes_other_leads[] = {
    "no", "nop", "nel", "mejor", "perdon", "perdona", "quise decir", "queria decir", "me equivoque", "espera",
    "ay", "uy", "ese no", "esa no", "eso no", "quiero", "prefiero", "cambialo a", "cambiamelo a", "dame",
    "ponme", "mejor dame", "mejor ponme", "en realidad", "ah", "oh", "ups", "mmm", "eh", NULL};

static const char *const jes_any_option[] = {
    "cualquiera", "cualquiera de los dos", "cualquiera de las dos", "cualquiera vale", "me da igual", "da igual",
    "me es igual", "lo que sea", "el que sea", "la que sea", "como quieras", "como prefieras", "elige tu",
    "ambos me valen", "las dos me valen", "los dos me valen", "me vale cualquiera", "sin preferencia",
    "cuando sea", "cuando quieras", "cuando mejor os venga", "cuando mejor te venga", "a cualquier hora",
    "cuando os venga bien", "cuando te venga bien", NULL};

static const char *const jes_apologies[] = {"perdona", "perdon", "perdone", "perdonad", "disculpa", "disculpe",
                                            "disculpad", "lo siento", "sorry", "uy perdona", "ay perdona", NULL};

static const char *const jes_politeness[] = {"por favor", "porfa", "porfavor", "xfa", "gracias", "ya", "ahora",
                                             "en serio", NULL};

static const char *const jes_vocatives[] = {"bo", "che", "amigo", "amiga", "amigos", "chicos", "chicas", "gente",
                                           "equipo", "parce", "mijo", "mija", "wey", "guey", "compa", "loco",
                                           "vecino", "vecina", "muchachos", "pana", "mi pana", "chamo", "chama",
                                           "mano", "cuate", "senor", "senora", "senorita", "jefe", "jefa",
                                           "hermano", "hermana", "compadre", "comadre", "quillo", "illo", "pisha",
                                           "miarma", "weon", "mi amor", "reina", "mi reina", NULL};
static const char *const jes_greetings[] = {
    "hola", "holaa", "holi", "ola", "buenas", "buenos dias", "buen dia", "buenas tardes", "buenas noches",
    "que tal", "hola de nuevo", "hola otra vez", "saludos", "hey", "👋", "hay alguien", "hay alguien ahi",
    "alguien ahi", "estais ahi", "esta ahi", "estan ahi", "estas ahi", "una pregunta", "una duda",
    "pregunta rapida", "tengo una duda", "tengo una pregunta", "una consulta",
    /* as Mexicans, Colombians, Chileans, Venezuelans and Puerto Ricans greet */
    "que onda", "quiubo", "quiubole", "wena", "wenas", "epale", "wepa", "alo", NULL};

static const ty_judge_respell jes_respell[] = {
    {"mnn", "manana"},       {"mna", "manana"},        {"man", "manana"},        {"xfa", "por favor"},
    {"porfa", "por favor"},  {"porfis", "por favor"},  {"xf", "por favor"},   {"q", "que"},
    {"x favor", "por favor"}, {"xfavor", "por favor"}, {"porfi", "por favor"}, {"plis", "por favor"},
    {"xq", "porque"},         {"pq", "porque"},      {"tb", "tambien"},
    {"tmb", "tambien"},      {"finde", "fin de semana"}, {"sip", "si"},       {"sii", "si"},
    {"sep", "si"},           {"simon", "si"},          {"dale", "vale"},      {"nop", "no"},
    {"nel", "no"},           {"sab", "sabado"},        {"lun", "lunes"},      {"mie", "miercoles"},
    {"jue", "jueves"},       {"vie", "viernes"},       {"dom", "domingo"},
    {"vier", "viernes"},     {"mier", "miercoles"},    {"juev", "jueves"},
    {"biernes", "viernes"},  {"sipo", "si"},           {"nopo", "no"},        {"yapo", "ya"},
    {"al tiro", "hoy"},      {"altiro", "hoy"},
    /* ordinals written short ("1ra vez", normalised "1 ra vez") */
    {"1 ra", "primera"},     {"1 era", "primera"},     {"1 ro", "primero"},   {"1 er", "primer"},
    {"2 da", "segunda"},     {"2 do", "segundo"},
    /* the Chilean and Andalusian plural, its s dropped: "no me escribái' más" */
    {"escribai", "escribais"}, {"mandei", "mandeis"},   {"enviei", "envieis"}, {"molestei", "molesteis"},
    {"somo", "somos"},       {"seremo", "seremos"},    {"vamo", "vamos"},     {"tre", "tres"},
    /* the Caribbean s dropped: "somo' do'", "el lune'" */
    {"do", "dos"},           {"lo do", "los dos"},     {"la do", "las dos"},  {"sei", "seis"},
    {"lune", "lunes"},       {"miercole", "miercoles"}, {"jueve", "jueves"},  {"vierne", "viernes"},
    {"entonce", "entonces"}, {"despue", "despues"},
    {"kiero", "quiero"},     {"qiero", "quiero"},      {"kero", "quiero"},    {"kieres", "quieres"},
    {"ke", "que"},           {"k", "que"},             {"kiza", "quiza"},
    {"pa mi", "para mi"},    {"pa ti", "para ti"},     {"pa el", "para el"},  {"pa ella", "para ella"},
    {"pa usted", "para usted"},
    {NULL, NULL}};

static const char *const jes_no_longer[] = {"ya no", "nunca mas", "ya nada", NULL};

static const char *const jes_habitual[] = {
    "cada", "todos los", "todas las", "normalmente", "siempre", "casi siempre", "suelo", "sueles", "suele",
    "solemos", "soleis", "suelen", "habitualmente", "generalmente", "a menudo", "los fines de semana",
    "los findes", "los lunes", "los martes", "los miercoles", "los jueves", "los viernes", "los sabados",
    "los domingos", NULL};

static const char *const jes_wh_words[] = {
    "que", "cual", "cuales", "como", "cuando", "donde", "adonde", "quien", "quienes", "cuanto", "cuanta",
    "cuantos", "cuantas", "por que", "a que", "de que", "en que", "a donde",
    /* as typed in a hurry: "a q hora cerrais?", "xq no?" */
    "q", "k", "a q", "de q", "en q", "x q", "xq", "pq", "por q",
    /* asking whether something is so: "sabes si hoy hay marcha?" */
    "sabes si", "sabe si", "saben si", "sabeis si", "sabran si", "y sabes si", NULL};

static const char *const jes_proposals[] = {"que tal", "y que tal", "que te parece", "que os parece",
                                            "que le parece", "y si", "que tal si", "por que no", "porque no",
                                            "xq no", "pq no", "x q no", NULL};

static const char *const jes_openers[] = {
    "oye", "oiga", "oigan", "y", "pero", "vale", "bueno", "entonces", "una pregunta", "otra cosa", "perdona",
    "perdone", "por cierto", "ah", "eh", "pues", "antes de elegir", "antes de decidir", "antes de reservar",
    "antes de nada", "antes de eso", "una duda", "primero", NULL};

static const char *const jes_thanks[] = {
    "gracias", "muchas gracias", "mil gracias", "muchisimas gracias", "gracias de nuevo", "gracias otra vez",
    "gracias por todo", "gracias por la ayuda", "gracias por tu ayuda", "te lo agradezco", "se agradece",
    "muy amable", "grax", "grcs", "grasias", "🙏", "😘", "🥰", "❤", NULL};

static const char *const jes_farewells[] = {
    "adios", "hasta luego", "hasta pronto", "hasta la proxima", "nos vemos", "chao", "chau", "bye",
    "que vaya bien", "que te vaya bien", "que tengas buen dia", "buen fin de semana", "un saludo", "saludos",
    "un abrazo", "cuidate", "igualmente", NULL};

static const char *const jes_acks[] = {
    "vale", "ok", "okey", "perfecto", "perfe", "genial", "estupendo", "guay", "de acuerdo", "entendido", "muy bien",
    "listo", "dale", "sin problema", "todo bien", "nada mas", "eso es todo", "de nuevo", "otra vez", "de momento",
    "por ahora", "👍", "👌", "😊", "🙂", NULL};

static const char *const jes_change_words[] = {
    "cambiar", "cambiarla", "cambiarlo", "cambio", "cambia", "mover", "moverla", "moverlo", "pasar", "pasarla",
    "pasarlo", "en vez de", "en lugar de", "mejor", "aplazar", "retrasar", "adelantar", "otro dia", "otra hora",
    "otra fecha", "pasais", "pasas", "pasala", "pasalo", "pasamela", "pasamelo", "pasarmela", "pasarmelo",
    "cambiais", "cambias", "cambiala", "cambialo", "cambiamela", "cambiamelo", "cambiarmela", "mueves", "moveis",
    "muevela", "muevemela", "moverme", NULL};

static const char *const jes_same_day[] = {"mismo dia", "misma fecha", "ese dia tambien", NULL};
static const char *const jes_same_time[] = {"misma hora", "mismo horario", "misma franja", NULL};
static const char *const jes_recap_asks[] = {
    "a que hora era", "a que hora es mi cita", "a que hora tengo la cita", "que dia era", "que dia es mi cita",
    "que dia tengo la cita", "cuando era mi cita", "cuando es mi cita", "cuando tengo la cita",
    "recuerdame la cita", "me recuerdas la cita", "me recuerdas cuando", "me recuerdas que dia",
    "me recuerdas a que hora", "para cuando era", "para que dia era", "que dia tenia", "a que hora tenia",
    "para que dia tengo", "sigue en pie", "sigue mi cita", "sigue mi reserva", "sigue la reserva",
    "sigue la cita", "sigo teniendo cita", "que dia me dijiste", "a que hora me dijiste", "que dia dijimos",
    "a que hora dijimos", "que dia quedamos", "a que hora quedamos", "que dia me diste", "que dia me has dado",
    "q dia me dijiste", "a q hora me dijiste", "q dia dijimos", "a q hora dijimos", "q dia quedamos",
    "a q hora quedamos", "q dia era", "a q hora era", "q dia tenia", "a q hora tenia", "cuando quedamos",
    "para cuando quedamos", "decir otra vez el dia", "decir otra vez la hora", "decirme otra vez", "dime otra vez",
    "me repites el dia", "me repites la hora", "me puedes repetir", "repetirme el dia", "repetirme la hora", NULL};

/* A thing they did for the customer, told, and something wrong with it
 * (judge.h): "el castillo que me mandaron el sábado llegó sucio y con un
 * hoyo", "la tabla que me disteis tenía una raja". */
static const char *const jes_served_leads[] = {"me", "nos", "le", "les", "ustedes me", "uds me", NULL};
static const char *const jes_served_endings[] = {"aron", "eron", "asteis", "isteis", NULL};
static const char *const jes_served_skips[] = {"ya", "lo", "la", "los", "las", NULL};
static const char *const jes_served_phrases[] = {"les compre", "les deje",
                                                 "les devolvi", "les lleve", "les encargue", "les pedi", NULL};
static const char *const jes_defects[] = {
    "roto", "rota", "rotos", "rotas", "rompio", "rompieron", "sucio", "sucia", "sucios", "sucias", "hoyo", "hoyos",
    "agujero", "raja", "mancha", "manchas", "manchado", "manchada", "manchados", "rayado", "rayada", "rayaron",
    "rayones", "danado", "danada", "danaron", "no sirve", "no servia", "no funciona", "no funcionaba", "no enfria",
    "no prende", "no arranca", "no cierra", "no cerraba", "no abre", "ya no sirve", "ya no funciona", "ya no sube",
    "ya no baja", "ya no cierra", "bajada", "desinflada", "pinchada", "ponchada", "se cayo", "se cayeron",
    "se despego", "se despegaron", "quemado", "quemada", "quemaron", "frio", "fria", "frios", "frias",
    "equivocado", "equivocada", "mal hecho", "mal hecha", "quedo mal", "faltaba", "faltaban", "falto", "faltaron",
    "incompleto", "incompleta", "llego tarde", "llegaron tarde", "vino tarde", "vinieron tarde", "hora tarde",
    "horas tarde", "minutos tarde", "nunca llego", "nunca aparecio", "apesta", "huele", "mojado", "mojada",
    "torcido", "torcida", "calva", "herida", "botao", "botado", "se descompuso", "se dano", "fallando", "chueco",
    "chueca", "peor", "peor que antes", "aplastada", "aplastado", "arruinado", "arruinada", "arruinaron", "estropeado", "estropeada", "estropearon", "se estropeo", NULL};

static const char *const jes_elsewhere[] = {"de la esquina", "la competencia", "en otro lado", "en otra parte", NULL};
static const char *const jes_elsewhere_heads[] = {"otra", "otro", NULL};
static const char *const jes_elsewhere_not[] = {"vez", "dia", "semana", "cosa", "mes", "ano", "rato", NULL};

static const char *const jes_unhappy[] = {"me cobraron dos veces", "me cobraron doble", "me han cobrado dos veces",
                                          "me habeis cobrado dos veces", "cobro doble",
                                          /* lo que faltó o no duró: "me faltaron 4 pupusas" */
                                          "me faltaron", "me falto", "estaban frias", "llegaron frias",
                                          "vinieron frias", "llego frio", "llego fria", "no me duro",
                                          "no duro nada", "me cobraron por nada", "pague por nada",
                                          "full molesta", "full molesto",
                                          "no estoy contento con", "no estoy contenta con", "nada contento",
                                          "esto es un robo", "es un robo", "una estafa", "esto es una estafa",
                                          /* nadie vino */
                                          "nadie vino", "no vino nadie", "nadie aparecio", "no aparecio nadie",
                                          "nunca aparecio", "nunca llego", "nunca vino", "me dejaron plantado",
                                          "me dejaron plantada", "nos dejaron plantados",
                                          "me deje el dia libre para esto",
                                          "nada contenta", "no estoy satisfecho", "no estoy satisfecha",
                                          "muy decepcionado", "muy decepcionada", "estoy molesta", "estoy molesto",
                                          "muy molesta", "muy molesto", "bastante molesta", "bastante molesto",
                                          "enfadada", "enfadado", "enojada", "enojado", "cabreada", "cabreado",
                                          "indignada", "indignado", "dejar un reclamo", "hacer un reclamo",
                                          "poner un reclamo", "poner una queja", "presentar una queja",
                                          "poner una reclamacion", "hacer una reclamacion", "quiero reclamar",
                                          "tercera vez que escribo", "tercera vez q escribo", "segunda vez que pasa",
                                          "segunda vez q pasa", "mosqueado", "mosqueada", "quiero que me lo devolvais",
                                          "quiero que me lo devuelvan", "me lo devolvais ya", "inaceptable",
                                          "vergonzoso",
                                          "una verguenza", "q verguenza", "que verguenza", "indignante",
                                          "no hay derecho", "es el colmo", "esto es el colmo", "eso no se hace",
                                          "esto no se hace", "no es justo", "que tal servicio", "ni se disculpo",
                                          "ni pidio disculpas", "flipo con vosotros", "flipo con ustedes",
                                          "alucino con vosotros", "estoy re caliente", "estoy recaliente",
                                          "mala experiencia", "muy mala experiencia", "nunca se presento",
                                          "no se presento", "mal servicio",
                                          "pesimo servicio", "no puede ser q", "no puede ser que", "no es normal",
                                          "muy decepcionante", "falta de seriedad", "falta de respeto",
                                          "es la segunda vez", "es la tercera vez", "devuelvan esa plata",
                                          "devuelvan mi plata", "devuelvan mi dinero", "me cobraron de mas",
                                          "nadie me dio explicacion", "nadie me dio una explicacion",
                                          "pesima atencion", "mala atencion", "estoy berraco", "estoy muy berraco",
                                          "estoy berraca", "estoy muy berraca", "estoy emputado", "estoy emputada",
                                          "estoy furioso", "estoy furiosa", NULL};

static const char *const jes_chat_openers[] = {
    "viste el partido", "vieron el partido", "vio el partido", "visteis el partido", "viste el juego", "vieron el juego",
    "viste el clasico", "vieron el clasico", "visteis el clasico", "viste la pelea", "vieron la pelea",
    "viste la final", "vieron la final", "visteis la final", "viste el gol", "vieron el gol", NULL};
static const char *const jes_chat_events[] = {"partido", "juego", "clasico", "pelea", "final", "gol", NULL};
static const char *const jes_chat_pivots[] = {"bueno", "en fin", "pero", "total", "por cierto", "ademas",
                                             "igual", NULL};
static const char *const jes_requests[] = {"me puedes", "me pueden", "me podrias", "me podrian", "puedes",
                                           "pueden", "podrias", "podrian", "me podeis", "podeis", "dime", "digame",
                                           "diganme", "decime", "decidme", "pasame", "pasenme", "mandame",
                                           "mandenme", NULL};
static const char *const jes_hedges[] = {"capaz", "quizas", "quiza", "tal vez", "a lo mejor",
                                         "estaba pensando", "estabamos pensando", "puede que", NULL};
static const char *const jes_advice_asks[] = {"me hace falta", "nos hace falta", "hace falta un", "hace falta una",
                                              "me conviene", "vale la pena", "me recomiendas", "me recomiendan",
                                              "que me recomiendas", "que me recomiendan", "cual es mejor",
                                              "cual es mas", "cual sale mas", "que diferencia", "cual me conviene",
                                              NULL};

static const char *const jes_urgent[] = {"urgente", "urgencia", "emergencia", "cuanto antes", "lo antes posible",
                                         "ya mismo", "ahora mismo", "hoy mismo", "no aguanto", "no he dormido",
                                         "no pude dormir", "no puedo dormir", "me muero de dolor", "atiendan ya",
                                         "me atiendan ya", "me vean ya", "auxilio", "socorro", NULL};

static const char *const jes_in_touch[] = {"te escribo", "os escribo", "le escribo", "les escribo", "te aviso",
                                           "os aviso", "le aviso", "les aviso", "te llamo", "os llamo", "le llamo",
                                           "te vuelvo a escribir", "os vuelvo a escribir", "ya te digo", "ya os digo",
                                           NULL};

static const char *const jes_meaning_asks[] = {
    "que significa", "que quiere decir", "que es eso", "que es un", "que es una", "a que te refieres",
    "a que se refiere", "a que os referis", "cual es la diferencia", "que diferencia hay", "no entiendo",
    "no se que es", "que incluye", NULL};
static const char *const jes_suppositions[] = {
    "si llego", "si tengo", "si no puedo", "si anulo", "si cancelo", "si cambio", "si me", "y si", "que pasa si",
    "en caso de", "por si", NULL};
static const char *const jes_another[] = {"tambien", "ademas", "otra cita", "otra reserva", "otro corte",
                                          "otro color", "para mi hija", "para mi hijo", "para mi madre",
                                          "para mi pareja", "para mi novia", "para mi novio", NULL};

static const char *const jes_booking_words[] = {
    "dia", "fecha", "hora", "cita", "reserva", "turno", NULL};

static const ty_judge_lex jes_lex = {
    .code = "es",
    .stop_words = jes_stop_words,
    .stop_phrases = jes_stop_phrases,
    .stop_maybe = jes_stop_maybe,
    .refuse_negs = jes_refuse_negs,
    .refuse_between = jes_refuse_between,
    .contact_verbs = jes_contact_verbs,
    .contact_objects = jes_contact_objects,
    .contact_ends = jes_contact_ends,
    .handoff_phrases = jes_handoff,
    .talk_ends = jes_talk_ends,
    .talk_with = jes_talk_with,
    .talk_topics = jes_talk_topics,
    .person_words = jes_person_words,
    .no_person = jes_no_person,
    .no_undo = jes_no_undo,
    .frustration = jes_frustration,
    .bot_words = jes_bot_words,
    .slowness = jes_slowness,
    .slow_links = jes_slow_links,
    .slow_aimed = jes_slow_aimed,
    .identity_asks = jes_identity_asks,
    .timings = jes_timings,
    .timing_leads = jes_timing_leads,
    .negations = jes_negations,
    .politeness = jes_politeness,
    .greetings = jes_greetings,
    .vocatives = jes_vocatives,
    .any_option = jes_any_option,
    .other_option = jes_other_option,
    .other_leads = jes_other_leads,
    .respell = jes_respell,
    .habitual = jes_habitual,
    .no_longer = jes_no_longer,
    .apologies = jes_apologies,
    .wh_words = jes_wh_words,
    .wh_needs_mark = true,
    .proposals = jes_proposals,
    .openers = jes_openers,
    .thanks = jes_thanks,
    .farewells = jes_farewells,
    .acks = jes_acks,
    .change_words = jes_change_words,
    .booking_words = jes_booking_words,
    .same_day = jes_same_day,
    .same_time = jes_same_time,
    .another = jes_another,
    .recap_asks = jes_recap_asks,
    .suppositions = jes_suppositions,
    .meaning_asks = jes_meaning_asks,
    .unhappy = jes_unhappy,
    .served_leads = jes_served_leads,
    .served_endings = jes_served_endings,
    .served_skips = jes_served_skips,
    .served_phrases = jes_served_phrases,
    .defects = jes_defects,
    .elsewhere = jes_elsewhere,
    .elsewhere_heads = jes_elsewhere_heads,
    .elsewhere_not = jes_elsewhere_not,
    .advice_asks = jes_advice_asks,
    .hedges = jes_hedges,
    .requests = jes_requests,
    .chat_openers = jes_chat_openers,
    .chat_events = jes_chat_events,
    .chat_pivots = jes_chat_pivots,
    .in_touch = jes_in_touch,
    .urgent = jes_urgent,
    .confirm_stop = "Solo para confirmar: \xc2\xbfquieres que dejemos de escribirte?",
    .offer_person = "Perdona, no te estoy ayudando bien. \xc2\xbfQuieres que te pase con una persona?",
    .confirm_person = "\xc2\xbfQuieres que te pase con alguien del equipo?",
    .sorry_person = "Siento mucho lo ocurrido. \xc2\xbfQuieres que te pase con alguien del equipo?",
    .off_topic = "Me temo que con eso no puedo ayudarte por aqu\xc3\xad.",
    .off_topic_again = "Con eso tampoco puedo ayudarte, lo siento.",
    .back_lead = "Volviendo a lo anterior:",
    .updated_lead = "Entendido, lo he cambiado.",
    .refused_again = "Lo siento, eso sigue sin poder ser.",
    .recap = "Esto es lo que tengo apuntado:",
    .reprompt_lead = "Perdona, no te he entendido.",
    .reprompt_lead_again = "Perdona, sigo sin entenderte.",
    .yes_title = "S\xc3\xad",
    .no_title = "No",
    .handover_text = "\xc2\xa1Hola! Quiero seguir nuestra conversaci\xc3\xb3n por aqu\xc3\xad.",
    .thanks_reply = "\xc2\xa1" "De nada!",
    .aside = "Anotado, gracias.",
    .aside_again = "Entendido.",
    .no_worries = "No te preocupes.",
    .clearer = "Perdona, no me he explicado bien.",
    .apology = "Perdona las molestias.",
    .goodbye = "\xc2\xa1Hasta pronto, y gracias por escribirnos!",
};

/* The Spanish table (static, immutable). */
const ty_judge_lex *ty_judge_lex_es(void) { return &jes_lex; }
