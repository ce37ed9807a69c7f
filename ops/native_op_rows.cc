// Hand-written op-table rows for ops only this runtime runs (TF.js 4.22 cannot run them).
//
// A row reads like the generated ones in ops/tfjs_op_rows.cc, built with ops/op_row_builders.h:
//   OpDef{"Softsign", "native", {Input("x", kTensor, 0)}, {Attr("T", "dtype", kDtype)}, {},
//         /*tfjs_supported=*/false},
// added together with the op's kernel and its test (see the steps in ops/op_table.h).
#include <vector>

#include "ops/op_row_builders.h"
#include "ops/op_rows.h"
#include "ops/op_table.h"

namespace tfjs::ops {

namespace {

// A row for an op TF.js lacks.
OpDef NativeOp(const char* tf_name, std::vector<InputDef> inputs, std::vector<AttrDef> attrs) {
  return OpDef{tf_name, "native", std::move(inputs), std::move(attrs), {},
               /*tfjs_supported=*/false};
}

// Inputs of the ops that write into a (frozen) ref variable: Scatter*, ScatterNd*.
std::vector<InputDef> RefScatterInputs() {
  using namespace row_builders;  // NOLINT(build/namespaces): rows read as data.
  return {Input("ref", kTensor, 0), Input("indices", kTensor, 1), Input("updates", kTensor, 2)};
}

std::vector<AttrDef> RefScatterAttrs(const char* use_locking_default) {
  using namespace row_builders;  // NOLINT(build/namespaces): rows read as data.
  return {Attr("T", "dtype", kDtype), Attr("Tindices", "indexType", kDtype),
          Attr("use_locking", "useLocking", kBool, use_locking_default)};
}

// UnsortedSegment{Sum,Prod,Min,Max}(data, segment_ids, num_segments).
std::vector<InputDef> UnsortedSegmentInputs() {
  using namespace row_builders;  // NOLINT(build/namespaces): rows read as data.
  return {Input("data", kTensor, 0), Input("segment_ids", kTensor, 1),
          Input("num_segments", kTensor, 2)};
}

std::vector<AttrDef> UnsortedSegmentAttrs() {
  using namespace row_builders;  // NOLINT(build/namespaces): rows read as data.
  return {Attr("T", "dtype", kDtype), Attr("Tindices", "indexType", kDtype),
          Attr("Tnumsegments", "numSegmentsType", kDtype)};
}

// Inputs of LSTMBlockCell, and of BlockLSTM(V2), which first take seq_len_max.
std::vector<InputDef> BlockLstmInputs(bool with_seq_len_max) {
  using namespace row_builders;  // NOLINT(build/namespaces): rows read as data.
  std::vector<InputDef> inputs;
  if (with_seq_len_max) inputs.push_back(Input("seq_len_max", kTensor, 0));
  const int first = with_seq_len_max ? 1 : 0;
  const char* names[] = {"x", "cs_prev", "h_prev", "w", "wci", "wcf", "wco", "b"};
  for (int i = 0; i < 8; ++i) inputs.push_back(Input(names[i], kTensor, first + i));
  return inputs;
}

}  // namespace

std::vector<OpDef> NativeOpRows() {
  using namespace row_builders;  // NOLINT(build/namespaces): rows read as data.
  return {
    NativeOp("AdjustContrastv2",
             {Input("images", kTensor, 0), Input("contrast_factor", kTensor, 1)},
             {Attr("T", "dtype", kDtype)}),
    NativeOp("Assign", {Input("ref", kTensor, 0), Input("value", kTensor, 1)},
             {Attr("T", "dtype", kDtype), Attr("validate_shape", "validateShape", kBool, "true"),
              Attr("use_locking", "useLocking", kBool, "true")}),
    NativeOp("AssignAdd", {Input("ref", kTensor, 0), Input("value", kTensor, 1)},
             {Attr("T", "dtype", kDtype), Attr("use_locking", "useLocking", kBool, "false")}),
    NativeOp("AssignSub", {Input("ref", kTensor, 0), Input("value", kTensor, 1)},
             {Attr("T", "dtype", kDtype), Attr("use_locking", "useLocking", kBool, "false")}),
    NativeOp("Betainc", {Input("a", kTensor, 0), Input("b", kTensor, 1), Input("x", kTensor, 2)},
             {Attr("T", "dtype", kDtype)}),
    NativeOp("Bitcast", {Input("input", kTensor, 0)},
             {Attr("T", "dtype", kDtype), Attr("type", "type", kDtype)}),
    NativeOp("BitwiseOr", {Input("x", kTensor, 0), Input("y", kTensor, 1)},
             {Attr("T", "dtype", kDtype)}),
    NativeOp("BitwiseXor", {Input("x", kTensor, 0), Input("y", kTensor, 1)},
             {Attr("T", "dtype", kDtype)}),
    NativeOp("BlockLSTM", BlockLstmInputs(/*with_seq_len_max=*/true),
             {Attr("forget_bias", "forgetBias", kNumber, "1"),
              Attr("cell_clip", "cellClip", kNumber, "3"),
              Attr("use_peephole", "usePeephole", kBool, "false"), Attr("T", "dtype", kDtype)}),
    NativeOp("BlockLSTMV2", BlockLstmInputs(/*with_seq_len_max=*/true),
             {Attr("cell_clip", "cellClip", kNumber, "0"),
              Attr("use_peephole", "usePeephole", kBool, "false"), Attr("T", "dtype", kDtype)}),
    NativeOp("Case", {Input("branch_index", kTensor, 0), InputRun("input", 1, InputDef::kToEnd)},
             {Attr("branches", "branches", kFunc)}),
    NativeOp("Cholesky", {Input("input", kTensor, 0)}, {Attr("T", "dtype", kDtype)}),
    NativeOp("Conv3DBackpropInput",
             {Input("input", kTensor, 0), Input("filter", kTensor, 1),
              Input("out_backprop", kTensor, 2)},
             {Attr("strides", "strides", kNumbers), Attr("padding", "pad", kString),
              Attr("dilations", "dilations", kNumbers, "[1,1,1,1,1]"),
              Attr("T", "dtype", kDtype)}),
    NativeOp("Conv3DBackpropInputV2",
             {Input("input_sizes", kTensor, 0), Input("filter", kTensor, 1),
              Input("out_backprop", kTensor, 2)},
             {Attr("strides", "strides", kNumbers), Attr("padding", "pad", kString),
              Attr("data_format", "dataFormat", kString, "NDHWC"),
              Attr("dilations", "dilations", kNumbers, "[1,1,1,1,1]"),
              Attr("T", "dtype", kDtype), Attr("Tshape", "shapeType", kDtype)}),
    NativeOp("DeepCopy", {Input("x", kTensor, 0)}, {Attr("T", "dtype", kDtype)}),
    NativeOp("Digamma", {Input("x", kTensor, 0)}, {Attr("T", "dtype", kDtype)}),
    NativeOp("DynamicPartition", {Input("data", kTensor, 0), Input("partitions", kTensor, 1)},
             {Attr("num_partitions", "numPartitions", kNumber), Attr("T", "dtype", kDtype)}),
    NativeOp("DynamicStitch", {InputRun("indices_and_data", 0, InputDef::kToEnd)},
             {Attr("N", "n", kNumber), Attr("T", "dtype", kDtype)}),
    NativeOp("ExtractImagePatches", {Input("images", kTensor, 0)},
             {Attr("ksizes", "ksizes", kNumbers), Attr("strides", "strides", kNumbers),
              Attr("rates", "rates", kNumbers), Attr("padding", "padding", kString),
              Attr("T", "dtype", kDtype)}),
    NativeOp("FakeQuantWithMinMaxArgs", {Input("inputs", kTensor, 0)},
             {Attr("min", "min", kNumber, "-6"), Attr("max", "max", kNumber, "6"),
              Attr("num_bits", "numBits", kNumber, "8"),
              Attr("narrow_range", "narrowRange", kBool, "false")}),
    NativeOp("FakeQuantWithMinMaxVarsPerChannel",
             {Input("inputs", kTensor, 0), Input("min", kTensor, 1), Input("max", kTensor, 2)},
             {Attr("num_bits", "numBits", kNumber, "8"),
              Attr("narrow_range", "narrowRange", kBool, "false")}),
    NativeOp("GRUBlockCell",
             {Input("x", kTensor, 0), Input("h_prev", kTensor, 1), Input("w_ru", kTensor, 2),
              Input("w_c", kTensor, 3), Input("b_ru", kTensor, 4), Input("b_c", kTensor, 5)},
             {Attr("T", "dtype", kDtype)}),
    NativeOp("HSVToRGB", {Input("images", kTensor, 0)}, {Attr("T", "dtype", kDtype)}),
    NativeOp("Igamma", {Input("a", kTensor, 0), Input("x", kTensor, 1)},
             {Attr("T", "dtype", kDtype)}),
    NativeOp("Igammac", {Input("a", kTensor, 0), Input("x", kTensor, 1)},
             {Attr("T", "dtype", kDtype)}),
    NativeOp("Invert", {Input("x", kTensor, 0)}, {Attr("T", "dtype", kDtype)}),
    NativeOp("L2Loss", {Input("t", kTensor, 0)}, {Attr("T", "dtype", kDtype)}),
    NativeOp("LSTMBlockCell", BlockLstmInputs(/*with_seq_len_max=*/false),
             {Attr("forget_bias", "forgetBias", kNumber, "1"),
              Attr("cell_clip", "cellClip", kNumber, "3"),
              Attr("use_peephole", "usePeephole", kBool, "false"), Attr("T", "dtype", kDtype)}),
    NativeOp("LeftShift", {Input("x", kTensor, 0), Input("y", kTensor, 1)},
             {Attr("T", "dtype", kDtype)}),
    NativeOp("Lgamma", {Input("x", kTensor, 0)}, {Attr("T", "dtype", kDtype)}),
    NativeOp("LogMatrixDeterminant", {Input("input", kTensor, 0)}, {Attr("T", "dtype", kDtype)}),
    NativeOp("Lu", {Input("input", kTensor, 0)},
             {Attr("T", "dtype", kDtype), Attr("output_idx_type", "outputIdxType", kDtype)}),
    NativeOp("MatrixDeterminant", {Input("input", kTensor, 0)}, {Attr("T", "dtype", kDtype)}),
    NativeOp("MatrixDiag", {Input("diagonal", kTensor, 0)}, {Attr("T", "dtype", kDtype)}),
    NativeOp("MatrixDiagPart", {Input("input", kTensor, 0)}, {Attr("T", "dtype", kDtype)}),
    NativeOp("MatrixDiagPartV2",
             {Input("input", kTensor, 0), Input("k", kTensor, 1),
              Input("padding_value", kTensor, 2)},
             {Attr("T", "dtype", kDtype)}),
    NativeOp("MatrixDiagPartV3",
             {Input("input", kTensor, 0), Input("k", kTensor, 1),
              Input("padding_value", kTensor, 2)},
             {Attr("T", "dtype", kDtype), Attr("align", "align", kString, "RIGHT_LEFT")}),
    NativeOp("MatrixDiagV2",
             {Input("diagonal", kTensor, 0), Input("k", kTensor, 1), Input("num_rows", kTensor, 2),
              Input("num_cols", kTensor, 3), Input("padding_value", kTensor, 4)},
             {Attr("T", "dtype", kDtype)}),
    NativeOp("MatrixDiagV3",
             {Input("diagonal", kTensor, 0), Input("k", kTensor, 1), Input("num_rows", kTensor, 2),
              Input("num_cols", kTensor, 3), Input("padding_value", kTensor, 4)},
             {Attr("T", "dtype", kDtype), Attr("align", "align", kString, "RIGHT_LEFT")}),
    NativeOp("MatrixInverse", {Input("input", kTensor, 0)},
             {Attr("T", "dtype", kDtype), Attr("adjoint", "adjoint", kBool, "false")}),
    NativeOp("MatrixSetDiag", {Input("input", kTensor, 0), Input("diagonal", kTensor, 1)},
             {Attr("T", "dtype", kDtype)}),
    NativeOp("MatrixSetDiagV2",
             {Input("input", kTensor, 0), Input("diagonal", kTensor, 1), Input("k", kTensor, 2)},
             {Attr("T", "dtype", kDtype)}),
    NativeOp("MatrixSetDiagV3",
             {Input("input", kTensor, 0), Input("diagonal", kTensor, 1), Input("k", kTensor, 2)},
             {Attr("T", "dtype", kDtype), Attr("align", "align", kString, "RIGHT_LEFT")}),
    NativeOp("MatrixSolve", {Input("matrix", kTensor, 0), Input("rhs", kTensor, 1)},
             {Attr("T", "dtype", kDtype), Attr("adjoint", "adjoint", kBool, "false")}),
    NativeOp("MatrixTriangularSolve", {Input("matrix", kTensor, 0), Input("rhs", kTensor, 1)},
             {Attr("T", "dtype", kDtype), Attr("lower", "lower", kBool, "true"),
              Attr("adjoint", "adjoint", kBool, "false")}),
    NativeOp("NthElement", {Input("input", kTensor, 0), Input("n", kTensor, 1)},
             {Attr("T", "dtype", kDtype), Attr("reverse", "reverse", kBool, "false")}),
    NativeOp("ParallelConcat", {InputRun("values", 0, InputDef::kToEnd)},
             {Attr("N", "n", kNumber), Attr("T", "dtype", kDtype), Attr("shape", "shape", kShape)}),
    NativeOp("ParallelDynamicStitch", {InputRun("indices_and_data", 0, InputDef::kToEnd)},
             {Attr("N", "n", kNumber), Attr("T", "dtype", kDtype)}),
    NativeOp("Polygamma", {Input("a", kTensor, 0), Input("x", kTensor, 1)},
             {Attr("T", "dtype", kDtype)}),
    NativeOp("Qr", {Input("input", kTensor, 0)},
             {Attr("full_matrices", "fullMatrices", kBool, "false"), Attr("T", "dtype", kDtype)}),
    NativeOp("RGBToHSV", {Input("images", kTensor, 0)}, {Attr("T", "dtype", kDtype)}),
    NativeOp("RaggedRange",
             {Input("starts", kTensor, 0), Input("limits", kTensor, 1),
              Input("deltas", kTensor, 2)},
             {Attr("T", "dtype", kDtype), Attr("Tsplits", "Tsplits", kDtype)}),
    NativeOp("RandomGamma", {Input("shape", kTensor, 0), Input("alpha", kTensor, 1)},
             {Attr("seed", "seed", kNumber, "0"), Attr("seed2", "seed2", kNumber, "0"),
              Attr("S", "shapeType", kDtype), Attr("T", "dtype", kDtype)}),
    NativeOp("RandomPoisson", {Input("shape", kTensor, 0), Input("rate", kTensor, 1)},
             {Attr("seed", "seed", kNumber, "0"), Attr("seed2", "seed2", kNumber, "0"),
              Attr("S", "shapeType", kDtype), Attr("dtype", "dtype", kDtype)}),
    NativeOp("RandomPoissonV2", {Input("shape", kTensor, 0), Input("rate", kTensor, 1)},
             {Attr("seed", "seed", kNumber, "0"), Attr("seed2", "seed2", kNumber, "0"),
              Attr("S", "shapeType", kDtype), Attr("R", "rateType", kDtype),
              Attr("dtype", "dtype", kDtype)}),
    NativeOp("RandomShuffle", {Input("value", kTensor, 0)},
             {Attr("seed", "seed", kNumber, "0"), Attr("seed2", "seed2", kNumber, "0"),
              Attr("T", "dtype", kDtype)}),
    NativeOp("ResizeArea", {Input("images", kTensor, 0), Input("size", kTensor, 1)},
             {Attr("align_corners", "alignCorners", kBool, "false"), Attr("T", "dtype", kDtype)}),
    NativeOp("ResizeBicubic", {Input("images", kTensor, 0), Input("size", kTensor, 1)},
             {Attr("align_corners", "alignCorners", kBool, "false"),
              Attr("half_pixel_centers", "halfPixelCenters", kBool, "false"),
              Attr("T", "dtype", kDtype)}),
    NativeOp("RightShift", {Input("x", kTensor, 0), Input("y", kTensor, 1)},
             {Attr("T", "dtype", kDtype)}),
    NativeOp("Roll",
             {Input("input", kTensor, 0), Input("shift", kTensor, 1), Input("axis", kTensor, 2)},
             {Attr("T", "dtype", kDtype), Attr("Tshift", "shiftType", kDtype),
              Attr("Taxis", "axisType", kDtype)}),
    NativeOp("ScatterAdd", RefScatterInputs(), RefScatterAttrs("false")),
    NativeOp("ScatterDiv", RefScatterInputs(), RefScatterAttrs("false")),
    NativeOp("ScatterMax", RefScatterInputs(), RefScatterAttrs("false")),
    NativeOp("ScatterMin", RefScatterInputs(), RefScatterAttrs("false")),
    NativeOp("ScatterMul", RefScatterInputs(), RefScatterAttrs("false")),
    NativeOp("ScatterNdAdd", RefScatterInputs(), RefScatterAttrs("false")),
    NativeOp("ScatterNdMax", RefScatterInputs(), RefScatterAttrs("false")),
    NativeOp("ScatterNdMin", RefScatterInputs(), RefScatterAttrs("false")),
    NativeOp("ScatterNdSub", RefScatterInputs(), RefScatterAttrs("false")),
    NativeOp("ScatterNdUpdate", RefScatterInputs(), RefScatterAttrs("true")),
    NativeOp("ScatterSub", RefScatterInputs(), RefScatterAttrs("false")),
    NativeOp("ScatterUpdate", RefScatterInputs(), RefScatterAttrs("true")),
    NativeOp("SegmentMax", {Input("data", kTensor, 0), Input("segment_ids", kTensor, 1)},
             {Attr("T", "dtype", kDtype), Attr("Tindices", "indexType", kDtype)}),
    NativeOp("SegmentMean", {Input("data", kTensor, 0), Input("segment_ids", kTensor, 1)},
             {Attr("T", "dtype", kDtype), Attr("Tindices", "indexType", kDtype)}),
    NativeOp("SegmentMin", {Input("data", kTensor, 0), Input("segment_ids", kTensor, 1)},
             {Attr("T", "dtype", kDtype), Attr("Tindices", "indexType", kDtype)}),
    NativeOp("SegmentProd", {Input("data", kTensor, 0), Input("segment_ids", kTensor, 1)},
             {Attr("T", "dtype", kDtype), Attr("Tindices", "indexType", kDtype)}),
    NativeOp("SegmentSum", {Input("data", kTensor, 0), Input("segment_ids", kTensor, 1)},
             {Attr("T", "dtype", kDtype), Attr("Tindices", "indexType", kDtype)}),
    NativeOp("SoftmaxCrossEntropyWithLogits",
             {Input("features", kTensor, 0), Input("labels", kTensor, 1)},
             {Attr("T", "dtype", kDtype)}),
    NativeOp("Softsign", {Input("features", kTensor, 0)}, {Attr("T", "dtype", kDtype)}),
    NativeOp("SparseSoftmaxCrossEntropyWithLogits",
             {Input("features", kTensor, 0), Input("labels", kTensor, 1)},
             {Attr("T", "dtype", kDtype), Attr("Tlabels", "labelsType", kDtype)}),
    NativeOp("SparseTensorDenseAdd",
             {Input("a_indices", kTensor, 0), Input("a_values", kTensor, 1),
              Input("a_shape", kTensor, 2), Input("b", kTensor, 3)},
             {Attr("T", "dtype", kDtype), Attr("Tindices", "indexType", kDtype)}),
    NativeOp("StatelessCase",
             {Input("branch_index", kTensor, 0), InputRun("input", 1, InputDef::kToEnd)},
             {Attr("branches", "branches", kFunc)}),
    NativeOp("Svd", {Input("input", kTensor, 0)},
             {Attr("compute_uv", "computeUv", kBool, "true"),
              Attr("full_matrices", "fullMatrices", kBool, "false"), Attr("T", "dtype", kDtype)}),
    NativeOp("TensorScatterAdd",
             {Input("tensor", kTensor, 0), Input("indices", kTensor, 1),
              Input("updates", kTensor, 2)},
             {Attr("T", "dtype", kDtype), Attr("Tindices", "indexType", kDtype)}),
    NativeOp("TensorScatterMax",
             {Input("tensor", kTensor, 0), Input("indices", kTensor, 1),
              Input("updates", kTensor, 2)},
             {Attr("T", "dtype", kDtype), Attr("Tindices", "indexType", kDtype)}),
    NativeOp("TensorScatterMin",
             {Input("tensor", kTensor, 0), Input("indices", kTensor, 1),
              Input("updates", kTensor, 2)},
             {Attr("T", "dtype", kDtype), Attr("Tindices", "indexType", kDtype)}),
    NativeOp("TensorScatterSub",
             {Input("tensor", kTensor, 0), Input("indices", kTensor, 1),
              Input("updates", kTensor, 2)},
             {Attr("T", "dtype", kDtype), Attr("Tindices", "indexType", kDtype)}),
    NativeOp("UniqueWithCounts", {Input("x", kTensor, 0)},
             {Attr("T", "dtype", kDtype), Attr("out_idx", "outIdx", kDtype)}),
    NativeOp("UniqueWithCountsV2", {Input("x", kTensor, 0), Input("axis", kTensor, 1)},
             {Attr("T", "dtype", kDtype), Attr("out_idx", "outIdx", kDtype)}),
    NativeOp("UnsortedSegmentMax", UnsortedSegmentInputs(), UnsortedSegmentAttrs()),
    NativeOp("UnsortedSegmentMin", UnsortedSegmentInputs(), UnsortedSegmentAttrs()),
    NativeOp("UnsortedSegmentProd", UnsortedSegmentInputs(), UnsortedSegmentAttrs()),
    NativeOp("UnsortedSegmentSum", UnsortedSegmentInputs(), UnsortedSegmentAttrs()),
    NativeOp("Zeta", {Input("x", kTensor, 0), Input("q", kTensor, 1)},
             {Attr("T", "dtype", kDtype)}),
  };
}

}  // namespace tfjs::ops
