"""Write the `kim` command reference in docs/reference/commands.md from kim's own argument parser.

The generated part sits between ``<!-- commands -->`` and ``<!-- /commands -->``;
everything outside the markers is written by hand and left alone. Help texts are
the parser's own, in Bahasa Indonesia, as ``kim PERINTAH --help`` prints them.

    .venv/bin/python scripts/command_reference.py          # rewrite docs/reference/commands.md
    .venv/bin/python scripts/command_reference.py --check  # exit 1 if it is out of date (tests, make docs, CI)
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from pathlib import Path

from warta_cli.main import make_parser

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the shared helper beside this script
from generated_page import GeneratedPage

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "reference" / "commands.md"
PAGE_NAME = "docs/reference/commands.md"
COMMAND = ".venv/bin/python scripts/command_reference.py"
GENERATED = GeneratedPage(PAGE, PAGE_NAME, COMMAND, PAGE_NAME)
BLOCK = re.compile(r"(<!-- commands -->\n).*?(<!-- /commands -->)", re.DOTALL)
USAGE_WIDTH = 100  # fixed, so the page does not depend on the terminal it was written from
MARKDOWN_SPECIAL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "*": "\\*", "|": "\\|"})


def text(value: str) -> str:
    """Help text as Markdown that shows exactly that text: one line, no HTML, no emphasis, no table breaks."""
    return " ".join(value.split()).translate(MARKDOWN_SPECIAL)


def actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The parser's arguments in declaration order (argparse lists them only in a private attribute)."""
    return list(parser._actions)


def subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, list[str], str, argparse.ArgumentParser]]:
    """Each sub-command's name, aliases, one-line help and parser, in the order ``kim --help`` lists them."""
    for action in actions(parser):
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            found: dict[int, tuple[str, list[str], str, argparse.ArgumentParser]] = {}
            for name, sub in action.choices.items():
                if id(sub) in found:
                    found[id(sub)][1].append(name)
                else:
                    found[id(sub)] = (name, [], helps.get(name, ""), sub)
            return list(found.values())
    return []


def usage(parser: argparse.ArgumentParser) -> str:
    """The usage line argparse prints, at a fixed width, without its ``usage:`` prefix."""
    parser.formatter_class = functools.partial(argparse.HelpFormatter, width=USAGE_WIDTH)
    return parser.format_usage().removeprefix("usage: ").strip()


def metavar(action: argparse.Action) -> str:
    """How the value of an argument is written in its name cell (``NAMA``, ``[BERKAS ...]``)."""
    if action.nargs == 0:
        return ""
    if action.metavar is not None:
        name = action.metavar if isinstance(action.metavar, str) else " ".join(action.metavar)
    elif action.choices is not None:
        name = "{" + ",".join(map(str, action.choices)) + "}"
    else:
        name = action.dest.upper() if action.option_strings else action.dest
    if action.nargs == "?":
        return f"[{name}]"
    if action.nargs == "*":
        return f"[{name} ...]"
    if action.nargs == "+":
        return f"{name} [{name} ...]"
    if isinstance(action.nargs, int):
        return " ".join([name] * action.nargs)
    return name


def expanded_help(action: argparse.Action, prog: str) -> str:
    """The help text with argparse's ``%(default)s``-style fields filled in, as ``--help`` shows it."""
    if not action.help or action.help is argparse.SUPPRESS:
        return ""
    fields = {key: value for key, value in vars(action).items() if value is not argparse.SUPPRESS}
    fields["prog"] = prog
    if fields.get("choices") is not None:
        fields["choices"] = ", ".join(map(str, fields["choices"]))
    return action.help % fields


def argument_rows(parser: argparse.ArgumentParser) -> list[str]:
    """One table row per argument of ``parser``: its name and value, and its help text."""
    rows = []
    for action in actions(parser):
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction) or action.help is argparse.SUPPRESS:
            continue
        value = metavar(action)
        names = [f"{option} {value}".strip() for option in action.option_strings] or [value]
        rows.append(f"| {', '.join(f'`{name}`' for name in names)} | {text(expanded_help(action, parser.prog))} |")
    return rows


def command_section(name: str, aliases: list[str], summary: str, parser: argparse.ArgumentParser) -> list[str]:
    """The Markdown of one sub-command: heading, summary, description, usage and arguments."""
    lines = [f"## `{parser.prog}`", ""]
    if aliases:
        lines += ["Also: " + ", ".join(f"`kim {alias}`" for alias in aliases) + ".", ""]
    if summary:
        sentence = summary.rstrip(".")
        lines += [text(sentence[0].upper() + sentence[1:]) + ".", ""]
    if parser.description and text(parser.description) != text(summary):
        lines += [text(parser.description), ""]
    lines += ["```text", usage(parser), "```", ""]
    rows = argument_rows(parser)
    if rows:
        lines += ["| Argument | Meaning |", "|---|---|", *rows, ""]
    return lines


def reference(parser: argparse.ArgumentParser) -> str:
    """The generated Markdown: the global options, then every sub-command in ``kim --help`` order."""
    commands = subcommands(parser)
    lines = [
        "## Global options",
        "",
        text(parser.description or ""),
        "",
        "```text",
        usage(parser),
        "```",
        "",
        "| Argument | Meaning |",
        "|---|---|",
        *argument_rows(parser),
        "",
        "Commands: " + ", ".join(f"[`{name}`](#kim-{name})" for name, _aliases, _summary, _parser in commands) + ".",
        "",
    ]
    for command in commands:
        lines += command_section(*command)
    return "\n".join(lines).rstrip() + "\n"


def rewrite(page: str, parser: argparse.ArgumentParser) -> str:
    """``page`` with the generated block replaced; a page without the markers is an error."""
    if not BLOCK.search(page):
        raise SystemExit(f"{PAGE_NAME} has no <!-- commands --> … <!-- /commands --> block.")
    return BLOCK.sub(lambda match: match[1] + reference(parser) + match[2], page)


def main(argv: list[str] | None = None) -> int:
    """Rewrite the command reference, or with ``--check`` only say whether it is up to date."""
    return GENERATED.main(lambda page: rewrite(page, make_parser()), __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
