//===- PrecompiledHeaders.cpp - Owner of Mint's precompiled header --------===//
//
// Intentionally empty: CMake builds the precompiled header of
// MINT_PRECOMPILED_HEADERS (AddMint.cmake) as part of this object library,
// and Mint's libraries and tools reuse it.
//
//===----------------------------------------------------------------------===//
