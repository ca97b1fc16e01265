"""Which clubs the demo province has: where, since when, and what kind of club each is.

The province follows Plan 327: 22 of every 72 clubs date from 2016–2020 and the rest from
2021–2025. Each club gets a ``Profile``: most are run well, some are set up to miss one of the
plan's targets (too little capital for half the members to borrow, a composition off the
shares, many late loans, few meetings or activity areas) so that reports have something to say.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from ledger_engine.ascii_text import ascii_fold
from ledger_engine.demo.geography import District, Province
from ledger_engine.demo.names import pick, village_name

OLD_SHARE = 22 / 72
NEW_CLUB_YEARS = ((2021, 12), (2022, 12), (2023, 11), (2024, 9), (2025, 6))
FOUNDED_BY = date(2025, 6, 30)
#: Share of clubs set up to miss each target: too little capital for half the members to
#: borrow, composition off the plan's shares, many late loans, few meetings or areas.
MISSES = (("coverage", 0.15), ("composition", 0.15), ("par", 0.10), ("management", 0.15))


@dataclass(frozen=True, slots=True)
class Profile:
    size: int  # members the club aims at
    women: float
    older: float
    capital_per_member: int  # VND of IGF capital per member aimed at
    borrowers: float  # share of members who borrow when they can
    demand: float  # chance a willing member asks for a loan at a meeting
    late: float  # share of loans paid late
    default: float  # share of loans that stop being paid
    meetings: int  # monthly meetings held in a year
    areas: int  # activity areas the club runs, of ten
    misses: tuple[str, ...]  # the targets the club is set up to miss


@dataclass(frozen=True, slots=True)
class ClubPlan:
    code: str
    district: District
    commune: str
    village: str
    founded: date
    meeting_day: int
    people: str  # the village's main people
    merged: bool  # records the 2025 merger with a new "club" entry
    profile: Profile
    seed: str

    @property
    def name(self) -> str:
        return f"CLB Liên thế hệ tự giúp nhau {self.village}"

    @property
    def title(self) -> str:
        village = self.village[0].upper() + self.village[1:]
        return ascii_fold(f"CLB LTH {village} {self.commune}").replace("'", "")

    @property
    def filename(self) -> str:
        return f"{self.code.lower()}.beancount"


def split_counts(total: int, weights: list[int]) -> list[int]:
    """``total`` shared by ``weights``: largest remainders, earlier ones first on ties."""
    whole = sum(weights)
    counts = [total * w // whole for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _founding_dates(
    rng: random.Random, old: int, new: int
) -> tuple[list[date], list[date]]:
    olds = []
    for i in range(old):
        year = 2016 + i * 5 // max(old, 1)
        month = rng.randint(1, 3) if i == 0 else rng.randint(1, 12)
        olds.append(date(year, month, rng.randint(5, 25)))
    years = [y for y, _ in NEW_CLUB_YEARS]
    counts = split_counts(new, [w for _, w in NEW_CLUB_YEARS])
    news = []
    for year, count in zip(years, counts, strict=True):
        last = 6 if year == FOUNDED_BY.year else 12
        news += [date(year, rng.randint(1, last), rng.randint(5, 25)) for _ in range(count)]
    return olds, news


def assign_misses(rng: random.Random, clubs: int) -> list[tuple[str, ...]]:
    """Which clubs miss which target: each kind's share of the clubs, drawn at random (a
    club may miss more than one)."""
    found: list[list[str]] = [[] for _ in range(clubs)]
    for kind, share in MISSES:
        for index in sorted(rng.sample(range(clubs), round(clubs * share))):
            found[index].append(kind)
    return [tuple(kinds) for kinds in found]


def _profile(rng: random.Random, members: int | None, misses: tuple[str, ...]) -> Profile:
    women, older = rng.uniform(0.60, 0.72), rng.uniform(0.60, 0.72)
    size = members or rng.randint(52, 70)
    if "composition" in misses:
        kind = rng.choice(("women", "older", "size"))
        women = rng.uniform(0.40, 0.52) if kind == "women" else women
        older = rng.uniform(0.35, 0.50) if kind == "older" else older
        size = rng.randint(34, 46) if kind == "size" and members is None else size
    low = "coverage" in misses
    bad = "par" in misses
    weak = "management" in misses
    return Profile(
        size=size,
        women=women,
        older=older,
        capital_per_member=rng.randint(500, 850) * 1000
        if low
        else rng.randint(1500, 1900) * 1000,
        borrowers=rng.uniform(0.4, 0.55) if low else rng.uniform(0.78, 0.92),
        demand=rng.uniform(0.06, 0.1) if low else rng.uniform(0.18, 0.28),
        late=rng.uniform(0.22, 0.32) if bad else rng.uniform(0.04, 0.12),
        default=rng.uniform(0.10, 0.16) if bad else rng.uniform(0.0, 0.02),
        meetings=rng.randint(6, 9) if weak else rng.choice((11, 12, 12, 12)),
        areas=rng.randint(4, 8) if weak else 10,
        misses=misses,
    )


def plan_province(
    province: Province, clubs: int, members: int | None, seed: int
) -> list[ClubPlan]:
    """The clubs of a demo province, ordered by district and code."""
    rng = random.Random(f"{seed}:{province.code}:plan")
    districts = list(province.districts)
    counts = split_counts(clubs, [d.weight for d in districts])
    old = max(1, round(clubs * OLD_SHARE)) if clubs else 0
    slots = [d for d, n in zip(districts, counts, strict=True) for _ in range(n)]
    olds, news = _founding_dates(rng, old, clubs - old)
    order = list(range(1, len(slots)))
    rng.shuffle(order)
    # The first slot (the largest district's) is always the oldest club, so that one club
    # alone still spans the whole decade.
    founded = dict(zip([0, *order], olds + news, strict=True))
    misses = assign_misses(rng, clubs)
    plans: list[ClubPlan] = []
    for district in districts:
        mine = sorted((founded[i], i) for i, d in enumerate(slots) if d is district)
        used: set[tuple[str, str]] = set()
        for seq, (day, _) in enumerate(mine, start=1):
            profile = _profile(rng, members, misses[len(plans)])
            plans.append(_club(rng, province, district, seq, day, used, profile, seed))
    return plans


def _place(
    rng: random.Random, district: District, highland: bool, used: set[tuple[str, str]]
) -> tuple[str, str]:
    """A commune and a village no other club of the district has; a large province may run
    out of names, and then villages get numbered ("thôn 3 2")."""
    for attempt in range(10_000):
        commune = rng.choice(district.communes)
        village = village_name(rng, highland)
        if attempt >= 50:
            village = f"{village} {attempt - 48}"
        if (commune, village) not in used:
            used.add((commune, village))
            return commune, village
    raise AssertionError(f"no free village name left in {district.name}")


def _club(
    rng: random.Random,
    province: Province,
    district: District,
    seq: int,
    founded: date,
    used: set[tuple[str, str]],
    profile: Profile,
    seed: int,
) -> ClubPlan:
    people = pick(rng, district.peoples)
    commune, village = _place(rng, district, people != "Kinh", used)
    code = f"{province.code}-{district.code}-{seq:03d}"
    return ClubPlan(
        code=code,
        district=district,
        commune=commune,
        village=village,
        founded=founded,
        meeting_day=rng.choice((5, 8, 10, 12, 15, 18, 20, 25)),
        people=people,
        merged=rng.random() < 0.25,
        profile=profile,
        seed=f"{seed}:{code}",
    )
