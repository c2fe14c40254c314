from __future__ import annotations

import pytest

from kb.names import ArticleResolver, clean_name, entity_key, is_entity_surface


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("Musk's", "Musk"),
        ("Microsoft’s", "Microsoft"),
        ("the European Commission", "European Commission"),
        ("  Elon   Musk ", "Elon Musk"),
        ("Dr. Fei-Fei Li", "Fei-Fei Li"),
        ("“Anthropic”", "Anthropic"),
    ],
)
def test_entities_clean_name(surface, name):
    assert clean_name(surface) == name


def test_entities_key_is_case_and_accent_insensitive():
    assert entity_key("Société Générale", "ORG") == entity_key("societe generale", "ORG")
    assert entity_key("Musk", "PERSON") != entity_key("Musk", "ORG")


@pytest.mark.parametrize("surface", ["AI", "GenAI", "LLMs", "2024"])
def test_entities_rejects_non_entities(surface):
    assert not is_entity_surface(surface)


def test_entities_resolver_expands_surname_to_full_name():
    r = ArticleResolver()
    r.observe([("Elon Musk", "PERSON"), ("Musk", "PERSON")])
    assert r.resolve("Musk", "PERSON") == ("Elon Musk", "PERSON")
    assert r.resolve("Musk", "ORG") == ("Elon Musk", "PERSON")  # surname mis-tagged as ORG


def test_entities_resolver_keeps_ambiguous_surname():
    r = ArticleResolver()
    r.observe([("Tim Cook", "PERSON"), ("Sarah Cook", "PERSON")])
    assert r.resolve("Cook", "PERSON") == ("Cook", "PERSON")


def test_entities_resolver_leaves_unknown_names():
    r = ArticleResolver()
    r.observe([("Elon Musk", "PERSON")])
    assert r.resolve("Gartner", "ORG") == ("Gartner", "ORG")


@pytest.mark.parametrize(
    ("text", "person", "role", "org"),
    [
        ("Apple CEO Tim Cook said the device ships in March.", "Tim Cook", "CEO", "Apple"),
        ("Writer's CEO May Habib told reporters the cost was low.", "May Habib", "CEO", "Writer"),
        ("Nvidia chief executive Jensen Huang said demand was strong.", "Jensen Huang", "chief executive", "Nvidia"),
        (
            "Ilya Sutskever, the former chief scientist of OpenAI, said data had peaked.",
            "Ilya Sutskever",
            "former chief scientist",
            "OpenAI",
        ),
        ("Satya Nadella, CEO of Microsoft, said so.", "Satya Nadella", "CEO", "Microsoft"),
    ],
)
def test_entities_roles_from_titles_and_appositives(nlp, text, person, role, org):
    (r,) = nlp(text)._.roles
    assert (r.person.name, r.person.type, r.role, r.org.name) == (person, "PERSON", role, org)
    assert text[r.char_start : r.char_end].startswith((org, person))


def test_entities_no_role_without_a_title(nlp):
    assert nlp("Elon Musk said the data had run out.")._.roles == []


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Nvidia Corp.", "NVIDIA", True),
        ("Open AI", "OpenAI", True),
        ("Hewlett-Packard", "Hewlett Packard", True),
        ("Alphabet Inc", "Alphabet", True),
        ("Meta", "Metro", False),
        ("Intel", "Intuit", False),
        ("Samsung Electronics", "Samsung SDI", False),
    ],
)
def test_entities_fuzzy_same_organisation(a, b, same):
    from kb.names import fuzzy_same

    assert fuzzy_same(a, b) is same
