package data

import "slices"

// sortTokens orders tokens by creation time, then id.
func sortTokens(ts []APIToken) {
	slices.SortFunc(ts, func(a, b APIToken) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return cmpString(a.ID, b.ID)
	})
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
