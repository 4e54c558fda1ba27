package mapping

import "sort"

// calPoint is one point of the calibration curve: matches with a raw
// score of Score were correct (placed within 250 m) in Share of the
// evaluation's cases.
type calPoint struct {
	Score, Share float64
}

// calibrate turns a raw ranking score into a confidence that means the
// share of correct placements at that score on the evaluation set
// (make eval-places rebuilds calibrationTable): linear between the
// table's points, flat beyond them. Without a table it is the score
// clamped to [0, 1]. It is monotonic, so it never reorders matches.
func calibrate(score float64) float64 {
	t := calibrationTable
	if len(t) == 0 {
		return min(1, max(0, score))
	}
	i := sort.Search(len(t), func(i int) bool { return t[i].Score >= score })
	switch {
	case i == 0:
		return t[0].Share
	case i == len(t):
		return t[len(t)-1].Share
	}
	a, b := t[i-1], t[i]
	if b.Score == a.Score {
		return b.Share
	}
	return a.Share + (b.Share-a.Share)*(score-a.Score)/(b.Score-a.Score)
}
