"""Core messages stay English for the CLI and the records, and translate when shown."""

from __future__ import annotations

import copy
import json
import pickle

from synth.errors import InputError, SynthError
from synth.i18n import Identifier, Msg, from_data, message_of, render, stored_messages, to_data

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


def test_an_identifier_stays_in_the_text_and_reads_as_its_name():
    gate = Identifier("fidelity_overall", "overall fidelity")
    line = Msg("{name} {status}", name=gate, status="PASS")
    assert line == "fidelity_overall PASS"  # what a signed record keeps
    assert line.render() == "overall fidelity PASS"
    assert line.render(lambda m: {"overall fidelity": "总体保真度"}.get(m, m)) == "总体保真度 PASS"
    back = from_data(json.loads(json.dumps(to_data(line))))
    assert back == "fidelity_overall PASS" and back.render() == "overall fidelity PASS"
    assert pickle.loads(pickle.dumps(gate)).render() == "overall fidelity"


def test_stored_lists_keep_their_messages_only_while_they_match():
    warning = Msg("Column '{column}' is empty.", column="age")
    entry = {"warnings": [str(warning)], "warnings_data": [to_data(warning)]}
    assert [render(w, zh) for w in stored_messages(entry, "warnings")] == ["列“age”为空。"]
    assert stored_messages({"warnings": ["as stored"]}, "warnings") == ["as stored"]  # older results
    edited = {"warnings": ["changed"], "warnings_data": [to_data(warning)]}
    assert stored_messages(edited, "warnings") == ["changed"]


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
