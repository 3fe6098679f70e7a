"""Which URLs may become live links."""

from __future__ import annotations

import pytest

from citeman.urls import is_linkable


@pytest.mark.parametrize(
    "url",
    [
        "https://doi.org/10.1000/1",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG",
        "ftp://ftp.example.org/a",
        "mailto:someone@example.org",
        "doi:10.1000/1",
    ],
)
def test_the_schemes_a_reference_list_needs_are_linked(url: str) -> None:
    assert is_linkable(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "java\tscript:alert(1)",
        "\x01javascript:alert(1)",
        " https://example.org",
        "https://exa mple.org",
        "www.example.org",
        "/relative/path",
        "",
    ],
    ids=repr,
)
def test_other_schemes_controls_and_relative_urls_are_not_linked(url: str) -> None:
    assert not is_linkable(url)
