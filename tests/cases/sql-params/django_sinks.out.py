from django.db import connection
from django.db.models.expressions import RawSQL

from shop.models import Product


def by_name(name):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM shop_product WHERE name = %s AND code LIKE 'A%%'", (name,)
        )
        return cursor.fetchall()


def raw(name):
    return Product.objects.raw(
        "SELECT * FROM shop_product WHERE name = %s", [str(name)]
    )


def annotated(qs, tag, limit):
    return qs.annotate(n=RawSQL(
        "SELECT COUNT(*) FROM shop_tag WHERE tag = %s AND n < %s", (tag, limit)
    ))
