"""Rule packs: the national defaults (defaults.toml, shipped) merged with a user perfxl.toml."""

from perfxl.config.pack import (
    ConfigError,
    QualitativeBands,
    RulePack,
    default_pack,
    load_pack,
    pack_overrides,
)

__all__ = ["ConfigError", "QualitativeBands", "RulePack", "default_pack", "load_pack", "pack_overrides"]
