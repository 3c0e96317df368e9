"""``python -m generator explain PATH``: why the last build made a file again, kept it or
deleted it, and what it depends on, from what that build recorded."""

import subprocess
import sys

from conftest import ROOT, write_sources


def _run(root, *arguments):
    return subprocess.run([sys.executable, "-m", "generator", *arguments], cwd=root, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)


def _build(root):
    result = _run(root, "build", "--sources", "sources", "--out", "docs", "--cache", "cache")
    assert result.returncode == 0, result.stderr


def _explain(root, path):
    return _run(root, "explain", f"docs/{path}", "--sources", "sources", "--out", "docs", "--cache", "cache")


def test_explain_says_why_a_page_was_made_again_kept_or_deleted(tmp_path):
    sources = write_sources(tmp_path)
    (sources / "articles" / "two.md").write_text(
        (sources / "articles" / "one.md").read_text().replace("id: one", "id: two")
        .replace("He said the Accord stands.", "He said little."))
    _build(tmp_path)
    first = _explain(tmp_path, "sources/one.md")
    assert first.returncode == 1 and "recorded none of its pages" in first.stderr  # a first build records none

    article = sources / "articles" / "one.md"
    article.write_text(article.read_text().replace("He said the Accord stands.", "He said the Accord holds."))
    _build(tmp_path)
    made = _explain(tmp_path, "sources/one.md")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("docs/sources/one.md: made again: ") and "no record of it" in made.stdout
    article.write_text(article.read_text().replace("He said the Accord holds.", "He said the Accord stands."))
    _build(tmp_path)
    made = _explain(tmp_path, "sources/one.md")
    assert made.stdout.splitlines()[0] == (
        "docs/sources/one.md: made again: model.findings['one'] returns something else than in the build before")
    assert "depends on: sources/articles/one.md" in made.stdout and "the registry" in made.stdout
    kept = _explain(tmp_path, "sources/two.md")
    assert kept.returncode == 0 and "sources/two.md: kept: its " in kept.stdout
    assert "reads of the site model returned what they returned in the build before" in kept.stdout
    assert "sources/articles/two.md" in kept.stdout

    (sources / "articles" / "two.md").unlink()
    _build(tmp_path)
    deleted = _explain(tmp_path, "sources/two.md")
    assert deleted.returncode == 0
    assert deleted.stdout.strip() == "docs/sources/two.md: deleted by the last build: no page of the site is made there any more"

    _build(tmp_path)  # nothing changed: nothing done
    unchanged = _explain(tmp_path, "sources/one.md")
    assert "kept: the last build found every input as the build before left it" in unchanged.stdout

    islands = sources / "entities" / "islands.yml"  # an entity's own record, given to its page whole
    islands.write_text(islands.read_text().replace("summary: [An island.]", "summary: [An island, disputed.]", 1))
    _build(tmp_path)
    own = _explain(tmp_path, "islands/iturup.md")
    assert "made again: what the page is made of changed (its entity's or its article's own record" in own.stdout
    other = _explain(tmp_path, "people/sergey-lavrov.md")
    assert other.stdout.startswith("docs/people/sergey-lavrov.md: made again: model.registry returns something")

    piped = subprocess.run(f"{sys.executable} -m generator explain docs/sources/one.md --sources sources --out docs "
                           "--cache cache | head -c 10", shell=True, cwd=tmp_path, capture_output=True, text=True,
                           env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert "Traceback" not in piped.stderr  # a reader that stops reading is no error

    handwritten = _explain(tmp_path, "about.md")
    assert handwritten.returncode == 1 and "not a file the last build into docs made" in handwritten.stderr
