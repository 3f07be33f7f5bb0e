"""Xã Số entry point: no command starts the desktop app; `python main.py COMMAND …` is the CLI."""

from __future__ import annotations

import sys


def _wants_gui(argv: list[str]) -> bool:
    """`python main.py` or `python main.py --data-dir DIR`: the desktop app."""
    if not argv:
        return True
    if argv[0] == "--data-dir":
        return len(argv) == 2
    return len(argv) == 1 and argv[0].startswith("--data-dir=")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if _wants_gui(argv):
        from ui.launch import launch_gui

        return launch_gui(argv)
    from cli import run_cli

    return run_cli(argv)


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # frozen app: worker processes (demo generator) start here
    sys.exit(main())
