"""Validation rules: field rules via frictionless, relational and text rules via pandera."""
