"""File sizes as readers read them: decimal units (1 kB = 1000 bytes, as phones and operating
systems show them), the language's decimal separator, one decimal below ten."""

from __future__ import annotations

from babel.numbers import format_decimal

UNITS = ((1, "B"), (1_000, "kB"), (1_000_000, "MB"), (1_000_000_000, "GB"))


def human_size(size: int, locale: str) -> str:
    """human_size(82_400, 'it_IT') -> '82 kB'; human_size(1_500_000, 'it_IT') -> '1,5 MB'.
    The number and its unit are joined by a no-break space."""
    for factor, unit in UNITS:
        value = size / factor
        shown = round(value, 1) if value < 9.95 else round(value)
        if shown < 1000 or unit == UNITS[-1][1]:
            pattern = "#,##0.#" if shown < 10 and factor > 1 else "#,##0"
            return f"{format_decimal(shown, format=pattern, locale=locale)}\u00a0{unit}"
    raise AssertionError("unreachable")
