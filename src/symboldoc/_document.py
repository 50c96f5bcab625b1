"""The document: its blocks, and the views derived from them."""

from __future__ import annotations

import contextlib
import copy
import functools
import re
import weakref
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._block_store import Blocks, blocks_of_class
from ._blocks import Block, ChartBlock, Table
from ._charts import Chart
from ._frontmatter import FrontMatter
from ._inline import Link
from ._kinds import Page, kind_of_page
from ._kinds.quote.model import Analysts, Overview, Peer, Score, SymbolPage, TargetPrice, Valuation, unread_of
from ._problems import Problem, error_for
from ._read_text import BOM, read_text
from ._sections import Section, build_sections
from ._symbols import TITLE_SYMBOL, Symbol
from ._travel import BindingsToMake, MadeOnFirstUse, bindings_received, bindings_to_send

if TYPE_CHECKING:
    from ._edit import Binding

__all__ = ["Document", "edit_bindings", "read_document", "read_whole"]


@attrs.define(getstate_setstate=False)
class Document(MadeOnFirstUse):
    """A Longbridge page: a quote page, the news index, a news article or a community topic.

    A document read by :func:`symboldoc.loads` has ``blocks`` that tile its
    text (a read-only sequence that makes each block the first time it is
    asked for; ``bom`` says whether a byte order mark came before them) and
    ``warnings`` for what could not be read as expected.  ``front_matter`` is
    the typed front matter and ``page`` the typed page of the page's kind
    (:attr:`kind`): a :class:`SymbolPage`, :class:`NewsIndex`,
    :class:`NewsArticle` or :class:`TopicPage`, or None when the text is no
    page of a known kind.  A quote page's parts are also attributes of the
    document (``doc.score``...), None or empty on other pages.  Assigning to
    the typed objects edits the document: :func:`symboldoc.dumps` then
    writes only the text that holds a changed fact.

    A document built in code needs only ``front_matter`` and ``page``:
    ``Document(front_matter=FrontMatter(...), page=SymbolPage(...))``;
    :func:`symboldoc.dumps` writes it in the pages' layout.

    The generic views (``sections``, ``tables``, ``charts``) are made from
    the blocks on first use.

    A quote page read leniently reads each of its sections the first time
    one of its facts is used (``doc.score`` reads the score section only);
    ``warnings`` reads every section first, as do ``==``, copies and
    pickles, so the problems are complete and in the page's order.
    """

    blocks: Sequence[Block] = attrs.field(default=(), repr=False)
    front_matter: FrontMatter | None = None
    page: Page | None = attrs.field(default=None, repr=False)
    warnings: tuple[Problem, ...] = ()
    bom: bool = False
    #: Whether the text ends with a line ending; a page written from the model (``preserve=False``) does too.
    final_newline: bool = False
    # How each fact read from the text is written back after an edit (see _edit); copies and pickles keep them,
    # most of them as bindings to make again from the text when first needed (see _travel).
    _bindings: tuple[Binding, ...] | BindingsToMake = attrs.field(default=(), repr=False, eq=False, alias="bindings")

    @functools.cached_property
    def sections(self) -> tuple[Section, ...]:
        """The heading tree: the top-level sections, each with its subsections."""
        return build_sections(self.blocks)

    @functools.cached_property
    def tables(self) -> tuple[Table, ...]:
        """Every table, in document order."""
        return tuple(blocks_of_class(self.blocks, Table))

    @functools.cached_property
    def charts(self) -> tuple[Chart, ...]:
        """The chart of every ``chart-data`` block, in document order."""
        return tuple(block.chart for block in blocks_of_class(self.blocks, ChartBlock))

    def section(self, title: str) -> Section | None:
        """The first section, at any depth, whose heading text is ``title``."""
        for root in self.sections:
            found = root.find(title)
            if found is not None:
                return found
        return None

    # -- a page's sections read on first use ---------------------------------------------

    def __getattr__(self, name: str) -> Any:
        # Only ever called for a name normal lookup did not find: the warnings and bindings of a page whose
        # sections wait (or that another thread's reading set since that lookup: looked up again either way).
        if name in _SET_WHEN_READ_WHOLE:
            read_whole(self)
            with contextlib.suppress(AttributeError):
                return object.__getattribute__(self, name)
        return super().__getattr__(name)

    def __setattr__(self, name: str, value: Any) -> None:
        read_whole(self)  # a field replaced (the page, say) takes nothing of the sections read later with it
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        read_whole(self)
        super().__delattr__(name)

    # -- copies and pickles -----------------------------------------------------------

    def __reduce__(self) -> tuple[Any, ...]:
        # What the document read, the edit bindings included, so that a copy or an unpickled document
        # edits as this one does; most bindings are made again from the text on the other side, when
        # first needed, rather than sent (see _travel).  The generic views are made again on use.
        # A subclass keeps its class and its own fields.
        read_whole(self)
        state = {
            field.name: getattr(self, field.name) for field in attrs.fields(type(self)) if field.name != "_bindings"
        }
        return (_arrived, (type(self), state, bindings_to_send(self)))

    def __copy__(self) -> Document:
        """A document of its own, as :func:`copy.deepcopy` gives: a shallow copy would share the model."""
        return copy.deepcopy(self)

    # -- changing the symbol ------------------------------------------------------

    def change_symbol(self, symbol: str | Symbol) -> None:
        """Make the page the page of ``symbol`` everywhere it names its own symbol.

        That is: the front matter's ``symbol``; the symbol in parentheses at
        the end of the front matter's ``title`` and of the page's title; and
        the ``/quote/<symbol>`` part of the front matter's ``url``, of each
        ``locales`` url, and of the urls of the References and Supported
        Languages links.  Nothing else changes: peers keep their symbols, and
        prose that mentions the old symbol keeps it.  ``dumps`` then writes
        only the lines that show these facts.

        Text is read as :meth:`Symbol.parse` reads it (``"hlrx.us"`` is
        ``HLRX.US``).  ``ValueError`` when ``symbol`` is not a symbol, or the
        page names no symbol of its own (:attr:`symbol` is None).
        """
        new = symbol if isinstance(symbol, Symbol) else Symbol.parse(symbol)
        old = self.symbol
        if old is None:
            raise ValueError("change_symbol: the page names no symbol of its own, in its front matter or title")
        url = re.compile(r"(/quote/)" + re.escape(str(old)) + r"(?=[./?#]|$)")
        title = re.compile(r"\(" + re.escape(str(old)) + r"\)(?=\s*$)")

        def moved(text: str) -> str:
            return url.sub(lambda match: f"{match.group(1)}{new}", text)

        def retitled(text: str | None) -> str | None:
            return None if text is None else title.sub(f"({new})", text)

        fm = self.front_matter
        if fm is not None:
            fm.symbol = str(new) if fm.symbol is not None else None
            fm.title = retitled(fm.title)
            fm.url = moved(fm.url) if fm.url is not None else None
            fm.locales = tuple(attrs.evolve(link, url=moved(link.url)) for link in fm.locales)
        page = self._quote
        if page is not None:
            page.title = retitled(page.title)
            if page.references is not None:
                page.references = [_moved_link(link, moved) for link in page.references]
            page.supported_languages = [_moved_link(link, moved) for link in page.supported_languages]

    # -- the typed page ------------------------------------------------------

    @property
    def kind(self) -> str | None:
        """The page's kind: ``"quote"``, ``"news_index"``, ``"news_article"``, ``"topic"``; None for no typed page."""
        kind = kind_of_page(self.page)
        return kind.name if kind is not None else None

    @property
    def title(self) -> str | None:
        """The text of the page's ``# `` heading."""
        return self.page.title if self.page else None

    @property
    def _quote(self) -> SymbolPage | None:
        return self.page if isinstance(self.page, SymbolPage) else None

    @property
    def symbol(self) -> Symbol | None:
        """The page's symbol: the front matter's, else the one a quote page's title ends in (None for neither)."""
        written = self.front_matter.symbol if self.front_matter else None
        if written is None and isinstance(self.page, SymbolPage) and self.page.title:
            found = TITLE_SYMBOL.findall(self.page.title)
            written = found[-1] if found else None
        try:
            return Symbol(written) if written is not None else None
        except ValueError:
            return None

    @property
    def supported_languages(self) -> list[Link]:
        """The links of a ``> Supported Languages:`` line, when the page has one."""
        return self._quote.supported_languages if self._quote else []

    @property
    def overview(self) -> Overview | None:
        """Company Overview: description, industry, exchange, website."""
        return self._quote.overview if self._quote else None

    @property
    def key_drivers(self) -> list[str]:
        """The items of Key Drivers (empty in every page seen so far)."""
        return self._quote.key_drivers if self._quote else []

    @property
    def score(self) -> Score | None:
        """Longbridge Financial Score."""
        return self._quote.score if self._quote else None

    @property
    def valuation(self) -> Valuation | None:
        """Valuation Analysis."""
        return self._quote.valuation if self._quote else None

    @property
    def peers(self) -> list[Peer]:
        """Peer Comparison."""
        return self._quote.peers if self._quote and self._quote.peers is not None else []

    @property
    def analysts(self) -> Analysts | None:
        """Analyst Rating Distribution."""
        return self._quote.analysts if self._quote else None

    @property
    def target_price(self) -> TargetPrice | None:
        """Target Price Forecast."""
        return self._quote.target_price if self._quote else None

    @property
    def references(self) -> list[Link]:
        """The links of References."""
        return self._quote.references if self._quote and self._quote.references is not None else []

    @property
    def disclaimer(self) -> str | None:
        """The disclaimer's text, without its markup."""
        return self._quote.disclaimer if self._quote else None


#: The fields of a document whose quote page's sections wait that are set when every section is read: the
#: warnings, and the bindings (so that a new document made from this one's fields, ``attrs.evolve``, has them all).
_SET_WHEN_READ_WHOLE = ("warnings", "_bindings")


def read_document(text: str, *, strict: bool, lazy: bool = True) -> Document:
    """The document ``text`` is (see :func:`symboldoc.loads`).

    A lenient, ``lazy`` reading leaves a quote page's sections to be read on
    first use: the document's ``warnings`` stay unset until asked for, and
    :func:`read_whole` reads what is left (see ``_kinds.quote.unread``).
    Otherwise every section is read here; with ``strict``, the first problem
    of the page raises.
    """
    read = read_text(text, strict=strict)
    doc = object.__new__(Document)
    for name, value in (
        ("blocks", read.blocks),
        ("front_matter", read.front_matter),
        ("page", read.page),
        ("warnings", read.problems),
        ("bom", read.bom),
        ("final_newline", read.final_newline),
    ):
        object.__setattr__(doc, name, value)
    head = read.binder.done(doc)
    object.__setattr__(doc, "_bindings", head)
    unread = unread_of(read.page)
    if unread is not None:
        unread.before = read.problems
        unread.head = head
        unread.owner = weakref.ref(doc)
        for name in _SET_WHEN_READ_WHOLE:
            object.__delattr__(doc, name)
        if strict or not lazy:
            read_whole(doc)
            if strict and doc.warnings:  # the scan's and the head's problems raised already: the sections' first
                raise error_for(doc.warnings[0])
    return doc


def read_whole(doc: Document) -> bool:
    """Read the sections of ``doc``'s page still waiting, if ``doc`` read it: its warnings set, the bindings added.

    Whether it did (or another thread did meanwhile).  A document whose page
    was read whole, or built in code, or is still a pickle (``_travel``), is
    left as it is.
    """
    try:
        page = object.__getattribute__(doc, "page")
    except AttributeError:
        return False
    unread = _sections_waiting(doc, page)
    if unread is None:
        return False
    with unread.lock:
        if unread_of(page) is unread:  # else another thread read it meanwhile
            problems, bindings = unread.read_all(page)
            object.__setattr__(doc, "_bindings", unread.head + bindings)
            object.__setattr__(doc, "warnings", problems)
            object.__setattr__(page, "_unread", None)
    return True


def _sections_waiting(doc: Document, page: object) -> Any:
    """What reads the sections of ``page`` still waiting, when ``doc`` is the document that read it; else None."""
    unread = unread_of(page)
    if unread is None or unread.owner is None or unread.owner() is not doc:
        return None
    return unread


def edit_bindings(doc: Document) -> tuple[Binding, ...]:
    """``doc``'s edit bindings; those of a document from a pickle or a copy are made on the first call.

    Making them reads the document's text again, as it was read (see ``_travel``).
    """
    unread = _sections_waiting(doc, doc.page)
    if unread is not None:
        with unread.lock:  # as read_whole sets them, or the head's and those of the sections read so far
            with contextlib.suppress(AttributeError):
                return object.__getattribute__(doc, "_bindings")  # type: ignore[no-any-return]
            made: tuple[Binding, ...] = unread.head + unread.bindings_now()
            return made  # a section not read yet shows what it did: nothing to write
    held = doc._bindings
    if isinstance(held, tuple):
        return held
    blocks = doc.blocks
    sources = blocks.sources if isinstance(blocks, Blocks) else [block.source for block in blocks]
    again = read_document((BOM if doc.bom else "") + "".join(sources), strict=False, lazy=False)
    made = held.made(edit_bindings(again), again.blocks, blocks)
    doc._bindings = made
    return made


def _arrived(cls: type[Document], state: dict[str, Any], bindings: tuple[Any, ...]) -> Document:
    """A pickled :class:`Document` (or subclass) again (see :meth:`Document.__reduce__`)."""
    doc = object.__new__(cls)
    for name, value in state.items():
        object.__setattr__(doc, name, value)
    object.__setattr__(doc, "_bindings", bindings_received(doc, bindings))
    return doc


def _moved_link(link: Link, moved: Callable[[str], str]) -> Link:
    """``link`` with its url moved, or ``link`` itself when the url does not change (its binding sees no edit)."""
    url = moved(link.url)
    return link if url == link.url else attrs.evolve(link, url=url)
