// Writes a FrozenModel back in TensorFlow's formats: a frozen GraphDef (.pb) or a SavedModel
// directory, with every weight inlined as a Const (no variables). A model with an initializer
// (hash tables) is refused: Unimplemented.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_TF_MODEL_WRITERS_H_
#define TFJS_NATIVE_CONVERTER_WRITER_TF_MODEL_WRITERS_H_

#include <string>

#include "absl/status/status.h"
#include "converter/frozen_model.h"

namespace tfjs::converter {

// The graph as a binary GraphDef at `output_file`, written beside it and renamed into place, so
// a failure leaves an existing file untouched. The parent directory is created when missing.
absl::Status WriteFrozenGraph(const FrozenModel& model, const std::string& output_file);

// A SavedModel at `output_dir`: saved_model.pb with one MetaGraph tagged "serve" (holding the
// graph and model.tensorflow_version) whose "serving_default" signature is the model's signature
// (method tensorflow/serving/predict; inputs without dtype or shape get their Placeholder's).
// Staged and moved into place as WriteGraphModel does.
absl::Status WriteSavedModel(const FrozenModel& model, const std::string& output_dir);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_TF_MODEL_WRITERS_H_
