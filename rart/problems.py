"""A problem found in the content, and the report editors read: where (file, line), what is
wrong, how to fix it, a correct example; every problem of a run, errors first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .messages import Messages

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: str  # as editors see it from the project folder: content/notizie/x.md
    line: int | None  # 1-based; None when the problem is the whole file
    code: str  # a key of messages.MESSAGES
    params: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line or 0, self.code)

    def format(self, messages: Messages) -> str:
        message = messages.message(self.code, self.params)
        label = messages.text("error" if self.is_error else "warning")
        lines = [f"{label} {messages.location(self.path, self.line)}", f"  {_sentence(message.what)}"]
        lines.append(f"  {messages.text('fix')}: {_sentence(message.fix, capital=False)}")
        if message.example.strip():
            lines.append(f"  {messages.text('example')}:")
            lines.extend(f"      {row}" for row in message.example.split("\n"))
        return "\n".join(lines)


class ContentProblem(Exception):
    """Raised by a pure function that meets a content mistake; carries the Problem."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def _sentence(text: str, capital: bool = True) -> str:
    text = text.strip()
    if capital:
        text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def format_report(
    problems: Iterable[Problem], messages: Messages, checked_files: int | None = None
) -> str:
    """Every problem, errors then warnings, each in file and line order, and a summary."""
    problems = list(problems)
    errors = sorted((p for p in problems if p.is_error), key=Problem.sort_key)
    warnings = sorted((p for p in problems if not p.is_error), key=Problem.sort_key)
    blocks = [p.format(messages) for p in errors + warnings]
    if errors:
        files = len({p.path for p in errors})
        blocks.append(
            messages.text(
                "summary-errors",
                errors=messages.count("errors", len(errors)),
                files=messages.count("files", files),
            )
        )
    elif checked_files is not None:
        blocks.append(messages.text("ok", files=messages.count("files", checked_files)))
    if warnings:
        blocks.append(
            messages.text("summary-warnings", warnings=messages.count("warnings", len(warnings)))
        )
    return "\n\n".join(blocks)
