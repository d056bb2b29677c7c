package main

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"gonum.org/v1/plot/vg"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/pairmodel"
	"github.com/causal-tool/causal/internal/plots"
)

func init() { register(newModelCmd) }

func newModelCmd(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "model",
		Short: "Inspect a model file",
	}
	cmd.AddCommand(newModelImportanceCmd())
	return cmd
}

func newModelImportanceCmd() *cobra.Command {
	var top int
	var by, plotPath string
	cmd := &cobra.Command{
		Use:   "importance model.txt [--top 30] [--by gain|split] [--plot FILE]",
		Short: "Print the features a model uses most, by total gain or split count",
		Long: `Print a table of the features a LightGBM text model splits on: total gain of
their splits, share of the model's total gain, and number of splits, sorted by
--by (gain or split; ties by the other, then by name). Features never used are
not listed. --top 0 lists all of them. --plot FILE draws the top features by
gain as bars coloured by feature family (FILE.png and FILE.svg, or only the
format FILE's extension names).`,
		Example: "  causal model importance model.txt --top 20 --by split",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if by != "gain" && by != "split" {
				return fmt.Errorf("--by must be gain or split, got %q", by)
			}
			if top < 0 {
				return fmt.Errorf("--top must be >= 0, got %d", top)
			}
			m, err := pairmodel.LoadModel(args[0])
			if err != nil {
				return err
			}
			printImportance(cmd, m, top, by)
			if plotPath != "" {
				return plotImportance(m, top, plotPath)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&top, "top", 30, "number of features to list (0: all used features)")
	cmd.Flags().StringVar(&by, "by", "gain", "sort by total gain or split count (gain|split)")
	cmd.Flags().StringVar(&plotPath, "plot", "", "draw the top features by gain, coloured by family, to FILE(.png|.svg)")
	return cmd
}

// printImportance writes the importance table of m.
func printImportance(cmd *cobra.Command, m *lgbm.Model, top int, by string) {
	var idx []int
	total := 0.0
	for i, imp := range m.Importance {
		if imp.Splits > 0 {
			idx = append(idx, i)
			total += imp.Gain
		}
	}
	sort.Slice(idx, func(a, b int) bool {
		x, y := m.Importance[idx[a]], m.Importance[idx[b]]
		if by == "split" && x.Splits != y.Splits {
			return x.Splits > y.Splits
		}
		if x.Gain != y.Gain {
			return x.Gain > y.Gain
		}
		if x.Splits != y.Splits {
			return x.Splits > y.Splits
		}
		return m.FeatureNames[idx[a]] < m.FeatureNames[idx[b]]
	})
	out := cmd.OutOrStdout()
	fmt.Fprintf(out, "%d of %d features used in %d trees (objective %s)\n", len(idx), len(m.FeatureNames), m.NumTrees, m.Objective)
	if top > 0 && len(idx) > top {
		idx = idx[:top]
	}
	tw := tabwriter.NewWriter(out, 2, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rank\tgain\tgain%\tsplits\t\tfeature")
	for r, i := range idx {
		imp := m.Importance[i]
		share := 0.0
		if total > 0 {
			share = 100 * imp.Gain / total
		}
		fmt.Fprintf(tw, "%d\t%.6g\t%.2f\t%d\t\t%s\n", r+1, imp.Gain, share, imp.Splits, m.FeatureNames[i])
	}
	tw.Flush()
}

// plotImportance draws the top features by gain, coloured by the feature
// family of the default plan ("other" for names it does not know).
func plotImportance(m *lgbm.Model, top int, path string) error {
	full := plan.Default()
	family := make(map[string]string, full.Len())
	names := full.Names() // a copy: not once per feature
	for i, f := range full.Families() {
		family[names[i]] = f
	}
	var items []plots.Importance
	for i, imp := range m.Importance {
		if imp.Splits == 0 {
			continue
		}
		f, ok := family[m.FeatureNames[i]]
		if !ok {
			f = "other"
		}
		items = append(items, plots.Importance{Name: m.FeatureNames[i], Family: f, Gain: imp.Gain})
	}
	if top <= 0 {
		top = len(items)
	}
	p, err := plots.ImportanceChart(items, top)
	if err != nil {
		return err
	}
	h := vg.Length(max(8, min(top, len(items)))) * 0.5 * vg.Centimeter
	base, ext := strings.TrimSuffix(path, filepath.Ext(path)), strings.ToLower(filepath.Ext(path))
	if ext == ".png" || ext == ".svg" {
		return plots.SaveAs(p, path, 24*vg.Centimeter, h+3*vg.Centimeter)
	}
	return plots.Save(p, base+ext, 24*vg.Centimeter, h+3*vg.Centimeter)
}
