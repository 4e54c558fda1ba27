package mapping

import (
	"errors"
	"testing"

	"github.com/paulmach/orb"
)

// way builds a member way from node ids, placing node n at pts[n].
func way(id int64, pts map[int64]orb.Point, refs ...int64) memberWay {
	w := memberWay{id: id, refs: refs}
	for _, r := range refs {
		w.pts = append(w.pts, pts[r])
	}
	return w
}

func TestAssemble(t *testing.T) {
	pts := map[int64]orb.Point{
		1: {0, 0}, 2: {10, 0}, 3: {10, 10}, 4: {0, 10}, // big square
		5: {2, 2}, 6: {2, 8}, 7: {8, 8}, 8: {8, 2}, // hole
		9: {4, 4}, 10: {6, 4}, 11: {6, 6}, 12: {4, 6}, // island in the hole
		13: {20, 0}, 14: {30, 0}, 15: {30, 10}, // a second shell
		16: {0, 0}, // degenerate
	}
	tests := []struct {
		name       string
		ways       []memberWay
		wantErr    error
		wantPolys  int
		wantHoles  int // in the first polygon
		wantRings0 int // points in the outer ring of the first polygon
	}{
		{name: "one closed way", ways: []memberWay{way(1, pts, 1, 2, 3, 4, 1)}, wantPolys: 1, wantRings0: 5},
		{name: "three ways, one reversed", ways: []memberWay{way(1, pts, 1, 2), way(2, pts, 3, 2), way(3, pts, 3, 4, 1)},
			wantPolys: 1, wantRings0: 5},
		{name: "hole", ways: []memberWay{way(1, pts, 1, 2, 3, 4, 1), way(2, pts, 5, 8, 7, 6, 5)}, wantPolys: 1, wantHoles: 1, wantRings0: 5},
		{name: "island in the hole", ways: []memberWay{way(1, pts, 1, 2, 3, 4, 1), way(2, pts, 5, 6, 7, 8, 5), way(3, pts, 9, 10, 11, 12, 9)},
			wantPolys: 2, wantHoles: 1, wantRings0: 5},
		{name: "two shells", ways: []memberWay{way(1, pts, 1, 2, 3, 4, 1), way(2, pts, 13, 14, 15, 13)}, wantPolys: 2, wantRings0: 5},
		{name: "gap", ways: []memberWay{way(1, pts, 1, 2, 3), way(2, pts, 3, 4)}, wantErr: errUnclosable},
		{name: "closed with too few nodes", ways: []memberWay{way(1, pts, 1, 2, 1)}, wantErr: errUnclosable},
		{name: "no ways", ways: nil, wantErr: errUnclosable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := assemble(tt.ways)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("assemble = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			var mp orb.MultiPolygon
			switch g := g.(type) {
			case orb.Polygon:
				mp = orb.MultiPolygon{g}
			case orb.MultiPolygon:
				mp = g
			}
			if len(mp) != tt.wantPolys {
				t.Fatalf("%d polygons, want %d: %v", len(mp), tt.wantPolys, mp)
			}
			if len(mp[0])-1 != tt.wantHoles || len(mp[0][0]) != tt.wantRings0 {
				t.Errorf("first polygon = %v", mp[0])
			}
			for _, p := range mp {
				for i, r := range p {
					if !r.Closed() {
						t.Errorf("ring %d not closed", i)
					}
					if (r.Orientation() == orb.CCW) != (i == 0) {
						t.Errorf("ring %d has orientation %v", i, r.Orientation())
					}
				}
			}
		})
	}
}
