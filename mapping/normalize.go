package mapping

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/mtaa-project/mtaa/data/fuzzy"
)

// word is one folded word of a text and the byte span of the original
// text it was read from.
type word struct {
	s          string
	start, end int
}

// foldWords splits s into words folded for matching: lower case, Latin,
// Greek and Cyrillic letters without their diacritics (é→e, ç→c, ß→ss),
// Arabic without its vowel marks and with the alef, ya and ta marbuta
// variants unified, other scripts (Bengali, Devanagari, CJK...) kept as
// they are in canonical decomposition. Anything that is not a letter, a
// digit or a mark separates words, except an apostrophe before a final
// "s" ("Andrew's" → "andrews"); other apostrophes separate (l'école → l
// école).
func foldWords(s string) []word {
	return appendFoldWords(nil, s)
}

func appendFoldWords(out []word, s string) []word {
	var b []byte
	start, end := -1, -1
	flush := func() {
		if start >= 0 && len(b) > 0 {
			out = append(out, word{s: string(b), start: start, end: end})
		}
		b, start, end = b[:0], -1, -1
	}
	var buf [utf8.UTFMax]byte
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'' || c == '`':
				if possessive(s, i+1) && start >= 0 {
					i++
					continue
				}
				flush()
				i++
				continue
			default:
				flush()
				i++
				continue
			}
			if start < 0 {
				start = i
			}
			b = append(b, c)
			i++
			end = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '’' || r == 'ʼ' || r == '‘':
			if possessive(s, i+size) && start >= 0 {
				i += size
				continue
			}
			flush()
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			n := len(b)
			b = appendFoldedRune(b, r, &buf)
			if len(b) > n {
				if start < 0 {
					start = i
				}
				end = i + size
			} else if start >= 0 {
				end = i + size // a dropped mark still belongs to the word
			}
		default:
			flush()
		}
		i += size
	}
	flush()
	return out
}

// possessive reports whether s[i:] starts with an "s" that ends a word.
func possessive(s string, i int) bool {
	if i >= len(s) || (s[i] != 's' && s[i] != 'S') {
		return false
	}
	if i+1 == len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i+1:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// appendFoldedRune appends the folded form of r to b.
func appendFoldedRune(b []byte, r rune, buf *[utf8.UTFMax]byte) []byte {
	r = unicode.ToLower(r)
	if unicode.Is(unicode.Latin, r) {
		return fuzzy.AppendLatin(b, r)
	}
	switch r {
	case 'ى': // alef maksura → ya
		return append(b, "ي"...)
	case 'ة': // ta marbuta → ha
		return append(b, "ه"...)
	case 'ـ': // tatweel
		return b
	}
	if arabicMark(r) {
		return b
	}
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFD.Properties(buf[:n]).Decomposition()
	if d == nil {
		if unicode.Is(unicode.Mn, r) && len(b) > 0 && dropsMarks(lastRune(b)) {
			return b
		}
		return append(b, buf[:n]...)
	}
	base := rune(-1)
	for len(d) > 0 {
		dr, ds := utf8.DecodeRune(d)
		d = d[ds:]
		if base < 0 {
			base = dr
			b = utf8.AppendRune(b, dr)
			continue
		}
		if unicode.Is(unicode.Mn, dr) && (dropsMarks(base) || arabicMark(dr) || dr == 0x654 || dr == 0x655 || dr == 0x653) {
			continue
		}
		b = utf8.AppendRune(b, dr)
	}
	return b
}

func lastRune(b []byte) rune {
	r, _ := utf8.DecodeLastRune(b)
	return r
}

// dropsMarks reports whether the combining marks on base are folded away:
// those of the Latin, Greek and Cyrillic scripts.
func dropsMarks(base rune) bool {
	return unicode.In(base, unicode.Latin, unicode.Greek, unicode.Cyrillic)
}

// arabicMark reports whether r is an Arabic vowel or hamza mark.
func arabicMark(r rune) bool {
	return (r >= 0x64b && r <= 0x65f) || r == 0x670
}

// canonical maps a folded word to the token it is indexed as: common
// abbreviations expanded or unified (St, Saint and Street all become "st";
// Rd → road, Ave → avenue...), and a final plural "s" removed.
func canonical(w string) string {
	if c, ok := abbreviations[w]; ok {
		return c
	}
	if len(w) >= 4 && w[len(w)-1] == 's' && w[len(w)-2] != 's' && isASCII(w) {
		w = w[:len(w)-1]
		if c, ok := abbreviations[w]; ok {
			return c
		}
	}
	return w
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
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
	ws := foldWords(s)
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = canonical(w.s)
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
}

// typeWords maps canonical words to the classes of place they name.
var typeWords = func() map[string]typeClass {
	m := map[string]typeClass{}
	for cls, list := range typeWordLists {
		for _, w := range strings.Fields(list) {
			for _, fw := range foldWords(w) {
				m[canonical(fw.s)] |= cls
			}
		}
	}
	return m
}()

// stopWordList holds frequent words of the six languages that never name
// a place on their own.
const stopWordList = `
	the a an near nearby at is are was were be been in on of to and or not no there here by with from our
	we my me it its this that these those has have had please pls plz since behind next opposite beside
	between close around along across into over under after before very many much big all some us them
	they their your you i he she his her him hi hello thanks thank can cannot dont what where when which
	who why how now today tonight yesterday morning evening night day days week hours hour since still
	again also just only more most too so but if then than as for about up down out off got get need
	needs needed come came go going went see saw there's its help urgent family families children child
	kids people person men women man woman one two three four five six seven eight nine ten lot lots
	le la les un une des du de d l au aux pres a cote est sont il elle ils y ya dans sur sous et ou pas
	ne plus nous notre nos on je j c ce cet cette qui que qu avec pour par chez vers tres beaucoup depuis
	merci bonjour bonsoir svp aidez maison maisons devant derriere encore deja aussi tout tous toute
	personne personnes gens ici enfants famille
	na ya wa kwa karibu hakuna kuna katika za cha vya zetu yetu wetu letu eneo nyumba nyumbani watu
	sana leo jana tafadhali hapa pale huko ni si sisi tuna hatuna mkubwa kubwa nyingi mengi mingi habari
	asante mbele nyuma kando upande baada kabla kati pia bado tena sasa wengi mtu mtoto watoto kila kitu
	kwenye kwamba lakini jirani
	perto nao esta estao do da dos das no nas em o os as um uma muito muita muitos casa casas junto ao
	aos pela pelo com sem ha temos nossa nosso agora aqui ali ja mais voces obrigado obrigada ola bom dia
	tem estamos favor ele ela eles sao foi tambem ainda pessoas gente onde e para lado frente atras
	cerca hay el los del al y muy con sin tenemos nuestra nuestro hace desde gracias hola buenos buenas
	dias mucho mucha muchos pero se lo le donde hasta todavia su junto detras enfrente
	nan pa gen li yo mwen nou sou ak kote sa te ap se pou tanpri anpil ki kay toupre bo genyen jodi ye
	isit kounye moun zon m n lan an non tou deja toujou anko rive vin kounya tout avek devan deye bezwen
	kouman kijan poukisa bò
	weeks quick quickly send grave graves vite rapide semaine semaines jour jours trois deux heures matin
	soir envoyez venez ambulance secours aide semanas semana manden vengan rapido ayuda recoger manana
	tarde noche mandem venham ajuda siku tatu wiki asubuhi jioni njooni haraka saidia semen jou twa
	vini vit voye sekou maten depi lakay`

// stopWords is stopWordList folded.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(stopWordList) {
		for _, fw := range foldWords(w) {
			m[fw.s] = true
			m[canonical(fw.s)] = true
		}
	}
	return m
}()
