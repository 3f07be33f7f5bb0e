-- v005: the sync client (issue 7). The device's enrollment and pull position (sync_state), the
-- batch in flight (sync_batch, stored before it is sent so a crash re-sends the same bytes),
-- pulled rows waiting for a row they reference (sync_parked), and record_action becomes a
-- synced entity (append-only, so its version is always 1).

ALTER TABLE record_action ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- The batch an outbox entry was sent in; NULL while it waits for a batch (or after "held").
ALTER TABLE outbox ADD COLUMN batch_id VARCHAR(36);
-- A pull asks "does this row have unsent local changes?" for every row it writes.
CREATE INDEX ix_outbox_pending_entity ON outbox (entity_id) WHERE pushed_at IS NULL;
CREATE INDEX ix_outbox_batch ON outbox (batch_id) WHERE pushed_at IS NULL AND batch_id IS NOT NULL;

-- One row: this PC's enrollment with its hub. The device's private key (PEM) is kept only
-- here, inside the encrypted database.
CREATE TABLE sync_state (
    id INTEGER NOT NULL CHECK (id = 1),
    hub_url VARCHAR NOT NULL,
    hub_id VARCHAR NOT NULL,
    device_id VARCHAR(64) NOT NULL,
    device_name VARCHAR NOT NULL,
    device_key VARCHAR NOT NULL,
    hub_signing_key VARCHAR NOT NULL,
    hub_sealing_key VARCHAR NOT NULL,
    commune_code VARCHAR(5) NOT NULL,
    enrolled_at DATETIME NOT NULL,
    enrolled_by VARCHAR(36),
    pull_cursor INTEGER NOT NULL DEFAULT 0,
    history_queued BOOLEAN NOT NULL DEFAULT 0,
    last_attempt_at DATETIME,
    last_success_at DATETIME,
    last_error VARCHAR,
    failures INTEGER NOT NULL DEFAULT 0,
    next_attempt_at DATETIME,
    clock_skew FLOAT,
    skew_measured_at DATETIME,
    reference_versions VARCHAR,
    PRIMARY KEY (id)
);

-- Signed batches. At most one is in flight (not yet answered): it is re-sent byte for byte
-- until the hub's answer (online or a USB ack) is recorded.
CREATE TABLE sync_batch (
    id VARCHAR(36) NOT NULL,
    body BLOB,
    op_count INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    sent_at DATETIME,
    exported_at DATETIME,
    answered_at DATETIME,
    answered_via VARCHAR,
    summary VARCHAR,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_sync_batch_in_flight ON sync_batch ((answered_at IS NULL))
    WHERE answered_at IS NULL;

-- Pulled rows whose referenced rows (a person of a household, the record of an action…) have
-- not arrived yet: retried with every page, written as soon as the reference exists.
CREATE TABLE sync_parked (
    entity VARCHAR NOT NULL,
    entity_id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    payload VARCHAR NOT NULL,
    cursor INTEGER NOT NULL,
    parked_at DATETIME NOT NULL,
    PRIMARY KEY (entity, entity_id)
);
