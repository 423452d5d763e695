"""Check `mint compare`'s report against TFLite, and its PNG.

Runs the float and the quantized model in TFLite on the same samples and
computes each output's SQNR, which must match the report's within 0.01 dB
(Mint's int8 execution equals TFLite's; its float execution is within
float rounding). The PNG must be a well-formed 8-bit RGB image whose pixel
data has the size its header gives.
"""

import argparse
import importlib.util
import json
import struct
import sys
import zlib

import numpy as np


def check_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    offset, chunks = 8, {}
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        crc = struct.unpack(">I", data[offset + 8 + length:offset + 12 +
                                      length])[0]
        if zlib.crc32(kind + body) != crc:
            sys.exit(f"{path}: bad CRC in {kind}")
        chunks.setdefault(kind, b"")
        chunks[kind] += body
        offset += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    if depth != 8 or color != 2:
        sys.exit(f"{path}: expected 8-bit RGB")
    pixels = zlib.decompress(chunks[b"IDAT"])
    if len(pixels) != height * (3 * width + 1):
        sys.exit(f"{path}: pixel data does not fit {width}x{height}")
    return width, height


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--float-model", required=True)
    parser.add_argument("--quantized-model", required=True)
    parser.add_argument("--samples", required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("--plot", required=True)
    parser.add_argument("--oracle", required=True)
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("oracle", args.oracle)
    oracle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(oracle)

    report = json.load(open(args.report))
    samples = np.load(args.samples)
    signal = noise = None
    for sample in samples:
        want = oracle.run(args.float_model, [sample])
        got = oracle.run(args.quantized_model, [sample])
        if signal is None:
            signal, noise = np.zeros(len(want)), np.zeros(len(want))
        for i, (w, g) in enumerate(zip(want, got)):
            w = w.astype(np.float64)
            signal[i] += np.sum(w * w)
            noise[i] += np.sum((g.astype(np.float64) - w) ** 2)
    for i, entry in enumerate(report["outputs"]):
        sqnr = 10 * np.log10(signal[i] / noise[i])
        if abs(sqnr - entry["sqnr_db"]) > 0.01:
            sys.exit(f"output {i}: report says {entry['sqnr_db']} dB, "
                     f"TFLite gives {sqnr:.3f} dB")
    width, height = check_png(args.plot)
    print(f"{len(report['outputs'])} outputs match TFLite's SQNR; "
          f"{len(report['layers'])} layers; plot {width}x{height}")


if __name__ == "__main__":
    main()
