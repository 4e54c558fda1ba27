package classify_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// probe is a plain message a resident might send about one need, in
// ordinary words of its language (SMS spellings, missing accents), with
// the category it is about ("other" for a request naming no need).
type probe struct {
	lang, text, want string
}

// probes are written from knowledge of the six languages, one or more per
// need of the built-in taxonomy and per language, not from the
// development corpus: the probe set of issue 13 ("clear, ordinary resident
// messages"). Each must be filed as its category or asked with it among
// the candidates offered, and never filed as another category.
var probes = []probe{
	// English
	{"en", "flood water in our houses", "flood"},
	{"en", "our street is flooded after the rain", "flood"},
	{"en", "the river overflowed into the houses last night", "flood"},
	{"en", "water entered our homes, everything is wet", "flood"},
	{"en", "there is a fire at the market", "fire"},
	{"en", "a house is burning near the church", "fire"},
	{"en", "fire in the kiosk next to the school!!", "fire"},
	{"en", "landslide on the hill, houses covered in mud", "landslide"},
	{"en", "mudslide blocked the path after the heavy rain", "landslide"},
	{"en", "our house collapsed", "building_collapse"},
	{"en", "the school building collapsed this morning", "building_collapse"},
	{"en", "a wall fell on the neighbours house", "building_collapse"},
	{"en", "people trapped under the rubble", "people_trapped"},
	{"en", "my mother is trapped inside, she cant get out", "people_trapped"},
	{"en", "my child is very sick with fever", "medical"},
	{"en", "a man is injured and bleeding, we need a doctor", "medical"},
	{"en", "we have nowhere to sleep, we need shelter", "shelter"},
	{"en", "pls we need tents and blankets", "shelter"},
	{"en", "we are hungry, no food for three days", "food"},
	{"en", "pls send food the kids are starving", "food"},
	{"en", "no water in the taps since monday", "water_supply"},
	{"en", "we need clean drinking water", "water_supply"},
	{"en", "the toilets are full and smell bad", "sanitation"},
	{"en", "sewage running in the street", "sanitation"},
	{"en", "the drain is blocked", "blocked_drain"},
	{"en", "gutter blocked, stagnant water in front of our house", "blocked_drain"},
	{"en", "garbage has not been collected for two weeks", "solid_waste"},
	{"en", "rubbish dumped next to the school", "solid_waste"},
	{"en", "no power since yesterday", "electricity"},
	{"en", "an electric wire fell on the street", "electricity"},
	{"en", "the road is blocked by a fallen tree", "road_blocked"},
	{"en", "road blocked, cars cannot pass", "road_blocked"},
	{"en", "thieves broke into houses last night", "security"},
	{"en", "gunshots every night in our area", "security"},
	{"en", "my daughter has been missing since yesterday", "missing_person"},
	{"en", "my son went missing after the storm", "missing_person"},
	{"en", "there are dead bodies in the street", "human_remains"},
	{"en", "we found a dead body in the river", "human_remains"},
	{"en", "where is the food distribution?", "aid_distribution"},
	{"en", "when is the aid distribution in our area", "aid_distribution"},
	{"en", "the free clinic is open today", "service_available"},
	{"en", "hospital open again, they treat people", "service_available"},
	{"en", "please help us", "other"},

	// French
	{"fr", "il y a une inondation dans notre quartier", "flood"},
	{"fr", "notre maison est inondee", "flood"},
	{"fr", "la riviere a deborde cette nuit", "flood"},
	{"fr", "il y a de l'eau dans les maisons", "flood"},
	{"fr", "il y a un incendie au marché", "fire"},
	{"fr", "une maison brule pres de l'eglise", "fire"},
	{"fr", "le feu a pris au marche", "fire"},
	{"fr", "glissement de terrain sur la colline", "landslide"},
	{"fr", "eboulement pres de la route apres la pluie", "landslide"},
	{"fr", "notre maison s'est effondrée", "building_collapse"},
	{"fr", "le mur de l'école s'est écroulé", "building_collapse"},
	{"fr", "un immeuble s'est ecroule a cote du marche", "building_collapse"},
	{"fr", "des gens sont coincés sous les décombres", "people_trapped"},
	{"fr", "il y a des personnes piegees dans la maison", "people_trapped"},
	{"fr", "mon enfant est malade, il a de la fievre", "medical"},
	{"fr", "un homme blessé saigne beaucoup, il faut un medecin", "medical"},
	{"fr", "nous dormons dehors, on n'a pas d'abri", "shelter"},
	{"fr", "on a besoin de tentes et de baches", "shelter"},
	{"fr", "nous avons faim, plus rien a manger", "food"},
	{"fr", "les enfants ont faim svp envoyez de la nourriture", "food"},
	{"fr", "pas d'eau au robinet depuis lundi", "water_supply"},
	{"fr", "nous avons besoin d'eau potable", "water_supply"},
	{"fr", "les toilettes sont pleines, ça sent mauvais", "sanitation"},
	{"fr", "les eaux usées coulent dans la rue", "sanitation"},
	{"fr", "le caniveau est bouché", "blocked_drain"},
	{"fr", "les caniveaux sont bouches devant chez nous", "blocked_drain"},
	{"fr", "les ordures ne sont pas ramassées depuis deux semaines", "solid_waste"},
	{"fr", "des tas de dechets devant l'ecole", "solid_waste"},
	{"fr", "pas de courant depuis hier", "electricity"},
	{"fr", "un fil electrique est tombé dans la rue", "electricity"},
	{"fr", "la route est bloquée par un arbre", "road_blocked"},
	{"fr", "le pont est cassé, on ne peut pas passer", "road_blocked"},
	{"fr", "des voleurs sont entres dans les maisons cette nuit", "security"},
	{"fr", "des bandits armés nous ont attaqués", "security"},
	{"fr", "mon fils a disparu depuis hier", "missing_person"},
	{"fr", "ma fille est portée disparue depuis samedi", "missing_person"},
	{"fr", "il y a des cadavres dans la rue", "human_remains"},
	{"fr", "on a trouvé un cadavre dans la riviere", "human_remains"},
	{"fr", "où est la distribution de nourriture?", "aid_distribution"},
	{"fr", "quand est la distribution d'aide dans notre quartier", "aid_distribution"},
	{"fr", "la clinique est ouverte, soins gratuits", "service_available"},
	{"fr", "l'hôpital est ouvert de nouveau", "service_available"},
	{"fr", "ma fille tousse beaucoup, elle a mal a la gorge", "medical"},
	{"fr", "beaucoup de paludisme ici, il faut des moustiquaires", "medical"},
	{"fr", "pas de nouvelles de mon frere depuis le seisme", "missing_person"},
	{"fr", "on n'a pas de pain ni de lait pour les enfants", "food"},
	{"fr", "nous dormons dans la rue depuis trois jours", "shelter"},
	{"fr", "aidez nous svp", "other"},

	// Swahili
	{"sw", "nyumba zetu zimejaa maji", "flood"},
	{"sw", "mafuriko mtaani kwetu", "flood"},
	{"sw", "maji yameingia ndani ya nyumba", "flood"},
	{"sw", "mto umefurika usiku", "flood"},
	{"sw", "kuna moto sokoni", "fire"},
	{"sw", "nyumba inaungua karibu na kanisa", "fire"},
	{"sw", "moto mkubwa sokoni tusaidieni", "fire"},
	{"sw", "maporomoko ya udongo kilimani", "landslide"},
	{"sw", "udongo umeporomoka juu ya nyumba", "landslide"},
	{"sw", "nyumba yetu imeanguka kwa mvua", "building_collapse"},
	{"sw", "ukuta umeanguka shuleni", "building_collapse"},
	{"sw", "jengo limeanguka mjini", "building_collapse"},
	{"sw", "watu wamekwama chini ya kifusi", "people_trapped"},
	{"sw", "kuna watu wamenaswa ndani ya jengo", "people_trapped"},
	{"sw", "mtoto wangu anaumwa homa", "medical"},
	{"sw", "mtu ameumia anavuja damu tunahitaji daktari", "medical"},
	{"sw", "hatuna mahali pa kulala", "shelter"},
	{"sw", "tunahitaji mahema na blanketi", "shelter"},
	{"sw", "tuna njaa hatuna chakula siku tatu", "food"},
	{"sw", "watoto wana njaa tuleteeni chakula", "food"},
	{"sw", "hakuna maji bombani tangu jumatatu", "water_supply"},
	{"sw", "tunahitaji maji safi ya kunywa", "water_supply"},
	{"sw", "choo kimejaa na kuna harufu mbaya", "sanitation"},
	{"sw", "maji taka yanatiririka mtaani", "sanitation"},
	{"sw", "mtaro umeziba", "blocked_drain"},
	{"sw", "mfereji umeziba karibu na nyumba yetu", "blocked_drain"},
	{"sw", "takataka hazijazolewa wiki mbili", "solid_waste"},
	{"sw", "uchafu mwingi karibu na shule", "solid_waste"},
	{"sw", "hakuna umeme tangu jana", "electricity"},
	{"sw", "waya wa umeme umeanguka barabarani", "electricity"},
	{"sw", "barabara imefungwa na mti", "road_blocked"},
	{"sw", "daraja limevunjika hatuwezi kupita", "road_blocked"},
	{"sw", "wezi wamevunja nyumba usiku", "security"},
	{"sw", "majambazi wametuvamia usiku", "security"},
	{"sw", "mtoto wangu amepotea tangu jana", "missing_person"},
	{"sw", "bibi yetu hajulikani alipo", "missing_person"},
	{"sw", "kuna maiti barabarani", "human_remains"},
	{"sw", "tumeona maiti mtoni", "human_remains"},
	{"sw", "ugawaji wa chakula uko wapi?", "aid_distribution"},
	{"sw", "wanagawa chakula wapi leo", "aid_distribution"},
	{"sw", "zahanati iko wazi, matibabu bure", "service_available"},
	{"sw", "hospitali inafanya kazi sasa", "service_available"},
	{"sw", "mtoto ana kikohozi na homa kali", "medical"},
	{"sw", "tunahitaji vyandarua, watoto wana malaria", "medical"},
	{"sw", "tunamtafuta kaka yetu tangu jana", "missing_person"},
	{"sw", "hatuna cha kula nyumbani", "food"},
	{"sw", "tunalala nje na watoto", "shelter"},
	{"sw", "tusaidie tafadhali", "other"},

	// Portuguese
	{"pt", "a água entrou nas casas", "flood"},
	{"pt", "enchente no bairro", "flood"},
	{"pt", "a rua esta alagada", "flood"},
	{"pt", "o rio transbordou esta noite", "flood"},
	{"pt", "tem um incêndio no mercado", "fire"},
	{"pt", "uma casa esta pegando fogo perto da igreja", "fire"},
	{"pt", "ha fogo no mercado", "fire"},
	{"pt", "deslizamento de terra no morro", "landslide"},
	{"pt", "a barreira caiu em cima das casas", "landslide"},
	{"pt", "a nossa casa desabou", "building_collapse"},
	{"pt", "o muro caiu em cima da casa", "building_collapse"},
	{"pt", "o predio desabou", "building_collapse"},
	{"pt", "pessoas presas nos escombros", "people_trapped"},
	{"pt", "tem gente soterrada debaixo dos escombros", "people_trapped"},
	{"pt", "o meu filho esta doente com febre", "medical"},
	{"pt", "um homem ferido esta sangrando, precisamos de medico", "medical"},
	{"pt", "estamos sem casa, dormimos na rua", "shelter"},
	{"pt", "precisamos de tendas e cobertores", "shelter"},
	{"pt", "estamos com fome, nao temos comida", "food"},
	{"pt", "as crianças passam fome mandem comida", "food"},
	{"pt", "nao ha agua na torneira desde segunda", "water_supply"},
	{"pt", "precisamos de água potável", "water_supply"},
	{"pt", "as latrinas estao cheias e cheira mal", "sanitation"},
	{"pt", "esgoto a céu aberto na rua", "sanitation"},
	{"pt", "a vala esta entupida", "blocked_drain"},
	{"pt", "bueiro entupido na esquina", "blocked_drain"},
	{"pt", "o lixo nao é recolhido ha duas semanas", "solid_waste"},
	{"pt", "muito lixo perto da escola", "solid_waste"},
	{"pt", "sem luz desde ontem", "electricity"},
	{"pt", "um fio elétrico caiu na rua", "electricity"},
	{"pt", "a estrada esta bloqueada por uma arvore", "road_blocked"},
	{"pt", "a ponte caiu, nao da para passar", "road_blocked"},
	{"pt", "assaltos toda noite aqui no bairro", "security"},
	{"pt", "ladrões entraram nas casas esta noite", "security"},
	{"pt", "o meu filho esta desaparecido desde ontem", "missing_person"},
	{"pt", "a minha avo esta desaparecida", "missing_person"},
	{"pt", "há corpos na rua", "human_remains"},
	{"pt", "encontramos um cadaver no rio", "human_remains"},
	{"pt", "onde é a distribuição de alimentos?", "aid_distribution"},
	{"pt", "quando vai ser a distribuicao de ajuda", "aid_distribution"},
	{"pt", "o posto de saude esta aberto", "service_available"},
	{"pt", "o hospital esta funcionando", "service_available"},
	{"pt", "a minha filha tem tosse e dor de garganta", "medical"},
	{"pt", "muita malaria aqui, precisamos de mosquiteiros", "medical"},
	{"pt", "sem noticias do meu irmao desde ontem", "missing_person"},
	{"pt", "nao temos nada para comer, nem pão", "food"},
	{"pt", "estamos a dormir na rua com as crianças", "shelter"},
	{"pt", "socorro precisamos de ajuda", "other"},

	// Spanish
	{"es", "hay una inundación en el barrio", "flood"},
	{"es", "el agua se metió a las casas", "flood"},
	{"es", "la calle esta inundada", "flood"},
	{"es", "el rio se desbordo anoche", "flood"},
	{"es", "hay un incendio en el mercado", "fire"},
	{"es", "se esta quemando una casa cerca de la iglesia", "fire"},
	{"es", "fuego en el mercado!!", "fire"},
	{"es", "hubo un derrumbe en la loma", "landslide"},
	{"es", "deslizamiento de tierra sobre las casas", "landslide"},
	{"es", "se cayó nuestra casa", "building_collapse"},
	{"es", "se derrumbo la casa del vecino", "building_collapse"},
	{"es", "el edificio colapsó", "building_collapse"},
	{"es", "hay personas atrapadas en los escombros", "people_trapped"},
	{"es", "mi familia esta atrapada en la casa", "people_trapped"},
	{"es", "mi hijo esta enfermo con fiebre", "medical"},
	{"es", "un señor herido esta sangrando, necesitamos un medico", "medical"},
	{"es", "nos quedamos sin casa, dormimos en la calle", "shelter"},
	{"es", "necesitamos carpas y cobijas", "shelter"},
	{"es", "tenemos hambre, no hay comida", "food"},
	{"es", "los niños tienen hambre, manden comida x favor", "food"},
	{"es", "no hay agua en la llave desde el lunes", "water_supply"},
	{"es", "necesitamos agua potable", "water_supply"},
	{"es", "los baños estan llenos y huele mal", "sanitation"},
	{"es", "aguas negras corriendo por la calle", "sanitation"},
	{"es", "la alcantarilla esta tapada", "blocked_drain"},
	{"es", "el desague esta tapado", "blocked_drain"},
	{"es", "no recogen la basura hace dos semanas", "solid_waste"},
	{"es", "mucha basura frente a la escuela", "solid_waste"},
	{"es", "no hay luz desde ayer", "electricity"},
	{"es", "un cable de luz se cayó a la calle", "electricity"},
	{"es", "la via esta bloqueada por un arbol", "road_blocked"},
	{"es", "se cayó el puente, no se puede pasar", "road_blocked"},
	{"es", "robos todas las noches en el barrio", "security"},
	{"es", "unos ladrones entraron a las casas anoche", "security"},
	{"es", "mi hijo esta desaparecido desde ayer", "missing_person"},
	{"es", "mi abuela esta desaparecida", "missing_person"},
	{"es", "hay cadaveres en la calle", "human_remains"},
	{"es", "encontramos un cuerpo sin vida en el rio", "human_remains"},
	{"es", "dónde es la distribución de alimentos?", "aid_distribution"},
	{"es", "cuando es el reparto de ayuda", "aid_distribution"},
	{"es", "el centro de salud esta abierto", "service_available"},
	{"es", "el hospital esta funcionando", "service_available"},
	{"es", "mi hija tiene tos y dolor de garganta", "medical"},
	{"es", "mucho paludismo en el barrio, necesitamos toldillos", "medical"},
	{"es", "sin noticias de mi hermano desde el terremoto", "missing_person"},
	{"es", "no hemos comido desde ayer", "food"},
	{"es", "estamos durmiendo en la calle con los niños", "shelter"},
	{"es", "necesitamos ayuda por favor", "other"},

	// Haitian Creole
	{"ht", "dlo a anvayi kay yo", "flood"},
	{"ht", "inondasyon nan katye a", "flood"},
	{"ht", "dlo antre nan kay nou", "flood"},
	{"ht", "rivyè a debòde yè swa", "flood"},
	{"ht", "gen dife nan mache a", "fire"},
	{"ht", "yon kay ap boule bo legliz la", "fire"},
	{"ht", "dife pran nan mache a", "fire"},
	{"ht", "glisman tè nan mòn nan", "landslide"},
	{"ht", "mòn nan glise sou kay yo", "landslide"},
	{"ht", "kay nou an kraze", "building_collapse"},
	{"ht", "miray la tonbe bò lekòl la", "building_collapse"},
	{"ht", "kay la tonbe ak lapli a", "building_collapse"},
	{"ht", "gen moun ki bloke anba dekonb", "people_trapped"},
	{"ht", "moun yo bloke anba kay la", "people_trapped"},
	{"ht", "pitit mwen malad, li gen lafyèv", "medical"},
	{"ht", "yon nonm blese, nou bezwen dokte", "medical"},
	{"ht", "nou pa gen kote pou nou dòmi", "shelter"},
	{"ht", "nou bezwen tant ak prela", "shelter"},
	{"ht", "nou grangou, nou pa gen manje", "food"},
	{"ht", "timoun yo grangou voye manje ban nou", "food"},
	{"ht", "pa gen dlo nan tiyo a depi lendi", "water_supply"},
	{"ht", "nou bezwen dlo pou nou bwè", "water_supply"},
	{"ht", "twalèt yo plen, sa bay move odè", "sanitation"},
	{"ht", "dlo egou ap koule nan lari a", "sanitation"},
	{"ht", "kanal la bouche", "blocked_drain"},
	{"ht", "rigòl la bouche devan kay nou", "blocked_drain"},
	{"ht", "fatra pa ranmase depi de semèn", "solid_waste"},
	{"ht", "anpil fatra devan lekòl la", "solid_waste"},
	{"ht", "pa gen kouran depi yè", "electricity"},
	{"ht", "yon fil kouran tonbe nan lari a", "electricity"},
	{"ht", "wout la bloke, yon pyebwa tonbe", "road_blocked"},
	{"ht", "pon an kraze, machin pa ka pase", "road_blocked"},
	{"ht", "bandi ap tire nan katye a chak swa", "security"},
	{"ht", "vòlè antre nan kay yo yè swa", "security"},
	{"ht", "pitit mwen pèdi depi yè", "missing_person"},
	{"ht", "nou pa jwenn grann mwen depi yè", "missing_person"},
	{"ht", "gen kadav nan lari a", "human_remains"},
	{"ht", "nou jwenn yon kadav nan rivyè a", "human_remains"},
	{"ht", "ki kote distribisyon manje a ye?", "aid_distribution"},
	{"ht", "ki lè distribisyon èd la ap fèt", "aid_distribution"},
	{"ht", "klinik la louvri, swen gratis", "service_available"},
	{"ht", "lopital la ap fonksyone ankò", "service_available"},
	{"ht", "nou ap dòmi nan lari a ak timoun yo", "shelter"},
	{"ht", "tanpri ede nou", "other"},

	// A second round, for the categories whose keywords this file's
	// author keeps: more everyday wordings of the same needs.
	{"en", "house on fire near the mosque pls come quick", "fire"},
	{"en", "smoke coming from the school building", "fire"},
	{"en", "the hill came down on our houses after the rain", "landslide"},
	{"en", "the roof of our house fell in", "building_collapse"},
	{"en", "live wire hanging on the road, very dangerous", "electricity"},
	{"en", "no electricity for 3 days", "electricity"},
	{"en", "the bridge is broken we cant cross", "road_blocked"},
	{"en", "some men with guns attacked our street", "security"},
	{"en", "latrine overflowing near the school", "sanitation"},
	{"en", "trash everywhere nobody collects it", "solid_waste"},
	{"en", "a body is lying near the river", "human_remains"},
	{"fr", "la maison de mon voisin est en feu", "fire"},
	{"fr", "le courant est coupé depuis 2 jours", "electricity"},
	{"fr", "un cable electrique est tombé sur la route", "electricity"},
	{"fr", "on nous a volé nos affaires cette nuit", "security"},
	{"fr", "les latrines debordent", "sanitation"},
	{"fr", "la poubelle deborde depuis une semaine", "solid_waste"},
	{"fr", "tout le quartier est sous l'eau", "flood"},
	{"fr", "la colline s'est effondrée sur les maisons", "landslide"},
	{"fr", "il y a un corps au bord de la riviere", "human_remains"},
	{"sw", "nyumba yetu inaungua", "fire"},
	{"sw", "umeme umekatika tangu jana", "electricity"},
	{"sw", "wezi wameiba usiku", "security"},
	{"sw", "vyoo vimejaa shuleni", "sanitation"},
	{"sw", "taka nyingi sokoni", "solid_waste"},
	{"sw", "mafuriko makubwa mtaani", "flood"},
	{"sw", "mitaro imeziba kwa taka", "blocked_drain"},
	{"pt", "a casa do vizinho esta a arder", "fire"},
	{"pt", "fogo na casa ao lado", "fire"},
	{"pt", "nao temos energia desde ontem", "electricity"},
	{"pt", "caiu um poste de luz na rua", "electricity"},
	{"pt", "roubaram a nossa casa ontem a noite", "security"},
	{"pt", "muitos assaltos no bairro", "security"},
	{"pt", "a fossa esta cheia", "sanitation"},
	{"pt", "ninguem recolhe o lixo", "solid_waste"},
	{"pt", "o bairro todo esta alagado", "flood"},
	{"pt", "a terra deslizou sobre as casas", "landslide"},
	{"es", "se quemo la casa del vecino", "fire"},
	{"es", "se fue la luz en todo el barrio", "electricity"},
	{"es", "hay un cable pelado en la calle", "electricity"},
	{"es", "nos atracaron anoche", "security"},
	{"es", "hay muchos robos en la cuadra", "security"},
	{"es", "la carretera esta cerrada por el derrumbe", "road_blocked"},
	{"es", "el baño esta tapado y huele feo", "sanitation"},
	{"es", "hay basura por todos lados", "solid_waste"},
	{"es", "el barrio esta inundado", "flood"},
	{"ht", "kay vwazen m nan ap boule", "fire"},
	{"ht", "kouran an koupe depi 2 jou", "electricity"},
	{"ht", "yon fil elektrik tonbe nan lari a", "electricity"},
	{"ht", "vole yo antre lakay nou", "security"},
	{"ht", "gen bandi k ap atake moun", "security"},
	{"ht", "latrin nan plen", "sanitation"},
	{"ht", "fatra plen lari a", "solid_waste"},
	{"ht", "tè a glise sou kay yo", "landslide"},
	{"ht", "gen yon kadav bò larivyè a", "human_remains"},
}

// probeOutcome says what the classifier did with p: "" when it is
// acceptable (filed as p.want, or asked with p.want among the needs or
// the menu's first candidates; a request for "other" asked, not refused),
// else what went wrong.
func probeOutcome(c *classify.Classifier, p probe) string {
	r := c.Classify(p.text)
	cat, filed := r.Main()
	switch {
	case filed && cat != p.want:
		return fmt.Sprintf("filed as %s (needs %v)", cat, r.Needs)
	case filed:
		return ""
	case r.Refuse():
		return fmt.Sprintf("refused (relevance %.2f)", r.Relevance)
	case p.want == classify.OtherCategory:
		return ""
	case slices.Contains(needIDs(r), p.want):
		return ""
	}
	for _, n := range r.Candidates(3) {
		if n.Category == p.want {
			return ""
		}
	}
	return fmt.Sprintf("asked without %s among needs %v or candidates %v", p.want, r.Needs, r.Candidates(3))
}

// taxonomyKeywords is the built-in taxonomy with only the keywords (and
// the phrases of other senses) of the languages keep accepts.
func taxonomyKeywords(t *testing.T, keep func(lang string) bool) *data.Taxonomy {
	t.Helper()
	return editedTaxonomy(t, func(file map[string]any) {
		for _, c := range file["categories"].([]any) {
			for _, field := range []string{"keywords", "other_senses"} {
				byLang, _ := c.(map[string]any)[field].(map[string]any)
				for lang := range byLang {
					if !keep(lang) {
						delete(byLang, lang)
					}
				}
			}
		}
	})
}

// TestProbes: every probe message is filed as its need or asked with it
// offered, never filed as another need; and the taxonomy's keywords of
// its own language name that need (so that removing a keyword the probes
// rely on fails here, whatever the model reads).
func TestProbes(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	own := map[string]*classify.KeywordMatcher{}
	for _, p := range probes {
		if own[p.lang] == nil {
			own[p.lang] = classify.NewKeywordMatcher(taxonomyKeywords(t, func(l string) bool { return l == p.lang }))
		}
	}
	perLang := map[string]map[string]bool{}
	for _, p := range probes {
		if perLang[p.lang] == nil {
			perLang[p.lang] = map[string]bool{}
		}
		perLang[p.lang][p.want] = true
		t.Run(p.lang+"/"+p.want, func(t *testing.T) {
			if got := probeOutcome(c, p); got != "" {
				t.Errorf("%q: %s", p.text, got)
			}
			found := false
			for _, m := range own[p.lang].MatchAll(p.text) {
				found = found || m.Category == p.want
			}
			if !found {
				t.Errorf("%q: no %s keyword of %s found (all keywords: %v)", p.text, p.lang, p.want, c.Keywords().MatchAll(p.text))
			}
		})
	}
	// Every need of the taxonomy is probed in every language.
	for _, lang := range []string{"en", "fr", "sw", "pt", "es", "ht"} {
		for _, id := range data.DefaultTaxonomy().IDs() {
			if !perLang[lang][id] {
				t.Errorf("no %s probe of %s", lang, id)
			}
		}
	}
}

// TestProbesNoFalseFriends: the keywords of the other five languages
// find no need in a probe message that its own language's keywords do not
// find: a word of one language that is another language's keyword for
// something else (pt "arder" in fr "aider") would make a need of a word
// nobody meant so.
func TestProbesNoFalseFriends(t *testing.T) {
	all := classify.NewKeywordMatcher(data.DefaultTaxonomy())
	own := map[string]*classify.KeywordMatcher{}
	for _, p := range probes {
		if own[p.lang] == nil {
			own[p.lang] = classify.NewKeywordMatcher(taxonomyKeywords(t, func(l string) bool { return l == p.lang }))
		}
		mine := map[string]bool{p.want: true, classify.OtherCategory: true}
		for _, m := range own[p.lang].MatchAll(p.text) {
			mine[m.Category] = true
		}
		for _, m := range all.MatchAll(p.text) {
			if !mine[m.Category] {
				t.Errorf("[%s] %q: the %s keyword %q (%s) reads %q", p.lang, p.text, m.Lang, m.Keyword, m.Category, p.text[m.Start:m.End])
			}
		}
	}
}

// TestProbesNotMisread: ordinary messages holding a word that is a
// keyword of another need elsewhere (another language's word, or another
// sense of the word) are neither filed as that need nor list it.
func TestProbesNotMisread(t *testing.T) {
	checkNotMisread(t, []misreading{
		{"fr", "on m'a volé ma moto hier soir", "fire"},
		{"pt", "roubaram a minha moto ontem", "fire"},
		{"es", "se robaron mi moto anoche", "fire"},
		{"sw", "kaka yangu hajulikani alipo", "sanitation"},
		{"fr", "ma tante est malade depuis hier", "shelter"},
		{"fr", "on a mangé ensemble hier soir chez ma soeur", "food"},
		{"fr", "il y a tant de malades au quartier", "shelter"},
		{"pt", "as latrinas estao cheias e cheira mal", "flood"},
		{"pt", "a vala esta cheia de lixo", "flood"},
		{"pt", "a rua esta cheia de lama depois da chuva", "landslide"},
		{"es", "la calle esta llena de barro", "landslide"},
		{"es", "hay mucho lodo en la calle despues de la lluvia", "landslide"},
		{"ht", "lari a plen labou apre lapli a", "landslide"},
		{"en", "the bridge collapsed, cars cannot pass", "building_collapse"},
		{"ht", "pon an kraze, machin pa ka pase", "building_collapse"},
		{"fr", "les eaux usées coulent dans la rue", "water_supply"},
		{"en", "flood water in our houses", "water_supply"},
		{"en", "i am looking for work, can you help", "security"},
		// SOS is a call for help of any kind, like "au secours" or
		// "socorro" (the "other" category), not people trapped: read so,
		// it listed people trapped beside water, food and tents in five
		// corpus texts, labelled so in one.
		{"en", "SOS SOS we need water, food and tents in Nazon", "people_trapped"},
		{"en", "sos no food here since 3 days", "people_trapped"},
		{"fr", "c'est un SOS, nous avons besoin d'eau", "people_trapped"},
	})
}

// misreading is a message that must not be read as need not.
type misreading struct{ lang, text, not string }

// checkNotMisread fails t for each message of cases that the built-in
// classifier files as its need not, or lists it among the needs.
func checkNotMisread(t *testing.T, cases []misreading) {
	t.Helper()
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range cases {
		r := c.Classify(tt.text)
		if cat, ok := r.Main(); ok && cat == tt.not {
			t.Errorf("[%s] %q filed as %s (needs %v)", tt.lang, tt.text, tt.not, r.Needs)
		}
		if slices.Contains(needIDs(r), tt.not) {
			t.Errorf("[%s] %q lists %s (needs %v, keywords %v)", tt.lang, tt.text, tt.not, r.Needs, r.Keywords)
		}
	}
}

// TestSevereAskedAlike: a severe category's keyword after an existential
// opener ("there is", "il y a", "gen", "hay", "tem", "kuna"), or in a
// phrase with an article or a possessive ("our house collapsed", "kay nou
// an kraze", "nyumba yetu imeanguka"), does not open the message, in every
// language alike: the category is filed only from Rule.FileSevere and is
// otherwise asked, offered first. Only the bare form ("house collapsed at
// the market", "kay kraze nan Delmas") gets the keyword-first credit.
// Letting the openers count like greetings filed two more texts of the
// development corpus, both wrong (docs/sms.md).
func TestSevereAskedAlike(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct{ msg, cat string }{
		{"there is a fire at the market", "fire"},
		{"il y a un incendie au marché", "fire"},
		{"gen dife nan mache a", "fire"},
		{"hay un incendio en el mercado", "fire"},
		{"tem um incêndio no mercado", "fire"},
		{"kuna moto sokoni", "fire"},
		{"our house collapsed", "building_collapse"},
		{"notre maison s'est effondrée", "building_collapse"},
		{"kay nou an kraze", "building_collapse"},
		{"kay la kraze", "building_collapse"},
		{"nuestra casa se cayó", "building_collapse"},
		{"a nossa casa desabou", "building_collapse"},
		{"nyumba yetu imeanguka kwa mvua", "building_collapse"},
	} {
		r := c.Classify(tt.msg)
		if len(r.Needs) == 0 || r.Needs[0].Category != tt.cat {
			t.Errorf("Classify(%q) needs %v, want %s first", tt.msg, r.Needs, tt.cat)
			continue
		}
		if _, ok := r.Main(); ok != (r.Needs[0].Confidence >= classify.ModelRule.FileSevere) {
			t.Errorf("Classify(%q): %s at %.2f filed %v", tt.msg, tt.cat, r.Needs[0].Confidence, ok)
		}
	}
	for _, msg := range []string{"house collapsed at the market", "kay kraze nan Delmas", "nyumba imeanguka Tandale"} {
		if cat, ok := c.Classify(msg).Main(); cat != "building_collapse" || !ok {
			t.Errorf("Classify(%q).Main() = %s, %v; want building_collapse filed", msg, cat, ok)
		}
	}
}

// TestWaterRisingIsFlood: water rising or a place under water is a
// flood, not the water supply ("maji yanapanda Jangwani" was filed as
// water supply at 0.68); water gone up in price is not ("maji yamepanda
// bei", the flood's other sense).
func TestWaterRisingIsFlood(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, msg := range []string{
		"maji yanapanda Jangwani",
		"maji yamepanda mtaani kwetu",
		"maji yanaongezeka mtaani kwetu",
		"the whole West Point under water",
		"we are under water at Tandale",
	} {
		if cat, ok := c.Classify(msg).Main(); !ok || cat != "flood" {
			t.Errorf("%q: %s (filed %v), want flood filed", msg, cat, ok)
		}
	}
	checkNotMisread(t, []misreading{
		{"sw", "maji yamepanda bei sana", "flood"},
		{"sw", "maji yanapanda bei kila siku", "flood"},
	})
}
