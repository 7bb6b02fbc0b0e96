"""Core messages stay English for the CLI and the records, and translate when shown."""

from __future__ import annotations

import copy
import json
import pickle

from synth.errors import InputError, SynthError
from synth.i18n import Msg, from_data, message_of, render, to_data

ZH = {"Column '{column}' is empty.": "列“{column}”为空。", "failed: {error}": "失败：{error}", "rows": "行"}


def zh(text: str) -> str:
    return ZH.get(text, text)


def test_a_message_is_its_english_text():
    message = Msg("Column '{column}' is empty.", column="age")
    assert message == "Column 'age' is empty." and isinstance(message, str)
    assert json.dumps({"m": message}) == '{"m": "Column \'age\' is empty."}'


def test_a_message_renders_in_another_language_with_its_values():
    assert Msg("Column '{column}' is empty.", column="age").render(zh) == "列“age”为空。"
    nested = Msg("failed: {error}", error=Msg("Column '{column}' is empty.", column="age"))
    assert nested == "failed: Column 'age' is empty."
    assert nested.render(zh) == "失败：列“age”为空。"


def test_the_data_form_survives_json_and_renders_the_same():
    nested = Msg("failed: {error}", error=Msg("Column '{column}' is empty.", column="age"))
    data = json.loads(json.dumps(to_data(nested)))
    assert from_data(data) == nested
    assert render(data, zh) == "失败：列“age”为空。"
    assert render(to_data(["rows", Msg("Column '{column}' is empty.", column="x")]), zh) == "行; 列“x”为空。"


def test_copies_and_pickles_keep_the_template():
    message = Msg("Column '{column}' is empty.", column="age")
    for copied in (copy.deepcopy(message), pickle.loads(pickle.dumps(message))):
        assert copied == message and copied.msgid == message.msgid and copied.args == {"column": "age"}


def test_a_broken_translation_falls_back_to_english():
    assert (
        Msg("Column '{column}' is empty.", column="age").render(lambda s: "列{name}")
        == "Column 'age' is empty."
    )


def test_fixed_text_is_looked_up_and_other_values_pass_through():
    assert render("rows", zh) == "行"
    assert render(None, zh) == "" and render(3, zh) == "3"


def test_the_message_of_an_error():
    problems = [Msg("Column '{column}' is empty.", column="a"), "rows"]
    error = InputError(problems)
    assert message_of(error) == problems and str(error) == "Column 'a' is empty.; rows"
    assert render(message_of(SynthError(Msg("Column '{column}' is empty.", column="b"))), zh) == "列“b”为空。"
    assert message_of(ValueError(1, 2)) == "(1, 2)"
