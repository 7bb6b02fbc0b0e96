"""review rounds, responses, flags, models, acceptance, inspections

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('inspections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dataset_id', sa.Integer(), nullable=False),
    sa.Column('rows', sa.JSON(), nullable=False),
    sa.Column('min_lower', sa.Float(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['dataset_id'], ['datasets.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspections_dataset_id'), ['dataset_id'], unique=False)

    op.create_table('review_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dataset_id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('k', sa.Integer(), nullable=False),
    sa.Column('overlap', sa.Integer(), nullable=False),
    sa.Column('batch_size', sa.Integer(), nullable=False),
    sa.Column('blind_items', sa.Integer(), server_default='0', nullable=False),
    sa.Column('current_batch', sa.Integer(), server_default='0', nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['dataset_id'], ['datasets.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('review_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_rounds_dataset_id'), ['dataset_id'], unique=False)

    op.create_table('acceptance_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('dataset_id', sa.Integer(), nullable=False),
    sa.Column('accepted_dataset_id', sa.Integer(), nullable=False),
    sa.Column('threshold', sa.Float(), nullable=False),
    sa.Column('min_flags', sa.Integer(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['accepted_dataset_id'], ['datasets.id'], ),
    sa.ForeignKeyConstraint(['dataset_id'], ['datasets.id'], ),
    sa.ForeignKeyConstraint(['round_id'], ['review_rounds.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('inspection_verdicts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('row', sa.Integer(), nullable=False),
    sa.Column('reviewer', sa.String(length=64), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('inspection_verdicts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_verdicts_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('review_tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('batch', sa.Integer(), nullable=False),
    sa.Column('task_key', sa.String(length=64), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('rows', sa.JSON(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['round_id'], ['review_rounds.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('round_id', 'task_key', name='uq_review_tasks_round_key')
    )
    with op.batch_alter_table('review_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_tasks_round_id'), ['round_id'], unique=False)

    op.create_table('round_models',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('batch', sa.Integer(), nullable=False),
    sa.Column('n_pairs', sa.Integer(), nullable=False),
    sa.Column('weights', sa.JSON(), nullable=False),
    sa.Column('scores', sa.JSON(), nullable=False),
    sa.Column('fitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['review_rounds.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('round_models', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_models_round_id'), ['round_id'], unique=False)

    op.create_table('review_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('reviewer', sa.String(length=64), nullable=False),
    sa.Column('answer', sa.JSON(), nullable=False),
    sa.Column('time_spent_ms', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['review_rounds.id'], ),
    sa.ForeignKeyConstraint(['task_id'], ['review_tasks.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('review_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_responses_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_responses_task_id'), ['task_id'], unique=False)

    op.create_table('task_assignments',
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('reviewer', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['review_tasks.id'], ),
    sa.PrimaryKeyConstraint('task_id', 'reviewer')
    )
    op.create_table('row_flags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('reviewer', sa.String(length=64), nullable=False),
    sa.Column('row', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=False),
    sa.Column('note', sa.Text(), server_default='', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['review_responses.id'], ),
    sa.ForeignKeyConstraint(['round_id'], ['review_rounds.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('row_flags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_row_flags_round_id'), ['round_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('row_flags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_row_flags_round_id'))

    op.drop_table('row_flags')
    op.drop_table('task_assignments')
    with op.batch_alter_table('review_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_responses_task_id'))
        batch_op.drop_index(batch_op.f('ix_review_responses_round_id'))

    op.drop_table('review_responses')
    with op.batch_alter_table('round_models', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_models_round_id'))

    op.drop_table('round_models')
    with op.batch_alter_table('review_tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_tasks_round_id'))

    op.drop_table('review_tasks')
    with op.batch_alter_table('inspection_verdicts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_verdicts_inspection_id'))

    op.drop_table('inspection_verdicts')
    op.drop_table('acceptance_decisions')
    with op.batch_alter_table('review_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_rounds_dataset_id'))

    op.drop_table('review_rounds')
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspections_dataset_id'))

    op.drop_table('inspections')
