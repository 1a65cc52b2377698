package spamd

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// realSpamd returns a client of the spamd that .ci/run starts (B2X_TEST_SPAMD,
// host:port). Without it the test is skipped on a developer's machine and fails
// in CI, where the real scan is what the issue asks to show.
func realSpamd(t *testing.T) Client {
	t.Helper()
	addr := os.Getenv("B2X_TEST_SPAMD")
	if addr == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("B2X_TEST_SPAMD is not set; .ci/run starts spamd and sets it")
		}
		t.Skip("B2X_TEST_SPAMD is not set (host:port of a running spamd)")
	}
	return Client{Addr: addr, Timeout: 2 * time.Minute}
}

func readLetter(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A real SpamAssassin scores a spammy letter above a plain B2B one, and its
// REPORT, SYMBOLS and CHECK answers agree.
func TestRealSpamd(t *testing.T) {
	c := realSpamd(t)
	ctx := context.Background()
	if err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	spam, err := c.Check(ctx, readLetter(t, "spam.eml"))
	if err != nil {
		t.Fatal(err)
	}
	clean, err := c.Check(ctx, readLetter(t, "clean_b2b.eml"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("spam: %.1f/%.1f %d rules; clean: %.1f/%.1f %v", spam.Score, spam.Threshold, len(spam.Rules), clean.Score, clean.Threshold, clean.Rules)
	if !spam.Spam || spam.Score < spam.Threshold || spam.Score <= clean.Score+3 {
		t.Errorf("the spammy letter scored %.1f (spam %v), the clean one %.1f", spam.Score, spam.Spam, clean.Score)
	}
	if clean.Spam || clean.Score >= clean.Threshold {
		t.Errorf("the clean B2B letter is spam: %+v", clean)
	}
	if spam.Threshold <= 0 {
		t.Errorf("threshold %v", spam.Threshold)
	}
	// The table's scores are printed with one decimal, so their sum is the score
	// give or take 0.05 per rule.
	sum := 0.0
	for _, r := range spam.Rules {
		if r.Description == "" {
			t.Errorf("rule %s has no description", r.Name)
		}
		sum += r.Score
	}
	if math.Abs(sum-spam.Score) > 0.05*float64(len(spam.Rules))+0.05 {
		t.Errorf("rules add up to %.2f, the score is %.1f: %+v", sum, spam.Score, spam.Rules)
	}
	sym, err := c.Symbols(ctx, readLetter(t, "spam.eml"))
	if err != nil {
		t.Fatal(err)
	}
	var fromReport, fromSymbols []string
	for _, r := range spam.Rules {
		fromReport = append(fromReport, r.Name)
	}
	for _, r := range sym.Rules {
		fromSymbols = append(fromSymbols, r.Name)
	}
	slices.Sort(fromReport)
	slices.Sort(fromSymbols)
	if !slices.Equal(fromReport, fromSymbols) || sym.Score != spam.Score {
		t.Errorf("REPORT %v %.1f, SYMBOLS %v %.1f", fromReport, spam.Score, fromSymbols, sym.Score)
	}
	score, err := c.Score(ctx, readLetter(t, "spam.eml"))
	if err != nil || score.Score != spam.Score || !score.Spam {
		t.Errorf("CHECK %+v %v", score, err)
	}
}
