"""Page kinds: the registry, the typed news and topic pages, their problems, their labels, their JSON."""

from __future__ import annotations

import datetime as dt
import difflib
import subprocess

import attrs
import jsonschema
import pytest

import symboldoc as sd
from symboldoc._kinds import KINDS, kind_named, pick_kind

from .pages import FIXTURES, corpus_pages, own_pages, read_exact
from .test_cli import script

UTC = dt.timezone.utc
TOPIC = read_exact(FIXTURES / "topic_full.md")
INDEX = read_exact(FIXTURES / "news_index.md")
ARTICLE = read_exact(FIXTURES / "news_article.md")
KIND_PAGES = {
    name: text for name, text in {**own_pages(), **corpus_pages()}.items() if sd.loads(text).kind not in ("quote", None)
}


def changed_lines(before: str, after: str) -> list[str]:
    """The lines a diff removes and adds, each with its ``-`` or ``+``."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    return [line for line in diff if line[:1] in "-+" and line[:3] not in ("---", "+++")]


# -- the registry ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page_type", "url", "title", "kind"),
    [
        ("Symbol", None, None, "quote"),
        ("quote", None, None, "quote"),
        ("Topics", None, None, "topic"),
        ("News", "https://longbridge.com/en/news.md", None, "news_index"),
        ("News", "https://longbridge.com/zh-CN/news/123.md", None, "news_article"),
        ("News", None, "Longbridge News", "news_index"),
        ("News", None, "A headline", "news_article"),  # the last of the kinds sharing the type
        (None, "https://longbridge.com/en/topics/9.md", None, "topic"),
        (None, "https://longbridge.com/en/quote/KC.US.md", None, "quote"),
        (None, "https://longbridge.com/en/news/9.md", None, "news_article"),
        ("Other", None, "Kandi (KC.US)", "quote"),  # by its title, as 0.1 read it
        (None, None, "Longbridge News", "news_index"),
        (None, None, "Nothing to tell", None),
        ("Other", "https://example.com/page.md", "A page", None),
    ],
)
def test_the_registry_picks_the_kind_by_type_then_url_then_title(
    page_type: str | None, url: str | None, title: str | None, kind: str | None
) -> None:
    front = sd.FrontMatter(type=page_type, url=url) if page_type or url else None
    found = pick_kind(front, title)
    assert (found.name if found is not None else None) == kind


def test_every_kind_is_a_unit_with_its_page_class_exported() -> None:
    assert [kind.name for kind in KINDS] == ["quote", "news_index", "news_article", "topic"]
    for kind in KINDS:
        assert getattr(sd, kind.page_class.__name__) is kind.page_class
        assert kind.labels["en"] is not None
    with pytest.raises(ValueError, match="no page kind 'news'"):
        kind_named("news")


#: Every name ``symboldoc`` exported before the page kinds (0.1's public surface).
EXPORTED_BEFORE = (
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
    "DataError",
    "DecodeError",
    "Document",
    "EditError",
    "Emphasis",
    "FRAME_COLUMNS",
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
    "Loaded",
    "LocaleLink",
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
    "frame",
    "from_dict",
    "json_schema",
    "load",
    "load_many",
    "loads",
    "to_dict",
)


def test_every_name_exported_before_is_still_exported() -> None:
    missing = [name for name in EXPORTED_BEFORE if name not in sd.__all__ or not hasattr(sd, name)]
    assert missing == []


# -- the pages: no warnings, byte for byte, from the model exactly -----------------------------------


@pytest.mark.parametrize("name", sorted(KIND_PAGES))
def test_news_and_topic_pages_read_clean_and_write_back_exactly(name: str) -> None:
    text = KIND_PAGES[name]
    doc = sd.loads(text, strict=True)
    assert doc.warnings == ()
    assert sd.dumps(doc) == text
    assert sd.dumps(doc, preserve=False) == text, "a page as served comes back from its model alone"
    assert doc.score is None and doc.peers == [] and doc.symbol is None  # the quote page's views say nothing


def test_the_topic_page_is_typed() -> None:
    doc = sd.loads(TOPIC)
    page = doc.page
    assert doc.kind == "topic" and isinstance(page, sd.TopicPage)
    assert page.id == 48120077
    assert page.title == "@LongbridgeAI Is Harborlight Robotics still growing faster than Quillmere …"
    assert page.description == "@LongbridgeAI Is Harborlight Robotics still growing faster than Quillmere Ports?"
    assert page.author == sd.Link("https://longbridge.com/en/profiles/20000417.md", (sd.Text("Tamsin·Ode"),))
    assert page.author.text == "Tamsin·Ode"
    assert page.related == ["HLRB.US", "QLMP.US"] and all(isinstance(s, sd.Symbol) for s in page.related)
    assert page.comments_count == 4 and len(page.comments) == 3
    first, second, _ = page.comments
    assert first.author == "LongbridgeAI"
    assert first.datetime == dt.datetime(2026, 5, 2, 14, 3, 40, tzinfo=UTC)
    assert first.text.startswith("Harborlight grew revenue by *31%*")
    assert second.author == "Tamsin·Ode"  # a middle dot without spaces is the name's
    assert doc.front_matter is not None and "description" not in doc.front_matter.extra  # its home is the page


def test_the_news_index_is_typed() -> None:
    doc = sd.loads(INDEX)
    page = doc.page
    assert doc.kind == "news_index" and isinstance(page, sd.NewsIndex)
    assert page.title == "Longbridge News" and len(page.items) == 3
    item = page.items[0]
    assert item.title == "Harborlight Robotics opens a second plant in Ohio..."
    assert item.url == "https://longbridge.com/en/news/290001123.md" and item.id == 290001123
    assert item.datetime == dt.datetime(2026, 5, 4, 6, 12, 9, tzinfo=UTC)
    assert item.summary is not None and item.summary.endswith("rose 4% before the open.")
    assert item.symbols == ["HLRB.US"]
    assert page.items[1].symbols == [] and page.items[2].symbols == ["HLRB.US", "QLMP.US"]


def test_the_news_article_is_typed() -> None:
    doc = sd.loads(ARTICLE)
    page = doc.page
    assert doc.kind == "news_article" and isinstance(page, sd.NewsArticle)
    assert page.id == 290001123 and page.title == "Harborlight Robotics opens a second plant in Ohio"
    assert page.description == "The maker of warehouse robots said the plant doubles its capacity."
    assert page.body is not None and page.body.startswith("Harborlight Robotics ([HLRB.US]")
    assert page.body.endswith("was flat.") and "## What it means\n\n- Deliveries" in page.body
    assert page.symbols == ["HLRB.US", "QLMP.US"]


# -- derived fields: one home each --------------------------------------------------------------------


def test_a_news_items_id_and_symbols_follow_what_they_are_made_from() -> None:
    item = sd.NewsItem(
        "A headline",
        "https://longbridge.com/en/news/7.md",
        summary="See [KC](https://longbridge.com/en/quote/KC.US.md)",
    )
    assert item.id == 7 and item.symbols == ["KC.US"]
    item.url = "https://longbridge.com/en/news/8.md"
    item.summary = "No links now."
    assert item.id == 8 and item.symbols == []
    article = sd.NewsArticle(body="Text about [X](https://longbridge.com/en/quote/X.US.md).")
    assert article.symbols == ["X.US"]
    article.body = "Nothing."
    assert article.symbols == []


def test_a_derived_field_set_to_something_else_is_refused_at_dumps() -> None:
    doc = sd.loads(INDEX)
    assert isinstance(doc.page, sd.NewsIndex)
    doc.page.items[1].symbols = [sd.Symbol("ZZ.US")]
    with pytest.raises(sd.EditError, match=r"page\.items.*would read back"):
        sd.dumps(doc)
    doc = sd.loads(TOPIC)
    assert isinstance(doc.page, sd.TopicPage)
    doc.page.id = 5  # the id is the number in the front matter's url
    with pytest.raises(sd.EditError, match=r"page\.id: 5 would read back as 48120077"):
        sd.dumps(doc)
    assert doc.front_matter is not None
    doc.front_matter.url = "https://longbridge.com/en/topics/5.md"
    assert changed_lines(TOPIC, sd.dumps(doc)) == [
        '-url: "https://longbridge.com/en/topics/48120077.md"',
        '+url: "https://longbridge.com/en/topics/5.md"',
    ]


def test_a_key_the_page_keeps_is_refused_in_the_front_matters_extra() -> None:
    doc = sd.loads(ARTICLE)
    assert doc.front_matter is not None
    doc.front_matter.extra = {"description": "twice"}
    with pytest.raises(sd.EditError, match=r"keeps 'description' as doc\.page\.description"):
        sd.dumps(doc)
    with pytest.raises(sd.EditError, match=r"keeps 'description' as doc\.page\.description"):
        sd.dumps(doc, preserve=False)


# -- edits: minimal diffs ----------------------------------------------------------------------------


def test_topic_edits_change_only_their_lines() -> None:
    doc = sd.loads(TOPIC)
    page = doc.page
    assert isinstance(page, sd.TopicPage)
    page.author = sd.Link("https://longbridge.com/en/profiles/1.md", (sd.Text("Pell Varga"),))
    page.related.remove("QLMP.US")
    page.comments[1].text = "Thanks, and what about **margins**?"
    page.comments.append(sd.Comment("Ode · Jr", dt.datetime(2026, 5, 4, tzinfo=UTC), "Agreed."))
    page.comments_count = 5
    assert changed_lines(TOPIC, sd.dumps(doc)) == [
        '-author: "[Tamsin·Ode](https://longbridge.com/en/profiles/20000417.md)"',
        '+author: "[Pell Varga](https://longbridge.com/en/profiles/1.md)"',
        "-- [QLMP.US](https://longbridge.com/en/quote/QLMP.US.md)",
        "-## Comments (4)",
        "+## Comments (5)",
        "-- **Tamsin·Ode · 2026-05-02T14:10:02.000Z**: Thanks, and what about margins?",
        "+- **Tamsin·Ode · 2026-05-02T14:10:02.000Z**: Thanks, and what about **margins**?",
        "+- **Ode · Jr · 2026-05-04T00:00:00.000Z**: Agreed.",
    ]
    assert sd.loads(sd.dumps(doc)).page == page


def test_news_index_edits_change_only_their_item() -> None:
    doc = sd.loads(INDEX)
    page = doc.page
    assert isinstance(page, sd.NewsIndex)
    page.items[1].datetime = dt.datetime(2026, 5, 4, 5, 41, tzinfo=UTC)
    del page.items[2]
    page.items.insert(0, sd.NewsItem("Breaking: *robots* | ports", "https://longbridge.com/en/news/290001200.md"))
    assert changed_lines(INDEX, sd.dumps(doc)) == [
        "+- [Breaking: \\*robots\\* | ports](https://longbridge.com/en/news/290001200.md)",
        "-  - Datetime: 2026-05-04T05:40:51.000Z",
        "+  - Datetime: 2026-05-04T05:41:00.000Z",
        "-- [Port operators and robot makers: what the quarter showed](https://longbridge.com/en/news/290000954.md)",
        "-  - Datetime: 2026-05-03T22:05:30.000Z",
        "-  - Summary: A look at [HLRB.US](https://longbridge.com/en/quote/HLRB.US.md) and "
        "[QLMP.US](https://longbridge.com/en/quote/QLMP.US.md) side by side.",
    ]
    assert sd.loads(sd.dumps(doc)).page == page


def test_an_articles_body_is_written_in_place_of_the_old_one() -> None:
    doc = sd.loads(ARTICLE)
    page = doc.page
    assert isinstance(page, sd.NewsArticle) and page.body is not None
    page.body = page.body.replace("was flat.", "fell 1%.")
    last = "Shares of the company rose 4% before the open, while [QLMP.US](https://longbridge.com/en/quote/QLMP.US.md)"
    assert changed_lines(ARTICLE, sd.dumps(doc)) == [f"-{last} was flat.", f"+{last} fell 1%."]
    page.body = "One line now."
    written = sd.dumps(doc)
    assert written.endswith("# Harborlight Robotics opens a second plant in Ohio\n\nOne line now.\n")
    assert sd.loads(written).page == page


def test_a_section_the_page_has_no_place_for_needs_the_page_written_from_its_model() -> None:
    text = TOPIC.replace("### Related Stocks\n\n- [HLRB.US](https://longbridge.com/en/quote/HLRB.US.md)\n"
                         "- [QLMP.US](https://longbridge.com/en/quote/QLMP.US.md)\n\n", "")  # fmt: skip
    doc = sd.loads(text)
    assert isinstance(doc.page, sd.TopicPage) and doc.page.related == []
    doc.page.related.append(sd.Symbol("HLRB.US"))
    with pytest.raises(sd.EditError, match="preserve=False"):
        sd.dumps(doc)
    assert sd.loads(sd.dumps(doc, preserve=False)).page == doc.page


# -- problems, lenient and strict ----------------------------------------------------------------------


BROKEN_TOPIC = TOPIC.replace("**Pell Varga · 2026-05-03T08:00:00.000Z**", "**Pell Varga · yesterday**").replace(
    "### Related Stocks", "### Related Stuff"
)


def test_a_broken_topic_page_reads_with_its_problems_placed() -> None:
    doc = sd.loads(BROKEN_TOPIC)
    assert sd.dumps(doc) == BROKEN_TOPIC
    found = [(p.line, p.column, p.construct, p.expected) for p in doc.warnings]
    assert found == [
        (16, 1, "topic page", "'Related Stocks' or 'Comments (N)'"),
        (18, 1, "topic page", "only what this section holds"),
        (25, 1, "comment", "an ISO 8601 datetime after the author"),
    ]
    assert isinstance(doc.page, sd.TopicPage) and doc.page.comments[2].datetime is None
    with pytest.raises(sd.LayoutError) as raised:
        sd.loads(BROKEN_TOPIC, strict=True)
    assert (raised.value.line, raised.value.column) == (16, 1)


def test_a_news_item_out_of_the_documented_layout_is_read_and_reported() -> None:
    summary = "  - Summary: Volumes rose 9% from a year earlier.\n"
    related = "  - Related: [QLMP.US](https://longbridge.com/en/quote/QLMP.US.md)\n"
    text = INDEX.replace(summary, summary + related)
    doc = sd.loads(text)
    assert [(p.line, p.construct) for p in doc.warnings] == [(21, "news item")]
    assert isinstance(doc.page, sd.NewsIndex)
    assert doc.page.items[1].symbols == ["QLMP.US"], "a quote link anywhere in an item is one of its symbols"
    assert sd.dumps(doc) == text


# -- labels of another locale ----------------------------------------------------------------------------


def test_labels_registered_for_a_locale_read_and_write_its_pages() -> None:
    made_up = sd.TopicLabels(related="Verwandte Werte", comments="Stimmen")
    text = (
        TOPIC.replace('locale: "en"', 'locale: "xx-TEST"')
        .replace("### Related Stocks", "### Verwandte Werte")
        .replace("## Comments (4)", "## Stimmen (4)")
        .replace("longbridge.com/en/quote/", "longbridge.com/xx-TEST/quote/")
    )
    assert sd.loads(text).warnings, "unknown words before the locale's labels are registered"
    labels = kind_named("topic").labels
    sd.register_labels("topic", "xx-TEST", made_up)
    try:
        doc = sd.loads(text)
        assert doc.warnings == ()
        assert isinstance(doc.page, sd.TopicPage) and doc.page.comments_count == 4
        assert sd.dumps(doc, preserve=False) == text
        assert sd.loads(TOPIC).warnings == (), "English pages keep their words"
    finally:
        del labels["xx-TEST"]
    news = attrs.evolve(sd.NewsLabels(), index_title="Nachrichten")
    with pytest.raises(TypeError, match="TopicLabels, not NewsLabels"):
        sd.register_labels("topic", "xx-TEST", news)
    with pytest.raises(ValueError, match="no page kind"):
        sd.register_labels("forum", "xx-TEST", news)


# -- JSON and the command line -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(KIND_PAGES))
def test_the_json_of_every_kind_validates_and_reads_back(name: str) -> None:
    doc = sd.loads(KIND_PAGES[name])
    data = sd.to_dict(doc)
    assert data["kind"] == doc.kind
    jsonschema.validate(data, sd.json_schema())
    again = sd.from_dict(data)
    assert again.page == doc.page and again.front_matter == doc.front_matter
    assert sd.dumps(again) == KIND_PAGES[name].removesuffix("\n")  # the JSON says nothing of a final newline


@pytest.mark.parametrize(("path", "expected"), [
    (FIXTURES / "topic_full.md", "  topic 48120077: @LongbridgeAI Is Harborlight"),
    (FIXTURES / "news_index.md", "  news index: Longbridge News, 3 items"),
    (FIXTURES / "news_article.md", "  news article 290001123: Harborlight Robotics opens"),
])  # fmt: skip
def test_parse_summarises_every_kind(path: object, expected: str) -> None:
    result = subprocess.run([script(), "parse", str(path)], capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout and "round trip: exact" in result.stdout
