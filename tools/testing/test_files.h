// Reading a whole file in tests that check what a tool or the converter wrote.
#ifndef TFJS_NATIVE_TOOLS_TESTING_TEST_FILES_H_
#define TFJS_NATIVE_TOOLS_TESTING_TEST_FILES_H_

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace tfjs::test_files {

// The file's bytes; empty when it cannot be opened (the test's expectations then fail).
inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), {});
}

}  // namespace tfjs::test_files

#endif  // TFJS_NATIVE_TOOLS_TESTING_TEST_FILES_H_
