package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/causal-tool/causal/internal/generate"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
)

// generateFlags holds the raw flag values of `causal generate`.
type generateFlags struct {
	out, idPrefix              string
	mechanisms, causes, noises string
	classWeights, typeMix      string
	simulator                  string
	meta                       bool
	cfg                        generate.Config
	table                      tableFlags
}

func init() { register(newGenerateCmd) }

func newGenerateCmd(g *globalOptions) *cobra.Command {
	def := generate.DefaultConfig()
	f := &generateFlags{cfg: def}
	cmd := &cobra.Command{
		Use:   "generate -o PREFIX",
		Short: "Generate synthetic cause-effect pairs in the challenge format",
		Long:  generateLong(),
		Example: `  causal generate --n 4000 --seed 1 -o train
  causal generate --n 1000 --start 1000 --seed 1 -o shard2 --id-prefix train
  causal generate --n 500 --mechanisms linear,gp-add --type-mix NN=1 -o linear
  causal generate --table --columns 12 --rows 2000 -o ex   # ex_table.csv and its true edges ex_edges.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkTableFlags(cmd, &f.table); err != nil {
				return err
			}
			if f.table.on {
				return runGenerateTable(cmd, g, f)
			}
			if err := f.simulatorDefaults(cmd); err != nil {
				return fmt.Errorf("generate: %w", err)
			}
			return runGenerate(cmd, g, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.out, "output", "o", "", "output PREFIX: writes PREFIX_pairs.csv, PREFIX_publicinfo.csv, PREFIX_target.csv (required)")
	fl.StringVar(&f.idPrefix, "id-prefix", "", "SampleID prefix, IDs are PREFIX1, PREFIX2, ... (default: the base name of -o)")
	fl.IntVar(&f.cfg.N, "n", def.N, "number of pairs to generate")
	fl.IntVar(&f.cfg.Start, "start", def.Start, "index of the first pair (0-based; for shards: pair i is the same in every run)")
	fl.IntVar(&f.cfg.MinPoints, "min-points", def.MinPoints, "smallest sample size (sizes are log2-uniform in [min, max])")
	fl.IntVar(&f.cfg.MaxPoints, "max-points", def.MaxPoints, "largest sample size")
	fl.StringVar(&f.mechanisms, "mechanisms", "all", "comma-separated mechanism families (see above; cdt and anlsmn have their own), or all")
	fl.StringVar(&f.causes, "causes", "all", "comma-separated cause distribution families (see above), or all; name=weight sets a family's relative probability (default 1), e.g. gmm=3,uniform=3,all")
	fl.StringVar(&f.noises, "noises", "all", "comma-separated noise distribution families (see above), or all")
	fl.Float64Var(&f.cfg.NoiseMin, "noise-min", def.NoiseMin, "smallest noise level (noise sd relative to the standardized signal)")
	fl.Float64Var(&f.cfg.NoiseMax, "noise-max", def.NoiseMax, "largest noise level (levels are uniform in [min, max])")
	fl.IntVar(&f.cfg.MaxComponents, "max-components", def.MaxComponents, "largest number of Gaussian mixture components of a gmm cause (1..N)")
	fl.Float64Var(&f.cfg.CoarseFraction, "coarse-fraction", def.CoarseFraction, "probability that a Numerical variable is recorded coarsely (rounded to 1/2..1/50 of its sd)")
	fl.IntVar(&f.cfg.MinLevels, "min-levels", def.MinLevels, "fewest levels a Categorical variable is cut into (>= 3)")
	fl.IntVar(&f.cfg.MaxLevels, "max-levels", def.MaxLevels, "most levels a Categorical variable is cut into")
	fl.StringVar(&f.classWeights, "class-weights", "1,1,1,1", "relative proportions of Details 1 (A->B), 2 (B->A), 3 (confounded), 4 (independent)")
	fl.BoolVar(&f.meta, "meta", false, "also write PREFIX_meta.csv: each pair's simulator, cause and mechanism families (for evaluate --meta)")
	fl.StringVar(&f.simulator, "simulator", generate.SimChallenge, "how pairs are drawn: "+strings.Join(generate.SimulatorNames(), ", ")+" (see above)")
	fl.StringVar(&f.typeMix, "type-mix", generate.DefaultTypeMix, "relative weights of the type combinations XY (A type, B type; N=Numerical, C=Categorical, B=Binary); unlisted ones get 0")
	addTableFlags(fl, &f.table)
	return cmd
}

func generateLong() string {
	indent := func(lines []string) string { return "  " + strings.Join(lines, "\n  ") }
	return `Generate synthetic cause-effect pairs in the challenge format, made the way
the 2013 challenge's organisers made their artificial pairs.

Each pair has a class (Details): 1 A->B, 2 B->A (an A->B pair with its
columns swapped), 3 confounded (A <- Z -> B, hidden Z, each side its own
mechanism) or 4 independent (columns drawn like the other classes' but from
independent causes). A cause is drawn from a random cause family, then the
effect from a random mechanism with noise of a random family and level.
Categorical and Binary variables are quantized at random quantiles (3..10
levels, labels permuted); a cause is quantized before its mechanism, an
effect after it. A share of Numerical variables (--coarse-fraction) is
recorded at a coarse precision, causes and effects alike. Numerical variables
are standardized, multiplied by 10,000 and rounded. Sample sizes are log2-uniform in [--min-points, --max-points].

--simulator draws pairs the way a published generator drew its pairs
instead (below): Mooij et al.'s SIM suites, the Causal Discovery Toolbox's,
RCC's and NCC's training pairs, Tagasovska et al.'s ANLSMN. The cause-family,
noise-family, noise-level and mixture flags do not apply to them;
--mechanisms applies to cdt (linear, polynomial, sigmoid_add, sigmoid_mix,
gp_add, gp_mix, nn) and anlsmn (an, an-s, ls, ls-s, mn-u), one family drawn
per pair. As in their papers, --type-mix then defaults to NN=1,
--class-weights to 1,1,0,0 and --coarse-fraction to 0; set them to draw
the challenge's classes and types (a confounded pair is then two effects of
one hidden cause, a Categorical or Binary variable a quantized measurement).
Their sample sizes come from --min-points/--max-points too (the papers used
1000 points a pair, CDT 500).

--simulator semireal draws each cause (or hidden cause) from a real
variable's recorded values: one of over 300 variables of public data sets
shipped in Debian packages (internal/generate/marginals/SOURCES.md; none
from a data set any Tübingen pair comes from). Effects come from the
challenge's mechanisms (--mechanisms, --noises, --noise-min/max apply) or
the other simulators' (SIM, CDT, RCC, NCC, ANLSMN), recorded at the resolution of another real variable (so ties do not
tell the cause). A pair has at most as many points as its real cause has
values (50 to 2,000). Its defaults are SIM's (NN=1, 1,1,0,0, no coarse
recording); --meta names each cause's data set.

Simulators (--simulator):
` + indent(generate.SimulatorDocs()) + `

Pair i depends only on --seed and i, so the output is byte-identical for any
--cores, and --start/--n shards concatenate to one big run.

Cause families (--causes):
` + indent(generate.CauseDocs()) + `

Mechanism families (--mechanisms):
` + indent(generate.MechanismDocs()) + `

Noise families (--noises):
` + indent(generate.NoiseDocs())
}

// simulatorDefaults applies the other simulators' defaults to the flags
// the user left alone, and refuses the flags that do not apply to them.
func (f *generateFlags) simulatorDefaults(cmd *cobra.Command) error {
	f.simulator = strings.ToLower(f.simulator) // SIM-c as the paper writes it
	if f.simulator == generate.SimChallenge {
		return nil
	}
	fl := cmd.Flags()
	refused := []string{"causes", "noises", "noise-min", "noise-max", "max-components"}
	if f.simulator == generate.SimSemireal { // its challenge mechanisms take the family and noise flags
		refused = []string{"causes", "max-components"}
	}
	if generate.MechanismNamesFor(f.simulator) == nil {
		refused = append(refused, "mechanisms")
	}
	for _, name := range refused {
		if fl.Changed(name) {
			return fmt.Errorf("--%s does not apply to --simulator %s", name, f.simulator)
		}
	}
	if !fl.Changed("type-mix") {
		f.typeMix = "NN=1"
	}
	if !fl.Changed("class-weights") {
		f.classWeights = "1,1,0,0"
	}
	if !fl.Changed("coarse-fraction") {
		f.cfg.CoarseFraction = 0
	}
	return nil
}

// config resolves the list flags into the generator configuration.
func (f *generateFlags) config(seed int64) (generate.Config, error) {
	c := f.cfg
	c.Seed = uint64(seed)
	c.Mechanisms = generate.ParseList(f.mechanisms, generate.MechanismNamesFor(f.simulator))
	var err error
	if c.Causes, c.CauseWeights, err = generate.ParseWeightedList(f.causes, generate.CauseNames()); err != nil {
		return c, fmt.Errorf("--causes: %w", err)
	}
	c.Noises = generate.ParseList(f.noises, generate.NoiseNames())
	if c.ClassWeights, err = generate.ParseClassWeights(f.classWeights); err != nil {
		return c, fmt.Errorf("--class-weights: %w", err)
	}
	if c.TypeMix, err = generate.ParseTypeMix(f.typeMix); err != nil {
		return c, fmt.Errorf("--type-mix: %w", err)
	}
	c.Simulator = f.simulator
	c.IDPrefix = f.idPrefix
	if c.IDPrefix == "" {
		c.IDPrefix = filepath.Base(f.out)
	}
	return c, nil
}

func runGenerate(cmd *cobra.Command, g *globalOptions, f *generateFlags) error {
	if f.out == "" {
		return fmt.Errorf("generate: -o PREFIX is required")
	}
	if strings.ContainsAny(f.idPrefix, ", \t\r\n\"") {
		return fmt.Errorf("generate: --id-prefix %q must not contain commas, spaces or quotes", f.idPrefix)
	}
	cfg, err := f.config(g.Seed)
	if err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	gen, err := generate.New(cfg)
	if err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	start := time.Now()
	n, points, err := writeGenerated(cmd.Context(), gen, f.out, f.meta, g.Cores, g.progressOut(cmd))
	if err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	if !g.Quiet {
		secs := time.Since(start).Seconds()
		fmt.Fprintf(cmd.ErrOrStderr(), "generated %d pairs (%d points) in %.2fs (%.0f pairs/s): %s_pairs.csv, %s_publicinfo.csv, %s_target.csv\n",
			n, points, secs, float64(n)/secs, f.out, f.out, f.out)
	}
	return nil
}

// writeGenerated writes the challenge files of gen's pairs, all or
// nothing, and returns the number of pairs and points written.
func writeGenerated(ctx context.Context, gen *generate.Generator, prefix string, withMeta bool, cores int, progress io.Writer) (n, points int, err error) {
	w, err := pairio.CreateSet(prefix, pairio.SetOptions{Target: true, Meta: withMeta})
	if err != nil {
		return 0, 0, err
	}
	defer w.Abort()
	var bar *progressbar.ProgressBar
	if progress != nil {
		bar = newPairsBar(progress, "generate", int64(gen.Config().N))
	}
	sim := gen.Config().Simulator
	if sim == "" {
		sim = generate.SimChallenge
	}
	err = gen.Run(cores, func(s generate.Sample) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		points += len(s.Pair.A)
		if bar != nil {
			bar.Add(1)
		}
		return w.Write(s.Pair, s.Target, pairs.Meta{ID: s.Pair.ID, Simulator: sim, Causes: s.Causes, Mechanisms: s.Mechanisms})
	})
	if err != nil {
		return 0, 0, err
	}
	if bar != nil {
		bar.Finish()
	}
	n = w.Len()
	return n, points, w.Commit()
}
