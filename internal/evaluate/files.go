package evaluate

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

// Files are the inputs of `causal evaluate`: a predictions file, its
// target file and, optionally, the publicinfo (breakdown by types), the
// meta of `causal generate --meta` (breakdown by cause and mechanism) and
// pair weights (the weighted metrics).
type Files struct {
	Predictions, Targets, Info, Meta, Weights string
}

// EvaluateFiles reads the files and evaluates the predictions. It returns
// the report and the targets with their joined scores (for plots).
func EvaluateFiles(f Files) (*Report, []pairs.Target, []float64, error) {
	preds, err := pairio.ReadPredictions(f.Predictions)
	if err != nil {
		return nil, nil, nil, err
	}
	targets, err := pairio.ReadTargets(f.Targets)
	if err != nil {
		return nil, nil, nil, err
	}
	var info map[string]pairs.Types
	if f.Info != "" {
		if info, err = pairio.ReadPublicInfo(f.Info); err != nil {
			return nil, nil, nil, err
		}
		if id, ok := firstMissing(targets, info); ok {
			return nil, nil, nil, fmt.Errorf("%s: SampleID %s is missing from the publicinfo file", f.Info, pairio.ID(id))
		}
	}
	scores, err := Join(preds, targets)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s vs %s: %w", f.Predictions, f.Targets, err)
	}
	rep, err := Evaluate(targets, scores, info)
	if err != nil {
		return nil, nil, nil, err
	}
	if f.Weights != "" {
		if err := addWeights(rep, f.Weights, targets, scores); err != nil {
			return nil, nil, nil, err
		}
	}
	if f.Meta != "" {
		meta, err := pairio.ReadMeta(f.Meta)
		if err != nil {
			return nil, nil, nil, err
		}
		if id, ok := firstMissing(targets, meta); ok {
			return nil, nil, nil, fmt.Errorf("%s: SampleID %s is missing from the meta file", f.Meta, pairio.ID(id))
		}
		rep.AddMeta(targets, scores, meta)
	}
	return rep, targets, scores, nil
}

// addWeights reads the weights file and adds the weighted metrics to rep.
func addWeights(rep *Report, path string, targets []pairs.Target, scores []float64) error {
	wm, err := pairio.ReadWeights(path)
	if err != nil {
		return err
	}
	w, err := JoinWeights(targets, wm)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := rep.AddWeights(targets, scores, w); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// firstMissing returns the first target's SampleID that m lacks.
func firstMissing[V any](targets []pairs.Target, m map[string]V) (string, bool) {
	for _, t := range targets {
		if _, ok := m[t.ID]; !ok {
			return t.ID, true
		}
	}
	return "", false
}

// WriteJSON writes a report as indented JSON.
func WriteJSON(w io.Writer, report any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(report)
}

// fmtMetric prints a metric with four decimals, "-" when undefined.
func fmtMetric(m Metric) string {
	if math.IsNaN(float64(m)) {
		return "-"
	}
	return fmt.Sprintf("%.4f", float64(m))
}

// WriteText prints the report as the table `causal evaluate` shows.
func (r *Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "pairs                %d\n", r.N)
	fmt.Fprintf(w, "bidirectional AUC    %s  (A->B %s, B->A %s)\n", fmtMetric(r.AUC), fmtMetric(r.AUCFwd), fmtMetric(r.AUCBwd))
	fmt.Fprintf(w, "sign accuracy        %s  (on %d pairs with Target != 0)\n", fmtMetric(r.Accuracy), r.NDirected)
	if wt := r.Weighted; wt != nil {
		fmt.Fprintf(w, "weighted accuracy    %s  (on %d pairs with Target != 0, total weight %.4g)\n", fmtMetric(wt.Accuracy), wt.N, wt.Weight)
		fmt.Fprintf(w, "weighted AUC         %s\n", fmtMetric(wt.AUC))
		fmt.Fprintf(w, "weighted accuracy at decision rate:")
		for _, ra := range wt.Rates {
			fmt.Fprintf(w, "  %g%% %s", 100*ra.Rate, fmtMetric(ra.Accuracy))
		}
		fmt.Fprintln(w)
	}
	for _, sec := range []struct {
		title  string
		groups []Group
	}{{"by type combination", r.ByTypes}, {"by Details class", r.ByDetails},
		{"A->B and B->A pairs by cause family", r.ByCause}, {"A->B and B->A pairs by mechanism", r.ByMechanism}} {
		if len(sec.groups) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", sec.title)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  group\tn\tbidir AUC\taccuracy\tmean score")
		for _, g := range sec.groups {
			fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\t%s\n", g.Name, g.N, fmtMetric(g.AUC), fmtMetric(g.Accuracy), fmtMetric(g.MeanScore))
		}
		tw.Flush()
	}
}

// WriteText prints the report as `causal evaluate --edges` shows it.
func (r EdgeReport) WriteText(w io.Writer) {
	fmt.Fprintf(w, "pairs                %d scored, %d true edges (%d of them scored)\n", r.Pairs, r.Edges, r.Scored)
	fmt.Fprintf(w, "direction accuracy   %s  (over the scored true edges)\n", fmtMetric(r.DirectionAccuracy))
	fmt.Fprintf(w, "edge AUC             %s  (|score|, edge vs non-edge pairs)\n", fmtMetric(r.EdgeAUC))
	if len(r.Unscored) > 0 {
		fmt.Fprintf(w, "unscored true edges  %s\n", strings.Join(r.Unscored, " "))
	}
}

// WriteText prints the comparison as `causal evaluate --edges` shows it
// for a learnt graph.
func (r GraphReport) WriteText(w io.Writer) {
	fmt.Fprintf(w, "edges                 %d learnt (%d undirected), %d true\n", r.Edges, r.Undirected, r.TrueEdges)
	fmt.Fprintf(w, "skeleton precision    %s  (%d of the learnt edges are true edges, either way)\n", fmtMetric(r.SkeletonPrecision), r.Found)
	fmt.Fprintf(w, "skeleton recall       %s  (%d true edges missing)\n", fmtMetric(r.SkeletonRecall), r.Missing)
	fmt.Fprintf(w, "orientation accuracy  %s  (over the found true edges; %d reversed, undirected count half)\n", fmtMetric(r.OrientationAccuracy), r.Reversed)
	fmt.Fprintf(w, "SHD                   %d  (%d missing + %d extra + %d reversed + %d undirected true edges)\n",
		r.SHD, r.Missing, r.Extra, r.Reversed, r.SHD-r.Missing-r.Extra-r.Reversed)
}
