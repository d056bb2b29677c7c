package protocol

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/causal-tool/causal/internal/generate"
)

// Regime is one generator setting of the regimes table: cause families
// (causal generate --causes) or another simulator (--simulator).
type Regime struct {
	Causes    string `json:"causes,omitempty"`
	Simulator string `json:"simulator,omitempty"`
}

// Flags prints the regime as causal generate's flags.
func (r Regime) Flags() string {
	if r.Simulator != "" {
		return "--simulator " + r.Simulator
	}
	return "--causes " + r.Causes
}

// Regimes are the generator settings of BENCHMARKS.md's regimes table.
func Regimes() []Regime {
	return []Regime{{Causes: "all"}, {Causes: "gmm=3,uniform=3,all"}, {Causes: "gmm,uniform"},
		{Simulator: "sim"}, {Simulator: "sim-c"}, {Simulator: "sim-ln"}, {Simulator: "sim-g"}}
}

// RegimesMethods are the classical methods the regimes table scores by
// default: single scores published work finds informative on real pairs.
var RegimesMethods = []string{"igci_slope_uniform", "reci", "cds", "anm_hsic"}

// RegimesConfig is the regimes experiment.
type RegimesConfig struct {
	// N is the number of pairs drawn in each regime (400).
	N int
	// Seed is the generator's seed (78).
	Seed    uint64
	Methods []string
	Regimes []Regime
	Cores   int
	Log     io.Writer
}

// RegimesRow is one regime's scores, one per method.
type RegimesRow struct {
	Regime Regime   `json:"regime"`
	Scores []Method `json:"scores"`
}

// RegimesResult is the regimes table.
type RegimesResult struct {
	N       int          `json:"pairs"`
	Seed    uint64       `json:"seed"`
	Methods []string     `json:"methods"`
	Rows    []RegimesRow `json:"rows"`
}

// RegimesTable puts the classical methods in the generator's regimes
// (BENCHMARKS.md, "What the training corpus changed"): in each regime, N
// Numerical-Numerical pairs of the two causal classes, scored by each
// method as causal baseline and causal evaluate would. Generated data only.
func RegimesTable(ctx context.Context, cfg RegimesConfig) (*RegimesResult, error) {
	if cfg.N <= 0 {
		return nil, fmt.Errorf("protocol: regimes of %d pairs", cfg.N)
	}
	if err := checkMethods(cfg.Methods); err != nil {
		return nil, err
	}
	res := &RegimesResult{N: cfg.N, Seed: cfg.Seed, Methods: cfg.Methods}
	for _, r := range cfg.Regimes {
		sim := r.Simulator
		if sim == "" {
			sim = generate.SimChallenge
		}
		causes := r.Causes
		if causes == "" {
			causes = "all"
		}
		name := strings.NewReplacer(",", "_", "=", "_", " ", "_").Replace(strings.TrimPrefix(r.Flags(), "--"))
		gc, err := genConfig(sim, causes, cfg.N, cfg.Seed, name)
		if err != nil {
			return nil, err
		}
		logf(cfg.Log, "%s: draw %d pairs", r.Flags(), cfg.N)
		set, err := Draw(name, gc, cfg.Cores)
		if err != nil {
			return nil, err
		}
		row := RegimesRow{Regime: r}
		for _, m := range cfg.Methods {
			sc, err := ScoreMethod(ctx, m, set, cfg.Cores)
			if err != nil {
				return nil, err
			}
			row.Scores = append(row.Scores, sc)
		}
		res.Rows = append(res.Rows, row)
	}
	return res, nil
}

// Markdown prints the table of BENCHMARKS.md (AUC / accuracy at 3
// decimals).
func (r *RegimesResult) Markdown(w io.Writer) error {
	fmt.Fprint(w, "| generate flags |")
	for _, m := range r.Methods {
		fmt.Fprintf(w, " %s AUC / acc. |", m)
	}
	fmt.Fprint(w, "\n|---|"+strings.Repeat("---|", len(r.Methods))+"\n")
	for _, row := range r.Rows {
		fmt.Fprintf(w, "| %s |", row.Regime.Flags())
		for _, s := range row.Scores {
			fmt.Fprintf(w, " %s |", aucAcc(s.Score, 3))
		}
		if _, err := fmt.Fprintln(w); err != nil {
			return err
		}
	}
	return nil
}

// JSON prints the result as indented JSON.
func (r *RegimesResult) JSON(w io.Writer) error { return writeJSON(w, r) }
