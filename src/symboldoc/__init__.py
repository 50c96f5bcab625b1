"""symboldoc: read Longbridge symbol documents into typed objects, and write them back byte for byte.

>>> import symboldoc
>>> doc = symboldoc.loads(text)          # doctest: +SKIP
>>> symboldoc.dumps(doc) == text         # doctest: +SKIP
True
"""

from ._api import dump, dumps, load, loads
from ._blocks import (
    BlankLines,
    Block,
    BlockQuote,
    ChartBlock,
    FencedBlock,
    FrontMatterBlock,
    Heading,
    IndentedCode,
    ListBlock,
    ListItem,
    Paragraph,
    Table,
    ThematicBreak,
)
from ._charts import Chart, RadarChart, RadarDimension, RadarIndicator
from ._document import Document
from ._frontmatter import FrontMatter, FrontMatterEntry, LocaleLink
from ._inline import (
    CodeSpan,
    Emphasis,
    Image,
    Inline,
    InlineHTML,
    LineBreak,
    Link,
    Strikethrough,
    Strong,
    Text,
)
from ._problems import (
    BlockError,
    ChartError,
    DecodeError,
    FrontMatterError,
    Problem,
    SymbolDocError,
    TableError,
)
from ._sections import Section
from ._tables import Alignment, Cell, Row
from ._text import Position
from ._values import Number

__version__ = "0.1.0"

__all__ = [
    "Alignment",
    "BlankLines",
    "Block",
    "BlockError",
    "BlockQuote",
    "Cell",
    "Chart",
    "ChartBlock",
    "ChartError",
    "CodeSpan",
    "DecodeError",
    "Document",
    "Emphasis",
    "FencedBlock",
    "FrontMatter",
    "FrontMatterBlock",
    "FrontMatterEntry",
    "FrontMatterError",
    "Heading",
    "Image",
    "IndentedCode",
    "Inline",
    "InlineHTML",
    "LineBreak",
    "Link",
    "ListBlock",
    "ListItem",
    "LocaleLink",
    "Number",
    "Paragraph",
    "Position",
    "Problem",
    "RadarChart",
    "RadarDimension",
    "RadarIndicator",
    "Row",
    "Section",
    "Strikethrough",
    "Strong",
    "SymbolDocError",
    "Table",
    "TableError",
    "Text",
    "ThematicBreak",
    "__version__",
    "dump",
    "dumps",
    "load",
    "loads",
]
