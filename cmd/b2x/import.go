package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"

	"b2x/app"
	"b2x/csvimport"
	"b2x/errs"
)

const importUsage = "usage: b2x import products|customers|stock FILE.csv (- reads stdin) [--db DSN] [--progress]"

// cmdImport runs "b2x import products|customers|stock FILE.csv". The file format
// is described in package csvimport. The whole file is checked first, then
// written in one transaction: either every row is imported, or none is and each
// problem is printed to stderr as "row R, column C: message" (exit status 2).
// A progress bar goes to stderr while rows are written when stderr is a terminal,
// or always with --progress.
func cmdImport(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%s: %w", importUsage, errUsage)
	}
	kind := args[0]
	fs, dsn := flags("import "+kind, e)
	progress := fs.Bool("progress", isTerminal(e.stderr), "show a progress bar on stderr (default: when stderr is a terminal)")
	rest, err := transferArgs(fs, args[1:])
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("%s: %w", importUsage, errUsage)
	}
	path := rest[0]
	o := importRun{ctx: ctx, e: e, dsn: *dsn, path: path, progress: *progress}
	var n int
	switch kind {
	case "products":
		n, err = importFile(o, csvimport.ParseProducts, (*app.App).ImportProducts)
	case "customers":
		n, err = importFile(o, csvimport.ParseCustomers, (*app.App).ImportCustomers)
	case "stock":
		n, err = importFile(o, csvimport.ParseStock, (*app.App).ImportStock)
	default:
		return fmt.Errorf("cannot import %q; %s: %w", kind, importUsage, errUsage)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "imported %d %s\n", n, importNoun(kind, n))
	return nil
}

// importRun is what one import needs besides the rows' types.
type importRun struct {
	ctx      context.Context
	e        *env
	dsn      string
	path     string
	progress bool
}

// importFile parses the file, and only when it is well-formed opens the database
// and writes the rows.
func importFile[R any](o importRun, parse func(io.Reader) ([]R, error),
	write func(*app.App, context.Context, app.Actor, []R, app.Progress) (int, error)) (int, error) {
	in, closeIn, err := transferInput(o.e, o.path)
	if err != nil {
		return 0, err
	}
	rows, err := parse(in)
	closeIn()
	if err != nil {
		return 0, reportProblems(o.e, o.path, err)
	}
	a, closeDB, err := open(o.ctx, o.e, o.dsn)
	if err != nil {
		return 0, err
	}
	defer closeDB()
	var bar *progressbar.ProgressBar
	if o.progress && len(rows) > 0 {
		bar = progressbar.NewOptions(len(rows), progressbar.OptionSetWriter(o.e.stderr),
			progressbar.OptionSetDescription("importing"), progressbar.OptionShowCount(), progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
	}
	n, err := write(a, o.ctx, operator, rows, func(done, total int) {
		if bar != nil {
			bar.Set(done)
		}
	})
	if bar != nil {
		if err == nil {
			bar.Finish()
		} else {
			bar.Clear()
		}
	}
	if err != nil {
		return 0, reportProblems(o.e, o.path, err)
	}
	return n, nil
}

// transferInput opens the file to import; "-" is stdin.
func transferInput(e *env, path string) (io.Reader, func(), error) {
	if path == "-" {
		return e.stdin, func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}

// reportProblems prints a file's problems to stderr, one a line, and returns an
// invalid error without fields so that main does not print them again. Other
// errors are returned as they are.
func reportProblems(e *env, path string, err error) error {
	list, omitted, ok := csvimport.ProblemsOf(err)
	if !ok {
		return err
	}
	for _, p := range list {
		fmt.Fprintln(e.stderr, p.String())
	}
	if omitted > 0 {
		fmt.Fprintf(e.stderr, "… and %d more problems\n", omitted)
	}
	name := path
	if path == "-" {
		name = "stdin"
	}
	n := len(list) + omitted
	noun := "problems"
	if n == 1 {
		noun = "problem"
	}
	return errs.E(errs.Invalid, "%s: %d %s; nothing was imported", name, n, noun)
}

func importNoun(kind string, n int) string {
	switch {
	case kind == "stock" && n == 1:
		return "stock movement"
	case kind == "stock":
		return "stock movements"
	case n == 1:
		return kind[:len(kind)-1]
	}
	return kind
}

// transferArgs parses flags wherever they stand among the arguments, so that
// "b2x import products FILE --db X" works (package flag stops at the first
// argument that is not a flag). It returns the other arguments.
func transferArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// isTerminal reports whether w is a terminal, without more than the standard library.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
