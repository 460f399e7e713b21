; DB-API cursors and connections (sqlite3, psycopg, MySQLdb, Django's cursor) and
; SQLAlchemy's exec_driver_sql run the SQL string they are given.
; The receiver must be a database object: built by connect()/cursor()/create_engine()...
; or named like one (a management command's .execute() runs no SQL).
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_method)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_method "execute" "executemany" "executescript" "exec_driver_sql" "mogrify")
 (#set! unguarded.receiver "cursor,connect,Connection,create_engine,Session,sessionmaker,begin,scoped_session,AsyncSession,create_async_engine")
 (#set! unguarded.receiver_name "(?i)(^|_)(cur\\w*|cursor|conn\\w*|con|db|database|session|engine|tx|transaction|trans|sqlite\\w*|pg|mysql|sql\\w*|c|dbc|get_db|get_conn\\w*|get_cursor)$")
 (#set! unguarded.rule "sql-injection"))

; Wrappers applications put around a connection (pgAdmin's conn.execute_dict/execute_scalar/
; execute_void/execute_2darray) run the SQL they are given too. Their names are the
; project's own, so only when the argument visibly starts as SQL ("SELECT ... " + x,
; "... {0}".format(x)): SQL rendered from a template file (render_template(...)) is
; escaped by the template's filters, which the analysis does not see.
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_method)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_method "execute_many" "execute_dict" "execute_scalar" "execute_void" "execute_2darray")
 (#set! unguarded.receiver "cursor,connect,Connection")
 (#set! unguarded.receiver_name "(?i)(^|_)(cur\\w*|cursor|conn\\w*|con|db|database|session|pg|sql\\w*|c|dbc)$")
 (#set! unguarded.sql_text "start")
 (#set! unguarded.rule "sql-injection"))

; Django: Model.objects.raw(sql).
((call
   function: (attribute
     object: (_) @_manager
     attribute: (identifier) @_method)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_method "raw")
 (#match? @_manager "objects|[Mm]anager|[Qq]uery[Ss]et")
 (#set! unguarded.rule "sql-injection"))

; Peewee: db.execute_sql(sql), Model.raw(sql), SQL(sql) in a query; Tortoise ORM:
; connection.execute_query(sql), execute_query_dict, execute_script. The names are
; generic, so only when the argument visibly starts as SQL ("SELECT ..." + x, f"... {x}")
; (Peewee's SQL imported from peewee is the pattern below, without that condition).
((call
   function: [(attribute attribute: (identifier) @_method)
              (identifier) @_method]
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_method "execute_sql" "raw" "SQL" "execute_query" "execute_query_dict" "execute_script")
 (#set! unguarded.sql_text "start")
 (#set! unguarded.rule "sql-injection"))

; Peewee's SQL(text) imported from peewee (`from peewee import SQL`, `pw.SQL`): the text goes
; into the statement the query builder emits as it is, so a fragment is a sink too:
; .where(SQL(f"dept = '{d}'")), .order_by(SQL(column)). Its parameters (SQL(text, [v]))
; are bound.
((call
   function: [(identifier) @_sql
              (attribute attribute: (identifier) @_sql)]
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_sql "SQL")
 (#set! unguarded.imported_from "peewee,playhouse")
 (#set! unguarded.rule "sql-injection"))

; Django: QuerySet.extra(where=[...], select={...}, tables=[...]).
((call
   function: (attribute
     attribute: (identifier) @_method)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_keyword
       value: (_) @sink.arg))) @sink.call
 (#eq? @_method "extra")
 (#any-of? @_keyword "where" "select" "tables" "order_by")
 (#set! unguarded.rule "sql-injection"))

; SQLAlchemy text(sql) and literal_column(sql): raw SQL inside a statement. Only when the
; name comes from SQLAlchemy (`from sqlalchemy import text`, `sa.text`, Flask-SQLAlchemy's
; `db.text`): Sanic's `response.text(body)` is a response, not SQL.
((call
   function: [(identifier) @_text
              (attribute attribute: (identifier) @_text)]
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_text "text" "literal_column")
 (#set! unguarded.imported_from "sqlalchemy,sqlmodel,flask_sqlalchemy")
 (#set! unguarded.receiver_name "^(db|sa|sql|sqlalchemy|expression)$")
 (#set! unguarded.rule "sql-injection"))

; pandas read_sql(sql, con) and Django's RawSQL(sql).
((call
   function: [(identifier) @_text
              (attribute attribute: (identifier) @_text)]
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_text "read_sql" "read_sql_query" "RawSQL")
 (#set! unguarded.rule "sql-injection"))

; asyncpg and databases: conn.fetch/fetchrow/fetchval(sql) run the SQL string.
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_method)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_method "fetch" "fetchrow" "fetchval" "fetch_all" "fetch_one" "fetch_val")
 (#set! unguarded.receiver "connect,acquire,create_pool,Database,Connection")
 (#set! unguarded.receiver_name "(?i)(^|_)(conn\\w*|con|db|database|pool|tx|transaction|pg|asyncpg)$")
 (#set! unguarded.rule "sql-injection"))
