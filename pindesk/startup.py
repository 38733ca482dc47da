"""`pindesk bench --startup`: how long whole `pindesk` processes take, with the index cache cold and warm."""
from __future__ import annotations

import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The commands people type and scripts run; each is timed as a process started from outside.
COMMANDS = (
    ("ask", "netflix says currently unavailable"),
    ("lookup", "chat.signal.org"),
    ("apps",),
    ("export", "Signal", "--format", "txt"),
    ("--help",),
    ("config",),
)


def pindesk_command() -> list[str]:
    """How to start pindesk: the console script beside this interpreter, else `python -m pindesk.cli`."""
    script = Path(sys.executable).parent / "pindesk"
    return [str(script)] if script.exists() else [sys.executable, "-m", "pindesk.cli"]


def _forget_index(folder: Path) -> None:
    """Make the next run cold: the catalog's index is gone, as after the catalog changed."""
    for path in folder.glob("index-*.npz"):
        path.unlink()


def _own_timing(argv: list[str], runs: int, environ: dict, before=None) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each of `runs` runs of a process (after one untimed run), `before` called
    ahead of each."""
    import resource
    walls, cpus = [], []
    for number in range(runs + 1):
        if before:
            before()
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall = time.perf_counter() - start
        now = resource.getrusage(resource.RUSAGE_CHILDREN)
        if number:
            walls.append(wall)
            cpus.append(now.ru_utime - used.ru_utime + now.ru_stime - used.ru_stime)
    return walls, cpus


def _hyperfine(hyperfine: str, argv: list[str], runs: int, environ: dict, folder: Path,
               cold: bool) -> tuple[list[float], list[float]]:
    """Wall seconds of each run and the mean CPU seconds, as hyperfine measures them (it removes the index
    before each cold run)."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "times.json"
        options = [hyperfine, "--runs", str(runs), "--warmup", "1", "--style", "none", "--export-json", str(report)]
        if cold:
            options += ["--prepare", f"rm -f {shlex.quote(str(folder))}/index-*.npz"]
        subprocess.run([*options, shlex.join(argv)], env=environ, check=True, stdout=subprocess.DEVNULL)
        result = json.loads(report.read_text())["results"][0]
        return result["times"], [result["user"] + result["system"]]


def _figures(walls: list[float], cpus: list[float]) -> dict:
    """Median and minimum wall seconds, and the median CPU seconds (user and system): on a busy machine
    the wall time grows with the load, the CPU time much less."""
    return {"median_s": statistics.median(walls), "min_s": min(walls), "cpu_s": statistics.median(cpus)}


def run_startup(runs: int = 5, environ=None, progress=lambda message: None) -> dict:
    """Time every command cold and warm, and `python -c pass` beside them, in a cache folder of its own."""
    environ = dict(os.environ if environ is None else environ)
    hyperfine = shutil.which("hyperfine", path=environ.get("PATH"))
    base = pindesk_command()
    rows = []
    with tempfile.TemporaryDirectory(prefix="pindesk-startup-") as folder:
        environ["PINDESK_CACHE_DIR"] = folder
        subprocess.run([*base, "ask", "warm the dictionary"], env=environ, check=True, stdout=subprocess.DEVNULL)
        for name, argv in [("python -c pass", [sys.executable, "-c", "pass"])] + [
                ("pindesk " + shlex.join(args), [*base, *args]) for args in COMMANDS]:
            row = {"command": name}
            for state in ("cold", "warm"):
                progress(f"bench --startup: {name} ({state}) ...")
                cold = state == "cold"
                if hyperfine:
                    walls, cpus = _hyperfine(hyperfine, argv, runs, environ, Path(folder), cold)
                else:
                    forget = (lambda: _forget_index(Path(folder))) if cold else None
                    walls, cpus = _own_timing(argv, runs, environ, forget)
                row[state] = _figures(walls, cpus)
            rows.append(row)
    return {"runs": runs, "timer": "hyperfine" if hyperfine else "pindesk (subprocess, perf_counter)",
            "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}", "load": os.getloadavg()[0],
            "commands": rows}
