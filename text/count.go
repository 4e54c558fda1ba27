package text

import "strconv"

// Count writes n before the words that agree with it: one when n is 1
// ("1 date has"), many otherwise ("0 dates have", "4 dates have"). The
// report importer's messages and the import-reports summary of the CLI
// count with it.
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
