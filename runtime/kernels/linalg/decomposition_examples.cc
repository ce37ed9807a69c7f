// Op examples of the factorization, solver and matrix-function kernels and of the diagonal ops,
// worked by hand; values are real so every declared dtype (complex as real parts) can hold them.
#include <cmath>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_COMPLEX64;
using tensorflow::DT_DOUBLE;
using tensorflow::DT_INT32;

// sqrt(1/2), an eigenvector component below.
const double kHalfRoot = std::sqrt(0.5);

REGISTER_OP_EXAMPLES(
    OpExample{.op = "Cholesky",
              .inputs = {X({2, 2}, {4, 2, 2, 5})},
              .outputs = {X({2, 2}, {2, 0, 1, 2})}},
    OpExample{
        .op = "MatrixDeterminant", .inputs = {X({2, 2}, {1, 2, 3, 4})}, .outputs = {X({}, {-2})}},
    OpExample{.op = "LogMatrixDeterminant",
              .inputs = {X({2, 2}, {2, 0, 0, -3})},
              .outputs = {X({}, {-1}), X({}, {std::log(6.0)})}},
    // Pivot row 1: L = [[1, 0], [1/3, 1]], U = [[3, 4], [0, 2/3]].
    OpExample{.op = "Lu",
              .inputs = {X({2, 2}, {1, 2, 3, 4})},
              .outputs = {X({2, 2}, {3, 4, 1.0 / 3, 2.0 / 3}), Fixed(DT_INT32, {2}, {1, 0})}},
    // The reflector of [3, 4] maps it to -5 e_1; q's column is -[3, 4] / 5.
    OpExample{.op = "Qr",
              .inputs = {X({2, 1}, {3, 4})},
              .outputs = {X({2, 1}, {-0.6, -0.8}), X({1, 1}, {-5})}},
    OpExample{.op = "Svd",
              .attrs = "attr { key: 'compute_uv' value { b: false } }",
              .inputs = {X({2, 2}, {3, 0, 0, 4})},
              .outputs = {X({2}, {4, 3})}},
    OpExample{.op = "MatrixSolve",
              .inputs = {X({2, 2}, {2, 0, 0, 4}), X({2, 1}, {2, 4})},
              .outputs = {X({2, 1}, {1, 1})}},
    OpExample{.op = "MatrixInverse",
              .inputs = {X({2, 2}, {2, 0, 0, 4})},
              .outputs = {X({2, 2}, {0.5, 0, 0, 0.25})}},
    OpExample{.op = "MatrixTriangularSolve",
              .inputs = {X({2, 2}, {2, 0, 1, 3}), X({2, 1}, {2, 7})},
              .outputs = {X({2, 1}, {1, 2})}},
    // The line through (0, 1), (1, 2), (2, 4): intercept 5/6, slope 3/2.
    OpExample{
        .op = "MatrixSolveLs",
        .inputs = {X({3, 2}, {1, 0, 1, 1, 1, 2}), X({3, 1}, {1, 2, 4}), Fixed(DT_DOUBLE, {}, {0})},
        .outputs = {X({2, 1}, {5.0 / 6, 1.5})}},
    OpExample{
        .op = "BatchMatrixSolveLs",
        .inputs = {X({3, 2}, {1, 0, 1, 1, 1, 2}), X({3, 1}, {1, 2, 4}), Fixed(DT_DOUBLE, {}, {0})},
        .outputs = {X({2, 1}, {5.0 / 6, 1.5})}},
    // Upper triangular [[1, 1], [0, 2]]: eigenvalues 1, 2 with eigenvectors e_1 and (1, 1)/sqrt2.
    OpExample{.op = "Eig",
              .inputs = {X({2, 2}, {1, 1, 0, 2})},
              .outputs = {Fixed(DT_COMPLEX64, {2}, {1, 2}),
                          Fixed(DT_COMPLEX64, {2, 2}, {1, kHalfRoot, 0, kHalfRoot})}},
    OpExample{.op = "MatrixSquareRoot",
              .inputs = {X({2, 2}, {4, 0, 0, 9})},
              .outputs = {X({2, 2}, {2, 0, 0, 3})}},
    OpExample{.op = "MatrixLogarithm",
              .inputs = {X({2, 2}, {1, 0, 0, M_E})},
              .outputs = {X({2, 2}, {0, 0, 0, 1})},
              .tolerance = 1e-5},
    OpExample{.op = "MatrixDiag", .inputs = {X({2}, {1, 1})}, .outputs = {X({2, 2}, {1, 0, 0, 1})}},
    OpExample{
        .op = "MatrixDiagPart", .inputs = {X({2, 2}, {1, 0, 1, 1})}, .outputs = {X({2}, {1, 1})}},
    OpExample{.op = "MatrixSetDiag",
              .inputs = {X({2, 2}, {0, 1, 1, 0}), X({2}, {1, 1})},
              .outputs = {X({2, 2}, {1, 1, 1, 1})}},
    // The superdiagonal (k = 1) of a 2 x 3 matrix, padded with 0.
    OpExample{.op = "MatrixDiagV2",
              .inputs = {X({2}, {1, 1}), Fixed(DT_INT32, {}, {1}), Fixed(DT_INT32, {}, {2}),
                         Fixed(DT_INT32, {}, {3}), X({}, {0})},
              .outputs = {X({2, 3}, {0, 1, 0, 0, 0, 1})}},
    OpExample{.op = "MatrixDiagV3",
              .inputs = {X({2}, {1, 1}), Fixed(DT_INT32, {}, {1}), Fixed(DT_INT32, {}, {2}),
                         Fixed(DT_INT32, {}, {3}), X({}, {0})},
              .outputs = {X({2, 3}, {0, 1, 0, 0, 0, 1})}},
    OpExample{.op = "MatrixDiagPartV2",
              .inputs = {X({2, 3}, {0, 1, 0, 0, 0, 1}), Fixed(DT_INT32, {}, {1}), X({}, {0})},
              .outputs = {X({2}, {1, 1})}},
    OpExample{.op = "MatrixDiagPartV3",
              .inputs = {X({2, 3}, {0, 1, 0, 0, 0, 1}), Fixed(DT_INT32, {}, {1}), X({}, {0})},
              .outputs = {X({2}, {1, 1})}},
    OpExample{.op = "MatrixSetDiagV2",
              .inputs = {X({2, 3}, {0, 0, 0, 0, 0, 0}), X({2}, {1, 1}), Fixed(DT_INT32, {}, {1})},
              .outputs = {X({2, 3}, {0, 1, 0, 0, 0, 1})}},
    OpExample{.op = "MatrixSetDiagV3",
              .inputs = {X({2, 3}, {0, 0, 0, 0, 0, 0}), X({2}, {1, 1}), Fixed(DT_INT32, {}, {1})},
              .outputs = {X({2, 3}, {0, 1, 0, 0, 0, 1})}});

}  // namespace
}  // namespace tfjs::runtime::testing
