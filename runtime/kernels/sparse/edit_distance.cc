// EditDistance: the Levenshtein distance between the sequences of two SparseTensors (each
// sequence: the entries sharing all but the last index, in index order), optionally divided by
// the truth's length; the output has the larger of the two group shapes.
#include <algorithm>
#include <map>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/sparse/sparse_util.h"

namespace tfjs::runtime {
namespace {

using sparse::SparseInput;
using Group = std::vector<int64_t>;

// The entries of each group, in index order.
std::map<Group, std::vector<int64_t>> Sequences(const SparseInput& input) {
  std::vector<int64_t> order(input.nnz);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
    return sparse::IndexLess(input.index(a), input.index(b), input.rank);
  });
  std::map<Group, std::vector<int64_t>> sequences;
  for (int64_t k : order) {
    sequences[Group(input.index(k), input.index(k) + input.rank - 1)].push_back(k);
  }
  return sequences;
}

int64_t Levenshtein(const Tensor& a, const std::vector<int64_t>& x, const Tensor& b,
                    const std::vector<int64_t>& y) {
  std::vector<int64_t> row(y.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (size_t i = 1; i <= x.size(); ++i) {
    int64_t diagonal = row[0];
    row[0] = static_cast<int64_t>(i);
    for (size_t j = 1; j <= y.size(); ++j) {
      const int64_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (ElementsEqual(a, x[i - 1], b, y[j - 1]) ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

absl::Status ComputeEditDistance(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(6, 6); !status.ok()) return status;
  absl::StatusOr<bool> normalize = sparse::AttrsOf(context).GetBool("normalize");
  if (!normalize.ok()) return context.Error(normalize.status().message());
  absl::StatusOr<SparseInput> hypothesis = sparse::ReadSparse(context, 0);
  if (!hypothesis.ok()) return hypothesis.status();
  absl::StatusOr<SparseInput> truth = sparse::ReadSparse(context, 3);
  if (!truth.ok()) return truth.status();
  if (hypothesis->rank != truth->rank) {
    return context.Error(absl::StrCat("hypothesis and truth must have the same rank, got ",
                                      hypothesis->rank, " and ", truth->rank));
  }
  if (hypothesis->rank < 1) return context.Error("hypothesis and truth must have rank >= 1");
  if (hypothesis->values->dtype() != truth->values->dtype()) {
    return context.Error("hypothesis and truth values must have one dtype");
  }
  const int group_rank = truth->rank - 1;
  Shape out_shape;
  for (int d = 0; d < group_rank; ++d) {
    out_shape.push_back(std::max(hypothesis->shape[d], truth->shape[d]));
  }
  absl::StatusOr<Tensor> output = Tensor::Zeros(tensorflow::DT_FLOAT, out_shape);
  if (!output.ok()) return context.Error(output.status().message());
  const auto hyp = Sequences(*hypothesis);
  const auto ref = Sequences(*truth);
  std::map<Group, float> distances;
  for (const auto& [group, members] : hyp) {
    auto it = ref.find(group);
    if (it == ref.end()) {
      // No truth: the distance is the hypothesis' length, infinite when normalized.
      distances[group] = *normalize ? static_cast<float>(members.size()) / 0.0f
                                    : static_cast<float>(members.size());
      continue;
    }
    const float distance =
        static_cast<float>(Levenshtein(*hypothesis->values, members, *truth->values, it->second));
    distances[group] = *normalize ? distance / static_cast<float>(it->second.size()) : distance;
  }
  for (const auto& [group, members] : ref) {
    if (hyp.count(group)) continue;
    distances[group] = *normalize ? 1.0f : static_cast<float>(members.size());
  }
  for (const auto& [group, distance] : distances) {
    int64_t offset = 0;
    for (int d = 0; d < group_rank; ++d) {
      if (group[d] < 0 || group[d] >= out_shape[d]) {
        return context.Error(absl::StrCat("Group index [", absl::StrJoin(group, ","),
                                          "] is out of bounds of the output shape ",
                                          ShapeString(out_shape)));
      }
      offset = offset * out_shape[d] + group[d];
    }
    output->mutable_data<float>()[offset] = distance;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("EditDistance", ComputeEditDistance, {{"T", dtypes::PodString()}});

}  // namespace
}  // namespace tfjs::runtime
