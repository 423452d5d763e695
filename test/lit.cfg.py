# -*- Python -*-
# lit configuration of Mint's regression tests: .mlir files run through
# mint-opt / mint-translate with FileCheck, .test files run the tools.

import os

import lit.formats
from lit.llvm import llvm_config

config.name = "Mint"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.mint_obj_root, "test")
config.excludes = [
    "CMakeLists.txt",
    "README.md",
    "lit.cfg.py",
    "lit.site.cfg.py",
    "Consumer",
    "Inputs",
    "Unit",
]

config.substitutions.append(("%mint_src_root", config.mint_src_root))
config.substitutions.append(("%mint_obj_root", config.mint_obj_root))
config.substitutions.append(("%mint_tools_dir", config.mint_tools_dir))
config.substitutions.append(("%python", config.mint_test_python))
config.substitutions.append(("%flatc", config.mint_flatc))
# The C compiler that links `mint compile`'s objects into test programs.
config.substitutions.append(("%cc", config.mint_cc))
# A stand-in CUDA driver for the GPU runner's tests, compiled with %cc.
config.substitutions.append(
    ("%mock_cuda_src",
     os.path.join(config.mint_src_root, "test", "tools", "mint", "Inputs",
                  "mock_cuda.c")))
config.substitutions.append(
    ("%check_aot",
     "%s %s --mint %s --cc %s --openmp '%s'"
     % (config.mint_test_python,
        os.path.join(config.mint_src_root, "test", "tools", "mint", "Inputs",
                     "check_aot.py"),
        os.path.join(config.mint_tools_dir, "mint"), config.mint_cc,
        config.mint_openmp_runtime)))
if config.mint_openmp_runtime:
    config.available_features.add("openmp")
# The CUDA toolkit's assembler, where installed.
import shutil
if shutil.which("ptxas") or os.path.exists("/usr/local/cuda/bin/ptxas"):
    config.available_features.add("ptxas")

llvm_config.with_system_environment(
    ["HOME", "TMP", "TEMP", "MINT_MODEL_CACHE", "MINT_REQUIRE_MODELS"])
llvm_config.use_default_substitutions()
llvm_config.add_tool_substitutions(
    ["mint", "mint-opt", "mint-translate", "mlir-translate", "mlir-runner",
     "llc", "not",
     "count", "split-file", "llvm-nm", "llvm-objdump"],
    [config.mint_tools_dir, config.llvm_tools_dir],
)

# MLIR's runtime support libraries, for mlir-runner tests (next to the
# tools' lib directory).
mlir_lib_dir = os.path.join(os.path.dirname(config.llvm_tools_dir), "lib")
config.substitutions.append(
    ("%mlir_c_runner_utils",
     os.path.join(mlir_lib_dir, "libmlir_c_runner_utils.so")))
config.substitutions.append(
    ("%mlir_runner_utils",
     os.path.join(mlir_lib_dir, "libmlir_runner_utils.so")))
