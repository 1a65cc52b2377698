package review

// Summary is what a product page or a list shows of a product's approved reviews.
type Summary struct {
	SKU   string
	Count int
	// Average is the mean rating rounded half up to one decimal, 0 without reviews.
	Average float64
	// Histogram counts the reviews per rating: Histogram[0] is one star, [4] five.
	Histogram [5]int
}

// Summarize computes a summary from the number of reviews per rating. The average
// is rounded in integers, so 4.25 is 4.3 and not whatever a float makes of it.
func Summarize(sku string, histogram [5]int) Summary {
	s := Summary{SKU: sku, Histogram: histogram}
	var stars int
	for i, n := range histogram {
		s.Count += n
		stars += (i + 1) * n
	}
	if s.Count > 0 {
		tenths := (stars*20 + s.Count) / (2 * s.Count) // round(stars*10/count), half up
		s.Average = float64(tenths) / 10
	}
	return s
}
