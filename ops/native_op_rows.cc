// Hand-written op-table rows for ops only this runtime runs (TF.js 4.22 cannot run them).
//
// A row reads like the generated ones in ops/tfjs_op_rows.cc, built with ops/op_row_builders.h:
//   OpDef{"Softsign", "native", {Input("x", kTensor, 0)}, {Attr("T", "dtype", kDtype)}, {},
//         /*tfjs_supported=*/false},
// added together with the op's kernel and its test (see the steps in ops/op_table.h).
#include <vector>

#include "ops/op_rows.h"
#include "ops/op_table.h"

namespace tfjs::ops {

std::vector<OpDef> NativeOpRows() { return {}; }

}  // namespace tfjs::ops
