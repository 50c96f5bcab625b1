"""symboldoc: read Longbridge symbol documents into typed objects, and write them back byte for byte.

>>> import symboldoc
>>> doc = symboldoc.loads(text)          # doctest: +SKIP
>>> symboldoc.dumps(doc) == text         # doctest: +SKIP
True
"""

from ._api import dump, dumps, load, loads
from ._batch import Loaded, load_many
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
from ._labels import LABELS, Labels
from ._model import (
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
from ._problems import (
    BlockError,
    ChartError,
    DecodeError,
    EditError,
    FrontMatterError,
    LayoutError,
    Problem,
    SymbolDocError,
    TableError,
)
from ._sections import Section
from ._symbols import Market, Symbol
from ._tables import Alignment, Cell, Row
from ._text import Position
from ._values import Number, Rank

__version__ = "0.1.0"

__all__ = [
    "Alignment",
    "AnalystRating",
    "Analysts",
    "BlankLines",
    "Block",
    "BlockError",
    "BlockQuote",
    "Cell",
    "Chart",
    "ChartBlock",
    "ChartError",
    "Classification",
    "CodeSpan",
    "DecodeError",
    "EditError",
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
    "Indicator",
    "IndicatorGroup",
    "Inline",
    "InlineHTML",
    "LABELS",
    "Labels",
    "LayoutError",
    "LineBreak",
    "Link",
    "ListBlock",
    "ListItem",
    "LocaleLink",
    "Loaded",
    "Market",
    "Number",
    "Overview",
    "Paragraph",
    "Peer",
    "Position",
    "Problem",
    "RadarChart",
    "RadarDimension",
    "RadarIndicator",
    "Rank",
    "Row",
    "Score",
    "Section",
    "Strikethrough",
    "Strong",
    "Symbol",
    "SymbolDocError",
    "SymbolPage",
    "Table",
    "TableError",
    "TargetPrice",
    "Text",
    "ThematicBreak",
    "Valuation",
    "ValuationRow",
    "dump",
    "dumps",
    "load",
    "load_many",
    "loads",
    "__version__",
]
