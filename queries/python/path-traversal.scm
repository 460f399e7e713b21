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

; pandas writers: df.to_csv(path), to_parquet, to_excel, ... write a file where the path
; points (a buffer or no argument writes none: only a value with an origin is reported).
((call
   function: (attribute
     attribute: (identifier) @_write)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_write "to_csv" "to_parquet" "to_excel" "to_feather" "to_pickle" "to_hdf"
   "to_stata" "to_orc")
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

; Uploaded files and images: file.save(path) writes wherever the path points. Decided by
; where the receiver comes from: an upload (request.files[...], request.files.get(...),
; request.FILES, a FileStorage/UploadFile parameter) or a PIL image (Image.open/new).
; `Preferences.save(mid, ...)` or `contents_manager.save(model, path)` on an application
; object writes no file at the path it is given.
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_save)
   arguments: (argument_list
     . [(identifier) (call) (binary_operator) (string) (attribute) (subscript)] @sink.arg)) @sink.call
 (#eq? @_save "save")
 (#set! unguarded.receiver "FileStorage,UploadFile,UploadedFile,InMemoryUploadedFile,TemporaryUploadedFile,Image.open,Image.new,Image.fromarray,Image.frombytes")
 (#set! unguarded.receiver_name "^(files|FILES)$")
 (#set! unguarded.receiver_via "get,getlist,convert,resize,crop,rotate,copy,transpose,thumbnail")
 (#set! unguarded.rule "path-traversal"))

; shutil copies, moves, archives and unpacks by path: both the source and the destination
; are paths a caller must not choose (`from shutil import copy` is respelled as shutil.copy).
((call
   function: (attribute
     object: (identifier) @_module
     attribute: (identifier) @_function)
   arguments: (argument_list . (_) @sink.arg . (_)? @sink.arg)) @sink.call
 (#eq? @_module "shutil")
 (#any-of? @_function "copy" "copy2" "copyfile" "copytree" "move" "unpack_archive")
 (#set! unguarded.rule "path-traversal"))

; shutil.make_archive(base_name, format, root_dir): where the archive goes, what it packs.
((call
   function: (attribute
     object: (identifier) @_module
     attribute: (identifier) @_function)
   arguments: (argument_list . (_) @sink.arg . (_) . (_)? @sink.arg)) @sink.call
 (#eq? @_module "shutil")
 (#eq? @_function "make_archive")
 (#set! unguarded.rule "path-traversal"))

; Sanic's response.file()/file_stream() serve the file at a path; only the names imported
; from sanic.response (`from sanic import response`, `from sanic.response import file`).
((call
   function: (attribute
     object: (attribute
       object: (identifier) @_sanic
       attribute: (identifier) @_response)
     attribute: (identifier) @_file)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_sanic "sanic")
 (#eq? @_response "response")
 (#any-of? @_file "file" "file_stream")
 (#set! unguarded.rule "path-traversal"))

; Litestar's File response serves the file at `path` (from litestar.response import File).
((call
   function: (attribute
     object: (_) @_module
     attribute: (identifier) @_file)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_path
       value: (_) @sink.arg))) @sink.call
 (#match? @_module "^(litestar|starlite)(\\.|$)")
 (#eq? @_file "File")
 (#eq? @_path "path")
 (#set! unguarded.rule "path-traversal"))

; boto3: s3.download_file(bucket, key, filename) writes the object to a local path;
; upload_file(filename, bucket, key) reads one and sends it away.
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_method)
   arguments: (argument_list . (_) . (_) . (_) @sink.arg)) @sink.call
 (#eq? @_method "download_file")
 (#set! unguarded.receiver "boto3.client,boto3.resource,session.client")
 (#set! unguarded.receiver_name "(?i)^(s3|s3_?client|s3_?conn|s3_?resource)$")
 (#set! unguarded.rule "path-traversal"))

; boto3 upload_file(filename, bucket, key): the local file read and sent to S3.
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_method)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_method "upload_file")
 (#set! unguarded.receiver "boto3.client,boto3.resource,session.client")
 (#set! unguarded.receiver_name "(?i)^(s3|s3_?client|s3_?conn|s3_?resource)$")
 (#set! unguarded.rule "path-traversal"))

; Litestar's File with the path as the first argument.
((call
   function: (attribute
     object: (_) @_module
     attribute: (identifier) @_file)
   arguments: (argument_list . [(identifier) (string) (call) (binary_operator) (attribute) (subscript)] @sink.arg)) @sink.call
 (#match? @_module "^(litestar|starlite)(\\.|$)")
 (#eq? @_file "File")
 (#set! unguarded.rule "path-traversal"))

; pandas readers: pd.read_csv(path), read_json, read_excel, read_parquet, ... open the file
; the path names (`from pandas import read_csv` is respelled as pandas.read_csv). pandas
; also fetches http(s)/ftp/s3 URLs given there: a containment check or a bare file name,
; the controls of this rule, leave no URL either, so this is one finding of this rule. A
; buffer or an uploaded file object (io.StringIO(text), request.files["f"]) is no path.
((call
   function: (attribute
     object: (identifier) @_pandas
     attribute: (identifier) @_read)
   arguments: (argument_list
     . [(identifier) (call) (binary_operator) (string) (attribute) (subscript)] @sink.arg)) @sink.call
 (#any-of? @_pandas "pd" "pandas")
 (#any-of? @_read "read_csv" "read_json" "read_excel" "read_parquet" "read_feather"
   "read_table" "read_fwf" "read_orc" "read_stata" "read_sas" "read_spss" "read_hdf"
   "read_xml" "read_html")
 (#set! unguarded.rule "path-traversal"))

; ... the path given by keyword: pd.read_csv(filepath_or_buffer=p), read_json(path_or_buf=p),
; read_excel(io=p), read_parquet(path=p).
((call
   function: (attribute
     object: (identifier) @_pandas
     attribute: (identifier) @_read)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_key
       value: (_) @sink.arg))) @sink.call
 (#any-of? @_pandas "pd" "pandas")
 (#any-of? @_read "read_csv" "read_json" "read_excel" "read_parquet" "read_feather"
   "read_table" "read_fwf" "read_orc" "read_stata" "read_sas" "read_spss" "read_hdf"
   "read_xml" "read_html")
 (#any-of? @_key "filepath_or_buffer" "path_or_buf" "path" "io" "path_or_buffer")
 (#set! unguarded.rule "path-traversal"))

; CherryPy: cherrypy.lib.static.serve_file(path) / serve_download(path) send the file at the
; path (`from cherrypy.lib.static import serve_file` is respelled with its module).
((call
   function: (attribute
     object: (_) @_static
     attribute: (identifier) @_serve)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#match? @_static "^(cherrypy\\.lib\\.)?static$")
 (#any-of? @_serve "serve_file" "serve_download")
 (#set! unguarded.rule "path-traversal"))

; BlackSheep: file(path, content_type) serves the file a str names (bytes are content),
; imported from blacksheep or blacksheep.server.responses.
((call
   function: (attribute
     object: (_) @_module
     attribute: (identifier) @_file)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#match? @_module "^blacksheep(\\.server\\.responses)?$")
 (#eq? @_file "file")
 (#set! unguarded.rule "path-traversal"))

; tarfile.open(path) / zipfile.ZipFile(path) open the archive file at a path, to read it
; or to write one, as open() does (`from zipfile import ZipFile` is respelled with its
; module). A file object (`fileobj=`, an upload, a BytesIO) is no path.
((call
   function: (attribute
     object: (identifier) @_module
     attribute: (identifier) @_open)
   arguments: (argument_list
     . [(identifier) (call) (binary_operator) (string) (attribute) (subscript)] @sink.arg)) @sink.call
 (#any-of? @_module "tarfile" "zipfile")
 (#any-of? @_open "open" "TarFile" "ZipFile")
 (#set! unguarded.rule "path-traversal"))

; ... the path given by keyword: tarfile.open(name=p), zipfile.ZipFile(file=p).
((call
   function: (attribute
     object: (identifier) @_module
     attribute: (identifier) @_open)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_key
       value: (_) @sink.arg))) @sink.call
 (#any-of? @_module "tarfile" "zipfile")
 (#any-of? @_open "open" "TarFile" "ZipFile")
 (#any-of? @_key "name" "file")
 (#set! unguarded.rule "path-traversal"))

; tarfile: extractall()/extract() without a filter= write each member where its own name
; points (`../../etc/cron.d/x`, absolute names, links out of the folder): an archive from
; outside is the dangerous value. filter="data"/"tar" (or any filter the code passes) is
; the control. On a TarFile: built by tarfile.open/TarFile, or named like one.
((call
   function: (attribute
     object: (_) @sink.receiver @sink.arg
     attribute: (identifier) @_extract)
   arguments: (argument_list) @_args) @sink.call
 (#any-of? @_extract "extractall" "extract")
 (#not-match? @_args "(^|[(,\\s])filter\\s*=")
 (#set! unguarded.receiver "tarfile.open,TarFile,TarFile.open,TarFile.taropen,TarFile.gzopen")
 (#set! unguarded.receiver_name "(?i)^(tar|tarball|tar_?file|tf|tar_?obj|tar_?archive)$")
 (#set! unguarded.sink "TarFile.extractall()/extract() without filter=")
 (#set! unguarded.rule "path-traversal"))

; ... and the destination folder of such a call: extractall(path), extract(member, path),
; path= by keyword. (With a filter= the call is taken as written with care, destination
; included: a known limit.)
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_extract)
   arguments: (argument_list . (_) @sink.arg) @_args) @sink.call
 (#eq? @_extract "extractall")
 (#set! unguarded.receiver "tarfile.open,TarFile,TarFile.open,TarFile.taropen,TarFile.gzopen")
 (#set! unguarded.receiver_name "(?i)^(tar|tarball|tar_?file|tf|tar_?obj|tar_?archive)$")
 (#not-match? @_args "(^|[(,\\s])filter\\s*=")
 (#set! unguarded.rule "path-traversal"))

; ... extract(member, path): the destination after the member.
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_extract)
   arguments: (argument_list . (_) . [(identifier) (call) (binary_operator) (string) (attribute) (subscript)] @sink.arg) @_args) @sink.call
 (#eq? @_extract "extract")
 (#set! unguarded.receiver "tarfile.open,TarFile,TarFile.open,TarFile.taropen,TarFile.gzopen")
 (#set! unguarded.receiver_name "(?i)^(tar|tarball|tar_?file|tf|tar_?obj|tar_?archive)$")
 (#not-match? @_args "(^|[(,\\s])filter\\s*=")
 (#set! unguarded.rule "path-traversal"))

; ... the destination given as path=.
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_extract)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_path
       value: (_) @sink.arg)) @_args) @sink.call
 (#any-of? @_extract "extractall" "extract")
 (#eq? @_path "path")
 (#set! unguarded.receiver "tarfile.open,TarFile,TarFile.open,TarFile.taropen,TarFile.gzopen")
 (#set! unguarded.receiver_name "(?i)^(tar|tarball|tar_?file|tf|tar_?obj|tar_?archive)$")
 (#not-match? @_args "(^|[(,\\s])filter\\s*=")
 (#set! unguarded.rule "path-traversal"))

; fabric: Connection.get(remote, local) writes the download to a local path,
; Connection.put(local, remote) reads and uploads a local file (in a file importing fabric).
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_get)
   arguments: (argument_list
     (keyword_argument
       name: (identifier) @_local
       value: (_) @sink.arg))) @sink.call
 (#any-of? @_get "get" "put")
 (#eq? @_local "local")
 (#set! unguarded.file_module "fabric")
 (#set! unguarded.receiver "Connection,SerialGroup,ThreadingGroup,Group")
 (#set! unguarded.receiver_name "(?i)^(c|cx|cxn|conn|connection|host|remote|server|target)$")
 (#set! unguarded.rule "path-traversal"))

; ... get(remote, local) with the local path second.
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_get)
   arguments: (argument_list . (_) . [(identifier) (call) (binary_operator) (string) (attribute) (subscript)] @sink.arg)) @sink.call
 (#eq? @_get "get")
 (#set! unguarded.file_module "fabric")
 (#set! unguarded.receiver "Connection,SerialGroup,ThreadingGroup,Group")
 (#set! unguarded.receiver_name "(?i)^(c|cx|cxn|conn|connection|host|remote|server|target)$")
 (#set! unguarded.rule "path-traversal"))

; ... put(local, remote): the local file read first.
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_put)
   arguments: (argument_list . [(identifier) (call) (binary_operator) (string) (attribute) (subscript)] @sink.arg)) @sink.call
 (#eq? @_put "put")
 (#set! unguarded.file_module "fabric")
 (#set! unguarded.receiver "Connection,SerialGroup,ThreadingGroup,Group")
 (#set! unguarded.receiver_name "(?i)^(c|cx|cxn|conn|connection|host|remote|server|target)$")
 (#set! unguarded.rule "path-traversal"))
