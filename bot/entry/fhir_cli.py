"""`python -m bot fhir export CODE [--out FILE]`: a client's questionnaires as a FHIR R4 Bundle (JSON)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.db.session import Database
from bot.domain.questionnaires import fhir


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("fhir", help="FHIR R4 export", description="Export to the clinic's record as FHIR R4.")
    fsub = p.add_subparsers(dest="fhir_command", required=True, metavar="ACTION")
    export = fsub.add_parser(
        "export",
        help="one client's questionnaires and scores as a FHIR R4 Bundle",
        description="Patient (client code only), QuestionnaireResponse per submission, Observation per score "
        "(category survey, derivedFrom its response; LOINC for PHQ-9 and GAD-7 totals). Audited.",
    )
    export.add_argument("code", help="the client's code, e.g. C-1042")
    export.add_argument("--out", type=Path, default=None, help="write the JSON here (default: print it)")


async def run(args: argparse.Namespace, db: Database) -> int:
    async with db.session() as s, s.begin():
        built = await fhir.bundle(s, args.code)
    if built is None:
        print(f"error: no client with the code {args.code!r}", file=sys.stderr)
        return 1
    text = json.dumps(built, indent=2, ensure_ascii=False)
    if args.out is None:
        print(text)
    else:
        args.out.write_text(text + "\n", encoding="utf-8")
        print(f"{len(built['entry'])} resources written to {args.out}")
    return 0
