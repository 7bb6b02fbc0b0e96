"""The store: users, datasets, settings, and that each change writes one audit event."""

from __future__ import annotations

import pandas as pd
import pytest

from reviews import queries
from reviews.audit.chain import verify_chain
from reviews.errors import AuthenticationFailed, Conflict, PermissionDenied, ReviewsError
from reviews.store import NewDataset
from reviews.workspace.permissions import SYSTEM, Actor

FRAME = pd.DataFrame({"age": [30, 41, 52], "sex": ["F", "M", "F"]})


def _admin(store) -> Actor:
    store.create_user(SYSTEM, "root", "correct horse", "admin")
    return store.authenticate("root", "correct horse")


def test_first_user_must_be_admin(store):
    with pytest.raises(ReviewsError, match="first user must be an admin"):
        store.create_user(SYSTEM, "alice", "long enough phrase", "steward")


def test_users_roles_and_login(store):
    admin = _admin(store)
    store.create_user(admin, "sue", "steward-pass-phrase", "steward")
    steward = store.authenticate("sue", "steward-pass-phrase")
    assert steward.role == "steward"
    with pytest.raises(PermissionDenied):
        store.create_user(steward, "eve", "whatever-1234", "admin")
    with pytest.raises(Conflict):
        store.create_user(admin, "sue", "another-pass-phrase", "reviewer")
    with pytest.raises(AuthenticationFailed):
        store.authenticate("sue", "wrong-password")
    store.set_role(admin, "sue", "reviewer")
    assert store.authenticate("sue", "steward-pass-phrase").role == "reviewer"
    actions = list(queries.audit_frame(store)["action"])[::-1]
    assert actions == [
        "user.create",
        "login",
        "user.create",
        "login",
        "login.failed",
        "user.set_role",
        "login",
    ]
    assert verify_chain(store.engine).ok


def test_password_is_hashed_with_argon2(store):
    _admin(store)
    from sqlalchemy import select

    from reviews.workspace.schema import users

    with store.engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2") and "correct horse" not in stored


def test_dataset_kept_as_parquet_named_by_sha(store):
    admin = _admin(store)
    dataset_id = store.add_dataset(
        admin, NewDataset("people", FRAME, source_bytes=b"age,sex\n", source_suffix=".csv")
    )
    record = queries.get_dataset(store, dataset_id)
    assert record.artifact_path == f"datasets/{record.sha256}.parquet"
    assert (store.artifact_root / record.source_path).read_bytes() == b"age,sex\n"
    pd.testing.assert_frame_equal(queries.load_frame(store, dataset_id), FRAME)
    event = queries.audit_frame(store, "dataset.").iloc[0]
    assert event["object"] == f"dataset:{dataset_id}"


def test_reviewer_cannot_import(store):
    admin = _admin(store)
    store.create_user(admin, "rita", "reviewer-pass-phrase", "reviewer")
    reviewer = store.authenticate("rita", "reviewer-pass-phrase")
    with pytest.raises(PermissionDenied):
        store.add_dataset(reviewer, NewDataset("x", FRAME))


def test_failed_import_leaves_nothing(store, monkeypatch):
    admin = _admin(store)

    def broken(*_args, **_kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(store, "_append_event", broken)
    with pytest.raises(RuntimeError):
        store.add_dataset(admin, NewDataset("x", FRAME, source_bytes=b"raw"))
    assert queries.list_datasets(store) == []
    assert not any((store.artifact_root / "datasets").glob("*"))


def test_settings_audited(store):
    admin = _admin(store)
    assert queries.get_setting(store, "max_depth") == 1
    store.set_setting(admin, "max_depth", 3)
    assert queries.get_setting(store, "max_depth") == 3
    assert queries.audit_frame(store, "settings.").iloc[0]["payload"] == '{"from":null,"to":3}'


def test_first_admin_setup_only_on_an_empty_workspace(store):
    store.create_first_admin("boss", "long-password")
    with pytest.raises(PermissionDenied):
        store.create_first_admin("intruder", "long-password")
    assert store.authenticate("boss", "long-password").role == "admin"


def test_a_grant_cannot_be_forged_as_a_setting(store):
    """Settings take only known keys: an admin cannot write an officer's grant through them."""
    admin = _admin(store)
    dataset_id = store.add_dataset(admin, NewDataset("people", FRAME))
    forged = {"by": "root", "justification": "nobody asked an officer", "at": "2026-01-01T00:00:00+00:00"}
    with pytest.raises(ReviewsError, match="Unknown setting"):
        store.set_setting(admin, f"pretraining:{dataset_id}", forged)
    assert queries.get_grant(store, "pretraining", dataset_id) is None
    assert queries.get_setting(store, f"pretraining:{dataset_id}") is None
    assert queries.audit_frame(store, "settings.").empty
    store.create_user(admin, "olga", "officer-pass-phrase", "officer")
    with pytest.raises(PermissionDenied):
        store.set_setting(store.authenticate("olga", "officer-pass-phrase"), "max_depth", 3)
    store.set_setting(admin, "max_depth", 3)
    assert queries.get_setting(store, "max_depth") == 3


def test_officer_grants_need_the_role_and_a_justification(store):
    admin = _admin(store)
    dataset_id = store.add_dataset(admin, NewDataset("people", FRAME))
    store.create_user(admin, "olga", "officer-pass-phrase", "officer")
    officer = store.authenticate("olga", "officer-pass-phrase")
    with pytest.raises(PermissionDenied):
        store.grant(admin, "depth_override", dataset_id, "because the admin says so")
    with pytest.raises(ReviewsError, match="justification"):
        store.grant(officer, "depth_override", dataset_id, "ok")
    store.grant(officer, "depth_override", dataset_id, "Needed once to study collapse on this table.")
    grant = queries.get_grant(store, "depth_override", dataset_id)
    assert grant["by"] == "olga" and "collapse" in grant["justification"]
    assert queries.audit_frame(store, "grant.").iloc[0]["object"] == f"dataset:{dataset_id}"


def test_generation_is_kept_all_or_nothing(store, monkeypatch):
    admin = _admin(store)
    source = store.add_dataset(admin, NewDataset("people", FRAME))
    parts = [NewDataset(n, FRAME.head(2), kind="real", parent_id=source) for n in ("train", "holdout")]
    synthetic = [
        NewDataset("syn", FRAME.assign(age=[31, 42, 53]), kind="synthetic", parent_id=source, depth=1)
    ]
    train_id, holdout_id, (syn_id,) = store.add_generation(admin, *parts, synthetic)
    record = queries.get_dataset(store, syn_id)
    assert (record.train_id, record.holdout_id) == (train_id, holdout_id)

    real_insert = store._insert_dataset
    calls = []

    def failing_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("crash while writing")
        return real_insert(*args, **kwargs)

    monkeypatch.setattr(store, "_insert_dataset", failing_third)
    before = len(queries.list_datasets(store))
    files_before = sorted((store.artifact_root / "datasets").iterdir())
    with pytest.raises(RuntimeError):
        store.add_generation(
            admin, *parts, [NewDataset("syn2", FRAME.assign(age=[1, 2, 3]), kind="synthetic", depth=1)]
        )
    assert len(queries.list_datasets(store)) == before
    assert sorted((store.artifact_root / "datasets").iterdir()) == files_before


def test_cleanup_spares_files_another_dataset_uses(store):
    admin = _admin(store)
    dataset_id = store.add_dataset(admin, NewDataset("people", FRAME))
    used = queries.get_dataset(store, dataset_id).artifact_path
    stray = store.artifact_root / "datasets" / "stray.parquet"
    stray.write_bytes(b"left by a failed import")
    store._remove_unused([used, "datasets/stray.parquet"])
    assert (store.artifact_root / used).exists() and not stray.exists()


def test_a_committed_import_restores_a_file_removed_meanwhile(store, monkeypatch):
    admin = _admin(store)
    real_insert = store._insert_dataset

    def insert_while_another_replica_cleans_up(conn, actor, new, sha, relative, *rest):
        (store.artifact_root / relative).unlink()  # the other replica's failed import removes "its" file
        return real_insert(conn, actor, new, sha, relative, *rest)

    monkeypatch.setattr(store, "_insert_dataset", insert_while_another_replica_cleans_up)
    dataset_id = store.add_dataset(admin, NewDataset("people", FRAME))
    pd.testing.assert_frame_equal(queries.load_frame(store, dataset_id), FRAME)


def test_every_setting_the_code_writes_is_a_known_key():
    from reviews.lineage import depth_limit
    from reviews.queries.evaluations import GATES_SETTING
    from reviews.store.settings import SETTINGS
    from reviews.workspace import dp_requirement, inspection_pace

    written = {depth_limit.SETTING, GATES_SETTING, dp_requirement.SETTING, inspection_pace.SETTING}
    assert written == set(SETTINGS)
