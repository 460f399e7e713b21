; lxml: XMLParser(resolve_entities=True) expands external entities (file:// included),
; load_dtd=True fetches the external DTD, no_network=False lets both go over the network.
((call
   function: [(identifier) @_parser
              (attribute attribute: (identifier) @_parser)]
   arguments: (argument_list
     (keyword_argument
       name: (identifier)
       value: [(true) (false)]) @sink.arg)) @sink.call
 (#any-of? @_parser "XMLParser" "XMLPullParser" "iterparse")
 (#match? @sink.arg "^(resolve_entities\\s*=\\s*True|no_network\\s*=\\s*False|load_dtd\\s*=\\s*True)$")
 (#set! unguarded.rule "xxe-parser-config"))

; xml.sax: parser.setFeature(feature_external_ges, True) turns external entity loading on.
((call
   function: (attribute attribute: (identifier) @_set)
   arguments: (argument_list
     . (_) @_feature
     . (true))) @sink.call
 (#eq? @_set "setFeature")
 (#match? @_feature "feature_external_(ges|pes)$")
 (#set! unguarded.rule "xxe-parser-config"))
