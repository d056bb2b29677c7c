package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

// MirrorSuffix is appended to the SampleID of a mirror row.
const MirrorSuffix = "~mirror"

func newFeaturesMirrorCmd() *cobra.Command {
	var out, format, target, targetOut string
	cmd := &cobra.Command{
		Use:   "mirror in.features -o out.features [--target t.csv --target-out t2.csv]",
		Short: "Add the mirror row of every pair (for training with another trainer)",
		Long: `Write every row of a feature file followed by its mirror row: the row that
featurizing (B, A) gives (A->B and B->A columns swapped, differences negated,
types swapped), with SampleID suffixed "` + MirrorSuffix + `". With --target, also write
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
			return mirrorFeatures(args[0], out, format, target, targetOut)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "output feature file (required)")
	cmd.Flags().StringVar(&format, "format", featio.FormatArrow, "output format: arrow or csv")
	cmd.Flags().StringVar(&target, "target", "", "target file of the input pairs")
	cmd.Flags().StringVar(&targetOut, "target-out", "", "where to write the targets of the output rows")
	return cmd
}

func mirrorFeatures(in, out, format, target, targetOut string) error {
	r, err := featio.Open(in)
	if err != nil {
		return err
	}
	defer r.Close()
	h := r.Header()
	mm, err := plan.NewMirrorMap(h.Names)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	var byID map[string]pairs.Target
	if target != "" {
		tg, err := pairio.ReadTargets(target)
		if err != nil {
			return err
		}
		byID = make(map[string]pairs.Target, len(tg))
		for _, t := range tg {
			byID[t.ID] = t
		}
	}
	w, err := featio.Create(out, format, h)
	if err != nil {
		return err
	}
	defer w.Abort()
	mirror := make([]float32, len(h.Names))
	var outTargets []pairs.Target
	for {
		id, row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		mm.Row32(row, mirror)
		if err := w.Write(id, row); err != nil {
			return err
		}
		if err := w.Write(id+MirrorSuffix, mirror); err != nil {
			return err
		}
		if byID != nil {
			t, ok := byID[id]
			if !ok {
				return fmt.Errorf("%s: SampleID %s has no target in %s", in, id, target)
			}
			mt := mm.Target(t)
			mt.ID += MirrorSuffix
			outTargets = append(outTargets, t, mt)
		}
	}
	if byID != nil && len(outTargets) != 2*len(byID) {
		return fmt.Errorf("%s has %d targets without a feature row", target, len(byID)-len(outTargets)/2)
	}
	if byID != nil {
		if err := atomicfile.WriteFile(targetOut, func(tw io.Writer) error { return pairio.WriteTargets(tw, outTargets) }); err != nil {
			return err
		}
	}
	return w.Commit()
}
