import pytest

from kb.search.querytext import clean_query, split_tag


@pytest.mark.parametrize(
    ("tag", "words"),
    [
        ("AustralianFires", "Australian Fires"),
        ("DefundTheCBC", "Defund The CBC"),
        ("COVID19", "COVID 19"),
        ("AAnon_QsArmy", "A Anon Qs Army"),
        ("vaccines", "vaccines"),
    ],
)
def test_split_tag(tag, words):
    assert split_tag(tag) == words


def test_clean_query_drops_links_byline_and_emoji_keeps_author_name():
    tweet = (
        "How are butterflies surviving the #AustralianFires? Footage by Julie Favell "
        "pic.twitter.com/0eJtwJyS1J — Center for Bio Div 🦋 (@CenterForBioDiv) January 14, 2020"
    )
    assert clean_query(tweet) == (
        "How are butterflies surviving the Australian Fires ? Footage by Julie Favell Center for Bio Div"
    )
    assert clean_query(tweet, keep_byline_name=False).endswith("Footage by Julie Favell")


def test_clean_query_url_glued_to_hashtag_and_retweet_prefix():
    assert (
        clean_query("RT @bob: CBC deletes Trump #DefundTheCBChttps://t.co/CsHG8R9cHp")
        == "CBC deletes Trump Defund The CBC"
    )
    assert clean_query("see https://example.org/a?b=1 and www.x.com/y now") == "see and now"


def test_clean_query_leaves_plain_queries_alone():
    for q in ("unemployment fell to 3.5% in 2019", "Jensen Huang liquid cooling", "what did @ mean - nothing"):
        assert clean_query(q) == q


def test_clean_query_never_returns_empty_for_nonempty_input():
    assert clean_query("https://t.co/abc") == "https://t.co/abc"
    assert clean_query("   ") == ""
