"""The one way a measuring script writes its figures into a page: only between its two marker
lines, so the prose around them stays as written."""
import pathlib


def rewrite_block(page: pathlib.Path, begin: str, end: str, block: str) -> None:
    text = page.read_text()
    head, rest = text.split(begin, 1)
    tail = rest.split(end, 1)[1]
    page.write_text(f"{head}{begin}\n{block.strip()}\n{end}{tail}")
