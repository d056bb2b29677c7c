package protocol

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/causal-tool/causal/featurizers/direction"
)

// ClassicalSimMethods are the published methods the classical table
// scores on the SIM simulators by default: a check of the implementations
// against the papers' SIM figures.
var ClassicalSimMethods = []string{"igci_slope_paper_uniform", "igci_slope_paper_gauss", "igci_entropy_uniform",
	"igci_entropy_gauss", "reci_paper", "anm_gp", "loci", "slope", "sloppy", "bqcd", "cds"}

// ClassicalConfig is the classical-methods experiment.
type ClassicalConfig struct {
	// Tuebingen is the folder of the Tübingen pairs (pairs.csv,
	// publicinfo.csv, target.csv): a test set, only measured on.
	Tuebingen string
	// Methods are scored on Tübingen (nil: every method of causal
	// baseline), SimMethods on the SIM simulators (nil: none).
	Methods, SimMethods []string
	// NSim pairs of each SIM simulator, SimPoints points each, seed SimSeed.
	NSim, SimPoints int
	SimSeed         uint64
	Cores           int
	Log             io.Writer
}

// ClassicalRow is a method's result on Tübingen.
type ClassicalRow struct {
	Name string `json:"method"`
	Method
}

// ClassicalSimRow is a method's results on each SIM simulator.
type ClassicalSimRow struct {
	Method string   `json:"method"`
	Sims   []Method `json:"simulators"`
}

// ClassicalResult is the classical-methods tables.
type ClassicalResult struct {
	Cores     int               `json:"cores"`
	Pairs     int               `json:"tuebingen_pairs"`
	Tuebingen []ClassicalRow    `json:"tuebingen"`
	NSim      int               `json:"sim_pairs,omitempty"`
	Sim       []ClassicalSimRow `json:"sim,omitempty"`
}

// Classical scores each classical method alone, no model, on the
// Tübingen pairs (measured, nothing chosen on them) and each SimMethods
// method on pairs of the SIM simulators, as causal baseline and causal
// evaluate would: bidirectional AUC, accuracy, undefined pairs and wall
// time.
func Classical(ctx context.Context, cfg ClassicalConfig) (*ClassicalResult, error) {
	if cfg.Methods == nil {
		cfg.Methods = direction.AllNames()
	}
	if err := checkMethods(append(append([]string(nil), cfg.Methods...), cfg.SimMethods...)); err != nil {
		return nil, err
	}
	in := func(name string) string { return filepath.Join(cfg.Tuebingen, name) }
	tueb, err := ReadScored("tuebingen", in("pairs.csv"), in("publicinfo.csv"), in("target.csv"))
	if err != nil {
		return nil, err
	}
	res := &ClassicalResult{Cores: cfg.Cores, Pairs: len(tueb.Pairs)}
	for _, m := range cfg.Methods {
		logf(cfg.Log, "Tübingen: %s", m)
		sc, err := ScoreMethod(ctx, m, tueb, cfg.Cores)
		if err != nil {
			return nil, err
		}
		res.Tuebingen = append(res.Tuebingen, ClassicalRow{Name: m, Method: sc})
	}
	if len(cfg.SimMethods) == 0 {
		return res, nil
	}
	logf(cfg.Log, "draw %d pairs of each SIM simulator (seed %d, %d points)", cfg.NSim, cfg.SimSeed, cfg.SimPoints)
	sims, err := DrawSims(cfg.NSim, cfg.SimSeed, cfg.SimPoints, "", cfg.Cores)
	if err != nil {
		return nil, err
	}
	res.NSim = cfg.NSim
	for _, m := range cfg.SimMethods {
		row := ClassicalSimRow{Method: m}
		for _, s := range sims {
			logf(cfg.Log, "%s: %s", s.Name, m)
			sc, err := ScoreMethod(ctx, m, s, cfg.Cores)
			if err != nil {
				return nil, err
			}
			row.Sims = append(row.Sims, sc)
		}
		res.Sim = append(res.Sim, row)
	}
	return res, nil
}

// Markdown prints the tables of BENCHMARKS.md (make bench-classical).
func (r *ClassicalResult) Markdown(w io.Writer) error {
	fmt.Fprintf(w, "Tübingen (%d pairs, unweighted):\n\n", r.Pairs)
	fmt.Fprintf(w, "| method | bidir. AUC | accuracy | undefined | wall time (s, %d core) |\n|---|---|---|---|---|\n", r.Cores)
	for _, row := range r.Tuebingen {
		fmt.Fprintf(w, "| %s | %.3f | %.3f | %d | %.1f |\n", row.Name, row.AUC, row.Accuracy, row.Undefined, row.Seconds)
	}
	if len(r.Sim) > 0 {
		fmt.Fprintf(w, "\nSIM simulators (%d pairs each; accuracy, bidirectional AUC in brackets):\n\n", r.NSim)
		fmt.Fprintf(w, "| method | %s |\n|---%s|\n", strings.Join(SimNames, " | "), strings.Repeat("|---", len(SimNames)))
		for _, row := range r.Sim {
			fmt.Fprintf(w, "| %s", row.Method)
			for _, s := range row.Sims {
				fmt.Fprintf(w, " | %.3f (%.3f)", s.Accuracy, s.AUC)
			}
			fmt.Fprintln(w, " |")
		}
	}
	_, err := fmt.Fprint(w, "")
	return err
}

// JSON prints the result as indented JSON.
func (r *ClassicalResult) JSON(w io.Writer) error { return writeJSON(w, r) }
