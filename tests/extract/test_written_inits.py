"""The records of extraction whose ``__init__`` is written out (mypyc compiles a written one; the one
@dataclass generates stays interpreted) take exactly their fields, in order, with their defaults."""

from __future__ import annotations

import dataclasses

import pytest

from mubiao.extract.claims import Draft
from mubiao.extract.indicator import Phrase
from mubiao.extract.numbers import Mention
from mubiao.extract.qualitative import QualitativeClaim

# a value for each field, in order, none of them its default (the compiled classes check types)
SAMPLES: dict[type, tuple[object, ...]] = {
    Draft: ("target", "GDP", "growth", 5.0, 6.0, "%", "about", 3, 9, 2026, True, True),
    Mention: (1, 2, 7, 5.0, 6.0, "%", "range", True, True, True),
    Phrase: ("GDP", "增长", True, True),
    QualitativeClaim: ("粮食产量", "level", 0, 4),
}


@pytest.mark.parametrize("cls", list(SAMPLES))
def test_the_written_init_takes_the_fields(cls: type) -> None:
    fields = dataclasses.fields(cls)
    values = dict(zip((f.name for f in fields), SAMPLES[cls], strict=True))
    assert dataclasses.asdict(cls(**values)) == values
    assert cls(*values.values()) == cls(**values)
    with pytest.raises(TypeError):
        cls(*values.values(), values[fields[-1].name])
    required = [f.name for f in fields if f.default is dataclasses.MISSING]
    assert [f.name for f in fields[: len(required)]] == required
    bare = cls(*(values[n] for n in required))
    assert dataclasses.asdict(bare) == {
        f.name: values[f.name] if f.default is dataclasses.MISSING else f.default for f in fields
    }
    assert dataclasses.replace(bare, **values) == cls(**values)


def test_the_statement_fields_stand_in_the_order_claims_passes_them() -> None:
    # SentenceReader._make passes every field of a Statement by position (keywords cost most of the
    # call): a field moved or added would shift its neighbours silently
    from mubiao.statement import Statement

    assert [f.name for f in dataclasses.fields(Statement)] == [
        "doc", "kind", "indicator", "measure", "value", "unit", "qualifier", "year", "start", "end",
        "text_start", "text_end", "value_max", "cumulative", "region", "indicator_id", "attribute",
        "damaged", "extra",
    ]  # fmt: skip
