// The two sources of op-table rows, merged and sorted by ops/op_table.cc; use op_table.h instead.
#ifndef TFJS_NATIVE_OPS_OP_ROWS_H_
#define TFJS_NATIVE_OPS_OP_ROWS_H_

#include <vector>

#include "ops/op_table.h"

namespace tfjs::ops {

// Rows generated from TF.js 4.22's converter op lists (ops/tfjs_op_rows.cc), all tfjs_supported.
std::vector<OpDef> TfjsOpRows();
// How many ops the generator read from those op lists; a lost row makes the counts differ.
extern const int kTfjsOpListCount;

// Hand-written rows for ops only this runtime runs (ops/native_op_rows.cc), none tfjs_supported.
std::vector<OpDef> NativeOpRows();

}  // namespace tfjs::ops

#endif  // TFJS_NATIVE_OPS_OP_ROWS_H_
