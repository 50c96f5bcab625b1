"""Coverage-guided fuzzing of symboldoc with atheris.

Checks, for every input, the invariants symboldoc promises:

1. lenient ``loads`` never raises on a ``str``;
2. ``dumps(loads(text)) == text``;
3. strict ``loads`` raises nothing but ``SymbolDocError``;
4. ``load`` of the raw bytes gives the same document, or a ``DecodeError``
   naming the first bad byte, exactly when the bytes are not UTF-8;
5. writing the model alone (``preserve=False``) does not raise, nor does
   making the generic views (``tables`` with their cells, ``sections``,
   ``charts``).

Run (``pip install -e '.[fuzz]'``)::

    cd fuzz && python fuzz_symboldoc.py -runs=1000000 -max_len=2048 -dict=markdown.dict seeds

A corpus folder named on the command line that does not exist yet is filled
with seeds from the project's own pages (and the shared corpus, when it is
beside the checkout).  Any libFuzzer flag works; a failing input is saved as
``crash-*``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import symboldoc
    from symboldoc import DecodeError, SymbolDocError

HERE = Path(__file__).parent


def check(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    mode = provider.ConsumeIntInRange(0, 3)
    if mode == 0:  # the bytes as UTF-8, when they are
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            try:
                symboldoc.load(data)
            except DecodeError as raised:
                if raised.offset != error.start:
                    raise AssertionError(f"DecodeError at byte {raised.offset}, not {error.start}") from None
            else:
                raise AssertionError("bytes that are not UTF-8 were read") from None
            return
        assert symboldoc.dumps(symboldoc.load(data)) == text
    elif mode == 1:
        text = provider.ConsumeUnicode(len(data))  # surrogates included: any str at all
    else:
        text = provider.ConsumeUnicodeNoSurrogates(len(data))
    doc = symboldoc.loads(text)
    assert symboldoc.dumps(doc) == text, "not given back byte for byte"
    for block in doc.blocks:
        getattr(block, "inline", None)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                cell.inline  # noqa: B018 - made on first access
    doc.sections, doc.charts  # noqa: B018 - the other generic views: a chart is read in full only here
    try:
        strict = symboldoc.loads(text, strict=True)
    except SymbolDocError:
        pass
    else:
        assert strict.warnings == ()
    symboldoc.dumps(doc, preserve=False)  # writing the model alone never fails either


def write_seeds(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    root = HERE.parent
    pages = [*(root / "tests" / "fixtures").glob("*.md"), root / "src" / "symboldoc" / "data" / "example.md"]
    corpus = HERE.parent.parent / "shared" / "corpus"
    if corpus.is_dir():
        pages.extend(corpus.rglob("*.md"))
    for number, page in enumerate(sorted(pages)):
        (folder / f"page-{number:03d}").write_bytes(b"\x00" + page.read_bytes())


def main() -> None:
    for argument in sys.argv[1:]:
        folder = Path(argument)
        if not argument.startswith("-") and not folder.exists():
            write_seeds(folder)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
