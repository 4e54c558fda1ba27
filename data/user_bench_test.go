package data_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/data"
)

// BenchmarkCheckPassword is the cost of one login's password check
// (argon2id, 19 MiB, 2 passes). API tokens and sessions need no slow hash
// (see server's BenchmarkAuthenticatedGet).
func BenchmarkCheckPassword(b *testing.B) {
	h, _ := data.HashPassword("correct horse battery")
	b.ReportAllocs()
	for b.Loop() {
		if !data.CheckPassword(h, "correct horse battery") {
			b.Fatal("no match")
		}
	}
}
