package account

import "time"

// ResetTTL is how long a password-reset link works.
const ResetTTL = time.Hour

// MaxResetsPerHour bounds the reset mails one account can be sent: a stranger who
// knows the address must not be able to flood its inbox. Requests past it are
// answered exactly like any other, and no mail goes out.
const MaxResetsPerHour = 3
