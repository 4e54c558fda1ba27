package classify_test

// The twelfth session's phrases of other senses (pt, es, sw), each with
// its case in otherSenses (TestOtherSensesEachTested,
// TestOtherSensesNotRead): water that will not go down the throat, a
// bank card or a phone blocked, and flood water that reached the house,
// none of them a water supply, a drain or a road.
func init() {
	otherSenses = append(otherSenses,
		// "Water won't go down my throat": a sick person, not a drain
		// ("maji hayapiti" is water that does not drain) nor the water
		// supply; nor food that won't go down.
		otherSense{"sw", "maji hayapiti kooni", "blocked_drain"},
		otherSense{"sw", "maji hayapiti kooni", "water_supply"},
		otherSense{"sw", "chakula hakipiti kooni tangu jana", "food"},
		// A card, an account, a phone blocked.
		otherSense{"pt", "Bloqueio do cartão", "road_blocked"},
		otherSense{"pt", "bloqueio da conta bancária, o que faço", "road_blocked"},
		otherSense{"pt", "bloqueio do celular roubado", "road_blocked"},
		otherSense{"pt", "quero fazer o bloqueio do telemóvel", "road_blocked"},
		otherSense{"pt", "bloqueio do telefone por imei", "road_blocked"},
		otherSense{"pt", "bloqueio do chip", "road_blocked"},
		// Flood water (or a delivery) that reached the house: no lack of
		// water.
		otherSense{"es", "ya llegó el agua a la casa", "water_supply"},
		otherSense{"es", "el agua llegó hasta la casa de mi vecina", "water_supply"},
		otherSense{"es", "el agua ya llegó a la casa", "water_supply"},
		otherSense{"pt", "a água chegou na casa", "water_supply"},
		otherSense{"pt", "a água já chegou na nossa casa", "water_supply"},
		otherSense{"pt", "já chegou a água na casa", "water_supply"},
	)
}
