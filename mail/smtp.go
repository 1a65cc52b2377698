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
)

// SMTP sends through an SMTP server, one connection per message.
type SMTP struct {
	client *gomail.Client
	host   string
}

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
	return &SMTP{client: c, host: host}, nil
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
	if err := s.client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("mail: send to %s via %s: %w", m.To[0].Email, s.host, err)
	}
	return nil
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
