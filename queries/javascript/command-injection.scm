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

; ... wrapped and called inline: promisify(exec)(cmd), util.promisify(cp.exec)(cmd).
((call_expression
   function: (call_expression
     function: [(identifier) @_promisify
                (member_expression property: (property_identifier) @_promisify)])
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_promisify "promisify")
 (#set! unguarded.sink "promisify(exec)()")
 (#set! unguarded.module "child_process,node:child_process")
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

; execa with the `shell` option (true or a shell's path) joins the file and its
; arguments with spaces and hands the string to that shell: execa(cmd, { shell: true }),
; execa(file, args, { shell: true }), execaSync and $ alike.
((call_expression
   function: [(identifier) @_function
              (member_expression property: (property_identifier) @_function)]
   arguments: (arguments
     . (_) @sink.arg
     (object
       (pair
         key: (property_identifier) @_shell
         value: [(true) (string)] @_value)))) @sink.call
 (#any-of? @_function "execa" "execaSync" "$")
 (#eq? @_shell "shell")
 (#not-match? @_value "^[\"'`][\"'`]$")
 (#set! unguarded.module "execa")
 (#set! unguarded.rule "command-injection"))

; ... with the argument array second: execa(file, args, { shell: true }).
((call_expression
   function: [(identifier) @_function
              (member_expression property: (property_identifier) @_function)]
   arguments: (arguments
     . (_)
     . (_) @sink.arg
     (object
       (pair
         key: (property_identifier) @_shell
         value: [(true) (string)] @_value)))) @sink.call
 (#any-of? @_function "execa" "execaSync" "$")
 (#eq? @_shell "shell")
 (#not-match? @_value "^[\"'`][\"'`]$")
 (#set! unguarded.module "execa")
 (#set! unguarded.rule "command-injection"))

; The bound form: execa({ shell: true })`convert ${file}` / $({ shell: true })`...`: the
; template's values are joined into the shell's command line too.
((call_expression
   function: (call_expression
     function: (identifier) @_function
     arguments: (arguments
       (object
         (pair
           key: (property_identifier) @_shell
           value: [(true) (string)] @_value))))
   arguments: (template_string) @sink.arg) @sink.call
 (#any-of? @_function "execa" "execaSync" "$")
 (#eq? @_shell "shell")
 (#not-match? @_value "^[\"'`][\"'`]$")
 (#set! unguarded.module "execa")
 (#set! unguarded.rule "command-injection"))

; execa("sh", ["-c", command]) runs a shell on the command string, like spawn.
((call_expression
   function: [(identifier) @_function
              (member_expression property: (property_identifier) @_function)]
   arguments: (arguments
     . (string) @_shell
     . (array
         . (string) @_flag
         . (_) @sink.arg))) @sink.call
 (#any-of? @_function "execa" "execaSync" "$")
 (#match? @_shell "^[\"'](/bin/|/usr/bin/)?(sh|bash|zsh|dash)[\"']$")
 (#match? @_flag "^[\"']-c[\"']$")
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

; Bun.spawn([program, ...args]) / Bun.spawnSync run the program without a shell, like
; child_process.spawn: only the program itself (the array's first element) is dangerous.
((call_expression
   function: (member_expression
     object: (identifier) @_bun
     property: (property_identifier) @_spawn)
   arguments: (arguments . (array . (_) @sink.arg))) @sink.call
 (#eq? @_bun "Bun")
 (#any-of? @_spawn "spawn" "spawnSync")
 (#set! unguarded.rule "command-injection"))

; ... the same with the options form: Bun.spawn({ cmd: [program, ...args] }).
((call_expression
   function: (member_expression
     object: (identifier) @_bun
     property: (property_identifier) @_spawn)
   arguments: (arguments
     . (object
         (pair
           key: (property_identifier) @_cmd
           value: (array . (_) @sink.arg))))) @sink.call
 (#eq? @_bun "Bun")
 (#any-of? @_spawn "spawn" "spawnSync")
 (#eq? @_cmd "cmd")
 (#set! unguarded.rule "command-injection"))

; Bun.spawn(["sh", "-c", command]): a shell parses the command string after all.
((call_expression
   function: (member_expression
     object: (identifier) @_bun
     property: (property_identifier) @_spawn)
   arguments: (arguments
     . (array
         . (string) @_shell
         . (string) @_flag
         . (_) @sink.arg))) @sink.call
 (#eq? @_bun "Bun")
 (#any-of? @_spawn "spawn" "spawnSync")
 (#match? @_shell "^[\"'](/bin/|/usr/bin/)?(sh|bash|zsh|dash)[\"']$")
 (#match? @_flag "^[\"']-c[\"']$")
 (#set! unguarded.rule "command-injection"))

; new Deno.Command(program, { args }) runs the program without a shell: the program is
; the dangerous part.
((new_expression
   constructor: (member_expression
     object: (identifier) @_deno
     property: (property_identifier) @_command)
   arguments: (arguments . (_) @sink.arg)) @sink.call
 (#eq? @_deno "Deno")
 (#eq? @_command "Command")
 (#set! unguarded.sink "new Deno.Command()")
 (#set! unguarded.rule "command-injection"))

; new Deno.Command("sh", { args: ["-c", command] }): a shell parses the command string.
((new_expression
   constructor: (member_expression
     object: (identifier) @_deno
     property: (property_identifier) @_command)
   arguments: (arguments
     . (string) @_shell
     . (object
         (pair
           key: (property_identifier) @_args
           value: (array
             . (string) @_flag
             . (_) @sink.arg))))) @sink.call
 (#eq? @_deno "Deno")
 (#eq? @_command "Command")
 (#match? @_shell "^[\"'](/bin/|/usr/bin/)?(sh|bash|zsh|dash)[\"']$")
 (#eq? @_args "args")
 (#match? @_flag "^[\"']-c[\"']$")
 (#set! unguarded.sink "new Deno.Command()")
 (#set! unguarded.rule "command-injection"))
