"""`python -m bot fhir export|post [CODE] [--client CODE] [--from DAY] [--to DAY] [--out FILE]`: FHIR R4.

export: one client's Bundle as indented JSON, printed or written to --out; no code: every client, one
compact Bundle per line (NDJSON) to --out, built, validated and written client by client so memory
stays flat. post: the same Bundles, one client at a time, to FHIR_SERVER_URL as transactions (SMART
Backend Services, bot/services/fhir_post.py). Every Bundle is validated first against fhir.resources'
R4B models: by its entries' shapes (bot/domain/questionnaires/fhir_check.py), or with
--full-validation each whole Bundle by `Bundle.model_validate` (the same verdict, some 200 ms a
client-year rather than 3: bench/README.md). Each client is audited.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import httpx
from pydantic_core import to_json

from bot.core.config import Settings
from bot.db.session import Database
from bot.domain.questionnaires import fhir
from bot.domain.records import audit
from bot.entry import cli_args
from bot.services.fhir_post import Poster, PostError, ServerConfig

WHAT = (
    "Patient (client code only), a Questionnaire per instrument answered, a QuestionnaireResponse per "
    "submission, an Observation per score (category survey, derivedFrom its response; LOINC for PHQ-9 and "
    "GAD-7 totals) and per check-in craving and mood (local codes, on the check-in's local date)."
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("fhir", help="FHIR R4 export", description="Export to the clinic's record as FHIR R4.")
    fsub = p.add_subparsers(dest="fhir_command", required=True, metavar="ACTION")
    export = fsub.add_parser(
        "export",
        help="a client's (or every client's) questionnaires, scores and check-ins as FHIR R4 Bundles",
        description=f"{WHAT} With a code: that client's Bundle as JSON. Without: every client, one Bundle "
        "per line (NDJSON) to --out. --from/--to keep responses (by their UTC day) and check-ins (by their "
        "local day) in that window. Every Bundle is validated before it is written; every export is audited.",
    )
    post = fsub.add_parser(
        "post",
        help="the same Bundles posted to FHIR_SERVER_URL (SMART Backend Services)",
        description="Each client's validated Bundle is posted as a transaction of PUTs to stable ids, so "
        "posting again updates rather than duplicates. Stops at the first refusal. Every post is audited.",
    )
    for action in (export, post):
        action.add_argument("code", nargs="?", default=None, help="the client's code, e.g. C-1042 (none: every client)")
        action.add_argument("--client", default=None, metavar="CODE", help="the same as CODE")
        for option, dest, help_text in (
            ("--from", "start", "the first day, included"),
            ("--to", "end", "the last day, included"),
        ):
            action.add_argument(
                option, dest=dest, type=cli_args.day(option), default=None, metavar="YYYY-MM-DD", help=help_text
            )
        action.add_argument(
            "--full-validation",
            action="store_true",
            help="validate each whole Bundle with the R4B models (slow) rather than by its entries' shapes",
        )
    export.add_argument(
        "--out", type=Path, default=None, metavar="FILE", help="one client: default prints it; every client: required"
    )


@dataclass(frozen=True)
class Written:
    clients: int
    resources: int
    bytes: int


async def export_all(
    db: Database,
    out: Path,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    validate: bool = True,
    full: bool = False,
) -> Written:
    """Every client's Bundle as one NDJSON line in `out`; `validate=False` only for the bench, `full`
    to validate each whole Bundle with the models rather than by shapes (fhir.check).

    Written to OUT.part and renamed once the last line is in, so a refused Bundle (InvalidBundle)
    leaves no file behind; the audit rows are committed just before the rename, so no finished file
    exists unaudited. One short read transaction per client lets the bot keep writing meanwhile.
    """
    async with db.session() as s:
        people = await fhir.clients(s)
    part = out.with_name(out.name + ".part")
    exported: list[tuple[int, int]] = []
    # What is loaded by now (modules, mappings, models' schemas) is never garbage: frozen, the collector
    # stops walking it again for each of the million dicts and models an export makes (~15% of its time).
    gc.freeze()
    try:
        with part.open("wb") as f:
            for person_id, code in people:
                async with db.session() as s, s.begin():
                    built = await fhir.build(s, person_id, code, start=start, end=end, validate=validate, full=full)
                f.write(to_json(built) + b"\n")  # compact UTF-8 JSON, as json.dumps would, 4x faster
                exported.append((person_id, len(built["entry"])))
                del built  # never two clients' Bundles in memory at once
        async with db.session() as s, s.begin():
            for person_id, resources in exported:
                fhir.record_export(s, person_id, resources, start, end)
        size = part.stat().st_size
        part.replace(out)
    finally:
        gc.unfreeze()
        part.unlink(missing_ok=True)
    return Written(len(exported), sum(n for _, n in exported), size)


def server_config(settings: Settings) -> ServerConfig:
    """The FHIR_* settings, or BadArgument naming what is missing (the key file is read here, once)."""
    if not settings.fhir_server_url:
        raise cli_args.BadArgument("FHIR_SERVER_URL is not set: there is no server to post to")
    if not (settings.fhir_token_url and settings.fhir_client_id and Path(settings.fhir_key_file).is_file()):
        raise cli_args.BadArgument("posting needs FHIR_TOKEN_URL, FHIR_CLIENT_ID and a readable FHIR_KEY_FILE")
    return ServerConfig.from_settings(settings)


async def post_clients(
    args: argparse.Namespace, settings: Settings, db: Database, transport: httpx.AsyncBaseTransport | None = None
) -> int:
    """Post each client's Bundle (or the one asked for); `transport` lets tests play the server."""
    poster = Poster(server_config(settings), transport)
    code = (args.code or args.client or "").strip().upper()
    async with db.session() as s:
        people = [(pid, c) for pid, c in await fhir.clients(s) if not code or c == code]
    if code and not people:
        print(f"error: no client with the code {code!r}", file=sys.stderr)
        return 1
    for done, (person_id, client_code) in enumerate(people):
        try:
            async with db.session() as s, s.begin():
                built = await fhir.build(
                    s, person_id, client_code, start=args.start, end=args.end, full=args.full_validation
                )
            await poster.post(built)
        except (fhir.InvalidBundle, PostError, httpx.HTTPError) as exc:
            print(f"error: {client_code}: {exc} ({done} of {len(people)} clients posted before it)", file=sys.stderr)
            return 1
        async with db.session() as s, s.begin():
            audit.record(s, "fhir.posted", client_person_id=person_id, resources=len(built["entry"]))
    print(f"{len(people)} clients posted to {settings.fhir_server_url}")
    return 0


async def run(args: argparse.Namespace, settings: Settings, db: Database) -> int:
    if args.code and args.client and args.code.strip().upper() != args.client.strip().upper():
        raise cli_args.BadArgument(f"two different clients given: {args.code} and --client {args.client}")
    cli_args.in_order(args.start, args.end, cli_args.LAST_DAY)  # no --to: open-ended, any --from will do
    if args.fhir_command == "post":
        return await post_clients(args, settings, db)
    if args.out is not None and not args.out.parent.is_dir():
        raise cli_args.BadArgument(f"--out {args.out}: there is no folder {args.out.parent}")
    code = args.code or args.client
    try:
        if code is None:
            if args.out is None:
                raise cli_args.BadArgument("exporting every client needs --out FILE (one Bundle per line, NDJSON)")
            written = await export_all(db, args.out, start=args.start, end=args.end, full=args.full_validation)
            print(f"{written.clients} clients, {written.resources} resources written to {args.out}")
            return 0
        async with db.session() as s, s.begin():
            built = await fhir.bundle(s, code, start=args.start, end=args.end, full=args.full_validation)
    except fhir.InvalidBundle as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if built is None:
        print(f"error: no client with the code {code!r}", file=sys.stderr)
        return 1
    text = json.dumps(built, indent=2, ensure_ascii=False)
    if args.out is None:
        print(text)
    else:
        args.out.write_text(text + "\n", encoding="utf-8")
        print(f"{len(built['entry'])} resources written to {args.out}")
    return 0
