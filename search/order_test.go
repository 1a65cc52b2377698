package search

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// The best k kept on the way are the first k of a full sort.
func TestFirstInOrderIsThePrefixOfASort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		n := r.IntN(300)
		vals := make([]int, n)
		for i := range vals {
			vals[i] = r.IntN(20) // many ties, broken by index as group keys break them
		}
		compare := func(a, b int32) int {
			if c := cmp.Compare(vals[a], vals[b]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		}
		all := make([]int32, n)
		for i := range all {
			all[i] = int32(i)
		}
		slices.SortFunc(all, compare)
		k := r.IntN(n + 1)
		if got := firstInOrder(n, k, compare); !slices.Equal(got, all[:k]) && !(k == 0 && len(got) == 0) {
			t.Fatalf("n=%d k=%d: got %v, want %v", n, k, got, all[:k])
		}
	}
}
