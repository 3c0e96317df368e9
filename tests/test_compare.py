"""python -m generator compare: the job summary of a pull request."""

import shutil
import subprocess
import sys

from conftest import FRONT_MATTER, ROOT, write_sources


def test_the_summary_lists_pages_links_and_new_suggestions(tmp_path):
    base = write_sources(tmp_path / "base")
    head = tmp_path / "head" / "sources"
    shutil.copytree(base, head)
    (head / "articles" / "two.md").write_text(
        FRONT_MATTER.format(id="two") + "Lavrov met Sergei Lavrov's aide at the Munich Security Conference.\n")
    result = subprocess.run([sys.executable, "-m", "generator", "compare", str(base), "--sources", str(head)],
                            cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == """\
## What this change does to the site

- **Pages:** 1 added, 4 changed, 0 removed
  - added: `sources/two.md`
  - changed: `index.md`, `people/index.md`, `people/sergey-lavrov.md`, `sources/index.md`
- **Entity links:** 1 added, 0 removed
  - added: `two` → `sergey-lavrov`
- **Names no entity covers:** 1 new
  - Munich Security Conference (1)
- **Spellings that look like a known entity:** 1 new
  - Sergei Lavrov → `sergey-lavrov`
"""
