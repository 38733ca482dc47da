"""README.md's set-up commands stay true: CI runs exactly the test command it gives."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands():
    return re.findall(r"```sh\n(.+?)\n```", (ROOT / "README.md").read_text())


def test_ci_runs_the_readme_test_command():
    test_command = readme_commands()[1]
    assert "pytest" in test_command
    assert test_command in (ROOT / ".ci" / "run").read_text().splitlines()


def test_the_run_command_installs_and_runs_pindesk():
    run_command = readme_commands()[0]
    assert "pip install" in run_command and run_command.endswith(".venv/bin/pindesk serve")
