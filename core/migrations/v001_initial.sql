-- Schema v1 (frozen). Generated once from core/models.py, then hand-edited: AUTOINCREMENT for
-- the audit and outbox sequences (never reused), the FTS5 index and the append-only triggers.
-- Never edit this file after release: add a new migration step instead.

CREATE TABLE app_meta (
    "key" VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    PRIMARY KEY ("key")
);

CREATE TABLE app_user (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    username VARCHAR NOT NULL,
    display_name VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    disabled BOOLEAN NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (username)
);

CREATE TABLE attachment (
    sha256 VARCHAR(64) NOT NULL,
    size INTEGER NOT NULL,
    mime VARCHAR NOT NULL,
    filename VARCHAR,
    created_at DATETIME NOT NULL,
    created_by VARCHAR(36),
    PRIMARY KEY (sha256)
);

CREATE TABLE audit_event (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id VARCHAR(36) NOT NULL,
    at DATETIME NOT NULL,
    user_id VARCHAR(36),
    action VARCHAR NOT NULL,
    entity VARCHAR,
    entity_id VARCHAR(36),
    details VARCHAR NOT NULL,
    prev_hash VARCHAR(64) NOT NULL,
    hash VARCHAR(64) NOT NULL,
    UNIQUE (id)
);
CREATE INDEX ix_audit_event_action ON audit_event (action);
CREATE INDEX ix_audit_event_entity_id ON audit_event (entity_id);

CREATE TABLE hamlet (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    name VARCHAR NOT NULL,
    commune_code VARCHAR(5) NOT NULL,
    position INTEGER NOT NULL,
    active BOOLEAN NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id VARCHAR(36) NOT NULL,
    entity VARCHAR NOT NULL,
    entity_id VARCHAR(36) NOT NULL,
    op VARCHAR NOT NULL,
    base_version INTEGER NOT NULL,
    version INTEGER NOT NULL,
    payload_hash VARCHAR(64) NOT NULL,
    data_domain VARCHAR NOT NULL,
    created_at DATETIME NOT NULL,
    pushed_at DATETIME,
    result VARCHAR
);
CREATE INDEX ix_outbox_pending ON outbox (seq) WHERE pushed_at IS NULL;

CREATE TABLE record (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    type_code VARCHAR NOT NULL,
    type_version INTEGER NOT NULL,
    data_domain VARCHAR NOT NULL,
    payload VARCHAR NOT NULL,
    book_ref VARCHAR,
    PRIMARY KEY (id)
);
CREATE INDEX ix_record_type_code ON record (type_code);

CREATE TABLE review_item (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    kind VARCHAR NOT NULL,
    entity VARCHAR NOT NULL,
    entity_id VARCHAR(36) NOT NULL,
    details VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    resolution VARCHAR,
    resolved_by VARCHAR(36),
    resolved_at DATETIME,
    PRIMARY KEY (id)
);
CREATE INDEX ix_review_item_entity_id ON review_item (entity_id);
CREATE INDEX ix_review_item_status ON review_item (status);

CREATE TABLE address (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    unit_code VARCHAR(5),
    code_system VARCHAR(4) NOT NULL,
    hamlet_id VARCHAR(36),
    free_text VARCHAR,
    PRIMARY KEY (id),
    FOREIGN KEY(hamlet_id) REFERENCES hamlet (id)
);

CREATE TABLE record_action (
    id VARCHAR(36) NOT NULL,
    record_id VARCHAR(36) NOT NULL,
    action VARCHAR NOT NULL,
    payload VARCHAR NOT NULL,
    note VARCHAR,
    at DATETIME NOT NULL,
    "by" VARCHAR(36),
    PRIMARY KEY (id),
    FOREIGN KEY(record_id) REFERENCES record (id)
);
CREATE INDEX ix_record_action_record_id ON record_action (record_id);

CREATE TABLE person (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    full_name VARCHAR NOT NULL,
    name_folded VARCHAR NOT NULL,
    name_key VARCHAR NOT NULL,
    sort_key VARCHAR NOT NULL,
    personal_number VARCHAR(12),
    old_id_number VARCHAR(12),
    dob VARCHAR(10),
    dob_precision VARCHAR(5),
    birth_year INTEGER,
    sex VARCHAR(1),
    nationality VARCHAR,
    ethnicity VARCHAR,
    religion VARCHAR,
    place_of_origin VARCHAR,
    place_of_birth VARCHAR,
    residence_address_id VARCHAR(36),
    phone VARCHAR,
    provenance VARCHAR NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(residence_address_id) REFERENCES address (id)
);
CREATE INDEX ix_person_dob ON person (dob);
CREATE INDEX ix_person_old_id_number ON person (old_id_number) WHERE old_id_number IS NOT NULL;
CREATE INDEX ix_person_personal_number ON person (personal_number) WHERE personal_number IS NOT NULL;
CREATE INDEX ix_person_phone ON person (phone) WHERE phone IS NOT NULL;
-- Search: exact folded names, and a covering index walked in Vietnamese order for broad queries.
CREATE INDEX ix_person_name_folded ON person (name_folded) WHERE deleted_at IS NULL;
CREATE INDEX ix_person_sort ON person (sort_key, name_folded) WHERE deleted_at IS NULL;

CREATE TABLE card_read (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    person_id VARCHAR(36),
    source VARCHAR NOT NULL,
    fields VARCHAR NOT NULL,
    pa_verdict VARCHAR NOT NULL,
    face_sha256 VARCHAR(64),
    reader_name VARCHAR,
    read_at DATETIME NOT NULL,
    read_by VARCHAR(36),
    PRIMARY KEY (id),
    FOREIGN KEY(person_id) REFERENCES person (id)
);
CREATE INDEX ix_card_read_person_id ON card_read (person_id);

CREATE TABLE consent (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    person_id VARCHAR(36) NOT NULL,
    purpose VARCHAR NOT NULL,
    method VARCHAR NOT NULL,
    given_by VARCHAR NOT NULL,
    given_at DATETIME NOT NULL,
    recorded_by VARCHAR(36),
    withdrawn_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(person_id) REFERENCES person (id)
);
CREATE INDEX ix_consent_person_id ON consent (person_id);

CREATE TABLE digital_citizen_status (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    person_id VARCHAR(36) NOT NULL,
    vneid_level INTEGER NOT NULL,
    vneid_state VARCHAR NOT NULL,
    state_dates VARCHAR NOT NULL,
    failure_reason VARCHAR,
    helper_user_id VARCHAR(36),
    criteria VARCHAR NOT NULL,
    notes VARCHAR,
    PRIMARY KEY (id),
    UNIQUE (person_id),
    FOREIGN KEY(person_id) REFERENCES person (id)
);

CREATE TABLE follow_up (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    person_id VARCHAR(36) NOT NULL,
    task VARCHAR NOT NULL,
    due_date VARCHAR(10) NOT NULL,
    assigned_to VARCHAR(36),
    done_at DATETIME,
    notes VARCHAR,
    PRIMARY KEY (id),
    FOREIGN KEY(person_id) REFERENCES person (id)
);
CREATE INDEX ix_follow_up_due_date ON follow_up (due_date);
CREATE INDEX ix_follow_up_person_id ON follow_up (person_id);

CREATE TABLE household (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    code VARCHAR,
    address_id VARCHAR(36),
    head_person_id VARCHAR(36),
    PRIMARY KEY (id),
    FOREIGN KEY(address_id) REFERENCES address (id),
    FOREIGN KEY(head_person_id) REFERENCES person (id)
);

CREATE TABLE record_person (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    record_id VARCHAR(36) NOT NULL,
    person_id VARCHAR(36) NOT NULL,
    role VARCHAR NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(record_id) REFERENCES record (id),
    FOREIGN KEY(person_id) REFERENCES person (id)
);
CREATE INDEX ix_record_person_person_id ON record_person (person_id);
CREATE INDEX ix_record_person_record_id ON record_person (record_id);

CREATE TABLE household_member (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    household_id VARCHAR(36) NOT NULL,
    person_id VARCHAR(36) NOT NULL,
    relationship VARCHAR NOT NULL,
    joined_on VARCHAR,
    left_on VARCHAR,
    PRIMARY KEY (id),
    FOREIGN KEY(household_id) REFERENCES household (id),
    FOREIGN KEY(person_id) REFERENCES person (id)
);
CREATE INDEX ix_household_member_household_id ON household_member (household_id);
CREATE INDEX ix_household_member_person_id ON household_member (person_id);

-- Search: FTS5 over the app-folded name (FTS5's own remove_diacritics does not fold đ).
-- The index keeps its own compact copy of (name_folded, sort_key) for live persons only, so a
-- search sorts its matches without touching the wide person rows (see core/search.py).
-- Triggers keep it in step with every write, except inside a bulk transaction that has put a row
-- in fts_suspended: row-by-row FTS inserts cost ~40 µs each, one INSERT … SELECT afterwards ~6 µs.
CREATE VIRTUAL TABLE person_fts USING fts5(
    name_folded, sort_key UNINDEXED, tokenize='unicode61 remove_diacritics 0'
);
CREATE TABLE fts_suspended (since_rowid INTEGER NOT NULL);
CREATE TRIGGER person_fts_ai AFTER INSERT ON person
WHEN new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM fts_suspended) BEGIN
    INSERT INTO person_fts(rowid, name_folded, sort_key)
    VALUES (new.rowid, new.name_folded, new.sort_key);
END;
CREATE TRIGGER person_fts_ad AFTER DELETE ON person BEGIN
    DELETE FROM person_fts WHERE rowid = old.rowid;
END;
CREATE TRIGGER person_fts_au AFTER UPDATE OF name_folded, sort_key, deleted_at ON person BEGIN
    DELETE FROM person_fts WHERE rowid = old.rowid;
    INSERT INTO person_fts(rowid, name_folded, sort_key)
    SELECT new.rowid, new.name_folded, new.sort_key WHERE new.deleted_at IS NULL;
END;

-- Legal-record history is append-only.
CREATE TRIGGER record_action_no_update BEFORE UPDATE ON record_action BEGIN
    SELECT RAISE(ABORT, 'record_action is append-only');
END;
CREATE TRIGGER record_action_no_delete BEFORE DELETE ON record_action BEGIN
    SELECT RAISE(ABORT, 'record_action is append-only');
END;

-- The audit trail is append-only for the app; the hash chain catches anyone who bypasses this.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;
