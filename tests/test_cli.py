import subprocess
import sys

from conftest import ROOT, write_sources


def run(*arguments, cwd):
    return subprocess.run([sys.executable, "-m", "generator", *arguments], cwd=cwd, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_build_reports_what_it_wrote(tmp_path):
    write_sources(tmp_path)
    result = run("build", "--sources", "sources", "--out", "docs", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("1 article, 5 entities -> 20 files in docs (20 written, 0 unchanged, 0 deleted; "
                             "20 rendered)\n")
    again = run("build", "--sources", "sources", "--out", "docs", cwd=tmp_path)
    assert again.stdout.endswith("(0 written, 20 unchanged, 0 deleted; 0 rendered)\n")


def test_bad_input_exits_non_zero_with_every_problem_and_writes_nothing(tmp_path):
    write_sources(tmp_path, people="- id: sergey-lavrov\n  name: Sergey Lavrov\n  summary: nothing\n")
    result = run("build", "--sources", "sources", "--out", "docs", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: 1 problem in the sources; nothing was written\n"
        "  sources/entities/people.yml:3: sergey-lavrov.summary: expected a list of 1 to 5 statements (texts, "
        "or mappings with text, cite and quote), found 'nothing'\n")
    assert not (tmp_path / "docs").exists()


def test_usage_errors_exit_2(tmp_path):
    assert run("bild", cwd=tmp_path).returncode == 2


def test_names_that_contradict_the_registry_are_flagged(tmp_path):
    result = run("build", "--out", str(tmp_path / "docs"), cwd=ROOT)
    assert result.returncode == 0
    assert result.stdout.splitlines()[1:] == [
        "flag: sources/articles/vesti-2019-01-14-sovereignty-non-negotiable.md: paragraph 5 calls 'iturup' "
        "“Shikotan”, a name the registry gives to 'shikotan'"]
