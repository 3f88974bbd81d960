"""Demo content built from the facts in shared/seeds/, with every sentence written fresh."""
