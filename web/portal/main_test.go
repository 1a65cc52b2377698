package portal_test

import (
	"os"
	"testing"

	"b2x/store/storetest"
)

// TestMain lets storetest drop the PostgreSQL template the tests' databases are
// copied from.
func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }
