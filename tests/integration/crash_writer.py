"""Child program for the crash-safety test: write through the real services until killed.

    python tests/integration/crash_writer.py DATA_DIR SEED

The KDF parameters, user name and password come from the environment (XASO_TEST_KDF as
"time_cost,memory_kib,parallelism", XASO_TEST_USER, XASO_TEST_PASSWORD), so the child opens the
store exactly as the parent created it. After each service call RETURNS (its transaction has
committed), one line is printed and flushed:

    READY                         unlocked, about to write
    OK person <id> <version>      create_person / update_person
    OK vneid <status id> <version>  vneid.set_status
    OK household <id> <version>   households.create_household
    OK delete <person id>         delete_person (soft delete)

The parent SIGKILLs the process at a random moment and checks that every reported write survived.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlmodel import select  # noqa: E402

from core.keyslots import KdfParams  # noqa: E402
from core.models import HouseholdMember, Person  # noqa: E402
from core.personal_id import make_personal_id  # noqa: E402
from core.services import consent, households, persons, vneid  # noqa: E402
from core.store import Store  # noqa: E402

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý")
MALE = (("Văn", "Hùng"), ("Đức", "Thắng"), ("Quốc", "Việt"), ("Minh", "Tuấn"), ("Hữu", "Phước"),
        ("Văn", "Đạt"), ("Thành", "Long"), ("Công", "Khánh"), ("Xuân", "Trường"))
FEMALE = (("Thị", "Hoa"), ("Thị", "Thủy"), ("Ngọc", "Ánh"), ("Thu", "Hương"), ("Thị", "Hòa"),
          ("Bích", "Ngọc"), ("Thị", "Yến"), ("Mỹ", "Duyên"), ("Thị Thu", "Trang"))
PROVINCES = ("01", "26", "31", "38", "40", "44", "46", "48", "79")  # 2004-list codes
PLACES = ("Thanh Hóa", "Nghệ An", "Quảng Bình", "Thừa Thiên Huế", "Hà Nội", "Đà Nẵng")
STATES = ("no_account", "level1", "prepared", "submitted", "issued", "activated")


def say(*parts) -> None:
    print(*parts, flush=True)


def random_person(rng: random.Random) -> dict:
    sex = rng.choice("MF")
    middle, given = rng.choice(MALE if sex == "M" else FEMALE)
    data = {"full_name": f"{rng.choice(SURNAMES)} {middle} {given}", "sex": sex}
    year = rng.randint(1935, 2020)
    roll = rng.random()
    if roll < 0.6:
        data["dob"] = f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    elif roll < 0.8:
        data["dob"] = f"{year:04d}"
    if "dob" in data and rng.random() < 0.6:
        data["personal_number"] = make_personal_id(rng.choice(PROVINCES), year, sex,
                                                   rng.randint(0, 999_999))
    if rng.random() < 0.5:
        data["place_of_birth"] = rng.choice(PLACES)
    return data


def main() -> None:
    data_dir, seed = Path(sys.argv[1]), int(sys.argv[2])
    time_cost, memory_kib, parallelism = (int(x) for x in os.environ["XASO_TEST_KDF"].split(","))
    kdf = KdfParams(time_cost=time_cost, memory_kib=memory_kib, parallelism=parallelism)
    ws = Store(data_dir, kdf=kdf).unlock(os.environ["XASO_TEST_USER"],
                                         os.environ["XASO_TEST_PASSWORD"])
    rng = random.Random(seed)
    with ws.db.read() as session:
        alive = list(session.exec(select(Person.id).where(Person.deleted_at.is_(None))))
        in_household = set(session.exec(select(HouseholdMember.person_id)
                                        .where(HouseholdMember.left_on.is_(None),
                                               HouseholdMember.deleted_at.is_(None))))
    say("READY")
    while True:
        roll = rng.random()
        if roll < 0.35 or len(alive) < 3:
            person = persons.create_person(ws, random_person(rng)).person
            alive.append(person.id)
            say("OK person", person.id, person.version)
        elif roll < 0.60:
            changes = rng.choice(({"place_of_origin": rng.choice(PLACES)},
                                  {"full_name": random_person(rng)["full_name"]},
                                  {"nationality": "Việt Nam", "religion": rng.choice(
                                      ("Không", "Phật giáo", "Công giáo"))}))
            person = persons.update_person(ws, rng.choice(alive), changes).person
            say("OK person", person.id, person.version)
        elif roll < 0.80:
            person_id = rng.choice(alive)
            note = rng.choice((None, "Đã hướng dẫn cài ứng dụng"))
            if note:  # notes are kept only with the resident's consent
                consent.give_consent(ws, person_id, "đồng ý bằng lời", "chính chủ")
            status = vneid.set_status(ws, person_id, rng.choice(STATES), notes=note)
            say("OK vneid", status.id, status.version)
        elif roll < 0.93:
            free = [pid for pid in alive if pid not in in_household]
            if not free:
                continue
            head = rng.choice(free)
            household = households.create_household(
                ws, head, address_text=f"Số {rng.randint(1, 200)}, thôn {rng.randint(1, 9)}")
            in_household.add(head)
            say("OK household", household.id, household.version)
        else:
            victim = rng.choice(alive)
            persons.delete_person(ws, victim, "Nhập trùng (kiểm thử)")
            alive.remove(victim)
            say("OK delete", victim)


if __name__ == "__main__":
    main()
