"""The quote page's edit bindings: what each reads from a document (its view), how it writes a changed fact.

Views, locators and renders are module-level functions (parameters bound
with ``functools.partial``), so bindings copy and pickle with the document.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from typing import TYPE_CHECKING, Any

from symboldoc._charts import JsonPath
from symboldoc._edit import present
from symboldoc._escape import heading_markdown, read_markdown_line
from symboldoc._fields import written
from symboldoc._inline import Link
from symboldoc._layout import link_text, markdown_lines, number_text, rank_text
from symboldoc._locate import Span
from symboldoc._text import line_content
from symboldoc._values import format_datetime

from .escape import (
    classification_markdown,
)
from .labels import Labels
from .model import (
    AnalystRating,
    Indicator,
    IndicatorGroup,
    Overview,
    Peer,
    Score,
    SymbolPage,
    ValuationRow,
)
from .render import disclaimer_line, industry_line, key_driver_line, radar_dimension, score_note_lines

if TYPE_CHECKING:
    from symboldoc._document import Document

# read while its object is the same and the count too.  A group's fields are compared by value.
EDITS = operator.attrgetter("_edits")
_GROUP_FIELDS = operator.attrgetter("name", "grade")
PEER_GRADES = ("profit", "growth", "operation", "security", "cash", "rating")


def grade_spans(source: str) -> list[Span | None]:
    """A heading's grade."""
    return [_grade_place(source)]


@functools.cache  # one pattern per label, made once
def overall_pattern(label: str) -> re.Pattern[str]:
    """``**Overall: <grade> (<value>)**``."""
    return re.compile(r"\*\*" + re.escape(label) + r":[ \t]*(?P<grade>[^ \t(*]*)[ \t]*\((?P<value>[^()\r\n]*)\)")


def _grade_place(source: str) -> tuple[int, int]:
    """Where a heading's grade stands: after its last colon (an empty span when it shows none)."""
    content = line_content(source)
    colon = content.rfind(":")
    start = colon + 1
    while start < len(content) and content[start] in " \t":
        start += 1
    end = max(start, len(content.rstrip(" \t")))
    return start, end


# The views below walk the model with plain attribute access: a part set to None
# raises AttributeError there, which dumps reports as an edit it cannot write.


def _present_page(doc: Document) -> SymbolPage:
    return doc.page  # type: ignore[return-value]


def _part(doc: Document, name: str) -> Any:
    return getattr(doc.page, name)


def _score(doc: Document) -> Score:
    page: SymbolPage = doc.page  # type: ignore[assignment]
    return page.score  # type: ignore[return-value]


def _overview(doc: Document) -> Overview:
    page: SymbolPage = doc.page  # type: ignore[assignment]
    return page.overview  # type: ignore[return-value]


# Each view is a module-level function (its parameters bound with functools.partial),
# so a binding holds no function object of its own.


def title_view(doc: Document) -> tuple[str]:
    return (_present_page(doc).title or "",)


def title_texts(now: tuple[str]) -> tuple[str]:
    return (heading_markdown(now[0]),)


def languages_view(doc: Document) -> tuple[Link, ...]:
    return tuple(_present_page(doc).supported_languages)


def languages_lines(label: str, now: tuple[Link, ...]) -> list[str]:
    return [f"> {label}: " + " | ".join(map(link_text, now))]


def description_view(doc: Document) -> tuple[str | None]:
    return (_overview(doc).description,)


def description_lines(now: tuple[str | None]) -> list[str]:
    return markdown_lines(now[0]) if now[0] is not None else []


def markdown_text(text: str) -> str:
    """A markdown field's text as the model holds it: each line without the backslash a writer adds (see _escape)."""
    if "\\" not in text:
        return text
    return "\n".join(map(read_markdown_line, text.split("\n")))


def overview_industry(doc: Document) -> str | None:
    return _overview(doc).industry


def overview_exchange(doc: Document) -> str | None:
    return _overview(doc).exchange


def key_drivers_view(doc: Document) -> tuple[str, ...]:
    return tuple(_present_page(doc).key_drivers)


def bullet(text: str) -> str:
    return key_driver_line(0, text)


def score_grade_view(doc: Document) -> tuple[str]:
    return (_score(doc).grade or "",)


def score_industry_view(doc: Document) -> str | None:
    return _score(doc).industry


def industry_lines(labels: Labels, now: str | None) -> list[str]:
    return [industry_line(labels, now)] if now is not None else []


def multi_score_view(doc: Document) -> tuple[str]:
    return (_score(doc).multi_score or "",)


def score_note_view(doc: Document) -> tuple[str | None, Any]:
    score = _score(doc)
    return score.description, score.updated


def classifications_view(names: tuple[str, ...], style: str, doc: Document) -> tuple[tuple[str, str | None], ...]:
    """The name and description of the Style and Scale lines, in the order of ``names``."""
    score = _score(doc)
    return tuple(
        (found.name, found.description)
        for name in names
        for found in [present(score.style if name == style else score.scale, f"doc.score.{name.lower()}")]
    )


def classification_lines(names: tuple[str, ...], now: tuple[tuple[str, str | None], ...]) -> list[str]:
    """The Style and Scale lines (labelled ``names``, in the page's order), written anew."""
    return [f"- **{name}**: {classification_markdown(*found)}" for name, found in zip(names, now, strict=True)]


def overall_view(doc: Document) -> tuple[str, str]:
    score = _score(doc)
    return score.grade or "-", number_text(score.value)


def score_rank_text(doc: Document) -> str | None:
    value = _score(doc).industry_rank
    return rank_text(value, spaced=True) if value is not None else None


def score_median(doc: Document) -> str | None:
    return _score(doc).industry_median


def score_average(doc: Document) -> str | None:
    return _score(doc).industry_average


def group_grade_view(number: int, doc: Document) -> tuple[str]:
    return (_score(doc).groups[number].grade or "",)


def group_indicators(number: int, doc: Document) -> list[Indicator]:
    return _score(doc).groups[number].indicators


def chart_view(names: frozenset[str], doc: Document) -> tuple[tuple[tuple[Any, ...], ...], tuple[Any, ...]]:
    """The groups a radar chart repeats: the model objects (compared by identity) and what they show, as written."""
    score = _score(doc)
    groups = tuple(group for group in score.groups if group.name in names)
    indicators = tuple(itertools.chain.from_iterable(group.indicators for group in groups))
    shown = (
        score.chart_title,
        *itertools.chain.from_iterable(map(_GROUP_FIELDS, groups)),
        *map(_indicator_shown, indicators),
    )
    return (groups, indicators), shown


def _indicator_shown(indicator: Indicator) -> tuple[Any, ...]:
    """An indicator's facts as written (a value still waiting is not read): what the chart repeats of it."""
    texts = indicator._texts  # stored(indicator, "value"), inlined: dumps asks this of every indicator
    shown: Any = texts.get("value") if texts else None
    if shown is None:
        value = indicator.value
        shown = written(value) if value is not None else None
    return indicator.name, shown, indicator.rating


def chart_update(data: Any, now: Any, original: Any) -> tuple[Any, list[tuple[JsonPath, Any]] | None]:
    """The chart JSON ``data`` with what changed in the title and the groups since the page was read.

    ``now`` is a :func:`chart_view`; ``original`` the one taken when the page
    was read (``Binder.done``: the shape, the objects, the values).  Only a
    fact that changed is set: the title, a group's grade, the keys of an
    indicator that was assigned to (or replaced); an odd value elsewhere in
    the chart stays as written.  Also the changes as ``(path, value)`` pairs,
    or None when a group's indicators were added, removed or reordered (the
    list is then written anew).
    """
    groups, title = now[0][0], now[1][0]
    shape, objects, shown = original
    read_groups, read_indicators = objects[: shape[0]], objects[shape[0] :]
    grades = {id(group): shown[2 + 2 * number] for number, group in enumerate(read_groups)}
    first = 1 + 2 * len(read_groups)  # where the indicators' facts start in what was shown
    facts = {id(indicator): shown[first + number] for number, indicator in enumerate(read_indicators)}
    order = {id(indicator): number for number, indicator in enumerate(read_indicators)}
    changes: list[tuple[JsonPath, Any]] | None = []
    if title != shown[0]:
        data["title"] = title
        changes = _noted(changes, ("title",), title)
    by_name = {group.name: group for group in groups}
    dimensions = data.get("dimensions") if isinstance(data, dict) else None
    for place, dimension in enumerate(dimensions if isinstance(dimensions, list) else ()):
        name = dimension.get("name") if isinstance(dimension, dict) else None
        if not isinstance(name, str) or name not in by_name:
            continue
        group = by_name[name]
        new = radar_dimension(group)
        if grades.get(id(group), _NOT_READ) != group.grade:
            dimension["grade"] = new["grade"]
            changes = _noted(changes, ("dimensions", place, "grade"), new["grade"])
        written = dimension.get("indicators")
        known = [order.get(id(indicator)) for indicator in group.indicators]
        in_place = (
            isinstance(written, list)
            and len(written) == len(new["indicators"])
            and all(isinstance(item, dict) for item in written)
            and all(earlier < later for earlier, later in itertools.pairwise(n for n in known if n is not None))
        )
        if not in_place or not isinstance(written, list):
            dimension["indicators"] = new["indicators"]
            changes = None
            continue
        pairs = zip(group.indicators, written, new["indicators"], strict=True)
        for number, (indicator, item, fresh) in enumerate(pairs):
            before = facts.get(id(indicator))
            now = _indicator_shown(indicator)
            for key, was, fact in zip(("name", "value", "rating"), before or (_NOT_READ,) * 3, now, strict=True):
                value = fresh[key]
                if fact == was or (item.get(key) == value and type(item.get(key)) is type(value)):
                    continue  # not changed since the page was read (the chart keeps what it says), or shown already
                item[key] = value
                changes = _noted(changes, ("dimensions", place, "indicators", number, key), value)
    return data, changes


#: Stands for "no such object when the page was read": compares unequal to any value.
_NOT_READ = object()


def _noted(changes: list[tuple[JsonPath, Any]] | None, path: JsonPath, value: Any) -> list[tuple[JsonPath, Any]] | None:
    if changes is not None:
        changes.append((path, value))
    return changes


def valuation_rows(doc: Document) -> list[ValuationRow]:
    return _part(doc, "valuation").rows  # type: ignore[no-any-return]


def peer_rows(doc: Document) -> list[Peer]:
    return present(_present_page(doc).peers, "doc.page.peers")  # type: ignore[no-any-return]


def as_of_view(doc: Document) -> Any:
    return _part(doc, "analysts").as_of


def as_of_lines(label: str, now: Any) -> list[str]:
    return [f"> {label} {format_datetime(now)}"] if now is not None else []


def total_view(doc: Document) -> tuple[str]:
    return (_count_text(_part(doc, "analysts").total),)


def analyst_ratings(doc: Document) -> list[AnalystRating]:
    return _part(doc, "analysts").ratings  # type: ignore[no-any-return]


def target_price_text(field: str, doc: Document) -> str:
    return number_text(getattr(_part(doc, "target_price"), field))


def references_view(doc: Document) -> tuple[Link, ...]:
    return tuple(present(_present_page(doc).references, "doc.page.references"))


def reference_line(link: Link) -> str:
    return f"- {link_text(link)}"


def disclaimer_view(doc: Document) -> str | None:
    return _present_page(doc).disclaimer


def disclaimer_lines(now: str | None) -> list[str]:
    return [disclaimer_line(now)] if now is not None else []


def website_view(doc: Document) -> Link | None:
    return _overview(doc).website


def note_lines(labels: Labels, now: tuple[str | None, Any]) -> list[str]:
    """A score quote's lines: the note's and the Updated datetime's."""
    return score_note_lines(labels, *now)


def is_wrapped(line: str) -> bool:
    """Whether a line of a quote is all inside ``*...*`` (or ``_..._``)."""
    stripped = line.strip()
    return len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in "*_"


def _count_text(value: int | None) -> str:
    return "-" if value is None else str(value)


def groups_view(doc: Document) -> tuple[tuple[tuple[IndicatorGroup, ...]], tuple[()]]:
    """The indicator group objects (compared by identity: a group replaced by another needs the page written anew)."""
    score = _present_page(doc).score
    return (tuple(score.groups) if score is not None else (),), ()


#: The page's optional facts that have a line or a cell of their own, when the page shows them at all.  A
#: fact the page read has no place for is guarded: a value given to it needs the page written from the model.
UNPLACED = (
    "overview.description",
    "overview.industry",
    "overview.exchange",
    "overview.website",
    "score.grade",
    "score.value",
    "score.description",
    "score.updated",
    "score.industry",
    "score.industry_rank",
    "score.industry_median",
    "score.industry_average",
    "score._multi_score",  # the grade kept by the score itself; a Multi Score group's grade is bound by its heading
    "score.chart_title",
    "analysts.as_of",
    "analysts.total",
    "target_price.current",
    "target_price.highest",
    "target_price.lowest",
)


def unplaced_view(names: tuple[str, ...], doc: Document) -> tuple[Any, ...]:
    """The values of the facts the page has no place for (a section the page lacks is the shape's to guard)."""
    page = _present_page(doc)
    values = []
    for name in names:
        section, _, field = name.partition(".")
        part = getattr(page, section)
        values.append(None if part is None else getattr(part, field))
    return tuple(values)


# What of the page has a place in the text, one function for the page's head and foot and one for
# each section (see read.SECTIONS): a change here needs the page written from the model.  Each is bound
# when its section is read, so a section read on first use is not read for the others.


def page_shape(places: frozenset[str], doc: Document) -> tuple[Any, ...]:
    """The title, the Supported Languages line and the disclaimer."""
    page = _present_page(doc)
    return (
        (page.title is not None) == ("title" in places),
        bool(page.supported_languages) if "supported_languages" not in places else True,
        page.disclaimer is not None,
    )


def overview_shape(places: frozenset[str], doc: Document) -> tuple[Any, ...]:
    return (_present_page(doc).overview is not None or "overview" not in places,)


def key_drivers_shape(places: frozenset[str], doc: Document) -> tuple[Any, ...]:
    return (bool(_present_page(doc).key_drivers) if "key_drivers" not in places else True,)


def score_shape(places: frozenset[str], doc: Document) -> tuple[Any, ...]:
    page = _present_page(doc)
    score = page.score
    return (
        page.score is not None if "score" in places else page.score is None,
        tuple((group.name, group.category) for group in score.groups) if score is not None else (),
        score is not None and score.style is not None,
        score is not None and score.scale is not None,
        tuple(  # an indicator group's rows have a table to go to
            f"indicators {number}" in places or not group.indicators
            for number, group in enumerate(score.groups if score is not None else ())
        ),
    )


def valuation_shape(places: frozenset[str], doc: Document) -> tuple[Any, ...]:
    page = _present_page(doc)
    return (page.valuation is not None if "valuation" in places else page.valuation is None,)


def peers_shape(places: frozenset[str], doc: Document) -> tuple[Any, ...]:
    page = _present_page(doc)
    return (page.peers is not None, "peers" in places or not page.peers)  # rows have a table to go to


def institutional_shape(places: frozenset[str], doc: Document) -> tuple[Any, ...]:
    page = _present_page(doc)
    return (
        page.analysts is not None if "analysts" in places else page.analysts is None,
        page.target_price is not None if "target_price" in places else page.target_price is None,
        "ratings" in places or page.analysts is None or not page.analysts.ratings,  # rows have a table to go to
    )


def references_shape(places: frozenset[str], doc: Document) -> tuple[Any, ...]:
    page = _present_page(doc)
    return (page.references is not None, "references" in places or not page.references)  # links: a list to go to
