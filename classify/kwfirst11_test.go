package classify_test

import "testing"

// kwfirst11Fixed are messages the keyword-first form (Rule.FileKeywordFirst)
// or a single keyword of a category only the keywords read filed at lead
// ca4e7c4 (most from the eleventh keyword audit, kwaudit11_probe_test.go):
// traffic small talk opening with a word of a jam (congestion:
// "Trancón terrible en la 80", "Foleni imezidi town leo"), notices of a
// closure or a schedule (noticeTimes, noticeFor: "road closed for
// repairs next week", "calle cerrada por fiesta patronal", "Garbage
// collection day is every Monday"), adverts (adverts, serviceWords
// with a phone number: "Blocked drain specialists, call 0722…"), and a
// blocked road named before the need it keeps from coming (blockers:
// "barabara imefungwa, hakuna chakula kinachofika"). Each is asked now,
// the category offered first.
var kwfirst11Fixed = []auditCase{
	// A traffic jam is no blocked road.
	{"es", "Trancón terrible en la 80", "asked road_blocked"},
	{"es", "Trancón terrible en la 80, llego tarde", "asked road_blocked"},
	{"sw", "Foleni imezidi town leo", "asked road_blocked"},
	{"sw", "Foleni imezidi town leo, msinisubiri", "asked road_blocked"},
	{"sw", "foleni ni mbaya sana leo Mombasa road, nitachelewa", "asked road_blocked"},
	{"ht", "Blokis la twòp", "asked road_blocked"},
	{"ht", "Blokis la twòp jodi a, pa tann mwen", "asked road_blocked"},
	{"ht", "blokis la rèd nan Kafou jodi a, m ap an reta", "asked road_blocked"},
	{"pt", "Engarrafamento enorme na marginal", "asked road_blocked"},
	{"pt", "Engarrafamento enorme na Julius Nyerere hoje, paciência", "asked road_blocked"},
	{"fr", "Embouteillage monstre sur le pont de Gaulle ce matin, courage à tous", "asked road_blocked"},
	{"en", "traffic jam at Ubungo again, keep my food warm", "asked road_blocked"},
	{"en", "Traffic jam kills business in this city, says the chamber of commerce", "asked road_blocked"},
	// Notices: a time to come, a schedule, a closure for an event or works.
	{"en", "road closed for repairs next week", "asked road_blocked"},
	{"en", "road closed for repairs next week, sorry for the inconvenience", "asked road_blocked"},
	{"en", "road closed on Sunday for the city marathon, use other routes", "asked road_blocked"},
	{"en", "Sir road is blocked due to rally, kindly shift the meeting to 4pm", "asked road_blocked"},
	{"en", "Garbage collection day is every Monday", "asked solid_waste"},
	{"en", "Garbage collection day is every Monday, put your bins outside", "asked solid_waste"},
	{"es", "calle cerrada por fiesta patronal", "asked road_blocked"},
	{"es", "calle cerrada por fiesta patronal el domingo", "asked road_blocked"},
	{"es", "calle cerrada por obras hasta el viernes", "asked road_blocked"},
	{"pt", "rua fechada para obras", "asked road_blocked"},
	{"pt", "rua fechada para obras até sexta feira", "asked road_blocked"},
	{"pt", "rua fechada para a festa do bairro no sábado", "asked road_blocked"},
	{"fr", "la route est coupée dimanche pour le marathon", "asked road_blocked"},
	{"fr", "la route est coupée dimanche pour le marathon, prenez l'autre chemin", "asked road_blocked"},
	{"fr", "route barrée pour travaux de 8h à 17h", "asked road_blocked"},
	{"sw", "barabara imefungwa kesho kwa ajili ya mbio za marathon", "asked road_blocked"},
	{"sw", "barabara imefungwa kwa ajili ya ziara ya rais, tumieni njia nyingine", "asked road_blocked"},
	{"en", "we hope the county will repair the road damaged by the rains next year", "asked road_blocked"},
	// Adverts.
	{"en", "Blocked drain specialists, call 0722 111 222", "asked blocked_drain"},
	{"en", "Blocked drain specialists, 24 hour service, call 0722 111 222", "asked blocked_drain"},
	{"en", "Garbage collection services available, 500 per month, call 0722 111 222", "asked solid_waste"},
	{"en", "we buy plastic bottles and waste paper, good prices, call 0733 222 111", "asked solid_waste"},
	{"fr", "vidange de fosse septique, service rapide, appelez le 77 123 45 67", "asked sanitation"},
	{"fr", "Curage de caniveaux et vidange de fosses, prix abordables, appelez", "asked blocked_drain"},
	{"sw", "huduma ya kunyonya vyoo na septiki, piga 0722 111 222", "asked sanitation"},
	// The need a blocked road keeps from coming, the resident chooses.
	{"sw", "barabara imefungwa, hakuna chakula kinachofika", "asked road_blocked|food"},
	{"fr", "route bloquée, l'ambulance ne peut pas venir, ma mère est malade", "asked road_blocked|medical"},
}

// kwfirst11Kept are the near misses that stay filed: the documented
// keyword-first form, a closure with its cause or its duration ("for
// three days", "por un árbol", "desde esta mañana": the morning, not
// tomorrow), a resident's own phone number, help on offer announced for
// tomorrow (announcers), a jam told with the collapsed bridge behind it,
// and a drain, a latrine or a landslide with the health or the shelter
// reading it brings (not blockers).
var kwfirst11Kept = []auditCase{
	{"en", "FIRE near the market", "fire"},
	{"en", "GARBAGE at Tandale", "solid_waste"},
	{"en", "GARBAGE at Tandale not collected", "solid_waste"},
	{"en", "ROAD BLOCKED at Mbezi by a fallen tree", "road_blocked"},
	{"sw", "MAFURIKO Jangwani", "flood"},
	{"ht", "DIFE nan mache a", "fire"},
	{"sw", "MTARO UMEZIBA Tandale", "blocked_drain"},
	{"en", "ROAD BLOCKED since Sunday at Mbezi", "road_blocked"},
	{"en", "ROAD BLOCKED for three days at Mbezi", "road_blocked"},
	{"es", "calle bloqueada por un árbol caído en el barrio", "road_blocked"},
	{"es", "calle bloqueada desde esta mañana por un árbol", "road_blocked"},
	{"fr", "ROUTE BLOQUÉE à Carrefour depuis hier", "road_blocked"},
	{"pt", "rua bloqueada por uma árvore em Magoanine", "road_blocked"},
	{"ht", "wout la bloke nan Delmas 33 depi yè", "road_blocked"},
	{"sw", "barabara imefungwa na mti Mbezi tangu jana", "road_blocked"},
	{"en", "GARBAGE not collected at Tandale, call me 0722 111 222", "solid_waste"},
	{"en", "road blocked by a fallen tree at Mbezi, call me on 0722 111 222", "road_blocked"},
	{"en", "FIRE at the market, call 0722 111 222", "fire"},
	{"en", "FOOD DISTRIBUTION tomorrow at the church", "aid_distribution"},
	{"sw", "msaada utagawiwa ofisi ya kata kesho", "aid_distribution"},
	{"en", "TRAFFIC JAM because the bridge collapsed at Jangwani", "road_blocked"},
	{"sw", "foleni kubwa kwa sababu daraja limevunjika Jangwani", "road_blocked"},
	{"sw", "choo imejaa watoto wanaharisha", "sanitation"},
	{"en", "clogged drains, stagnant water breeding mosquitoes", "blocked_drain"},
	{"fr", "pas de toilettes à l'école des déplacés", "sanitation"},
	{"en", "road cut off, we have no water for three days", "water_supply"},
	// Asked: a report that names tomorrow reads as a notice, the safe
	// side (filed at ca4e7c4, the one report of these the change asks); a
	// jam told as small talk offers a blocked road, as before.
	{"en", "ROAD BLOCKED at Mbezi, children cannot reach school tomorrow", "asked road_blocked"},
	{"en", "stuck in traffic jam going home, see you later", "asked road_blocked"},
}

// TestKwfirst11Fixed: jams, notices, adverts and a blocked road before
// the need it causes are asked, not filed.
func TestKwfirst11Fixed(t *testing.T) {
	checkAudit5(t, kwfirst11Fixed)
}

// TestKwfirst11Kept: the keyword-first form and its near misses keep
// their outcome.
func TestKwfirst11Kept(t *testing.T) {
	checkAudit5(t, kwfirst11Kept)
}
