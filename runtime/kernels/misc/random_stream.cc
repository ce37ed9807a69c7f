#include "runtime/kernels/misc/random_stream.h"

#include <random>

namespace tfjs::runtime::misc {

uint64_t KernelSeed(const tensorflow::NodeDef& node) {
  const auto& attrs = node.attr();
  const int64_t seed = attrs.count("seed") ? attrs.at("seed").i() : 0;
  const int64_t seed2 = attrs.count("seed2") ? attrs.at("seed2").i() : 0;
  if (seed == 0 && seed2 == 0) {
    std::random_device device;
    return (uint64_t{device()} << 32) | device();
  }
  return SplitMix64(static_cast<uint64_t>(seed)) ^ static_cast<uint64_t>(seed2);
}

}  // namespace tfjs::runtime::misc
