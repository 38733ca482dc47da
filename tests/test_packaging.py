"""The distribution: one top-level package, `pindesk`, that works installed from a wheel."""
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built as `pip wheel` builds it, from a copy of the sources (setuptools leaves build/ behind)."""
    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("knowledge", "service", "bots", "pindesk"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return next(out.glob("pindesk-*.whl"))


def test_the_wheel_holds_one_top_level_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/", 1)[0] for name in names if ".dist-info/" not in name}
    assert tops == {"pindesk"}
    for needed in ("pindesk/knowledge/catalog.yaml", "pindesk/knowledge/articles/what-is-pinning.md",
                   "pindesk/knowledge/eval/queries.yaml", "pindesk/service/templates/index.html",
                   "pindesk/service/static/pindesk.css", "pindesk/bots/actions/feedback.py"):
        assert needed in names


def test_every_source_package_is_in_the_wheel(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("knowledge", "service", "bots", "pindesk"):
        for init in (ROOT / folder).rglob("__init__.py"):
            inside = init.relative_to(ROOT / folder).as_posix()
            prefix = "pindesk/" if folder == "pindesk" else f"pindesk/{folder}/"
            assert prefix + inside in names, f"{init} is not packaged (add it to [tool.setuptools] packages)"


def test_the_installed_wheel_answers_outside_the_repository(wheel, tmp_path):
    target = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
                           str(wheel)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    code = ("import sys, pindesk, pindesk.service, pindesk.bots.app; from pindesk.cli import main; "
            "print(pindesk.__file__); sys.exit(main(['ask', 'netflix says currently unavailable']))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0].startswith(str(target))
    assert "Netflix" in run.stdout


def test_no_module_imports_the_folders_by_their_repository_names():
    for folder in ("knowledge", "service", "bots", "pindesk", "tests", "deploy"):
        for path in (ROOT / folder).rglob("*.py"):
            for line in path.read_text().splitlines():
                words = line.split()
                if words[:1] in (["from"], ["import"]) and len(words) > 1:
                    assert words[1].split(".")[0] not in ("knowledge", "service", "bots"), f"{path}: {line}"
