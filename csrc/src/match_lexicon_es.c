/*
 * match_lexicon_es.c — the Spanish concept lexicon of match.h (see
 * match_lexicon_en.c): the same concepts, in the words Spanish-speaking
 * customers use (Spain and Latin America). Pure data and one light
 * stemmer; phrases are normalised (lower case, accents and tildes
 * stripped: "mañana" is "manana").
 */
#include "match.h"

static const ty_mlex_concept mles_concepts[] = {
    {"price", TY_MLEX_ACT,
     "precio|precios|cuanto|cuanto cuesta|cuanto cuestan|cuanto vale|cuanto valen|cuanto sale|cuanto es|"
     "cuanto cobran|cuanto cobrais|cuanto me sale|cuesta|cuestan|costar|coste|costo|costos|tarifa|tarifas|"
     "cobrar|cobran|cobrais|cobras|cobro|caro|cara|caros|carisimo|barato|barata|baratos|economico|"
     "presupuesto|cotizacion|euros|euro|pesos|dolares|pasta|lana|plata|$|€|valor|vale la pena|oferta|"
     "por hora|por sesion|por clase|por mes|por dia|lista de precios"},
    {"discount", TY_MLEX_ACT,
     "descuento|descuentos|rebaja|rebajas|promocion|promociones|promo|oferta|ofertas|cupon|codigo|bono|"
     "estudiante|estudiantes|jubilado|jubilados|tercera edad|gratis|gratuito|prueba|clase de prueba|"
     "primera gratis|2 x 1|dos por uno"},
    {"membership", TY_MLEX_ACT,
     "cuota|cuotas|mensualidad|mensual|anual|abono|abonos|bono|bonos|socio|socios|suscripcion|plan|planes|"
     "paquete|paquetes|ilimitado|membresia|matricula|inscripcion|contrato"},
    {"payment", TY_MLEX_ACT,
     "pagar|pago|pagos|pague|pagas|pagan|tarjeta|tarjetas|efectivo|contado|transferencia|bizum|paypal|"
     "factura|facturas|recibo|ticket|cuenta|domiciliacion|a plazos|plazos|cuotas sin interes|financiar|"
     "financiacion|por adelantado|adelantado|senal|deposito|anticipo|reembolso|devolucion|devolver el dinero|"
     "me cobraron|cobrado|datafono|mercado pago|transferir"},
    {"insurance", TY_MLEX_ACT,
     "seguro|seguros|aseguradora|mutua|mutuas|poliza|cobertura|cubre|cubren|prepaga|obra social|adeslas|"
     "sanitas|reembolso|copago|isapre|eps"},
    {"open_hours", TY_MLEX_ACT,
     "abierto|abiertos|abierta|abren|abris|abre|abrir|apertura|cerrado|cerrados|cierran|cerrais|cierra|"
     "cerrar|cierre|horario|horarios|hora de apertura|hora de cierre|a que hora|que horario|hasta que hora|"
     "desde que hora|hasta tarde|atienden|atendeis|atencion|dias festivos|festivo|festivos|feriado|feriados|"
     "puente|24 horas"},
    {"when", TY_MLEX_WEAK,
     "cuando|a que hora|hora|horas|minuto|minutos|min|hs|h|am|pm|mediodia|medianoche|pronto|proximo|"
     "proxima|siguiente|temprano|tarde"},
    {"day", TY_MLEX_WEAK,
     "lunes|martes|miercoles|jueves|viernes|sabado|sabados|domingo|domingos|finde|fin de semana|"
     "fines de semana|entre semana|hoy|manana|pasado manana|ayer|semana|semanas|mes|meses|dia|dias|fecha|"
     "fechas|navidad|nochebuena|nochevieja|ano nuevo|semana santa|pascua|enero|febrero|marzo|abril|mayo|"
     "junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"},
    {"daypart", TY_MLEX_WEAK,
     "por la manana|manana temprano|mananas|tarde|tardes|por la tarde|noche|noches|por la noche|mediodia|"
     "al mediodia|hora de comer|despues del trabajo|antes del trabajo|temprano"},
    {"location", TY_MLEX_ACT,
     "donde|donde estan|donde esta|donde estais|direccion|ubicacion|ubicados|ubicado|ubicada|encuentro|"
     "encontraros|encontrarlos|llegar|como llego|como llegar|indicaciones|mapa|google maps|codigo postal|"
     "cerca|cercano|cercana|mas cercano|al lado|junto a|enfrente|frente a|detras|esquina|calle|avenida|"
     "av|plaza|barrio|colonia|zona|centro|edificio|planta|piso|portal|entrada|puerta|lejos|distancia|"
     "a pie|andando|caminando|local|ascensor|escaleras|silla de ruedas|acceso"},
    {"transport", TY_MLEX_ACT,
     "aparcar|aparcamiento|parking|estacionar|estacionamiento|estaciono|aparco|coche|carro|auto|moto|"
     "autobus|bus|colectivo|camion|metro|tren|estacion|parada|taxi|uber|bici|bicicleta|transporte publico|"
     "en coche|en metro|en bus|ruta|salida"},
    {"booking", TY_MLEX_ACT,
     "reservar|reserva|reservas|reservo|reservame|reserve|reservado|cita|citas|turno|turnos|hora libre|"
     "horas libres|hueco|huecos|plaza|plazas|lugar|lugares|disponibilidad|disponible|disponibles|libre|"
     "apuntarme|apuntar|apuntame|anotarme|anotame|inscribirme|inscribir|inscripcion|agendar|agenda|"
     "agendame|pedir cita|pedir hora|sacar turno|coger cita|programar|quiero ir|puedo ir|puedo pasar|"
     "pasar por|venir|ir|asistir|lista de espera|completo|lleno|hay sitio|hay lugar|queda sitio|"
     "quedan plazas|me haces un hueco|me podeis atender|atenderme|verme"},
    {"cancel", TY_MLEX_ACT,
     "cancelar|cancelo|cancela|cancelame|cancelacion|cancelaciones|anular|anulo|anula|anulacion|"
     "dar de baja|darme de baja|baja|no puedo ir|no voy a poder|no podre|no podre ir|no llego|faltar|"
     "falte|no asistir|no vengo|no voy|ya no|no me presente|no presentarme|surgio algo|me surgio|"
     "ultimo momento|ultima hora|sin aviso"},
    {"reschedule", TY_MLEX_ACT,
     "cambiar|cambio|cambiame|cambia|mover|muevo|mueve|pasar|pasarla|aplazar|aplazo|posponer|pospongo|"
     "retrasar|adelantar|reprogramar|reprogramo|otro dia|otra hora|otro horario|otra fecha|otro turno|"
     "mas tarde|mas temprano|en vez de|en lugar de|me equivoque|por error|modificar|llego tarde|"
     "voy tarde|voy con retraso"},
    {"status", TY_MLEX_ACT,
     "listo|lista|listos|terminado|terminada|terminaron|acabado|acabaron|estado|novedades|noticias|"
     "como va|como vais|cuanto tarda|cuanto tardan|cuanto falta|cuando estara|recoger|recogida|retirar|"
     "buscar|pasar a buscar|esperando|espera|ya esta|resultados|resultado"},
    {"duration", TY_MLEX_ACT,
     "cuanto dura|cuanto tiempo|dura|duran|duracion|tarda|tardan|tardar|minutos|horas|rapido|largo"},
    {"urgent", TY_MLEX_ACT,
     "urgencia|urgencias|urgente|urgentes|emergencia|emergencias|ya mismo|ahora mismo|cuanto antes|"
     "lo antes posible|inmediato|inmediatamente|hoy mismo|mismo dia|rapido|ahora|enseguida|no puedo esperar|"
     "fuera de horario|ayuda"},
    {"pain", TY_MLEX_ACT,
     "dolor|dolores|duele|duelen|dolia|molestia|molestias|molesta|me duele|sangra|sangrado|sangre|"
     "hinchado|hinchada|hinchazon|inflamado|inflamada|infeccion|infectado|absceso|lesion|lesionado|roto|"
     "rota|partido|partida|se me rompio|se cayo|sensible|sensibilidad|punzante|insoportable|fatal|mal|"
     "peor|fuerte"},
    {"health", TY_MLEX_TOPIC,
     "salud|medico|medica|condicion|enfermedad|enfermo|enferma|operacion|cirugia|operado|operada|"
     "rehabilitacion|recuperacion|fisio|fisioterapia|lesion|espalda|rodilla|rodillas|cuello|cadera|hombro|"
     "articulaciones|artritis|diabetes|diabetico|tension|corazon|asma|alergia|alergias|alergico|"
     "medicacion|medicamento|embarazada|seguro|seguridad|riesgo"},
    {"pregnancy", TY_MLEX_TOPIC,
     "embarazada|embarazo|embarazadas|prenatal|preparto|posparto|postparto|trimestre|maternidad|"
     "semanas de embarazo|bebe|bebes|recien nacido|mama|mamas|madre|madres|lactancia|esperando un bebe"},
    {"kids", TY_MLEX_ACT,
     "nino|ninos|nina|ninas|hijo|hijos|hija|hijas|crio|crios|chaval|chavales|peque|peques|pequeno|"
     "pequenos|bebe|bebes|adolescente|adolescentes|menor|menores|infantil|familia|familias|colegio|"
     "escuela|edad|anos|chicos|chicas|criatura"},
    {"older", TY_MLEX_ACT,
     "mayor|mayores|persona mayor|personas mayores|tercera edad|jubilado|jubilada|jubilados|anciano|"
     "anciana|abuelo|abuela|abuelos"},
    {"beginner", TY_MLEX_ACT,
     "principiante|principiantes|primera vez|por primera vez|nunca|nunca he|nunca hice|sin experiencia|"
     "experiencia|nuevo|nueva|nuevos|novato|novata|empezar|empiezo|comenzar|inicio|iniciacion|"
     "introduccion|basico|basica|nivel|niveles|todos los niveles|facil|dificil|muy dificil|aprender|"
     "aprendo|que esperar|adecuado|adecuada|"
     "flexible|rigido|rigida|en forma|forma fisica|nervioso|nerviosa|miedo"},
    {"advice", TY_MLEX_ACT,
     "recomiendas|recomiendan|recomendais|recomendar|recomendacion|recomiendame|aconsejar|aconsejas|"
     "consejo|consejos|sugerir|sugerencia|cual me recomiendas|cual es mejor|que me conviene|me conviene|"
     "cual elijo|elegir|diferencia|la diferencia|vale la pena|merece la pena|mejor para mi|adecuado para mi"},
    {"request", TY_MLEX_WEAK,
     "quiero|quisiera|queria|querria|necesito|necesitaria|me gustaria|busco|estoy buscando|"
     "me hace falta|sigo queriendo|quiero un|quiero una|me das|me dais|me pones"},
    {"private", TY_MLEX_ACT,
     "privado|privada|privadas|privados|particular|particulares|individual|individuales|personal|"
     "personalizado|personalizada|uno a uno|solo yo|a domicilio|domicilio|en casa|en mi casa|venir a casa|"
     "entrenador personal|profesor particular|clases particulares"},
    {"group", TY_MLEX_ACT,
     "grupo|grupos|grupal|empresa|empresas|oficina|trabajo|equipo|companeros|empleados|fiesta|fiestas|"
     "cumpleanos|despedida|despedida de soltera|despedida de soltero|evento|eventos|celebracion|boda|amigos|"
     "amigas|club|alquilar el|todos juntos|personas"},
    {"staff", TY_MLEX_ACT,
     "profesor|profesora|profesores|profe|instructor|instructora|instructores|monitor|monitora|"
     "monitores|entrenador|entrenadora|terapeuta|especialista|especialistas|experto|profesional|"
     "profesionales|tecnico|tecnicos|mecanico|dentista|dentistas|doctor|doctora|medico|higienista|"
     "enfermera|estilista|peluquero|peluquera|barbero|personal|alguien|persona|dueno|duena|encargado|"
     "encargada|titulado|titulada|certificado|formado|formada"},
    {"bring", TY_MLEX_ACT,
     "traer|traigo|llevar|llevo|tengo que llevar|hace falta|necesito llevar|necesito traer|propio|propia|"
     "proporcionan|proporcionais|dan|dais|incluido|incluida|incluye|incluyen|equipo|material|cosas|"
     "preparar|preparacion|antes de|que tengo que"},
    {"clothing", TY_MLEX_ACT,
     "ropa|vestir|ponerme|llevar puesto|zapatillas|zapatos|calcetines|calcetines antideslizantes|mallas|"
     "leggins|pantalon|pantalones|pantalon corto|camiseta|top|sujetador deportivo|descalzo|descalza|"
     "uniforme|chaqueta|abrigo|casco|guantes|gafas|comodo|comoda"},
    {"facilities", TY_MLEX_ACT,
     "ducha|duchas|vestuario|vestuarios|cambiarme|cambiarse|bano|banos|aseo|aseos|servicio|taquilla|"
     "taquillas|guardar|bolso|mochila|wifi|agua|fuente|toalla|toallas|secador|espejo|cafeteria|sala de espera|"
     "instalaciones|aire acondicionado|calefaccion|esterilla|esterillas|colchoneta|colchonetas|sala|salas"},
    {"food", TY_MLEX_TOPIC,
     "comer|comida|desayuno|almuerzo|cena|merienda|beber|bebida|bebidas|hambre|ayunas|dieta|vegano|"
     "vegetariano|sin gluten|menu"},
    {"contact", TY_MLEX_ACT,
     "telefono|numero|llamar|llamo|llamada|llamame|llamadme|email|correo|mail|mensaje|mensajes|whatsapp|"
     "wasap|contacto|contactar|web|pagina|online|app|instagram|facebook"},
    {"online", TY_MLEX_ACT,
     "online|en linea|web|pagina web|app|aplicacion|internet|enlace|link|cuenta|usuario|contrasena|"
     "confirmar|confirmacion|confirmado|por telefono|por internet"},
    {"repair", TY_MLEX_ACT,
     "arreglar|arreglo|arreglan|arreglais|reparar|reparacion|reparaciones|reparan|roto|rota|averia|"
     "averiado|estropeado|estropeada|no funciona|no anda|dejo de funcionar|fallo|falla|problema|problemas|"
     "servicio|revision|revisar|mirar|echar un vistazo|cambiar|sustituir|sustitucion|repuesto|repuestos|"
     "ajustar|ajuste|instalar|instalacion|montar|mantenimiento|fuga|gotea|ruido"},
    {"checkup", TY_MLEX_ACT,
     "revision|revisiones|chequeo|control|controles|consulta|consultas|valoracion|evaluacion|diagnostico|"
     "primera visita|primera consulta|rutina|anual|cada seis meses|itv"},
    {"cleaning", TY_MLEX_ACT,
     "limpieza|limpiar|limpio|higiene|pulir|pulido|blanqueamiento|blanquear|lavar|lavado|desinfectar"},
    {"hire", TY_MLEX_ACT,
     "alquilar|alquiler|alquilo|alquilan|alquilais|rentar|renta|arrendar|prestar|prestamo|por dia|"
     "medio dia|dia completo|por horas|fianza|devolver"},
    {"buy", TY_MLEX_ACT,
     "comprar|compra|compro|compras|vender|vendeis|venden|vendo|venta|ventas|en venta|a la venta|stock|"
     "tienen|teneis|existencias|pedido|pedir|encargar|encargo|segunda mano|usado|usados|reacondicionado|"
     "marca|marcas|modelo|modelos|catalogo|tarjeta regalo|vale regalo"},
    {"wait_time", TY_MLEX_ACT,
     "esperar|espera|tiempo de espera|cola|retraso|lleno|concurrido|gente|aforo|completo"},
    {"complaint", TY_MLEX_ACT,
     "queja|quejas|quejarme|reclamacion|reclamar|hoja de reclamaciones|descontento|descontenta|"
     "decepcionado|decepcionada|mala experiencia|mal servicio|maleducado|fatal|error|equivocacion|"
     "compensacion|encargado|opinion|resena|resenas"},
    {"undecided", TY_MLEX_ACT,
     "pensarlo|pensarmelo|pensar|me lo pienso|lo pienso|lo tengo que pensar|tengo que pensarlo|dejame pensarlo|"
     "no estoy seguro|no estoy segura|no se todavia|no lo se|indeciso|indecisa|decidir|decidirme|decido|"
     "lo decido|consultarlo|lo consulto|ya te digo|ya os digo|te digo algo|os digo algo|te aviso|os aviso|"
     "mas adelante|quizas mas tarde|dudando|tengo dudas|lo estoy pensando|me lo estoy pensando"},
    {"pets", TY_MLEX_TOPIC, "perro|perros|perrito|mascota|mascotas|gato|gatos|animal|animales|perro guia"},
    {"language", TY_MLEX_ACT, "hablar|hablan|hablais|idioma|idiomas|ingles|espanol|castellano|frances|aleman|traductor"},
    {"gift", TY_MLEX_ACT, "regalo|regalos|regalar|tarjeta regalo|vale regalo|cheque regalo|sorpresa|detalle"},
    {"documents", TY_MLEX_ACT,
     "formulario|formularios|papeles|papeleo|documentos|documento|dni|identificacion|volante|derivacion|"
     "informe|receta|certificado|justificante|informacion|info|folleto|datos"},
};

/* Function words, greetings and chat fillers. */
static const char mles_stop[] =
    "yo|me|mi|mis|conmigo|tu|te|ti|tus|usted|ustedes|vos|vosotros|vosotras|os|su|sus|nosotros|nosotras|"
    "nos|nuestro|nuestra|el|ella|ellos|ellas|lo|la|los|las|le|les|se|un|una|unos|unas|de|del|a|al|y|e|o|"
    "u|ni|que|en|por|para|con|sin|sobre|entre|hasta|desde|hacia|segun|es|son|soy|eres|somos|sois|esta|"
    "estan|estoy|estas|estamos|este|esto|eso|ese|esa|esos|esas|aquel|aqui|ahi|alli|hay|habia|haber|he|"
    "has|ha|han|hemos|tengo|tienes|tiene|tenemos|tener|puedo|puedes|puede|podemos|podeis|pueden|poder|"
    "podria|podrias|podrian|quiero|quieres|quiere|queremos|querria|quisiera|necesito|necesitas|necesita|"
    "saber|se|sabes|gustaria|me gustaria|hola|buenas|buenos dias|buenas tardes|buenas noches|hey|ey|"
    "gracias|muchas gracias|mil gracias|porfa|porfavor|por favor|xfa|pf|plis|ok|okey|vale|si|no|claro|"
    "bueno|pues|entonces|tambien|solo|solamente|muy|mas|menos|mucho|muchos|mucha|muchas|poco|algo|alguno|"
    "alguna|algun|algunos|algunas|nada|todo|todos|toda|todas|cada|otro|otra|otros|otras|mismo|misma|"
    "cual|cuales|quien|quienes|como|cuanta|porque|pq|xq|q|k|tb|tmb|jaja|jajaja|jeje|ah|oh|eh|"
    "ya|aun|todavia|igual|bien|genial|perfecto|disculpa|disculpe|perdon|perdona|oye|mira|una pregunta|"
    "pregunta|duda|consulta rapida|ser|estar|hacer|hago|hace|hacen|va|voy|vas|vamos|ir a|dar|decir|"
    "dime|decidme|digame|quiero saber|queria|queria saber|seria|fuera|sea";

/* The length of w[0..n) without the pronouns joined to an infinitive or a
 * gerund ("cambiarla", "anularla", "pasármelo" → "cambiar", "anular",
 * "pasar"), or n; the verb keeps at least three letters before its ending.
 * An imperative keeps its pronouns too ("anúlamela", "cámbiala",
 * "llámame" → "anula", "cambia", "llama"): two joined pronouns after a
 * vowel, or one of "la", "lo", "las", "los", "me" after the "a" or "e" that
 * ends a verb of at least five letters (not after "ue": "escuela"). */
static size_t mles_unclitic(const char *w, size_t n) {
    static const char *const clitics[] = {"melas", "melos", "mela", "melo", "selas", "selos", "sela", "selo", "nos",
                                          "las", "los", "les", "la", "lo", "le", "me", "te", "se", NULL};
    static const char *const imperative_one[] = {"las", "los", "la", "lo", "me", NULL};
    static const char *const verbs[] = {"ando", "iendo", "ar", "er", "ir", NULL};
    for (size_t c = 0; clitics[c]; c++) {
        size_t cl = strlen(clitics[c]), k = n - cl;
        if (n <= cl || memcmp(w + k, clitics[c], cl) != 0) continue;
        for (size_t v = 0; verbs[v]; v++) {
            size_t vl = strlen(verbs[v]);
            if (k >= vl + 3 && memcmp(w + k - vl, verbs[v], vl) == 0) return k;
        }
        if (cl >= 4 && k >= 4 && strchr("aei", w[k - 1])) return k; /* two pronouns */
        bool one = false;
        for (size_t o = 0; imperative_one[o]; o++) one |= strcmp(imperative_one[o], clitics[c]) == 0;
        if (one && k >= 5 && (w[k - 1] == 'a' || w[k - 1] == 'e') && w[k - 2] != 'u') return k;
        return n;
    }
    return n;
}

/* Light Spanish stemming into out (capacity n + 1): the pronouns joined to
 * a verb, then a common verb, noun or plural ending off, then a final vowel.
 * Returns the stem's length; a stem keeps at least three letters. */
static size_t mles_stem(const char *w, size_t n, char *out) {
    static const char *const ends[] = {"aciones", "amientos", "imientos", "amiento", "imiento", "acion",
                                       "adores", "adoras", "ador", "adora", "mente", "ieron", "ando", "iendo",
                                       "aron", "amos", "emos", "imos", "ados", "idos", "adas", "idas", "ado",
                                       "ido", "ada", "ida", "ais", "eis", "ar", "er", "ir", "as", "es", "os",
                                       "an", "en", NULL};
    memcpy(out, w, n);
    if (n <= 3) return n;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)w[i] >= 0x80) return n; /* not plain ASCII: leave it */
    size_t k = mles_unclitic(w, n);
    for (size_t e = 0; ends[e]; e++) {
        size_t el = strlen(ends[e]);
        if (k >= el + 3 && memcmp(out + k - el, ends[e], el) == 0) {
            k -= el;
            break;
        }
    }
    if (k > 3 && k == n && out[k - 1] == 's') k--;
    if (k > 3 && strchr("aeio", out[k - 1])) k--;
    return k;
}

/* mlex.conjugates: a is b's root (b an infinitive in -ar, -er or -ir of
 * five letters or more) and a present, imperative or subjunctive ending of
 * b's conjugation, or b itself and a conditional ending, once the pronouns
 * joined to it are off: how a customer asks for something ("¿me cortáis
 * el pelo?", "quería que me cortarais el pelo", "¿me lo teñiríais?"). A
 * root of three letters counts in -ar only: "tenés" is no form of "teñir". */
static bool mles_conjugates(const char *a, size_t an, const char *b, size_t bn) {
    static const char *const ar[] = {"o", "as", "a", "amos", "ais", "an", "ad", "e", "es", "emos", "eis", "en",
                                     "ara", "aras", "aramos", "arais", "aran", "ase", "ases", "asemos", "aseis",
                                     "asen", NULL};
    static const char *const er_ir[] = {"o", "es", "e", "emos", "imos", "eis", "is", "en", "ed", "id",
                                        "a", "as", "amos", "ais", "an", "iera", "ieras", "ieramos", "ierais",
                                        "ieran", "iese", "ieses", "iesemos", "ieseis", "iesen", NULL};
    static const char *const cond[] = {"ia", "ias", "iamos", "iais", "ian", NULL};
    if (bn < 5 || b[bn - 1] != 'r' || !strchr("aei", b[bn - 2])) return false;
    size_t root = bn - 2;
    if (root < 4 && b[bn - 2] != 'a') return false;
    an = mles_unclitic(a, an);
    if (an <= root || memcmp(a, b, root) != 0) return false;
    for (const char *const *e = b[bn - 2] == 'a' ? ar : er_ir; *e; e++)
        if (strlen(*e) == an - root && memcmp(a + root, *e, an - root) == 0) return true;
    for (const char *const *e = cond; an > bn && memcmp(a, b, bn) == 0 && *e; e++)
        if (strlen(*e) == an - bn && memcmp(a + bn, *e, an - bn) == 0) return true;
    return false;
}

static const ty_mlex mles_lex = {
    .code = "es",
    .concepts = mles_concepts,
    .nconcepts = sizeof mles_concepts / sizeof mles_concepts[0],
    .stop = mles_stop,
    .stem = mles_stem,
    .conjugates = mles_conjugates,
};

const ty_mlex *ty_mlex_es(void) { return &mles_lex; }
