#!/usr/bin/env python3
"""Mint's demo: optimize a real model every way Mint can, in one table.

Called by utils/demo.sh once Mint is built. For MediaPipe's face detector
(the default) the samples are skimage's lfw_subset (utils/prepare-images.py
puts its 100 faces and 100 non-faces on 128 x 128 canvases): faces 0-49 and
non-faces 100-149, written as PNG files, calibrate (and are the samples of
`mint prune --refit`); faces 50-99 and non-faces 150-199 evaluate. Another
one-image model is calibrated and evaluated on skimage's photographs.

Each row is a `mint` command line (printed as it runs) on the model. For
every result the table gives its size raw and gzip-compressed against the
float32 model, the output SQNR against the float model on the evaluation
images (both run in the TFLite interpreter), the share of face/no-face
decisions that agree with the float model's (face detector only), whether
Mint's own execution gives TFLite's outputs (the same bits, or the largest
difference relative to each output's range), and the latency in Mint's CPU
path and in the TFLite interpreter (XNNPACK), one thread each, measured by
`mint bench --compare-tflite` in the same run. Rows are made and
evaluated `--jobs` at a time (default: the CPU count); the latencies are
measured afterwards, one model at a time. It writes the table as
Markdown and a self-contained HTML report with the per-layer error chart
of the int8 model (`mint compare`).

    utils/demo.py --bin build/bin --model MODEL.tflite --images DIR \\
        --work DIR [--face] [--jobs N]
"""

import argparse
import base64
import concurrent.futures
import gzip
import html
import importlib.util
import json
import os
import shlex
import struct
import subprocess
import sys
import time
import zlib

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


oracle = load_module("oracle", os.path.join(ROOT, "utils", "tflite-oracle.py"))


def log(message):
    print(message, flush=True)


def run(command, shown=None, **kwargs):
    """Runs `command`, printing it (as `shown`, paths shortened, if given);
    exits with its error output if it fails."""
    log(f"$ {shown or shlex.join(command)}")
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode:
        sys.exit(f"demo: {shlex.join(command)} failed:\n{result.stderr}")
    return result.stdout


def write_png(path, pixels):
    """Writes an [H, W, 3] uint8 array as an 8-bit RGB PNG file."""
    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body)))
    height, width, _ = pixels.shape
    # Each row starts with filter type 0 (none).
    rows = b"".join(b"\0" + pixels[y].tobytes() for y in range(height))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" +
                chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                           0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def gzip_size(path):
    with open(path, "rb") as f:
        return len(gzip.compress(f.read(), compresslevel=9))


class Evaluator:
    """The float model's outputs on the evaluation images, and each
    candidate's measures against them."""

    def __init__(self, args, model, images, is_face):
        self.args = args
        self.images = images
        self.is_face = is_face
        self.reference = self.run_tflite(model)

    def run_tflite(self, model):
        interpreter = oracle.make_interpreter(model)
        inputs = interpreter.get_input_details()
        outputs = interpreter.get_output_details()
        results = []
        for image in self.images:
            interpreter.set_tensor(inputs[0]["index"], image)
            interpreter.invoke()
            results.append([interpreter.get_tensor(o["index"]).copy()
                            for o in outputs])
        return results

    def run_mint(self, model, work):
        os.makedirs(work, exist_ok=True)
        command = [os.path.join(self.args.bin, "mint"), "run", model,
                   "--output-dir", os.path.join(work, "out")]
        for index, image in enumerate(self.images):
            path = os.path.join(work, f"eval_{index}.npy")
            np.save(path, image)
            command += ["--input", path]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode:
            sys.exit(f"demo: mint run {model} failed:\n{result.stderr}")
        count = len(self.reference[0])
        return [[np.load(os.path.join(work, "out", f"run_{i}",
                                      f"output_{o}.npy"))
                 for o in range(count)] for i in range(len(self.images))]

    def sqnr(self, outputs):
        values = []
        for position in range(len(self.reference[0])):
            want = np.stack([r[position] for r in self.reference]).astype(
                np.float64)
            got = np.stack([o[position] for o in outputs]).astype(np.float64)
            noise = float(np.sum((want - got) ** 2))
            signal = float(np.sum(want ** 2))
            values.append(float("inf") if noise == 0 else
                          10 * np.log10(signal / noise))
        return values

    def agreement(self, outputs):
        if self.is_face is None:
            return None
        # The detector's decision: a face when its best score's logit
        # (output 1, classificators) is above 0.
        want = np.array([float(np.max(r[1])) > 0 for r in self.reference])
        got = np.array([float(np.max(o[1])) > 0 for o in outputs])
        return float(np.mean(want == got))

    @staticmethod
    def mint_vs_tflite(tflite, mint):
        """The largest |Mint - TFLite| relative to each output's range
        (0: the same bits)."""
        worst = 0.0
        for position in range(len(tflite[0])):
            want = np.stack([t[position] for t in tflite]).astype(np.float64)
            got = np.stack([m[position] for m in mint]).astype(np.float64)
            if np.array_equal(want, got):
                continue
            scale = max(float(np.ptp(want)), float(np.max(np.abs(want))),
                        1e-30)
            worst = max(worst, float(np.max(np.abs(want - got))) / scale)
        return worst


def format_sqnr(values):
    return " / ".join("inf" if np.isinf(v) else f"{v:.1f}" for v in values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, help="Mint's bin directory")
    parser.add_argument("--model", required=True)
    parser.add_argument("--images", required=True,
                        help="the cache's inputs directory (utils/"
                             "prepare-images.py)")
    parser.add_argument("--work", required=True)
    parser.add_argument("--face", action="store_true",
                        help="the model is MediaPipe's face detector: "
                             "calibrate and evaluate on lfw_subset")
    parser.add_argument("--iterations", type=int, default=20,
                        help="mint bench runs per model")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="rows made and evaluated at a time (default: "
                             "the CPU count)")
    parser.add_argument("--only", help="comma-separated row tags to run "
                        "(float32 always runs; int8 for the chart): "
                        "q-f16,q-dyn,q-int8,q-16x8,p24,c16,p24-c16-int8")
    args = parser.parse_args()
    start = time.monotonic()
    mint = os.path.join(args.bin, "mint")
    name = os.path.splitext(os.path.basename(args.model))[0]
    work = args.work
    os.makedirs(os.path.join(work, "images"), exist_ok=True)

    # Inputs: the model's size and range, calibration PNGs, evaluation set.
    shape = tuple(oracle.input_details(args.model)[0]["shape"])
    size = f"{shape[1]}x{shape[2]}"
    face_range = name.startswith("face_detection")
    scale_args = (["--input-mean", "127.5", "--input-std", "127.5"]
                  if face_range else
                  ["--input-scale", str(1 / 255), "--input-offset", "0"])
    if args.face:
        faces = np.load(os.path.join(args.images, "lfw_faces_128x128.npy"))
        calibration = np.concatenate([faces[0:50], faces[100:150]])
        evaluation = np.concatenate([faces[50:100], faces[150:200]])
        is_face = np.array([True] * 50 + [False] * 50)
        described = ("100 lfw_subset images (50 faces, 50 non-faces) that "
                     "calibration never sees")
    else:
        photos = np.load(os.path.join(args.images, f"images_{size}.npy"))
        calibration = evaluation = photos
        is_face = None
        described = (f"the {len(photos)} skimage photographs it is "
                     f"calibrated on")
    for index, image in enumerate(calibration):
        write_png(os.path.join(work, "images", f"{index:03d}.png"),
                  (image * 255 + 0.5).astype(np.uint8))
    low, high = (-1.0, 1.0) if face_range else (0.0, 1.0)
    images = [(low + (high - low) * image[None]).astype(np.float32)
              for image in evaluation]
    log(f"{len(calibration)} calibration images written to "
        f"{os.path.join(work, 'images')}; evaluating on {described}")

    # The float32 model: MediaPipe ships float16 weights, which TFLite
    # widens when it loads them; every ratio is against this form.
    float32 = os.path.join(work, f"{name}.float32.tflite")
    text = run([os.path.join(args.bin, "mint-translate"), "--import-tflite",
                args.model, "--mlir-print-debuginfo"])
    text = subprocess.run(
        [os.path.join(args.bin, "mint-opt"), "--mint-densify",
         "--mint-fold-f16-weights", "--mlir-print-debuginfo"], input=text,
        capture_output=True, text=True, check=True).stdout
    subprocess.run([os.path.join(args.bin, "mint-translate"),
                    "--export-tflite", "-o", float32], input=text,
                   capture_output=True, text=True, check=True)

    data = ["--data", os.path.join(work, "images")] + scale_args
    # label, tag, the row whose result it starts from (None: the model),
    # the mint commands.
    rows = [
        ("float32", None, None, []),
        ("float16", "q-f16", None, [["quantize", "--mode", "float16"]]),
        ("dynamic-range int8", "q-dyn", None,
         [["quantize", "--mode", "dynamic-int8"]]),
        ("int8", "q-int8", None, [["quantize", "--mode", "int8"] + data]),
        ("int16x8", "q-16x8", None,
         [["quantize", "--mode", "int16x8"] + data]),
        ("prune 2:4 + refit", "p24", None,
         [["prune", "--pattern", "2:4", "--refit"] + data]),
        ("cluster 16 (density, every layer), palettized", "c16", None,
         [["cluster", "--clusters", "16", "--init", "density",
           "--min-elements", "0", "--palettize"] + data]),
        ("prune 2:4 + refit, cluster 16 per channel, int8", "p24-c16-int8",
         "p24",
         [["cluster", "--clusters", "16", "--per-channel"] + data,
          ["quantize", "--mode", "int8"] + data]),
    ]

    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - {tag for _, tag, _, _ in rows if tag}
        if unknown:
            sys.exit(f"demo: unknown rows {sorted(unknown)}")
        rows = [row for row in rows
                if row[1] is None or row[1] in wanted or
                any(other[2] == row[1] and other[1] in wanted
                    for other in rows)]

    evaluator = Evaluator(args, args.model, images, is_face)
    float32_bytes = os.path.getsize(float32)
    float32_gzip = gzip_size(float32)

    def make(row, base_model, base_seconds):
        """Runs a row's commands and evaluates the result in TFLite and in
        Mint; returns what the table needs but the latency."""
        label, tag, _, steps = row
        t0 = time.monotonic()
        model = base_model
        summaries = []
        for index, step in enumerate(steps):
            out = os.path.join(work, f"{name}.{tag}.{index}.tflite")
            command = [mint, step[0], model, "-o", out] + step[1:]
            shown = shlex.join(
                ["mint", step[0], os.path.basename(model), "-o",
                 os.path.basename(out)] +
                [os.path.basename(a) if a.startswith(work) else a
                 for a in step[1:]])
            summaries.append((shown, run(command, shown)))
            model = out
        # The time to make it, including the row it starts from.
        seconds = time.monotonic() - t0 + base_seconds
        tflite = evaluator.reference if tag is None else \
            evaluator.run_tflite(model)
        mint_outputs = evaluator.run_mint(model,
                                          os.path.join(work, f"run-{tag}"))
        return {"model": model, "seconds": seconds, "summaries": summaries,
                "tflite": tflite, "mint": mint_outputs}

    # Making and evaluating the rows is independent work (but for rows that
    # start from another's result), so it runs `--jobs` at a time; the
    # latencies are measured afterwards, one model at a time, on an
    # otherwise idle machine. The longest chain is submitted first.
    order = sorted(range(len(rows)), key=lambda i: -sum(
        1 for other in rows if other[2] and other[2] == rows[i][1]))
    # The int8 model's per-layer error, as a chart for the report, once
    # that model is made.
    chart = os.path.join(work, "int8-sqnr.png")
    compare_shown = shlex.join(
        ["mint", "compare", os.path.basename(float32),
         f"{name}.q-int8.0.tflite", "--data", "images", *scale_args,
         "--top", "10", "--plot", os.path.basename(chart)])

    def compare(int8):
        return run([mint, "compare", float32, int8] + data +
                   ["--top", "10", "--plot", chart], compare_shown)

    made, pending = {}, {}
    waiting = list(order)
    comparing = None
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        while waiting or pending:
            for index in list(waiting):
                label, tag, base, steps = rows[index]
                if base and base not in made:
                    continue
                waiting.remove(index)
                base_model = (float32 if tag is None else
                              made[base]["model"] if base else args.model)
                base_seconds = made[base]["seconds"] if base else 0.0
                pending[pool.submit(make, rows[index], base_model,
                                    base_seconds)] = index
            if not pending:
                break
            done, _ = concurrent.futures.wait(
                pending, return_when=concurrent.futures.FIRST_COMPLETED)
            for future in done:
                index = pending.pop(future)
                # result() re-raises a failed command's exit.
                made[rows[index][1]] = future.result()
            # Leaving the pool waits for the comparison too.
            if comparing is None and "q-int8" in made:
                comparing = pool.submit(compare, made["q-int8"]["model"])

    results = []
    summaries = {}
    log("\n== latency, one model at a time")
    for label, tag, base, steps in rows:
        item = made[tag]
        if item["summaries"]:
            summaries[label] = item["summaries"]
        model = item["model"]
        bench = json.loads(run(
            [mint, "bench", model, "--json", "--compare-tflite",
             "--iterations", str(args.iterations)],
            f"mint bench {os.path.basename(model)} --compare-tflite"))
        row = {
            "label": label,
            "file": os.path.basename(model),
            "bytes": os.path.getsize(model),
            "gzip_bytes": gzip_size(model),
            "sqnr_db": evaluator.sqnr(item["tflite"]),
            "agreement": evaluator.agreement(item["tflite"]),
            "mint_vs_tflite": Evaluator.mint_vs_tflite(item["tflite"],
                                                       item["mint"]),
            "mint_ms": bench["median_ms"],
            "tflite_ms": bench["tflite_median_ms"],
            "optimize_s": item["seconds"] if steps else None,
        }
        results.append(row)
        log(f"   {label}: {row['bytes']:,} bytes, SQNR "
            f"{format_sqnr(row['sqnr_db'])} dB, Mint {row['mint_ms']:.2f} "
            f"ms, TFLite {row['tflite_ms']:.2f} ms")
    compare_text = comparing.result() if comparing else ""
    if not comparing:
        chart = None

    table = make_table(results, float32_bytes, float32_gzip, is_face)
    elapsed = time.monotonic() - start
    log("\n" + table)
    with open(os.path.join(work, "demo.md"), "w") as f:
        f.write(table + "\n")
    with open(os.path.join(work, "demo.json"), "w") as f:
        json.dump({"model": name, "float32_bytes": float32_bytes,
                   "rows": results}, f, indent=1)
    report = os.path.join(work, "report.html")
    write_report(report, name, described, table, results, summaries,
                 compare_text, chart, elapsed)
    log(f"\nwrote {report} ({elapsed:.0f} s)")


def make_table(results, float32_bytes, float32_gzip, is_face):
    header = ["model", "bytes (x smaller)", "gzip bytes (x smaller)",
              "output SQNR dB"]
    if is_face is not None:
        header.append("face/no-face as float")
    header += ["Mint = TFLite", "Mint ms", "TFLite ms", "optimize s"]
    lines = ["| " + " | ".join(header) + " |",
             "|" + "---|" * len(header)]
    for r in results:
        same = ("same bits" if r["mint_vs_tflite"] == 0 else
                f"within {r['mint_vs_tflite']:.0e}")
        cells = [r["label"],
                 f"{r['bytes']:,} ({float32_bytes / r['bytes']:.2f})",
                 f"{r['gzip_bytes']:,} ({float32_bytes / r['gzip_bytes']:.2f})",
                 format_sqnr(r["sqnr_db"])]
        if is_face is not None:
            cells.append(f"{r['agreement']:.0%}")
        cells += [same, f"{r['mint_ms']:.2f}",
                  f"{r['tflite_ms']:.2f}" if r["tflite_ms"] is not None
                  else "n/a",
                  "" if r["optimize_s"] is None else f"{r['optimize_s']:.0f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_report(path, name, described, table, results, summaries,
                 compare_text, chart, elapsed):
    def table_html():
        rows = [line for line in table.splitlines() if line.strip()]
        cells = [[c.strip() for c in line.strip("|").split("|")]
                 for line in rows]
        out = ["<table><tr>" + "".join(f"<th>{html.escape(c)}</th>"
                                       for c in cells[0]) + "</tr>"]
        for row in cells[2:]:
            out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>"
                                        for c in row) + "</tr>")
        return "\n".join(out) + "</table>"

    chart_html = ""
    if chart:
        with open(chart, "rb") as f:
            png = base64.b64encode(f.read()).decode()
        chart_html = f"""<h2>Where the int8 error comes from</h2>
<p>Output SQNR of every layer of the int8 model against the float model
(<code>mint compare</code>; bars in model order, red below 10 dB, orange
below 20).</p>
<img alt="per-layer SQNR of the int8 model" src="data:image/png;base64,{png}">
<pre>{html.escape(compare_text)}</pre>"""
    commands = []
    for label, steps in summaries.items():
        for shown, summary in steps:
            commands.append(f"<h3>{html.escape(label)}</h3><pre>$ "
                            f"{html.escape(shown)}\n{html.escape(summary)}"
                            f"</pre>")
    document = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Mint: {html.escape(name)}</title>
<style>
body {{ font-family: sans-serif; max-width: 1100px; margin: 2em auto; }}
table {{ border-collapse: collapse; }}
td, th {{ border: 1px solid #ccc; padding: 4px 8px; text-align: right; }}
td:first-child, th:first-child {{ text-align: left; }}
pre {{ background: #f6f6f6; padding: 8px; overflow-x: auto; }}
</style></head><body>
<h1>Mint: {html.escape(name)}</h1>
<p>Sizes against the float32 model; output SQNR against the float model on
{html.escape(described)}, both in the TFLite interpreter; latency is the
median of <code>mint bench</code> runs, one thread, Mint's CPU path and the
TFLite interpreter with XNNPACK, on this machine ({elapsed:.0f} s in all).
"Mint = TFLite" compares Mint's own execution of each model with TFLite's
on the same images: the same bits, or the largest difference relative to
each output's range (float models sum in another order; dynamic-range
models quantize their activations on the fly, where one step of rounding
moves TFLite's own outputs by that much).</p>
{table_html()}
{chart_html}
<h2>The commands and their summaries</h2>
{''.join(commands)}
</body></html>
"""
    temporary = path + ".tmp"
    with open(temporary, "w") as f:
        f.write(document)
    os.replace(temporary, path)


if __name__ == "__main__":
    main()
