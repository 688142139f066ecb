"""FET interoperability as one wing: FET's own model, checker, file reader/writer, solver and service.

Layers inside the wing: ``service`` -> ``solver`` | ``files`` -> ``checker`` -> ``model``. The main
product imports the wing only from the CLI; the wing may use ``dlplanner.domain``, ``dlplanner.io``
and ``dlplanner.services`` (to save an imported project), never the other way round.
"""
