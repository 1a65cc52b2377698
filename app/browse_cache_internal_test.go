package app

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"b2x/search"
)

// Shoppers asking for the same listing while the cache learns the catalog
// version for the first time share one read of its rows.
func TestListingRowsReadOnceWhenCold(t *testing.T) {
	c := newBrowseCache(time.Second)
	var versions, loads atomic.Int32
	release := make(chan struct{})
	version := func(context.Context) (int64, error) {
		versions.Add(1)
		<-release
		return 7, nil
	}
	load := func(context.Context) (*search.Rows, error) {
		loads.Add(1)
		return search.Index([]search.Row{{SKU: "A"}}), nil
	}
	ctx := context.Background()
	var wg sync.WaitGroup
	read := func() {
		if _, err := c.listingRows(ctx, "k", 0, false, version, load); err != nil {
			t.Error(err)
		}
	}
	wg.Go(read)
	waitFor(t, func() bool { return versions.Load() == 1 })
	wg.Go(read)
	// The second shopper either reads the version too or, as it used to,
	// goes on with the zero version and reads the rows at once.
	waitFor(t, func() bool { return versions.Load() == 2 || loads.Load() > 0 })
	close(release)
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Errorf("rows read %d times, want 1", n)
	}
	// Later shoppers are served from memory.
	read()
	if n := loads.Load(); n != 1 {
		t.Errorf("rows read %d times after a third shopper, want 1", n)
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !ok(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
	}
}
