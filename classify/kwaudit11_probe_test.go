package classify_test

import "testing"

// kwaudit11Fixed are messages of the eleventh keyword audit that name a
// phrase keyword of a category only the keywords read (road blocked,
// blocked drain, solid waste, sanitation) in another sense or in no
// report: a metaphor ("the road to success is blocked", "njia ya maisha
// imefungwa", "wout lavi a bloke"), an exam ("hatuwezi kupita mtihani"),
// a smell said of a deal or of politics ("ça pue la corruption", "essa
// história cheira mal"), a thing's name or a chore ("vou à casa de
// banho", "we are digging a new pit latrine this weekend", "compré
// bolsas de basura", "kesho ni siku ya kuzoa taka"), a condition ("si la
// route est bloquée demain"), what someone said ("the driver said the
// road to Nakuru is blocked"), a collapse rebuilt since. Written for the
// audit from knowledge of how residents and ordinary people text in the
// six languages, not from the development corpus. Every one was filed at
// lead 2f05973 (most by Rule.FileKeywordPhrase, nine by the
// keyword-first form) and is asked, or names no need, now: each
// language's everyday, naming, openers, hearsay and cleared in
// polarity.go, other senses in data/taxonomy.json.
var kwaudit11Fixed = []auditCase{
	// Filed at base (lead 2f05973), asked or not read now.
	{"en", "the road to success is blocked by laziness", "none"},
	{"en", "my road to success is blocked, pray for me my brother", "none"},
	{"en", "every road is blocked for me this year, Lord open the way", "none"},
	{"en", "my path is blocked by enemies, pastor please pray for me", "none"},
	{"en", "pastor said the road to your blessing is blocked by unforgiveness", "none"},
	{"en", "the bridge collapsed in the movie last night, what a scene", "none"},
	{"en", "the street is blocked for my cousin's wedding, come through the back", "none"},
	{"en", "a tree fell in our compound, we will use it for firewood", "none"},
	{"en", "our family tree fell apart after grandpa died", "none"},
	{"en", "thank you for the garbage collection this morning, the estate is clean", "none"},
	{"en", "the county has banned dumping garbage in the river, good move", "none"},
	{"en", "something smells bad about this deal, be careful", "none"},
	{"en", "the politics in this country smells bad", "none"},
	{"en", "my feet smells bad after football lol", "none"},
	{"en", "the fish at the market smells bad today, I did not buy", "none"},
	{"en", "we are digging a new pit latrine this weekend, come help us", "none"},
	{"en", "we built a new pit latrine with the NGO, thank you", "none"},
	{"en", "the open defecation free ceremony is tomorrow at the village", "none"},
	{"en", "our defence is like a blocked drain, nothing passes lol", "none"},
	{"en", "if the road is blocked tomorrow we will postpone the meeting", "none"},
	{"en", "the driver said the road to Nakuru is blocked, we will take another route", "none"},
	{"fr", "la route du succès est bloquée par la paresse", "none"},
	{"fr", "on ne peut plus passer le bac sans payer dans ce pays", "none"},
	{"fr", "le pont est tombé en 2010 pendant le séisme, il a été reconstruit depuis", "none"},
	{"fr", "la rue est barrée pour le mariage de mon cousin, passez par derrière", "none"},
	{"fr", "si la route est bloquée demain on reporte la réunion", "none"},
	{"fr", "le chauffeur dit que la route est bloquée, on passe par Thiès", "none"},
	{"fr", "samedi nous allons ramasser les ordures du quartier, journée de salubrité, venez nombreux", "none"},
	{"fr", "journée de set setal samedi: on va curer les caniveaux bouchés ensemble", "none"},
	{"fr", "mon ex est un tas d'ordures", "none"},
	{"fr", "il y a une mauvaise odeur dans cette affaire, méfie toi", "none"},
	{"fr", "arbre tombé dans la cour de mon oncle, on va faire du bois de chauffe", "none"},
	{"sw", "njia ya maisha imefungwa, naomba maombi", "none"},
	{"sw", "njia ya mafanikio imefungwa kwa sababu ya uvivu", "none"},
	{"sw", "barabara ya mafanikio imefungwa kwa maskini", "none"},
	{"sw", "hatuwezi kupita mtihani bila kusoma", "none"},
	{"sw", "mti umeanguka shambani kwa babu, tutaukata kuni", "none"},
	{"sw", "kama barabara imefungwa kesho tutaahirisha mkutano", "none"},
	{"sw", "dereva anasema barabara imefungwa, tutapita njia nyingine", "none"},
	{"sw", "kesho ni siku ya kuzoa taka, wote mjitokeze", "none"},
	{"sw", "siasa za nchi hii zina harufu mbaya", "none"},
	{"sw", "tunachimba choo cha shimo wikendi hii, njooni mtusaidie", "none"},
	{"pt", "não dá para passar de ano sem estudar", "none"},
	{"pt", "a ponte caiu em 2015 e já foi reconstruída", "none"},
	{"pt", "a ponte caiu na novela ontem, que cena", "none"},
	{"pt", "se a estrada estiver bloqueada amanhã adiamos a reunião", "none"},
	{"pt", "o motorista disse que a estrada está cortada, vamos por outro caminho", "none"},
	{"pt", "esse filme é um monte de lixo", "none"},
	{"pt", "esse governo é um monte de lixo", "none"},
	{"pt", "a recolha de lixo passa às terças e sextas", "none"},
	{"pt", "sábado vamos limpar o bairro, recolha de lixo com os vizinhos, venham", "none"},
	{"pt", "vou à casa de banho, já volto", "none"},
	{"pt", "essa história cheira mal, não confio nele", "none"},
	{"pt", "esse negócio cheira mal, cuidado", "none"},
	{"pt", "o cão tem de fazer as necessidades, vou passear com ele", "none"},
	{"pt", "limpeza de fossa séptica, ligue 84 123 4567, preço bom", "none"},
	{"pt", "a árvore caiu no quintal do meu tio, vamos fazer lenha", "none"},
	{"es", "no podemos pasar el examen sin estudiar", "none"},
	{"es", "no se puede pasar la vida quejándose", "none"},
	{"es", "el puente se cayó en el terremoto del 2016, ya lo reconstruyeron", "none"},
	{"es", "se cayó el puente en la telenovela, qué drama", "none"},
	{"es", "si la calle está bloqueada mañana, cancelamos la reunión", "none"},
	{"es", "el chofer dice que la carretera está bloqueada, vamos por otro lado", "none"},
	{"es", "compré bolsas de basura en la tienda", "none"},
	{"es", "la recolección de basura pasa los martes y viernes", "none"},
	{"es", "tengo mucha basura acumulada en el celular", "none"},
	{"es", "esto huele mal, no confío en ese político", "none"},
	{"es", "ese negocio huele feo, cuidado", "none"},
	{"es", "el perro tiene que hacer sus necesidades, lo saco un rato", "none"},
	{"es", "tengo la nariz como caño tapado", "none"},
	{"es", "se cayó un árbol en el patio de mi tía, vamos a hacer leña", "none"},
	{"es", "jornada de limpieza el sábado, recolección de basura con los vecinos", "none"},
	{"ht", "wout lavi a bloke pou mwen, priye pou mwen", "none"},
	{"ht", "tout wout yo bloke devan m, Bondye ouvri chemen an", "none"},
	{"ht", "Pa ka pase san ou cheri", "none"},
	{"ht", "pon an te kraze nan tranblemanntè 2010, kounye a yo refè l", "none"},
	{"ht", "wout la fèmen pou kanaval la, pase pa lòt bò", "none"},
	{"ht", "wout la fèmen pou rara dimanch", "none"},
	{"ht", "si wout la bloke demen n ap ranvwaye reyinyon an", "none"},
	{"ht", "chofè a di wout la bloke, n ap pase pa Leyogàn", "none"},
	{"ht", "zafè sa a santi move, fè atansyon", "none"},
	{"ht", "politik peyi a santi move", "none"},
	{"ht", "dlo pa ka pase nan gòj mwen, m malad", "none"},
	{"ht", "pye bwa tonbe nan lakou tonton m, n ap fè bwa dife", "none"},
}

// kwaudit11Kept are reports of these categories the audit's changes
// must leave filed, in the six languages (a thing's name with what
// happened to it, "the pit latrine is full", "la fosse septique déborde",
// "fatra pa ranmase"), and messages where the phrase is the place or the
// cause of another need, filed as that need ("the road is blocked so no
// food reaches us").
var kwaudit11Kept = []auditCase{
	{"en", "the septic tank is overflowing near the church in Kibera", "sanitation"},
	{"en", "the pit latrine is full at the school in Mathare", "sanitation"},
	{"en", "the road is blocked by a fallen tree near the school", "road_blocked"},
	{"en", "the garbage has not been collected for two weeks in Tandale", "solid_waste"},
	{"en", "people have no toilets in the camp, open defecation everywhere", "sanitation"},
	{"en", "the bridge collapsed this morning at Mathare, we are cut off", "road_blocked"},
	{"en", "the road to the market is blocked by mud", "road_blocked"},
	{"en", "the road is blocked for everyone near the bridge", "road_blocked"},
	{"fr", "la fosse septique déborde devant l'école", "sanitation"},
	{"fr", "les latrines débordent au camp de Pikine", "sanitation"},
	{"fr", "le caniveau est bouché devant l'école", "blocked_drain"},
	{"fr", "les ordures pas ramassées depuis un mois au marché", "solid_waste"},
	{"fr", "le pont est tombé ce matin à Carrefour", "road_blocked"},
	{"sw", "barabara imefungwa na mti Mbezi", "road_blocked"},
	{"sw", "mtaro umeziba karibu na shule", "blocked_drain"},
	{"sw", "vyoo vimejaa kambini", "sanitation"},
	{"sw", "taka hazijazolewa wiki mbili Tandale", "solid_waste"},
	{"sw", "njia ya sokoni imefungwa na matope", "road_blocked"},
	{"pt", "a estrada está bloqueada por uma árvore em Magoanine", "road_blocked"},
	{"pt", "a fossa séptica transbordou no bairro", "flood"},
	{"pt", "a latrina está cheia na escola", "sanitation"},
	{"pt", "a vala está entupida perto da escola", "blocked_drain"},
	{"pt", "o lixo acumulado na rua há duas semanas", "solid_waste"},
	{"es", "la calle está bloqueada por un árbol en el barrio", "road_blocked"},
	{"es", "los baños están llenos en el albergue", "sanitation"},
	{"es", "la alcantarilla está tapada en la esquina", "blocked_drain"},
	{"es", "la gente hace sus necesidades en la calle, no hay baños", "sanitation"},
	{"ht", "wout la bloke nan Delmas 33", "road_blocked"},
	{"ht", "kanal la bouche nan Site Solèy", "blocked_drain"},
	{"ht", "fatra pa ranmase depi de semèn nan katye a", "solid_waste"},
	{"ht", "latrin yo plen nan kan an", "sanitation"},
	{"ht", "pon an kraze maten an nan Kafou", "road_blocked"},
	{"en", "road cut off, we have no water for three days", "water_supply"},
	{"en", "because the road is blocked the ambulance cannot reach, my wife is in labour", "medical"},
	{"en", "the bridge collapsed so the food trucks cannot come, we are hungry", "food"},
	{"en", "the garbage has not been collected and children are sick with diarrhoea", "medical"},
	{"en", "the street is blocked by thugs, they are robbing people", "security"},
	{"fr", "la route est bloquée donc la nourriture n'arrive pas, on a faim", "food"},
	{"fr", "la route est coupée, pas d'eau depuis trois jours", "water_supply"},
	{"fr", "la route nationale est barrée par les gangs, ils tirent sur les gens", "security"},
	{"sw", "magari hayawezi kupita, mama mjamzito anahitaji hospitali", "medical"},
	{"sw", "daraja limevunjika na chakula hakifiki, tuna njaa", "food"},
	{"pt", "a estrada está cortada, não chega comida, estamos com fome", "food"},
	{"pt", "a estrada está bloqueada e a ambulância não chega, meu filho está doente", "medical"},
	{"es", "la carretera está bloqueada y no llega comida, tenemos hambre", "food"},
	{"es", "la vía está bloqueada, la ambulancia no puede pasar y mi mamá está enferma", "medical"},
	{"es", "bloquearon la calle los pandilleros, están disparando", "security"},
	{"ht", "wout la bloke, manje pa ka rive, nou grangou", "food"},
	{"ht", "wout la bloke, anbilans lan pa ka vini, manman m malad", "medical"},
	{"ht", "bandi yo bare wout la, y ap tire sou moun", "security"},
}

// TestKwaudit11Fixed: the audit's messages filed wrong at 2f05973 are
// not filed.
func TestKwaudit11Fixed(t *testing.T) {
	checkAudit5(t, kwaudit11Fixed)
}

// TestKwaudit11Kept: the reports and the other needs stay filed.
func TestKwaudit11Kept(t *testing.T) {
	checkAudit5(t, kwaudit11Kept)
}
