#!/bin/sh
# A stand-in for the CUDA toolkit's ptxas, for machines without it: checks
# that it is called as `ptxas -arch=sm_XY INPUT.ptx -o OUTPUT` on PTX text
# for that architecture and writes an ELF header and the architecture.
set -e
case "$1" in -arch=sm_*) arch=${1#-arch=} ;; *) echo "bad -arch: $1" >&2; exit 2 ;; esac
[ "$3" = "-o" ] || { echo "expected -o, got $3" >&2; exit 2; }
grep -q "^\.target $arch" "$2" || { echo "$2: not PTX for $arch" >&2; exit 1; }
grep -q "\.entry" "$2" || { echo "$2: no kernels" >&2; exit 1; }
printf '\177ELF fake cubin for %s\n' "$arch" > "$4"
