-- v004: sector records get list columns (title, key date, legal flag), files attached to records,
-- and saved Excel column mappings. Legal (civil-status) records change only through their
-- append-only history: a trigger refuses any payload that is not the latest action's.

ALTER TABLE record ADD COLUMN legal BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE record ADD COLUMN title VARCHAR;
ALTER TABLE record ADD COLUMN title_folded VARCHAR;
ALTER TABLE record ADD COLUMN key_date VARCHAR(10);
-- The civil-status types at this version (birth, death, marriage) are legal records.
UPDATE record SET legal = 1 WHERE type_code IN ('birth', 'death', 'marriage');
-- Per-type lists: newest key date first, only live rows.
CREATE INDEX ix_record_list ON record (type_code, deleted_at, key_date);

CREATE TRIGGER record_legal_payload_from_history BEFORE UPDATE OF payload ON record
WHEN OLD.legal = 1 AND NEW.payload IS NOT (
    SELECT payload FROM record_action WHERE record_id = NEW.id ORDER BY rowid DESC LIMIT 1)
BEGIN
    SELECT RAISE(ABORT, 'a legal record changes only through a new record_action');
END;

CREATE TABLE record_attachment (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    record_id VARCHAR(36) NOT NULL,
    sha256 VARCHAR(64) NOT NULL,
    caption VARCHAR,
    PRIMARY KEY (id),
    FOREIGN KEY(record_id) REFERENCES record (id),
    FOREIGN KEY(sha256) REFERENCES attachment (sha256)
);
CREATE INDEX ix_record_attachment_record_id ON record_attachment (record_id);

-- Column mappings an officer saved for a spreadsheet layout ("template"), found again by the
-- fingerprint of its folded header row. Local to this PC's store: not synced.
CREATE TABLE import_mapping (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    target VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    fingerprint VARCHAR(64) NOT NULL,
    columns VARCHAR NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_import_mapping_name ON import_mapping (target, name) WHERE deleted_at IS NULL;
CREATE INDEX ix_import_mapping_fingerprint ON import_mapping (fingerprint);
