"""The archive on Dask (the ``dask`` extra: ``pip install 'python-symboldoc[dask]'``).

::

    import symboldoc.dask

    facts = symboldoc.dask.read_facts("archive/**/*.md")      # a Dask DataFrame
    facts.groupby("symbol").size().compute()

``read_facts`` gives :func:`symboldoc.facts`' columns and dtypes, a
partition a few hundred pages, read on the workers from the pages' bytes;
only facts travel.  ``read_archive`` gives the facts and the errors frame
(``path``, ``line``, ``column``, ``message``) of the pages that could not
be read; ``read_documents`` a Bag of documents; ``write_dataset`` appends
to the Parquet dataset ``symboldoc export DIR/`` writes.  They run on
whatever scheduler is current: the local one, or a ``dask.distributed``
client.  See the documentation's "Dask" page.
"""

from __future__ import annotations

from symboldoc._optional import optional_module

optional_module("dask.dataframe", "dask")  # an ImportError naming the extra when Dask is missing
optional_module("dask.bag", "dask")

from symboldoc._engines.on_dask import (  # noqa: E402  # after the check above
    ERROR_COLUMNS,
    PAGES_PER_PARTITION,
    Archive,
    read_archive,
    read_documents,
    read_facts,
    write_dataset,
)

__all__ = [
    "ERROR_COLUMNS",
    "PAGES_PER_PARTITION",
    "Archive",
    "read_archive",
    "read_documents",
    "read_facts",
    "write_dataset",
]
