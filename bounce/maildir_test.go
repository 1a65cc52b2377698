package bounce

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// maildir makes a Maildir holding the named testdata samples in new/, each
// under its own name with a ".eml" suffix dropped.
func maildir(t *testing.T, extra map[string]string, samples ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"new", "cur", "tmp"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range samples {
		src, err := os.ReadFile(filepath.Join("testdata", s))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "new", strings.TrimSuffix(s, ".eml")), src, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for name, content := range extra {
		if err := os.WriteFile(filepath.Join(dir, "new", name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestReadMaildir(t *testing.T) {
	dir := maildir(t, map[string]string{"zz-broken": "not a message", ".hidden": "x"},
		"gmail_dsn.eml", "ooo_en.eml", "arf_complaint.eml")
	got := map[string]Kind{}
	var failed []string
	err := ReadMaildir(dir, func(name string, r Report, err error) error {
		if err != nil {
			failed = append(failed, name+": "+err.Error())
			return nil
		}
		got[name] = r.Kind
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Kind{"gmail_dsn": Hard, "ooo_en": AutoReply, "arf_complaint": Complaint}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("handled %v, want %v", got, want)
	}
	if len(failed) != 1 || !strings.HasPrefix(failed[0], "zz-broken: malformed message") {
		t.Errorf("failed %q", failed)
	}
	if n := names(t, filepath.Join(dir, "new")); !slices.Equal(n, []string{".hidden"}) {
		t.Errorf("new/ holds %q", n)
	}
	cur := names(t, filepath.Join(dir, "cur"))
	if wantCur := []string{"arf_complaint:2,S", "gmail_dsn:2,S", "ooo_en:2,S", "zz-broken:2,FS"}; !slices.Equal(cur, wantCur) {
		t.Errorf("cur/ holds %q, want %q", cur, wantCur)
	}
	// A second run finds nothing new.
	if err := ReadMaildir(dir, func(name string, _ Report, _ error) error {
		t.Errorf("%s handled twice", name)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// When the handler fails, the message goes back to new/ and the run stops, so
// the next run retries it.
func TestReadMaildirHandlerError(t *testing.T) {
	dir := maildir(t, nil, "exim_text.eml", "qmail_text.eml")
	boom := errors.New("database is down")
	calls := 0
	err := ReadMaildir(dir, func(name string, r Report, err error) error {
		calls++
		return boom
	})
	if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "exim_text: ") || calls != 1 {
		t.Fatalf("error %v after %d calls", err, calls)
	}
	if n := names(t, filepath.Join(dir, "new")); !slices.Equal(n, []string{"exim_text", "qmail_text"}) {
		t.Errorf("new/ holds %q", n)
	}
	if n := names(t, filepath.Join(dir, "cur")); len(n) != 0 {
		t.Errorf("cur/ holds %q", n)
	}
	var handled []string
	if err := ReadMaildir(dir, func(name string, r Report, err error) error {
		handled = append(handled, name)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(handled, []string{"exim_text", "qmail_text"}) {
		t.Errorf("handled %q on retry", handled)
	}
}

func TestReadMaildirNotAMaildir(t *testing.T) {
	err := ReadMaildir(t.TempDir(), func(string, Report, error) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "is not a Maildir") {
		t.Errorf("error %v", err)
	}
}

// Two readers at once (two cron runs overlapping) handle every message exactly
// once between them.
func TestReadMaildirConcurrentReaders(t *testing.T) {
	extra := map[string]string{}
	src, err := os.ReadFile(filepath.Join("testdata", "postfix_user_unknown.eml"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 60 {
		extra[fmt.Sprintf("1764238503.M%03dP1.mx", i)] = string(src)
	}
	dir := maildir(t, extra)
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	errc := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			errc <- ReadMaildir(dir, func(name string, r Report, err error) error {
				if err != nil || r.Kind != Hard {
					return fmt.Errorf("%s: %v %v", name, r.Kind, err)
				}
				mu.Lock()
				seen[name]++
				mu.Unlock()
				return nil
			})
		})
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(seen) != 60 {
		t.Errorf("%d messages handled, want 60", len(seen))
	}
	for name, n := range seen {
		if n != 1 {
			t.Errorf("%s handled %d times", name, n)
		}
	}
	if n := names(t, filepath.Join(dir, "cur")); len(n) != 60 {
		t.Errorf("cur/ holds %d messages", len(n))
	}
}
