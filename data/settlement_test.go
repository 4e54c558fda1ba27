package data_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

func drawn(name string) data.Settlement {
	ring := orb.Ring{{39.25, -6.81}, {39.251, -6.81}, {39.251, -6.809}, {39.25, -6.809}, {39.25, -6.81}}
	return data.Settlement{Name: name, Source: "mapper survey 2026", Geometry: orb.Polygon{ring},
		Submitter: "mapper-3", CreatedAt: time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)}
}

func TestSettlementStore(t *testing.T) {
	ctx := context.Background()
	s, dir := datatest.NewStore(t)
	if err := s.EachSettlement(func(data.Settlement) bool { t.Fatal("settlement in an empty store"); return true }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Settlement(1); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("missing settlement: %v", err)
	}
	v0 := s.SettlementsVersion()
	a, err := s.CreateSettlement(ctx, drawn("Tandale"))
	if err != nil || a.Existed || a.Settlement.ID != 1 || a.Settlement.Status != data.SettlementNew {
		t.Fatalf("create: %+v %v", a, err)
	}
	withKey := drawn("Mburahati")
	withKey.IdempotencyKey = "k1"
	b, err := s.CreateSettlement(ctx, withKey)
	if err != nil || b.Settlement.ID != 2 {
		t.Fatalf("create 2: %+v %v", b, err)
	}
	again, err := s.CreateSettlement(ctx, withKey)
	if err != nil || !again.Existed || again.Settlement.ID != 2 {
		t.Fatalf("repeat key: %+v %v", again, err)
	}
	if v := s.SettlementsVersion(); v != v0+2 {
		t.Errorf("version %d after two creations from %d", v, v0)
	}
	if _, err := s.CreateSettlement(ctx, data.Settlement{Source: "x", Geometry: drawn("").Geometry}); err == nil {
		t.Error("settlement without a name stored")
	}
	if _, err := s.CreateSettlement(ctx, data.Settlement{Name: "x", Source: "x", Geometry: orb.Point{1, 2}}); err == nil {
		t.Error("point settlement stored")
	}
	st, err := s.SetSettlementStatus(ctx, 2, data.SettlementVerified, time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC))
	if err != nil || st.Status != data.SettlementVerified || st.UpdatedAt.Day() != 2 {
		t.Fatalf("set status: %+v %v", st, err)
	}
	if _, err := s.SetSettlementStatus(ctx, 9, data.SettlementVerified, time.Now()); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("status of a missing settlement: %v", err)
	}
	if _, err := s.SetSettlementStatus(ctx, 1, "approved", time.Now()); err == nil {
		t.Error("unknown status accepted")
	}
	if v := s.SettlementsVersion(); v != v0+3 {
		t.Errorf("version %d after a status change", v)
	}

	// Everything survives a reopen, private fields included.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := datatest.Open(t, dir, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	var got []data.Settlement
	if err := s2.EachSettlement(func(st data.Settlement) bool { got = append(got, st); return true }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "Tandale" || got[1].Status != data.SettlementVerified || got[1].Submitter != "mapper-3" ||
		got[1].IdempotencyKey != "k1" || !got[0].CreatedAt.Equal(time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)) {
		t.Fatalf("after reopen: %+v", got)
	}
	if p, ok := got[0].Geometry.(orb.Polygon); !ok || len(p[0]) != 5 || p[0][1] != (orb.Point{39.251, -6.81}) {
		t.Errorf("geometry %v", got[0].Geometry)
	}
	f := got[1].Feature()
	if f.ID != uint64(2) || f.Properties["origin"] != "mapper" || f.Properties["submitter"] != nil {
		t.Errorf("public feature %+v", f.Properties)
	}
}
