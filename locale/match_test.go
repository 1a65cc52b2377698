package locale

import (
	"strings"
	"testing"
)

func TestSupported(t *testing.T) {
	var codes []string
	for _, l := range Supported() {
		codes = append(codes, l.Code)
		want := "ltr"
		if l.Code == "fa" {
			want = "rtl"
		}
		if l.Dir != want {
			t.Errorf("%s: Dir %q, want %q", l.Code, l.Dir, want)
		}
		if b, _ := l.Tag.Base(); b.String() != l.Code {
			t.Errorf("%s: Tag %v", l.Code, l.Tag)
		}
	}
	if got := strings.Join(codes, ","); got != "en,ru,fa" {
		t.Errorf("Supported = %s", got)
	}
	Supported()[0].Code = "xx"
	if Default().Code != "en" {
		t.Error("Supported does not return a copy")
	}
	if _, ok := Get("de"); ok {
		t.Error(`Get("de") found a locale`)
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		url, cookie, header, want string
	}{
		{"", "", "", "en"},
		// Priority: URL, then cookie, then header.
		{"fa", "ru", "en", "fa"},
		{"", "ru", "fa", "ru"},
		{"", "", "fa", "fa"},
		{"RU", "", "", "ru"},
		{"fa-IR", "", "", "fa"},
		// Unsupported or malformed URL/cookie values are skipped.
		{"de", "ru", "fa", "ru"},
		{"de", "xx-!!", "fa", "fa"},
		{"../../etc", "", "ru", "ru"},
		{"", "de", "", "en"},
		{strings.Repeat("a", 100), "", "fa", "fa"},
		// Headers with regions and q-values.
		{"", "", "fa-IR", "fa"},
		{"", "", "fa-IR,fa;q=0.9,en;q=0.8", "fa"},
		{"", "", "ru-RU;q=0.9", "ru"},
		{"", "", "ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"},
		{"", "", "en;q=0.5, ru;q=0.9", "ru"},
		{"", "", "en-GB", "en"},
		{"", "", "de", "en"},
		{"", "", "de-DE,de;q=0.9", "en"},
		{"", "", "de, fa;q=0.3", "fa"},
		{"", "", "ru;q=0", "en"},
		{"", "", "*", "en"},
		{"", "", "fa-AF", "fa"},
		// Garbage headers fall back to en.
		{"", "", "!!!", "en"},
		{"", "", ";;;q=", "en"},
		{"", "", "ru;q=abc", "en"},
		{"", "", "\x00\xff", "en"},
		{"", "", strings.Repeat("ru,", 1000), "en"},
	}
	for _, tt := range tests {
		if got := Match(tt.url, tt.cookie, tt.header).Code; got != tt.want {
			t.Errorf("Match(%q, %q, %.40q) = %s, want %s", tt.url, tt.cookie, tt.header, got, tt.want)
		}
	}
}

func FuzzMatch(f *testing.F) {
	for _, s := range []string{"", "fa-IR", "ru-RU;q=0.9", "en;q=0.5, ru", "*;q=0.1", "x-\xff;q=1e9", "zh-Hant-TW-u-nu-hanidec"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		l := Match(header, header, header)
		if _, ok := Get(l.Code); !ok {
			t.Fatalf("Match(%q) = %+v, not a supported locale", header, l)
		}
		l = Match("", "", header)
		if _, ok := Get(l.Code); !ok {
			t.Fatalf("Match(%q) = %+v, not a supported locale", header, l)
		}
	})
}
