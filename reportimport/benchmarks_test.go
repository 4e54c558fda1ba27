package reportimport_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/reportimport"
)

// ushahidiCSV is an Ushahidi export of n rows around Tandale with
// bilingual categories, as the benchmarks read it.
func ushahidiCSV(n int) []byte {
	r := rand.New(rand.NewPCG(7, 11))
	labels := []string{"2a. Penurie d'aliments | Food Shortage,", "1. Urgences | Emergency, 4. Incendie | Fire,",
		"2b. Penurie d'eau | Water shortage,", "3a. Effondrement de structure | Collapsed structure,"}
	var b bytes.Buffer
	b.WriteString("#,INCIDENT TITLE,INCIDENT DATE,LOCATION,DESCRIPTION,CATEGORY,LATITUDE,LONGITUDE,APPROVED,VERIFIED\n")
	for i := 1; i <= n; i++ {
		b.WriteString(strconv.Itoa(i) + ",Report " + strconv.Itoa(i) + ",01/14/2010 12:00,Tandale,\"Something happened, near the market\",\"" +
			labels[r.IntN(len(labels))] + "\"," + strconv.FormatFloat(-6.85+r.Float64()*0.1, 'f', 6, 64) + "," +
			strconv.FormatFloat(39.2+r.Float64()*0.1, 'f', 6, 64) + ",YES,NO\n")
	}
	return b.Bytes()
}

func BenchmarkParseUshahidi10k(b *testing.B) {
	src := ushahidiCSV(10_000)
	parser := reportimport.NewParser(reportimport.Options{Now: now})
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		p, err := parser.Parse(src)
		if err != nil || len(p.Rows) != 10_000 {
			b.Fatal(err, len(p.Rows))
		}
	}
}

const importBenchRows = 2000

func parsedRows(b *testing.B) *reportimport.Parsed {
	b.Helper()
	p, err := reportimport.Parse(ushahidiCSV(importBenchRows), reportimport.Options{Now: now})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

func openBenchStore(b *testing.B) *data.Store {
	b.Helper()
	s, err := data.Open(b.TempDir(), data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkImport2kChunked stores 2,000 rows through Import (CreateMany,
// 1,000 per transaction) into a fresh store.
func BenchmarkImport2kChunked(b *testing.B) {
	p := parsedRows(b)
	b.ReportAllocs()
	for range b.N {
		b.StopTimer()
		s := openBenchStore(b)
		b.StartTimer()
		sum, err := reportimport.Import(context.Background(), s, p, reportimport.ImportOptions{})
		if err != nil || sum.Imported != importBenchRows {
			b.Fatal(err, sum.Imported)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(importBenchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkImport2kOneByOne is the baseline: the same rows stored with one
// Create (one transaction and fsync) each.
func BenchmarkImport2kOneByOne(b *testing.B) {
	p := parsedRows(b)
	b.ReportAllocs()
	for range b.N {
		b.StopTimer()
		s := openBenchStore(b)
		b.StartTimer()
		for _, r := range p.Rows {
			if _, err := s.Create(context.Background(), r.Report); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(importBenchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
