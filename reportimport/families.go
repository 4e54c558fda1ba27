package reportimport

import (
	"strings"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// offerCategories are the categories that say where help is rather than
// where it is needed: never a report's main category when the report also
// states a need, and never among its needs.
var offerCategories = map[string]bool{"aid_distribution": true, "service_available": true}

func isOffer(id string) bool { return offerCategories[id] }

// family is a known family of category labels of Ushahidi deployments (in
// English and French, as their bilingual titles have them): a label that
// holds one of the phrases, as whole words once folded, belongs to the
// category.
type family struct {
	id      string
	phrases []string
}

// labelFamilies are checked in order, the first match winning, after the
// mapping file and the taxonomy's own ids and labels and before its
// keywords. Offers come first: "Non-food aid distribution point" is a
// place where aid is handed out, not a food shortage, and "Hospital/Clinics
// Operating" a working service, not a medical emergency.
var labelFamilies = []family{
	{"aid_distribution", []string{"distribution point", "distribution points", "point de distribution", "points de distribution",
		"distribution site", "site de distribution", "aid distribution", "food distribution", "water distribution",
		"distribution de nourriture", "distribution d eau", "distribution alimentaire", "distribution"}},
	{"service_available", []string{"services available", "service available", "services disponibles", "service disponible",
		"operating", "operational", "fonctionnel", "fonctionnels", "fonctionne", "en service", "clinic open", "clinics open", "hospital open",
		"clinique ouverte", "cliniques ouvertes", "hopital ouvert",
		"feeding center", "feeding centers", "feeding centre", "feeding centres", "centre de nutrition", "centres de nutrition",
		"rubble removal", "deblaiement", "enlevement des decombres"}},
	{"human_remains", []string{"human remains", "restes humains", "dead bodies", "dead body", "cadavres", "cadavre", "corpses"}},
	{"missing_person", []string{"missing persons", "missing person", "missing people", "persons news", "person news",
		"personnes disparues", "personne disparue", "nouvelles de personnes", "people missing"}},
	{"building_collapse", []string{"unstable structure", "unstable structures", "structure instable", "structures instables",
		"collapsed structure", "collapsed structures", "effondrement de structure", "structure effondree", "damaged building", "damaged buildings"}},
	{"shelter", []string{"idp concentration", "idp camp", "idp camps", "concentration de deplaces", "deplaces", "displaced",
		"camp de deplaces", "shelter needed", "besoin d abri"}},
	{"people_trapped", []string{"search and rescue", "recherche et sauvetage", "trapped", "coinces", "piegees", "piegee", "pieges"}},
	{"medical", []string{"medical emergency", "urgence medicale", "medical equipment", "medical supplies", "medical supply",
		"materiel medical", "infectious human disease", "infectious disease", "maladie infectieuse", "chronic care", "soins chroniques",
		"women s health", "sante des femmes", "psychiatric", "psychiatrique", "injured", "blesses"}},
	{"water_supply", []string{"water shortage", "penurie d eau", "contaminated water", "eau contaminee"}},
	{"food", []string{"food shortage", "penurie d aliments", "penurie de nourriture", "penurie alimentaire"}},
	{"electricity", []string{"power outage", "panne d electricite", "panne de courant"}},
	{"security", []string{"security concern", "security concerns", "looting", "pillage", "violence"}},
	{"road_blocked", []string{"road blocked", "roads blocked", "route bloquee", "routes bloquees", "compromised bridge", "pont endommage"}},
}

// knownFamilies are the label families whose category tax has, phrases
// folded.
func knownFamilies(tax *data.Taxonomy) []family {
	var out []family
	for _, f := range labelFamilies {
		if tax.Category(f.id) == nil {
			continue
		}
		folded := family{id: f.id}
		for _, p := range f.phrases {
			folded.phrases = append(folded.phrases, " "+text.Fold(p)+" ")
		}
		out = append(out, folded)
	}
	return out
}

// family finds the label family of label.
func (r *categoryResolver) family(label string) (string, bool) {
	folded := " " + text.Fold(label) + " "
	if len(folded) > maxMatchedLabelBytes+2 {
		return "", false
	}
	for _, f := range r.families {
		for _, p := range f.phrases {
			if strings.Contains(folded, p) {
				return f.id, true
			}
		}
	}
	return "", false
}
