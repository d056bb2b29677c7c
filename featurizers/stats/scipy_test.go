package stats

import (
	"math"
	"testing"
)

// Reference values below were computed with scipy 1.10.1 / sklearn 1.2.1 on
// the same inputs (scipy.stats.pearsonr, spearmanr, kendalltau(method=
// "asymptotic"), scipy.spatial.distance.*, ansari, mood, levene, fligner,
// bartlett, mannwhitneyu(method="asymptotic"), skew, kurtosis, anderson,
// jarque_bera).
var (
	refX = []float64{1.0, 2.5, 2.5, 4.0, 7.0, 3.0, 0.5, 6.0, 6.0, 2.0, 9.0, 1.5}
	refY = []float64{2.0, 1.0, 3.5, 3.5, 8.0, 5.0, 0.0, 4.0, 7.5, 2.5, 3.0, 6.5}
)

func TestPairwiseMatchesScipy(t *testing.T) {
	want := map[string]float64{
		"pearson_r": 0.474453506204695, "pearson_p": 0.11912373481095953,
		"spearman_r": 0.5641484986594035, "spearman_p": 0.05604764547892049,
		"kendall_tau": 0.44962591288588066, "kendall_p": 0.045216421534026816,
		"chi_square": 15.843802521008405, "chi_square_p": 0.14702943398914187,
		"braycurtis": 0.2459016393442623, "canberra": 3.859126984126984,
		"chebyshev": 6, "cityblock": 22.5, "correlation": 0.525546493795305,
		"cosine": 0.15597913895343318, "euclidean": 8.789197915623474,
		"hamming": 1, "sqeuclidean": 77.25,
		"ansari": 74, "ansari_p": 0.6403627270973231,
		"mood": 0.2098280734815371, "mood_p": 0.8338018613115827,
		"levene": 0.08716323296355005, "levene_p": 0.7705832943165802,
		"fligner": 0.05396669376711202, "fligner_p": 0.8162993226577462,
		"bartlett": 0.0511345923078373, "bartlett_p": 0.8211006296515257,
		"mannwhitney": 66, "mannwhitney_p": 0.750306520669096,
	}
	dst := make([]float64, len(PairwiseNames()))
	Pairwise(refX, refY, dst)
	for i, name := range PairwiseNames() {
		w, ok := want[name]
		if !ok {
			continue
		}
		if !near(dst[i], w, 1e-9*math.Max(1, math.Abs(w))) {
			t.Errorf("%s = %.15g, want %.15g", name, dst[i], w)
		}
	}
}

func TestUnaryMatchesScipy(t *testing.T) {
	want := map[string]float64{
		"skewness": 0.628695249038973, "kurtosis": -0.782512835692923,
		"std": 2.553592241007427, "anderson_darling": 0.4260224554055334,
		"jarque_bera": 1.0966786013404421, "jarque_bera_p": 0.5779087465758608,
		"uniform_divergence": UniformDivergence([]float64{0.5, 1, 1.5, 2, 2.5, 2.5, 3, 4, 6, 6, 7, 9}, 2),
		"n_distinct":         10, "ratio_distinct": 10.0 / 12,
	}
	dst := make([]float64, len(UnaryNames()))
	Unary(refX, dst)
	for i, name := range UnaryNames() {
		if w, ok := want[name]; ok && !near(dst[i], w, 1e-9*math.Max(1, math.Abs(w))) {
			t.Errorf("%s = %.15g, want %.15g", name, dst[i], w)
		}
	}
}

func TestTwoSampleUnequalNoTiesMatchesScipy(t *testing.T) {
	x := []float64{1.0, 2.4, 2.6, 4.0, 7.0, 3.0, 0.5, 6.1, 6.0, 2.0, 9.0, 1.5}
	y := []float64{2.1, 1.1, 3.5, 3.6, 8.0, 5.0, 0.0, 4.1, 7.5, 2.5, 3.2, 6.5, 11.0}
	dst := make([]float64, 12)
	twoSample(NewSample(x), NewSample(y), dst)
	// scipy: mood z, p; ansari AB (its p is exact here, ours normal); U.
	for _, c := range []struct {
		i    int
		want float64
	}{{2, -0.016907191625533}, {3, 0.9865106555004014}, {0, 78}, {10, 64}, {11, 0.46276397057578866}} {
		if !near(dst[c.i], c.want, 1e-9) {
			t.Errorf("value %d = %.15g, want %.15g", c.i, dst[c.i], c.want)
		}
	}
}

// checkNamed compares named outputs with reference values.
func checkNamed(t *testing.T, names []string, got []float64, want map[string]float64) {
	t.Helper()
	for i, name := range names {
		if w, ok := want[name]; ok && !near(got[i], w, 1e-9*math.Max(1, math.Abs(w))) {
			t.Errorf("%s = %.15g, want %.15g", name, got[i], w)
		}
	}
}

func TestGroupMatchesScipy(t *testing.T) {
	codes := []int{0, 1, 2, 0, 1, 2, 0, 0, 2, 2, 1, 0, 3, 3}
	y := []float64{1.0, 2.0, 3.5, 1.5, 2.0, 5.0, 0.5, 1.0, 4.0, 3.5, 2.5, 2.0, 7.0, 7.5}
	dst := make([]float64, len(GroupNames()))
	Group(codes, 5, y, dst) // code 4 is empty: ignored
	// scipy f_oneway, kruskal; numpy var; the winner's gini_coefficient.
	checkNamed(t, GroupNames(), dst, map[string]float64{
		"anova_f": 62.89693235784877, "anova_p": 8.556529036722084e-07,
		"kruskal_h": 11.727988121752038, "kruskal_p": 0.008375489539703506,
		"group_var_max": 0.375, "group_var_mean": 0.22083333333333335,
		"homogeneity_max": 0.3125, "homogeneity_mean": 0.2071527777777778,
		"homogeneity_min": 0.1111111111111111, "homogeneity_std": 0.08996921091149482,
	})
}

func TestCatCatMatchesSklearn(t *testing.T) {
	a := []int{0, 0, 1, 1, 2, 2, 2, 0, 1, 2, 0, 1, 1, 2, 0, 0}
	b := []int{1, 1, 0, 0, 2, 2, 0, 1, 0, 2, 1, 0, 2, 2, 1, 3}
	dst := make([]float64, len(CatCatNames()))
	CatCat(a, 3, b, 4, dst)
	// sklearn.metrics scores; scipy chi2_contingency(correction=False).
	checkNamed(t, CatCatNames(), dst, map[string]float64{
		"mutual_info": 0.7820287112965805, "normalized_mi": 0.6631518164844018,
		"adjusted_mi": 0.5784148529985274, "adjusted_rand": 0.5578947368421052,
		"homogeneity": 0.7143248413868438, "completeness": 0.6188205571648212,
		"v_measure":  0.6631518164844018,
		"chi_square": 21.76, "chi_square_p": 0.001338274619980448,
		"cramers_v": 0.824621125123532,
	})
}

func TestShapiroWilkMatchesScipy(t *testing.T) {
	// scipy.stats.shapiro (single-precision swilk, hence the tolerance).
	long := make([]float64, 3000)
	for i := range long {
		long[i] = float64((i*7919)%1000)/10 + float64((i%7)*(i%7))
	}
	for _, c := range []struct {
		x    []float64
		w, p float64
	}{
		{refX, 0.9218736290931702, 0.3018144965171814},
		{refX[:3], 0.7500000596046448, 0},
		{refX[:5], 0.9140781760215759, 0.4924813508987427},
		{refX[:8], 0.9369717240333557, 0.5815522074699402},
		{long, 0.9821314811706543, 5.290542249348947e-19},
	} {
		s := append([]float64(nil), c.x...)
		SortFloats(s)
		w, p := ShapiroWilk(s)
		if !near(w, c.w, 2e-6) || !near(p, c.p, 2e-3*c.p+1e-6) {
			t.Errorf("n=%d: W, p = %v, %v; want %v, %v", len(s), w, p, c.w, c.p)
		}
	}
	if w, p := ShapiroWilk([]float64{2, 2, 2, 2}); !math.IsNaN(w) || !math.IsNaN(p) {
		t.Errorf("constant: %v, %v", w, p)
	}
}
