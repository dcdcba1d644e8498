"""breachkit: personal-data breach response.

Read an incident, validate it, and assess who must be notified, by when, and why::

    import datetime, breachkit
    incident = breachkit.load("docs/examples/seiko-2023.json")
    problems = incident.validate()
    as_of = datetime.datetime(2023, 8, 1, 3, 0, tzinfo=datetime.timezone.utc)
    assessment = breachkit.assess(incident, as_of=as_of)
    drafts = breachkit.draft(incident, "ppc-final", as_of=as_of, lang="ja")

Everything that decides lives in the Rust core; this package only translates.
"""

from ._errors import (
    BreachkitError,
    ConflictError,
    RegisterError,
    ReportError,
    RulesError,
    ValidationError,
)
from ._native import (
    DUE_COLUMNS,
    RECORD_COLUMNS,
    SCHEMA_VERSION,
    AffectedGroup,
    Assessment,
    Draft,
    Event,
    Incident,
    Obligation,
    Organisation,
    Problem,
    Question,
    Register,
    ReportRecord,
    Ruleset,
    __version__,
    assess,
    draft,
    load,
    load_rules,
    loads,
    render,
)

__all__ = [
    "DUE_COLUMNS",
    "RECORD_COLUMNS",
    "SCHEMA_VERSION",
    "AffectedGroup",
    "Assessment",
    "BreachkitError",
    "ConflictError",
    "Draft",
    "Event",
    "Incident",
    "Obligation",
    "Organisation",
    "Problem",
    "Question",
    "Register",
    "RegisterError",
    "ReportError",
    "ReportRecord",
    "Ruleset",
    "RulesError",
    "ValidationError",
    "__version__",
    "assess",
    "draft",
    "load",
    "load_rules",
    "loads",
    "render",
]
