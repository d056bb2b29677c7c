package lgbm

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/causal-tool/causal/internal/gbdt"
)

// Version is the model format version written in the header (leaves
// accepts only v2 and v3; LightGBM ignores it).
const Version = "v3"

// Parameter-section keys holding the causal metadata.
const (
	keyPlanHash  = "causal_plan_hash"
	keyObjective = "causal_objective"
	keyRecipe    = "causal_recipe"
)

var (
	featureNameRE = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)
	paramNameRE   = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
)

// CheckFeatureName reports whether name can be written in a model file.
func CheckFeatureName(name string) error {
	if !featureNameRE.MatchString(name) {
		return fmt.Errorf("feature name %q cannot be written in a LightGBM model (allowed: letters, digits, '_', '.', '-')", name)
	}
	return nil
}

// Write writes m with its metadata as a LightGBM text model.
func Write(w io.Writer, m *gbdt.Model, meta Meta) error {
	if err := checkModel(m); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	params, err := parameterLines(m, meta)
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	blocks := make([][]byte, len(m.Trees))
	sizes := make([]string, len(m.Trees))
	for i := range m.Trees {
		blocks[i] = treeBlock(i, &m.Trees[i])
		sizes[i] = strconv.Itoa(len(blocks[i]))
	}
	var b bytes.Buffer
	writeHeader(&b, m, sizes)
	for _, blk := range blocks {
		b.Write(blk)
	}
	b.WriteString("end of trees\n")
	writeImportances(&b, m)
	b.WriteString("\nparameters:\n")
	for _, l := range params {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	b.WriteString("end of parameters\n")
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return nil
}

// checkModel validates what the text format needs from m.
func checkModel(m *gbdt.Model) error {
	nf := len(m.FeatureNames)
	switch {
	case m.NumClass < 1:
		return fmt.Errorf("num_class %d < 1", m.NumClass)
	case len(m.Trees) == 0 || len(m.Trees)%m.NumClass != 0:
		return fmt.Errorf("%d trees is not a positive multiple of num_class %d", len(m.Trees), m.NumClass)
	case nf == 0:
		return fmt.Errorf("model has no feature names")
	case m.Objective == "" || strings.ContainsAny(m.Objective, "=\n\r"):
		return fmt.Errorf("invalid objective %q", m.Objective)
	case m.FeatureMin != nil && len(m.FeatureMin) != nf, m.FeatureMax != nil && len(m.FeatureMax) != nf:
		return fmt.Errorf("feature ranges do not match the %d feature names", nf)
	}
	seen := make(map[string]bool, nf)
	for _, n := range m.FeatureNames {
		if err := CheckFeatureName(n); err != nil {
			return err
		}
		if seen[n] {
			return fmt.Errorf("duplicate feature name %q", n)
		}
		seen[n] = true
	}
	for i := range m.Trees {
		if err := checkTree(&m.Trees[i], nf); err != nil {
			return fmt.Errorf("tree %d: %w", i, err)
		}
	}
	return nil
}

// checkTree validates the array lengths and values of one tree.
func checkTree(t *gbdt.Tree, nf int) error {
	nl := len(t.LeafValue)
	if nl < 1 {
		return fmt.Errorf("no leaves")
	}
	ni := nl - 1
	for _, n := range []int{len(t.SplitFeature), len(t.Threshold), len(t.DefaultLeft), len(t.MissingNaN),
		len(t.LeftChild), len(t.RightChild), len(t.SplitGain), len(t.InternalValue), len(t.InternalWeight), len(t.InternalCount)} {
		if n != ni {
			return fmt.Errorf("%d leaves need %d internal nodes per array, found an array of %d", nl, ni, n)
		}
	}
	if len(t.LeafWeight) != nl || len(t.LeafCount) != nl {
		return fmt.Errorf("leaf_weight/leaf_count lengths differ from %d leaves", nl)
	}
	for i := 0; i < ni; i++ {
		if t.SplitFeature[i] < 0 || t.SplitFeature[i] >= nf {
			return fmt.Errorf("node %d splits on feature %d of %d", i, t.SplitFeature[i], nf)
		}
		for _, c := range []int{t.LeftChild[i], t.RightChild[i]} {
			if c >= ni || c < -nl {
				return fmt.Errorf("node %d has child %d out of range", i, c)
			}
		}
	}
	for _, vs := range [][]float64{t.Threshold, t.LeafValue, t.SplitGain, t.InternalValue, t.InternalWeight, t.LeafWeight} {
		for _, v := range vs {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("non-finite value %v", v)
			}
		}
	}
	return nil
}

// writeHeader writes the header block and the blank line closing it.
func writeHeader(b *bytes.Buffer, m *gbdt.Model, sizes []string) {
	nf := len(m.FeatureNames)
	infos := make([]string, nf)
	for i := range infos {
		infos[i] = "none"
		if m.FeatureMin != nil && m.FeatureMax != nil && isFinite(m.FeatureMin[i]) && isFinite(m.FeatureMax[i]) {
			infos[i] = "[" + ftoa(m.FeatureMin[i]) + ":" + ftoa(m.FeatureMax[i]) + "]"
		}
	}
	fmt.Fprintf(b, "tree\nversion=%s\nnum_class=%d\nnum_tree_per_iteration=%d\nlabel_index=0\nmax_feature_idx=%d\n",
		Version, m.NumClass, m.NumClass, nf-1)
	fmt.Fprintf(b, "objective=%s\n", m.Objective)
	fmt.Fprintf(b, "feature_names=%s\n", strings.Join(m.FeatureNames, " "))
	fmt.Fprintf(b, "feature_infos=%s\n", strings.Join(infos, " "))
	fmt.Fprintf(b, "tree_sizes=%s\n\n", strings.Join(sizes, " "))
}

// treeBlock renders tree i as LightGBM does: "Tree=i\n", the key lines, and
// two blank lines. Its length is the tree's tree_sizes entry.
func treeBlock(i int, t *gbdt.Tree) []byte {
	var b bytes.Buffer
	ni := len(t.SplitFeature)
	dt := make([]int, ni)
	for j := range dt {
		if t.MissingNaN[j] {
			dt[j] = 8
		}
		if t.DefaultLeft[j] {
			dt[j] |= 2
		}
	}
	fmt.Fprintf(&b, "Tree=%d\n", i)
	fmt.Fprintf(&b, "num_leaves=%d\nnum_cat=0\n", len(t.LeafValue))
	line(&b, "split_feature", ints(t.SplitFeature))
	line(&b, "split_gain", floats(t.SplitGain))
	line(&b, "threshold", floats(t.Threshold))
	line(&b, "decision_type", ints(dt))
	line(&b, "left_child", ints(t.LeftChild))
	line(&b, "right_child", ints(t.RightChild))
	line(&b, "leaf_value", floats(t.LeafValue))
	line(&b, "leaf_weight", floats(t.LeafWeight))
	line(&b, "leaf_count", ints(t.LeafCount))
	line(&b, "internal_value", floats(t.InternalValue))
	line(&b, "internal_weight", floats(t.InternalWeight))
	line(&b, "internal_count", ints(t.InternalCount))
	b.WriteString("is_linear=0\n")
	fmt.Fprintf(&b, "shrinkage=%s\n\n\n", ftoa(t.Shrinkage))
	return b.Bytes()
}

// writeImportances writes the split counts of the used features, most
// used first (ties in feature order), as LightGBM does.
func writeImportances(b *bytes.Buffer, m *gbdt.Model) {
	imp := importances(m.Trees, len(m.FeatureNames))
	order := make([]int, 0, len(imp))
	for f, v := range imp {
		if v.Splits > 0 {
			order = append(order, f)
		}
	}
	sort.SliceStable(order, func(a, c int) bool { return imp[order[a]].Splits > imp[order[c]].Splits })
	b.WriteString("\nfeature_importances:\n")
	for _, f := range order {
		fmt.Fprintf(b, "%s=%d\n", m.FeatureNames[f], imp[f].Splits)
	}
}

// importances sums split counts and gains per feature.
func importances(trees []gbdt.Tree, nf int) []Importance {
	imp := make([]Importance, nf)
	for i := range trees {
		for j, f := range trees[i].SplitFeature {
			imp[f].Splits++
			imp[f].Gain += trees[i].SplitGain[j]
		}
	}
	return imp
}

// parameterLines renders the parameters section: boosting type, the
// model's training parameters merged with meta.Params (sorted by name), then
// the causal metadata.
func parameterLines(m *gbdt.Model, meta Meta) ([]string, error) {
	all := map[string]string{"boosting": "gbdt"}
	for k, v := range m.Params {
		all[k] = v
	}
	for k, v := range meta.Params {
		all[k] = v
	}
	for k := range all {
		if strings.HasPrefix(k, "causal_") {
			return nil, fmt.Errorf("parameter name %q is reserved", k)
		}
	}
	if meta.PlanHash != "" {
		all[keyPlanHash] = meta.PlanHash
	}
	if meta.Objective != "" {
		all[keyObjective] = string(meta.Objective)
	}
	all[keyRecipe] = fmt.Sprintf("mirror=%d antisymmetric=%d", b2i(meta.Mirror), b2i(meta.Antisymmetric))
	keys := make([]string, 0, len(all))
	for k := range all {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return paramLess(keys[i], keys[j]) })
	out := make([]string, len(keys))
	for i, k := range keys {
		v := all[k]
		// LightGBM splits these lines on ':' (GetLoadedParam): no ':' in values.
		if !paramNameRE.MatchString(k) || strings.ContainsAny(v, "]:\n\r") {
			return nil, fmt.Errorf("parameter %q: %q cannot be written as [name: value]", k, v)
		}
		out[i] = "[" + k + ": " + v + "]"
	}
	return out, nil
}

// paramLess orders parameters: boosting first, causal_* last, others by name.
func paramLess(a, b string) bool {
	rank := func(k string) int {
		switch {
		case k == "boosting":
			return 0
		case strings.HasPrefix(k, "causal_"):
			return 2
		}
		return 1
	}
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra < rb
	}
	return a < b
}

func line(b *bytes.Buffer, key string, vals []string) {
	b.WriteString(key)
	b.WriteByte('=')
	b.WriteString(strings.Join(vals, " "))
	b.WriteByte('\n')
}

func ints(v []int) []string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return s
}

func floats(v []float64) []string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = ftoa(x)
	}
	return s
}

// ftoa formats v in the shortest form that parses back to v.
func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
