package main

import (
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"b2x/app"
)

// campaignVariables are the environment variables b2x serve reads for email
// campaigns, with what each means.
var campaignVariables = []struct{ name, help string }{
	{"B2X_CAMPAIGN_SECRET", "key that signs unsubscribe, click and answer links (at least 16 bytes; set it, or links die on restart)"},
	{"B2X_CAMPAIGN_REPRESENTATIVE", "the person letters name to call (S13)"},
	{"B2X_CAMPAIGN_INTERNAL", "comma-separated addresses or @domains test sends may go to besides staff users"},
	{"B2X_CAMPAIGN_WORKERS", "messages sent at once by this process (8)"},
	{"B2X_CAMPAIGN_RATE", "most messages per second from this process (0: no limit)"},
	{"B2X_CAMPAIGN_BATCH", "recipients per batch job (100)"},
	{"B2X_CAMPAIGN_LEASE", "how long a batch job may go silent before another takes it over (1m)"},
	{"B2X_CAMPAIGN_SWEEP", "how often to look for such batches (15s)"},
	{"B2X_CAMPAIGN_PIXEL", "true to count opens with an image"},
	{"B2X_CAMPAIGN_SOFT_BOUNCES", "soft bounces that suppress an address (3)"},
}

// campaignSettings reads the campaign settings from the environment.
func campaignSettings(getenv func(string) string, log *slog.Logger) (app.CampaignConfig, error) {
	var cfg app.CampaignConfig
	var err error
	if s := getenv("B2X_CAMPAIGN_SECRET"); s != "" {
		if len(s) < 16 {
			return cfg, fmt.Errorf("B2X_CAMPAIGN_SECRET must be at least 16 bytes")
		}
		cfg.Secret = []byte(s)
	} else if log != nil {
		log.Warn("B2X_CAMPAIGN_SECRET is not set: campaign links are signed with a random key and stop working when b2x restarts")
	}
	cfg.Representative = strings.TrimSpace(getenv("B2X_CAMPAIGN_REPRESENTATIVE"))
	for _, v := range strings.Split(getenv("B2X_CAMPAIGN_INTERNAL"), ",") {
		if v = strings.TrimSpace(v); v != "" {
			cfg.Internal = append(cfg.Internal, v)
		}
	}
	ints := map[string]*int{"B2X_CAMPAIGN_WORKERS": &cfg.Workers, "B2X_CAMPAIGN_BATCH": &cfg.BatchSize,
		"B2X_CAMPAIGN_SOFT_BOUNCES": &cfg.SoftBounces}
	for name, dst := range ints {
		if s := getenv(name); s != "" {
			if *dst, err = strconv.Atoi(s); err != nil || *dst < 1 || *dst > 10_000 {
				return cfg, fmt.Errorf("%s=%q: want a whole number from 1 to 10000", name, s)
			}
		}
	}
	if s := getenv("B2X_CAMPAIGN_RATE"); s != "" {
		if cfg.Rate, err = strconv.ParseFloat(s, 64); err != nil || cfg.Rate < 0 || cfg.Rate > 1e6 {
			return cfg, fmt.Errorf("B2X_CAMPAIGN_RATE=%q: want messages per second, 0 for no limit", s)
		}
	}
	durs := map[string]*time.Duration{"B2X_CAMPAIGN_LEASE": &cfg.Lease, "B2X_CAMPAIGN_SWEEP": &cfg.Sweep}
	for name, dst := range durs {
		if s := getenv(name); s != "" {
			if *dst, err = time.ParseDuration(s); err != nil || *dst < 100*time.Millisecond {
				return cfg, fmt.Errorf("%s=%q: want a duration of at least 100ms, e.g. 30s", name, s)
			}
		}
	}
	if s := getenv("B2X_CAMPAIGN_PIXEL"); s != "" {
		if cfg.OpenPixel, err = strconv.ParseBool(s); err != nil {
			return cfg, fmt.Errorf("B2X_CAMPAIGN_PIXEL=%q: want true or false", s)
		}
	}
	return cfg, nil
}
