package scan

import (
	"encoding/binary"
	"math"
	"strconv"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/table"
)

// cacheSet hands out the per-variable caches of the jobs: the two sides of
// job i are keyed by (column, rows left out of the pair), so every pair in
// which a column has the same rows shares its cache. A cache is dropped
// after the last job that uses it, so only the columns still to come stay
// cached.
type cacheSet struct {
	keys   [][2]string
	uses   map[string]int
	caches map[string]*plan.VarCache
}

func newCacheSet(t *table.Table, jobs []Job) *cacheSet {
	cs := &cacheSet{keys: make([][2]string, len(jobs)), uses: map[string]int{}, caches: map[string]*plan.VarCache{}}
	missing := make([][]int, len(t.Columns))
	for c, col := range t.Columns {
		for i, v := range col.Values {
			if math.IsNaN(v) {
				missing[c] = append(missing[c], i)
			}
		}
	}
	for i, j := range jobs {
		out := leftOut(missing[j.A], missing[j.B])
		cs.keys[i] = [2]string{strconv.Itoa(j.A) + "/" + out, strconv.Itoa(j.B) + "/" + out}
		for _, k := range cs.keys[i] {
			cs.uses[k]++
		}
	}
	return cs
}

// leftOut encodes the union of two ascending row lists.
func leftOut(a, b []int) string {
	var buf []byte
	for len(a) > 0 || len(b) > 0 {
		var r int
		switch {
		case len(b) == 0 || len(a) > 0 && a[0] < b[0]:
			r, a = a[0], a[1:]
		case len(a) == 0 || b[0] < a[0]:
			r, b = b[0], b[1:]
		default:
			r, a, b = a[0], a[1:], b[1:]
		}
		buf = binary.AppendUvarint(buf, uint64(r))
	}
	return string(buf)
}

// get returns the caches of job i's two sides.
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

// release records that job i is done with its caches.
func (cs *cacheSet) release(i int) {
	for _, k := range cs.keys[i] {
		if cs.uses[k]--; cs.uses[k] == 0 {
			delete(cs.caches, k)
			delete(cs.uses, k)
		}
	}
}
