from django.core.management.base import BaseCommand

from site_pages.demo.random_content import SEED, RandomContent


class Command(BaseCommand):
    help = (
        "Adds a large made-up data set for the benchmarks (bench/): 11 chapters with 3·N events "
        "each, 2·N Sakura Mentor columns and 3·N member voices, in English and Japanese, with "
        "pictures drawn locally. The same N and seed always build the same content; a larger N "
        "on the same database adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("n", type=int, help="scale: 1 is small, 10 is the benchmarks' 1x")
        parser.add_argument("--seed", type=int, default=SEED)

    def handle(self, *args, n, seed, **options):
        if n < 1:
            self.stderr.write("N must be at least 1.")
            raise SystemExit(2)
        RandomContent(n, seed=seed, stdout=self.stdout).create()
