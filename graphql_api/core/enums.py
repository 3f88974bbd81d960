"""GraphQL enums made at import from the settings or the models (the content languages, the
image presets, the page types), so that the schema lists exactly what this server has.

Their members are unknown to the type checker: a module declares such an enum as plain
``Enum`` under ``TYPE_CHECKING`` and makes it with ``generated_enum`` otherwise.
"""

from collections.abc import Mapping
from enum import Enum, EnumMeta

import strawberry
from strawberry.types.enum import EnumValueDefinition


def generated_enum(
    name: str, members: Mapping[str, EnumValueDefinition], description: str
) -> type[Enum]:
    """The GraphQL enum ``name`` with ``members`` (value name -> ``strawberry.enum_value``)."""
    # Enum's functional API through its metaclass's signature: mypy reads a call of Enum itself
    # only with literal members.
    make_enum: EnumMeta = Enum
    return strawberry.enum(make_enum(name, members), name=name, description=description)
