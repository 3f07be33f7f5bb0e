-- v003: collection sessions — a mobile police session collecting level-2 VNeID applications
-- (date, place, hamlet) and its attendees, each with an outcome. Both sync like other entities.

CREATE TABLE collection_session (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    held_on VARCHAR(10) NOT NULL,
    place VARCHAR NOT NULL,
    hamlet_id VARCHAR(36),
    notes VARCHAR,
    PRIMARY KEY (id),
    FOREIGN KEY(hamlet_id) REFERENCES hamlet (id)
);
CREATE INDEX ix_collection_session_held_on ON collection_session (held_on);

CREATE TABLE collection_attendee (
    id VARCHAR(36) NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(36),
    deleted_at DATETIME,
    deleted_reason VARCHAR,
    session_id VARCHAR(36) NOT NULL,
    person_id VARCHAR(36) NOT NULL,
    outcome VARCHAR NOT NULL,
    failure_reason VARCHAR,
    PRIMARY KEY (id),
    FOREIGN KEY(session_id) REFERENCES collection_session (id),
    FOREIGN KEY(person_id) REFERENCES person (id)
);
CREATE INDEX ix_collection_attendee_session_id ON collection_attendee (session_id);
CREATE INDEX ix_collection_attendee_person_id ON collection_attendee (person_id);
-- A person attends a session once (a removed attendee is soft-deleted and may come back).
CREATE UNIQUE INDEX ux_collection_attendee ON collection_attendee (session_id, person_id)
    WHERE deleted_at IS NULL;

-- Coverage per hamlet (VNeID page, reports) joins every resident aged 14+ to their status and
-- their address's hamlet. Narrow covering indexes keep that to index-only lookups: persons in
-- id order (UUIDv7: creation order, like their statuses and addresses), so the lookups walk
-- the other two indexes nearly sequentially instead of decrypting random table pages
-- (13 s → ~0.6 s at 200k persons on a 2-core machine).
-- id first: no other query can seek in it, so the planner never prefers it to the search
-- indexes (led by deleted_at it took over every `deleted_at IS NULL` lookup by ID number).
CREATE INDEX ix_person_coverage ON person (id, deleted_at, dob, residence_address_id);
CREATE INDEX ix_digital_citizen_status_coverage
    ON digital_citizen_status (person_id, deleted_at, vneid_state);
CREATE INDEX ix_address_hamlet ON address (id, hamlet_id);
