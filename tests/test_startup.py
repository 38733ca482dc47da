"""Start-up: commands import only what they use, and a warm cache answers without scikit-learn or scipy."""
import json
import subprocess
import sys

import pytest

PROBE = """
import io, json, sys
from pindesk.cli import main
status = main(sys.argv[1:], stdout=io.StringIO(), stderr=io.StringIO())
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"sklearn", "scipy", "numpy", "yaml", "flask"})
print(json.dumps({"status": status, "heavy": heavy}))
"""


def imported(*args, cache_folder):
    """Run a command in a fresh interpreter; its exit status and which heavy packages it imported."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "PINDESK_CACHE_DIR": str(cache_folder)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_help_imports_nothing_heavy(cache_folder):
    assert imported("--help", cache_folder=cache_folder) == {"status": 0, "heavy": []}


@pytest.mark.parametrize("args", [["apps"], ["lookup", "chat.signal.org"], ["export", "Signal", "--format", "txt"],
                                  ["show", "Signal"], ["config"]])
def test_catalog_commands_build_no_engine_and_read_parsed_yaml_back(args, tmp_path):
    for run in ("cold", "warm"):
        result = imported(*args, cache_folder=tmp_path)
        assert result["status"] == 0 and not {"sklearn", "scipy", "numpy"} & set(result["heavy"]), run
    assert "yaml" not in result["heavy"]


def test_ask_needs_neither_scikit_learn_nor_scipy_cold_or_warm(tmp_path):
    for run in ("cold", "warm"):
        result = imported("ask", "netflix says currently unavailable", cache_folder=tmp_path)
        assert result["status"] == 0 and "numpy" in result["heavy"], run
        assert not {"sklearn", "scipy"} & set(result["heavy"]), run
    assert list(tmp_path.glob("index-*.npz")) and "yaml" not in result["heavy"]
