"""``citeman rules``: list the rules, or print one rule's documentation."""

from __future__ import annotations

import click

from citeman import rules, selection
from citeman.cli.inputs import reported_errors
from citeman.errors import UsageError


@click.command("rules")
@click.argument("name", required=False)
def rules_(name: str | None) -> None:
    """List every rule, or explain rule NAME (a code such as CM203 or a name)."""
    with reported_errors():
        if name is None:
            for rule in rules.ALL:
                fix = " [fix]" if rule.fixes else ""
                online = " [online]" if rule.online else ""
                click.echo(f"{rule.code}  {rule.name:<22} {rule.severity.value:<8}"
                           f"{rule.summary}{fix}{online}")  # fmt: skip
            return
        found = rules.get(name)
        if found is None:
            raise UsageError(
                f'no rule "{name}"{selection.suggestion(name)};'
                ' run "citeman rules" for the list'
            )
        rule = found
        click.echo(f"{rule.code} {rule.name} (default severity: {rule.severity.value})")
        click.echo()
        click.echo(rule.doc.strip())
        if rule.defaults:
            click.echo()
            click.echo("Defaults:")
            for option, value in rule.defaults.items():
                click.echo(f"  {option} = {value!r}")
        if rule.fixes:
            click.echo()
            click.echo(f"Fix: {rule.fixes}")
