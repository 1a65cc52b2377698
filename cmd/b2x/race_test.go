//go:build race

package main

// raceDetector tells tests that the race detector slows this binary down.
const raceDetector = true
