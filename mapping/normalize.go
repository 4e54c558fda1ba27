package mapping

import (
	"strings"

	"github.com/mtaa-project/mtaa/text"
)

// canonical maps a folded word to the token it is indexed as: common
// abbreviations expanded or unified (St, Saint and Street all become "st";
// Rd → road, Ave → avenue...), and a final plural "s" removed.
func canonical(w string) string {
	if c, ok := abbreviations[w]; ok {
		return c
	}
	if len(w) >= 4 && w[len(w)-1] == 's' && w[len(w)-2] != 's' && text.IsASCII(w) {
		w = w[:len(w)-1]
		if c, ok := abbreviations[w]; ok {
			return c
		}
	}
	return w
}

// The spellings of the token "st": the word written in full says which of
// its meanings it has (Saint Martin is no street, Water Street no saint),
// the abbreviation "St" says neither and matches both.
const (
	stAny byte = iota
	stSaint
	stStreet
)

// stSpelling returns the meaning of "st" that folded word w spells out.
func stSpelling(w string) byte {
	switch w {
	case "saint", "sainte", "saints", "saintes":
		return stSaint
	case "street", "streets", "str":
		return stStreet
	}
	return stAny
}

// abbreviations maps folded words to their canonical token.
var abbreviations = map[string]string{
	"saint": "st", "sainte": "st", "street": "st", "str": "st", "ste": "st", "sts": "st",
	"rd": "road", "ave": "avenue", "av": "avenue", "blvd": "boulevard", "hwy": "highway",
	"ln": "lane", "dr": "drive", "ct": "court", "pkwy": "parkway", "pk": "pike", "mt": "mount",
	"ft": "fort", "hosp": "hospital", "elem": "elementary", "univ": "university",
	"sch": "school", "ch": "church", "mkt": "market", "cntr": "center", "ctr": "center", "centre": "center",
	"dept": "department", "co": "company", "rte": "route", "rt": "route", "hs": "highschool",
	"highschool": "highschool",
}

// nameDirections expand single-letter directions in names ("N Market St").
var nameDirections = map[string]string{"n": "north", "s": "south", "e": "east", "w": "west"}

// Normalize folds s for name matching the way the gazetteer does: words
// folded by case, diacritics and script rules, abbreviations unified,
// joined by single spaces.
func Normalize(s string) string {
	ws := text.Words(s)
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = canonical(w.Text)
	}
	return strings.Join(parts, " ")
}

// typeWordLists are the words, in the six SMS languages (en, fr, sw, pt,
// es, ht) and in OSM names, that say what kind of place something is.
var typeWordLists = map[typeClass]string{
	clsEducation: `school elementary primary secondary middle high highschool academy college university
		kindergarten preschool montessori learning campus ecole lycee universite maternelle primaire
		shule msingi sekondari chuo kikuu chekechea escola colegio universidade faculdade creche primaria
		escuela universidad liceo instituto jardin lekol inivesite kolej`,
	clsHealth: `hospital clinic medical health healthcare care center pharmacy drugstore dentist dental
		dentistry doctor physician imaging therapy wellness hopital clinique pharmacie dispensaire sante
		medecin hospitali zahanati kliniki afya dawa duka dispensari clinica farmacia saude posto medico
		salud lopital klinik famasi dispanse`,
	clsWorship: `church chapel cathedral mosque masjid temple synagogue congregation meeting meetinghouse
		tabernacle parish methodist episcopal presbyterian baptist catholic lutheran orthodox roman united
		assembly fellowship ministry ministries friends bible worship eglise chapelle cathedrale mosquee
		paroisse kanisa msikiti hekalu igreja capela catedral mesquita iglesia capilla mezquita templo
		legliz moske tanp`,
	clsMarket: `market marketplace bazaar farmers shoppes mall marche soko sokoni gulio mercado feira mache
		supermarket supermarche`,
	clsWater: `well tap borehole fountain tower tank bathroom toilet restroom puits robinet fontaine chateau
		forage kisima visima bomba tanki choo poco torneira chafariz fontanario furo pozo grifo pila aljibe
		tiyo fonten twalet`,
	clsPolice: `police station department sheriff troop office headquarters precinct commissariat gendarmerie
		polisi kituo policia esquadra delegacia estacion polis komisarya`,
	clsFire: `fire firehouse firestation company station volunteer department hose engine pompier caserne
		zimamoto bombeiro quartel bombero estacion ponpye kazen`,
	clsShelter:   `shelter abri makazi abrigo refugio albergue`,
	clsCommunity: `center community hall library kituo jamii centro comunitario`,
	clsRoad: `st road avenue lane drive highway boulevard way court place pike parkway route circle terrace
		trail bypass expressway interstate alley row path north south east west rue chemin allee impasse
		barabara njia mtaa rua estrada avenida travessa calle carrera carretera camino ri lari wout avni
		chemen`,
	clsWaterway: `river creek stream run branch canal ditch pond lake bay prong gut marsh swamp reservoir
		riviere fleuve ruisseau etang lac marais mto mfereji ziwa bwawa rio riacho corrego lagoa lago arroyo
		quebrada laguna rivye ravin kanal lak letan`,
	clsArea: `town city village hamlet township county borough district neighbourhood neighborhood estate
		acres manor heights park ville quartier commune mji kijiji mtaa kata wilaya cidade vila aldeia bairro
		ciudad pueblo barrio vereda vil katye historic parc parque pak bustani`,
	clsBuilding: `building hall house tower plaza office`,
	clsLandmark: `shop store boutique supermarket bank banque banco benki restaurant restaurante hotel hoteli
		bar cafe office bureau ofisi oficina garage pitch stadium stade terrain uwanja estadio campo
		cemetery cimetiere makaburi cemiterio cementerio simetye court tribunal mahakama`,
}

// typeWords maps canonical words to the classes of place they name.
var typeWords = func() map[string]typeClass {
	m := map[string]typeClass{}
	for cls, list := range typeWordLists {
		for _, w := range strings.Fields(list) {
			for _, fw := range text.Words(w) {
				m[canonical(fw.Text)] |= cls
			}
		}
	}
	return m
}()

// stopWord reports whether a folded word (or its canonical token) is a
// stop word of the six languages: such words never name a place alone.
func stopWord(w string) bool { return text.IsStopWord(w) }
