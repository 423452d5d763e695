"""Feed broken model files to mint-translate and mint inspect.

From a valid model MODEL, writes an empty file, truncations at many
lengths, flips of the bits that hold the flatbuffer's structure (root
offset, file identifier, the root table's vtable offset and size) and
seeded random bit flips anywhere. For every file both tools must exit without crashing; a
rejected file must exit non-zero with exactly one line on stderr naming
the file, and leave no output behind. Empty, truncated and structurally
broken files must be rejected; a random flip may land in weight data and
leave a valid model, which must then import.

    check_corrupt_inputs.py MODEL WORK_DIR MINT_TRANSLATE MINT
"""

import os
import random
import struct
import subprocess
import sys


def variants(data):
    yield "empty", b"", True
    # Cuts that remove data the model refers to (the last bytes can be
    # alignment padding, whose loss leaves a valid model).
    for length in sorted({1, 4, 7, 8, 12, 16, 64, len(data) // 4,
                          len(data) // 2, 3 * len(data) // 4,
                          len(data) - 64}):
        if 0 < length < len(data):
            yield f"truncated-{length}", data[:length], True
    # The root offset, the file identifier, the root table's vtable offset
    # and the vtable's own size.
    root = struct.unpack_from("<I", data, 0)[0]
    structural = [0, 1, 2, 3, 4, 5, 6, 7]
    if root + 4 <= len(data):
        structural += list(range(root, root + 4))
        vtable = root - struct.unpack_from("<i", data, root)[0]
        if 0 <= vtable and vtable + 2 <= len(data):
            structural += [vtable, vtable + 1]
    for offset in structural:
        corrupt = bytearray(data)
        corrupt[offset] ^= 0x80
        yield f"structure-{offset}", bytes(corrupt), True
    rng = random.Random(1234)
    for index in range(200):
        corrupt = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            offset = rng.randrange(len(corrupt))
            corrupt[offset] ^= 1 << rng.randrange(8)
        yield f"random-{index}", bytes(corrupt), False


def run(command):
    return subprocess.run(command, capture_output=True, text=True,
                          errors="replace")


def main():
    model, work, translate, mint = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    with open(model, "rb") as f:
        data = f.read()
    counts = {"rejected": 0, "accepted": 0}
    failures = []
    for label, content, must_fail in variants(data):
        path = os.path.join(work, f"{label}.tflite")
        output = os.path.join(work, f"{label}.mlir")
        with open(path, "wb") as f:
            f.write(content)
        for tool, command in (
                ("mint-translate", [translate, "--import-tflite", path,
                                    "-o", output]),
                ("mint inspect", [mint, "inspect", path])):
            result = run(command)
            if result.returncode < 0:
                failures.append(f"{label}: {tool} crashed with signal "
                                f"{-result.returncode}")
                continue
            lines = result.stderr.splitlines()
            if result.returncode == 0:
                if must_fail:
                    failures.append(f"{label}: {tool} accepted a broken file")
                counts["accepted"] += 1
                continue
            counts["rejected"] += 1
            if len(lines) != 1 or path not in lines[0] or "error" not in lines[0]:
                failures.append(f"{label}: {tool} printed {len(lines)} lines: "
                                f"{result.stderr[:300]!r}")
            if tool == "mint-translate" and os.path.exists(output):
                failures.append(f"{label}: mint-translate left {output}")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"corrupt inputs: {counts['rejected']} rejected with one-line "
          f"errors, {counts['accepted']} valid after a random flip, "
          f"no crash")


if __name__ == "__main__":
    main()
