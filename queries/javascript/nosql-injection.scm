; MongoDB { $where: code } runs JavaScript on the server for every document.
((pair
   key: [(property_identifier) (string)] @_where
   value: (_) @sink.arg) @sink.call
 (#match? @_where "^[\"'`]?\\$where[\"'`]?$")
 (#set! unguarded.sink "$where")
 (#set! unguarded.controls "code-injection")
 (#set! unguarded.rule "nosql-injection"))

; Mongoose Model.$where(code) / query.$where(code). (Both are JavaScript source: the
; controls are code injection's, not the string conversions that keep operators out.)
((call_expression
   function: (member_expression property: (property_identifier) @_where)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_where "$where")
 (#set! unguarded.controls "code-injection")
 (#set! unguarded.rule "nosql-injection"))

; A whole request object as the filter: User.find(req.query) lets the client send
; operators ({"password": {"$ne": ""}}) and $where, also with a default for when it is
; missing (User.find(req.body.filter ?? {})). Collections and models only: built by
; collection()/model(), or named like one (User, usersCollection, this.userModel). A call
; or an awaited value written in place is the same value as through a name
; (Review.find(JSON.parse(args.filterJson))).
((call_expression
   function: (member_expression
     object: (_) @sink.receiver
     property: (property_identifier) @_method)
   arguments: (arguments
     . [(identifier) @sink.arg
        (member_expression) @sink.arg
        (subscript_expression) @sink.arg
        (call_expression) @sink.arg
        (await_expression) @sink.arg
        (binary_expression
          left: [(identifier) (member_expression) (subscript_expression)] @sink.arg
          operator: ["??" "||"]
          right: (object))])) @sink.call
 (#any-of? @_method "find" "findOne" "findOneAndUpdate" "findOneAndDelete" "findOneAndRemove"
   "findOneAndReplace" "updateOne" "updateMany" "deleteOne" "deleteMany" "replaceOne"
   "countDocuments" "exists")
 (#set! unguarded.receiver "collection,model")
 (#set! unguarded.receiver_name "^[A-Z][a-z]\\w*$|(?i:collection|coll|model)$")
 (#set! unguarded.rule "nosql-injection"))

; A filter field taken from the request: { email: req.body.email } can be an operator
; object instead of a string (express.json() and the qs query parser both build objects).
; Route parameters are always strings; ORM option keys (Sequelize/TypeORM `where`,
; `include`, ...) are not Mongo filters.
((call_expression
   function: (member_expression
     object: (_) @sink.receiver
     property: (property_identifier) @_method)
   arguments: (arguments
     . (object
         [(pair
            key: (property_identifier) @_key
            value: [(identifier) (member_expression) (subscript_expression)] @sink.arg)
          (shorthand_property_identifier) @sink.arg @_key]))) @sink.call
 (#any-of? @_method "find" "findOne" "findOneAndUpdate" "findOneAndDelete" "findOneAndRemove"
   "findOneAndReplace" "updateOne" "updateMany" "deleteOne" "deleteMany" "replaceOne"
   "countDocuments" "exists")
 (#not-match? @sink.arg "^(req|request|ctx)\\.params\\.")
 (#not-match? @_key "^(where|include|attributes|order|relations|select|limit|offset|skip|take|projection|sort|session)$")
 (#set! unguarded.receiver "collection,model")
 (#set! unguarded.receiver_name "^[A-Z][a-z]\\w*$|(?i:collection|coll|model)$")
 (#set! unguarded.rule "nosql-injection"))

; Mongoose Model.aggregate(pipeline): a $match stage is a filter like find()'s, so a value
; from the request there can carry operators and $where; a pipeline taken whole from the
; request can also hold $lookup, $out, $merge, ... (in files importing mongoose).
((call_expression
   function: (member_expression
     object: (_) @sink.receiver
     property: (property_identifier) @_method)
   arguments: (arguments
     . (array
         (object
           (pair
             key: [(property_identifier) (string)] @_match
             value: (_) @sink.arg))))) @sink.call
 (#eq? @_method "aggregate")
 (#match? @_match "^[\"']?\\$match[\"']?$")
 (#set! unguarded.file_module "mongoose")
 (#set! unguarded.receiver "model")
 (#set! unguarded.receiver_name "^[A-Z][a-z]\\w*$|(?i:model)$")
 (#set! unguarded.rule "nosql-injection"))

; ... a whole pipeline passed by name: Model.aggregate(req.body.pipeline).
((call_expression
   function: (member_expression
     object: (_) @sink.receiver
     property: (property_identifier) @_method)
   arguments: (arguments
     . [(identifier) (member_expression) (subscript_expression)] @sink.arg)) @sink.call
 (#eq? @_method "aggregate")
 (#set! unguarded.file_module "mongoose")
 (#set! unguarded.receiver "model")
 (#set! unguarded.receiver_name "^[A-Z][a-z]\\w*$|(?i:model)$")
 (#set! unguarded.rule "nosql-injection"))

; A whole request document used as the update: Model.updateOne(filter, req.body) lets the
; client send any operator ({ $set: { role: "admin" } }, $unset, $inc) on any field; a
; replacement taken whole writes any field. A literal update ({ $set: { name } }) names its
; own operators and fields: not this pattern.
((call_expression
   function: (member_expression
     object: (_) @sink.receiver
     property: (property_identifier) @_method)
   arguments: (arguments
     . (_)
     . [(identifier) (member_expression) (subscript_expression) (call_expression)
        (await_expression)] @sink.arg)) @sink.call
 (#any-of? @_method "updateOne" "updateMany" "findOneAndUpdate" "findByIdAndUpdate"
   "replaceOne" "findOneAndReplace")
 (#not-match? @sink.arg "^(req|request|ctx)\\.params\\.")
 (#set! unguarded.receiver "collection,model")
 (#set! unguarded.receiver_name "^[A-Z][a-z]\\w*$|(?i:collection|coll|model)$")
 (#set! unguarded.sink "the update document of updateOne()/updateMany()/findOneAndUpdate()/replaceOne()")
 (#set! unguarded.rule "nosql-injection"))
