package api

import (
	"net/http"
	"time"

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
