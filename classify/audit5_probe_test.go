package classify_test

import (
	"testing"
)

// audit5Fixed are the messages of the fifth audit, of the categories
// only the keywords read (road blocked, blocked drain, solid waste,
// sanitation, landslide, human remains, service available, aid
// distribution), that the classifier got wrong when it was written (lead
// 336054c), with what they get now (see checkAudit5 for want): filed as
// another need ("la clinique de Delmas est rouverte" as medical, "a
// latrina da escola transbordou" as a flood), the category not offered
// first ("a ponte do Infulene desabou" offered building collapse), or a
// near miss filed as one of these categories because its keyword opens
// the message ("foleni ya benki ni ndefu leo", "landslide victory for
// the opposition", "wanagawa kadi za harusi"). Written from knowledge of
// how residents of Dar es Salaam, Nairobi, Monrovia, Dhaka, Haiti,
// Maputo, Brazilian favelas and Latin American barrios text, not from
// the development corpus, and none of the other probe files' messages.
// What fixed them: keywords with a gap for a clinic or a hospital open
// again, a bridge broken, a hill collapsed, a latrine overflowing;
// keywords ("tree fall", "umeanguka barabarani", "medical camp", "giving
// out", "being distributed", "overflowing with garbage", "décharge
// déborde", "wòch ki tonbe") and other senses (data/taxonomy.json).
var audit5Fixed = []auditCase{
	{"en", "big tree fall across the road at Paynesville", "road_blocked"},         // filed since Rule.FileKeywordPhrase
	{"en", "rickshaw cannot go, road broken after rain in Korail", "road_blocked"}, // filed since Rule.FileKeywordPhrase
	{"en", "the bridge to Clara Town is broken, we are cut off", "road_blocked"},   // filed since Rule.FileKeywordPhrase
	{"sw", "daraja la Jangwani limesombwa na maji", "road_blocked"},                // filed since Rule.FileKeywordPhrase
	{"sw", "mti mkubwa umeanguka barabarani Mbezi", "road_blocked"},                // filed since Rule.FileKeywordPhrase
	{"pt", "a ponte do Infulene desabou", "road_blocked"},                          // filed since Rule.FileKeywordPhrase
	{"fr", "on ne peut pas passer la soirée ensemble", "none"},
	{"sw", "foleni ya benki ni ndefu leo", "none"},
	{"pt", "não dá para passar na prova sem estudar", "none"},
	{"es", "no podemos pasar la Navidad juntos", "none"},
	{"en", "the skip at Korogocho is overflowing with garbage", "solid_waste"}, // filed since Rule.FileKeywordPhrase
	{"fr", "la décharge déborde jusque dans la rue", "solid_waste"},            // filed since Rule.FileKeywordPhrase
	{"en", "plastic chairs for sale at good price", "none"},
	{"en", "septic tank overflowing near the church", "sanitation"},
	{"pt", "a latrina da escola transbordou", "sanitation"}, // filed since Rule.FileKeywordPhrase
	{"en", "the hill behind Korail collapsed after the rain", "asked landslide"},
	{"ht", "gen wòch ki tonbe sou wout Fermathe", "asked landslide|road_blocked"},
	{"en", "landslide victory for the opposition", "none"},
	{"sw", "miili yetu inahitaji mazoezi", "none"},
	{"en", "the clinic at Kibera is open again", "asked service_available"},
	{"en", "Mathare health centre reopened today", "asked service_available"},
	{"en", "free medical camp at the school tomorrow", "asked service_available"},
	{"fr", "la clinique de Delmas est rouverte", "asked service_available"},
	{"ht", "lopital Jeneral ap fonksyone kounye a", "asked service_available"},
	{"sw", "zahanati ya Tandale imefunguliwa tena", "asked service_available"},
	{"sw", "hospitali ya Mwananyamala inafanya kazi sasa", "asked service_available"},
	{"pt", "o hospital de Mavalane está a funcionar", "asked service_available"},
	{"es", "la clínica del barrio ya está abierta", "asked service_available"},
	{"en", "they are giving out food at the chief's camp", "asked aid_distribution"},
	{"en", "relief food being distributed at Kibera DO office", "asked aid_distribution"},
	{"pt", "a Cruz Vermelha vai distribuir lonas", "asked aid_distribution"},
	{"en", "handing out flyers for the church crusade", "none"},
	{"fr", "on distribue les cartes, tu joues?", "none"},
	{"sw", "wanagawa kadi za harusi", "none"},
	{"es", "reparten volantes de la campaña", "none"}}

// audit5Cases are the other messages of the fifth audit, which the
// classifier got right or asked about with their category offered first:
// they must stay so. Left out, as known confident wrong answers not
// fixed (docs/sms.md): one of these categories beside a flood named in
// passing, read by the model above the pooled keyword head by more than
// KeywordOnlyMargin ("waste everywhere in West Point after the flood",
// "dead people still not buried after the flood", "cadáveres na rua
// depois da cheia", "culvert blocked, water entering houses", "rigòl yo
// bouche, lè lapli tonbe dlo antre lakay": flood filed), "the only road
// out of the camp is cut" (shelter: "out" opens no English gap), "when
// will they distribute the maize flour" (food), adverts that open with
// a keyword ("free consultation with our lawyers this week", "service
// disponible 24h/24, appelez-nous": filed as service available), "Dead
// Man Walking is a good film" (human remains), "lol I'm dead" (medical),
// "the electricity distribution company is hiring" (electricity), "toilet
// paper price went up again" (sanitation: toilet paper is a hygiene need,
// "we need toilet paper and soap", so no other sense), "j'achète
// des sachets d'eau au marché" (water supply), "harufu ya chakula ni
// nzuri" (food), and "the soil is moving on the slope, cracks in the
// houses" (no keyword).
var audit5Cases = []auditCase{
	// A landslide that hits is one; "won by a landslide" is a vote.
	{"en", "Cap Haitien hit by a landslide this morning, a school buried", "asked landslide"},
	{"en", "we need toilet paper and soap", "asked sanitation"},
	{"en", "the road to Gbarnga is blocked by a truck stuck in the mud", "road_blocked"}, // filed since Rule.FileKeywordPhrase
	{"en", "police closed the road near Kibera DC, we cant pass", "asked road_blocked"},
	{"en", "bridge at Mathare washed away nobody can cross", "road_blocked"}, // filed since Rule.FileKeywordPhrase
	{"en", "pls clear the road, fallen trees everywhere on Ngong road", "asked road_blocked"},
	{"en", "roads impassable in Jacmel since the storm", "asked road_blocked"},
	{"en", "our street is flooded cars cant pass", "asked road_blocked|flood"},
	{"en", "youths put barricades on the main road in Mathare", "asked road_blocked"},
	{"fr", "la route de Carrefour est bloquée par des pneus enflammés", "road_blocked"}, // filed since Rule.FileKeywordPhrase
	{"fr", "le pont de Gonzagueville est tombé, on ne peut plus passer", "road_blocked"},
	{"fr", "un arbre est tombé sur la route à Kenscoff", "road_blocked"},    // filed since Rule.FileKeywordPhrase
	{"fr", "les manifestants ont barré la route nationale", "road_blocked"}, // filed since Rule.FileKeywordPhrase
	{"fr", "la rue est impraticable à cause de la boue", "asked road_blocked"},
	{"ht", "wout Kenscoff la bloke, yon gwo wòch tonbe", "asked road_blocked"},
	{"ht", "pon an kraze nan Leyogann, machin pa ka pase", "road_blocked"},
	{"ht", "yo bare wout la ak kawotchou nan Bel Air", "road_blocked"}, // filed since Rule.FileKeywordPhrase
	{"ht", "lari a plen labou, moun pa ka pase", "asked road_blocked"},
	{"ht", "wout la koupe apre lapli a", "road_blocked"},             // filed since Rule.FileKeywordPhrase
	{"sw", "barabara ya Kibera imefungwa na polisi", "road_blocked"}, // filed since Rule.FileKeywordPhrase
	{"sw", "magari hayawezi kupita barabara ya Morogoro", "road_blocked"},
	{"sw", "njia ya kwenda Tandale haipitiki kwa matope", "asked road_blocked"},
	{"pt", "a estrada para Boane está cortada pela água", "road_blocked"}, // filed since Rule.FileKeywordPhrase
	{"pt", "caiu uma árvore na rua e ninguém passa", "road_blocked"},      // filed since Rule.FileKeywordPhrase
	{"pt", "os moradores bloquearam a estrada com pneus", "road_blocked"}, // filed since Rule.FileKeywordPhrase
	{"pt", "a rua está intransitável por causa da lama", "asked road_blocked"},
	{"es", "la vía a Mocoa está bloqueada por un derrumbe", "asked road_blocked|landslide"},
	{"es", "se cayó el puente de la quebrada, no podemos pasar", "road_blocked"},
	{"es", "un árbol caído tapa la calle 5", "road_blocked"}, // filed since Rule.FileKeywordPhrase
	{"es", "la carretera está cerrada por el agua", "asked road_blocked|water_supply"},
	{"es", "los vecinos bloquearon la calle con llantas", "road_blocked"}, // filed since Rule.FileKeywordPhrase
	{"en", "the road to success is hard", "none"},
	{"en", "I am on the road, will call you later", "none"},
	{"en", "road trip to Nakuru this weekend", "none"},
	{"en", "stuck in traffic jam going home, see you later", "none"},
	{"en", "you can't pass the exam without studying", "none"},
	{"en", "cross the road carefully my son", "none"},
	{"fr", "je suis en route pour le marché", "none"},
	{"fr", "bonne route mon frère", "none"},
	{"fr", "le bouchon de la bouteille est perdu", "none"},
	{"ht", "m pa ka pase egzamen an", "none"},
	{"ht", "bon wout frè m", "none"},
	{"sw", "safari njema barabarani", "none"},
	{"pt", "estou na estrada, chego já", "none"},
	{"pt", "o caminho para o sucesso é difícil", "none"},
	{"pt", "peguei engarrafamento no trabalho, chego tarde", "none"},
	{"es", "el camino al éxito es difícil", "none"},
	{"es", "hay trancón en la autopista, llego tarde", "none"},
	{"en", "the gutter by our house is blocked with plastic bags", "asked blocked_drain"},
	{"en", "drains full of garbage at Mathare, water everywhere", "asked blocked_drain|flood"},
	{"en", "storm drain blocked near Kibera school", "blocked_drain"},
	{"en", "the canal in Korail is choked with rubbish", "asked blocked_drain"},
	{"en", "clogged drains, stagnant water breeding mosquitoes", "blocked_drain"},
	{"en", "the ditch in front of my house is full and smelling", "asked blocked_drain"},
	{"en", "the drainage in Mirpur 10 not working, water standing on road", "asked blocked_drain|water_supply"},
	{"fr", "le caniveau devant chez moi est bouché par les sachets", "asked blocked_drain"},
	{"fr", "les caniveaux de Treichville sont pleins, l'eau ne passe pas", "blocked_drain"},
	{"fr", "la rigole est bouchée, l'eau stagne devant la maison", "blocked_drain"},
	{"fr", "les égouts sont bouchés à Abobo", "blocked_drain"}, // filed since Rule.FileKeywordPhrase
	{"ht", "kanal la plen fatra, dlo pa ka pase nan Site Solèy", "blocked_drain"},
	{"ht", "dren an bouche devan lekòl la", "blocked_drain"},
	{"ht", "kanivo a bouche ak sache", "blocked_drain"},
	{"sw", "mtaro umeziba na taka Kigogo", "blocked_drain"},
	{"sw", "mitaro ya Tandale imejaa maji hayapiti", "asked blocked_drain|flood"},
	{"sw", "mfereji wa mvua umeziba tunaomba msaada", "blocked_drain"},
	{"pt", "a vala de drenagem está entupida de lixo no Chamanculo", "blocked_drain"},
	{"pt", "o bueiro da rua entupiu e a água não escoa", "blocked_drain"},
	{"pt", "as valas estão cheias, a água entra nas casas", "asked blocked_drain|water_supply"},
	{"es", "la alcantarilla de la esquina está tapada con basura", "blocked_drain"},
	{"es", "el desagüe está tapado y el agua no drena", "blocked_drain"},
	{"es", "la cuneta está llena de lodo y el agua se mete a las casas", "asked blocked_drain"},
	{"en", "this game drains my phone battery", "none"},
	{"en", "my phone battery is draining fast", "none"},
	{"en", "all that money down the drain", "none"},
	{"en", "we watched a film about the Panama canal", "none"},
	{"en", "my nose is clogged from the cold", "none"},
	{"fr", "quelle buse celui-là", "none"},
	{"fr", "le fossé entre riches et pauvres grandit", "none"},
	{"ht", "m ap gade kanal televizyon an", "none"},
	{"ht", "chanje kanal la mwen pa renmen emisyon sa a", "none"},
	{"pt", "meu nariz está entupido", "none"},
	{"pt", "estou entupido de trabalho", "none"},
	{"es", "tengo la nariz tapada", "none"},
	{"es", "estoy tapado de trabajo", "none"},
	{"en", "garbage has not been collected for 2 weeks in Kibera", "solid_waste"},
	{"en", "rubbish piling up near the market, flies everywhere", "solid_waste"},
	{"en", "people dumping trash in the river at Mathare", "solid_waste"},
	{"en", "dumpsite on fire smoke everywhere", "fire"},
	{"fr", "les ordures ne sont pas ramassées depuis un mois à Abobo", "asked solid_waste"},
	{"fr", "il y a un tas d'ordures devant l'école", "solid_waste"}, // filed since Rule.FileKeywordPhrase
	{"fr", "les poubelles débordent au marché", "solid_waste"},      // filed since Rule.FileKeywordPhrase
	{"ht", "fatra anpile nan lari a Kafou Fèy", "solid_waste"},
	{"ht", "pèsonn pa vin ranmase fatra depi 3 semèn", "solid_waste"}, // filed since Rule.FileKeywordPhrase
	{"ht", "moun yo ap jete fatra nan ravin nan", "solid_waste"},      // filed since Rule.FileKeywordPhrase
	{"sw", "takataka hazijazolewa wiki tatu sasa Kigogo", "solid_waste"},
	{"sw", "jalala la soko limejaa, harufu mbaya", "solid_waste"},
	{"sw", "watu wanatupa taka mtoni", "asked solid_waste"},
	{"pt", "o lixo não é recolhido há duas semanas no bairro", "asked solid_waste"},
	{"pt", "montes de lixo na rua, tem rato por todo lado", "asked solid_waste"},
	{"pt", "o contentor está cheio e as pessoas jogam lixo no chão", "solid_waste"},
	{"es", "no han recogido la basura en tres semanas", "asked solid_waste"},
	{"es", "el botadero está lleno y la basura llega a la calle", "solid_waste"},
	{"es", "tiran basura en la quebrada y se tapa", "solid_waste"},
	{"en", "stop the trash talk", "none"},
	{"en", "that movie was trash", "none"},
	{"en", "don't waste my time", "none"},
	{"en", "what a waste of money", "none"},
	{"en", "I refuse to go to that meeting", "none"},
	{"en", "our dog had a litter of puppies", "none"},
	{"fr", "ce type est une ordure", "none"},
	{"ht", "misye se yon fatra", "none"},
	{"ht", "m ap vann sache dlo", "none"},
	{"ht", "chèz plastik pou vann", "none"},
	{"sw", "ndoo ya plastiki inauzwa", "none"},
	{"pt", "esse filme é um lixo", "none"},
	{"pt", "cadeiras de plástico à venda", "none"},
	{"es", "ese partido fue una basura", "none"},
	{"en", "the latrines in the camp are full and overflowing", "asked sanitation|flood"},
	{"en", "no toilets at the school, children going in the bush", "sanitation"},
	{"en", "sewage flowing in the street at Korogocho", "sanitation"},
	{"en", "the pit latrine collapsed in our plot", "asked sanitation"},
	{"en", "flying toilets everywhere in Kibera", "asked sanitation"},
	{"en", "the public toilet is locked, people defecate outside", "sanitation"},
	{"fr", "les latrines du camp sont pleines", "asked sanitation"},
	{"fr", "pas de toilettes à l'école, les enfants font leurs besoins dehors", "sanitation"},
	{"fr", "les eaux usées stagnent devant les maisons", "sanitation"}, // filed since Rule.FileKeywordPhrase
	{"fr", "la fosse septique déborde, ça pue", "sanitation"},
	{"ht", "latrin ki nan kan Kanaran yo plen nèt", "sanitation"},
	{"ht", "pa gen twalèt nan lekòl la, timoun yo ap poupou deyò", "sanitation"},
	{"ht", "dlo egou ap koule devan pòt nou", "sanitation"},
	{"ht", "twalèt la debòde, li santi move", "sanitation"},
	{"sw", "vyoo vimejaa Kibera hatuna pa kujisaidia", "sanitation"},
	{"sw", "choo cha shule kimefurika", "sanitation"},
	{"sw", "maji taka yanatiririka mpaka ndani ya nyumba", "sanitation"},
	{"sw", "hakuna choo watu wanajisaidia vichakani", "sanitation"},
	{"pt", "esgoto a céu aberto na frente de casa", "sanitation"},
	{"pt", "não há casas de banho no centro de acolhimento", "sanitation"}, // filed since Rule.FileKeywordPhrase
	{"pt", "a fossa transbordou e o cheiro é insuportável", "sanitation"},
	{"es", "las letrinas del albergue están llenas", "asked sanitation"},
	{"es", "aguas negras corren por la calle", "sanitation"},
	{"es", "no hay baños en el refugio, la gente hace sus necesidades afuera", "sanitation"},
	{"es", "el pozo séptico se rebosó y huele horrible", "sanitation"},
	{"en", "I smell something nice cooking", "none"},
	{"en", "he smells like perfume", "none"},
	{"en", "this job stinks", "none"},
	{"en", "where is the bathroom in this mall", "none"},
	{"fr", "le papier toilette est cher", "none"},
	{"fr", "j'aime l'odeur du café le matin", "none"},
	{"ht", "papye twalèt la chè", "none"},
	{"ht", "m renmen odè kafe a", "none"},
	{"sw", "karatasi ya choo bei gani", "none"},
	{"pt", "papel higiénico está caro", "none"},
	{"pt", "adoro o cheiro do café", "none"},
	{"es", "el papel higiénico subió de precio", "none"},
	{"es", "me gusta el olor del café", "none"},
	{"es", "me baño en el río los domingos", "none"},
	{"en", "mudslide in Kibera, houses buried", "landslide"},
	{"en", "landslide in Bududa many houses covered", "landslide"},
	{"en", "mud came down from the hill into our houses", "landslide"},
	{"en", "rocks falling on the road to Kenscoff", "landslide"},
	{"fr", "glissement de terrain à Pétion-Ville, des maisons enterrées", "landslide"},
	{"fr", "la colline s'est effondrée sur les maisons à Kenscoff", "asked landslide"},
	{"fr", "une coulée de boue a emporté trois maisons", "asked landslide"},
	{"fr", "des gros rochers sont tombés sur la route de Furcy", "asked landslide|road_blocked"},
	{"ht", "tè a glise sou kay yo nan Kenscoff", "asked landslide"},
	{"ht", "mòn nan desann sou katye a apre lapli a", "landslide"},
	{"ht", "labou desann sot nan mòn lan kouvri kay yo", "landslide"},
	{"sw", "maporomoko ya udongo yamefunika nyumba Kilimani", "landslide"},
	{"sw", "mlima umeporomoka baada ya mvua kubwa", "asked landslide|flood"},
	{"sw", "udongo umeteleza nyumba mbili zimefunikwa", "landslide"},
	{"pt", "deslizamento de terra no morro do Alemão, casas soterradas", "landslide"},
	{"pt", "a barreira caiu em cima de três casas na Rocinha", "asked landslide"},
	{"pt", "o morro desabou depois da chuva", "asked landslide"},
	{"es", "hubo un derrumbe en el cerro, varias casas tapadas", "asked landslide"},
	{"es", "se vino la loma sobre las casas del barrio", "asked landslide"},
	{"es", "deslizamiento de tierra en la comuna 8", "landslide"},
	{"es", "avalancha de lodo en la quebrada", "landslide"},
	{"en", "the party won by a landslide", "none"},
	{"en", "prices slid down this week", "none"},
	{"en", "the kids slid down the slide at school", "none"},
	{"en", "we learn about soil erosion in geography class", "none"},
	{"fr", "attention au glissement, le sol est mouillé", "none"},
	{"sw", "maporomoko ya maji ya Victoria ni mazuri sana", "none"},
	{"pt", "a erosão do poder de compra", "none"},
	{"es", "ganó por avalancha de votos", "none"},
	{"es", "el derrumbe de la bolsa asustó a todos", "none"},
	{"es", "la erosión de la confianza en el gobierno", "none"},
	{"en", "dead body in the river at Mathare", "human_remains"},
	{"en", "there are bodies under the collapsed building", "asked human_remains"},
	{"en", "a dead man lying by the road since morning, pls come", "asked human_remains"},
	{"en", "bodies washed up on the beach in West Point", "human_remains"},
	{"en", "corpse in the drain near the market", "human_remains"},
	{"fr", "il y a un cadavre dans le canal à Cité Soleil", "asked human_remains"},
	{"fr", "des corps sous les décombres depuis trois jours", "asked human_remains"},
	{"fr", "un corps retrouvé dans la rivière", "human_remains"},
	{"ht", "gen yon kadav nan kanal la bò Site Solèy", "asked human_remains"},
	{"ht", "kadav yo ap santi anba dekonb yo", "human_remains"},
	{"ht", "gen moun mouri nan lari a depi yè", "asked human_remains"},
	{"sw", "kuna maiti mtoni Jangwani", "asked human_remains"},
	{"sw", "miili ya watu imepatikana kwenye kifusi", "human_remains"},
	{"sw", "maiti imekaa barabarani tangu asubuhi", "human_remains"},
	{"pt", "tem um corpo no rio perto da ponte", "asked human_remains"},
	{"pt", "encontraram um corpo na vala", "asked human_remains"},
	{"es", "hay un cuerpo en el río desde ayer", "asked human_remains"},
	{"es", "cadáveres en la calle después del derrumbe", "human_remains"},
	{"es", "encontraron un muerto en la cañada", "asked human_remains"},
	{"en", "my brother is dead tired", "none"},
	{"en", "Lake Victoria is one of the biggest bodies of water", "none"},
	{"en", "student bodies will meet tomorrow", "none"},
	{"fr", "je suis mort de rire", "none"},
	{"ht", "m mouri ri", "none"},
	{"pt", "estou morto de rir", "none"},
	{"es", "me muero de risa", "none"},
	{"es", "un cuerpo de agua es un lago o un río", "none"},
	{"en", "JFK hospital open now for emergencies", "asked service_available"},
	{"en", "the feeding centre is open for children under 5", "asked service_available"},
	{"fr", "le centre de santé est ouvert ce samedi", "asked service_available"},
	{"fr", "consultations gratuites à l'église dimanche", "service_available"},
	{"ht", "klinik la louvri ankò nan Site Solèy", "asked service_available"},
	{"ht", "gen konsiltasyon gratis nan legliz la demen", "asked service_available"},
	{"sw", "matibabu bure katika shule ya msingi kesho", "service_available"},
	{"pt", "o posto de saúde reabriu hoje", "asked service_available"},
	{"pt", "atendimento gratuito na igreja sábado", "service_available"},
	{"es", "el centro de salud abrió otra vez", "asked service_available"},
	{"es", "atención gratuita en la escuela este sábado", "service_available"},
	{"en", "customer service available 24/7 call us", "none"},
	{"pt", "a loja reabriu ontem", "none"},
	{"es", "la discoteca reabrió el viernes", "none"},
	{"en", "water distribution at the school today 2pm", "aid_distribution"},
	{"en", "Red Cross handing out blankets at the church", "asked aid_distribution"},
	{"en", "where do we get the relief items", "asked aid_distribution"},
	{"fr", "distribution de vivres à l'école Saint-Joseph demain", "aid_distribution"},
	{"fr", "on distribue des kits d'hygiène à la mairie", "aid_distribution"},
	{"fr", "où est la distribution d'eau?", "asked aid_distribution"},
	{"ht", "y ap distribye manje nan lekòl la", "asked aid_distribution"},
	{"ht", "distribisyon dlo nan plas la a 10è", "aid_distribution"},
	{"ht", "ki kote distribisyon kit yo ap fèt?", "aid_distribution"},
	{"sw", "wanagawa chakula kwenye ofisi ya chifu", "aid_distribution"},
	{"sw", "misaada inagawiwa shuleni leo", "aid_distribution"},
	{"sw", "ugawaji wa maji utakuwa kesho", "asked aid_distribution|water_supply"},
	{"pt", "distribuição de cestas básicas na escola amanhã", "aid_distribution"},
	{"pt", "estão a distribuir comida no bairro", "asked aid_distribution|food"},
	{"es", "están repartiendo mercados en la cancha", "asked aid_distribution"},
	{"es", "reparto de comida en la iglesia a las 3", "aid_distribution"},
	{"es", "van a repartir agua en el colegio", "asked aid_distribution|water_supply"},
	{"ht", "y ap bay manje nan fèt la samdi", "none"},
	{"pt", "estão a distribuir panfletos da campanha", "none"},
	{"es", "están repartiendo las cartas", "none"}}

// TestAudit5Fixed: the confident wrong answers and misses of the fifth
// audit get their outcome now.
func TestAudit5Fixed(t *testing.T) {
	checkAudit5(t, audit5Fixed)
}

// TestAudit5: the other messages of the fifth audit, and its near
// misses, keep their outcome.
func TestAudit5(t *testing.T) {
	checkAudit5(t, audit5Cases)
}
