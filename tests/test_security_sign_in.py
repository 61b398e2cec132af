"""The signed-in address a coach's shares are matched with: verified, trimmed, lower case."""

from __future__ import annotations

import pytest

from nabij.security.sign_in import SignedIn, signed_in_address


def test_the_address_is_compared_trimmed_and_in_lower_case():
    claims = {"is_logged_in": True, "email": "  Coach@Example.ORG ", "email_verified": True}
    assert signed_in_address(claims) == SignedIn("coach@example.org", True)


@pytest.mark.parametrize("verified", [False, None, "true", 1, "yes"])
def test_only_a_claim_that_is_exactly_true_counts_as_verified(verified):
    claims: dict[str, object] = {"is_logged_in": True, "email": "coach@example.org"}
    if verified is not None:
        claims["email_verified"] = verified
    assert signed_in_address(claims) == SignedIn("coach@example.org", False)


@pytest.mark.parametrize("claims", [{}, {"email": ""}, {"email": None, "email_verified": True},
                                    {"name": "Coach", "email_verified": True}])
def test_no_address_is_no_one_to_match(claims):
    assert signed_in_address({"is_logged_in": True, **claims}) is None


@pytest.mark.parametrize("logged_in", [False, None, ""])
def test_a_signed_out_user_has_no_address_whatever_the_claims_say(logged_in):
    claims = {"email": "coach@example.org", "email_verified": True, "is_logged_in": logged_in}
    assert signed_in_address(claims) is None
    del claims["is_logged_in"]
    assert signed_in_address(claims) is None
