package mapping

import (
	"strings"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// typeClass is a set of kinds of place, as named by type words.
type typeClass uint16

const (
	clsEducation typeClass = 1 << iota
	clsHealth
	clsWorship
	clsMarket
	clsWater
	clsPolice
	clsFire
	clsShelter
	clsCommunity
	clsRoad
	clsWaterway
	clsArea
	clsBuilding
	clsLandmark
)

// featureClass is the class of place a feature is.
func featureClass(f *data.OSMFeature) typeClass {
	switch f.Kind {
	case data.KindEducation:
		return clsEducation
	case data.KindHealth:
		return clsHealth
	case data.KindCommunity:
		switch f.Class {
		case "place_of_worship":
			return clsWorship
		case "marketplace":
			return clsMarket
		}
		return clsCommunity
	case data.KindWater:
		return clsWater
	case data.KindSafety:
		switch f.Class {
		case "police":
			return clsPolice
		case "fire_station":
			return clsFire
		}
		return clsShelter
	case data.KindRoad:
		return clsRoad
	case data.KindWaterway, data.KindWaterArea:
		return clsWaterway
	case data.KindPlace, data.KindAdmin, data.KindNeighbourhood, data.KindInformal:
		return clsArea
	case data.KindLandmark:
		return clsLandmark
	case data.KindLanduse:
		return clsArea | clsLandmark
	case data.KindBuilding:
		switch f.Class {
		case "school", "university", "college", "kindergarten":
			return clsBuilding | clsEducation
		case "church", "chapel", "cathedral", "mosque", "temple", "synagogue":
			return clsBuilding | clsWorship
		case "hospital":
			return clsBuilding | clsHealth
		case "fire_station":
			return clsBuilding | clsFire
		}
		return clsBuilding
	}
	return 0
}

func isRegion(f *data.OSMFeature) bool {
	switch f.Kind {
	case data.KindPlace, data.KindAdmin, data.KindNeighbourhood, data.KindInformal:
		return true
	}
	return false
}

// settlementRadius is how far from a settlement's point a place still
// counts as in it, for settlements mapped as points.
func settlementRadius(f *data.OSMFeature) float64 {
	if f.Kind != data.KindPlace {
		return 0
	}
	switch f.Class {
	case "city":
		return 5000
	case "town", "borough":
		return 4000
	case "village", "suburb", "census-designated":
		return 3000
	}
	return 1500
}

// minorPenalty is 0.2 for hamlets, localities and other minor places, 0
// otherwise: "Laurel" is the town, not the hamlet of the same name.
func minorPenalty(f *data.OSMFeature) float64 {
	if f.Kind != data.KindPlace {
		return 0
	}
	switch f.Class {
	case "hamlet", "locality", "isolated_dwelling", "farm", "allotments", "plot", "square":
		return 0.2
	}
	return 0
}

// kindPrior orders otherwise equal matches: settlements and facilities
// before roads, before buildings.
func kindPrior(f *data.OSMFeature) float64 {
	switch f.Kind {
	case data.KindPlace:
		switch f.Class {
		case "city":
			return 1
		case "town":
			return 0.95
		case "village", "suburb":
			return 0.9
		}
		return 0.8
	case data.KindAdmin:
		return 0.85
	case data.KindNeighbourhood, data.KindInformal:
		return 0.85
	case data.KindRoad:
		return 0.6
	case data.KindLandmark:
		return 0.55
	case data.KindLanduse:
		return 0.45
	case data.KindBuilding:
		return 0.4
	}
	if f.Kind.IsFacility() {
		return 0.75
	}
	return 0.5
}

// subtype is a finer kind of place inside a class, for the type words
// that tell them apart: "université Cheikh Anta Diop" is not the school
// of that name, "mosquée de Pikine" not its church.
type subtype uint8

const (
	subNone subtype = iota
	subSchool
	subUniversity
	subHospital
	subClinic
	subPharmacy
	subChurch
	subMosque
)

// subtypeWordLists are the type words, in the six languages, that name a
// subtype.
var subtypeWordLists = map[subtype]string{
	subSchool: `school elementary primary secondary highschool academy kindergarten preschool montessori
		ecole lycee maternelle primaire college shule msingi sekondari chekechea escola colegio creche
		primaria escuela liceo lekol`,
	subUniversity: `university universite universidade universidad faculdade campus chuo kikuu inivesite`,
	subHospital:   `hospital hopital hospitali lopital`,
	subClinic:     `clinic clinique kliniki clinica klinik dispensaire zahanati dispensari dispanse`,
	subPharmacy:   `pharmacy drugstore pharmacie farmacia famasi`,
	subChurch: `church chapel cathedral parish eglise chapelle cathedrale paroisse kanisa igreja capela
		catedral iglesia capilla legliz`,
	subMosque: `mosque masjid mosquee msikiti mesquita mezquita moske`,
}

// subtypeWords maps canonical words to the subtype they name.
var subtypeWords = func() map[string]subtype {
	m := map[string]subtype{}
	for st, list := range subtypeWordLists {
		for _, w := range strings.Fields(list) {
			for _, fw := range text.Words(w) {
				m[canonical(fw.Text)] = st
			}
		}
	}
	return m
}()

// featureSubtype is the subtype a feature's tags say, or subNone.
func featureSubtype(f *data.OSMFeature) subtype {
	switch f.Class {
	case "school", "college", "kindergarten":
		return subSchool
	case "university":
		return subUniversity
	case "hospital":
		return subHospital
	case "clinic", "doctors":
		return subClinic
	case "pharmacy":
		return subPharmacy
	case "place_of_worship", "church", "chapel", "cathedral", "mosque":
		switch f.Tags.Get("religion") {
		case "christian":
			return subChurch
		case "muslim":
			return subMosque
		}
		switch f.Class {
		case "church", "chapel", "cathedral":
			return subChurch
		case "mosque":
			return subMosque
		}
	}
	return subNone
}
