// Command unit-costs measures the CPU cost of every computation unit of the
// default feature plan (plan.MeasureUnitCosts) on a pairs file and writes
// the cost table that cost-aware selection reads (causal train
// --select-cost): `make costs` runs it on generated calibration pairs and
// writes featurizers/plan/costs.tsv.
package main

import (
	"errors"
	"flag"
	"io"
	"log"
	"os"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

func main() {
	pairsPath := flag.String("pairs", "", "pairs file")
	infoPath := flag.String("info", "", "publicinfo file")
	out := flag.String("o", "", "cost table to write")
	flag.Parse()
	if *pairsPath == "" || *infoPath == "" || *out == "" {
		log.Fatal("usage: unit-costs -pairs P -info I -o costs.tsv")
	}
	info, err := pairio.ReadPublicInfo(*infoPath)
	if err != nil {
		log.Fatal(err)
	}
	r, err := pairio.OpenPairs(*pairsPath, pairio.Options{Info: info})
	if err != nil {
		log.Fatal(err)
	}
	var ps []pairs.Pair
	for {
		p, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		ps = append(ps, p)
	}
	r.Close()
	costs := plan.Default().MeasureUnitCosts(ps)
	if err := os.WriteFile(*out, plan.WriteUnitCosts(costs), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d units measured on %d pairs -> %s", len(costs), len(ps), *out)
}
