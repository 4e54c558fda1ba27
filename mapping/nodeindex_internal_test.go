package mapping

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestNodeIndexOrders(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	interleaved := func() []int64 { // two sorted runs with disjoint ranges, interleaved in chunks
		var a, b, out []int64
		for i := int64(0); i < 1000; i++ {
			a, b = append(a, i*3), append(b, 10_000+i*2)
		}
		for len(a)+len(b) > 0 {
			n := r.IntN(50)
			if r.IntN(2) == 0 && len(a) > 0 {
				n = min(n, len(a))
				out, a = append(out, a[:n]...), a[n:]
			} else if len(b) > 0 {
				n = min(n, len(b))
				out, b = append(out, b[:n]...), b[n:]
			}
		}
		return out
	}
	shuffled := func() []int64 {
		ids := make([]int64, 2000)
		for i := range ids {
			ids[i] = int64(i * 7)
		}
		r.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		return ids
	}
	tests := []struct {
		name string
		ids  []int64
	}{
		{name: "sorted", ids: []int64{1, 2, 5, 9}},
		{name: "interleaved runs", ids: interleaved()},
		{name: "shuffled", ids: shuffled()},
		{name: "duplicates, last wins", ids: []int64{5, 3, 5}},
		{name: "negative ids", ids: []int64{-5, -9, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := newNodeIndex(0)
			want := map[int64]float64{}
			for i, id := range tt.ids {
				lon := float64(i%1800)/10 - 90
				x.add(id, lon, 1)
				want[id] = lon
			}
			for id, lon := range want {
				p, ok := x.get(id)
				if !ok || math.Abs(p[0]-lon) > 1e-7 || p[1] != 1 {
					t.Fatalf("get(%d) = %v, %v; want lon %v", id, p, ok, lon)
				}
			}
			if _, ok := x.get(123456789); ok {
				t.Error("found a node never added")
			}
			if x.len() != len(want) {
				t.Errorf("len = %d, want %d", x.len(), len(want))
			}
		})
	}
}
