/*
 * judge.h — reading a customer's message the way a careful agent would,
 * before and around the intent model: the safe exits (opt-out and handoff
 * phrases every playbook understands, in every built-in language),
 * frustration, greetings in front of a request, slang and short forms, and
 * the bar an intent's confidence must clear before the flow engine acts on
 * it (higher for actions that cost more when wrong).
 *
 * The words live in one table per language (judge_en.c, judge_es.c), in the
 * normalised form of ty_text_normalize; this file and judge.c hold no word
 * of any language. Everything here is pure: it reads a normalised message
 * and the static tables, and allocates only from the arena it is given.
 */
#ifndef TY_JUDGE_H
#define TY_JUDGE_H

#include "common.h"
#include "text.h"

/* A short form and what it stands for ("tmrw" -> "tomorrow"). */
typedef struct ty_judge_respell {
    const char *from; /* one normalised token, or two ("2 moro": "2moro") */
    const char *to;   /* normalised words */
} ty_judge_respell;

/* The words of one language (NULL-terminated lists of normalised phrases). */
typedef struct ty_judge_lex {
    const char *code; /* "en", "es": matches ty_locale.code */

    /* Opt-out: the whole message is one of these (after dropping politeness
     * words): the keywords the law names (STOP, QUIT, END, REVOKE, OPT OUT,
     * CANCEL, UNSUBSCRIBE) and their equivalents. */
    const char *const *stop_words;
    /* Opt-out judged on the whole message: a phrase anywhere, not negated. */
    const char *const *stop_phrases;
    /* Maybe an opt-out ("not interested", "wrong number"): confirm first. */
    const char *const *stop_maybe;
    /* A refusal of contact put together from its parts, wherever the
     * phrase lists above lack the wording: a negation (refuse_negs), at most
     * two of refuse_between, a verb of contacting (contact_verbs, whole
     * forms), then an object (contact_objects: "me", "this number") or a
     * pronoun before the verb (Spanish "no me escribáis"), and then the end
     * of the clause or one of contact_ends ("again", "any more", "más"):
     * "I'd rather you didn't text me again", "le agradecería que ya no me
     * enviaran mensajes". */
    const char *const *refuse_negs;
    const char *const *refuse_between;
    const char *const *contact_verbs;
    const char *const *contact_objects;
    const char *const *contact_ends;
    /* Said by someone before the negation, the refusal is a statement
     * ("you never text me"), not one: "you", "they". */
    const char *const *refuse_subjects;
    /* Right before such a subject, they make the phrase a request again:
     * "can you take my number off", "could you stop texting me". */
    const char *const *request_modals;
    /* A person, please: a phrase anywhere, not negated. */
    const char *const *handoff_phrases;
    /* A person asked for with the verb left at the end of its clause:
     * "is there anyone at the shop I could speak to?", "¿hay alguien con
     * quien pueda hablar?": a clause that ends in one of `talk_ends` and
     * holds one of `person_words`. */
    const char *const *talk_ends;
    /* Before someone named: "can i just talk to Shaz", "hablar con Marta"
     * ask for that person (a capitalised word right after). */
    const char *const *talk_with;
    const char *const *talk_topics; /* may follow talk_ends: "about", "sobre" */
    const char *const *person_words;
    /* No person, thanks ("dont need to talk to anyone", "hablar con nadie"):
     * a handoff the model reads into such a message is not what was asked. */
    const char *const *no_person;
    /* No cancelling, thanks ("dont cancel it", "no quiero anular"): a
     * cancel the model reads into such a message is not what was asked. */
    const char *const *no_undo;
    /* Exasperation or rudeness; `bot_words` say it is aimed at us. */
    const char *const *frustration;
    const char *const *bot_words;
    /* Frustration words that also describe a thing ("an awful squeal", "the
     * damn chain"): right after one of `determiners` and before a word not
     * among `aimed_after` (what we do, and the words a remark goes on with:
     * "a terrible service", "an awful lot") they describe it and vent
     * nothing; "the brakes are useless" still vents. */
    const char *const *describing;
    const char *const *determiners;
    const char *const *aimed_after;
    /* Frustration words of slowness ("takes forever") that tell how slow
     * a thing is when one of `slow_links` follows them ("now it takes
     * forever to do anything", "tarda una eternidad en prender"): a
     * symptom, no frustration, unless one of `slow_aimed` comes right
     * before them or right after the link ("you're taking forever to
     * reply"). */
    const char *const *slowness;
    const char *const *slow_links;
    const char *const *slow_aimed;
    /* Ask who is writing ("am i talking to", "are you a", "eres"): a
     * person named right after them is asked about, not asked for. */
    const char *const *identity_asks;
    /* A when right after an opt-out phrase ("before 2pm", "por la noche"):
     * "don't text me before 2pm" asks for a time, not a stop. */
    const char *const *timings;
    /* A when that opens a clause a handoff phrase sits in ("antes de que
     * me llame mi jefe", "before you call me"): then it is no request. */
    const char *const *timing_leads;
    /* Words that negate a phrase right after them ("dont", "no quiero"). */
    const char *const *negations;
    /* Words that may surround a keyword ("please", "now"). */
    const char *const *politeness;
    /* Greetings that may open a message ("hi", "hello again", "👋"). */
    const char *const *greetings;
    /* Words that address whoever reads, right after a greeting ("hi mate",
     * "hola bo", "buenas che"): part of the greeting. */
    const char *const *vocatives;
    /* "Either is fine": any option will do (the first is taken). */
    const char *const *any_option;
    /* "No, the other one": of two options, not the one just chosen;
     * `other_leads` may come before it ("sorry i meant", "mejor"). */
    const char *const *other_option;
    const char *const *other_leads;
    /* Short forms and slang, of one token or two. */
    const ty_judge_respell *respell;
    /* Words that make a date or time in their clause a habit, not a day to
     * book ("mostly at the weekend", "every saturday", "los sábados"). */
    const char *const *habitual;
    /* Days named as a habit ("saturdays", "weekends"): only the day they
     * are, not the others in their clause ("I work saturdays so friday"). */
    const char *const *habit_days;
    /* Words that say a want has ended ("anymore", "ya no"): "not interested
     * anymore" to a yes/no question asks whether to stop altogether. */
    const char *const *no_longer;
    /* Words that open an apology ("sorry", "perdona"): an aside that opens
     * with one gets "No worries!" before the pending question, not the
     * off-topic answer. */
    const char *const *apologies;
    /* Words that open a question back ("what", "¿cuándo"); with
     * wh_needs_mark only in a sentence with a question mark (Spanish "que"
     * also opens "que sea el sábado"). */
    const char *const *wh_words;
    bool wh_needs_mark;
    /* Questions that propose an answer ("how about saturday?"). */
    const char *const *proposals;
    /* Words that may come before either ("so", "oye", "by the way"). */
    const char *const *openers;
    /* A message made only of thanks, goodbyes and acknowledgements ends a
     * talk politely ("cheers, see ya", "ok gracias"): thanks, goodbyes, and
     * words that only acknowledge ("ok", "great", "👍"). */
    const char *const *thanks;
    const char *const *farewells;
    const char *const *acks;
    /* After a close, a change to what was agreed: a word that changes
     * ("move", "instead", "cambiar") with a detail or a word for when or
     * for the booking itself ("day", "booking", "cita"). */
    const char *const *change_words;
    const char *const *booking_words;
    /* After a close, the day or the time of what was agreed again ("same
     * day", "the same time", "el mismo día"): the new round keeps it. */
    const char *const *same_day;
    const char *const *same_time;
    /* Words that open a supposed case ("if i", "what if", "si llego"): a
     * question about one asks what would happen, it changes nothing ("if I
     * have to cancel nearer the time, do you charge?"). */
    const char *const *suppositions;
    /* Words that ask what something means ("what does that mean", "whats
     * a", "qué significa"): a reply that asks so about an option offered
     * does not choose it. */
    const char *const *meaning_asks;
    /* Words of a customer unhappy with what they got ("not happy with",
     * "no estoy contenta con"): a complaint, so a handoff intent that reads
     * it fairly clearly hands off without asking first. */
    const char *const *unhappy;
    /* A thing we did for the customer, told ("the water you delivered
     * yesterday", "ye groomed my bichon", "el castillo que me mandaron",
     * "la tabla que me disteis"): a lead (served_leads: "you", "your
     * driver", "me", "nos") right before a verb of service in the past
     * (served_verbs: "delivered", "fixed") or a verb with one of the
     * served_endings ("-aron", "-isteis": they or you did it to me), one
     * word between allowed from served_skips ("just", "ya"); or one of
     * served_phrases ("from you", "les compré"). With a word of something
     * wrong with it (defects: "smells", "broken", "sucio", "peor") the
     * customer is unhappy with what they got. */
    const char *const *served_leads;
    const char *const *served_verbs;
    const char *const *served_endings;
    const char *const *served_skips;
    const char *const *served_phrases;
    const char *const *defects;
    /* Another business than us in the message ("la pupusería de la
     * esquina", "another company", "otra tienda": one of elsewhere, or a
     * word of elsewhere_heads before a word not of elsewhere_not, "otra
     * vez" and "the other day" being no business): what was done and
     * went wrong was theirs, no complaint to us. */
    const char *const *elsewhere;
    const char *const *elsewhere_heads;
    const char *const *elsewhere_not;
    /* Words that ask for advice on what to choose ("do I need", "which one
     * is", "is it worth", "me hace falta", "cuál es mejor"): the options
     * they name are not chosen. */
    const char *const *advice_asks;
    /* A request held back ("might", "maybe", "we wanted to", "capaz"): a
     * second request said after a question with one of these waits for
     * the answer ("can under 16s stay past 8? ... we wanted to bowl at 9"). */
    const char *const *hedges;
    /* Words that ask the reader to do something ("can u", "could you",
     * "me pueden"): a message with them asks, whatever else it tells. */
    const char *const *requests;
    /* Small talk about a game or an event ("did you see the Dubs at the
     * weekend?", "yuh see di Reggae Boyz game", "¿viste el partido?"): the
     * openers, words of the event one of them needs beside it, and words
     * that turn to something else after it ("anyway", "bueno"). */
    const char *const *chat_openers;
    const char *const *chat_events;
    const char *const *chat_pivots;
    /* Words of a customer who will be in touch themselves ("we'll text
     * you back", "te escribo mañana"): no request for a person, whatever
     * the model reads. */
    const char *const *in_touch;
    /* Words of a customer who cannot wait ("asap", "in agony", "no
     * aguanto", "que me atiendan ya"): a handoff intent that reads the
     * message fairly clearly hands off without asking first. */
    const char *const *urgent;
    /* After a close, a booking for something else as well ("can I book my
     * son's bike in too", "otra cita para mi hija"): the new round asks
     * the choices of the closed one again. */
    const char *const *another;
    /* After a close, a question about what was agreed ("remind me what day
     * I booked", "¿a qué hora era mi cita?"): answered with a recap. */
    const char *const *recap_asks;

    /* Built-in messages, used when the playbook has no template of the
     * reserved name (docs/judgment.md lists them). */
    const char *confirm_stop; /* "confirm_stop": ask before an ambiguous opt-out */
    const char *offer_person; /* "offer_person": apology + offer of a person */
    const char *confirm_person; /* "confirm_person": ask before a handoff the model read only fairly clearly */
    const char *sorry_person; /* "sorry_person": sympathy + offer of a person, for a complaint before anything went wrong here */
    const char *off_topic;    /* "off_topic": honest answer to an off-topic message */
    const char *off_topic_again; /* the same, worded differently for a second one in a row */
    const char *back_lead;    /* "back": lead before an ask that comes back */
    const char *updated_lead; /* "updated": lead after a change of mind */
    const char *reprompt_lead; /* lead before a question without options asked again after a failed answer */
    const char *reprompt_lead_again; /* the same, worded differently for the next failure */
    const char *yes_title, *no_title; /* the two quick replies of a check */
    const char *handover_text; /* the prefilled WhatsApp message that continues a web chat */
    const char *thanks_reply; /* "thanks_reply": answer to a message of thanks */
    const char *goodbye;      /* "goodbye": answer to a message of goodbyes */
    const char *aside;        /* "aside": a remark that is no answer and asks nothing */
    const char *aside_again;  /* the same, worded differently for a second one in a row */
    const char *no_worries;   /* "no_worries": such a remark that opens with an apology */
    const char *clearer;      /* "clearer": a question what an option offered means */
    const char *apology;      /* "apology": before serving a request made in frustration */
    const char *refused_again; /* a day or time refused again as just before: said instead of the why */
    const char *recap;        /* "recap": the lead before what was agreed, for a question about it */
} ty_judge_lex;

/* The built-in tables, in registry order (English first). */
const ty_judge_lex *ty_judge_lex_en(void);
const ty_judge_lex *ty_judge_lex_es(void);
#define TY_JUDGE_TABLES ty_judge_lex_en, ty_judge_lex_es
#define TY_JUDGE_NLEX 2

/* The table for a locale code ("en", "es-MX" -> "es"); English otherwise. */
const ty_judge_lex *ty_judge_lex_for(const char *code, size_t len);

/* The lists a message is scanned against anywhere in it (not only at its
 * start), for the index below. */
typedef enum ty_judge_list {
    TY_JUDGE_L_STOP_PHRASES = 0,
    TY_JUDGE_L_STOP_MAYBE,
    TY_JUDGE_L_HANDOFF,
    TY_JUDGE_L_FRUSTRATION,
    TY_JUDGE_L_BOT_WORDS,
    TY_JUDGE_L_NO_PERSON,
    TY_JUDGE_L_REFUSE_NEGS,
    TY_JUDGE_L_TALK_ENDS,
    TY_JUDGE_L_NO_UNDO,
    TY_JUDGE_NLISTS
} ty_judge_list;

/* For each table and list, a 256-bit set of the hashes of its phrases'
 * first tokens: a token whose bit is clear starts no phrase of that list,
 * so the scan skips the list there. Derived from the static tables alone,
 * built without allocating at playbook load and read-only afterwards. */
typedef struct ty_judge_index {
    uint64_t first[TY_JUDGE_NLEX][TY_JUDGE_NLISTS][4];
} ty_judge_index;

void ty_judge_index_build(ty_judge_index *ix);

/* What a message says about leaving the conversation, from every table. */
typedef enum ty_judge_exit {
    TY_JUDGE_NONE = 0,
    TY_JUDGE_STOP,        /* a keyword or a clear opt-out phrase: act at once */
    TY_JUDGE_STOP_MAYBE,  /* could be an opt-out: ask first */
    TY_JUDGE_HANDOFF,     /* asks for a person */
    TY_JUDGE_FRUSTRATED,  /* exasperated, not at us in particular */
    TY_JUDGE_RUDE         /* exasperated with us ("useless bot") */
} ty_judge_exit;

/* Where a normalised message says the customer does not want a person
 * (the first no_person phrase of any table): its byte offset, with its
 * length in *len; SIZE_MAX when it says no such thing. */
size_t ty_judge_no_person(const ty_judge_index *ix, const char *norm, size_t n, const uint8_t *clause, size_t *len);

/* Where norm first voices frustration (a frustration phrase of any table,
 * not one describing a thing: "an awful squeal"): its byte offset, with its
 * length in *len, or SIZE_MAX. */
size_t ty_judge_frustration(const ty_judge_index *ix, const char *norm, size_t n, const uint8_t *clause, size_t *len);

/* The same for a phrase that declines to cancel (no_undo). */
size_t ty_judge_no_undo(const ty_judge_index *ix, const char *norm, size_t n, const uint8_t *clause, size_t *len);

/* True when the message asks who is writing ("is this a real person?",
 * "are you a bot", "¿estoy hablando con una persona?"): an identity ask
 * right before a handoff phrase or a word naming the bot. Such a message
 * asks about a person, not for one. */
bool ty_judge_asks_identity(const char *norm, size_t n);

/* The clauses of a tokenised message: a byte per offset of toks->norm (in
 * arena), 1 where a token starts that clause punctuation (, ; : . ! ? a
 * dash, a line break, or Spanish ¡ ¿) parts from the token before it in
 * the original text; NULL when nothing does (*oom tells a failed
 * allocation). A negation governs only its own clause: "no, quiero hablar
 * con una persona" asks for a person. */
uint8_t *ty_judge_clauses(const ty_tokens *toks, const char *text, ty_arena *arena, bool *oom);

/* Words (tokens) in a normalised text. */
size_t ty_judge_words(const char *norm, size_t n);

/* Reads the safe exits of a normalised message (ty_text_normalize form).
 * Opt-out wins over handoff, which wins over frustration. ix (may be NULL:
 * the same answer, slower) is an index built by ty_judge_index_build;
 * clause (may be NULL: one clause) from ty_judge_clauses. */
ty_judge_exit ty_judge_read_exit(const ty_judge_index *ix, const char *norm, size_t n, const uint8_t *clause);

/* True when norm says any option will do ("either is fine", "me da
 * igual"): nothing but such phrases and politeness words. */
bool ty_judge_any_option(const char *norm, size_t n);

/* True when norm asks for the other of two options, the one not just
 * chosen ("no, the other one", "mejor la otra"): nothing but such a
 * phrase, its leads and politeness words. */
bool ty_judge_other_option(const char *norm, size_t n);

/* Length of the greeting that opens norm (with any following space), or 0.
 * A message that is only a greeting returns 0: it is its own request. */
size_t ty_judge_greeting(const char *norm, size_t n);

/* True when norm (one clause, normalised) speaks of a habit in any table,
 * or own (the date's own words, normalised) names days as one: a date or
 * time in it says when something usually happens, not a day the customer
 * chooses ("I mostly ride at the weekend"; "saturdays", but not friday in
 * "thursday's a no-go but could I bring it friday?"). */
bool ty_judge_habitual(const char *norm, size_t n, const char *own, size_t own_n);
/* True when normalised text says a want has ended ("anymore", "no
 * longer", "ya no"), in any table. */
bool ty_judge_no_longer(const char *norm, size_t n);

/* True when norm opens with an apology of any table ("sorry its manic
 * here", "perdona, estaba liada"), after openers. */
bool ty_judge_apologises(const char *norm, size_t n);

/* Bytes of norm taken by the greetings and openers it starts with ("hey so
 * ", "oye, y "); n when it holds nothing else. */
size_t ty_judge_opening(const char *norm, size_t n);

/* True when norm (one sentence, normalised; `marked`: it had a question
 * mark) opens, after greetings and openers, with a question word of any
 * table and is not a proposal: "what's the weather on saturday?" asks back,
 * "how about saturday?" answers. */
bool ty_judge_asks_back(const char *norm, size_t n, bool marked);

/* True when norm is nothing but greetings ("hi", "hello?", "hey there"). */
bool ty_judge_only_greeting(const char *norm, size_t n);

/* What a message made only of pleasantries says, strongest first. */
typedef enum ty_judge_pleasantry {
    TY_JUDGE_PL_NONE = 0, /* it says something else too (or nothing) */
    TY_JUDGE_PL_ACK,      /* only acknowledges: "ok", "great", "👍" */
    TY_JUDGE_PL_BYE,      /* says goodbye: "bye", "see ya", "hasta luego" */
    TY_JUDGE_PL_THANKS    /* thanks: "cheers", "thanks, bye", "mil gracias" */
} ty_judge_pleasantry;

/* What norm says when it is nothing but thanks, goodbyes, acknowledgements
 * and politeness words of any table (TY_JUDGE_PL_NONE otherwise): "thanks
 * for nothing" and "no thanks" say more. */
ty_judge_pleasantry ty_judge_pleasantry_of(const char *norm, size_t n);

/* True when norm asks to change something agreed: a change word of any
 * table, and a booking word of any table or (`detail`) a detail given. */
bool ty_judge_asks_change(const char *norm, size_t n, bool detail);

/* True when a message after a close asks for something more ("too",
 * "also", "another", "también", "otra"): a second booking, not the first
 * one again. */
bool ty_judge_asks_another(const char *norm, size_t n);

/* True when a phrase of `list` (normalised) occurs in norm on word
 * boundaries. */
bool ty_judge_has_phrase(const char *norm, size_t n, const char *const *list);

/* True when a phrase of `list` follows one of `leads` (one space between)
 * in norm on word boundaries ("date of the wedding": "of the", "wedding"). */
bool ty_judge_has_after(const char *norm, size_t n, const char *const *leads, const char *const *list);

/* True when norm is small talk about a game or an event and nothing
 * else: an opener and a word of the event ("did you see the Dubs at the
 * weekend? shocking stuff"), no request, no word of booking and no turn
 * to something else ("... anyway its the 20th of march"). */
bool ty_judge_small_talk(const char *norm, size_t n);

/* True when a message after a close asks what was agreed ("remind me what
 * day I booked for", "¿para qué día era la cita?"). */
bool ty_judge_asks_recap(const char *norm, size_t n);

/* True when norm holds a phrase that opens a supposed case (suppositions
 * of any table). */
bool ty_judge_supposes(const char *norm, size_t n);

/* Length of the longest phrase of talk_with (any table) at norm[i..n) that
 * no negation a few words before governs, or 0. */
size_t ty_judge_talk_with_at(const char *norm, size_t n, size_t i);

/* True when norm asks what something means ("what does that mean, a
 * slot?", "¿qué es eso de la limpieza?"), in any table. */
bool ty_judge_asks_meaning(const char *norm, size_t n);

/* True when norm says the customer is unhappy with what they got ("im
 * not happy with it", "no estoy contenta con el color"), in any table. */
bool ty_judge_unhappy(const char *norm, size_t n);

/* True when norm asks for advice on what to choose ("do I need a full
 * service?", "which one is cheaper", "¿me hace falta la limpieza?"). */
bool ty_judge_asks_advice(const char *norm, size_t n);

/* True when norm holds a hedge (hedges of any table). */
bool ty_judge_hedges(const char *norm, size_t n);

/* True when norm holds words asking the reader to do something (requests of any table). */
bool ty_judge_requests(const char *norm, size_t n);

/* True when norm says the customer will be in touch themselves ("we'll
 * text you back", "ya os escribo"), in any table. */
bool ty_judge_in_touch(const char *norm, size_t n);

/* True when norm says the customer cannot wait ("in agony", "no he
 * dormido nada"), in any table. */
bool ty_judge_urgent(const char *norm, size_t n);

/* What norm names again of what was agreed, in any table's words: *day
 * ("same day", "el mismo día") and *time ("same time", "a la misma hora"). */
void ty_judge_says_same(const char *norm, size_t n, bool *day, bool *time);

/* norm with letters held for emphasis squeezed ("holaaa" -> "hola",
 * "buenasss" -> "buenas", "soooo good" -> "so good", "coool" -> "cool": a
 * run of three or more becomes one at a word's end, two inside it), in
 * arena, or NULL when nothing changed (or on OOM: *oom is then set). */
char *ty_judge_squeeze(const char *norm, size_t n, ty_arena *arena, size_t *out_n, bool *oom);

/* A word of normalised text. */
typedef struct ty_judge_word {
    const char *s;
    size_t n;
} ty_judge_word;

/* norm with every short form of lex replaced ("tmrw pls" -> "tomorrow
 * please"), allocated in arena, or NULL when nothing changed (or on OOM:
 * *oom is then set). The words keep[0..nkeep) stay as they are (those the
 * customer wrote as contractions: "we'd" is no "wed"). */
char *ty_judge_respell_text(const ty_judge_lex *lex, const char *norm, size_t n, const ty_judge_word *keep,
                            size_t nkeep, ty_arena *arena, size_t *out_n,
                            bool *oom);

/* What acting on an intent would do, cheapest first. */
typedef enum ty_judge_cost {
    TY_JUDGE_COST_SAY = 0,  /* answer and carry on */
    TY_JUDGE_COST_START,    /* start a flow when nothing is pending */
    TY_JUDGE_COST_ASIDE,    /* leave a pending ask for another flow to answer a
                               question the customer asks ("before I pick, what
                               time do you shut on saturdays?") */
    TY_JUDGE_COST_SWITCH,   /* leave a pending ask for another flow */
    TY_JUDGE_COST_HANDOFF,  /* hand over to a person */
    TY_JUDGE_COST_OPT_OUT,  /* stop every message for good */
    TY_JUDGE_NCOST
} ty_judge_cost;

/* True when an intent scored `score` with `margin` over the runner-up
 * clears the bar for acting at `cost`. */
bool ty_judge_clears(ty_judge_cost cost, double score, double margin);

/* True when an intent read at score with margin clears the bar for acting
 * on a message that asks something or is upset (lower for a handoff:
 * "can someone from your office call me?"). */
bool ty_judge_clears_pressed(ty_judge_cost cost, double score, double margin);

/* True when it clears the lower bar for asking first (handoff and opt-out
 * only: one confirming micro-question). */
bool ty_judge_worth_asking(ty_judge_cost cost, double score, double margin);

#endif /* TY_JUDGE_H */
