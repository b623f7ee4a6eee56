"""The agency's own file (language_lines.yaml): interpreter lines, hours, ESL resources, config."""
