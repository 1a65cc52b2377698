package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"b2x/campaign"
)

// campaignCmd runs "b2x campaign ARGS…" in-process, with an env built as run()
// builds it, and returns what it printed and its exit status.
func campaignCmd(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, log: slog.New(slog.NewTextHandler(&errb, nil))}
	err := cmdCampaign(context.Background(), e, args)
	if err != nil {
		code = exitCode(err)
		errb.WriteString("b2x: " + err.Error() + "\n")
	}
	return out.String(), errb.String(), code
}

// campaignFile copies a letter of campaign/testdata into a temporary directory.
func campaignFile(t *testing.T, name string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "campaign", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, src, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const acmeConfigJSON = `{
  "sender": {
    "organization": "Acme Bricks",
    "representative": "Anna Petrova",
    "address": "12 Brick Street, London EC1A 1BB",
    "phones": ["+44 20 7946 0958"],
    "emails": ["anna@acme-bricks.example"],
    "messengers": ["https://t.me/acmebricks"]
  },
  "allowed_hosts": ["acme-bricks.example"],
  "stock_phrases": {"en": ["fired clay bricks"]}
}`

func campaignConfig(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "campaign.json")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCLICampaignLintGoodLetter(t *testing.T) {
	path := campaignFile(t, "good_en.md")
	out, errOut, code := campaignCmd(t, "", "lint", path, "--config", campaignConfig(t, strings.Replace(acmeConfigJSON, `"fired clay bricks"`, `"synergy"`, 1)))
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	want := path + ": 0 errors, 0 warnings, 0 notes — ready to send"
	if !strings.HasPrefix(strings.TrimSpace(out), want) {
		t.Errorf("output %q, want %q", out, want)
	}
	// without a config the letter still passes, with notes on what was not checked
	out, _, code = campaignCmd(t, "", "lint", path)
	if code != 0 || !strings.Contains(out, "INFO opening body: opening: no sender organisation configured") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

func TestCLICampaignLintBadLetter(t *testing.T) {
	cfg := campaignConfig(t, acmeConfigJSON)
	for _, name := range []string{"bad.md", "bad.eml"} {
		out, errOut, code := campaignCmd(t, "", "lint", campaignFile(t, name), "--config", cfg)
		if code != 1 {
			t.Fatalf("%s: exit %d, want 1\n%s%s", name, code, out, errOut)
		}
		for _, want := range []string{
			`ERROR stock-phrase subject: stock phrase "special offer just for you" (en); say plainly what is offered (S13: drop stock phrases`,
			"ERROR subject-caps subject: ",
			"ERROR unsubscribe body: no unsubscribe link",
			"ERROR link-hosts link javascript:alert(1): a javascript: URL",
			"not ready to send",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: no %q in\n%s", name, want, out)
			}
		}
		if !strings.Contains(errOut, "must not be sent") {
			t.Errorf("%s: stderr %q", name, errOut)
		}
	}
	// an extra stock phrase from the config is found in the good letter
	out, _, code := campaignCmd(t, "", "lint", campaignFile(t, "good_en.md"), "--config", cfg)
	if code != 0 || !strings.Contains(out, `WARNING stock-phrase body: paragraph 1: stock phrase "fired clay bricks"`) {
		t.Errorf("exit %d\n%s", code, out)
	}
}

func TestCLICampaignLintEMLAndJSON(t *testing.T) {
	cfg := campaignConfig(t, `{"sender":{"organization":"Кирпичный двор","representative":"Анна Петрова","address":"Москва, ул. Кирпичная, д. 12, офис 3","messengers":["https://wa.me/74951234567"]},"allowed_hosts":["kirpich.example"]}`)
	// an .eml under another extension is recognised by its headers
	src, err := os.ReadFile(campaignFile(t, "good_ru.eml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "letter")
	if err := os.WriteFile(path, src, 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := campaignCmd(t, "", "lint", "--json", path, "--config", cfg)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	var got struct {
		Subject  string
		Ready    bool
		Errors   int
		Findings []campaign.Finding
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got.Subject != "Доставка кирпича на объект за 48 часов" || !got.Ready || got.Errors != 0 || got.Findings == nil {
		t.Errorf("%+v", got)
	}

	out, _, code = campaignCmd(t, "", "lint", campaignFile(t, "bad.eml"), "--json")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Ready || got.Errors == 0 || got.Findings[0].Why == "" {
		t.Errorf("%+v", got)
	}
}

func TestCLICampaignLintStdin(t *testing.T) {
	out, _, code := campaignCmd(t, "Subject: Brick prices\n\nOnly with us!", "lint", "-")
	if code != 1 || !strings.Contains(out, `WARNING stock-phrase body: paragraph 1: stock phrase "only with us"`) {
		t.Errorf("exit %d\n%s", code, out)
	}
}

func TestCLICampaignLintBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, content []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, content, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := campaignFile(t, "good_en.md")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no subcommand", nil, "usage: b2x campaign lint"},
		{"other subcommand", []string{"send", good}, "usage: b2x campaign lint"},
		{"no file", []string{"lint"}, "usage: b2x campaign lint"},
		{"two files", []string{"lint", good, good}, "usage: b2x campaign lint"},
		{"unknown flag", []string{"lint", good, "--fast"}, "flag provided but not defined"},
		{"missing file", []string{"lint", filepath.Join(dir, "nope.md")}, "cannot read the draft"},
		{"directory", []string{"lint", dir}, "is a directory"},
		{"not utf-8", []string{"lint", write("latin1.md", []byte("Subject: Caf\xe9\n\nbody"))}, "not valid UTF-8"},
		{"too big", []string{"lint", write("big.md", append([]byte("Subject: big\n\n"), bytes.Repeat([]byte("word "), 220000)...))}, "larger than 1 MiB"},
		{"no subject", []string{"lint", write("nosubject.md", []byte("Hello\n\nbody"))}, `starts with a line "Subject: …"`},
		{"malformed eml", []string{"lint", write("broken.eml", []byte("Subject: x\r\nContent-Type: multipart/mixed\r\n\r\nbody"))}, "without a boundary"},
		{"missing config", []string{"lint", good, "--config", filepath.Join(dir, "nope.json")}, "cannot read the config"},
		{"bad config", []string{"lint", good, "--config", write("bad.json", []byte(`{"sender":{"name":"x"}}`))}, `unknown field "name"`},
		{"bad host in config", []string{"lint", good, "--config", write("host.json", []byte(`{"allowed_hosts":["https://a.example/"]}`))}, "allowed_hosts[0]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := campaignCmd(t, "", c.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2\n%s%s", code, out, errOut)
			}
			if !strings.Contains(errOut, c.want) {
				t.Errorf("stderr %q, want %q", errOut, c.want)
			}
		})
	}
}

func TestCLICampaignExitStatusSentinel(t *testing.T) {
	// main maps the error of a blocked campaign to 1, whatever wraps it
	if exitCode(fmt.Errorf("x.md: 2 errors: %w", errCampaignBlocked)) != 1 {
		t.Error("a blocked campaign must exit 1")
	}
}
