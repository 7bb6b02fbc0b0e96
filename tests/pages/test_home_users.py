"""Home and Users pages."""

from __future__ import annotations

from reviews import queries
from tests.pages.conftest import app_as, page_text


def test_home_shows_counts_and_next_step(workspace):
    at = app_as("steward")
    assert [m.value for m in at.metric] == ["0", "0", "0"]
    assert "Load a real table on the Data page" in page_text(at)


def test_admin_adds_user_and_changes_role(workspace):
    at = app_as("admin", "pages/users.py")
    assert at.selectbox(key="users_new_role").value is None  # no default role
    at.text_input(key="users_new_name").input("newbie")
    at.selectbox(key="users_new_role").set_value("reviewer")
    at.text_input(key="users_new_password").input("newbie-password")
    next(b for b in at.button if b.label == "Add user").click().run()
    assert not at.exception
    users = queries.list_users(workspace).set_index("username")
    assert users.loc["newbie", "role"] == "reviewer"

    at.selectbox(key="users_target").set_value("newbie").run()
    at.selectbox(key="users_role_newbie").set_value("officer").run()
    at.button(key="users_change_role").click().run()
    assert "from Reviewer to Officer" in at.warning[0].value or "newbie" in at.warning[0].value
    assert queries.list_users(workspace).set_index("username").loc["newbie", "role"] == "reviewer"
    at.button(key="users_confirm").click().run()
    assert queries.list_users(workspace).set_index("username").loc["newbie", "role"] == "officer"
    assert list(queries.audit_frame(workspace, "user.")["action"])[:2] == ["user.set_role", "user.create"]


def test_disable_is_its_own_confirmed_action_and_keeps_the_role(workspace):
    at = app_as("admin", "pages/users.py")
    at.selectbox(key="users_target").set_value("reviewer2").run()
    at.button(key="users_disable").click().run()
    at.button(key="users_cancel").click().run()
    assert queries.list_users(workspace).set_index("username").loc["reviewer2", "active"]
    at.button(key="users_disable").click().run()
    at.button(key="users_confirm").click().run()
    row = queries.list_users(workspace).set_index("username").loc["reviewer2"]
    assert not row["active"] and row["role"] == "reviewer"
    assert list(queries.audit_frame(workspace, "user.")["action"])[0] == "user.set_active"


def test_the_last_admin_cannot_disable_themselves(workspace):
    at = app_as("admin", "pages/users.py")
    at.selectbox(key="users_target").set_value("admin").run()
    at.button(key="users_disable").click().run()
    at.button(key="users_confirm").click().run()
    assert "last active admin" in at.error[0].value and not at.exception
    assert queries.list_users(workspace).set_index("username").loc["admin", "active"]


def test_admin_error_keeps_what_was_typed_except_the_password(workspace):
    at = app_as("admin", "pages/users.py")
    at.text_input(key="users_new_name").input("shorty")
    at.selectbox(key="users_new_role").set_value("steward")
    at.text_input(key="users_new_password").input("short")
    next(b for b in at.button if b.label == "Add user").click().run()
    assert "too short" in at.error[0].value and not at.exception
    assert at.text_input(key="users_new_name").value == "shorty"
    assert at.selectbox(key="users_new_role").value == "steward"
    assert at.text_input(key="users_new_password").value == ""


def test_reset_demo_is_offered_to_admins_of_a_demo_workspace_only(workspace, monkeypatch):
    assert not [b for b in app_as("admin").sidebar.button if b.key == "sidebar_reset_demo"]
    monkeypatch.setenv("SYNTHREVIEW_DEMO", "1")
    assert [b for b in app_as("admin").sidebar.button if b.key == "sidebar_reset_demo"]
    assert not [b for b in app_as("steward").sidebar.button if b.key == "sidebar_reset_demo"]


def test_home_counts_leave_out_train_and_holdout_parts(workspace):
    from reviews.jobs.worker import run_one
    from reviews.services.generation import GenerationRequest, start_generation
    from reviews.services.intake import import_demo
    from reviews.workspace.permissions import Actor

    steward = Actor("steward", "steward")
    demo = import_demo(workspace, steward)
    start_generation(workspace, steward, GenerationRequest(demo, "rules", [{"purpose": "privacy"}], 100))
    run_one(workspace)
    at = app_as("steward")
    assert [m.value for m in at.metric] == ["1", "1", "0"]
    assert len(at.dataframe[0].value) == 2
