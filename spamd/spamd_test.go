package spamd

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/textproto"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// request is what the fake spamd received.
type request struct {
	line   string
	header textproto.MIMEHeader
	body   []byte
}

// fakeSpamd listens on loopback, reads one request per connection as spamd does
// (request line, headers, Content-length bytes) and writes answer(request).
func fakeSpamd(t *testing.T, answer func(request) string) (addr string, got chan request) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	got = make(chan request, 16)
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				tp := textproto.NewReader(bufio.NewReader(conn))
				var req request
				if req.line, err = tp.ReadLine(); err != nil {
					return
				}
				if req.header, err = tp.ReadMIMEHeader(); err != nil {
					return
				}
				if n, err := strconv.Atoi(req.header.Get("Content-Length")); err == nil {
					req.body = make([]byte, n)
					if _, err := io.ReadFull(tp.R, req.body); err != nil {
						return
					}
				}
				got <- req
				io.WriteString(conn, answer(req))
			}()
		}
	}()
	return ln.Addr().String(), got
}

func answerFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var letter = []byte("From: a@b.example\r\nSubject: hello\r\n\r\nHello.\r\n")

func TestCheckParsesReport(t *testing.T) {
	report := answerFile(t, "answer_report_spam.txt")
	addr, got := fakeSpamd(t, func(request) string { return report })
	res, err := Client{Addr: addr, User: "campaigns"}.Check(context.Background(), letter)
	if err != nil {
		t.Fatal(err)
	}
	req := <-got
	if req.line != "REPORT SPAMC/1.5" || req.header.Get("Content-Length") != strconv.Itoa(len(letter)) ||
		req.header.Get("User") != "campaigns" || string(req.body) != string(letter) {
		t.Errorf("request %q %v %q", req.line, req.header, req.body)
	}
	if !res.Spam || res.Score != 11.4 || res.Threshold != 5 || len(res.Rules) != 16 {
		t.Fatalf("result %+v", res)
	}
	want := []Rule{
		{"NO_RECEIVED", 0, "Informational: message has no Received headers"},
		{"ACT_NOW_CAPS", 0.1, "BODY: Talks about 'acting now' with capitals"},
		{"DRUG_ED_CAPS", 2.8, "BODY: Mentions an E.D. drug"},
	}
	if !slices.Equal(res.Rules[:3], want) {
		t.Errorf("rules %+v", res.Rules[:3])
	}
	if r := res.Rules[8]; r.Name != "NORMAL_HTTP_TO_IP" || r.Description != "URI: URI host has a public dotted-decimal IPv4 address" {
		t.Errorf("a wrapped description: %+v", r)
	}
	if r := res.Rules[15]; r.Name != "TO_NO_BRKTS_PCNT" || r.Score != 1 {
		t.Errorf("last rule %+v", r)
	}
}

func TestSymbolsAndScore(t *testing.T) {
	answers := map[string]string{"SYMBOLS": answerFile(t, "answer_symbols_spam.txt"), "CHECK": answerFile(t, "answer_check_spam.txt")}
	addr, got := fakeSpamd(t, func(r request) string { return answers[strings.Fields(r.line)[0]] })
	c := Client{Addr: addr}
	res, err := c.Symbols(context.Background(), letter)
	if err != nil {
		t.Fatal(err)
	}
	if req := <-got; req.line != "SYMBOLS SPAMC/1.5" || req.header.Get("User") != "" {
		t.Errorf("request %q %v", req.line, req.header)
	}
	if !res.Spam || res.Score != 11.4 || len(res.Rules) != 16 || res.Rules[0].Name != "ACT_NOW_CAPS" || res.Rules[15].Name != "TO_NO_BRKTS_PCNT" {
		t.Errorf("symbols %+v", res)
	}
	res, err = c.Score(context.Background(), letter)
	if err != nil {
		t.Fatal(err)
	}
	if <-got; !res.Spam || res.Score != 11.4 || res.Threshold != 5 || res.Rules != nil {
		t.Errorf("check %+v", res)
	}
}

func TestPing(t *testing.T) {
	addr, got := fakeSpamd(t, func(request) string { return "SPAMD/1.5 0 PONG\r\n" })
	if err := (Client{Addr: addr}).Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	if req := <-got; req.line != "PING SPAMC/1.5" || req.header.Get("Content-Length") != "" {
		t.Errorf("request %q %v", req.line, req.header)
	}
}

func TestNotSpamAndNoTable(t *testing.T) {
	addr, _ := fakeSpamd(t, func(request) string {
		body := "Spam detection software has NOT identified this incoming email as spam.\n"
		return "SPAMD/1.1 0 EX_OK\r\nContent-length: " + strconv.Itoa(len(body)) + "\r\nSpam: False ; -0.4 / 5.0\r\n\r\n" + body
	})
	res, err := Client{Addr: addr}.Check(context.Background(), letter)
	if err != nil || res.Spam || res.Score != -0.4 || res.Rules != nil {
		t.Fatalf("%+v %v", res, err)
	}
}

func TestSpamdRefusal(t *testing.T) {
	addr, _ := fakeSpamd(t, func(request) string {
		return "SPAMD/1.0 76 Bad header line: (header not in 'Name: value' format)\r\n"
	})
	_, err := Client{Addr: addr}.Check(context.Background(), letter)
	var se *Error
	if !errors.As(err, &se) || se.Code != 76 || !strings.HasPrefix(se.Message, "Bad header line") {
		t.Fatalf("error %v", err)
	}
}

func TestMalformedAnswers(t *testing.T) {
	tests := []struct{ name, answer, want string }{
		{"nothing", "", "closed the connection without an answer"},
		{"not spamd", "HTTP/1.1 200 OK\r\n\r\n", `starts "HTTP/1.1 200 OK", not SPAMD/1.x`},
		{"bad code", "SPAMD/1.1 x EX_OK\r\n\r\n", `code "x" is not a number`},
		{"not ok", "SPAMD/1.1 0 PONG\r\n\r\n", `REPORT answered "PONG", not EX_OK`},
		{"cut headers", "SPAMD/1.1 0 EX_OK\r\nSpam: True ; 1 / 5\r\n", "ends inside its headers"},
		{"no spam header", "SPAMD/1.1 0 EX_OK\r\nContent-length: 0\r\n\r\n", "no Spam header"},
		{"bad spam header", "SPAMD/1.1 0 EX_OK\r\nSpam: True 7.5\r\n\r\n", `is not "True ; 7.5 / 5.0"`},
		{"bad flag", "SPAMD/1.1 0 EX_OK\r\nSpam: Maybe ; 1 / 5\r\n\r\n", `"Maybe" is neither True nor False`},
		{"nan score", "SPAMD/1.1 0 EX_OK\r\nSpam: True ; NaN / 5\r\n\r\n", `score: "NaN" is not a number`},
		{"bad threshold", "SPAMD/1.1 0 EX_OK\r\nSpam: True ; 1 / five\r\n\r\n", `threshold: "five" is not a number`},
		{"bad length", "SPAMD/1.1 0 EX_OK\r\nContent-length: -3\r\nSpam: True ; 1 / 5\r\n\r\n", `Content-length "-3"`},
		{"short body", "SPAMD/1.1 0 EX_OK\r\nContent-length: 50\r\nSpam: True ; 1 / 5\r\n\r\nabc", "shorter than its Content-length 50"},
		{"bad row", "SPAMD/1.1 0 EX_OK\r\nSpam: True ; 1 / 5\r\n\r\n pts rule name description\n---- ---------- ----------\nthis is not a row\n", `REPORT row "this is not a row"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr, _ := fakeSpamd(t, func(request) string { return tt.answer })
			_, err := Client{Addr: addr}.Check(context.Background(), letter)
			if !errors.Is(err, ErrProtocol) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want ErrProtocol containing %q", err, tt.want)
			}
		})
	}
}

func TestBadRequests(t *testing.T) {
	ctx := context.Background()
	if _, err := (Client{}).Check(ctx, letter); err == nil || !strings.Contains(err.Error(), "no address") {
		t.Errorf("no address: %v", err)
	}
	c := Client{Addr: "127.0.0.1:1"}
	if _, err := c.Check(ctx, nil); err == nil || !strings.Contains(err.Error(), "the message is empty") {
		t.Errorf("empty: %v", err)
	}
	if _, err := c.Check(ctx, make([]byte, MaxMessage+1)); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("too big: %v", err)
	}
	addr, _ := fakeSpamd(t, func(request) string { return "" })
	if _, err := (Client{Addr: addr, User: "a\r\nContent-length: 0"}).Check(ctx, letter); err == nil || !strings.Contains(err.Error(), "line break") {
		t.Errorf("user with CR/LF: %v", err)
	}
	if _, err := (Client{Addr: "127.0.0.1:1"}).Check(ctx, letter); err == nil || !strings.Contains(err.Error(), "spamd at 127.0.0.1:1") {
		t.Errorf("nobody listening: %v", err)
	}
}

// A spamd that never answers costs the Timeout, not forever; a cancelled
// context ends the wait at once.
func TestTimeoutAndCancel(t *testing.T) {
	block := make(chan struct{})
	t.Cleanup(func() { close(block) })
	addr, _ := fakeSpamd(t, func(request) string { <-block; return "" })
	start := time.Now()
	_, err := Client{Addr: addr, Timeout: 200 * time.Millisecond}.Check(context.Background(), letter)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("timeout: %v after %v", err, time.Since(start))
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start = time.Now()
	_, err = Client{Addr: addr}.Check(ctx, letter)
	if !errors.Is(err, context.Canceled) || time.Since(start) > 5*time.Second {
		t.Errorf("cancel: %v after %v", err, time.Since(start))
	}
}
