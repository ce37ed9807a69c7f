// Op examples of SparseSegmentSum/Mean/SqrtN and their WithNumSegments forms (kernels in
// misc/sparse_segment.cc): rows 0 and 1 of [[1, 2], [3, 4], [5, 6]] into segment 0, row 2 into
// segment 1 (and an empty segment 2 where num_segments is 3). Each index attr has its own example.
#include <cmath>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

constexpr DataType kInt32 = tensorflow::DT_INT32;
constexpr DataType kFloat = tensorflow::DT_FLOAT;

std::vector<double> Expected(const std::string& op, bool with_num_segments) {
  std::vector<double> rows;
  if (op.find("Sum") != std::string::npos) rows = {4, 6, 5, 6};
  if (op.find("Mean") != std::string::npos) rows = {2, 3, 5, 6};
  if (op.find("SqrtN") != std::string::npos) rows = {4 / std::sqrt(2.0), 6 / std::sqrt(2.0), 5, 6};
  if (with_num_segments) rows.insert(rows.end(), {0, 0});
  return rows;
}

// The example of `op` varying `dtype_attr`; the other attrs are float32 / int32.
OpExample Segment(const std::string& op, const std::string& dtype_attr) {
  const bool with_num_segments = op.find("WithNumSegments") != std::string::npos;
  auto input = [&](const std::string& attr, DataType fixed, Shape shape,
                   std::vector<double> values) {
    return dtype_attr == attr ? X(std::move(shape), std::move(values))
                              : Fixed(fixed, std::move(shape), std::move(values));
  };
  OpExample example{.op = op, .name = dtype_attr, .dtype_attr = dtype_attr};
  example.inputs = {input("T", kFloat, {3, 2}, {1, 2, 3, 4, 5, 6}),
                    input("Tidx", kInt32, {3}, {0, 1, 2}),
                    input("Tsegmentids", kInt32, {3}, {0, 0, 1})};
  if (with_num_segments) example.inputs.push_back(input("Tnumsegments", kInt32, {}, {3}));
  const Shape out_shape = {with_num_segments ? 3 : 2, 2};
  example.outputs = {dtype_attr == "T" ? X(out_shape, Expected(op, with_num_segments))
                                       : Fixed(kFloat, out_shape, Expected(op, with_num_segments))};
  for (const char* attr : {"T", "Tidx", "Tsegmentids", "Tnumsegments"}) {
    if (attr == dtype_attr || (!with_num_segments && std::string(attr) == "Tnumsegments")) {
      continue;
    }
    example.attrs += std::string("attr { key: \"") + attr +
                     "\" value { type: " + (std::string(attr) == "T" ? "DT_FLOAT" : "DT_INT32") +
                     " } }";
  }
  example.tolerance = 1e-6;
  return example;
}

bool RegisterSegmentExamples() {
  std::vector<OpExample> examples;
  for (const char* op : {"SparseSegmentSum", "SparseSegmentMean", "SparseSegmentSqrtN",
                         "SparseSegmentSumWithNumSegments", "SparseSegmentMeanWithNumSegments",
                         "SparseSegmentSqrtNWithNumSegments"}) {
    for (const char* attr : {"T", "Tidx", "Tsegmentids", "Tnumsegments"}) {
      if (std::string(attr) == "Tnumsegments" &&
          std::string(op).find("WithNumSegments") == std::string::npos) {
        continue;
      }
      examples.push_back(Segment(op, attr));
    }
  }
  return RegisterOpExamples(std::move(examples));
}
const bool kSegmentExamples [[maybe_unused]] = RegisterSegmentExamples();

}  // namespace
}  // namespace tfjs::runtime::testing
