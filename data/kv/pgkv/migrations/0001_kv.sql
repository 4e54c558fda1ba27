-- The buckets of package kv. Bucket 0 is the root: the top-level buckets
-- are its nested buckets. A nested bucket is also a key of its parent
-- whose value is NULL, so cursors and KeyCount see it as bbolt does.
CREATE TABLE kv_buckets (
	id     bigint PRIMARY KEY,
	parent bigint NOT NULL,
	name   bytea  NOT NULL,
	seq    bigint NOT NULL DEFAULT 0, -- the bucket's uint64 sequence, bit for bit
	UNIQUE (parent, name)
);
INSERT INTO kv_buckets (id, parent, name) VALUES (0, 0, '');

-- Keys in byte order (bytea compares as memcmp, then by length: Go's
-- bytes.Compare).
CREATE TABLE kv (
	bucket bigint NOT NULL,
	key    bytea  NOT NULL,
	value  bytea,
	PRIMARY KEY (bucket, key)
);

-- One row. bucket_gen grows when buckets are created or deleted (servers
-- drop their cached bucket ids); next_bucket is the next bucket id, allocated by the
-- one write transaction that holds the write lock; pruned_through is the
-- last change sequence removed by PruneChanges.
CREATE TABLE kv_meta (
	one            boolean PRIMARY KEY DEFAULT true CHECK (one),
	bucket_gen     bigint NOT NULL DEFAULT 0,
	next_bucket    bigint NOT NULL DEFAULT 1,
	pruned_through bigint NOT NULL DEFAULT 0
);
INSERT INTO kv_meta DEFAULT VALUES;

-- The change feed: the keys each committed write transaction wrote, one
-- row per bucket and flush, in commit order (write transactions are
-- serialized). keys NULL means the whole bucket was deleted.
CREATE TABLE kv_changes (
	seq    bigserial PRIMARY KEY,
	at     timestamptz NOT NULL DEFAULT clock_timestamp(),
	bucket bytea[] NOT NULL,
	keys   bytea[]
);
-- PruneChanges finds old rows by time; rows are appended in time order.
CREATE INDEX kv_changes_at ON kv_changes USING brin (at);
