// Package gbdt trains gradient-boosted decision trees with histogram-based,
// leaf-wise growth in the style of LightGBM, natively in Go.
//
// Typical use:
//
//	ds, err := gbdt.NewDataset(x, rows, cols, gbdt.DatasetOptions{Names: names}) // x: row-major float32, NaN = missing
//	vs, err := ds.BinLike(vx, vrows)                                             // validation set, same bins
//	p := gbdt.DefaultParams()
//	p.Objective, p.NumIterations, p.EarlyStopping = "binary", 500, 50
//	p.Metric = func(raw []float64) float64 { ... }             // optional, higher is better
//	model, hist, err := gbdt.Train(p, ds, y, vs, vy, func(pr gbdt.Progress) { ... })
//	model.PredictRaw(row, out)                                 // raw scores, NumClass values
//
// Semantics shared with LightGBM's text model format:
//   - Trees use LightGBM's node numbering (see Tree). Every split has
//     MissingNaN = true: NaN goes to DefaultLeft, learnt per split; other
//     values go left iff x <= Threshold.
//   - Thresholds are bin upper bounds: finite float64 values halfway between
//     two consecutive distinct float32 training values (±math.MaxFloat64
//     next to ±Inf). Routing a raw value therefore equals routing its bin,
//     so in-memory prediction on raw rows reproduces training exactly.
//   - Leaf values include the learning rate; the boost-from-average initial
//     score is added to the leaves (and internal values) of the first
//     iteration's trees, so a raw score is the plain sum of leaf values.
//   - Multiclass trees are iteration-major (tree i*NumClass+k is class k).
//
// Determinism: the model depends only on the data, the parameters and
// Params.Seed, never on Params.Cores. Work is split over features; every
// histogram sum runs over rows in a fixed order.
//
// Parallelism: histogram construction and split finding are spread over
// Params.Cores goroutines by feature blocks. Histograms of large leaves
// are kept so that the larger child of a split comes from subtraction;
// small leaves rebuild their children from rows.
package gbdt
