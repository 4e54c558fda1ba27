package mapping_test

import (
	"compress/gzip"
	"os"
	"testing"

	"github.com/mtaa-project/mtaa/data/datatest"
)

func writeGzip(t *testing.T, dst, src string) {
	t.Helper()
	raw, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	if _, err := zw.Write(raw); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// osmTestdata returns the path of a file in paulmach/osm's testdata in the
// module cache, skipping the test when it cannot be found (failing it when
// CI=true).
func osmTestdata(t testing.TB, name string) string {
	t.Helper()
	p, err := datatest.OSMTestdata(name)
	if err != nil {
		datatest.SkipOrFailInCI(t, "%v", err)
	}
	return p
}
