package store

import (
	"context"

	"b2x/campaign"
)

// AudienceLanguages returns, by address key, the language each address reads
// letters in, where something says it: a contact's language (kept at portal
// sign-in) first, then the language a person last ordered in, then the
// language of their latest alert subscription. Addresses without any are
// left out.
func (tx *Tx) AudienceLanguages(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	// From the weakest to the strongest source: each overwrites the one before.
	for _, q := range []string{
		`SELECT COALESCE(s.email, p.email, ''), s.lang FROM alert_subscriptions s LEFT JOIN persons p ON p.id = s.person_id
			ORDER BY s.created_at, s.id`,
		`SELECT p.email, COALESCE((SELECT ol.lang FROM orders o JOIN order_languages ol ON ol.order_id = o.id
			WHERE o.person_id = p.id ORDER BY o.placed_at DESC, o.id DESC LIMIT 1), '')
			FROM persons p WHERE p.email <> ''`,
		`SELECT email, lang FROM contacts WHERE email <> '' ORDER BY id DESC`, // the first contact of an address wins, as in Audience
	} {
		if err := tx.addLanguages(ctx, q, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (tx *Tx) addLanguages(ctx context.Context, q string, out map[string]string) error {
	rows, err := tx.q.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var email, lang string
		if err := rows.Scan(&email, &lang); err != nil {
			return err
		}
		if email != "" && lang != "" {
			out[campaign.EmailKey(email)] = lang
		}
	}
	return rows.Err()
}
