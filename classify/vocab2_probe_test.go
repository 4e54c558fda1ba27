package classify_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// vocab2Probes are plain messages about the needs other than those of
// vocabProbes (security, electricity, fire, blocked roads and drains,
// sanitation, rubbish, landslides, human remains, aid distribution,
// services open), in the ordinary words of each language: inflected verbs
// ("stealing", "was shot", "roubando", "wameiba", "yo kadejake"),
// plurals, no accents. Like probes they are written from knowledge of the
// six languages, not from the development corpus; TestProbes and
// TestProbesNoFalseFriends hold them to the same checks, and
// TestVocab2RankedFirst to a stricter one.
var vocab2Probes = []probe{
	// security: stealing, shooting, robbery, armed men, rape, kidnapping, killing
	{"en", "armed men are stealing in the night", "security"},
	{"en", "a man was shot near the school", "security"},
	{"en", "there was a robbery last night", "security"},
	{"en", "they stole our phones and money", "security"},
	{"en", "men with machetes threatening people", "security"},
	{"en", "gunmen attacked the bus this morning", "security"},
	{"en", "thugs are robbing people at night", "security"},
	{"en", "my neighbour was murdered last night", "security"},
	{"en", "a girl was raped near the market", "security"},
	{"en", "they broke into the shop and took everything", "security"},
	{"en", "two children were kidnapped yesterday", "security"},
	{"fr", "des hommes armés volent la nuit", "security"},
	{"fr", "un homme a été tué par balle près de l'école", "security"},
	{"fr", "des cambrioleurs sont entrés chez nous", "security"},
	{"fr", "une fille a été violée près du marché", "security"},
	{"fr", "ils tirent sur les gens la nuit", "security"},
	{"fr", "des bandits ont braqué le bus", "security"},
	{"fr", "mon frère a été kidnappé hier", "security"},
	{"sw", "watu wenye silaha wanaiba usiku", "security"},
	{"sw", "mtu amepigwa risasi karibu na shule", "security"},
	{"sw", "wameiba simu zetu na pesa", "security"},
	{"sw", "majambazi wametuvamia usiku", "security"},
	{"sw", "jirani yetu ameuawa usiku", "security"},
	{"pt", "homens armados estão roubando à noite", "security"},
	{"pt", "um homem foi baleado perto da escola", "security"},
	{"pt", "assaltaram a loja ontem a noite", "security"},
	{"pt", "estão a disparar na rua", "security"},
	{"pt", "mataram um rapaz na esquina", "security"},
	{"pt", "o meu filho foi sequestrado", "security"},
	{"es", "hombres armados están robando en la noche", "security"},
	{"es", "le dispararon a un hombre cerca de la escuela", "security"},
	{"es", "asaltaron la tienda anoche", "security"},
	{"es", "mataron a un señor en la esquina", "security"},
	{"es", "unos pandilleros nos amenazaron", "security"},
	{"es", "secuestraron a mi hermano", "security"},
	{"ht", "gen nèg ak zam k ap vòlè lannwit", "security"},
	{"ht", "yo tire yon nonm bò lekòl la", "security"},
	{"ht", "zenglendo antre lakay nou yè swa", "security"},
	{"ht", "yo kadejake yon fi bò mache a", "security"},
	{"ht", "yo kidnape pitit vwazen m nan", "security"},
	{"ht", "yo ba l kout manchèt", "security"},

	// electricity: lines and poles down, power gone, cables hanging
	{"en", "power lines are down on the street", "electricity"},
	{"en", "the power went off yesterday", "electricity"},
	{"en", "lights went out in the whole street", "electricity"},
	{"en", "a power pole fell on the road", "electricity"},
	{"en", "an electric cable is hanging over the school", "electricity"},
	{"en", "power failure since morning", "electricity"},
	{"fr", "les fils électriques sont tombés dans la rue", "electricity"},
	{"fr", "un poteau est tombé sur la route", "electricity"},
	{"fr", "plus de courant depuis trois jours", "electricity"},
	{"fr", "un câble électrique pend devant l'école", "electricity"},
	{"fr", "on n'a pas de lumière depuis une semaine", "electricity"},
	{"sw", "hakuna stima tangu jana", "electricity"},
	{"sw", "nyaya zimeanguka barabarani", "electricity"},
	{"sw", "nguzo ya stima imeanguka", "electricity"},
	{"sw", "umeme umeenda mtaa mzima", "electricity"},
	{"pt", "os fios de luz caíram na rua", "electricity"},
	{"pt", "falta de luz desde ontem", "electricity"},
	{"pt", "cortaram a luz no bairro", "electricity"},
	{"pt", "um cabo elétrico caiu na estrada", "electricity"},
	{"es", "los cables de luz se cayeron en la calle", "electricity"},
	{"es", "cortaron la luz en todo el barrio", "electricity"},
	{"es", "se cayó un poste de luz", "electricity"},
	{"es", "hay apagones todos los días", "electricity"},
	{"ht", "fil kouran yo tonbe nan lari a", "electricity"},
	{"ht", "kouran koupe depi yè", "electricity"},
	{"ht", "yon poto tonbe, fil yo pandye", "electricity"},
	{"ht", "nou pa gen limyè depi yon semèn", "electricity"},

	// fire: burned down, set on fire, in flames, firemen
	{"en", "a house burned down last night", "fire"},
	{"en", "the shop burnt down, call the firemen", "fire"},
	{"en", "the fire spread to the next houses", "fire"},
	{"en", "they set fire to the market", "fire"},
	{"en", "the whole kiosk is ablaze", "fire"},
	{"fr", "le marché a brûlé cette nuit", "fire"},
	{"fr", "appelez les sapeurs pompiers", "fire"},
	{"fr", "trois maisons sont en flammes", "fire"},
	{"fr", "une maison a pris feu près du marché", "fire"},
	{"sw", "soko limeungua usiku", "fire"},
	{"sw", "nyumba tatu zimeteketea kwa moto", "fire"},
	{"sw", "nyumba imeungua kwa moto usiku", "fire"},
	{"sw", "moto umewaka sokoni", "fire"},
	{"sw", "ita zimamoto haraka", "fire"},
	{"pt", "o mercado incendiou esta noite", "fire"},
	{"pt", "tem uma casa em chamas", "fire"},
	{"pt", "a casa está pegando fogo", "fire"},
	{"es", "se incendió el mercado", "fire"},
	{"es", "la casa está en llamas", "fire"},
	{"es", "prendieron fuego a la tienda", "fire"},
	{"ht", "mache a boule yè swa", "fire"},
	{"ht", "yo mete dife nan mache a", "fire"},
	{"ht", "ensandi nan katye a", "fire"},

	// road blocked: bridges washed away, roads destroyed or barricaded, vehicles cannot pass
	{"en", "the bridge was washed away by the river", "road_blocked"},
	{"en", "the road is destroyed, we cannot reach the clinic", "road_blocked"},
	{"en", "protesters blocked the road with tyres", "road_blocked"},
	{"en", "cars cant pass on the main road", "road_blocked"},
	{"fr", "la route est fermée depuis hier", "road_blocked"},
	{"fr", "des manifestants ont barré la route", "road_blocked"},
	{"fr", "la route est détruite après la pluie", "road_blocked"},
	{"fr", "les camions ne passent pas", "road_blocked"},
	{"sw", "magari hayawezi kupita hapa", "road_blocked"},
	{"sw", "daraja limekatika, hatuwezi kupita", "road_blocked"},
	{"sw", "barabara imezibwa na mawe", "road_blocked"},
	{"pt", "a ponte foi levada pelo rio", "road_blocked"},
	{"pt", "a estrada está destruída", "road_blocked"},
	{"pt", "bloquearam a estrada com pneus", "road_blocked"},
	{"pt", "os carros não passam aqui", "road_blocked"},
	{"es", "el río se llevó el puente", "road_blocked"},
	{"es", "la carretera quedó destruida", "road_blocked"},
	{"es", "bloquearon la vía con llantas", "road_blocked"},
	{"es", "los carros no pueden pasar", "road_blocked"},
	{"ht", "dlo a pote pon an ale", "road_blocked"},
	{"ht", "wout la gate nèt", "road_blocked"},
	{"ht", "yo bare wout la ak kawotchou k ap boule", "road_blocked"},
	{"ht", "pon an tonbe, machin pa ka pase", "road_blocked"},

	// blocked drains: sewers, ditches, pipes clogged, water not draining
	{"en", "the drains are blocked near the market", "blocked_drain"},
	{"en", "the ditch is clogged again", "blocked_drain"},
	{"en", "the sewer is blocked on our street", "blocked_drain"},
	{"fr", "les égouts sont bouchés dans notre rue", "blocked_drain"},
	{"fr", "le fossé est bouché devant la maison", "blocked_drain"},
	{"fr", "la canalisation est bouchée", "blocked_drain"},
	{"sw", "mifereji imeziba karibu na soko", "blocked_drain"},
	{"sw", "mitaro imeziba, maji hayapiti", "blocked_drain"},
	{"pt", "os bueiros estão entupidos", "blocked_drain"},
	{"pt", "a vala está tapada na nossa rua", "blocked_drain"},
	{"es", "los caños están tapados", "blocked_drain"},
	{"es", "la cuneta está tapada frente a la casa", "blocked_drain"},
	{"ht", "kanal yo bouche", "blocked_drain"},
	{"ht", "rigòl la plen, dlo pa ka desann", "blocked_drain"},

	// sanitation: open defecation, no toilets, full latrines that stink
	{"en", "people defecate in the open behind the school", "sanitation"},
	{"en", "there are no toilets in the camp", "sanitation"},
	{"en", "the latrines are full and it stinks", "sanitation"},
	{"en", "the toilet is blocked", "sanitation"},
	{"fr", "les gens font leurs besoins dehors", "sanitation"},
	{"fr", "il n'y a pas de toilettes au quartier", "sanitation"},
	{"fr", "les latrines sont pleines, ça pue", "sanitation"},
	{"sw", "watu wanajisaidia nje", "sanitation"},
	{"sw", "hakuna vyoo kambini", "sanitation"},
	{"sw", "choo kimejaa kinanuka sana", "sanitation"},
	{"pt", "as pessoas fazem as necessidades na rua", "sanitation"},
	{"pt", "não há casas de banho no campo", "sanitation"},
	{"pt", "a latrina está cheia e fede", "sanitation"},
	{"es", "la gente hace sus necesidades en la calle", "sanitation"},
	{"es", "no hay baños en el campamento", "sanitation"},
	{"es", "la letrina está llena y apesta", "sanitation"},
	{"ht", "moun ap poupou deyò", "sanitation"},
	{"ht", "pa gen twalèt nan kan an", "sanitation"},
	{"ht", "latrin yo plen, yo santi move", "sanitation"},

	// solid waste: rubbish dumped, piled up, not collected
	{"en", "people keep dumping rubbish by the river", "solid_waste"},
	{"en", "piles of garbage on the street", "solid_waste"},
	{"fr", "personne ne vient ramasser les ordures", "solid_waste"},
	{"sw", "takataka zimerundikana barabarani", "solid_waste"},
	{"pt", "as pessoas jogam lixo no rio", "solid_waste"},
	{"es", "la gente bota basura al río", "solid_waste"},
	{"ht", "moun yo jete fatra nan rivyè a", "solid_waste"},

	// landslide: a hill or mountain slid or collapsed, rocks came down
	{"en", "the hill slid down on the houses", "landslide"},
	{"en", "rocks came down after the rain", "landslide"},
	{"en", "part of the mountain collapsed onto the road", "landslide"},
	{"en", "the hillside gave way last night", "landslide"},
	{"fr", "la montagne s'est effondrée sur les maisons", "landslide"},
	{"fr", "des rochers sont tombés sur la route", "landslide"},
	{"fr", "le morne s'est effondré sur les maisons", "landslide"},
	{"sw", "udongo umefunika nyumba tatu", "landslide"},
	{"sw", "miamba imeanguka barabarani", "landslide"},
	{"pt", "o morro desabou sobre as casas", "landslide"},
	{"pt", "a terra desceu em cima das casas", "landslide"},
	{"pt", "caíram pedras na estrada", "landslide"},
	{"es", "se vino la montaña encima de las casas", "landslide"},
	{"es", "el cerro se derrumbó sobre las casas", "landslide"},
	{"es", "cayeron piedras en la carretera", "landslide"},
	{"ht", "mòn nan desann sou kay yo", "landslide"},
	{"ht", "wòch yo desann sou wout la", "landslide"},

	// human remains: a dead person lying somewhere, bodies not collected
	{"en", "there is a dead man lying in the street", "human_remains"},
	{"en", "nobody came to collect the bodies", "human_remains"},
	{"en", "a dead child was found near the river", "human_remains"},
	{"fr", "il y a des corps sous les décombres", "human_remains"},
	{"fr", "un mort dans la rue depuis hier", "human_remains"},
	{"fr", "personne n'a ramassé les corps", "human_remains"},
	{"sw", "kuna maiti chini ya kifusi", "human_remains"},
	{"sw", "maiti zinanuka mtaani", "human_remains"},
	{"pt", "há corpos debaixo dos escombros", "human_remains"},
	{"pt", "tem um morto na rua desde ontem", "human_remains"},
	{"pt", "ninguém recolheu os corpos", "human_remains"},
	{"es", "hay cuerpos debajo de los escombros", "human_remains"},
	{"es", "hay un muerto en la calle desde ayer", "human_remains"},
	{"es", "nadie ha recogido los cuerpos", "human_remains"},
	{"ht", "gen yon mò nan lari a depi yè", "human_remains"},
	{"ht", "gen kadav anba dekonb yo", "human_remains"},

	// aid distribution: where and when aid is handed out
	{"en", "who is handing out blankets?", "aid_distribution"},
	{"en", "where is the distribution today", "aid_distribution"},
	{"en", "when do the relief items arrive", "aid_distribution"},
	{"fr", "où est la distribution aujourd'hui", "aid_distribution"},
	{"fr", "ils distribuent quoi au stade? on distribue des kits", "aid_distribution"},
	{"sw", "wanagawa msaada wapi?", "aid_distribution"},
	{"sw", "msaada utagawiwa lini?", "aid_distribution"},
	{"pt", "quando vão distribuir os kits", "aid_distribution"},
	{"pt", "estão a distribuir cobertores na escola", "aid_distribution"},
	{"es", "dónde están repartiendo las ayudas?", "aid_distribution"},
	{"es", "cuándo van a repartir los kits", "aid_distribution"},
	{"ht", "ki lè distribisyon an ap fèt", "aid_distribution"},
	{"ht", "ki kote distribisyon an ye", "aid_distribution"},

	// service available: a clinic open again, free care
	{"en", "free medical care at the church today", "service_available"},
	{"en", "the clinic reopened this morning", "service_available"},
	{"fr", "le dispensaire est ouvert aujourd'hui", "service_available"},
	{"fr", "consultations gratuites au centre", "service_available"},
	{"sw", "zahanati imefunguliwa leo", "service_available"},
	{"pt", "o posto de saúde abriu hoje", "service_available"},
	{"pt", "consulta gratuita no centro de saúde", "service_available"},
	{"es", "el centro de salud abrió hoy", "service_available"},
	{"es", "consulta gratis en la iglesia", "service_available"},
	{"ht", "dispansè a louvri jodi a", "service_available"},
	{"ht", "konsiltasyon gratis nan legliz la", "service_available"},
}

func init() { probes = append(probes, vocab2Probes...) }

// TestVocab2RankedFirst: each of vocab2Probes is read first as its need:
// filed as it, or asked with it first among the needs, or, when no need
// reaches Rule.Need, first among the candidates the category menu offers.
// Before these keywords, "armed men are stealing in the night" and "a man
// was shot near the school" read no category, "the bridge was washed away
// by the river" and "la montagne s'est effondrée sur les maisons" none or
// a building collapse. (A lone security or electricity keyword often stays
// under Rule.Need: "there was a robbery last night" is security at 0.27,
// the model's reading of those words in the development corpus, so
// "first" is the menu's first offer there.)
func TestVocab2RankedFirst(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, p := range vocab2Probes {
		r := c.Classify(p.text)
		cat, filed := r.Main()
		switch {
		case filed && cat != p.want:
			t.Errorf("[%s] %q filed as %s, want %s (needs %v)", p.lang, p.text, cat, p.want, r.Needs)
		case filed:
		case len(r.Needs) > 0:
			if r.Needs[0].Category != p.want {
				t.Errorf("[%s] %q needs %v, want %s first", p.lang, p.text, r.Needs, p.want)
			}
		default:
			if cs := r.Candidates(1); len(cs) == 0 || cs[0].Category != p.want {
				t.Errorf("[%s] %q no need, candidates %v, want %s first", p.lang, p.text, cs, p.want)
			}
		}
	}
}

// TestVocab2NotMisread: ordinary messages that hold another sense of a
// keyword of vocab2Probes' needs, or a word one typo from one, neither
// file nor list that need. English "shot" is a keyword only in phrases
// ("was shot", "shot dead": "a flu shot" is not), "delegation" is not a
// misspelt French "défécation" (now only in phrases); words left out for
// their neighbours stay out: French "voler" (voler au secours), Creole
// "tiye" (grangou ap tiye timoun yo) and "tire" when it draws water
// (the water supply phrase "tire dlo" holds it), Spanish "robando" (≈ "rogando"),
// Portuguese "baleado" (≈ "baseado") and "catanas" (≈ "cabanas"),
// Swahili "inawaka" (a lamp is lit) and "moto" after a connective
// ("maji ya moto": hot water), Creole "fimen" (to smoke), English
// "giving out", "blazing" (≈ "blaming"), "stinking" (≈ "sinking") and
// "postes" (read in English "post").
func TestVocab2NotMisread(t *testing.T) {
	checkNotMisread(t, []misreading{
		{"en", "I shot a video of the street", "security"},
		{"en", "the baby needs a flu shot", "security"},
		{"en", "a delegation came to see us", "sanitation"},
		{"en", "we are blaming the mayor for this", "fire"},
		{"en", "the house is sinking", "sanitation"},
		{"en", "my legs are giving out", "aid_distribution"},
		{"en", "I am posting this from the school", "electricity"},
		{"en", "they touched the wall", "fire"},
		{"fr", "prière de voler à notre secours", "security"},
		{"fr", "les oiseaux volent au dessus du camp", "security"},
		{"es", "estamos rogando por ayuda", "security"},
		{"es", "el arriendo está muy caro", "fire"},
		{"pt", "baseado no que vimos ontem", "security"},
		{"pt", "as cabanas estão cheias de gente", "security"},
		{"pt", "os meninos quebraram a janela", "fire"},
		{"sw", "taa inawaka usiku kucha", "fire"},
		{"sw", "tunahitaji maji ya moto kwa mtoto", "fire"},
		{"sw", "chakula cha moto kimeisha", "fire"},
		{"ht", "grangou ap tiye timoun yo", "security"},
		{"ht", "m ap tire dlo nan pi a", "security"},
		{"ht", "li fimen twòp sigarèt", "fire"},
	})
}
