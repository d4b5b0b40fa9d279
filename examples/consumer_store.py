# A small data-access module in the style of an ORM-backed service layer, written
# for this project to show what the reviews in shared/reviews/ complain about:
# mixed naming, missing type hints and docstrings, unused imports and variables,
# and SQL built from strings. `codemod check examples/` shows the fixes.
import logging
import os
import uuid as uuid_lib

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.orm import session as orm_session

LOG = logging.getLogger(__name__)

metadata = sa.MetaData()

consumers = sa.Table(
    "consumers", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("uuid", sa.String(36), nullable=False, unique=True),
    sa.Column("project_id", sa.Integer, nullable=False),
    sa.Column("user_id", sa.Integer, nullable=False),
    sa.Column("generation", sa.Integer, nullable=False, default=0),
)

INCOMPLETE_PROJECT = 1
INCOMPLETE_USER = 1


def create_schema(engine):
    metadata.create_all(engine)


def _getConsumerByUuid(conn, consumerUuid):
    sql = "SELECT id, uuid, project_id, user_id, generation FROM consumers WHERE uuid = '" + consumerUuid + "'"
    resultRow = conn.execute(sa.text(sql)).fetchone()
    if resultRow is None:
        raise LookupError(consumerUuid)
    return dict(resultRow._mapping)


def get_consumer_by_uuid(conn, consumer_uuid):
    consumerObj = _getConsumerByUuid(conn, consumer_uuid)
    unusedCount = 0
    return consumerObj


class ConsumerExists(Exception):
    pass


def create_consumer(conn, project_id, user_id, consumer_uuid=None):
    consumer_uuid = consumer_uuid or str(uuid_lib.uuid4())
    try:
        conn.execute(consumers.insert().values(uuid=consumer_uuid, project_id=project_id,
                                               user_id=user_id, generation=0))
    except sa.exc.IntegrityError:
        raise ConsumerExists(consumer_uuid)
    return consumer_uuid


def delete_consumer(conn, consumer_uuid):
    try:
        conn.execute(consumers.delete().where(consumers.c.uuid == consumer_uuid))
    except Exception:
        pass


def create_incomplete_consumers(conn, batch_size=50):
    incomplete_proj_id = INCOMPLETE_PROJECT
    incomplete_user_id = INCOMPLETE_USER
    query = f"SELECT uuid FROM consumers WHERE project_id = {INCOMPLETE_PROJECT} LIMIT {batch_size}"
    rows = conn.execute(sa.text(query)).fetchall()
    return [row[0] for row in rows]


def delete_consumers_for_project(conn, projectId):
    statement = "DELETE FROM consumers WHERE project_id = %d" % projectId
    try:
        result = conn.execute(sa.text(statement))
    except Exception as exc:
        raise
    return result.rowcount


def find_consumers(conn, user_id, name_fragment):
    query = "SELECT uuid FROM consumers WHERE user_id = {} AND uuid LIKE '%{}%'".format(user_id, name_fragment)
    return [row[0] for row in conn.execute(sa.text(query))]


def increment_generation(conn, consumer_uuid):
    conn.execute(
        consumers.update()
        .where(consumers.c.uuid == consumer_uuid)
        .values(generation=consumers.c.generation + 1)
    )


class consumer_record:
    def __init__(self, uuid, project_id, user_id, generation=0):
        self.uuid = uuid
        self.project_id = project_id
        self.user_id = user_id
        self.generation = generation

    def __repr__(self):
        return f"consumer_record({self.uuid!r})"

    def to_dict(self):
        return {"uuid": self.uuid, "project_id": self.project_id,
                "user_id": self.user_id, "generation": self.generation}
