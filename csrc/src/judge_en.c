/*
 * judge_en.c — the English words of judge.h: safe exits, frustration,
 * greetings, short forms and the built-in messages. Pure data; every phrase
 * is in normalised form (lower case, no accents, apostrophes dropped).
 * tests/c/test_judge.c checks that each entry normalises to itself.
 */
#include "judge.h"

/* The US keywords (FCC 24-24: STOP, QUIT, END, REVOKE, OPT OUT, CANCEL,
 * UNSUBSCRIBE) and the common carriers' ones, as the whole message. */
static const char *const jen_stop_words[] = {
    "stop", "stopall", "stop all", "quit", "end", "revoke", "opt out", "optout", "opt me out", "cancel",
    "unsubscribe", "unsub", "stop it", "stop now", "stop texting", "stop messaging", "stop this", "remove",
    "remove me", NULL};

static const char *const jen_stop_phrases[] = {
    "dont want to hear from you again", "dont want to hear from you any more", "dont want to hear from you anymore",
    "dont want to receive anything", "dont want to receive any more", "dont want to get anything else from this number",
    "dont want to get any more", "stop using my number", "stop using this number",
    "stop texting me", "stop messaging me", "stop sending me", "stop contacting me", "stop writing to me",
    "stop emailing me", "stop calling me", "stop sending messages", "stop sending texts", "stop the messages",
    "stop these messages", "stop your messages", "leave me alone", "take me off your list", "take me off the list",
    "take me off your texts", "take me off your messages", "take me off the texts", "take me off your texting list",
    "take me off your text list", "take me off your messaging list", "take me off your contact list",
    "take my number off", "take this number off", "remove my number", "remove this number",
    /* Taglish, as Filipino customers write English: "paki-remove na po number ko", "wag na po ako i-text" */
    "paki remove number ko", "paki remove na number ko", "paki remove na po number ko", "remove nyo na number ko",
    "wag na ako i text", "wag na po ako i text", "wag nyo na ako i text", "wag na ako itext", "wag na po ako itext",
    "wag nyo na po ako i text", "wag nyo na po ako i message", "wag nyo na ako i message", "wag na po ako i message",
    "wag na ako i message", "wag nyo na po akong i message", "wag nyo na akong i message",
    "ayoko na ng text", "ayaw ko na ng text",
    /* Manchester: "pack in texting me now ta" */
    "pack in texting me", "pack in messaging me", "pack in the texts", "pack it in with the texts",
    "pack it in with the messages", "pack in the messages", "pack it in with the msgs",
    "pack in sending me", "knock it off with the texts", "give over texting me",
    /* Yorkshire "gi' over messaging us": "us" for me, and a household's "us" alike */
    "give over messaging me", "give over messaging us", "give over texting us", "gi over messaging me",
    "gi over messaging us", "gi over texting me", "gi over texting us", "pack in messaging us", "pack in texting us",
    "stop messaging us", "stop texting us", "stop contacting us", "stop sending us", "dont text us",
    "dont message us", "dont contact us", "take us off your list", "take us off the list", "no more messages for us",
    /* Dublin: "don't be texting me again thanks" */
    "dont be texting me", "dont be messaging me", "dont be contacting me", "dont be sending me",
    "dont be texting us", "dont be messaging us",
    /* Nigerian Pidgin: "abeg comot my number from una list", "I no wan hear from una again" */
    "comot my number", "comot me from una list", "comot me from your list", "remove my number from una list",
    "i no wan hear from una again", "i no want hear from una again", "i no wan hear from you again",
    "make una stop to dey message me", "stop to dey message me", "stop to dey text me", "no dey message me again",
    "no dey text me again", "make una no message me again", "make una no text me again",
    /* texted short: "pls dun msg me anymore", "stop msg me la"; Scouse "take me number off yous list" */
    "dont msg me", "dun msg me", "don msg me", "do not msg me", "stop msg me", "stop msging me", "stop msgs",
    "no more msg", "no more msgs", "dun message me", "dun text me", "dun contact me", "take me number off",
    "take me off yous list", "take me off youse list", "remove me number",
    /* Jamaican Patois: "mi nuh want no more message from unu, tek mi off di list" */
    "tek mi off di list", "tek mi off unu list", "tek me off di list", "tek me off the list", "tek mi off",
    "tek mi number off", "tek out mi number", "mi nuh want no more message", "mi nuh want no more text",
    "nuh text mi again", "nuh message mi again", "nuh sen mi nuh more message", "stop sen mi message",
    "stop text mi", "stop message mi",
    /* Kenyan Swahili and Sheng: "usinitumie hizi messages tena, toa number yangu" */
    "usinitumie messages", "usinitumie hizi messages", "usinitumie message", "usinitumie sms", "usinitext",
    "usinitumie ujumbe", "toa number yangu", "toa namba yangu", "ondoa number yangu", "ondoa namba yangu",
    "acha kunitumia messages", "acha kunitext",
    "no need to text me again", "no need to message me again", "no need to contact me again",
    "no need to text me anymore", "no need to message me anymore", "no need to text me any more",
    "no need to message me any more", "no need to contact me anymore",
    "take me off your mailing list", "remove me from your list", "remove me from the list",
    "remove my number", "delete my number", "unsubscribe me", "i want to unsubscribe", "please unsubscribe",
    "opt me out", "i want to opt out", "no more messages", "no more texts", "no more texting", "dont text me",
    "dont message me", "dont contact me", "do not contact me", "do not text me", "do not message me",
    "dont ever message me", "never message me", "never text me", "never contact me", "quit texting me",
    "quit messaging me", "lose my number", "stop spamming", "stop spamming me", "i revoke my consent",
    "revoke consent", "dont want any more messages", "dont want these messages", "i dont want your messages",
    "dont need any more messages", "dont need any more of these messages", "dont need these messages",
    "dont need any more texts", "dont need any more of these texts", "dont need these texts",
    "dont need the messages", "dont need the texts", "dont need any more reminders", "dont need the reminders",
    "no longer need these messages", "no longer need the messages", "no longer need these texts",
    "enough with the texts", "enough with the messages", "enough texts", "enough messages", "too many texts",
    "too many messages", "stop bothering me", "quit bothering me", "stop pestering me", "stop harassing me",
    "no more reminders", "stop the reminders", "stop sending reminders",
    "dont message this number", "do not message this number", "dont text this number", "do not text this number",
    "dont contact this number", "do not contact this number", "dont message me again", "dont text me again",
    "dont contact me again", "never message this number", "never text this number", "stop messaging this number",
    "stop texting this number", "remove this number",
    "prefer not to get texts", "prefer not to get messages", "prefer not to receive texts",
    "prefer not to receive messages", "rather not get texts", "rather not get messages", "rather not receive texts",
    "dont want to get texts", "dont want to receive texts", "dont want texts", "dont want any texts",
    "no point messaging me", "no point texting me", "no point in messaging me", "no point in texting me",
    "no point you messaging me", "no point you texting me", "no point you lot messaging me",
    "no point you lot texting me", "no point contacting me", "no need to message me anymore",
    "no need to text me anymore", "no need to message me any more", "no need to text me any more",
    "no need to keep messaging me", "no need to keep texting me", "no need to contact me anymore",
    "you can stop messaging me", "you can stop texting me", "you can stop sending me",
    "take my number off", "take my number off your list", "take my number off the list", "remove my number from",
    "delete my number from", "take my details off", "remove my details", "delete my details",
    "dont bother sending me", "dont bother texting me", "dont bother messaging me", "dont bother contacting me",
    "no more of these texts", "no more of these messages", "any more of these texts", "any more of these messages",
    "any more of these automated texts", "any more of these automated messages",
    "rather you didnt message me", "rather you didnt text me", "rather you didnt contact me",
    "rather you didnt send me", "rather you didnt write to me", "rather you stopped messaging me",
    "rather you stopped texting me", "rather you stopped contacting me", "prefer you didnt message me",
    "prefer you didnt text me", "prefer you didnt contact me", "prefer if you didnt message me",
    "prefer if you didnt text me", "prefer it if you didnt message me", "prefer it if you didnt text me",
    "prefer you stopped messaging me", "prefer you stopped texting me", "rather not hear from you",
    "prefer not to hear from you", "rather not be contacted", "prefer not to be contacted",
    "rather not be messaged", "rather not be texted", "do not send any more messages", "dont send any more messages",
    "do not send any more texts", "dont send any more texts",
    "do not send messages to this number", "dont send messages to this number", "no more messages to this number",
    "no more texts to this number", "do not send me messages", "dont send me messages", "do not send me texts",
    "dont send me texts",
    /* Hawaiian Pidgin and Caribbean: "pau already. no text me no more" */
    "no text me no more", "no text me anymore", "no text me again", "no message me no more",
    "no message me anymore", "no message me again", "nuh text mi", "nuh message mi", "lef mi alone", "lef me alone",
    "nuh waan no more message", "nuh want no more message", NULL};

static const char *const jen_stop_maybe[] = {
    "not interested", "not really interested", "no longer interested", "im not interested", "wrong number",
    "who is this",
    "how did you get my number", "i never signed up", "didnt sign up", "ill message you if", "ill text you if",
    "ill contact you if", "ill call you if i need", "dont need any more messages",
    "not bothered anymore", "not bothered any more", "no longer bothered", "not interested anymore",
    "not interested any more", "dont need it anymore", "dont need it any more", "dont want anything else from you",
    "dont want anything more from you", "dont want anything from you", "no more stuff from you", NULL};

static const char *const jen_timing_leads[] = {"before", "after", "until", "till", "til", "when", "while", "once",
                                               NULL};
static const char *const jen_talk_ends[] = {"speak to", "talk to", "chat to", "speak with", "talk with",
                                             "chat with", "talk it through with", "go through it with",
                                             "go over it with",
                                             NULL};
static const char *const jen_talk_topics[] = {"about", "regarding", NULL};
static const char *const jen_talk_with[] = {"speak to", "talk to", "chat to", "speak with", "talk with", "chat with",
                                            "have a word with", "get hold of", "put me through to", NULL};
static const char *const jen_person_words[] = {"anyone", "someone", "anybody", "somebody", "a person", "a human",
                                                "a mechanic", "the mechanic", "one of the mechanics", "staff",
                                                "the owner", "the manager", "the boss", "a manager", "your manager",
                                                "a supervisor", "the supervisor", "your supervisor",
                                                "someone in charge", "whoever is in charge", "whoevers in charge",
                                                "an actual human", "an actual person", "a real person", "a real human",
                                                "the technician", "a technician", "the tech", "the doctor", "the vet",
                                                "the stylist", "the groomer", "the instructor", "the teacher",
                                                "one of the lads", "one of the guys", "one of the team",
                                                "one of your team", "one of the staff", "one of your staff",
                                                "someone in the shop", "someone from the shop",
                                                "someone from your office", "someone in the office", NULL};

static const char *const jen_handoff[] = {
    "get me through to", "put me through", "transfer me to", "pass me to someone", "pass me on to",
    /* Taglish: "pakausap na lang sa tao" */
    "pakausap sa tao", "pakausap na lang sa tao", "pakausap na lang po sa tao", "pakausap po sa tao",
    "makausap ng tao", "makausap yung tao",
    "someone i could talk to", "someone i can talk to", "someone i could speak to", "someone i can speak to",
    "talk to on the phone", "speak to on the phone",
    "go through it with whoever", "go through it with whoevers", "directly with whoever", "with whoever worked on",
    "with whoever did the", "with whoever fixed", "with whoever serviced", "with whoever repaired",
    "sort it with whoever", "sort it with whoevers",
    "talk it through with whoever", "with whoevers going to", "with whoever is going to",
    "talk to a person", "speak to a person", "talk to a human", "speak to a human", "talk to someone",
    "speak to someone", "speak with someone", "talk with someone", "a real person", "an actual person",
    "a human", "real human", "human being", "not a bot", "not a robot", "not a machine", "not some bot",
    "a live agent", "live agent", "live person", "an agent",
    "a representative", "talk to a mechanic", "speak to a mechanic", "someone call me",
    "can someone call me", "can someone just call me", "can somebody just call me", "someone just call me",
    "call me back", "please call me", "talk to the owner", "speak to the manager",
    "talk to a manager", "speak to a manager", "talk to staff", "a person please", "put me through",
    "get me the manager", "get me a manager", "get me someone", "get me a person", "get me a human",
    "speak to the owner", "talk to the boss", "speak to your boss", "talk to your boss", "speak with the manager",
    "talk with the manager", "talk to the manager", "i want the manager", "i want a manager", "transfer me",
    "connect me to someone", "put me through to", "connect me with", "connect me to", "somebody real",
    "someone real",
    "speak with the mechanic", "speak to the mechanic", "talk to the mechanic", "talk with the mechanic",
    "speak with a mechanic", "talk with a mechanic", "speak with a person", "talk with a person",
    "speak with a human", "speak with the owner", "talk with the owner", "speak with staff", "speak to staff",
    "discuss it with the mechanic", "discuss it with someone", "discuss it with a person", "the mechanic directly",
    "he can call me", "she can call me", "someone can call me", "can call me on", "ring me on", "call me on",
    "the mechanics directly", "one of the mechanics", "one of your mechanics", "a mechanic directly",
    "someone directly", "a person directly", "dont want to talk to a machine", "dont want to talk to a bot",
    "dont want to speak to a machine", "dont want to speak to a bot", "not talking to a machine",
    "not talking to a bot", "wont talk to a machine", "wont talk to a bot",
    "is the owner about", "is the owner around", "is the owner in", "is the owner there", "is the boss about",
    "is the boss around", "is the boss in", "is the manager about", "is the manager around", "is the manager in",
    "speak to him directly", "speak to her directly", "talk to him directly", "talk to her directly",
    "ring me back", "ring me", "just ring someone", "ring someone", "phone someone", "just call someone",
    "give me a call", "give me a ring", "call me today", "have someone call me", "have someone ring me",
    "get someone to call me", "get someone to ring me",
    "have a word with the owner", "have a quick word with the owner", "have a word with the manager",
    "have a quick word with the manager", "have a word with someone", "have a quick word with someone",
    "have a word with whoever", "chat to the owner", "chat with the owner", "chat to someone", "chat with someone",
    NULL};

static const char *const jen_frustration[] = {
    "useless", "stupid", "idiot", "idiotic", "dumb", "dumber", "stupider", "pile of junk", "pile of rubbish",
    "pile of crap", "pile of shite", "nakakainis", /* Tagalog: "nakakainis na kayo" */ "ridiculous", "pointless", "waste of time",
    "waste of my time", "waste of my dang time", "waste of my damn time", "waste of my bloody time",
    "waste of my freaking time", "wasting my time", "not helping", "not helpful", "unhelpful", "doesnt help", "youre not listening",
    "you dont understand", "you dont get it", "doesnt understand", "not listening", "annoying", "terrible",
    "awful", "rubbish", "garbage", "hopeless", "pathetic", "fed up", "sick of this", "for gods sake", "ffs",
    "wtf", "omg seriously", "are you kidding", "what the hell", "damn", "crap", "shit", "fuck", "fucking",
    "😡", "🤬", "😤", "taking forever", "takes forever", "taking ages", "takes ages", "taking so long",
    "going round in circles", "going in circles", "getting nowhere", "this is slow", "🙄",
    "thanks for nothing", "cheers for nothing", "no help at all", "absolute joke", "a complete joke",
    "a total joke", "disgraceful", "unacceptable",
    /* the questions themselves: "ugh how many questions is this gonna be" */
    "how many questions", "so many questions", "too many questions", "enough questions", "all these questions",
    "getting tired of this", "you lot are a joke", "youre a joke", "you are a joke", "ur a joke",
    /* not being answered: "messaged yesterday and nobody replied" */
    "nobody replied", "no one replied", "nobody answered", "no one answered", "nobody got back to me",
    "no one got back to me", "nobody ever replies", "no one ever replies",
    /* Wales and Jamaica: "this is doing my head in", "yuh nah listen to mi" */
    "doing my head in", "doin my head in", "nah listen", "nuh listen", "not listenin",
    /* Yorkshire and Glasgow: "it's doing me head in", "this is doin ma heid in" */
    "doing me head in", "doin me head in", "doing ma head in", "doing ma heid in", "doin ma heid in", NULL};

static const char *const jen_describing[] = {
    "awful", "terrible", "annoying", "rubbish", "ridiculous", "pointless", "hopeless", "pathetic", "useless",
    "stupid", "dumb", "idiotic", "damn", "crap", "fucking", "garbage", NULL};
static const char *const jen_determiners[] = {
    "a", "an", "the", "this", "that", "these", "those", "my", "our", "his", "her", "their", "some", "such a", NULL};
static const char *const jen_slowness[] = {"taking forever", "takes forever", "taking ages", "takes ages",
                                           "taking so long", NULL};
static const char *const jen_slow_links[] = {"to", NULL};
static const char *const jen_slow_aimed[] = {
    "you", "u", "ya", "yous", "youse", "youre", "ur", "yall", "guys", "this", "thats", "that", "bot", "chat",
    "reply", "replies", "respond", "response", "answer", "get back", "hear back", "text back", "write back",
    "sort", "book", "confirm", "get a reply", "get an answer", "get a response", "team", "staff", NULL};
static const char *const jen_aimed_after[] = {
    "service", "bot", "chat", "chatbot", "help", "answer", "answers", "reply", "replies", "response", "responses",
    "experience", "company", "customer", "support", "system", "app", "website", "site", "job", "work", "repair",
    "repairs", "shop", "people", "staff", "place", "business", "machine", "robot", "computer", "thing", "menu",
    "options", "lot", "waste", "mess",
    /* a swear between: "a stupid bloody robot" */
    "bloody", "freaking", "flipping", "fricking", NULL};

static const char *const jen_identity_asks[] = {
    "am i talking to", "am i talking to a", "am i talking with", "am i talking with a", "am i speaking to",
    "am i speaking to a", "am i speaking with", "am i speaking with a", "am i chatting to", "am i chatting to a",
    "am i chatting with", "am i chatting with a", "is this", "is this a", "are you", "are you a", "r u", "r u a",
    "is it", "is it a", "is that", "is that a", NULL};

/* A time of day or week right after "don't text me" makes it a when, not
 * a stop: "please don't text me before 2pm". */
/* A refusal of contact from its parts (judge.h): imperative or wished
 * negations only ("didn't" alone tells what happened: "you didn't text me"). */
static const char *const jen_refuse_negs[] = {
    "dont", "do not", "dinnae", "dinna", "never", "stop", "quit", "not", "no longer", "rather you didnt",
    "rather you did not",
    "prefer you didnt", "prefer you did not", "prefer it if you didnt", "if you didnt", "if you did not",
    "if you wouldnt", "if you would not", "rather you stopped", "prefer you stopped", "if you stopped", NULL};
static const char *const jen_refuse_between[] = {"ever", "please", "kindly", "to", "even", "bother", "keep", "again",
                                                 "just", NULL};
static const char *const jen_contact_verbs[] = {
    "message", "messaging", "msg", "msging", "text", "texting", "txt", "txting", "contact", "contacting", "email",
    "emailing", "send", "sending", "whatsapp", "whatsapping", "bother", "bothering", "spam", "spamming", "pester",
    "pestering", "write", "writing", "ping", "pinging", "use", "using", NULL};
static const char *const jen_contact_objects[] = {"me", "us", "to me", "to us", "this number", "to this number",
                                                  "on this number", "my number", "my phone", "to it", "to that number",
                                                  "to this phone", "to that phone", "to my phone", "here", NULL};
static const char *const jen_contact_ends[] = {
    "again", "any more", "anymore", "ever again", "at all", "any further", "further", "messages", "texts",
    "any more messages", "any more texts", "any messages", "any texts", "more messages", "more texts", "anything",
    "anything else", "anything more", "please", "pls", "plz", "thanks", "thank you", "thx", "cheers", "ta",
    "ok", "okay", "thanks a lot", "mate", "these messages", "these texts", "your messages", "your texts",
    "the messages", "the texts", "these reminders", "reminders", "all these messages", "all these texts",
    "any more of these messages", "any more of these texts", "any more of these", "more of these messages",
    "more of these texts", "any of these messages", "any of these texts", "any more reminders", "promotions",
    "your promotions", "any promotions", "any more promotions", "offers", "your offers", "any offers",
    "any more offers", "promos", "your promos", "marketing", "any marketing", "adverts", "ads", "newsletters",
    "your newsletter", NULL};
static const char *const jen_request_modals[] = {"can", "could", "would", "will", "cud", "cn", "pls", "please",
                                                 NULL};
static const char *const jen_refuse_subjects[] = {"you", "u", "ya", "they", "he", "she", "youll", "theyll", NULL};

static const char *const jen_timings[] = {
    "before", "after", "until", "till", "til", "during", "at night", "in the morning", "in the evening",
    "in the afternoon", "on weekends", "at the weekend", "on sundays", "at work", "while", "when", "between",
    "early", "late", "today", "tonight", "this morning", "this afternoon", NULL};

static const char *const jen_bot_words[] = {
    "you", "u", "youre", "ur", "your", "bot", "robot", "machine", "chatbot", "this chat", "this thing",
    "automated", "computer", NULL};

static const char *const jen_no_undo[] = {
    "dont cancel", "do not cancel", "dont want to cancel", "no need to cancel", "not cancelling", "not canceling",
    "not going to cancel", "wont cancel", "wont be cancelling", "dont need to cancel", "no need to call it off",
    "dont call it off", "not calling it off", "keep my booking", "keep the booking", "keep my appointment",
    "not to cancel", "rather not cancel", "without cancelling", NULL};

static const char *const jen_no_person[] = {
    "dont want to talk to anyone", "dont want to speak to anyone", "dont want to talk to anybody",
    "dont want to talk to a person", "dont want to speak to a person", "dont want to talk to a human",
    "dont need to talk to anyone", "dont need to speak to anyone", "dont need to talk to a person",
    "dont need a person", "dont need a human", "dont want a person", "dont want a human",
    "no need for a person", "no need for a human", "no need to talk to anyone", "no need to speak to anyone",
    "without talking to anyone", "without speaking to anyone", "rather not talk to anyone",
    "rather not speak to anyone", "not talk to anyone", "not speak to anyone", "no need to put me through",
    "dont put me through", "no need to get a human", "no need to get someone", "no need to get anyone",
    "no need to get a person",
    "no need for anyone to call", "no need for someone to call", "dont need anyone to call", "dont need a call",
    "no need to call me", "no need to ring me", "dont get a human", "dont need a human to", NULL};

static const char *const jen_negations[] = {"dont", "do not", "not", "never", "no need to", "no need for",
                                            "didnt", "wont", "doesnt", "without", "dinnae", "dinna", "didnae",
                                            NULL};

static const char *const jen_other_option[] = {
    "the other one", "the other", "other one", "the other option", "the other 1", "the other one then",
    "the other one instead", "the other instead", "the other one actually", NULL};
static const char *const jen_other_leads[] = {
    "no", "nope", "nah", "not that one", "not that", "actually", "wait", "oops", "i meant", "i mean",
    "sorry i meant", "my bad", "make it", "can i have", "can i do", "id like", "i want", "id rather",
    "i would rather", "i wanted", "change it to", "switch to", "go for", "ill go for", "ill take", "oh", "ah",
    "ach", "hmm", "erm", "um", NULL};

static const char *const jen_any_option[] = {
    "either", "either one", "either is fine", "eithers fine", "eithers good", "eithers ok", "either ones fine",
    "either is good", "either works", "any",
    "any one", "anyone is fine", "any is fine", "any of them", "whichever", "whichever one", "whichever is easier",
    "whatever", "whatever is easier", "whatevers easier", "i dont mind", "dont mind", "no preference",
    "doesnt matter", "it doesnt matter", "both are fine", "both fine", "up to you", "you choose", "dealers choice",
    "fine by me", "by me", "is fine", "works for me", "whenever", "whenever suits", "whenever suits you",
    "any time", "anytime", "any time is fine", "anytime is fine", "whenever is easiest", NULL};

static const char *const jen_apologies[] = {"sorry", "sry", "soz", "so sorry", "apologies", "my apologies",
                                            "my bad", "oops", "whoops", "pardon", "excuse me", NULL};

static const char *const jen_politeness[] = {"please", "pls", "plz", "now", "thanks", "thank you", "thx",
                                             "asap", "honestly", "tbh", "to be honest", "really", "just",
                                             "yeah", "yeah just", "seriously", NULL};

static const char *const jen_vocatives[] = {"mate", "guys", "team", "folks", "bro", "dude", "lads", "pal",
                                           "everyone", "yall", "buddy", "love", "hun", "ma", "maam", "madam",
                                           "sir", "boss", "oga", "aunty", "auntie", "sis", "cuz", "bru", "chief",
                                           "fam", "bruh", "po",
                                           /* Glasgow, Yorkshire, the Midlands and Newfoundland */
                                           "hen", "doll", "duck", "me duck", "pet", "chuck", "hon", "darling",
                                           "babe", "bab", "son", "me son", "my love", "big man", NULL};
static const char *const jen_greetings[] = {
    "hi", "hii", "hiii", "hello", "helo", "hey", "heya", "hiya", "howdy", "yo", "hi there", "hello there",
    "hey there", "hi again", "hello again", "hey again", "hi all", "good morning", "good afternoon",
    "good evening", "morning all", "greetings", "👋", "🙋", "is someone there", "is anyone there", "anyone there",
    "is anybody there", "anybody there", "someone there", "anyone around", "anyone about", "are you there",
    "you there", "quick q", "quick question", "a quick question", "got a question", "i have a question",
    "question for you", "can i ask something", "can i ask a question",
    /* as New Zealanders, Australians, South Africans and Nigerians greet */
    "kia ora", "morena", "gday", "gidday", "howzit", "good day", "how far", "hallo", NULL};

static const ty_judge_respell jen_respell[] = {
    {"tmrw", "tomorrow"},   {"tmr", "tomorrow"},     {"tmrow", "tomorrow"}, {"tomoz", "tomorrow"},
    {"tmw", "tomorrow"},    {"tomorow", "tomorrow"}, {"tdy", "today"},      {"tonite", "tonight"},
    {"2 moro", "tomorrow"}, {"2 morrow", "tomorrow"}, {"2 mrw", "tomorrow"}, {"2 mrow", "tomorrow"},
    {"2 moz", "tomorrow"},  {"2 nite", "tonight"},   {"2 nyt", "tonight"},
    {"ow much", "how much"}, {"ow many", "how many"}, {"ow long", "how long"}, {"ow about", "how about"},
    {"ow do", "how do"},    {"ow does", "how does"}, {"ow far", "how far"},
    {"arvo", "afternoon"},  {"arvos", "afternoon"},  {"aft", "afternoon"},  {"aftn", "afternoon"}, {"aftnoon", "afternoon"}, {"mrng", "morning"}, {"mrn", "morning"},    {"mornin", "morning"}, {"morn", "morning"},
    {"bdrm", "bedroom"},    {"bdrms", "bedrooms"},   {"bedrm", "bedroom"},
    {"aboot", "about"},     {"hunner", "hundred"},   {"hunners", "hundreds"},
    {"sat", "saturday"},   {"satur", "saturday"},   {"satdy", "saturday"}, {"satday", "saturday"},
    {"saturdy", "saturday"}, {"sundy", "sunday"},   {"mondy", "monday"},   {"fridy", "friday"},
    {"mon", "monday"},      {"tues", "tuesday"},     {"tue", "tuesday"},    {"weds", "wednesday"},
    {"wed", "wednesday"},   {"thurs", "thursday"},   {"thur", "thursday"},  {"thu", "thursday"},
    {"fri", "friday"},      {"wknd", "weekend"},     {"wks", "weeks"},      {"wk", "week"},
    {"mths", "months"},     {"mnths", "months"},     {"pls", "please"},     {"plz", "please"},
    {"thx", "thanks"},      {"u", "you"},            {"ur", "your"},        {"r", "are"},
    {"wanna", "want to"},   {"gonna", "going to"},   {"yse", "yes"},
    {"yess", "yes"},        {"yeh", "yes"},          {"yup", "yes"},        {"ja", "yes"},
    {"nah", "no"},          {"nop", "no"},
    /* phonetic and short spellings of everyday words */
    {"wat", "what"},        {"wot", "what"},         {"wots", "whats"},     {"wats", "whats"},
    {"wich", "which"},      {"whch", "which"},       {"wen", "when"},       {"cn", "can"},
    {"cld", "could"},       {"wld", "would"},        {"shld", "should"},    {"bok", "book"},
    {"ful", "full"},        {"servis", "service"},   {"servise", "service"}, {"sevice", "service"},
    {"srvice", "service"},  {"servised", "serviced"}, {"servicd", "serviced"}, {"servcd", "serviced"},  {"evry", "every"},       {"evrey", "every"},    {"wrk", "work"},
    {"bak", "back"},        {"diff", "difference"},  {"em", "them"},        {"tho", "though"},
    {"nd", "and"},          {"gud", "good"},         {"nite", "night"},     {"abt", "about"},
    {"bc", "because"},      {"cuz", "because"},      {"coz", "because"},    {"ppl", "people"},
    {"msg", "message"},     {"txt", "text"},         {"num", "number"},     {"appt", "appointment"},
    {"jus", "just"},        {"juss", "just"},
    /* Irish and northern forms of you: "take me off yer list", "can ye have a look" */
    {"yer", "your"},        {"ye", "you"},
    /* Scots: "take me aff yer list", "dinnae want these" */
    {"aff", "off"},         {"dinnae", "dont"},      {"didnae", "didnt"},   {"cannae", "cant"},
    {"wouldnae", "wouldnt"}, {"isnae", "isnt"},      {"naw", "no"},         {"tae", "to"},
    {"the morra", "tomorrow"}, {"the morrow", "tomorrow"},
    /* the g dropped: "quit textin me" */
    {"textin", "texting"},  {"txtin", "texting"},    {"txting", "texting"}, {"messagin", "messaging"},
    {"msgin", "messaging"}, {"msging", "messaging"}, {"sendin", "sending"}, {"contactin", "contacting"},
    {"botherin", "bothering"}, {"callin", "calling"},
    {NULL, NULL}};

static const char *const jen_no_longer[] = {"anymore", "any more", "no longer", "not any longer", NULL};

static const char *const jen_habitual[] = {
    "every", "each", "usually", "normally", "mostly", "always", "often", "generally", "typically", "tend to",
    "most weekends", "used to", NULL};
static const char *const jen_habit_days[] = {"weekends", "mondays", "tuesdays", "wednesdays", "thursdays",
                                             "fridays", "saturdays", "sundays", NULL};

static const char *const jen_wh_words[] = {
    "what", "whats", "which", "how much", "how long", "how many", "how do", "how does", "how far", "how is the",
    "hows the", "who", "whos", "why", "where", "wheres", "when", "whens", "ow much", "ow long", "ow many", "ow far",
    /* asking whether something is so: "do you know if the roads are shut today?" */
    "do you know if", "do you know whether", "any idea if", "any idea whether", "d you know if", NULL};

static const char *const jen_proposals[] = {"what about", "how about", "hows about", "what if", "whats about",
                                            "why dont we", "why dont i", "why not", NULL};

static const char *const jen_openers[] = {
    "so", "and", "but", "ok", "okay", "oh", "um", "umm", "hmm", "also", "well", "sorry", "wait", "btw",
    "by the way", "quick question", "one more thing", "actually", "before i pick", "before i choose",
    "before i decide", "before i commit", "before i book", "before i pick a day", "before i choose a day",
    "before we go on", "before that", "first of all", "just wondering", "one question", NULL};

static const char *const jen_thanks[] = {
    "thanks", "thank you", "thankyou", "thank u", "thanku", "thanks so much", "thank you so much",
    "thanks very much", "thank you very much", "thanks a lot", "thanks a million", "thanks a bunch",
    "many thanks", "thanks again", "thank you again", "thanks for that", "thanks for your help",
    "thank you for your help", "thanks for the help", "thanks for helping", "thanks for everything", "cheers",
    "cheers mate", "ta", "ty", "tysm", "tyvm", "thx", "thnx", "thanx", "much appreciated", "appreciate it",
    "i appreciate it", "really appreciate it", "appreciated", "🙏", "😘", "🥰", "❤", NULL};

static const char *const jen_farewells[] = {
    "bye", "bye bye", "byebye", "goodbye", "good bye", "bye for now", "see ya", "see you", "see you then",
    "see you soon", "see you later", "see ya later", "see ya then", "cya", "laters", "later", "take care",
    "have a good day", "have a nice day", "have a great day", "have a good one", "have a good weekend",
    "have a nice weekend", "have a great weekend", "talk soon", "speak soon", "catch you later", "night",
    "good night", "goodnight", "you too", "same to you", NULL};

static const char *const jen_acks[] = {
    "ok", "okay", "k", "kk", "okey", "okie", "alright", "all right", "great", "perfect", "cool", "awesome",
    "lovely", "brilliant", "nice", "sweet", "fab", "fantastic", "wonderful", "excellent", "amazing", "super",
    "sounds good", "sounds great", "sounds perfect", "will do", "got it", "noted", "all good", "all set",
    "no worries", "no problem", "np", "thats all", "thats it", "thats everything", "thats great",
    "thats perfect", "mate", "so much", "very much", "a lot", "again", "heaps", "loads", "a million", "👍", "👌", "😊",
    "🙂", "😀", NULL};

static const char *const jen_change_words[] = {
    "change", "changing", "move", "moving", "switch", "swap", "reschedule", "rearrange", "instead", "rather",
    "push it back", "bring it forward", "different day", "another day", "other day", "different time",
    "another time", "amend", "update", NULL};

static const char *const jen_same_day[] = {"same day", "same date", "that day too", "same day and time", NULL};
static const char *const jen_same_time[] = {"same time", "same slot", "same day and time", "same time and day", NULL};
static const char *const jen_recap_asks[] = {
    "remind me what day", "remind me what time", "remind me when", "remind me which day", "what day did i book",
    "what time did i book", "which day did i book", "what did i book", "what day am i booked", "what time am i booked",
    "when am i booked", "when is my booking", "when is my appointment", "what day is my booking",
    "what time is my booking", "whats my booking", "what day was it again", "what time was it again",
    "when did i book it for", "what day i booked", "what time i booked", "when was i booked in",
    "booking is still on", "is my booking still on", "booking still on", "am i still booked", "still booked in",
    "is it still on", "booking still stands", "is my appointment still on", "bookings still on",
    "appointments still on", "still on for", "what day did we say", "what time did we say", "what day did you say",
    "what time did you say", "which day did we say", "when did we say", "what day did we agree",
    "what time did we agree",
    "what day was it", "what time was it", "what day was my booking", "what time was my booking", "wat day was it",
    "what day did u say", "what time did u say", "tell me again what", "tell me the day again",
    "tell me the time again", "can you repeat the", "could you repeat the", "say again what day", NULL};

static const char *const jen_unhappy[] = {"not happy with", "not happy at all", "not impressed", "unhappy with",
                                          "daylight robbery", "total rip off", "what a rip off", "its a rip off",
                                          "this is theft",
                                          /* a no-show */
                                          "nobody showed", "nobody ever showed", "no one showed", "no one ever showed",
                                          "nobody turned up", "no one turned up", "never showed up", "never turned up",
                                          "stood me up", "stood us up", "i took off work for this",
                                          "took the day off for this",
                                          "disappointed with", "very disappointed", "not satisfied", "fuming",
                                          "furious", "livid", "seething", "disgusted", "appalled", "werent impressed",
                                          "wasnt impressed", "make a complaint", "want to complain", "like to complain",
                                          "second time this has happened", "third time this has happened", "not happy",
                                          "still havent had", "still not had", "you owe me", "shocking", "unacceptable",
                                          "disgraceful", "not good enough", "really disappointed", "so disappointed",
                                          "extremely disappointed", "pretty frustrated", "really frustrated",
                                          "so frustrated", "very frustrated", "third time this", "still havent got",
                                          "still havent received", "still not received", "raging", "this is a joke",
                                          "its a joke", "what a joke", "terrible service",
                                          /* Nigerian Pidgin: "I no happy at all" */
                                          "i no happy", "no happy at all", "bad experience", "very bad experience",
                                          "worst experience", "nobody said a word", "no one said a word",
                                          "nobody told me", "no one told me",
                                          "awful service", "poor service", "rubbish service", "worst service",
                                          "waste of money", "want my money back", "happened again",
                                          "charged twice", "charged me twice", "double charged", "charged double",
                                          /* Trinidad's "I real vex", New York's "this is wack" */
                                          "i real vex", "real vex", "very bad work",
                                          "bad work", "poor work", "shoddy work", "sloppy work", "this is wack",
                                          "thats wack", "so wack", NULL};

/* A thing we did for the customer, told, and something wrong with it
 * (judge.h): "the water you delivered yesterday smells like plastic",
 * "ye groomed my bichon on saturday and she came home with a nick". */
static const char *const jen_served_leads[] = {
    "you", "ye", "yous", "youse", "u", "ya", "yall", "you guys", "you lot", "your guys", "your team", "your lads",
    "your lad", "your guy", "your man", "yer man", "your driver", "your rider", "your tech", "your technician",
    "your staff", "your people", "your cleaner", "your cleaners", "your mechanic", "your groomer", "your fitter",
    "your engineer", "your plumber", "your installer", "your boys", "your stylist", "your captain",
    "your instructor", "your crew", "yalls crew", "the guy you sent", "the lady you sent", "the driver you sent", NULL};
static const char *const jen_served_verbs[] = {
    "delivered", "brought", "dropped", "fixed", "repaired", "serviced", "installed", "fitted", "cleaned", "washed",
    "groomed", "cut", "trimmed", "coloured", "colored", "dyed", "styled", "painted", "made", "baked", "sent", "sold",
    "charged", "did", "replaced", "changed", "patched", "sewed", "sewn", "altered", "tuned", "swept", "built",
    "moved", "packed", "returned", "gave", "supplied", "printed", "framed", "tiled", "laid", "put", "shipped",
    "posted", "cooked", "catered", "rented", "hired", "lent", "drove", "picked", "took", "treated", "valeted",
    "detailed", "waxed", "shaped", "came", "showed", "tinted", "pierced", "tattooed", "wired", "refilled", "filled", "topped", NULL};
static const char *const jen_served_skips[] = {"just", "only", "already", "recently", "all", NULL};
static const char *const jen_served_phrases[] = {"from you", "from yous", "from ya", "from u", "from you guys",
                                                 "came home with", "came back with", "got it back",
                                                 "when i picked it up", "when i collected it", NULL};
static const char *const jen_defects[] = {
    "broken", "broke", "smells", "smelled", "smelt", "stinks", "stank", "stained", "stains", "stain", "dirty",
    "filthy", "damaged", "scratched", "scratches", "scratch", "dented", "torn", "ripped", "hole", "holes",
    "leaking", "leaks", "flat", "not working", "doesnt work", "dont work", "isnt working", "stopped working",
    "wont start", "wont turn on", "cold", "missing", "wrong", "nick", "bleeding", "spoilt", "spoiled", "ruined",
    "faded", "shrunk", "cracked", "mouldy", "moldy", "stale", "burnt", "was late", "were late", "turned up late",
    "showed up late", "arrived late", "came late", "hour late", "hours late", "minutes late", "mins late", "flickering", "squeaking",
    "wobbly", "wonky", "fell off", "came off", "falling apart", "half full", "half empty", "finished after",
    "ran out after", "never came", "never arrived", "didnt arrive", "bald patch", "rash", "crooked", "uneven",
    "soggy", "undercooked", "melted", "bent", "snapped", "chipped", "peeling", "patchy", "streaky", "not right",
    "not clean", "not fixed", "still filthy", "worse", "made it worse", "worse than before", "squashed", "crushed", NULL};

static const char *const jen_elsewhere[] = {"someone else", "somewhere else", "the last company", "the last place",
                                           "a different company", "a different place", NULL};
static const char *const jen_elsewhere_heads[] = {"another", "other", NULL};
static const char *const jen_elsewhere_not[] = {"day", "time", "week", "thing", "one", "night", "month", NULL};

static const char *const jen_requests[] = {"can you", "can u", "could you", "could u", "can yous", "can yall",
                                           "would you", "will you", "please can", "pls can", "tell me", "let me know",
                                           "give me", "send me", NULL};
static const char *const jen_chat_openers[] = {
    "did you see the", "did ye see the", "did u see the", "did ya see the", "did yall see the", "did you guys see the",
    "did yous see the", "did youse see the",
    "you see the", "u see the", "ye see the", "yuh see di", "yuh see the", "you see di", "did you watch the",
    "did u watch the", "did ye watch the", "you watch the", "did you catch the", "did ye catch the", "you catch the",
    "did you hear about the", "match dekha", "game dekha", "did you see that game", "did you see that match", NULL};
static const char *const jen_chat_events[] = {
    "game", "match", "final", "semi final", "derby", "race", "fight", "league", "cup", "last night", "at the weekend",
    "on the weekend", "over the weekend", "this weekend", "yesterday", "kal", "score", NULL};
static const char *const jen_chat_pivots[] = {"anyway", "anyways", "anyhow", "but", "so", "btw i need",
                                             "by the way i need", "also", NULL};
static const char *const jen_hedges[] = {"might", "maybe", "perhaps", "possibly", "thinking of", "thinking about",
                                         "wondering if", "we wanted to", "i wanted to", "were wanting to", NULL};
static const char *const jen_advice_asks[] = {"do i need", "do we need", "does it need", "do i have to get",
                                              "should i get", "should i go for", "should i book", "is it worth",
                                              "would you recommend", "do you recommend", "which one is",
                                              "which is better", "which is cheaper", "whats the difference",
                                              "what is the difference", "whats the best", NULL};

static const char *const jen_urgent[] = {"asap", "as soon as possible", "urgent", "urgently", "emergency",
                                         "in agony", "agony", "unbearable", "cant bear", "cant stand the pain",
                                         "havent slept", "couldnt sleep", "cant sleep", "right away",
                                         "straight away", "today if possible", NULL};

static const char *const jen_in_touch[] = {"ill text you", "well text you", "ill call you", "well call you",
                                           "ill message you", "well message you", "ill be in touch", "well be in touch",
                                           "ill get back to you", "well get back to you", "ill ring you",
                                           "well ring you", "ill give you a call", "well give you a call", NULL};

static const char *const jen_meaning_asks[] = {
    "what does that mean", "what does it mean", "what does this mean", "what do you mean", "what do u mean",
    "whats that mean", "what is that", "whats that", "whats a", "what is a", "whats an", "what is an",
    "what is the difference", "whats the difference", "what do they mean", "what does it involve",
    "what does that involve", "not sure what that means", "dont know what that means", "dont understand", NULL};
static const char *const jen_suppositions[] = {
    "if i", "if we", "if im", "if my", "what if", "what happens if", "in case", "supposing", "say i", NULL};
/* ("another day" is a later time for the same thing, not another booking) */
static const char *const jen_another[] = {"too", "also", "as well", "another bike", "another booking",
                                          "another service", "another one", "another appointment",
                                          "another tune", "another full", "a second", "second bike",
                                          "other bike", "2nd bike", NULL};

static const char *const jen_booking_words[] = {
    "day", "date", "time", "booking", "appointment", "slot", "drop off", "dropoff", "reservation", NULL};

static const ty_judge_lex jen_lex = {
    .code = "en",
    .stop_words = jen_stop_words,
    .stop_phrases = jen_stop_phrases,
    .stop_maybe = jen_stop_maybe,
    .refuse_negs = jen_refuse_negs,
    .refuse_between = jen_refuse_between,
    .contact_verbs = jen_contact_verbs,
    .contact_objects = jen_contact_objects,
    .contact_ends = jen_contact_ends,
    .refuse_subjects = jen_refuse_subjects,
    .request_modals = jen_request_modals,
    .handoff_phrases = jen_handoff,
    .talk_ends = jen_talk_ends,
    .talk_with = jen_talk_with,
    .talk_topics = jen_talk_topics,
    .person_words = jen_person_words,
    .no_person = jen_no_person,
    .no_undo = jen_no_undo,
    .frustration = jen_frustration,
    .describing = jen_describing,
    .determiners = jen_determiners,
    .aimed_after = jen_aimed_after,
    .slowness = jen_slowness,
    .slow_links = jen_slow_links,
    .slow_aimed = jen_slow_aimed,
    .bot_words = jen_bot_words,
    .identity_asks = jen_identity_asks,
    .timings = jen_timings,
    .timing_leads = jen_timing_leads,
    .negations = jen_negations,
    .politeness = jen_politeness,
    .greetings = jen_greetings,
    .vocatives = jen_vocatives,
    .any_option = jen_any_option,
    .other_option = jen_other_option,
    .other_leads = jen_other_leads,
    .respell = jen_respell,
    .habitual = jen_habitual,
    .habit_days = jen_habit_days,
    .no_longer = jen_no_longer,
    .apologies = jen_apologies,
    .wh_words = jen_wh_words,
    .wh_needs_mark = false,
    .proposals = jen_proposals,
    .openers = jen_openers,
    .thanks = jen_thanks,
    .farewells = jen_farewells,
    .acks = jen_acks,
    .change_words = jen_change_words,
    .booking_words = jen_booking_words,
    .same_day = jen_same_day,
    .same_time = jen_same_time,
    .another = jen_another,
    .recap_asks = jen_recap_asks,
    .suppositions = jen_suppositions,
    .meaning_asks = jen_meaning_asks,
    .unhappy = jen_unhappy,
    .served_leads = jen_served_leads,
    .served_verbs = jen_served_verbs,
    .served_skips = jen_served_skips,
    .served_phrases = jen_served_phrases,
    .defects = jen_defects,
    .elsewhere = jen_elsewhere,
    .elsewhere_heads = jen_elsewhere_heads,
    .elsewhere_not = jen_elsewhere_not,
    .advice_asks = jen_advice_asks,
    .hedges = jen_hedges,
    .requests = jen_requests,
    .chat_openers = jen_chat_openers,
    .chat_events = jen_chat_events,
    .chat_pivots = jen_chat_pivots,
    .in_touch = jen_in_touch,
    .urgent = jen_urgent,
    .confirm_stop = "Just to check: would you like us to stop messaging you?",
    .offer_person = "Sorry, I haven't been much help. Would you like me to pass you to a person?",
    .confirm_person = "Would you like me to pass you to someone on the team?",
    .sorry_person = "I'm sorry to hear that. Would you like me to pass you to someone on the team?",
    .off_topic = "That's not something I can help with here, I'm afraid.",
    .off_topic_again = "I can't help with that one either, sorry.",
    .back_lead = "Back to where we were:",
    .updated_lead = "Got it, I've changed that.",
    .refused_again = "I'm sorry, I still can't book that one.",
    .recap = "Here's what I have for you:",
    .reprompt_lead = "Sorry, I didn't catch that.",
    .reprompt_lead_again = "Sorry, I'm still not sure I follow.",
    .yes_title = "Yes",
    .no_title = "No",
    .handover_text = "Hi! I'd like to carry on our chat here.",
    .thanks_reply = "You're welcome!",
    .aside = "Noted, thanks.",
    .aside_again = "Got it.",
    .no_worries = "No worries at all.",
    .clearer = "Sorry, I should have been clearer.",
    .apology = "Sorry about that.",
    .goodbye = "Bye for now, and thanks for getting in touch.",
};

/* The English table (static, immutable). */
const ty_judge_lex *ty_judge_lex_en(void) { return &jen_lex; }
