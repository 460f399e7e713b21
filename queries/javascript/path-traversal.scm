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

; Bun's file API: Bun.file(path) opens, Bun.write(path, data) writes the file it names.
; `Bun` is the runtime's global object.
((call_expression
   function: (member_expression
     object: (identifier) @_bun
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_bun "Bun")
 (#any-of? @_method "file" "write")
 (#set! unguarded.rule "path-traversal"))

; Deno's file system functions on the `Deno` global read, write, open and delete by path.
((call_expression
   function: (member_expression
     object: (identifier) @_deno
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_deno "Deno")
 (#any-of? @_method "readFile" "readFileSync" "readTextFile" "readTextFileSync" "open"
   "openSync" "create" "createSync" "writeFile" "writeFileSync" "writeTextFile"
   "writeTextFileSync" "remove" "removeSync" "readDir" "readDirSync" "copyFile"
   "copyFileSync" "truncate" "truncateSync")
 (#set! unguarded.rule "path-traversal"))

; Azure Storage: blobClient.downloadToFile(localPath) writes the blob to a local path.
((call_expression
   function: (member_expression
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_method "downloadToFile")
 (#set! unguarded.rule "path-traversal"))

; AdonisJS: response.attachment(path, name) streams the file at the path (Express's
; res.attachment(name) only sets a header: only in files that use AdonisJS).
((call_expression
   function: (member_expression
     object: (identifier) @_response
     property: (property_identifier) @_method)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_response "response" "res")
 (#eq? @_method "attachment")
 (#set! unguarded.file_module "@adonisjs/core/http,@ioc:Adonis/Core/HttpContext,@adonisjs/core/build/standalone")
 (#set! unguarded.rule "path-traversal"))

; node-tar: tar.x({ file, cwd }) / tar.extract(...) reads the archive at `file` and writes
; into the folder `cwd` (member names are kept inside it unless preservePaths is set).
((call_expression
   function: (member_expression
     object: (identifier) @_tar
     property: (property_identifier) @_extract)
   arguments: (arguments
     . (object
         (pair
           key: (property_identifier) @_key
           value: (_) @sink.arg)))) @sink.call
 (#any-of? @_extract "x" "extract")
 (#any-of? @_key "cwd" "C" "file" "f")
 (#set! unguarded.module "tar")
 (#set! unguarded.rule "path-traversal"))

; archiver: archive.file(path, { name }) / archive.directory(path, dest) read the file or
; folder at `path` into the archive sent away (an archive built by archiver(...)).
((call_expression
   function: (member_expression
     object: (_) @sink.receiver
     property: (property_identifier) @_add)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_add "file" "directory")
 (#set! unguarded.file_module "archiver")
 (#set! unguarded.receiver "archiver,archiver.create")
 (#set! unguarded.rule "path-traversal"))
