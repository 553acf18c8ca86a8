/*
 * locale_en.c — the English recogniser word table (the default locale).
 * Pure data in the layout of locale.h: every phrase is in normalised form
 * (lower case, no accents, apostrophes dropped, digits split from letters,
 * one space between tokens). tests/c/test_recognize.c checks that each entry
 * normalises to itself.
 */
#include "locale.h"

static const char *const loc_en_yes[] = {
    "yes", "yeah", "yea", "yep", "yup", "ya", "yah", "yas", "ye", "yh", "yesh", "sure", "sure thing", "ok", "okay",
    "opo", "oo po", /* Taglish */
    "okey", "okie", "oki", "okey dokey", "alright", "all right", "aight", "absolutely", "definitely", "certainly",
    "of course", "ofc", "please", "please do", "yes please", "go ahead", "go for it", "do it", "lets do it",
    "lets do that", "lets go", "sounds good", "sounds great", "sounds perfect", "sounds fine", "sounds like a plan",
    "that works", "that works for me", "works for me", "works", "perfect", "great", "fine", "fine by me", "cool",
    "awesome", "correct", "thats right", "thats correct", "right", "exactly", "indeed", "agreed", "deal",
    "affirmative", "i do", "i would", "i will", "will do", "can do", "would love to", "would love that",
    "id love to", "id love that", "id like that", "i think so", "why not", "no problem", "no worries", "no prob",
    "not a problem", "count me in", "im in", "yessir", "not bad", "thats fine", "thats good", "good idea",
    "all good", "good to go", "aye", "aye aye", "sound", "spot on", "bang on", "grand", "lovely",
    "confirm it", "confirm that", "confirmed", "book it", "book it in", "go on then", "go on", "too easy",
    "lock it in", "lock it", "sweet as", "done", "done deal", "bet", "nah yeah", "nah yeah go on", "nah yea",
    "haan", "haan ji", "ha ji", "theek hai", "thik hai", "ok ji", /* Hinglish */
    "sawa", "sawa sawa", "poa", "ndio", "ndiyo", "sawa poa", /* Swahili and Sheng */ "seri", /* Tamil */
    "kale", /* Luganda */ "lush", "tidy", /* Cardiff */ "no wahala", "no wahala at all", "oya", "oya book am",
    "oya do am", /* Nigerian Pidgin */ "steady", "ok steady", "steady lah", "shiok", /* Singlish */
    "no cap", /* Atlanta: "no cap that's perfect" */ "bloody oath", "too right", "no dramas", "no drama", "no wukkas", /* Australian */ "yebo", "yebo yes", /* South African */ "sige", "sige po", "sige na", "sige lang", /* Taglish */
    "shoots", "shoots brah", "garans", "garanz", /* Hawaiian Pidgin */ "👍", "✅", "👌", "✔", "☑", "🙌", "💯",
    "❤", "🙏", NULL};

static const char *const loc_en_yes_alone[] = {"y", "k", "kk", "yy", "can", "can can", "can lah", "ok can",
                                               "ar", "ar ta", "ar bab", /* Brummie */ NULL};

static const char *const loc_en_no[] = {
    "no", "nope", "nah", "naw", "nay", "no thanks", "no thank you", "no thx", "nothanks", "not now", "not today",
    "not yet", "not really", "not interested", "not for me", "not right now", "no way", "never", "never mind",
    "nevermind", "negative", "i dont", "i dont think so", "dont think so", "i wont", "i would not", "i wouldnt",
    "id rather not", "rather not", "not at all", "of course not", "absolutely not", "definitely not",
    "certainly not", "please dont", "dont", "do not", "im good", "youre alright", "youre all right",
    "youre ok", "youre good", "im alright", "im fine", "im ok", "im okay", "im all set",
    "maybe later", "later", "pass", "ill pass", "not for now", "nothing else", "thats all for now", "another time",
    "some other time", "no need", "no no", "no thats ok", "no its ok", "no thats okay", "no its okay",
    "no thats alright", "no its alright", "no thats fine", "no its fine", "disagree", "i disagree", "yeah nah",
    "yea nah", "yeah na", "yeah nah all good", "nah all good", "no all good", "nah its all good", "no its all good",
    "nah youre good", "no youre good", "nahi", "nahin", "nahi ji", /* Hinglish */ "hapana", "hapana asante", "illa", "illai", /* Tamil */ "nedda", /* Luganda */
    /* Swahili */ "👎", "❌", "🚫", "✖", "🙅", NULL};

static const char *const loc_en_no_alone[] = {"n", "nn", NULL};

static const char *const loc_en_yes_soft[] = {
    "ok", "okay", "okey", "k", "oh ok", "ah ok", "alright", "all right", "right",
                                              "well", NULL};

static const char *const loc_en_unsure[] = {
    "not sure", "im not sure", "unsure", "maybe", "perhaps", "possibly", "dunno", "idk", "i dont know",
    "dont know", "not sure yet", "yes and no", "yes or no", "kind of", "kinda", "sort of", "sorta", "depends",
    "it depends", "let me think", "i need to think", "ill think about it", "i have to think", "hmm", "🤔", "🤷",
    "have a think", "get back to you", "get back to u", "think it over", "sleep on it", "mull it over",
    /* putting it to someone else first: "ok. let me talk to my husband first" */
    "let me talk to", "let me ask", "let me check with", "talk it over", "run it by", "ill let you know",
    "well let you know", NULL};

static const char *const loc_en_negations[] = {
    "not", "no good", "no use", "dont", "do not", "didnt", "isnt", "wont", "cant", "doesnt",
                                               "instead of", "rather than", "was gonna say", "was going to say",
                                               "i was gonna say", "i was going to say", "before", "cancel", "scrap",
                                               "forget", "not interested in", "no longer interested in",
                                               "not really interested in", "except", "apart from", "other than",
                                               "no go", "a no go", "nogo", "are out", "is out", "out of the question",
                                               "impossible", "wont work", "doesnt suit", "neither", "nor", "dont have",
                                               "dont have a", "havent got", "havent got a", NULL};

static const char *const loc_en_replacing[] = {"instead of", "rather than", "was gonna say", "was going to say",
                                               "i was gonna say", "i was going to say", "before", NULL};

/* Another engagement: among several days, the one after it in its clause
 * is that event's, not one offered ("thursday, my sons birthday is on
 * saturday"). Not what a business might sell (a wedding, a party, a trip). */
/* Open a clause with a reason: the day or option named in it is not the
 * one chosen when another stands ("the morning, as the afternoon traffic
 * is awful"). Only at the start of a clause. */
static const char *const loc_en_cheaper_words[] = {
    "cheaper", "cheapest", "the cheap one", "cheap one", "less expensive", "least expensive", "lower price",
    "lowest price", "more affordable", "most affordable", "cheapo", "budget one", "the budget one", NULL};
static const char *const loc_en_dearer_words[] = {
    "more expensive", "most expensive", "pricier", "priciest", "dearer", "dearest", "the dear one",
    "the expensive one", "expensive one", "the pricey one", "pricey one", NULL};
static const char *const loc_en_earlier_words[] = {"earlier", "earliest", "sooner", "soonest", "the early one",
                                                   "early one", NULL};
static const char *const loc_en_later_words[] = {"later one", "the later", "later of", "latest", "the late one",
                                                 "late one", NULL};
static const char *const loc_en_no_determiners[] = {
    "no more", "no further", "no other", "dont worry", "no worries about", NULL};

/* None: an English yes word is no verb, and word order tells a question. */
static const char *const loc_en_yes_verbs[] = {NULL};
static const char *const loc_en_yes_openers[] = {"right", "ye", NULL};
static const char *const loc_en_yes_if_after[] = {NULL};
static const char *const loc_en_question_aux_marked[] = {NULL};
static const char *const loc_en_question_words_marked[] = {NULL};
static const char *const loc_en_knowing[] = {"know", "idea", "wonder", "wondering", "sure", NULL};
static const char *const loc_en_swap_verbs[] = {"change", "swap", "switch", "replace", "upgrade", "downgrade",
                                                 "turn", "make", NULL};
static const char *const loc_en_swap_links[] = {"for", "to", "with", "into", NULL};
static const char *const loc_en_reasons_within[] = {"because", "cos", "coz", "cause", "cuz", "bc", NULL};
static const char *const loc_en_reasons[] = {"as", "because", "since", "cos", "coz", "cause", "cuz", "bc", NULL};

/* Say a time is free: its clause names no engagement ("I have friday off"). */
static const char *const loc_en_free_words[] = {"free", "off", "available", "spare", "day off", "nothing on", NULL};

/* Put a clause in the past: a day it names happened and is offered by
 * nobody ("did anyone see the rugby at the weekend", "the weekend was mad",
 * "my boiler broke down wednesday afternoon": when the fault began).
 * past_not: those that still look ahead ("I was thinking saturday"). */
static const char *const loc_en_past_words[] = {"did", "was", "were", "went", "saw", "watched", "had a", "had an",
                                                "wouldve been", "would have been",
                                                "won", "scored",
                                                "had the", "had my", "happened", "hasnt", "havent", "hadnt",
                                                "dropped", "called", "rang", "phoned", "emailed", "messaged",
                                                "texted", "wrote", "came", "brought", "picked", "collected",
                                                "tried", "popped", "stopped by", "left a message", "paid for",
                                                "bought", "been trying", "been calling", "been ringing",
                                                "spent all", "spent the whole", "last week", "last month",
                                                "last year", "last time", "the other day", "broke", "snapped",
                                                "burst", "leaked", "started leaking", "stopped working",
                                                "packed up", "packed in", "conked out", "gave up", "cut out",
                                                "died", "failed", "fell off", "crashed", "punctured", "blew",
                                                "tripped", "flooded", "cracked", "chipped", "came off",
                                                "fell out", "popped off", NULL};
static const char *const loc_en_negations_after[] = {"no", "not", "nope", "no thanks", "no thank you", "is no good",
                                                     "are no good", "no good", "doesnt work", "dont work",
                                                     "wont work", "i cant do", "cant do", "not needed",
                                                     "isnt needed", "is not needed", "not necessary", "not interested",
                                                     "im not interested", "no need", NULL};
static const char *const loc_en_instead_after[] = {
    "instead", "would be better", "would be best", "is better", "is best", "works better", "would work better",
    "suits me better", "would suit me better", "better for me", NULL};
static const char *const loc_en_booked_before[] = {
    "my appointment on", "my appointment for", "my booking on", "my booking for", "my slot on",
    "the appointment on", "the booking on", "my appointment", "my booking", "i have an appointment on",
    "i have a booking on", "im booked in on", "im booked in for", "im booked on", "im booked for", NULL};
static const char *const loc_en_choose_before[] = {"so", "so then", "in that case", "make it", "lets say",
                                                   "change it to", "switch it to", "change to", "switch to", "just",
                                                   "only", NULL};
static const char *const loc_en_deferrals[] = {"can wait", "will have to wait", "another time", "for another time",
                                               "next time", "some other time", "for later", NULL};
static const char *const loc_en_and_words[] = {"and", "also", "plus", NULL};
static const char *const loc_en_hesitations[] = {"hmm", "hm", "hmmm", "umm", "um", "erm", "er", "uh", "uhh", "mmm",
                                                 "eh", "ehh", "ah", "ahh", "oh", "ohh", NULL};
static const char *const loc_en_name_particles[] = {"van", "von", "der", "den", "de", "da", "di", "du", "le", "la",
                                                    "bin", "bint", "al", "el", "of", "and", NULL};
static const char *const loc_en_pronoun_ones[] = {"one", NULL};
static const char *const loc_en_part_articles[] = {"the", "this", "a", NULL};
static const char *const loc_en_past_not[] = {
    "was gonna", "was going", "was thinking", "was hoping", "was wondering", "was planning", "was told",
    "was there", "were gonna", "were going", "were thinking", "were hoping", "were wondering", "were planning",
    "were there", "did you say", "did u say", "did you mean", "did u mean", "did you have", "did u have",
    "did you get", "did u get", NULL};

static const char *const loc_en_other_events[] = {
    "birthday", "birthdays", "bday", "funeral", "holiday", "holidays", "vacation", "exam", "exams", "interview",
    "anniversary", "christening", "graduation", "surgery", "operation", "hen do", "stag do", "work do", "working",
    "at work", "busy", "away", "head home", "heading home", "go home", "going home", "check out", "checking out",
    "drive back", "driving back", "im working", "im busy", "im away", "i have a wedding", "ive got a wedding",
    "have a wedding", "got a wedding", "i have a party", "ive got a party", "got plans", "have plans", "i have",
    "ive got", "i got", "wedding", "getting married", "married", "party", "trip", "flight", "ride", "race",
    "marathon", "match", "game",
    "tournament", "gig", "concert", "sportive", "event", "club ride", "shift", "double shift", "night shift",
    "on nights", "on earlies", "on lates", "meeting", "a meeting", "dentist", "the dentist", "doctors",
    "the doctors", "hospital", "im at", "ill be at", "im out", "im visiting", "visiting", "payday", "pay day",
    "come up", "came up", "cropped up",
    /* visitors, and what the customer is busy doing */
    "arriving", "arrives", "flying in", "coming to stay", "staying with", "staying over", "in town", "visitors",
    "guests", "house guests", "school run", "nursery", "hosting", "baking", "cooking", "babysitting",
    "travelling", "traveling", "christmas do", "office party", "the final", "cup final",
    "get paid", "i get paid", "gets paid", "hes got", "shes got", "theyve got", "he has", "she has", "football",
    "ill talk", "ill ask", "ill check", "ill speak", "ill see", "ill let you know", "ill confirm",
    /* a deadline is no day to come in: "I need it back for the weekend" */
    "need it back", "need it by", "need it for", "need it ready", "need the bike back", "need the bike by",
    "ready for", "ready by", "back by", "back for", "done by", "fixed by", "sorted by",
    /* the weather is no day wanted: "lol the weather today is brutal" */
    "weather", "the weather", "raining", "meant to rain", "supposed to rain", "freezing", "snowing", NULL};

/* Open a sentence that takes the answer before it back: "no... actually yes". */
static const char *const loc_en_corrections[] = {
    "actually", "well", "wait", "i mean", "sorry", "on second thought", "on second thoughts", "scratch that",
    "oh wait", "hmm actually", "wrong time", "the time is wrong", "time is wrong", "thats the wrong time",
    "the times wrong", NULL};

static const char *const loc_en_question_words[] = {
    "what", "whats", "which", "how", "hows", "why", "whys", "when", "whens", "where", "wheres", "who", "whos",
    "whose", "whom", NULL};

/* Information questions open with these; request modals ("can", "could",
 * "would", "will") are left out: "can I get the deep one" is an answer. */
static const char *const loc_en_question_aux[] = {
    "is", "isnt", "are", "arent", "am", "was", "were", "do", "does", "doesnt", "did", "didnt", "should",
    "shouldnt", "have", "has", "hasnt", "havent", NULL};

static const char *const loc_en_question_subjects[] = {
    "i", "you", "u", "we", "they", "he", "she", "it", "its", "there", "this", "that", "these", "those", "the",
    "a", "an", "my", "your", "our", "any", "anyone", "someone", "somebody", "anything", NULL};

/* A question that offers its own answer is one: "how about friday?",
 * "can we do 3pm?", "is tomorrow ok?". Information questions ("do you open
 * on sunday?", "is the first one better?") stay questions. */
static const char *const loc_en_proposals[] = {
    "how about", "what about", "hows about", "why dont we", "why dont i", "why not", "can we", "could we",
    "shall we", "should we", "can i come",
    "could i come", "can i do", "could i do", "can i make it", "can i book", "could i book", "can you do",
    "could you do", "can you fit", "could you fit", "can you squeeze", "are you free", "are you available",
    "r u free", "is there space", "is there room", "do you have space", "do you have room",
    "do you have a slot", "any chance", "any space", "so make it", "make it", "lets say", "lets do", "maybe",
    "perhaps", "or", "can i bring", "could i bring", "can i drop", "could i drop", "can i pop", "could i pop",
    "can i get it in", "could i get it in", "can i bring it", "could i bring it", "can you take", "could you take",
    "can you have", "could you have", "can i move it", "could i move it", "can i change it", "could i change it",
    "can i move", "could i move", "can you come", "could you come", "can someone come", "could someone come",
    "can you stop by", "could you stop by", "can someone stop by", "could someone stop by", "can you make it",
    "could you make it", "can they come", "could they come", "can you be here", "could you be here",
    "can you get here", "could you get here", "can you start", "could you start", "can you move", "could you move",
    "can u move", "can you shift", "could you shift", "can u shift", "can shift it", "can move it",
    "can you change", "could you change", "can u change", "can you deliver", "could you deliver", "can u deliver",
    "can you bring it", "could you bring it", "can u bring it", "like", "around", "about", "say", "roughly", NULL};
static const char *const loc_en_proposal_joins[] = {"but", "so", "and", NULL};
static const char *const loc_en_conditions[] = {"if", NULL};
static const char *const loc_en_proposal_ends[] = {
    "ok", "okay", "fine", "work", "works", "possible", "alright", "all right", "for you", "doable", "any good",
    "good for you", "free", "available", "an option", "or not", "or not ah", "or not lah", "can or not", NULL};

static const char *const loc_en_fillers[] = {
    "the", "a", "an", "one", "ones", "option", "options", "number", "choice", "letter", "please", "pls", "plz",
    "i", "ill", "id", "im", "will", "would", "take", "like", "want", "wanna", "go", "going", "with", "for", "me",
    "lets", "let", "us", "do", "pick", "choose", "select", "prefer", "yes", "yeah", "yep", "ok", "okay", "sure",
    "that", "this", "is", "its", "it", "be", "thanks", "thank", "you", "thx", "ty", "great", "perfect", "fine",
    "works", "sounds", "good", "then", "just", "and", "so", "after", "before", "hmm", "um", "uh", "well", "oh",
    "hi", "hello", "hey",
    "answer", "reply", "my", "mine", "definitely", "probably", "think", "guess", "say", "gonna", "to", "of", "can",
    "we", "sorry", "oops", "whoops", "lol", "haha", "again", "too", "also", "lah", "la", "leh", "lor", "po", NULL};

static const char *const loc_en_option_words[] = {"option", "choice", "number", "letter", "num", NULL};

static const ty_loc_word loc_en_ordinals[] = {
    {"first", 1, 0},   {"second", 2, 0},        {"third", 3, 0},       {"fourth", 4, 0},       {"fifth", 5, 0},
    {"sixth", 6, 0},   {"seventh", 7, 0},       {"eighth", 8, 0},      {"ninth", 9, 0},        {"tenth", 10, 0},
    {"last", -1, 0},   {"latter", -1, 0},       {"former", 1, 0},      {"final", -1, 0},       {"second last", -2, 0},
    {"second to last", -2, 0}, {"penultimate", -2, 0}, {NULL, 0, 0}};

static const char *const loc_en_ordinal_suffixes[] = {"st", "nd", "rd", "th", NULL};
static const char *const loc_en_rough_suffixes[] = {"ish", NULL};

static const ty_loc_word loc_en_weekdays[] = {
    {"monday", 0, 0},   {"mon", 0, 0},   {"tuesday", 1, 0},  {"tue", 1, 0},  {"tues", 1, 0},
    {"wednesday", 2, 0}, {"wed", 2, 0},  {"weds", 2, 0},     {"thursday", 3, 0}, {"thu", 3, 0},
    {"thur", 3, 0},     {"thurs", 3, 0}, {"friday", 4, 0},   {"fri", 4, 0},  {"saturday", 5, 0},
    {"sat", 5, 0},      {"sunday", 6, 0}, {"sun", 6, 0},     {NULL, 0, 0}};

static const char *const loc_en_weak_words[] = {"sat", "sun", "wed", NULL};
static const char *const loc_en_move_words[] = {"move", "moved", "moving", "change", "changed", "switch", "swap",
                                                "push", "shift", "reschedule", "rearrange", NULL};
static const char *const loc_en_move_to[] = {"to", "to the", "till", "until", NULL};
static const char *const loc_en_duration_leads[] = {"for", NULL};
static const char *const loc_en_size_links[] = {NULL}; /* English says "a 3-seater", "a party of 6" (count_before) */
static const char *const loc_en_typo_traps[] = {"sundae", "sundaes", NULL};
static const char *const loc_en_move_objects[] = {"it", "them", "that", "this", "the booking", "my booking", NULL};
static const char *const loc_en_weak_day_leads[] = {"on", "by", "till", "until", "til", "from", NULL};
static const char *const loc_en_meal_parts[] = {"lunch", "dinner", "brunch", "breakfast", "supper", "night", "nite",
                                                "arvo", "eve", NULL};

static const ty_loc_word loc_en_months[] = {
    {"january", 1, 0}, {"jan", 1, 0},  {"february", 2, 0}, {"feb", 2, 0},      {"march", 3, 0},   {"mar", 3, 0},
    {"april", 4, 0},   {"apr", 4, 0},  {"may", 5, 0},      {"june", 6, 0},     {"jun", 6, 0},     {"july", 7, 0},
    {"jul", 7, 0},     {"august", 8, 0}, {"aug", 8, 0},    {"september", 9, 0}, {"sep", 9, 0},    {"sept", 9, 0},
    {"october", 10, 0}, {"oct", 10, 0}, {"november", 11, 0}, {"nov", 11, 0},   {"december", 12, 0}, {"dec", 12, 0},
    {NULL, 0, 0}};

static const ty_loc_word loc_en_relative_days[] = {
    {"today", 0, 0},         {"tonight", 0, 0},   {"tonite", 0, 0},          {"this morning", 0, 0},
    {"this afternoon", 0, 0}, {"this evening", 0, 0}, {"tomorrow", 1, 0},   {"tmrw", 1, 0},
    {"tmr", 1, 0},           {"tmrow", 1, 0},     {"tomoz", 1, 0},           {"day after tomorrow", 2, 0},
    {"the day after tomorrow", 2, 0}, {"yesterday", -1, 0}, {"day before yesterday", -2, 0},
    {"the day before yesterday", -2, 0}, {"day after tmrw", 2, 0}, {"the day after tmrw", 2, 0},
    {"the next day", 1, 0}, {"next day", 1, 0}, {"the following day", 1, 0},
    {"the day after", 1, 1}, {"the day before", -1, 1}, {"a week today", 7, 0}, {"a week tomorrow", 8, 0},
    {"this time next week", 7, 0}, {"2 moro", 1, 0}, {"2 morrow", 1, 0}, {"2 mrw", 1, 0}, {"2 mrow", 1, 0},
    {"2 moz", 1, 0}, {"2 nite", 0, 0}, {"2 nyt", 0, 0}, {"kesho", 1, 0}, /* Swahili */ {"keshokutwa", 2, 0},
    {NULL, 0, 0}};

static const ty_loc_word loc_en_weekends[] = {
    {"this weekend", 0, 0}, {"the weekend", 0, 0}, {"weekend", 0, 0}, {"this coming weekend", 0, 0},
    {"coming weekend", 0, 0}, {"next weekend", 1, 0}, {NULL, 0, 0}};

static const char *const loc_en_this_words[] = {"this", "this coming", "coming", "this upcoming", "upcoming", NULL};
static const char *const loc_en_next_words[] = {"next", "following", "the following", "a week on", NULL};
/* "thursday week": the Thursday a week after the coming one */
static const char *const loc_en_next_suffixes[] = {"week", NULL};
/* "next tuesday" is the Tuesday of next week; these a week after the coming one */
static const char *const loc_en_verb_marks[] = {"need to", "needs to", "have to", "has to", "got to", "want to",
                                               "going to", "like to", "try to", "trying to", "able to", "ill",
                                               "lemme", "let me", "gotta", "gonna", "wanna", "must", "should",
                                               "might", NULL};
static const char *const loc_en_week_after[] = {"a week on", "following", "the following", "week", NULL};
static const char *const loc_en_none[] = {NULL};
static const char *const loc_en_in_words[] = {"in", NULL};

static const ty_loc_word loc_en_count_words[] = {
    {"a", 1, 0}, {"an", 1, 0}, {"a couple of", 2, 0}, {"a couple", 2, 0}, {"couple of", 2, 0}, {NULL, 0, 0}};

static const ty_loc_word loc_en_day_units[] = {
    {"day", 1, 0}, {"days", 1, 0}, {"week", 7, 0}, {"weeks", 7, 0}, {"wk", 7, 0}, {"wks", 7, 0},
    {"fortnight", 14, 0}, {"fortnights", 14, 0}, {"month", 1, 1}, {"months", 1, 1}, {"year", 12, 1},
    {"years", 12, 1}, {NULL, 0, 0}};

static const char *const loc_en_day_markers[] = {"the", "on the", "on", NULL};
static const char *const loc_en_date_connectors[] = {"of", "the", "day of", NULL};

static const ty_loc_word loc_en_day_words[] = {
    {"eleventh", 11, 0},     {"twelfth", 12, 0},      {"thirteenth", 13, 0},  {"fourteenth", 14, 0},
    {"fifteenth", 15, 0},    {"sixteenth", 16, 0},    {"seventeenth", 17, 0}, {"eighteenth", 18, 0},
    {"nineteenth", 19, 0},   {"twentieth", 20, 0},    {"thirtieth", 30, 0},   {NULL, 0, 0}};

static const ty_loc_word loc_en_week_refs[] = {
    {"next week", 1, 0},        {"of next week", 1, 0},      {"next week on", 1, 0},
    {"the following week", 1, 0}, {"of the following week", 1, 0}, {"following week", 1, 0},
    {"last week", -1, 0},       {"of last week", -1, 0},     {"last week on", -1, 0},
    {"previous week", -1, 0},   {"of the previous week", -1, 0}, {"of previous week", -1, 0},
    {"this week", 0, 0},        {"of this week", 0, 0},      {"this week on", 0, 0},
    {NULL, 0, 0}};

static const ty_loc_word loc_en_month_refs[] = {
    {"next month", 1, 0}, {"of next month", 1, 0}, {"this month", 0, 0}, {"of this month", 0, 0},
    {"last month", -1, 0}, {"of last month", -1, 0}, {"of the previous month", -1, 0},
    {"of previous month", -1, 0}, {NULL, 0, 0}};

static const ty_loc_word loc_en_holidays[] = {
    {"christmas", 1225, 0},       {"christmas day", 1225, 0},     {"xmas", 1225, 0},
    {"christmas eve", 1224, 0},   {"new year", 101, 0},           {"new years", 101, 0},
    {"new years day", 101, 0},    {"new year day", 101, 0},       {"new years eve", 1231, 0},
    {"new year eve", 1231, 0},    {"valentines day", 214, 0},     {"valentines", 214, 0},
    {"saint patrick", 317, 0},    {"saint patricks day", 317, 0}, {"saint patrick day", 317, 0},
    {"st patricks day", 317, 0},  {"st patrick", 317, 0},         {"earth day", 422, 0},
    {"international workers day", 501, 0}, {"workers day", 501, 0}, {"halloween", 1031, 0},
    {"boxing day", 1226, 0},      {"st stephens day", 1226, 0},   {"saint stephens day", 1226, 0},
    {"hogmanay", 1231, 0},
    /* movable feasts (value 0): a date we cannot read, so nothing is read */
    {"easter", 0, 0},             {"easter sunday", 0, 0},        {"easter monday", 0, 0},
    {"good friday", 0, 0},        {"black friday", 0, 0},         {"cyber monday", 0, 0},
    {"thanksgiving", 0, 0},       {"mothers day", 0, 0},          {"fathers day", 0, 0},
    {NULL, 0, 0}};

static const char *const loc_en_last_words[] = {"last", "previous", "past", "this past", "since", "ever since", NULL};

static const ty_loc_word loc_en_date_shifts[] = {
    {"from", 1, 0},     {"after", 1, 0},    {"before", -1, 0},  {"since", 1, 0}, {"ago", -1, 1}, {"later", 1, 1},
    {"from now", 1, 1}, {"hence", 1, 1},    {"earlier", -1, 1}, {"from today", 1, 1}, {NULL, 0, 0}};

static const ty_loc_word loc_en_number_words[] = {
    {"zero", 0, TY_NUMW_ADD},       {"one", 1, TY_NUMW_ADD},        {"two", 2, TY_NUMW_ADD},
    {"three", 3, TY_NUMW_ADD},      {"four", 4, TY_NUMW_ADD},       {"five", 5, TY_NUMW_ADD},
    {"six", 6, TY_NUMW_ADD},        {"seven", 7, TY_NUMW_ADD},      {"eight", 8, TY_NUMW_ADD},
    {"nine", 9, TY_NUMW_ADD},       {"ten", 10, TY_NUMW_ADD},       {"eleven", 11, TY_NUMW_ADD},
    {"twelve", 12, TY_NUMW_ADD},    {"thirteen", 13, TY_NUMW_ADD},  {"fourteen", 14, TY_NUMW_ADD},
    {"fifteen", 15, TY_NUMW_ADD},   {"sixteen", 16, TY_NUMW_ADD},   {"seventeen", 17, TY_NUMW_ADD},
    {"eighteen", 18, TY_NUMW_ADD},  {"nineteen", 19, TY_NUMW_ADD},  {"twenty", 20, TY_NUMW_ADD},
    {"thirty", 30, TY_NUMW_ADD},    {"forty", 40, TY_NUMW_ADD},     {"fourty", 40, TY_NUMW_ADD},
    {"fifty", 50, TY_NUMW_ADD},     {"sixty", 60, TY_NUMW_ADD},     {"seventy", 70, TY_NUMW_ADD},
    {"eighty", 80, TY_NUMW_ADD},    {"ninety", 90, TY_NUMW_ADD},    {"hundred", 100, TY_NUMW_MUL},
    {"thousand", 1000, TY_NUMW_SCALE}, {"million", 1000000, TY_NUMW_SCALE}, {"hundreds", 100, TY_NUMW_MUL},
    {"billion", 9, TY_NUMW_SCALE_EXP}, {"trillion", 12, TY_NUMW_SCALE_EXP}, {"lakh", 5, TY_NUMW_SCALE_EXP},
    {"lakhs", 5, TY_NUMW_SCALE_EXP},   {"crore", 7, TY_NUMW_SCALE_EXP},   {"crores", 7, TY_NUMW_SCALE_EXP},
    {"naught", 0, TY_NUMW_ADD},        {"nought", 0, TY_NUMW_ADD},        {"dozen", 12, TY_NUMW_DOZEN},
    {"couple", 2, TY_NUMW_DOZEN},      {"pair", 2, TY_NUMW_DOZEN},
    {"dozens", 12, TY_NUMW_DOZEN},     {"doz", 12, TY_NUMW_DOZEN},        {"dozs", 12, TY_NUMW_DOZEN},
    {"dz", 12, TY_NUMW_DOZEN},         {"dzs", 12, TY_NUMW_DOZEN},        {NULL, 0, 0}};

static const char *const loc_en_number_connectors[] = {"and", NULL};
static const char *const loc_en_minus_words[] = {"minus", "negative", NULL};

static const ty_loc_word loc_en_multipliers[] = {
    {"k", 1000, 0}, {"thousand", 1000, 0}, {"grand", 1000, 0}, {"million", 1000000, 0},
    {"m", 1000000, TY_MULT_UPPER}, {"mm", 1000000, 0}, {"mil", 1000000, 0}, {"g", 1000000000, TY_MULT_UPPER},
    {"b", 1000000000, 0}, {"bn", 1000000000, 0}, {"billion", 1000000000, 0}, {NULL, 0, 0}};

#define P TY_FRAC_PLURAL
#define U TY_FRAC_UNIT
static const ty_loc_word loc_en_fraction_words[] = {
    {"half", 2, TY_FRAC_BARE},  {"halves", 2, P},      {"third", 3, U},         {"thirds", 3, P | U},
    {"fourth", 4, U},           {"fourths", 4, P | U},     {"quarter", 4, TY_FRAC_BARE}, {"quarters", 4, P},
    {"fifth", 5, U},            {"fifths", 5, P | U},      {"sixth", 6, U},         {"sixths", 6, P | U},
    {"seventh", 7, U},          {"sevenths", 7, P | U},    {"eighth", 8, U},        {"eighths", 8, P | U},
    {"ninth", 9, U},            {"ninths", 9, P | U},      {"tenth", 10, 0},        {"tenths", 10, P},
    {"eleventh", 11, 0},        {"elevenths", 11, P},  {"twelfth", 12, 0},      {"twelfths", 12, P},
    {"thirteenth", 13, 0},      {"thirteenths", 13, P}, {"fourteenth", 14, 0},  {"fourteenths", 14, P},
    {"fifteenth", 15, 0},       {"fifteenths", 15, P}, {"sixteenth", 16, 0},    {"sixteenths", 16, P},
    {"seventeenth", 17, 0},     {"seventeenths", 17, P}, {"eighteenth", 18, 0}, {"eighteenths", 18, P},
    {"nineteenth", 19, 0},      {"nineteenths", 19, P}, {"twentieth", 20, 0},   {"twentieths", 20, P},
    {"thirtieth", 30, 0},       {"thirtieths", 30, P}, {"fortieth", 40, 0},     {"fortieths", 40, P},
    {"fiftieth", 50, 0},        {"fiftieths", 50, P},  {"sixtieth", 60, 0},     {"sixtieths", 60, P},
    {"seventieth", 70, 0},      {"seventieths", 70, P}, {"eightieth", 80, 0},   {"eightieths", 80, P},
    {"ninetieth", 90, 0},       {"ninetieths", 90, P}, {"hundredth", 100, 0},   {"hundredths", 100, P},
    {"thousandth", 1000, 0},    {"thousandths", 1000, P},
    {"millionth", 6, TY_FRAC_EXP}, {"millionths", 6, TY_FRAC_EXP | P},
    {"billionth", 9, TY_FRAC_EXP}, {"billionths", 9, TY_FRAC_EXP | P},
    {"trillionth", 12, TY_FRAC_EXP}, {"trillionths", 12, TY_FRAC_EXP | P},
    {"first", 1, TY_FRAC_COMPOUND | U}, {"firsts", 1, TY_FRAC_COMPOUND | P | U},
    {"second", 2, TY_FRAC_COMPOUND | U}, {"seconds", 2, TY_FRAC_COMPOUND | P | U}, {NULL, 0, 0}};
#undef U
#undef P

static const char *const loc_en_number_articles[] = {"a", "an", NULL};
static const char *const loc_en_fraction_and[] = {"and", NULL};
static const char *const loc_en_fraction_over[] = {"over", "out of", NULL};
static const char *const loc_en_fraction_of[] = {"of a", "of an", "a", "an", "of", NULL};
static const char *const loc_en_decimal_words[] = {"point", NULL};
static const char *const loc_en_one_determiners[] = {
    "the", "this", "that", "which", "each", "every", "any", "another", "no", "my", "your", "his", "her", "its",
    "our", "their", "other", "same", NULL};
static const ty_loc_word loc_en_fraction_suffixes[] = {{NULL, 0, 0}};

static const ty_loc_word loc_en_time_points[] = {
    {"noon", 720, 0}, {"midday", 720, 0}, {"midnight", 0, 0}, {"noonish", 720, 0}, {"mid day", 720, 0},
    {"mid night", 0, 0}, {NULL, 0, 0}};

/* Documented mapping: morning 09:00, mid-morning 10:00, lunchtime 12:00,
 * afternoon 14:00, evening 18:00, tonight 19:00, (at) night 21:00. */
static const ty_loc_word loc_en_day_periods[] = {
    {"morning", 540, 0}, {"lunchtime", 720, 0}, {"lunch time", 720, 0}, {"afternoon", 840, 0},
    {"evening", 1080, 0}, {"tonight", 1140, 0}, {"tonite", 1140, 0}, {"mid morning", 600, 0},
    {"midmorning", 600, 0}, {"midafternoon", 840, 0}, {"at night", 1260, 0}, {"in the night", 1260, 0},
    {"night", 1260, 0}, {"nite", 1260, 0}, {NULL, 0, 0}};

/* For a choice between parts of the day ("Morning" / "Afternoon"). */
static const ty_loc_word loc_en_part_phrases[] = {
    {"first thing", 480, 0},    {"first thing in the morning", 480, 0}, {"early morning", 480, 0},
    {"as early as possible", 480, 0},       {"late morning", 660, 0},
    {"before lunch", 600, 0},   {"before work", 480, 0},                {"after lunch", 840, 0},
    {"early afternoon", 780, 0}, {"late afternoon", 1020, 0},           {"after school", 930, 0},
    {"end of the day", 1020, 0}, {"after work", 1020, 0},               {"arvo", 900, 0},
    {"arvos", 900, 0},          {NULL, 0, 0}};
static const ty_loc_word loc_en_part_titles[] = {
    {"morning", 540, 0}, {"mornings", 540, 0}, {"mornin", 540, 0}, {"am", 540, 0}, {"afternoon", 900, 0}, {"afternoons", 900, 0},
    {"pm", 900, 0}, {"evening", 1140, 0}, {"evenings", 1140, 0}, {"night", 1260, 0}, {NULL, 0, 0}};

static const ty_loc_word loc_en_meridiems[] = {
    {"am", 0, 0},  {"a m", 0, 0}, {"pm", 12, 0}, {"p m", 12, 0}, {"in the morning", 0, 0},
    {"in the afternoon", 12, 0}, {"in the evening", 12, 0}, {"at night", 12, TY_MER_NIGHT},
    {"in the night", 12, TY_MER_NIGHT}, {"tonight", 12, TY_MER_NIGHT}, {"noon", 12, 0}, {"midday", 12, 0},
    {"midnight", 0, TY_MER_NIGHT}, {"a", 0, TY_MER_GLUED}, {"p", 12, TY_MER_GLUED},
    /* "10 in da morning", "10 in di mornin" (Caribbean, slang) */
    {"in the mornin", 0, 0}, {"in da morning", 0, 0}, {"in di morning", 0, 0}, {"in da mornin", 0, 0},
    {"in di mornin", 0, 0}, {"in da afternoon", 12, 0}, {"in di afternoon", 12, 0}, {"in da evening", 12, 0},
    {"in di evening", 12, 0}, {"in da night", 12, TY_MER_NIGHT}, {"in di night", 12, TY_MER_NIGHT},
    {NULL, 0, 0}};

static const char *const loc_en_or_words[] = {"or", NULL};
static const char *const loc_en_oclock[] = {"oclock", "o clock", "ish", NULL};
static const char *const loc_en_time_preps[] = {"at", "around", "by", "at about", "at around", NULL};
/* Only in an answer to a time question: "about 4" (but "about 3 years"). */
static const char *const loc_en_time_preps_answer[] = {"about", "abt", "roughly", "like", NULL};

static const ty_loc_word loc_en_time_offsets[] = {
    {"half past", 30, TY_TOFF_BEFORE},   {"quarter past", 15, TY_TOFF_BEFORE}, {"a quarter past", 15, TY_TOFF_BEFORE},
    {"quarter after", 15, TY_TOFF_BEFORE}, {"quarter to", -15, TY_TOFF_BEFORE}, {"a quarter to", -15, TY_TOFF_BEFORE},
    {"three quarters past", 45, TY_TOFF_BEFORE}, {"half", 30, TY_TOFF_BEFORE}, {NULL, 0, 0}};

static const char *const loc_en_time_stops[] = {"good morning", "good afternoon", "good evening", "good night",
                                                "percent", "per cent", "nights", NULL};
static const char *const loc_en_minute_words[] = {"minute", "minutes", "min", "mins", NULL};
static const ty_loc_word loc_en_minute_links[] = {
    {"past", 1, TY_TOFF_BEFORE}, {"after", 1, TY_TOFF_BEFORE}, {"to", -1, TY_TOFF_BEFORE},
    {"before", -1, TY_TOFF_BEFORE}, {"till", -1, TY_TOFF_BEFORE}, {"til", -1, TY_TOFF_BEFORE}, {NULL, 0, 0}};
static const char *const loc_en_hour_marks[] = {"h", NULL};

static const ty_loc_currency loc_en_currencies[] = {
    {"$", "USD"},     {"usd", "USD"},    {"dollar", "USD"}, {"dollars", "USD"}, {"buck", "USD"}, {"bucks", "USD"},
    {"€", "EUR"},     {"eur", "EUR"},    {"euro", "EUR"},   {"euros", "EUR"},   {"£", "GBP"},    {"gbp", "GBP"},
    {"pound", "GBP"}, {"pounds", "GBP"}, {"quid", "GBP"},   {"¥", "JPY"},       {"jpy", "JPY"},  {"yen", "JPY"},
    {"₹", "INR"},     {"inr", "INR"},    {"rupee", "INR"},  {"rupees", "INR"},  {"cad", "CAD"},  {"aud", "AUD"},
    {"chf", "CHF"},   {"mxn", "MXN"},
    /* dollars of other countries, written with a code or an initial */
    {"us $", "USD"}, {"usd $", "USD"}, {"c $", "CAD"}, {"cad $", "CAD"},
    {"au $", "AUD"}, {"aud $", "AUD"}, {"nz $", "NZD"}, {"nzd $", "NZD"}, {"nzd", "NZD"}, {"mex $", "MXN"},
    {"mxn $", "MXN"}, {"hk $", "HKD"}, {"hkd", "HKD"}, {"hkd $", "HKD"}, {"sgd", "SGD"},
    {"us dollar", "USD"}, {"us dollars", "USD"}, {"canadian dollar", "CAD"}, {"canadian dollars", "CAD"},
    {"australian dollar", "AUD"}, {"australian dollars", "AUD"}, {"mexican peso", "MXN"},
    {"mexican pesos", "MXN"}, {"swiss franc", "CHF"}, {"swiss francs", "CHF"},
    {"yuan", "CNY"}, {"renminbi", "CNY"}, {"rmb", "CNY"}, {"cny", "CNY"}, {"元", "CNY"},
    {"turkish lira", "TRY"}, {"turkish liras", "TRY"}, {"lira", "TRY"}, {"₺", "TRY"},
    {"₡", "CRC"}, {"₾", "GEL"}, {"₩", "KRW"}, {"krw", "KRW"}, {"₽", "RUB"}, {"₪", "ILS"}, {"₱", "PHP"},
    {"r $", "BRL"}, {"brl", "BRL"}, {"zar", "ZAR"}, {"sek", "SEK"}, {"nok", "NOK"}, {"dkk", "DKK"},
    {"pln", "PLN"}, {NULL, NULL}};

static const char *const loc_en_range_max[] = {
    "under", "below", "less than", "up to", "upto", "at most", "no more than", "not more than", "max", "maximum",
    "lower than", "cheaper than", "within", NULL};
static const char *const loc_en_range_min[] = {
    "over", "above", "more than", "at least", "min", "minimum", "from", "starting at", "starting from",
    "higher than", "upwards of", NULL};
static const char *const loc_en_range_max_after[] = {"or less", "or under", "or below", "max", "maximum", "tops",
                                                     "at most", NULL};
static const char *const loc_en_range_min_after[] = {"or more", "or above", "or over", "plus", "+", "minimum",
                                                     "at least", NULL};
static const char *const loc_en_range_between[] = {"between", NULL};
static const char *const loc_en_range_and[] = {"and", NULL};
static const char *const loc_en_range_to[] = {"to", NULL};
static const char *const loc_en_range_until[] = {"till", "til", "until", "thru", "through", NULL};
static const char *const loc_en_have_not[] = {"no", "without", "without the", "without our", "without my", NULL};
static const ty_loc_word loc_en_party_sizes[] = {
    {"just me", 1, 0},      {"only me", 1, 0},        {"just myself", 1, 0}, {"only myself", 1, 0},
    {"just for me", 1, 0},  {"only for me", 1, 0},    {"just the one", 1, 0}, {"on my own", 1, 0},
    {"by myself", 1, 0},    {"me on my own", 1, 0},   {"both of us", 2, 0},   {"the both of us", 2, 0},
    {"the pair of us", 2, 0}, {"me and my partner", 2, 0}, {"me and my wife", 2, 0}, {"me and my husband", 2, 0},
    {"me and my friend", 2, 0}, {"me and my mate", 2, 0}, {"me and my mum", 2, 0}, {"me and my son", 2, 0},
    {"me and my daughter", 2, 0}, {"the two of us", 2, 0}, {"the two of them", 2, 0}, {"just him", 1, 0},
    {"just her", 1, 0}, {"only him", 1, 0}, {"only her", 1, 0}, {"just them two", 2, 0}, {"just the two of them", 2, 0},
    {"just us two", 2, 0}, {"just the two of us", 2, 0}, {NULL, 0, 0}};
static const char *const loc_en_people_minors[] = {"kids", "children", "babies", "toddlers", "infants", "minors",
                                                   "teens", NULL};
static const char *const loc_en_self_and[] = {"me and", "myself and", "me plus", "me with", NULL};
static const char *const loc_en_and_self[] = {"and me", "and myself", "and i", "plus me", NULL};
static const char *const loc_en_people_determiners[] = {"my", "our", "the", NULL};
static const char *const loc_en_get_done[] = {"need", "needs", "get", "want", "wanna", "have", "like", "getting", NULL};
static const char *const loc_en_past_periods[] = {
    "last week", "last month", "the other day", "a few days ago", "couple of days ago", "last time", "last visit",
    NULL};
static const char *const loc_en_reason_breaks[] = {"because", "cos", "coz", "cause", "cuz", "bc", NULL};
static const char *const loc_en_name_called[] = {"called", "named", "is called", "is named", "goes by", NULL};
static const char *const loc_en_other_possessives[] = {"her", "his", "their", NULL};
static const char *const loc_en_time_prep_subjects[] = {"would", "d", "i", "we", "they", "you", "dont", "didnt",
                                                         "really", "wed", "id", NULL};
static const char *const loc_en_rank_names[] = {"grade", "class", "std", "standard", "year", "yr", "form", "level",
                                                "floor", NULL};
static const char *const loc_en_quantity_names[] = {"quantity", "qty", "copies", "units", "items",
                                                     "count", "pieces", "garments", "bags", NULL};
static const char *const loc_en_age_names[] = {"age", "ages", "aged", NULL};
static const char *const loc_en_street_words[] = {"street", "road", "rd", "avenue", "ave", "crescent", "cres",
                                                  "parade", "pde", "boulevard", "blvd", "highway", "hwy", "apt",
                                                  "po box", "st", "str", "subdivision", "subd", "blk", "brgy",
                                                  "barangay", "paseo", "calle", NULL};
static const char *const loc_en_time_unit_names[] = {"night", "nights", "hour", "hours", "hrs", "day", "days",
                                                     "week", "weeks", "minute", "minutes", "mins", "month",
                                                     "months", "year", "years", NULL};
static const char *const loc_en_age_before[] = {"aged", "age", "hes", "shes", "he is", "she is", "turned",
                                                "just turned", "turning", "is turning", "who is", "whos", NULL};
/* English says an age with age_before and age_after ("my son, he's 7", "my 7 year old"). */
static const char *const loc_en_kin_words[] = {NULL};
static const char *const loc_en_name_articles[] = {NULL}; /* English says no article before a name */
static const char *const loc_en_day_count_names[] = {"days", "day", "nights", "night", NULL};
static const char *const loc_en_weather_words[] = {
    "rain", "raining", "rainy", "weather", "forecast", "snow", "snowing", "windy", "stormy", "thunderstorm",
    "sunny", "drizzle", "pouring", "chucking it down", "bucketing down", "storm", "snowstorm", "blizzard", "freezing",
    "cold snap", "heatwave", "heat wave", "dump", "dumping", "snowfall", "hot as heck", "hot as hell", "so hot",
    "too hot", "boiling", "scorching", "humid", "muggy", NULL};
static const char *const loc_en_age_links[] = {NULL};
static const char *const loc_en_age_after[] = {"years old", "year old", "yrs old", "yr old", "yo", "y o", "yrs",
                                               "years", "yr", NULL};
static const char *const loc_en_range_from[] = {"from the", NULL};
static const char *const loc_en_stay_start_names[] = {"arrival", "arrive", "arriving", "checkin", "start", "from",
                                                       NULL};
static const char *const loc_en_stay_end_names[] = {"departure", "depart", "leaving", "leave", "checkout",
                                                     "until", "end", "return", NULL};
static const char *const loc_en_stay_end_before[] = {
    "leaving", "leaving on", "leaving on the", "leave on", "leave on the", "well leave on", "checking out",
    "checking out on", "checking out on the", "check out on", "check out on the", "departing", "departing on",
    "departing on the", "going home on", "heading home on", "flying home on", "fly home on", "until", "until the",
    "till", "till the", "til", "til the", NULL};
static const char *const loc_en_people_kinds[] = {
    "adults", "adult", "grown ups", "grownups", "kids", "kid", "children", "child", "kiddies", "teens", "teenagers",
    "babies", "baby", "toddlers", "toddler", "infants", "seniors", "pensioners", "oaps", "students", "boys", "girls",
    "lads", "ladies", "men", "women", "little ones", "players", "riders", "passengers", "participants", "climbers",
    "swimmers", "skaters", "surfers", "divers", "paddlers", "hikers", "walkers", "dancers", "learners", "bowlers",
    "golfers", "campers", "attendees", "visitors", "travellers", "travelers", NULL};
static const char *const loc_en_have_with[] = {"our", "my", "with our", "with my", "bringing", "bringing the",
                                               "bringing our", "bringing my", "plus our", "plus my", NULL};

/* Hundredths: after an amount they take its currency ("3 dollars 50 cents"). */
static const ty_loc_currency loc_en_subunits[] = {
    {"cent", "USD"}, {"cents", "USD"}, {"penny", "GBP"}, {"pence", "GBP"}, {"pennies", "GBP"}, {"p", "GBP"},
    {NULL, NULL}};

static const char *const loc_en_money_links[] = {"and", NULL};

/* After a bare number these say what it counts, so it is no amount. */
static const char *const loc_en_not_money[] = {
    "of us", "of them", "of you", "times", "time", "people", "persons", "person", "guests", "adults", "kids",
    "children", "solutions", "tests", "items", "pieces", "minutes", "mins", "hours", "hrs", "days", "weeks",
    "months", "years", "percent", "am", "pm", NULL};

static const char *const loc_en_phone_words[] = {
    "phone", "telephone", "tel", "mobile", "cell", "cellphone", "cell phone", "landline", "fax", "whatsapp",
    "contact", "office", "home", "work", "call", NULL};

static const char *const loc_en_id_words[] = {
    "account", "acct", "card", "credit card", "debit card", "order", "invoice", "reference", "ref", "tracking",
    "booking", "confirmation", "reservation", "ticket", "case", "claim", "policy", "member", "membership",
    "customer", "passport", "license", "licence", "serial", "ssn", "social security", "pin", "iban", "routing",
    "sort code", "zip", "zip code", "postcode", "postal code", "id", "vat", "tax", "employee", "student", NULL};

static const char *const loc_en_label_links[] = {"number", "no", "num", "nr", "is", "was", "code", NULL};

static const char *const loc_en_greetings[] = {
    "hi", "hello", "hey", "hiya", "heya", "yo", "good morning", "good afternoon", "good evening", "sure", "ok",
    "okay", "yes", "yeah", "well", NULL};

static const char *const loc_en_text_connectors[] = {"so", "then", "well", NULL};
static const char *const loc_en_text_leadins[] = {
    "my name is", "my names", "name is", "names", "the name is", "the names", "my full name is", "full name is",
    "its", "it is", "im", "i am", "this is", "call me", "you can call me", "i go by", "they call me", "put it under",
    "put it down under", "put it under the name", "put it under the name of", "book it under", "book it under the name",
    "put the booking under", "the booking is under", "under the name", "under the name of", "under",
    "put it under my name", "book it under my name", "under my name", "kind regards", "regards", "best regards",
    "warm regards", "best wishes", "many thanks", "yours sincerely", "yours faithfully", "sincerely", "for",
    "his name is", "her name is", "their name is", "hes called", "shes called", "he is called", "she is called",
    "its for", "in her name", "in his name", "in the name of", "booking in her name", "booking in his name",
    "under her name", "under his name", "myself", 
    /* what a cake or a card should say: "it should say Happy 40th Dave" */
    "it should say", "can it say", "could it say", "have it say", "make it say", "the message is",
    "the message should say", "message to say", NULL};
static const char *const loc_en_place_leadins[] = {
    "my place is", "her place is", "his place is", "our place is", "their place is", "the place is",
    "i live at", "we live at", "she lives at", "he lives at", "they live at", "the address is", "my address is",
    "her address is", "his address is", "address is", "were at", "we are at", NULL};

static const char *const loc_en_text_signoffs[] = {
    "thank you", "thank you kindly", "thank you very much", "thank you so much", "thanks", "thanks a lot",
    "thanks very much", "many thanks", "cheers", "ta", "kind regards", "regards", "best wishes", "best regards",
    "much appreciated", NULL};

static const char *const loc_en_text_riders[] = {
    "pls", "plz", "please", "pls pls", "asap", "asap pls", "asap please", "faster", "faster pls", "faster please",
    "quick", "quick pls", "quick please", "quickly pls", "hurry", "hurry up", "hurry pls", "thx", "thanks",
    "ty", "tks", "cheers", "ta", "lor", "lah", "thank you", "thanks a lot", "many thanks", "be quick", NULL};
static const char *const loc_en_copulas[] = {"is", "are", "its", "thats", "youre", "was", "what", "such", "be", NULL};
static const char *const loc_en_name_heres[] = {"here", "speaking", "here again", "writing", NULL};
static const char *const loc_en_name_labels[] = {"name", "names", NULL};
static const char *const loc_en_place_leads[] = {"to", "in", "at", "near", "over in", "out in", "up in", NULL};

static const char *const loc_en_possessives[] = {"my", "our", NULL};
static const char *const loc_en_count_before[] = {
    "for", "we are", "were", "we will be", "well be", "table for", "party of",
                                                  "group of", "booking for", "book for", "reservation for",
                                                  "there are", "there will be", "therell be", "itll be", "it will be",
                                                  "family of", "a family of", NULL};
static const char *const loc_en_count_after[] = {"people", "ppl", "folks", "persons", "of us", "guests", "adults", "pax", "diners",
                                                 "covers", "friends", "mates", "spots", "spaces", "seats", "places",
                                                 NULL};
static const char *const loc_en_occasions[] = {
    "birthday", "birthdays", "bday", "funeral", "anniversary", "christening", "graduation", "hen do", "stag do",
    "work do", "wedding", "party", "leaving do", "retirement", "engagement", "baby shower", "memorial", NULL};
static const char *const loc_en_occasion_leads[] = {"of the", "of your", "is the", "is your", NULL};
static const char *const loc_en_purposes[] = {"for", "fi", /* Jamaican Patois */ NULL};
static const char *const loc_en_named_others[] = {
    "dog", "doggy", "doggo", "pup", "puppy", "cat", "kitty", "kitten", "rabbit", "bunny", "pet", "horse", "pony",
    "son", "daughter", "boy", "girl", "lad", "kid", "child", "little one", "husband", "wife", "partner", "hubby",
    "mum", "mom", "mam", "mother", "dad", "father", "nan", "nana", "gran", "granny", "grandma", "grandmother",
    "grandad", "grandpa", "grandfather", "sister", "brother", "friend", "mate", "boyfriend", "girlfriend", "fiance",
    "fiancee", "aunt", "auntie", "uncle", "niece", "nephew", "cousin", "colleague", "neighbour", "neighbor",
    "tenant", "grandson", "granddaughter", "grandkid", "grandchild", "stepson", "stepdaughter", "twins", NULL};

static const char *const loc_en_name_intros[] = {
    "my name is", "my names", "names", "name is", "the name is", "the names", "my full name is", "full name is",
    "you can call me", "i go by", "put it under", "put it down under", "put it under the name",
    "put it under the name of", "book it under", "book it under the name", "put the booking under",
    "the booking is under", "under the name", "under the name of", "put it under my name", "book it under my name",
    "under my name", "his name is", "her name is", "their name is", "hes called", "shes called", "my name na",
    "her name na", "his name na", /* Nigerian Pidgin */ NULL};

static const struct ty_locale loc_en_table = {
    .code = "en",
    .yes = loc_en_yes,
    .yes_alone = loc_en_yes_alone,
    .no = loc_en_no,
    .no_alone = loc_en_no_alone,
    .yes_soft = loc_en_yes_soft,
    .unsure = loc_en_unsure,
    .negations = loc_en_negations,
    .corrections = loc_en_corrections,
    .replacing = loc_en_replacing,
    .other_events = loc_en_other_events,
    .reasons = loc_en_reasons,
    .reasons_within = loc_en_reasons_within,
    .swap_verbs = loc_en_swap_verbs,
    .no_determiners = loc_en_no_determiners,
    .yes_verbs = loc_en_yes_verbs,
    .yes_openers = loc_en_yes_openers,
    .yes_if_after = loc_en_yes_if_after,
    .cheaper_words = loc_en_cheaper_words,
    .earlier_words = loc_en_earlier_words,
    .later_words = loc_en_later_words,
    .dearer_words = loc_en_dearer_words,
    .swap_links = loc_en_swap_links,
    .free_words = loc_en_free_words,
    .past_words = loc_en_past_words,
    .pronoun_ones = loc_en_pronoun_ones,
    .past_not = loc_en_past_not,
    .part_articles = loc_en_part_articles,
    .name_particles = loc_en_name_particles,
    .hesitations = loc_en_hesitations,
    .and_words = loc_en_and_words,
    .instead_after = loc_en_instead_after,
    .choose_before = loc_en_choose_before,
    .booked_before = loc_en_booked_before,
    .deferrals = loc_en_deferrals,
    .negations_after = loc_en_negations_after,
    .question_words = loc_en_question_words,
    .question_aux = loc_en_question_aux,
    .question_aux_marked = loc_en_question_aux_marked,
    .question_words_marked = loc_en_question_words_marked,
    .knowing = loc_en_knowing,
    .question_subjects = loc_en_question_subjects,
    .proposals = loc_en_proposals,
    .proposal_ends = loc_en_proposal_ends,
    .proposal_joins = loc_en_proposal_joins,
    .conditions = loc_en_conditions,
    .fillers = loc_en_fillers,
    .option_words = loc_en_option_words,
    .ordinals = loc_en_ordinals,
    .ordinal_suffixes = loc_en_ordinal_suffixes,
    .rough_suffixes = loc_en_rough_suffixes,
    .weekdays = loc_en_weekdays,
    .weak_words = loc_en_weak_words,
    .months = loc_en_months,
    .relative_days = loc_en_relative_days,
    .weekends = loc_en_weekends,
    .this_words = loc_en_this_words,
    .next_words = loc_en_next_words,
    .next_suffixes = loc_en_next_suffixes,
    .week_after = loc_en_week_after,
    .verb_marks = loc_en_verb_marks,
    .in_words = loc_en_in_words,
    .count_words = loc_en_count_words,
    .day_units = loc_en_day_units,
    .date_connectors = loc_en_date_connectors,
    .day_markers = loc_en_day_markers,
    .date_stops = loc_en_none,
    .date_order = TY_DATE_ORDER_MDY,
    .day_words = loc_en_day_words,
    .week_refs = loc_en_week_refs,
    .month_refs = loc_en_month_refs,
    .last_words = loc_en_last_words,
    .last_suffixes = loc_en_none,
    .date_shifts = loc_en_date_shifts,
    .holidays = loc_en_holidays,
    .number_words = loc_en_number_words,
    .number_connectors = loc_en_number_connectors,
    .minus_words = loc_en_minus_words,
    .multipliers = loc_en_multipliers,
    .decimal_mark = '.',
    .fraction_words = loc_en_fraction_words,
    .number_articles = loc_en_number_articles,
    .fraction_and = loc_en_fraction_and,
    .fraction_over = loc_en_fraction_over,
    .fraction_of = loc_en_fraction_of,
    .decimal_words = loc_en_decimal_words,
    .one_determiners = loc_en_one_determiners,
    .fraction_suffixes = loc_en_fraction_suffixes,
    .time_points = loc_en_time_points,
    .day_periods = loc_en_day_periods,
    .part_phrases = loc_en_part_phrases,
    .part_titles = loc_en_part_titles,
    .meridiems = loc_en_meridiems,
    .oclock = loc_en_oclock,
    .time_preps = loc_en_time_preps,
    .time_preps_answer = loc_en_time_preps_answer,
    .time_offsets = loc_en_time_offsets,
    .or_words = loc_en_or_words,
    .time_stops = loc_en_time_stops,
    .minute_words = loc_en_minute_words,
    .minute_links = loc_en_minute_links,
    .hour_marks = loc_en_hour_marks,
    .currencies = loc_en_currencies,
    .range_max = loc_en_range_max,
    .range_min = loc_en_range_min,
    .range_max_after = loc_en_range_max_after,
    .range_min_after = loc_en_range_min_after,
    .range_between = loc_en_range_between,
    .range_and = loc_en_range_and,
    .range_to = loc_en_range_to,
    .range_until = loc_en_range_until,
    .have_not = loc_en_have_not,
    .have_with = loc_en_have_with,
    .people_kinds = loc_en_people_kinds,
    .rank_names = loc_en_rank_names,
    .time_prep_subjects = loc_en_time_prep_subjects,
    .name_called = loc_en_name_called,
    .other_possessives = loc_en_other_possessives,
    .quantity_names = loc_en_quantity_names,
    .age_names = loc_en_age_names,
    .time_unit_names = loc_en_time_unit_names,
    .street_words = loc_en_street_words,
    .weak_day_leads = loc_en_weak_day_leads,
    .meal_parts = loc_en_meal_parts,
    .move_words = loc_en_move_words,
    .move_to = loc_en_move_to,
    .move_objects = loc_en_move_objects,
    .duration_leads = loc_en_duration_leads,
    .size_links = loc_en_size_links,
    .typo_traps = loc_en_typo_traps,
    .place_leadins = loc_en_place_leadins,
    .age_before = loc_en_age_before,
    .age_after = loc_en_age_after,
    .kin_words = loc_en_kin_words,
    .weather_words = loc_en_weather_words,
    .day_count_names = loc_en_day_count_names,
    .name_articles = loc_en_name_articles,
    .age_links = loc_en_age_links,
    .range_from = loc_en_range_from,
    .stay_start_names = loc_en_stay_start_names,
    .stay_end_names = loc_en_stay_end_names,
    .stay_end_before = loc_en_stay_end_before,
    .reason_breaks = loc_en_reason_breaks,
    .self_and = loc_en_self_and,
    .and_self = loc_en_and_self,
    .people_determiners = loc_en_people_determiners,
    .get_done = loc_en_get_done,
    .past_periods = loc_en_past_periods,
    .people_minors = loc_en_people_minors,
    .party_sizes = loc_en_party_sizes,
    .subunits = loc_en_subunits,
    .money_links = loc_en_money_links,
    .not_money = loc_en_not_money,
    .phone_words = loc_en_phone_words,
    .id_words = loc_en_id_words,
    .label_links = loc_en_label_links,
    .greetings = loc_en_greetings,
    .text_leadins = loc_en_text_leadins,
    .text_connectors = loc_en_text_connectors,
    .text_signoffs = loc_en_text_signoffs,
    .text_riders = loc_en_text_riders,
    .place_leads = loc_en_place_leads,
    .copulas = loc_en_copulas,
    .name_heres = loc_en_name_heres,
    .name_labels = loc_en_name_labels,
    .possessives = loc_en_possessives,
    .count_before = loc_en_count_before,
    .count_after = loc_en_count_after,
    .occasions = loc_en_occasions,
    .occasion_leads = loc_en_occasion_leads,
    .purposes = loc_en_purposes,
    .named_others = loc_en_named_others,
    .name_intros = loc_en_name_intros,
};

/* The English table (static, immutable). */
const ty_locale *ty_locale_table_en(void) { return &loc_en_table; }
