package api

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// operationKeys are the keys of an OpenAPI path item that hold operations.
var operationKeys = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

func loadOpenAPI(t *testing.T) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	return doc
}

func objectAt(t *testing.T, v any, where string) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s: not a JSON object", where)
	}
	return m
}

// TestOpenAPICoversRoutes checks that openapi.json describes exactly the route
// table: every route has an operation, every operation is a route, and the
// operation's security matches the route's access.
func TestOpenAPICoversRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.1") {
		t.Errorf("openapi = %q, want 3.1.x", v)
	}
	paths := objectAt(t, doc["paths"], "paths")

	routes := (&Server{}).routes()
	inTable := map[string]bool{}
	for _, rt := range routes {
		method := strings.ToLower(rt.Method)
		inTable[method+" "+rt.Pattern] = true
		item, ok := paths[rt.Pattern].(map[string]any)
		if !ok {
			t.Errorf("%s %s: path missing from openapi.json", rt.Method, rt.Pattern)
			continue
		}
		o, ok := item[method].(map[string]any)
		if !ok {
			t.Errorf("%s %s: operation missing from openapi.json", rt.Method, rt.Pattern)
			continue
		}
		sec, ok := o["security"].([]any)
		switch {
		case !ok:
			t.Errorf("%s %s: no security list; want [] for public routes, bearerAuth for staff ones", rt.Method, rt.Pattern)
		case rt.Access == public && len(sec) != 0:
			t.Errorf("%s %s: public route, want security: []", rt.Method, rt.Pattern)
		case rt.Access != public && !requiresBearer(sec):
			t.Errorf("%s %s: route needs a token, want security: [{bearerAuth: []}]", rt.Method, rt.Pattern)
		}
		if rt.Method == http.MethodPost || rt.Method == http.MethodPut || rt.Method == http.MethodPatch {
			if _, ok := o["requestBody"]; !ok {
				t.Errorf("%s %s: no requestBody", rt.Method, rt.Pattern)
			}
		}
	}

	for path, v := range paths {
		item := objectAt(t, v, "paths."+path)
		for key := range item {
			if !slices.Contains(operationKeys, key) {
				continue
			}
			if !inTable[key+" "+path] {
				t.Errorf("openapi.json describes %s %s, which is not in the route table", strings.ToUpper(key), path)
			}
		}
	}
}

// requiresBearer reports whether every alternative of an operation's security
// requirement needs the bearer scheme (an empty alternative would make it optional).
func requiresBearer(sec []any) bool {
	if len(sec) == 0 {
		return false
	}
	for _, alt := range sec {
		m, _ := alt.(map[string]any)
		if _, ok := m["bearerAuth"]; !ok {
			return false
		}
	}
	return true
}

var pathParam = regexp.MustCompile(`\{([^}]+)\}`)

// TestOpenAPIIsValidJSONSchemaShape checks the document hangs together: every $ref
// resolves inside components, every path parameter is declared (and every declared
// one is in the path), and operationIds are unique.
func TestOpenAPIIsValidJSONSchemaShape(t *testing.T) {
	doc := loadOpenAPI(t)

	var refs []string
	collectRefs(doc, &refs)
	if len(refs) == 0 {
		t.Error("no $ref in the document; the shared components are not used")
	}
	for _, ref := range refs {
		if !strings.HasPrefix(ref, "#/components/") {
			t.Errorf("$ref %q does not point into #/components/", ref)
			continue
		}
		if _, ok := resolvePointer(doc, ref); !ok {
			t.Errorf("$ref %q does not resolve", ref)
		}
	}

	components, _ := doc["components"].(map[string]any)
	if sec, _ := components["securitySchemes"].(map[string]any); sec["bearerAuth"] == nil {
		t.Error("components.securitySchemes.bearerAuth is missing")
	}

	ids := map[string]string{}
	paths := objectAt(t, doc["paths"], "paths")
	for path, v := range paths {
		item := objectAt(t, v, "paths."+path)
		var want []string
		for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
			name := strings.TrimSuffix(m[1], "...")
			if name != "$" {
				want = append(want, name)
			}
		}
		for _, method := range operationKeys {
			ov, ok := item[method]
			if !ok {
				continue
			}
			o := objectAt(t, ov, method+" "+path)
			where := strings.ToUpper(method) + " " + path

			id, _ := o["operationId"].(string)
			switch {
			case id == "":
				t.Errorf("%s: no operationId", where)
			case ids[id] != "":
				t.Errorf("%s: operationId %q is also used by %s", where, id, ids[id])
			default:
				ids[id] = where
			}

			// Operation parameters override path-item ones with the same name and location.
			declared := map[string]map[string]any{}
			for _, list := range []any{item["parameters"], o["parameters"]} {
				ps, _ := list.([]any)
				for i, pv := range ps {
					p := pv
					if m, ok := pv.(map[string]any); ok {
						if ref, ok := m["$ref"].(string); ok {
							if p, ok = resolvePointer(doc, ref); !ok {
								continue // reported above
							}
						}
					}
					pm, ok := p.(map[string]any)
					if !ok {
						t.Errorf("%s: parameter %d is not an object", where, i)
						continue
					}
					name, _ := pm["name"].(string)
					in, _ := pm["in"].(string)
					if name == "" || in == "" {
						t.Errorf("%s: parameter %d lacks name or in", where, i)
						continue
					}
					if _, ok := pm["schema"]; !ok {
						t.Errorf("%s: parameter %s has no schema", where, name)
					}
					declared[in+":"+name] = pm
				}
			}
			for _, name := range want {
				p, ok := declared["path:"+name]
				if !ok {
					t.Errorf("%s: path parameter {%s} is not declared with in: path", where, name)
					continue
				}
				if req, _ := p["required"].(bool); !req {
					t.Errorf("%s: path parameter {%s} is not required: true", where, name)
				}
			}
			for key := range declared {
				if name, ok := strings.CutPrefix(key, "path:"); ok && !slices.Contains(want, name) {
					t.Errorf("%s: declares path parameter %q that is not in the path", where, name)
				}
			}

			rs, ok := o["responses"].(map[string]any)
			if !ok || len(rs) == 0 {
				t.Errorf("%s: no responses", where)
			}
		}
	}
}

// collectRefs gathers the value of every "$ref" key in v.
func collectRefs(v any, refs *[]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "$ref" {
				*refs = append(*refs, s)
				continue
			}
			collectRefs(x, refs)
		}
	case []any:
		for _, x := range v {
			collectRefs(x, refs)
		}
	}
}

// resolvePointer follows a local JSON pointer ("#/a/b") through doc.
func resolvePointer(doc map[string]any, ref string) (any, bool) {
	ptr, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, false
	}
	var cur any = doc
	for _, tok := range strings.Split(ptr, "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[tok]; !ok {
			return nil, false
		}
	}
	return cur, true
}
