"""`python -m card_reader.virtual [--data FILE|PRESET] [--host H] [--port N] [--keys DIR]`."""

from __future__ import annotations

import argparse
import logging
import sys

from card_reader.virtual.vpcd import DEFAULT_HOST, DEFAULT_PORT, serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m card_reader.virtual")
    parser.add_argument("--data", help="profile JSON file or preset name")
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--keys", help="folder caching the test PKI and chip keys")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    return serve(args.data, args.host, args.port, key_dir=args.keys)


if __name__ == "__main__":
    sys.exit(main())
