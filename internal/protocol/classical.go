package protocol

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/causal-tool/causal/featurizers/direction"
	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/generate"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

// A Scored set is a set of pairs with their targets, scored by classical
// methods.
type Scored struct {
	Name    string
	Pairs   []pairs.Pair
	Targets []pairs.Target
}

// Method is one classical method's result on a set.
type Method struct {
	Score
	// Undefined counts the pairs where the method is undefined (scored 0,
	// as causal baseline does).
	Undefined int `json:"undefined"`
	// Seconds is the wall time of the scoring.
	Seconds float64 `json:"seconds"`
}

// ScoreMethod scores a set with one classical method as causal baseline
// and causal evaluate would (a pair where it is undefined scores 0; scores
// as printed).
func ScoreMethod(ctx context.Context, method string, set Scored, cores int) (Method, error) {
	start := time.Now()
	var m Method
	byID, undefined, err := methodScores(ctx, method, set, cores)
	if err != nil {
		return Method{}, err
	}
	m.Seconds, m.Undefined = time.Since(start).Seconds(), undefined
	if m.Score, err = evaluateScores(set.Name, set.Targets, byID); err != nil {
		return Method{}, err
	}
	return m, nil
}

// methodScores scores a set's pairs with one classical method, by
// SampleID (0 where it is undefined), and the number of those pairs.
func methodScores(ctx context.Context, method string, set Scored, cores int) (map[string]float64, int, error) {
	pl, err := plan.DirectionMethod(method)
	if err != nil {
		return nil, 0, err
	}
	undefined := 0
	byID := make(map[string]float64, len(set.Pairs))
	err = pl.Run(plan.SliceSource(set.Pairs), plan.RunOptions{Workers: max(cores, 1), Context: ctx}, func(id string, row []float32) error {
		s := float64(row[0])
		if math.IsNaN(s) {
			s, undefined = 0, undefined+1
		}
		byID[id] = s
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("protocol: %s on %s: %w", method, set.Name, err)
	}
	return byID, undefined, nil
}

// Draw draws a generator's pairs (as causal generate writes them, in
// SampleID order).
func Draw(name string, cfg generate.Config, cores int) (Scored, error) {
	return draw(name, cfg, cores, nil)
}

// draw is Draw that also records each pair's meta in meta (causal
// generate --meta) when meta is not nil.
func draw(name string, cfg generate.Config, cores int, meta map[string]pairs.Meta) (Scored, error) {
	gen, err := generate.New(cfg)
	if err != nil {
		return Scored{}, fmt.Errorf("protocol: %s: %w", name, err)
	}
	sim := cfg.Simulator
	if sim == "" {
		sim = generate.SimChallenge
	}
	set := Scored{Name: name}
	err = gen.Run(cores, func(s generate.Sample) error {
		set.Pairs, set.Targets = append(set.Pairs, s.Pair), append(set.Targets, s.Target)
		if meta != nil {
			meta[s.Pair.ID] = pairs.Meta{ID: s.Pair.ID, Simulator: sim, Causes: s.Causes, Mechanisms: s.Mechanisms}
		}
		return nil
	})
	if err != nil {
		return Scored{}, fmt.Errorf("protocol: %s: %w", name, err)
	}
	return set, nil
}

// ReadScored reads a challenge file set: pairs, their publicinfo (types)
// and targets.
func ReadScored(name, pairsPath, infoPath, targetPath string) (Scored, error) {
	info, err := pairio.ReadPublicInfo(infoPath)
	if err != nil {
		return Scored{}, err
	}
	ps, err := pairio.ReadAllPairs(pairsPath, pairio.Options{Info: info})
	if err != nil {
		return Scored{}, err
	}
	ts, err := pairio.ReadTargets(targetPath)
	if err != nil {
		return Scored{}, err
	}
	return Scored{Name: name, Pairs: ps, Targets: ts}, nil
}

// genConfig is causal generate --n n --seed seed --type-mix NN=1
// --class-weights 1,1,0,0 --causes causes --simulator sim --id-prefix id:
// Numerical pairs of the two causal classes; another simulator than the
// challenge's records no variable coarsely (its default).
func genConfig(sim, causes string, n int, seed uint64, id string) (generate.Config, error) {
	c := generate.DefaultConfig()
	c.N, c.Seed, c.Simulator, c.IDPrefix = n, seed, sim, id
	if sim != generate.SimChallenge {
		c.CoarseFraction = 0
	}
	c.Mechanisms = generate.ParseList("all", generate.MechanismNamesFor(sim))
	c.Noises = generate.ParseList("all", generate.NoiseNames())
	var err error
	if c.Causes, c.CauseWeights, err = generate.ParseWeightedList(causes, generate.CauseNames()); err != nil {
		return c, fmt.Errorf("protocol: causes %q: %w", causes, err)
	}
	if c.ClassWeights, err = generate.ParseClassWeights("1,1,0,0"); err != nil {
		return c, err
	}
	c.TypeMix, err = generate.ParseTypeMix("NN=1")
	return c, err
}

// SimNames are the SIM simulators, in the tables' order.
var SimNames = []string{"sim", "sim-c", "sim-ln", "sim-g"}

// DrawSims draws n pairs of each SIM simulator with the seed, points
// points each, as causal generate --simulator SIM --n n --seed seed
// --min-points points --max-points points --id-prefix STEM<sim>- draws them
// (SampleIDs STEM<sim>-1, ...), in SimNames' order.
func DrawSims(n int, seed uint64, points int, stem string, cores int) ([]Scored, error) {
	out := make([]Scored, len(SimNames))
	for i, s := range SimNames {
		cfg, err := genConfig(s, "all", n, seed, stem+s+"-")
		if err != nil {
			return nil, err
		}
		cfg.MinPoints, cfg.MaxPoints = points, points
		if out[i], err = Draw(s, cfg, cores); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// checkMethods refuses an unknown classical method.
func checkMethods(ms []string) error {
	known := map[string]bool{}
	for _, m := range direction.AllNames() {
		known[m] = true
	}
	for _, m := range ms {
		if !known[m] {
			return fmt.Errorf("protocol: unknown classical method %q (methods: %s)", m, strings.Join(direction.AllNames(), ", "))
		}
	}
	return nil
}

// aucAcc prints "AUC / acc." at digits decimals.
func aucAcc(s Score, digits int) string {
	return fmt.Sprintf("%.*f / %.*f", digits, s.AUC, digits, s.Accuracy)
}
