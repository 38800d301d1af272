"""Write a synthetic data package N× the real one (default 10×), valid under the contract.

    .venv/bin/python benchmarks/scale_data.py [--factor 10] [--src DIR] [--out DIR]

The real package (``ATLAS_DATA_DIR`` or ``data/``) is copied as it is, then every place that has
observations is cloned ``factor - 1`` times under a new id that matches the contract's place_id
pattern (``CN-9xxxxx`` for Chinese places — real adcodes never start with 9 —,
``GII-synthetic-N`` for clusters, ``INST-synthetic-N`` for everything else; the clone keeps the
original's kind, parent and flags), and the clone gets a copy of the original's observations
with values perturbed by a few percent (shares stay within 0–100). Preferred flags, grades,
sources and the checks' rows (checks.csv, with the clone's values) are copied, so every contract
rule (keys, foreign keys, one preferred row per place/indicator/year by the preferred rule)
still holds. coverage.csv is regenerated with the ETL's own function.
The result is loaded with ``load_dataset`` before the script reports success, so an invalid
package fails here, not in the benchmark.

Prints one JSON line: {"dir", "observations", "places", "real_observations", "write_s",
"validate_s"} (no "validate_s" with --no-check, which benchmarks/run.py uses because its own
AppTest run loads the package through the app and reports a validation failure).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.data.contract import PLACE_ID_PATTERN, TABLES_BY_NAME
from dashboard.data.load import load_dataset
from dashboard.data.preferred import flagged

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261124
CN_SYNTHETIC_BASE = 900000  # CN-9xxxxx: outside the range of real administrative codes
CN_SYNTHETIC_MAX = 999999


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _write(name: str, frame: pd.DataFrame, out: Path) -> None:
    table = TABLES_BY_NAME[name]
    frame.reindex(columns=table.column_names).to_csv(out / table.path, index=False,
                                                     lineterminator="\n", encoding="utf-8")


def synthetic_ids(originals: pd.Series, counters: dict[str, int]) -> list[str]:
    """New ids, one per original id, unique across rounds."""
    ids = []
    for place_id in originals:
        if place_id.startswith("CN-") and counters["cn"] < CN_SYNTHETIC_MAX:
            counters["cn"] += 1
            ids.append(f"CN-{counters['cn']:06d}")
        elif place_id.startswith("GII-"):
            counters["gii"] += 1
            ids.append(f"GII-synthetic-{counters['gii']}")
        else:
            counters["inst"] += 1
            ids.append(f"INST-synthetic-{counters['inst']}")
    return ids


def scale(src: Path, out: Path, factor: int, check: bool = True) -> dict:
    t0 = time.perf_counter()
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(src, out)
    places = _read(src / TABLES_BY_NAME["places"].path)
    obs = _read(src / TABLES_BY_NAME["observations"].path)
    indicators = _read(src / TABLES_BY_NAME["indicators"].path)
    shares = set(indicators.loc[indicators["unit"].str.startswith("%"), "indicator_id"])

    used = places[places["place_id"].isin(set(obs["place_id"]))].reset_index(drop=True)
    rng = np.random.default_rng(SEED)
    counters = {"cn": CN_SYNTHETIC_BASE, "gii": 0, "inst": 0}
    new_places, id_maps = [], []
    for round_ in range(1, factor):
        ids = synthetic_ids(used["place_id"], counters)
        clone = used.copy()
        clone["place_id"] = ids
        clone["name_en"] = used["name_en"] + f" (synthetic {round_})"
        clone["name_zh"] = np.where(used["name_zh"] != "",
                                    used["name_zh"] + f"（合成{round_}）", "")
        for col in ("lat", "lon"):
            coords = pd.to_numeric(used[col], errors="coerce")
            jitter = coords + rng.normal(0, 0.5, len(coords))
            limit = 90 if col == "lat" else 180
            clone[col] = [("" if pd.isna(v) else repr(float(np.clip(v, -limit, limit))))
                          for v in jitter]
        new_places.append(clone)
        id_maps.append(dict(zip(used["place_id"], ids, strict=True)))

    # Observations: one perturbed copy per round, vectorised.
    n = len(obs)
    rounds = factor - 1
    big = obs.loc[np.tile(np.arange(n), rounds)].reset_index(drop=True)
    mapped = np.empty(len(big), dtype=object)
    for r, id_map in enumerate(id_maps):
        rows = slice(r * n, (r + 1) * n)
        mapped[rows] = obs["place_id"].map(id_map).to_numpy()
    big["place_id"] = mapped
    values = pd.to_numeric(big["value"]).to_numpy() * rng.lognormal(0, 0.05, len(big))
    is_share = big["indicator_id"].isin(shares).to_numpy()
    values = np.where(is_share, np.clip(values, 0, 100), values)
    big["value"] = values

    # Checks: the clone of a flagged figure is flagged, under its clone's place and value.
    checks = _read(src / TABLES_BY_NAME["checks"].path)
    key = list(TABLES_BY_NAME["observations"].primary_key)
    named = obs.reset_index().merge(checks, on=key)
    cloned = [named[checks.columns].assign(
        place_id=named["place_id"].map(id_map).to_numpy(),
        value=big["value"].to_numpy()[r * n + named["index"].to_numpy()])
        for r, id_map in enumerate(id_maps)]
    all_checks = pd.concat([checks, *cloned], ignore_index=True)

    all_obs = pd.concat([obs, big], ignore_index=True)
    all_places = pd.concat([places, *new_places], ignore_index=True)
    pattern = all_places["place_id"].str.match(PLACE_ID_PATTERN)
    if not pattern.all():
        raise SystemExit(f"synthetic ids break the contract: {all_places[~pattern].head()}")

    _write("places", all_places, out)
    _write("observations", all_obs, out)
    _write("checks", all_checks, out)
    try:  # coverage is generated data: rebuild it with the ETL's own function
        from dashboard.etl.build import coverage
        numbers = {"year": pd.to_numeric, "value": pd.to_numeric}
        typed = all_obs[key].assign(**{c: f(all_obs[c]) for c, f in numbers.items()})
        typed["flagged"] = flagged(typed, all_checks[key].assign(
            **{c: f(all_checks[c]) for c, f in numbers.items()}))
        _write("coverage", coverage(typed, all_places), out)
    except ImportError:  # build extras not installed: the copied coverage.csv stays valid
        pass
    write_s = time.perf_counter() - t0

    result = {"dir": str(out), "observations": len(all_obs), "places": len(all_places),
              "real_observations": n, "write_s": round(write_s, 2)}
    if check:
        t1 = time.perf_counter()
        ds = load_dataset(out)  # raises DataValidationError if the package is not valid
        result["validate_s"] = round(time.perf_counter() - t1, 2)
        assert len(ds.observations) == len(all_obs)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--src", type=Path,
                        default=Path(os.environ.get("ATLAS_DATA_DIR") or ROOT / "data"))
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--no-check", action="store_true",
                        help="skip load_dataset on the result (the caller loads it anyway)")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix=f"atlas-x{args.factor}-")) / "data"
    print(json.dumps(scale(args.src, out, args.factor, check=not args.no_check)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
