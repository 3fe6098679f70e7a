"""The ways people write DOIs, reduced to one bare DOI, compared and linked."""

from __future__ import annotations

import pytest

from citeman import doi

BARE = [
    # as written                                             bare form
    ("10.1037/0022-006X.62.5.1009", "10.1037/0022-006X.62.5.1009"),
    ("https://doi.org/10.1037/0022-006X.62.5.1009", "10.1037/0022-006X.62.5.1009"),
    ("http://doi.org/10.1037/a0012345", "10.1037/a0012345"),
    ("http://dx.doi.org/10.1037/a0012345", "10.1037/a0012345"),
    ("https://dx.doi.org/10.1037/a0012345", "10.1037/a0012345"),
    ("HTTPS://DOI.ORG/10.1037/A0012345", "10.1037/A0012345"),
    ("https://www.doi.org/10.1037/a0012345", "10.1037/a0012345"),
    ("doi.org/10.1037/a0012345", "10.1037/a0012345"),
    ("doi:10.1037/a0012345", "10.1037/a0012345"),
    ("DOI: 10.1037/a0012345", "10.1037/a0012345"),
    ("DOI 10.1037/a0012345", "10.1037/a0012345"),
    ("doi:https://doi.org/10.1037/a0012345", "10.1037/a0012345"),
    ("info:doi/10.1037/a0012345", "10.1037/a0012345"),
    ("http://doi.acm.org/10.1145/1137627.1137631", "10.1145/1137627.1137631"),
    ("https://doi.wiley.com/10.1002/ab.1", "10.1002/ab.1"),
    ("  10.1037/a0012345\n", "10.1037/a0012345"),
    ("10.1037/0022-006X.\n    62.5.1009", "10.1037/0022-006X.62.5.1009"),
    ("https://doi.org/10.1016/S2468-2667%2819%2930248-8",
     "10.1016/S2468-2667(19)30248-8"),
    ("10.1016/S2468-2667(19)30248-8", "10.1016/S2468-2667(19)30248-8"),
    ("10.1037//0022-006x.62.5.1009", "10.1037//0022-006x.62.5.1009"),
    ("https://doi.org/10.1037//0022-006x.62.5.1009", "10.1037//0022-006x.62.5.1009"),
    ("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O",
     "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O"),
    (r"10.1093/ije/dyw\_123", "10.1093/ije/dyw_123"),
    ("10.1000.10/abc", "10.1000.10/abc"),
    ("10.12345678/abc", "10.12345678/abc"),
]  # fmt: skip

NOT_DOI = [
    "",
    "   ",
    "10.1037",
    "10.1037/",
    "10.103/abc",
    "11.1037/abc",
    "https://example.org/10.1037/abc",
    "https://doi.org/",
    "doi:",
    "pmid:12345",
    "see 10.1037/abc",
    "10.1037/abc 10.1037/def",
    "10.1037/abc https://doi.org/10.1037/def",
    "10.1037/abc; doi:10.1037/def",
]


@pytest.mark.parametrize(("written", "bare"), BARE)
def test_normalise_reduces_every_spelling_to_the_bare_doi(
    written: str, bare: str
) -> None:
    assert doi.normalise(written) == bare


@pytest.mark.parametrize("written", NOT_DOI)
def test_normalise_rejects_text_that_is_not_doi_syntax(written: str) -> None:
    assert doi.normalise(written) is None


@pytest.mark.parametrize(("written", "bare"), BARE)
def test_the_bare_form_is_bare_and_a_fixed_point(written: str, bare: str) -> None:
    assert doi.is_bare(bare)
    assert doi.normalise(bare) == bare
    assert doi.is_bare(written) == (written == bare)


def test_keys_compare_case_insensitively_and_across_spellings() -> None:
    spellings = [
        "10.1037/0022-006X.62.5.1009",
        "https://doi.org/10.1037/0022-006x.62.5.1009",
        "doi: 10.1037/0022-006X.62.5.1009",
    ]
    assert {doi.key(text) for text in spellings} == {"10.1037/0022-006x.62.5.1009"}
    assert doi.key("10.1037/0022-006X.62.5.1009") != doi.key(
        "10.1037//0022-006X.62.5.1009"
    )


URLS = [
    ("10.1016/S2468-2667(19)30248-8", "https://doi.org/10.1016/S2468-2667(19)30248-8"),
    ("https://doi.org/10.1016/S2468-2667%2819%2930248-8",
     "https://doi.org/10.1016/S2468-2667(19)30248-8"),
    ("10.1037//0022-006x.62.5.1009", "https://doi.org/10.1037//0022-006x.62.5.1009"),
    ("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O",
     "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-O"),
    ("10.1000/100%", "https://doi.org/10.1000/100%25"),
    ("10.1000/a#b?c", "https://doi.org/10.1000/a%23b%3Fc"),
    ('10.1000/"q"', "https://doi.org/10.1000/%22q%22"),
    ("10.1000/a[1]{2}^|`\\", "https://doi.org/10.1000/a%5B1%5D%7B2%7D%5E%7C%60%5C"),
    ("10.1000/café", "https://doi.org/10.1000/caf%C3%A9"),
]  # fmt: skip


@pytest.mark.parametrize(("written", "url"), URLS)
def test_to_url_escapes_only_what_a_url_cannot_hold(written: str, url: str) -> None:
    assert doi.to_url(written) == url


@pytest.mark.parametrize(("written", "url"), URLS)
def test_to_url_round_trips_through_normalise(written: str, url: str) -> None:
    assert doi.normalise(url) == doi.normalise(written)
