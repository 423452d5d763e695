"""Counts the flatbuffer vectors of N int64 zeros in a .tflite file: a
uint32 length N followed by 8*N zero bytes (per-channel zero points)."""

import argparse
import struct


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--int64-zeros", type=int, required=True)
    args = parser.parse_args()
    data = open(args.model, "rb").read()
    pattern = struct.pack("<I", args.int64_zeros) + bytes(8 * args.int64_zeros)
    count, start = 0, 0
    while (found := data.find(pattern, start)) >= 0:
        count += 1
        start = found + 1
    print(f"{count} vector(s) of {args.int64_zeros} int64 zeros")


if __name__ == "__main__":
    main()
