package classify_test

import "testing"

// audit6Fixed are confident wrong answers the fifth audit found and left
// (classify/audit5_probe_test.go), with what they get now (see
// checkAudit5 for want): a first-person "I'm dead" is never literal
// ("lol I'm dead" filed as medical), a film title, a company that is
// hiring, the smell of food, a purchase of water sachets, a missing
// child in West African English ("my pikin lost since Friday" missed,
// "we no see my papa since the flood" filed as a flood). What fixed
// them: other senses and keywords in data/taxonomy.json, "sachet" among
// the French between words of classify/polarity.go.
var audit6Fixed = []auditCase{
	{"en", "lol I'm dead", "none"},
	{"en", "im dead 😂", "none"},
	{"en", "I am dead, this video is too funny", "none"},
	{"fr", "je suis mort, trop drôle", "none"},
	{"pt", "estou morto kkkk", "none"},
	{"es", "estoy muerto jajaja", "none"},
	{"en", "Dead Man Walking is a good film", "none"},
	{"en", "the electricity distribution company is hiring", "none"},
	{"en", "the power company is hiring electricians", "none"},
	{"sw", "harufu ya chakula ni nzuri", "none"},
	{"en", "the smell of food is nice", "none"},
	{"fr", "l'odeur de la nourriture est bonne", "none"},
	{"fr", "j'achète des sachets d'eau au marché", "none"},
	{"en", "my pikin lost since Friday", "missing_person"},
	{"en", "we no see my papa since the flood", "asked flood|missing_person"},
	{"en", "we no see my mama since Sunday", "missing_person"},
}

// audit6Cases are the near misses of audit6Fixed: they keep their need.
var audit6Cases = []auditCase{
	{"en", "my child is dead under the rubble", "asked medical|human_remains|building_collapse"},
	{"en", "my brother is dead, help", "medical"},
	{"en", "dead man in the street near the market", "human_remains"},
	{"fr", "je suis mort de faim", "food"},
	{"en", "the power company is hiring but we have no power for 3 days", "electricity"},
	{"en", "electricity company cut our power, we have no light", "electricity"},
	{"en", "we have no food, only the smell of food from the neighbours", "food"},
	{"en", "bad smell from the toilets", "sanitation"},
	{"fr", "je n'ai pas d'argent pour acheter des sachets d'eau", "water_supply"},
	{"fr", "on a besoin de sachets d'eau", "water_supply"},
	{"en", "my brother no come home since yesterday", "missing_person"},
	{"en", "my pikin dey sick", "medical"},
	{"en", "I no see my phone since morning", "none"},
	{"en", "pure water finish for our area", "water_supply"},
	{"sw", "tunahitaji chakula", "food"},
}

// TestAudit6Fixed: the confident wrong answers of the sixth audit get
// their outcome now.
func TestAudit6Fixed(t *testing.T) {
	checkAudit5(t, audit6Fixed)
}

// TestAudit6: the near misses of the sixth audit keep their outcome.
func TestAudit6(t *testing.T) {
	checkAudit5(t, audit6Cases)
}
