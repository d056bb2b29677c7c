package protocol

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
)

// AblationConfig is leave one source out at a given size from a corpus's
// training parts, with the source ablation.
type AblationConfig struct {
	// Corpus, N and Tests are as InDistConfig's: every model trains on the
	// first N pairs of its sources.
	InDistConfig
	// Plan is the protocol plan the models train on ("": full).
	Plan string
}

// AblationRow is one model on every test set.
type AblationRow struct {
	// Without names the source the model did not see ("": the model
	// trained on every source).
	Without string  `json:"without,omitempty"`
	Scores  []Score `json:"scores"`
	// MeanSeen is the mean AUC (as printed) over the sources it saw.
	MeanSeen float64 `json:"mean_seen_auc"`
}

// AblationResult is the held-out table and the ablation matrix.
type AblationResult struct {
	Corpus  string   `json:"corpus"`
	Tests   string   `json:"test_sets"`
	Plan    string   `json:"plan"`
	N       int      `json:"pairs_per_source"`
	Sources []string `json:"sources"`
	// Rows are the model on every source, then the model without each
	// source, in Sources' order.
	Rows []AblationRow `json:"rows"`
	// Mean and Worst summarize the held-out AUCs (as printed; Worst names
	// its source).
	Mean      float64 `json:"mean_held_out_auc"`
	Worst     float64 `json:"worst_held_out_auc"`
	WorstName string  `json:"worst_source"`
}

// HeldOut returns the score of the model without source i on source i.
func (r *AblationResult) HeldOut(i int) Score { return r.Rows[1+i].Scores[i] }

// Ablation trains a model on every source's first N training pairs and one
// without each source, and scores every model on every source's test pairs.
func Ablation(ctx context.Context, cfg AblationConfig) (*AblationResult, error) {
	if len(cfg.Corpus.Sources) < 2 {
		return nil, fmt.Errorf("protocol: the ablation needs two sources or more, got %v", cfg.Corpus.Sources)
	}
	if cfg.Plan == "" {
		cfg.Plan = "full"
	}
	lc := LOSOConfig{Leaves: cfg.Leaves, Seed: cfg.Seed, Cores: cfg.Cores, ctx: ctx}
	var err error
	if lc.columns, err = PlanColumns(cfg.Plan, cfg.Cache.Plan.Names()); err != nil {
		return nil, err
	}
	train, tests, err := firstParts(cfg.Cache, cfg.Corpus, cfg.N, cfg.Tests)
	if err != nil {
		return nil, err
	}
	dir, err := scratchDir(cfg.Cache.Dir, "ablation-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	srcs := cfg.Corpus.Sources
	res := &AblationResult{Corpus: cfg.Corpus.String(), Tests: cfg.Tests.String(), Plan: cfg.Plan, N: cfg.N, Sources: srcs,
		Worst: math.Inf(1)}
	for k := -1; k < len(srcs); k++ {
		row := AblationRow{}
		sets := train
		if k >= 0 {
			row.Without = srcs[k]
			sets = append(append([]Labelled{}, train[:k]...), train[k+1:]...)
		}
		logf(cfg.Log, "train on %d sources × %d pairs (without: %q)", len(sets), cfg.N, row.Without)
		model, err := lc.fit(dir, "without-"+row.Without, sets)
		if err != nil {
			return nil, err
		}
		var seen []Score
		for i := range srcs {
			sc, err := ScoreModel(ctx, model, tests[i], cfg.Cores)
			if err != nil {
				return nil, err
			}
			row.Scores = append(row.Scores, sc)
			if i != k {
				seen = append(seen, sc)
			}
		}
		row.MeanSeen = meanAUC(seen)
		res.Rows = append(res.Rows, row)
		if k >= 0 {
			a := round4(row.Scores[k].AUC)
			res.Mean += a / float64(len(srcs))
			if a < res.Worst {
				res.Worst, res.WorstName = a, srcs[k]
			}
		}
	}
	return res, nil
}

// Markdown prints the two tables of BENCHMARKS.md ("The protocol at 2,000
// training pairs per source"): the held-out AUC per source with the mean
// and the worst, and the source ablation.
func (r *AblationResult) Markdown(w io.Writer) error {
	fmt.Fprintf(w, "Plan `%s`, %d training pairs per source of corpus `%s`; test sets `%s`:\n\n", r.Plan, r.N, r.Corpus, r.Tests)
	fmt.Fprintln(w, "| held-out source | bidir. AUC | accuracy |")
	fmt.Fprintln(w, "|---|---|---|")
	for i, s := range r.Sources {
		h := r.HeldOut(i)
		fmt.Fprintf(w, "| %s | %.4f | %.4f |\n", s, h.AUC, h.Accuracy)
	}
	fmt.Fprintf(w, "| mean | %.4f | |\n| worst | %.4f (%s) | |\n", r.Mean, r.Worst, r.WorstName)
	fmt.Fprint(w, "\nSource ablation (bidirectional AUC on each source's test pairs; the held-out cell in bold; the mean is over the sources each model saw):\n\n")
	head, rule := "| trained on |", "|---|"
	for _, s := range r.Sources {
		head, rule = head+" "+s+" |", rule+"---|"
	}
	fmt.Fprintln(w, head+" mean of the others |")
	fmt.Fprintln(w, rule+"---|")
	for _, row := range r.Rows {
		line := "| all sources |"
		if row.Without != "" {
			line = "| all but " + row.Without + " |"
		}
		for i, sc := range row.Scores {
			if r.Sources[i] == row.Without {
				line += fmt.Sprintf(" **%.4f** |", sc.AUC)
			} else {
				line += fmt.Sprintf(" %.4f |", sc.AUC)
			}
		}
		if _, err := fmt.Fprintf(w, "%s %.4f |\n", line, row.MeanSeen); err != nil {
			return err
		}
	}
	return nil
}

// JSON prints the result as indented JSON.
func (r *AblationResult) JSON(w io.Writer) error { return writeJSON(w, r) }
