package gbdt

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/causal-tool/causal/internal/featio"
)

// TestNewDatasetFromFile checks that binning a feature file streamed a
// block of columns at a time gives exactly the bins and bin boundaries of
// binning its matrix in memory, with and without mirrors, for 1 and 3
// cores, on columns with NaNs, constant and all-NaN columns and more
// distinct values than bins.
func TestNewDatasetFromFile(t *testing.T) {
	const rows, cols = 301, 140 // three 64-column blocks, record batches of 1024 rows: one
	r := rand.New(rand.NewPCG(7, 8))
	names := make([]string, cols)
	h := featio.Header{Names: names}
	for i := range names {
		names[i] = fmt.Sprintf("AB.f%d", i)
	}
	path := filepath.Join(t.TempDir(), "m.arrow")
	w, err := featio.Create(path, featio.FormatArrow, h)
	if err != nil {
		t.Fatal(err)
	}
	data := make([]float32, rows*cols)
	for i := range rows {
		row := data[i*cols : (i+1)*cols]
		for j := range row {
			switch {
			case j == 5:
				row[j] = 3 // constant
			case j == 6:
				row[j] = float32(math.NaN())
			case r.IntN(10) == 0:
				row[j] = float32(math.NaN())
			case j%4 == 0:
				row[j] = float32(r.IntN(4))
			default:
				row[j] = float32(r.NormFloat64())
			}
		}
		if err := w.Write(fmt.Sprint("p", i), row); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	f, err := featio.OpenColumns(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	perm := r.Perm(cols)
	sign := make([]float32, cols)
	for i := range sign {
		sign[i] = float32(1 - 2*r.IntN(2))
	}
	var train, valid []int
	for i := range rows {
		if i%4 == 0 {
			valid = append(valid, i)
		} else {
			train = append(train, i)
		}
	}
	rowsOf := func(idx []int) []float32 {
		out := make([]float32, 0, len(idx)*cols)
		for _, i := range idx {
			out = append(out, data[i*cols:(i+1)*cols]...)
		}
		return out
	}
	for _, mirror := range []Mirror{nil, testMirror{perm, sign}} {
		opt := DatasetOptions{Names: names, MaxBin: 31, Cores: 1, Mirror: mirror}
		want, err := NewDataset(rowsOf(train), len(train), cols, opt)
		if err != nil {
			t.Fatal(err)
		}
		var wantV *Dataset
		if mirror == nil {
			wantV, err = want.BinLike(rowsOf(valid), len(valid))
		} else {
			wantV, err = want.BinLikeMirrored(rowsOf(valid), len(valid), mirror)
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, cores := range []int{1, 3} {
			opt.Cores = cores
			got, err := NewDatasetFrom(f.View(train, nil), opt)
			if err != nil {
				t.Fatal(err)
			}
			if got.rows != want.rows || !reflect.DeepEqual(got.allBins(), want.allBins()) || !sameMappers(got.mappers, want.mappers) {
				t.Fatalf("mirror %v, cores %d: streamed dataset differs from the in-memory one", mirror != nil, cores)
			}
			gotV, err := got.BinLikeFrom(f.View(valid, nil), mirror)
			if err != nil {
				t.Fatal(err)
			}
			if gotV.rows != wantV.rows || !reflect.DeepEqual(gotV.allBins(), wantV.allBins()) {
				t.Fatalf("mirror %v, cores %d: streamed validation set differs", mirror != nil, cores)
			}
		}
	}
	if _, err := NewDatasetFrom(f.View(nil, nil), DatasetOptions{Mirror: testMirror{perm[:3], sign[:3]}}); err == nil {
		t.Error("short mirror map accepted")
	}
	if _, err := NewDatasetFrom(f.View(nil, []int{0, 1}), DatasetOptions{Names: names}); err == nil {
		t.Error("names of another width accepted")
	}
}

// sameMappers compares bin mappers, NaN ranges (all-NaN columns) equal.
func sameMappers(a, b []*binMapper) bool {
	if len(a) != len(b) {
		return false
	}
	eq := func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) }
	for i := range a {
		if !reflect.DeepEqual(a[i].upper, b[i].upper) || !eq(a[i].min, b[i].min) || !eq(a[i].max, b[i].max) {
			return false
		}
	}
	return true
}
