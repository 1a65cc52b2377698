package app

import (
	"context"
	"net/http"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"b2x/errs"
	"b2x/ids"
	"b2x/staff"
	"b2x/store"
)

// MaxTenderFile bounds one document uploaded to a tender. Documents are kept in
// the database (tender_files), not in a files directory: one backup holds them,
// every b2x process on the database serves them, and a tender's documents
// cannot outlive the transaction that added them.
const MaxTenderFile = 10 << 20

// tenderFileTypes are the content types a tender document may have, as sniffed
// from its bytes (http.DetectContentType); what the browser claims is not
// trusted. Office documents are zip containers.
var tenderFileTypes = []string{"application/pdf", "application/zip", "image/png", "image/jpeg", "text/plain; charset=utf-8"}

// UploadTenderFile attaches a document to a tender. Its content type is taken
// from its bytes and must be one of PDF, ZIP (Office documents), PNG, JPEG or
// UTF-8 text; it may not be empty or larger than MaxTenderFile.
func (a *App) UploadTenderFile(ctx context.Context, actor Actor, tenderID, name string, data []byte) (store.TenderFile, error) {
	if err := require(actor, staff.TendersEdit); err != nil {
		return store.TenderFile{}, err
	}
	if !ids.Valid(tenderID) {
		return store.TenderFile{}, errs.E(errs.NotFound, "no tender %s", tenderID)
	}
	name = strings.TrimSpace(path.Base(strings.ReplaceAll(name, `\`, "/")))
	var fs errs.Fields
	if name == "" || name == "." || name == "/" || utf8.RuneCountInString(name) > 200 || !utf8.ValidString(name) ||
		strings.ContainsAny(name, "\r\n\"") {
		fs.Add("file", "needs a name of at most 200 characters")
	}
	ct := http.DetectContentType(data)
	switch {
	case len(data) == 0:
		fs.Add("file", "is empty")
	case len(data) > MaxTenderFile:
		fs.Add("file", "is larger than %d MB", MaxTenderFile>>20)
	case !slices.Contains(tenderFileTypes, ct):
		fs.Add("file", "is %s; a PDF, Office document, PNG, JPEG or text is expected", ct)
	}
	if err := fs.Err(); err != nil {
		return store.TenderFile{}, err
	}
	now := a.clock()
	f := store.TenderFile{ID: ids.At(now), TenderID: tenderID, Name: name, ContentType: ct, Size: len(data), Data: data,
		UploadedAt: now, UploadedBy: actor.Label()}
	err := a.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Tender(ctx, tenderID); err != nil {
			return err
		}
		if err := tx.InsertTenderFile(ctx, &f); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "tender.file_add", "tender", tenderID,
			map[string]any{"file_id": f.ID, "name": f.Name, "content_type": f.ContentType, "size": f.Size})
	})
	return f, err
}

// TenderFiles lists a tender's uploaded documents without their bytes.
func (a *App) TenderFiles(ctx context.Context, actor Actor, tenderID string) ([]store.TenderFile, error) {
	if err := require(actor, staff.CRMRead); err != nil {
		return nil, err
	}
	if !ids.Valid(tenderID) {
		return nil, errs.E(errs.NotFound, "no tender %s", tenderID)
	}
	var out []store.TenderFile
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.TenderFiles(ctx, tenderID)
		return err
	})
	return out, err
}

// TenderFile returns one uploaded document with its bytes.
func (a *App) TenderFile(ctx context.Context, actor Actor, tenderID, id string) (store.TenderFile, error) {
	if err := require(actor, staff.CRMRead); err != nil {
		return store.TenderFile{}, err
	}
	if !ids.Valid(tenderID) || !ids.Valid(id) {
		return store.TenderFile{}, errs.E(errs.NotFound, "no document %s", id)
	}
	var f store.TenderFile
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		f, err = tx.TenderFile(ctx, tenderID, id)
		return err
	})
	return f, err
}
