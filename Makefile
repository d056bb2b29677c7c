# causal — build, test, demo and benchmarks. `make help` lists the targets.
GO      ?= go
BIN     := bin/causal
CORES   ?= $(shell nproc 2>/dev/null || echo 2)
DEMO    := out/demo
FUZZTIME ?= 5000x

.PHONY: help build install test fuzz lint demo demo-train model bench bench-parse bench-generate bench-featurize bench-train bench-quality bench-corpus-regimes bench-select-top bench-generalization score-candidate bench-in-distribution bench-generalization-corpus bench-classical bench-realpairs model-stack bench-adapt bench-scan bench-graph bench-predict costs distributed clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

build: ## build bin/causal
	$(GO) build -o $(BIN) ./cmd/causal

install: ## go install the causal binary
	$(GO) install ./cmd/causal

test: ## unit and CLI tests, and a brief run of every fuzz target (make lint vets)
	$(GO) test -count=1 -vet=off ./...
	$(MAKE) --no-print-directory fuzz

# FUZZTIME is an execution count: a wall-clock -fuzztime races Go's fuzz
# coordinator at the deadline and fails with a bare "context deadline exceeded"
# on a loaded machine (golang/go#51484), with no failing input behind it.
fuzz: ## run each fuzz target FUZZTIME times (longer by hand: make fuzz FUZZTIME=5m)
	@for target in $$(grep -rhoE '^func Fuzz[A-Za-z0-9_]+' --include='*_test.go' . | sed 's/func //' | sort -u); do \
	  pkg=$$(grep -rlE "^func $$target\(" --include='*_test.go' . | head -1 | xargs dirname); \
	  echo "fuzz $$pkg $$target"; \
	  $(GO) test -run='^$$' -fuzz="^$$target$$" -fuzztime=$(FUZZTIME) $$pkg > .fuzz.log 2>&1 || { cat .fuzz.log; rm -f .fuzz.log; exit 1; }; \
	done; rm -f .fuzz.log

lint: ## gofmt and go vet
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt needed"; exit 1; }
	$(GO) vet ./...

demo: build ## generate a 12-column table with known causes -> scan it with the built-in model -> evaluate against the true edges
	@mkdir -p $(DEMO)
	$(BIN) generate --table --columns 12 --rows 2000 --seed 1 -o $(DEMO)/ex
	$(BIN) scan $(DEMO)/ex_table.csv -o $(DEMO)/ex_scores.csv --plot $(DEMO)/ex_plots
	head -n 11 $(DEMO)/ex_scores.csv
	$(BIN) evaluate --edges $(DEMO)/ex_edges.csv $(DEMO)/ex_scores.csv

demo-train: build ## generate -> featurize -> train -> predict -> evaluate on a small corpus
	@mkdir -p $(DEMO)
	$(BIN) generate --n 400 --seed 1 --min-points 200 --max-points 600 -o $(DEMO)/train
	$(BIN) generate --n 200 --seed 2 --min-points 200 --max-points 600 -o $(DEMO)/test
	$(BIN) featurize $(DEMO)/train_pairs.csv --info $(DEMO)/train_publicinfo.csv -o $(DEMO)/train.features
	$(BIN) train $(DEMO)/train.features --target $(DEMO)/train_target.csv --rounds 150 --learning-rate 0.1 \
	  --num-leaves 15 --feature-fraction 0.05 --bagging-fraction 0.8 --bagging-freq 1 --select-top 500 -o $(DEMO)/model.txt
	$(BIN) predict $(DEMO)/test_pairs.csv --info $(DEMO)/test_publicinfo.csv --model $(DEMO)/model.txt -o $(DEMO)/predictions.csv
	$(BIN) evaluate $(DEMO)/predictions.csv --target $(DEMO)/test_target.csv --info $(DEMO)/test_publicinfo.csv

model: build ## build the embedded default model from the six-source corpus v6 (37,800 pairs; ~95 min on 2 cores), then rebuild and regenerate the golden predictions
	$(BIN) lab make-model --cache out/model -o out/model/model.txt
	gzip -9 -n -c out/model/model.txt > internal/defaultmodel/data/model.txt.gz
	$(GO) build -o $(BIN) ./cmd/causal
	$(BIN) predict testdata/golden_pairs.csv --info testdata/golden_publicinfo.csv -o testdata/golden_predictions.csv

bench-quality: build ## quality vs the published methods on generated pairs, Tübingen and the SIM simulators (causal lab quality; retrains on make-model's corpus cached in CORPUS=out/model; NTEST=1000, NSIM=250 pairs per simulator, MODEL=embedded, TUEB)
	$(BIN) lab quality --cache $(or $(CORPUS),out/model) $(if $(NTEST),--ntest $(NTEST)) $(if $(NSIM),--nsim $(NSIM)) $(if $(MODEL),--model $(MODEL)) $(if $(TUEB),--tuebingen $(TUEB))

bench-corpus-regimes: build ## classical methods' AUC on each generator regime (cause families, SIM simulators; causal lab regimes; N=400 pairs each, METHODS="a b")
	$(BIN) lab regimes $(if $(N),--n $(N)) $(if $(METHODS),--methods $(subst $(space),$(comma),$(strip $(METHODS))))

bench-select-top: build ## --select-top K trade-off: features, training time, quality, predict time (causal lab select-top; make-model's corpus cached in CORPUS=out/model; KS="300 1000 2000 all", NTEST=1000, MODEL=embedded, TUEB)
	$(BIN) lab select-top --cache $(or $(CORPUS),out/model) $(if $(KS),--k $(subst $(space),$(comma),$(strip $(KS)))) $(if $(NTEST),--ntest $(NTEST)) $(if $(MODEL),--model $(MODEL)) $(if $(TUEB),--tuebingen $(TUEB))

# The protocol's corpus at SIZE=small (default) or SIZE=full, and SIZE=full's test sets.
LOSO_SIZE = $(if $(filter full,$(SIZE)),--per-source 4000 --tune-per-source 1000 --max-points 8000,--per-source 400 --tune-per-source 200 --max-points 1000) --corpus-seed 5000
TEST_SIZE = $(if $(filter full,$(SIZE)),--test-per-source 1000 --test-max-points 8000)
LOSO_OUT = out/bench-generalization/$(or $(SIZE),small)
LOSO_MD = $(if $(ADAPT)$(ADAPTBY),adapt-$(if $(ADAPTBY),sources,pairs),generalization).md
comma := ,
empty :=
space := $(empty) $(empty)

bench-generalization: build ## leave-one-source-out protocol (causal lab loso): held-out AUC per source (SIZE=small: minutes; SIZE=full for BENCHMARKS.md); ADAPT=1 / ADAPTBY=1: the held-out model adapted to the source's pairs / by source against it (lab adapt-bench)
	@mkdir -p $(LOSO_OUT) && $(BIN) lab $(if $(ADAPT)$(ADAPTBY),adapt-bench --method $(if $(ADAPTBY),sources,pairs),loso) $(LOSO_SIZE) --cache $(LOSO_OUT) > $(LOSO_OUT)/$(LOSO_MD) && cat $(LOSO_OUT)/$(LOSO_MD)

score-candidate: build ## candidate default models on the protocol's six test sets, with the replacement rule (causal lab candidates; MODELS="v3= v6=out/model6/model.txt", an empty path is the embedded model; SIZE=full: 1,000 pairs per source)
	$(BIN) lab candidates $(TEST_SIZE) $(or $(MODELS),embedded=)

bench-in-distribution: build ## full plan vs the runner-up's measures, trained on N=4000 pairs of each source of make-model's corpus (cached in CORPUS=out/model) and tested on that source's test set (causal lab in-distribution)
	$(BIN) lab in-distribution --cache $(or $(CORPUS),out/model) --n $(or $(N),4000) $(TEST_SIZE)

bench-generalization-corpus: build ## leave-one-source-out at N=2000 pairs per source of make-model's corpus (CORPUS=out/model), and the source ablation (causal lab ablation; SIZE=full: 1,000 test pairs per source)
	$(BIN) lab ablation --cache $(or $(CORPUS),out/model) --n $(or $(N),2000) $(TEST_SIZE)

bench-adapt: build ## causal adapt against its unadapted control, leave one source out (causal lab adapt-bench; N=2400 pairs each; HELD="cdt rcc"; ~80 min for all six)
	$(BIN) lab adapt-bench --method draw --cache out/bench-adapt --n $(or $(N),2400) --probe $(or $(PROBE),60) $(if $(HELD),--held $(subst $(space),$(comma),$(strip $(HELD))))

bench-realpairs: build ## the real-collection table: every classical method, the trees, the second stage (nested leave one data set out, INNER=10 grouped inner folds) and the stage fitted on the whole collection (out/realpairs/stack.json); GEN=1 adds the generated proxy of BENCHMARKS.md's rule (causal lab realpairs)
	$(BIN) lab realpairs $(if $(REAL),--dir $(REAL)) --inner-folds $(or $(INNER),10) $(if $(filter 1,$(GEN)),--gen) -o out/realpairs/stack.json

model-stack: build ## fit the built-in model's second stage on the real collection (make bench-realpairs's stack.json) and embed it; regenerates the golden predictions
	$(BIN) lab realpairs -o out/realpairs/stack.json > /dev/null
	cp out/realpairs/stack.json internal/defaultmodel/data/stack.json
	$(GO) build -o $(BIN) ./cmd/causal
	$(BIN) predict testdata/golden_pairs.csv --info testdata/golden_publicinfo.csv -o testdata/golden_predictions.csv

bench-classical: build ## each classical direction method alone on Tübingen and the SIM simulators: bidirectional AUC, accuracy, time (causal lab classical; METHODS, SIMMETHODS="a b", NSIM=100, SIM=0 skips the SIM table; times on 1 core)
	$(BIN) lab classical --cores 1 $(if $(TUEB),--tuebingen $(TUEB)) $(if $(filter 0,$(SIM)),--sim=false) $(if $(NSIM),--nsim $(NSIM)) $(if $(METHODS),--methods $(subst $(space),$(comma),$(strip $(METHODS)))) $(if $(SIMMETHODS),--sim-methods $(subst $(space),$(comma),$(strip $(SIMMETHODS))))

bench: bench-parse bench-generate bench-featurize bench-predict bench-train ## every performance benchmark

bench-parse: build ## parse throughput and peak RSS on a 1 GB pairs file
	bash scripts/bench-parse.sh

bench-generate: build ## generation speed: pairs/s for 4,000 pairs
	bash scripts/bench-generate.sh

bench-featurize: build ## featurize 1,000 generated pairs: pairs/s, features/s, RSS, per-family times
	bash scripts/bench-featurize.sh

bench-predict: build ## predict raw pairs with the embedded model vs featurize them: CPU-s/pair, ratio (target >= 3x); MODELS=... TESTSETS=... for the trade-off table
	bash scripts/bench-predict.sh

bench-scan: build ## scan vs predict on the 780 pairs of a 40 x 2,000 table: pairs/s, CPU s/pair, identical scores (NCOL, NROW, CORES to resize)
	bash scripts/bench-scan.sh

bench-graph: build ## causal graph vs PC, GES, DirectLiNGAM and the naive scan graph on generated mixed-type tables with missing cells: SHD, orientation accuracy, CPU (BENCHMARKS.md)
	bash scripts/bench-graph.sh

bench-train: build ## training time vs XGBoost hist, AUC of both, prediction throughput
	bash scripts/bench-train.sh

COSTS_OUT ?= featurizers/plan/costs.tsv
costs: build ## measure each feature unit's CPU cost on 60 generated pairs -> COSTS_OUT (default featurizers/plan/costs.tsv, the table --select-cost reads), then print the ms per pair by family (COSTS_BEFORE=old.tsv: side by side)
	mkdir -p out/costs
	$(BIN) generate -q --n 60 --seed 4242 --min-points 100 --max-points 8000 --class-weights 1,1,1,1 -o out/costs/cal
	$(BIN) features costs out/costs/cal_pairs.csv --info out/costs/cal_publicinfo.csv -o $(COSTS_OUT) $(if $(COSTS_BEFORE),--before $(COSTS_BEFORE))

distributed: build ## LightGBM data-parallel training (2 processes on 127.0.0.1) on exported features, served by causal predict (needs LIGHTGBM=path to its CLI)
	bash scripts/distributed-lightgbm.sh

clean: ## remove build and demo outputs
	rm -rf bin out
