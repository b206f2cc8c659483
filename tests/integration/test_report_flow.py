"""The response-time report through the real Application (/report) and the command line."""

from __future__ import annotations

import asyncio

from bot import texts
from bot.db.models import Role
from bot.domain.care import alerts
from bot.domain.care.buttons import AlertAck
from bot.entry import cli
from tests.integration.test_alerts_flow import CLIENT, STAFF, THERAPIST, F
from tests.integration.test_team_cli import cli_env as cli_env
from tests.support.harness import Harness


async def _one_acked_crisis(harness: Harness) -> None:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(STAFF, Role.STAFF)
    client = await harness.enroll(CLIENT, therapist_id=therapist.id)
    async with harness.db.session() as s, s.begin():
        alert_id = await alerts.raise_alert(s, client.id, [F("crisis", "si_intent", "said yes")], source="checkin")
    assert alert_id is not None
    await harness.press(THERAPIST, AlertAck(alert_id=alert_id).pack())


async def test_staff_get_the_report_and_its_chart_and_a_therapist_is_refused(harness: Harness) -> None:
    await _one_acked_crisis(harness)
    shown = await harness.send(STAFF, "/report")
    assert "Alert response times" in shown[0] and "T-" in shown[0] and "said yes" not in shown[0]
    photos = [p for p in harness.req.methods("sendPhoto") if int(p["chat_id"]) == STAFF]
    assert len(photos) == 1
    assert await harness.send(STAFF, "/report last week") == [texts.REPORT_BAD_DATES]
    refused = await harness.send(THERAPIST, "/report")
    assert len(refused) == 1 and "Alert response times" not in refused[0]


async def test_the_command_line_prints_the_same_report_and_writes_the_chart(
    cli_env, harness: Harness, capsys, tmp_path
) -> None:
    await _one_acked_crisis(harness)
    chart = tmp_path / "alerts.png"
    code = await asyncio.to_thread(cli.main, ["report", "alerts", "--chart", str(chart)])
    out = capsys.readouterr().out
    assert code == 0 and "Alert response times" in out and "<b>" not in out and "1 acknowledged" in out
    assert chart.read_bytes().startswith(b"\x89PNG")
    assert await asyncio.to_thread(cli.main, ["report", "alerts", "--from", "2001-01-01", "--to", "2001-01-31"]) == 0
    assert "No alerts were raised between 2001-01-01 and 2001-01-31" in capsys.readouterr().out
