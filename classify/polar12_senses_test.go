package classify_test

// polar12's phrases of other senses, each with its case in otherSenses
// (TestOtherSensesEachTested, TestOtherSensesNotRead): water that a
// person went to fetch and did not come back from is an errand, no
// water-supply need (the person is missing).
func init() {
	otherSenses = append(otherSenses,
		otherSense{"es", "mi hijo fue a buscar agua y no llegó a la casa", "water_supply"},
		otherSense{"es", "mi hijo fue a buscar agua y no volvió", "water_supply"},
		otherSense{"es", "mi hija salió a buscar agua y no regresó", "water_supply"},
		otherSense{"es", "mi esposo fue por agua y no volvió", "water_supply"},
		otherSense{"en", "my son went to fetch water and never came back", "water_supply"},
		otherSense{"en", "my daughter went to fetch water and did not come back", "water_supply"},
		otherSense{"en", "my wife went out for water and never came back", "water_supply"},
		otherSense{"pt", "o meu filho foi buscar água e não voltou", "water_supply"},
	)
}
