"""Hostile names and paths: traversal in bundled names, output over an input, unwritable dirs."""

from __future__ import annotations

import os

import pytest

from .conftest import assert_one_line_error, run_cli

DOC = "provisions:\n  - kind: article\n    label: '1'\n    text: Everyone has rights.\n"


@pytest.mark.parametrize(
    "name",
    ["sample:../../etc/passwd", "sample:/etc/passwd", "sample:..", "nosuch:2009", "sample:1066"],
)
def test_bundled_names_never_become_paths(capsys, name):
    code, out, err = run_cli(capsys, "parse", name)
    assert_one_line_error(code, err, name)
    assert "root:" not in out


def test_output_equal_to_input_is_refused(capsys, write):
    path = write("doc.yaml", DOC)
    before = path.read_bytes()
    code, _, err = run_cli(capsys, "parse", str(path), "--format", "yaml", "-o", str(path))
    assert_one_line_error(code, err, "doc.yaml", "over an input")
    assert path.read_bytes() == before


def test_output_via_symlink_to_input_is_refused(capsys, write, tmp_path):
    path = write("doc.yaml", DOC)
    link = tmp_path / "link.yaml"
    link.symlink_to(path)
    code, _, err = run_cli(capsys, "parse", str(path), "--format", "yaml", "-o", str(link))
    assert_one_line_error(code, err, "over an input")
    assert path.read_text() == DOC


def test_missing_output_folder(capsys, write, tmp_path):
    path = write("doc.yaml", DOC)
    code, _, err = run_cli(capsys, "parse", str(path), "-o", str(tmp_path / "no" / "out.txt"))
    assert_one_line_error(code, err, "output folder does not exist")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_unwritable_output_folder(capsys, write, tmp_path):
    path = write("doc.yaml", DOC)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, _, err = run_cli(capsys, "parse", str(path), "-o", str(folder / "out.txt"))
        assert_one_line_error(code, err, "cannot write")
    finally:
        folder.chmod(0o700)


def test_failed_write_leaves_previous_output_intact(capsys, write, tmp_path, monkeypatch):
    path = write("doc.yaml", DOC)
    out = tmp_path / "out.txt"
    out.write_text("previous report")

    def boom(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    code, _, err = run_cli(capsys, "parse", str(path), "-o", str(out))
    assert_one_line_error(code, err, "No space left")
    assert out.read_text() == "previous report"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_folder_as_input(capsys, tmp_path):
    code, _, err = run_cli(capsys, "parse", str(tmp_path))
    assert_one_line_error(code, err, "folder")


def test_missing_input(capsys, tmp_path):
    code, _, err = run_cli(capsys, "parse", str(tmp_path / "nope.txt"))
    assert_one_line_error(code, err, "nope.txt", "no such file")
