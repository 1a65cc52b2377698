// Package browsertest drives a real headless Chromium for the surfaces' browser
// tests: it finds the browser, starts it with flags that work as root on a closed
// network, and saves a screenshot of the page when a step fails.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is one Chromium with one tab, closed when the test ends.
type Browser struct {
	t   *testing.T
	ctx context.Context
}

// chromiumPath finds the browser: $B2X_CHROMIUM, else Debian's chromium.
func chromiumPath() string {
	if p := os.Getenv("B2X_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New starts Chromium for the test. Without a browser the test is skipped on a
// developer's machine and fails in CI, where .ci/run installs one.
func New(t *testing.T) *Browser {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no chromium found; .ci/run installs Debian's chromium")
		}
		t.Skip("no chromium on this machine (apt-get install chromium, or set B2X_CHROMIUM)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium %s: %v", path, err)
	}
	return &Browser{t: t, ctx: ctx}
}

// Run performs the steps, each within a deadline; on failure it saves a
// screenshot of the page and fails the test with the step's name.
func (b *Browser) Run(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.Fail(step, err)
	}
}

// Text returns the visible text of the first element the CSS selector matches.
func (b *Browser) Text(step, selector string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(selector)))
	if err != nil {
		b.Fail(step, err)
	}
	return s
}

// Eval evaluates a JavaScript expression in the page and returns its value.
func Eval[T any](b *Browser, step, expression string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expression))
	if err != nil {
		b.Fail(step, err)
	}
	return v
}

// Fail saves a screenshot and fails the test, naming the step.
func (b *Browser) Fail(step string, err error) {
	b.t.Helper()
	b.t.Fatalf("%s: %v (screenshot: %s)", step, err, b.screenshot(step))
}

// Context is the tab's context, for actions a test runs itself.
func (b *Browser) Context() context.Context { return b.ctx }

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// screenshot saves the whole page to $B2X_SCREENSHOTS (default: the temporary
// directory) and returns the file's path.
func (b *Browser) screenshot(step string) string {
	dir := os.Getenv("B2X_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "b2x-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "not saved: " + err.Error()
	}
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return "not saved: " + err.Error()
	}
	name := filepath.Join(dir, fmt.Sprintf("%s-%s-%d.png", unsafeName.ReplaceAllString(b.t.Name(), "_"),
		unsafeName.ReplaceAllString(step, "_"), time.Now().UnixNano()))
	if err := os.WriteFile(name, png, 0o644); err != nil {
		return "not saved: " + err.Error()
	}
	return name
}
