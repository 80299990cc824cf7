// Package store keeps the sales floor in a SQLite file through the pure-Go modernc.org/sqlite
// driver: users and teams, sales, sessions, contests, training results, achievements and chats.
// Open creates the file and applies the schema migrations; queries live on Tx, which Read and Write
// hand to a function so that several queries see and change one consistent state.
//
// Writes go through a single connection, one transaction at a time, so read-modify-write sequences
// (rankings before and after a sale) never interleave; reads use a separate pool and, in WAL mode,
// never wait for a writer.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrNotFound reports a row that does not exist.
var ErrNotFound = errors.New("not found")

// FileName is the database file inside the data directory.
const FileName = "salesfloor.db"

// Store is an open database. It is safe for concurrent use.
type Store struct {
	write *sql.DB
	read  *sql.DB
	path  string
}

// Open opens (creating if needed) the database in dir, creating dir too, and migrates it to the
// current schema.
func Open(ctx context.Context, dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("store: create data directory: %w", err)
	}
	path := filepath.Join(dir, FileName)
	write, err := openDB(path, false)
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	s := &Store{write: write, path: path}
	if err := s.migrate(ctx); err != nil {
		write.Close()
		return nil, err
	}
	// The read pool opens after migration so that it never sees a half-built schema.
	if s.read, err = openDB(path, true); err != nil {
		write.Close()
		return nil, err
	}
	s.read.SetMaxOpenConns(4)
	return s, nil
}

func openDB(path string, readOnly bool) (*sql.DB, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return db, nil
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	return errors.Join(s.read.Close(), s.write.Close())
}

// Read runs fn in a read-only transaction: every query inside sees the same snapshot.
func (s *Store) Read(ctx context.Context, fn func(*Tx) error) error {
	return run(ctx, s.read, fn)
}

// Write runs fn in a read-write transaction, committed when fn returns nil and rolled back
// otherwise. Write transactions run one at a time.
func (s *Store) Write(ctx context.Context, fn func(*Tx) error) error {
	return run(ctx, s.write, fn)
}

func run(ctx context.Context, db *sql.DB, fn func(*Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(&Tx{tx: tx, ctx: ctx}); err != nil {
		if rerr := tx.Rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("store: rollback: %w", rerr))
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// Tx is one transaction; its methods are the store's queries. A Tx is valid only inside the function
// it was handed to.
type Tx struct {
	tx  *sql.Tx
	ctx context.Context
}

func (t *Tx) exec(query string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(t.ctx, query, args...)
}

func (t *Tx) query(query string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(t.ctx, query, args...)
}

func (t *Tx) queryRow(query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(t.ctx, query, args...)
}

// insert runs an INSERT and returns the new row id.
func (t *Tx) insert(query string, args ...any) (int64, error) {
	res, err := t.exec(query, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// ms stores times as Unix milliseconds, which sort and compare as integers.
func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

// notFound turns sql.ErrNoRows into ErrNotFound with what was looked for.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return err
}

// collect scans every row with scan.
func collect[T any](rows *sql.Rows, err error, scan func(*sql.Rows) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
