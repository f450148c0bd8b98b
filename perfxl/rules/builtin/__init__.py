"""Built-in rules, one per module; importing a module registers its rule."""
