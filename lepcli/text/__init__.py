"""Text knowledge shared by every feature: typed-input checks, BiDi for terminals."""
