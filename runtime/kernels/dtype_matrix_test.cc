// The dtype matrix: every op example (testing/op_examples.h) runs for every dtype its kernel
// declares for the example's dtype attr and must give the example's outputs; every kernel has an
// example; and a kernel refuses a dtype it does not declare before it computes.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "runtime/kernel.h"
#include "runtime/kernels/testing/op_examples.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime::testing {
namespace {

struct MatrixCase {
  const OpExample* example;
  DataType dtype;
};

void PrintTo(const MatrixCase& matrix_case, std::ostream* os) {
  *os << matrix_case.example->op << " " << matrix_case.example->name << " "
      << DataTypeName(matrix_case.dtype);
}

// The dtypes the kernel for `op` declares for `attr`; nullptr when it leaves the attr open.
const std::vector<DataType>* DeclaredDtypes(const std::string& op, const std::string& attr) {
  const KernelDtypes* dtypes = FindKernelDtypes(op);
  if (dtypes == nullptr) return nullptr;
  for (const TypeConstraint& constraint : *dtypes) {
    if (constraint.attr == attr) return &constraint.dtypes;
  }
  return nullptr;
}

std::vector<MatrixCase> Cases() {
  std::vector<MatrixCase> cases;
  for (const OpExample& example : AllOpExamples()) {
    if (example.dtype_attr.empty()) {
      cases.push_back({&example, tensorflow::DT_INVALID});
      continue;
    }
    const std::vector<DataType>* declared = DeclaredDtypes(example.op, example.dtype_attr);
    std::vector<DataType> dtypes;
    if (declared != nullptr) dtypes = *declared;
    if (!example.only_dtypes.empty()) dtypes = example.only_dtypes;
    if (dtypes.empty()) dtypes = {tensorflow::DT_FLOAT};
    for (DataType dtype : dtypes) {
      const std::vector<DataType>& skip = example.skip_dtypes;
      if (std::find(skip.begin(), skip.end(), dtype) == skip.end()) {
        cases.push_back({&example, dtype});
      }
    }
  }
  return cases;
}

std::string DtypeAttrText(const std::string& attr, DataType dtype) {
  if (attr.empty()) return "";
  return absl::StrCat("attr { key: \"", attr, "\" value { type: ", tensorflow::DataType_Name(dtype),
                      " } }");
}

// How far float outputs may be from the example: the relative tolerance, plus the 16-bit types'
// rounding step (each input and the result are rounded once).
double Tolerance(const OpExample& example, DataType dtype) {
  if (dtype == tensorflow::DT_HALF) return example.tolerance + 4.0 / 1024;
  if (dtype == tensorflow::DT_BFLOAT16) return example.tolerance + 4.0 / 128;
  if (dtype == tensorflow::DT_FLOAT || dtype == tensorflow::DT_COMPLEX64) {
    return std::max(example.tolerance, 1e-6);
  }
  return example.tolerance;
}

std::string CaseName(const ::testing::TestParamInfo<MatrixCase>& info) {
  std::string name = absl::StrCat(info.param.example->op, "_", info.param.example->name, "_",
                                  DataTypeName(info.param.dtype), "_", info.index);
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !absl::ascii_isalnum(c); }, '_');
  return name;
}

class DtypeMatrixTest : public ::testing::TestWithParam<MatrixCase> {};

TEST_P(DtypeMatrixTest, ComputesTheExample) {
  const OpExample& example = *GetParam().example;
  const DataType dtype = GetParam().dtype;
  std::vector<Tensor> inputs;
  for (const ExampleTensor& input : example.inputs) {
    absl::StatusOr<Tensor> tensor = ExampleToTensor(input, dtype);
    ASSERT_TRUE(tensor.ok()) << tensor.status();
    inputs.push_back(*std::move(tensor));
  }
  absl::StatusOr<std::vector<Tensor>> outputs;
  if (example.graph.empty()) {
    outputs = RunOp(example.op, inputs, example.attrs + DtypeAttrText(example.dtype_attr, dtype),
                    static_cast<int>(example.outputs.size()), example.constant_inputs);
  } else {
    std::vector<std::pair<std::string, Tensor>> feeds;
    for (size_t i = 0; i < inputs.size(); ++i) {
      feeds.emplace_back(absl::StrCat("input_", i), inputs[i]);
    }
    outputs =
        RunGraph(absl::StrReplaceAll(example.graph, {{"$T", tensorflow::DataType_Name(dtype)}}),
                 feeds, example.fetches);
  }
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ASSERT_EQ(outputs->size(), example.outputs.size());
  for (size_t k = 0; k < example.outputs.size(); ++k) {
    SCOPED_TRACE(absl::StrCat("output ", k));
    const ExampleTensor& expected = example.outputs[k];
    const Tensor& actual = (*outputs)[k];
    const DataType expected_dtype =
        expected.dtype == tensorflow::DT_INVALID ? dtype : expected.dtype;
    EXPECT_EQ(DataTypeName(actual.dtype()), DataTypeName(expected_dtype));
    EXPECT_EQ(ShapeString(actual.shape()), ShapeString(expected.shape));
    if (actual.dtype() == tensorflow::DT_STRING) {
      // Expected strings are given as bytes, or as numbers in decimal as for inputs.
      absl::StatusOr<Tensor> want = ExampleToTensor(expected, dtype);
      ASSERT_TRUE(want.ok()) << want.status();
      EXPECT_EQ(actual.strings(), want->strings());
      continue;
    }
    absl::StatusOr<std::vector<double>> values = TensorToDoubles(actual);
    ASSERT_TRUE(values.ok()) << values.status();
    ASSERT_EQ(values->size(), expected.values.size());
    const double tolerance = Tolerance(example, actual.dtype());
    for (size_t i = 0; i < values->size(); ++i) {
      const double want = expected.values[i];
      const double got = (*values)[i];
      if (std::isnan(want)) {
        EXPECT_TRUE(std::isnan(got)) << "element " << i << ": " << got;
      } else if (std::isinf(want)) {
        EXPECT_EQ(got, want) << "element " << i;
      } else {
        EXPECT_LE(std::abs(got - want), tolerance * std::max(1.0, std::abs(want)))
            << "element " << i << ": got " << got << ", want " << want;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, DtypeMatrixTest, ::testing::ValuesIn(Cases()), CaseName);

// Kernels without an example yet, one op per line: the migration list, which only shrinks.
std::set<std::string> KernelsWithoutExamples() {
  std::set<std::string> ops;
  // Tests run in the workspace root of their runfiles.
  std::ifstream file("runtime/kernels/testing/kernels_without_examples.txt");
  std::string line;
  while (std::getline(file, line)) {
    line = std::string(absl::StripAsciiWhitespace(line.substr(0, line.find('#'))));
    if (!line.empty()) ops.insert(line);
  }
  return ops;
}

TEST(DtypeMatrix, EveryKernelHasAnExample) {
  std::set<std::string> with_examples;
  for (const OpExample& example : AllOpExamples()) {
    with_examples.insert(example.op);
    with_examples.insert(example.other_ops.begin(), example.other_ops.end());
  }
  const std::set<std::string> listed = KernelsWithoutExamples();
  std::vector<std::string> missing, stale;
  for (const std::string& op : RegisteredKernelOps()) {
    const bool has = with_examples.count(op) > 0;
    if (!has && !listed.count(op)) missing.push_back(op);
    if (has && listed.count(op)) stale.push_back(op);
  }
  for (const std::string& op : listed) {
    if (FindKernel(op) == nullptr) stale.push_back(op);
  }
  EXPECT_TRUE(missing.empty()) << "kernels without an example: " << absl::StrJoin(missing, ", ");
  EXPECT_TRUE(stale.empty())
      << "listed in kernels_without_examples.txt but having an example (or no kernel): "
      << absl::StrJoin(stale, ", ");
  for (const OpExample& example : AllOpExamples()) {
    EXPECT_NE(FindKernel(example.op), nullptr) << "example for op without kernel: " << example.op;
  }
}

TEST(DtypeMatrix, UndeclaredDtypeIsRefusedBeforeComputing) {
  const DataType kCandidates[] = {
      tensorflow::DT_STRING, tensorflow::DT_BOOL,  tensorflow::DT_COMPLEX128, tensorflow::DT_INT8,
      tensorflow::DT_HALF,   tensorflow::DT_INT32, tensorflow::DT_FLOAT};
  std::set<std::string> checked;
  for (const OpExample& example : AllOpExamples()) {
    const std::vector<DataType>* declared = DeclaredDtypes(example.op, example.dtype_attr);
    if (declared == nullptr || example.dtype_attr.empty() || !example.graph.empty() ||
        !checked.insert(example.op).second) {
      continue;
    }
    for (DataType candidate : kCandidates) {
      if (std::find(declared->begin(), declared->end(), candidate) != declared->end()) continue;
      std::vector<Tensor> inputs;
      bool representable = true;
      for (const ExampleTensor& input : example.inputs) {
        absl::StatusOr<Tensor> tensor = ExampleToTensor(input, candidate);
        if (!tensor.ok()) representable = false;
        if (tensor.ok()) inputs.push_back(*std::move(tensor));
      }
      if (!representable) continue;
      absl::StatusOr<std::vector<Tensor>> outputs =
          RunOp(example.op, inputs, example.attrs + DtypeAttrText(example.dtype_attr, candidate),
                static_cast<int>(example.outputs.size()), example.constant_inputs);
      ASSERT_FALSE(outputs.ok()) << example.op << " ran with undeclared "
                                 << DataTypeName(candidate);
      EXPECT_NE(outputs.status().message().find("is not supported"), std::string::npos)
          << outputs.status();
      break;
    }
  }
  EXPECT_FALSE(checked.empty());
}

}  // namespace
}  // namespace tfjs::runtime::testing
