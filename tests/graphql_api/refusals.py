"""How the API refuses a mutation: a request too large or sent by GET, refused as a whole, and a
submission over a rate limit, refused with an error."""

import json

NOT_MADE = ("errors", "clientMutationId")  # the rest of a payload is what the mutation made


def over_get(client, mutation, variables):
    """A mutation sent by GET is refused with 405, naming POST as the method that carries it."""
    response = client.get("/graphql/", {"query": mutation, "variables": json.dumps(variables)})
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


def too_large(response):
    """The request was refused as a whole for its size, before it was read; returns the error."""
    assert response.status_code == 413
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    return error


def rate_limited(payload, window):
    """A mutation refused by a rate limit: nothing made, one error, on no field, its retryAfter
    within the limit's ``window`` of seconds; returns the error."""
    made = {key: value for key, value in payload.items() if key not in NOT_MADE}
    assert made and set(made.values()) == {None}, made
    [error] = payload["errors"]
    assert error["code"] == "RATE_LIMITED" and error["field"] is None
    assert 0 < error["retryAfter"] <= window
    return error


def rate_limited_after(mutate, accepted, refused, window):
    """``mutate(**changes)`` succeeds for each of the ``accepted`` changes, then is refused by a
    rate limit for the ``refused`` ones (see ``rate_limited``); returns that error."""
    for changes in accepted:
        assert mutate(**changes)["errors"] == []
    return rate_limited(mutate(**refused), window)
