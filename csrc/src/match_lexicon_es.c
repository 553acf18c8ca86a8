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
     "por hora|por sesion|por clase|por mes|por dia|lista de precios"
     "|cuanto me cobrarias|cuanto me costaria|cuanto costaria|cuanto saldria|cuanto me saldria|cuanto seria"
     "|me pasas precio|me pasas el precio|me das precio|pasame precio|info de precios|informacion de precios"
     "|presupuesto sin compromiso|pedir presupuesto|cotizacion sin compromiso|importe|precio final|precio total"
     "|iva incluido|con iva|sin iva|mas iva|impuestos incluidos|mas o menos cuanto|precio aproximado"
     "|precio orientativo|tarifa plana|precio fijo|por persona|por cabeza|por noche|por semana|por pieza|por unidad"
     "|cuanto la hora|cuanto por hora|demasiado caro|asequible|precio razonable|mejor precio|sale caro|kuanto"
     "|cuanto valdria|lukas|quetzales|pavos|sobrecosto|recargo|suplemento|coste extra|cargo extra|cargo adicional"
     "|coste adicional|sin cargo|honorarios|mano de obra|desplazamiento|precio de la visita|cobran la visita"
     "|cuanto cobran por venir|preico|presio|precioo|cuanto sta"},
    {"discount", TY_MLEX_ACT,
     "descuento|descuentos|rebaja|rebajas|promocion|promociones|promo|oferta|ofertas|cupon|codigo|bono|"
     "estudiante|estudiantes|jubilado|jubilados|tercera edad|gratis|gratuito|prueba|clase de prueba|"
     "primera gratis|2 x 1|dos por uno"
     "|precio especial|precio de amigo|oferta especial|promocion especial|3 x 2|mitad de precio|a mitad de precio"
     "|por ciento|porciento|precio rebajado|black friday|codigo promocional|tarjeta de fidelidad|cliente habitual"
     "|cliente nuevo|familia numerosa|carnet joven|desempleados|en paro|dto|descuentito"},
    {"membership", TY_MLEX_ACT,
     "cuota|cuotas|mensualidad|mensual|anual|abono|abonos|bono|bonos|socio|socios|suscripcion|plan|planes|"
     "paquete|paquetes|ilimitado|membresia|matricula|inscripcion|contrato"
     "|darme de alta|pago mensual|bono de 10|bono de 5|bono de clases|pack de clases|paquete de clases"
     "|tarifa mensual|permanencia|matricula gratis|congelar|pausar|renovar|caduca|caducidad|vence|clases sueltas"
     "|sesion suelta|pase diario"},
    {"payment", TY_MLEX_ACT,
     "pagar|pago|pagos|pague|pagas|pagan|tarjeta|tarjetas|efectivo|contado|transferencia|bizum|paypal|"
     "factura|facturas|recibo|ticket|cuenta|domiciliacion|a plazos|plazos|cuotas sin interes|financiar|"
     "financiacion|por adelantado|adelantado|senal|deposito|anticipo|reembolso|devolucion|devolver el dinero|"
     "me cobraron|cobrado|datafono|mercado pago|transferir"
     "|aceptan tarjeta|contra reembolso|pago contra entrega|pago a la entrega|pagar al final|pagar despues"
     "|en cuotas|meses sin intereses|sin intereses|msi|debito|credito|visa|mastercard|amex|apple pay|google pay"
     "|transferencia bancaria|numero de cuenta|cuenta bancaria|iban|clabe|spei|oxxo|nequi|daviplata|yape|plin|sinpe"
     "|mercadopago|pago movil|zelle|factura a nombre de|cif|nif|rfc|cfdi|comprobante|ticket de compra|propina"
     "|servicio incluido|dividir la cuenta|pagar por separado|fraccionar|cobro doble|cobrado dos veces|abonar"
     "|hacer un ingreso|deposito bancario|pago pendiente|saldo pendiente|pagar el resto|liquidar|pagp|pagarr"
     "|targeta"},
    {"insurance", TY_MLEX_ACT,
     "seguro|seguros|aseguradora|mutua|mutuas|poliza|cobertura|cubre|cubren|prepaga|obra social|adeslas|"
     "sanitas|reembolso|copago|isapre|eps"
     "|aceptan seguros|trabajan con seguros|seguro medico|seguro privado|seguro dental|seguro de mascotas|asisa|dkv"
     "|mapfre|axa|allianz|cigna|fonasa|sura|imss|issste|seguridad social|sanidad publica|dar parte|parte al seguro"
     "|perito|siniestro|franquicia"},
    {"open_hours", TY_MLEX_ACT,
     "abierto|abiertos|abierta|abren|abris|abre|abrir|apertura|cerrado|cerrados|cierran|cerrais|cierra|"
     "cerrar|cierre|horario|horarios|hora de apertura|hora de cierre|a que hora|que horario|hasta que hora|"
     "desde que hora|hasta tarde|atienden|atendeis|atencion|dias festivos|festivo|festivos|feriado|feriados|"
     "puente|24 horas"
     "|horario comercial|horario de verano|horario de invierno|horario de hoy|abierto hoy|abren hoy|abren manana"
     "|abren los domingos|abris el domingo|cerrado hoy|cierran hoy|vacaciones|hasta que hora abren|a que hora abren"
     "|a que hora cierran|a que hora cerrais|horario del finde|abierto todos los dias|de lunes a viernes"
     "|lunes a viernes|lunes a sabado|horario continuo|horario partido|jornada continua|cierran a mediodia"
     "|cierran al mediodia|ultima cita|ultimo turno|ultimo pase|ultima reserva|cocina abierta|horario de cocina"
     "|atienden domingos|atienden hoy|siguen abiertos|abiertos 24 horas|orario|horaio|abiertoo"},
    {"when", TY_MLEX_WEAK,
     "cuando|a que hora|hora|horas|minuto|minutos|min|hs|h|am|pm|mediodia|medianoche|pronto|proximo|"
     "proxima|siguiente|temprano|tarde"
     "|sobre las|a eso de|y media|y cuarto|menos cuarto|en punto|hrs|horita|ratito"},
    {"day", TY_MLEX_WEAK,
     "lunes|martes|miercoles|jueves|viernes|sabado|sabados|domingo|domingos|finde|fin de semana|"
     "fines de semana|entre semana|hoy|manana|pasado manana|ayer|semana|semanas|mes|meses|dia|dias|fecha|"
     "fechas|navidad|nochebuena|nochevieja|ano nuevo|semana santa|pascua|enero|febrero|marzo|abril|mayo|"
     "junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
     "|la semana que viene|semana que viene|proxima semana|el mes que viene|mes que viene|quincena"
     "|dentro de dos semanas|dia de reyes|san juan|todos los santos|dia de muertos|fiestas patrias|sabdo|sbado|mnn"
     "|dmingo|lunez|juebes|bierness"},
    {"daypart", TY_MLEX_WEAK,
     "por la manana|manana temprano|mananas|tarde|tardes|por la tarde|noche|noches|por la noche|mediodia|"
     "al mediodia|hora de comer|despues del trabajo|antes del trabajo|temprano"
     "|primera hora|a primera hora|despues de comer|antes de comer|salida del trabajo|al salir del trabajo"
     "|despues del cole|despues del colegio|madrugada"},
    {"location", TY_MLEX_ACT,
     "donde|donde estan|donde esta|donde estais|direccion|ubicacion|ubicados|ubicado|ubicada|encuentro|"
     "encontraros|encontrarlos|llegar|como llego|como llegar|indicaciones|mapa|google maps|codigo postal|"
     "cerca|cercano|cercana|mas cercano|al lado|junto a|enfrente|frente a|detras|esquina|calle|avenida|"
     "av|plaza|barrio|colonia|zona|centro|edificio|planta|piso|portal|entrada|puerta|lejos|distancia|"
     "a pie|andando|caminando|local|ascensor|escaleras|silla de ruedas|acceso"
     "|donde quedan|me pasas la direccion|pasame la direccion|mandame la ubicacion|ubicacion exacta"
     "|direccion exacta|al lado de|a la vuelta|numero de local|local comercial|centro comercial|galeria|primer piso"
     "|segundo piso|planta baja|sotano|timbre|porteria|casco antiguo|pueblo|ciudad|municipio|provincia|comuna"
     "|delegacion|alcaldia|cruce|cuadra|kilometros|waze|mandar ubicacion|direcion|direccon|hubicacion|ubicasion"
     "|dnd estan|donde stan"},
    {"transport", TY_MLEX_ACT,
     "aparcar|aparcamiento|parking|estacionar|estacionamiento|estaciono|aparco|coche|carro|auto|moto|"
     "autobus|bus|colectivo|camion|metro|tren|estacion|parada|taxi|uber|bici|bicicleta|transporte publico|"
     "en coche|en metro|en bus|ruta|salida"
     "|donde aparco|donde estacionar|parking gratuito|parking gratis|estacionamiento gratis|zona azul|zona verde"
     "|parquimetro|aparcar cerca|aparcar en la calle|parqueadero|parqueo|cochera|garaje|en transporte publico"
     "|linea de bus|cercanias|tranvia|micro|combi|subte|cabify|didi|aparcabicis"},
    {"booking", TY_MLEX_ACT,
     "reservar|reserva|reservas|reservo|reservame|reserve|reservado|cita|citas|turno|turnos|hora libre|"
     "horas libres|hueco|huecos|plaza|plazas|lugar|lugares|disponibilidad|disponible|disponibles|libre|"
     "apuntarme|apuntar|apuntame|anotarme|anotame|inscribirme|inscribir|inscripcion|agendar|agenda|"
     "agendame|pedir cita|pedir hora|sacar turno|coger cita|programar|quiero ir|puedo ir|puedo pasar|"
     "pasar por|venir|ir|asistir|lista de espera|completo|lleno|hay sitio|hay lugar|queda sitio|"
     "quedan plazas|me haces un hueco|me podeis atender|atenderme|verme"
     "|reservar una mesa|reservar mesa|reservar hora|pedir turno|sacar cita|sacar hora|agendar una hora"
     "|concertar cita|concertar una cita|solicitar cita|solicitar una cita|pedir una cita|me das cita|me da cita"
     "|dame cita|me das hora|guardame|guardame un sitio|queda lugar|quedan lugares|hora para|cita previa"
     "|con cita previa|sin cita previa|hace falta reservar|necesito hora|tengo que pedir cita|atienden sin cita"
     "|por orden de llegada|primera cita disponible|proxima cita|proximo turno|proxima disponible"
     "|cuando me puedes atender|cuando me podeis atender|cuando puedo ir|cuando puedo pasar|cuando hay hueco"
     "|me atienden|atendeis hoy|cuando pueden venir|mandar a alguien|enviar a alguien|una visita|pasaros por"
     "|me paso por|reserba|resevar|resrvar|sita|zita|ajendar|turnito|citita"},
    {"cancel", TY_MLEX_ACT,
     "cancelar|cancelo|cancela|cancelame|cancelacion|cancelaciones|anular|anulo|anula|anulacion|"
     "dar de baja|darme de baja|baja|no puedo ir|no voy a poder|no podre|no podre ir|no llego|faltar|"
     "falte|no asistir|no vengo|no voy|ya no|no me presente|no presentarme|surgio algo|me surgio|"
     "ultimo momento|ultima hora|sin aviso"
     "|cancelar la cita|cancelar mi cita|cancelar la reserva|cancelar mi reserva|cancelar el turno"
     "|cancelar mi turno|anular la cita|anular mi cita|anular la reserva|anular mi reserva|anular el pedido"
     "|cancelar el pedido|cancelar pedido|cancelar el encargo|no podre asistir|no puedo asistir|no voy a ir"
     "|no iremos|no vamos a ir|no podemos ir|ya no voy|ya no vamos|ya no necesito|ya no lo necesito|ya no quiero"
     "|me enferme|estoy enfermo|me puse malo|me encuentro mal|tuve un imprevisto|imprevisto|se me complico"
     "|me surgio un imprevisto|surgio un imprevisto|al final no|mejor no|desistir|baja de la suscripcion"
     "|cancelar la suscripcion|cancelar la membresia|cancelar la cuota|penalizacion|gastos de cancelacion"
     "|politica de cancelacion|cancelacion gratuita|cancelar sin coste|cancelar gratis|kancelar|cancelr|canselar"
     "|cancelasion"},
    {"reschedule", TY_MLEX_ACT,
     "cambiar|cambio|cambiame|cambia|mover|muevo|mueve|pasar|pasarla|aplazar|aplazo|posponer|pospongo|"
     "retrasar|adelantar|reprogramar|reprogramo|otro dia|otra hora|otro horario|otra fecha|otro turno|"
     "mas tarde|mas temprano|en vez de|en lugar de|me equivoque|por error|modificar|llego tarde|"
     "voy tarde|voy con retraso"
     "|cambiar la cita|cambiar mi cita|cambiar la reserva|cambiar mi reserva|cambiar el turno|cambiar mi turno"
     "|cambiar la hora|cambiar el dia|cambiar la fecha|cambiar de dia|cambiar de hora|cambiar de fecha"
     "|mover la cita|mover mi cita|mover la reserva|mover el turno|pasar la cita|dejarla para|otro momento"
     "|otra semana|semana siguiente|aplazar la cita|posponer la cita|atrasar|atrasar la cita|retrasar la cita"
     "|adelantar la cita|mas pronto|un poco antes|un poco mas tarde|un rato mas tarde|media hora mas tarde"
     "|llegare tarde|voy a llegar tarde|llego un poco tarde|llegare un poco tarde|vamos tarde|unos minutos tarde"
     "|10 minutos tarde|estoy en un atasco|trafico|reagendar|reagendar la cita|reprogramar la cita"
     "|modificar la reserva|modificar la cita|cambio de cita|cambio de hora|cambio de fecha|cambio de turno"
     "|intercambiar|en otro horario|otro hueco|seremos mas|seremos menos|una persona mas|una persona menos"
     "|anadir una persona|agregar una persona|re agendar"},
    {"status", TY_MLEX_ACT,
     "listo|lista|listos|terminado|terminada|terminaron|acabado|acabaron|estado|novedades|noticias|"
     "como va|como vais|cuanto tarda|cuanto tardan|cuanto falta|cuando estara|recoger|recogida|retirar|"
     "buscar|pasar a buscar|esperando|espera|ya esta|resultados|resultado"
     "|estara listo|cuando esta listo|cuando estara listo|para cuando|para cuando esta|cuando lo tengo"
     "|cuando lo puedo recoger|cuando puedo recoger|pasar a recoger|puedo pasar a buscarlo|como va mi|como va el"
     "|como va lo mio|como va la reparacion|como va mi pedido|como va el pedido|estado del pedido"
     "|estado de mi pedido|estado de la reparacion|mi pedido|donde esta mi pedido|no ha llegado|no me ha llegado"
     "|no me llego|todavia no llega|aun no llega|sigue sin llegar|cuando llega|cuando me llega|cuando llegara"
     "|numero de seguimiento|seguimiento|rastrear|rastreo|enviado|ya salio|esta en camino|sabeis algo"
     "|alguna noticia|me avisas|avisadme|avisame cuando|actualizacion|sigo esperando|llevo esperando|ya lo tienen"
     "|lo arreglaron|ya lo arreglaron|ya esta arreglado"},
    {"duration", TY_MLEX_ACT,
     "cuanto dura|cuanto tiempo|dura|duran|duracion|tarda|tardan|tardar|minutos|horas|rapido|largo"
     "|cuanto tiempo tarda|cuanto tiempo dura|cuanto tiempo lleva|demora|cuantos dias|cuantas sesiones"
     "|cuantas clases|numero de sesiones|en cuanto tiempo|en cuantos dias|media hora|hora y media|toda la manana"
     "|lleva mucho|rapidito|duradero|cuanto aguanta|dura el tratamiento"},
    {"urgent", TY_MLEX_ACT,
     "urgencia|urgencias|urgente|urgentes|emergencia|emergencias|ya mismo|ahora mismo|cuanto antes|"
     "lo antes posible|inmediato|inmediatamente|hoy mismo|mismo dia|rapido|ahora|enseguida|no puedo esperar|"
     "fuera de horario|ayuda"
     "|lo necesito ya|lo necesito hoy|lo necesito para hoy|lo necesito para manana|para hoy|para ya"
     "|lo antes que puedan|lo mas pronto posible|servicio de urgencia|urgencias 24 horas|atencion urgente|urge"
     "|socorro|auxilio|express|servicio express|en el acto|en el mismo dia|guardia|dentista de urgencia"
     "|veterinario de urgencia|cerrajero urgente|fontanero urgente|plomero urgente|electricista urgente|urjente"},
    {"pain", TY_MLEX_ACT,
     "dolor|dolores|duele|duelen|dolia|molestia|molestias|molesta|me duele|sangra|sangrado|sangre|"
     "hinchado|hinchada|hinchazon|inflamado|inflamada|infeccion|infectado|absceso|lesion|lesionado|roto|"
     "rota|partido|partida|se me rompio|se cayo|sensible|sensibilidad|punzante|insoportable|fatal|mal|"
     "peor|fuerte"
     "|me duele la muela|dolor de muela|dolor de espalda|dolor de cuello|dolor de rodilla|dolor de cabeza"
     "|dolor de oido|duele al masticar|escozor|ardor|arde|picor|picazon|comezon|pus|supura|enrojecido|moraton"
     "|moreton|hematoma|esguince|torcedura|me torci|tiron|contractura|lumbago|ciatica|tendinitis|calambre|rigidez"
     "|agujetas|duele cuando|me hace dano|hace dano|doloroso|dolera|anestesia|calmante|analgesico|ibuprofeno"
     "|paracetamol|indoloro"},
    {"health", TY_MLEX_TOPIC,
     "salud|medico|medica|condicion|enfermedad|enfermo|enferma|operacion|cirugia|operado|operada|"
     "rehabilitacion|recuperacion|fisio|fisioterapia|lesion|espalda|rodilla|rodillas|cuello|cadera|hombro|"
     "articulaciones|artritis|diabetes|diabetico|tension|corazon|asma|alergia|alergias|alergico|"
     "medicacion|medicamento|embarazada|seguro|seguridad|riesgo"
     "|fisioterapeuta|osteopata|osteopatia|quiropractico|podologo|podologia|traumatologo|medico de cabecera"
     "|informe medico|resonancia|radiografia|ecografia|analitica|analisis de sangre|tension alta|hipertension"
     "|colesterol|menopausia|ansiedad|depresion|estres|insomnio|lesion deportiva|hernia|hernia discal|escoliosis"
     "|lumbalgia|cervicales|tobillo|muneca|codo|pierna|musculo|columna|suelo pelvico|postura|tendon|ligamento"
     "|postoperatorio|despues de la operacion|marcapasos|anticoagulantes|quimioterapia|epilepsia|acupuntura"
     "|puncion seca|ondas de choque|nutricionista|dietista|psicologo|terapia|dolor de pies|los pies|tengo cancer"},
    {"pregnancy", TY_MLEX_TOPIC,
     "embarazada|embarazo|embarazadas|prenatal|preparto|posparto|postparto|trimestre|maternidad|"
     "semanas de embarazo|bebe|bebes|recien nacido|mama|mamas|madre|madres|lactancia|esperando un bebe"
     "|meses de embarazo|encinta|esperando un hijo|esperando bebe|dando el pecho|dar el pecho|masaje prenatal"
     "|yoga prenatal|pilates para embarazadas|cesarea|diastasis|matrona|despues del parto|antes del parto"},
    {"kids", TY_MLEX_ACT,
     "nino|ninos|nina|ninas|hijo|hijos|hija|hijas|crio|crios|chaval|chavales|peque|peques|pequeno|"
     "pequenos|bebe|bebes|adolescente|adolescentes|menor|menores|infantil|familia|familias|colegio|"
     "escuela|edad|anos|chicos|chicas|criatura"
     "|anitos|mayor de edad|mayores de 18|menores de 18|mayores de 16|con autorizacion|autorizacion de los padres"
     "|autorizacion paterna|permiso de los padres|acompanado|padres|tutor legal|chiquitin|chiquitos|chamaco|cabros"
     "|guaguas|pibes|nenes|cumple infantil|fiesta infantil|menu infantil|clases para ninos"},
    {"older", TY_MLEX_ACT,
     "mayor|mayores|persona mayor|personas mayores|tercera edad|jubilado|jubilada|jubilados|anciano|"
     "anciana|abuelo|abuela|abuelos"
     "|personas de edad|edad avanzada|pensionista|mayores de 65|mayores de 60|senior"},
    {"beginner", TY_MLEX_ACT,
     "principiante|principiantes|primera vez|por primera vez|nunca|nunca he|nunca hice|sin experiencia|"
     "experiencia|nuevo|nueva|nuevos|novato|novata|empezar|empiezo|comenzar|inicio|iniciacion|"
     "introduccion|basico|basica|nivel|niveles|todos los niveles|facil|dificil|muy dificil|aprender|"
     "aprendo|que esperar|adecuado|adecuada|"
     "flexible|rigido|rigida|en forma|forma fisica|nervioso|nerviosa|miedo"
     "|nunca he ido|nunca lo he hecho|nunca he hecho|nunca he probado|es mi primera vez|mi primera vez"
     "|primera clase|primera sesion|primerizo|principiante total|desde cero|empezar de cero|inicial|intermedio"
     "|avanzado|clase de iniciacion|curso de iniciacion|primer tatuaje|primer piercing|principante"},
    {"advice", TY_MLEX_ACT,
     "recomiendas|recomiendan|recomendais|recomendar|recomendacion|recomiendame|aconsejar|aconsejas|"
     "consejo|consejos|sugerir|sugerencia|cual me recomiendas|cual es mejor|que me conviene|me conviene|"
     "cual elijo|elegir|diferencia|la diferencia|vale la pena|merece la pena|mejor para mi|adecuado para mi"
     "|que me sugieres|que opinas|vuestra opinion|su opinion|asesoramiento|orientacion|cual seria mejor"
     "|que es mejor|que seria mejor|lo mejor|recomendable|conviene|ayudame a elegir|dudo entre"},
    {"request", TY_MLEX_WEAK,
     "quiero|quisiera|queria|querria|necesito|necesitaria|me gustaria|busco|estoy buscando|"
     "me hace falta|sigo queriendo|quiero un|quiero una|me das|me dais|me pones"
     "|me interesa|estoy interesado|interesado en|queria informacion|quisiera informacion|ando buscando"},
    {"private", TY_MLEX_ACT,
     "privado|privada|privadas|privados|particular|particulares|individual|individuales|personal|"
     "personalizado|personalizada|uno a uno|solo yo|a domicilio|domicilio|en casa|en mi casa|venir a casa|"
     "entrenador personal|profesor particular|clases particulares"
     "|servicio a domicilio|visita a domicilio|vienen a casa|a mi casa|en su casa|sesion privada|clase privada"
     "|sesion individual|clase individual|solo para mi|peluquera a domicilio|masaje a domicilio|profe particular"},
    {"group", TY_MLEX_ACT,
     "grupo|grupos|grupal|empresa|empresas|oficina|trabajo|equipo|companeros|empleados|fiesta|fiestas|"
     "cumpleanos|despedida|despedida de soltera|despedida de soltero|evento|eventos|celebracion|boda|amigos|"
     "amigas|club|alquilar el|todos juntos|personas"
     "|para 10 personas|para 20 personas|10 personas|20 personas|grupo grande|cena de empresa|cena de navidad"
     "|comida de navidad|team building|fiesta privada|evento privado|cumpleanos infantil|aniversario|comunion"
     "|primera comunion|bautizo|bautismo|quince anos|quinceanera|xv anos|graduacion|jubilacion"
     "|cuantas personas caben|capacidad|maximo de personas|minimo de personas|alquilar el local|local para eventos"
     "|salon de eventos|salon de fiestas|reservar el local|en exclusiva|fiesta de cumple|mi cumple"},
    {"staff", TY_MLEX_ACT,
     "profesor|profesora|profesores|profe|instructor|instructora|instructores|monitor|monitora|"
     "monitores|entrenador|entrenadora|terapeuta|especialista|especialistas|experto|profesional|"
     "profesionales|tecnico|tecnicos|mecanico|dentista|dentistas|doctor|doctora|medico|higienista|"
     "enfermera|estilista|peluquero|peluquera|barbero|personal|alguien|persona|dueno|duena|encargado|"
     "encargada|titulado|titulada|certificado|formado|formada"
     "|manicurista|cocinero|chef|camarero|mesero|recepcionista|la chica|el chico|el senor|la senora|con quien"
     "|quien me atiende|me va a atender|quien atiende|una mujer|una chica|un chico|tatuador|fisioterapeuta"
     "|odontologo|fontanero|electricista|cerrajero|veterinario|esteticista|masajista|fotografo|jardinero|ninera"
     "|canguro|florista|costurera|modista|sastre"},
    {"bring", TY_MLEX_ACT,
     "traer|traigo|llevar|llevo|tengo que llevar|hace falta|necesito llevar|necesito traer|propio|propia|"
     "proporcionan|proporcionais|dan|dais|incluido|incluida|incluye|incluyen|equipo|material|cosas|"
     "preparar|preparacion|antes de|que tengo que"
     "|que debo llevar|que debo traer|debo traer|prestan|venir en ayunas|en ayunas|antes de venir|llegar antes"
     "|llegar con antelacion"},
    {"clothing", TY_MLEX_ACT,
     "ropa|vestir|ponerme|llevar puesto|zapatillas|zapatos|calcetines|calcetines antideslizantes|mallas|"
     "leggins|pantalon|pantalones|pantalon corto|camiseta|top|sujetador deportivo|descalzo|descalza|"
     "uniforme|chaqueta|abrigo|casco|guantes|gafas|comodo|comoda"
     "|que me pongo|que ropa llevo|ropa deportiva|ropa de deporte|chandal|zapatillas deportivas|calzado"
     "|traje de bano|gorro|gorro de piscina|chanclas|tacones|vestimenta|codigo de vestimenta|dress code|de etiqueta"
     "|holgada"},
    {"facilities", TY_MLEX_ACT,
     "ducha|duchas|vestuario|vestuarios|cambiarme|cambiarse|bano|banos|aseo|aseos|servicio|taquilla|"
     "taquillas|guardar|bolso|mochila|wifi|agua|fuente|toalla|toallas|secador|espejo|cafeteria|sala de espera|"
     "instalaciones|aire acondicionado|calefaccion|esterilla|esterillas|colchoneta|colchonetas|sala|salas"
     "|vestidores|cambiador de bebe|trona|wc|lavabos|wifi gratis|contrasena del wifi|clave del wifi|zona infantil"
     "|zona de juegos|parque infantil|climatizado|champu|banos limpios|terraza|jardin|piscina|jacuzzi|sauna"},
    {"food", TY_MLEX_TOPIC,
     "comer|comida|desayuno|almuerzo|cena|merienda|beber|bebida|bebidas|hambre|ayunas|dieta|vegano|"
     "vegetariano|sin gluten|menu"
     "|tapas|raciones|media racion|pintxos|bocadillo|bocata|sandwich|tostada|croissant|cruasan|bolleria|postre"
     "|menu del dia|menu degustacion|carta|primer plato|segundo plato|entrante|paella|arroz|carne|pescado|marisco"
     "|pizza|hamburguesa|tacos|tortilla|empanada|arepa|ceviche|asado|parrilla|churros|helado|ensalada|sopa|pollo"
     "|cerdo|ternera|cordero|pan|comer algo|algo de comer|picar algo|almorzar|brunch|vermut|aperitivo|plato del dia"},
    {"contact", TY_MLEX_ACT,
     "telefono|numero|llamar|llamo|llamada|llamame|llamadme|email|correo|mail|mensaje|mensajes|whatsapp|"
     "wasap|contacto|contactar|web|pagina|online|app|instagram|facebook"
     "|vuestro numero|correo electronico|direccion de correo|escribir|escribiros|escribidme|mandame un mensaje"
     "|mandadme un mensaje|mensaje privado|md|dm|por privado|whats|wsp|guasap|contestar|nadie contesta|responder"
     "|respuesta|devolver la llamada|llamenme|hablar con alguien|hablar con una persona|atencion al cliente|tlf"
     "|tfno|telf|cel"},
    {"online", TY_MLEX_ACT,
     "online|en linea|web|pagina web|app|aplicacion|internet|enlace|link|cuenta|usuario|contrasena|"
     "confirmar|confirmacion|confirmado|por telefono|por internet"
     "|reservar online|reservar por internet|en la pagina|iniciar sesion|no puedo entrar|correo de confirmacion"
     "|email de confirmacion|confirmar la cita|confirmar la reserva|confirmar mi cita|recordatorio|recordatorios"
     "|videollamada|zoom|clase online|consulta online"},
    {"repair", TY_MLEX_ACT,
     "arreglar|arreglo|arreglan|arreglais|reparar|reparacion|reparaciones|reparan|roto|rota|averia|"
     "averiado|estropeado|estropeada|no funciona|no anda|dejo de funcionar|fallo|falla|problema|problemas|"
     "servicio|revision|revisar|mirar|echar un vistazo|cambiar|sustituir|sustitucion|repuesto|repuestos|"
     "ajustar|ajuste|instalar|instalacion|montar|mantenimiento|fuga|gotea|ruido"
     "|tiene solucion|componer|compostura|no sirve|ya no sirve|se descompuso|descompuesto|se rompio|no tira"
     "|poner uno nuevo|pieza|recambio|recambios|refaccion|presupuesto de reparacion|chequearlo|checar|areglar"
     "|reparasion"},
    {"checkup", TY_MLEX_ACT,
     "revision|revisiones|chequeo|control|controles|consulta|consultas|valoracion|evaluacion|diagnostico|"
     "primera visita|primera consulta|rutina|anual|cada seis meses|itv"
     "|revision general|revision periodica|chequeo general|consulta inicial|primera cita|valoracion inicial"
     "|prueba de alergia|inspeccion"},
    {"cleaning", TY_MLEX_ACT,
     "limpieza|limpiar|limpio|higiene|pulir|pulido|blanqueamiento|blanquear|lavar|lavado|desinfectar"
     "|limpieza a fondo|limpiar a fondo|desinfeccion|lavado a mano|lavado de coche|limpieza interior|tapiceria"
     "|quitar manchas|limpieza profunda"},
    {"hire", TY_MLEX_ACT,
     "alquilar|alquiler|alquilo|alquilan|alquilais|rentar|renta|arrendar|prestar|prestamo|por dia|"
     "medio dia|dia completo|por horas|fianza|devolver"
     "|precio del alquiler|alquiler por dia|alquiler por horas|alquiler por semana|arriendo|alquiler de bicis"
     "|alquiler de coches|alquiler de furgonetas|alquiler de material|alquiler de equipo|alquiler de trajes"
     "|alquiler de vestidos|entrega y recogida"},
    {"buy", TY_MLEX_ACT,
     "comprar|compra|compro|compras|vender|vendeis|venden|vendo|venta|ventas|en venta|a la venta|stock|"
     "tienen|teneis|existencias|pedido|pedir|encargar|encargo|segunda mano|usado|usados|reacondicionado|"
     "marca|marcas|modelo|modelos|catalogo|tarjeta regalo|vale regalo"
     "|agotado|cuando os llega|cuando les llega|reponer|tienen disponible|en tienda|tienda online|tienda fisica"
     "|comprar online|me lo pueden conseguir|reservarme uno|apartar|precio de venta"},
    {"wait_time", TY_MLEX_ACT,
     "esperar|espera|tiempo de espera|cola|retraso|lleno|concurrido|gente|aforo|completo"
     "|hora punta"},
    {"complaint", TY_MLEX_ACT,
     "queja|quejas|quejarme|reclamacion|reclamar|hoja de reclamaciones|descontento|descontenta|"
     "decepcionado|decepcionada|mala experiencia|mal servicio|maleducado|fatal|error|equivocacion|"
     "compensacion|encargado|opinion|resena|resenas"
     "|no estoy contento|no me gusto|no me ha gustado|no quede contento|muy mal|pesimo|horrible|desastre|verguenza"
     "|inaceptable|indignado|enfadado|enojado|estafa|timo|mal trabajo|trabajo mal hecho|mal hecho|chapuza"
     "|lo dejaron peor|me lo estropearon|arruinado|hablar con el encargado|hablar con el responsable"
     "|libro de reclamaciones|poner una queja|presentar una queja|dejar una resena|mala resena|mala opinion"
     "|denunciar|denuncia|grosero|mala atencion|mal atendido|me trataron mal"},
    {"undecided", TY_MLEX_ACT,
     "pensarlo|pensarmelo|pensar|me lo pienso|lo pienso|lo tengo que pensar|tengo que pensarlo|dejame pensarlo|"
     "no estoy seguro|no estoy segura|no se todavia|no lo se|indeciso|indecisa|decidir|decidirme|decido|"
     "lo decido|consultarlo|lo consulto|ya te digo|ya os digo|te digo algo|os digo algo|te aviso|os aviso|"
     "mas adelante|quizas mas tarde|dudando|tengo dudas|lo estoy pensando|me lo estoy pensando"
     "|ya te contare|ya os contare|ya les aviso|le aviso|luego te digo|luego os digo|despues te aviso"
     "|hablo con mi pareja|hablo con mi marido|hablo con mi mujer|ya veremos|estoy mirando|solo estoy mirando"
     "|solo preguntaba|comparando precios|comparando presupuestos|otros presupuestos|pidiendo presupuestos"
     "|en un futuro|para el futuro|de momento no|por ahora no|ahora mismo no|aun no lo se|no lo tengo claro"},
    {"pets", TY_MLEX_TOPIC, "perro|perros|perrito|mascota|mascotas|gato|gatos|animal|animales|perro guia"
     "|gatito|cachorro|cachorrito|peludo|peluditos|conejo|huron|loro|tortuga|hamster|admiten perros"
     "|se admiten mascotas|aceptan mascotas|pet friendly|dog friendly|perros permitidos|llevar al perro"
     "|llevar mi perro"},
    {"language", TY_MLEX_ACT, "hablar|hablan|hablais|idioma|idiomas|ingles|espanol|castellano|frances|aleman|traductor"
     "|catalan|euskera|gallego|valenciano|portugues|italiano|arabe|ruso|rumano|lengua de signos|lengua de senas"},
    {"gift", TY_MLEX_ACT, "regalo|regalos|regalar|tarjeta regalo|vale regalo|cheque regalo|sorpresa|detalle"
     "|regalo de cumpleanos|regalo de navidad|para mi novia|para mi mujer|para mi marido|para mi esposa"
     "|para mi madre|para mi mama|para mi padre|para mi papa|para una amiga|para un amigo|caja regalo|bono regalo"
     "|experiencia regalo|envolver|envuelto|papel de regalo|canjear|canjear un bono|usar el bono|dia de la madre"
     "|dia del padre|san valentin|amigo invisible"},
    {"documents", TY_MLEX_ACT,
     "formulario|formularios|papeles|papeleo|documentos|documento|dni|identificacion|volante|derivacion|"
     "informe|receta|certificado|justificante|informacion|info|folleto|datos"
     "|nie|pasaporte|cedula|ine|curp|carnet de identidad|identificacion oficial|documento de identidad"
     "|consentimiento|firmar|hoja de consentimiento|cuestionario|ficha|historial|historial medico|historia clinica"
     "|condiciones|terminos y condiciones|proteccion de datos"},
    {"access", TY_MLEX_ACT,
     "accesible|accesibilidad|adaptado|bano adaptado|movilidad reducida|discapacidad|discapacitado|rampa|escalones"
     "|muletas|baston|ciego|sordo|autismo|autista|silla de ruedas"},
    {"deposit", TY_MLEX_ACT,
     "senal|deposito|anticipo|dejar senal|dejar una senal|pagar senal|pagar la senal|reserva con senal|fianza"
     "|enganche|para apartar|abono inicial|pago inicial|prepago|deposito no reembolsable|senal no reembolsable"
     "|devuelven la senal|devolucion de la senal|perder la senal|pierdo la senal|se pierde la senal"
     "|recuperar la senal|reembolso de la senal"},
    {"refund", TY_MLEX_ACT,
     "reembolso|reembolsable|devolucion|devolver el dinero|devuelven el dinero|me devuelven|me devolveis"
     "|que me devuelvan|recuperar el dinero|mi dinero|el dinero de vuelta|reintegro|politica de devoluciones"
     "|cambios y devoluciones|nota de credito|reclamar el dinero|devolucion del dinero"},
    {"lead_time", TY_MLEX_ACT,
     "con cuanto tiempo|antelacion|dias de antelacion|semanas de antelacion|meses de antelacion|tiempo de entrega"
     "|plazo de entrega|fecha limite|ultimo dia para|llega a tiempo|estara a tiempo|para la fecha|preaviso"
     "|aviso previo|con aviso|reservar con antelacion|con tiempo"},
    {"included", TY_MLEX_ACT,
     "incluye|incluido|que trae|se paga aparte|extras|adicional|entra en el precio|dentro del precio|van incluidos"
     "|va aparte|se cobra aparte"},
    {"size", TY_MLEX_ACT,
     "tamano|cm|centimetros|metros cuadrados|diametro|ancho|mas grande|mas pequeno|para cuantas personas"},
    {"send_photo", TY_MLEX_ACT,
     "foto|mandar foto|mandar una foto|te mando una foto|os mando una foto|te envio una foto|te paso una foto"
     "|imagen|imagenes|captura|captura de pantalla|video|adjunto"},
    {"dining", TY_MLEX_TOPIC,
     "una mesa|mesa para dos|mesa para 2|mesa para cuatro|mesa para 4|en la terraza|restaurante|comedor"
     "|salon privado|comer con vosotros|cenar con vosotros|cena para|comida para|turno de cenas|primer turno"
     "|segundo turno|reservar mesa|reserva de mesa"},
    {"dietary", TY_MLEX_TOPIC,
     "alergia|alergias|alergico|intolerancia|intolerante|celiaco|lactosa|vegano|vegetariano|frutos secos|cacahuete"
     "|huevo|lacteos|halal|kosher|sin azucar|diabetico|alergenos|carta de alergenos|ingredientes|picante|sin carne"
     "|sin cerdo|gluten"},
    {"takeaway", TY_MLEX_ACT,
     "para llevar|comida para llevar|pedido para llevar|envio a domicilio|delivery|reparto|entregar|enviar|envio"
     "|mandan a domicilio|llevan a domicilio|me lo traen|me lo mandan|recoger en tienda|recoger el pedido|glovo"
     "|just eat|uber eats|rappi|pedidosya|didi food|gastos de envio|coste de envio|envio gratis|envio gratuito"
     "|pedido minimo|correos|mensajeria|paqueteria|seur|mrw|pedido"},
    {"water_leak", TY_MLEX_TOPIC,
     "fontanero|fontaneria|plomero|plomeria|gasfiter|gasfitero|fuga de agua|gotera|goteo|grifo|llave de paso"
     "|tuberia|tuberias|cano|caneria|canerias|inundacion|humedad|mancha de humedad|agua por el techo|cae agua"
     "|sale agua|pierde agua|perdida de agua|tubo roto|se rompio una tuberia|cisterna|canilla|presion del agua"
     "|sin agua|fuga"},
    {"heating", TY_MLEX_TOPIC,
     "caldera|calefaccion|radiador|calentador|termo|termotanque|boiler|sin agua caliente|agua caliente"
     "|no hay agua caliente|no calienta|piloto|fuga de gas|huele a gas|olor a gas|revision de caldera"
     "|revision del gas|certificado de gas|purgar|termostato|aerotermia|bomba de calor|climatizacion"
     "|instalacion de aire|aire acondicionado|calefon|estufa"},
    {"blockage", TY_MLEX_TOPIC,
     "atascado|desatascar|tapada|destapar|desague|sumidero|alcantarilla|fosa septica|inodoro tapado|vater atascado"
     "|fregadero atascado|no traga|no baja el agua|mal olor|huele mal|olor a cloaca|arqueta"},
    {"fixtures", TY_MLEX_ACT,
     "inodoro|vater|lavabo|lavamanos|fregadero|banera|plato de ducha|mampara|lavavajillas|lavaplatos|bidet|griferia"
     "|wc"},
    {"electrics", TY_MLEX_TOPIC,
     "electricista|electricidad|electrico|instalacion electrica|luz|luces|se fue la luz|apagon|corte de luz|enchufe"
     "|toma de corriente|tomacorriente|interruptor|diferencial|salta el diferencial|salta la luz|plomos"
     "|saltan los plomos|fusible|cuadro electrico|tablero electrico|cableado|lampara|bombilla|punto de luz"
     "|cortocircuito|chispas|boletin electrico|certificado electrico|placas solares|paneles solares"
     "|portero automatico|telefonillo"},
    {"guarantee", TY_MLEX_ACT,
     "garantia|garantias|garantizado|dan garantia|bajo garantia|meses de garantia|ano de garantia"
     "|se vuelve a romper|si vuelve a fallar|volvio a fallar|sigue igual|sigue sin funcionar|no quedo bien"
     "|quedo mal|lo vuelven a hacer|repetir el trabajo"},
    {"credentials", TY_MLEX_ACT,
     "colegiado|numero de colegiado|homologado|autorizado|empresa autorizada|instalador autorizado|licencia"
     "|seguro de responsabilidad civil|responsabilidad civil|asegurado|anos de experiencia|opiniones|referencias"
     "|trabajos anteriores|portfolio|portafolio|fotos de trabajos|material esteril|esterilizado|autoclave"
     "|agujas desechables|registro sanitario|titulado|certificado"},
    {"service_area", TY_MLEX_ACT,
     "trabajan en|trabajais por|cubren la zona|que zonas cubren|zona de trabajo|zonas de servicio|alrededores"
     "|toda la provincia|toda la ciudad|os desplazais|se desplazan|os moveis|hasta donde|hasta donde llegan|zonas"},
    {"hotel", TY_MLEX_TOPIC,
     "habitacion|alojamiento|hospedaje|hospedarse|hostal|hotel|casa rural|apartamento|apartamento turistico|cabana"
     "|dos noches|habitacion doble|habitacion individual|habitacion triple|suite|cama de matrimonio|camas"
     "|cama supletoria|cuna|check in|check out|hora de entrada|hora de salida|llegada tardia|desayuno incluido"
     "|media pension|pension completa|estancia|estancia minima|minimo de noches|airbnb|piso turistico|recepcion"
     "|vistas al mar"},
    {"animal_care", TY_MLEX_TOPIC,
     "veterinario|veterinarios|clinica veterinaria|vacuna|antirrabica|desparasitar|pulgas|garrapatas|castrar"
     "|microchip|cartilla de vacunacion|pasaporte para mascotas|no come|vomita|diarrea|cojea|cojera|se rasca|otitis"
     "|eutanasia|urgencia veterinaria|esterilizar a mi perra|esterilizar a mi gata"},
    {"animal_grooming", TY_MLEX_TOPIC,
     "peluqueria canina|peluqueria de perros|peluquera canina|groomer|bano y corte|bano para perro|banar al perro"
     "|banar a mi perro|corte para perro|corte de unas|cortar las unas|unas del perro|deslanado|stripping|nudos"
     "|enredos|guarderia canina|guarderia de perros|residencia canina|hotel para perros|hotel canino"
     "|residencia de mascotas|cuidar a mi perro|cuidador de perros|paseador de perros|paseo de perros"
     "|pasear al perro|pasear a mi perro|adiestramiento|educacion canina|caniche|bichon|yorkshire|shih tzu|labrador"
     "|pastor aleman|bulldog frances|schnauzer|chihuahua|pomerania|maltes|galgo|podenco|mestizo"},
    {"fitness", TY_MLEX_TOPIC,
     "gimnasio|gym|gim|entrenar|ejercicio|ejercicios|musculacion|cardio|spinning|ciclo indoor|crossfit|funcional"
     "|hiit|zumba|yoga|clases de yoga|pilates|reformer|pilates suelo|estiramientos|flexibilidad|boxeo|kickboxing"
     "|artes marciales|karate|judo|taekwondo|jiu jitsu|natacion|baile|bachata|clases de baile|danza|barre|tonificar"
     "|perder peso|bajar de peso|adelgazar|ponerme en forma|ganar musculo|plan de entrenamiento|gimnacio|jimnasio"
     "|levantar pesas|sala de pesas"},
    {"beauty", TY_MLEX_TOPIC,
     "peluqueria|salon de belleza|centro de estetica|estetica|esteticista|belleza|tratamiento facial"
     "|limpieza facial|limpieza de cutis|facial|masaje|depilacion|cera|manicura|pedicura|pestanas|cejas|maquillaje"
     "|maquillar|bronceado|autobronceador|rayos uva|micropigmentacion|microblading|botox|acido hialuronico"
     "|relleno de labios|peeling|spa|barberia|barba|peluqueria de senoras|salon de unas|peluqeria|pelukeria"},
    {"hair", TY_MLEX_TOPIC,
     "pelo|cabello|corte de pelo|cortar el pelo|las puntas|cortar las puntas|sanear puntas|flequillo|tinte"
     "|coloracion|mechas|reflejos|balayage|babylights|decoloracion|matiz|cubrir canas|raices|retocar raiz"
     "|retoque de raiz|peinado|ondas|rizos|alisado|keratina|botox capilar|moldeado|secado|lavar y secar"
     "|lavar y cortar|lavado y peinado|brushing|extensiones de pelo|trenzas|rastas|degradado|fade"
     "|corte de caballero|corte de hombre|corte de mujer|corte de nino|arreglo de barba|arreglar la barba"
     "|perfilado de barba|afeitado|pelo largo|pelo corto|media melena|melena|capas|desfilado|peinado de novia"
     "|tratamiento capilar|olaplex|peluquero|barbero|barberia|cabeyo|tapar canas|un recogido|peinado recogido"},
    {"nails", TY_MLEX_TOPIC,
     "unas de gel|acrilicas|semipermanente|esmaltado|manicura|pedicura|relleno de unas|retirar el gel|quitar el gel"
     "|quitar las unas|retirada de gel|decoracion de unas|diseno de unas|nail art|manicura francesa|press on"
     "|kapping|capping|esculpidas|polygel|dip powder|unas rusas|manicura rusa|manicurista"},
    {"lashes_brows", TY_MLEX_TOPIC,
     "pestanas|extensiones de pestanas|lifting de pestanas|tinte de pestanas|pelo a pelo|volumen ruso"
     "|relleno de pestanas|cejas|depilacion de cejas|diseno de cejas|laminado de cejas|microblading"
     "|micropigmentacion de cejas|tinte de cejas|depilacion con hilo|henna de cejas"},
    {"waxing", TY_MLEX_TOPIC,
     "depilacion|cera|cera caliente|cera tibia|piernas enteras|medias piernas|ingle brasilena|brasilena|axilas"
     "|bigote|labio superior|zona intima|laser diodo|fotodepilacion|ipl"},
    {"skin_aesthetics", TY_MLEX_TOPIC,
     "limpieza facial|tratamiento facial|peeling|acne|arrugas|antiarrugas|botox|acido hialuronico|relleno de labios"
     "|hilos tensores|mesoterapia|radiofrecuencia|hifu|dermapen|microneedling|presoterapia|cavitacion"
     "|carboxiterapia|medicina estetica|rejuvenecimiento|cutis|piel sensible|rosacea|ojeras|maquillaje"
     "|maquillaje de novia|bronceado|autobronceador"},
    {"tattoo", TY_MLEX_TOPIC,
     "tatuaje|tattoo|tatu|tatoo|estudio de tatuajes|tattoo shop|diseno del tatuaje|boceto|linea fina|fine line"
     "|realismo|blackwork|neotradicional|acuarela|lettering|manga completa|media manga|cover up|tapar un tatuaje"
     "|quitar un tatuaje|eliminar tatuaje|borrar un tatuaje|primer tatuaje|tatto|tatuage"},
    {"piercing", TY_MLEX_TOPIC,
     "piercing|perforacion|aretes|aro|argolla|joya|joyeria|oreja|lobulo|helix|tragus|daith|rook|conch|industrial"
     "|nariz|aleta|septum|labio|ombligo|pezon|dilatacion|expansiones|cambiar la joya|cambio de joya|bajar la joya"
     "|pistola|agujerear|pendientes al bebe|percing|pirsin|piersing|poner pendientes|piercing en la lengua"},
    {"dental", TY_MLEX_TOPIC,
     "dentista|dental|clinica dental|odontologo|odontologia|muela|diente|muela del juicio|empaste|endodoncia"
     "|matar el nervio|corona|implante|protesis|dentadura|dentadura postiza|extraccion|sacar una muela"
     "|sacar la muela|quitar una muela|limpieza dental|limpieza bucal|higiene dental|sarro|blanqueamiento dental"
     "|ortodoncia|brackets|frenos dentales|frenillos|invisalign|alineadores|retenedor|ferula|ferula de descarga"
     "|bruxismo|encias|sangran las encias|gingivitis|periodontitis|flemon|diente roto|diente partido"
     "|cayo un empaste|cayo la corona|sensibilidad dental|carilla|radiografia dental|ortodoncista|higienista"
     "|revision dental|dentista de urgencia|dentisra|dentita|tengo caries|una caries|caries dental"},
    {"eyes", TY_MLEX_TOPIC,
     "optica|optometrista|graduar la vista|revision de la vista|examen de la vista|gafas|lentes|anteojos|lentillas"
     "|lentes de contacto|gafas graduadas|progresivos|monturas|vista cansada|miopia|astigmatismo"},
    {"vehicle", TY_MLEX_TOPIC,
     "coche|carro|auto|vehiculo|moto|taller mecanico|itv|pasar la itv|revision del coche|cambio de aceite|aceite"
     "|filtro|pastillas de freno|discos de freno|embrague|caja de cambios|motor|bateria del coche|arranque"
     "|no arranca|luz de motor|testigo del motor|check engine|tubo de escape|amortiguadores|balanceo|chapa"
     "|chapa y pintura|carroceria|abolladura|rayon|parabrisas|luna del coche|cargar el aire|correa de distribucion"
     "|kilometraje|grua|remolque|matricula|patente|mantenimiento del coche|afinacion|alineacion de ruedas"
     "|frenos del coche|taller de coches"},
    {"car_service", TY_MLEX_TOPIC,
     "itv|pasar la itv|revision del coche|cambio de aceite|mantenimiento del coche|puesta a punto|afinacion"
     "|verificacion vehicular|revision oficial|taller mecanico|diagnosis del coche|servicio del coche"
     "|service del auto|revision de frenos|taller de coches|mecanico de coches"},
    {"tyres", TY_MLEX_TOPIC,
     "neumatico|rueda|llanta|goma|pinchazo|pinchado|ponchadura|ponchado|gomeria|vulcanizadora|montar neumaticos"
     "|cambiar neumaticos|rueda de repuesto|presion de las ruedas|neumaticos nuevos"},
    {"bicycle", TY_MLEX_TOPIC,
     "bici|bicicleta|bici electrica|ebike|mtb|mountain bike|bici de montana|bici de carretera|cadena|manillar"
     "|sillin|pedales|taller de bicis|ajuste de cambios|cambios de la bici|frenos de la bici"},
    {"fear", TY_MLEX_ACT,
     "me da miedo|tengo miedo|miedo al dentista|miedo a las agujas|fobia|nervios|panico|asustado|me mareo|marearme"
     "|desmayo|sedacion|con cuidado|delicado|me pongo nervioso|miedito"},
    {"cleaning_home", TY_MLEX_TOPIC,
     "limpieza del hogar|limpieza de casa|limpieza de la casa|limpiar la casa|limpiar mi casa|empleada de hogar"
     "|asistenta|senora de la limpieza|persona de limpieza|limpieza general|fin de obra|limpieza final de obra"
     "|limpieza de oficinas|limpieza de alfombras|limpieza de sofas|limpieza de colchones|planchar"
     "|horas de limpieza|limpieza semanal|limpieza quincenal|limpieza de mudanza|limpieza de piso"
     "|limpieza de airbnb|cambio de sabanas"},
    {"garden", TY_MLEX_TOPIC,
     "jardin|jardinero|jardineria|cesped|cortar el cesped|cortar el pasto|setos|arbol|talar|malas hierbas|desbrozar"
     "|desbroce|riego|riego automatico|cesped artificial|paisajismo|mantenimiento de jardin|limpieza de jardin"
     "|restos de poda"},
    {"removals", TY_MLEX_TOPIC,
     "mudanza|mudarme|traslado|fletes|camion de mudanza|furgoneta|guardamuebles|trastero|embalaje|embalar|cajas"
     "|montaje de muebles|desmontar|montar muebles|muebles|sofa|armario|portes|vaciado de pisos|vaciar el piso"},
    {"devices", TY_MLEX_TOPIC,
     "movil|celular|celulares|pantalla|pantalla rota|cambiar la pantalla|cambio de pantalla|cambio de bateria"
     "|no carga|conector de carga|puerto de carga|se mojo|cayo al agua|ordenador|portatil|computadora|laptop"
     "|notebook|tablet|ipad|iphone|samsung|xiaomi|huawei|macbook|teclado|formatear|formateo|recuperar datos"
     "|recuperar fotos|disco duro|ssd|consola|playstation|xbox|tele|television|smart tv|impresora|router"
     "|no tengo internet|liberar el movil|desbloquear|cristal templado|protector de pantalla|celu|compu"},
    {"noise_fault", TY_MLEX_ACT,
     "ruidos|chirria|chirrido|golpeteo|vibra|pita|codigo de error|parpadea|luz roja|se apaga solo|se apaga|se para"
     "|falla a veces|trabado|se cuelga|se bloquea|no enciende|no arranca|no responde|raro|extrano|se calienta|gotea"},
    {"custom", TY_MLEX_ACT,
     "personalizado|a medida|hecho a medida|por encargo|a mi gusto|diseno|diseno propio|mi propia idea|idea|boceto"
     "|dibujo|foto de referencia|referencia|inspirado en|tematica|con nombre|grabado|bordado|logo|unico|original"
     "|exclusivo"},
    {"aftercare", TY_MLEX_ACT,
     "cuidados|cuidados posteriores|cuidar el tatuaje|cuidado del tatuaje|cuidado del piercing|curar|cicatrizar"
     "|crema|pomada|bepanthol|suero fisiologico|limpiar el piercing|costra|se pela|evitar el sol"
     "|despues del tatuaje|despues de la sesion|es normal|normal que"},
    {"flavour", TY_MLEX_TOPIC,
     "sabor|chocolate|vainilla|fresa|frambuesa|limon|naranja|dulce de leche|red velvet|zanahoria|tarta de zanahoria"
     "|coco|pistacho|avellana|almendra|canela|frutos rojos|mango|maracuya|lotus|oreo|nutella|menos dulce"
     "|sabor caramelo|de caramelo|nata montada"},
    {"drinks", TY_MLEX_TOPIC,
     "cafe|cafe con leche|cortado|capuchino|latte|infusion|chocolate caliente|zumo|jugo|batido|licuado|smoothie"
     "|refresco|gaseosa|agua con gas|cerveza|vino|vino tinto|vino blanco|cava|champan|sangria|tinto de verano"
     "|coctel|copas|cubata|mojito|gin tonic|leche de avena|leche vegetal|descafeinado|bebida"},
    {"touch_up", TY_MLEX_ACT,
     "retoque|retocar|repaso|retoque gratis|retoque gratuito|se ha borrado|se borro|se fue el color|destenido"
     "|arreglar un tatuaje|corregir|correccion|rehacer|volver a hacer|cover up"},
    {"materials", TY_MLEX_TOPIC,
     "titanio|oro|acero|acero quirurgico|acero inoxidable|niquel|oro blanco|oro rosa|hipoalergenico|material|cuero"
     "|piel sintetica|algodon|madera|plastico|vinilo|de plata|plata de ley"},
    {"cakes", TY_MLEX_TOPIC,
     "tarta|pastel|torta|tarta de cumpleanos|pastel de cumpleanos|torta de cumpleanos|tarta personalizada"
     "|pastel personalizado|tarta de boda|pastel de boda|tarta de comunion|cupcakes|magdalenas|galletas"
     "|galletas decoradas|cookies|brownie|brownies|cheesecake|tarta de queso|fondant|buttercream|bizcocho"
     "|relleno de la tarta|pasteleria|panaderia|reposteria|pastelero|encargar una tarta|encargo de tarta"
     "|cuantas raciones|topper|mesa dulce|candy bar|pan de masa madre|masa madre|roscon|roscon de reyes|bolleria"
     "|tarta de dos pisos|tarta de tres pisos"},
    {"massage", TY_MLEX_TOPIC,
     "masaje|masajista|masaje relajante|descontracturante|masaje deportivo|masaje terapeutico|masaje con piedras"
     "|piedras calientes|drenaje linfatico|reflexologia|masaje tailandes|masaje en pareja|circuito spa"
     "|circuito de aguas|dia de spa|aromaterapia|shiatsu|quiromasaje|masage|masajito"},
    {"wedding", TY_MLEX_TOPIC,
     "boda|novias|casarnos|ceremonia|banquete|convite|damas de honor|padrino|madrina|pedida de mano"
     "|aniversario de boda|renovacion de votos|dia de la boda|wedding planner|preboda|postboda|vestido de novia"},
    {"locks", TY_MLEX_TOPIC,
     "cerrajero|cerrajeria|cerradura|cerrojo|bombin|llaves|copia de llave|duplicado de llave|me quede fuera"
     "|me he quedado fuera|me deje las llaves|perdi las llaves|he perdido las llaves|rompio la llave|llave rota"
     "|llave atascada|no abre la puerta|abrir la puerta|apertura de puerta|cambiar la cerradura|cambio de cerradura"
     "|cambiar el bombin|puerta blindada|puerta acorazada|candado|caja fuerte|llave del coche|mando del coche|robo"
     "|forzaron la puerta|intento de robo|cerrajero urgente"},
    {"photography", TY_MLEX_TOPIC,
     "fotografo|fotografia|sesion de fotos|sesion fotografica|reportaje|reportaje de boda|fotos de boda"
     "|fotos de familia|fotos de embarazo|fotos de recien nacido|book de fotos|retrato|video de boda|videografo"
     "|album de fotos|fotos editadas|dron|fotomaton|preboda|postboda"},
    {"florist", TY_MLEX_TOPIC,
     "floristeria|florista|flores|ramo|ramo de novia|centros de mesa|corona funebre|flores para funeral"
     "|arreglo floral|envio de flores|enviar flores|mandar flores|tulipanes|girasoles|orquideas|lirios|peonias"
     "|flores secas|centro de flores|ramo de rosas|rosas rojas"},
    {"printing", TY_MLEX_TOPIC,
     "imprenta|imprimir|tarjetas de visita|tarjetas de presentacion|flyers|folletos|carteles|pancarta|lona|roll up"
     "|vinilo|rotulacion|pegatinas|etiquetas|invitaciones de boda|fotocopias|encuadernacion|plastificar"
     "|camisetas personalizadas|serigrafia|tazas personalizadas|gran formato"},
    {"alterations", TY_MLEX_TOPIC,
     "arreglos de ropa|arreglar un pantalon|arreglar el bajo|bajo del pantalon|cogerle el bajo|subir el bajo"
     "|dobladillo|estrechar|ensanchar|costura|costurera|modista|sastre|sastreria|cremallera|cambiar la cremallera"
     "|descosido|zurcir|ajustar el vestido|arreglar el vestido|pruebas del vestido|arreglos de costura"
     "|acortar el pantalon|acortar las mangas|alargar el vestido|coser un boton|coser el bajo"},
    {"laundry", TY_MLEX_TOPIC,
     "tintoreria|lavanderia|lavado en seco|limpieza en seco|lavar y planchar|edredon|nordico|limpieza de cortinas"
     "|quitar una mancha|lavanderia autoservicio"},
    {"pest_control", TY_MLEX_TOPIC,
     "plagas|control de plagas|fumigacion|desinsectacion|desratizacion|ratas|raton|cucarachas|hormigas|chinches"
     "|chinches de cama|avispas|avispero|abejas|termitas|carcoma|polillas|mosquitos|palomas|roedores|bichos"
     "|insectos"},
    {"roofing", TY_MLEX_TOPIC,
     "tejado|impermeabilizacion|techador|canalon|bajante|chimenea|azotea|tela asfaltica|claraboya|uralita|onduline"
     "|reparar el tejado|arreglar el tejado|goteras en el techo"},
    {"childcare", TY_MLEX_TOPIC,
     "guarderia|guarderias|escuela infantil|jardin de infancia|jardin infantil|kinder|preescolar|cuidado de ninos"
     "|canguro|ninera|babysitter|periodo de adaptacion|horario de guarderia|plaza en la guarderia|cheque guarderia"
     "|ludoteca|campamento|campamento de verano|extraescolares|actividades extraescolares"},
    {"tutoring", TY_MLEX_TOPIC,
     "clases de refuerzo|refuerzo|refuerzo escolar|apoyo escolar|deberes|selectividad|evau|ebau|bachillerato"
     "|primaria|secundaria|matematicas|mates|quimica|suspendido|suspenso|academia|academias|oposiciones"
     "|preparar el examen|clases de apoyo|tutorias|profesor de matematicas|profesor de ingles|clases de ingles"
     "|examenes finales"},
    {"music_lessons", TY_MLEX_TOPIC,
     "clases de musica|escuela de musica|clases de piano|clases de guitarra|guitarra|guitarra electrica"
     "|clases de bateria|canto|clases de canto|violin|solfeo|lenguaje musical|conservatorio|instrumento|ukelele"
     "|saxofon|flauta|profesor de musica|profesor de guitarra|profesor de piano|tocar el piano"},
    {"driving_school", TY_MLEX_TOPIC,
     "autoescuela|escuela de manejo|clases de manejo|clases de conducir|practicas de conducir|carnet de conducir"
     "|carne de conducir|el carnet|sacarme el carnet|licencia de conducir|examen teorico|teorico|examen practico"
     "|examen de conducir|examen de manejo|permiso de conducir|aprender a conducir|aprender a manejar"
     "|coche de autoescuela|doble mando|curso intensivo|dgt"},
    {"events_hire", TY_MLEX_TOPIC,
     "castillo hinchable|hinchables|inflables|brincolin|carpa|mesas y sillas|manteleria|photocall|fotomaton|dj"
     "|disco movil|equipo de sonido|iluminacion|globos|arco de globos|letras gigantes|candy bar|animacion|payaso"
     "|mago|alquiler de sillas|decoracion de eventos|decoracion de fiestas"},
    {"catering", TY_MLEX_TOPIC,
     "catering|banquete|buffet|bufe|canapes|menu para eventos|menu de boda|servicio de catering|camareros"
     "|por cubierto|coffee break|vino de honor"},
    {"window_cleaning", TY_MLEX_TOPIC,
     "limpieza de cristales|limpiacristales|cristalero|limpiar cristales|limpiar ventanas|limpieza de ventanas"
     "|escaparate"},
    {"tools_equipment", TY_MLEX_TOPIC,
     "alquiler de herramientas|herramientas|taladro|andamio|andamios|hormigonera|generador|martillo percutor"
     "|lijadora|hidrolimpiadora|karcher|miniexcavadora|retroexcavadora|contenedor"},
    {"escape_room", TY_MLEX_TOPIC,
     "escape room|sala de escape|juego de escape|enigmas|acertijos|cuantos jugadores|game master|escaperoom"},
    {"admin_finance", TY_MLEX_TOPIC,
     "gestoria|asesoria|asesoria fiscal|contable|contabilidad|declaracion de la renta|hacienda|impuestos"
     "|iva trimestral|autonomo|modelo 303|sat|declaracion anual|facturacion|nominas|sociedad|sl|abogado|notario"
     "|herencia|testamento"},
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
