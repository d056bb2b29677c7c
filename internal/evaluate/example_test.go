package evaluate_test

import (
	"fmt"

	"github.com/causal-tool/causal/internal/evaluate"
)

// The challenge metric averages the AUC of telling A->B pairs (Target 1)
// from the rest by score and the AUC of telling B->A pairs (Target -1) from
// the rest by -score.
func ExampleBidirectionalAUC() {
	targets := []int{1, 1, 0, -1, -1, 0}
	scores := []float64{0.9, 0.2, 0.1, -0.8, 0.3, -0.1}
	auc, err := evaluate.BidirectionalAUC(targets, scores)
	if err != nil {
		panic(err)
	}
	// A->B: 7 of the 8 (A->B, other) score pairs are ordered right (0.2 <
	// 0.3); B->A: 5 of 8 (-0.3 is below -0.2, -0.1 and 0.1).
	fmt.Printf("bidirectional AUC %.4f\n", auc)
	// Output:
	// bidirectional AUC 0.7500
}
