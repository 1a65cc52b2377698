package admin

import (
	"net/http"

	"b2x/app"
	"b2x/staff"
	"b2x/web/page"
)

type staffPage struct {
	Users  []staff.User
	Roles  []staff.Role
	Errors page.FormErrors
	// ErrorsFor is the user whose row's form failed; empty: the add form.
	ErrorsFor string
	Form      struct{ Email, Name, Role string }
}

// staffList lists the staff users with their role and status, with a form to
// add one and, per user, forms to change the role, disable or enable, and set a
// new password.
func (s *Server) staffList(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.renderStaff(w, r, rq, http.StatusOK, staffPage{})
}

func (s *Server) renderStaff(w http.ResponseWriter, r *http.Request, rq *request, status int, d staffPage) error {
	us, err := s.app.StaffUsers(r.Context(), rq.actor)
	if err != nil {
		return err
	}
	d.Users, d.Roles = us, staff.Roles
	s.render(w, r, status, "staff", rq, rq.p.T("admin.staff"), d)
	return nil
}

// formFailed renders the staff page again with a use case's field errors, or
// returns any other error for the error page.
func (s *Server) staffFailed(w http.ResponseWriter, r *http.Request, rq *request, err error, d staffPage) error {
	fe, other := page.AsFormErrorsIn(rq.p, err)
	if other != nil {
		return other
	}
	d.Errors = fe
	return s.renderStaff(w, r, rq, page.FormStatus(err), d)
}

func (s *Server) addStaff(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	var d staffPage
	d.Form.Email, d.Form.Name, d.Form.Role = page.Field(r, "email"), page.Field(r, "name"), page.Field(r, "role")
	_, err := s.app.CreateStaffUser(r.Context(), rq.actor, d.Form.Email, d.Form.Name, staff.Role(d.Form.Role), r.PostFormValue("password"))
	if err != nil {
		return s.staffFailed(w, r, rq, err, d)
	}
	http.Redirect(w, r, "/admin/staff", http.StatusSeeOther)
	return nil
}

// changeStaff changes a user's role, or disables or enables them: the form
// sends role, or disabled=1/0.
func (s *Server) changeStaff(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	var ch app.StaffChange
	if r.PostForm.Has("role") {
		role := staff.Role(page.Field(r, "role"))
		ch.Role = &role
	}
	if r.PostForm.Has("disabled") {
		off := page.Field(r, "disabled") == "1"
		ch.Disabled = &off
	}
	id := r.PathValue("id")
	if _, err := s.app.UpdateStaffUser(r.Context(), rq.actor, id, ch); err != nil {
		return s.staffFailed(w, r, rq, err, staffPage{ErrorsFor: id})
	}
	http.Redirect(w, r, "/admin/staff", http.StatusSeeOther)
	return nil
}

func (s *Server) resetStaffPassword(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := s.app.ResetStaffPassword(r.Context(), rq.actor, id, r.PostFormValue("password")); err != nil {
		return s.staffFailed(w, r, rq, err, staffPage{ErrorsFor: id})
	}
	http.Redirect(w, r, "/admin/staff", http.StatusSeeOther)
	return nil
}
