package admin_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"b2x/web/browsertest"
)

// A sales manager signs in, makes a deal of a tender, logs a meeting, confirms
// the follow-up the back office proposes, moves the deal to proposal, and the
// dashboard counts it there.
func TestBrowserManagerWorksATender(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	b := browsertest.New(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	b.Run("open the back office", chromedp.Navigate(f.srv.URL+"/admin/tenders"), chromedp.WaitVisible(css(`input[name="email"]`)))
	b.Run("sign in",
		chromedp.SendKeys(css(`input[name="email"]`), "manager@example.com"),
		chromedp.SendKeys(css(`input[name="password"]`), password),
		chromedp.Click(css(`main form button[type="submit"]`)),
		chromedp.WaitVisible(css(`a[href="/admin/tenders/`+f.tender.ID+`"]`)))
	b.Run("open the tender", chromedp.Click(css(`a[href="/admin/tenders/`+f.tender.ID+`"]`)), chromedp.WaitVisible(css("form#create-deal")))
	b.Run("create the deal",
		chromedp.SendKeys(css(`form#create-deal input[name="amount"]`), "12000"),
		chromedp.Click(css(`form#create-deal button`)),
		chromedp.WaitVisible(css("form#log-activity")))
	if stage := b.Text("stage of the new deal", "#deal-stage"); stage != "Lead" {
		t.Fatalf("new deal's stage = %q, want lead", stage)
	}
	b.Run("log a meeting",
		chromedp.SetValue(css(`form#log-activity select[name="kind"]`), "meeting"),
		chromedp.SendKeys(css(`form#log-activity input[name="subject"]`), "Site visit in Hamburg"),
		chromedp.Click(css(`form#log-activity input[name="done"]`)),
		chromedp.Click(css(`form#log-activity button`)),
		chromedp.WaitVisible(css("#follow-up")))
	proposal := b.Text("proposed follow-up", "#follow-up")
	if !strings.Contains(proposal, "Site visit in Hamburg") {
		t.Fatalf("proposal %q does not follow up the meeting", proposal)
	}
	b.Run("confirm the follow-up", chromedp.Click(css(`#follow-up button`)), chromedp.WaitNotPresent(css("#follow-up")))
	if acts := b.Text("activities", "#activities"); strings.Count(acts, "Site visit in Hamburg") != 2 {
		t.Fatalf("activities after confirming: %q, want the meeting and its follow-up", acts)
	}
	b.Run("move to proposal",
		chromedp.SetValue(css(`main form.move select[name="to"]`), "proposal"),
		chromedp.Click(css(`main form.move button`)),
		chromedp.WaitVisible(css(`#deal-stage[data-stage="proposal"]`)))
	if stage := b.Text("stage after the move", "#deal-stage"); stage != "Proposal" {
		t.Fatalf("stage after the move = %q, want proposal", stage)
	}
	if hist := b.Text("history", "ol.history"); !strings.Contains(hist, "lead → proposal") {
		t.Fatalf("history %q lacks the move", hist)
	}
	b.Run("open the dashboard", chromedp.Navigate(f.srv.URL+"/admin/"), chromedp.WaitVisible(css("#pipeline-summary")))
	if row := b.Text("proposal row", `#pipeline-summary tr[data-stage="proposal"]`); !strings.Contains(row, "1") || !strings.Contains(row, "12,000.00") {
		t.Fatalf("dashboard's proposal row = %q, want 1 deal of €12,000.00", row)
	}

	b.Run("open the board", chromedp.Navigate(f.srv.URL+"/admin/pipeline"), chromedp.WaitVisible(css("#stage-proposal .card")))
	if display := browsertest.Eval[string](b, "move forms hidden with JavaScript",
		`getComputedStyle(document.querySelector("#stage-proposal form.move")).display`); display != "none" {
		t.Fatalf("with JavaScript the card's move form shows (display %q)", display)
	}
	// Chromium's headless drag is synthetic either way: the events admin.js
	// listens to are dispatched as a mouse drag would.
	browsertest.Eval[bool](b, "drag the card to negotiation", `(() => {
			const card = document.querySelector("#stage-proposal .card"), col = document.querySelector("#stage-negotiation");
			const dt = new DataTransfer();
			card.dispatchEvent(new DragEvent("dragstart", {dataTransfer: dt, bubbles: true}));
			col.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
			col.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
			return true;
		})()`)
	b.Run("wait for the moved card", chromedp.WaitVisible(css("#stage-negotiation .card")))
	if got := b.Text("negotiation column", "#stage-negotiation"); !strings.Contains(got, "Shelving for 12 stores") {
		t.Fatalf("negotiation column after the drag: %q", got)
	}
}
