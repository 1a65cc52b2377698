package locale

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// keyedCalls are the errs functions that take a catalog key and its English
// text: errs.EKey(code, key, english, …), errs.FieldKey(field, key, english,
// …) and Fields.AddKey(field, key, english, …). The key is argument 1 and the
// English argument 2 in each.
var keyedCalls = map[string]bool{"EKey": true, "FieldKey": true, "AddKey": true}

// TestErrorKeysAreTranslated reads every non-test Go file of the module and
// finds each translatable error message the code can emit. Its key must be a
// literal (so this scan sees them all), exist in every catalog, and its
// English text must be the en catalog's, so the API's English and a page's
// say the same.
func TestErrorKeysAreTranslated(t *testing.T) {
	root := filepath.Join("..")
	fset := token.NewFileSet()
	found := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n != ".." && (strings.HasPrefix(n, ".") || n == "testdata" || n == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.HasPrefix(path, filepath.Join("..", "errs")+string(filepath.Separator)) {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !keyedCalls[sel.Sel.Name] || len(call.Args) < 3 {
				return true
			}
			pos := fset.Position(call.Pos())
			key, kok := stringLit(call.Args[1])
			english, eok := stringLit(call.Args[2])
			if !kok || !eok {
				t.Errorf("%s: %s takes its key and English text as string literals", pos, sel.Sel.Name)
				return true
			}
			found++
			for _, l := range supported {
				e, ok := catalogs[l.Code][key]
				switch {
				case !ok:
					t.Errorf("%s: key %q is missing in %s", pos, key, l.Code)
				case e.plural():
					t.Errorf("%s: key %q is a plural key", pos, key)
				case l.Code == "en" && e.text != english:
					t.Errorf("%s: %q in the code is %q, in the en catalog %q", pos, key, english, e.text)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 50 {
		t.Errorf("found %d translatable messages; the scan is missing files", found)
	}
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}
