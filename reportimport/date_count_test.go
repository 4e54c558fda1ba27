package reportimport_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/reportimport"
)

// TestDateMessagesCountAgree: the date order's description and refusals
// say "1 date has", "1 is" for one and the plural for more.
func TestDateMessagesCountAgree(t *testing.T) {
	head := "#,INCIDENT DATE,CATEGORY,LATITUDE,LONGITUDE\n"
	described := []struct {
		rows, want, not string
	}{
		{"1,13/04/2010 10:00,fire,18.5,-72.3\n2,2010-02-01,fire,18.5,-72.3\n",
			"day first (dmy), detected: 1 date has a day above 12, none a month", "1 dates"},
		{"1,13/04/2010 10:00,fire,18.5,-72.3\n2,14/04/2010 10:00,fire,18.5,-72.3\n",
			"day first (dmy), detected: 2 dates have a day above 12", "2 date has"},
		{"1,04/13/2010 10:00,fire,18.5,-72.3\n2,2010-02-01,fire,18.5,-72.3\n",
			"month first (mdy), detected: 1 date has a day above 12 in second place", "1 dates"},
		{"1,04/13/2010 10:00,fire,18.5,-72.3\n2,04/14/2010 10:00,fire,18.5,-72.3\n",
			"month first (mdy), detected: 2 dates have a day above 12 in second place", "2 date has"},
	}
	for _, tt := range described {
		p, err := reportimport.Parse([]byte(head+tt.rows), reportimport.Options{Now: now})
		if err != nil {
			t.Fatalf("%q: %v", tt.rows, err)
		}
		if !strings.Contains(p.DateOrder, tt.want) || strings.Contains(p.DateOrder, tt.not) {
			t.Errorf("%q: date order %q, want %q", tt.rows, p.DateOrder, tt.want)
		}
	}

	refused := []struct {
		rows      string
		want, not []string
	}{
		{"1,01/02/2010,fire,18.5,-72.3\n2,2010-02-01,fire,18.5,-72.3\n",
			[]string{"the one date written with the year last has no day above 12 (line 2 \"01/02/2010\")"}, []string{"none of the 1 "}},
		{"1,01/02/2010,fire,18.5,-72.3\n2,03/04/2010,fire,18.5,-72.3\n",
			[]string{"none of the 2 dates written with the year last has a day above 12"}, nil},
		{"1,28/06/2010 23:06,fire,18.5,-72.3\n2,01/14/2010 08:00,fire,18.5,-72.3\n",
			[]string{"1 is day first", "1 month first"}, []string{"1 are"}},
		{"1,28/06/2010 23:06,fire,18.5,-72.3\n2,29/06/2010 23:06,fire,18.5,-72.3\n3,01/14/2010 08:00,fire,18.5,-72.3\n",
			[]string{"2 are day first"}, nil},
	}
	for _, tt := range refused {
		_, err := reportimport.Parse([]byte(head+tt.rows), reportimport.Options{Now: now})
		var fe *reportimport.FileError
		if !errors.As(err, &fe) {
			t.Fatalf("%q: err = %v, want a FileError", tt.rows, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(fe.Message, w) {
				t.Errorf("%q does not say %q", fe.Message, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(fe.Message, w) {
				t.Errorf("%q says %q", fe.Message, w)
			}
		}
	}

}
