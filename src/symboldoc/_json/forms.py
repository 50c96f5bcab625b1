"""The deliberate forms: where a field's JSON is a choice, not what its type gives.

Everything else about the JSON follows from the attrs classes themselves (a
class is an object of its fields, in field order; ``X | None`` may be null; a
list is an array; ``Number``, ``Rank``, datetimes, ``Symbol`` and ``Link``
have one form each, see ``convert``).  What cannot be read off a type is
listed here, keyed by (class, field), and both the converter (``convert``)
and the schema walk (``schema``) take it from here, so the data and its
schema cannot drift apart:

* a field left out, or written under another key, or read through the
  public property of that name (``Score._multi_score`` is ``multi_score``);
* how a :class:`Rank` without text of its own is spaced (``"20 / 32"`` for
  the score's industry rank, ``"20/32"`` in valuation rows, as the pages
  write them);
* a stricter schema than the type's (grades ``A`` .. ``E``, counts of at
  least 0, line numbers of at least 1);
* a class written as its one field (``Valuation`` is the list of its rows).

A page kind added to the registry needs no entry here unless one of its
fields makes such a choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from symboldoc._frontmatter import FrontMatter
from symboldoc._kinds.quote.model import (
    AnalystRating,
    Analysts,
    Indicator,
    IndicatorGroup,
    Peer,
    Score,
    ValuationRow,
)
from symboldoc._kinds.quote.model import Valuation as _Valuation
from symboldoc._problems import Problem

__all__ = ["CLASS_FORMS", "FIELD_FORMS", "FieldForm", "form_of", "json_key", "json_fields"]

#: Schema fragments the overrides use (``$defs/grade`` is defined by the schema walk).
GRADE: Mapping[str, Any] = {"$ref": "#/$defs/grade"}
COUNT: Mapping[str, Any] = {"type": "integer", "minimum": 0}
POSITION: Mapping[str, Any] = {"type": "integer", "minimum": 1}


@attrs.frozen
class FieldForm:
    """How one field is written, where that is a choice.

    ``omit``: the field is not written (nor read back).  ``key``: the JSON
    key, when not the field's alias.  ``through_property``: the value is read
    through the public property named by the key (the field is the private
    store behind it).  ``spaced``: a :class:`Rank` without text of its own is
    written ``"20 / 32"`` (True) or ``"20/32"`` (False).  ``schema``: the
    schema of the field's value, in place of its type's (an optional field
    still takes null too).
    """

    omit: bool = False
    key: str | None = None
    through_property: bool = False
    spaced: bool = True
    schema: Mapping[str, Any] | None = None


def _each(cls: type, names: str, form: FieldForm) -> dict[tuple[type, str], FieldForm]:
    return {(cls, name): form for name in names.split()}


#: The fields whose form is a decision (see the module), keyed by (class, attrs field name).
FIELD_FORMS: Mapping[tuple[type, str], FieldForm] = {
    # Not part of what a front matter says: the exact lines of each key (dumps has them).
    (FrontMatter, "entries"): FieldForm(omit=True),
    # The Multi Score grade lives on its group when there is one: the property knows where.
    (Score, "_multi_score"): FieldForm(key="multi_score", through_property=True, schema=GRADE),
    # How a peer's name cell was spaced on the page: layout, not a fact (and not an init argument).
    (Peer, "_written_name"): FieldForm(omit=True),
    (Score, "industry_rank"): FieldForm(spaced=True),
    (ValuationRow, "industry_rank"): FieldForm(spaced=False),
    **_each(Score, "grade industry_median industry_average", FieldForm(schema=GRADE)),
    **_each(IndicatorGroup, "grade", FieldForm(schema=GRADE)),
    **_each(Indicator, "rating", FieldForm(schema=GRADE)),
    **_each(Peer, "profit growth operation security cash rating", FieldForm(schema=GRADE)),
    (Peer, "rank"): FieldForm(schema=COUNT),
    (Analysts, "total"): FieldForm(schema=COUNT),
    (AnalystRating, "count"): FieldForm(schema=COUNT),
    **_each(Problem, "line column", FieldForm(schema=POSITION)),
}

#: Classes written as the value of one of their fields (and read back from it).
CLASS_FORMS: Mapping[type, str] = {_Valuation: "rows"}

_PLAIN = FieldForm()


def form_of(cls: type, name: str) -> FieldForm:
    """The form of field ``name`` of ``cls``: its entry in :data:`FIELD_FORMS`, or the plain form."""
    return FIELD_FORMS.get((cls, name), _PLAIN)


def json_key(field: attrs.Attribute[Any], form: FieldForm) -> str:
    """The key a field is written under: the form's, else the field's alias (its name without a leading ``_``)."""
    if form.key is not None:
        return form.key
    return field.alias if field.alias is not None else field.name


def json_fields(cls: type) -> list[tuple[attrs.Attribute[Any], FieldForm]]:
    """The attrs fields of ``cls`` that JSON holds, in field order, each with its form; their types resolved.

    A field is left out when its form says so, or when it is no argument
    of ``__init__`` (it could not be given back).
    """
    attrs.resolve_types(cls)  # the models use ``from __future__ import annotations``
    found = []
    for field in attrs.fields(cls):
        form = form_of(cls, field.name)
        if not form.omit and field.init:
            found.append((field, form))
    return found
