/*
 * test_judge.c — the judgment module (csrc/src/judge.c): every word of the
 * per-language tables is in normalised form, the safe exits read whole
 * messages (and not the words merely inside them), greetings, short forms,
 * "either" and the action bars. Conversations that use all of this are the
 * quality vectors (test_quality.c).
 */
#include "../../csrc/src/judge.h"
#include "../../csrc/src/text.h"
#include "testutil.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* Normalises s into a (static for the test's duration) arena string. */
static const char *tj_norm(ty_arena *a, const char *s, size_t *n) { return ty_text_normalize(s, strlen(s), a, n); }

/* The exit s reads as, the same with the index and without it, its
 * clauses taken from the text as the flow takes them. */
static ty_judge_exit tj_exit(const char *s) {
    ty_arena a;
    ty_arena_init(&a, NULL);
    ty_tokens tk;
    ck_assert_int_eq(ty_text_tokenize(s, strlen(s), &a, &tk), TY_OK);
    bool oom;
    const uint8_t *clause = ty_judge_clauses(&tk, s, &a, &oom);
    ck_assert(!oom);
    ty_judge_index ix;
    ty_judge_index_build(&ix);
    ty_judge_exit e = ty_judge_read_exit(&ix, tk.norm, tk.norm_len, clause);
    ck_assert_msg(ty_judge_read_exit(NULL, tk.norm, tk.norm_len, clause) == e, "\"%s\": the index changes the reading",
                  s);
    ty_arena_free(&a);
    return e;
}

static void tj_list_normalised(ty_arena *a, const char *code, const char *what, const char *const *list) {
    for (; list && *list; list++) {
        size_t n;
        const char *norm = tj_norm(a, *list, &n);
        ck_assert_msg(norm && strlen(*list) == n && memcmp(norm, *list, n) == 0,
                      "%s %s: \"%s\" is not in normalised form (\"%s\")", code, what, *list, norm ? norm : "?");
    }
}

START_TEST(tables_are_normalised) {
    const ty_judge_lex *tables[] = {ty_judge_lex_en(), ty_judge_lex_es()};
    ty_arena a;
    ty_arena_init(&a, NULL);
    for (size_t i = 0; i < 2; i++) {
        const ty_judge_lex *l = tables[i];
        tj_list_normalised(&a, l->code, "stop_words", l->stop_words);
        tj_list_normalised(&a, l->code, "stop_phrases", l->stop_phrases);
        tj_list_normalised(&a, l->code, "stop_maybe", l->stop_maybe);
        tj_list_normalised(&a, l->code, "handoff_phrases", l->handoff_phrases);
        tj_list_normalised(&a, l->code, "frustration", l->frustration);
        tj_list_normalised(&a, l->code, "bot_words", l->bot_words);
        tj_list_normalised(&a, l->code, "identity_asks", l->identity_asks);
        tj_list_normalised(&a, l->code, "timings", l->timings);
        tj_list_normalised(&a, l->code, "negations", l->negations);
        tj_list_normalised(&a, l->code, "politeness", l->politeness);
        tj_list_normalised(&a, l->code, "greetings", l->greetings);
        tj_list_normalised(&a, l->code, "any_option", l->any_option);
        tj_list_normalised(&a, l->code, "thanks", l->thanks);
        tj_list_normalised(&a, l->code, "farewells", l->farewells);
        tj_list_normalised(&a, l->code, "acks", l->acks);
        tj_list_normalised(&a, l->code, "change_words", l->change_words);
        tj_list_normalised(&a, l->code, "booking_words", l->booking_words);
        tj_list_normalised(&a, l->code, "habitual", l->habitual);
        tj_list_normalised(&a, l->code, "habit_days", l->habit_days);
        tj_list_normalised(&a, l->code, "no_longer", l->no_longer);
        tj_list_normalised(&a, l->code, "wh_words", l->wh_words);
        tj_list_normalised(&a, l->code, "proposals", l->proposals);
        tj_list_normalised(&a, l->code, "openers", l->openers);
        tj_list_normalised(&a, l->code, "refuse_negs", l->refuse_negs);
        tj_list_normalised(&a, l->code, "refuse_between", l->refuse_between);
        tj_list_normalised(&a, l->code, "contact_verbs", l->contact_verbs);
        tj_list_normalised(&a, l->code, "contact_objects", l->contact_objects);
        tj_list_normalised(&a, l->code, "contact_ends", l->contact_ends);
        tj_list_normalised(&a, l->code, "refuse_subjects", l->refuse_subjects);
        tj_list_normalised(&a, l->code, "chat_openers", l->chat_openers);
        tj_list_normalised(&a, l->code, "chat_events", l->chat_events);
        tj_list_normalised(&a, l->code, "chat_pivots", l->chat_pivots);
        tj_list_normalised(&a, l->code, "unhappy", l->unhappy);
        tj_list_normalised(&a, l->code, "served_leads", l->served_leads);
        tj_list_normalised(&a, l->code, "served_verbs", l->served_verbs);
        tj_list_normalised(&a, l->code, "served_endings", l->served_endings);
        tj_list_normalised(&a, l->code, "served_skips", l->served_skips);
        tj_list_normalised(&a, l->code, "served_phrases", l->served_phrases);
        tj_list_normalised(&a, l->code, "defects", l->defects);
        tj_list_normalised(&a, l->code, "elsewhere", l->elsewhere);
        tj_list_normalised(&a, l->code, "elsewhere_heads", l->elsewhere_heads);
        tj_list_normalised(&a, l->code, "elsewhere_not", l->elsewhere_not);
        for (const ty_judge_respell *r = l->respell; r->from; r++) {
            const char *pair[] = {r->from, r->to, NULL};
            tj_list_normalised(&a, l->code, "respell", pair);
            const char *sp = strchr(r->from, ' ');
            ck_assert_msg(!sp || !strchr(sp + 1, ' '), "%s respell: \"%s\" must be one token or two", l->code,
                          r->from);
        }
        ck_assert_ptr_nonnull(l->confirm_stop);
        ck_assert_ptr_nonnull(l->offer_person);
        ck_assert_ptr_nonnull(l->confirm_person);
        ck_assert_ptr_nonnull(l->off_topic);
        ck_assert_ptr_nonnull(l->off_topic_again);
    }
    ty_arena_free(&a);
    ck_assert_str_eq(ty_judge_lex_for("es-MX", 5)->code, "es");
    ck_assert_str_eq(ty_judge_lex_for("pt", 2)->code, "en");
}
END_TEST

START_TEST(the_law_s_keywords_opt_out_as_whole_messages) {
    const char *stops[] = {"STOP", "stop!", "Quit", "END", "revoke", "Opt out", "OPT-OUT", "cancel", "UNSUBSCRIBE",
                           "stop please", "please STOP", "Stop all", "BAJA", "parar", "Alto", "cancelar",
                           "para ya"};
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++)
        ck_assert_msg(tj_exit(stops[i]) == TY_JUDGE_STOP, "\"%s\" must opt out", stops[i]);
}
END_TEST

START_TEST(opt_out_phrases_judged_on_the_whole_message) {
    const char *stops[] = {"leave me alone", "Please stop texting me.", "take me off your list",
                           "no more messages thanks", "ok whatever, just stop messaging me",
                           "Déjame en paz", "no me escribas más por favor", "quiero darme de baja"};
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++)
        ck_assert_msg(tj_exit(stops[i]) == TY_JUDGE_STOP, "\"%s\" must opt out", stops[i]);
    /* containing "no", "stop" or "cancel" is not enough */
    const char *not_stops[] = {"no", "no thanks", "nope", "stop by tomorrow", "can I cancel my booking?",
                               "cancel my 3pm and book 4pm instead", "the brakes won't stop", "no gracias",
                               "para mañana", "Me llamo Lucía", "don't stop texting me, I like the updates",
                               "the end of the week", "quit smoking"};
    for (size_t i = 0; i < sizeof not_stops / sizeof not_stops[0]; i++)
        ck_assert_msg(tj_exit(not_stops[i]) != TY_JUDGE_STOP, "\"%s\" must not opt out", not_stops[i]);
    /* a modal before the subject asks again: "can you take my number off" */
    ck_assert_int_eq(tj_exit("ok can you take my number off your list pls"), TY_JUDGE_STOP);
    ck_assert_int_ne(tj_exit("you take me off your list every time and then text again"), TY_JUDGE_STOP);
    /* a refusal that gives another number may only move us: asked first */
    ck_assert_int_eq(tj_exit("please don't use this number, use 07700 900123 instead"), TY_JUDGE_STOP_MAYBE);
    ck_assert_int_eq(tj_exit("no uséis este número, mejor el 612 345 678"), TY_JUDGE_STOP_MAYBE);
    ck_assert_int_eq(tj_exit("not interested"), TY_JUDGE_STOP_MAYBE);
    ck_assert_int_eq(tj_exit("wrong number"), TY_JUDGE_STOP_MAYBE);
    ck_assert_int_eq(tj_exit("no me interesa"), TY_JUDGE_STOP_MAYBE);
}
END_TEST

/* A refusal of contact put together from its parts (judge.h): a wished or
 * imperative negation, a verb of contacting, the customer as its object,
 * to the end of the clause. */
START_TEST(refusals_of_contact_from_their_parts) {
    const char *stops[] = {"I'd appreciate it if you didn't contact me again",
                           "Kindly do not send any more messages to this number", "please don't text me",
                           "never message this number again", "don't bother messaging me, I'll ring you",
                           "Le agradecería que ya no me enviaran mensajes a este número. Muchas gracias.",
                           "por favor no nos mandéis nada más", "que nunca más me escriban", "no me escribáis",
                           "please don't use this number anymore", "stop using my number",
                           "no quiero que me llegue nada más del salón", "que no me llegue nada más vuestro",
                           "no uséis mi número para nada", "dejad de usar mi número",
                           "no quiero recibir nada más de vosotros"};
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++)
        ck_assert_msg(tj_exit(stops[i]) == TY_JUDGE_STOP, "\"%s\" must opt out", stops[i]);
    /* a time, something else sent, a statement, a question, no object */
    const char *not_stops[] = {"don't text me before 9am", "don't send me the invoice", "I don't email much",
                               "you don't need to message me back", "why dont you text me instead",
                               "you never text me back", "you never text me", "please don't message me at work",
                               "don't send me any more photos of the price list, I've seen it",
                               "no me mandes el recordatorio", "no me escribas antes de las 2",
                               "nunca me escriben cuando toca", "¿por qué no me escribisteis ayer?",
                               "no me envíes la factura todavía", "don't use this number for the reminder",
                               "I don't want to get anything done to the frame", "no me llega nada",
                               "no quiero que me llegue tarde el pedido", "no quiero recibir el recordatorio",
                               "don't use my old number"};
    for (size_t i = 0; i < sizeof not_stops / sizeof not_stops[0]; i++)
        ck_assert_msg(tj_exit(not_stops[i]) != TY_JUDGE_STOP, "\"%s\" must not opt out", not_stops[i]);
    /* a refusal that gives another number may only move us: asked first */
    ck_assert_int_eq(tj_exit("please don't use this number, use 07700 900123 instead"), TY_JUDGE_STOP_MAYBE);
    ck_assert_int_eq(tj_exit("no uséis este número, mejor el 612 345 678"), TY_JUDGE_STOP_MAYBE);
}
END_TEST

START_TEST(handoff_and_frustration) {
    ck_assert_int_eq(tj_exit("can I talk to a person please"), TY_JUDGE_HANDOFF);
    ck_assert_int_eq(tj_exit("quiero hablar con una persona"), TY_JUDGE_HANDOFF);
    ck_assert_int_eq(tj_exit("I don't want to talk to a person, just book me in"), TY_JUDGE_NONE);
    ck_assert_int_eq(tj_exit("no need for a human, how much is it?"), TY_JUDGE_NONE);
    /* a negation governs its own clause only */
    ck_assert_int_eq(tj_exit("no, quiero hablar con una persona"), TY_JUDGE_HANDOFF);
    ck_assert_int_eq(tj_exit("No. Quiero hablar con una persona"), TY_JUDGE_HANDOFF);
    ck_assert_int_eq(tj_exit("no quiero hablar con una persona"), TY_JUDGE_NONE);
    ck_assert_int_eq(tj_exit("no quiero esperar, ¿puedo hablar con una persona?"), TY_JUDGE_HANDOFF);
    ck_assert_int_eq(tj_exit("not that one \u2014 a real person please"), TY_JUDGE_HANDOFF);
    ck_assert_int_eq(tj_exit("Don't know. Can I talk to a person?"), TY_JUDGE_HANDOFF);
    ck_assert_int_eq(tj_exit("I don't want to talk to a person"), TY_JUDGE_NONE);
    ck_assert_int_eq(tj_exit("this is useless you stupid bot"), TY_JUDGE_RUDE);
    ck_assert_int_eq(tj_exit("useless"), TY_JUDGE_RUDE);
    ck_assert_int_eq(tj_exit("eres inútil"), TY_JUDGE_RUDE);
    ck_assert_int_eq(tj_exit("qué bot más pelotudo"), TY_JUDGE_RUDE);
    ck_assert_int_eq(tj_exit("omg forget it. can someone just call me"), TY_JUDGE_HANDOFF);
    ck_assert_int_eq(tj_exit("¿me pueden atender una persona? es por un pedido grande"), TY_JUDGE_HANDOFF);
    ck_assert_int_eq(tj_exit("right, gi' over texting us now"), TY_JUDGE_STOP);
    ck_assert_int_eq(tj_exit("give over, saturday's fine"), TY_JUDGE_NONE);
    ck_assert_int_eq(tj_exit("grand, too dear for me. don't be texting me again thanks"), TY_JUDGE_STOP);
    ck_assert_int_eq(tj_exit("don't be texting me before 9 please"), TY_JUDGE_NONE);
    /* about the bike, not about us */
    ck_assert_int_eq(tj_exit("my old brakes are useless in the rain"), TY_JUDGE_FRUSTRATED);
    /* a person asked for with the verb left at the end of its clause */
    ck_assert_int_eq(tj_exit("is there anyone actually at the shop i could speak to"), TY_JUDGE_HANDOFF);
    ck_assert_int_eq(tj_exit("is there someone I could talk to about my wheel?"), TY_JUDGE_HANDOFF);
    ck_assert_int_eq(tj_exit("¿hay alguien con quien pueda hablar?"), TY_JUDGE_HANDOFF);
    ck_assert_int_eq(tj_exit("i can talk to my wife and get back to you"), TY_JUDGE_NONE);
    ck_assert_int_eq(tj_exit("lo tengo que hablar con mi pareja"), TY_JUDGE_NONE);
    ck_assert_int_eq(tj_exit("I don't need anyone to talk to"), TY_JUDGE_NONE);
    /* a thing described, not us: no frustration at all, though "u" names us */
    ck_assert_int_eq(tj_exit("my back brake makes an awful squeal every time i stop, can u look at it"), TY_JUDGE_NONE);
    ck_assert_int_eq(tj_exit("the damn chain snapped again"), TY_JUDGE_NONE);
    ck_assert_int_eq(tj_exit("such a stupid question but do you do kids bikes"), TY_JUDGE_NONE);
    /* what we do, or said of nothing after it, still vents */
    ck_assert_int_eq(tj_exit("what a terrible service"), TY_JUDGE_FRUSTRATED);
    ck_assert_int_eq(tj_exit("this stupid bot"), TY_JUDGE_RUDE);
    ck_assert_int_eq(tj_exit("honestly this is awful, you keep asking me the same thing"), TY_JUDGE_RUDE);
}
END_TEST

START_TEST(greetings_short_forms_and_either) {
    ty_arena a;
    ty_arena_init(&a, NULL);
    size_t n, m;
    const char *s = tj_norm(&a, "Hi again, I still want that tune-up", &n);
    size_t g = ty_judge_greeting(s, n);
    ck_assert_str_eq(s + g, "i still want that tune up");
    s = tj_norm(&a, "hello there", &n);
    ck_assert_uint_eq(ty_judge_greeting(s, n), 0); /* only a greeting: it is the request */
    ck_assert(ty_judge_only_greeting(s, n));
    s = tj_norm(&a, "morning", &n);
    ck_assert(!ty_judge_only_greeting(s, n)); /* "morning" answers "morning or afternoon?" */
    bool oom;
    s = tj_norm(&a, "tmrw arvo pls", &n);
    const char *r = ty_judge_respell_text(ty_judge_lex_en(), s, n, NULL, 0, &a, &m, &oom);
    ck_assert_str_eq(r, "tomorrow afternoon please");
    ck_assert_ptr_null(ty_judge_respell_text(ty_judge_lex_en(), "tomorrow", 8, NULL, 0, &a, &m, &oom));
    /* a word kept (written "we'd") is no short form; the same word elsewhere is */
    const ty_judge_word kept[] = {{"wed", 3}};
    ck_assert_ptr_null(ty_judge_respell_text(ty_judge_lex_en(), "wed like friday", 15, kept, 1, &a, &m, &oom));
    r = ty_judge_respell_text(ty_judge_lex_en(), "wed like friday pls", 19, kept, 1, &a, &m, &oom);
    ck_assert_str_eq(r, "wed like friday please");
    ck_assert_str_eq(ty_judge_respell_text(ty_judge_lex_en(), "wed pls", 7, NULL, 0, &a, &m, &oom), "wednesday please");
    ck_assert(!oom);
    s = tj_norm(&a, "Either's fine by me!", &n);
    ck_assert(ty_judge_any_option(s, n));
    s = tj_norm(&a, "me da igual, porfa", &n);
    ck_assert(ty_judge_any_option(s, n));
    s = tj_norm(&a, "either saturday or sunday", &n);
    ck_assert(!ty_judge_any_option(s, n));
    ty_arena_free(&a);
}
END_TEST

START_TEST(habits_questions_back_and_held_letters) {
    ty_arena a;
    ty_arena_init(&a, NULL);
    size_t n, m;
    const char *s = tj_norm(&a, "mostly trails at the weekend", &n);
    ck_assert(ty_judge_habitual(s, n, NULL, 0));
    s = tj_norm(&a, "los sábados suelo estar libre", &n);
    ck_assert(ty_judge_habitual(s, n, NULL, 0));
    s = tj_norm(&a, "can I bring it in on saturday", &n);
    ck_assert(!ty_judge_habitual(s, n, "saturday", 8));
    s = tj_norm(&a, "is everything ready for friday", &n); /* "every" only as a word */
    ck_assert(!ty_judge_habitual(s, n, "friday", 6));
    /* a plural day is a habit where it is named, not for another day beside it */
    s = tj_norm(&a, "I work saturdays so friday please", &n);
    ck_assert(ty_judge_habitual(s, n, "saturdays", 9));
    ck_assert(!ty_judge_habitual(s, n, "friday", 6));
    /* questions back, and proposals that answer */
    s = tj_norm(&a, "hey, what's the weather like on saturday", &n);
    ck_assert(ty_judge_asks_back(s, n, false));
    s = tj_norm(&a, "so how about saturday", &n);
    ck_assert(!ty_judge_asks_back(s, n, true));
    s = tj_norm(&a, "saturday, what time do you open", &n); /* the answer comes first */
    ck_assert(!ty_judge_asks_back(s, n, true));
    s = tj_norm(&a, "oye qué tiempo hará el sábado", &n);
    ck_assert(ty_judge_asks_back(s, n, true));
    ck_assert(!ty_judge_asks_back(s, n, false)); /* Spanish "que" needs its question mark */
    s = tj_norm(&a, "qué tal el jueves", &n);
    ck_assert(!ty_judge_asks_back(s, n, true));
    s = tj_norm(&a, "hi so", &n);
    ck_assert_uint_eq(ty_judge_opening(s, n), n);
    bool oom;
    s = tj_norm(&a, "Buenasss holaaa coool", &n);
    const char *q = ty_judge_squeeze(s, n, &a, &m, &oom);
    ck_assert_str_eq(q, "buenas hola cool");
    ck_assert_ptr_null(ty_judge_squeeze("good morning 333", 16, &a, &m, &oom)); /* digits are not held letters */
    ck_assert(!oom);
    ty_arena_free(&a);
}
END_TEST

/* A message of the largest size made of one word repeated, normalised. */
static char *tj_repeat(const char *word, size_t *n) {
    size_t wn = strlen(word), count = (64u << 10) / (wn + 1) - 1;
    char *s = malloc(count * (wn + 1) + 1);
    ck_assert_ptr_nonnull(s);
    for (size_t i = 0; i < count; i++) {
        memcpy(s + i * (wn + 1), word, wn);
        s[i * (wn + 1) + wn] = ' ';
    }
    *n = count * (wn + 1) - 1;
    s[*n] = '\0';
    return s;
}

START_TEST(huge_messages_stay_linear) {
    /* every reader walks a 64 KiB message of words it knows once; a
     * quadratic one would not finish within the test's timeout */
    const char *words[] = {"please", "stop", "hi", "either", "tmrw", "useless", "dont"};
    ty_arena a;
    ty_arena_init(&a, NULL);
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        size_t n, m;
        char *s = tj_repeat(words[w], &n);
        ty_judge_exit e = ty_judge_read_exit(NULL, s, n, NULL);
        ck_assert_msg(e != TY_JUDGE_STOP && e != TY_JUDGE_HANDOFF, "%s...: %d", words[w], (int)e);
        (void)ty_judge_greeting(s, n);
        ck_assert(ty_judge_any_option(s, n) == (strcmp(words[w], "either") == 0));
        bool oom;
        const char *r = ty_judge_respell_text(ty_judge_lex_en(), s, n, NULL, 0, &a, &m, &oom);
        ck_assert(!oom);
        ck_assert(r == NULL || m > n);
        free(s);
    }
    ty_arena_free(&a);
}
END_TEST

/* What the whole normalised message s says as pleasantries (in *pl), and
 * whether it reads as a customer unhappy with what they got. */
static bool tj_read_whole(const char *s, ty_judge_pleasantry *pl) {
    ty_arena a;
    ty_arena_init(&a, NULL);
    size_t n;
    const char *norm = tj_norm(&a, s, &n);
    *pl = ty_judge_pleasantry_of(norm, n);
    bool unhappy = ty_judge_unhappy(norm, n);
    ty_arena_free(&a);
    return unhappy;
}

static bool tj_unhappy(const char *s) {
    ty_judge_pleasantry pl;
    return tj_read_whole(s, &pl);
}

static ty_judge_pleasantry tj_pleasantry(const char *s) {
    ty_judge_pleasantry pl;
    tj_read_whole(s, &pl);
    return pl;
}

START_TEST(complaints_told_as_what_we_did) {
    const char *yes[] = {"the water you delivered yesterday smells like plastic",
                         "ye groomed my bichon on saturday and she came home with a nick on her ear",
                         "the brakes you just fixed are squeaking and the wheel is wobbly",
                         "the cake i got from you was stale",
                         "el castillo que me mandaron el sábado llegó sucio y con un hoyo",
                         "me la devolvieron con una mancha", "la tabla que me disteis tenía una raja",
                         "y'all's crew came out tuesday and my kitchen is still filthy",
                         "me dejasteis peor de lo que fui",
                         "la otra vez me mandaron la torta aplastada",
                         "not happy with the colour"};
    const char *no[] = {"the water you delivered yesterday was lovely, thanks",
                        "my chain is broken, can you fix it",
                        "you sent me a reminder, running late though",
                        "can you deliver 2 bottles, the old ones are broken",
                        "la última vez que alquilé con otro rent car la yipeta me dejó botao",
                        "me encantaron las fotos que me mandaron",
                        "en la pupusería de la esquina me dieron unas pupusas bien frías",
                        "the other shop you'd think would know, they sent it back broken",
                        "se me rompió la persiana, ¿me la pueden arreglar?"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) ck_assert_msg(tj_unhappy(yes[i]), "\"%s\" is unhappy", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) ck_assert_msg(!tj_unhappy(no[i]), "\"%s\" is not", no[i]);
}
END_TEST

START_TEST(bars_grow_with_cost) {
    ck_assert(ty_judge_clears(TY_JUDGE_COST_SAY, 0.4, 0.2));
    ck_assert(!ty_judge_clears(TY_JUDGE_COST_SWITCH, 0.4, 0.2));
    ck_assert(ty_judge_clears(TY_JUDGE_COST_ASIDE, 0.4, 0.3)); /* a question of the customer's own */
    ck_assert(!ty_judge_clears(TY_JUDGE_COST_SWITCH, 0.4, 0.3));
    ck_assert(ty_judge_clears(TY_JUDGE_COST_SWITCH, 0.9, 0.5));
    ck_assert(!ty_judge_clears(TY_JUDGE_COST_OPT_OUT, 0.9, 0.5));
    ck_assert(!ty_judge_clears(TY_JUDGE_COST_OPT_OUT, 1.0, 1.0)); /* the model alone never opts out */
    ck_assert(ty_judge_worth_asking(TY_JUDGE_COST_OPT_OUT, 0.9, 0.5));
    ck_assert(!ty_judge_worth_asking(TY_JUDGE_COST_SAY, 0.9, 0.5)); /* cheap actions are never confirmed */
    /* a plain "no" scored 0.38 on the stop intent must not even be asked about */
    ck_assert(!ty_judge_worth_asking(TY_JUDGE_COST_OPT_OUT, 0.38, 0.37));
}
END_TEST

START_TEST(thanks_and_goodbyes_as_whole_messages) {
    ck_assert_int_eq(tj_pleasantry("cheers, see ya"), TY_JUDGE_PL_THANKS);
    ck_assert_int_eq(tj_pleasantry("Thank you so much!! 🙏"), TY_JUDGE_PL_THANKS);
    ck_assert_int_eq(tj_pleasantry("ok great thanks"), TY_JUDGE_PL_THANKS);
    ck_assert_int_eq(tj_pleasantry("vale, muchas gracias"), TY_JUDGE_PL_THANKS);
    ck_assert_int_eq(tj_pleasantry("bye for now"), TY_JUDGE_PL_BYE);
    ck_assert_int_eq(tj_pleasantry("hasta luego!"), TY_JUDGE_PL_BYE);
    ck_assert_int_eq(tj_pleasantry("you too, have a good one"), TY_JUDGE_PL_BYE);
    ck_assert_int_eq(tj_pleasantry("ok 👍"), TY_JUDGE_PL_ACK);
    ck_assert_int_eq(tj_pleasantry("perfecto"), TY_JUDGE_PL_ACK);
    /* saying more than a pleasantry */
    ck_assert_int_eq(tj_pleasantry("no thanks"), TY_JUDGE_PL_NONE);
    ck_assert_int_eq(tj_pleasantry("thanks for nothing"), TY_JUDGE_PL_NONE);
    ck_assert_int_eq(tj_pleasantry("thanks, see you saturday"), TY_JUDGE_PL_NONE);
    ck_assert_int_eq(tj_pleasantry("thanks, can I change the day?"), TY_JUDGE_PL_NONE);
    ck_assert_int_eq(tj_pleasantry("gracias pero no"), TY_JUDGE_PL_NONE);
    ck_assert_int_eq(tj_pleasantry(""), TY_JUDGE_PL_NONE);
}
END_TEST

static Suite *judge_suite(void) {
    Suite *s = suite_create("judge");
    TCase *tc = tcase_create("judge");
    tcase_add_test(tc, tables_are_normalised);
    tcase_add_test(tc, the_law_s_keywords_opt_out_as_whole_messages);
    tcase_add_test(tc, opt_out_phrases_judged_on_the_whole_message);
    tcase_add_test(tc, refusals_of_contact_from_their_parts);
    tcase_add_test(tc, handoff_and_frustration);
    tcase_add_test(tc, greetings_short_forms_and_either);
    tcase_add_test(tc, thanks_and_goodbyes_as_whole_messages);
    tcase_add_test(tc, habits_questions_back_and_held_letters);
    tcase_add_test(tc, complaints_told_as_what_we_did);
    tcase_add_test(tc, bars_grow_with_cost);
    tcase_add_test(tc, huge_messages_stay_linear);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(judge_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
