// TFJS_SIMD_CLONES: compiles a hot loop for AVX-512, for AVX2 and for baseline x86-64, the
// clone chosen once by the running CPU (GCC's target_clones, resolved as an ifunc), so the
// binary still runs on any x86-64. Elsewhere it is nothing. Libraries using it build with
// -ffp-contract=off: the AVX-512 clone has FMA, and a contracted x * s + b would round once
// where TF rounds the product and the sum.
#ifndef TFJS_NATIVE_RUNTIME_SIMD_CLONES_H_
#define TFJS_NATIVE_RUNTIME_SIMD_CLONES_H_

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__ELF__)
#define TFJS_SIMD_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define TFJS_SIMD_CLONES
#endif

#endif  // TFJS_NATIVE_RUNTIME_SIMD_CLONES_H_
