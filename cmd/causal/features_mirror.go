package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/featio"
)

func newFeaturesMirrorCmd() *cobra.Command {
	var out, format, target, targetOut string
	cmd := &cobra.Command{
		Use:   "mirror in.features -o out.features [--target t.csv --target-out t2.csv]",
		Short: "Add the mirror row of every pair (for training with another trainer)",
		Long: `Write every row of a feature file followed by its mirror row: the row that
featurizing (B, A) gives (A->B and B->A columns swapped, differences negated,
types swapped), with SampleID suffixed "` + featio.MirrorSuffix + `". With --target, also write
the matching target file (Target negated, Details 1 and 2 swapped) to
--target-out. This is causal train's mirror augmentation, for trainers
elsewhere (e.g. LightGBM's distributed mode); streams in bounded memory.`,
		Example: "  causal features mirror train.features --target train_target.csv --target-out train2_target.csv -o train2.features",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("-o is required")
			}
			if (target == "") != (targetOut == "") {
				return fmt.Errorf("--target and --target-out go together")
			}
			return featio.Mirror(cmd.Context(), args[0], out, format, target, targetOut)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "output feature file (required)")
	cmd.Flags().StringVar(&format, "format", featio.FormatArrow, "output format: arrow or csv")
	cmd.Flags().StringVar(&target, "target", "", "target file of the input pairs")
	cmd.Flags().StringVar(&targetOut, "target-out", "", "where to write the targets of the output rows")
	return cmd
}
