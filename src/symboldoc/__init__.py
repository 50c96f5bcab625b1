"""symboldoc: read Longbridge symbol documents into typed objects, and write them back byte for byte.

```python
import symboldoc

doc = symboldoc.load("KC.US.md")      # any text at all reads; what could not be, is in doc.warnings
doc.score.grade, doc.score.value      # ('C', Number('0.55'))
symboldoc.dumps(doc)                  # the text it was read from, exactly
```
"""

from ._api import dump, dumps, load, loads
from ._batch import Loaded, load_many
from ._block_store import Blocks
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
from ._json import from_dict, json_schema, to_dict
from ._kinds import register_labels
from ._kinds.news.labels import NewsLabels
from ._kinds.news.model import NewsArticle, NewsIndex, NewsItem
from ._kinds.quote.frames import FRAME_COLUMNS, frame
from ._kinds.quote.labels import LABELS, Labels
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
from ._kinds.topic.labels import TopicLabels
from ._kinds.topic.model import Comment, TopicPage
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
from ._schema_check import DataError
from ._sections import Section
from ._snapshots import (
    FACT_COLUMNS,
    FINGERPRINT_VERSION,
    Change,
    Changes,
    ExportReport,
    diff,
    export,
    fact_rows,
    facts,
    facts_arrow_schema,
    fingerprint,
)
from ._symbols import Market, Symbol
from ._tables import Alignment, Cell, Row
from ._text import Position
from ._values import Number, Rank
from ._version import __version__

__all__ = [
    "FACT_COLUMNS",
    "FINGERPRINT_VERSION",
    "FRAME_COLUMNS",
    "LABELS",
    "Alignment",
    "AnalystRating",
    "Analysts",
    "BlankLines",
    "Block",
    "BlockError",
    "BlockQuote",
    "Blocks",
    "Cell",
    "Chart",
    "ChartBlock",
    "ChartError",
    "Classification",
    "Change",
    "Changes",
    "CodeSpan",
    "Comment",
    "DataError",
    "DecodeError",
    "Document",
    "EditError",
    "ExportReport",
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
    "Labels",
    "LayoutError",
    "LineBreak",
    "Link",
    "ListBlock",
    "ListItem",
    "Loaded",
    "LocaleLink",
    "Market",
    "NewsArticle",
    "NewsIndex",
    "NewsItem",
    "NewsLabels",
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
    "TopicLabels",
    "TopicPage",
    "Valuation",
    "ValuationRow",
    "__version__",
    "diff",
    "dump",
    "dumps",
    "export",
    "fact_rows",
    "facts",
    "facts_arrow_schema",
    "fingerprint",
    "frame",
    "from_dict",
    "json_schema",
    "load",
    "load_many",
    "loads",
    "register_labels",
    "to_dict",
]
