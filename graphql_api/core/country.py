import strawberry
from django.utils import translation


@strawberry.type(description="A country, by ISO 3166 code.")
class Country:
    code: str = strawberry.field(description="ISO 3166-1 alpha-2 code, e.g. IN.")
    name: str = strawberry.field(description="The country's name in the content's language.")


def country_of(value, language_code=None):
    """A Country for a django-countries value, named in the page's language."""
    if not value:
        return None
    with translation.override(language_code):
        return Country(code=value.code, name=str(value.name))
