// run_graph_model end to end on a hand-written model: a bfloat16 input read from a float32 .npy
// and a bfloat16 output written as float32 .npy, both holding the exact bfloat16 values.
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "tools/npy/npy.h"
#include "tools/testing/test_files.h"

namespace tfjs::tools {
namespace {

namespace fs = std::filesystem;

constexpr char kModelJson[] = R"({
  "format": "graph-model",
  "modelTopology": {"node": [
    {"name": "x", "op": "Placeholder", "attr": {"dtype": {"type": "DT_BFLOAT16"}}},
    {"name": "two", "op": "Const", "attr": {"dtype": {"type": "DT_BFLOAT16"}, "value": {"tensor":
      {"dtype": "DT_BFLOAT16", "tensorShape": {}, "halfVal": [16384]}}}},
    {"name": "y", "op": "Mul", "input": ["x", "two"], "attr": {"T": {"type": "DT_BFLOAT16"}}}]},
  "weightsManifest": []})";

std::string Floats(std::initializer_list<float> values) {
  std::string bytes;
  for (float value : values) bytes.append(reinterpret_cast<const char*>(&value), sizeof(value));
  return bytes;
}

TEST(RunGraphModelTest, Bfloat16GoesInAndOutAsExactFloat32) {
  const fs::path dir = fs::path(std::getenv("TEST_TMPDIR")) / "bfloat16";
  fs::create_directories(dir);
  std::ofstream(dir / "model.json") << kModelJson;
  // 1.5, -4 and 1 + 2^-7 are bfloat16 values; times 2 they stay exact.
  std::ofstream(dir / "x.npy", std::ios::binary)
      << EncodeNpy({"<f4", {3}, Floats({1.5f, -4.f, 1.f + 1.f / 128})});
  const std::string command = "tools/run_graph_model --model " + (dir / "model.json").string() +
                              " --input x=" + (dir / "x.npy").string() + " --output y" +
                              " --output_dir " + (dir / "out").string();
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  absl::StatusOr<NpyArray> y = DecodeNpy(test_files::ReadFile(dir / "out" / "0_y.npy"), "0_y.npy");
  ASSERT_TRUE(y.ok()) << y.status();
  EXPECT_EQ(y->descr, "<f4");
  EXPECT_EQ(y->shape, std::vector<int64_t>{3});
  EXPECT_EQ(y->data, Floats({3.f, -8.f, 2.f + 1.f / 64}));
}

TEST(RunGraphModelTest, HelpSaysHowBfloat16IsStored) {
  const fs::path out = fs::path(std::getenv("TEST_TMPDIR")) / "help.txt";
  ASSERT_EQ(std::system(("tools/run_graph_model --help > " + out.string()).c_str()), 0);
  EXPECT_NE(test_files::ReadFile(out).find("bfloat16 outputs are written as float32 .npy"),
            std::string::npos);
}

}  // namespace
}  // namespace tfjs::tools
