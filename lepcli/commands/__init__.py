"""Typer command groups. Each module parses options, calls one library function, emits the result."""
