package main

import (
	"os"
	"testing"
)

// TestMain lets a test run this test binary as b2x itself in a child process
// (B2X_TEST_AS_B2X=1 and b2x's arguments), so a test can kill a real server
// with SIGKILL.
func TestMain(m *testing.M) {
	if os.Getenv("B2X_TEST_AS_B2X") == "1" {
		os.Args = append([]string{"b2x"}, os.Args[1:]...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}
