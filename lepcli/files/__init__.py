"""Files lepcli reads and writes: located YAML, atomic writes, caches."""
