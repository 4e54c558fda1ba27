package mapping

import "strings"

// ordinaryWords holds the canonical forms of ordinaryWordList and
// calendarWords: words
// residents write in ordinary messages, which never find a place alone.
var ordinaryWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(ordinaryWordList + "\n" + calendarWords) {
		m[canonical(w)] = true
	}
	return m
}()

// ordinaryWord reports whether canonical token w is an ordinary word.
func ordinaryWord(w string) bool { return ordinaryWords[w] }

// calendarWords are the names of the days and months in the six
// languages. They are ordinary words too: messages date what they report
// ("since saturday", "le 12 mars"), and the corpus rule misses them
// because English writes them with a capital. A place named by one of them
// alone ("Saturday") is then found only with a question, as any place
// named by an ordinary word.
const calendarWords = `monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december
lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet aout
septembre octobre novembre decembre
jumatatu jumanne jumatano alhamisi ijumaa jumamosi jumapili januari februari machi aprili mei juni
julai agosti septemba oktoba novemba desemba
sabado domingo janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro
lunes martes miercoles jueves viernes enero febrero marzo mayo junio julio septiembre octubre
noviembre diciembre
lendi madi mekredi jedi vandredi samdi dimanch janvye fevriye avril jen jiye septanm oktob novanm desanm`
