"""How browser tests and benchmarks start Debian's Chromium: one definition for all of them."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Headless, and nothing that would reach the network on its own (updates, background fetches).
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
