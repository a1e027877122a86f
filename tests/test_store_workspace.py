"""Creating an empty study and listing study names."""

from __future__ import annotations

import pytest

from coding.errors import ConflictError, NotFoundError
from coding.store import Store
from coding.store.studies import list_questions
from coding.store.workspace import create_study, study_names


def test_create_study_then_list_and_refuse_duplicates(store: Store) -> None:
    assert study_names(store) == []
    created = create_study(store, "  Nieuw onderzoek ", "anna")
    assert created.name == "Nieuw onderzoek"
    create_study(store, "Ander onderzoek", "anna")
    assert study_names(store) == ["Ander onderzoek", "Nieuw onderzoek"]
    assert list_questions(store, created) == []
    with pytest.raises(ConflictError, match="al een studie"):
        create_study(store, "Nieuw onderzoek", "bert")
    with pytest.raises(NotFoundError, match="leeg"):
        create_study(store, "   ", "bert")
