"""The sync client (issue 7): push the outbox to the hub, pull the commune's changes, USB
bundles, conflicts, the unsynced-work guard. The UI and CLI call `sync.client.service`; every
database write goes through core services (core/services/sync_*.py). Never Qt."""
