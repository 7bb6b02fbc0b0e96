"""``python -m synth profile FILE [--json]``: validate a table and print its profile."""

from __future__ import annotations

import argparse
import json
import sys

from synth.intake import DEFAULT_MAX_BYTES, IntakeResult, read_table
from synth.profile import IQR, MAD, TableProfile, profile_table


def register(subparsers) -> None:
    """Add the ``profile`` subcommand."""
    parser = subparsers.add_parser(
        "profile",
        help="validate a table and report its types, PII, identifiers, quality and outliers",
        description="Read FILE (CSV, TSV, Parquet, Excel .xlsx or JSON Lines), validate it and profile it.",
    )
    parser.add_argument("file", help="path of the table to profile")
    parser.add_argument("--json", action="store_true", help="write one JSON object instead of a summary")
    parser.add_argument(
        "--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="size limit in bytes (default 200 MB)"
    )
    parser.add_argument(
        "--outliers", choices=(IQR, MAD), default=IQR, help="outlier rule for numbers (default iqr)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Profile ``args.file``; bad input raises ``InputError`` (exit 2 via the runner)."""
    intake = read_table(args.file, max_bytes=args.max_bytes)
    profile = profile_table(intake.frame, outlier_method=args.outliers)
    if args.json:
        json.dump(profile_json(intake, profile), sys.stdout, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(summary(intake, profile))
    return 0


def profile_json(intake: IntakeResult, profile: TableProfile) -> dict:
    """The profile's ``to_dict`` plus how the file was read."""
    data = profile.to_dict()
    data.update(
        file=intake.filename,
        format=intake.format,
        encoding=intake.encoding,
        delimiter=intake.delimiter,
        missing_markers=intake.missing_markers,
    )
    return data


def summary(intake: IntakeResult, profile: TableProfile) -> str:
    """A readable multi-line summary of the profile."""
    lines = [
        f"{intake.filename}: {profile.rows} rows x {len(profile.columns)} columns "
        f"({intake.format}{', ' + intake.encoding if intake.encoding else ''}"
        f"{', delimiter ' + repr(intake.delimiter) if intake.delimiter else ''})",
        f"quality score: {profile.quality.score:g}/100",
        "",
        f"{'column':<24} {'type':<12} {'missing':>8} {'distinct':>9}  notes",
    ]
    for column in profile.columns:
        notes = []
        if column.pii:
            notes.append(f"PII: {column.pii}")
        elif column.direct_identifier:
            notes.append("identifier")
        if column.quasi_identifier:
            notes.append("quasi-identifier")
        if column.minimum is not None:
            notes.append(f"range {column.minimum} .. {column.maximum}")
        outliers = profile.outliers.get(column.name)
        if outliers and outliers.count:
            notes.append(
                f"{outliers.count} {'rare' if outliers.method == 'rare_category' else 'outlier'} rows"
            )
        lines.append(
            f"{column.name[:24]:<24} {column.type:<12} {column.missing_share:>8.1%} "
            f"{column.distinct:>9}  {'; '.join(notes)}"
        )
    if intake.missing_markers:
        lines += ["", "missing-value markers turned into missing values:"]
        for name, markers in intake.missing_markers.items():
            shown = ", ".join(f"{marker!r} x{count}" for marker, count in markers.items())
            lines.append(f"  {name}: {shown}")
    if profile.quality.findings:
        lines += ["", "quality findings:"]
        for finding in profile.quality.findings:
            where = f"{finding['column']}: " if finding["column"] else ""
            lines.append(f"  [{finding['kind']}] {where}{finding['detail']}")
    return "\n".join(lines) + "\n"
