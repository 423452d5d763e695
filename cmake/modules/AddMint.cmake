#===- AddMint.cmake - Functions for building Mint -------------*- cmake -*-===//
#
# add_mint_library() wraps add_mlir_library() so that every Mint library links
# MLIR the same way as the tools (libMLIR.so or static libraries, see
# MINT_LINK_MLIR_DYLIB) and is installed into the MintTargets export set that
# MintConfig.cmake exposes to other projects.
#
#===----------------------------------------------------------------------===//

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
  install(TARGETS ${name} EXPORT MintTargets
    RUNTIME DESTINATION bin COMPONENT ${name})
  set_property(GLOBAL APPEND PROPERTY MINT_TOOLS ${name})
endfunction()
