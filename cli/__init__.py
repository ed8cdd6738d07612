"""kg.cli: the click command line (parse, call one library function, render text or --json).

:func:`main` is the ``kg`` console script; :data:`kg.cli.main.cli` is the click group itself.
"""

import gc

__all__ = ["main"]


def main() -> None:
    """Run the ``kg`` command in its own process: the click group, with the start-up kept off the collector.

    Loading click and the command group makes tens of thousands of objects that live until the
    process exits; the cyclic garbage collector would otherwise walk them again and again while a
    command loads its modules and runs (about a tenth of a cold ``kg path``). So collection waits
    while the group loads, and what it loaded is then frozen (:func:`gc.freeze`): later collections
    look only at what the command itself makes, which they free as usual.

    kg's cached regular expressions are put into :mod:`re`'s cache first (:mod:`kg.regexcache`), so that
    the patterns click and the standard library compile as they load come from it too.
    """
    gc.disable()
    try:
        from kg.regexcache import preload

        preload()
        from kg.cli.main import cli
    finally:
        gc.enable()
    gc.freeze()
    cli()
