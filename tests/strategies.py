"""Hypothesis strategies that build whole quote pages, and edits of pages, out of markdown syntax.

Every text is drawn from an alphabet full of what markdown reads as markup
(``| * _ # > [ ] ( ) < > & \\ ! ~ : -``, fences, list markers, entities,
link syntax, symbols in parentheses), so a writer that does not escape what
it writes is found at once.  The values are the ones the model accepts; the
write-truth invariant says each must read back as it was given.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

from hypothesis import strategies as st

import symboldoc as sd
from symboldoc._kinds.quote.labels import labels_for
from symboldoc._kinds.quote.model import MULTI_SCORE
from symboldoc._symbols import TITLE_SYMBOL

LABELS = labels_for("en")

#: Pieces of markdown syntax, drawn whole so that they meet each other in a text.
SYNTAX = [
    "|", "*", "**", "_", "__", "#", "## ", ">", "[", "]", "(", ")", "<", ">", "&", "&amp;", "&#42;", "\\", "\\|",
    "!", "~", "~~", ":", "-", " - ", "`", "```", "~~~", "1. ", "- ", "+ ", "* ", "[a](b)", "![i](u)", "<b>",
    "<http://x.example>", "(KC.US)", " (AB.HK)", "Score", " Score", "Updated: ", "As of ", "Disclaimer", "---",
    "===", "    ", "\t", "=", "'", '"', "{", "}", "$", "%", "@", "^", "/", "™", "é", "中文", "\u00a0", "\u200b",
]  # fmt: skip

_characters = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters="\n\r"
) | st.sampled_from(string.ascii_letters + string.digits + string.punctuation)


def _accepted(text: str) -> bool:
    return text == text.strip() and "\n" not in text and "\r" not in text


#: One-line plain text: what every name, metric, title and label of the model accepts.
plain_texts = (
    st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(_characters, min_size=1, max_size=6)), max_size=6)
    .map("".join)
    .map(str.strip)
    .filter(_accepted)
)
nonempty_texts = plain_texts.filter(bool)


def _lines(draw: Any, separator: str, blank_lines: bool) -> str:
    lines = draw(st.lists(nonempty_texts, min_size=1, max_size=4))
    if blank_lines and len(lines) > 1 and draw(st.booleans()):
        lines.insert(draw(st.integers(1, len(lines) - 1)), "")
    return separator.join(lines)


@st.composite
def markdown_texts(draw: Any, blank_lines: bool = True) -> str:
    """A markdown field: lines of text, perhaps with one blank line between two of them."""
    return _lines(draw, "\n", blank_lines)


grades = st.sampled_from(["A", "B", "C", "D", "E", None])
numbers = st.none() | st.decimals(
    allow_nan=False, allow_infinity=False, places=2, min_value=-(10**12), max_value=10**12
)
counts = st.none() | st.integers(0, 10**6)
ranks = st.none() | st.builds(lambda p, t: sd.Rank(p, t), st.integers(0, 999), st.integers(0, 999))
datetimes = st.none() | st.datetimes(
    min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1), timezones=st.just(dt.timezone.utc)
)
symbols = st.from_regex(r"[A-Z0-9]{1,6}\.(US|HK|SG|SH|SZ)", fullmatch=True).map(sd.Symbol)
urls = st.lists(st.one_of(st.sampled_from(["https://", "a", "/", "(", ")", " ", "<", ">", "\\", "&amp;", "%20", "é"]),
                          st.text(_characters, max_size=4)), max_size=6).map("".join)  # fmt: skip
links = st.builds(lambda text, url: sd.Link(url, (sd.Text(text),) if text else ()), plain_texts, urls)


def indicators() -> st.SearchStrategy[sd.Indicator]:
    return st.builds(sd.Indicator, plain_texts, numbers, grades)


@st.composite
def scores(draw: Any, older: bool) -> sd.Score:
    groups = []
    category = None
    for name in draw(st.lists(plain_texts, max_size=3, unique=True)):
        if older:
            category = (
                draw(st.sampled_from([category, *LABELS.score_categories]))
                if category
                else draw(st.sampled_from([None, *LABELS.score_categories]))
            )
        else:
            category = name if name in LABELS.score_categories else None
        group = sd.IndicatorGroup(name, draw(grades), category, draw(st.lists(indicators(), max_size=3)))
        groups.append(group)
    multi = None if any(group.name == MULTI_SCORE for group in groups) else draw(grades)
    classifications = st.none() | st.builds(sd.Classification, nonempty_texts, st.none() | nonempty_texts)
    return sd.Score(
        grade=draw(grades),
        value=draw(numbers),
        description=draw(st.none() | markdown_texts(blank_lines=False)),
        updated=draw(datetimes),
        industry=draw(st.none() | plain_texts),
        industry_rank=draw(ranks),
        industry_median=draw(grades),
        industry_average=draw(grades),
        style=draw(classifications),
        scale=draw(classifications),
        multi_score=multi,
        groups=groups,
        chart_title=None if older else draw(st.none() | plain_texts),
    )


def _names_another(title: str, symbol: str) -> bool:
    found = TITLE_SYMBOL.findall(title)
    return bool(found) and found[-1] != symbol


@st.composite
def symbol_pages(draw: Any, older: bool = False, symbol: str | None = None) -> sd.SymbolPage:
    """A whole quote page: each section there or not, each value drawn."""
    title = draw(st.none() | plain_texts)
    if title is not None and symbol is not None and (draw(st.booleans()) or _names_another(title, symbol)):
        title = f"{title} ({symbol})".strip()  # a title that ends in another symbol reads with a warning
    present = st.booleans()
    overview = None
    if draw(present):
        overview = sd.Overview(
            description=draw(st.none() | markdown_texts()),
            industry=draw(st.none() | nonempty_texts),
            exchange=draw(st.none() | nonempty_texts),
            website=draw(st.none() | links),
        )
    peers = draw(st.none() | st.lists(plain_texts, max_size=4))  # None: no section; []: a section without rows
    if peers is not None:
        peers = [
            sd.Peer(draw(st.integers(0, 99)), name, draw(st.none() | symbols), *draw(st.tuples(*[grades] * 6)))
            for name in peers
        ]
    analysts = None
    if draw(present):
        ratings = [
            sd.AnalystRating(name, draw(counts), draw(numbers)) for name in draw(st.lists(plain_texts, max_size=3))
        ]
        analysts = sd.Analysts(draw(datetimes), draw(counts), ratings)
    return sd.SymbolPage(
        title=title,
        supported_languages=draw(st.lists(links, max_size=2)),
        overview=overview,
        key_drivers=draw(st.lists(nonempty_texts, max_size=3)),
        score=draw(st.none() | scores(older)),
        valuation=draw(
            st.none()
            | st.builds(
                sd.Valuation,
                st.lists(
                    st.builds(sd.ValuationRow, plain_texts, numbers, ranks, numbers, numbers, numbers), max_size=3
                ),
            )
        ),
        peers=peers,
        analysts=analysts,
        target_price=draw(st.none() | st.builds(sd.TargetPrice, numbers, numbers, numbers)),
        references=draw(st.none() | st.lists(links, max_size=3)),
        disclaimer=draw(nonempty_texts),
    )


#: Any text, control characters and line breaks included: what a front matter string (YAML) holds.
any_texts = st.text(max_size=12)


@st.composite
def front_matters(draw: Any, symbol: str, older: bool) -> sd.FrontMatter:
    texts = st.none() | any_texts
    return sd.FrontMatter(
        title=draw(texts),
        type="quote" if older else "Symbol",
        locale=draw(st.sampled_from(["en", "zh-CN", "zh-HK", None])),
        url=draw(st.none() | urls),
        symbol=symbol,
        name=draw(texts),
        industry=draw(texts),
        datetime=draw(datetimes),
        locales=draw(st.lists(st.builds(sd.LocaleLink, st.sampled_from(["en", "zh-CN", "zh-HK"]), urls), max_size=3)),
    )


@st.composite
def documents(draw: Any) -> sd.Document:
    """A document built in code: typed front matter and a whole quote page."""
    older = draw(st.booleans())
    symbol = str(draw(symbols))
    return sd.Document(
        front_matter=draw(front_matters(symbol, older)),
        page=draw(symbol_pages(older, symbol)),
        final_newline=draw(st.booleans()),
    )


__all__ = [
    "any_texts",
    "datetimes",
    "documents",
    "links",
    "markdown_texts",
    "nonempty_texts",
    "plain_texts",
    "ranks",
    "symbol_pages",
    "symbols",
    "urls",
]
