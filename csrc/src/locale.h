/*
 * locale.h — the layout of a recogniser word table (struct ty_locale). The
 * tables themselves are data, one file per language (locale_en.c,
 * locale_es.c); recognize.c reads them and holds no word of any language.
 * Adding a language is a new locale_<code>.c holding its `static const`
 * table and a one-line accessor, one declaration and one registry entry
 * below, and one #include in the amalgamation — never a change to the
 * recognisers.
 *
 * Every phrase is stored in normalised form, exactly as ty_text_normalize
 * would produce it: lower case (case folded), accents stripped, apostrophes
 * inside words dropped ("don't" -> "dont"), digits split from letters ("2nd"
 * -> "2 nd"), punctuation gone, tokens joined by one space. Recognisers then
 * compare token sequences, so "Sounds good!!" matches "sounds good".
 * Lists are NULL-terminated; ty_loc_word lists end with {NULL, 0, 0}.
 */
#ifndef TY_LOCALE_H
#define TY_LOCALE_H

#include "slot.h"

/* A phrase with a number attached (weekday index, month, offset, ...). */
typedef struct ty_loc_word {
    const char *text;
    int value;
    int kind; /* meaning depends on the list; 0 when unused */
} ty_loc_word;

/* A currency word or symbol and its ISO 4217 code. */
typedef struct ty_loc_currency {
    const char *text;
    const char *iso;
} ty_loc_currency;

/* Kinds of number words (ty_locale.number_words[].kind). */
enum {
    TY_NUMW_ADD = 0,  /* adds its value to the current group: "twenty", "five", "ciento" */
    TY_NUMW_MUL = 1,  /* multiplies the current group: "hundred" */
    TY_NUMW_SCALE = 2, /* closes the group times its value: "thousand", "mil" */
    TY_NUMW_SCALE_EXP = 3, /* closes the group times 10^value: "trillion" 12, "billon" 12, "lakh" 5 */
    TY_NUMW_DOZEN = 4      /* multiplies the last word by its value: "two hundred and two dozen" */
};

/* Flags of fraction words (ty_locale.fraction_words[].kind). */
enum {
    TY_FRAC_PLURAL = 1,   /* "thirds": any numerator; without it only one ("a third") */
    TY_FRAC_BARE = 2,     /* may stand without a numerator: "half", "quarter", "media" */
    TY_FRAC_COMPOUND = 4, /* only after a tens word: "twenty-first" */
    TY_FRAC_EXP = 8,      /* the denominator is 10^value: "millionth" 6 */
    TY_FRAC_UNIT = 16     /* joins a tens word before it: "thirty fifths" is 1/35 */
};

/* Kinds of multipliers (ty_locale.multipliers[].kind). */
enum {
    TY_MULT_ANY = 0,  /* in any case: "k", "bn" */
    TY_MULT_UPPER = 1 /* only written in capitals: "M" (a lower-case "m" is metres) */
};

/* Kinds of time offsets (ty_locale.time_offsets[].kind). */
enum {
    TY_TOFF_BEFORE = 0, /* before the hour: "half past 3" */
    TY_TOFF_AFTER = 1   /* after the hour: "las 3 y media" */
};

/* Kinds of meridiems (ty_locale.meridiems[].kind). */
enum {
    TY_MER_PLAIN = 0, /* "am", "pm": 12 am is 00:00, 12 pm is 12:00 */
    TY_MER_NIGHT = 1, /* 12 is midnight: "12 at night", "las 12 de la noche" */
    TY_MER_GLUED = 2  /* only glued to the digits before it: "9a", "7p" */
};

struct ty_locale {
    const char *code; /* "en", "es": the primary language subtag */

    /* ---- answers to yes/no questions ----------------------------------- */
    const char *const *yes;          /* "yes", "sounds good", "👍" */
    const char *const *yes_alone;    /* yes only as the whole reply: "y", "k" */
    const char *const *no;           /* "no", "not now", "👎" */
    const char *const *no_alone;     /* no only as the whole reply: "n" */
    const char *const *yes_soft;     /* a yes that only acknowledges: "ok" in "ok no thanks" */
    const char *const *unsure;       /* neither: "not sure", "yes and no", "maybe" */
    const char *const *negations;    /* flip a following yes ("not ok"), block a following choice */
    const char *const *replacing;    /* negations that govern only what follows: "instead of", "en vez de" */
    const char *const *other_events; /* name another engagement whose day a reply is not offering:
                                        "birthday", "working", "compromiso" */
    const char *const *cheaper_words; /* "the cheaper one", "la más barata": of options with a price, */
    const char *const *dearer_words;  /* the one that costs least; "the pricier one": the most */
    const char *const *earlier_words; /* "the earlier one", "la de antes": of days or times offered, */
    const char *const *later_words;   /* the first; "the later one", "la más tarde": the last */
    const char *const *yes_verbs;     /* a yes word that is a verb with the word after it: "va a"
                                         ("mi jefe va a pasar"), "sale caro" */
    const char *const *yes_openers;   /* a yes word only where it opens a clause (or follows a yes or
                                         an interjection): "right" in "I get the bus right past you" */
    const char *const *yes_if_after;  /* words of knowing or asking after which a yes word is "if":
                                         "sabéis si el bar abre", "a ver si" */
    const char *const *no_determiners; /* "no more", "no más": a no that opens a noun phrase ("no more
                                          changes"), no answer when words follow it; so is a reassurance
                                          ("don't worry about the price, can you come saturday?") */
    const char *const *swap_verbs;   /* "swap", "cambia": before the first of two options that */
    const char *const *swap_links;   /* "for", "por": ... are linked so, the first is given up */
    const char *const *reasons_within; /* a reason that starts within a clause ("afternoon is better
                                        cause I work mornings"): what follows is set aside as `reasons` */
    const char *const *reasons;      /* open a clause that gives a reason, where a day or option
                                        named is not the one chosen: "as", "because", "que" */
    const char *const *free_words;   /* say a time is free, so no engagement: "off", "free", "libre" */
    const char *const *past_words;   /* put a clause in the past, where a day named is no offer:
                                        "did", "was", "went", "fue" */
    const char *const *negations_after; /* negate the option right before, ending its clause:
                                           "color no, solo el corte" */
    const char *const *deferrals;    /* right after an option, put it off: "el color lo dejo para
                                        el mes que viene", "the full service can wait" */
    const char *const *booked_before; /* right before a day, make it the day of the booking the
                                         customer already has: "mi cita del", "my appointment on" */
    const char *const *choose_before; /* open the day the customer settles on among others:
                                         "ah claro, Navidad... pues el martes" */
    const char *const *instead_after; /* after a day, make it the one chosen over the others:
                                         "friday instead", "el viernes mejor" */
    const char *const *and_words;    /* open a clause that adds to an answer ("but" does not): "sí, anúlala, y no me
                                        mandéis el recordatorio" is yes */
    const char *const *hesitations;  /* open a reply without answering: "hmm nah" is no */
    const char *const *name_particles; /* small words inside a name: "de", "van" */
    const char *const *part_articles; /* make a relative day a part of the day: "la" in "la mañana" */
    const char *const *pronoun_ones; /* a number word that after a weekday is a pronoun, no
                                        day of the month: "the saturday one" (English "one";
                                        none in Spanish, where "el sábado uno" is the 1st) */
    const char *const *past_not;     /* phrases opening with one of those that still look ahead:
                                        "was thinking", "did you say", "iba a" */
    const char *const *corrections;  /* open a sentence that takes an answer back: "actually", "i mean" */

    /* ---- questions: a reply that asks is not an answer ------------------ */
    const char *const *question_words;    /* open a question anywhere: "what", "which", "how" */
    const char *const *question_aux;      /* open a question before a subject: "is", "can" */
    const char *const *knowing; /* before a condition, ask about something else: "sabes si", "know if" */
    const char *const *question_words_marked; /* words that ask right after an opening mark: "¿qué", "¿a qué" */
    const char *const *question_aux_marked; /* of those, the ones that do so only in a message with a
                                               question mark: "es" ("es una suv" tells, "¿es caro?" asks) */
    const char *const *question_subjects; /* "you", "it", "the", "there" */
    const char *const *proposals;     /* open a question that offers an answer: "how about", "can we do" */
    const char *const *proposal_ends; /* or end one: "ok", "work", "possible" ("is friday ok?") */
    const char *const *conditions;    /* after an offer, leave it to the business: "if" ("wednesday
                                         evening if yous are open late?") */
    const char *const *proposal_joins; /* or join one to what comes before: "but", "pero"
                                          ("thursday's a no-go but could I bring it friday?") */

    /* ---- choice ---------------------------------------------------------- */
    const char *const *fillers;         /* words a bare letter/number/ordinal may stand among */
    const char *const *option_words;    /* "option", "number", "choice" */
    const ty_loc_word *ordinals;        /* "first" 1, ..., "last" -1, "second to last" -2 */
    const char *const *ordinal_suffixes; /* "st", "nd", "rd", "th" after digits */
    const char *const *rough_suffixes;   /* glued to digits, the number said roughly: "120ish" */

    /* ---- dates ----------------------------------------------------------- */
    const ty_loc_word *weekdays;       /* 0 = Monday ... 6 = Sunday; names and abbreviations */
    const char *const *weak_words;     /* weekday forms that are also common words ("sun"):
                                          entities only with "this"/"next" before them */
    const ty_loc_word *months;         /* 1 ... 12 */
    const ty_loc_word *relative_days;  /* "today" 0, "tomorrow" 1, "the day after tomorrow" 2 */
    const ty_loc_word *weekends;       /* "this weekend" 0, "next weekend" 1 */
    const char *const *this_words;     /* "this", "coming": this <weekday> */
    const char *const *next_words;     /* "next": next <weekday>, that day of next week */
    const char *const *next_suffixes;  /* "que viene": <weekday> que viene */
    const char *const *verb_marks;     /* right before a verb: a title's word after them is that
                                          verb, no option ("need to check with work" names no
                                          "Check-up") */
    const char *const *week_after;     /* of next_words and next_suffixes, those that name the
                                          day a week after the coming one ("a week on friday",
                                          "thursday week") */
    const char *const *in_words;       /* "in", "dentro de": in 3 days */
    const ty_loc_word *count_words;    /* "a" 1, "a couple of" 2: in a week */
    const ty_loc_word *day_units;      /* "day" 1, "week" 7 */
    const char *const *date_connectors; /* "of", "the", "de": 3rd of December */
    const char *const *day_markers;    /* make a bare number a day of the month: "el 15" */
    const char *const *date_stops;     /* phrases that hold a date word but are no date
                                          ("por la manana" is a time of day, not tomorrow) */
    int date_order;                    /* TY_DATE_ORDER_DMY or _MDY: "3/4" when both could be a month */
    const ty_loc_word *day_words;      /* days in words beyond ordinals: "thirteenth" 13; kind 1:
                                          a tens ordinal ("vigesimo" 20) a unit ordinal may follow */
    const ty_loc_word *week_refs;      /* weeks from this one: "next week" 1, "of last week" -1 */
    const ty_loc_word *month_refs;     /* months from this one: "of next month" 1 */
    const char *const *last_words;     /* "last", "past": the latest <weekday> before today */
    const char *const *last_suffixes;  /* "pasado": <weekday> pasado */
    const ty_loc_word *date_shifts;    /* direction +1/-1; kind 0: a date follows ("from", "before"),
                                          kind 1: from today ("ago", "from now"), kind 2: a prefix
                                          counting back from today ("hace") */
    const ty_loc_word *holidays;       /* fixed-date days: value month * 100 + day ("christmas" 1225) */

    /* ---- numbers --------------------------------------------------------- */
    const ty_loc_word *number_words;     /* value and TY_NUMW_* kind */
    const char *const *number_connectors; /* "and", "y": "ciento y ..." / "one hundred and five" */
    const char *const *minus_words;      /* "minus" */
    const ty_loc_word *multipliers;      /* after a number: "k" 1000, "thousand" 1000 */
    char decimal_mark;                   /* '.' or ',' (the other one groups thousands) */
    const ty_loc_word *fraction_words;   /* denominators and TY_FRAC_* flags: "thirds" 3 */
    const char *const *number_articles;  /* one before a scale or fraction: "a" hundred, "a" half */
    const char *const *fraction_and;     /* whole and fraction: "and" a half, "con" dos tercios */
    const char *const *fraction_over;    /* a ratio: "over", "out of", "sobre" */
    const char *const *fraction_of;      /* a fraction of a scale: "of a" million, half "a" dozen */
    const char *const *decimal_words;    /* a spelt-out decimal mark: "point", "coma" */
    const char *const *one_determiners;  /* make a bare "one" a pronoun: "the", "that" */
    const ty_loc_word *fraction_suffixes; /* end a fraction word glued to a number: "avos" in
                                             "doscientosavos"; TY_FRAC_* flags */

    /* ---- times ----------------------------------------------------------- */
    const ty_loc_word *time_points;   /* minutes after midnight: "noon" 720, "midnight" 0 */
    const ty_loc_word *day_periods;   /* weak times: "morning" 540, "evening" 1080 */
    const ty_loc_word *part_phrases;  /* more ways to name a part of the day, for choices between
                                         parts (not times): "first thing" 480, "after lunch" 840 */
    const ty_loc_word *part_titles;   /* an option's title that is a part of the day: "morning" 540,
                                         "tarde" 900 (alone, "mañana" is tomorrow: titles only) */
    const ty_loc_word *meridiems;     /* after an hour: "am" 0, "pm" 12, "in the afternoon" 12 */
    const char *const *oclock;        /* "oclock", "en punto" */
    const char *const *time_preps;    /* "at", "a las": make a bare hour a time */
    const char *const *time_preps_answer; /* the same only in an answer to a time question: "about" ("about 4";
                                             "about 3 years" is no time) */
    const ty_loc_word *time_offsets;  /* minutes and TY_TOFF_* kind: "half past" 30 */
    const char *const *or_words;      /* "or": "3 or 4pm" names no single time */
    const char *const *time_stops;    /* hold a time word but are no time ("good morning"), or make
                                          the number before them none ("6.45 percent") */
    const char *const *minute_words;  /* "minutes", "mins": "20 minutes past 8" */
    const ty_loc_word *minute_links;  /* a count of minutes and the hour: value +1 adds, -1 takes
                                          away (+-2: only after a minute word, "3 minutos para las
                                          8"); kind TY_TOFF_BEFORE ("20 past 8") or _AFTER ("8 y 20") */
    const char *const *hour_marks;    /* after the hour: "7h01", "las 20 horas" */

    /* ---- money ----------------------------------------------------------- */
    const ty_loc_currency *currencies; /* "$" USD, "euros" EUR */
    const char *const *range_max;      /* before an amount: "under", "less than" */
    const char *const *range_min;      /* before an amount: "over", "at least", "from" */
    const char *const *range_max_after; /* after an amount: "or less", "max" */
    const char *const *range_min_after; /* after an amount: "or more", "plus", "+" */
    const char *const *range_between;  /* "between" ... */
    const char *const *range_and;      /* ... "and" */
    const char *const *range_to;       /* "50 to 80", "from 50 to 80" */
    const char *const *have_not;      /* before what a yes/no slot is named after: no ("no dog", "sin perro") */
    const char *const *have_with;     /* ... yes ("our dog", "bringing the dog", "con mi perro") */
    const char *const *range_until;    /* between two days only: "fri till sun", "del 12 al 14" */
    const ty_loc_word *party_sizes;    /* a head count said without a number: "just me" 1, "both of us" 2 */
    const char *const *people_minors;  /* the kinds of people a count said in passing is not of, unless it
                                          names them: a slot "ninos" takes no "somos 2" */
    const char *const *reason_breaks;  /* one word that opens a reason after a request: "because", "q" */
    const char *const *self_and;       /* the customer, then others: "me and", "yo y" ("me and my 2 kids") */
    const char *const *and_self;       /* others, then the customer: "and me", "y yo" ("mis 3 hijos y yo") */
    const char *const *people_determiners; /* one word before a count of people: "my", "the", "mis", "los" */
    const char *const *get_done;       /* a want of something done, before what and its past participle:
                                          "need" ("need a parcel collected saturday" tells no past) */
    const char *const *past_periods;   /* a time gone by that names no one day: "last week", "la semana pasada"
                                          (a complaint that tells of it tells of a past visit) */
    const char *const *name_called;    /* words that give a name after what it names: "a collie called
                                          Bonnie", "mi perro se llama Toby", "un gatito llamado Michi" */
    const char *const *other_possessives; /* possessives of someone else's, before a word for a pet or a
                                             person whose name follows: "her dog Sadie", "su perro Toby" */
    const char *const *time_prep_subjects; /* words before a time_preps_answer word that make it a verb:
                                              "I'd like 2 bags", "we like 2" */
    const char *const *rank_names;     /* a part of a number slot's name that makes it a rank, said as an
                                          ordinal ("grade": "8th", "curso": "3ro"), and words for one
                                          beside a number ("class 10", "10th standard") */
    const char *const *quantity_names; /* a part of a number slot's name that makes it how many of a
                                          thing: "quantity", "cantidad" ("500 flyers" in passing) */
    const char *const *age_names;      /* a part of a number slot's name that makes it an age: "age",
                                          "edad" */
    const char *const *time_unit_names; /* a part of a number slot's name that makes it a count of time:
                                           "nights", "horas" (never a count of what the options name) */
    const char *const *weak_day_leads; /* right before a weak weekday ("sat", "mar"), make it a day:
                                          "on sat", "till sun" */
    const char *const *meal_parts;     /* meals and parts of the day that name no hour: right after a weak
                                          weekday they make it a day ("sun lunch", "sat night"), and right
                                          before hours and minutes written together, a time ("lunch 1230") */
    const char *const *move_words;     /* before a range of days, make its last day the new one: "move it
                                          from thursday to friday", "cámbiame del jueves al viernes" */
    const char *const *move_to;        /* after move_words, right before the day moved to: "to", "al" */
    const char *const *text_connectors; /* after a yes or no that opens a free-text answer, no part of it:
                                          "va, entonces 2 docenas...", "ok so the side gate" */
    const char *const *place_leadins;  /* open a place given as free text, left out of it: "her place is
                                          17 Glamorgan Ave", "vivo en la colonia Kennedy" */
    const char *const *typo_traps;     /* words of their own one letter from a day or a month, never read
                                          as its typo: "salado" (no "sábado"), "sundae" */
    const char *const *size_links;     /* between an option and a number that gives its size: "de" ("la
                                          serenata de 5", "un sofá de 3") */
    const char *const *duration_leads; /* right before a span of time, make it how long, no day counted
                                          from another: "for a week from monday" is Monday */
    const char *const *move_objects;   /* right after one of move_words that also names an engagement
                                          (other_events: "shift"), make it the verb: "can you shift it?" */
    const char *const *street_words;   /* a number two words or less from one is part of an address,
                                          no count: "Calle Alcanfores 789", "27 Clifford Road" */
    const char *const *age_before;     /* right before a number, make it an age read in passing: "aged",
                                          "shes", "turned", "tiene", "cumple" */
    const char *const *age_after;      /* right after a number, the same: "years old", "yo", "años" */
    const char *const *day_count_names; /* a number slot named so counts days: "una semana" is 7 ("days",
                                          "nights", "dias", "noches") */
    const char *const *name_articles;  /* an article a name is said with, never part of it: "soy el Beto
                                          Ramírez", "la Emilia" */
    const char *const *weather_words;  /* the weather: a day named by one in its clause is asked about,
                                          not chosen ("is it gonna rain saturday") */
    const char *const *kin_words;      /* a child or a relative: "hija", "nene", "sobrino" ... */
    const char *const *age_links;      /* ... then one of these and a number: an age ("mi nene de 4",
                                          "mi hija Sofi de 8"; a name may come between) */
    const char *const *range_from;     /* before a day of the month alone, begin a range of days with
                                          another: "from the" ("from the 5th to the 8th"), "del" */
    const char *const *stay_start_names; /* a part of a date slot's name that makes it the day a stay
                                            begins: "arrival", "checkin", "llegada" */
    const char *const *stay_end_names; /* a part of a date slot's name that makes it the day a stay
                                          ends: "departure", "checkout", "salida" */
    const char *const *stay_end_before; /* right before a day, say it ends a stay: "leaving on", "until",
                                           "nos vamos el", "hasta el" */
    const char *const *people_kinds;   /* after a number, a kind of people that adds up to a head count:
                                          "2 adults 3 kids" is 5 */
    const ty_loc_currency *subunits;   /* hundredths and their usual currency: "cents" USD, "pence" GBP;
                                          after an amount they take its currency */
    const char *const *money_links;    /* join an amount to its hundredths: "and", "y", "con" */
    const char *const *not_money;      /* after a bare number, name what it counts: "times", "of us" */

    /* ---- phone ----------------------------------------------------------- */
    const char *const *phone_words;    /* label a number as a phone: "phone", "mobile", "tel" */
    const char *const *id_words;       /* label a number as something else: "account", "card", "order" */
    const char *const *label_links;    /* between a label and its number: "number", "no", "is" */

    /* ---- text ------------------------------------------------------------ */
    const char *const *greetings;      /* dropped before a lead-in: "hi", "hello" */
    const char *const *text_leadins;   /* "my name is", "its", "call me" */
    const char *const *text_signoffs;  /* a last sentence of only these ends no free text:
                                          "thank you kindly", "muchas gracias" */
    const char *const *text_riders;    /* a last clause of only these rides along on free text:
                                          "faster pls", "porfa" ("Blk 21 Sin Ming Rd, faster pls") */
    const char *const *copulas;        /* right before "un", "una", "a": what it is, no count of one
                                          ("sos un bot inútil", "esto es una pérdida de tiempo") */
    const char *const *name_labels;    /* right before a capitalised name, the writer's: "name",
                                          "nombre" ("3 chicken roti for 12, name Sasha") */
    const char *const *name_heres;     /* after a name that opens the message, the writer's:
                                          "here", "speaking" ("Hi, Declan Walsh here") */
    const char *const *place_leads;    /* before a capitalised place, no part of it: "a", "to"
                                          ("a Barranco", "to Mayfair") */
    const char *const *possessives;    /* "my", "mi": before a word for someone else */
    const char *const *named_others;   /* someone else a name may follow: "dog", "nan", "perro",
                                          "hija" ("mi perro Toby", "my nan, Dorothy Price") */
    const char *const *count_before;   /* right before a number, make it a count of people read in
                                          passing: "somos", "table for" ("somos 6 el sábado") */
    const char *const *count_after;    /* right after a number, the same: "personas", "of us" */
    const char *const *occasions;      /* the other_events an order may be for: "birthday", "cumple" */
    const char *const *occasion_leads; /* right before an occasion, a question asks its day: "date of the"
                                          wedding, "qué día es la" fiesta */
    const char *const *purposes;       /* a few words before an occasion, make it what the order is
                                          for, so its day is the day wanted: "for", "pal" ("una torta
                                          pal cumple de mi hija el sabado") */
    const char *const *name_intros;    /* introduce a name anywhere in a message: "my name is",
                                          "put it under"; the other lead-ins ("its", "soy") only
                                          before a capitalised word */
};

/* The built-in tables (locale_<code>.c): static, immutable, shared. */
const ty_locale *ty_locale_table_en(void);
const ty_locale *ty_locale_table_es(void);

/* The registry ty_locale_find searches, English first (the default). */
#define TY_LOCALE_TABLES ty_locale_table_en, ty_locale_table_es

#endif /* TY_LOCALE_H */
