"""Require two directories to hold the same .npy files (searched
recursively, by relative path) with bit-identical arrays: two ways of
running a model that must agree exactly."""

import os
import sys

import numpy as np


def npy_files(root):
    found = set()
    for directory, _, names in os.walk(root):
        for name in names:
            if name.endswith(".npy"):
                found.add(os.path.relpath(os.path.join(directory, name), root))
    return found


def main():
    first, second = sys.argv[1:3]
    names = npy_files(first)
    if not names:
        sys.exit(f"{first}: no .npy files")
    if names != npy_files(second):
        sys.exit(f"{first} and {second} hold different files")
    for name in sorted(names):
        a = np.load(os.path.join(first, name))
        b = np.load(os.path.join(second, name))
        if a.dtype != b.dtype or a.shape != b.shape or \
                a.tobytes() != b.tobytes():
            differ = int(np.sum(a != b)) if a.shape == b.shape else "all"
            sys.exit(f"{name}: {differ} values differ")
    print(f"{len(names)} files, every one the same bits")


if __name__ == "__main__":
    main()
