; os.system/os.popen and the subprocess helpers that always use a shell.
((call
   function: (attribute
     object: (identifier) @_module
     attribute: (identifier) @_function)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_module "os" "subprocess" "commands")
 (#any-of? @_function "system" "popen" "popen2" "popen3" "getoutput" "getstatusoutput")
 (#set! unguarded.rule "command-injection"))

; The same functions imported by name: from os import system.
((call
   function: (identifier) @_function
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_function "system" "popen" "getoutput" "getstatusoutput")
 (#set! unguarded.rule "command-injection"))

; subprocess.* with shell=True hands the string to /bin/sh.
((call
   function: [(identifier) @_function
              (attribute attribute: (identifier) @_function)]
   arguments: (argument_list
     . (_) @sink.arg
     (keyword_argument
       name: (identifier) @_shell
       value: (true)))) @sink.call
 (#any-of? @_function "run" "call" "check_call" "check_output" "Popen")
 (#eq? @_shell "shell")
 (#set! unguarded.rule "command-injection"))

; asyncio's shell variant.
((call
   function: [(identifier) @_function
              (attribute attribute: (identifier) @_function)]
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_function "create_subprocess_shell")
 (#set! unguarded.rule "command-injection"))

; ["sh", "-c", command]: an argument list that hands a string to a shell.
((call
   function: [(identifier) @_function
              (attribute attribute: (identifier) @_function)]
   arguments: (argument_list
     . (list
         . (string) @_shell
         . (string) @_flag
         . (_) @sink.arg))) @sink.call
 (#any-of? @_function "run" "call" "check_call" "check_output" "Popen")
 (#match? @_shell "^[rbuRBU]?[\"'](/bin/|/usr/bin/)?(sh|bash|zsh|dash|ksh)[\"']$")
 (#match? @_flag "^[\"']-c[\"']$")
 (#set! unguarded.rule "command-injection"))

; The sh library: sh.bash("-c", line) / sh.sh("-c", line) hands the line to a shell.
((call
   function: (attribute
     object: (identifier) @_sh
     attribute: (identifier) @_shell)
   arguments: (argument_list
     . (string) @_flag
     . (_) @sink.arg)) @sink.call
 (#eq? @_sh "sh")
 (#any-of? @_shell "bash" "sh" "zsh")
 (#match? @_flag "^[\"']-c[\"']$")
 (#set! unguarded.rule "command-injection"))

; paramiko: exec_command runs the string in the remote user's shell.
((call
   function: (attribute
     attribute: (identifier) @_method)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#eq? @_method "exec_command")
 (#set! unguarded.rule "command-injection"))

; fabric / invoke: Connection.run/sudo (and a task's Context.run/sudo, invoke's run) hand
; the string to the remote or local shell (in a file importing fabric or invoke).
((call
   function: (attribute
     object: (_) @sink.receiver
     attribute: (identifier) @_run)
   arguments: (argument_list . (_) @sink.arg)) @sink.call
 (#any-of? @_run "run" "sudo" "local")
 (#set! unguarded.file_module "fabric,invoke")
 (#set! unguarded.receiver "Connection,SerialGroup,ThreadingGroup,Group,Context")
 (#set! unguarded.receiver_name "(?i)^(c|cx|cxn|ctx|conn|connection|context|host|remote|server|target)$")
 (#set! unguarded.rule "command-injection"))
