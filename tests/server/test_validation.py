"""The request checks of server/validation.py on their own."""

import pytest

from server.validation import (
    NumberTooLong,
    bounded_int,
    cap_errors,
    database_id,
    depth_exceeds,
    unstorable_text_problem,
)


def test_unstorable_text_problem_names_each_string_holding_a_nul_like_marshmallow():
    body = {"a": "ok", "b": "x\x00", "c": [{"d": "\x00"}, "fine"], "e\x00": 1}
    assert unstorable_text_problem(body) == {
        "b": ["must not contain a NUL character"],
        "c": {0: {"d": ["must not contain a NUL character"]}},
        "e\x00": ["must not contain a NUL character"],
    }
    assert unstorable_text_problem({"a": ["clean", 1, None]}) is None
    assert unstorable_text_problem("\x00") == {"_schema": ["must not contain a NUL character"]}


def test_a_key_with_a_nul_over_a_value_with_nuls_is_named_once_not_a_crash():
    # Found by `make fuzz` on a walker file: the key's message was a list the NULs below it
    # were then nested into (AttributeError, TypeError: a 500).
    body = {"k\x00": [{"x": "\x00"}, {"y\x00": None}], "j\x00": {"z": "\x00"}}
    assert unstorable_text_problem(body) == {
        "j\x00": ["must not contain a NUL character"],
        "k\x00": ["must not contain a NUL character"],
    }


@pytest.mark.parametrize(("depth", "exceeds"), [(1, False), (32, False), (33, True), (5000, True)])
def test_depth_counts_nested_containers_without_recursing(depth, exceeds):
    value = 1
    for _ in range(depth):
        value = [value]
    assert depth_exceeds(value, 32) is exceeds


def test_bounded_int_refuses_literals_longer_than_any_column():
    assert bounded_int("-" + "9" * 100) == -int("9" * 100)
    assert bounded_int("9" * 100) == int("9" * 100)
    for text in ("9" * 101, "-" + "9" * 101):  # more than 100 digits, with a sign or without
        with pytest.raises(NumberTooLong):
            bounded_int(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", 1), ("2147483647", 2**31 - 1), ("2147483648", None),
     ("0", None), ("99999999999999999999", None), ("\u00b2", None), ("١٢", None)],
)  # fmt: skip
def test_database_id_is_a_positive_integer_column_value_in_ascii_digits(text, expected):
    assert database_id(text) == expected


def test_cap_errors_keeps_the_first_messages_and_counts_them_all():
    errors = {"photos": {i: ["bad"] for i in range(100)}, "other": ["x", "y"]}
    capped, total = cap_errors(errors, 3)
    assert total == 102
    assert capped == {"photos": {0: ["bad"], 1: ["bad"], 2: ["bad"]}}
    assert cap_errors({"a": ["x"]}, 3) == ({"a": ["x"]}, 1)
