package classify_test

import (
	"slices"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestPastEventAsked: an event told as years past (a year after "in",
// "en", "em", "mwaka", "an", or years ago, last year) is asked what the
// problem is, never filed nor refused, in the six languages: its
// keywords say what happened, not what is wrong now (dropPast).
func TestPastEventAsked(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, text := range []string{
		"the old bridge collapsed in 1998",
		"the bridge collapsed ten years ago",
		"the bridge collapsed 5 years ago",
		"the bridge collapsed last year",
		"our house was flooded in 2019",
		"In 2010, the earthquake destroyed our house",
		"le pont est tombé en 2010",
		"le pont est tombé il y a dix ans",
		"la maison a été inondée en 2010",
		"daraja limeanguka mwaka 2015",
		"daraja limeanguka miaka kumi iliyopita",
		"a ponte caiu em 2008",
		"a casa foi inundada há cinco anos",
		"el puente se cayó hace diez años",
		"la casa se inundó hace cinco años",
		"kay mwen te inonde an 2010",
	} {
		r := c.Classify(text)
		if cat, ok := r.Main(); ok {
			t.Errorf("%q: files %s (needs %v), want asked", text, cat, r.Needs)
		}
		if r.Refuse() {
			t.Errorf("%q: refused, want asked", text)
		}
	}
}

// TestPastEventNearMisses: a time of now (today, this morning, since
// Sunday, two days ago), a time since which something lasts ("since
// 2019", "depuis 2010", "hace diez años que", "há anos que"), a clause
// that says still or now beside a past one, and a need told in another
// clause are filed as before.
func TestPastEventNearMisses(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, tt := range []struct{ text, want string }{
		{"the bridge collapsed this morning", "road_blocked"},
		{"the bridge collapsed today", "road_blocked"},
		{"road blocked since Sunday", "road_blocked"},
		{"the road has been blocked since 2 days", "road_blocked"},
		{"the bridge collapsed two days ago", "road_blocked"},
		{"the bridge collapsed in 2010 and is still blocked", "road_blocked"},
		{"daraja limeanguka leo", "road_blocked"},
		{"no water since 2019", "water_supply"},
		{"pas d'eau depuis 2010", "water_supply"},
		{"il y a dix ans qu'on n'a pas d'eau", "water_supply"},
		{"hace diez años que no tenemos agua", "water_supply"},
		{"há anos que não temos água", "water_supply"},
		{"we have had no water for ten years", "water_supply"},
		{"In 2010, the earthquake destroyed our house. Now we have no food", "food"},
		{"la casa se inundó hace cinco años, ahora no tenemos comida", "food"},
	} {
		r := c.Classify(tt.text)
		if cat, ok := r.Main(); !ok || cat != tt.want {
			t.Errorf("%q: Main() = %q, %v (needs %v), want %s filed", tt.text, cat, ok, r.Needs, tt.want)
		}
	}
}

// TestCannotPassNotFiled: what cannot pass a throat, an exam or a bank
// card blocked files no blocked road, drain or water supply (the
// phrases of other senses of pt and sw; English "cannot pass" is never
// filed on its own, see phraseStated), while a drain, a road or a tap
// that lets nothing through still files its category.
func TestCannotPassNotFiled(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, text := range []string{
		"maji hayapiti kooni",
		"maji hayapiti kooni mwangu",
		"chakula hakipiti kooni",
		"I cannot pass this exam",
		"Bloqueio do cartão",
		"bloqueio do meu cartão de crédito",
		"tarjeta bloqueada",
		"mi tarjeta está bloqueada",
	} {
		r := c.Classify(text)
		if cat, ok := r.Main(); ok {
			t.Errorf("%q: files %s (needs %v), want asked or not understood", text, cat, r.Needs)
		}
		for _, n := range r.Needs {
			if slices.Contains([]string{"road_blocked", "blocked_drain", "water_supply", "food"}, n.Category) {
				t.Errorf("%q: lists %s (needs %v)", text, n.Category, r.Needs)
			}
		}
	}
	for _, tt := range []struct{ text, want string }{
		{"maji hayatoki", "water_supply"},
		{"maji hayapiti mtaroni", "blocked_drain"},
		{"mtaro umeziba maji hayapiti", "blocked_drain"},
		{"bloqueio na estrada", "road_blocked"},
		{"bloqueio da estrada perto do banco", "road_blocked"},
		{"a estrada está bloqueada", "road_blocked"},
		{"la carretera está bloqueada", "road_blocked"},
		{"the road is blocked, we cannot pass", "road_blocked"},
	} {
		r := c.Classify(tt.text)
		if cat, ok := r.Main(); !ok || cat != tt.want {
			t.Errorf("%q: Main() = %q, %v (needs %v), want %s filed", tt.text, cat, ok, r.Needs, tt.want)
		}
	}
}

// TestWaterReachedHouse: water that reached the house ("ya llegó el agua
// a la casa", "a água chegou na casa": flood water, or a delivery) is
// no water supply need: asked. Water that did not reach it is one, and
// a flood that reached it a flood.
func TestWaterReachedHouse(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	for _, text := range []string{
		"ya llegó el agua a la casa",
		"el agua llegó a la casa",
		"el agua llegó hasta la casa",
		"a água chegou na casa",
		"a água chegou até a nossa casa",
	} {
		r := c.Classify(text)
		if cat, ok := r.Main(); ok {
			t.Errorf("%q: files %s (needs %v), want asked", text, cat, r.Needs)
		}
		if r.Refuse() {
			t.Errorf("%q: refused, want asked", text)
		}
	}
	for _, tt := range []struct{ text, want string }{
		{"a água não chegou na casa", "water_supply"},
		{"ainda não chegou a água na casa", "water_supply"},
		{"no ha llegado el agua a la casa", "water_supply"},
		{"la inundación llegó a la casa", "flood"},
	} {
		r := c.Classify(tt.text)
		if cat, ok := r.Main(); !ok || cat != tt.want {
			t.Errorf("%q: Main() = %q, %v (needs %v), want %s filed", tt.text, cat, ok, r.Needs, tt.want)
		}
	}
}
