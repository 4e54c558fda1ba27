package reportimport

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// zonedLayouts carry their own offset.
var zonedLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05Z0700"}

// localLayouts are read in the mapping's time zone. Fractional seconds
// after the seconds are accepted by time.Parse without being in the
// layout.
var localLayouts = []string{
	"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02",
}

// slashed layouts, month first; day-first ones swap the first two fields.
var monthFirstLayouts = []string{"1/2/2006 15:04:05", "1/2/2006 15:04", "1/2/2006 3:04:05 PM", "1/2/2006 3:04 PM", "1/2/2006"}
var dayFirstLayouts = []string{"2/1/2006 15:04:05", "2/1/2006 15:04", "2/1/2006 3:04:05 PM", "2/1/2006 3:04 PM", "2/1/2006"}

var slashedDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/\d{4}`)

// parseTime reads the date and time formats of Ushahidi, KoboToolbox, ODK
// and RFC 3339. Times without a zone are in loc. It returns UTC.
func parseTime(s string, loc *time.Location, dayFirst bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range zonedLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	layouts := localLayouts
	if strings.Contains(s, "/") {
		layouts = monthFirstLayouts
		if dayFirst {
			layouts = dayFirstLayouts
		}
	}
	for _, l := range layouts {
		if t, err := time.ParseInLocation(l, strings.ToUpper(s), loc); err == nil {
			return t.UTC(), nil
		}
	}
	if m := slashedDate.FindStringSubmatch(s); m != nil {
		first, _ := strconv.Atoi(m[1])
		second, _ := strconv.Atoi(m[2])
		if !dayFirst && first > 12 && second <= 12 {
			return time.Time{}, fmt.Errorf("%q has month %d: for day-first dates set \"date_order\": \"dmy\" in the mapping file", s, first)
		}
		if dayFirst && second > 12 && first <= 12 {
			return time.Time{}, fmt.Errorf("%q has month %d: the mapping file says \"date_order\": \"dmy\"", s, second)
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date and time (want e.g. 2010-01-14 12:00:00, 01/14/2010 12:00 or RFC 3339)", s)
}
