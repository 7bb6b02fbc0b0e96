"""Text the core shows to people, kept translatable without the core knowing any language.

The core speaks English: the CLI, logs, the audit log, signed records and bundles read it as
is. The interface shows the same text in the reader's language, so the core hands it over in
a form that can still be translated when it is shown:

* a fixed text is marked with ``N_("...")``; the interface looks it up in the catalog;
* a text with values in it is a :class:`Msg`: it *is* the English string (a ``str``), and it
  also keeps its template and values, so the interface can translate the template and fill
  the values in again. ``Msg.to_data()`` keeps that across a database round trip (a job's
  progress message, for one);
* chart builders take a ``translate`` callable for their labels (:func:`same` by default).

Extraction (``pybabel extract -k N_ -k Msg``) collects all three into the catalog.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Translate = Callable[[str], str]


def same(text: str) -> str:
    """The identity translation: English."""
    return text


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated where it is shown."""
    return message


class Msg(str):
    """An English message that remembers its template and values, for translation later."""

    msgid: str
    args: dict[str, Any]

    def __new__(cls, msgid: str, /, **args: Any) -> Msg:
        text = super().__new__(cls, msgid.format(**args) if args else msgid)
        text.msgid = msgid
        text.args = args
        return text

    def __getnewargs_ex__(self) -> tuple[tuple, dict]:
        return (self.msgid,), self.args

    def render(self, translate: Translate = same) -> str:
        """The message in ``translate``'s language; values that are messages are translated too."""
        values = {
            k: render(v, translate) if isinstance(v, (Msg, dict, list)) else v for k, v in self.args.items()
        }
        try:
            return translate(self.msgid).format(**values)
        except (KeyError, IndexError, ValueError):  # a broken translation must not hide the message
            return str(self)

    def to_data(self) -> dict:
        """A JSON-able form that :func:`from_data` turns back into this message."""
        return {
            "msgid": self.msgid,
            "args": {k: to_data(v) if isinstance(v, Msg) else v for k, v in self.args.items()},
        }


class Identifier(Msg):
    """A name kept as an identifier in English text (a gate's ``fidelity_overall`` in a signed
    checklist), shown by its readable name: ``render`` translates ``label``, the text stays the
    identifier, so records read as they always did."""

    label: str

    def __new__(cls, identifier: str, label: str) -> Identifier:
        text = str.__new__(cls, identifier)
        text.msgid, text.args, text.label = identifier, {}, label
        return text

    def __getnewargs_ex__(self) -> tuple[tuple, dict]:
        return (str(self), self.label), {}

    def render(self, translate: Translate = same) -> str:
        return translate(self.label)

    def to_data(self) -> dict:
        return {"msgid": str(self), "args": {}, "label": self.label}


def word(text):
    """A fixed word (a purpose, a stage) used as a value in a message, so it is translated with the
    message; other values (numbers, None, messages) pass unchanged."""
    return Msg(text) if isinstance(text, str) and not isinstance(text, Msg) else text


def joined(parts: Iterable, separator: str = ", ", words: bool = False) -> Msg:
    """``separator.join(parts)`` as one message: English as joined, each part that is a message
    translated when shown (plain text parts, such as column names, stay as they are). A separator
    that is a word (``Msg(" or ")``) is translated too. With ``words``, plain text parts are fixed
    words (``N_`` texts) and are translated as well."""
    values = {f"p{i}": word(part) if words else part for i, part in enumerate(parts)}
    keys = list(values)
    # A template of placeholders only: it is in no catalog, so only the parts change language.
    if isinstance(separator, Msg):
        values["separator"] = separator
        glue = "{separator}"
    else:
        glue = separator.replace("{", "{{").replace("}", "}}")
    return Msg(glue.join("{" + key + "}" for key in keys), **values)


def to_data(value: str | Iterable[str] | None) -> dict | list | None:
    """The JSON-able form of a message, or a list of them; plain text becomes a fixed message."""
    if value is None:
        return None
    if isinstance(value, Msg):
        return value.to_data()
    if isinstance(value, str):
        return {"msgid": value, "args": {}}
    return [to_data(v) for v in value]


def from_data(data: dict) -> Msg:
    """The message that :meth:`Msg.to_data` described."""
    args = {
        k: from_data(v) if isinstance(v, dict) and "msgid" in v else v
        for k, v in (data.get("args") or {}).items()
    }
    template = data["msgid"]  # a variable, so message extraction does not take "msgid" for text
    if isinstance(data.get("label"), str) and not args:
        return Identifier(template, data["label"])
    return Msg(template, **args)


def stored_message(entry: dict, key: str):
    """``entry[key]``, a text kept in a JSON result, as a translatable message when the result kept
    its data form beside it (``entry[key + "_data"]``, from :func:`to_data`) and that form still
    reads as the stored English; otherwise the text as stored."""
    text, data = entry.get(key), entry.get(f"{key}_data")
    if isinstance(text, Msg) or not isinstance(data, dict):
        return text
    try:
        message = from_data(data)
    except (KeyError, TypeError, ValueError):
        return text
    return message if message == text else text


def stored_messages(entry: dict, key: str) -> list:
    """``entry[key]``, a list of texts kept in a JSON result, each as a translatable message where
    ``entry[key + "_data"]`` kept its data form (see :func:`stored_message`)."""
    texts, data = list(entry.get(key) or []), entry.get(f"{key}_data")
    if not isinstance(data, list) or len(data) != len(texts):
        return texts
    return [stored_message({"text": t, "text_data": d}, "text") for t, d in zip(texts, data)]


def render(value: Any, translate: Translate = same, separator: str = "; ") -> str:
    """Show ``value`` (a message, its data form, a list of them, or fixed text) translated."""
    if value is None:
        return ""
    if isinstance(value, Msg):
        return value.render(translate)
    if isinstance(value, dict) and "msgid" in value:
        return from_data(value).render(translate)
    if isinstance(value, (list, tuple)):
        return separator.join(render(v, translate) for v in value)
    return translate(value) if isinstance(value, str) else str(value)


def message_of(error: BaseException) -> Any:
    """The user-facing message of one of our errors: its problems, its :class:`Msg`, or its text."""
    problems = getattr(error, "problems", None)
    if problems:
        return list(problems)
    return error.args[0] if len(error.args) == 1 and isinstance(error.args[0], str) else str(error)
