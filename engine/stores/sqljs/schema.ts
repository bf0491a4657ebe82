/** The store's tables, exactly as store.md fixes them. */
export const STORE_SCHEMA_SQL = `
CREATE TABLE events (
  event_id     TEXT    NOT NULL PRIMARY KEY,
  event_name   TEXT    NOT NULL,
  occurred_at  INTEGER NOT NULL,
  object_type  TEXT,
  object_id    TEXT,
  anonymous_id TEXT,
  properties   TEXT    NOT NULL DEFAULT '{}'
);
CREATE TABLE objects (
  object_type  TEXT    NOT NULL,
  object_id    TEXT    NOT NULL,
  created_at   INTEGER,
  properties   TEXT    NOT NULL DEFAULT '{}',
  PRIMARY KEY (object_type, object_id)
);
CREATE TABLE identities (
  anonymous_id TEXT NOT NULL PRIMARY KEY,
  contact_id   TEXT NOT NULL
);
CREATE TABLE associations (
  object_type  TEXT NOT NULL,
  object_id    TEXT NOT NULL,
  related_type TEXT NOT NULL,
  related_id   TEXT NOT NULL
);
CREATE TABLE event_types (
  event_name         TEXT PRIMARY KEY,
  category           TEXT NOT NULL,
  object_type        TEXT NOT NULL,
  supports_anonymous INTEGER NOT NULL DEFAULT 0,
  description        TEXT
);
`;

/** Each table's columns, in order; the schema check names the first one missing. */
export const STORE_TABLES: Record<string, string[]> = {
    events: ['event_id', 'event_name', 'occurred_at', 'object_type', 'object_id', 'anonymous_id', 'properties'],
    objects: ['object_type', 'object_id', 'created_at', 'properties'],
    identities: ['anonymous_id', 'contact_id'],
    associations: ['object_type', 'object_id', 'related_type', 'related_id'],
    event_types: ['event_name', 'category', 'object_type', 'supports_anonymous', 'description'],
};
