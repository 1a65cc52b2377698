package account

import (
	"net/netip"
	"time"
)

// Sign-in throttling. Every password check first claims a slot in a sliding
// window of ThrottleWindow under each of its keys; a claim beyond a key's limit
// is refused before any hash is computed. A successful check gives its slots
// back, so the limits count failures (plus checks still running).
const ThrottleWindow = time.Minute

// Limits per window.
const (
	MaxFailuresPerAccount = 10 // per email, whether or not an account has it
	MaxFailuresPerAddress = 50 // per client address (an IPv6 /64), over all emails
	MaxSignUpsPerAddress  = 20 // sign-ups hash a password too
)

// Limit is one throttle key and its limit per window.
type Limit struct {
	Key string
	Max int
}

// SignInLimits are the limits a password check of an email of kind claims
// against: the email's, and the client address's when known. The email key does
// not depend on whether an account exists, so the throttle reveals nothing.
func SignInLimits(kind Kind, email, remoteAddr string) []Limit {
	ls := []Limit{{Key: string(kind) + ":" + EmailKey(email), Max: MaxFailuresPerAccount}}
	if a := AddressKey(remoteAddr); a != "" {
		ls = append(ls, Limit{Key: "addr:" + a, Max: MaxFailuresPerAddress})
	}
	return ls
}

// SignUpLimits are the limits a sign-up claims against.
func SignUpLimits(remoteAddr string) []Limit {
	if a := AddressKey(remoteAddr); a != "" {
		return []Limit{{Key: "signup:" + a, Max: MaxSignUpsPerAddress}}
	}
	return nil
}

// AddressKey names a client for throttling: the IP of "ip" or "ip:port" (an
// http.Request's RemoteAddr), an IPv6 client by its /64 network because one host
// commonly holds a whole /64. Empty when the address is unknown.
func AddressKey(remote string) string {
	if remote == "" {
		return ""
	}
	ip, err := netip.ParseAddr(remote)
	if err != nil {
		ap, err := netip.ParseAddrPort(remote)
		if err != nil {
			if len(remote) > 100 {
				remote = remote[:100]
			}
			return remote
		}
		ip = ap.Addr()
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// RetryAfter is how long a refused claim waits until the oldest attempt in the
// window leaves it, at least one second.
func RetryAfter(oldest, now time.Time) time.Duration {
	d := oldest.Add(ThrottleWindow).Sub(now)
	if d < time.Second {
		return time.Second
	}
	return d.Round(time.Second)
}
