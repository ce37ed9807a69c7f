// LayersModel: what the Keras reader produces and the layers-model writer consumes, a Keras
// model's configuration and its weights by layer.
#ifndef TFJS_NATIVE_CONVERTER_LAYERS_MODEL_H_
#define TFJS_NATIVE_CONVERTER_LAYERS_MODEL_H_

#include <string>
#include <vector>

#include "proto/tensor.pb.h"

namespace tfjs::converter {

struct LayersModelWeight {
  // As TF.js names it: the Keras weight name without its ":0" (e.g. "dense_1/kernel").
  std::string name;
  tensorflow::TensorProto value;
};

struct LayersModel {
  std::string keras_version;
  std::string backend;
  // JSON texts as the file holds them, empty when the file has none: a weights-only file
  // (Keras save_weights) has neither, and backend is then empty too.
  std::string model_config;
  std::string training_config;
  // The layers that have weights, in tensorflowjs_converter's order, each with its weights.
  std::vector<std::vector<LayersModelWeight>> layers;
  // The HDF5 group (the Keras layer name) each entry of `layers` came from. Keras may have saved
  // weight names that are not the layer's (uniquified in the session that saved it); the group
  // is what ties weights to a layer of model_config.
  std::vector<std::string> layer_names;
};

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_LAYERS_MODEL_H_
