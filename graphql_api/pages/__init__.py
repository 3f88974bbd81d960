"""Pages in the API, one module per concern:

- ``interface``: the ``Page`` interface every page type implements, and ``page_type``;
- ``relations``: the loaders of a page's parent, ancestors and children, and ``serve_pages``;
- ``translations``: the ``Translation`` type and its loader;
- ``windows``: lists cut to what a client is shown before their pages load in full;
- ``lookup``: finding one page by id or path; ``preview``: a draft named by a preview token;
- ``query``: the ``page`` query and ``page_connection`` for the lists of pages.
"""
