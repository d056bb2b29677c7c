package plan

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/causal-tool/causal/pairs"
)

// BenchmarkFeaturizeNN featurizes one Numerical-Numerical pair of 2,700
// points (the mean size of the target workload) with the default plan.
func BenchmarkFeaturizeNN(b *testing.B) {
	pl := Default()
	p := genPair(pairs.Numerical, pairs.Numerical, 2700, 1)
	row := make([]float32, pl.Len())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pl.Featurize(p, row)
	}
}

// TestBlockCosts prints the time of each block kind (family, x view, y
// view, learner) on one pair when CAUSAL_BLOCK_COSTS is set ("NN", "CN"...).
func TestBlockCosts(t *testing.T) {
	tp := os.Getenv("CAUSAL_BLOCK_COSTS")
	if tp == "" {
		t.Skip("set CAUSAL_BLOCK_COSTS=NN to print per-block costs")
	}
	ta, _ := typeOfLetter(tp[:1])
	tb, _ := typeOfLetter(tp[1:2])
	pl := Default()
	p := genPair(ta, tb, 2700, 1)
	c := newPairCtx(p, pl.params)
	cost := map[string]time.Duration{}
	maxOut := pl.maxOut
	a, bb := make([]float64, maxOut), make([]float64, maxOut)
	dst := make([]float32, pl.Len())
	for _, sb := range pl.sel {
		start := time.Now()
		pl.runBlock(c, sb, a, bb, dst, nil)
		parts := strings.SplitN(sb.b.names[0], ".", 4)
		key := familyNames[sb.b.fam] + " " + strings.Join(parts[:min(3, len(parts)-1)], ".")
		if os.Getenv("CAUSAL_BLOCK_BY") == "learner" && len(parts) > 3 {
			key = familyNames[sb.b.fam] + " " + parts[2]
		}
		cost[key] += time.Since(start)
	}
	keys := make([]string, 0, len(cost))
	for k := range cost {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return cost[keys[i]] > cost[keys[j]] })
	var total time.Duration
	for _, k := range keys {
		total += cost[k]
	}
	for _, k := range keys {
		if cost[k] > 0 {
			fmt.Printf("%8.2f ms  %s\n", cost[k].Seconds()*1000, k)
		}
	}
	fmt.Printf("%8.2f ms  total\n", total.Seconds()*1000)
}

func typeOfLetter(s string) (pairs.VarType, bool) {
	for _, t := range pairs.AllTypes {
		if t.Letter() == s {
			return t, true
		}
	}
	return 0, false
}
