package catalog

import (
	"regexp"

	"b2x/errs"
)

// Category groups products for browsing; categories form a tree through Parent.
type Category struct {
	Slug   string
	Name   string
	Parent string // slug of the parent, empty at the top
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// ValidSlug reports whether s may be a category slug.
func ValidSlug(s string) bool { return slugPattern.MatchString(s) }

// Validate checks the category's fields.
func (c *Category) Validate() error {
	var fs errs.Fields
	if !ValidSlug(c.Slug) {
		fs.Add("slug", "must be lower-case letters, digits and '-', at most 63 characters")
	}
	checkText(&fs, "name", c.Name, 1, 100)
	if c.Parent != "" && (!ValidSlug(c.Parent) || c.Parent == c.Slug) {
		fs.Add("parent", "must be the slug of another category")
	}
	return fs.Err()
}
