// Package fuzzy holds the string distance shared by the SMS keyword matcher
// and the OSM gazetteer, which cannot import each other.
package fuzzy

// maxLen bounds the words compared; longer ones are never near.
const maxLen = 64

// Distance is the optimal string alignment distance between a and b
// (Damerau–Levenshtein where a transposed adjacent pair is one edit),
// counted in bytes, or limit+1 as soon as it is known to exceed limit.
// Words of maxLen bytes or more are never within limit.
func Distance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if len(a) >= maxLen || len(b) >= maxLen {
		return limit + 1
	}
	var rows [3][maxLen]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
