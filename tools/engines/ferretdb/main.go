// Command ferretdb-server runs FerretDB (MongoDB wire protocol) through FerretDB's
// embeddable package, on its PostgreSQL backend (default) or its SQLite backend.
// It exists because a plain `go install` of FerretDB's own command panics for
// want of build/version/version.txt.
//
// Usage:
//
//	ferretdb-server -listen 127.0.0.1:27017 -postgresql-url postgres://postgres@127.0.0.1:54329/ferretdb [-log-level warn]
//	ferretdb-server -listen 127.0.0.1:27017 -handler sqlite -sqlite-dir /abs/path/data
//	ferretdb-server -ping 127.0.0.1:27017      # exit 0 when a MongoDB `ping` succeeds (it reaches the backend)
//	ferretdb-server -selftest 127.0.0.1:27017  # insert/index/find/drop via the Go driver
//
// The PostgreSQL URL is handed to pgx (pgxpool.ParseConfig): FerretDB adds
// pool_max_conns=50 unless the URL sets it.
//
// SIGTERM / SIGINT stop it gracefully (listener closed, connections drained,
// backend closed).
package main

import (
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	_ "net/http/pprof" // served only when FERRETDB_PPROF_ADDR is set
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	handler := flag.String("handler", "postgresql", "backend: postgresql or sqlite")
	pgURL := flag.String("postgresql-url", "", "PostgreSQL connection string for -handler postgresql, e.g. postgres://postgres@127.0.0.1:54329/ferretdb")
	dir := flag.String("sqlite-dir", "", "directory for the SQLite databases (one file per database) for -handler sqlite")
	level := flag.String("log-level", "warn", "log level: debug, info, warn, error")
	ping := flag.String("ping", "", "only send a MongoDB `ping` command to this address and exit 0 on success")
	selftest := flag.String("selftest", "", "only run insert/index/find/drop through the MongoDB Go driver against this address")
	timeout := flag.Duration("timeout", 3*time.Second, "timeout for -ping")
	flag.Parse()

	if *selftest != "" {
		if err := runSelftest(*selftest); err != nil {
			fmt.Fprintf(os.Stderr, "selftest %s: %v\n", *selftest, err)
			os.Exit(1)
		}
		fmt.Printf("selftest %s: ok\n", *selftest)
		return
	}

	if *ping != "" {
		if err := pingMongo(*ping, *timeout); err != nil {
			fmt.Fprintf(os.Stderr, "ping %s: %v\n", *ping, err)
			os.Exit(1)
		}
		fmt.Printf("ping %s: ok\n", *ping)
		return
	}

	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		fatal(fmt.Errorf("bad -log-level %q: %w", *level, err))
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lvl}))
	slog.SetDefault(logger)

	cfg := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Logger:   logger,
		Handler:  *handler,
	}
	var where string
	switch *handler {
	case "postgresql":
		if *pgURL == "" {
			fmt.Fprintln(os.Stderr, "-postgresql-url is required for -handler postgresql")
			os.Exit(2)
		}
		cfg.PostgreSQLURL = *pgURL
		where = "postgresql " + redactURL(*pgURL)
	case "sqlite":
		if *dir == "" {
			fmt.Fprintln(os.Stderr, "-sqlite-dir is required for -handler sqlite")
			os.Exit(2)
		}
		abs, err := filepath.Abs(*dir)
		if err != nil {
			fatal(err)
		}
		if err = os.MkdirAll(abs, 0o755); err != nil {
			fatal(err)
		}
		cfg.SQLiteURL = "file:" + strings.TrimSuffix(abs, "/") + "/"
		where = "sqlite, data in " + abs
	default:
		fmt.Fprintf(os.Stderr, "-handler must be postgresql or sqlite, not %q\n", *handler)
		os.Exit(2)
	}

	// FERRETDB_PPROF_ADDR=127.0.0.1:6060: Go's profiler over HTTP (go tool pprof http://…/debug/pprof/profile),
	// to see where FerretDB spends its time; off unless set.
	if addr := os.Getenv("FERRETDB_PPROF_ADDR"); addr != "" {
		go func() { fmt.Fprintln(os.Stderr, "pprof:", http.ListenAndServe(addr, nil)) }()
	}

	f, err := ferretdb.New(cfg)
	if err != nil {
		fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	// Written regardless of the log level so the log always shows the start.
	fmt.Fprintf(os.Stderr, "%s ferretdb-server (FerretDB embedded) listening on %s, backend %s\n",
		time.Now().Format(time.RFC3339), *listen, where)

	if err = f.Run(ctx); err != nil {
		fatal(err)
	}
	fmt.Fprintf(os.Stderr, "%s ferretdb-server stopped\n", time.Now().Format(time.RFC3339))
}

// redactURL drops a password from a connection string before it is logged.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "ferretdb-server:", err)
	os.Exit(1)
}

// pingMongo sends OP_MSG {ping: 1, $db: "admin"} and checks that the reply has ok == 1.
// Hand-rolled so that the checker needs no MongoDB driver.
func pingMongo(addr string, timeout time.Duration) error {
	conn, err := net.DialTimeout("tcp", addr, timeout)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(timeout))

	doc := bsonDoc(
		bsonInt32("ping", 1),
		bsonString("$db", "admin"),
	)
	body := make([]byte, 0, 5+len(doc))
	body = binary.LittleEndian.AppendUint32(body, 0) // flagBits
	body = append(body, 0)                           // section kind 0: body
	body = append(body, doc...)

	msg := make([]byte, 16, 16+len(body))
	binary.LittleEndian.PutUint32(msg[0:], uint32(16+len(body)))
	binary.LittleEndian.PutUint32(msg[4:], 1)     // requestID
	binary.LittleEndian.PutUint32(msg[8:], 0)     // responseTo
	binary.LittleEndian.PutUint32(msg[12:], 2013) // OP_MSG
	msg = append(msg, body...)
	if _, err = conn.Write(msg); err != nil {
		return err
	}

	hdr := make([]byte, 16)
	if _, err = io.ReadFull(conn, hdr); err != nil {
		return err
	}
	n := binary.LittleEndian.Uint32(hdr[0:])
	if op := binary.LittleEndian.Uint32(hdr[12:]); op != 2013 {
		return fmt.Errorf("unexpected opCode %d", op)
	}
	if n < 16+5+5 || n > 16<<20 {
		return fmt.Errorf("bad reply length %d", n)
	}
	rest := make([]byte, n-16)
	if _, err = io.ReadFull(conn, rest); err != nil {
		return err
	}
	if rest[4] != 0 {
		return fmt.Errorf("unexpected section kind %d", rest[4])
	}
	ok, err := bsonOK(rest[5:])
	if err != nil {
		return err
	}
	if !ok {
		return errors.New("reply has ok != 1")
	}
	return nil
}

func bsonDoc(elems ...[]byte) []byte {
	n := 4 + 1
	for _, e := range elems {
		n += len(e)
	}
	b := binary.LittleEndian.AppendUint32(nil, uint32(n))
	for _, e := range elems {
		b = append(b, e...)
	}
	return append(b, 0)
}

func bsonInt32(k string, v int32) []byte {
	b := append([]byte{0x10}, k...)
	b = append(b, 0)
	return binary.LittleEndian.AppendUint32(b, uint32(v))
}

func bsonString(k, v string) []byte {
	b := append([]byte{0x02}, k...)
	b = append(b, 0)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(v)+1))
	b = append(b, v...)
	return append(b, 0)
}

// bsonOK walks the top-level elements of a BSON document and returns the value of "ok".
func bsonOK(doc []byte) (bool, error) {
	if len(doc) < 5 {
		return false, errors.New("short document")
	}
	end := int(binary.LittleEndian.Uint32(doc))
	if end > len(doc) {
		return false, errors.New("truncated document")
	}
	i := 4
	for i < end-1 {
		t := doc[i]
		i++
		k := i
		for i < end && doc[i] != 0 {
			i++
		}
		key := string(doc[k:i])
		i++
		var size int
		switch t {
		case 0x01: // double
			if key == "ok" {
				return math.Float64frombits(binary.LittleEndian.Uint64(doc[i:])) == 1, nil
			}
			size = 8
		case 0x10: // int32
			if key == "ok" {
				return binary.LittleEndian.Uint32(doc[i:]) == 1, nil
			}
			size = 4
		case 0x12, 0x09, 0x11: // int64, datetime, timestamp
			if key == "ok" {
				return binary.LittleEndian.Uint64(doc[i:]) == 1, nil
			}
			size = 8
		case 0x02, 0x0D, 0x0E: // string, js code, symbol
			size = 4 + int(binary.LittleEndian.Uint32(doc[i:]))
		case 0x03, 0x04: // document, array
			size = int(binary.LittleEndian.Uint32(doc[i:]))
		case 0x05: // binary
			size = 5 + int(binary.LittleEndian.Uint32(doc[i:]))
		case 0x07: // ObjectId
			size = 12
		case 0x08: // bool
			if key == "ok" {
				return doc[i] == 1, nil
			}
			size = 1
		case 0x0A, 0x06, 0x7F, 0xFF: // null, undefined, maxKey, minKey
			size = 0
		case 0x13: // decimal128
			size = 16
		default:
			return false, fmt.Errorf("unsupported BSON type 0x%02x for key %q", t, key)
		}
		i += size
	}
	return false, errors.New(`no "ok" field in reply`)
}
