"""Near-duplicate documents: a fingerprint of each document's body (MinHash) and, for a copy of a
stored document (another format, a syndicated copy, a second crawl), the document it copies.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fingerprint', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('duplicate_of', sa.Integer(), nullable=True))
        batch_op.create_index('ix_documents_duplicate_of', ['duplicate_of'], unique=False)
        batch_op.create_foreign_key('fk_documents_duplicate_of', 'documents', ['duplicate_of'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_constraint('fk_documents_duplicate_of', type_='foreignkey')
        batch_op.drop_index('ix_documents_duplicate_of')
        batch_op.drop_column('duplicate_of')
        batch_op.drop_column('fingerprint')
