"""Output formats of an export: one module per format, each renders a document to bytes."""
