#include "converter/passes/tfjs_rewrites.h"

#include "absl/strings/str_cat.h"
#include "converter/passes/band_part_mask.h"
#include "converter/passes/bitwise_and_bits.h"
#include "converter/passes/empty_reductions.h"
#include "converter/passes/fake_quant_ops.h"
#include "converter/passes/node_attr.h"
#include "converter/passes/float_floor_div.h"
#include "converter/passes/nchw_to_nhwc.h"
#include "converter/passes/split_batch_norm_outputs.h"
#include "converter/passes/widen_narrow_ints.h"

namespace tfjs::converter {

absl::Status RunTfjsLayoutRewrites(FrozenModel* model) {
  if (absl::Status status = NchwToNhwc(model); !status.ok()) {
    return absl::Status(status.code(),
                        absl::StrCat("TF.js rewrite of NCHW to NHWC: ", status.message()));
  }
  return absl::OkStatus();
}

absl::Status RunTfjsRewrites(FrozenModel* model) {
  RewriteFloatFloorDiv(&model->graph);
  RewriteEmptyReductions(&model->graph);
  RewriteBandPart(&model->graph);
  if (absl::Status status = RewriteFakeQuant(model); !status.ok()) {
    return absl::Status(status.code(),
                        absl::StrCat("TF.js rewrite of fake quantization: ", status.message()));
  }
  if (absl::Status status = SplitBatchNormOutputs(model); !status.ok()) {
    return absl::Status(status.code(),
                        absl::StrCat("TF.js rewrite of batch norms: ", status.message()));
  }
  if (absl::Status status = WidenNarrowInts(model); !status.ok()) {
    return absl::Status(status.code(),
                        absl::StrCat("TF.js rewrite of 8- and 16-bit integers: ", status.message()));
  }
  if (absl::Status status = RewriteBitwiseAnd(&model->graph); !status.ok()) {
    return absl::Status(status.code(), absl::StrCat("TF.js rewrite of BitwiseAnd: ", status.message()));
  }
  return absl::OkStatus();
}

void NoteTfjsDifferences(const tensorflow::GraphDef& graph, std::ostream& log) {
  for (const tensorflow::NodeDef& node : graph.node()) {
    if (node.op() != "TopKV2" || BoolAttr(node, "sorted", true)) continue;
    log << "note: node '" << node.name() << "' (TopKV2, sorted=false): TensorFlow leaves its top k "
        << "in its own order and TF.js 4.22 sorts them; what reads them by position (ConcatV2, "
        << "a slice) can differ\n";
  }
}

}  // namespace tfjs::converter
