package text

// maxDistanceLen bounds the words Distance compares; longer ones are
// never near.
const maxDistanceLen = 64

// Distance is the optimal string alignment distance between a and b
// (Damerau–Levenshtein where a transposed adjacent pair is one edit),
// counted in bytes, or limit+1 as soon as it is known to exceed limit.
// Words of 64 bytes or more are never within limit.
func Distance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if len(a) >= maxDistanceLen || len(b) >= maxDistanceLen {
		return limit + 1
	}
	var rows [3][maxDistanceLen]int
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

// SameStart reports whether two words start alike: the same first letter,
// or their first two letters swapped. Typos rarely hit the first letter;
// without this rule "night" reads as "fight" and "later" as "water".
func SameStart(a, b string) bool {
	if a == "" || b == "" {
		return a == b
	}
	if a[0] == b[0] {
		return true
	}
	return len(a) > 1 && len(b) > 1 && a[0] == b[1] && a[1] == b[0]
}
