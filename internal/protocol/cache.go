package protocol

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/corpus"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

// A Labelled set is a feature file and the target file of its pairs.
type Labelled struct {
	// Name names the set ("cdt_train", a data set's name).
	Name string
	// Features and Targets are the file paths.
	Features, Targets string
}

// Cache featurizes the parts of corpora into a folder, once: a part's
// files are named by a hash of what was drawn (the source, its simulators,
// pairs, seed, SampleID stem, sizes, type mix and recording) and of the
// plan, so a changed corpus or plan never reuses stale features.
type Cache struct {
	Dir   string
	Plan  *plan.Plan
	Cores int
	// Log receives a line per part drawn and featurized (nil: none).
	Log io.Writer
}

// key hashes what makes a part's features.
func (c *Cache) key(p corpus.Part) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s|%s|%d|%d|%s|%d-%d|%v|%g|%s", p.Source.Name, strings.Join(p.Source.Simulators, ","), p.N, p.Seed,
		p.Prefix, p.MinPoints, p.MaxPoints, p.TypeMix, p.Coarse, c.Plan.Hash())
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Part returns the part's features and targets, drawing and featurizing
// them when the cache does not hold them yet.
func (c *Cache) Part(p corpus.Part) (Labelled, error) {
	set := []string{"train", "tune", "test"}[p.Set]
	stem, l := c.files(p)
	if l.cached() {
		return l, nil
	}
	if err := c.ready(); err != nil {
		return l, err
	}
	if c.Log != nil {
		fmt.Fprintf(c.Log, "source %s (%s): draw and featurize %d %s pairs\n", p.Source.Name, strings.Join(p.Source.Simulators, ","), p.N, set)
	}
	ss, err := p.Draw(c.Cores)
	if err != nil {
		return l, err
	}
	ps := make([]pairs.Pair, len(ss))
	ts := make([]pairs.Target, len(ss))
	for i, s := range ss {
		ps[i], ts[i] = s.Pair, s.Target
	}
	if err := c.featurize(l.Features, ps); err != nil {
		return l, fmt.Errorf("protocol: %s: %w", l.Name, err)
	}
	return l, pairio.WriteSet(stem, ps, ts, pairio.SetOptions{NoPairs: true, Target: true})
}

// files returns the stem of a part's files in the cache and the labelled
// set they hold.
func (c *Cache) files(p corpus.Part) (string, Labelled) {
	set := []string{"train", "tune", "test"}[p.Set]
	stem := filepath.Join(c.Dir, p.Source.Name+"_"+set+"-"+c.key(p))
	return stem, Labelled{Name: p.Source.Name + "_" + set, Features: stem + ".features", Targets: stem + "_target.csv"}
}

// cached reports whether both files of the set exist.
func (l Labelled) cached() bool { return exists(l.Features) && exists(l.Targets) }

// First returns the features of the part's first n pairs: the pairs a part
// of n draws (Part.IDs), cached under that smaller part's key. When only
// the whole part is cached (make-model's corpus), its rows of those
// SampleIDs are selected without featurizing again; otherwise the n pairs
// are drawn and featurized.
func (c *Cache) First(p corpus.Part, n int) (Labelled, error) {
	if n <= 0 || n > p.N {
		return Labelled{}, fmt.Errorf("protocol: %s: the first %d pairs of %d", p.Source.Name, n, p.N)
	}
	small := p
	small.N = n
	stem, l := c.files(small)
	_, whole := c.files(p)
	if l.cached() || n == p.N || !whole.cached() {
		return c.Part(small)
	}
	if err := c.ready(); err != nil {
		return l, err
	}
	if c.Log != nil {
		fmt.Fprintf(c.Log, "source %s: select the first %d of %d cached pairs\n", p.Source.Name, n, p.N)
	}
	ids := p.IDs(n)
	ts, err := pairio.ReadTargets(whole.Targets)
	if err != nil {
		return l, err
	}
	keep := make(map[string]bool, len(ids))
	for _, id := range ids {
		keep[id] = true
	}
	var sel []pairs.Target
	for _, t := range ts {
		if keep[t.ID] {
			sel = append(sel, t)
		}
	}
	if len(sel) != n {
		return l, fmt.Errorf("protocol: %s holds %d of the first %d pairs' targets", whole.Targets, len(sel), n)
	}
	if err := featio.Select(context.Background(), l.Features, featio.FormatArrow, whole.Features, ids); err != nil {
		return l, fmt.Errorf("protocol: %s: %w", l.Name, err)
	}
	return l, pairio.WriteSet(stem, nil, sel, pairio.SetOptions{NoPairs: true, Target: true})
}

// ready makes the cache's folder, whose files are published as soon as
// they are written, not staged until the command ends (atomicfile.Scratch):
// a cache is read back by the command that fills it.
func (c *Cache) ready() error {
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return err
	}
	atomicfile.Scratch(c.Dir)
	return nil
}

// scratchDir makes a temporary folder in parent for an experiment's
// intermediate files (joined sets, models), published as soon as written
// (atomicfile.Scratch).
func scratchDir(parent, pattern string) (string, error) {
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp(parent, pattern)
	if err != nil {
		return "", err
	}
	atomicfile.Scratch(dir)
	return dir, nil
}

// featurize writes the features of ps to path (atomically).
func (c *Cache) featurize(path string, ps []pairs.Pair) error {
	w, err := featio.Create(path, featio.FormatArrow, featio.Header{Names: c.Plan.Names(), PlanHash: c.Plan.Hash()})
	if err != nil {
		return err
	}
	if err := c.Plan.Run(plan.SliceSource(ps), plan.RunOptions{Workers: max(c.Cores, 1)}, w.Write); err != nil {
		w.Abort()
		return err
	}
	return w.Commit()
}

// Parts returns the features of every part of a corpus set.
func (c *Cache) Parts(cp corpus.Corpus, set corpus.Set) ([]Labelled, error) {
	parts, err := cp.Parts(set)
	if err != nil {
		return nil, err
	}
	out := make([]Labelled, len(parts))
	for i, p := range parts {
		if out[i], err = c.Part(p); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Join writes the rows of sets, one after the other, as one labelled set
// DIR/NAME.features and DIR/NAME_target.csv (one set is used as it is).
func Join(dir, name string, sets []Labelled) (Labelled, error) {
	switch len(sets) {
	case 0:
		return Labelled{}, errors.New("protocol: no sets to join")
	case 1:
		return sets[0], nil
	}
	out := Labelled{Name: name, Features: filepath.Join(dir, name+".features"), Targets: filepath.Join(dir, name+"_target.csv")}
	atomicfile.Scratch(dir) // read back at once
	feats := make([]string, len(sets))
	var ts []pairs.Target
	for i, s := range sets {
		feats[i] = s.Features
		t, err := pairio.ReadTargets(s.Targets)
		if err != nil {
			return out, err
		}
		ts = append(ts, t...)
	}
	if err := featio.Concat(context.Background(), out.Features, featio.FormatArrow, feats); err != nil {
		return out, fmt.Errorf("protocol: join %s: %w", name, err)
	}
	return out, pairio.WriteSet(filepath.Join(dir, name), nil, ts, pairio.SetOptions{NoPairs: true, Target: true})
}

func exists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Size() > 0
}
