package mapping

import (
	"github.com/mtaa-project/mtaa/data"
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
	case data.KindBuilding:
		return 0.4
	}
	if f.Kind.IsFacility() {
		return 0.75
	}
	return 0.5
}
