package lgbm

import (
	"bufio"
	"io"
	"os"
	"strconv"
)

// WriteData writes row-major rows (cols values each) as LightGBM's CSV
// training/prediction input: the label first (labels[r], or 0 when labels
// is nil), then every value in its shortest float32 form, NaN as "nan".
// Read it with LightGBM's precise_float_parser=true to get the same float32
// values back.
func WriteData(w io.Writer, x []float32, labels []float64, cols int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	var b []byte
	for r := range len(x) / cols {
		label := 0.0
		if labels != nil {
			label = labels[r]
		}
		b = strconv.AppendFloat(b[:0], label, 'g', -1, 64)
		for _, v := range x[r*cols : (r+1)*cols] {
			b = append(b, ',')
			if v != v {
				b = append(b, "nan"...)
			} else {
				b = strconv.AppendFloat(b, float64(v), 'g', -1, 32)
			}
		}
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// WriteDataFile is WriteData into the file path.
func WriteDataFile(path string, x []float32, labels []float64, cols int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := WriteData(f, x, labels, cols); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
