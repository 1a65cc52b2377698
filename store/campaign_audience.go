package store

import (
	"context"
	"fmt"
	"time"

	"b2x/campaign"
)

// AudienceRow is what the store knows of an address for segments and personal
// fields: a contact of an organization, a shop customer, or both.
type AudienceRow struct {
	campaign.Profile
	LifetimeSpend int64 // the loyalty card's; the app turns it into a tier
	HasCard       bool
}

// Audience reads every contact and person with an email address, keyed by
// email key (the first contact or person of an address wins, by id). Orders
// cancelled or returned do not count as purchases.
func (tx *Tx) Audience(ctx context.Context) (map[string]*AudienceRow, error) {
	out := map[string]*AudienceRow{}
	cats := map[string][]string{}
	rows, err := tx.q.QueryContext(ctx, `SELECT DISTINCT o.organization_id, p.category FROM orders o
		JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.sku = l.sku
		WHERE o.organization_id IS NOT NULL AND p.category IS NOT NULL AND o.status NOT IN ('cancelled', 'returned')`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var org, cat string
		if err := rows.Scan(&org, &cat); err != nil {
			rows.Close()
			return nil, err
		}
		cats[org] = append(cats[org], cat)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.q.QueryContext(ctx, `SELECT c.email, c.name, c.role, o.id, o.legal_name, o.industry, o.employees, COALESCE(a.manager, '')
		FROM contacts c JOIN organizations o ON o.id = c.organization_id
		LEFT JOIN account_assignments a ON a.organization_id = o.id AND a.to_at IS NULL
		WHERE c.email <> '' ORDER BY c.id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var r AudienceRow
		var orgID string
		if err := rows.Scan(&r.Email, &r.Name, &r.Role, &orgID, &r.Organization, &r.Industry, &r.Employees, &r.AccountManager); err != nil {
			rows.Close()
			return nil, err
		}
		k := campaign.EmailKey(r.Email)
		if _, seen := out[k]; seen {
			continue
		}
		r.Contact, r.Categories = true, cats[orgID]
		out[k] = &r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.q.QueryContext(ctx, `SELECT p.email, p.name,
		(SELECT MAX(lc.lifetime_spend) FROM loyalty_cards lc WHERE lc.person_id = p.id),
		(SELECT MAX(o.placed_at) FROM orders o WHERE o.person_id = p.id AND o.status NOT IN ('cancelled', 'returned'))
		FROM persons p WHERE p.email <> '' ORDER BY p.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var email, name string
		var spend *int64
		var last aggTime
		if err := rows.Scan(&email, &name, &spend, &last); err != nil {
			return nil, err
		}
		k := campaign.EmailKey(email)
		r := out[k]
		if r == nil {
			r = &AudienceRow{Profile: campaign.Profile{Email: email, Name: name}}
			out[k] = r
		} else if r.Person {
			continue
		}
		r.Person = true
		if spend != nil {
			r.HasCard, r.LifetimeSpend = true, *spend
		}
		if last.valid {
			r.LastPurchase = last.t
		}
	}
	return out, rows.Err()
}

// aggTime scans a time that SQLite returns as text: an aggregate or subquery
// over a TIMESTAMP column loses the column's type there. PostgreSQL returns a
// time.Time as usual.
type aggTime struct {
	t     time.Time
	valid bool
}

func (a *aggTime) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		a.valid = false
		return nil
	case time.Time:
		a.t, a.valid = x.UTC(), true
		return nil
	case []byte:
		v = string(x)
	}
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("store: cannot read %T as a time", v)
	}
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			a.t, a.valid = t.UTC(), true
			return nil
		}
	}
	return fmt.Errorf("store: cannot read %q as a time", s)
}
