"""Write the committed list of documents that persisted-only mode runs
(graphql_api/registered_documents.py): the examples of docs/graphql.md and the documents of
client files given on the command line."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from graphql_api import registered_documents

GUIDE = Path(settings.BASE_DIR) / "docs" / "graphql.md"


def shown(path):
    """A source as the committed list names it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(path)


class Command(BaseCommand):
    help = (
        "Register the GraphQL documents of docs/graphql.md and of client files (.graphql "
        "documents, Apollo persisted query manifests in .json, Markdown with graphql blocks) "
        "in the committed list that SAKURA_GRAPHQL_PERSISTED_ONLY runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Client files holding documents.")
        parser.add_argument(
            "--no-docs", action="store_true", help="Leave out the examples of docs/graphql.md."
        )
        parser.add_argument(
            "--output", help="Where to write the list (default: SAKURA_GRAPHQL's file)."
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Add to the documents already in the list instead of replacing them.",
        )

    def handle(self, *args, files, no_docs, output, keep, **options):
        sources = ([] if no_docs else [GUIDE]) + [Path(name) for name in files]
        if not sources:
            raise CommandError("Nothing to register: give client files, or leave out --no-docs.")
        entries = {}
        if keep:
            path = Path(output) if output else registered_documents.registry_path()
            if path.exists():
                entries = json.loads(path.read_text())
        for source in sources:
            if not source.exists():
                raise CommandError(f"{source}: no such file.")
            try:
                documents = registered_documents.documents_in_file(source)
                for document in documents:
                    entry = registered_documents.entry(document, shown(source))
                    entries[registered_documents.digest(document)] = entry
            except registered_documents.DocumentError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"{source}: {len(documents)} documents")
        path = registered_documents.write(entries, output)
        self.stdout.write(f"{len(entries)} documents registered in {path}")
