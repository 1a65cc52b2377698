// Package spamd is a client of SpamAssassin's spamd over TCP, speaking the
// SPAMC/1.5 protocol (spamd's own "PROTOCOL" document): a request line such as
// "REPORT SPAMC/1.5", headers (Content-length), a blank line and the message;
// the answer "SPAMD/1.1 0 EX_OK", headers (Spam: True ; 7.5 / 5.0), a blank
// line and a body. One connection serves one request, as spamd expects.
//
// It is how the campaign check shows a letter's SpamAssassin score and rule hits
// beside its own findings; the score is advice and never decides alone.
package spamd

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/textproto"
	"os"
	"strconv"
	"strings"
	"time"
)

// Client talks to one spamd. The zero Timeout means DefaultTimeout.
type Client struct {
	Addr    string        // host:port, e.g. 127.0.0.1:783
	Timeout time.Duration // for the whole exchange: connect, send, scan, answer
	User    string        // optional: whose spamd preferences apply (the "User" header)
}

// DefaultTimeout bounds an exchange when Client.Timeout is zero. A first scan
// after spamd starts can take seconds on a small machine.
const DefaultTimeout = 30 * time.Second

// MaxMessage is the largest message the client sends; spamc skips larger ones
// by default too (512 KB), and a campaign letter is far smaller.
const MaxMessage = 4 << 20

// maxAnswer bounds what is read back.
const maxAnswer = 1 << 20

// Rule is one SpamAssassin rule a message hit.
type Rule struct {
	Name        string  `json:"name"`
	Score       float64 `json:"score"`                 // as REPORT prints it (one decimal); 0 from SYMBOLS
	Description string  `json:"description,omitempty"` // from REPORT only
}

// Result is spamd's verdict on a message.
type Result struct {
	Score     float64 `json:"score"`
	Threshold float64 `json:"threshold"` // spamd's required score; Spam is Score >= Threshold
	Spam      bool    `json:"spam"`
	Rules     []Rule  `json:"rules,omitempty"`
}

// Error is a refusal spamd answered with a non-zero code, e.g. 76 EX_PROTOCOL.
type Error struct {
	Code    int
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("spamd answered %d %s", e.Code, e.Message) }

// ErrProtocol is wrapped by errors about answers that do not follow the protocol.
var ErrProtocol = errors.New("spamd protocol error")

func protocolErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrProtocol, fmt.Sprintf(format, args...))
}

// Check scans raw (an RFC 5322 message) with REPORT: the score, the threshold
// and every rule hit with its score and description.
func (c Client) Check(ctx context.Context, raw []byte) (Result, error) {
	h, body, err := c.do(ctx, "REPORT", raw)
	if err != nil {
		return Result{}, err
	}
	res, err := spamHeader(h)
	if err != nil {
		return Result{}, err
	}
	if res.Rules, err = parseReport(string(body)); err != nil {
		return Result{}, err
	}
	return res, nil
}

// Symbols scans raw with SYMBOLS: the score, the threshold and the names of the
// rules hit, without scores or descriptions (a shorter answer than Check's).
func (c Client) Symbols(ctx context.Context, raw []byte) (Result, error) {
	h, body, err := c.do(ctx, "SYMBOLS", raw)
	if err != nil {
		return Result{}, err
	}
	res, err := spamHeader(h)
	if err != nil {
		return Result{}, err
	}
	for name := range strings.SplitSeq(string(body), ",") {
		if name = strings.TrimSpace(name); name != "" {
			if !ruleName(name) {
				return Result{}, protocolErr("SYMBOLS answered %q, which is not a rule name", trunc(name, 40))
			}
			res.Rules = append(res.Rules, Rule{Name: name})
		}
	}
	return res, nil
}

// Score scans raw with CHECK: the score and the threshold only.
func (c Client) Score(ctx context.Context, raw []byte) (Result, error) {
	h, _, err := c.do(ctx, "CHECK", raw)
	if err != nil {
		return Result{}, err
	}
	return spamHeader(h)
}

// Ping asks spamd whether it is up (PING → PONG).
func (c Client) Ping(ctx context.Context) error {
	status, _, _, err := c.exchange(ctx, "PING", nil)
	if err != nil {
		return err
	}
	if status != "PONG" {
		return protocolErr("PING answered %q, not PONG", trunc(status, 40))
	}
	return nil
}

// do sends one command with a message and returns the answer's headers and body.
func (c Client) do(ctx context.Context, command string, raw []byte) (textproto.MIMEHeader, []byte, error) {
	if len(raw) == 0 {
		return nil, nil, errors.New("spamd: the message is empty")
	}
	if len(raw) > MaxMessage {
		return nil, nil, fmt.Errorf("spamd: the message is %d bytes, more than the %d this client sends", len(raw), MaxMessage)
	}
	status, h, body, err := c.exchange(ctx, command, raw)
	if err != nil {
		return nil, nil, err
	}
	if status != "EX_OK" {
		return nil, nil, protocolErr("%s answered %q, not EX_OK", command, trunc(status, 40))
	}
	return h, body, nil
}

// exchange runs one request on a fresh connection and reads the whole answer.
func (c Client) exchange(ctx context.Context, command string, raw []byte) (status string, h textproto.MIMEHeader, body []byte, err error) {
	if c.Addr == "" {
		return "", nil, nil, errors.New("spamd: no address (host:port) configured")
	}
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", c.Addr)
	if err != nil {
		return "", nil, nil, fmt.Errorf("spamd at %s: %w", c.Addr, err)
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	if err := conn.SetDeadline(deadline); err != nil {
		return "", nil, nil, err
	}
	// Cancelling ctx unblocks a read or write at once.
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	var req strings.Builder
	fmt.Fprintf(&req, "%s SPAMC/1.5\r\n", command)
	if raw != nil {
		fmt.Fprintf(&req, "Content-length: %d\r\n", len(raw))
	}
	if c.User != "" {
		if strings.ContainsAny(c.User, "\r\n") {
			return "", nil, nil, errors.New("spamd: the user name contains a line break")
		}
		fmt.Fprintf(&req, "User: %s\r\n", c.User)
	}
	req.WriteString("\r\n")
	if _, err := io.WriteString(conn, req.String()); err != nil {
		return "", nil, nil, c.ioErr(ctx, "sending", err)
	}
	if _, err := conn.Write(raw); err != nil {
		return "", nil, nil, c.ioErr(ctx, "sending", err)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.CloseWrite() // spamd reads to Content-length; the half-close is only a courtesy
	}
	status, h, body, err = readAnswer(bufio.NewReader(io.LimitReader(conn, maxAnswer+1)))
	if err != nil && !errors.Is(err, ErrProtocol) && !errors.As(err, new(*Error)) {
		return "", nil, nil, c.ioErr(ctx, "reading the answer", err)
	}
	return status, h, body, err
}

func (c Client) ioErr(ctx context.Context, doing string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("spamd at %s: %s: %w", c.Addr, doing, ctx.Err())
	}
	// The connection's deadline is the context's and may fire a moment first.
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return fmt.Errorf("spamd at %s: %s: %w", c.Addr, doing, context.DeadlineExceeded)
	}
	return fmt.Errorf("spamd at %s: %s: %w", c.Addr, doing, err)
}

// readAnswer reads "SPAMD/1.x CODE STATUS", header lines, a blank line and a
// body of Content-length bytes (or to the end when there is none).
func readAnswer(r *bufio.Reader) (status string, h textproto.MIMEHeader, body []byte, err error) {
	tp := textproto.NewReader(r)
	line, err := tp.ReadLine()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return "", nil, nil, protocolErr("spamd closed the connection without an answer")
		}
		return "", nil, nil, err
	}
	proto, rest, _ := strings.Cut(line, " ")
	if !strings.HasPrefix(proto, "SPAMD/1.") {
		return "", nil, nil, protocolErr("the answer starts %q, not SPAMD/1.x", trunc(line, 40))
	}
	codeText, status, _ := strings.Cut(strings.TrimSpace(rest), " ")
	code, err := strconv.Atoi(codeText)
	if err != nil || code < 0 {
		return "", nil, nil, protocolErr("the answer's code %q is not a number", trunc(codeText, 20))
	}
	if code != 0 {
		return "", nil, nil, &Error{Code: code, Message: strings.TrimSpace(status)}
	}
	h, err = tp.ReadMIMEHeader()
	if err != nil && !(errors.Is(err, io.EOF) && status == "PONG") {
		if errors.Is(err, io.EOF) {
			return "", nil, nil, protocolErr("the answer ends inside its headers")
		}
		return "", nil, nil, protocolErr("the answer's headers cannot be read: %v", err)
	}
	if cl := h.Get("Content-Length"); cl != "" {
		n, err := strconv.Atoi(strings.TrimSpace(cl))
		if err != nil || n < 0 || n > maxAnswer {
			return "", nil, nil, protocolErr("Content-length %q is not a length up to %d", trunc(cl, 20), maxAnswer)
		}
		body = make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			return "", nil, nil, protocolErr("the body is shorter than its Content-length %d", n)
		}
		return status, h, body, nil
	}
	body, err = io.ReadAll(r)
	if err != nil {
		return "", nil, nil, err
	}
	if len(body) > maxAnswer {
		return "", nil, nil, protocolErr("the answer is longer than %d bytes", maxAnswer)
	}
	return status, h, body, nil
}

// spamHeader reads "Spam: True ; 7.5 / 5.0" (spamd 2 wrote "Yes"/"No").
func spamHeader(h textproto.MIMEHeader) (Result, error) {
	v := h.Get("Spam")
	if v == "" {
		return Result{}, protocolErr("the answer has no Spam header")
	}
	flag, scores, ok := strings.Cut(v, ";")
	score, threshold, ok2 := strings.Cut(scores, "/")
	if !ok || !ok2 {
		return Result{}, protocolErr("Spam header %q is not \"True ; 7.5 / 5.0\"", trunc(v, 60))
	}
	var res Result
	switch strings.ToLower(strings.TrimSpace(flag)) {
	case "true", "yes":
		res.Spam = true
	case "false", "no":
	default:
		return Result{}, protocolErr("Spam header %q: %q is neither True nor False", trunc(v, 60), trunc(strings.TrimSpace(flag), 20))
	}
	var err error
	if res.Score, err = number(score); err != nil {
		return Result{}, protocolErr("Spam header %q: score: %v", trunc(v, 60), err)
	}
	if res.Threshold, err = number(threshold); err != nil {
		return Result{}, protocolErr("Spam header %q: threshold: %v", trunc(v, 60), err)
	}
	return res, nil
}

func number(s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is not a number", trunc(strings.TrimSpace(s), 20))
	}
	return f, nil
}

func trunc(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
