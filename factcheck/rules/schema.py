"""The rule file format: a closed set of rule kinds chosen by ``kind:``, fields validated, unknown keys refused."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from factcheck.intervals import DATE_SLACK, DEFAULT_SLACK, TIME_SLACK, Qualifier, Slack
from factcheck.models import ClaimKind, ClaimRole, Severity

RULE_ID = r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$"
RESOLUTIONS = ("day", "week", "month", "year")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SlackSpec(Strict):
    """Slack for this fact; unset values keep the defaults of its kind (fractions, or days for dates)."""

    approximate: float | None = Field(default=None, ge=0)
    near: float | None = Field(default=None, ge=0)
    rounding: float | None = Field(default=None, ge=0)
    reach: float | None = Field(default=None, gt=0, description="how far 'more than'/'less than' reach past N")
    unbounded: bool = Field(default=False, description="'more than N' reaches without limit (no reach)")


class Compare(Strict):
    """How the claims of a fact are compared."""

    method: Literal["overlap", "exact", "same-text"] = "overlap"
    slack: SlackSpec = SlackSpec()
    similarity: int = Field(default=90, ge=50, le=100, description="same-text: rapidfuzz score for one value")


class MatchExample(Strict):
    """A sentence the rule must place on its fact, with the value it must read."""

    text: str = Field(min_length=1)
    value: float | str | dt.date
    qualifier: Qualifier | None = None
    high: float | None = None
    published: dt.date | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("value must be a number, a date or a text")
        return value


class Evolving(Strict):
    """A figure that changes as a story unfolds (a death toll, votes counted): later reports update it."""

    grows: bool = Field(default=False, description="it can only grow: a later, lower value is flagged")
    same_time: int = Field(
        default=60, ge=0, le=1440, description="minutes apart two reports still count as of the same time"
    )


class Examples(Strict):
    match: list[MatchExample] = Field(default_factory=list)
    no_match: list[str] = Field(default_factory=list)


class RuleBase(Strict):
    id: str = Field(pattern=RULE_ID, description="stable dotted id, e.g. geneva.meeting-duration")
    aliases: list[Annotated[str, Field(pattern=RULE_ID)]] = Field(default_factory=list)
    title: str = Field(min_length=1)
    description: str | None = None
    rationale: str | None = None


class FactRule(RuleBase):
    """Declares a fact: which claims land on it and how they are compared."""

    kind: Literal["quantity", "money", "duration", "measure", "date", "time", "place"]
    severity: Severity = Severity.WARNING
    cues: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)
    require: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=list, description="if set, one of these must also be within the window"
    )
    exclude: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    exclude_window: int | None = Field(default=None, ge=0, le=200, description="defaults to window")
    units: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    allow_unitless: bool = False
    window: int = Field(default=12, ge=0, le=200, description="words between the claim and its nearest cue")
    fuzzy: int = Field(default=90, ge=0, le=100, description="rapidfuzz score for a misspelt cue; 0 turns it off")
    roles: list[ClaimRole] = Field(default_factory=lambda: [ClaimRole.EVENT])
    resolution: Literal["day", "week", "month", "year"] | None = None
    compare: Compare = Compare()
    evolving: Evolving | None = Field(default=None, description="true, or {grows, same_time}: later reports update it")
    examples: Examples = Examples()

    @field_validator("evolving", mode="before")
    @classmethod
    def _evolving(cls, value: Any) -> Any:
        if value is True:
            return Evolving()
        if value is False:
            return None
        return value

    @model_validator(mode="after")
    def _consistent(self) -> FactRule:
        if self.kind == "place" and self.compare.method == "overlap":
            object.__setattr__(self, "compare", self.compare.model_copy(update={"method": "same-text"}))
        if self.kind != "place" and self.compare.method == "same-text":
            raise ValueError("compare.method 'same-text' is for place facts; use 'overlap' or 'exact'")
        if self.resolution is not None and self.kind != "date":
            raise ValueError("'resolution' applies to date facts only")
        if self.units and self.kind in ("date", "place", "duration"):
            raise ValueError(f"'units' does not apply to {self.kind} facts")
        if self.evolving is not None and self.kind in ("date", "time", "place"):
            raise ValueError(f"'evolving' does not apply to {self.kind} facts")
        return self

    @property
    def claim_kind(self) -> ClaimKind:
        return ClaimKind(self.kind)

    def slack(self) -> Slack:
        base = {"date": DATE_SLACK, "time": TIME_SLACK}.get(self.kind, DEFAULT_SLACK)
        spec = self.compare.slack
        overrides = {k: v for k, v in spec.model_dump(exclude={"unbounded"}).items() if v is not None}
        if spec.unbounded:
            overrides["reach"] = None
        return base.model_copy(update=overrides) if overrides else base


class BoilerplateRule(RuleBase):
    """Page furniture: paragraphs matching ``pattern`` are skipped (``scope: paragraph``), or with all that follows."""

    kind: Literal["boilerplate"]
    pattern: str = Field(min_length=1)
    scope: Literal["paragraph", "rest"] = "paragraph"
    examples: Examples = Examples()

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"invalid regular expression: {exc}") from None
        return value


class NamedRule(RuleBase):
    """A person or an organization editors declare: its name as it should be written, and who it is not."""

    name: str = Field(min_length=1, description="the name as it should be written")
    other_names: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=list, description="other names for the same one, which agree with the name"
    )
    namesakes: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=list, description="others with a like name, never taken for this one"
    )
    severity: Severity = Severity.WARNING
    examples: Examples = Examples()

    @model_validator(mode="after")
    def _distinct(self) -> NamedRule:
        clash = sorted(set(self.namesakes) & ({self.name} | set(self.other_names)))
        if clash:
            raise ValueError(f"{clash[0]!r} is both a name and a namesake")
        return self


class PersonRule(NamedRule):
    """A person: a spelling of the name other than these is flagged; namesakes are other people."""

    kind: Literal["person"]


class OrganizationRule(NamedRule):
    """An organization: spellings other than these are flagged; namesakes are other organizations."""

    kind: Literal["organization"]


class QuoteSettings(Strict):
    """How quotes are compared across outlets."""

    compare: bool = Field(default=True, description="false: quotes are extracted but never compared")
    min_words: int = Field(default=3, ge=1, le=50, description="shorter quotes (scare quotes) are never compared")
    min_shared: int = Field(default=5, ge=2, le=100, description="words two quotes share to be one passage")
    overlap: float = Field(default=0.5, gt=0, le=1, description="...and the share of the shorter quote they make")
    severity: Severity = Field(default=Severity.WARNING, description="of a quote in different words")
    attribution_severity: Severity = Field(default=Severity.ERROR, description="of words given to another speaker")


class NameSettings(Strict):
    """How the names and titles of people and organizations are compared across outlets."""

    compare: bool = Field(default=True, description="false: names are extracted but never compared")
    spelling_similarity: float = Field(
        default=0.9, ge=0.7, le=1.0, description="Jaro-Winkler similarity of two surnames taken as one misspelt"
    )
    organization_similarity: int = Field(
        default=90, ge=50, le=100, description="rapidfuzz score of two organization names taken as one misspelt"
    )
    severity: Severity = Field(default=Severity.WARNING, description="of a name spelt differently")
    title_severity: Severity = Field(default=Severity.WARNING, description="of a different title")
    min_sources: int = Field(
        default=2, ge=1, le=100, description="people and organizations named by fewer outlets are not reported"
    )


class DiscoverySettings(Strict):
    """How claims no rule places are grouped into candidate facts."""

    enabled: bool = Field(default=True, description="false: claims no rule places are never grouped")
    severity: Severity = Field(default=Severity.WARNING, description="of a discovered fact in conflict")
    evolving: bool = Field(
        default=True, description="casualty and count facts (deaths, injured, missing, evacuated) evolve over time"
    )


class SettingsRule(RuleBase):
    """Thresholds for the facts no rule declares one by one: quotes, people and organizations."""

    kind: Literal["settings"]
    quotes: QuoteSettings = QuoteSettings()
    names: NameSettings = NameSettings()
    discovery: DiscoverySettings = DiscoverySettings()


Rule = Annotated[FactRule | BoilerplateRule | PersonRule | OrganizationRule | SettingsRule, Field(discriminator="kind")]
RULE_KINDS = (
    "quantity",
    "money",
    "duration",
    "measure",
    "date",
    "time",
    "place",
    "boilerplate",
    "person",
    "organization",
    "settings",
)


class RuleFile(Strict):
    """A rule file: optional reference date for its examples, and its rules."""

    published: dt.date | None = Field(default=None, description="reference date for examples that set none")
    rules: list[Rule] = Field(default_factory=list)
