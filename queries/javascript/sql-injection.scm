; mysql/mysql2/pg/sequelize/typeorm: .query(sql) and .execute(sql) run the SQL string;
; AdonisJS Lucid: db.rawQuery(sql) / Database.rawQuery(sql).
((call_expression
   function: (member_expression
     object: (_) @_receiver
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_method "query" "execute" "raw" "unsafe" "rawQuery")
 (#match? @_receiver "(?i)(db|conn|connection|pool|client|knex|sequelize|pg|mysql|sql|database|trx|transaction|tx|manager|repository|datasource|source|prisma)(\\(\\))?$")
 (#set! unguarded.rule "sql-injection"))

; sqlite3 / better-sqlite3 / sqlite / bun:sqlite / node:sqlite: db.run/all/get/each/exec/
; prepare(sql). These method names are generic (lowdb's db.get(key), key-value stores), so
; the sink stands only when the receiver is built from an SQLite driver module, or the
; argument's constant start reads as SQL ("SELECT ...", `INSERT INTO ${t} ...`).
((call_expression
   function: (member_expression
     object: (_) @sink.receiver
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_method "run" "all" "get" "each" "exec" "prepare")
 (#match? @sink.receiver "(?i)(^|\\.)(db|database|sqlite|conn|connection)(\\(\\))?$")
 (#set! unguarded.sql_driver "sqlite3,better-sqlite3,sqlite,bun:sqlite,node:sqlite,@databases/sqlite,better-sqlite3-multiple-ciphers,libsql,@libsql/client")
 (#set! unguarded.rule "sql-injection"))

; knex raw fragments and Prisma's unsafe raw queries.
((call_expression
   function: (member_expression
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_method "whereRaw" "orderByRaw" "havingRaw" "joinRaw" "selectRaw" "fromRaw"
   "$queryRawUnsafe" "$executeRawUnsafe")
 (#set! unguarded.rule "sql-injection"))

; Sequelize.literal(sql) puts its text into the query unescaped.
((call_expression
   function: (member_expression
     object: (identifier) @_sequelize
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_sequelize "Sequelize" "sequelize")
 (#eq? @_method "literal")
 (#set! unguarded.rule "sql-injection"))

; TypeORM query builders: where/andWhere/orWhere/having(condition) take SQL text (values
; belong in the parameters object: `.where("u.id = :id", { id })`). Only on a receiver
; that is one: built by createQueryBuilder(...) or named like one (qb, builder,
; userQueryBuilder).
((call_expression
   function: (member_expression
     object: (_) @sink.receiver
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_method "where" "andWhere" "orWhere" "having" "andHaving" "orHaving")
 (#match? @sink.receiver "createQueryBuilder\\(|(^|\\.)(qb|[A-Za-z]*[Bb]uilder)$")
 (#set! unguarded.rule "sql-injection"))

; pg query config objects: client.query({ text, values }): only `text` is SQL.
((call_expression
   function: (member_expression
     object: (_) @_receiver
     property: (property_identifier) @_method)
   arguments: (arguments
     . (object
         (pair
           key: (property_identifier) @_key
           value: (_) @sink.arg)))) @sink.call
 (#any-of? @_method "query" "execute")
 (#any-of? @_key "text" "sql")
 (#match? @_receiver "(?i)(db|conn|connection|pool|client|pg|database|trx|tx)(\\(\\))?$")
 (#set! unguarded.rule "sql-injection"))

; TypeScript parses `await db.query<Row>(sql)` as a call of `await db.query`.
((call_expression
   function: (await_expression
     (member_expression
       object: (_) @_receiver
       property: (property_identifier) @_method))
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_method "query" "execute" "raw" "rawQuery" "$queryRawUnsafe" "$executeRawUnsafe")
 (#match? @_receiver "(?i)(db|conn|connection|pool|client|knex|sequelize|pg|mysql|sql|database|trx|transaction|tx|manager|repository|datasource|source|prisma)(\\(\\))?$")
 (#set! unguarded.rule "sql-injection"))

; Kysely and drizzle: sql.raw(text) and Kysely's sql.lit(value) put the string into the
; query as SQL, unescaped (the `sql` tag itself binds its values as parameters).
((call_expression
   function: (member_expression
     object: (identifier)
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_method "raw" "lit")
 (#set! unguarded.module "kysely,drizzle-orm,drizzle-orm/sql")
 (#set! unguarded.rule "sql-injection"))

; redbean-node: R.getAll/getRow/getCell/getCol/getAssoc/exec(sql, bindings) run the SQL text.
((call_expression
   function: (member_expression
     object: (identifier)
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_method "getAll" "getRow" "getCell" "getCol" "getAssoc" "getAssocRow" "exec")
 (#set! unguarded.module "redbean-node")
 (#set! unguarded.rule "sql-injection"))

; mssql (node-mssql): a Request made from a pool runs its text as T-SQL, pool.request().query(
; text) and .batch(text) (values belong in .input(name, value) and @name; the tagged
; template request.query`...${v}` binds them and has no arguments list).
((call_expression
   function: (member_expression
     object: (call_expression
       function: (member_expression
         property: (property_identifier) @_request)
       arguments: (arguments))
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_request "request")
 (#any-of? @_method "query" "batch")
 (#set! unguarded.rule "sql-injection"))

; ... the same Request kept in a variable: const dbRequest = pool.request() (or new
; sql.Request(pool), a name ending in Request); dbRequest.query(text). The receiver must be
; built from the mssql module, or the text must read as SQL.
((call_expression
   function: (member_expression
     object: (identifier) @sink.receiver
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_method "query" "batch")
 (#set! unguarded.receiver "request,Request,PreparedStatement")
 (#set! unguarded.receiver_name "(?i)request$")
 (#set! unguarded.sql_driver "mssql,mssql/msnodesqlv8")
 (#set! unguarded.rule "sql-injection"))

; TypeScript parses `await pool.request().query<Row>(text)` as a call of `await ...query`.
((call_expression
   function: (await_expression
     (member_expression
       object: (call_expression
         function: (member_expression
           property: (property_identifier) @_request)
         arguments: (arguments))
       property: (property_identifier) @_method))
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_request "request")
 (#any-of? @_method "query" "batch")
 (#set! unguarded.rule "sql-injection"))

; deno-postgres: client.queryObject(sql) / queryArray(sql) with a string (the tagged
; template form, queryObject`... ${x}`, sends the values as parameters).
((call_expression
   function: (member_expression
     property: (property_identifier) @_method)
   arguments: (arguments
     . [(template_string) (string) (identifier) (binary_expression) (member_expression)
        (call_expression)] @sink.arg)) @sink.call
 (#any-of? @_method "queryObject" "queryArray")
 (#set! unguarded.rule "sql-injection"))
