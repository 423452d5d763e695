#!/usr/bin/env python3
"""Links a model compiled by `mint compile` into a C program and checks it.

Compiles MODEL with `mint compile --json`, writes a C program that includes
the generated header, reads each input from a raw file, calls <name>_run
for every input set with one workspace (allocated with the header's size
and alignment), and writes each output to a raw file; compiles and links it
with the C compiler, runs it, and compares every output with `mint run`'s
on the same inputs, bit for bit. Prints one line; exits 1 on a mismatch.
"""

import argparse
import json
import os
import re
import subprocess
import sys

import numpy as np

C_TYPES = {"float32": "float", "float16": "uint16_t", "int8": "int8_t",
           "uint8": "uint8_t", "bool": "uint8_t", "int16": "int16_t",
           "int32": "int32_t", "int64": "int64_t"}

PROGRAM = """\
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "{header}"

static void *read_file(const char *path, size_t bytes) {{
  FILE *file = fopen(path, "rb");
  void *data = malloc(bytes);
  if (!file || !data || fread(data, 1, bytes, file) != bytes) {{
    fprintf(stderr, "cannot read %zu bytes from %s\\n", bytes, path);
    exit(1);
  }}
  fclose(file);
  return data;
}}

static void write_file(const char *path, const void *data, size_t bytes) {{
  FILE *file = fopen(path, "wb");
  if (!file || fwrite(data, 1, bytes, file) != bytes || fclose(file)) {{
    fprintf(stderr, "cannot write %s\\n", path);
    exit(1);
  }}
}}

int main(int argc, char **argv) {{
  /* argv: for each run, the input files, then the output files. */
  const int per_run = {inputs} + {outputs};
  size_t workspace_bytes = {prefix}_WORKSPACE_BYTES;
  workspace_bytes += {prefix}_WORKSPACE_ALIGNMENT -
                     workspace_bytes % {prefix}_WORKSPACE_ALIGNMENT;
  void *workspace = aligned_alloc({prefix}_WORKSPACE_ALIGNMENT,
                                  workspace_bytes);
  if (argc < 1 + per_run || (argc - 1) % per_run != 0 || !workspace) {{
    fprintf(stderr, "usage: %s (inputs outputs)...\\n", argv[0]);
    return 2;
  }}
  for (int run = 0; run < (argc - 1) / per_run; ++run) {{
    char **files = argv + 1 + run * per_run;
{body}
  }}
  free(workspace);
  return 0;
}}
"""


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n"
                 f"{result.stdout}{result.stderr}")
    return result.stdout


def random_input(spec, rng):
    shape, dtype = spec["shape"], spec["dtype"]
    if dtype == "float32":
        return rng.uniform(-1.0, 1.0, shape).astype(np.float32)
    info = np.iinfo(np.dtype(dtype))
    return rng.integers(info.min, info.max, shape, endpoint=True,
                        dtype=np.dtype(dtype))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mint", required=True)
    parser.add_argument("--cc", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--name", help="mint compile --name")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--openmp", help="LLVM's libomp.so, for --threads")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--compile-arg", action="append", default=[],
                        help="more arguments for mint compile")
    args = parser.parse_args()

    os.makedirs(args.work, exist_ok=True)
    stem = os.path.splitext(os.path.basename(args.model))[0].replace(".", "_")
    obj = os.path.join(args.work, stem + ".o")
    compile_command = [args.mint, "compile", args.model, "-o", obj,
                       "--threads", str(args.threads), "--json"]
    if args.name:
        compile_command += ["--name", args.name]
    compile_command += args.compile_arg
    info = json.loads(run(compile_command))
    declaration = info["entry_point"]
    match = re.fullmatch(r"void (\w+)_run\((.*)\)", declaration)
    if not match:
        sys.exit(f"unexpected entry point: {declaration}")
    prefix = match.group(1).upper()
    parameters = [p.split("*")[-1] for p in match.group(2).split(", ")]
    if parameters[-1] != "workspace":
        sys.exit(f"the last parameter is not the workspace: {declaration}")
    inputs, outputs = info["inputs"], info["outputs"]
    names = parameters[:-1]
    if len(names) != len(inputs) + len(outputs):
        sys.exit(f"{declaration} does not take the {len(inputs)} inputs and "
                 f"{len(outputs)} outputs the JSON lists")

    body = []
    for index, (name, spec) in enumerate(zip(names, inputs + outputs)):
        ctype = C_TYPES[spec["dtype"]]
        count = f"{prefix}_{name.upper()}_ELEMENTS"
        if index < len(inputs):
            body.append(f"    {ctype} *{name} = read_file(files[{index}], "
                        f"{count} * sizeof({ctype}));")
        else:
            body.append(f"    {ctype} *{name} = malloc({count} * "
                        f"sizeof({ctype}));")
    body.append(f"    {match.group(1)}_run({', '.join(names)}, workspace);")
    for index, (name, spec) in enumerate(zip(names, inputs + outputs)):
        if index >= len(inputs):
            ctype = C_TYPES[spec["dtype"]]
            count = f"{prefix}_{name.upper()}_ELEMENTS"
            body.append(f"    write_file(files[{index}], {name}, {count} * "
                        f"sizeof({ctype}));")
        body.append(f"    free({name});")
    source = os.path.join(args.work, "main.c")
    with open(source, "w") as f:
        f.write(PROGRAM.format(header=os.path.basename(info["header"]),
                               inputs=len(inputs), outputs=len(outputs),
                               prefix=prefix, body="\n".join(body)))
    program = os.path.join(args.work, "main")
    link = [args.cc, "-std=c11", "-O1", "-Wall", "-Wextra", "-Werror",
            "-I", os.path.dirname(os.path.abspath(info["header"])), source,
            obj, "-o", program, "-lm"]
    if args.threads > 1:
        if not args.openmp:
            sys.exit("--threads needs --openmp")
        directory = os.path.dirname(args.openmp)
        link += ["-L" + directory, "-Wl,-rpath," + directory, "-lomp"]
    run(link)

    rng = np.random.default_rng(args.seed)
    argv, run_inputs, aot_outputs = [program], [], []
    for index in range(args.runs):
        for i, spec in enumerate(inputs):
            array = random_input(spec, rng)
            path = os.path.join(args.work, f"run{index}_input{i}")
            np.save(path + ".npy", array)
            array.tofile(path + ".bin")
            argv.append(path + ".bin")
            run_inputs.append(path + ".npy")
        for i in range(len(outputs)):
            path = os.path.join(args.work, f"run{index}_output{i}.bin")
            argv.append(path)
            aot_outputs.append(path)
    run(argv)

    mint_run = [args.mint, "run", args.model, "--threads", str(args.threads),
                "--output-dir", os.path.join(args.work, "mint-run")]
    for path in run_inputs:
        mint_run += ["--input", path]
    run(mint_run)
    for index in range(args.runs):
        for i, spec in enumerate(outputs):
            directory = os.path.join(args.work, "mint-run")
            if args.runs > 1:
                directory = os.path.join(directory, f"run_{index}")
            expected = np.load(os.path.join(directory, f"output_{i}.npy"))
            got = np.fromfile(aot_outputs[index * len(outputs) + i],
                              dtype=expected.dtype).reshape(expected.shape)
            if expected.tobytes() != got.tobytes():
                differ = int(np.sum(expected != got))
                sys.exit(f"{stem}: output {i} '{spec['name']}' of run "
                         f"{index}: {differ} of {expected.size} values differ "
                         f"from mint run")
    print(f"{stem}: the object ({info['object_bytes']} B, workspace "
          f"{info['workspace_bytes']} B, {args.threads} thread(s)) linked "
          f"into a C program equals mint run bit for bit on {args.runs} runs "
          f"of {len(outputs)} output(s)")


if __name__ == "__main__":
    main()
