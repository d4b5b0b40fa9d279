"""A module that only imports: it exists to re-export, or to load what it imports."""
