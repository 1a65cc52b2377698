package staff

import (
	"os"
	"strings"
	"testing"
)

// TestMatrixDocumented keeps the role × permission matrix in ARCHITECTURE.md equal
// to the one Can applies.
func TestMatrixDocumented(t *testing.T) {
	b, err := os.ReadFile("../ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "| `") || strings.Count(line, "|") != len(Roles)+2 {
			continue
		}
		cells := strings.Split(line, "|")
		name := strings.Trim(strings.TrimSpace(cells[1]), "`")
		var marks []string
		for _, c := range cells[2 : len(cells)-1] {
			marks = append(marks, strings.TrimSpace(c))
		}
		doc[name] = strings.Join(marks, ",")
	}
	for _, p := range Permissions {
		var want []string
		for _, r := range Roles {
			if Can(r, p) {
				want = append(want, "✓")
			} else {
				want = append(want, "")
			}
		}
		got, ok := doc[string(p)]
		switch {
		case !ok:
			t.Errorf("%s is not in ARCHITECTURE.md's matrix", p)
		case got != strings.Join(want, ","):
			t.Errorf("%s: ARCHITECTURE.md says %q, the code %q (roles in the order %v)", p, got, strings.Join(want, ","), Roles)
		}
		delete(doc, string(p))
	}
	for name := range doc {
		t.Errorf("ARCHITECTURE.md lists %s, which is not a permission", name)
	}
}
