"""Options and database names of ``bench/bench_site.py`` (no server, no database)."""

import pytest

from bench.bench_site import database_url, parse_args


def test_each_size_has_its_own_database(monkeypatch):
    monkeypatch.setenv(
        "DATABASE_URL", "postgres://u:p@127.0.0.1:5432/articula_bench?sslmode=disable"
    )
    assert database_url("postgresql", "demo", 10_000) == (
        "postgres://u:p@127.0.0.1:5432/articula_bench?sslmode=disable"
    )
    assert database_url("postgresql", "scale", 10_000) == (
        "postgres://u:p@127.0.0.1:5432/articula_bench_scale?sslmode=disable"
    )
    assert (
        database_url("sqlite", "demo", 10_000) == "sqlite:////tmp/articula-bench-site-demo.sqlite3"
    )
    assert database_url("sqlite", "scale", 500) == (
        "sqlite:////tmp/articula-bench-site-scale-500.sqlite3"
    )


def test_postgresql_is_measured_when_database_url_names_one(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert parse_args([]).databases == ["sqlite"]
    with pytest.raises(SystemExit):
        parse_args(["--databases", "postgresql"])
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@localhost/b")
    assert parse_args([]).databases == ["sqlite", "postgresql"]
    assert parse_args(["--databases", "postgresql"]).databases == ["postgresql"]


def test_subsets_keep_the_floor_and_the_table_order(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    args = parse_args(["--pages", "search,initiative", "--sizes", "demo", "--connections", "50"])
    assert args.page_keys == ["floor", "initiative", "search"]
    assert args.sizes == ["demo"]
    assert args.modes == ["uncached", "cached"]
    assert args.connections == 8  # never more than 8 on the shared machine
    with pytest.raises(SystemExit):
        parse_args(["--pages", "nonsense"])
    with pytest.raises(SystemExit):
        parse_args(["--modes", "warm"])
