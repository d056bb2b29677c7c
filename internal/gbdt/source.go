package gbdt

import (
	"fmt"
	"sync"
)

// ColumnSource is a rows x cols float32 matrix that is read a few columns
// at a time, e.g. a feature file on disk (featio.ColumnView), so that the
// whole matrix never has to be in memory: NewDatasetFrom reads each block
// of columns once, bins it and drops it.
type ColumnSource interface {
	// NumRows returns the number of rows.
	NumRows() int
	// NumCols returns the number of columns.
	NumCols() int
	// ReadColumns writes the values of the columns cols (in that order,
	// each in [0, NumCols())) into dst, column cols[j] at
	// dst[j*stride : j*stride+NumRows()]. It is called concurrently.
	ReadColumns(cols []int, dst []float32, stride int) error
}

// NewDatasetFrom bins the matrix of src as NewDataset bins the same matrix
// in memory (the same bins and bin boundaries), reading it a block of
// columns at a time: at most a block per core is in memory. With
// opt.Mirror the dataset holds the rows of src followed by their mirrors,
// which are never materialized either.
func NewDatasetFrom(src ColumnSource, opt DatasetOptions) (*Dataset, error) {
	rows, cols := src.NumRows(), src.NumCols()
	if rows <= 0 || cols <= 0 {
		return nil, errEmpty
	}
	maxBin := opt.MaxBin
	if maxBin == 0 {
		maxBin = 255
	}
	fill, err := sourceFill(src, opt.Mirror)
	if err != nil {
		return nil, err
	}
	var d *Dataset
	if opt.Mirror != nil {
		d, err = newMirroredDataset(rows, cols, opt.Names, maxBin, opt.Cores, fill.fill, opt.Mirror)
	} else {
		d, err = newBinnedDataset(rows, cols, opt.Names, maxBin, opt.Cores, fill.fill)
	}
	if err != nil {
		return nil, err
	}
	if err := fill.err(); err != nil {
		return nil, err
	}
	return d, nil
}

// BinLikeFrom bins the matrix of src (with d.NumCols() columns) with d's
// bin mappers, as BinLike does in memory; with mirror set, its rows are
// followed by their mirrors, as in BinLikeMirrored.
func (d *Dataset) BinLikeFrom(src ColumnSource, mirror Mirror) (*Dataset, error) {
	rows := src.NumRows()
	if rows <= 0 {
		return nil, errEmpty
	}
	if src.NumCols() != d.cols {
		return nil, fmt.Errorf("gbdt: %d columns to bin like a dataset of %d", src.NumCols(), d.cols)
	}
	fill, err := sourceFill(src, mirror)
	if err != nil {
		return nil, err
	}
	var v *Dataset
	if mirror != nil {
		v = d.binLikeMirrored(rows, fill.fill, mirror)
	} else {
		v = d.binLike(rows, fill.fill)
	}
	if err := fill.err(); err != nil {
		return nil, err
	}
	return v, nil
}

// sourceFiller is the block filler of a ColumnSource (rows followed by
// their mirrors when perm is set). It keeps the first read error and skips
// the reads after it.
type sourceFiller struct {
	src   ColumnSource
	perm  []int
	sign  []float32
	mu    sync.Mutex
	first error
}

// sourceFill checks a mirror map (nil: none) and returns the filler of src.
func sourceFill(src ColumnSource, mirror Mirror) (*sourceFiller, error) {
	f := &sourceFiller{src: src}
	if mirror == nil {
		return f, nil
	}
	cols := src.NumCols()
	if mirror.Len() != cols {
		return nil, fmt.Errorf("gbdt: mirror map of %d entries for %d columns", mirror.Len(), cols)
	}
	f.perm = make([]int, cols)
	f.sign = make([]float32, cols)
	for i := range cols {
		f.perm[i], f.sign[i] = mirror.Source(i)
		if f.perm[i] < 0 || f.perm[i] >= cols {
			return nil, fmt.Errorf("gbdt: mirror map entry %d outside [0, %d)", f.perm[i], cols)
		}
	}
	return f, nil
}

// fill writes columns [c0, c1) column-major into buf (see newBinnedDataset).
func (f *sourceFiller) fill(c0, c1 int, buf []float32) {
	if f.err() != nil {
		return
	}
	rows := f.src.NumRows()
	cols := make([]int, c1-c0)
	for j := range cols {
		cols[j] = c0 + j
	}
	if f.perm == nil {
		f.fail(f.src.ReadColumns(cols, buf, rows))
		return
	}
	n := 2 * rows
	if err := f.src.ReadColumns(cols, buf, n); err != nil {
		f.fail(err)
		return
	}
	for j := range cols {
		cols[j] = f.perm[c0+j]
	}
	if err := f.src.ReadColumns(cols, buf[rows:], n); err != nil {
		f.fail(err)
		return
	}
	for j := range c1 - c0 {
		if s := f.sign[c0+j]; s != 1 {
			m := buf[j*n+rows : (j+1)*n]
			for i := range m {
				m[i] *= s
			}
		}
	}
}

// fail records err if it is the first error.
func (f *sourceFiller) fail(err error) {
	if err == nil {
		return
	}
	f.mu.Lock()
	if f.first == nil {
		f.first = err
	}
	f.mu.Unlock()
}

// err returns the first read error.
func (f *sourceFiller) err() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.first
}
