"""Logical Data Structure (ICAO 9303-10) files: parsers and builders, pure functions."""
