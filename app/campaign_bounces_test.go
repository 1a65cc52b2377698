package app_test

import (
	"os"
	"slices"
	"testing"

	"b2x/app"
	"b2x/bounce"
	"b2x/errs"
	"b2x/store"
	"b2x/store/storetest"
)

func parseEML(t *testing.T, name string) bounce.Report {
	t.Helper()
	f, err := os.Open("../bounce/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := bounce.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func suppressedEmails(f *campaignFixture) []string {
	f.t.Helper()
	ss, err := f.app.Suppressions(f.ctx, staffActor, 100)
	f.must(err)
	var out []string
	for _, s := range ss {
		out = append(out, s.Email+"/"+s.Reason)
	}
	slices.Sort(out)
	return out
}

func TestRecordBounceReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCampaignFixture(t, db, app.CampaignConfig{})

		// An out-of-office answer is not a bounce: nothing is recorded.
		o, err := f.app.RecordBounceReport(f.ctx, parseEML(t, "ooo_en.eml"))
		if err != nil || o.Recorded != 0 || o.Ignored == "" {
			t.Fatalf("out of office: %+v %v", o, err)
		}
		if got := suppressedEmails(f); len(got) != 0 {
			t.Fatalf("out of office suppressed %v", got)
		}

		// Postfix's hard bounce (its X-B2X-Delivery names no delivery of ours, so
		// the addresses count): the unknown user is suppressed at once, the full
		// mailbox beside it is only counted.
		o, err = f.app.RecordBounceReport(f.ctx, parseEML(t, "postfix_user_unknown.eml"))
		if err != nil || o.Recorded != 2 || o.Suppressed != 1 {
			t.Fatalf("postfix hard bounce: %+v %v", o, err)
		}
		if got := suppressedEmails(f); !slices.Equal(got, []string{"ivan.sidorov@buildco.example/hard_bounce"}) {
			t.Fatalf("after the hard bounce: %v", got)
		}

		// A soft bounce suppresses at the third.
		for i := 1; i <= 3; i++ {
			o, err = f.app.RecordBounceReport(f.ctx, parseEML(t, "postfix_delayed.eml"))
			if err != nil || o.Recorded != 1 || (o.Suppressed == 1) != (i == 3) {
				t.Fatalf("soft bounce %d: %+v %v", i, o, err)
			}
		}
		if got := suppressedEmails(f); !slices.Contains(got, "buyer@slowmail.example/soft_bounces") {
			t.Fatalf("after three soft bounces: %v", got)
		}

		// A report by staff needs campaigns.edit.
		if _, err := f.app.RecordBounceReportAs(f.ctx, app.Actor{UserID: "x", Role: "sales"}, parseEML(t, "gmail_dsn.eml")); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("sales recording a bounce: %v", err)
		}

		// The mailto: unsubscribe with a bad token changes nothing.
		if _, err := f.app.UnsubscribeByMail(f.ctx, "unsubscribe 0193.bad"); errs.CodeOf(err) != errs.NotFound {
			t.Fatalf("bad unsubscribe token: %v", err)
		}
		if _, err := f.app.UnsubscribeByMail(f.ctx, "hello"); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("no token: %v", err)
		}
	})
}
