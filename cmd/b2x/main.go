// Command b2x runs the b2x sales platform: the web surfaces and API (serve), and
// the operator's tools (migrate, demo, import, export, user, token).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"syscall"

	"b2x/app"
	"b2x/errs"
	"b2x/store"
	"b2x/supplier"
)

const usage = `b2x — one sales platform for consumers (B2C) and businesses (B2B)

Usage: b2x COMMAND [flags]

Commands:
  serve     serve the shop, portal, back office and API (--demo seeds demo data first)
  migrate   apply database migrations
  demo      seed the deterministic demo data set
  import    import products|customers|stock FILE.csv (all rows or none)
  export    export products|orders|customers --format csv|json
  user      user add --email E --role ROLE (password from stdin)
  token     token create (--user E | --contact CONTACT_ID) (prints a new API token)
  bench     measure throughput (see BENCHMARKS.md)
  campaign  campaign lint FILE.md|FILE.eml|- [--config C.json] [--json] [--spamd HOST:PORT]: the pre-send check of a letter
            (--spamd or $B2X_SPAMD adds SpamAssassin's score; the exit status is our own check's)
  bounces   bounces read --maildir DIR [--unsubscribe-maildir DIR]: record bounces and mailto: unsubscribes

Every command takes --db (sqlite:PATH or postgres://…, default $B2X_DB or sqlite:./b2x.db).
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if e, ok := errs.As(err); ok && len(e.Fields) > 0 {
			fmt.Fprintln(os.Stderr, "b2x: invalid input:")
			for _, f := range e.Fields {
				fmt.Fprintf(os.Stderr, "  %s: %s\n", f.Field, f.Message)
			}
		} else {
			fmt.Fprintln(os.Stderr, "b2x:", err)
		}
		os.Exit(exitCode(err))
	}
}

// exitCode maps errors to exit statuses: 2 for usage and input errors, 1 otherwise.
func exitCode(err error) int {
	if errors.Is(err, flag.ErrHelp) || errors.Is(err, errUsage) || errs.CodeOf(err) == errs.Invalid {
		return 2
	}
	return 1
}

var errUsage = errors.New("see b2x help")

type command func(ctx context.Context, env *env, args []string) error

// env is what every command gets: its streams and flags shared by all commands.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *slog.Logger
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	commands := map[string]command{
		"serve": cmdServe, "migrate": cmdMigrate, "demo": cmdDemo, "import": cmdImport, "export": cmdExport,
		"user": cmdUser, "token": cmdToken, "bench": cmdBench, "campaign": cmdCampaign,
		"bounces": cmdBounces,
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, usage)
		return nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q: %w", args[0], errUsage)
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, log: slog.New(slog.NewTextHandler(stderr, nil))}
	return cmd(ctx, e, args[1:])
}

// flags makes a flag set with the --db flag every command shares.
func flags(name string, e *env) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("b2x "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	def := os.Getenv("B2X_DB")
	if def == "" {
		def = "sqlite:./b2x.db"
	}
	db := fs.String("db", def, "database: sqlite:PATH or postgres://… (env B2X_DB)")
	return fs, db
}

// open opens and migrates the database and makes the App on it, with opts.
func open(ctx context.Context, e *env, dsn string, opts ...app.Option) (*app.App, func(), error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, nil, err
	}
	opts = append([]app.Option{app.WithLogger(e.log), app.WithSupplier(supplier.FromEnv(os.Getenv))}, opts...)
	return app.New(db, opts...), func() { db.Close() }, nil
}

// operator is the actor for commands an operator runs on the server itself.
var operator = app.Actor{UserID: "cli", Role: "admin"}

func cmdMigrate(ctx context.Context, e *env, args []string) error {
	fs, dsn := flags("migrate", e)
	if err := fs.Parse(args); err != nil {
		return err
	}
	_, closeDB, err := open(ctx, e, *dsn)
	if err != nil {
		return err
	}
	closeDB()
	fmt.Fprintln(e.stdout, "migrations applied")
	return nil
}

// redact hides a password in a DSN before it is printed.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
