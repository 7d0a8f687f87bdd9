"""Hostile XML: entity bombs, external entities, external DTDs, deep nesting, huge files.

Every case is refused with exit 2 and one line naming the file, before anything is expanded or
fetched, and nothing of a referenced file reaches the output. Inputs are generated here; how
long each refusal takes is measured by ``benchmarks/hostile_xml.py``, not asserted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from condiff.read.akn import parse_akn

from .conftest import assert_one_line_error, run_cli

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SECRET = "condiff-secret-marker-7d1f"


def _akn(body: str, prolog: str = '<?xml version="1.0"?>\n') -> str:
    return (f'{prolog}<akomaNtoso xmlns="{NS}"><act name="x"><body><article eId="art_1">'
            f"<num>Article 1</num><content><p>{body}</p></content></article></body></act>"
            "</akomaNtoso>\n")


def billion_laughs() -> str:
    lines = ['<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        lines.append(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">')
    return _akn("&lol9;", '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n'
                + "\n".join(lines) + "\n]>\n")


def test_billion_laughs_refused(capsys: pytest.CaptureFixture[str],
                                write: Callable[[str, bytes | str], Path]) -> None:
    path = write("laughs.akn.xml", billion_laughs())
    code, out, err = run_cli(capsys, "parse", str(path))
    assert_one_line_error(code, err, "laughs.akn.xml:2:", "document type")
    assert "lol" not in out + err


def test_billion_laughs_in_an_attribute_refused(capsys: pytest.CaptureFixture[str],
                                                write: Callable[[str, bytes | str], Path]
                                                ) -> None:
    text = billion_laughs().replace('<act name="x">', '<act name="&lol9;">')
    path = write("attr.xml", text)
    code, _, err = run_cli(capsys, "parse", str(path))
    assert_one_line_error(code, err, "attr.xml:", "document type")


@pytest.mark.parametrize("command", ["parse", "diff", "check"])
def test_external_entity_to_a_local_file_leaks_nothing(
        capsys: pytest.CaptureFixture[str], write: Callable[[str, bytes | str], Path],
        tmp_path: Path, command: str) -> None:
    secret = write("secret.txt", f"{SECRET}\n")
    path = write("xxe.xml", _akn("&xxe;", '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n'
                                 f'<!ENTITY xxe SYSTEM "file://{secret}">\n]>\n'))
    out_file = tmp_path / "out.yaml"
    args = [command, str(path)] + ([str(path)] if command != "parse" else [])
    if command == "parse":
        args += ["--format", "yaml", "-o", str(out_file)]
    code, out, err = run_cli(capsys, *args)
    assert_one_line_error(code, err, "xxe.xml:2:", "document type")
    assert SECRET not in out + err
    assert not out_file.exists()


def test_parameter_entities_and_external_dtds_refused(
        capsys: pytest.CaptureFixture[str], write: Callable[[str, bytes | str], Path]) -> None:
    cases = {
        "param.xml": '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY % p SYSTEM '
                     '"http://127.0.0.1:9/evil.dtd"> %p;]>\n',
        "extdtd.xml": '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso SYSTEM '
                      '"http://127.0.0.1:9/akn.dtd">\n',
        "public.xml": '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso PUBLIC "-//X//Y" '
                      '"file:///etc/passwd">\n',
    }
    for name, prolog in cases.items():
        path = write(name, _akn("words", prolog))
        code, out, err = run_cli(capsys, "parse", str(path))
        assert_one_line_error(code, err, f"{name}:2:", "document type")
        assert "root:" not in out + err


def test_doctype_in_an_encoding_expat_lacks_is_still_refused() -> None:
    text = _akn("Слова", '<?xml version="1.0" encoding="windows-1251"?>\n'
                '<!DOCTYPE akomaNtoso [<!ENTITY e "x">]>\n')
    with pytest.raises(Exception, match="document type"):
        parse_akn(text.encode("cp1251"), "cp1251.xml")


def test_undeclared_entity_refused(capsys: pytest.CaptureFixture[str],
                                   write: Callable[[str, bytes | str], Path]) -> None:
    path = write("undeclared.xml", _akn("&nbsp; words"))
    code, _, err = run_cli(capsys, "parse", str(path))
    assert_one_line_error(code, err, "undeclared.xml:2:", "entities")


def test_100000_deep_nesting_refused(capsys: pytest.CaptureFixture[str],
                                     write: Callable[[str, bytes | str], Path]) -> None:
    depth = 100_000
    path = write("deep.xml", f'<akomaNtoso xmlns="{NS}">' + "<a>" * depth + "</a>" * depth
                 + "</akomaNtoso>")
    code, _, err = run_cli(capsys, "parse", str(path))
    assert_one_line_error(code, err, "deep.xml:1:", "nested more than 256 levels")


def test_30_mb_file_refused_by_the_size_limit(capsys: pytest.CaptureFixture[str],
                                              write: Callable[[str, bytes | str], Path]) -> None:
    filler = "x" * (30 * 1024 * 1024)
    path = write("big.akn.xml", _akn(filler))
    code, _, err = run_cli(capsys, "parse", str(path))
    assert_one_line_error(code, err, "big.akn.xml", "MB input limit")


def test_30_mb_text_node_refused_even_with_a_raised_limit(
        capsys: pytest.CaptureFixture[str], write: Callable[[str, bytes | str], Path]) -> None:
    path = write("bigtext.akn.xml", _akn("x" * (30 * 1024 * 1024)))
    code, _, err = run_cli(capsys, "parse", str(path), "--max-size", "40")
    assert_one_line_error(code, err, "bigtext.akn.xml:", "text node over 10 MB")


def test_processing_instructions_and_comments_are_inert(
        capsys: pytest.CaptureFixture[str], write: Callable[[str, bytes | str], Path]) -> None:
    text = _akn("Words <!-- a comment --> here.<?php system('id'); ?>",
                '<?xml version="1.0"?>\n<?xml-stylesheet href="http://127.0.0.1:9/x.xsl"?>\n')
    path = write("pi.xml", text)
    code, out, err = run_cli(capsys, "parse", str(path), "--format", "yaml")
    assert code == 0, err
    assert "Words  here." in out and "php" not in out and "comment" not in out
