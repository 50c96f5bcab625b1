"""Coverage-guided fuzzing of symboldoc with atheris.

Each input is turned into a text one of three ways, and every promise of
reading is checked on it (``tests/fuzzing.py``, which the test suite also
runs through hypothesis):

- the input's bytes, as UTF-8 when they are: ``load`` of the bytes must
  agree with decoding them, and name the first bad byte otherwise;
- an arbitrary string, lone surrogates included;
- a real page (the project's own, and the shared corpus when it is beside
  the checkout) mutated by lines and by markdown tokens, every choice taken
  from the input, so the fuzzer steers the mutations.

The checks: lenient ``loads`` never raises; ``dumps`` gives the text back;
every view opens (blocks, sections, tables, rows, cells, inline content,
charts, the typed page); ``to_dict`` passes ``json.dumps``; strict
``loads`` raises only ``SymbolDocError``, for the first problem lenient
reading lists; and, on every fourth input, the bytes read the same, the
model alone writes a page that reads, and copies and pickles write what the
original does.

Run (``pip install -e '.[fuzz]'``)::

    cd fuzz && python fuzz_symboldoc.py -runs=1000000 -max_len=2048 -dict=markdown.dict seeds

A corpus folder named on the command line that does not exist yet is filled
with one seed input per page.  Any libFuzzer flag works; a failing input is
saved as ``crash-*``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))  # the tests package: the generator and the checks

with atheris.instrument_imports():
    import symboldoc
    from symboldoc import DecodeError

from tests.fuzzing import SEED_PAGES, check_reading, hostile_text  # noqa: E402 - after the instrumented imports


class _Provided:
    """Choices taken from the fuzzer's input."""

    def __init__(self, provider: atheris.FuzzedDataProvider) -> None:
        self.provider = provider

    def integer(self, low: int, high: int) -> int:
        return int(self.provider.ConsumeIntInRange(low, high))


def check(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    mode = provider.ConsumeIntInRange(0, 7)
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
    elif mode == 1:
        text = provider.ConsumeUnicode(len(data))  # surrogates included: any str at all
    else:
        text = hostile_text(_Provided(provider))
    # The thorough checks (bytes, the model's page read again, copies and pickles) cost more than the
    # rest together: every fourth input has them.
    check_reading(text, thorough=provider.ConsumeIntInRange(0, 3) == 0)


def write_seeds(folder: Path) -> None:
    """One input per page: mode 0 (the bytes as UTF-8) followed by the page."""
    folder.mkdir(exist_ok=True)
    for number, page in enumerate(SEED_PAGES):
        (folder / f"page-{number:03d}").write_bytes(b"\x00" + page.encode("utf-8", "surrogatepass"))


def main() -> None:
    for argument in sys.argv[1:]:
        folder = Path(argument)
        if not argument.startswith("-") and not folder.exists():
            write_seeds(folder)
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
