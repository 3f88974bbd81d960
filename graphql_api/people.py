"""Person snippets: alumni, coordinators, yearbook entries."""

import strawberry
from strawberry.types import Info

from graphql_api.core.country import Country, country_of
from graphql_api.images import image_field
from site_pages import models


@strawberry.type(description="An alumnus or alumna of the Sakura Science Program.")
class Person:
    @strawberry.field(description="The person's id: the same in every answer that lists them.")
    def id(self, root: models.Person) -> strawberry.ID:
        return strawberry.ID(str(root.pk))

    name: str = strawberry.field(description="Full name.")
    programme_year: int | None = strawberry.field(description="Year they visited Japan.")
    affiliation: str = strawberry.field(description="University, institute or employer.")
    bio: str = strawberry.field(description="A short biography.")

    @strawberry.field(description="Country they come from, named in the person's language.")
    def country(self, info: Info) -> Country | None:
        return country_of(self.country, info.context.language_of(self))

    # Batched over the people of a batch: the list that served them (coordinators, entries).
    photo = image_field("photo", "Portrait photo.")
