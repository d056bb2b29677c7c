package plan

import (
	"fmt"
	"strings"

	"github.com/causal-tool/causal/featurizers/direction"
)

// Plan variants: named parameter sets that change feature values, each a
// plan version of its own (its hash differs from the default's).
const (
	// VariantDefault is plan-2, DefaultParams: the default plan, the one
	// the embedded model was trained on.
	VariantDefault = "plan-2"
	// VariantFast is candidate F of issue 22: the costly published direction
	// methods on smaller subsamples (direction.FastBounds).
	VariantFast = "fast"
)

// VariantNames lists the names Variant accepts.
func VariantNames() []string { return []string{VariantDefault, VariantFast} }

// Variant returns the parameters of a named plan variant ("" is the
// default, plan-2).
func Variant(name string) (Params, error) {
	switch name {
	case "", VariantDefault:
		return DefaultParams, nil
	case VariantFast:
		pr := DefaultParams
		pr.Direction = direction.FastBounds
		return pr, nil
	}
	return Params{}, fmt.Errorf("plan variant %q: want one of %s", name, strings.Join(VariantNames(), ", "))
}
