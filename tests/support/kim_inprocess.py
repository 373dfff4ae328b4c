"""Run the ``kim`` command in the test process (no interpreter start-up per call).

Used by the ``test_cli_*`` modules for speed; each of them also runs the
command once as a real subprocess (``conftest.run_kim``) to prove the entry
point and exit codes.
"""

from __future__ import annotations

import contextlib
import io
import subprocess

from warta_cli.main import main


def kim(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``kim ARGS`` in-process; return its exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse refusing the arguments
            code = exit_.code if isinstance(exit_.code, int) else 2
    return subprocess.CompletedProcess(["kim", *args], code, out.getvalue(), err.getvalue())
