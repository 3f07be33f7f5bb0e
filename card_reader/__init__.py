"""Chip ID-card (CCCD, ICAO 9303) and QR reading over PC/SC. Independent of core and Qt (issue 3)."""
