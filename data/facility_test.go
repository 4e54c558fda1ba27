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

func TestFacilityDetails(t *testing.T) {
	s, _ := datatest.NewStore(t)
	ctx := context.Background()
	at := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	res, err := s.Create(ctx, datatest.Report(orb.Point{39.25, -6.81}, "water_supply", at))
	if err != nil {
		t.Fatal(err)
	}
	id := res.Report.ID
	if _, found, err := s.Facility(id); err != nil || found {
		t.Fatalf("details before any: found %v, %v", found, err)
	}
	var ve *data.ValidationError
	if _, err := s.SetFacility(ctx, id, data.Facility{OperationalStatus: "dry"}, amina, at); !errors.As(err, &ve) || ve.Field != "operational_status" {
		t.Fatalf("bad status: %v", err)
	}
	long := make([]byte, data.MaxFacilityNameRunes+1)
	for i := range long {
		long[i] = 'a'
	}
	if _, err := s.SetFacility(ctx, id, data.Facility{Name: string(long)}, amina, at); !errors.As(err, &ve) || ve.Field != "name" {
		t.Fatalf("long name: %v", err)
	}
	if _, found, _ := s.Facility(id); found {
		t.Fatal("a refused change was stored")
	}
	for _, f := range []data.Facility{
		{Name: " Kisima cha Bi Mwanaisha ", Kind: "water_well", OperationalStatus: data.FacilityBroken},
		{Name: "Kisima cha Bi Mwanaisha", Kind: "water_well", OperationalStatus: data.FacilityOperational},
	} {
		if _, err := s.SetFacility(ctx, id, f, amina, at); err != nil {
			t.Fatal(err)
		}
	}
	got, found, err := s.Facility(id)
	if err != nil || !found || got.Name != "Kisima cha Bi Mwanaisha" || got.OperationalStatus != data.FacilityOperational {
		t.Fatalf("details: %+v %v %v", got, found, err)
	}
	// Both changes are in the report's audit, the second with the first as
	// its before.
	entries, err := s.ReportAudit(id)
	if err != nil || len(entries) != 2 || entries[1].Action != data.ActionReportFacility || string(entries[1].Before) != string(entries[0].After) {
		t.Fatalf("audit: %+v %v", entries, err)
	}
}
