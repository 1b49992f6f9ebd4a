"""The claims ledger: every Italian content file names, in its `Source:` field, the passages of
the source texts (docs/source/*.txt) its facts come from, copied word for word, one per line.
This module checks the ledger against the files. Pure: text in, problems out.

What it checks, for each Italian content file (translations repeat their original's facts and
are reviewed against it):

1. `Source:` is there. `Source: nessuna` says the page states no fact about the network
   (search, 404, privacy, accessibility): such a page may not name anyone or anything the
   network's texts name (a member, a person, an institution), apart from the network itself.
2. Every quoted passage is in one of the source texts, word for word (straight and curly
   apostrophes and quotes are the same, runs of spaces are one space, a quote may be wrapped in
   «» or "" and may start or end with …), and has at least MIN_QUOTE_WORDS words.
3. The facts of the file are in the passages it quotes. A fact is:
   - a number: digits (12, 2025, 117/2017 is two numbers) or an Italian number word (due,
     dodici: not uno/una/un, which are articles, nor sei, which is also a verb); a number in
     the passages counts in digits or in words, and keycap emoji (4️⃣) count as digits;
   - a date word: a month or semestre/trimestre;
   - a legal reference: D.Lgs., D.M., D.L., legge or decreto + number/year; the number/year
     must be in the passages, and "legge N/AAAA" is refused where the sources call the same
     act a D.Lgs. (the announcement writes "legge 117/2017" once, loosely);
   - a name: a capitalised word that does not start a sentence, a heading, a list item, a
     field, a link text or a «quote», and any word of two or more capitals (RART, SAI): the
     word must be in the passages (case aside). A name at the very start of a sentence is not
     checked (it cannot be told from an ordinary word): reviewers read those;
   - a member: wherever a member's own name (its words without the legal form: Babel, IL
     PUNTO) appears capitalised, the member's full name must be written exactly as in the
     announcement's list; a member's page is titled with that exact name.
   Checked: Title, Summary, Category, Tags, Cta_label, Image_alt, Legal_form, City, the
   Materials labels, the dates of campaigns (Start, End) and of results (Date), and the text.
   Not checked: a news item's Date and Modified (the day the site published it), addresses,
   file names, Members, Todo, code.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rart.frontmatter import split_document
from rart.problems import Problem

from .body import scan
from .readability import sentences

MIN_QUOTE_WORDS = 2
NONE_VALUES = ("nessuna", "nessuno", "nessun")
GENERAL_SOURCE = "conoscenze-generali.it.txt"  # general facts about public terms, not the network
MEMBER_LIST_MARKER = "La RART sono:"
# The network's own name: the subject of every page, never a claim to back.
NETWORK_NAME_WORDS = {"rart", "rete", "asilo", "rifugio", "torino"}
MEMBER_LEGAL_WORDS = {"s.r.l.", "srl", "impresa", "sociale", "ets", "s.c.s.", "scs", "cooperativa",
                      "società"}

NUMBER_WORDS = {
    "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sette": 7, "otto": 8, "nove": 9,
    "dieci": 10, "undici": 11, "dodici": 12, "tredici": 13, "quattordici": 14, "quindici": 15,
    "sedici": 16, "diciassette": 17, "diciotto": 18, "diciannove": 19, "venti": 20,
    "trenta": 30, "quaranta": 40, "cinquanta": 50, "sessanta": 60, "settanta": 70,
    "ottanta": 80, "novanta": 90, "cento": 100, "mille": 1000,
}
DATE_WORDS = {
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
    "settembre", "ottobre", "novembre", "dicembre", "semestre", "trimestre",
}
# Fields whose text states facts, per content type (besides the body).
TEXT_FIELDS = ("title", "summary", "category", "tags", "cta_label", "image_alt", "legal_form",
               "city", "materials")
DATE_FIELDS = {"campaign": ("start", "end"), "achievement": ("date",)}

LEGAL_RE = re.compile(
    r"(?P<kind>d\.\s?lgs\.?|d\.\s?l\.|d\.\s?m\.|decreto\s+legislativo|decreto\s+ministeriale|"
    r"decreto|legge|l\.)\s*(?:n\.?\s*)?(?P<number>\d+)\s*/\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
NUMBER_RE = re.compile(r"\d+")
TOKEN_RE = re.compile(r"[^\W\d_]+|\d+|[«“\"\u2063:]")
RESET = "«“\"\u2063:"  # after these the next word starts a phrase (a quote, a link text, a list)
LINK_OPEN = re.compile(r"!?\[")


@dataclass(frozen=True)
class SourceText:
    name: str  # file name in docs/source/
    text: str

    @property
    def normalised(self) -> str:
        return normalise(self.text)


@dataclass
class Passages:
    """What the quoted passages of one file contain, for comparison."""

    numbers: set[int] = field(default_factory=set)
    words: set[str] = field(default_factory=set)  # casefolded
    legal: set[tuple[int, int]] = field(default_factory=set)

    def add(self, text: str) -> None:
        for match in LEGAL_RE.finditer(text):
            self.legal.add((int(match["number"]), int(match["year"])))
        self.numbers.update(int(n) for n in NUMBER_RE.findall(text))
        for token in re.findall(r"[^\W\d_]+", text):
            folded = token.casefold()
            self.words.add(folded)
            if folded in NUMBER_WORDS:
                self.numbers.add(NUMBER_WORDS[folded])


def normalise(text: str) -> str:
    """For comparing quotes: NFC, one kind of apostrophe and of double quote, one space."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split())


def strip_quote(value: str) -> str:
    """A quote as editors may write it: «…», "…", with … or ... at either end."""
    value = value.strip()
    if len(value) > 1 and value[0] + value[-1] in ("«»", '""', "“”"):
        value = value[1:-1].strip()
    for dots in ("…", "..."):
        value = value.removeprefix(dots).removesuffix(dots).strip()
    return value


def load_sources(folder: Path) -> list[SourceText]:
    return [SourceText(p.name, p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob("*.txt"))]


def member_names(announcement: str) -> list[str]:
    """The members as the announcement lists them after "La RART sono:", separated by
    semicolons; one semicolon is missing there ("…SOCIALE ETS Liberitutti scs"), so a run of
    capitals followed by a capitalised word also separates two names."""
    tail = announcement.split(MEMBER_LIST_MARKER, 1)[1]
    names: list[str] = []
    for item in tail.split(";"):
        names.extend(p.strip() for p in re.split(r"(?<=[A-Z]{2}) (?=[A-Z][a-z])", item) if p.strip())
    if names and names[-1].endswith(".") and not re.search(r"(?:\w\.){2,}$", names[-1]):
        names[-1] = names[-1][:-1]  # the full stop that ends the announcement
    return names


def member_key(name: str) -> list[str]:
    """The words of a member's name without its legal form: 'IL PUNTO COOPERATIVA SOCIALE
    ETS' -> ['IL', 'PUNTO']."""
    key = [w for w in name.split() if w.casefold() not in MEMBER_LEGAL_WORDS]
    return key or name.split()


def source_names(sources: list[SourceText]) -> set[str]:
    """Names in the network's own texts (capitalised words not starting a sentence, words in
    capitals), casefolded, without the network's own name."""
    found: set[str] = set()
    for source in sources:
        if source.name == GENERAL_SOURCE:
            continue
        for sentence in sentences([(1, source.text)]):
            found.update(t.casefold() for t, _ in _names(sentence.text))
    return found - NETWORK_NAME_WORDS


def _names(text: str) -> list[tuple[str, int]]:
    """(word, offset) of the names in a sentence: capitalised words that do not start a
    phrase, and words of two or more capitals anywhere."""
    found = []
    initial = True
    for match in TOKEN_RE.finditer(text):
        token = match.group()
        if token in RESET:
            initial = True
            continue
        if token.isdigit():
            initial = False
            continue
        starts_phrase = initial
        # An elided article starts the phrase with the word it is attached to: "L'Assessore".
        initial = starts_phrase and text[match.end():match.end() + 1] in ("'", "’")
        if len(token) < 2:
            continue
        capitals = sum(c.isupper() for c in token)
        if capitals >= 2 and token.isupper() or token[0].isupper() and not starts_phrase:
            found.append((token, match.start()))
    return found


@dataclass(frozen=True)
class Unit:
    line: int
    text: str


def _units(doc, content_type: str) -> list[Unit]:
    """The text of a file that states facts, as sentences or field values with their line."""
    units: list[Unit] = []
    for name in TEXT_FIELDS + DATE_FIELDS.get(content_type, ()):
        entry = doc.first(name)
        if entry is None:
            continue
        for value, line in zip(entry.values, entry.value_lines):
            if name == "materials":
                value = value.partition("|")[0]
            parts = value.split(",") if name == "tags" else [value]
            for part in parts:
                if name == "summary":
                    prose = [(n, LINK_OPEN.sub("\u2063", t)) for n, t in scan([part], line).prose]
                    units.extend(Unit(s.line, s.text) for s in sentences(prose))
                elif part.strip():
                    units.append(Unit(line, part.strip()))
    prose = [(n, LINK_OPEN.sub("\u2063", t)) for n, t in scan(doc.body, doc.body_start).prose]
    units.extend(Unit(s.line, s.text) for s in sentences(prose))
    return units


class _Checker:
    def __init__(self, sources: list[SourceText], members: list[str]):
        self.sources = sources
        self.members = members
        self.texts = [(s.name, s.normalised) for s in sources]
        self.names = source_names(sources)
        # (number, year) -> how the sources call the act: {"dlgs", "legge", …}
        self.legal_kinds: dict[tuple[int, int], set[str]] = {}
        for source in sources:
            for match in LEGAL_RE.finditer(source.text):
                key = (int(match["number"]), int(match["year"]))
                self.legal_kinds.setdefault(key, set()).add(_legal_kind(match["kind"]))

    def check(self, shown: str, text: str, content_type: str) -> list[Problem]:
        problems: list[Problem] = []
        doc = split_document(text)
        if not doc.entries:
            return problems  # the validator reports a file without a header
        units = _units(doc, content_type)
        if content_type == "member":
            title = doc.first("title")
            if title and title.value.strip() not in self.members:
                problems.append(Problem(shown, title.line, "claim-member-title", {
                    "value": title.value.strip(), "hint": self._closest_member(title.value)}))
        entry = doc.first("source")
        if entry is None:
            problems.append(Problem(shown, None, "source-missing", {}))
            return problems
        values = [(strip_quote(v), n) for v, n in zip(entry.values, entry.value_lines) if v.strip()]
        if not values:
            problems.append(Problem(shown, entry.line, "source-empty", {}))
            return problems
        if values[0][0].casefold().startswith(NONE_VALUES):
            problems.extend(self._check_none(shown, units))
            return problems
        passages = Passages()
        for quote, line in values:
            problem = self._check_quote(shown, quote, line)
            if problem:
                problems.append(problem)
            else:
                passages.add(quote)
        seen = set()
        for unit in units:
            for problem in self._check_unit(shown, unit, passages):
                key = (problem.line, problem.code, tuple(sorted(problem.params.items())))
                if key not in seen:
                    seen.add(key)
                    problems.append(problem)
        return problems

    # --- the ledger ------------------------------------------------------------------
    def _check_quote(self, shown: str, quote: str, line: int) -> Problem | None:
        wanted = normalise(quote)
        if len(re.findall(r"\w+", wanted)) < MIN_QUOTE_WORDS:
            return Problem(shown, line, "source-too-short", {"quote": quote, "min": MIN_QUOTE_WORDS})
        if any(wanted in text for _, text in self.texts):
            return None
        words = wanted.split(" ")
        good = 0
        for k in range(1, len(words) + 1):
            if any(" ".join(words[:k]) in text for _, text in self.texts):
                good = k
            else:
                break
        if good:
            hint = f"; le prime {good} parole ci sono, poi il testo è diverso da «{' '.join(words[good:good + 3])}»"
        else:
            hint = ""
        return Problem(shown, line, "source-not-verbatim", {"quote": _short(quote), "hint": hint})

    def _check_none(self, shown: str, units: list[Unit]) -> list[Problem]:
        problems = []
        for unit in units:
            for token, _ in _names(unit.text):
                if token.casefold() in self.names:
                    problems.append(Problem(shown, unit.line, "source-none-names", {"value": token}))
            for _member, span in self._member_mentions(unit.text):
                problems.append(Problem(shown, unit.line, "source-none-names",
                                        {"value": unit.text[span[0]:span[1]]}))
        return problems

    # --- facts ---------------------------------------------------------------------------
    def _check_unit(self, shown: str, unit: Unit, passages: Passages) -> list[Problem]:
        problems = []
        text = unit.text

        def add(code, **params):
            problems.append(Problem(shown, unit.line, code, params))

        # Legal references first, then blanked, so their numbers are not reported twice.
        for match in LEGAL_RE.finditer(text):
            key = (int(match["number"]), int(match["year"]))
            written = " ".join(match.group(0).split())
            if key not in passages.legal:
                add("claim-legal", value=written)
            elif _legal_kind(match["kind"]) == "legge" and "dlgs" in self.legal_kinds.get(key, ()):
                add("claim-legal-form", value=written, expected=f"D.Lgs. {key[0]}/{key[1]}")
        rest = LEGAL_RE.sub(lambda m: " " * len(m.group(0)), text)
        for number in NUMBER_RE.findall(rest):
            if int(number) not in passages.numbers:
                add("claim-number", value=number)
        for token in re.findall(r"[^\W\d_]+", rest):
            folded = token.casefold()
            if folded in NUMBER_WORDS and NUMBER_WORDS[folded] not in passages.numbers:
                add("claim-number", value=token)
            elif folded in DATE_WORDS and folded not in passages.words:
                add("claim-date-word", value=token)
        reported: set[int] = set()
        for member, span in self._member_mentions(text):
            reported.update(range(*span))
            add("claim-member-name", found=text[span[0]:span[1]], expected=member)
        for token, offset in _names(rest):
            folded = token.casefold()
            if offset in reported or folded in passages.words or folded in NETWORK_NAME_WORDS:
                continue
            add("claim-name", value=token)
        return problems

    def _member_mentions(self, text: str):
        """(member, span) for each capitalised mention of a member's own name that is not
        part of the member's full name written exactly."""
        for member in self.members:
            key = member_key(member)
            pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in key) + r"(?!\w)"
            exact = [m.span() for m in re.finditer(re.escape(member) + r"(?!\w)", text)]
            for match in re.finditer(pattern, text, re.IGNORECASE):
                if not all(w[:1].isupper() for w in match.group(0).split()):
                    continue
                if any(a <= match.start() and match.end() <= b for a, b in exact):
                    continue
                # Show what was written: the key and the legal-form words after it.
                yield member, (match.start(), _extend(text, match.end()))

    def _closest_member(self, value: str) -> str:
        folded = {m.casefold(): m for m in self.members}
        close = difflib.get_close_matches(value.strip().casefold(), list(folded), n=1, cutoff=0.6)
        return f"; forse «{folded[close[0]]}»?" if close else ""


def _extend(text: str, end: int) -> int:
    """Extend a member's key over the legal-form words written after it ("Babel scs."), but
    not over the full stop that ends the sentence."""
    while True:
        match = re.match(r"\s+(\S+)", text[end:])
        if not match:
            return end
        word = match.group(1).casefold()
        if word in MEMBER_LEGAL_WORDS:
            end += match.end()
        elif word.rstrip(".,;:") in MEMBER_LEGAL_WORDS:
            return end + match.end() - (len(word) - len(word.rstrip(".,;:")))
        else:
            return end


def _legal_kind(kind: str) -> str:
    kind = re.sub(r"[\s.]", "", kind.casefold())
    return {"dlgs": "dlgs", "decretolegislativo": "dlgs", "dm": "dm", "decretoministeriale": "dm",
            "dl": "dl", "l": "legge", "legge": "legge"}.get(kind, kind)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def check_text(shown: str, text: str, content_type: str, sources: list[SourceText]) -> list[Problem]:
    """Problems of one Italian content file (`shown`: its path as editors see it)."""
    return _Checker(sources, _members_of(sources)).check(shown, text, content_type)


def _members_of(sources: list[SourceText]) -> list[str]:
    for source in sources:
        if MEMBER_LIST_MARKER in source.text:
            return member_names(source.text)
    return []


def check_content(content_dir: Path, source_dir: Path, types: dict[str, str]) -> tuple[list[Problem], int]:
    """(problems, files checked) for every Italian content file under `content_dir`; `types`
    maps a content folder to its type ({'notizie': 'news', …})."""
    content_dir = Path(content_dir)
    sources = load_sources(source_dir)
    checker = _Checker(sources, _members_of(sources))
    problems: list[Problem] = []
    checked = 0
    for path in sorted(content_dir.rglob("*.md")):
        rel = path.relative_to(content_dir)
        content_type = types.get(rel.parts[0])
        if content_type is None or len(rel.parts) != 2 or path.name.count(".") != 1:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the validator reports it
        doc = split_document(text)
        status = doc.first("status")
        if status and status.value.strip().lower() == "draft":
            continue
        checked += 1
        problems.extend(checker.check(f"{content_dir.name}/{rel.as_posix()}", text, content_type))
    return problems, checked
