// NegTrain: word2vec's skip-gram update with negative sampling on the reference variables w_in
// and w_out ([vocab, dims] float32), in place: for each (example, label) pair, the label's
// output row moves toward the example's input row by lr * sigmoid(-dot), then each of
// num_negative_samples words drawn with probability proportional to vocab_count^0.75 (skipping
// the label) moves away by lr * sigmoid(dot); the input row takes the summed gradient last.
//
// TF draws the negative samples from a Philox stream seeded at random per kernel (seed and seed2
// both 0), so its samples differ from run to run; this kernel does the same (GuardedPhilox with
// seeds 0, 0): the updates follow TF's, the samples cannot equal any one run of TF's.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/random/guarded_philox.h"
#include "runtime/kernels/random/philox.h"
#include "runtime/kernels/scatter/variable.h"

namespace tfjs::runtime::embedding {
namespace {

constexpr int kWIn = 0;
constexpr int kWOut = 1;
constexpr int kExamples = 2;
constexpr int kLabels = 3;
constexpr int kLearningRate = 4;

class NegTrainKernel : public Kernel {
 public:
  NegTrainKernel(int64_t num_samples, std::vector<double> cumulative)
      : num_samples_(num_samples), cumulative_(std::move(cumulative)) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(5, 5); !status.ok()) return status;
    const Tensor& w_in = context.input(kWIn);
    const Tensor& w_out = context.input(kWOut);
    const Tensor& examples = context.input(kExamples);
    const Tensor& labels = context.input(kLabels);
    const Tensor& learning_rate = context.input(kLearningRate);
    if (w_in.rank() != 2) return context.Error("Must be a matrix");
    if (w_in.shape() != w_out.shape()) return context.Error("w_in.shape == w_out.shape");
    if (examples.rank() != 1) return context.Error("Must be a vector");
    if (examples.shape() != labels.shape()) return context.Error("examples.shape == labels.shape");
    if (learning_rate.rank() != 0) return context.Error("Must be a scalar");
    const int64_t vocab = w_in.dim(0);
    const int64_t dims = w_in.dim(1);
    if (vocab != static_cast<int64_t>(cumulative_.size())) {
      return context.Error(
          absl::StrCat("vocab_size mismatches: ", vocab, " vs. ", cumulative_.size()));
    }
    for (const Tensor* ids : {&examples, &labels}) {
      for (int32_t id : ids->values<int32_t>()) {
        if (id < 0 || id >= vocab) {
          return context.Error(
              absl::StrCat("example and label ids must be in [0, ", vocab, "), got ", id));
        }
      }
    }
    std::shared_ptr<scatter::RefVariable> in_variable = scatter::RefVariable::Find(w_in);
    std::shared_ptr<scatter::RefVariable> out_variable = scatter::RefVariable::Find(w_out);
    // Updated copies, written back into the variables (a frozen constant has none: the update
    // is computed and dropped, as nothing can observe it).
    Tensor in = *Tensor::Allocate(tensorflow::DT_FLOAT, w_in.shape());
    Tensor out = *Tensor::Allocate(tensorflow::DT_FLOAT, w_out.shape());
    std::copy(w_in.data<float>(), w_in.data<float>() + w_in.num_elements(),
              in.mutable_data<float>());
    std::copy(w_out.data<float>(), w_out.data<float>() + w_out.num_elements(),
              out.mutable_data<float>());
    const float lr = learning_rate.data<float>()[0];
    random::Philox philox =
        generator_.ReserveSamples32(static_cast<uint64_t>(examples.num_elements()) *
                                    static_cast<uint64_t>(std::max<int64_t>(num_samples_, 0)));
    random::SingleSample stream(&philox);
    std::vector<float> gradient(dims);
    const auto dot = [dims](const float* a, const float* b) {
      float sum = 0;
      for (int64_t j = 0; j < dims; ++j) sum += a[j] * b[j];
      return sum;
    };
    for (int64_t i = 0; i < examples.num_elements(); ++i) {
      const int32_t label = labels.data<int32_t>()[i];
      float* v_in = in.mutable_data<float>() + examples.data<int32_t>()[i] * dims;
      {
        float* v_out = out.mutable_data<float>() + label * dims;
        const float g = 1.0f / (std::exp(dot(v_in, v_out)) + 1.0f);
        for (int64_t j = 0; j < dims; ++j) {
          gradient[j] = v_out[j] * (g * lr);
          v_out[j] += v_in[j] * (g * lr);
        }
      }
      for (int64_t s = 0; s < num_samples_; ++s) {
        const int64_t sample = Sample(stream);
        if (sample == label) continue;
        float* v_sample = out.mutable_data<float>() + sample * dims;
        const float g = -1.0f / (std::exp(-dot(v_in, v_sample)) + 1.0f);
        for (int64_t j = 0; j < dims; ++j) {
          gradient[j] += v_sample[j] * (g * lr);
          v_sample[j] += v_in[j] * (g * lr);
        }
      }
      for (int64_t j = 0; j < dims; ++j) v_in[j] += gradient[j];
    }
    for (const auto& [variable, value] :
         {std::make_pair(in_variable, &in), std::make_pair(out_variable, &out)}) {
      if (variable == nullptr) continue;
      if (absl::StatusOr<Tensor> stored = variable->Assign(*value); !stored.ok()) {
        return context.Error(stored.status().message());
      }
    }
    return absl::OkStatus();
  }

 private:
  // A word with probability proportional to its weight.
  int64_t Sample(random::SingleSample& stream) const {
    const double target = stream() / 4294967296.0 * cumulative_.back();
    const int64_t index =
        std::upper_bound(cumulative_.begin(), cumulative_.end(), target) - cumulative_.begin();
    return std::min<int64_t>(index, static_cast<int64_t>(cumulative_.size()) - 1);
  }

  int64_t num_samples_;
  // Running sums of vocab_count^0.75.
  std::vector<double> cumulative_;
  // Fresh random seeds per kernel, as TF's (seed, seed2) = (0, 0).
  random::GuardedPhilox generator_{0, 0};
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildNegTrain(const KernelBuildContext& context) {
  absl::StatusOr<std::vector<int64_t>> counts = context.attrs.GetIntList("vocab_count");
  absl::StatusOr<int64_t> num_samples = context.attrs.GetInt("num_negative_samples");
  for (const absl::Status& status : {counts.status(), num_samples.status()}) {
    if (!status.ok()) return status;
  }
  std::vector<double> cumulative;
  double sum = 0;
  for (int64_t count : *counts) {
    if (count < 0) return context.Error(absl::StrCat("vocab_count must be >= 0, got ", count));
    sum += std::pow(static_cast<float>(count), 0.75f);
    cumulative.push_back(sum);
  }
  if (*num_samples > 0 && !(sum > 0)) {
    return context.Error("vocab_count must have a positive count to draw negative samples from");
  }
  return std::make_unique<NegTrainKernel>(*num_samples, std::move(cumulative));
}

REGISTER_KERNEL_FACTORY("NegTrain", BuildNegTrain);

}  // namespace
}  // namespace tfjs::runtime::embedding
