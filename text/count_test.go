package text_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/text"
)

func TestCount(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0 dates have"},
		{1, "1 date has"},
		{2, "2 dates have"},
		{11, "11 dates have"},
	}
	for _, tt := range tests {
		if got := text.Count(tt.n, "date has", "dates have"); got != tt.want {
			t.Errorf("Count(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
