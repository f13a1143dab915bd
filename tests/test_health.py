import pytest


def test_healthz_answers_ok_without_touching_the_database(client):
    # No django_db mark: pytest-django raises if the view touches the database.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_readyz_answers_ok_when_the_database_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db(transaction=True)
def test_readyz_answers_503_when_the_database_is_unreachable(client, database_refuses):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert b"database unavailable" in response.content


def test_health_probes_refuse_other_methods(client):
    assert client.post("/healthz").status_code == 405
