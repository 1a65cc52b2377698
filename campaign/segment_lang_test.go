package campaign

import "testing"

func TestSegmentLanguages(t *testing.T) {
	s := Segment{Languages: []string{"ru", "fa"}}
	for lang, want := range map[string]bool{"ru": true, "fa": true, "en": false, "": false} {
		if got := s.Match(Profile{Email: "a@b.test", Lang: lang}); got != want {
			t.Errorf("Match(lang %q) = %v, want %v", lang, got, want)
		}
	}
	if !(Segment{}).Match(Profile{Lang: "fa"}) {
		t.Error("a segment without languages holds for every language")
	}
	for _, langs := range [][]string{{"ru"}, {"en", "ru", "fa"}} {
		if err := (Segment{Languages: langs}).Validate(); err != nil {
			t.Errorf("%v: %v", langs, err)
		}
	}
	for _, langs := range [][]string{{""}, {"ru", "ru"}, {"Russian"}} {
		if err := (Segment{Languages: langs}).Validate(); err == nil {
			t.Errorf("%v passed", langs)
		}
	}
}
