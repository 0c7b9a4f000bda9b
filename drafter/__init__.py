"""drafter: drafts a trade-union year-end work summary or a chair's report as a Word document."""

__version__ = "0.2.0"
