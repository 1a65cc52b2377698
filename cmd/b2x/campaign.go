package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"b2x/campaign"
	"b2x/errs"
)

const campaignUsage = "usage: b2x campaign lint FILE.md|FILE.eml|- [--config CONFIG.json] [--json] [--spamd HOST:PORT]"

// maxDraftBytes is the largest draft campaign lint reads.
const maxDraftBytes = 1 << 20

// errCampaignBlocked is returned when the check found errors: the letter must not
// be sent. It is not an input error, so b2x exits with status 1.
var errCampaignBlocked = errors.New("the letter must not be sent until its errors are fixed (S13)")

// cmdCampaign runs "b2x campaign lint FILE": the pre-send quality check of an
// email campaign (S13). FILE is an .eml message, or Markdown whose first lines are
// "Subject: …" and optionally "Preheader: …", then a blank line and the body; "-"
// reads standard input. Each finding is printed as "SEVERITY rule where: message
// (why)", then a summary. With --spamd (or $B2X_SPAMD) the letter is also scored
// by SpamAssassin's spamd and its score and rule hits are printed beside the
// findings; they are advice and never change the exit status. Exit status: 1
// when there are errors, 0 otherwise, 2 for usage errors and drafts or configs
// that cannot be read.
func cmdCampaign(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "lint" {
		return fmt.Errorf("%s: %w", campaignUsage, errUsage)
	}
	fs := flag.NewFlagSet("b2x campaign lint", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	configPath := fs.String("config", "", "JSON file with the sender (organization, representative, address, phones, emails, messengers), allowed_hosts, extra stock_phrases by language and limits")
	asJSON := fs.Bool("json", false, "print the findings as JSON")
	spamdAddr := fs.String("spamd", os.Getenv("B2X_SPAMD"), "HOST:PORT of a SpamAssassin spamd (default $B2X_SPAMD): show its score and rule hits beside the findings; they never change the exit status, which our own errors decide")
	rest, err := transferArgs(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%v; %s: %w", err, campaignUsage, errUsage)
	}
	if len(rest) != 1 {
		return fmt.Errorf("%s: %w", campaignUsage, errUsage)
	}
	path := rest[0]

	cfg := campaign.DefaultConfig()
	if *configPath != "" {
		if cfg, err = loadCampaignConfig(*configPath); err != nil {
			return err
		}
	}
	src, err := readDraft(e, path)
	if err != nil {
		return err
	}
	var d campaign.Draft
	eml := isEML(path, src)
	if eml {
		d, err = campaign.ParseEML(bytes.NewReader(src))
	} else {
		d, err = campaign.ParseMarkdown(src)
	}
	if err != nil {
		return errs.E(errs.Invalid, "%s cannot be checked: %v", path, err)
	}

	findings := campaign.Lint(d, cfg)
	nErr, nWarn, nInfo := campaign.Count(findings)
	var spam *spamReport
	if *spamdAddr != "" {
		spam = scoreDraft(ctx, *spamdAddr, src, eml, d, cfg.Sender)
	}
	if *asJSON {
		if findings == nil {
			findings = []campaign.Finding{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(struct {
			File     string             `json:"file"`
			Subject  string             `json:"subject"`
			Ready    bool               `json:"ready"`
			Errors   int                `json:"errors"`
			Warnings int                `json:"warnings"`
			Infos    int                `json:"infos"`
			Findings []campaign.Finding `json:"findings"`
			Spam     *spamReport        `json:"spamassassin,omitempty"`
		}{path, d.Subject, nErr == 0, nErr, nWarn, nInfo, findings, spam}); err != nil {
			return err
		}
	} else {
		w := bufio.NewWriter(e.stdout)
		for _, f := range findings {
			fmt.Fprintf(w, "%s %s %s: %s (%s)\n", strings.ToUpper(string(f.Severity)), f.Rule, f.Where, f.Message, f.Why)
		}
		if spam != nil {
			spam.print(w)
		}
		verdict := "ready to send; S13: first send it to yourself and a few colleagues and ask their opinion"
		if nErr > 0 {
			verdict = "not ready to send"
		}
		fmt.Fprintf(w, "%s: %s, %s, %s — %s\n", path, plural(nErr, "error"), plural(nWarn, "warning"), plural(nInfo, "note"), verdict)
		if err := w.Flush(); err != nil {
			return err
		}
	}
	if nErr > 0 {
		return fmt.Errorf("%s: %s: %w", path, plural(nErr, "error"), errCampaignBlocked)
	}
	return nil
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// readDraft reads the draft file (or stdin for "-"), at most maxDraftBytes.
func readDraft(e *env, path string) ([]byte, error) {
	var r io.Reader
	if path == "-" {
		r = e.stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, errs.E(errs.Invalid, "cannot read the draft: %v", unwrapPathError(err))
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return nil, errs.E(errs.Invalid, "%s is a directory, not a draft", path)
		}
		r = f
	}
	src, err := io.ReadAll(io.LimitReader(r, maxDraftBytes+1))
	if err != nil {
		return nil, errs.E(errs.Invalid, "cannot read %s: %v", path, err)
	}
	if len(src) > maxDraftBytes {
		return nil, errs.E(errs.Invalid, "%s is larger than 1 MiB; a campaign letter is much smaller", path)
	}
	return src, nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// isEML tells an .eml message from a Markdown draft: by the file's extension, else
// by its header lines (a Markdown draft has only Subject and Preheader).
func isEML(path string, src []byte) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".eml", ".msg", ".mime":
		return true
	case ".md", ".markdown", ".txt":
		return false
	}
	s := strings.TrimPrefix(string(src), "\uFEFF")
	for line := range strings.Lines(s) {
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) == "" {
			return false
		}
		if line[0] == ' ' || line[0] == '\t' {
			return true // a folded header line
		}
		key, _, ok := strings.Cut(line, ":")
		if !ok || strings.ContainsAny(key, " \t") {
			return false
		}
		if k := strings.ToLower(key); k != "subject" && k != "preheader" {
			return true
		}
	}
	return false
}

// campaignConfigFile is the --config file: the sender's identity, the allowed
// hosts, stock phrases added to the built-in ones, and limits (0 keeps the default).
type campaignConfigFile struct {
	Sender       campaign.Sender     `json:"sender"`
	AllowedHosts []string            `json:"allowed_hosts"`
	StockPhrases map[string][]string `json:"stock_phrases"`

	MaxSubjectRunes  int `json:"max_subject_runes"`
	WarnSubjectRunes int `json:"warn_subject_runes"`
	MaxWords         int `json:"max_words"`
	OpeningWords     int `json:"opening_words"`
	MaxFontPx        int `json:"max_font_px"`
	MaxColours       int `json:"max_colours"`
	MinWordsPerImage int `json:"min_words_per_image"`
	FooterBlocks     int `json:"footer_blocks"`
}

func loadCampaignConfig(path string) (campaign.Config, error) {
	cfg := campaign.DefaultConfig()
	f, err := os.Open(path)
	if err != nil {
		return cfg, errs.E(errs.Invalid, "cannot read the config: %v", unwrapPathError(err))
	}
	defer f.Close()
	dec := json.NewDecoder(io.LimitReader(f, maxDraftBytes))
	dec.DisallowUnknownFields()
	var c campaignConfigFile
	if err := dec.Decode(&c); err != nil {
		return cfg, errs.E(errs.Invalid, "config %s: %v", path, err)
	}
	if dec.More() {
		return cfg, errs.E(errs.Invalid, "config %s: more than one JSON value", path)
	}
	var fields errs.Fields
	for name, v := range map[string]int{"max_subject_runes": c.MaxSubjectRunes, "warn_subject_runes": c.WarnSubjectRunes,
		"max_words": c.MaxWords, "opening_words": c.OpeningWords, "max_font_px": c.MaxFontPx, "max_colours": c.MaxColours,
		"min_words_per_image": c.MinWordsPerImage, "footer_blocks": c.FooterBlocks} {
		if v < 0 {
			fields.Add(name, "must not be negative")
		}
	}
	for i, h := range c.AllowedHosts {
		if h = strings.TrimSpace(h); h == "" || strings.ContainsAny(h, "/:@ ") {
			fields.Add(fmt.Sprintf("allowed_hosts[%d]", i), "a host name such as example.com, without scheme or path")
		}
	}
	if err := fields.Err(); err != nil {
		return cfg, err
	}
	cfg.Sender = c.Sender
	cfg.AllowedHosts = c.AllowedHosts
	for lang, ps := range c.StockPhrases {
		cfg.StockPhrases[lang] = append(cfg.StockPhrases[lang], ps...)
	}
	set := func(dst *int, v int) {
		if v > 0 {
			*dst = v
		}
	}
	set(&cfg.MaxSubjectRunes, c.MaxSubjectRunes)
	set(&cfg.WarnSubjectRunes, c.WarnSubjectRunes)
	set(&cfg.MaxWords, c.MaxWords)
	set(&cfg.OpeningWords, c.OpeningWords)
	set(&cfg.MaxFontPx, c.MaxFontPx)
	set(&cfg.MaxColours, c.MaxColours)
	set(&cfg.MinWordsPerImage, c.MinWordsPerImage)
	set(&cfg.FooterBlocks, c.FooterBlocks)
	return cfg, nil
}
