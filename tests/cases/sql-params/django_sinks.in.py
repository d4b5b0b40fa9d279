from django.db import connection
from django.db.models.expressions import RawSQL

from shop.models import Product


def by_name(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM shop_product WHERE name = '" + name + "' AND code LIKE 'A%'")
        return cursor.fetchall()


def raw(name):
    return Product.objects.raw(f"SELECT * FROM shop_product WHERE name = '{name}'")


def annotated(qs, tag, limit):
    return qs.annotate(n=RawSQL("SELECT COUNT(*) FROM shop_tag WHERE tag = '" + tag + "' AND n < %s", (limit,)))
