"""Counts the SQL statements of each request into an ``X-Bench-SQL`` header.

Bench-only (both bench/project and bench/peer list it first in MIDDLEWARE): the benchmark reads
the header of one probe request per scenario. An execute wrapper counts what reaches the
database without DEBUG's query log, which would itself grow the worker's memory.
"""

from django.db import connections


class SQLCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counting(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counting):
            response = self.get_response(request)
        response["X-Bench-SQL"] = str(count)
        return response
