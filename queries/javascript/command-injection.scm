; child_process.exec/execSync run the string through /bin/sh.
((call_expression
   function: (member_expression property: (property_identifier) @_function)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_function "exec" "execSync")
 (#set! unguarded.module "child_process,node:child_process,shelljs")
 (#set! unguarded.rule "command-injection"))

; The same functions by a local name: const { exec } = require(...), promisify(exec).
((call_expression
   function: (identifier)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#set! unguarded.module "child_process,node:child_process,shelljs")
 (#set! unguarded.member "exec,execSync")
 (#set! unguarded.rule "command-injection"))

; spawn/execFile with { shell: true } behave like exec: the command and its arguments go to a shell.
((call_expression
   function: [(identifier) @_function
              (member_expression property: (property_identifier) @_function)]
   arguments: (arguments
     . (_) @sink.arg
     (object
       (pair
         key: (property_identifier) @_shell
         value: (true))))) @sink.call
 (#any-of? @_function "spawn" "spawnSync" "execFile" "execFileSync")
 (#eq? @_shell "shell")
 (#set! unguarded.module "child_process,node:child_process")
 (#set! unguarded.rule "command-injection"))

; ... with the argument array second: spawn(cmd, args, { shell: true }).
((call_expression
   function: [(identifier) @_function
              (member_expression property: (property_identifier) @_function)]
   arguments: (arguments
     . (_)
     . (_) @sink.arg
     (object
       (pair
         key: (property_identifier) @_shell
         value: (true))))) @sink.call
 (#any-of? @_function "spawn" "spawnSync" "execFile" "execFileSync")
 (#eq? @_shell "shell")
 (#set! unguarded.module "child_process,node:child_process")
 (#set! unguarded.rule "command-injection"))

; execa's command string form.
((call_expression
   function: (identifier) @_function
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#any-of? @_function "execaCommand" "execaCommandSync")
 (#set! unguarded.module "execa")
 (#set! unguarded.rule "command-injection"))

; spawn("sh", ["-c", command]) / execFile("bash", ["-c", command]): a shell after all.
((call_expression
   function: [(identifier) @_function
              (member_expression property: (property_identifier) @_function)]
   arguments: (arguments
     . (string) @_shell
     . (array
         . (string) @_flag
         . (_) @sink.arg))) @sink.call
 (#any-of? @_function "spawn" "spawnSync" "execFile" "execFileSync")
 (#match? @_shell "^[\"'](/bin/|/usr/bin/)?(sh|bash|zsh|dash)[\"']$")
 (#match? @_flag "^[\"']-c[\"']$")
 (#set! unguarded.module "child_process,node:child_process")
 (#set! unguarded.rule "command-injection"))
