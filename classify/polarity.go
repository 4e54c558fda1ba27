package classify

import (
	"slices"
	"strings"
)

// satisfaction says why a keyword found in a message names no need of
// the sender: the message says the sender already has what it names, has
// received it (or thanks for it), does not need it, names it in a price
// or a purchase, that the hazard it names is over or the service it
// names is back, or that the sender is eating it. Such a keyword is not
// read, as one inside a phrase of another sense is not (sense.go): it
// is left out of MatchAll, Match
// and Evidence, and the model head of its category scores the message
// without its words; a category named only by such keywords is not
// listed by Classify at all ("we have water but no food" is food
// only). The opposite readings stay needs: "we have no water", "we
// don't have water", "we have not received food", "we have a water
// problem", "nou pa gen dlo", "the water has risen".
type satisfaction uint8

const (
	unsatisfied satisfaction = iota
	// had: "we have water", "nou gen dlo", "tuna maji", "temos água".
	had
	// received: "we received food", "nou resevwa manje", "tumepokea
	// chakula", "recibimos comida".
	received
	// notNeeded: "we don't need tents", "nou pa bezwen manje",
	// "hatuhitaji chakula", "não precisamos de comida".
	notNeeded
	// over: "the flood has gone down", "the fire is out", "dlo a bese",
	// "maji yamepungua", "la crue a baissé"; or no longer, "I am no
	// longer under the rubble", "mwen pa anba dekonb ankò" (noLonger).
	over
	// thanked is received, said with thanks: "thank you for the food
	// you brought", "merci pour la nourriture", "asante kwa chakula".
	// What follows the thing may say more of it ("…you brought
	// yesterday"), unless it goes on with "but" and no other need.
	thanked
	// restored: a service that is back, "power is back", "le courant
	// est revenu", "umeme umerudi", "ya volvió la luz", "water is back".
	restored
	// traded: a thing named in its price or a purchase, "the price of
	// maize went up", "bei ya unga imepanda", "I'm going to buy bread",
	// "vou comprar pão", "je vais au marché acheter du pain", "how much
	// is a bag of rice", or with its price after it, "the rice price
	// gone up again", "maji ya kunywa ni bei gani" (pricedAfter). What
	// follows may say more of it, as after thanks (not after a bare
	// purchase: "buy food for the children" is a request). Never after a
	// word of lack (polarityWords.lacks): "we have no money to buy food",
	// "we cannot buy food", "help us buy food" stay needs.
	traded
	// consumed: food the sender is eating or has eaten, "m ap manje
	// kounye a" (I am eating now), "m ap manje diri", "nou manje", "on
	// va manger maintenant", "vamos a comer ahora", "we ate rice". Never
	// after a word of lack, and the keyword must end its phrase (a meal
	// word with the goods eaten: "manje diri"): "nou p ap manje", "kisa
	// n ap manje", "m ap manje yon fwa pa jou", "ban nou manje" stay
	// needs.
	consumed
	// ended: a need the message says was and is no more, "we were
	// hungry but now we got food", "mwen te malad men kounye a mwen
	// byen" (see overSince); a hazard so read is over.
	ended
	// offered: goods someone else gives out, "the church gives food",
	// "free food at the church", "kanisa linatoa chakula", "legliz la ap
	// bay manje": a service available, not the sender's need (givers).
	// Guarded like a purchase, and the thing's phrase must end, or go on
	// with the place where it is given: "the church gives food but not to
	// us", "nobody gives us food", "who gives food here?" stay needs. The
	// taxonomy's aid distribution category reads it (offeredAs).
	offered
	// denied: a hazard the message says did not happen, its keyword
	// before a negation in its clause (deniedAfter): "moto haujawaka"
	// (the fire did not start), "mafuriko hayajafika", "fire no dey",
	// "flood no reach here", "aag nahi lagi", and the water of "water no
	// enter house" (no flood). The counterpart of a denial before the
	// keyword ("hakuna moto", "there is no fire": see scan.denied).
	denied
)

// lenient reports whether what follows a thing read as s may say more
// of it (see endsHere).
func (s satisfaction) lenient() bool { return s == thanked || s == traded }

// guarded reports whether a thing is read as s only when no word of
// lack (polarityWords.lacks) comes before it in the message, nor a
// reason with a word of lack after it (lackGiven): residents who ask
// for food or water name a purchase or a meal as often as those who have
// one ("compramos agua porque no llega": we buy water because it does
// not come).
func (s satisfaction) guarded() bool { return s == traded || s == consumed || s == offered }

// polarityWords are the words of one language that read a keyword found
// as satisfied (see satisfy). Phrases are folded words (text.Words).
type polarityWords struct {
	// had, received and notNeeded are the phrases that, right before a
	// keyword (across between words), say the sender has it, received it
	// or does not need it: "we have", "nous avons reçu", "pa bezwen".
	had, received, notNeeded [][]string
	// thanks are the phrases that, right before a thing, thank for it:
	// "thank you for", "thx 4", "mèsi pou", "gracias por" (thanked);
	// trades those that name its price or a purchase, or ask its price:
	// "price of", "pri", "going to buy", "vou comprar", "how much is",
	// "combien coûte", "cuánto cuesta" (traded).
	thanks, trades [][]string
	// priced are the phrases that, after a thing, name its price: "the
	// rice price gone up", "water price too high", "maji ya kunywa ni bei
	// gani", "dlo koute", "la comida está muy cara" (traded, see
	// pricedAfter), with only the language's fillers and dear words (its
	// copulas and intensifiers) between them (at most maxBetween): "is",
	// "too", "ni", "vin pi", "muy". Never in a message with a word of lack (lacks), before or
	// after: "food is too expensive, we are hungry", "water price too
	// high, please help" stay needs.
	priced [][]string
	dear   map[string]bool
	// pers are the words of a price's unit ("per", "par", "pou", "kwa",
	// "por"): a keyword after one, right after a thing read as traded,
	// is traded too, a good or not ("how much is water per jerrycan"),
	// but never a hazard ("tumenunua maji kwa mafuriko": we bought water
	// because of the floods).
	pers map[string]bool
	// paidFor join an amount paid to the thing bought, read by
	// pricedBefore as pers are: "500 francs pour le bidon d'eau", "50
	// meticais por um bidon".
	paidFor map[string]bool
	// cuts are the phrases that say a service stopped again: "went off",
	// "off again", "il est reparti", "li ale ankò", "yamekatika", "foi
	// embora", "se fue otra vez". After a service read as back or had,
	// in its clause or the next one, one undoes that reading (see
	// cutAgain): "the power came back today but went off again" is an
	// electricity need.
	cuts [][]string
	// purchases are the bare verbs of a purchase and the bare questions
	// of a price, right before a thing: "buy", "acheter", "achte",
	// "kununua", "comprar", "how much for", "konbyen" (traded, but the
	// thing's phrase must end: "buy food for us" is a request). consumes
	// are those that, right before food, say the sender is eating it: "ap"
	// (Creole "m ap manje"), "va" ("on va manger"), "vamos a" (consumed).
	// eaters are those that say who eats, read as consumes right before
	// a meal word only: "nou manje" (we ate), not "nou dlo".
	purchases, consumes, eaters [][]string
	// meals are the keywords of eating itself ("manje", "manger",
	// "comer", "kula"), which consumes read like the language's goods;
	// the goods eaten may follow them in the phrase ("m ap manje diri").
	meals map[string]bool
	// reasons are the words that give a reason: "because", "parce",
	// "paske", "sababu", "porque". After a thing read as traded or
	// consumed, a reason followed by a word of lack says why the sender
	// buys it: a need ("we buy water because the tap is dry" is not read;
	// "compramos agua porque no llega", "nou achte dlo paske pa gen dlo"
	// are).
	reasons map[string]bool
	// lacks are the words that say that the sender lacks the means or
	// asks for help: negations, money, need, must, help, please. A thing
	// after one of them, anywhere before it in the message, is never
	// read as traded or consumed: "we have no money to buy food", "nou
	// pa gen kòb pou achte manje", "hatuna pesa ya kununua chakula",
	// "help us buy food", "kisa n ap manje" stay needs. The lacks of
	// every language count, as for denials, and with them its
	// negations (negation; not those of notLacks). After the thing, its phrase
	// must end, or go on to another need (endsHere): "we went to buy
	// rice, now we need water" is water only.
	lacks map[string]bool
	// pleas are the words of lack that ask for help (read as lacks
	// too): "help", "aidez", "ede", "tusaidie", "ajuda", "ayuda". A
	// bare "please" is not one: "how much is a bag of rice please" asks a
	// price. One after a thing read as traded, anywhere in the message
	// with no keyword of another category after the thing, keeps the
	// need (pleaded): "j'achète de l'eau pour les enfants svp aidez", "I
	// bought water please help", "the price of maize went up, please
	// help"; "we bought food, please send water" is water only.
	pleas map[string]bool
	// promised are the words that, after a thing thanked for in its
	// clause, say it is still to come: "thank you for the food you
	// promised" thanks for nothing received (thanked is not read).
	promised map[string]bool
	// overBefore are the phrases that, right before a hazard's keyword,
	// say it was ended: "they put out the fire", "wamezima moto".
	overBefore [][]string
	// restoredBefore and restoredAfter are the phrases that, right before
	// or after a service (services), say it is back: "ya volvió la luz",
	// "power is back", "kouran an tounen".
	restoredBefore, restoredAfter [][]string
	// services are the words of the services that can be back (or
	// had: "we have power but no water"): power, light, water. "The
	// flood is back", "the robbers are back", "we have a power cut"
	// stay needs.
	services map[string]bool
	// overAfter are the phrases that, right after a hazard's keyword
	// (across the language's fillers and overSkip), say it is over: "the
	// fire is out", "le feu est éteint", "dife a etenn". recede are
	// those that say water went down: "the flood has gone down", "la
	// crue a baissé", "dlo a bese", "maji yamepungua". Only they end
	// the water of waters: "the water is out", "dlo a fini", "a água
	// acabou" say there is none left, a need.
	overAfter, recede [][]string
	overSkip          map[string]bool
	// blocks are the words that, right before one of those phrases,
	// undo it: needs and conditions ("nou bezwen resevwa", "if we
	// have"), and more words of lack than negations; the language's
	// negations (negation: "we never received") block too, from their
	// one home.
	blocks map[string]bool
	// between are the words that may come between a phrase and the
	// keyword: articles and quantities ("we have some water", "nous
	// avons de l'eau"), and a service's prepaid credit ("j'ai acheté du
	// crédit courant", "we bought tokens of power"), never a negation or a word of lack ("we have no
	// water", "we have little water" stay needs).
	between map[string]bool
	// ands join a list of things had ("we have water and food").
	ands map[string]bool
	// enders are the words after which a satisfied keyword's phrase may
	// end ("we have water now", "…thanks"); a list (ands) ends with its
	// last item; buts are the contrasts after which it ends only when
	// another need follows ("we have water but no food", not "we have
	// water but not enough"). Anything else after the keyword makes it
	// a need again: "we have water problems", "we have water in the
	// house", "the fire is out of control".
	enders, buts map[string]bool
	// wheres are the prepositions of a place after which the phrase
	// saying a hazard is over may go on (placeFollows): "the flood has
	// gone down at the market", "dife a etenn nan mache a".
	wheres map[string]bool
	// goods are the words of the things a sender can have or receive
	// (water, food, tents, medicine): only a keyword made of them can be
	// had or received. "We have a fire", "we have hunger", "we have
	// dirty water", "we have a burst pipe" stay needs.
	goods map[string]bool
	// waters are the words for water, whose going down (recede) ends a
	// flood ("dlo a bese", "maji yamepungua", "the water has gone
	// down").
	waters map[string]bool
	// nots, noLonger and still say that a hazard is no longer (over,
	// see noLonger): a negation of nots before the hazard's keyword in
	// its clause, a word of noLonger right before that negation ("ya
	// no", "já não"), between it and the keyword ("no longer", "ne …
	// plus") or right after the keyword ("pa … ankò", "not … anymore"),
	// and between the negation and the keyword only words of being or
	// of place (still), the language's fillers and prepositions and
	// words of the hazard's own keywords: "I am no longer under the
	// rubble", "je ne suis plus sous les décombres", "mwen pa anba
	// dekonb ankò", "hatupo chini ya kifusi tena". A verb that is not
	// being stops it: "we can no longer get out from under the rubble",
	// "nou pa ka soti anba dekonb lan ankò" are still trapped. Goods are
	// never read so: "il n'y a plus d'eau", "pa gen dlo ankò" (no water
	// any more) are needs.
	//
	// nots are also the language's negations read elsewhere: right before
	// a hazard's verb or adjective they say it did not happen
	// (scan.stateDenied), unless the language's negation is in two
	// parts (twoPart); after a hazard's keyword, in the languages of
	// postDenials that read them there.
	nots, noLonger, still map[string]bool
	// twoPart is set for a language whose negation is in two parts, nots
	// opening it and verbNots ending it ("ne … pas", "n'… jamais"): only
	// verbNots stand right before the verb or adjective ("la maison n'est
	// pas inondée"), and the nots are not read there (French "n" is the
	// Creole "we": "n inonde", we are flooded).
	twoPart bool
	// verbNots are the negations read right before a hazard's verb or
	// adjective (scan.stateDenied) that nots leave out: the second half
	// of a negation in two parts ("pas", "jamais"), and the negations of
	// the past that noLonger does not read after ("pat", Creole "pa te";
	// Portuguese "nunca": "a casa nunca alagou").
	verbNots map[string]bool
	// contracted are the contracted negations, in one word ("isnt",
	// "didnt"), read as nots are (stateDenied, postDenials), and
	// contractedT the words before the "t" of one written apart ("isn t",
	// "didn t").
	contracted, contractedT map[string]bool
	// denials are the words and the pairs of words that say that what
	// follows them does not exist (scan.denied): "no", "without", "pas
	// de", "pa gen", "hakuna", "não há", "no hay". Those of every
	// language count.
	denials [][]string
	// contrasts are the negations of a correction "X not Y": "water not
	// fire", "de l'eau, pas le feu", "maji si moto", "água, não fogo",
	// "agua, no fuego", "dlo pa dife" (contrasted).
	contrasts map[string]bool
	// contrastsAfter are the negations of a correction written after Y,
	// in a language that puts its negation after the noun (Roman Urdu
	// "pani chahiye aag nahi": water is needed, not fire), and
	// contrastJoins the words that may come between X and Y or after the
	// negation ("chahiye", "hai"), up to maxContrastJoins of them (see
	// contrastedAfter).
	contrastsAfter, contrastJoins map[string]bool
	// burning are the verbs that say a fire goes on, which a negation
	// and a word of noLonger after the fire's keyword end (endedAfter):
	// "the fire is not burning anymore", "dife a pa boule ankò". Not the
	// verbs of water rising: "the water is not rising any more" is still
	// a flood.
	burning map[string]bool
	// asks are the phrases that, before a hazard's keyword in its
	// clause, ask about it rather than report it (askedAbout):
	// information requests ("information about", "des nouvelles de",
	// "enfomasyon sou", "habari za") and questions of what will happen
	// ("will there be", "eske ap gen", "y aura-t-il").
	asks [][]string
	// hearsay are the phrases that open a clause of what others say
	// ("they say", "on dit que", "dicen que", "dizem que", "wanasema",
	// "yo di"): a hazard anywhere after one in its clause is asked about
	// as after asks, whatever words come between ("dicen que vem outra
	// cheia", "they say another flood is coming"), up to maxHearsay of
	// them, none of gapBreaks ("they say the river is high but we have
	// no food": the need is reported). They are also the words that,
	// anywhere in a message, say that the sender reports what others say
	// or what they heard ("apparently", "i was told", "the driver said"):
	// such a report is not filed on a phrase keyword (phraseStated).
	hearsay [][]string
	// said are more phrases of hearsay, kept apart for the words they
	// are made of: a person and a verb of saying ("chofè a di"); read as
	// hearsay is.
	said [][]string
	// hearsayNot are the phrases in which a word of hearsay says
	// something else ("nou tout sanble", we all gathered, not "it
	// seems"): a hearsay phrase one of them covers is none
	// (scan.hearsayAt).
	hearsayNot [][]string
	// questions are the question words read anywhere in a keyword's
	// clause, of a language that asks without opening its question with
	// them (Roman Urdu: "imdad kab milegi", "rashan kahan mil raha hai",
	// "sailab aa raha hai kya"); the keyword's category, need or hazard,
	// is asked (clauseAsked). Only the tables of clauseLangs have them.
	questions map[string]bool
	// sinceAfter are the phrases of time that name a hazard said before
	// them in their clause as the time of what is reported, as since
	// does after them: "mera beta lapata hai sailab ke baad se" (my son
	// is missing since the flood). Only the tables of clauseLangs have
	// them; their hearsay is read anywhere in the keyword's clause
	// ("sailab aaya hai suna hai", "tv pe dekha sindh mein sailab aaya
	// hai").
	sinceAfter [][]string
	// openers are the words that open a question when they are the
	// message's first word after greetings: "is the road blocked", "eske
	// wout la bloke", "je barabara imefungwa", "est-ce que la route est
	// bloquée"; and a condition, no more stated than a question: "if the
	// road is blocked tomorrow we will postpone the meeting", "si la route
	// est bloquée demain", "kama barabara imefungwa kesho", "se a estrada
	// estiver bloqueada", "si wout la bloke demen". Read for a keyword of
	// their own language only (phraseStated). Not the words that open a
	// report as often ("há", "hay", "tem", "esta": "there is", "this"): a
	// question with them has its question mark.
	openers [][]string
	// everyday are the phrase keywords (folded words) that name an
	// everyday nuisance as often as their category's need: "stuck in
	// traffic jam going home"; a smell, said of a deal, a story,
	// politics, feet or fish as often as of latrines ("something smells
	// bad about this deal", "ça pue la corruption", "essa história cheira
	// mal", "esto huele mal", "siasa zina harufu mbaya", "zafè sa a santi
	// move"). Never stated (phraseStated): filed only in the
	// keyword-first form.
	everyday map[string]bool
	// naming are the phrase keywords (folded words) that name a thing, a
	// service or an activity, not what happened to it: a word written in
	// two ("pit latrine", "septic tank", "choo cha shimo", "garbage
	// collection", "recolha de lixo", "bolsas de basura") or the verb of a
	// chore without its subject ("ramasser les ordures", "kuzoa taka",
	// "hacer sus necesidades"). They are read as a bare word is ("we are
	// digging a new pit latrine this weekend", "compré bolsas de basura",
	// "la recolha de lixo passa às terças", "samedi nous allons ramasser
	// les ordures du quartier", "kesho ni siku ya kuzoa taka"): asked, the
	// category offered first (phraseStated). The phrases that say what
	// happened stay stated ("latrina cheia", "garbage not collected",
	// "fatra pa ranmase", "hacen sus necesidades en la calle"). A road
	// block is a checkpoint as often as an obstacle.
	naming map[string]bool
	// cleared are the words that say a problem was dealt with, anywhere
	// in a message: "we cleared the blocked drain", "la route a été
	// dégagée", "barabara imefunguliwa"; rebuilt, a collapse told as past
	// ("le pont est tombé en 2010, il a été reconstruit depuis"); cleaned
	// out, a clean-up announced ("on va curer les caniveaux bouchés
	// samedi"). Such a message is not filed on a phrase keyword
	// (phraseStated); "not cleared" is asked too, the safe side. The verbs
	// of the complaints themselves ("collected", "emptied", "ramassées")
	// are not here: "the garbage has not been collected" is the report.
	cleared map[string]bool
	// keywordNots are the negations written in keywords that nots leaves
	// out ("cannot", "pas", "hakuna"): a phrase keyword holding one of
	// them or of nots is stated only with a one-word keyword of its
	// category in it (phraseStated).
	keywordNots map[string]bool
	// congestion are the keywords (folded words) that name a traffic jam,
	// not a blocked road: "Trancón terrible en la 80", "Foleni imezidi
	// town leo", "Blokis la twòp", "Engarrafamento enorme na marginal" is
	// small talk, and the road is passable. They stay keywords of road
	// blocked (asked, the category offered first: a jam behind a fallen
	// bridge is told by the bridge) but never file in the keyword-first
	// form (see congestion).
	congestion map[string]bool
	// noticeTimes are the phrases of a time to come or a schedule that
	// make a message a notice rather than a report (announces): "road
	// closed for repairs next week", "Garbage collection day is every
	// Monday", "barabara imefungwa kesho", "calle cerrada hasta el
	// viernes". A day named alone is not one ("blocked since Sunday" is a
	// report); Spanish "mañana" is also the morning ("desde esta
	// mañana"): only "pasado mañana" is here.
	noticeTimes [][]string
	// noticeFor are the words that give a closure its purpose, and
	// noticeEvents what they may give: an event or works ("for repairs",
	// "por fiesta patronal", "pour le marathon", "para obras", "kwa ajili
	// ya ziara ya rais", "pou kanaval"). A closure for an event or works
	// is a notice; one by a fallen tree or for three days is a report
	// ("for" must reach an event within noticeReach words).
	noticeFor    [][]string
	noticeEvents map[string]bool
	// adverts are the words of a price or a trade, and serviceWords those
	// of a service offered, which with a phone number make an advert
	// (announces): "Blocked drain specialists, 24 hour service", "vidange
	// de fosse septique, prix imbattable", "huduma ya kunyonya vyoo, piga
	// 0722 111 222". A resident's number alone ("call me 0722…") is no
	// advert.
	adverts      [][]string
	serviceWords map[string]bool
	// plannedCuts are the phrases that tell a cut of a service to come
	// or scheduled ("water will be cut tomorrow", "scheduled power cut",
	// "coupure d'eau prévue demain", "maji yatakatika kesho", "y ap koupe
	// dlo demen", "vai faltar água amanhã", "habrá corte de luz"), and
	// rangeFrom, rangeTo, hours and hourNames the words of a range of
	// clock times ("from 8 to 5", "de 8h à 17h", "das 8 às 17", "saa mbili
	// hadi saa kumi"): either makes the water or power a message names a
	// notice of a planned cut, not an outage (plannedCut; Result.Main
	// asks). Not "since" ("no water since yesterday", "maji hayatoki
	// tangu jana", "pa gen kouran depi 3 jou" are the outage).
	plannedCuts [][]string
	// unkept are the phrases that tell, in the past, that what was
	// scheduled did not come ("never came", "did not come", "n'est
	// jamais venue", "nunca llegó", "não chegou", "haikuja", "pa janm
	// vini"): with one, a schedule is no notice of a cut to come but a
	// report ("the scheduled water truck never came, no water since
	// monday"; plannedCut).
	unkept             [][]string
	rangeFrom, rangeTo map[string]bool
	hours, hourNames   map[string]bool
	// gone are the phrases that, right after a thing (across the
	// language's fillers and overSkip), say it is used up: "flour is
	// finished", "unga umeisha", "la farine est finie", "farin nan fini",
	// "a farinha acabou", "se acabó la harina" is a lack, whatever comes
	// before it ("we bought rice, flour is finished": see goneAfter).
	gone [][]string
	// restarts are the phrases of a need said again, which end the
	// phrase of a thing before them as a comma would: "nou pa bezwen
	// manje nou bezwen travay", "we have water we need food".
	restarts [][]string
	// past, nows and well read a need said to be over (overSince): a
	// word of past before the keyword in its clause ("we were hungry",
	// "nou te grangou"), then a contrast and a word of now ("but now",
	// "men kounye a", "lakini sasa"), then what was lacking had or
	// received, or a word of being well ("mwen byen", "I am fine").
	past, nows, well map[string]bool
	// tails are the phrases of when, after food or water eaten or drunk,
	// that end its phrase: "we eat rice every day", "I am cooking rice
	// for dinner", "kila siku". sources are the words of where it comes
	// from, after which the thing's phrase never ends for a meal: "we
	// drink water from the river" is a water need.
	tails   [][]string
	sources map[string]bool
	// locatives are the endings of a word that names a place by itself
	// (Swahili "mtaani", "kijijini"): after a service back, like one of
	// wheres (placeEnds).
	locatives map[string]bool
	// since are the phrases that, before a hazard's keyword in its
	// clause, name it as the time of what the message reports ("after
	// the", "since the", "apre", "baada ya", "depois da"): "rubbish
	// everywhere after the flood" reports rubbish, and the flood is not
	// filed when the message names another need (askedAbout).
	since [][]string
	// sinceOwn are more of since, read only before a keyword of their
	// own language: the Portuguese "na" and "no" ("perdemos tudo na
	// cheia") are Swahili's "and" and English's "no".
	sinceOwn [][]string
	// givers are the phrases that, right before a thing, say someone
	// else gives it out: "gives", "is giving", "free", "donne",
	// "linatoa", "ap bay", "dando", "regalan" (offered). askers are the
	// question words that, before one in its clause, ask where the thing
	// is given: "who gives food here?" asks for food.
	givers [][]string
	askers map[string]bool
	// arrived are the phrases that, right after a thing (across the
	// language's fillers and overSkip), say it came: "the food has
	// arrived", "a comida já chegou", "chakula kimefika", "manje a rive"
	// (received). Not of water, which arrives as a flood does ("maji
	// yamefika magotini", "dlo a rive nan kay la"), nor after a negation
	// ("the food has not arrived", "manje a poko rive": the negation is
	// no filler), and the thing's phrase must end: "food arrived but not
	// enough" stays a need.
	arrived [][]string
	// arrivedFirst are the phrases that say it came right before the
	// thing (across the language's between words), where the verb may
	// come first: "ya llegó la comida", "chegou a comida" (received).
	// Not of water either ("llegó el agua a la casa" is a flood), nor
	// after a negation or a condition ("no llegó la comida", "si llega la
	// comida": polarityWords.blocks), nor a present or a subjunctive
	// ("todavía no llega", "cuando llegue").
	arrivedFirst [][]string
	// closing are the phrases that, right after a thing had, received
	// or eaten, end its phrase as an ender does: enough of it ("tuna
	// maji ya kutosha", "nou gen dlo ase") or praise of it ("comimos
	// frijoles con arroz bien rico").
	closing [][]string
	// withs are the words that join a good to the one it is eaten or
	// had with, read as it is ("frijoles con arroz", "rice with beans"):
	// after one, only a good of the same category goes on with the
	// thing's phrase (endsHere, adjacentGood); "tenemos agua con mal
	// olor" stays a need.
	withs map[string]bool
	// yearWords are the phrases that put a year after them as when
	// something happened (dropPast): "in", "back in", "en el año",
	// "mwaka", "no ano de", "nan ane". agoPhrases are those of a time
	// years ago or last year, "*" standing for up to two words, the
	// number of years ("ten years ago", "il y a * ans", "miaka *
	// iliyopita", "hace * años", "sa gen * an"); not a number of months,
	// weeks or days: "the bridge collapsed two days ago" may still be
	// down. sinceWords are the words after which such a time is when
	// something began that lasts ("no water since 2019", "tangu mwaka
	// jana", "depi an 2010"), durationWords those before which it says how
	// long something has lasted ("hace diez años que no tenemos agua",
	// "sa gen de an ke"), and presentWords those that say now, still or
	// again: a clause holding one tells the present, whatever time it
	// also names ("the bridge collapsed in 2010 and is still blocked").
	// Those of every language count.
	yearWords, agoPhrases                   [][]string
	sinceWords, durationWords, presentWords map[string]bool
	// yearAfter are the phrases that, right after a year, name it as
	// when something happened, in a language that puts them after the
	// noun (Roman Urdu "2010 mein sailab aaya tha"); read as yearWords.
	yearAfter [][]string
	// grateful are the words of thanks ("thanks", "asante", "mesi"):
	// after a place where water is back, one says it is the supply that
	// came back, not the flood's water ("water is back at home thanks",
	// "maji yamerudi nyumbani asante"; see waterBack).
	grateful map[string]bool
}

// saidBy returns the phrases of a Creole noun of a person, its article
// and verb: "chofe a di", "polis la di", "moun nan di".
func saidBy(verb string, nouns ...string) []string {
	var out []string
	for _, n := range nouns {
		for _, art := range []string{"a", "an", "la", "nan", "yo"} {
			out = append(out, n+" "+art+" "+verb)
		}
	}
	return out
}

// phrases turns space-separated phrases into word lists.
func phrases(ps ...string) [][]string {
	out := make([][]string, len(ps))
	for i, p := range ps {
		out[i] = strings.Fields(p)
	}
	return out
}

// polarity holds the words of the six keyword languages. Every table is
// tried on every keyword found (a keyword may be read in a message of
// another language: "água" is Spanish "agua" once folded), each with its
// own words: a phrase of one language says that things of that
// language (its goods) are had, received, thanked for or traded, and
// that its services are back; a need denied ("pa bezwen", "no
// necesitamos") and a hazard over are read of any keyword. A city's own
// keyword is read as had only when its words are goods here.
var polarity = map[string]*polarityWords{
	// Roman Urdu: the words of clauseLangs, and its negations, read
	// after a hazard's keyword (postDenials).
	"ur": {
		nots:      wordSetOf("nahi", "nahin", "nai", "na", "nhi", "nahee"),
		questions: wordSetOf("kya", "kia", "kab", "kahan", "kahaan", "kidhar", "kaise", "kaisay", "kyun", "kyon", "kyu"),
		hearsay: phrases("suna hai", "suna he", "sunne mein aaya", "sunne me aaya", "tv pe dekha", "tv par dekha",
			"tv pe suna", "khabar", "khabar hai", "khabrein", "log keh rahe hain", "kehte hain", "kaha ja raha hai"),
		sinceAfter: phrases("ke baad", "ke baad se", "k baad", "baad se"),
		// Urdu names a year before its postposition ("2010 mein sailab
		// aaya tha"), and "se" after a time says since or for how long
		// ("pichle saal se", "das saal se pani nahi aaya").
		yearAfter: phrases("mein", "me", "main", "men"),
		agoPhrases: phrases("* saal pehle", "* sal pehle", "* saal pahle", "* sal pahle", "* saal pehlay",
			"* sal pehlay", "* saal qabal", "* baras pehle", "pichle saal", "pichhle saal", "pichle sal",
			"pichhle sal", "guzishta saal", "guzashta saal"),
		durationWords: wordSetOf("se", "sey"),
		// Not "phir", which tells "then" in a story as often as "again".
		presentWords: wordSetOf("ab", "abhi", "aaj", "aajkal", "dobara"),
		// "pani chahiye aag nahi", "pani chahiye, aag nahi chahiye".
		contrastsAfter: wordSetOf("nahi", "nahin", "nai", "nhi", "nahee"),
		contrastJoins:  wordSetOf("chahiye", "chahie", "chaiye", "hai", "he", "ki", "ka", "zaroorat", "zarurat"),
	},
	"en": {
		givers: phrases("gives", "giving", "is giving", "are giving", "gives out", "giving out", "handing out",
			"distributing", "free", "offers", "offering", "provides", "providing", "serving", "serves"),
		askers: wordSetOf("who", "where", "which", "what", "anyone", "anybody", "somebody", "someone"),
		had: phrases("we have", "i have", "we ve", "i ve", "have got", "ve got", "we got", "i got",
			"we still have", "we already have", "we now have", "we do have"),
		received: phrases("received", "we were given", "they gave us", "we were brought", "gave us", "gave me",
			"brought us", "brought me", "brought"),
		arrived:  phrases("arrived", "came", "got here", "delivered"),
		withs:    wordSetOf("with"),
		grateful: wordSetOf("thanks", "thank", "thx", "tnx", "thanx"),
		thanks: phrases("thank you for", "thanks for", "thank u for", "thanx for", "thank you so much for",
			"thank you very much for", "thanks a lot for", "grateful for", "thankful for", "thank you 4", "thank u 4",
			"thanks 4", "thanx 4", "thx for", "thx 4", "thnx for", "thnx 4", "thnks for", "tnx for", "tnx 4", "tks for",
			"tks 4", "ty for"),
		trades: phrases("price", "prices", "going to buy", "gonna buy", "will buy", "we bought", "i bought", "how much is",
			"how much are", "selling", "sold"),
		restoredAfter: phrases("back", "came back", "come back", "returned", "restored", "back on", "is on",
			"came on", "working again", "flowing again"),
		services: wordSetOf("power", "electricity", "light", "lights", "current", "water"),
		notNeeded: phrases("don t need", "dont need", "do not need", "doesn t need", "does not need",
			"no longer need", "no need for", "no need of", "don t want", "do not want", "we no need", "i no need"),
		overBefore: phrases("put out", "extinguished"),
		overAfter: phrases("over", "is out", "was out", "went out", "put out", "extinguished", "under control",
			"passed", "finished", "ended", "stopped", "did not reach us", "didn t reach us", "didnt reach us",
			"not reach us", "never reached us", "no reach us", "did not reach here", "didn t reach here",
			"didnt reach here", "never reached here"),
		recede:   phrases("receded", "gone down", "went down", "subsided", "drained away", "done go down", "don go down"),
		overSkip: wordSetOf("now", "already", "finally", "completely", "totally", "mostly", "been"),
		blocks: wordSetOf("nor", "if", "need", "needs",
			"to", "want", "would", "when", "until", "yet", "nobody", "noone", "one", "please", "pls", "plz"),
		between: wordSetOf("credit", "units", "tokens", "token", "prepaid", "the", "a", "an", "some", "any", "enough", "plenty", "lots", "lot", "of", "more", "clean",
			"fresh", "pure", "drinking", "our", "your", "their", "already", "still", "bag", "bags", "sack", "sacks", "kilo", "kilos",
			"kg", "tin", "tins", "cup", "cups", "bottle", "bottles", "packet", "packets", "loaf"),
		gone: phrases("finished", "is finished", "has finished", "ran out", "has run out", "run out", "is used up",
			"used up", "exhausted"),
		restarts: phrases("we need", "i need", "we only need", "what we need", "we dey need"),
		past:     wordSetOf("were", "was", "had"),
		nows:     wordSetOf("now"),
		well:     wordSetOf("fine", "well", "better", "ok", "okay", "safe", "healed", "recovered", "cured"),
		tails: phrases("every day", "every morning", "every evening", "every night", "each day", "each morning", "daily",
			"for breakfast", "for lunch", "for dinner", "for supper", "for the children", "for our children", "for my children",
			"for the kids", "for the family", "for our family", "for my family", "in the morning", "in the evening", "at night"),
		sources: wordSetOf("from"),
		ands:    wordSetOf("and", "plus"),
		enders: wordSetOf("from", "now", "already", "thanks", "thank", "today", "yesterday", "anymore", "again", "here", "left", "too", "also", "so", "enough",
			"this", "last", "tonight"),
		wheres: wordSetOf("at", "in", "near", "around", "along", "behind", "by", "on", "across", "inside", "outside"),
		buts:   wordSetOf("but", "however", "though"),
		goods: wordSetOf("water", "food", "rice", "flour", "maize", "beans", "bread", "meal", "meals", "rations", "ration",
			"groceries", "provisions", "sugar", "corn", "cornmeal", "wheat", "sorghum", "cassava", "vegetables",
			"porridge", "tent", "tents", "tarpaulin", "tarpaulins", "tarp", "tarps", "plastic", "sheet", "sheets",
			"sheeting", "cover", "covers", "covering", "blankets", "mattress", "mattresses", "shelter", "medicine",
			"medicines", "tablets", "mosquito", "bed", "net", "nets", "bednet", "bednets", "netting", "drinking"),
		purchases: phrases("buy", "to buy", "buying", "purchase", "how much for"),
		consumes: phrases("eating", "are eating", "am eating", "ate", "eaten", "chop", "chopping", "we eat", "i eat",
			"we dey eat", "i dey eat", "like to eat", "love to eat", "like eating", "love eating", "we drink", "i drink",
			"we dey drink", "are drinking", "am drinking", "am cooking", "are cooking", "we cook", "i cook",
			"drinking tea with", "drink tea with", "drank tea with", "drinking coffee with", "drink coffee with"),
		reasons: wordSetOf("because", "becoz", "bcoz", "bcz", "coz", "cause"),
		lacks: wordSetOf("nothing", "without", "money", "cash",
			"afford", "need", "needs", "must", "please", "pls", "plz", "could", "would", "hungry", "starving", "nobody",
			"noone"),
		pleas:    wordSetOf("help"),
		promised: wordSetOf("promised", "promise", "will", "would", "gonna"),
		waters:   wordSetOf("water", "waters", "floodwater", "floodwaters"),
		nots:     wordSetOf("not", "no", "t", "never"),
		contracted: wordSetOf("isnt", "wasnt", "arent", "werent", "hasnt", "havent", "hadnt", "didnt", "dont", "doesnt",
			"wont"),
		contractedT:  wordSetOf("isn", "wasn", "aren", "weren", "hasn", "haven", "hadn", "didn", "don", "doesn", "won"),
		denials:      phrases("no", "without", "not a", "not any"),
		yearWords:    phrases("in the year", "back in", "in"),
		agoPhrases:   phrases("years ago", "year ago", "decades ago", "last year"),
		sinceWords:   wordSetOf("since", "from"),
		presentWords: wordSetOf("now", "today", "tonight", "still", "currently", "again", "anymore"),
		noLonger:     wordSetOf("longer", "anymore", "more"),
		burning:      wordSetOf("burning", "burn", "burns"),
		still:        wordSetOf("am", "be", "being", "we", "i", "they", "there", "any"),
		since:        phrases("after the", "since the", "during the", "in the", "because of the"),
		asks: phrases("information about", "information on", "information regarding", "information concerning",
			"informations about", "informations on", "info about", "info on", "infos about", "infos on", "news about",
			"news of", "news from", "news on", "any news", "update on", "updates on", "update about", "updates about",
			"what is happening with", "what s happening with", "whats happening with", "what is going on with",
			"will there be", "is there going to be", "are there going to be", "will we have", "is there a risk of"),
		hearsay: phrases("they say", "they said", "people say", "people are saying", "they are saying", "i heard",
			"we heard", "i have heard", "we have heard", "rumour", "rumours", "rumor", "rumors",
			"heard", "apparently", "i was told", "we were told", "supposedly", "said", "says", "saw on tv", "seen on tv",
			"saw on the news", "saw it on tv", "saw on facebook"),
		openers: phrases("is", "are", "was", "were", "has", "have", "did", "does", "do", "can", "could", "will", "would",
			"when", "why", "where", "how", "who", "what", "which", "any", "if"),
		everyday: wordSetOf("traffic jam", "bad smell", "smells bad"),
		naming: wordSetOf("road block", "storm drain", "drainage channel", "solid waste", "garbage collection",
			"rubbish collection", "pit latrine", "septic tank", "open defecation"),
		cleared:     wordSetOf("cleared", "fixed", "repaired", "unblocked", "reopened", "removed", "rebuilt"),
		keywordNots: wordSetOf("cannot", "cant"),
		congestion:  wordSetOf("traffic jam"),
		noticeTimes: phrases("tomorrow", "next week", "next month", "next year", "next weekend", "every monday",
			"every tuesday", "every wednesday", "every thursday", "every friday", "every saturday", "every sunday",
			"until monday", "until friday", "from monday"),
		noticeFor: phrases("for", "due to", "because of"),
		noticeEvents: wordSetOf("repairs", "repair", "works", "roadworks", "maintenance", "construction", "marathon",
			"marathons", "race", "parade", "festival", "carnival", "rally", "procession", "visit", "ceremony", "celebration"),
		adverts: phrases("price", "prices", "specialist", "specialists", "per month", "affordable", "discount",
			"we buy"),
		serviceWords: wordSetOf("service", "services"),
		plannedCuts: phrases("will be cut", "will be off", "will be switched off", "will be disconnected",
			"will be interrupted", "will be rationed", "scheduled", "planned", "there will be no"),
		unkept: phrases("never came", "never come", "never arrived", "never showed", "did not come", "didn t come",
			"didnt come", "did not arrive", "didn t arrive", "didnt arrive", "has not come", "hasn t come",
			"have not come", "haven t come"),
		rangeFrom: wordSetOf("from", "between"),
		rangeTo:   wordSetOf("to", "till", "until", "and"),
		priced:    phrases("price", "prices", "cost", "costs", "expensive"),
		dear:      wordSetOf("too", "so", "very", "really", "now", "getting", "become", "became", "still"),
		pers:      wordSetOf("per"),
		paidFor:   wordSetOf("for"),
		cuts: phrases("went off", "gone off", "goes off", "going off", "off again", "cut again", "cut off again",
			"went out again", "gone again", "stopped again", "disconnected again", "finished again"),
		contrasts: wordSetOf("not"),
	},
	"fr": {
		givers: phrases("donne", "donnent", "offre", "offrent", "distribue", "distribuent"),
		askers: wordSetOf("qui", "ou", "quel", "quelle", "quelqu"),
		had: phrases("nous avons", "on a", "j ai", "nous avons deja", "on a deja", "nous reste", "il nous reste",
			"nous avons encore", "on a encore"),
		received: phrases("recu", "recus", "recue", "recues"),
		arrived:  phrases("est arrive", "est arrivee", "sont arrives", "sont arrivees", "arrivee", "arrivees", "arrives"),
		grateful: wordSetOf("merci"),
		thanks: phrases("merci pour", "merci beaucoup pour", "merci de", "merci beaucoup de", "reconnaissants pour", "remercie pour",
			"remercions pour"),
		trades: phrases("prix", "cout", "vais acheter", "allons acheter", "va acheter", "achete", "achetes", "combien coute",
			"combien coutent", "vends", "vendons"),
		restoredAfter: phrases("revenu", "revenue", "retabli", "retablie", "de retour", "revient"),
		services:      wordSetOf("courant", "electricite", "lumiere", "eau"),
		notNeeded:     phrases("pas besoin", "plus besoin", "aucun besoin"),
		overBefore:    phrases("eteint", "maitrise"),
		overAfter: phrases("termine", "terminee", "fini", "finie", "eteint", "eteinte", "maitrise", "maitrisee",
			"passe", "passee", "arrete", "arretee"),
		recede: phrases("baisse", "baissee", "baisses", "baissees", "descendu", "descendue", "descendues", "retire",
			"retiree", "retirees", "retires", "recule", "reculee", "reculees"),
		overSkip: wordSetOf("deja", "enfin", "maintenant", "completement", "bien"),
		blocks:   wordSetOf("plus", "si", "sans", "rien", "besoin", "pour", "veut", "voulons"),
		between: wordSetOf("credit", "credits", "recharge", "unites", "de", "d", "du", "des", "la", "le", "les", "l", "un", "une", "assez", "suffisamment",
			"beaucoup", "encore", "deja", "bien", "sac", "sacs", "kilo", "kilos", "kg", "litre", "litres", "bouteille",
			"bouteilles", "boite", "boites", "paquet", "paquets", "sachet", "sachets", "bidon", "bidons", "seau", "seaux"),
		gone: phrases("fini", "finie", "finis", "finies", "est fini", "est finie", "sont finis", "epuise", "epuisee",
			"epuises", "est epuise", "est epuisee", "termine", "terminee"),
		restarts: phrases("nous avons besoin", "on a besoin", "j ai besoin", "il nous faut"),
		past:     wordSetOf("avions", "avais", "etions", "etais", "etait", "avait", "ete"),
		nows:     wordSetOf("maintenant"),
		well:     wordSetOf("bien", "mieux", "gueri", "guerie", "gueris", "retabli", "retablie"),
		tails: phrases("tous les jours", "chaque jour", "chaque matin", "chaque soir", "le matin", "le soir",
			"au petit dejeuner", "au dejeuner", "au diner", "pour le diner", "pour le dejeuner"),
		ands:   wordSetOf("et"),
		enders: wordSetOf("maintenant", "deja", "merci", "aussi", "donc", "assez", "hier", "aujourd", "ici", "encore", "ce", "cette"),
		wheres: wordSetOf("a", "au", "aux", "dans", "pres", "vers", "sur", "derriere", "devant", "chez"),
		buts:   wordSetOf("mais", "cependant", "pourtant"),
		goods: wordSetOf("eau", "nourriture", "aliments", "vivres", "riz", "farine", "repas", "manioc", "mais", "pain", "sucre",
			"haricots", "lait", "huile", "conserves", "denrees", "abri", "abris", "tente", "tentes", "bache",
			"baches", "plastique", "plastiques", "feuille", "feuilles", "couvertures", "matelas", "medicaments", "moustiquaire",
			"moustiquaires", "potable", "tole", "toles"),
		purchases: phrases("acheter", "combien pour", "combien le", "combien la", "vendre", "vends", "vend"),
		consumes:  phrases("va", "vais", "allons", "vont", "train de", "mange", "mangeons"),
		reasons:   wordSetOf("parce", "car", "puisque"),
		meals:     wordSetOf("manger"),
		lacks: wordSetOf("rien", "sans", "argent", "sous", "moyens", "besoin", "svp", "pouvez", "faut",
			"faim"),
		pleas:     wordSetOf("aide", "aidez", "aider"),
		promised:  wordSetOf("promis", "promise", "promises", "allez", "viendra", "attendons"),
		waters:    wordSetOf("eau", "eaux"),
		nots:      wordSetOf("ne", "n"),
		twoPart:   true,
		verbNots:  wordSetOf("pas", "jamais"),
		denials:   phrases("sans", "aucun", "aucune", "pas de", "pas d", "pas du", "pas un", "pas une"),
		yearWords: phrases("en l an", "en"),
		agoPhrases: phrases("il y a * ans", "il y a * an", "il y a * annees", "l an dernier", "l annee derniere",
			"l an passe", "l annee passee"),
		sinceWords:    wordSetOf("depuis"),
		durationWords: wordSetOf("qu"),
		presentWords:  wordSetOf("maintenant", "aujourd", "toujours", "encore", "actuellement", "desormais"),
		noLonger:      wordSetOf("plus"),
		burning:       wordSetOf("brule", "brulent"),
		still: wordSetOf("je", "j", "nous", "on", "il", "ils", "y", "suis", "sommes", "etes", "es", "sont", "reste",
			"restons", "avons", "ai"),
		since: phrases("apres l", "apres la", "apres le", "apres les", "depuis l", "depuis la", "depuis le", "pendant l",
			"pendant la", "pendant le", "lors de l", "lors de la", "lors du", "dans l", "dans la", "a cause de l", "a cause de la",
			"a cause du"),
		asks: phrases("information sur", "informations sur", "info sur", "infos sur", "information concernant",
			"informations concernant", "nouvelles de", "nouvelles du", "nouvelles des", "nouvelles sur",
			"se passe t il avec", "qui se passe avec", "y aura t il", "va t il y avoir", "est ce qu il va y avoir",
			"est ce qu il y aura", "est ce que", "rumeur", "on dit qu il va y avoir", "on dit que", "il parait que",
			"il parait qu il va y avoir", "c est vrai que"),
		hearsay: phrases("on dit que", "on dit qu", "ils disent que", "ils disent qu", "les gens disent que", "j ai entendu dire que",
			"j ai entendu que", "il parait que", "il parait qu", "rumeur", "rumeurs",
			"on dit", "il parait", "parait il", "entendu", "on m a dit", "dit que"),
		openers:  phrases("est ce", "est il", "est elle", "pourquoi", "quand", "comment", "qui", "quoi", "y a t il", "si"),
		everyday: wordSetOf("mauvaise odeur", "ca pue", "odeur insupportable"),
		naming: wordSetOf("barrage routier", "ordures menageres", "ramasser les ordures", "fosse septique",
			"matieres fecales", "defecation a l air libre", "defecation en plein air", "faire leurs besoins",
			"faire ses besoins"),
		cleared: wordSetOf("degage", "degagee", "degagees", "debouche", "debouchee", "repare", "reparee", "rouverte",
			"reconstruit", "reconstruite", "curer", "curage"),
		keywordNots: wordSetOf("pas"),
		congestion:  wordSetOf("embouteillage", "bouchon"),
		noticeTimes: phrases("demain", "semaine prochaine", "mois prochain", "annee prochaine", "tous les lundis",
			"chaque lundi", "chaque semaine", "jusqu a vendredi", "a partir de lundi"),
		noticeFor:    phrases("pour"),
		noticeEvents: wordSetOf("travaux", "fete", "defile", "visite", "ceremonie", "marathon", "marathons"),
		adverts: phrases("prix", "tarif", "tarifs", "abordable", "abordables", "imbattable", "specialiste", "specialistes",
			"par mois"),
		serviceWords: wordSetOf("service", "services"),
		plannedCuts: phrases("prevue", "prevu", "prevues", "prevus", "programmee", "programme", "programmees",
			"il y aura", "sera coupee", "sera coupe", "seront coupees", "va etre coupee", "va etre coupe"),
		unkept: phrases("jamais venu", "jamais venue", "jamais arrive", "jamais arrivee", "pas venu", "pas venue",
			"pas arrive", "pas arrivee"),
		rangeFrom: wordSetOf("de", "entre"),
		rangeTo:   wordSetOf("a", "et"),
		priced:    phrases("prix", "coute", "coutent", "cher", "chere", "chers", "cheres"),
		dear: wordSetOf("trop", "tres", "si", "vraiment", "devenu", "devenue", "devenus", "devenues", "encore", "toujours",
			"plus"),
		pers:    wordSetOf("par"),
		paidFor: wordSetOf("pour"),
		cuts: phrases("reparti", "repartie", "recoupe", "recoupee", "coupe a nouveau", "coupee a nouveau", "coupe encore",
			"coupee encore", "encore coupe", "encore coupee", "de nouveau coupe", "de nouveau coupee"),
		contrasts: wordSetOf("pas"),
	},
	"ht": {
		givers:   phrases("ap bay", "kap bay", "yap bay", "ap distribye", "ap ofri", "gratis"),
		askers:   wordSetOf("kiyes", "kilès", "kiles", "ki", "kote", "eske", "kimoun"),
		had:      phrases("nou gen", "nou genyen", "m gen", "mwen gen", "mwen genyen", "nou deja gen", "nou gen deja"),
		received: phrases("resevwa", "nou jwenn", "m jwenn", "mwen jwenn", "yo ban nou", "yo bay nou"),
		arrived:  phrases("rive"),
		closing:  phrases("ase"),
		grateful: wordSetOf("mesi"),
		thanks:   phrases("mesi pou", "mesi anpil pou"),
		trades: phrases("pri", "pral achte", "prale achte", "ap achte", "te achte", "nou achte", "n achte", "m achte", "mwen achte",
			"ap vann", "te vann", "nou vann", "m vann", "mwen vann"),
		restoredAfter: phrases("tounen", "retounen", "vini"),
		services:      wordSetOf("kouran", "limye", "elektrisite", "dlo"),
		notNeeded:     phrases("pa bezwen", "pa bezwen okenn", "pa bezwen ankò", "pa bezwen anko"),
		overBefore:    phrases("etenn", "tenyen", "tenn"),
		overAfter:     phrases("etenn", "tenyen", "tenn", "sispann", "pase"),
		recede:        phrases("bese", "retire"),
		overSkip:      wordSetOf("fin", "deja", "kounye", "finalman", "nan", "lan"),
		blocks: wordSetOf("p", "poko", "janm", "bezwen", "vle", "ta", "pou", "si", "ka", "dwe", "okenn", "ban",
			"ba", "bay", "voye", "pote", "fe"),
		between: wordSetOf("kredi", "yon", "kek", "ase", "anpil", "deja", "sak", "mamit", "kilo", "liv", "boutey", "gode", "galon",
			"bokit"),
		gone:     phrases("fini", "kaba", "fin fini"),
		restarts: phrases("nou bezwen", "m bezwen", "mwen bezwen", "sa nou bezwen"),
		past:     wordSetOf("te", "t"),
		nows:     wordSetOf("kounye", "konnya", "kounya", "koulye"),
		well:     wordSetOf("byen", "geri", "anfom", "ok"),
		tails: phrases("chak jou", "chak maten", "chak swa", "chak aswe", "maten an", "aswe a", "pou dine", "pou dejene",
			"pou soupe"),
		ands:   wordSetOf("ak", "epi", "e"),
		enders: wordSetOf("kounye", "deja", "mesi", "tou", "yè", "ye", "jodi", "la", "a", "yo", "ankò", "anko"),
		wheres: wordSetOf("nan", "lan", "bo", "kote", "toupre", "pre", "sou", "devan", "deye"),
		buts:   wordSetOf("men", "sepandan"),
		goods: wordSetOf("dlo", "manje", "mange", "diri", "farin", "mayi", "pwa", "nouriti", "lwil", "pitimi", "manyok",
			"bannann", "labouyi", "aliman", "ravitayman", "tant", "tante", "prela", "pwela", "bach", "bache", "baches",
			"plastik", "abri", "kouveti",
			"matla", "lojman", "medikaman", "moustike", "moustikye", "potab", "pwop"),
		purchases: phrases("achte", "achete", "konbyen", "vann"),
		consumes: phrases("ap", "kap", "ape", "fin", "sot", "fek", "fenk", "ap manje", "kap manje", "ape manje",
			"fin manje", "sot manje", "fek manje", "fenk manje", "nou manje", "m manje", "mwen manje"),
		eaters:  phrases("nou", "n", "m", "mwen"),
		reasons: wordSetOf("paske", "pask", "poutet", "akoz"),
		meals:   wordSetOf("manje", "mange"),
		lacks: wordSetOf("p", "paka", "poko", "janm", "okenn", "anyen", "kob", "lajan", "bezwen",
			"tanpri", "souple", "kisa", "fok", "grangou"),
		pleas:         wordSetOf("ede", "ed", "edem"),
		promised:      wordSetOf("pwomet", "pral", "prale", "ta", "poko"),
		waters:        wordSetOf("dlo"),
		nots:          wordSetOf("pa", "pap"),
		verbNots:      wordSetOf("pat"),
		denials:       phrases("okenn", "pa gen", "pa genyen"),
		yearWords:     phrases("nan ane", "nan lane", "an"),
		agoPhrases:    phrases("sa gen * an", "sa fe * an", "ane pase", "lane pase", "ane ki sot pase"),
		sinceWords:    wordSetOf("depi"),
		durationWords: wordSetOf("ke"),
		presentWords:  wordSetOf("kounye", "konnya", "kounya", "jodi", "toujou", "anko"),
		noLonger:      wordSetOf("anko"),
		burning:       wordSetOf("boule"),
		still:         wordSetOf("rete"),
		since:         phrases("apre", "depi", "pandan", "akoz"),
		asks: phrases("enfomasyon sou", "enfomasyon konsenan", "enfomasyon konsene", "enfomasyon de", "enfomasyon pou",
			"nouvel sou", "nouvel konsenan", "nouvel de", "nouvel", "kisa k ap pase ak", "kisa kap pase ak",
			"sa k ap pase ak", "sa kap pase ak", "eske ap gen", "eske pral gen", "eske pap gen", "eske ap genyen",
			"eske pral genyen", "ske ap gen", "ske pral gen", "eske", "es ke", "rime", "rime ki di", "se vre ke"),
		hearsay: phrases("yo di", "yo di ke", "moun ap di", "moun di", "m tande", "mwen tande", "nou tande", "rime", "rime ki di",
			"tande", "sanble", "yo te di", "li di", "a di ke", "a di k", "a di gen", "yo di m", "yo di nou"),
		// "a di" is also "is hard" ("lavi a di anpil"): hearsay after a
		// person or the radio only.
		said: phrases(saidBy("di", "chofe", "msye", "madanm", "paste", "polis", "vwazen", "manman", "papa", "fre",
			"direkte", "majistra", "prezidan", "radyo", "jounalis", "moun", "ajan", "sekouris")...),
		// "sanble" is also "to gather" ("nou tout sanble anba tant lan"):
		// not hearsay after its subject.
		hearsayNot: phrases("nou sanble", "n sanble", "yo sanble", "y sanble", "tout sanble", "mwen sanble", "m sanble",
			"nou te sanble", "yo te sanble", "n te sanble", "y te sanble", "nou ap sanble", "yo ap sanble", "n ap sanble",
			"y ap sanble"),
		openers:      phrases("eske", "es", "poukisa", "kile", "kijan", "kiles", "kisa", "ki le", "si"),
		everyday:     wordSetOf("move ode", "santi move"),
		naming:       wordSetOf("bokit fatra", "kote fatra", "fos septik"),
		cleared:      wordSetOf("debloke", "retire", "refe"),
		congestion:   wordSetOf("blokis"),
		noticeTimes:  phrases("demen", "semenn pwochen", "semen pwochen", "ane pwochen", "chak lendi", "chak semenn"),
		noticeFor:    phrases("pou", "akoz"),
		noticeEvents: wordSetOf("travay", "kanaval", "rara", "fet", "maraton"),
		serviceWords: wordSetOf("sevis"),
		plannedCuts:  phrases("y ap koupe", "yo pral koupe", "pral koupe", "pwograme", "planifye"),
		unkept:       phrases("pa janm vini", "pa janm rive", "pa t vini", "pa te vini", "pa te rive"),
		rangeFrom:    wordSetOf("de"),
		rangeTo:      wordSetOf("a"),
		priced:       phrases("koute", "che"),
		dear:         wordSetOf("vin", "pi", "two", "tro", "twop", "anpil", "telman", "toujou"),
		pers:         wordSetOf("pou"),
		paidFor:      wordSetOf("pou"),
		cuts:         phrases("ale anko", "koupe anko", "pati anko", "rekoupe"),
		contrasts:    wordSetOf("pa"),
	},
	"sw": {
		givers:   phrases("linatoa", "wanatoa", "inatoa", "anatoa", "linagawa", "inagawa", "anagawa"),
		askers:   wordSetOf("nani", "wapi", "gani", "je"),
		had:      phrases("tuna", "nina", "tunayo", "ninayo", "bado tuna", "tayari tuna"),
		received: phrases("tumepokea", "nimepokea", "tulipokea", "nilipokea", "tumepata", "nimepata", "tulipata", "nilipata", "tumepewa", "tumeletewa", "nimepewa", "tumegawiwa", "nimegawiwa", "wameleta", "wametuletea", "walileta", "walituletea"),
		arrived: phrases("kimefika", "vimefika", "umefika", "imefika", "zimefika", "limefika", "yamefika", "kimewasili",
			"vimewasili", "umewasili", "imewasili", "zimewasili", "yamewasili"),
		closing:       phrases("ya kutosha", "za kutosha", "cha kutosha", "vya kutosha", "wa kutosha", "la kutosha"),
		grateful:      wordSetOf("asante", "asanteni"),
		thanks:        phrases("asante kwa", "asanteni kwa", "asante sana kwa", "tunashukuru kwa"),
		trades:        phrases("bei ya", "bei za", "nitanunua", "tutanunua", "nimenunua", "tumenunua", "tunaenda kununua", "naenda kununua"),
		restoredAfter: phrases("umerudi", "imerudi", "yamerudi", "umerejea", "imerejea", "yamerejea", "umekuja", "yamekuja", "ulirudi", "ilirudi", "yalirudi", "ulirejea", "ilirejea", "yalirejea"),
		services:      wordSetOf("umeme", "stima", "maji"),
		notNeeded:     phrases("hatuhitaji", "sihitaji", "hawahitaji", "hahitaji", "hatutaki", "sitaki"),
		overBefore:    phrases("wamezima", "tumezima", "wameuzima", "walizima"),
		overAfter: phrases("yameisha", "yamekwisha", "umezimwa", "umezima", "umezimika", "umeisha", "umekwisha",
			"umedhibitiwa", "imezimwa", "imeisha", "imekwisha"),
		recede:   phrases("yamepungua", "yameshuka", "yamekupwa", "yamerudi nyuma"),
		overSkip: wordSetOf("sasa", "tayari", "kabisa"),
		blocks:   wordSetOf("kama", "ikiwa", "bila", "hatuna", "sina"),
		between: wordSetOf("tokeni", "luku", "ya", "za", "wa", "la", "cha", "vya", "tena", "zaidi", "kidogo", "mfuko", "mifuko", "gunia",
			"magunia", "kilo", "debe", "lita", "pakiti", "ndoo"),
		gone: phrases("imeisha", "kimeisha", "umeisha", "yameisha", "vimeisha", "zimeisha", "imekwisha", "kimekwisha",
			"umekwisha", "yamekwisha", "vimekwisha", "zimekwisha"),
		restarts:  phrases("tunahitaji", "nahitaji", "ninahitaji", "tunaomba"),
		past:      wordSetOf("tulikuwa", "nilikuwa", "alikuwa", "walikuwa", "tulikua", "nilikua"),
		nows:      wordSetOf("sasa"),
		well:      wordSetOf("salama", "mzima", "wazima", "tumepona", "nimepona", "amepona", "nafuu", "vizuri", "poa"),
		tails:     phrases("kila siku", "kila asubuhi", "kila jioni", "kila usiku"),
		sources:   wordSetOf("kutoka"),
		locatives: wordSetOf("ni"),
		ands:      wordSetOf("na"),
		enders: wordSetOf("kutoka", "sasa", "tayari", "asante", "asanteni", "pia", "jana", "leo", "tena", "kutosha", "asubuhi",
			"usiku", "jioni", "mchana"),
		wheres: wordSetOf("katika", "karibu", "kwenye", "huko", "hapa", "pale", "mbele", "nyuma"),
		buts:   wordSetOf("lakini", "ila"),
		goods: wordSetOf("maji", "chakula", "vyakula", "unga", "mchele", "ugali", "mahindi", "maharage", "maharagwe",
			"mkate", "maziwa", "sukari", "mihogo", "muhogo", "viazi", "nafaka", "posho", "hema", "mahema", "turubai",
			"maturubai", "blanketi", "mablanketi", "godoro", "magodoro", "mkeka", "mikeka", "dawa", "vidonge",
			"chandarua", "vyandarua", "makazi", "malazi", "safi", "kunywa", "luku", "stima", "umeme"),
		purchases: phrases("kununua", "kununulia", "kununuliwa", "nunua"),
		consumes: phrases("tunaenda", "naenda", "twende", "tunakwenda", "nakwenda", "tunakula", "nakula", "tumekula",
			"nimekula", "tulikula", "nilikula", "ninapika", "napika", "tunapika"),
		reasons: wordSetOf("sababu", "kwasababu", "maana"),
		meals:   wordSetOf("kula"),
		lacks: wordSetOf("hatuna", "sina", "hana", "hawana", "bila", "pesa", "fedha", "hela",
			"siwezi", "tunahitaji", "nahitaji", "wanahitaji", "tafadhali", "tunaomba", "naomba",
			"lazima", "njaa"),
		pleas:    wordSetOf("msaada", "tusaidie", "nisaidie", "saidia"),
		promised: wordSetOf("mliahidi", "mlituahidi", "mliyoahidi", "ahadi", "mtaleta", "mtatuletea", "bado"),
		waters:   wordSetOf("maji"),
		nots: wordSetOf("si", "hatupo", "hatuko", "sipo", "siko", "hayupo", "hayuko", "hawapo", "hawako", "haupo",
			"hauko", "haipo", "haiko", "hauwaki", "haiwaki", "haliwaki"),
		denials:      phrases("hakuna", "hamna", "bila"),
		yearWords:    phrases("mnamo mwaka", "mwaka wa", "mwaka", "mnamo"),
		agoPhrases:   phrases("miaka * iliyopita", "mwaka * uliopita", "mwaka jana", "mwaka juzi"),
		sinceWords:   wordSetOf("tangu", "kutoka"),
		presentWords: wordSetOf("sasa", "leo", "bado", "tena"),
		noLonger:     wordSetOf("tena"),
		burning:      wordSetOf("unawaka", "inawaka", "linawaka", "unaungua", "inaungua"),
		still:        wordSetOf("sisi", "mimi", "wao", "bado", "tuko", "tupo", "niko", "nipo"),
		since:        phrases("baada ya", "tangu", "wakati wa", "kwa sababu ya", "kutokana na"),
		asks: phrases("habari za", "habari kuhusu", "taarifa za", "taarifa kuhusu", "taarifa ya", "je kutakuwa na",
			"kutakuwa na", "je kuna", "nasikia", "nimesikia", "tumesikia", "uvumi", "tetesi"),
		hearsay: phrases("wanasema", "watu wanasema", "nasikia", "nimesikia", "tumesikia", "uvumi", "tetesi",
			"inasemekana", "nimeambiwa", "anasema", "alisema"),
		openers:  phrases("je", "lini", "kwanini", "kwa nini", "nani", "wapi", "vipi", "kama"),
		everyday: wordSetOf("harufu mbaya"),
		naming: wordSetOf("taka ngumu", "mifuko ya plastiki", "kuchoma taka", "kuzoa taka", "choo cha shimo",
			"usafi wa mazingira", "shimo la choo", "haja kubwa"),
		cleared: wordSetOf("imefunguliwa", "imesafishwa", "umezibuliwa", "imetengenezwa", "limetengenezwa", "imeondolewa",
			"limejengwa"),
		keywordNots: wordSetOf("hakuna", "hatuwezi", "hawawezi", "haiwezi", "hayawezi"),
		congestion:  wordSetOf("foleni"),
		noticeTimes: phrases("kesho", "wiki ijayo", "mwezi ujao", "mwaka ujao", "kila jumatatu", "kila jumamosi", "kila wiki"),
		noticeFor:   phrases("kwa ajili ya", "kwa sababu ya"),
		noticeEvents: wordSetOf("matengenezo", "ukarabati", "ujenzi", "mbio", "ziara", "sherehe", "maandamano",
			"mkutano"),
		adverts:      phrases("bei", "punguzo"),
		serviceWords: wordSetOf("huduma"),
		plannedCuts:  phrases("yatakatika", "utakatika", "itakatika", "yatakatwa", "utakatwa", "itakatwa", "hakutakuwa"),
		unkept:       phrases("haikuja", "hayakuja", "haikufika", "hayakufika"),
		rangeFrom:    wordSetOf("kuanzia"),
		rangeTo:      wordSetOf("hadi", "mpaka"),
		hours:        wordSetOf("saa"),
		hourNames:    wordSetOf("moja", "mbili", "tatu", "nne", "tano", "sita", "saba", "nane", "tisa", "kumi"),
		priced:       phrases("bei", "ghali"),
		dear:         wordSetOf("ni", "sana", "imekuwa", "yamekuwa", "kimekuwa", "bado"),
		pers:         wordSetOf("kwa"),
		paidFor:      wordSetOf("kwa"),
		cuts: phrases("yamekatika", "umekatika", "imekatika", "yamekatwa", "umekatwa", "imekatwa", "umeondoka tena",
			"yameondoka tena", "imeondoka tena", "umepotea tena", "yamepotea tena", "imepotea tena", "umezimika tena",
			"imezimika tena"),
		contrasts: wordSetOf("si"),
	},
	"pt": {
		givers: phrases("dando", "esta dando", "estao dando", "dao", "igreja da", "paroquia da", "governo da", "vermelha da",
			"camara da", "missao da", "esta a dar", "estao a dar", "oferece", "oferecem",
			"distribui", "distribuem", "distribuindo", "estao distribuindo", "vao distribuir"),
		askers: wordSetOf("quem", "onde", "qual", "quais"),
		had:    phrases("temos", "tenho", "ja temos", "ainda temos", "sobrou", "sobraram"),
		received: phrases("recebemos", "recebi", "ja recebemos", "nos deram", "deram nos", "nos trouxeram", "trouxe", "trouxeram",
			"entregou", "entregaram"),
		arrived:      phrases("chegou", "chegaram", "passou"),
		arrivedFirst: phrases("chegou", "chegaram", "ja chegou", "ja chegaram", "tem chegado"),
		withs:        wordSetOf("com"),
		grateful:     wordSetOf("obrigado", "obrigada"),
		thanks: phrases("obrigado pela", "obrigado pelo", "obrigada pela", "obrigada pelo", "obrigado pelos",
			"obrigado pelas", "obrigada pelos", "obrigada pelas", "obrigado por", "obrigada por", "agradecemos"),
		trades: phrases("preco", "precos", "vou comprar", "vamos comprar", "comprei", "compramos", "quanto custa",
			"quanto custam", "vendemos"),
		restoredBefore: phrases("voltou", "regressou", "ja voltou"),
		restoredAfter:  phrases("voltou", "regressou", "restabelecida", "restabelecido"),
		services:       wordSetOf("luz", "energia", "eletricidade", "electricidade", "corrente", "agua"),
		notNeeded:      phrases("nao precisamos", "nao preciso", "nao precisa", "nao precisam", "nao e preciso"),
		overBefore:     phrases("apagaram", "apagou", "extinguiram", "controlaram"),
		overAfter: phrases("passou", "acabou", "terminou", "apagado", "apagada", "apagou", "apagou se", "controlado",
			"controlada", "extinto", "extinta"),
		recede:   phrases("baixou", "baixaram", "desceu", "desceram", "recuou", "recuaram"),
		overSkip: wordSetOf("agora", "finalmente", "totalmente", "ja", "se"),
		blocks:   wordSetOf("nem", "jamais", "se", "sem", "precisamos", "queremos", "quando", "ninguem"),
		between: wordSetOf("credito", "creditos", "recarga", "o", "a", "os", "as", "de", "da", "do", "das", "dos", "um", "uma", "alguma", "algum", "bastante", "suficiente",
			"muita", "muito", "mais", "ja", "saco", "sacos", "quilo", "quilos", "kg", "litro", "litros", "garrafa", "garrafas",
			"lata", "latas", "pacote", "pacotes", "bidon", "bidons", "bidao", "bidoes", "balde", "baldes"),
		gone:     phrases("acabou", "acabaram", "ja acabou", "esgotou", "esgotaram", "terminou", "esta acabando"),
		restarts: phrases("precisamos", "preciso"),
		past:     wordSetOf("estavamos", "estava", "tinhamos", "tinha", "estivemos", "estive"),
		nows:     wordSetOf("agora"),
		well:     wordSetOf("bem", "melhor", "curado", "curada", "recuperado", "recuperada"),
		tails: phrases("todos os dias", "todo dia", "todo o dia", "todas as manhas", "de manha", "ao jantar", "no jantar",
			"para o jantar", "ao almoco", "para o almoco", "no almoco", "nos ultimos dias", "na semana passada",
			"esta semana", "aos sabados", "aos domingos", "todos os sabados", "todos os domingos"),
		ands: wordSetOf("e"),
		enders: wordSetOf("agora", "ja", "obrigado", "obrigada", "tambem", "ontem", "hoje", "suficiente", "bastante", "aqui",
			"demais", "gracas"),
		wheres: wordSetOf("em", "no", "na", "nos", "nas", "perto", "junto", "ao", "atras"),
		buts:   wordSetOf("mas", "porem", "contudo"),
		goods: wordSetOf("agua", "comida", "alimentos", "alimento", "arroz", "farinha", "mantimentos", "milho", "feijao",
			"xima", "pao", "leite", "cesta", "cestas", "basica", "basicas", "acucar", "mandioca", "viveres", "abrigo", "abrigos", "tenda", "tendas", "lona",
			"lonas", "cobertores", "colchao", "colchoes", "barraca", "esteira", "remedio", "remedios", "medicamento",
			"medicamentos", "comprimidos", "mosquiteiro", "mosquiteiros", "potavel", "camiao", "caminhao", "cisterna", "pipa",
			"carro"),
		purchases: phrases("comprar", "quanto e"),
		consumes:  phrases("vamos", "vou", "estamos a", "estou a", "comendo", "comemos", "comi"),
		reasons:   wordSetOf("porque", "pois"),
		meals:     wordSetOf("comer"),
		lacks: wordSetOf("nem", "sem", "nada", "dinheiro", "precisamos", "preciso", "precisa", "precisam",
			"favor", "fome"),
		pleas:         wordSetOf("ajuda", "ajudem", "ajude", "socorro"),
		promised:      wordSetOf("prometida", "prometido", "prometidos", "prometidas", "prometeram", "prometeu", "vao"),
		waters:        wordSetOf("agua", "aguas"),
		nots:          wordSetOf("nao"),
		verbNots:      wordSetOf("nunca"),
		denials:       phrases("sem", "nenhum", "nenhuma", "nao ha", "nao houve", "nao tem", "nao teve"),
		yearWords:     phrases("no ano de", "em"),
		agoPhrases:    phrases("ha * anos", "ha * ano", "faz * anos", "anos atras", "ano atras", "ano passado"),
		sinceWords:    wordSetOf("desde"),
		durationWords: wordSetOf("que"),
		presentWords:  wordSetOf("agora", "hoje", "ainda", "atualmente", "novamente"),
		noLonger:      wordSetOf("ja", "mais"),
		burning:       wordSetOf("arde", "ardem", "queima", "queimam"),
		still: wordSetOf("eu", "nos", "estou", "estamos", "estao", "ha", "tem", "temos", "existe", "ficamos",
			"continuamos"),
		since: phrases("depois da", "depois do", "desde a", "desde o", "apos a", "apos o", "durante a", "durante o",
			"por causa da", "por causa do", "com a", "com o"),
		sinceOwn: phrases("na", "no"),
		asks: phrases("noticias de", "noticias do", "noticias da", "noticias dos", "noticias das", "noticias sobre",
			"informacao sobre", "informacoes sobre", "informacao do", "informacao da", "informacoes do", "informacoes da",
			"o que se passa com", "o que esta acontecendo com", "vai haver", "havera", "vai ter",
			"dizem que", "dizem q", "ouvi dizer que", "ouvi dizer q", "e verdade que", "e verdade q", "boato", "vai vir"),
		hearsay: phrases("dizem que", "dizem q", "ouvi dizer que", "ouvi dizer q", "falam que", "boato", "boatos",
			"dizem", "ouvi", "ouvimos", "parece que", "disseram", "disse", "diz que"),
		openers:  phrases("sera", "quando", "por que", "porque", "onde", "quem", "se"),
		everyday: wordSetOf("mau cheiro", "cheira mal"),
		naming: wordSetOf("vala de drenagem", "boca de lobo", "recolha de lixo", "fossa septica",
			"fazer as necessidades"),
		cleared: wordSetOf("desbloqueada", "desbloqueado", "desentupida", "desentupido", "consertada", "reparada",
			"reconstruida", "reconstruido"),
		congestion: wordSetOf("engarrafamento"),
		noticeTimes: phrases("amanha", "proxima semana", "semana que vem", "proximo mes", "ano que vem", "proximo ano",
			"toda segunda", "todas as segundas", "ate sexta", "ate segunda"),
		noticeFor: phrases("para", "por"),
		noticeEvents: wordSetOf("obras", "festa", "desfile", "maratona", "manutencao", "reparacoes", "procissao", "visita",
			"carnaval"),
		adverts:      phrases("preco", "precos", "promocao", "por mes"),
		serviceWords: wordSetOf("servico", "servicos"),
		plannedCuts: phrases("vai faltar", "vai ser cortada", "vai ser cortado", "sera cortada", "sera cortado",
			"programado", "programada", "previsto", "prevista", "nao havera", "nao vai haver"),
		unkept:    phrases("nunca chegou", "nunca veio", "nao chegou", "nao veio"),
		rangeFrom: wordSetOf("das", "de", "entre"),
		rangeTo:   wordSetOf("as", "a", "ate", "e"),
		priced:    phrases("preco", "precos", "custa", "custam", "caro", "cara", "caros", "caras"),
		dear:      wordSetOf("e", "muito", "tao", "ta", "demasiado", "ainda", "cada", "vez", "mais"),
		pers:      wordSetOf("por"),
		paidFor:   wordSetOf("por", "pelo", "pela"),
		cuts: phrases("voltou a faltar", "voltou a cair", "foi embora", "foi se embora", "faltou de novo",
			"faltou outra vez", "cortou de novo", "cortaram de novo", "cortada de novo", "cortado de novo", "caiu de novo",
			"caiu outra vez", "acabou de novo"),
		contrasts: wordSetOf("nao"),
	},
	"es": {
		givers: phrases("nos da", "me da", "les da", "se da", "iglesia da", "parroquia da", "alcaldia da",
			"municipalidad da", "gobierno da", "cruz roja da", "dan", "dando", "esta dando", "estan dando", "regala", "regalan", "ofrece", "ofrecen",
			"reparten", "repartiendo", "estan repartiendo"),
		askers: wordSetOf("quien", "quienes", "donde", "cual", "cuales"),
		had:    phrases("tenemos", "tengo", "ya tenemos", "todavia tenemos", "aun tenemos", "sobro", "nos sobro"),
		received: phrases("recibimos", "recibi", "hemos recibido", "nos dieron", "nos llego", "nos llegaron", "nos trajeron",
			"trajo", "trajeron"),
		arrived: phrases("llego", "llegaron"),
		arrivedFirst: phrases("llego", "llegaron", "ha llegado", "han llegado", "ya llego", "ya llegaron",
			"ya ha llegado", "ya han llegado"),
		closing: phrases("bien rico", "bien rica", "muy rico", "muy rica", "bien sabroso", "bien sabrosa", "muy sabroso",
			"muy sabrosa", "bien ricos", "muy ricos"),
		withs:    wordSetOf("con"),
		grateful: wordSetOf("gracias"),
		thanks:   phrases("gracias por", "muchas gracias por", "agradecemos"),
		trades: phrases("precio", "precios", "voy a comprar", "vamos a comprar", "compramos", "cuanto cuesta",
			"cuanto cuestan", "cuanto vale", "cuanto valen", "vendo", "vendemos"),
		restoredBefore: phrases("volvio", "regreso", "llego"),
		restoredAfter:  phrases("volvio", "regreso", "llego", "se restablecio", "restablecida", "restablecido"),
		services:       wordSetOf("luz", "electricidad", "energia", "agua"),
		notNeeded:      phrases("no necesitamos", "no necesito", "no necesitan", "no hace falta", "no nos hace falta"),
		overBefore:     phrases("apagaron", "apago", "extinguieron", "controlaron"),
		overAfter: phrases("paso", "acabo", "termino", "apagado", "apagada", "se apago", "controlado", "controlada",
			"extinguido", "extinguida"),
		recede:   phrases("bajo", "bajaron", "descendio", "se retiro", "retrocedio"),
		overSkip: wordSetOf("ahora", "finalmente", "totalmente"),
		blocks:   wordSetOf("nunca", "ni", "jamas", "si", "sin", "necesitamos", "queremos", "cuando", "nadie"),
		between: wordSetOf("credito", "creditos", "recarga", "saldo", "el", "la", "los", "las", "de", "del", "un", "una", "algo", "alguna", "algun", "bastante", "suficiente", "mucha",
			"mucho", "mas", "ya", "bolsa", "bolsas", "costal", "costales", "kilo", "kilos", "libra", "libras", "litro",
			"litros", "botella", "botellas", "lata", "latas", "paquete", "paquetes", "bulto", "bultos", "bidon", "bidones",
			"balde", "baldes"),
		gone:     phrases("se acabo", "acabo", "se acabaron", "se termino", "se terminaron", "se agoto", "se agotaron"),
		restarts: phrases("necesitamos", "necesito"),
		past:     wordSetOf("estabamos", "estaba", "teniamos", "tenia", "estuvimos", "estuve"),
		nows:     wordSetOf("ahora"),
		well:     wordSetOf("bien", "mejor", "curado", "curada", "recuperado", "recuperada", "sanos"),
		tails: phrases("todos los dias", "cada dia", "cada manana", "en la manana", "en la noche", "en la cena",
			"para la cena", "en el almuerzo", "para el almuerzo", "en el desayuno"),
		ands:   wordSetOf("y", "e"),
		enders: wordSetOf("ahora", "ya", "gracias", "tambien", "ayer", "hoy", "suficiente", "bastante", "aqui"),
		wheres: wordSetOf("en", "cerca", "junto", "al", "detras", "frente"),
		buts:   wordSetOf("pero", "sino", "aunque"),
		goods: wordSetOf("agua", "comida", "alimentos", "arroz", "harina", "raciones", "frijoles", "frijol", "viveres",
			"leche", "azucar", "maiz", "lentejas", "despensa", "tinaco", "tinacos", "refugio", "albergue", "carpa", "carpas", "cobijas",
			"colchones", "colchon", "colchonetas", "frazadas", "mantas", "lona", "lonas", "laminas", "medicina", "medicinas",
			"medicamentos", "medicamento", "pastillas", "mosquitero", "mosquiteros", "toldillo", "toldillos", "potable"),
		purchases: phrases("comprar"),
		consumes:  phrases("vamos a", "voy a", "van a", "comiendo", "comimos", "comemos", "comi"),
		reasons:   wordSetOf("porque", "pues"),
		meals:     wordSetOf("comer"),
		lacks: wordSetOf("nunca", "ni", "sin", "nada", "dinero", "plata", "necesitamos", "necesito", "necesita",
			"necesitan", "favor", "hambre"),
		pleas:         wordSetOf("ayuda", "ayuden"),
		promised:      wordSetOf("prometida", "prometido", "prometidos", "prometidas", "prometieron", "prometio", "van"),
		waters:        wordSetOf("agua", "aguas"),
		nots:          wordSetOf("no"),
		denials:       phrases("no", "sin", "ningun", "ninguna", "no hay", "no hubo"),
		yearWords:     phrases("en el ano", "en el", "en"),
		agoPhrases:    phrases("hace * anos", "hace * ano", "ano pasado"),
		sinceWords:    wordSetOf("desde"),
		durationWords: wordSetOf("que"),
		presentWords:  wordSetOf("ahora", "hoy", "todavia", "aun", "actualmente", "nuevo"),
		noLonger:      wordSetOf("ya", "mas"),
		burning:       wordSetOf("arde", "arden", "quema", "queman"),
		still:         wordSetOf("yo", "nosotros", "estoy", "estamos", "hay", "tenemos", "existe", "seguimos", "quedamos"),
		since: phrases("despues de la", "despues del", "desde la", "desde el", "tras la", "tras el", "durante la",
			"durante el", "en la", "en el", "con la", "con el", "por la", "por el", "a causa de la", "a causa del"),
		asks: phrases("noticias de", "noticias del", "noticias sobre", "informacion sobre", "informacion de",
			"informacion del", "que pasa con", "que esta pasando con", "habra", "va a haber", "va haber",
			"dicen que", "dicen q", "es cierto que", "es cierto q", "es verdad que", "es verdad q", "se dice que", "rumor", "va a venir"),
		hearsay: phrases("dicen que", "dicen q", "se dice que", "escuche que", "oi que", "rumor", "rumores",
			"dicen", "escuche", "dijeron", "dice que", "dijo"),
		openers:  phrases("cuando", "por que", "porque", "donde", "quien", "si"),
		everyday: wordSetOf("mal olor", "huele horrible", "huele feo", "huele mal"),
		naming: wordSetOf("cierre vial", "residuos solidos", "bolsas de basura", "recoleccion de basura",
			"pozo septico", "hacer sus necesidades"),
		cleared: wordSetOf("despejada", "despejado", "destapada", "destapado", "arreglaron", "reconstruida", "reconstruido",
			"reconstruyeron"),
		congestion: wordSetOf("trancon", "taponamiento"),
		noticeTimes: phrases("pasado manana", "proxima semana", "semana que viene", "el ano que viene", "todos los lunes",
			"cada lunes", "hasta el viernes", "hasta el lunes"),
		noticeFor: phrases("para", "por"),
		noticeEvents: wordSetOf("trabajos", "obras", "fiesta", "fiestas", "mantenimiento", "reparaciones", "procesion",
			"carnaval", "desfile", "visita", "maraton"),
		adverts:      phrases("por mes", "precio", "precios", "especialistas"),
		serviceWords: wordSetOf("servicio", "servicios"),
		plannedCuts: phrases("habra", "programado", "programada", "programados", "programadas", "se cortara",
			"cortaran", "van a cortar", "sera cortada", "sera cortado"),
		unkept:    phrases("nunca llego", "nunca vino", "no llego", "no vino"),
		rangeFrom: wordSetOf("de", "entre"),
		rangeTo:   wordSetOf("a", "hasta", "y"),
		priced:    phrases("precio", "precios", "cuesta", "cuestan", "caro", "cara", "caros", "caras"),
		dear:      wordSetOf("es", "muy", "tan", "demasiado", "todavia", "sigue", "cada", "vez", "mas"),
		pers:      wordSetOf("por"),
		paidFor:   wordSetOf("por"),
		cuts: phrases("se fue de nuevo", "se fue otra vez", "se volvio a ir", "se corto", "volvio a faltar",
			"cortaron de nuevo", "cortaron otra vez", "se cayo de nuevo", "se cayo otra vez"),
		contrasts: wordSetOf("no"),
	},
}

// polarityOf returns the polarity table of lang, an empty one for a
// language polarity has none of: a language absent from polarity reads
// as one present with empty lists, never otherwise.
func polarityOf(lang string) *polarityWords {
	if p := polarity[lang]; p != nil {
		return p
	}
	return &noPolarity
}

// noPolarity is the table of a language polarity has none of.
var noPolarity polarityWords

// clauseLangs are the languages of polarity whose tables hold the words
// read anywhere in a keyword's clause, before or after it (clauseAsked):
// their questions, hearsay and sinceAfter. Roman Urdu puts them after
// the noun. Read for the keywords of every language ("tv pe dekha flood
// aaya hai"); no other reading of polarity takes them (polarityLangs)
// but postDenials, which reads their nots after a hazard's keyword.
var clauseLangs = []string{"ur"}

// polarityLangs are polarity's languages in a fixed order.
var polarityLangs = []string{"en", "fr", "ht", "sw", "pt", "es"}

// polarityPhrase is one phrase of polarity, with its language and the
// reading it gives.
type polarityPhrase struct {
	words []string
	lang  string
	kind  satisfaction
	// recede is set for the phrases that also end a flood's water
	// (polarityWords.recede).
	recede bool
	// strict is set for the phrases after which the thing's phrase must
	// end even when kind is lenient (polarityWords.purchases and
	// consumes).
	strict bool
	// meal is set for the phrases read before a meal word only
	// (polarityWords.eaters).
	meal bool
	// time is set for the phrases that name a hazard as the time of
	// what is reported (polarityWords.since), not ask about it.
	time bool
	// own is set for the phrases of time read only before a keyword of
	// their own language (polarityWords.sinceOwn).
	own bool
	// arrival is set for the phrases of polarityWords.arrivedFirst: never
	// of water.
	arrival bool
	// hearsay is set for the phrases of polarityWords.hearsay: any words
	// but gapBreaks may follow them before the hazard.
	hearsay bool
}

// polarityIndex finds the phrases of polarity from one word of the
// message, so that a keyword found costs a few map lookups whatever the
// number of languages and phrases.
type polarityIndex struct {
	// before holds had, received, notNeeded, thanks, trades, purchases,
	// consumes, eaters, overBefore and restoredBefore by their last word;
	// after holds overAfter, recede, restoredAfter and arrived by their
	// first word;
	// priced and cuts hold the priced and cuts of every language by their
	// first word.
	before, after, priced, cuts map[string][]polarityPhrase
	// between and skip are the between words, and the fillers and
	// overSkip words, of any language: where to look further. lacks are
	// the lacks of every language.
	between, skip, lacks map[string]bool
	// reasons are the reasons of every language, pleas its pleas.
	reasons, pleas map[string]bool
	// asks holds the asks of every language by their last word.
	asks map[string][]polarityPhrase
	// gone and restarts hold the gone and restarts of every language by
	// their first word.
	gone, restarts map[string][]polarityPhrase
	// hearsay holds the hearsay of every language, notices their
	// noticeTimes and adverts and noticeFor their noticeFor, each phrase
	// once, by its first word (phraseStated, announces); openers holds
	// the openers of every language by their first word, each with its
	// language.
	hearsay, notices, noticeFor, openers map[string][]polarityPhrase
	// negations are the nots and keywordNots of every language; cleared,
	// congestion, noticeEvents and services their cleared, congestion,
	// noticeEvents and serviceWords.
	negations, cleared, congestion, noticeEvents, services map[string]bool
	// everyday and naming are the everyday and naming of every
	// language (phraseStated).
	everyday, naming map[string]bool
	// plannedCuts holds the plannedCuts of every language, each phrase
	// once, by its first word; rangeFrom, rangeTo, hours and hourNames
	// are their words of every language (plannedCut).
	plannedCuts map[string][]polarityPhrase
	// unkept holds the unkept of every language, each phrase once, by
	// its first word (plannedCut).
	unkept map[string][]polarityPhrase
	// hearsayNot holds the hearsayNot of every language by their last
	// word.
	hearsayNot map[string][]polarityPhrase
	// clauseHearsay and sinceAfter hold the hearsay and sinceAfter of
	// clauseLangs by their first word, each with its language
	// (clauseAsked).
	clauseHearsay, sinceAfter            map[string][]polarityPhrase
	rangeFrom, rangeTo, hours, hourNames map[string]bool
	// denials are the denials of every language, a pair of words as the
	// words joined by a space (scan.denied); stateNots the words that,
	// right before a hazard's verb or adjective, deny it (the nots of a
	// language whose negation is not in two parts, verbNots and
	// contracted), and contractedT the contractedT, of every language
	// (scan.stateDenied).
	denials, stateNots, contractedT map[string]bool
	// yearWords, agoPhrases and yearAfter hold the yearWords, agoPhrases
	// and yearAfter of every language (clauseLangs too), each phrase once; sinceWords, durationWords and
	// presentWords are their words of every language (dropPast).
	yearWords, agoPhrases, yearAfter        [][]string
	sinceWords, durationWords, presentWords map[string]bool
}

var polarityIdx = indexPolarity()

func indexPolarity() polarityIndex {
	x := polarityIndex{before: map[string][]polarityPhrase{}, after: map[string][]polarityPhrase{},
		priced: map[string][]polarityPhrase{}, cuts: map[string][]polarityPhrase{},
		between: map[string]bool{}, skip: map[string]bool{}, lacks: map[string]bool{}, reasons: map[string]bool{}, pleas: map[string]bool{},
		asks: map[string][]polarityPhrase{}, gone: map[string][]polarityPhrase{}, restarts: map[string][]polarityPhrase{},
		hearsay: map[string][]polarityPhrase{}, notices: map[string][]polarityPhrase{},
		noticeFor: map[string][]polarityPhrase{}, openers: map[string][]polarityPhrase{},
		negations: map[string]bool{}, cleared: map[string]bool{}, congestion: map[string]bool{},
		noticeEvents: map[string]bool{}, services: map[string]bool{},
		plannedCuts: map[string][]polarityPhrase{}, unkept: map[string][]polarityPhrase{}, rangeFrom: map[string]bool{}, rangeTo: map[string]bool{},
		hours: map[string]bool{}, hourNames: map[string]bool{}, hearsayNot: map[string][]polarityPhrase{},
		everyday: map[string]bool{}, naming: map[string]bool{},
		clauseHearsay: map[string][]polarityPhrase{}, sinceAfter: map[string][]polarityPhrase{},
		denials: map[string]bool{}, stateNots: map[string]bool{}, contractedT: map[string]bool{},
		sinceWords: map[string]bool{}, durationWords: map[string]bool{}, presentWords: map[string]bool{}}
	// add indexes phs in into by key, each read as like reads.
	add := func(into map[string][]polarityPhrase, key func([]string) string, like polarityPhrase, phs [][]string) {
		for _, ph := range phs {
			k := key(ph)
			like.words = ph
			into[k] = append(into[k], like)
		}
	}
	// once indexes the phrases of phs not yet in into by their first
	// word, whatever their language.
	once := func(into map[string][]polarityPhrase, phs [][]string) {
		for _, ph := range phs {
			if !slices.ContainsFunc(into[ph[0]], func(o polarityPhrase) bool { return slices.Equal(o.words, ph) }) {
				into[ph[0]] = append(into[ph[0]], polarityPhrase{words: ph})
			}
		}
	}
	// each adds the phrases of phs not yet in into.
	each := func(into *[][]string, phs [][]string) {
		for _, ph := range phs {
			if !slices.ContainsFunc(*into, func(o []string) bool { return slices.Equal(o, ph) }) {
				*into = append(*into, ph)
			}
		}
	}
	// union adds the words of sets to into.
	union := func(into map[string]bool, sets ...map[string]bool) {
		for _, set := range sets {
			for w := range set {
				into[w] = true
			}
		}
	}
	last := func(ph []string) string { return ph[len(ph)-1] }
	first := func(ph []string) string { return ph[0] }
	for _, lang := range clauseLangs {
		p := polarity[lang]
		add(x.clauseHearsay, first, polarityPhrase{lang: lang, hearsay: true}, p.hearsay)
		add(x.sinceAfter, first, polarityPhrase{lang: lang, time: true}, p.sinceAfter)
	}
	// pastWords adds the words of p that tell a time of years past
	// (dropPast), which every language's tables give.
	pastWords := func(p *polarityWords) {
		each(&x.yearWords, p.yearWords)
		each(&x.agoPhrases, p.agoPhrases)
		each(&x.yearAfter, p.yearAfter)
		union(x.sinceWords, p.sinceWords)
		union(x.durationWords, p.durationWords)
		union(x.presentWords, p.presentWords)
	}
	for _, lang := range polarityLangs {
		p := polarity[lang]
		add(x.before, last, polarityPhrase{lang: lang, kind: notNeeded}, p.notNeeded)
		add(x.before, last, polarityPhrase{lang: lang, kind: had}, p.had)
		add(x.before, last, polarityPhrase{lang: lang, kind: received}, p.received)
		add(x.before, last, polarityPhrase{lang: lang, kind: thanked}, p.thanks)
		add(x.before, last, polarityPhrase{lang: lang, kind: traded}, p.trades)
		add(x.before, last, polarityPhrase{lang: lang, kind: traded, strict: true}, p.purchases)
		add(x.before, last, polarityPhrase{lang: lang, kind: consumed, strict: true}, p.consumes)
		add(x.before, last, polarityPhrase{lang: lang, kind: consumed, strict: true, meal: true}, p.eaters)
		add(x.before, last, polarityPhrase{lang: lang, kind: offered, strict: true}, p.givers)
		add(x.before, last, polarityPhrase{lang: lang, kind: over}, p.overBefore)
		add(x.before, last, polarityPhrase{lang: lang, kind: restored}, p.restoredBefore)
		add(x.before, last, polarityPhrase{lang: lang, kind: received, arrival: true}, p.arrivedFirst)
		add(x.after, first, polarityPhrase{lang: lang, kind: over}, p.overAfter)
		add(x.after, first, polarityPhrase{lang: lang, kind: over, recede: true}, p.recede)
		add(x.after, first, polarityPhrase{lang: lang, kind: restored}, p.restoredAfter)
		add(x.after, first, polarityPhrase{lang: lang, kind: received}, p.arrived)
		add(x.priced, first, polarityPhrase{lang: lang, kind: traded}, p.priced)
		add(x.cuts, first, polarityPhrase{lang: lang}, p.cuts)
		add(x.asks, last, polarityPhrase{lang: lang}, p.asks)
		add(x.asks, last, polarityPhrase{lang: lang, time: true}, p.since)
		add(x.asks, last, polarityPhrase{lang: lang, hearsay: true}, p.hearsay)
		add(x.asks, last, polarityPhrase{lang: lang, hearsay: true}, p.said)
		add(x.hearsayNot, last, polarityPhrase{lang: lang}, p.hearsayNot)
		add(x.asks, last, polarityPhrase{lang: lang, time: true, own: true}, p.sinceOwn)
		add(x.gone, first, polarityPhrase{lang: lang}, p.gone)
		add(x.restarts, first, polarityPhrase{lang: lang}, p.restarts)
		add(x.openers, first, polarityPhrase{lang: lang}, p.openers)
		once(x.hearsay, p.hearsay)
		once(x.hearsay, p.said)
		once(x.notices, p.noticeTimes)
		once(x.notices, p.adverts)
		once(x.noticeFor, p.noticeFor)
		union(x.negations, p.nots, p.keywordNots)
		union(x.cleared, p.cleared)
		union(x.everyday, p.everyday)
		union(x.naming, p.naming)
		union(x.congestion, p.congestion)
		union(x.noticeEvents, p.noticeEvents)
		union(x.services, p.serviceWords)
		once(x.plannedCuts, p.plannedCuts)
		once(x.unkept, p.unkept)
		union(x.rangeFrom, p.rangeFrom)
		union(x.rangeTo, p.rangeTo)
		union(x.hours, p.hours)
		union(x.hourNames, p.hourNames)
		union(x.between, p.between)
		union(x.skip, p.overSkip, fillers[lang])
		union(x.lacks, p.lacks, p.pleas)
		for _, set := range p.negationSets() {
			for w := range set {
				if !notLacks[lang][w] {
					x.lacks[w] = true
				}
			}
		}
		union(x.reasons, p.reasons)
		union(x.pleas, p.pleas)
		for _, ph := range p.denials {
			x.denials[strings.Join(ph, " ")] = true
		}
		if !p.twoPart {
			union(x.stateNots, p.nots)
		}
		union(x.stateNots, p.verbNots, p.contracted)
		union(x.contractedT, p.contractedT)
		pastWords(p)
	}
	for _, lang := range clauseLangs {
		pastWords(polarity[lang])
	}
	return x
}

// maxBetween is the most between words read from a phrase to the keyword.
const maxBetween = 3

// satisfy reads every keyword found as satisfied or not (see
// satisfaction), in word order so that a list ("we have water and food")
// takes the reading of its first item, and moves the satisfied ones to
// sc.unread: they are not read, as a keyword inside a phrase of another
// sense is not (sense.go). It also marks the hazards' keywords a question
// or an information request asks about (askedAbout, candidate.asked).
func (m *KeywordMatcher) satisfy(sc *scan) {
	slices.SortStableFunc(sc.found, func(a, b candidate) int { return a.word - b.word })
	for i := range sc.found {
		sc.found[i].satisfied = unsatisfied
		if !m.cats[m.entries[sc.found[i].entry].cat].other {
			sc.found[i].satisfied = m.satisfied(sc, i)
		}
	}
	m.coverSatisfied(sc)
	for i := range sc.found {
		if sc.found[i].satisfied == unsatisfied && !m.cats[m.entries[sc.found[i].entry].cat].other {
			m.overSince(sc, i)
		}
	}
	for i := range sc.found {
		c := &sc.found[i]
		cat := &m.cats[m.entries[c.entry].cat]
		if c.satisfied != unsatisfied || cat.other {
			continue
		}
		if cat.event {
			c.asked, c.askedTime = sc.askedAbout(i, m.entries[c.entry].lang)
		}
		if !c.asked {
			c.asked, c.askedTime = sc.clauseAsked(i, m.entries[c.entry].lang, cat.event)
		}
	}
	sc.dropFound(func(_ int, c candidate) bool {
		if c.satisfied != unsatisfied {
			sc.unread = append(sc.unread, c)
			return true
		}
		return false
	})
}

// coverSatisfied gives a keyword found that is read as a need the
// reading of a keyword of its category read as satisfied that holds it
// (within: the longer match says what its words are) or that it
// continues, right after it in its clause (the thing's phrase went on
// with it, endsHere): "flour" in "the price of maize flour went up" is
// priced as "maize" is. A keyword of another category is left as read:
// "we have water, the toilet is full".
func (m *KeywordMatcher) coverSatisfied(sc *scan) {
	for i := range sc.found {
		c := &sc.found[i]
		if c.satisfied != unsatisfied || m.goneAfter(sc, i) {
			continue
		}
		cat := m.entries[c.entry].cat
		for _, o := range sc.found {
			if o.satisfied == unsatisfied || m.entries[o.entry].cat != cat {
				continue
			}
			continues := m.entries[o.entry].gap == 0 && o.word+o.n == c.word && !sc.clauseBreak(c.word)
			if continues || o.n > c.n && m.within(*c, o) {
				c.satisfied = o.satisfied
				break
			}
		}
	}
}

// satisfiedOnly reports whether taxonomy category cat is named in a
// message only by keywords read as satisfied: with no keyword evidence
// (kw) and a satisfied keyword among the message's unread ones. Classify
// does not list it, whatever the model reads in the other words ("we
// have water but no food": no water).
func satisfiedOnly(cat int, kw []float64, unread []unreadWords) bool {
	return kw[cat] == 0 && slices.ContainsFunc(unread, func(u unreadWords) bool { return u.cat == cat && u.satisfied })
}

// satisfied reads keyword found i with the phrases of every language of
// polarity (satisfiedAs); a thing said to be used up after it is a need
// (goneAfter), and a service read as back or had is not when what
// follows says it stopped again (cutAgain).
func (m *KeywordMatcher) satisfied(sc *scan, i int) satisfaction {
	if m.goneAfter(sc, i) {
		return unsatisfied
	}
	if from, to, ok := m.inCompound(sc, i); ok {
		// Read as the good the compound names ("toilet paper"): its span
		// is the compound's.
		c := sc.found[i]
		sc.found[i].word, sc.found[i].n, sc.found[i].compound = from, to-from, true
		s := m.satisfiedAs(sc, i)
		sc.found[i] = c
		return s
	}
	s := m.satisfiedAs(sc, i)
	if (s == had || s == restored) && sc.cutAgain(m, i) {
		return unsatisfied
	}
	return s
}

// satisfiedAs reads keyword found i with the phrases of every language
// of polarity, each with its own words: a phrase of a need denied that
// holds its first words (needDenied), a phrase right before it (the
// nearest first), one right after it (a service back may have its place
// after the phrase, placeEnds, but is not back when the phrase is asked
// or goes on to a place where it is not, notElsewhere), its price after
// it (pricedAfter), or a list it ends (listed, or adjacentGood: a list
// without "and").
func (m *KeywordMatcher) satisfiedAs(sc *scan, i int) satisfaction {
	c := sc.found[i]
	e := &m.entries[c.entry]
	end := c.word + c.n
	event := m.cats[e.cat].event
	if m.needDenied(sc, i) {
		return notNeeded
	}
	for q, skipped := c.word, 0; q > 0; q-- {
		for _, ph := range polarityIdx.before[sc.tokens[q-1].word] {
			p := polarity[ph.lang]
			at := q - len(ph.words)
			switch {
			case ph.kind == over && !event, ph.kind == restored && !allIn(e.words, p.services),
				ph.kind == had && !m.goodIn(p, c) && !allIn(e.words, p.services),
				(ph.kind == received || ph.kind == thanked || ph.kind == offered) && !m.goodIn(p, c),
				ph.kind == traded && !m.goodIn(p, c) && !allIn(e.words, p.services),
				(ph.kind == offered || ph.kind == received) && sc.askedBefore(at, end, p),
				ph.arrival && allIn(e.words, p.waters),
				ph.kind == consumed && !m.goodIn(p, c) && !allIn(e.words, p.meals), ph.meal && !allIn(e.words, p.meals),
				ph.kind.guarded() && (sc.lacking(at) || sc.lackGiven(end)), ph.kind == traded && m.pleaded(sc, i), ph.kind == thanked && sc.promisedAfter(end, p),
				!sc.phraseAt(at, ph.words), sc.clauseBreak(q), sc.blocked(at, p), !sc.wordsIn(q, c.word, p.between):
				continue
			}
			to := end
			if ph.kind == consumed && allIn(e.words, p.meals) {
				to = sc.eaten(end, p)
			}
			if ph.kind == consumed {
				// A source, right after the thing or after its when, keeps
				// the need: "we drink water (every day) from the river".
				if to = sc.tailOf(to, p); sc.sourceAt(to, p) {
					continue
				}
			}
			if ph.kind == received || ph.kind == offered {
				// When it was received or is given: "recebemos comida nos
				// últimos dias", "a igreja dá comida aos sábados".
				to = sc.tailOf(to, p)
			}
			if sc.endsHere(m, i, p, to, ph.kind.lenient() && !ph.strict) ||
				ph.kind == offered && sc.givenAt(to, p) {
				return ph.kind
			}
		}
		if skipped == maxBetween || sc.clauseBreak(q) || !polarityIdx.between[sc.tokens[q-1].word] {
			break
		}
		skipped++
	}
	for j, skipped := end, 0; j < len(sc.tokens) && !sc.clauseBreak(j); j++ {
		for _, ph := range polarityIdx.after[sc.tokens[j].word] {
			p := polarity[ph.lang]
			ok := event && ph.kind == over || ph.recede && allIn(e.words, p.waters) ||
				ph.kind == restored && allIn(e.words, p.services) ||
				ph.kind == received && !event && m.goodIn(p, c) && !allIn(e.words, p.waters) ||
				ph.kind == received && !event && allIn(e.words, p.waters) && sc.thankedAfter(j+len(ph.words), p)
			after := j + len(ph.words)
			if ok && sc.phraseAt(j, ph.words) && sc.wordsIn(end, j, fillers[ph.lang], p.overSkip) &&
				(sc.endsHere(m, i, p, after, false) || event && sc.placeFollows(after, p) ||
					event && ph.kind == over && (sc.wellAfter(after, ph.lang) || m.overFollows(sc, i, after)) ||
					ph.kind == restored && m.placeEnds(sc, after, p) && (!allIn(e.words, p.waters) || m.waterBack(sc, i, after, p))) &&
				!((ph.kind == restored || ph.kind == received) && (sc.asked(after) || sc.notElsewhere(after, p))) {
				return ph.kind
			}
		}
		if skipped == maxFillers+1 || !polarityIdx.skip[sc.tokens[j].word] {
			break
		}
		skipped++
	}
	if event && sc.noLonger(m, i) {
		return over
	}
	if m.deniedAfter(sc, i) {
		return denied
	}
	if m.contrasted(sc, i) {
		if event {
			return denied
		}
		return notNeeded
	}
	if m.pricedAfter(sc, i) || m.pricedBefore(sc, i) {
		return traded
	}
	for _, lang := range polarityLangs {
		p := polarity[lang]
		if m.goodIn(p, c) || !event && c.word > 0 && p.pers[sc.tokens[c.word-1].word] {
			s := sc.listed(i, p)
			if s == unsatisfied {
				s = m.adjacentGood(sc, i, p)
			}
			if s != unsatisfied && sc.endsHere(m, i, p, end, s.lenient()) {
				return s
			}
		}
	}
	return unsatisfied
}

// needDenied reports whether keyword found i begins with the last words
// of a phrase of polarity's notNeeded that ends its phrase (endsHere): a
// keyword that holds the need's own verb, "need food" in "we don't need
// food again" (Liberian English: we no longer need food), is denied as
// "we don't need tents" is. "we need food again" stays a need.
func (m *KeywordMatcher) needDenied(sc *scan, i int) bool {
	c := sc.found[i]
	first := m.parts(c)[0]
	for q := first[0] + 1; q < first[1]; q++ {
		for _, ph := range polarityIdx.before[sc.tokens[q-1].word] {
			p := polarity[ph.lang]
			at := q - len(ph.words)
			if ph.kind == notNeeded && at < c.word && sc.phraseAt(at, ph.words) && !sc.blocked(at, p) &&
				sc.endsHere(m, i, p, c.word+c.n, false) {
				return true
			}
		}
	}
	return false
}

// pricedAfter reports whether one of polarity's priced phrases follows
// keyword found i, a thing of the phrase's language (goods), in its
// clause, with at most maxBetween of the language's fillers and dear
// words, or words of the same category's keywords ("maji" in "maji ya
// kunywa"), between them ("the rice price gone up again", "water price too
// high", "maji ya kunywa ni bei gani", "konbyen yon galon dlo koute",
// "la comida está muy cara"), in a message with no word of lack of any
// language (polarityWords.lacks), before or after it: "food is too
// expensive we are hungry", "water price too high, please help" stay
// needs. What follows the price may say more of it (endsHere, lenient).
// An amount is a price too when a currency follows it, or when it ends
// the clause after a filler (amountAt): "le sac de riz est à 25000 F",
// "rice is 500 ksh a kilo", "el agua está a 20 pesos", "the rice is
// now 3000" name no need; "we need rice 50 kg", "food for 3 days" do.
func (m *KeywordMatcher) pricedAfter(sc *scan, i int) bool {
	c := sc.found[i]
	e := &m.entries[c.entry]
	end := c.word + c.n
	// lacking reports whether a word of lack comes before position end or
	// from position j: the words between the thing and its price are
	// fillers and dear words ("maji ni ghali": "ni" is Spanish "nor").
	lacking := func(j int) bool {
		return sc.lacking(end) || slices.ContainsFunc(sc.tokens[j:], func(t token) bool { return polarityIdx.lacks[t.word] })
	}
	for _, lang := range polarityLangs {
		p := polarity[lang]
		if !m.goodIn(p, c) {
			continue
		}
		for j := end; j < len(sc.tokens) && j-end <= maxBetween && !sc.clauseBreak(j); j++ {
			for _, ph := range polarityIdx.priced[sc.tokens[j].word] {
				if ph.lang == lang && sc.phraseAt(j, ph.words) && !lacking(j) &&
					sc.endsHere(m, i, p, j+len(ph.words), true) {
					return true
				}
			}
			if to, ok := sc.amountAt(j, j > end); ok {
				return !lacking(j) && sc.endsHere(m, i, p, to, true)
			}
			if w := sc.tokens[j].word; !fillers[lang][w] && !p.dear[w] && !m.readAs(sc, j, e.cat) {
				break
			}
		}
	}
	return false
}

// pricedBefore reports whether an amount of money (a number, then a
// word of currencies) comes before keyword found i of a good, across
// the words of its language's between (a container: "bidon", "sac") and
// one of its pers or paidFor: "pagamos 50 meticais por um bidon de água", "on paie
// 500 francs le bidon d'eau" name a price, no need. Never in a message
// with a word of lack of any language (polarityWords.lacks): "não temos
// água, compramos bidons a 50 meticais" stays a need. The thing's phrase
// must end (endsHere, lenient).
func (m *KeywordMatcher) pricedBefore(sc *scan, i int) bool {
	c := sc.found[i]
	if sc.lacking(len(sc.tokens)) {
		return false
	}
	for _, lang := range polarityLangs {
		p := polarity[lang]
		if !m.goodIn(p, c) {
			continue
		}
		j := c.word - 1
		for j >= 0 && !sc.clauseBreak(j+1) && p.between[sc.tokens[j].word] {
			j--
		}
		if j >= 0 && !sc.clauseBreak(j+1) && (p.pers[sc.tokens[j].word] || p.paidFor[sc.tokens[j].word]) {
			j--
		}
		if j >= 1 && !sc.clauseBreak(j+1) && !sc.clauseBreak(j) && currencies[sc.tokens[j].word] &&
			isDigit(sc.tokens[j-1].word[0]) && sc.endsHere(m, i, p, c.word+c.n, true) {
			return true
		}
	}
	return false
}

// amountAt reports whether word j begins an amount of money, and where
// it ends: a number (a word that begins with a digit, or several:
// "25 000"), then a word of currencies, or, when bare is set (a filler
// came between the thing and it: "the rice is now 3000"), the end of its
// clause. "50 kg", "3 days" are no price.
func (sc *scan) amountAt(j int, bare bool) (end int, ok bool) {
	if !isDigit(sc.tokens[j].word[0]) {
		return j, false
	}
	for j < len(sc.tokens) && isDigit(sc.tokens[j].word[0]) && (end == 0 || !sc.clauseBreak(j)) {
		j, end = j+1, j+1
	}
	if j < len(sc.tokens) && !sc.clauseBreak(j) && currencies[sc.tokens[j].word] {
		return j + 1, true
	}
	return end, bare && (end == len(sc.tokens) || sc.clauseBreak(end))
}

// currencies are the words, folded, of the currencies of the cities
// served and their common shorthands, after an amount (amountAt): "25000
// F", "500 goud", "200 ksh", "20 pesos".
var currencies = wordSetOf(
	"f", "fr", "frs", "fcfa", "cfa", "francs", "franc", "gdes", "gourdes", "gourde", "goud", "htg",
	"usd", "dollars", "dollar", "dola", "ksh", "kes", "sh", "shs", "shillings", "shilingi", "tsh", "ugx",
	"mt", "mts", "meticais", "metical", "reais", "pesos", "peso", "lempiras", "soles", "quetzales",
	"cordobas", "euros", "euro", "eur", "ld", "lrd", "cedis", "naira", "rand",
)

// cutAgain reports whether one of polarity's cuts follows keyword found
// i in its clause or the next one, with no keyword of another category
// between them: the service read as back or had stopped again ("the
// power came back today but went off again", "maji yamerudi jana lakini
// yamekatika tena", "le courant est revenu hier mais il est reparti").
// "the power is back now but the water went off again" is no power cut.
func (sc *scan) cutAgain(m *KeywordMatcher, i int) bool {
	c := sc.found[i]
	cat := m.entries[c.entry].cat
	clauses := 0
	for j := c.word + c.n; j < len(sc.tokens); j++ {
		if sc.clauseBreak(j) {
			if clauses++; clauses > 1 {
				return false
			}
		}
		if slices.ContainsFunc(sc.found, func(o candidate) bool { return o.word == j && m.entries[o.entry].cat != cat }) {
			return false
		}
		for _, ph := range polarityIdx.cuts[sc.tokens[j].word] {
			if sc.phraseAt(j, ph.words) {
				return true
			}
		}
	}
	return false
}

// maxStill is the most words, not counting those of the hazard's own
// keywords, read between a negation and the keyword of a hazard that is
// no longer (noLonger), and the most read after the keyword before the
// word that says "any more".
const maxStill = 4

// noLongerIn reports whether keyword found i, of a hazard, is said to be
// no longer with the words of language lang (polarityWords.nots,
// noLonger, still): "I am no longer under the rubble", "we are not
// trapped anymore", "je ne suis plus sous les décombres", "il n'y a plus
// d'incendie", "mwen pa anba dekonb ankò", "já não estou debaixo dos
// escombros", "ya no estamos bajo los escombros", "hatupo chini ya
// kifusi tena".
func (m *KeywordMatcher) noLongerIn(sc *scan, i int, lang string) bool {
	p := polarity[lang]
	c := sc.found[i]
	cat := m.entries[c.entry].cat
	// between reports whether the word at q may come between the
	// negation and the keyword, and whether it says "any more".
	between := func(q int) (ok, again bool) {
		w := sc.tokens[q].word
		switch {
		case p.noLonger[w]:
			return true, true
		case p.still[w], fillers[lang][w], prepositions[lang][w], m.readAs(sc, q, cat):
			return true, false
		}
		return false, false
	}
	again := false
	for q, n := c.word-1, 0; q >= 0 && n <= maxStill && !sc.clauseBreak(q+1); q-- {
		if p.nots[sc.tokens[q].word] {
			// A negation of the hazard's own keyword is no "no longer":
			// "nou pa ka soti anba dekonb lan ankò" (we cannot get out from
			// under the rubble any more).
			if m.readAs(sc, q, cat) {
				return false
			}
			if again || q > 0 && !sc.clauseBreak(q) && p.noLonger[sc.tokens[q-1].word] {
				return true
			}
			// "… anymore", after the keyword and a few words of place.
			end := c.word + c.n
			for j := end; j < len(sc.tokens) && j-end <= maxStill && !sc.clauseBreak(j); j++ {
				ok, a := between(j)
				if a {
					return true
				}
				if !ok {
					break
				}
			}
			return false
		}
		ok, a := between(q)
		if !ok {
			return false
		}
		again = again || a
		if !m.readAs(sc, q, cat) {
			n++
		}
	}
	return false
}

// noLonger reports whether keyword found i, of a hazard, is said to be
// no longer in one of polarity's languages, before it (noLongerIn) or
// after it (endedAfter).
func (sc *scan) noLonger(m *KeywordMatcher, i int) bool {
	return slices.ContainsFunc(polarityLangs, func(lang string) bool {
		return m.noLongerIn(sc, i, lang) || sc.endedAfter(i, lang)
	})
}

// endedAfter reports whether what follows keyword found i, to the end of
// its clause, says with the words of lang that the hazard is no longer:
// only a negation of nots, a word of noLonger, at most one verb of
// burning and words of being (still, fillers), the negation before the
// verb. "the fire is not burning anymore", "the fire is no more", "dife
// a pa boule ankò", "le feu ne brûle plus", "el fuego ya no quema",
// "moto hauwaki tena"; not "the fire is no longer under control", "dife
// a pa ka etenn ankò" (the fire cannot be put out any more).
func (sc *scan) endedAfter(i int, lang string) bool {
	p := polarity[lang]
	c := sc.found[i]
	end := c.word + c.n
	neg, again, verb := false, false, false
	j := end
	for ; j < len(sc.tokens) && j-end <= maxStill && !sc.clauseBreak(j); j++ {
		w := sc.tokens[j].word
		switch {
		case p.nots[w]:
			neg = true
		case p.noLonger[w]:
			again = true
		case p.burning[w] && neg && !verb:
			verb = true
		case p.still[w], fillers[lang][w]:
		default:
			return false
		}
	}
	return neg && again && (j == len(sc.tokens) || sc.clauseBreak(j))
}

// readAs reports whether the message word at q is a word of a keyword of
// category cat found: "trapped" in "we are no longer trapped under the
// rubble".
func (m *KeywordMatcher) readAs(sc *scan, q int, cat int32) bool {
	for _, o := range sc.found {
		if m.entries[o.entry].cat != cat {
			continue
		}
		for _, pt := range m.parts(o) {
			if pt[0] <= q && q < pt[1] {
				return true
			}
		}
	}
	return false
}

// maxAsked is the most words read between a phrase that asks about a
// hazard and its keyword (askedAbout), of which one at most is not a
// filler or a preposition of the phrase's language.
const maxAsked = 4

// askedAbout reports whether keyword found i follows, in its clause, one
// of polarity's asks: an information request ("information about",
// "any news about", "des nouvelles de", "enfomasyon konsenan", "habari
// za", "noticias sobre") or a question of what will happen ("will there
// be", "eske ap gen", "y aura-t-il"), with at most maxAsked words
// between them, none a negation, a conjunction or a word that opens
// another clause (gapBreaks). Not after a negation: "no news of the
// people trapped", "nou pa gen nouvèl", "sans nouvelles de" report a lack
// of news. "habari" alone is a greeting, not an ask ("habari, kuna moto
// sokoni"), and so is "habari za asubuhi" before what it says: two words
// that are not fillers are one too many. time is set when the phrase
// names the hazard as the time of what is reported (polarityWords.since:
// "after the flood"); one of polarityWords.sinceOwn only when lang, the
// keyword's language, is its own.
func (sc *scan) askedAbout(i int, lang string) (asked, time bool) {
	c := sc.found[i]
	for q := c.word; q > 0 && q >= c.word-maxHearsay && !sc.clauseBreak(q); q-- {
		for _, ph := range polarityIdx.asks[sc.tokens[q-1].word] {
			p := polarity[ph.lang]
			if ph.own && ph.lang != lang || !ph.hearsay && q < c.word-maxAsked {
				continue
			}
			at := q - len(ph.words)
			if ph.hearsay && !sc.hearsayAt(at, ph.words) {
				continue
			}
			if sc.phraseAt(at, ph.words) && !sc.denied(at) && !(at > 0 && !sc.clauseBreak(at) && p.nots[sc.tokens[at-1].word]) &&
				(ph.hearsay && !sc.hearsayBreak(q, c.word, ph.lang, lang) || !sc.askBreak(q, c.word, ph.lang)) {
				return true, ph.time
			}
		}
	}
	return false, false
}

// clauseAsked reports whether keyword found i, of language lang, is
// asked about by the words of clauseLangs anywhere in its clause: a
// question word or hearsay, for a need
// as for a hazard ("imdad kab milegi", "rashan kahan mil raha hai", "tv
// pe dekha sindh mein sailab aaya hai"); or, for a hazard (event), a
// phrase of time after it, which names it as the time of what is
// reported (time set: "mera beta lapata hai sailab ke baad se"). The
// words of a language are read for its own keywords, and for those of
// another in a message mostly of it (mostlyOf: "tv pe dekha flood aaya
// hai"), not in one of another language: Creole "kab" is "can" ("yon
// konpayi kab ede").
func (sc *scan) clauseAsked(i int, lang string, event bool) (asked, time bool) {
	c := sc.found[i]
	from, _ := sc.clauseOf(c.word)
	_, to := sc.clauseOf(c.word + c.n - 1)
	for _, cl := range clauseLangs {
		if cl != lang && !sc.mostlyOf(cl) {
			continue
		}
		p := polarity[cl]
		for k := from; k < to; k++ {
			w := sc.tokens[k].word
			if p.questions[w] {
				return true, false
			}
			for _, ph := range polarityIdx.clauseHearsay[w] {
				if ph.lang == cl && sc.hearsayAt(k, ph.words) {
					return true, false
				}
			}
		}
		for k := c.word + c.n; event && k < to; k++ {
			for _, ph := range polarityIdx.sinceAfter[sc.tokens[k].word] {
				if ph.lang == cl && sc.phraseAt(k, ph.words) {
					return true, true
				}
			}
		}
	}
	return false, false
}

// mostlyOf reports whether the message has function words of lang
// (scanLangs), and no more of any other language.
func (sc *scan) mostlyOf(lang string) bool {
	j := slices.Index(scanLangs, lang)
	if j < 0 || sc.langs[j] == 0 {
		return false
	}
	return slices.Max(sc.langs) == sc.langs[j]
}

// hearsayAt reports whether the hearsay phrase ph is at position at and
// no phrase of hearsayNot covers its words: "sanble" in "li sanble gen
// inondasyon" (it seems), not in "nou tout sanble anba tant lan" (we all
// gathered).
func (sc *scan) hearsayAt(at int, ph []string) bool {
	if !sc.phraseAt(at, ph) {
		return false
	}
	for k := at; k < at+len(ph); k++ {
		for _, np := range polarityIdx.hearsayNot[sc.tokens[k].word] {
			if start := k - len(np.words) + 1; start <= at && sc.phraseAt(start, np.words) {
				return false
			}
		}
	}
	return true
}

// maxHearsay is the most words read between a phrase of hearsay
// (polarityWords.hearsay) and the hazard it tells.
const maxHearsay = 6

// hearsayBreak reports whether the words from position from to position
// to hold a word of gapBreaks of lang, the hearsay's language, or of
// kwLang, the hazard keyword's: another clause.
func (sc *scan) hearsayBreak(from, to int, lang, kwLang string) bool {
	for q := from; q < to; q++ {
		if w := sc.tokens[q].word; gapBreaks[lang][w] || gapBreaks[kwLang][w] {
			return true
		}
	}
	return false
}

// askBreak reports whether the words from position from to position to
// hold a word of lang's gapBreaks, or more than one that is not one of
// its fillers or prepositions.
func (sc *scan) askBreak(from, to int, lang string) bool {
	other := 0
	for q := from; q < to; q++ {
		w := sc.tokens[q].word
		if gapBreaks[lang][w] {
			return true
		}
		if !fillers[lang][w] && !prepositions[lang][w] {
			other++
		}
	}
	return other > 1
}

// lacking reports whether a word of lack of any language
// (polarityWords.lacks) comes before position at in the message: "we
// have no money to buy food", "help us buy food".
func (sc *scan) lacking(at int) bool {
	for q := range min(at, len(sc.tokens)) {
		if polarityIdx.lacks[sc.tokens[q].word] {
			return true
		}
	}
	return false
}

// pleaded reports whether a plea of any language (polarityWords.pleas)
// comes after keyword found i in the message, with no keyword of another
// category, but "other", after the thing: "j'achète de l'eau pour les
// enfants svp aidez", "I bought water please help" ask for the water
// bought; "we bought food, please send water" asks for water only.
func (m *KeywordMatcher) pleaded(sc *scan, i int) bool {
	c := sc.found[i]
	cat := m.entries[c.entry].cat
	if slices.ContainsFunc(sc.found[i+1:], func(o candidate) bool {
		oc := m.entries[o.entry].cat
		return o.word >= c.word+c.n && oc != cat && !m.cats[oc].other
	}) {
		return false
	}
	return slices.ContainsFunc(sc.tokens[c.word+c.n:], func(t token) bool { return polarityIdx.pleas[t.word] })
}

// lackGiven reports whether a reason of any language
// (polarityWords.reasons) comes after position from in the message, with
// a word of lack of any language after it: "compramos agua porque no
// llega", "we buy water because there is no water".
func (sc *scan) lackGiven(from int) bool {
	for q := from; q < len(sc.tokens); q++ {
		if polarityIdx.reasons[sc.tokens[q].word] {
			for _, t := range sc.tokens[q+1:] {
				if polarityIdx.lacks[t.word] {
					return true
				}
			}
			return false
		}
	}
	return false
}

// eaten returns the position after the goods of p that follow a meal
// word ending at position from in its clause (at most maxBetween words,
// p's between words among them): "m ap manje diri", "on mange du pain".
func (sc *scan) eaten(from int, p *polarityWords) int {
	to := from
	for q := from; q < len(sc.tokens) && q-from < maxBetween && !sc.clauseBreak(q); q++ {
		w := sc.tokens[q].word
		if p.goods[w] {
			to = q + 1
		} else if !p.between[w] {
			break
		}
	}
	return to
}

// promisedAfter reports whether one of p's promised words comes after
// position from in its clause: "thank you for the food you promised".
func (sc *scan) promisedAfter(from int, p *polarityWords) bool {
	for j := from; j < len(sc.tokens) && !sc.clauseBreak(j); j++ {
		if p.promised[sc.tokens[j].word] {
			return true
		}
	}
	return false
}

// wordsIn reports whether every message word from position from to
// position to is in one of sets.
func (sc *scan) wordsIn(from, to int, sets ...map[string]bool) bool {
	for q := from; q < to; q++ {
		if !slices.ContainsFunc(sets, func(set map[string]bool) bool { return set[sc.tokens[q].word] }) {
			return false
		}
	}
	return true
}

// phraseAt reports whether the words from position at are ph, in one
// clause.
func (sc *scan) phraseAt(at int, ph []string) bool {
	if at < 0 || at+len(ph) > len(sc.tokens) {
		return false
	}
	for k, w := range ph {
		if sc.tokens[at+k].word != w || k > 0 && sc.clauseBreak(at+k) {
			return false
		}
	}
	return true
}

// blocked reports whether the word before position at, in its clause,
// is one of p's blocks or negations.
func (sc *scan) blocked(at int, p *polarityWords) bool {
	if at == 0 || sc.clauseBreak(at) {
		return false
	}
	w := sc.tokens[at-1].word
	return p.blocks[w] || p.negation(w)
}

// negation reports whether w is one of p's negations, their one home:
// its nots, verbNots, contracted and keywordNots. blocks, lacks and
// gapBreaks take them from here; contractedT, the words before a "t"
// written apart ("don t"), only gapBreaks takes (the "t" is of nots).
func (p *polarityWords) negation(w string) bool {
	return p.nots[w] || p.verbNots[w] || p.contracted[w] || p.keywordNots[w]
}

// negationSets returns the sets negation reads.
func (p *polarityWords) negationSets() []map[string]bool {
	return []map[string]bool{p.nots, p.verbNots, p.contracted, p.keywordNots}
}

// notLacks are, per language, the negations that are no words of lack
// (polarityWords.lacks), whose words of every language count: French
// "n" ("n'a pas") is Creole "we" ("n ap manje", we are eating).
var notLacks = map[string]map[string]bool{"fr": wordSetOf("n")}

// phraseEnds reports whether the words before position j end a phrase:
// j is the end of the message or of a clause, or one of p's enders.
func (sc *scan) phraseEnds(j int, p *polarityWords) bool {
	return j >= len(sc.tokens) || sc.clauseBreak(j) || p.enders[sc.tokens[j].word]
}

// endsHere reports whether the phrase of keyword found i ends at word
// j (see phraseEnds, or a need said again there: restartAt; a good of
// its category right after it goes on with it, nextGood; when lenient, after thanks or a price, any word
// but a contrast or a conjunction: "thank you for the food you
// brought", "the price of maize went up"), or goes on with
// a list whose last item ends it
// ("we have water and food."), or with a contrast or a conjunction (one
// of p's buts or ands) that names another category's need in its
// clause: "we have water but no food", not "we have water but not
// enough".
func (sc *scan) endsHere(m *KeywordMatcher, i int, p *polarityWords, j int, lenient bool) bool {
	// The thing goes on with another good of its category ("we have
	// maize flour but no water"): its phrase ends where that one's does.
	if k := m.nextGood(sc, i, p, j); k >= 0 {
		o := sc.found[k]
		return sc.endsHere(m, k, p, o.word+o.n, lenient)
	}
	// Enough of it ends its phrase: "tuna maji ya kutosha".
	j = sc.closingAt(j, p)
	// Enders before a contrast do not end the phrase: "the fire was put
	// out yesterday but it started again" is read as "the fire was put
	// out but it started again".
	for j < len(sc.tokens) && !sc.clauseBreak(j) && p.enders[sc.tokens[j].word] &&
		j+1 < len(sc.tokens) && !sc.clauseBreak(j+1) && (p.enders[sc.tokens[j+1].word] || p.buts[sc.tokens[j+1].word]) {
		j++
	}
	if sc.phraseEnds(j, p) || sc.restartAt(j, p) {
		return true
	}
	w := sc.tokens[j].word
	if p.withs[w] {
		// A good eaten or had with another: "frijoles con arroz".
		if k := m.nextGood(sc, i, p, j+1); k >= 0 {
			o := sc.found[k]
			return sc.endsHere(m, k, p, o.word+o.n, lenient)
		}
	}
	if p.ands[w] {
		// A list goes on: its last item says how it ends ("we have
		// water and food issues" is no water had).
		for k, o := range sc.found[i+1:] {
			if o.word > j && sc.skipBetween(o.word, j+1, p) {
				return sc.endsHere(m, i+1+k, p, o.word+o.n, lenient)
			}
		}
	} else if !p.buts[w] {
		return lenient
	}
	// Otherwise, like a contrast, "and" must go on to another need:
	// "we have water and we need food", not "we have water and it is
	// dirty", "dife a … ak tout bagay".
	cat := m.entries[sc.found[i].entry].cat
	for _, o := range sc.found[i+1:] {
		if o.word > j && m.entries[o.entry].cat != cat {
			for q := j + 1; q <= o.word; q++ {
				if sc.clauseBreak(q) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// askedBefore reports whether one of p's askers comes before position
// at in its clause, or the clause that goes on from position end ends
// with a question mark: "who gives food here?", "where are they giving
// water", "free food?" ask where to get the thing.
func (sc *scan) askedBefore(at, end int, p *polarityWords) bool {
	for q := at; q > 0 && !sc.clauseBreak(q); q-- {
		if p.askers[sc.tokens[q-1].word] {
			return true
		}
	}
	j := end
	for j < len(sc.tokens) && !sc.clauseBreak(j) {
		j++
	}
	tail := sc.msg[sc.tokens[j-1].end:]
	if j < len(sc.tokens) {
		tail = sc.msg[sc.tokens[j-1].end:sc.tokens[j].start]
	}
	return strings.Contains(tail, "?")
}

// givenAt reports whether the words from position j say where a thing
// offered is given (placeFollows: "the red cross is giving water at the
// school"), with no contrast (p's buts) nor word of lack of any language
// after it in the message, and no question mark: "free food at the church
// but not for us", "they give food at the church, we get nothing", "free
// food at the church?" stay needs.
func (sc *scan) givenAt(j int, p *polarityWords) bool {
	if !sc.placeFollows(j, p) || strings.Contains(sc.msg[sc.tokens[j].start:], "?") {
		return false
	}
	for _, t := range sc.tokens[j:] {
		if p.buts[t.word] || polarityIdx.lacks[t.word] {
			return false
		}
	}
	return true
}

// placeFollows reports whether the word at j, in the same clause, is one
// of p's wheres: what follows says where a hazard is over ("the flood has
// gone down at Tandale market", "le feu est éteint près de l'école"), not
// more of it ("the fire is out of control" stays a fire).
func (sc *scan) placeFollows(j int, p *polarityWords) bool {
	return j < len(sc.tokens) && !sc.clauseBreak(j) && p.wheres[sc.tokens[j].word]
}

// skipBetween reports whether only p's between words, at most
// maxBetween in one clause, come from position from to word wi.
func (sc *scan) skipBetween(wi, from int, p *polarityWords) bool {
	if wi-from > maxBetween {
		return false
	}
	for q := from; q < wi; q++ {
		if !p.between[sc.tokens[q].word] || sc.clauseBreak(q+1) {
			return false
		}
	}
	return !sc.clauseBreak(from)
}

// listed returns the reading of the keyword found before found i when
// i follows it in a list, after one of p's ands or a comma: "we have
// water and food", "nou gen dlo ak manje", "we have water, rice"; or a
// thing traded when i follows it after one of p's pers, as the unit of
// its price: "how much is water per jerrycan".
func (sc *scan) listed(i int, p *polarityWords) satisfaction {
	c := sc.found[i]
	per := false
	for q, skipped := c.word, 0; q > 0; q-- {
		prev := sc.tokens[q-1].word
		if (p.ands[prev] || p.pers[prev]) && !sc.clauseBreak(q) {
			per = p.pers[prev]
			q--
		} else if !sc.commaBefore(q) {
			if skipped == maxBetween || sc.clauseBreak(q) || !p.between[prev] {
				return unsatisfied
			}
			skipped++
			continue
		}
		for _, o := range sc.found[:i] {
			if o.word+o.n == q && o.satisfied != unsatisfied && o.satisfied != over && o.satisfied != restored && o.satisfied != ended &&
				(!per || o.satisfied == traded) {
				return o.satisfied
			}
		}
		return unsatisfied
	}
	return unsatisfied
}

// commaBefore reports whether only a comma comes between word q and the
// word before it.
func (sc *scan) commaBefore(q int) bool {
	return q > 0 && strings.TrimSpace(sc.msg[sc.tokens[q-1].end:sc.tokens[q].start]) == ","
}

// good reports whether a keyword of words names one of p's goods: its
// words are goods, or between words before them ("du pain").
func (p *polarityWords) good(words []string) bool {
	for i, w := range words {
		if !p.goods[w] && (i == len(words)-1 || !p.between[w]) {
			return false
		}
	}
	return len(words) > 0
}

// goodIn reports whether keyword found c is a thing of p's goods (good),
// or a keyword read inside a compound of goods (inCompound: "toilet" in
// "toilet paper").
func (m *KeywordMatcher) goodIn(p *polarityWords, c candidate) bool {
	return c.compound || p.good(m.entries[c.entry].words)
}

// inCompound returns the message words [from, to) of a compound of
// goods (compounds) that holds keyword found i, one without a gap
// whose category is no hazard happening: "toilet" in "toilet paper",
// "toilette" in "papier toilette", "choo" in "karatasi ya choo". The
// keyword is then read as the thing the compound names, had, bought or
// priced as goods are ("toilet paper price went up again" names no
// sanitation need), and otherwise as itself: "the toilet is blocked and
// there is no toilet paper", "we need toilet paper and soap" stay
// sanitation (hygiene).
func (m *KeywordMatcher) inCompound(sc *scan, i int) (from, to int, ok bool) {
	c := sc.found[i]
	e := &m.entries[c.entry]
	if e.gap != 0 || m.cats[e.cat].event {
		return 0, 0, false
	}
	for _, ph := range compounds {
		for at := c.word + c.n - len(ph); at <= c.word; at++ {
			if at >= 0 && sc.phraseAt(at, ph) && !sc.clauseBreak(c.word) {
				return at, at + len(ph), true
			}
		}
	}
	return 0, 0, false
}

// compounds are the goods, folded, of the six languages named by a
// phrase that holds a keyword of another meaning (inCompound): toilet
// paper and tissue.
var compounds = phrases(
	"toilet paper", "toilet tissue", "toilet roll", "toilet rolls",
	"papier toilette", "papier hygienique", "papier wc",
	"karatasi ya choo", "tishu ya choo",
	"papel higienico", "papel de casa de banho",
	"papel de bano",
	"papye twalet", "papye ijyenik", "papye wate",
)

// allIn reports whether every word of words is in set.
func allIn(words []string, set map[string]bool) bool {
	for _, w := range words {
		if !set[w] {
			return false
		}
	}
	return len(words) > 0
}

// nextGood returns the keyword found after found i that starts at word
// j, in its clause, a good of p of the same category read with no gap
// (the longest of them), or -1: "flour" after "maize" in "we have maize
// flour but no water", whose phrase goes on with it (endsHere).
func (m *KeywordMatcher) nextGood(sc *scan, i int, p *polarityWords, j int) int {
	if j >= len(sc.tokens) || sc.clauseBreak(j) {
		return -1
	}
	cat := m.entries[sc.found[i].entry].cat
	k := -1
	for x := i + 1; x < len(sc.found); x++ {
		o := sc.found[x]
		if o.word == j && m.entries[o.entry].cat == cat && m.entries[o.entry].gap == 0 && m.goodIn(p, o) &&
			(k < 0 || o.n > sc.found[k].n) {
			k = x
		}
	}
	return k
}

// adjacentGood returns the reading of the keyword found right before
// found i, with nothing between them or one of p's withs, when both are
// goods of p of one category: a list said without "and" ("thank you for
// the rice beans and flour"), a good of two words ("maize flour") or a
// dish ("comimos frijoles con arroz"), read as its first item is.
func (m *KeywordMatcher) adjacentGood(sc *scan, i int, p *polarityWords) satisfaction {
	c := sc.found[i]
	if c.word == 0 || sc.clauseBreak(c.word) || !m.goodIn(p, c) {
		return unsatisfied
	}
	cat := m.entries[c.entry].cat
	with := c.word > 1 && p.withs[sc.tokens[c.word-1].word] && !sc.clauseBreak(c.word-1)
	for _, o := range sc.found[:i] {
		next := o.word+o.n == c.word || with && o.word+o.n == c.word-1
		if next && m.entries[o.entry].cat == cat && m.entries[o.entry].gap == 0 && m.goodIn(p, o) {
			switch o.satisfied {
			case had, received, thanked, traded, notNeeded, consumed:
				return o.satisfied
			}
		}
	}
	return unsatisfied
}

// goneAfter reports whether one of polarity's gone phrases follows
// keyword found i, a good of the phrase's language and no hazard,
// across at most maxFillers+1 of its fillers and overSkip words: the
// thing is used up, a need whatever comes before it ("we bought rice,
// flour is finished", "tumenunua mchele, unga umeisha", "nou achte diri,
// farin nan fini", "recebemos arroz, a farinha acabou").
func (m *KeywordMatcher) goneAfter(sc *scan, i int) bool {
	c := sc.found[i]
	if m.cats[m.entries[c.entry].cat].event {
		return false
	}
	end := c.word + c.n
	for j := end; j < len(sc.tokens) && j-end <= maxFillers+1 && !sc.clauseBreak(j); j++ {
		for _, ph := range polarityIdx.gone[sc.tokens[j].word] {
			p := polarity[ph.lang]
			if m.goodIn(p, c) && sc.phraseAt(j, ph.words) && sc.wordsIn(end, j, fillers[ph.lang], p.overSkip) {
				return true
			}
		}
		if !polarityIdx.skip[sc.tokens[j].word] {
			break
		}
	}
	return false
}

// closingAt returns the position after one of p's closing phrases
// that begins at word j in its clause ("ya kutosha" in "tuna maji ya
// kutosha"), or j.
func (sc *scan) closingAt(j int, p *polarityWords) int {
	return sc.pastPhrase(j, p.closing)
}

// pastPhrase returns the position after the first phrase of list that
// begins at word j in its clause, or j.
func (sc *scan) pastPhrase(j int, list [][]string) int {
	if j >= len(sc.tokens) || sc.clauseBreak(j) {
		return j
	}
	for _, ph := range list {
		if sc.phraseAt(j, ph) {
			return j + len(ph)
		}
	}
	return j
}

// wellAfter reports whether the clause that goes on from word j, after a
// hazard said to be over, says only that the sender is well, with the
// words of lang (polarityWords.well, still, and its fillers and enders):
// "moto umezimwa tuko salama" (the fire is out, we are safe).
func (sc *scan) wellAfter(j int, lang string) bool {
	p := polarity[lang]
	well := false
	for ; j < len(sc.tokens) && !sc.clauseBreak(j); j++ {
		w := sc.tokens[j].word
		switch {
		case p.well[w]:
			well = true
		case p.still[w], fillers[lang][w], p.enders[w]:
		default:
			return false
		}
	}
	return well
}

// overFollows reports whether the keyword of a hazard found after found
// i begins at word j and is read as over itself: "mafuriko yameisha maji
// yamepungua" (the floods are over, the water has gone down), two
// clauses said without a comma.
func (m *KeywordMatcher) overFollows(sc *scan, i, j int) bool {
	for k := i + 1; k < len(sc.found); k++ {
		if sc.found[k].word == j && m.satisfiedAs(sc, k) == over {
			return true
		}
	}
	return false
}

// waterBack reports whether water said to be back at a place (placeEnds,
// from word j) is the supply, not the flood's water: the place ends with
// one of p's grateful words ("water is back at home thanks", "maji
// yamerudi nyumbani asante"), or a keyword of its category after it is
// read as had ("water is back at home, we have water now"). "the water
// came back into our house" stays what it says.
func (m *KeywordMatcher) waterBack(sc *scan, i, j int, p *polarityWords) bool {
	k := j
	for k < len(sc.tokens) && !sc.clauseBreak(k) && !p.enders[sc.tokens[k].word] {
		k++
	}
	if k < len(sc.tokens) && !sc.clauseBreak(k) && p.grateful[sc.tokens[k].word] &&
		!slices.ContainsFunc(sc.tokens[k:], func(t token) bool { return polarityIdx.lacks[t.word] }) {
		return true
	}
	cat := m.entries[sc.found[i].entry].cat
	for x := i + 1; x < len(sc.found); x++ {
		if sc.found[x].word >= j && m.entries[sc.found[x].entry].cat == cat && m.satisfiedAs(sc, x) == had {
			return true
		}
	}
	return false
}

// thankedAfter reports whether the message goes on from word j, after
// a clause break, with p's grateful words (and enders) only, one at
// least, in a message with no word of lack of any language: water said
// to have arrived and thanked for is a need met ("a água chegou,
// obrigado", "the water arrived, thanks"), not a flood's water ("a água
// chegou na casa" stays asked).
func (sc *scan) thankedAfter(j int, p *polarityWords) bool {
	if j >= len(sc.tokens) || !sc.clauseBreak(j) ||
		slices.ContainsFunc(sc.tokens, func(t token) bool { return polarityIdx.lacks[t.word] }) {
		return false
	}
	thanked := false
	for _, t := range sc.tokens[j:] {
		switch {
		case p.grateful[t.word]:
			thanked = true
		case !p.enders[t.word]:
			return false
		}
	}
	return thanked
}

// restartAt reports whether one of p's restarts, a need said again,
// begins at word j: "nou pa bezwen manje nou bezwen travay" ends the
// phrase of "manje" there, as a comma would.
func (sc *scan) restartAt(j int, p *polarityWords) bool {
	for _, ph := range polarityIdx.restarts[sc.tokens[j].word] {
		if polarity[ph.lang] == p && sc.phraseAt(j, ph.words) {
			return true
		}
	}
	return false
}

// sourceAt reports whether one of p's sources is the word at j, in its
// clause: "from" in "we drink water from the river".
func (sc *scan) sourceAt(j int, p *polarityWords) bool {
	return j < len(sc.tokens) && !sc.clauseBreak(j) && p.sources[sc.tokens[j].word]
}

// tailOf returns the position after one of p's tails that begins at
// word from in its clause, or from: "every day" in "we eat rice every
// day".
func (sc *scan) tailOf(from int, p *polarityWords) int {
	return sc.pastPhrase(from, p.tails)
}

// maxPlace is the most words read in the place where a service is back
// (placeEnds).
const maxPlace = 5

// placeEnds reports whether a place begins at word j in its clause, one
// of p's wheres or a word with one of p's locatives ("mtaani"), and
// runs to the end of the clause or to one of p's enders, with no
// contrast, conjunction, negation, word of lack or keyword in it: "the
// power is back in our area", "kouran an tounen nan katye a mesi",
// "umeme umerudi mtaani kwetu". "the power is back in our area but not
// in the clinic" is not read so, nor water ("the water is back in our
// houses" may be the flood's).
func (m *KeywordMatcher) placeEnds(sc *scan, j int, p *polarityWords) bool {
	if j >= len(sc.tokens) || sc.clauseBreak(j) {
		return false
	}
	if w := sc.tokens[j].word; !p.wheres[w] && !p.locative(w) {
		return false
	}
	k := j
	for ; k < len(sc.tokens) && !sc.clauseBreak(k) && !p.enders[sc.tokens[k].word]; k++ {
		w := sc.tokens[k].word
		if k-j >= maxPlace || p.buts[w] || p.ands[w] || p.nots[w] || k > j && polarityIdx.lacks[w] ||
			slices.ContainsFunc(sc.found, func(o candidate) bool { return o.word == k }) {
			return false
		}
	}
	return true
}

// locative reports whether w names a place by one of p's locatives, as
// its ending after at least three letters ("mtaani", "kijijini"), and
// is none of p's contrasts ("lakini").
func (p *polarityWords) locative(w string) bool {
	if p.buts[w] || polarityIdx.lacks[w] {
		return false
	}
	for suf := range p.locatives {
		if len(w) >= len(suf)+3 && strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// asked reports whether a question mark ends the words before position
// j: "power is back?" asks, it does not say the power is back.
func (sc *scan) asked(j int) bool {
	if j <= 0 || j > len(sc.tokens) {
		return false
	}
	end := len(sc.msg)
	if j < len(sc.tokens) {
		end = sc.tokens[j].start
	}
	return strings.Contains(sc.msg[sc.tokens[j-1].end:end], "?")
}

// notElsewhere reports whether, from word j (past its enders, a place,
// a comma), a contrast or a negation goes on to a negation and a place:
// the service is back in one place and not in another ("the power is
// back in our area but not in the clinic", "le courant est revenu mais
// pas à l'hôpital"), still a need.
func (sc *scan) notElsewhere(j int, p *polarityWords) bool {
	for q := j; q < len(sc.tokens) && q-j <= maxPlace+2; q++ {
		w := sc.tokens[q].word
		if !p.nots[w] && !polarityIdx.lacks[w] {
			continue
		}
		for k := q + 1; k < len(sc.tokens) && k-q <= 2; k++ {
			if p.wheres[sc.tokens[k].word] || p.locative(sc.tokens[k].word) {
				return true
			}
		}
	}
	return false
}

// overSince reads keyword found i as over when the message says the
// need is over (see polarityWords.past, nows, well) with the words of
// one language: a word of past before it in its clause, then a
// contrast and a word of now, and after them no word of lack of any
// language, no keyword of its category still read as a need, and a
// keyword of its category read as had or received (or named after one
// of the language's had or received phrases, which is then read as
// received), or a word of being well: "we were hungry but now we got
// food", "nou te grangou men kounye a nou jwenn manje", "mwen te malad
// men kounye a mwen byen", "tulikuwa na njaa lakini sasa tumepata
// chakula", "nous avions faim mais maintenant nous avons reçu à
// manger". "we were hungry but now we need food" stays a need.
func (m *KeywordMatcher) overSince(sc *scan, i int) {
	c := sc.found[i]
	cat := m.entries[c.entry].cat
	end := c.word + c.n
	for _, lang := range polarityLangs {
		p := polarity[lang]
		past := false
		for q := end - 1; q >= 0 && end-q <= maxStill+c.n; q-- {
			if p.past[sc.tokens[q].word] {
				past = true
				break
			}
			if sc.clauseBreak(q) {
				break
			}
		}
		if !past {
			continue
		}
		j := end
		if j < len(sc.tokens) && (p.enders[sc.tokens[j].word] || sc.clauseBreak(j)) && !p.buts[sc.tokens[j].word] {
			j++
		}
		if j+1 >= len(sc.tokens) || !p.buts[sc.tokens[j].word] || !p.nows[sc.tokens[j+1].word] {
			continue
		}
		now := j + 2
		if slices.ContainsFunc(sc.tokens[now:], func(t token) bool { return polarityIdx.lacks[t.word] }) {
			continue
		}
		well := slices.ContainsFunc(sc.tokens[now:], func(t token) bool { return p.well[t.word] })
		var gotten []int
		still := false
		for k, o := range sc.found {
			if o.word < now || m.entries[o.entry].cat != cat {
				continue
			}
			switch {
			case o.satisfied == had || o.satisfied == received || o.satisfied == thanked:
				well = true
			case o.satisfied == unsatisfied && sc.gottenBefore(now, o.word, p):
				gotten = append(gotten, k)
			case o.satisfied == unsatisfied:
				still = true
			}
		}
		if still || !well && len(gotten) == 0 {
			continue
		}
		for _, k := range gotten {
			sc.found[k].satisfied = received
		}
		sc.found[i].satisfied = ended
		if m.cats[cat].event {
			sc.found[i].satisfied = over
		}
		return
	}
}

// gottenBefore reports whether one of p's had or received phrases ends
// between positions from and to, in to's clause: "nous avons reçu" in
// "mais maintenant nous avons reçu à manger".
func (sc *scan) gottenBefore(from, to int, p *polarityWords) bool {
	for q := to; q > from; q-- {
		for _, phs := range [][][]string{p.had, p.received} {
			for _, ph := range phs {
				if q-len(ph) >= from && sc.phraseAt(q-len(ph), ph) {
					return true
				}
			}
		}
		if sc.clauseBreak(q) && q < to {
			return false
		}
	}
	return false
}

// postDenial are the words of one language that deny a hazard after its
// keyword (deniedAfter): the language's word order puts the negation
// after the noun, "moto haujawaka" (Swahili: the fire did not start),
// "fire no dey" (Pidgin), "aag nahi lagi" (Roman Urdu: the fire did not
// catch). Only verbs of the hazard happening or of being are read after
// a negation: "moto haujazimwa" (the fire is not yet put out),
// "mafuriko hayajapungua" (the floods have not gone down), "the fire
// no stop", "aag nahi bujhi" stay hazards.
type postDenial struct {
	// nots are the negations after the keyword ("no", "not", "nahi"):
	// the nots and contracted of the language's polarity table
	// (postNots). Swahili has none: its negation after a noun is a
	// negative verb form (negHeads), and its nots ("si", "hatupo": we are
	// not there) say no such thing after a hazard.
	nots map[string]bool
	// aux are the words that may come between the keyword and the
	// negation, or between the negation and its verb, with the keyword
	// language's fillers and prepositions: auxiliaries ("did", "don" of
	// "don't"), a resumptive pronoun ("the fire e no reach"), "yet",
	// "abhi tak". preps are more prepositions, after which one word (a
	// complement: "fire for market no dey", "selab ka pani nahi aaya")
	// may come too.
	aux, preps map[string]bool
	// happen are the verbs of a hazard happening, read after a negation
	// whatever follows them but one of undo ("flood no come down" is
	// still a flood): "reach", "enter", "catch", "fall", "lagi", "aaya",
	// "gira". being are the verbs of being, read only at the end of the
	// clause or before one of places: "fire no dey (here)", "aag nahi
	// hai"; not "fire no dey stop" (the fire does not stop).
	happen, undo, being, places map[string]bool
	// floods are the verbs after a negation that deny the water of a
	// flood rather than a supply's: "water no enter house". Only after a
	// keyword made of polarityWords.waters of the keyword's language:
	// "water no reach us" is a water need.
	floods map[string]bool
	// negHeads, negTenses and stems read the negative verb forms of a
	// language that makes them with prefixes (Swahili): a head (ha- and
	// a subject concord: "hau", "haya", "hazi"), a tense ("ja", "ku",
	// "ta", or none) and a stem of the hazard happening (stems: "waka",
	// "fika", "anguka", "po") — the present ending -i for -a ("hauwaki").
	// "haujawaka", "hayakuja", "haikuanguka", "hazijaanguka", "hayapo".
	negHeads, negTenses []string
	stems               map[string]bool
	// anyKeyword is set for a language whose negations are read after
	// the keywords of every language (its negative verb forms are no word
	// of another): "fire haijafika" as "moto haijafika".
	anyKeyword bool
}

// maxPostDenial is the most words read between a hazard's keyword and
// the negation after it (deniedAfter), and between that negation and its
// verb.
const maxPostDenial = 2

// postDenialLangs are the languages of postDenials in a fixed order.
var postDenialLangs = []string{"sw", "en", "ur"}

// postDenials are the words that deny a hazard after its keyword, by the
// keyword's language (see postDenial). Roman Urdu is read as soon as the
// taxonomy has keywords of "ur".
var postDenials = map[string]*postDenial{
	// Nigerian, Liberian, Ghanaian Pidgin and West African English:
	// "fire no dey", "flood no reach here", "the flood never reach us",
	// "the fire didn't spread".
	"en": {
		nots: postNots("en"),
		aux: wordSetOf("did", "didn", "do", "does", "doesn", "don", "has", "hasn", "have", "haven", "is", "was", "won",
			"will", "e", "go", "still", "yet", "even", "really"),
		happen: wordSetOf("reach", "reached", "reaches", "enter", "entered", "enters", "catch", "caught", "fall", "fell",
			"happen", "happened", "come", "came", "start", "started", "spread", "burn", "burnt", "burned", "touch",
			"touched", "affect", "affected", "hit", "collapse", "collapsed"),
		undo:   wordSetOf("down", "out", "off", "away", "back", "stop"),
		being:  wordSetOf("dey", "de"),
		places: wordSetOf("here", "there", "for", "at", "in", "inside", "around", "near", "again", "anymore", "o", "oh", "now", "yet", "this", "our", "we", "side", "area"),
		floods: wordSetOf("enter", "entered", "enters"),
	},
	// Swahili negative verb forms: ha- and the subject concord of a noun
	// class (not of a person: "ha-", "si-" and "hu-" alone would read
	// "hapo", "huko", there), then -ja- (not yet), -ku- (did not), -ta-
	// (will not) or the present.
	"sw": {
		negHeads: func() []string {
			var hs []string
			for _, c := range []string{"u", "i", "ya", "zi", "li", "ki", "vi", "wa", "tu", "mu", "m", "pa", "ku"} {
				hs = append(hs, "ha"+c)
			}
			return hs
		}(),
		negTenses: []string{"ja", "ku", "ta", "jaku", "taku", ""},
		stems: wordSetOf("waka", "ungua", "shika", "enea", "fika", "fikia", "ja", "kuja", "ingia", "anguka", "angukia",
			"tokea", "tukia", "lipuka", "poromoka", "bomoka", "vunjika", "kwama", "zama", "po", "ko"),
		anyKeyword: true,
	},
	// Roman Urdu and Hindi: "aag nahi lagi", "selab nahi aaya", "ghar nahi
	// gira", "aag nahi hai".
	"ur": {
		nots:  postNots("ur"),
		aux:   wordSetOf("abhi", "tak", "to", "bhi", "yahan", "wahan", "idhar", "ab", "koi", "kabhi"),
		preps: wordSetOf("ka", "ki", "ke", "mein", "main", "par", "se", "ko"),
		happen: wordSetOf("lagi", "laga", "lage", "aaya", "aya", "aayi", "ayi", "aai", "aaye", "aye", "gira", "giri", "gire",
			"hua", "hui", "huwa", "huye", "pahuncha", "pohncha", "pahunchi", "phaila", "phaili", "ghusa", "ghusi", "dhansa",
			"dhasa", "dhansi", "aata", "ata", "aati", "aate", "aa", "aaega", "aayega", "ayega", "aaegi", "aayegi"),
		being:  wordSetOf("hai", "hain", "tha", "thi", "the"),
		places: wordSetOf("yahan", "wahan", "idhar", "udhar", "ab", "abhi", "hamare", "is", "us"),
	},
}

// postNots returns the negations of lang read after a hazard's keyword
// (postDenial.nots): the nots and contracted of its polarity table.
func postNots(lang string) map[string]bool {
	p := polarityOf(lang)
	out := map[string]bool{}
	for _, set := range []map[string]bool{p.nots, p.contracted} {
		for w := range set {
			out[w] = true
		}
	}
	return out
}

// negVerb reports whether w is a negative verb form of d of a hazard
// happening (postDenial.negHeads): "haujawaka", "hayakuja", "hauwaki".
func (d *postDenial) negVerb(w string) bool {
	for _, h := range d.negHeads {
		if !strings.HasPrefix(w, h) {
			continue
		}
		rest := w[len(h):]
		for _, t := range d.negTenses {
			if !strings.HasPrefix(rest, t) {
				continue
			}
			s := rest[len(t):]
			if d.stems[s] || t == "" && strings.HasSuffix(s, "i") && d.stems[s[:len(s)-1]+"a"] {
				return true
			}
		}
	}
	return false
}

// deniedAfter reports whether keyword found i, of a hazard, is followed
// in its clause by a negation of its language (or of a language read
// after any keyword, postDenial.anyKeyword) that denies it: within
// maxPostDenial words of auxiliaries, fillers, prepositions and their
// complements, or of the hazard's own keywords, a negation and a verb of
// the hazard happening or of being (postDenial), or a negative verb form
// of one ("moto haujawaka", "mafuriko ya mto hayajafika", "fire for
// market no dey", "aag abhi tak nahi lagi"). A keyword of another
// category between them takes the negation: "mafuriko chakula
// hakijafika" stays a flood (and food not come, a need). Of the needs,
// only a flood's water is read so, before a verb of entering (floods):
// "water no enter house"; "maji hayatoki", "chakula hakijafika", "khana
// nahi mila", "stima haipo" are lacks, needs.
func (m *KeywordMatcher) deniedAfter(sc *scan, i int) bool {
	c := sc.found[i]
	e := &m.entries[c.entry]
	event := m.cats[e.cat].event
	for _, lang := range postDenialLangs {
		d := postDenials[lang]
		if lang != e.lang && !d.anyKeyword {
			continue
		}
		verbs := d.happen
		if !event {
			if len(d.floods) == 0 || !allIn(e.words, polarityOf(e.lang).waters) {
				continue
			}
			verbs = d.floods
		}
		if m.deniedIn(sc, i, d, verbs, event) {
			return true
		}
	}
	return false
}

// deniedIn reports whether keyword found i is denied after it by the
// words of d, its verbs after a negation being verbs (see deniedAfter);
// event is set for a hazard, which the negative verb forms and verbs of
// being deny too.
func (m *KeywordMatcher) deniedIn(sc *scan, i int, d *postDenial, verbs map[string]bool, event bool) bool {
	c := sc.found[i]
	e := &m.entries[c.entry]
	end := c.word + c.n
	// ends reports whether the clause ends before word k.
	ends := func(k int) bool { return k >= len(sc.tokens) || sc.clauseBreak(k) }
	prep := func(w string) bool { return prepositions[e.lang][w] || d.preps[w] }
	j := end
	for n := 0; ; j, n = j+1, n+1 {
		if ends(j) {
			return false
		}
		w := sc.tokens[j].word
		if d.nots[w] || d.negVerb(w) {
			break
		}
		if n == maxPostDenial || m.otherAt(sc, j, e.cat) {
			return false
		}
		if !(d.aux[w] || fillers[e.lang][w] || prep(w) || m.readAs(sc, j, e.cat) || j > end && prep(sc.tokens[j-1].word)) {
			return false
		}
	}
	if !d.nots[sc.tokens[j].word] {
		return event
	}
	for k, n := j+1, 0; !ends(k); k, n = k+1, n+1 {
		w := sc.tokens[k].word
		switch {
		case verbs[w]:
			return ends(k+1) || !d.undo[sc.tokens[k+1].word]
		case event && d.being[w]:
			next := ""
			if !ends(k + 1) {
				next = sc.tokens[k+1].word
			}
			return next == "" || d.places[next] || gapBreaks[e.lang][next]
		case n < maxPostDenial && (d.nots[w] || d.aux[w]):
			continue
		}
		return false
	}
	return false
}

// otherAt reports whether the message word at q is a word of a keyword
// found of another category than cat.
func (m *KeywordMatcher) otherAt(sc *scan, q int, cat int32) bool {
	return slices.ContainsFunc(sc.found, func(o candidate) bool {
		return m.entries[o.entry].cat != cat && o.word <= q && q < o.word+o.n
	})
}

// contrasted reports whether keyword found i is the Y of a correction "X
// not Y": right after a negation of its language (polarityWords.contrasts),
// across at most one of the language's fillers, that follows (across a comma or
// nothing) a keyword found of another category, and a hazard or goods
// (never a meal word) that ends its clause: "water not fire", "no, it is
// water not fire", "it is water, not fire" name water, not a fire. A
// negation that begins the clause is a lack or a denial, not a contrast:
// "pas faim mais soif", "no fire, water". A verb after the negation is
// no thing: "timoun yo malad pa manje" (sick, not eating) keeps food.
func (m *KeywordMatcher) contrasted(sc *scan, i int) bool {
	c := sc.found[i]
	e := &m.entries[c.entry]
	p := polarityOf(e.lang)
	if len(p.contrastsAfter) > 0 {
		return m.contrastedAfter(sc, i, p)
	}
	nots := p.contrasts
	end := c.word + c.n
	if len(nots) == 0 || end < len(sc.tokens) && !sc.clauseBreak(end) {
		return false
	}
	q := c.word - 1
	if q >= 1 && fillers[e.lang][sc.tokens[q].word] && !sc.clauseBreak(q+1) {
		q--
	}
	if q < 1 || !nots[sc.tokens[q].word] || sc.clauseBreak(q+1) {
		return false
	}
	if !m.cats[e.cat].event && (!m.goodIn(p, c) || allIn(e.words, p.meals)) {
		return false
	}
	return slices.ContainsFunc(sc.found, func(o candidate) bool {
		return o.word+o.n == q && m.entries[o.entry].cat != e.cat && !m.cats[m.entries[o.entry].cat].other
	})
}

// maxContrastJoins is the most words of polarityWords.contrastJoins read
// between X and Y of a correction, and after its negation.
const maxContrastJoins = 3

// contrastedAfter reports whether keyword found i, of a hazard, is the Y
// of a correction "X Y not" of a language whose negation comes after the
// noun (polarityWords.contrastsAfter, p's): a negation right after the
// keyword, then only words of contrastJoins to the end of the clause, and
// before the keyword (across a comma, nothing or contrastJoins) a
// keyword found of another category: "pani chahiye aag nahi", "pani
// chahiye, aag nahi chahiye". A need is never read so: "sailab aaya hai
// bijli nahi" (a flood, and no power) lacks power; nor a negation with a
// verb after it ("pani chahiye aag nahi lagi": deniedAfter reads that).
func (m *KeywordMatcher) contrastedAfter(sc *scan, i int, p *polarityWords) bool {
	c := sc.found[i]
	e := &m.entries[c.entry]
	end := c.word + c.n
	if !m.cats[e.cat].event || end >= len(sc.tokens) || sc.clauseBreak(end) || !p.contrastsAfter[sc.tokens[end].word] {
		return false
	}
	for k, n := end+1, 0; k < len(sc.tokens) && !sc.clauseBreak(k); k, n = k+1, n+1 {
		if n == maxContrastJoins || !p.contrastJoins[sc.tokens[k].word] {
			return false
		}
	}
	q := c.word
	for n := 0; q > 0 && !sc.clauseBreak(q) && n < maxContrastJoins && p.contrastJoins[sc.tokens[q-1].word]; n++ {
		q--
	}
	if q == 0 {
		return false
	}
	return slices.ContainsFunc(sc.found, func(o candidate) bool {
		return o.word+o.n == q && m.entries[o.entry].cat != e.cat && !m.cats[m.entries[o.entry].cat].other
	})
}
