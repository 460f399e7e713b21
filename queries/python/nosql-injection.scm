; pymongo: {"$where": code} runs JavaScript on the server for every document.
((pair
   key: (string) @_where
   value: (_) @sink.arg) @sink.call
 (#match? @_where "^[\"']\\$where[\"']$")
 (#set! unguarded.sink "$where")
 (#set! unguarded.rule "nosql-injection"))

; A whole request document used as the filter: collection.find(request.json) lets the
; client send operators ({"password": {"$ne": ""}}) and $where. A collection is named like
; one, or reached from a client or database (built by MongoClient/PyMongo or named db/mongo)
; by attributes, subscripts and get_database/get_collection, here or where a name was
; assigned: events = mongo.analytics.events; orders = db["orders"].
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_method)
   arguments: (argument_list
     . [(identifier) (attribute) (subscript) (call)] @sink.arg)) @sink.call
 (#any-of? @_method "find" "find_one" "find_one_and_update" "find_one_and_delete"
   "find_one_and_replace" "update_one" "update_many" "delete_one" "delete_many"
   "replace_one" "count_documents")
 (#set! unguarded.receiver "MongoClient,AsyncIOMotorClient,MotorClient,PyMongo,Collection,AsyncIOMotorCollection")
 (#set! unguarded.receiver_name "(?i)collection|(^|_)coll?$|_col$|^(db|mongo|mongo_?db|database)$")
 (#set! unguarded.receiver_via "get_database,get_collection,get_default_database")
 (#set! unguarded.rule "nosql-injection"))

; A filter field taken straight from the request: {"password": data["password"]} can be
; an operator object instead of a string. Not a query-string or form value, which is always
; a string (policy "string-field", followed through local assignments).
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_method)
   arguments: (argument_list
     . (dictionary
         (pair
           key: (string) @_key
           value: [(identifier) (attribute) (subscript)] @sink.arg)))) @sink.call
 (#any-of? @_method "find" "find_one" "find_one_and_update" "find_one_and_delete"
   "find_one_and_replace" "update_one" "update_many" "delete_one" "delete_many"
   "replace_one" "count_documents")
 (#set! unguarded.receiver "MongoClient,AsyncIOMotorClient,MotorClient,PyMongo,Collection,AsyncIOMotorCollection")
 (#set! unguarded.receiver_name "(?i)collection|(^|_)coll?$|_col$|^(db|mongo|mongo_?db|database)$")
 (#set! unguarded.receiver_via "get_database,get_collection,get_default_database")
 (#not-match? @_key "^[\"']\\$")
 (#set! unguarded.policy "string-field")
 (#set! unguarded.rule "nosql-injection"))

; The same filter field read inline with a mapping's .get()/.pop(): {"sku": criteria.get("sku")}
; is whatever the JSON held ({"$ne": null}), like criteria["sku"]. A query-string or form
; value (request.args.get("sku")) is always a string (policy "string-field").
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_method)
   arguments: (argument_list
     . (dictionary
         (pair
           key: (string) @_key
           value: (call
             function: (attribute attribute: (identifier) @_getter)) @sink.arg)))) @sink.call
 (#any-of? @_method "find" "find_one" "find_one_and_update" "find_one_and_delete"
   "find_one_and_replace" "update_one" "update_many" "delete_one" "delete_many"
   "replace_one" "count_documents")
 (#any-of? @_getter "get" "pop")
 (#set! unguarded.receiver "MongoClient,AsyncIOMotorClient,MotorClient,PyMongo,Collection,AsyncIOMotorCollection")
 (#set! unguarded.receiver_name "(?i)collection|(^|_)coll?$|_col$|^(db|mongo|mongo_?db|database)$")
 (#set! unguarded.receiver_via "get_database,get_collection,get_default_database")
 (#not-match? @_key "^[\"']\\$")
 (#set! unguarded.policy "string-field")
 (#set! unguarded.rule "nosql-injection"))

; A whole request document used as the update: collection.update_one(flt, request.json)
; lets the client send any operator ({"$set": {"role": "admin"}}, {"$unset": ...}) on any
; field; a replacement taken whole writes any field. A literal update document
; ({"$set": {"name": name}}) names its own operators and fields: not this pattern.
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_method)
   arguments: (argument_list
     . (_)
     . [(identifier) (attribute) (subscript) (call) (await)] @sink.arg)) @sink.call
 (#any-of? @_method "update_one" "update_many" "find_one_and_update" "replace_one"
   "find_one_and_replace")
 (#set! unguarded.receiver "MongoClient,AsyncIOMotorClient,MotorClient,PyMongo,Collection,AsyncIOMotorCollection")
 (#set! unguarded.receiver_name "(?i)collection|(^|_)coll?$|_col$|^(db|mongo|mongo_?db|database)$")
 (#set! unguarded.receiver_via "get_database,get_collection,get_default_database")
 (#set! unguarded.sink "the update document of update_one()/update_many()/find_one_and_update()/replace_one()")
 (#set! unguarded.rule "nosql-injection"))
