#===- MintInstall.cmake - Install rules and MintConfig.cmake --*- cmake -*-===//
#
# `cmake --install` puts Mint's tools, libraries, public headers (hand-written
# and tablegen-generated) and a MintConfig.cmake under the prefix, so another
# compiler project can `find_package(Mint)` and link `MintDialect`.
#
#===----------------------------------------------------------------------===//

include(CMakePackageConfigHelpers)

set(MINT_INSTALL_CMAKE_DIR lib${LLVM_LIBDIR_SUFFIX}/cmake/mint)

install(DIRECTORY ${MINT_SOURCE_DIR}/include/mint
  DESTINATION include COMPONENT mint-headers
  FILES_MATCHING PATTERN "*.h" PATTERN "*.td")
install(DIRECTORY ${MINT_BINARY_DIR}/include/mint
  DESTINATION include COMPONENT mint-headers
  FILES_MATCHING PATTERN "*.h" PATTERN "*.inc"
  PATTERN "CMakeFiles" EXCLUDE)

install(EXPORT MintTargets DESTINATION ${MINT_INSTALL_CMAKE_DIR}
  COMPONENT mint-cmake-exports)

get_property(MINT_EXPORTED_LIBS GLOBAL PROPERTY MINT_EXPORTED_LIBS)
configure_package_config_file(
  ${MINT_SOURCE_DIR}/cmake/modules/MintConfig.cmake.in
  ${MINT_BINARY_DIR}/cmake/MintConfig.cmake
  INSTALL_DESTINATION ${MINT_INSTALL_CMAKE_DIR})
write_basic_package_version_file(
  ${MINT_BINARY_DIR}/cmake/MintConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES
  ${MINT_BINARY_DIR}/cmake/MintConfig.cmake
  ${MINT_BINARY_DIR}/cmake/MintConfigVersion.cmake
  DESTINATION ${MINT_INSTALL_CMAKE_DIR} COMPONENT mint-cmake-exports)
