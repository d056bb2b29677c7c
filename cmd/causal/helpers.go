package main

// Helpers shared by the commands: opening inputs, loading the plan and the
// model, writing outputs.

import (
	"github.com/spf13/pflag"

	"github.com/causal-tool/causal/internal/pairmodel"

	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/pairio"
)

// openPairs opens a pairs file with the publicinfo and --skip-bad handling
// shared by the commands that read pairs; skipped pairs are reported on
// stderr.
func openPairs(cmd *cobra.Command, path, infoPath string, skipBad bool) (*pairio.Reader, error) {
	opt := pairio.Options{SkipBad: skipBad}
	if infoPath != "" {
		info, err := pairio.ReadPublicInfo(infoPath)
		if err != nil {
			return nil, err
		}
		opt.Info = info
	}
	opt.OnSkip = func(err error) { fmt.Fprintln(cmd.ErrOrStderr(), "skipped:", err) }
	return pairio.OpenPairs(path, opt)
}

// checkSkipped reports the count of pairs --skip-bad skipped, and fails
// when every pair was bad (nothing was processed, so no output is
// written).
func checkSkipped(cmd *cobra.Command, r *pairio.Reader, path string, processed int) error {
	n := r.Skipped()
	if n == 0 {
		return nil
	}
	if processed == 0 {
		return fmt.Errorf("%s: all %d pairs are bad (skipped): nothing to process", path, n)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "%d bad pairs skipped\n", n)
	return nil
}

// writeOutput writes to the file path atomically, or to stdout when path is
// empty or "-".
func writeOutput(cmd *cobra.Command, path string, fill func(io.Writer) error) error {
	if path == "" || path == "-" {
		return fill(cmd.OutOrStdout())
	}
	return atomicfile.WriteFile(path, fill)
}

// maxPlanBytes caps a plan file (a list of feature name patterns).
const maxPlanBytes = 16 << 20

// loadPlan returns the default plan, restricted to the patterns of a plan
// file when path is not empty.
func loadPlan(path string) (*plan.Plan, error) { return loadPlanVariant(path, "") }

// planVariantUsage is the help of --plan-variant.
var planVariantUsage = "plan variant: " + strings.Join(plan.VariantNames(), " (default) or ") +
	" (candidate F: the costly direction methods on smaller subsamples; its own plan hash)"

// loadPlanVariant is loadPlan on the named plan variant (plan.Variant).
func loadPlanVariant(path, variant string) (*plan.Plan, error) {
	pr, err := plan.Variant(variant)
	if err != nil {
		return nil, fmt.Errorf("--plan-variant: %w", err)
	}
	pl := plan.New(pr)
	if path == "" {
		return pl, nil
	}
	f, err := atomicfile.OpenInput(path)
	if err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPlanBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read plan %s: %w", path, err)
	}
	if len(data) > maxPlanBytes {
		return nil, fmt.Errorf("plan %s: larger than %d MiB (the cap of a plan file): not a plan", path, maxPlanBytes>>20)
	}
	sel, err := pl.Select(strings.Split(string(data), "\n"))
	if err != nil {
		return nil, fmt.Errorf("plan %s: %w", path, err)
	}
	return sel, nil
}

// stackOptions are the second-stage flags of predict and scan.
type stackOptions struct {
	path    string
	noStack bool
}

// addStackFlags registers --stack and --no-stack.
func addStackFlags(f *pflag.FlagSet, o *stackOptions) {
	f.StringVar(&o.path, "stack", "", "second stage (JSON of causal stack fit) over the model's scores (default: the built-in model's, when it has one and --model is not given)")
	f.BoolVar(&o.noStack, "no-stack", false, "score with the trees alone, without a second stage")
}

// newPairScorer loads --model (or the embedded model) and its second stage:
// --stack, else the embedded one when the model is the embedded model,
// none with --no-stack.
func newPairScorer(modelPath string, so stackOptions, cores int) (*pairmodel.Scorer, error) {
	return pairmodel.Open(pairmodel.Source{Model: modelPath, Stack: so.path, NoStack: so.noStack}, cores)
}

// isFeatureFile reports whether path names a feature file by its extension.
func isFeatureFile(path string) bool {
	for _, ext := range []string{".features", ".arrow", ".feather"} {
		if strings.HasSuffix(strings.ToLower(path), ext) {
			return true
		}
	}
	return false
}
