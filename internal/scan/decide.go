package scan

import "github.com/causal-tool/causal/internal/prior"

// The directions a scan names.
const (
	AToB      = "A->B"
	BToA      = "B->A"
	None      = "none"
	Uncertain = "uncertain"
)

// DirectionRule is how scan turns a score (and its interval) into a
// direction.
const DirectionRule = `Direction: without --bootstrap, A->B when score > --threshold, B->A when
score < -threshold, none otherwise. With --bootstrap B (B half-samples of
the rows, each pair rescored on each): A->B when the 90 % interval
[low, high] of the resample scores lies above zero and median > threshold,
B->A when it lies below zero and median < -threshold, none when it lies
within [-threshold, threshold], uncertain otherwise. Prior knowledge then acts on the
direction, never on the score: a pair it forbids both ways is none; a pair
it allows one way only gets that way unless the data said none (a required
edge gets its way always); the prior column says what it did.`

// Data returns the direction the data alone names for a result.
func Data(r Result, threshold float64) string {
	s := r.Score
	if r.Interval != nil {
		iv := r.Interval
		switch {
		case iv.Low > 0 && iv.Median > threshold:
			return AToB
		case iv.High < 0 && iv.Median < -threshold:
			return BToA
		case iv.Low >= -threshold && iv.High <= threshold:
			return None
		}
		return Uncertain
	}
	switch {
	case s > threshold:
		return AToB
	case s < -threshold:
		return BToA
	}
	return None
}

// Decide sets the Direction and Prior of each scored result from its
// score, its interval and the prior knowledge (nil: none).
func Decide(rs []Result, threshold float64, k *prior.Knowledge) {
	for i := range rs {
		r := &rs[i]
		r.Direction, r.Prior = Data(*r, threshold), ""
		v, why, required := k.Judge(r.A, r.B)
		want := ""
		switch v {
		case prior.Either:
			continue
		case prior.Neither:
			want = None
		case prior.OnlyAB:
			want = AToB
		case prior.OnlyBA:
			want = BToA
		}
		if r.Direction == None && !required && v != prior.Neither {
			r.Prior = "allows " + want + " only: " + why
			continue
		}
		if r.Direction == want {
			r.Prior = "agrees: " + why
			continue
		}
		r.Prior = "was " + r.Direction + ": " + why
		r.Direction = want
	}
}
