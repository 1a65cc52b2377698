package crm

import "testing"

func TestPipelineValidate(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(p *Pipeline)
		fields []string
	}{
		{"default", func(*Pipeline) {}, nil},
		{"duplicate key", func(p *Pipeline) { p.Stages[1].Key = "lead" }, []string{"stages[1].key"}},
		{"empty key", func(p *Pipeline) { p.Stages[0].Key = "" }, []string{"stages[0].key"}},
		{"probability range", func(p *Pipeline) { p.Stages[0].Probability = 101; p.Stages[1].Probability = -1 },
			[]string{"stages[0].probability", "stages[1].probability"}},
		{"no won", func(p *Pipeline) { p.Stages[5].Won = false }, []string{"stages"}},
		{"two won", func(p *Pipeline) { p.Stages[4].Won = true; p.Stages[4].Probability = 100 }, []string{"stages"}},
		{"no lost", func(p *Pipeline) { p.Stages = p.Stages[:6] }, []string{"stages"}},
		{"two lost ok", func(p *Pipeline) {
			p.Stages = append(p.Stages, Stage{Key: "no_budget", Name: "No budget", Lost: true})
		}, nil},
		{"won and lost", func(p *Pipeline) { p.Stages[6].Won = true; p.Stages[6].Probability = 100 },
			[]string{"stages", "stages[6]"}},
		{"won not 100", func(p *Pipeline) { p.Stages[5].Probability = 90 }, []string{"stages[5].probability"}},
		{"no open", func(p *Pipeline) { p.Stages = p.Stages[5:] }, []string{"stages"}},
		{"blank name", func(p *Pipeline) { p.Stages[2].Name = " " }, []string{"stages[2].name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultPipeline()
			tt.edit(&p)
			wantFields(t, p.Validate(), tt.fields...)
		})
	}
}

func TestProbabilityOf(t *testing.T) {
	p := DefaultPipeline()
	tests := []struct {
		stage    string
		override *int
		want     int
	}{
		{"lead", nil, 10},
		{"proposal", nil, 60},
		{"proposal", pct(75), 75},
		{"proposal", pct(0), 0},
		{"won", pct(50), 100},
		{"lost", pct(50), 0},
		{"unknown", nil, 0},
	}
	for _, tt := range tests {
		o := validOpp()
		o.Stage, o.Probability = tt.stage, tt.override
		if got := p.ProbabilityOf(o); got != tt.want {
			t.Errorf("%s/%v: %d, want %d", tt.stage, tt.override, got, tt.want)
		}
	}
	if s, ok := p.First(); !ok || s.Key != "lead" {
		t.Errorf("First = %v %v", s, ok)
	}
}
