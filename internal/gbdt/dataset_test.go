package gbdt

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// testMirror is a Mirror of explicit columns and signs.
type testMirror struct {
	perm []int
	sign []float32
}

func (m testMirror) Len() int                    { return len(m.perm) }
func (m testMirror) Source(i int) (int, float32) { return m.perm[i], m.sign[i] }

// TestNewDatasetMirrored checks that binning the virtual mirrored matrix
// gives exactly the Dataset of the materialized one, for any cores.
func TestNewDatasetMirrored(t *testing.T) {
	const rows, cols = 157, 131 // more than two 64-column blocks
	r := rand.New(rand.NewPCG(3, 4))
	data := make([]float32, rows*cols)
	for i := range data {
		switch r.IntN(10) {
		case 0:
			data[i] = float32(math.NaN())
		case 1:
			data[i] = float32(r.IntN(3))
		default:
			data[i] = float32(r.NormFloat64())
		}
	}
	perm := r.Perm(cols)
	sign := make([]float32, cols)
	for i := range sign {
		sign[i] = float32(1 - 2*r.IntN(2))
	}
	full := make([]float32, 0, 2*rows*cols)
	full = append(full, data...)
	for row := range rows {
		for i := range cols {
			full = append(full, sign[i]*data[row*cols+perm[i]])
		}
	}
	want, err := NewDataset(full, 2*rows, cols, DatasetOptions{MaxBin: 63, Cores: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, cores := range []int{1, 3} {
		got, err := NewDataset(data, rows, cols, DatasetOptions{MaxBin: 63, Cores: cores, Mirror: testMirror{perm, sign}})
		if err != nil {
			t.Fatal(err)
		}
		if got.NumRows() != 2*rows || !reflect.DeepEqual(got.bins, want.bins) || !reflect.DeepEqual(got.mappers, want.mappers) {
			t.Fatalf("cores %d: mirrored dataset differs from the materialized one", cores)
		}
	}
	// BinLikeMirrored bins other rows with the same mappers as BinLike
	// on their materialized mirrored matrix.
	half := rows / 2
	wantV, err := want.BinLike(append(append([]float32(nil), full[:half*cols]...), full[rows*cols:(rows+half)*cols]...), 2*half)
	if err != nil {
		t.Fatal(err)
	}
	gotV, err := want.BinLikeMirrored(data[:half*cols], half, testMirror{perm, sign})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotV.bins, wantV.bins) {
		t.Fatal("BinLikeMirrored differs from BinLike on the materialized rows")
	}
	if _, err := want.BinLikeMirrored(data[:half*cols], half, testMirror{perm[:1], sign[:1]}); err == nil {
		t.Error("BinLikeMirrored: short mirror map accepted")
	}
	if _, err := NewDataset(data, rows, cols, DatasetOptions{MaxBin: 63, Cores: 1, Mirror: testMirror{perm[:cols-1], sign[:cols-1]}}); err == nil {
		t.Error("short mirror map accepted")
	}
	bad := append([]int(nil), perm...)
	bad[0] = cols
	if _, err := NewDataset(data, rows, cols, DatasetOptions{MaxBin: 63, Cores: 1, Mirror: testMirror{bad, sign}}); err == nil {
		t.Error("out-of-range mirror map accepted")
	}
}

// TestBinBoundariesAvoidLightGBMZero checks LightGBM's zero semantics: no
// bin boundary (hence no threshold) lies in [-1e-35f, 1e-35f), where
// LightGBM, which reads every |x| <= 1e-35f as zero, would route values
// differently from leaves; the values it reads as zero share zero's bin;
// values just outside that range keep bins of their own.
func TestBinBoundariesAvoidLightGBMZero(t *testing.T) {
	col := []float32{-3e-35, -1.5e-35, -1e-35, -1e-36, float32(math.Copysign(0, -1)), 0, 1e-38, 1e-35, 1.2e-35, 4e-35, 1}
	for _, maxBin := range []int{255, 4} {
		ds, err := NewDataset(col, len(col), 1, DatasetOptions{MaxBin: maxBin, Cores: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range ds.BinUpperBounds(0) {
			if u >= -zeroThreshold && u < zeroThreshold {
				t.Errorf("maxBin %d: bin boundary %g inside [-1e-35, 1e-35)", maxBin, u)
			}
		}
		zero := ds.bins[5]
		for i, x := range col {
			// with few bins, other values may share zero's bin too
			if got := ds.bins[i]; (asZero(x) == 0 && got != zero) || (maxBin == 255 && asZero(x) != 0 && got == zero) {
				t.Errorf("maxBin %d: %g in bin %d, zero in bin %d", maxBin, x, got, zero)
			}
		}
		if maxBin == 255 && ds.NumBins(0) != 7 { // -3e-35, -1.5e-35, zero, 1.2e-35, 4e-35, 1, and NaN
			t.Errorf("%d bins, want 7 (6 distinct values and NaN)", ds.NumBins(0))
		}
	}
}
