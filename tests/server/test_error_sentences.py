"""Every error code a walker or organiser can meet has a sentence in French and in English.

The codes come from the server itself: each ApiError class, the codes the error handler gives
werkzeug's errors and crashes, and each Rejection the sync rules (sync/) or the server make.
The sentences are the PWA's dictionary, pwa/src/i18n/errors.json. A new code without a sentence
would reach a phone as a raw "(invite_invalid)".
"""

import ast
import importlib
import json
import pkgutil
from pathlib import Path

import pytest

import server
from server import errors

REPO = Path(__file__).resolve().parents[2]
SENTENCES = json.loads((REPO / "pwa" / "src" / "i18n" / "errors.json").read_text("utf-8"))


def _api_error_codes() -> set[str]:
    for module in pkgutil.walk_packages(server.__path__, "server."):
        importlib.import_module(module.name)
    codes, todo = set(), [errors.ApiError]
    while todo:
        cls = todo.pop()
        codes.add(cls.code)
        todo.extend(cls.__subclasses__())
    return codes


def _literal_codes(folder: Path) -> set[str]:
    """Rejection("code", ...) calls and {"code": "..."} bodies written in the source."""
    codes = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Rejection":
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    codes.add(first.value)
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if (
                        isinstance(key, ast.Constant)
                        and key.value == "code"
                        and isinstance(value, ast.Constant)
                        and isinstance(value.value, str)
                    ):
                        codes.add(value.value)
    return codes


def server_codes() -> set[str]:
    return (
        _api_error_codes()
        | set(errors.HTTP_CODES.values())
        | {"http_error"}  # the handler's word for any other HTTP status
        | _literal_codes(REPO / "server")
        | _literal_codes(REPO / "sync")
    )


def test_the_code_collection_finds_the_kinds_of_codes_it_checks():
    codes = server_codes()
    assert {"invite_invalid", "invalid_input", "no_area"} <= codes  # ApiError classes
    assert {"database_busy", "internal_error", "rate_limited"} <= codes  # the handler's own
    assert {"invalid_change", "unknown_observation", "too_many_photos"} <= codes  # Rejections


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_server_error_code_has_a_sentence(language):
    missing = sorted(server_codes() - set(SENTENCES[language]))
    assert missing == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_sentence_is_empty_or_the_bare_code(language):
    bad = [code for code, text in SENTENCES[language].items() if not text.strip() or code in text]
    assert bad == []
