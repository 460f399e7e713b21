; pymongo: {"$where": code} runs JavaScript on the server for every document.
((pair
   key: (string) @_where
   value: (_) @sink.arg) @sink.call
 (#match? @_where "^[\"']\\$where[\"']$")
 (#set! unguarded.sink "$where")
 (#set! unguarded.rule "nosql-injection"))

; A whole request document used as the filter: collection.find(request.json) lets the
; client send operators ({"password": {"$ne": ""}}) and $where.
((call
   function: (attribute
     object: (_) @_collection
     attribute: (identifier) @_method)
   arguments: (argument_list
     . [(identifier) (attribute) (subscript) (call)] @sink.arg)) @sink.call
 (#any-of? @_method "find" "find_one" "find_one_and_update" "find_one_and_delete"
   "find_one_and_replace" "update_one" "update_many" "delete_one" "delete_many"
   "replace_one" "count_documents")
 (#match? @_collection "(?i)(^|\\.)(db|mongo)\\.|collection|(^|_)coll?$|_col$")
 (#set! unguarded.rule "nosql-injection"))

; A filter field taken straight from the request: {"password": data["password"]} can be
; an operator object instead of a string.
((call
   function: (attribute
     object: (_) @_collection
     attribute: (identifier) @_method)
   arguments: (argument_list
     . (dictionary
         (pair
           key: (string) @_key
           value: [(identifier) (attribute) (subscript)] @sink.arg)))) @sink.call
 (#any-of? @_method "find" "find_one" "find_one_and_update" "find_one_and_delete"
   "find_one_and_replace" "update_one" "update_many" "delete_one" "delete_many"
   "replace_one" "count_documents")
 (#match? @_collection "(?i)(^|\\.)(db|mongo)\\.|collection|(^|_)coll?$|_col$")
 (#not-match? @_key "^[\"']\\$")
 (#set! unguarded.rule "nosql-injection"))
