// Runs corpus cases that use the native-only kernels (scatter, linalg, special, random, rnn, ...)
// through the frozen-graph reader, the converter's debug-op stripping and GraphModel, and compares every stored output with the value
// TensorFlow computed (floats within the corpus's ~8 significant digits of text precision).
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/passes/strip_debug_ops.h"
#include "converter/readers/corpus_case.h"
#include "converter/readers/frozen_graph_reader.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"
#include "tools/npy/npy.h"
#include "tools/npy/tensor_npy.h"

namespace tfjs::runtime {
namespace {

struct CaseName {
  const char* category;
  const char* id;
  // False for cases whose outputs come from random ops: only dtypes and shapes must match.
  bool compare_values = true;
};

absl::StatusOr<Tensor> ReadNpy(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::stringstream bytes;
  bytes << file.rdbuf();
  absl::StatusOr<tools::NpyArray> array = tools::DecodeNpy(bytes.str(), path);
  if (!array.ok()) return array.status();
  return tools::TensorFromNpy(*array);
}

// The elements of a float or double tensor as doubles.
std::vector<double> FloatingValues(const Tensor& tensor) {
  std::vector<double> values;
  for (int64_t i = 0; i < tensor.num_elements(); ++i) {
    values.push_back(tensor.dtype() == tensorflow::DT_FLOAT ? tensor.data<float>()[i]
                                                            : tensor.data<double>()[i]);
  }
  return values;
}

class CorpusCaseTest : public ::testing::TestWithParam<CaseName> {};

TEST_P(CorpusCaseTest, MatchesTensorFlow) {
  const std::string dir = absl::StrCat(converter::testing::CorpusRoot(), "/",
                                       GetParam().category, "/", GetParam().id);
  absl::StatusOr<converter::testing::CorpusCase> corpus_case = converter::testing::ReadCase(dir);
  ASSERT_TRUE(corpus_case.ok()) << corpus_case.status();
  std::vector<std::string> output_names;
  for (const auto& output : corpus_case->outputs) output_names.push_back(output.tensor);
  std::string graph_path = dir + "/frozen_model.pb";
  if (!std::ifstream(graph_path)) graph_path = dir + "/frozen_model.pbtxt";
  absl::StatusOr<converter::FrozenModel> frozen =
      converter::ReadFrozenModel(graph_path, output_names);
  ASSERT_TRUE(frozen.ok()) << frozen.status();
  // As the converter does by default (--strip_debug_ops).
  converter::StripDebugOps(&frozen->graph);
  absl::StatusOr<std::unique_ptr<GraphModel>> model = GraphModel::FromGraphDef(
      std::move(frozen->graph), {}, std::move(frozen->signature), GraphModelOptions{});
  ASSERT_TRUE(model.ok()) << model.status();

  std::vector<std::pair<std::string, Tensor>> feeds;
  for (size_t i = 0; i < corpus_case->inputs.size(); ++i) {
    absl::StatusOr<Tensor> input = ReadNpy(absl::StrCat(dir, "/inputs/", i, ".npy"));
    ASSERT_TRUE(input.ok()) << input.status();
    feeds.emplace_back(corpus_case->inputs[i].tensor, *std::move(input));
  }
  absl::StatusOr<std::vector<Tensor>> outputs = (*model)->ExecuteAsync(feeds, output_names);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ASSERT_EQ(outputs->size(), output_names.size());
  for (size_t k = 0; k < output_names.size(); ++k) {
    SCOPED_TRACE(output_names[k]);
    absl::StatusOr<Tensor> expected = ReadNpy(absl::StrCat(dir, "/outputs/", k, ".npy"));
    ASSERT_TRUE(expected.ok()) << expected.status();
    const Tensor& actual = (*outputs)[k];
    ASSERT_EQ(DataTypeName(actual.dtype()), DataTypeName(expected->dtype()));
    ASSERT_EQ(ShapeString(actual.shape()), ShapeString(expected->shape()));
    if (!GetParam().compare_values) continue;
    if (actual.dtype() != tensorflow::DT_FLOAT && actual.dtype() != tensorflow::DT_DOUBLE) {
      // Integers, bools and the half types: the same bits.
      ASSERT_EQ(actual.byte_size(), expected->byte_size());
      EXPECT_EQ(std::memcmp(actual.raw_data(), expected->raw_data(), actual.byte_size()), 0);
      continue;
    }
    const std::vector<double> got = FloatingValues(actual);
    const std::vector<double> want = FloatingValues(*expected);
    for (size_t i = 0; i < want.size(); ++i) {
      if (std::isnan(want[i])) {
        EXPECT_TRUE(std::isnan(got[i])) << "element " << i << ": " << got[i];
      } else {
        EXPECT_NEAR(got[i], want[i], 1e-5 + 1e-4 * std::fabs(want[i])) << "element " << i;
      }
    }
  }
}

std::string CaseTestName(const ::testing::TestParamInfo<CaseName>& info) {
  std::string name = info.param.id;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(
    RefVariableScatter, CorpusCaseTest,
    ::testing::Values(
        CaseName{"gather_scatter", "dl4j__scatter_nd_add__locking__rank1shape_1indices"},
        CaseName{"gather_scatter", "dl4j__scatter_nd_add__locking__rank2shape_2indices"},
        CaseName{"gather_scatter", "dl4j__scatter_nd_add__locking__rank3shape_2indices"},
        CaseName{"gather_scatter", "dl4j__scatter_nd_add__unique_idxs__rank3shape_1indices"},
        CaseName{"gather_scatter", "dl4j__reductions__scatter_div_vector"},
        CaseName{"gather_scatter", "dl4j__reductions__scatter_max_scalar"},
        CaseName{"gather_scatter", "dl4j__reductions__scatter_mul_vector"},
        CaseName{"gather_scatter", "dl4j__reductions__scatter_sub_scalar"},
        CaseName{"gather_scatter", "dl4j__reductions__scatter_update_vector"},
        CaseName{"empty_tensor", "dl4j__emptyArrayTests__scatter_mul__rank2_emptyIndices_emptyUpdates"},
        CaseName{"empty_tensor", "dl4j__emptyArrayTests__scatter_add__rank1_emptyIndices_emptyUpdates"}),
    CaseTestName);

INSTANTIATE_TEST_SUITE_P(
    ArrayLossSegment, CorpusCaseTest,
    ::testing::Values(
        CaseName{"shape_array", "dl4j__DeepCopy__float32"},
        CaseName{"shape_array", "dl4j__DeepCopy__half"},
        CaseName{"shape_array", "dl4j__DeepCopy__int8"},
        CaseName{"shape_array", "dl4j__parallel_stack__rank0"},
        CaseName{"shape_array", "dl4j__parallel_stack__rank3"},
        CaseName{"reductions", "dl4j__nth_element__rank1_n3_reverse"},
        CaseName{"reductions", "dl4j__nth_element__rank2_n4"},
        CaseName{"reductions", "dl4j__nth_element__rank3_n2"},
        CaseName{"nn", "dl4j__losses__l2_loss_rank0"},
        CaseName{"nn", "dl4j__losses__l2_loss_rank4"},
        CaseName{"nn", "dl4j__losses__softmax_ce"},
        CaseName{"nn", "dl4j__losses__softmax_ce_NONE"},
        CaseName{"nn", "dl4j__losses__softmax_ce_smooth05"},
        CaseName{"nn", "dl4j__losses__softmax_ce_SUM_BY_NONZERO_WEIGHTS"},
        CaseName{"gather_scatter", "dl4j__bincount__rank2_weights"},
        CaseName{"control_flow", "dl4j__ragged__reduce_mean__2d_a0"},
        CaseName{"control_flow", "dl4j__ragged__reduce_mean__2d_a1"}),
    CaseTestName);

INSTANTIATE_TEST_SUITE_P(
    Linalg, CorpusCaseTest,
    ::testing::Values(
        CaseName{"linalg", "dl4j__linear_solve__float32_rank2"},
        CaseName{"linalg", "dl4j__linear_solve__float32_rank3"},
        CaseName{"linalg", "dl4j__linear_solve__float32_rank3_returns_int64"},
        CaseName{"linalg", "dl4j__linear_solve__float64_rank2"},
        CaseName{"linalg", "dl4j__linear_solve__float64_rank3"},
        CaseName{"empty_tensor", "dl4j__linear_solve__emptyArrayTest__float32"},
        CaseName{"linalg", "dl4j__log_determinant__rank2"},
        CaseName{"linalg", "dl4j__log_determinant__rank3"},
        CaseName{"linalg", "dl4j__matrix_determinant__rank2_5x5"},
        CaseName{"linalg", "dl4j__matrix_determinant__rank3_2x3x3"},
        CaseName{"linalg", "dl4j__matrix_determinant__rank4_2x2x3x3"}),
    CaseTestName);

INSTANTIATE_TEST_SUITE_P(
    Special, CorpusCaseTest,
    ::testing::Values(
        CaseName{"elementwise", "dl4j__digamma__float32"},
        CaseName{"elementwise", "dl4j__digamma__float64"},
        CaseName{"empty_tensor", "dl4j__digamma__emptyArrayTest__float32"},
        CaseName{"elementwise", "dl4j__lgamma__float32"},
        CaseName{"elementwise", "dl4j__lgamma__float64"},
        CaseName{"elementwise", "dl4j__polygamma__float32"},
        CaseName{"elementwise", "dl4j__polygamma__float64"}),
    CaseTestName);

INSTANTIATE_TEST_SUITE_P(
    SparseUnique, CorpusCaseTest,
    ::testing::Values(
        CaseName{"control_flow", "dl4j__confusion__no_num_classes"},
        CaseName{"control_flow", "dl4j__confusion__no_num_classes_with_weights"},
        CaseName{"control_flow", "dl4j__confusion__with_num_classes"},
        CaseName{"control_flow", "dl4j__confusion__with_num_classes_with_weights"},
        CaseName{"reductions", "dl4j__uniqueWithCounts10-5"}),
    CaseTestName);

INSTANTIATE_TEST_SUITE_P(
    Image, CorpusCaseTest,
    ::testing::Values(
        CaseName{"image", "dl4j__extractImagePatches__sz1-6-6-2_float32_k3_s1_r1_SAME"},
        CaseName{"image", "dl4j__extractImagePatches__sz1-6-6-2_float32_k3_s1_r1_VALID"},
        CaseName{"image", "dl4j__extractImagePatches__sz1-8-8-2_int32_k2_s2_r1_SAME"},
        CaseName{"image", "dl4j__extractImagePatches__sz1-8-8-2_int64_k2_s1_r2_SAME"},
        CaseName{"image", "dl4j__resize_bicubic__float32"},
        CaseName{"image", "dl4j__resize_bicubic__float32_1"},
        CaseName{"image", "dl4j__resize_bicubic__float64"},
        CaseName{"image", "dl4j__resize_bicubic__int32"}),
    CaseTestName);

INSTANTIATE_TEST_SUITE_P(
    Rnn, CorpusCaseTest,
    ::testing::Values(
        CaseName{"rnn",
                 "dl4j__rnn__lstmblockfusedcell__batch1_n5-3_tsLength4_noPH_clip-0.3_fBias2_withIS"},
        CaseName{"rnn",
                 "dl4j__rnn__lstmblockfusedcell__batch1_n5-3_tsLength4_noPH_noClip_fBias1_noIS"},
        CaseName{"rnn",
                 "dl4j__rnn__lstmblockfusedcell__batch2_n2-3_tsLength4_withPH_noClip_fBias1_noIS"}),
    CaseTestName);

INSTANTIATE_TEST_SUITE_P(
    Random, CorpusCaseTest,
    ::testing::Values(CaseName{"random", "dl4j__random_gamma__rank1_float32", false},
                      CaseName{"random", "dl4j__random_gamma__rank1_float64", false},
                      CaseName{"random", "dl4j__random_gamma__rank3_float64", false},
                      CaseName{"random", "dl4j__random_gamma__rank4_float32", false},
                      CaseName{"random", "dl4j__random_shuffle__rank1_float32", false},
                      CaseName{"random", "dl4j__random_shuffle__rank1_int32", false},
                      CaseName{"random", "dl4j__random_shuffle__rank3_float32", false}),
    CaseTestName);

}  // namespace
}  // namespace tfjs::runtime
