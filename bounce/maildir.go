package bounce

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ReadMaildir reads the new messages of a Maildir (dir/new) in name order and
// calls handle with each message's file name and what Parse made of it; err is
// Parse's error for a message that cannot be read (r is then zero).
//
// A message is claimed by moving it to dir/cur first (name + ":2,", unseen), so
// that two readers running at once never handle the same message. After handle
// returns nil it is marked seen (":2,S"; ":2,FS", flagged for a person, when it
// could not be parsed). When handle returns an error the message goes back to
// new/ for the next run and ReadMaildir stops with that error. A crash between
// claim and mark leaves the message unseen in cur/, where a mail client shows it.
func ReadMaildir(dir string, handle func(name string, r Report, err error) error) error {
	return WalkMaildir(dir, func(name string, raw []byte) (bool, error) {
		rep, perr := Parse(bytes.NewReader(raw))
		return perr != nil, handle(name, rep, perr)
	})
}

// WalkMaildir is ReadMaildir for messages that are not reports (the letters to
// the unsubscribe address): handle gets each new message's bytes, claimed and
// marked the same way; flag marks the message for a person's attention.
func WalkMaildir(dir string, handle func(name string, raw []byte) (flag bool, err error)) error {
	newDir, curDir := filepath.Join(dir, "new"), filepath.Join(dir, "cur")
	for _, d := range []string{newDir, curDir} {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			return fmt.Errorf("%s is not a Maildir: %s is missing", dir, d)
		}
	}
	entries, err := os.ReadDir(newDir)
	if err != nil {
		return fmt.Errorf("reading %s: %w", newDir, err)
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	for _, name := range names {
		base, _, _ := strings.Cut(name, ":") // new/ names carry no info, but be lenient
		claimed := filepath.Join(curDir, base+":2,")
		if err := os.Rename(filepath.Join(newDir, name), claimed); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue // another reader claimed it
			}
			return fmt.Errorf("claiming %s: %w", name, err)
		}
		raw, rerr := readFile(claimed)
		var flagged bool
		var herr error
		if rerr != nil {
			herr = rerr
		} else {
			flagged, herr = handle(base, raw)
		}
		if herr != nil {
			if err := os.Rename(claimed, filepath.Join(newDir, name)); err != nil {
				return errors.Join(fmt.Errorf("%s: %w", base, herr), fmt.Errorf("returning %s to new/: %w", base, err))
			}
			return fmt.Errorf("%s: %w", base, herr)
		}
		flags := "S"
		if flagged {
			flags = "FS"
		}
		if err := os.Rename(claimed, claimed+flags); err != nil {
			return fmt.Errorf("marking %s seen: %w", base, err)
		}
	}
	return nil
}

// readFile reads a message, at most one byte more than Parse takes (so Parse
// still reports a message that is too large).
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxMessage+1))
}
