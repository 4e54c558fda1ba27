package classify_test

// The twelfth session's second round of phrases of other senses, each
// with its case in otherSenses (TestOtherSensesEachTested,
// TestOtherSensesNotRead): water played or swum in, medicine taken as a
// routine, the night that falls every day, and water that did not reach
// the house, which is no missing person.
func init() {
	otherSenses = append(otherSenses,
		// Water as a place of play or swim: no water-supply need.
		otherSense{"en", "the kids are playing in the water", "water_supply"},
		otherSense{"en", "the children play in the water after school", "water_supply"},
		otherSense{"en", "we played in the water all afternoon", "water_supply"},
		otherSense{"en", "the boys are swimming in the water near the beach", "water_supply"},
		otherSense{"en", "do not let them swim in the water at night", "water_supply"},
		otherSense{"en", "we swam in the water", "water_supply"},
		otherSense{"fr", "les enfants vont se baigner dans l'eau", "water_supply"},
		otherSense{"fr", "ils se baignent dans l'eau du lac", "water_supply"},
		otherSense{"fr", "les enfants aiment jouer dans l'eau", "water_supply"},
		otherSense{"fr", "les enfants jouent dans l'eau", "water_supply"},
		otherSense{"fr", "mon fils joue dans l'eau avec ses amis", "water_supply"},
		otherSense{"fr", "il aime nager dans l'eau", "water_supply"},
		otherSense{"fr", "les jeunes nagent dans l'eau du fleuve", "water_supply"},
		otherSense{"es", "los niños están jugando en el agua", "water_supply"},
		otherSense{"es", "les gusta jugar en el agua", "water_supply"},
		otherSense{"es", "estamos nadando en el agua", "water_supply"},
		otherSense{"es", "vamos a nadar en el agua del río", "water_supply"},
		otherSense{"pt", "as crianças estão brincando na água", "water_supply"},
		otherSense{"pt", "elas gostam de brincar na água", "water_supply"},
		otherSense{"pt", "os meninos estão nadando na água", "water_supply"},
		otherSense{"pt", "vamos nadar na água do rio", "water_supply"},
		otherSense{"ht", "timoun yo ap jwe nan dlo", "water_supply"},
		otherSense{"ht", "ti gason yo al naje nan dlo a", "water_supply"},
		// Medicine taken as a routine: no medical need.
		otherSense{"en", "my grandmother takes her medicine every morning", "medical"},
		otherSense{"en", "I take my medicine every day", "medical"},
		otherSense{"en", "she takes her medicine daily", "medical"},
		otherSense{"en", "we take our medicine daily", "medical"},
		otherSense{"fr", "elle prend ses médicaments tous les jours", "medical"},
		otherSense{"fr", "je prends mes médicaments tous les jours", "medical"},
		otherSense{"fr", "il prend ses médicaments chaque matin", "medical"},
		otherSense{"fr", "je prends mes médicaments chaque soir", "medical"},
		otherSense{"ht", "li pran medikaman li chak maten", "medical"},
		otherSense{"ht", "grann mwen pran medikaman l chak jou", "medical"},
		otherSense{"ht", "mwen pran medikaman m chak swa", "medical"},
		otherSense{"ht", "mwen pran medikaman mwen chak maten", "medical"},
		// The night that falls every day: no power cut.
		otherSense{"ht", "lè li fè nwa chak jou nou pè", "electricity"},
		otherSense{"ht", "fènwa chak jou bonè", "electricity"},
		// Water that did not reach the house: a water need, no one missing.
		otherSense{"es", "el agua no llegó a la casa", "missing_person"},
		otherSense{"es", "el agua todavía no llegó a casa", "missing_person"},
		otherSense{"es", "el agua no ha llegado a la casa", "missing_person"},
		otherSense{"es", "el agua aún no ha llegado a casa", "missing_person"},
	)
}
