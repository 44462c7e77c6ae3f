package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// runSelftest exercises FerretDB through the official MongoDB Go driver:
// hello/handshake, insertMany, createIndex, find with filter+sort, count, dropDatabase.
func runSelftest(addr string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	client, err := mongo.Connect(ctx, options.Client().
		ApplyURI("mongodb://"+addr+"/").
		SetServerSelectionTimeout(5*time.Second))
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer client.Disconnect(context.Background())

	if err = client.Ping(ctx, nil); err != nil {
		return fmt.Errorf("ping: %w", err)
	}

	var buildInfo bson.M
	if err = client.Database("admin").RunCommand(ctx, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&buildInfo); err != nil {
		return fmt.Errorf("buildInfo: %w", err)
	}

	db := client.Database(fmt.Sprintf("engines_selftest_%d", time.Now().UnixNano()))
	defer db.Drop(context.Background())
	coll := db.Collection("items")

	if _, err = coll.InsertMany(ctx, []any{
		bson.D{{Key: "name", Value: "b"}, {Key: "n", Value: 2}},
		bson.D{{Key: "name", Value: "a"}, {Key: "n", Value: 1}},
		bson.D{{Key: "name", Value: "c"}, {Key: "n", Value: 3}},
	}); err != nil {
		return fmt.Errorf("insertMany: %w", err)
	}
	if _, err = coll.Indexes().CreateOne(ctx, mongo.IndexModel{
		Keys:    bson.D{{Key: "name", Value: 1}},
		Options: options.Index().SetUnique(true),
	}); err != nil {
		return fmt.Errorf("createIndex: %w", err)
	}

	cur, err := coll.Find(ctx, bson.D{{Key: "n", Value: bson.D{{Key: "$gte", Value: 2}}}},
		options.Find().SetSort(bson.D{{Key: "n", Value: -1}}))
	if err != nil {
		return fmt.Errorf("find: %w", err)
	}
	var docs []bson.M
	if err = cur.All(ctx, &docs); err != nil {
		return fmt.Errorf("find: %w", err)
	}
	if len(docs) != 2 || docs[0]["name"] != "c" || docs[1]["name"] != "b" {
		return fmt.Errorf("find: unexpected result %v", docs)
	}

	if _, err = coll.InsertOne(ctx, bson.D{{Key: "name", Value: "a"}}); !mongo.IsDuplicateKeyError(err) {
		return fmt.Errorf("unique index not enforced (err=%v)", err)
	}

	if err = db.Drop(ctx); err != nil {
		return fmt.Errorf("dropDatabase: %w", err)
	}

	// "Powered by FerretDB v1.24.2 and PostgreSQL 15.x." names the backend actually in use
	backend := "?"
	var getLog struct {
		Log []string `bson:"log"`
	}
	if err = client.Database("admin").RunCommand(ctx, bson.D{{Key: "getLog", Value: "startupWarnings"}}).Decode(&getLog); err == nil && len(getLog.Log) > 0 {
		var entry struct {
			Msg string `json:"msg"`
		}
		if json.Unmarshal([]byte(getLog.Log[0]), &entry) == nil && entry.Msg != "" {
			backend = entry.Msg
		}
	}

	fmt.Printf("selftest: server version %v, insert/index/find/unique/drop ok; %s\n", buildInfo["version"], backend)
	return nil
}
