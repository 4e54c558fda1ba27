package classify_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// auditCase is a message of the audit of issue 13 ("never a confident
// wrong answer; when unsure, ask") with what the classifier must do with
// it. want is one of:
//   - "water_supply" or "food|water_supply": filed without asking, as
//     (one of) the need(s) the message names;
//   - "asked fire" or "asked road_blocked|flood": asked, with one of
//     them among the needs or the menu's first three candidates, or filed
//     as one of them (never filed as another need, never refused);
//   - "asked": a request naming no need, asked (neither filed nor
//     refused);
//   - "none": a message with no need (greetings, thanks, chit-chat,
//     questions), never filed, whether refused or asked.
type auditCase struct {
	lang, text, want string
}

// auditCases are messages residents send, written for the audit from
// knowledge of how people text in these places (not from the
// development corpus, and none of the other probe files' messages):
// English as typed on feature phones (shorthand, no punctuation, capitals),
// Swahili and Sheng, French of West and Central Africa and Haiti, Haitian
// Creole in its several spellings, Portuguese of Mozambique and of
// Brazilian favelas, Spanish of Latin American barrios. They cover every
// category of the built-in taxonomy in every language, messages naming two
// or three needs, and messages naming none. Every message the audit found
// confidently wrong is here, with what it must get now: the last of them
// were a purchase, a meal or thanks named without a need ("je vais au
// marché acheter du pain", "m ap manje kounye a", "thx 4 the food
// yesterday": polarity.go) and a water bill or a meeting about water
// (other senses), at the end. Glued words ("WENEEDWATER PLS"), asked
// without their need offered by the audit, are read apart since
// (glued.go; more in glued_test.go).
var auditCases = []auditCase{
	// English, as typed on feature phones
	{"en", "pls hlp we nd wtr", "water_supply"},
	{"en", "WENEEDWATER PLS", "water_supply"},
	{"en", "PLS SEND FUD WE HAVE NOT EATEN 2 DAYS", "food"},
	{"en", "no wtr 4 3 days in kibera pls", "water_supply"},
	{"en", "my bby is sik wit fever pls hlp", "medical"},
	{"en", "HOUSE ON FIRE AT MATHARE NORTH", "asked fire"},
	{"en", "ppl r trapped under the bildin that fell", "asked people_trapped|building_collapse"},
	{"en", "we nd tents nd blankets asap", "shelter"},
	{"en", "flood in our area water in the houses pls help", "flood"},
	{"en", "hi how r u", "none"},
	{"en", "gud morning", "none"},
	{"en", "who is this", "none"},
	{"en", "how do i report a problem", "none"},
	{"en", "wer is the food distribution today", "asked aid_distribution"},
	{"en", "no power since morning the transformer blew", "electricity"},
	{"en", "the toilets are ful and stinking", "asked sanitation"},
	{"en", "drainage blocked water everywhere on our street", "blocked_drain|flood"},
	{"en", "garbage not collected 3 weeks now its smelling", "solid_waste|sanitation"},
	{"en", "big tree fell across the road nobody can pass", "asked road_blocked"},
	{"en", "thieves stole our goats last nite", "security"},
	{"en", "my son is missing since sunday he is 7yrs", "missing_person"},
	{"en", "dead body near the river pls come", "human_remains"},
	{"en", "is the clinic open today", "asked service_available|medical"},
	{"en", "we need food water and medicine for the children", "food|water_supply|medical"},
	{"en", "our house collapsed and my wife is injured", "building_collapse|medical"},
	{"en", "the landslide buried 3 houses", "asked landslide|people_trapped"},
	{"en", "mudslide on the hill pls send help", "landslide"},
	{"en", "FOOD", "food"},
	{"en", "WATER PLS", "water_supply"},
	{"en", "helpme", "asked"},
	{"en", "we r hungry nd thirsty", "food|water_supply"},
	{"en", "plz sm1 help us the water is rising fast", "flood"},
	{"en", "ok", "none"},
	{"en", "thank you very much", "none"},
	{"en", "i dont need anything now thanks", "none"},
	{"en", "electric wire fell on the road sparks everywhere", "electricity"},
	{"en", "my mum is very sick we need an ambulance", "medical"},
	{"en", "ther is a fire in the market!!!", "asked fire"},
	{"en", "the bridge is washed away we cant go to town", "asked road_blocked"},
	{"en", "gunshots all night ppl are scared", "security"},
	// Sleeping outside is a hedged shelter keyword (listed) since the
	// eighth trapped session: the collapse named as its time is asked.
	{"en", "we r sleeping outside after the house fell", "asked shelter|building_collapse"},
	{"en", "kids have diarrhea after drinking dirty water", "medical|water_supply"},
	{"en", "what time is the meeting", "none"},
	{"en", "my phone is lost", "none"},
	{"en", "can i get a job", "none"},
	{"en", "send airtime pls", "none"},
	{"en", "NO FOOD NO WATER PLS HELP", "food|water_supply"},
	{"en", "sewage pipe burst in our plot", "asked sanitation"},
	{"en", "baby not breathing pls help quick", "medical"},
	{"en", "the school roof fell in during the storm", "asked building_collapse"},
	{"en", "we lost everything in the floods", "flood|shelter"},
	{"en", "watching the football tonight", "none"},
	{"en", "pls call me", "none"},
	{"en", "we hv no food at home kids r crying", "food"},
	{"en", "my grandma fell and broke her hip", "medical"},
	{"en", "the borehole is broken we walk far for water", "water_supply"},
	{"en", "is there school tomorrow", "none"},
	{"en", "the market is open again", "none"},
	{"en", "my cousin wedding is on saturday", "none"},
	{"en", "pls we need maize flour and beans 4 the kids", "food"},
	{"en", "the tap at the standpipe is dry since monday", "water_supply"},
	{"en", "my husband was bitten by a snake", "asked medical"},
	{"en", "flood carried away our house n my son is injured", "medical|flood"},
	{"en", "KPLC pls the transformer is sparking", "electricity"},
	{"en", "some boys with pangas robbed us last nite", "asked security"},
	{"en", "we hv no place to sleep the rain destroyed our house", "shelter"},
	{"en", "god bless u all", "none"},
	{"en", "wrong number sorry", "none"},
	{"en", "NO FOOD 4 DAYS NOW", "food"},
	{"en", "our house was destroyed we hv nowhere to sleep", "shelter"},
	{"en", "SOMEONE IS BLEEDING BADLY SEND AMBULANCE", "medical"},
	{"en", "kids hungry pls send smthing to eat", "food"},
	{"en", "ok thanks bye", "none"},
	{"en", "we are safe the rain has stopped", "none"},
	{"en", "pls pray for us", "none"},
	{"en", "the bus to town is late", "none"},
	{"en", "can u send me the chiefs number", "none"},
	{"en", "the kids are back at school", "none"},
	{"en", "the church needs more chairs for sunday", "none"},

	// French (West and Central Africa, Haiti)
	{"fr", "slt svp ya pa d'eau depuis 3 jours a yopougon", "water_supply"},
	{"fr", "les enfants ont faim on a rien mangé depuis hier", "food"},
	{"fr", "ma mere est tres malade elle a besoin d'un docteur", "medical"},
	{"fr", "inondation a abobo les maisons sont dans l'eau", "flood"},
	{"fr", "le feu a brulé le marché de adjamé", "fire"},
	{"fr", "notre maison est tombée avec la pluie", "asked building_collapse"},
	{"fr", "il y a des gens sous les décombres venez vite", "asked people_trapped"},
	{"fr", "on dort dehors depuis l'inondation on n'a plus de maison", "shelter|flood"},
	{"fr", "merci beaucoup pour votre aide", "none"},
	{"fr", "bonsoir comment allez vous", "none"},
	{"fr", "c'est quoi ce numero", "none"},
	{"fr", "les ordures s'entassent devant le marché", "asked solid_waste"},
	{"fr", "le caniveau est plein d'ordures l'eau ne passe pas", "blocked_drain|solid_waste"},
	{"fr", "coupure de courant depuis ce matin dans tout le quartier", "electricity"},
	{"fr", "des bandits ont volé nos téléphones hier soir", "security"},
	{"fr", "mon petit frere a disparu depuis samedi", "missing_person"},
	{"fr", "il y a un corps dans le caniveau", "asked human_remains"},
	{"fr", "la route de Kinshasa est coupée par les eaux", "asked road_blocked|flood"},
	{"fr", "eboulement a Mont Ngaliema, des maisons ensevelies", "landslide|people_trapped"},
	{"fr", "on a besoin de nourriture, d'eau et de couvertures", "food|water_supply|shelter"},
	{"fr", "ou se trouve la distribution des vivres?", "asked aid_distribution"},
	{"fr", "le centre de sante de la commune est ouvert?", "asked service_available"}, // a question, read as one since the fifth audit (was filed as medical)
	{"fr", "les wc du camp sont bouchés depuis une semaine", "asked sanitation"},
	{"fr", "au secours svp on est en danger", "asked"},
	{"fr", "mon enfant a le palu et on n'a pas d'argent pour les medicaments", "medical"},
	{"fr", "je vous remercie, tout va bien maintenant", "none"},
	{"fr", "il fait chaud aujourd'hui", "none"},
	{"fr", "bonne année à toute l'équipe", "none"},
	{"fr", "le fils du voisin a été blessé par balle", "security|medical"},
	{"fr", "la maison brule venez vite", "asked fire"},
	{"fr", "nous sommes sinistrés, pas d'abri, pas à manger", "shelter|food"},
	{"fr", "il pleut beaucoup et l'eau monte dans la cour", "flood"},
	{"fr", "l'école est fermée?", "none"},
	{"fr", "il y a des moustiques partout, les enfants ont de la fièvre", "medical"},
	{"fr", "le pont de la rivière est tombé", "asked road_blocked"},
	{"fr", "vol de bétail dans le village", "security"},
	{"fr", "on a tres faim svp", "food"},
	{"fr", "pas de lumière dans le quartier depuis 2 jours", "electricity"},
	{"fr", "le toit de l'église s'est effondré pendant la messe", "asked building_collapse"},
	{"fr", "Bonjour, nous sommes à Carrefour, nous n'avons ni eau ni nourriture", "water_supply|food"},
	{"fr", "ok merci", "none"},
	{"fr", "à quelle heure ouvre le marché", "none"},
	{"fr", "on a besoin de riz et d'huile pour les enfants", "food"},
	{"fr", "le robinet ne coule plus depuis lundi", "water_supply"},
	{"fr", "mon mari a été mordu par un serpent", "asked medical"},
	{"fr", "les microbes ont agressé un jeune hier soir", "security"},
	{"fr", "félicitations pour le travail", "none"},
	{"fr", "la pluie a détruit notre maison, on n'a nulle part où dormir", "shelter"},
	{"fr", "qui est à l'appareil?", "none"},
	{"fr", "y a un blessé grave ici envoyez une ambulance svp", "asked medical"},
	{"fr", "on n'a plus rien a manger depuis 2 jours", "food"},
	{"fr", "la réunion est à 15h", "none"},
	{"fr", "mon fils a réussi son examen", "none"},
	{"fr", "il pleut depuis ce matin", "none"},

	// Swahili and Sheng (Nairobi, Dar es Salaam)
	{"sw", "maji imeingia kwa nyumba", "flood"},
	{"sw", "tunaomba msaada hakuna chakula", "food"},
	{"sw", "hakuna chakula watoto wanalia njaa", "food"},
	{"sw", "sasa msee, poa?", "none"},
	{"sw", "mambo vipi", "none"},
	{"sw", "asante sana kwa msaada", "none"},
	{"sw", "habari za asubuhi", "none"},
	{"sw", "stima imepotea tangu jana mtaani", "electricity"},
	{"sw", "kuna moto kwa plot yetu", "asked fire"},
	{"sw", "nyumba imeungua yote", "asked fire"},
	{"sw", "mtoto ana homa kali tunahitaji daktari", "medical"},
	{"sw", "mama ameumia mguu baada ya ukuta kuanguka", "medical|building_collapse"},
	{"sw", "watu wamekwama ndani ya jengo lililoanguka", "people_trapped|building_collapse"},
	{"sw", "maji ya bomba hayatoki siku tatu", "water_supply"},
	{"sw", "choo ya plot imejaa inanuka", "sanitation"},
	{"sw", "mtaro umeziba maji yamesimama barabarani", "blocked_drain"},
	{"sw", "taka hazijazolewa wiki mbili sasa", "solid_waste"},
	{"sw", "barabara imefungwa na mti ulioanguka", "road_blocked"},
	{"sw", "wezi wamevunja duka usiku", "security"},
	{"sw", "dada yangu hajarudi nyumbani tangu jumamosi", "missing_person"},
	{"sw", "kuna maiti mtoni", "asked human_remains"},
	{"sw", "wanagawa chakula wapi leo?", "aid_distribution"},
	{"sw", "zahanati iko wazi leo?", "service_available|medical"},
	{"sw", "mafuriko yamesomba nyumba zetu, tunalala nje", "flood|shelter"},
	{"sw", "tunahitaji chakula, maji na mahema", "food|water_supply|shelter"},
	{"sw", "maporomoko ya udongo yamefunika nyumba mbili", "landslide"},
	{"sw", "nyumba yetu ilianguka usiku", "asked building_collapse"},
	{"sw", "tuko sawa sasa asanteni", "none"},
	{"sw", "nimepoteza simu yangu", "none"},
	{"sw", "kuna mechi leo?", "none"},
	{"sw", "saidieni jamani tunazama", "asked people_trapped|flood"},
	{"sw", "watoto wanaharisha na kutapika", "medical"},
	{"sw", "hatuna pa kulala mvua imeharibu nyumba", "shelter"},
	{"sw", "kuna majambazi wanaiba usiku mtaa wetu", "security"},
	{"sw", "waya za stima zimeanguka karibu na shule", "electricity"},
	{"sw", "tunaomba msaada wa haraka", "asked"},
	{"sw", "niko na njaa sana", "food"},
	{"sw", "maji machafu yanatoka kwa bomba", "water_supply"},
	{"sw", "mama mjamzito anahitaji kwenda hospitali sasa hivi", "medical"},
	{"sw", "daraja la mto limesombwa na maji", "asked road_blocked"}, // the bridge, not a flood, since the fifth audit (was filed as a flood)
	{"sw", "hakuna maji mtaani tangu jumatatu", "water_supply"},
	{"sw", "shule zitafunguliwa lini", "none"},
	{"sw", "tunahitaji unga na maharagwe kwa watoto", "food"},
	{"sw", "bomba la maji limekauka tangu jumatatu", "water_supply"},
	{"sw", "mume wangu ameumwa na nyoka", "medical"},
	{"sw", "vijana wenye mapanga wametuibia usiku", "asked security"},
	{"sw", "hongera kwa kazi nzuri", "none"},
	{"sw", "mvua imeharibu nyumba yetu hatuna mahali pa kulala", "shelter"},
	{"sw", "tuna njaa sana tafadhali tusaidie", "food"},
	{"sw", "mgonjwa hawezi kupumua tunahitaji ambulensi", "medical"},
	{"sw", "nimekula tayari asante", "none"},
	{"sw", "mvua imenyesha leo", "none"},
	{"sw", "karibu chai", "none"},

	// Portuguese (Mozambique, Brazilian favelas)
	{"pt", "precisamos de comida urgente no bairro", "food"},
	{"pt", "a água entrou nas casas no bairro da Maxaquene", "flood"},
	{"pt", "não tem água na torneira há três dias", "water_supply"},
	{"pt", "minha filha está com febre alta", "medical"},
	{"pt", "tá pegando fogo no barraco do vizinho", "asked fire"},
	{"pt", "o barraco desabou com a chuva", "asked building_collapse"},
	{"pt", "tem gente soterrada no morro", "asked people_trapped|landslide"},
	{"pt", "deslizamento no morro da Providência", "landslide"},
	{"pt", "obrigado pela ajuda", "none"},
	{"pt", "bom dia, tudo bem?", "none"},
	{"pt", "oi", "none"},
	{"pt", "quem é?", "none"},
	{"pt", "o esgoto tá correndo a céu aberto na rua", "asked sanitation"},
	{"pt", "bueiro entupido, a rua alagou", "blocked_drain|flood"},
	{"pt", "o lixo não é recolhido há duas semanas", "asked solid_waste"},
	{"pt", "estamos sem luz desde ontem", "electricity"},
	{"pt", "tiroteio na comunidade agora", "security"},
	{"pt", "meu irmão sumiu desde sábado", "asked missing_person"},
	{"pt", "tem um corpo no rio", "asked human_remains"},
	{"pt", "onde é a distribuição de cestas básicas?", "asked aid_distribution"},
	{"pt", "o posto de saúde está aberto hoje?", "asked service_available|medical"},
	{"pt", "perdemos a casa na cheia, estamos a dormir na escola", "asked shelter|flood"},
	{"pt", "precisamos de água, comida e remédios", "water_supply|food|medical"},
	{"pt", "a estrada para Chókwè está cortada", "asked road_blocked"},
	{"pt", "caiu uma árvore na estrada", "asked road_blocked"},
	{"pt", "a ponte foi levada pela água", "asked road_blocked|flood"},
	{"pt", "o meu filho foi mordido por um cão", "medical"},
	{"pt", "estamos com fome, as crianças choram", "food"},
	{"pt", "vamos jogar bola amanhã", "none"},
	{"pt", "parabéns pelo trabalho", "none"},
	{"pt", "a fossa transbordou e cheira mal", "sanitation"},
	{"pt", "roubaram o celular da minha mãe", "security"},
	{"pt", "a parede da casa caiu em cima do meu pai, ele está ferido", "asked building_collapse|medical"},
	{"pt", "socorro, a água está subindo", "flood"},
	{"pt", "tem fio de luz caído na rua", "asked electricity"},
	{"pt", "a minha mulher está em trabalho de parto", "medical"},
	{"pt", "não temos onde dormir", "shelter"},
	{"pt", "crianças com diarreia e vómitos no centro", "medical"},
	{"pt", "falta água no bairro todo", "water_supply"},
	{"pt", "estou bem, obrigado", "none"},
	{"pt", "a polícia chegou, já está tudo calmo", "none"},
	{"pt", "a que horas abre o mercado", "none"},
	{"pt", "precisamos de farinha e feijão para as crianças", "food"},
	{"pt", "a torneira secou desde segunda", "water_supply"},
	{"pt", "o meu marido foi mordido por uma cobra", "medical"},
	{"pt", "uns bandidos assaltaram a machamba ontem", "security"},
	{"pt", "a chuva destruiu a nossa casa, não temos onde ficar", "shelter"},
	{"pt", "número errado desculpa", "none"},
	{"pt", "alguém nos ajude por favor", "asked"},
	{"pt", "socorro estamos sem comida e sem água", "food|water_supply"},
	{"pt", "tem um ferido grave precisamos de ambulância", "medical"},
	{"pt", "não temos nada para comer", "food"},
	{"pt", "a escola reabriu ontem", "none"},
	{"pt", "está a chover muito hoje", "none"},
	{"pt", "o jogo foi bom", "none"},

	// Spanish (Latin American barrios)
	{"es", "necesitamos agua potable en el barrio", "water_supply"},
	{"es", "no hay comida para los niños", "food"},
	{"es", "mi mamá está muy enferma", "medical"},
	{"es", "se inundó todo el barrio", "flood"},
	{"es", "se está quemando una casa en la cuadra", "asked fire"},
	{"es", "se cayó la casa de mi tía por la lluvia", "asked building_collapse"},
	{"es", "hay gente atrapada debajo de la casa", "people_trapped"},
	{"es", "se vino el cerro encima de las casas", "asked landslide"},
	{"es", "gracias por todo", "none"},
	{"es", "hola buenas tardes", "none"},
	{"es", "quién habla?", "none"},
	{"es", "las aguas negras se están saliendo en la calle", "asked sanitation"},
	{"es", "la alcantarilla está tapada y se inunda la calle", "asked blocked_drain|flood"},
	{"es", "la basura no la recogen hace 15 días", "asked solid_waste"},
	{"es", "llevamos 2 días sin luz", "electricity"},
	{"es", "balacera en la esquina ahorita", "security"},
	{"es", "mi hijo no ha llegado a la casa desde ayer", "missing_person"},
	{"es", "hay un muerto en la quebrada", "asked human_remains"},
	{"es", "dónde están repartiendo mercados?", "asked aid_distribution"},
	{"es", "está abierto el centro de salud?", "service_available|medical"},
	{"es", "perdimos la casa en la inundación, dormimos donde la vecina", "asked shelter|flood"},
	{"es", "necesitamos agua, comida y cobijas", "water_supply|food|shelter"},
	{"es", "la carretera está tapada por un derrumbe", "asked road_blocked|landslide"},
	{"es", "se cayó un árbol y tapó la calle", "road_blocked"},
	{"es", "el puente se lo llevó el río", "asked road_blocked|flood"},
	{"es", "mi niño tiene diarrea y vómito", "medical"},
	{"es", "tenemos hambre", "food"},
	{"es", "vamos a ver el partido", "none"},
	{"es", "feliz navidad", "none"},
	{"es", "el baño está lleno y huele horrible", "sanitation"},
	{"es", "me robaron el celular en el bus", "security"},
	{"es", "mi esposa va a dar a luz y no hay ambulancia", "medical"},
	{"es", "no tenemos dónde dormir", "shelter"},
	{"es", "ayuda por favor el agua está subiendo", "asked flood"},
	{"es", "hay un cable caído y echando chispas", "electricity"},
	{"es", "todo bien por aquí, gracias", "none"},
	{"es", "necesito ayuda", "asked"},
	{"es", "los pandilleros cobran vacuna a los negocios", "security"},
	{"es", "la quebrada se creció y se llevó las casas", "flood"},
	{"es", "hay mucha gente sin techo después del temblor", "shelter"},
	{"es", "el agua sale sucia de la llave", "water_supply"},
	{"es", "a qué hora abre la tienda", "none"},
	{"es", "necesitamos arroz y frijoles para los niños", "food"},
	{"es", "la llave del agua no da nada desde el lunes", "water_supply"},
	{"es", "a mi esposo lo mordió una culebra", "asked medical"},
	{"es", "unos manes armados nos robaron anoche", "security"},
	{"es", "la lluvia tumbó nuestra casa, no tenemos donde quedarnos", "shelter"},
	{"es", "número equivocado disculpe", "none"},
	{"es", "no tenemos nada que comer", "food"},
	{"es", "hay un herido grave necesitamos ambulancia", "medical"},
	{"es", "la escuela reabrió ayer", "none"},
	{"es", "está lloviendo duro", "none"},
	{"es", "mi hija cumple años hoy", "none"},

	// Haitian Creole, in its several spellings
	{"ht", "nou bezwen dlo pou n bwe", "water_supply"},
	{"ht", "nou grangou anpil, nou pa manje depi 2 jou", "food"},
	{"ht", "pitit mwen malad li gen lafyev", "medical"},
	{"ht", "dlo a antre nan tout kay yo", "flood"},
	{"ht", "kay la pran dife, vin ede nou", "asked fire"},
	{"ht", "lekol la kraze ak timoun yo anndan", "asked building_collapse|people_trapped"},
	{"ht", "gen moun anba dekonb yo toujou", "asked people_trapped"},
	{"ht", "labou desann sou lakay nou", "landslide"},
	{"ht", "mesi anpil pou sa nou fe", "none"},
	{"ht", "bonswa, sak pase?", "none"},
	{"ht", "ki moun ki la?", "none"},
	{"ht", "twalet yo plen, sa ap santi", "sanitation"},
	{"ht", "kanal la bouche, dlo a pa ka pase", "blocked_drain"},
	{"ht", "fatra yo pa ranmase depi 2 semen", "solid_waste"},
	{"ht", "nou pa gen kouran depi twa jou", "electricity"},
	{"ht", "bandi yo ap tire nan zon nan", "security"},
	{"ht", "mwen pa jwenn pitit fi m depi tranbleman an", "missing_person"},
	{"ht", "gen kadav ki rete nan lari a", "asked human_remains"},
	{"ht", "ki kote yap bay manje a?", "asked aid_distribution"},
	{"ht", "eske lopital la ouvè jodi a?", "asked service_available|medical"},
	{"ht", "kay nou kraze, nou dòmi deyò", "building_collapse|shelter"},
	{"ht", "nou bezwen manje, dlo ak tant", "food|water_supply|shelter"},
	{"ht", "wout la bloke ak wòch", "asked road_blocked"},
	{"ht", "larivyè a pote pon an ale", "asked road_blocked"},
	{"ht", "timoun yo gen dyare", "medical"},
	{"ht", "mwen bezwen yon doktè pou manman m", "asked medical"},
	{"ht", "m ap gade match la", "none"},
	{"ht", "bòn ane", "none"},
	{"ht", "m pa bezwen anyen, mèsi", "none"},
	{"ht", "nou pa gen kote pou n dòmi", "shelter"},
	{"ht", "fanm ansent lan ap soufri, fò l al lopital", "medical"},
	{"ht", "dlo sal ap soti nan tiyo a", "water_supply"},
	{"ht", "nou bezwen sekou tanpri", "asked"},
	{"ht", "zenglendo vòlè bèt mwen", "security"},
	{"ht", "lapli a fè dlo monte nan katye a", "flood"},
	{"ht", "gen yon fil kouran ki tonbe sou kay la", "asked electricity"},
	{"ht", "mwen grangou", "food"},
	{"ht", "nou soufri anpil isit la", "asked"},
	{"ht", "bondye beni nou, tout bagay anfòm", "none"},
	{"ht", "tanpri voye manje ak dlo pou nou", "food|water_supply"},
	{"ht", "nou pagen manje pagen dlo", "food|water_supply"},
	{"ht", "nou bezoin dlo ak manger", "food|water_supply"},
	{"ht", "Mwen malad, m bezwen medikaman", "medical"},
	{"ht", "kay la tonbe sou manman m, li blese", "asked building_collapse|medical"},
	{"ht", "nou bezwen tant ak prela", "shelter"},
	{"ht", "yo vole tout bagay nou", "asked security"},
	{"ht", "mwen bezwen tant paske kay mwen kraze", "shelter|building_collapse"},
	{"ht", "a ki lè mache a ouvè", "none"},
	{"ht", "nou bezwen diri ak pwa pou timoun yo", "food"},
	{"ht", "tiyo a sèk depi lendi", "water_supply"},
	{"ht", "yon koulèv mòde pitit mwen", "asked medical"},
	{"ht", "zenglendo atake nou yè swa", "security"},
	{"ht", "lapli a kraze kay nou, nou pa gen kote pou nou dòmi", "shelter"},
	{"ht", "move nimewo padon", "none"},
	{"ht", "nou la, n ap boule", "none"},
	{"ht", "kijan fanmi an ye", "none"},
	{"ht", "nou pa gin manje depi yè", "food"},
	{"ht", "nou pa gin dlo pou nou bwè", "water_supply"},
	{"ht", "nou bézoin mangé souple", "food"},
	{"ht", "gin moun blese anpil isit la", "medical"},
	{"ht", "nou bezwen tant paske nou ap dòmi deyò", "shelter"},
	{"ht", "pitit mwen gen djare ak lafyèv", "medical"},
	{"ht", "mezanmi nou grangou tanpri", "food"},
	{"ht", "gen moun ki bloke anba kay la tanpri vin sove yo", "people_trapped"},
	{"ht", "m pral nan mache achte diri", "none"},
	{"ht", "lekol la rouvri", "none"},
	{"ht", "lapli ap tonbe", "none"},
	{"ht", "nou tout byen, mèsi Bondye", "none"},

	// Filed as a need when the audit was written, named without one:
	// prices, a meal, a service back (the needs met of polarity.go).
	{"en", "the price of maize went up", "none"},
	{"fr", "le prix du riz a augmenté", "none"},
	{"sw", "bei ya unga imepanda sana", "none"},
	{"pt", "o preço do arroz subiu muito", "none"},
	{"es", "el precio de la leche subió", "none"},
	{"ht", "pri diri a monte anpil", "none"},
	{"en", "im going to buy bread at the shop", "none"},
	{"fr", "on a mangé ensemble hier soir", "none"},
	{"en", "power is back now thank u", "none"},
	{"fr", "le courant est revenu merci", "none"},
	{"sw", "umeme umerudi asante", "none"},
	{"pt", "a luz voltou obrigado", "none"},
	{"es", "ya volvió la luz gracias", "none"},
	{"ht", "kouran an tounen mèsi", "none"},

	// A purchase, a meal, shorthand thanks and a water bill or a meeting
	// about water, named without a need (polarity.go's purchases,
	// consumes and thanks; the other senses of water supply). All but the
	// meals in English, Swahili, Spanish, French and Portuguese and the
	// last were filed as a need when the audit was written. Thanks for
	// food promised and never received is still a request for food: it
	// was asked, its food read as thanked for.
	{"fr", "je vais au marché acheter du pain", "none"},
	{"pt", "vou ao mercado comprar pão", "none"},
	{"sw", "tunakwenda sokoni kununua unga", "none"},
	{"es", "voy a la tienda a comprar leche", "none"},
	{"en", "how much is a bag of rice", "none"},
	{"ht", "m ap manje kounye a", "none"},
	{"en", "we are eating now", "none"},
	{"sw", "tunakula sasa", "none"},
	{"es", "estamos comiendo", "none"},
	{"fr", "on mange maintenant", "none"},
	{"pt", "estamos comendo", "none"},
	{"en", "thx 4 the food yesterday god bless", "none"},
	{"en", "the water bill is too high this month", "none"},
	{"en", "we had a meeting about the water project", "none"},
	{"en", "thank you for the food you promised, we never got it", "food"},

	// Found by the conversation audit (cmd/mtaa TestResidentConversationsE2E):
	// refused, or a need not read.
	{"es", "ayuda por favor", "asked"},
	{"pt", "ajuda por favor", "asked"},
	{"sw", "msaada tafadhali", "asked"},
	{"ht", "sekou souple", "asked"},
	{"en", "my child is lost", "missing_person"},
	{"en", "my son got lost in the market", "missing_person"},
}

// TestAudit: every audit message gets its expected outcome (see
// auditCase): the needs a message names are filed or offered, a request
// is never refused, and a message naming no need is never filed.
func TestAudit(t *testing.T) {
	checkAuditCases(t, auditCases)
}

// checkAuditCases fails t for each of cases that the built-in classifier
// does not do as its want says (see auditCase).
func checkAuditCases(t *testing.T, cases []auditCase) {
	t.Helper()
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range cases {
		r := c.Classify(tt.text)
		cat, filed := r.Main()
		asked, list, _ := strings.Cut(tt.want, " ")
		var cats []string
		if list != "" {
			cats = strings.Split(list, "|")
		}
		switch {
		case tt.want == "none":
			if filed {
				t.Errorf("[%s] %q (no need) filed as %s (needs %v)", tt.lang, tt.text, cat, r.Needs)
			}
		case asked != "asked":
			if want := strings.Split(tt.want, "|"); !filed || !slices.Contains(want, cat) {
				t.Errorf("[%s] %q: Main() = %s, %v; want filed as %s (needs %v)", tt.lang, tt.text, cat, filed, tt.want, r.Needs)
			}
		case filed && !slices.Contains(cats, cat):
			t.Errorf("[%s] %q filed as %s; want asked (needs %v)", tt.lang, tt.text, cat, r.Needs)
		case r.Refuse():
			t.Errorf("[%s] %q refused (relevance %.2f); want asked", tt.lang, tt.text, r.Relevance)
		case !filed && len(cats) > 0 && !offered(r, cats):
			t.Errorf("[%s] %q asked without %v among needs %v or candidates %v", tt.lang, tt.text, cats, r.Needs, r.Candidates(3))
		}
	}
}

// offered reports whether one of cats is among r's needs or the menu's
// first three candidates.
func offered(r classify.Result, cats []string) bool {
	for _, n := range r.Candidates(3) {
		if slices.Contains(cats, n.Category) {
			return true
		}
	}
	for _, id := range needIDs(r) {
		if slices.Contains(cats, id) {
			return true
		}
	}
	return false
}

// TestAuditNotMisread: audit messages that a word of another need misread
// before the keywords added with the audit (water in a blocked drain and a
// flood, extortion's "vacuna", a dead man read as medical, food at a
// distribution) do not list that need.
func TestAuditNotMisread(t *testing.T) {
	checkNotMisread(t, []misreading{
		{"fr", "le caniveau est plein d'ordures l'eau ne passe pas", "water_supply"},
		{"sw", "maji imeingia kwa nyumba", "water_supply"},
		{"sw", "daraja la mto limesombwa na maji", "water_supply"},
		{"es", "hay un muerto en la quebrada", "medical"},
		{"es", "los pandilleros cobran vacuna a los negocios", "medical"},
		{"ht", "ki kote yap bay manje a?", "food"},
	})
}
