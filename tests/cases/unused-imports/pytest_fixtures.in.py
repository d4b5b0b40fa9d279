from fixtures import client, database, unused_helper


def test_home(client):
    assert client.get("/").ok


def test_rows(client, database):
    assert database.rows() == []
