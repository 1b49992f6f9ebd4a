"""The content checks where a pull request shows them (GitHub Actions).

When the checks run in GitHub Actions (GITHUB_ACTIONS=true), every problem also becomes an
annotation on its file and line (the pull request's "Files changed" tab and the check's page
show it next to the text), and the whole Italian report goes to the job's summary (the
check's page, under "Summary"). Volunteers who edit in the browser read their mistakes there:
docs/EDITING.md, part 1, says where to click.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from rart.messages import Messages
from rart.problems import Problem


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_commands(problems: Iterable[Problem], messages: Messages) -> list[str]:
    """One workflow command per problem: `::error file=…,line=…,title=…::message`."""
    lines = []
    for problem in sorted(problems, key=Problem.sort_key):
        level = "error" if problem.is_error else "warning"
        what = messages.message(problem.code, problem.params).what
        where = f"file={_property(problem.path)}"
        if problem.line:
            where += f",line={problem.line}"
        title = _property(what[:1].upper() + what[1:])
        lines.append(f"::{level} {where},title={title}::{_data(problem.format(messages))}")
    return lines


def report(problems: list[Problem], text: str, messages: Messages, stream) -> None:
    """Annotations on `stream`, the report in the job's summary; nothing outside Actions."""
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return
    for line in workflow_commands(problems, messages):
        print(line, file=stream)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with Path(summary).open("a", encoding="utf-8") as handle:
            handle.write(f"## {messages.text('ci-summary-title')}\n\n```text\n{text}\n```\n")
