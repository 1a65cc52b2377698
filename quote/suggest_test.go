package quote

import (
	"slices"
	"testing"

	"b2x/party"
)

func TestSuggestServices(t *testing.T) {
	lacking := func(cs ...party.Capability) party.Organization {
		o := party.Organization{Capabilities: map[party.Capability]bool{}}
		for _, c := range cs {
			o.Capabilities[c] = false
		}
		return o
	}
	having := func(cs ...party.Capability) party.Organization {
		o := lacking()
		for _, c := range cs {
			o.Capabilities[c] = true
		}
		return o
	}
	bricks := goodsLine(1, "BRK-1", 100, 50)
	machine := goodsLine(2, "MILL-9", 1, 2_000_000)
	seats := licenceLine(3, "CAD-SEAT", 10, 12, 40000)
	installs := func(sku string) bool { return sku == "MILL-9" }
	tests := []struct {
		name    string
		org     party.Organization
		lines   []Line
		install func(string) bool
		want    []ServiceKind
	}{
		{"no transport, goods: delivery", lacking(party.OwnTransport), []Line{bricks}, nil, []ServiceKind{Delivery}},
		{"no transport, licences only: nothing to deliver", lacking(party.OwnTransport, party.IT), []Line{seats}, nil,
			[]ServiceKind{Setup, Training, Maintenance}},
		{"own transport", having(party.OwnTransport), []Line{bricks}, nil, nil},
		{"transport not recorded is not a lack", party.Organization{}, []Line{bricks}, nil, nil},
		{"delivery already quoted", lacking(party.OwnTransport), []Line{bricks, serviceLine(2, "SVC-DLV", Delivery, 100)}, nil, nil},
		{"delivery already included", lacking(party.OwnTransport),
			[]Line{bricks, func() Line { l := serviceLine(2, "SVC-DLV", Delivery, 0); l.Included = true; return l }()}, nil, nil},
		{"no accounting: paperwork at the office", lacking(party.Accounting), []Line{bricks}, nil, []ServiceKind{OnSitePaperwork}},
		{"no IT and licences: setup and training, and maintenance", lacking(party.IT), []Line{seats}, nil,
			[]ServiceKind{Setup, Training, Maintenance}},
		{"IT of its own: maintenance only", having(party.IT), []Line{seats}, nil, []ServiceKind{Maintenance}},
		{"no IT but no licences", lacking(party.IT), []Line{bricks}, nil, nil},
		{"licences with maintenance", having(party.IT), []Line{seats, serviceLine(4, "SVC-MNT", Maintenance, 100)}, nil, nil},
		{"goods needing installation", having(), []Line{bricks, machine}, installs, []ServiceKind{Installation}},
		{"goods not needing installation", having(), []Line{bricks}, installs, nil},
		{"installs itself", having(party.Installation), []Line{machine}, installs, nil},
		{"installation already quoted", having(), []Line{machine, serviceLine(4, "SVC-INS", Installation, 100)}, installs, nil},
		{"everything lacking", lacking(party.OwnTransport, party.Accounting, party.IT, party.Installation),
			[]Line{bricks, machine, seats}, installs,
			[]ServiceKind{Delivery, OnSitePaperwork, Installation, Setup, Training, Maintenance}},
	}
	for _, tt := range tests {
		var got []ServiceKind
		for _, s := range SuggestServices(tt.org, tt.lines, tt.install) {
			got = append(got, s.ServiceKind)
			if s.Reason == "" {
				t.Errorf("%s: %s without a reason", tt.name, s.ServiceKind)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
