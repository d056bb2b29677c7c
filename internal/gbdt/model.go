package gbdt

import "math"

// Tree is one regression tree in LightGBM's layout: internal nodes are
// numbered from 0 (the root); a child index c < 0 denotes leaf ^c (= -c-1).
// Leaf values already include the learning rate (and, for the first
// iteration, the initial score), so a prediction is the plain sum of leaves.
type Tree struct {
	SplitFeature   []int     // per internal node: original feature index
	Threshold      []float64 // per internal node: go left iff x <= Threshold
	DefaultLeft    []bool    // per internal node: where missing values go
	MissingNaN     []bool    // per internal node: true if NaN is the missing type (else None: NaN treated as 0)
	LeftChild      []int     // per internal node
	RightChild     []int     // per internal node
	SplitGain      []float64 // per internal node
	InternalValue  []float64 // per internal node: output the node would have as a leaf
	InternalWeight []float64 // per internal node: sum of hessians
	InternalCount  []int     // per internal node: rows reaching it
	LeafValue      []float64 // per leaf
	LeafWeight     []float64 // per leaf: sum of hessians
	LeafCount      []int     // per leaf: training rows
	Shrinkage      float64   // learning rate used for this tree (informational)
}

// NumLeaves returns the number of leaves of the tree.
func (t *Tree) NumLeaves() int { return len(t.LeafValue) }

// Predict returns the tree's output for one row, with LightGBM's rules for
// missing values.
func (t *Tree) Predict(row []float64) float64 {
	if len(t.SplitFeature) == 0 {
		return t.LeafValue[0]
	}
	node := 0
	for {
		x := row[t.SplitFeature[node]]
		var left bool
		if math.IsNaN(x) {
			if t.MissingNaN[node] {
				left = t.DefaultLeft[node]
			} else {
				left = 0 <= t.Threshold[node]
			}
		} else {
			left = x <= t.Threshold[node]
		}
		next := t.RightChild[node]
		if left {
			next = t.LeftChild[node]
		}
		if next < 0 {
			return t.LeafValue[^next]
		}
		node = next
	}
}

// Model is a trained ensemble. Trees are stored iteration-major: tree
// i*NumClass+k is class k of iteration i (LightGBM's order).
type Model struct {
	Objective    string    // LightGBM objective string, e.g. "regression", "huber", "binary sigmoid:1", "multiclass num_class:3"
	NumClass     int       // 1 except for multiclass
	FeatureNames []string  // one per column of the training matrix
	FeatureMin   []float64 // per feature: minimum seen in training (NaN if none)
	FeatureMax   []float64 // per feature: maximum seen in training (NaN if none)
	Trees        []Tree
	// Params records the training parameters as key/value strings.
	Params map[string]string
}

// NumIterations returns the number of boosting iterations in the model.
func (m *Model) NumIterations() int {
	if m.NumClass <= 0 {
		return 0
	}
	return len(m.Trees) / m.NumClass
}

// PredictRaw writes the raw scores of one row into out (NumClass values).
func (m *Model) PredictRaw(row []float64, out []float64) {
	for k := range out[:m.NumClass] {
		out[k] = 0
	}
	for i := range m.Trees {
		out[i%m.NumClass] += m.Trees[i].Predict(row)
	}
}
