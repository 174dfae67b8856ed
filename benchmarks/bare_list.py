"""The bare baselines of listing, as whole processes: the same files read, decrypted, parsed.

    bare_list.py index   VAULT PASSFILE   identity.age, then index.age alone
    bare_list.py records VAULT PASSFILE   identity.age, then every records/*.age
    bare_list.py team    VAULT PASSFILE   identity.age, then index.age and people.age

(each file read, decrypted and given to json.loads)

Each prints what `dialog-kit list --json` prints (the team one: every talk of the
index as that JSON, and the people), so the baseline pays for the same output.
It imports nothing of dialog_kit and checks nothing a baseline need not.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from bare_age import Identity, decrypt_with_passphrase


def _row(talk_id: str, on: str, kind: str, name: str, status: str, follow_up: str | None,
         updated: str) -> dict[str, object]:  # fmt: skip
    return {"id": talk_id, "date": on, "kind": kind, "employee": name, "status": status,
            "follow_up": follow_up, "updated": updated}  # fmt: skip


Rows = list[tuple[tuple[str, str], dict[str, object]]]


def _index_rows(identity: Identity, vault: Path) -> Rows:
    plaintext = identity.decrypt((vault / "index.age").read_bytes())
    body = json.loads(plaintext.partition(b"\n")[2])
    rows = []
    for e in body["records"]:  # [file, size, mtime, ctime, inode, id, kind, date, created, ...]
        rows.append(((e[7], e[8]), _row(e[5], e[7], e[6], e[11], e[10], e[16], e[9])))
    return rows


def _record_rows(
    identity: Identity, vault: Path
) -> list[tuple[tuple[str, str], dict[str, object]]]:
    folder = vault / "records"
    rows = []
    for name in sorted(os.listdir(folder)):
        r = json.loads(identity.decrypt((folder / name).read_bytes()))
        rows.append(
            ((r["date"], r["created"]), _row(r["id"], r["date"], r["kind"],
             r["employee"]["name"], r["status"], r["follow_up"], r["updated"]))
        )  # fmt: skip
    return rows


def main() -> int:
    what, vault, pass_file = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    passphrase = pass_file.read_bytes().rstrip(b"\n")
    identity = Identity(decrypt_with_passphrase((vault / "identity.age").read_bytes(), passphrase))
    rows = _record_rows(identity, vault) if what == "records" else _index_rows(identity, vault)
    rows.sort(key=lambda pair: pair[0], reverse=True)
    out = [row for _key, row in rows]
    if what == "team":
        people = json.loads(identity.decrypt((vault / "people.age").read_bytes()))
        print(json.dumps({"talks": out, "people": people}, ensure_ascii=False, indent=2))
    else:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
