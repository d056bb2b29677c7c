package layering

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// A rule restricts what the packages it applies to (from) may import of
// the module and of other modules.
type rule struct {
	why string
	// external rules are about other modules' packages (full paths), the
	// others about the module's own (module-relative paths).
	external bool
	from     func(pkg string) bool
	// allowed reports whether pkg may import imp (both module-relative
	// paths, or full paths for other modules).
	allowed func(pkg, imp string) bool
}

func under(prefix string) func(string) bool {
	return func(p string) bool { return p == prefix || strings.HasPrefix(p, prefix+"/") }
}

func is(name string) func(string) bool { return func(p string) bool { return p == name } }

func anyOf(fs ...func(string) bool) func(string) bool {
	return func(p string) bool {
		for _, f := range fs {
			if f(p) {
				return true
			}
		}
		return false
	}
}

func all(string) bool { return true }

// external reports whether an import path is another module's (its first
// element is a domain name).
func external(imp string) bool { return strings.Contains(strings.Split(imp, "/")[0], ".") }

var rules = []rule{
	{"the featurizers depend only on pairs (and each other)", false, under("featurizers"),
		func(_, imp string) bool { return anyOf(under("featurizers"), is("pairs"))(imp) }},
	{"pairs depends on nothing of ours", false, is("pairs"), func(_, _ string) bool { return false }},
	{"the trees depend on nothing of ours", false, is("internal/gbdt"), func(_, _ string) bool { return false }},
	{"the worker pool depends on nothing of ours", false, is("internal/workpool"), func(_, _ string) bool { return false }},
	{"the model file depends only on the trees", false, is("internal/lgbm"),
		func(_, imp string) bool { return imp == "internal/gbdt" }},
	{"sample weights sit below pairmodel: no corpus, generator or model", false, is("internal/adapt"),
		func(_, imp string) bool {
			return !anyOf(is("internal/pairmodel"), is("internal/generate"), is("internal/corpus"), is("internal/protocol"))(imp)
		}},
	{"the corpus is at the top of internal: only the protocol, commands and scripts import it", false, all,
		func(pkg, imp string) bool {
			return imp != "internal/corpus" || anyOf(under("cmd"), under("scripts"), is("internal/protocol"))(pkg)
		}},
	{"the protocol is at the top of internal: only commands and scripts import it", false, all,
		func(pkg, imp string) bool {
			return imp != "internal/protocol" || anyOf(under("cmd"), under("scripts"))(pkg)
		}},
	{"nothing imports a command", false, all, func(_, imp string) bool { return !under("cmd")(imp) }},
	{"only commands take cobra's commands and flags", true, all,
		func(pkg, imp string) bool { return !strings.HasPrefix(imp, "github.com/spf13/") || under("cmd")(pkg) }},
}

// imports lists every package of the module with its non-test imports, as
// module-relative paths for the module's own packages.
func imports(t *testing.T) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, Module+"/...")
	cmd.Dir = "../.."
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	rel := func(p string) string {
		if p == Module {
			return "."
		}
		return strings.TrimPrefix(p, Module+"/")
	}
	got := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		var imps []string
		for _, imp := range f[1:] {
			switch {
			case strings.HasPrefix(imp, Module+"/"):
				imps = append(imps, rel(imp))
			case external(imp):
				imps = append(imps, imp) // another module's
			}
		}
		got[rel(f[0])] = imps
	}
	return got
}

// TestImportRules checks every import of the module against the rules.
func TestImportRules(t *testing.T) {
	pkgs := imports(t)
	for _, must := range []string{"pairs", "featurizers/plan", "internal/gbdt", "internal/lgbm", "cmd/causal"} {
		if _, ok := pkgs[must]; !ok {
			t.Fatalf("go list did not list %s: %v", must, pkgs)
		}
	}
	for pkg, imps := range pkgs {
		for _, r := range rules {
			if !r.from(pkg) {
				continue
			}
			for _, imp := range imps {
				if r.external == external(imp) && !r.allowed(pkg, imp) {
					t.Errorf("%s imports %s: %s", pkg, imp, r.why)
				}
			}
		}
	}
}

// TestRulesBite checks that each rule rejects an import it is meant to
// reject, so that a rule cannot pass by matching nothing.
func TestRulesBite(t *testing.T) {
	bad := [][2]string{
		{"featurizers/plan", "internal/featio"},
		{"pairs", "featurizers/stats"},
		{"internal/gbdt", "internal/lgbm"},
		{"internal/workpool", "pairs"},
		{"internal/lgbm", "pairs"},
		{"internal/adapt", "internal/generate"},
		{"internal/pairmodel", "internal/corpus"},
		{"internal/corpus", "internal/protocol"},
		{"internal/scan", "cmd/causal"},
		{"internal/scan", "github.com/spf13/cobra"},
	}
	for _, b := range bad {
		rejected := false
		for _, r := range rules {
			if r.from(b[0]) && r.external == external(b[1]) && !r.allowed(b[0], b[1]) {
				rejected = true
			}
		}
		if !rejected {
			t.Errorf("no rule rejects %s importing %s", b[0], b[1])
		}
	}
}
