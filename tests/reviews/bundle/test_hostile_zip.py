"""Hostile ZIPs given to ``verify-bundle``: too many members, paths outside the bundle and
bombs are refused with exit 2 before they are decompressed, in bounded memory and time."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reviews.bundle import verify_bundle
from reviews.bundle.safe_zip import UnsafeBundle, ZipLimits, read_members
from reviews.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[3]


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _bomb(size: int) -> bytes:
    # Streamed in chunks so that building the test file does not itself need ``size`` bytes.
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("data/rows.csv", "w", force_zip64=True) as handle,
    ):
        chunk = b"\0" * (1 << 20)
        for _ in range(size // len(chunk)):
            handle.write(chunk)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["../evil.txt", "a/../../evil.txt", "/etc/passwd", "C:/x", "a\\..\\b"])
def test_paths_outside_the_bundle_are_refused(name, tmp_path):
    with pytest.raises(UnsafeBundle, match="outside the bundle"):
        verify_bundle(_zip({"manifest.json": b"{}", name: b"x"}))
    assert list(tmp_path.iterdir()) == []  # nothing was written anywhere near


def test_too_many_members_is_refused_quickly_without_the_quadratic_duplicate_scan():
    data = _zip({f"f{i}": b"" for i in range(5000)}, zipfile.ZIP_STORED)
    with pytest.raises(UnsafeBundle, match="5000 files"):
        read_members(data, ZipLimits(max_members=1000))
    # Under a generous limit the duplicate check is linear: 5000 distinct names, no problem.
    members, problems = read_members(data, ZipLimits(max_members=10_000))
    assert len(members) == 5000 and problems == []


def test_duplicate_names_are_problems():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a", b"1")
        with pytest.warns(UserWarning):
            archive.writestr("a", b"2")
    _, problems = read_members(buffer.getvalue())
    assert problems == ["a appears more than once"]


def test_a_zip_bomb_is_refused_by_its_ratio_and_by_its_total():
    bomb = _bomb(64 * 1024**2)
    assert len(bomb) < 1024**2
    with pytest.raises(UnsafeBundle, match="ZIP bomb"):
        read_members(bomb)
    with pytest.raises(UnsafeBundle, match="limit of 16 MB"):
        read_members(bomb, ZipLimits(max_total_bytes=16 * 1024**2, max_ratio=10**6))


def _cli(*argv: str) -> int:
    return main(list(argv), commands=COMMANDS)


def test_cli_exit_2_with_one_line(tmp_path, capsys):
    path = tmp_path / "evil.zip"
    path.write_bytes(_zip({"../../evil.txt": b"x"}))
    assert _cli("verify-bundle", str(path)) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "outside the bundle" in err and "\n" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.zip"]


@pytest.mark.timeout(120)
def test_a_one_megabyte_bomb_stays_within_memory_and_time(tmp_path):
    # A 1 GiB bomb (about 1 MB on disk) under a 1.5 GiB address-space cap: refused, exit 2.
    path = tmp_path / "bomb.zip"
    path.write_bytes(_bomb(1024**3))
    code = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024**2,) * 2);"
        "from reviews.cli import main; code = main(['verify-bundle', sys.argv[1]]);"
        # VmHWM is this program's own peak: ru_maxrss would carry the forking test process's over exec
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')));"
        "sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2, done.stderr
    assert "ZIP bomb" in done.stderr
    # the child's own peak, in KiB
    assert int(done.stdout.split()[-1]) < 1024**2  # KiB on Linux: < 1 GiB
