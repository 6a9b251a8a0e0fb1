"""The `camwalk` command: Flask's commands (run, db …) and the project's own."""

import json
import os
from dataclasses import asdict
from datetime import date

import click
from flask.cli import FlaskGroup, with_appcontext

from server import create_app
from server.osm.cli import export_group, osm_group


@click.command("demo")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object, for scripts.")
@click.option("--base-url", default=None, help="Address the server is reached at.")
@with_appcontext
def demo_command(as_json: bool, base_url: str | None):
    """Create (or replace) a demo group in Marseille and print how to log in."""
    from server.demo import create_demo

    base_url = _base_url(base_url)
    demo = create_demo(date.today())
    invite_url = f"{base_url}/join/{demo.invite_code}"
    if as_json:
        click.echo(json.dumps({**asdict(demo), "invite_url": invite_url}))
        return
    click.echo(
        f"Demo group created: Technopolice Marseille (démo), id {demo.group_id}\n"
        f"  walk 'Noailles – Vieux-Port' (id {demo.walk_id}): {demo.observations} cameras "
        f"logged, {demo.osm_nodes} cameras already in OSM nearby\n\n"
        f"Walkers join by opening {invite_url}\n"
        f"  (or as 'mouette' with the device token {demo.walker_token})\n\n"
        f"Organiser login: group {demo.group_slug}, pseudonym {demo.organiser_pseudonym}, "
        f"password {demo.organiser_password}\n"
        f"  curl -s {base_url}/api/v1/login -H 'Content-Type: application/json' "
        f'-d \'{{"group": "{demo.group_slug}", "pseudonym": '
        f'"{demo.organiser_pseudonym}", "password": "{demo.organiser_password}"}}\''
    )


@click.group("group")
def group_command():
    """Create and manage groups."""


@group_command.command("create")
@click.argument("name")
@click.option("--hashtags", default=None, help="Campaign hashtags for OSM changesets.")
@click.option("--base-url", default=None, help="Address the server is reached at.")
@with_appcontext
def group_create_command(name: str, hashtags: str | None, base_url: str | None):
    """Create a group and print a one-time link that makes its first organiser."""
    from server.groups.invites import (
        FIRST_ORGANISER_LINK_DAYS,
        create_group_with_organiser_link,
    )

    group, invite = create_group_with_organiser_link(name, hashtags)
    link = f"{_base_url(base_url)}/join/{invite.code}"
    click.echo(
        f"Group '{group.name}' created (id {group.id}, slug {group.slug}).\n"
        f"Open this link once, within {FIRST_ORGANISER_LINK_DAYS} days, to become its "
        f"organiser:\n  {link}"
    )


def _base_url(given: str | None) -> str:
    return (given or f"http://127.0.0.1:{os.environ.get('PORT', '5000')}").rstrip("/")


def _make_app(*_args):
    return create_app()


cli = FlaskGroup(
    create_app=_make_app,
    add_version_option=False,
    help="camwalk: map surveillance cameras on foot, offline first.",
)
cli.add_command(demo_command)
cli.add_command(group_command)
cli.add_command(osm_group)
cli.add_command(export_group)


def main():
    cli.main()
