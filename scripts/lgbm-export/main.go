// Command lgbm-export writes a causal feature file and its targets as
// LightGBM CLI training input, split into partitions for LightGBM's
// data-parallel mode (tree_learner=data, pre_partition=true): a header line
// "Target,<feature names>", then one line per row, the target first. Rows
// go to partition (pair index mod -parts), a pair's mirror row (SampleID
// suffixed as causal features mirror writes it) beside its pair, so that no
// pair is split across machines. Used by scripts/distributed-lightgbm.sh.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/pairio"
)

func main() {
	features := flag.String("features", "", "feature file (Arrow or CSV), e.g. the output of causal features mirror")
	target := flag.String("target", "", "target file of the feature file's rows")
	parts := flag.Int("parts", 1, "number of partitions")
	out := flag.String("o", "", "output prefix: writes PREFIX.0.csv … PREFIX.(parts-1).csv (PREFIX.csv when -parts 1)")
	flag.Parse()
	if *features == "" || *target == "" || *out == "" || *parts < 1 {
		log.Fatal("usage: lgbm-export -features F -target T -parts N -o PREFIX")
	}
	if err := run(*features, *target, *parts, *out); err != nil {
		log.Fatal(err)
	}
}

func run(features, target string, parts int, out string) error {
	ts, err := pairio.ReadTargets(target)
	if err != nil {
		return err
	}
	label := make(map[string]int, len(ts))
	for _, t := range ts {
		label[t.ID] = t.Target
	}
	r, err := featio.Open(features)
	if err != nil {
		return err
	}
	defer r.Close()
	names := r.Header().Names
	ws, files, err := createParts(out, parts, names)
	if err != nil {
		return err
	}
	pairIndex := map[string]int{}
	var b []byte
	for {
		id, row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", features, err)
		}
		y, ok := label[id]
		if !ok {
			return fmt.Errorf("%s: SampleID %q has no target in %s", features, id, target)
		}
		base := strings.TrimSuffix(id, featio.MirrorSuffix)
		k, seen := pairIndex[base]
		if !seen {
			k = len(pairIndex)
			pairIndex[base] = k
		}
		b = appendRow(b[:0], y, row)
		if _, err := ws[k%parts].Write(b); err != nil {
			return err
		}
	}
	for i, w := range ws {
		if err := w.Flush(); err != nil {
			return err
		}
		if err := files[i].Close(); err != nil {
			return err
		}
	}
	return nil
}

// createParts creates the partition files and writes their header lines.
func createParts(out string, parts int, names []string) ([]*bufio.Writer, []*os.File, error) {
	header := "Target," + strings.Join(names, ",") + "\n"
	ws := make([]*bufio.Writer, parts)
	files := make([]*os.File, parts)
	for i := range parts {
		path := out + ".csv"
		if parts > 1 {
			path = out + "." + strconv.Itoa(i) + ".csv"
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, nil, err
		}
		f, err := os.Create(path)
		if err != nil {
			return nil, nil, err
		}
		files[i] = f
		ws[i] = bufio.NewWriterSize(f, 1<<20)
		if _, err := ws[i].WriteString(header); err != nil {
			return nil, nil, err
		}
	}
	return ws, files, nil
}

// appendRow appends one CSV line: the label, then each value in its
// shortest float32 form (NaN as "nan"), to be read back exactly with
// LightGBM's precise_float_parser=true.
func appendRow(b []byte, label int, row []float32) []byte {
	b = strconv.AppendInt(b, int64(label), 10)
	for _, v := range row {
		b = append(b, ',')
		if v != v {
			b = append(b, "nan"...)
		} else {
			b = strconv.AppendFloat(b, float64(v), 'g', -1, 32)
		}
	}
	return append(b, '\n')
}
