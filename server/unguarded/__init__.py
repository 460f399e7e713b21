"""unguarded: a security language server that reports sinks with no control in front of them."""

__version__ = "0.1.0"
