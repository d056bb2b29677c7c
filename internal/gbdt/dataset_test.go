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
		if got.NumRows() != 2*rows || !reflect.DeepEqual(got.allBins(), want.allBins()) || !reflect.DeepEqual(got.mappers, want.mappers) {
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
	if !reflect.DeepEqual(gotV.allBins(), wantV.allBins()) {
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

// With a mirror map like the feature plan's (columns swapped in pairs with
// sign +1, self-mirrored columns with sign +1 or -1), a mirrored dataset
// keeps its own mirror bins only for the sign -1 columns: the others'
// mirror half is their partner's first half (shared memory), and a model
// trained on it is the model of the materialized matrix.
func TestMirroredDatasetSharesPartnerBins(t *testing.T) {
	const rows, cols = 300, 70
	r := rand.New(rand.NewPCG(5, 6))
	perm := make([]int, cols)
	sign := make([]float32, cols)
	for i := 0; i < cols; i++ {
		switch {
		case i < 40 && i%2 == 0: // AB./BA. partners
			perm[i], perm[i+1], sign[i], sign[i+1] = i+1, i, 1, 1
			i++
		case i < 55: // D.: self, negated
			perm[i], sign[i] = i, -1
		default: // S.: self
			perm[i], sign[i] = i, 1
		}
	}
	data := make([]float32, rows*cols)
	y := make([]float64, 2*rows)
	for row := range rows {
		for i := range cols {
			v := float32(r.NormFloat64())
			if i > 1 && r.IntN(20) == 0 {
				v = float32(math.NaN())
			}
			data[row*cols+i] = v
		}
		y[row] = float64(data[row*cols]) - float64(data[row*cols+1]) + 0.3*r.NormFloat64()
		y[rows+row] = -y[row]
	}
	full := append([]float32(nil), data...)
	for row := range rows {
		for i := range cols {
			full = append(full, sign[i]*data[row*cols+perm[i]])
		}
	}
	want, err := NewDataset(full, 2*rows, cols, DatasetOptions{MaxBin: 63, Cores: 1})
	if err != nil {
		t.Fatal(err)
	}
	got, err := NewDataset(data, rows, cols, DatasetOptions{MaxBin: 63, Cores: 2, Mirror: testMirror{perm, sign}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.allBins(), want.allBins()) || !reflect.DeepEqual(got.mappers, want.mappers) {
		t.Fatal("mirrored dataset differs from the materialized one")
	}
	for f := range cols {
		c := got.column(f)
		shared := &c.hi[0] == &got.column(perm[f]).lo[0]
		if shared != (sign[f] == 1) {
			t.Errorf("column %d (partner %d, sign %v): mirror bins shared with the partner: %v", f, perm[f], sign[f], shared)
		}
	}
	// Other rows binned like it (a validation set) share alike.
	const vrows = 50
	vfull := append(append([]float32(nil), full[:vrows*cols]...), full[rows*cols:(rows+vrows)*cols]...)
	wantV, err := want.BinLike(vfull, 2*vrows)
	if err != nil {
		t.Fatal(err)
	}
	gotV, err := got.BinLikeMirrored(data[:vrows*cols], vrows, testMirror{perm, sign})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotV.allBins(), wantV.allBins()) {
		t.Fatal("BinLikeMirrored differs from BinLike on the materialized rows")
	}
	for f := range cols {
		c := gotV.column(f)
		if shared := &c.hi[0] == &gotV.column(perm[f]).lo[0]; shared != (sign[f] == 1) {
			t.Errorf("validation column %d (sign %v): mirror bins shared: %v", f, sign[f], shared)
		}
	}
	p := DefaultParams()
	p.Objective, p.NumIterations, p.NumLeaves, p.MinDataInLeaf, p.BaggingFraction, p.BaggingFreq = "huber", 20, 15, 5, 0.8, 1
	p.Cores = 2
	mw, _, err := Train(p, want, y, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	mg, _, err := Train(p, got, y, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(mw.Trees, mg.Trees) || len(mg.Trees) != 20 {
		t.Fatal("the model trained on the mirrored dataset differs from the materialized matrix's")
	}
}
