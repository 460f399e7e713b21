; libxmljs: parseXml(xml, { noent: true }) substitutes entities, external ones included
; (file:///etc/passwd); dtdload: true fetches the external DTD.
((call_expression
   function: [(identifier) @_parse
              (member_expression property: (property_identifier) @_parse)]
   arguments: (arguments
     (object
       (pair
         key: (property_identifier) @_option
         value: (true)) @sink.arg))) @sink.call
 (#any-of? @_parse "parseXml" "parseXmlString" "parseXmlAsync")
 (#any-of? @_option "noent" "dtdload")
 (#set! unguarded.rule "xxe-parser-config"))
