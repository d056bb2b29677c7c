package pairio

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

var (
	errNotFinite = errors.New("NaN or infinite value")
	errNotNumber = errors.New("not a number")
)

// isDecimal reports whether s is [+-] (digits [. digits] | . digits)
// [(e|E) [+-] digits], with ASCII digits only.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	mant := digits()
	if i < len(s) && s[i] == '.' {
		i++
		mant += digits()
	}
	if mant == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// isNaNOrInf reports whether s spells NaN or an infinity (any case, with an
// optional sign), to name it as such in the error.
func isNaNOrInf(s string) bool {
	s = strings.ToLower(strings.TrimLeft(s, "+-"))
	return s == "nan" || s == "inf" || s == "infinity"
}

// pow10 holds the exactly representable powers of ten used by the fast path.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseNumber parses one token. Plain decimals with at most 15 significant
// digits take an exact fast path (the mantissa and the power of ten are both
// exact doubles, so one correctly rounded division or multiplication gives
// the same result as strconv); everything else goes through strconv.
//
// Only the syntax README documents is a number: an optional sign, digits
// with an optional decimal point (or a point and digits), and an optional
// exponent. Go-only forms that strconv also takes (hex floats 0x1p-2,
// underscores 1_000, inf, nan) are refused; NaN and infinity spellings get
// their own error, errNotFinite, as does a value beyond the float64 range.
func parseNumber(tok string) (float64, error) {
	if v, ok := fastParse(tok); ok {
		return v, nil
	}
	if !isDecimal(tok) {
		if isNaNOrInf(tok) {
			return 0, errNotFinite
		}
		return 0, errNotNumber
	}
	v, err := strconv.ParseFloat(tok, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
			return 0, errNotFinite
		}
		return 0, err
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, errNotFinite
	}
	return v, nil
}

func fastParse(s string) (float64, bool) {
	i, neg := 0, false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	var mant uint64
	digits, frac, sawDot, sawDigit := 0, 0, false, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			sawDigit = true
			if mant == 0 && c == '0' {
				if sawDot {
					frac++
				}
				continue
			}
			if digits >= 15 {
				return 0, false
			}
			mant = mant*10 + uint64(c-'0')
			digits++
			if sawDot {
				frac++
			}
		case c == '.' && !sawDot:
			sawDot = true
		default:
			return 0, false
		}
	}
	if !sawDigit || frac >= len(pow10) {
		return 0, false
	}
	v := float64(mant) / pow10[frac]
	if neg {
		v = -v
	}
	return v, true
}

// appendNumber formats v in the shortest form that reads back exactly;
// integral values below 2^53 are written as plain integers (never 1e+06).
func appendNumber(b []byte, v float64) []byte {
	if v == math.Trunc(v) && math.Abs(v) < 1<<53 && !(v == 0 && math.Signbit(v)) {
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}
