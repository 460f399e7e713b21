"""Protocol handlers, one module per concern. Each stays thin: it converts and delegates."""
