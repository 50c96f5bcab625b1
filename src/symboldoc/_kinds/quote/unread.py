"""A quote page's sections read on first use.

``loads`` (lenient) reads a quote page's head and foot (the title, the
Supported Languages line, the disclaimer) and finds its sections, but
reads a section only when one of its fields is first asked for: reading
``doc.score.grade`` reads the score section and nothing else.  Until
then the section's fields are unset on the :class:`SymbolPage`
(``model.ReadOnFirstUse``), and :class:`UnreadSections` keeps what
reading them needs: the page's reader, with its labels and what it found,
and each section's parts.

Reading a section later gives what reading it at once gives:

- its problems go to a reporter of each part, so that the document's
  warnings, asked for, are in the order a whole reading gives them;
- its edit bindings are bound when it is read, before the page's user has
  any of its objects, and their original views taken then; they join the
  document's when ``dumps`` asks for them;
- the checks across sections (the score against its chart and its heading)
  run when their sections are read; ``doc.warnings`` reads every section
  first (``_document``), and so do copies, pickles and ``==``;
- the page's chart blocks are checked when the score is read (or the
  warnings asked for), and their problems put where the scan would have
  reported them (``_chart_checks``).

A section never read cannot have been changed: ``dumps`` writes its blocks
as they are, without reading it.  Strict mode reads everything in ``loads``.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from symboldoc._blocks import Block
from symboldoc._chart_checks import ChartChecks
from symboldoc._edit import Binder, Binding
from symboldoc._fields import default_of
from symboldoc._problems import Problem, Reporter

from .reader import Part

if TYPE_CHECKING:
    from .model import SymbolPage
    from .read import QuoteReader

__all__ = ["SECTIONS", "ReadPart", "UnreadSections"]

#: The sections a quote page reads on first use, in the pages' order, each with the fields of
#: :class:`SymbolPage` it sets.  The title, the Supported Languages line and the disclaimer are read at once.
SECTIONS: dict[str, tuple[str, ...]] = {
    "overview": ("overview",),
    "key_drivers": ("key_drivers",),
    "score": ("score",),
    "valuation": ("valuation",),
    "peers": ("peers",),
    "institutional": ("analysts", "target_price"),
    "references": ("references",),
}

#: The section of each field read on first use.
_SECTION_OF = {name: section for section, names in SECTIONS.items() for name in names}

#: A section reader of the quote reader (a plain function: the reader keeps no bound method).
ReadPart = Callable[["QuoteReader", Part], None]


@attrs.frozen
class _PageAlone:
    """What the quote page's views ask of a document while a section is read: its page."""

    page: SymbolPage


class UnreadSections:
    """The sections of one page not read yet, and what reading them needs (see the module)."""

    __slots__ = (
        "anchor",
        "before",
        "bindings",
        "blocks",
        "charts",
        "charts_checks",
        "complete",
        "head",
        "lock",
        "order",
        "owner",
        "reader",
        "score_checks",
        "steps",
        "waiting",
    )

    def __init__(
        self,
        reader: QuoteReader,
        waiting: dict[str, list[tuple[int, Part, ReadPart]]],
        steps: list[Reporter | None],
        complete: list[Problem],
        blocks: Sequence[Block],
        anchor: Block,
        charts: ChartChecks,
    ) -> None:
        self.reader: QuoteReader | None = reader  # None once every section is read
        self.waiting = waiting  # each section's parts: the part's number, the part, its reader
        self.steps = steps  # the problems of each part, in the page's order (None for none yet)
        self.score_checks: Reporter | None = None  # the score against its heading and its Multi Score group
        self.charts_checks: Reporter | None = None  # the charts against the indicator tables
        self.complete = complete  # whether the page ends with its disclaimer, checked when it was read
        self.blocks = blocks
        self.anchor = anchor
        #: The problems reported before the sections (the scan's, the head's), set by the document's reading.
        self.before: tuple[Problem, ...] = ()
        # The bindings of each section read, by section: given in the page's order, whatever order they were read in.
        self.bindings: dict[str, tuple[Binding, ...]] = {}
        self.order = tuple(waiting)  # the sections, in the order of their first part
        #: The document that read the page (a weak reference: the document holds the page, which holds this).
        self.owner: weakref.ref[Any] | None = None
        #: The document's own bindings (the head's and foot's), set by the document's reading.
        self.head: tuple[Binding, ...] = ()
        self.lock = threading.RLock()
        self.charts = charts  # the page's chart blocks, checked when the score section is read (or all of them)
        # The reader keeps no page between readings: the page holds this, and this would hold the page.
        del reader.page

    def read_for(self, page: SymbolPage, name: str) -> bool:
        """Read the section that sets field ``name`` of ``page`` if it waits; whether ``name`` is one such field."""
        section = _SECTION_OF.get(name)
        if section is None:
            return False
        with self.lock:
            if section in self.waiting:
                self._read(page, section)
        return True

    def bindings_now(self) -> tuple[Binding, ...]:
        """The edit bindings of the sections read so far."""
        with self.lock:
            return self._bindings()

    def read_all(self, page: SymbolPage) -> tuple[tuple[Problem, ...], tuple[Binding, ...]]:
        """Read every section still waiting and run the checks across them: every problem, in order; the bindings."""
        with self.lock:
            self.charts.check()  # the scan's problems, those of its chart blocks among them
            for section in list(self.waiting):
                self._read(page, section)
            problems = list(self.charts.among(self.before))
            for reporter in (*self.steps, self.score_checks, self.charts_checks):
                if reporter is not None:
                    problems.extend(reporter.problems)
            problems.extend(self.complete)
            return tuple(problems), self._bindings()

    def _bindings(self) -> tuple[Binding, ...]:
        bindings = self.bindings
        return tuple(binding for section in self.order for binding in bindings.get(section, ()))

    def _read(self, page: SymbolPage, section: str) -> None:
        """Read ``section`` (the caller holds the lock): its fields set, its problems kept, its bindings taken.

        A reading that fails (a ``RecursionError`` deep in a stack, say) leaves the section waiting, as it
        was, for the next use to read again; a reader's own ``AttributeError`` is raised as a
        ``RuntimeError``, which no one takes for a field that is not there.
        """
        reader = self.reader
        assert reader is not None  # kept while a section waits
        state = _ReaderState.of(reader)
        parts = self.waiting.pop(section)
        # Read onto a page of its own, then set on ``page`` at once: a thread that asks ``page`` for a
        # field meanwhile waits for the lock, and never sees a section half read.
        cls = type(page)
        names = SECTIONS[section]
        try:
            scratch = object.__new__(cls)
            for name in names:
                try:  # a field the head began (the older layout's overview table), else a new default
                    value = object.__getattribute__(page, name)
                except AttributeError:
                    value = default_of(cls, name)
                object.__setattr__(scratch, name, value)
            reader.page = scratch
            binder = reader.bind = Binder()
            if section == "score" or not self.waiting:  # the score reads them; the last section lets their blocks go
                reader.charts = self.charts.check()
            for number, part, read in parts:
                reader.reporter = self.steps[number] = Reporter()  # a part read had no problem of its own
                read(reader, part)
            if section == "score":  # the checks of the score as read: against its heading, and its charts
                reader.reporter = self.score_checks = Reporter()
                reader.check_score()
                reader.reporter = self.charts_checks = Reporter()
                reader.check_charts(self.blocks)
            reader.bind_section(section, self.anchor)
            bindings = binder.done(_PageAlone(scratch))  # type: ignore[arg-type]  # the views ask for .page only
        except BaseException as error:
            self.waiting[section] = parts
            for number, _, _ in parts:
                self.steps[number] = None  # a part read had none before
            if section == "score":
                self.score_checks = self.charts_checks = None
            state.put_back(reader)
            if isinstance(error, AttributeError):
                raise RuntimeError(f"reading the {section} section of a quote page failed: {error}") from error
            raise
        finally:
            reader.__dict__.pop("page", None)  # the reader keeps no page between readings
            reader.charts = {}
        self.bindings[section] = bindings
        if section == "score":
            self.charts.forget_outlines()  # what the score needed of its chart is read
        for name in names:
            object.__setattr__(page, name, object.__getattribute__(scratch, name))
        if not self.waiting:  # nothing more to read: what reading needed goes
            self.reader = None
            self.blocks = ()


@attrs.frozen
class _ReaderState:
    """What a section's reading adds to the page's reader, taken before it reads, to put back if it fails."""

    places: frozenset[str]
    placed: frozenset[str]
    group_tables: dict[int, Any]
    group_headings: dict[int, Any]
    score_heading_grade: Any
    older: bool

    @classmethod
    def of(cls, reader: QuoteReader) -> _ReaderState:
        return cls(
            frozenset(reader.places),
            frozenset(reader.placed),
            dict(reader.group_tables),
            dict(reader.group_headings),
            reader.score_heading_grade,
            reader.older,
        )

    def put_back(self, reader: QuoteReader) -> None:
        reader.places = set(self.places)
        reader.placed = set(self.placed)
        reader.group_tables = dict(self.group_tables)
        reader.group_headings = dict(self.group_headings)
        reader.score_heading_grade = self.score_heading_grade
        reader.older = self.older
