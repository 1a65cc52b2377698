package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"b2x/staff"
)

func cmdUser(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("usage: b2x user add --email E --role ROLE [--name N] (password from stdin): %w", errUsage)
	}
	fs, dsn := flags("user add", e)
	email := fs.String("email", "", "the user's email (their sign-in name)")
	name := fs.String("name", "", "the user's full name")
	role := fs.String("role", "", "one of admin, sales_manager, account_manager, warehouse, marketing, support")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	password, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && password == "" {
		return fmt.Errorf("read the password from stdin: %w", err)
	}
	password = strings.TrimRight(password, "\r\n")
	a, closeDB, err := open(ctx, e, *dsn)
	if err != nil {
		return err
	}
	defer closeDB()
	u, err := a.AddUser(ctx, *email, *name, staff.Role(*role), password)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "user %s (%s) added with id %s\n", u.Email, u.Role, u.ID)
	return nil
}

func cmdToken(ctx context.Context, e *env, args []string) error {
	const use = "usage: b2x token create (--user E | --contact CONTACT_ID) [--name N]"
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("%s: %w", use, errUsage)
	}
	fs, dsn := flags("token create", e)
	user := fs.String("user", "", "email of the staff user the token acts for")
	contact := fs.String("contact", "", "id of the contact (a buyer) the token acts for")
	name := fs.String("name", "", "what the token is for, e.g. the program that uses it")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if (*user == "") == (*contact == "") {
		return fmt.Errorf("%s: give exactly one of --user and --contact: %w", use, errUsage)
	}
	a, closeDB, err := open(ctx, e, *dsn)
	if err != nil {
		return err
	}
	defer closeDB()
	var token string
	if *contact != "" {
		token, err = a.CreateContactToken(ctx, *contact, *name)
	} else {
		token, err = a.CreateToken(ctx, *user, *name)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, token)
	return nil
}
