package shop

import "time"

// cartCookie holds a guest's cart token; a signed-in customer's cart is found by
// the account.
const cartCookie = "b2x_cart"

// cartCookieLife is how long a guest cart is kept across visits; app.ExpireCarts
// deletes carts idle for longer.
const cartCookieLife = 60 * 24 * time.Hour
