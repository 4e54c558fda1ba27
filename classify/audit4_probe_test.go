package classify_test

import (
	"slices"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// audit4Fixed are the messages of the fourth audit of issue 13 ("never a
// confident wrong answer; when unsure, ask") that the classifier got
// wrong when it was written (main ca72564), with what they get now (see
// auditCase for want): filed as a need they do not name, or a need
// missed or refused where a keyword plainly says it. Written from
// knowledge of how residents text (Liberian English of Monrovia, English
// of Dhaka, Swahili and Sheng, West African and Haitian French, Creole,
// Mozambican and Brazilian Portuguese, Latin American Spanish), not from
// the development corpus, and none of the other probe files' messages.
// What fixed them: other senses ("the water business", "dead tired",
// "flooded with calls", "le courant passe bien", "conta de luz", "luz de
// mis ojos", "Luz María", "se llama", "dlo kokoye", "muerto de
// cansancio"), words of polarity.go's tables (Swahili "asanteni", French
// "ce", English "this", Liberian "done go down", Portuguese "cesta
// básica" as goods) and keywords (Liberian and South Asian "current
// gone", "rogue", water up to the knees, "kannal", "keja … imeanguka",
// "bala perdida", "mareros", "à la belle étoile", "mòn lan glise",
// "distribye kit", "kitagawiwa", "águas … invadiram").
var audit4Fixed = []auditCase{
	{"en", "the water business good today", "none"},
	{"en", "LEC current gone since Monday, we in dark", "electricity"},
	{"en", "my daughter got running stomach since yesterday", "asked medical"},
	{"en", "rogue people broke in my shop last night", "asked security"},
	{"en", "rain water enter the house all our things wet", "flood"},
	{"en", "our area is waterlogged knee deep water in Mirpur", "asked flood"},
	{"en", "i am dead tired after work", "none"},
	{"en", "we were flooded with calls today", "none"},
	{"en", "the water came back this morning thanks", "none"},
	{"en", "the flood done go down now", "none"},
	{"fr", "on est dans l'eau jusqu'aux genoux à Gonzagueville", "flood"},
	{"fr", "le courant passe bien entre nous", "none"},
	{"fr", "l'eau est revenue ce matin", "none"},
	{"fr", "nous dormons à la belle étoile depuis la crue", "shelter"},
	{"ht", "kannal la bouche ak fatra", "blocked_drain"},
	{"ht", "m ap bwè dlo kokoye", "none"},
	{"ht", "mòn lan glise desann sou kay yo nan Kenscoff", "asked landslide"},
	{"ht", "ki kote yo distribye kit yo?", "asked aid_distribution"},
	{"sw", "keja yangu imeanguka na mvua", "asked building_collapse"},
	{"sw", "tumepata chakula asanteni sana", "none"},
	{"sw", "chakula cha msaada kitagawiwa lini Tandale?", "asked aid_distribution"},
	{"pt", "as águas das chuvas invadiram as casas no Chamanculo", "flood"},
	{"pt", "bala perdida atingiu um menino", "asked security"},
	{"pt", "a conta de luz veio alta este mês", "none"},
	{"pt", "já recebemos a cesta básica, obrigado", "none"},
	{"pt", "estou morto de cansaço", "none"},
	{"es", "los mareros están cobrando renta", "asked security"},
	{"es", "eres la luz de mis ojos", "none"},
	{"es", "Luz María está aquí conmigo", "none"},
	{"es", "estoy muerto de cansancio", "none"},
	{"es", "mi papá se llama Ángel Fuego", "none"},

	// The audit's second wave: a drink, a fruit, a phone's battery,
	// toothpaste and being fed up were filed as a need (other senses).
	{"en", "we sell water melon at the junction", "none"},
	{"en", "my power bank is finished", "none"},
	{"en", "i am sick of this rain", "none"},
	{"sw", "nanunua dawa ya meno dukani", "none"},
	{"fr", "on va boire un verre ce soir", "none"},
	{"ht", "m ap bwè kafe", "none"},
	{"ht", "m ap bwè yon ji", "none"},
	{"pt", "vou beber uma cerveja com os amigos", "none"},
	{"pt", "bora beber hoje", "none"},
	{"es", "vamos a beber unas cervezas", "none"},

	// The third wave: Creole "ankò" (any more) ends what is not needed
	// (polarity.go): "we don't need food any more, it's tents we need"
	// was filed as food.
	{"ht", "nou pa bezwen manje ankò, se tant nou bezwen", "shelter"},
}

// audit4Cases are the other messages of the fourth audit, which the
// classifier got right or asked about with their need offered: they must
// stay so. Left out, as known confident wrong answers not fixed (see
// docs/sms.md): a price after the thing ("the rice price gone up again",
// "maji ya kunywa ni bei gani"), selling water ("I selling cold water by
// Waterside", "je vends de l'eau glacée"), forwarded rumours and
// announcements ("fwd: drinking salt water cures…", "reenvía: mañana
// cortan el agua"), names and places that are words ("Mr Flood", "a Luz
// vai ao mercado", "Rua da Luz", "barrio Agua Blanca", "Château d'eau"),
// "the whole West Point under water" (water supply, flood not offered),
// Creole "kouran an la" (the power is here), "j'ai une faim de loup";
// and of the second wave: happy news of a pregnancy or a birth and a
// death announced with its funeral (filed as medical in four to six
// languages: "pregnant", "enceinte", "mouri" are keywords), a meal
// praised ("we had a nice meal together", "la comida estuvo rica"), a
// price of water ("how much is water per jerrycan", also how residents
// complain of vendors), drinking water now ("je bois de l'eau"). The
// news, the funerals and the meals are no need since (news5_probe_test.go).
var audit4Cases = []auditCase{
	// English (Monrovia, Dhaka, feature phones)
	{"en", "my ma house fall down last night", "asked building_collapse"},
	{"en", "I going to Waterside market to buy slippers", "none"},
	{"en", "we hungry bad oh, no food in the house", "food"},
	{"en", "my pekin sick bad he hot all over", "asked medical"},
	{"en", "how da body my man", "none"},
	{"en", "I dey fine, the body strong", "none"},
	{"en", "the gutter full up the water can't pass", "asked blocked_drain"},
	{"en", "the toilet full up by our yard it smelling", "asked sanitation"},
	{"en", "fire burn the whole Rally Time market", "asked fire"},
	{"en", "one dead man lay down by the beach in New Kru Town", "asked human_remains"},
	{"en", "my small brother lost since Friday we can't find him", "missing_person"},
	{"en", "the road spoil, car can't pass to Gbarnga", "asked road_blocked"},
	{"en", "I working at Firestone now", "none"},
	{"en", "the pump spoil, no water to drink in Clara Town", "water_supply"},
	{"en", "the storm took the zinc from our house we sleeping outside", "asked shelter"},
	{"en", "please help us oh", "asked"},
	{"en", "my ma selling palm oil at Duala market", "none"},
	{"en", "Red Light market busy today", "none"},
	{"en", "the children them hungry, no rice no bread", "food"},
	{"en", "current situation is ok here thank God", "none"},
	{"en", "what is the current price of onion", "none"},
	{"en", "load shedding in Mirpur 10 since 6 hours pls see", "electricity"},
	{"en", "WASA water is dirty and smelling we cannot drink", "water_supply"},
	{"en", "Assalamualaikum sir, how are you", "none"},
	{"en", "Eid Mubarak to all the team", "none"},
	{"en", "fire in garments factory at Ashulia many ppl inside", "asked fire"},
	{"en", "my mother having chest pain pls send ambulance", "asked medical"},
	{"en", "my son has dengue fever need saline", "asked medical"},
	{"en", "our tin shed house broken in cyclone, no shelter", "shelter"},
	{"en", "sir pls help us we r in Korail bosti", "asked"},
	{"en", "is the fire service number 999 or 199", "none"},
	{"en", "bhai exam result kobe", "none"},
	{"en", "huge traffic jam at Farmgate today", "none"},
	{"en", "people stuck inside the collapsed building in Savar", "asked people_trapped"},
	{"en", "drain is jammed water overflowing on road", "asked blocked_drain"},
	{"en", "no supply water in our line for 3 days", "water_supply"},
	{"en", "can u tell me how to apply for relief card", "none"},
	{"en", "this song is fire lol", "none"},
	{"en", "my phone is dead will call later", "none"},
	{"en", "he got fired from the factory", "none"},
	{"en", "im drowning in work this week", "none"},
	{"en", "no food and no water", "food"},
	{"en", "my neighbour was robbed at knife point", "asked security"},
	{"en", "the old woman next door has nothing to eat", "asked food"},
	{"en", "my neighbour's baby is very sick", "asked medical"},
	{"en", "we dont need food we need water", "water_supply"},
	{"en", "what is happening in our area nobody come to help", "asked"},
	{"en", "when is the next distribution meeting", "none"},
	{"en", "when will the water truck come to our area", "asked aid_distribution|water_supply"},
	{"en", "how much is one bag of cement", "none"},
	{"en", "FORWARD TO 10 PEOPLE: they will cut all phone lines tonight", "none"},
	{"en", "need doctor urgently for my wife", "medical"},
	{"en", "electric pole fell in front of our house", "asked electricity"},
	{"en", "lights off, going to sleep, good night", "none"},
	{"en", "my landlord is asking for rent", "none"},
	{"en", "we are suffering here", "asked"},
	// French (West and Central Africa, Haiti)
	{"fr", "délestage depuis 3 jours à Yopougon, on est dans le noir", "electricity"},
	{"fr", "la SODECI a coupé l'eau depuis lundi", "water_supply"},
	{"fr", "la CIE a coupé le courant dans tout le quartier", "electricity"},
	{"fr", "des bandits nous ont braqués hier soir à Abobo", "asked security"},
	{"fr", "mon enfant est porté disparu depuis jeudi", "missing_person"},
	{"fr", "le caniveau a débordé devant la maison", "asked blocked_drain"},
	{"fr", "les ordures sont là depuis deux semaines ça pue", "asked solid_waste"},
	{"fr", "feu de brousse derrière le village", "asked fire"},
	{"fr", "je suis au courant merci", "none"},
	{"fr", "il y a le choléra dans le quartier", "medical"},
	{"fr", "les enfants ont la rougeole il faut des médicaments", "medical"},
	{"fr", "bonne fête de Tabaski à tous", "none"},
	{"fr", "le maire a dit quoi à la réunion?", "none"},
	{"fr", "ça va le frère? on se voit demain", "none"},
	{"fr", "combien coûte le sac de riz maintenant?", "none"},
	{"fr", "la pluie a cessé, tout le monde va bien", "none"},
	{"fr", "on a reçu les vivres merci beaucoup", "none"},
	{"fr", "il y a des gens coincés dans la maison effondrée", "asked people_trapped"},
	{"fr", "l'immeuble s'est effondré à Matadi", "asked building_collapse"},
	{"fr", "un glissement de terrain a emporté trois maisons à Bukavu", "asked landslide"},
	{"fr", "on n'a rien à manger ni à boire", "food|water_supply"},
	{"fr", "on a vu un cadavre au bord du fleuve", "asked human_remains"},
	{"fr", "les latrines débordent dans le camp", "asked sanitation"},
	{"fr", "quand est-ce qu'on distribue les kits?", "asked aid_distribution"},
	{"fr", "est-ce que l'hôpital est ouvert la nuit?", "asked service_available"},
	{"fr", "le feu rouge ne marche pas au carrefour", "none"},
	{"fr", "mon ami Dieudonné m'a appelé", "none"},
	{"fr", "ma voisine a accouché mais elle saigne beaucoup", "asked medical"},
	{"fr", "aidez nous svp on souffre", "asked"},
	{"fr", "pas d'eau pas de courant", "water_supply"},
	// Haitian Creole, in its several spellings
	{"ht", "dlo DINEPA pa vini depi 1 semen", "water_supply"},
	{"ht", "EDH koupe kouran nan tout katye a", "electricity"},
	{"ht", "kay la fann tout, li pral tonbe", "asked building_collapse"},
	{"ht", "yon kay tonbe sou moun nan Kafou", "asked people_trapped|building_collapse"},
	{"ht", "lavalas pote tout bagay nou yo", "flood"},
	{"ht", "rivyè a debòde li antre nan kay yo", "flood"},
	{"ht", "tout lari a plen fatra", "asked solid_waste"},
	{"ht", "yo kidnape frè m yè", "asked security"},
	{"ht", "gang yo ap tire nan Matisan", "security"},
	{"ht", "m pa jwenn frè m depi lendi", "missing_person"},
	{"ht", "gen moun mouri nan lari a yo pa ranmase", "asked human_remains"},
	{"ht", "mèsi pou manje a, Bondye beni nou", "none"},
	{"ht", "konbyen pri sak diri a?", "none"},
	{"ht", "bon fèt manman", "none"},
	{"ht", "ki lè l ye?", "none"},
	{"ht", "m renmen w cheri", "none"},
	{"ht", "m ale Kanape Ve", "none"},
	{"ht", "nou pa gn manje", "food"},
	{"ht", "nou bzwen manje tanpri", "food"},
	{"ht", "nou pa gen dlo pou n bwè ni pou n benyen", "water_supply"},
	{"ht", "timoun yo grangou yo pa manje depi yè", "food"},
	{"ht", "madanm mwen ap akouche fòk li al lopital", "medical"},
	{"ht", "granmoun nan tonbe, li pa ka leve", "asked"},
	{"ht", "dlo a vini kounye a mèsi", "none"},
	{"ht", "nou pa gen kay, nou bezwen tant", "shelter"},
	{"ht", "dife pran nan mache Kwabosal", "asked fire"},
	{"ht", "latrin yo plen nan kan an", "asked sanitation"},
	{"ht", "eske yo ap bay kat pou moun ki sinistre yo?", "none"},
	{"ht", "souple ede nou nou nan traka", "asked"},
	{"ht", "bonjou tout moun", "none"},
	{"ht", "fòk nou fè yon reyinyon", "none"},
	{"ht", "nou bezoin dlo potab", "water_supply"},
	{"ht", "bandi yo pran telefòn mwen", "asked security"},
	{"ht", "gen yon rimè ki di tranbleman ap vini jodi a, pataje", "none"},
	{"ht", "mwen pa gen anyen pou timoun yo manje", "food"},
	{"ht", "pon an tonbe nou pa ka pase", "asked road_blocked"},
	{"ht", "m pa bezwen dlo, nou gen dlo", "none"},
	// Swahili and Sheng (Dar es Salaam, Nairobi)
	{"sw", "TANESCO wamekata umeme tangu jana", "electricity"},
	{"sw", "DAWASA maji hayatoki wiki nzima", "water_supply"},
	{"sw", "Jangwani imefurika nyumba zimejaa maji", "flood"},
	{"sw", "kibaka ameiba simu yangu Kariakoo", "asked security"},
	{"sw", "panya road wamevamia mtaa wetu usiku", "asked security"},
	{"sw", "kipindupindu kimeingia Buguruni", "medical"},
	{"sw", "mambo vipi, poa", "none"},
	{"sw", "niaje msee", "none"},
	{"sw", "shikamoo mama", "none"},
	{"sw", "bei ya sukari imepanda", "none"},
	{"sw", "nimefika Moshi salama", "none"},
	{"sw", "hii ngoma ni moto sana", "none"},
	{"sw", "tuko Mto wa Mbu leo", "none"},
	{"sw", "nenda Majimaji stadium kesho", "none"},
	{"sw", "wakora wameiba kuku zetu", "asked security"},
	{"sw", "mathe amegonjeka sana anahitaji daktari", "medical"},
	{"sw", "moto umeshika soko la Gikomba", "asked fire"},
	{"sw", "tumeshikwa na mafuriko Mathare", "flood"},
	{"sw", "tuna shida ya maji Kibera", "water_supply"},
	{"sw", "tunadai msaada jamani", "asked"},
	{"sw", "hali ni mbaya huku", "asked"},
	{"sw", "choo imejaa watoto wanaharisha", "sanitation"},
	// Water entering the houses is a flood (filed; the blocked drains are among its needs).
	{"sw", "mitaro imeziba maji yanaingia nyumba", "flood"},
	{"sw", "takataka zimejaa mtaani", "solid_waste"},
	{"sw", "barabara haipitiki kwa sababu ya matope", "asked road_blocked"},
	{"sw", "mtoto wetu amepotea tangu jana", "missing_person"},
	{"sw", "kuna watu wamenaswa ndani ya nyumba", "asked people_trapped"},
	{"sw", "udongo umeporomoka juu ya nyumba Msimbazi", "asked landslide"},
	{"sw", "hatuna makazi tunalala kanisani", "shelter"},
	{"sw", "chakula kimeisha hatuna kitu", "food"},
	{"sw", "umeme umerudi sasa", "none"},
	{"sw", "je kliniki inafunguliwa saa ngapi?", "none"},
	{"sw", "tunahitaji chakula na maji ya kunywa", "food|water_supply"},
	{"sw", "sina shida, nilikuwa nakusalimia tu", "none"},
	{"sw", "mvua ikinyesha tutakuja", "none"},
	{"sw", "stima imeenda tangu asubuhi Kibera", "electricity"},
	{"sw", "Bwana Moto atakuja kesho", "none"},
	// Portuguese (Mozambique, Brazil)
	{"pt", "a EDM cortou a energia no bairro", "electricity"},
	{"pt", "o FIPAG não tem água desde sexta", "water_supply"},
	{"pt", "o ciclone destruiu a nossa casa, estamos sem tecto", "shelter"},
	{"pt", "há cólera no bairro, precisamos de medicamentos", "medical"},
	{"pt", "o meu filho desapareceu na cheia", "asked missing_person|flood"},
	{"pt", "a vala de drenagem está entupida", "asked blocked_drain"},
	{"pt", "lixo acumulado no contentor há uma semana", "asked solid_waste"},
	{"pt", "tá faltando água aqui no morro", "water_supply"},
	{"pt", "acabou a luz na comunidade toda", "electricity"},
	{"pt", "enchente na rua, a água entrou em casa", "flood"},
	{"pt", "os caras roubaram minha moto", "asked security"},
	{"pt", "o esgoto a céu aberto tá cheirando mal", "asked sanitation"},
	{"pt", "tudo joia, valeu mano", "none"},
	{"pt", "bom dia família", "none"},
	{"pt", "quanto custa o botijão de gás?", "none"},
	{"pt", "vamos ver os fogos de artifício", "none"},
	{"pt", "vou para o Rio de Janeiro amanhã", "none"},
	{"pt", "a água voltou, obrigada", "none"},
	{"pt", "as crianças estão com fome e não há comida", "food"},
	{"pt", "tem gente presa debaixo dos escombros", "people_trapped"},
	{"pt", "a casa do vizinho desabou", "asked building_collapse"},
	{"pt", "fogo na casa da Dona Maria", "asked fire"},
	{"pt", "encontraram um cadáver no valão", "asked human_remains"},
	{"pt", "quando vão distribuir a ajuda?", "asked aid_distribution"},
	{"pt", "o hospital está funcionando?", "asked service_available"},
	{"pt", "por favor nos ajudem", "asked"},
	{"pt", "a estrada está intransitável por causa da lama", "asked road_blocked"},
	{"pt", "não temos água nem para beber", "water_supply"},
	// Spanish (Latin American barrios)
	{"es", "se fue la luz en toda la colonia", "electricity"},
	{"es", "se metió el agua a la casa, todo está mojado", "flood"},
	{"es", "el río se desbordó en el barrio", "flood"},
	{"es", "hay un deslave en la colonia", "asked landslide"},
	{"es", "se derrumbó la casa del vecino", "asked building_collapse"},
	{"es", "quedaron atrapados dos niños en la casa", "asked people_trapped"},
	{"es", "me asaltaron en la parada del bus", "asked security"},
	{"es", "los rateros se llevaron mi cel", "asked security"},
	{"es", "mi hijo está desaparecido desde el lunes", "missing_person"},
	{"es", "hay un cadáver en el canal", "asked human_remains"},
	{"es", "el drenaje está tapado y sale agua", "asked blocked_drain"},
	{"es", "la coladera está tapada", "asked blocked_drain"},
	{"es", "no pasa el camión de la basura desde hace una semana", "asked solid_waste"},
	{"es", "qué onda carnal", "none"},
	{"es", "qué más pues, todo bien", "none"},
	{"es", "cuánto cuesta el kilo de tortilla?", "none"},
	{"es", "vamos a la fiesta el sábado", "none"},
	{"es", "la fiesta estuvo fuego", "none"},
	{"es", "me muero de risa contigo", "none"},
	{"es", "ya llegó el agua, gracias", "none"},
	{"es", "ya volvió la luz", "none"},
	{"es", "me muero de hambre, no hemos comido nada", "food"},
	{"es", "mi abuelita está enferma necesita medicinas", "medical"},
	{"es", "nos quedamos sin casa, estamos durmiendo en la escuela", "shelter"},
	{"es", "se está quemando el mercado", "asked fire"},
	{"es", "cuándo van a repartir las despensas?", "asked aid_distribution"},
	{"es", "el centro de salud atiende hoy?", "asked service_available|medical"},
	{"es", "ayúdennos por favor", "asked"},
	{"es", "no hay agua ni luz", "water_supply"},
	{"es", "el puente se cayó y no podemos pasar", "asked road_blocked"},
	{"es", "tenemos hambre y sed", "food"},

	// Near misses of the fixes: a flame called for, light that is off, a
	// death by hunger, knees that hurt beside a need for water, a receded
	// flood with a need after it, Luz with a need of her own.
	{"es", "mi hijo se llama Pedro y está perdido", "asked"},
	{"es", "llama a los bomberos que se quema la casa", "fire"},
	{"pt", "chama os bombeiros, a casa está a arder", "fire"},
	{"es", "hay llamas en la casa del vecino", "asked fire"},
	{"es", "no hay luz desde ayer en la colonia", "electricity"},
	{"pt", "tá sem luz aqui desde ontem", "electricity"},
	{"es", "estoy muerto de hambre", "food"},
	{"fr", "je suis mort de faim", "food"},
	{"en", "he is dead, shot by robbers", "medical|security"},
	{"en", "current off since 2 days in Sinkor", "electricity"},
	{"en", "the current situation is calm", "none"},
	{"en", "what is the current price of rice", "none"},
	{"en", "the power came back this morning", "none"},
	{"en", "we need water my knees hurt", "water_supply|medical"},
	{"fr", "j'ai besoin d'eau j'ai mal aux genoux", "water_supply|medical"},
	{"es", "necesito agua me duelen las rodillas", "water_supply"},
	{"ht", "m bezwen dlo jenou m fe m mal", "water_supply|medical"},
	{"sw", "naomba maji nina maumivu magotini", "water_supply|medical"},
	{"en", "the water is knee deep in our street", "flood"},
	{"en", "water up to our knees in the house", "flood"},
	{"en", "the water is waist deep", "flood"},
	{"fr", "l'eau nous arrive jusqu'aux genoux", "flood"},
	{"fr", "de l'eau jusqu'à la ceinture dans la maison", "flood"},
	{"es", "el agua nos llega hasta las rodillas", "flood"},
	{"pt", "estamos com água até os joelhos", "flood"},
	{"pt", "a água está pelos joelhos", "flood"},
	{"ht", "dlo a rive nan jenou nou", "flood"},
	{"sw", "maji yamefika magotini", "flood"},
	{"sw", "tuko kwa maji mpaka magotini", "flood"},
	{"en", "the flood done reach our house", "flood"},
	{"en", "the water done go down but we need food", "food"},
	{"sw", "tumepata maji lakini hatuna chakula", "food"},
	{"en", "stray bullet hit my son in Matadi", "security|medical"},
	{"en", "the rogues them broke my door last night", "security"},
	{"pt", "os bandidos atiraram, uma bala perdida matou o menino", "security"},
	{"en", "we need coconut water for the sick baby", "medical|water_supply"},
	{"en", "the water business is spoiled, the pump broke, no water", "water_supply"},
	{"ht", "ki kote yo distribye manje jodi a", "asked aid_distribution"},
	{"sw", "chakula kitagawiwa wapi?", "asked aid_distribution|food"},
	{"sw", "keja imebomoka", "asked building_collapse"},
	{"ht", "kannal yo plen fatra", "blocked_drain|solid_waste"},
	{"pt", "a conta de luz veio alta e cortaram a luz", "electricity"},
	{"pt", "não temos luz nem água", "water_supply|electricity"},
	{"es", "mi hija Luz está enferma", "medical"},
	{"pt", "Maria da Luz está doente", "medical"},

	// The second wave's messages that name no need, and near misses of
	// its other senses.
	{"en", "the rain is good for the crops", "none"},
	{"en", "when will school open", "none"},
	{"en", "my phone battery is low", "none"},
	{"en", "the road to success is hard lol", "none"},
	{"en", "can you give me the fire service number", "none"},
	{"en", "RIP my uncle died last week, funeral on saturday", "none"},
	{"sw", "hakuna matata", "none"},
	{"sw", "hakuna shida", "none"},
	{"sw", "nimekunywa chai asubuhi", "none"},
	{"sw", "tunakunywa chai na mandazi", "none"},
	{"sw", "hii ngoma ni moto", "none"},
	{"fr", "pas de problème", "none"},
	{"fr", "tu as du feu?", "none"},
	{"ht", "pa gen pwoblèm", "none"},
	{"pt", "não há problema", "none"},
	{"es", "no hay problema", "none"},
	{"es", "¿tienes fuego?", "none"},
	{"ht", "nou pa gen dlo pou n bwè kafe", "water_supply"},
	{"en", "no power bank no power since morning", "electricity"},
	{"sw", "hakuna dawa ya meno wala dawa ya malaria", "medical"},
	{"en", "he is sick, we need a doctor", "medical"},

	// The third wave: two or three needs, needs no longer needed, the
	// neighbours' needs, rumours asked about, emergency numbers.
	{"en", "we no get food, no water, the children them sick", "water_supply|food|medical"},
	{"en", "no current no water since the rain", "water_supply|electricity"},
	{"en", "my ma house fall down, she wound her foot", "medical|building_collapse"},
	{"ht", "nou pa gen manje ni dlo, timoun yo malad", "food|water_supply|medical"},
	{"ht", "kay la kraze, nou bezwen tant ak manje", "shelter|food|building_collapse"},
	{"sw", "hatuna maji wala umeme, watoto wanaumwa", "water_supply|electricity|medical"},
	{"sw", "nyumba imeanguka, tunahitaji mahema na chakula", "food|shelter|building_collapse"},
	{"es", "no tenemos agua ni comida y mi hijo tiene fiebre", "food|water_supply|medical"},
	{"pt", "não temos comida, nem água, e a casa caiu", "water_supply|food|building_collapse"},
	{"fr", "pas d'eau, pas de nourriture, et les enfants sont malades", "water_supply|food|medical"},
	{"en", "we don't need food again, we need tents", "shelter"},
	{"sw", "hatuhitaji chakula tena, tunahitaji mahema", "shelter"},
	{"es", "ya no necesitamos comida, necesitamos carpas", "shelter"},
	{"pt", "já não precisamos de comida, precisamos de tendas", "shelter"},
	{"fr", "on n'a plus besoin de nourriture, il nous faut des tentes", "shelter"},
	{"ht", "dife a etenn, nou dòmi deyò", "shelter"},
	{"ht", "nou pa gen manje ankò", "food"},
	{"ht", "nou pa jwenn manje ankò", "food"},
	{"en", "the neighbour's children have no food since two days", "food"},
	{"ht", "vwazen m nan pa gen manje pou pitit li yo", "food"},
	{"sw", "jirani yetu hana chakula na watoto wake wanalia", "food"},
	{"es", "la vecina no tiene qué darle de comer a sus hijos", "food"},
	{"pt", "a vizinha não tem comida para os filhos", "food"},
	{"fr", "la voisine n'a rien à donner à manger à ses enfants", "food"},
	{"en", "is it true there will be another earthquake tonight?", "none"},
	{"ht", "eske se vre gen yon lòt tranbleman ki pral fèt aswè a?", "none"},
	{"es", "es verdad que va a temblar otra vez?", "none"},
	{"en", "who do i call if someone is trapped", "none"},
	{"en", "what number do i call for an ambulance", "none"},
	{"ht", "ki nimewo pou m rele si gen dife", "none"},
	{"sw", "nambari ya zimamoto ni ipi", "none"},
	{"es", "cuál es el número de los bomberos", "none"},
}

// TestAudit4Fixed: the confidently wrong answers and misses of the fourth
// audit get their outcome now.
func TestAudit4Fixed(t *testing.T) {
	checkAuditCases(t, audit4Fixed)
}

// TestAudit4: the other messages of the fourth audit, and the near misses
// of its fixes, keep their outcome.
func TestAudit4(t *testing.T) {
	checkAuditCases(t, audit4Cases)
}

// TestAudit4NotMisread: the need a word of these messages once read, or
// could read through a fix of the audit, is not listed: "se llama" (is
// called) is no flame, Luz no light, a sore knee no water up to the
// knees, a shack ("barraco") no slope ("barranco", one letter away, is
// therefore no keyword).
func TestAudit4NotMisread(t *testing.T) {
	checkNotMisread(t, []misreading{
		{"es", "mi hijo se llama Pedro y está perdido", "fire"},
		{"pt", "como se chama o teu filho?", "fire"},
		{"es", "mi hija Luz está enferma", "electricity"},
		{"pt", "Maria da Luz está doente", "electricity"},
		{"es", "Luz María está aquí conmigo", "electricity"},
		{"en", "we need water my knees hurt", "flood"},
		{"fr", "j'ai besoin d'eau j'ai mal aux genoux", "flood"},
		{"es", "necesito agua me duelen las rodillas", "flood"},
		{"ht", "m bezwen dlo jenou m fe m mal", "flood"},
		{"sw", "naomba maji nina maumivu magotini", "flood"},
		{"en", "how can water enter the tank", "flood"},
		{"pt", "o barraco desabou com a chuva", "landslide"},
		{"en", "our area is waterlogged knee deep water in Mirpur", "water_supply"},
		{"fr", "on est dans l'eau jusqu'aux genoux à Gonzagueville", "water_supply"},
		{"en", "rain water enter the house all our things wet", "water_supply"},
		{"ht", "ki kote yo distribye manje jodi a", "food"},
		{"en", "i am dead tired after work", "medical"},
		{"es", "estoy muerto de cansancio", "medical"},
		{"pt", "estou morto de cansaço", "medical"},
	})
}

// TestAudit4Met: things received with thanks, services back "this
// morning" and a flood that "done go down" are read as met (polarity.go's
// word tables), not merely left unfiled.
func TestAudit4Met(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct{ lang, text, cat string }{
		{"sw", "tumepata chakula asanteni sana", "food"},
		{"sw", "umeme umerudi asanteni", "electricity"},
		{"pt", "já recebemos a cesta básica, obrigado", "food"},
		{"fr", "l'eau est revenue ce matin", "water_supply"},
		{"fr", "le courant est revenu ce soir", "electricity"},
		{"en", "the water came back this morning thanks", "water_supply"},
		{"en", "the flood done go down now", "flood"},
		// Water gone down ends a flood (KeywordMatcher.recededAs).
		{"en", "the water done go down but we need food", "flood"},
		{"ht", "nou pa bezwen manje anko", "food"},
	} {
		r := c.Classify(tt.text)
		if !slices.Contains(r.Met, tt.cat) || slices.Contains(needIDs(r), tt.cat) {
			t.Errorf("[%s] %q: met %v, needs %v; want %s met", tt.lang, tt.text, r.Met, r.Needs, tt.cat)
		}
	}
}
