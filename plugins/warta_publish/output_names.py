"""The last gate before git: every output name in the published alphabet, no symlink, only files and folders.

ghp-import hands each output path to ``git fast-import`` as it is, unquoted
(``M 100644 inline <path>``): a file name holding a newline and fast-import
commands could add, replace or delete any file on the published branch, and
a name starting with ``"`` is read as a C-style quoted string. ``kim periksa``
refuses such names in ``content/``, but publishing does not rely on it:
:func:`unpublishable_paths` walks the output folder (symlinks not followed)
and every file and folder name must match
:data:`warta_core.names.PUBLISHED_PART`. A symlink is refused as well,
because ghp-import would publish whatever it points at, and so is anything
that is neither a regular file nor a folder (ghp-import would hang reading a
FIFO). :func:`~warta_publish.branch.publish_branch` runs it before ghp-import
whoever called it, and the output check (:mod:`.output_check`) runs it too, so
``kim terbitkan --ke-folder`` refuses the same names.
"""

from __future__ import annotations

import os
import stat

from warta_core.names import published_path_problem, shown_name

ALPHABET_HINT = (
    "yang boleh: huruf a-z dan A-Z, angka 0-9, titik, tanda hubung, garis bawah; tanpa titik atau tanda hubung di awal"
)


def _entry_problem(path: str, relative: str) -> str | None:
    """Why one output entry may not go to git, or None."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as error:
        return f"tidak dapat dibaca ({error.strerror})"
    if stat.S_ISLNK(mode):
        return "tautan simbolik (symlink); ghp-import akan menerbitkan isi tujuannya, bukan tautannya"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "bukan berkas biasa atau folder"
    problem = published_path_problem(relative)
    return f"{problem} ({ALPHABET_HINT})" if problem else None


def unpublishable_paths(output: str) -> list[str]:
    """Every file and folder under ``output`` that may not be handed to git, as "path: why" lines, by path.

    A refused folder is named once; what is inside it is not listed (its path holds the same name).
    """
    if os.path.islink(output):
        return [f"{shown_name(output)}: folder hasil adalah tautan simbolik (symlink)"]
    if not os.path.isdir(output):
        return []  # nothing to hand to git; the output check and ghp-import say the folder is missing
    problems: list[tuple[str, str]] = []

    def unreadable(error: OSError) -> None:
        where = os.path.relpath(str(error.filename), output).replace(os.sep, "/")
        problems.append((where, f"folder tidak dapat dibaca ({error.strerror})"))

    for folder, dirs, files in os.walk(output, onerror=unreadable):  # followlinks=False: a symlink is an entry
        prefix = os.path.relpath(folder, output).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        refused = set()
        for name in dirs + files:
            problem = _entry_problem(os.path.join(folder, name), prefix + name)
            if problem:
                problems.append((prefix + name, problem))
                refused.add(name)
        dirs[:] = [name for name in dirs if name not in refused]  # not into a refused or symlinked folder
    return [f"{shown_name(path)}: {problem}" for path, problem in sorted(problems)]


def unpublishable_report(problems: list[str]) -> str:
    """One Indonesian report: every refused path with its reason, and what to do."""
    listed = "\n".join(f"  {problem}" for problem in problems)
    return (
        f"Hasil pembangunan memuat {len(problems)} nama berkas atau folder yang tidak boleh diserahkan ke git "
        f"(ghp-import meneruskan nama apa adanya ke `git fast-import`):\n{listed}\n"
        "Ganti nama berkas asalnya di folder konten (periksa dengan `kim periksa`), lalu terbitkan lagi."
    )
