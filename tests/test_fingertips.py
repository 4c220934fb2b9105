"""Importing an indicator's values from an OHID Fingertips export."""

import csv
import shutil
import subprocess
import sys

import pytest

from helpers import FIXTURES, REPO
from hwbsite.cli import main

SAMPLE = FIXTURES / "fingertips-sample" / "export.csv"
# How the example board's indicators were imported from its Fingertips export.
EXAMPLE_IMPORTS = {
    "smoking-at-delivery": ("93085", "Female", "All ages"), "school-readiness": ("90631", "Persons", "5 yrs"),
    "adult-smoking": ("92443", "Persons", "18+ yrs"), "physically-active-adults": ("93014", "Persons", "19+ yrs"),
    "suicide-rate": ("41001", "Persons", "10+ yrs"), "low-happiness": ("22304", "Persons", "16+ yrs"),
    "falls-admissions-65": ("22401", "Persons", "65+ yrs"), "reablement-91-days": ("90589", "Persons", "65+ yrs"),
}


def values(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_import_keeps_one_series_and_england_as_comparator(board_repo, capsys):
    repo = board_repo()
    code = main(["--repo", str(repo), "import", "fingertips", str(SAMPLE), "--indicator", "falls-65",
                 "--area", "E10000099", "--fingertips-id", "22401", "--age", "65+ yrs"])
    assert code == 0
    assert values(repo / "data/testboard/indicators/falls-65.csv") == [
        {"period": "2020/21", "value": "", "lower_ci": "", "upper_ci": "", "comparator": "2023"},
        {"period": "2021/22", "value": "2105", "lower_ci": "2035", "upper_ci": "2175", "comparator": "2097"},
        {"period": "2022/23", "value": "2060", "lower_ci": "1990", "upper_ci": "2130", "comparator": "1933"},
    ]
    report = capsys.readouterr().out
    for reason in ("other areas", "other sexes", "other ages", "breakdowns by category", "other indicators"):
        assert reason in report
    assert main(["--repo", str(repo), "validate"]) == 0


@pytest.mark.parametrize("args", [
    ["--indicator", "no-such-indicator", "--area", "E10000099", "--fingertips-id", "22401"],
    ["--indicator", "falls-65", "--area", "E10000099"],                              # two indicators in file
    ["--indicator", "falls-65", "--area", "E10000099", "--fingertips-id", "22401"],  # two ages for the area
    ["--indicator", "falls-65", "--area", "E99999999", "--fingertips-id", "22401"],  # area not in file
])
def test_import_refuses_what_it_cannot_do(board_repo, capsys, args):
    repo = board_repo()
    before = (repo / "data/testboard/indicators/falls-65.csv").read_bytes()
    assert main(["--repo", str(repo), "import", "fingertips", str(SAMPLE), *args]) == 2
    assert (repo / "data/testboard/indicators/falls-65.csv").read_bytes() == before


def test_example_indicators_are_what_the_importer_produces(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "data/exampleshire", repo / "data/exampleshire")
    export = repo / "data/exampleshire/fingertips/phof-export.csv"
    for indicator, (number, sex, age) in EXAMPLE_IMPORTS.items():
        (repo / f"data/exampleshire/indicators/{indicator}.csv").unlink()
        result = subprocess.run([sys.executable, "-m", "hwbsite.cli", "--repo", str(repo), "import", "fingertips",
                                 str(export), "--indicator", indicator, "--area", "E10000099",
                                 "--fingertips-id", number, "--sex", sex, "--age", age], capture_output=True)
        assert result.returncode == 0, result.stderr
        assert (repo / f"data/exampleshire/indicators/{indicator}.csv").read_bytes() == \
            (REPO / f"data/exampleshire/indicators/{indicator}.csv").read_bytes()


def test_a_single_sex_indicator_needs_no_sex_or_age(tmp_path):
    """Smoking at delivery is published for women only, at one age: the only choices are taken."""
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "data/exampleshire", repo / "data/exampleshire")
    target = repo / "data/exampleshire/indicators/smoking-at-delivery.csv"
    target.unlink()
    assert main(["--repo", str(repo), "import", "fingertips", str(repo / "data/exampleshire/fingertips/phof-export.csv"),
                 "--indicator", "smoking-at-delivery", "--area", "E10000099", "--fingertips-id", "93085"]) == 0
    assert target.read_bytes() == (REPO / "data/exampleshire/indicators/smoking-at-delivery.csv").read_bytes()


def test_an_ambiguous_sex_lists_the_choices(board_repo, capsys, tmp_path):
    rows = list(csv.DictReader(SAMPLE.open(newline="", encoding="utf-8-sig")))
    split = []
    for row in rows:
        if row["Indicator ID"] == "22401" and row["Sex"] == "Persons":
            split += [{**row, "Sex": "Male"}, {**row, "Sex": "Female"}]
    export = tmp_path / "by-sex.csv"
    with export.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(split)
    repo = board_repo()
    assert main(["--repo", str(repo), "import", "fingertips", str(export), "--indicator", "falls-65",
                 "--area", "E10000099", "--age", "65+ yrs"]) == 2
    error = capsys.readouterr().err
    assert "Female, Male" in error and "--sex" in error
    assert main(["--repo", str(repo), "import", "fingertips", str(export), "--indicator", "falls-65",
                 "--area", "E10000099", "--age", "65+ yrs", "--sex", "Female"]) == 0
