package app_test

import (
	"testing"

	"b2x/app"
	"b2x/store/storetest"
)

// BenchmarkSessionActor resolves a session cookie to its actor from parallel
// goroutines: what every signed-in request pays. Within account.TouchEvery no
// request writes, so this is the read path.
func BenchmarkSessionActor(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			f := newFixture(b, storetest.Open(b, engine))
			s, err := f.app.SignUp(f.ctx, app.SignUpInput{Name: "Ann", Email: "ann@example.com", Password: annPassword})
			f.must(err)
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if a, err := f.app.SessionActor(f.ctx, s.Token); err != nil || a.PersonID == "" {
						panic(err)
					}
				}
			})
		})
	}
}

// BenchmarkSignIn signs one customer in over and over: one argon2id hash plus
// the throttle claim and the session write.
func BenchmarkSignIn(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			f := newFixture(b, storetest.Open(b, engine))
			_, err := f.app.SignUp(f.ctx, app.SignUpInput{Name: "Ann", Email: "ann@example.com", Password: annPassword})
			f.must(err)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := f.app.SignIn(f.ctx, app.Credentials{Email: "ann@example.com", Password: annPassword}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
