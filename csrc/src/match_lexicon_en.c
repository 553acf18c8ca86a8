/*
 * match_lexicon_en.c — the English concept lexicon of match.h: what
 * customers of any small business write about prices, hours, bookings,
 * places, changes, payment and so on, grouped by concept, plus the function
 * words that carry no topic. Pure data and one light stemmer; phrases are in
 * normalised form (lower case, no accents, apostrophes dropped) and are
 * stemmed like the messages are when the matcher is trained.
 */
#include "match.h"

/* Concepts: '|' separates phrases (one to four words). A phrase may sit in
 * several concepts. Weak concepts (days, parts of the day, people) help the
 * model but do not count as a message's topic. */
static const ty_mlex_concept mlen_concepts[] = {
    {"price", TY_MLEX_ACT,
     "price|prices|pricing|priced|pricey|cost|costs|costing|costly|how much|how much is|how much are|how much does|"
     "how much do|how much for|how much to|what do you charge|charge|charges|fee|fees|rate|rates|tariff|quote|"
     "quotation|estimate|expensive|cheap|cheaper|cheapest|inexpensive|affordable|afford|budget|price list|"
     "set me back|the damage|whats the damage|dollars|dollar|bucks|pounds|quid|euros|$|£|€|per hour|per session|"
     "per class|per day|per month|value|worth it|deal|deals|bargain|ballpark|roughly how much|pay for|"
     "per head|per person|per night|per hour|hourly|hourly rate|call out fee|call out charge|how much would|"
     "how much will|what would it cost|rough idea|rough cost|pricing|prices start|from how much|cost me|"
     "free quote|free estimate|corkage|what do i owe|total"
     "|free of charge|for free|no charge|complimentary|at no cost|no extra cost|extra charge|extra cost|"
     "pay extra|additional cost|additional charge|hidden fees|hidden costs|hidden charges|price range|"
     "starting price|starts at|starting from|minimum charge|flat fee|flat rate|fixed price|fixed fee|"
     "labour rate|labour cost|labor cost|cost of|price of|price for|prices for|whats the cost|"
     "whats the price|how pricey|too expensive|reasonable|reasonably priced|per week|per visit|"
     "per lesson|per treatment|per item|per kilo|per mile|hw much|how mch|howmuch|hm much|prise|"
     "prices are|costings|charged for|what does it cost|what will it cost|what does it come to|"
     "how much would it be|how much will it be|pricing info|cost breakdown|rough price|average cost|"
     "typical cost|ball park|ballpark figure|guide price|within budget|on a budget|under budget|"
     "cost effective|value for money|good value|overpriced|steep|pricier|cheapo"
     "|discount|discounts|discounted|student discount|student rate|concession|concessions|reduced rate|"
     "reduced price|offer|offers|special offer|intro offer|promo|promotion|promo code|coupon|voucher|"
     "vouchers|money off|percent off|early bird|happy hour|cheaper rate|price match"
     "|spend|spending|spent|minimum spend|pay for it|be paying|would i pay|by the hour|by the piece|per piece|"
     "thousands|hundreds|in the region of|ball park figure|what sort of money|how much money"},
    {"discount", TY_MLEX_ACT,
     "discount|discounts|discounted|student|students|student rate|concession|concessions|reduced|reduction|offer|"
     "offers|special offer|intro offer|introductory|promo|promotion|promo code|coupon|voucher|vouchers|code|"
     "money off|percent off|off peak|loyalty|referral|senior discount|nhs discount|military discount|"
     "price match|cheaper rate|free trial|trial"
     "|reduced rate|reduced price|low income|unemployed|key worker|key workers|blue light|veteran|"
     "veterans|oap|family discount|multi buy|2 for 1|two for one|bogof|early bird|happy hour|sale price|"
     "first visit free|first session free|first class free|new customer|new customers|new client|"
     "new clients|cashback|cash back|deal on|any deals|special deal|special rate|special price|"
     "discount code|voucher code|offer code|student discount|student price|concession price|"
     "group discount|bulk discount|refer a friend"},
    {"membership", TY_MLEX_ACT,
     "membership|memberships|member|members|subscription|subscribe|monthly|annual|yearly|pass|passes|"
     "class pass|bundle|package|packages|plan|plans|unlimited|pack|packs|credits|credit|contract"
     "|joining fee|sign up fee|direct debit|pay as you go|payg|drop in rate|season ticket|block booking|"
     "punch card|loyalty card|renew|renewal|renewing|freeze|freeze my|pause my|multi pass|10 pack|5 pack|"
     "class card|term|termly|per term|monthly fee|annual fee|yearly fee|membership fee"},
    {"payment", TY_MLEX_ACT,
     "pay|paying|paid|payment|payments|card|cards|credit card|debit card|cash|contactless|apple pay|google pay|"
     "paypal|bank transfer|transfer|invoice|invoices|receipt|receipts|bill|billing|billed|deposit|deposits|"
     "instalment|instalments|installment|installments|finance|financing|pay monthly|pay later|klarna|cheque|"
     "spread the cost|spread the payments|payment plan|monthly payments|apple pay|amex|visa|mastercard|vat|tip|"
     "tips|tipping|service charge|gratuity|on completion|after the job|"
     "check out|checkout|upfront|in advance|charged|overcharged|refund|refunds|refunded|money back|reimburse|coin|coins|change for|card machine"
     "|pay by card|card payment|chip and pin|cash only|pay cash|pay in cash|pay on the day|"
     "pay on arrival|pay at the door|pay online|pay over the phone|bank details|sort code|account number|"
     "iban|bacs|direct debit|standing order|venmo|zelle|cash app|revolut|crypto|bitcoin|interest free|"
     "0 finance|buy now pay later|clearpay|afterpay|split the payment|split payment|split the bill|"
     "in installments|in instalments|payment methods|payment options|how do i pay|how can i pay|"
     "ways to pay|accept card|accept cards|take card|take cards|do you take|do you accept|pay you|"
     "paid you|owe you|outstanding balance|balance|settle|settle up"
     "|put down|money down|money i put down|pay upfront|up front|non refundable|nonrefundable|refundable|"
     "booking fee|holding fee|secure the date|lose my deposit|lose the deposit"},
    {"insurance", TY_MLEX_ACT,
     "insurance|insured|insurer|insurers|covered|cover|coverage|claim|claims|health plan|medical aid|"
     "medicare|medicaid|private health|health insurance|policy holder|excess|copay|co pay|out of pocket|"
     "in network|out of network|network|benefits|hsa|fsa"},
    {"open_hours", TY_MLEX_ACT,
     "open|opens|opening|opened|close|closes|closing|closed|shut|shuts|hours|opening hours|opening times|timings|"
     "business hours|working hours|office hours|till|until|how late|how early|latest|earliest|"
     "open late|open early|open on|still open|closed on|time do you|what time|what times|timetable|"
     "schedule|schedules|calendar|rota|24 7|24 hours|all day|bank holiday|bank holidays|public holiday|"
     "holidays|holiday hours"
     "|open today|open tomorrow|open now|are you open|when do you open|when do you close|"
     "what time do you open|what time do you close|opening time|closing time|open til|open till|"
     "open until|last entry|last orders|last order|kitchen closes|trading hours|hours of business|"
     "weekend hours|sunday hours|christmas hours|seasonal hours|lunch break|closed for lunch|"
     "open bank holiday|closed bank holiday|opening days|days open|days you are open|shut today|"
     "closed today"
     "|operate|operating|operating hours|days of the week|which days|what days|open days"},
    {"when", TY_MLEX_WEAK,
     "when|whens|what time|time|times|how soon|soonest|next|earliest|latest|how late|how early|o clock|"
     "oclock|hour|hours|minute|minutes|mins|min|hr|hrs|am|pm|noon|midday|midnight"},
    {"day", TY_MLEX_WEAK,
     "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|"
     "sun|weekday|weekdays|weekend|weekends|wknd|today|tdy|tonight|tonite|tomorrow|tmrw|tmr|tmw|tomoz|"
     "yesterday|week|weeks|this week|next week|month|months|fortnight|date|dates|day|days|daily|"
     "christmas|xmas|easter|new year|new years|thanksgiving|eve|january|february|march|april|june|july|"
     "august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|oct|nov|dec"},
    {"daypart", TY_MLEX_WEAK,
     "morning|mornings|afternoon|afternoons|evening|evenings|night|nights|lunchtime|lunch time|lunch|"
     "after work|before work|early|late|arvo|tonight|dawn|first thing|end of the day"},
    {"location", TY_MLEX_ACT,
     "where|wheres|where is|where are|whereabouts|address|location|located|locate|find you|find the|"
     "find it|get there|get to you|get to the|how do i get|directions|direction|map|maps|google maps|"
     "postcode|post code|zip|zip code|satnav|sat nav|gps|near|nearby|nearest|close to|next to|opposite|"
     "behind|across from|around the corner|street|road|avenue|lane|st|rd|ave|building|floor|upstairs|"
     "downstairs|entrance|door|far|how far|distance|walking distance|walk from|area|neighbourhood|closest|nearest to|near me|near here|get to|how to get|easy to get to|find us|map link|pin|find|lost|cant find|postcode for|whereabouts|where abouts|"
     "neighborhood|town|city|city centre|town centre|downtown|high street|landmark|which way|sign|signs|lift|elevator|stairs|steps|step free|wheelchair|access|outside|inside|which door|front door|back door"
     "|based|based in|your address|postal address|premises|unit|industrial estate|retail park|"
     "shopping centre|shopping center|mall|plaza|next door|opposite the|find your|coming from|"
     "from the station|from town|directions to|whereabouts are you|where exactly|which part of town|"
     "location of|pin drop|drop a pin|send me the address|send the address|exact address"
     "|addy|postcode|post code|zip code|whereabouts|directions"},
    {"transport", TY_MLEX_ACT,
     "park|parking|car park|parking lot|parking space|garage|drive|driving|car|bus|buses|bus stop|train|"
     "station|tube|subway|metro|underground|tram|taxi|uber|cab|walk|walking|on foot|cycle|cycling|bike rack|"
     "bike racks|public transport|route|motorway|highway|exit|junction|taxi rank|rank|lift|dropped off|"
     "drop off point|coach|ferry"
     "|permit|pay and display|free parking|street parking|disabled parking|blue badge|parking meter|"
     "park nearby|park outside|park near|drive there|driving there|bus route|bus number|train station|"
     "nearest station|nearest stop|cycle there|bike parking|parking available|somewhere to park|"
     "where to park|where can i park|can i park|parking fee|parking charge|car parking|on street"},
    {"access", TY_MLEX_ACT,
     "wheelchair|wheelchairs|accessible|accessibility|access|disabled|disability|step free|ramp|stairs|"
     "steps|lift|elevator|mobility|walking frame|walker|crutches|blind|deaf|hearing loop"},
    {"booking", TY_MLEX_ACT,
     "book|books|booking|bookings|booked|appointment|appointments|appt|appts|reserve|reserved|reservation|"
     "reservations|slot|slots|spot|spots|space|spaces|place|places|availability|available|free slot|"
     "free slots|opening|openings|sign up|sign me up|signup|register|registration|enrol|enroll|enrolment|"
     "put me down|put me in|book me|book me in|fit me in|squeeze me in|get me in|get in|come in|come by|"
     "pop in|drop in|walk in|walk ins|walk in|waitlist|waiting list|wait list|join|make an appointment|"
     "set up|arrange|schedule|full|fully booked|any room|room for|see me|see someone|visit|"
     "can i come|can i bring|squeeze in|fit in|squeeze me|get into|space for|come along|come to|try|try out|give it a go|attend|"
     "party of|for two|for 2|for four|for 4|pop round|come round|"
     "come out|call out|callout|send someone|someone out|get someone|visit|next available|earliest|"
     "any chance|got room|room for|any space|rebook|pencil me in|sort a time|when can you"
     "|book in|booking in|pencil in|hold a spot|hold a place|save me a|save a spot|save a place|"
     "can i come in|come in on|drop by|stop by|swing by|book a slot|book an appointment|"
     "drop it in|drop it off|drop it round|drop it by|bring it in|bring it round|bring it by|bring it over|"
     "drop them in|drop them off|bring them in|drop her in|bring her in|leave it with you|leave it in|"
     "get an appointment|get a slot|first available|next slot|earliest slot|any availability|any slots|"
     "any spaces|any openings|do you have room|have space|make a booking|make a reservation|want to come|"
     "like to come|arrange a visit|arrange a time|someone to come|someone round|come over|come and look|"
     "come and see|booked in|get booked|schedule a|set up a|lined up|enrolling|sign up for|join the|"
     "are you free|you free on|free on|free this|free next|can you do|can you fit|can you squeeze|"
     "can i see|get seen|be seen|seen today|seen this week|appointment for|appointment on|"
     "appointment with|slot for|slot on|spot for|space on|place on|room on|availability for|"
     "availability on|available on|available for|avail|availibility|availablity|apointment|appointmnet|"
     "appoitment|bookin|reserv|resevation"
     "|on your books|on ur books|your books|lock in|lock in a date|secure a date|secure a slot|secure a spot|"
     "first come first served|by appointment|appointment only|walk up|turn up|just turn up|rock up|fit me"},
    {"cancel", TY_MLEX_ACT,
     "cancel|cancels|cancelled|canceled|cancelling|canceling|cancellation|cancellations|call off|unbook|"
     "drop out|pull out|no show|no shows|not coming|cant come|cant make|cant make it|wont make|"
     "wont make it|wont be able|not able to make|miss|missed|missing|skip|opt out of|withdraw|"
     "dont need|no longer need|late cancel|something came up|came up|take me off|off the list|remove me from|dont show|dont show up|not show up|didnt show|dont turn up|last minute|short notice|late notice|wont need|not need|no longer|anymore|any more|dont want it|not needed|not going to make|wont be there|"
     "cant be there|wont be home|wont be in|not be in|fixed it myself|sorted it"
     "|cancel it|call it off|scrap|scrap it|forget it|never mind|nevermind|no need|dont bother|back out|"
     "change of plans|change of plan|plans changed|unable to attend|unable to come|not going to come|"
     "wont be coming|cant attend|cant do it|have to cancel|need to cancel|cancel fee|cancellation fee|"
     "notice period|24 hours notice|48 hours notice|how much notice|cancel my|cancelation|cancle|cancell|"
     "cansel"},
    {"reschedule", TY_MLEX_ACT,
     "reschedule|rescheduled|rescheduling|rearrange|rearranged|move|moved|moving|change|changed|changing|"
     "swap|swapped|switch|switched|postpone|postponed|push back|bring forward|another day|another time|"
     "different day|different time|other day|later|earlier|instead|amend|update my booking|transfer|wrong day|wrong time|wrong date|by mistake|running late|day later|day earlier|bring it forward|"
     "instead of|rather than|rebook|rearrange it|push it back|move it|change it|change the date|change the time|"
     "later slot|earlier slot|add|add people|fewer|extra people|more people|less people|numbers"
     "|move my|move the|change my booking|change my appointment|change my reservation|different slot|"
     "another slot|new time|new date|later date|earlier date|put it back|put back|defer|bump|shift|"
     "another week|swap days|swap my|rather come|prefer|can we do|could we do|make it|make that|"
     "fewer people|extra person|one more person|plus one|headcount|head count|numbers have changed|"
     "change the number|change numbers|update the number|resched|re schedule|re arrange|re book|move to|"
     "moved to|change to|changed to|switch to"},
    {"status", TY_MLEX_ACT,
     "ready|done|finished|finish|status|update|updates|progress|news|any news|how long|how much longer|"
     "when will|eta|collect|collection|pick up|pickup|picked up|come and get|get it back|turnaround|"
     "turn around|still waiting|waiting for|wait|how is it going|coming along|results|result|back yet|grab|how many days|had a chance|got round|looked at it|fixed yet|sorted yet"
     "|where is my|wheres my|any word|any news on|heard anything|how is my|hows my|getting on with|"
     "is it done|is it ready|when will it be ready|when can i collect|when can i pick|"
     "ready for collection|ready to collect|ready to pick up|finished yet|done yet|have you fixed|"
     "have you finished|update on|chase|chasing|following up|follow up|check on|checking on|progress on|"
     "track my|tracking|been a week|been ages|heard nothing|not heard|havent heard|when will it be done|"
     "when will it be finished|be done by|ready by|done by|finished by"},
    {"duration", TY_MLEX_ACT,
     "how long|long does|how long does|take|takes|taking|duration|last|lasts|length|minutes|hour long|"
     "how many minutes|how many hours|how many days|quick|quickly|long"
     "|how long will|how long is|how long are|how long would|how much time|time does it take|"
     "takes how long|half an hour|an hour|couple of hours|hours long|turnaround time|how long for|"
     "how long to|how long do|length of|long is|long are|over running|overrun|run over"},
    {"urgent", TY_MLEX_ACT,
     "emergency|emergencies|urgent|urgently|asap|as soon as possible|right away|right now|immediately|"
     "straight away|same day|today|now|quickly|fast|soon|soonest|at once|out of hours|after hours|"
     "weekend emergency|cant wait|desperate|help"
     "|emergency call|urgent help|need help now|need someone now|need someone today|need someone asap|"
     "quick response|response time|how fast|how quickly|how soon can|right this minute|24 hour|24 7|"
     "middle of the night|cant wait until|cant wait till|critical|serious|dangerous|danger|disaster|"
     "panicking|help asap|quick as possible|as fast as|urgnt|urgant|emergancy|emergecy|immediate|"
     "now please"},
    {"pain", TY_MLEX_ACT,
     "pain|painful|pains|hurt|hurts|hurting|ache|aches|aching|sore|soreness|throbbing|sharp pain|"
     "bleeding|bleed|bleeds|blood|swollen|swelling|swell|infection|infected|abscess|injury|injured|injure|"
     "broken|broke|cracked|crack|chipped|chip|fell out|knocked out|sensitive|sensitivity|numb|tender|"
     "inflamed|agony|killing me|bad|worse|worst"
     "|unbearable|stinging|burning|itchy|itching|itch|rash|bruise|bruised|sprain|sprained|strain|"
     "strained|pulled a muscle|twisted|tweaked|stiffness|cramp|cramps|spasm|twinge|discomfort|"
     "uncomfortable|tenderness|migraine|headache|headaches|toothache|backache|earache|sore throat|ouch|"
     "hurt myself|injured myself|in pain|throbs|throb|flare up|flared up|niggle|niggling"},
    {"health", TY_MLEX_TOPIC,
     "health|healthy|medical|condition|conditions|illness|ill|sick|unwell|surgery|operation|rehab|"
     "rehabilitation|recovery|recovering|physio|injury|injuries|back problems|bad back|back pain|bad knee|knee|knees|"
     "neck|hip|hips|shoulder|shoulders|joint|joints|arthritis|diabetes|diabetic|blood pressure|"
     "heart|asthma|allergy|allergies|allergic|medication|medicine|pregnant|doctor|gp|nurse|safe|safety"
     "|ankle|ankles|foot|feet|wrist|wrists|elbow|elbows|leg|legs|hamstring|hamstrings|calf|calves|muscle|"
     "muscles|spine|spinal|sciatica|posture|pelvic|pelvis|pelvic floor|bone|bones|ligament|tendon|tooth|"
     "teeth|gum|gums|jaw|eye|eyes|ear|ears|stomach|tummy|mental health|depression|insomnia|cholesterol|"
     "cancer|chemo|hospital|clinic|surgeon|physiotherapist|osteopath|osteo|chiropractor|chiro|optician|"
     "pharmacy|pharmacist|prescription|prescriptions|symptom|symptoms|diagnosis|diagnosed|heal|healing|"
     "post op|post surgery|hip replacement|knee replacement|meds|pills|inhaler|epilepsy|seizures|"
     "heart condition|pacemaker|medically|mobility issues|chronic|high blood pressure|low blood pressure|"
     "bad hip|bad shoulder|frozen shoulder|slipped disc|hernia|osteoporosis|fibromyalgia|long covid|"
     "covid|virus|flu|cold|fever|contagious|vaccinated|jab"},
    {"pregnancy", TY_MLEX_TOPIC,
     "pregnant|pregnancy|prenatal|pre natal|antenatal|ante natal|postnatal|post natal|"
     "postpartum|post partum|trimester|maternity|bump|mum to be|mom to be|due date|weeks pregnant|"
     "baby|babies|newborn|new mum|new mom|breastfeeding|nursing|expecting a baby|im expecting|is expecting|shes expecting|were expecting|mum|mums|mom|moms|mummy|mother|mothers|mama"
     "|preggers|preggo|ttc|trying to conceive|conceive|fertility|ivf|c section|caesarean|cesarean|"
     "gave birth|giving birth|weeks along|months pregnant|first trimester|second trimester|"
     "third trimester|after birth|after having a baby|after baby|since having|my wife is expecting|"
     "wife is expecting|partner is expecting|wife is pregnant|partner is pregnant|girlfriend is pregnant|"
     "she is pregnant|shes pregnant|mother to be|mums to be|moms to be|baby bump|bumps|expectant|"
     "expectant mother|maternity leave|post birth|pregnancy safe"},
    {"kids", TY_MLEX_ACT,
     "kid|kids|child|children|childs|son|sons|daughter|daughters|toddler|toddlers|baby|babies|infant|"
     "infants|teen|teens|teenager|teenagers|boy|boys|girl|girls|little one|little ones|youngster|"
     "junior|juniors|family|families|school|age|ages|years old|year old|yr old|under 5|under 18|minor|"
     "minors|childrens|kiddo|kiddos|kids menu|childrens menu|family friendly|child friendly|little ones|"
     "under fives|2 year old|year olds|fussy eaters|kids eat free"
     "|my boy|my girl|lad|lads|nephew|niece|grandson|granddaughter|grandkids|grandchildren|stepson|"
     "stepdaughter|twins|preschool|preschooler|nursery|primary school|secondary school|high school|"
     "under 12|under 16|under 10|age limit|age restriction|minimum age|how old|too young|after school|"
     "half term|school holidays|holiday club|kids club|kids party|childrens party|creche|childcare|"
     "babysit|babysitting|babysitter|nappy|nappies|diaper|diapers|kids meal|kids meals|childrens meal|"
     "little man|little girl|little boy|kiddies|kiddie|my little|tots|tot|young ones|young people|youth|"
     "under twelve"},
    {"older", TY_MLEX_ACT,
     "older|elderly|senior|seniors|pensioner|pensioners|retired|retiree|over 60|over 65|over 70|old age|"
     "aged|grandparent|grandma|grandpa|granny"
     "|in my sixties|in my seventies|pension|pensions|old people|older people|older adults|later life|"
     "over 50|grandad|grandmother|grandfather|nan|nana"},
    {"beginner", TY_MLEX_ACT,
     "beginner|beginners|begin|beginning|first time|first timer|first timers|first ever|new|newbie|newbies|"
     "newcomer|novice|never|never done|never tried|never been|never had|inexperienced|no experience|"
     "experience|experienced|level|levels|all levels|intro|introduction|introductory|basics|basic|"
     "foundation|foundations|start|starting|started|starter|get started|learn|learning|easy|easiest|"
     "gentle|hard|difficult|too hard|keep up|unfit|fitness level|nervous|anxious|scared|worried|"
     "what to expect|what should i expect|suitable|suit me|right for me|ok for|recommend|which one|stiff|flexible|inflexible|not flexible|out of shape|unfit|overweight|first one|never ever"
     "|complete beginner|total beginner|absolute beginner|brand new|noob|rookie|not very fit|not fit|"
     "havent done|been years|out of practice|rusty|get back into|getting back into|returning|"
     "first lesson|first session|first visit|first appointment|never been before|no idea|clueless|"
     "dont know how|how does it work|what happens|what happens at|walk me through|taster|taster session|"
     "trial class|try it out|try a class|have a go|give it a try|dont know the|dont know what|"
     "havent a clue|new to|new to this|new here|new starter|just starting|just started|starting out|"
     "from scratch"},
    {"advice", TY_MLEX_ACT,
     "recommend|recommends|recommended|recommendation|recommendations|suggest|suggestion|advise|advice|"
     "which one|which ones|which service|which class|which should|should i get|should i go for|should i choose|"
     "what do you recommend|what would you recommend|whats best|what is best|best for me|best option|"
     "difference|the difference|difference between|worth it|is it worth|which is better|better for|"
     "right for me|suit me|suitable|suits me|good for me|choose|choosing|pick|decide"
     "|which would you|what would suit|what would be best|best way|pros and cons|compare|comparison|"
     "versus|vs|or should i|help me choose|help me decide|cant decide|tips|any tips|guidance|opinion|"
     "your thoughts|would you say|recomend|reccomend|recommed|sugest|advise me|which type|what type|"
     "what kind"},
    {"request", TY_MLEX_WEAK,
     "want|wanna|i want|need|i need|would like|id like|looking for|can i get|can i have|could i get|"
     "after|keen on"},
    {"private", TY_MLEX_ACT,
     "private|privately|one to one|1 to 1|one on one|1 on 1|121|personal|personally|individual|"
     "individually|just me|just us|bespoke|tailored|exclusive|home visit|home visits|at home|my house|"
     "my home|come to me|come to my|house call|mobile service|tutor|tuition|coaching|personal trainer|1 1|one 2 one|1 2 1"
     "|just for me|only me|on my own|solo|by myself|personal session|pt|pt session|private class|"
     "private lesson|private lessons|private tuition|semi private|small group|come to you|at your place|"
     "in home|in my home|house visit|one off|one to one session|121 session|1 2 1 session|"
     "personal training"},
    {"group", TY_MLEX_ACT,
     "group|groups|corporate|company|companies|office|workplace|work event|work party|work outing|team building|team|teams|colleagues|staff|employees|"
     "business|party|parties|hen|hen party|stag|stag do|birthday|birthday party|event|events|celebration|"
     "wedding|friends|club|society|school group|colleagues|work do|christmas party|office party|hire the|rent the|whole|together|bulk|large group|"
     "for 10|for 15|for 20|people|group size|how many people|max|maximum|how many can|seat|seats|seating|big group|large party|host|hosting|venue|celebrate|anniversary|engagement|christening|baby shower|"
     "leaving do|retirement|reunion|function|functions|private room|private dining|guests|bash|gathering|"
     "hen do|occasion|exclusive use|hire the whole|the whole place"
     "|hen night|stag night|bachelorette|bachelor party|team day|away day|team outing|office do|"
     "christmas do|xmas do|xmas party|birthday do|birthday meal|birthday celebration|anniversary dinner|"
     "graduation|leaving party|farewell|funeral|baptism|communion|bar mitzvah|bat mitzvah|party booking|"
     "book the whole|private hire|hire out|buy out|buyout|exclusive hire|for a group|our group|"
     "a group of|group of|group booking|party size|guest list|number of guests|big party|a few of us|"
     "crowd|mates|private party|private event|private function|celebration meal|corporate event|"
     "corporate booking|company event|company party|team event|works do|birthday bash"},
    {"staff", TY_MLEX_ACT,
     "teacher|teachers|instructor|instructors|trainer|trainers|coach|coaches|therapist|therapists|"
     "practitioner|practitioners|specialist|specialists|expert|experts|professional|professionals|"
     "technician|technicians|mechanic|mechanics|dentist|dentists|doctor|doctors|hygienist|hygienists|"
     "nurse|nurses|stylist|stylists|barber|barbers|consultant|consultants|staff|team|someone|somebody|"
     "person|owner|manager|qualified|qualification|qualifications|certified|trained|experience"
     "|same person|same stylist|same therapist|same teacher|who will|who does|whos doing|request someone|"
     "ask for|engineer|engineers|plumber|plumbers|electrician|builder|builders|tradesman|tradesmen|"
     "groomer|groomers|vet|vets|surgeon|physio|physiotherapist|osteopath|chiropractor|tutor|tutors|"
     "driver|drivers|cleaner|cleaners|chef|receptionist|assistant|apprentice|male|female|lady|gentleman|"
     "woman|man|guy|fitter|fitters|installer|installers|operative|surveyor|staff member|employee|worker|"
     "workers|the lads|your guys|your people|your team|your staff"},
    {"bring", TY_MLEX_ACT,
     "bring|bringing|take with|need to bring|what to bring|should i bring|do i need|need my own|own|"
     "provide|provided|provides|supply|supplied|included|include|includes|equipment|kit|gear|"
     "prepare|preparation|beforehand|ready for|what should i"
     "|what do i need|what will i need|need to have|do i have to bring|must i bring|should i have|"
     "required|requirements|essentials|checklist|packing|what to pack|take along|have with me|on the day|"
     "bring anything|bring my own|bring your own|provided for|supplied for|do you provide|do you supply|"
     "do you have spare|spare|spares|borrow one"},
    {"clothing", TY_MLEX_ACT,
     "wear|wearing|clothes|clothing|outfit|dress|dress code|shoes|shoe|trainers|sneakers|barefoot|socks|"
     "sock|grip socks|leggings|shorts|trousers|pants|top|tops|shirt|t shirt|sports bra|kit|uniform|"
     "jacket|coat|helmet|gloves|glasses|jewellery|jewelry|hair tie|comfy|comfortable|loose"
     "|attire|dress up|smart casual|casual|fancy dress|costume|footwear|boots|wellies|flip flops|sandals|"
     "heels|gym clothes|sportswear|activewear|yoga pants|joggers|tracksuit|swimwear|swimsuit|"
     "swimming costume|goggles|hat|cap|hoodie|layers|waterproof|waterproofs|apron|gown|robe|bra|"
     "underwear|tights|jeans|bare feet|non slip|grippy socks|grip sock"},
    {"facilities", TY_MLEX_ACT,
     "shower|showers|changing room|changing rooms|change room|changing|toilet|toilets|bathroom|bathrooms|"
     "restroom|restrooms|loo|locker|lockers|storage|leave my bag|bag|bags|wifi|wi fi|water|water fountain|"
     "towel|towels|hairdryer|hair dryer|mirror|cafe|coffee|waiting room|waiting area|seating|kitchen|"
     "facilities|facility|amenities|air con|air conditioning|heating|mat|mats|equipment|studio|room|rooms|somewhere to change|place to change|get changed|changing facilities|"
     "high chair|high chairs|highchair|baby changing|changing table|pram|prams|buggy|pushchair|stroller|"
     "crayons|play area|garden|terrace|outdoor seating|outside seating|heated|toilets"
     "|towel service|towels provided|hair dryers|hairdryers|straighteners|locker room|padlock|"
     "changing area|shower gel|shampoo|toiletries|drinking water|water bottle|water bottles|refill|"
     "vending machine|lounge|reception area|disabled toilet|accessible toilet|bike storage|"
     "air conditioned|aircon|fan|temperature|wifi password|phone charger|showers available|"
     "changing rooms available|lost property|left my|left behind|forgot my"},
    {"food", TY_MLEX_TOPIC,
     "eat|eating|ate|food|meal|meals|breakfast|brunch|lunch|dinner|supper|snack|snacks|drink|drinking|drinks|"
     "hungry|empty stomach|diet|vegan|vegetarian|gluten|allergy|allergies|menu|menus|dish|dishes|starter|"
     "starters|main|mains|main course|dessert|desserts|pudding|side|sides|specials|special|dish of the day|"
     "chef|chefs|cook|cooking|cuisine|kitchen|tasting menu|set menu|a la carte|portion|portions|plate|plates|"
     "pizza|pizzas|burger|burgers|pasta|salad|salads|soup|sandwich|sandwiches|steak|chicken|beef|pork|lamb|"
     "fish|seafood|meat|veg|vegetables|fries|chips|cake|cakes|bread|coffee|tea|wine|wines|beer|beers|"
     "cocktail|cocktails|bar|buffet|catering|cater|caterer|food to go|grub"
     "|on the menu|whats on|specials board|daily special|daily specials|todays special|soup of the day|"
     "set lunch|set dinner|sunday roast|roast|sharing|platter|nibbles|tapas|sushi|curry|noodles|rice|"
     "tacos|burrito|kebab|dessert menu|wine list|drinks menu|cocktail menu|juice|smoothie|soft drinks|"
     "alcohol|byob|bring your own bottle|homemade|portion size|portion sizes|starving|bite to eat|nosh|"
     "eats|foods|dining|dine|dine in|eat in|meal deal|early bird menu|lunch menu|dinner menu|"
     "breakfast menu|brunch menu|vegan menu|kids menu|seasonal menu|chefs special|chefs specials|"
     "food menu|look at the menu|see the menu|menu online|menu on|serve|serving|served"
     "|toastie|toasties|panini|paninis|croissant|croissants|pastry|pastries|scone|scones|cream tea|cream teas|"
     "afternoon tea|bagel|bagels|muffin|muffins|cookie|cookies|brownie|brownies|cupcake|cupcakes|tart|tarts|"
     "pie|pies|quiche|sausage roll|sausage rolls|eggs|toast|porridge|granola|savoury|bakes|baked goods|loaf|"
     "loaves"},
    {"dining", TY_MLEX_TOPIC,
     "table|tables|table for|a table|book a table|reserve a table|window table|booth|sit outside|"
     "sit inside|restaurant|restaurants|bistro|pub|first sitting|second sitting|high top|bar seats|"
     "bar seating|al fresco|indoor seating|outdoor table|outside table|table outside|sit down meal|"
     "dinner for|lunch for|dinner reservation|dinner booking|lunch booking|tablr|tabel"},
    {"dietary", TY_MLEX_TOPIC,
     "allergy|allergies|allergic|allergen|allergens|intolerance|intolerant|vegan|vegans|vegetarian|"
     "vegetarians|veggie|plant based|gluten|gluten free|coeliac|celiac|dairy|dairy free|lactose|"
     "lactose free|nut|nuts|nut free|peanut|peanuts|shellfish|sesame|soy|egg|eggs|egg free|halal|kosher|"
     "sugar free|low sugar|low carb|keto|paleo|low fat|calories|dietary|dietary requirements|diet|"
     "free from|doesnt eat|dont eat|cant eat|cant have|without|no meat|pescatarian|spicy|mild|ingredients"
     "|meat free|milk|cheese|wheat|gluten intolerant|coeliacs|allergic to|anaphylaxis|epipen|epi pen|"
     "intolerances|food allergy|nut allergy|peanut allergy|special diet|dietary needs|"
     "dietary restrictions|dietary requirement|fodmap|low fodmap|diabetic|sugar|calorie|macros|protein|"
     "carbs|organic|halal meat|no pork|no alcohol|non alcoholic|alcohol free|mocktail|mocktails|"
     "vegan options|veggie options|vegetarian options|gluten free options|gf|df|free from menu|"
     "allergen menu|allergen info|allergen information|cross contamination|traces of|contain nuts|"
     "contains nuts"},
    {"takeaway", TY_MLEX_ACT,
     "takeaway|takeaways|take away|takeout|take out|to go|to take away|delivery|deliveries|deliver|delivers|"
     "delivered|delivering|drop off|collection|collect|click and collect|pick up|pickup|order|orders|"
     "ordering|ordered|order in|order online|deliveroo|uber eats|ubereats|just eat|doordash|grubhub|"
     "shipping|ship|ships|shipped|postage|post|posted|courier|dispatch|dispatched|tracking|track|parcel|"
     "parcels|package|minimum order|delivery charge|delivery fee|free delivery"
     "|food delivery|home delivery|deliver to|deliver here|do you deliver|delivery area|delivery radius|"
     "collect my order|order ahead|pre order|preorder|order for collection|takeaway menu|to take home|"
     "doggy bag|box it up|mail order|ship to|international shipping|next day delivery|same day delivery|"
     "delivery time|order out|get it delivered|have it delivered"},
    {"water_leak", TY_MLEX_TOPIC,
     "leak|leaks|leaking|leaked|leaky|drip|drips|dripping|burst|burst pipe|flood|floods|flooding|flooded|"
     "water|soaked|soaking|wet|damp|overflow|overflows|overflowing|pipe|pipes|pipework|tap|taps|faucet|"
     "stopcock|stop tap|valve|valves|pouring|gushing|pouring out|coming through|ceiling|water damage|"
     "frozen|froze|hose|tank|cistern|plumber|plumbers|plumbing"
     "|leaking from|dripping from|coming through the ceiling|water everywhere|puddle|puddles|damp patch|"
     "mould|mold|condensation|soggy|water coming|wet patch|stained ceiling|water meter|stop valve|mains|"
     "water main|water pressure|low pressure|no water|hot tap|cold tap|mixer tap|seal|washer|grout|"
     "silicone|sealant|plumbed|plumb in|plumbing in|leakage|leakin|leek|floor is wet|under the sink|"
     "waterworks"},
    {"heating", TY_MLEX_TOPIC,
     "boiler|boilers|heating|heater|heaters|central heating|radiator|radiators|rads|thermostat|thermostats|"
     "hot water|warm|warm up|cold|freezing|lukewarm|gas|gas safe|gas leak|pilot light|pressure|combi|"
     "heat|heat pump|underfloor|underfloor heating|fire up|ignite|bleed|bleeding|air con|air conditioning|"
     "ac|cooling|furnace|hvac|immersion|storage heater"
     "|no heating|no heat|no hot water|heating not working|boiler not working|boiler broken|"
     "boiler service|annual service|gas safety|gas safety certificate|landlord certificate|"
     "carbon monoxide|co alarm|flue|condensate|condensate pipe|pressure gauge|repressurise|repressurize|"
     "worcester|worcester bosch|vaillant|baxi|glow worm|potterton|viessmann|system boiler|back boiler|"
     "oil boiler|lpg|storage heaters|towel rail|radiator valve|trv|smart thermostat|new boiler|"
     "boiler replacement|boiler install|boiler installation|boiler repair|combi boiler|heating system|"
     "powerflush|power flush|cold radiator|radiator cold|boilr|boiller|radiater|raditor"},
    {"blockage", TY_MLEX_TOPIC,
     "blocked|block|blockage|blockages|clogged|clog|clogs|unblock|unblocking|drain|drains|drainage|"
     "draining|gutter|"
     "gutters|downpipe|downpipes|sewage|sewer|smell|smells|smelly|stink|stinks|slow|backing up|"
     "wont go down|plunger|manhole|jet|jetting|rodding|gurgling|gurgle"
     "|slow draining|wont drain|not draining|backed up|overflowing toilet|toilet wont flush|flush|"
     "flushing|u bend|waste pipe|soil pipe|septic tank|cesspit|grease|wipes|rats|rat|blocked drain|"
     "blocked toilet|blocked sink|drain survey|cctv survey|drainage problem|drain cover|manhole cover|"
     "overflowing|bad smell|sewage smell|standing water|draining slowly|blokage|bloked|unblocked"},
    {"fixtures", TY_MLEX_ACT,
     "sink|sinks|plughole|plug hole|toilet|toilets|loo|basin|bath|bathtub|shower|showers|shower head|"
     "toilet seal|washing machine|dishwasher|appliance|appliances|bathroom|bathrooms|new bathroom|"
     "kitchen sink|cistern|en suite|ensuite|wc|urinal|bidet"},
    {"electrics", TY_MLEX_TOPIC,
     "electric|electrics|electrical|electrician|electricians|wiring|rewire|rewiring|socket|sockets|"
     "switch|fuse|fuses|fuse box|tripped|trip|trips|power|power cut|lights|light|lighting|bulb|bulbs|"
     "outlet|outlets|circuit|breaker|sparky"
     "|plug|plugs|lamp|light fitting|light fittings|ceiling light|downlights|spotlights|dimmer|switches|"
     "consumer unit|rcd|trips out|tripping|keeps tripping|no power|power outage|blackout|flickering|"
     "sparks|sparking|burning smell|electric shock|earthing|pat test|pat testing|eicr|ev charger|"
     "smoke alarm|smoke alarms|doorbell|extractor fan"},
    {"guarantee", TY_MLEX_ACT,
     "guarantee|guarantees|guaranteed|warranty|warranties|aftercare|comes back|come back|happens again|"
     "breaks again|goes wrong|go wrong|if it fails|not satisfied|satisfaction|money back|returns|return|"
     "return policy|exchange|exchanges|peace of mind|workmanship|labour|labor|parts and labour"
     "|guaranteed work|come back and fix|redo|re do|if it breaks|if it happens again|if it leaks again|"
     "if it comes back|stops working again|broke again|still broken|not fixed|didnt fix|defective|dodgy|"
     "send it back|take it back|bring it back|under warranty|still under warranty|extended warranty|"
     "manufacturer warranty|guarantee period|no fix no fee|insurance backed|comes back again|back again|"
     "again after|happened again|fails again|warrenty|garantee|guarentee|covered by"},
    {"credentials", TY_MLEX_ACT,
     "qualified|qualification|qualifications|certified|certification|accredited|accreditation|licensed|"
     "licenced|license|licence|registered|registration|gas safe|vetted|background check|dbs|insured|"
     "insurance|trained|training|experienced|years experience|reviews|trustworthy|reputable|legit|"
     "professional|members of|trade association|approved"
     "|certificates|certificate|gas safe registered|niceic|fully insured|public liability|"
     "liability insurance|dbs checked|police check|background checked|crb|first aid|first aid trained|"
     "how long have you been|been doing this|years in business|track record|references|testimonials|"
     "portfolio|examples of your work|photos of your work|google reviews|trustpilot|rated|ratings|award|"
     "awards|trained in|specialise|specialize|specialist in|expertise|degree|diploma|registered with|"
     "chartered|accredited by|are you qualified|are you insured|are you registered|are you certified"},
    {"service_area", TY_MLEX_ACT,
     "area|areas|cover|covers|covered|coverage|postcode|postcodes|zip code|come out to|come out|travel|"
     "travels|radius|miles|mile|villages|village|region|surrounding|outskirts|serve|service area|local|"
     "locally|nearby|my area|my town|come to my|do you come|how far|catchment|county|suburbs"
     "|do you cover|cover my area|travel to|travel out|travel fee|callout area|within|miles of|"
     "how far do you|out of town|in my area|postcode area|do you go to|do you work in|work in|operate in|"
     "service my area|serve my area|do you come to|come to my area|areas you cover|areas covered|"
     "which areas|what areas"},
    {"hotel", TY_MLEX_TOPIC,
     "room|rooms|stay|staying|night|nights|overnight|check in|checkin|check out|checkout|late checkout|"
     "early check in|suite|double room|twin room|single room|double|twin|bed|beds|king size|sea view|"
     "breakfast included|luggage|bags|reception|front desk|key|keys|key card|accommodation|b and b|"
     "bnb|hostel|hotel|guest house|lodge|cabin|cottage|pool|spa|minibar|room service"},
    {"animal_care", TY_MLEX_TOPIC,
     "vet|vets|veterinary|vaccination|vaccinations|vaccine|vaccines|jab|jabs|booster|boosters|neuter|"
     "neutering|neutered|spay|spaying|flea|fleas|tick|ticks|worming|wormer|microchip|microchipping|"
     "kitten|kittens|puppy|puppies|rabbit|rabbits|hamster|guinea pig|bird|birds|horse|horses|groom|"
     "grooming|groomer|dog walk|dog walking|kennel|kennels|cattery|boarding|pet sitting|limping|vomiting|"
     "not eating|lethargic"
     "|vaccinated|vaccination record|vaccination certificate|vaccination card|jabs up to date|"
     "flea treatment|tick treatment|worm|spayed|microchipped|castrated|vet check|vet records|"
     "medical records|on medication|poorly|off his food|off her food"},
    {"animal_grooming", TY_MLEX_TOPIC,
     "grooming|groom|groomed|dog groomer|dog grooming|cat grooming|wash and dry|nail clipping|nail clip|"
     "nail trim|claw clipping|hand strip|hand stripping|deshed|deshedding|de shedding|fur|undercoat|"
     "shedding|moult|moulting|flea bath|dog bath|bath and brush|puppy groom|puppy cut|teddy bear cut|"
     "full groom|sanitary trim|ear cleaning|anal glands|kennel cough|doggy daycare|dog daycare|"
     "pet daycare|day care|pet sitter|pet sitting|house sitting|dog walker|dog walking|walkies|"
     "overnight stay|holiday care|pet hotel|pet taxi|dog lead|harness|muzzle|crate|collar|kibble|"
     "dog food|cat food|reactive|nervous dog|anxious dog|separation anxiety|snappy|barking|breed|breeds|"
     "doodle|cockapoo|cavapoo|labrador|spaniel|poodle|terrier|husky|shih tzu|dachshund|golden retriever|"
     "german shepherd|french bulldog|frenchie|bulldog|pug|collie|staffie|greyhound|whippet|chihuahua|"
     "schnauzer|bichon|maltese|yorkie|westie|persian cat|paws|paw|claws|boarding|board my|kennel|kennels|"
     "cattery|stay over|overnight"},
    {"fitness", TY_MLEX_TOPIC,
     "gym|gyms|workout|workouts|work out|exercise|exercises|exercising|training|train|weights|lifting|"
     "cardio|spin|spinning|hiit|crossfit|bootcamp|circuit|circuits|treadmill|swim|swimming|pool|sauna|"
     "steam room|induction|fitness|fit|get fit|lose weight|weight loss|tone up|strength|stretch|"
     "stretching|yoga|pilates|zumba|boxing|class|classes|session|sessions"
     "|barre|reformer|hot yoga|vinyasa|hatha|yin|ashtanga|kundalini|restorative|meditation|mindfulness|"
     "breathwork|dance|dance class|ballet|salsa|martial arts|karate|judo|taekwondo|jiu jitsu|bjj|"
     "kickboxing|muay thai|climbing|bouldering|kettlebell|kettlebells|dumbbells|barbell|squat|squats|"
     "workout plan|training plan|abs|flexibility|toning|aerobics|aqua aerobics|body pump|les mills|"
     "gym session|exercise class|fitness class|stretch class|mat class|mat pilates|poses|pose|asana|"
     "asanas|posture|instructor led|teacher led|lesson|lessons"},
    {"beauty", TY_MLEX_TOPIC,
     "hair|haircut|haircuts|cut|cuts|trim|colour|color|dye|highlights|balayage|blow dry|blowdry|perm|"
     "fringe|bangs|beard|shave|barber|nails|nail|manicure|pedicure|gel|acrylics|wax|waxing|facial|facials|"
     "massage|massages|lashes|lash|brows|eyebrows|threading|tan|spray tan|makeup|make up|skin|skincare|"
     "treatment|treatments|salon|spa"
     "|hairdresser|hairdressers|hair salon|hairstylist|cut and blow dry|cut and colour|restyle|roots|"
     "root touch up|toner|bleach|ombre|extensions|hair extensions|weave|braids|braiding|cornrows|locs|"
     "dreads|relaxer|keratin|blowout|updo|wedding hair|bridal|beard trim|skin fade|fade|buzz cut|"
     "short back and sides|clippers|nail art|gel nails|shellac|acrylic|infills|french tips|lash lift|"
     "lash extensions|brow lamination|tint|brow tint|hd brows|microblading|botox|fillers|filler|"
     "lip filler|chemical peel|microneedling|laser|hair removal|ipl|tattoo|tattoos|piercing|piercings|"
     "sunbed|tanning|makeover|pamper|pampering|beauty|beautician|aesthetics|eyelashes|eyebrow|eyelash|"
     "hairdo|hair do|hair appointment|salon appointment|barbers|barbershop|hair cut|trim my hair"
     "|ink|inked|tat|tats|tattooed|pierced|tattoo artist|tattoo studio|tattoo parlour|parlour"},
    {"vehicle", TY_MLEX_TOPIC,
     "car|cars|vehicle|vehicles|van|vans|truck|trucks|lorry|motorbike|motorbikes|motorcycle|motorcycles|"
     "scooter|mot|oil change|engine|clutch|gearbox|exhaust|windscreen|windshield|car battery|warning light|"
     "dashboard|mileage|valet|car wash|bodywork|number plate|registration plate"
     "|motor|brakes|brake discs|suspension|steering|wheel alignment|service history|car service|"
     "interim service|major service|diagnostic|diagnostics|engine light|check engine|ecu|air con regas|"
     "regas|timing belt|cambelt|oil and filter|wipers|headlight|headlights|dent|dents|paintwork|respray|"
     "bumper|windscreen chip|hatchback|suv|saloon|electric car|tesla|ford|volkswagen|vw|bmw|audi|toyota|"
     "honda|nissan|vauxhall|mercedes|kia|hyundai|peugeot|renault|fiat|volvo|skoda|land rover|range rover|"
     "jaguar|lexus|mazda|driving|driver|drive|motorist|road tax|tax disc|car insurance|petrol|diesel|"
     "fuel"},
    {"bicycle", TY_MLEX_TOPIC,
     "bike|bikes|bicycle|bicycles|cycle|cycles|cycling|cyclist|cyclists|ebike|ebikes|e bike|e bikes|"
     "electric bike|electric bikes|mountain bike|mtb|road bike|road bikes|gravel bike|gravel bikes|"
     "hybrid bike|bmx|tandem|tandems|cargo bike|folding bike|brompton|kids bike|balance bike|frame|"
     "frame size|fork|forks|suspension fork|gears|derailleur|chain|chainring|cassette|sprocket|sprockets|"
     "cog|cogs|brake pads|disc brakes|hydraulic brakes|brake cable|gear cable|saddle|saddles|seat post|"
     "seatpost|handlebar|handlebars|pedal|pedals|clipless|cleats|rim|rims|hub|hubs|bottom bracket|"
     "headset|crank|cranks|shifter|shifters|groupset|shimano|sram|campagnolo|cannondale|bianchi|"
     "pinarello|raleigh|boardman|carrera|helmet|helmets|bike lights|bike lock|d lock|pump|mudguards|"
     "mudguard|pannier|panniers|cycle to work|ride|riding|rides|test ride|commute|commuting|commuter|"
     "sportive|trail|trails|inner tube|tubeless|puncture|punctures|buckled wheel|true a wheel|"
     "wheel truing|bike fit|bike service|bike repair|cycle repair|cycle hire|bike hire|bike rental|"
     "push bike|pushbike|fixie|single speed|track bike|tt bike|triathlon bike|velo|cyclery"},
    {"tyres", TY_MLEX_TOPIC,
     "tyre|tyres|tire|tires|flat|flat tyre|flat tire|flats|puncture|punctures|punctured|inner tube|"
     "inner tubes|tube|tubes|blowout|slow puncture|went flat|gone flat|goes flat|keeps going flat|"
     "valve|tread|wheel|wheels"
     "|tubeless|tube repair|patch|patch kit|tyre change|tyre fitting|new tyre|new tyres|tyre pressure|"
     "pressure|pumped up|pump up|going down|losing air|lost air|soft tyre|bald|bald tyre|worn tyre|"
     "tyre wear"},
    {"dental", TY_MLEX_TOPIC,
     "dentist|dentists|dental|teeth|tooth|molar|molars|wisdom tooth|wisdom teeth|filling|fillings|crown|"
     "crowns|veneers|veneer|implant|implants|denture|dentures|root canal|extraction|tooth out|teeth out|"
     "gum|gums|gum disease|bleeding gums|braces|invisalign|aligners|aligner|retainer|orthodontist|"
     "orthodontic|orthodontics|whitening|teeth whitening|scale and polish|hygienist|hygiene appointment|"
     "plaque|tartar|cavity|cavities|decay|toothache|tooth ache|abscess|jaw|smile|mouth|enamel|"
     "sensitive teeth|chipped tooth|cracked tooth|broken tooth|lost filling|lost crown|dental emergency|"
     "dental check|dental checkup|dental exam|dental practice|dental surgery|nhs dentist|dentistry|"
     "numbing|anaesthetic|anesthetic|injection|needle|needles|x ray|xray|x rays|overbite|underbite|"
     "flossing|floss|mouthwash|toothbrush|fluoride|baby teeth|milk teeth|front tooth|back tooth|"
     "tooth fairy"},
    {"eyes", TY_MLEX_TOPIC,
     "eye test|eye exam|eye examination|glasses|spectacles|specs|contact lenses|contacts|lenses|optician|"
     "opticians|optometrist|vision|eyesight|blurry|blurred vision|sunglasses|reading glasses|varifocals|"
     "bifocals|eye pressure|glaucoma|cataract|cataracts|dry eyes|eye strain|short sighted|long sighted"},
    {"fear", TY_MLEX_ACT,
     "nervous|nerves|anxious|anxiety|scared|afraid|frightened|fear|fears|phobia|phobic|worried|worry|"
     "worrying|panic|panicky|panic attacks|dread|dreading|terrified|petrified|uneasy|apprehensive|"
     "embarrassed|self conscious|intimidated|intimidating|hate needles|scared of needles|"
     "scared of the dentist|afraid of the dentist|fear of|sedation|sedated|calm|calming|reassure|"
     "reassurance|reassuring|gentle|patient with|gentle with|bad experience|traumatic|trauma|freaked out|"
     "freak out|nervy|jittery|stressed|stress|stressful"},
    {"cleaning_home", TY_MLEX_TOPIC,
     "cleaner|cleaners|house clean|house cleaning|home cleaning|end of tenancy|carpet|carpets|"
     "carpet cleaning|oven clean|oven cleaning|window cleaning|window cleaner|gutter cleaning|ironing|"
     "laundry|dry cleaning|hoover|hoovering|vacuum|vacuuming|dusting|mop|mopping|spotless|stains|dirty|"
     "filthy|grime|limescale|domestic cleaner|office cleaning|spring clean|after builders clean"},
    {"garden", TY_MLEX_TOPIC,
     "garden|gardens|gardening|gardener|lawn|lawns|grass|mow|mowing|lawnmower|lawnmowers|hedge|hedges|"
     "hedge trimming|tree|trees|tree surgeon|pruning|prune|weeds|weeding|patio|decking|fence|fencing|"
     "turf|landscaping|landscaper|shrubs|plants|flower beds|flowerbeds|allotment|strimming|leaf clearing|"
     "garden clearance|green waste"},
    {"removals", TY_MLEX_TOPIC,
     "move house|moving house|house move|removals|removal|removal van|man and van|man with a van|movers|"
     "furniture|sofa|wardrobe|piano|flat move|office move|storage unit|self storage|packing boxes|boxes"},
    {"devices", TY_MLEX_TOPIC,
     "laptop|laptops|computer|computers|pc|macbook|iphone|ipad|tablet|smartphone|mobile phone|"
     "cracked screen|screen repair|charging port|data recovery|printer|router|broadband|wifi router|"
     "software|virus|hard drive|phone screen|phone repair|phone battery|console|xbox|playstation|tv|"
     "television|smart tv"},
    {"admin_finance", TY_MLEX_TOPIC,
     "mortgage|mortgages|loan|loans|tax|taxes|tax return|tax returns|accountant|bookkeeping|solicitor|"
     "lawyer|legal|probate|visa|passport|immigration|bank account|pension|pensions|self assessment|"
     "payroll|hmrc|irs|council tax|benefits claim|universal credit"},
    {"noise_fault", TY_MLEX_ACT,
     "noise|noises|noisy|banging|bang|knocking|clicking|clicks|grinding|squeak|squeaking|squeaky|rattle|"
     "rattling|humming|buzzing|whistling|error|error code|fault code|code|warning|flashing|keeps|"
     "keeps going|stopped|stops|wont start|wont turn on|doesnt turn on|dead|intermittent|playing up|"
     "acting up|not right|weird|strange"},

    {"contact", TY_MLEX_ACT,
     "phone|phone number|number|call|calls|calling|ring|rang|email|e mail|emails|text|texts|texting|sms|"
     "whatsapp|message|messages|contact|contact details|reach you|get hold|get in touch|call back|voicemail|"
     "website|online|app|instagram|facebook"},
    {"online", TY_MLEX_ACT,
     "online|website|web site|site|app|application|internet|link|portal|login|log in|account|"
     "book online|by phone|over the phone|email|confirm|confirmation|confirmed"},
    {"repair", TY_MLEX_ACT,
     "fix|fixed|fixing|repair|repairs|repaired|repairing|mend|mended|broken|broke|not working|doesnt work|"
     "wont work|stopped working|damaged|damage|fault|faulty|issue|issues|problem|problems|service|"
     "services|servicing|serviced|tune up|tuneup|check|check over|checkup|look at|have a look|sort out|"
     "replace|replaced|replacement|replacing|adjust|adjustment|install|installation|fit|fitting|"
     "maintenance|maintain|overhaul|leak|leaking|noise|squeak|squeaking|rattle"},
    {"checkup", TY_MLEX_ACT,
     "checkup|check up|check ups|checkups|exam|exams|examination|assessment|assessments|consultation|"
     "consultations|consult|review|screening|inspection|inspect|appraisal|evaluation|first visit|"
     "initial|routine|regular|annual|yearly|every 6 months|six months|mot"},
    {"cleaning", TY_MLEX_ACT,
     "clean|cleaning|cleaned|cleans|hygiene|polish|polishing|scale|descale|wash|washing|whiten|whitening|"
     "tidy|deep clean|valet|detailing"},
    {"hire", TY_MLEX_ACT,
     "hire|hiring|hired|rent|rental|rentals|renting|rented|borrow|borrowing|lend|loan|lease|leasing|"
     "per day|day hire|half day|full day|by the hour|deposit|return it"
     "|hire one|rent one|for the day|for the weekend|for a week|for a few days|day rental|weekly hire|"
     "weekend hire|hire rates|rental rates|rental price|hire price|can i rent|can i hire|do you rent|"
     "do you hire|rent out|hire out|lend me|borrow one|take one out|day trip|hireage"},
    {"buy", TY_MLEX_ACT,
     "buy|buying|bought|purchase|purchasing|sell|sells|selling|sold|sale|sales|for sale|on sale|stock|"
     "stocks|in stock|out of stock|order|ordering|ordered|shopping|retail|second hand|"
     "secondhand|used|pre owned|refurbished|new one|brand|brands|model|models|range|catalogue|"
     "part exchange|trade in|gift card|gift voucher|gift cards|gift certificate|shop|store|"
     "do you sell|do you stock|have you got|do you carry|get hold of"
     "|want to buy|looking to buy|looking for a|in the market for|buy one|spare parts|parts|accessories|"
     "accessory|components|special order|order in|order one|can you order|can you get|source|sourcing|"
     "price match|reserve one|put one aside|hold one|stockist|stockists|new and used|ex display|"
     "clearance|end of line"},
    {"wait_time", TY_MLEX_ACT,
     "wait|waiting|waiting list|wait time|waiting time|queue|delay|delayed|late|running late|how busy|busy|"
     "quiet|crowded|capacity|full"
     "|how long is the wait|how long is the queue|waiting times|wait list|how long will i wait|long wait|"
     "no wait|queue times|busy times|busiest|quietest|peak times|off peak"},
    {"complaint", TY_MLEX_ACT,
     "complaint|complaints|complain|unhappy|disappointed|disappointing|not happy|bad experience|rude|"
     "poor|poor service|terrible|awful|wrong|mistake|mistakes|not good enough|refund|compensation|"
     "manager|feedback|review|reviews"
     "|not happy with|unhappy with|disappointed with|complain about|make a complaint|formal complaint|"
     "speak to the manager|speak to a manager|poor job|bad job|botched|messed up|ruined|damaged my|"
     "broke my|rubbish|useless|shocking|disgusting|appalling|unacceptable|waste of money|not good|"
     "let down|very poor"},
    {"undecided", TY_MLEX_ACT,
     "think about it|think it over|thinking about it|have a think|let me think|need to think|mull it over|"
     "sleep on it|not sure|unsure|not sure yet|undecided|deciding|decide|decided|havent decided|"
     "make up my mind|making up my mind|made up my mind|on the fence|torn|weighing it up|weigh it up|"
     "considering|consider it|get back to you|let you know|ill let you know|need some time|need more time|"
     "maybe later|not yet|hesitant|in two minds"},
    {"pets", TY_MLEX_TOPIC, "dog|dogs|puppy|puppies|pet|pets|cat|cats|kitten|animal|animals|service dog|guide dog|dog friendly|pet friendly"
     "|doggy|doggie|doggo|pup|pups|pooch|hound|kitty|moggy|bunny|guinea pigs|ferret|parrot|budgie|"
     "tortoise|fur baby|furbaby|four legged|dogs allowed|pets allowed|assistance dog|my dog|my cat|"
     "my pet"},
    {"language", TY_MLEX_ACT,
     "speak|speaks|language|languages|english|spanish|french|german|translator|interpreter|translate"
     "|speak english|speak spanish|english speaking|spanish speaking|french speaking|polish|portuguese|"
     "italian|arabic|urdu|hindi|chinese|mandarin|cantonese|russian|sign language|bsl|asl"},
    {"gift", TY_MLEX_ACT, "gift|gifts|present|presents|gift card|gift voucher|voucher|vouchers|treat|surprise"
     "|gift cards|gift vouchers|gift certificate|gift certificates|e gift|egift|buy for someone|"
     "for my wife|for my husband|for my mum|for my mom|for my dad|for a friend|birthday present|"
     "christmas present|as a gift|as a present|stocking filler|treat someone|treat my"},
    {"custom", TY_MLEX_ACT,
     "custom|customs|customised|customized|customise|customize|bespoke|personalised|personalized|"
     "personalise|personalize|made to order|made to measure|tailor made|one off|one of a kind|unique|"
     "original|design|designs|designed|designing|designer|draw|drawing|drawings|drawn|drew|draw up|"
     "sketch|sketches|sketched|artwork|my own design|own design|my own idea|idea|ideas|mock up|mockup|"
     "recreate|replicate|based on|inspired by|reference|reference pics|reference photo|reference photos|"
     "theme|themed|special request|from a photo|from photos|from a picture|my own"},
    {"aftercare", TY_MLEX_ACT,
     "aftercare|after care|look after|looking after|care for|caring for|take care of|care instructions|"
     "heal|heals|healed|healing|heal up|healing process|scab|scabs|scabbing|peel|peeling|peeled|flake|"
     "flaking|flaky|itchy|itching|itch|redness|swollen|swelling|ointment|cream|creams|lotion|lotions|balm|"
     "vaseline|moisturise|moisturiser|moisturize|moisturizer|sunscreen|suncream|sun cream|saline|"
     "salt soak|salt soaks|soak|soaks|bandage|dressing|keep it clean|clean it|wash it|irritated|"
     "irritation|weeping|crusty|bumps|bump"
     "|sun|sunlight|sun exposure|out of the sun|sleep on|sleeping on|fresh|until it heals|fully healed|film|"
     "second skin"},
    {"flavour", TY_MLEX_TOPIC,
     "flavour|flavours|flavor|flavors|flavoured|flavored|taste|tastes|chocolate|vanilla|lemon|"
     "lemon drizzle|strawberry|raspberry|caramel|salted caramel|toffee|walnut|coffee and walnut|"
     "red velvet|carrot cake|fruit|fruity|fruit cake|banana|coconut|orange|lime|mint|pistachio|hazelnut|"
     "almond|cinnamon|ginger|pumpkin spice|matcha|cherry|blueberry|sponge|sponges|filling|fillings|"
     "buttercream|icing|frosting|ganache|jam|custard|sweet|savoury|savory"},
    {"drinks", TY_MLEX_TOPIC,
     "coffee|coffees|latte|lattes|flat white|flat whites|cappuccino|cappuccinos|espresso|americano|mocha|"
     "macchiato|cortado|tea|teas|cuppa|chai|herbal tea|green tea|hot chocolate|babyccino|smoothie|"
     "smoothies|juice|juices|milkshake|milkshakes|frappe|frappuccino|soft drink|soft drinks|fizzy drinks|"
     "drink|drinks|beverage|beverages|oat milk|soy milk|almond milk|decaf|iced coffee|iced latte"},
    {"touch_up", TY_MLEX_ACT,
     "touch up|touch ups|touchup|touchups|touch it up|redo|redone|re do|rework|reworked|retouch|"
     "retouched|retouching|go over|go over again|fill in|filled in|fill it in|refresh|top up|faded|fading|"
     "fade|patchy|blurred|blurry|dull|botched|cover up|coverup|correction|correct it|fix it|fixed up|"
     "bring back|come back in|second session|follow up session"},
    {"materials", TY_MLEX_TOPIC,
     "metal|metals|titanium|gold|silver|steel|surgical steel|stainless steel|nickel|nickel free|platinum|"
     "brass|copper|implant grade|hypoallergenic|plated|gold plated|sterling silver|rose gold|white gold|"
     "material|materials|made of|made from"},
    {"documents", TY_MLEX_ACT,
     "form|forms|paperwork|records|record|documents|document|id|identification|referral|letter|"
     "certificate|prescription|report|notes|details|information|info|brochure|leaflet"
     "|fill in|fill out|consent form|medical form|health form|questionnaire|registration form|"
     "new patient form|waiver|disclaimer|sign a|signature|id card|photo id|proof of|proof of address|"
     "certificate of|copy of|medical history|history"
     "|passport|driving licence|driving license|drivers license|drivers licence|provisional licence|"
     "provisional license|student card|student id|proof of age|proof of id|age verification|id check|ids|"
     "birth certificate|citizen card|pass card"
     "|look young|look younger|carded|card me|id me|ask for id|asked for id|check id|checking id"},
};

/* Function words, greetings and chat fillers: no topic of their own. */
static const char mlen_stop[] =
    "i|im|ive|id|ill|me|my|around|along|via|etc|anyway|actually|basically|probably|"
    "definitely|usually|normally|generally|else|ever|kinda|sorta|currently|right|ok so|so yeah|"
    "mine|myself|you|youre|youve|youd|your|yours|u|ur|ya|ye|we|were|weve|us|our|ours|"
    "he|she|him|her|his|they|them|their|theyre|it|its|itself|this|that|thats|these|those|there|theres|"
    "here|a|an|the|and|or|but|if|so|then|than|as|of|to|too|for|from|in|into|on|onto|at|by|with|without|"
    "about|up|down|out|off|over|under|again|also|just|only|very|really|quite|pretty|still|even|already|"
    "yet|maybe|perhaps|is|are|am|be|been|being|was|were|isnt|arent|wasnt|do|does|did|doing|dont|doesnt|"
    "didnt|can|cant|could|couldnt|would|wouldnt|will|wont|should|shouldnt|shall|may|might|must|have|has|"
    "had|havent|hasnt|having|get|gets|getting|got|gotten|go|goes|going|gonna|wanna|want|wants|wanted|"
    "need|needs|needed|like|likes|liked|love|know|knows|let|lets|tell|ask|asking|wondering|wonder|"
    "question|quick question|please|pls|plz|pleasee|thanks|thank|thank you|thankyou|thx|ty|cheers|ta|"
    "hi|hello|hey|heya|hiya|yo|good morning|good afternoon|good evening|ok|okay|k|yes|yeah|yep|no|nope|"
    "not|sure|great|cool|nice|lol|haha|tbh|btw|omg|sorry|excuse me|what|whats|which|who|whos|whom|whose|"
    "why|how|hows|some|any|anyone|anybody|something|somewhere|all|each|every|both|either|neither|more|"
    "most|much|many|lot|lots|few|little|one|ones|other|another|same|such|own|guys|folks|mate|dear|"
    "hun|r|im|x|xx|xxx|one|thing|way|kind|sort|bit|able|possible|available|there|tho|though|well|oh|"
    "ah|um|uh|hmm|please help|help me|can you|could you|do you|are you|is there|are there|i want|"
    "i need|i would like|id like|would like|i think|i guess|i suppose|i believe|i reckon|i mean|you know";

/* Light English stemming into out (capacity n + 1): plural and verb endings
 * off, a final e off, a doubled final consonant undoubled. Returns the
 * stem's length; words of four letters or fewer are kept as they are. */
static size_t mlen_stem(const char *w, size_t n, char *out) {
    memcpy(out, w, n);
    if (n <= 4) return n;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)w[i] >= 0x80) return n; /* not plain ASCII: leave it */
    size_t k = n;
    bool cut = false;
    if (k > 5 && memcmp(out + k - 3, "ies", 3) == 0) {
        out[k - 3] = 'y';
        k -= 2;
    } else if (k > 5 && memcmp(out + k - 4, "sses", 4) == 0) k -= 2;
    else if (out[k - 1] == 's' && out[k - 2] != 's' && out[k - 2] != 'u' && out[k - 2] != 'i') k--;
    if (k > 5 && memcmp(out + k - 3, "ing", 3) == 0) {
        k -= 3;
        cut = true;
    } else if (k > 4 && memcmp(out + k - 2, "ed", 2) == 0 && out[k - 3] != 'e') {
        k -= 2;
        cut = true;
    }
    if (cut && k >= 4 && out[k - 1] == out[k - 2] && out[k - 1] != 's' && !strchr("aeiou", out[k - 1])) k--;
    if (k > 3 && out[k - 1] == 'e') k--;
    return k;
}

static const ty_mlex mlen_lex = {
    .code = "en",
    .concepts = mlen_concepts,
    .nconcepts = sizeof mlen_concepts / sizeof mlen_concepts[0],
    .stop = mlen_stop,
    .stem = mlen_stem,
    .background = ty_mbg_en,
};

const ty_mlex *ty_mlex_en(void) { return &mlen_lex; }
