import strawberry
from django.utils import translation
from django_countries.fields import Country as CountryValue


@strawberry.type(description="A country, by ISO 3166 code.")
class Country:
    code: str = strawberry.field(description="ISO 3166-1 alpha-2 code, e.g. IN.")
    name: str = strawberry.field(description="The country's name in the content's language.")


def country_of(value: CountryValue | None, language_code: str | None = None) -> Country | None:
    """A Country for a django-countries value, named in the page's language; None when the
    field is empty."""
    if not value:
        return None
    with translation.override(language_code):
        return Country(code=value.code, name=str(value.name))


def required_country(value: CountryValue, language_code: str | None) -> Country:
    """The Country of a field that forms never leave empty (a chapter's, a member voice's),
    answered as non-null. A row stored empty past the forms is an error to log, not a blank
    country."""
    country = country_of(value, language_code)
    if country is None:
        raise ValueError("A required country field is empty.")
    return country
