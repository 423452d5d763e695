"""Check the weight of a pruned or clustered one-layer model.

Imports the model with mint-translate (a sparse weight decoded to its
dense value; float32 or int8) and checks, for --pattern N:M, that every
group of M consecutive weights of a row holds at most N non-zeros; for
--pattern block:RxC, that every R x C block is all zero or holds no zero;
for --max-distinct K, that no row holds more than K distinct non-zero
values; for --min-zeros F, that at least that fraction is zero. With
--mint-opt, the imported model goes through `mint-opt --mint-densify`
first, which expands a palettized weight (CAST + GATHER) to its values.
"""

import argparse
import re
import struct
import subprocess
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--mint-translate", required=True)
    parser.add_argument("--pattern")
    parser.add_argument("--max-distinct", type=int)
    parser.add_argument("--min-zeros", type=float)
    parser.add_argument("--mint-opt")
    args = parser.parse_args()
    text = subprocess.run([args.mint_translate, "--import-tflite", args.model],
                          check=True, capture_output=True, text=True).stdout
    if args.mint_opt:
        text = subprocess.run([args.mint_opt, "--mint-densify"], input=text,
                              check=True, capture_output=True,
                              text=True).stdout
    match = re.search(r'dense<"0x([0-9A-F]+)"> : tensor<(\d+)x(\d+)x(f32|i8)>',
                      text)
    if not match:
        sys.exit("no 2-D float32 or int8 weight in the model")
    raw = bytes.fromhex(match.group(1))
    rows, cols = int(match.group(2)), int(match.group(3))
    code = "f" if match.group(4) == "f32" else "b"
    weight = np.array(struct.unpack(f"<{rows * cols}{code}", raw)).reshape(
        rows, cols)
    if args.max_distinct is not None:
        for row in weight:
            distinct = len(set(row[row != 0].tolist()))
            if distinct > args.max_distinct:
                sys.exit(f"a row holds {distinct} distinct non-zero values, "
                         f"more than {args.max_distinct}")
    if args.min_zeros is not None and np.mean(weight == 0) < args.min_zeros:
        sys.exit(f"{np.mean(weight == 0):.1%} zeros, fewer than "
                 f"{args.min_zeros:.1%}")
    if args.pattern is None:
        return
    if args.pattern.startswith("block:"):
        r, c = map(int, args.pattern[len("block:"):].split("x"))
        blocks = weight.reshape(rows // r, r, cols // c, c).transpose(0, 2, 1, 3)
        zeros = (blocks == 0).reshape(rows // r, cols // c, -1)
        mixed = np.sum(np.any(zeros, -1) & ~np.all(zeros, -1))
        if mixed:
            sys.exit(f"{mixed} blocks are partly zero")
    else:
        n, m = map(int, args.pattern.split(":"))
        kept = np.count_nonzero(weight.reshape(-1, m), axis=1)
        if np.any(kept > n):
            sys.exit(f"{np.sum(kept > n)} groups keep more than {n} of {m}")


if __name__ == "__main__":
    main()
