"""Settings page: an admin changes the depth limit; a saved gate shows in the page's table and is the one
evaluations use."""

from __future__ import annotations

import pytest

from reviews import queries
from reviews.errors import ReviewsError
from reviews.workspace.gate_settings import HEADERS, gate_table, save_gate_table
from reviews.workspace.permissions import Actor
from synth.purposes.gates import gates_for
from tests.pages.conftest import app_as, page_text


def test_admin_changes_a_gate_and_the_depth_limit(workspace):
    at = app_as("admin", "pages/settings.py")
    assert not at.exception
    (editor,) = at.dataframe  # the gates table, editable
    assert {"privacy", "bias", "augmentation"} == set(editor.value["purpose"])
    at.number_input(key="settings_depth").set_value(3)
    next(b for b in at.button if b.label == "Save depth limit").click().run()
    assert queries.get_setting(workspace, "max_depth") == 3
    assert "The depth limit is now 3." in page_text(at)


def test_a_saved_gate_is_what_the_page_shows(workspace):
    table = gate_table(workspace)
    row = (table["purpose"] == "bias") & (table["gate"] == "fidelity_overall")
    table.loc[row, "threshold"] = 0.61
    save_gate_table(workspace, Actor("admin", "admin"), table)
    (editor,) = app_as("admin", "pages/settings.py").dataframe
    # The page lists the gates in gate_table's order, with readable names and headers.
    (position,) = [i for i, chosen in enumerate(row) if chosen]
    assert editor.value.iloc[position][HEADERS["threshold"]] == 0.61


def test_gate_table_round_trip(workspace):
    table = gate_table(workspace)
    assert set(table["purpose"]) == {"privacy", "bias", "augmentation"}
    row = (table["purpose"] == "privacy") & (table["gate"] == "fidelity_overall")
    table.loc[row, ["threshold", "warn"]] = [0.9, 0.85]
    save_gate_table(workspace, Actor("admin", "admin"), table)
    assert (
        gates_for("privacy", queries.get_setting(workspace, "gates"))["fidelity_overall"]["threshold"] == 0.9
    )
    table.loc[row, "warn"] = 0.95  # a warn limit above an at-least threshold makes no sense
    with pytest.raises(ReviewsError, match="warn limit must be beyond"):
        save_gate_table(workspace, Actor("admin", "admin"), table)
