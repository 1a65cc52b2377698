// Package crm is the back-office CRM domain: the deal pipeline with its stages and
// forecast (S9), activities and their follow-ups and calendar export (S11), account
// managers and their workload (S14), and tenders (S5). It is pure: no database and no
// HTTP; app runs these rules inside a transaction and store persists the results.
package crm
