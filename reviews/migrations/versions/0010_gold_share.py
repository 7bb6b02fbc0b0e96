"""review rounds carry the share of gold tasks mixed into each batch

Revision ID: 0010
Revises: 0007
Create Date: 2026-11-29
"""

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0007'
branch_labels = None
depends_on = None


# Plain ALTER TABLE rather than a batch copy: review_tasks refers to review_rounds, and SQLite
# refuses to drop a referenced table that holds rows (SQLite has had DROP COLUMN since 3.35).


def upgrade() -> None:
    # Rounds opened before gold tasks existed had none.
    op.add_column('review_rounds', sa.Column('gold_share', sa.Float(), server_default='0', nullable=False))


def downgrade() -> None:
    op.drop_column('review_rounds', 'gold_share')
