package feature_test

import (
	"slices"
	"testing"

	"github.com/mtaa-project/mtaa/classify/internal/feature"
	"github.com/mtaa-project/mtaa/text"
)

func feats(s string) []uint32 { return feature.Append(nil, text.Words(s)) }

func TestAppend(t *testing.T) {
	a := feats("Nou bezwen DLO, manje")
	if !slices.IsSorted(a) || len(slices.Compact(slices.Clone(a))) != len(a) {
		t.Error("features not sorted and unique")
	}
	for _, f := range a {
		if f >= 1<<feature.Bits {
			t.Fatalf("feature %d out of range", f)
		}
	}
	// Folding happens before: case and accents do not change a feature.
	if !slices.Equal(a, feats("nou bezwen dlo manje")) || !slices.Equal(feats("manjé"), feats("manje")) {
		t.Error("features depend on case, punctuation or accents")
	}
	// Order matters through word pairs; spelling variants share n-grams.
	if slices.Equal(feats("dlo manje"), feats("manje dlo")) {
		t.Error("word order does not change the features")
	}
	shared := 0
	for _, f := range feats("mange") {
		if slices.Contains(feats("manje"), f) {
			shared++
		}
	}
	if shared == 0 {
		t.Error("mange and manje share no letter n-gram")
	}
	// Numbers are one feature, whatever they are.
	if !slices.Equal(feats("rue 12"), feats("rue 4636")) {
		t.Error("numbers give different features")
	}
	if len(feats("")) != 0 || len(feats("!?")) != 0 {
		t.Error("features for no words")
	}
	// Appending keeps what dst held.
	dst := feature.Append([]uint32{7}, text.Words("dlo"))
	if dst[0] != 7 || len(dst) != 1+len(feats("dlo")) {
		t.Errorf("Append to a non-empty slice = %v", dst)
	}
}
