package api

import (
	"net/http"
	"time"

	"b2x/app"
	"b2x/staff"
)

type staffUserJSON struct {
	ID          string             `json:"id"`
	Email       string             `json:"email"`
	Name        string             `json:"name"`
	Role        staff.Role         `json:"role"`
	Permissions []staff.Permission `json:"permissions"`
	Disabled    bool               `json:"disabled"`
	CreatedAt   time.Time          `json:"created_at"`
}

func staffUserOut(u staff.User) staffUserJSON {
	return staffUserJSON{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, Permissions: nonNil(staff.Grants(u.Role)),
		Disabled: u.Disabled, CreatedAt: u.CreatedAt}
}

func (s *Server) listStaffUsers(w http.ResponseWriter, r *http.Request) error {
	us, err := s.app.StaffUsers(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": views(us, staffUserOut)})
}

type staffUserIn struct {
	Email    string     `json:"email"`
	Name     string     `json:"name"`
	Role     staff.Role `json:"role"`
	Password string     `json:"password"`
}

func (s *Server) createStaffUser(w http.ResponseWriter, r *http.Request) error {
	var in staffUserIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	u, err := s.app.CreateStaffUser(r.Context(), actorOf(r), in.Email, in.Name, in.Role, in.Password)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, staffUserOut(u))
}

// staffUserPatch changes a staff user; absent fields stay as they are.
type staffUserPatch struct {
	Name     *string     `json:"name"`
	Role     *staff.Role `json:"role"`
	Disabled *bool       `json:"disabled"`
}

func (s *Server) updateStaffUser(w http.ResponseWriter, r *http.Request) error {
	var in staffUserPatch
	if err := decode(w, r, &in); err != nil {
		return err
	}
	u, err := s.app.UpdateStaffUser(r.Context(), actorOf(r), r.PathValue("id"),
		app.StaffChange{Name: in.Name, Role: in.Role, Disabled: in.Disabled})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, staffUserOut(u))
}

func (s *Server) resetStaffPassword(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Password string `json:"password"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := s.app.ResetStaffPassword(r.Context(), actorOf(r), r.PathValue("id"), in.Password); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
