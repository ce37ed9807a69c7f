// libFuzzer target: model.json and bare weights manifests (our JSON-to-protobuf parser, the
// manifest checks) on arbitrary bytes. Any outcome but a crash, a sanitizer report or a hang is
// fine.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/model_json.h"
#include "io/weights_manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)tfjs::io::ParseModelJson(text, "model.json");
  (void)tfjs::io::ParseWeightsManifest(text, "manifest.json");
  return 0;
}
