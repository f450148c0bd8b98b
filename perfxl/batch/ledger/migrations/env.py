"""Alembic environment for the ledger. Run by `perfxl.batch.ledger.store.migrate` with a connection
in `config.attributes["connection"]`; for hand use, set `sqlalchemy.url` on the Config instead.
"""

from alembic import context
from sqlalchemy import create_engine

from perfxl.batch.ledger.models import Base

VERSION_TABLE = "perfxl_ledger_version"


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        version_table=VERSION_TABLE,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


config = context.config
connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        _run(conn)
