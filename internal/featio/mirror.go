package featio

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

// MirrorSuffix is appended to the SampleID of a mirror row.
const MirrorSuffix = "~mirror"

// Mirror writes every row of the feature file in followed by its mirror
// row (plan.MirrorMap: the row featurizing (B, A) gives), with SampleID
// suffixed MirrorSuffix, into out (format as for Create), streaming in
// bounded memory. With a target file of the input pairs (target: every row
// needs a target and every target a row), the targets of the output rows
// are written to targetOut, the mirror's negated with Details 1 and 2
// swapped. Both outputs are written atomically.
func Mirror(ctx context.Context, in, out, format, target, targetOut string) error {
	r, err := Open(in)
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
	w, err := Create(out, format, h)
	if err != nil {
		return err
	}
	defer w.Abort()
	mirror := make([]float32, len(h.Names))
	var outTargets []pairs.Target
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		id, row, err := r.Next()
		if errors.Is(err, io.EOF) {
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
				return fmt.Errorf("%s: SampleID %s has no target in %s", in, pairio.ID(id), target)
			}
			mt := mm.Target(t)
			mt.ID += MirrorSuffix
			outTargets = append(outTargets, t, mt)
		}
	}
	if byID != nil {
		if len(outTargets) != 2*len(byID) {
			return fmt.Errorf("%s has %d targets without a feature row", target, len(byID)-len(outTargets)/2)
		}
		if err := atomicfile.WriteFile(targetOut, func(tw io.Writer) error { return pairio.WriteTargets(tw, outTargets) }); err != nil {
			return err
		}
	}
	return w.Commit()
}
