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

    When the command is done (click ends it with :class:`SystemExit`), everything is frozen again:
    Python's exit would otherwise walk every object the command made in more than one full collection,
    only to find nearly all of them alive (about 15 M instructions of a one-document ``kg build``). Garbage
    cycles left at that point are then left to the exit (their finalizers do not run, which Python
    never promises at exit anyway; kg closes its stores and files explicitly).

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
    try:
        cli()
    finally:
        gc.freeze()  # the process is ending: nothing for the exit's collections to walk (see above)
