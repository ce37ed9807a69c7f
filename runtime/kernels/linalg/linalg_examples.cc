// Op examples of the linalg kernels added for TF's whole op set (array_ops.cc, banded.cc,
// matrix_functions.cc and the deprecated Batch* names of the older kernels), worked by hand.
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;

REGISTER_OP_EXAMPLES(
    OpExample{.op = "ConjugateTranspose",
              .inputs = {X({2, 3}, {1, 0, 1, 1, 1, 0}), Fixed(DT_INT32, {2}, {1, 0})},
              .outputs = {X({3, 2}, {1, 1, 0, 1, 1, 0})}},
    OpExample{.op = "Cross",
              .inputs = {X({2, 3}, {1, 0, 0, 0, 1, 0}), X({2, 3}, {0, 1, 0, 0, 0, 1})},
              .outputs = {X({2, 3}, {0, 0, 1, 1, 0, 0})}},
    OpExample{.op = "Diag", .inputs = {X({2}, {1, 2})}, .outputs = {X({2, 2}, {1, 0, 0, 2})}},
    OpExample{.op = "DiagPart", .inputs = {X({2, 2}, {1, 5, 6, 2})}, .outputs = {X({2}, {1, 2})}},
    // [[2, 1], [4, 3]] (superdiag 1, diag 2 3, subdiag 4) times [1, 2].
    OpExample{
        .op = "TridiagonalMatMul",
        .inputs = {X({1, 2}, {1, 0}), X({1, 2}, {2, 3}), X({1, 2}, {0, 4}), X({2, 1}, {1, 2})},
        .outputs = {X({2, 1}, {4, 10})}},
    OpExample{.op = "TridiagonalSolve",
              .inputs = {X({3, 2}, {1, 0, 2, 3, 0, 4}), X({2, 1}, {4, 10})},
              .outputs = {X({2, 1}, {1, 2})}},
    // Lower band: diagonal [2, 3], subdiagonal (aligned right) [_, 1]: [[2, 0], [1, 3]].
    OpExample{.op = "BandedTriangularSolve",
              .inputs = {X({2, 2}, {2, 3, 0, 1}), X({2, 1}, {2, 7})},
              .outputs = {X({2, 1}, {1, 2})}},
    OpExample{.op = "BatchMatMulV3",
              .attrs = "attr { key: 'Tb' value { type: DT_FLOAT } } "
                       "attr { key: 'Tout' value { type: DT_FLOAT } }",
              .inputs = {X({1, 2}, {1, 2}), Fixed(DT_FLOAT, {2, 1}, {3, 4})},
              .outputs = {Fixed(DT_FLOAT, {1, 1}, {11})},
              .dtype_attr = "Ta"},
    // exp of the nilpotent [[0, 1], [0, 0]] is I + A.
    OpExample{.op = "MatrixExponential",
              .inputs = {X({2, 2}, {0, 1, 0, 0})},
              .outputs = {X({2, 2}, {1, 1, 0, 1})}},
    // diag(3, 1): eigenvalues ascending [1, 3], eigenvectors e2 and e1.
    OpExample{.op = "SelfAdjointEigV2",
              .inputs = {X({2, 2}, {3, 0, 0, 1})},
              .outputs = {X({2}, {1, 3}), X({2, 2}, {0, 1, 1, 0})}},
    OpExample{.op = "BatchSelfAdjointEigV2",
              .inputs = {X({2, 2}, {3, 0, 0, 1})},
              .outputs = {X({2}, {1, 3}), X({2, 2}, {0, 1, 1, 0})}},
    OpExample{.op = "SelfAdjointEig",
              .inputs = {X({2, 2}, {3, 0, 0, 1})},
              .outputs = {X({3, 2}, {1, 3, 0, 1, 1, 0})}},
    OpExample{.op = "BatchSelfAdjointEig",
              .inputs = {X({2, 2}, {3, 0, 0, 1})},
              .outputs = {X({3, 2}, {1, 3, 0, 1, 1, 0})}},
    OpExample{.op = "BatchCholesky",
              .inputs = {X({2, 2}, {4, 2, 2, 5})},
              .outputs = {X({2, 2}, {2, 0, 1, 2})}},
    OpExample{.op = "BatchMatrixDeterminant",
              .inputs = {X({2, 2}, {1, 2, 3, 4})},
              .outputs = {X({}, {-2})}},
    OpExample{.op = "BatchMatrixSolve",
              .inputs = {X({2, 2}, {2, 0, 0, 4}), X({2, 1}, {2, 4})},
              .outputs = {X({2, 1}, {1, 1})}},
    OpExample{.op = "BatchMatrixInverse",
              .inputs = {X({2, 2}, {2, 0, 0, 4})},
              .outputs = {X({2, 2}, {0.5, 0, 0, 0.25})}},
    OpExample{.op = "BatchMatrixTriangularSolve",
              .inputs = {X({2, 2}, {2, 0, 1, 3}), X({2, 1}, {2, 7})},
              .outputs = {X({2, 1}, {1, 2})}},
    OpExample{.op = "BatchSvd",
              .attrs = "attr { key: 'compute_uv' value { b: false } }",
              .inputs = {X({2, 2}, {3, 0, 0, 1})},
              .outputs = {X({2}, {3, 1})}},
    OpExample{
        .op = "BatchMatrixDiag", .inputs = {X({2}, {1, 1})}, .outputs = {X({2, 2}, {1, 0, 0, 1})}},
    OpExample{.op = "BatchMatrixDiagPart",
              .inputs = {X({2, 2}, {1, 0, 0, 1})},
              .outputs = {X({2}, {1, 1})}},
    OpExample{.op = "BatchMatrixSetDiag",
              .inputs = {X({2, 2}, {0, 1, 1, 0}), X({2}, {1, 1})},
              .outputs = {X({2, 2}, {1, 1, 1, 1})}});

}  // namespace
}  // namespace tfjs::runtime::testing
