"""Spark must accept every file (the bronze layer's main reader): Spark
from PyPI reads each shipped domain's files (the spec ones too) and agrees with pyarrow on
schema, row counts, nulls and values."""
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from support import parquet_files, run

SPARK_TYPES = {"int64": "bigint", "int32": "int", "double": "double", "string": "string", "bool": "boolean",
               "timestamp[us]": "timestamp_ntz", "float": "float", "date32[day]": "date"}


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession
    session = (SparkSession.builder.master("local[2]").appName("lb-datagen-tests")
               .config("spark.ui.enabled", "false").config("spark.driver.memory", "1g").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.mark.parametrize("domain,args", [
    ("customer360", ["--payload-kb", 1, "--file-size-mb", 16]),
    ("iot", ["--file-size-mb", 0.25]),
    ("clickstream", ["--file-size-mb", 0.5]),
    ("customer360_spec", ["--payload-kb", 1, "--file-size-mb", 16]),
    ("web_events", ["--file-size-mb", 0.5]),
    # Chunks of one column with different codecs (--store-incompressible stores the hex payload's).
    pytest.param("customer360", ["--payload-kb", 2, "--file-size-mb", 16, "--store-incompressible"],
                 id="customer360-store-incompressible"),
])
def test_spark_reads_what_pyarrow_reads(spark, tmp_path, domain, args):
    run(["--domain", domain, "--rows", 30_000, "--row-group-mb", 0.25, "--workers", 2,
         "--compression", {"iot": "zstd", "clickstream": "lz4"}.get(domain, "snappy"), *args, "--output", tmp_path],
        cwd=tmp_path)
    files = parquet_files(tmp_path)
    assert len(files) >= 2
    table = pq.read_table(files)
    frame = spark.read.parquet(*map(str, files))

    assert [(f.name, f.dataType.simpleString()) for f in frame.schema.fields] == \
        [(f.name, SPARK_TYPES[str(f.type)]) for f in table.schema]
    assert frame.count() == table.num_rows == 30_000
    nulls = frame.selectExpr(*[f"count(`{name}`)" for name in table.column_names]).collect()[0]
    assert list(nulls) == [table.num_rows - table.column(name).null_count for name in table.column_names]

    # Values, not just shapes: aggregates over every column type agree.
    for field in table.schema:
        column = table.column(field.name)
        if str(field.type) in ("int64", "int32"):
            assert frame.selectExpr(f"sum(`{field.name}`)").collect()[0][0] == pc.sum(column).as_py()
        elif str(field.type) == "string":
            spark_max = frame.selectExpr(f"max(`{field.name}`)").collect()[0][0]
            assert spark_max == pc.max(column).as_py(), field.name
        elif str(field.type) == "bool":
            assert frame.selectExpr(f"sum(cast(`{field.name}` as int))").collect()[0][0] == pc.sum(column.cast("int64")).as_py()
        elif str(field.type) == "timestamp[us]":
            assert frame.selectExpr(f"min(`{field.name}`)").collect()[0][0] == pc.min(column).as_py()
