package scan

import (
	"encoding/binary"
	"math"
	"strconv"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/table"
)

// cacheSet hands out the per-variable caches of the tasks: the two sides
// of task i are keyed by (column, rows left out of the pair), so every pair
// in which a column has the same rows shares its cache. A cache is dropped
// after the last task that uses it, so only the columns still to come stay
// cached.
type cacheSet struct {
	keys   [][2]string
	uses   map[string]int
	caches map[string]*plan.VarCache
}

func newCacheSet(t *table.Table, jobs []Job, tasks []task, rs *resamples) *cacheSet {
	cs := &cacheSet{keys: make([][2]string, len(tasks)), uses: map[string]int{}, caches: map[string]*plan.VarCache{}}
	missing := make([][]int, len(t.Columns))
	for c, col := range t.Columns {
		for i, v := range col.Values {
			if math.IsNaN(v) {
				missing[c] = append(missing[c], i)
			}
		}
	}
	for i, tk := range tasks {
		j := jobs[tk.job]
		out := union(missing[j.A], missing[j.B])
		if tk.resample > 0 {
			out = union(out, rs.dropped[tk.resample-1])
		}
		key := encodeRows(out)
		cs.keys[i] = [2]string{strconv.Itoa(j.A) + "/" + key, strconv.Itoa(j.B) + "/" + key}
		for _, k := range cs.keys[i] {
			cs.uses[k]++
		}
	}
	return cs
}

// union returns the union of two ascending row lists, ascending.
func union(a, b []int) []int {
	out := make([]int, 0, max(len(a), len(b)))
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || len(a) > 0 && a[0] < b[0]:
			out, a = append(out, a[0]), a[1:]
		case len(a) == 0 || b[0] < a[0]:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	return out
}

// encodeRows encodes an ascending row list as a map key.
func encodeRows(rows []int) string {
	var buf []byte
	for _, r := range rows {
		buf = binary.AppendUvarint(buf, uint64(r))
	}
	return string(buf)
}

// get returns the caches of task i's two sides.
func (cs *cacheSet) get(i int) [2]*plan.VarCache {
	var out [2]*plan.VarCache
	for s, k := range cs.keys[i] {
		c := cs.caches[k]
		if c == nil {
			c = plan.NewVarCache()
			cs.caches[k] = c
		}
		out[s] = c
	}
	return out
}

// release records that task i is done with its caches.
func (cs *cacheSet) release(i int) {
	for _, k := range cs.keys[i] {
		if cs.uses[k]--; cs.uses[k] == 0 {
			delete(cs.caches, k)
			delete(cs.uses, k)
		}
	}
}
