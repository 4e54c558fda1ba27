-- The reports as a PostGIS table, for GIS teams (QGIS) and SQL. mtaa
-- keeps it in step with its report records (data/postgres.go) inside the
-- transaction that writes them, so it never lags behind; never write to
-- it yourself (every server keeps the reports in memory and would not see
-- the change). It is staff data: exact positions and descriptions as sent.
-- The public reads the view reports_public below.
CREATE TABLE reports (
	id                  bigint PRIMARY KEY,
	geom                geometry(Point, 4326) NOT NULL, -- the exact position
	status              text NOT NULL,
	category            text NOT NULL,
	needs               text[] NOT NULL,  -- every need, ranked: the category first
	source_categories   text[],           -- an imported report's labels in its source
	channel             text NOT NULL,    -- web, sms, ussd, whatsapp, open311, import
	location_source     text NOT NULL,    -- gps, manual, place_name, area, …
	accuracy_m          double precision,
	location_confidence double precision, -- 0 to 1, for positions read from text
	observed_at         timestamptz NOT NULL,
	received_at         timestamptz NOT NULL,
	-- The last change this database saw: received_at for a report stored
	-- (or migrated) here and not changed since.
	updated_at          timestamptz NOT NULL,
	description         text NOT NULL,    -- as sent: may hold phone numbers
	area_name           text,             -- the smallest mapped area it lies in
	nearest_name        text,             -- the nearest relevant mapped feature
	nearest_distance_m  double precision,
	not_in_osm          boolean NOT NULL, -- a facility OSM lacks nearby
	duplicate_of        bigint,
	-- Whether a need of the report is a sensitive category: its public
	-- position is generalised.
	sensitive           boolean NOT NULL,

	-- What the public reads, worked out by mtaa's one set of public rules
	-- (data/privacy.go), as in the OGC API's and the map's public Features.
	visible_public             boolean NOT NULL, -- status shown to the public
	public_geom                geometry(Point, 4326) NOT NULL, -- the centre of its 0.01° cell when sensitive
	public_accuracy_m          double precision,
	public_location_confidence double precision,
	public_nearest_name        text,
	public_nearest_distance_m  double precision,
	redacted_description       text NOT NULL, -- description with phone numbers and e-mail addresses replaced
	public_text                text,          -- the moderators' text for the public, when they wrote one
	public_description         text GENERATED ALWAYS AS (COALESCE(public_text, redacted_description)) STORED,

	-- mtaa's bookkeeping: the key of the report's record and a checksum
	-- of it.
	record_key bytea  NOT NULL,
	record_sum bigint NOT NULL
);
CREATE INDEX reports_geom ON reports USING gist (geom);
CREATE INDEX reports_public_geom ON reports USING gist (public_geom) WHERE visible_public;
CREATE INDEX reports_received_at ON reports (received_at);

-- The moderators' public texts by report (mtaa's own copy, so that a text
-- copied in before its report's row still reaches the row).
CREATE TABLE report_public_texts (
	id   bigint PRIMARY KEY,
	text text NOT NULL
);

-- What anyone may see: the reports the public sees, with the public
-- columns only. Grant a read-only role SELECT on this view alone.
CREATE VIEW reports_public AS
SELECT id,
	public_geom AS geom,
	status,
	category,
	needs,
	source_categories,
	channel,
	location_source,
	public_accuracy_m AS accuracy_m,
	public_location_confidence AS location_confidence,
	observed_at,
	received_at,
	updated_at,
	public_description AS description,
	area_name,
	public_nearest_name AS nearest_name,
	public_nearest_distance_m AS nearest_distance_m,
	not_in_osm,
	sensitive AS location_generalised
FROM reports
WHERE visible_public;
