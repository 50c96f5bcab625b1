"""Documents as plain JSON-ready data, and back; and the JSON Schema of that data.

``to_dict`` writes the front matter and the typed page (what a document
*says*; its text is what ``dumps`` gives): numbers as strings that keep their
digits and unit (``"23.90%"``, ``"94.83B"``), ranks as written
(``"20 / 32"``), datetimes in ISO 8601 (UTC, ``Z``), links as
``{"text", "url"}``.  ``from_dict`` reads that back into a ``Document`` whose
front matter and typed page equal the original's (written with ``dumps``,
it is rendered in the pages' layout).

The conversion is written out here, field by field, rather than left to a
generic converter: the JSON is a public format with a schema, and each field's
form is a decision worth seeing in one place.
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import json
import math
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from ._document import Document
from ._frontmatter import FrontMatter, LocaleLink
from ._inline import Link, Text
from ._kinds.quote.model import (
    AnalystRating,
    Analysts,
    Classification,
    Indicator,
    IndicatorGroup,
    Overview,
    Peer,
    Score,
    SymbolPage,
    TargetPrice,
    Valuation,
    ValuationRow,
)
from ._layout import number_text, rank_text
from ._schema_check import DataError, check
from ._values import Number, Rank, format_datetime, read_datetime, read_number, read_rank

__all__ = ["from_dict", "json_schema", "to_dict"]

FORMAT_VERSION = 1
T = TypeVar("T")


# -- to JSON ---------------------------------------------------------------------------------


def to_dict(doc: Document) -> dict[str, Any]:
    """The document's front matter, typed page and warnings as JSON-ready data (see the module)."""
    return {
        "format": FORMAT_VERSION,
        "symbol": doc.symbol,
        "front_matter": _front_matter(doc.front_matter) if doc.front_matter is not None else None,
        "page": _page(doc.page) if doc.page is not None else None,
        "warnings": [attrs.asdict(problem) for problem in doc.warnings],
    }


def _number(value: Decimal | None) -> str | None:
    return None if value is None else number_text(value)


def _rank(value: Rank | None, spaced: bool) -> str | None:
    return None if value is None else rank_text(value, spaced=spaced)


def _time(value: _dt.datetime | None) -> str | None:
    return None if value is None else format_datetime(value)


def _link(link: Link) -> dict[str, str]:
    return {"text": link.text, "url": link.url}


def _plain(value: Any) -> Any:
    """A front matter value, as JSON (the forms are listed in docs/usage.md, "JSON").

    Every value the safe YAML loader gives has a form ``json.dumps`` writes:
    strings, integers, booleans and null as themselves; a YAML float as the
    number as written (``"1.50"``, ``".nan"``, ``".inf"``: JSON has no NaN or
    infinity); a date or datetime in ISO 8601; ``!!binary`` as base64; a
    ``!!set`` as a list of its members; ``!!omap`` and ``!!pairs`` as lists
    of ``[key, value]``; a mapping whose keys are all strings as an object,
    any other mapping as a list of ``[key, value]`` pairs (no key is lost
    or merged by turning it into text).
    """
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, Decimal):
        return number_text(value)
    if isinstance(value, float):  # only from code: the reader gives Decimals
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Link):
        return _link(value)
    if isinstance(value, Mapping):
        if all(isinstance(key, str) for key in value):
            return {key: _plain(item) for key, item in value.items()}
        return [[_plain(key), _plain(item)] for key, item in value.items()]
    if isinstance(value, (set, frozenset)):
        members = [_plain(item) for item in value]
        return sorted(members, key=lambda member: json.dumps(member, sort_keys=True, ensure_ascii=False))
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return str(value)  # only from code: an object of the user's own


def _front_matter(fm: FrontMatter) -> dict[str, Any]:
    return {
        "title": fm.title,
        "type": fm.type,
        "locale": fm.locale,
        "url": fm.url,
        "symbol": fm.symbol,
        "name": fm.name,
        "industry": fm.industry,
        "datetime": _time(fm.datetime),
        "locales": [{"locale": link.locale, "url": link.url} for link in fm.locales],
        "extra": {key: _plain(value) for key, value in fm.extra.items()},
    }


def _page(page: SymbolPage) -> dict[str, Any]:
    overview, score, valuation = page.overview, page.score, page.valuation
    analysts, targets = page.analysts, page.target_price
    return {
        "title": page.title,
        "supported_languages": [_link(link) for link in page.supported_languages],
        "overview": None
        if overview is None
        else {
            "description": overview.description,
            "industry": overview.industry,
            "exchange": overview.exchange,
            "website": _link(overview.website) if overview.website is not None else None,
        },
        "key_drivers": list(page.key_drivers),
        "score": None if score is None else _score(score),
        "valuation": None
        if valuation is None
        else [
            {
                "metric": row.metric,
                "current": _number(row.current),
                "industry_rank": _rank(row.industry_rank, spaced=False),
                "high": _number(row.high),
                "median": _number(row.median),
                "low": _number(row.low),
            }
            for row in valuation.rows
        ],
        "peers": None
        if page.peers is None
        else [
            {
                "rank": peer.rank,
                "name": peer.name,
                "symbol": peer.symbol,
                "profit": peer.profit,
                "growth": peer.growth,
                "operation": peer.operation,
                "security": peer.security,
                "cash": peer.cash,
                "rating": peer.rating,
            }
            for peer in page.peers
        ],
        "analysts": None
        if analysts is None
        else {
            "as_of": _time(analysts.as_of),
            "total": analysts.total,
            "ratings": [
                {"rating": row.rating, "count": row.count, "percentage": _number(row.percentage)}
                for row in analysts.ratings
            ],
        },
        "target_price": None
        if targets is None
        else {
            "current": _number(targets.current),
            "highest": _number(targets.highest),
            "lowest": _number(targets.lowest),
        },
        "references": None if page.references is None else [_link(link) for link in page.references],
        "disclaimer": page.disclaimer,
    }


def _classification(value: Classification | None) -> dict[str, Any] | None:
    return None if value is None else {"name": value.name, "description": value.description}


def _score(score: Score) -> dict[str, Any]:
    return {
        "grade": score.grade,
        "value": _number(score.value),
        "description": score.description,
        "updated": _time(score.updated),
        "industry": score.industry,
        "industry_rank": _rank(score.industry_rank, spaced=True),
        "industry_median": score.industry_median,
        "industry_average": score.industry_average,
        "style": _classification(score.style),
        "scale": _classification(score.scale),
        "multi_score": score.multi_score,
        "groups": [
            {
                "name": group.name,
                "grade": group.grade,
                "category": group.category,
                "indicators": [
                    {"name": i.name, "value": _number(i.value), "rating": i.rating} for i in group.indicators
                ],
            }
            for group in score.groups
        ],
        "chart_title": score.chart_title,
    }


# -- from JSON -------------------------------------------------------------------------------


def from_dict(data: Mapping[str, Any]) -> Document:
    """A document from :func:`to_dict`'s data: its front matter and typed page (no text of its own).

    The data is checked against :func:`json_schema` first, then as the
    model checks its values.  Anything wrong raises :class:`DataError` (a
    ``ValueError``) naming the JSON path and what was expected there
    (``$.page.peers[0].rating: expected one of 'A', ..., got 'Z'``); a
    ``format`` other than this release's (1) is refused the same way, and
    data that is not a mapping raises ``TypeError``.
    """
    if not isinstance(data, Mapping):
        raise TypeError(f"from_dict() takes a mapping (to_dict's data), not {type(data).__name__}")
    if data.get("format") != FORMAT_VERSION:
        found = repr(data["format"]) if "format" in data else "no 'format' key"
        raise DataError("$.format", f"the format version {FORMAT_VERSION}, which this release reads", found)
    check(data, _schema())
    fm, page = data["front_matter"], data["page"]
    return Document(
        front_matter=_built("$.front_matter", _read_front_matter, fm) if fm is not None else None,
        page=_built("$.page", _read_page, page) if page is not None else None,
    )


def _built(path: str, build: Callable[[Any], T], data: Any) -> T:
    """``build(data)``; the model's refusal (a ``ValueError`` naming the field) becomes a ``DataError`` at ``path``."""
    try:
        return build(data)
    except DataError:
        raise
    except ValueError as exc:
        raise DataError(path, "a value the model takes", str(exc)) from None


def _each(path: str, build: Callable[[Any], T], items: Any) -> list[T]:
    """``build`` applied to each item, a refusal placed at the item's path."""
    return [_built(f"{path}[{index}]", build, item) for index, item in enumerate(items)]


def _read_number(value: str | None) -> Number | None:
    return None if value is None else read_number(value)


def _read_rank(value: str | None) -> Rank | None:
    return None if value is None else read_rank(value)


def _read_time(value: str | None) -> _dt.datetime | None:
    return None if value is None else read_datetime(value)


def _read_link(value: Mapping[str, str]) -> Link:
    return Link(value["url"], (Text(value["text"]),))


def _read_front_matter(data: Mapping[str, Any]) -> FrontMatter:
    return FrontMatter(
        title=data.get("title"),
        type=data.get("type"),
        locale=data.get("locale"),
        url=data.get("url"),
        symbol=data.get("symbol"),
        name=data.get("name"),
        industry=data.get("industry"),
        datetime=_read_time(data.get("datetime")),
        locales=[LocaleLink(item["locale"], item["url"]) for item in data.get("locales", ())],
        extra=dict(data.get("extra", {})),
    )


def _read_classification(data: Mapping[str, Any] | None) -> Classification | None:
    return None if data is None else Classification(data["name"], data.get("description"))


def _read_score(data: Mapping[str, Any]) -> Score:
    return Score(
        grade=data.get("grade"),
        value=_read_number(data.get("value")),
        description=data.get("description"),
        updated=_read_time(data.get("updated")),
        industry=data.get("industry"),
        industry_rank=_read_rank(data.get("industry_rank")),
        industry_median=data.get("industry_median"),
        industry_average=data.get("industry_average"),
        style=_read_classification(data.get("style")),
        scale=_read_classification(data.get("scale")),
        multi_score=data.get("multi_score"),
        groups=_each("$.page.score.groups", _read_group, data.get("groups", ())),
        chart_title=data.get("chart_title"),
    )


def _read_group(group: Mapping[str, Any]) -> IndicatorGroup:
    return IndicatorGroup(
        group["name"],
        group.get("grade"),
        group.get("category"),
        [Indicator(item["name"], _read_number(item.get("value")), item.get("rating")) for item in group["indicators"]],
    )


def _read_valuation_row(row: Mapping[str, Any]) -> ValuationRow:
    return ValuationRow(
        row["metric"],
        _read_number(row.get("current")),
        _read_rank(row.get("industry_rank")),
        _read_number(row.get("high")),
        _read_number(row.get("median")),
        _read_number(row.get("low")),
    )


def _read_peer(peer: Mapping[str, Any]) -> Peer:
    grades = (peer.get(name) for name in ("profit", "growth", "operation", "security", "cash", "rating"))
    return Peer(peer["rank"], peer["name"], peer.get("symbol"), *grades)


def _read_rating(row: Mapping[str, Any]) -> AnalystRating:
    return AnalystRating(row["rating"], row.get("count"), _read_number(row.get("percentage")))


def _read_page(data: Mapping[str, Any]) -> SymbolPage:
    overview, score, valuation = data.get("overview"), data.get("score"), data.get("valuation")
    analysts, targets = data.get("analysts"), data.get("target_price")
    return SymbolPage(
        title=data.get("title"),
        supported_languages=[_read_link(link) for link in data.get("supported_languages", ())],
        overview=None
        if overview is None
        else Overview(
            overview.get("description"),
            overview.get("industry"),
            overview.get("exchange"),
            _read_link(overview["website"]) if overview.get("website") is not None else None,
        ),
        key_drivers=list(data.get("key_drivers", ())),
        score=_built("$.page.score", _read_score, score) if score is not None else None,
        valuation=None if valuation is None else Valuation(_each("$.page.valuation", _read_valuation_row, valuation)),
        peers=None if data["peers"] is None else _each("$.page.peers", _read_peer, data["peers"]),
        analysts=None
        if analysts is None
        else Analysts(
            _read_time(analysts.get("as_of")),
            analysts.get("total"),
            _each("$.page.analysts.ratings", _read_rating, analysts.get("ratings", ())),
        ),
        target_price=None
        if targets is None
        else TargetPrice(
            _read_number(targets.get("current")),
            _read_number(targets.get("highest")),
            _read_number(targets.get("lowest")),
        ),
        references=None if data["references"] is None else [_read_link(link) for link in data["references"]],
        disclaimer=data.get("disclaimer"),
    )


# -- the schema ----------------------------------------------------------------------------------


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


@functools.cache  # made once; from_dict checks against it
def _schema() -> dict[str, Any]:
    return json_schema()


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`to_dict`'s data (a new dict each call)."""
    text = {"type": "string"}
    maybe_text = _nullable(text)
    number = _nullable({"$ref": "#/$defs/number"})
    grade = _nullable({"$ref": "#/$defs/grade"})
    time = _nullable({"$ref": "#/$defs/datetime"})
    rank = _nullable({"$ref": "#/$defs/rank"})
    link = {"$ref": "#/$defs/link"}
    count = _nullable({"type": "integer", "minimum": 0})
    classification = _nullable(_object({"name": text, "description": maybe_text}))
    indicator = _object({"name": text, "value": number, "rating": grade})
    group = _object(
        {"name": text, "grade": grade, "category": maybe_text, "indicators": {"type": "array", "items": indicator}}
    )
    score = _object(
        {
            "grade": grade,
            "value": number,
            "description": maybe_text,
            "updated": time,
            "industry": maybe_text,
            "industry_rank": rank,
            "industry_median": grade,
            "industry_average": grade,
            "style": classification,
            "scale": classification,
            "multi_score": grade,
            "groups": {"type": "array", "items": group},
            "chart_title": maybe_text,
        }
    )
    page = _object(
        {
            "title": maybe_text,
            "supported_languages": {"type": "array", "items": link},
            "overview": _nullable(
                _object(
                    {
                        "description": maybe_text,
                        "industry": maybe_text,
                        "exchange": maybe_text,
                        "website": _nullable(link),
                    }
                )
            ),
            "key_drivers": {"type": "array", "items": text},
            "score": _nullable(score),
            "valuation": _nullable(
                {
                    "type": "array",
                    "items": _object(
                        {
                            "metric": text,
                            "current": number,
                            "industry_rank": rank,
                            "high": number,
                            "median": number,
                            "low": number,
                        }
                    ),
                }
            ),
            "peers": {
                "type": ["array", "null"],
                "items": _object(
                    {
                        "rank": {"type": "integer", "minimum": 0},
                        "name": text,
                        "symbol": _nullable({"$ref": "#/$defs/symbol"}),
                        **dict.fromkeys(("profit", "growth", "operation", "security", "cash", "rating"), grade),
                    }
                ),
            },
            "analysts": _nullable(
                _object(
                    {
                        "as_of": time,
                        "total": count,
                        "ratings": {
                            "type": "array",
                            "items": _object({"rating": text, "count": count, "percentage": number}),
                        },
                    }
                )
            ),
            "target_price": _nullable(_object({"current": number, "highest": number, "lowest": number})),
            "references": {"type": ["array", "null"], "items": link},
            "disclaimer": maybe_text,
        }
    )
    front_matter = _object(
        {
            **dict.fromkeys(("title", "type", "locale", "url", "symbol", "name", "industry"), maybe_text),
            "datetime": time,
            "locales": {"type": "array", "items": _object({"locale": text, "url": text})},
            "extra": {"type": "object"},
        }
    )
    problem = _object(
        {
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "construct": text,
            "expected": text,
            "detail": text,
        }
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "A Longbridge symbol document, as symboldoc.to_dict writes it",
        **_object(
            {
                "format": {"const": FORMAT_VERSION},
                "symbol": _nullable({"$ref": "#/$defs/symbol"}),
                "front_matter": _nullable(front_matter),
                "page": _nullable(page),
                "warnings": {"type": "array", "items": problem},
            }
        ),
        "$defs": {
            "number": {
                "type": "string",
                "pattern": r"^[+-]?(\d+(\.\d*)?|\.\d+)(%|[KMBT])?$",
                "description": "A number as the page writes it: '23.90%', '-39.44', '94.83B'",
            },
            "grade": {"enum": ["A", "B", "C", "D", "E"]},
            "rank": {"type": "string", "pattern": r"^\d+[ \t]*/[ \t]*\d+$", "description": "'20 / 32' or '23/32'"},
            "datetime": {"type": "string", "format": "date-time"},
            "symbol": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9.\-]*\.[A-Za-z]{2}$"},
            "link": _object({"text": text, "url": text}),
        },
    }
