package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	netmail "net/mail"
	"os"
	"time"

	"b2x/app"
	"b2x/mail"
	"b2x/web"
)

func cmdServe(ctx context.Context, e *env, args []string) error {
	fs, dsn := flags("serve", e)
	addr := fs.String("addr", envOr("B2X_ADDR", "127.0.0.1:8080"), "listen address (env B2X_ADDR)")
	demo := fs.Bool("demo", false, "seed the demo data set first when the database has no products")
	smtpURL := fs.String("smtp", os.Getenv("B2X_SMTP_URL"),
		"mail server, smtp://user:pass@host:port (env B2X_SMTP_URL); without it letters are written to the log")
	from := fs.String("mail-from", envOr("B2X_MAIL_FROM", "b2x <noreply@localhost>"), "sender of letters (env B2X_MAIL_FROM)")
	publicURL := fs.String("public-url", os.Getenv("B2X_PUBLIC_URL"),
		"the shop's public address, for links in letters (env B2X_PUBLIC_URL; default http://ADDR)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: b2x serve [flags]")
		fs.PrintDefaults()
		fmt.Fprintln(fs.Output(), "\nEmail campaigns, from the environment:")
		for _, v := range campaignVariables {
			fmt.Fprintf(fs.Output(), "  %s\n    \t%s\n", v.name, v.help)
		}
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	sender, err := mail.Open(*smtpURL, e.log)
	if err != nil {
		return err
	}
	sentBy, err := netmail.ParseAddress(*from)
	if err != nil {
		return fmt.Errorf("--mail-from %q: %w", *from, err)
	}
	if *publicURL == "" {
		*publicURL = "http://" + *addr
	}
	campaigns, err := campaignSettings(os.Getenv, e.log)
	if err != nil {
		return err
	}
	a, closeDB, err := open(ctx, e, *dsn, app.WithMail(sender,
		app.MailConfig{From: mail.Address{Name: sentBy.Name, Email: sentBy.Address}, BaseURL: *publicURL}), app.WithCampaigns(campaigns))
	if err != nil {
		return err
	}
	defer closeDB()
	// The funnel event writer; Close writes what is still buffered before the
	// database closes.
	a.Start()
	defer func() {
		done, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := a.Close(done); err != nil {
			e.log.Error("write buffered funnel events", "err", err)
		}
	}()
	if *demo {
		if err := seedDemo(ctx, e, a, false); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	scheduleSweeps(a, e.log)
	if err := a.Jobs().Start(ctx); err != nil {
		ln.Close()
		return err
	}
	srv := &http.Server{Handler: web.Handler(a, e.log), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	fmt.Fprintf(e.stdout, "b2x serving on http://%s (database %s)\n", ln.Addr(), redact(*dsn))
	stopped := make(chan error, 1)
	go func() {
		<-ctx.Done()
		// Requests in flight finish first, since they may enqueue jobs; then
		// running jobs get the rest of the grace period, and are cancelled (and
		// retried later, here or by another process) if they need more.
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(shut)
		stopped <- a.Jobs().Stop(shut)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		stop, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return errors.Join(err, a.Jobs().Stop(stop))
	}
	if err := <-stopped; err != nil {
		e.log.Error("stop jobs", "err", err)
	}
	return nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
