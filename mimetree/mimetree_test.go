package mimetree

import (
	"bufio"
	"net/mail"
	"net/textproto"
	"strings"
	"testing"
)

func walkAll(t *testing.T, msg string, lim Limits) ([]Part, [][]byte, error) {
	t.Helper()
	m, err := mail.ReadMessage(bufio.NewReader(strings.NewReader(msg)))
	if err != nil {
		t.Fatal(err)
	}
	var parts []Part
	var bodies [][]byte
	err = Walk(textproto.MIMEHeader(m.Header), m.Body, lim, func(p Part) error {
		b, err := p.Text(1 << 10)
		if err != nil {
			return err
		}
		parts, bodies = append(parts, p), append(bodies, b)
		return nil
	})
	return parts, bodies, err
}

const nested = "Content-Type: multipart/mixed; boundary=a\r\n\r\n" +
	"--a\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n" +
	"--b\r\nContent-Type: text/plain; charset=koi8-r\r\nContent-Transfer-Encoding: base64\r\n\r\n0M/L\r\n wQ==\r\n--b--\r\n" +
	"--a\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>a=3Db</p>\r\n--a--\r\n"

func TestWalkVisitsContainersThenLeavesDecoded(t *testing.T) {
	parts, bodies, err := walkAll(t, nested, Limits{Depth: 4, Parts: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, p := range parts {
		got = append(got, p.MediaType+"="+string(bodies[i]))
	}
	// base64 wrapped with a space, KOI8-R "пока" converted to UTF-8.
	want := "multipart/mixed=,multipart/alternative=,text/plain=пока,text/html=<p>a=b</p>"
	if strings.Join(got, ",") != want {
		t.Fatalf("got %q\nwant %q", strings.Join(got, ","), want)
	}
}

func TestWalkLimits(t *testing.T) {
	if _, _, err := walkAll(t, nested, Limits{Depth: 1, Parts: 10}); err == nil || !strings.Contains(err.Error(), "nested more than 1 deep") {
		t.Errorf("depth limit: %v", err)
	}
	if _, _, err := walkAll(t, nested, Limits{Depth: 4, Parts: 3}); err == nil || !strings.Contains(err.Error(), "more than 3 MIME parts") {
		t.Errorf("parts limit: %v", err)
	}
	big := "Content-Type: text/plain\r\n\r\n" + strings.Repeat("x", 2<<10)
	if _, _, err := walkAll(t, big, Limits{Depth: 4, Parts: 3}); err == nil || !strings.Contains(err.Error(), "larger than 1 KiB") {
		t.Errorf("size limit: %v", err)
	}
	bad := "Content-Type: text/plain; charset=no-such\r\n\r\nx"
	if _, _, err := walkAll(t, bad, Limits{Depth: 4, Parts: 3}); err == nil || !strings.Contains(err.Error(), `unsupported charset "no-such"`) {
		t.Errorf("charset: %v", err)
	}
}
