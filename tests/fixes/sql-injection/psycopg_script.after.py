#!/usr/bin/env python3
"""Report tool on PostgreSQL (psycopg2): %s placeholders, and a literal % must be doubled."""
import sys

import psycopg2

conn = psycopg2.connect("dbname=shop")


def orders_for(customer):
    with conn.cursor() as cur:
        cur.execute("SELECT id FROM orders WHERE customer = %s AND note NOT LIKE '%%test%%'", (customer,))
        return cur.fetchall()


def discounted(code):
    with conn.cursor() as cur:
        cur.execute(
            """
            SELECT sku, price * 0.9 AS price
            FROM products
            WHERE promo_code = %s AND name LIKE '%%sale%%'
            """,
            (code,)
        )
        return cur.fetchall()


if __name__ == "__main__":
    print(orders_for(sys.argv[1]))
    print(discounted(input("promo code: ")))
