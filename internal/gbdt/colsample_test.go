package gbdt

import (
	"fmt"
	"strings"
	"testing"
)

// lightgbmSamples is what LightGBM 4.6's own Random printed (its
// include/LightGBM/utils/random.h compiled from ../shared/vendor): for
// seeds 0, 1 and 7, the feature_fraction_seed config.cpp derives from
// `seed`, then five Sample(n, k) draws in a row from Random(that seed),
// each as its length, first three and last values and a rolling hash
// (h = (31h + x) mod 1e9+7). The program:
//
//	Random rand(seed); int s[4]; for (i < 4) s[i] = rand.NextShort(0, 32767);
//	Random r(s[3]); for ((n, k) in cases) v = r.Sample(n, k); print(...)
const lightgbmSamples = `seed 0 ffseed 2437
  sample(20000,2000) n=2000 first=14,19,29 last=19990 hash=218014936
  sample(5000,500) n=500 first=7,29,32 last=4999 hash=949323674
  sample(24,7) n=7 first=0,4,6 last=14 hash=120308007
  sample(24,12) n=12 first=1,4,5 last=22 hash=842067481
  sample(10,1) n=1 first=9,-1,-1 last=9 hash=9
seed 1 ffseed 26500
  sample(20000,2000) n=2000 first=12,15,33 last=19992 hash=7847345
  sample(5000,500) n=500 first=1,5,18 last=4999 hash=741605010
  sample(24,7) n=7 first=1,3,6 last=15 hash=979149864
  sample(24,12) n=12 first=1,2,4 last=22 hash=609419691
  sample(10,1) n=1 first=8,-1,-1 last=8 hash=8
seed 7 ffseed 7040
  sample(20000,2000) n=2000 first=7,9,32 last=19988 hash=269963190
  sample(5000,500) n=500 first=1,4,12 last=4999 hash=456615588
  sample(24,7) n=7 first=5,7,13 last=21 hash=650390996
  sample(24,12) n=12 first=1,2,4 last=23 hash=957162207
  sample(10,1) n=1 first=0,-1,-1 last=0 hash=0
`

// TestSamplerIsLightGBMs checks the feature sampler draw for draw against
// LightGBM's generator, through both of Sample's algorithms (selection
// sampling for large k, Floyd's for small).
func TestSamplerIsLightGBMs(t *testing.T) {
	var b strings.Builder
	at := func(v []int32, i int) int32 {
		if i < len(v) {
			return v[i]
		}
		return -1
	}
	for _, seed := range []uint64{0, 1, 7} {
		ff := featureFractionSeed(seed)
		fmt.Fprintf(&b, "seed %d ffseed %d\n", seed, ff)
		r := lgbRandom{x: ff}
		for _, c := range [][2]int{{20000, 2000}, {5000, 500}, {24, 7}, {24, 12}, {10, 1}} {
			v := r.sample(c[0], c[1], nil)
			var h int64
			for _, x := range v {
				h = (h*31 + int64(x)) % 1000000007
			}
			fmt.Fprintf(&b, "  sample(%d,%d) n=%d first=%d,%d,%d last=%d hash=%d\n",
				c[0], c[1], len(v), at(v, 0), at(v, 1), at(v, 2), v[len(v)-1], h)
		}
	}
	if b.String() != lightgbmSamples {
		t.Fatalf("sampler differs from LightGBM's:\n%s\nwant\n%s", b.String(), lightgbmSamples)
	}
}

// TestTreeFeatureSample checks the per-tree draw: round(fraction x
// splittable) features, ascending, from the splittable ones only, after
// LightGBM's discarded first draw.
func TestTreeFeatureSample(t *testing.T) {
	p := DefaultParams()
	p.Seed, p.FeatureFraction = 1, 0.1
	from := make([]int32, 5000)
	for i := range from {
		from[i] = int32(2 * i) // the splittable features' indices
	}
	c := newColSampler(&p, len(from))
	got := c.tree(from)
	r := lgbRandom{x: featureFractionSeed(1)}
	r.sample(5000, 500, nil)
	want := r.sample(5000, 500, nil)
	if len(got) != 500 {
		t.Fatalf("%d features drawn, want 500", len(got))
	}
	for i, j := range want {
		if got[i] != from[j] {
			t.Fatalf("feature %d is %d, want %d (LightGBM's second draw)", i, got[i], from[j])
		}
	}
}
