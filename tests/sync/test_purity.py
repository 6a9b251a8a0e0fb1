"""`sync/` stays pure: it imports no web, database or network code and does no I/O of its own.

The rule covers every module under `sync/`, including `sync/osm/`, so that the merge and export
logic can be tested and reused without a server.
"""

import ast
import pathlib

import pytest

SYNC = pathlib.Path(__file__).resolve().parents[2] / "sync"
FORBIDDEN = {
    "flask",
    "flask_smorest",
    "flask_sqlalchemy",
    "sqlalchemy",
    "geoalchemy2",
    "requests",
    "server",
    "socket",
    "urllib",
    "http",
    "subprocess",
    "random",
    "sqlite3",
    "psycopg",
}
FORBIDDEN_CALLS = {"open", "input", "print", "exec", "eval", "__import__"}


def imported_roots(tree: ast.AST) -> set[str]:
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def called_names(tree: ast.AST) -> set[str]:
    return {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }


def clock_reads(tree: ast.AST) -> set[str]:
    """`datetime.now()`, `date.today()`, `time.time()`: time must be handed in."""
    reading = {"now", "utcnow", "today", "monotonic", "perf_counter", "time_ns"}
    calls = [
        node.func
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    ]
    return {
        call.attr
        for call in calls
        if call.attr in reading
        or (call.attr == "time" and isinstance(call.value, ast.Name) and call.value.id == "time")
    }


MODULES = sorted(SYNC.rglob("*.py"))


def test_there_are_sync_modules_to_check():
    assert SYNC / "merge.py" in MODULES


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(SYNC)) for p in MODULES])
def test_sync_module_imports_nothing_impure(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    assert imported_roots(tree) & FORBIDDEN == set()


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(SYNC)) for p in MODULES])
def test_sync_module_does_no_io_and_reads_no_clock(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    assert called_names(tree) & FORBIDDEN_CALLS == set()
    assert clock_reads(tree) == set()


@pytest.mark.parametrize(
    ("source", "caught"),
    [
        ("import flask", True),
        ("from sqlalchemy.orm import Session", True),
        ("import urllib.request", True),
        ("from server.errors import ApiError", True),
        ("from sync.merge import apply_change", False),
        ("from . import fields", False),
    ],
)
def test_the_import_check_catches_what_it_should(source, caught):
    assert bool(imported_roots(ast.parse(source)) & FORBIDDEN) is caught


@pytest.mark.parametrize(
    ("source", "caught"),
    [
        ("datetime.datetime.now()", True),
        ("datetime.date.today()", True),
        ("time.time()", True),
        ("datetime.time(9, 0)", False),
        ("datetime.datetime(2026, 1, 1)", False),
    ],
)
def test_the_clock_check_catches_what_it_should(source, caught):
    assert bool(clock_reads(ast.parse(source))) is caught
