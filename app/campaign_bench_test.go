package app_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"testing"
	"time"

	"b2x/app"
	"b2x/campaign"
	"b2x/jobs"
	"b2x/mail"
	"b2x/mail/mailtest"
	"b2x/store"
	"b2x/store/storetest"
)

// BenchmarkCampaignSend sends a campaign to 10,000 recipients (B2X_BENCH_RECIPIENTS
// changes it) through a real SMTP server in this process and reports messages
// per second, from SendCampaign to finished: writing the deliveries, the batch
// jobs, one SMTP conversation per message, and marking each row sent. It also
// reports the CPU per message of this process (sender, SMTP server, SQLite)
// and of the PostgreSQL backends, and with B2X_BENCH_ROUNDTRIPS=1 the round
// trips to PostgreSQL per batch (through a counting proxy, which slows it).
//
//	go test ./app -run '^$' -bench CampaignSend -benchtime 1x
func BenchmarkCampaignSend(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			if engine != store.Postgres {
				benchmarkCampaignSend(b, storetest.Open(b, engine), "", nil)
				return
			}
			dsn := storetest.DSN(b, engine)
			var rt *pgCounter
			open := dsn
			if os.Getenv("B2X_BENCH_ROUNDTRIPS") != "" {
				rt, open = countRoundTrips(b, dsn)
			}
			db, err := store.Open(context.Background(), open)
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { db.Close() })
			if err := db.Migrate(context.Background()); err != nil {
				b.Fatal(err)
			}
			benchmarkCampaignSend(b, db, dsn, rt)
		})
	}
}

// benchmarkCampaignSend runs the benchmark on db; pgDSN (PostgreSQL) names
// its database for the backends' CPU, rt counts its round trips.
func benchmarkCampaignSend(b *testing.B, db *store.DB, pgDSN string, rt *pgCounter) {
	{
		n := 10_000
		if v, err := strconv.Atoi(os.Getenv("B2X_BENCH_RECIPIENTS")); err == nil && v > 0 {
			n = v
		}
		ctx := context.Background()
		srv := mailtest.Start(b)
		sender, err := mail.NewSMTP(srv.URL())
		if err != nil {
			b.Fatal(err)
		}
		probe := &probeSender{s: sender}
		defer func() {
			b.Logf("sends %d, mean %v", probe.n.Load(), time.Duration(probe.ns.Load()/max(1, probe.n.Load())))
		}()
		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		q := jobs.New(db, jobs.Config{Poll: 50 * time.Millisecond, Cooldown: 5 * time.Millisecond, Logger: quiet, Workers: 16})
		a := app.New(db, app.WithJobs(q), app.WithLogger(quiet), app.WithCampaigns(app.CampaignConfig{Secret: []byte("bench"),
			Internal: []string{"@b2x.test"}, Workers: 16, Lint: campaign.Config{Sender: acme}}),
			app.WithMail(probe, app.MailConfig{From: mail.Address{Name: "Acme", Email: "news@acme-bricks.example"}, BaseURL: "https://acme-bricks.example"}))
		if err := q.Start(ctx); err != nil {
			b.Fatal(err)
		}
		defer q.Stop(ctx)
		_, err = a.CreateMailingList(ctx, staffActor, app.MailingListInput{Slug: "newsletter", Name: "News"})
		if err != nil {
			b.Fatal(err)
		}
		emails := make([]string, n)
		for i := range emails {
			emails[i] = fmt.Sprintf("r%05d@client.test", i)
		}
		if _, err := a.ImportConsents(ctx, staffActor, "newsletter", emails, "import"); err != nil {
			b.Fatal(err)
		}
		in := goodLetter(b)
		b.ResetTimer()
		var (
			elapsed, cpu, pgCPU time.Duration
			trips               int64
		)
		for range b.N {
			b.StopTimer()
			v, err := a.CreateCampaign(ctx, staffActor, in)
			if err == nil {
				_, err = a.TestSendCampaign(ctx, staffActor, v.ID, app.TestSendInput{To: []string{"me@b2x.test"}})
			}
			if err != nil {
				b.Fatal(err)
			}
			before := srv.Count()
			var pg0 map[int]time.Duration
			if pgDSN != "" {
				pg0 = backendCPU(b, pgDSN)
			}
			cpu0, trips0 := processCPU(), roundTrips(rt)
			b.StartTimer()
			began := time.Now()
			if _, err := a.SendCampaign(ctx, staffActor, v.ID); err != nil {
				b.Fatal(err)
			}
			for srv.Count()-before < n {
				time.Sleep(5 * time.Millisecond)
			}
			for {
				r, err := a.CampaignReport(ctx, staffActor, v.ID)
				if err != nil {
					b.Fatal(err)
				}
				if r.Campaign.Status == store.CampaignFinished {
					break
				}
				time.Sleep(5 * time.Millisecond)
			}
			elapsed += time.Since(began)
			b.StopTimer()
			cpu += processCPU() - cpu0
			trips += roundTrips(rt) - trips0
			if pgDSN != "" {
				pgCPU += backendDelta(pg0, backendCPU(b, pgDSN))
			}
			b.StartTimer()
			if got := srv.Count() - before; got < n {
				b.Fatalf("%d messages arrived", got)
			}
		}
		msgs := float64(n * b.N)
		b.ReportMetric(msgs/elapsed.Seconds(), "msgs/s")
		b.ReportMetric(float64(cpu.Microseconds())/msgs, "cpu-µs/msg")
		if pgDSN != "" {
			b.ReportMetric(float64(pgCPU.Microseconds())/msgs, "pg-cpu-µs/msg")
		}
		if rt != nil {
			b.ReportMetric(float64(trips)/(msgs/100), "roundtrips/100msgs")
		}
	}
}

func roundTrips(rt *pgCounter) int64 {
	if rt == nil {
		return 0
	}
	return rt.n.Load()
}

// BenchmarkCampaignLint times the quality check of a typical letter (the good
// English letter of the lint's tests), compiled from Markdown as a save does.
func BenchmarkCampaignLint(b *testing.B) {
	in := goodLetter(b)
	cfg := campaign.DefaultConfig()
	cfg.Sender = acme
	for b.Loop() {
		t, err := campaign.Compile(in.Subject, in.Preheader, in.Body)
		if err != nil {
			b.Fatal(err)
		}
		if fs := campaign.Lint(t.Draft(), cfg); campaign.HasErrors(fs) {
			b.Fatal(fs)
		}
	}
}
