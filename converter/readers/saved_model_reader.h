// SavedModel reader: a SavedModel directory (TF1 or TF2) to a FrozenModel, freezing its variables
// from the checkpoint under variables/.
#ifndef TFJS_NATIVE_CONVERTER_READERS_SAVED_MODEL_READER_H_
#define TFJS_NATIVE_CONVERTER_READERS_SAVED_MODEL_READER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "converter/frozen_model.h"

namespace tfjs::converter {

struct SavedModelReadOptions {
  // Comma-separated tag set of the MetaGraph to read, in any order; "" = the MetaGraph with no
  // tags.
  std::string tags = "serve";
  std::string signature_name = "serving_default";
  // When given, replaces the signature outputs: the graph is pruned to these nodes ("node" or
  // "node:k") and the signature outputs are keyed by them, as for frozen graphs.
  std::vector<std::string> output_node_names;
};

// Reads saved_model.pb (or saved_model.pbtxt) in `dir`, picks the MetaGraph and signature,
// inlines function calls, replaces variables by Consts holding their checkpoint values and
// prunes the graph to the signature's outputs (its inputs stay as they are, used or not). Whole
// variables of fixed-size dtypes are held by reference (FrozenModel::external_weights: not read
// here, crc32c checked when the writer copies them); strings and sliced variables are read.
// A binary saved_model.pb is read as ReadFrozenModel reads a frozen graph: of any size, node by
// node, its Consts of at least kMinReferencedTensorBytes held by reference into the file.
// The table initializers (TF1's "table_initializer" collection, else what TF2's
// "__saved_model_init_op" runs) become FrozenModel::initializer, frozen with values read.
// The signature is the SavedModel's own. Errors name the file and the problem: unknown tags or
// signature (listing what exists), missing variables or checkpoint keys, broken graphs.
absl::StatusOr<FrozenModel> ReadSavedModel(const std::string& dir,
                                           const SavedModelReadOptions& options);

// FailedPrecondition when `dir` holds a TF session bundle (export.meta or
// export-NNNNN-of-NNNNN files and no saved_model.pb/.pbtxt), a format the converter does not
// read; OK otherwise.
absl::Status CheckNotSessionBundle(const std::string& dir);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_SAVED_MODEL_READER_H_
