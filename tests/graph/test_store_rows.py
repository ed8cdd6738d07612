"""The store's row helpers give what their slow definitions give: alias keys, JSON texts."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from kg.graph.store.rows import alias_key, json_text
from kg.ontology.names import normalize
from kg.ontology.vocab import load_vocabulary

_NAMES = ["Data Engineer", "data engineer", "Python", "python 3", "CI/CD", "C++", "C#", "R&D", "AI  Engineer",
          " lead", "lead ", "ML_Ops", "", " ", "Senior-Engineer", "Machine Learning Engineer II", "SQL", "K8s",
          "Ａｐｐｌｅ", "İstanbul", "Kelvin \u212a", "Программирование", "Руthon", "a\tb", "a\nb", "x+y", "1", "IC5"]


def test_alias_key_is_normalize_of_every_curated_name_and_awkward_ones() -> None:
    vocab = load_vocabulary()
    names = [*_NAMES, *(n for kind in ("role", "skill", "certification")
                        for c in vocab.of_kind(kind).values() for n in c.names)]
    assert len(names) > 1000
    assert [alias_key(n) for n in names] == [normalize(n) for n in names]


@given(st.text(alphabet=st.sampled_from("aZ09 -_&+#./\t\u00e9\u212a\u0130"), max_size=12))
def test_alias_key_is_normalize(name: str) -> None:
    assert alias_key(name) == normalize(name)


_FLAT = st.one_of(st.text(max_size=4), st.integers(-2, 2), st.booleans(), st.none(), st.floats(allow_nan=False))


@given(st.one_of(st.lists(st.text(max_size=4), max_size=4), st.dictionaries(st.text(max_size=4), _FLAT, max_size=4),
                 st.lists(_FLAT, max_size=3).map(tuple)))
def test_json_text_is_the_sorted_json_of_the_value_asked_again_or_not(value: object) -> None:
    expected = json.dumps(value, sort_keys=True, ensure_ascii=False)
    assert json_text(value) == expected
    assert json_text(value) == expected  # remembered, or not
