package campaign

import (
	"regexp"

	"b2x/errs"
)

var langRe = regexp.MustCompile(`^[a-z]{2,3}$`)

// checkLanguages checks a segment's languages: language codes, each once.
func checkLanguages(fs *errs.Fields, langs []string) {
	seen := map[string]bool{}
	for _, l := range langs {
		if !langRe.MatchString(l) || seen[l] {
			fs.Add("languages", "are language codes such as en, ru, fa, each once")
			return
		}
		seen[l] = true
	}
}
