package spamd

import (
	"regexp"
	"strings"
)

// The REPORT table, as SpamAssassin prints it:
//
//	 pts rule name              description
//	---- ---------------------- --------------------------------------------------
//	-0.0 NO_RECEIVED            Informational: message has no Received headers
//	 0.2 NORMAL_HTTP_TO_IP      URI: URI host has a public dotted-decimal IPv4
//	                            address
var (
	tableRule = regexp.MustCompile(`^-{3,}\s+-{3,}\s+-{3,}\s*$`)
	tableRow  = regexp.MustCompile(`^\s{0,3}(-?[0-9]+(?:\.[0-9]+)?)\s+(\S+)(?:\s+(.*))?$`)
)

// parseReport reads the rule table of a REPORT body. A report without a table
// (no rule hit) has no rules.
func parseReport(body string) ([]Rule, error) {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	lines := strings.Split(body, "\n")
	start := -1
	for i, l := range lines {
		if tableRule.MatchString(l) {
			start = i + 1
			break
		}
	}
	if start < 0 {
		return nil, nil
	}
	var rules []Rule
	for _, l := range lines[start:] {
		if strings.TrimSpace(l) == "" {
			break
		}
		if m := tableRow.FindStringSubmatch(l); m != nil && ruleName(m[2]) {
			score, err := number(m[1])
			if err != nil {
				return nil, protocolErr("REPORT row %q: %v", trunc(l, 60), err)
			}
			rules = append(rules, Rule{Name: m[2], Score: score, Description: strings.TrimSpace(m[3])})
			continue
		}
		if len(rules) > 0 && strings.HasPrefix(l, "     ") {
			r := &rules[len(rules)-1]
			r.Description = strings.TrimSpace(r.Description + " " + strings.TrimSpace(l))
			continue
		}
		return nil, protocolErr("REPORT row %q is neither a rule nor a continued description", trunc(l, 60))
	}
	return rules, nil
}

// ruleName tells whether s can be a SpamAssassin rule name (letters, digits,
// underscores; meta and plugin rules stay within these).
func ruleName(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for _, c := range s {
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
