// NearestNeighbors, KmeansPlusPlusInitialization and KMC2ChainInitialization (TF's
// clustering_ops.cc): squared Euclidean distances between float32 rows, and the two seedings of
// k-means drawing from TF's Philox stream seeded as PhiloxRandom(seed).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/random/philox.h"

namespace tfjs::runtime::clustering {
namespace {

// TF's SimplePhilox over PhiloxRandom(seed): 32-bit words one at a time.
class SimplePhilox {
 public:
  explicit SimplePhilox(uint64_t seed)
      : philox_(random::Philox::FromSeeds(seed, 0)), single_(&philox_) {}
  SimplePhilox(const SimplePhilox&) = delete;
  SimplePhilox& operator=(const SimplePhilox&) = delete;

  float RandFloat() { return random::Uint32ToFloat(single_()); }
  uint64_t Rand64() {
    const uint64_t lo = single_();
    const uint64_t hi = single_();
    return lo | hi << 32;
  }
  // TF's ExactUniformInt: a power of two masks; otherwise words below 2^64 mod n are redrawn.
  uint64_t Uniform64(uint64_t n) {
    if ((n & (n - 1)) == 0) return Rand64() & (n - 1);
    const uint64_t rem = (uint64_t{0} - n) % n;
    uint64_t x;
    do {
      x = Rand64();
    } while (x < rem);
    return x % n;
  }

 private:
  random::Philox philox_;
  random::SingleSample single_;
};

// The squared distance of two rows of `dims` floats, summed in double and rounded once.
float SquaredDistance(const float* a, const float* b, int64_t dims) {
  double sum = 0;
  for (int64_t j = 0; j < dims; ++j) {
    const double d = static_cast<double>(a[j]) - b[j];
    sum += d * d;
  }
  return static_cast<float>(sum);
}

absl::Status CheckMatrix(const OpContext& context, int index, const char* what) {
  const Tensor& tensor = context.input(index);
  if (tensor.rank() != 2) {
    return context.Error(absl::StrCat("Input ", what, " should be a matrix, got shape ",
                                      ShapeString(tensor.shape())));
  }
  return absl::OkStatus();
}

absl::Status CheckScalar(const OpContext& context, int index, const char* what) {
  const Tensor& tensor = context.input(index);
  if (tensor.rank() != 0) {
    return context.Error(absl::StrCat("Input ", what, " should be a scalar, got shape ",
                                      ShapeString(tensor.shape())));
  }
  return absl::OkStatus();
}

// --- NearestNeighbors ---------------------------------------------------------------------------

absl::Status ComputeNearestNeighbors(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  for (const absl::Status& status :
       {CheckMatrix(context, 0, "points"), CheckMatrix(context, 1, "centers"),
        CheckScalar(context, 2, "k")}) {
    if (!status.ok()) return status;
  }
  const Tensor& points = context.input(0);
  const Tensor& centers = context.input(1);
  if (points.dim(1) != centers.dim(1)) {
    return context.Error(absl::StrCat("Expected points.cols() == centers.cols(), got ",
                                      points.dim(1), " and ", centers.dim(1)));
  }
  const int64_t k_input = context.input(2).data<int64_t>()[0];
  if (k_input < 0) return context.Error(absl::StrCat("Expected k >= 0, got ", k_input));
  const int64_t num_points = points.dim(0);
  const int64_t num_centers = centers.dim(0);
  const int64_t dims = points.dim(1);
  const int64_t k = std::min(k_input, num_centers);
  Tensor indices = *Tensor::Allocate(tensorflow::DT_INT64, {num_points, k});
  Tensor distances = *Tensor::Allocate(tensorflow::DT_FLOAT, {num_points, k});
  std::vector<std::pair<float, int64_t>> row(num_centers);
  for (int64_t i = 0; i < num_points; ++i) {
    const float* point = points.data<float>() + i * dims;
    for (int64_t c = 0; c < num_centers; ++c) {
      row[c] = {SquaredDistance(point, centers.data<float>() + c * dims, dims), c};
    }
    // Nearest first; equal distances by center index.
    std::partial_sort(row.begin(), row.begin() + k, row.end());
    for (int64_t j = 0; j < k; ++j) {
      distances.mutable_data<float>()[i * k + j] = row[j].first;
      indices.mutable_data<int64_t>()[i * k + j] = row[j].second;
    }
  }
  context.set_output(0, std::move(indices));
  context.set_output(1, std::move(distances));
  return absl::OkStatus();
}

REGISTER_KERNEL("NearestNeighbors", ComputeNearestNeighbors);

// --- KmeansPlusPlusInitialization ---------------------------------------------------------------

absl::Status ComputeKmeansPlusPlusInitialization(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  for (const absl::Status& status :
       {CheckMatrix(context, 0, "points"), CheckScalar(context, 1, "num_to_sample"),
        CheckScalar(context, 2, "seed"), CheckScalar(context, 3, "num_retries_per_sample")}) {
    if (!status.ok()) return status;
  }
  const Tensor& points = context.input(0);
  const int64_t num_points = points.dim(0);
  const int64_t dims = points.dim(1);
  const int64_t num_to_sample = context.input(1).data<int64_t>()[0];
  const uint64_t seed = static_cast<uint64_t>(context.input(2).data<int64_t>()[0]);
  const int64_t retries_input = context.input(3).data<int64_t>()[0];
  if (num_points <= 0) return context.Error("Expected points.rows() > 0.");
  if (num_to_sample <= 0) return context.Error("Expected num_to_sample > 0.");
  if (num_to_sample > num_points) {
    return context.Error(absl::StrCat("Expected num_to_sample <= points.rows(). ", num_to_sample,
                                      " vs ", num_points, "."));
  }
  const int64_t retries =
      retries_input >= 0 ? retries_input
                         : 2 + static_cast<int64_t>(std::log(static_cast<double>(num_to_sample)));
  const float* data = points.data<float>();
  SimplePhilox rng(seed);
  std::vector<int64_t> chosen = {static_cast<int64_t>(rng.Uniform64(num_points))};
  std::vector<float> min_distances(num_points);
  for (int64_t i = 0; i < num_points; ++i) {
    min_distances[i] = SquaredDistance(data + i * dims, data + chosen[0] * dims, dims);
  }
  std::vector<float> cumsum(num_points);
  std::vector<float> candidate_distances(num_points), best_distances(num_points);
  while (static_cast<int64_t>(chosen.size()) < num_to_sample) {
    std::partial_sum(min_distances.begin(), min_distances.end(), cumsum.begin());
    // The first draw and `retries` more, each proportional to the distance to the nearest chosen
    // row; the one leaving the smallest total distance wins.
    int64_t best = -1;
    double best_potential = std::numeric_limits<double>::infinity();
    for (int64_t draw = 0; draw <= retries; ++draw) {
      const float target = rng.RandFloat() * cumsum.back();
      const int64_t candidate = std::min<int64_t>(
          std::upper_bound(cumsum.begin(), cumsum.end(), target) - cumsum.begin(), num_points - 1);
      double potential = 0;
      for (int64_t i = 0; i < num_points; ++i) {
        candidate_distances[i] = std::min(
            min_distances[i], SquaredDistance(data + i * dims, data + candidate * dims, dims));
        potential += candidate_distances[i];
      }
      if (best < 0 || potential < best_potential) {
        best = candidate;
        best_potential = potential;
        best_distances.swap(candidate_distances);
      }
    }
    chosen.push_back(best);
    min_distances.swap(best_distances);
  }
  Tensor samples = *Tensor::Allocate(tensorflow::DT_FLOAT, {num_to_sample, dims});
  for (int64_t s = 0; s < num_to_sample; ++s) {
    std::copy(data + chosen[s] * dims, data + (chosen[s] + 1) * dims,
              samples.mutable_data<float>() + s * dims);
  }
  context.set_output(0, std::move(samples));
  return absl::OkStatus();
}

REGISTER_KERNEL("KmeansPlusPlusInitialization", ComputeKmeansPlusPlusInitialization);

// --- KMC2ChainInitialization --------------------------------------------------------------------

// A Markov chain over the points in order: point i replaces the current one with probability
// min(1, distance_i / distance_current), one RandFloat per step.
absl::Status ComputeKMC2ChainInitialization(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& distances = context.input(0);
  if (distances.rank() != 1) {
    return context.Error(absl::StrCat("Input distances should be a vector, got shape ",
                                      ShapeString(distances.shape())));
  }
  if (absl::Status status = CheckScalar(context, 1, "seed"); !status.ok()) return status;
  const int64_t num_points = distances.dim(0);
  if (num_points <= 0) return context.Error("Expected distances_tensor.size() > 0.");
  SimplePhilox rng(static_cast<uint64_t>(context.input(1).data<int64_t>()[0]));
  const float* values = distances.data<float>();
  int64_t selected = 0;
  float selected_distance = values[0];
  for (int64_t i = 1; i < num_points; ++i) {
    if (values[i] > rng.RandFloat() * selected_distance) {
      selected = i;
      selected_distance = values[i];
    }
  }
  context.set_output(0, Tensor::Scalar<int64_t>(tensorflow::DT_INT64, selected));
  return absl::OkStatus();
}

REGISTER_KERNEL("KMC2ChainInitialization", ComputeKMC2ChainInitialization);

}  // namespace
}  // namespace tfjs::runtime::clustering
