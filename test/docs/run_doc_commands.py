"""Run every command that README.md and docs/*.md show, so they cannot rot.

Commands are the lines of ```sh / ```bash blocks (with `\\` continuations
joined) and the `$ `-prefixed lines of other blocks (transcripts). Each
document's commands run in order, in a fresh directory of their own that
holds the files the docs name: `model.tflite` (MediaPipe's
face_detection_short_range), the MediaPipe models under their own names,
`samples.npy` (16 lfw_subset faces and non-faces in the detector's [-1, 1]
range, one sample each), `photos/` and `images/` (the same as PNG files),
and `image.npy`, `a.npy`, `b.npy`, `x.npy` (one input each). `mint`,
`mint-opt` and `mint-translate` are the build's. A command must exit 0,
except where EXPECTED_FAILURES says which error it must give instead (GPU
commands on a machine without one). In a transcript, the first word of
every output line shown must begin a line of the real output (so renamed
or dropped fields fail; numbers may differ).

Commands that this test does not run, each for a stated reason, are in
NOT_RUN (building and installing, which utils/test.sh itself does before
running this test; the demo; templates with placeholders).

    run_doc_commands.py --bin BUILD/bin --models CACHE --root REPO \\
        --work DIR [DOC.md ...]
"""

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys

import numpy as np

# Why commands that need the Python package are not run here: lit runs
# before utils/test.sh installs it.
PYTHON_PACKAGE = ("needs the Python package, installed after lit runs: "
                  "python/tests/test_docs.py runs it")

# Command prefixes not run here, and why.
NOT_RUN = [
    ("cmake ", "builds and installs Mint: utils/test.sh does it before "
               "running this test"),
    ("ninja ", "builds Mint: utils/test.sh does it before running this "
               "test"),
    ("python3 -m pip install", "installs the Python package: "
                               "utils/test.sh does it before its pytest"),
    ("utils/test.sh", "the test command itself"),
    ("/usr/lib/llvm-22/bin/lit ", "runs the test suite, as utils/test.sh "
                                  "does"),
    ("utils/demo.sh", "the demo (minutes); test/Runtime/Models/demo.test "
                      "runs utils/demo.py"),
    ("python3 -c \"import mint", PYTHON_PACKAGE),
    ("utils/", "a directory listing, not a command"),
    ("bench/", "a directory listing or a benchmark (minutes, not a test)"),
]

# Commands that must fail with this message (a regular expression) on a
# machine without an NVIDIA GPU or the CUDA toolkit, and pass where they
# exist.
EXPECTED_FAILURES = [
    (re.compile(r"--target cuda\b(?!-)"),
     re.compile(r"cannot load the CUDA driver|needs the CUDA toolkit|ptxas")),
]


def load_demo(root):
    """utils/demo.py, for its PNG writer."""
    spec = importlib.util.spec_from_file_location(
        "demo", os.path.join(root, "utils", "demo.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DEMO = load_demo(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))


def prepare(work, models):
    os.makedirs(work, exist_ok=True)
    for name in os.listdir(models):
        if name.endswith(".tflite"):
            os.symlink(os.path.join(models, name), os.path.join(work, name))
    shutil.copy(os.path.join(models, "face_detection_short_range.tflite"),
                os.path.join(work, "model.tflite"))
    faces = np.load(os.path.join(models, "inputs", "lfw_faces_128x128.npy"))
    chosen = np.concatenate([faces[0:8], faces[100:108]])
    np.save(os.path.join(work, "samples.npy"),
            (chosen * 2 - 1).astype(np.float32)[:, None])
    for directory in ("photos", "images"):
        os.makedirs(os.path.join(work, directory))
        for index, image in enumerate(chosen):
            DEMO.write_png(os.path.join(work, directory, f"{index:02d}.png"),
                           (image * 255 + 0.5).astype(np.uint8))
    for index, name in enumerate(("image", "a", "b", "x")):
        np.save(os.path.join(work, name + ".npy"),
                (faces[index] * 2 - 1).astype(np.float32)[None])


def extract(path):
    """(line number, command, shown output lines) of each command."""
    commands = []
    lines = open(path).read().splitlines()
    in_block, language, index = False, "", 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("```"):
            in_block = not in_block
            language = line[3:].strip() if in_block else ""
            index += 1
            continue
        if not in_block:
            index += 1
            continue
        number = index + 1
        if language in ("sh", "bash"):
            text = line.split("  #")[0].rstrip() if "  #" in line else line
            while text.endswith("\\") and index + 1 < len(lines):
                index += 1
                text = text[:-1] + " " + lines[index].strip()
            index += 1
            if text.strip() and not text.lstrip().startswith("#"):
                commands.append((number, text.strip(), []))
            continue
        if language in ("", "console") and line.startswith("$ "):
            text = line[2:]
            index += 1
            shown = []
            while index < len(lines) and not lines[index].startswith(
                    ("$ ", "```")):
                shown.append(lines[index])
                index += 1
            commands.append((number, text.strip(), shown))
            continue
        index += 1
    return commands


def not_run_reason(command):
    for prefix, reason in NOT_RUN:
        if command.startswith(prefix):
            return reason
    if re.search(r"\[--|<[a-z]+>|\.\.\.", command):
        return "a template (placeholders in [ ], < > or ...)"
    return None


def check_shown(shown, output):
    """The first word of each shown output line must begin a real line."""
    starts = {line.split()[0] for line in output.splitlines()
              if line.split()}
    missing = []
    for line in shown:
        words = line.split()
        if not words or words[0] in ("...", "…") or not re.match(
                r"[A-Za-z]", words[0]):
            continue
        if words[0] not in starts:
            missing.append(line)
    return missing


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--models", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("docs", nargs="*")
    args = parser.parse_args()
    docs = args.docs or (["README.md"] + sorted(
        os.path.join("docs", name)
        for name in os.listdir(os.path.join(args.root, "docs"))
        if name.endswith(".md")))
    env = dict(os.environ)
    env["PATH"] = os.path.abspath(args.bin) + os.pathsep + env["PATH"]
    failures, ran, skipped = [], 0, 0
    for doc in docs:
        commands = extract(os.path.join(args.root, doc))
        if not commands:
            continue
        work = os.path.join(args.work, doc.replace("/", "_"))
        shutil.rmtree(work, ignore_errors=True)
        prepare(work, args.models)
        for number, command, shown in commands:
            where = f"{doc}:{number}"
            reason = not_run_reason(command)
            if reason:
                print(f"{where}: not run ({reason}): {command}")
                skipped += 1
                continue
            result = subprocess.run(["bash", "-o", "pipefail", "-c", command],
                                    cwd=work, env=env, capture_output=True,
                                    text=True, timeout=600)
            ran += 1
            output = result.stdout + result.stderr
            expected = next((message for pattern, message in
                             EXPECTED_FAILURES if pattern.search(command)),
                            None)
            if result.returncode != 0:
                if expected and expected.search(output):
                    print(f"{where}: failed as expected without a GPU: "
                          f"{command}")
                    continue
                failures.append(f"{where}: `{command}` exited with "
                                f"{result.returncode}:\n{output[-2000:]}")
                continue
            missing = check_shown(shown, result.stdout)
            if missing:
                failures.append(f"{where}: `{command}` no longer prints "
                                f"lines like: {missing}")
                continue
            print(f"{where}: ok: {command}")
    for failure in failures:
        print(f"FAILED {failure}")
    print(f"{ran} commands run, {ran - len(failures)} passed, "
          f"{skipped} not run (reasons above)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
