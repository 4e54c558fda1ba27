package mapping

import (
	"fmt"
	"slices"
	"sort"

	"github.com/paulmach/osm"
)

// checkOSM checks a rule's OSM tagging: a default among the kinds, each
// kind one of the rule's classes (when it has any) with at least one tag.
func (rule *CategoryRule) checkOSM() error {
	if len(rule.OSM) == 0 {
		if rule.OSMDefault != "" {
			return fmt.Errorf("osm_default %q without osm tags", rule.OSMDefault)
		}
		return nil
	}
	if !rule.Facility {
		return fmt.Errorf("osm tags are for facility categories only")
	}
	if _, ok := rule.OSM[rule.OSMDefault]; !ok {
		return fmt.Errorf("osm_default %q is not one of its osm kinds", rule.OSMDefault)
	}
	for kind, tags := range rule.OSM {
		if len(tags) == 0 {
			return fmt.Errorf("osm kind %q has no tags", kind)
		}
		if rule.classes != nil && !rule.classes[kind] {
			return fmt.Errorf("osm kind %q is not one of its classes", kind)
		}
	}
	return nil
}

// OSMKinds returns the kinds of OSM feature a report of category may name
// (sorted, the default first), or nil when the category is not exported
// to OSM.
func (r *Rules) OSMKinds(category string) []string {
	rule := r.Categories[category]
	if rule == nil || len(rule.OSM) == 0 {
		return nil
	}
	kinds := make([]string, 0, len(rule.OSM))
	for k := range rule.OSM {
		if k != rule.OSMDefault {
			kinds = append(kinds, k)
		}
	}
	sort.Strings(kinds)
	return slices.Insert(kinds, 0, rule.OSMDefault)
}

// OSMTags returns the tags of a new OSM feature for a facility report of
// category, of the given kind ("" for the category's default), sorted by
// key; ok is false when the category is not exported to OSM or has no
// such kind.
func (r *Rules) OSMTags(category, kind string) (tags osm.Tags, ok bool) {
	rule := r.Categories[category]
	if rule == nil || len(rule.OSM) == 0 {
		return nil, false
	}
	if kind == "" {
		kind = rule.OSMDefault
	}
	m, ok := rule.OSM[kind]
	if !ok {
		return nil, false
	}
	for k, v := range m {
		tags = append(tags, osm.Tag{Key: k, Value: v})
	}
	tags.SortByKeyValue()
	return tags, true
}
