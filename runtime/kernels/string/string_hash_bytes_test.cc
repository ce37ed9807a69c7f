// Tests for the hash kernels (StringToHashBucket, StringToHashBucketStrong, Fingerprint), the
// regex kernels and the byte decoders (DecodeRaw, DecodePaddedRaw, DecodeCompressed,
// ParseTensor/SerializeTensor). Expected hashes come from published test vectors or a plain
// reference written here.
#include <zlib.h>

#include <cstring>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "proto/tensor.pb.h"
#include "runtime/kernels/misc/fingerprint.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::RunOp;

Tensor Vec(std::vector<std::string> values) {
  const int64_t n = static_cast<int64_t>(values.size());
  return Tensor::Strings({n}, std::move(values));
}
std::vector<int64_t> Int64Values(const Tensor& tensor) {
  return std::vector<int64_t>(tensor.values<int64_t>().begin(), tensor.values<int64_t>().end());
}
std::vector<int> ByteValues(const Tensor& tensor) {
  return std::vector<int>(tensor.values<uint8_t>().begin(), tensor.values<uint8_t>().end());
}
std::string Message(const absl::StatusOr<std::vector<Tensor>>& result) {
  return result.ok() ? "ok" : std::string(result.status().message());
}

// TF's Hash64 (MurmurHash64A with TF's seed), written byte by byte as the reference.
uint64_t ReferenceHash64(const std::string& s) {
  const uint64_t m = 0xc6a4a7935bd1e995ULL;
  uint64_t h = 0xDECAFCAFFEULL ^ (s.size() * m);
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t k = 0;
    for (int b = 7; b >= 0; --b) k = (k << 8) | static_cast<uint8_t>(s[i + b]);
    k *= m;
    k ^= k >> 47;
    k *= m;
    h ^= k;
    h *= m;
  }
  if (i < s.size()) {
    for (size_t b = i; b < s.size(); ++b)
      h ^= uint64_t{static_cast<uint8_t>(s[b])} << (8 * (b - i));
    h *= m;
  }
  h ^= h >> 47;
  h *= m;
  h ^= h >> 47;
  return h;
}

TEST(HashBucketTest, LegacyHash64) {
  const std::vector<std::string> inputs = {"", "Hello", "TensorFlow 2.x is here"};
  auto out = RunOp("StringToHashBucket", {Vec(inputs)},
                   "attr { key: \"num_buckets\" value { i: 1000003 } }");
  ASSERT_TRUE(out.ok()) << out.status();
  std::vector<int64_t> want;
  for (const std::string& s : inputs) want.push_back(ReferenceHash64(s) % 1000003);
  EXPECT_EQ(Int64Values((*out)[0]), want);
}

TEST(HashBucketTest, StrongIsSipHash24) {
  // SipHash-2-4 reference vector: key 00..0f, message 00..0e -> 0xa129ca6149be45e5.
  std::string message;
  for (int i = 0; i < 15; ++i) message.push_back(static_cast<char>(i));
  auto out = RunOp("StringToHashBucketStrong", {Vec({message})},
                   "attr { key: \"num_buckets\" value { i: 9223372036854775807 } }"
                   "attr { key: \"key\" value { list { i: 506097522914230528 "
                   "i: 1084818905618843912 } } }");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(Int64Values((*out)[0]), ElementsAre(2389663596494603750));
  // tf.strings.to_hash_bucket_strong's documented example.
  auto doc = RunOp("StringToHashBucketStrong", {Vec({"Hello", "TF"})},
                   "attr { key: \"num_buckets\" value { i: 3 } }"
                   "attr { key: \"key\" value { list { i: 1 i: 2 } } }");
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_THAT(Int64Values((*doc)[0]), ElementsAre(2, 0));
  EXPECT_THAT(Message(RunOp("StringToHashBucketStrong", {Vec({"a"})},
                            "attr { key: \"num_buckets\" value { i: 3 } }"
                            "attr { key: \"key\" value { list { i: 1 } } }")),
              HasSubstr("Key must have 2 elements"));
}

TEST(FingerprintTest, RowsOfBytesAndStrings) {
  const std::string method_attr = "attr { key: \"T\" value { type: DT_STRING } }";
  // FarmHash Fingerprint64("") is its constant k2, 0x9ae16a3b2f90404f.
  auto empty = RunOp("Fingerprint", {Vec({""}), Tensor::Strings({}, {"farmhash64"})}, method_attr);
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_THAT(ByteValues((*empty)[0]), ElementsAre(0x4f, 0x40, 0x90, 0x2f, 0x3b, 0x6a, 0xe1, 0x9a));
  // Several strings per row: the fingerprint of their fingerprints' little-endian bytes.
  auto rows = RunOp("Fingerprint",
                    {Tensor::Strings({1, 2}, {"a", "b"}), Tensor::Strings({}, {"farmhash64"})},
                    method_attr);
  ASSERT_TRUE(rows.ok()) << rows.status();
  std::string buffer;
  for (const char* s : {"a", "b"}) {
    const uint64_t f = misc::Fingerprint64(s);
    for (int b = 0; b < 8; ++b) buffer.push_back(static_cast<char>(f >> (8 * b)));
  }
  const uint64_t want = misc::Fingerprint64(buffer);
  std::vector<int> want_bytes;
  for (int b = 0; b < 8; ++b) want_bytes.push_back(static_cast<int>((want >> (8 * b)) & 0xff));
  EXPECT_EQ(ByteValues((*rows)[0]), want_bytes);
  // Numbers: the row's raw bytes.
  auto ints = RunOp("Fingerprint", {Ints({2, 1}, {1, 2}), Tensor::Strings({}, {"farmhash64"})},
                    "attr { key: \"T\" value { type: DT_INT32 } }");
  ASSERT_TRUE(ints.ok()) << ints.status();
  const uint64_t first = misc::Fingerprint64(std::string("\x01\0\0\0", 4));
  EXPECT_EQ(ByteValues((*ints)[0])[0], static_cast<int>(first & 0xff));
  EXPECT_EQ(ShapeString((*ints)[0].shape()), "[2,8]");
  EXPECT_THAT(
      Message(RunOp("Fingerprint", {Vec({"a"}), Tensor::Strings({}, {"md5"})}, method_attr)),
      HasSubstr("Unsupported fingerprint method: md5"));
  EXPECT_THAT(Message(RunOp("Fingerprint",
                            {Tensor::Strings({}, {"a"}), Tensor::Strings({}, {"farmhash64"})},
                            method_attr)),
              HasSubstr("at least one dimension"));
}

TEST(RegexTest, FullMatchAndReplace) {
  auto match =
      RunOp("RegexFullMatch", {Vec({"abc", "abcd", ""}), Tensor::Strings({}, {"a.c"})}, "");
  ASSERT_TRUE(match.ok()) << match.status();
  EXPECT_THAT((*match)[0].values<bool>(), ElementsAre(true, false, false));
  auto static_match = RunOp("StaticRegexFullMatch", {Vec({"x1", "xx"})},
                            "attr { key: \"pattern\" value { s: \"x\\\\d\" } }");
  ASSERT_TRUE(static_match.ok()) << static_match.status();
  EXPECT_THAT((*static_match)[0].values<bool>(), ElementsAre(true, false));
  auto replaced = RunOp("RegexReplace",
                        {Vec({"ann@home aa"}), Tensor::Strings({}, {"(\\w+)@(\\w+)"}),
                         Tensor::Strings({}, {"\\2:\\1"})},
                        "");
  ASSERT_TRUE(replaced.ok()) << replaced.status();
  EXPECT_THAT((*replaced)[0].strings(), ElementsAre("home:ann aa"));
  auto first =
      RunOp("RegexReplace", {Vec({"aaa"}), Tensor::Strings({}, {"a"}), Tensor::Strings({}, {"b"})},
            "attr { key: \"replace_global\" value { b: false } }");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT((*first)[0].strings(), ElementsAre("baa"));
  EXPECT_THAT(Message(RunOp("RegexFullMatch", {Vec({"a"}), Tensor::Strings({}, {"(a"})}, "")),
              HasSubstr("Invalid pattern"));
  EXPECT_THAT(
      Message(RunOp("RegexReplace",
                    {Vec({"a"}), Tensor::Strings({}, {"a"}), Tensor::Strings({}, {"\\1"})}, "")),
      HasSubstr("Invalid rewrite pattern"));
}

TEST(DecodeRawTest, BytesToNumbersBothEndians) {
  const std::string little("\x01\x00\x02\x01", 4);
  auto out = RunOp("DecodeRaw", {Vec({little, little})},
                   "attr { key: \"out_type\" value { type: DT_INT16 } }");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(ShapeString((*out)[0].shape()), "[2,2]");
  EXPECT_THAT((*out)[0].values<int16_t>(), ElementsAre(1, 258, 1, 258));
  auto big = RunOp("DecodeRaw", {Vec({little})},
                   "attr { key: \"out_type\" value { type: DT_INT16 } }"
                   "attr { key: \"little_endian\" value { b: false } }");
  ASSERT_TRUE(big.ok()) << big.status();
  EXPECT_THAT((*big)[0].values<int16_t>(), ElementsAre(256, 513));
  EXPECT_THAT(Message(RunOp("DecodeRaw", {Vec({"abc"})},
                            "attr { key: \"out_type\" value { type: DT_INT16 } }")),
              HasSubstr("not a multiple of 2"));
  EXPECT_THAT(Message(RunOp("DecodeRaw", {Vec({"ab", "abcd"})},
                            "attr { key: \"out_type\" value { type: DT_UINT8 } }")),
              HasSubstr("same size"));
}

TEST(DecodePaddedRawTest, TruncatesAndPads) {
  auto out = RunOp("DecodePaddedRaw",
                   {Vec({std::string("\x01\x02\x03", 3), std::string("\x05\x00\x06\x00\x07", 5)}),
                    Ints({}, {4})},
                   "attr { key: \"out_type\" value { type: DT_UINT16 } }");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].values<uint16_t>(), ElementsAre(0x0201, 0x0003, 5, 6));
  EXPECT_THAT(Message(RunOp("DecodePaddedRaw", {Vec({"a"}), Ints({}, {3})},
                            "attr { key: \"out_type\" value { type: DT_UINT16 } }")),
              HasSubstr("must be a multiple"));
}

std::string Compress(const std::string& text, bool gzip) {
  z_stream stream = {};
  deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, gzip ? 31 : 15, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, text.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

TEST(DecodeCompressedTest, ZlibGzipAndNone) {
  const std::string text(1000, 'q');
  auto zlib = RunOp("DecodeCompressed", {Vec({Compress(text, false), Compress("", false)})},
                    "attr { key: \"compression_type\" value { s: \"ZLIB\" } }");
  ASSERT_TRUE(zlib.ok()) << zlib.status();
  EXPECT_THAT((*zlib)[0].strings(), ElementsAre(text, ""));
  auto gzip = RunOp("DecodeCompressed", {Vec({Compress("hi", true)})},
                    "attr { key: \"compression_type\" value { s: \"GZIP\" } }");
  ASSERT_TRUE(gzip.ok()) << gzip.status();
  EXPECT_THAT((*gzip)[0].strings(), ElementsAre("hi"));
  auto none = RunOp("DecodeCompressed", {Vec({"raw"})}, "");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_THAT((*none)[0].strings(), ElementsAre("raw"));
  const std::string truncated = Compress(text, false).substr(0, 5);
  EXPECT_THAT(Message(RunOp("DecodeCompressed", {Vec({truncated})},
                            "attr { key: \"compression_type\" value { s: \"ZLIB\" } }")),
              HasSubstr("corrupt or truncated"));
}

TEST(TensorProtoOpsTest, SerializeThenParse) {
  auto serialized = RunOp("SerializeTensor", {Ints({2, 2}, {1, -2, 3, 4})},
                          "attr { key: \"T\" value { type: DT_INT32 } }");
  ASSERT_TRUE(serialized.ok()) << serialized.status();
  tensorflow::TensorProto proto;
  ASSERT_TRUE(proto.ParseFromString((*serialized)[0].strings()[0]));
  EXPECT_EQ(proto.dtype(), tensorflow::DT_INT32);
  EXPECT_EQ(proto.tensor_shape().dim_size(), 2);
  EXPECT_EQ(proto.tensor_content().size(), 16u);
  auto parsed = RunOp("ParseTensor", {(*serialized)[0]},
                      "attr { key: \"out_type\" value { type: DT_INT32 } }");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(ShapeString((*parsed)[0].shape()), "[2,2]");
  EXPECT_THAT(IntValues((*parsed)[0]), ElementsAre(1, -2, 3, 4));
  auto strings =
      RunOp("SerializeTensor", {Vec({"x", ""})}, "attr { key: \"T\" value { type: DT_STRING } }");
  ASSERT_TRUE(strings.ok()) << strings.status();
  auto back =
      RunOp("ParseTensor", {(*strings)[0]}, "attr { key: \"out_type\" value { type: DT_STRING } }");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_THAT((*back)[0].strings(), ElementsAre("x", ""));
  EXPECT_THAT(Message(RunOp("ParseTensor", {(*serialized)[0]},
                            "attr { key: \"out_type\" value { type: DT_FLOAT } }")),
              HasSubstr("Type mismatch between parsed tensor (int32) and dtype (float32)"));
  EXPECT_THAT(Message(RunOp("ParseTensor", {Tensor::Strings({}, {"\xff\xff"})},
                            "attr { key: \"out_type\" value { type: DT_FLOAT } }")),
              HasSubstr("Could not parse"));
}

}  // namespace
}  // namespace tfjs::runtime
