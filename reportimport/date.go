package reportimport

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/mtaa-project/mtaa/text"
)

// zonedLayouts carry their own offset.
var zonedLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05Z0700",
	"2006-01-02 15:04:05 Z07:00", "2006-01-02 15:04:05 -0700", "2006-01-02T15:04Z07:00", "2006-01-02 15:04Z07:00"}

// localLayouts are read in the mapping's time zone. Fractional seconds
// after the seconds are accepted by time.Parse without being in the
// layout.
var localLayouts = []string{
	"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02",
}

// clockLayouts read the time of day after a day-month-year date.
var clockLayouts = []string{"15:04:05", "15:04", "3:04:05 PM", "3:04 PM", "3:04:05PM", "3:04PM"}

// Date orders of dates written with the year last.
const (
	orderDMY = "dmy"
	orderMDY = "mdy"
)

var (
	// yearLast is 14/01/2010, 14.01.2010 or 14-01-2010, with an optional
	// time after it.
	yearLast = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(.*))?$`)
	// yearFirstSlashed is 2010/01/14 with an optional time.
	yearFirstSlashed = regexp.MustCompile(`^(\d{4})/(\d{1,2})/(\d{1,2})(?:[ T]+(.*))?$`)
	// epoch is a Unix time in seconds (9 or 10 digits, perhaps with a
	// fraction) or milliseconds (12 or 13 digits).
	epoch = regexp.MustCompile(`^(\d{9,10})(?:\.(\d{1,9}))?$|^(\d{12,13})$`)
)

// parseTime reads the date and time formats of Ushahidi, KoboToolbox, ODK,
// ISO 8601 / RFC 3339 and Unix epochs (seconds or milliseconds). Times
// without a zone are in loc. order says how to read 01/02/2010 ("dmy" or
// "mdy"); with "" only dates whose day is above 12 are read. It returns
// UTC.
func parseTime(s string, loc *time.Location, order string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if isoDate(s) {
		for _, l := range zonedLayouts {
			if t, err := time.Parse(l, s); err == nil {
				return t.UTC(), nil
			}
		}
		for _, l := range localLayouts {
			if t, err := time.ParseInLocation(l, s, loc); err == nil {
				return t.UTC(), nil
			}
		}
		return time.Time{}, fmt.Errorf("%q is not a date and time (want e.g. 2010-01-14 12:00:00, 14/01/2010 12:00, RFC 3339 or a Unix time)", s)
	}
	if m := epoch.FindStringSubmatch(s); m != nil {
		if m[3] != "" {
			ms, _ := strconv.ParseInt(m[3], 10, 64)
			return time.UnixMilli(ms).UTC(), nil
		}
		sec, _ := strconv.ParseInt(m[1], 10, 64)
		var ns int64
		if m[2] != "" {
			frac := (m[2] + "000000000")[:9]
			ns, _ = strconv.ParseInt(frac, 10, 64)
		}
		return time.Unix(sec, ns).UTC(), nil
	}
	if m := yearFirstSlashed.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		return dateAndClock(s, y, mo, d, m[4], loc)
	}
	if m := yearLast.FindStringSubmatch(s); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		switch {
		case order == "" && a > 12 && b <= 12, order == orderDMY && a <= 31 && b <= 12:
			return dateAndClock(s, y, b, a, m[4], loc)
		case order == "" && b > 12 && a <= 12, order == orderMDY && a <= 12 && b <= 31:
			return dateAndClock(s, y, a, b, m[4], loc)
		case order == orderMDY && a > 12:
			return time.Time{}, fmt.Errorf("%q would have month %d: it is written day first, but the file's dates are month first (date_order \"mdy\")", s, a)
		case order == orderDMY && b > 12:
			return time.Time{}, fmt.Errorf("%q would have month %d: it is written month first, but the file's dates are day first (date_order \"dmy\")", s, b)
		case order == "" && a <= 12 && b <= 12:
			return time.Time{}, fmt.Errorf("%q could be day first or month first: set \"date_order\" (\"dmy\" or \"mdy\") in the mapping file", s)
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date and time (want e.g. 2010-01-14 12:00:00, 14/01/2010 12:00, RFC 3339 or a Unix time)", s)
}

// isoDate reports whether s starts as an ISO 8601 date does (2010-01-14).
func isoDate(s string) bool {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6, 8, 9} {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// dateAndClock builds a time from a date's parts and the time of day
// after it, in loc, checking that the day exists.
func dateAndClock(s string, y, mo, d int, clock string, loc *time.Location) (time.Time, error) {
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, fmt.Errorf("%q is not a date (month %d, day %d)", s, mo, d)
	}
	var hh, mm, ss, ns int
	if clock = strings.TrimSpace(clock); clock != "" {
		var c time.Time
		var err error
		for _, l := range clockLayouts {
			if c, err = time.Parse(l, strings.ToUpper(clock)); err == nil {
				break
			}
		}
		if err != nil {
			return time.Time{}, fmt.Errorf("%q: %q is not a time of day (want e.g. 23:06, 23:06:10 or 9:15 PM)", s, clock)
		}
		hh, mm, ss, ns = c.Hour(), c.Minute(), c.Second(), c.Nanosecond()
	}
	t := time.Date(y, time.Month(mo), d, hh, mm, ss, ns, loc)
	if t.Day() != d {
		return time.Time{}, fmt.Errorf("%q is not a date: %s has no day %d", s, time.Month(mo), d)
	}
	return t.UTC(), nil
}

// dateEvidence is what a file's year-last dates say about their order.
type dateEvidence struct {
	// dayFirst and monthFirst count the dates only one order can read
	// (the first number above 12, or the second); ambiguous those both
	// can.
	dayFirst, monthFirst, ambiguous int
	// The first few of each, as `line N "14/01/2010"`.
	dayFirstAt, monthFirstAt, ambiguousAt []string
}

const evidenceExamples = 3

// observe counts one observed time; where says where it is, asked for
// only for the first few examples.
func (e *dateEvidence) observe(s string, where func() string) {
	s = strings.TrimSpace(s)
	if len(s) < 8 || s[1] != '/' && s[2] != '/' && s[1] != '.' && s[2] != '.' && s[1] != '-' && s[2] != '-' {
		return // not written with the year last (ISO dates have '-' at 4)
	}
	m := yearLast.FindStringSubmatch(s)
	if m == nil {
		return
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	note := func(n *int, at *[]string) {
		*n++
		if len(*at) < evidenceExamples {
			*at = append(*at, fmt.Sprintf("%s %q", where(), s))
		}
	}
	switch {
	case a > 12 && b <= 12:
		note(&e.dayFirst, &e.dayFirstAt)
	case b > 12 && a <= 12:
		note(&e.monthFirst, &e.monthFirstAt)
	case a <= 12 && b <= 12:
		note(&e.ambiguous, &e.ambiguousAt)
	}
}

// order decides the file's date order: the one its unambiguous dates
// agree on. Dates that disagree, or dates none of which tells, refuse the
// file with the evidence; a file without year-last dates needs no order.
func (e *dateEvidence) order() (string, error) {
	switch {
	case e.dayFirst > 0 && e.monthFirst > 0:
		return "", fmt.Errorf("the dates disagree: %s day first (%s) and %d month first (%s); "+
			"set \"date_order\": \"dmy\" or \"mdy\" in the mapping file, and the rows written the other way are rejected",
			text.Count(e.dayFirst, "is", "are"), strings.Join(e.dayFirstAt, ", "), e.monthFirst, strings.Join(e.monthFirstAt, ", "))
	case e.dayFirst > 0:
		return orderDMY, nil
	case e.monthFirst > 0:
		return orderMDY, nil
	case e.ambiguous > 0:
		none := fmt.Sprintf("none of the %d dates written with the year last has a day above 12", e.ambiguous)
		if e.ambiguous == 1 {
			none = "the one date written with the year last has no day above 12"
		}
		return "", fmt.Errorf("the date order cannot be told: %s (%s); "+
			"set \"date_order\": \"dmy\" (14/01/2010) or \"mdy\" (01/14/2010) in the mapping file",
			none, strings.Join(e.ambiguousAt, ", "))
	}
	return "", nil
}

// describe says what the evidence decided, for the summary.
func (e *dateEvidence) describe(order string) string {
	switch order {
	case orderDMY:
		return fmt.Sprintf("day first (dmy), detected: %s a day above 12, none a month", text.Count(e.dayFirst, "date has", "dates have"))
	case orderMDY:
		return fmt.Sprintf("month first (mdy), detected: %s a day above 12 in second place, none in first", text.Count(e.monthFirst, "date has", "dates have"))
	}
	return ""
}
