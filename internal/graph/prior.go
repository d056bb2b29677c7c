package graph

import "github.com/causal-tool/causal/internal/prior"

// Prior adapts the user's prior knowledge to Constraints (nil knowledge
// constrains nothing).
func Prior(k *prior.Knowledge) Constraints { return knowledge{k} }

type knowledge struct{ k *prior.Knowledge }

func (k knowledge) Allowed(cause, effect string) bool {
	ok, _ := k.k.Allowed(cause, effect)
	return ok
}

func (k knowledge) Required(cause, effect string) bool {
	return k.k != nil && k.k.Required[prior.Edge{Cause: cause, Effect: effect}]
}
