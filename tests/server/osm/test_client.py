"""The HTTP client: honest User-Agent, retries on 5xx, Retry-After on 429, writes not repeated."""

from email.utils import formatdate

import pytest

from server.osm.client import USER_AGENT, OsmHttpError, retry_after_seconds


def test_every_request_carries_the_camwalk_user_agent(fake_osm, osm_client):
    fake_osm.state.add_node(1, 43.0, 5.0, {"man_made": "surveillance"})
    osm_client.node_xml(1)
    assert fake_osm.state.seen[-1][2]["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("camwalk/") and "(+https://" in USER_AGENT


def test_a_read_is_retried_with_growing_waits_after_server_errors(
    fake, fake_osm, osm_client, waits
):
    fake_osm.state.add_node(1, 43.0, 5.0, {"man_made": "surveillance"})
    fake_osm.state.script += [
        fake.Canned("GET", "/node/1", 503),
        fake.Canned("GET", "/node/1", 502),
    ]
    assert b'id="1"' in osm_client.node_xml(1)
    assert waits == [1.0, 2.0]


def test_a_429_waits_what_retry_after_says(fake, fake_osm, osm_client, waits):
    fake_osm.state.script.append(
        fake.Canned("POST", "/interpreter", 429, headers={"Retry-After": "7"})
    )
    assert b"elements" in osm_client.overpass("[out:json];node(1);out;")
    assert waits == [7.0]


def test_a_read_that_keeps_failing_gives_up_after_the_retries(fake, fake_osm, osm_client, waits):
    fake_osm.state.script += [fake.Canned("GET", "/node/1", 500) for _ in range(4)]
    with pytest.raises(OsmHttpError) as error:
        osm_client.node_xml(1)
    assert error.value.status == 500
    assert len(waits) == 3


def test_a_write_is_never_sent_twice_after_a_server_error(fake, fake_osm, osm_client, waits):
    fake_osm.state.script.append(fake.Canned("PUT", "/changeset/create", 503))
    with pytest.raises(OsmHttpError) as error:
        osm_client.create_changeset(b"<osm><changeset/></osm>")
    assert error.value.status == 503
    assert waits == []
    assert fake_osm.state.changesets == {}


def test_a_client_error_is_raised_at_once_with_the_body(fake_osm, osm_client, waits):
    with pytest.raises(OsmHttpError) as error:
        osm_client.node_xml(424242)
    assert error.value.status == 404
    assert waits == []


def test_an_unreachable_server_is_an_error_after_the_retries(waits):
    from server.osm.client import OsmClient

    client = OsmClient("http://127.0.0.1:9", "http://127.0.0.1:9/api", sleep=waits.append)
    with pytest.raises(OsmHttpError) as error:
        client.node_xml(1)
    assert error.value.status is None
    assert len(waits) == 3


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        (None, None),
        ("", None),
        ("12", 12.0),
        (formatdate(1_000_030, usegmt=True), 30.0),
        (formatdate(999_000, usegmt=True), 0.0),
        ("soon", None),
    ],
)
def test_retry_after_is_read_as_seconds_or_as_a_date(header, seconds):
    assert retry_after_seconds(header, now=1_000_000) == seconds
