"""The `pindesk` command: ask, chat, lookup, apps, show, export, detect, eval, bench, config, serve, slack.

The arguments are in parser.py, what each subcommand does in commands.py; here they meet, and every
error becomes one line and an exit status.
"""
from __future__ import annotations

import os
import sys

from pindesk.knowledge.errors import PindeskError

from .commands import COMMANDS
from .environment import PROG, Environment, ExitStatus
from .parser import build_parser

__all__ = ["Environment", "ExitStatus", "main", "run"]


def main(argv=None, stdin=None, stdout=None, stderr=None, environ=None) -> int:
    """Run the command; return its exit status (ExitStatus.USAGE for any error a user can fix)."""
    env = Environment(stdin, stdout, stderr, environ)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command](args, env)
    except PindeskError as exc:
        env.stderr.write(f"{PROG}: error: {exc}\n")
        return ExitStatus.USAGE
    except BrokenPipeError:
        return ExitStatus.SUCCESS
    except KeyboardInterrupt:
        env.stderr.write(f"{PROG}: interrupted\n")
        return ExitStatus.INTERRUPTED
    except Exception as exc:  # a bug: one line for the user, the details for whoever reports it
        env.stderr.write(f"{PROG}: internal error: {type(exc).__name__}: {exc} "
                         f"(please report it with the command you ran)\n")
        return ExitStatus.ERROR


def run() -> None:
    """Console-script entry point."""
    # The engine's matrix products are a few thousand cells: OpenBLAS's extra threads only spin (on two
    # cores they cost a one-shot command some 70 ms of CPU and gunicorn's workers each other's cores).
    # Set before NumPy is imported; a value already set wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    sys.exit(main())


if __name__ == "__main__":
    run()
