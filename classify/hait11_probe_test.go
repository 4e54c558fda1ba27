package classify_test

import "testing"

// hait11Fixed are single-need messages of Haitian Creole, French and the
// English of their translations that named no need or offered another
// one first, written the way residents type them on phones (glued "pyel
// kase", "mpa gen kay", slang "manjay"), with what they get now (see
// checkAudit5 for want). What fixed them: keywords of ht, en and fr in
// data/taxonomy.json, and hedgedKeywords in classify/sense.go for the
// situations that are most often, not always, the need (sleeping under
// sheets, nowhere to go, a house that "crashed": offered first, never
// filed alone).
var hait11Fixed = []auditCase{
	// Medical: a broken leg written glued, out of breath.
	{"ht", "Bonswa dijicel mwen gen vwazen m ke pyel kase men li poko trouve ankenn ed", "medical"},
	{"ht", "mwen souve yon sel tineve m pyelkase mwen konsapou m fe", "medical"},
	{"ht", "Tanpri mwen bezwen ed nou anpil anpil, paske m aboudesouf", "medical"},
	{"ht", "pitit mwen gen difikilte pou respire", "medical"},
	// Food: "la manjay", nothing left to eat.
	{"ht", "jodi a fe nou 21 jou nou poko joun anyen pou la manjay", "food"},
	{"ht", "manjay la fini timoun yo grangou", "food"},
	{"en", "there is nothing left to eat in the camp", "food"},
	// Shelter: "m pa" glued, sleeping under sheets.
	{"ht", "gen lapli depi jedi mpa gen kay tanpri fe yon bagay pou mwen", "shelter"},
	{"ht", "npa gen kay nou dòmi deyò", "shelter"},
	{"ht", "mwen pa gen kote pou m dòmi ak timoun yo", "shelter"},
	{"ht", "E si mwen pa gen tan e se anba dra map demi", "asked shelter"},
	{"ht", "nou pa gen kote pou nou ale depi 12 janvye", "asked shelter"},
	// Security: armed people.
	{"ht", "gen de moun ame nan machin nan devan otel la", "security"},
	{"ht", "gen bandi ame ki ap pase nan katye a", "security"},
	{"en", "please send police there are armed individuals in the car", "security"},
	// Building collapse: severe, offered first, never filed on its own.
	{"en", "my house crashed while the earthquake.", "asked building_collapse"},
}

// hait11Cases are the near misses of hait11Fixed: the same words in
// another sense keep their outcome.
var hait11Cases = []auditCase{
	{"en", "the stock market crashed yesterday", "none"},
	{"en", "my phone crashed again", "none"},
	{"en", "the plane crashed near the airport", "none"},
	{"en", "armed forces are here to help", "none"},
	{"en", "I have nowhere to go tonight after work", "none"},
	{"es", "espero que yo ame a mi familia siempre", "none"},
	{"fr", "le pays est à bout de souffle", "none"},
	{"ht", "mwen renmen w anpil cheri", "none"},
	{"ht", "nou resevwa tant yo mesi anpil", "none"},
	{"ht", "yon demi sak diri", "food"},
	// Sick in bed under the sheets: asked, shelter or medical first.
	{"ht", "mwen anba dra m mwen malad", "asked shelter|medical"},
	// The hedged situation with another keyword of its need is filed.
	{"ht", "nou dòmi anba dra nou bezwen tant", "shelter"},
	{"ht", "pye m kase mwen pa ka mache", "medical"},
	{"ht", "kay mwen kraze nan tranbleman", "asked building_collapse"},
}

// TestHait11Fixed: the Creole, French and translation-English misses get
// their outcome now.
func TestHait11Fixed(t *testing.T) {
	checkAudit5(t, hait11Fixed)
}

// TestHait11: their near misses keep their outcome.
func TestHait11(t *testing.T) {
	checkAudit5(t, hait11Cases)
}
