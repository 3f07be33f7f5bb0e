-- v002: search results come out of FTS5 already in Vietnamese order.
--
-- FTS5 returns matches in rowid order and stops at LIMIT, so the index's rowid is now a *rank*
-- that follows person.sort_key: the first N matches in rowid order are the first N in
-- Vietnamese order, whatever the number of matches (v1 had to read and sort every match).
-- person_rank maps each live person to its rank. A new rank goes between its neighbours'
-- (RANK_SPACING apart after a rebuild, RANK_STEP after the previous one when there is room, the
-- midpoint otherwise); when a gap is used up the whole ranking is rebuilt set-wise (~1 s per
-- 100k persons), which only adversarial insert orders cause.
--   RANK_SPACING = 2^40 = 1099511627776 (room for 8M persons in 63 bits)
--   RANK_STEP    = 2^20 = 1048576 (a million inserts after one neighbour before a rebuild)

DROP TRIGGER person_fts_ai;
DROP TRIGGER person_fts_ad;
DROP TRIGGER person_fts_au;
DROP TABLE person_fts;

CREATE VIRTUAL TABLE person_fts USING fts5(
    name_folded, tokenize='unicode61 remove_diacritics 0'
);
CREATE TABLE person_rank (
    person_rowid INTEGER PRIMARY KEY,  -- person.rowid
    rank INTEGER                       -- NULL only for an instant: asks for a rebuild
);
CREATE INDEX ix_person_rank_rank ON person_rank (rank);
-- A row here (inserted by a trigger, or by bulk loads) rebuilds every rank and the FTS index.
CREATE TABLE search_rank_rebuild (requested INTEGER NOT NULL);

CREATE TRIGGER search_rank_rebuild_ai AFTER INSERT ON search_rank_rebuild BEGIN
    DELETE FROM person_fts;
    DELETE FROM person_rank;
    INSERT INTO person_rank (person_rowid, rank)
    SELECT rowid, row_number() OVER (ORDER BY sort_key, rowid) * 1099511627776
    FROM person WHERE deleted_at IS NULL;
    INSERT INTO person_fts (rowid, name_folded)
    SELECT r.rank, p.name_folded FROM person_rank r JOIN person p ON p.rowid = r.person_rowid
    ORDER BY r.rank;
    DELETE FROM search_rank_rebuild;
END;

CREATE TRIGGER person_rank_ai AFTER INSERT ON person_rank
WHEN new.rank IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_rank_rebuild) BEGIN
    INSERT INTO person_fts (rowid, name_folded)
    SELECT new.rank, name_folded FROM person WHERE rowid = new.person_rowid;
END;
CREATE TRIGGER person_rank_exhausted AFTER INSERT ON person_rank
WHEN new.rank IS NULL AND NOT EXISTS (SELECT 1 FROM search_rank_rebuild) BEGIN
    INSERT INTO search_rank_rebuild VALUES (1);
END;

-- A person to rank: the new rank goes after the highest-ranked person whose sort key is equal
-- or, failing that, just below (lo), and before the next rank up (hi). Unranked persons (a bulk
-- load ranking its rows one by one) are skipped, so the order of processing does not matter.
CREATE TABLE person_rank_pending (person_rowid INTEGER PRIMARY KEY);
CREATE TRIGGER person_rank_pending_ai AFTER INSERT ON person_rank_pending
WHEN NOT EXISTS (SELECT 1 FROM person_rank WHERE person_rowid = new.person_rowid) BEGIN
    INSERT INTO person_rank (person_rowid, rank)
    SELECT new.person_rowid,
           CASE WHEN hi - lo >= 2 THEN lo + min(1048576, (hi - lo) / 2) END
    FROM (SELECT lo, coalesce((SELECT min(rank) FROM person_rank WHERE rank > lo),
                              lo + 2 * 1099511627776) AS hi
          FROM (SELECT coalesce(
              (SELECT max(r.rank) FROM person o JOIN person_rank r ON r.person_rowid = o.rowid
               WHERE o.deleted_at IS NULL AND o.sort_key = k.sort_key),
              (SELECT max(r.rank) FROM person o JOIN person_rank r ON r.person_rowid = o.rowid
               WHERE o.deleted_at IS NULL AND o.sort_key = (
                   SELECT o2.sort_key FROM person o2 JOIN person_rank r2
                       ON r2.person_rowid = o2.rowid
                   WHERE o2.deleted_at IS NULL AND o2.sort_key < k.sort_key
                   ORDER BY o2.sort_key DESC LIMIT 1)),
              0) AS lo
                FROM person k WHERE k.rowid = new.person_rowid));
    DELETE FROM person_rank_pending WHERE person_rowid = new.person_rowid;
END;

-- Every write keeps the ranking in step, except inside a bulk transaction that has put a row in
-- fts_suspended (it ranks its rows set-wise at the end, see core/services/bulk.py).
CREATE TRIGGER person_rank_person_ai AFTER INSERT ON person
WHEN new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM fts_suspended) BEGIN
    INSERT INTO person_rank_pending VALUES (new.rowid);
END;
CREATE TRIGGER person_rank_person_ad AFTER DELETE ON person BEGIN
    DELETE FROM person_fts WHERE rowid = (SELECT rank FROM person_rank
                                          WHERE person_rowid = old.rowid);
    DELETE FROM person_rank WHERE person_rowid = old.rowid;
END;
CREATE TRIGGER person_rank_person_au AFTER UPDATE OF name_folded, sort_key, deleted_at ON person
BEGIN
    DELETE FROM person_fts WHERE rowid = (SELECT rank FROM person_rank
                                          WHERE person_rowid = old.rowid);
    DELETE FROM person_rank WHERE person_rowid = old.rowid;
    INSERT INTO person_rank_pending SELECT new.rowid
    WHERE new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM fts_suspended);
END;

-- Rank and index the persons already there.
INSERT INTO search_rank_rebuild VALUES (1);
