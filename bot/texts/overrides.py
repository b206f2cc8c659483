"""A clinic's own wording: any text, per language, from `texts.<lang>.yaml` in the data folder.

```yaml
# data/texts.es.yaml: text name (as in the catalogue's msgctxt) -> the clinic's wording
WELCOME_BACK: "¡Qué gusto verte de nuevo en Riverside!"
CHECKIN_ASK.mood: "¿Cómo te sientes hoy? 1 es muy mal, 5 es muy bien."
```

Checked at start, all at once: an unknown name, a language without a catalogue, or a {placeholder}
the text does not have stops the bot with one message listing every problem.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from bot.core.errors import ConfigError
from bot.texts import catalogue

PATTERN = "texts.*.yaml"


def _sources() -> dict[str, str]:
    """Every text by its catalogue name ("WELCOME_BACK", "CHECKIN_ASK.mood"), in English."""
    from bot.texts import ENGLISH  # the package index (imported late: the package imports this module's siblings)

    found: dict[str, str] = {}
    for name, value in ENGLISH.items():
        if isinstance(value, str):
            found[name] = value
        elif isinstance(value, Mapping):
            found.update({f"{name}.{catalogue.key_name(k)}": v for k, v in value.items() if isinstance(v, str)})
    return found


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def read(folder: Path) -> dict[tuple[str, str], str]:
    """(language, name) -> text from every override file in `folder`; ConfigError listing all problems."""
    sources, problems, found = _sources(), [], {}
    for path in sorted(folder.glob(PATTERN)) if folder.is_dir() else []:
        lang = path.name.removeprefix("texts.").removesuffix(".yaml")
        if catalogue.supported(lang) != lang:
            have = ", ".join(catalogue.languages())
            problems.append(f"{path.name}: no catalogue for language {lang!r} (have {have})")
            continue
        try:
            data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            problems.append(f"{path.name}: not valid YAML ({exc})")
            continue
        if not isinstance(data, dict):
            problems.append(f"{path.name}: expected 'NAME: text' lines")
            continue
        for name, text in data.items():
            source = sources.get(str(name))
            if source is None:
                problems.append(f"{path.name}: {name}: no text has this name")
            elif not isinstance(text, str) or not text.strip():
                problems.append(f"{path.name}: {name}: the text is empty")
            elif _fields(text) != _fields(source):
                want = ", ".join(sorted(_fields(source))) or "none"
                problems.append(f"{path.name}: {name}: placeholders must be {{{want}}}, as in the original")
            else:
                found[(lang, str(name))] = text
    if problems:
        raise ConfigError("TEXT_OVERRIDES_DIR", "has texts that cannot be used", "; ".join(problems))
    return found


def apply(folder: str) -> int:
    """Read and use the clinic's overrides (at start); how many texts they replace."""
    found = read(Path(folder))
    catalogue.use_overrides(found)
    return len(found)
