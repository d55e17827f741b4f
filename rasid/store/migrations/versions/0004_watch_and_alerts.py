"""Watching sources and alerting: per-source poll state, the items already handled, and the alerts
(one per rule and event).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'watch_sources',
        sa.Column('source', sa.String(length=2000), nullable=False),
        sa.Column('etag', sa.String(length=500), nullable=True),
        sa.Column('last_modified', sa.String(length=100), nullable=True),
        sa.Column('last_poll', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_success', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('next_poll', sa.DateTime(timezone=True), nullable=True),
        sa.Column('items', sa.Integer(), nullable=False),
        sa.Column('errors', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('source'),
    )
    op.create_table(
        'watch_items',
        sa.Column('source', sa.String(length=2000), nullable=False),
        sa.Column('item', sa.String(length=2000), nullable=False),
        sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('source', 'item'),
    )
    op.create_table(
        'alerts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('rule', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('incident_id', sa.Integer(), nullable=True),
        sa.Column('figure', sa.Integer(), nullable=True),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('rule', 'event_id', 'kind'),
    )
    op.create_table(
        'alert_marks',
        sa.Column('rule', sa.String(length=200), nullable=False),
        sa.Column('last_event_id', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('rule'),
    )
    op.create_index('ix_alerts_rule', 'alerts', ['rule'])
    op.create_index('ix_alerts_event_id', 'alerts', ['event_id'])
    op.create_index('ix_alerts_status', 'alerts', ['status'])
    op.create_index('ix_alerts_incident_id', 'alerts', ['incident_id'])


def downgrade() -> None:
    op.drop_table('alert_marks')
    op.drop_table('alerts')
    op.drop_table('watch_items')
    op.drop_table('watch_sources')
