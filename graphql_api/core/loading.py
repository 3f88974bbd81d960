"""Batched loading of relations, for one request, without asynchronous execution.

A field that returns a related object (a page's parent, a chapter's coordinators, an event's
hero image) asks a *loader* for it: ``info.context.loaders.load(PARENT, page, info)``. The
loader then loads that relation for every object served together with ``page`` (its
*batch*: the other nodes of the same list), in a fixed number of queries, and answers every
later ask from what it loaded. Objects are never given attributes to carry the results: they
are kept here, on the request, keyed by the object and the relation.

Why not Strawberry's ``DataLoader``: it batches the keys asked while an asyncio event loop
runs the resolvers of a list concurrently, so it needs asynchronous execution. This API runs
synchronously (Strawberry's Django view, ``graphql_api/views.py``): the ORM, Wagtail's page
methods and the rendition budget are synchronous code, and under an async view every one of
them would need ``sync_to_async``, one thread hop per resolver. Synchronous execution resolves
a list one item at a time, each item's fields all the way down before the next item; so the
resolver that returns a list says which objects are siblings (``serve``), and the first
sibling to ask for a relation loads it for all of them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

if TYPE_CHECKING:
    from strawberry.types import Info
    from wagtail.models import Locale


Parent = TypeVar("Parent")
Value = TypeVar("Value")


@dataclass(eq=False)
class Batch:
    """Objects served together by one list (or one field): their relations load together.

    ``locale`` is the language the query asked for, which the objects are read in (a page
    without a version in it is served in a fallback language); None when each object is read
    in its own language (a preview without a locale)."""

    members: list[Any]
    locale: Locale | None


class Loader(ABC, Generic[Parent, Value]):
    """How one relation is loaded for a whole batch of parents at once.

    Subclasses are frozen dataclasses: a loader's fields are its arguments (a window size, a
    filter), and two equal loaders share their results in a request."""

    # The parents it loads for: a batch may mix types (search results, a page's children),
    # and a chapter's coordinators load for the chapters among them.
    parent_type: ClassVar[type] = object

    @abstractmethod
    def load_batch(
        self, parents: Sequence[Parent], batch: Batch, info: Info
    ) -> Iterable[Value | None]:
        """The relation's value for each parent, in the order of ``parents``, with a fixed
        number of queries whatever their number. Objects returned that have relations of their
        own should be ``serve``d as a batch, so that those load together in turn."""


@dataclass
class LoaderStore:
    """What the loaders of one request loaded, and which objects were served together."""

    # id(object) -> (object, its batch). The object is held so that its id stays its own.
    _batches: dict[int, tuple[Any, Batch]] = field(default_factory=dict)
    # id(row) -> (row, the object listing it): a chapter's coordinators, a yearbook's entries.
    _listed_by: dict[int, tuple[Any, Any]] = field(default_factory=dict)
    _results: dict[tuple[Hashable, Hashable], Any] = field(default_factory=dict)

    def serve(self, objects: Iterable[Parent], locale: Locale | None) -> list[Parent]:
        """Record ``objects`` as one batch read for ``locale`` (see ``Batch``), and return
        them as a list. An object already served keeps its first batch."""
        members = [obj for obj in objects if obj is not None]
        batch = Batch(members, locale)
        for obj in members:
            self._batches.setdefault(id(obj), (obj, batch))
        return members

    def serving(self, locale: Locale | None) -> Callable[[list[Parent]], list[Parent]]:
        """``serve`` in ``locale``, as ``paginate``'s ``prepare``: a listing of rows that are
        not pages (pages have ``page_connection``) serves each window as one batch."""
        return lambda objects: self.serve(objects, locale)

    def mark_listed(self, rows: Iterable[Any], owner: Any) -> None:
        """Record that ``owner`` lists ``rows``: their ids and labels follow it."""
        for row in rows:
            self._listed_by[id(row)] = (row, owner)

    def batch_of(self, obj: Any) -> Batch | None:
        entry = self._batches.get(id(obj))
        return entry[1] if entry is not None and entry[0] is obj else None

    def requested_locale(self, obj: Any) -> Locale | None:
        """The language the query asked ``obj`` in; None if it was not asked in one."""
        batch = self.batch_of(obj)
        return batch.locale if batch is not None else None

    def listed_by(self, row: Any) -> Any:
        """The object that listed ``row`` (a chapter for its coordinator), or None."""
        entry = self._listed_by.get(id(row))
        return entry[1] if entry is not None and entry[0] is row else None

    @staticmethod
    def key_of(obj: Any) -> Hashable:
        """Results are kept per object as it was served (held in ``_batches``, so its id stays
        its own): the same row served in two languages, or live and as a preview draft, is two
        objects, and a relation may differ between them."""
        return id(obj)

    def load(self, loader: Loader[Parent, Value], obj: Parent, info: Info) -> Value | None:
        """The value of ``loader``'s relation for ``obj``, loaded with its whole batch the first
        time any member asks. An object no list served (a single page) is a batch of one."""
        key = (loader, self.key_of(obj))
        if key not in self._results:
            batch = self.batch_of(obj)
            if batch is None:
                self.serve([obj], None)
                batch = self.batch_of(obj)
                assert batch is not None, "an object just served has its batch"
            # parent_type is Parent at run time (a ClassVar cannot name the type variable).
            pending = cast(
                list[Parent],
                [
                    member
                    for member in batch.members
                    if isinstance(member, loader.parent_type)
                    and (loader, self.key_of(member)) not in self._results
                ],
            )
            if not any(member is obj for member in pending):
                raise TypeError(
                    f"{type(loader).__name__} loads for {loader.parent_type.__name__}, "
                    f"not {type(obj).__name__}."
                )
            values = list(loader.load_batch(pending, batch, info))
            if len(values) != len(pending):
                raise RuntimeError(
                    f"{type(loader).__name__} returned {len(values)} values for "
                    f"{len(pending)} parents: load_batch must answer each parent once."
                )
            for member, value in zip(pending, values, strict=True):
                self._results[(loader, self.key_of(member))] = value
        return self._results[key]
