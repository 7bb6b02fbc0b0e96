"""inspection batches (who judged how many rows in how long, and how many by one marking action);
when an inspection closed

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: inspection_verdicts refers to inspections, so SQLite must not copy it.
    op.add_column("inspections", sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "inspection_batches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("inspection_id", sa.Integer(), sa.ForeignKey("inspections.id"), nullable=False),
        sa.Column("reviewer", sa.String(length=64), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("marked_rows", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("seconds", sa.Float(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_inspection_batches_inspection_id", "inspection_batches", ["inspection_id"])


def downgrade() -> None:
    op.drop_index("ix_inspection_batches_inspection_id", table_name="inspection_batches")
    op.drop_table("inspection_batches")
    op.drop_column("inspections", "closed_at")
