"""Generated chats for the chat audit: ``generate(n)`` returns JSONL text of
``n`` invented WhatsApp conversations between Northbank Bike Workshop (a
bicycle repair shop) and its customers, in the shape of
examples/audit/chats.jsonl: one message a line,

    {"conversation": "chat-00001", "time": "2026-03-02T09:14:27Z",
     "sender": "...", "text": "..."}

with conversations one after another and each one's messages in time order.
A conversation has about 20 messages on average (9 to about 40), so 10,000
of them are about 200,000 messages; it is deterministic for a given seed
(the randomness is a 64-bit linear congruential generator of its own, not
``random``), and fast (10,000 conversations in about a second).

Every conversation opens with a customer's problem, goes through a few
questions and answers (prices, opening hours, what a service includes, ...)
and ends in one of the ways the audit looks for, with these chances:

    booked          30%  two options, one question at a time, "Booked you in
                         for ...", a thanks
    no_next_step     9%  the business's last message has no question or
                         next step ("We're open till 6 today.")
    open_closer      8%  the business ends on "Let me know!" and the like
    many_options     8%  more than two days offered in one ask
    many_questions   8%  three or four questions in one business message
    late_answer      9%  a customer question sent in the evening or on a
                         Sunday, answered the next working day (or, one
                         time in four, 4-7 hours later within opening hours)
    unanswered       8%  the chat ends with a customer's question
    price_only       8%  a price and nothing after it
    think_about_it   8%  "I'll have a think and get back to you", never
                         followed up
    asks_person      4%  the customer asks for a person or a phone call:
                         put off, promised and never made, or ignored

``labels(n)`` gives those names, conversation by conversation. Apart from
the late answers, customers write and the business answers within opening
hours (Monday to Saturday, 09:00-18:00, Europe/London; times are written in
UTC, so an hour earlier from 29 March), starting in March or April 2026.
Messages follow each other by minutes to a day (over a Sunday, two); in any
conversation about one business answer in twelve takes one to three hours. About one customer in twelve writes
in Spanish; some messages are photos ("<Media omitted>") or run over two
lines. Every phrase is invented for tinyyes.

    python3 bench/audit_corpus.py 10000 > /tmp/audit-corpus.jsonl

With no argument (as ``make bench`` runs it) it generates 10,000
conversations and prints one line: how many messages, how big, how long.
"""

import datetime
import sys
from json.encoder import encode_basestring as _json_str

BUSINESS = "Northbank Bike Workshop"

# --- randomness ---------------------------------------------------------------

_MASK = 0xFFFFFFFFFFFFFFFF


class _Lcg:
    """Knuth's MMIX linear congruential generator; the top 32 bits are used."""

    __slots__ = ("state",)

    def __init__(self, seed):
        self.state = (seed * 0x9E3779B97F4A7C15 + 0x2545F4914F6CDD1D) & _MASK

    def u32(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & _MASK
        return self.state >> 32

    def below(self, n):
        return (self.u32() * n) >> 32

    def between(self, lo, hi):
        return lo + ((self.u32() * (hi - lo + 1)) >> 32)

    def pick(self, seq):
        return seq[(self.u32() * len(seq)) >> 32]

    def chance(self, percent):
        return self.u32() * 100 < percent * 4294967296


# --- time ---------------------------------------------------------------------
# Local time is counted in minutes from Sunday 2026-03-01 00:00 (Europe/London).

_DAY = 1440
_OPEN = 9 * 60
_CLOSE = 18 * 60
_BST_FROM = 28 * _DAY + 120  # Sunday 29 March, 02:00 local: clocks go forward
_FIRST_DAY = datetime.date(2026, 3, 1)
_DATES = [(_FIRST_DAY + datetime.timedelta(days=d)).isoformat() for d in range(400)]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_DIAS = {"Monday": "lunes", "Tuesday": "martes", "Wednesday": "miércoles", "Thursday": "jueves",
         "Friday": "viernes", "Saturday": "sábado"}


def _weekday(minute):
    return (minute // _DAY + 6) % 7  # 0 = Monday ... 6 = Sunday


def _is_open(minute, margin=0):
    """Whether the shop is open at `minute` (and for `margin` minutes more)."""
    return _weekday(minute) != 6 and _OPEN <= minute % _DAY < _CLOSE - margin


def _next_open(minute, rng):
    """Some minutes after the next opening (the next working day's 09:00 when
    the shop is shut now)."""
    day = minute // _DAY
    if minute % _DAY >= _OPEN:
        day += 1
    while (day + 6) % 7 == 6:
        day += 1
    return day * _DAY + _OPEN + rng.between(2, 45)


def _stamp(minute, second):
    if minute >= _BST_FROM:
        minute -= 60
    day, m = divmod(minute, _DAY)
    return "%sT%02d:%02d:%02dZ" % (_DATES[day], m // 60, m % 60, second)


# --- phrases --------------------------------------------------------------------

FIRST_NAMES = [
    "Tom", "Priya", "Jamie", "Gareth", "Alex", "Aisha", "Kev", "Sophie", "Derek", "Ben",
    "Hannah", "Olly", "Grace", "Martin", "Chloe", "Ryan", "Yusuf", "Megan", "Lewis", "Emma",
    "Dan", "Isla", "Nathan", "Pauline", "Leo", "Jess", "Fraser", "Amelia", "Hollie", "Noah",
    "Freya", "Sam", "Rachel", "Callum", "Zoe", "Harvey", "Mike", "Olivia", "Tyler", "Ella",
    "Marcus", "Daniel", "Jack", "Ruby", "Aaron", "Niamh", "Connor", "Fatima", "Rhys", "Beth",
    "Imran", "Kirsty", "Declan", "Mei", "Oscar", "Poppy", "Joe", "Anita", "Stuart", "Lily",
]
SURNAMES = [
    "Harris", "Shah", "Cole", "Lloyd", "Morgan", "Begum", "Doyle", "Bennett", "Osei", "Walsh",
    "Price", "Grant", "O'Neill", "Kowalski", "Adams", "McAllister", "Karim", "Hughes", "Clarke",
    "Fletcher", "Ellis", "Reid", "Palmer", "Dunn", "Scott", "Ward", "Bailey", "Patel", "Cooper",
    "Shaw", "Mitchell", "Quinn", "Donnelly", "Moss", "Brooks", "Nguyen", "Reed", "Kim", "Evans",
    "Mills", "Okafor", "Baxter", "Chen", "Rowe",
]
SPANISH_FIRST = [
    "Lucía", "Carlos", "Valentina", "Mateo", "Sofía", "Javier", "Marta", "Diego", "Paula",
    "Andrés",
]
SPANISH_SURNAMES = ["Fernández", "Romero", "Ruiz", "Silva", "Martínez", "García", "López", "Navarro"]

# service key -> (name, price in pounds)
SERVICES = {
    "tune": ("tune-up", 45),
    "full": ("full service", 85),
    "puncture": ("puncture repair", 12),
    "brake": ("brake bleed", 30),
}
SERVICE_KEYS = ["tune", "full", "puncture", "brake"]

OPENERS = {
    "puncture": [
        "hi do u fix punctures? back tyre keeps going flat",
        "Hello, I've got a flat and no idea how to fix it 😅",
        "got a nail in my tyre, can you sort it today?",
        "hiya my front tyre is flat AGAIN, third time this month",
        "Hi, slow puncture on my commuter, can you have a look?",
        "alright, need a puncture fixing asap",
        "Hi there, do you do tubeless punctures?",
        "my kids bike has a flat, do you do small wheels?",
    ],
    "tune": [
        "Hi, looking to book a tune up for my road bike",
        "gears are jumping all over the place, can you help?",
        "hi, my bike's been in the shed all winter, needs a once over",
        "Hello, the gears click and slip on hills",
        "can u do a tune up this week",
        "Hi! Chain keeps falling off when I change gear",
        "my brakes squeak and the gears are clunky, what do you recommend?",
        "hey, need my bike checked before a trip next week",
    ],
    "full": [
        "Hi, I'd like to book a full service please",
        "Morning, need a full service before a sportive",
        "how much to service 2 bikes? both hybrids",
        "Hi, bought an old steel bike, is it worth a full service?",
        "Hello, my bike is due its yearly service",
        "yo need a full service on my gravel bike",
        "Hi, the shop I bought it from says it needs a full service",
        "Hello, my e-bike needs a service, do you do those?",
    ],
    "brake": [
        "Hi do you do brake bleeds? front brake feels spongy",
        "my back brake has gone really soft, lever nearly hits the bar",
        "Hello, both my hydraulic brakes need bleeding I think",
        "hey, brakes are rubbish since the winter, can you bleed them?",
        "Hi, do you work on Shimano hydraulic brakes?",
        "brake lever goes all the way to the handlebar 😬 is that bad",
        "hiya, need a brake bleed, SRAM ones",
        "Hi there, my disc brakes feel spongy, can you help?",
    ],
}
OPENERS_ES = {
    "puncture": [
        "Hola, tengo un pinchazo, me lo podéis arreglar hoy?",
        "Hola! se me ha pinchado la rueda trasera 😩",
    ],
    "tune": [
        "Hola, quería hacerle una puesta a punto a mi bici",
        "Hola buenas, los cambios van fatal, lo podéis mirar?",
    ],
    "full": [
        "Hola! Hacéis revisión completa de bici?",
        "Hola, necesito una revisión completa para mi bici de carretera",
    ],
    "brake": [
        "Hola, el freno delantero va muy blando, hacéis purgado de frenos?",
        "Hola buenas, me podéis purgar los frenos?",
    ],
}
DETAILS = [
    "its a hybrid, i ride it to work most days",
    "It's a Giant, about five years old",
    "road bike, carbon frame if that matters",
    "it's an old Raleigh, hasn't been done in years lol",
    "specialized allez",
    "its a cube, bought it second hand",
    "Trek mountain bike",
    "need it for the weekend ideally",
    "I'm 5 mins away",
    "its my daughter's bike",
]
DETAILS_ES = [
    "es una híbrida, la uso para ir al trabajo", "la necesito para el finde 🙏",
    "es de montaña, una Orbea",
]

# (customer question variants, Spanish variants, business answer)
QUESTIONS = [
    (["how much is a tune up?", "whats a tune up cost"], ["cuánto cuesta la puesta a punto?"],
     "A tune-up is £45."),
    (["how much is a full service?", "and a full service?"], ["y la revisión completa cuánto es?"],
     "A full service is £85."),
    (["how much for a puncture?", "whats the price for a puncture"], ["cuánto es un pinchazo?"],
     "A puncture repair is £12."),
    (["how much is a brake bleed?", "price for bleeding brakes?"], ["y el purgado de frenos?"],
     "A brake bleed is £30 per brake."),
    (["whats included in a tune up?", "what do you do in a tune up"], [],
     "Gears and brakes adjusted, tyres checked, chain cleaned and oiled, and a safety check."),
    (["what's in a full service?", "whats the difference with a full service"], ["qué incluye la revisión?"],
     "Everything stripped down, cleaned and regreased, with new cables if they need it."),
    (["how long does a tune up take?", "how long would it take"], ["cuánto tardáis?"],
     "Usually the same day if you drop it in the morning."),
    (["how long is a full service?", "how many days for a full service"], [], "About two days."),
    (["are you open saturdays?", "open on saturday?"], ["abrís los sábados?"], "Yes, Saturdays 9 till 6."),
    (["are you open sundays?", "open on sunday?"], ["abrís el domingo?"],
     "We're closed on Sundays, open Monday to Saturday 9 till 6."),
    (["do you do ebikes?", "can you service an e-bike"], [],
     "Yes, we service e-bikes, just not the motor itself."),
    (["do you sell inner tubes?", "got any 700c tubes?"], ["tenéis cámaras?"],
     "Yes, inner tubes are £7, or £8 for 29er and 27.5."),
    (["can i wait while you do it?", "can I wait for it"], ["puedo esperar mientras?"],
     "For punctures yes, it's usually about 20 minutes."),
    (["where are you exactly?", "where do i drop it off"], ["dónde estáis?"],
     "On the corner of the high street, next to the café. Bikes come in through the side door."),
    (["do you take card?", "can i pay by card"], ["se puede pagar con tarjeta?"],
     "Yes, card or cash are both fine."),
    (["do you do kids bikes?", "do u fix children's bikes"], [], "Yes, kids' bikes too, same prices."),
    (["do you work on tubeless?", "can you fix a tubeless tyre"], [], "Yes, we can fix or set up tubeless."),
    (["do you have parts in stock?", "will you have the parts"], [],
     "We stock most common parts, anything unusual we can order in a day or two."),
    (["can i collect after 6?", "could I pick it up a bit after 6"], [],
     "We close at 6, but tell us and we can usually hang on till quarter past."),
    (["do you do loan bikes?", "can I borrow a bike while its in"], [],
     "Sorry, we don't have loan bikes at the moment."),
    (["is carbon ok?", "are you ok with carbon frames"], [],
     "Carbon's no problem, we use a torque wrench on everything."),
    (["how much are brake pads?", "what do pads cost"], ["cuánto valen las pastillas?"],
     "Pads are usually £15-20 a pair, fitted."),
    (["how much for a new chain?", "chain replacement cost?"], [],
     "A new chain is usually £18-30 fitted, depending on the gears."),
    (["can you true a wheel?", "my wheel is a bit wobbly, can you fix that"], [],
     "Yes, truing is part of the full service, or about £15 on its own."),
    (["why do my gears skip?", "is skipping gears a big job"], [],
     "Often just cable tension, a tune-up sorts that most of the time."),
    (["why do my brakes squeak?", "brakes squeal a lot, is that bad"], [],
     "Usually the pads or a bit of oil on the discs, we can clean or swap them."),
    (["is the work guaranteed?", "what if it goes wrong again"], [],
     "All our work is guaranteed for 30 days, just bring it back if anything's not right."),
    (["do you check the tyres too?", "will you look at the tyres"], [],
     "Yes, every service includes a tyre check."),
    (["do you do bike fits?", "can you sort my saddle height"], [],
     "We don't do full bike fits, but we can adjust the saddle and bars for you."),
    (["can I drop it at 8.30?", "how early can i drop it off"], ["a qué hora abrís?"],
     "We open at 9, so 9:00 is the earliest."),
    (["do i need an appointment?", "can I just turn up"], ["hace falta cita?"],
     "For punctures just drop in; services are best booked."),
    (["do you sell bikes?", "have you got any bikes for sale"], [],
     "We don't sell bikes, just repairs and parts."),
    (["do you do mountain bikes?", "gravel bikes ok?"], [], "Yes, road, gravel, MTB, hybrids, the lot."),
    (["can you fit mudguards?", "could you put mudguards on"], [],
     "Yes, fitting mudguards takes about 15 minutes."),
]
ACKS = [
    "ok cool", "great thanks", "👍", "perfect", "ah ok", "nice one", "ok thanks", "brill", "cheers",
    "ok 👌", "good to know",
]
ACKS_ES = ["vale", "perfecto, gracias", "ok 👍", "genial"]
GREETINGS = ["Hi {n}!", "Hello {n}!", "Hiya {n}!", "Hi {n} 👋", "Morning {n}!"]
FIRST_REPLIES = {
    "puncture": ["Yes, we can sort that.", "Oh no! Yes, we fix punctures every day.", "Yes, no problem."],
    "tune": ["Sounds like a tune-up would sort it.", "Yes, we can have a look.", "That's usually a quick fix."],
    "full": ["Yes, we can do that.", "Of course.", "Happy to help."],
    "brake": [
        "Sounds like it needs a bleed.", "Yes, we do brake bleeds.",
        "That's not safe to ride like that, glad you got in touch.",
    ],
}

# endings
SERVICE_INFO = {
    "tune": "It covers gears, brakes, tyres and a chain clean.",
    "full": "We strip everything down, clean and regrease it, and fit new cables if needed.",
    "puncture": "Usually done the same day, often while you wait.",
    "brake": "That's per brake, and we check the pads too.",
}
DROP_IN_ASKS = [
    "can i just drop it in today?", "is it ok if i bring it round later?", "can you fit me in this week?",
    "could I drop it off on my lunch?", "can I bring it tomorrow morning?", "is today ok?",
]
DROP_IN_ASKS_ES = ["puedo pasar hoy?", "me la podéis mirar mañana?"]
NO_NEXT_STEP = [
    "We're open till 6 today.", "We're quite busy this week.", "That's usually a quick job.",
    "We've got a few bikes in at the moment.", "Saturdays are normally busy.", "The mechanic's in from 9.",
    "It depends on the parts.", "We're still waiting on a part.", "That looks like it just needs truing.",
    "We're open 9 till 6.",
]
OPEN_CLOSERS = [
    "Let me know!", "Any questions just ask", "Let us know what you think", "Just give us a shout 🙂",
    "Let us know if you want to go ahead.", "Hope that helps!", "Let me know if you need anything else.",
    "Give us a shout whenever.", "Just let us know!", "Any questions, just ask 🙂",
]
OPTION_ASKS = ["What works for you?", "When suits?", "Which is best for you?", "Let me know which day."]
HEDGES = [
    "uhh whichever really", "not sure tbh, depends on work", "idk, I'll see how the week goes",
    "hmm let me see", "any of them i guess",
]
HEDGES_ES = ["no sé, depende del trabajo", "cualquiera? ya te digo"]
MANY_QUESTIONS = [
    "What bike is it?", "When did it start?", "Is it the front or the back?",
    "Do you need it back this week?",
    "Is it hydraulic or cable?", "What size are the wheels?", "Has it been serviced before?",
    "Does it happen in every gear?", "Do you want a quote first?", "When would you like to drop it off?",
    "Is it a road bike or a hybrid?", "Are the tyres tubeless?",
]
PARTIAL_ANSWERS = [
    "its a giant", "the back one", "not sure tbh", "a few weeks ago", "hybrid",
    "this week if poss", "sorry that's a lot of questions 😅",
]
LATE_APOLOGIES = [
    "Sorry for the slow reply!", "Sorry, we were closed.", "Morning!", "Hi, sorry we missed this.",
    "",
]
LATE_LOST = [
    "sorted it at another shop, thanks anyway", "too late now, never mind", "all good, fixed it myself",
    "ah I needed it yesterday", "found somewhere open on sunday, cheers",
]
LATE_LOST_ES = ["ya lo arreglé en otro taller, gracias igual", "ya no hace falta, gracias"]
CHASERS = ["?", "hello?", "any news?", "hello? 🙏"]
THINK = [
    "I'll have a think and get back to you", "let me check with my wife",
    "let me check with my husband first",
    "ok thanks, will have a think", "hmm bit more than I wanted to spend, I'll let you know",
    "I'll see how payday goes", "ok let me think about it", "need to check my diary, will get back to you",
    "might leave it till next month", "ok, I'll come back to you",
]
THINK_ES = ["lo pienso y te digo", "vale, lo hablo con mi pareja y te digo", "déjame pensarlo"]
THINK_ACKS = ["No problem 👍", "No worries, just let us know", "Sure thing!", "No problem!"]
PERSON_ASKS = [
    "can someone just call me? easier to explain",
    "Could somebody ring me please? I don't really do messages",
    "can I speak to a person?", "prefer to talk on the phone tbh, can you call me?",
    "is there a number I can ring?", "can a mechanic call me?",
]
PERSON_ASKS_ES = ["me podéis llamar? es más fácil", "puedo hablar con alguien por teléfono?"]
PERSON_DEFLECT = [
    "We're a bit short on the phones, can you tell us here?", "Happy to help here! What's the problem?",
    "Easier if you message us, what's up with the bike?",
]
PERSON_REPEAT = [
    "I'd really rather speak to a person", "can't someone just ring me?",
    "I'm not great with texting sorry",
]
PERSON_PROMISES = [
    "Sure, we'll ring you this afternoon.", "No problem, we'll call you after 12.",
    "We'll give you a ring later.",
]
PERSON_CHASERS = [
    "still waiting for that call?", "did you try to ring? no missed calls here",
    "hello? nobody called",
]
BOOK_ASKS = [
    "Would {a} or {b} suit you better?", "We could do {a} or {b}, which is better?",
    "Would you like {a} or {b}?",
]
BOOK_OFFERS = ["Shall we book it in?", "Would you like to book it in?", "Want me to book you in?"]
YES = ["yes please", "yeah go on then", "yep", "go on then", "yes pls"]
YES_ES = ["sí, porfa", "vale, sí"]
PICKS = ["{d} please", "{d} works", "{d}!", "{d} pls", "{d} is perfect"]
PICKS_ES = ["el {d} mejor", "el {d} 👍", "{d} porfa"]
TIME_OF_DAY = [("morning", "morning please", ["09:00", "09:30", "10:00", "10:30"]),
               ("afternoon", "afternoon pls", ["13:00", "14:00", "15:00", "16:00"])]
BOOKED = ["Booked you in for {d} {t}, see you then!", "Great, booked you in for {d} at {t}. See you then!",
          "Booked you in for {d} {t}, see you then! Just bring it to the front counter."]
THANKS = [
    "thank you!", "Cheers!", "thanks so much 😊", "ta 👍", "brilliant, thanks", "thank you!! x",
    "legend, thanks",
]
THANKS_ES = ["muchas gracias!! 😊", "gracias!"]

PATTERNS = [
    ("booked", 30), ("no_next_step", 9), ("open_closer", 8), ("many_options", 8), ("many_questions", 8),
    ("late_answer", 9), ("unanswered", 8), ("price_only", 8), ("think_about_it", 8), ("asks_person", 4),
]
_PATTERN_TABLE = [name for name, weight in PATTERNS for _ in range(weight)]
assert len(_PATTERN_TABLE) == 100

_PRICE_QUESTIONS = {"tune": 0, "full": 1, "puncture": 2, "brake": 3}


# --- one conversation ----------------------------------------------------------------


class _Chat:
    """The messages of one conversation as (minute, second, sender, text)."""

    __slots__ = ("rng", "name", "first", "spanish", "t", "msgs", "used", "details")

    def __init__(self, rng, name, first, spanish, start):
        self.rng = rng
        self.name = name
        self.first = first
        self.spanish = spanish
        self.t = start
        self.msgs = []
        self.used = set()
        self.details = set()

    def say(self, sender, text):
        """Adds a message at minute self.t (at a later second than the last)."""
        second = self.rng.below(60)
        if self.msgs:
            last_minute, last_second = self.msgs[-1][0], self.msgs[-1][1]
            if self.t < last_minute:
                self.t = last_minute
            if self.t == last_minute and second <= last_second:
                second = last_second + 1 + self.rng.below(8)
                if second > 59:
                    self.t += 1
                    second -= 60
        self.msgs.append((self.t, second, sender, text))

    def question(self):
        """One of QUESTIONS this customer has not asked yet."""
        for _ in range(8):
            i = self.rng.below(len(QUESTIONS))
            if i not in self.used:
                break
        self.used.add(i)
        return QUESTIONS[i]

    def customer(self, text, later=True):
        if later:
            self.customer_waits()
        self.say(self.name, text)

    def customer_waits(self):
        """A customer's reply: mostly minutes, sometimes an hour or two, now and
        then the next day; kept within opening hours."""
        rng = self.rng
        r = rng.below(100)
        if r < 75:
            t = self.t + rng.between(1, 20)
        elif r < 95:
            t = self.t + rng.between(20, 90)
        else:
            t = self.t + _DAY - rng.between(0, 300)
        if not _is_open(t, 20):
            t = _next_open(t, rng) + rng.between(0, 240)
        self.t = t

    def business(self, text, slow=False):
        """The business answers: minutes (or an hour or more when slow), always
        before closing if the customer wrote while the shop was open."""
        rng = self.rng
        if slow:
            t = self.t + rng.between(60, 200)
        elif rng.chance(80):
            t = self.t + rng.between(1, 15)
        else:
            t = self.t + rng.between(15, 50)
        if not _is_open(t):
            if _is_open(self.t, 2):
                t = self.t + 1
            else:
                t = _next_open(self.t, rng)
        self.t = t
        self.say(BUSINESS, text)

    def business_now(self, text):
        """A second business message straight after the first."""
        if _is_open(self.t, 3):
            self.t += self.rng.between(0, 2)
        self.say(BUSINESS, text)

    def detail(self):
        """A detail about the bike this customer has not given yet."""
        pool = DETAILS_ES if self.spanish else DETAILS
        for _ in range(6):
            d = self.rng.pick(pool)
            if d not in self.details:
                break
        self.details.add(d)
        return d

    def text(self, english, spanish):
        if self.spanish and spanish:
            return self.rng.pick(spanish)
        return self.rng.pick(english)

    def greeting(self):
        g = self.rng.pick(GREETINGS)
        if g.startswith("Morning") and self.t % _DAY >= 12 * 60:
            g = "Hi {n}!"
        if not self.first:
            return "Hi there!"
        return g.replace("{n}", self.first)


def _days_after(minute, count, rng):
    """`count` different working days after `minute`'s day, in order, by name."""
    day = minute // _DAY + 1
    names = []
    while len(names) < count:
        wd = (day + 6) % 7
        if wd != 6 and rng.chance(75):
            names.append(_WEEKDAYS[wd])
        day += 1
    return names


def _join_days(days):
    return ", ".join(days[:-1]) + " or " + days[-1]


def _conversation(rng, pattern):
    spanish = rng.chance(8)
    if spanish:
        first = rng.pick(SPANISH_FIRST)
        name = first + " " + rng.pick(SPANISH_SURNAMES) if rng.chance(60) else first
    else:
        first = rng.pick(FIRST_NAMES)
        r = rng.below(100)
        if r < 45:
            name = first + " " + rng.pick(SURNAMES)
        elif r < 92:
            name = first
        else:
            name = "+44 7700 900%03d" % rng.below(1000)
            first = ""
    day = rng.below(56)
    while (day + 6) % 7 == 6:
        day = rng.below(56)
    start = day * _DAY + _OPEN + rng.between(0, 7 * 60 + 30)
    chat = _Chat(rng, name, first, spanish, start)
    service = rng.pick(SERVICE_KEYS)
    service_name, price = SERVICES[service]
    chat.used.add(_PRICE_QUESTIONS[service])  # its price comes at the end, if at all

    # opening: the problem, maybe a detail or a photo
    opener = chat.text(OPENERS[service], OPENERS_ES[service])
    if rng.chance(6):
        opener += "\n" + chat.detail()
    chat.customer(opener, later=False)
    if rng.chance(12):
        chat.t += rng.between(0, 1)
        chat.say(name, "<Media omitted>")
    if rng.chance(40):
        chat.t += rng.between(0, 3)
        chat.say(name, chat.detail())
    if rng.chance(1):
        chat.t += 1
        chat.say(name, "This message was deleted")
    reply = chat.greeting() + " " + rng.pick(FIRST_REPLIES[service])
    if rng.chance(50):
        reply += " A %s is £%d." % (service_name, price)
    chat.business(reply, slow=rng.chance(10))

    # the middle: questions and answers
    rounds = rng.between(3, 9)
    for _ in range(rounds):
        q = chat.question()
        question = chat.text(q[0], q[1])
        if rng.chance(4):
            question = chat.detail() + "\n" + question
        chat.customer(question)
        if rng.chance(8):
            chat.t += rng.between(0, 2)
            chat.say(name, chat.detail())
        answer = q[2]
        if rng.chance(15):
            answer += " 🙂"
        chat.business(answer, slow=rng.chance(8))
        if rng.chance(35):
            chat.customer(chat.text(ACKS, ACKS_ES))

    _ENDINGS[pattern](chat, rng, service, service_name, price)
    return chat.msgs


def _end_booked(chat, rng, service, service_name, price):
    if rng.chance(50):
        chat.business(rng.pick(BOOK_OFFERS))
        chat.customer(chat.text(YES, YES_ES))
    a, b = _days_after(chat.t, 2, rng)
    chat.business(rng.pick(BOOK_ASKS).format(a=a, b=b))
    day = a if rng.chance(50) else b
    chat.customer(chat.text(PICKS, PICKS_ES).format(d=_DIAS[day] if chat.spanish else day.lower()))
    _, pick, times = TIME_OF_DAY[rng.below(2)]
    if rng.chance(60):
        chat.business("Great. Morning or afternoon?")
        chat.customer(pick)
    chat.business(rng.pick(BOOKED).format(d=day, t=rng.pick(times)))
    chat.customer(chat.text(THANKS, THANKS_ES))
    if rng.chance(30):
        chat.business("👍")


def _end_no_next_step(chat, rng, service, service_name, price):
    chat.customer(chat.text(DROP_IN_ASKS, DROP_IN_ASKS_ES))
    chat.business(rng.pick(NO_NEXT_STEP), slow=rng.chance(30))


def _end_open_closer(chat, rng, service, service_name, price):
    info = "A %s is £%d. %s" % (service_name, price, SERVICE_INFO[service])
    closer = rng.pick(OPEN_CLOSERS)
    if rng.chance(50):
        chat.business(info + "\n" + closer)
    else:
        chat.business(info)
        chat.business_now(closer)


def _end_many_options(chat, rng, service, service_name, price):
    days = _days_after(chat.t, rng.between(3, 5), rng)
    text = "We can do %s. %s" % (_join_days(days), rng.pick(OPTION_ASKS))
    if rng.chance(30):
        text = "We can do %s, any time between 9 and 5. %s" % (_join_days(days), rng.pick(OPTION_ASKS))
    chat.business(text)
    if rng.chance(50):
        chat.customer(chat.text(HEDGES, HEDGES_ES))


def _end_many_questions(chat, rng, service, service_name, price):
    count = rng.between(3, 4)
    chosen = []
    while len(chosen) < count:
        q = rng.pick(MANY_QUESTIONS)
        if q not in chosen:
            chosen.append(q)
    chat.business(" ".join(chosen), slow=rng.chance(30))
    if rng.chance(40):
        chat.customer(rng.pick(PARTIAL_ANSWERS))
        if rng.chance(50):
            chat.business("Thanks! And the rest?")


def _end_late_answer(chat, rng, service, service_name, price):
    q = chat.question()
    question = chat.text(q[0], q[1])
    if rng.chance(25):
        # asked in the morning, answered 4-7 hours later the same day
        day = chat.t // _DAY + 1
        while (day + 6) % 7 == 6:
            day += 1
        chat.t = day * _DAY + _OPEN + rng.between(5, 120)
        chat.say(chat.name, question)
        chat.t += rng.between(240, 420)
        chat.t = min(chat.t, day * _DAY + _CLOSE - rng.between(6, 20))
    else:
        day = chat.t // _DAY
        weekday = (day + 6) % 7
        if weekday == 5 or (weekday == 4 and rng.chance(50)):
            # on a Friday or a Saturday the question may come on the Sunday
            day += 6 - weekday
            chat.t = day * _DAY + rng.between(8 * 60, 21 * 60)
        else:
            # otherwise in an evening (today's if it is not too late already)
            if chat.t % _DAY >= 19 * 60:
                day += 1
            chat.t = day * _DAY + rng.between(19 * 60, 22 * 60 + 30)
        chat.say(chat.name, question)
        if rng.chance(30):
            chat.t += rng.between(1, 3)
            chat.say(chat.name, chat.detail())
        chat.t = _next_open(chat.t, rng) + rng.between(0, 120)
    apology = rng.pick(LATE_APOLOGIES)
    chat.say(BUSINESS, (apology + " " if apology else "") + q[2] + " Can you bring it in today?")
    if rng.chance(50):
        chat.customer(chat.text(LATE_LOST, LATE_LOST_ES))


def _end_unanswered(chat, rng, service, service_name, price):
    q = chat.question()
    chat.customer(chat.text(q[0], q[1]))
    if rng.chance(30):
        chat.t += rng.between(10, 60)
        chat.say(chat.name, rng.pick(CHASERS))


def _end_price_only(chat, rng, service, service_name, price):
    q = QUESTIONS[_PRICE_QUESTIONS[service]]
    chat.customer(chat.text(q[0], q[1]))
    forms = ["A %s is £%d." % (service_name, price), "It's £%d." % price, "£%d 🙂" % price,
             "%s is £%d." % (service_name.capitalize(), price)]
    chat.business(rng.pick(forms), slow=rng.chance(30))


def _end_think_about_it(chat, rng, service, service_name, price):
    chat.business("A %s is £%d. %s" % (service_name, price, rng.pick(BOOK_OFFERS)))
    chat.customer(chat.text(THINK, THINK_ES))
    if rng.chance(50):
        chat.business(rng.pick(THINK_ACKS))


def _end_asks_person(chat, rng, service, service_name, price):
    ask = chat.text(PERSON_ASKS, PERSON_ASKS_ES)
    if rng.chance(50):
        ask += " 07700 900%03d" % rng.below(1000)
    chat.customer(ask)
    r = rng.below(3)
    if r == 0:
        chat.business(rng.pick(PERSON_DEFLECT), slow=rng.chance(40))
        chat.customer(rng.pick(PERSON_REPEAT))
    elif r == 1:
        chat.business(rng.pick(PERSON_PROMISES))
        chat.t = _next_open(chat.t, rng)
        chat.say(chat.name, rng.pick(PERSON_CHASERS))


_ENDINGS = {
    "booked": _end_booked,
    "no_next_step": _end_no_next_step,
    "open_closer": _end_open_closer,
    "many_options": _end_many_options,
    "many_questions": _end_many_questions,
    "late_answer": _end_late_answer,
    "unanswered": _end_unanswered,
    "price_only": _end_price_only,
    "think_about_it": _end_think_about_it,
    "asks_person": _end_asks_person,
}


# --- the corpus ------------------------------------------------------------------------


def _build(conversations, seed):
    rng = _Lcg(seed)
    width = max(5, len(str(conversations)))
    lines = []
    patterns = []
    sender_json = {BUSINESS: _json_str(BUSINESS)}
    for i in range(1, conversations + 1):
        pattern = _PATTERN_TABLE[rng.below(100)]
        patterns.append(pattern)
        head = '{"conversation": "chat-%0*d", "time": "' % (width, i)
        for minute, second, sender, text in _conversation(rng, pattern):
            s = sender_json.get(sender)
            if s is None:
                s = _json_str(sender)
            lines.append(head + _stamp(minute, second) + '", "sender": ' + s
                         + ', "text": ' + _json_str(text) + "}")
    return lines, patterns


def generate(conversations, seed=20261204):
    """JSONL text (one message a line, ending in a newline) of `conversations`
    generated chats, the same for the same seed."""
    lines, _ = _build(conversations, seed)
    return "\n".join(lines) + "\n" if lines else ""


def labels(conversations, seed=20261204):
    """How each conversation of generate(conversations, seed) ends: a list of
    the PATTERNS names, the first for chat-00001."""
    return _build(conversations, seed)[1]


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 10))
