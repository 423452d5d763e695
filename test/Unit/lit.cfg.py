# -*- Python -*-
# lit configuration that runs Mint's GoogleTest binaries (unittests/), one
# lit test per GoogleTest test, so check-mint counts both kinds.

import os

import lit.formats

config.name = "Mint-Unit"
config.suffixes = []
config.test_exec_root = os.path.join(config.mint_obj_root, "unittests")
config.test_source_root = config.test_exec_root
config.test_format = lit.formats.GoogleTest(".", "Tests")
