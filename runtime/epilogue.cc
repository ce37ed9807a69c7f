#include "runtime/epilogue.h"

#include <pthreadpool.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runtime/simd_clones.h"

namespace tfjs::runtime {
namespace {

template <typename Function>
std::map<std::string, Function, std::less<>>& Registry() {
  static auto* registry = new std::map<std::string, Function, std::less<>>();
  return *registry;
}

template <typename Function>
bool Register(absl::string_view op, Function form) {
  if (!Registry<Function>().emplace(std::string(op), form).second) {
    std::fprintf(stderr, "epilogue form registration: %s registered twice\n",
                 std::string(op).c_str());
    std::abort();
  }
  return true;
}

template <typename Function>
Function Find(absl::string_view op) {
  auto it = Registry<Function>().find(op);
  return it == Registry<Function>().end() ? nullptr : it->second;
}

// `values` (none, one, or `channels` entries) as exactly `channels` entries, or none.
std::vector<float> Widen(const std::vector<float>& values, int64_t channels) {
  if (values.size() != 1) return values;
  return std::vector<float>(channels, values[0]);
}

// Values past which an epilogue pass is worth handing to the pool.
constexpr int64_t kMinParallelValues = 1 << 16;
// Values one pass works on at a time: all steps run over a block while it is in the L1 cache.
constexpr int64_t kBlockValues = 2048;

// A step with its per-channel vectors repeated over a block of whole pixels, so that each of its
// loops runs over the block contiguously.
struct TiledStep {
  std::vector<float> scale;  // Empty: 1.
  std::vector<float> bias;   // Empty: 0.
  std::vector<float> slope;  // Empty: none.
  float min = 0, max = 0;
  bool clamp = false;
  std::unique_ptr<TiledStep> gate;
};

std::vector<float> Tile(const std::vector<float>& values, int64_t block_values) {
  if (values.empty()) return {};
  std::vector<float> tiled(block_values);
  const int64_t length = static_cast<int64_t>(values.size());
  for (int64_t at = 0; at < block_values; at += length) {
    std::copy_n(values.begin(), std::min(length, block_values - at), tiled.begin() + at);
  }
  return tiled;
}

TiledStep TileStep(const Epilogue& step, int64_t block_values) {
  TiledStep tiled;
  tiled.scale = Tile(step.scale, block_values);
  tiled.bias = Tile(step.bias, block_values);
  tiled.slope = Tile(step.slope, block_values);
  tiled.min = step.min;
  tiled.max = step.max;
  tiled.clamp = step.has_clamp();
  if (step.gate != nullptr) tiled.gate = std::make_unique<TiledStep>(TileStep(*step.gate, block_values));
  return tiled;
}

// out = clamp(in * scale + bias), then the slope's max(out, 0) + slope * min(out, 0), for
// `count` values from a block's start (in may be out).
TFJS_SIMD_CLONES void AffineClamp(const TiledStep& step, const float* in, float* out, int64_t count) {
  const float* scale = step.scale.empty() ? nullptr : step.scale.data();
  const float* bias = step.bias.empty() ? nullptr : step.bias.data();
  if (scale != nullptr && bias != nullptr) {
    for (int64_t i = 0; i < count; ++i) out[i] = in[i] * scale[i] + bias[i];
  } else if (scale != nullptr) {
    for (int64_t i = 0; i < count; ++i) out[i] = in[i] * scale[i];
  } else if (bias != nullptr) {
    for (int64_t i = 0; i < count; ++i) out[i] = in[i] + bias[i];
  } else if (in != out) {
    std::copy(in, in + count, out);
  }
  if (step.clamp) {
    const float lo = step.min, hi = step.max;
    // Comparisons with NaN are false, so NaN passes through; lo <= hi, so the two selections
    // (each a maxps / minps) are the clamp.
    for (int64_t i = 0; i < count; ++i) out[i] = out[i] < lo ? lo : out[i];
    for (int64_t i = 0; i < count; ++i) out[i] = out[i] > hi ? hi : out[i];
  }
  if (!step.slope.empty()) {
    // As the Prelu kernel computes it, branch-free; NaN stays NaN through both terms.
    const float* slope = step.slope.data();
    for (int64_t i = 0; i < count; ++i) {
      out[i] = std::max(out[i], 0.f) + slope[i] * std::min(out[i], 0.f);
    }
  }
}

// out[i] *= by[i] for `count` values.
TFJS_SIMD_CLONES void Multiply(const float* by, float* out, int64_t count) {
  for (int64_t i = 0; i < count; ++i) out[i] *= by[i];
}

// Produces values [begin, end) of `data` (both multiples of `block_values` or the end of the
// data) a block at a time, applying the steps to each block while it is in the cache.
void ApplyToValues(const std::vector<TiledStep>& steps, int64_t block_values, float* data,
                   int64_t begin, int64_t end, EpilogueProducer produce) {
  std::vector<float> gated;
  for (int64_t first = begin; first < end; first += block_values) {
    const int64_t count = std::min(block_values, end - first);
    produce(first, first + count);
    float* block = data + first;
    for (const TiledStep& step : steps) {
      if (step.gate == nullptr) {
        AffineClamp(step, block, block, count);
        continue;
      }
      gated.resize(block_values);
      AffineClamp(*step.gate, block, gated.data(), count);
      AffineClamp(step, block, block, count);
      Multiply(gated.data(), block, count);
    }
  }
}

}  // namespace

bool Epilogue::has_clamp() const { return !(std::isinf(min) && min < 0 && std::isinf(max) && max > 0); }

bool Epilogue::FitsChannels(int64_t channels) const {
  auto fits = [channels](const std::vector<float>& values) {
    return values.size() <= 1 || static_cast<int64_t>(values.size()) == channels;
  };
  return fits(scale) && fits(bias) && fits(slope) &&
         (gate == nullptr || gate->FitsChannels(channels));
}

Epilogue Epilogue::Widened(int64_t channels) const {
  Epilogue widened = *this;
  widened.scale = Widen(scale, channels);
  widened.bias = Widen(bias, channels);
  widened.slope = Widen(slope, channels);
  if (gate != nullptr) widened.gate = std::make_shared<const Epilogue>(gate->Widened(channels));
  return widened;
}

std::vector<int64_t> Epilogue::ConstantShape() const {
  size_t channels = std::max({size_t{1}, scale.size(), bias.size(), slope.size()});
  int shape_rank = rank;
  if (gate != nullptr) {
    const std::vector<int64_t> gate_shape = gate->ConstantShape();
    shape_rank = std::max(shape_rank, static_cast<int>(gate_shape.size()));
    if (!gate_shape.empty()) channels = std::max(channels, static_cast<size_t>(gate_shape.back()));
  }
  std::vector<int64_t> shape(shape_rank, 1);
  if (!shape.empty()) shape.back() = static_cast<int64_t>(channels);
  return shape;
}

std::optional<Epilogue> ComposeEpilogues(const Epilogue& first, const Epilogue& second,
                                         int64_t channels) {
  if (!first.FitsChannels(channels) || !second.FitsChannels(channels)) return std::nullopt;
  if (first.gate != nullptr || second.gate != nullptr || first.has_slope()) return std::nullopt;
  if (!first.has_clamp()) {
    // (x * s1 + b1) * s2 + b2 = x * (s1 * s2) + (b1 * s2 + b2).
    const Epilogue a = first.Widened(channels);
    const Epilogue b = second.Widened(channels);
    Epilogue composed;
    composed.min = b.min;
    composed.max = b.max;
    composed.slope = b.slope;
    composed.rank = std::max(a.rank, b.rank);
    if (!a.scale.empty() || !b.scale.empty()) {
      composed.scale.assign(channels, 1.f);
      for (int64_t c = 0; c < channels; ++c) {
        if (!a.scale.empty()) composed.scale[c] *= a.scale[c];
        if (!b.scale.empty()) composed.scale[c] *= b.scale[c];
      }
    }
    if (!a.bias.empty() || !b.bias.empty()) {
      composed.bias.assign(channels, 0.f);
      for (int64_t c = 0; c < channels; ++c) {
        float bias = a.bias.empty() ? 0.f : a.bias[c];
        if (!b.scale.empty()) bias *= b.scale[c];
        if (!b.bias.empty()) bias += b.bias[c];
        composed.bias[c] = bias;
      }
    }
    return composed;
  }
  if (second.has_affine()) return std::nullopt;
  // clamp(clamp(x, l1, h1), l2, h2) = clamp(x, max(l1, l2), min(h1, h2)) when the ranges meet.
  const float lo = std::max(first.min, second.min);
  const float hi = std::min(first.max, second.max);
  if (lo > hi) return std::nullopt;
  Epilogue composed = first.Widened(channels);
  composed.min = lo;
  composed.max = hi;
  composed.slope = second.Widened(channels).slope;
  composed.rank = std::max(first.rank, second.rank);
  return composed;
}

void ApplyEpilogues(absl::Span<const Epilogue> steps, int64_t channels, float* data,
                    int64_t count, pthreadpool_t threadpool) {
  if (steps.empty()) return;
  ProduceWithEpilogues(steps, channels, data, count, threadpool, [](int64_t, int64_t) {});
}

void ProduceWithEpilogues(absl::Span<const Epilogue> steps, int64_t channels, float* data,
                          int64_t count, pthreadpool_t threadpool, EpilogueProducer produce) {
  if (count <= 0 || channels <= 0) return;
  const int64_t block_values = std::max<int64_t>(1, kBlockValues / channels) * channels;
  std::vector<TiledStep> tiled;
  for (const Epilogue& step : steps) tiled.push_back(TileStep(step, block_values));
  const size_t threads = threadpool == nullptr ? 1 : pthreadpool_get_threads_count(threadpool);
  if (threads <= 1 || count * static_cast<int64_t>(steps.size() + 1) < kMinParallelValues) {
    ApplyToValues(tiled, block_values, data, 0, count, produce);
    return;
  }
  struct Task {
    const std::vector<TiledStep>* steps;
    int64_t block_values;
    int64_t count;
    float* data;
    EpilogueProducer produce;
  } task{&tiled, block_values, count, data, produce};
  const int64_t blocks = (count + block_values - 1) / block_values;
  const int64_t tile = std::max<int64_t>(1, blocks / static_cast<int64_t>(threads * 4));
  pthreadpool_parallelize_1d_tile_1d(
      threadpool,
      [](void* context, size_t first, size_t size) {
        const Task& task = *static_cast<const Task*>(context);
        const int64_t begin = static_cast<int64_t>(first) * task.block_values;
        const int64_t end = static_cast<int64_t>(first + size) * task.block_values;
        ApplyToValues(*task.steps, task.block_values, task.data, begin,
                      std::min(task.count, end), task.produce);
      },
      &task, static_cast<size_t>(blocks), static_cast<size_t>(tile), /*flags=*/0);
}

bool RegisterEpilogueForm(absl::string_view op, EpilogueFormFunction form) {
  return Register(op, form);
}

bool RegisterProductForm(absl::string_view op, ProductFormFunction form) {
  return Register(op, form);
}

EpilogueFormFunction FindEpilogueForm(absl::string_view op) {
  return Find<EpilogueFormFunction>(op);
}

ProductFormFunction FindProductForm(absl::string_view op) { return Find<ProductFormFunction>(op); }

std::optional<std::vector<float>> ConstantChannelVector(const KernelBuildContext& context,
                                                        int index) {
  if (index < 0 || index >= static_cast<int>(context.constant_inputs.size())) return std::nullopt;
  const Tensor* value = context.constant_inputs[index];
  if (value == nullptr || value->dtype() != tensorflow::DT_FLOAT || value->rank() > 1 ||
      value->num_elements() == 0) {
    return std::nullopt;
  }
  const float* data = value->data<float>();
  return std::vector<float>(data, data + value->num_elements());
}

}  // namespace tfjs::runtime
