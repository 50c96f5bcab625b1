"""Ticker symbols: ``CODE.MARKET``, and the markets Longbridge quotes."""

from __future__ import annotations

import enum
import re

__all__ = ["TITLE_SYMBOL", "Market", "Symbol", "is_symbol_text"]

#: A symbol in parentheses at the end of a title: ``Kingsoft Cloud (KC.US)``.
TITLE_SYMBOL = re.compile(r"\(([A-Za-z0-9][A-Za-z0-9.\-]*\.[A-Za-z]{2})\)(?=[ \t]*$)")


class Market(str, enum.Enum):
    """A market a symbol trades on, by the suffix Longbridge gives it."""

    US = "US"
    HK = "HK"
    SH = "SH"
    SZ = "SZ"
    SG = "SG"

    @property
    def label(self) -> str:
        """How an English page names the market in its overview table (``"CN Market"`` for SH and SZ)."""
        return "CN Market" if self in (Market.SH, Market.SZ) else f"{self.value} Market"


_SYMBOL = re.compile(r"([A-Za-z0-9][A-Za-z0-9.\-]*?)\.([A-Za-z]{2})")


def is_symbol_text(text: str) -> bool:
    """Whether ``Symbol(text)`` takes ``text`` (``CODE.MARKET``), without making the symbol."""
    return _SYMBOL.fullmatch(text) is not None


class Symbol(str):
    """A symbol such as ``KC.US``: a ``str`` that also knows its ``code`` and ``market``.

    ``Symbol("KC.US") == "KC.US"``; ``Symbol.parse`` also normalises what a
    user types (``"700.hk"`` becomes ``"00700.HK"``).
    """

    __slots__ = ()

    def __new__(cls, text: str) -> Symbol:
        if _SYMBOL.fullmatch(text) is None:
            raise ValueError(f"not a symbol CODE.MARKET: {text!r}")
        return super().__new__(cls, text)

    @classmethod
    def parse(cls, text: str) -> Symbol:
        """A symbol from user text: trimmed, upper-cased, Hong Kong codes zero-padded to five digits."""
        match = _SYMBOL.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"not a symbol CODE.MARKET: {text!r}")
        code, market = match.group(1).upper(), match.group(2).upper()
        if market == "HK" and code.isdigit():
            code = code.zfill(5)
        return cls(f"{code}.{market}")

    @property
    def code(self) -> str:
        """The part before the market: ``"KC"``, ``"00700"``."""
        return self.rpartition(".")[0]

    @property
    def market_code(self) -> str:
        """The market suffix as written: ``"US"``."""
        return self.rpartition(".")[2]

    @property
    def market(self) -> Market | None:
        """The market, or None for a suffix Longbridge is not known to use."""
        try:
            return Market(self.market_code.upper())
        except ValueError:
            return None

    def __repr__(self) -> str:
        return f"Symbol({str(self)!r})"
