// Package realpairs reads the certified real-pair collection
// (testdata/realpairs, made by scripts/extract-realpairs.py): real pairs
// whose direction is certified by design, time order or mechanism, with
// per-data-set weights and each pair's data set, so that methods can be
// scored weighted and models validated leaving one data set out.
package realpairs

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

// File names of the collection inside its directory.
const (
	PairsFile      = "realpairs_pairs.csv"
	PublicInfoFile = "realpairs_publicinfo.csv"
	TargetFile     = "realpairs_target.csv"
	WeightsFile    = "realpairs_weights.csv"
	GroupsFile     = "realpairs_groups.csv"
	MetaFile       = "realpairs_meta.csv"
	DataSetsFile   = "realpairs_datasets.csv"
	ExcludedFile   = "realpairs_excluded.csv"
)

// Kinds lists the accepted certification kinds.
var Kinds = []string{"design", "time-order", "mechanism"}

// Meta describes one pair: where it comes from and why its label holds.
type Meta struct {
	ID, DataSet, Package string
	// A and B are the data set's columns written as A and B.
	A, B string
	// Cause and Effect are the columns in causal order; both empty for a
	// pair independent by design.
	Cause, Effect string
	Kind, Reason  string
	// Quote is a passage of the data set's documentation.
	Quote string
}

// DataSet is one source data set of the collection.
type DataSet struct {
	Name, Package, Version, Licence string
	Pairs                           int
	// Twins are other copies of the same data in other packages.
	Twins []string
}

// Collection is the whole certified collection.
type Collection struct {
	Pairs   []pairs.Pair
	Targets []pairs.Target
	Weights map[string]float64
	// Groups maps each pair to its data set (realpairs_groups.csv).
	Groups   map[string]string
	Meta     map[string]Meta
	DataSets []DataSet
	// Excluded maps a data set no pair may come from to the reason.
	Excluded map[string]string
}

// Load reads the collection in dir with the project's own readers for the
// challenge files and checks it (see Check).
func Load(dir string) (*Collection, error) {
	info, err := pairio.ReadPublicInfo(filepath.Join(dir, PublicInfoFile))
	if err != nil {
		return nil, err
	}
	c := &Collection{}
	if c.Pairs, err = pairio.ReadAllPairs(filepath.Join(dir, PairsFile), pairio.Options{Info: info}); err != nil {
		return nil, err
	}
	if c.Targets, err = pairio.ReadTargets(filepath.Join(dir, TargetFile)); err != nil {
		return nil, err
	}
	if c.Weights, err = pairio.ReadWeights(filepath.Join(dir, WeightsFile)); err != nil {
		return nil, err
	}
	if c.Groups, err = pairio.ReadLabels(filepath.Join(dir, GroupsFile)); err != nil {
		return nil, err
	}
	if c.Meta, err = readMeta(filepath.Join(dir, MetaFile)); err != nil {
		return nil, err
	}
	if c.DataSets, err = readDataSets(filepath.Join(dir, DataSetsFile)); err != nil {
		return nil, err
	}
	if c.Excluded, err = readExcluded(filepath.Join(dir, ExcludedFile)); err != nil {
		return nil, err
	}
	return c, c.Check()
}

// readCSV reads a CSV file with the given header and returns its rows.
func readCSV(path string, header ...string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = len(header)
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(header, ",") {
		return nil, fmt.Errorf("%s: want header %s", path, strings.Join(header, ","))
	}
	return rows[1:], nil
}

func readMeta(path string) (map[string]Meta, error) {
	rows, err := readCSV(path, "SampleID", "Dataset", "Package", "A", "B", "Cause", "Effect", "Kind", "Reason", "Quote")
	if err != nil {
		return nil, err
	}
	out := map[string]Meta{}
	for i, r := range rows {
		if _, dup := out[r[0]]; dup {
			return nil, fmt.Errorf("%s:%d: duplicate SampleID %s", path, i+2, r[0])
		}
		out[r[0]] = Meta{ID: r[0], DataSet: r[1], Package: r[2], A: r[3], B: r[4], Cause: r[5], Effect: r[6], Kind: r[7], Reason: r[8], Quote: r[9]}
	}
	return out, nil
}

func readDataSets(path string) ([]DataSet, error) {
	rows, err := readCSV(path, "Dataset", "Package", "Version", "Licence", "Pairs", "Twins")
	if err != nil {
		return nil, err
	}
	var out []DataSet
	for i, r := range rows {
		n, err := strconv.Atoi(r[4])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: Pairs %q is not a count", path, i+2, r[4])
		}
		d := DataSet{Name: r[0], Package: r[1], Version: r[2], Licence: r[3], Pairs: n}
		if r[5] != "" {
			d.Twins = strings.Split(r[5], ";")
		}
		out = append(out, d)
	}
	return out, nil
}

func readExcluded(path string) (map[string]string, error) {
	rows, err := readCSV(path, "Dataset", "Reason")
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range rows {
		out[r[0]] = r[1]
	}
	return out, nil
}

// Check verifies the collection's invariants: the same pairs in every file
// (a group file naming each pair's data set);
// each pair certified (a known kind, a reason, a quote) with a target that
// agrees with its cause and effect; each data set's weights summing to one;
// every data set listed with its pair count, and none excluded.
func (c *Collection) Check() error {
	targets := map[string]pairs.Target{}
	for _, t := range c.Targets {
		targets[t.ID] = t
	}
	if len(targets) != len(c.Pairs) || len(c.Meta) != len(c.Pairs) || len(c.Weights) != len(c.Pairs) {
		return fmt.Errorf("realpairs: %d pairs but %d targets, %d meta rows, %d weights",
			len(c.Pairs), len(targets), len(c.Meta), len(c.Weights))
	}
	sums := map[string]float64{}
	counts := map[string]int{}
	for _, p := range c.Pairs {
		m, ok := c.Meta[p.ID]
		t, tok := targets[p.ID]
		w, wok := c.Weights[p.ID]
		if !ok || !tok || !wok {
			return fmt.Errorf("realpairs: pair %s lacks a target, meta row or weight", p.ID)
		}
		if err := checkPair(m, t); err != nil {
			return err
		}
		if g := c.Groups[p.ID]; g != m.DataSet {
			return fmt.Errorf("realpairs: pair %s: group %q in %s, data set %q in %s", p.ID, g, GroupsFile, m.DataSet, MetaFile)
		}
		sums[m.DataSet] += w
		counts[m.DataSet]++
	}
	for ds, s := range sums {
		if math.Abs(s-1) > 1e-9 {
			return fmt.Errorf("realpairs: weights of data set %s sum to %g, want 1", ds, s)
		}
	}
	listed := map[string]bool{}
	for _, d := range c.DataSets {
		listed[d.Name] = true
		if counts[d.Name] != d.Pairs {
			return fmt.Errorf("realpairs: data set %s lists %d pairs, has %d", d.Name, d.Pairs, counts[d.Name])
		}
		for _, name := range append([]string{d.Name}, d.Twins...) {
			if why, bad := c.Excluded[name]; bad {
				return fmt.Errorf("realpairs: data set %s is excluded (%s)", name, why)
			}
		}
	}
	for ds := range counts {
		if !listed[ds] {
			return fmt.Errorf("realpairs: data set %s is not listed in %s", ds, DataSetsFile)
		}
	}
	return nil
}

func checkPair(m Meta, t pairs.Target) error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("realpairs: pair %s (%s): %s", m.ID, m.DataSet, fmt.Sprintf(format, args...))
	}
	if !validKind(m.Kind) {
		return fail("certification kind %q, want one of %s", m.Kind, strings.Join(Kinds, ", "))
	}
	if strings.TrimSpace(m.Reason) == "" || strings.TrimSpace(m.Quote) == "" {
		return fail("no reason or no quote")
	}
	switch {
	case t.Target == 1 && m.Cause == m.A && m.Effect == m.B,
		t.Target == -1 && m.Cause == m.B && m.Effect == m.A:
	case t.Target == 0 && t.Details == 4 && m.Cause == "" && m.Effect == "" && m.Kind == "design":
	default:
		return fail("target %d (details %d) disagrees with cause %q, effect %q, A %q, B %q",
			t.Target, t.Details, m.Cause, m.Effect, m.A, m.B)
	}
	return nil
}

func validKind(k string) bool {
	for _, v := range Kinds {
		if k == v {
			return true
		}
	}
	return false
}

// Names returns every data set name of the collection and its twins, sorted.
func (c *Collection) Names() []string {
	var out []string
	for _, d := range c.DataSets {
		out = append(out, d.Name)
		out = append(out, d.Twins...)
	}
	sort.Strings(out)
	return out
}
