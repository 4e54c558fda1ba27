package data

import (
	"fmt"
	"testing"
)

// BenchmarkIndexLateInsert: a server that follows the others' writes
// learns their reports after some of its own with higher ids (behind
// rows), so each is inserted in the middle of the index. The cluster
// crash test puts every report at one point (one leaf at maxDepth).
func BenchmarkIndexLateInsert(b *testing.B) {
	const n = 90_000
	for _, behind := range []int{10, 1000} {
		for _, spread := range []bool{false, true} {
			b.Run(fmt.Sprintf("behind=%d/spread=%v", behind, spread), func(b *testing.B) {
				at := func(id uint64) summary {
					s := summary{id: id, lon: 39.25, lat: -6.8, observed: 1, status: StatusNew, category: "flood"}
					if spread {
						s.lon += float64(id%977) * 1e-4
						s.lat += float64(id%983) * 1e-4
					}
					return s
				}
				x := newReportIndex()
				// Every third id of the last rows is another server's, missing.
				missing := []uint64{}
				for id := uint64(1); id <= n; id++ {
					if id > n-uint64(3*behind) && id%3 == 0 {
						missing = append(missing, id)
						continue
					}
					x.add(at(id))
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					id := missing[i%len(missing)]
					if i > 0 && i%len(missing) == 0 {
						b.StopTimer()
						x = newReportIndex()
						for id := uint64(1); id <= n; id++ {
							if !(id > n-uint64(3*behind) && id%3 == 0) {
								x.add(at(id))
							}
						}
						b.StartTimer()
					}
					x.add(at(id))
				}
			})
		}
	}
}
