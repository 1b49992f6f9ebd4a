"""A problem found in the content, and the report editors read: file, line, what is wrong, how
to fix it, a correct example; every problem of the run, errors first."""

from __future__ import annotations

from dataclasses import dataclass, field

from .messages import count, render, ui

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: str  # as editors see it from the project folder: content/notizie/x.md
    line: int | None  # 1-based; None when the problem is the whole file
    code: str  # a key of messages.CATALOGS[lang]
    params: dict = field(default_factory=dict, compare=False, hash=False)
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def sort_key(self):
        return (self.path, self.line or 0, self.code)

    def format(self, lang: str = "it") -> str:
        message = render(self.code, self.params, lang)
        where = self.path if self.line is None else f"{self.path}:{self.line} ({ui('line', lang)} {self.line})"
        label = ui("error" if self.is_error else "warning", lang)
        lines = [f"{label} {where}", f"  {_sentence(message.what)}"]
        lines.append(f"  {ui('fix', lang)}: {_sentence(message.fix, capital=False)}")
        if message.example.strip():
            example = message.example.split("\n")
            lines.append(f"  {ui('example', lang)}:")
            lines.extend(f"      {row}" for row in example)
        return "\n".join(lines)


def _sentence(text: str, capital: bool = True) -> str:
    text = text.strip()
    if capital:
        text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def format_report(problems: list[Problem], lang: str = "it", checked_files: int | None = None) -> str:
    """Every problem, errors then warnings, each in file and line order, and a summary."""
    errors = sorted((p for p in problems if p.is_error), key=Problem.sort_key)
    warnings = sorted((p for p in problems if not p.is_error), key=Problem.sort_key)
    blocks = [p.format(lang) for p in errors + warnings]
    if errors:
        files = len({p.path for p in errors})
        blocks.append(ui("summary-errors", lang, errors=count("n-errors", len(errors), lang),
                         files=count("n-files", files, lang)))
    elif checked_files is not None:
        blocks.append(ui("ok", lang, files=count("n-files", checked_files, lang)))
    if warnings:
        blocks.append(ui("summary-warnings", lang, warnings=count("n-warnings", len(warnings), lang)))
    return "\n\n".join(blocks)
