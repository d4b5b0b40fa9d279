class HTTPBadRequest(Exception):
    pass


def allocate(consumer_uuid, allocate_inventory):
    try:
        allocate_inventory()
    except ValueError as exc:
        raise HTTPBadRequest(
            "Unable to allocate inventory for consumer %(consumer_uuid)s: "
            "%(error)s" % {"consumer_uuid": consumer_uuid, "error_message": exc})


def allocate_unnamed(consumer_uuid, allocate_inventory):
    try:
        allocate_inventory()
    except KeyError:
        raise HTTPBadRequest(
            "Unable to allocate inventory for consumer %(consumer_uuid)s: "
            "%(error)s" % {"consumer_uuid": consumer_uuid, "error_message": "absent"})
