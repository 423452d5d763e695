#===- AddMint.cmake - Functions for building Mint -------------*- cmake -*-===//
#
# add_mint_library() wraps add_mlir_library() so that every Mint library links
# MLIR the same way as the tools (libMLIR.so or static libraries, see
# MINT_LINK_MLIR_DYLIB) and is installed into the MintTargets export set that
# MintConfig.cmake exposes to other projects.
#
#===----------------------------------------------------------------------===//

# The MLIR and LLVM headers that most of Mint's sources include. Parsing them
# is nearly all of a source file's compile time (the Runtime's passes took
# about 40 s each on 2 cores, 98% of it in the front end), so with
# MINT_PRECOMPILE_HEADERS (default ON) they are parsed once into a
# precompiled header that every Mint library and tool reuses.
set(MINT_PRECOMPILED_HEADERS
  <llvm/ADT/SmallVector.h>
  <llvm/ADT/StringExtras.h>
  <llvm/Support/FormatVariadic.h>
  <llvm/Support/JSON.h>
  <llvm/Support/MemoryBuffer.h>
  <llvm/Support/raw_ostream.h>
  <mlir/Dialect/Arith/IR/Arith.h>
  <mlir/Dialect/Func/IR/FuncOps.h>
  <mlir/Dialect/GPU/IR/GPUDialect.h>
  <mlir/Dialect/LLVMIR/LLVMDialect.h>
  <mlir/Dialect/Linalg/IR/Linalg.h>
  <mlir/Dialect/Math/IR/Math.h>
  <mlir/Dialect/MemRef/IR/MemRef.h>
  <mlir/Dialect/Quant/IR/QuantTypes.h>
  <mlir/Dialect/SCF/IR/SCF.h>
  <mlir/Dialect/Tensor/IR/Tensor.h>
  <mlir/Dialect/Tosa/IR/TosaOps.h>
  <mlir/Dialect/Vector/IR/VectorOps.h>
  <mlir/IR/Builders.h>
  <mlir/IR/BuiltinOps.h>
  <mlir/IR/Matchers.h>
  <mlir/IR/PatternMatch.h>
  <mlir/Pass/Pass.h>
  <mlir/Pass/PassManager.h>
  <mlir/Transforms/GreedyPatternRewriteDriver.h>)

# mint_use_precompiled_headers(target): compile `target` against the shared
# precompiled header (built once, by MintPrecompiledHeaders, with the same
# flags as Mint's libraries and tools).
function(mint_use_precompiled_headers target)
  if(NOT MINT_PRECOMPILE_HEADERS)
    return()
  endif()
  if(NOT TARGET MintPrecompiledHeaders)
    add_library(MintPrecompiledHeaders OBJECT
      ${MINT_SOURCE_DIR}/cmake/modules/PrecompiledHeaders.cpp)
    llvm_update_compile_flags(MintPrecompiledHeaders)
    target_precompile_headers(MintPrecompiledHeaders PRIVATE
      ${MINT_PRECOMPILED_HEADERS})
    set_target_properties(MintPrecompiledHeaders PROPERTIES
      FOLDER "Mint/Libraries")
  endif()
  target_precompile_headers(${target} REUSE_FROM MintPrecompiledHeaders)
endfunction()

# add_mint_library(name sources...
#   [DEPENDS targets...]      tablegen targets the sources need
#   [MLIR_LIBS libs...]       MLIR libraries (MLIRIR, MLIRQuantDialect, ...)
#   [LINK_LIBS libs...]       other libraries, Mint's own included
#   [LINK_COMPONENTS comps...])
function(add_mint_library name)
  cmake_parse_arguments(ARG "" ""
    "DEPENDS;MLIR_LIBS;LINK_LIBS;LINK_COMPONENTS" ${ARGN})
  add_mlir_library(${name} ${ARG_UNPARSED_ARGUMENTS}
    DISABLE_INSTALL EXCLUDE_FROM_LIBMLIR
    DEPENDS ${ARG_DEPENDS}
    LINK_COMPONENTS ${ARG_LINK_COMPONENTS}
    LINK_LIBS PUBLIC ${ARG_LINK_LIBS})
  mlir_target_link_libraries(${name} PUBLIC ${ARG_MLIR_LIBS})
  target_compile_features(${name} PUBLIC cxx_std_17)
  target_include_directories(${name} INTERFACE
    $<BUILD_INTERFACE:${MINT_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${MINT_BINARY_DIR}/include>
    $<INSTALL_INTERFACE:include>)
  set_target_properties(${name} PROPERTIES FOLDER "Mint/Libraries")
  mint_use_precompiled_headers(${name})
  install(TARGETS ${name} EXPORT MintTargets
    ARCHIVE DESTINATION lib${LLVM_LIBDIR_SUFFIX}
    LIBRARY DESTINATION lib${LLVM_LIBDIR_SUFFIX}
    COMPONENT ${name})
  set_property(GLOBAL APPEND PROPERTY MINT_EXPORTED_LIBS ${name})
endfunction()

# add_mint_tool(name sources... [DEPENDS ...] [MLIR_LIBS ...] [LINK_LIBS ...])
# add_mlir_tool would leave the tool out of an out-of-tree `ninja all`, so
# tools are plain LLVM executables.
function(add_mint_tool name)
  cmake_parse_arguments(ARG "" ""
    "DEPENDS;MLIR_LIBS;LINK_LIBS;LINK_COMPONENTS" ${ARGN})
  set(LLVM_LINK_COMPONENTS ${ARG_LINK_COMPONENTS})
  add_llvm_executable(${name} ${ARG_UNPARSED_ARGUMENTS}
    DEPENDS ${ARG_DEPENDS})
  target_link_libraries(${name} PRIVATE ${ARG_LINK_LIBS})
  mlir_target_link_libraries(${name} PRIVATE ${ARG_MLIR_LIBS})
  llvm_update_compile_flags(${name})
  set_target_properties(${name} PROPERTIES FOLDER "Mint/Tools")
  mint_use_precompiled_headers(${name})
  install(TARGETS ${name} EXPORT MintTargets
    RUNTIME DESTINATION bin COMPONENT ${name})
  set_property(GLOBAL APPEND PROPERTY MINT_TOOLS ${name})
endfunction()
