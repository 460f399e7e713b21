; mysql/mysql2/pg/sequelize/typeorm: .query(sql) and .execute(sql) run the SQL string.
((call_expression
   function: (member_expression
     object: (_) @_receiver
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_method "query" "execute" "raw" "unsafe")
 (#match? @_receiver "(?i)(db|conn|connection|pool|client|knex|sequelize|pg|mysql|sql|database|trx|transaction|tx|manager|repository|datasource|source|prisma)(\\(\\))?$")
 (#set! unguarded.rule "sql-injection"))

; sqlite3: db.run/all/get/each/exec/prepare(sql).
((call_expression
   function: (member_expression
     object: (_) @_receiver
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_method "run" "all" "get" "each" "exec" "prepare")
 (#match? @_receiver "(?i)(^|\\.)(db|database|sqlite|conn|connection)(\\(\\))?$")
 (#set! unguarded.rule "sql-injection"))

; knex raw fragments and Prisma's unsafe raw queries.
((call_expression
   function: (member_expression
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_method "whereRaw" "orderByRaw" "havingRaw" "joinRaw" "selectRaw" "fromRaw"
   "$queryRawUnsafe" "$executeRawUnsafe")
 (#set! unguarded.rule "sql-injection"))
