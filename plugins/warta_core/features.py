"""The one extension point through which features bring their own data files into the check.

A feature owning a data file (warta_partners: ``content/_data/mitra.yml``)
declares ``check(network) -> FeatureData`` in the ``warta_kim.checks``
entry-point group (pyproject.toml; the entry point's name is the feature's
name). ``kim periksa`` and the build run every registered check once: the
problems join the one report, and the parsed data rides on the
:class:`~warta_core.validation.CheckResult`, where the build takes it
(:meth:`CheckResult.feature`) instead of reading the file again.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import entry_points

from .network import Network
from .problems import ProblemList

CHECKS_GROUP = "warta_kim.checks"


@dataclass(frozen=True)
class FeatureData:
    """What a feature's check found: problems for the report, and the parsed data for the build."""

    problems: ProblemList
    data: object = None


class FeatureCheckBroken(TypeError):
    """A registered check returned something other than :class:`FeatureData` (a plugin bug, not a writer's)."""


def run_feature_checks(network: Network, problems: ProblemList) -> dict[str, object]:
    """Run every registered feature check; add its problems to ``problems``; the data by feature name."""
    found: dict[str, object] = {}
    for entry in sorted(entry_points(group=CHECKS_GROUP), key=lambda e: e.name):
        outcome = entry.load()(network)
        if not isinstance(outcome, FeatureData):
            raise FeatureCheckBroken(f"{entry.value} (warta_kim.checks) must return FeatureData, not {outcome!r}")
        problems.extend(outcome.problems)
        found[entry.name] = outcome.data
    return found
