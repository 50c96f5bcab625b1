"""The facts table of an archive of pages, made by Spark (the ``spark`` extra: pyspark, and Java 17 or newer).

Spark reads the files (its ``binaryFile`` source), its workers read each
page from its bytes, and the rows take the schema of the Parquet files
``symboldoc export`` writes::

    from pyspark.sql import SparkSession
    import symboldoc.spark

    spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").getOrCreate()
    files = spark.read.format("binaryFile").option("pathGlobFilter", "*.md").load("archive/")
    facts = spark.createDataFrame(files.rdd.mapPartitions(symboldoc.spark.fact_rows), symboldoc.spark.facts_schema())
    errors = spark.createDataFrame(files.rdd.mapPartitions(symboldoc.spark.error_rows), symboldoc.spark.errors_schema())

* :func:`fact_rows`: the facts of the pages of a partition of files, as rows
  of ``symboldoc.FACT_COLUMNS``; a page that cannot be read gives none;
* :func:`error_rows`: those pages, one ``(path, line, column, message)`` row each;
* :func:`facts_schema` and :func:`errors_schema`: their Spark schemas
  (``facts_schema()`` has the columns, types and nullability of
  ``symboldoc.facts_arrow_schema()``).

The two row functions need no pyspark (they run on the workers); the
schemas import it, and without it raise an ``ImportError`` naming the extra.
Importing this module imports no pyspark.  The whole recipe, with Parquet
partitioned by date, is in the documentation's Spark page.
"""

from __future__ import annotations

from symboldoc._engines.on_spark import error_rows_of_files as error_rows
from symboldoc._engines.on_spark import fact_rows_of_files as fact_rows
from symboldoc._engines.on_spark import facts_spark_schema as facts_schema
from symboldoc._engines.on_spark import spark_errors_schema as errors_schema

__all__ = ["error_rows", "errors_schema", "fact_rows", "facts_schema"]
