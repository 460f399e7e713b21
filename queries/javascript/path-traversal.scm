; fs reads, writes and deletes whatever path it is given.
((call_expression
   function: [(identifier) @_function
              (member_expression property: (property_identifier) @_function)]
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_function "readFile" "readFileSync" "createReadStream" "writeFile" "writeFileSync"
   "createWriteStream" "appendFile" "appendFileSync" "unlink" "unlinkSync" "rm" "rmSync"
   "readdir" "readdirSync" "open" "openSync" "copyFile" "copyFileSync" "outputFile" "readJson"
   "readJSON" "remove")
 (#set! unguarded.module "fs,fs/promises,node:fs,node:fs/promises,fs-extra")
 (#set! unguarded.rule "path-traversal"))

; Express res.sendFile/res.download serve a file by path; { root } confines it.
((call_expression
   function: (member_expression
     object: (identifier) @_response
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_response "res" "response" "reply")
 (#any-of? @_method "sendFile" "download" "sendfile")
 (#set! unguarded.safe_key "root")
 (#set! unguarded.rule "path-traversal"))
