#include "runtime/epilogue.h"

#include <pthreadpool.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

namespace tfjs::runtime {
namespace {

std::map<std::string, EpilogueFormFunction, std::less<>>& Registry() {
  static auto* registry = new std::map<std::string, EpilogueFormFunction, std::less<>>();
  return *registry;
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

// Applies the steps to pixels [begin, end) of `data`.
void ApplyToPixels(absl::Span<const Epilogue> steps, int64_t channels, float* data,
                   int64_t begin, int64_t end) {
  const int64_t block_pixels = std::max<int64_t>(1, kBlockValues / channels);
  for (int64_t first = begin; first < end; first += block_pixels) {
    const int64_t pixels = std::min(block_pixels, end - first);
    float* block = data + first * channels;
    for (const Epilogue& step : steps) {
      const float* scale = step.scale.empty() ? nullptr : step.scale.data();
      const float* bias = step.bias.empty() ? nullptr : step.bias.data();
      const float lo = step.min, hi = step.max;
      for (int64_t p = 0; p < pixels; ++p) {
        float* values = block + p * channels;
        if (scale != nullptr && bias != nullptr) {
          for (int64_t c = 0; c < channels; ++c) values[c] = values[c] * scale[c] + bias[c];
        } else if (scale != nullptr) {
          for (int64_t c = 0; c < channels; ++c) values[c] *= scale[c];
        } else if (bias != nullptr) {
          for (int64_t c = 0; c < channels; ++c) values[c] += bias[c];
        }
        if (step.has_clamp()) {
          // Comparisons with NaN are false, so NaN passes through.
          for (int64_t c = 0; c < channels; ++c) {
            const float v = values[c];
            values[c] = v < lo ? lo : (v > hi ? hi : v);
          }
        }
      }
    }
  }
}

}  // namespace

bool Epilogue::has_clamp() const { return !(std::isinf(min) && min < 0 && std::isinf(max) && max > 0); }

bool Epilogue::FitsChannels(int64_t channels) const {
  auto fits = [channels](const std::vector<float>& values) {
    return values.size() <= 1 || static_cast<int64_t>(values.size()) == channels;
  };
  return fits(scale) && fits(bias);
}

Epilogue Epilogue::Widened(int64_t channels) const {
  Epilogue widened = *this;
  widened.scale = Widen(scale, channels);
  widened.bias = Widen(bias, channels);
  return widened;
}

std::optional<Epilogue> ComposeEpilogues(const Epilogue& first, const Epilogue& second,
                                         int64_t channels) {
  if (!first.FitsChannels(channels) || !second.FitsChannels(channels)) return std::nullopt;
  if (!first.has_clamp()) {
    // (x * s1 + b1) * s2 + b2 = x * (s1 * s2) + (b1 * s2 + b2).
    const Epilogue a = first.Widened(channels);
    const Epilogue b = second.Widened(channels);
    Epilogue composed;
    composed.min = b.min;
    composed.max = b.max;
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
  return composed;
}

void ApplyEpilogues(absl::Span<const Epilogue> steps, int64_t channels, float* data,
                    int64_t count, pthreadpool_t threadpool) {
  if (steps.empty() || count <= 0 || channels <= 0) return;
  const int64_t pixels = count / channels;
  const size_t threads = threadpool == nullptr ? 1 : pthreadpool_get_threads_count(threadpool);
  if (threads <= 1 || count * static_cast<int64_t>(steps.size()) < kMinParallelValues) {
    ApplyToPixels(steps, channels, data, 0, pixels);
    return;
  }
  struct Task {
    absl::Span<const Epilogue> steps;
    int64_t channels;
    float* data;
  } task{steps, channels, data};
  const int64_t tile = std::max<int64_t>(1, pixels / static_cast<int64_t>(threads * 4));
  pthreadpool_parallelize_1d_tile_1d(
      threadpool,
      [](void* context, size_t start, size_t size) {
        const Task& task = *static_cast<const Task*>(context);
        ApplyToPixels(task.steps, task.channels, task.data, static_cast<int64_t>(start),
                      static_cast<int64_t>(start + size));
      },
      &task, static_cast<size_t>(pixels), static_cast<size_t>(tile), /*flags=*/0);
}

bool RegisterEpilogueForm(absl::string_view op, EpilogueFormFunction form) {
  if (!Registry().emplace(std::string(op), form).second) {
    std::fprintf(stderr, "epilogue form registration: %s registered twice\n",
                 std::string(op).c_str());
    std::abort();
  }
  return true;
}

EpilogueFormFunction FindEpilogueForm(absl::string_view op) {
  auto it = Registry().find(op);
  return it == Registry().end() ? nullptr : it->second;
}

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
