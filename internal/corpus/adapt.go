package corpus

import (
	"context"
	"fmt"
	"github.com/causal-tool/causal/internal/atomicfile"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/adapt"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/internal/pairmodel"
	"github.com/causal-tool/causal/pairs"
)

// AdaptConfig is what `causal adapt` adapts to and how.
type AdaptConfig struct {
	// User are the user's own (unlabeled) pairs.
	User []pairs.Pair
	// Sources and Coarse restrict the candidates (nil: every source, every
	// CoarseFraction).
	Sources []string
	Coarse  []float64
	// Uniform skips the matching: every candidate weighs the same (the
	// unadapted control).
	Uniform bool
	// N pairs are drawn for training; Probe pairs of every candidate are
	// compared with the user's.
	N, Probe int
	// Plan featurizes the drawn corpus.
	Plan *plan.Plan
	// Dir receives the corpus (adapt_target.csv, adapt.features; with
	// KeepPairs its pairs and publicinfo too); "" uses a temporary folder.
	Dir       string
	KeepPairs bool
	// Train is the recipe (Features and Targets are filled in).
	Train pairmodel.TrainConfig
	Seed  uint64
	Cores int
	// OnMix, if not nil, sees the weighted candidates and their pair
	// counts before the corpus is drawn.
	OnMix   func(mix *adapt.SourceResult, counts []int)
	Context context.Context
}

// AdaptResult is an adapted model and the mix it was trained on.
type AdaptResult struct {
	Mix    *adapt.SourceResult
	Counts []int
	// Note records the drawn mix ("name (count)" of every drawn
	// candidate), also in the model's parameters as adapted_to.
	Note  string
	Model *pairmodel.TrainResult
}

// AdaptModel trains a model on generated pairs chosen to look like the
// user's: candidates (Candidates) weighted by Match (or alike with
// Uniform), N pairs allocated among them (Allocate) and drawn (candidate i
// with Seed(seed, i, Tune)), featurized and trained on with cfg.Train.
// Same inputs and seed give the same model, whatever Cores.
func AdaptModel(cfg AdaptConfig) (*AdaptResult, error) {
	if cfg.N < 20 || cfg.Probe < 5 {
		return nil, fmt.Errorf("corpus: --n must be >= 20 and --probe >= 5, got %d and %d", cfg.N, cfg.Probe)
	}
	var srcs []Source
	if cfg.Sources != nil {
		var err error
		if srcs, err = SourcesNamed(cfg.Sources); err != nil {
			return nil, err
		}
	}
	cands, err := Candidates(cfg.User, srcs)
	if err != nil {
		return nil, err
	}
	if cands, err = keepCoarse(cands, cfg.Coarse); err != nil {
		return nil, err
	}
	res := &AdaptResult{}
	if cfg.Uniform {
		res.Mix = uniformMix(cands)
	} else if res.Mix, err = Match(cfg.User, cands, cfg.Probe, cfg.Seed, cfg.Cores); err != nil {
		return nil, err
	}
	res.Counts = Allocate(cfg.N, res.Mix.Weight)
	res.Note = mixNote(res.Mix, res.Counts)
	if cfg.OnMix != nil {
		cfg.OnMix(res.Mix, res.Counts)
	}
	dir := cfg.Dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "causal-adapt-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		atomicfile.Scratch(dir)
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	prefix := filepath.Join(dir, "adapt")
	if err := cfg.drawCorpus(cands, res.Counts, prefix); err != nil {
		return nil, err
	}
	tc := cfg.Train
	tc.Context = cfg.Context
	// Inside a command the corpus is staged until the command succeeds.
	tc.Features, tc.Targets = atomicfile.Staged(prefix+".features"), atomicfile.Staged(prefix+"_target.csv")
	if res.Model, err = pairmodel.Train(tc); err != nil {
		return nil, fmt.Errorf("corpus: train: %w", err)
	}
	res.Model.Meta.Params["adapted_to"] = res.Note
	return res, nil
}

// keepCoarse keeps the candidates of the given recording settings (nil:
// all).
func keepCoarse(cands []Setting, coarse []float64) ([]Setting, error) {
	if coarse == nil {
		return cands, nil
	}
	var out []Setting
	for _, c := range cands {
		if slices.Contains(coarse, c.Coarse) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("corpus: --coarse %v matches none of the recording settings %v", coarse, CoarseFractions)
	}
	return out, nil
}

// uniformMix weighs every candidate alike (no matching; MMD² not computed).
func uniformMix(cands []Setting) *adapt.SourceResult {
	res := &adapt.SourceResult{}
	for _, c := range cands {
		res.Sources = append(res.Sources, c.Name())
		res.MMD2 = append(res.MMD2, math.NaN())
		res.Weight = append(res.Weight, 1)
	}
	return res
}

// mixNote is "name (count)" of every drawn candidate (no ':' — LightGBM
// splits parameter lines on it).
func mixNote(res *adapt.SourceResult, counts []int) string {
	s := ""
	for i, name := range res.Sources {
		if counts[i] > 0 {
			if s != "" {
				s += ", "
			}
			s += fmt.Sprintf("%s (%d)", name, counts[i])
		}
	}
	return s
}

// drawCorpus draws every candidate's pairs and writes the corpus's targets
// and features (PREFIX_target.csv, PREFIX.features; with KeepPairs, its
// pairs and publicinfo too).
func (cfg *AdaptConfig) drawCorpus(cands []Setting, counts []int, prefix string) error {
	var ps []pairs.Pair
	var ts []pairs.Target
	for i, c := range cands {
		if counts[i] == 0 {
			continue
		}
		ss, err := c.Draw(counts[i], Seed(cfg.Seed, i, Tune), fmt.Sprintf("adapt-%d-", i), cfg.Cores)
		if err != nil {
			return err
		}
		for _, s := range ss {
			ps, ts = append(ps, s.Pair), append(ts, s.Target)
		}
	}
	if err := pairio.WriteSet(prefix, ps, ts, pairio.SetOptions{NoPairs: !cfg.KeepPairs, Target: true}); err != nil {
		return err
	}
	wr, err := featio.Create(prefix+".features", featio.FormatArrow, featio.Header{Names: cfg.Plan.Names(), PlanHash: cfg.Plan.Hash()})
	if err != nil {
		return err
	}
	if err := cfg.Plan.Run(plan.SliceSource(ps), plan.RunOptions{Workers: max(cfg.Cores, 1), Context: cfg.Context}, wr.Write); err != nil {
		wr.Abort()
		return fmt.Errorf("corpus: featurize the corpus: %w", err)
	}
	return wr.Commit()
}
