package classify_test

import "testing"

// fr8Fixed are the messages of an audit of French as residents of
// francophone African cities text (Kinshasa: "érosion", "ravine", "la
// SNEL a coupé le courant", "REGIDESO pas d'eau", "kulunas"; Abidjan: "les
// eaux ont envahi", "glissement de terrain à Attécoubé", "délestage",
// "CIE"; Dakar: Pikine, Keur Massar, "SENELEC", "eaux stagnantes";
// Douala, Bamako, Ouagadougou; SMS spellings: "ya pa d'eau", "on a pa
// mangé", "svp", "bcp", "kelk1", "ds", "pr"), written from knowledge of
// how people text there, not from the corpus, that the classifier got
// wrong at main 54c1861 (a need filed wrong or a message naming none
// filed, a need refused or not offered first; three asked with the right
// need first are filed now), with what they get now (see checkAudit5 for
// want). What fixed them: fr keywords and other senses of
// data/taxonomy.json and the fr word tables of classify/polarity.go
// (docs/sms.md, "The French audit of African cities").
var fr8Fixed = []auditCase{
	{"fr", "les eaux ont envahi notre quartier à Yopougon", "flood"},
	{"fr", "l'eau est rentrée dans la maison on a tout perdu", "flood"},
	{"fr", "l'eau nous arrive aux genoux dans la parcelle", "flood"},
	{"fr", "nos maisons sont dans l'eau depuis 3 jours a Thiaroye", "flood"},
	{"fr", "la pluie a tout envahi, les enfants sont sur la table", "flood"},
	{"fr", "le fleuve est sorti de son lit à Bamako", "flood"},
	{"fr", "les eaux de pluie ont envahi les maisons à Bonabéri", "flood"},
	{"fr", "eau jusqu'à la poitrine à Gobélé", "flood"},
	{"fr", "on dit qu'il va y avoir une inondation cette nuit c'est vrai?", "asked flood"},
	{"fr", "la ravine avance, notre maison va tomber dedans", "landslide"},
	{"fr", "la terre s'est effondrée derrière la maison à Kisenso", "asked landslide"},
	{"fr", "le ravin a avalé la maison du voisin", "asked landslide"},
	{"fr", "je fais le feu pour cuire le riz", "none"},
	{"fr", "on peut pas sortir l'eau encercle la maison", "people_trapped"},
	{"fr", "mon papa est diabétique il n'a plus d'insuline", "medical"},
	{"fr", "la rougeole touche les enfants du quartier", "medical"},
	{"fr", "mon fils s'est brûlé avec l'huile chaude", "medical"},
	{"fr", "il a fait une crise d'asthme, on a pas de ventoline", "medical"},
	{"fr", "je suis malade d'amour pour toi", "none"},
	{"fr", "la tôle de notre maison est partie avec le vent", "shelter"},
	{"fr", "on a pa mangé depuis 2 jours", "food"},
	{"fr", "on mange une fois par jour maintenant", "food"},
	{"fr", "je mange du riz au gras avec les amis", "none"},
	{"fr", "il fait chaud, je bois de l'eau fraîche", "none"},
	{"fr", "la fosse septique déborde dans la cour", "sanitation"}, // filed since Rule.FileKeywordPhrase
	{"fr", "le caniveau est bouché l'eau stagne devant la maison", "blocked_drain"},
	{"fr", "un câble électrique est tombé dans l'eau", "electricity"},
	{"fr", "les taxis ne passent plus, la route est pleine de boue", "road_blocked"},
	{"fr", "les kulunas terrorisent le quartier", "security"},
	{"fr", "les coupeurs de route ont attaqué le bus", "security"},
	{"fr", "l'enfant perdu a été retrouvé merci à tous", "none"},
	{"fr", "la distribution de riz n'est pas arrivée chez nous", "asked aid_distribution"},
	{"fr", "ils ont distribué seulement à leurs parents", "asked aid_distribution"},
	{"fr", "la clinique a rouvert ce matin", "asked service_available"},
}

// fr8Cases are the audit's messages that were right at main 54c1861:
// they keep their outcome.
var fr8Cases = []auditCase{
	{"fr", "inondation à Keur Massar, les maisons sont sous l'eau", "flood"},
	{"fr", "ya l'eau partout ds la maison svp aidez nous", "flood"},
	{"fr", "la rivière Ndjili a débordé, les maisons de Limete sont inondées", "flood"},
	{"fr", "Pikine inondé depuis hier, on dort debout", "flood"},
	{"fr", "les pluies d'hier ont tout inondé à Kinshasa", "flood"},
	{"fr", "le marigot a débordé à Ouaga, les cours sont remplies d'eau", "flood"},
	{"fr", "inondation grave a Matete bcp de maisons dans l'eau", "flood"},
	{"fr", "le quartier est noyé sous l'eau", "flood"},
	{"fr", "les eaux se sont retirées merci Dieu", "none"},
	{"fr", "une érosion a emporté 5 maisons à Mont Ngafula", "asked landslide"},
	{"fr", "glissement de terrain à Attécoubé, des maisons ensevelies", "landslide"},
	{"fr", "éboulement à Anyama après la pluie", "landslide"},
	{"fr", "l'érosion menace nos maisons à Ngaliema svp", "asked landslide"},
	{"fr", "la colline a glissé sur les maisons de Mahou", "asked landslide"},
	{"fr", "une tête d'érosion s'agrandit chaque pluie", "asked landslide"},
	{"fr", "cours sur l'érosion des sols à l'université", "none"},
	{"fr", "incendie au marché de Adjamé", "fire"},
	{"fr", "le feu a pris dans une maison à Médina", "asked fire"},
	{"fr", "au feu! la maison brûle à Barbès", "fire"},
	{"fr", "le marché central de Douala brûle", "asked fire"},
	{"fr", "incendie au grand marché de Bamako, des boutiques brûlées", "fire"},
	{"fr", "une bonbonne de gaz a explosé, le feu est partout", "asked fire"},
	{"fr", "ya le feu chez le voisin venez vite", "asked fire"},
	{"fr", "le feu est éteint, merci aux sapeurs pompiers", "none"},
	{"fr", "passe moi du feu pour ma cigarette", "none"},
	{"fr", "un immeuble s'est effondré à Treichville", "asked building_collapse"},
	{"fr", "la maison du voisin s'est écroulée avec la pluie", "asked building_collapse"},
	{"fr", "le mur de la parcelle est tombé sur les enfants", "asked building_collapse"},
	{"fr", "notre maison est fissurée partout, elle va tomber", "asked building_collapse"},
	{"fr", "le toit de l'école s'est effondré", "asked building_collapse"},
	{"fr", "un bâtiment R+3 s'est écroulé à Ngor", "asked building_collapse"},
	{"fr", "des gens sont coincés sous les décombres à Treichville", "people_trapped"},
	{"fr", "une famille bloquée sur le toit à Keur Massar", "asked people_trapped"},
	{"fr", "des enfants ensevelis par la terre à Kisenso", "asked people_trapped"},
	{"fr", "ma mère est coincée dans la maison, l'eau monte", "flood"},
	{"fr", "sauvez nous on est sur le toit", "people_trapped"},
	{"fr", "mon enfant a la fièvre depuis 3 jours", "medical"},
	{"fr", "ma femme va accoucher pas de sage femme", "medical"},
	{"fr", "bcp de malades du choléra à Kinshasa", "medical"},
	{"fr", "mon fils a le palu svp on a besoin de médicaments", "medical"},
	{"fr", "ma mère est malade on a pa l'argent pour l'hopital", "medical"},
	{"fr", "un blessé grave au carrefour, il saigne bcp", "medical"},
	{"fr", "des enfants ont la diarrhée ds le site", "medical"},
	{"fr", "mon bébé tousse et a la fièvre", "medical"},
	{"fr", "besoin d'un médecin urgent à Pikine", "medical"},
	{"fr", "ma soeur est enceinte et a des douleurs", "medical"},
	{"fr", "il s'est cassé le bras en tombant", "asked medical"},
	{"fr", "ma fille a été mordue par un serpent", "asked medical"},
	{"fr", "mon enfant vomit tout ce qu'il mange", "asked medical"},
	{"fr", "le docteur dit qu'il va mieux maintenant merci", "none"},
	{"fr", "on est mort de rire avec ton message", "none"},
	{"fr", "notre maison est détruite on dort dehors", "shelter"},
	{"fr", "on a besoin de bâches et de nattes pour dormir", "shelter"},
	{"fr", "les sinistrés dorment à l'école", "shelter"},
	{"fr", "pas d'endroit ou dormir avec les enfants", "shelter"},
	{"fr", "les déplacés de Keur Massar n'ont pas de tentes", "shelter"},
	{"fr", "nous sommes sans abri depuis l'inondation", "asked shelter"},
	{"fr", "on dort a la belle étoile depuis l'érosion", "asked shelter"},
	{"fr", "ya rien a manger a la maison", "food"},
	{"fr", "les enfants ont faim svp", "food"},
	{"fr", "nous avons besoin de riz et d'huile", "food"},
	{"fr", "pas de nourriture au site des déplacés", "food"},
	{"fr", "on a pas mangé depuis hier soir", "food"},
	{"fr", "famille de 8 personnes sans vivres", "food"},
	{"fr", "les enfants pleurent de faim", "food"},
	{"fr", "on manque de tout, pas de farine pas de lait", "food"},
	{"fr", "on a bien mangé ce soir le poulet était bon", "none"},
	{"fr", "le prix du riz a augmenté au marché", "none"},
	{"fr", "je vais au marché acheter du poisson", "none"},
	{"fr", "REGIDESO pas d'eau depuis une semaine à Lemba", "water_supply"},
	{"fr", "ya pa d'eau au robinet depuis 3 jours", "water_supply"},
	{"fr", "pas d'eau à Yopougon depuis lundi SODECI ne fait rien", "water_supply"},
	{"fr", "le forage est en panne on boit l'eau du marigot", "water_supply"},
	{"fr", "pas une goutte d'eau au robinet", "water_supply"},
	{"fr", "on a soif, pas d'eau potable au site", "water_supply"},
	{"fr", "coupure d'eau à Dakar depuis 2 jours", "water_supply"},
	{"fr", "le puits est sec", "water_supply"},
	{"fr", "l'eau du robinet est sale et jaune", "water_supply"},
	{"fr", "les robinets sont secs a Ouaga", "water_supply"},
	{"fr", "on achète le bidon d'eau à 500F car pas d'eau", "water_supply"},
	{"fr", "l'eau est revenue merci REGIDESO", "none"},
	{"fr", "ma femme a perdu les eaux on part à la maternité", "none"},
	{"fr", "les toilettes sont pleines au site", "asked sanitation"},
	{"fr", "les gens font leurs besoins dehors", "sanitation"}, // filed since Rule.FileKeywordPhrase
	{"fr", "ça pue partout à cause des latrines", "sanitation"},
	{"fr", "pas de toilettes à l'école des déplacés", "sanitation"},
	{"fr", "les eaux usées coulent dans la rue", "sanitation"},                     // filed since Rule.FileKeywordPhrase
	{"fr", "les eaux stagnantes à Pikine donnent les moustiques", "blocked_drain"}, // filed since Rule.FileKeywordPhrase
	{"fr", "les caniveaux sont pleins d'ordures l'eau ne passe plus", "blocked_drain"},
	{"fr", "le canal de Gbêbo est bouché", "asked blocked_drain"},
	{"fr", "eau stagnante depuis la pluie devant l'école", "blocked_drain"},
	{"fr", "les ordures s'entassent au marché de Gueule Tapée", "asked solid_waste"},
	{"fr", "personne ne ramasse les ordures depuis 2 semaines", "asked solid_waste"},
	{"fr", "la décharge déborde sur la route", "solid_waste"}, // filed since Rule.FileKeywordPhrase
	{"fr", "bcp de déchets au bord de la lagune", "asked solid_waste"},
	{"fr", "les poubelles débordent dans notre rue", "solid_waste"}, // filed since Rule.FileKeywordPhrase
	{"fr", "la SNEL a coupé le courant depuis 3 jours", "electricity"},
	{"fr", "délestage tous les jours à Abidjan CIE fait quoi", "electricity"},
	{"fr", "pas de courant depuis hier a Yopougon", "electricity"},
	{"fr", "SENELEC a coupé l'électricité dans tout le quartier", "electricity"},
	{"fr", "le transformateur a explosé, pas de lumière", "electricity"},
	{"fr", "ya pa de courant ds tout le quartier", "electricity"},
	{"fr", "les fils électriques pendent au dessus de la rue", "electricity"},
	{"fr", "coupure d'électricité à Douala depuis ce matin ENEO", "electricity"},
	{"fr", "le courant est revenu merci", "none"},
	{"fr", "tu es au courant de la réunion de demain?", "none"},
	{"fr", "la facture de la CIE est trop chère ce mois", "none"},
	{"fr", "la route de Matadi est coupée par l'érosion", "asked road_blocked"},
	{"fr", "le pont de Kasa-Vubu est emporté", "road_blocked"}, // filed since Rule.FileKeywordPhrase
	{"fr", "on ne peut pas passer la route est inondée", "flood"},
	{"fr", "un arbre est tombé sur la route de Bingerville", "road_blocked"}, // filed since Rule.FileKeywordPhrase
	{"fr", "la route nationale est coupée, les camions ne passent pas", "road_blocked"},
	{"fr", "il y a un embouteillage monstre sur le boulevard ce matin", "none"},
	{"fr", "les kulunas ont attaqué des gens à Ngaba hier soir", "security"},
	{"fr", "les microbes ont agressé mon frère à Abobo", "security"},
	{"fr", "des voleurs sont entrés chez nous cette nuit", "security"},
	{"fr", "on m'a volé mon téléphone au marché", "asked security"},
	{"fr", "des bandits armés rackettent les gens au carrefour", "security"},
	{"fr", "ils tirent dans le quartier on a peur", "security"},
	{"fr", "ma fille a été violée", "security"},
	{"fr", "mon fils a disparu depuis l'inondation", "asked missing_person"},
	{"fr", "je cherche ma fille de 7 ans perdue au marché", "missing_person"},
	{"fr", "pas de nouvelles de mon frère depuis hier", "missing_person"},
	{"fr", "un enfant perdu à Pikine, il s'appelle Moussa", "missing_person"},
	{"fr", "il y a un corps dans le caniveau", "asked human_remains"},
	{"fr", "on a trouvé un cadavre dans la rivière", "asked human_remains"},
	{"fr", "des corps sous les décombres à Attécoubé", "asked human_remains"},
	{"fr", "quand est la distribution de vivres à Keur Massar?", "asked aid_distribution"},
	{"fr", "on distribue quoi à la mairie?", "aid_distribution"},
	{"fr", "où se trouve le point de distribution svp", "asked aid_distribution"},
	{"fr", "le centre de santé est rouvert?", "asked service_available"},
	{"fr", "est-ce que l'hôpital est ouvert aujourd'hui", "asked service_available"},
	{"fr", "bonjour", "none"},
	{"fr", "bonsoir comment tu vas", "none"},
	{"fr", "salut ça va? bien et toi", "none"},
	{"fr", "merci bcp pour l'aide", "none"},
	{"fr", "Dieu vous bénisse", "none"},
	{"fr", "bonne fête de Tabaski à tous", "none"},
	{"fr", "joyeux noël et bonne année", "none"},
	{"fr", "je suis ds le taxi j'arrive", "none"},
	{"fr", "c'est combien le pagne?", "none"},
	{"fr", "gagnez 1 million avec MTN, envoyez OUI", "none"},
	{"fr", "pr la réunion c'est à 15h", "none"},
	{"fr", "tu as vu le match hier? les Lions ont gagné", "none"},
	{"fr", "je t'aime mon coeur", "none"},
	{"fr", "ok d'accord", "none"},
	{"fr", "tkt on se parle plus tard", "none"},
	{"fr", "bonne nuit à tous", "none"},
	{"fr", "on a reçu les vivres merci", "none"},
	{"fr", "on a assez d'eau maintenant merci", "none"},
	{"fr", "nous avons reçu les bâches hier", "none"},
	{"fr", "le pont est réparé on peut passer maintenant", "none"},
	{"fr", "la route est ouverte maintenant", "none"},
	{"fr", "les voisins ont besoin de nourriture, nous on a ce qu'il faut", "food"},
	{"fr", "nos voisins n'ont rien à manger depuis hier", "food"},
	{"fr", "le bidon d'eau coûte 1000F, on n'a pas d'eau", "water_supply"},
	{"fr", "ton téléphone est éteint?", "none"},
	{"fr", "je suis chez ma tante à Cocody", "none"},
	{"fr", "le courant passe bien aujourd'hui", "none"},
	{"fr", "on se voit demain ds l'aprem", "none"},
	{"fr", "kelk1 a le numéro de Mamadou?", "none"},
	{"fr", "vends terrain à Bingerville 20 millions, appelez", "none"},
	{"fr", "promo orange: 1Go à 500F tapez #123#", "none"},
}

// fr8Near are the near misses of the fixes (a price of roofing sheets,
// messages that no longer go through, locusts or mosquitoes that invaded
// everything, a ravine fitted by the town hall, a phone dropped in water,
// a fire for tea, a diet, a rumour of a visit): they keep their outcome.
var fr8Near = []auditCase{
	{"fr", "on dit que le président va venir demain", "none"},
	{"fr", "je vends des tôles neuves à bon prix", "none"},
	{"fr", "le prix de la tôle a augmenté", "none"},
	{"fr", "les messages ne passent plus depuis ce matin", "none"},
	{"fr", "il s'est brûlé la main avec l'eau chaude", "medical"},
	{"fr", "les criquets ont tout envahi au champ", "none"},
	{"fr", "les moustiques ont envahi les maisons", "none"},
	{"fr", "mon téléphone est tombé dans l'eau", "none"},
	{"fr", "ils ont distribué les cartes d'électeur", "none"},
	{"fr", "le ravin derrière l'école est beau au coucher du soleil", "none"},
	{"fr", "on dit que l'eau va monter cette nuit", "asked flood"},
	{"fr", "je fais le feu pour le thé", "none"},
	{"fr", "la rivière est sortie de son lit à Ouaga", "flood"},
	{"fr", "la ravine a été aménagée par la mairie merci", "none"},
	{"fr", "je mange une fois par jour pour maigrir", "none"},
	{"fr", "pas d'eau au robinet, on chauffe l'eau du puits", "water_supply"},
	{"fr", "l'eau va monter encore, les maisons sont déjà inondées", "flood"},
}

// fr8LangLeft are the audit's messages still detected as English (SMS
// spellings and ads with few French words: "ds l'aprem", "kelk1",
// "vends terrain", "promo orange"), left to classify/lang.go.
var fr8LangLeft = map[string]bool{
	"on se voit demain ds l'aprem":                     true,
	"kelk1 a le numéro de Mamadou?":                    true,
	"vends terrain à Bingerville 20 millions, appelez": true,
	"promo orange: 1Go à 500F tapez #123#":             true,
}

// TestFr8Fixed: the confident wrong answers and misses of the French
// audit of African cities get their outcome now.
func TestFr8Fixed(t *testing.T) {
	checkAudit5(t, fr8Fixed)
}

// TestFr8: the French audit's messages that were right, and the near
// misses of its fixes, keep their outcome.
func TestFr8(t *testing.T) {
	checkAudit5(t, fr8Cases)
	checkAudit5(t, fr8Near)
}

// TestFr8Language: every message of the audit but fr8LangLeft is
// detected as French with English as the default ("on a pa mangé depuis
// 2 jours" was English at main 54c1861).
func TestFr8Language(t *testing.T) {
	all := append(append(fr8Fixed[:len(fr8Fixed):len(fr8Fixed)], fr8Cases...), fr8Near...)
	for _, tt := range all {
		if fr8LangLeft[tt.text] {
			continue
		}
		if got := defaultMatcher.DetectLanguage(tt.text, "en"); got != tt.lang {
			t.Errorf("DetectLanguage(%q) = %s, want %s", tt.text, got, tt.lang)
		}
	}
}
