package gbdt

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
)

// Dataset is a binned feature matrix: every value is replaced by the index
// of its bin, one byte per cell, stored column-major. Bin b of feature f
// holds the values x with upper[b-1] < x <= upper[b]; NaN has its own bin,
// the last one. A tree threshold is always a bin's upper bound, so routing
// raw values with x <= threshold equals routing their bins.
type Dataset struct {
	rows, cols int
	names      []string
	// bins is column-major: column f's first stride rows at
	// bins[f*stride:]. stride is rows, except in a mirrored dataset (rows
	// followed by their mirrors, see DatasetOptions.Mirror), where bins
	// holds the first half and hi[f] the bins of the mirror rows: the
	// partner column's first half when the mirror value is the partner's
	// value (sign +1, same bins), its own bytes otherwise.
	bins    []uint8
	stride  int
	hi      [][]uint8
	mappers []*binMapper // shared by datasets binned alike
	weights []float64    // per-row sample weights (nil: every row weighs 1)
}

// colBins is one column's bins: row r < n at lo[r], row r >= n at hi[r-n]
// (hi is nil when n is the row count).
type colBins struct {
	lo, hi []uint8
	n      int
}

// at returns the bin of row r.
func (c colBins) at(r int) uint8 {
	if r < c.n {
		return c.lo[r]
	}
	return c.hi[r-c.n]
}

// all returns the column's bins as one slice (a copy when split).
func (c colBins) all() []uint8 {
	if c.hi == nil {
		return c.lo
	}
	return append(slices.Clone(c.lo), c.hi...)
}

// binMapper maps the values of one feature to bins.
type binMapper struct {
	upper    []float64 // upper bound of each non-NaN bin; the last is +Inf
	min, max float64   // range of the non-NaN training values (NaN if none)
}

// numBins returns the number of bins including the NaN bin.
func (m *binMapper) numBins() int { return len(m.upper) + 1 }

// nanBin returns the bin of NaN.
func (m *binMapper) nanBin() uint8 { return uint8(len(m.upper)) }

// bin returns the bin of x.
func (m *binMapper) bin(x float64) uint8 {
	if math.IsNaN(x) {
		return m.nanBin()
	}
	lo, hi := 0, len(m.upper)-1
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if x <= m.upper[mid] {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return uint8(lo)
}

// NumRows returns the number of rows.
func (d *Dataset) NumRows() int { return d.rows }

// NumCols returns the number of features.
func (d *Dataset) NumCols() int { return d.cols }

// FeatureNames returns the feature names (do not modify).
func (d *Dataset) FeatureNames() []string { return d.names }

// NumBins returns the number of bins of feature f, including its NaN bin.
// A feature with fewer than 3 bins (constant or all-NaN) is never split.
func (d *Dataset) NumBins(f int) int { return d.mappers[f].numBins() }

// BinUpperBounds returns the upper bounds of feature f's non-NaN bins (the
// last one is +Inf); do not modify.
func (d *Dataset) BinUpperBounds(f int) []float64 { return d.mappers[f].upper }

// column returns the bins of feature f.
func (d *Dataset) column(f int) colBins {
	c := colBins{lo: d.bins[f*d.stride : (f+1)*d.stride], n: d.stride}
	if d.hi != nil {
		c.hi = d.hi[f]
	}
	return c
}

// allBins returns every column's bins, column-major over all rows (as an
// unsplit dataset stores them).
func (d *Dataset) allBins() []uint8 {
	if d.hi == nil {
		return d.bins
	}
	out := make([]uint8, 0, d.rows*d.cols)
	for f := range d.cols {
		c := d.column(f)
		out = append(append(out, c.lo...), c.hi...)
	}
	return out
}

// Mirror maps every column of a mirror row to a signed column of the row
// it mirrors: column i of the mirror of row is sign * row[col] for
// (col, sign) = Source(i). featurizers/plan.MirrorMap implements it.
type Mirror interface {
	Len() int
	Source(i int) (col int, sign float32)
}

// DatasetOptions configures NewDataset.
type DatasetOptions struct {
	// Names gives one name per column; nil names them Column_0,
	// Column_1, ... as LightGBM does.
	Names []string
	// MaxBin is the number of bins per feature including the NaN bin, in
	// [2, 255]; 0 means 255.
	MaxBin int
	// Cores is the number of goroutines (<= 0: all CPUs). The result does
	// not depend on it.
	Cores int
	// Mirror, when set, makes the dataset the 2*rows rows of the matrix
	// followed by their mirrors (row rows+r is the mirror of row r),
	// binned without materializing the mirror rows: the same Dataset as
	// on that matrix, in a third of the memory.
	Mirror Mirror
}

// NewDataset bins a row-major float32 matrix (rows x cols) with
// per-feature quantile bins.
func NewDataset(data []float32, rows, cols int, opt DatasetOptions) (*Dataset, error) {
	if err := checkShape(data, rows, cols); err != nil {
		return nil, err
	}
	maxBin := opt.MaxBin
	if maxBin == 0 {
		maxBin = 255
	}
	if opt.Mirror == nil {
		return newBinnedDataset(rows, cols, opt.Names, maxBin, opt.Cores, func(c0, c1 int, buf []float32) {
			transposeBlock(data, rows, cols, c0, c1, buf)
		})
	}
	fill, err := mirroredFill(data, rows, cols, opt.Mirror)
	if err != nil {
		return nil, err
	}
	return newMirroredDataset(rows, cols, opt.Names, maxBin, opt.Cores, fill, opt.Mirror)
}

// BinLikeMirrored is BinLike on the rows of data followed by their mirrors
// (2*rows rows), without materializing the mirrors.
func (d *Dataset) BinLikeMirrored(data []float32, rows int, mirror Mirror) (*Dataset, error) {
	if err := checkShape(data, rows, d.cols); err != nil {
		return nil, err
	}
	fill, err := mirroredFill(data, rows, d.cols, mirror)
	if err != nil {
		return nil, err
	}
	return d.binLikeMirrored(rows, fill, mirror), nil
}

// binLikeMirrored bins the rows followed by their mirrors that fill writes
// (2*rows rows) with d's mappers, keeping the mirror half of a column only
// where it is not its partner's first half: where the mirror value is the
// partner's value (sign +1) and both columns have the same mapper, the
// mirror bins are the partner's row bins exactly.
func (d *Dataset) binLikeMirrored(rows int, fill func(c0, c1 int, buf []float32), mirror Mirror) *Dataset {
	v := &Dataset{rows: 2 * rows, cols: d.cols, names: d.names, stride: rows,
		bins: make([]uint8, rows*d.cols), hi: make([][]uint8, d.cols), mappers: d.mappers}
	partner := make([]int, d.cols)
	for f := range partner {
		p, sign := mirror.Source(f)
		partner[f] = -1
		if sign == 1 && d.mappers[f].equal(d.mappers[p]) {
			partner[f] = p
		}
	}
	forColumnBlocks(2*rows, d.cols, 0, fill, func(f int, col []float32, _ *binScratch) {
		d.mappers[f].binColumn(col[:rows], v.bins[f*rows:(f+1)*rows])
		if partner[f] < 0 {
			v.hi[f] = make([]uint8, rows)
			d.mappers[f].binColumn(col[rows:], v.hi[f])
		}
	})
	for f, p := range partner {
		if p >= 0 {
			v.hi[f] = v.bins[p*rows : (p+1)*rows]
		}
	}
	return v
}

// mirroredFill checks a mirror map and returns the block filler of the
// rows of data followed by their mirrors.
func mirroredFill(data []float32, rows, cols int, mirror Mirror) (func(c0, c1 int, buf []float32), error) {
	if mirror.Len() != cols {
		return nil, fmt.Errorf("gbdt: mirror map of %d entries for %d columns", mirror.Len(), cols)
	}
	perm := make([]int, cols)
	sign := make([]float32, cols)
	for i := range cols {
		perm[i], sign[i] = mirror.Source(i)
		if perm[i] < 0 || perm[i] >= cols {
			return nil, fmt.Errorf("gbdt: mirror map entry %d outside [0, %d)", perm[i], cols)
		}
	}
	return func(c0, c1 int, buf []float32) {
		n := 2 * rows
		for r := range rows {
			row := data[r*cols : (r+1)*cols]
			for j, x := range row[c0:c1] {
				buf[j*n+r] = x
			}
			for j := range c1 - c0 {
				buf[j*n+rows+r] = sign[c0+j] * row[perm[c0+j]]
			}
		}
	}, nil
}

// newBinnedDataset bins a rows x cols matrix that fill writes, a block of
// columns [c0, c1) at a time, column-major into buf (column c0+j at
// buf[j*rows:]).
func newBinnedDataset(rows, cols int, names []string, maxBin, cores int, fill func(c0, c1 int, buf []float32)) (*Dataset, error) {
	if maxBin < 2 || maxBin > 255 {
		return nil, fmt.Errorf("gbdt: maxBin must be in [2, 255], got %d", maxBin)
	}
	names, err := checkNames(names, cols)
	if err != nil {
		return nil, err
	}
	d := &Dataset{rows: rows, cols: cols, names: names, stride: rows,
		bins: make([]uint8, rows*cols), mappers: make([]*binMapper, cols)}
	forColumnBlocks(rows, cols, cores, fill, func(f int, col []float32, s *binScratch) {
		d.mappers[f] = s.binFeature(col, maxBin-1, d.bins[f*rows:(f+1)*rows])
	})
	return d, nil
}

// checkNames validates or makes the feature names of cols columns.
func checkNames(names []string, cols int) ([]string, error) {
	if names == nil {
		names = make([]string, cols)
		for i := range names {
			names[i] = fmt.Sprintf("Column_%d", i)
		}
	}
	if len(names) != cols {
		return nil, fmt.Errorf("gbdt: %d feature names for %d columns", len(names), cols)
	}
	return slices.Clone(names), nil
}

// newMirroredDataset bins the 2*rows x cols matrix of rows followed by
// their mirrors that fill writes, as newBinnedDataset does, but keeps the
// mirror half of a column only where it is not the partner column's first
// half: a column whose mirror value is its partner's value (sign +1) is
// binned from the same multiset of values as its partner, so both get the
// same bin mapper and its mirror bins are the partner's row bins. That is
// checked (mappers equal, and a hash of the bins), and a column that fails
// it is binned again and keeps its own bytes, so the bins always equal
// newBinnedDataset's.
func newMirroredDataset(rows, cols int, names []string, maxBin, cores int, fill func(c0, c1 int, buf []float32), mirror Mirror) (*Dataset, error) {
	if maxBin < 2 || maxBin > 255 {
		return nil, fmt.Errorf("gbdt: maxBin must be in [2, 255], got %d", maxBin)
	}
	names, err := checkNames(names, cols)
	if err != nil {
		return nil, err
	}
	n := 2 * rows
	d := &Dataset{rows: n, cols: cols, names: names, stride: rows,
		bins: make([]uint8, rows*cols), hi: make([][]uint8, cols), mappers: make([]*binMapper, cols)}
	partner := make([]int, cols)
	loHash, hiHash := make([]uint64, cols), make([]uint64, cols)
	for f := range cols {
		var sign float32
		partner[f], sign = mirror.Source(f)
		if sign != 1 {
			partner[f] = -1
		}
	}
	var pool sync.Pool
	forColumnBlocks(n, cols, cores, fill, func(f int, col []float32, s *binScratch) {
		bp, _ := pool.Get().(*[]uint8)
		if bp == nil {
			b := make([]uint8, n)
			bp = &b
		}
		defer pool.Put(bp)
		all := *bp
		d.mappers[f] = s.binFeature(col, maxBin-1, all)
		copy(d.bins[f*rows:(f+1)*rows], all[:rows])
		loHash[f], hiHash[f] = hashBins(all[:rows]), hashBins(all[rows:])
		if partner[f] < 0 {
			d.hi[f] = slices.Clone(all[rows:])
		}
	})
	buf := make([]float32, n)
	for f, p := range partner {
		if p < 0 {
			continue
		}
		if hiHash[f] == loHash[p] && d.mappers[f].equal(d.mappers[p]) {
			d.hi[f] = d.bins[p*rows : (p+1)*rows]
			continue
		}
		fill(f, f+1, buf)
		all := make([]uint8, n)
		(&binScratch{}).binFeature(buf, maxBin-1, all)
		d.hi[f] = all[rows:]
	}
	return d, nil
}

// hashBins is the FNV-1a hash of a column's bins.
func hashBins(b []uint8) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}

// equal reports whether two bin mappers are the same.
func (m *binMapper) equal(o *binMapper) bool {
	same := func(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
	return slices.Equal(m.upper, o.upper) && same(m.min, o.min) && same(m.max, o.max)
}

// BinLike bins another row-major matrix (rows x d.NumCols()) with d's bin
// mappers, e.g. a validation set.
func (d *Dataset) BinLike(data []float32, rows int) (*Dataset, error) {
	if err := checkShape(data, rows, d.cols); err != nil {
		return nil, err
	}
	return d.binLike(rows, func(c0, c1 int, buf []float32) { transposeBlock(data, rows, d.cols, c0, c1, buf) }), nil
}

// binLike bins the rows x d.cols matrix that fill writes with d's mappers.
func (d *Dataset) binLike(rows int, fill func(c0, c1 int, buf []float32)) *Dataset {
	v := &Dataset{rows: rows, cols: d.cols, names: d.names, stride: rows,
		bins: make([]uint8, rows*d.cols), mappers: d.mappers}
	forColumnBlocks(rows, d.cols, 0, fill, func(f int, col []float32, _ *binScratch) {
		d.mappers[f].binColumn(col, v.bins[f*rows:(f+1)*rows])
	})
	return v
}

// Subset returns the dataset restricted to the given rows (in that order),
// sharing the bin mappers.
func (d *Dataset) Subset(rowIdx []int) *Dataset {
	s := &Dataset{rows: len(rowIdx), cols: d.cols, names: d.names, stride: len(rowIdx),
		bins: make([]uint8, len(rowIdx)*d.cols), mappers: d.mappers}
	if d.weights != nil {
		s.weights = make([]float64, len(rowIdx))
		for i, r := range rowIdx {
			s.weights[i] = d.weights[r]
		}
	}
	for f := 0; f < d.cols; f++ {
		src, dst := d.column(f), s.column(f).lo
		for i, r := range rowIdx {
			dst[i] = src.at(r)
		}
	}
	return s
}

// checkShape validates a matrix's dimensions.
func checkShape(data []float32, rows, cols int) error {
	if rows <= 0 || cols <= 0 {
		return errEmpty
	}
	if len(data) != rows*cols {
		return fmt.Errorf("gbdt: matrix has %d values, want rows*cols = %d*%d", len(data), rows, cols)
	}
	return nil
}

// forColumnBlocks calls fn for every column of a rows x cols matrix, with
// the column's values contiguous; fill writes a block of columns [c0, c1)
// column-major into a worker's buffer. Blocks are spread over `cores`
// goroutines (<= 0: all CPUs); each column is handed to fn exactly once.
func forColumnBlocks(rows, cols, cores int, fill func(c0, c1 int, buf []float32), fn func(f int, col []float32, s *binScratch)) {
	const block = 64
	nblocks := (cols + block - 1) / block
	if cores <= 0 {
		cores = runtime.GOMAXPROCS(0)
	}
	workers := min(cores, nblocks)
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for range workers {
		wg.Go(func() {
			buf := make([]float32, block*rows)
			s := &binScratch{}
			for {
				mu.Lock()
				b := next
				next++
				mu.Unlock()
				if b >= nblocks {
					return
				}
				c0, c1 := b*block, min((b+1)*block, cols)
				fill(c0, c1, buf)
				for j := range c1 - c0 {
					fn(c0+j, buf[j*rows:(j+1)*rows], s)
				}
			}
		})
	}
	wg.Wait()
}

// transposeBlock copies columns [c0, c1) of a row-major matrix column-major
// into buf.
func transposeBlock(data []float32, rows, cols, c0, c1 int, buf []float32) {
	for r := range rows {
		for j, x := range data[r*cols+c0 : r*cols+c1] {
			buf[j*rows+r] = x
		}
	}
}

// binScratch holds one worker's buffers for binFeature.
type binScratch struct {
	keys, tmp []uint64
	runs      []run
}

// run is a distinct value and the count of values up to and including it.
type run struct {
	v   float32
	end int
}

// sortKey maps a float32 to a uint32 with the same order (NaN excluded).
func sortKey(x float32) uint32 {
	b := math.Float32bits(x)
	if b>>31 == 1 {
		return ^b
	}
	return b | 1<<31
}

// fromKey inverts sortKey.
func fromKey(k uint32) float32 {
	if k>>31 == 1 {
		return math.Float32frombits(k &^ (1 << 31))
	}
	return math.Float32frombits(^k)
}

// radixSort sorts keys by their upper 32 bits (LSD, 8 bits per pass).
func radixSort(keys, tmp []uint64) {
	src, dst := keys, tmp[:len(keys)]
	for shift := 32; shift < 64; shift += 8 {
		var count [256]int
		for _, k := range src {
			count[(k>>shift)&255]++
		}
		if count[(src[0]>>shift)&255] == len(src) {
			continue // all equal in this digit
		}
		pos := 0
		for i, c := range count {
			count[i] = pos
			pos += c
		}
		for _, k := range src {
			d := (k >> shift) & 255
			dst[count[d]] = k
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}

// binFeature builds the bin mapper of one feature's values and writes
// their bins into dst.
func (s *binScratch) binFeature(col []float32, maxNonNaN int, dst []uint8) *binMapper {
	if cap(s.keys) < len(col) {
		s.keys = make([]uint64, 0, len(col))
	}
	keys := s.keys[:0]
	for r, x := range col {
		if x == x {
			keys = append(keys, uint64(sortKey(x))<<32|uint64(r))
		}
	}
	s.keys = keys
	if cap(s.tmp) < len(keys) {
		s.tmp = make([]uint64, len(keys))
	}
	if len(keys) > 0 {
		radixSort(keys, s.tmp)
	}
	m := s.newBinMapper(keys, maxNonNaN)
	nan := m.nanBin()
	for i := range dst {
		dst[i] = nan
	}
	b := 0
	for _, k := range keys {
		x := float64(fromKey(uint32(k >> 32)))
		for x > m.upper[b] {
			b++
		}
		dst[uint32(k)] = uint8(b)
	}
	return m
}

// newBinMapper builds quantile bins (at most maxNonNaN of them) for the
// sorted non-NaN values of one feature (keys from binFeature). A bin
// boundary lies halfway between two consecutive distinct values, so that
// thresholds separate training values with a margin on both sides.
func (s *binScratch) newBinMapper(keys []uint64, maxNonNaN int) *binMapper {
	m := &binMapper{min: math.NaN(), max: math.NaN()}
	n := len(keys)
	if n == 0 {
		return m // all NaN: only the NaN bin
	}
	val := func(i int) float32 { return fromKey(uint32(keys[i] >> 32)) }
	m.min, m.max = float64(val(0)), float64(val(n-1))
	// distinct values (every |x| <= zeroThreshold is one value, zero) and
	// cumulative counts
	runs := s.runs[:0]
	for i := 0; i < n; {
		v := asZero(val(i))
		j := i + 1
		for j < n && asZero(val(j)) == v {
			j++
		}
		runs = append(runs, run{v, j})
		i = j
	}
	s.runs = runs
	m.upper = make([]float64, 0, min(len(runs), maxNonNaN))
	if len(runs) <= maxNonNaN {
		for i := 0; i+1 < len(runs); i++ {
			m.upper = append(m.upper, midpoint(runs[i].v, runs[i+1].v))
		}
	} else {
		k := 1 // next cut target: k*n/maxNonNaN values to the left
		for i := 0; i+1 < len(runs) && len(m.upper) < maxNonNaN-1; i++ {
			if runs[i].end*maxNonNaN >= k*n {
				m.upper = append(m.upper, midpoint(runs[i].v, runs[i+1].v))
				for runs[i].end*maxNonNaN >= k*n {
					k++
				}
			}
		}
	}
	m.upper = append(m.upper, math.Inf(1))
	return m
}

// zeroThreshold is LightGBM's kZeroThreshold (1e-35f): LightGBM reads
// every value x with |x| <= zeroThreshold as zero, in training and in
// prediction.
var zeroThreshold = float64(float32(1e-35))

// asZero returns 0 for the values LightGBM reads as zero, x otherwise.
func asZero(x float32) float32 {
	if math.Abs(float64(x)) <= zeroThreshold {
		return 0
	}
	return x
}

// midpoint returns a finite float64 threshold t with a <= t < b for
// distinct values a < b (asZero of themselves). It is halfway between them
// unless that falls inside [-zeroThreshold, zeroThreshold), where a
// threshold would route the values LightGBM reads as zero differently in
// LightGBM and in leaves; there it is zeroThreshold when b > zeroThreshold
// and the float64 just below -zeroThreshold otherwise (b = 0), as
// LightGBM puts its bin boundaries at ±kZeroThreshold.
func midpoint(a, b float32) float64 {
	switch {
	case math.IsInf(float64(b), 1):
		return math.MaxFloat64
	case math.IsInf(float64(a), -1):
		return -math.MaxFloat64
	}
	t := (float64(a) + float64(b)) / 2
	if t >= -zeroThreshold && t < zeroThreshold {
		if float64(b) > zeroThreshold {
			return zeroThreshold
		}
		return math.Nextafter(-zeroThreshold, math.Inf(-1))
	}
	return t
}

// binColumn writes the bin of every value of col into dst.
func (m *binMapper) binColumn(col []float32, dst []uint8) {
	for i, x := range col {
		dst[i] = m.bin(float64(x))
	}
}
