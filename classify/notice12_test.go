package classify_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// TestNotice12PlannedCut: a notice of a planned cut of water or power,
// told by a phrase of a cut to come or scheduled or by a range of clock
// times, is asked, the service offered first; all but "pap gen kouran
// samdi" were filed before.
func TestNotice12PlannedCut(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	checkAsked(t, c, []struct{ text, cat string }{
		{"water will be cut tomorrow", "water_supply"},
		{"there will be no water on saturday", "water_supply"},
		{"scheduled power cut on saturday", "electricity"},
		{"planned power outage from 8 to 5 in our area", "electricity"},
		{"no water from 8 to 5 on saturday", "water_supply"},
		{"no power from 8am to 5pm in kibera", "electricity"},
		{"maji yatakatika kesho", "water_supply"},
		{"hakutakuwa na maji jumamosi", "water_supply"},
		{"umeme utakatika kesho kuanzia saa mbili hadi saa kumi", "electricity"},
		{"maji hayatatoka saa mbili hadi saa kumi kesho", "water_supply"},
		{"coupure d'eau prévue demain", "water_supply"},
		{"coupure d'électricité prévue samedi", "electricity"},
		{"coupure d'eau programmée samedi", "water_supply"},
		{"il y aura une coupure de courant de 8h à 17h", "electricity"},
		{"pas de courant de 8h à 17h samedi", "electricity"},
		{"pap gen kouran samdi", "electricity"},
		{"y ap koupe dlo demen", "water_supply"},
		{"corte de agua programado para el sábado", "water_supply"},
		{"habrá corte de luz de 8 a 5", "electricity"},
		{"sin luz de 8 a 5 el sábado", "electricity"},
		{"corte de energia programado sábado", "electricity"},
		{"vai faltar água amanhã das 8 às 17", "water_supply"},
		{"sem água das 8 às 17 no sábado", "water_supply"},
	})
}

// TestNotice12Outage: the outage itself stays filed, numbers and "since"
// beside it or not: no range of clock times without a word of range or a
// mark of the hour ("2 to 3 days", "200 to 300 families").
func TestNotice12Outage(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	checkFiled(t, c, []struct{ text, cat string }{
		{"no water since yesterday", "water_supply"},
		{"maji hayatoki tangu jana", "water_supply"},
		{"pa gen kouran depi 3 jou", "electricity"},
		{"pas d'eau depuis hier", "water_supply"},
		{"no electricity since 3 days", "electricity"},
		{"hakuna umeme wiki nzima", "electricity"},
		{"power cut since morning", "electricity"},
		{"no water for 2 to 3 days now", "water_supply"},
		{"hakuna maji tangu saa tatu hadi sasa", "water_supply"},
		{"pa gen dlo depi 2 a 3 jou", "water_supply"},
		{"we need water for 200 to 300 families", "water_supply"},
		{"sin agua desde hace 3 a 4 dias", "water_supply"},
	})
}

// TestNotice12CreoleHearsay: "sanble" is "it seems" but also "to
// gather" after its subject, and "a di" is "said" after a person but also
// "is hard" ("lavi a di"): the gathering and the hard life are reports,
// filed; what a person said or what seems is asked.
func TestNotice12CreoleHearsay(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	checkFiled(t, c, []struct{ text, cat string }{
		{"nou tout sanble anba tant lan gen inondasyon", "flood"},
		{"lavi a di anpil gen inondasyon", "flood"},
		{"lavi a di, dlo a monte nan kay nou", "flood"},
		{"yo sanble nan lekol la paske inondasyon pran kay yo", "flood"},
	})
	checkAsked(t, c, []struct{ text, cat string }{
		{"sanble gen inondasyon nan zon nan", "flood"},
		{"li sanble dlo a ap monte", "flood"},
		{"chofè a di dlo a monte", "flood"},
		{"polis la di gen moun ki bloke anba kay la", "people_trapped"},
		{"msye a di ke gen inondasyon", "flood"},
		{"li di gen inondasyon nan zòn nan", "flood"},
	})
}

// TestNotice12Urdu: Roman Urdu puts its question words, hearsay and
// times after the noun or anywhere in the clause: a need or a hazard
// asked about or heard of is asked, the category offered first; a hazard
// named as the time of what is reported is offered after it ("my son is
// missing since the flood"). All were filed before. A hazard that does
// not come ("sailab nahi aa raha", "aag nahi aati") is denied: no
// flood, no fire filed.
func TestNotice12Urdu(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	checkAsked(t, c, []struct{ text, cat string }{
		{"imdad kab milegi", "aid_distribution"},
		{"rashan kahan mil raha hai", "food"},
		{"kya sailab aa raha hai", "flood"},
		{"tv pe dekha sindh mein sailab aaya hai", "flood"},
		{"tv pe dekha sindh mein flood aaya hai", "flood"},
		{"I saw on tv that there is a flood in sindh", "flood"},
		{"suna hai sailab aa raha hai", "flood"},
		{"sailab aaya hai suna hai", "flood"},
		{"khabar hai ke sailab aaya hai", "flood"},
		{"mera beta lapata hai sailab ke baad se", "missing_person"},
		{"flood ke baad se mera beta lapata hai", "missing_person"},
		{"my son is missing since the flood", "missing_person"},
		{"pani kab aayega", "water_supply"},
	})
	for _, text := range []string{"sailab nahi aa raha", "aag nahi aati yahan"} {
		r := c.Classify(text)
		if cat, ok := r.Main(); ok {
			t.Errorf("%q: files %s (needs %v), want nothing filed", text, cat, r.Needs)
		}
	}
}

// TestNotice12UrduNearMisses: what keeps its reading: a report without a
// question word, hearsay or time; a hazard after "ke baad" (the time is
// before it); water that does not come; a Creole message with "kab"
// (can) and Urdu function words, whose words of Urdu are not read; a
// hazard as the time of nothing else.
func TestNotice12UrduNearMisses(t *testing.T) {
	c := classify.New(data.DefaultTaxonomy())
	checkFiled(t, c, []struct{ text, cat string }{
		{"mera beta lapata hai", "missing_person"},
		{"hamein rashan chahiye", "food"},
		{"bijli nahi hai", "electricity"},
		{"bijli nahi hai 3 din se", "electricity"},
		{"pani nahi aata", "water_supply"},
		{"pani nahi aa raha", "water_supply"},
		{"sailab aaya hai, bachay bhookay hain", "flood"},
		{"Bonswa mwen gen vwazen m ke pyel kase, yon konpayi kab ed ayiti", "medical"},
	})
}
