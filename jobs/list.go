package jobs

import (
	"context"
	"encoding/json"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Job is what the queue knows of one job: for the back office and for tests.
type Job struct {
	ID          int64
	Kind        string
	State       string // available, scheduled, running, retryable, completed, cancelled, discarded
	Attempt     int
	MaxAttempts int
	Args        json.RawMessage
	Errors      []string // one per failed attempt, oldest first
	ScheduledAt time.Time
}

// MaxList bounds List.
const MaxList = 10_000

// List returns up to limit jobs of kind (every kind when kind is empty), oldest
// first. Completed jobs are listed until River's cleaner deletes them (a day).
func (q *Queue) List(ctx context.Context, kind string, limit int) ([]Job, error) {
	p := river.NewJobListParams().First(min(max(limit, 1), MaxList))
	if kind != "" {
		p = p.Kinds(kind)
	}
	res, err := q.inserter.JobList(ctx, p)
	if err != nil {
		return nil, err
	}
	out := make([]Job, len(res.Jobs))
	for i, j := range res.Jobs {
		out[i] = Job{ID: j.ID, Kind: j.Kind, State: string(j.State), Attempt: j.Attempt, MaxAttempts: j.MaxAttempts,
			Args: j.EncodedArgs, ScheduledAt: j.ScheduledAt.UTC()}
		for _, e := range j.Errors {
			out[i].Errors = append(out[i].Errors, e.Error)
		}
	}
	return out, nil
}

// Pending counts the jobs not finished yet — waiting, scheduled, running or
// to be retried — up to MaxList.
func (q *Queue) Pending(ctx context.Context) (int, error) {
	res, err := q.inserter.JobList(ctx, river.NewJobListParams().First(MaxList).States(rivertype.JobStateAvailable,
		rivertype.JobStatePending, rivertype.JobStateRunning, rivertype.JobStateRetryable, rivertype.JobStateScheduled))
	if err != nil {
		return 0, err
	}
	return len(res.Jobs), nil
}
