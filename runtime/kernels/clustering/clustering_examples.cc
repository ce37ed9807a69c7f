// Op examples of the clustering kernels, worked by hand (their draws do not matter here).
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_FLOAT;
using tensorflow::DT_INT64;

// Squared distances: point (0, 0) to centers 1, 32, 200; point (5, 5) to 41, 2, 50.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "NearestNeighbors",
    .inputs = {Fixed(DT_FLOAT, {2, 2}, {0, 0, 5, 5}), Fixed(DT_FLOAT, {3, 2}, {1, 0, 4, 4, 10, 10}),
               Fixed(DT_INT64, {}, {2})},
    .outputs = {Fixed(DT_INT64, {2, 2}, {0, 1, 1, 0}), Fixed(DT_FLOAT, {2, 2}, {1, 32, 2, 41})},
    .dtype_attr = ""});

// Equal rows: whichever is drawn, both samples are (3, 1).
REGISTER_OP_EXAMPLES(OpExample{
    .op = "KmeansPlusPlusInitialization",
    .inputs = {Fixed(DT_FLOAT, {2, 2}, {3, 1, 3, 1}), Fixed(DT_INT64, {}, {2}),
               Fixed(DT_INT64, {}, {7}), Fixed(DT_INT64, {}, {-1})},
    .outputs = {Fixed(DT_FLOAT, {2, 2}, {3, 1, 3, 1})},
    .dtype_attr = ""});

// The chain starts at distance 0, so point 1 always replaces it and no later 0 can.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "KMC2ChainInitialization",
    .inputs = {Fixed(DT_FLOAT, {4}, {0, 5, 0, 0}), Fixed(DT_INT64, {}, {7})},
    .outputs = {Fixed(DT_INT64, {}, {1})},
    .dtype_attr = ""});

}  // namespace
}  // namespace tfjs::runtime::testing
