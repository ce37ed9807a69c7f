// Epilogues: pointwise per-channel steps (an affine map, then a clamp) that a producing kernel
// can apply to its own output, so a reader computing such a step needs no pass of its own. The
// kernels of pointwise ops say which epilogue a node of theirs is (REGISTER_EPILOGUE_FORM); the
// graph's epilogue fusion (runtime/epilogue_fusion.h) offers it to the producer.
#ifndef TFJS_NATIVE_RUNTIME_EPILOGUE_H_
#define TFJS_NATIVE_RUNTIME_EPILOGUE_H_

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {

// y = min(max(x * scale[c] + bias[c], min), max), c the index along the last axis, then with a
// slope max(y, 0) + slope[c] * min(y, 0) (Prelu). An empty scale means 1, an empty bias 0, an
// empty slope none; a vector of one entry applies to every channel. With a gate, y is that times
// gate's step of the same x (e.g. hard swish: x / 6 * min(max(x + 3, 0), 6)).
struct Epilogue {
  std::vector<float> scale;
  std::vector<float> bias;
  float min = -std::numeric_limits<float>::infinity();
  float max = std::numeric_limits<float>::infinity();
  std::vector<float> slope;
  // The rank of the constants the step stands for (shaped [1, ..., 1, C]): the node's output
  // has at least this rank, so data of a lower rank grows to it.
  int rank = 0;
  // Null for none; a gate has no gate of its own.
  std::shared_ptr<const Epilogue> gate;

  bool has_affine() const { return !scale.empty() || !bias.empty(); }
  bool has_clamp() const;
  bool has_slope() const { return !slope.empty(); }
  // True when scale, bias and slope have 1 or `channels` entries (or none).
  bool FitsChannels(int64_t channels) const;
  // This step with scale, bias and slope of exactly `channels` entries (or none); FitsChannels
  // first.
  Epilogue Widened(int64_t channels) const;
  // The shape the step's constants broadcast as, [1, ..., 1, C] of `rank` (gate's included),
  // C the longest vector's length (1 for none).
  std::vector<int64_t> ConstantShape() const;
};

// The composition of `first` then `second` as one step when it is one (no gates, no slope in
// `first`; no clamp in `first`, or no affine in second: clamps compose when their ranges
// overlap); nullopt otherwise. Vectors of one entry are widened to `channels`.
std::optional<Epilogue> ComposeEpilogues(const Epilogue& first, const Epilogue& second,
                                         int64_t channels);

// Applies `steps` in order to the `count` values of `data` (count a multiple of `channels`,
// every step Widened to `channels`), a cache-sized block at a time, on `threadpool` when the
// work is large. A NaN stays NaN through the clamps, as through TF's Relu, Maximum and Minimum.
void ApplyEpilogues(absl::Span<const Epilogue> steps, int64_t channels, float* data,
                    int64_t count, pthreadpool_t threadpool);

// Writes values [begin, end) of the data; called from the pool's threads at once, for disjoint
// ranges.
using EpilogueProducer = absl::FunctionRef<void(int64_t begin, int64_t end)>;

// As ApplyEpilogues, but `produce` first writes each block the steps then run over, so a
// producer's output is in the cache when its epilogue reads it (one pass over memory, not two).
void ProduceWithEpilogues(absl::Span<const Epilogue> steps, int64_t channels, float* data,
                          int64_t count, pthreadpool_t threadpool, EpilogueProducer produce);

// A node of a pointwise op as an epilogue of its one non-constant input, `data_input`: every
// other input is a constant whose value the form read.
struct EpilogueForm {
  int data_input = 0;
  Epilogue epilogue;
};

// Returns the node's epilogue form, or nullopt when this node is none (e.g. a non-float dtype,
// or a constant that is not a scalar or a channel vector).
using EpilogueFormFunction = std::optional<EpilogueForm> (*)(const KernelBuildContext& context);
// True when the node is the float32 elementwise product of its two inputs: it joins two
// epilogue chains of one tensor into a gated step (Epilogue::gate).
using ProductFormFunction = bool (*)(const KernelBuildContext& context);

// Registers the form of `op`'s nodes; returns true so it can initialize a static. Registering
// an op twice aborts at start-up.
bool RegisterEpilogueForm(absl::string_view op, EpilogueFormFunction form);
bool RegisterProductForm(absl::string_view op, ProductFormFunction form);
// nullptr when `op` has no registered form.
EpilogueFormFunction FindEpilogueForm(absl::string_view op);
ProductFormFunction FindProductForm(absl::string_view op);

// The constant input `index` of the node being built as a scalar or a vector of floats (a
// float32 constant of rank 0 or 1), or nullopt.
std::optional<std::vector<float>> ConstantChannelVector(const KernelBuildContext& context,
                                                        int index);

}  // namespace tfjs::runtime

// One line per op, in the kernel's file: REGISTER_EPILOGUE_FORM("Relu", ReluEpilogue);
#define REGISTER_EPILOGUE_FORM(op, form)                                                     \
  static const bool TFJS_KERNEL_CONCAT(epilogue_registered_, __COUNTER__) [[maybe_unused]] = \
      ::tfjs::runtime::RegisterEpilogueForm(op, form)
#define REGISTER_PRODUCT_FORM(op, form)                                                      \
  static const bool TFJS_KERNEL_CONCAT(epilogue_registered_, __COUNTER__) [[maybe_unused]] = \
      ::tfjs::runtime::RegisterProductForm(op, form)

#endif  // TFJS_NATIVE_RUNTIME_EPILOGUE_H_
