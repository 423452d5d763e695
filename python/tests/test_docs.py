"""Every Python example in README.md and docs/*.md runs, so none can rot.

The ```python blocks of each document run in order in one namespace (as
in a notebook), in a directory that holds the files the docs name
(test/docs/run_doc_commands.py's fixtures: model.tflite, samples.npy, the
MediaPipe models, ...). The shell commands of the docs run in lit
(test/Runtime/Models/doc_commands.test), except those that need this
package, which run here."""

import contextlib
import importlib.util
import io
import os
import subprocess

import pytest

from conftest import ROOT, _model_cache

spec = importlib.util.spec_from_file_location(
    "run_doc_commands", os.path.join(ROOT, "test", "docs",
                                     "run_doc_commands.py"))
doc_commands = importlib.util.module_from_spec(spec)
spec.loader.exec_module(doc_commands)


def python_blocks(path):
    """(line number, source) of each ```python block."""
    blocks, lines, start = [], [], None
    for number, line in enumerate(open(path).read().splitlines(), 1):
        if start is None and line.strip() == "```python":
            start, lines = number + 1, []
        elif start is not None and line.startswith("```"):
            blocks.append((start, "\n".join(lines)))
            start = None
        elif start is not None:
            lines.append(line)
    return blocks


DOCS = ["README.md"] + sorted(
    os.path.join("docs", name)
    for name in os.listdir(os.path.join(ROOT, "docs"))
    if name.endswith(".md"))
WITH_PYTHON = [doc for doc in DOCS
               if python_blocks(os.path.join(ROOT, doc))]


def test_some_docs_have_python():
    assert "docs/Python.md" in WITH_PYTHON


@pytest.mark.parametrize("doc", WITH_PYTHON)
def test_python_examples_run(doc, model_path, tmp_path, monkeypatch):
    model_path("face_detection_short_range")  # the cache is there
    work = tmp_path / "work"
    doc_commands.prepare(str(work), _model_cache())
    monkeypatch.chdir(work)
    namespace = {"__name__": "__doc__"}
    for line, source in python_blocks(os.path.join(ROOT, doc)):
        code = compile(source, f"{doc}:{line}", "exec")
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                exec(code, namespace)
            except Exception as error:
                pytest.fail(f"{doc}:{line}: the example raises "
                            f"{type(error).__name__}: {error}")


def package_commands():
    """(doc, line, command) of the shell commands that lit leaves to this
    test because they import the package."""
    found = []
    for doc in DOCS:
        for line, command, _ in doc_commands.extract(os.path.join(ROOT, doc)):
            if doc_commands.not_run_reason(command) == \
                    doc_commands.PYTHON_PACKAGE:
                found.append((doc, line, command))
    return found


def test_some_commands_need_the_package():
    assert package_commands()


@pytest.mark.parametrize("doc,line,command", package_commands())
def test_package_commands_run(doc, line, command, model_path, tmp_path):
    model_path("face_detection_short_range")  # the cache is there
    work = tmp_path / "work"
    doc_commands.prepare(str(work), _model_cache())
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command],
                            cwd=work, capture_output=True, text=True)
    assert result.returncode == 0, \
        f"{doc}:{line}: `{command}` failed:\n{result.stderr[-2000:]}"
