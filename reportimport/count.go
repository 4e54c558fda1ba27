package reportimport

import "strconv"

// Count writes n before the words that agree with it: one when n is 1
// ("1 date has"), many otherwise ("0 dates have", "4 dates have"). The
// import's messages and the import-reports summary count with it.
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
