#!/usr/bin/env python3
"""Mint against TensorFlow's own optimization tools, as one results table.

Run by bench/table/run.sh, in a virtual environment with TensorFlow,
tf_keras, the TF Model Optimization Toolkit (TF-MOT) and the LiteRT
interpreter from PyPI. It trains small classifiers on Fashion-MNIST
(Debian's dataset-fashion-mnist, 28 x 28 padded to 32 x 32), converts each
to a float .tflite with TensorFlow's converter, and optimizes that model
every way TensorFlow's tools and Mint can:

* TFLite post-training: dynamic-range, float16, full-integer int8 and
  int16x8 (with a representative dataset);
* TF-MOT: quantization-aware training (int8), magnitude pruning to 50% and
  to 2:4, weight clustering to 16 clusters, each fine-tuned as TF-MOT
  prescribes (one epoch at a lower learning rate) and converted;
* Mint, on the same float .tflite and the same calibration samples: `mint
  quantize` in every mode (and int8 with its accuracy-recovery options),
  `mint quantize` of the QAT-trained model (its fake quantization folded by
  mint-fold-fake-quant), `mint prune` and `mint cluster` one-shot and with
  their recovery options.

For every result it measures top-1 on the 10k test images in the TFLite
interpreter (and, for Mint's results, in Mint's own CPU runtime too), the
size raw and gzip-compressed, latency in the TFLite interpreter (XNNPACK,
one thread) and in Mint's CPU path on 1 and 2 threads (`mint bench`, one
model at a time on an otherwise idle machine), and the time optimizing
took. A second table puts int8 against int16x8 activations, the form of
TFLite's int16 results, with each float model's activation peak-to-RMS
ratios (what makes int8 activations lose): for the classifiers and for
MediaPipe's selfie segmenter, the model int8 activations break, which Mint
quantizes every integer way (50 faces from skimage's lfw_subset to
calibrate, 50 to score each result's person masks against the float
model's; a third table). Tables go to stdout, RESULTS.md, results.json and
a PNG chart in --work.
"""

import argparse
import concurrent.futures
import gzip
import importlib.util
import json
import os
import shlex
import struct
import subprocess
import sys
import time
import warnings

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402


def log(message):
    print(message, flush=True)


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------

def read_idx(path):
    """An IDX file (the MNIST format) as a numpy array."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_fashion_mnist(directory):
    """Train and test images as float32 [N, 32, 32, 1] in [0, 1] (28 x 28
    padded by 2 pixels of background on every side) and their labels."""
    def images(name):
        raw = read_idx(os.path.join(directory, name))
        padded = np.zeros((raw.shape[0], 32, 32, 1), np.float32)
        padded[:, 2:30, 2:30, 0] = raw / np.float32(255)
        return padded
    return (images("train-images-idx3-ubyte.gz"),
            read_idx(os.path.join(directory, "train-labels-idx1-ubyte.gz")),
            images("t10k-images-idx3-ubyte.gz"),
            read_idx(os.path.join(directory, "t10k-labels-idx1-ubyte.gz")))


# ---------------------------------------------------------------------------
# Models (tf_keras, as TF-MOT needs)
# ---------------------------------------------------------------------------

def mobilenet_v1(keras, alpha):
    """MobileNet-v1's structure (a stride-2 conv, then depthwise-separable
    blocks with batch norm and ReLU6), scaled to 32 x 32 inputs: 16 x 16,
    8 x 8 and 4 x 4 stages."""
    layers = keras.layers

    def conv_bn(x, filters, kernel, stride):
        x = layers.Conv2D(filters, kernel, stride, padding="same",
                          use_bias=False)(x)
        x = layers.BatchNormalization()(x)
        return layers.ReLU(6.0)(x)

    def separable(x, filters, stride):
        x = layers.DepthwiseConv2D(3, stride, padding="same",
                                   use_bias=False)(x)
        x = layers.BatchNormalization()(x)
        x = layers.ReLU(6.0)(x)
        return conv_bn(x, filters, 1, 1)

    inputs = keras.Input((32, 32, 1))
    x = conv_bn(inputs, int(32 * alpha), 3, 2)
    for filters, stride in [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1),
                            (512, 1), (512, 1)]:
        x = separable(x, int(filters * alpha), stride)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.2)(x)
    outputs = layers.Dense(10)(x)
    return keras.Model(inputs, outputs, name="mobilenet_v1")


def mobilenet_v2(keras, alpha):
    """MobileNet-v2's structure (inverted residual blocks: 1x1 expansion,
    depthwise, linear 1x1 projection, residual add), scaled to 32 x 32."""
    layers = keras.layers

    def conv_bn(x, filters, kernel, stride, relu=True):
        if kernel == 1:
            x = layers.Conv2D(filters, 1, use_bias=False)(x)
        else:
            x = layers.Conv2D(filters, kernel, stride, padding="same",
                              use_bias=False)(x)
        x = layers.BatchNormalization()(x)
        return layers.ReLU(6.0)(x) if relu else x

    def inverted(x, expansion, filters, stride):
        channels = x.shape[-1]
        h = conv_bn(x, channels * expansion, 1, 1) if expansion > 1 else x
        h = layers.DepthwiseConv2D(3, stride, padding="same",
                                   use_bias=False)(h)
        h = layers.BatchNormalization()(h)
        h = layers.ReLU(6.0)(h)
        h = conv_bn(h, filters, 1, 1, relu=False)
        if stride == 1 and channels == filters:
            h = layers.Add()([x, h])
        return h

    def width(filters):
        return max(8, int(filters * alpha + 4) // 8 * 8)

    inputs = keras.Input((32, 32, 1))
    x = conv_bn(inputs, width(32), 3, 2)
    for expansion, filters, stride in [(1, 16, 1), (6, 24, 1), (6, 24, 1),
                                       (6, 32, 2), (6, 32, 1), (6, 64, 2),
                                       (6, 64, 1), (6, 96, 1)]:
        x = inverted(x, expansion, width(filters), stride)
    x = conv_bn(x, 320, 1, 1)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.2)(x)
    outputs = layers.Dense(10)(x)
    return keras.Model(inputs, outputs, name="mobilenet_v2")


def swish_se_net(keras, alpha):
    """EfficientNet's ingredients at MobileNet's size: swish activations
    (x * sigmoid(x)), squeeze-and-excite gates and residual adds, with batch
    norm. Swish has no ceiling and the gates multiply activations by
    learned sigmoids, so its activations are heavy-tailed: one int8 scale
    per tensor spends its 256 steps on rare large values (the reason
    EfficientNet-Lite swapped swish for ReLU6 and dropped squeeze-and-excite
    for int8 accelerators)."""
    layers = keras.layers

    def swish(x):
        return layers.Multiply()([x, layers.Activation("sigmoid")(x)])

    def conv_bn(x, filters, kernel=1, stride=1, depthwise=False):
        if depthwise:
            x = layers.DepthwiseConv2D(kernel, stride, padding="same",
                                       use_bias=False)(x)
        else:
            x = layers.Conv2D(filters, kernel, stride, padding="same",
                              use_bias=False)(x)
        # Momentum 0.9: the moving statistics settle within the few
        # hundred steps of training here (with Keras' 0.99 they had not,
        # and inference-mode top-1 stayed at chance).
        return layers.BatchNormalization(momentum=0.9)(x)

    def block(x, filters, stride):
        channels = x.shape[-1]
        h = swish(conv_bn(x, channels * 4))
        h = swish(conv_bn(h, None, 3, stride, depthwise=True))
        squeezed = layers.GlobalAveragePooling2D(keepdims=True)(h)
        squeezed = swish(layers.Conv2D(max(4, channels // 4), 1)(squeezed))
        squeezed = layers.Conv2D(channels * 4, 1, activation="sigmoid")(
            squeezed)
        h = layers.Multiply()([h, squeezed])
        h = conv_bn(h, filters)
        if stride == 1 and channels == filters:
            h = layers.Add()([x, h])
        return h

    inputs = keras.Input((32, 32, 1))
    x = swish(conv_bn(inputs, int(32 * alpha), 3, 2))
    for filters, stride in [(32, 1), (48, 1), (48, 1), (64, 2), (64, 1),
                            (96, 2), (96, 1)]:
        x = block(x, int(filters * alpha), stride)
    x = swish(conv_bn(x, 256))
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.2)(x)
    outputs = layers.Dense(10)(x)
    return keras.Model(inputs, outputs, name="swish_se")


# ---------------------------------------------------------------------------
# Running models
# ---------------------------------------------------------------------------

def gzip_size(path):
    with open(path, "rb") as f:
        return len(gzip.compress(f.read(), compresslevel=9))


def tflite_outputs(path, images):
    """The first output of the model at `path` for every image, in the
    TFLite interpreter (LiteRT, XNNPACK, one thread), as float64 [N, -1]."""
    from ai_edge_litert.interpreter import Interpreter
    interpreter = Interpreter(path, num_threads=1)
    interpreter.allocate_tensors()
    source = interpreter.get_input_details()[0]
    sink = interpreter.get_output_details()[0]
    outputs = []
    for image in images:
        interpreter.set_tensor(source["index"], image[None])
        interpreter.invoke()
        outputs.append(interpreter.get_tensor(sink["index"]).reshape(-1))
    return np.stack(outputs).astype(np.float64)


def tflite_top1(path, images, labels):
    """Top-1 in the TFLite interpreter, and the logits."""
    logits = tflite_outputs(path, images)
    return float(np.mean(np.argmax(logits, axis=1) == labels)), logits


def activation_peak_to_rms(path, images):
    """Per activation (each float tensor an op writes), the ratio of its
    largest magnitude to its RMS over `images`, in the TFLite interpreter:
    a per-tensor int8 scale spends its 256 steps on the peak, so each
    activation's quantization SQNR is about 52.9 - 20 log10(ratio) dB.
    Returns the median, the largest and the largest's tensor, as a row's
    fields."""
    from ai_edge_litert.interpreter import Interpreter
    # LiteRT warns that keeping every tensor is for debugging: it is.
    warnings.filterwarnings("ignore", ".*experimental_preserve_all_tensors")
    interpreter = Interpreter(path, experimental_preserve_all_tensors=True)
    interpreter.allocate_tensors()
    source = interpreter.get_input_details()[0]["index"]
    details = {t["index"]: t for t in interpreter.get_tensor_details()}
    written = sorted({index for op in interpreter._get_ops_details()
                      for index in op["outputs"] if index >= 0})
    values = {index: [] for index in written
              if details[index]["dtype"] == np.float32}
    for image in images:
        interpreter.set_tensor(source, image[None])
        interpreter.invoke()
        for index, seen in values.items():
            seen.append(interpreter.get_tensor(index).astype(
                np.float64).ravel())
    ratios = []
    for index, seen in values.items():
        data = np.concatenate(seen)
        rms = float(np.sqrt(np.mean(data ** 2)))
        if rms > 0:
            ratios.append((float(np.max(np.abs(data))) / rms,
                           details[index]["name"]))
    largest = max(ratios)
    return {"peak_to_rms_median": float(np.median([r for r, _ in ratios])),
            "peak_to_rms_max": largest[0],
            "peak_to_rms_max_tensor": largest[1]}


def sqnr_db(reference, candidate):
    """Output SQNR of `candidate` against `reference` in dB."""
    noise = float(np.sum((reference - candidate) ** 2))
    return float("inf") if noise == 0 else \
        10 * np.log10(float(np.sum(reference ** 2)) / noise)


def run(command, shown=None):
    """Runs `command`, printing it; exits with its error output if it
    fails; returns its stdout."""
    log(f"$ {shown or shlex.join(command)}")
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"table: {shlex.join(command)} failed:\n{result.stderr}")
    return result.stdout


class Mint:
    def __init__(self, bin_dir, work):
        self.bin = bin_dir
        self.work = work

    def tool(self, name):
        return os.path.join(self.bin, name)

    def command(self, subcommand, model, out, options):
        return run([self.tool("mint"), subcommand, model, "-o", out] +
                   options,
                   shlex.join(["mint", subcommand, os.path.basename(model),
                               "-o", os.path.basename(out)] +
                              [os.path.basename(o) if o.startswith(self.work)
                               else o for o in options]))

    def top1(self, model, test_npy, labels, scratch):
        """Top-1 in Mint's CPU runtime: every test image through one
        compiled model (`mint run --data`)."""
        run([self.tool("mint"), "run", model, "--data", test_npy,
             "--output-dir", scratch, "--quiet"])
        logits = np.load(os.path.join(scratch, "output_0.npy"))
        return float(np.mean(np.argmax(logits.reshape(len(labels), -1),
                                       axis=1) == labels))

    def bench(self, model, threads, iterations, compare):
        command = [self.tool("mint"), "bench", model, "--json",
                   "--threads", str(threads), "--iterations",
                   str(iterations)]
        if compare:
            command.append("--compare-tflite")
        return json.loads(run(command))


# ---------------------------------------------------------------------------
# The rows
# ---------------------------------------------------------------------------

class Bench:
    def __init__(self, args, tf, keras, tfmot, data):
        self.args = args
        self.tf, self.keras, self.tfmot = tf, keras, tfmot
        (self.train_x, self.train_y, self.test_x, self.test_y) = data
        rng = np.random.default_rng(0)
        pick = rng.choice(len(self.train_x), args.calibration, replace=False)
        self.calibration = self.train_x[pick]
        self.mint = Mint(args.bin, args.work)
        self.calibration_npy = os.path.join(args.work, "calibration.npy")
        np.save(self.calibration_npy, self.calibration)
        self.test_npy = os.path.join(args.work, "test.npy")
        np.save(self.test_npy, self.test_x)

    # -- Keras -------------------------------------------------------------

    def compile_model(self, model, learning_rate):
        model.compile(
            optimizer=self.keras.optimizers.Adam(learning_rate),
            loss=self.keras.losses.SparseCategoricalCrossentropy(
                from_logits=True),
            metrics=["accuracy"])

    def fit(self, model, epochs, callbacks=(), limit=0):
        """Trains on the training set (its first `limit` images if given)."""
        count = limit or len(self.train_x)
        model.fit(self.train_x[:count], self.train_y[:count], batch_size=128,
                  epochs=epochs,
                  verbose=2 if self.args.verbose else 0,
                  callbacks=list(callbacks))

    def convert(self, model, path, mode=None):
        """TensorFlow's converter on `model`, batch 1 (as on a device):
        mode None (float), "dynamic", "float16", "int8" and "int16x8"
        (post-training, on the calibration samples), "default" (a QAT
        model's int8) or "sparse" (float, pruned weights sparse-encoded)."""
        tf = self.tf

        @tf.function(input_signature=[tf.TensorSpec([1, 32, 32, 1],
                                                    tf.float32)])
        def serve(x):
            return model(x, training=False)

        converter = tf.lite.TFLiteConverter.from_concrete_functions(
            [serve.get_concrete_function()], model)
        if mode in ("dynamic", "float16", "int8", "int16x8", "default"):
            converter.optimizations = [tf.lite.Optimize.DEFAULT]
        if mode == "sparse":
            converter.optimizations = [tf.lite.Optimize.EXPERIMENTAL_SPARSITY]
        if mode == "float16":
            converter.target_spec.supported_types = [tf.float16]
        if mode in ("int8", "int16x8"):
            samples = self.calibration

            def representative():
                for sample in samples:
                    yield [sample[None]]
            converter.representative_dataset = representative
            converter.target_spec.supported_ops = [
                tf.lite.OpsSet.TFLITE_BUILTINS_INT8 if mode == "int8" else
                tf.lite.OpsSet.
                EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8]
        data = converter.convert()
        temporary = path + ".tmp"
        with open(temporary, "wb") as f:
            f.write(data)
        os.replace(temporary, path)
        return path

    def copy(self, model):
        """A copy of `model` with its trained weights: TF-MOT's wrappers
        train the layers they wrap, which must not be the float model's."""
        copy = self.keras.models.clone_model(model)
        copy.set_weights(model.get_weights())
        return copy

    def clone_for(self, model, wrap):
        """A copy of `model` with `wrap` applied to its Conv2D and Dense
        layers (the layers Mint prunes too)."""
        keras = self.keras

        def clone(layer):
            if type(layer) in (keras.layers.Conv2D, keras.layers.Dense):
                return wrap(layer)
            return layer
        return keras.models.clone_model(self.copy(model),
                                        clone_function=clone)

    # -- the rows of one model ----------------------------------------------

    def rows_for(self, name, model, train_seconds):
        """Makes every row's .tflite; returns [(group, label, path,
        optimize seconds, is_mint)]."""
        args, tf, keras, tfmot = self.args, self.tf, self.keras, self.tfmot
        work = os.path.join(args.work, name)
        os.makedirs(work, exist_ok=True)
        rows = []

        def timed(group, label, file, make, mint=False, base_seconds=0.0,
                  may_fail=False):
            """Makes a row's model; a TensorFlow tool that rejects the
            model (may_fail) leaves a row that says why."""
            path = os.path.join(work, file)
            t0 = time.monotonic()
            log(f"== {name}: {label}")
            row = {"group": group, "label": label, "path": path,
                   "mint": mint}
            try:
                make(path)
            except Exception as error:  # noqa: BLE001 - reported in the row
                if not may_fail:
                    raise
                row["failed"] = f"{type(error).__name__}: {error}".split(
                    "\n")[0]
                log(f"   {group} {label} failed: {row['failed']}")
                rows.append(row)
                return None
            row["optimize_s"] = time.monotonic() - t0 + base_seconds
            rows.append(row)
            return path

        float_path = timed("float", "float32 (TF converter)",
                           "float32.tflite",
                           lambda p: self.convert(model, p))
        rows[-1]["optimize_s"] = None
        rows[-1]["train_s"] = train_seconds

        # TFLite post-training.
        for label, mode in [("dynamic-range", "dynamic"),
                            ("float16", "float16"), ("int8", "int8"),
                            ("int16x8", "int16x8")]:
            timed("TFLite post-training", label, f"tflite-{mode}.tflite",
                  lambda p, mode=mode: self.convert(model, p, mode),
                  may_fail=mode == "int16x8")

        # TF-MOT: each fine-tuned one epoch (over --finetune-limit images) at
        # a tenth of the learning rate.
        finetune_rate = args.learning_rate / 10
        qat_float = os.path.join(work, "tfmot-qat-float.tflite")
        if os.path.exists(qat_float):
            os.remove(qat_float)

        def qat(path):
            q = tfmot.quantization.keras.quantize_model(self.copy(model))
            self.compile_model(q, finetune_rate)
            self.fit(q, 1, limit=args.finetune_limit)
            self.convert(q, path, "default")
            # The same trained model without the converter's quantization:
            # a float model with QUANTIZE/DEQUANTIZE ranges, Mint's input.
            self.convert(q, qat_float)
        timed("TF-MOT", "QAT int8", "tfmot-qat-int8.tflite", qat,
              may_fail=True)
        qat_seconds = rows[-1].get("optimize_s", 0.0)

        def prune(path, schedule_or_pattern):
            sparsity = tfmot.sparsity.keras
            if schedule_or_pattern == "2:4":
                def wrap(layer):
                    return sparsity.prune_low_magnitude(
                        layer, sparsity_m_by_n=(2, 4))
            else:
                schedule = sparsity.ConstantSparsity(0.5, begin_step=0,
                                                     frequency=10)

                def wrap(layer):
                    return sparsity.prune_low_magnitude(
                        layer, pruning_schedule=schedule)
            pruned = self.clone_for(model, wrap)
            self.compile_model(pruned, finetune_rate)
            self.fit(pruned, 1, [sparsity.UpdatePruningStep()],
                     limit=args.finetune_limit)
            self.convert(sparsity.strip_pruning(pruned), path, "sparse")
        timed("TF-MOT", "prune 50%", "tfmot-prune50.tflite",
              lambda p: prune(p, "50%"), may_fail=True)
        timed("TF-MOT", "prune 2:4", "tfmot-prune24.tflite",
              lambda p: prune(p, "2:4"), may_fail=True)

        def cluster(path):
            clustering = tfmot.clustering.keras
            init = clustering.CentroidInitialization.KMEANS_PLUS_PLUS
            clustered = clustering.cluster_weights(
                self.copy(model), number_of_clusters=16,
                cluster_centroids_init=init)
            self.compile_model(clustered, finetune_rate)
            self.fit(clustered, 1, limit=args.finetune_limit)
            self.convert(clustering.strip_clustering(clustered), path)
        timed("TF-MOT", "cluster 16 (k-means++)", "tfmot-cluster16.tflite",
              cluster, may_fail=True)

        # Mint, on the float .tflite and the same calibration samples.
        data = ["--data", self.calibration_npy]
        mint = self.mint
        for label, file, subcommand, options, source in [
                ("quantize float16", "mint-float16", "quantize",
                 ["--mode", "float16"], float_path),
                ("quantize dynamic-int8", "mint-dynamic", "quantize",
                 ["--mode", "dynamic-int8"], float_path),
                ("quantize int8", "mint-int8", "quantize",
                 ["--mode", "int8"] + data, float_path),
                ("quantize int8 --equalize --bias-correction "
                 "--calibration-method mse", "mint-int8-recover",
                 "quantize",
                 ["--mode", "int8", "--equalize", "--bias-correction",
                  "--calibration-method", "mse"] + data, float_path),
                ("quantize int16x8", "mint-int16x8", "quantize",
                 ["--mode", "int16x8"] + data, float_path),
                ("quantize int8 of the TF-MOT QAT model", "mint-qat-int8",
                 "quantize", ["--mode", "int8"], qat_float),
                ("prune 50%", "mint-prune50", "prune",
                 ["--sparsity", "0.5"] + data, float_path),
                ("prune 50% --refit", "mint-prune50-refit", "prune",
                 ["--sparsity", "0.5", "--refit"] + data, float_path),
                ("prune 2:4", "mint-prune24", "prune",
                 ["--pattern", "2:4"] + data, float_path),
                ("prune 2:4 --refit", "mint-prune24-refit", "prune",
                 ["--pattern", "2:4", "--refit"] + data, float_path),
                ("cluster 16 (k-means++)", "mint-cluster16", "cluster",
                 ["--clusters", "16", "--init", "kmeans++"] + data,
                 float_path),
                ("cluster 16 per channel", "mint-cluster16-channel",
                 "cluster", ["--clusters", "16", "--per-channel"] + data,
                 float_path)]:
            if source == qat_float and not os.path.exists(qat_float):
                rows.append({"group": "Mint", "label": label, "mint": True,
                             "path": None, "failed": "no QAT model (TF-MOT "
                             "could not train one)"})
                continue
            timed("Mint", label, file + ".tflite",
                  lambda p, s=subcommand, o=options, src=source:
                  mint.command(s, src, p, o),
                  mint=True,
                  base_seconds=qat_seconds if source == qat_float else 0.0)
        return rows

    def measure(self, name, rows):
        """Top-1 (TFLite, and Mint's runtime for Mint's rows), sizes; then
        latency one model at a time."""
        args = self.args
        float_bytes = os.path.getsize(rows[0]["path"])

        def evaluate(row):
            row["bytes"] = os.path.getsize(row["path"])
            row["gzip_bytes"] = gzip_size(row["path"])
            row["x_smaller"] = float_bytes / row["bytes"]
            row["x_smaller_gzip"] = float_bytes / row["gzip_bytes"]
            row["top1_tflite"], row["logits"] = tflite_top1(
                row["path"], self.test_x, self.test_y)
            if row["mint"] or row["group"] == "float":
                scratch = row["path"] + ".outputs"
                row["top1_mint"] = self.mint.top1(
                    row["path"], self.test_npy, self.test_y, scratch)
            log(f"   {name} {row['label']}: top-1 {row['top1_tflite']:.4f}")
            return row

        made = [row for row in rows if "failed" not in row]
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            list(pool.map(evaluate, made))
        rows[0].update(activation_peak_to_rms(rows[0]["path"],
                                              self.test_x[:8]))
        # The logits' SQNR against the float model's, in TFLite: how much
        # of the output quantization moves, beyond the decisions.
        reference = rows[0]["logits"]
        for row in made:
            row["logits_sqnr_db"] = sqnr_db(reference, row.pop("logits"))
        for row in made:
            one = self.mint.bench(row["path"], 1, args.iterations, True)
            two = self.mint.bench(row["path"], 2, args.iterations, False)
            row["tflite_ms"] = one["tflite_median_ms"]
            row["mint_ms_1"] = one["median_ms"]
            row["mint_ms_2"] = two["median_ms"]


# ---------------------------------------------------------------------------
# A model int8 activations break: MediaPipe's selfie segmenter
# ---------------------------------------------------------------------------

SEGMENTER_ROWS = [
    ("quantize int8", "int8", ["--mode", "int8"]),
    ("quantize int8 --calibration-method percentile", "int8-percentile",
     ["--mode", "int8", "--calibration-method", "percentile"]),
    ("quantize int8 --equalize --bias-correction --calibration-method mse",
     "int8-recover", ["--mode", "int8", "--equalize", "--bias-correction",
                      "--calibration-method", "mse"]),
    ("quantize int16x8", "int16x8", ["--mode", "int16x8"]),
]


def load_faces(path, size):
    """skimage's lfw_subset's 100 faces (25 x 25 gray, the first half of
    the file) as [100, size, size, 3] in [0, 1]: close-up portraits, the
    person filling the frame as in a selfie."""
    import tensorflow as tf
    faces = np.load(path)[:100].astype(np.float32)[..., None]
    large = tf.image.resize(faces, (size, size), method="bicubic").numpy()
    return np.clip(np.repeat(large, 3, axis=3), 0, 1).astype(np.float32)


def mask_scores(reference, candidate):
    """Person masks (probability > 0.5) of `candidate` against
    `reference`'s: mean IoU of person and background over all pixels of
    all images, and the share of pixels that agree."""
    ref, got = reference > 0.5, candidate > 0.5
    ious = [np.sum(a & b) / max(np.sum(a | b), 1)
            for a, b in [(ref, got), (~ref, ~got)]]
    return float(np.mean(ious)), float(np.mean(ref == got))


def segmenter_rows(args, mint):
    """MediaPipe's selfie segmenter quantized by Mint every integer way,
    calibrated on 50 faces, scored on 50 others against the float model's
    masks (there is no ground truth; TensorFlow's converter cannot requantize
    a .tflite, so only Mint's rows exist)."""
    from ai_edge_litert.interpreter import Interpreter
    work = os.path.join(args.work, "selfie_segmentation")
    os.makedirs(work, exist_ok=True)
    interpreter = Interpreter(args.segmenter)
    size = int(interpreter.get_input_details()[0]["shape"][1])
    faces = load_faces(args.faces, size)
    calibration = os.path.join(work, "calibration.npy")
    np.save(calibration, faces[:50])
    test = faces[50:]
    log(f"== selfie_segmentation: {size} x {size}, 50 faces to calibrate, "
        f"50 to score")
    reference = tflite_outputs(args.segmenter, test)
    rows = [{"label": "float32 (MediaPipe)", "path": args.segmenter,
             "miou": 1.0, "agreement": 1.0, "sqnr_db": float("inf"),
             "person_share": float(np.mean(reference > 0.5))}]
    rows[0].update(activation_peak_to_rms(args.segmenter, test[:8]))
    for label, file, options in SEGMENTER_ROWS:
        path = os.path.join(work, f"mint-{file}.tflite")
        t0 = time.monotonic()
        log(f"== selfie_segmentation: {label}")
        mint.command("quantize", args.segmenter, path,
                     options + ["--data", calibration])
        row = {"label": label, "path": path,
               "optimize_s": time.monotonic() - t0}
        outputs = tflite_outputs(path, test)
        row["miou"], row["agreement"] = mask_scores(reference, outputs)
        row["sqnr_db"] = sqnr_db(reference, outputs)
        log(f"   mIoU {row['miou']:.3f}, {row['agreement']:.1%} of pixels "
            f"agree, SQNR {row['sqnr_db']:.1f} dB")
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------
# Tables and chart
# ---------------------------------------------------------------------------

def results_table(models):
    header = ["model", "tool", "optimization", "top-1 TFLite",
              "top-1 Mint", "bytes (x smaller)", "gzip bytes (x smaller)",
              "TFLite ms", "Mint ms 1 thread", "Mint ms 2 threads",
              "optimize s"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, rows in models.items():
        for r in rows:
            if "failed" in r:
                lines.append("| " + " | ".join(
                    [name, r["group"], r["label"],
                     f"failed: {r['failed'][:120]}"] + [""] * 7) + " |")
                continue
            top1_mint = (f"{r['top1_mint']:.4f}" if "top1_mint" in r
                         else "")
            optimize = ("" if r["optimize_s"] is None
                        else f"{r['optimize_s']:.0f}")
            if r["group"] == "float":
                optimize = f"(training {r['train_s']:.0f})"
            lines.append("| " + " | ".join([
                name, r["group"], r["label"], f"{r['top1_tflite']:.4f}",
                top1_mint, f"{r['bytes']:,} ({r['x_smaller']:.2f})",
                f"{r['gzip_bytes']:,} ({r['x_smaller_gzip']:.2f})",
                f"{r['tflite_ms']:.3f}", f"{r['mint_ms_1']:.3f}",
                f"{r['mint_ms_2']:.3f}", optimize]) + " |")
    return "\n".join(lines)


def peak_to_rms(row):
    return (f"{row['peak_to_rms_median']:.1f} / {row['peak_to_rms_max']:.1f}"
            f" ({row['peak_to_rms_max_tensor'].split(';')[0]})")


def int16_table(models, segmenter, test_count):
    """TFLite's int16 table's form: each model's metric with float32, int8
    and int16 activations (int8 weights), by TFLite's quantizer and by
    Mint's, and the output's SQNR against the float model's."""
    recover = ("quantize int8 --equalize --bias-correction "
               "--calibration-method mse")
    header = ["model", "metric", "float32", "int8 act. (TFLite)",
              "int8 act. (Mint)",
              f"int8 act. (Mint, {recover.removeprefix('quantize int8 ')})",
              "int16 act. (TFLite)", "int16 act. (Mint)",
              "output SQNR dB vs float: int8 TFLite / int8 Mint / int16 "
              "TFLite / int16 Mint",
              "activation peak / RMS: median / largest"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    keys = [("TFLite post-training", "int8"), ("Mint", "quantize int8"),
            ("Mint", recover), ("TFLite post-training", "int16x8"),
            ("Mint", "quantize int16x8")]
    for name, rows in models.items():
        by = {(r["group"], r["label"]): r for r in rows}

        def cell(key, field, form):
            row = by.get(key)
            return "failed" if row is None or "failed" in row else \
                form.format(row[field])
        lines.append("| " + " | ".join(
            [name, f"top-1 ({test_count:,} test images)",
             cell(("float", "float32 (TF converter)"), "top1_tflite",
                  "{:.4f}")] +
            [cell(key, "top1_tflite", "{:.4f}") for key in keys] +
            [" / ".join(cell(key, "logits_sqnr_db", "{:.1f}")
                        for key in [keys[0], keys[1], keys[3], keys[4]]),
             peak_to_rms(rows[0])]) + " |")
    if segmenter:
        by = {r["label"]: r for r in segmenter}

        def miou(label):
            r = by[label]
            return f"{r['miou']:.3f} ({r['agreement']:.1%})"
        lines.append("| " + " | ".join([
            "selfie_segmentation (MediaPipe)",
            "mean IoU (pixels agreeing) with the float model's person "
            "masks, 50 faces", "1 (reference)", "n/a",
            miou("quantize int8"), miou(recover), "n/a",
            miou("quantize int16x8"),
            f"n/a / {by['quantize int8']['sqnr_db']:.1f} / n/a / "
            f"{by['quantize int16x8']['sqnr_db']:.1f}",
            peak_to_rms(segmenter[0])]) + " |")
    return "\n".join(lines)


def segmenter_table(rows):
    header = ["selfie_segmentation", "mean IoU with float masks",
              "pixels agreeing", "output SQNR dB", "bytes", "optimize s"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        optimize = f"{r['optimize_s']:.0f}" if "optimize_s" in r else ""
        lines.append("| " + " | ".join([
            r["label"], f"{r['miou']:.3f}", f"{r['agreement']:.1%}",
            f"{r['sqnr_db']:.1f}", f"{os.path.getsize(r['path']):,}",
            optimize]) + " |")
    return "\n".join(lines)


def write_chart(path, models):
    """Top-1 (TFLite) against size for every row, one panel per model, as
    a PNG drawn here (no plotting library needed): a bar per row, float
    grey, TFLite/TF-MOT blue, Mint green, bar height = top-1 above the
    panel's lowest value."""
    names = list(models)
    rows_max = max(len(rows) for rows in models.values())
    bar, gap, height, panel_gap = 10, 4, 160, 30
    width = 40 + rows_max * (bar + gap)
    total_height = len(names) * (height + panel_gap) + 10
    pixels = np.full((total_height, width, 3), 255, np.uint8)
    colors = {"float": (128, 128, 128), "TFLite post-training": (66, 133, 244),
              "TF-MOT": (26, 80, 180), "Mint": (52, 168, 83)}
    for panel, name in enumerate(names):
        rows = [r for r in models[name] if "failed" not in r]
        top = 10 + panel * (height + panel_gap)
        values = [r["top1_tflite"] for r in rows]
        low = min(values) - 0.01
        high = max(values)
        pixels[top + height, 30:width - 5] = (0, 0, 0)
        for index, r in enumerate(rows):
            share = (r["top1_tflite"] - low) / max(high - low, 1e-9)
            bar_height = int(share * (height - 10))
            x = 36 + index * (bar + gap)
            pixels[top + height - bar_height:top + height, x:x + bar] = \
                colors[r["group"]]
    write_png(path, pixels)


def write_png(path, pixels):
    """utils/demo.py's PNG writer (no imaging library needed)."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    spec = importlib.util.spec_from_file_location(
        "demo", os.path.join(root, "utils", "demo.py"))
    demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo)
    demo.write_png(path, pixels)


# ---------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, help="Mint's bin directory")
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--work", required=True)
    parser.add_argument("--models", default="mobilenet_v1,mobilenet_v2,"
                        "swish_se", help="comma-separated")
    parser.add_argument("--alpha", type=float, default=0.5,
                        help="width multiplier")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--finetune-limit", type=int, default=20000,
                        help="TF-MOT fine-tunes one epoch over this many "
                             "training images (0: all)")
    parser.add_argument("--learning-rate", type=float, default=2e-3)
    parser.add_argument("--calibration", type=int, default=200,
                        help="training images to calibrate on")
    parser.add_argument("--train-limit", type=int, default=0,
                        help="train on this many images (0: all 60k)")
    parser.add_argument("--test-limit", type=int, default=0,
                        help="evaluate on this many images (0: all 10k)")
    parser.add_argument("--iterations", type=int, default=200,
                        help="timed runs per latency")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--segmenter", default=os.path.join(
        os.environ.get("MINT_MODEL_CACHE",
                       os.path.expanduser("~/.cache/mint/models")),
        "selfie_segmentation.tflite"),
        help="MediaPipe's selfie segmenter, the model int8 activations "
             "break ('': leave it out)")
    parser.add_argument("--faces", default="/usr/lib/python3/dist-packages/"
                        "skimage/data/lfw_subset.npy",
                        help="skimage's lfw_subset.npy (python3-skimage)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    args.work = os.path.abspath(args.work)
    for path, what in [(args.segmenter, "--segmenter"), (args.faces if
                       args.segmenter else "", "--faces")]:
        if path and not os.path.exists(path):
            sys.exit(f"table: {what} {path}: no such file (bench/table/"
                     f"run.sh fetches it; --segmenter '' leaves the "
                     f"segmenter out)")
    os.makedirs(args.work, exist_ok=True)
    start = time.monotonic()

    import tensorflow as tf
    import tf_keras as keras
    import tensorflow_model_optimization as tfmot
    tf.random.set_seed(0)
    keras.utils.set_random_seed(0)

    train_x, train_y, test_x, test_y = load_fashion_mnist(args.data)
    if args.train_limit:
        train_x, train_y = train_x[:args.train_limit], train_y[:args.train_limit]
    if args.test_limit:
        test_x, test_y = test_x[:args.test_limit], test_y[:args.test_limit]
    log(f"Fashion-MNIST: {len(train_x)} training, {len(test_x)} test images "
        f"(32 x 32); TensorFlow {tf.__version__}, TF-MOT "
        f"{tfmot.__version__ if hasattr(tfmot, '__version__') else '?'}")
    bench = Bench(args, tf, keras, tfmot, (train_x, train_y, test_x, test_y))

    builders = {"mobilenet_v1": mobilenet_v1, "mobilenet_v2": mobilenet_v2,
                "swish_se": swish_se_net}
    models = {}
    for name in args.models.split(","):
        if name not in builders:
            sys.exit(f"table: unknown model {name!r}; known: "
                     f"{', '.join(builders)}")
        model = builders[name](keras, args.alpha)
        bench.compile_model(model, args.learning_rate)
        log(f"== {name}: training {args.epochs} epochs "
            f"({model.count_params():,} parameters)")
        t0 = time.monotonic()
        bench.fit(model, args.epochs)
        train_seconds = time.monotonic() - t0
        rows = bench.rows_for(name, model, train_seconds)
        bench.measure(name, rows)
        models[name] = rows

    segmenter = segmenter_rows(args, bench.mint) if args.segmenter else []
    elapsed = time.monotonic() - start
    with open(os.path.join(args.work, "results.json"), "w") as f:
        json.dump({"elapsed_s": elapsed, "args": vars(args),
                   "models": models, "selfie_segmentation": segmenter},
                  f, indent=1)

    tables = [results_table(models),
              int16_table(models, segmenter, len(test_x))]
    if segmenter:
        tables.append(segmenter_table(segmenter))
    text = "\n\n".join(tables)
    log("\n" + text + f"\n\n({elapsed / 60:.1f} min)")
    with open(os.path.join(args.work, "RESULTS.md"), "w") as f:
        f.write(text + "\n")
    write_chart(os.path.join(args.work, "top1.png"), models)


if __name__ == "__main__":
    main()
