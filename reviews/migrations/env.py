"""Alembic environment: runs migrations on the engine handed over by ``reviews.workspace.db``."""

from alembic import context

from reviews.workspace.db import WRITE
from reviews.workspace.schema import metadata

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    # A migration writes: on SQLite it takes the write lock first, so two starting processes queue.
    connection.execution_options(**{WRITE: True})
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
