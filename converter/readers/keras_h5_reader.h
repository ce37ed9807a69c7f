// Keras HDF5 reader: a file Keras 2's model.save() or save_weights() wrote, as the LayersModel
// tensorflowjs_converter's --input_format=keras makes of it.
#ifndef TFJS_NATIVE_CONVERTER_READERS_KERAS_H5_READER_H_
#define TFJS_NATIVE_CONVERTER_READERS_KERAS_H5_READER_H_

#include <string>

#include "absl/status/statusor.h"
#include "converter/layers_model.h"

namespace tfjs::converter {

// As keras_h5_conversion.py reads it:
// - keras_version and backend are root attributes; Keras versions other than 2.x are refused.
// - A saved model (root attribute model_config, and training_config when present) has its
//   weights in the group model_weights, one subgroup per layer, taken in name order (h5py's).
// - A weights-only file (no model_config) lists its layers in the root attribute layer_names;
//   the LayersModel then has no model_config.
// - In a layer's group, a group with the attribute weight_names holds those weights in that
//   order (names keep their path below the layer, lose their ":0"); a group without it is
//   searched in name order. Layers without weights are left out.
// Errors name the file and the group, attribute or dataset.
absl::StatusOr<LayersModel> ReadKerasH5(const std::string& path);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_KERAS_H5_READER_H_
