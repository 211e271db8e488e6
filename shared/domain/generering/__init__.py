"""The monthly generation: its rules, and building and calculating a generated claim."""
