package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	netmail "net/mail"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// SMTP sends through an SMTP server. Connections are kept open between
// messages (at most maxIdle of them, each for up to maxUses messages and
// idleFor seconds), because a new connection per message — TCP, greeting,
// EHLO, AUTH — cost more than the message: a campaign sends thousands.
type SMTP struct {
	client *gomail.Client
	// quick sends on a connection used moments ago without the NOOP that
	// client sends first to see whether a kept connection still works.
	quick *gomail.Client
	host  string
	idle  chan pooled
}

type pooled struct {
	c     *smtp.Client
	uses  int
	since time.Time
}

const (
	maxIdle = 32
	maxUses = 500
	idleFor = 20 * time.Second
	// fresh is how recently a connection must have carried a message to skip
	// the NOOP check.
	fresh = time.Second
)

var _ Sender = (*SMTP)(nil)

// NewSMTP configures a sender from a URL:
//
//	smtp://user:password@host:port   STARTTLS (port 587 when none is given)
//	smtps://user:password@host:port  TLS from the first byte (port 465)
//
// User and password are optional. With smtp://, STARTTLS is required for any
// host but the local machine (localhost, 127.0.0.0/8, ::1), where it is used when
// the server offers it: a relay on the same machine often has no certificate,
// and the message never crosses a network. ?tls=mandatory|opportunistic|none
// overrides that choice. Credentials are never sent in clear to another host.
func NewSMTP(rawURL string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("mail: B2X_SMTP_URL: %w", err)
	}
	host := u.Hostname()
	if host == "" || (u.Scheme != "smtp" && u.Scheme != "smtps") {
		return nil, fmt.Errorf("mail: B2X_SMTP_URL must look like smtp://user:pass@host:port or smtps://…")
	}
	opts := []gomail.Option{gomail.WithTimeout(30 * time.Second)}
	port := 587
	if u.Scheme == "smtps" {
		port = 465
		opts = append(opts, gomail.WithSSL())
	} else {
		policy := gomail.TLSMandatory
		if loopback(host) {
			policy = gomail.TLSOpportunistic
		}
		switch t := u.Query().Get("tls"); t {
		case "":
		case "mandatory":
			policy = gomail.TLSMandatory
		case "opportunistic":
			policy = gomail.TLSOpportunistic
		case "none":
			policy = gomail.NoTLS
		default:
			return nil, fmt.Errorf("mail: B2X_SMTP_URL: tls=%q: want mandatory, opportunistic or none", t)
		}
		opts = append(opts, gomail.WithTLSPortPolicy(policy))
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("mail: B2X_SMTP_URL: bad port %q", p)
		}
	}
	opts = append(opts, gomail.WithPort(port))
	if u.User != nil && u.User.Username() != "" {
		pass, _ := u.User.Password()
		// PLAIN and LOGIN go out only over TLS or to localhost itself: go-mail's
		// own check, which holds whatever the list says.
		opts = append(opts, gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthSCRAMSHA256, gomail.SMTPAuthSCRAMSHA1,
			gomail.SMTPAuthCramMD5, gomail.SMTPAuthPlain, gomail.SMTPAuthLogin),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	c, err := gomail.NewClient(host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: %w", err)
	}
	quick, err := gomail.NewClient(host, append(opts, gomail.WithoutNoop())...)
	if err != nil {
		return nil, fmt.Errorf("mail: %w", err)
	}
	return &SMTP{client: c, quick: quick, host: host, idle: make(chan pooled, maxIdle)}, nil
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Send validates m and delivers it.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := compose(m)
	if err != nil {
		return err
	}
	for {
		p, reused, err := s.conn(ctx)
		if err != nil {
			return fmt.Errorf("mail: send to %s via %s: %w", m.To[0].Email, s.host, err)
		}
		c := s.client
		if reused && time.Since(p.since) < fresh {
			c = s.quick
		}
		err = c.SendWithSMTPClient(p.c, msg)
		var se *gomail.SendError
		if err != nil && reused && errors.As(err, &se) && (se.Reason == gomail.ErrConnCheck || se.ErrorCode() == 0) {
			// The kept connection broke (the NOOP failed, or a command got
			// no SMTP reply at all): the server closed it; try a new one.
			s.client.CloseWithSMTPClient(p.c)
			continue
		}
		if err != nil {
			s.client.CloseWithSMTPClient(p.c)
			return fmt.Errorf("mail: send to %s via %s: %w", m.To[0].Email, s.host, err)
		}
		s.release(p)
		return nil
	}
}

// conn takes a kept connection, or dials a new one.
func (s *SMTP) conn(ctx context.Context) (pooled, bool, error) {
	for {
		select {
		case p := <-s.idle:
			if time.Since(p.since) < idleFor {
				return p, true, nil
			}
			s.client.CloseWithSMTPClient(p.c)
			continue
		default:
		}
		c, err := s.client.DialToSMTPClientWithContext(ctx)
		return pooled{c: c}, false, err
	}
}

// release keeps a connection for the next message, or closes it.
func (s *SMTP) release(p pooled) {
	p.uses++
	p.since = time.Now()
	if p.uses < maxUses {
		select {
		case s.idle <- p:
			return
		default:
		}
	}
	s.client.CloseWithSMTPClient(p.c)
}

// compose turns a validated Message into go-mail's.
func compose(m Message) (*gomail.Msg, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	msg := gomail.NewMsg()
	// Addresses go in as structs: go-mail's …Format helpers paste the name into
	// a quoted string and parse it back, so a quote in a name could add a
	// recipient.
	msg.FromMailAddress(netAddress(m.From))
	to := make([]*netmail.Address, len(m.To))
	for i, a := range m.To {
		to[i] = netAddress(a)
	}
	msg.ToMailAddress(to...)
	if m.ReplyTo != nil {
		msg.ReplyToMailAddress(netAddress(*m.ReplyTo))
	}
	msg.Subject(m.Subject)
	for name, value := range m.Headers {
		msg.SetGenHeader(gomail.Header(name), value)
	}
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

func netAddress(a Address) *netmail.Address { return &netmail.Address{Name: a.Name, Address: a.Email} }

// Permanent reports whether a send failed for good: the server refused the
// message or a recipient with a permanent (5xx) reply. Anything else — the
// server unreachable, a temporary refusal — may succeed later.
func Permanent(err error) bool {
	var se *gomail.SendError
	return errors.As(err, &se) && !se.IsTemp()
}

// Log is the sender used when no SMTP server is configured: it writes each
// message to the log instead, text part included, so that a developer sees the
// links a letter carries. Do not use it where logs are kept: reset links are
// secrets.
type Log struct {
	Logger *slog.Logger
}

var _ Sender = Log{}

// Send logs m after the same validation an SMTP send does.
func (l Log) Send(ctx context.Context, m Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	to := make([]string, len(m.To))
	for i, a := range m.To {
		to[i] = a.String()
	}
	lg := l.Logger
	if lg == nil {
		lg = slog.Default()
	}
	lg.InfoContext(ctx, "mail (no B2X_SMTP_URL: logged, not sent)", "from", m.From.String(), "to", to,
		"subject", m.Subject, "text", m.Text)
	return nil
}

// Open returns the sender for rawURL: SMTP when it is set, the log otherwise.
func Open(rawURL string, logger *slog.Logger) (Sender, error) {
	if rawURL == "" {
		return Log{Logger: logger}, nil
	}
	return NewSMTP(rawURL)
}
