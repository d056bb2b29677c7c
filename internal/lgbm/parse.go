package lgbm

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// textModel is a LightGBM text model split into its parts, checked enough
// that leaves cannot panic on it.
type textModel struct {
	header     map[string]string
	versionEnd int // byte offset just after the version line's value ("" if none)
	versionPos int // byte offset of the version value
	trees      []map[string]string
	params     map[string]string
	hasParams  bool
}

// textLine is one line of the file and the byte offset of its start.
type textLine struct {
	text  string
	start int
}

// splitLines cuts data into lines (without the final '\n' and any '\r').
func splitLines(data []byte) []textLine {
	var out []textLine
	for off := 0; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			next = off + end + 1
			end += off
		} else {
			end = len(data)
		}
		out = append(out, textLine{text: strings.TrimRight(string(data[off:end]), "\r"), start: off})
		off = next
	}
	return out
}

// parseText splits and validates the structure of a text model.
func parseText(data []byte) (*textModel, error) {
	lines := splitLines(data)
	tm := &textModel{header: map[string]string{}}
	i := 0
	for ; i < len(lines) && strings.TrimSpace(lines[i].text) != ""; i++ {
		k, v, err := keyValue(lines[i].text)
		if err != nil {
			return nil, fmt.Errorf("header line %d: %w", i+1, err)
		}
		if k == "version" {
			tm.versionPos = lines[i].start + len("version=")
			tm.versionEnd = tm.versionPos + len(v)
		}
		tm.header[k] = v
	}
	sizes, err := tm.checkHeader()
	if err != nil {
		return nil, err
	}
	starts := make([]int, 0, len(sizes))
	for len(tm.trees) < len(sizes) {
		for i < len(lines) && strings.TrimSpace(lines[i].text) == "" {
			i++
		}
		want := fmt.Sprintf("Tree=%d", len(tm.trees))
		if i >= len(lines) || strings.TrimSpace(lines[i].text) != want {
			return nil, fmt.Errorf("tree_sizes lists %d trees but %q was not found where expected (file truncated or corrupt)", len(sizes), want)
		}
		starts = append(starts, lines[i].start)
		kv := map[string]string{}
		for i++; i < len(lines) && strings.TrimSpace(lines[i].text) != ""; i++ {
			k, v, err := keyValue(lines[i].text)
			if err != nil {
				return nil, fmt.Errorf("%s, line %d: %w", want, i+1, err)
			}
			kv[k] = v
		}
		if i >= len(lines) {
			return nil, fmt.Errorf("%s is not followed by a blank line (file truncated)", want)
		}
		tm.trees = append(tm.trees, kv)
	}
	for i < len(lines) && strings.TrimSpace(lines[i].text) == "" {
		i++
	}
	end := len(data)
	if i < len(lines) {
		end = lines[i].start
	}
	starts = append(starts, end)
	for t, s := range sizes {
		if got := starts[t+1] - starts[t]; got != s {
			return nil, fmt.Errorf("tree %d takes %d bytes but tree_sizes says %d (file corrupt or edited)", t, got, s)
		}
	}
	if err := tm.parseTrailer(lines[i:]); err != nil {
		return nil, err
	}
	return tm, nil
}

// keyValue splits a "key=value" line; a line without '=' is a bare key.
func keyValue(l string) (string, string, error) {
	l = strings.TrimSpace(l)
	k, v, found := strings.Cut(l, "=")
	if found && strings.Contains(v, "=") {
		return "", "", fmt.Errorf("more than one '=' in %q", clip(l))
	}
	return k, v, nil
}

// checkHeader validates the header keys and returns the tree sizes.
func (tm *textModel) checkHeader() ([]int, error) {
	h := tm.header
	for _, k := range []string{"version", "num_class", "num_tree_per_iteration", "max_feature_idx", "objective", "feature_names", "tree_sizes"} {
		if _, ok := h[k]; !ok {
			return nil, fmt.Errorf("not a LightGBM text model: header has no %q line", k)
		}
	}
	if v := h["version"]; v != "v2" && v != "v3" && v != "v4" {
		return nil, fmt.Errorf("unsupported model version %q (want v2, v3 or v4)", v)
	}
	if _, ok := h["average_output"]; ok {
		return nil, fmt.Errorf("random-forest models (average_output) are not supported")
	}
	nc, err := headerInt(h, "num_class", 1)
	if err != nil {
		return nil, err
	}
	ntpi, err := headerInt(h, "num_tree_per_iteration", 1)
	if err != nil {
		return nil, err
	}
	if nc != ntpi {
		return nil, fmt.Errorf("num_class %d differs from num_tree_per_iteration %d", nc, ntpi)
	}
	mfi, err := headerInt(h, "max_feature_idx", 0)
	if err != nil {
		return nil, err
	}
	if n := len(strings.Fields(h["feature_names"])); n != mfi+1 {
		return nil, fmt.Errorf("feature_names has %d names but max_feature_idx=%d", n, mfi)
	}
	fields := strings.Fields(h["tree_sizes"])
	if len(fields) == 0 || len(fields)%nc != 0 {
		return nil, fmt.Errorf("tree_sizes lists %d trees, not a positive multiple of num_class %d", len(fields), nc)
	}
	sizes := make([]int, len(fields))
	for i, f := range fields {
		if sizes[i], err = strconv.Atoi(f); err != nil || sizes[i] <= 0 {
			return nil, fmt.Errorf("tree_sizes: bad size %q", f)
		}
	}
	return sizes, nil
}

// headerInt parses an integer header value that must be >= min.
func headerInt(h map[string]string, key string, min int) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(h[key]))
	if err != nil || v < min || v > 1<<24 {
		return 0, fmt.Errorf("header %s=%q: want an integer >= %d", key, clip(h[key]), min)
	}
	return v, nil
}

// parseTrailer reads the optional sections after the trees; only the
// parameters section is kept.
func (tm *textModel) parseTrailer(lines []textLine) error {
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i].text) != "parameters:" {
			continue
		}
		tm.hasParams = true
		tm.params = map[string]string{}
		for i++; ; i++ {
			if i >= len(lines) {
				return fmt.Errorf("parameters section has no \"end of parameters\" (file truncated)")
			}
			l := strings.TrimSpace(lines[i].text)
			if l == "end of parameters" {
				break
			}
			if l == "" {
				continue
			}
			if !strings.HasPrefix(l, "[") || !strings.HasSuffix(l, "]") || !strings.Contains(l, ": ") {
				return fmt.Errorf("parameters section: malformed line %q (want [name: value])", clip(l))
			}
			k, v, _ := strings.Cut(l[1:len(l)-1], ": ")
			tm.params[k] = v
		}
	}
	return nil
}

// checkTrees validates every tree against the header: array lengths, child
// links forming a tree, feature indices, decision types and categorical
// bitsets.
func (tm *textModel) checkTrees() error {
	mfi, _ := headerInt(tm.header, "max_feature_idx", 0)
	for i, kv := range tm.trees {
		if err := checkTextTree(kv, mfi); err != nil {
			return fmt.Errorf("tree %d: %w", i, err)
		}
	}
	return nil
}

// checkTextTree validates one tree's key/value lines.
func checkTextTree(kv map[string]string, mfi int) error {
	nl, err := strconv.Atoi(kv["num_leaves"])
	if err != nil || nl < 1 {
		return fmt.Errorf("bad or missing num_leaves %q", clip(kv["num_leaves"]))
	}
	ncat, err := strconv.Atoi(kv["num_cat"])
	if err != nil || ncat < 0 {
		return fmt.Errorf("bad or missing num_cat %q", clip(kv["num_cat"]))
	}
	if lin := kv["is_linear"]; lin != "" && lin != "0" {
		return fmt.Errorf("linear trees are not supported (leaves would predict wrong values)")
	}
	if _, err := floatArray(kv, "leaf_value", nl, false); err != nil {
		return err
	}
	if nl == 1 {
		return nil
	}
	ni := nl - 1
	left, err := intArray(kv, "left_child", ni)
	if err != nil {
		return err
	}
	right, err := intArray(kv, "right_child", ni)
	if err != nil {
		return err
	}
	if err := checkLinks(left, right, nl); err != nil {
		return err
	}
	feat, err := intArray(kv, "split_feature", ni)
	if err != nil {
		return err
	}
	for j, f := range feat {
		if f < 0 || f > mfi {
			return fmt.Errorf("node %d splits on feature %d, beyond max_feature_idx %d", j, f, mfi)
		}
	}
	// LightGBM writes a threshold of inf for a split that sends every number
	// one way and the missing values (NaN) the other.
	thr, err := floatArray(kv, "threshold", ni, true)
	if err != nil {
		return err
	}
	dt, err := intArray(kv, "decision_type", ni)
	if err != nil {
		return err
	}
	return checkDecisions(kv, dt, thr, ncat)
}

// checkLinks verifies that the child arrays describe one tree rooted at
// node 0 that reaches every internal node and every leaf exactly once.
func checkLinks(left, right []int, nl int) error {
	ni := nl - 1
	seenNode := make([]bool, ni)
	seenLeaf := make([]bool, nl)
	seenNode[0] = true
	for _, c := range append(append([]int{}, left...), right...) {
		switch {
		case c >= ni || c < -nl:
			return fmt.Errorf("child index %d out of range", c)
		case c >= 0:
			if seenNode[c] {
				return fmt.Errorf("internal node %d is reached twice (not a tree)", c)
			}
			seenNode[c] = true
		default:
			if seenLeaf[^c] {
				return fmt.Errorf("leaf %d is reached twice (not a tree)", ^c)
			}
			seenLeaf[^c] = true
		}
	}
	// Every node and leaf has exactly one parent and the root none; with
	// ni nodes and nl = ni+1 leaves, a cycle is still possible, so walk.
	reached := 0
	stack := []int{0}
	visited := make([]bool, ni)
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if visited[n] {
			return fmt.Errorf("cycle through node %d", n)
		}
		visited[n] = true
		reached++
		for _, c := range []int{left[n], right[n]} {
			if c >= 0 {
				stack = append(stack, c)
			}
		}
	}
	if reached != ni {
		return fmt.Errorf("%d of %d internal nodes are unreachable from the root", ni-reached, ni)
	}
	return nil
}

// checkDecisions validates decision types and categorical split bitsets.
func checkDecisions(kv map[string]string, dt []int, thr []float64, ncat int) error {
	var bounds []int
	var nWords int
	if ncat > 0 {
		var err error
		if bounds, err = intArray(kv, "cat_boundaries", ncat+1); err != nil {
			return err
		}
		words, err := intArray(kv, "cat_threshold", -1)
		if err != nil {
			return err
		}
		nWords = len(words)
		if bounds[0] != 0 || bounds[ncat] != nWords {
			return fmt.Errorf("cat_boundaries do not span cat_threshold")
		}
		for j := 0; j < ncat; j++ {
			if bounds[j+1] <= bounds[j] {
				return fmt.Errorf("cat_boundaries not increasing")
			}
			any := false
			for _, w := range words[bounds[j]:bounds[j+1]] {
				any = any || w != 0
			}
			if !any {
				return fmt.Errorf("categorical split %d has an empty bitset", j)
			}
		}
	}
	for j, d := range dt {
		if d < 0 || d > 15 || (d>>2)&3 == 3 {
			return fmt.Errorf("node %d: invalid decision_type %d", j, d)
		}
		if d&1 == 0 {
			continue
		}
		c := thr[j]
		if ncat == 0 || c != math.Trunc(c) || c < 0 || int(c) >= ncat {
			return fmt.Errorf("node %d: categorical split index %v out of range (num_cat=%d)", j, c, ncat)
		}
	}
	return nil
}

// intArray parses kv[key] as n space-separated integers (any count if n < 0).
func intArray(kv map[string]string, key string, n int) ([]int, error) {
	f, err := fieldsOf(kv, key, n)
	if err != nil {
		return nil, err
	}
	out := make([]int, len(f))
	for i, s := range f {
		v, err := strconv.ParseInt(s, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("%s: bad integer %q", key, clip(s))
		}
		out[i] = int(v)
	}
	return out, nil
}

// floatArray parses kv[key] as n space-separated numbers: finite ones, or
// also ±inf when inf is true (never NaN).
func floatArray(kv map[string]string, key string, n int, inf bool) ([]float64, error) {
	f, err := fieldsOf(kv, key, n)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(f))
	for i, s := range f {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || (math.IsInf(v, 0) && !inf) {
			return nil, fmt.Errorf("%s: bad number %q", key, clip(s))
		}
		out[i] = v
	}
	return out, nil
}

// fieldsOf returns the fields of kv[key], checking their count.
func fieldsOf(kv map[string]string, key string, n int) ([]string, error) {
	v, ok := kv[key]
	if !ok {
		return nil, fmt.Errorf("no %s line", key)
	}
	f := strings.Fields(v)
	if n >= 0 && len(f) != n {
		return nil, fmt.Errorf("%s has %d values, want %d", key, len(f), n)
	}
	return f, nil
}

// clip shortens s for error messages.
func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}
