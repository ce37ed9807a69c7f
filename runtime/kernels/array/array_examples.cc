// Op examples of array kernels, run for every dtype each declares by
// //runtime/kernels:dtype_matrix_test. Values are 0 and 1 where the op also takes bool, so one
// example serves numbers, bool, float8, strings, variants and resources alike.
#include <limits>
#include <vector>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DataType;

constexpr DataType kInt32 = tensorflow::DT_INT32;
constexpr char kBlock2[] = "attr { key: \"block_size\" value { i: 2 } }";

const std::vector<DataType>& NumbersBoolComplex() {
  static const auto* const kDtypes = new std::vector<DataType>{
      tensorflow::DT_HALF,   tensorflow::DT_BFLOAT16,  tensorflow::DT_FLOAT,
      tensorflow::DT_DOUBLE, tensorflow::DT_INT8,      tensorflow::DT_INT16,
      tensorflow::DT_INT32,  tensorflow::DT_INT64,     tensorflow::DT_UINT8,
      tensorflow::DT_UINT16, tensorflow::DT_UINT32,    tensorflow::DT_UINT64,
      tensorflow::DT_BOOL,   tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128};
  return *kDtypes;
}

// A 2x2 image of one channel and its four pixels as a batch of four.
REGISTER_OP_EXAMPLES(
    OpExample{.op = "SpaceToBatch",
              .attrs = kBlock2,
              .inputs = {X({1, 2, 2, 1}, {1, 2, 3, 4}), Fixed(kInt32, {2, 2}, {0, 0, 0, 0})},
              .outputs = {X({4, 1, 1, 1}, {1, 2, 3, 4})}},
    OpExample{.op = "BatchToSpace",
              .attrs = kBlock2,
              .inputs = {X({4, 1, 1, 1}, {1, 2, 3, 4}), Fixed(kInt32, {2, 2}, {0, 0, 0, 0})},
              .outputs = {X({1, 2, 2, 1}, {1, 2, 3, 4})}},
    OpExample{.op = "SpaceToBatchND",
              .inputs = {X({1, 2, 2, 1}, {1, 2, 3, 4}), Fixed(kInt32, {2}, {2, 2}),
                         Fixed(kInt32, {2, 2}, {0, 0, 0, 0})},
              .outputs = {X({4, 1, 1, 1}, {1, 2, 3, 4})}},
    OpExample{.op = "BatchToSpaceND",
              .inputs = {X({4, 1, 1, 1}, {1, 2, 3, 4}), Fixed(kInt32, {2}, {2, 2}),
                         Fixed(kInt32, {2, 2}, {0, 0, 0, 0})},
              .outputs = {X({1, 2, 2, 1}, {1, 2, 3, 4})}},
    OpExample{.op = "SpaceToDepth",
              .attrs = kBlock2,
              .inputs = {X({1, 2, 2, 2}, {1, 0, 0, 1, 1, 1, 0, 0})},
              .outputs = {X({1, 1, 1, 8}, {1, 0, 0, 1, 1, 1, 0, 0})}},
    OpExample{.op = "SpaceToDepth",
              .name = "two_pixels",
              .attrs = kBlock2,
              .inputs = {X({1, 2, 4, 1}, {1, 2, 3, 4, 5, 6, 7, 8})},
              .outputs = {X({1, 1, 2, 4}, {1, 2, 5, 6, 3, 4, 7, 8})},
              .only_dtypes = {tensorflow::DT_FLOAT}});

// Row 0 reverses its first 2 elements, row 1 all 3.
REGISTER_OP_EXAMPLES(
    OpExample{.op = "ReverseSequence",
              .attrs = "attr { key: \"seq_dim\" value { i: 1 } }",
              .inputs = {X({2, 3}, {1, 0, 1, 0, 0, 1}), Fixed(tensorflow::DT_INT64, {2}, {2, 3})},
              .outputs = {X({2, 3}, {0, 1, 1, 1, 0, 0})}},
    OpExample{.op = "ReverseSequence",
              .name = "values",
              .attrs = "attr { key: \"seq_dim\" value { i: 1 } }",
              .inputs = {X({2, 3}, {1, 2, 3, 4, 5, 6}), Fixed(tensorflow::DT_INT64, {2}, {2, 3})},
              .outputs = {X({2, 3}, {2, 1, 3, 6, 5, 4})},
              .only_dtypes = {tensorflow::DT_FLOAT, tensorflow::DT_INT32}});

REGISTER_OP_EXAMPLES(OpExample{.op = "InvertPermutation",
                               .inputs = {X({4}, {2, 0, 3, 1})},
                               .outputs = {X({4}, {1, 3, 0, 2})}},
                     // 5 and 7 in a 3x4 grid: (1, 1) and (1, 3).
                     OpExample{.op = "UnravelIndex",
                               .inputs = {X({2}, {5, 7}), X({2}, {3, 4})},
                               .outputs = {X({2, 2}, {1, 1, 1, 3})},
                               .dtype_attr = "Tidx"},
                     OpExample{
                         .op = "ConcatOffset",
                         .attrs = "attr { key: \"N\" value { i: 2 } }",
                         .inputs = {Fixed(kInt32, {}, {1}), X({3}, {2, 3, 5}), X({3}, {2, 4, 5})},
                         .outputs = {X({3}, {0, 0, 0}), X({3}, {0, 3, 0})},
                         .dtype_attr = "shape_type"},
                     // NHWC to NCHW (the defaults): N, H, W, C sit at 0, 2, 3, 1; -1 is C.
                     OpExample{.op = "DataFormatDimMap",
                               .inputs = {X({4}, {0, 1, 2, -1})},
                               .outputs = {X({4}, {0, 2, 3, 1})}},
                     OpExample{.op = "DataFormatVecPermute",
                               .inputs = {X({4}, {1, 2, 3, 4})},
                               .outputs = {X({4}, {1, 4, 2, 3})}},
                     OpExample{.op = "DataFormatVecPermute",
                               .name = "spatial",
                               .attrs = "attr { key: \"src_format\" value { s: \"NCHW\" } } "
                                        "attr { key: \"dst_format\" value { s: \"NHWC\" } }",
                               .inputs = {X({2, 2}, {1, 2, 3, 4})},
                               .outputs = {X({2, 2}, {1, 2, 3, 4})}});

REGISTER_OP_EXAMPLES(OpExample{.op = "InplaceUpdate",
                               .inputs = {X({3, 2}, {1, 1, 1, 1, 1, 1}), Fixed(kInt32, {1}, {1}),
                                          X({1, 2}, {0, 1})},
                               .outputs = {X({3, 2}, {1, 1, 0, 1, 1, 1})}},
                     // Row 1 twice: both increments land.
                     OpExample{.op = "InplaceAdd",
                               .inputs = {X({3, 2}, {1, 2, 3, 4, 5, 6}), Fixed(kInt32, {2}, {1, 1}),
                                          X({2, 2}, {1, 1, 2, 2})},
                               .outputs = {X({3, 2}, {1, 2, 6, 7, 5, 6})}},
                     OpExample{.op = "InplaceSub",
                               .inputs = {X({3, 2}, {5, 6, 7, 8, 9, 10}), Fixed(kInt32, {1}, {0}),
                                          X({1, 2}, {1, 2})},
                               .outputs = {X({3, 2}, {4, 4, 7, 8, 9, 10})}},
                     OpExample{.op = "Empty",
                               .inputs = {Fixed(kInt32, {2}, {2, 3})},
                               .outputs = {X({2, 3}, {0, 0, 0, 0, 0, 0})},
                               .dtype_attr = "dtype",
                               .only_dtypes = NumbersBoolComplex()});

REGISTER_OP_EXAMPLES(OpExample{.op = "Cumsum",
                               .inputs = {X({2, 2}, {1, 2, 3, 4}), Fixed(kInt32, {}, {1})},
                               .outputs = {X({2, 2}, {1, 3, 3, 7})}},
                     // log(1 + 1) and log(1 + 1 + e).
                     OpExample{.op = "CumulativeLogsumexp",
                               .inputs = {X({3}, {0, 0, 1}), Fixed(kInt32, {}, {0})},
                               .outputs = {X({3}, {0, 0.6931471805599453, 1.5514447139320509})}},
                     OpExample{.op = "CumulativeLogsumexp",
                               .name = "exclusive_reverse",
                               .attrs = "attr { key: \"exclusive\" value { b: true } } "
                                        "attr { key: \"reverse\" value { b: true } }",
                               .inputs = {X({3}, {1, 0, 0}), Fixed(kInt32, {}, {0})},
                               .outputs = {X({3}, {0.6931471805599453, 0,
                                                   -std::numeric_limits<double>::infinity()})}});

OpExample SliceUpdate(const char* op) {
  return OpExample{.op = op,
                   .attrs = "attr { key: \"Index\" value { type: DT_INT32 } }",
                   .inputs = {X({4}, {1, 1, 1, 1}), Fixed(kInt32, {1}, {1}),
                              Fixed(kInt32, {1}, {3}), Fixed(kInt32, {1}, {1}), X({2}, {0, 0})},
                   .outputs = {X({4}, {1, 0, 0, 1})}};
}

REGISTER_OP_EXAMPLES(SliceUpdate("TensorStridedSliceUpdate"), SliceUpdate("StridedSliceAssign"));

constexpr DataType kFloat = tensorflow::DT_FLOAT;
constexpr DataType kInt64 = tensorflow::DT_INT64;

REGISTER_OP_EXAMPLES(
    OpExample{.op = "Tile",
              .inputs = {X({2}, {1, 0}), Fixed(kInt32, {1}, {2})},
              .outputs = {X({4}, {1, 0, 1, 0})}},
    OpExample{.op = "BroadcastTo",
              .inputs = {X({2}, {1, 0}), Fixed(kInt32, {2}, {2, 2})},
              .outputs = {X({2, 2}, {1, 0, 1, 0})}},
    OpExample{.op = "BroadcastArgs",
              .inputs = {X({2}, {2, 1}), X({1}, {3})},
              .outputs = {X({2}, {2, 3})}},
    OpExample{.op = "ConcatV2",
              .attrs = "attr { key: \"N\" value { i: 2 } }",
              .inputs = {X({1}, {1}), X({2}, {0, 1}), Fixed(kInt32, {}, {0})},
              .outputs = {X({3}, {1, 0, 1})}},
    OpExample{.op = "Concat",
              .attrs = "attr { key: \"N\" value { i: 2 } }",
              .inputs = {Fixed(kInt32, {}, {0}), X({1}, {1}), X({2}, {0, 1})},
              .outputs = {X({3}, {1, 0, 1})}},
    OpExample{.op = "Pack",
              .attrs = "attr { key: \"N\" value { i: 2 } }",
              .inputs = {X({2}, {1, 0}), X({2}, {0, 1})},
              .outputs = {X({2, 2}, {1, 0, 0, 1})}},
    OpExample{
        .op = "ParallelConcat",
        .attrs = "attr { key: \"N\" value { i: 2 } } "
                 "attr { key: \"shape\" value { shape { dim { size: 2 } dim { size: 2 } } } }",
        .inputs = {X({1, 2}, {1, 0}), X({1, 2}, {0, 1})},
        .outputs = {X({2, 2}, {1, 0, 0, 1})}},
    OpExample{.op = "DeepCopy", .inputs = {X({2}, {1, 0})}, .outputs = {X({2}, {1, 0})}},
    OpExample{.op = "DepthToSpace",
              .attrs = kBlock2,
              .inputs = {X({1, 1, 1, 4}, {1, 0, 0, 1})},
              .outputs = {X({1, 2, 2, 1}, {1, 0, 0, 1})}},
    OpExample{.op = "DynamicPartition",
              .attrs = "attr { key: \"num_partitions\" value { i: 2 } }",
              .inputs = {X({3}, {1, 0, 1}), Fixed(kInt32, {3}, {0, 1, 0})},
              .outputs = {X({2}, {1, 1}), X({1}, {0})}},
    OpExample{
        .op = "DynamicStitch",
        .attrs = "attr { key: \"N\" value { i: 2 } }",
        .inputs = {Fixed(kInt32, {1}, {1}), Fixed(kInt32, {1}, {0}), X({1}, {1}), X({1}, {0})},
        .outputs = {X({2}, {0, 1})}},
    OpExample{
        .op = "ParallelDynamicStitch",
        .attrs = "attr { key: \"N\" value { i: 2 } }",
        .inputs = {Fixed(kInt32, {1}, {1}), Fixed(kInt32, {1}, {0}), X({1}, {1}), X({1}, {0})},
        .outputs = {X({2}, {0, 1})}},
    OpExample{.op = "Fill",
              .inputs = {Fixed(kInt32, {1}, {3}), X({}, {1})},
              .outputs = {X({3}, {1, 1, 1})}},
    OpExample{.op = "ZerosLike",
              .inputs = {X({2}, {1, 0})},
              .outputs = {X({2}, {0, 0})},
              .skip_dtypes = {tensorflow::DT_STRING}},
    OpExample{.op = "ZerosLike",
              .name = "strings",
              .inputs = {Bytes({2}, {"a", ""})},
              .outputs = {Bytes({2}, {"", ""})},
              .only_dtypes = {tensorflow::DT_STRING}},
    OpExample{.op = "OnesLike", .inputs = {X({2}, {1, 0})}, .outputs = {X({2}, {1, 1})}});

REGISTER_OP_EXAMPLES(
    OpExample{.op = "GatherV2",
              .inputs = {X({3}, {1, 0, 1}), Fixed(kInt32, {2}, {2, 1}), Fixed(kInt32, {}, {0})},
              .outputs = {X({2}, {1, 0})},
              .dtype_attr = "Tparams"},
    OpExample{.op = "Gather",
              .inputs = {X({3}, {1, 0, 1}), Fixed(kInt32, {2}, {2, 1})},
              .outputs = {X({2}, {1, 0})},
              .dtype_attr = "Tparams"},
    OpExample{.op = "GatherNd",
              .inputs = {X({2, 2}, {1, 0, 0, 1}), Fixed(kInt32, {2, 2}, {0, 0, 1, 0})},
              .outputs = {X({2}, {1, 0})},
              .dtype_attr = "Tparams"},
    OpExample{.op = "GatherV2",
              .name = "int16_indices",
              .attrs = "attr { key: \"Tparams\" value { type: DT_FLOAT } }",
              .inputs = {Fixed(kFloat, {3}, {5, 6, 7}), X({2}, {2, 0}), Fixed(kInt32, {}, {0})},
              .outputs = {Fixed(kFloat, {2}, {7, 5})},
              .dtype_attr = "Tindices"},
    OpExample{.op = "GatherNd",
              .name = "int16_indices",
              .attrs = "attr { key: \"Tparams\" value { type: DT_FLOAT } }",
              .inputs = {Fixed(kFloat, {3}, {5, 6, 7}), X({2, 1}, {2, 0})},
              .outputs = {Fixed(kFloat, {2}, {7, 5})},
              .dtype_attr = "Tindices"},
    OpExample{
        .op = "OneHot",
        .inputs = {Fixed(kInt64, {2}, {0, 2}), Fixed(kInt32, {}, {3}), X({}, {1}), X({}, {0})},
        .outputs = {X({2, 3}, {1, 0, 0, 0, 0, 1})}},
    OpExample{.op = "Pad",
              .inputs = {X({2}, {1, 1}), Fixed(kInt32, {1, 2}, {1, 0})},
              .outputs = {X({3}, {0, 1, 1})},
              .skip_dtypes = {tensorflow::DT_STRING}},
    // Strings pad with "".
    OpExample{.op = "Pad",
              .name = "strings",
              .inputs = {Bytes({2}, {"a", "b"}), Fixed(kInt32, {1, 2}, {1, 0})},
              .outputs = {Bytes({3}, {"", "a", "b"})},
              .only_dtypes = {tensorflow::DT_STRING}},
    OpExample{.op = "PadV2",
              .inputs = {X({2}, {0, 0}), Fixed(kInt32, {1, 2}, {1, 0}), X({}, {1})},
              .outputs = {X({3}, {1, 0, 0})}},
    OpExample{.op = "MirrorPad",
              .attrs = "attr { key: \"mode\" value { s: \"REFLECT\" } }",
              .inputs = {X({3}, {1, 0, 0}), Fixed(kInt32, {1, 2}, {1, 1})},
              .outputs = {X({5}, {0, 1, 0, 0, 0})}},
    OpExample{.op = "Reverse",
              .inputs = {X({3}, {1, 0, 0}), Fixed(tensorflow::DT_BOOL, {1}, {1})},
              .outputs = {X({3}, {0, 0, 1})}},
    OpExample{.op = "ReverseV2",
              .inputs = {X({3}, {1, 0, 0}), Fixed(kInt32, {1}, {0})},
              .outputs = {X({3}, {0, 0, 1})}},
    OpExample{.op = "Roll",
              .inputs = {X({3}, {1, 0, 0}), Fixed(kInt32, {}, {1}), Fixed(kInt32, {}, {0})},
              .outputs = {X({3}, {0, 1, 0})}},
    OpExample{.op = "Slice",
              .attrs = "attr { key: \"Index\" value { type: DT_INT32 } }",
              .inputs = {X({3}, {1, 0, 1}), Fixed(kInt32, {1}, {1}), Fixed(kInt32, {1}, {2})},
              .outputs = {X({2}, {0, 1})}},
    OpExample{.op = "StridedSlice",
              .attrs = "attr { key: \"Index\" value { type: DT_INT32 } }",
              .inputs = {X({3}, {1, 0, 1}), Fixed(kInt32, {1}, {1}), Fixed(kInt32, {1}, {3}),
                         Fixed(kInt32, {1}, {1})},
              .outputs = {X({2}, {0, 1})}},
    OpExample{.op = "Split",
              .attrs = "attr { key: \"num_split\" value { i: 2 } }",
              .inputs = {Fixed(kInt32, {}, {0}), X({2}, {1, 0})},
              .outputs = {X({1}, {1}), X({1}, {0})}},
    OpExample{.op = "SplitV",
              .attrs = "attr { key: \"num_split\" value { i: 2 } } "
                       "attr { key: \"Tlen\" value { type: DT_INT32 } }",
              .inputs = {X({3}, {1, 0, 1}), Fixed(kInt32, {2}, {1, 2}), Fixed(kInt32, {}, {0})},
              .outputs = {X({1}, {1}), X({2}, {0, 1})}},
    OpExample{.op = "Unpack",
              .attrs = "attr { key: \"num\" value { i: 2 } }",
              .inputs = {X({2, 1}, {1, 0})},
              .outputs = {X({1}, {1}), X({1}, {0})}},
    OpExample{.op = "Transpose",
              .inputs = {X({2, 2}, {1, 1, 0, 0}), Fixed(kInt32, {2}, {1, 0})},
              .outputs = {X({2, 2}, {1, 0, 1, 0})}},
    OpExample{
        .op = "Where", .inputs = {X({3}, {0, 1, 1})}, .outputs = {Fixed(kInt64, {2, 1}, {1, 2})}},
    // Duplicate indices add up.
    OpExample{.op = "ScatterNd",
              .inputs = {Fixed(kInt32, {2, 1}, {1, 1}), X({2}, {1, 2}), Fixed(kInt32, {1}, {3})},
              .outputs = {X({3}, {0, 3, 0})},
              .skip_dtypes = {tensorflow::DT_BOOL, tensorflow::DT_STRING}},
    OpExample{.op = "ScatterNd",
              .name = "bools_or",
              .inputs = {Fixed(kInt32, {3, 1}, {1, 1, 2}), X({3}, {1, 1, 0}),
                         Fixed(kInt32, {1}, {3})},
              .outputs = {X({3}, {0, 1, 0})},
              .only_dtypes = {tensorflow::DT_BOOL}},
    OpExample{.op = "ScatterNd",
              .name = "strings_concatenate",
              .inputs = {Fixed(kInt32, {3, 1}, {1, 0, 1}), Bytes({3}, {"ab", "x", "c"}),
                         Fixed(kInt32, {1}, {3})},
              .outputs = {Bytes({3}, {"x", "abc", ""})},
              .only_dtypes = {tensorflow::DT_STRING}},
    OpExample{.op = "TopKV2",
              .inputs = {X({3}, {1, 3, 2}), Fixed(kInt32, {}, {2})},
              .outputs = {X({2}, {3, 2}), Fixed(kInt32, {2}, {1, 2})}},
    OpExample{.op = "TopKV2",
              .name = "index_type",
              .attrs = "attr { key: \"T\" value { type: DT_FLOAT } }",
              .inputs = {Fixed(kFloat, {3}, {1, 3, 2}), Fixed(kInt32, {}, {1})},
              .outputs = {Fixed(kFloat, {1}, {3}), X({1}, {1})},
              .dtype_attr = "index_type"},
    OpExample{.op = "Range",
              .inputs = {X({}, {0}), X({}, {5}), X({}, {2})},
              .outputs = {X({3}, {0, 2, 4})},
              .dtype_attr = "Tidx"});

// Ops whose type attr is an index or open: the matrix varies that attr.
REGISTER_OP_EXAMPLES(
    OpExample{.op = "Reshape",
              .inputs = {Fixed(kFloat, {4}, {1, 2, 3, 4}), X({2}, {2, 2})},
              .outputs = {Fixed(kFloat, {2, 2}, {1, 2, 3, 4})},
              .dtype_attr = "Tshape"},
    OpExample{.op = "ExpandDims",
              .inputs = {Fixed(kFloat, {2}, {1, 2}), X({}, {0})},
              .outputs = {Fixed(kFloat, {1, 2}, {1, 2})},
              .dtype_attr = "Tdim"},
    OpExample{.op = "Squeeze", .inputs = {X({1, 2}, {1, 0})}, .outputs = {X({2}, {1, 0})}},
    OpExample{.op = "Shape",
              .inputs = {Fixed(kFloat, {2, 3}, {0, 0, 0, 0, 0, 0})},
              .outputs = {X({2}, {2, 3})},
              .dtype_attr = "out_type"},
    OpExample{.op = "ShapeN",
              .attrs = "attr { key: \"N\" value { i: 2 } }",
              .inputs = {Fixed(kFloat, {2}, {0, 0}), Fixed(kFloat, {3}, {0, 0, 0})},
              .outputs = {X({1}, {2}), X({1}, {3})},
              .dtype_attr = "out_type"},
    OpExample{.op = "Size",
              .inputs = {Fixed(kFloat, {2, 3}, {0, 0, 0, 0, 0, 0})},
              .outputs = {X({}, {6})},
              .dtype_attr = "out_type"},
    OpExample{
        .op = "Rank", .inputs = {X({2, 2}, {1, 0, 0, 1})}, .outputs = {Fixed(kInt32, {}, {2})}},
    // The bits of 1.0f as int32.
    OpExample{.op = "Bitcast",
              .attrs = "attr { key: \"type\" value { type: DT_INT32 } }",
              .inputs = {X({1}, {1})},
              .outputs = {Fixed(kInt32, {1}, {1065353216})},
              .only_dtypes = {kFloat}});

// Boxes 0 and 1 overlap fully; box 0 scores higher.
REGISTER_OP_EXAMPLES(
    OpExample{.op = "NonMaxSuppressionV2",
              .inputs = {X({2, 4}, {0, 0, 1, 1, 0, 0, 1, 1}), X({2}, {0.75, 0.5}),
                         Fixed(kInt32, {}, {2}), Fixed(kFloat, {}, {0.5})},
              .outputs = {Fixed(kInt32, {1}, {0})}},
    OpExample{.op = "NonMaxSuppressionV3",
              .inputs = {X({2, 4}, {0, 0, 1, 1, 0, 0, 1, 1}), X({2}, {0.75, 0.5}),
                         Fixed(kInt32, {}, {2}), Fixed(kFloat, {}, {0.5}), Fixed(kFloat, {}, {0})},
              .outputs = {Fixed(kInt32, {1}, {0})}},
    OpExample{.op = "NonMaxSuppressionV4",
              .inputs = {X({2, 4}, {0, 0, 1, 1, 0, 0, 1, 1}), X({2}, {0.75, 0.5}),
                         Fixed(kInt32, {}, {2}), Fixed(kFloat, {}, {0.5}), Fixed(kFloat, {}, {0})},
              .outputs = {Fixed(kInt32, {1}, {0}), Fixed(kInt32, {}, {1})}},
    OpExample{.op = "NonMaxSuppressionV5",
              .inputs = {X({2, 4}, {0, 0, 1, 1, 0, 0, 1, 1}), X({2}, {0.75, 0.5}),
                         Fixed(kInt32, {}, {2}), X({}, {0.5}), X({}, {0}), X({}, {0})},
              .outputs = {Fixed(kInt32, {1}, {0}), X({1}, {0.75}), Fixed(kInt32, {}, {1})}});

}  // namespace
}  // namespace tfjs::runtime::testing
