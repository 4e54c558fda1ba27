package classify_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestKeywordOnlyPhraseFiled: a category only the keywords read (road
// blocked, blocked drain, solid waste, sanitation) is filed without
// asking when a keyword of it is a phrase stated as a report in the
// message's own language and nothing else competes with it
// (Rule.FileKeywordPhrase); before, it was filed only when its keyword
// opened the message ("GARBAGE near the market"). A bare word, a
// question, hearsay, a problem said to be cleared, a severe category or
// a second need as likely are still asked, and a problem said to be over
// names no need.
func TestKeywordOnlyPhraseFiled(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct {
		msg, want string // want "" for no need
		filed     bool
	}{
		// Filed now, six languages.
		{"the garbage has not been collected for two weeks in Tandale", "solid_waste", true},
		{"the drain is blocked near our house in Mathare", "blocked_drain", true},
		{"the latrines are full in the camp", "sanitation", true},
		{"la route est bloquée par un arbre", "road_blocked", true},
		{"le caniveau est bouché devant l'école", "blocked_drain", true},
		{"les poubelles débordent au marché", "solid_waste", true},
		{"les latrines débordent au camp", "sanitation", true},
		{"wout la bloke nan Delmas 33", "road_blocked", true},
		{"a estrada está bloqueada por uma árvore", "road_blocked", true},
		{"a vala está entupida perto da escola", "blocked_drain", true},
		{"o lixo acumulado na rua há duas semanas", "solid_waste", true},
		{"as latrinas estão cheias no bairro", "sanitation", true},
		{"la calle está bloqueada por un árbol", "road_blocked", true},
		{"la alcantarilla está tapada en el barrio", "blocked_drain", true},
		{"la basura acumulada en la esquina", "solid_waste", true},
		{"los baños están llenos en el albergue", "sanitation", true},
		// Filed before already (the keyword opens the message).
		{"GARBAGE near the market", "solid_waste", true},
		{"mtaro umeziba", "blocked_drain", true},
		{"barabara imefungwa na mti", "road_blocked", true},
		{"vyoo vimejaa hapa Kibera", "sanitation", true},
		{"takataka zimerundikana sokoni Manzese", "solid_waste", true},
		{"fatra pa ranmase nan katye a", "solid_waste", true},
		// Near misses: still asked.
		{"there is garbage everywhere in Tandale", "solid_waste", false}, // a bare word
		{"is the road blocked?", "road_blocked", false},
		{"is the road blocked near the market", "road_blocked", false},
		{"la route est-elle bloquée ?", "road_blocked", false},
		{"eske wout la bloke", "road_blocked", false},
		{"a estrada está bloqueada?", "road_blocked", false},
		{"¿la calle está bloqueada?", "road_blocked", false},
		{"they say the road is blocked", "road_blocked", false},
		{"I heard the road to Jacmel is blocked", "road_blocked", false},
		{"wanasema barabara ya soko imefungwa", "road_blocked", false},
		{"we cleared the blocked drain yesterday", "blocked_drain", false},
		{"a mudslide hit our street", "landslide", false}, // severe
		{"the road is blocked and there is a landslide", "road_blocked", false},
		{"the road is blocked and we have no food", "food", false},
		{"hay perros muertos en la calle, huele horrible", "sanitation", false},   // medical listed too
		{"njia ya kwenda hospitali imefungwa", "road_blocked", false},             // medical listed too
		{"hay un cuerpo en la quebrada", "human_remains", false},                  // may be alive: phraseAsked
		{"information about the food distribution", "aid_distribution", false},    // news: phraseAsked
		{"o centro de saúde já abriu de novo", "service_available", false},        // news: phraseAsked
		{"stuck in traffic jam going home, see you later", "road_blocked", false}, // everyday (polarity.go)
		{"m pa ka pase egzamen an", "road_blocked", false},                        // a negation, no road named
		{"les messages ne passent plus depuis ce matin", "road_blocked", false},
		{"police closed the road near Kibera DC, we cant pass", "road_blocked", false},
		// Another need first.
		{"the road to the hospital is blocked, my child is sick", "medical", true},
		// Over, not read.
		{"the road is no longer blocked", "", false},
		{"the road is not blocked", "", false},
		{"la route n'est pas bloquée", "", false},
	} {
		r := c.Classify(tt.msg)
		cat, ok := r.Main()
		if cat != tt.want || ok != tt.filed {
			t.Errorf("Classify(%q).Main() = %q, %v; want %q, filed %v (needs %v, keywords %v)", tt.msg, cat, ok, tt.want, tt.filed, r.Needs, r.Keywords)
		}
	}
}

// TestKeywordOnlyPhraseRuleOff: without Rule.FileKeywordPhrase a stated
// phrase of a category only the keywords read is asked, as before: the
// rule, not something else, files it.
func TestKeywordOnlyPhraseRuleOff(t *testing.T) {
	m, err := classify.BuiltinModel()
	if err != nil {
		t.Fatal(err)
	}
	off := classify.ModelRule
	off.FileKeywordPhrase = 0
	c := classify.NewWithModel(data.DefaultTaxonomy(), m, off)
	for _, msg := range []string{"the garbage has not been collected for two weeks in Tandale", "la route est bloquée par un arbre"} {
		if cat, ok := c.Classify(msg).Main(); ok {
			t.Errorf("without FileKeywordPhrase: %q filed %s", msg, cat)
		}
	}
}

// TestKeywordOnlyPhraseCityCategory: a category a city adds to its
// taxonomy (the model has never seen it) is filed on a phrase keyword
// stated as a report in any of the six languages, and asked on a bare
// word, a question or hearsay, as the built-in ones are.
func TestKeywordOnlyPhraseCityCategory(t *testing.T) {
	tax := editedTaxonomy(t, func(file map[string]any) {
		file["categories"] = append(file["categories"].([]any), map[string]any{
			"id": "stray_dogs", "severity": 2,
			"labels": map[string]any{"en": "Stray dogs", "fr": "Chiens errants", "sw": "Mbwa koko"},
			"keywords": map[string]any{
				"en": []any{"dogs", "stray dogs", "dog … biting"},
				"fr": []any{"chiens errants"},
				"sw": []any{"mbwa koko"},
				"ht": []any{"chen lari", "chen yo mòde"},
				"pt": []any{"cães vadios"},
				"es": []any{"perros callejeros"},
			},
		})
	})
	c := classify.New(tax)
	for _, tt := range []struct {
		msg   string
		filed bool
	}{
		{"there are stray dogs near the school in Tandale", true},
		{"the dog of my neighbour is biting children", true}, // a keyword with a gap
		{"il y a des chiens errants devant l'école", true},
		{"kuna mbwa koko wengi karibu na shule", true},
		{"gen anpil chen lari bò lekòl la", true},
		{"há muitos cães vadios perto da escola", true},
		{"hay perros callejeros en el barrio", true},
		{"dogs everywhere in Tandale", true},                 // the keyword opens the message
		{"there are dogs everywhere in Tandale", false},      // a bare word
		{"are there stray dogs near the school?", false},     // a question
		{"people say stray dogs are near the school", false}, // hearsay
	} {
		r := c.Classify(tt.msg)
		cat, ok := r.Main()
		if cat != "stray_dogs" || ok != tt.filed {
			t.Errorf("city: Classify(%q).Main() = %q, %v; want stray_dogs, filed %v (needs %v)", tt.msg, cat, ok, tt.filed, r.Needs)
		}
	}
}
