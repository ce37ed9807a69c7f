// Keras model -> TF graph: lowers a LayersModel (model_config + weights by layer) to the
// FrozenModel the converter's passes, op check and writers take, so Keras files convert to
// tfjs_graph_model and run in the native runtime without TensorFlow.
#ifndef TFJS_NATIVE_CONVERTER_KERAS_LOWER_KERAS_MODEL_H_
#define TFJS_NATIVE_CONVERTER_KERAS_LOWER_KERAS_MODEL_H_

#include "absl/status/statusor.h"
#include "converter/frozen_model.h"
#include "converter/layers_model.h"

namespace tfjs::converter {

// Sequential and Functional models (shared layers, nested models), as Keras computes them at
// inference. The graph has a Placeholder per model input named after its input layer (a
// Sequential model without an InputLayer: "<first layer>_input", as Keras names it), Consts
// for the weights, and an Identity per output named after its output layer; the signature keys
// inputs and outputs by those names, as a Keras SavedModel's serving signature does. Each
// layer's nodes sit under its name ("dense_1/MatMul"); converter/keras/*_layers.cc hold the
// lowerings, one file per layer family.
// Errors: a model without model_config (weights-only file); Lambda layers, named (their Python
// bytecode cannot become a graph); every class without a lowering, listed with its layers; and
// any layer whose config, weights or input shapes its lowering cannot take, naming the layer.
absl::StatusOr<FrozenModel> LowerKerasModel(const LayersModel& model);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_KERAS_LOWER_KERAS_MODEL_H_
