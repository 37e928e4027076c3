"""Rule files: schema, loading and the rules' own examples."""
