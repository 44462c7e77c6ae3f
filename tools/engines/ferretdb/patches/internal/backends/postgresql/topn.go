// results-sharing patch (a new file, not a copy of an upstream one): sort and limit pushdown.
//
// FerretDB 1.24 pushes a find's filter down only as a pre-filter and never its sort or limit: for
// `find({org: X, status: "unread"}).sort({sortKey: -1}).limit(51)` it reads every matching row
// (10,000 for a large organisation), decodes each from JSON in Go (about 0.35 ms a document of
// 1.6 kB on this machine), sorts them and returns 51. prepareTopNQuery asks PostgreSQL for a
// superset of the first TopN matches instead, which the handler then filters, sorts and limits as
// before, so the answer is the same; with a btree index on (org, status, sortKey) PostgreSQL reads
// only those rows, in index order.
//
// It applies only when every condition of the filter is exact in SQL for string values: each
// top-level field compared with a string by equality ({k: "v"}, $eq) or order ($lt, $lte, $gt,
// $gte), and the sort is one top-level field. For a row whose fields in the filter and the sort
// are all strings (or absent), jsonb equality and order of strings under the database's "C"
// collation are MongoDB's (binary) equality and order, so these rows are served by an ordered,
// limited query. Every other row that the upstream pre-filter keeps (where one of those fields
// is an array, a null, a number, an ObjectId, an object...) comes back unlimited, found through
// a GIN index on the names of each document's non-string top-level fields (metadata.NonStringKeys); rows
// that lack the sort field come back limited too (MongoDB sorts them as null). The three sets
// are disjoint and their union holds every one of the first TopN matches, whatever the data.
//
// It is off unless the database collates with "C" (PostgreSQL's jsonb string order is its
// collation's); engines.sh creates the cluster with C.

package postgresql

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/FerretDB/FerretDB/internal/backends"
	"github.com/FerretDB/FerretDB/internal/backends/postgresql/metadata"
	"github.com/FerretDB/FerretDB/internal/handler/sjson"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// topNState: whether the pushdown may run (see the file comment), asked of the database until it
// answers; an error (a cancelled request, the database restarting) is not taken for "no".
var topNState atomic.Int32 // 0 not known yet, 1 on, 2 off

func topNAllowed(ctx context.Context, p *pgxpool.Pool) bool {
	if state := topNState.Load(); state != 0 {
		return state == 1
	}

	var ok bool
	if err := p.QueryRow(ctx, `SELECT d.datcollate IN ('C', 'POSIX') AND d.datlocprovider = 'c'
		FROM pg_database d WHERE d.datname = current_database()`).Scan(&ok); err != nil {
		return false
	}

	if ok {
		topNState.Store(1)
	} else {
		topNState.Store(2)
	}

	return ok
}

// topNCond is one exact condition: `_jsonb->'key' op value`.
type topNCond struct {
	key   string
	op    string
	value string // a JSON string literal
}

var topNOps = map[string]string{"$eq": "=", "$lt": "<", "$lte": "<=", "$gt": ">", "$gte": ">="}

// topNPlan returns the filter's conditions, the fields they and the sort name, and the sort,
// or ok false when the query is not one prepareTopNQuery can serve exactly.
func topNPlan(params *backends.QueryParams) (conds []topNCond, fields []string, sortKey string, desc, ok bool) {
	if params.TopN <= 0 || params.TopSort.Len() != 1 || params.OnlyRecordIDs || params.Sort.Len() != 0 || params.Limit != 0 {
		return nil, nil, "", false, false
	}

	sortKey = params.TopSort.Keys()[0]
	switch v := params.TopSort.Values()[0].(type) {
	case int64:
		switch v {
		case 1:
		case -1:
			desc = true
		default:
			return nil, nil, "", false, false
		}
	default:
		return nil, nil, "", false, false
	}

	if !topNField(sortKey) {
		return nil, nil, "", false, false
	}

	if params.Filter != nil {
		keys := params.Filter.Keys()
		for i, k := range keys {
			if k == "$comment" {
				continue
			}

			if !topNField(k) {
				return nil, nil, "", false, false
			}

			switch v := params.Filter.Values()[i].(type) {
			case string:
				conds = append(conds, topNCond{key: k, op: "=", value: string(must.NotFail(sjson.MarshalSingleValue(v)))})
			case *types.Document:
				if v.Len() == 0 {
					return nil, nil, "", false, false
				}

				for j, op := range v.Keys() {
					sqlOp, known := topNOps[op]
					s, isString := v.Values()[j].(string)

					if !known || !isString {
						return nil, nil, "", false, false
					}

					conds = append(conds, topNCond{key: k, op: sqlOp, value: string(must.NotFail(sjson.MarshalSingleValue(s)))})
				}
			default:
				return nil, nil, "", false, false
			}

			fields = append(fields, k)
		}
	}

	return conds, append(fields, sortKey), sortKey, desc, true
}

// topNField reports whether k names a top-level field the SQL below can quote as a literal.
func topNField(k string) bool {
	return k != "" && !strings.HasPrefix(k, "$") && !strings.ContainsAny(k, ".\x00")
}

// topNLiteral quotes s as an SQL string literal (standard_conforming_strings is on by default
// since PostgreSQL 9.1: a backslash is an ordinary character).
func topNLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// prepareTopNQuery returns the query described in the file comment and its arguments, or ok false.
// selectClause is prepareSelectClause's for a non-capped collection; filterWhere and filterArgs
// are prepareWhereClause's for the same filter with placeholder p, whose next placeholders this uses.
func prepareTopNQuery(params *backends.QueryParams, selectClause, plainSelect, filterWhere string, filterArgs []any, p *metadata.Placeholder) (string, []any, bool) {
	conds, fields, sortKey, desc, ok := topNPlan(params)
	if !ok {
		return "", nil, false
	}

	// An unnamed statement, planned with the actual values each time (see prepareWhereClause). The
	// filter's arguments never start with that mode: only a pushed $in adds it, and topNPlan refuses $in.
	args := append([]any{pgx.QueryExecModeCacheDescribe}, filterArgs...)

	col := metadata.DefaultColumn
	sortExpr := fmt.Sprintf("%s->%s", col, topNLiteral(sortKey))

	fieldsArg := p.Next()
	args = append(args, fields)
	odd := fmt.Sprintf("%s ?| %s::text[]", metadata.NonStringKeys, fieldsArg)

	exact := make([]string, 0, len(conds)+1)
	for _, c := range conds {
		exact = append(exact, fmt.Sprintf("%s->%s %s %s::jsonb", col, topNLiteral(c.key), c.op, p.Next()))
		args = append(args, c.value)
	}

	exact = append(exact, "NOT ("+odd+")")
	where := strings.Join(exact, " AND ")

	limitArg := p.Next()
	args = append(args, params.TopN)

	order := ""
	if desc {
		order = " DESC"
	}

	oddWhere := " WHERE " + odd
	if filterWhere != "" {
		oddWhere = filterWhere + " AND " + odd
	}

	q := fmt.Sprintf(
		"(%s WHERE %s AND %s IS NOT NULL ORDER BY %s%s LIMIT %s) UNION ALL (%s WHERE %s AND %s IS NULL LIMIT %s) UNION ALL (%s%s)",
		selectClause, where, sortExpr, sortExpr, order, limitArg,
		plainSelect, where, sortExpr, limitArg,
		plainSelect, oddWhere,
	)

	return q, args, true
}
