"""The FAQ's newest hold-out sets (English and Spanish): pinned, about real entries, apart from all else.

Each author wrote from the entries' ids and main questions only; questions that matched an earlier
set or a phrasing of the FAQ word for word were dropped unread. A set is run once, when the FAQ
round before it is frozen, and reports figures only (bench/faq_bench.py); the next round reads it.
v5 to v7 (the fifth to seventh authors) were read in stop 34, v8 (an eighth) in stop 35, v9 (a ninth)
in stop 36, v10 (a tenth, who was not shown the in-crisis entry) in stop 37, v11 (an eleventh, shown the
same), v12 (a twelfth) and v13 (a thirteenth) in stop 38, v14 to v16 (a fourteenth to a sixteenth) in stop
39, v17 to v21 (a seventeenth to a twenty-first) in stop 40, v22 to v25 (a twenty-second to a
twenty-fifth) in stop 41, v26 to v29 (a twenty-sixth to a twenty-ninth) in stop 42; v30 (a thirtieth, shown the
same) is the held-out measure, and no phrasing of the FAQ may copy one of its questions.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from bot.domain.faq import DEFAULT_PATH

DATA = Path(__file__).resolve().parents[2] / "data"
# file -> (its sha256, whether it is still held out)
SETS = {
    "faq_holdout_v5.yaml": ("25ba2f75766f7ab348ae1e290949aeeb25dbaa7c509250507dbff56789257d0b", False),
    "faq_es_holdout_v5.yaml": ("42405d24c55bdd0d3b5ed95bd7ee1b6261f578c3cacf0d939ea5b412906be526", False),
    "faq_holdout_v6.yaml": ("155b31c8e3be56553a6b23d059eaac25a93c0ce162b1463633a6f1a479dee13f", False),
    "faq_es_holdout_v6.yaml": ("a525dd357030b029e755e91c425b879b46e0997094079a6e18522f1be606df27", False),
    "faq_holdout_v7.yaml": ("ad46dbfe684cc0e7a3ea12890a4ec514fcde60009584d9b16065da16dee2fb3e", False),
    "faq_es_holdout_v7.yaml": ("6497bdbd213143c35343511a6cd394348e3e9c49f438c9d3dea74de8f5851544", False),
    "faq_holdout_v8.yaml": ("6dd8726113a1dbd2f6dff94eaa3f94e5daf4272bfb64b9db477acf9aa42e42a0", False),
    "faq_es_holdout_v8.yaml": ("8a384782acd57953c293574df1fdf384d2127a5591040201527944be58293cd7", False),
    "faq_holdout_v9.yaml": ("235da8481951b0b6f8270c3444f22c53dd18f9580d1413ace14b9b6203e741a2", False),
    "faq_es_holdout_v9.yaml": ("bbd1e906ead0125575dccc09c543ba1513b5e40859ee628d8c8b15e245252095", False),
    "faq_holdout_v10.yaml": ("8828ffe372b585e064777082b0d3d0afcfa545cccea11873945a289d3139fe9f", False),
    "faq_es_holdout_v10.yaml": ("eccc395f58efc6c32651892dafc7f64ea59e2c61965f366e1a731fdd0c3b7ff3", False),
    "faq_holdout_v11.yaml": ("6702f8d7adca7f1d1ed0e6c61b2e95deaea7b14eb1415123b6ef331242dcde6c", False),
    "faq_es_holdout_v11.yaml": ("d6e35f18ed6fdb013f53674f671ec444d44bab327434ee4bab49e416a44fc078", False),
    "faq_holdout_v12.yaml": ("dccf13d72e91067f945bc3b81489fe7339be408f30ae874b61d0e9ab5a8ad6ae", False),
    "faq_es_holdout_v12.yaml": ("e7813c2464eb6b7da90250479fee9b14888a43c1f79328a3f4cc30105b128359", False),
    "faq_holdout_v13.yaml": ("799bdfacb12108d00b48f623c52c5b7376c25b1547893341821a4c3456d07e5f", False),
    "faq_es_holdout_v13.yaml": ("fc94442be29ab7af1afffe7c165fed014f8acaa53fd1937bff638039ad65e53b", False),
    "faq_holdout_v14.yaml": ("3600172ed9f6a2f225f2cfe2b557897e5f63d0d9b02969755814dcd818c3d980", False),
    "faq_es_holdout_v14.yaml": ("7d8dd8465045ccdb78975a230bfd1a94edb3c649b871a66d106b629a37428685", False),
    "faq_holdout_v15.yaml": ("186d9a198b9187f53632aa7aea7584afe6b7ea6cc1a632010c66ffd00513abac", False),
    "faq_es_holdout_v15.yaml": ("db6822e5aca10b65f89c6d362eea125d12b60d6571fd6e6a78f7f29980643e7e", False),
    "faq_holdout_v16.yaml": ("bfa65d4b031567149baa99b3b556beae65474bca81fa9eaed0c4405ed95d2cff", False),
    "faq_es_holdout_v16.yaml": ("1105806e843bbb3b173fa4732fee7c4dfcd91249af34eab0a1aadf59b5462599", False),
    "faq_holdout_v17.yaml": ("22c51191a1c5c7eaea4745c482ab113c442d4930d6af85660f7a376c3dcc4e3d", False),
    "faq_es_holdout_v17.yaml": ("66f8295f1c699d1e6ff643b57ac1dfdaa9084fefeac965e7d8d92b14cddc7c45", False),
    "faq_holdout_v18.yaml": ("61f129c6deb09805346aa627512589b5959741d84f2f5da77cb0f9539d481cd1", False),
    "faq_es_holdout_v18.yaml": ("ae6c3a89e337b401017b34b58c7a6b4c1fbd3ff7f519a02806771db9b5b3b35e", False),
    "faq_holdout_v19.yaml": ("95a89646eceb725b5cf228442f96ae6ef2f7f10fefb9f94a67570ec7c47ea33b", False),
    "faq_es_holdout_v19.yaml": ("bfc8c0d83453517337ede7e7885559ac60697404472748a92804adc0808c0758", False),
    "faq_holdout_v20.yaml": ("55fa61f9c95d308b1e6f3cb43cf488102a924aef8670ca64f19986f7e42ceffc", False),
    "faq_es_holdout_v20.yaml": ("7b9e69121562c7b79d61b84e0173da319277ddcb6350272628329464704a0519", False),
    "faq_holdout_v21.yaml": ("cc891ab01e2b9ee13ee61ccdecf11ae7895cd06087b9063f944f2ab96577960f", False),
    "faq_es_holdout_v21.yaml": ("aa412853d12451ff2102cbb862b399ec619f771ae1d2fae2ec191632f4fea544", False),
    "faq_holdout_v22.yaml": ("e50f5a5ed7b9604ab6975b81a553d2105d3405d971119232f1f60ccace07feef", False),
    "faq_es_holdout_v22.yaml": ("4191c27a3a83399ea57fb2c870eb91266e3e5e3edfacfad53006b0d1c4597a9f", False),
    "faq_holdout_v23.yaml": ("cb6c73c3cbc0d25f6317f9fcce5a46f285537db2f8bc804b251093e9a67241bf", False),
    "faq_es_holdout_v23.yaml": ("1c458688caf0a177057ce83e1ca5d8ae6d2718e6c932e2da1b53543e01097fc6", False),
    "faq_holdout_v24.yaml": ("557accfc7a69af857a1102c76103fdecc54411fb7465a2575bb70039c559af7b", False),
    "faq_es_holdout_v24.yaml": ("bc6268ceaf57c068019402856973b531af3cf0b183c10574279690fc4b68dd21", False),
    "faq_holdout_v25.yaml": ("66eb4fcc0e1a917ef5e945d8f372d9ba8dff3b8497aaf36f711f82bd04e51e8c", False),
    "faq_es_holdout_v25.yaml": ("de8a1ba7253795615dad489c986aa592bf05c98abeacd31a2a1a3d03e1a4429e", False),
    "faq_holdout_v26.yaml": ("6b80670de611efce8f5090947bebf1e05a1c83c31c2c177dce1defea8ee23d43", False),
    "faq_es_holdout_v26.yaml": ("bacc75f508555876f31bdc33349c5639a0c3b6b1b53b276682fb8d04b2a06c89", False),
    "faq_holdout_v27.yaml": ("64de2e83e4185056f980ed6ef869d3f5d39a178aae9fd651e6f0ef3862fc40bf", False),
    "faq_es_holdout_v27.yaml": ("ef589ca59feb50b930aefcbced12b0eb98ce8e6d8a0d8a2c2273300808002d3d", False),
    "faq_holdout_v28.yaml": ("e181b8a10375ca259b1d34b26f56d5139352540a7fbf77dfc11a7f8c1f300e29", False),
    "faq_es_holdout_v28.yaml": ("d05a35f1519c0cb79b751e0802b5cde3157365107c090479d7019dbd36b223f9", False),
    "faq_holdout_v29.yaml": ("50f16f0aa7c05d5c79a8b0ba486c9a1869eb7c846e5330e711d28b8322f66ff2", False),
    "faq_es_holdout_v29.yaml": ("75a6fb87126c1bc29027222a491178a23621e9c1ea714849538ad9a91b555824", False),
    "faq_holdout_v30.yaml": ("0665accb3661bce878afa75a7bf61051211eaba6c04fb73234794a94a8d2b80e", True),
    "faq_es_holdout_v30.yaml": ("8c460505546af4a09f8597ad1be8587853f057b5f2dd3fe9d5bc321bdea79457", True),
}


def _key(text: object) -> str:
    return " ".join(str(text).casefold().split())


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    return []


def _questions(held: dict[str, object]) -> list[str]:
    return _strings(held["in_scope"]) + _strings(held["off_topic"])


@pytest.mark.parametrize(("name", "sha", "held_out"), [(name, *pin) for name, pin in SETS.items()], ids=list(SETS))
def test_each_set_is_pinned_names_real_entries_and_shares_no_question(name: str, sha: str, held_out: bool) -> None:
    path = DATA / name
    assert hashlib.sha256(path.read_bytes()).hexdigest() == sha
    held = yaml.safe_load(path.read_text(encoding="utf-8"))
    ids = {entry["id"] for entry in yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))["entries"]}
    assert set(held["in_scope"]) <= ids - {"in-crisis"}
    mine = {_key(q) for q in _questions(held)}
    assert len(mine) == len(_questions(held))
    elsewhere = {
        _key(s)
        for other in DATA.glob("faq_*.yaml")
        if other != path
        for s in _strings(yaml.safe_load(other.read_text(encoding="utf-8")))
    }
    faq = {_key(s) for s in _strings(yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))["entries"])}
    assert not mine & elsewhere
    if held_out:  # a read set's questions may have become phrasings; a held-out set's never
        assert not mine & faq
