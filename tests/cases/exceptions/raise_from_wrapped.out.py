class ConsumerNotFound(Exception):
    pass


def get_consumer(session, consumer_uuid):
    try:
        return session.query_one(consumer_uuid)
    except KeyError as exc:
        raise ConsumerNotFound(
            "no consumer with the uuid %s in this project" % consumer_uuid
        ) from exc
