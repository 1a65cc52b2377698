package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"b2x/app"
	"b2x/campaign"
	"b2x/mail/mailtest"
	"b2x/store"
	"b2x/store/storetest"
)

// TestCampaignSurvivesSIGKILL sends a campaign to 10,000 recipients from a
// real b2x serve in a child process, kills it with SIGKILL five times in the
// middle of sending, unsubscribes recipients while it is down (up to 40 whose
// rows were being sent when it died, 40 still queued), and lets a sixth
// process finish. Then: every recipient still opted in got at least one copy;
// the copies each kill repeated are at most a batch's worth and all of one
// batch, a batch that a killed process was working (its generation moved on);
// nobody got a copy after unsubscribing; and the campaign was finished only
// with no row queued or sending. It runs on each engine of storetest (SQLite,
// and PostgreSQL when B2X_TEST_POSTGRES is set); the child and this test share
// the database.
func TestCampaignSurvivesSIGKILL(t *testing.T) {
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) { campaignSurvivesSIGKILL(t, storetest.DSN(t, e)) })
	}
}

func campaignSurvivesSIGKILL(t *testing.T, dsn string) {
	if testing.Short() {
		t.Skip("sends 10,000 letters through five crashes")
	}
	if raceDetector {
		// The child is this test binary; under the race detector its sends are
		// several times slower than the test's budget. .ci/run runs this test
		// again without -race.
		t.Skip("run without -race")
	}
	const n, batchSize, kills = 10_000, 100, 5
	ctx := context.Background()
	secret := "crash test secret 0123456789"
	db, err := store.Open(ctx, dsn)
	must(t, err)
	t.Cleanup(func() { db.Close() })
	must(t, db.Migrate(ctx))
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := app.New(db, app.WithLogger(quiet), app.WithCampaigns(app.CampaignConfig{Secret: []byte(secret), Internal: []string{"@b2x.test"},
		Lint: campaign.Config{Sender: crashSender}}))
	owner := app.Actor{UserID: "cli", Role: "admin"}

	_, err = a.CreateMailingList(ctx, owner, app.MailingListInput{Slug: "newsletter", Name: "Newsletter"})
	must(t, err)
	emails := make([]string, n)
	for i := range emails {
		emails[i] = fmt.Sprintf("r%05d@client.test", i)
	}
	_, err = a.ImportConsents(ctx, owner, "newsletter", emails, "import")
	must(t, err)
	src, err := os.ReadFile("../../campaign/testdata/good_en.md")
	must(t, err)
	d, err := campaign.ParseMarkdown(src)
	must(t, err)
	c, err := a.CreateCampaign(ctx, owner, app.CampaignInput{Name: "Crash", List: "newsletter", Subject: d.Subject, Preheader: d.Preheader, Body: d.Text})
	must(t, err)
	_, err = a.TestSendCampaign(ctx, owner, c.ID, app.TestSendInput{To: []string{"me@b2x.test"}})
	must(t, err)
	_, err = a.SendCampaign(ctx, owner, c.ID)
	must(t, err)

	smtp := mailtest.Start(t)
	exe, err := os.Executable()
	must(t, err)
	var logs syncBuffer
	start := func() *exec.Cmd {
		cmd := exec.Command(exe, "serve", "--db", dsn, "--addr", "127.0.0.1:0", "--smtp", smtp.URL())
		cmd.Env = append(os.Environ(), "B2X_TEST_AS_B2X=1", "B2X_CAMPAIGN_SECRET="+secret, "B2X_CAMPAIGN_LEASE=1s",
			"B2X_CAMPAIGN_SWEEP=200ms", "B2X_CAMPAIGN_WORKERS=8", "B2X_CAMPAIGN_BATCH="+strconv.Itoa(batchSize))
		cmd.Stdout, cmd.Stderr = &logs, &logs
		must(t, cmd.Start())
		return cmd
	}
	report := func() app.CampaignReport {
		r, err := a.CampaignReport(ctx, owner, c.ID)
		must(t, err)
		if r.Campaign.Status == store.CampaignFinished && !r.Done {
			t.Fatalf("finished with rows open: %+v", r.Counts)
		}
		return r
	}
	began := time.Now()
	unsubscribed := map[string]bool{}
	afterUnsub := -1
	var killedAt []int // messages received when each killed process was gone
	for kill := 1; kill <= kills; kill++ {
		cmd := start()
		target := smtp.Count() + 1200
		for smtp.Count() < target {
			if time.Since(began) > 2*time.Minute {
				cmd.Process.Kill()
				t.Fatalf("stuck at %d messages; child's log:\n%s", smtp.Count(), tail(logs.String()))
			}
			time.Sleep(20 * time.Millisecond)
		}
		must(t, cmd.Process.Signal(syscall.SIGKILL))
		cmd.Wait()
		killedAt = append(killedAt, smtp.Count())
		if r := report(); r.Campaign.Status == store.CampaignFinished {
			t.Fatalf("finished after kill %d: %+v", kill, r.Counts)
		}
		if kill >= 2 && afterUnsub < 0 {
			// While no process runs: unsubscribe up to 40 rows cut off while
			// sending and 40 still queued. A process works one batch at a
			// time, marking rows sent as it goes, so a kill may leave fewer
			// than 40 sending, or (between two batches) none: then the next
			// kill is tried.
			sending, err := a.CampaignDeliveries(ctx, owner, c.ID, store.DeliverySending, "", 200)
			must(t, err)
			queued, err := a.CampaignDeliveries(ctx, owner, c.ID, store.DeliveryQueued, "", 200)
			must(t, err)
			if len(sending) == 0 && kill < kills {
				continue
			}
			if len(sending) == 0 || len(queued) < 40 {
				t.Fatalf("%d rows sending and %d queued after kill %d", len(sending), len(queued), kill)
			}
			for _, d := range append(sending[max(0, len(sending)-40):], queued[len(queued)-40:]...) {
				u, err := url.Parse(a.UnsubscribeURL(d.ID))
				must(t, err)
				_, err = a.UnsubscribeCampaign(ctx, strings.TrimPrefix(u.Path, "/letters/u/"))
				must(t, err)
				unsubscribed[d.Email] = true
			}
			afterUnsub = smtp.Count()
		}
	}
	cmd := start()
	deadline := time.Now().Add(90 * time.Second)
	for report().Campaign.Status != store.CampaignFinished { // each report checks: finished only when done
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("not finished: %+v; child's log:\n%s", report().Counts, tail(logs.String()))
		}
		time.Sleep(250 * time.Millisecond)
	}
	must(t, cmd.Process.Signal(syscall.SIGTERM))
	cmd.Wait()
	elapsed := time.Since(began)

	msgs := smtp.Messages() // the test send went to this process's log, not here
	copies := map[string]int{}
	batchOf := map[string]int{}
	for i, e := range emails {
		batchOf[e] = i / batchSize
	}
	// A copy repeats one a process sent before it was killed: the repeat is
	// that kill's. lastFrom is the process that sent an address's last copy.
	repeated := make([]map[int]int, kills) // by kill: batch → copies repeated
	lastFrom := map[string]int{}
	for i, m := range msgs {
		to := m.To[0]
		copies[to]++
		if unsubscribed[to] && i >= afterUnsub {
			t.Errorf("%s got a copy after unsubscribing", to)
		}
		from := sort.SearchInts(killedAt, i+1) // the process that sent message i (0 to kills)
		if copies[to] > 1 {
			k := lastFrom[to]
			if k >= kills {
				t.Errorf("%s got a second copy from the process that was never killed", to)
			} else {
				if repeated[k] == nil {
					repeated[k] = map[int]int{}
				}
				repeated[k][batchOf[to]]++
			}
		}
		lastFrom[to] = from
	}
	var batches []store.BatchState
	must(t, db.Read(ctx, func(tx *store.Tx) (err error) { batches, err = tx.CampaignBatches(ctx, c.ID); return err }))
	takenOver := map[int]bool{}
	for _, b := range batches {
		if !b.Done {
			t.Errorf("batch %d not done", b.Batch)
		}
		takenOver[b.Batch] = b.Gen > 0
	}
	dups := 0
	for _, e := range emails {
		switch k := copies[e]; {
		case k == 0 && !unsubscribed[e]:
			t.Errorf("%s got no copy", e)
		case k > 1:
			dups += k - 1
			if !takenOver[batchOf[e]] {
				t.Errorf("%s got %d copies from batch %d, which no process lost", e, k, batchOf[e])
			}
		}
	}
	perKill := make([]string, kills)
	for k, byBatch := range repeated {
		sum := 0
		for b, c := range byBatch {
			sum += c
			perKill[k] += fmt.Sprintf(" batch %d: %d", b, c)
		}
		if len(byBatch) > 1 || sum > batchSize {
			t.Errorf("kill %d repeated %d copies of %d batches (%s), want at most %d of one", k+1, sum, len(byBatch), perKill[k], batchSize)
		}
	}
	if dups > batchSize*kills {
		t.Errorf("%d duplicates after %d kills, want at most %d", dups, kills, batchSize*kills)
	}
	t.Logf("duplicates by kill:%v", perKill)
	r := report()
	if c := r.Counts; c.Sent+c.Skipped != n || c.Skipped > len(unsubscribed) || c.Failed != 0 {
		t.Errorf("counts %+v", c)
	}
	t.Logf("%d recipients, %d SIGKILLs: %d messages, %d duplicates, %d unsubscribed mid-send (%d skipped), %d batches taken over; %.1fs",
		n, kills, len(msgs), dups, len(unsubscribed), r.Counts.Skipped, countTrue(takenOver), elapsed.Seconds())
}

var crashSender = campaign.Sender{Organization: "Acme Bricks", Representative: "Anna Petrova", Address: "12 Brick Street, London EC1A 1BB",
	Phones: []string{"+44 20 7946 0958"}, Emails: []string{"anna@acme-bricks.example"}}

func countTrue(m map[int]bool) int {
	n := 0
	for _, v := range m {
		if v {
			n++
		}
	}
	return n
}

func tail(s string) string {
	if len(s) > 4000 {
		return s[len(s)-4000:]
	}
	return s
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// syncBuffer collects the child's output, written by exec's goroutines while
// the test may read it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
