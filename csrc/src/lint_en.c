/*
 * lint_en.c — the English word lists of the message linter (lint.c) and
 * the words channel payloads write (payload.c). Data only: the phrase
 * syntax (normalised tokens, "#" for a number, "$" for the end of a
 * sentence) is described in lint.h. Our own lists, written for the
 * micro-commitment method: what closes a message without a next step, what
 * counts as a clear action, what pressures.
 */
#include "lint.h"

#define LEN_LIST(a) {a, sizeof(a) / sizeof((a)[0])}

/* TY001: closers that leave the next step to the customer. */
static const char *const len_closers[] = {
    "let me know $",
    "let us know $",
    "let me know thanks $",
    "let us know thanks $",
    "let me know if you have any questions",
    "let us know if you have any questions",
    "let me know if you need anything",
    "let us know if you need anything",
    "let me know if theres anything",
    "let us know if theres anything",
    "let me know what you think",
    "let us know what you think",
    "let me know your thoughts",
    "let us know your thoughts",
    "any questions $",
    "any other questions $",
    "if you have any questions",
    "if you have questions",
    "if you have any other questions",
    "feel free to reach out",
    "feel free to contact",
    "feel free to get in touch",
    "feel free to ask",
    "feel free to message",
    "dont hesitate to",
    "reach out anytime",
    "reach out any time",
    "hope this helps",
    "hope that helps",
    "looking forward to hearing from you",
    "look forward to hearing from you",
    "get back to me",
    "get back to us",
    "keep me posted",
    "keep us posted",
    "any thoughts $",
    "what do you think $",
    "is there anything else",
    "anything else i can help with",
    "anything else we can help with",
    "anything else i can do",
    "any questions just ask",
    "give us a shout",
    "give me a shout",
    "let me know if you want to",
    "let us know if you want to",
    "let me know if youd like to",
    "let us know if youd like to",
};

/* TY002: imperatives that make a sentence a clear action when they open it
 * (after optional softeners). */
static const char *const len_action_verbs[] = {
    "reply",  "respond", "answer", "send",   "text",  "message", "call",    "tap",    "click",  "press",
    "choose", "pick",    "select", "book",   "confirm", "visit", "come",    "bring",  "drop",   "pop",
    "stop",   "use",     "open",   "follow", "sign",  "fill",    "pay",     "check",  "try",    "tell",
    "share",  "write",   "type",   "add",    "go",    "head",    "grab",    "start",  "see",    "look",
    "read",   "download", "install", "update", "enter", "scan",  "show",    "upload", "join",   "order",
    "schedule", "reserve", "lets",
};

/* TY002: words that may come before the imperative ("please reply"). */
static const char *const len_softeners[] = {
    "please", "just", "simply", "kindly", "now", "then", "so", "and", "or", "next", "to",
};

/* TY002: a clear action or a stated next step anywhere in the message. */
static const char *const len_action_phrases[] = {
    "let me know which",
    "let me know what",
    "let me know when",
    "let me know how many",
    "let us know which",
    "let us know what",
    "let us know when",
    "you can reply",
    "you can book",
    "you can call",
    "you can send",
    "you can text",
    "you can change",
    "you can pick",
    "just reply",
    "just send",
    "reply with",
    "reply here",
    "reply to",
    "reply a",
    "reply yes",
    "send us",
    "call us",
    "text us",
    "message us",
    "tap a button",
    "tap below",
    "tap one",
    "click below",
    "pick one",
    "choose one",
    "well send",
    "well text",
    "well call",
    "well email",
    "well confirm",
    "well reply",
    "well remind",
    "well be in touch",
    "well get back to you",
    "well let you know",
    "well see you",
    "ill send",
    "ill text",
    "ill call",
    "ill confirm",
    "ill reply",
    "ill remind",
    "ill be in touch",
    "ill get back to you",
    "ill let you know",
    "ill close",
    "ill pass",
    "we will",
    "i will",
    "will reply",
    "will call",
    "will text",
    "will send",
    "will contact",
    "will confirm",
    "will be in touch",
    "will get back to you",
    "theyll reply",
    "theyll call",
    "youll get",
    "youll receive",
    "youll hear",
    "see you",
};

/* TY003: the word that joins alternatives. */
static const char *const len_or_words[] = {"or"};

/* TY003: words that introduce a list of options before its first comma. */
static const char *const len_introducers[] = {
    "like", "want", "prefer", "choose", "pick", "need", "would", "is it", "are you", "do you",
    "should", "shall", "which", "what", "between", "either", "can i", "could",
    "we can", "i can", "we have", "how about", "free on",
};

/* TY003: the last word of a lead-in that holds no option itself ("which
 * day suits you, Monday or Tuesday?"). */
static const char *const len_lead_enders[] = {
    "you", "it", "me", "us", "them", "prefer", "like", "want", "need", "choose", "pick",
    "better", "best", "works", "suits", "fits", "rather",
};

/* TY008: pressure and false urgency. */
static const char *const len_pressure[] = {
    "last chance",
    "final chance",
    "only today",
    "today only",
    "this week only",
    "only this week",
    "act now",
    "act fast",
    "act quickly",
    "hurry",
    "dont miss out",
    "dont miss this",
    "dont wait",
    "limited time",
    "offer ends",
    "ends today",
    "ends tonight",
    "ends soon",
    "expires today",
    "expires tonight",
    "expires soon",
    "expiring soon",
    "before its too late",
    "before its gone",
    "before they sell out",
    "final notice",
    "final warning",
    "now or never",
    "once in a lifetime",
    "while stocks last",
    "while supplies last",
    "selling fast",
    "going fast",
    "almost gone",
    "only # left",
    "only # spots left",
    "only # places left",
    "only # slots left",
    "only # seats left",
    "only # days left",
    "only # hours left",
    "just # left",
    "only a few left",
    "only a few spots left",
    "last few",
    "respond immediately",
    "reply immediately",
    "act immediately",
    "buy now",
    "order now",
    "time is running out",
    "running out of time",
    "decide now",
    "price goes up",
    "prices go up",
    "price will go up",
    "urgent offer",
    "urgent reminder",
    "dont let this slip",
};

/* TY008: a pressure phrase up to three words after one of these is not
 * pressure ("no hurry", "no need to hurry", "not urgent"). */
static const char *const len_negations[] = {"no", "not", "dont", "never", "without", "nothing"};

const ty_lint_locale ty_lint_locale_en = {
    .code = "en",
    .closers = LEN_LIST(len_closers),
    .action_verbs = LEN_LIST(len_action_verbs),
    .softeners = LEN_LIST(len_softeners),
    .action_phrases = LEN_LIST(len_action_phrases),
    .or_words = LEN_LIST(len_or_words),
    .introducers = LEN_LIST(len_introducers),
    .lead_enders = LEN_LIST(len_lead_enders),
    .pressure = LEN_LIST(len_pressure),
    .negations = LEN_LIST(len_negations),
    .reply = "Reply",
    .or_word = "or",
    .list_button = "Choose",
};

#undef LEN_LIST
