package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"gonum.org/v1/gonum/stat"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/evaluate"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/gbdt"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

func init() { register(newTrainCmd) }

// trainOptions are the flags of `causal train`.
type trainOptions struct {
	target, valid, validTarget string
	validFraction              float64
	objective                  string
	cv                         int
	noMirror                   bool
	out                        string
	planFile                   string
	selectTop                  int
	p                          gbdt.Params
}

func newTrainCmd(g *globalOptions) *cobra.Command {
	o := &trainOptions{p: gbdt.DefaultParams()}
	cmd := &cobra.Command{
		Use:   "train train.features --target train_target.csv -o model.txt",
		Short: "Train a gradient-boosted model on feature rows",
		Long: `Train gradient-boosted trees on a feature file (from causal featurize) joined by
SampleID with a target file, and write a LightGBM text model (loads in leaves
and LightGBM 4.x) that records the feature names, plan hash, objective and
recipe.

Recipe: every training pair is also added as its mirror (B, A) with the
target negated (--no-mirror turns this off), and the score of a pair is
computed antisymmetrically from its row and its mirror row, so that swapping
A and B exactly negates it. Objectives: huber and regression fit the -1/0/1
target; binary fits A->B versus the rest; multiclass fits A->B, B->A,
neither. The score estimates P(A->B) - P(B->A) in every case.

With --valid/--valid-target or --valid-fraction, the validation metric per
round is the challenge's bidirectional AUC on the pair scores, and
--early-stopping N keeps the best round. --cv K reports the K-fold
cross-validated bidirectional AUC (folds by pair, seeded by --seed), then
trains the final model on all the pairs (with early stopping, for the mean
best number of rounds) if -o is given.`,
		Example: "  causal train train.features --target train_target.csv --valid-fraction 0.2 --early-stopping 50 -o model.txt\n" +
			"  causal train train.features --target train_target.csv --cv 5",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTrain(cmd, g, o, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.target, "target", "", "target file (SampleID,Target[,Details]) (required)")
	f.StringVar(&o.valid, "valid", "", "validation feature file")
	f.StringVar(&o.validTarget, "valid-target", "", "validation target file (with --valid)")
	f.Float64Var(&o.validFraction, "valid-fraction", 0, "hold out this fraction of the training pairs for validation (seeded by --seed)")
	f.IntVar(&o.p.EarlyStopping, "early-stopping", 0, "stop after N rounds without a better validation AUC and keep the best round (0: off)")
	f.IntVar(&o.cv, "cv", 0, "report the K-fold cross-validated bidirectional AUC (K >= 2)")
	f.StringVar(&o.objective, "objective", string(lgbm.Huber), "huber, regression, binary or multiclass")
	f.IntVar(&o.p.NumIterations, "rounds", o.p.NumIterations, "boosting rounds")
	f.Float64Var(&o.p.LearningRate, "learning-rate", o.p.LearningRate, "learning rate (shrinkage)")
	f.IntVar(&o.p.NumLeaves, "num-leaves", o.p.NumLeaves, "maximum leaves per tree")
	f.IntVar(&o.p.MaxDepth, "max-depth", o.p.MaxDepth, "maximum tree depth (<= 0: no limit)")
	f.IntVar(&o.p.MinDataInLeaf, "min-data-in-leaf", o.p.MinDataInLeaf, "minimum training rows per leaf")
	f.Float64Var(&o.p.LambdaL1, "lambda-l1", o.p.LambdaL1, "L1 regularisation of leaf values")
	f.Float64Var(&o.p.LambdaL2, "lambda-l2", o.p.LambdaL2, "L2 regularisation of leaf values")
	f.Float64Var(&o.p.MinGainToSplit, "min-gain", o.p.MinGainToSplit, "minimum gain of a split")
	f.Float64Var(&o.p.FeatureFraction, "feature-fraction", o.p.FeatureFraction, "fraction of features sampled per tree")
	f.Float64Var(&o.p.FeatureFractionByNode, "feature-fraction-bynode", o.p.FeatureFractionByNode, "fraction of the tree's features sampled per split")
	f.Float64Var(&o.p.BaggingFraction, "bagging-fraction", o.p.BaggingFraction, "fraction of rows sampled for bagging")
	f.IntVar(&o.p.BaggingFreq, "bagging-freq", o.p.BaggingFreq, "resample rows every N rounds (0: no bagging)")
	f.IntVar(&o.p.MaxBin, "max-bin", o.p.MaxBin, "histogram bins per feature, including the missing-value bin (2..255)")
	f.Float64Var(&o.p.HuberDelta, "huber-delta", o.p.HuberDelta, "Huber loss transition point (LightGBM's alpha)")
	f.BoolVar(&o.noMirror, "no-mirror", false, "do not add the mirror of every training pair")
	f.StringVar(&o.planFile, "plan", "", "train only on the feature columns matching this plan file's name patterns (one per line, * wildcards)")
	f.IntVar(&o.selectTop, "select-top", 0, "train once, keep the K features of highest total gain (plus their mirror partners), and retrain on them: predict then computes only those")
	f.StringVarP(&o.out, "output", "o", "", "model file to write")
	return cmd
}

// trainSet is a feature matrix joined with its targets, and the recipe's
// view of it. Its values stay in the file: the datasets are binned from it
// a block of columns at a time (the float32 matrix is never whole).
type trainSet struct {
	m          *featio.Matrix // IDs, names, plan hash and shape; no Data
	file       *featio.ColumnFile
	rows, cols []int // the file's rows and columns of the set (nil: all)
	targets    []int // per row: 1, 0 or -1
}

// source returns the set's values for binning.
func (ts *trainSet) source() *featio.ColumnView { return ts.file.View(ts.rows, ts.cols) }

// recipe is the pair-level recipe: objective, and the mirror map when the
// features have one.
type recipe struct {
	kind    lgbm.Kind
	anti    bool            // antisymmetric scores (the mirror map exists)
	mirror  *plan.MirrorMap // nil without one
	sigmoid float64
}

// checkTrainOptions validates flag combinations.
func checkTrainOptions(cmd *cobra.Command, o *trainOptions) (lgbm.Kind, error) {
	kind, err := lgbm.ParseKind(o.objective)
	if err != nil {
		return "", err
	}
	switch {
	case o.target == "":
		return "", errors.New("--target is required")
	case o.out == "" && o.cv == 0:
		return "", errors.New("-o model.txt is required (unless only --cv is wanted)")
	case (o.valid == "") != (o.validTarget == ""):
		return "", errors.New("--valid and --valid-target go together")
	case o.valid != "" && o.validFraction != 0:
		return "", errors.New("use either --valid or --valid-fraction, not both")
	case o.validFraction < 0 || o.validFraction >= 1:
		return "", fmt.Errorf("--valid-fraction must be in [0, 1), got %v", o.validFraction)
	case o.cv != 0 && (o.cv < 2 || o.valid != "" || o.validFraction != 0):
		return "", errors.New("--cv needs K >= 2 and no --valid/--valid-fraction (each fold validates on its held-out pairs)")
	case o.p.EarlyStopping > 0 && o.valid == "" && o.validFraction == 0 && o.cv == 0:
		return "", errors.New("--early-stopping needs --valid, --valid-fraction or --cv")
	}
	o.p.Objective = string(kind)
	o.p.NumClass = kind.NumClass()
	return kind, nil
}

func runTrain(cmd *cobra.Command, g *globalOptions, o *trainOptions, path string) error {
	// Training holds large matrices (the features, the bins of them and of
	// their mirror rows): collect garbage early so the peak stays near the
	// live size instead of twice it.
	defer debug.SetGCPercent(debug.SetGCPercent(25))
	kind, err := checkTrainOptions(cmd, o)
	if err != nil {
		return err
	}
	o.p.Cores = g.Cores
	o.p.Seed = uint64(g.Seed)
	if err := o.p.Validate(); err != nil {
		return err
	}
	ts, err := loadTrainSet(path, o.target)
	if err != nil {
		return err
	}
	defer ts.file.Close()
	rc, err := newRecipe(ts.m.Names, kind, !o.noMirror)
	if err != nil {
		return err
	}
	if !rc.anti && !g.Quiet {
		fmt.Fprintln(cmd.ErrOrStderr(), "note: the features have no complete mirror map: training without mirror augmentation, scores are not antisymmetric")
	}
	mirror := !o.noMirror && rc.anti
	var valid *trainSet
	switch {
	case o.valid != "":
		if valid, err = loadTrainSet(o.valid, o.validTarget); err != nil {
			return err
		}
		defer valid.file.Close()
		if !slices.Equal(valid.m.Names, ts.m.Names) {
			return fmt.Errorf("validation features %s do not have the training features' columns", o.valid)
		}
	case o.validFraction > 0:
		ts, valid = ts.split(o.validFraction, uint64(g.Seed))
	}
	if o.planFile != "" {
		pl, err := loadPlan(o.planFile)
		if err != nil {
			return err
		}
		if ts, valid, err = keepColumns(ts, valid, pl.Names()); err != nil {
			return err
		}
		if rc, err = newRecipe(ts.m.Names, kind, !o.noMirror); err != nil {
			return err
		}
		mirror = !o.noMirror && rc.anti
	}
	if o.selectTop > 0 {
		if ts, valid, rc, err = selectTop(cmd, g, o, ts, valid, rc, mirror); err != nil {
			return err
		}
	}
	if o.cv > 0 {
		if err := runCV(cmd, g, o, ts, rc, mirror); err != nil {
			return err
		}
		if o.out == "" {
			return nil
		}
	}
	model, hist, err := trainModel(cmd, g, o.p, ts, valid, rc, mirror)
	if err != nil {
		return err
	}
	meta := lgbm.Meta{PlanHash: ts.m.PlanHash, Objective: kind, Mirror: mirror, Antisymmetric: rc.anti,
		Params: trainMetaParams(ts, valid, hist)}
	if err := atomicfile.WriteFile(o.out, func(w io.Writer) error { return lgbm.Write(w, model, meta) }); err != nil {
		return err
	}
	if !g.Quiet {
		summarizeTraining(cmd.ErrOrStderr(), o, ts, valid, hist)
	}
	return nil
}

// selectTop trains once, keeps the o.selectTop features of highest total
// gain and their mirror partners, and returns the sets restricted to them.
func selectTop(cmd *cobra.Command, g *globalOptions, o *trainOptions, ts, valid *trainSet, rc *recipe, mirror bool) (*trainSet, *trainSet, *recipe, error) {
	model, _, err := trainModel(cmd, g, o.p, ts, valid, rc, mirror)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("--select-top: first training: %w", err)
	}
	gain := model.GainImportance()
	order := make([]int, len(gain))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return gain[order[a]] > gain[order[b]] })
	keep := map[string]bool{}
	for _, c := range order[:min(o.selectTop, len(order))] {
		if gain[c] <= 0 {
			break
		}
		keep[ts.m.Names[c]] = true
		if rc.anti {
			j, _ := rc.mirror.Source(c)
			keep[ts.m.Names[j]] = true
		}
	}
	if len(keep) == 0 {
		return nil, nil, nil, errors.New("--select-top: the first model made no split, so no feature has any gain")
	}
	var names []string
	for _, n := range ts.m.Names {
		if keep[n] {
			names = append(names, n)
		}
	}
	if ts, valid, err = keepColumns(ts, valid, names); err != nil {
		return nil, nil, nil, err
	}
	if !g.Quiet {
		fmt.Fprintf(cmd.ErrOrStderr(), "--select-top %d: retraining on %d features (with mirror partners)\n", o.selectTop, len(names))
	}
	rc, err = newRecipe(ts.m.Names, rc.kind, !o.noMirror)
	return ts, valid, rc, err
}

// keepColumns restricts the training (and validation) sets to the named
// columns that they have, in their order. When the features came from this
// causal's plan, the plan hash becomes that of the selected plan, so that
// predict computes exactly those features.
func keepColumns(ts, valid *trainSet, names []string) (*trainSet, *trainSet, error) {
	want := make(map[string]bool, len(names))
	for _, n := range names {
		want[n] = true
	}
	var cols []int
	var kept []string
	for c, n := range ts.m.Names {
		if want[n] {
			cols = append(cols, c)
			kept = append(kept, n)
		}
	}
	if len(cols) == 0 {
		return nil, nil, errors.New("no feature column is selected")
	}
	hash := ""
	if ts.m.PlanHash != "" {
		full := plan.Default()
		all, err := full.Select(ts.m.Names)
		if err != nil || all.Hash() != ts.m.PlanHash {
			return nil, nil, fmt.Errorf("the feature file was made with another feature plan (%s): re-featurize it to select columns", ts.m.PlanHash)
		}
		sel, err := full.Select(kept)
		if err != nil {
			return nil, nil, err
		}
		hash = sel.Hash()
	}
	ts = ts.columns(cols, kept, hash)
	if valid != nil {
		valid = valid.columns(cols, kept, hash)
	}
	return ts, valid, nil
}

// columns returns the set restricted to the columns cols.
func (ts *trainSet) columns(cols []int, names []string, hash string) *trainSet {
	m := ts.m
	s := &featio.Matrix{IDs: m.IDs, Names: names, PlanHash: hash, Rows: m.Rows, Cols: len(cols)}
	fileCols := make([]int, len(cols))
	for i, c := range cols {
		fileCols[i] = c
		if ts.cols != nil {
			fileCols[i] = ts.cols[c]
		}
	}
	return &trainSet{m: s, file: ts.file, rows: ts.rows, cols: fileCols, targets: ts.targets}
}

// trainMetaParams are the training facts recorded in the model file besides
// the learner's own parameters.
func trainMetaParams(ts, valid *trainSet, hist *gbdt.History) map[string]string {
	m := map[string]string{
		"train_pairs":    strconv.Itoa(ts.m.Rows),
		"best_iteration": strconv.Itoa(hist.BestIteration),
	}
	if valid != nil {
		m["valid_pairs"] = strconv.Itoa(valid.m.Rows)
		if n := len(hist.ValidMetric); n > 0 {
			m["valid_bidirectional_auc"] = strconv.FormatFloat(hist.ValidMetric[hist.BestIteration-1], 'g', -1, 64)
		}
	}
	return m
}

// summarizeTraining prints what was trained on stderr.
func summarizeTraining(w io.Writer, o *trainOptions, ts, valid *trainSet, hist *gbdt.History) {
	fmt.Fprintf(w, "trained %d rounds on %d pairs x %d features -> %s", hist.BestIteration, ts.m.Rows, ts.m.Cols, o.out)
	if valid != nil && len(hist.ValidMetric) > 0 {
		fmt.Fprintf(w, "; validation bidirectional AUC %.4f on %d pairs", hist.ValidMetric[hist.BestIteration-1], valid.m.Rows)
	}
	fmt.Fprintln(w)
}

// loadTrainSet reads a feature file and joins its rows with their targets.
func loadTrainSet(featPath, targetPath string) (*trainSet, error) {
	f, err := featio.OpenColumns(featPath)
	if err != nil {
		return nil, err
	}
	m := &featio.Matrix{IDs: f.IDs, Names: f.Header.Names, PlanHash: f.Header.PlanHash, Rows: len(f.IDs), Cols: len(f.Header.Names)}
	ts := &trainSet{m: m, file: f}
	if err := ts.join(featPath, targetPath); err != nil {
		f.Close()
		return nil, err
	}
	return ts, nil
}

// join checks the set's feature names and joins its rows with the
// targets of targetPath.
func (ts *trainSet) join(featPath, targetPath string) error {
	m := ts.m
	if m.Rows == 0 || m.Cols == 0 {
		return fmt.Errorf("%s: no feature rows or no feature columns", featPath)
	}
	for _, n := range m.Names {
		if err := lgbm.CheckFeatureName(n); err != nil {
			return fmt.Errorf("%s: %w", featPath, err)
		}
	}
	tg, err := pairio.ReadTargets(targetPath)
	if err != nil {
		return err
	}
	if ts.targets, err = joinTargets(m.IDs, tg); err != nil {
		return fmt.Errorf("join %s with %s: %w", featPath, targetPath, err)
	}
	return nil
}

// joinTargets returns the target of every ID, failing on duplicates, IDs
// without target and targets without row.
func joinTargets(ids []string, tg []pairs.Target) ([]int, error) {
	byID := make(map[string]int, len(tg))
	for _, t := range tg {
		if _, dup := byID[t.ID]; dup {
			return nil, fmt.Errorf("SampleID %q appears twice in the targets", t.ID)
		}
		byID[t.ID] = t.Target
	}
	out := make([]int, len(ids))
	seen := make(map[string]bool, len(ids))
	var noTarget []string
	for i, id := range ids {
		if seen[id] {
			return nil, fmt.Errorf("SampleID %q appears twice in the features", id)
		}
		seen[id] = true
		t, ok := byID[id]
		if !ok {
			noTarget = append(noTarget, id)
		}
		out[i] = t
	}
	var noRow []string
	for _, t := range tg {
		if !seen[t.ID] {
			noRow = append(noRow, t.ID)
		}
	}
	var msgs []string
	if len(noTarget) > 0 {
		msgs = append(msgs, fmt.Sprintf("%d feature rows have no target (%s)", len(noTarget), fewIDs(noTarget)))
	}
	if len(noRow) > 0 {
		msgs = append(msgs, fmt.Sprintf("%d targets have no feature row (%s)", len(noRow), fewIDs(noRow)))
	}
	if len(msgs) > 0 {
		return nil, errors.New("SampleIDs do not match: " + strings.Join(msgs, "; "))
	}
	return out, nil
}

// fewIDs lists up to five IDs.
func fewIDs(ids []string) string {
	if len(ids) > 5 {
		return strings.Join(ids[:5], ", ") + ", ..."
	}
	return strings.Join(ids, ", ")
}

// split moves a seeded random fraction of the pairs into a validation set;
// both keep the pairs' order.
func (ts *trainSet) split(frac float64, seed uint64) (train, valid *trainSet) {
	n := ts.m.Rows
	nv := int(math.Ceil(frac * float64(n)))
	nv = min(max(nv, 1), n-1)
	perm := rand.New(rand.NewPCG(seed, 0x7a11d)).Perm(n)
	isValid := make([]bool, n)
	for _, r := range perm[:nv] {
		isValid[r] = true
	}
	var tr, va []int
	for r := range n {
		if isValid[r] {
			va = append(va, r)
		} else {
			tr = append(tr, r)
		}
	}
	return ts.subset(tr), ts.subset(va)
}

// subset returns the rows idx of the set.
func (ts *trainSet) subset(idx []int) *trainSet {
	m := ts.m
	s := &featio.Matrix{Names: m.Names, PlanHash: m.PlanHash, Rows: len(idx), Cols: m.Cols,
		IDs: make([]string, len(idx))}
	targets := make([]int, len(idx))
	rows := make([]int, len(idx))
	for i, r := range idx {
		s.IDs[i] = m.IDs[r]
		targets[i] = ts.targets[r]
		rows[i] = r
		if ts.rows != nil {
			rows[i] = ts.rows[r]
		}
	}
	return &trainSet{m: s, file: ts.file, rows: rows, cols: ts.cols, targets: targets}
}

// newRecipe builds the recipe for the feature names: antisymmetric when the
// featurizer's mirror map covers them. A requested mirror augmentation
// without a mirror map is an error.
func newRecipe(names []string, kind lgbm.Kind, wantMirror bool) (*recipe, error) {
	rc := &recipe{kind: kind, sigmoid: 1}
	mm, err := plan.NewMirrorMap(names)
	if err != nil {
		if wantMirror {
			return nil, fmt.Errorf("mirror augmentation needs every feature's mirror partner: %w (use --no-mirror for features without one)", err)
		}
		return rc, nil
	}
	rc.anti, rc.mirror = true, mm
	return rc, nil
}

// labels returns the labels of the targets, followed by those of their
// mirrors when mirror is set.
func (rc *recipe) labels(targets []int, mirror bool) []float64 {
	out := make([]float64, 0, 2*len(targets))
	for _, t := range targets {
		out = append(out, float64(rc.kind.Label(t)))
	}
	if mirror {
		for _, t := range targets {
			out = append(out, float64(rc.kind.Label(-t)))
		}
	}
	return out
}

// scores turns the raw scores of n rows, followed (when antisymmetric) by
// those of their n mirror rows, into n pair scores.
func (rc *recipe) scores(raw []float64, n int) []float64 {
	k := rc.kind.NumClass()
	out := make([]float64, n)
	for i := range out {
		v := rc.kind.Value(raw[i*k:(i+1)*k], rc.sigmoid)
		if rc.anti {
			vm := rc.kind.Value(raw[(n+i)*k:(n+i+1)*k], rc.sigmoid)
			out[i] = rc.kind.Antisymmetric(v, vm)
		} else {
			out[i] = rc.kind.Plain(v)
		}
	}
	return out
}

// metric returns the bidirectional AUC of the pair scores computed from
// raw scores (NaN when undefined).
func (rc *recipe) metric(targets []int) func(raw []float64) float64 {
	return func(raw []float64) float64 {
		auc, err := evaluate.BidirectionalAUC(targets, rc.scores(raw, len(targets)))
		if err != nil {
			return math.NaN()
		}
		return auc
	}
}

// checkBothDirections fails unless the targets hold both directions, which
// the bidirectional AUC needs.
func checkBothDirections(what string, targets []int) error {
	if !slices.Contains(targets, 1) || !slices.Contains(targets, -1) {
		return fmt.Errorf("%s needs pairs with Target 1 and pairs with Target -1 (the bidirectional AUC is undefined otherwise)", what)
	}
	return nil
}

// trainModel trains on ts (with mirrors if mirror) and validates on valid
// (if not nil) with the bidirectional AUC of the pair scores.
func trainModel(cmd *cobra.Command, g *globalOptions, p gbdt.Params, ts, valid *trainSet, rc *recipe, mirror bool) (*gbdt.Model, *gbdt.History, error) {
	m := ts.m
	opt := gbdt.DatasetOptions{Names: m.Names, MaxBin: p.MaxBin, Cores: g.Cores}
	if mirror { // the mirror rows are binned without a float32 copy
		opt.Mirror = rc.mirror
	}
	ds, err := gbdt.NewDatasetFrom(ts.source(), opt)
	if err != nil {
		return nil, nil, err
	}
	var vds *gbdt.Dataset
	var vlabels []float64
	if valid != nil {
		if err := checkBothDirections("the validation set", valid.targets); err != nil {
			return nil, nil, err
		}
		var vmirror gbdt.Mirror
		if rc.anti {
			vmirror = rc.mirror
		}
		if vds, err = ds.BinLikeFrom(valid.source(), vmirror); err != nil {
			return nil, nil, err
		}
		vlabels = rc.labels(valid.targets, rc.anti)
		p.Metric = rc.metric(valid.targets)
	}
	bar, progress := newRoundBar(g.progressOut(cmd), p.NumIterations)
	model, hist, err := gbdt.Train(p, ds, rc.labels(ts.targets, mirror), vds, vlabels, progress)
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(bar.Writer())
	}
	if err != nil {
		return nil, nil, fmt.Errorf("train: %w", err)
	}
	return model, hist, nil
}

// roundBar is a progress bar over boosting rounds.
type roundBar struct {
	*progressbar.ProgressBar
	w io.Writer
}

// Writer returns where the bar draws.
func (b *roundBar) Writer() io.Writer { return b.w }

// newRoundBar returns a progress bar on w (nil when w is nil) and the
// training callback that advances it.
func newRoundBar(w io.Writer, rounds int) (*roundBar, func(gbdt.Progress)) {
	if w == nil {
		return nil, nil
	}
	b := &roundBar{progressbar.NewOptions(rounds,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("boosting"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetWidth(30),
	), w}
	return b, func(pr gbdt.Progress) {
		desc := fmt.Sprintf("round %d loss %.4f", pr.Iteration, pr.TrainLoss)
		if !math.IsNaN(pr.ValidMetric) {
			desc = fmt.Sprintf("round %d valid AUC %.4f (best round %d)", pr.Iteration, pr.ValidMetric, pr.BestIteration)
		}
		b.Describe(desc)
		b.Set(pr.Iteration)
	}
}

// runCV prints the K-fold cross-validated bidirectional AUC (folds by
// pair) and, under early stopping, sets the final model's rounds to the
// folds' mean best round.
func runCV(cmd *cobra.Command, g *globalOptions, o *trainOptions, ts *trainSet, rc *recipe, mirror bool) error {
	if err := checkBothDirections("cross-validation", ts.targets); err != nil {
		return err
	}
	k := o.cv
	if ts.m.Rows < 2*k {
		return fmt.Errorf("--cv %d needs at least %d pairs, got %d", k, 2*k, ts.m.Rows)
	}
	fold := gbdt.Folds(ts.m.Rows, k, uint64(g.Seed))
	var aucs, best []float64
	for f := range k {
		var tr, va []int
		for r, x := range fold {
			if x == f {
				va = append(va, r)
			} else {
				tr = append(tr, r)
			}
		}
		valid := ts.subset(va)
		if err := checkBothDirections(fmt.Sprintf("cross-validation fold %d", f+1), valid.targets); err != nil {
			return err
		}
		_, hist, err := trainModel(cmd, g, o.p, ts.subset(tr), valid, rc, mirror)
		if err != nil {
			return fmt.Errorf("fold %d: %w", f+1, err)
		}
		aucs = append(aucs, hist.ValidMetric[hist.BestIteration-1])
		best = append(best, float64(hist.BestIteration))
	}
	mean, sd := stat.MeanStdDev(aucs, nil)
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "cv %d-fold bidirectional AUC: %.4f ± %.4f\n", k, mean, sd)
	for f := range k {
		fmt.Fprintf(w, "  fold %d: AUC %.4f (%d rounds)\n", f+1, aucs[f], int(best[f]))
	}
	if o.p.EarlyStopping > 0 {
		o.p.NumIterations = int(math.Round(stat.Mean(best, nil)))
		o.p.EarlyStopping = 0
	}
	return nil
}
