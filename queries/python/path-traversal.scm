; open() reads or writes whatever path it is given.
((call
   function: (identifier) @_open
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_open "open")
 (#set! unguarded.rule "path-traversal"))

; io.open()/codecs.open() are the same function (other objects' .open() differ: tarfile,
; Image, a storage backend).
((call
   function: (attribute
     object: (identifier) @_module
     attribute: (identifier) @_open)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_module "io" "codecs" "aiofiles")
 (#eq? @_open "open")
 (#set! unguarded.rule "path-traversal"))

; Flask's send_file and Starlette/Django's FileResponse serve a file from a path.
((call
   function: [(identifier) @_send
              (attribute attribute: (identifier) @_send)]
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_send "send_file" "FileResponse")
 (#set! unguarded.rule "path-traversal"))

; pathlib: Path(p).read_text() and friends; the receiver carries the path.
((call
   function: (attribute
     object: (_) @sink.arg
     attribute: (identifier) @_method)) @sink.call
 (#any-of? @_method "read_text" "read_bytes" "write_text" "write_bytes")
 (#set! unguarded.rule "path-traversal"))

; Deleting or copying files by path.
((call
   function: (attribute
     object: (identifier) @_module
     attribute: (identifier) @_function)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_module "os" "shutil")
 (#any-of? @_function "remove" "unlink" "rmtree")
 (#set! unguarded.rule "path-traversal"))

; Path(p).open(): only on a value built by Path()/PurePath() (other .open() calls differ).
((call
   function: (attribute
     object: (call
       function: [(identifier) @_path
                  (attribute attribute: (identifier) @_path)]
       arguments: (argument_list . (_) @sink.arg))
     attribute: (identifier) @_method)) @sink.call
 (#any-of? @_path "Path" "PurePath" "PosixPath")
 (#eq? @_method "open")
 (#set! unguarded.rule "path-traversal"))

; Uploaded files: file.save(path) writes wherever the path points (Werkzeug FileStorage).
((call
   function: (attribute
     object: (_) @_file
     attribute: (identifier) @_save)
   arguments: (argument_list
     . [(identifier) (call) (binary_operator) (string) (attribute) (subscript)] @sink.arg)) @sink.call
 (#eq? @_save "save")
 (#not-match? @_file "^(self|super\\(\\)|form|serializer|instance|obj|model|image|img|im|fig|plt|wb|workbook|doc|document|session)$")
 (#set! unguarded.rule "path-traversal"))
