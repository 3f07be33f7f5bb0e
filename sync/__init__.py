"""Sync protocol, client and the upstream hub (sync/hub). Uses core, never Qt (issue 7)."""
