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
    {"price", 0,
     "price|prices|pricing|priced|pricey|cost|costs|costing|costly|how much|how much is|how much are|how much does|"
     "how much do|how much for|how much to|what do you charge|charge|charges|fee|fees|rate|rates|tariff|quote|"
     "quotation|estimate|expensive|cheap|cheaper|cheapest|inexpensive|affordable|afford|budget|price list|"
     "set me back|the damage|whats the damage|dollars|dollar|bucks|pounds|quid|euros|$|£|€|per hour|per session|"
     "per class|per day|per month|value|worth it|deal|deals|bargain|ballpark|roughly how much|pay for|"
     "per head|per person|per night|per hour|hourly|hourly rate|call out fee|call out charge|how much would|"
     "how much will|what would it cost|rough idea|rough cost|pricing|prices start|from how much|cost me|"
     "free quote|free estimate|corkage|what do i owe|total"},
    {"discount", 0,
     "discount|discounts|discounted|student|students|student rate|concession|concessions|reduced|reduction|offer|"
     "offers|special offer|intro offer|introductory|promo|promotion|promo code|coupon|voucher|vouchers|code|"
     "money off|percent off|off peak|loyalty|referral|senior discount|nhs discount|military discount|"
     "price match|cheaper rate|free trial|trial"},
    {"membership", 0,
     "membership|memberships|member|members|subscription|subscribe|monthly|annual|yearly|pass|passes|"
     "class pass|bundle|package|packages|plan|plans|unlimited|pack|packs|credits|credit|contract"},
    {"payment", 0,
     "pay|paying|paid|payment|payments|card|cards|credit card|debit card|cash|contactless|apple pay|google pay|"
     "paypal|bank transfer|transfer|invoice|invoices|receipt|receipts|bill|billing|billed|deposit|deposits|"
     "instalment|instalments|installment|installments|finance|financing|pay monthly|pay later|klarna|cheque|"
     "spread the cost|spread the payments|payment plan|monthly payments|apple pay|amex|visa|mastercard|vat|tip|"
     "tips|tipping|service charge|gratuity|on completion|after the job|"
     "check out|checkout|upfront|in advance|charged|overcharged|refund|refunds|refunded|money back|reimburse|coin|coins|change for|card machine"},
    {"insurance", 0,
     "insurance|insured|insurer|insurers|covered|cover|coverage|claim|claims|health plan|medical aid|"
     "medicare|medicaid|private health|health insurance|policy holder|excess|copay|co pay|out of pocket|"
     "in network|out of network|network|benefits|hsa|fsa"},
    {"open_hours", 0,
     "open|opens|opening|opened|close|closes|closing|closed|shut|shuts|hours|opening hours|opening times|"
     "business hours|working hours|office hours|till|until|how late|how early|latest|earliest|"
     "open late|open early|open on|still open|closed on|time do you|what time|what times|timetable|"
     "schedule|schedules|calendar|rota|24 7|24 hours|all day|bank holiday|bank holidays|public holiday|"
     "holidays|holiday hours"},
    {"when", 1,
     "when|whens|what time|time|times|how soon|soonest|next|earliest|latest|how late|how early|o clock|"
     "oclock|hour|hours|minute|minutes|mins|min|hr|hrs|am|pm|noon|midday|midnight"},
    {"day", 1,
     "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|"
     "sun|weekday|weekdays|weekend|weekends|wknd|today|tdy|tonight|tonite|tomorrow|tmrw|tmr|tmw|tomoz|"
     "yesterday|week|weeks|this week|next week|month|months|fortnight|date|dates|day|days|daily|"
     "christmas|xmas|easter|new year|new years|thanksgiving|eve|january|february|march|april|june|july|"
     "august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|oct|nov|dec"},
    {"daypart", 1,
     "morning|mornings|afternoon|afternoons|evening|evenings|night|nights|lunchtime|lunch time|lunch|"
     "after work|before work|early|late|arvo|tonight|dawn|first thing|end of the day"},
    {"location", 0,
     "where|wheres|where is|where are|whereabouts|address|location|located|locate|find you|find the|"
     "find it|get there|get to you|get to the|how do i get|directions|direction|map|maps|google maps|"
     "postcode|post code|zip|zip code|satnav|sat nav|gps|near|nearby|nearest|close to|next to|opposite|"
     "behind|across from|around the corner|street|road|avenue|lane|st|rd|ave|building|floor|upstairs|"
     "downstairs|entrance|door|far|how far|distance|walking distance|walk from|area|neighbourhood|closest|nearest to|near me|near here|get to|how to get|easy to get to|find us|map link|pin|find|lost|cant find|postcode for|whereabouts|where abouts|"
     "neighborhood|town|city|city centre|town centre|downtown|high street|landmark|which way|sign|signs|lift|elevator|stairs|steps|step free|wheelchair|access|outside|inside|which door|front door|back door"},
    {"transport", 0,
     "park|parking|car park|parking lot|parking space|garage|drive|driving|car|bus|buses|bus stop|train|"
     "station|tube|subway|metro|underground|tram|taxi|uber|cab|walk|walking|on foot|cycle|cycling|bike rack|"
     "bike racks|public transport|route|motorway|highway|exit|junction|taxi rank|rank|lift|dropped off|"
     "drop off point|coach|ferry"},
    {"access", 0,
     "wheelchair|wheelchairs|accessible|accessibility|access|disabled|disability|step free|ramp|stairs|"
     "steps|lift|elevator|mobility|walking frame|walker|crutches|blind|deaf|hearing loop"},
    {"booking", 0,
     "book|books|booking|bookings|booked|appointment|appointments|appt|appts|reserve|reserved|reservation|"
     "reservations|slot|slots|spot|spots|space|spaces|place|places|availability|available|free slot|"
     "free slots|opening|openings|sign up|sign me up|signup|register|registration|enrol|enroll|enrolment|"
     "put me down|put me in|book me|book me in|fit me in|squeeze me in|get me in|get in|come in|come by|"
     "pop in|drop in|walk in|walk ins|walk in|waitlist|waiting list|wait list|join|make an appointment|"
     "set up|arrange|schedule|full|fully booked|any room|room for|see me|see someone|visit|"
     "can i come|can i bring|squeeze in|fit in|squeeze me|get into|space for|come along|come to|try|try out|give it a go|attend|"
     "table|tables|table for|a table|book a table|party of|for two|for 2|for four|for 4|pop round|come round|"
     "come out|call out|callout|send someone|someone out|get someone|visit|next available|earliest|"
     "any chance|got room|room for|any space|rebook|pencil me in|sort a time|when can you"},
    {"cancel", 0,
     "cancel|cancels|cancelled|canceled|cancelling|canceling|cancellation|cancellations|call off|unbook|"
     "drop out|pull out|no show|no shows|not coming|cant come|cant make|cant make it|wont make|"
     "wont make it|wont be able|not able to make|miss|missed|missing|skip|opt out of|withdraw|"
     "dont need|no longer need|late cancel|something came up|came up|take me off|off the list|remove me from|dont show|dont show up|not show up|didnt show|dont turn up|last minute|short notice|late notice|wont need|not need|no longer|anymore|any more|dont want it|not needed|not going to make|wont be there|"
     "cant be there|wont be home|wont be in|not be in|fixed it myself|sorted it"},
    {"reschedule", 0,
     "reschedule|rescheduled|rescheduling|rearrange|rearranged|move|moved|moving|change|changed|changing|"
     "swap|swapped|switch|switched|postpone|postponed|push back|bring forward|another day|another time|"
     "different day|different time|other day|later|earlier|instead|amend|update my booking|transfer|wrong day|wrong time|wrong date|by mistake|running late|day later|day earlier|bring it forward|"
     "instead of|rather than|rebook|rearrange it|push it back|move it|change it|change the date|change the time|"
     "later slot|earlier slot|add|add people|fewer|extra people|more people|less people|numbers"},
    {"status", 0,
     "ready|done|finished|finish|status|update|updates|progress|news|any news|how long|how much longer|"
     "when will|eta|collect|collection|pick up|pickup|picked up|come and get|get it back|turnaround|"
     "turn around|still waiting|waiting for|wait|how is it going|coming along|results|result|back yet|grab|how many days|had a chance|got round|looked at it|fixed yet|sorted yet"},
    {"duration", 0,
     "how long|long does|how long does|take|takes|taking|duration|last|lasts|length|minutes|hour long|"
     "how many minutes|how many hours|how many days|quick|quickly|long"},
    {"urgent", 0,
     "emergency|emergencies|urgent|urgently|asap|as soon as possible|right away|right now|immediately|"
     "straight away|same day|today|now|quickly|fast|soon|soonest|at once|out of hours|after hours|"
     "weekend emergency|cant wait|desperate|help"},
    {"pain", 0,
     "pain|painful|pains|hurt|hurts|hurting|ache|aches|aching|sore|soreness|throbbing|sharp pain|"
     "bleeding|bleed|bleeds|blood|swollen|swelling|swell|infection|infected|abscess|injury|injured|injure|"
     "broken|broke|cracked|crack|chipped|chip|fell out|knocked out|sensitive|sensitivity|numb|tender|"
     "inflamed|agony|killing me|bad|worse|worst"},
    {"health", 0,
     "health|healthy|medical|condition|conditions|illness|ill|sick|unwell|surgery|operation|rehab|"
     "rehabilitation|recovery|recovering|physio|injury|injuries|back problems|bad back|bad knee|knee|knees|"
     "back|neck|hip|hips|shoulder|shoulders|joint|joints|arthritis|diabetes|diabetic|blood pressure|"
     "heart|asthma|allergy|allergies|allergic|medication|medicine|pregnant|doctor|gp|nurse|safe|safety"},
    {"pregnancy", 0,
     "pregnant|pregnancy|prenatal|pre natal|antenatal|ante natal|postnatal|post natal|"
     "postpartum|post partum|trimester|maternity|bump|mum to be|mom to be|due date|weeks pregnant|"
     "baby|babies|newborn|new mum|new mom|breastfeeding|nursing|expecting a baby|im expecting|is expecting|shes expecting|were expecting|mum|mums|mom|moms|mummy|mother|mothers|mama"},
    {"kids", 0,
     "kid|kids|child|children|childs|son|sons|daughter|daughters|toddler|toddlers|baby|babies|infant|"
     "infants|teen|teens|teenager|teenagers|boy|boys|girl|girls|little one|little ones|youngster|"
     "junior|juniors|family|families|school|age|ages|years old|year old|yr old|under 5|under 18|minor|"
     "minors|childrens|kiddo|kiddos|kids menu|childrens menu|family friendly|child friendly|little ones|"
     "under fives|2 year old|year olds|fussy eaters|kids eat free"},
    {"older", 0,
     "older|elderly|senior|seniors|pensioner|pensioners|retired|retiree|over 60|over 65|over 70|old age|"
     "aged|grandparent|grandma|grandpa|granny"},
    {"beginner", 0,
     "beginner|beginners|begin|beginning|first time|first timer|first timers|first ever|new|newbie|newbies|"
     "newcomer|novice|never|never done|never tried|never been|never had|inexperienced|no experience|"
     "experience|experienced|level|levels|all levels|intro|introduction|introductory|basics|basic|"
     "foundation|foundations|start|starting|started|starter|get started|learn|learning|easy|easiest|"
     "gentle|hard|difficult|too hard|keep up|unfit|fitness level|nervous|anxious|scared|worried|"
     "what to expect|what should i expect|suitable|suit me|right for me|ok for|recommend|which one|stiff|flexible|inflexible|not flexible|out of shape|unfit|overweight|first one|never ever"},
    {"advice", 0,
     "recommend|recommends|recommended|recommendation|recommendations|suggest|suggestion|advise|advice|"
     "which one|which ones|which service|which class|which should|should i get|should i go for|should i choose|"
     "what do you recommend|what would you recommend|whats best|what is best|best for me|best option|"
     "difference|the difference|difference between|worth it|is it worth|which is better|better for|"
     "right for me|suit me|suitable|suits me|good for me|choose|choosing|pick|decide"},
    {"request", 1,
     "want|wanna|i want|need|i need|would like|id like|looking for|can i get|can i have|could i get|"
     "after|keen on"},
    {"private", 0,
     "private|privately|one to one|1 to 1|one on one|1 on 1|121|personal|personally|individual|"
     "individually|just me|just us|bespoke|tailored|exclusive|home visit|home visits|at home|my house|"
     "my home|come to me|come to my|house call|mobile service|tutor|tuition|coaching|personal trainer|1 1|one 2 one|1 2 1"},
    {"group", 0,
     "group|groups|corporate|company|companies|office|workplace|work|team|teams|colleagues|staff|employees|"
     "business|party|parties|hen|hen party|stag|stag do|birthday|birthday party|event|events|celebration|"
     "wedding|friends|club|society|school group|colleagues|work do|christmas party|office party|hire the|rent the|whole|together|bulk|large group|"
     "for 10|for 15|for 20|people|group size|how many people|max|maximum|how many can|seat|seats|seating|big group|large party|host|hosting|venue|celebrate|anniversary|engagement|christening|baby shower|"
     "leaving do|retirement|reunion|function|functions|private room|private dining|guests|do|bash|gathering|"
     "hen do|occasion|exclusive use|hire the whole|the whole place"},
    {"staff", 0,
     "teacher|teachers|instructor|instructors|trainer|trainers|coach|coaches|therapist|therapists|"
     "practitioner|practitioners|specialist|specialists|expert|experts|professional|professionals|"
     "technician|technicians|mechanic|mechanics|dentist|dentists|doctor|doctors|hygienist|hygienists|"
     "nurse|nurses|stylist|stylists|barber|barbers|consultant|consultants|staff|team|someone|somebody|"
     "person|owner|manager|qualified|qualification|qualifications|certified|trained|experience"},
    {"bring", 0,
     "bring|bringing|take with|need to bring|what to bring|should i bring|do i need|need my own|own|"
     "provide|provided|provides|supply|supplied|included|include|includes|equipment|kit|gear|stuff|things|"
     "prepare|preparation|beforehand|before|ready for|what should i|anything"},
    {"clothing", 0,
     "wear|wearing|clothes|clothing|outfit|dress|dress code|shoes|shoe|trainers|sneakers|barefoot|socks|"
     "sock|grip socks|leggings|shorts|trousers|pants|top|tops|shirt|t shirt|sports bra|kit|uniform|"
     "jacket|coat|helmet|gloves|glasses|jewellery|jewelry|hair tie|comfy|comfortable|loose"},
    {"facilities", 0,
     "shower|showers|changing room|changing rooms|change room|changing|toilet|toilets|bathroom|bathrooms|"
     "restroom|restrooms|loo|locker|lockers|storage|leave my bag|bag|bags|wifi|wi fi|water|water fountain|"
     "towel|towels|hairdryer|hair dryer|mirror|cafe|coffee|waiting room|waiting area|seating|kitchen|"
     "facilities|facility|amenities|air con|air conditioning|heating|mat|mats|equipment|studio|room|rooms|somewhere to change|place to change|get changed|changing facilities|"
     "high chair|high chairs|highchair|baby changing|changing table|pram|prams|buggy|pushchair|stroller|"
     "crayons|play area|garden|terrace|outdoor seating|outside seating|heated|toilets"},
    {"food", 0,
     "eat|eating|ate|food|meal|meals|breakfast|brunch|lunch|dinner|supper|snack|snacks|drink|drinking|drinks|"
     "hungry|empty stomach|diet|vegan|vegetarian|gluten|allergy|allergies|menu|menus|dish|dishes|starter|"
     "starters|main|mains|main course|dessert|desserts|pudding|side|sides|specials|special|dish of the day|"
     "chef|chefs|cook|cooking|cuisine|kitchen|tasting menu|set menu|a la carte|portion|portions|plate|plates|"
     "pizza|pizzas|burger|burgers|pasta|salad|salads|soup|sandwich|sandwiches|steak|chicken|beef|pork|lamb|"
     "fish|seafood|meat|veg|vegetables|fries|chips|cake|cakes|bread|coffee|tea|wine|wines|beer|beers|"
     "cocktail|cocktails|bar|buffet|catering|cater|caterer|food to go|grub"},
    {"dietary", 0,
     "allergy|allergies|allergic|allergen|allergens|intolerance|intolerant|vegan|vegans|vegetarian|"
     "vegetarians|veggie|plant based|gluten|gluten free|coeliac|celiac|dairy|dairy free|lactose|"
     "lactose free|nut|nuts|nut free|peanut|peanuts|shellfish|sesame|soy|egg|eggs|egg free|halal|kosher|"
     "sugar free|low sugar|low carb|keto|paleo|low fat|calories|dietary|dietary requirements|diet|"
     "free from|doesnt eat|dont eat|cant eat|cant have|without|no meat|pescatarian|spicy|mild|ingredients"},
    {"takeaway", 0,
     "takeaway|takeaways|take away|takeout|take out|to go|to take away|delivery|deliveries|deliver|delivers|"
     "delivered|delivering|drop off|collection|collect|click and collect|pick up|pickup|order|orders|"
     "ordering|ordered|order in|order online|deliveroo|uber eats|ubereats|just eat|doordash|grubhub|"
     "shipping|ship|ships|shipped|postage|post|posted|courier|dispatch|dispatched|tracking|track|parcel|"
     "parcels|package|minimum order|delivery charge|delivery fee|free delivery"},
    {"water_leak", 0,
     "leak|leaks|leaking|leaked|leaky|drip|drips|dripping|burst|burst pipe|flood|floods|flooding|flooded|"
     "water|soaked|soaking|wet|damp|overflow|overflows|overflowing|pipe|pipes|pipework|tap|taps|faucet|"
     "stopcock|stop tap|valve|valves|pouring|gushing|pouring out|coming through|ceiling|water damage|"
     "frozen|froze|hose|tank|cistern|plumber|plumbers|plumbing"},
    {"heating", 0,
     "boiler|boilers|heating|heater|heaters|central heating|radiator|radiators|rads|thermostat|thermostats|"
     "hot water|warm|warm up|cold|freezing|lukewarm|gas|gas safe|gas leak|pilot light|pressure|combi|"
     "heat|heat pump|underfloor|underfloor heating|fire up|ignite|bleed|bleeding|air con|air conditioning|"
     "ac|cooling|furnace|hvac|immersion|storage heater"},
    {"blockage", 0,
     "blocked|block|blockage|blockages|clogged|clog|clogs|unblock|unblocking|drain|drains|drainage|"
     "draining|sink|sinks|plughole|plug hole|plug|toilet|toilets|loo|basin|bath|bathtub|shower|gutter|"
     "gutters|downpipe|downpipes|sewage|sewer|smell|smells|smelly|stink|stinks|slow|backing up|"
     "wont go down|plunger|manhole|jet|jetting|rodding|gurgling|gurgle"},
    {"electrics", 0,
     "electric|electrics|electrical|electrician|electricians|wiring|rewire|rewiring|socket|sockets|"
     "switch|fuse|fuses|fuse box|tripped|trip|trips|power|power cut|lights|light|lighting|bulb|bulbs|"
     "outlet|outlets|circuit|breaker|sparky"},
    {"guarantee", 0,
     "guarantee|guarantees|guaranteed|warranty|warranties|aftercare|comes back|come back|happens again|"
     "breaks again|goes wrong|go wrong|if it fails|not satisfied|satisfaction|money back|returns|return|"
     "return policy|exchange|exchanges|peace of mind|workmanship|labour|labor|parts and labour"},
    {"credentials", 0,
     "qualified|qualification|qualifications|certified|certification|accredited|accreditation|licensed|"
     "licenced|license|licence|registered|registration|gas safe|vetted|background check|dbs|insured|"
     "insurance|trained|training|experienced|years experience|reviews|trustworthy|reputable|legit|"
     "professional|members of|trade association|approved"},
    {"service_area", 0,
     "area|areas|cover|covers|covered|coverage|postcode|postcodes|zip code|come out to|come out|travel|"
     "travels|radius|miles|mile|villages|village|region|surrounding|outskirts|serve|service area|local|"
     "locally|nearby|my area|my town|come to my|do you come|how far|catchment|county|suburbs"},
    {"hotel", 0,
     "room|rooms|stay|staying|night|nights|overnight|check in|checkin|check out|checkout|late checkout|"
     "early check in|suite|double room|twin room|single room|double|twin|bed|beds|king size|sea view|"
     "breakfast included|luggage|bags|reception|front desk|key|keys|key card|accommodation|b and b|"
     "bnb|hostel|hotel|guest house|lodge|cabin|cottage|pool|spa|minibar|room service"},
    {"animal_care", 0,
     "vet|vets|veterinary|vaccination|vaccinations|vaccine|vaccines|jab|jabs|booster|boosters|neuter|"
     "neutering|neutered|spay|spaying|flea|fleas|tick|ticks|worming|wormer|microchip|microchipping|"
     "kitten|kittens|puppy|puppies|rabbit|rabbits|hamster|guinea pig|bird|birds|horse|horses|groom|"
     "grooming|groomer|dog walk|dog walking|kennel|kennels|cattery|boarding|pet sitting|limping|vomiting|"
     "not eating|lethargic"},
    {"fitness", 0,
     "gym|gyms|workout|workouts|work out|exercise|exercises|exercising|training|train|weights|lifting|"
     "cardio|spin|spinning|hiit|crossfit|bootcamp|circuit|circuits|treadmill|swim|swimming|pool|sauna|"
     "steam room|induction|fitness|fit|get fit|lose weight|weight loss|tone up|strength|stretch|"
     "stretching|yoga|pilates|zumba|boxing|class|classes|session|sessions"},
    {"beauty", 0,
     "hair|haircut|haircuts|cut|cuts|trim|colour|color|dye|highlights|balayage|blow dry|blowdry|perm|"
     "fringe|bangs|beard|shave|barber|nails|nail|manicure|pedicure|gel|acrylics|wax|waxing|facial|facials|"
     "massage|massages|lashes|lash|brows|eyebrows|threading|tan|spray tan|makeup|make up|skin|skincare|"
     "treatment|treatments|salon|spa"},
    {"vehicle", 0,
     "car|cars|vehicle|vehicles|van|vans|truck|trucks|lorry|motorbike|motorbikes|motorcycle|motorcycles|"
     "scooter|mot|oil change|engine|clutch|gearbox|exhaust|windscreen|windshield|car battery|warning light|"
     "dashboard|mileage|valet|car wash|bodywork|number plate|registration plate"},
    {"tyres", 0,
     "tyre|tyres|tire|tires|flat|flat tyre|flat tire|flats|puncture|punctures|punctured|inner tube|"
     "inner tubes|tube|tubes|blowout|slow puncture|went flat|gone flat|goes flat|keeps going flat|"
     "valve|tread|wheel|wheels"},
    {"noise_fault", 0,
     "noise|noises|noisy|banging|bang|knocking|clicking|clicks|grinding|squeak|squeaking|squeaky|rattle|"
     "rattling|humming|buzzing|whistling|error|error code|fault code|code|warning|flashing|keeps|"
     "keeps going|stopped|stops|wont start|wont turn on|doesnt turn on|dead|intermittent|playing up|"
     "acting up|not right|weird|strange"},

    {"contact", 0,
     "phone|phone number|number|call|calls|calling|ring|rang|email|e mail|emails|text|texts|texting|sms|"
     "whatsapp|message|messages|contact|contact details|reach you|get hold|get in touch|call back|voicemail|"
     "website|online|app|instagram|facebook"},
    {"online", 0,
     "online|website|web site|site|app|application|internet|link|portal|login|log in|account|"
     "book online|by phone|over the phone|email|confirm|confirmation|confirmed"},
    {"repair", 0,
     "fix|fixed|fixing|repair|repairs|repaired|repairing|mend|mended|broken|broke|not working|doesnt work|"
     "wont work|stopped working|damaged|damage|fault|faulty|issue|issues|problem|problems|service|"
     "services|servicing|serviced|tune up|tuneup|check|check over|checkup|look at|have a look|sort out|"
     "replace|replaced|replacement|replacing|adjust|adjustment|install|installation|fit|fitting|"
     "maintenance|maintain|overhaul|leak|leaking|noise|squeak|squeaking|rattle"},
    {"checkup", 0,
     "checkup|check up|check ups|checkups|exam|exams|examination|assessment|assessments|consultation|"
     "consultations|consult|review|screening|inspection|inspect|appraisal|evaluation|first visit|"
     "initial|routine|regular|annual|yearly|every 6 months|six months|mot"},
    {"cleaning", 0,
     "clean|cleaning|cleaned|cleans|hygiene|polish|polishing|scale|descale|wash|washing|whiten|whitening|"
     "tidy|deep clean|valet|detailing"},
    {"hire", 0,
     "hire|hiring|hired|rent|rental|rentals|renting|rented|borrow|borrowing|lend|loan|lease|leasing|"
     "per day|day hire|half day|full day|by the hour|deposit|return it"},
    {"buy", 0,
     "buy|buying|bought|purchase|purchasing|sell|sells|selling|sold|sale|sales|for sale|on sale|stock|"
     "stocks|in stock|out of stock|order|ordering|ordered|shopping|retail|second hand|"
     "secondhand|used|pre owned|refurbished|new one|brand|brands|model|models|range|catalogue|"
     "part exchange|trade in|gift card|gift voucher|gift cards|gift certificate|shop|store|"
     "do you sell|do you stock|have you got|do you carry|get hold of"},
    {"wait_time", 0,
     "wait|waiting|waiting list|wait time|waiting time|queue|delay|delayed|late|running late|how busy|busy|"
     "quiet|crowded|capacity|full"},
    {"complaint", 0,
     "complaint|complaints|complain|unhappy|disappointed|disappointing|not happy|bad experience|rude|"
     "poor|poor service|terrible|awful|wrong|mistake|mistakes|not good enough|refund|compensation|"
     "manager|feedback|review|reviews"},
    {"undecided", 0,
     "think about it|think it over|thinking about it|have a think|let me think|need to think|mull it over|"
     "sleep on it|not sure|unsure|not sure yet|undecided|deciding|decide|decided|havent decided|"
     "make up my mind|making up my mind|made up my mind|on the fence|torn|weighing it up|weigh it up|"
     "considering|consider it|get back to you|let you know|ill let you know|need some time|need more time|"
     "maybe later|not yet|hesitant|in two minds"},
    {"pets", 0, "dog|dogs|puppy|puppies|pet|pets|cat|cats|kitten|animal|animals|service dog|guide dog|dog friendly|pet friendly"},
    {"language", 0,
     "speak|speaks|language|languages|english|spanish|french|german|translator|interpreter|translate"},
    {"gift", 0, "gift|gifts|present|presents|gift card|gift voucher|voucher|vouchers|treat|surprise"},
    {"documents", 0,
     "form|forms|paperwork|records|record|documents|document|id|identification|referral|letter|"
     "certificate|prescription|report|notes|details|information|info|brochure|leaflet"},
};

/* Function words, greetings and chat fillers: no topic of their own. */
static const char mlen_stop[] =
    "i|im|ive|id|ill|me|my|mine|myself|you|youre|youve|youd|your|yours|u|ur|ya|ye|we|were|weve|us|our|ours|"
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
};

const ty_mlex *ty_mlex_en(void) { return &mlen_lex; }
