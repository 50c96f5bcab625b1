"""The heading tree: blocks grouped under the headings that head them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs

from ._blocks import Block, Heading, Table

__all__ = ["Section", "build_sections"]


@attrs.frozen
class Section:
    """A heading, the blocks under it, and the sections under those.

    ``blocks`` are the blocks between the heading and its first subsection
    (or the next heading of the same or a higher level); ``subsections``
    the sections of deeper headings that follow.
    """

    heading: Heading
    blocks: tuple[Block, ...] = attrs.field(repr=False)
    subsections: tuple[Section, ...] = ()

    @property
    def title(self) -> str:
        """The heading's text."""
        return self.heading.text

    @property
    def level(self) -> int:
        return self.heading.level

    def walk(self) -> Iterator[Section]:
        """This section and every section under it, in document order."""
        yield self
        for section in self.subsections:
            yield from section.walk()

    def find(self, title: str) -> Section | None:
        """The first section at or under this one whose title is ``title``."""
        return next((section for section in self.walk() if section.title == title), None)

    @property
    def tables(self) -> tuple[Table, ...]:
        """Every table in this section and its subsections, in document order."""
        return tuple(block for section in self.walk() for block in section.blocks if isinstance(block, Table))


def build_sections(blocks: Sequence[Block]) -> tuple[Section, ...]:
    """The top-level sections of ``blocks``; blocks before the first heading belong to none."""
    roots: list[Section] = []
    # Each open section: its heading, its own blocks, its finished subsections.
    stack: list[tuple[Heading, list[Block], list[Section]]] = []

    def close() -> None:
        heading, own, children = stack.pop()
        section = Section(heading, tuple(own), tuple(children))
        (stack[-1][2] if stack else roots).append(section)

    for block in blocks:
        if isinstance(block, Heading):
            while stack and stack[-1][0].level >= block.level:
                close()
            stack.append((block, [], []))
        elif stack:
            stack[-1][1].append(block)
    while stack:
        close()
    return tuple(roots)
