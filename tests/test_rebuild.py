"""The committed data/ is exactly what the build makes from the raw sources."""

import filecmp
import subprocess
import sys

from dashboard.data.load import DATA_DIR


def test_frictionless_validates_the_package():
    from frictionless import validate

    report = validate(DATA_DIR / "datapackage.json")
    errors = [] if report.valid else report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.valid, errors[:10]


def test_rebuild_reproduces_committed_data(raw, tmp_path):
    out = tmp_path / "data"
    result = subprocess.run([sys.executable, "-m", "dashboard.etl.build", "--raw", str(raw),
                             "--out", str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    compared = filecmp.dircmp(DATA_DIR, out)

    def differences(cmp: filecmp.dircmp) -> list[str]:
        found = cmp.left_only + cmp.right_only + cmp.diff_files
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    assert differences(compared) == []
