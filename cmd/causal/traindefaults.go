package main

import (
	"github.com/spf13/cobra"
)

// applyRecipeValidation resolves the default held-out split
// (pairmodel.Defaults): 10 % unless the user chose the validation (--valid,
// --valid-fraction) or --cv, and early stopping only when there is
// something to validate on.
func applyRecipeValidation(cmd *cobra.Command, o *trainOptions) {
	f := cmd.Flags()
	if !f.Changed("valid-fraction") && (o.valid != "" || o.cv != 0) {
		o.validFraction = 0
	}
	o.recipeSplit = !f.Changed("valid-fraction") && o.validFraction > 0
	o.recipeStopping = !f.Changed("early-stopping")
	if !f.Changed("early-stopping") && o.valid == "" && o.validFraction == 0 && o.cv == 0 {
		o.p.EarlyStopping = 0
	}
}
